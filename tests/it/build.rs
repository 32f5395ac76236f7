//! `attune build` (issue 2): every page of a fixture site, Markdown rendering, diagnostics with
//! file:line:col and exit codes, refused output folders, links that never leave the site,
//! byte-identical rebuilds, a failed build keeping the last good site, `init`, `new article`
//! and drafts.
//!
//! Also holds the helpers the links, glossary and paths modules share: the bundled handbook
//! built once per test run, a listing of every output file, and the link checker.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use crate::support::{Run, TestSite, urls};

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// Runs `attune <args>` in `dir` with extra environment variables.
pub(crate) fn run_in(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_attune"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1").env("ATTUNE_TODAY", "2026-11-22");
    for (key, value) in env {
        command.env(key, value);
    }
    let output = command.output().expect("run attune");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The bundled handbook (the repository's own `content/`), built once per test run into a
/// temporary `public/` so every module can read it without rebuilding.
pub(crate) fn handbook() -> &'static TestSite {
    static HANDBOOK: OnceLock<TestSite> = OnceLock::new();
    HANDBOOK.get_or_init(|| {
        let site = TestSite::empty("handbook");
        let out = site.root.join("public");
        let out = out.to_str().expect("utf-8 temp path");
        site.run(&["build", "--root", env!("CARGO_MANIFEST_DIR"), "--out", out]).expect_code(0);
        site
    })
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes.
pub(crate) fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let relative = path.strip_prefix(base).expect("under base");
                let key =
                    relative.iter().map(|p| p.to_string_lossy()).collect::<Vec<_>>().join("/");
                out.insert(key, std::fs::read(&path).expect("read output file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The built HTML pages of a site: relative path -> text.
pub(crate) fn pages(site: &TestSite) -> BTreeMap<String, String> {
    files(&site.root.join("public"))
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).expect("pages are UTF-8")))
        .collect()
}

/// Whether a URL leaves the site: it has a scheme (`https:`, `mailto:`) or is
/// protocol-relative (`//cdn.example`).
fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// The values of `attr="…"` on tags whose text before it contains `marker` (same tag).
fn attribute_after(html: &str, marker: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(marker) {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i..tag_end];
        let needle = format!("{attr}=\"");
        if let Some(a) = tag.find(&needle) {
            let value = &tag[a + needle.len()..];
            out.push(value[..value.find('"').unwrap_or(value.len())].to_string());
        }
        rest = &rest[i + marker.len()..];
    }
    out
}

/// Problems with the `href`/`src` values of every built page: a URL that leaves the site
/// (other than the author's own outbound links, `a.external`, and the canonical URL), a
/// relative URL that climbs above the site root, or one whose target file is missing.
/// `base_path` is the path part of base_url, which only the 404 page may use.
pub(crate) fn link_problems(site: &TestSite, base_path: &str) -> Vec<String> {
    let public = site.root.join("public");
    let mut problems = Vec::new();
    for (page, html) in pages(site) {
        let allowed: Vec<String> = attribute_after(&html, "class=\"external\"", "href")
            .into_iter()
            .chain(attribute_after(&html, "rel=\"canonical\"", "href"))
            // hreflang alternates are absolute by the standard, like the canonical URL.
            .chain(attribute_after(&html, "hreflang=", "href"))
            .collect();
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        for url in urls(&html) {
            if is_external(&url) {
                if !allowed.contains(&url) {
                    problems.push(format!("{page}: leaves the site: {url}"));
                }
                continue;
            }
            let path = url.split(['#', '?']).next().unwrap_or("");
            if url.starts_with('#') {
                continue;
            }
            let joined = if let Some(rooted) = path.strip_prefix('/') {
                if !page.ends_with("404.html") {
                    problems.push(format!("{page}: root-absolute URL (not relative): {url}"));
                    continue;
                }
                format!("/{rooted}").strip_prefix(base_path).map(str::to_string)
            } else {
                attune::url::normalise(&format!("{dir}/{path}"))
            };
            let Some(mut target) = joined else {
                problems.push(format!("{page}: climbs out of the site: {url}"));
                continue;
            };
            if target.is_empty() || path.ends_with('/') || path.is_empty() {
                if !target.is_empty() {
                    target.push('/');
                }
                target.push_str("index.html");
            }
            if !public.join(&target).is_file() {
                problems.push(format!("{page}: points at a missing file {target}: {url}"));
            }
        }
    }
    problems
}

