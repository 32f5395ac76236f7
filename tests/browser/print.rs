//! Print (issue 26): every packet printed as a reader's print dialog would (the page's own
//! `@page` size) has no near-empty page, sets a reading's title larger than its sections, nests
//! its headings h1 > h2 > h3 without skipping a level, and comes out on the paper site.yaml
//! asks for (A4 by default, Letter for `language: en-US`). The pages of one packet are saved as
//! PNGs under `target/screenshots/packet-page-N.png` for review.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

use crate::build_site;
use crate::packet::{normalise, path_slugs};
use crate::prerequisites::require_program;
use crate::site;
use crate::webdriver::Session;

/// A4 and US Letter in PDF points (1/72 in).
const A4: (f64, f64) = (595.3, 841.9);
const LETTER: (f64, f64) = (612.0, 792.0);

/// A page of a printed PDF as `pdftotext -bbox-layout` lays it out.
pub(crate) struct PdfPage {
    width: f64,
    height: f64,
    /// Each line's text and its box's top and bottom, in points from the top of the page.
    lines: Vec<(String, f64, f64)>,
}

impl PdfPage {
    /// The lines of the page's body: not the running header (the site's name, the path's
    /// title) or footer (the page number) in the page's margins.
    pub(crate) fn body(&self) -> impl Iterator<Item = &(String, f64, f64)> {
        self.lines.iter().filter(|(_, top, bottom)| *bottom > 40.0 && *top < self.height - 40.0)
    }

    /// The height of the first body line whose text starts `text`'s first words.
    fn line_height(&self, text: &str) -> Option<f64> {
        let text = normalise(text);
        self.body()
            .find(|(line, _, _)| {
                let line = normalise(line);
                line.len() >= 6.min(text.len()) && text.starts_with(&line)
            })
            .map(|(_, top, bottom)| bottom - top)
    }
}

#[test]
fn issue_26_packets_print_without_near_empty_pages_and_with_nested_headings() {
    require_program("pdftotext");
    let slugs = path_slugs(&site::built().public);
    assert!(!slugs.is_empty(), "the handbook has reading paths with packets");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-print");
    fs::create_dir_all(&out).unwrap_or_else(|e| panic!("cannot create {}: {e}", out.display()));
    let session = Session::start();
    let mut problems = Vec::new();
    for slug in &slugs {
        let packet = format!("paths/{slug}/print/");
        session.navigate(&site::file_url(&format!("{packet}index.html")));
        problems.extend(heading_skips(&session).into_iter().map(|p| format!("/{packet}: {p}")));
        let sizes = title_and_section(&session);
        let pdf = out.join(format!("{slug}.pdf"));
        fs::write(&pdf, session.print_pdf()).expect("write the PDF");
        let pages = pdf_pages(&pdf);
        let name = pdf.display().to_string();
        check_pages(&name, &pages, A4, &mut problems);
        check_title_sizes(&name, &pages, &sizes, &mut problems);
        if slug == "new-to-therapy" {
            save_page_images(&pdf, "packet-page");
        }
    }
    assert!(problems.is_empty(), "printed packets:\n  {}", problems.join("\n  "));
}

