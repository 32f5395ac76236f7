//! Printable packets (DESIGN.md section 3): printing each path's packet to PDF with Chromium
//! gives every step in order, without the site's header, navigation or footer.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::prerequisites::{CHROMIUM, require_file, require_program};
use crate::site;
use crate::webdriver::{CHROMIUM_FLAGS, Session};

#[test]
fn packets_print_every_step_in_order_without_site_chrome() {
    require_file(Path::new(CHROMIUM));
    require_program("pdftotext");
    let slugs = path_slugs(&site::built().public);
    assert!(!slugs.is_empty(), "the handbook has reading paths with packets");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-pdf");
    fs::create_dir_all(&out).unwrap_or_else(|e| panic!("cannot create {}: {e}", out.display()));

    let session = Session::start();
    let mut problems = Vec::new();
    for slug in &slugs {
        let path_page = format!("paths/{slug}/");
        session.navigate(&site::url(&path_page));
        let titles = texts(&session, STEP_LINKS);
        if titles.is_empty() {
            problems.push(format!("/{path_page}: no step titles ({STEP_LINKS})"));
            continue;
        }
        let packet = format!("paths/{slug}/print/");
        session.navigate(&site::url(&packet));
        let view = inspect_print_layout(&session, &packet, &titles, &mut problems);

        let pdf = out.join(format!("{slug}.pdf"));
        match print_to_pdf(&site::url(&packet), &pdf).map(|()| body_text(&pdf)) {
            Ok(text) => {
                let _ = fs::write(pdf.with_extension("txt"), &text);
                let name = pdf.display().to_string();
                check_pdf_text(&name, &normalise(&text), &titles, &view, &mut problems);
            }
            Err(why) => problems.push(format!("/{packet}: {why}")),
        }
    }
    assert!(problems.is_empty(), "printed packets:\n  {}", problems.join("\n  "));
}

/// The step title links on a path page (the contract says `h3`; the heading level may vary).
const STEP_LINKS: &str = "ol.steps > li :is(h2, h3) a";

/// What the packet page should look like on paper, read from its DOM.
struct PrintView {
    /// `document.body.innerText` under print CSS, normalised.
    text: String,
    /// Text that belongs to the site's chrome only (see [`chrome_phrases`]).
    chrome: Vec<String>,
}

/// With print media emulated, the packet shows one step heading per path step, in order, and
/// none of the site's chrome.
#[track_caller]
fn inspect_print_layout(
    session: &Session,
    packet: &str,
    titles: &[String],
    problems: &mut Vec<String>,
) -> PrintView {
    if session.try_find("main.packet").is_none() {
        problems.push(format!("/{packet}: no <main class=\"packet\">"));
    }
    let chrome = chrome_phrases(session);
    session.devtools("Emulation.setEmulatedMedia", &json!({ "media": "print" }));
    let headings = session.execute(
        "return [...document.querySelectorAll('main.packet .step-title')]
           .filter(h => h.getClientRects().length > 0).map(h => h.textContent.trim());",
        &[],
    );
    let headings = strings(&headings);
    if headings.iter().map(|h| normalise(h)).ne(titles.iter().map(|t| normalise(t))) {
        problems.push(format!(
            "/{packet}: printed step headings (main.packet .step-title) {headings:?} \
             differ from the path's steps {titles:?}"
        ));
    }
    let shown = session.execute(
        "return ['header.site-header', 'footer.site-footer', 'nav', '.skip-link', '#theme-toggle',
                 'form.site-search']
           .filter(sel => [...document.querySelectorAll(sel)]
             .some(e => e.getClientRects().length > 0));",
        &[],
    );
    for selector in strings(&shown) {
        problems.push(format!("/{packet}: `{selector}` is still displayed in print"));
    }
    let text = session.execute("return document.body.innerText", &[]);
    session.devtools("Emulation.setEmulatedMedia", &json!({ "media": "" }));
    PrintView { text: normalise(text.as_str().unwrap_or_default()), chrome }
}

