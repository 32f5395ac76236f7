//! Writes index files and the Rust ranking of sample queries for `jscheck.js`, which runs
//! `theme/search.js` in Node on the same files and compares. A dev aid, ignored by default:
//! `cargo test -- --ignored writes_indexes_for_the_node_check && node jscheck.js`.

use std::path::Path;

use serde_json::json;

use super::files::FIXTURE_QUERIES;
use super::fixture::{Rng, synthetic_docs, therapy_docs, therapy_options, word_list};
use super::robust::{random_docs, random_text};
use crate::search::query::run_query;
use crate::search::{QueryOptions, SearchIndex, SearchOptions, build_index};

fn write_case(dir: &Path, index: &SearchIndex, queries: &[(String, QueryOptions)]) {
    let _ = std::fs::remove_dir_all(dir);
    for file in index.files() {
        let path = dir.join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &file.bytes).unwrap();
    }
    let cases: Vec<_> = queries
        .iter()
        .map(|(q, options)| {
            let outcome = run_query(index, q, options);
            let (hits, files) = (outcome.hits, outcome.files);
            let hits: Vec<_> = hits
                .iter()
                .map(|h| json!({"url": h.url, "anchor": h.anchor, "score": h.score, "excerpt": h.excerpt}))
                .collect();
            json!({
                "q": q,
                "options": {"limit": options.limit, "audience": options.audience, "section": options.section},
                "hits": hits,
                "files": files,
            })
        })
        .collect();
    std::fs::write(dir.join("expected.json"), serde_json::to_string_pretty(&cases).unwrap())
        .unwrap();
}

#[test]
#[ignore = "dev aid for jscheck.js; writes under target/jscheck"]
fn writes_indexes_for_the_node_check() {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/jscheck");
    let mut fixture: Vec<(String, QueryOptions)> =
        FIXTURE_QUERIES.iter().map(|q| (q.to_string(), QueryOptions::default())).collect();
    for (q, audience, section) in [
        ("alliance", Some("clients"), None),
        ("therapist", None, Some("Practice")),
        ("therapist", Some("students"), Some("Components")),
        ("empathy", None, Some("No such section")),
    ] {
        let options = QueryOptions {
            audience: audience.map(str::to_owned),
            section: section.map(str::to_owned),
            limit: 10,
            complete: false,
        };
        fixture.push((q.to_string(), options));
    }
    for q in [
        "Über café déjà vu",
        "CAFÉ",
        "strasse",
        "ΨΥΧΉ",
        "clients",
        "client's",
        "cafe\u{301}s",
        "constructor",
        "valueof",
        "__proto__",
        "hasOwnProperty",
    ] {
        fixture.push((q.to_string(), QueryOptions::default()));
    }
    fixture
        .push(("relationships ".to_string(), QueryOptions { limit: 3, ..QueryOptions::default() }));

    let docs = therapy_docs();
    write_case(&out.join("fixture"), &build_index(&docs, &therapy_options()), &fixture);
    let sharded = SearchOptions {
        shard_threshold_docs: 0,
        shard_target_bytes: 256,
        doc_chunk_size: 3,
        ..therapy_options()
    };
    write_case(&out.join("fixture-sharded"), &build_index(&docs, &sharded), &fixture);

    let words = word_list(3000);
    let mut large: Vec<(String, QueryOptions)> = Vec::new();
    for i in [0, 5, 40, 300, 1200, 2500] {
        large.push((words[i].clone(), QueryOptions::default()));
        large.push((format!("{} {}", words[i], words[i / 2 + 1]), QueryOptions::default()));
        large.push((
            format!("{} {}", words[i + 7], &words[i + 3][..3.min(words[i + 3].len())]),
            QueryOptions::default(),
        ));
        let mut typo: Vec<char> = words[i + 11].chars().collect();
        let n = typo.len();
        if n >= 4 {
            typo.swap(n - 2, n - 3);
        }
        large.push((typo.into_iter().collect(), QueryOptions::default()));
    }
    large.push((
        words[3].clone(),
        QueryOptions { audience: Some("students".into()), ..QueryOptions::default() },
    ));
    large.push((
        words[9].clone(),
        QueryOptions { section: Some("Ethics".into()), limit: 20, ..QueryOptions::default() },
    ));
    let options = SearchOptions { shard_threshold_docs: 500, ..SearchOptions::default() };
    write_case(
        &out.join("large"),
        &build_index(&synthetic_docs(1200, 200, 8000), &options),
        &large,
    );

    // Hostile text: combining marks, astral letters, apostrophes, quotes, separators.
    let mut rng = Rng::new(5);
    let docs = random_docs(&mut rng, 60);
    let mut queries: Vec<(String, QueryOptions)> = Vec::new();
    for doc in docs.iter().take(20) {
        let text = &doc.sections[1].text;
        let words: Vec<&str> = text.split(' ').filter(|w| w.chars().count() > 2).collect();
        for w in words.iter().take(2) {
            queries.push((w.to_string(), QueryOptions::default()));
        }
        queries.push((random_text(&mut rng, 6), QueryOptions::default()));
    }
    let options = SearchOptions {
        shard_threshold_docs: 0,
        shard_target_bytes: 300,
        ..SearchOptions::default()
    };
    write_case(&out.join("hostile-sharded"), &build_index(&docs, &options), &queries);
    write_case(&out.join("hostile"), &build_index(&docs, &SearchOptions::default()), &queries);
}
