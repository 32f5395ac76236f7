//! Where the browser tests expect their tools, and the one message they fail with when a tool
//! is missing: these tests must fail, never pass silently, on a machine that skipped setup.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Debian's Chromium.
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's ChromeDriver, matching `CHROMIUM`.
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

const SETUP_HINT: &str = "run `.ci/browser-setup.sh` from the repository root (CI runs it before \
                          `cargo test --test browser`)";

/// axe-core's browser bundle, installed by `.ci/browser-setup.sh` under the repository's `target/`.
pub(crate) fn axe_script_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/axe/node_modules/axe-core/axe.min.js")
}

/// Panics with the setup hint unless `path` exists.
#[track_caller]
pub(crate) fn require_file(path: &Path) {
    assert!(path.is_file(), "{} is missing: {SETUP_HINT}", path.display());
}

/// Panics with the setup hint unless `program -v` can be started (pdftotext prints its version
/// to stderr and exits 0 or 99 depending on the build, so only starting it is checked).
#[track_caller]
pub(crate) fn require_program(program: &str) {
    if let Err(e) = Command::new(program).arg("-v").output() {
        panic!("`{program}` cannot be run ({e}): {SETUP_HINT}");
    }
}
