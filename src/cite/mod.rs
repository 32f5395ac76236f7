//! Citations (issue 24): the site's bibliography, `content/bibliography.bib` (BibLaTeX, what
//! reference managers export) or `content/bibliography.yaml` (hayagriva YAML), parsed and
//! formatted by the `hayagriva` crate in the CSL style site.yaml names (APA 7 by default).
//!
//! A lookup stage, like `links`: it is loaded once before Markdown is rendered, and the
//! Markdown stage asks it to format each document's citations and reference list. A site
//! without a bibliography file never touches hayagriva, so it builds as before.

mod format;
pub mod parse;

use std::collections::HashMap;
use std::path::Path;

use hayagriva::Library;
use hayagriva::archive::ArchivedStyle;
use hayagriva::citationberg::{IndependentStyle, Locale, LocaleCode, Style};

use crate::content::model::Site;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, SourceFile, SourceMap, Span};

pub use format::{Formatted, FormattedReference};
pub use parse::{Citation, CiteItem, find_citations};

/// The bibliography file names attune reads, in order of preference.
pub const FILE_NAMES: &[&str] = &["bibliography.bib", "bibliography.yaml", "bibliography.yml"];

/// The style used when site.yaml names none: APA 7th edition.
pub const DEFAULT_STYLE: &str = "american-psychological-association";

/// A site's bibliography: its entries, where each is written, and the style to format with.
pub struct Bibliography {
    library: Library,
    style: IndependentStyle,
    locales: Vec<Locale>,
    /// The language of the style's terms, `None` for the style's default (English).
    locale: Option<LocaleCode>,
    /// The bibliography file.
    pub file: FileId,
    /// Every entry's key with where it is written, in file order.
    spans: Vec<(String, Span)>,
    index: HashMap<String, usize>,
}

impl std::fmt::Debug for Bibliography {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bibliography").field("entries", &self.spans.len()).finish()
    }
}

impl Bibliography {
    /// Whether an entry has this key.
    pub fn contains(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// Every key, in file order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|(key, _)| key.as_str())
    }

    /// The key nearest to a misspelt one, if any is near.
    pub fn nearest(&self, wrong: &str) -> Option<&str> {
        crate::diagnostics::did_you_mean(wrong, self.keys())
    }
}

/// Loads the site's bibliography, if it has one, recording its text in `sources` so errors
/// point into it. A malformed entry or an unknown style is an error; the site then builds
/// (and reports) as if citations named no entry.
pub fn load(
    site: &Site,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Option<Bibliography> {
    let content = site.root.join("content");
    let name = FILE_NAMES.iter().find(|name| content.join(name).is_file())?;
    let display = Path::new("content").join(name);
    let text = match std::fs::read_to_string(content.join(name)) {
        Ok(text) => text,
        Err(error) => {
            diagnostics.push(
                Diagnostic::error(
                    Code::Bibliography,
                    format!("the bibliography could not be read: {error}"),
                )
                .in_file(display)
                .with_help("save the file as UTF-8 text"),
            );
            return None;
        }
    };
    let file = sources.push(SourceFile::new(display, text));
    let text = &sources.get(file).text;
    let library = match name.ends_with(".bib") {
        true => parse::biblatex(text, file),
        false => parse::yaml(text, file),
    };
    let library = library.map_err(|d| diagnostics.push(d)).ok()?;
    let style = style(site, sources, diagnostics)?;
    let spans: Vec<(String, Span)> =
        library.keys().map(|key| (key.to_string(), parse::key_span(text, key, file))).collect();
    let index = spans.iter().enumerate().map(|(i, (key, _))| (key.clone(), i)).collect();
    let locales = hayagriva::archive::locales();
    // The style's own (English) terms unless the site is in another language: "y", "et al.",
    // "Recuperado de" on a Spanish site. A language CSL has no terms for falls back to English.
    let language = &site.config.language;
    let locale = (!language.starts_with("en")).then(|| LocaleCode(language.clone()));
    Some(Bibliography { library, style, locales, locale, file, spans, index })
}

/// The CSL style site.yaml names (`citations: { style: … }`), from hayagriva's bundled styles.
fn style(
    site: &Site,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) -> Option<IndependentStyle> {
    let name = site.config.citations.style.as_str();
    let found = ArchivedStyle::by_name(name).map(ArchivedStyle::get);
    if let Some(Style::Independent(style)) = found {
        return Some(style);
    }
    let names: Vec<&str> =
        ArchivedStyle::all().iter().flat_map(|s| s.names().iter().copied()).collect();
    let help = match crate::diagnostics::did_you_mean(name, names.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!(
            "name one of hayagriva's {} bundled CSL styles, e.g. `apa`, `chicago-author-date`, `ieee`, `vancouver`, `modern-language-association`",
            names.len()
        ),
    };
    let mut diagnostic = Diagnostic::error(
        Code::Bibliography,
        format!("`{name}` is not a citation style attune knows"),
    )
    .with_help(help);
    let config =
        ["content/site.yaml", "content/site.yml"].iter().find_map(|p| sources.find(Path::new(p)));
    if let Some(id) = config {
        let at = sources.get(id).text.find(name).unwrap_or(0);
        diagnostic = diagnostic.at(Span::new(id, at, at + name.len()));
    }
    diagnostics.push(diagnostic);
    None
}

/// Warns about every entry no page cites: a stale or misspelt key, or a source the author
/// meant to cite and did not.
pub fn check_unused<'k>(
    bibliography: &Bibliography,
    cited: impl IntoIterator<Item = &'k str>,
    diagnostics: &mut Diagnostics,
) {
    let cited: std::collections::HashSet<&str> = cited.into_iter().collect();
    for (key, span) in &bibliography.spans {
        if !cited.contains(key.as_str()) {
            diagnostics.push(
                Diagnostic::warning(Code::UnusedReference, format!("no page cites `{key}`"))
                    .at(*span)
                    .with_help(format!(
                        "cite it as `[@{key}]` where it is used, or remove the entry"
                    )),
            );
        }
    }
}

/// Every bibliography key named by a front matter `references: - cite: key`, with its file.
pub fn front_matter_cites(site: &Site) -> Vec<(FileId, &str)> {
    let docs = site.docs.iter().map(|d| (d.file, &d.meta.references));
    let terms = site.terms.iter().map(|t| (t.file, &t.meta.references));
    docs.chain(terms)
        .flat_map(|(file, refs)| refs.iter().filter_map(move |r| Some((file, r.cite.as_deref()?))))
        .collect()
}

/// Reports front matter `cite:` keys that name no entry (or a site without a bibliography).
pub fn check_front_matter(
    bibliography: Option<&Bibliography>,
    site: &Site,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) {
    for (file, key) in front_matter_cites(site) {
        if bibliography.is_some_and(|b| b.contains(key)) {
            continue;
        }
        let text = &sources.get(file).text;
        let at = text.find(&format!("cite: {key}")).map_or(0, |i| i + "cite: ".len());
        let diagnostic = Diagnostic::error(
            Code::UnknownCitation,
            format!("no bibliography entry has the key `{key}`"),
        )
        .at(Span::new(file, at, at + key.len()));
        diagnostics.push(match bibliography.and_then(|b| b.nearest(key)) {
            Some(near) => diagnostic.with_help(format!("did you mean `{near}`?")),
            None if bibliography.is_none() => diagnostic
                .with_help("the site has no content/bibliography.bib (or .yaml) to take it from"),
            None => diagnostic.with_help("add the entry to the bibliography, or check the key"),
        });
    }
}