#[test]
fn issue_26_a_us_site_prints_its_packets_on_letter() {
    require_program("pdftotext");
    let root = tempfile::Builder::new().prefix("attune-print-us-").tempdir().expect("temp dir");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/paths/site");
    copy_dir(&fixture, root.path());
    let yaml = root.path().join("content/site.yaml");
    let text = fs::read_to_string(&yaml).expect("read site.yaml");
    fs::write(&yaml, format!("language: en-US\n{text}")).expect("write site.yaml");
    let out = root.path().join("public");
    build_site(root.path(), &out);

    let session = Session::start();
    session.navigate(&format!("file://{}/paths/getting-started/print/index.html", out.display()));
    let pdf = root.path().join("packet.pdf");
    fs::write(&pdf, session.print_pdf()).expect("write the PDF");
    let pages = pdf_pages(&pdf);
    let mut problems = Vec::new();
    check_paper(&pdf.display().to_string(), &pages, LETTER, &mut problems);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn issue_26_a_reader_in_the_dark_theme_prints_dark_text_on_white() {
    let session = Session::start();
    session.navigate(&site::url(""));
    session.execute("localStorage.setItem('attune-theme', 'dark')", &[]);
    let mut problems = Vec::new();
    for page in ["paths/new-to-therapy/print/", "articles/components/working-alliance/"] {
        session.navigate(&site::url(page));
        session.devtools("Emulation.setEmulatedMedia", &json!({ "media": "print" }));
        // Every text element's colour, as the sum of its RGB channels (0 is black, 765 white).
        let light = session.execute(
            "const sum = c => c.match(/\\d+/g).slice(0, 3).reduce((a, b) => a + +b, 0);
             const pale = [...document.querySelectorAll('main p, main li, main h1, main h2, main h3')]
               .filter(e => e.getClientRects().length && sum(getComputedStyle(e).color) > 300)
               .map(e => e.tagName + '.' + e.className + ': ' + getComputedStyle(e).color);
             if (sum(getComputedStyle(document.body).backgroundColor) < 765) pale.push('body background');
             return pale.slice(0, 5);",
            &[],
        );
        session.devtools("Emulation.setEmulatedMedia", &json!({ "media": "" }));
        problems.extend(strings(&light).into_iter().map(|p| format!("/{page}: {p}")));
    }
    assert!(problems.is_empty(), "pale text in print:\n  {}", problems.join("\n  "));
}

/// Where the packet's headings skip a level (h2 then h4), or it does not open with its one h1.
#[track_caller]
fn heading_skips(session: &Session) -> Vec<String> {
    let value = session.execute(
        "const hs = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')];
         const out = [];
         if (!hs.length || hs[0].tagName !== 'H1') out.push('does not open with an h1');
         if (hs.filter(h => h.tagName === 'H1').length !== 1) out.push('has more than one h1');
         let last = 1;
         for (const h of hs) {
           const level = +h.tagName[1];
           if (level > last + 1) out.push(`h${last} then h${level}: ${h.textContent.trim()}`);
           last = level;
         }
         for (const step of document.querySelectorAll('main .packet-step')) {
           const first = step.querySelector('h1, h2, h3, h4, h5, h6');
           if (!first || first.tagName !== 'H2' || !first.classList.contains('step-title'))
             out.push('a reading does not open with its h2 title');
         }
         return out;",
        &[],
    );
    strings(&value)
}

/// Each reading's title with its first section heading (h3), where it has one.
#[track_caller]
fn title_and_section(session: &Session) -> Vec<(String, String)> {
    let value = session.execute(
        "return [...document.querySelectorAll('main .packet-step')]
           .map(s => [s.querySelector('.step-title'), s.querySelector('.prose h3')])
           .filter(([t, h]) => t && h)
           .map(([t, h]) => [t.textContent.trim(), h.textContent.trim()]);",
        &[],
    );
    value
        .as_array()
        .map(|pairs| {
            pairs
                .iter()
                .map(|p| (p[0].as_str().unwrap_or("").into(), p[1].as_str().unwrap_or("").into()))
                .collect()
        })
        .unwrap_or_default()
}

/// Every page on `paper`, with at least five lines of body text (no page stranded with a line
/// or two), and the running header and page number in the margins.
fn check_pages(pdf: &str, pages: &[PdfPage], paper: (f64, f64), problems: &mut Vec<String>) {
    check_paper(pdf, pages, paper, problems);
    for (n, page) in pages.iter().enumerate() {
        let lines = page.body().count();
        if lines < 5 {
            let text: Vec<&str> = page.body().map(|(t, _, _)| t.as_str()).collect();
            problems.push(format!("{pdf}: page {} has {lines} line(s): {text:?}", n + 1));
        }
    }
    let numbered = |n: usize| {
        let wanted = format!("{} / {}", n + 1, pages.len());
        pages[n].lines.iter().any(|(t, top, _)| *top > pages[n].height - 40.0 && t == &wanted)
    };
    if let Some(n) = (0..pages.len()).find(|&n| !numbered(n)) {
        problems.push(format!("{pdf}: page {} has no \"N / {}\" at its foot", n + 1, pages.len()));
    }
    if pages.len() > 1 && !pages[1].lines.iter().any(|(_, _, bottom)| *bottom <= 40.0) {
        problems.push(format!("{pdf}: page 2 has no running header (the site's name)"));
    }
}

fn check_paper(pdf: &str, pages: &[PdfPage], paper: (f64, f64), problems: &mut Vec<String>) {
    if pages.is_empty() {
        problems.push(format!("{pdf}: no pages"));
    }
    for (n, page) in pages.iter().enumerate() {
        if (page.width - paper.0).abs() > 2.0 || (page.height - paper.1).abs() > 2.0 {
            problems.push(format!(
                "{pdf}: page {} is {:.0} x {:.0} pt, not {:.0} x {:.0}",
                n + 1,
                page.width,
                page.height,
                paper.0,
                paper.1
            ));
        }
    }
}

/// A reading's title is set larger (a taller line) than its first section heading.
fn check_title_sizes(
    pdf: &str,
    pages: &[PdfPage],
    pairs: &[(String, String)],
    problems: &mut Vec<String>,
) {
    if pairs.is_empty() {
        problems.push(format!("{pdf}: no reading with a section heading to compare"));
    }
    for (title, section) in pairs {
        let title_height = pages.iter().find_map(|p| p.line_height(title));
        let section_height = pages.iter().find_map(|p| p.line_height(section));
        match (title_height, section_height) {
            (Some(t), Some(s)) if t > s * 1.15 => {}
            (Some(t), Some(s)) => problems.push(format!(
                "{pdf}: the title {title:?} ({t:.1} pt) is not set larger than its section {section:?} ({s:.1} pt)"
            )),
            _ => problems.push(format!("{pdf}: cannot find {title:?} or {section:?} in the PDF")),
        }
    }
}

/// The PDF's pages with their text lines, from `pdftotext -bbox-layout`.
#[track_caller]
pub(crate) fn pdf_pages(pdf: &Path) -> Vec<PdfPage> {
    let output = Command::new("pdftotext")
        .args(["-bbox-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("cannot run pdftotext: {e}"));
    assert!(output.status.success(), "pdftotext {}: {output:?}", pdf.display());
    let xml = String::from_utf8_lossy(&output.stdout);
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    let doc = roxmltree::Document::parse_with_options(&xml, options)
        .unwrap_or_else(|e| panic!("pdftotext -bbox-layout {}: {e}", pdf.display()));
    let number = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.attribute(name).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0)
    };
    doc.descendants()
        .filter(|n| n.has_tag_name("page"))
        .map(|page| PdfPage {
            width: number(page, "width"),
            height: number(page, "height"),
            lines: page
                .descendants()
                .filter(|n| n.has_tag_name("line"))
                .map(|line| {
                    let words: Vec<&str> = line
                        .children()
                        .filter(|w| w.has_tag_name("word"))
                        .filter_map(|w| w.text())
                        .collect();
                    (words.join(" "), number(line, "yMin"), number(line, "yMax"))
                })
                .collect(),
        })
        .collect()
}

/// Writes each page of `pdf` as `target/screenshots/<prefix>-N.png` at 50 dpi, to look at.
fn save_page_images(pdf: &Path, prefix: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    let _ = fs::create_dir_all(&dir);
    let status =
        Command::new("pdftoppm").args(["-png", "-r", "50"]).arg(pdf).arg(dir.join(prefix)).status();
    assert!(status.is_ok_and(|s| s.success()), "pdftoppm could not render {}", pdf.display());
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display())) {
        let path = entry.expect("dir entry").path();
        let target: PathBuf = to.join(path.file_name().expect("a file name"));
        if path.is_dir() {
            fs::create_dir_all(&target).expect("create a folder");
            copy_dir(&path, &target);
        } else {
            fs::copy(&path, &target).expect("copy a file");
        }
    }
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|list| list.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}
