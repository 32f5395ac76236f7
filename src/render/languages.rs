//! The pages of a multilingual site across its languages: which page exists in which language
//! (for `hreflang` alternates, the language switcher and the sitemap), the "not translated
//! yet" pages that stand in for a missing translation, and the one sitemap of every language.
//!
//! Every language renders its pages at the same URLs under its own prefix (`es/`), so "the
//! same page in another language" is the same URL in that language's set.

use std::collections::HashMap;

use serde::Serialize;

use crate::output::OutputFile;
use crate::render::context::LangMark;
use crate::render::{Page, Resolved, escape_xml};
use crate::url::relative_url;

/// One language's pages: their URLs (relative to the language's root) and titles.
#[derive(Debug)]
pub struct LanguagePages {
    /// Code (`es`).
    pub code: String,
    /// Name as site.yaml gives it (`Español`).
    pub name: String,
    /// Output folder (`es/`; `""` for the default language).
    pub prefix: String,
    /// Page URL -> title, for every page the language has.
    pub pages: HashMap<String, String>,
    /// URLs listed in the sitemap (pages a search engine should know).
    pub listed: Vec<String>,
}

/// Every language's pages, the default first.
#[derive(Debug, Default)]
pub struct Languages {
    /// In site.yaml order.
    pub languages: Vec<LanguagePages>,
    /// `base_url` with one trailing slash.
    pub base_url: String,
}

impl Languages {
    /// Collects the pages of each language's render view (the default language's first).
    pub fn new(views: &[&Resolved<'_>]) -> Self {
        let languages = views
            .iter()
            .map(|r| {
                let pages: HashMap<String, String> = super::all_pages(r)
                    .iter()
                    .map(|p| (page_url(r, p), page_title(r, p)))
                    .collect();
                let code = r.site.config.language.clone();
                LanguagePages {
                    name: LangMark::of(r.site, &code).name,
                    code,
                    prefix: r.site.prefix.clone(),
                    listed: super::feeds::sitemap_urls(r, &super::sections(r))
                        .into_iter()
                        .map(|(url, _)| url)
                        .collect(),
                    pages,
                }
            })
            .collect();
        let base_url = views.first().map(|r| r.site.config.base_url()).unwrap_or_default();
        Languages { languages, base_url }
    }

    /// The default language's pages that `language` lacks: each gets a "not translated yet"
    /// page there. Tag listings are left out (each language tags in its own words), and so is
    /// the 404 page (every language has one).
    pub fn missing_in(&self, code: &str) -> Vec<Page> {
        let (Some(default), Some(language)) =
            (self.languages.first(), self.languages.iter().find(|l| l.code == code))
        else {
            return Vec::new();
        };
        let mut missing: Vec<Page> = default
            .pages
            .keys()
            .filter(|url| !language.pages.contains_key(*url) && !url.starts_with("tags/"))
            .map(|url| Page::Untranslated(url.clone()))
            .collect();
        missing.sort();
        missing
    }

    /// The title of a page in the default language.
    pub fn original_title(&self, url: &str) -> Option<&str> {
        self.languages.first()?.pages.get(url).map(String::as_str)
    }

    /// The switcher of a page at `url` in `current`: every language that has the page (the
    /// current one marked), linked relative to the page.
    pub fn switcher(&self, current: &str, url: &str, offline: bool) -> Vec<LanguageLink> {
        let Some(here) = self.languages.iter().find(|l| l.code == current) else {
            return Vec::new();
        };
        let from = format!("{}{url}", here.prefix);
        self.languages
            .iter()
            .filter(|l| l.code == current || l.pages.contains_key(url))
            .map(|l| LanguageLink {
                code: l.code.clone(),
                name: l.name.clone(),
                href: relative_url(&from, &format!("{}{url}", l.prefix), offline),
                current: l.code == current,
            })
            .collect()
    }

    /// `<link rel="alternate" hreflang>` of a page: every language that has it, and
    /// `x-default` for the default language's; none when only one language has it.
    pub fn alternates(&self, url: &str) -> Vec<Alternate> {
        let having: Vec<&LanguagePages> =
            self.languages.iter().filter(|l| l.pages.contains_key(url)).collect();
        if having.len() < 2 {
            return Vec::new();
        }
        let mut alternates: Vec<Alternate> = having
            .iter()
            .map(|l| Alternate {
                code: l.code.clone(),
                href: format!("{}{}{url}", self.base_url, l.prefix),
            })
            .collect();
        if let Some(default) = self.languages.first().filter(|d| d.pages.contains_key(url)) {
            let href = format!("{}{}{url}", self.base_url, default.prefix);
            alternates.push(Alternate { code: "x-default".into(), href });
        }
        alternates
    }

    /// The sitemap of every language, each URL with its alternates as `xhtml:link`; split
    /// into a sitemap index above the protocol's limit, like a one-language site's.
    pub fn sitemaps(&self) -> Vec<OutputFile> {
        let mut urls = Vec::new();
        for language in &self.languages {
            for url in &language.listed {
                let loc = format!("{}{}{url}", self.base_url, language.prefix);
                let mut line = format!("  <url><loc>{}</loc>", escape_xml(&loc));
                for alternate in self.alternates(url) {
                    line.push_str(&format!(
                        "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                        escape_xml(&alternate.code),
                        escape_xml(&alternate.href)
                    ));
                }
                line.push_str("</url>\n");
                urls.push(line);
            }
        }
        let namespaces = " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\"";
        super::feeds::sitemaps(&self.base_url, namespaces, &urls, super::feeds::SITEMAP_MAX_URLS)
    }
}

/// A language in the switcher.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageLink {
    /// `es`, for `lang` and `hreflang`.
    pub code: String,
    /// `Español`.
    pub name: String,
    /// The same page in that language, relative to this page.
    pub href: String,
    /// Whether it is the page's own language.
    pub current: bool,
}

