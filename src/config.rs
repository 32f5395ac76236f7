//! Site settings from `content/site.yaml`: title, audiences, sections, branding, search synonyms,
//! readability limits and review policy. Unknown keys are errors (with "did you mean"), like
//! article front matter. The first stage of the pipeline reads this before any article.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Everything `site.yaml` can set. Every field has a default, so an empty file is a valid site.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title, shown in the header and `<title>`.
    pub title: String,
    /// One-sentence description for the home page and `<meta name="description">`.
    pub description: String,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// Absolute URL the site is published at, used for canonical links, the feed and sitemap.
    pub base_url: String,
    /// Who the articles are for, in display order.
    pub audiences: Vec<Audience>,
    /// Article sections (folders under `articles/`), in display order.
    pub sections: Vec<SectionConfig>,
    /// Branding: organisation, logo, accent colour, contact.
    pub organisation: Organisation,
    /// The getting-help notice shown in every page footer (plain text; may be empty).
    pub help_notice: String,
    /// Search settings.
    pub search: SearchConfig,
    /// Clinical review policy.
    pub review: ReviewPolicy,
    /// Markdown settings.
    pub markdown: MarkdownConfig,
    /// Lint settings for `attune check`.
    pub lints: LintConfig,
    /// Whether the first mention of glossary terms is linked automatically.
    pub glossary_autolink: bool,
    /// Image widths, quality and size budget.
    pub images: ImageConfig,
    /// How long listings may grow before they are split or capped (large sites).
    pub limits: LimitConfig,
    /// Overrides of attune's UI strings for the site's language (src/strings/en.yaml
    /// lists the keys); a language without a built-in table must give them all.
    pub strings: BTreeMap<String, String>,
    /// The site's languages, the default first (served at the root, the others under
    /// `/<code>/`); empty for a monolingual site in `language`.
    pub languages: Vec<LanguageConfig>,
    /// Citation settings (the bibliography's style).
    pub citations: CitationConfig,
    /// Knowledge-check settings (course or clinic style).
    pub knowledge_checks: KnowledgeChecks,
    /// Print settings (the packets' paper size).
    pub print: PrintConfig,
}

/// `print:` in site.yaml: how printable packets are laid out on paper.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct PrintConfig {
    /// `a4` or `letter` (checked when site.yaml is loaded); unset, Letter when `language` names
    /// a region that uses it (`en-US`), else A4.
    pub paper: Option<String>,
}

/// A paper size for printed packets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// ISO A4, 210 x 297 mm: most of the world.
    A4,
    /// US Letter, 8.5 x 11 in.
    Letter,
}

/// Regions whose default paper is US Letter (CLDR's `paperSize` data); everywhere else uses A4.
const LETTER_REGIONS: &[&str] =
    &["BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"];

impl Paper {
    /// The paper `print.paper` names (`a4`, `letter`, in any case), if it is one.
    pub fn parse(name: &str) -> Option<Paper> {
        match name.to_ascii_lowercase().as_str() {
            "a4" => Some(Paper::A4),
            "letter" => Some(Paper::Letter),
            _ => None,
        }
    }

    /// The paper a BCP 47 language tag's region uses (`en-US`: Letter; `en`, `en-GB`: A4).
    pub fn for_language(tag: &str) -> Paper {
        // The region is the first two-letter subtag after the language (`es-Latn-MX`: MX).
        let region = tag.split(['-', '_']).skip(1).find(|s| s.len() == 2);
        match region {
            Some(r) if LETTER_REGIONS.iter().any(|l| l.eq_ignore_ascii_case(r)) => Paper::Letter,
            _ => Paper::A4,
        }
    }

    /// The CSS `@page { size }` keyword.
    pub fn css(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "letter",
        }
    }
}

/// `knowledge_checks:` in site.yaml.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct KnowledgeChecks {
    /// `course` (verdicts, and the path page counts checks done) or `clinic` ("check your
    /// understanding", never a score or a count).
    pub style: QuizStyle,
}

/// How knowledge checks speak to the reader.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuizStyle {
    /// For courses: "Knowledge check", correct or incorrect, a count on the path page.
    #[default]
    Course,
    /// For clinics: "Check your understanding", never a score.
    Clinic,
}

/// `citations:` in site.yaml: how citations from `content/bibliography.bib` are formatted.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CitationConfig {
    /// A CSL style bundled with hayagriva, by name (`apa`, `chicago-author-date`, `ieee`, …).
    pub style: String,
}

