//! Robustness: hostile content never reads or writes outside the site, extreme or malformed
//! files end in a clear diagnostic (never a panic or a hang), raw HTML and front matter are
//! escaped as documented, a killed build leaves the last good site in place, and property
//! tests drive the parsers, link resolution and Markdown rendering with generated input.
//!
//! The property tests are the CI stand-in for the cargo-fuzz targets in `fuzz/`. They run
//! proptest's default 256 cases each; set `PROPTEST_CASES=20000` (say) to run longer.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::LazyLock;
use std::time::{Duration, Instant};

use proptest::prelude::*;

use attune::content::front_matter::{parse_yaml, split_front_matter};
use attune::content::model::{ARTICLE_KEYS, ArticleMeta, PATH_KEYS, PathMeta, TERM_KEYS, TermMeta};
use attune::diagnostics::{FileId, SourceMap, render_text};
use attune::links::{Destination, LinkIndex};
use attune::markdown::glossary_links::TermMatcher;
use attune::markdown::{MarkdownContext, RenderTarget, render_markdown};
use attune::url::{relative_url, slugify};

use crate::support::{Run, TestSite};

/// No attune run may take longer than this; a run that does is killed and fails the test.
const HANG_LIMIT: Duration = Duration::from_secs(20);

fn attune(root: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_attune"));
    command.args(args).current_dir(root).env("NO_COLOR", "1").env("ATTUNE_TODAY", "2026-11-22");
    command
}

/// Runs attune with a time limit, failing on a hang or a panic (exit 101 or "panicked").
#[track_caller]
fn run_bounded(site: &TestSite, args: &[&str]) -> Run {
    let mut child = attune(&site.root, args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn attune");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    // Drain both pipes while waiting, so a chatty run cannot block on a full pipe.
    let out = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        text
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for attune") {
            break status;
        }
        if started.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`attune {}` hung: killed after {HANG_LIMIT:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let run = Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    };
    assert!(
        run.code != 101 && !run.stderr.contains("panicked"),
        "attune panicked:\n{}",
        run.stderr
    );
    run
}

/// A site with a home page linking to article `a` (so `a` is no orphan), plus `files`.
fn site_with(name: &str, files: &[(&str, &str)]) -> TestSite {
    let site = TestSite::with_files(
        name,
        &[("index.md", "---\ntitle: Home\nsummary: Home.\n---\nRead [[a]].\n")],
    );
    for (path, text) in files {
        site.write(&format!("content/{path}"), text);
    }
    site
}

fn article(body: &str) -> String {
    format!("---\ntitle: A\nsummary: The article.\n---\n{body}")
}

/// Every file under `dir`, recursively: relative path -> bytes.
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else {
                let relative =
                    path.strip_prefix(dir).expect("inside").to_string_lossy().into_owned();
                files.insert(relative, std::fs::read(&path).unwrap_or_default());
            }
        }
    }
    files
}

/// A secret outside the site: a file next to the site folder holding a unique marker.
fn secret_beside(site: &TestSite) -> (PathBuf, String) {
    let marker =
        format!("TOP-SECRET-{}-{}", std::process::id(), site.root.display().to_string().len());
    let path = site.root.with_extension("secret");
    std::fs::write(&path, format!("{marker}\n")).expect("write secret");
    (path, marker)
}

