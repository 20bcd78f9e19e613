//! Feedback as a help desk sends it, for the load generators: the shared labelled sets (English
//! banking questions, Chinese assistant commands; `SIFT_BENCH_DATA`, default /work/shared/data)
//! interleaved in a fixed shuffled order, each wrapped in ticket boilerplate (greeting,
//! signature, disclaimer, footer, quoted reply: `sift::eval::noise`). Generated before the
//! clock starts, so the generator's own work is not measured.

use std::path::PathBuf;
use std::sync::Arc;

/// Where the shared sets are.
pub fn data_dir() -> PathBuf {
    std::env::var_os("SIFT_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/data"))
}

/// The shared sets' lines, interleaved in a fixed shuffled order.
pub struct Lines(Vec<String>);

impl Lines {
    pub fn load() -> Self {
        let dir = data_dir();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (set SIFT_BENCH_DATA)", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        let mut lines: Vec<String> = Vec::new();
        for f in &files {
            let read = sift::eval::read_lines(f, None, None)
                .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            lines.extend(read.into_iter().map(|(text, _label)| text));
        }
        assert!(!lines.is_empty(), "no *.jsonl lines in {}", dir.display());
        // Interleaved: Fisher-Yates with a fixed seed, so runs are comparable.
        let mut rng = super::Lcg(0x71C4E7);
        for i in (1..lines.len()).rev() {
            let j = rng.below(i + 1);
            lines.swap(i, j);
        }
        Self(lines)
    }

    /// The `n`-th ticket: line `n mod lines`, wrapped with boilerplate drawn for `n`, so
    /// repeats of a line read differently.
    pub fn ticket(&self, n: usize) -> String {
        sift::eval::noise::wrap(&self.0[n % self.0.len()], 19, n as u64)
    }
}

/// The first `count` tickets of [`Lines::ticket`].
pub fn ticket_texts(count: usize) -> Arc<Vec<String>> {
    let lines = Lines::load();
    Arc::new((0..count).map(|n| lines.ticket(n)).collect())
}

/// One line about the texts, for the report.
pub fn describe(texts: &[String]) -> String {
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let distinct: std::collections::HashSet<&String> = texts.iter().collect();
    format!(
        "{} ticket texts ({} distinct, mean {} chars) from {}",
        texts.len(),
        distinct.len(),
        chars / texts.len().max(1),
        data_dir().display()
    )
}
