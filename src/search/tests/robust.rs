//! Hostile text: random documents and queries mixing accents, combining marks, apostrophes,
//! astral letters, emoji, quotes, backslashes and line separators never panic, and the files
//! still read back to the same index.

use super::fixture::Rng;
use crate::search::{
    DocKind, DocSection, QueryOptions, SearchDoc, SearchIndex, SearchOptions, build_index, query,
};

const POOL: &[&str] = &[
    "a", "b", "e", "t", "r", "s", "Z", "0", "7", " ", " ", " ", "'", "’", "ʼ", "\u{301}",
    "\u{308}", "é", "Ü", "ß", "İ", "Σ", "ς", "ψ", "ή", "ж", "中", "文", "𝒜", "𝔟", "😀", "\u{200d}",
    "\u{200f}", "\"", "\\", "\u{2028}", "\n", "-", ".", "…", "\0", "ǅ", "ﬁ",
];

pub(crate) fn random_text(rng: &mut Rng, len: usize) -> String {
    (0..len).map(|_| POOL[rng.below(POOL.len())]).collect()
}

pub(crate) fn random_docs(rng: &mut Rng, count: usize) -> Vec<SearchDoc> {
    (0..count)
        .map(|i| SearchDoc {
            url: format!("d/{}/{}", i, random_text(rng, 3)),
            title: random_text(rng, 12),
            kind: if i % 4 == 0 { DocKind::Term } else { DocKind::Article },
            section: random_text(rng, 2),
            audience: vec![random_text(rng, 2)],
            terms: vec![random_text(rng, 6), random_text(rng, 4)],
            summary: random_text(rng, 30),
            asks: Vec::new(),
            sections: (0..3)
                .map(|s| DocSection {
                    anchor: (s > 0).then(|| random_text(rng, 4)),
                    heading: random_text(rng, 8),
                    text: random_text(rng, 120),
                })
                .collect(),
        })
        .collect()
}

#[test]
fn hostile_text_never_panics_and_round_trips() {
    let mut rng = Rng::new(99);
    for round in 0..4 {
        let docs = random_docs(&mut rng, 40);
        let mut synonyms = std::collections::BTreeMap::new();
        synonyms.insert(random_text(&mut rng, 5), vec![random_text(&mut rng, 7)]);
        let options = SearchOptions {
            synonyms,
            shard_threshold_docs: if round % 2 == 0 { 0 } else { 2000 },
            shard_target_bytes: 200,
            doc_chunk_size: 3,
            ..SearchOptions::default()
        };
        let index = build_index(&docs, &options);
        let files = index.files();
        let back = SearchIndex::from_files(&files).unwrap();
        assert_eq!(back, index);
        for _ in 0..30 {
            let len = 1 + rng.below(12);
            let q = random_text(&mut rng, len);
            let limit = rng.below(12);
            let options = QueryOptions { audience: None, section: None, limit, complete: false };
            let hits = query(&index, &q, &options);
            assert!(hits.len() <= limit);
            assert_eq!(query(&back, &q, &options), hits);
        }
    }
}
