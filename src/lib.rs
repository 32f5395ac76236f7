//! attune builds a fast, accessible, searchable learning site from Markdown articles with YAML
//! front matter, a glossary and reading paths.
//!
//! The pipeline runs one way, each stage reading the previous stage's output:
//!
//! 1. **load** ([`content`]): walk `content/`, read every file once into the
//!    [`SourceMap`](diagnostics::SourceMap), parse `site.yaml` and all front matter.
//! 2. **resolve** ([`markdown`], [`links`], [`glossary`], [`paths`]): render each document's
//!    Markdown once, in parallel, resolving its links against the site's slugs and linking
//!    glossary terms; then build the link graph, check anchors, resolve reading paths.
//! 3. **search** ([`search`]): build the index from the facts rendering produced.
//! 4. **render** ([`render`]): compute every page's view and render it with tera.
//! 5. **write** ([`write`]): commit to a staging folder and swap it in.
//!
//! Content problems are collected as [`Diagnostic`](diagnostics::Diagnostic)s along the way,
//! so one run reports all of them; [`check`] adds the authoring lints on the same facts.

#![allow(
    clippy::result_large_err,
    reason = "a Diagnostic travels by value on the cold error path; boxing every one adds noise for no gain"
)]

pub mod check;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod error;
pub mod glossary;
pub mod graph;
mod hasher;
pub mod html;
pub mod links;
pub mod markdown;
pub mod output;
pub mod paths;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod url;
pub mod words;
pub mod write;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use content::model::{DocId, Site};
use diagnostics::{Diagnostics, Located, SourceMap};
use error::{Error, Result};
use links::LinkIndex;
use graph::LinkGraph;
use markdown::glossary_links::TermMatcher;
use markdown::{MarkdownContext, RenderTarget, Rendered};
use paths::{PathPlace, ResolvedPath};
use output::OutputFile;

/// Settings of one build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Overrides `base_url` from site.yaml.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Links end in `index.html` so the site works from `file://`.
    pub offline: bool,
    /// Live-reload endpoint injected by `serve`; `None` for `attune build`.
    pub live_reload: Option<String>,
    /// Keep what the authoring lints read (each article's prose); set by `attune check`.
    pub lints: bool,
}

impl BuildOptions {
    /// Defaults for a site folder: output in `<root>/public`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            out: root.join("public"),
            root,
            base_url: None,
            drafts: false,
            offline: false,
            live_reload: None,
            lints: false,
        }
    }
}

/// How long each stage took.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Reading files and front matter.
    pub load: Duration,
    /// Markdown, links, glossary, graph, paths.
    pub resolve: Duration,
    /// Search index.
    pub search: Duration,
    /// Templates.
    pub render: Duration,
    /// Writing and swapping.
    pub write: Duration,
    /// The search index was built while pages rendered: its time is inside `render`.
    pub search_alongside_render: bool,
}

impl Timings {
    /// The build's time: the sum of the stages that ran one after another.
    pub fn total(&self) -> Duration {
        let search = if self.search_alongside_render { Duration::ZERO } else { self.search };
        self.load + self.resolve + search + self.render + self.write
    }

    /// `load=1.2ms resolve=… total=…`, the line `ATTUNE_TIMINGS=1` prints.
    pub fn line(&self) -> String {
        let ms = |d: Duration| format!("{:.1}ms", d.as_secs_f64() * 1000.0);
        format!(
            "timings: load={} resolve={} search={} render={} write={} total={}",
            ms(self.load),
            ms(self.resolve),
            ms(self.search),
            ms(self.render),
            ms(self.write),
            ms(self.total())
        )
    }
}

/// Everything known about a site after loading and resolving, before any page is written.
pub struct Analysis {
    /// Every source text.
    pub sources: SourceMap,
    /// The loaded site.
    pub site: Site,
    /// Rendered facts per document (same index as `site.docs`).
    pub rendered: Vec<Rendered>,
    /// Rendered glossary bodies (same index as `site.terms`).
    pub term_bodies: Vec<Rendered>,
    /// Rendered path introductions (same index as `site.paths`).
    pub path_intros: Vec<Rendered>,
    /// Links between documents.
    pub graph: LinkGraph,
    /// Reading paths with resolved steps.
    pub paths: Vec<ResolvedPath>,
    /// Per document: its places on reading paths.
    pub places: Vec<Vec<PathPlace>>,
    /// Per term: the articles using it.
    pub used_in: Vec<Vec<DocId>>,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// Stage durations so far.
    pub timings: Timings,
}

