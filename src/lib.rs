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
pub mod cite;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod error;
pub mod export;
pub mod glossary;
pub mod graph;
mod hasher;
pub mod html;
pub mod ids;
pub mod links;
pub mod markdown;
pub mod options;
pub mod output;
pub mod palette;
pub mod paths;
pub mod progress;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod summary;
pub mod url;
pub mod words;
pub mod write;

use std::time::{Duration, Instant};

use diagnostics::{Diagnostics, Located, SourceMap};
use error::{Error, Result};
use output::OutputFile;
use render::Resolved;

pub use options::{BuildOptions, Timings};
pub use resolve::Analysis;

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
    // The site's own templates and theme files: broken, stale or unknown overrides.
    render::overrides::check_overrides(&options.root, &mut sources, &mut diagnostics);
    search::site::check_help_page(&site, &sources, &mut diagnostics);
    let mut analysis = resolve::resolve_site(site, sources, diagnostics, options, timings);
    timings.resolve = started.elapsed();
    analysis.timings = timings;
    Ok(analysis)
}

/// `attune check`: every validation and lint on the site, writing nothing.
pub fn check(options: &BuildOptions) -> Result<check::CheckReport> {
    let analysis = analyse(&BuildOptions { lints: true, ..options.clone() })?;
    Ok(check::report(analysis, content::model::Date::today()))
}

/// `attune check --readability`: every article's grade by three formulas.
pub fn readability_report(options: &BuildOptions) -> Result<String> {
    let analysis = analyse(&BuildOptions { lints: true, ..options.clone() })?;
    Ok(check::readability_report(&analysis))
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
        use summary::plural;
        format!(
            "built {}, {}, {} in {} ms -> {}",
            plural(self.articles, "article"),
            plural(self.terms, "term"),
            plural(self.paths, "path"),
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
    let Prepared { mut analysis, tera, theme } = prepare(options)?;
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

/// Everything rendering starts from: an analysis without errors, the compiled templates and
/// the theme files.
pub struct Prepared {
    /// The analysed site.
    pub analysis: Analysis,
    /// The site's templates, compiled.
    pub tera: tera::Tera,
    /// The theme's files.
    pub theme: render::templates::ThemeFiles,
}

/// Runs every stage except writing: the analysis, templates and theme, and the files a build
/// would write (the dev server writes only those whose bytes changed).
pub fn prepare_files(options: &BuildOptions) -> Result<(Prepared, Vec<OutputFile>)> {
    let mut prepared = prepare(options)?;
    let started = Instant::now();
    let search_files = search::build_site_index(&prepared.analysis);
    prepared.analysis.timings.search = started.elapsed();
    let started = Instant::now();
    let resolved = Resolved::new(&prepared.analysis, options, search_files);
    let files = render::render_site(&resolved, &prepared.tera, &prepared.theme)?;
    prepared.analysis.timings.render = started.elapsed();
    Ok((prepared, files))
}

/// What rendering starts from: an analysis without errors, the templates and the theme.
fn prepare(options: &BuildOptions) -> Result<Prepared> {
    let mut analysis = analyse(options)?;
    fail_on_errors(&mut analysis)?;
    let tera = render::templates::load_templates(&options.root)?;
    let theme = render::templates::load_theme(&options.root)?;
    Ok(Prepared { analysis, tera, theme })
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
