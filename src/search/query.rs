//! Querying: match the reader's words against the vocabulary, expand synonyms, add up impacts
//! per document, and cut excerpts. `theme/search.js` implements exactly these rules.
//!
//! - Each query word is a clause. Stop words are dropped, except the last word while it is
//!   still being typed (no separator after it), which also matches by prefix.
//! - A clause's candidates, in order of preference: the exact word (x1.0); words it is a
//!   prefix of, for the last word if at least 2 code units long (x0.8, the 8 most frequent);
//!   only when neither found anything, words within an edit distance (optimal string
//!   alignment) of 1 for words of 4-7 code units (x0.6) or 2 for 8 or more (1 edit x0.6,
//!   2 edits x0.4), the 8 closest. A candidate stands for its stem.
//! - A candidate's synonyms (one-word keys) add their expansion phrase at x0.9 of the
//!   candidate; a multi-word key matched exactly by consecutive words adds its phrase to each
//!   of those clauses at x0.9. A phrase scores the mean of its words' impacts.
//! - A clause scores a document by its best candidate; a document scores the sum over clauses
//!   times (matched clauses / clauses with candidates)^2, so documents with more of the query
//!   rank higher. Ties go to the lower document id (URL order).
//! - Vocabulary shards searched: the one holding the word (exact), those holding words with
//!   its prefix (prefix), and those holding words with its first two code units or those two
//!   swapped (typos). So on a sharded site a typo in the first two letters (other than swapping
//!   them) is not forgiven; an unsharded site has one shard and forgives it.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashSet};

use super::codec::{ENTRY_PATH, FILTER_PATH, docs_path, postings_path, vocab_path};
use super::excerpt::make_excerpt;
use super::model::{
    DocRecord, Posting, PostingsShard, StemId, VocabShard, postings_shard_for, shard_for,
    shards_for_prefix,
};
use super::text::{cmp_utf16, edit_distance, is_stop_word, len_utf16, prefix_utf16, split_query};
use super::{Hit, QueryOptions, SearchIndex};

/// Multiplier of an exact match.
const EXACT: f64 = 1.0;
/// Multiplier of a prefix match.
const PREFIX: f64 = 0.8;
/// Multiplier of a match one edit away.
const TYPO_ONE: f64 = 0.6;
/// Multiplier of a match two edits away.
const TYPO_TWO: f64 = 0.4;
/// Multiplier of a synonym expansion, relative to what it expands.
const SYNONYM: f64 = 0.9;
/// Shortest last word that matches by prefix, in UTF-16 code units.
const PREFIX_MIN: usize = 2;
/// Shortest word forgiven one edit.
const TYPO_ONE_MIN: usize = 4;
/// Shortest word forgiven two edits.
const TYPO_TWO_MIN: usize = 8;
/// Most stems a prefix or a typo expands to.
const MAX_CANDIDATES: usize = 8;
/// Most query words considered.
const MAX_WORDS: usize = 10;

/// Searches `index` for `q` and returns at most `options.limit` hits, best first.
pub fn query(index: &SearchIndex, q: &str, options: &QueryOptions) -> Vec<Hit> {
    run_query(index, q, options).0
}

/// A query word.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct QueryWord {
    pub(crate) text: String,
    pub(crate) prefix: bool,
}

/// Splits a query into words: normalised, stop words dropped (but for a last word still being
/// typed), duplicates dropped, at most [`MAX_WORDS`].
pub(crate) fn parse_query(q: &str) -> Vec<QueryWord> {
    let (raw, typing) = split_query(q);
    let mut words: Vec<QueryWord> = Vec::new();
    for (i, word) in raw.iter().enumerate() {
        let prefix = typing && i + 1 == raw.len() && len_utf16(word) >= PREFIX_MIN;
        if (is_stop_word(word) && !prefix) || words.iter().any(|w| &w.text == word) {
            continue;
        }
        words.push(QueryWord { text: word.to_string(), prefix });
    }
    words.truncate(MAX_WORDS);
    words
}

/// What a clause can match in a document.
enum Alt<'a> {
    Stem(StemId, f64),
    Phrase(&'a [String], f64),
}

#[derive(Default)]
struct Clause<'a> {
    alts: Vec<Alt<'a>>,
    /// The stem of an exact match and the shard it was found in.
    exact: Option<(usize, StemId)>,
}

/// The files a query reads, as the browser would load them.
struct Session<'a> {
    index: &'a SearchIndex,
    vocab_used: BTreeSet<usize>,
    files: BTreeSet<String>,
}

