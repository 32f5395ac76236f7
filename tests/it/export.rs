//! `attune export epub|cc` (issue 25): a reading path as an EPUB 3 book and as an IMS Common
//! Cartridge 1.3. The archives are opened with the test's own zip reader and their XML parsed
//! with roxmltree; epubcheck itself runs on every bundled path in `.ci/run`.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::TestSite;
use crate::unzip;

/// Exports `args` in a copy of the export fixture and returns the archive's files by name,
/// asserting the export succeeded.
#[track_caller]
fn export(
    site: &TestSite,
    args: &[&str],
    out: &str,
) -> (Vec<unzip::Entry>, BTreeMap<String, String>) {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out]);
    site.run(&all).expect_code(0).expect_stdout(&format!("wrote {out}"));
    let bytes = std::fs::read(site.root.join(out)).expect("archive written");
    let entries = unzip::read(&bytes);
    let text = entries
        .iter()
        .map(|e| (e.name.clone(), String::from_utf8_lossy(&e.bytes).into_owned()))
        .collect();
    (entries, text)
}

#[track_caller]
fn parse<'t>(name: &str, text: &'t str) -> roxmltree::Document<'t> {
    // XHTML pages start with `<!DOCTYPE html>`, which roxmltree refuses unless told.
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("{name} is not well-formed: {e}"))
}

