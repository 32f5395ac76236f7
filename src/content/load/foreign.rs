//! Other tools' front matter (issue 27): an Obsidian note or a Hugo or Jekyll post loads as it
//! was written, as an article, a page or a glossary entry. Keys with an attune meaning are
//! mapped onto attune's (`description` is an article's or page's summary and an entry's
//! `short`, `date` and `lastmod` an article's update date, `categories` an article's tags,
//! `aliases` more names to link by); keys that do nothing for that kind of file get a warning
//! that says so and what attune does instead. Typos of attune's own keys stay errors with a
//! "did you mean": only this known list is let through.

use serde::de::IgnoredAny;

use super::Header;
use crate::content::model::{ArticleMeta, Date, PageMeta, TermMeta};
use crate::diagnostics::{Code, Diagnostic, Span};

/// The kind of file other tools' keys are read in, which decides what each key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Article,
    Page,
    Home,
    Term,
}

/// What attune does instead of a key it ignores in a file of `kind`.
fn instead(kind: Kind, key: &str) -> &'static str {
    use Kind::*;
    match (key, kind) {
        ("cssclasses", _) => {
            "Obsidian's `cssclasses` does nothing here: every page shares the theme; add CSS in `theme/extra.css`"
        }
        ("publish", Term) => {
            "Obsidian Publish's `publish` does nothing here: every glossary entry is published; delete the file to leave one out"
        }
        ("publish", _) => {
            "Obsidian Publish's `publish` does nothing here: every file under `content/` is published; write `draft: true` to hold one back"
        }
        ("layout", Article) => {
            "`layout` does nothing here: every article uses `templates/article.html`; `attune eject article.html` to change it"
        }
        ("layout", Page) => {
            "`layout` does nothing here: every page uses `templates/page.html`; `attune eject page.html` to change it"
        }
        ("layout", Home) => {
            "`layout` does nothing here: the home page uses `templates/home.html`; `attune eject home.html` to change it"
        }
        ("layout", Term) => {
            "`layout` does nothing here: entries are shown on the glossary page, `templates/glossary.html`; `attune eject glossary.html` to change it"
        }
        ("permalink" | "url", Article) => {
            "`{key}` does nothing here: the URL is the folder and file name (`articles/<section>/<file>/`); move or rename the file to change it"
        }
        ("permalink" | "url" | "slug", Page) => {
            "`{key}` does nothing here: a page's URL is its file name (`<file>/`); rename the file to change it"
        }
        ("permalink" | "url" | "slug", Home) => {
            "`{key}` does nothing here: the home page is always the site's root"
        }
        ("permalink" | "url" | "slug", Term) => {
            "`{key}` does nothing here: an entry is at `glossary/#<file>`, its file name; rename the file to change it"
        }
        ("slug", _) => {
            "`slug` does nothing here: the slug is the file name; rename the file to change it"
        }
        ("date" | "lastmod", Term) => "`{key}` does nothing here: glossary entries show no date",
        ("date" | "lastmod", _) => {
            "`{key}` does nothing here: pages show no date (an article's `updated` is the date readers see)"
        }
        ("categories", Term) => {
            "`categories` does nothing here: glossary entries have no tags; link related entries with `see_also`"
        }
        _ => {
            "`categories` does nothing here: pages have no tags; only articles are listed on tag pages"
        }
    }
}

