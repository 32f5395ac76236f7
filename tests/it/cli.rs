//! Issue 18, point 8: the command line tells the truth. An example in every `--help`, the
//! summary line with singular words for one, `serve` refusing a folder without `content/` with
//! `build`'s error, and SIGTERM ending `serve` at once with its temporary output removed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::TestSite;

#[test]
fn every_help_has_an_example() {
    let site = TestSite::empty("help");
    for command in [&[][..], &["build"], &["serve"], &["check"], &["new"], &["init"], &["eject"]] {
        let mut args: Vec<&str> = command.to_vec();
        args.push("--help");
        let run = site.run(&args);
        run.expect_code(0);
        assert!(
            run.stdout.contains("Example"),
            "`attune {}` has no example:\n{}",
            args.join(" "),
            run.stdout
        );
        assert!(
            run.stdout.contains("\n  attune "),
            "the example is a command line:\n{}",
            run.stdout
        );
    }
}

#[test]
fn build_summary_uses_the_singular_for_one() {
    let site = TestSite::with_files(
        "summary-one",
        &[
            ("articles/a/only.md", "---\ntitle: Only\nsummary: The one article.\n---\n\nText.\n"),
            ("glossary/word.md", "---\nterm: Word\nshort: A word.\n---\n\nA word.\n"),
            ("paths/p.md", "---\ntitle: P\nsummary: A path.\nsteps:\n  - article: only\n---\n"),
        ],
    );
    let run = site.build();
    assert!(run.stdout.starts_with("built 1 article, 1 term, 1 path in "), "{}", run.stdout);
}

#[test]
fn serve_without_content_exits_with_builds_error() {
    let dir = TestSite::empty("serve-no-content");
    let build = dir.run(&["build"]);
    let serve = dir.run(&["serve", "--port", "0"]);
    build.expect_code(2).expect_stderr("has no `content/` folder; run `attune init");
    serve.expect_code(2);
    assert_eq!(serve.stderr, build.stderr);
    assert_eq!(serve.stdout, "", "nothing served");
}

/// SIGTERM to `attune serve` ends it at once with status 0, and its output folder under the
/// temporary folder is gone.
#[cfg(unix)]
#[test]
fn sigterm_stops_serve_and_removes_its_output_folder() {
    let site = TestSite::with_files(
        "serve-sigterm",
        &[("articles/a/only.md", "---\ntitle: Only\nsummary: The one article.\n---\n\nText.\n")],
    );
    let temp = site.root.join("tmp");
    std::fs::create_dir_all(&temp).expect("temp folder");
    let mut child = Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(["serve", "--port", "0"])
        .current_dir(&site.root)
        .env("TMPDIR", &temp)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start attune serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let serving = lines.next().expect("a first line").expect("utf-8");
    assert!(serving.starts_with("serving http://127.0.0.1:"), "{serving}");
    let built = lines.next().expect("a summary line").expect("utf-8");
    assert!(built.starts_with("built 1 article, 0 terms, 0 paths in "), "{built}");
    let out = temp.join(format!("attune-serve-{}", child.id()));
    assert!(out.join("articles/a/only/index.html").is_file(), "serving from {}", out.display());

    let killed =
        Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("run kill");
    assert!(killed.success());
    let status = child.wait().expect("serve ends");
    let mut stderr = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut err, &mut stderr);
    }
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(stderr.contains("stopped; removed"), "{stderr}");
    assert!(!out.exists(), "the output folder is removed");
    let left: Vec<_> =
        std::fs::read_dir(&temp).expect("temp").flatten().map(|e| e.file_name()).collect();
    assert!(left.is_empty(), "nothing left in the temp folder: {left:?}");
}

/// The 404 page carries what its script needs to find the site's root under an unknown subpath:
/// the base path and the site's top-level folders (the behaviour is tested in a browser,
/// `tests/browser/not_found.rs`).
#[test]
fn not_found_page_knows_the_sites_top_level_folders() {
    let site = TestSite::fixture("author/cascade");
    site.write("content/pages/about.md", "---\ntitle: About\nsummary: Who we are.\n---\nUs.\n");
    site.build();
    let page = site.output("404.html");
    assert!(
        page.contains(r#"var c = {"base":"/","folders":["about","articles","atom.xml","glossary","map","paths","search","tags","theme"]}"#),
        "{page}"
    );
}
