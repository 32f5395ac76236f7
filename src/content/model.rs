//! The content model: typed front matter as authors write it, and the loaded documents, terms
//! and paths of a site. Derived values (URLs, reading time, links) live beside the front matter,
//! never inside it.

use std::fmt;
use std::path::PathBuf;

use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize};

use super::translation::{TranslationKind, TranslationOf};
use crate::config::SiteConfig;
use crate::diagnostics::FileId;
use crate::ids::{DocId, DocVec, PathId, PathVec, TermId, TermVec};

/// Front matter of an article (and, with fewer keys, of pages).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ArticleMeta {
    /// Title (required).
    pub title: String,
    /// One- or two-sentence summary (required; Hugo's and Jekyll's `description` fills it).
    #[serde(default)]
    pub summary: String,
    /// Audiences declared in site.yaml (one, or a list).
    #[serde(default, deserialize_with = "one_or_many")]
    pub audience: Vec<String>,
    /// Section id; defaults to the folder under `articles/`.
    #[serde(default)]
    pub section: Option<String>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Slugs of related articles.
    #[serde(default)]
    pub related: Vec<String>,
    /// Slugs of articles to read first.
    #[serde(default)]
    pub prerequisites: Vec<String>,
    /// Sources.
    #[serde(default)]
    pub references: Vec<Reference>,
    /// Date of the last content update.
    #[serde(default)]
    pub updated: Option<Date>,
    /// Clinical review.
    #[serde(default)]
    pub reviewed: Option<Review>,
    /// Drafts build only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Ordering inside a section (lower first).
    #[serde(default)]
    pub weight: i32,
    /// "After reading you will be able to…".
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Reflection or discussion questions shown at the end.
    #[serde(default)]
    pub questions: Vec<String>,
    /// `false` turns automatic glossary linking off for this article.
    #[serde(default)]
    pub glossary: Option<bool>,
    /// Words and questions a reader would type for this page; indexed by search, shown nowhere.
    #[serde(default)]
    pub asks: Vec<String>,
    /// Obsidian's other names for a note: wiki link targets and search keywords.
    #[serde(default, deserialize_with = "one_or_many", skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Hugo and Jekyll: the summary (issue 27: other tools' keys are read at load and mapped
    /// onto attune's; none reaches a template).
    #[serde(default, skip_serializing)]
    pub description: Option<String>,
    /// Hugo and Jekyll: the publication date (`updated` when there is no `lastmod`).
    #[serde(default, skip_serializing)]
    pub date: Option<Date>,
    /// Hugo: the last modification date (`updated`).
    #[serde(default, skip_serializing)]
    pub lastmod: Option<Date>,
    /// Hugo and Jekyll: categories, added to `tags`.
    #[serde(default, deserialize_with = "one_or_many", skip_serializing)]
    pub categories: Vec<String>,
    /// Obsidian: CSS classes for the note (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub cssclasses: Option<IgnoredAny>,
    /// Obsidian Publish's switch (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub publish: Option<IgnoredAny>,
    /// Hugo and Jekyll: the template to use (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub layout: Option<IgnoredAny>,
    /// Jekyll: the output URL (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub permalink: Option<IgnoredAny>,
    /// Hugo and Jekyll: the URL's last part (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub slug: Option<IgnoredAny>,
    /// Hugo: the output URL (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub url: Option<IgnoredAny>,
    /// A translation: how it was made (`machine` or `human`).
    #[serde(default)]
    pub translation: Option<TranslationKind>,
    /// A translation: the version of its original it was made from (`attune translate mark`).
    #[serde(default)]
    pub translation_of: Option<TranslationOf>,
}

/// Other tools' keys an article accepts beside [`ARTICLE_KEYS`] (issue 27).
pub const FOREIGN_KEYS: &[&str] = &[
    "aliases",
    "description",
    "date",
    "lastmod",
    "categories",
    "cssclasses",
    "publish",
    "layout",
    "permalink",
    "slug",
    "url",
];

/// Accepts `audience: clients` as well as `audience: [clients, students]`.
fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

/// The keys an article's front matter accepts, for "did you mean".
pub const ARTICLE_KEYS: &[&str] = &[
    "title",
    "summary",
    "audience",
    "section",
    "tags",
    "related",
    "prerequisites",
    "references",
    "updated",
    "reviewed",
    "draft",
    "weight",
    "objectives",
    "questions",
    "glossary",
    "asks",
    "translation",
    "translation_of",
];