impl Analysis {
    /// Documents on at least one reading path.
    pub fn on_paths(&self) -> HashSet<DocId> {
        self.paths.iter().flat_map(|p| p.steps.iter().map(|s| s.1)).collect()
    }
}

/// What the render stage reads: the analysis plus the build's settings and search files.
pub struct Resolved<'a> {
    /// The site.
    pub site: &'a Site,
    /// Facts per document.
    pub rendered: &'a [Rendered],
    /// Glossary bodies.
    pub term_bodies: &'a [Rendered],
    /// Path introductions.
    pub path_intros: &'a [Rendered],
    /// Link graph.
    pub graph: &'a LinkGraph,
    /// Resolved paths.
    pub paths: &'a [ResolvedPath],
    /// Places on paths.
    pub places: &'a [Vec<PathPlace>],
    /// Term usage.
    pub used_in: &'a [Vec<DocId>],
    /// Build settings.
    pub options: &'a BuildOptions,
    /// The search index files.
    pub search_files: Vec<OutputFile>,
}

/// Loads and resolves a site: every validation of `build`, without rendering pages.
pub fn analyse(options: &BuildOptions) -> Result<Analysis> {
    let started = Instant::now();
    let mut sources = SourceMap::default();
    let mut diagnostics = Diagnostics::default();
    let mut site = content::load_site(
        &options.root,
        &content::LoadOptions { drafts: options.drafts },
        &mut sources,
        &mut diagnostics,
    )?;
    if let Some(base_url) = &options.base_url {
        site.config.base_url = base_url.clone();
    }
    let mut timings = Timings { load: started.elapsed(), ..Timings::default() };

    let started = Instant::now();
    glossary::check_glossary(&site, &sources, &mut diagnostics);
    let index = LinkIndex::new(&site);
    let matcher = TermMatcher::new(&site.terms);
    let cx = MarkdownContext {
        site: &site,
        links: &index,
        terms: &matcher,
        offline: options.offline,
        raw_html: site.config.markdown.raw_html,
        keep_prose: options.lints,
    };
    let results: Vec<(Rendered, Vec<diagnostics::Diagnostic>)> = site
        .docs
        .par_iter()
        .map(|doc| {
            markdown::render_markdown(
                &cx,
                RenderTarget::for_doc(&site, doc, &sources.get(doc.file).text),
            )
        })
        .collect();
    let (rendered, notes): (Vec<_>, Vec<_>) = results.into_iter().unzip();
    notes.into_iter().for_each(|n| diagnostics.extend(n));
    let term_results: Vec<_> = site
        .terms
        .par_iter()
        .enumerate()
        .map(|(i, term)| {
            let text = &sources.get(term.file).text;
            markdown::render_markdown(
                &cx,
                RenderTarget {
                    file: term.file,
                    body: &text[term.body_offset..],
                    body_offset: term.body_offset,
                    source_path: "glossary/",
                    url: "glossary/",
                    autolink: false,
                    own_term: Some(i),
                },
            )
        })
        .collect();
    let (term_bodies, notes): (Vec<_>, Vec<_>) = term_results.into_iter().unzip();
    notes.into_iter().for_each(|n| diagnostics.extend(n));
    let intro_results: Vec<_> = site
        .paths
        .iter()
        .map(|path| {
            let text = &sources.get(path.file).text;
            let url = format!("paths/{}/", path.slug);
            let source_path = format!("paths/{}.md", path.slug);
            markdown::render_markdown(
                &cx,
                RenderTarget {
                    file: path.file,
                    body: &text[path.body_offset..],
                    body_offset: path.body_offset,
                    source_path: &source_path,
                    url: &url,
                    autolink: false,
                    own_term: None,
                },
            )
        })
        .collect();
    let (path_intros, notes): (Vec<_>, Vec<_>) = intro_results.into_iter().unzip();
    notes.into_iter().for_each(|n| diagnostics.extend(n));

    let graph = LinkGraph::build(&site, &rendered);
    graph::check_anchors(&site, &rendered, &mut diagnostics);
    graph::check_front_matter_slugs(&site, &sources, &mut diagnostics);
    let paths = paths::resolve_paths(&site, &sources, &mut diagnostics);
    let places = paths::places(&site, &paths);
    let used_in = glossary::used_in(&site, &rendered);
    timings.resolve = started.elapsed();
    Ok(Analysis {
        sources,
        site,
        rendered,
        term_bodies,
        path_intros,
        graph,
        paths,
        places,
        used_in,
        diagnostics,
        timings,
    })
}