impl Default for CitationConfig {
    fn default() -> Self {
        CitationConfig { style: "american-psychological-association".into() }
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Untitled site".into(),
            description: String::new(),
            language: "en".into(),
            base_url: "https://example.org/".into(),
            audiences: vec![
                Audience { client_facing: true, ..Audience::new("clients", "Clients", 8.0) },
                Audience::new("students", "Students", 12.0),
                Audience::new("clinicians", "Clinicians", 14.0),
            ],
            sections: Vec::new(),
            organisation: Organisation::default(),
            help_notice: "If you are in danger or thinking about harming yourself, contact your \
                          local emergency services now."
                .into(),
            search: SearchConfig::default(),
            review: ReviewPolicy::default(),
            markdown: MarkdownConfig::default(),
            lints: LintConfig::default(),
            glossary_autolink: true,
            images: ImageConfig::default(),
            limits: LimitConfig::default(),
            citations: CitationConfig::default(),
            knowledge_checks: KnowledgeChecks::default(),
            print: PrintConfig::default(),
            strings: BTreeMap::new(),
            languages: Vec::new(),
        }
    }
}

/// One language of a multilingual site (`languages:` in site.yaml), with what it overrides.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// Lower-case BCP 47 primary tag (`en`, `es`).
    pub code: String,
    /// The language's name in itself (`Español`), shown in the language switcher.
    pub name: String,
    /// Site title in this language.
    #[serde(default)]
    pub title: Option<String>,
    /// Site description in this language.
    #[serde(default)]
    pub description: Option<String>,
    /// The getting-help notice in this language.
    #[serde(default)]
    pub help_notice: Option<String>,
    /// Section titles and descriptions in this language, by section id.
    #[serde(default)]
    pub sections: BTreeMap<String, SectionText>,
    /// Search settings in this language (same shape as the top-level `search:`).
    #[serde(default)]
    pub search: Option<SearchConfig>,
    /// UI string overrides in this language, by key.
    #[serde(default)]
    pub strings: BTreeMap<String, String>,
    /// Which articles must have a translation in this language (`translation-missing`):
    /// audience ids and `path:<slug>` entries; unset means every client-facing article, `[]`
    /// none.
    #[serde(default)]
    pub require_translation: Option<Vec<String>>,
    /// Audience labels in this language, by audience id (`clients: Pacientes`).
    #[serde(default)]
    pub audiences: BTreeMap<String, String>,
}

/// A section's title and description in one language.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionText {
    /// Display title.
    #[serde(default)]
    pub title: Option<String>,
    /// One or two sentences for the section page.
    #[serde(default)]
    pub description: Option<String>,
}

impl SiteConfig {
    /// Whether the site declares more than its one language.
    pub fn is_multilingual(&self) -> bool {
        !self.languages.is_empty()
    }

    /// The settings as one language sees them: `language` set to its code and its title,
    /// description, help notice, sections and search in place of the defaults.
    pub fn for_language(&self, language: &LanguageConfig) -> SiteConfig {
        let mut config = self.clone();
        // The paper follows the site's own region (`en-US`), which a language's code drops.
        config.print.paper = Some(self.paper().css().to_string());
        config.language = language.code.clone();
        if let Some(title) = &language.title {
            config.title = title.clone();
        }
        if let Some(description) = &language.description {
            config.description = description.clone();
        }
        if let Some(notice) = &language.help_notice {
            config.help_notice = notice.clone();
        }
        if let Some(search) = &language.search {
            config.search = search.clone();
        }
        // site.yaml's top-level `strings` are the default language's; each language's own
        // `strings` override its built-in table.
        if language.code != self.language {
            config.strings = language.strings.clone();
        } else {
            config.strings.extend(language.strings.clone());
        }
        for audience in &mut config.audiences {
            if let Some(label) = language.audiences.get(&audience.id) {
                audience.label = label.clone();
            }
        }
        for section in &mut config.sections {
            let Some(text) = language.sections.get(&section.id) else { continue };
            if let Some(title) = &text.title {
                section.title = title.clone();
            }
            if let Some(description) = &text.description {
                section.description = description.clone();
            }
        }
        config
    }
}

/// One audience an article can be written for.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    /// The value used in front matter (`clients`).
    pub id: String,
    /// Display label (`Clients`).
    pub label: String,
    /// Highest Flesch-Kincaid grade `check` accepts without a warning.
    #[serde(default = "default_max_grade")]
    pub max_grade: f64,
    /// Lowest Szigriszt-Pazos score on the INFLESZ scale `check` accepts for Spanish pages
    /// without a warning (55 is "normal", 65 "bastante fácil"); unset, Spanish pages are not
    /// held to a limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_inflesz: Option<f64>,
    /// Pages for this audience are client-facing: `check` holds them to the plain-language
    /// lints (long paragraphs) and expects the site to give a contact.
    #[serde(default)]
    pub client_facing: bool,
}

