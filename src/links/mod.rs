//! Cross-links: classifying a link destination as written by an author (relative `.md` path,
//! `[[slug]]` wiki link, `[[term:slug]]`, fragment, external URL), resolving it against the
//! site's slugs, and computing relative URLs so the site works under any subpath.
//!
//! Resolution of slugs happens during the Markdown pass against maps built right after loading;
//! anchors are checked and the [`graph`] of backlinks is built once every article's facts exist.

use std::collections::HashMap;

use crate::content::model::{DocKind, Site};
use crate::ids::{DocId, TermId};
use crate::url::{is_external, normalise, percent_decode};

/// Where a link points, once resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Another document (article, page or home), with an optional heading anchor.
    Doc(DocId, Option<String>),
    /// A glossary entry by index.
    Term(TermId),
    /// A heading of the same document.
    SelfAnchor(String),
    /// A file under `static/`, by output path.
    Static(String),
    /// Outside the site; left as it is.
    External,
}

/// Why a link did not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// No document with that slug or path.
    MissingDoc {
        /// What the author wrote.
        wanted: String,
    },
    /// No glossary entry with that slug, term or alias.
    MissingTerm {
        /// What the author wrote.
        wanted: String,
    },
    /// A path that climbs out of `content/` or is absolute on disk.
    Escapes {
        /// What the author wrote.
        wanted: String,
    },
    /// The target exists but its front matter failed: that file's error is the one reported.
    Broken,
}

/// Lookup tables for resolving links, built once after loading.
#[derive(Debug, Default)]
pub struct LinkIndex {
    slugs: HashMap<String, DocId>,
    sources: HashMap<String, DocId>,
    terms: HashMap<String, TermId>,
    statics: HashMap<String, ()>,
    broken: crate::content::broken::BrokenFiles,
}

impl LinkIndex {
    /// Indexes slugs, source paths, glossary slugs/terms/aliases and static files.
    pub fn new(site: &Site) -> Self {
        let mut index = LinkIndex::default();
        for (id, doc) in site.docs.iter_enumerated() {
            if doc.kind != DocKind::Home {
                index.slugs.entry(doc.slug.clone()).or_insert(id);
            }
            index.sources.insert(doc.source_path.clone(), id);
        }
        for (i, term) in site.terms.iter_enumerated() {
            index.terms.entry(term.slug.clone()).or_insert(i);
            for name in std::iter::once(&term.meta.term).chain(&term.meta.aliases) {
                index.terms.entry(name.to_lowercase()).or_insert(i);
            }
        }
        for file in &site.static_files {
            index.statics.insert(file.output.clone(), ());
        }
        index.broken = site.broken.clone();
        index
    }

    /// The document with this slug.
    pub fn doc(&self, slug: &str) -> Option<DocId> {
        self.slugs.get(slug).copied()
    }

    /// Every known slug, for suggestions.
    pub fn slugs(&self) -> impl Iterator<Item = &str> {
        self.slugs.keys().map(String::as_str)
    }

    /// Every glossary slug, for suggestions.
    pub fn term_names(&self) -> impl Iterator<Item = &str> {
        self.terms.keys().map(String::as_str)
    }

    /// Whether `static/<path>` exists.
    pub fn has_static(&self, output: &str) -> bool {
        self.statics.contains_key(output)
    }

    /// Resolves a wiki link target (`empathy`, `empathy#heading`, `term:upr`).
    pub fn resolve_wiki(&self, target: &str) -> Result<Destination, LinkError> {
        let target = target.trim();
        if let Some(term) = target.strip_prefix("term:") {
            let key = term.trim();
            return self
                .terms
                .get(key)
                .or_else(|| self.terms.get(&key.to_lowercase()))
                .map(|&i| Destination::Term(i))
                .ok_or_else(|| match self.broken.has_term(key) {
                    true => LinkError::Broken,
                    false => LinkError::MissingTerm { wanted: key.to_string() },
                });
        }
        let (slug, anchor) = split_anchor(target);
        if slug.is_empty() {
            return Ok(Destination::SelfAnchor(anchor.unwrap_or_default()));
        }
        self.doc(slug).map(|id| Destination::Doc(id, anchor)).ok_or_else(|| {
            match self.broken.has_doc(slug) {
                true => LinkError::Broken,
                false => LinkError::MissingDoc { wanted: slug.to_string() },
            }
        })
    }

    /// Resolves a Markdown link destination written in `from` (a `content/`-relative source
    /// path such as `articles/components/empathy.md`).
    pub fn resolve_path(&self, dest: &str, from: &str) -> Result<Destination, LinkError> {
        if is_external(dest) {
            return Ok(Destination::External);
        }
        let (path, anchor) = split_anchor(dest);
        if path.is_empty() {
            return Ok(Destination::SelfAnchor(anchor.unwrap_or_default()));
        }
        let path = percent_decode(path);
        let joined = if let Some(rooted) = path.strip_prefix('/') {
            // Site-absolute: `/static/x.png`, `/img/x.png` or `/articles/...md`.
            Some(rooted.to_string())
        } else {
            let base = from.rsplit_once('/').map_or("", |(dir, _)| dir);
            normalise(&format!("{base}/{path}"))
        };
        let Some(joined) = joined else {
            return Err(LinkError::Escapes { wanted: dest.to_string() });
        };
        if joined.ends_with(".md") {
            return self.sources.get(&joined).map(|&id| Destination::Doc(id, anchor)).ok_or_else(
                || match self.broken.has_source(&joined) {
                    true => LinkError::Broken,
                    false => LinkError::MissingDoc { wanted: dest.to_string() },
                },
            );
        }
        let static_path = joined.strip_prefix("static/").unwrap_or(&joined).to_string();
        if self.has_static(&static_path) {
            return Ok(Destination::Static(static_path));
        }
        Err(LinkError::MissingDoc { wanted: dest.to_string() })
    }
}

/// `slug#anchor` -> (`slug`, Some(`anchor`)).
pub fn split_anchor(target: &str) -> (&str, Option<String>) {
    match target.split_once('#') {
        Some((slug, anchor)) => (slug.trim(), Some(anchor.trim().to_string())),
        None => (target.trim(), None),
    }
}
