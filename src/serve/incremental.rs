//! Incremental rebuilds for the dev server. A [`Session`] keeps the last good analysis in
//! memory; an edit to one article re-renders that article's Markdown, recomputes the cheap
//! global facts (graph, anchors, paths, glossary use), works out which pages can show something
//! of it, re-renders only those, and rewrites only the files whose bytes changed.
//!
//! Anything whose effects are wide (site.yaml, templates, theme, glossary, paths, a new, deleted
//! or renamed file, a changed title or section) takes the full rebuild, which is still written
//! byte-diffed. Tests check that both routes give the same site.

use std::collections::{BTreeSet, HashSet};
use std::path::Path;
use std::time::{Duration, Instant};

use tera::Tera;

use crate::content::model::DocKind;
use crate::diagnostics::{Diagnostic, Diagnostics, FileId, Located, locate};
use crate::error::{Error, Result};
use crate::ids::DocId;
use crate::render::{Page, Resolved};
use crate::resolve::Owner;
use crate::write::LiveOutput;
use crate::{Analysis, BuildOptions};

/// What a rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Whether everything was rebuilt.
    pub full: bool,
    /// Pages rendered.
    pub pages: usize,
    /// Files whose bytes changed and were written.
    pub written: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// What the watcher saw, reduced to what a rebuild needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Nothing the site reads changed.
    Nothing,
    /// Only these existing articles changed.
    Articles(BTreeSet<FileId>),
    /// Rebuild everything.
    Full,
}

/// The dev server's build state.
pub struct Session {
    options: BuildOptions,
    analysis: Analysis,
    tera: Tera,
    theme: crate::render::templates::ThemeFiles,
    /// The live output folder.
    output: LiveOutput,
    /// The last rebuild failed; the next one must start from scratch.
    stale: bool,
    /// Pages were rebuilt but the search index not yet (see [`Session::update_search`]).
    search_stale: bool,
}

/// Documents reloaded from disk for an incremental rebuild.
struct Reloaded {
    changed: Vec<DocId>,
    /// Pages that showed something of the old versions.
    affected: BTreeSet<Page>,
    notes: Vec<Diagnostic>,
}

impl Session {
    /// Builds everything into `options.out` (created if needed).
    pub fn start(options: BuildOptions) -> Result<(Session, Rebuilt)> {
        let started = Instant::now();
        let (prepared, files) = crate::prepare_files(&options)?;
        let mut session = Session {
            output: LiveOutput::new(&options.out),
            options,
            analysis: prepared.analysis,
            tera: prepared.tera,
            theme: prepared.theme,
            stale: false,
            search_stale: false,
        };
        let written = session.output.update(&files, true)?;
        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        Ok((session, Rebuilt { full: true, pages, written, elapsed: started.elapsed() }))
    }

    /// The current analysis (last good state).
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Decides how to rebuild for a set of changed paths (absolute or relative to the root).
    pub fn plan(&self, changed: &BTreeSet<std::path::PathBuf>) -> Plan {
        if self.stale {
            return Plan::Full;
        }
        let mut articles = BTreeSet::new();
        for path in changed {
            match classify(&self.options.root, path) {
                Change::Ignored => {}
                Change::Content(relative) => {
                    let known = self.analysis.sources.find(Path::new(&relative));
                    let article = known.and_then(|file| {
                        self.analysis
                            .site
                            .docs
                            .iter()
                            .find(|d| d.file == file && d.kind == DocKind::Article)
                    });
                    match article {
                        Some(doc) if self.options.root.join(&relative).is_file() => {
                            articles.insert(doc.file);
                        }
                        _ => return Plan::Full,
                    }
                }
                Change::Everything => return Plan::Full,
            }
        }
        // A multilingual site's languages share documents (an untranslated article appears in
        // every language's links), so an edit there takes the full route.
        let multilingual = !self.analysis.languages.is_empty();
        match (articles.is_empty(), multilingual) {
            (true, _) => Plan::Nothing,
            (false, true) => Plan::Full,
            (false, false) => Plan::Articles(articles),
        }
    }

    /// Applies a plan. Content errors come back as [`Error::Content`]; the last good output
    /// stays on disk and the next rebuild starts from scratch.
    pub fn rebuild(&mut self, plan: &Plan) -> Result<Option<Rebuilt>> {
        let outcome = match plan {
            Plan::Nothing => return Ok(None),
            Plan::Full => self.rebuild_all(),
            Plan::Articles(files) => match self.rebuild_articles(files) {
                Ok(Some(rebuilt)) => Ok(rebuilt),
                Ok(None) => self.rebuild_all(),
                Err(error) => Err(error),
            },
        };
        self.stale = outcome.is_err();
        outcome.map(Some)
    }

