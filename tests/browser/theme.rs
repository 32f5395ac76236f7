//! Light and dark palettes (DESIGN.md section 7): the toggle is reachable by keyboard, works
//! with Enter and Space, persists its choice; without a choice the system preference applies.

use std::time::Duration;

use serde_json::json;

use crate::webdriver::{Session, keys, wait_until};
use crate::{axe, effective_theme, open, site, tab_until};

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

#[test]
fn system_dark_preference_applies_until_the_reader_chooses() {
    let session = open("");
    let dark_system = json!({ "features": [{ "name": "prefers-color-scheme", "value": "dark" }] });
    session.devtools("Emulation.setEmulatedMedia", &dark_system);
    let mut problems = Vec::new();
    for path in ["", "articles/components/working-alliance/"] {
        session.navigate(&site::url(path));
        wait_until(
            &format!("/{path} in the system's dark palette"),
            Duration::from_secs(3),
            || {
                let (data_theme, pressed, shade) = theme_state(&session);
                if shade == "dark" && pressed == "true" && data_theme != "light" {
                    Ok(())
                } else {
                    Err(format!(
                        "data-theme={data_theme} aria-pressed={pressed} background={shade}"
                    ))
                }
            },
        );
        for violation in axe::run(&session) {
            problems.push(format!("/{path}: {}", violation.describe()));
        }
    }
    assert!(
        problems.is_empty(),
        "axe-core with prefers-color-scheme: dark and no stored choice:\n  {}",
        problems.join("\n  ")
    );
    session.find("#theme-toggle").click();
    expect_theme(&session, "light", "after choosing light on a dark system");
}

/// Waits until the page shows `theme`: `data-theme` set explicitly, the toggle's `aria-pressed`
/// saying whether dark mode is on, and a page background that really is dark or light (so the
/// palette changed, not just the attribute; polled, because the switch may be animated).
#[track_caller]
fn expect_theme(session: &Session, theme: &str, when: &str) {
    let wanted_pressed = if theme == "dark" { "true" } else { "false" };
    wait_until(&format!("the {theme} theme {when}"), Duration::from_secs(3), || {
        let (data_theme, pressed, shade) = theme_state(session);
        let shade_ok = shade == theme || shade == "transparent";
        if data_theme == theme && pressed == wanted_pressed && shade_ok {
            Ok(())
        } else {
            Err(format!("data-theme={data_theme} aria-pressed={pressed} background={shade}"))
        }
    });
}

/// `data-theme` ("(unset)" when absent), the toggle's `aria-pressed`, and whether the page
/// background is "dark", "light" or "transparent" (judged by its luminance).
#[track_caller]
fn theme_state(session: &Session) -> (String, String, String) {
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
    (text(0), text(1), text(2))
}
