//! The glossary: checks that every term and alias names one entry, resolves `see_also`, and
//! works out which articles use each term (for "Used in") from the rendered facts.

use std::collections::HashMap;

use crate::content::front_matter::find_value_span;
use crate::content::model::{DocKind, Site};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceMap};
use crate::ids::{DocId, DocVec, TermId, TermVec};
use crate::markdown::Rendered;

/// Reports duplicate terms or aliases and `see_also` slugs that name no entry.
pub fn check_glossary(site: &Site, sources: &SourceMap, diagnostics: &mut Diagnostics) {
    let mut owners: HashMap<String, TermId> = HashMap::new();
    for (index, term) in site.terms.iter_enumerated() {
        let text = &sources.get(term.file).text;
        let yaml = (0, term.body_offset.min(text.len()));
        let names = std::iter::once(("term", &term.meta.term))
            .chain(term.meta.aliases.iter().map(|a| ("aliases", a)));
        for (key, name) in names {
            let normal = name.trim().to_lowercase();
            if normal.is_empty() {
                continue;
            }
            match owners.get(&normal) {
                Some(&other) if other != index => {
                    let span = find_value_span(text, yaml, key, name, term.file);
                    let first = &site.terms[other];
                    diagnostics.push(
                        Diagnostic::error(Code::DuplicateTerm,
                            format!("`{name}` already names the entry `{}` ({})", first.meta.term, sources.get(first.file).path.display()),
                        )
                        .at(span)
                        .with_help("each term and alias must point to one entry, so automatic links are unambiguous: remove or reword one"),
                    );
                }
                Some(_) => {}
                None => {
                    owners.insert(normal, index);
                }
            }
        }
        for slug in &term.meta.see_also {
            if !site.terms.iter().any(|t| &t.slug == slug) && !site.broken.has_term(slug) {
                let span = find_value_span(text, yaml, "see_also", slug, term.file);
                diagnostics.push(
                    Diagnostic::error(
                        Code::UnknownTerm,
                        format!("`see_also` names `{slug}`, which is not a glossary entry"),
                    )
                    .at(span)
                    .with_suggestion(slug, site.terms.iter().map(|t| t.slug.as_str())),
                );
            }
        }
    }
}

/// For each term, the articles that mention it, in document order.
pub fn used_in(site: &Site, rendered: &DocVec<Rendered>) -> TermVec<Vec<DocId>> {
    let mut used: TermVec<Vec<DocId>> = site.terms.map(|_| Vec::new());
    for (doc, facts) in rendered.iter_enumerated() {
        if site.doc(doc).kind != DocKind::Article {
            continue;
        }
        for &term in &facts.terms {
            used[term].push(doc);
        }
    }
    used
}

/// The A-Z letter a term is filed under (`#` for digits and symbols).
pub fn letter(term: &str) -> char {
    crate::content::sort_key(term)
        .chars()
        .next()
        .filter(|c| c.is_alphabetic())
        .map_or('#', |c| c.to_uppercase().next().unwrap_or(c))
}
