//! Translation lints of a multilingual site: a translation whose original changed since it was
//! made (`translation-stale`, naming both files and the changed sections), an article the
//! language requires with no translation (`translation-missing`), and a machine translation of
//! a client page without its own review under a strict review policy (`translation-unreviewed`).

use crate::config::{LanguageConfig, SiteConfig};
use crate::content::front_matter::find_value_span;
use crate::content::model::{DocKind, Site};
use crate::content::translation::{
    Freshness, TranslationKind, TranslationOf, fingerprint, freshness,
};
use crate::diagnostics::{Code, Diagnostic, FileId, SourceMap, Span};
use crate::resolve::Analysis;

/// One translated file and its original, as the lints see them.
struct Pair<'a> {
    translation: FileId,
    original: FileId,
    record: Option<&'a TranslationOf>,
}

/// Every translation lint over the default language's analysis and its other languages'.
pub(super) fn lint(analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let config = &analysis.site.config;
    for (view, language) in analysis.languages.iter().zip(config.languages.iter().skip(1)) {
        for pair in pairs(&view.site, &analysis.site) {
            out.extend(stale(&analysis.sources, &pair));
        }
        missing(&analysis.site, &view.site, language, out);
        unreviewed(&analysis.sources, &view.site, config, out);
    }
}

/// The translations of one language's view with their originals (documents, glossary entries
/// and paths; a view's `original` ids point into the default language's site).
fn pairs<'a>(view: &'a Site, default: &Site) -> Vec<Pair<'a>> {
    let docs = view.docs.iter().filter(|d| !d.foreign).filter_map(|d| {
        let original = default.docs.get(d.original?)?;
        Some(Pair {
            translation: d.file,
            original: original.file,
            record: d.meta.translation_of.as_ref(),
        })
    });
    let terms = view.terms.iter().filter_map(|t| {
        let original = default.terms.get(t.original?)?;
        Some(Pair {
            translation: t.file,
            original: original.file,
            record: t.meta.translation_of.as_ref(),
        })
    });
    let paths = view.paths.iter().filter_map(|p| {
        let original = default.paths.get(p.original?)?;
        Some(Pair {
            translation: p.file,
            original: original.file,
            record: p.meta.translation_of.as_ref(),
        })
    });
    docs.chain(terms).chain(paths).collect()
}

/// `translation-stale` when the original changed since the translation was marked, or the
/// translation was never marked.
fn stale(sources: &SourceMap, pair: &Pair<'_>) -> Option<Diagnostic> {
    let original = sources.get(pair.original);
    let translation = sources.get(pair.translation);
    let original_path = original.path.display();
    let this_path = translation.path.display();
    let mark = format!("attune translate mark {this_path}");
    let (message, help) = match freshness(pair.record, &fingerprint(&original.text)) {
        Freshness::Fresh => return None,
        Freshness::Unmarked => (
            format!(
                "this translation does not record which version of `{original_path}` it was made from"
            ),
            format!("check it against `{original_path}`, then run `{mark}`"),
        ),
        Freshness::Stale { changed, removed } => (
            format!(
                "`{original_path}` changed since this translation was made{}",
                sections(&changed, &removed)
            ),
            format!("update this translation from `{original_path}`, then run `{mark}`"),
        ),
    };
    let span = match pair.record {
        Some(record) => find_value_span(
            &translation.text,
            yaml(&translation.text),
            "hash",
            &record.hash,
            pair.translation,
        ),
        None => Span::new(pair.translation, 0, 0),
    };
    Some(Diagnostic::warning(Code::TranslationStale, message).at(span).with_help(help))
}

/// ": changed: "A", "B"; removed: c" or "" when only the whole file's hash is known.
fn sections(changed: &[String], removed: &[String]) -> String {
    let quote =
        |items: &[String]| items.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
    match (changed.is_empty(), removed.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(": changed {}", quote(changed)),
        (true, false) => format!(": removed {}", removed.join(", ")),
        (false, false) => format!(": changed {}; removed {}", quote(changed), removed.join(", ")),
    }
}

/// The byte range of a file's front matter (the whole file when it has none).
fn yaml(text: &str) -> (usize, usize) {
    let end = text.get(4..).and_then(|rest| rest.find("\n---")).map_or(text.len(), |i| i + 4);
    (0, end)
}

