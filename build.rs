//! Compiles `proto/sift/v1/*.proto` with the pure-Rust `protox` compiler (no system `protoc`)
//! and writes the descriptor set that gRPC server reflection serves.

use std::{env, fs, path::PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut protos: Vec<PathBuf> = fs::read_dir("proto/sift/v1")?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "proto"))
        .collect();
    protos.sort();
    for proto in &protos {
        println!("cargo:rerun-if-changed={}", proto.display());
    }
    println!("cargo:rerun-if-changed=proto/sift/v1");

    let mut compiler = protox::Compiler::new(["proto"])?;
    compiler
        .include_source_info(true)
        .include_imports(true)
        .open_files(&protos)?;
    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    // Encoded by protox itself: prost's descriptor types would drop the custom options (the
    // string length limits of `limits.proto`), which the server reads from this set.
    fs::write(
        out_dir.join("sift_descriptor.bin"),
        compiler.encode_file_descriptor_set(),
    )?;

    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .compile_fds(compiler.file_descriptor_set())?;
    Ok(())
}
