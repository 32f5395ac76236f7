//! The candidates of each query word: the exact word, its stem, prefix completions and typo
//! corrections, with their synonym expansions, and the index files a query reads to find them
//! (the rules are in `query.rs`).

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashSet};

use super::SearchIndex;
use super::codec::{ENTRY_PATH, WORDS_PATH, docs_path, postings_path, vocab_path};
use super::language::{Analysis, WordStemmer};
use super::model::{
    DocRecord, Posting, PostingsShard, StemId, VocabShard, postings_shard_for, shard_for,
    shards_for_prefix,
};
use super::query::QueryWord;
use super::rank::RANKING;
use super::text::{cmp_utf16, edit_distance, len_utf16, prefix_utf16};

/// What a clause can match in a document.
pub(crate) enum Alt<'a> {
    Stem(StemId, f64),
    Phrase(&'a [String], f64),
}

/// One query word's alternatives.
#[derive(Default)]
pub(crate) struct Clause<'a> {
    pub(crate) alts: Vec<Alt<'a>>,
    /// The stem of an exact (or stemmed) match and the shard it was found in.
    pub(crate) exact: Option<(usize, StemId)>,
}

impl Clause<'_> {
    /// The stems this clause matches as typed (the word or its stem; not a prefix completion,
    /// a typo correction or a synonym).
    pub(crate) fn literal_stems(&self) -> BTreeSet<StemId> {
        let literal = |a: &Alt<'_>| match a {
            Alt::Stem(s, mult) if *mult >= RANKING.exact => Some(*s),
            _ => None,
        };
        self.alts.iter().filter_map(literal).collect()
    }

    /// The words of this clause's synonym phrases of two or more words.
    pub(crate) fn phrase_words(&self) -> impl Iterator<Item = String> + '_ {
        self.alts.iter().flat_map(|a| match a {
            Alt::Phrase(phrase, _) if phrase.len() > 1 => phrase.to_vec(),
            _ => Vec::new(),
        })
    }
}

/// The files a query reads, as the browser would load them.
pub(crate) struct Session<'a> {
    pub(crate) index: &'a SearchIndex,
    vocab_used: BTreeSet<usize>,
    pub(crate) files: BTreeSet<String>,
    stemmer: WordStemmer,
}

impl<'a> Session<'a> {
    pub(crate) fn new(index: &'a SearchIndex) -> Self {
        Session {
            index,
            vocab_used: BTreeSet::new(),
            files: BTreeSet::new(),
            stemmer: Analysis::for_code(&index.entry.language).stemmer(),
        }
    }

    pub(crate) fn touch(&mut self, path: String) {
        let own_file = self.index.entry.sharded || path == WORDS_PATH;
        self.files.insert(if own_file { path } else { ENTRY_PATH.to_string() });
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

    pub(crate) fn doc(&mut self, id: usize) -> Option<&'a DocRecord> {
        self.touch(docs_path(id / self.index.entry.chunk_size.max(1) as usize));
        self.index.docs.get(id)
    }

    /// The (shard, position) of `word` in the vocabulary.
    pub(crate) fn lookup(&mut self, word: &str) -> Option<(usize, usize)> {
        let shard = shard_for(&self.index.entry.vocab_bounds, word);
        self.vocab(shard)?.find(word).map(|i| (shard, i))
    }

    /// The stem of the word at (shard, position).
    pub(crate) fn stem_of(&self, shard: usize, i: usize) -> Option<StemId> {
        self.index.vocab.get(shard).and_then(|v| v.stems.get(i)).copied()
    }

    /// The shard and id of the stem of `word`, if the index has it.
    fn lookup_stem(&mut self, word: &str) -> Option<(usize, StemId)> {
        let stem = self.stemmer.stem(word).into_owned();
        let shard = shard_for(&self.index.entry.vocab_bounds, &stem);
        self.vocab(shard)?.find_stem(&stem).map(|id| (shard, id))
    }

    /// Whether `word` is a common word of the site's language: then it is a real word (or a
    /// form of one), not a typo.
    fn is_known(&mut self, word: &str) -> bool {
        if !self.index.entry.known {
            return false;
        }
        self.touch(WORDS_PATH.to_string());
        self.index.known.binary_search_by(|k| cmp_utf16(k, word)).is_ok()
    }

