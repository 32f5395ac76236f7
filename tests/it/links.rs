//! Cross-links (issue 3): every link form resolves to the right relative URL from any depth,
//! with `--offline` and under a `--base-url` subpath; every kind of broken link fails with its
//! file, line, column and a suggestion, all of them in one run; backlinks and related
//! articles; the concept map.

use crate::build::{handbook, link_problems, pages};
use crate::support::{TestSite, urls};

/// The links fixture, built with `args` after `build`.
fn built(args: &[&str]) -> TestSite {
    let site = TestSite::fixture("links/site");
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    site.run(&all).expect_code(0);
    site
}

const ALLIANCE: &str = "articles/components/working-alliance/index.html";
const EMPATHY: &str = "articles/components/empathy/index.html";

// ---------------------------------------------------------------------------------------------
// Link forms
// ---------------------------------------------------------------------------------------------

#[test]
fn renders_relative_markdown_link() {
    let main = built(&[]).main_of(ALLIANCE);
    assert!(
        main.contains("<a href=\"../../../articles/components/empathy/\">empathy as a path</a>"),
        "{main}"
    );
}

#[test]
fn renders_relative_markdown_link_with_anchor() {
    let main = built(&[]).main_of(ALLIANCE);
    assert!(
        main.contains(
            "<a href=\"../../../articles/components/empathy/#in-teletherapy\">empathy online</a>"
        ),
        "{main}"
    );
}

#[test]
fn renders_wikilink_with_the_article_title() {
    let main = built(&[]).main_of(ALLIANCE);
    assert!(
        main.contains(
            "rests on <a href=\"../../../articles/components/empathy/\">Empathy</a> as much"
        ),
        "{main}"
    );
}

#[test]
fn renders_wikilink_with_label() {
    let main = built(&[]).main_of(ALLIANCE);
    assert!(
        main.contains("<a href=\"../../../articles/components/empathy/\">understanding</a>"),
        "{main}"
    );
    assert!(!main.contains("[[") && !main.contains("]]"), "no wiki syntax is left: {main}");
}

#[test]
fn renders_wikilink_to_a_heading() {
    let main = built(&[]).main_of(ALLIANCE);
    assert!(main.contains("href=\"../../../articles/components/empathy/#in-groups\""), "{main}");
}

#[test]
fn renders_term_link_to_the_glossary_anchor() {
    let site = built(&[]);
    let main = site.main_of(ALLIANCE);
    assert!(main.contains("<a class=\"term\" href=\"../../../glossary/#rapport\""), "{main}");
    assert!(site.main_of("glossary/index.html").contains("id=\"rapport\""), "the anchor exists");
}

#[test]
fn renders_link_to_a_heading_of_the_same_page() {
    let main = built(&[]).main_of(ALLIANCE);
    assert!(
        main.contains("<a href=\"#the-bond\">below</a>") && main.contains("<h2 id=\"the-bond\">"),
        "{main}"
    );
}

