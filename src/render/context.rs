//! Serialisable views handed to templates. Everything a template shows is computed here, up
//! front, with every internal link already made relative to the page it appears on, so
//! templates stay logic-free and the site works under any subpath and from `file://`.

use serde::Serialize;

use crate::content::model::{Reference, Site};
use crate::ids::{DocId, DocVec};
use crate::markdown::Rendered;
use crate::url::relative_url;

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Relative URL from the current page.
    pub href: String,
    /// Link text.
    pub title: String,
    /// The target's language, when it is an untranslated original in another language than
    /// the page's (templates mark the link with `hreflang` and a visible label).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<LangMark>,
}

impl Link {
    /// A link in the page's own language.
    pub fn new(href: String, title: String) -> Self {
        Link { href, title, lang: None }
    }
}

/// A language as a link to another language's page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct LangMark {
    /// `en`.
    pub code: String,
    /// `English`, as site.yaml names it.
    pub name: String,
}

impl LangMark {
    /// The mark of a language code, named as site.yaml's `languages:` names it.
    pub fn of(site: &Site, code: &str) -> LangMark {
        let name = site.config.languages.iter().find(|l| l.code == code);
        LangMark { code: code.to_string(), name: name.map_or(code, |l| l.name.as_str()).into() }
    }
}

/// An audience badge.
#[derive(Debug, Clone, Serialize)]
pub struct Badge {
    /// Audience id (for CSS and filters).
    pub id: String,
    /// Display label.
    pub label: String,
}

/// An article in a list.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    /// Relative URL.
    pub href: String,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Section title.
    pub section: String,
    /// Audience badges.
    pub audience: Vec<Badge>,
    /// Reading time in minutes.
    pub minutes: usize,
}

/// A reference, with a resolvable link when it has a DOI or URL.
#[derive(Debug, Clone, Serialize)]
pub struct ReferenceView {
    /// The citation.
    pub text: String,
    /// `https://doi.org/…` or the URL.
    pub href: Option<String>,
    /// The DOI, shown as text.
    pub doi: Option<String>,
    /// The reference formatted from the bibliography, as HTML (issue 24).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// The list item's id, which the page's citations link to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl ReferenceView {
    /// The view of a front matter reference.
    pub fn new(reference: &Reference) -> Self {
        let doi = reference
            .doi
            .as_ref()
            .map(|d| d.trim().trim_start_matches("https://doi.org/").to_string());
        let href =
            doi.as_ref().map(|d| format!("https://doi.org/{d}")).or_else(|| reference.url.clone());
        ReferenceView { text: reference.text.clone(), href, doi, html: None, id: None }
    }
}

/// Builds links relative to one page.
#[derive(Debug, Clone, Copy)]
pub struct Linker<'a> {
    /// The site.
    pub site: &'a Site,
    /// The current page's URL.
    pub from: &'a str,
    /// Offline (`file://`) links.
    pub offline: bool,
}

impl<'a> Linker<'a> {
    /// Relative URL to a site-root-relative URL.
    pub fn href(&self, to: &str) -> String {
        relative_url(self.from, to, self.offline)
    }

    /// Relative URL to a theme file (never rewritten to `index.html`). Each language has its
    /// own copy of the theme (its scripts speak the language), in its folder.
    pub fn asset(&self, to: &str) -> String {
        relative_url(self.from, to, false)
    }

    /// Relative URL to a file under `static/`, which every language shares at the site's root.
    pub fn static_file(&self, to: &str) -> String {
        if self.site.prefix.is_empty() {
            relative_url(self.from, to, false)
        } else {
            relative_url(&format!("{}{}", self.site.prefix, self.from), to, false)
        }
    }

    /// Relative URL to a page of the default language (at the root), from a page of any.
    pub fn root_href(&self, to: &str) -> String {
        relative_url(&format!("{}{}", self.site.prefix, self.from), to, self.offline)
    }

    /// A link to a document; an untranslated original is marked with its language.
    pub fn doc(&self, id: DocId) -> Link {
        let doc = self.site.doc(id);
        if doc.foreign {
            return Link {
                href: self.root_href(&doc.url),
                title: doc.meta.title.clone(),
                lang: Some(LangMark::of(self.site, &doc.lang)),
            };
        }
        Link::new(self.href(&doc.url), doc.meta.title.clone())
    }

