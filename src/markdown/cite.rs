//! Citations in a body (issue 24): `[@key]`, `[@key, p. 252]`, `[@a; @b]` and a bare `@key`
//! become in-text citations in the site's style, each linked to the reference list with the
//! same hover and focus card as a glossary term. The style numbers and disambiguates over
//! the whole document, so a citation is a placeholder until the body ends, then filled in.

use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event};

use super::Renderer;
use crate::cite::{Citation, find_citations};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::html::{escape_attr, escape_text};
use crate::url::slugify;

/// A citation waiting for the document's end: the citation and its tooltip number.
#[derive(Debug, Clone)]
pub(super) struct Pending {
    citation: Citation,
    tip: usize,
}

/// Marks where a citation goes in the HTML until the document is formatted; NUL never
/// reaches the output otherwise (pulldown-cmark replaces it in the source).
fn placeholder(index: usize) -> String {
    format!("\0cite{index}\0")
}

impl Renderer<'_, '_> {
    /// Text that may hold citations: each becomes a placeholder, the rest goes on as text.
    pub(super) fn text_with_citations<'e>(
        &mut self,
        text: CowStr<'e>,
        range: &std::ops::Range<usize>,
        out: &mut Vec<Event<'e>>,
    ) {
        let outside = self.in_heading || self.in_link > 0 || self.in_image || self.in_code;
        let Some(bibliography) = self.cx.bibliography.filter(|_| !outside && text.contains('@'))
        else {
            return self.text(text, out);
        };
        let mut cursor = 0;
        for citation in find_citations(&text) {
            let unknown: Vec<&str> = citation
                .items
                .iter()
                .map(|i| i.key.as_str())
                .filter(|key| !bibliography.contains(key))
                .collect();
            if !unknown.is_empty() {
                // A bare `@name` that is not near any key is prose (a handle), not a typo.
                let typo = unknown.iter().any(|k| bibliography.nearest(k).is_some());
                if !citation.bare || typo {
                    let span = self.citation_span(range, unknown[0]);
                    self.diagnostics.push(unknown_key(
                        unknown[0],
                        bibliography.nearest(unknown[0]),
                        span,
                    ));
                }
                continue;
            }
            if citation.start > cursor {
                self.text(CowStr::from(text[cursor..citation.start].to_string()), out);
            }
            self.tip_counter += 1;
            out.push(Event::InlineHtml(CowStr::from(placeholder(self.citations.len()))));
            self.citations.push(Pending { citation: citation.clone(), tip: self.tip_counter });
            cursor = citation.end;
        }
        match cursor {
            0 => self.text(text, out),
            _ if cursor < text.len() => self.text(CowStr::from(text[cursor..].to_string()), out),
            _ => {}
        }
    }

    /// Where `@key` is written in the source of a text run (the run may differ from its
    /// source by escapes and smart quotes, so the key is looked for rather than counted to).
    fn citation_span(&self, range: &std::ops::Range<usize>, key: &str) -> Span {
        let source = self.target.body.get(range.clone()).unwrap_or("");
        let at = source.find(&format!("@{key}")).map_or(range.start, |i| range.start + i);
        self.span(&(at..at + key.len() + 1))
    }

    /// Formats the document's citations and reference list and fills in the placeholders.
    pub(super) fn finish_citations(&mut self) {
        let Some(bibliography) = self.cx.bibliography else { return };
        if self.citations.is_empty() {
            return;
        }
        let citations: Vec<Citation> = self.citations.iter().map(|p| p.citation.clone()).collect();
        let formatted = bibliography.format(&citations);
        let prefix = self.reference_prefix();
        let full: std::collections::HashMap<&str, &str> =
            formatted.references.iter().map(|r| (r.key.as_str(), r.text.as_str())).collect();
        let mut html = std::mem::take(&mut self.rendered.html);
        for (index, pending) in self.citations.iter().enumerate() {
            let in_text = formatted.citations.get(index).map_or("", String::as_str);
            let keys: Vec<&str> = pending.citation.items.iter().map(|i| i.key.as_str()).collect();
            let card: Vec<&str> = keys.iter().filter_map(|k| full.get(k).copied()).collect();
            let mut link = String::new();
            let _ = write!(
                link,
                "<span class=\"term-wrap\"><a class=\"term cite\" href=\"#{}\" aria-describedby=\"tip-{n}\">{in_text}</a><span class=\"term-tip\" role=\"tooltip\" id=\"tip-{n}\">{}</span></span>",
                escape_attr(&format!("{prefix}{}", slugify(keys.first().copied().unwrap_or("")))),
                escape_text(&card.join(" ")),
                n = pending.tip,
            );
            html = html.replacen(&placeholder(index), &link, 1);
        }
        self.rendered.html = html;
        self.rendered.references = formatted
            .references
            .into_iter()
            .map(|mut r| {
                r.anchor = format!("{prefix}{}", slugify(&r.key));
                r
            })
            .collect();
        self.rendered.cited = citations_keys(&citations);
    }

    /// The prefix of reference-list anchors: `bib-` on a page, `bib-<entry>-` on the glossary
    /// page, where every entry's sources share one page.
    fn reference_prefix(&self) -> String {
        match self.target.own_term {
            Some(term) => format!("bib-{}-", self.cx.site.terms[term].slug),
            None => "bib-".to_string(),
        }
    }
}

/// Every cited key, once, in order of first citation.
fn citations_keys(citations: &[Citation]) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for item in citations.iter().flat_map(|c| &c.items) {
        if !keys.contains(&item.key) {
            keys.push(item.key.clone());
        }
    }
    keys
}

fn unknown_key(key: &str, nearest: Option<&str>, span: Span) -> Diagnostic {
    let help = match nearest {
        Some(near) => format!("did you mean `@{near}`?"),
        None => {
            "add the entry to content/bibliography.bib, or check the key's spelling".to_string()
        }
    };
    Diagnostic::error(Code::UnknownCitation, format!("no bibliography entry has the key `{key}`"))
        .at(span)
        .with_help(help)
}
