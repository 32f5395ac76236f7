//! Bring your notes (issue 27): Obsidian wiki links, embeds, transclusion and callouts, and
//! Hugo's, Jekyll's and Obsidian's front matter keys, as authors wrote them; and
//! `attune import obsidian` over a fixture vault.

use crate::build::expect_error_at;
use crate::support::TestSite;

fn article(title: &str, extra: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nsummary: S.\n{extra}---\n\n{body}")
}

/// A site of three notes written the Obsidian way, plus `extra` files.
fn notes(name: &str, body: &str, extra: &[(&str, &str)]) -> TestSite {
    let second = article(
        "The second article",
        "aliases: [Part two]\n",
        "Intro.\n\n## Getting started\n\nBegin here.\n\n### A detail\n\nSmall.\n\n## Later on\n\nAfter.\n",
    );
    let mut files = vec![
        ("articles/notes/Second Article.md", second),
        ("articles/notes/host.md", article("Host", "", body)),
        ("static/images/diagram.png", "png".to_string()),
    ];
    files.extend(extra.iter().map(|(p, t)| (*p, t.to_string())));
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    TestSite::with_files(name, &files)
}

const HOST: &str = "articles/notes/host/index.html";
const SECOND: &str = "../../../articles/notes/Second Article/";

#[test]
fn issue_27_wikilinks_resolve_by_file_name_title_and_alias() {
    let site = notes(
        "wiki-names",
        "A [[Second Article]], b [[second_article|by file]], c [[The Second Article|by title]], d [[part two|by alias]], e [[SECOND-ARTICLE|caps]].\n",
        &[],
    );
    site.build();
    let main = site.main_of(HOST);
    for label in ["The second article", "by file", "by title", "by alias", "caps"] {
        assert!(main.contains(&format!("<a href=\"{SECOND}\">{label}</a>")), "{label}: {main}");
    }
}

#[test]
fn issue_27_wikilink_heading_by_text_or_id() {
    let site = notes(
        "wiki-heading",
        "See [[Second Article#Getting started|text]] and [[Second Article#later-on|id]].\n",
        &[],
    );
    site.build();
    let main = site.main_of(HOST);
    assert!(main.contains(&format!("href=\"{SECOND}#getting-started\">text</a>")), "{main}");
    assert!(main.contains(&format!("href=\"{SECOND}#later-on\">id</a>")), "{main}");
}

#[test]
fn issue_27_wikilink_to_a_missing_heading_text_is_an_error() {
    let site = notes("wiki-heading-missing", "See [[Second Article#Getting stared]].\n", &[]);
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "broken-anchor", "content/articles/notes/host.md:6:5");
    run.expect_stderr("did you mean `getting-started`?");
}

#[test]
fn issue_27_block_reference_is_a_clear_error() {
    let site = notes("wiki-block", "See [[Second Article#^abc123]].\n", &[]);
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "broken-link", "content/articles/notes/host.md:6:5");
    run.expect_stderr("Obsidian block reference; attune does not support them");
    run.expect_stderr("link to the heading above the block instead");
}

#[test]
fn issue_27_ambiguous_wikilink_lists_both_paths() {
    let other = article("Elsewhere", "aliases: [Shared name]\n", "Text.\n");
    let third = article("Shared name", "", "Text.\n");
    let site = notes(
        "wiki-ambiguous",
        "See [[Shared name]] and [[second article]].\n",
        &[
            ("articles/other/elsewhere.md", &other),
            ("articles/other/third.md", &third),
            ("articles/other/second_article.md", &article("Copy", "", "Text.\n")),
        ],
    );
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "ambiguous-link", "content/articles/notes/host.md:6:5");
    run.expect_stderr(
        "`Shared name` could mean content/articles/other/elsewhere.md or content/articles/other/third.md",
    );
    run.expect_stderr("`second article` could mean content/articles/notes/Second Article.md or content/articles/other/second_article.md");
}

