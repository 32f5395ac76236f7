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
