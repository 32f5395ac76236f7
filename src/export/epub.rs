//! A reading path as an EPUB 3 book (EPUB 3.2: OCF container, package document, navigation
//! document, plus an NCX for EPUB 2 readers). Layout inside the zip:
//!
//! ```text
//! mimetype                    first and stored, as OCF requires
//! META-INF/container.xml      points at the package document
//! EPUB/package.opf            metadata, manifest, spine
//! EPUB/nav.xhtml, toc.ncx     navigation
//! EPUB/style.css              the book's stylesheet
//! EPUB/pages/*.xhtml          cover, one page per step, glossary, references
//! EPUB/static/…               the images the steps show
//! ```

use std::collections::BTreeSet;

use crate::error::{Error, Result};
use crate::html::{escape_attr, escape_text};
use crate::ids::PathId;
use crate::render::Resolved;

use super::book::Book;
use super::page::{self, Flavour};
use super::zip::{Method, ZipWriter};

/// The book's stylesheet: readable on e-readers, the term tooltips hidden (the glossary
/// appendix holds the definitions).
const BOOK_CSS: &str = include_str!("book.css");

/// One file of the book, under `EPUB/`.
struct Item {
    id: String,
    href: String,
    media_type: &'static str,
    properties: Option<&'static str>,
    bytes: Vec<u8>,
}

/// The EPUB of a path, and how many files it holds.
pub fn epub(r: &Resolved<'_>, path: PathId, base_url: Option<&str>) -> Result<super::Archive> {
    let book = Book::new(r, path, "xhtml", base_url);
    let (pages, assets) = content_pages(&book);
    let mut items = vec![Item {
        id: "css".into(),
        href: "style.css".into(),
        media_type: "text/css",
        properties: None,
        bytes: BOOK_CSS.as_bytes().to_vec(),
    }];
    let spine: Vec<String> = pages.iter().map(|i| i.id.clone()).collect();
    let toc: Vec<(String, String)> =
        pages.iter().map(|i| (i.href.clone(), title_of(&book, i))).collect();
    items.extend(pages);
    for (site_path, bytes) in book.asset_bytes(&assets)? {
        let media_type = image_type(&site_path)?;
        let id = format!("img-{}", items.len());
        items.push(Item {
            id,
            href: format!("static/{site_path}"),
            media_type,
            properties: None,
            bytes,
        });
    }
    let meta = Meta::new(&book);
    items.push(Item {
        id: "nav".into(),
        href: "nav.xhtml".into(),
        media_type: "application/xhtml+xml",
        properties: Some("nav"),
        bytes: nav(&book, &meta, &toc).into_bytes(),
    });
    items.push(Item {
        id: "ncx".into(),
        href: "toc.ncx".into(),
        media_type: "application/x-dtbncx+xml",
        properties: None,
        bytes: ncx(&meta, &toc).into_bytes(),
    });
    pack(&meta, &items, &spine)
}

/// The cover, the steps, the glossary and the references, in reading order, and the static
/// files they show.
fn content_pages(book: &Book<'_>) -> (Vec<Item>, BTreeSet<String>) {
    let lang = &book.r.site.config.language;
    let mut assets = BTreeSet::new();
    let css = ["../style.css"];
    let path_title = &book.r.site.paths[book.path].meta.title;
    let xhtml = |id: String, file: &str, title: &str, body: String| Item {
        id,
        href: format!("pages/{file}"),
        media_type: "application/xhtml+xml",
        properties: body.contains("<svg").then_some("svg"),
        bytes: page::document(Flavour::Epub, lang, title, &css, &body).into_bytes(),
    };
    let mut pages =
        vec![xhtml("cover".into(), "cover.xhtml", path_title, page::cover(book, &mut assets))];
    for (n, step) in book.steps.iter().enumerate() {
        let title = &book.r.site.doc(step.doc).meta.title;
        pages.push(xhtml(
            format!("step-{}", n + 1),
            &step.file,
            title,
            page::step(book, n, &mut assets),
        ));
    }
    pages.push(xhtml("glossary".into(), &book.glossary_file, "Glossary", page::glossary(book)));
    pages.push(xhtml(
        "references".into(),
        "references.xhtml",
        "References",
        page::all_references(book),
    ));
    (pages, assets)
}

/// The title a page shows in the table of contents.
fn title_of(book: &Book<'_>, item: &Item) -> String {
    let r = book.r;
    match item.id.as_str() {
        "cover" => r.site.paths[book.path].meta.title.clone(),
        "glossary" => "Glossary".into(),
        "references" => "References".into(),
        _ => book
            .steps
            .iter()
            .find(|s| item.href.ends_with(&s.file))
            .map_or_else(String::new, |s| r.site.doc(s.doc).meta.title.clone()),
    }
}

/// The media type of an image; EPUB readers need only support PNG, JPEG, GIF and SVG.
fn image_type(site_path: &str) -> Result<&'static str> {
    let extension = site_path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("png") => Ok("image/png"),
        Some("jpg" | "jpeg") => Ok("image/jpeg"),
        Some("gif") => Ok("image/gif"),
        Some("svg") => Ok("image/svg+xml"),
        _ => Err(Error::Usage(format!(
            "`static/{site_path}` is shown on this path, but EPUB readers only show PNG, JPEG, \
             GIF and SVG images; convert it to one of those"
        ))),
    }
}

/// The book's metadata.
struct Meta {
    identifier: String,
    title: String,
    summary: String,
    language: String,
    creator: String,
    modified: String,
}

