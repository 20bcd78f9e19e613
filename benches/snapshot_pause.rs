//! Ingest latency while the clustering snapshot is written (issue 19). Preloads `--preload`
//! realistic tickets (the shared sets in ticket boilerplate, `common::realistic`) through
//! ImportFeedback, then runs `--clients` SubmitFeedback clients (a connection each, auth on) in
//! rounds that alternate "no snapshot" with "a snapshot written every `--every` seconds" (the
//! same `service::snapshot::write` the periodic writer runs), and compares SubmitFeedback's p50,
//! p99 and slowest call between the two kinds of round: what a snapshot write costs ingest.
//!
//! cargo bench --bench snapshot_pause -- [--preload 300000] [--clients 16] [--seconds 10]
//!     [--rounds 3] [--every 3] [--postgres postgres://postgres@127.0.0.1:5432] [--keep-db]

mod common;

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::{Duration, Instant};

use common::submit::{preload, print_medians, submit_round, summary};

#[tokio::main]
async fn main() {
    let (mut preload_n, mut clients, mut seconds, mut rounds, mut every) =
        (300_000usize, 16usize, 10u64, 3usize, 3u64);
    let mut postgres = None::<String>;
    let mut args = common::bench_args();
    while let Some(flag) = args.next() {
        let mut num = |d: usize| args.next().and_then(|v| v.parse().ok()).unwrap_or(d);
        match flag.as_str() {
            "--preload" => preload_n = num(preload_n),
            "--clients" => clients = num(clients),
            "--seconds" => seconds = num(seconds as usize) as u64,
            "--rounds" => rounds = num(rounds),
            "--every" => every = num(every as usize) as u64,
            "--postgres" => postgres = args.next(),
            _ => {}
        }
    }
    let database = common::fresh_database("snapshot_pause", postgres.as_deref()).await;
    let url = database.url();
    let mut config = sift::Config::for_database(url.clone());
    config.auth = true;
    // The bench writes the snapshots itself, in its own rounds.
    config.snapshot_every = None;
    let app = sift::App::build(config).await.expect("sift builds");
    let addr = app.addr();
    let (store, clustering) = (app.store().clone(), app.clustering().clone());
    tokio::spawn(async move { app.run_until(std::future::pending()).await });
    let secret = common::bench_token(&url).await;
    let setup = common::client(addr, &secret).await;
    let t = Instant::now();
    preload(&setup, preload_n).await;
    println!(
        "snapshot pause: {} with {preload_n} realistic tickets preloaded in {:.1} s; {clients} \
         SubmitFeedback clients, rounds of {seconds} s alternating no snapshot / a snapshot \
         every {every} s; load average {}",
        if postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        t.elapsed().as_secs_f64(),
        common::load_average()
    );
    let texts = common::realistic::ticket_texts(50_000);
    let next = Arc::new(AtomicUsize::new(preload_n));
    let mut channels = Vec::new();
    for _ in 0..clients {
        channels.push(common::client(addr, &secret).await);
    }
    let (mut quiet, mut busy) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let mut lat = submit_round(&channels, seconds, &texts, &next).await;
        let q = summary(&mut lat, seconds);
        // The same round with snapshots written alongside.
        let writer = {
            let (store, clustering) = (store.clone(), clustering.clone());
            tokio::spawn(async move {
                let mut writes = Vec::new();
                let until = Instant::now() + Duration::from_secs(seconds);
                while Instant::now() + Duration::from_secs(every) <= until {
                    tokio::time::sleep(Duration::from_secs(every)).await;
                    let t = Instant::now();
                    sift::service::snapshot::write(&store, &clustering)
                        .await
                        .expect("snapshot written");
                    writes.push(t.elapsed());
                }
                writes
            })
        };
        let mut lat = submit_round(&channels, seconds, &texts, &next).await;
        let writes = writer.await.expect("snapshot writer");
        let b = summary(&mut lat, seconds);
        let w: Vec<String> = writes
            .iter()
            .map(|d| format!("{:.0}", d.as_secs_f64() * 1e3))
            .collect();
        println!(
            "round {}: no snapshot {:.0} calls/s p50 {:.1} ms p99 {:.1} ms max {:.0} ms | \
             snapshots ({} writes, {} ms each) {:.0} calls/s p50 {:.1} ms p99 {:.1} ms max {:.0} ms \
             | p99 ratio {:.2}, max ratio {:.2}; load average {}",
            round + 1,
            q.0,
            q.1,
            q.2,
            q.3,
            writes.len(),
            w.join("/"),
            b.0,
            b.1,
            b.2,
            b.3,
            b.2 / q.2.max(1e-9),
            b.3 / q.3.max(1e-9),
            common::load_average()
        );
        quiet.push(q);
        busy.push(b);
    }
    print_medians("snapshots", &quiet, &busy);
}
