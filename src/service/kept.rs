//! Rows kept in memory while the views version they were read after stays
//! ([`crate::store::VIEWS_VERSION`]): backlog pages, similarity answers and the scoring
//! profiles read them from here instead of the database.

use std::collections::HashMap;

use crate::error::AppError;

/// Rows by id, each read after the views version was read as `stamp`.
pub(crate) struct Kept<T> {
    stamp: i64,
    rows: HashMap<i64, T>,
}

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Self {
            stamp: i64::MIN,
            rows: HashMap::new(),
        }
    }
}

/// Rows kept of each kind at most; past it they start again.
const KEPT_ROWS: usize = 20_000;

impl<T: Clone> Kept<T> {
    /// The kept rows of `ids` for a reader that read the views version as `stamp` (none
    /// without one: it reads everything), and the ids it must read. Rows kept under a newer
    /// version than the reader's are newer than it needs; an older version's go.
    pub(crate) fn split(&mut self, stamp: Option<i64>, ids: &[i64]) -> (HashMap<i64, T>, Vec<i64>) {
        let Some(stamp) = stamp else {
            return (HashMap::new(), ids.to_vec());
        };
        if stamp > self.stamp {
            self.rows.clear();
            self.stamp = stamp;
        }
        let mut found = HashMap::with_capacity(ids.len());
        let mut missing = Vec::new();
        for id in ids {
            match self.rows.get(id) {
                Some(row) => {
                    found.insert(*id, row.clone());
                }
                None => missing.push(*id),
            }
        }
        (found, missing)
    }

    /// Keeps rows read after reading the version as `stamp`, if that is still the version
    /// kept (a write may have landed since the reader read it).
    pub(crate) fn keep(&mut self, stamp: Option<i64>, rows: &HashMap<i64, T>) {
        if stamp != Some(self.stamp) {
            return;
        }
        if self.rows.len() + rows.len() > KEPT_ROWS {
            self.rows.clear();
        }
        self.rows
            .extend(rows.iter().map(|(id, row)| (*id, row.clone())));
    }
}

/// The rows of `ids`: kept ones from `kept`, the others by `read` (then kept).
pub(crate) async fn kept<T, F, Fut>(
    kept: &std::sync::Mutex<Kept<T>>,
    stamp: Option<i64>,
    ids: &[i64],
    read: F,
) -> Result<HashMap<i64, T>, AppError>
where
    T: Clone,
    F: FnOnce(Vec<i64>) -> Fut,
    Fut: std::future::Future<Output = Result<HashMap<i64, T>, AppError>>,
{
    let lock = || kept.lock().unwrap_or_else(|e| e.into_inner());
    let (mut found, missing) = lock().split(stamp, ids);
    if !missing.is_empty() {
        let read = read(missing).await?;
        lock().keep(stamp, &read);
        found.extend(read);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::Kept;

    /// Kept rows serve readers of their version or an older one; a newer version drops them;
    /// rows read under a version older than the kept one are not kept (a write may have landed
    /// between the reader's stamp and its read).
    #[test]
    fn kept_rows_follow_the_views_version() {
        let mut kept: Kept<&str> = Kept::default();
        let (found, missing) = kept.split(Some(3), &[1, 2]);
        assert!(found.is_empty());
        assert_eq!(missing, [1, 2]);
        kept.keep(Some(3), &[(1, "one"), (2, "two")].into_iter().collect());
        let (found, missing) = kept.split(Some(2), &[1, 2]);
        assert_eq!(
            (found.len(), missing.len()),
            (2, 0),
            "older readers are served"
        );
        let (found, _) = kept.split(Some(3), &[1]);
        assert_eq!(found[&1], "one");
        // A reader with no version reads everything and keeps nothing.
        let (found, missing) = kept.split(None, &[1]);
        assert_eq!((found.len(), missing), (0, vec![1]));
        kept.keep(None, &[(9, "nine")].into_iter().collect());
        // A newer version drops every row.
        let (found, missing) = kept.split(Some(4), &[1, 2, 9]);
        assert_eq!((found.len(), missing), (0, vec![1, 2, 9]));
        // Rows read by a reader of version 3, arriving after version 4 was seen: not kept.
        kept.keep(Some(3), &[(1, "stale")].into_iter().collect());
        assert!(kept.split(Some(4), &[1]).0.is_empty());
        kept.keep(Some(4), &[(1, "fresh")].into_iter().collect());
        assert_eq!(kept.split(Some(4), &[1]).0[&1], "fresh");
    }
}
