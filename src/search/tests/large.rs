//! Large generated sites: the index shards, and a first query downloads a small part of it.

use std::collections::BTreeSet;

use super::files::gzip_len;
use super::fixture::{synthetic_docs, word_list};
use crate::search::query::run_query;
use crate::search::{IndexFile, QueryOptions, SearchIndex, SearchOptions, build_index};

/// Bytes of the files a fresh browser would download to answer `q` with ten results (raw and
/// gzipped), and the number of hits.
fn first_query_bytes(index: &SearchIndex, files: &[IndexFile], q: &str) -> (usize, usize, usize) {
    let outcome = run_query(index, q, &QueryOptions::default());
    let (hits, used) = (outcome.hits, outcome.files);
    let used: BTreeSet<&str> = used.iter().map(String::as_str).collect();
    let loaded: Vec<&IndexFile> = files.iter().filter(|f| used.contains(f.path.as_str())).collect();
    let gz = loaded.iter().map(|f| gzip_len(&f.bytes)).sum();
    (loaded.iter().map(|f| f.bytes.len()).sum(), gz, hits.len())
}

/// Typical first queries: frequent, middling and rare words, a typo, and a prefix.
fn sample_queries() -> Vec<String> {
    let words = word_list(2000);
    let typo = {
        let mut w: Vec<char> = words[40].chars().collect();
        let last = w.len() - 1;
        w.swap(last - 1, last);
        w.into_iter().collect::<String>()
    };
    vec![
        words[0].clone(),
        format!("{} {}", words[3], words[50]),
        words[400].clone(),
        format!("{} {}", words[10], &words[200][..3]),
        typo,
    ]
}

fn check_first_queries(docs: usize, words: usize, budget: usize) {
    let index = build_index(&synthetic_docs(docs, words, 20_000), &SearchOptions::default());
    let files = index.files();
    let stats = index.stats_of(&files);
    assert_eq!(stats, index.stats());
    assert!(stats.sharded);
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    assert_eq!(total, stats.total_bytes);
    println!("{docs} docs x {words} words: {stats:?}");
    for q in sample_queries() {
        let (bytes, gz, hits) = first_query_bytes(&index, &files, &q);
        let share = bytes as f64 * 100.0 / total as f64;
        println!("  first query {q:?}: {bytes} bytes, {gz} gzipped ({share:.1}% of {total})");
        assert!(hits > 0, "{q:?} found nothing");
        assert!(bytes * 10 < total, "{q:?}: {bytes} of {total} bytes");
        assert!(bytes <= budget, "{q:?}: {bytes} bytes");
    }
}

#[test]
fn site_above_the_threshold_shards_and_first_query_loads_under_a_tenth() {
    check_first_queries(2500, 150, 200 * 1024);
}

#[test]
fn site_below_the_threshold_stays_in_one_file() {
    let index = build_index(&synthetic_docs(300, 100, 3000), &SearchOptions::default());
    assert_eq!(index.files().len(), 3, "one index file, the word list and the suggestions");
    assert!(!index.stats().sharded);
}

/// The sizing target: 10,000 articles of ~800 words, first query at most 270 KB.
/// Ignored because building 8 million words takes long in a debug build; run with
/// `cargo test --release -- --ignored ten_thousand`.
#[test]
#[ignore = "slow in debug builds; run in release"]
fn ten_thousand_articles_first_query_under_270_kb() {
    check_first_queries(10_000, 800, 270 * 1024);
}
