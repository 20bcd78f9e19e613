//! Fast restarts (issue 19): the clustering index is saved in the database now and then, and a
//! start loads the newest snapshot and replays only the clustering log after it.
//!
//! Safety first: a snapshot is used only when its format, the clustering configuration and the
//! clustering code that made it (see [`fingerprint`]) are this build's, its bytes check out, and
//! no erasure happened after it; anything else falls back to the full replay, logged at warn
//! with the reason. A snapshot is written by whichever instance's turn comes (periodically and
//! on a graceful stop), in one transaction, and only from an engine that holds exactly what a
//! replay of the log would: no uncommitted decision, and no erased words seen live.

use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use tracing::{info, warn};

use super::clustering::Clustering;
use crate::domain::cluster::{ClusterConfig, Clusterer, SNAPSHOT_FORMAT};
use crate::error::AppError;
use crate::store::{GlobalLock, Store, snapshot};

/// The code that tokenises, counts and places (paths under `src/`), each with its text: every
/// file of `domain/text/` and `domain/cluster/` belongs here (a test checks it).
const ANALYSIS_SOURCES: &[(&str, &str)] = &[
    ("domain/cluster.rs", include_str!("../domain/cluster.rs")),
    (
        "domain/cluster/lexical.rs",
        include_str!("../domain/cluster/lexical.rs"),
    ),
    (
        "domain/cluster/representation.rs",
        include_str!("../domain/cluster/representation.rs"),
    ),
    (
        "domain/cluster/snapshot.rs",
        include_str!("../domain/cluster/snapshot.rs"),
    ),
    ("domain/text.rs", include_str!("../domain/text.rs")),
    (
        "domain/text/normalize.rs",
        include_str!("../domain/text/normalize.rs"),
    ),
    (
        "domain/text/sentences.rs",
        include_str!("../domain/text/sentences.rs"),
    ),
    (
        "domain/text/stemmer.rs",
        include_str!("../domain/text/stemmer.rs"),
    ),
    (
        "domain/text/stop_words.rs",
        include_str!("../domain/text/stop_words.rs"),
    ),
    (
        "domain/text/markup.rs",
        include_str!("../domain/text/markup.rs"),
    ),
    (
        "domain/text/names.rs",
        include_str!("../domain/text/names.rs"),
    ),
    (
        "domain/text/tokenizer.rs",
        include_str!("../domain/text/tokenizer.rs"),
    ),
    (
        "domain/boilerplate.rs",
        include_str!("../domain/boilerplate.rs"),
    ),
    (
        "domain/recurring.rs",
        include_str!("../domain/recurring.rs"),
    ),
    ("service/clustering.rs", include_str!("clustering.rs")),
];

