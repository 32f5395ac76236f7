//! The default theme's budgets over the built handbook: every page's HTML plus the CSS and JS
//! it loads up front stays under 60 KB, and nothing is loaded from outside the site.

use crate::build::{files, handbook};

/// 60 KB, the design's budget for a page's HTML+CSS+JS (images aside).
const BUDGET: usize = 60 * 1024;

/// The stylesheets and scripts a page loads when it opens (`theme/search.js` is fetched only
/// when the reader starts a search, so it is not part of a page's weight).
fn assets(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in html.split('<').skip(1) {
        let is_style = tag.starts_with("link") && tag.contains("rel=\"stylesheet\"");
        let is_script = tag.starts_with("script") && tag.contains("src=\"");
        if !(is_style || is_script) {
            continue;
        }
        let attr = if is_style { "href=\"" } else { "src=\"" };
        if let Some(rest) = tag.split(attr).nth(1) {
            out.push(rest.split('"').next().unwrap_or_default().to_string());
        }
    }
    out
}

/// Resolves a relative URL from a page path to a path in the output.
fn resolve(page: &str, url: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in url.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[test]
fn every_handbook_page_with_its_css_and_js_is_under_60_kb() {
    let site = handbook();
    let all = files(&site.root.join("public"));
    let mut heaviest = (0, String::new());
    let mut over = Vec::new();
    for (path, bytes) in all.iter().filter(|(p, _)| p.ends_with(".html")) {
        // The packet and the glossary are whole-book pages meant for print or A-Z browsing.
        if path.contains("/print/") || path == "glossary/index.html" {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let mut total = bytes.len();
        for asset in assets(&html) {
            let target = resolve(path, &asset);
            total +=
                all.get(&target).unwrap_or_else(|| panic!("{path} loads missing {target}")).len();
        }
        if total > heaviest.0 {
            heaviest = (total, path.clone());
        }
        if total > BUDGET {
            over.push(format!("{path}: {total} bytes"));
        }
    }
    println!("heaviest page: {} at {} bytes", heaviest.1, heaviest.0);
    assert!(over.is_empty(), "pages over the 60 KB budget: {over:#?}");
    assert!(heaviest.0 > 10_000, "the measure counts HTML, CSS and JS");
}

#[test]
fn article_pages_load_only_the_theme_stylesheets_and_site_script() {
    let site = handbook();
    let html = site.output("articles/components/empathy/index.html");
    let loaded = assets(&html);
    assert_eq!(loaded, ["../../../theme/style.css", "../../../theme/site.js"], "{loaded:?}");
    let with_code = files(&site.root.join("public"))
        .into_iter()
        .filter(|(p, b)| {
            p.starts_with("articles/") && String::from_utf8_lossy(b).contains("class=\"code\"")
        })
        .count();
    // The handbook has no code blocks, so no page needs the highlighting stylesheet.
    assert_eq!(with_code, 0);
}
