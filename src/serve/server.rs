//! The dev server's HTTP side: serves the output folder on 127.0.0.1 (never a file outside
//! it), the live-reload script, a server-sent-events stream that says "reload" after each
//! rebuild or carries the diagnostics of a failed one, and a status endpoint for the overlay.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server, StatusCode};

/// The URL the live-reload script is served at (injected by templates when serving).
pub const RELOAD_SCRIPT: &str = "/__attune/reload.js";
const EVENTS: &str = "/__attune/events";
const STATUS: &str = "/__attune/status";

/// What the browser should know: a version that grows with every rebuild, and the errors of
/// the last failed one.
#[derive(Debug, Default)]
pub struct Status {
    /// Bumped after every rebuild attempt.
    pub version: u64,
    /// JSON array of diagnostics of the last failed rebuild; `None` when it succeeded.
    pub errors: Option<String>,
}

/// Shared between the rebuild loop and the request threads.
#[derive(Debug, Default)]
pub struct Hub {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Hub {
    /// Records a successful rebuild: browsers reload.
    pub fn succeeded(&self) {
        self.update(None);
    }

    /// Records a failed rebuild: browsers show the overlay.
    pub fn failed(&self, errors_json: String) {
        self.update(Some(errors_json));
    }

    fn update(&self, errors: Option<String>) {
        if let Ok(mut status) = self.status.lock() {
            status.version += 1;
            status.errors = errors;
        }
        self.changed.notify_all();
    }

    fn snapshot(&self) -> (u64, Option<String>) {
        self.status.lock().map(|s| (s.version, s.errors.clone())).unwrap_or((0, None))
    }

    /// Waits until the version passes `seen` or the timeout ends; returns the new snapshot.
    fn wait(&self, seen: u64, timeout: Duration) -> (u64, Option<String>) {
        let Ok(guard) = self.status.lock() else { return (seen, None) };
        let result = self.changed.wait_timeout_while(guard, timeout, |s| s.version <= seen);
        match result {
            Ok((status, _)) => (status.version, status.errors.clone()),
            Err(_) => (seen, None),
        }
    }
}

/// Binds 127.0.0.1 on `port`, or the next free port within 20.
pub fn bind(port: u16) -> Result<(Server, u16), String> {
    let mut last_error = String::new();
    for candidate in port..port.saturating_add(20) {
        match Server::http(("127.0.0.1", candidate)) {
            Ok(server) => {
                // Port 0 asks the system for a free port: report the one it gave.
                let bound = server.server_addr().to_ip().map_or(candidate, |a| a.port());
                return Ok((server, bound));
            }
            Err(error) => last_error = error.to_string(),
        }
    }
    Err(format!("no free port from {port} to {}: {last_error}", port.saturating_add(19)))
}

/// Answers requests until the server is dropped; one thread per request, so event streams
/// do not block page loads.
pub fn run(server: Arc<Server>, out: PathBuf, hub: Arc<Hub>) {
    for request in server.incoming_requests() {
        let out = out.clone();
        let hub = Arc::clone(&hub);
        std::thread::spawn(move || handle(request, &out, &hub));
    }
}

fn handle(request: Request, out: &Path, hub: &Arc<Hub>) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    let response = match path.as_str() {
        RELOAD_SCRIPT => text(200, "text/javascript; charset=utf-8", RELOAD_JS.as_bytes().to_vec()),
        STATUS => {
            let (version, errors) = hub.snapshot();
            let body = format!(
                "{{\"version\":{version},\"errors\":{}}}",
                errors.unwrap_or_else(|| "null".into())
            );
            text(200, "application/json", body.into_bytes())
        }
        EVENTS => {
            // Written by hand on the raw connection: tiny_http buffers chunked bodies, and an
            // event must reach the browser the moment it happens.
            stream_events(request.into_writer(), hub);
            return;
        }
        _ => serve_file(out, &path),
    };
    let _ = request.respond(response);
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn text(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
    let response = Response::from_data(body).with_status_code(StatusCode(status));
    match header("Content-Type", content_type) {
        Some(h) => response.with_header(h),
        None => response,
    }
}

/// A header from constant parts (`None` only for bytes HTTP forbids, which callers never pass).
fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// Resolves a request path to a file inside `out`, or `None` when it is outside or missing.
pub fn resolve(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = crate::url::percent_decode_strict(url_path)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let mut path = out.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            // `..`, a root or a prefix: never climb out.
            _ => return None,
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    // Symlinks inside the output could point anywhere: the real path must stay inside.
    let real = std::fs::canonicalize(&path).ok()?;
    let base = std::fs::canonicalize(out).ok()?;
    (real.starts_with(&base) && real.is_file()).then_some(real)
}

fn serve_file(out: &Path, url_path: &str) -> Reply {
    match resolve(out, url_path) {
        Some(path) => match std::fs::read(&path) {
            Ok(bytes) => text(200, content_type(&path), bytes),
            Err(_) => not_found(out),
        },
        None => not_found(out),
    }
}

fn not_found(out: &Path) -> Reply {
    let body =
        std::fs::read(out.join("404.html")).unwrap_or_else(|_| b"<h1>Not found</h1>".to_vec());
    text(404, "text/html; charset=utf-8", body)
}

/// The content type of a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Writes a `text/event-stream` until the browser goes away: a keep-alive comment every 15 s,
/// `reload` after a successful rebuild, `errors` with the diagnostics after a failed one.
fn stream_events(mut writer: Box<dyn Write + Send>, hub: &Hub) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n: connected\n\n";
    if writer.write_all(head.as_bytes()).and_then(|()| writer.flush()).is_err() {
        return;
    }
    let mut seen = hub.snapshot().0;
    loop {
        let (version, errors) = hub.wait(seen, Duration::from_secs(15));
        let message = if version > seen {
            seen = version;
            match errors {
                Some(json) => format!("event: errors\ndata: {json}\n\n"),
                None => format!("event: reload\ndata: {version}\n\n"),
            }
        } else {
            ": keep-alive\n\n".to_string()
        };
        if writer.write_all(message.as_bytes()).and_then(|()| writer.flush()).is_err() {
            return;
        }
    }
}

/// The script `serve` injects into every page: reloads on `reload`, shows diagnostics in an
/// overlay on `errors` (as text, never as HTML).
const RELOAD_JS: &str = include_str!("reload.js");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_refuses_paths_out_of_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), "home").unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/index.html"), "a").unwrap();
        assert!(resolve(dir.path(), "/").is_some());
        assert!(resolve(dir.path(), "/a/").is_some());
        assert!(resolve(dir.path(), "/a").is_some());
        assert!(resolve(dir.path(), "/../etc/passwd").is_none());
        assert!(resolve(dir.path(), "/%2e%2e/%2e%2e/etc/passwd").is_none());
        assert!(resolve(dir.path(), "/a/%2E%2E/%2E%2E/etc/passwd").is_none());
        assert!(resolve(dir.path(), "//etc/passwd").is_none());
        assert!(resolve(dir.path(), "/a\\..\\..\\x").is_none());
        assert!(resolve(dir.path(), "/%zz").is_none());
    }

    #[test]
    fn resolve_refuses_symlinks_out_of_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(
                outside.path().join("secret.txt"),
                dir.path().join("leak.txt"),
            )
            .unwrap();
            assert!(resolve(dir.path(), "/leak.txt").is_none());
        }
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("theme/site.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("sitemap.xml")), "application/xml");
    }
}