/// The PDF's text has the step titles in path order, loses none of the times a title is printed
/// on the page (its table of contents, its step heading, cross-references), and has none of the
/// chrome's text.
fn check_pdf_text(
    pdf: &str,
    text: &str,
    titles: &[String],
    view: &PrintView,
    problems: &mut Vec<String>,
) {
    let mut from = 0;
    for title in titles {
        let needle = normalise(title);
        match text[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None if text.contains(&needle) => {
                problems.push(format!("{pdf}: step {title:?} is out of order"))
            }
            None => problems.push(format!("{pdf}: step {title:?} is missing")),
        }
        let on_page = view.text.matches(&needle).count();
        let on_paper = text.matches(&needle).count();
        if on_paper < on_page {
            problems.push(format!(
                "{pdf}: {title:?} shows {on_page} time(s) in print layout but {on_paper} in the PDF"
            ));
        }
    }
    for phrase in &view.chrome {
        if text.contains(&normalise(phrase)) {
            problems.push(format!("{pdf}: site chrome printed: {phrase:?}"));
        }
    }
}

/// Slugs of the paths that have a packet, from `<out>/paths/*/print/index.html`.
#[track_caller]
pub(crate) fn path_slugs(public: &Path) -> Vec<String> {
    let folder = public.join("paths");
    let entries =
        fs::read_dir(&folder).unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()));
    let mut slugs: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("print/index.html").is_file())
        .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
        .collect();
    slugs.sort();
    slugs
}

/// The trimmed text of each element matching `css`.
#[track_caller]
fn texts(session: &Session, css: &str) -> Vec<String> {
    let value = session.execute(
        "return [...document.querySelectorAll(arguments[0])].map(e => e.textContent.trim());",
        &[css.into()],
    );
    strings(&value)
}

/// Text that appears only in the site's chrome and so must not be printed: the skip link, and
/// the header's and footer's navigation labels as a run (one label alone, such as "Glossary",
/// may fairly appear in the packet's own content).
#[track_caller]
fn chrome_phrases(session: &Session) -> Vec<String> {
    let value = session.execute(
        "const text = sel => [...document.querySelectorAll(sel)]
           .map(e => e.textContent.trim()).filter(t => t);
         const phrases = text('.skip-link');
         for (const nav of ['header.site-header nav a', 'footer.site-footer a']) {
           const labels = text(nav);
           if (labels.length >= 2) phrases.push(labels.join(' '));
         }
         return phrases;",
        &[],
    );
    strings(&value)
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|list| list.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// Lower-cases and collapses whitespace (joining words broken after a hyphen), so line breaks,
/// page breaks and CSS `text-transform` do not matter.
pub(crate) fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase().replace("- ", "-")
}

/// Prints `url` to `pdf` with headless Chromium's own `--print-to-pdf` (what a reader's
/// "Save as PDF" does), with a fresh profile and a one-minute limit. Chromium's stderr goes to
/// a `.log` beside the PDF (a pipe could fill up and stall it).
fn print_to_pdf(url: &str, pdf: &Path) -> Result<(), String> {
    let _ = fs::remove_file(pdf);
    let log_path = pdf.with_extension("log");
    let log = fs::File::create(&log_path)
        .map_err(|e| format!("cannot create {}: {e}", log_path.display()))?;
    let profile = tempfile::Builder::new()
        .prefix("attune-print-")
        .tempdir()
        .map_err(|e| format!("cannot create a Chromium profile: {e}"))?;
    let mut child = Command::new(CHROMIUM)
        .args(CHROMIUM_FLAGS)
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("cannot run {CHROMIUM}: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(100)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("{CHROMIUM} --print-to-pdf took over 60 s"));
            }
            Err(e) => return Err(format!("waiting for {CHROMIUM}: {e}")),
        }
    };
    let written = fs::read(pdf).map(|bytes| bytes.starts_with(b"%PDF")).unwrap_or(false);
    if status.success() && written {
        Ok(())
    } else {
        let stderr = fs::read_to_string(&log_path).unwrap_or_default();
        Err(format!("{CHROMIUM} --print-to-pdf exited with {status}, no PDF:\n{stderr}"))
    }
}

/// The PDF's text in reading order, without the running header and page numbers in the page
/// margins (a title split across two pages would otherwise have the next page's header in it).
fn body_text(pdf: &Path) -> String {
    let pages = crate::print::pdf_pages(pdf);
    let lines = pages.iter().flat_map(|page| page.body().map(|(text, _, _)| text.as_str()));
    lines.collect::<Vec<_>>().join("\n")
}