#[track_caller]
fn assert_never_in_output(site: &TestSite, marker: &str) {
    for (path, bytes) in read_tree(&site.root.join("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(marker),
            "public/{path} holds the outside file's text"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Paths that climb out of the site.

#[test]
fn link_climbing_out_of_the_site_is_an_unsafe_path_error() {
    let site = site_with(
        "rb-link-climb",
        &[("articles/general/a.md", &article("See [the file](../../../etc/passwd).\n"))],
    );
    let run = run_bounded(&site, &["build"]);
    run.expect_code(1).expect_stderr(
        "error[unsafe-path]: the link `../../../etc/passwd` climbs out of the site; it was not followed\n --> content/articles/general/a.md:5:5\n",
    );
    run.expect_stderr("error: the site has 1 error; nothing was written");
    assert!(!site.exists(""), "a failed build must write nothing");
}

#[test]
fn absolute_link_to_a_system_file_is_a_broken_link() {
    let site = site_with(
        "rb-link-absolute",
        &[("articles/general/a.md", &article("See [the file](/etc/passwd).\n"))],
    );
    let run = run_bounded(&site, &["check"]);
    // Site-absolute paths are looked up among the site's own files only; none is read.
    run.expect_code(1).expect_stderr(
        "error[broken-link]: no article or page `/etc/passwd`\n --> content/articles/general/a.md:5:5\n  |\n5 | See [the file](/etc/passwd).\n  |     ^^^^^^^^^^^^^^^^^^^^^^^\n\n",
    );
}

#[test]
fn image_paths_outside_the_site_are_errors() {
    let site = site_with(
        "rb-image-outside",
        &[(
            "articles/general/a.md",
            &article(
                "![one](../../../etc/passwd)\n\n![two](/etc/passwd)\n\n![three](../../../../../../../../etc/shadow)\n",
            ),
        )],
    );
    let run = run_bounded(&site, &["build"]);
    run.expect_code(1)
        .expect_stderr("error[unsafe-path]: the image `../../../etc/passwd` is outside the site; it was not read\n --> content/articles/general/a.md:5:1\n")
        .expect_stderr("error[missing-image]: the image `/etc/passwd` does not exist\n --> content/articles/general/a.md:7:1\n")
        .expect_stderr("error[unsafe-path]: the image `../../../../../../../../etc/shadow` is outside the site; it was not read\n --> content/articles/general/a.md:9:1\n")
        .expect_stderr("error: the site has 3 errors; nothing was written");
    assert!(!site.exists(""));
}

#[cfg(unix)]
#[test]
fn symlink_under_static_pointing_outside_is_refused_and_never_copied() {
    let site = site_with(
        "rb-symlink-static",
        &[("articles/general/a.md", &article("Plain.\n")), ("static/ok.txt", "fine")],
    );
    site.build();
    let before = read_tree(&site.root.join("public"));
    let (secret, marker) = secret_beside(&site);
    std::os::unix::fs::symlink(&secret, site.root.join("content/static/leak")).expect("symlink");
    std::os::unix::fs::symlink("/etc/passwd", site.root.join("content/static/passwd"))
        .expect("symlink");
    let run = run_bounded(&site, &["build"]);
    run.expect_code(1)
        .expect_stderr("error[unsafe-path]: this symbolic link points outside `content/`; it was not read\n --> content/static/leak\n  = help: copy the file into the site instead of linking to it\n")
        .expect_stderr("error[unsafe-path]: this symbolic link points outside `content/`; it was not read\n --> content/static/passwd\n");
    // The last good build is untouched and the secret never reached it.
    assert_eq!(read_tree(&site.root.join("public")), before);
    assert_never_in_output(&site, &marker);
    assert!(!site.exists("leak") && !site.exists("passwd"));
}

#[cfg(unix)]
#[test]
fn symlinked_article_and_folder_pointing_outside_are_refused() {
    let site = site_with("rb-symlink-article", &[("articles/general/a.md", &article("Plain.\n"))]);
    let (secret, marker) = secret_beside(&site);
    let outside = site.root.with_extension("outside-dir");
    std::fs::create_dir_all(&outside).expect("outside dir");
    std::fs::write(
        outside.join("x.md"),
        format!("---\ntitle: {marker}\nsummary: s\n---\n{marker}\n"),
    )
    .expect("write");
    std::os::unix::fs::symlink(&secret, site.root.join("content/articles/general/leak.md"))
        .expect("symlink");
    std::os::unix::fs::symlink(&outside, site.root.join("content/articles/outside"))
        .expect("symlink");
    let run = run_bounded(&site, &["check"]);
    run.expect_code(1)
        .expect_stderr("error[unsafe-path]: this symbolic link points outside `content/`; it was not read\n --> content/articles/general/leak.md\n")
        .expect_stderr("error[unsafe-path]: this symbolic link points outside `content/`; it was not read\n --> content/articles/outside\n");
    assert!(
        !run.stderr.contains(&marker) && !run.stdout.contains(&marker),
        "the outside files were read"
    );
}

#[cfg(unix)]
#[test]
fn symlink_that_stays_inside_content_is_followed() {
    let site = site_with(
        "rb-symlink-inside",
        &[
            ("articles/general/a.md", &article("![A diagram](/images/alias.png)\n")),
            ("static/images/real.png", "PNG-BYTES"),
        ],
    );
    std::os::unix::fs::symlink("real.png", site.root.join("content/static/images/alias.png"))
        .expect("symlink");
    run_bounded(&site, &["build"]).expect_code(0);
    assert_eq!(site.output("images/alias.png"), "PNG-BYTES");
}

#[test]
fn section_that_climbs_out_is_refused_and_nothing_is_written_outside() {
    let escape = format!("attune-escape-{}", std::process::id());
    let site = site_with(
        "rb-section-climb",
        &[(
            "articles/general/a.md",
            &format!("---\ntitle: A\nsummary: s\nsection: \"../../../../{escape}\"\n---\nBody.\n"),
        )],
    );
    let run = run_bounded(&site, &["build"]);
    run.expect_code(1).expect_stderr(&format!(
        "error[unsafe-path]: section `../../../../{escape}` is not a folder name; its pages would be written outside the site\n --> content/articles/general/a.md:4:11\n"
    ));
    for ancestor in site.root.ancestors().take(6) {
        assert!(!ancestor.join(&escape).exists(), "wrote {}", ancestor.join(&escape).display());
    }
}

// ---------------------------------------------------------------------------------------------
// Extreme and malformed files.

#[test]
fn huge_front_matter_value_builds() {
    let summary = "word ".repeat(200_000); // 1 MB
    let site = site_with(
        "rb-huge-value",
        &[(
            "articles/general/a.md",
            &format!("---\ntitle: Huge\nsummary: \"{}\"\n---\nBody.\n", summary.trim_end()),
        )],
    );
    run_bounded(&site, &["build"]).expect_code(0).expect_stdout("built 1 article, ");
    assert!(site.output("articles/general/a/index.html").contains("word word word"));
}

#[test]
fn huge_front_matter_error_stays_readable() {
    // A megabyte on the line of a YAML error: the diagnostic quotes a window, not the line.
    let value = "x".repeat(1_000_000);
    let site = site_with(
        "rb-huge-error",
        &[("articles/general/a.md", &format!("---\ntitle: A\nsummary: {value}: y\n---\nBody.\n"))],
    );
    let run = run_bounded(&site, &["check"]);
    run.expect_code(1).expect_stderr(
        "error[yaml-syntax]: invalid front matter: the value of `summary` contains `: `, which YAML reads as another key",
    );
    run.expect_stderr(" --> content/articles/general/a.md:3:1000010\n");
    assert!(run.stderr.len() < 2_000, "the error printed {} bytes", run.stderr.len());
}

#[test]
fn deeply_nested_yaml_is_a_clean_error() {
    let open = "[".repeat(10_000);
    let closed = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let site = site_with(
        "rb-deep-yaml",
        &[
            ("articles/general/a.md", &format!("---\ntitle: A\nsummary: {open}\n---\nBody.\n")),
            (
                "articles/general/b.md",
                &format!("---\ntitle: B\nsummary: s\ntags: {closed}\n---\nBody.\n"),
            ),
            (
                "articles/general/c.md",
                &format!(
                    "---\ntitle: C\nsummary: s\nreferences:\n  - {}\n---\nBody.\n",
                    "{a: ".repeat(10_000)
                ),
            ),
        ],
    );
    let run = run_bounded(&site, &["check"]);
    run.expect_code(1)
        .expect_stderr(" --> content/articles/general/a.md:3:10\n")
        .expect_stderr(" --> content/articles/general/b.md:4:")
        .expect_stderr(" --> content/articles/general/c.md:5:");
    assert_eq!(
        run.stderr.matches("error[yaml-syntax]: invalid front matter").count(),
        3,
        "{}",
        run.stderr
    );
    assert!(run.stderr.len() < 8_000, "the errors printed {} bytes", run.stderr.len());
}

#[test]
fn deeply_nested_site_yaml_is_a_clean_error() {
    let site = site_with("rb-deep-site-yaml", &[("articles/general/a.md", &article("Body.\n"))]);
    site.write(
        "content/site.yaml",
        &format!("title: T\nsearch:\n  synonyms: {}\n", "{a: ".repeat(10_000)),
    );
    let run = run_bounded(&site, &["check"]);
    run.expect_code(1)
        .expect_stderr("error[yaml-syntax]")
        .expect_stderr(" --> content/site.yaml:3:");
}

/// The YAML "billion laughs": nine levels of nine aliases each would expand to 9^9 strings.
fn alias_bomb(indent: &str) -> String {
    let mut yaml =
        format!("{indent}a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        yaml.push_str(&format!("{indent}{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    yaml
}

#[test]
fn yaml_alias_bomb_is_a_clean_error() {
    let site = site_with(
        "rb-alias-bomb",
        &[(
            "articles/general/a.md",
            &format!("---\ntitle: A\nsummary: s\n{}---\nBody.\n", alias_bomb("")),
        )],
    );
    let started = Instant::now();
    let run = run_bounded(&site, &["check"]);
    run.expect_code(1).expect_stderr(
        "error[unknown-key]: unknown front matter key `a`\n --> content/articles/general/a.md:4:1\n",
    );
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
}

#[test]
fn yaml_alias_bomb_in_an_untyped_value_is_refused_in_process() {
    // Typed front matter rejects the bomb at its first key; an untyped value (what a fuzzer or
    // a future free-form key would see) must be refused by the parser's own limits, not expanded.
    let text = format!("---\n{}---\n", alias_bomb(""));
    let split = split_front_matter(&text, FileId(0)).expect("closed").expect("has front matter");
    let started = Instant::now();
    let result = parse_yaml::<serde_json::Value>(&text, split.yaml, FileId(0), &[]);
    let error = result.expect_err("the bomb must not parse");
    assert_eq!(error.code, attune::diagnostics::Code::YamlSyntax);
    assert!(error.message.contains("repetition limit exceeded"), "{}", error.message);
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[test]
fn non_utf8_file_is_an_encoding_error_naming_the_file() {
    let site = site_with("rb-latin1", &[]);
    let path = site.root.join("content/articles/general/a.md");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, b"---\ntitle: Caf\xe9\nsummary: Latin-1.\n---\nBody.\n").expect("write");
    let run = run_bounded(&site, &["build"]);
    run.expect_code(1).expect_stderr(
        "error[encoding]: the file is not valid UTF-8 (byte 14)\n --> content/articles/general/a.md\n  = help: save the file as UTF-8 in your editor\n",
    );
}

#[test]
fn byte_order_mark_is_ignored() {
    let site = site_with(
        "rb-bom",
        &[("articles/general/a.md", &format!("\u{feff}{}", article("Body with a BOM.\n")))],
    );
    run_bounded(&site, &["build"]).expect_code(0);
    let page = site.output("articles/general/a/index.html");
    assert!(page.contains("<title>A") && page.contains("Body with a BOM."));
    assert!(!page.contains('\u{feff}'));
}

#[test]
fn crlf_files_build_and_errors_keep_line_numbers() {
    let good = "---\r\ntitle: A\r\nsummary: Windows line endings.\r\n---\r\n## Part one\r\n\r\nFirst line.\r\nSecond line.\r\n";
    let site = site_with("rb-crlf", &[("articles/general/a.md", good)]);
    run_bounded(&site, &["build"]).expect_code(0);
    let page = site.main_of("articles/general/a/index.html");
    assert!(page.contains("id=\"part-one\"") && page.contains("Second line."), "{page}");

    site.write(
        "content/articles/general/a.md",
        &format!("{good}\r\nSee [[nope]] and [[a#part-two]].\r\n"),
    );
    site.write(
        "content/articles/general/b.md",
        "---\r\ntitle: B\r\nsummary: one: two\r\n---\r\nBody.\r\n",
    );
    let run = run_bounded(&site, &["check"]);
    run.expect_code(1)
        .expect_stderr("error[broken-link]: no article or page `nope`\n  --> content/articles/general/a.md:10:5\n   |\n10 | See [[nope]] and [[a#part-two]].\n   |     ^^^^^^^^\n")
        .expect_stderr("error[broken-anchor]: `a` has no heading `#part-two`\n  --> content/articles/general/a.md:10:18\n")
        .expect_stderr("error[yaml-syntax]: invalid front matter: the value of `summary` contains `: `, which YAML reads as another key\n --> content/articles/general/b.md:3:13\n");
    assert!(!run.stderr.contains('\r'), "a carriage return reached the terminal");
}

#[test]
fn empty_file_is_an_error_naming_the_file() {
    let site = site_with("rb-empty", &[("articles/general/a.md", "")]);
    run_bounded(&site, &["build"]).expect_code(1).expect_stderr(
        "error[front-matter]: the file is empty\n --> content/articles/general/a.md\n  = help: add front matter with a title and summary, or delete the file\n",
    );
    // Whitespace only counts as empty too.
    site.write("content/articles/general/a.md", "\n  \n\t\n");
    run_bounded(&site, &["check"]).expect_code(1).expect_stderr(
        "error[front-matter]: the file is empty\n --> content/articles/general/a.md\n",
    );
}

#[test]
fn front_matter_without_body_builds() {
    let site = site_with(
        "rb-no-body",
        &[
            ("articles/general/a.md", "---\ntitle: A\nsummary: Only front matter.\n---\n"),
            ("articles/general/b.md", "---\ntitle: B\nsummary: No final newline.\n---"),
        ],
    );
    site.write(
        "content/index.md",
        "---\ntitle: Home\nsummary: Home.\n---\nRead [[a]] and [[b]].\n",
    );
    run_bounded(&site, &["build"]).expect_code(0).expect_stdout("built 2 articles");
    assert!(site.output("articles/general/b/index.html").contains("No final newline."));
}

// ---------------------------------------------------------------------------------------------
// Raw HTML and escaping.

const RAW_BODY: &str = "Some <b>bold</b> text.\n\n<div class=\"note\">A raw block.</div>\n";

#[test]
fn raw_html_passes_through_by_default() {
    let site = site_with("rb-raw-html", &[("articles/general/a.md", &article(RAW_BODY))]);
    run_bounded(&site, &["build"]).expect_code(0);
    let main = site.main_of("articles/general/a/index.html");
    assert!(
        main.contains("Some <b>bold</b> text.")
            && main.contains("<div class=\"note\">A raw block.</div>"),
        "{main}"
    );
}

#[test]
fn raw_html_is_escaped_when_turned_off() {
    let site = site_with("rb-raw-html-off", &[("articles/general/a.md", &article(RAW_BODY))]);
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).expect("site.yaml");
    site.write("content/site.yaml", &format!("{config}markdown:\n  raw_html: false\n"));
    run_bounded(&site, &["build"]).expect_code(0);
    let main = site.main_of("articles/general/a/index.html");
    assert!(main.contains("Some &lt;b&gt;bold&lt;/b&gt; text."), "{main}");
    assert!(main.contains("&lt;div class=\"note\"&gt;A raw block.&lt;/div&gt;"), "{main}");
    assert!(!main.contains("<b>bold") && !main.contains("<div class=\"note\">"), "{main}");
}

#[test]
fn script_in_front_matter_is_always_escaped() {
    let site = site_with(
        "rb-script",
        &[
            (
                "articles/general/a.md",
                "---\ntitle: \"<script>alert(1)</script> Title\"\nsummary: \"<script>alert(2)</script>\"\ntags: [\"<script>alert(4)</script>\"]\n---\nMentions UPR once.\n",
            ),
            (
                "glossary/upr.md",
                "---\nterm: UPR\nshort: \"<script>alert(3)</script>\"\n---\nEntry.\n",
            ),
        ],
    );
    run_bounded(&site, &["build"]).expect_code(0);
    let page = site.output("articles/general/a/index.html");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; Title"), "title not escaped");
    assert!(page.contains("&lt;script&gt;alert(2)&lt;/script&gt;"), "summary not escaped");
    assert!(
        page.contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "term short not escaped in the tooltip"
    );
    // Markup files only: the search index (`search/*.js`) holds titles as JS string data, which
    // a browser never parses as HTML; the search script must insert them as text.
    let markup = |path: &str| [".html", ".xml", ".svg"].iter().any(|ext| path.ends_with(ext));
    let files = read_tree(&site.root.join("public"));
    assert!(files.keys().filter(|p| markup(p)).count() > 5);
    for (path, bytes) in files.iter().filter(|(p, _)| markup(p)) {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("<script>alert"),
            "public/{path} carries a live <script> from front matter"
        );
        assert!(
            !text.contains("</script> Title"),
            "public/{path} lets a title close a script element"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// A killed build loses nothing.

/// Path, size and a hash of every output file.
fn manifest(dir: &Path) -> Vec<(String, usize, u64)> {
    read_tree(dir).into_iter().map(|(path, bytes)| (path, bytes.len(), fnv1a(&bytes))).collect()
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Leftovers of an interrupted build beside `public/`.
fn leftovers(site: &TestSite) -> Vec<String> {
    std::fs::read_dir(&site.root)
        .expect("read site root")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".public.attune-"))
        .collect()
}

const KILL_ARTICLES: usize = 1_200;

fn large_site() -> TestSite {
    let site = TestSite::with_files("rb-kill", &[]);
    let words = [
        "client",
        "therapist",
        "trust",
        "goal",
        "session",
        "listen",
        "change",
        "care",
        "week",
        "plan",
    ];
    let mut index = String::from("---\ntitle: Home\nsummary: Many articles.\n---\n");
    for i in 0..KILL_ARTICLES {
        let paragraph = |seed: usize| {
            let text: Vec<&str> =
                (0..60).map(|k| words[(i * 31 + seed * 7 + k * k) % words.len()]).collect();
            format!("The {}.", text.join(" "))
        };
        let links: Vec<String> =
            (1..=3).map(|k| format!("See [[a{}]].", (i + k * 97) % KILL_ARTICLES)).collect();
        site.write(
            &format!("content/articles/general/a{i}.md"),
            &format!(
                "---\ntitle: Article {i}\nsummary: Article number {i}.\n---\n{}\n\n## More\n\n{}\n\n{}\n",
                paragraph(1),
                paragraph(2),
                links.join(" ")
            ),
        );
        if i % 100 == 0 {
            index.push_str(&format!("[[a{i}]] "));
        }
    }
    site.write("content/index.md", &index);
    site
}

/// Starts a build and SIGKILLs it when `when` says so; returns whether it was killed before
/// it could finish.
fn build_and_kill(site: &TestSite, when: impl Fn(&TestSite, Duration) -> bool) -> bool {
    let mut child: Child = attune(&site.root, &["build"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn build");
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            // Finished before the kill: the test did not exercise anything.
            panic!(
                "the build finished ({status}) after {:?}, before it could be killed",
                started.elapsed()
            );
        }
        if when(site, started.elapsed()) {
            child.kill().expect("SIGKILL the build");
            let status = child.wait().expect("reap");
            return status.code().is_none();
        }
        if started.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            panic!("the build neither finished nor reached the kill point in {HANG_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn killed_build_leaves_the_last_good_site() {
    let site = large_site();
    run_bounded(&site, &["build"])
        .expect_code(0)
        .expect_stdout(&format!("built {KILL_ARTICLES} articles"));
    let good = manifest(&site.root.join("public"));
    assert!(good.len() > KILL_ARTICLES);

    site.change_file(
        "content/articles/general/a0.md",
        "summary: Article number 0.",
        "summary: Changed after the first build.",
    );

    // Killed early (during loading or rendering).
    assert!(
        build_and_kill(&site, |_, elapsed| elapsed >= Duration::from_millis(150)),
        "not killed"
    );
    assert!(
        manifest(&site.root.join("public")) == good,
        "public/ changed after a build killed at 150 ms"
    );

    // Killed while writing: as soon as the staging folder appears.
    assert!(build_and_kill(&site, |site, _| !leftovers(site).is_empty()), "not killed");
    assert!(
        manifest(&site.root.join("public")) == good,
        "public/ changed after a build killed while writing"
    );
    assert!(!leftovers(&site).is_empty(), "the kill should have left a staging folder behind");

    // The next build succeeds, cleans up, and shows the change.
    run_bounded(&site, &["build"]).expect_code(0);
    assert_eq!(leftovers(&site), Vec::<String>::new());
    assert!(
        site.output("articles/general/a0/index.html").contains("Changed after the first build.")
    );
    let after = manifest(&site.root.join("public"));
    assert_eq!(after.len(), good.len());
}

#[test]
fn build_killed_between_the_two_renames_is_recovered() {
    // The swap renames public/ aside, then staging into place: a kill between the two leaves
    // no public/ and the last good build under `.public.attune-old-<pid>`.
    let site = site_with("rb-swap", &[("articles/general/a.md", &article("First version.\n"))]);
    site.build();
    std::fs::rename(site.root.join("public"), site.root.join(".public.attune-old-999999"))
        .expect("move aside");
    std::fs::create_dir_all(site.root.join(".public.attune-staging-999999/articles"))
        .expect("stale staging");
    site.change_file("content/articles/general/a.md", "First version.", "Second version.");
    run_bounded(&site, &["build"]).expect_code(0);
    assert_eq!(leftovers(&site), Vec::<String>::new());
    assert!(site.main_of("articles/general/a/index.html").contains("Second version."));
}

// ---------------------------------------------------------------------------------------------
// Property tests.

/// A small site, analysed once, for the in-process properties.
struct Fixture {
    analysis: attune::Analysis,
    links: LinkIndex,
    terms: TermMatcher,
    content: PathBuf,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let site = TestSite::with_files(
        "rb-properties",
        &[
            ("index.md", "---\ntitle: Home\nsummary: Home.\n---\n[[a]] [[b]] [[c]]\n"),
            (
                "articles/general/a.md",
                "---\ntitle: A\nsummary: s\n---\n## Getting started\n\nSee [[b]].\n",
            ),
            (
                "articles/general/b.md",
                "---\ntitle: B\nsummary: s\n---\nBack to [A](a.md#getting-started).\n",
            ),
            ("articles/other/c.md", "---\ntitle: C\nsummary: s\n---\nSee [A](../general/a.md).\n"),
            (
                "glossary/working-alliance.md",
                "---\nterm: Working alliance\naliases: [alliance]\nshort: The partnership.\n---\nEntry.\n",
            ),
            (
                "glossary/upr.md",
                "---\nterm: Unconditional positive regard\naliases: [UPR]\nshort: Warm acceptance.\n---\nEntry.\n",
            ),
            ("static/img.png", "PNG"),
            ("static/docs/guide.pdf", "PDF"),
        ],
    );
    let analysis =
        attune::analyse(&attune::BuildOptions::new(&site.root)).expect("analyse the fixture");
    assert!(!analysis.diagnostics.has_errors(), "{:?}", analysis.diagnostics.items());
    let links = LinkIndex::new(&analysis.site);
    let terms = TermMatcher::new(&analysis.site.terms);
    let content = std::fs::canonicalize(site.root.join("content")).expect("content");
    Fixture { analysis, links, terms, content }
});

proptest! {
    // Failures are reported with their minimal input; no regression file is written into the
    // source tree. PROPTEST_CASES (default 256) still sets the number of cases.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn prop_slugify_is_clean_and_idempotent(text in "\\PC{0,40}|[A-Za-z0-9 '’:?!.-]{0,40}") {
        let slug = slugify(&text);
        prop_assert!(!slug.is_empty());
        prop_assert!(!slug.starts_with('-') && !slug.ends_with('-'), "{slug:?}");
        prop_assert!(!slug.contains("--"), "{slug:?}");
        for c in slug.chars() {
            prop_assert!(c == '-' || (c.is_alphanumeric() && !c.is_uppercase()), "{c:?} in {slug:?}");
        }
        prop_assert_eq!(slugify(&slug), slug.clone());
    }

    #[test]
    fn prop_relative_url_resolves_to_target(
        base in proptest::collection::vec("[a-z0-9]{1,6}", 0..3),
        from in proptest::collection::vec("[a-z0-9-]{1,8}", 0..5),
        from_file in proptest::option::of("[a-z]{1,5}\\.html"),
        to in proptest::collection::vec("[a-z0-9-]{1,8}", 0..5),
        to_kind in 0..3u8,
        fragment in proptest::option::of("[a-z0-9-]{1,8}"),
        offline in any::<bool>(),
    ) {
        let mut from_url = if from.is_empty() { String::new() } else { format!("{}/", from.join("/")) };
        if let Some(file) = &from_file {
            from_url.push_str(file);
        }
        let mut to_path = to.join("/");
        match to_kind {
            0 if !to_path.is_empty() => to_path.push('/'),
            1 if !to_path.is_empty() => to_path.push_str(".css"),
            _ => to_path.clear(),
        }
        let to_url = match &fragment {
            Some(f) => format!("{to_path}#{f}"),
            None => to_path.clone(),
        };
        let relative = relative_url(&from_url, &to_url, offline);
        let base_dir = if base.is_empty() { "/".to_string() } else { format!("/{}/", base.join("/")) };
        let (resolved, resolved_fragment) = resolve(&base_dir, &from_url, &relative, base.len());
        let mut expected = format!("{base_dir}{to_path}");
        if offline && (to_path.is_empty() || to_path.ends_with('/')) {
            expected.push_str("index.html");
        }
        prop_assert_eq!(resolved, expected, "from {:?} to {:?} gave {:?}", from_url, to_url, relative);
        prop_assert_eq!(resolved_fragment, fragment);
    }

    #[test]
    fn prop_resolve_path_never_leaves_content(
        segments in proptest::collection::vec(
            prop_oneof![
                Just(".."), Just("."), Just(""), Just("articles"), Just("general"), Just("other"),
                Just("a.md"), Just("b.md"), Just("c.md"), Just("static"), Just("img.png"), Just("docs"),
                Just("guide.pdf"), Just("etc"), Just("passwd"), Just("%2e%2e"), Just("%2F"), Just("..%2F.."),
                Just("content"), Just("site.yaml"),
            ],
            0..10,
        ),
        rooted in any::<bool>(),
        anchor in proptest::option::of("[a-z-]{0,6}"),
        from in 0..3usize,
    ) {
        let fixture = &*FIXTURE;
        let mut dest = segments.join("/");
        if rooted {
            dest.insert(0, '/');
        }
        if let Some(anchor) = anchor {
            dest.push('#');
            dest.push_str(&anchor);
        }
        let from_doc = fixture.analysis.site.docs.iter().filter(|d| d.slug != "index").nth(from).expect("doc");
        match fixture.links.resolve_path(&dest, &from_doc.source_path) {
            Ok(Destination::Doc(id, _)) => {
                let path = fixture.content.join(&fixture.analysis.site.doc(id).source_path);
                prop_assert!(inside(&fixture.content, &path), "{dest:?} -> {}", path.display());
            }
            Ok(Destination::Static(output)) => {
                let path = fixture.content.join("static").join(&output);
                prop_assert!(inside(&fixture.content, &path), "{dest:?} -> {}", path.display());
            }
            Ok(Destination::External) => prop_assert!(attune::url::is_external(&dest), "{dest:?} is not external"),
            Ok(_) | Err(_) => {}
        }
    }

    #[test]
    fn prop_front_matter_parsing_never_panics(text in front_matter_text()) {
        check_front_matter(&text);
    }

    #[test]
    fn prop_front_matter_parsing_never_panics_on_any_string(text in "\\PC*") {
        check_front_matter(&text);
        check_front_matter(&format!("---\n{text}\n---\n"));
    }

    #[test]
    fn prop_search_query_never_panics(
        q in query_text(),
        limit in 0..12usize,
        audience in proptest::option::of(prop_oneof![Just("clients".to_string()), "\\PC{0,6}"]),
        section in proptest::option::of(prop_oneof![Just("General".to_string()), "\\PC{0,6}"]),
    ) {
        let options = attune::search::QueryOptions { audience, section, limit, complete: false };
        for index in SEARCH.iter() {
            let hits = attune::search::query(index, &q, &options);
            prop_assert!(hits.len() <= limit);
            for hit in &hits {
                prop_assert!(hit.score.is_finite(), "{hit:?}");
            }
        }
    }

    #[test]
    fn prop_markdown_rendering_never_panics(body in markdown_text()) {
        let fixture = &*FIXTURE;
        render_body(fixture, &body);
    }

    #[test]
    fn prop_markdown_rendering_never_panics_on_any_string(body in "\\PC*") {
        render_body(&FIXTURE, &body);
    }
}

/// Search indexes of the fixture: one file (as small sites get) and sharded (as large ones do).
static SEARCH: LazyLock<[attune::search::SearchIndex; 2]> = LazyLock::new(|| {
    let analysis = &FIXTURE.analysis;
    let docs = attune::search::site::site_documents(analysis);
    let mut options = attune::search::site::site_options(analysis);
    options.synonyms.insert("video".into(), vec!["working alliance".into()]);
    let single = attune::search::build_index(&docs, &options);
    let sharded = attune::search::build_index(
        &docs,
        &attune::search::SearchOptions {
            shard_threshold_docs: 1,
            shard_target_bytes: 64,
            doc_chunk_size: 1,
            ..options
        },
    );
    [single, sharded]
});

/// Queries as readers type them: site words, typos, prefixes, stop words, any text.
fn query_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("working".to_string()),
        Just("alliance".to_string()),
        Just("aliance".to_string()),
        Just("upr".to_string()),
        Just("UPR".to_string()),
        Just("unconditional".to_string()),
        Just("positive".to_string()),
        Just("regard".to_string()),
        Just("getting".to_string()),
        Just("start".to_string()),
        Just("video".to_string()),
        Just("the".to_string()),
        Just("a".to_string()),
        Just("é".to_string()),
        Just("𝑨".to_string()),
        Just("ß".to_string()),
        Just("İ".to_string()),
        Just("\u{200d}".to_string()),
        Just("\"".to_string()),
        Just("-".to_string()),
        "\\PC{0,12}",
    ];
    let separator =
        prop_oneof![Just(" "), Just(""), Just("  "), Just("\t"), Just("-"), Just("'"), Just("\n")];
    proptest::collection::vec((word, separator), 0..14)
        .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
}

/// Resolves `relative` against the page `from_url` of a site at `base_dir`, as a browser
/// does; asserts it never climbs above the site root (`base_depth` folders deep).
fn resolve(
    base_dir: &str,
    from_url: &str,
    relative: &str,
    base_depth: usize,
) -> (String, Option<String>) {
    let (path, fragment) = match relative.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (relative, None),
    };
    let page = format!("{base_dir}{from_url}");
    let mut stack: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
    if !page.ends_with('/') {
        stack.pop(); // a file URL: its folder is the base
    }
    let parts: Vec<&str> = path.split('/').collect();
    for part in &parts {
        match *part {
            ".." => {
                assert!(
                    stack.len() > base_depth,
                    "{relative:?} from {page:?} climbs above the site root"
                );
                stack.pop();
            }
            "." | "" => {}
            name => stack.push(name),
        }
    }
    let trailing = path.ends_with('/') || path.ends_with("..") || path == ".";
    let mut out = format!("/{}", stack.join("/"));
    if trailing && !stack.is_empty() {
        out.push('/');
    }
    (out, fragment)
}

fn inside(content: &Path, path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|p| p.starts_with(content))
}

fn check_front_matter(text: &str) {
    let mut sources = SourceMap::default();
    let file = sources.add(PathBuf::from("content/articles/general/a.md"), text.to_string());
    let mut diagnostics = Vec::new();
    match split_front_matter(text, file) {
        Ok(Some(split)) => {
            assert!(
                split.yaml.0 <= split.yaml.1
                    && split.yaml.1 <= split.body_offset
                    && split.body_offset <= text.len()
            );
            diagnostics
                .extend(parse_yaml::<ArticleMeta>(text, split.yaml, file, ARTICLE_KEYS).err());
            diagnostics.extend(parse_yaml::<TermMeta>(text, split.yaml, file, TERM_KEYS).err());
            diagnostics.extend(parse_yaml::<PathMeta>(text, split.yaml, file, PATH_KEYS).err());
            diagnostics.extend(parse_yaml::<serde_json::Value>(text, split.yaml, file, &[]).err());
        }
        Ok(None) => {}
        Err(diagnostic) => diagnostics.push(diagnostic),
    }
    diagnostics
        .extend(parse_yaml::<attune::config::SiteConfig>(text, (0, text.len()), file, &[]).err());
    for diagnostic in &diagnostics {
        if let Some(span) = diagnostic.span {
            assert!(span.start <= span.end && span.end <= text.len(), "{diagnostic:?}");
        }
        let _ = render_text(diagnostic, &sources, false);
        let _ = attune::diagnostics::locate(diagnostic, &sources);
    }
}

/// Front matter blocks made of plausible keys and hostile values.
fn front_matter_text() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("title"),
        Just("summary"),
        Just("audience"),
        Just("tags"),
        Just("reviewed"),
        Just("on"),
        Just("updated"),
        Just("references"),
        Just("draft"),
        Just("weight"),
        Just("steps"),
        Just("term"),
        Just("x"),
        Just("- article"),
        Just("<<"),
    ];
    let value = prop_oneof![
        "\\PC{0,20}",
        Just("[a, b]".to_string()),
        Just("{a: 1}".to_string()),
        Just("&a [x]".to_string()),
        Just("*a".to_string()),
        Just("|\n  block\n".to_string()),
        Just("2026-02-30".to_string()),
        Just("\"unterminated".to_string()),
        Just("[[[[".to_string()),
        Just("!!binary aGk=".to_string()),
        Just("9999999999999999999999".to_string()),
        Just("~".to_string()),
        Just("\t".to_string()),
    ];
    let line = (key, value, 0..3usize)
        .prop_map(|(k, v, indent)| format!("{}{k}: {v}", "  ".repeat(indent)));
    (
        proptest::collection::vec(line, 0..8),
        prop_oneof![
            Just("---\n"),
            Just("---\r\n"),
            Just("\u{feff}---\n"),
            Just("--- \n"),
            Just("")
        ],
        prop_oneof![Just("\n---\n"), Just("\r\n---\r\n"), Just("\n...\n"), Just("\n---"), Just("")],
        "\\PC{0,30}",
    )
        .prop_map(|(lines, open, close, body)| format!("{open}{}{close}{body}", lines.join("\n")))
}