fn default_max_grade() -> f64 {
    12.0
}

impl Audience {
    fn new(id: &str, label: &str, max_grade: f64) -> Self {
        Audience {
            id: id.into(),
            label: label.into(),
            max_grade,
            min_inflesz: None,
            client_facing: false,
        }
    }
}

/// One section of articles.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectionConfig {
    /// Folder name under `articles/`.
    pub id: String,
    /// Display title.
    pub title: String,
    /// One or two sentences for the section page.
    #[serde(default)]
    pub description: String,
}

/// Branding and contact details.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Organisation {
    /// Organisation name shown in the footer.
    pub name: String,
    /// Site-relative path of a logo under `static/`.
    pub logo: String,
    /// Accent colour: `#rrggbb` for the light palette (the dark one is derived), or
    /// `{ light: "#…", dark: "#…" }`; each must reach 4.5:1 on its own background.
    pub accent: Accent,
    /// Contact line (address, phone, e-mail) shown in the footer.
    pub contact: String,
    /// The organisation's own website.
    pub url: String,
}

/// The accent colour of links and buttons, per colour scheme.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Accent {
    /// One colour for the light palette; the dark palette's is derived from it.
    One(String),
    /// A colour for each palette.
    Pair {
        /// Light palette.
        light: String,
        /// Dark palette.
        dark: String,
    },
}

impl Default for Accent {
    fn default() -> Self {
        Accent::One(String::new())
    }
}

impl Accent {
    /// Whether the site sets no accent (the theme's own is used).
    pub fn is_empty(&self) -> bool {
        matches!(self, Accent::One(c) if c.is_empty())
    }

    /// The colour as written for a scheme, if written (a derived dark accent is not).
    pub fn written(&self, scheme: crate::palette::Scheme) -> Option<&str> {
        use crate::palette::Scheme;
        match (self, scheme) {
            (Accent::One(c), Scheme::Light) => Some(c),
            (Accent::One(_), Scheme::Dark) => None,
            (Accent::Pair { light, .. }, Scheme::Light) => Some(light),
            (Accent::Pair { dark, .. }, Scheme::Dark) => Some(dark),
        }
    }

    /// The colour of each scheme as `#rrggbb`, `None` when unset or not a colour.
    pub fn resolve(&self) -> Option<(String, String)> {
        use crate::palette::{Scheme, derive_dark_accent, hex, parse_hex_colour};
        if self.is_empty() {
            return None;
        }
        let light = parse_hex_colour(self.written(Scheme::Light)?)?;
        let dark = match self.written(Scheme::Dark) {
            Some(dark) => parse_hex_colour(dark)?,
            None => derive_dark_accent(light),
        };
        Some((hex(light), hex(dark)))
    }
}

/// Search settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchConfig {
    /// Extra query expansions: a word readers type -> words the site uses.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Above this many documents the index is split into shards loaded on demand.
    pub shard_threshold_docs: usize,
    /// Slug of the page (or article) that crisis wording in a query puts first, with the
    /// help notice above the results. Default: the `getting-help` page, if the site has one.
    pub help_page: Option<String>,
    /// Crisis and self-harm wording, added to (or replacing) attune's built-in list.
    pub crisis: CrisisConfig,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            synonyms: BTreeMap::new(),
            shard_threshold_docs: 2000,
            help_page: None,
            crisis: CrisisConfig::default(),
        }
    }
}

/// Crisis wording for search (`search.crisis` in site.yaml).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CrisisConfig {
    /// Extra phrases in the site's language ("want to disappear").
    pub phrases: Vec<String>,
    /// `false` drops attune's built-in list for the site's language, keeping only `phrases`.
    pub builtin: bool,
}

impl Default for CrisisConfig {
    fn default() -> Self {
        CrisisConfig { phrases: Vec::new(), builtin: true }
    }
}

/// When articles need a fresh clinical review.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReviewPolicy {
    /// Whether reviews are tracked at all.
    pub enabled: bool,
    /// Age in months after which a review is overdue.
    pub max_age_months: u32,
    /// Whether an article without `reviewed` gets a warning.
    pub required: bool,
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        ReviewPolicy { enabled: true, max_age_months: 12, required: false }
    }
}

/// Markdown rendering settings.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Pass raw HTML through (trusted authors) or escape it.
    pub raw_html: bool,
    /// Read `$…$` and `$$…$$` as LaTeX math (off by default: a clinic's "$50-$80" is prices).
    pub math: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig { raw_html: true, math: false }
    }
}

