//! axe-core finds no WCAG 2.2 A/AA violation on any page type, in either palette.

use std::time::Duration;

use crate::webdriver::{Session, wait_until};
use crate::{PAGE_TYPES, axe, effective_theme, open, site};

#[test]
fn axe_finds_no_violations_on_any_page_type_in_light_mode() {
    check_every_page_type("light");
}

#[test]
fn axe_finds_no_violations_on_any_page_type_in_dark_mode() {
    check_every_page_type("dark");
}

/// Runs axe on each of [`PAGE_TYPES`] with the reader's theme choice stored as `theme`, and
/// reports every violation of every page at once.
#[track_caller]
fn check_every_page_type(theme: &str) {
    let session = open("");
    // The theme toggle stores the choice here; every page applies it before first paint.
    session.execute("localStorage.setItem('attune-theme', arguments[0])", &[theme.into()]);

    let mut problems = Vec::new();
    for (name, path) in PAGE_TYPES {
        session.navigate(&site::url(path));
        let applied = effective_theme(&session);
        if applied != theme {
            problems.push(format!("{name} (/{path}): shows the {applied} palette, not {theme}"));
        }
        if path.starts_with("search/") {
            wait_for_search_results(&session);
        }
        for violation in axe::run(&session) {
            problems.push(format!("{name} (/{path}): {}", violation.describe()));
        }
    }
    assert!(
        problems.is_empty(),
        "axe-core (WCAG 2.0-2.2 A/AA) in {theme} mode:\n  {}",
        problems.join("\n  ")
    );
}

/// Search results render after the index loads; axe must see them.
#[track_caller]
fn wait_for_search_results(session: &Session) {
    wait_until("search results on the search page", Duration::from_secs(10), || {
        let count = session.find_all("ol#search-results > li").len();
        if count > 0 { Ok(()) } else { Err("no ol#search-results > li".to_string()) }
    });
}
