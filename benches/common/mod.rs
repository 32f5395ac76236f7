//! Helpers shared by the `cargo bench` targets: the benchmark corpus, fresh output folders
//! and summary statistics. Each bench target includes this file with `mod common;`.

#![allow(dead_code, reason = "each bench target uses a different subset")]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The repository root (where `Cargo.toml` is).
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `$CARGO_TARGET_DIR` or `<repo>/target`.
pub(crate) fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() { dir } else { repo_root().join(dir) }
        }
        None => repo_root().join("target"),
    }
}

/// Generates (or reuses) the corpus of `n` articles with `benches/corpus.py` and returns its
/// folder, which holds `neutral/`, `attune/`, `hugo/`, `mdbook/` and `zola/`.
pub(crate) fn ensure_corpus(n: usize) -> Result<PathBuf, String> {
    let script = repo_root().join("benches").join("corpus.py");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let output = Command::new(&python)
        .arg(&script)
        .arg(n.to_string())
        .output()
        .map_err(|e| format!("cannot run `{python} {}`: {e}", script.display()))?;
    eprint!("{}", String::from_utf8_lossy(&output.stderr));
    if !output.status.success() {
        return Err(format!("`{python} {} {n}` failed ({})", script.display(), output.status));
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout.lines().last().unwrap_or_default().trim();
    if last.is_empty() {
        return Err(format!("`{} {n}` printed no corpus folder", script.display()));
    }
    Ok(PathBuf::from(last))
}

/// Output folders of the bench targets: `<target>/bench-out/`.
pub(crate) fn bench_out_dir() -> PathBuf {
    target_dir().join("bench-out")
}

/// Returns `<target>/bench-out/<name>` after renaming any previous output there into
/// `bench-out/trash/`, so the timed run writes into a folder that does not exist yet and no
/// deletion happens inside the timing (ANCHORS.md does the same).
pub(crate) fn fresh_out(name: &str) -> Result<PathBuf, String> {
    let out = bench_out_dir().join(name);
    if out.exists() {
        let trash = bench_out_dir().join("trash");
        std::fs::create_dir_all(&trash)
            .map_err(|e| format!("creating {}: {e}", trash.display()))?;
        let stamp = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_nanos();
        let away = trash.join(format!("{name}.{stamp}"));
        std::fs::rename(&out, &away).map_err(|e| format!("renaming {}: {e}", out.display()))?;
    }
    Ok(out)
}

/// Deletes the renamed-away outputs (call it outside any timing).
pub(crate) fn clear_trash() {
    let _ = std::fs::remove_dir_all(bench_out_dir().join("trash"));
}

/// Median, minimum and maximum of some durations (all zero when there are none).
pub(crate) fn summarize(samples: &[Duration]) -> (Duration, Duration, Duration) {
    let mut sorted = samples.to_vec();
    sorted.sort();
    match sorted.len() {
        0 => (Duration::ZERO, Duration::ZERO, Duration::ZERO),
        n => {
            let median =
                if n % 2 == 1 { sorted[n / 2] } else { (sorted[n / 2 - 1] + sorted[n / 2]) / 2 };
            (median, sorted[0], sorted[n - 1])
        }
    }
}

/// `1.234 s (1.200-1.300), n=5`.
pub(crate) fn format_summary(samples: &[Duration]) -> String {
    let (median, min, max) = summarize(samples);
    format!(
        "{:.3} s ({:.3}-{:.3}), n={}",
        median.as_secs_f64(),
        min.as_secs_f64(),
        max.as_secs_f64(),
        samples.len()
    )
}

/// Number of files and total bytes under `dir`.
pub(crate) fn tree_size(dir: &Path) -> (u64, u64) {
    let mut files = 0;
    let mut bytes = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                stack.push(entry.path());
            } else if let Ok(meta) = entry.metadata() {
                files += 1;
                bytes += meta.len();
            }
        }
    }
    (files, bytes)
}

/// The arguments after the program name, without the `--bench` flag `cargo bench` appends.
pub(crate) fn bench_args() -> Vec<String> {
    std::env::args().skip(1).filter(|a| a != "--bench").collect()
}
