//! The glossary (issue 4): automatic linking of the first mention (plurals, possessives,
//! longest match, aliases), never inside headings, links, code or alt text, the per-article
//! opt-out, accessible tooltips, "Terms in this article", exact "Used in" on the glossary page,
//! duplicate aliases as errors, and the bundled handbook's glossary.

use crate::build::{duplicate_ids, expect_error_at};
use crate::support::TestSite;

const BONDS: &str = "articles/basics/bonds/index.html";

/// The glossary fixture, built.
fn built() -> TestSite {
    let site = TestSite::fixture("glossary/site");
    site.build();
    site
}

/// The article body (`<div class="prose">…`) of a page, without the sections after it.
fn prose(site: &TestSite, page: &str) -> String {
    let main = site.main_of(page);
    let start = main.find("<div class=\"prose\">").expect("page has a body");
    let end = main[start..].find("\n</div>").map_or(main.len(), |e| start + e);
    main[start..end].to_string()
}

/// Whether `html` has a term link to `slug` labelled `label` (any tooltip number).
fn has_term_link(html: &str, slug: &str, label: &str) -> bool {
    let start =
        format!("<a class=\"term\" href=\"../../../glossary/#{slug}\" aria-describedby=\"tip-");
    html.split(&start).skip(1).any(|rest| {
        let after_number = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        after_number.starts_with(&format!("\">{label}</a>"))
    })
}

/// Number of automatic links to `slug` in `html`.
fn term_links_to(html: &str, slug: &str) -> usize {
    html.matches(&format!("<a class=\"term\" href=\"../../../glossary/#{slug}\"")).count()
}

#[test]
fn links_only_the_first_mention() {
    let site = built();
    let body = prose(&site, BONDS);
    assert!(has_term_link(&body, "working-alliance", "working alliance"), "{body}");
    assert_eq!(term_links_to(&body, "working-alliance"), 1, "{body}");
    assert!(
        body.contains("The working alliance is named twice here."),
        "the second mention stays text: {body}"
    );
}

#[test]
fn links_plurals_and_possessives() {
    let body = prose(&built(), BONDS);
    assert!(has_term_link(&body, "alliance", "Alliances"), "{body}");
    assert!(has_term_link(&body, "client", "client’s"), "{body}");
}

#[test]
fn prefers_the_longest_match() {
    let body = prose(&built(), BONDS);
    // "working alliance" is one link to its own entry, not "alliance" inside it.
    assert!(body.starts_with(
        "<div class=\"prose\"><p>A <span class=\"term-wrap\"><a class=\"term\" href=\"../../../glossary/#working-alliance\""
    ), "{body}");
    assert!(!has_term_link(&body, "alliance", "alliance"), "{body}");
}

#[test]
fn never_links_inside_headings_links_code_or_alt_text() {
    let body = prose(&built(), BONDS);
    assert!(body.contains("<h2 id=\"empathy-in-headings\">Empathy in headings</h2>"), "{body}");
    assert!(
        body.contains("<a href=\"../../../articles/basics/feelings/\">rapport explained</a>"),
        "{body}"
    );
    assert!(body.contains("<code>rapport</code>"), "{body}");
    assert!(body.contains("alt=\"rapport between two people\""), "{body}");
}

#[test]
fn links_the_first_mention_in_running_text_after_one_in_a_heading_or_link() {
    let body = prose(&built(), BONDS);
    // Empathy was first named in a heading and rapport in a link's text: the first mention
    // that can carry a link gets it.
    assert!(has_term_link(&body, "empathy", "empathy"), "{body}");
    assert!(has_term_link(&body, "rapport", "rapport"), "{body}");
    assert_eq!(term_links_to(&body, "empathy"), 1);
    assert_eq!(term_links_to(&body, "rapport"), 1);
}

#[test]
fn respects_the_per_article_opt_out() {
    let site = built();
    let body = prose(&site, "articles/basics/plain-words/index.html");
    assert!(body.contains("Empathy and rapport are mentioned here"), "{body}");
    assert!(!body.contains("class=\"term\""), "glossary: false means no term links: {body}");
}

#[test]
fn links_aliases_to_their_entry() {
    let body = prose(&built(), "articles/basics/feelings/index.html");
    assert!(has_term_link(&body, "empathy", "Empathic understanding"), "{body}");
    assert!(has_term_link(&body, "working-alliance", "therapeutic alliance"), "{body}");
    assert_eq!(term_links_to(&body, "alliance"), 0, "{body}");
}

#[test]
fn renders_accessible_tooltips_with_the_short_definition() {
    let site = built();
    let html = site.output(BONDS);
    let body = prose(&site, BONDS);
    assert!(
        body.contains(
            "<a class=\"term\" href=\"../../../glossary/#client\" aria-describedby=\"tip-3\">client’s</a>\
             <span class=\"term-tip\" role=\"tooltip\" id=\"tip-3\">The person who comes to therapy.</span>"
        ),
        "{body}"
    );
    // Every aria-describedby names a tooltip on the page, and ids are unique.
    for part in body.split("aria-describedby=\"").skip(1) {
        let id = part.split('"').next().unwrap_or("");
        assert!(body.contains(&format!("role=\"tooltip\" id=\"{id}\"")), "no tooltip {id}");
    }
    assert!(duplicate_ids(&html).is_empty(), "{:?}", duplicate_ids(&html));
}