impl Meta {
    fn new(book: &Book<'_>) -> Self {
        let site = book.r.site;
        let path = &site.paths[book.path];
        let identifier = match &book.base_url {
            Some(base) => format!("{base}paths/{}/", path.slug),
            None => format!("urn:attune:{}:{}", crate::url::slugify(&site.config.title), path.slug),
        };
        // The newest date among the steps: the same content gives the same book.
        let modified = book
            .steps
            .iter()
            .flat_map(|s| {
                let meta = &site.doc(s.doc).meta;
                meta.updated.into_iter().chain(meta.reviewed.as_ref().map(|r| r.on))
            })
            .map(|d| format!("{:04}-{:02}-{:02}T00:00:00Z", d.year, d.month, d.day))
            .max()
            .unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
        let organisation = &site.config.organisation.name;
        Meta {
            identifier,
            title: path.meta.title.clone(),
            summary: path.meta.summary.clone(),
            language: site.config.language.clone(),
            creator: if organisation.is_empty() {
                site.config.title.clone()
            } else {
                organisation.clone()
            },
            modified,
        }
    }
}

/// The navigation document: the table of contents and the landmarks.
fn nav(book: &Book<'_>, meta: &Meta, toc: &[(String, String)]) -> String {
    let mut body = String::from("<nav epub:type=\"toc\" id=\"toc\">\n<h1>Contents</h1>\n<ol>\n");
    for (href, title) in toc {
        body.push_str(&format!(
            "<li><a href=\"{}\">{}</a></li>\n",
            escape_attr(href),
            escape_text(title)
        ));
    }
    body.push_str("</ol>\n</nav>\n<nav epub:type=\"landmarks\" id=\"landmarks\" hidden=\"hidden\">\n<h2>Landmarks</h2>\n<ol>\n");
    let first_step =
        book.steps.first().map_or("pages/cover.xhtml".into(), |s| format!("pages/{}", s.file));
    for (kind, href, label) in [
        ("cover", "pages/cover.xhtml".to_string(), "Cover"),
        ("bodymatter", first_step, "Start reading"),
        ("glossary", format!("pages/{}", book.glossary_file), "Glossary"),
        ("bibliography", "pages/references.xhtml".to_string(), "References"),
    ] {
        body.push_str(&format!("<li><a epub:type=\"{kind}\" href=\"{href}\">{label}</a></li>\n"));
    }
    body.push_str("</ol>\n</nav>");
    page::document(Flavour::Epub, &meta.language, &meta.title, &["style.css"], &body)
}

/// The EPUB 2 table of contents.
fn ncx(meta: &Meta, toc: &[(String, String)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\" xml:lang=\"{}\">\n<head>\n<meta name=\"dtb:uid\" content=\"{}\"/>\n<meta name=\"dtb:depth\" content=\"1\"/>\n<meta name=\"dtb:totalPageCount\" content=\"0\"/>\n<meta name=\"dtb:maxPageNumber\" content=\"0\"/>\n</head>\n<docTitle><text>{}</text></docTitle>\n<navMap>\n",
        escape_attr(&meta.language),
        escape_attr(&meta.identifier),
        escape_text(&meta.title)
    );
    for (n, (href, title)) in toc.iter().enumerate() {
        out.push_str(&format!(
            "<navPoint id=\"np-{0}\" playOrder=\"{0}\"><navLabel><text>{1}</text></navLabel><content src=\"{2}\"/></navPoint>\n",
            n + 1,
            escape_text(title),
            escape_attr(href)
        ));
    }
    out.push_str("</navMap>\n</ncx>\n");
    out
}

/// The package document.
fn package(meta: &Meta, items: &[Item], spine: &[String]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"{}\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<dc:identifier id=\"uid\">{}</dc:identifier>\n<dc:title>{}</dc:title>\n<dc:language>{}</dc:language>\n<dc:creator>{}</dc:creator>\n<dc:description>{}</dc:description>\n<meta property=\"dcterms:modified\">{}</meta>\n</metadata>\n<manifest>\n",
        escape_attr(&meta.language),
        escape_text(&meta.identifier),
        escape_text(&meta.title),
        escape_text(&meta.language),
        escape_text(&meta.creator),
        escape_text(&meta.summary),
        meta.modified
    );
    for item in items {
        let properties =
            item.properties.map(|p| format!(" properties=\"{p}\"")).unwrap_or_default();
        out.push_str(&format!(
            "<item id=\"{}\" href=\"{}\" media-type=\"{}\"{properties}/>\n",
            item.id,
            escape_attr(&item.href),
            item.media_type
        ));
    }
    out.push_str("</manifest>\n<spine toc=\"ncx\">\n");
    for id in spine {
        out.push_str(&format!("<itemref idref=\"{id}\"/>\n"));
    }
    out.push_str("</spine>\n</package>\n");
    out
}

const CONTAINER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n<rootfiles>\n<rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n</rootfiles>\n</container>\n";

/// Zips the book: `mimetype` first and stored, then every other file in name order.
fn pack(meta: &Meta, items: &[Item], spine: &[String]) -> Result<super::Archive> {
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("META-INF/container.xml".into(), CONTAINER.as_bytes().to_vec()),
        ("EPUB/package.opf".into(), package(meta, items, spine).into_bytes()),
    ];
    files.extend(items.iter().map(|i| (format!("EPUB/{}", i.href), i.bytes.clone())));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let mut zip = ZipWriter::new();
    zip.add("mimetype", b"application/epub+zip", Method::Store)?;
    for (name, bytes) in &files {
        zip.add(name, bytes, Method::Deflate)?;
    }
    Ok((zip.finish()?, files.len() + 1))
}
