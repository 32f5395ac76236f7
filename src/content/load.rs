//! Loading one Markdown file: split its front matter, parse it as the file's place demands
//! (article, page, glossary entry, reading path) and check what serde cannot (empty required
//! keys, audiences and sections site.yaml does not declare). Every check reads one
//! [`Header`]: the file, its text and where its YAML is.

mod foreign;

use std::path::Path;

use super::front_matter::{self, parse_yaml, split_front_matter};
use super::model::*;
use super::{Loaded, Place, check_slug, slash_path};
use crate::config::SiteConfig;
use crate::diagnostics::{Code, Diagnostic, FileId, SourceMap, Span};

/// One file's front matter, as every per-kind loader and check reads it.
pub(super) struct Header<'a> {
    text: &'a str,
    file: FileId,
    yaml: (usize, usize),
    body_offset: usize,
    /// File name without `.md`.
    slug: String,
    /// Path relative to `content/`.
    relative: &'a Path,
    config: &'a SiteConfig,
    /// Language code: the site's, or a translation's (`empathy.es.md`).
    lang: String,
}

/// Loads one file found under `content/`.
pub(super) fn load_file(
    content: &Path,
    path: &Path,
    place: Place,
    file: FileId,
    sources: &SourceMap,
    config: &SiteConfig,
    notes: &mut Vec<Diagnostic>,
) -> Result<Loaded, Diagnostic> {
    let text = &sources.get(file).text;
    let relative = path.strip_prefix(content).unwrap_or(path);
    let stem = relative.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (slug, lang) = split_language(stem, config, file, &sources.get(file).path)?;
    if place == Place::Home && slug != "index" {
        return Ok(Loaded::Skipped);
    }
    let Some(split) = split_front_matter(text, file)? else {
        if text.trim().is_empty() {
            return Err(Diagnostic::error(Code::FrontMatter, "the file is empty")
                .in_file(&sources.get(file).path)
                .with_help("add front matter with a title and summary, or delete the file"));
        }
        return Err(Diagnostic::error(Code::FrontMatter, "the file has no front matter")
            .at(Span::new(file, 0, text.find('\n').unwrap_or(text.len()).min(1)))
            .with_help("start the file with a `---` line, then `title: ...` and `summary: ...`, then `---`"));
    };
    check_slug(&slug, file, notes);
    notes.extend(super::yaml_hints::check_list_items(text, split.yaml, file));
    let header = Header {
        text,
        file,
        yaml: split.yaml,
        body_offset: split.body_offset,
        slug,
        relative,
        config,
        lang,
    };
    match place {
        Place::Article => header.article(notes).map(Loaded::Doc),
        Place::Page => header.page(false, notes).map(Loaded::Doc),
        Place::Home => header.page(true, notes).map(Loaded::Doc),
        Place::Term => header.term(notes).map(Loaded::Term),
        Place::Path => header.path(notes).map(Loaded::Path),
        Place::Config | Place::Static | Place::Attachment => Ok(Loaded::Skipped),
    }
}

