//! A reading path as an IMS Common Cartridge 1.3 (`.imscc`) for an LMS: one module (the
//! organisation's one top item) per path and one item per step. By default each item is
//! web content, the step's page with its images and the theme's stylesheet:
//!
//! ```text
//! imsmanifest.xml
//! web_resources/pages/01-slug.html    one page per step, and glossary.html
//! web_resources/static/…              the images the pages show
//! web_resources/theme/style.css       the site's theme (and highlight.css for code)
//! ```
//!
//! With `--links` each item is a web link (`links/01-slug.xml`) to the published article.
//! Knowledge checks stay inside the pages; QTI quizzes are out of scope.

use std::collections::BTreeSet;

use crate::error::Result;
use crate::html::{escape_attr, escape_text};
use crate::ids::PathId;
use crate::render::Resolved;

use super::book::Book;
use super::page::{self, Flavour};
use super::zip::{Method, ZipWriter};

const NS_CP: &str = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1";
const NS_LOM: &str = "http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest";
const NS_WL: &str = "http://www.imsglobal.org/xsd/imsccv1p3/imswl_v1p3";
const SCHEMAS: &str = "http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1 http://www.imsglobal.org/profile/cc/ccv1p3/ccv1p3_imscp_v1p2_v1p0.xsd http://ltsc.ieee.org/xsd/imsccv1p3/LOM/manifest http://www.imsglobal.org/profile/cc/ccv1p3/LOM/ccv1p3_lommanifest_v1p0.xsd";

/// One resource of the manifest.
struct Resource {
    identifier: String,
    kind: &'static str,
    href: Option<String>,
    files: Vec<String>,
    dependency: Option<&'static str>,
}

/// The cartridge with each step's page as web content.
pub fn web_content(
    r: &Resolved<'_>,
    path: PathId,
    base_url: Option<&str>,
    theme: &[(String, Vec<u8>)],
) -> Result<super::Archive> {
    let book = Book::new(r, path, "html", base_url);
    let lang = &r.site.config.language;
    let mut assets = BTreeSet::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut resources = Vec::new();
    let bodies: Vec<String> =
        (0..book.steps.len()).map(|n| page::step(&book, n, &mut assets)).collect();
    let has_code = bodies.iter().any(|b| b.contains("class=\"code\""));
    let sheets = stylesheets(r, theme, has_code);
    let css: Vec<String> = sheets.iter().map(|(name, _)| format!("../theme/{name}")).collect();
    let css: Vec<&str> = css.iter().map(String::as_str).collect();
    for (n, (step, body)) in book.steps.iter().zip(bodies).enumerate() {
        let title = &r.site.doc(step.doc).meta.title;
        let file = format!("web_resources/pages/{}", step.file);
        files.push((
            file.clone(),
            page::document(Flavour::Web, lang, title, &css, &body).into_bytes(),
        ));
        resources.push(Resource {
            identifier: format!("R_{:02}", n + 1),
            kind: "webcontent",
            href: Some(file.clone()),
            files: vec![file],
            dependency: Some("R_SHARED"),
        });
    }
    let glossary = page::document(Flavour::Web, lang, "Glossary", &css, &page::glossary(&book));
    files.push((format!("web_resources/pages/{}", book.glossary_file), glossary.into_bytes()));
    for (site_path, bytes) in book.asset_bytes(&assets)? {
        files.push((format!("web_resources/static/{site_path}"), bytes));
    }
    for (name, bytes) in sheets {
        files.push((format!("web_resources/theme/{name}"), bytes));
    }
    let shared: Vec<String> = files
        .iter()
        .map(|(name, _)| name.clone())
        .filter(|name| !resources.iter().any(|r| r.href.as_ref() == Some(name)))
        .collect();
    resources.push(Resource {
        identifier: "R_SHARED".into(),
        kind: "webcontent",
        href: None,
        files: shared,
        dependency: None,
    });
    pack(&book, &resources, files)
}

/// The stylesheets a page links, in order: the theme's two, the highlighting's when a step has
/// code, the site's accent colour when site.yaml sets one, and the site's `extra.css`.
fn stylesheets(
    r: &Resolved<'_>,
    theme: &[(String, Vec<u8>)],
    has_code: bool,
) -> Vec<(String, Vec<u8>)> {
    let theme_file = |wanted: &str| theme.iter().find(|(name, _)| name == wanted).cloned();
    // pages.css holds the rules of the path and glossary pages the cartridge's cover and
    // glossary borrow (step notes, the glossary's entries).
    let mut sheets: Vec<(String, Vec<u8>)> =
        ["style.css", "pages.css"].into_iter().filter_map(theme_file).collect();
    if has_code {
        sheets.push(("highlight.css".into(), crate::markdown::highlight::theme_css().into()));
    }
    if let Some((light, dark)) = r.site.config.organisation.accent.resolve() {
        // The same rules the site's pages carry in their head.
        let css = format!(
            ":root{{--accent:{light}}}:root[data-theme=\"dark\"]{{--accent:{dark}}}@media (prefers-color-scheme:dark){{:root:not([data-theme=\"light\"]){{--accent:{dark}}}}}\n"
        );
        sheets.push(("accent.css".into(), css.into_bytes()));
    }
    sheets.extend(theme_file(crate::render::overrides::EXTRA_CSS));
    sheets
}

