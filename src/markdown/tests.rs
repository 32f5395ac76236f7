//! Markdown rendering on in-memory documents: link forms, glossary linking, headings, alerts,
//! and the facts later stages read.

use std::path::PathBuf;

use super::*;
use crate::config::SiteConfig;
use crate::content::model::{ArticleMeta, Doc, DocKind, Site, Term, TermMeta};
use crate::diagnostics::{Code, FileId};
use crate::ids::{DocVec, PathVec, TermId, TermVec};
use crate::links::LinkIndex;

fn doc(slug: &str, section: &str, title: &str) -> Doc {
    Doc {
        kind: DocKind::Article,
        slug: slug.into(),
        file: FileId(0),
        source_path: format!("articles/{section}/{slug}.md"),
        url: format!("articles/{section}/{slug}/"),
        section: section.into(),
        meta: ArticleMeta { title: title.into(), summary: "s".into(), ..ArticleMeta::default() },
        body_offset: 0,
        lang: "en".into(),
        original: None,
        foreign: false,
    }
}

fn term(slug: &str, name: &str, aliases: &[&str]) -> Term {
    Term {
        slug: slug.into(),
        file: FileId(0),
        meta: TermMeta {
            term: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            short: format!("Short for {name}."),
            ..TermMeta::default()
        },
        body_offset: 0,
        lang: "en".into(),
        original: None,
    }
}

fn site() -> Site {
    Site {
        root: PathBuf::from("/site"),
        config: SiteConfig::default(),
        docs: DocVec::from(vec![
            doc("empathy", "components", "Empathy"),
            doc("trust", "components", "Trust and rapport"),
            doc("video", "teletherapy", "Rapport on video"),
        ]),
        terms: TermVec::from(vec![
            term("alliance", "Alliance", &[]),
            term("working-alliance", "Working alliance", &[]),
            term("upr", "Unconditional positive regard", &["UPR"]),
        ]),
        paths: PathVec::new(),
        static_files: Vec::new(),
        images: Default::default(),
        attachments: Vec::new(),
        broken: Default::default(),
        prefix: String::new(),
    }
}

/// Renders `body` as if it were the third document (`teletherapy/video`).
fn render(body: &str) -> (Rendered, Vec<Diagnostic>) {
    render_with(body, true, false)
}

fn render_with(body: &str, autolink: bool, offline: bool) -> (Rendered, Vec<Diagnostic>) {
    render_in(&site(), body, autolink, offline, true)
}

/// Renders `body` as the third document of `site`.
fn render_in(
    site: &Site,
    body: &str,
    autolink: bool,
    offline: bool,
    raw_html: bool,
) -> (Rendered, Vec<Diagnostic>) {
    let links = LinkIndex::new(site);
    let sources = crate::diagnostics::SourceMap::default();
    let terms = TermMatcher::new(&site.terms);
    let cx = MarkdownContext {
        site,
        links: &links,
        sources: &sources,
        terms: &terms,
        offline,
        raw_html,
        bibliography: None,
        keep_prose: true,
    };
    let target = RenderTarget {
        file: FileId(0),
        body,
        body_offset: 0,
        source_path: "articles/teletherapy/video.md",
        url: "articles/teletherapy/video/",
        autolink,
        own_term: None,
    };
    render_markdown(&cx, target)
}

#[test]
fn renders_wikilink_with_title_and_label() {
    let (out, errors) = render("See [[empathy]] and [[trust|this page]].");
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        out.html.contains("<a href=\"../../../articles/components/empathy/\">Empathy</a>"),
        "{}",
        out.html
    );
    assert!(
        out.html.contains("<a href=\"../../../articles/components/trust/\">this page</a>"),
        "{}",
        out.html
    );
    assert_eq!(out.links.len(), 2);
}

#[test]
fn renders_relative_markdown_link_with_anchor() {
    let (out, errors) = render("[x](../components/empathy.md#in-practice)");
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        out.html.contains("href=\"../../../articles/components/empathy/#in-practice\""),
        "{}",
        out.html
    );
}

#[test]
fn offline_links_end_in_index_html() {
    let (out, _) = render_with("[[empathy]]", true, true);
    assert!(
        out.html.contains("href=\"../../../articles/components/empathy/index.html\""),
        "{}",
        out.html
    );
}

#[test]
fn errors_on_broken_wikilink_with_suggestion_and_span() {
    let body = "Intro.\n\nSee [[empaty]] here.";
    let (_, errors) = render(body);
    assert_eq!(errors.len(), 1);
    let error = &errors[0];
    assert_eq!(error.code, Code::BrokenLink);
    assert_eq!(error.help.as_deref(), Some("did you mean `empathy`?"));
    let span = error.span.unwrap();
    assert_eq!(&body[span.start..span.end], "[[empaty]]");
}

#[test]
fn errors_on_link_climbing_out_of_the_site() {
    let (_, errors) = render("[x](../../../../etc/passwd.md)");
    assert_eq!(errors[0].code, Code::UnsafePath);
}

