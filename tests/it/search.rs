//! Search over the bundled handbook: the queries readers type (typos, abbreviations, everyday
//! words) must find the right article or glossary entry near the top, with the same rules the
//! browser script runs.

use attune::BuildOptions;
use attune::search::site::{site_documents, site_options};
use attune::search::{QueryOptions, SearchIndex, build_index, query, search};
use std::sync::OnceLock;

fn handbook_index() -> &'static SearchIndex {
    static INDEX: OnceLock<SearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let analysis = attune::analyse(&BuildOptions::new(env!("CARGO_MANIFEST_DIR")))
            .expect("handbook loads");
        build_index(&site_documents(&analysis), &site_options(&analysis))
    })
}

/// The top `n` URLs for `q` submitted whole, as the search page runs a `?q=` link or Enter.
fn top(q: &str, n: usize) -> Vec<String> {
    ranked(q, n, false)
}

/// The top `n` URLs for `q`, submitted whole or (`typing`) with its last word unfinished.
fn ranked(q: &str, n: usize, typing: bool) -> Vec<String> {
    let options = QueryOptions { limit: n, complete: !typing, ..QueryOptions::default() };
    query(handbook_index(), q, &options).into_iter().map(|h| h.url).collect()
}

/// Queries the issue names, each with the document that must be in the top 3.
const REQUIRED: &[(&str, &str)] = &[
    ("empathy", "articles/components/empathy/"),
    ("UPR", "glossary/#unconditional-positive-regard"),
    ("theraputic aliance", "articles/components/working-alliance/"),
    ("rupture repair", "glossary/#rupture-repair"),
    ("video sessions", "glossary/#videoconferencing-psychotherapy"),
    ("confidentiality limits", "articles/components/confidentiality-and-its-limits/"),
    ("transference", "articles/components/transference-and-countertransference/"),
];

/// What readers type (typos and variants from the content brief, section 6.4, everyday
/// questions, abbreviations) and a document any good answer has in its top 3.
const QUERIES: &[(&str, &str)] = &[
    ("therapeutic relationship", "articles/introduction/what-is-the-therapeutic-relationship/"),
    ("theraputic relationshp", "articles/introduction/what-is-the-therapeutic-relationship/"),
    ("therapuetic relatonship", "articles/introduction/what-is-the-therapeutic-relationship/"),
    ("working alliance", "articles/components/working-alliance/"),
    ("alliace", "articles/components/working-alliance/"),
    ("goals tasks bond", "articles/components/working-alliance/"),
    ("empathatic", "articles/components/empathy/"),
    ("empethy", "articles/components/empathy/"),
    ("unconditonal positive regard", "articles/components/unconditional-positive-regard/"),
    ("positive reguard", "articles/components/unconditional-positive-regard/"),
    ("congruance", "glossary/#congruence"),
    ("genuineness", "articles/components/genuineness-and-congruence/"),
    ("genuiness", "articles/components/genuineness-and-congruence/"),
    ("transferance", "articles/components/transference-and-countertransference/"),
    ("countertransferance", "glossary/#countertransference"),
    ("counter-transference", "glossary/#countertransference"),
    ("confidentality", "articles/components/confidentiality-and-its-limits/"),
    ("boundries", "articles/components/professional-boundaries/"),
    ("dual relationship", "glossary/#multiple-relationship"),
    ("rapore", "articles/components/trust-and-rapport/"),
    ("trust", "articles/components/trust-and-rapport/"),
    ("active listening", "articles/components/active-listening/"),
    ("minimal encouragers", "glossary/#minimal-encouragers"),
    ("cultural humility", "articles/components/cultural-humility/"),
    ("is my therapist my friend", "articles/components/therapy-is-not-friendship/"),
    ("friendship", "articles/components/therapy-is-not-friendship/"),
    ("nursing", "articles/components/across-professions-nursing-and-ot/"),
    ("Peplau", "glossary/#peplaus-phases"),
    ("occupational therapy", "articles/components/across-professions-nursing-and-ot/"),
    ("shared decisions", "articles/components/collaboration-and-shared-decisions/"),
    ("SDM", "glossary/#shared-decision-making"),
    ("HIPAA", "glossary/#hipaa"),
    ("online therapy", "glossary/#teletherapy"),
    ("teletherapy", "glossary/#teletherapy"),
    ("rapport on video", "articles/teletherapy/building-rapport-on-video/"),
    ("camera eye contact", "articles/teletherapy/nonverbal-cues-and-the-camera/"),
    ("small talk", "articles/teletherapy/genuineness-and-small-talk-online/"),
    ("connection drops", "articles/teletherapy/tech-failures-and-safety-planning/"),
    ("phone therapy", "articles/teletherapy/phone-and-text-therapy/"),
    ("text messages", "articles/teletherapy/phone-and-text-therapy/"),
    ("consent online", "articles/teletherapy/privacy-consent-and-compliance/"),
    ("rapture", "articles/rupture-and-repair/what-is-a-rupture/"),
    ("what is a rupture", "articles/rupture-and-repair/what-is-a-rupture/"),
    ("withdrawal rupture", "glossary/#withdrawal-rupture"),
    ("confrontation", "articles/rupture-and-repair/withdrawal-and-confrontation-ruptures/"),
    ("metacomunication", "articles/rupture-and-repair/metacommunication/"),
    ("meta communication", "articles/rupture-and-repair/metacommunication/"),
    ("feedback", "articles/rupture-and-repair/inviting-feedback/"),
    ("referral", "glossary/#referral"),
    ("when to refer", "articles/rupture-and-repair/when-to-refer/"),
    ("dropout", "glossary/#premature-termination"),
    ("what to expect", "articles/introduction/for-clients-what-to-expect/"),
    ("first session", "articles/introduction/for-clients-what-to-expect/"),
    ("Rogers", "glossary/#core-conditions"),
    ("Bordin", "articles/components/working-alliance/"),
];

