//! `attune check`: every validation and lint reported once at its file, line and column, as
//! rustc-style text and as JSON that agree; exit codes; silencing; the readability grade
//! against a hand-worked Flesch-Kincaid calculation; the bundled handbook passing
//! `--deny-warnings`; and one single-defect site per error under `tests/fixtures/invalid/`.

use std::path::Path;

use serde_json::Value;

use crate::support::{Run, TestSite};

/// One finding as both output formats describe it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    severity: String,
    code: String,
    file: String,
    line: usize,
    column: usize,
    message: String,
}

/// The findings of `check --format json`, failing the test when the output is not JSON.
#[track_caller]
fn json_findings(run: &Run) -> Vec<Finding> {
    let value: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| {
        panic!("check --format json printed invalid JSON ({e}):\n{}", run.stdout)
    });
    let items =
        value.as_array().unwrap_or_else(|| panic!("expected a JSON array:\n{}", run.stdout));
    items
        .iter()
        .map(|item| Finding {
            severity: item["severity"].as_str().expect("severity").to_string(),
            code: item["code"].as_str().expect("code").to_string(),
            file: item["file"].as_str().unwrap_or_default().to_string(),
            line: item["line"].as_u64().unwrap_or(0) as usize,
            column: item["column"].as_u64().unwrap_or(0) as usize,
            message: item["message"].as_str().expect("message").to_string(),
        })
        .collect()
}

/// The findings of the text format (stderr): each `severity[code]: message` header with the
/// `--> file:line:col` line under it.
#[track_caller]
fn text_findings(run: &Run) -> Vec<Finding> {
    let lines: Vec<&str> = run.stderr.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((severity, rest)) = line.split_once('[') else { continue };
        if severity != "error" && severity != "warning" {
            continue;
        }
        let (code, message) = rest.split_once("]: ").expect("header has `]: `");
        let location =
            lines.get(i + 1).and_then(|l| l.trim_start().strip_prefix("--> ")).unwrap_or_default();
        let mut parts = location.rsplitn(3, ':');
        let (column, line_no, file) = match (parts.next(), parts.next(), parts.next()) {
            (Some(c), Some(l), Some(f)) if c.parse::<usize>().is_ok() => {
                (c.parse().unwrap_or(0), l.parse().unwrap_or(0), f)
            }
            _ => (0, 0, location),
        };
        out.push(Finding {
            severity: severity.to_string(),
            code: code.to_string(),
            file: file.to_string(),
            line: line_no,
            column,
            message: message.to_string(),
        });
    }
    out
}

