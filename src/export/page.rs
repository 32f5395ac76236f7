//! The pages both exports hold, as XHTML (which browsers read as HTML too): one per step, the
//! glossary appendix, the references and the path's cover. Written here rather than with the
//! site's templates, whose pages carry the site's header, search and navigation, which mean
//! nothing inside a book or an LMS.

use std::collections::BTreeSet;

use crate::html::{escape_attr, escape_text};
use crate::render::context::ReferenceView;
use crate::resolve::Owner;

use super::book::Book;

/// How a page's document is wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    /// An EPUB content document (XML declaration, `epub:` namespace).
    Epub,
    /// A web page for an LMS.
    Web,
}

/// A whole document around `body`, linking `stylesheets` (relative to the page).
pub(crate) fn document(
    flavour: Flavour,
    lang: &str,
    title: &str,
    stylesheets: &[&str],
    body: &str,
) -> String {
    let lang = escape_attr(lang);
    let mut out = String::with_capacity(body.len() + 1024);
    if flavour == Flavour::Epub {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
        out.push_str("<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\"");
    } else {
        out.push_str("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"");
    }
    out.push_str(&format!(
        " lang=\"{lang}\" xml:lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\"/>\n"
    ));
    if flavour == Flavour::Web {
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
    }
    out.push_str(&format!("<title>{}</title>\n", escape_text(title)));
    for sheet in stylesheets {
        out.push_str(&format!("<link rel=\"stylesheet\" type=\"text/css\" href=\"{sheet}\"/>\n"));
    }
    out.push_str("</head>\n<body>\n<main id=\"main\">\n");
    out.push_str(body);
    out.push_str("\n</main>\n</body>\n</html>\n");
    out
}

/// The `<main>` of step `n` (0-based): its place, title, summary and note, the objectives,
/// the body, the questions and the article's references.
pub(crate) fn step(book: &Book<'_>, n: usize, assets: &mut BTreeSet<String>) -> String {
    let step = &book.steps[n];
    let doc = book.r.site.doc(step.doc);
    let meta = &doc.meta;
    let mut out = String::from("<article class=\"article\">\n<header class=\"article-header\">\n");
    let optional = if step.optional { " (optional)" } else { "" };
    out.push_str(&format!(
        "<p class=\"step-label\">Reading {} of {}{optional}</p>\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n",
        n + 1,
        book.steps.len(),
        escape_text(&meta.title),
        escape_text(&meta.summary)
    ));
    if !step.note.is_empty() {
        out.push_str(&format!("<p class=\"step-note\">{}</p>\n", escape_text(&step.note)));
    }
    out.push_str("</header>\n");
    list_section(
        &mut out,
        "objectives",
        "After reading, you will be able to",
        &meta.objectives,
        "ul",
    );
    out.push_str("<div class=\"prose\">\n");
    out.push_str(&book_ready(&book.body(Owner::Doc(step.doc), assets)));
    out.push_str("</div>\n");
    list_section(&mut out, "questions", "Questions to think about", &meta.questions, "ol");
    if !meta.references.is_empty() {
        out.push_str("<section class=\"references-section\">\n<h2>References</h2>\n");
        let refs: Vec<ReferenceView> = meta.references.iter().map(ReferenceView::new).collect();
        references(&mut out, &refs);
        out.push_str("</section>\n");
    }
    out.push_str("</article>");
    out
}

/// A headed list of plain-text items (objectives, questions), when there are any.
fn list_section(out: &mut String, class: &str, heading: &str, items: &[String], list: &str) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("<section class=\"{class}\">\n<h2>{heading}</h2>\n<{list}>\n"));
    for item in items {
        out.push_str(&format!("<li>{}</li>\n", escape_text(item)));
    }
    out.push_str(&format!("</{list}>\n</section>\n"));
}