#[track_caller]
fn hit(q: &str, expected: &str) -> Result<(), String> {
    let found = top(q, 3);
    if found.iter().any(|u| u == expected) {
        Ok(())
    } else {
        Err(format!("{q:?}: wanted {expected} in the top 3, got {found:?}"))
    }
}

#[test]
fn required_queries_find_their_document_in_the_top_three() {
    let misses: Vec<String> = REQUIRED.iter().filter_map(|(q, want)| hit(q, want).err()).collect();
    assert!(misses.is_empty(), "{misses:#?}");
}

#[test]
fn misspelled_alliance_query_puts_the_working_alliance_article_first() {
    assert_eq!(top("theraputic aliance", 1), ["articles/components/working-alliance/"]);
}

#[test]
fn reader_queries_hit_rate() {
    let misses: Vec<String> = QUERIES.iter().filter_map(|(q, want)| hit(q, want).err()).collect();
    let rate = 100.0 * (QUERIES.len() - misses.len()) as f64 / QUERIES.len() as f64;
    println!(
        "reader queries: {} of {} in the top 3 ({rate:.0}%)",
        QUERIES.len() - misses.len(),
        QUERIES.len()
    );
    for miss in &misses {
        println!("  miss: {miss}");
    }
    assert!(rate >= 90.0, "hit rate {rate:.0}% below 90%: {misses:#?}");
}

#[test]
fn empty_and_punctuation_queries_return_nothing() {
    assert!(top("", 10).is_empty());
    assert!(top("  ?!, ... ", 10).is_empty());
}

#[test]
fn audience_filter_keeps_only_that_audience() {
    let hits = query(
        handbook_index(),
        "alliance",
        &QueryOptions { audience: Some("clients".into()), limit: 20, ..QueryOptions::default() },
    );
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h.url != "articles/components/working-alliance/"),
        "working-alliance is not for clients"
    );
}

fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(bytes).expect("gzip");
    gz.finish().expect("gzip").len()
}

#[test]
fn handbook_index_is_under_60_kb_gzipped() {
    let files = handbook_index().files();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["search/index.js", "search/w.js", "search/x.js"],
        "one index file and the word list"
    );
    let words = gzip_len(&files[1].bytes);
    println!("word list: {} bytes, {words} gzipped", files[1].bytes.len());
    assert!(words < 30 * 1024, "the word list is {words} bytes gzipped");
    let size = gzip_len(&files[0].bytes);
    println!("handbook index: {} bytes, {size} gzipped", files[0].bytes.len());
    assert!(size < 60 * 1024, "{size} bytes gzipped");
}

/// One line of `tests/search/queries.tsv`.
struct ReaderQuery {
    group: String,
    typing: bool,
    q: String,
    want: String,
}

fn reader_queries() -> Vec<ReaderQuery> {
    let text = include_str!("../search/queries.tsv");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "four tab-separated columns: {line:?}");
            ReaderQuery {
                group: cols[0].into(),
                typing: cols[1] == "typing",
                q: cols[2].into(),
                want: cols[3].into(),
            }
        })
        .collect()
}

