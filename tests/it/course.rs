//! Course readings (issue 24): citations from a bibliography (each form, style choice, the
//! unknown-key, unused-entry and malformed-entry diagnostics, packets' combined bibliography)
//! and knowledge checks (validation at the block's line, rendering without JS, packets
//! without answers, the answer key).

use crate::build::{expect_error_at, handbook};
use crate::support::TestSite;

const BIB: &str = r#"@article{bordin1979,
  author = {Bordin, Edward S.},
  title = {The generalizability of the psychoanalytic concept of the working alliance},
  journal = {Psychotherapy: Theory, Research \& Practice},
  volume = {16},
  number = {3},
  pages = {252--260},
  year = {1979},
}

@article{horvath1989,
  author = {Horvath, Adam O. and Greenberg, Leslie S.},
  title = {Development and validation of the Working Alliance Inventory},
  journal = {Journal of Counseling Psychology},
  volume = {36},
  number = {2},
  pages = {223--233},
  year = {1989},
}

@book{safran2000,
  author = {Safran, Jeremy D. and Muran, J. Christopher},
  title = {Negotiating the therapeutic alliance},
  publisher = {Guilford Press},
  year = {2000},
}
"#;

const ARTICLE: &str = "---\ntitle: Alliance\nsummary: The alliance.\n---\n\nThe alliance has three parts [@bordin1979]. Goals come first [@bordin1979, p. 252].\nBoth measures agree [@bordin1979; @horvath1989]. As @horvath1989 showed, it can be measured.\nWrite to help@clinic.org with questions.\n";

fn cited_site(style: Option<&str>) -> TestSite {
    let site = TestSite::with_files(
        "cite",
        &[
            ("bibliography.bib", BIB),
            ("articles/basics/alliance.md", ARTICLE),
            (
                "articles/basics/repair.md",
                "---\ntitle: Repair\nsummary: Repair.\n---\n\nRepair is learnt [@safran2000].\n",
            ),
            (
                "paths/course.md",
                "---\ntitle: Course\nsummary: A course.\nsteps:\n  - article: alliance\n  - article: repair\n---\n\nIntro.\n",
            ),
        ],
    );
    if let Some(style) = style {
        site.change_file(
            "content/site.yaml",
            "title: Test site\n",
            &format!("title: Test site\ncitations:\n  style: {style}\n"),
        );
    }
    site
}

#[test]
fn issue_24_each_citation_form_renders_in_apa_with_a_card_and_a_reference_list() {
    let site = cited_site(None);
    site.build();
    let main = site.main_of("articles/basics/alliance/index.html");
    assert!(main.contains(">(Bordin, 1979)</a>"), "{main}");
    assert!(main.contains(">(Bordin, 1979, p. 252)</a>"), "{main}");
    assert!(main.contains(">(Bordin, 1979; Horvath &amp; Greenberg, 1989)</a>"), "{main}");
    assert!(main.contains(">Horvath &amp; Greenberg (1989)</a>"), "{main}");
    // Linked to the reference list, with the glossary's hover and focus card.
    assert!(
        main.contains(
            "<a class=\"term cite\" href=\"#bib-bordin1979\" aria-describedby=\"tip-1\">"
        ),
        "{main}"
    );
    assert!(main.contains("role=\"tooltip\" id=\"tip-1\">Bordin, E. S. (1979)."), "{main}");
    assert!(main.contains("<li id=\"bib-bordin1979\">Bordin, E. S. (1979)."), "{main}");
    assert!(main.contains("<i>Psychotherapy: Theory, Research &amp; Practice</i>"), "{main}");
    assert!(main.contains("<li id=\"bib-horvath1989\">"), "{main}");
    // An e-mail address is not a citation.
    assert!(main.contains("help@clinic.org"), "{main}");
    // Only what the page cites is in its list.
    assert!(!main.contains("bib-safran2000"), "{main}");
}

#[test]
fn issue_24_a_style_named_in_site_yaml_formats_the_citations() {
    let site = cited_site(Some("ieee"));
    site.build();
    let main = site.main_of("articles/basics/alliance/index.html");
    assert!(main.contains(">[1]</a>"), "{main}");
    assert!(
        main.contains(">[1], [2]</a>")
            || main.contains(">[1, 2]</a>")
            || main.contains(">[1], [2]"),
        "{main}"
    );
    let chicago = cited_site(Some("chicago-author-date"));
    chicago.build();
    let main = chicago.main_of("articles/basics/alliance/index.html");
    assert!(main.contains(">(Bordin 1979)</a>"), "{main}");
    assert!(main.contains(">(Bordin 1979, 252)</a>"), "{main}");
}

