//! Issue 18, points 1 and 2: one mistake gives one error, at the line that caused it.
//!
//! The fixture `author/cascade` links to `alliance` in every way a site can (wiki links, a
//! relative path with an anchor, `related`, `prerequisites`, a path step); each test breaks
//! `alliance.md` in one way and asserts that `check` reports exactly that one finding, with its
//! code, file, line, column and help, and that `build` stops on it.

use serde_json::{Value, json};

use crate::support::TestSite;

const ALLIANCE: &str = "content/articles/basics/alliance.md";

/// The fixture with `alliance.md` replaced by `text`.
fn cascade_with(text: &str) -> TestSite {
    let site = TestSite::fixture("author/cascade");
    site.write(ALLIANCE, text);
    site
}

/// Runs `check --format json`, asserting it prints exactly `expected` (one finding) and exits
/// 1, and that `build` exits 1 naming the same error.
#[track_caller]
fn assert_one_error(site: &TestSite, expected: Value) {
    let run = site.run(&["check", "--format", "json"]);
    let actual: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
    assert_eq!(actual, Value::Array(vec![expected.clone()]), "stderr: {}", run.stderr);
    run.expect_code(1);
    let header = format!(
        "error[{}]: {}",
        expected["code"].as_str().unwrap_or_default(),
        expected["message"].as_str().unwrap_or_default()
    );
    site.run(&["build"]).expect_code(1).expect_stderr(&header);
}

/// The errors (not warnings) of a `check --format json` run.
#[track_caller]
fn errors(run: &crate::support::Run) -> Vec<Value> {
    let all: Value = serde_json::from_str(&run.stdout).expect("check printed JSON");
    all.as_array().expect("an array").iter().filter(|d| d["severity"] == "error").cloned().collect()
}

fn error(code: &str, message: &str, line: usize, column: usize, help: &str) -> Value {
    json!({
        "severity": "error",
        "code": code,
        "message": message,
        "file": ALLIANCE,
        "line": line,
        "column": column,
        "help": help,
    })
}

#[test]
fn the_fixture_is_clean() {
    let site = TestSite::fixture("author/cascade");
    site.run(&["check", "--deny-warnings"]).expect_code(0);
}

#[test]
fn unknown_key_typo_is_the_only_error() {
    let site = cascade_with(
        "---\ntitle: \"The working alliance\"\nsumary: \"Goals, tasks and bond.\"\naudience: clients\n---\n\n## Bond\n",
    );
    assert_one_error(
        &site,
        error("unknown-key", "unknown front matter key `sumary`", 3, 1, "did you mean `summary`?"),
    );
}

#[test]
fn invalid_yaml_is_the_only_error_at_the_opening_quote() {
    let site = cascade_with(
        "---\ntitle: \"The working alliance\nsummary: \"Goals, tasks and bond.\"\naudience: clients\n---\n\n## Bond\n",
    );
    assert_one_error(
        &site,
        error(
            "yaml-syntax",
            "invalid front matter: the double quote `\"` opened here is never closed",
            2,
            8,
            "close the quote at the end of the value, on the same line: `title: \"The working alliance\"`",
        ),
    );
}

#[test]
fn missing_title_is_the_only_error() {
    let site = cascade_with(
        "---\nsummary: \"Goals, tasks and bond.\"\naudience: clients\n---\n\n## Bond\n",
    );
    assert_one_error(
        &site,
        error(
            "missing-key",
            "the front matter has no `title`",
            1,
            1,
            "add a line `title: ...` between the `---` lines",
        ),
    );
}

#[test]
fn impossible_date_is_the_only_error() {
    let site = cascade_with(
        "---\ntitle: \"The working alliance\"\nsummary: \"Goals, tasks and bond.\"\naudience: clients\nupdated: 2026-13-03\n---\n\n## Bond\n",
    );
    assert_one_error(
        &site,
        error(
            "yaml-syntax",
            "invalid front matter: `2026-13-03` is not a date; write it as YYYY-MM-DD",
            5,
            10,
            "write dates as YYYY-MM-DD with a real day of the month, e.g. 2026-02-28",
        ),
    );
}