impl<'a> Session<'a> {
    fn touch(&mut self, path: String) {
        let path = if self.index.entry.sharded { path } else { ENTRY_PATH.to_string() };
        self.files.insert(path);
    }

    fn vocab(&mut self, i: usize) -> Option<&'a VocabShard> {
        self.vocab_used.insert(i);
        self.touch(vocab_path(i));
        self.index.vocab.get(i)
    }

    fn postings(&mut self, i: usize) -> Option<&'a PostingsShard> {
        self.touch(postings_path(i));
        self.index.postings.get(i)
    }

    fn doc(&mut self, id: usize) -> Option<&'a DocRecord> {
        self.touch(docs_path(id / self.index.entry.chunk_size.max(1) as usize));
        self.index.docs.get(id)
    }

    /// The (shard, position) of `word` in the vocabulary.
    fn lookup(&mut self, word: &str) -> Option<(usize, usize)> {
        let shard = shard_for(&self.index.entry.vocab_bounds, word);
        self.vocab(shard)?.find(word).map(|i| (shard, i))
    }
}

/// Runs a query and also reports the index files it read (for download budgets).
pub(crate) fn run_query(
    index: &SearchIndex,
    q: &str,
    options: &QueryOptions,
) -> (Vec<Hit>, BTreeSet<String>) {
    let mut session = Session { index, vocab_used: BTreeSet::new(), files: BTreeSet::new() };
    session.files.insert(ENTRY_PATH.to_string());
    let words = parse_query(q);
    let mut clauses: Vec<Clause<'_>> = words.iter().map(|w| match_word(&mut session, w)).collect();
    add_phrase_synonyms(index, &mut clauses);
    let active = clauses.iter().filter(|c| !c.alts.is_empty()).count();
    if active == 0 || options.limit == 0 {
        return (Vec::new(), session.files);
    }

    let doc_count = index.entry.doc_count as usize;
    let mut marked_stems: BTreeSet<StemId> = BTreeSet::new();
    let mut scores: Vec<Vec<f64>> = Vec::new();
    for clause in clauses.iter().filter(|c| !c.alts.is_empty()) {
        scores.push(score_clause(&mut session, clause, doc_count, &mut marked_stems));
    }
    let mut ranked: Vec<(usize, f64)> = Vec::new();
    for doc in 0..doc_count {
        let (mut total, mut matched) = (0.0, 0usize);
        for clause in &scores {
            if clause[doc] > 0.0 {
                total += clause[doc];
                matched += 1;
            }
        }
        if matched > 0 {
            let coverage = matched as f64 / active as f64;
            ranked.push((doc, total * (coverage * coverage)));
        }
    }
    if options.audience.as_deref().is_some_and(|a| !a.is_empty())
        || options.section.as_deref().is_some_and(|s| !s.is_empty())
    {
        session.touch(FILTER_PATH.to_string());
        ranked.retain(|(doc, _)| {
            index.docs.get(*doc).is_some_and(|d| passes_filter(index, d, options))
        });
    }
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(options.limit);

    let marked = marked_words(&session, &marked_stems);
    let mut hits = Vec::with_capacity(ranked.len());
    for (id, score) in ranked {
        let Some(doc) = session.doc(id) else { continue };
        let excerpt = make_excerpt(doc, &marked);
        hits.push(Hit {
            url: doc.url.clone(),
            title: doc.title.clone(),
            anchor: excerpt.anchor,
            score: score as f32,
            excerpt: excerpt.text,
        });
    }
    (hits, session.files)
}

/// A word of the vocabulary: its shard and its position there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WordAt {
    shard: usize,
    i: usize,
}

impl SearchIndex {
    fn word_at(&self, at: WordAt) -> &str {
        self.vocab.get(at.shard).and_then(|v| v.words.get(at.i)).map_or("", String::as_str)
    }

    fn stem_at(&self, at: WordAt) -> Option<StemId> {
        self.vocab.get(at.shard).and_then(|v| v.stems.get(at.i)).copied()
    }

    fn bucket_at(&self, at: WordAt) -> u8 {
        self.vocab.get(at.shard).and_then(|v| v.buckets.get(at.i)).copied().unwrap_or(0)
    }
}