#[test]
fn issue_25_epub_has_navigation_lang_images_glossary_and_references() {
    let site = TestSite::fixture("export/site");
    let (entries, files) = export(&site, &["epub", "course"], "course.epub");
    // OCF: `mimetype` first, stored, and nothing else in it.
    assert_eq!(entries[0].name, "mimetype");
    assert_eq!(entries[0].method, 0, "mimetype is stored");
    assert_eq!(entries[0].bytes, b"application/epub+zip");
    let container = parse("container.xml", &files["META-INF/container.xml"]);
    let rootfile = container.descendants().find(|n| n.has_tag_name("rootfile")).expect("rootfile");
    assert_eq!(rootfile.attribute("full-path"), Some("EPUB/package.opf"));

    // Every XML file parses; the manifest lists every file and every listed file exists.
    for (name, text) in files
        .iter()
        .filter(|(n, _)| n.ends_with(".xhtml") || n.ends_with(".opf") || n.ends_with(".ncx"))
    {
        parse(name, text);
    }
    let opf = parse("package.opf", &files["EPUB/package.opf"]);
    let language = opf.descendants().find(|n| n.has_tag_name("language")).and_then(|n| n.text());
    assert_eq!(language, Some("en-GB"), "dc:language from site.yaml");
    let listed: BTreeSet<String> = opf
        .descendants()
        .filter(|n| n.has_tag_name("item"))
        .map(|n| format!("EPUB/{}", n.attribute("href").expect("href")))
        .collect();
    let packed: BTreeSet<String> = files
        .keys()
        .filter(|n| {
            !["mimetype", "META-INF/container.xml", "EPUB/package.opf"].contains(&n.as_str())
        })
        .cloned()
        .collect();
    assert_eq!(listed, packed, "the OPF manifest lists exactly the files in the book");

    // Navigation: every page in reading order, the steps in the path's order.
    let nav = parse("nav.xhtml", &files["EPUB/nav.xhtml"]);
    let toc: Vec<&str> = nav
        .descendants()
        .find(|n| n.attribute(("http://www.idpf.org/2007/ops", "type")) == Some("toc"))
        .expect("a toc nav")
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert_eq!(
        toc,
        [
            "pages/cover.xhtml",
            "pages/01-first-reading.xhtml",
            "pages/02-second-reading.xhtml",
            "pages/glossary.xhtml",
            "pages/references.xhtml"
        ]
    );
    assert!(files.contains_key("EPUB/toc.ncx"), "an NCX for EPUB 2 readers");

    // The first step: lang, its images with their alt text, links into the book.
    let first = &files["EPUB/pages/01-first-reading.xhtml"];
    assert!(first.contains(r#"lang="en-GB" xml:lang="en-GB""#), "{first}");
    let page = parse("01-first-reading.xhtml", first);
    let images: Vec<(&str, &str)> = page
        .descendants()
        .filter(|n| n.has_tag_name("img"))
        .map(|n| (n.attribute("src").unwrap_or(""), n.attribute("alt").unwrap_or("")))
        .collect();
    assert_eq!(
        images,
        [
            ("../static/images/loop.svg", "A diagram of the loop"),
            ("../static/images/dot.png", "A small dot")
        ]
    );
    assert!(
        files.contains_key("EPUB/static/images/loop.svg")
            && files.contains_key("EPUB/static/images/dot.png")
    );
    assert!(
        first.contains(r#"href="02-second-reading.xhtml#listening""#),
        "a link to a step stays in the book"
    );
    assert!(first.contains(r#"href="glossary.xhtml#rapport""#), "a term links to the appendix");
    assert!(
        first.contains(r#"href="https://course.example/readings/articles/basics/off-path/""#),
        "an article off the path links to the published site"
    );

    // Glossary appendix: the terms the steps use, A to Z, and no other.
    let glossary = parse("glossary.xhtml", &files["EPUB/pages/glossary.xhtml"]);
    let terms: Vec<&str> = glossary
        .descendants()
        .filter(|n| n.has_tag_name("dt"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert_eq!(terms, ["empathy", "rapport"]);

    // References: both steps', combined, deduplicated, sorted.
    let references = parse("references.xhtml", &files["EPUB/pages/references.xhtml"]);
    let cited: Vec<String> = references
        .descendants()
        .filter(|n| n.has_tag_name("li"))
        .map(|n| n.descendants().filter_map(|t| t.text()).collect::<String>())
        .collect();
    assert_eq!(cited.len(), 2, "{cited:?}");
    assert!(
        cited[0].starts_with("Bordin") && cited[0].contains("doi:10.1037/h0085885"),
        "{cited:?}"
    );
    assert!(cited[1].starts_with("Rogers"), "{cited:?}");
}

#[test]
fn issue_25_cartridge_manifest_lists_every_file_and_every_file_exists() {
    let site = TestSite::fixture("export/site");
    let (_, files) = export(&site, &["cc", "course"], "course.imscc");
    let manifest = parse("imsmanifest.xml", &files["imsmanifest.xml"]);
    let version =
        manifest.descendants().find(|n| n.has_tag_name("schemaversion")).and_then(|n| n.text());
    assert_eq!(version, Some("1.3.0"));

    let listed: BTreeSet<&str> = manifest
        .descendants()
        .filter(|n| n.has_tag_name("file"))
        .filter_map(|n| n.attribute("href"))
        .collect();
    let packed: BTreeSet<&str> =
        files.keys().map(String::as_str).filter(|n| *n != "imsmanifest.xml").collect();
    assert_eq!(
        listed, packed,
        "the manifest lists every file, and every file it lists is in the archive"
    );

    // One module (the organisation's one top item) with one item per step, in order, each
    // naming a web content resource whose page exists.
    let root =
        manifest.descendants().find(|n| n.has_tag_name("organization")).expect("organization");
    let modules: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("item"))
        .flat_map(|n| n.children())
        .filter(|n| n.has_tag_name("item"))
        .collect();
    assert_eq!(modules.len(), 1, "one module per path");
    let module = modules[0];
    let title = |n: roxmltree::Node<'_, '_>| {
        n.children()
            .find(|c| c.has_tag_name("title"))
            .and_then(|t| t.text())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(title(module), "A short course");
    let items: Vec<_> = module.children().filter(|n| n.has_tag_name("item")).collect();
    assert_eq!(
        items.iter().map(|i| title(*i)).collect::<Vec<_>>(),
        ["The first reading: rapport & trust", "The second reading"]
    );
    for item in items {
        let reference = item.attribute("identifierref").expect("item names a resource");
        let resource = manifest
            .descendants()
            .find(|n| n.has_tag_name("resource") && n.attribute("identifier") == Some(reference))
            .unwrap_or_else(|| panic!("no resource {reference}"));
        assert_eq!(resource.attribute("type"), Some("webcontent"));
        let href = resource.attribute("href").expect("launchable href");
        assert!(files.contains_key(href), "{href} is in the archive");
    }

    // The page itself: the theme's CSS, the images, links into the cartridge.
    let page = &files["web_resources/pages/01-first-reading.html"];
    parse("01-first-reading.html", page);
    assert!(page.contains(r#"href="../theme/style.css""#), "{page}");
    assert!(page.contains(r#"<img src="../static/images/loop.svg" alt="A diagram of the loop"/>"#));
    assert!(files.contains_key("web_resources/theme/style.css"));
    // The glossary's and step notes' rules live in the theme's second stylesheet.
    assert!(page.contains(r#"href="../theme/pages.css""#), "{page}");
    assert!(files["web_resources/theme/pages.css"].contains(".glossary"));
    assert!(files.contains_key("web_resources/theme/highlight.css"), "the second step has code");
    assert!(page.contains(r#"href="glossary.html#rapport""#));
}

#[test]
fn issue_25_cartridge_links_point_at_the_published_urls() {
    let site = TestSite::fixture("export/site");
    let (_, files) = export(&site, &["cc", "course", "--links"], "links.imscc");
    let manifest = parse("imsmanifest.xml", &files["imsmanifest.xml"]);
    let mut urls = Vec::new();
    for resource in manifest.descendants().filter(|n| n.has_tag_name("resource")) {
        assert_eq!(resource.attribute("type"), Some("imswl_xmlv1p3"));
        let file = resource
            .children()
            .find(|n| n.has_tag_name("file"))
            .and_then(|n| n.attribute("href"))
            .expect("file");
        let link = parse(file, &files[file]);
        let url = link
            .descendants()
            .find(|n| n.has_tag_name("url"))
            .and_then(|n| n.attribute("href"))
            .expect("url");
        urls.push(url.to_string());
    }
    assert_eq!(
        urls,
        [
            "https://course.example/readings/articles/basics/first-reading/",
            "https://course.example/readings/articles/basics/second-reading/"
        ]
    );
    assert!(!files.keys().any(|n| n.ends_with(".html")), "no pages in a links cartridge");
}

#[test]
fn issue_25_links_without_base_url_is_an_error_at_site_yaml() {
    let site = TestSite::fixture("export/site");
    site.change_file("content/site.yaml", "base_url: https://course.example/readings/\n", "");
    let run = site.run(&["export", "cc", "course", "--links"]);
    run.expect_code(2).expect_stderr("site.yaml has no `base_url`").expect_stderr("add `base_url:");
    assert!(!site.root.join("course.imscc").exists(), "nothing written");
    // Without --links the pages go in, and links off the path become text.
    let (_, files) = export(&site, &["cc", "course"], "course.imscc");
    let page = &files["web_resources/pages/01-first-reading.html"];
    assert!(page.contains("and later Off the path."), "{page}");
}

#[test]
fn issue_25_exports_are_byte_identical_across_runs() {
    let site = TestSite::fixture("export/site");
    for (args, a, b) in [
        (&["epub", "course"][..], "a.epub", "b.epub"),
        (&["cc", "course"][..], "a.imscc", "b.imscc"),
        (&["cc", "course", "--links"][..], "a-links.imscc", "b-links.imscc"),
    ] {
        export(&site, args, a);
        // Touch the sources in between: file times must not reach the archive.
        site.change_file("content/articles/basics/first-reading.md", "The end.", "The end.");
        export(&site, args, b);
        let (a, b) = (
            std::fs::read(site.root.join(a)).expect("a"),
            std::fs::read(site.root.join(b)).expect("b"),
        );
        assert!(a == b, "{args:?}: two runs differ");
    }
}

#[test]
fn issue_25_unknown_path_names_the_paths_that_exist() {
    let site = TestSite::fixture("export/site");
    for format in ["epub", "cc"] {
        site.run(&["export", format, "cours"]).expect_code(2).expect_stderr(
            "no reading path `cours`; did you mean `course`? the paths are: course, review",
        );
    }
}

#[test]
fn issue_25_help_names_both_exports_with_examples() {
    let site = TestSite::fixture("export/site");
    let help = site.run(&["--help"]);
    help.expect_code(0).expect_stdout("export").expect_stdout("attune export epub new-to-therapy");
    help.expect_stdout("attune export cc new-to-therapy --links");
}

#[test]
fn issue_25_cartridge_pages_carry_the_sites_accent_and_extra_css() {
    let site = TestSite::fixture("export/site");
    site.change_file(
        "content/site.yaml",
        "sections:",
        "organisation:\n  accent: \"#8a1d5f\"\nsections:",
    );
    site.write("theme/extra.css", ".prose { letter-spacing: 0.01em; }\n");
    let (_, files) = export(&site, &["cc", "course"], "course.imscc");
    assert!(files["web_resources/theme/accent.css"].contains("--accent:#8a1d5f"));
    assert!(files["web_resources/theme/extra.css"].contains("letter-spacing"));
    let page = &files["web_resources/pages/02-second-reading.html"];
    let at = |sheet: &str| {
        page.find(&format!("../theme/{sheet}")).unwrap_or_else(|| panic!("{sheet} not linked"))
    };
    let positions: Vec<usize> =
        ["style.css", "highlight.css", "accent.css", "extra.css"].iter().map(|s| at(s)).collect();
    assert!(positions.is_sorted(), "theme, highlighting, accent, then the site's extra.css");
}
