//! Stage 3, resolve: the link graph built from every document's rendered facts: outgoing links,
//! backlinks with the sentence around each link, related articles, orphans, and the anchor
//! checks that need every document's headings.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::content::model::{DocKind, Site};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span};
use crate::ids::{DocId, DocVec};
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
    pub outgoing: DocVec<Vec<DocId>>,
    /// Per document: documents linking to it, in document order.
    pub backlinks: DocVec<Vec<Backlink>>,
}

impl LinkGraph {
    /// Builds the graph from the documents' rendered facts. Glossary entries and path
    /// introductions are not pages a reader comes "from", so only documents' links count.
    pub fn build(site: &Site, rendered: &DocVec<Rendered>) -> Self {
        let mut outgoing: DocVec<Vec<DocId>> = site.docs.map(|_| Vec::new());
        let mut incoming: DocVec<BTreeMap<DocId, String>> = site.docs.map(|_| BTreeMap::new());
        for (from, facts) in rendered.iter_enumerated() {
            let mut seen = HashSet::new();
            for link in &facts.links {
                if let Destination::Doc(to, _) = link.target {
                    if to == from {
                        continue;
                    }
                    if seen.insert(to) {
                        outgoing[from].push(to);
                    }
                    incoming[to].entry(from).or_insert_with(|| link.context.clone());
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
        let linked_in: BTreeSet<DocId> = self.backlinks[id].iter().map(|b| b.from).collect();
        let linked_out: BTreeSet<DocId> = self.outgoing[id].iter().copied().collect();
        let mut scored: Vec<(usize, DocId)> = linked_in
            .union(&linked_out)
            .filter(|other| site.doc(**other).kind == DocKind::Article)
            .map(|&other| {
                let both = linked_in.contains(&other) && linked_out.contains(&other);
                let shared = self.outgoing[other].iter().filter(|o| linked_out.contains(o)).count();
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
                if site.doc_by_slug(slug).is_some() || site.broken.has_doc(slug) {
                    continue;
                }
                let text = &sources.get(doc.file).text;
                let yaml = (0, doc.body_offset.min(text.len()));
                let span =
                    crate::content::front_matter::find_value_span(text, yaml, key, slug, doc.file);
                diagnostics.push(
                    Diagnostic::error(
                        Code::BrokenLink,
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
            let linked = graph.backlinks[*id].iter().any(|b| b.from != *id);
            !linked && !on_paths.contains(id)
        })
        .collect()
}