#[test]
fn resolves_links_from_every_depth() {
    let site = built(&[]);
    // Another section, via a relative path with `..`.
    let video = site.main_of("articles/teletherapy/on-video/index.html");
    assert!(
        video.contains("<a href=\"../../../articles/components/empathy/#in-teletherapy\">empathy needs words</a>"),
        "{video}"
    );
    // The home page sits at the root, a free page one level down.
    assert!(
        site.main_of("index.html").contains("<a href=\"articles/components/empathy/\">Empathy</a>")
    );
    let about = site.main_of("about/index.html");
    assert!(
        about.contains(
            "<a href=\"../articles/components/working-alliance/\">The working alliance</a>"
        ),
        "{about}"
    );
    let problems = link_problems(&site, "/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn offline_links_end_in_index_html() {
    let site = built(&["--offline"]);
    let main = site.main_of(ALLIANCE);
    assert!(main.contains("href=\"../../../articles/components/empathy/index.html\""), "{main}");
    assert!(
        main.contains("href=\"../../../articles/components/empathy/index.html#in-teletherapy\""),
        "{main}"
    );
    assert!(main.contains("href=\"../../../glossary/index.html#rapport\""), "{main}");
    // 404.html is only ever served by a web server, at any depth, so it links from the base path.
    for (page, html) in pages(&site).into_iter().filter(|(page, _)| page != "404.html") {
        for url in urls(&html) {
            let path = url.split('#').next().unwrap_or("");
            if url.starts_with('#') || url.contains("://") {
                continue;
            }
            assert!(
                !path.is_empty() && !path.ends_with('/'),
                "{page}: `{url}` does not open from file://"
            );
        }
    }
    let problems = link_problems(&site, "/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn base_url_subpath_keeps_links_relative_and_canonical_absolute() {
    let site = built(&["--base-url", "https://x.org/sub/"]);
    let html = site.output(ALLIANCE);
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://x.org/sub/articles/components/working-alliance/\">"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"../../../articles/components/empathy/\">understanding</a>"),
        "{html}"
    );
    assert!(
        site.output("sitemap.xml")
            .contains("<loc>https://x.org/sub/articles/components/empathy/</loc>")
    );
    assert!(
        site.output("404.html").contains("href=\"/sub/theme/style.css\""),
        "404 is served at any depth"
    );
    let problems = link_problems(&site, "/sub/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Broken links
// ---------------------------------------------------------------------------------------------

/// Builds an invalid fixture and asserts the diagnostic's code, location, help and exit code.
#[track_caller]
fn expect_broken(fixture: &str, code: &str, location: &str, help: &str) -> crate::support::Run {
    let site = TestSite::fixture(fixture);
    let run = site.run(&["build"]);
    crate::build::expect_error_at(&site, &run, code, location);
    run.expect_stderr(&format!("= help: {help}"));
    run
}

#[test]
fn errors_on_missing_slug_with_suggestion() {
    let run = expect_broken(
        "invalid/links-broken-slug",
        "broken-link",
        "content/articles/teletherapy/on-video.md:6:14",
        "did you mean `empathy`?",
    );
    run.expect_stderr(
        "6 | On a screen, [[empaty]] takes more words.\n  |              ^^^^^^^^^^\n",
    );
}

#[test]
fn errors_on_missing_markdown_path_with_suggestion() {
    expect_broken(
        "invalid/links-missing-md-path",
        "broken-link",
        "content/articles/teletherapy/on-video.md:7:5",
        "did you mean `empathy`?",
    )
    .expect_stderr("`../components/empaty.md`");
}

#[test]
fn errors_on_missing_heading_listing_the_headings() {
    expect_broken(
        "invalid/links-missing-heading",
        "broken-anchor",
        "content/articles/teletherapy/on-video.md:6:14",
        "its headings are: in-teletherapy",
    )
    .expect_stderr("`#nope`");
}

#[test]
fn suggests_the_nearest_heading_for_a_mistyped_anchor() {
    let site = TestSite::with_files(
        "anchor-typo",
        &[
            (
                "articles/a/empathy.md",
                "---\ntitle: Empathy\nsummary: S.\n---\n\nText.\n\n## In teletherapy\n\nMore.\n",
            ),
            (
                "articles/a/video.md",
                "---\ntitle: Video\nsummary: S.\n---\n\nSee\n[[empathy#in-teletherpy]].\n",
            ),
        ],
    );
    let run = site.run(&["build"]);
    crate::build::expect_error_at(&site, &run, "broken-anchor", "content/articles/a/video.md:7:1");
    run.expect_stderr("= help: did you mean `in-teletherapy`?");
}

#[test]
fn errors_on_unknown_term_with_suggestion() {
    expect_broken(
        "invalid/links-unknown-term",
        "unknown-term",
        "content/articles/teletherapy/on-video.md:6:14",
        "did you mean `rapport`?",
    );
}

#[test]
fn refuses_a_link_climbing_out_of_the_site() {
    expect_broken(
        "invalid/links-unsafe-path",
        "unsafe-path",
        "content/articles/teletherapy/on-video.md:7:13",
        "link to files inside `content/`",
    )
    .expect_stderr("`../../../../etc/passwd.md`");
}

#[test]
fn reports_every_broken_link_in_one_build() {
    let site = TestSite::with_files(
        "many-broken",
        &[
            (
                "articles/a/empathy.md",
                "---\ntitle: Empathy\nsummary: S.\n---\n\nSee [[nowhere]].\n\n## Part\n",
            ),
            (
                "articles/a/video.md",
                "---\ntitle: Video\nsummary: S.\n---\n\nOne [[empaty]].\n\nTwo [x](missing.md).\n\nThree [[empathy#nope]] and [[term:nothing]].\n",
            ),
        ],
    );
    let run = site.run(&["build"]);
    run.expect_code(1);
    for location in [
        "content/articles/a/empathy.md:6:5",
        "content/articles/a/video.md:6:5",
        "content/articles/a/video.md:8:5",
        "content/articles/a/video.md:10:7",
        "content/articles/a/video.md:10:28",
    ] {
        run.expect_stderr(&format!("--> {location}\n"));
    }
    run.expect_stderr("5 errors");
    assert!(!site.exists("index.html"));
}

#[test]
fn errors_on_duplicate_slug_naming_both_files() {
    let site = TestSite::fixture("invalid/links-duplicate-slug");
    let run = site.run(&["build"]);
    run.expect_code(1).expect_stderr("error[duplicate-slug]:");
    run.expect_stderr("content/articles/components/empathy.md");
    run.expect_stderr("content/articles/teletherapy/empathy.md");
}

// ---------------------------------------------------------------------------------------------
// Backlinks and related
// ---------------------------------------------------------------------------------------------

/// The `<li>` items of the `<section class="{class}">` of a page's main.
pub(crate) fn section_items(main: &str, class: &str) -> Vec<String> {
    let Some(start) = main.find(&format!("<section class=\"{class}\"")) else { return Vec::new() };
    let section = &main[start..start + main[start..].find("</section>").expect("closed section")];
    section.split("<li").skip(1).map(|item| item.to_string()).collect()
}

#[test]
fn lists_exactly_the_linking_articles_as_backlinks() {
    let site = built(&[]);
    let items = section_items(&site.main_of(EMPATHY), "backlinks");
    assert_eq!(items.len(), 2, "working-alliance and on-video, once each: {items:#?}");
    assert!(items[0].contains(
        "href=\"../../../articles/components/working-alliance/\">The working alliance</a>"
    ));
    assert!(
        items[0].contains(
            "<blockquote>The alliance rests on Empathy as much as on agreement.</blockquote>"
        ),
        "{}",
        items[0]
    );
    assert!(
        items[1].contains("href=\"../../../articles/teletherapy/on-video/\">Therapy on video</a>")
    );
    assert!(
        items[1].contains("<blockquote>On a screen, empathy needs words.</blockquote>"),
        "{}",
        items[1]
    );
    // Mentioning without linking is not a backlink; the home page is not an article.
    let all = items.concat();
    assert!(!all.contains("unlinked") && !all.contains("Links fixture home"), "{all}");
    assert!(
        section_items(&site.main_of("articles/teletherapy/unlinked/index.html"), "backlinks")
            .is_empty()
    );
}

#[test]
fn shows_front_matter_related_articles_first() {
    let site = built(&[]);
    let items = section_items(&site.main_of(ALLIANCE), "related");
    assert!(!items.is_empty(), "the alliance page has related articles");
    assert!(
        items[0].contains("href=\"../../../articles/teletherapy/on-video/\">Therapy on video</a>"),
        "{items:#?}"
    );
}

#[test]
fn bundled_handbook_has_no_broken_link() {
    let site = handbook();
    for (page, html) in pages(site) {
        // A broken link would fail the build; a link rendered as `#` would be the only trace.
        assert!(!html.contains("href=\"#\""), "{page} has a link to nowhere");
    }
    let problems: Vec<String> =
        link_problems(site, "/").into_iter().filter(|p| p.starts_with("articles/")).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Concept map
// ---------------------------------------------------------------------------------------------

/// Checks that `xml` is one well-formed element: tags balanced and properly nested,
/// attributes quoted, `&` only in entities, no stray `<`.
fn check_xml(xml: &str) -> Result<(), String> {
    let entity_ok = |text: &str| -> Result<(), String> {
        for (i, _) in text.match_indices('&') {
            let rest = &text[i + 1..];
            let end = rest.find(';').ok_or_else(|| format!("bare & in {text:?}"))?;
            let name = &rest[..end];
            let ok = ["amp", "lt", "gt", "quot", "apos"].contains(&name)
                || (name.starts_with("#x")
                    && name.len() > 2
                    && name[2..].chars().all(|c| c.is_ascii_hexdigit()))
                || (name.starts_with('#')
                    && name.len() > 1
                    && name[1..].chars().all(|c| c.is_ascii_digit()));
            if !ok {
                return Err(format!("unknown entity &{name};"));
            }
        }
        Ok(())
    };
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = xml.trim();
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            if !stack.is_empty() {
                entity_ok(rest)?;
                break;
            }
            return Err(format!("text outside the root: {rest:?}"));
        };
        let text = &rest[..open];
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        entity_ok(text)?;
        rest = &rest[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = &comment[comment.find("-->").ok_or("unclosed comment")? + 3..];
            continue;
        }
        let close = rest.find('>').ok_or("unclosed tag")?;
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        if tag.contains('<') {
            return Err(format!("`<` inside a tag: {tag:?}"));
        }
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name.trim() => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let body = tag.trim_end_matches('/');
        let name = body.split(char::is_whitespace).next().unwrap_or("");
        if name.is_empty() {
            return Err(format!("tag without a name: {tag:?}"));
        }
        // Attributes: name="value" pairs, values free of `<` and with valid entities.
        let mut attrs = body[name.len()..].trim();
        while !attrs.is_empty() {
            let eq = attrs.find("=\"").ok_or_else(|| format!("unquoted attribute in {tag:?}"))?;
            let attr = attrs[..eq].trim();
            if attr.is_empty() || attr.contains(char::is_whitespace) {
                return Err(format!("bad attribute name {attr:?} in {tag:?}"));
            }
            let value_and_rest = &attrs[eq + 2..];
            let end =
                value_and_rest.find('"').ok_or_else(|| format!("unclosed attribute in {tag:?}"))?;
            entity_ok(&value_and_rest[..end])?;
            attrs = value_and_rest[end + 1..].trim_start();
        }
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name);
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed elements: {stack:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(())
}

/// The `<svg>…</svg>` of the map page.
fn map_svg(site: &TestSite) -> String {
    let html = site.output("map/index.html");
    // The map is the SVG in <main> (the header's theme toggle has icons too).
    let main = html.find("<main").expect("the page has <main>");
    let start = main + html[main..].find("<svg").expect("the map has an SVG");
    let end = html.rfind("</svg>").expect("closed SVG") + "</svg>".len();
    html[start..end].to_string()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[test]
fn xml_checker_rejects_malformed_markup() {
    assert!(
        check_xml("<svg><g><a href=\"x\"><title>A &amp; B</title></a></g><path d=\"M0\"/></svg>")
            .is_ok()
    );
    assert!(check_xml("<svg><g></svg>").is_err());
    assert!(check_xml("<svg><title>A & B</title></svg>").is_err());
    assert!(check_xml("<svg><a href=x></a></svg>").is_err());
    assert!(check_xml("<svg></svg><svg></svg>").is_err());
}

#[test]
fn concept_map_is_well_formed_and_names_every_article() {
    let site = built(&[]);
    let svg = map_svg(&site);
    check_xml(&svg).unwrap_or_else(|e| panic!("{e}:\n{svg}"));
    for title in ["Empathy", "The working alliance", "Therapy on video", "An unlinked article"] {
        assert!(
            svg.contains(&format!("<title>{}</title>", escape(title))),
            "map lacks {title}:\n{svg}"
        );
    }
    assert!(
        svg.contains("href=\"../articles/components/empathy/\""),
        "nodes link to articles: {svg}"
    );
    let main = site.main_of("map/index.html");
    assert!(main.contains("The map as text"), "a text alternative follows the map");
}

#[test]
fn bundled_handbook_concept_map_is_well_formed_and_names_every_article() {
    let site = handbook();
    let svg = map_svg(site);
    check_xml(&svg).unwrap_or_else(|e| panic!("{e}"));
    let articles = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/articles");
    let mut titles = 0;
    for section in std::fs::read_dir(&articles).expect("articles") {
        for file in std::fs::read_dir(section.expect("section").path()).expect("section folder") {
            let path = file.expect("file").path();
            // The English map names the English articles; translations have their own map.
            if path.file_stem().is_some_and(|s| s.to_string_lossy().contains('.')) {
                continue;
            }
            let text = std::fs::read_to_string(path).expect("article");
            let title = text
                .lines()
                .find_map(|l| l.strip_prefix("title:"))
                .map(|t| t.trim().trim_matches('"').replace("\\\"", "\""))
                .expect("front matter title");
            assert!(
                svg.contains(&format!("<title>{}</title>", escape(&title))),
                "map lacks {title:?}"
            );
            titles += 1;
        }
    }
    assert!(titles >= 20);
}

/// The map's `viewBox` size and its article boxes `[x, y, width, height]`, read from the SVG.
fn map_boxes(svg: &str) -> ((f64, f64), Vec<[f64; 4]>) {
    let number = |text: &str, name: &str| -> f64 {
        let start = text.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
        text[start..].split('"').next().and_then(|v| v.parse().ok()).expect("a number")
    };
    let view: Vec<f64> = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|v| v.split(' ').filter_map(|n| n.parse().ok()).collect())
        .expect("a viewBox");
    let boxes = svg
        .split("<a class=\"map-node")
        .skip(1)
        .map(|node| {
            let rect = &node[node.find("<rect").expect("a box")..];
            let rect = &rect[..rect.find("/>").expect("closed rect")];
            ["x", "y", "width", "height"].map(|name| number(rect, name))
        })
        .collect();
    ((view[2], view[3]), boxes)
}

/// No two article boxes overlap, all lie inside the drawing, and every quadrant of the drawing
/// holds part of some box (no empty corner).
#[track_caller]
fn assert_map_layout_is_balanced(svg: &str, articles: usize) {
    let ((width, height), boxes) = map_boxes(svg);
    assert_eq!(boxes.len(), articles, "one box per article");
    for (i, a) in boxes.iter().enumerate() {
        assert!(a[0] >= 0.0 && a[1] >= 0.0, "box {a:?} starts inside the drawing");
        assert!(
            a[0] + a[2] <= width && a[1] + a[3] <= height,
            "box {a:?} ends inside {width}x{height}"
        );
        for b in &boxes[i + 1..] {
            let apart = a[0] + a[2] <= b[0]
                || b[0] + b[2] <= a[0]
                || a[1] + a[3] <= b[1]
                || b[1] + b[3] <= a[1];
            assert!(apart, "boxes {a:?} and {b:?} overlap");
        }
    }
    let (mid_x, mid_y) = (width / 2.0, height / 2.0);
    for (left, top) in [(true, true), (false, true), (true, false), (false, false)] {
        let held = boxes.iter().any(|b| {
            let across = if left { b[0] < mid_x } else { b[0] + b[2] > mid_x };
            let down = if top { b[1] < mid_y } else { b[1] + b[3] > mid_y };
            across && down
        });
        assert!(
            held,
            "the {} {} quadrant of {width}x{height} is empty: {boxes:?}",
            if top { "top" } else { "bottom" },
            if left { "left" } else { "right" }
        );
    }
}

#[test]
fn concept_map_layout_is_balanced_without_overlaps_for_a_small_site() {
    let site = built(&[]);
    assert_map_layout_is_balanced(&map_svg(&site), 4);
}

#[test]
fn concept_map_layout_is_balanced_without_overlaps_for_the_handbook() {
    let site = handbook();
    let svg = map_svg(site);
    let ((width, height), boxes) = map_boxes(&svg);
    assert_map_layout_is_balanced(&svg, boxes.len());
    assert!(boxes.len() >= 25, "the handbook's articles: {}", boxes.len());
    // Wider than tall, and each column's boxes reach down at least half the drawing's height.
    assert!(width > height, "{width}x{height}");
    let mut columns: Vec<(f64, f64)> = Vec::new();
    for b in &boxes {
        match columns.iter_mut().find(|c| c.0 == b[0]) {
            Some(column) => column.1 = column.1.max(b[1] + b[3]),
            None => columns.push((b[0], b[1] + b[3])),
        }
    }
    assert!(columns.len() >= 3, "{columns:?}");
    for (x, bottom) in &columns {
        assert!(*bottom >= height * 0.6, "the column at {x} stops at {bottom} of {height}");
    }
}

#[test]
fn a_site_over_150_articles_maps_its_sections_laid_out_the_same_way() {
    let site =
        TestSite::with_files("map-sections", &[("index.md", "---\ntitle: Home\n---\n\nHome.\n")]);
    for i in 0..156 {
        let (section, next) = (["alpha", "beta", "gamma", "delta"][i % 4], (i + 1) % 156);
        let target = ["alpha", "beta", "gamma", "delta"][next % 4];
        site.write(
            &format!("content/articles/{section}/a{i}.md"),
            &format!("---\ntitle: Article {i}\nsummary: Number {i}.\n---\n\nSee [the next](../{target}/a{next}.md).\n"),
        );
    }
    site.build();
    let svg = map_svg(&site);
    check_xml(&svg).unwrap_or_else(|e| panic!("{e}:\n{svg}"));
    let ((width, height), boxes) = map_boxes(&svg);
    assert_eq!(boxes.len(), 4, "one box per section: {svg}");
    assert!(
        svg.contains("<title>Alpha (39)</title>"),
        "a section's box names it and its count: {svg}"
    );
    assert!(svg.contains(" map-tie\""), "links between sections are drawn: {svg}");
    for b in &boxes {
        assert!(b[0] + b[2] <= width && b[1] + b[3] <= height, "{b:?} inside {width}x{height}");
    }
}
