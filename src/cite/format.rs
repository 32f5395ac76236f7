//! Formatting with hayagriva: one driver run per document (so numeric styles number in order of
//! first citation and author-date styles disambiguate within the page), written out as HTML
//! by attune's own writer, which escapes every text (hayagriva's own HTML writer does not).

use std::fmt::Write as _;

use hayagriva::citationberg::taxonomy::Locator as CslLocator;
use hayagriva::citationberg::{FontStyle, FontVariant, FontWeight, VerticalAlign};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose, ElemChild,
    ElemChildren, Entry, LocatorPayload, SpecificLocator,
};

use super::Bibliography;
use super::parse::{Citation, Locator};
use crate::html::{escape_attr, escape_text};

/// One entry of a reference list, formatted in the site's style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormattedReference {
    /// The entry's key.
    pub key: String,
    /// The id of its list item on the page (`bib-bordin1979`); empty until placed.
    pub anchor: String,
    /// The reference as HTML (italics, links).
    pub html: String,
    /// The reference as plain text (for tooltips and search).
    pub text: String,
}

/// A document's citations and reference list, formatted.
#[derive(Debug, Clone, Default)]
pub struct Formatted {
    /// Each citation's in-text HTML, in the order given.
    pub citations: Vec<String>,
    /// The reference list, in the style's order.
    pub references: Vec<FormattedReference>,
}

impl Bibliography {
    /// Formats a document's citations (every key known) and its reference list.
    pub fn format(&self, citations: &[Citation]) -> Formatted {
        let mut driver = BibliographyDriver::new();
        for citation in citations {
            let items: Vec<CitationItem<'_, Entry>> = citation
                .items
                .iter()
                .filter_map(|item| {
                    let entry = self.library.get(&item.key)?;
                    let locator = item.locator.as_ref().map(|(kind, value)| {
                        SpecificLocator(csl_locator(*kind), LocatorPayload::Str(value))
                    });
                    let purpose = citation.bare.then_some(CitePurpose::Prose);
                    Some(CitationItem::new(entry, locator, None, false, purpose))
                })
                .collect();
            let locale = self.locale.clone();
            driver.citation(CitationRequest::new(items, &self.style, locale, &self.locales, None));
        }
        let locale = self.locale.clone();
        let rendered = driver.finish(BibliographyRequest::new(&self.style, locale, &self.locales));
        let citations = rendered.citations.iter().map(|c| html(&c.citation)).collect();
        let references = rendered
            .bibliography
            .map(|b| b.items)
            .unwrap_or_default()
            .into_iter()
            .map(|item| FormattedReference {
                html: html(&item.content),
                text: format!("{:#}", item.content),
                key: item.key,
                anchor: String::new(),
            })
            .collect();
        Formatted { citations, references }
    }

    /// The reference list of these keys alone (a packet's combined bibliography).
    pub fn references<'k>(
        &self,
        keys: impl IntoIterator<Item = &'k str>,
    ) -> Vec<FormattedReference> {
        let citations: Vec<Citation> = keys
            .into_iter()
            .map(|key| Citation {
                start: 0,
                end: 0,
                items: vec![super::CiteItem { key: key.to_string(), locator: None }],
                bare: false,
            })
            .collect();
        self.format(&citations).references
    }
}

fn csl_locator(kind: Locator) -> CslLocator {
    match kind {
        Locator::Page => CslLocator::Page,
        Locator::Chapter => CslLocator::Chapter,
        Locator::Section => CslLocator::Section,
        Locator::Paragraph => CslLocator::Paragraph,
    }
}

/// Formatted CSL output as escaped HTML.
fn html(children: &ElemChildren) -> String {
    let mut out = String::new();
    write_children(&mut out, children);
    out
}

fn write_children(out: &mut String, children: &ElemChildren) {
    for child in &children.0 {
        match child {
            ElemChild::Text(text) => write_formatted(out, &text.text, &text.formatting),
            ElemChild::Elem(elem) => write_children(out, &elem.children),
            ElemChild::Markup(markup) => out.push_str(&escape_text(markup)),
            ElemChild::Link { text, url } => {
                let _ = write!(out, "<a class=\"external\" href=\"{}\">", escape_attr(url));
                write_formatted(out, &text.text, &text.formatting);
                out.push_str("</a>");
            }
            ElemChild::Transparent { .. } => {}
        }
    }
}

fn write_formatted(out: &mut String, text: &str, formatting: &hayagriva::Formatting) {
    let tags: Vec<&str> = [
        (formatting.font_style == FontStyle::Italic).then_some("i"),
        (formatting.font_weight == FontWeight::Bold).then_some("b"),
        (formatting.font_variant == FontVariant::SmallCaps).then_some("span class=\"small-caps\""),
        (formatting.vertical_align == VerticalAlign::Sup).then_some("sup"),
        (formatting.vertical_align == VerticalAlign::Sub).then_some("sub"),
    ]
    .into_iter()
    .flatten()
    .collect();
    for tag in &tags {
        let _ = write!(out, "<{tag}>");
    }
    out.push_str(&escape_text(text));
    for tag in tags.iter().rev() {
        let name = tag.split(' ').next().unwrap_or(tag);
        let _ = write!(out, "</{name}>");
    }
}