/// Element ids that appear more than once in a page.
pub(crate) fn duplicate_ids(html: &str) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for part in html.split(" id=\"").skip(1) {
        *seen.entry(part.split('"').next().unwrap_or("")).or_default() += 1;
    }
    seen.into_iter().filter(|(_, n)| *n > 1).map(|(id, n)| format!("{id} x{n}")).collect()
}

/// Asserts that a failed run reported `code` at `location` (`content/…:LINE:COL`) with exit
/// code 1 and wrote nothing.
#[track_caller]
pub(crate) fn expect_error_at(site: &TestSite, run: &Run, code: &str, location: &str) {
    run.expect_code(1);
    run.expect_stderr(&format!("error[{code}]:"));
    run.expect_stderr(&format!("--> {location}\n"));
    assert!(!site.exists("index.html"), "a failed build wrote public/");
}

// ---------------------------------------------------------------------------------------------
// A whole site
// ---------------------------------------------------------------------------------------------

#[test]
fn builds_every_page_of_a_fixture_site() {
    let site = TestSite::fixture("build/site");
    let run = site.build();
    run.expect_stdout("built 3 articles");
    for page in [
        "index.html",
        "articles/basics/markdown/index.html",
        "articles/basics/plain/index.html",
        "articles/deeper/deep-dive/index.html",
        "articles/basics/index.html",
        "articles/deeper/index.html",
        "about/index.html",
        "glossary/index.html",
        "paths/index.html",
        "paths/start/index.html",
        "paths/start/print/index.html",
        "tags/index.html",
        "tags/tour/index.html",
        "map/index.html",
        "search/index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "theme/style.css",
    ] {
        assert!(site.exists(page), "public/{page} is missing");
    }
    assert!(
        site.main_of("articles/basics/markdown/index.html").contains("<h1>A Markdown tour</h1>")
    );
    let section = site.main_of("articles/deeper/index.html");
    assert!(
        section.contains("<h1>Going deeper</h1>") && section.contains("A deep dive"),
        "{section}"
    );

    let sitemap = site.output("sitemap.xml");
    for url in
        ["", "articles/basics/markdown/", "articles/deeper/deep-dive/", "about/", "glossary/"]
    {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/{url}</loc>")),
            "sitemap lacks {url}:\n{sitemap}"
        );
    }
    assert!(site.output("robots.txt").contains("Sitemap: https://example.org/sitemap.xml"));
    let atom = site.output("atom.xml");
    assert!(
        atom.contains("<title>A Markdown tour</title>")
            && atom.contains("<title>A deep dive</title>"),
        "{atom}"
    );
    assert!(
        !atom.contains("A plain article"),
        "an article without `updated` is not an update:\n{atom}"
    );
}

