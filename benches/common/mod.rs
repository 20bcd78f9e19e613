//! What the load generators share: a deterministic generator, pseudo-words, a fresh database
//! (removed after the run unless `--keep-db`), an in-process server and a client channel, and summary statistics.

#![allow(dead_code, unused_imports)] // each benchmark uses its own subset

pub mod ceiling;
mod db;
pub mod realistic;
pub mod submit;

pub use db::{FreshDatabase, bench_args, keep_requested};

use std::net::SocketAddr;
use std::time::Duration;

/// The server binary's allocator, so the in-process server is measured as it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use sift::{App, Config};
use tonic::transport::{Channel, Endpoint};

/// A tiny deterministic generator (no dependency).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The `i`-th pronounceable pseudo-word: a vocabulary of distinct content words.
/// Account `acct-{i}` as the CRM would send it: a few large accounts, many small ones, with
/// segment, seats, a renewal date in 2027 and health drawn from `rng`.
pub fn account(i: usize, rng: &mut Lcg) -> sift::pb::AccountInput {
    let arr = match rng.below(100) {
        0 => 20_000_000 + rng.below(80_000_000) as i64,
        1..=10 => 2_500_000 + rng.below(7_500_000) as i64,
        _ => 50_000 + rng.below(2_000_000) as i64,
    };
    sift::pb::AccountInput {
        external_id: format!("acct-{i}"),
        name: Some(format!("Account {i}")),
        arr: Some(arr),
        tier: Some(sift::pb::Tier::Unspecified as i32),
        segment: Some(["smb", "mid", "enterprise"][rng.below(3)].into()),
        seats: Some(5 + rng.below(500) as i32),
        renewal_date: Some(format!(
            "2027-{:02}-{:02}",
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        health: Some(rng.below(101) as i32),
        csm_email: Some(String::new()),
        effective_at: None,
    }
}

/// The requester of ticket `n` of account `account`, as a help desk names them: one of 8
/// people of each account (external id, e-mail and name), so a ticket carries a contact as a
/// real one does and the writer looks it up (and creates it the first time).
pub fn requester(account: usize, n: usize) -> sift::pb::ContactRef {
    const FIRST: [&str; 8] = [
        "Maria", "James", "Wei", "Aisha", "Lukas", "Priya", "Tomás", "Yuki",
    ];
    const LAST: [&str; 8] = [
        "Garcia", "Smith", "Zhang", "Khan", "Müller", "Patel", "Silva", "Tanaka",
    ];
    let k = (n / 7) % 8;
    let (first, last) = (FIRST[k], LAST[(k + account) % 8]);
    sift::pb::ContactRef {
        external_id: format!("contact-{account}-{k}"),
        email: format!("{}.{}@acct-{account}.example", first.to_lowercase(), k),
        name: format!("{first} {last}"),
    }
}

pub fn word(i: usize) -> String {
    const ON: [&str; 16] = [
        "b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh",
    ];
    const NU: [&str; 6] = ["a", "e", "i", "o", "u", "ai"];
    let mut w = String::new();
    let mut x = i + 7;
    for _ in 0..3 {
        w.push_str(ON[x % ON.len()]);
        x /= ON.len();
        w.push_str(NU[x % NU.len()]);
        x /= NU.len();
    }
    w
}

/// A fresh database for this run (see [`FreshDatabase`]): a new PostgreSQL database under
/// `postgres` (a server URL), else a new SQLite file in a temporary directory. It is removed
/// when the guard drops, also on a panic or Ctrl-C, unless the command line has `--keep-db`.
pub async fn fresh_database(tag: &str, postgres: Option<&str>) -> FreshDatabase {
    FreshDatabase::create(tag, postgres, keep_requested())
        .await
        .removed_on_ctrl_c()
}

/// Starts Sift in-process on `url`; returns its address.
pub async fn spawn_sift(url: String) -> SocketAddr {
    let app = App::build(Config::for_database(url))
        .await
        .expect("sift builds");
    let addr = app.addr();
    tokio::spawn(async move {
        app.run_until(std::future::pending())
            .await
            .expect("sift serves")
    });
    addr
}

/// Starts Sift in-process with `config`; returns its address.
pub async fn spawn_sift_with(config: Config) -> SocketAddr {
    let app = App::build(config).await.expect("sift builds");
    let addr = app.addr();
    tokio::spawn(async move {
        app.run_until(std::future::pending())
            .await
            .expect("sift serves")
    });
    addr
}

/// A token for the load clients (ingest and read), straight in the store as `sift token
/// create` makes it.
pub async fn bench_token(url: &str) -> String {
    let store = sift::store::Store::connect(url, 2).await.expect("store");
    sift::service::access::Tokens::new(store)
        .create("load", &["ingest".into(), "read".into()])
        .await
        .expect("token")
        .1
}

/// A client connection of its own (TCP_NODELAY, bearer token).
pub async fn client(addr: SocketAddr, secret: &str) -> sift::cli::client::Ch {
    sift::cli::client::connect(&addr.to_string(), secret)
        .await
        .expect("connect")
}

/// The durability ceilings of the database at `url` (see [`ceiling`]), on a connection with
/// Sift's own settings: for SQLite a scratch file beside the benchmark's database.
pub async fn ceilings(url: &str, rows_per_commit: usize, time: Duration) -> ceiling::Ceilings {
    if let Some(path) = url.strip_prefix("sqlite://") {
        let file = std::path::Path::new(path.split('?').next().unwrap_or(path));
        let dir = file.parent().expect("database directory").to_owned();
        let scratch = format!("sqlite://{}", dir.join("ceiling.db").display());
        let store = sift::store::Store::connect(&scratch, 1)
            .await
            .expect("scratch");
        let c = ceiling::measure(store.db(), rows_per_commit, time, Some(&dir)).await;
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(dir.join(format!("ceiling.db{suffix}")));
        }
        c
    } else {
        let store = sift::store::Store::connect(url, 2).await.expect("store");
        let tcp = ceiling::measure(store.db(), rows_per_commit, time, None).await;
        // sqlx 0.9 does not set TCP_NODELAY: a statement a little over the socket's initial
        // send buffer (16 KiB) leaves a small tail that Nagle holds until the server's delayed
        // ACK (about 40 ms). The database's own ceiling is measured over its Unix socket,
        // where there is no Nagle, when the server has one here.
        let dir = "/var/run/postgresql";
        let port = url
            .rsplit_once(':')
            .and_then(|(_, rest)| rest.split('/').next())
            .and_then(|p| p.parse::<u16>().ok())
            .unwrap_or(5432);
        if url.contains("host=/")
            || !std::path::Path::new(&format!("{dir}/.s.PGSQL.{port}")).exists()
        {
            return tcp;
        }
        let sep = if url.contains('?') { '&' } else { '?' };
        let local = format!("{url}{sep}host={dir}");
        let store = sift::store::Store::connect(&local, 2)
            .await
            .expect("store over the Unix socket");
        let own = ceiling::measure(store.db(), rows_per_commit, time, None).await;
        println!(
            "over TCP through sqlx (no TCP_NODELAY): {:.0} commits/s one at a time, group-commit \
             {:.0} rows/s; the figures below are over the Unix socket",
            tcp.single.per_second, tcp.group_rows_per_second
        );
        own
    }
}

/// `uptime`'s load averages, to print beside figures measured on a shared machine.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

/// A connected channel with TCP_NODELAY.
pub async fn channel(addr: SocketAddr) -> Channel {
    Endpoint::from_shared(format!("http://{addr}"))
        .expect("endpoint")
        .tcp_nodelay(true)
        .connect()
        .await
        .expect("connect")
}

/// The `p` quantile of `v`, in milliseconds.
pub fn percentile_ms(v: &mut [Duration], p: f64) -> f64 {
    v.sort_unstable();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

/// A memory figure of this process from /proc/self/status (`VmRSS`, `VmHWM`), in MiB.
fn status_mb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.strip_prefix(field).is_some_and(|r| r.starts_with(':')))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Peak resident memory of this process (VmHWM), in MiB.
pub fn peak_rss_mb() -> f64 {
    status_mb("VmHWM")
}

/// Resident memory of this process now (VmRSS), in MiB.
pub fn rss_mb() -> f64 {
    status_mb("VmRSS")
}

/// Imports `n` items through ImportFeedback in streams of 10,000, item `i` made by `item(i)`:
/// how the benches fill a database before they measure.
pub async fn import_feedback(
    ch: &sift::cli::client::Ch,
    n: usize,
    item: impl Fn(usize) -> sift::pb::FeedbackInput,
) {
    let mut feedback = sift::pb::feedback_service_client::FeedbackServiceClient::new(ch.clone())
        .max_decoding_message_size(64 << 20);
    let mut done = 0;
    while done < n {
        let size = (n - done).min(10_000);
        let items: Vec<sift::pb::ImportFeedbackRequest> = (done..done + size)
            .map(|i| sift::pb::ImportFeedbackRequest {
                feedback: Some(item(i)),
            })
            .collect();
        feedback
            .import_feedback(tokio_stream::iter(items))
            .await
            .expect("preload");
        done += size;
    }
}
