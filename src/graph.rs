//! Stage 3, resolve: the link graph built from every document's rendered facts: outgoing links,
//! backlinks with the sentence around each link, related articles, orphans, and the anchor
//! checks that need every document's headings.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::content::model::{DocId, DocKind, Site};
use crate::diagnostics::{Diagnostic, Diagnostics, Span};
use crate::links::Destination;
use crate::markdown::Rendered;

/// A link into a document from another one.
#[derive(Debug, Clone)]
pub struct Backlink {
    /// The linking document.
    pub from: DocId,
    /// The sentence around the first such link.
    pub context: String,
}

/// Who links to whom.
#[derive(Debug, Default)]
pub struct LinkGraph {
    /// Per document: distinct documents it links to, in order of first link.
    pub outgoing: Vec<Vec<DocId>>,
    /// Per document: documents linking to it, in document order.
    pub backlinks: Vec<Vec<Backlink>>,
}

impl LinkGraph {
    /// Builds the graph from rendered facts (`rendered[i]` belongs to document `i`).
    pub fn build(site: &Site, rendered: &[Rendered]) -> Self {
        let n = site.docs.len();
        let mut outgoing = vec![Vec::new(); n];
        let mut incoming: Vec<BTreeMap<DocId, String>> = vec![BTreeMap::new(); n];
        for (from, facts) in rendered.iter().enumerate() {
            let mut seen = HashSet::new();
            for link in &facts.links {
                if let Destination::Doc(to, _) = link.target {
                    if to.0 == from {
                        continue;
                    }
                    if seen.insert(to) {
                        outgoing[from].push(to);
                    }
                    incoming[to.0].entry(DocId(from)).or_insert_with(|| link.context.clone());
                }
            }
        }
        let backlinks = incoming
            .into_iter()
            .map(|map| map.into_iter().map(|(from, context)| Backlink { from, context }).collect())
            .collect();
        LinkGraph { outgoing, backlinks }
    }

    /// Related articles: the front matter's `related` first, then the strongest link
    /// neighbours (linked both ways, then one way, then sharing the most neighbours).
    pub fn related(&self, site: &Site, id: DocId, limit: usize) -> Vec<DocId> {
        let doc = site.doc(id);
        let mut out: Vec<DocId> = Vec::new();
        for slug in &doc.meta.related {
            if let Some(other) = site.doc_by_slug(slug) {
                if other != id && !out.contains(&other) {
                    out.push(other);
                }
            }
        }
        let linked_in: BTreeSet<DocId> = self.backlinks[id.0].iter().map(|b| b.from).collect();
        let linked_out: BTreeSet<DocId> = self.outgoing[id.0].iter().copied().collect();
        let mut scored: Vec<(usize, DocId)> = linked_in
            .union(&linked_out)
            .filter(|other| site.doc(**other).kind == DocKind::Article)
            .map(|&other| {
                let both = linked_in.contains(&other) && linked_out.contains(&other);
                let shared =
                    self.outgoing[other.0].iter().filter(|o| linked_out.contains(o)).count();
                (usize::from(both) * 100 + shared, other)
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (_, other) in scored {
            if out.len() >= limit {
                break;
            }
            if other != id && !out.contains(&other) {
                out.push(other);
            }
        }
        out.truncate(limit.max(doc.meta.related.len()));
        out
    }
}

/// Reports links to headings that do not exist (`[[empathy#nope]]`, `#nope`).
pub fn check_anchors(site: &Site, rendered: &[Rendered], diagnostics: &mut Diagnostics) {
    for (from, facts) in rendered.iter().enumerate() {
        for link in &facts.links {
            let (target, anchor) = match &link.target {
                Destination::Doc(to, Some(anchor)) => (to.0, anchor),
                Destination::SelfAnchor(anchor) if !anchor.is_empty() => (from, anchor),
                _ => continue,
            };
            let headings = &rendered[target].headings;
            let footnote = anchor.starts_with("fn-") || anchor.starts_with("fnref");
            if footnote || headings.iter().any(|h| &h.id == anchor) {
                continue;
            }
            let ids = headings.iter().map(|h| h.id.as_str());
            let diagnostic = Diagnostic::error(
                "broken-anchor",
                format!("`{}` has no heading `#{anchor}`", site.docs[target].slug),
            )
            .at(link.span)
            .with_suggestion(anchor, ids);
            let diagnostic = if diagnostic.help.is_none() {
                let list: Vec<&str> = headings.iter().map(|h| h.id.as_str()).take(8).collect();
                diagnostic.with_help(format!("its headings are: {}", list.join(", ")))
            } else {
                diagnostic
            };
            diagnostics.push(diagnostic);
        }
    }
}

/// Checks the `related` and `prerequisites` slugs of every article.
pub fn check_front_matter_slugs(
    site: &Site,
    sources: &crate::diagnostics::SourceMap,
    diagnostics: &mut Diagnostics,
) {
    let slugs: Vec<&str> =
        site.docs.iter().filter(|d| d.kind != DocKind::Home).map(|d| d.slug.as_str()).collect();
    for doc in &site.docs {
        for (key, list) in
            [("related", &doc.meta.related), ("prerequisites", &doc.meta.prerequisites)]
        {
            for slug in list {
                if site.doc_by_slug(slug).is_some() {
                    continue;
                }
                let text = &sources.get(doc.file).text;
                let yaml = (0, doc.body_offset.min(text.len()));
                let span =
                    crate::content::front_matter::find_value_span(text, yaml, key, slug, doc.file);
                diagnostics.push(
                    Diagnostic::error(
                        "broken-link",
                        format!("`{key}` names `{slug}`, which does not exist"),
                    )
                    .at(Span::new(doc.file, span.start, span.end))
                    .with_suggestion(slug, slugs.iter().copied()),
                );
            }
        }
    }
}

/// Articles with no link in from another document and on no reading path.
pub fn orphans(site: &Site, graph: &LinkGraph, on_paths: &HashSet<DocId>) -> Vec<DocId> {
    site.article_ids()
        .filter(|id| {
            let linked = graph.backlinks[id.0].iter().any(|b| b.from != *id);
            !linked && !on_paths.contains(id)
        })
        .collect()
}