#[test]
fn issue_24_an_unknown_style_is_an_error_with_a_suggestion() {
    let site = cited_site(Some("ieeee"));
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "bibliography", "content/site.yaml:3:10");
    run.expect_stderr("did you mean `ieee`?");
}

#[test]
fn issue_24_an_unknown_key_is_an_error_at_its_place_with_the_nearest_key() {
    let site = cited_site(None);
    site.change_file(
        "content/articles/basics/alliance.md",
        "[@bordin1979]. Goals",
        "[@bordin1797]. Goals",
    );
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "unknown-citation", "content/articles/basics/alliance.md:6:31");
    run.expect_stderr("did you mean `@bordin1979`?");
}

#[test]
fn issue_24_an_entry_no_page_cites_is_a_warning_at_its_line() {
    let site = cited_site(None);
    site.change_file("content/articles/basics/repair.md", "[@safran2000]", "");
    let run = site.build();
    run.expect_stderr("warning[unused-reference]: no page cites `safran2000`");
    run.expect_stderr("--> content/bibliography.bib:21:");
}

#[test]
fn issue_24_a_malformed_entry_is_an_error_at_its_own_line() {
    let site = cited_site(None);
    site.change_file("content/bibliography.bib", "  volume = {36},\n", "  volume = {36,\n");
    let run = site.run(&["build"]);
    run.expect_code(1);
    run.expect_stderr("error[bibliography]: malformed BibLaTeX entry");
    // The entry whose brace is never closed, not the next one where the parser noticed.
    run.expect_stderr("--> content/bibliography.bib:11:1\n");
    run.expect_stderr("@article{horvath1989,");
    assert!(!site.exists("index.html"));
}

#[test]
fn issue_24_packets_end_with_one_combined_bibliography() {
    let site = cited_site(None);
    site.build();
    let main = site.main_of("paths/course/print/index.html");
    let list = &main[main.find("<section class=\"packet-references\">").expect("references")..];
    for key in ["bordin1979", "horvath1989", "safran2000"] {
        assert_eq!(list.matches(&format!("id=\"bib-{key}\"")).count(), 1, "{list}");
        assert!(main.contains(&format!("href=\"#bib-{key}\"")), "{main}");
    }
}

#[test]
fn issue_24_front_matter_cite_lists_an_entry_and_glossary_sources_share_the_entries() {
    let site = cited_site(None);
    site.change_file(
        "content/articles/basics/repair.md",
        "summary: Repair.\n",
        "summary: Repair.\nreferences:\n  - cite: horvath1989\n  - text: \"A hand-written source.\"\n",
    );
    site.write(
        "content/glossary/alliance.md",
        "---\nterm: working alliance\nshort: The collaborative part of the relationship.\nreferences:\n  - cite: bordin1979\n---\n\nBordin's model [@horvath1989].\n",
    );
    site.build();
    let main = site.main_of("articles/basics/repair/index.html");
    assert!(main.contains("<li id=\"bib-horvath1989\">Horvath, A. O."), "{main}");
    assert!(main.contains("<li>A hand-written source.</li>"), "{main}");
    let glossary = site.main_of("glossary/index.html");
    assert!(glossary.contains("<li id=\"bib-alliance-bordin1979\">Bordin, E. S."), "{glossary}");
    assert!(glossary.contains("href=\"#bib-alliance-horvath1989\""), "{glossary}");
}

#[test]
fn issue_24_the_handbooks_journal_references_come_from_its_bibliography() {
    let bibliography =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/bibliography.yaml");
    assert!(bibliography.is_file());
    let main = handbook().main_of("articles/components/working-alliance/index.html");
    assert!(
        main.contains("<li id=\"bib-bordin1979\">Bordin, E. S. (1979). The generalizability of the psychoanalytic concept of the working alliance. <i>Psychotherapy: Theory, Research &amp; Practice</i>, <i>16</i>(3), 252–260."),
        "{main}"
    );
    assert!(main.contains("https://doi.org/10.1037/pst0000172"), "{main}");
    // Its knowledge check, for the foundations course.
    assert!(main.contains("<section class=\"quiz\" id=\"quiz-1\""), "{main}");
    assert!(handbook().exists("paths/foundations-course/print/key/index.html"));
}

