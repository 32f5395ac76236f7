//! `attune serve`: build, serve on 127.0.0.1, watch `content/`, `templates/` and `theme/`,
//! rebuild what changed on every save (incrementally where it can), reload open pages, and
//! show build errors in the page as well as in the terminal.
//!
//! The build never depends on this module: it only takes `live_reload`, which the base
//! template turns into a script tag.

pub mod incremental;
pub mod server;
mod shutdown;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

use crate::BuildOptions;
use crate::diagnostics::Located;
use crate::error::{Error, Result};
use crate::summary::plural;
use incremental::{Plan, Session};
use server::Hub;

/// The name of a serve process's output folder in the temp folder, before its process id.
const SERVE_PREFIX: &str = "attune-serve-";

/// Removes `attune-serve-<pid>` folders under `temp` whose process is not alive.
fn remove_stale_serve_folders(temp: &Path, alive: impl Fn(u32) -> Option<bool>) {
    let Ok(entries) = std::fs::read_dir(temp) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(SERVE_PREFIX))
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        // Unknown liveness (no /proc) keeps the folder: it may belong to a running server.
        if pid != std::process::id() && alive(pid) == Some(false) && entry.path().is_dir() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a process is running, where the system can tell (Linux's `/proc`).
fn process_is_alive(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    proc.join("self").exists().then(|| proc.join(pid.to_string()).exists())
}

/// How long to wait for more events after the first one of a save (editors write in steps).
const DEBOUNCE: Duration = Duration::from_millis(10);

/// Serves the site at `options.root` until the process is stopped.
pub fn serve(mut options: BuildOptions, port: u16, open: bool) -> Result<()> {
    // The same error as `attune build`, before anything is bound or written.
    crate::content::require_content_folder(&options.root)?;
    let root = crate::write::absolute(&options.root);
    options.root = root.clone();
    // A killed server (SIGKILL, a crash) cannot clean up, so each start also removes the
    // folders of earlier `attune serve` processes that are gone.
    remove_stale_serve_folders(&std::env::temp_dir(), process_is_alive);
    options.out = std::env::temp_dir().join(format!("{SERVE_PREFIX}{}", std::process::id()));
    shutdown::remove_output_on_stop(options.out.clone())?;
    options.live_reload = Some(server::RELOAD_SCRIPT.to_string());
    std::fs::create_dir_all(&options.out)
        .map_err(|e| Error::io("creating folder", &options.out, e))?;
    let (http, port) = server::bind(port).map_err(Error::Usage)?;
    let url = format!("http://127.0.0.1:{port}/");
    println!("serving {url} (rebuilds on save; Ctrl-C to stop)");

    // Watch before the first build, so a save made while it runs is not missed.
    let (_watcher, rx) = watch(&root)?;

    let hub = Arc::new(Hub::default());
    let session = match Session::start(options.clone()) {
        Ok((session, rebuilt)) => {
            println!("{}", crate::summary::built_line(session.analysis(), rebuilt.elapsed));
            Some(session)
        }
        Err(error) => {
            report_failure(&error, &hub);
            write_placeholder(&options.out)?;
            None
        }
    };

    let http = Arc::new(http);
    let out = options.out.clone();
    let server_hub = Arc::clone(&hub);
    std::thread::spawn(move || server::run(http, out, server_hub));
    if open {
        open_browser(&url);
    }

    rebuild_on_change(&rx, session, &options, &hub);
    Ok(())
}

/// Starts watching the site's content, templates and theme; each event's paths arrive on
/// the returned channel for as long as the watcher lives.
fn watch(root: &Path) -> Result<(notify::RecommendedWatcher, mpsc::Receiver<Vec<PathBuf>>)> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Only changes count: the build's own reads show up as access events, and metadata
        // (atime) updates are not edits.
        if let Some(event) = event.ok().filter(|e| is_edit(&e.kind)) {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| Error::Usage(format!("cannot watch files: {e}")))?;
    for folder in ["content", "templates", "theme"] {
        let path = root.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::Usage(format!("cannot watch `{}`: {e}", path.display())))?;
        }
    }
    Ok((watcher, rx))
}

/// Rebuilds after every save (a burst of events is one save), tells the browsers, and brings
/// the search index up to date after they reload. A failed start is retried on the next save.
fn rebuild_on_change(
    rx: &mpsc::Receiver<Vec<PathBuf>>,
    mut session: Option<Session>,
    options: &BuildOptions,
    hub: &Hub,
) {
    while let Ok(first) = rx.recv() {
        let mut changed: BTreeSet<PathBuf> = first.into_iter().collect();
        while let Ok(more) = rx.recv_timeout(DEBOUNCE) {
            changed.extend(more);
        }
        let outcome = match session.as_mut() {
            Some(session) => {
                let plan = session.plan(&changed);
                session.rebuild(&plan).map(|r| r.map(|r| (r, plan)))
            }
            None => Session::start(options.clone()).map(|(started, rebuilt)| {
                session = Some(started);
                Some((rebuilt, Plan::Full))
            }),
        };
        match outcome {
            Ok(None) => {}
            Ok(Some((rebuilt, plan))) => {
                println!("{}", rebuilt_line(&rebuilt, &plan));
                hub.succeeded();
                if let Some(session) = session.as_mut() {
                    if let Err(error) = session.update_search() {
                        eprintln!("search index: {error}");
                    }
                }
            }
            Err(error) => report_failure(&error, hub),
        }
    }
}