/// What the all-diagnostics fixture holds: one instance of each error and warning, each in a
/// file of its own (a file whose YAML fails to load reports nothing else).
/// (severity, code, file under content/, line, column, message).
const EVERY_FINDING: &[(&str, &str, &str, usize, usize, &str)] = &[
    (
        "error",
        "broken-anchor",
        "articles/basics/broken-anchor.md",
        8,
        5,
        "`welcome` has no heading `#no-such-heading`",
    ),
    (
        "error",
        "broken-link",
        "articles/basics/broken-link.md",
        8,
        5,
        "no article or page `no-such-page`",
    ),
    (
        "warning",
        "external-link",
        "articles/basics/external-link.md",
        8,
        7,
        "external link to https://example.com/",
    ),
    (
        "warning",
        "heading-skip",
        "articles/basics/heading-skip.md",
        12,
        1,
        "heading level 4 follows level 2; a level is skipped",
    ),
    ("warning", "image-alt", "articles/basics/image-alt.md", 8, 1, "this image has no alt text"),
    (
        "warning",
        "long-paragraph",
        "articles/basics/long-paragraph.md",
        9,
        1,
        "a paragraph of 126 words on a client-facing page",
    ),
    (
        "error",
        "missing-image",
        "articles/basics/missing-image.md",
        8,
        1,
        "the image `/images/missing.png` does not exist",
    ),
    (
        "error",
        "missing-key",
        "articles/basics/missing-key.md",
        1,
        1,
        "the front matter has no `summary`",
    ),
    (
        "warning",
        "orphan",
        "articles/basics/orphan.md",
        1,
        1,
        "no other page links to `orphan` and it is on no reading path",
    ),
    // The grade itself is checked in `readability_warning_names_grade_and_limit`.
    ("warning", "readability", "articles/basics/readability.md", 2, 8, "*"),
    (
        "warning",
        "review-missing",
        "articles/basics/review-missing.md",
        2,
        8,
        "this article has no clinical review",
    ),
    (
        "warning",
        "review-overdue",
        "articles/basics/review-overdue.md",
        6,
        7,
        "last reviewed 2025-01-10 (22 months ago); the policy is every 12 months",
    ),
    (
        "error",
        "undeclared-audience",
        "articles/basics/undeclared-audience.md",
        4,
        11,
        "audience `teens` is not declared in site.yaml",
    ),
    (
        "error",
        "undeclared-section",
        "articles/basics/undeclared-section.md",
        4,
        10,
        "section `basic` is neither a folder under `articles/` nor declared in site.yaml",
    ),
    (
        "error",
        "unknown-key",
        "articles/basics/unknown-key.md",
        4,
        1,
        "unknown front matter key `tgas`",
    ),
    (
        "error",
        "unknown-term",
        "articles/basics/unknown-term.md",
        8,
        5,
        "no glossary entry `no-such-term`",
    ),
    (
        "error",
        "yaml-syntax",
        "articles/basics/yaml-syntax.md",
        3,
        13,
        "invalid front matter: the value of `summary` contains `: `, which YAML reads as another key",
    ),
    // The fixture has client-facing articles and no `organisation.contact`; site.yaml has no
    // `organisation` block, so the warning points at its first line.
    (
        "warning",
        "contact-missing",
        "site.yaml",
        1,
        1,
        "client-facing pages (such as `long-paragraph`) but no contact in site.yaml",
    ),
    (
        "error",
        "duplicate-slug",
        "articles/extra/twin.md",
        1,
        1,
        "`twin` is used by two files: content/articles/basics/twin.md and content/articles/extra/twin.md",
    ),
    (
        "error",
        "duplicate-term",
        "glossary/working-alliance.md",
        2,
        7,
        "`Working alliance` already names the entry `Bond` (content/glossary/bond.md)",
    ),
    (
        "error",
        "path-missing-article",
        "paths/tour.md",
        6,
        14,
        "step 2 of path `tour` names `ghost`, which is not an article",
    ),
];

/// The expected findings, with the readability message taken from the actual output (its
/// grade is asserted separately).
fn expected_findings(actual: &[Finding]) -> Vec<Finding> {
    let mut expected: Vec<Finding> = EVERY_FINDING
        .iter()
        .map(|&(severity, code, file, line, column, message)| Finding {
            severity: severity.into(),
            code: code.into(),
            file: format!("content/{file}"),
            line,
            column,
            message: if message == "*" {
                actual
                    .iter()
                    .find(|f| f.code == code)
                    .map(|f| f.message.clone())
                    .unwrap_or_default()
            } else {
                message.into()
            },
        })
        .collect();
    expected.sort();
    expected
}

#[test]
fn reports_every_error_and_warning_once_at_its_location() {
    let site = TestSite::fixture("check/all-diagnostics");
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let mut actual = json_findings(&run);
    actual.sort();
    let expected = expected_findings(&actual);
    assert_eq!(actual, expected, "\n--- stderr\n{}", run.stderr);
    // Every code of DESIGN.md section 8 appears exactly once.
    for (_, code, ..) in EVERY_FINDING {
        assert_eq!(actual.iter().filter(|f| f.code == *code).count(), 1, "{code}");
    }
}

