//! Stage 1, load: walk `content/`, read every file once into the [`SourceMap`], parse
//! `site.yaml` and every front matter block into the typed [`Site`] model.
//!
//! Problems become diagnostics and loading carries on, so one run reports them all.

pub mod broken;
pub mod front_matter;
pub mod languages;
mod load;
mod logo;
pub mod model;
mod sections;
pub mod translation;
mod yaml_hints;

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, SourceFile, SourceMap, Span};
use crate::error::{Error, Result};
use front_matter::parse_yaml;
use load::load_file;
use model::*;

/// Keys `site.yaml` accepts, for "did you mean".
pub(crate) const CONFIG_KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "audiences",
    "sections",
    "organisation",
    "help_notice",
    "search",
    "review",
    "markdown",
    "lints",
    "glossary_autolink",
    "images",
    "limits",
    "citations",
    "knowledge_checks",
    "print",
    "strings",
    "languages",
];

/// What [`load_site`] needs to know.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include articles marked `draft: true`.
    pub drafts: bool,
}

/// The kind of file found under `content/`, from its place in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Config,
    Home,
    Article,
    Page,
    Term,
    Path,
    Static,
    /// An image outside `static/` (issue 27), published only where a note embeds it.
    Attachment,
}

/// Loads a site folder. The returned site holds only what loaded cleanly; every problem found is
/// in the diagnostics.
pub fn load_site(
    root: &Path,
    options: &LoadOptions,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Result<Site> {
    require_content_folder(root)?;
    let content = root.join("content");
    let found = walk_content(&content, diagnostics)?;
    let files = read_sources(root, &found, sources, diagnostics)?;
    let config_file = files.iter().find(|(_, _, place)| *place == Place::Config).map(|f| f.0);
    let config = match config_file {
        Some(file) => load_config(sources, file, diagnostics),
        None => SiteConfig::default(),
    };

    let parsed: Vec<Parsed<'_>> = files
        .par_iter()
        .filter(|(_, _, place)| *place != Place::Config)
        .map(|(file, path, place)| {
            let mut notes = Vec::new();
            let loaded = load_file(&content, path, *place, *file, sources, &config, &mut notes);
            (loaded, notes, path, *place)
        })
        .collect();

    // Files that failed to read or load stay known, so links to them report nothing more.
    let mut broken = broken::BrokenFiles::default();
    record_unread(&content, &found, &files, &mut broken);
    let (mut docs, mut terms, mut paths) =
        collect_loaded(&content, parsed, options, diagnostics, &mut broken);
    if config.is_multilingual() {
        let default = config.language.clone();
        languages::link_translations(
            &mut docs,
            &mut terms,
            &mut paths,
            &default,
            sources,
            diagnostics,
        );
    }
    let mut site = Site {
        root: root.to_path_buf(),
        config,
        docs: docs.into(),
        terms: terms.into(),
        paths: paths.into(),
        static_files: files_at(&found, Place::Static, &content.join("static")),
        images: Default::default(),
        attachments: files_at(&found, Place::Attachment, &content),
        broken,
        prefix: String::new(),
    };
    // Images beside notes are read like static ones: published (where embedded) resized and
    // without their metadata, and an SVG among them is checked for script.
    let images: Vec<StaticFile> =
        site.static_files.iter().chain(&site.attachments).cloned().collect();
    site.images = crate::media::probe(&images, &site.config.images, sources, diagnostics);
    check_unique_slugs(&site, sources, diagnostics);
    sections::check_written_sections(&site, sources, diagnostics);
    logo::check_logo(&site, config_file, sources, diagnostics);
    Ok(site)
}

/// The files found at `place`, each with its path relative to `base` as output path.
fn files_at(found: &[(PathBuf, Place)], place: Place, base: &Path) -> Vec<StaticFile> {
    found
        .iter()
        .filter(|(_, p)| *p == place)
        .filter_map(|(path, _)| {
            let relative = path.strip_prefix(base).ok()?;
            Some(StaticFile { source: path.clone(), output: slash_path(relative) })
        })
        .collect()
}

/// Whether a file name outside `static/` is an image a note may embed (`![[diagram.png]]`):
/// the formats browsers show in `<img>`, none of them a name attune writes a page under.
pub fn is_attachment_name(name: &str) -> bool {
    const IMAGES: &[&str] = &["png", "jpg", "jpeg", "gif", "webp", "avif", "svg", "bmp"];
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && IMAGES.iter().any(|image| ext.eq_ignore_ascii_case(image))
    })
}

/// The error `build`, `check` and `serve` give for a folder that is not a site.
pub fn require_content_folder(root: &Path) -> Result<()> {
    if root.join("content").is_dir() {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "`{}` has no `content/` folder; run `attune init {}` to create a site, or pass --root",
        root.display(),
        root.display()
    )))
}