#[test]
fn issue_27_exact_slug_wins_over_another_notes_title() {
    // An existing site's `[[empathy]]` keeps meaning `empathy.md`, whatever other titles say.
    let site = TestSite::with_files(
        "wiki-slug-first",
        &[
            ("articles/a/empathy.md", &article("Feeling with", "", "Text.\n")),
            ("articles/a/other.md", &article("Empathy", "", "See [[empathy]].\n")),
        ],
    );
    site.build();
    let main = site.main_of("articles/a/other/index.html");
    assert!(main.contains("<a href=\"../../../articles/a/empathy/\">Feeling with</a>"), "{main}");
}

#[test]
fn issue_27_image_embeds_by_file_name_with_and_without_alt() {
    let site = notes("embed-image", "![[diagram.png]]\n\n![[Diagram.PNG|How it fits]]\n", &[]);
    let run = site.build();
    let main = site.main_of(HOST);
    // Embeds load like Markdown images: the page's first image at once, later ones lazily.
    assert!(main.contains("<img src=\"../../../images/diagram.png\" alt=\"\">"), "{main}");
    assert!(
        main.contains("src=\"../../../images/diagram.png\" alt=\"How it fits\" loading=\"lazy\""),
        "{main}"
    );
    assert!(site.exists("images/diagram.png"));
    drop(run);
    let check = site.run(&["check"]);
    check.expect_stderr("warning[image-alt]");
}

#[test]
fn issue_27_missing_and_ambiguous_image_embeds_are_errors() {
    let site = notes(
        "embed-image-bad",
        "![[diagrm.png]]\n\n![[logo.svg]]\n",
        &[("static/a/logo.svg", "<svg/>"), ("static/b/logo.svg", "<svg/>")],
    );
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "missing-image", "content/articles/notes/host.md:6:1");
    run.expect_stderr("did you mean `/images/diagram.png`?");
    expect_error_at(&site, &run, "ambiguous-link", "content/articles/notes/host.md:8:1");
    run.expect_stderr("`logo.svg` could be content/static/a/logo.svg or content/static/b/logo.svg");
}

#[test]
fn issue_27_image_embeds_find_images_anywhere_under_content() {
    let site = notes(
        "embed-image-anywhere",
        "![[flow chart.png|The flow]]\n\n![[articles/notes/img/flow chart.png]]\n",
        &[
            ("articles/notes/img/flow chart.png", "flow-bytes"),
            ("articles/other/unused.png", "unused"),
            ("glossary/figure.svg", "<svg/>"),
        ],
    );
    site.build();
    let main = site.main_of(HOST);
    let src = "src=\"../../../articles/notes/img/flow chart.png\"";
    assert_eq!(main.matches(src).count(), 2, "by file name and by path: {main}");
    assert!(main.contains("alt=\"The flow\""), "{main}");
    let copied = site.root.join("public/articles/notes/img/flow chart.png");
    assert_eq!(std::fs::read(copied).expect("the embedded image is published"), b"flow-bytes");
    assert!(!site.exists("articles/other/unused.png"), "an image nothing embeds is not published");
    assert!(!site.exists("glossary/figure.svg"));
}

#[test]
fn issue_27_an_epub_carries_an_embedded_image_from_outside_static() {
    let path = "---\ntitle: P\nsummary: S.\nsteps:\n  - article: host\n---\n\nIntro.\n";
    let site = notes(
        "embed-image-epub",
        "![[chart.png|The chart]]\n",
        &[("articles/notes/chart.png", "chart-bytes"), ("paths/p.md", path)],
    );
    site.run(&["export", "epub", "p", "--out", "p.epub"]).expect_code(0);
    let entries = crate::unzip::read(&std::fs::read(site.root.join("p.epub")).expect("epub"));
    let image = entries.iter().find(|e| e.name == "EPUB/static/articles/notes/chart.png");
    assert_eq!(
        image.map(|e| e.bytes.as_slice()),
        Some(&b"chart-bytes"[..]),
        "the image is in the book"
    );
    let page = entries.iter().find(|e| e.name.ends_with("-host.xhtml")).expect("the step's page");
    let page = String::from_utf8_lossy(&page.bytes);
    assert!(
        page.contains("src=\"../static/articles/notes/chart.png\" alt=\"The chart\""),
        "{page}"
    );
}