#[test]
fn readability_warning_names_grade_and_limit() {
    let site = TestSite::fixture("check/all-diagnostics");
    let run = site.run(&["check", "--format", "json"]);
    let finding = json_findings(&run)
        .into_iter()
        .find(|f| f.code == "readability")
        .expect("readability warning");
    let grade: f64 = finding
        .message
        .strip_prefix("reads at grade ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|g| g.parse().ok())
        .unwrap_or_else(|| panic!("no grade in {:?}", finding.message));
    assert!(grade > 8.0, "{}", finding.message);
    assert!(
        finding.message.ends_with("(Flesch-Kincaid), above the Clients limit of 8"),
        "{}",
        finding.message
    );
}

#[test]
fn json_output_matches_text_output() {
    let site = TestSite::fixture("check/all-diagnostics");
    let json = site.run(&["check", "--format", "json"]);
    let text = site.run(&["check"]);
    assert_eq!(json.code, text.code);
    let from_json = json_findings(&json);
    let from_text = text_findings(&text);
    assert_eq!(from_json.len(), EVERY_FINDING.len());
    // Same findings in the same order (both are sorted by file and position).
    assert_eq!(from_json, from_text, "\n--- text\n{}", text.stderr);
    // JSON carries the help lines the text shows.
    let value: Value = serde_json::from_str(&json.stdout).expect("json");
    let helps = value.as_array().expect("array").iter().filter(|d| d["help"].is_string()).count();
    assert_eq!(helps, text.stderr.matches("= help: ").count());
}

#[test]
fn text_output_reads_like_rustc() {
    let site = TestSite::fixture("check/all-diagnostics");
    let run = site.run(&["check"]);
    run.expect_code(1);
    let section = "\
error[undeclared-section]: section `basic` is neither a folder under `articles/` nor declared in site.yaml
 --> content/articles/basics/undeclared-section.md:4:10
  |
4 | section: basic
  |          ^^^^^
  = help: did you mean `basics`?
";
    run.expect_stderr(section);
    let unknown_key = "\
error[unknown-key]: unknown front matter key `tgas`
 --> content/articles/basics/unknown-key.md:4:1
  |
4 | tgas: [x]
  | ^^^^
  = help: did you mean `tags`?
";
    run.expect_stderr(unknown_key);
    // A two-digit line number widens the gutter; `|` and `=` stay aligned after it.
    let heading = "\
warning[heading-skip]: heading level 4 follows level 2; a level is skipped
  --> content/articles/basics/heading-skip.md:12:1
   |
12 | #### Deep
   | ^^^^^^^^^
   = help: use `###` here, so screen-reader users can follow the outline
";
    run.expect_stderr(heading);
    // 19 articles + 1 twin + 2 glossary entries + 1 path + index.md + site.yaml.
    assert_eq!(
        run.stdout.trim_end().lines().last(),
        Some("12 errors, 9 warnings in 25 files"),
        "{}",
        run.stdout
    );
}

#[test]
fn check_writes_nothing() {
    let site = TestSite::fixture("check/all-diagnostics");
    site.run(&["check"]).expect_code(1);
    let clean = warnings_only_site();
    clean.run(&["check"]).expect_code(0);
    for root in [&site.root, &clean.root] {
        assert!(!root.join("public").exists(), "check must not write the site");
    }
}

/// A small valid site whose only finding is one external link (a warning).
fn warnings_only_site() -> TestSite {
    TestSite::with_files(
        "check-warnings-only",
        &[
            ("index.md", "---\ntitle: Home\nsummary: Home.\n---\nRead [[a]].\n"),
            (
                "articles/general/a.md",
                "---\ntitle: A\nsummary: One external link.\n---\nSee [the spec](https://example.org/spec).\n",
            ),
        ],
    )
}

#[test]
fn clean_site_exits_0_even_with_deny_warnings() {
    let site = TestSite::with_files(
        "check-clean",
        &[
            ("index.md", "---\ntitle: Home\nsummary: Home.\n---\nRead [[a]].\n"),
            (
                "articles/general/a.md",
                "---\ntitle: A\nsummary: Nothing to report.\n---\nShort and plain.\n",
            ),
        ],
    );
    let run = site.run(&["check", "--deny-warnings"]);
    run.expect_code(0);
    assert_eq!(run.stdout.trim(), "0 errors, 0 warnings in 3 files");
    assert_eq!(run.stderr, "");
    let json = site.run(&["check", "--format", "json", "--deny-warnings"]);
    json.expect_code(0);
    assert_eq!(json_findings(&json), Vec::new());
}

#[test]
fn errors_exit_1() {
    let site = TestSite::fixture("check/all-diagnostics");
    site.run(&["check"]).expect_code(1);
    site.run(&["check", "--format", "json"]).expect_code(1);
}

#[test]
fn warnings_fail_only_with_deny_warnings() {
    let site = warnings_only_site();
    let run = site.run(&["check"]);
    run.expect_code(0)
        .expect_stderr("warning[external-link]: external link to https://example.org/spec");
    assert_eq!(run.stdout.trim(), "0 errors, 1 warning in 3 files");
    site.run(&["check", "--deny-warnings"]).expect_code(1).expect_stderr("warning[external-link]");
    let json = site.run(&["check", "--format", "json", "--deny-warnings"]);
    json.expect_code(1);
    assert_eq!(json_findings(&json).len(), 1);
}

#[test]
fn usage_errors_exit_2() {
    let site = warnings_only_site();
    site.run(&["check", "--no-such-flag"])
        .expect_code(2)
        .expect_stderr("unexpected argument '--no-such-flag'");
    site.run(&["check", "--format", "yaml"]).expect_code(2).expect_stderr("invalid value 'yaml'");
    let empty = TestSite::empty("check-no-content");
    empty.run(&["check"]).expect_code(2).expect_stderr("has no `content/` folder");
}

/// The all-diagnostics findings after editing site.yaml to add `lints`.
fn findings_with_lints(lints: &str) -> Vec<Finding> {
    let site = TestSite::fixture("check/all-diagnostics");
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).expect("site.yaml");
    site.write("content/site.yaml", &format!("{config}{lints}"));
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let mut findings = json_findings(&run);
    findings.sort();
    findings
}

