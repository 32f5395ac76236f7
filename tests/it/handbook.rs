//! The bundled handbook meets its brief: enough articles in each family, each of a useful
//! length with references and cross-links; a full glossary and the reading paths; and a new
//! reader reaches the answers to the three first questions within two clicks of the home page.
//!
//! Every test about the handbook's prose and counts lives here, apart from the code's tests
//! (issue 17), so a code change never fails on prose and an edit to the prose never fails a
//! code test.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use attune::BuildOptions;
use attune::content::model::DocKind;
use attune::links::Destination;

use crate::build::{handbook, pages};
use crate::glossary::{entry, used_in};
use crate::links::section_items;
use crate::support::TestSite;

fn analysis() -> attune::Analysis {
    attune::analyse(&BuildOptions::new(env!("CARGO_MANIFEST_DIR"))).expect("the handbook loads")
}

#[test]
fn has_the_articles_the_brief_asks_for_in_each_section() {
    let a = analysis();
    let mut per_section: BTreeMap<&str, usize> = BTreeMap::new();
    for id in a.site.article_ids() {
        *per_section.entry(a.site.doc(id).section.as_str()).or_default() += 1;
    }
    let total: usize = per_section.values().sum();
    assert!(total >= 28, "{per_section:?}");
    assert!(per_section["components"] >= 12, "{per_section:?}");
    assert!(per_section["teletherapy"] >= 7, "{per_section:?}");
    assert!(per_section["rupture-and-repair"] >= 7, "{per_section:?}");
    assert!(
        a.site.doc_by_slug("what-is-the-therapeutic-relationship").is_some(),
        "an introduction"
    );
    let guide = a.site.doc_by_slug("for-clients-what-to-expect").expect("a client guide");
    assert_eq!(a.site.doc(guide).meta.audience, ["clients"], "the guide is client-facing");
}