/// Front matter of a free page or the home page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PageMeta {
    /// Title (required).
    pub title: String,
    /// Summary for `<meta>` and search.
    #[serde(default)]
    pub summary: String,
    /// Drafts build only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Words and questions a reader would type for this page; indexed by search, shown nowhere.
    #[serde(default)]
    pub asks: Vec<String>,
    /// A translation: how it was made (`machine` or `human`).
    #[serde(default)]
    pub translation: Option<TranslationKind>,
    /// A translation: the version of its original it was made from (`attune translate mark`).
    #[serde(default)]
    pub translation_of: Option<TranslationOf>,
    /// Obsidian's other names for a note: wiki link targets and search keywords.
    #[serde(default, deserialize_with = "one_or_many", skip_serializing)]
    pub aliases: Vec<String>,
    /// Hugo and Jekyll: the summary.
    #[serde(default, skip_serializing)]
    pub description: Option<String>,
    /// Hugo and Jekyll: a date (warned: a page shows none).
    #[serde(default, skip_serializing)]
    pub date: Option<Date>,
    /// Hugo: a date (warned: a page shows none).
    #[serde(default, skip_serializing)]
    pub lastmod: Option<Date>,
    /// Hugo and Jekyll: categories (warned: a page has no tags).
    #[serde(default, deserialize_with = "one_or_many", skip_serializing)]
    pub categories: Vec<String>,
    /// Obsidian: CSS classes (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub cssclasses: Option<IgnoredAny>,
    /// Obsidian Publish's switch (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub publish: Option<IgnoredAny>,
    /// Hugo and Jekyll: the template (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub layout: Option<IgnoredAny>,
    /// Jekyll: the output URL (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub permalink: Option<IgnoredAny>,
    /// Hugo and Jekyll: the URL's last part (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub slug: Option<IgnoredAny>,
    /// Hugo: the output URL (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub url: Option<IgnoredAny>,
}

/// The keys a page's front matter accepts.
pub const PAGE_KEYS: &[&str] =
    &["title", "summary", "draft", "asks", "translation", "translation_of"];

/// One source.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The citation as it should read (empty when `cite` names a bibliography entry).
    #[serde(default)]
    pub text: String,
    /// The key of a bibliography entry to list, formatted in the site's style (issue 24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// DOI without the resolver prefix.
    #[serde(default)]
    pub doi: Option<String>,
    /// A URL for sources without a DOI.
    #[serde(default)]
    pub url: Option<String>,
}

/// A clinical review: who and when.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// Reviewer's name and role.
    pub by: String,
    /// Review date.
    pub on: Date,
}

/// A calendar date (`YYYY-MM-DD`), ordered and printable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(into = "String")]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month 1-12.
    pub month: u32,
    /// Day 1-31.
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.get(..2)?.parse().ok()?;
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Today's date (UTC), or `ATTUNE_TODAY` when set, so builds and tests are reproducible.
    pub fn today() -> Date {
        if let Some(date) = std::env::var("ATTUNE_TODAY").ok().and_then(|d| Date::parse(&d)) {
            return date;
        }
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's civil-from-days).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whole months from `self` to `later` (negative if `later` is earlier).
    pub fn months_until(&self, later: &Date) -> i32 {
        let mut months = (later.year - self.year) * 12 + later.month as i32 - self.month as i32;
        if later.day < self.day {
            months -= 1;
        }
        months
    }

    /// `22 November 2026`.
    pub fn long(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!("{} {} {}", self.day, MONTHS[(self.month as usize).clamp(1, 12) - 1], self.year)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("`{text}` is not a date; write it as YYYY-MM-DD"))
        })
    }
}

/// What kind of page a document becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// An article under `articles/<section>/`.
    Article,
    /// A free page under `pages/`.
    Page,
    /// `index.md`.
    Home,
}