/// One file's load result, its notes, and where it is (for known-but-broken files).
type Parsed<'p> = (Result<Loaded, Diagnostic>, Vec<Diagnostic>, &'p PathBuf, Place);

/// Records the Markdown files that could not be read as text (their `encoding` error is
/// already reported) as known but broken.
fn record_unread(
    content: &Path,
    found: &[(PathBuf, Place)],
    files: &[ReadFile],
    broken: &mut broken::BrokenFiles,
) {
    let read: HashSet<&PathBuf> = files.iter().map(|(_, path, _)| path).collect();
    let unread = found.iter().filter(|(path, place)| place.is_markup() && !read.contains(path));
    for (path, place) in unread {
        broken.record(place.broken_kind(), &slash_path(path.strip_prefix(content).unwrap_or(path)));
    }
}

impl Place {
    /// Whether files here are text attune reads (site.yaml, Markdown), not files it copies.
    fn is_markup(self) -> bool {
        !matches!(self, Place::Static | Place::Attachment)
    }

    fn broken_kind(self) -> broken::BrokenKind {
        match self {
            Place::Article | Place::Page => broken::BrokenKind::Doc,
            Place::Term => broken::BrokenKind::Term,
            _ => broken::BrokenKind::Other,
        }
    }
}

/// A source file read and recorded: its id, its path on disk and what it is.
type ReadFile = (FileId, PathBuf, Place);

/// Reads, decodes and indexes every source file in parallel, then records them in walk order
/// so file ids are deterministic. A file that is not UTF-8 is an `encoding` error.
fn read_sources(
    root: &Path,
    found: &[(PathBuf, Place)],
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Result<Vec<ReadFile>> {
    let texts: Vec<_> = found
        .par_iter()
        .filter(|(_, place)| place.is_markup())
        .map(|(path, place)| {
            let display = display_path(root, path);
            let decoded = std::fs::read(path).map(|bytes| match String::from_utf8(bytes) {
                Ok(mut text) => {
                    if text.starts_with('\u{feff}') {
                        text.drain(..3);
                    }
                    Ok(SourceFile::new(display, text))
                }
                Err(error) => Err((display, error.utf8_error().valid_up_to())),
            });
            (path, *place, decoded)
        })
        .collect();
    let mut files = Vec::with_capacity(texts.len());
    for (path, place, decoded) in texts {
        match decoded.map_err(|e| Error::io("reading", path, e))? {
            Ok(source) => files.push((sources.push(source), path.clone(), place)),
            Err((display, valid_up_to)) => diagnostics.push(
                Diagnostic::error(
                    Code::Encoding,
                    format!("the file is not valid UTF-8 (byte {valid_up_to})"),
                )
                .in_file(display)
                .with_help("save the file as UTF-8 in your editor"),
            ),
        }
    }
    Ok(files)
}

/// Sorts what loaded into documents, glossary entries (A-Z) and paths (by slug), dropping
/// drafts unless asked for, and collects every problem found on the way.
fn collect_loaded(
    content: &Path,
    parsed: Vec<Parsed<'_>>,
    options: &LoadOptions,
    diagnostics: &mut Diagnostics,
    broken: &mut broken::BrokenFiles,
) -> (Vec<Doc>, Vec<Term>, Vec<ReadingPath>) {
    let (mut docs, mut terms, mut paths) = (Vec::new(), Vec::new(), Vec::new());
    for (loaded, notes, path, place) in parsed {
        diagnostics.extend(notes);
        match loaded {
            Ok(Loaded::Doc(doc)) if doc.meta.draft && !options.drafts => {}
            Ok(Loaded::Doc(doc)) => docs.push(doc),
            Ok(Loaded::Term(term)) => terms.push(term),
            Ok(Loaded::Path(path)) => paths.push(path),
            Ok(Loaded::Skipped) => {}
            Err(diagnostic) => {
                // Known but broken: links to it stay quiet, so this is its only error.
                let relative = path.strip_prefix(content).unwrap_or(path);
                broken.record(place.broken_kind(), &slash_path(relative));
                diagnostics.push(diagnostic);
            }
        }
    }
    terms.sort_by_cached_key(|t: &Term| sort_key(&t.meta.term));
    paths.sort_by(|a: &ReadingPath, b: &ReadingPath| a.slug.cmp(&b.slug));
    (docs, terms, paths)
}

/// Key for A-Z ordering: case-insensitive, ignoring leading punctuation.
pub fn sort_key(text: &str) -> String {
    text.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

#[allow(
    clippy::large_enum_variant,
    reason = "short-lived, one per file, moved straight into the site"
)]
enum Loaded {
    Doc(Doc),
    Term(Term),
    Path(ReadingPath),
    Skipped,
}