/// The candidates of one query word (exact, else by prefix, else typos), with the expansions
/// of their one-word synonym keys.
fn match_word<'a>(session: &mut Session<'a>, word: &QueryWord) -> Clause<'a> {
    let index = session.index;
    let mut clause = Clause::default();
    let mut found: Vec<(WordAt, f64)> = Vec::new();
    if let Some((shard, i)) = session.lookup(&word.text) {
        let at = WordAt { shard, i };
        found.push((at, EXACT));
        clause.exact = index.stem_at(at).map(|stem| (shard, stem));
    }
    if word.prefix {
        let matches = prefix_matches(session, &word.text);
        add_candidates(index, &mut found, matches.into_iter().map(|at| (at, PREFIX)));
    }
    let len = len_utf16(&word.text);
    if found.is_empty() && len >= TYPO_ONE_MIN {
        let max = if len >= TYPO_TWO_MIN { 2 } else { 1 };
        let typos = typo_matches(session, &word.text, max).into_iter();
        add_candidates(
            index,
            &mut found,
            typos.map(|(at, d)| (at, if d == 1 { TYPO_ONE } else { TYPO_TWO })),
        );
    }
    for (at, mult) in found {
        let (Some(vocab), Some(stem)) = (index.vocab.get(at.shard), index.stem_at(at)) else {
            continue;
        };
        clause.alts.push(Alt::Stem(stem, mult));
        let one_word =
            vocab.synonyms.get(&stem).into_iter().flatten().filter(|s| s.rest.is_empty());
        for synonym in one_word {
            clause.alts.push(Alt::Phrase(&synonym.phrase, mult * SYNONYM));
        }
    }
    clause
}

/// Words that `prefix` starts (but is not), most frequent first, then shortest, then in order.
fn prefix_matches(session: &mut Session<'_>, prefix: &str) -> Vec<WordAt> {
    let index = session.index;
    let mut list: Vec<WordAt> = Vec::new();
    for shard in shards_for_prefix(&index.entry.vocab_bounds, prefix) {
        let Some(vocab) = session.vocab(shard) else { continue };
        let from = vocab.words.partition_point(|w| cmp_utf16(w, prefix).is_lt());
        let matching = vocab.words.iter().enumerate().skip(from);
        list.extend(
            matching
                .take_while(|(_, w)| w.starts_with(prefix))
                .filter(|(_, w)| *w != prefix)
                .map(|(i, _)| WordAt { shard, i }),
        );
    }
    list.sort_by_cached_key(|&at| {
        let word = index.word_at(at);
        (Reverse(index.bucket_at(at)), len_utf16(word), word.encode_utf16().collect::<Vec<_>>())
    });
    list
}

/// Words within `max` edits of `word` in its typo shards, with their distance: closest first,
/// then most frequent, then in order.
fn typo_matches(session: &mut Session<'_>, word: &str, max: usize) -> Vec<(WordAt, usize)> {
    let index = session.index;
    let len = len_utf16(word);
    let target: Vec<u16> = word.encode_utf16().collect();
    let mut list: Vec<(WordAt, usize)> = Vec::new();
    for shard in typo_shards(&index.entry.vocab_bounds, word) {
        let Some(vocab) = session.vocab(shard) else { continue };
        for (i, w) in vocab.words.iter().enumerate() {
            if len_utf16(w).abs_diff(len) > max {
                continue;
            }
            let units: Vec<u16> = w.encode_utf16().collect();
            if let Some(d) = edit_distance(&target, &units, max).filter(|&d| d > 0) {
                list.push((WordAt { shard, i }, d));
            }
        }
    }
    list.sort_by_cached_key(|&(at, d)| {
        let word = index.word_at(at);
        (d, Reverse(index.bucket_at(at)), word.encode_utf16().collect::<Vec<_>>())
    });
    list
}

/// Appends candidates whose stem is new, until [`MAX_CANDIDATES`] were added.
fn add_candidates(
    index: &SearchIndex,
    found: &mut Vec<(WordAt, f64)>,
    candidates: impl Iterator<Item = (WordAt, f64)>,
) {
    let mut added = 0;
    for (at, mult) in candidates {
        if added == MAX_CANDIDATES {
            break;
        }
        let stem = index.stem_at(at);
        if found.iter().any(|&(other, _)| index.stem_at(other) == stem) {
            continue;
        }
        found.push((at, mult));
        added += 1;
    }
}

/// Vocabulary shards searched for typos of `word`: those holding words that start with its
/// first two code units, or with those two swapped.
fn typo_shards(bounds: &[String], word: &str) -> Vec<usize> {
    let head = prefix_utf16(word, 2);
    let mut shards = shards_for_prefix(bounds, head);
    let mut chars = head.chars();
    if let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) {
        if a != b {
            shards.extend(shards_for_prefix(bounds, &format!("{b}{a}")));
        }
    }
    shards.sort_unstable();
    shards.dedup();
    shards
}