/// `translation-missing` for each article of the default language that `language` requires
/// and that has no translation in it.
fn missing(default: &Site, view: &Site, language: &LanguageConfig, out: &mut Vec<Diagnostic>) {
    let config = &default.config;
    for (id, doc) in default.docs.iter_enumerated().filter(|(_, d)| d.kind == DocKind::Article) {
        let translated = view.docs.iter().any(|d| !d.foreign && d.original == Some(id));
        if translated || !requires(config, language, default, &doc.slug, &doc.meta.audience) {
            continue;
        }
        out.push(
            Diagnostic::warning(
                Code::TranslationMissing,
                format!(
                    "`{}` has no translation in {} ({})",
                    doc.source_path, language.name, language.code
                ),
            )
            .at(Span::new(doc.file, 0, 0))
            .with_help(format!(
                "write `{}`, or narrow `require_translation` for `{}` in site.yaml",
                doc.source_path.trim_end_matches(".md").to_string() + "." + &language.code + ".md",
                language.code
            )),
        );
    }
}

/// Whether `language` requires a translation of this article: by default every article for a
/// client-facing audience; `require_translation` lists audience ids and `path:<slug>` entries
/// (the articles on that reading path), and `[]` turns the lint off.
fn requires(
    config: &SiteConfig,
    language: &LanguageConfig,
    site: &Site,
    slug: &str,
    audience: &[String],
) -> bool {
    let Some(required) = &language.require_translation else {
        return audience.iter().any(|a| config.is_client_facing(a));
    };
    required.iter().any(|entry| match entry.strip_prefix("path:") {
        Some(path) => site
            .paths
            .iter()
            .any(|p| p.slug == path && p.meta.steps.iter().any(|s| s.article == slug)),
        None => audience.iter().any(|a| a == entry),
    })
}

/// `translation-unreviewed`: under a strict review policy (`review.required`), a machine
/// translation of a client page counts as unreviewed until its own `reviewed` says otherwise.
fn unreviewed(sources: &SourceMap, view: &Site, config: &SiteConfig, out: &mut Vec<Diagnostic>) {
    if !(config.review.enabled && config.review.required) {
        return;
    }
    for doc in view.docs.iter().filter(|d| d.original.is_some() && !d.foreign) {
        let machine = doc.meta.translation == Some(TranslationKind::Machine);
        let client = doc.meta.audience.iter().any(|a| config.is_client_facing(a));
        if !machine || !client || doc.meta.reviewed.is_some() {
            continue;
        }
        let text = &sources.get(doc.file).text;
        let span = find_value_span(text, yaml(text), "translation", "machine", doc.file);
        out.push(
            Diagnostic::warning(
                Code::TranslationUnreviewed,
                "this machine translation of a client page has not been reviewed",
            )
            .at(span)
            .with_help("have a qualified translator or clinician check it, then add `reviewed:` with `by:` and `on:`"),
        );
    }
}

/// One translation of a multilingual site and how it compares with its original.
#[derive(Debug, Clone)]
pub struct TranslationState {
    /// Language code.
    pub lang: String,
    /// The translation's path as shown to the author (`content/pages/about.es.md`).
    pub translation: std::path::PathBuf,
    /// Its original's path.
    pub original: std::path::PathBuf,
    /// Fresh, never marked, or stale with the sections that changed.
    pub freshness: Freshness,
}

/// Every translation of the site with its state, language by language (`attune translate
/// status`, and the files `attune translate mark --all` marks).
pub fn states(analysis: &Analysis) -> Vec<TranslationState> {
    let mut states = Vec::new();
    for view in &analysis.languages {
        for pair in pairs(&view.site, &analysis.site) {
            let original = analysis.sources.get(pair.original);
            states.push(TranslationState {
                lang: view.site.config.language.clone(),
                translation: analysis.sources.get(pair.translation).path.clone(),
                original: original.path.clone(),
                freshness: freshness(pair.record, &fingerprint(&original.text)),
            });
        }
    }
    states
}

/// The `translation-missing` findings alone, for `attune translate status`.
pub fn missing_translations(analysis: &Analysis) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let config = &analysis.site.config;
    for (view, language) in analysis.languages.iter().zip(config.languages.iter().skip(1)) {
        missing(&analysis.site, &view.site, language, &mut out);
    }
    out
}
