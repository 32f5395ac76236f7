//! `TestSite`: a fixture site in its own temporary folder, with helpers to build it, run any
//! attune command on it, edit files, and read what was written.

#![allow(dead_code, reason = "each test module uses a different subset")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The outcome of one attune run.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    fn from(output: Output) -> Self {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts the exit code, showing the output when it differs.
    #[track_caller]
    pub(crate) fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// Asserts stderr contains `needle`.
    #[track_caller]
    pub(crate) fn expect_stderr(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}:\n{}", self.stderr);
        self
    }

    /// Asserts stdout contains `needle`.
    #[track_caller]
    pub(crate) fn expect_stdout(&self, needle: &str) -> &Self {
        assert!(self.stdout.contains(needle), "stdout lacks {needle:?}:\n{}", self.stdout);
        self
    }
}

/// A site in a unique temporary folder under `CARGO_TARGET_TMPDIR`.
pub(crate) struct TestSite {
    pub(crate) root: PathBuf,
}

impl TestSite {
    /// An empty site folder (no content yet).
    pub(crate) fn empty(name: &str) -> Self {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("it")
            .join(format!("{name}-{}-{n}", std::process::id()));
        if root.exists() {
            std::fs::remove_dir_all(&root).expect("clear old test folder");
        }
        std::fs::create_dir_all(&root).expect("create test folder");
        TestSite { root }
    }

    /// A copy of `tests/fixtures/<fixture>`.
    pub(crate) fn fixture(fixture: &str) -> Self {
        let site = TestSite::empty(&fixture.replace('/', "-"));
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixture);
        copy_dir(&source, &site.root);
        site
    }

    /// A minimal valid site: site.yaml declaring clients/students and two sections, plus the
    /// given files (path under `content/`, text).
    pub(crate) fn with_files(name: &str, files: &[(&str, &str)]) -> Self {
        let site = TestSite::empty(name);
        site.write(
            "content/site.yaml",
            "title: Test site\nbase_url: https://example.org/\naudiences:\n  - id: clients\n    label: Clients\n    max_grade: 8\n  - id: students\n    label: Students\n    max_grade: 12\n",
        );
        for (path, text) in files {
            site.write(&format!("content/{path}"), text);
        }
        site
    }

    /// Writes (or overwrites) a file relative to the site root.
    pub(crate) fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().expect("has parent")).expect("create folders");
        std::fs::write(path, text).expect("write file");
    }

    /// Replaces `from` with `to` in a file (which must contain `from`).
    #[track_caller]
    pub(crate) fn change_file(&self, path: &str, from: &str, to: &str) {
        let full = self.root.join(path);
        let text = std::fs::read_to_string(&full).expect("read file");
        assert!(text.contains(from), "{path} lacks {from:?}");
        std::fs::write(full, text.replacen(from, to, 1)).expect("write file");
    }

    /// Runs `attune <args>` in the site folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_attune"))
            .args(args)
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .env("ATTUNE_TODAY", "2026-11-22")
            .output()
            .expect("run attune");
        Run::from(output)
    }

    /// `attune build`, asserting success.
    #[track_caller]
    pub(crate) fn build(&self) -> Run {
        let run = self.run(&["build"]);
        run.expect_code(0);
        run
    }

    /// A file of the built site (`public/<path>`), panicking with a listing if missing.
    #[track_caller]
    pub(crate) fn output(&self, path: &str) -> String {
        let full = self.root.join("public").join(path);
        std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("public/{path}: {e}"))
    }

    /// Only what is inside `<main …>…</main>` of a built page (less noise to assert on).
    #[track_caller]
    pub(crate) fn main_of(&self, path: &str) -> String {
        let html = self.output(path);
        let start = html.find("<main").expect("page has <main>");
        let end = html.rfind("</main>").expect("page has </main>");
        html[start..end].to_string()
    }

    /// Whether `public/<path>` exists.
    pub(crate) fn exists(&self, path: &str) -> bool {
        self.root.join("public").join(path).exists()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in
        std::fs::read_dir(from).unwrap_or_else(|e| panic!("fixture {}: {e}", from.display()))
    {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy fixture file");
        }
    }
}

/// Every `href`/`src` attribute value in a page.
pub(crate) fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
            }
        }
    }
    out
}
