//! axe-core finds no WCAG 2.2 A/AA violation on any page type, in either palette.

use crate::{PAGE_TYPES, axe, effective_theme, open, search_results_appear, site};

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
        if path.starts_with("search/") && !search_results_appear(&session) {
            problems.push(format!("{name} (/{path}): no results appeared; axe ran without them"));
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
