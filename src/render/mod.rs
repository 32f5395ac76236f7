//! Stage 4, render pages: turns the resolved site into a list of [`OutputFile`]s, one per page,
//! feed, index or asset, rendered in parallel with tera from views computed up front.
//! Writing them to disk is [`write`]'s job.

pub mod appendix;
pub mod context;
pub mod course;
pub mod feeds;
pub mod languages;
pub mod map;
mod minify;
mod not_found;
pub mod overrides;
mod pages;
mod paginate;
pub mod print;
pub use crate::strings;
pub mod strings_check;
mod strings_filters;
mod strings_js;
mod template_check;
pub mod templates;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use tera::Tera;

use crate::content::model::{DocKind, Site};
use crate::error::Result;
use crate::graph::LinkGraph;
use crate::ids::{DocId, DocVec, PathId, PathVec, TermId, TermVec};
use crate::options::BuildOptions;
use crate::output::{OutputBody, OutputFile};
use crate::paths::{PathPlace, ResolvedPath};
use crate::resolve::{Analysis, Bodies};

/// What the render stage reads: the analysis plus the build's settings and search files (the
/// render stage owns its context, as mdBook's renderer owns its `RenderContext`).
pub struct Resolved<'a> {
    /// The site.
    pub site: &'a Site,
    /// Every rendered body.
    pub bodies: &'a Bodies,
    /// Link graph.
    pub graph: &'a LinkGraph,
    /// Resolved paths.
    pub paths: &'a PathVec<ResolvedPath>,
    /// Places on paths.
    pub places: &'a DocVec<Vec<PathPlace>>,
    /// Term usage.
    pub used_in: &'a TermVec<Vec<DocId>>,
    /// Build settings.
    pub options: &'a BuildOptions,
    /// The search index files.
    pub search_files: Vec<OutputFile>,
    /// The site's bibliography, when it has one.
    pub bibliography: Option<&'a crate::cite::Bibliography>,
    /// A multilingual site's pages in every language (alternates, switcher); `None` for a
    /// monolingual site.
    pub languages: Option<&'a languages::Languages>,
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
            bodies: &analysis.bodies,
            graph: &analysis.graph,
            paths: &analysis.paths,
            places: &analysis.places,
            used_in: &analysis.used_in,
            options,
            search_files,
            bibliography: analysis.resolver.bibliography.as_ref(),
            languages: None,
        }
    }
}

/// One page of the site; the unit the dev server re-renders after an edit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Page {
    /// An article, free page or the home page.
    Doc(DocId),
    /// A section listing, by section id.
    Section(String),
    /// The A-Z glossary.
    Glossary,
    /// A reading path, by index.
    Path(PathId),
    /// A path's printable packet, by index.
    Packet(PathId),
    /// The answer key to a path's knowledge checks, by index (only paths that have them).
    Key(PathId),
    /// The list of paths.
    Paths,
    /// The search page.
    Search,
    /// Page 2, 3, … of a section listing longer than `limits.page_size`.
    SectionPage(String, usize),
    /// A tag listing, by tag slug.
    Tag(String),
    /// Page 2, 3, … of a tag listing longer than `limits.page_size`.
    TagPage(String, usize),
    /// The list of tags.
    Tags,
    /// The concept map.
    Map,
    /// Page 1, 2, … of every article using a glossary term, when the glossary lists more
    /// than `limits.list_cap` of them (very large sites).
    UsedIn(TermId, usize),
    /// Page 1, 2, … of every page linking to a document, when it has more backlinks than
    /// `limits.list_cap`.
    LinkedFrom(DocId, usize),
    /// 404.html.
    NotFound,
    /// A multilingual site's stand-in for a page not translated into this language yet: a
    /// notice linking to the original, at the URL the translation would have.
    Untranslated(String),
}