/// Markdown made of link syntax, glossary mentions and block structure.
fn markdown_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[[a]]"),
        Just("[[b|label]]"),
        Just("[[a#getting-started]]"),
        Just("[[a#nope]]"),
        Just("[[missing]]"),
        Just("[[term:upr]]"),
        Just("[[term:nope]]"),
        Just("[[]]"),
        Just("[[#x]]"),
        Just("[x](a.md)"),
        Just("[x](../general/b.md#h)"),
        Just("[x](../../../etc/passwd)"),
        Just("[x](/img.png)"),
        Just("[x](https://example.org/)"),
        Just("[x](%aé.md)"),
        Just("[x](%2e%2e/%2e%2e/%2e%2e/etc/passwd)"),
        Just("[x](a%2Emd)"),
        Just("%"),
        Just("<https://example.org>"),
        Just("![alt](/img.png)"),
        Just("![](../../x.png)"),
        Just("![a **b**](http://x.y/z.png)"),
        Just("working alliance"),
        Just("Working Alliances"),
        Just("UPR's"),
        Just("alliance"),
        Just("# H1"),
        Just("\n## Heading [[a]]\n"),
        Just("\n#### Deep\n"),
        Just("**bold"),
        Just("`code`"),
        Just("\n```rust\nfn main() {}\n"),
        Just("\n```\n"),
        Just("\n> [!NOTE]\n> note"),
        Just("\n> quote"),
        Just("\n| a | b |\n|---|---|\n| [[a]] | upr |\n"),
        Just("\n- item [[b]]\n- item"),
        Just("1. one"),
        Just("[^1]"),
        Just("\n[^1]: note\n"),
        Just("<b>raw</b>"),
        Just("<div>"),
        Just("&amp;"),
        Just("&#0;"),
        Just("é"),
        Just("\u{200b}"),
        Just("\t"),
        Just("\r\n"),
        Just("\n\n"),
        Just(" "),
        Just("\\"),
        Just("!["),
        Just("]("),
        Just(")"),
        Just("[["),
        Just("]]"),
        Just("|"),
        Just("#"),
        Just("{#custom-id}"),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