#[test]
fn lints_allow_and_allow_in_remove_exactly_those_warnings() {
    let all = findings_with_lints("");
    for key in ["articles/basics/orphan.md", "content/articles/basics/orphan.md"] {
        let silenced = findings_with_lints(&format!(
            "lints:\n  allow: [external-link]\n  allow_in:\n    \"{key}\": [orphan]\n"
        ));
        let expected: Vec<Finding> = all
            .iter()
            .filter(|f| f.code != "external-link" && f.code != "orphan")
            .cloned()
            .collect();
        assert_eq!(silenced, expected, "allow_in key {key}");
    }
}

#[test]
fn allow_in_silences_only_the_named_file() {
    let all = findings_with_lints("");
    // The orphan file is named, but only for heading-skip: its orphan warning stays; and
    // heading-skip stays in heading-skip.md, which is not named.
    let silenced = findings_with_lints(
        "lints:\n  allow_in:\n    \"articles/basics/orphan.md\": [heading-skip]\n",
    );
    assert_eq!(silenced, all);
}

#[test]
fn errors_cannot_be_silenced() {
    let all = findings_with_lints("");
    let silenced = findings_with_lints("lints:\n  allow: [broken-link, yaml-syntax]\n");
    // Naming an error code is itself reported: it is not a lint code.
    let (unknown, rest): (Vec<Finding>, Vec<Finding>) =
        silenced.into_iter().partition(|f| f.code == "unknown-lint");
    assert_eq!(rest, all);
    let named: Vec<&str> = unknown.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(named, ["`broken-link` is not a lint code", "`yaml-syntax` is not a lint code"]);
}