    /// Brings the search index up to date after an incremental rebuild; returns the files
    /// written. The dev server calls this right after telling browsers to reload.
    pub fn update_search(&mut self) -> Result<usize> {
        if !self.search_stale {
            return Ok(0);
        }
        let files = crate::search::build_site_index(&self.analysis);
        self.search_stale = false;
        self.output.update(&files, false)
    }

    /// Everything again, with templates and theme compiled once.
    fn rebuild_all(&mut self) -> Result<Rebuilt> {
        self.search_stale = false;
        let started = Instant::now();
        let (prepared, files) = crate::prepare_files(&self.options)?;
        self.analysis = prepared.analysis;
        self.tera = prepared.tera;
        self.theme = prepared.theme;
        let written = self.output.update(&files, true)?;
        let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
        Ok(Rebuilt { full: true, pages, written, elapsed: started.elapsed() })
    }

    /// The incremental route; `Ok(None)` means "this edit needs a full rebuild".
    fn rebuild_articles(&mut self, files: &BTreeSet<FileId>) -> Result<Option<Rebuilt>> {
        let started = Instant::now();
        let before: HashSet<Page> = {
            let resolved = Resolved::new(&self.analysis, &self.options, Vec::new());
            crate::render::all_pages(&resolved).into_iter().collect()
        };
        let Some(Reloaded { mut changed, mut affected, notes }) = self.reload(files)? else {
            return Ok(None);
        };
        let Some(hosts) = self.embedding_hosts(&changed) else { return Ok(None) };
        changed.extend(hosts);
        let mut diagnostics = self.analysis.rerender_docs(&changed, &self.options);
        diagnostics.extend(notes);
        if diagnostics.has_errors() {
            return Err(self.content_error(diagnostics.into_vec()));
        }
        for &id in &changed {
            let doc = self.analysis.site.doc(id);
            let (tags, section) = (doc.meta.tags.clone(), doc.section.clone());
            affected.extend(self.dependents(id, &tags, &section));
        }
        // The search index is rebuilt after the reload (see `update_search`): re-indexing every
        // document would cost more than the whole rest of an incremental rebuild.
        let resolved = Resolved::new(&self.analysis, &self.options, Vec::new());
        let existing: HashSet<Page> = crate::render::all_pages(&resolved).into_iter().collect();
        if !before.is_subset(&existing) {
            // A page went away (the last article with a tag lost it): the full route removes
            // its file; writing only the affected pages would leave it behind.
            return Ok(None);
        }
        let pages: Vec<Page> = affected.into_iter().filter(|p| existing.contains(p)).collect();
        let mut files = crate::render::render_pages(&resolved, &self.tera, &pages)?;
        files.extend(crate::render::site_files(&resolved, &self.theme)?);
        let written = self.output.update(&files, false)?;
        self.search_stale = true;
        Ok(Some(Rebuilt { full: false, pages: pages.len(), written, elapsed: started.elapsed() }))
    }

    /// Reads the changed articles again into the site; `Ok(None)` when an edit reaches beyond
    /// the article's own pages (its URL, title or draft state changed).
    fn reload(&mut self, files: &BTreeSet<FileId>) -> Result<Option<Reloaded>> {
        let mut reloaded =
            Reloaded { changed: Vec::new(), affected: BTreeSet::new(), notes: Vec::new() };
        for &file in files {
            let Some(id) = self.analysis.site.docs.position(|d| d.file == file) else {
                return Ok(None);
            };
            let old = self.analysis.site.docs[id].clone();
            let config = self.analysis.site.config.clone();
            let (doc, more) = crate::content::reload_article(
                &self.options.root,
                file,
                &mut self.analysis.sources,
                &config,
            )?;
            reloaded.notes.extend(more);
            let doc = match doc {
                Ok(doc) => doc,
                Err(diagnostic) => {
                    reloaded.notes.push(diagnostic);
                    return Err(self.content_error(reloaded.notes));
                }
            };
            let wide = doc.url != old.url
                || doc.meta.title != old.meta.title
                || doc.meta.draft != old.meta.draft
                || doc.meta.draft && !self.options.drafts;
            if wide {
                return Ok(None);
            }
            reloaded.affected.extend(self.dependents(id, &old.meta.tags, &old.section));
            self.analysis.site.docs[id] = doc;
            reloaded.changed.push(id);
        }
        Ok(Some(reloaded))
    }

    /// The documents whose bodies include one of `changed` (`![[note]]`, directly or through
    /// other embeds): they are re-rendered with it. `None` when a glossary entry or a path
    /// introduction includes one: the full route renders those.
    fn embedding_hosts(&self, changed: &[DocId]) -> Option<Vec<DocId>> {
        let mut hosts = Vec::new();
        for (owner, body) in self.analysis.bodies.iter() {
            if !body.embedded.iter().any(|note| changed.contains(note)) {
                continue;
            }
            match owner {
                Owner::Doc(id) if !changed.contains(&id) => hosts.push(id),
                Owner::Doc(_) => {}
                Owner::Term(_) | Owner::Path(_) => return None,
            }
        }
        Some(hosts)
    }