#[test]
fn broken_glossary_entry_is_the_only_error() {
    let site = TestSite::fixture("author/cascade");
    site.write("content/glossary/bond.md", "---\nterm: \"Bond\"\nshrot: \"Trust.\"\n---\nBody.\n");
    let run = site.run(&["check", "--format", "json"]);
    let actual: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let codes: Vec<&str> =
        actual.as_array().expect("array").iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(codes, ["unknown-key"], "{}", run.stdout);
    assert_eq!(actual[0]["file"], "content/glossary/bond.md");
}

#[test]
fn colon_in_an_unquoted_value_suggests_quotes() {
    let site = cascade_with(
        "---\ntitle: \"The working alliance\"\nsummary: Goals: tasks and bond\naudience: clients\n---\n\n## Bond\n",
    );
    assert_one_error(
        &site,
        error(
            "yaml-syntax",
            "invalid front matter: the value of `summary` contains `: `, which YAML reads as another key",
            3,
            15,
            "put the value in quotes: `summary: \"Goals: tasks and bond\"`",
        ),
    );
}

#[test]
fn list_item_out_of_line_is_reported_at_that_item() {
    let site = cascade_with(
        "---\ntitle: \"The working alliance\"\nsummary: \"Goals.\"\naudience: clients\ntags:\n  - alliance\n - evidence\n---\n\n## Bond\n",
    );
    assert_one_error(
        &site,
        error(
            "yaml-syntax",
            "invalid front matter: this list item is not lined up with the one above it",
            7,
            2,
            "indent its `-` by 2 spaces, like `- alliance` above",
        ),
    );
}

#[test]
fn list_item_glued_onto_the_one_above_warns() {
    let site = cascade_with(
        "---\ntitle: \"The working alliance\"\nsummary: \"Goals.\"\naudience: clients\ntags:\n  - alliance\n    - evidence\n---\n\n## Bond\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(0);
    let actual: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        actual,
        json!([{
            "severity": "warning",
            "code": "yaml-list",
            "message": "this list item is indented under `- alliance`, so YAML reads both as one item: `alliance - evidence`",
            "file": ALLIANCE,
            "line": 7,
            "column": 5,
            "help": "indent its `-` by 2 spaces, like the item above, to make it an item of its own",
        }])
    );
}

#[test]
fn site_yaml_errors_say_site_yaml() {
    let site = TestSite::fixture("author/cascade");
    site.write("content/site.yaml", "title: \"Cascade\nbase_url: https://example.org/\n");
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(1);
    assert_eq!(
        Value::Array(errors(&run)),
        json!([{
            "severity": "error",
            "code": "yaml-syntax",
            "message": "invalid site.yaml: the double quote `\"` opened here is never closed",
            "file": "content/site.yaml",
            "line": 1,
            "column": 8,
            "help": "close the quote at the end of the value, on the same line: `title: \"Cascade\"`",
        }])
    );
    // The one finding: the defaults the site falls back on raise no warning of their own
    // (no `contact-missing` for the contact site.yaml could not give).
    let all: Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(all.as_array().map(Vec::len), Some(1), "{}", run.stdout);
    site.write("content/site.yaml", "title: Cascade\ntitel: x\n");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(errors(&run)[0]["message"], "unknown site.yaml key `titel`");
    assert!(!run.stdout.contains("front matter"), "{}", run.stdout);
}

