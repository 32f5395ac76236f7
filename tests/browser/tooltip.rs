//! Glossary term links show their definition tooltip on keyboard focus (DESIGN.md section 4),
//! and Escape dismisses it.

use std::time::Duration;

use crate::webdriver::{keys, wait_until};
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
