//! Printing (issue 26): the packets' paper size from site.yaml (`print.paper`, else A4 outside
//! the regions that use Letter), set inline in the packet and answer key only, and a bad value's
//! error at its place.

use crate::build::{expect_error_at, files};
use crate::support::TestSite;

const PACKET: &str = "paths/getting-started/print/index.html";

/// The paths fixture with `extra` appended to its site.yaml (after its `title:` line).
fn site_with(extra: &str) -> TestSite {
    let site = TestSite::fixture("paths/site");
    if !extra.is_empty() {
        site.change_file(
            "content/site.yaml",
            "title: Paths fixture\n",
            &format!("title: Paths fixture\n{extra}"),
        );
    }
    site
}

/// The `size` of the packet's `@page` rule.
#[track_caller]
fn paper(site: &TestSite) -> String {
    let html = site.output(PACKET);
    let at = html.find("@page{size:").unwrap_or_else(|| panic!("no @page size in {html}"));
    html[at + "@page{size:".len()..].split(';').next().unwrap_or_default().to_string()
}

#[test]
fn issue_26_packets_default_to_a4_with_the_site_name_and_page_numbers_in_the_margins() {
    let site = site_with("");
    site.build();
    assert_eq!(paper(&site), "A4");
    let html = site.output(PACKET);
    assert!(html.contains("@top-left{content:\"Paths fixture\";"), "{html}");
    assert!(html.contains("counter(page) \" / \" counter(pages)"), "{html}");
    // Only printable pages carry a page setup: the others are as they were.
    for (path, bytes) in files(&site.root.join("public")) {
        let has_setup = String::from_utf8_lossy(&bytes).contains("@page{");
        assert_eq!(has_setup, path.contains("/print/"), "{path}");
    }
}

#[test]
fn issue_26_a_us_language_prints_on_letter_unless_site_yaml_says_otherwise() {
    let us = site_with("language: en-US\n");
    us.build();
    assert_eq!(paper(&us), "letter");
    let set = site_with("language: en-US\nprint:\n  paper: a4\n");
    set.build();
    assert_eq!(paper(&set), "A4");
    let letter = site_with("print: { paper: Letter }\n");
    letter.build();
    assert_eq!(paper(&letter), "letter");
}

#[test]
fn issue_26_writing_the_default_paper_changes_nothing() {
    let plain = site_with("");
    plain.build();
    let explicit = site_with("print:\n  paper: a4\n");
    explicit.build();
    let (a, b) = (files(&plain.root.join("public")), files(&explicit.root.join("public")));
    let differ: Vec<&String> = a.keys().filter(|k| a.get(*k) != b.get(*k)).collect();
    assert!(differ.is_empty() && a.len() == b.len(), "{differ:?}");
}

#[test]
fn issue_26_an_unknown_paper_is_an_error_at_its_value() {
    let site = site_with("print:\n  paper: legal\n");
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "paper-size", "content/site.yaml:3:10");
    run.expect_stderr("`legal` is not a paper size");
    run.expect_stderr("write `paper: a4` or `paper: letter`");
}