#[test]
fn links_first_mention_only_with_tooltip() {
    let (out, _) = render("The working alliance matters. A working alliance grows.");
    assert_eq!(out.html.matches("class=\"term\"").count(), 1, "{}", out.html);
    assert!(out.html.contains("aria-describedby=\"tip-1\">working alliance</a><span class=\"term-tip\" role=\"tooltip\" id=\"tip-1\">Short for Working alliance.</span>"), "{}", out.html);
    assert_eq!(out.terms, vec![TermId(1)]);
}

#[test]
fn longest_term_wins_and_alias_links_to_its_entry() {
    let (out, _) = render("A working alliance and UPR.");
    assert!(out.html.contains("glossary/#working-alliance"), "{}", out.html);
    assert!(!out.html.contains("glossary/#alliance\""), "{}", out.html);
    assert!(
        out.html.contains("glossary/#upr\" aria-describedby=\"tip-2\">UPR</a>"),
        "{}",
        out.html
    );
}

#[test]
fn never_links_terms_in_headings_links_code_or_alt_text() {
    let body = "## The alliance\n\n[the alliance](https://example.org) `alliance` ![alliance](/x.png)\n\n```\nalliance\n```\n";
    let (out, _) = render(body);
    assert!(!out.html.contains("class=\"term\""), "{}", out.html);
}

#[test]
fn autolink_off_keeps_terms_listed_but_unlinked() {
    let (out, _) = render_with("The alliance.", false, false);
    assert!(!out.html.contains("class=\"term\""));
    assert_eq!(out.terms, vec![TermId(0)]);
}

#[test]
fn explicit_term_link_gets_tooltip() {
    let (out, errors) = render("See [[term:upr]].");
    assert!(errors.is_empty(), "{errors:?}");
    assert!(out.html.contains("class=\"term\" href=\"../../../glossary/#upr\""), "{}", out.html);
    assert!(out.html.contains(">Unconditional positive regard</a>"), "{}", out.html);
}

#[test]
fn duplicate_headings_get_unique_ids() {
    let (out, _) = render("## Steps\n\ntext\n\n## Steps\n");
    let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["steps", "steps-2"]);
    assert!(out.html.contains("<h2 id=\"steps-2\">"), "{}", out.html);
}

#[test]
fn headings_never_take_ids_the_page_or_footnotes_use() {
    let body = "## Main\n\nA claim.[^sources]\n\n## Sources\n\n## Tip 1\n\n[^sources]: Why.\n";
    let (out, _) = render(body);
    let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["main-2", "sources", "tip-1-2"]);
    let html = &out.html;
    assert!(html.contains("<a href=\"#fn-sources\">1</a>"), "{html}");
    assert!(html.contains("<div class=\"footnote-definition\" id=\"fn-sources\">"), "{html}");
}

#[test]
fn first_linkable_mention_is_linked_after_one_in_a_heading() {
    let (out, _) = render("## The alliance\n\nThe alliance grows.\n");
    let html = &out.html;
    assert!(
        html.contains(
            "The <span class=\"term-wrap\"><a class=\"term\" href=\"../../../glossary/#alliance\""
        ),
        "{html}"
    );
}

#[test]
fn alerts_render_as_labelled_callouts() {
    let (out, _) = render("> [!WARNING]\n> Careful.\n");
    assert!(out.html.contains("<div class=\"callout callout-warning\" role=\"note\" aria-label=\"Warning\"><p class=\"callout-title\">Warning</p>"), "{}", out.html);
}

#[test]
fn backlink_context_is_the_sentence_around_the_link() {
    let (out, _) = render("First sentence. Read [[empathy]] to learn more. Last one.");
    assert_eq!(out.links[0].context, "Read Empathy to learn more.");
}

#[test]
fn prose_excludes_headings_tables_and_code() {
    let (out, _) = render(
        "## Head\n\nOne two three.\n\n| a | b |\n|---|---|\n| c | d |\n\n```\ncode here\n```\n\n- item one\n",
    );
    let texts: Vec<&str> = out.prose.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["One two three.", "item one"]);
    assert_eq!(out.words, 5);
}

#[test]
fn raw_html_is_escaped_when_disabled() {
    let (out, _) = render_in(&site(), "<script>alert(1)</script>\n", false, false, false);
    assert!(out.html.contains("&lt;script&gt;"), "{}", out.html);
}

#[test]
fn search_text_holds_the_latex_of_inline_and_display_formulas() {
    let mut site = site();
    site.config.markdown.math = true;
    let body = "## Sizes\n\nThe ratio $\\frac{a}{b}$ here.\n\n$$\nx^2 + y^2 = z^2\n$$\n";
    let (out, diagnostics) = render_in(&site, body, false, false, true);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let text = &out.sections.last().expect("the section under the heading").text;
    assert!(text.contains("\\frac{a}{b}"), "{text}");
    assert!(text.contains("x^2 + y^2 = z^2"), "{text}");
    assert!(out.html.contains("<math"), "{}", out.html);
}