#[test]
fn issue_27_an_image_name_under_static_and_elsewhere_is_ambiguous() {
    let site = notes(
        "embed-image-ambiguous-anywhere",
        "![[diagram.png]]\n\n![[favicon.svg]]\n",
        &[("articles/notes/diagram.png", "png"), ("theme/favicon.svg", "<svg/>")],
    );
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "ambiguous-link", "content/articles/notes/host.md:6:1");
    run.expect_stderr(
        "`diagram.png` could be content/articles/notes/diagram.png or content/static/images/diagram.png",
    );
    run.expect_stderr("help: write the file's path under `content/`");
    expect_error_at(&site, &run, "unsafe-path", "content/articles/notes/host.md:8:1");
    run.expect_stderr("`content/theme/favicon.svg` would be published at `theme/favicon.svg`");
    run.expect_stderr("2 errors");
}

#[test]
fn issue_27_a_note_only_embedded_is_no_orphan() {
    let shared = article("Shared", "", "Text said once.\n");
    let site = notes("embed-orphan", "![[Shared]]\n", &[("articles/other/shared.md", &shared)]);
    let run = site.run(&["check"]);
    run.expect_stderr("no other page links to `host`");
    assert!(!run.stderr.contains("no other page links to `shared`"), "{}", run.stderr);
    site.build();
    let shared = site.main_of("articles/other/shared/index.html");
    assert!(
        shared.contains("href=\"../../../articles/notes/host/\""),
        "linked from its host: {shared}"
    );
}

#[test]
fn issue_27_serve_rerenders_the_hosts_of_an_edited_embedded_note() {
    use attune::serve::incremental::{Plan, Session};
    let shared = article("Shared", "", "Text said once.\n");
    let middle = article("Middle", "", "![[shared]]\n");
    let site = notes(
        "embed-serve",
        "Before.\n\n![[middle]]\n",
        &[("articles/other/shared.md", &shared), ("articles/other/middle.md", &middle)],
    );
    let mut options = attune::BuildOptions::new(&site.root);
    options.out = site.root.join("serve-out");
    let (mut session, _) = Session::start(options.clone()).expect("first build");
    site.change_file("content/articles/other/shared.md", "said once", "said once, now edited");
    let changed = [site.root.join("content/articles/other/shared.md")].into_iter().collect();
    let plan = session.plan(&changed);
    assert!(matches!(plan, Plan::Articles(_)), "{plan:?}");
    let rebuilt = session.rebuild(&plan).expect("rebuild").expect("something rebuilt");
    assert!(!rebuilt.full);
    session.update_search().expect("search index");
    let host = std::fs::read_to_string(options.out.join(HOST)).expect("host page");
    assert!(host.contains("Text said once, now edited."), "the host through middle: {host}");
    let mut full = options.clone();
    full.out = site.root.join("full");
    attune::build(&full).expect("full build");
    crate::serve::assert_same_site(&options.out, &full.out);
}

#[test]
fn issue_27_serve_publishes_an_added_or_edited_embedded_image() {
    use attune::serve::incremental::{Plan, Session};
    let site =
        notes("embed-serve-image", "![[chart.png]]\n", &[("articles/notes/chart.png", "first")]);
    let mut options = attune::BuildOptions::new(&site.root);
    options.out = site.root.join("serve-out");
    let (mut session, _) = Session::start(options.clone()).expect("first build");
    let published = options.out.join("articles/notes/chart.png");
    assert_eq!(std::fs::read(&published).expect("published"), b"first");
    // An editor's save may keep the size and land within the same clock tick.
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write("content/articles/notes/chart.png", "second, longer");
    let changed = [site.root.join("content/articles/notes/chart.png")].into_iter().collect();
    assert_eq!(session.plan(&changed), Plan::Full);
    session.rebuild(&Plan::Full).expect("rebuild");
    assert_eq!(std::fs::read(&published).expect("published"), b"second, longer");
    site.write("content/articles/other/new chart.png", "new");
    site.change_file("content/articles/notes/host.md", "![[chart.png]]", "![[new chart.png]]");
    let changed = [
        site.root.join("content/articles/other/new chart.png"),
        site.root.join("content/articles/notes/host.md"),
    ]
    .into_iter()
    .collect();
    let plan = session.plan(&changed);
    assert_eq!(plan, Plan::Full);
    session.rebuild(&plan).expect("rebuild");
    assert!(options.out.join("articles/other/new chart.png").is_file());
    let mut full = options.clone();
    full.out = site.root.join("full");
    attune::build(&full).expect("full build");
    assert!(!full.out.join("articles/notes/chart.png").exists(), "no longer embedded");
    assert!(full.out.join("articles/other/new chart.png").is_file());
}