/// A loaded Markdown document: its front matter and where its body is.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Article, page or home.
    pub kind: DocKind,
    /// File name without `.md`; unique across articles and pages.
    pub slug: String,
    /// Source text in the [`SourceMap`](crate::diagnostics::SourceMap).
    pub file: FileId,
    /// Path relative to `content/` with `/` separators (`articles/components/empathy.md`).
    pub source_path: String,
    /// Output URL relative to the site root (`articles/components/empathy/`; `""` for home).
    pub url: String,
    /// Section id for articles, `""` otherwise.
    pub section: String,
    /// Front matter (pages fill only title and summary).
    pub meta: ArticleMeta,
    /// Byte offset of the Markdown body in the source file.
    pub body_offset: usize,
    /// Language code: the site's language, or the code of a translation (`empathy.es.md`).
    pub lang: String,
    /// For a translation, the original it translates.
    pub original: Option<DocId>,
    /// In one language's view of a multilingual site: a document of the default language
    /// with no translation in this one, present so links to it resolve (to the original,
    /// marked with its language); it has no page in this language.
    pub foreign: bool,
}

/// A glossary entry.
#[derive(Debug, Clone)]
pub struct Term {
    /// File name without `.md`; the anchor on the glossary page.
    pub slug: String,
    /// Source file.
    pub file: FileId,
    /// Front matter.
    pub meta: TermMeta,
    /// Byte offset of the body.
    pub body_offset: usize,
    /// Language code.
    pub lang: String,
    /// For a translation, the original entry.
    pub original: Option<TermId>,
}

/// Front matter of a glossary entry.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TermMeta {
    /// The term as shown.
    pub term: String,
    /// Other names and abbreviations.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One plain sentence for tooltips and search (required; `description` fills it).
    #[serde(default)]
    pub short: String,
    /// Slugs of related terms.
    #[serde(default)]
    pub see_also: Vec<String>,
    /// Sources.
    #[serde(default)]
    pub references: Vec<Reference>,
    /// A translation: how it was made (`machine` or `human`).
    #[serde(default)]
    pub translation: Option<TranslationKind>,
    /// A translation: the version of its original it was made from (`attune translate mark`).
    #[serde(default)]
    pub translation_of: Option<TranslationOf>,
    /// Hugo and Jekyll: the short definition (`short`).
    #[serde(default, skip_serializing)]
    pub description: Option<String>,
    /// Hugo and Jekyll: a date (warned: an entry shows none).
    #[serde(default, skip_serializing)]
    pub date: Option<Date>,
    /// Hugo: a date (warned: an entry shows none).
    #[serde(default, skip_serializing)]
    pub lastmod: Option<Date>,
    /// Hugo and Jekyll: categories (warned: an entry has no tags).
    #[serde(default, deserialize_with = "one_or_many", skip_serializing)]
    pub categories: Vec<String>,
    /// Obsidian: CSS classes (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub cssclasses: Option<IgnoredAny>,
    /// Obsidian Publish's switch (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub publish: Option<IgnoredAny>,
    /// Hugo and Jekyll: the template (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub layout: Option<IgnoredAny>,
    /// Jekyll: the output URL (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub permalink: Option<IgnoredAny>,
    /// Hugo and Jekyll: the URL's last part (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub slug: Option<IgnoredAny>,
    /// Hugo: the output URL (ignored, with a warning).
    #[serde(default, skip_serializing)]
    pub url: Option<IgnoredAny>,
}

/// The keys a glossary entry accepts.
pub const TERM_KEYS: &[&str] =
    &["term", "aliases", "short", "see_also", "references", "translation", "translation_of"];

/// A reading path.
#[derive(Debug, Clone)]
pub struct ReadingPath {
    /// File name without `.md`.
    pub slug: String,
    /// Source file.
    pub file: FileId,
    /// Front matter.
    pub meta: PathMeta,
    /// Byte offset of the introduction.
    pub body_offset: usize,
    /// Byte range of the YAML block, to point at steps.
    pub yaml: (usize, usize),
    /// Language code.
    pub lang: String,
    /// For a translation, the original path.
    pub original: Option<PathId>,
}

/// Front matter of a reading path.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PathMeta {
    /// Title.
    pub title: String,
    /// Audiences (one, or a list).
    #[serde(default, deserialize_with = "one_or_many")]
    pub audience: Vec<String>,
    /// One-sentence summary.
    pub summary: String,
    /// Ordered steps.
    pub steps: Vec<Step>,
    /// A translation: how it was made (`machine` or `human`).
    #[serde(default)]
    pub translation: Option<TranslationKind>,
    /// A translation: the version of its original it was made from (`attune translate mark`).
    #[serde(default)]
    pub translation_of: Option<TranslationOf>,
}

