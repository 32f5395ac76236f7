//! Tokenising for the build: every document's words, normalised, counted per field, with ids
//! shared across the whole site.
//!
//! This is the build's hot loop (a 10,000-article site has 8 million words), so documents are
//! scanned in parallel chunks, each chunk interning its words in its own table with the words
//! counted per document through arrays indexed by word id (no per-document hash map); the
//! chunks' tables are then merged into site-wide ids in UTF-16 order.

use rayon::prelude::*;

use super::SearchDoc;
use super::text::{cmp_utf16, for_each_word};
use crate::hasher::FxHashMap;

/// Fields in weight order: title, glossary term and aliases, headings, summary, body.
pub(crate) const FIELDS: usize = 5;

/// Per-field counts of a word in a document.
pub(crate) type FieldCounts = [u16; FIELDS];

/// The words of all documents.
pub(crate) struct Tokens {
    /// Distinct words in UTF-16 order; a word id indexes this list.
    pub(crate) words: Vec<String>,
    /// Per document (in input order): its distinct words with per-field counts.
    pub(crate) docs: Vec<Vec<(u32, FieldCounts)>>,
}

/// Tokenises `docs`, in parallel.
pub(crate) fn tokenize(docs: &[&SearchDoc]) -> Tokens {
    let chunk = docs.len().div_ceil(rayon::current_num_threads() * 4).max(1);
    let chunks: Vec<ChunkTokens> = docs.par_chunks(chunk).map(tokenize_chunk).collect();

    // Merge the chunks' words into site-wide ids, then renumber them in UTF-16 order.
    let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
    let mut words: Vec<&str> = Vec::new();
    let remaps: Vec<Vec<u32>> = chunks
        .iter()
        .map(|c| {
            (0..c.interner.len())
                .map(|local| {
                    let word = c.interner.word(local);
                    *ids.entry(word).or_insert_with(|| {
                        words.push(word);
                        words.len() as u32 - 1
                    })
                })
                .collect()
        })
        .collect();
    let mut order: Vec<u32> = (0..words.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| cmp_utf16(words[a as usize], words[b as usize]));
    let mut rank = vec![0u32; words.len()];
    for (r, &id) in order.iter().enumerate() {
        rank[id as usize] = r as u32;
    }
    let sorted: Vec<String> = order.iter().map(|&id| words[id as usize].to_owned()).collect();
    let rank = &rank;
    let docs = chunks
        .into_par_iter()
        .zip(remaps)
        .flat_map_iter(|(c, remap)| {
            c.docs.into_iter().map(move |mut doc| {
                for (id, _) in &mut doc {
                    *id = rank[remap[*id as usize] as usize];
                }
                doc
            })
        })
        .collect();
    Tokens { words: sorted, docs }
}

/// One chunk's words and documents, with chunk-local word ids.
struct ChunkTokens {
    interner: Interner,
    docs: Vec<Vec<(u32, FieldCounts)>>,
}

fn tokenize_chunk(docs: &[&SearchDoc]) -> ChunkTokens {
    let mut interner = Interner::default();
    // For each word id: the last document that used it, and the word's slot in that document.
    let mut seen: Vec<u32> = Vec::new();
    let mut slot: Vec<u32> = Vec::new();
    let mut buffer = String::new();
    let mut joined = String::new();
    let mut out = Vec::with_capacity(docs.len());
    // One document's words, reused: each document keeps an exact-size copy.
    let mut words: Vec<(u32, FieldCounts)> = Vec::with_capacity(1024);
    for (d, doc) in docs.iter().enumerate() {
        words.clear();
        let fields: [Vec<&str>; FIELDS] = [
            vec![doc.title.as_str()],
            doc.terms.iter().map(String::as_str).collect(),
            doc.sections
                .iter()
                .map(|s| s.heading.as_str())
                .chain(doc.asks.iter().map(String::as_str))
                .collect(),
            vec![doc.summary.as_str()],
            doc.sections.iter().map(|s| s.text.as_str()).collect(),
        ];
        for (f, texts) in fields.iter().enumerate() {
            for text in texts {
                let mut count_word = |word: &str| {
                    let id = interner.intern(word) as usize;
                    if id >= seen.len() {
                        seen.resize(id + 1, u32::MAX);
                        slot.resize(id + 1, 0);
                    }
                    if seen[id] != d as u32 {
                        seen[id] = d as u32;
                        slot[id] = words.len() as u32;
                        words.push((id as u32, [0; FIELDS]));
                    }
                    let count = &mut words[slot[id] as usize].1[f];
                    *count = count.saturating_add(1);
                };
                for_each_word(text, &mut buffer, &mut count_word);
                for_each_compound(text, &mut buffer, &mut joined, &mut count_word);
            }
        }
        out.push(words.clone());
    }
    ChunkTokens { interner, docs: out }
}

/// Most words a compound may join ("counter-transference" has two); longer runs are paths or
/// URLs, not words.
const COMPOUND_MAX_WORDS: usize = 4;

