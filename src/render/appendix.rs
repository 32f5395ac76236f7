//! What a reading path carries besides its steps, shared by the printable packet and the
//! exporters: the glossary appendix (the terms its articles use) and the combined references.
//! Also one rendered body with its links rewritten for another URL, so an exporter places an
//! article's HTML without rendering its Markdown again.

use std::collections::HashSet;

use crate::ids::{PathId, TermId};
use crate::render::Resolved;
use crate::render::context::ReferenceView;
use crate::resolve::Owner;

/// A path's glossary appendix and references.
#[derive(Debug, Clone)]
pub struct Appendix {
    /// The terms the path's articles use, A to Z.
    pub terms: Vec<TermId>,
    /// Every step's references, deduplicated by text and sorted.
    pub references: Vec<ReferenceView>,
}

/// The glossary appendix and combined references of a path, from every step's article.
pub fn path_appendix(r: &Resolved<'_>, path: PathId) -> Appendix {
    let steps = &r.paths[path].steps;
    let mut seen = HashSet::new();
    let mut terms: Vec<TermId> = steps
        .iter()
        .flat_map(|(_, id)| r.bodies.doc(*id).terms.iter().copied())
        .filter(|t| seen.insert(*t))
        .collect();
    terms.sort_by_key(|t| crate::content::sort_key(&r.site.terms[*t].meta.term));
    let mut seen_refs = HashSet::new();
    let mut written: Vec<ReferenceView> = steps
        .iter()
        .flat_map(|(_, id)| r.site.doc(*id).meta.references.iter())
        .filter(|reference| reference.cite.is_none() && seen_refs.insert(reference.text.clone()))
        .map(ReferenceView::new)
        .collect();
    written.sort_by(|a, b| a.text.cmp(&b.text));
    let mut references = crate::render::course::packet_bibliography(r, steps);
    references.extend(written);
    Appendix { terms, references }
}

/// The URL a body was rendered for: its relative links start there.
fn body_url(r: &Resolved<'_>, owner: Owner) -> String {
    match owner {
        Owner::Doc(id) => r.site.doc(id).url.clone(),
        Owner::Term(_) => "glossary/".to_string(),
        Owner::Path(id) => format!("paths/{}/", r.site.paths[id].slug),
    }
}

/// One rendered body (an article, an entry, a path's introduction) with its relative links
/// rewritten to work from `url`; with `url` empty they become site-root-relative
/// (`images/a.png`, `articles/x/y/#h`), which is what the exporters map into their archives.
pub fn body_at(r: &Resolved<'_>, owner: Owner, url: &str) -> String {
    let from = body_url(r, owner);
    crate::url::rebase(&r.bodies.get(owner).html, &from, url, false)
}