/// Identifies what a snapshot's engine depends on besides the log: the clustering
/// configuration and the code that tokenises, counts and places (a changed analyzer makes other
/// terms of the same text, so an old snapshot and a new tail would mix two vocabularies). Any
/// change to those files, even a comment, costs one full replay after the upgrade.
pub fn fingerprint(config: &ClusterConfig) -> String {
    let mut h = Sha256::new();
    h.update(SNAPSHOT_FORMAT.to_le_bytes());
    h.update(format!("{config:?}").as_bytes());
    for (_, source) in ANALYSIS_SOURCES {
        h.update((source.len() as u64).to_le_bytes());
        h.update(source.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// How the clustering index was built at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartFrom {
    /// From the snapshot covering the log up to `position`, then the log after it.
    Snapshot { position: i64 },
    /// From the whole log; `reason` says why no snapshot was used.
    FullReplay { reason: String },
}

/// Builds the clustering index before the server takes calls: the newest usable snapshot
/// (unless `use_snapshot` is off) and the log after it, or the whole log.
pub async fn start(
    store: &Store,
    clustering: &Clustering,
    use_snapshot: bool,
) -> Result<StartFrom, AppError> {
    let started = Instant::now();
    let mut from = if use_snapshot {
        load(store, clustering).await
    } else {
        StartFrom::FullReplay {
            reason: "snapshots turned off (--full-replay)".into(),
        }
    };
    {
        let _changes = clustering.lock_changes().await;
        let tx = store.begin_write(Some(GlobalLock::Ingest)).await?;
        if let StartFrom::Snapshot { position } = from
            && snapshot::erased_after(&*tx, position).await?
        {
            // The snapshot holds words erased since: start over from the log (a dirty
            // engine is rebuilt from the first event by `catch_up`).
            warn!(
                position,
                "clustering snapshot predates an erasure: full replay"
            );
            clustering.write().dirty = true;
            from = StartFrom::FullReplay {
                reason: "an erasure after the snapshot".into(),
            };
        }
        clustering.catch_up(&*tx).await?;
        tx.commit().await?;
    }
    {
        let mut s = clustering.write();
        // What the start read of erased feedback was already without words.
        s.erased_live = false;
        info!(
            seconds = started.elapsed().as_secs_f64(),
            items = s.engine.num_docs(),
            position = s.last_event,
            from = ?from,
            "clustering index ready"
        );
    }
    Ok(from)
}

/// Installs the newest snapshot into `clustering` when it is usable; otherwise leaves it empty
/// and says why.
async fn load(store: &Store, clustering: &Clustering) -> StartFrom {
    let fallback = |reason: String| {
        warn!(%reason, "clustering snapshot not used: full replay of the clustering log");
        StartFrom::FullReplay { reason }
    };
    if clustering.placer().is_some() {
        // The sentence vectors of the embedding model are not in the snapshot.
        return StartFrom::FullReplay {
            reason: "the embedding model is on".into(),
        };
    }
    let db = store.db();
    let head = match snapshot::newest(db).await {
        Ok(Some(head)) => head,
        Ok(None) => {
            return StartFrom::FullReplay {
                reason: "no snapshot yet".into(),
            };
        }
        Err(e) => return fallback(format!("reading the snapshot: {e}")),
    };
    let config = clustering.read().engine.config().clone();
    if head.format != SNAPSHOT_FORMAT as i32 {
        return fallback(format!(
            "snapshot format {}, this build reads {SNAPSHOT_FORMAT}",
            head.format
        ));
    }
    if head.fingerprint != fingerprint(&config) {
        return fallback(
            "snapshot made with another clustering configuration or version".to_owned(),
        );
    }
    let reading = Instant::now();
    let bytes = match snapshot::bytes(db, &head).await {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return fallback("snapshot incomplete".into()),
        Err(e) => return fallback(format!("reading the snapshot: {e}")),
    };
    let read = reading.elapsed();
    let decoding = Instant::now();
    let decoded =
        tokio::task::spawn_blocking(move || Clusterer::decode_snapshot(config, &bytes)).await;
    match decoded {
        Ok(Ok(engine)) => {
            tracing::debug!(
                bytes = head.size_bytes,
                read_seconds = read.as_secs_f64(),
                decode_seconds = decoding.elapsed().as_secs_f64(),
                position = head.position,
                "clustering snapshot loaded"
            );
            let mut s = clustering.write();
            s.engine = engine;
            s.generation += 1;
            s.last_event = head.position;
            s.dirty = false;
            StartFrom::Snapshot {
                position: head.position,
            }
        }
        Ok(Err(e)) => fallback(format!("snapshot {}: {e}", head.id)),
        Err(e) => fallback(format!("decoding the snapshot: {e}")),
    }
}

/// Writes a snapshot of this instance's index when it covers more of the log than the newest
/// one and holds nothing a replay would not. Returns the position written, if any.
pub async fn write(store: &Store, clustering: &Clustering) -> Result<Option<i64>, AppError> {
    if clustering.placer().is_some() {
        return Ok(None);
    }
    let newest = snapshot::newest(store.db())
        .await?
        .map_or(0, |h| h.position);
    let copied = {
        // The change lock keeps uncommitted decisions out, only while the engine is copied
        // (several times faster than encoding it): ingest waits for the copy, not the encoding.
        // Reads go on meanwhile.
        let _changes = clustering.lock_changes().await;
        let c = clustering.clone();
        tokio::task::spawn_blocking(move || {
            let s = c.read();
            let clean = !s.dirty && !s.erased_live && s.semantic.num_docs() == 0;
            (clean && s.last_event > newest).then(|| (s.last_event, s.engine.clone()))
        })
        .await
        .map_err(|e| AppError::Internal(format!("copying the clustering index: {e}")))?
    };
    let Some((position, engine)) = copied else {
        return Ok(None);
    };
    let (fingerprint, bytes) = tokio::task::spawn_blocking(move || {
        (fingerprint(engine.config()), engine.encode_snapshot())
    })
    .await
    .map_err(|e| AppError::Internal(format!("encoding the snapshot: {e}")))?;
    let tx = store.begin_write(None).await?;
    if snapshot::erased_after(&*tx, position).await? {
        return Ok(None);
    }
    let now = crate::store::to_micros(chrono::Utc::now());
    let written =
        snapshot::save(&*tx, position, SNAPSHOT_FORMAT, &fingerprint, &bytes, now).await?;
    tx.commit().await?;
    if written.is_some() {
        info!(position, bytes = bytes.len(), "clustering snapshot written");
    }
    Ok(written.map(|_| position))
}

/// Writes a snapshot every `every` while the log moves on (a failure is logged and retried at
/// the next tick).
pub async fn write_every(store: Store, clustering: Clustering, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    ticks.tick().await;
    loop {
        ticks.tick().await;
        if let Err(error) = write(&store, &clustering).await {
            warn!(%error, "clustering snapshot not written");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ANALYSIS_SOURCES;
    use std::path::Path;

    /// A file added to text analysis or the engine must change the fingerprint when edited:
    /// each one under `domain/text/` and `domain/cluster/` is listed, with its own text.
    #[test]
    fn fingerprint_covers_every_analysis_file() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for (path, text) in ANALYSIS_SOURCES {
            let on_disk = std::fs::read_to_string(src.join(path)).expect(path);
            assert_eq!(on_disk, *text, "{path} is listed with another file's text");
        }
        for dir in ["domain/text", "domain/cluster"] {
            let mut found = 0;
            for entry in std::fs::read_dir(src.join(dir)).expect(dir) {
                let name = entry.expect(dir).file_name();
                let path = format!("{dir}/{}", name.to_string_lossy());
                if path.ends_with(".rs") {
                    found += 1;
                    assert!(
                        ANALYSIS_SOURCES.iter().any(|(p, _)| *p == path),
                        "{path} is not in the snapshot fingerprint"
                    );
                }
            }
            assert!(found > 0, "no source files under {dir}");
        }
    }
}