/// Calls `emit` with the joined form of each hyphenated or slash compound in `text`
/// ("self-harm" -> "selfharm"), so a compound is indexed both split (by `for_each_word`) and
/// joined. A compound is a run without ASCII whitespace holding `-` or `/` and 2 to
/// [`COMPOUND_MAX_WORDS`] words. `theme/search.js` glues query words by the same rule.
pub(crate) fn for_each_compound(
    text: &str,
    buffer: &mut String,
    joined: &mut String,
    mut emit: impl FnMut(&str),
) {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = bytes[from..].iter().position(|&b| b == b'-' || b == b'/') {
        let at = from + offset;
        let start = bytes[..at].iter().rposition(u8::is_ascii_whitespace).map_or(0, |p| p + 1);
        let end =
            bytes[at..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |p| at + p);
        joined.clear();
        let mut count = 0;
        for_each_word(text.get(start..end).unwrap_or(""), buffer, |w| {
            joined.push_str(w);
            count += 1;
        });
        if (2..=COMPOUND_MAX_WORDS).contains(&count) {
            emit(joined);
        }
        from = end.max(at + 1);
    }
}

/// Distinct words stored end to end in one string, found through an open-addressing table
/// whose slots hold a word's id and the high half of its hash, so a miss rarely touches the
/// words themselves.
#[derive(Default)]
struct Interner {
    arena: String,
    spans: Vec<(u32, u32)>,
    hashes: Vec<u64>,
    /// (id + 1, high half of the hash); id 0 marks an empty slot. Length is a power of two.
    table: Vec<(u32, u32)>,
}

impl Interner {
    fn len(&self) -> usize {
        self.spans.len()
    }

    fn word(&self, id: usize) -> &str {
        let (start, end) = self.spans[id];
        self.arena.get(start as usize..end as usize).unwrap_or("")
    }

    fn intern(&mut self, word: &str) -> u32 {
        if self.spans.len() * 2 >= self.table.len() {
            self.grow();
        }
        let hash = hash_word(word.as_bytes());
        let tag = (hash >> 32) as u32;
        let mask = self.table.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            let (entry, entry_tag) = self.table[at];
            if entry == 0 {
                break;
            }
            if entry_tag == tag
                && same_bytes(self.word(entry as usize - 1).as_bytes(), word.as_bytes())
            {
                return entry - 1;
            }
            at = (at + 1) & mask;
        }
        let start = self.arena.len() as u32;
        self.arena.push_str(word);
        self.spans.push((start, self.arena.len() as u32));
        self.hashes.push(hash);
        self.table[at] = (self.spans.len() as u32, tag);
        self.spans.len() as u32 - 1
    }

    fn grow(&mut self) {
        let size = (self.table.len() * 2).max(1024);
        let mask = size - 1;
        let mut table = vec![(0u32, 0u32); size];
        for (id, hash) in self.hashes.iter().enumerate() {
            let mut at = *hash as usize & mask;
            while table[at].0 != 0 {
                at = (at + 1) & mask;
            }
            table[at] = (id as u32 + 1, (hash >> 32) as u32);
        }
        self.table = table;
    }
}

/// FxHash of a word's bytes, 8 at a time, with the length and a final mix (see `hasher.rs`).
/// Written out rather than through `Hasher` so the tail of a word costs no `memcpy` call.
fn hash_word(bytes: &[u8]) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut hash = 0u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(SEED);
    }
    let mut tail = (bytes.len() as u64) << 56;
    for (k, &b) in chunks.remainder().iter().enumerate() {
        tail |= u64::from(b) << (8 * k);
    }
    hash = (hash.rotate_left(5) ^ tail).wrapping_mul(SEED);
    let h = (hash ^ (hash >> 33)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

/// Byte equality without a `memcmp` call for the short strings words are.
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{DocKind, DocSection};

    fn doc(title: &str, text: &str) -> SearchDoc {
        SearchDoc {
            url: String::new(),
            title: title.into(),
            kind: DocKind::Article,
            section: String::new(),
            audience: vec![],
            terms: vec![],
            summary: String::new(),
            asks: Vec::new(),
            sections: vec![DocSection { anchor: None, heading: String::new(), text: text.into() }],
        }
    }

    #[test]
    fn counts_words_per_field_with_site_wide_ids() {
        let a = doc("Empathy", "empathy and more empathy");
        let b = doc("Bond", "the bond");
        let tokens = tokenize(&[&a, &b]);
        assert_eq!(tokens.words, ["and", "bond", "empathy", "more", "the"]);
        assert_eq!(
            tokens.docs[0],
            vec![(2, [1, 0, 0, 0, 2]), (0, [0, 0, 0, 0, 1]), (3, [0, 0, 0, 0, 1])]
        );
        assert_eq!(tokens.docs[1], vec![(1, [1, 0, 0, 0, 1]), (4, [0, 0, 0, 0, 1])]);
    }

    #[test]
    fn interner_finds_words_again_after_growing() {
        let mut interner = Interner::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let ids: Vec<u32> = words.iter().map(|w| interner.intern(w)).collect();
        assert!(words.iter().zip(&ids).all(|(w, &id)| interner.intern(w) == id));
        assert_eq!(interner.len(), 5000);
    }
}