/// Ranks of the expected page per query (None: not in the top 10), grouped by audience.
fn query_set_ranks() -> Vec<(ReaderQuery, Option<usize>)> {
    reader_queries()
        .into_iter()
        .map(|rq| {
            let urls = ranked(&rq.q, 10, rq.typing);
            let rank = urls.iter().position(|u| *u == rq.want);
            (rq, rank)
        })
        .collect()
}

#[test]
fn query_set_meets_the_floor_per_audience_group() {
    let ranks = query_set_ranks();
    assert!(ranks.len() >= 80, "at least 80 queries, got {}", ranks.len());
    let mut groups: Vec<&str> = ranks.iter().map(|(rq, _)| rq.group.as_str()).collect();
    groups.sort_unstable();
    groups.dedup();
    let mut failures = Vec::new();
    for group in groups {
        let in_group: Vec<_> = ranks.iter().filter(|(rq, _)| rq.group == group).collect();
        let n = in_group.len();
        let top1 = in_group.iter().filter(|(_, r)| *r == Some(0)).count();
        let top3 = in_group.iter().filter(|(_, r)| r.is_some_and(|r| r < 3)).count();
        println!(
            "{group}: {n} queries, top-1 {top1} ({:.0}%), top-3 {top3} ({:.0}%)",
            100.0 * top1 as f64 / n as f64,
            100.0 * top3 as f64 / n as f64
        );
        for (rq, rank) in &in_group {
            let shown = rank.map_or("-".to_string(), |r| (r + 1).to_string());
            if rank.is_none_or(|r| r > 0) {
                println!("  rank {shown}: {:?} wants {}", rq.q, rq.want);
            }
        }
        if group == "crisis" && top1 < n {
            failures.push(format!("crisis: {top1} of {n} at rank 1"));
        } else if top3 * 10 < n * 9 {
            failures.push(format!("{group}: {top3} of {n} in the top 3"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Crisis wording in many phrasings, misspellings included: the help page first, the crisis
/// flag set (the page then shows the help notice), whatever else matches.
const CRISIS_QUERIES: &[&str] = &[
    "I want to kill myself",
    "i want to end my life",
    "suicide",
    "sucide",
    "suiside hotline",
    "i'm suicidal",
    "how to end it all",
    "I don't want to be alive anymore",
    "thinking of hurting myself",
    "self-harm",
    "selfharm",
    "cutting myself",
    "took too many pills",
    "overdose",
    "my partner hits me",
    "i am being abused",
    "i don't feel safe at home",
    "kill my self",
];

#[test]
fn crisis_wording_puts_the_help_page_first_with_the_notice() {
    let index = handbook_index();
    assert!(index.help_notice().contains("emergency services"), "{}", index.help_notice());
    for q in CRISIS_QUERIES {
        for complete in [true, false] {
            let results = search(index, q, &QueryOptions { complete, ..QueryOptions::default() });
            assert!(results.crisis, "{q:?} is crisis wording");
            let first = results.hits.first().map(|h| h.url.as_str());
            assert_eq!(first, Some("getting-help/"), "{q:?} puts the help page first");
        }
    }
    let filtered = QueryOptions {
        section: Some("Ruptures and repair".into()),
        complete: true,
        ..QueryOptions::default()
    };
    let results = search(index, "i want to die", &filtered);
    assert_eq!(results.hits[0].url, "getting-help/", "filters never hide the help page");
}

#[test]
fn ordinary_queries_do_not_raise_the_crisis_notice() {
    for q in ["skills", "safety planning", "end of therapy", "what to expect", "self disclosure"] {
        let results = search(handbook_index(), q, &QueryOptions::default());
        assert!(!results.crisis, "{q:?}");
    }
}

#[test]
fn a_common_word_the_site_lacks_is_not_corrected_into_another_word() {
    let options = QueryOptions { complete: true, ..QueryOptions::default() };
    // "kill" is one letter from "skill", which the handbook uses; it must not become it.
    for q in ["kill", "killing"] {
        let hits = query(handbook_index(), q, &options);
        assert!(
            hits.iter().all(|h| !h.excerpt.to_lowercase().contains("[[mark]]skill")),
            "{q:?} was corrected into \"skill\": {:?}",
            hits.iter().map(|h| &h.url).collect::<Vec<_>>()
        );
    }
    // A typo that is not a word is still forgiven.
    let hits = query(handbook_index(), "skils", &options);
    assert!(hits.iter().any(|h| h.excerpt.to_lowercase().contains("[[mark]]skill")), "{hits:?}");
}

#[test]
fn word_forms_reach_their_stem_and_its_synonyms() {
    let options = QueryOptions { complete: true, limit: 3, ..QueryOptions::default() };
    // "fights" is not in the handbook; its stem is a synonym key (fight -> rupture).
    let hits = query(handbook_index(), "fights", &options);
    assert!(!hits.is_empty(), "the plural reaches the synonym of its singular");
    assert!(hits.iter().any(|h| h.url.contains("rupture")), "{hits:?}");
}

#[test]
fn the_last_word_is_a_prefix_only_while_typing() {
    let typing = query(handbook_index(), "transfer", &QueryOptions::default());
    assert!(typing.iter().any(|h| h.url.contains("transference")), "typing completes the word");
    // Submitted whole, a short word matches itself only, never a longer word it starts.
    let whole = QueryOptions { complete: true, ..QueryOptions::default() };
    for hit in query(handbook_index(), "my", &whole) {
        let marks: Vec<&str> = hit.excerpt.split("[[mark]]").skip(1).collect();
        assert!(
            marks.iter().all(|m| m.to_lowercase().starts_with("my[[/mark]]")),
            "{}: {}",
            hit.url,
            hit.excerpt
        );
    }
}

#[test]
fn filler_words_are_kept_inside_quotes_and_in_one_word_queries() {
    use attune::search::QueryOptions as O;
    let whole = O { complete: true, ..O::default() };
    let dropped = query(handbook_index(), "my therapist", &whole);
    let plain = query(handbook_index(), "therapist", &whole);
    assert_eq!(
        dropped.iter().map(|h| &h.url).collect::<Vec<_>>(),
        plain.iter().map(|h| &h.url).collect::<Vec<_>>(),
        "\"my\" is a filler word"
    );
    let quoted = query(handbook_index(), "\"my\" therapist", &whole);
    assert_ne!(
        quoted.iter().map(|h| h.score).collect::<Vec<_>>(),
        plain.iter().map(|h| h.score).collect::<Vec<_>>(),
        "a quoted filler word counts"
    );
}

/// A site whose help page is not called getting-help, with extra crisis wording.
fn support_site(settings: &str) -> crate::support::TestSite {
    let site = crate::support::TestSite::with_files(
        "search-help",
        &[
            (
                "pages/support.md",
                "---\ntitle: Support now\nsummary: Who to call.\n---\n\nCall your local emergency number.\n",
            ),
            (
                "articles/general/skills.md",
                "---\ntitle: Coping skills\nsummary: Skills for hard days.\n---\n\nBreathing skills and grounding skills.\n",
            ),
        ],
    );
    site.change_file(
        "content/site.yaml",
        "title: Test site\n",
        &format!("title: Test site\n{settings}"),
    );
    site
}

fn built_index(site: &crate::support::TestSite) -> SearchIndex {
    let dir = site.root.join("public/search");
    let files: Vec<attune::search::IndexFile> = std::fs::read_dir(&dir)
        .expect("search folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".js"))
        .map(|e| attune::search::IndexFile {
            path: format!("search/{}", e.file_name().to_string_lossy()),
            bytes: std::fs::read(e.path()).expect("read index file"),
        })
        .collect();
    SearchIndex::from_files(&files).expect("index reads back")
}

#[test]
fn site_yaml_names_the_help_page_and_adds_crisis_wording() {
    let site = support_site(
        "help_notice: \"Call 000 now.\"\nsearch:\n  help_page: support\n  crisis:\n    phrases: [\"want to disappear\"]\n",
    );
    site.build();
    let index = built_index(&site);
    assert_eq!(index.help_notice(), "Call 000 now.");
    for q in ["I want to disappear", "suicide"] {
        let results = search(&index, q, &QueryOptions::default());
        assert!(results.crisis, "{q:?}");
        assert_eq!(results.hits[0].url, "support/", "{q:?}");
    }
    assert!(!search(&index, "coping skills", &QueryOptions::default()).crisis);
}

#[test]
fn site_yaml_can_replace_the_built_in_crisis_wording() {
    let site = support_site(
        "search:\n  help_page: support\n  crisis:\n    builtin: false\n    phrases: [\"want to disappear\"]\n",
    );
    site.build();
    let index = built_index(&site);
    assert!(search(&index, "want to disappear", &QueryOptions::default()).crisis);
    assert!(!search(&index, "suicide", &QueryOptions::default()).crisis, "built-in list dropped");
}

#[test]
fn a_missing_help_page_is_an_error_at_its_line_in_site_yaml() {
    let site = support_site("search:\n  help_page: suport\n");
    let run = site.run(&["build"]);
    run.expect_code(1);
    run.expect_stderr("`search.help_page` names `suport`");
    run.expect_stderr("content/site.yaml:3:14");
    run.expect_stderr("did you mean `support`?");
}