/// The keys a path accepts.
pub const PATH_KEYS: &[&str] =
    &["title", "audience", "summary", "steps", "translation", "translation_of"];

/// One step of a reading path.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Article slug.
    pub article: String,
    /// Why this step.
    #[serde(default)]
    pub note: String,
    /// Optional steps are marked as such.
    #[serde(default)]
    pub optional: bool,
}

/// A static file to copy as it is.
#[derive(Debug, Clone)]
pub struct StaticFile {
    /// Absolute source path.
    pub source: PathBuf,
    /// Output path relative to the site root.
    pub output: String,
}

/// Everything loaded from a site folder, before any Markdown is rendered.
#[derive(Debug)]
pub struct Site {
    /// The site root folder.
    pub root: PathBuf,
    /// Settings.
    pub config: SiteConfig,
    /// Articles, pages and the home page.
    pub docs: DocVec<Doc>,
    /// Glossary entries, sorted by term.
    pub terms: TermVec<Term>,
    /// Reading paths, sorted by slug.
    pub paths: PathVec<ReadingPath>,
    /// Files under `static/`.
    pub static_files: Vec<StaticFile>,
    /// The raster images among the static files, with their sizes.
    pub images: crate::media::Images,
    /// Images elsewhere under `content/` (issue 27: `![[diagram.png]]` next to its note), by
    /// `content/`-relative path. Each is published, at that path, only where a note embeds it.
    pub attachments: Vec<StaticFile>,
    /// Files whose front matter failed: known slugs that links may name without a new error.
    pub broken: super::broken::BrokenFiles,
    /// In one language's view of a multilingual site, where its pages go: `es/`; `""` for the
    /// default language and for monolingual sites. URLs in the model stay relative to the
    /// language's root; the prefix is added where a link leaves it (assets, originals).
    pub prefix: String,
}

impl Site {
    /// The home document, if the site has an `index.md`.
    pub fn home(&self) -> Option<&Doc> {
        self.docs.iter().find(|d| d.kind == DocKind::Home)
    }

    /// Ids of the articles, in document order (in a language's view, its own articles only).
    pub fn article_ids(&self) -> impl Iterator<Item = DocId> + '_ {
        self.docs
            .iter_enumerated()
            .filter(|(_, d)| d.kind == DocKind::Article && !d.foreign)
            .map(|(id, _)| id)
    }

    /// The document with this slug (article or page).
    pub fn doc_by_slug(&self, slug: &str) -> Option<DocId> {
        self.docs.position(|d| d.kind != DocKind::Home && d.slug == slug)
    }

    /// The document behind an id.
    pub fn doc(&self, id: DocId) -> &Doc {
        &self.docs[id]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field names serde reads for `T` (every field serialises, none is renamed).
    fn field_names<T: Serialize + Default>() -> Vec<String> {
        match serde_json::to_value(T::default()) {
            Ok(serde_json::Value::Object(map)) => map.keys().cloned().collect(),
            other => panic!("not a struct: {other:?}"),
        }
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
        keys.sort();
        keys
    }

    /// Issue 17: the did-you-mean key lists are exactly the keys the serde structs accept, so
    /// adding a field cannot forget its list.
    #[test]
    fn key_lists_match_the_front_matter_types() {
        assert_eq!(sorted(ARTICLE_KEYS), field_names::<ArticleMeta>());
        assert_eq!(sorted(PAGE_KEYS), field_names::<PageMeta>());
        assert_eq!(sorted(TERM_KEYS), field_names::<TermMeta>());
        assert_eq!(sorted(PATH_KEYS), field_names::<PathMeta>());
        assert_eq!(sorted(crate::content::CONFIG_KEYS), field_names::<crate::config::SiteConfig>());
    }

    #[test]
    fn parses_and_rejects_dates() {
        assert_eq!(Date::parse("2026-02-28").map(|d| d.to_string()), Some("2026-02-28".into()));
        assert_eq!(Date::parse("2026-02-30"), None);
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse("soon"), None);
    }

    #[test]
    fn civil_from_days_matches_known_dates() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_779).to_string(), "2026-11-22");
    }

    #[test]
    fn months_until_counts_whole_months() {
        let a = Date::parse("2025-11-23").unwrap();
        let b = Date::parse("2026-11-22").unwrap();
        assert_eq!(a.months_until(&b), 11);
        assert_eq!(Date::parse("2025-11-22").unwrap().months_until(&b), 12);
    }
}
