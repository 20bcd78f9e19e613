//! Memory of the clustering index per million items: fills the engine in-process (no server, no
//! database) with realistic tickets (`common::realistic`: the shared sets interleaved, wrapped
//! in ticket boilerplate, every item's boilerplate drawn anew) and prints, at each checkpoint,
//! the engine's own count of its heap bytes and the growth of this process's resident memory,
//! per million items; at the end, how long copying the engine takes against encoding it as a
//! snapshot (median of 3).
//!
//! cargo bench --bench index_memory -- [--items 1000000] [--every 250000]

mod common;

use std::time::Instant;

use sift::domain::cluster::{ClusterConfig, Clusterer};

fn main() {
    let (mut items, mut every) = (1_000_000usize, 250_000usize);
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--items" => items = args.next().and_then(|v| v.parse().ok()).unwrap_or(items),
            "--every" => every = args.next().and_then(|v| v.parse().ok()).unwrap_or(every),
            _ => {}
        }
    }
    let lines = common::realistic::Lines::load();
    let base = common::rss_mb();
    let mut engine = Clusterer::new(ClusterConfig::default());
    let mut next_request = 1u64;
    let start = Instant::now();
    println!(
        "clustering index memory: {items} realistic tickets, load average {}",
        common::load_average()
    );
    for n in 0..items {
        let text = lines.ticket(n);
        let a = engine.assign(n as u64 + 1, &text, next_request);
        if a.request_id == next_request {
            next_request += 1;
        }
        if (n + 1) % every == 0 || n + 1 == items {
            let done = (n + 1) as f64;
            let heap = engine.heap_bytes() as f64 / (1 << 20) as f64;
            let rss = common::rss_mb() - base;
            println!(
                "{:>9} items, {:>7} requests: engine heap {heap:>7.0} MiB ({:.0} MiB per million), \
                 resident +{rss:.0} MiB ({:.0} MiB per million), {:.0} items/s",
                n + 1,
                engine.num_requests(),
                heap / done * 1e6,
                rss / done * 1e6,
                done / start.elapsed().as_secs_f64()
            );
        }
    }
    // What a snapshot write costs the change lock: before, the encoding was done under it; now
    // only a copy of the engine is, and the copy is encoded after the lock is released.
    let (mut copies, mut encodes) = (Vec::new(), Vec::new());
    let mut size = 0;
    for _ in 0..3 {
        let t = Instant::now();
        let copy = engine.clone();
        copies.push(t.elapsed());
        let t = Instant::now();
        size = copy.encode_snapshot().len();
        encodes.push(t.elapsed());
    }
    let median = |v: &mut Vec<std::time::Duration>| {
        v.sort();
        (
            v[v.len() / 2].as_secs_f64() * 1e3,
            v[0].as_secs_f64() * 1e3,
            v[v.len() - 1].as_secs_f64() * 1e3,
        )
    };
    let (c, c_min, c_max) = median(&mut copies);
    let (e, e_min, e_max) = median(&mut encodes);
    println!(
        "snapshot of {items} items ({:.1} MB): copying the engine median {c:.0} ms ({c_min:.0}-{c_max:.0}), \
         encoding it median {e:.0} ms ({e_min:.0}-{e_max:.0}); encode / copy {:.1}x",
        size as f64 / 1e6,
        e / c.max(1e-9)
    );
    println!("load average at the end {}", common::load_average());
}
