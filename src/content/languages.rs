//! Languages of a multilingual site: checking `languages:` in site.yaml, tying each translation
//! (`empathy.es.md`, beside `empathy.md`) to its original, and cutting the loaded site into one
//! view per language, each a complete [`Site`] the later stages resolve, index and render as
//! they would a monolingual one.
//!
//! A language's view holds its own documents, glossary entries and paths. Documents of the
//! default language that it has not translated are in it too, marked
//! [`foreign`](Doc::foreign): links, `related`, prerequisites and path steps naming them resolve
//! to the original, marked with its language, and they get no page of their own there.

use std::collections::{HashMap, HashSet};

use super::front_matter::find_value_span;
use super::model::{Doc, DocKind, ReadingPath, Site, Term};
use crate::config::{LanguageConfig, SiteConfig};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, SourceMap, Span};
use crate::ids::{DocId, Id, IdVec, PathId, TermId};

/// Checks `languages:` (codes well formed and unique, names given) and makes the first the
/// site's `language`. A `language:` that names another language is an error at its line: the
/// first language is the default, so the two would disagree about what the root serves.
pub(super) fn check_languages(
    config: &mut SiteConfig,
    file: FileId,
    text: &str,
    diagnostics: &mut Diagnostics,
) {
    let Some(first) = config.languages.first().map(|l| l.code.clone()) else { return };
    let whole = (0, text.len());
    let spans = code_spans(text);
    let mut seen = HashSet::new();
    for (n, language) in config.languages.iter().enumerate() {
        let code = &language.code;
        let span = match spans.get(n) {
            Some(&(start, end)) => Span::new(file, start, end),
            None => find_value_span(text, whole, "code", code, file),
        };
        if !is_language_code(code) {
            diagnostics.push(
                Diagnostic::error(Code::Language, format!("`{code}` is not a language code"))
                    .at(span)
                    .with_help(
                        "write the lower-case two- or three-letter code, e.g. `es` for Spanish",
                    ),
            );
        } else if !seen.insert(code.clone()) {
            diagnostics.push(
                Diagnostic::error(Code::Language, format!("language `{code}` is listed twice"))
                    .at(span)
                    .with_help("list each language once under `languages:`"),
            );
        }
        if language.name.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error(Code::Language, format!("language `{code}` has no `name`"))
                    .at(span)
                    .with_help("add `name:` with the language's name in itself, e.g. `name: Español`; the language switcher shows it"),
            );
        }
    }
    let written = text.lines().any(|line| line.starts_with("language:"));
    if written && config.language != first {
        let span = find_value_span(text, whole, "language", &config.language, file);
        diagnostics.push(
            Diagnostic::error(
                Code::Language,
                format!(
                    "`language: {}` disagrees with the first of `languages:` (`{first}`), which is the default language",
                    config.language
                ),
            )
            .at(span)
            .with_help(format!("write `language: {first}`, or put `{}` first under `languages:`", config.language)),
        );
    }
    config.language = first;
}

/// The byte range of each `code:` value under `languages:`, in order.
fn code_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut offset = 0;
    let mut inside = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if !line.starts_with([' ', '-', '\t']) && !trimmed.is_empty() {
            inside = trimmed.starts_with("languages:");
        } else if inside {
            let item = trimmed.trim_start_matches("- ");
            if let Some(value) = item.strip_prefix("code:") {
                let value_text = value.trim().trim_matches(['"', '\'']);
                let at = offset + line.len() - value.len() + value.find(value_text).unwrap_or(0);
                spans.push((at, at + value_text.len()));
            }
        }
        offset += line.len();
    }
    spans
}

/// A lower-case BCP 47 primary language subtag: two or three letters.
fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase())
}