    /// Every page that can show something of document `id` in its current state.
    fn dependents(&self, id: DocId, tags: &[String], section: &str) -> BTreeSet<Page> {
        let a = &self.analysis;
        let mut pages = BTreeSet::from([
            Page::Doc(id),
            Page::Section(section.to_string()),
            Page::Glossary,
            Page::Map,
            Page::Paths,
            Page::Tags,
        ]);
        if let Some(home) = a.site.docs.position(|d| d.kind == DocKind::Home) {
            pages.insert(Page::Doc(home));
        }
        pages.extend(a.graph.backlinks[id].iter().map(|b| Page::Doc(b.from)));
        pages.extend(a.graph.outgoing[id].iter().map(|o| Page::Doc(*o)));
        let slug = &a.site.doc(id).slug;
        for (other_id, other) in a.site.docs.iter_enumerated() {
            if other.meta.related.contains(slug) || other.meta.prerequisites.contains(slug) {
                pages.insert(Page::Doc(other_id));
            }
        }
        for place in &a.places[id] {
            pages.insert(Page::Path(place.path));
            pages.insert(Page::Packet(place.path));
            let steps = &a.paths[place.path].steps;
            if steps.iter().any(|(_, step)| !a.bodies.doc(*step).quizzes.is_empty()) {
                pages.insert(Page::Key(place.path));
            }
            pages.extend(place.previous.map(Page::Doc));
            pages.extend(place.next.map(Page::Doc));
        }
        pages.extend(tags.iter().map(|t| Page::Tag(crate::url::slugify(t))));
        let linked: Vec<(DocId, usize)> = a.graph.outgoing[id]
            .iter()
            .map(|&o| (o, crate::render::backlink_sources(&a.site, &a.graph, o).len()))
            .collect();
        pages.extend(crate::render::listing_pages(&a.site.config.limits, &a.used_in, &linked));
        pages
    }

    fn content_error(&self, diagnostics: Vec<Diagnostic>) -> Error {
        let mut collected = Diagnostics::default();
        collected.extend(diagnostics);
        collected.sort(&self.analysis.sources);
        let located: Vec<Located> =
            collected.items().iter().map(|d| locate(d, &self.analysis.sources)).collect();
        Error::Content { diagnostics: located }
    }
}

/// What kind of change a path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Not something the site reads (editor temp files, the output folder, other files).
    Ignored,
    /// A Markdown file under `content/`, by its path relative to the root.
    Content(String),
    /// site.yaml, a template, a theme file, a static file or an image a note may embed.
    Everything,
}

/// Classifies one changed path (absolute, or relative to `root`).
pub fn classify(root: &Path, path: &Path) -> Change {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    let Some(name) = parts.last() else { return Change::Ignored };
    let temporary = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    if temporary {
        return Change::Ignored;
    }
    match parts.first().map(String::as_str) {
        Some("templates" | "theme") => Change::Everything,
        Some("content") => match parts.get(1).map(String::as_str) {
            Some("site.yaml" | "site.yml" | "static") => Change::Everything,
            _ if name.ends_with(".md") => Change::Content(parts.join("/")),
            // An image a note may embed (`![[diagram.png]]`): which pages show it, and whether
            // it is published, is the full route's to work out.
            _ if crate::content::is_attachment_name(name) => Change::Everything,
            // A folder event (a section renamed or removed) can change any page.
            _ if !name.contains('.') => Change::Everything,
            _ => Change::Ignored,
        },
        _ => Change::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_watcher_paths() {
        let root = Path::new("/site");
        assert_eq!(
            classify(root, Path::new("/site/content/articles/a/x.md")),
            Change::Content("content/articles/a/x.md".into())
        );
        assert_eq!(classify(root, Path::new("/site/content/site.yaml")), Change::Everything);
        assert_eq!(classify(root, Path::new("/site/templates/base.html")), Change::Everything);
        assert_eq!(classify(root, Path::new("/site/theme/style.css")), Change::Everything);
        assert_eq!(classify(root, Path::new("/site/content/static/img/a.png")), Change::Everything);
        assert_eq!(
            classify(root, Path::new("/site/content/articles/a/diagram.png")),
            Change::Everything
        );
        assert_eq!(
            classify(root, Path::new("/site/content/articles/a/notes.txt")),
            Change::Ignored
        );
        assert_eq!(
            classify(root, Path::new("/site/content/articles/a/.x.md.swp")),
            Change::Ignored
        );
        assert_eq!(classify(root, Path::new("/site/content/articles/a/x.md~")), Change::Ignored);
        assert_eq!(classify(root, Path::new("/site/content/articles/a/4913")), Change::Ignored);
        assert_eq!(classify(root, Path::new("/site/public/index.html")), Change::Ignored);
        assert_eq!(
            classify(root, Path::new("/site/content/articles/new-section")),
            Change::Everything
        );
    }
}
