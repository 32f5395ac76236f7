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
pub mod media;
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
pub mod strings;
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
    render::strings_check::check_site_strings(&site.config, &sources, &mut diagnostics);
    for language in site.config.languages.iter().skip(1) {
        let config = site.config.for_language(language);
        render::strings_check::check_site_strings(&config, &sources, &mut diagnostics);
    }
    search::site::check_help_page(&site, &sources, &mut diagnostics);
    let mut analysis = if site.config.is_multilingual() {
        resolve::resolve_languages(site, sources, diagnostics, options, timings)
    } else {
        resolve::resolve_site(site, sources, diagnostics, options, timings)
    };
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
    /// Images encoded by this build (resized copies and stripped originals).
    pub images_encoded: usize,
    /// Images whose files came from the cache beside the output.
    pub images_cached: usize,
    /// Warnings found while building (errors stop the build).
    pub warnings: Vec<Located>,
}

impl BuildReport {
    /// `built 34 articles, 52 terms, 4 paths in 41 ms -> public/`.
    pub fn summary(&self, out: &std::path::Path) -> String {
        use summary::plural;
        // Said only when the site has images, so other sites' output stays as it was.
        let total = self.images_encoded + self.images_cached;
        let images = match total {
            0 => String::new(),
            _ => format!(
                ", {} ({} encoded, {} from the cache)",
                plural(total, "image"),
                self.images_encoded,
                self.images_cached
            ),
        };
        format!(
            "built {}, {}, {}{images} in {} ms -> {}",
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
    if !analysis.languages.is_empty() {
        return build_languages(options, analysis, &tera, &theme);
    }
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
    staging.write_all(&render::site_files(&resolved, &theme)?)?;
    let images = encode_images(&analysis, options)?;
    staging.write_all(&images.files)?;
    let stats = staging.commit()?;
    timings.write = started.elapsed();
    Ok(BuildReport {
        images_encoded: images.encoded,
        images_cached: images.cached,
        ..report(&analysis, stats.files, timings)
    })
}

/// [`build`] for a multilingual site: every language's pages, search index and feed.
fn build_languages(
    options: &BuildOptions,
    mut analysis: Analysis,
    tera: &tera::Tera,
    theme: &render::templates::ThemeFiles,
) -> Result<BuildReport> {
    let started = Instant::now();
    let mut timings = analysis.timings;
    let staging = write::Staging::new(&options.out)?;
    let (search_time, files) = language_files(options, &mut analysis, tera, theme, true)?;
    staging.write_all(&files)?;
    timings.search = search_time;
    timings.search_alongside_render = true;
    timings.render = started.elapsed();
    let started = Instant::now();
    let images = encode_images(&analysis, options)?;
    staging.write_all(&images.files)?;
    let stats = staging.commit()?;
    timings.write = started.elapsed();
    Ok(BuildReport {
        images_encoded: images.encoded,
        images_cached: images.cached,
        ..report(&analysis, stats.files, timings)
    })
}

/// Every file of a multilingual site: each language's search index (built alongside the
/// pages), pages and "not translated yet" stand-ins, its feed, then the theme, static files
/// and one sitemap with every language's alternates.
/// `take_text`: a one-off build moves body text into the index; the dev server keeps it.
fn language_files(
    options: &BuildOptions,
    analysis: &mut Analysis,
    tera: &tera::Tera,
    theme: &render::templates::ThemeFiles,
    take_text: bool,
) -> Result<(Duration, Vec<OutputFile>)> {
    let mut others = std::mem::take(&mut analysis.languages);
    let mut texts: Vec<Option<search::TakenText>> = Vec::new();
    if take_text {
        texts.push(Some(search::take_text(analysis)));
        texts.extend(others.iter_mut().map(|a| Some(search::take_text(a))));
    }
    texts.resize_with(others.len() + 1, || None);
    let all: Vec<&Analysis> = std::iter::once(&*analysis).chain(others.iter()).collect();
    let mut resolved: Vec<Resolved<'_>> =
        all.iter().map(|a| Resolved::new(a, options, Vec::new())).collect();
    let languages = render::languages::Languages::new(&resolved.iter().collect::<Vec<_>>());
    for r in &mut resolved {
        r.languages = Some(&languages);
    }
    let (search, pages) = rayon::join(
        || {
            let started = Instant::now();
            let files: Vec<OutputFile> = all
                .iter()
                .zip(texts)
                .flat_map(|(a, text)| match text {
                    Some(text) => search::build_site_index_from(a, text),
                    None => search::build_site_index(a),
                })
                .collect();
            (started.elapsed(), files)
        },
        || -> Result<Vec<OutputFile>> {
            let mut files = Vec::new();
            for r in &resolved {
                let mut pages = render::all_pages(r);
                pages.extend(languages.missing_in(&r.site.config.language));
                files.extend(render::render_pages(r, tera, &pages)?);
            }
            Ok(files)
        },
    );
    let (search_time, mut files) = search;
    files.extend(pages?);
    files.extend(render::languages::site_files(&resolved, &languages, theme)?);
    drop(resolved);
    analysis.languages = others;
    Ok((search_time, files))
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
    if !prepared.analysis.languages.is_empty() {
        let Prepared { analysis, tera, theme } = &mut prepared;
        let started = Instant::now();
        let (search, mut files) = language_files(options, analysis, tera, theme, false)?;
        files.extend(encode_images(analysis, options)?.files);
        analysis.timings.search = search;
        analysis.timings.render = started.elapsed();
        return Ok((prepared, files));
    }
    let started = Instant::now();
    let search_files = search::build_site_index(&prepared.analysis);
    prepared.analysis.timings.search = started.elapsed();
    let started = Instant::now();
    let resolved = Resolved::new(&prepared.analysis, options, search_files);
    let mut files = render::render_site(&resolved, &prepared.tera, &prepared.theme)?;
    files.extend(encode_images(&prepared.analysis, options)?.files);
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

/// The site's images, resized and stripped of metadata, from the cache beside the output where
/// they were encoded before. A site without images touches no cache.
fn encode_images(analysis: &Analysis, options: &BuildOptions) -> Result<media::encode::Encoded> {
    let site = &analysis.site;
    if site.images.is_empty() {
        return Ok(media::encode::Encoded::default());
    }
    // An image beside the notes is published only where a note embeds it.
    let embedded: std::collections::HashSet<&str> = analysis
        .bodies
        .iter()
        .flat_map(|(_, b)| b.attachments.iter().map(String::as_str))
        .collect();
    let attachment: std::collections::HashSet<&str> =
        site.attachments.iter().map(|f| f.output.as_str()).collect();
    let images =
        site.images.only(|output| !attachment.contains(output) || embedded.contains(output));
    if images.is_empty() {
        return Ok(media::encode::Encoded::default());
    }
    let folder = write::CacheFolder::beside(&options.out)?;
    let cache = media::encode::ImageCache { dir: folder.dir().to_path_buf(), sink: &folder };
    media::encode::write_images(&images, &site.config.images, Some(&cache))
}

fn report(analysis: &Analysis, files: usize, timings: Timings) -> BuildReport {
    BuildReport {
        images_encoded: 0,
        images_cached: 0,
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

/// `attune translate status`: every translation with its state (fresh, never marked, or stale
/// with the changed sections), then the articles missing a translation.
pub fn translation_status(options: &BuildOptions) -> Result<String> {
    use check::translations::{missing_translations, states};
    use content::translation::Freshness;
    use std::fmt::Write as _;
    let analysis = analyse(options)?;
    let mut out = String::new();
    for state in states(&analysis) {
        let what = match &state.freshness {
            Freshness::Fresh => "fresh".to_string(),
            Freshness::Unmarked => "not marked (run `attune translate mark` once checked)".into(),
            Freshness::Stale { changed, removed } if changed.is_empty() && removed.is_empty() => {
                "stale".into()
            }
            Freshness::Stale { changed, removed } => {
                let mut all: Vec<String> = changed.iter().map(|c| format!("\"{c}\"")).collect();
                all.extend(removed.iter().map(|r| format!("removed {r}")));
                format!("stale: {}", all.join(", "))
            }
        };
        let _ = writeln!(out, "{}  {}  {what}", state.lang, state.translation.display());
    }
    for missing in missing_translations(&analysis) {
        let _ = writeln!(out, "missing: {}", missing.message);
    }
    if out.is_empty() {
        out.push_str("no translations: site.yaml declares one language\n");
    }
    Ok(out)
}

/// `attune translate mark`: records in each translation (`name.es.md`) the version of its
/// original (`name.md`) it now matches; with no files, every translation of the site. Returns
/// the files whose record changed.
pub fn mark_translations(
    options: &BuildOptions,
    files: &[std::path::PathBuf],
) -> Result<Vec<std::path::PathBuf>> {
    let targets: Vec<std::path::PathBuf> = if files.is_empty() {
        let analysis = analyse(options)?;
        let states = check::translations::states(&analysis);
        states.into_iter().map(|s| options.root.join(s.translation)).collect()
    } else {
        files.to_vec()
    };
    let mut marked = Vec::new();
    for file in targets {
        if content::translation::mark_file(&file)? {
            marked.push(file);
        }
    }
    Ok(marked)
}