#[test]
fn misspelt_lint_code_is_reported_at_its_place_with_the_nearest_code() {
    let site = TestSite::fixture("check/all-diagnostics");
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).expect("site.yaml");
    let line = config.lines().count() + 4;
    site.write(
        "content/site.yaml",
        &format!("{config}lints:\n  allow: [orphan]\n  allow_in:\n    \"a.md\": [readabilty]\n"),
    );
    let run = site.run(&["check"]);
    run.expect_code(1);
    let expected = format!("content/site.yaml:{line}:14");
    assert!(run.stderr.contains(&expected) || run.stdout.contains(&expected), "{run:?}");
    let text = format!("{}{}", run.stdout, run.stderr);
    assert!(text.contains("warning[unknown-lint]: `readabilty` is not a lint code"), "{text}");
    assert!(text.contains("did you mean `readability`?"), "{text}");
    // The valid code is not reported, and it still silences its warning.
    assert!(!text.contains("`orphan` is not a lint code"), "{text}");
    assert!(!text.contains("warning[orphan]"), "{text}");
}

/// Fifty-nine words of client-facing prose in two paragraphs, worked by hand.
///
/// Dictionary syllables per word (the heuristic gives the same counts for these words):
///
/// 1. Therapy(3) is(1) a(1) place(1) to(1) talk(1) about(2) what(1) troubles(2) you(1):
///    10 words, 14 syllables.
/// 2. Your(1) therapist(3) listens(2) well(1) and(1) does(1) not(1) judge(1): 8 words, 11.
/// 3. Together(3) you(1) agree(2) on(1) goals(1) for(1) your(1) sessions(2): 8 words, 12.
/// 4. Some(1) weeks(1) feel(1) harder(2) than(1) others(2): 6 words, 8.
/// 5. If(1) anything(3) your(1) therapist(3) says(1) upsets(2) you(1) tell(1) them(1):
///    9 words, 14.
/// 6. Talking(2) about(2) it(1) often(2) makes(1) the(1) relationship(4) stronger(2):
///    8 words, 15.
/// 7. Most(1) people(2) find(1) that(1) honest(2) feedback(2) helps(1) therapy(3) work(1)
///    better(2): 10 words, 16.
///
/// Totals: 59 words, 7 sentences, 90 syllables. Flesch-Kincaid grade
/// = 0.39 × (59 / 7) + 11.8 × (90 / 59) − 15.59
/// = 0.39 × 8.428571 + 11.8 × 1.525424 − 15.59
/// = 3.287143 + 18.000000 − 15.59
/// = 5.697143, printed as 5.7.
const HAND_WORKED: &str = "\
Therapy is a place to talk about what troubles you. Your therapist listens well and does not \
judge. Together you agree on goals for your sessions.

Some weeks feel harder than others. If anything your therapist says upsets you, tell them. \
Talking about it often makes the relationship stronger. Most people find that honest feedback \
helps therapy work better.
";

const HAND_WORKED_GRADE: f64 = 0.39 * 59.0 / 7.0 + 11.8 * 90.0 / 59.0 - 15.59;

fn hand_worked_site(max_grade: &str) -> TestSite {
    let site = TestSite::empty("check-readability");
    site.write(
        "content/site.yaml",
        &format!("title: Readability\naudiences:\n  - id: clients\n    label: Clients\n    max_grade: {max_grade}\norganisation:\n  contact: \"Front desk, 555 0100\"\n"),
    );
    site.write("content/index.md", "---\ntitle: Home\nsummary: Home.\n---\nRead [[talking]].\n");
    site.write(
        "content/articles/general/talking.md",
        &format!("---\ntitle: Talking in therapy\nsummary: What to expect.\naudience: clients\n---\n{HAND_WORKED}"),
    );
    site
}