/// Every `.md` file under `dir`, recursively.
fn markdown_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn issue_24_every_handbook_reference_comes_from_the_bibliography() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let read = |path: &std::path::Path| std::fs::read_to_string(path).expect("read content file");
    let bibliography: serde_yaml::Mapping =
        serde_yaml::from_str(&read(&content.join("bibliography.yaml"))).expect("bibliography");
    let mut files = Vec::new();
    markdown_files(&content, &mut files);
    assert!(files.len() > 150, "{} content files", files.len());
    let mut listed = 0;
    for file in &files {
        let text = read(file);
        let Some(front) = text.strip_prefix("---\n").and_then(|rest| rest.split_once("\n---\n"))
        else {
            continue;
        };
        let meta: serde_yaml::Value = serde_yaml::from_str(front.0).expect("front matter");
        let Some(references) = meta.get("references") else { continue };
        for reference in references.as_sequence().expect("`references` is a list") {
            let entry = reference.as_mapping().expect("a reference is a mapping");
            let key = entry.get("cite").and_then(serde_yaml::Value::as_str);
            assert!(
                entry.len() == 1 && key.is_some(),
                "{}: {reference:?} is typed by hand, not a `- cite: key` from content/bibliography.yaml",
                file.display()
            );
            let key = key.unwrap_or_default();
            assert!(bibliography.contains_key(key), "{}: no entry `{key}`", file.display());
            listed += 1;
        }
    }
    // The handbook lists over 300 sources across its pages and terms (English and Spanish).
    assert!(listed > 300, "{listed} references listed");

    // Built: every item of every reference list, on every page in both languages (articles,
    // the glossary's sources, packets), is a formatted bibliography entry with its anchor.
    let public = handbook().root.join("public");
    let mut lists = 0;
    for (path, bytes) in crate::build::files(&public) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).expect("utf-8 page");
        for list in html.split("<ol class=\"references\">").skip(1) {
            let list = list.split("</ol>").next().unwrap_or_default();
            lists += 1;
            for item in list.split("<li").skip(1) {
                assert!(
                    item.starts_with(" id=\"bib-"),
                    "{path}: a reference not from the bibliography: <li{item}"
                );
            }
        }
    }
    assert!(lists > 40, "{lists} reference lists");
}

// -------------------------------------------------------------------------------------------
// Knowledge checks
// -------------------------------------------------------------------------------------------

const QUIZ: &str = "```quiz\nquestion: Which is one of Bordin's three parts?\noptions:\n  - text: Tasks\n    correct: true\n    feedback: Yes, tasks are one part.\n  - text: Session length\n    feedback: Not part of the model.\nexplanation: Bordin named goals, tasks and the bond.\n```\n";

fn quiz_site(quiz: &str) -> TestSite {
    TestSite::with_files(
        "quiz",
        &[
            (
                "articles/basics/alliance.md",
                &format!(
                    "---\ntitle: Alliance\nsummary: The alliance.\n---\n\nSome text.\n\n{quiz}\nMore text.\n"
                ),
            ),
            ("articles/basics/plain.md", "---\ntitle: Plain\nsummary: Plain.\n---\n\nNo checks.\n"),
            (
                "paths/course.md",
                "---\ntitle: Course\nsummary: A course.\nsteps:\n  - article: alliance\n  - article: plain\n---\n\nIntro.\n",
            ),
        ],
    )
}

#[test]
fn issue_24_a_quiz_renders_without_js_with_the_answer_in_details() {
    let site = quiz_site(QUIZ);
    site.build();
    let main = site.main_of("articles/basics/alliance/index.html");
    assert!(main.contains("<section class=\"quiz\" id=\"quiz-1\""), "{main}");
    assert!(main.contains("<p class=\"quiz-title\">Knowledge check</p>"), "{main}");
    assert!(main.contains("<li>Tasks</li><li>Session length</li>"), "{main}");
    assert!(
        main.contains("<details class=\"quiz-answer\"><summary>Show the answer</summary>"),
        "{main}"
    );
    assert!(main.contains("The answer: A. Tasks"), "{main}");
    assert!(main.contains("Bordin named goals, tasks and the bond."), "{main}");
    assert!(site.exists("theme/quiz.js") && site.exists("theme/quiz.css"));
    assert!(main.contains("src=\"../../../theme/quiz.js\""), "{main}");
}

