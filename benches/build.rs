//! `cargo bench`'s whole-site benchmark: builds the generated corpus with the release attune
//! binary and prints the median wall time and the stage timings. It never fails on time; it
//! fails only when the corpus cannot be made or attune exits with an error.
//!
//! ```text
//! cargo bench --bench build                  1,000 articles, 1 warm-up + 5 runs
//! cargo bench --bench build -- 10000 --runs 3
//! ```
//!
//! The stage timings come from the line attune prints to stderr when `ATTUNE_TIMINGS=1`:
//! `timings: load=12.3ms resolve=… render=… search=… write=… total=…`. The side-by-side
//! comparison with Hugo, mdBook and the floor program is `benches/run.py`.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// The stages attune reports, in pipeline order.
const STAGES: [&str; 6] = ["load", "resolve", "render", "search", "write", "total"];

fn main() -> ExitCode {
    match run(&common::bench_args()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench build: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let (n, runs) = parse_args(args)?;
    let corpus = common::ensure_corpus(n)?;
    let site = corpus.join("attune");
    let attune = Path::new(env!("CARGO_BIN_EXE_attune"));
    let name = format!("attune-build-{n}");

    let mut walls = Vec::new();
    let mut stages: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for run in 0..=runs {
        let out = common::fresh_out(&name)?;
        let (wall, stderr) = build_once(attune, &site, &out)?;
        if run == 0 {
            continue; // warm-up
        }
        walls.push(wall);
        for (stage, ms) in parse_timings(&stderr) {
            if let Some(key) = STAGES.iter().find(|s| **s == stage) {
                stages.entry(key).or_default().push(ms);
            }
        }
    }
    common::clear_trash();

    let out = common::bench_out_dir().join(&name);
    let (files, bytes) = common::tree_size(&out);
    let (search_files, search_bytes) = common::tree_size(&out.join("search"));
    println!("attune build, N={n}, 1 warm-up + {runs} runs, site {}", site.display());
    println!("  wall    {}", common::format_summary(&walls));
    let (median, _, _) = common::summarize(&walls);
    println!("  per article {:.3} ms", median.as_secs_f64() * 1e3 / n as f64);
    if stages.is_empty() {
        println!("  stages  n/a (attune printed no `timings:` line with ATTUNE_TIMINGS=1)");
    } else {
        let shown: Vec<String> = STAGES
            .iter()
            .filter_map(|stage| Some(format!("{stage} {:.1} ms", median_of(stages.get(stage)?))))
            .collect();
        println!("  stages  {} (medians)", shown.join(" | "));
    }
    println!("  output  {files} files, {:.1} MiB", bytes as f64 / 1048576.0);
    println!("  search/ {search_files} files, {search_bytes} bytes");
    Ok(())
}

/// `[N] [--runs K]`, defaults 1000 and 5.
fn parse_args(args: &[String]) -> Result<(usize, usize), String> {
    let usage = "usage: build [N] [--runs K]";
    let mut n = 1000;
    let mut runs = 5;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--runs" {
            let value = rest.next().ok_or(usage)?;
            runs = value.parse().map_err(|_| format!("--runs {value}: not a number"))?;
        } else {
            n = arg.parse().map_err(|_| format!("{arg}: not an article count; {usage}"))?;
        }
    }
    if n < 2 || runs == 0 {
        return Err(usage.into());
    }
    Ok((n, runs))
}

/// One build into `out` (which must not exist); returns the wall time and stderr.
fn build_once(attune: &Path, site: &Path, out: &Path) -> Result<(Duration, String), String> {
    let started = Instant::now();
    let output = Command::new(attune)
        .arg("build")
        .arg("--root")
        .arg(site)
        .arg("--out")
        .arg(out)
        .env("ATTUNE_TIMINGS", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", attune.display()))?;
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(20).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!("attune build failed ({}):\n{}", output.status, tail.join("\n")));
    }
    Ok((wall, stderr))
}

/// The `key=value` pairs of the last `timings:` line, in milliseconds.
fn parse_timings(stderr: &str) -> Vec<(String, f64)> {
    let Some(line) = stderr.lines().rev().find_map(|l| l.trim().strip_prefix("timings:")) else {
        return Vec::new();
    };
    line.split_whitespace()
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            Some((key.to_string(), parse_millis(value.trim_end_matches(','))?))
        })
        .collect()
}

/// `12.3ms`, `1.2s`, `850us`/`850µs` or a bare number (milliseconds) as milliseconds.
fn parse_millis(value: &str) -> Option<f64> {
    let split = value.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().ok()?;
    let scale = match unit {
        "ms" | "" => 1.0,
        "s" => 1000.0,
        "us" | "µs" => 0.001,
        "ns" => 0.000_001,
        _ => return None,
    };
    Some(number * scale)
}

fn median_of(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}