#[test]
fn builds_with_root_from_another_working_directory() {
    let elsewhere = TestSite::empty("elsewhere");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/build/site");
    let run = run_in(
        &elsewhere.root,
        &["build", "--root", fixture.to_str().expect("utf-8"), "--out", "out"],
        &[],
    );
    run.expect_code(0);
    let out = elsewhere.root.join("out");
    assert!(out.join("index.html").is_file());
    assert!(out.join("articles/basics/markdown/index.html").is_file());
    assert!(
        out.join("images/diagram.svg").is_file(),
        "static files are found from --root, not the cwd"
    );
    assert!(!fixture.join("public").exists(), "the fixture folder stays clean");
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

/// The built Markdown tour's `<main>`.
fn tour() -> String {
    let site = TestSite::fixture("build/site");
    site.build();
    site.main_of("articles/basics/markdown/index.html")
}

#[test]
fn renders_tables_in_a_scrolling_wrapper() {
    let main = tour();
    // A focusable scrolling region named by the table's section heading.
    let wrap = "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"";
    let start = main.find(wrap).unwrap_or_else(|| panic!("no named table region: {main}"));
    let id = main[start + wrap.len()..].split('"').next().unwrap_or_default();
    assert!(main.contains(&format!(" id=\"{id}\">")), "#{id} is a heading on the page: {main}");
    assert!(main[start..].contains("\"><table>"), "{main}");
    assert!(main.contains("<th>Name</th>") && main.contains("<td>one</td>"), "{main}");
}

#[test]
fn renders_footnotes_strikethrough_and_task_lists() {
    let main = tour();
    assert!(
        main.contains("<sup class=\"footnote-reference\"><a href=\"#fn-note\">1</a></sup>"),
        "{main}"
    );
    assert!(main.contains("<div class=\"footnote-definition\" id=\"fn-note\">"), "{main}");
    assert!(main.contains("<p>A footnote with more detail.</p>"), "{main}");
    assert!(main.contains("<del>struck out</del>"), "{main}");
    assert!(main.contains("type=\"checkbox\" checked=\"\"/>\na finished task"), "{main}");
    assert!(main.contains("type=\"checkbox\"/>\nan open task"), "{main}");
}

#[test]
fn applies_smart_punctuation() {
    let main = tour();
    assert!(main.contains("It’s “quoted” – and"), "{main}");
}

#[test]
fn renders_github_alerts_as_titled_callouts() {
    let main = tour();
    assert!(
        main.contains("<div class=\"callout callout-note\" role=\"note\" aria-label=\"Note\"><p class=\"callout-title\">Note</p>"),
        "{main}"
    );
    assert!(!main.contains("[!NOTE]"), "{main}");
}

#[test]
fn gives_duplicate_headings_unique_ids() {
    let main = tour();
    assert!(main.contains("<h2 id=\"example\">Example</h2>"), "{main}");
    assert!(main.contains("<h2 id=\"example-2\">Example</h2>"), "{main}");
}

#[test]
fn headings_never_share_an_id_with_footnotes_or_the_page() {
    let site = TestSite::with_files(
        "ids",
        &[(
            "articles/a/sources.md",
            "---\ntitle: Sources\nsummary: S.\n---\n\n## Main\n\nA claim.[^sources]\n\n## Sources\n\nList.\n\n[^sources]: Where it comes from.\n",
        )],
    );
    site.build();
    let html = site.output("articles/a/sources/index.html");
    assert!(duplicate_ids(&html).is_empty(), "{:?}", duplicate_ids(&html));
    assert!(html.contains("<a class=\"skip-link\" href=\"#main\">"), "{html}");
    assert!(
        html.contains("<a href=\"#fn-sources\">1</a>"),
        "the footnote link reaches the footnote: {html}"
    );
}

#[test]
fn lists_headings_in_the_table_of_contents() {
    let main = tour();
    let start = main.find("<nav class=\"toc\"").expect("a table of contents");
    let toc = &main[start..start + main[start..].find("</nav>").expect("closed")];
    let entries: Vec<&str> = ["#example", "#example-2", "#tables", "#lists", "#code"]
        .into_iter()
        .filter(|id| !toc.contains(&format!("href=\"{id}\"")))
        .collect();
    assert!(entries.is_empty(), "toc lacks {entries:?}: {toc}");
}

#[test]
fn highlights_code_with_classes_and_no_inline_styles() {
    let site = TestSite::fixture("build/site");
    site.build();
    let html = site.output("articles/basics/markdown/index.html");
    assert!(html.contains("<pre class=\"code\""), "{html}");
    assert!(html.contains("<span class=\"hl-"), "{html}");
    assert!(
        html.contains("<span class=\"hl-t\">fn"),
        "`fn` is highlighted as a storage keyword: {html}"
    );
    assert!(!html.contains("style="), "no inline styles: {html}");
    assert!(site.output("theme/highlight.css").contains(".hl-"), "the palette is a stylesheet");
}

#[test]
fn copies_images_and_links_them_relatively() {
    let site = TestSite::fixture("build/site");
    site.build();
    let main = site.main_of("articles/basics/markdown/index.html");
    assert!(
        main.contains("<img src=\"../../../images/diagram.svg\" alt=\"Diagram of the loop\""),
        "{main}"
    );
    assert_eq!(
        std::fs::read(site.root.join("public/images/diagram.svg")).expect("copied"),
        std::fs::read(site.root.join("content/static/images/diagram.svg")).expect("source"),
    );
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn errors_on_invalid_yaml_at_the_file_line() {
    let site = TestSite::fixture("invalid/build-yaml-syntax");
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "yaml-syntax", "content/articles/basics/broken.md:4:17");
    run.expect_stderr("4 | summary: Therapy: what to expect: a guide\n");
    run.expect_stderr("  |                 ^");
    run.expect_stderr("= help:");
}

#[test]
fn errors_on_unknown_front_matter_key() {
    let site = TestSite::fixture("invalid/build-unknown-key");
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "unknown-key", "content/articles/basics/typo.md:4:1");
    run.expect_stderr("unknown front matter key `sumary`");
    run.expect_stderr("4 | sumary: The key above is misspelt.\n  | ^^^^^^\n");
    run.expect_stderr("= help: did you mean `summary`?");
}

