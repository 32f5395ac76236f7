//! Glossary term links show their definition tooltip on keyboard focus (DESIGN.md section 4),
//! and Escape dismisses it.

use std::time::Duration;

use crate::webdriver::{Element, Session, keys, wait_until};
use crate::{open, tab_until};

/// Whether `arguments[0]` is rendered and visible.
const IS_VISIBLE: &str = "const el = arguments[0]; const cs = getComputedStyle(el);
     const r = el.getBoundingClientRect();
     return cs.display !== 'none' && cs.visibility !== 'hidden' && Number(cs.opacity) > 0.5
       && r.width > 1 && r.height > 1;";

#[test]
fn keyboard_focus_on_a_term_link_shows_its_tooltip_and_escape_hides_it() {
    let session = open("articles/components/working-alliance/");
    let term = session.find("main a.term");
    let tip_id = term
        .attribute("aria-describedby")
        .unwrap_or_else(|| panic!("the first a.term has no aria-describedby"));
    let tip = session.find(&format!("[id='{tip_id}']"));
    assert_eq!(tip.attribute("role").as_deref(), Some("tooltip"), "#{tip_id} has role=tooltip");
    assert_eq!(
        session.execute(IS_VISIBLE, &[tip.to_arg()]),
        false,
        "#{tip_id} is hidden until its term is hovered or focused"
    );
    let definition = session
        .execute("return arguments[0].textContent.trim()", &[tip.to_arg()])
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!definition.is_empty(), "#{tip_id} holds the term's short definition");

    tab_until(&session, "the first a.term", "el === arguments[0]", &[term.to_arg()], 250);
    wait_until(&format!("#{tip_id} to show on focus"), Duration::from_secs(3), || {
        if session.execute(IS_VISIBLE, &[tip.to_arg()]) == true {
            Ok(())
        } else {
            let style = session.execute(
                "const cs = getComputedStyle(arguments[0]);
                 return `display=${cs.display} visibility=${cs.visibility} opacity=${cs.opacity}`;",
                &[tip.to_arg()],
            );
            Err(style.as_str().unwrap_or_default().to_string())
        }
    });

    // WCAG 1.4.13: content shown on focus can be dismissed without moving focus.
    session.press_keys(keys::ESCAPE);
    wait_until(&format!("Escape to hide #{tip_id}"), Duration::from_secs(3), || {
        if session.execute(IS_VISIBLE, &[tip.to_arg()]) == false {
            Ok(())
        } else {
            Err("still visible".to_string())
        }
    });
    let still_focused =
        session.execute("return document.activeElement === arguments[0]", &[term.to_arg()]);
    assert_eq!(still_focused, true, "Escape leaves focus on the term link");
}

/// The rectangles of a tooltip's term link and of the tooltip: `[tl, tt, tr, tb, ...]` for the
/// term then the tip, in CSS pixels.
const RECTS: &str = "const a = arguments[0].getBoundingClientRect();
     const t = arguments[1].getBoundingClientRect();
     return [a.left, a.top, a.right, a.bottom, t.left, t.top, t.right, t.bottom];";

/// Waits until `tip` is shown (`true`) or hidden (`false`).
#[track_caller]
fn expect_shown(session: &Session, tip: &Element<'_>, shown: bool, when: &str) {
    wait_until(
        &format!("the tooltip {} {when}", if shown { "shown" } else { "hidden" }),
        Duration::from_secs(3),
        || {
            if session.execute(IS_VISIBLE, &[tip.to_arg()]) == shown {
                Ok(())
            } else {
                Err(format!("visible = {}", !shown))
            }
        },
    );
}

#[test]
fn a_hovered_tooltip_stays_open_on_the_pointer_closes_with_escape_and_sits_below_its_term() {
    let session = open("articles/components/working-alliance/");
    let term = session.find("main a.term");
    let tip_id = term.attribute("aria-describedby").unwrap_or_default();
    let tip = session.find(&format!("[id='{tip_id}']"));
    session.execute("arguments[0].scrollIntoView({block: 'center'})", &[term.to_arg()]);

    session.move_pointer(&term, 0, 0);
    expect_shown(&session, &tip, true, "while the pointer is on its term");

    // The box is under the term and never covers it (WCAG 1.4.13: the term stays readable).
    let r: Vec<f64> = session
        .execute(RECTS, &[term.to_arg(), tip.to_arg()])
        .as_array()
        .map(|v| v.iter().map(|n| n.as_f64().unwrap_or_default()).collect())
        .unwrap_or_default();
    let overlaps = r[4] < r[2] && r[0] < r[6] && r[5] < r[3] && r[1] < r[7];
    assert!(!overlaps, "the tooltip {r:?}[4..] overlaps its term {r:?}[..4]");
    assert!(r[5] >= r[3], "the tooltip starts below its term: {r:?}");
    session.save_screenshot(&crate::layout::screenshot_folder().join("tooltip-hover-1280.png"));
    assert!(r[4] < r[2] && r[6] > r[0], "the tooltip sits under its term, not beside it: {r:?}");

    // WCAG 1.4.13 hoverable: the pointer crosses from the term onto the tooltip, which stays.
    let term_height = r[3] - r[1];
    for step in 1..=4 {
        let down = (term_height / 2.0 + (r[5] - r[3] + 8.0) * f64::from(step) / 4.0) as i64;
        session.move_pointer(&term, 0, down);
    }
    expect_shown(&session, &tip, true, "while the pointer rests on the tooltip");
    let hovered = session.execute("return arguments[0].matches(':hover')", &[tip.to_arg()]);
    assert_eq!(hovered, true, "the pointer is on the tooltip");

    // Dismissable: Escape closes it though focus is not on its link.
    let focus_on_term =
        session.execute("return document.activeElement === arguments[0]", &[term.to_arg()]);
    assert_eq!(focus_on_term, false, "the term link does not have focus");
    session.press_keys(keys::ESCAPE);
    expect_shown(&session, &tip, false, "after Escape with the pointer on it");

    // It comes back once the pointer has left and returns.
    let body = session.find("main h1");
    session.move_pointer(&body, 0, 0);
    session.move_pointer(&term, 0, 0);
    expect_shown(&session, &tip, true, "when the pointer comes back to the term");
}

#[test]
fn hover_and_focus_never_show_two_tooltips_at_once() {
    let session = open("articles/components/working-alliance/");
    let terms = session.find_all("main a.term");
    assert!(terms.len() >= 2, "the article has two term links; found {}", terms.len());
    session.execute("arguments[0].focus()", &[terms[0].to_arg()]);
    session.execute("arguments[0].scrollIntoView({block: 'center'})", &[terms[1].to_arg()]);
    session.move_pointer(&terms[1], 0, 0);
    let shown = session.execute(
        "return [...document.querySelectorAll('.term-tip')].filter(t => {
           const cs = getComputedStyle(t); return cs.display !== 'none' && cs.visibility !== 'hidden'; }).length;",
        &[],
    );
    assert_eq!(shown, 1, "one tooltip shows when one term is focused and another hovered");
}
