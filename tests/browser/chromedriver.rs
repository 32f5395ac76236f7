//! The chromedriver child process that every WebDriver session talks to.
//!
//! One chromedriver serves many sessions, so tests share it through an `Arc`. The registry keeps
//! only a `Weak`: when the last session of a burst of tests ends, the process is killed by `Drop`
//! (a `static` is never dropped, so holding a strong reference there would leak the process past
//! the end of the test binary). A later test simply starts a new one.

use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::thread;
use std::time::{Duration, Instant};

use crate::http;
use crate::prerequisites::{CHROMEDRIVER, require_file};

/// A running chromedriver on a free loopback port.
pub(crate) struct ChromeDriver {
    child: Child,
    port: u16,
}

static SHARED: Mutex<Weak<ChromeDriver>> = Mutex::new(Weak::new());

impl ChromeDriver {
    /// Returns the running chromedriver, starting one if no test holds it.
    pub(crate) fn shared() -> Arc<ChromeDriver> {
        let mut slot = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(driver) = slot.upgrade() {
            return driver;
        }
        let driver = Arc::new(ChromeDriver::start());
        *slot = Arc::downgrade(&driver);
        driver
    }

    /// The port chromedriver listens on.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    #[track_caller]
    fn start() -> ChromeDriver {
        require_file(Path::new(CHROMEDRIVER));
        let port = free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {CHROMEDRIVER}: {e}"));
        let mut driver = ChromeDriver { child, port };
        driver.wait_until_ready();
        driver
    }

    #[track_caller]
    fn wait_until_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(response) = http::send(self.port, "GET", "/status", None) {
                let status: serde_json::Value =
                    serde_json::from_slice(&response.body).unwrap_or_default();
                if status["value"]["ready"] == true {
                    return;
                }
            }
            if let Ok(Some(exit)) = self.child.try_wait() {
                panic!("{CHROMEDRIVER} exited at start-up with {exit}");
            }
            assert!(
                Instant::now() < deadline,
                "{CHROMEDRIVER} did not become ready on port {} within 20 s",
                self.port
            );
            thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // Already exited is fine; there is nothing else useful to do with an error in Drop.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago. The kernel rarely hands it out again that quickly, and
/// chromedriver fails loudly (caught by `wait_until_ready`) if it does.
#[track_caller]
fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind an ephemeral loopback port");
    listener.local_addr().expect("a bound listener has an address").port()
}
