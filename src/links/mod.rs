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

/// The file an embed (`![[diagram.png]]`) shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmbeddedFile {
    /// A file under `static/`, by output path.
    Static(String),
    /// An image elsewhere under `content/`, by `content/`-relative path: published at that
    /// path because a note embeds it.
    Attachment(String),
}

impl EmbeddedFile {
    /// Where the file is in the source tree, as the ambiguity error names it.
    fn source(&self) -> String {
        match self {
            EmbeddedFile::Static(output) => format!("content/static/{output}"),
            EmbeddedFile::Attachment(path) => format!("content/{path}"),
        }
    }
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
    /// More than one document answers to the name (file name, title or alias), or more than
    /// one file under `static/` has the embedded file name.
    Ambiguous {
        /// What the author wrote.
        wanted: String,
        /// The candidates' `content/`-relative paths, sorted.
        paths: Vec<String>,
    },
    /// An Obsidian block reference (`[[note#^id]]`): attune links to headings only.
    BlockRef {
        /// What the author wrote.
        wanted: String,
    },
}

/// Lookup tables for resolving links, built once after loading.
#[derive(Debug, Default)]
pub struct LinkIndex {
    slugs: HashMap<String, DocId>,
    sources: HashMap<String, DocId>,
    terms: HashMap<String, TermId>,
    statics: HashMap<String, ()>,
    /// Images outside `static/`, by `content/`-relative path.
    attachments: std::collections::HashSet<String>,
    /// Documents by normalised file name, then by normalised title and alias (issue 27).
    names: NameIndex,
    broken: crate::content::broken::BrokenFiles,
}

/// The names editors link notes by: file names (`[[Second Article]]` for
/// `second-article.md`), titles and `aliases`, each normalised by [`name_key`].
#[derive(Debug, Default)]
struct NameIndex {
    files: HashMap<String, Vec<DocId>>,
    titles: HashMap<String, Vec<DocId>>,
    /// Static files and other images by lower-case file name, for `![[diagram.png]]`.
    embeddable: HashMap<String, Vec<EmbeddedFile>>,
}

impl NameIndex {
    fn new(site: &Site) -> Self {
        let mut index = NameIndex::default();
        let add = |map: &mut HashMap<String, Vec<DocId>>, name: &str, id: DocId| {
            let ids = map.entry(name_key(name)).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        };
        for (id, doc) in site.docs.iter_enumerated().filter(|(_, d)| d.kind != DocKind::Home) {
            add(&mut index.files, &doc.slug, id);
            add(&mut index.titles, &doc.meta.title, id);
            for alias in &doc.meta.aliases {
                add(&mut index.titles, alias, id);
            }
        }
        let statics = site.static_files.iter().map(|f| EmbeddedFile::Static(f.output.clone()));
        let others = site.attachments.iter().map(|f| EmbeddedFile::Attachment(f.output.clone()));
        for file in statics.chain(others) {
            let (EmbeddedFile::Static(path) | EmbeddedFile::Attachment(path)) = &file;
            let name = path.rsplit('/').next().unwrap_or(path).to_lowercase();
            index.embeddable.entry(name).or_default().push(file);
        }
        index
    }
}

/// A name as editors match it: case-insensitive, with spaces, underscores and hyphens alike.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        key.push(if c == ' ' || c == '_' { '-' } else { c });
    }
    key
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
        index.attachments = site.attachments.iter().map(|f| f.output.clone()).collect();
        index.names = NameIndex::new(site);
        index.broken = site.broken.clone();
        index
    }

    /// The document with this slug.
    pub fn doc(&self, slug: &str) -> Option<DocId> {
        self.slugs.get(slug).copied()
    }

    /// The document whose `content/`-relative source path this is.
    pub fn doc_at(&self, source_path: &str) -> Option<DocId> {
        self.sources.get(source_path).copied()
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
        if anchor.as_deref().is_some_and(|a| a.starts_with('^')) {
            return Err(LinkError::BlockRef { wanted: target.to_string() });
        }
        let anchor = anchor.map(heading_anchor);
        if slug.is_empty() {
            return Ok(Destination::SelfAnchor(anchor.unwrap_or_default()));
        }
        if let Some(id) = self.doc(slug) {
            return Ok(Destination::Doc(id, anchor));
        }
        match self.doc_by_name(slug) {
            Some(found) => found.map(|id| Destination::Doc(id, anchor)),
            None if self.broken.has_doc(slug) => Err(LinkError::Broken),
            None => Err(LinkError::MissingDoc { wanted: slug.to_string() }),
        }
    }

    /// A document by the name an editor links it by: its file name (case-insensitive; spaces,
    /// underscores and hyphens alike), else its title or an alias. `None` when nothing matches;
    /// an error naming every candidate when several do.
    fn doc_by_name(&self, name: &str) -> Option<Result<DocId, LinkError>> {
        let key = name_key(name);
        let ids = self.names.files.get(&key).or_else(|| self.names.titles.get(&key))?;
        Some(match ids.as_slice() {
            [id] => Ok(*id),
            _ => Err(LinkError::Ambiguous {
                wanted: name.to_string(),
                paths: self.source_paths(ids),
            }),
        })
    }

    fn source_paths(&self, ids: &[DocId]) -> Vec<String> {
        let mut paths: Vec<String> = self
            .sources
            .iter()
            .filter(|(_, id)| ids.contains(id))
            .map(|(path, _)| format!("content/{path}"))
            .collect();
        paths.sort();
        paths
    }

    /// The file an Obsidian embed names: by its path under `static/` or `content/`, else by
    /// file name alone (`![[diagram.png]]`) wherever it is under `content/`. `None` when no
    /// file matches; an error naming every candidate when several do.
    pub fn embedded_file(&self, written: &str) -> Option<Result<EmbeddedFile, LinkError>> {
        let path = written.trim().trim_start_matches('/');
        let under_static = path.strip_prefix("static/").unwrap_or(path);
        if self.has_static(under_static) {
            return Some(Ok(EmbeddedFile::Static(under_static.to_string())));
        }
        if self.attachments.contains(path) {
            return Some(Ok(EmbeddedFile::Attachment(path.to_string())));
        }
        let name = path.rsplit('/').next().unwrap_or(path);
        let files = self.names.embeddable.get(&name.to_lowercase())?;
        Some(match files.as_slice() {
            [one] => Ok(one.clone()),
            _ => {
                let mut paths: Vec<String> = files.iter().map(EmbeddedFile::source).collect();
                paths.sort();
                Err(LinkError::Ambiguous { wanted: name.to_string(), paths })
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

/// A wiki link's heading as written: an id (`in-teletherapy`) stays, heading text
/// (`In teletherapy`) becomes the id attune gives that heading.
fn heading_anchor(anchor: String) -> String {
    let is_id = anchor.chars().all(|c| c.is_lowercase() || c.is_numeric() || c == '-' || c == '_');
    if is_id { anchor } else { crate::url::slugify(&anchor) }
}

/// `slug#anchor` -> (`slug`, Some(`anchor`)).
pub fn split_anchor(target: &str) -> (&str, Option<String>) {
    match target.split_once('#') {
        Some((slug, anchor)) => (slug.trim(), Some(anchor.trim().to_string())),
        None => (target.trim(), None),
    }
}