#[test]
fn every_article_has_length_references_cross_links_and_complete_front_matter() {
    let a = analysis();
    let mut problems = Vec::new();
    for id in a.site.article_ids() {
        let doc = a.site.doc(id);
        let facts = a.bodies.doc(id);
        if !(500..=1200).contains(&facts.words) {
            problems.push(format!("{}: {} words", doc.slug, facts.words));
        }
        let targets: BTreeSet<usize> = facts
            .links
            .iter()
            .filter_map(|l| match l.target {
                Destination::Doc(to, _) if to != id && a.site.doc(to).kind == DocKind::Article => {
                    Some(to.0)
                }
                _ => None,
            })
            .collect();
        if targets.len() < 3 {
            problems.push(format!("{}: links to {} other articles", doc.slug, targets.len()));
        }
        let meta = &doc.meta;
        if meta.references.is_empty() {
            problems.push(format!("{}: no references", doc.slug));
        }
        if meta.audience.is_empty()
            || meta.tags.is_empty()
            || meta.related.is_empty()
            || meta.updated.is_none()
        {
            problems.push(format!("{}: incomplete front matter", doc.slug));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// DOIs the brief marks unconfirmed are left out on purpose, so not every reference has one;
/// but every article cites at least one source a reader can open.
#[test]
fn every_article_cites_at_least_one_source_with_a_doi_or_url() {
    // References come from front matter or, formatted, from the bibliography (issue 24): read
    // the reference list each page shows.
    let a = analysis();
    let site = crate::build::handbook();
    let unlinked: Vec<&str> = a
        .site
        .article_ids()
        .map(|id| a.site.doc(id))
        .filter(|doc| {
            let main = site.main_of(&format!("{}index.html", doc.url));
            let list = main.split("id=\"refs-heading\"").nth(1).unwrap_or("");
            let list = list.split("</section>").next().unwrap_or("");
            !list.contains("href=\"http")
        })
        .map(|doc| doc.slug.as_str())
        .collect();
    assert!(unlinked.is_empty(), "{unlinked:?}");
}

#[test]
fn has_a_full_glossary_and_the_four_reading_paths() {
    let a = analysis();
    assert!(a.site.terms.len() >= 40, "{} terms", a.site.terms.len());
    for term in &a.site.terms {
        assert!(!term.meta.short.is_empty(), "{} has a short definition", term.slug);
    }
    let paths: Vec<&str> = a.site.paths.iter().map(|p| p.slug.as_str()).collect();
    for wanted in
        ["new-to-therapy", "foundations-course", "taking-practice-online", "repairing-ruptures"]
    {
        assert!(paths.contains(&wanted), "{paths:?}");
    }
    assert!(a.site.doc_by_slug("about").is_some() && a.site.doc_by_slug("getting-help").is_some());
}

/// Pages reachable from the home page by following at most `clicks` links inside `<main>`.
fn reachable(clicks: usize) -> BTreeSet<String> {
    let site = handbook();
    let mut seen = BTreeSet::from([String::new()]);
    let mut queue = VecDeque::from([(String::new(), 0)]);
    while let Some((page, depth)) = queue.pop_front() {
        if depth == clicks {
            continue;
        }
        let main = site.main_of(&format!("{page}index.html"));
        for href in crate::support::urls(&main) {
            if href.starts_with('#') || href.contains("://") {
                continue;
            }
            let target = resolve(&page, href.split('#').next().unwrap_or(""));
            if target.ends_with('/') && seen.insert(target.clone()) {
                queue.push_back((target, depth + 1));
            }
        }
    }
    seen
}

fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    if parts.is_empty() { String::new() } else { format!("{}/", parts.join("/")) }
}

#[test]
fn first_questions_are_answered_within_two_clicks_of_home() {
    let near = reachable(2);
    for (question, answer) in [
        (
            "what is the therapeutic relationship",
            "articles/introduction/what-is-the-therapeutic-relationship/",
        ),
        ("how do I build rapport on video", "articles/teletherapy/building-rapport-on-video/"),
        (
            "what do I do after a session went badly",
            "articles/rupture-and-repair/ruptures-that-deepen-trust/",
        ),
    ] {
        assert!(near.contains(answer), "{question:?}: {answer} is not within two clicks of home");
    }
}

/// The crisis pointer is said once, in site.yaml, and the template shows it on every
/// client-facing page; no article body carries its own copy.
#[test]
fn every_client_page_shows_the_help_notice_from_site_yaml_and_no_article_copies_it() {
    let a = analysis();
    let notice = &a.site.config.help_notice;
    assert!(notice.contains("local emergency services"), "{notice}");
    let site = handbook();
    for id in a.site.article_ids() {
        let doc = a.site.doc(id);
        let body = &a.sources.get(doc.file).text[doc.body_offset..];
        assert!(!body.contains("call or text 988. See [[getting-help"), "{}", doc.slug);
        if doc.meta.audience.iter().any(|x| x == "clients") {
            let html = site.output(&format!("{}index.html", doc.url));
            assert!(html.contains("class=\"help-notice\""), "{}: no help notice", doc.slug);
            assert!(html.contains(notice.as_str()), "{}: notice text differs", doc.slug);
        }
    }
}

/// "Client and patient mean the same" is said once (on the about page), not per article.
#[test]
fn the_words_note_is_said_once_on_the_about_page() {
    let a = analysis();
    let note = "mean the same";
    let with_note: Vec<&str> = a
        .site
        .docs
        .iter()
        .filter(|doc| a.sources.get(doc.file).text[doc.body_offset..].contains(note))
        .map(|doc| doc.slug.as_str())
        .collect();
    assert_eq!(with_note, ["about"]);
}

/// The handbook is no clinic's: its contact points readers to a corrections page that exists,
/// and the about page says plainly that no clinician has reviewed it.
#[test]
fn has_a_contact_a_corrections_page_and_an_honest_review_statement() {
    let a = analysis();
    let contact = &a.site.config.organisation.contact;
    assert!(contact.contains("Corrections and feedback"), "{contact}");
    let corrections =
        a.site.doc_by_slug("corrections-and-feedback").expect("a corrections and feedback page");
    assert_eq!(a.site.doc(corrections).meta.title, "Corrections and feedback");
    let about = a.site.doc(a.site.doc_by_slug("about").expect("an about page"));
    let about_text = &a.sources.get(about.file).text[about.body_offset..];
    assert!(about_text.contains("No clinician has reviewed this handbook."), "{about_text}");
    assert!(about_text.contains("[[corrections-and-feedback"), "about links to corrections");
    let footer = handbook().output("index.html");
    assert!(footer.contains("Corrections and feedback"), "the footer shows the contact");
}

/// The paths keep the promises their introductions make.
#[test]
fn reading_paths_hold_the_readings_they_promise() {
    let a = analysis();
    let path = |slug: &str| {
        a.site.paths.iter().find(|p| p.slug == slug).unwrap_or_else(|| panic!("path {slug}"))
    };
    // The foundations course promises three readings a week (four in week 6).
    let mut per_week: BTreeMap<String, usize> = BTreeMap::new();
    for step in &path("foundations-course").meta.steps {
        let week = step.note.split([',', '.']).next().unwrap_or_default().to_string();
        *per_week.entry(week).or_default() += 1;
    }
    let counts: Vec<usize> = per_week.values().copied().collect();
    assert_eq!(counts, [3, 3, 3, 3, 3, 4], "{per_week:?}");
    // The client path covers warning signs, the right to change therapist, and reports its size.
    let clients = path("new-to-therapy");
    let steps: Vec<&str> = clients.meta.steps.iter().map(|s| s.article.as_str()).collect();
    for wanted in ["professional-boundaries", "when-to-refer"] {
        assert!(steps.contains(&wanted), "{steps:?}");
    }
    let intro = &a.sources.get(clients.file).text[clients.body_offset..];
    assert!(intro.contains("There are eleven readings."), "{intro}");
    assert_eq!(steps.len(), 11);
    assert!(intro.contains("[[getting-help"), "the client path points to getting help");
}

#[test]
fn bundled_handbook_has_at_least_40_glossary_entries() {
    let terms = handbook_terms();
    assert!(terms.len() >= 40, "{} entries", terms.len());
    let glossary = handbook().main_of("glossary/index.html");
    for slug in &terms {
        assert!(
            glossary.contains(&format!("<div class=\"entry\" id=\"{slug}\">")),
            "no entry for {slug}"
        );
    }
}

#[test]
fn every_bundled_glossary_entry_is_used_by_an_article() {
    let glossary = handbook().main_of("glossary/index.html");
    let unused: Vec<String> = handbook_terms()
        .into_iter()
        .filter(|slug| used_in(&entry(&glossary, slug)).is_empty())
        .collect();
    assert!(unused.is_empty(), "used by no article: {unused:?}");
}

#[test]
fn bundled_glossary_entries_with_apostrophes_are_linked() {
    // "Peplau's phases" is typed with a straight apostrophe; smart punctuation curls it in the
    // text, and the term must still be found.
    let glossary = handbook().main_of("glossary/index.html");
    assert!(!used_in(&entry(&glossary, "peplaus-phases")).is_empty());
}

/// Slugs of the bundled handbook's glossary files.
fn handbook_terms() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/glossary");
    let mut slugs: Vec<String> = std::fs::read_dir(dir)
        .expect("glossary folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.file_stem().expect("stem").to_string_lossy().into_owned())
        // Translations (`empathy.es.md`) are the same entries in another language.
        .filter(|stem| !stem.contains('.'))
        .collect();
    slugs.sort();
    slugs
}

#[test]
fn bundled_handbook_has_at_least_three_paths() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/paths");
    let slugs: Vec<String> = std::fs::read_dir(dir)
        .expect("paths folder")
        .map(|e| e.expect("entry").path().file_stem().expect("stem").to_string_lossy().into_owned())
        .filter(|stem| !stem.contains('.'))
        .collect();
    assert!(slugs.len() >= 3, "{slugs:?}");
    let site = handbook();
    let home = site.main_of("index.html");
    for slug in &slugs {
        assert!(site.exists(&format!("paths/{slug}/index.html")), "{slug}");
        assert!(site.exists(&format!("paths/{slug}/print/index.html")), "{slug} packet");
        assert!(home.contains(&format!("href=\"paths/{slug}/\"")), "home lists {slug}");
    }
    assert!(home.matches("<p class=\"path-for\">For ").count() >= 3, "{home}");
}

#[test]
fn bundled_handbook_articles_have_backlinks_and_related() {
    let site = handbook();
    let articles: Vec<String> = pages(site)
        .into_keys()
        .filter(|p| p.starts_with("articles/") && p.matches('/').count() == 3)
        .collect();
    assert!(articles.len() >= 20, "{articles:?}");
    for page in articles {
        let main = site.main_of(&page);
        assert!(!section_items(&main, "backlinks").is_empty(), "{page} has no \"Linked from\"");
        assert!(main.contains("<blockquote>"), "{page}: backlinks quote the linking sentence");
        assert!(!section_items(&main, "related").is_empty(), "{page} has no \"Related\"");
    }
}

#[test]
fn bundled_handbook_passes_deny_warnings() {
    let site = TestSite::empty("check-handbook");
    let root = env!("CARGO_MANIFEST_DIR");
    let run = site.run(&["check", "--deny-warnings", "--root", root]);
    assert_eq!(run.code, 0, "the handbook has findings:\n{}\n{}", run.stderr, run.stdout);
    assert!(run.stdout.starts_with("0 errors, 0 warnings in "), "{}", run.stdout);
    assert_eq!(run.stderr, "");
}

#[test]
fn abbreviations_that_are_not_glossary_terms_are_expanded_on_first_use() {
    let site = handbook();
    for (page, abbr) in [
        ("articles/components/working-alliance/index.html", "CALPAS"),
        ("articles/components/working-alliance/index.html", "HAQ"),
        ("articles/components/working-alliance/index.html", "VPPS"),
        ("articles/rupture-and-repair/inviting-feedback/index.html", "PCOMS"),
        ("articles/teletherapy/privacy-consent-and-compliance/index.html", "APA"),
        ("articles/teletherapy/privacy-consent-and-compliance/index.html", "ACA"),
    ] {
        let main = site.main_of(page);
        let first = main.find(&format!(">{abbr}<")).or_else(|| main.find(abbr));
        let expanded = main.find(&format!("\">{abbr}</abbr>"));
        assert!(
            expanded.is_some() && expanded <= first,
            "{page}: {abbr} is not an <abbr> on first use"
        );
    }
}