/// Multi-word synonym keys: when consecutive words match a key exactly, each of them also
/// matches the key's expansion.
fn add_phrase_synonyms<'a>(index: &'a SearchIndex, clauses: &mut [Clause<'a>]) {
    for i in 0..clauses.len() {
        let Some((shard, stem)) = clauses[i].exact else { continue };
        let Some(vocab) = index.vocab.get(shard) else { continue };
        for synonym in
            vocab.synonyms.get(&stem).into_iter().flatten().filter(|s| !s.rest.is_empty())
        {
            let end = i + synonym.rest.len();
            let follows = synonym.rest.iter().enumerate().all(|(j, rest)| {
                clauses.get(i + 1 + j).and_then(|c| c.exact).is_some_and(|(_, s)| s == *rest)
            });
            if follows {
                for clause in &mut clauses[i..=end] {
                    clause.alts.push(Alt::Phrase(&synonym.phrase, SYNONYM));
                }
            }
        }
    }
}

/// A clause's score in every document: its best alternative.
fn score_clause<'a>(
    session: &mut Session<'a>,
    clause: &Clause<'a>,
    doc_count: usize,
    marked: &mut BTreeSet<StemId>,
) -> Vec<f64> {
    let impacts = &session.index.entry.impacts;
    let impact = |level: u8| f64::from(impacts.get(usize::from(level)).copied().unwrap_or(0));
    let mut best = vec![0.0; doc_count];
    for alt in &clause.alts {
        match alt {
            Alt::Stem(stem, mult) => {
                marked.insert(*stem);
                for p in stem_postings(session, *stem) {
                    let v = mult * impact(p.level);
                    if let Some(slot) = best.get_mut(p.doc as usize).filter(|s| v > **s) {
                        *slot = v;
                    }
                }
            }
            Alt::Phrase(phrase, mult) => {
                let mut sums = vec![0.0; doc_count];
                for word in phrase.iter() {
                    let Some((shard, i)) = session.lookup(word) else { continue };
                    let Some(&stem) = session.index.vocab.get(shard).and_then(|v| v.stems.get(i))
                    else {
                        continue;
                    };
                    marked.insert(stem);
                    for p in stem_postings(session, stem) {
                        if let Some(slot) = sums.get_mut(p.doc as usize) {
                            *slot += impact(p.level);
                        }
                    }
                }
                for (slot, sum) in best.iter_mut().zip(sums) {
                    let v = mult * (sum / phrase.len() as f64);
                    if v > *slot {
                        *slot = v;
                    }
                }
            }
        }
    }
    best
}

fn stem_postings<'a>(session: &mut Session<'a>, stem: StemId) -> &'a [Posting] {
    let shard = postings_shard_for(&session.index.entry.postings_bounds, stem);
    session.postings(shard).map_or(&[], |p| p.find(stem))
}

/// Whether `doc` passes the audience and section filters. A document without an audience is
/// for everyone.
fn passes_filter(index: &SearchIndex, doc: &DocRecord, options: &QueryOptions) -> bool {
    if let Some(audience) = options.audience.as_deref().filter(|a| !a.is_empty()) {
        let mask = doc.audience_mask();
        let bit = index.entry.audiences.iter().position(|a| a == audience);
        if mask != 0 && !bit.is_some_and(|b| b < 52 && mask & (1 << b) != 0) {
            return false;
        }
    }
    if let Some(section) = options.section.as_deref().filter(|s| !s.is_empty()) {
        let wanted = index.entry.sections.iter().position(|s| s == section).map(|i| i as u32 + 1);
        if wanted != Some(doc.section) {
            return false;
        }
    }
    true
}

/// Surface words to mark in excerpts: the words of the searched shards whose stem matched, and
/// those words' forms kept in other shards.
fn marked_words(session: &Session<'_>, stems: &BTreeSet<StemId>) -> HashSet<String> {
    let mut out = HashSet::new();
    for vocab in session.vocab_used.iter().filter_map(|&i| session.index.vocab.get(i)) {
        for (word, stem) in vocab.words.iter().zip(&vocab.stems) {
            if stems.contains(stem) {
                out.insert(word.clone());
            }
        }
        for (stem, words) in &vocab.others {
            if stems.contains(stem) {
                out.extend(words.iter().cloned());
            }
        }
    }
    out
}