/// `rebuilt 1 changed article: 9 pages rendered, 9 files written in 12 ms (incremental)`.
fn rebuilt_line(rebuilt: &incremental::Rebuilt, plan: &Plan) -> String {
    let what = match plan {
        Plan::Articles(files) => plural(files.len(), "changed article"),
        _ => "everything".to_string(),
    };
    format!(
        "rebuilt {what}: {} rendered, {} written in {} ms{}",
        plural(rebuilt.pages, "page"),
        plural(rebuilt.written, "file"),
        rebuilt.elapsed.as_millis(),
        if rebuilt.full { "" } else { " (incremental)" }
    )
}

/// Whether a watcher event is an edit: a file created, written, renamed or removed.
fn is_edit(kind: &notify::EventKind) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Prints a failed rebuild and sends its diagnostics to open pages.
fn report_failure(error: &Error, hub: &Hub) {
    let diagnostics: Vec<Located> = match error {
        Error::Content { diagnostics } => diagnostics.clone(),
        other => vec![Located {
            severity: crate::diagnostics::Severity::Error,
            code: crate::diagnostics::Code::Build,
            message: other.to_string(),
            file: None,
            line: None,
            column: None,
            help: None,
            rendered: format!("error: {other}\n"),
        }],
    };
    for d in &diagnostics {
        eprintln!("{}", d.rendered);
    }
    eprintln!("the last good build is still being served; fix the problem and save");
    hub.failed(overlay_json(&diagnostics));
}

/// The diagnostics as the overlay reads them: the JSON fields plus the rustc-style `text`.
pub fn overlay_json(diagnostics: &[Located]) -> String {
    let items: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let mut value = serde_json::to_value(d).unwrap_or_default();
            value["text"] = serde_json::Value::String(d.rendered.clone());
            value
        })
        .collect();
    serde_json::Value::Array(items).to_string()
}

/// Before the first good build there is no site: pages that load the reload script, so the
/// overlay can show what is wrong.
fn write_placeholder(out: &Path) -> Result<()> {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><main><h1>The site does not build yet</h1><p>See the terminal or the overlay; the page reloads when it builds.</p></main><script src=\"{}\"></script></body></html>",
        server::RELOAD_SCRIPT
    );
    for name in ["index.html", "404.html"] {
        let path = out.join(name);
        std::fs::write(&path, &html).map_err(|e| Error::io("writing", &path, e))?;
    }
    Ok(())
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; visit {url}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::EventKind;
    use notify::event::{AccessKind, CreateKind, DataChange, MetadataKind, ModifyKind, RemoveKind};

    #[test]
    fn only_edits_trigger_rebuilds() {
        assert!(is_edit(&EventKind::Modify(ModifyKind::Data(DataChange::Content))));
        assert!(is_edit(&EventKind::Create(CreateKind::File)));
        assert!(is_edit(&EventKind::Remove(RemoveKind::File)));
        assert!(is_edit(&EventKind::Modify(ModifyKind::Name(notify::event::RenameMode::Both))));
        assert!(!is_edit(&EventKind::Access(AccessKind::Read)));
        assert!(!is_edit(&EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))));
    }

    #[test]
    fn start_removes_only_folders_of_servers_that_are_gone() {
        let temp = tempfile::tempdir().unwrap();
        let folder = |name: &str| {
            let path = temp.path().join(name);
            std::fs::create_dir_all(path.join("articles")).unwrap();
            std::fs::write(path.join("index.html"), "x").unwrap();
            path
        };
        let gone = folder("attune-serve-111");
        let running = folder("attune-serve-222");
        let unknown = folder("attune-serve-333");
        let other = folder("attune-serve-notapid");
        let unrelated = folder("mine-111");
        remove_stale_serve_folders(temp.path(), |pid| match pid {
            111 => Some(false),
            222 => Some(true),
            _ => None,
        });
        assert!(!gone.exists());
        assert!(running.exists() && unknown.exists() && other.exists() && unrelated.exists());
    }

    #[test]
    fn this_process_is_alive_where_the_system_can_tell() {
        if Path::new("/proc/self").exists() {
            assert_eq!(process_is_alive(std::process::id()), Some(true));
            assert_eq!(process_is_alive(u32::MAX), Some(false));
        }
    }
}
