//! Reading paths (issue 5): step order, previous/next at both ends, an article on two paths,
//! a missing step article as an error, total reading time, the printable packet, the home
//! page's path cards, and the bundled handbook's paths.

use crate::build::{duplicate_ids, expect_error_at, handbook, link_problems};
use crate::support::TestSite;

/// The paths fixture, built.
fn built() -> TestSite {
    let site = TestSite::fixture("paths/site");
    site.build();
    site
}

fn article(slug: &str) -> String {
    format!("articles/steps/{slug}/index.html")
}

/// Positions of `needles` in `haystack`, panicking on a missing one.
#[track_caller]
fn positions(haystack: &str, needles: &[&str]) -> Vec<usize> {
    needles
        .iter()
        .map(|n| haystack.find(n).unwrap_or_else(|| panic!("lacks {n:?}:\n{haystack}")))
        .collect()
}

/// The `<nav class="path-nav">` blocks of an article page.
fn path_navs(main: &str) -> Vec<String> {
    main.split("<nav class=\"path-nav\"")
        .skip(1)
        .map(|nav| nav[..nav.find("</nav>").expect("closed nav")].to_string())
        .collect()
}

/// The number in "N min read" of an article page's header.
fn minutes(site: &TestSite, page: &str) -> usize {
    let main = site.main_of(page);
    let meta = &main[main.find("<p class=\"article-meta\"><span>").expect("meta") + 30..];
    meta[..meta.find(" min read").expect("reading time")].parse().expect("a number")
}

