//! The glossary page's filter box (issue 26): it narrows the entries as you type, shows
//! nothing of itself without JavaScript, and every entry has a link and a copy-link button.

use std::time::Duration;

use crate::webdriver::{Session, wait_until};
use crate::{open, site};

/// How many entries are shown, and how many there are.
const SHOWN: &str = "const all = [...document.querySelectorAll('.glossary .entry')];
     return [all.filter(e => e.getBoundingClientRect().height > 0).length, all.length];";

#[test]
fn the_glossary_filter_narrows_the_list_as_you_type() {
    let session = open("glossary/");
    let input = session.find("#glossary-filter");
    let before = session.execute(SHOWN, &[]);
    assert_eq!(before[0], before[1], "every entry shows before typing: {before}");
    input.click();
    input.send_keys("alliance");
    let narrowed = wait_until("fewer entries", Duration::from_secs(3), || {
        let now = session.execute(SHOWN, &[]);
        let shown = now[0].as_u64().unwrap_or_default();
        if shown > 0 && shown < now[1].as_u64().unwrap_or_default() {
            Ok(now)
        } else {
            Err(now.to_string())
        }
    });
    let wrong = session.execute(
        "return [...document.querySelectorAll('.glossary .entry')]
           .filter(e => e.getBoundingClientRect().height > 0)
           .filter(e => !/allian/i.test(e.querySelector('dt').textContent + e.querySelector('.short').textContent))
           .map(e => e.id);",
        &[],
    );
    assert_eq!(
        wrong,
        serde_json::json!([]),
        "entries left by \"alliance\" mention it ({narrowed})"
    );
    wait_until("the count announced", Duration::from_secs(3), || {
        let text = session.find("#glossary-filter-status").text();
        if text.contains(&narrowed[0].to_string()) { Ok(()) } else { Err(text) }
    });

    let links = session.execute(
        "return [...document.querySelectorAll('.glossary .entry')].every(e =>
           e.id && e.querySelector(`a.entry-link[href='#${e.id}']`) && e.querySelector('button.copy-link'))",
        &[],
    );
    assert_eq!(links, true, "each entry has an id, a link to it and a copy-link button");
}

#[test]
fn without_javascript_the_glossary_shows_every_entry_and_no_filter() {
    let session = Session::start_without_js();
    session.navigate(&site::url("glossary/"));
    let state = session.execute(
        "return [document.querySelector('.glossary-filter').getBoundingClientRect().height,
                 [...document.querySelectorAll('.glossary .entry')].every(e => e.getBoundingClientRect().height > 0)]",
        &[],
    );
    assert_eq!(state, serde_json::json!([0, true]), "no filter box and the full list without JS");
}

#[test]
fn a_to_z_letters_with_entries_are_links_that_jump_and_the_others_are_not() {
    let session = open("glossary/");
    let bar = session.execute(
        "return [...document.querySelectorAll('nav.az li')].map(li => {
           const a = li.querySelector('a'), letter = li.textContent.trim();
           return [letter, !!a, !!document.getElementById('letter-' + letter)];
         });",
        &[],
    );
    let letters = bar.as_array().cloned().unwrap_or_default();
    assert_eq!(letters.len(), 26, "one item per letter: {bar}");
    for l in &letters {
        assert_eq!(l[1], l[2], "a letter is a link exactly when it has entries: {l}");
    }
    let last = letters
        .iter()
        .rev()
        .find(|l| l[1] == true)
        .and_then(|l| l[0].as_str())
        .expect("a letter with entries")
        .to_string();
    session.find(&format!("nav.az a[href='#letter-{last}']")).click();
    let top = wait_until("the jump to the letter", Duration::from_secs(3), || {
        let top = session.execute(
            "return document.getElementById('letter-' + arguments[0]).getBoundingClientRect().top",
            &[last.clone().into()],
        );
        let at = top.as_f64().unwrap_or(f64::MAX);
        if (-1.0..=120.0).contains(&at) { Ok(at) } else { Err(top.to_string()) }
    });
    assert!(
        session.current_url().ends_with(&format!("#letter-{last}")),
        "jumped to {last} ({top})"
    );
}

#[test]
fn copy_link_copies_the_entry_address_and_says_so() {
    let session = open("glossary/");
    let origin = site::url("");
    let origin = origin.trim_end_matches('/');
    session.devtools(
        "Browser.grantPermissions",
        &serde_json::json!({ "origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
    );
    let button = wait_until("the copy buttons", Duration::from_secs(3), || {
        session.try_find("#trust button.copy-link").ok_or_else(|| "none yet".to_string())
    });
    let name = session.accessible_names("#trust button.copy-link");
    assert!(
        name.first().is_some_and(|n| n.contains("Trust")),
        "the button names its term: {name:?}"
    );
    button.click();
    wait_until("the copy announced", Duration::from_secs(3), || {
        let text = session.find("#glossary-filter-status").text();
        if text == "Link copied" { Ok(()) } else { Err(text) }
    });
    let copied = session.execute_async(
        "const done = arguments[arguments.length - 1];
         navigator.clipboard.readText().then(done, e => done('unreadable: ' + e));",
        &[],
    );
    assert_eq!(
        copied,
        serde_json::json!(site::url("glossary/#trust")),
        "the entry's address is copied"
    );
}

#[test]
fn without_javascript_there_is_no_copy_button_but_every_entry_has_its_link() {
    let session = Session::start_without_js();
    session.navigate(&site::url("glossary/"));
    let state = session.execute(
        "return [document.querySelectorAll('button.copy-link').length,
                 [...document.querySelectorAll('.glossary .entry')].every(e => e.querySelector(`a.entry-link[href='#${e.id}']`))]",
        &[],
    );
    assert_eq!(state, serde_json::json!([0, true]));
}

#[test]
fn the_filter_box_and_copy_buttons_appear_without_moving_the_entries() {
    let session = Session::start();
    session.set_viewport(390, 844);
    // A first load lets the new window size settle: a resize that lands during the measured
    // load would reflow the header and count as a shift the reader never sees.
    session.navigate(&site::url("glossary/"));
    session.navigate(&site::url("glossary/"));
    wait_until("the copy buttons", Duration::from_secs(5), || {
        let n = session.execute("return document.querySelectorAll('button.copy-link').length", &[]);
        if n.as_u64() > Some(50) { Ok(()) } else { Err(n.to_string()) }
    });
    let total = crate::layout_shifts(&session, 0, 300);
    let sum = total[0].as_f64().unwrap_or(f64::MAX);
    assert!(sum < 0.05, "layout shift on the glossary page: {total}");
}
