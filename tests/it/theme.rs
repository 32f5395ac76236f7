//! The default theme's budgets over the built handbook: every page's HTML plus the CSS and JS
//! it loads up front stays under 60 KB, and nothing is loaded from outside the site.

use crate::build::{files, handbook};
use crate::support::TestSite;

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
    // A 404 page's URLs are root-absolute: it is served at any depth.
    if url.starts_with('/') {
        parts.clear();
    }
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
        // The packet, the glossary and the concept map are whole-book pages (in every
        // language) meant for print, A-Z browsing or an overview; the budget is for the rest.
        let whole_book = ["glossary/index.html", "map/index.html"];
        if path.contains("/print/")
            || whole_book.iter().any(|p| path == p || path.ends_with(&format!("/{p}")))
        {
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

/// A minimal site whose site.yaml sets `accent:` to `accent`.
fn accent_site(name: &str, accent: &str) -> TestSite {
    TestSite::with_files(
        name,
        &[
            (
                "site.yaml",
                &format!("title: Accent\norganisation:\n  name: Clinic\n  accent: {accent}\n"),
            ),
            ("index.md", "---\ntitle: Home\nsummary: Home page.\n---\nHello.\n"),
        ],
    )
}

/// Issue 17: `organisation.accent` reaches the pages as CSS variables, with a dark accent
/// derived from the light one that passes AA on the dark background.
#[test]
fn issue_17_accent_colour_is_emitted_for_both_palettes() {
    use attune::palette::{Scheme, background, contrast_ratio, parse_hex_colour};
    let site = accent_site("accent-one", "\"#6f2da8\"");
    site.build().expect_code(0);
    let html = site.output("index.html");
    assert!(html.contains(":root{--accent:#6f2da8}"), "{html}");
    let dark = html
        .split(":root[data-theme=\"dark\"]{--accent:")
        .nth(1)
        .map(|rest| &rest[..7])
        .expect("a dark accent");
    let rgb = parse_hex_colour(dark).expect("a colour");
    assert!(contrast_ratio(rgb, background(Scheme::Dark)) >= 4.5, "{dark}");
    assert!(html.contains(&format!(":root:not([data-theme=\"light\"]){{--accent:{dark}}}")));
    // A site without an accent keeps the theme's and adds no style element.
    let plain = TestSite::with_files(
        "accent-none",
        &[
            ("site.yaml", "title: Plain\n"),
            ("index.md", "---\ntitle: Home\nsummary: Home page.\n---\nHello.\n"),
        ],
    );
    plain.build().expect_code(0);
    assert!(!plain.output("index.html").contains("--accent"));
}

/// The help's own examples pass; a colour that fails on its own palette is an error there.
#[test]
fn issue_17_accent_help_examples_pass_and_each_palette_is_checked() {
    for accent in ["\"#1d5f8a\"", "{ light: \"#1d5f8a\", dark: \"#7cc0f5\" }"] {
        let site = accent_site("accent-ok", accent);
        let run = site.run(&["check", "--format", "json"]);
        assert_eq!(run.code, 0, "{accent}: {}", run.stdout);
    }
    let site = accent_site("accent-bad-dark", "{ light: \"#1d5f8a\", dark: \"#2a3b4c\" }");
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(1);
    assert!(run.stdout.contains("\"code\": \"accent-colour\""), "{}", run.stdout);
    assert!(run.stdout.contains("on the dark background"), "{}", run.stdout);
    assert!(!run.stdout.contains("on the light background"), "{}", run.stdout);
    assert!(run.stdout.contains("\"line\": 4"), "{}", run.stdout);
    assert!(run.stdout.contains("\"column\": 38"), "{}", run.stdout);
}

/// Issue 26: attune's own stylesheets and script are written without comments or indentation,
/// with every rule and string kept; a site's own `theme/` file is written as it is.
#[test]
fn default_theme_files_are_written_minified_and_a_sites_own_as_they_are() {
    let own_css = "/* mine */\n.site-title {\n  color: red;\n}\n";
    let site = TestSite::with_files(
        "theme-minified",
        &[
            ("site.yaml", "title: Minified\n"),
            ("index.md", "---\ntitle: Home\nsummary: Home page.\n---\nHello.\n"),
        ],
    );
    site.write("theme/pages.css", own_css);
    site.build().expect_code(0);
    let css = site.output("theme/style.css");
    assert!(!css.contains("/*") && !css.contains("\n  "), "style.css is minified");
    assert!(css.contains(".skip-link:focus{top:.5rem}"), "rules survive minifying");
    assert!(css.contains("\"Segoe UI\",Roboto,\"Noto Sans\""), "strings are kept as written");
    let js = site.output("theme/site.js");
    assert!(!js.contains("\n  ") && !js.contains("\n//"), "site.js is minified");
    assert!(js.contains("function setupToc()"), "the script survives minifying");
    assert_eq!(site.output("theme/pages.css"), own_css, "a site's own file is untouched");
}