    /// Audience badges of a list of ids.
    pub fn badges(&self, audience: &[String]) -> Vec<Badge> {
        audience
            .iter()
            .map(|id| Badge {
                id: id.clone(),
                label: self
                    .site
                    .config
                    .audience(id)
                    .map_or_else(|| id.clone(), |a| a.label.clone()),
            })
            .collect()
    }

    /// A card for an article.
    pub fn card(&self, id: DocId, rendered: &DocVec<Rendered>) -> Card {
        let doc = self.site.doc(id);
        Card {
            href: self.href(&doc.url),
            title: doc.meta.title.clone(),
            summary: doc.meta.summary.clone(),
            section: if doc.section.is_empty() {
                String::new()
            } else {
                self.site.config.section_title(&doc.section)
            },
            audience: self.badges(&doc.meta.audience),
            minutes: rendered.get(id).map_or(1, Rendered::reading_minutes),
        }
    }
}

/// The part of every page outside `<main>`: head metadata, header, footer.
#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    /// Site title.
    pub site_title: String,
    /// `<html lang>`.
    pub language: String,
    /// Page title (without the site title).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Relative path to the site root, for the header search form's `data-root`.
    pub root: String,
    /// Absolute canonical URL.
    pub canonical: String,
    /// OpenGraph type.
    pub og_type: String,
    /// Schema.org JSON-LD, already serialised and safe inside `<script>`.
    pub json_ld: String,
    /// Header navigation.
    pub nav: Vec<NavItem>,
    /// Stylesheet URL.
    pub style: String,
    /// URL of the second stylesheet, with the glossary, search, path and map pages' rules;
    /// those templates link it in their `styles` block (issue 26).
    pub pages_style: String,
    /// URL of the site's own `theme/extra.css`, linked after the default stylesheet; `None`
    /// when the site has none.
    pub extra_style: Option<String>,
    /// Highlight stylesheet URL, on pages with code.
    pub highlight_css: Option<String>,
    /// Site script URL.
    pub script: String,
    /// Search script URL (loaded on demand by the site script).
    pub search_script: String,
    /// Favicon URL.
    pub favicon: String,
    /// Search page URL.
    pub search_href: String,
    /// Home URL.
    pub home_href: String,
    /// Atom feed URL.
    pub feed_href: String,
    /// Footer details.
    pub footer: Footer,
    /// Whether links end in `index.html`.
    pub offline: bool,
    /// Live-reload endpoint when serving (never set by `attune build`).
    pub live_reload: Option<String>,
    /// The site's accent colour per scheme, when site.yaml sets one.
    pub accent: Option<AccentView>,
    /// The language switcher: every language that has this page, the current one marked;
    /// empty on a monolingual site.
    pub languages: Vec<crate::render::languages::LanguageLink>,
    /// `hreflang` alternates for `<head>` (with `x-default`); empty when only one language
    /// has the page.
    pub alternates: Vec<crate::render::languages::Alternate>,
}

/// The accent colours a page's head sets as CSS variables.
#[derive(Debug, Clone, Serialize)]
pub struct AccentView {
    /// `#rrggbb` on the light palette.
    pub light: String,
    /// `#rrggbb` on the dark palette.
    pub dark: String,
}

/// A header navigation entry.
#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// Relative URL.
    pub href: String,
    /// Label.
    pub label: String,
    /// Whether it is the current page's area.
    pub current: bool,
}

/// Footer details.
#[derive(Debug, Clone, Serialize)]
pub struct Footer {
    /// Organisation name.
    pub organisation: String,
    /// Organisation URL.
    pub organisation_url: String,
    /// Contact line.
    pub contact: String,
    /// Logo URL, if any.
    pub logo: Option<String>,
    /// The getting-help notice.
    pub help_notice: String,
    /// Link to the getting-help page, if the site has one.
    pub help: Option<Link>,
    /// Links to about and privacy pages, if present.
    pub pages: Vec<Link>,
}