#[test]
fn readability_grade_matches_hand_worked_flesch_kincaid() {
    assert!((HAND_WORKED_GRADE - 5.697_143).abs() < 1e-6);
    let site = hand_worked_site("8");
    let run = site.run(&["check", "--readability"]);
    run.expect_code(0);
    let row = run
        .stdout
        .lines()
        .find(|l| l.starts_with("talking "))
        .unwrap_or_else(|| panic!("no row for `talking`:\n{}", run.stdout));
    let columns: Vec<&str> = row.split_whitespace().collect();
    // article, audience, words, sentences, FK, SMOG, CLI, limit
    assert_eq!(columns[..3], ["talking", "clients", "59"], "{row}");
    assert_eq!(columns[3], "7", "{row}");
    let grade: f64 = columns[4].parse().expect("FK column");
    assert!(
        (grade - HAND_WORKED_GRADE).abs() < 0.5,
        "FK {grade} vs hand-worked {HAND_WORKED_GRADE:.2}"
    );
    assert_eq!(columns[4], "5.7", "{row}");
    assert_eq!(columns[7], "8", "{row}");
    // Under the limit: the lint is quiet.
    site.run(&["check", "--deny-warnings"]).expect_code(0);
}

#[test]
fn readability_lint_fires_with_the_same_grade_above_the_limit() {
    let site = hand_worked_site("5");
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(0);
    let findings = json_findings(&run);
    assert_eq!(findings.len(), 1, "{findings:?}");
    assert_eq!(findings[0].code, "readability");
    assert_eq!(
        findings[0].message,
        "reads at grade 5.7 (Flesch-Kincaid), above the Clients limit of 5"
    );
    assert_eq!(
        (findings[0].file.as_str(), findings[0].line, findings[0].column),
        ("content/articles/general/talking.md", 2, 8)
    );
}

/// Single-defect sites in `tests/fixtures/invalid/check-<case>/`, each with an `expected.json`:
/// the one finding `check` must report (and `build` must refuse to write).
const INVALID_CASES: &[&str] = &[
    "check-broken-anchor",
    "check-broken-anchor-in-path",
    "check-broken-anchor-in-term",
    "check-broken-link",
    "check-broken-related",
    "check-duplicate-slug",
    "check-duplicate-term",
    "check-empty-file",
    "check-empty-title",
    "check-invalid-date",
    "check-missing-image",
    "check-missing-key",
    "check-no-front-matter",
    "check-path-missing-article",
    "check-unclosed-front-matter",
    "check-undeclared-audience",
    "check-undeclared-section",
    "check-unknown-key",
    "check-unknown-term",
    "check-unsafe-image",
    "check-unsafe-link",
    "check-unsafe-section",
    "check-yaml-syntax",
];

