//! Search queries never panic, on a one-file index and on a sharded one, and return at most
//! the requested number of hits with finite scores.

#![no_main]

mod common;

use std::sync::OnceLock;

use attune::search::{QueryOptions, SearchIndex, SearchOptions, build_index, query};
use libfuzzer_sys::fuzz_target;

fn indexes() -> &'static [SearchIndex; 2] {
    static INDEXES: OnceLock<[SearchIndex; 2]> = OnceLock::new();
    INDEXES.get_or_init(|| {
        let analysis = common::analysis();
        let docs = attune::search::site::site_documents(analysis);
        let options = attune::search::site::site_options(analysis);
        let sharded = SearchOptions {
            shard_threshold_docs: 1,
            shard_target_bytes: 64,
            doc_chunk_size: 1,
            ..options.clone()
        };
        [build_index(&docs, &options), build_index(&docs, &sharded)]
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&limit, rest)) = data.split_first() else { return };
    let q = String::from_utf8_lossy(rest);
    let options = QueryOptions { limit: usize::from(limit % 16), ..QueryOptions::default() };
    for index in indexes() {
        let hits = query(index, &q, &options);
        assert!(hits.len() <= options.limit);
        assert!(hits.iter().all(|h| h.score.is_finite()));
    }
});