#[test]
fn issue_27_embeds_a_section_of_another_note() {
    let site =
        notes("embed-section", "Before.\n\n![[Second Article#Getting started]]\n\nAfter.\n", &[]);
    site.build();
    let main = site.main_of(HOST);
    let at = main.find("Begin here.").expect("the section is included");
    assert!(main.contains("<h2 id=\"getting-started\">Getting started</h2>"), "{main}");
    assert!(main.contains("<h3 id=\"a-detail\">A detail</h3>"), "subsections come along: {main}");
    assert!(
        !main.contains("After.</p>\n<h2 id=\"later-on\"") && !main.contains("Later on"),
        "{main}"
    );
    assert!(main.find("Before.").unwrap() < at && at < main.find("After.").unwrap());
    assert!(!main.contains("<p><h2"), "no heading inside a paragraph: {main}");
}

#[test]
fn issue_27_embeds_a_whole_note_with_its_links_working_from_the_host() {
    let shared = article("Shared", "", "Read [[Second Article]] first.\n");
    let site = notes("embed-note", "![[Shared]]\n", &[("articles/other/deep/shared.md", &shared)]);
    site.build();
    let main = site.main_of(HOST);
    assert!(
        main.contains(&format!("Read <a href=\"{SECOND}\">The second article</a> first.")),
        "{main}"
    );
}

#[test]
fn issue_27_embed_of_a_missing_heading_is_an_error_at_the_embed() {
    let site = notes("embed-missing-heading", "Text.\n\n![[Second Article#Nowhere]]\n", &[]);
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "broken-anchor", "content/articles/notes/host.md:8:1");
}

#[test]
fn issue_27_transclusion_cycle_is_an_error_at_the_embedding_line() {
    let a = article("A", "", "Intro.\n\n![[b]]\n");
    let b = article("B", "", "Text of b.\n\n![[a#Part]]\n\n## Part\n\nMore.\n");
    let site =
        TestSite::with_files("embed-cycle", &[("articles/x/a.md", &a), ("articles/x/b.md", &b)]);
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "embed-cycle", "content/articles/x/a.md:8:1");
    expect_error_at(&site, &run, "embed-cycle", "content/articles/x/b.md:8:1");
    run.expect_stderr("this embed makes a cycle: a → b → a");
    run.expect_stderr("2 errors");
    let own =
        TestSite::with_files("embed-self", &[("articles/x/a.md", &article("A", "", "![[a]]\n"))]);
    let run = own.run(&["build"]);
    expect_error_at(&own, &run, "embed-cycle", "content/articles/x/a.md:6:1");
}

#[test]
fn issue_27_obsidian_callouts_render_as_accessible_callouts() {
    let body = "> [!note] Before you start\n> Read this first.\n\n> [!tip]- Folded\n> Hidden at first.\n\n> [!danger]+\n> Open.\n\n> [!NOTE]\n> GitHub style.\n\n> A plain quote.\n";
    let site = notes("callouts", body, &[]);
    site.build();
    let main = site.main_of(HOST);
    assert!(main.contains("<div class=\"callout callout-note\" role=\"note\" aria-label=\"Note\"><p class=\"callout-title\">Before you start</p>\n<p>Read this first.</p>"), "{main}");
    assert!(main.contains("<div class=\"callout callout-tip\" role=\"note\" aria-label=\"Tip\"><details><summary class=\"callout-title\">Folded</summary>\n<p>Hidden at first.</p>\n</details></div>"), "{main}");
    assert!(main.contains("<div class=\"callout callout-caution\" role=\"note\" aria-label=\"Caution\"><details open><summary class=\"callout-title\">Caution</summary>"), "{main}");
    assert!(main.contains("<div class=\"callout callout-note\" role=\"note\" aria-label=\"Note\"><p class=\"callout-title\">Note</p>\n<p>GitHub style.</p>"), "{main}");
    assert!(main.contains("<blockquote>\n<p>A plain quote.</p>\n</blockquote>"), "{main}");
    assert!(!main.contains("[!"), "{main}");
}

