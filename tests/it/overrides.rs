//! Issue 18, points 4, 5 and 7: `init` writes content only; `eject` copies stamped defaults;
//! `check` reports stale and unknown overrides and broken templates at their line; a site adds
//! CSS with `theme/extra.css` without ejecting; `new` scaffolds every kind of file.

use serde_json::{Value, json};

use crate::support::TestSite;

/// The findings of `check --format json`.
#[track_caller]
fn findings(site: &TestSite) -> Vec<Value> {
    let run = site.run(&["check", "--format", "json"]);
    let all: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("invalid JSON ({e}):\n{}\n{}", run.stdout, run.stderr));
    all.as_array().expect("an array").clone()
}

#[test]
fn init_writes_content_and_no_template_or_theme_file() {
    let dir = TestSite::empty("init-content-only");
    let run = dir.run(&["init", "site"]);
    run.expect_code(0);
    let site = TestSite { root: dir.root.join("site") };
    assert!(site.root.join("content/site.yaml").is_file());
    assert!(!site.root.join("templates").exists(), "init must not fork the templates");
    assert!(!site.root.join("theme").exists(), "init must not fork the theme");
    site.run(&["check", "--deny-warnings"]).expect_code(0);
}

#[test]
fn eject_copies_named_defaults_with_a_version_stamp() {
    let site = TestSite::fixture("author/cascade");
    let run = site.run(&["eject", "article.html", "theme/style.css"]);
    run.expect_code(0).expect_stdout("ejected");
    let version = env!("CARGO_PKG_VERSION");
    let template =
        std::fs::read_to_string(site.root.join("templates/article.html")).expect("ejected");
    let first = template.lines().next().unwrap_or_default();
    assert!(first.starts_with(&format!("{{# attune-eject {version} ")), "{first}");
    assert!(first.ends_with("-#}"), "{first}");
    let css = std::fs::read_to_string(site.root.join("theme/style.css")).expect("ejected");
    assert!(css.starts_with(&format!("/* attune-eject {version} ")), "{}", &css[..80]);
    // A fresh copy is not stale and builds the same pages as the default.
    assert_eq!(findings(&site), Vec::<Value>::new());
    let ejected = site.build();
    let page = site.output("articles/basics/alliance/index.html");
    std::fs::remove_dir_all(site.root.join("templates")).expect("remove");
    site.build();
    assert_eq!(page, site.output("articles/basics/alliance/index.html"));
    drop(ejected);
}

#[test]
fn eject_lists_defaults_and_refuses_unknown_names_and_overwrites() {
    let site = TestSite::fixture("author/cascade");
    let list = site.run(&["eject", "--list"]);
    list.expect_code(0)
        .expect_stdout("templates/article.html\n")
        .expect_stdout("theme/style.css\n");
    site.run(&["eject", "artcle.html"]).expect_code(2).expect_stderr(
        "`artcle.html` is not a default template or theme file; did you mean `article.html`?",
    );
    site.run(&["eject", "base.html"]).expect_code(0);
    site.run(&["eject", "base.html"]).expect_code(2).expect_stderr("already exists");
    site.run(&["eject", "--list"])
        .expect_stdout("templates/base.html  (overridden by this site)\n");
}

#[test]
fn check_warns_when_an_ejected_file_is_older_than_the_default() {
    let site = TestSite::fixture("author/cascade");
    site.run(&["eject", "article.html"]).expect_code(0);
    let path = "templates/article.html";
    let text = std::fs::read_to_string(site.root.join(path)).expect("ejected");
    let stamp_end = text.find(" article.html:").expect("stamp names the file");
    // As if ejected by attune 0.0.1, whose default was different.
    let old = format!("{{# attune-eject 0.0.1 0123456789abcdef{}", &text[stamp_end..]);
    site.write(path, &old);
    assert_eq!(
        findings(&site),
        vec![json!({
            "severity": "warning",
            "code": "stale-override",
            "message": "`templates/article.html` was ejected from attune 0.0.1; this attune's default has changed since, and the site does not get those changes",
            "file": "templates/article.html",
            "line": 1,
            "column": 17,
            "help": "compare it with a fresh copy (`attune eject article.html` after moving this one aside) and carry your changes over, or delete it to use the default",
        })]
    );
    site.run(&["check", "--deny-warnings"]).expect_code(1);
    // An older stamp whose default has not changed since is not stale.
    let fingerprint = text.split_whitespace().nth(3).expect("fingerprint");
    site.write(path, &format!("{{# attune-eject 0.0.1 {fingerprint}{}", &text[stamp_end..]));
    assert_eq!(findings(&site), Vec::<Value>::new());
}

