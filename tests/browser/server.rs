//! A tiny static file server for a built site, the way a plain static host serves it.
//!
//! `/x/` maps to `x/index.html`, a folder without its slash redirects to it, a missing file is a
//! 404 (with the site's `404.html` as its body when there is one), and any `..` segment is
//! refused, so a test can never read outside the site.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;

use tiny_http::{Header, Method, Request, Response, Server};

/// Serves one folder on `127.0.0.1:<free port>` from a few worker threads, until the test
/// binary exits.
pub(crate) struct StaticServer {
    port: u16,
}

impl StaticServer {
    /// Starts serving `root`.
    #[track_caller]
    pub(crate) fn start(root: PathBuf) -> StaticServer {
        StaticServer::start_under(root, "")
    }

    /// Starts serving `root` at `/<mount>/` (the site published under a subpath, as a project
    /// site on a Git host is): other paths are a plain 404, and a missing file under the mount
    /// gets the site's `404.html`.
    #[track_caller]
    pub(crate) fn start_under(root: PathBuf, mount: &'static str) -> StaticServer {
        let server = Server::http("127.0.0.1:0")
            .unwrap_or_else(|e| panic!("cannot start the static server: {e}"));
        let port = server
            .server_addr()
            .to_ip()
            .expect("a server bound to 127.0.0.1 has an IP address")
            .port();
        let server = Arc::new(server);
        let root = Arc::new(root);
        // Several workers, because parallel tests each run a browser fetching pages and assets.
        for worker in 0..4 {
            let server = Arc::clone(&server);
            let root = Arc::clone(&root);
            thread::Builder::new()
                .name(format!("static-server-{worker}"))
                .spawn(move || {
                    for request in server.incoming_requests() {
                        respond(&root, mount, request);
                    }
                })
                .expect("spawn a static server thread");
        }
        StaticServer { port }
    }

    /// `http://127.0.0.1:<port>/` followed by `path` (which must not start with `/`).
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }
}

/// What a request path resolves to.
#[derive(Debug, PartialEq)]
enum Resolved {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

fn respond(root: &Path, mount: &str, request: Request) {
    let prefix = if mount.is_empty() { String::new() } else { format!("/{mount}") };
    let target = request.url().strip_prefix(prefix.as_str()).filter(|t| t.starts_with('/'));
    let resolved = match (request.method(), target) {
        (Method::Get | Method::Head, Some(target)) => resolve(root, target),
        _ => Resolved::NotFound,
    };
    let response = match resolved {
        Resolved::File(path) => match fs::read(&path) {
            Ok(bytes) => Response::from_data(bytes)
                .with_header(header("Content-Type", content_type(&path)))
                .with_header(header("Cache-Control", "no-store")),
            Err(_) => not_found(root),
        },
        Resolved::Redirect(location) => Response::from_data(Vec::new())
            .with_status_code(301)
            .with_header(header("Location", &format!("{prefix}{location}"))),
        Resolved::NotFound => not_found(root),
    };
    // The browser may have gone away (a test ended); nothing to report then.
    let _ = request.respond(response);
}

fn not_found(root: &Path) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = root.join("404.html");
    match fs::read(&page) {
        Ok(bytes) => {
            Response::from_data(bytes).with_header(header("Content-Type", content_type(&page)))
        }
        Err(_) => Response::from_data(b"not found".to_vec())
            .with_header(header("Content-Type", "text/plain; charset=utf-8")),
    }
    .with_status_code(404)
}

#[track_caller]
fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| panic!("invalid header {name}: {value}"))
}

/// Maps a request target such as `/articles/x/?q=1` onto a file under `root`.
fn resolve(root: &Path, target: &str) -> Resolved {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(decoded) = percent_decode(path) else { return Resolved::NotFound };
    let mut file = root.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." || segment.contains('\\') {
            return Resolved::NotFound;
        }
        file.push(segment);
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    if file.is_file() { Resolved::File(file) } else { Resolved::NotFound }
}

/// Decodes `%XX` escapes; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or_default() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir_all(dir.path().join("articles/a b")).expect("mkdir");
        fs::write(dir.path().join("index.html"), "home").expect("write");
        fs::write(dir.path().join("articles/a b/index.html"), "article").expect("write");
        fs::write(dir.path().join("style.css"), "body{}").expect("write");
        dir
    }

    #[test]
    fn maps_folders_to_their_index() {
        let dir = site();
        let root = dir.path();
        assert_eq!(resolve(root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(root, "/articles/a%20b/?q=x#top"),
            Resolved::File(root.join("articles/a b/index.html"))
        );
        assert_eq!(resolve(root, "/articles/a%20b"), Resolved::Redirect("/articles/a%20b/".into()));
        assert_eq!(resolve(root, "/style.css"), Resolved::File(root.join("style.css")));
    }

    #[test]
    fn refuses_parent_segments_and_missing_files() {
        let dir = site();
        let root = dir.path();
        assert_eq!(resolve(root, "/../etc/passwd"), Resolved::NotFound);
        assert_eq!(resolve(root, "/articles/%2e%2e/%2e%2e/etc/passwd"), Resolved::NotFound);
        assert_eq!(resolve(root, "/missing/"), Resolved::NotFound);
        assert_eq!(resolve(root, "/bad%zz"), Resolved::NotFound);
    }

    #[test]
    fn names_content_types() {
        assert_eq!(content_type(Path::new("a/index.html")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("map.svg")), "image/svg+xml");
        assert_eq!(content_type(Path::new("sitemap.xml")), "application/xml");
        assert_eq!(content_type(Path::new("theme/search.js")), "text/javascript; charset=utf-8");
    }
}
