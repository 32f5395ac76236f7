//! Golden output, reviewed in the diff when it changes (issue 17): the `<main>` of every page
//! kind of a small fixture site, and the exact text of the diagnostic each invalid fixture
//! site reports. `ATTUNE_BLESS=1 cargo test golden` rewrites the golden files; `git diff`
//! then shows what changed, for review.

use std::path::{Path, PathBuf};

use crate::support::TestSite;

/// The fixture whose pages are compared, and where their golden `<main>`s are kept.
const SITE: &str = "build/site";
const GOLDEN_PAGES: &str = "tests/fixtures/golden/pages";

/// One page of each kind: (golden file name, output path).
const PAGES: &[(&str, &str)] = &[
    ("home", "index.html"),
    ("article", "articles/basics/markdown/index.html"),
    ("page", "about/index.html"),
    ("section", "articles/basics/index.html"),
    ("glossary", "glossary/index.html"),
    ("paths", "paths/index.html"),
    ("path", "paths/start/index.html"),
    ("packet", "paths/start/print/index.html"),
    ("search", "search/index.html"),
    ("tags", "tags/index.html"),
    ("map", "map/index.html"),
    ("not-found", "404.html"),
];

fn blessing() -> bool {
    std::env::var_os("ATTUNE_BLESS").is_some_and(|v| v == "1")
}

/// Compares `actual` with the golden file at `path` (or writes it when blessing); returns a
/// description of the first difference.
fn compare(path: &Path, actual: &str) -> Option<String> {
    if blessing() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("golden folder");
        std::fs::write(path, actual).expect("write golden file");
        return None;
    }
    let expected = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(_) => {
            return Some(format!(
                "{}: missing; run ATTUNE_BLESS=1 cargo test golden",
                path.display()
            ));
        }
    };
    if expected == actual {
        return None;
    }
    let line = expected.lines().zip(actual.lines()).position(|(e, a)| e != a);
    let line = line.unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{} differs at line {}:\n  golden: {:?}\n  actual: {:?}\n(review, then ATTUNE_BLESS=1 cargo test golden)",
        path.display(),
        line + 1,
        expected.lines().nth(line).unwrap_or("<end>"),
        actual.lines().nth(line).unwrap_or("<end>")
    ))
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn golden_main_of_every_page_kind() {
    let site = TestSite::fixture(SITE);
    site.build();
    let failures: Vec<String> = PAGES
        .iter()
        .filter_map(|(name, page)| {
            let main = site.main_of(page);
            compare(&repo(GOLDEN_PAGES).join(format!("{name}.html")), &format!("{main}\n"))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn golden_text_of_every_diagnostic() {
    let invalid = repo("tests/fixtures/invalid");
    let mut cases: Vec<String> = std::fs::read_dir(&invalid)
        .expect("invalid fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let site = TestSite::fixture(&format!("invalid/{case}"));
            let run = site.run(&["check"]);
            let text = format!("{}{}", run.stderr, run.stdout);
            compare(&invalid.join(case).join("expected.txt"), &text)
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