/// Which lint codes `check` keeps quiet about.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LintConfig {
    /// Codes silenced everywhere.
    pub allow: Vec<String>,
    /// Codes silenced per file: path relative to the site root -> codes.
    pub allow_in: BTreeMap<String, Vec<String>>,
}

impl SiteConfig {
    /// The audience with this id, if declared.
    pub fn audience(&self, id: &str) -> Option<&Audience> {
        self.audiences.iter().find(|a| a.id == id)
    }

    /// Whether site.yaml marks the audience `id` as client-facing.
    pub fn is_client_facing(&self, id: &str) -> bool {
        self.audience(id).is_some_and(|a| a.client_facing)
    }

    /// The display title of a section id, falling back to the folder's name in sentence case
    /// (`rupture-and-repair` -> `Rupture and repair`; the top `articles/` folder: `Articles`).
    pub fn section_title(&self, id: &str) -> String {
        match self.sections.iter().find(|s| s.id == id) {
            Some(section) => section.title.clone(),
            None if id.is_empty() => "Articles".into(),
            None => title_case(id.rsplit('/').next().unwrap_or(id)),
        }
    }

    /// The packets' paper: `print.paper`, else the one `language`'s region uses.
    pub fn paper(&self) -> Paper {
        match self.print.paper.as_deref().and_then(Paper::parse) {
            Some(paper) => paper,
            None => Paper::for_language(&self.language),
        }
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }

    /// The path part of `base_url` (`/handbook/` for `https://x.org/handbook`).
    pub fn base_path(&self) -> String {
        let after_scheme =
            self.base_url.split_once("://").map_or(self.base_url.as_str(), |(_, r)| r);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        format!("/{}", path.trim_matches('/')).trim_end_matches('/').to_string() + "/"
    }
}

/// The site-root-relative URL of a section's page: `articles/<id>/`, or `articles/` for the
/// articles written directly under `articles/` (the section whose id is empty).
pub fn section_url(id: &str) -> String {
    if id.is_empty() { "articles/".into() } else { format!("articles/{id}/") }
}

/// `rupture-and-repair` -> `Rupture and repair`.
pub fn title_case(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_keeps_subpath() {
        let mut config = SiteConfig {
            base_url: "https://clinic.example/handbook".into(),
            ..SiteConfig::default()
        };
        assert_eq!(config.base_path(), "/handbook/");
        assert_eq!(config.base_url(), "https://clinic.example/handbook/");
        config.base_url = "https://clinic.example".into();
        assert_eq!(config.base_path(), "/");
    }

    #[test]
    fn paper_follows_the_region_unless_set() {
        assert_eq!(Paper::for_language("en"), Paper::A4);
        assert_eq!(Paper::for_language("en-GB"), Paper::A4);
        assert_eq!(Paper::for_language("en-US"), Paper::Letter);
        assert_eq!(Paper::for_language("es-Latn-mx"), Paper::Letter);
        assert_eq!(Paper::for_language("es-419"), Paper::A4);
        let mut config = SiteConfig { language: "en-US".into(), ..SiteConfig::default() };
        assert_eq!(config.paper(), Paper::Letter);
        config.print.paper = Some("A4".into());
        assert_eq!(config.paper(), Paper::A4);
    }

    #[test]
    fn title_case_replaces_dashes() {
        assert_eq!(title_case("rupture-and-repair"), "Rupture and repair");
    }
}

/// How images are written: the widths of their resized copies, JPEG quality, size budget.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct ImageConfig {
    /// Widths in pixels of the resized copies offered in `srcset` (never wider than the image).
    pub widths: Vec<u32>,
    /// JPEG quality (1-100) of resized photos.
    pub jpeg_quality: u8,
    /// `check` warns about an image whose written file is larger than this, in kilobytes.
    pub budget_kb: u64,
}

impl Default for ImageConfig {
    fn default() -> Self {
        ImageConfig { widths: vec![480, 960, 1440], jpeg_quality: 82, budget_kb: 500 }
    }
}

/// Limits that keep every page small on a large site.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct LimitConfig {
    /// Articles per section or tag page; longer listings are split into numbered pages.
    pub page_size: usize,
    /// Entries listed under a glossary term's "used in" and an article's "Linked from"; the
    /// rest are counted ("and 120 more"), so a page stays small on a very large site.
    pub list_cap: usize,
    /// Entries in the Atom feed (the most recently updated).
    pub feed_entries: usize,
}

impl Default for LimitConfig {
    fn default() -> Self {
        LimitConfig { page_size: 200, list_cap: 50, feed_entries: 50 }
    }
}
