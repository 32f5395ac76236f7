//! Small screens: no horizontal scrolling at 320 px (WCAG 1.4.10 Reflow), and screenshots of key
//! pages at phone and desktop widths for people to look at.

use crate::{open, search_results_appear, site};
use std::fs;
use std::path::{Path, PathBuf};

#[test]
fn pages_fit_a_320px_viewport_without_horizontal_scrolling() {
    let session = open("");
    session.set_viewport(320, 800);
    let mut problems = Vec::new();
    for path in [
        "",
        "articles/components/working-alliance/",
        "articles/components/active-listening/",
        "glossary/",
        "map/",
        "search/?q=empathy",
    ] {
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

#[test]
fn screenshots_of_key_pages_at_320_and_1280_px() {
    let pages = [
        ("home", ""),
        ("working-alliance", "articles/components/working-alliance/"),
        ("glossary", "glossary/"),
        ("map", "map/"),
        ("active-listening", "articles/components/active-listening/"),
    ];
    let session = open("");
    let folder = screenshot_folder();
    for width in [320, 1280] {
        session.set_viewport(width, 900);
        for (name, path) in pages {
            session.navigate(&site::url(path));
            let file = folder.join(format!("{name}-{width}.png"));
            // A stale file from an earlier run must not pass for this one.
            let _ = fs::remove_file(&file);
            session.save_screenshot(&file);
            assert_png(&file, width);
        }
    }
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