#[test]
fn issue_27_foreign_front_matter_keys_are_understood() {
    let hugo = "---\ntitle: From Hugo\ndescription: What the post is about.\ndate: 2024-03-01T10:00:00+01:00\nlastmod: 2025-05-06\ncategories: [Practice]\ntags: [start]\n---\n\nText.\n";
    let jekyll = "---\ntitle: From Jekyll\ndescription: Jekyll's summary.\ndate: 2024-02-03 09:00:00 +0000\ncategories: Practice\n---\n\nText.\n";
    let site = TestSite::with_files(
        "foreign-keys",
        &[("articles/a/hugo.md", hugo), ("articles/a/jekyll.md", jekyll)],
    );
    let run = site.build();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    let html = site.output("articles/a/hugo/index.html");
    assert!(html.contains("What the post is about."), "description is the summary");
    assert!(html.contains("2025-05-06") || html.contains("6 May 2025"), "lastmod is updated");
    let jekyll = site.output("articles/a/jekyll/index.html");
    assert!(jekyll.contains("Jekyll&#39;s summary.") || jekyll.contains("Jekyll's summary."));
    assert!(jekyll.contains("2024-02-03") || jekyll.contains("3 February 2024"), "date is updated");
    assert!(site.exists("tags/practice/index.html"), "categories are tags");
}

#[test]
fn issue_27_ignored_foreign_keys_warn_saying_what_attune_does_instead() {
    let text = "---\ntitle: Note\nsummary: S.\ncssclasses: [wide]\npublish: true\nlayout: post\npermalink: /x/\nslug: other\nurl: /y/\n---\n\nText.\n";
    let site = TestSite::with_files("foreign-ignored", &[("articles/a/note.md", text)]);
    let run = site.build();
    for (key, line, help) in [
        ("cssclasses", 4, "theme/extra.css"),
        ("publish", 5, "draft: true"),
        ("layout", 6, "attune eject article.html"),
        ("permalink", 7, "move or rename the file"),
        ("slug", 8, "the slug is the file name"),
        ("url", 9, "move or rename the file"),
    ] {
        run.expect_stderr(&format!("warning[foreign-key]: attune ignores the key `{key}`"));
        run.expect_stderr(&format!("--> content/articles/a/note.md:{line}:1\n"));
        run.expect_stderr(help);
    }
}

#[test]
fn issue_27_foreign_keys_on_pages_and_glossary_entries() {
    let page = "---\ntitle: About us\ndescription: Who writes this site.\naliases: [Who we are]\ndate: 2024-01-02\ncategories: [Meta]\nlayout: page\npermalink: /about-us/\ncssclasses: [wide]\n---\n\nWe are a clinic.\n";
    let term = "---\nterm: Rapport\ndescription: A sense of ease between two people.\nlastmod: 2024-01-02\ncategories: [Basics]\nlayout: term\nurl: /rapport/\npublish: true\n---\n\nMore on rapport.\n";
    let home = "---\ntitle: Home\nsummary: Start.\nslug: home\n---\n\nWelcome.\n";
    let site = TestSite::with_files(
        "foreign-keys-kinds",
        &[
            ("index.md", home),
            ("pages/about.md", page),
            ("glossary/rapport.md", term),
            (
                "articles/a/note.md",
                &article("Note", "", "See [[Who we are]] and [[term:rapport]].\n"),
            ),
        ],
    );
    let run = site.build();
    let note = site.main_of("articles/a/note/index.html");
    assert!(note.contains("href=\"../../../about/\">About us</a>"), "an alias of a page: {note}");
    assert!(
        site.output("about/index.html").contains("Who writes this site."),
        "description is the summary"
    );
    let glossary = site.main_of("glossary/index.html");
    assert!(
        glossary.contains("A sense of ease between two people."),
        "description is `short`: {glossary}"
    );
    for (file, key, line, help) in [
        ("pages/about.md", "date", 5, "pages show no date"),
        ("pages/about.md", "categories", 6, "pages have no tags"),
        ("pages/about.md", "layout", 7, "every page uses `templates/page.html`"),
        ("pages/about.md", "permalink", 8, "a page's URL is its file name"),
        ("pages/about.md", "cssclasses", 9, "theme/extra.css"),
        ("glossary/rapport.md", "lastmod", 4, "glossary entries show no date"),
        ("glossary/rapport.md", "categories", 5, "link related entries with `see_also`"),
        ("glossary/rapport.md", "layout", 6, "`templates/glossary.html`"),
        ("glossary/rapport.md", "url", 7, "an entry is at `glossary/#<file>`"),
        ("glossary/rapport.md", "publish", 8, "every glossary entry is published"),
        ("index.md", "slug", 4, "the home page is always the site's root"),
    ] {
        let warning = format!(
            "warning[foreign-key]: attune ignores the key `{key}`\n --> content/{file}:{line}:1\n"
        );
        run.expect_stderr(&warning);
        run.expect_stderr(help);
    }
    assert!(!run.stderr.contains("key `description`") && !run.stderr.contains("key `aliases`"));
}