/// The keys every kind of file ignores, each with whether the file wrote it.
fn ignored(
    cssclasses: &Option<IgnoredAny>,
    publish: &Option<IgnoredAny>,
    layout: &Option<IgnoredAny>,
    permalink: &Option<IgnoredAny>,
    slug: &Option<IgnoredAny>,
    url: &Option<IgnoredAny>,
) -> [(&'static str, bool); 6] {
    [
        ("cssclasses", cssclasses.is_some()),
        ("publish", publish.is_some()),
        ("layout", layout.is_some()),
        ("permalink", permalink.is_some()),
        ("slug", slug.is_some()),
        ("url", url.is_some()),
    ]
}

/// `date`, `lastmod` and `categories` where they mean nothing (pages, glossary entries).
fn undated(
    date: Option<Date>,
    lastmod: Option<Date>,
    categories: &[String],
) -> [(&'static str, bool); 3] {
    [
        ("date", date.is_some()),
        ("lastmod", lastmod.is_some()),
        ("categories", !categories.is_empty()),
    ]
}

impl Header<'_> {
    /// Maps other tools' keys onto an article's `meta` and warns about the ignored ones. An
    /// article with neither `summary` nor `description` is the same `missing-key` error as before.
    pub(super) fn adopt_foreign_keys(
        &self,
        meta: &mut ArticleMeta,
        notes: &mut Vec<Diagnostic>,
    ) -> Result<(), Diagnostic> {
        self.take_description(&mut meta.summary, meta.description.take(), "summary")?;
        if meta.updated.is_none() {
            meta.updated = meta.lastmod.or(meta.date);
        }
        for category in std::mem::take(&mut meta.categories) {
            if !meta.tags.contains(&category) {
                meta.tags.push(category);
            }
        }
        let m = &*meta;
        let written = ignored(&m.cssclasses, &m.publish, &m.layout, &m.permalink, &m.slug, &m.url);
        self.warn_ignored(Kind::Article, &written, notes);
        Ok(())
    }

    /// The same for a page or the home page: `description` is its summary, `aliases` stay
    /// (the loader hands them on); the rest is warned about.
    pub(super) fn adopt_page_foreign_keys(
        &self,
        home: bool,
        meta: &mut PageMeta,
        notes: &mut Vec<Diagnostic>,
    ) {
        if let Some(description) = meta.description.take() {
            if meta.summary.is_empty() {
                meta.summary = description;
            }
        }
        let kind = if home { Kind::Home } else { Kind::Page };
        let m = &*meta;
        self.warn_ignored(kind, &undated(m.date, m.lastmod, &m.categories), notes);
        let written = ignored(&m.cssclasses, &m.publish, &m.layout, &m.permalink, &m.slug, &m.url);
        self.warn_ignored(kind, &written, notes);
    }

    /// The same for a glossary entry: `description` is its `short` definition, which one of
    /// them must give; the rest is warned about.
    pub(super) fn adopt_term_foreign_keys(
        &self,
        meta: &mut TermMeta,
        notes: &mut Vec<Diagnostic>,
    ) -> Result<(), Diagnostic> {
        self.take_description(&mut meta.short, meta.description.take(), "short")?;
        let m = &*meta;
        self.warn_ignored(Kind::Term, &undated(m.date, m.lastmod, &m.categories), notes);
        let written = ignored(&m.cssclasses, &m.publish, &m.layout, &m.permalink, &m.slug, &m.url);
        self.warn_ignored(Kind::Term, &written, notes);
        Ok(())
    }

    /// `description` fills `key` (`summary`, `short`) when that is not written; with neither
    /// key written, the `missing-key` error serde gave before other tools' keys were read.
    fn take_description(
        &self,
        value: &mut String,
        description: Option<String>,
        key: &str,
    ) -> Result<(), Diagnostic> {
        match description {
            Some(description) if value.is_empty() => *value = description,
            Some(_) => {}
            None if value.is_empty() && self.find_key(key).is_none() => {
                let yaml = self.yaml.0;
                return Err(Diagnostic::error(
                    Code::MissingKey,
                    format!("the front matter has no `{key}`"),
                )
                .at(Span::new(self.file, yaml.saturating_sub(4), yaml.saturating_sub(1)))
                .with_help(format!("add a line `{key}: ...` between the `---` lines")));
            }
            None => {}
        }
        Ok(())
    }

    fn warn_ignored(
        &self,
        kind: Kind,
        written: &[(&'static str, bool)],
        notes: &mut Vec<Diagnostic>,
    ) {
        for (key, _) in written.iter().filter(|(_, present)| *present) {
            notes.push(
                Diagnostic::warning(Code::ForeignKey, format!("attune ignores the key `{key}`"))
                    .at(self.span_of(key, key))
                    .with_help(instead(kind, key).replace("{key}", key)),
            );
        }
    }

    /// Where a top-level key is written in the YAML block, if it is.
    fn find_key(&self, key: &str) -> Option<usize> {
        let block = &self.text[self.yaml.0..self.yaml.1];
        let mut offset = 0;
        for line in block.split_inclusive('\n') {
            let rest = line.strip_prefix(key).map(str::trim_start);
            if rest.is_some_and(|r| r.starts_with(':')) {
                return Some(self.yaml.0 + offset);
            }
            offset += line.len();
        }
        None
    }
}
