//! The decoded index model: the entry, vocabulary shards, postings shards and document records.
//!
//! [`build_index`](super::build_index) produces these, `codec.rs` writes and reads them, and
//! `query.rs` ranks on them. Everything here is exactly what the browser holds after decoding
//! the files: impact levels rather than scores, bounded excerpt text, UTF-16 sort order.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::DocKind;
use super::text::cmp_utf16;

/// Number of impact levels. A posting is stored as `gap * LEVELS + level`, so a document that
/// follows the previous one closely costs one character.
pub(crate) const LEVELS: usize = 32;

/// Impact levels per doubling of the BM25F score.
pub(crate) const LEVELS_PER_DOUBLING: f64 = 2.5;

/// Everything the browser needs before its first lookup: sizes, shard boundaries, filters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Number of documents.
    pub(crate) doc_count: u32,
    /// Whether shards live in files of their own (else all data is in `index.js`).
    pub(crate) sharded: bool,
    /// Documents per document chunk.
    pub(crate) chunk_size: u32,
    /// Score of each impact level.
    pub(crate) impacts: Vec<u32>,
    /// Section titles; a document's section is an index into this list plus one (0 = none).
    pub(crate) sections: Vec<String>,
    /// Audience names; a document's audience mask has bit `i` for `audiences[i]`.
    pub(crate) audiences: Vec<String>,
    /// First surface word of each vocabulary shard (the first is `""`).
    pub(crate) vocab_bounds: Vec<String>,
    /// First stem id of each postings shard (the first is 0).
    pub(crate) postings_bounds: Vec<u32>,
    /// The site's language (BCP 47), which picks the query stop words and the word list.
    pub(crate) language: String,
    /// Crisis phrases, each as its normalised words (see `crisis.rs`).
    pub(crate) crisis: Vec<Vec<String>>,
    /// Document id of the help page that crisis queries put first, if the site has one.
    pub(crate) help: Option<u32>,
    /// The site's help notice, shown above the results of a crisis query.
    pub(crate) notice: String,
    /// Whether `search/w.js` holds common words (so real words the site lacks are not
    /// typo-corrected).
    pub(crate) known: bool,
}

/// The impact table: level `q` scores `16 * 2^(q / 2.5)`, rounded.
pub(crate) fn impact_table() -> Vec<u32> {
    (0..LEVELS).map(|q| (16.0 * (q as f64 / LEVELS_PER_DOUBLING).exp2()).round() as u32).collect()
}

/// Stems are numbered in UTF-16 order of their text; the browser never needs the text itself,
/// only which words share a stem and where the stem's postings are.
pub(crate) type StemId = u32;

/// A slice of the vocabulary: surface words in UTF-16 order with their stems.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct VocabShard {
    /// Surface words, sorted by UTF-16 code units.
    pub(crate) words: Vec<String>,
    /// The stem of each word.
    pub(crate) stems: Vec<StemId>,
    /// Document-frequency class of each word's stem (see [`df_bucket`]).
    pub(crate) buckets: Vec<u8>,
    /// Query expansions keyed by the stem of a key's first word.
    pub(crate) synonyms: BTreeMap<StemId, Vec<Synonym>>,
    /// For stems of this shard's words that also have words in other shards: those words.
    pub(crate) others: BTreeMap<StemId, Vec<String>>,
    /// Stem texts that sort into this shard and are not themselves a word of that stem, with
    /// their ids, sorted: a query word absent from the vocabulary is stemmed and looked up
    /// here (and among the words) before any typo step.
    pub(crate) stem_keys: Vec<(String, StemId)>,
}

/// A query expansion: when a query has the key's words, also search `phrase`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Synonym {
    /// Stems of the key's words after the first (empty for one-word keys).
    pub(crate) rest: Vec<StemId>,
    /// Surface words of the expansion phrase.
    pub(crate) phrase: Vec<String>,
}

/// A slice of the postings: consecutive stems, each with its documents.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct PostingsShard {
    /// Id of the first stem.
    pub(crate) first: StemId,
    /// For each stem from `first` on, its postings in ascending document order.
    pub(crate) lists: Vec<Vec<Posting>>,
}

/// One document containing a stem, with the stem's impact level in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    /// Document id (position in URL order).
    pub(crate) doc: u32,
    /// Impact level, an index into [`Entry::impacts`].
    pub(crate) level: u8,
}

/// What a result needs: where it goes, what it is, and bounded text for excerpts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocRecord {
    pub(crate) url: String,
    pub(crate) title: String,
    pub(crate) kind: DocKind,
    /// Index into [`Entry::sections`] plus one; 0 when the document has no section.
    pub(crate) section: u32,
    /// Indexes into [`Entry::audiences`].
    pub(crate) audiences: Vec<u32>,
    pub(crate) summary: String,
    pub(crate) parts: Vec<DocPart>,
    /// The reader questions (`asks`), for adjacent query words only; never shown.
    pub(crate) asks: Vec<String>,
}

