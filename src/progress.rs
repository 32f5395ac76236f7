//! A progress line for long builds: on a terminal, a build still running after about a
//! second shows `building… 2.4 s` on stderr, updated in place and erased when it ends. Short
//! builds, and any build whose stderr is not a terminal (CI, pipes, tests), print nothing.

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Builds shorter than this show no progress at all.
const QUIET_FOR: Duration = Duration::from_millis(1000);
/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(200);

/// The progress line of one build; [`Progress::finish`] (or dropping it) erases it.
pub struct Progress {
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the progress line for a task named `what` (`building`), if stderr is a terminal.
    pub fn start(what: &'static str) -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress { stop: None, thread: None };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let started = Instant::now();
        let thread = std::thread::spawn(move || {
            if !matches!(stopped.recv_timeout(QUIET_FOR), Err(RecvTimeoutError::Timeout)) {
                return;
            }
            loop {
                let line = line(what, started.elapsed());
                let _ = write!(std::io::stderr().lock(), "\r{line}");
                if !matches!(stopped.recv_timeout(TICK), Err(RecvTimeoutError::Timeout)) {
                    // Erase the line, so the summary that follows starts clean.
                    let _ = write!(std::io::stderr().lock(), "\r{}\r", " ".repeat(line.len()));
                    return;
                }
            }
        });
        Progress { stop: Some(stop), thread: Some(thread) }
    }

    /// Ends the line (erasing it if it was shown) before the caller prints its summary.
    pub fn finish(mut self) {
        self.end();
    }

    fn end(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.end();
    }
}

/// `building… 2.4 s`.
fn line(what: &str, elapsed: Duration) -> String {
    format!("{what}… {:.1} s", elapsed.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shows_tenths_of_a_second() {
        assert_eq!(line("building", Duration::from_millis(2430)), "building… 2.4 s");
    }

    #[test]
    fn off_a_terminal_it_starts_and_finishes_without_a_thread() {
        // `cargo test` captures stderr, so it is not a terminal here.
        let progress = Progress::start("building");
        assert!(progress.thread.is_none() || std::io::stderr().is_terminal());
        progress.finish();
    }
}
