//! Search (DESIGN.md section 6): suggestions as you type in the header, typo-tolerant ranking,
//! keyboard operation, shareable `?q=` URLs, and the offline build working from `file://`.

use std::time::Duration;

use serde_json::Value;

use crate::webdriver::{Session, keys, wait_until};
use crate::{open, site};

const TYPO_QUERY: &str = "search/?q=theraputic%20aliance";

/// The visible `#q-results` options as `[option id, link href]` pairs.
const VISIBLE_OPTIONS: &str = "const box = document.getElementById('q-results');
     if (!box) return [];
     const shown = el => { const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
       return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden'; };
     if (!shown(box)) return [];
     return [...box.querySelectorAll('[role=option]')].filter(shown)
       .map(o => { const a = o.querySelector('a'); return [o.id, a ? a.href : '']; });";

#[test]
fn header_search_suggests_results_as_you_type() {
    let session = open("");
    let input = session.find("form.site-search[role=search] input#q");
    assert_eq!(input.attribute("aria-controls").as_deref(), Some("q-results"));
    input.click();
    input.send_keys("empathy");
    let options = wait_for_options(&session);
    assert!(
        options.iter().any(|(_, href)| href.contains("empathy")),
        "typing \"empathy\" suggests the empathy article or term; got {options:?}"
    );
}

#[test]
fn header_search_works_from_the_keyboard() {
    let session = open("articles/components/working-alliance/");
    session.press_keys("/");
    assert_eq!(session.active_element_id(), "q", "`/` focuses the header search");
    session.press_keys("empathy");
    let options = wait_for_options(&session);

    session.press_keys(keys::ARROW_DOWN);
    let (first_id, first_href) = &options[0];
    let active = session.find("#q").attribute("aria-activedescendant").unwrap_or_default();
    assert!(!first_id.is_empty(), "each [role=option] has an id for aria-activedescendant");
    assert_eq!(&active, first_id, "ArrowDown makes the first option active on #q");

    session.press_keys(keys::ENTER);
    wait_until(&format!("Enter to open {first_href}"), Duration::from_secs(5), || {
        let url = session.current_url();
        if &url == first_href { Ok(()) } else { Err(url) }
    });
}

#[test]
fn search_page_ranks_working_alliance_first_for_a_misspelt_query() {
    let session = open(TYPO_QUERY);
    let results = top_results(&session);

    let typed = session.find("#search-input").property("value");
    assert_eq!(typed, "theraputic aliance", "the query from ?q= fills the search box");
    let status = session.find("#search-status");
    assert_eq!(status.attribute("role").as_deref(), Some("status"));
    assert!(status.attribute("aria-live").is_some(), "#search-status has aria-live");
    let announced = status.text();
    assert!(!announced.trim().is_empty(), "#search-status announces the results");
    for filter in ["#search-audience", "#search-section"] {
        let tag = session.find(filter).property("tagName");
        assert_eq!(tag, "SELECT", "{filter} is a <select>");
    }
    assert!(
        results[0].1.contains("working-alliance"),
        "the working-alliance article ranks first for \"theraputic aliance\"; top results: {results:?}"
    );
}

#[test]
fn search_page_arrow_down_and_enter_open_the_first_result() {
    let session = open(TYPO_QUERY);
    let first = top_results(&session).swap_remove(0).1;
    session.find("#search-input").click();
    session.press_keys(keys::ARROW_DOWN);
    session.press_keys(keys::ENTER);
    wait_until(&format!("ArrowDown, Enter to open {first}"), Duration::from_secs(5), || {
        let url = session.current_url();
        if url == first { Ok(()) } else { Err(url) }
    });
}

#[test]
fn offline_build_searches_from_file_urls() {
    let url = site::file_url("search/index.html?q=theraputic%20aliance");
    let session = Session::start();
    session.navigate(&url);
    let results = top_results(&session);
    for (_, href) in &results {
        assert!(href.starts_with("file://"), "offline result links stay on disk: {href}");
        let path = href.split('#').next().unwrap_or_default();
        assert!(path.ends_with("/index.html"), "offline links end in index.html: {href}");
    }
    assert!(
        results[0].1.contains("working-alliance"),
        "the working-alliance article ranks first offline too; top results: {results:?}"
    );
}

/// Waits for the search page's results and returns the first three as (title, resolved href).
#[track_caller]
fn top_results(session: &Session) -> Vec<(String, String)> {
    wait_until("ol#search-results > li a", Duration::from_secs(10), || {
        let found = session.execute(
            "return [...document.querySelectorAll('ol#search-results > li')].slice(0, 3)
               .map(li => li.querySelector('a')).filter(a => a)
               .map(a => [a.textContent.trim(), a.href]);",
            &[],
        );
        let results = pairs(&found);
        if results.is_empty() {
            let status = session.try_find("#search-status").map(|s| s.text());
            Err(format!("no results; #search-status says {status:?}"))
        } else {
            Ok(results)
        }
    })
}

/// Reads a JSON array of two-string arrays.
fn pairs(value: &Value) -> Vec<(String, String)> {
    let text = |pair: &Value, i: usize| pair[i].as_str().unwrap_or_default().to_string();
    value
        .as_array()
        .map(|list| list.iter().map(|pair| (text(pair, 0), text(pair, 1))).collect())
        .unwrap_or_default()
}

/// Waits for visible suggestions under the header search: (option id, link href) pairs.
#[track_caller]
fn wait_for_options(session: &Session) -> Vec<(String, String)> {
    wait_until("suggestions in #q-results", Duration::from_secs(5), || {
        let options = pairs(&session.execute(VISIBLE_OPTIONS, &[]));
        if options.is_empty() { Err("no visible [role=option]".to_string()) } else { Ok(options) }
    })
}