#[test]
fn path_page_lists_steps_in_order_with_notes() {
    let main = built().main_of("paths/getting-started/index.html");
    let order = positions(
        &main,
        &[
            "href=\"../../articles/steps/first-step/\"",
            "href=\"../../articles/steps/second-step/\"",
            "href=\"../../articles/steps/third-step/\"",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let notes = positions(&main, &["Begin here.", "The longest reading.", "Finish with this one."]);
    assert!(notes.windows(2).all(|w| w[0] < w[1]), "{notes:?}");
    assert!(
        main.contains("The third step</a> <span class=\"optional\">(optional)</span>"),
        "{main}"
    );
    assert!(main.contains("PATH-INTRO."), "the path's introduction is shown");
    assert!(!main.contains("Off the path"), "{main}");
}

#[test]
fn first_step_has_only_next_and_last_step_only_previous() {
    let site = built();
    let first = path_navs(&site.main_of(&article("first-step")));
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(first[0].contains("step 1 of 3"), "{}", first[0]);
    assert!(!first[0].contains("rel=\"prev\""), "{}", first[0]);
    assert!(
        first[0].contains(
            "<a href=\"../../../articles/steps/second-step/\" rel=\"next\">Next: The second step"
        ),
        "{}",
        first[0]
    );

    let middle = path_navs(&site.main_of(&article("second-step")));
    assert!(
        middle[0].contains("rel=\"prev\"") && middle[0].contains("rel=\"next\""),
        "{}",
        middle[0]
    );

    let last = path_navs(&site.main_of(&article("third-step")));
    let getting_started =
        last.iter().find(|n| n.contains("Getting started")).expect("on the first path");
    assert!(getting_started.contains("step 3 of 3"), "{getting_started}");
    assert!(
        getting_started.contains("<a href=\"../../../articles/steps/second-step/\" rel=\"prev\">"),
        "{getting_started}"
    );
    assert!(!getting_started.contains("rel=\"next\""), "{getting_started}");
}

#[test]
fn article_on_two_paths_shows_its_place_on_both() {
    let navs = path_navs(&built().main_of(&article("third-step")));
    assert_eq!(navs.len(), 2, "{navs:?}");
    let going_further =
        navs.iter().find(|n| n.contains("Going further")).expect("on the second path");
    assert!(going_further.contains("href=\"../../../paths/going-further/\""), "{going_further}");
    assert!(going_further.contains("step 1 of 2"), "{going_further}");
    assert!(going_further.contains("rel=\"next\">Next: The fourth step"), "{going_further}");
    assert!(!going_further.contains("rel=\"prev\""), "{going_further}");
    assert!(navs.iter().any(|n| n.contains("step 3 of 3")), "{navs:?}");
    assert!(path_navs(&built().main_of(&article("off-path"))).is_empty());
}

#[test]
fn errors_on_a_step_naming_a_missing_article() {
    let site = TestSite::fixture("invalid/paths-missing-article");
    let run = site.run(&["build"]);
    expect_error_at(&site, &run, "path-missing-article", "content/paths/start.md:8:14");
    run.expect_stderr("8 |   - article: empaty\n  |              ^^^^^^\n");
    run.expect_stderr("= help: did you mean `empathy`?");
}

#[test]
fn path_total_reading_time_is_the_sum_of_its_steps() {
    let site = built();
    let steps: Vec<usize> = ["first-step", "second-step", "third-step"]
        .iter()
        .map(|s| minutes(&site, &article(s)))
        .collect();
    assert_eq!(steps, [1, 3, 2], "the fixture's articles take 1, 3 and 2 minutes");
    let main = site.main_of("paths/getting-started/index.html");
    assert!(main.contains("3 steps · about 6 min of reading in total"), "{main}");
    for (slug, n) in [("first-step", 1), ("second-step", 3), ("third-step", 2)] {
        let step = main
            .split("<li class=\"step\">")
            .find(|step| step.contains(&format!("data-article=\"{slug}\"")))
            .unwrap_or_else(|| panic!("no step {slug}"));
        assert!(step.contains(&format!("Steps · {n} min read")), "{slug}: {step}");
    }
}

#[test]
fn packet_contains_every_step_body_in_order_and_a_glossary() {
    let site = built();
    let main = site.main_of("paths/getting-started/print/index.html");
    let order = positions(
        &main,
        &[
            "Reading 1 of 3",
            "FIRST-STEP-BODY",
            "Reading 2 of 3",
            "SECOND-STEP-BODY",
            "Reading 3 of 3",
            "THIRD-STEP-BODY",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    // Whole bodies, not summaries: every paragraph of the long readings is there.
    let source = |slug: &str| {
        std::fs::read_to_string(site.root.join(format!("content/articles/steps/{slug}.md")))
            .expect("source")
    };
    let paragraph = "Reading about therapy before you start";
    let expected = source("second-step").matches(paragraph).count()
        + source("third-step").matches(paragraph).count();
    assert_eq!(main.matches(paragraph).count(), expected);
    assert!(
        !main.contains("FOURTH-STEP-BODY") && !main.contains("This article is on no reading path")
    );
    let glossary =
        &main[main.find("<section class=\"packet-glossary\">").expect("a glossary appendix")..];
    assert!(
        glossary.contains("<dt>session</dt><dd>One meeting between client and therapist.</dd>"),
        "{glossary}"
    );
}

#[test]
fn packet_element_ids_are_unique() {
    let site = built();
    let html = site.output("paths/getting-started/print/index.html");
    assert!(duplicate_ids(&html).is_empty(), "fixture packet: {:?}", duplicate_ids(&html));
    for slug in ["new-to-therapy", "foundations-course"] {
        let html = handbook().output(&format!("paths/{slug}/print/index.html"));
        assert!(duplicate_ids(&html).is_empty(), "{slug} packet: {:?}", duplicate_ids(&html));
    }
}

#[test]
fn packet_links_resolve_from_the_packet_page() {
    let site = built();
    let packet = site.main_of("paths/getting-started/print/index.html");
    assert!(packet.contains("href=\"../../../articles/steps/first-step/\""), "{packet}");
    let problems: Vec<String> =
        link_problems(&site, "/").into_iter().filter(|p| p.contains("/print/")).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let problems: Vec<String> =
        link_problems(handbook(), "/").into_iter().filter(|p| p.contains("/print/")).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn home_lists_the_paths_with_their_audience() {
    let main = built().main_of("index.html");
    let order = positions(
        &main,
        &[
            "<p class=\"path-for\">For clients</p>",
            "<a href=\"paths/getting-started/\">Getting started</a>",
            "<p class=\"path-for\">For students</p>",
            "<a href=\"paths/going-further/\">Going further</a>",
        ],
    );
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(main.contains("3 steps · about 6 min"), "{main}");
}

#[test]
fn packet_article_headings_nest_below_the_step_title() {
    let main = handbook().main_of("paths/new-to-therapy/print/index.html");
    let steps: Vec<&str> = main
        .split("<article class=\"packet-step\">")
        .skip(1)
        .map(|s| s.split("</article>").next().unwrap_or_default())
        .collect();
    assert!(steps.len() > 2, "{main}");
    for step in steps {
        assert_eq!(step.matches("<h2").count(), 1, "one h2 per step, its title: {step}");
        if let Some(h3) = step.find("<h3") {
            assert!(step.find("<h2 class=\"step-title\">") < Some(h3), "{step}");
        }
    }
    assert!(main.contains("<h3 id=\"step-"), "the steps' sections are h3: {main}");
}