#[test]
fn errors_on_missing_title() {
    let site = TestSite::fixture("invalid/build-missing-title");
    let run = site.run(&["build"]);
    run.expect_code(1).expect_stderr("error[missing-key]:").expect_stderr("`title`");
    run.expect_stderr("--> content/articles/basics/untitled.md:");
    assert!(!site.exists("index.html"));
}

#[test]
fn errors_on_undeclared_audience_with_the_declared_list() {
    let site = TestSite::fixture("invalid/build-undeclared-audience");
    let run = site.run(&["build"]);
    expect_error_at(
        &site,
        &run,
        "undeclared-audience",
        "content/articles/basics/for-patients.md:4:21",
    );
    run.expect_stderr("audience `patients` is not declared");
    run.expect_stderr("  |                     ^^^^^^^^\n");
    assert!(
        run.stderr.contains("clients, students") || run.stderr.contains("did you mean `clients`?"),
        "help names the declared audiences:\n{}",
        run.stderr
    );
}

#[test]
fn errors_on_missing_image() {
    let site = TestSite::fixture("invalid/build-missing-image");
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "missing-image", "content/articles/basics/pictures.md:9:1");
    run.expect_stderr("`/images/chart.png`");
    run.expect_stderr("= help:");
}

#[test]
fn missing_image_suggests_the_nearest_static_file() {
    let site = TestSite::fixture("invalid/build-missing-image");
    site.write("content/static/images/chart.png", "png");
    site.write("content/static/photos/team.jpg", "jpg");
    let article = "content/articles/basics/pictures.md";
    let front = "---\ntitle: Pictures\nsummary: Images.\naudience: [clients]\n---\n\n";
    // A misspelt path, the right name in the wrong folder, and a name like nothing there.
    for (written, help) in [
        ("/images/chrat.png", "= help: did you mean `/images/chart.png`?"),
        ("/img/team.jpg", "= help: did you mean `/photos/team.jpg`?"),
        ("/images/zebra-crossing.svg", "= help: put the file under `content/static/`"),
    ] {
        site.write(article, &format!("{front}![A picture]({written})\n"));
        let run = site.run(&["build"]);
        expect_error_at(&site, &run, "missing-image", "content/articles/basics/pictures.md:7:1");
        run.expect_stderr(help);
    }
}

#[test]
fn refuses_to_build_into_the_source_folder() {
    let site = TestSite::fixture("build/site");
    for out in [".", "content", "content/public"] {
        let run = site.run(&["build", "--out", out]);
        run.expect_code(2).expect_stderr("refusing");
    }
    assert!(site.root.join("content/site.yaml").is_file(), "the source is untouched");
    assert!(!site.root.join("content/public").exists());
}

#[test]
fn refuses_to_build_into_the_filesystem_root() {
    let site = TestSite::fixture("build/site");
    site.run(&["build", "--out", "/"]).expect_code(2).expect_stderr("refusing");
}

#[test]
fn refuses_to_build_into_the_home_folder() {
    let site = TestSite::fixture("build/site");
    // An empty folder is otherwise a fine output folder, so only the home rule can refuse it.
    let home = TestSite::empty("home");
    let home_str = home.root.to_str().expect("utf-8");
    let run = run_in(&site.root, &["build", "--out", home_str], &[("HOME", &home.root)]);
    run.expect_code(2).expect_stderr("refusing");
    assert_eq!(
        std::fs::read_dir(&home.root).expect("home").count(),
        0,
        "nothing was written into home"
    );
}

#[test]
fn refuses_a_non_empty_folder_that_is_not_a_previous_build() {
    let site = TestSite::fixture("build/site");
    site.write("notes/keep.txt", "precious");
    site.run(&["build", "--out", "notes"]).expect_code(2).expect_stderr("refusing");
    assert_eq!(
        std::fs::read_to_string(site.root.join("notes/keep.txt")).expect("kept"),
        "precious"
    );
    assert!(!site.root.join("notes/index.html").exists());
}

#[test]
fn builds_into_an_empty_folder_and_over_a_previous_build() {
    let site = TestSite::fixture("build/site");
    std::fs::create_dir_all(site.root.join("out")).expect("an empty folder");
    site.run(&["build", "--out", "out"]).expect_code(0);
    site.run(&["build", "--out", "out"]).expect_code(0);
    assert!(site.root.join("out/index.html").is_file());
}