impl Header<'_> {
    fn parse<T: serde::de::DeserializeOwned>(&self, keys: &[&str]) -> Result<T, Diagnostic> {
        parse_yaml(self.text, self.yaml, self.file, keys)
    }

    fn span_of(&self, key: &str, value: &str) -> Span {
        front_matter::find_value_span(self.text, self.yaml, key, value, self.file)
    }

    fn source_path(&self) -> String {
        slash_path(self.relative)
    }

    /// An article under `articles/<section>/`.
    fn article(self, notes: &mut Vec<Diagnostic>) -> Result<Doc, Diagnostic> {
        let mut meta: ArticleMeta = self.parse(ARTICLE_KEYS)?;
        self.adopt_foreign_keys(&mut meta, notes)?;
        self.check_required(&meta.title, "title", notes);
        self.check_required(&meta.summary, "summary", notes);
        self.check_audiences(&meta.audience, notes);
        let folder = self.relative.parent().and_then(|p| p.strip_prefix("articles").ok());
        let folder_section = folder.map(slash_path).filter(|s| !s.is_empty());
        let written = match meta.section.clone() {
            Some(section) if !is_safe_section(&section) => {
                notes.push(self.unsafe_section(&section));
                None
            }
            other => other,
        };
        // Folders are sections; directly under `articles/` is the top section (id "").
        // A `section:` key is checked against the folders once all are known (`sections`).
        let section = written.or(folder_section).unwrap_or_default();
        Ok(Doc {
            kind: DocKind::Article,
            url: format!("{}{}/", crate::config::section_url(&section), self.slug),
            source_path: self.source_path(),
            slug: self.slug,
            file: self.file,
            section,
            meta,
            body_offset: self.body_offset,
            lang: self.lang,
            original: None,
            foreign: false,
        })
    }

    /// A free page under `pages/`, or `index.md` (`home`).
    fn page(self, home: bool, notes: &mut Vec<Diagnostic>) -> Result<Doc, Diagnostic> {
        let mut page: PageMeta = self.parse(PAGE_KEYS)?;
        self.adopt_page_foreign_keys(home, &mut page, notes);
        self.check_required(&page.title, "title", notes);
        let meta = ArticleMeta {
            title: page.title,
            summary: page.summary,
            draft: page.draft,
            asks: page.asks,
            translation: page.translation,
            translation_of: page.translation_of,
            aliases: page.aliases,
            ..ArticleMeta::default()
        };
        Ok(Doc {
            kind: if home { DocKind::Home } else { DocKind::Page },
            url: if home { String::new() } else { format!("{}/", self.slug) },
            source_path: self.source_path(),
            slug: if home { "index".into() } else { self.slug },
            file: self.file,
            section: String::new(),
            meta,
            body_offset: self.body_offset,
            lang: self.lang,
            original: None,
            foreign: false,
        })
    }

    /// A glossary entry.
    fn term(self, notes: &mut Vec<Diagnostic>) -> Result<Term, Diagnostic> {
        let mut meta: TermMeta = self.parse(TERM_KEYS)?;
        self.adopt_term_foreign_keys(&mut meta, notes)?;
        self.check_required(&meta.term, "term", notes);
        self.check_required(&meta.short, "short", notes);
        Ok(Term {
            slug: self.slug,
            file: self.file,
            meta,
            body_offset: self.body_offset,
            lang: self.lang,
            original: None,
        })
    }

    /// A reading path.
    fn path(self, notes: &mut Vec<Diagnostic>) -> Result<ReadingPath, Diagnostic> {
        let meta: PathMeta = self.parse(PATH_KEYS)?;
        self.check_required(&meta.title, "title", notes);
        self.check_audiences(&meta.audience, notes);
        Ok(ReadingPath {
            slug: self.slug,
            file: self.file,
            meta,
            body_offset: self.body_offset,
            yaml: self.yaml,
            lang: self.lang,
            original: None,
        })
    }

    fn check_required(&self, value: &str, key: &str, notes: &mut Vec<Diagnostic>) {
        if value.trim().is_empty() {
            notes.push(
                Diagnostic::error(Code::MissingKey, format!("`{key}` is empty"))
                    .at(self.span_of(key, key))
                    .with_help(format!("write a {key}: readers and search use it")),
            );
        }
    }

    fn check_audiences(&self, audiences: &[String], notes: &mut Vec<Diagnostic>) {
        let config = self.config;
        for audience in audiences.iter().filter(|a| config.audience(a).is_none()) {
            let declared: Vec<&str> = config.audiences.iter().map(|a| a.id.as_str()).collect();
            let diagnostic = Diagnostic::error(
                Code::UndeclaredAudience,
                format!("audience `{audience}` is not declared in site.yaml"),
            )
            .at(self.span_of("audience", audience))
            .with_suggestion(audience, declared.iter().copied());
            let diagnostic = if diagnostic.help.is_none() {
                diagnostic.with_help(format!(
                    "declared audiences: {}; add `{audience}` under `audiences` in site.yaml to use it",
                    declared.join(", ")
                ))
            } else {
                diagnostic
            };
            notes.push(diagnostic);
        }
    }

    fn unsafe_section(&self, section: &str) -> Diagnostic {
        Diagnostic::error(Code::UnsafePath, format!("section `{section}` is not a folder name; its pages would be written outside the site"))
            .at(self.span_of("section", section))
            .with_help("write the section's id as declared in site.yaml, e.g. `section: components`, or leave it out to use the folder")
    }
}

/// The slug and language of a file from its name: `empathy.es` is the Spanish translation of
/// `empathy` on a site that declares `es`; on a monolingual site the name is the slug, as ever.
fn split_language(
    stem: String,
    config: &SiteConfig,
    file: FileId,
    path: &Path,
) -> Result<(String, String), Diagnostic> {
    let default = config.language.clone();
    let Some((base, code)) = stem.rsplit_once('.') else { return Ok((stem, default)) };
    let looks_like_code =
        (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase());
    if !config.is_multilingual() || !looks_like_code || base.is_empty() {
        return Ok((stem, default));
    }
    let at = Span::new(file, 0, 0);
    let declared: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    if code == default {
        let original = path.with_file_name(format!("{base}.md"));
        return Err(Diagnostic::error(
            Code::Translation,
            format!("`{code}` is the default language, whose files have no language suffix"),
        )
        .at(at)
        .with_help(format!("rename the file to `{}`", original.display())));
    }
    if !declared.contains(&code) {
        return Err(Diagnostic::error(
            Code::Translation,
            format!("this file is a translation into `{code}`, which site.yaml does not declare"),
        )
        .at(at)
        .with_help(format!(
            "add `- code: {code}` (with its `name`) under `languages:` in content/site.yaml; the declared languages are: {}",
            declared.join(", ")
        )));
    }
    Ok((base.to_string(), code.to_string()))
}

/// Whether a section id is made of plain folder names: it becomes part of output paths, so
/// `../../x` or an absolute path would write outside the output folder.
fn is_safe_section(section: &str) -> bool {
    section
        .split('/')
        .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'))
}
