//! Multilingual sites (issue 22) in a browser: the two-language fixture's Spanish pages have no
//! axe violation in either palette, and a Spanish query with an inflected form and a missing
//! accent finds the Spanish page through the Spanish index.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::server::StaticServer;
use crate::{axe, effective_theme, search_results_appear, webdriver::Session};

/// The Spanish pages of every kind, the "not translated yet" stand-in among them.
const SPANISH_PAGES: [&str; 11] = [
    "es/",
    "es/articles/basics/alliance/",
    "es/articles/basics/",
    "es/articles/basics/trust/",
    "es/glossary/",
    "es/paths/start/",
    "es/paths/start/print/",
    "es/search/?q=alianzas%20terapeutica",
    "es/tags/",
    "es/map/",
    "es/404.html",
];

/// The fixture built once and served.
fn url(path: &str) -> String {
    static SERVER: OnceLock<StaticServer> = OnceLock::new();
    SERVER.get_or_init(|| StaticServer::start(build())).url(path)
}

fn build() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/i18n");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-i18n/public");
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_attune"))
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .status()
        .expect("run attune");
    assert!(status.success(), "the i18n fixture builds");
    out
}

fn check_spanish_pages(theme: &str) {
    let session = Session::start();
    session.navigate(&url("es/"));
    session.execute("localStorage.setItem('attune-theme', arguments[0])", &[theme.into()]);
    let mut problems = Vec::new();
    for path in SPANISH_PAGES {
        session.navigate(&url(path));
        let applied = effective_theme(&session);
        if applied != theme {
            problems.push(format!("/{path}: shows the {applied} palette, not {theme}"));
        }
        if path.contains("search/") && !search_results_appear(&session) {
            problems.push(format!("/{path}: no results appeared"));
        }
        for violation in axe::run(&session) {
            problems.push(format!("/{path}: {}", violation.describe()));
        }
    }
    assert!(problems.is_empty(), "axe in {theme} mode:\n  {}", problems.join("\n  "));
}

#[test]
fn axe_finds_no_violations_on_the_spanish_pages_in_light_mode() {
    check_spanish_pages("light");
}

#[test]
fn axe_finds_no_violations_on_the_spanish_pages_in_dark_mode() {
    check_spanish_pages("dark");
}

#[test]
fn a_spanish_query_without_its_accent_finds_the_spanish_page() {
    let session = Session::start();
    session.navigate(&url("es/search/?q=alianzas%20terapeutica"));
    assert!(search_results_appear(&session), "no results for the Spanish query");
    let first = session.execute(
        "const a = document.querySelector('ol#search-results > li a'); \
         return a ? [a.textContent, a.getAttribute('href')] : null;",
        &[],
    );
    let text = first.to_string();
    assert!(text.contains("La alianza terapéutica"), "first result: {text}");
    assert!(!text.contains("The working alliance"), "an English result in Spanish search: {text}");
}
