//! Translation freshness (issue 22): `attune translate status` and `mark`, and the
//! `translation-stale`, `translation-missing` and `translation-unreviewed` lints of `check`.

use crate::support::{Run, TestSite};

const SITE_YAML: &str = "title: Basics\nbase_url: https://example.org/\nlanguage: en\norganisation:\n  name: Example clinic\n  contact: \"Phone 555 0100\"\naudiences:\n  - id: clients\n    label: Clients\n    max_grade: 14\n    client_facing: true\n  - id: students\n    label: Students\n    max_grade: 14\nlanguages:\n  - code: en\n    name: English\n  - code: es\n    name: Español\n";

const ALLIANCE: &str = "---\ntitle: The working alliance\nsummary: How you and your therapist work together.\naudience: clients\n---\nThe alliance is how you and your therapist work together.\n\n## Goals\n\nYou agree on goals together.\n\n## Tasks\n\nYou agree on the work of each session.\n";

const ALIANZA: &str = "---\ntitle: La alianza terapéutica\nsummary: Cómo trabajan juntos tú y tu terapeuta.\naudience: clients\ntranslation: machine\n---\nLa alianza es cómo trabajan juntos tú y tu terapeuta.\n\n## Metas\n\nAcuerdan las metas juntos.\n\n## Tareas\n\nAcuerdan el trabajo de cada sesión.\n";

fn site() -> TestSite {
    let site = TestSite::empty("translations");
    site.write("content/site.yaml", SITE_YAML);
    site.write("content/index.md", "---\ntitle: Home\n---\nWelcome.\n");
    site.write("content/index.es.md", "---\ntitle: Inicio\ntranslation: human\n---\nBienvenida.\n");
    site.write("content/articles/basics/alliance.md", ALLIANCE);
    site.write("content/articles/basics/alliance.es.md", ALIANZA);
    site.write(
        "content/articles/basics/theory.md",
        "---\ntitle: Alliance theory\nsummary: Where the idea comes from.\naudience: students\n---\nBordin described it in 1979.\n",
    );
    site
}