fn render_body(fixture: &Fixture, body: &str) {
    let site = &fixture.analysis.site;
    let mut sources = SourceMap::default();
    let file = sources.add(PathBuf::from("content/articles/general/a.md"), body.to_string());
    for (autolink, offline, raw_html) in [(true, false, true), (false, true, false)] {
        let cx = MarkdownContext {
            site,
            links: &fixture.links,
            sources: &fixture.analysis.sources,
            terms: &fixture.terms,
            offline,
            raw_html,
            bibliography: None,
            keep_prose: autolink,
        };
        let target = RenderTarget {
            file,
            body,
            body_offset: 0,
            source_path: "articles/general/a.md",
            url: "articles/general/a/",
            autolink,
            own_term: None,
        };
        let (rendered, diagnostics) = render_markdown(&cx, target);
        assert!(rendered.html.len() < body.len() * 40 + 4096, "output blew up");
        for diagnostic in &diagnostics {
            if let Some(span) = diagnostic.span {
                assert!(span.start <= span.end && span.end <= body.len(), "{diagnostic:?}");
            }
            let _ = render_text(diagnostic, &sources, false);
        }
    }
}

/// `slugify` once kept capitals that have no lowercase form (`𝑨`, `ℌ`), so heading ids were
/// not all lowercase; found by `prop_slugify_is_clean_and_idempotent`.
#[test]
fn slugify_output_has_no_uppercase_letters() {
    for text in ["𝑨 heading", "ℌeading", "Ⓐ"] {
        let slug = slugify(text);
        assert!(slug.chars().all(|c| !c.is_uppercase()), "slugify({text:?}) = {slug:?}");
    }
}

/// `percent_decode` once sliced `text[i + 1..i + 3]` inside a multi-byte character and
/// panicked (exit 101) on a link like `[x](%aé.md)`; found by the property tests.
#[test]
fn percent_escape_before_multibyte_character_does_not_panic() {
    let index = LinkIndex::default();
    for dest in ["%aé.md", "%é", "x%a€", "%%é"] {
        let result = std::panic::catch_unwind(|| index.resolve_path(dest, "articles/general/a.md"));
        assert!(result.is_ok(), "resolve_path({dest:?}) panicked");
    }
    let site =
        site_with("rb-percent", &[("articles/general/a.md", &article("See [x](%aé.md).\n"))]);
    run_bounded(&site, &["check"])
        .expect_code(1)
        .expect_stderr("error[broken-link]: no article or page `%aé.md`");
}
