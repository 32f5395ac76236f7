//! Reading-path progress (DESIGN.md section 5): ticking steps updates the count, survives a
//! reload (localStorage), and "clear" resets it.

use std::time::Duration;

use crate::open;
use crate::webdriver::{Session, keys, wait_until};

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

/// Waits until `#path-progress` says "`done` of `total` read" and exactly `done` boxes are
/// ticked.
#[track_caller]
fn expect_progress(session: &Session, done: usize, total: usize, when: &str) {
    let wanted = format!("{done} of {total} read");
    wait_until(&format!("\"{wanted}\" {when}"), Duration::from_secs(3), || {
        let text = session.try_find("#path-progress").map(|p| p.text()).unwrap_or_default();
        let ticked = checked(session).iter().filter(|&&c| c).count();
        if text.contains(&wanted) && ticked == done {
            Ok(())
        } else {
            Err(format!("#path-progress says {text:?}, {ticked} boxes ticked"))
        }
    });
}
