//! Generated protobuf and gRPC code for `sift.v1`.

#![allow(clippy::all, clippy::pedantic, missing_docs)]

tonic::include_proto!("sift.v1");

/// Encoded descriptor set of every `sift.v1` file, served by gRPC reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] = tonic::include_file_descriptor_set!("sift_descriptor");