/// Every page of the site. Listings come first: a section of 10,000 articles is one long
/// page, and started last it would keep one core busy after the others ran out of pages.
pub fn all_pages(r: &Resolved<'_>) -> Vec<Page> {
    let size = r.site.config.limits.page_size;
    let mut pages: Vec<Page> = Vec::new();
    for section in sections(r) {
        let more = paginate::page_count(section.articles.len(), size);
        pages.extend((2..=more).map(|n| Page::SectionPage(section.id.clone(), n)));
        pages.push(Page::Section(section.id));
    }
    for (tag, articles) in tags(r) {
        let more = paginate::page_count(articles.len(), size);
        pages.extend((2..=more).map(|n| Page::TagPage(tag.clone(), n)));
        pages.push(Page::Tag(tag));
    }
    pages.extend(listing_pages(&r.site.config.limits, r.used_in, &backlink_sources_all(r)));
    pages.extend([
        Page::Map,
        Page::Glossary,
        Page::Paths,
        Page::Tags,
        Page::Search,
        Page::NotFound,
    ]);
    pages.extend(r.site.paths.ids().flat_map(|i| [Page::Path(i), Page::Packet(i)]));
    pages.extend(r.site.paths.ids().filter(|i| course::path_has_quizzes(r, *i)).map(Page::Key));
    // An untranslated original in another language's view has no page there.
    let own = r.site.docs.iter_enumerated().filter(|(_, d)| !d.foreign);
    pages.extend(own.map(|(id, _)| Page::Doc(id)));
    pages
}

/// The full lists behind capped "used in" and "Linked from" lists, every page of each.
pub fn listing_pages(
    limits: &crate::config::LimitConfig,
    used_in: &TermVec<Vec<DocId>>,
    linked_from: &[(DocId, usize)],
) -> Vec<Page> {
    let pages = |count: usize| 1..=paginate::page_count(count, limits.page_size);
    let mut out = Vec::new();
    for (term, docs) in used_in.iter_enumerated().filter(|(_, d)| d.len() > limits.list_cap) {
        out.extend(pages(docs.len()).map(|n| Page::UsedIn(term, n)));
    }
    for &(doc, count) in linked_from.iter().filter(|(_, count)| *count > limits.list_cap) {
        out.extend(pages(count).map(|n| Page::LinkedFrom(doc, n)));
    }
    out
}

/// How many pages each document's "Linked from" lists, for [`listing_pages`].
fn backlink_sources_all(r: &Resolved<'_>) -> Vec<(DocId, usize)> {
    r.site.docs.ids().map(|id| (id, backlink_sources(r.site, r.graph, id).len())).collect()
}

/// The documents a "Linked from" list shows for `id`: every page linking to it but the home page.
pub(crate) fn backlink_sources(site: &Site, graph: &LinkGraph, id: DocId) -> Vec<DocId> {
    let from = graph.backlinks[id].iter().map(|b| b.from);
    from.filter(|f| site.doc(*f).kind != DocKind::Home).collect()
}

/// Renders every page and asset of the site.
pub fn render_site(
    r: &Resolved<'_>,
    tera: &Tera,
    theme: &[(String, Vec<u8>)],
) -> Result<Vec<OutputFile>> {
    let mut files = render_pages(r, tera, &all_pages(r))?;
    files.extend(site_files(r, theme)?);
    Ok(files)
}

/// Renders the given pages, in parallel.
pub fn render_pages(r: &Resolved<'_>, tera: &Tera, pages: &[Page]) -> Result<Vec<OutputFile>> {
    let sections = sections(r);
    let tags = tags(r);
    let ui = site_strings(r)?;
    let renderer = pages::Pages::new(r, tera, &sections, &tags, &ui);
    pages.par_iter().map(|page| renderer.render(page)).collect()
}

/// Renders the given pages and hands each to `sink` as soon as it is rendered, so the
/// site is never held in memory whole and rendering overlaps the disk's work.
pub fn write_pages(
    r: &Resolved<'_>,
    tera: &Tera,
    pages: &[Page],
    sink: &dyn crate::output::FileSink,
) -> Result<()> {
    let sections = sections(r);
    let tags = tags(r);
    let ui = site_strings(r)?;
    let renderer = pages::Pages::new(r, tera, &sections, &tags, &ui);
    pages.par_iter().try_for_each(|page| sink.put(&renderer.render(page)?))
}

/// Everything that is not a page: theme, highlight CSS, feeds, search index, static files.
pub fn site_files(r: &Resolved<'_>, theme: &[(String, Vec<u8>)]) -> Result<Vec<OutputFile>> {
    let ui = site_strings(r)?;
    let mut files = Vec::new();
    let config = &r.site.config;
    let codes: Vec<&str> = std::iter::once(config.language.as_str())
        .chain(config.languages.iter().map(|l| l.code.as_str()))
        .map(|code| code.split(['-', '_']).next().unwrap_or(code))
        .collect();
    for (name, theme_bytes) in theme {
        let bytes = strings_js::keep_languages(theme_bytes, &codes);
        let bytes = strings_js::translate(name, &bytes, &ui);
        let bytes =
            if is_default_theme_file(name, theme_bytes) { minified(name, bytes) } else { bytes };
        files.push(OutputFile::bytes(format!("theme/{name}"), bytes));
    }
    files.push(OutputFile::bytes("theme/highlight.css", crate::markdown::highlight::theme_css()));
    files.extend(course::quiz_files(r, &ui));
    files.extend(feeds::feeds(r, &sections(r)));
    files.extend(r.search_files.iter().cloned());
    // Raster images are written by `media::encode` (resized, without metadata).
    for file in r.site.static_files.iter().filter(|f| !r.site.images.handles(&f.output)) {
        files.push(OutputFile {
            path: file.output.clone(),
            body: OutputBody::Copy(file.source.clone()),
        });
    }
    files.extend(attachment_files(r));
    Ok(files)
}

