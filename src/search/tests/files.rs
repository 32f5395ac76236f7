//! The index files: one file for a small site, deterministic bytes, a lossless round trip,
//! sharded and unsharded indexes that rank alike, and the size budget of a handbook-sized site.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::fixture::{synthetic_docs, therapy_docs, therapy_options};
use crate::search::query::run_query;
use crate::search::{IndexFile, QueryOptions, SearchIndex, SearchOptions, build_index, query};

/// Queries exercising every kind of match on the therapy fixture.
pub(crate) const FIXTURE_QUERIES: &[&str] = &[
    "confidentiality",
    "empa",
    "aliance",
    "theraputic aliance",
    "confidentalty",
    "video",
    "UPR",
    "unconditional positive regard",
    "repair",
    "therapist relationship",
    "alliance dropout",
    "empathic listening",
    "the",
];

/// Size of `bytes` gzipped at level 6, as a web server would send them.
pub(crate) fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::new(6));
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

fn sharded_options() -> SearchOptions {
    SearchOptions {
        shard_threshold_docs: 0,
        shard_target_bytes: 256,
        doc_chunk_size: 3,
        ..therapy_options()
    }
}

#[test]
fn small_site_writes_one_script_that_registers_its_data() {
    let files = build_index(&therapy_docs(), &therapy_options()).files();
    let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        ["search/index.js", "search/w.js", "search/x.js"],
        "the index, and the word list"
    );
    let text = String::from_utf8(files[0].bytes.clone()).unwrap();
    for call in [
        "__attuneSearch(",
        "__attuneVocab(0,",
        "__attunePostings(0,",
        "__attuneDocs(0,",
        "__attuneFilter(",
    ] {
        assert!(text.contains(call), "{call}");
    }
}

#[test]
fn output_is_byte_identical_across_builds_and_input_orders() {
    let docs = therapy_docs();
    let first = build_index(&docs, &therapy_options()).files();
    let again = build_index(&docs, &therapy_options()).files();
    let mut reversed = docs.clone();
    reversed.reverse();
    let shuffled = build_index(&reversed, &therapy_options()).files();
    assert_eq!(first, again);
    assert_eq!(first, shuffled);
    let sharded: Vec<Vec<IndexFile>> =
        (0..2).map(|_| build_index(&docs, &sharded_options()).files()).collect();
    assert_eq!(sharded[0], sharded[1]);
}

#[test]
fn files_read_back_to_the_same_index() {
    for options in [therapy_options(), sharded_options()] {
        let index = build_index(&therapy_docs(), &options);
        let files = index.files();
        let back = SearchIndex::from_files(&files).unwrap();
        assert_eq!(back, index);
        assert_eq!(back.files(), files);
    }
}

#[test]
fn reading_rejects_a_missing_shard() {
    let mut files = build_index(&therapy_docs(), &sharded_options()).files();
    files.retain(|f| f.path != "search/p1.js");
    let err = SearchIndex::from_files(&files).unwrap_err();
    assert_eq!(err.path, "search/index.js");
}

#[test]
fn sharded_index_ranks_like_the_single_file() {
    let single = build_index(&therapy_docs(), &therapy_options());
    let sharded = build_index(&therapy_docs(), &sharded_options());
    let stats = sharded.stats();
    assert!(stats.sharded && stats.vocab_shards > 3 && stats.postings_shards > 3, "{stats:?}");
    assert_eq!(stats.doc_chunks, 4);
    // Typos are searched in fewer shards once sharded, so compare the other queries.
    for q in FIXTURE_QUERIES
        .iter()
        .filter(|q| !["aliance", "theraputic aliance", "confidentalty"].contains(q))
    {
        let a = query(&single, q, &QueryOptions::default());
        let b = query(&sharded, q, &QueryOptions::default());
        assert_eq!(a, b, "{q}");
    }
}

#[test]
fn typo_in_the_middle_is_forgiven_on_a_sharded_site() {
    let sharded = build_index(&therapy_docs(), &sharded_options());
    let hits = query(&sharded, "confidentalty", &QueryOptions::default());
    assert_eq!(hits[0].url, "articles/ethics/confidentiality/");
}

#[test]
fn query_on_a_sharded_site_loads_only_the_files_it_needs() {
    let index = build_index(&therapy_docs(), &sharded_options());
    let outcome =
        run_query(&index, "confidentiality", &QueryOptions { limit: 1, ..QueryOptions::default() });
    let (hits, files) = (outcome.hits, outcome.files);
    assert_eq!(hits.len(), 1);
    let count = |prefix: &str| files.iter().filter(|f| f.starts_with(prefix)).count();
    assert!(files.contains("search/index.js"));
    assert_eq!(count("search/v"), 1, "{files:?}");
    assert_eq!(count("search/p"), 1, "{files:?}");
    assert_eq!(count("search/d"), 1, "{files:?}");
    assert!(!files.contains("search/f.js"));
    let filtered = QueryOptions { audience: Some("clients".into()), ..QueryOptions::default() };
    assert!(run_query(&index, "confidentiality", &filtered).files.contains("search/f.js"));
}

#[test]
fn handbook_sized_index_stays_under_60_kb_gzipped() {
    // Sixty 800-word articles over a 6,000-word Zipf vocabulary: about the handbook's size.
    let docs = synthetic_docs(60, 800, 6000);
    let index = build_index(&docs, &SearchOptions::default());
    let files = index.files();
    assert_eq!(files.len(), 3, "one index file, the word list and the suggestions");
    let gz = gzip_len(&files[0].bytes);
    println!("handbook-sized index: {} bytes, {gz} gzipped", files[0].bytes.len());
    assert!(gz < 60 * 1024, "{gz} bytes gzipped, {} raw", files[0].bytes.len());
}