#[test]
fn a_new_folder_is_a_section_titled_from_its_name() {
    let site = TestSite::fixture("author/cascade");
    site.write(
        "content/articles/rupture-and-repair/repair.md",
        "---\ntitle: \"Repairing a rupture\"\nsummary: \"What to do after a rupture.\"\naudience: clients\n---\n\nSee [[alliance]].\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(0);
    assert_eq!(errors(&run), Vec::<Value>::new());
    site.build();
    assert!(site.exists("articles/rupture-and-repair/repair/index.html"));
    let section = site.main_of("articles/rupture-and-repair/index.html");
    assert!(section.contains("<h1>Rupture and repair</h1>"), "{section}");
    assert!(section.contains("Repairing a rupture"), "{section}");
}

#[test]
fn site_yaml_sections_add_titles_and_order_only() {
    let site = TestSite::fixture("author/cascade");
    site.write(
        "content/site.yaml",
        "title: Cascade\naudiences:\n  - id: clients\n    label: Clients\n    max_grade: 12\nsections:\n  - id: basics\n    title: \"First steps\"\n    description: \"Start here.\"\n",
    );
    site.write(
        "content/articles/extra/more.md",
        "---\ntitle: \"More\"\nsummary: \"An undeclared folder.\"\naudience: clients\n---\n\nSee [[alliance]].\n",
    );
    site.build();
    let basics = site.main_of("articles/basics/index.html");
    assert!(basics.contains("<h1>First steps</h1>") && basics.contains("Start here."), "{basics}");
    assert!(site.main_of("articles/extra/index.html").contains("<h1>Extra</h1>"));
}

#[test]
fn an_article_directly_under_articles_is_in_the_top_section() {
    let site = TestSite::fixture("author/cascade");
    site.write(
        "content/articles/overview.md",
        "---\ntitle: \"Overview\"\nsummary: \"The whole topic at a glance.\"\naudience: clients\n---\n\nStart with [[alliance]].\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(0);
    assert!(!run.stdout.contains("general"), "{}", run.stdout);
    site.build();
    let page = site.main_of("articles/overview/index.html");
    assert!(page.contains("Overview"), "{page}");
    assert!(!site.exists("articles/general"), "no phantom `general` section");
    let top = site.main_of("articles/index.html");
    assert!(top.contains("<h1>Articles</h1>") && top.contains("Overview"), "{top}");
}

#[test]
fn a_mistyped_section_key_is_reported_at_its_value() {
    let site = TestSite::fixture("author/cascade");
    site.write(
        "content/articles/basics/moved.md",
        "---\ntitle: \"Moved\"\nsummary: \"A summary that mentions basic ideas.\"\naudience: clients\nsection: basic\n---\n\nSee [[alliance]].\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(1);
    assert_eq!(
        Value::Array(errors(&run)),
        json!([{
            "severity": "error",
            "code": "undeclared-section",
            "message": "section `basic` is neither a folder under `articles/` nor declared in site.yaml",
            "file": "content/articles/basics/moved.md",
            "line": 5,
            "column": 10,
            "help": "did you mean `basics`?",
        }])
    );
}

// ---------------------------------------------------------------------------------------------
// Point 6: raw HTML resources and the logo keep the privacy promise
// ---------------------------------------------------------------------------------------------

/// `alliance.md` with `body` after its front matter (the body starts on line 6).
fn alliance_with_body(body: &str) -> TestSite {
    cascade_with(&format!(
        "---\ntitle: \"The working alliance\"\nsummary: \"Goals, tasks and bond.\"\naudience: clients\n---\n{body}\n## Bond\n"
    ))
}

#[test]
fn raw_img_from_another_host_is_the_markdown_image_error() {
    let markdown = alliance_with_body("![A diagram](https://cdn.example/d.png)\n");
    let raw = alliance_with_body("<img src=\"https://cdn.example/d.png\" alt=\"A diagram\">\n");
    let help = "attune sites make no request outside themselves: download the image into `content/static/` and link it from there";
    let message = "the image `https://cdn.example/d.png` is loaded from another site";
    assert_one_error(&markdown, error("external-resource", message, 6, 1, help));
    assert_one_error(&raw, error("external-resource", message, 6, 11, help));
}

#[test]
fn raw_iframe_script_link_and_media_from_other_hosts_are_errors() {
    let site = alliance_with_body(
        "<iframe src=\"https://video.example/embed/1\"></iframe>\n\n<script src=\"//cdn.example/x.js\"></script>\n\n<link rel=\"stylesheet\" href=\"https://fonts.example/css\">\n\n<video controls poster=\"https://cdn.example/p.jpg\"><source src=\"https://cdn.example/v.mp4\"></video>\n\n<audio src=\"https://cdn.example/a.mp3\"></audio>\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let found: Vec<(String, u64, u64, String)> = errors(&run)
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let e = |line, column, message: &str| {
        ("external-resource".to_string(), line, column, message.to_string())
    };
    assert_eq!(
        found,
        [
            e(
                6,
                14,
                "the embedded page `https://video.example/embed/1` is loaded from another site"
            ),
            e(8, 14, "the script `//cdn.example/x.js` is loaded from another site"),
            e(
                10,
                30,
                "the stylesheet or icon `https://fonts.example/css` is loaded from another site"
            ),
            e(12, 25, "the media file `https://cdn.example/p.jpg` is loaded from another site"),
            e(12, 65, "the media file `https://cdn.example/v.mp4` is loaded from another site"),
            e(14, 13, "the media file `https://cdn.example/a.mp3` is loaded from another site"),
        ]
    );
}

#[test]
fn raw_img_to_a_missing_local_file_is_a_missing_image_error() {
    let site = alliance_with_body("<p><img src=\"/images/diagarm.png\" alt=\"A diagram\"></p>\n");
    site.write("content/static/images/diagram.png", "png");
    assert_one_error(
        &site,
        error(
            "missing-image",
            "the image `/images/diagarm.png` does not exist",
            6,
            14,
            "did you mean `/images/diagram.png`?",
        ),
    );
    site.write(
        ALLIANCE,
        &std::fs::read_to_string(site.root.join(ALLIANCE))
            .expect("read")
            .replace("diagarm", "diagram"),
    );
    site.run(&["check", "--deny-warnings"]).expect_code(0);
}

#[test]
fn raw_links_to_other_sites_and_data_images_are_fine() {
    let site = alliance_with_body(
        "<a href=\"https://example.org/\">a site</a> <img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"dot\">\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(errors(&run), Vec::<Value>::new());
}

#[test]
fn issue_26_the_logo_sits_beside_the_site_name_in_every_pages_header() {
    let site = TestSite::fixture("author/cascade");
    let yaml = std::fs::read_to_string(site.root.join("content/site.yaml")).expect("site.yaml");
    site.write("content/static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.write(
        "content/site.yaml",
        &format!("{yaml}organisation:\n  name: Clinic\n  logo: /images/logo.svg\n"),
    );
    site.build().expect_code(0);
    for page in ["search/index.html", "glossary/index.html", "404.html"] {
        let html = site.output(page);
        let header = html.split("<header class=\"site-header\"").nth(1).unwrap_or_default();
        let title = header.split("</a>").next().unwrap_or_default();
        assert!(
            title.contains(r#"<img class="logo" src="#) && title.contains("images/logo.svg"),
            "{page}: the header's home link has no logo: {title}"
        );
        assert!(title.contains(r#"alt="""#), "{page}: the logo is decorative beside the name");
    }
    // Without a logo, the header's home link is the name alone.
    let plain = TestSite::fixture("author/cascade");
    plain.build().expect_code(0);
    let html = plain.output("glossary/index.html");
    let header = html.split("<header class=\"site-header\"").nth(1).unwrap_or_default();
    assert!(!header.split("</a>").next().unwrap_or_default().contains("<img"), "{header}");
}

#[test]
fn site_yaml_logo_must_exist_under_static() {
    let site = TestSite::fixture("author/cascade");
    let yaml = std::fs::read_to_string(site.root.join("content/site.yaml")).expect("site.yaml");
    site.write(
        "content/site.yaml",
        &format!("{yaml}organisation:\n  name: Clinic\n  logo: /images/logo.svg\n"),
    );
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(1);
    assert_eq!(
        Value::Array(errors(&run)),
        json!([{
            "severity": "error",
            "code": "missing-image",
            "message": "the logo `/images/logo.svg` does not exist",
            "file": "content/site.yaml",
            "line": 9,
            "column": 9,
            "help": "put the logo under `content/static/` and write its path from there, e.g. `/images/logo.svg`",
        }])
    );
    site.write("content/static/images/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.run(&["check", "--deny-warnings"]).expect_code(0);
    site.write(
        "content/site.yaml",
        &format!("{yaml}organisation:\n  logo: https://cdn.example/logo.svg\n"),
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(errors(&run)[0]["code"], "external-resource");
}
