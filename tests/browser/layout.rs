//! The default theme's layout (issue 26): no horizontal scrolling at 320 px (WCAG 1.4.10
//! Reflow), the first paragraph of an article early, the sticky contents list, the section
//! navigation, a compact phone header, the footer at the bottom of short pages, and screenshots
//! of every page kind at phone and desktop widths in both palettes for people to look at.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine;
use serde_json::json;

use crate::webdriver::{Session, wait_until};
use crate::{open, search_results_appear, site};

/// One page of every kind the default theme lays out (issue 26): (name, path).
pub(crate) const PAGE_KINDS: [(&str, &str); 12] = [
    ("home", ""),
    ("section", "articles/components/"),
    ("article", "articles/components/working-alliance/"),
    ("glossary", "glossary/"),
    ("map", "map/"),
    ("paths", "paths/"),
    ("path", "paths/new-to-therapy/"),
    ("packet", "paths/new-to-therapy/print/"),
    ("search", "search/?q=empathy"),
    ("tag", "tags/alliance/"),
    ("tags", "tags/"),
    ("404", "404.html"),
];

#[test]
fn pages_fit_a_320px_viewport_without_horizontal_scrolling() {
    let session = open("");
    session.set_viewport(320, 800);
    let mut problems = Vec::new();
    let extra = [("table article", "articles/components/active-listening/")];
    for (_, path) in PAGE_KINDS.iter().chain(&extra) {
        session.navigate(&site::url(path));
        if path.starts_with("search/") && !search_results_appear(&session) {
            problems.push(format!("/{path}: no results appeared; checked the page without them"));
        }
        // Reports the widest elements that stick out, so the CSS fix is obvious.
        let overflow = session.execute(
            "const limit = window.innerWidth;
             const width = document.documentElement.scrollWidth;
             if (width <= limit) return null;
             const wide = [];
             for (const el of document.querySelectorAll('body *')) {
               const r = el.getBoundingClientRect();
               if (r.right > limit + 0.5 && r.width > 0) {
                 wide.push([Math.round(r.right), el.tagName.toLowerCase()
                   + (el.id ? '#' + el.id : '')
                   + (typeof el.className === 'string' && el.className.trim()
                      ? '.' + el.className.trim().split(/\\s+/).join('.') : '')]);
               }
             }
             wide.sort((a, b) => b[0] - a[0]);
             return 'scrollWidth ' + width + ' > innerWidth ' + limit + '; widest: '
               + wide.slice(0, 6).map(w => w[1] + ' (right edge ' + w[0] + ')').join(', ');",
            &[],
        );
        if let Some(why) = overflow.as_str() {
            problems.push(format!("/{path}: {why}"));
        }
    }
    assert!(problems.is_empty(), "pages scroll sideways at 320 px:\n  {}", problems.join("\n  "));
}

/// Every page kind at 1280 and 390 px in both palettes, into
/// `target/screenshots/<kind>-<width>-<theme>.png`: the whole page (up to 4,000 px tall), for
/// people to review the design.
#[test]
fn screenshots_of_every_page_kind_at_1280_and_390_px_light_and_dark() {
    let session = open("");
    let folder = screenshot_folder();
    for theme in ["light", "dark"] {
        session.navigate(&site::url(""));
        session.execute("localStorage.setItem('attune-theme', arguments[0])", &[theme.into()]);
        for (width, height) in [(1280, 800), (390, 844)] {
            session.set_viewport(width, height);
            for (name, path) in PAGE_KINDS {
                session.navigate(&site::url(path));
                if path.starts_with("search/") {
                    search_results_appear(&session);
                }
                let file = folder.join(format!("{name}-{width}-{theme}.png"));
                // A stale file from an earlier run must not pass for this one.
                let _ = fs::remove_file(&file);
                save_full_page(&session, &file, width);
                assert_png(&file, width);
            }
        }
    }
}

