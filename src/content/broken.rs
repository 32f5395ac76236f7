//! Known-but-broken files: documents, glossary entries and paths whose front matter failed to
//! load. Their error is reported once, where it is; links, path steps and `related` slugs that
//! name them resolve to "broken" and report nothing more, so one mistake gives one error
//! instead of a cascade of "no article `x`" with the real cause buried among them.

use std::collections::HashSet;

/// The slugs and source paths of every file under `content/` that did not load.
#[derive(Debug, Clone, Default)]
pub struct BrokenFiles {
    /// Article and page slugs.
    docs: HashSet<String>,
    /// `content/`-relative source paths of articles and pages (`articles/a/x.md`).
    sources: HashSet<String>,
    /// Glossary entry slugs.
    terms: HashSet<String>,
}

/// What kind of file failed, from its place under `content/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrokenKind {
    /// An article or a free page: linkable by slug and by path.
    Doc,
    /// A glossary entry: linkable as `[[term:slug]]` and named by `see_also`.
    Term,
    /// Anything else (home page, reading path): nothing links to it by slug.
    Other,
}

impl BrokenFiles {
    /// Records a file that failed to load: its kind and its `content/`-relative path.
    pub fn record(&mut self, kind: BrokenKind, source_path: &str) {
        let slug = source_path.rsplit('/').next().unwrap_or(source_path);
        let slug = slug.strip_suffix(".md").unwrap_or(slug).to_string();
        match kind {
            BrokenKind::Doc => {
                self.docs.insert(slug);
                self.sources.insert(source_path.to_string());
            }
            BrokenKind::Term => {
                self.terms.insert(slug);
            }
            BrokenKind::Other => {}
        }
    }

    /// Whether an article or page with this slug exists but failed to load.
    pub fn has_doc(&self, slug: &str) -> bool {
        self.docs.contains(slug)
    }

    /// Whether the article or page at this `content/`-relative path failed to load.
    pub fn has_source(&self, source_path: &str) -> bool {
        self.sources.contains(source_path)
    }

    /// Whether a glossary entry with this slug exists but failed to load.
    pub fn has_term(&self, slug: &str) -> bool {
        self.terms.contains(slug)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_docs_by_slug_and_path_and_terms_by_slug() {
        let mut broken = BrokenFiles::default();
        broken.record(BrokenKind::Doc, "articles/basics/empathy.md");
        broken.record(BrokenKind::Term, "glossary/upr.md");
        broken.record(BrokenKind::Other, "paths/start.md");
        assert!(broken.has_doc("empathy"));
        assert!(broken.has_source("articles/basics/empathy.md"));
        assert!(broken.has_term("upr"));
        assert!(!broken.has_doc("upr") && !broken.has_doc("start") && !broken.has_term("empathy"));
    }
}