#[test]
fn check_warns_about_overrides_that_match_no_default() {
    let site = TestSite::fixture("author/cascade");
    site.write("templates/artcle.html", "{% extends \"base.html\" %}\n");
    site.write("theme/styles.css", "body { color: red; }\n");
    site.write("theme/extra.css", "body { color: navy; }\n");
    assert_eq!(
        findings(&site),
        vec![
            json!({
                "severity": "warning",
                "code": "unknown-override",
                "message": "`templates/artcle.html` matches no default template, so attune never reads it",
                "file": "templates/artcle.html",
                "line": 1,
                "column": 1,
                "help": "did you mean `article.html`?",
            }),
            json!({
                "severity": "warning",
                "code": "unknown-override",
                "message": "`theme/styles.css` matches no default theme file, so attune never reads it",
                "file": "theme/styles.css",
                "line": 1,
                "column": 1,
                "help": "did you mean `style.css`?",
            }),
        ]
    );
}

#[test]
fn extra_css_is_linked_after_the_default_without_ejecting() {
    let plain = TestSite::fixture("author/cascade");
    plain.build();
    let with_extra = TestSite::fixture("author/cascade");
    with_extra.write("theme/extra.css", ".site-title { color: #7a1f5c; }\n");
    with_extra.build();
    let page = with_extra.output("articles/basics/alliance/index.html");
    let default = page.find("theme/style.css").expect("default stylesheet");
    let extra = page.find("theme/extra.css").expect("extra stylesheet");
    assert!(default < extra, "extra.css comes after the default");
    assert_eq!(with_extra.output("theme/extra.css"), ".site-title { color: #7a1f5c; }\n");
    // Without extra.css the pages do not mention it at all.
    let plain_page = plain.output("articles/basics/alliance/index.html");
    assert!(!plain_page.contains("extra.css"));
    assert!(!plain.exists("theme/extra.css"));
    assert_eq!(findings(&with_extra), Vec::<Value>::new(), "extra.css is not an unknown override");
}

#[test]
fn check_reports_a_broken_template_at_its_line() {
    let site = TestSite::fixture("author/cascade");
    site.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ article.title </h1>\n{% endblock %}\n",
    );
    let expected = json!({
        "severity": "error",
        "code": "template",
        "message": "the template does not compile: expected an expression or a string or a concatenation of strings",
        "file": "templates/article.html",
        "line": 3,
        "column": 23,
        "help": "fix the template, or delete it to use attune's default (`attune eject --list` shows the defaults)",
    });
    assert_eq!(findings(&site), vec![expected]);
    site.run(&["check"]).expect_code(1);
    site.run(&["build"])
        .expect_code(1)
        .expect_stderr("error[template]: the template does not compile")
        .expect_stderr(" --> templates/article.html:3:23\n");
    assert!(!site.exists(""), "nothing was written");
}

#[test]
fn check_reports_a_template_extending_a_missing_parent() {
    let site = TestSite::fixture("author/cascade");
    site.write("templates/page.html", "{# a page #}\n{% extends \"bse.html\" %}\n");
    let all = findings(&site);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["code"], "template");
    assert_eq!(all[0]["file"], "templates/page.html");
    assert_eq!(all[0]["line"], 2);
    assert!(all[0]["message"].as_str().unwrap_or_default().contains("bse.html"), "{all:?}");
}