/// Sets every translation's `original` and drops (with an error at the file's start) those
/// whose original does not exist: a translation of nothing would be a page only one language
/// has, with no page for its switcher to lead back to.
pub(super) fn link_translations(
    docs: &mut Vec<Doc>,
    terms: &mut Vec<Term>,
    paths: &mut Vec<ReadingPath>,
    default: &str,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) {
    let mut report = |file: FileId, what: &str| {
        let path = sources.get(file).path.display().to_string();
        let original = original_path(&path);
        diagnostics.push(
            Diagnostic::error(
                Code::Translation,
                format!("this translates `{original}`, which does not exist"),
            )
            .at(Span::new(file, 0, 0))
            .with_help(format!(
                "a translation sits beside its original {what} with the same name: create `{original}`, or rename this file after the original it translates"
            )),
        );
    };
    let doc_key = |d: &Doc| (d.kind != DocKind::Home).then(|| d.slug.clone());
    link(
        docs,
        default,
        |d| &d.lang,
        doc_key,
        |d, id| d.original = Some(id),
        |d| report(d.file, "document"),
    );
    let term_key = |t: &Term| Some(t.slug.clone());
    link(
        terms,
        default,
        |t| &t.lang,
        term_key,
        |t, id| t.original = Some(id),
        |t| report(t.file, "entry"),
    );
    let path_key = |p: &ReadingPath| Some(p.slug.clone());
    link(
        paths,
        default,
        |p| &p.lang,
        path_key,
        |p, id| p.original = Some(id),
        |p| report(p.file, "path"),
    );
    // The home page's original is the default language's home page.
    let home = docs.iter().position(|d| d.kind == DocKind::Home && d.lang == default);
    for doc in docs.iter_mut().filter(|d| d.kind == DocKind::Home && d.lang != default) {
        doc.original = home.map(DocId);
    }
}

/// `content/articles/a/empathy.es.md` -> `content/articles/a/empathy.md`.
fn original_path(path: &str) -> String {
    let Some(stem) = path.strip_suffix(".md") else { return path.to_string() };
    match stem.rsplit_once('.') {
        Some((base, _)) => format!("{base}.md"),
        None => path.to_string(),
    }
}

/// One collection's translations tied to their originals by key (slug); those without one are
/// reported and removed. Ids are the originals' positions, which the caller keeps.
fn link<T, I: Id>(
    items: &mut Vec<T>,
    default: &str,
    lang: impl Fn(&T) -> &String,
    key: impl Fn(&T) -> Option<String>,
    mut set: impl FnMut(&mut T, I),
    mut missing: impl FnMut(&T),
) {
    let originals: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .filter(|(_, item)| lang(item) == default)
        .filter_map(|(i, item)| Some((key(item)?, i)))
        .collect();
    let mut orphans = Vec::new();
    for (i, item) in items.iter_mut().enumerate() {
        if lang(item) == default {
            continue;
        }
        match key(item).and_then(|k| originals.get(&k)) {
            Some(&original) => set(item, I::from_index(original)),
            None if key(item).is_some() => orphans.push(i),
            None => {}
        }
    }
    for &i in orphans.iter().rev() {
        missing(&items[i]);
        items.remove(i);
    }
    // Removing orphans moved later items: re-point every translation by key.
    if !orphans.is_empty() {
        let originals: HashMap<String, usize> = items
            .iter()
            .enumerate()
            .filter(|(_, item)| lang(item) == default)
            .filter_map(|(i, item)| Some((key(item)?, i)))
            .collect();
        for item in items.iter_mut().filter(|item| lang(item) != default) {
            if let Some(&original) = key(item).and_then(|k| originals.get(&k)) {
                set(item, I::from_index(original));
            }
        }
    }
}

/// One language of the site as the later stages see it.
#[derive(Debug)]
pub struct LanguageView {
    /// The language's code, name and overrides.
    pub language: LanguageConfig,
    /// Its view of the site: its own documents, entries and paths (and the untranslated
    /// originals, marked foreign), with site.yaml's settings in this language.
    pub site: Site,
}