#[test]
fn lists_the_terms_in_this_article() {
    let main = built().main_of(BONDS);
    let start = main.find("<section class=\"terms-used\"").expect("a terms section");
    let section = &main[start..start + main[start..].find("</section>").expect("closed")];
    let mut terms: Vec<&str> = section
        .split("<dt><a href=\"../../../glossary/#")
        .skip(1)
        .map(|t| t.split('"').next().unwrap_or(""))
        .collect();
    terms.sort_unstable();
    assert_eq!(
        terms,
        ["alliance", "client", "empathy", "rapport", "working-alliance"],
        "{section}"
    );
    assert!(section.contains("<dd>A warm, easy connection.</dd>"), "{section}");
}

/// The `<div class="entry" id="slug">` of the glossary page.
pub(crate) fn entry(glossary: &str, slug: &str) -> String {
    let start = glossary
        .find(&format!("<div class=\"entry\" id=\"{slug}\">"))
        .unwrap_or_else(|| panic!("no entry {slug}"));
    let rest = &glossary[start + 1..];
    let end = [rest.find("<div class=\"entry\""), rest.find("</dl>")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(rest.len());
    rest[..end].to_string()
}

/// The titles in an entry's "Used in" line.
pub(crate) fn used_in(entry: &str) -> Vec<String> {
    let Some(start) = entry.find("<p class=\"used-in\">") else { return Vec::new() };
    let line = &entry[start..start + entry[start..].find("</p>").expect("closed")];
    line.split("<a href=\"")
        .skip(1)
        .map(|link| {
            let text = link.split_once("\">").map_or("", |(_, text)| text);
            text.split("</a>").next().unwrap_or("").to_string()
        })
        .collect()
}

#[test]
fn glossary_page_lists_exactly_the_articles_using_each_term() {
    let glossary = built().main_of("glossary/index.html");
    assert_eq!(used_in(&entry(&glossary, "working-alliance")), ["Bonds in therapy", "Feelings"]);
    assert_eq!(used_in(&entry(&glossary, "alliance")), ["Bonds in therapy"]);
    assert_eq!(used_in(&entry(&glossary, "client")), ["Bonds in therapy"]);
    assert_eq!(used_in(&entry(&glossary, "transference")), Vec::<String>::new());
    assert!(!entry(&glossary, "transference").contains("Used in"));
    // The home page mentions rapport but is not an article.
    assert!(!used_in(&entry(&glossary, "rapport")).contains(&"Glossary fixture home".to_string()));
}

#[test]
fn glossary_page_lists_terms_a_to_z_with_aliases() {
    let glossary = built().main_of("glossary/index.html");
    let order: Vec<usize> =
        ["alliance", "client", "empathy", "rapport", "transference", "working-alliance"]
            .iter()
            .map(|slug| {
                glossary.find(&format!("id=\"{slug}\"")).unwrap_or_else(|| panic!("no {slug}"))
            })
            .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "A-Z order: {order:?}");
    assert!(entry(&glossary, "working-alliance").contains("(also: therapeutic alliance)"));
    assert!(
        entry(&glossary, "working-alliance")
            .contains("See also: <a href=\"#alliance\">alliance</a>")
    );
    // An entry's own body never links to itself.
    assert!(!entry(&glossary, "working-alliance").contains("class=\"term\""));
}

/// Issue 17: the A-Z bar links every letter that has entries and only those; each link
/// lands on the heading of its group.
#[test]
fn issue_17_az_bar_links_letters_with_entries() {
    let glossary = built().main_of("glossary/index.html");
    let start = glossary.find("<nav class=\"az\"").expect("the A-Z bar");
    let bar = &glossary[start..start + glossary[start..].find("</nav>").expect("bar ends")];
    for letter in 'A'..='Z' {
        let link = format!("<a href=\"#letter-{letter}\">{letter}</a>");
        let has_entries = glossary.contains(&format!("<h2 id=\"letter-{letter}\">"));
        assert_eq!(bar.contains(&link), has_entries, "letter {letter} in {bar}");
        let disabled = format!("<span aria-disabled=\"true\">{letter}</span>");
        assert_eq!(bar.contains(&disabled), !has_entries, "letter {letter} in {bar}");
    }
    // The fixture's terms start with A, C, E, R, T and W.
    assert_eq!(bar.matches("<a href=").count(), 6, "{bar}");
}

#[test]
fn errors_on_duplicate_alias_with_file_and_line() {
    let site = TestSite::fixture("invalid/glossary-duplicate-alias");
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "duplicate-term", "content/glossary/working-alliance.md:3:11");
    run.expect_stderr("`therapeutic alliance`");
    run.expect_stderr("content/glossary/therapeutic-relationship.md");
}

#[test]
fn used_in_lists_fifty_articles_and_counts_the_rest() {
    let mut files: Vec<(String, String)> = vec![(
        "glossary/alliance.md".into(),
        "---\nterm: Alliance\nshort: A working partnership.\n---\n\nThe alliance.\n".into(),
    )];
    for i in 0..55 {
        files.push((
            format!("articles/basics/a{i:02}.md"),
            format!("---\ntitle: Article {i:02}\nsummary: S.\n---\n\nThe alliance, again.\n"),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), t.as_str())).collect();
    let site = TestSite::with_files("used-in-cap", &borrowed);
    site.build();
    let glossary = site.main_of("glossary/index.html");
    let used_in = &glossary[glossary.find("class=\"used-in\"").expect("a Used in line")..];
    let used_in = &used_in[..used_in.find("</p>").expect("closed")];
    assert_eq!(
        used_in.matches("<a href=").count(),
        51,
        "fifty articles and the full list: {used_in}"
    );
    assert!(
        used_in.contains(" <a href=\"../glossary/alliance/used-in/\">and 5 more articles</a>"),
        "{used_in}"
    );
}