/// `new KIND SLUG`, then `check`: only placeholder warnings (exit 0, exit 1 with
/// `--deny-warnings`); with the placeholders replaced, `check --deny-warnings` passes.
#[track_caller]
fn assert_new_file(kind: &str, slug: &str, file: &str, placeholders: &[(&str, usize)]) {
    let site = TestSite::fixture("author/cascade");
    site.run(&["new", kind, slug]).expect_code(0).expect_stdout(&format!("created ./{file}"));
    let text = std::fs::read_to_string(site.root.join(file)).expect("created");
    let warnings: Vec<(String, String, u64)> = findings(&site)
        .iter()
        .filter(|d| d["file"] != file || d["code"] != "orphan")
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["file"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected: Vec<(String, String, u64)> = placeholders
        .iter()
        .map(|(_, line)| ("placeholder".to_string(), file.to_string(), *line as u64))
        .collect();
    assert_eq!(warnings, expected, "{text}");
    site.run(&["check"]).expect_code(0);
    site.run(&["check", "--deny-warnings"]).expect_code(1);
    let mut done = text.clone();
    for (key, _) in placeholders {
        let line = done
            .lines()
            .find(|l| l.contains(&format!("{key}: \"TODO")))
            .expect("placeholder line")
            .to_string();
        let indent = &line[..line.len() - line.trim_start().len()];
        done = done.replacen(&line, &format!("{indent}{key}: \"Written by the author.\""), 1);
    }
    site.write(file, &done);
    if kind == "article" {
        // Linked from another article, so it is no orphan.
        let alliance = "content/articles/basics/alliance.md";
        let text = std::fs::read_to_string(site.root.join(alliance)).expect("alliance");
        site.write(alliance, &format!("{text}\nSee [[{slug}]].\n"));
    }
    site.run(&["check", "--deny-warnings"]).expect_code(0);
}

#[test]
fn new_article_has_a_placeholder_summary_until_written() {
    assert_new_file("article", "rapport", "content/articles/rapport.md", &[("summary", 3)]);
}

#[test]
fn new_term_has_a_placeholder_definition_until_written() {
    assert_new_file("term", "rapport", "content/glossary/rapport.md", &[("short", 4)]);
}

#[test]
fn new_page_has_a_placeholder_summary_until_written() {
    assert_new_file("page", "privacy", "content/pages/privacy.md", &[("summary", 3)]);
}

#[test]
fn new_path_starts_from_a_real_article_with_placeholder_notes() {
    let site = TestSite::fixture("author/cascade");
    site.run(&["new", "path", "first-week", "--title", "Your first week"]).expect_code(0);
    let text =
        std::fs::read_to_string(site.root.join("content/paths/first-week.md")).expect("created");
    assert!(text.contains("  - article: alliance\n"), "{text}");
    let codes: Vec<String> = findings(&site)
        .iter()
        .map(|d| format!("{}@{}", d["code"].as_str().unwrap_or_default(), d["line"]))
        .collect();
    assert_eq!(codes, ["placeholder@4", "placeholder@7"]);
    let done = text
        .replace("\"TODO: who this path is for and what they will learn.\"", "\"For new clients.\"")
        .replace("\"TODO: why this step comes first.\"", "\"The basis of everything else.\"");
    site.write("content/paths/first-week.md", &done);
    site.run(&["check", "--deny-warnings"]).expect_code(0);
    site.build();
    assert!(site.main_of("paths/first-week/index.html").contains("Your first week"));
}

#[test]
fn new_refuses_unsafe_sections_and_unknown_audiences() {
    let site = TestSite::fixture("author/cascade");
    site.run(&["new", "article", "x", "--section", "../../etc"])
        .expect_code(2)
        .expect_stderr("is not a folder name under `articles/`");
    site.run(&["new", "article", "x", "--audience", "teens"])
        .expect_code(2)
        .expect_stderr("audience `teens` is not in site.yaml; declared: clients");
    assert!(!site.root.join("content/articles/x.md").exists());
}
