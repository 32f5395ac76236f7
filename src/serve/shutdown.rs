//! Ending `attune serve`: Ctrl-C, SIGTERM and SIGHUP (closing the terminal; Ctrl-Break or
//! closing the console on Windows) stop the server at once and remove its temporary output
//! folder, with any staging folder a build in progress left beside it.
//!
//! The `ctrlc` crate (with its `termination` feature) installs the handler on every platform
//! attune runs on; its cost is `nix` with only its signal module on Unix. The handler runs on
//! a thread of its own, so it works while the main thread waits for file changes or builds.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Installs the handler that removes `out` (and its siblings from this process's builds) and
/// exits with status 0.
pub(crate) fn remove_output_on_stop(out: PathBuf) -> Result<()> {
    ctrlc::set_handler(move || {
        remove_output(&out);
        eprintln!("stopped; removed {}", out.display());
        std::process::exit(0);
    })
    .map_err(|e| Error::Usage(format!("cannot handle Ctrl-C: {e}")))
}

/// Removes the output folder and this process's staging and swap folders beside it.
fn remove_output(out: &Path) {
    let _ = std::fs::remove_dir_all(out);
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else { return };
    let name = name.to_string_lossy();
    let pid = std::process::id();
    for sibling in [format!(".{name}.attune-staging-{pid}"), format!(".{name}.attune-old-{pid}")] {
        let _ = std::fs::remove_dir_all(parent.join(sibling));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_the_output_and_its_build_folders_only() {
        let temp = tempfile::tempdir().expect("temp dir");
        let out = temp.path().join("attune-serve-1");
        let pid = std::process::id();
        let staging = temp.path().join(format!(".attune-serve-1.attune-staging-{pid}"));
        let other = temp.path().join("attune-serve-2");
        for dir in [&out, &staging, &other] {
            std::fs::create_dir_all(dir.join("articles")).expect("create");
        }
        remove_output(&out);
        assert!(!out.exists() && !staging.exists());
        assert!(other.exists());
    }
}