/// A PNG of the page from its top, as tall as the page up to 4,000 px.
fn save_full_page(session: &Session, file: &Path, width: u32) {
    let height = session
        .execute("return Math.min(4000, document.documentElement.scrollHeight)", &[])
        .as_f64()
        .unwrap_or(800.0);
    let clip = json!({ "x": 0, "y": 0, "width": width, "height": height, "scale": 1 });
    let shot = session.devtools(
        "Page.captureScreenshot",
        &json!({ "format": "png", "captureBeyondViewport": true, "clip": clip }),
    );
    let data = shot["data"].as_str().expect("a screenshot is a base64 string");
    let png = base64::engine::general_purpose::STANDARD.decode(data).expect("valid base64");
    fs::create_dir_all(file.parent().expect("a folder")).expect("create the screenshot folder");
    fs::write(file, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
}

/// The top of the first paragraph of the article's text, in CSS pixels from the page's top.
fn first_paragraph_top(session: &Session) -> f64 {
    let top = session.execute(
        "const p = document.querySelector('.prose > p');
         return p.getBoundingClientRect().top + window.scrollY;",
        &[],
    );
    top.as_f64().expect("the article has a first paragraph")
}

/// The window's height can differ from the requested one by the browser's frame, so the bound
/// is in CSS pixels of the screen asked for: the first two lines (about 60 px) fit in it.
#[test]
fn an_articles_first_paragraph_is_on_the_first_screen_of_a_laptop_and_soon_on_a_phone() {
    let session = open("");
    for path in [
        "articles/components/working-alliance/",
        "articles/introduction/for-clients-what-to-expect/",
    ] {
        session.set_viewport(1280, 800);
        session.navigate(&site::url(path));
        let top = first_paragraph_top(&session);
        assert!(top + 60.0 <= 800.0, "/{path}: at 1280x800 the first paragraph starts at {top} px");
        session.set_viewport(390, 844);
        session.refresh();
        let top = first_paragraph_top(&session);
        assert!(
            top + 60.0 <= 1.5 * 844.0,
            "/{path}: at 390x844 the first paragraph starts at {top} px"
        );
    }
}

#[test]
fn the_sticky_contents_list_marks_the_heading_being_read_and_stays_in_view() {
    let session = open("");
    session.set_viewport(1280, 800);
    session.navigate(&site::url("articles/components/working-alliance/"));
    let state = |session: &Session| {
        session.execute(
            "const toc = document.querySelector('.toc');
             const current = [...toc.querySelectorAll('a[aria-current=\"true\"]')].map(a => a.hash);
             const r = toc.getBoundingClientRect();
             return [current, toc.querySelector('details').open, r.top >= 0 && r.top < innerHeight,
                     r.left > document.querySelector('.prose').getBoundingClientRect().right];",
            &[],
        )
    };
    let first = state(&session);
    assert_eq!(first[1], true, "the contents list is open beside the article: {first}");
    assert_eq!(first[3], true, "the contents list is beside the text, not above it: {first}");
    let hashes =
        session.execute("return [...document.querySelectorAll('.toc a')].map(a => a.hash)", &[]);
    let hashes: Vec<String> = hashes
        .as_array()
        .map(|v| v.iter().filter_map(|h| h.as_str().map(String::from)).collect())
        .unwrap_or_default();
    assert!(hashes.len() >= 3, "the article has a contents list: {hashes:?}");
    assert_eq!(first[0], json!([hashes[0]]), "at the top the first heading is current");
    let later = &hashes[hashes.len() - 2];
    session.execute(
        "document.getElementById(decodeURIComponent(arguments[0].slice(1))).scrollIntoView()",
        &[later.as_str().into()],
    );
    wait_until("the later heading's link marked current", Duration::from_secs(3), || {
        let now = state(&session);
        if now[0] == json!([later]) && now[2] == true { Ok(()) } else { Err(now.to_string()) }
    });
}

#[test]
fn the_footer_sits_at_the_bottom_of_a_short_page() {
    let session = open("404.html");
    session.set_viewport(1280, 800);
    session.refresh();
    let gap = session.execute(
        "const f = document.querySelector('.site-footer').getBoundingClientRect();
         return [innerHeight - f.bottom, document.documentElement.scrollHeight - innerHeight];",
        &[],
    );
    let gap: Vec<f64> =
        gap.as_array().map(|v| v.iter().filter_map(|x| x.as_f64()).collect()).unwrap_or_default();
    assert!(gap[1] > 0.0 || gap[0].abs() < 1.0, "the footer ends at the window's bottom: {gap:?}");
}

#[test]
fn the_phone_header_is_compact_and_reads_in_its_visual_order() {
    let session = open("");
    session.set_viewport(390, 844);
    for path in ["", "articles/components/working-alliance/", "es/"] {
        session.navigate(&site::url(path));
        let height = session
            .execute(
                "return document.querySelector('.site-header').getBoundingClientRect().height",
                &[],
            )
            .as_f64()
            .unwrap_or(999.0);
        if !path.starts_with("es") {
            assert!(height <= 110.0, "/{path}: the header is {height} px tall at 390 px");
        }
        let order = crate::header_out_of_order(&session);
        assert_eq!(
            order,
            serde_json::Value::Null,
            "/{path}: header controls read out of visual order"
        );
    }
}

#[test]
fn the_article_shows_its_section_and_the_path_at_both_ends() {
    let session = open("articles/introduction/for-clients-what-to-expect/");
    session.set_viewport(1280, 800);
    session.refresh();
    let nav = session.execute(
        "const nav = document.querySelector('.section-nav');
         const current = nav.querySelectorAll('a[aria-current=\"page\"]');
         return [getComputedStyle(nav).display, current.length, current[0] && current[0].href === location.href,
                 nav.getBoundingClientRect().right <= document.querySelector('h1').getBoundingClientRect().left,
                 document.querySelectorAll('.path-end .prev-next a').length];",
        &[],
    );
    let n = nav.as_array().cloned().unwrap_or_default();
    assert_ne!(n[0], "none", "the section navigation shows on a wide screen: {n:?}");
    assert_eq!(n[1], 1, "one entry is the current page: {n:?}");
    assert_eq!(n[2], true, "the current entry is this article: {n:?}");
    assert_eq!(n[3], true, "the section navigation is beside the article: {n:?}");
    assert!(n[4].as_u64().unwrap_or(0) >= 1, "the path's previous/next repeat at the end: {n:?}");
}

/// `target/screenshots/` in the repository (where CI collects them).
pub(crate) fn screenshot_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
}

/// The file is a PNG `width` pixels wide with enough bytes to hold a real page.
#[track_caller]
fn assert_png(file: &Path, width: u32) {
    let bytes =
        fs::read(file).unwrap_or_else(|e| panic!("{} was not written: {e}", file.display()));
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{} is not a PNG", file.display());
    let png_width = bytes.get(16..20).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    assert_eq!(png_width, Some(width), "{} has the wrong width", file.display());
    // A blank 320x900 PNG compresses to well under 2 KB; any real page is far larger.
    assert!(bytes.len() > 4_000, "{} is only {} bytes: a blank page?", file.display(), bytes.len());
}

#[test]
fn without_js_the_contents_list_opens_from_its_summary_on_a_wide_screen() {
    let session = Session::start_without_js();
    session.set_viewport(1280, 800);
    session.navigate(&site::url("articles/components/working-alliance/"));
    let open = || session.execute("return document.querySelector('.toc details').open", &[]);
    assert_eq!(open(), false, "without the script the contents list starts closed");
    session.find(".toc summary").click();
    assert_eq!(open(), true, "its summary opens it");
    let shown = session
        .execute("return document.querySelector('.toc a').getBoundingClientRect().height > 0", &[]);
    assert_eq!(shown, true, "its links show once open");
}