/// The cartridge with each step as a web link to the published article.
pub fn links(r: &Resolved<'_>, path: PathId, base_url: &str) -> Result<super::Archive> {
    let book = Book::new(r, path, "html", Some(base_url));
    let mut files = Vec::new();
    let mut resources = Vec::new();
    for (n, step) in book.steps.iter().enumerate() {
        let url = book.published(step.doc).unwrap_or_default();
        let title = &r.site.doc(step.doc).meta.title;
        let file = format!("links/{:02}-{}.xml", n + 1, r.site.doc(step.doc).slug);
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<webLink xmlns=\"{NS_WL}\">\n<title>{}</title>\n<url href=\"{}\" target=\"_blank\"/>\n</webLink>\n",
            escape_text(title),
            escape_attr(&url)
        );
        files.push((file.clone(), xml.into_bytes()));
        resources.push(Resource {
            identifier: format!("R_{:02}", n + 1),
            kind: "imswl_xmlv1p3",
            href: None,
            files: vec![file],
            dependency: None,
        });
    }
    pack(&book, &resources, files)
}

/// The manifest: metadata, one organisation holding one module of one item per step, and
/// the resources.
fn manifest(book: &Book<'_>, resources: &[Resource]) -> String {
    let site = book.r.site;
    let path = &site.paths[book.path];
    let lang = escape_attr(&site.config.language);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest identifier=\"M_{}\" xmlns=\"{NS_CP}\" xmlns:lomimscc=\"{NS_LOM}\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"{SCHEMAS}\">\n<metadata>\n<schema>IMS Common Cartridge</schema>\n<schemaversion>1.3.0</schemaversion>\n<lomimscc:lom>\n<lomimscc:general>\n<lomimscc:title><lomimscc:string language=\"{lang}\">{}</lomimscc:string></lomimscc:title>\n<lomimscc:language>{lang}</lomimscc:language>\n<lomimscc:description><lomimscc:string language=\"{lang}\">{}</lomimscc:string></lomimscc:description>\n</lomimscc:general>\n</lomimscc:lom>\n</metadata>\n",
        identifier(&path.slug),
        escape_text(&path.meta.title),
        escape_text(&path.meta.summary)
    );
    out.push_str(&format!(
        "<organizations>\n<organization identifier=\"O_1\" structure=\"rooted-hierarchy\">\n<item identifier=\"I_ROOT\">\n<item identifier=\"I_MODULE\">\n<title>{}</title>\n",
        escape_text(&path.meta.title)
    ));
    for (n, step) in book.steps.iter().enumerate() {
        out.push_str(&format!(
            "<item identifier=\"I_{0:02}\" identifierref=\"R_{0:02}\">\n<title>{1}</title>\n</item>\n",
            n + 1,
            escape_text(&site.doc(step.doc).meta.title)
        ));
    }
    out.push_str("</item>\n</item>\n</organization>\n</organizations>\n<resources>\n");
    for resource in resources {
        let href = resource
            .href
            .as_ref()
            .map(|h| format!(" href=\"{}\"", escape_attr(h)))
            .unwrap_or_default();
        out.push_str(&format!(
            "<resource identifier=\"{}\" type=\"{}\"{href}>\n",
            resource.identifier, resource.kind
        ));
        for file in &resource.files {
            out.push_str(&format!("<file href=\"{}\"/>\n", escape_attr(file)));
        }
        if let Some(dependency) = resource.dependency {
            out.push_str(&format!("<dependency identifierref=\"{dependency}\"/>\n"));
        }
        out.push_str("</resource>\n");
    }
    out.push_str("</resources>\n</manifest>\n");
    out
}

/// An XML id from a slug (ids may not start with a digit).
fn identifier(slug: &str) -> String {
    slug.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect()
}

/// Zips the manifest and the files, in name order.
fn pack(
    book: &Book<'_>,
    resources: &[Resource],
    mut files: Vec<(String, Vec<u8>)>,
) -> Result<super::Archive> {
    files.push(("imsmanifest.xml".into(), manifest(book, resources).into_bytes()));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut zip = ZipWriter::new();
    for (name, bytes) in &files {
        zip.add(name, bytes, Method::Deflate)?;
    }
    Ok((zip.finish()?, files.len()))
}