/// The `check --format json` findings with this code, as (file, line, message).
fn findings(run: &Run, code: &str) -> Vec<(String, u64, String)> {
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("check prints JSON");
    value
        .as_array()
        .expect("an array")
        .iter()
        .filter(|f| f["code"] == code)
        .map(|f| {
            let file = f["file"].as_str().unwrap_or_default().to_string();
            (
                file,
                f["line"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn check(site: &TestSite) -> Run {
    site.run(&["check", "--format", "json"])
}

#[test]
fn an_unmarked_translation_is_reported_until_marked() {
    let site = site();
    let stale = findings(&check(&site), "translation-stale");
    let files: Vec<&str> = stale.iter().map(|(f, _, _)| f.as_str()).collect();
    assert!(files.iter().any(|f| f.ends_with("alliance.es.md")), "{stale:?}");
    assert!(files.iter().any(|f| f.ends_with("index.es.md")), "{stale:?}");
    assert!(stale.iter().all(|(_, _, m)| m.contains("does not record which version")), "{stale:?}");
    site.run(&["translate", "status"]).expect_code(0).expect_stdout("not marked");

    let run = site.run(&["translate", "mark", "--all"]);
    run.expect_code(0).expect_stdout("2 translations marked");
    let text = std::fs::read_to_string(site.root.join("content/articles/basics/alliance.es.md"))
        .expect("read");
    assert!(text.contains("translation_of:\n  hash: \""), "{text}");
    assert!(text.ends_with("Acuerdan el trabajo de cada sesión.\n"), "the body is kept: {text}");
    assert!(findings(&check(&site), "translation-stale").is_empty());
    site.run(&["translate", "status"]).expect_code(0).expect_stdout("alliance.es.md  fresh");
    // A second mark changes nothing.
    site.run(&["translate", "mark", "--all"]).expect_code(0).expect_stdout("0 translations marked");
}

#[test]
fn editing_the_original_names_both_files_and_the_changed_section() {
    let site = site();
    site.run(&["translate", "mark", "content/articles/basics/alliance.es.md"])
        .expect_code(0)
        .expect_stdout("1 translation marked");
    site.change_file(
        "content/articles/basics/alliance.md",
        "the work of each session",
        "the work of each week",
    );
    let run = check(&site);
    let stale = findings(&run, "translation-stale");
    let alliance: Vec<_> = stale.iter().filter(|(f, _, _)| f.ends_with("alliance.es.md")).collect();
    assert_eq!(alliance.len(), 1, "{stale:?}");
    let (_, line, message) = alliance[0];
    assert!(
        message.contains("articles/basics/alliance.md") && message.contains("changed \"Tasks\""),
        "{message}"
    );
    assert!(!message.contains("Goals"), "only the edited section is named: {message}");
    assert_eq!(*line, 7, "at the recorded hash's line: {message}");
    site.run(&["translate", "status"]).expect_code(0).expect_stdout("stale: \"Tasks\"");
    // Once updated and marked again, the warning goes.
    site.run(&["translate", "mark", "content/articles/basics/alliance.es.md"]).expect_code(0);
    let after = findings(&check(&site), "translation-stale");
    assert!(after.iter().all(|(f, _, _)| !f.ends_with("alliance.es.md")), "{after:?}");
}

#[test]
fn client_articles_without_a_translation_are_missing_and_the_list_is_configurable() {
    let site = site();
    site.write(
        "content/articles/basics/trust.md",
        "---\ntitle: Trust\nsummary: Trust takes time.\naudience: clients\n---\nTrust takes time.\n",
    );
    let missing = findings(&check(&site), "translation-missing");
    assert_eq!(missing.len(), 1, "only the untranslated client article: {missing:?}");
    assert!(
        missing[0].0.ends_with("trust.md") && missing[0].2.contains("Español (es)"),
        "{missing:?}"
    );
    site.run(&["translate", "status"])
        .expect_code(0)
        .expect_stdout("missing: `articles/basics/trust.md`");

    // Students' articles required too: theory joins; `[]` turns the lint off.
    site.change_file(
        "content/site.yaml",
        "    name: Español\n",
        "    name: Español\n    require_translation: [clients, students]\n",
    );
    assert_eq!(findings(&check(&site), "translation-missing").len(), 2);
    site.change_file("content/site.yaml", "[clients, students]", "[]");
    assert!(findings(&check(&site), "translation-missing").is_empty());
}

#[test]
fn a_reading_path_can_be_what_a_language_requires() {
    let site = site();
    site.write(
        "content/paths/start.md",
        "---\ntitle: Start\naudience: students\nsummary: A first path.\nsteps:\n  - article: theory\n---\nA first path.\n",
    );
    site.change_file(
        "content/site.yaml",
        "    name: Español\n",
        "    name: Español\n    require_translation: [path:start]\n",
    );
    let missing = findings(&check(&site), "translation-missing");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].0.ends_with("theory.md"), "{missing:?}");
}

#[test]
fn a_machine_translation_of_a_client_page_needs_its_own_review_under_a_strict_policy() {
    let site = site();
    assert!(findings(&check(&site), "translation-unreviewed").is_empty(), "no policy, no warning");
    site.change_file("content/site.yaml", "languages:", "review:\n  required: true\nlanguages:");
    let unreviewed = findings(&check(&site), "translation-unreviewed");
    assert_eq!(unreviewed.len(), 1, "{unreviewed:?}");
    assert!(unreviewed[0].0.ends_with("alliance.es.md"), "{unreviewed:?}");
    assert_eq!(unreviewed[0].1, 5, "at `translation: machine`");
    // A review of the translation itself settles it.
    site.change_file(
        "content/articles/basics/alliance.es.md",
        "translation: machine\n",
        "translation: machine\nreviewed:\n  by: Fixture translator\n  on: 2026-11-01\n",
    );
    assert!(findings(&check(&site), "translation-unreviewed").is_empty());
}

#[test]
fn mark_refuses_a_file_that_is_not_a_translation() {
    let site = site();
    let run = site.run(&["translate", "mark", "content/articles/basics/theory.md"]);
    assert_ne!(run.code, 0);
    run.expect_stderr("is not a translation");
    let run = site.run(&["translate", "mark", "content/articles/basics/missing.es.md"]);
    assert_ne!(run.code, 0);
    run.expect_stderr("missing.md");
}