/// Cuts a multilingual site into one view per language, the default first. A monolingual site
/// gives no views: it is its own. In every view a translation's `original` is the id of its
/// original in the default language's view.
pub fn views(site: &Site) -> Vec<LanguageView> {
    let languages = &site.config.languages;
    let default = site.config.language.as_str();
    languages
        .iter()
        .map(|language| LanguageView {
            language: language.clone(),
            site: view(site, language, language.code == default),
        })
        .collect()
}

/// One language's view of the site.
fn view(site: &Site, language: &LanguageConfig, is_default: bool) -> Site {
    let code = language.code.as_str();
    let translated: HashSet<DocId> =
        site.docs.iter().filter(|d| d.lang == code).filter_map(|d| d.original).collect();
    let docs: Vec<Doc> = site
        .docs
        .iter_enumerated()
        .filter_map(|(id, doc)| {
            if doc.lang == code {
                let mut doc = doc.clone();
                // Bodies link with the original's paths: the translation answers to them.
                if let Some(original) = doc.original {
                    doc.source_path = site.doc(original).source_path.clone();
                }
                return Some(doc);
            }
            let untranslated = !is_default
                && doc.lang == site.config.language
                && doc.kind != DocKind::Home
                && !translated.contains(&id);
            untranslated.then(|| Doc { foreign: true, ..doc.clone() })
        })
        .collect();
    let default = site.config.language.as_str();
    // Ids of originals, re-pointed from the whole site into the default language's view.
    let doc_ids = default_ids(site.docs.iter().map(|d| d.lang == default));
    let term_ids = default_ids(site.terms.iter().map(|t| t.lang == default));
    let path_ids = default_ids(site.paths.iter().map(|p| p.lang == default));
    let mut docs = docs;
    for doc in docs.iter_mut() {
        doc.original =
            doc.original.and_then(|o| doc_ids.get(o.index()).copied().flatten()).map(DocId);
    }
    let mut terms: Vec<Term> = site.terms.iter().filter(|t| t.lang == code).cloned().collect();
    for term in terms.iter_mut() {
        term.original =
            term.original.and_then(|o| term_ids.get(o.index()).copied().flatten()).map(TermId);
    }
    let mut paths: Vec<ReadingPath> =
        site.paths.iter().filter(|p| p.lang == code).cloned().collect();
    for path in paths.iter_mut() {
        path.original =
            path.original.and_then(|o| path_ids.get(o.index()).copied().flatten()).map(PathId);
    }
    Site {
        root: site.root.clone(),
        config: site.config.for_language(language),
        docs: docs.into(),
        terms: terms.into(),
        paths: paths.into(),
        static_files: site.static_files.clone(),
        images: site.images.clone(),
        attachments: site.attachments.clone(),
        broken: site.broken.clone(),
        prefix: if is_default { String::new() } else { format!("{code}/") },
    }
}

/// For each item of the whole site, its position among the default language's items.
fn default_ids(is_default: impl Iterator<Item = bool>) -> Vec<Option<usize>> {
    let mut next = 0;
    is_default
        .map(|yes| {
            yes.then(|| {
                next += 1;
                next - 1
            })
        })
        .collect()
}

/// The translations of each original document, by language code: for the lead's freshness
/// checks and anything else that needs to walk from an original to its translations.
pub fn translations_of(site: &Site) -> IdVec<DocId, Vec<(String, DocId)>> {
    let mut out: IdVec<DocId, Vec<(String, DocId)>> = site.docs.map(|_| Vec::new());
    for (id, doc) in site.docs.iter_enumerated() {
        if let Some(original) = doc.original {
            out[original].push((doc.lang.clone(), id));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn original_path_drops_the_language() {
        assert_eq!(original_path("content/a/empathy.es.md"), "content/a/empathy.md");
        assert!(is_language_code("es") && !is_language_code("ES") && !is_language_code("e"));
    }
}