/// An ordered list of references, each with its DOI or URL as a link.
pub(crate) fn references(out: &mut String, refs: &[ReferenceView]) {
    out.push_str("<ol class=\"references\">\n");
    for reference in refs {
        out.push_str(&format!("<li>{}", escape_text(&reference.text)));
        if let Some(href) = &reference.href {
            let label = reference.doi.as_ref().map_or("Source".to_string(), |d| format!("doi:{d}"));
            out.push_str(&format!(
                " <a class=\"external\" href=\"{}\">{}</a>",
                escape_attr(href),
                escape_text(&label)
            ));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

/// The glossary appendix: every term the path's articles use, with its short definition, each
/// with the term's slug as its id (the steps' term links land there).
pub(crate) fn glossary(book: &Book<'_>) -> String {
    let mut out = String::from(
        "<section class=\"packet-glossary\" id=\"glossary\">\n<h1>Glossary</h1>\n<dl>\n",
    );
    for &id in &book.appendix.terms {
        let term = &book.r.site.terms[id];
        out.push_str(&format!(
            "<dt id=\"{}\">{}</dt>\n<dd>{}</dd>\n",
            escape_attr(&term.slug),
            escape_text(&term.meta.term),
            escape_text(&term.meta.short)
        ));
    }
    out.push_str("</dl>\n</section>");
    out
}

/// The combined references of every step.
pub(crate) fn all_references(book: &Book<'_>) -> String {
    let mut out = String::from(
        "<section class=\"packet-references\" id=\"references\">\n<h1>References</h1>\n",
    );
    if book.appendix.references.is_empty() {
        out.push_str("<p>The readings on this path cite no references.</p>\n");
    } else {
        references(&mut out, &book.appendix.references);
    }
    out.push_str("</section>");
    out
}

/// The cover: the path's title, summary, introduction and its readings with their notes.
pub(crate) fn cover(book: &Book<'_>, assets: &mut BTreeSet<String>) -> String {
    let path = &book.r.site.paths[book.path];
    let mut out = format!(
        "<section class=\"packet-cover\" id=\"cover\">\n<h1>{}</h1>\n<p class=\"summary\">{}</p>\n<div class=\"prose\">\n",
        escape_text(&path.meta.title),
        escape_text(&path.meta.summary)
    );
    out.push_str(&book.body(Owner::Path(book.path), assets));
    out.push_str("</div>\n<h2>Readings</h2>\n<ol>\n");
    for step in &book.steps {
        let title = &book.r.site.doc(step.doc).meta.title;
        let optional = if step.optional { " (optional)" } else { "" };
        out.push_str(&format!(
            "<li><a href=\"{}\">{}</a>{optional}: {}</li>\n",
            escape_attr(&step.file),
            escape_text(title),
            escape_text(&step.note)
        ));
    }
    out.push_str("</ol>\n</section>");
    out
}

/// A body as a book holds it: without the knowledge checks' stylesheet and script (a book
/// loads no remote file; the answers stay in their `<details>`) and with citation links to the
/// site's reference list (`#bib-…`, which the book's references do not carry) kept as text.
fn book_ready(body: &str) -> String {
    let body = without_tags(body, "<link ", ">", "quiz.css");
    let body = without_tags(&body, "<script ", "</script>", "quiz.js");
    let mut cleaned = String::with_capacity(body.len());
    let mut rest = body.as_str();
    while let Some(start) = rest.find(" href=\"#bib-") {
        cleaned.push_str(&rest[..start]);
        let after = &rest[start + " href=\"#bib-".len()..];
        rest = after.find('"').map_or("", |q| &after[q + 1..]);
    }
    cleaned.push_str(rest);
    cleaned
}

/// `html` without each element from `open` to `close` that mentions `needle`.
fn without_tags(html: &str, open: &str, close: &str, needle: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        let Some(end) = rest[start..].find(close).map(|e| start + e + close.len()) else { break };
        out.push_str(&rest[..start]);
        if !rest[start..end].contains(needle) {
            out.push_str(&rest[start..end]);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