fn walk_content(content: &Path, diagnostics: &mut Diagnostics) -> Result<Vec<(PathBuf, Place)>> {
    let mut found = Vec::new();
    let walker = WalkDir::new(content).sort_by_file_name().into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        e.depth() == 0 || !(name.starts_with('.') || name.ends_with('~'))
    });
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| content.to_path_buf());
            Error::io("walking", &path, e.into())
        })?;
        let path = entry.path();
        let relative = path.strip_prefix(content).unwrap_or(path);
        if entry.path_is_symlink() {
            // A link may point anywhere; only follow it when it stays inside `content/`.
            let inside = std::fs::canonicalize(path)
                .ok()
                .zip(std::fs::canonicalize(content).ok())
                .is_some_and(|(target, base)| target.starts_with(base));
            if !inside {
                diagnostics.push(
                    Diagnostic::error(
                        Code::UnsafePath,
                        "this symbolic link points outside `content/`; it was not read",
                    )
                    .in_file(Path::new("content").join(relative))
                    .with_help("copy the file into the site instead of linking to it"),
                );
                continue;
            }
            if std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
                continue;
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        if let Some(place) = classify(relative) {
            found.push((path.to_path_buf(), place));
        }
    }
    Ok(found)
}

fn classify(relative: &Path) -> Option<Place> {
    let parts: Vec<&str> = relative.iter().filter_map(|p| p.to_str()).collect();
    let is_md = relative.extension().is_some_and(|e| e == "md");
    match parts.as_slice() {
        ["site.yaml"] | ["site.yml"] => Some(Place::Config),
        ["index.md"] => Some(Place::Home),
        [name] if is_md && name.starts_with("index.") => Some(Place::Home),
        ["static", ..] => Some(Place::Static),
        ["articles", .., _] if is_md => Some(Place::Article),
        ["pages", _] if is_md => Some(Place::Page),
        ["glossary", _] if is_md => Some(Place::Term),
        ["paths", _] if is_md => Some(Place::Path),
        [.., name] if is_attachment_name(name) => Some(Place::Attachment),
        _ => None,
    }
}

fn load_config(sources: &SourceMap, file: FileId, diagnostics: &mut Diagnostics) -> SiteConfig {
    let text = &sources.get(file).text;
    let warnings = yaml_hints::check_list_items(text, (0, text.len()), file);
    diagnostics.extend(warnings.into_iter().map(yaml_hints::for_site_yaml));
    match parse_yaml::<SiteConfig>(text, (0, text.len()), file, CONFIG_KEYS) {
        Ok(mut config) => {
            languages::check_languages(&mut config, file, text, diagnostics);
            check_accent(&config, file, text, diagnostics);
            check_lint_codes(&config, file, text, diagnostics);
            check_paper(&config, file, text, diagnostics);
            config
        }
        Err(diagnostic) => {
            diagnostics.push(yaml_hints::for_site_yaml(diagnostic));
            SiteConfig::default()
        }
    }
}

/// Codes under `lints.allow` and `lints.allow_in` must name a warning `attune check` gives: a
/// misspelt code would silence nothing, and the author would not know why.
fn check_lint_codes(config: &SiteConfig, file: FileId, text: &str, diagnostics: &mut Diagnostics) {
    let lints = &config.lints;
    let codes = lints.allow.iter().chain(lints.allow_in.values().flatten());
    let lints: Vec<&str> = Code::lints().map(Code::as_str).collect();
    for code in codes.filter(|c| !Code::parse(c).is_some_and(Code::is_lint)) {
        let span = front_matter::find_value_span(text, (0, text.len()), "lints", code, file);
        let help = match crate::diagnostics::did_you_mean(code, lints.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the codes are: {}", lints.join(", ")),
        };
        diagnostics.push(
            Diagnostic::warning(Code::UnknownLint, format!("`{code}` is not a lint code"))
                .at(span)
                .with_help(help),
        );
    }
}

/// `print.paper` must name a paper size attune knows.
fn check_paper(config: &SiteConfig, file: FileId, text: &str, diagnostics: &mut Diagnostics) {
    let Some(paper) = config.print.paper.as_deref() else { return };
    if crate::config::Paper::parse(paper).is_some() {
        return;
    }
    let span = front_matter::find_value_span(text, (0, text.len()), "paper", paper, file);
    diagnostics.push(
        Diagnostic::error(Code::PaperSize, format!("`{paper}` is not a paper size attune prints on"))
            .at(span)
            .with_help("write `paper: a4` or `paper: letter` under `print:`, or leave it out: packets are then A4, or Letter when `language` names a region that uses it (`en-US`)"),
    );
}