/// The result of a successful build.
#[derive(Debug)]
pub struct BuildReport {
    /// Articles built.
    pub articles: usize,
    /// Glossary entries.
    pub terms: usize,
    /// Reading paths.
    pub paths: usize,
    /// Files written.
    pub files: usize,
    /// Stage durations.
    pub timings: Timings,
    /// Warnings found while building (errors stop the build).
    pub warnings: Vec<Located>,
}

impl BuildReport {
    /// `built 34 articles, 52 terms, 4 paths in 41 ms -> public/`.
    pub fn summary(&self, out: &std::path::Path) -> String {
        format!(
            "built {} articles, {} terms, {} paths in {} ms -> {}",
            self.articles,
            self.terms,
            self.paths,
            self.timings.total().as_millis(),
            out.display()
        )
    }
}

/// Builds the site into `options.out`. Content errors stop the build before anything is
/// written and come back as [`Error::Content`] with every diagnostic.
///
/// Pages are written into the staging folder as they are rendered, and the search index is
/// built and written alongside them (it needs nothing rendering produces), so the `render`
/// timing covers both and `search` is the part of it the index took; `write` is the rest of
/// the site's files and the swap.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    write::check_out_dir(&options.root, &options.out)?;
    let (mut analysis, tera, theme) = prepare(options)?;
    let started = Instant::now();
    let mut timings = analysis.timings;
    let text = search::take_text(&mut analysis);
    let staging = write::Staging::new(&options.out)?;
    let resolved = Resolved::new(&analysis, options, Vec::new());
    let (search_time, pages) = rayon::join(
        || -> Result<Duration> {
            let started = Instant::now();
            staging.write_all(&search::build_site_index_from(&analysis, text))?;
            Ok(started.elapsed())
        },
        || render::write_pages(&resolved, &tera, &render::all_pages(&resolved), &staging),
    );
    pages?;
    timings.search = search_time?;
    timings.search_alongside_render = true;
    timings.render = started.elapsed();
    let started = Instant::now();
    staging.write_all(&render::site_files(&resolved, &theme))?;
    let stats = staging.commit()?;
    timings.write = started.elapsed();
    Ok(report(&analysis, stats.files, timings))
}

/// Runs every stage except writing: the analysis and the files a build would write (the dev
/// server compares them with what is on disk).
pub fn build_files(options: &BuildOptions) -> Result<(Analysis, Vec<OutputFile>)> {
    let (mut analysis, tera, theme) = prepare(options)?;
    let started = Instant::now();
    let search_files = search::build_site_index(&analysis);
    analysis.timings.search = started.elapsed();
    let started = Instant::now();
    let resolved = Resolved::new(&analysis, options, search_files);
    let files = render::render_site(&resolved, &tera, &theme)?;
    analysis.timings.render = started.elapsed();
    Ok((analysis, files))
}

/// What rendering starts from: an analysis without errors, the templates and the theme.
fn prepare(
    options: &BuildOptions,
) -> Result<(Analysis, tera::Tera, render::templates::ThemeFiles)> {
    let mut analysis = analyse(options)?;
    fail_on_errors(&mut analysis)?;
    let tera = render::templates::load_templates(&options.root)?;
    let theme = render::templates::load_theme(&options.root)?;
    Ok((analysis, tera, theme))
}

impl<'a> Resolved<'a> {
    /// The render stage's view of an analysis.
    pub fn new(
        analysis: &'a Analysis,
        options: &'a BuildOptions,
        search_files: Vec<OutputFile>,
    ) -> Self {
        Resolved {
            site: &analysis.site,
            rendered: &analysis.rendered,
            term_bodies: &analysis.term_bodies,
            path_intros: &analysis.path_intros,
            graph: &analysis.graph,
            paths: &analysis.paths,
            places: &analysis.places,
            used_in: &analysis.used_in,
            options,
            search_files,
        }
    }
}

/// Turns collected errors into [`Error::Content`], sorted by file and line.
pub fn fail_on_errors(analysis: &mut Analysis) -> Result<()> {
    analysis.diagnostics.sort(&analysis.sources);
    if analysis.diagnostics.has_errors() {
        let located = analysis
            .diagnostics
            .items()
            .iter()
            .map(|d| diagnostics::locate(d, &analysis.sources))
            .collect();
        return Err(Error::Content { diagnostics: located });
    }
    Ok(())
}

fn report(analysis: &Analysis, files: usize, timings: Timings) -> BuildReport {
    BuildReport {
        articles: analysis.site.article_ids().count(),
        terms: analysis.site.terms.len(),
        paths: analysis.site.paths.len(),
        files,
        timings,
        warnings: analysis
            .diagnostics
            .items()
            .iter()
            .map(|d| diagnostics::locate(d, &analysis.sources))
            .collect(),
    }
}
