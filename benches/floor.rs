//! The floor program: the least work any pulldown-cmark site generator must do, timed beside
//! attune (see `benches/README.md` and ANCHORS.md, "Physical floor").
//!
//! It lists the `.md` files of `neutral/content/articles`, reads each with
//! `fs::read_to_string`, strips the `---` front matter, renders the body with
//! `pulldown_cmark::html::push_html` (tables, footnotes, strikethrough, task lists) into a
//! `String`, and writes it as `<stem>.html` into one flat output folder. `--par` does the same
//! with rayon's `par_iter`. No templates, no links, no index.
//!
//! ```text
//! cargo bench --bench floor -- <corpus-dir> <out-dir> [--par]   one run, prints its wall time
//! cargo bench --bench floor                                     1,000-article corpus, both modes
//! ```
//!
//! `<corpus-dir>` is a corpus folder from `benches/corpus.py` (it holds `neutral/`) or any folder
//! of `.md` files. `benches/run.py` runs the compiled binary directly, with the same arguments.

mod common;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

const USAGE: &str =
    "usage: floor <corpus-dir> <out-dir> [--par]   (no arguments: a 1,000-article self-test)";

fn main() -> ExitCode {
    let args = common::bench_args();
    let parallel = args.iter().any(|a| a == "--par");
    let folders: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let result = match folders.as_slice() {
        [corpus, out] => run_once(Path::new(corpus), Path::new(out), parallel),
        [] if args.iter().all(|a| a == "--par") => run_self_contained(),
        _ => Err(USAGE.to_string()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("floor: {message}");
            ExitCode::FAILURE
        }
    }
}

/// One timed build of `corpus` into `out`; prints `floor: N files, wall X s`.
fn run_once(corpus: &Path, out: &Path, parallel: bool) -> Result<(), String> {
    let started = Instant::now();
    let count = build(corpus, out, parallel)?;
    let wall = started.elapsed();
    let mode = if parallel { "rayon" } else { "1 thread" };
    println!("floor ({mode}): {count} files, wall {:.3} s", wall.as_secs_f64());
    Ok(())
}

/// What `cargo bench` runs: 1 warm-up + 5 runs of each mode on the 1,000-article corpus.
fn run_self_contained() -> Result<(), String> {
    let corpus = common::ensure_corpus(1000)?;
    for parallel in [false, true] {
        let name = if parallel { "floor-par-1000" } else { "floor-1000" };
        let mut samples = Vec::new();
        for run in 0..6 {
            let out = common::fresh_out(name)?;
            let started = Instant::now();
            build(&corpus, &out, parallel)?;
            if run > 0 {
                samples.push(started.elapsed());
            }
        }
        common::clear_trash();
        let mode = if parallel { "rayon   " } else { "1 thread" };
        println!("floor N=1000 {mode}: wall {}", common::format_summary(&samples));
    }
    Ok(())
}

/// Renders every article of `corpus` into `out`; returns the number of files written.
fn build(corpus: &Path, out: &Path, parallel: bool) -> Result<usize, String> {
    let inputs = list_markdown(&articles_folder(corpus))?;
    std::fs::create_dir_all(out).map_err(|e| format!("creating {}: {e}", out.display()))?;
    if parallel {
        inputs.par_iter().try_for_each(|path| render_file(path, out))?;
    } else {
        inputs.iter().try_for_each(|path| render_file(path, out))?;
    }
    Ok(inputs.len())
}

/// `corpus/neutral/content/articles` when it exists, else `corpus` itself.
fn articles_folder(corpus: &Path) -> PathBuf {
    let neutral = corpus.join("neutral").join("content").join("articles");
    if neutral.is_dir() { neutral } else { corpus.to_path_buf() }
}

fn list_markdown(folder: &Path) -> Result<Vec<PathBuf>, String> {
    let entries =
        std::fs::read_dir(folder).map_err(|e| format!("listing {}: {e}", folder.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("no .md files in {}", folder.display()));
    }
    Ok(paths)
}

fn render_file(path: &Path, out: &Path) -> Result<(), String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("reading {}: {e}", path.display()))?;
    let body = strip_front_matter(&text);
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_FOOTNOTES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    let mut html_out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut html_out, Parser::new_ext(body, options));
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let target = out.join(format!("{stem}.html"));
    std::fs::write(&target, html_out).map_err(|e| format!("writing {}: {e}", target.display()))
}

/// The text after a leading `---` ... `---` block (the whole text when there is none).
fn strip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else { return text };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}
