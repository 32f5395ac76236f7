//! `cargo bench --bench serve`: how long an author waits between saving one article and the
//! page reloading, on a generated corpus (1,000 articles by default), beside the time of a full
//! rebuild of the same corpus. It never fails on time.
//!
//! ```text
//! cargo bench --bench serve                  1,000 articles, 20 edits
//! cargo bench --bench serve -- 1000 --edits 40
//! ```
//!
//! Save-to-reload is measured from the moment the edited file is written to the moment the
//! server's event stream says `reload`: watcher latency, debounce, the incremental rebuild and
//! writing the changed pages. The search index is refreshed right after the reload.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    match run(&common::bench_args()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench serve: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Kills the server when the benchmark ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let edits: usize = flag(args, "--edits").unwrap_or(20);
    let corpus = common::ensure_corpus(n)?;
    let site = corpus.join("attune");
    let binary = env!("CARGO_BIN_EXE_attune");

    // Full rebuilds, for comparison: 1 warm-up + 5 runs into fresh folders.
    let mut full = Vec::new();
    for run in 0..6 {
        let out = common::fresh_out("serve-full")?;
        let started = Instant::now();
        let status = Command::new(binary)
            .args(["build", "--root"])
            .arg(&site)
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("running attune build: {e}"))?;
        if !status.success() {
            return Err(format!("attune build failed ({status})"));
        }
        if run > 0 {
            full.push(started.elapsed());
        }
    }
    common::clear_trash();

    let port = free_port()?;
    let mut child = Command::new(binary)
        .args(["serve", "--root"])
        .arg(&site)
        .args(["--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("starting attune serve: {e}"))?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().and_then(Result::ok).ok_or("serve printed nothing")?;
    let port: u16 = first
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| format!("unexpected first line: {first}"))?;
    for line in lines.by_ref() {
        if line.map_err(|e| e.to_string())?.starts_with("built") {
            break;
        }
    }
    std::thread::spawn(move || lines.for_each(drop));

    let mut events = open_events(port)?;
    let article = first_article(&site.join("content/articles"))?;
    let original = std::fs::read_to_string(&article).map_err(|e| e.to_string())?;
    let mut reloads = Vec::new();
    for edit in 0..=edits {
        let text = format!("{original}\nEdit number {edit} of the benchmark.\n");
        let started = Instant::now();
        std::fs::write(&article, text).map_err(|e| e.to_string())?;
        wait_for_reload(&mut events)?;
        if edit > 0 {
            reloads.push(started.elapsed());
        }
        // Let the search refresh that follows a reload finish before the next save.
        std::thread::sleep(Duration::from_millis(400));
    }
    std::fs::write(&article, original).map_err(|e| e.to_string())?;
    drop(server);

    let (full_median, _, _) = common::summarize(&full);
    let (reload_median, _, _) = common::summarize(&reloads);
    println!("corpus: {n} articles");
    println!("full rebuild (attune build):  {}", common::format_summary(&full));
    println!("save to reload (attune serve): {}", common::format_summary(&reloads));
    println!(
        "ratio: a save reloads {:.1}x faster than a full rebuild",
        full_median.as_secs_f64() / reload_median.as_secs_f64().max(1e-9)
    );
    Ok(())
}

fn flag(args: &[String], name: &str) -> Option<usize> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok())
}

fn free_port() -> Result<u16, String> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

fn open_events(port: u16) -> Result<BufReader<TcpStream>, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream.set_read_timeout(Some(Duration::from_secs(30))).map_err(|e| e.to_string())?;
    write!(stream, "GET /__attune/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .map_err(|e| e.to_string())?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).map_err(|e| e.to_string())? == 0 || line == "\r\n" {
            return Ok(reader);
        }
    }
}

fn wait_for_reload(events: &mut BufReader<TcpStream>) -> Result<(), String> {
    let mut line = String::new();
    loop {
        line.clear();
        if events.read_line(&mut line).map_err(|e| format!("waiting for reload: {e}"))? == 0 {
            return Err("the event stream closed".into());
        }
        if line.starts_with("event: reload") {
            return Ok(());
        }
        if line.starts_with("event: errors") {
            return Err("the edit produced build errors".into());
        }
    }
}

fn first_article(dir: &Path) -> Result<std::path::PathBuf, String> {
    let mut stack = vec![dir.to_path_buf()];
    let mut found = Vec::new();
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                found.push(path);
            }
        }
    }
    found.sort();
    found.into_iter().next().ok_or_else(|| "no article in the corpus".to_string())
}
