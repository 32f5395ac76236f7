//! Reading-path progress (DESIGN.md section 5): ticking steps updates the count and the
//! progress bar, survives a reload (localStorage), and "clear" resets it. Issue 26: the tick
//! targets are at least 44 px square, the packet link is a button-sized link, and the path page
//! (with a step ticked) and its packet have no axe-core violation in either palette.

use std::time::Duration;

use crate::webdriver::{Session, keys, wait_until};
use crate::{axe_problems, open, site};

#[test]
fn ticking_path_steps_updates_progress_persists_and_clears() {
    let session = open("paths/new-to-therapy/");
    let total = session.find_all("input[type=checkbox].step-done").len();
    assert!(total >= 2, "the path page has a step-done checkbox per step; found {total}");
    let unlabelled = session.execute(
        "return [...document.querySelectorAll('input.step-done')]
           .filter(b => !b.closest('label') || !b.dataset.article).length;",
        &[],
    );
    assert_eq!(unlabelled, 0, "every .step-done sits in a <label> and has data-article");
    expect_progress(&session, 0, total, "on first visit");

    // Tick the first step with the mouse and the second with the keyboard.
    session.find_all("input.step-done")[0].click();
    expect_progress(&session, 1, total, "after clicking the first step");
    session.execute("document.querySelectorAll('input.step-done')[1].focus()", &[]);
    session.press_keys(keys::SPACE);
    expect_progress(&session, 2, total, "after Space on the second step");

    session.refresh();
    expect_progress(&session, 2, total, "after a reload");
    assert_eq!(checked(&session)[..2], [true, true], "the ticked steps stay ticked");

    session.find("#clear-progress").click();
    session.accept_alert_if_any();
    expect_progress(&session, 0, total, "after #clear-progress");
    session.refresh();
    expect_progress(&session, 0, total, "after clearing and reloading");
}

/// Which steps are ticked, in order.
#[track_caller]
fn checked(session: &Session) -> Vec<bool> {
    let value = session.execute(
        "return [...document.querySelectorAll('input.step-done')].map(b => b.checked);",
        &[],
    );
    value.as_array().map(|list| list.iter().map(|v| v == true).collect()).unwrap_or_default()
}

/// Waits until `#path-progress` says "`done` of `total` read", the progress bar shows `done` of
/// `total`, and exactly `done` boxes are ticked.
#[track_caller]
fn expect_progress(session: &Session, done: usize, total: usize, when: &str) {
    let wanted = format!("{done} of {total} read");
    wait_until(&format!("\"{wanted}\" {when}"), Duration::from_secs(3), || {
        let text = session.try_find("#path-progress").map(|p| p.text()).unwrap_or_default();
        let ticked = checked(session).iter().filter(|&&c| c).count();
        let bar = session.execute(
            "const bar = document.querySelector('.progress-box progress');
             return bar && bar.getClientRects().length ? [bar.value, bar.max] : null;",
            &[],
        );
        if text.contains(&wanted) && ticked == done && bar == serde_json::json!([done, total]) {
            Ok(())
        } else {
            Err(format!(
                "#path-progress says {text:?}, the bar [value, max] {bar}, {ticked} ticked"
            ))
        }
    });
}

#[test]
fn issue_26_tick_targets_are_44_px_and_the_packet_link_is_a_button() {
    let session = open("paths/new-to-therapy/");
    for width in [1280, 390] {
        session.set_viewport(width, 900);
        let small = session.execute(
            "return [...document.querySelectorAll('label.step-check')]
               .map(l => l.getBoundingClientRect())
               .filter(r => r.width < 44 || r.height < 44)
               .map(r => `${Math.round(r.width)}x${Math.round(r.height)}`);",
            &[],
        );
        assert_eq!(small, serde_json::json!([]), "tick targets under 44x44 px at {width} px");
        let packet = session.execute(
            "const a = document.querySelector('main a.button-link[href$=\"print/\"]');
             if (!a) return null;
             const r = a.getBoundingClientRect(), s = getComputedStyle(a);
             return [Math.round(r.height) >= 44, s.backgroundColor !== 'rgba(0, 0, 0, 0)', s.textDecorationLine];",
            &[],
        );
        assert_eq!(
            packet,
            serde_json::json!([true, true, "none"]),
            "the packet link is a filled button at least 44 px tall at {width} px"
        );
    }
    // Clicking anywhere on the label's padding ticks the box.
    let label = session.find("label.step-check");
    session.move_pointer(&label, 0, 0);
    label.click();
    expect_progress(&session, 1, checked(&session).len(), "after clicking a tick's label");
    // For review: the progress box and the first steps, one of them done, light and dark.
    session.execute("document.querySelector('.progress-box').scrollIntoView()", &[]);
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    session.save_screenshot(&shots.join("path-progress-390-light.png"));
    session.execute("document.documentElement.dataset.theme = 'dark'", &[]);
    session.save_screenshot(&shots.join("path-progress-390-dark.png"));
}

#[test]
fn issue_26_axe_finds_no_violations_on_path_pages_and_packets_in_both_palettes() {
    let session = open("paths/new-to-therapy/");
    // One step ticked, so the done styles are checked too.
    session.find("input.step-done").click();
    expect_progress(&session, 1, checked(&session).len(), "after ticking one step");
    let pages = [
        "paths/new-to-therapy/",
        "paths/foundations-course/",
        "paths/new-to-therapy/print/",
        "paths/foundations-course/print/key/",
        "es/paths/new-to-therapy/",
    ];
    let url = |page: &str| site::url(page);
    let problems: Vec<String> = ["light", "dark"]
        .iter()
        .flat_map(|theme| axe_problems(&session, &url, &pages, theme))
        .collect();
    assert!(problems.is_empty(), "axe-core:\n  {}", problems.join("\n  "));
}

#[test]
fn issue_26_without_js_the_path_page_shows_no_ticks_or_progress_but_links_the_packet() {
    let session = Session::start_without_js();
    session.navigate(&site::url("paths/new-to-therapy/"));
    let shown = session.execute(
        "return [...document.querySelectorAll('label.step-check, .progress-box')]
           .filter(e => e.getClientRects().length > 0).length;",
        &[],
    );
    assert_eq!(shown, 0, "ticks and progress need the script: without it they are not shown");
    let packet = session.find("a.button-link");
    assert!(packet.attribute("href").is_some_and(|h| h.ends_with("print/")), "the packet link");
}