#[test]
fn invalid_sites_report_their_one_defect() {
    let mut failures = Vec::new();
    for case in INVALID_CASES {
        let site = TestSite::fixture(&format!("invalid/{case}"));
        let expected_path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/invalid")
            .join(case)
            .join("expected.json");
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(&expected_path).expect("expected.json"))
                .expect("expected.json parses");
        let run = site.run(&["check", "--format", "json"]);
        let actual: Value = serde_json::from_str(&run.stdout).unwrap_or(Value::Null);
        if run.code != 1 || actual != Value::Array(vec![expected.clone()]) {
            failures.push(format!(
                "{case}: exit {}\n  expected [{expected}]\n  actual   {actual}\n  stderr {}",
                run.code, run.stderr
            ));
            continue;
        }
        // `build` stops on the same error, names it, and writes nothing.
        let build = site.run(&["build"]);
        let header = format!(
            "error[{}]: {}",
            expected["code"].as_str().unwrap_or(""),
            expected["message"].as_str().unwrap_or("")
        );
        if build.code != 1
            || !build.stderr.contains(&header)
            || !build.stderr.contains("nothing was written")
            || site.exists("")
        {
            failures.push(format!(
                "{case}: build exit {} or output wrong:\n{}",
                build.code, build.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Issue 17: which audiences are client-facing comes from site.yaml (`client_facing: true`),
/// not from an audience that happens to be called `clients`.
#[test]
fn issue_17_client_facing_audiences_come_from_site_yaml() {
    let paragraph = "Word ".repeat(130);
    let article = |audience: &str| {
        format!(
            "---\ntitle: Long\nsummary: One long paragraph.\naudience: [{audience}]\n---\n{paragraph}\n"
        )
    };
    let site = TestSite::with_files(
        "check-client-facing",
        &[
            (
                "site.yaml",
                "title: T\naudiences:\n  - id: patients\n    label: Patients\n    max_grade: 20\n    client_facing: true\n  - id: clients\n    label: Clients\n    max_grade: 20\n",
            ),
            (
                "index.md",
                "---\ntitle: Home\nsummary: Home.\n---\n[[for-patients]] [[for-clients]]\n",
            ),
            ("articles/general/for-patients.md", &article("patients")),
            ("articles/general/for-clients.md", &article("clients")),
        ],
    );
    let findings = json_findings(&site.run(&["check", "--format", "json"]));
    let long: Vec<&Finding> = findings.iter().filter(|f| f.code == "long-paragraph").collect();
    assert_eq!(long.len(), 1, "{findings:?}");
    assert_eq!(long[0].file, "content/articles/general/for-patients.md");
}

#[test]
fn client_facing_site_without_a_contact_is_warned_at_the_contact_key() {
    let site = TestSite::fixture("check/contact-missing");
    let run = site.run(&["check", "--format", "json"]);
    run.expect_code(0);
    let findings = json_findings(&run);
    assert_eq!(
        findings,
        [Finding {
            severity: "warning".into(),
            code: "contact-missing".into(),
            file: "content/site.yaml".into(),
            line: 13,
            column: 3,
            message: "client-facing pages (such as `first-visit`) but no contact in site.yaml"
                .into(),
        }]
    );
    let value: Value = serde_json::from_str(&run.stdout).expect("json");
    let help = value[0]["help"].as_str().expect("a help line");
    assert!(help.starts_with("set `organisation.contact` in site.yaml"), "{help}");
    // The text format shows the key itself, underlined, with the same help.
    let text = site.run(&["check", "--deny-warnings"]);
    text.expect_code(1).expect_stderr(
        "\
warning[contact-missing]: client-facing pages (such as `first-visit`) but no contact in site.yaml
  --> content/site.yaml:13:3
   |
13 |   contact: \"\"
   |   ^^^^^^^
   = help: set `organisation.contact` in site.yaml",
    );
}

#[test]
fn a_contact_or_no_client_pages_means_no_contact_warning() {
    let site = TestSite::fixture("check/contact-missing");
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).expect("site.yaml");
    site.write(
        "content/site.yaml",
        &config.replace("contact: \"\"", "contact: \"Report an error: see Corrections\""),
    );
    let run = site.run(&["check", "--deny-warnings"]);
    run.expect_code(0);
    assert_eq!(run.stdout.trim(), "0 errors, 0 warnings in 3 files");

    // No contact, but nothing is written for clients: nothing to warn about.
    let site = TestSite::fixture("check/contact-missing");
    let article = "content/articles/basics/first-visit.md";
    let text = std::fs::read_to_string(site.root.join(article)).expect("article");
    site.write(article, &text.replace("audience: [clients]\n", ""));
    site.run(&["check", "--deny-warnings"]).expect_code(0);
}

#[test]
fn contact_warning_can_be_silenced_like_any_lint() {
    let site = TestSite::fixture("check/contact-missing");
    let config = std::fs::read_to_string(site.root.join("content/site.yaml")).expect("site.yaml");
    site.write("content/site.yaml", &format!("{config}lints:\n  allow: [contact-missing]\n"));
    site.run(&["check", "--deny-warnings"]).expect_code(0);
}