/// The accent colour must be `#rrggbb` and reach 4.5:1 on its own palette's background (a
/// light accent on the light page, a dark accent on the dark one): links use it.
fn check_accent(config: &SiteConfig, file: FileId, text: &str, diagnostics: &mut Diagnostics) {
    use crate::palette::{Scheme, background, contrast_ratio, parse_hex_colour};
    let accent = &config.organisation.accent;
    if accent.is_empty() {
        return;
    }
    // A derived dark accent passes by construction: only what the author wrote is checked.
    for scheme in Scheme::ALL {
        let Some(written) = accent.written(scheme) else {
            continue;
        };
        let span = front_matter::find_value_span(text, (0, text.len()), "accent", written, file);
        let help = "write `accent: \"#1d5f8a\"` (the dark palette's accent is derived from it) or `accent: { light: \"#1d5f8a\", dark: \"#7cc0f5\" }`";
        let Some(rgb) = parse_hex_colour(written) else {
            diagnostics.push(
                Diagnostic::error(Code::AccentColour, format!("`{written}` is not a colour"))
                    .at(span)
                    .with_help(help),
            );
            continue;
        };
        let ratio = contrast_ratio(rgb, background(scheme));
        if ratio < 4.5 {
            let palette = scheme.name();
            diagnostics.push(
                Diagnostic::error(Code::AccentColour,
                    format!("accent colour `{written}` has a contrast of {ratio:.2}:1 on the {palette} background; links need at least 4.5:1 (WCAG AA)"),
                )
                .at(span)
                .with_help(help),
            );
        }
    }
}

/// Re-reads one article after an edit (the dev server's incremental rebuilds): the new text
/// replaces the old in the source map and its front matter is parsed again.
pub fn reload_article(
    root: &Path,
    file: FileId,
    sources: &mut SourceMap,
    config: &SiteConfig,
) -> Result<(Result<Doc, Diagnostic>, Vec<Diagnostic>)> {
    let content = root.join("content");
    let path = root.join(&sources.get(file).path);
    let bytes = std::fs::read(&path).map_err(|e| Error::io("reading", &path, e))?;
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => {
            let d = Diagnostic::error(Code::Encoding, "the file is not valid UTF-8")
                .in_file(sources.get(file).path.clone())
                .with_help("save the file as UTF-8 in your editor");
            return Ok((Err(d), Vec::new()));
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    sources.replace(file, text);
    let mut notes = Vec::new();
    let loaded = load_file(&content, &path, Place::Article, file, sources, config, &mut notes);
    let doc = match loaded {
        Ok(Loaded::Doc(doc)) => Ok(doc),
        Ok(_) => {
            Err(Diagnostic::error(Code::FrontMatter, "the file could not be read as an article")
                .in_file(sources.get(file).path.clone()))
        }
        Err(d) => Err(d),
    };
    Ok((doc, notes))
}

fn check_slug(slug: &str, file: FileId, notes: &mut Vec<Diagnostic>) {
    let valid = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        notes.push(
            Diagnostic::warning(
                Code::SlugStyle,
                format!("the file name `{slug}` makes an awkward URL"),
            )
            .at(Span::new(file, 0, 0))
            .with_help("use lowercase letters, digits and dashes, e.g. `working-alliance.md`"),
        );
    }
}

fn check_unique_slugs(site: &Site, sources: &SourceMap, diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<(&str, &str), &Doc> = HashMap::new();
    for doc in site.docs.iter().filter(|d| d.kind != DocKind::Home) {
        if let Some(first) = seen.insert((&doc.lang, &doc.slug), doc) {
            diagnostics.push(
                Diagnostic::error(Code::DuplicateSlug,
                    format!(
                        "`{}` is used by two files: {} and {}",
                        doc.slug,
                        sources.get(first.file).path.display(),
                        sources.get(doc.file).path.display()
                    ),
                )
                .at(Span::new(doc.file, 0, 0))
                .with_help("slugs are unique across the site, so `[[slug]]` links are unambiguous: rename one file"),
            );
        }
    }
    let mut terms: HashMap<(&str, &str), &Term> = HashMap::new();
    for term in &site.terms {
        if let Some(first) = terms.insert((&term.lang, &term.slug), term) {
            diagnostics.push(
                Diagnostic::error(
                    Code::DuplicateSlug,
                    format!("glossary slug `{}` is used twice", term.slug),
                )
                .at(Span::new(term.file, 0, 0))
                .with_help(format!("the other file is {}", sources.get(first.file).path.display())),
            );
        }
    }
}

/// Display path of a source file: relative to the site root, `/`-separated.
fn display_path(root: &Path, path: &Path) -> PathBuf {
    PathBuf::from(slash_path(path.strip_prefix(root).unwrap_or(path)))
}

/// A relative path with `/` separators whatever the platform.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}