// ---------------------------------------------------------------------------------------------
// Links stay inside the site
// ---------------------------------------------------------------------------------------------

#[test]
fn links_never_leave_the_fixture_site() {
    let site = TestSite::fixture("build/site");
    site.build();
    let problems = link_problems(&site, "/");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The author's own outbound links and references are the only external ones, and marked.
    let main = site.main_of("articles/basics/markdown/index.html");
    assert!(main.contains("<a class=\"external\" href=\"https://www.who.int/\""), "{main}");
    assert!(
        main.contains("<a class=\"external\" href=\"https://doi.org/10.1037/h0045357\""),
        "{main}"
    );
}

#[test]
fn links_never_leave_the_bundled_handbook() {
    let site = handbook();
    // Printable packets have a known bug of their own, asserted (ignored) in
    // `paths::packet_links_resolve_from_the_packet_page`.
    let problems: Vec<String> = link_problems(site, "/")
        .into_iter()
        .filter(|p| !(p.starts_with("paths/") && p.contains("/print/")))
        .collect();
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn no_page_loads_anything_from_another_site() {
    let site = handbook();
    for (page, html) in pages(site) {
        assert!(!html.contains("<iframe"), "{page} embeds another page");
        for tag in [
            "<script src=\"",
            "<link rel=\"stylesheet\" href=\"",
            "<img src=\"",
            "<link rel=\"icon\" href=\"",
        ] {
            for value in html.split(tag).skip(1) {
                let url = value.split('"').next().unwrap_or("");
                assert!(!is_external(url), "{page} loads {tag}{url}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Deterministic, atomic output
// ---------------------------------------------------------------------------------------------

/// Paths whose bytes differ between two listings (or exist in one only).
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter().filter(|k| a.get(*k) != b.get(*k)).cloned().collect()
}

#[test]
fn builds_byte_identical_output_twice() {
    let site = TestSite::fixture("build/site");
    site.build();
    let first = files(&site.root.join("public"));
    site.build();
    let second = files(&site.root.join("public"));
    assert!(first.len() > 20, "the build wrote its pages");
    let differ = differences(&first, &second);
    assert!(differ.is_empty(), "differ between builds: {differ:?}");
}

#[test]
fn builds_the_handbook_byte_identically_twice() {
    let first = files(&handbook().root.join("public"));
    let again = TestSite::empty("handbook-again");
    let out = again.root.join("public");
    again
        .run(&[
            "build",
            "--root",
            env!("CARGO_MANIFEST_DIR"),
            "--out",
            out.to_str().expect("utf-8"),
        ])
        .expect_code(0);
    let differ = differences(&first, &files(&out));
    assert!(differ.is_empty(), "differ between builds: {differ:?}");
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let site = TestSite::fixture("build/site");
    site.build();
    let before = files(&site.root.join("public"));
    site.change_file(
        "content/articles/basics/plain.md",
        "and to [[deep-dive]]",
        "and to [[nowhere-at-all]]",
    );
    let run = site.run(&["build"]);
    run.expect_code(1).expect_stderr("error[broken-link]:");
    let after = files(&site.root.join("public"));
    let differ = differences(&before, &after);
    assert!(differ.is_empty(), "a failed build changed: {differ:?}");
    let leftovers: Vec<String> = std::fs::read_dir(&site.root)
        .expect("site root")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("attune-staging") || name.contains("attune-old"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left behind: {leftovers:?}");
}

// ---------------------------------------------------------------------------------------------
// init, new, drafts
// ---------------------------------------------------------------------------------------------

#[test]
fn init_creates_a_starter_that_builds() {
    let dir = TestSite::empty("init-starter");
    run_in(&dir.root, &["init", "starter"], &[]).expect_code(0);
    assert!(dir.root.join("starter/content/site.yaml").is_file());
    assert!(!dir.root.join("starter/templates").exists(), "init copies no template (issue 18)");
    run_in(&dir.root, &["build", "--root", "starter"], &[]).expect_code(0);
    assert!(dir.root.join("starter/public/index.html").is_file());
    assert!(dir.root.join("starter/public/glossary/index.html").is_file());
}

#[test]
fn init_refuses_a_folder_that_already_has_a_site() {
    let dir = TestSite::empty("init-twice");
    run_in(&dir.root, &["init", "site"], &[]).expect_code(0);
    let run = run_in(&dir.root, &["init", "site"], &[]);
    assert_ne!(run.code, 0, "a second init must not overwrite: {run:?}");
}

#[test]
fn init_from_handbook_builds() {
    let dir = TestSite::empty("init-handbook");
    run_in(&dir.root, &["init", "hb", "--from", "handbook"], &[]).expect_code(0);
    let run = run_in(&dir.root, &["build", "--root", "hb"], &[]);
    run.expect_code(0);
    let public = dir.root.join("hb/public");
    assert!(public.join("articles/components/empathy/index.html").is_file());
    assert!(public.join("paths/index.html").is_file());
    // The embedded handbook is the repository's handbook: same articles built.
    let ours = files(&handbook().root.join("public"));
    let theirs = files(&public);
    let articles = |f: &BTreeMap<String, Vec<u8>>| -> Vec<String> {
        f.keys()
            .filter(|k| k.starts_with("articles/") && k.matches('/').count() == 3)
            .cloned()
            .collect()
    };
    assert_eq!(articles(&ours), articles(&theirs));
}

#[test]
fn new_article_creates_a_file_that_builds() {
    let dir = TestSite::empty("new-article");
    run_in(&dir.root, &["init", "site"], &[]).expect_code(0);
    let site = TestSite { root: dir.root.join("site") };
    let run = site.run(&["new", "article", "my-topic", "--title", "My topic: a guide"]);
    run.expect_code(0);
    let created = site.root.join("content/articles/basics/my-topic.md");
    let text = std::fs::read_to_string(&created).expect("created the article");
    assert!(text.contains("My topic: a guide"), "{text}");
    site.build();
    assert!(
        site.main_of("articles/basics/my-topic/index.html").contains("<h1>My topic: a guide</h1>")
    );
}

#[test]
fn new_article_refuses_to_overwrite() {
    let dir = TestSite::empty("new-twice");
    run_in(&dir.root, &["init", "site"], &[]).expect_code(0);
    let site = TestSite { root: dir.root.join("site") };
    site.run(&["new", "article", "my-topic", "--title", "First"]).expect_code(0);
    let path = site.root.join("content/articles/basics/my-topic.md");
    let before = std::fs::read_to_string(&path).expect("created");
    let run = site.run(&["new", "article", "my-topic", "--title", "Second"]);
    assert_ne!(run.code, 0, "{run:?}");
    run.expect_stderr("already exists");
    assert_eq!(std::fs::read_to_string(&path).expect("still there"), before);
}

#[test]
fn excludes_drafts_by_default() {
    let site = TestSite::fixture("build/site");
    site.build();
    assert!(!site.exists("articles/deeper/unfinished/index.html"));
    assert!(!site.output("sitemap.xml").contains("unfinished"));
    assert!(!site.main_of("articles/deeper/index.html").contains("An unfinished draft"));
}

#[test]
fn includes_drafts_with_the_drafts_flag() {
    let site = TestSite::fixture("build/site");
    site.run(&["build", "--drafts"]).expect_code(0);
    assert!(
        site.main_of("articles/deeper/unfinished/index.html")
            .contains("<h1>An unfinished draft</h1>")
    );
    assert!(site.main_of("articles/deeper/index.html").contains("An unfinished draft"));
}

/// Raw HTML's site-absolute URLs of static files become relative to the page, like Markdown
/// links, so images and downloads still work under a subpath (`/handbook/`) or from disk.
#[test]
fn raw_html_site_absolute_static_urls_become_relative() {
    let site = TestSite::with_files(
        "raw-html-urls",
        &[
            ("index.md", "---\ntitle: Home\nsummary: Home.\n---\n[[handout]]\n"),
            (
                "articles/basics/handout.md",
                "---\ntitle: Handout\nsummary: A page with raw HTML.\n---\n\n<img src=\"/images/dot.svg\" alt=\"A dot\">\n\nGet the <a href=\"/files/handout.txt\">handout</a> or read <a href=\"https://example.org/\">more</a>.\n",
            ),
            ("static/images/dot.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            ("static/files/handout.txt", "A handout."),
        ],
    );
    site.build();
    let html = site.main_of("articles/basics/handout/index.html");
    assert!(html.contains("<img src=\"../../../images/dot.svg\" alt=\"A dot\">"), "{html}");
    assert!(html.contains("<a href=\"../../../files/handout.txt\">handout</a>"), "{html}");
    assert!(html.contains("<a href=\"https://example.org/\">more</a>"), "{html}");
    // The home page sits at the root: the same file is linked from there without `../`.
    assert!(!site.main_of("index.html").contains("=\"/images/"), "no site-absolute URL left");
}