#[test]
fn issue_27_typos_on_pages_and_entries_stay_errors() {
    let page = "---\ntitle: About\nsumary: S.\n---\n\nText.\n";
    let term = "---\nterm: Rapport\nshrot: S.\n---\n\nText.\n";
    let site = TestSite::with_files(
        "foreign-typos-kinds",
        &[("pages/about.md", page), ("glossary/rapport.md", term)],
    );
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "unknown-key", "content/pages/about.md:3:1");
    run.expect_stderr("did you mean `summary`?");
    expect_error_at(&site, &run, "unknown-key", "content/glossary/rapport.md:3:1");
    run.expect_stderr("did you mean `short`?");
    let bare = "---\nterm: Rapport\ndate: 2024-01-02\n---\n\nText.\n";
    let site = TestSite::with_files("foreign-term-no-short", &[("glossary/rapport.md", bare)]);
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "missing-key", "content/glossary/rapport.md:1:1");
    run.expect_stderr("the front matter has no `short`");
}

#[test]
fn issue_27_aliases_are_search_keywords() {
    use attune::search::site::{site_documents, site_options};
    use attune::search::{QueryOptions, build_index, query};
    let site = notes("aliases-search", "Text.\n", &[]);
    let analysis = attune::analyse(&attune::BuildOptions::new(&site.root)).expect("loads");
    let index = build_index(&site_documents(&analysis), &site_options(&analysis));
    let hits = query(&index, "part two", &QueryOptions { limit: 3, ..QueryOptions::default() });
    assert_eq!(hits.first().map(|h| h.url.as_str()), Some("articles/notes/Second Article/"));
}

#[test]
fn issue_27_a_typo_of_an_attune_key_is_still_an_error() {
    let text = "---\ntitle: Note\nsumary: S.\naliases: [x]\n---\n\nText.\n";
    let site = TestSite::with_files("foreign-typo", &[("articles/a/note.md", text)]);
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "unknown-key", "content/articles/a/note.md:3:1");
    run.expect_stderr("did you mean `summary`?");
    let tag = "---\ntitle: Note\nsummary: S.\ntag: [x]\n---\n\nText.\n";
    let site = TestSite::with_files("foreign-typo-tag", &[("articles/a/note.md", tag)]);
    site.run(&["build"]).expect_code(1).expect_stderr("did you mean `tags`?");
}

#[test]
fn issue_27_summary_or_description_is_still_required() {
    let text = "---\ntitle: Note\ndate: 2024-01-01\n---\n\nText.\n";
    let site = TestSite::with_files("foreign-no-summary", &[("articles/a/note.md", text)]);
    let run = site.run(&["build"]);
    run.expect_code(1).expect_stderr("error[missing-key]: the front matter has no `summary`");
}

/// Every file of a folder with its bytes, to prove the vault is only read.
fn snapshot(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).expect("read")))
        .collect();
    files.sort();
    files
}