/// One `<link rel="alternate" hreflang>`.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// Language code, or `x-default`.
    pub code: String,
    /// Absolute URL.
    pub href: String,
}

/// `sitemap.xml` or one of the `sitemap-N.xml` an index lists.
fn is_sitemap(path: &str) -> bool {
    path.starts_with("sitemap") && path.ends_with(".xml") && !path.contains('/')
}

/// A page's URL relative to its language's root.
pub(crate) fn page_url(r: &Resolved<'_>, page: &Page) -> String {
    match page {
        Page::Doc(id) => r.site.doc(*id).url.clone(),
        Page::Section(id) => crate::config::section_url(id),
        Page::SectionPage(id, n) => super::paginate::page_url(&crate::config::section_url(id), *n),
        Page::Glossary => "glossary/".into(),
        Page::Path(id) => format!("paths/{}/", r.site.paths[*id].slug),
        Page::Packet(id) => format!("paths/{}/print/", r.site.paths[*id].slug),
        Page::Key(id) => format!("paths/{}/print/key/", r.site.paths[*id].slug),
        Page::Paths => "paths/".into(),
        Page::Search => "search/".into(),
        Page::Tag(tag) => format!("tags/{tag}/"),
        Page::TagPage(tag, n) => super::paginate::page_url(&format!("tags/{tag}/"), *n),
        Page::Tags => "tags/".into(),
        Page::Map => "map/".into(),
        Page::NotFound => "404.html".into(),
        Page::Untranslated(url) => url.clone(),
        Page::UsedIn(t, n) => {
            super::paginate::page_url(&super::pages::used_in_url(&r.site.terms[*t].slug), *n)
        }
        Page::LinkedFrom(id, n) => {
            super::paginate::page_url(&super::pages::linked_from_url(&r.site.doc(*id).url), *n)
        }
    }
}

/// A page's title, for the "not translated yet" page that names it.
fn page_title(r: &Resolved<'_>, page: &Page) -> String {
    match page {
        Page::Doc(id) => r.site.doc(*id).meta.title.clone(),
        Page::Path(id) | Page::Packet(id) | Page::Key(id) => r.site.paths[*id].meta.title.clone(),
        Page::Section(id) => r.site.config.section_title(id),
        _ => String::new(),
    }
}

/// The files outside pages of a multilingual site: the theme and static files once, each
/// language's feed in its folder, robots.txt, and one sitemap of every language.
pub fn site_files(
    views: &[Resolved<'_>],
    languages: &Languages,
    theme: &[(String, Vec<u8>)],
) -> crate::error::Result<Vec<OutputFile>> {
    let Some((default, others)) = views.split_first() else { return Ok(Vec::new()) };
    let mut files = super::site_files(default, theme)?;
    files.retain(|f| !is_sitemap(&f.path));
    files.extend(languages.sitemaps());
    for r in others {
        // Images a translation embeds that its original does not, published once like static files.
        for file in super::attachment_files(r) {
            if !files.iter().any(|f| f.path == file.path) {
                files.push(file);
            }
        }
        let feed = super::feeds::atom(r);
        files.push(OutputFile::bytes(format!("{}atom.xml", r.site.prefix), feed));
        let theme_files = super::site_files(r, theme)?.into_iter();
        let theme_files = theme_files.filter(|f| f.path.starts_with("theme/"));
        files.extend(
            theme_files.map(|f| OutputFile { path: format!("{}{}", r.site.prefix, f.path), ..f }),
        );
    }
    Ok(files)
}