    pub(crate) fn stem_postings(&mut self, stem: StemId) -> &'a [Posting] {
        let shard = postings_shard_for(&self.index.entry.postings_bounds, stem);
        self.postings(shard).map_or(&[], |p| p.find(stem))
    }

    /// Surface words of the searched shards whose stem is in `stems`, and those stems' forms
    /// kept in other shards.
    pub(crate) fn words_of(&self, stems: &BTreeSet<StemId>) -> HashSet<String> {
        let mut out = HashSet::new();
        for vocab in self.vocab_used.iter().filter_map(|&i| self.index.vocab.get(i)) {
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
}

/// Joins words glued by `-` or `/` into one word when the vocabulary has the joined word (or
/// its stem): "self-harm" -> "selfharm".
pub(crate) fn glue_compounds(session: &mut Session<'_>, words: Vec<QueryWord>) -> Vec<QueryWord> {
    let mut out: Vec<QueryWord> = Vec::with_capacity(words.len());
    for word in words {
        if let Some(last) = out.last_mut().filter(|_| word.glued) {
            let joined = format!("{}{}", last.text, word.text);
            if session.lookup(&joined).is_some() || session.lookup_stem(&joined).is_some() {
                last.text = joined;
                last.prefix = word.prefix;
                continue;
            }
        }
        out.push(word);
    }
    out
}

/// A candidate: the stem it stands for, the shard it was found in, its multiplier.
struct Candidate {
    stem: StemId,
    shard: usize,
    mult: f64,
}

/// The candidates of one query word (exact or stemmed, prefixes, else typos), with the
/// expansions of their one-word synonym keys.
pub(crate) fn match_word<'a>(session: &mut Session<'a>, word: &QueryWord) -> Clause<'a> {
    let index = session.index;
    let mut clause = Clause::default();
    let mut found: Vec<Candidate> = Vec::new();
    let exact =
        session.lookup(&word.text).and_then(|(shard, i)| Some((shard, session.stem_of(shard, i)?)));
    if let Some((shard, stem)) = exact {
        found.push(Candidate { stem, shard, mult: RANKING.exact });
        clause.exact = Some((shard, stem));
    }
    if word.prefix {
        let matches = prefix_matches(session, &word.text);
        add_candidates(
            &mut found,
            matches.into_iter().map(|(shard, stem)| (shard, stem, RANKING.prefix)),
        );
    }
    if found.is_empty() {
        let stemmed = session.lookup_stem(&word.text);
        // A common word the site lacks is never corrected into another word; any other word
        // is corrected when it is a typo's distance from a site word, else taken by its stem.
        let typos =
            if len_utf16(&word.text) >= RANKING.typo_one_min && !session.is_known(&word.text) {
                let max = if len_utf16(&word.text) >= RANKING.typo_two_min { 2 } else { 1 };
                typo_matches(session, &word.text, max)
            } else {
                Vec::new()
            };
        if typos.is_empty() {
            if let Some((shard, stem)) = stemmed {
                found.push(Candidate { stem, shard, mult: RANKING.exact });
                clause.exact = Some((shard, stem));
            }
        }
        add_candidates(
            &mut found,
            typos.into_iter().map(|(shard, stem, d)| {
                (shard, stem, if d == 1 { RANKING.typo_one } else { RANKING.typo_two })
            }),
        );
    }
    for candidate in found {
        let Some(vocab) = index.vocab.get(candidate.shard) else { continue };
        clause.alts.push(Alt::Stem(candidate.stem, candidate.mult));
        let one_word =
            vocab.synonyms.get(&candidate.stem).into_iter().flatten().filter(|s| s.rest.is_empty());
        for synonym in one_word {
            clause.alts.push(Alt::Phrase(&synonym.phrase, candidate.mult * RANKING.synonym));
        }
    }
    clause
}

/// Words that `prefix` starts (but is not), most frequent first, then shortest, then in order:
/// (shard, stem) of each.
fn prefix_matches(session: &mut Session<'_>, prefix: &str) -> Vec<(usize, StemId)> {
    let index = session.index;
    let mut list: Vec<(usize, usize)> = Vec::new();
    for shard in shards_for_prefix(&index.entry.vocab_bounds, prefix) {
        let Some(vocab) = session.vocab(shard) else { continue };
        let from = vocab.words.partition_point(|w| cmp_utf16(w, prefix).is_lt());
        let matching = vocab.words.iter().enumerate().skip(from);
        list.extend(
            matching
                .take_while(|(_, w)| w.starts_with(prefix))
                .filter(|(_, w)| *w != prefix)
                .map(|(i, _)| (shard, i)),
        );
    }
    list.sort_by_cached_key(|&(shard, i)| {
        let vocab = &index.vocab[shard];
        let word = &vocab.words[i];
        (
            Reverse(vocab.buckets.get(i).copied().unwrap_or(0)),
            len_utf16(word),
            word.encode_utf16().collect::<Vec<_>>(),
        )
    });
    list.into_iter().filter_map(|(shard, i)| Some((shard, session.stem_of(shard, i)?))).collect()
}

/// Words within `max` edits of `word` in its typo shards: (shard, stem, distance), closest
/// first, then most frequent, then in order.
fn typo_matches(session: &mut Session<'_>, word: &str, max: usize) -> Vec<(usize, StemId, usize)> {
    let index = session.index;
    let len = len_utf16(word);
    let target: Vec<u16> = word.encode_utf16().collect();
    let mut list: Vec<(usize, usize, usize)> = Vec::new();
    for shard in typo_shards(&index.entry.vocab_bounds, word) {
        let Some(vocab) = session.vocab(shard) else { continue };
        for (i, w) in vocab.words.iter().enumerate() {
            if len_utf16(w).abs_diff(len) > max {
                continue;
            }
            let units: Vec<u16> = w.encode_utf16().collect();
            if let Some(d) = edit_distance(&target, &units, max).filter(|&d| d > 0) {
                list.push((shard, i, d));
            }
        }
    }
    list.sort_by_cached_key(|&(shard, i, d)| {
        let vocab = &index.vocab[shard];
        (
            d,
            Reverse(vocab.buckets.get(i).copied().unwrap_or(0)),
            vocab.words[i].encode_utf16().collect::<Vec<_>>(),
        )
    });
    list.into_iter()
        .filter_map(|(shard, i, d)| Some((shard, session.stem_of(shard, i)?, d)))
        .collect()
}

/// Appends candidates whose stem is new, until `max_candidates` were added.
fn add_candidates(
    found: &mut Vec<Candidate>,
    candidates: impl Iterator<Item = (usize, StemId, f64)>,
) {
    let mut added = 0;
    for (shard, stem, mult) in candidates {
        if added == RANKING.max_candidates {
            break;
        }
        if found.iter().any(|c| c.stem == stem) {
            continue;
        }
        found.push(Candidate { stem, shard, mult });
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
pub(crate) fn add_phrase_synonyms<'a>(index: &'a SearchIndex, clauses: &mut [Clause<'a>]) {
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
                    clause.alts.push(Alt::Phrase(&synonym.phrase, RANKING.synonym));
                }
            }
        }
    }
}
