//! The site under test: the bundled handbook (`content/` at the repository root), built once per
//! test binary by the real `attune` binary, twice: served over HTTP, and `--offline` for
//! `file://`.
//!
//! Both builds go to `target/tmp/browser-site/{online,offline}/public`, wiped first, and are left
//! there afterwards so a failure can be inspected. To iterate on the tests without rebuilding, set
//! `ATTUNE_BROWSER_SITE` to a folder with that same `online/public` and `offline/public` layout.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::thread;

use crate::server::StaticServer;

/// The two builds of the handbook.
pub(crate) struct BuiltSite {
    /// `attune build`: pretty URLs, served over HTTP.
    pub(crate) public: PathBuf,
    /// `attune build --offline`: links end in `index.html`, opened from `file://`.
    pub(crate) offline: PathBuf,
}

/// The handbook, built on first use. A failed build is remembered, so every test fails at once
/// with the build's own output instead of rebuilding.
#[track_caller]
pub(crate) fn built() -> &'static BuiltSite {
    static SITE: OnceLock<Result<BuiltSite, String>> = OnceLock::new();
    match SITE.get_or_init(build_both) {
        Ok(site) => site,
        Err(why) => panic!("{why}"),
    }
}

/// The URL of `path` (relative, e.g. `articles/components/empathy/`) on the served online build.
#[track_caller]
pub(crate) fn url(path: &str) -> String {
    static SERVER: OnceLock<StaticServer> = OnceLock::new();
    SERVER.get_or_init(|| StaticServer::start(built().public.clone())).url(path)
}

/// The `file://` URL of `path` (e.g. `search/index.html?q=x`) in the offline build.
#[track_caller]
pub(crate) fn file_url(path: &str) -> String {
    format!("file://{}/{path}", built().offline.display())
}

fn build_both() -> Result<BuiltSite, String> {
    if let Some(prebuilt) = std::env::var_os("ATTUNE_BROWSER_SITE") {
        let base = PathBuf::from(prebuilt);
        let site =
            BuiltSite { public: base.join("online/public"), offline: base.join("offline/public") };
        for dir in [&site.public, &site.offline] {
            if !dir.join("index.html").is_file() {
                return Err(format!("ATTUNE_BROWSER_SITE: {} has no index.html", dir.display()));
            }
        }
        return Ok(site);
    }

    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
    if base.exists() {
        fs::remove_dir_all(&base).map_err(|e| format!("cannot clear {}: {e}", base.display()))?;
    }
    let site =
        BuiltSite { public: base.join("online/public"), offline: base.join("offline/public") };
    for dir in [&site.public, &site.offline] {
        let parent = dir.parent().expect("the output folder has a parent");
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    // The two builds are independent; run them side by side.
    let (online, offline) = thread::scope(|scope| {
        let offline = scope.spawn(|| run_build(&site.offline, true));
        let online = run_build(&site.public, false);
        (online, offline.join().unwrap_or_else(|_| Err("the offline build thread panicked".into())))
    });
    online?;
    offline?;
    Ok(site)
}

fn run_build(out: &Path, offline: bool) -> Result<(), String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut command = Command::new(env!("CARGO_BIN_EXE_attune"));
    command.arg("build").arg("--root").arg(root).arg("--out").arg(out);
    if offline {
        command.arg("--offline");
    }
    let described = format!("{command:?}");
    let Output { status, stdout, stderr } =
        command.output().map_err(|e| format!("cannot run {described}: {e}"))?;
    if !status.success() {
        return Err(format!(
            "{described} failed with {status}\n--- stdout\n{}\n--- stderr\n{}",
            String::from_utf8_lossy(&stdout),
            String::from_utf8_lossy(&stderr)
        ));
    }
    if !out.join("index.html").is_file() {
        return Err(format!("{described} succeeded but wrote no {}/index.html", out.display()));
    }
    Ok(())
}