#[test]
fn issue_24_clinic_style_asks_to_check_understanding_and_counts_nothing() {
    let site = quiz_site(QUIZ);
    site.change_file(
        "content/site.yaml",
        "title: Test site\n",
        "title: Test site\nknowledge_checks:\n  style: clinic\n",
    );
    site.build();
    let main = site.main_of("articles/basics/alliance/index.html");
    assert!(main.contains("Check your understanding"), "{main}");
    assert!(!main.contains("Correct."), "{main}");
    let path = site.main_of("paths/course/index.html");
    assert!(!path.contains("quiz-progress"), "{path}");
    let course = quiz_site(QUIZ);
    course.build();
    let path = course.main_of("paths/course/index.html");
    assert!(path.contains("<p id=\"quiz-progress\""), "{path}");
    assert!(path.contains("data-article=\"alliance\" data-quizzes=\"1\""), "{path}");
    assert!(path.contains("knowledge-check answers are saved only in this browser"), "{path}");
}

#[test]
fn issue_24_packets_print_questions_without_answers_and_the_key_has_them() {
    let site = quiz_site(QUIZ);
    site.build();
    let packet = site.main_of("paths/course/print/index.html");
    assert!(
        packet.contains("Which is one of Bordin&#39;s three parts?")
            || packet.contains("Which is one of Bordin's three parts?"),
        "{packet}"
    );
    assert!(!packet.contains("quiz-answer") && !packet.contains("Bordin named goals"), "{packet}");
    assert!(packet.contains("href=\"../../../paths/course/print/key/\""), "{packet}");
    let key = site.main_of("paths/course/print/key/index.html");
    assert!(key.contains("Reading 1: Alliance"), "{key}");
    assert!(key.contains("<li>Tasks <strong>(correct)</strong>"), "{key}");
    assert!(key.contains("Not part of the model."), "{key}");
    assert!(key.contains("Bordin named goals, tasks and the bond."), "{key}");
}

#[track_caller]
fn quiz_error(quiz: &str, message: &str) {
    let site = quiz_site(quiz);
    let run = site.run(&["build"]);
    // The block starts on line 8 of the article (after 4 lines of front matter and text).
    expect_error_at(&site, &run, "quiz", "content/articles/basics/alliance.md:8:1");
    run.expect_stderr(message);
}

#[test]
fn issue_24_each_quiz_error_is_reported_at_the_block_line() {
    quiz_error(
        &QUIZ.replace("    feedback: Not part", "    correct: true\n    feedback: Not part"),
        "2 options are marked correct",
    );
    quiz_error(
        &QUIZ.replace("    correct: true\n", ""),
        "no option of the knowledge check is marked correct",
    );
    quiz_error(
        &QUIZ.replace("text: Session length", "text: \"\""),
        "option 2 of the knowledge check is empty",
    );
    quiz_error(&QUIZ.replace("explanation:", "explaination:"), "unknown key `explaination`");
    quiz_error(
        &QUIZ.replace("    feedback: Yes", "    right: true\n    feedback: Yes"),
        "unknown key `right`",
    );
}

#[test]
fn issue_24_a_site_without_citations_or_quizzes_writes_no_quiz_files() {
    let site = quiz_site("");
    site.build();
    assert!(!site.exists("theme/quiz.js") && !site.exists("paths/course/print/key/index.html"));
    let path = site.output("paths/course/index.html");
    assert!(!path.contains("quiz"), "{path}");
}

#[test]
fn issue_24_citations_use_the_terms_of_the_pages_language() {
    let bib = "@misc{guide,\n  author = {Example, Ann},\n  title = {A guide without a date},\n}\n";
    let site = TestSite::with_files(
        "cite-es",
        &[
            ("bibliography.bib", bib),
            (
                "articles/basics/alliance.md",
                "---\ntitle: Alliance\nsummary: The alliance.\n---\n\nSee the guide [@guide].\n",
            ),
            (
                "articles/basics/alliance.es.md",
                "---\ntitle: Alianza\nsummary: La alianza.\n---\n\nMira la guía [@guide].\n",
            ),
        ],
    );
    site.change_file(
        "content/site.yaml",
        "title: Test site\n",
        "title: Test site\nlanguages:\n  - code: en\n    name: English\n  - code: es\n    name: Español\n",
    );
    site.build();
    let english = site.main_of("articles/basics/alliance/index.html");
    assert!(english.contains("Example, n.d."), "{english}");
    let spanish = site.main_of("es/articles/basics/alliance/index.html");
    // "s. f." (sin fecha), written with a no-break space.
    assert!(spanish.contains("(Example, s.\u{a0}f.)"), "the Spanish term for no date: {spanish}");
    assert!(!spanish.contains("n.d."), "{spanish}");
}