#[test]
fn issue_27_imports_an_obsidian_vault_into_a_site_that_builds() {
    let vault =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/vault");
    let notes = walkdir::WalkDir::new(&vault)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .count();
    assert!(notes >= 20, "the fixture vault has {notes} notes");
    let before = snapshot(&vault);
    let work = TestSite::empty("import-vault");
    let vault_arg = vault.to_string_lossy().into_owned();
    let run = work.run(&["import", "obsidian", &vault_arg, "site"]);
    run.expect_code(0).expect_stdout("imported 22 notes and 3 attachments");
    assert_eq!(snapshot(&vault), before, "the vault is unchanged");
    // What could not be converted, with the note's file and line.
    run.expect_stderr("Index of Notes.md:5: a `dataview` block");
    run.expect_stderr("Glossary Ideas/Transference.md:5: a Dataview inline field");
    run.expect_stderr(
        "Questions to Ask.md:6: `[[First Session#^missing-block]]` is a block reference",
    );
    run.expect_stderr("Daily/2024-05-01.md:3: `[[A Note That Is Not Here]]` names a note that is not in the vault");
    run.expect_stderr("Empathy.md:5: the property `status` has no attune meaning");

    let site = TestSite { root: work.root.join("site") };
    let build = site.build();
    assert!(!build.stderr.contains("error"), "{}", build.stderr);
    for (page, html) in crate::build::pages(&site) {
        assert!(
            !html.contains("href=\"#\"") && !html.contains("src=\"#\""),
            "{page}: a link did not resolve"
        );
        assert!(!html.contains("[[") && !html.contains("[!"), "{page}: Obsidian syntax left over");
    }
    let alliance = site.main_of("articles/notes/the-working-alliance/index.html");
    assert!(
        alliance.contains("href=\"../../../articles/notes/goals-and-tasks/#goals\""),
        "{alliance}"
    );
    assert!(
        alliance.contains("src=\"../../../attachments/alliance%20diagram.png\"")
            || alliance.contains("src=\"../../../attachments/alliance diagram.png\""),
        "{alliance}"
    );
    let safety = site.main_of("articles/basics/deep/nested-again/safety/index.html");
    assert!(
        safety.contains("Trust grows from small kept promises."),
        "the embed is included: {safety}"
    );
    assert!(!safety.contains("private: check this later"), "comments stay private");
    let index = site.main_of("articles/notes/index-of-notes/index.html");
    assert!(!index.contains("file.ctime"), "the query is left out: {index}");
    let empathy = site.main_of("articles/notes/empathy/index.html");
    assert!(
        empathy.contains("<details><summary class=\"callout-title\">Try this</summary>"),
        "{empathy}"
    );
    assert!(!empathy.contains("^def-empathy"), "block ids are dropped");
    assert!(site.exists("attachments/session plan.pdf"));
    // Alias links (`[[alliance]]`, `[[privacy]]`) resolve through the `aliases` kept.
    let rupture = site.main_of("articles/notes/rupture-and-repair/index.html");
    assert!(
        rupture.contains("href=\"../../../articles/notes/the-working-alliance/\""),
        "{rupture}"
    );
    // Markdown links to notes by file name become wiki links, which resolve wherever the
    // note landed; a web address stays as written.
    let ending =
        std::fs::read_to_string(site.root.join("content/articles/notes/ending-therapy.md"))
            .expect("imported note");
    assert!(ending.contains("[[Goals and tasks#Tasks|the tasks]]"), "{ending}");
    let ending = site.main_of("articles/notes/ending-therapy/index.html");
    for link in [
        "href=\"../../../articles/notes/goals-and-tasks/#tasks\">the tasks</a>",
        "href=\"../../../articles/basics/boundaries/\">boundaries</a>",
        "href=\"../../../articles/teletherapy/phone-sessions/\">phone work</a>",
        "href=\"https://example.org/a.md\"",
    ] {
        assert!(ending.contains(link), "{link}: {ending}");
    }
    // Each imported summary is for the author to review.
    let check = site.run(&["check"]);
    check.expect_stderr(
        "warning[placeholder]: this summary is the note's first paragraph, as imported",
    );
}

#[test]
fn issue_27_import_refuses_a_folder_that_is_already_a_site() {
    let work = TestSite::with_files("import-existing", &[]);
    let vault =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/vault");
    let run = work.run(&["import", "obsidian", &vault.to_string_lossy(), "."]);
    run.expect_code(2).expect_stderr("already has a `content/` folder");
}
