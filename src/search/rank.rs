//! The ranking constants, in one place: `query.rs` uses them and `codec.rs` writes them into
//! the index entry (`r`), where `theme/search.js` reads them, so the two rankings cannot drift.

use serde::{Deserialize, Serialize};

/// Multipliers, thresholds and limits of the query ranking (see `query.rs` for the rules).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub(crate) struct Ranking {
    /// Multiplier of an exact match (the word, or a word with the same stem).
    pub(crate) exact: f64,
    /// Multiplier of a prefix match of the word being typed.
    pub(crate) prefix: f64,
    /// Multiplier of a match one edit away.
    pub(crate) typo_one: f64,
    /// Multiplier of a match two edits away.
    pub(crate) typo_two: f64,
    /// Multiplier of a synonym expansion, relative to what it expands.
    pub(crate) synonym: f64,
    /// A synonym never scores above this share of the literal word's best score anywhere.
    pub(crate) synonym_cap: f64,
    /// Share of its score a document gains per pair of consecutive query words found next to
    /// each other in its title or a heading.
    pub(crate) proximity: f64,
    /// How many top documents are checked for adjacent query words.
    pub(crate) proximity_pool: usize,
    /// Shortest last word that matches by prefix, in UTF-16 code units.
    pub(crate) prefix_min: usize,
    /// Shortest word forgiven one edit.
    pub(crate) typo_one_min: usize,
    /// Shortest word forgiven two edits.
    pub(crate) typo_two_min: usize,
    /// Most stems a prefix or a typo expands to.
    pub(crate) max_candidates: usize,
    /// Most query words considered.
    pub(crate) max_words: usize,
    /// Shortest crisis word forgiven one edit.
    pub(crate) crisis_typo_min: usize,
}

/// The ranking every index is built and queried with.
pub(crate) const RANKING: Ranking = Ranking {
    exact: 1.0,
    prefix: 0.8,
    typo_one: 0.6,
    typo_two: 0.4,
    synonym: 0.9,
    synonym_cap: 0.9,
    proximity: 0.25,
    proximity_pool: 10,
    prefix_min: 2,
    typo_one_min: 4,
    typo_two_min: 8,
    max_candidates: 8,
    max_words: 10,
    crisis_typo_min: 6,
};

/// Clause weights for coverage, by document-frequency class (`model::df_bucket`): a rare word
/// counts more towards "how much of the query a document has" than a common one. Integers, so
/// the browser computes the same coverage: `round(100 * sqrt(ln(1 + n / df)))` with `df` the
/// smallest document frequency of the class, at least 1. The square root keeps a rare but
/// incidental word ("define") from outweighing the topic word beside it.
pub(crate) fn idf_weights(doc_count: u32) -> Vec<u32> {
    let n = f64::from(doc_count.max(1));
    (0u32..64)
        .map(|bucket| {
            let df = if bucket == 0 {
                1.0
            } else {
                let log = (bucket - 1) / 2;
                let base = (1u64 << log.min(40)) as f64;
                if (bucket - 1) % 2 == 1 && log >= 1 { base * 1.5 } else { base }
            };
            (100.0 * (1.0 + n / df).ln().sqrt()).round().max(1.0) as u32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_words_weigh_more_than_common_ones() {
        let w = idf_weights(1000);
        assert_eq!(w.len(), 64);
        assert!(w.windows(2).skip(1).all(|p| p[0] >= p[1]), "{w:?}");
        assert!(w[1] > 2 * w[19], "{} vs {}", w[1], w[19]);
    }
}