/// Whether `bytes` is attune's own `theme/name` (not a site's replacement of it).
fn is_default_theme_file(name: &str, bytes: &[u8]) -> bool {
    templates::THEME.iter().any(|(default, text)| *default == name && text.as_bytes() == bytes)
}

/// A default theme file without comments and indentation (see [`minify`]); other files, and a
/// script the minifier cannot handle safely, as they are.
fn minified(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&bytes) else { return bytes };
    if name.ends_with(".css") {
        minify::css(text).into_bytes()
    } else if name.ends_with(".js") {
        minify::script(text).map_or(bytes, String::into_bytes)
    } else {
        bytes
    }
}

/// The images outside `static/` that some body embeds (issue 27), each copied to its
/// `content/`-relative path; none for a site that embeds none.
pub(crate) fn attachment_files(r: &Resolved<'_>) -> Vec<OutputFile> {
    let embedded: BTreeSet<&str> =
        r.bodies.iter().flat_map(|(_, body)| body.attachments.iter().map(String::as_str)).collect();
    if embedded.is_empty() {
        return Vec::new();
    }
    r.site
        .attachments
        .iter()
        .filter(|file| embedded.contains(file.output.as_str()))
        // Raster images are written by `media::encode`, like static ones.
        .filter(|file| !r.site.images.handles(&file.output))
        .map(|file| OutputFile {
            path: file.output.clone(),
            body: OutputBody::Copy(file.source.clone()),
        })
        .collect()
}

/// The UI strings of the site's language (site.yaml `language`, with its `strings`). The
/// analysis has already reported bad overrides at their line; this is the build's copy.
pub fn site_strings(r: &Resolved<'_>) -> Result<strings::Strings> {
    let config = &r.site.config;
    strings::table(&config.language, &config.strings)
        .map_err(|e| crate::error::Error::Usage(strings::describe(&config.language, &e)))
}

/// A section and its articles, ordered by weight then title.
pub(crate) struct Section {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) description: String,
    pub(crate) articles: Vec<DocId>,
}

fn sections(r: &Resolved<'_>) -> Vec<Section> {
    let mut by_id: BTreeMap<String, Vec<DocId>> = BTreeMap::new();
    for id in r.site.article_ids() {
        by_id.entry(r.site.doc(id).section.clone()).or_default().push(id);
    }
    for articles in by_id.values_mut() {
        articles.sort_by(|a, b| {
            let (a, b) = (r.site.doc(*a), r.site.doc(*b));
            a.meta.weight.cmp(&b.meta.weight).then_with(|| a.meta.title.cmp(&b.meta.title))
        });
    }
    let config = &r.site.config;
    let mut ordered: Vec<String> =
        config.sections.iter().map(|s| s.id.clone()).filter(|id| by_id.contains_key(id)).collect();
    ordered.extend(by_id.keys().filter(|id| !ordered.contains(id)).cloned().collect::<Vec<_>>());
    ordered
        .into_iter()
        .map(|id| Section {
            title: config.section_title(&id),
            description: config
                .sections
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.description.clone())
                .unwrap_or_default(),
            articles: by_id.remove(&id).unwrap_or_default(),
            id,
        })
        .collect()
}

fn tags(r: &Resolved<'_>) -> Vec<(String, Vec<DocId>)> {
    let mut by_tag: BTreeMap<String, Vec<DocId>> = BTreeMap::new();
    for id in r.site.article_ids() {
        for tag in &r.site.doc(id).meta.tags {
            by_tag.entry(crate::url::slugify(tag)).or_default().push(id);
        }
    }
    by_tag.into_iter().collect()
}

/// Escapes text for embedding in generated XML/HTML outside templates.
pub(crate) fn escape_xml(text: &str) -> String {
    crate::html::escape_attr(text)
}