/// A section of a document as kept for excerpts: its heading and the start of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocPart {
    pub(crate) anchor: Option<String>,
    pub(crate) heading: String,
    pub(crate) text: String,
}

impl DocRecord {
    /// The audience mask used by the filter: bit `i` for audience `i` (the first 52 only, as
    /// JavaScript numbers hold 53 bits exactly).
    pub(crate) fn audience_mask(&self) -> u64 {
        self.audiences.iter().filter(|&&a| a < 52).fold(0, |mask, &a| mask | (1 << a))
    }
}

impl VocabShard {
    /// Position of `word`, if present.
    pub(crate) fn find(&self, word: &str) -> Option<usize> {
        self.words.binary_search_by(|w| cmp_utf16(w, word)).ok()
    }
}

impl VocabShard {
    /// The stem id of the stem text `stem`: a stem key, else a word spelled like the stem.
    pub(crate) fn find_stem(&self, stem: &str) -> Option<StemId> {
        if let Ok(i) = self.stem_keys.binary_search_by(|(k, _)| cmp_utf16(k, stem)) {
            return self.stem_keys.get(i).map(|(_, id)| *id);
        }
        self.find(stem).and_then(|i| self.stems.get(i).copied())
    }
}

impl PostingsShard {
    /// The postings of `stem`, empty if absent.
    pub(crate) fn find(&self, stem: StemId) -> &[Posting] {
        stem.checked_sub(self.first)
            .and_then(|i| self.lists.get(i as usize))
            .map_or(&[], Vec::as_slice)
    }
}

/// The postings shard holding `stem`.
pub(crate) fn postings_shard_for(bounds: &[StemId], stem: StemId) -> usize {
    bounds.partition_point(|&b| b <= stem).saturating_sub(1)
}

/// Document-frequency class of a stem found in `df` documents: 0 for none, else two classes
/// per doubling (`1 + 2 floor(log2 df)`, plus one if the next bit is set). Integer arithmetic,
/// so the browser computes the same class.
pub(crate) fn df_bucket(df: u32) -> u8 {
    if df == 0 {
        return 0;
    }
    let log = 31 - df.leading_zeros();
    let half = if log >= 1 { (df >> (log - 1)) & 1 } else { 0 };
    (1 + 2 * log + half).min(63) as u8
}

/// The shard whose range holds `key`: the last boundary at or before it.
pub(crate) fn shard_for(bounds: &[String], key: &str) -> usize {
    bounds.partition_point(|b| cmp_utf16(b, key) != Ordering::Greater).saturating_sub(1)
}

/// The shards whose ranges may hold words starting with `prefix`: the shard holding `prefix`
/// and every following shard whose first word starts with it.
pub(crate) fn shards_for_prefix(bounds: &[String], prefix: &str) -> Vec<usize> {
    let first = shard_for(bounds, prefix);
    let mut out = vec![first];
    out.extend((first + 1..bounds.len()).take_while(|&i| bounds[i].starts_with(prefix)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn finds_the_shard_holding_a_key() {
        let b = bounds(&["", "ca", "th", "ti"]);
        assert_eq!(shard_for(&b, "apple"), 0);
        assert_eq!(shard_for(&b, "ca"), 1);
        assert_eq!(shard_for(&b, "therapy"), 2);
        assert_eq!(shard_for(&b, "zebra"), 3);
    }

    #[test]
    fn lists_every_shard_a_prefix_spans() {
        let b = bounds(&["", "te", "the", "thi", "to"]);
        assert_eq!(shards_for_prefix(&b, "th"), [1, 2, 3]);
        assert_eq!(shards_for_prefix(&b, "thera"), [2]);
        assert_eq!(shards_for_prefix(&b, "a"), [0]);
    }

    #[test]
    fn impact_levels_double_every_five_steps() {
        let t = impact_table();
        assert_eq!(t.len(), LEVELS);
        assert_eq!(t[0], 16);
        assert_eq!(t[5], 64);
        assert!(t.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn buckets_grow_with_document_frequency() {
        assert_eq!(df_bucket(0), 0);
        assert_eq!(df_bucket(1), 1);
        assert_eq!(df_bucket(2), 3);
        assert_eq!(df_bucket(3), 4);
        assert_eq!(df_bucket(4), 5);
        assert!(df_bucket(100) < df_bucket(1000));
        assert_eq!(df_bucket(u32::MAX), 63);
    }
}
