//! Keyboard use: the skip link comes first and lands on `<main>`; the theme toggle is reachable,
//! works with Enter and Space, and its choice persists.

use std::time::Duration;

use crate::webdriver::{Session, keys, wait_until};
use crate::{effective_theme, open, site, tab_until};

#[test]
fn first_tab_focuses_skip_link_and_enter_moves_focus_to_main() {
    let session = open("");
    for path in ["", "articles/components/working-alliance/", "glossary/"] {
        session.navigate(&site::url(path));
        session.press_keys(keys::TAB);
        let focused = session.execute(
            "const el = document.activeElement;
             if (!el || !el.classList.contains('skip-link')) {
               return 'focus is on ' + (el ? el.outerHTML.slice(0, 120) : 'nothing');
             }
             const r = el.getBoundingClientRect();
             if (r.width < 2 || r.height < 2 || r.bottom <= 0 || r.top >= innerHeight) {
               return 'the focused skip link is not visible: ' + JSON.stringify(r);
             }
             return el.getAttribute('href');",
            &[],
        );
        assert_eq!(focused, "#main", "/{path}: the first Tab must focus a visible skip link");

        session.press_keys(keys::ENTER);
        wait_until(&format!("/{path}: focus on #main after Enter"), Duration::from_secs(2), || {
            let id = session.active_element_id();
            if id == "main" { Ok(()) } else { Err(format!("focus on #{id}")) }
        });
    }
}

#[test]
fn theme_toggle_works_from_the_keyboard_and_persists() {
    let session = open("articles/components/empathy/");
    tab_until(&session, "#theme-toggle", "el.id === 'theme-toggle'", &[], 80);
    let start = effective_theme(&session);
    let other = if start == "dark" { "light" } else { "dark" };

    session.press_keys(keys::ENTER);
    expect_theme(&session, other, "after Enter on the toggle");
    session.press_keys(keys::SPACE);
    expect_theme(&session, &start, "after Space on the toggle");
    session.press_keys(keys::ENTER);
    expect_theme(&session, other, "after Enter on the toggle again");
    assert_eq!(
        session.active_element_id(),
        "theme-toggle",
        "the toggle keeps focus after being pressed"
    );

    session.refresh();
    expect_theme(&session, other, "after a reload");
    let stored = session.execute("return localStorage.getItem('attune-theme')", &[]);
    assert_eq!(stored, other, "the choice is stored in localStorage 'attune-theme'");

    session.navigate(&site::url("glossary/"));
    expect_theme(&session, other, "on another page");
}

/// Waits until the page shows `theme`: `data-theme` set explicitly, the toggle's `aria-pressed`
/// saying whether dark mode is on, and a page background that really is dark or light (so the
/// palette changed, not just the attribute; polled, because the switch may be animated).
#[track_caller]
fn expect_theme(session: &Session, theme: &str, when: &str) {
    let wanted_pressed = if theme == "dark" { "true" } else { "false" };
    wait_until(&format!("the {theme} theme {when}"), Duration::from_secs(3), || {
        let state = session.execute(
            "const b = document.getElementById('theme-toggle');
             let shade = 'transparent';
             for (const el of [document.body, document.documentElement]) {
               const m = (getComputedStyle(el).backgroundColor.match(/[\\d.]+/g) || []).map(Number);
               if (m.length >= 3 && (m.length < 4 || m[3] > 0.5)) {
                 shade = (0.2126 * m[0] + 0.7152 * m[1] + 0.0722 * m[2]) < 128 ? 'dark' : 'light';
                 break;
               }
             }
             return [document.documentElement.dataset.theme || '(unset)',
                     b ? String(b.getAttribute('aria-pressed')) : '(no #theme-toggle)', shade];",
            &[],
        );
        let text = |i: usize| state[i].as_str().unwrap_or_default().to_string();
        let (data_theme, pressed, shade) = (text(0), text(1), text(2));
        let shade_ok = shade == theme || shade == "transparent";
        if data_theme == theme && pressed == wanted_pressed && shade_ok {
            Ok(())
        } else {
            Err(format!("data-theme={data_theme} aria-pressed={pressed} background={shade}"))
        }
    });
}
