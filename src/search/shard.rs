//! Sharding: decide whether the index is one file or many, cut the vocabulary and the postings
//! into shards of about `shard_target_bytes`, and fill the entry that routes lookups to them.

use std::collections::HashMap;

use rayon::prelude::*;

use super::codec::varint_len;
use super::lexicon::Lexicon;
use super::model::{
    DocRecord, Entry, LEVELS, Posting, PostingsShard, StemId, VocabShard, impact_table,
};
use super::stem_keys::place_stem_keys;
use super::text::split_words;
use super::{SearchIndex, SearchOptions, language};

/// Decides whether to shard, cuts the vocabulary and postings into shards, and fills the entry.
pub(crate) fn assemble(
    lexicon: Lexicon,
    records: Vec<DocRecord>,
    filters: (Vec<String>, Vec<String>),
    options: &SearchOptions,
) -> SearchIndex {
    let (sections, audiences) = filters;
    let Lexicon { words, synonyms, lists, stem_texts } = lexicon;
    let word_sizes: Vec<usize> = words.iter().map(|(w, _, _)| w.len() + 4).collect();
    let postings_sizes: Vec<usize> =
        lists.par_iter().map(|list| 3 + encoded_postings_len(list)).collect();
    let records_size: usize = records
        .iter()
        .map(|r| {
            r.url.len()
                + r.title.len()
                + r.summary.len()
                + 24
                + r.parts.iter().map(|p| p.heading.len() + p.text.len() + 16).sum::<usize>()
        })
        .sum();
    let total =
        word_sizes.iter().sum::<usize>() + postings_sizes.iter().sum::<usize>() + records_size;
    let sharded =
        records.len() > options.shard_threshold_docs || total > options.shard_threshold_bytes;
    let target = if sharded { options.shard_target_bytes.max(1) } else { usize::MAX };

    let vocab_cuts = cut_points(&word_sizes, target);
    let mut vocab = Vec::with_capacity(vocab_cuts.len());
    let mut vocab_bounds = Vec::with_capacity(vocab_cuts.len());
    let mut words = words.into_iter();
    for (i, range) in ranges(&vocab_cuts, word_sizes.len()).enumerate() {
        let mut shard = VocabShard::default();
        for (word, stem, bucket) in words.by_ref().take(range.len()) {
            if let Some(list) = synonyms.get(&stem) {
                shard.synonyms.entry(stem).or_insert_with(|| list.clone());
            }
            shard.words.push(word);
            shard.stems.push(stem);
            shard.buckets.push(bucket);
        }
        let first = shard.words.first().filter(|_| i > 0).cloned().unwrap_or_default();
        vocab_bounds.push(first);
        vocab.push(shard);
    }
    link_split_stems(&mut vocab);
    place_stem_keys(&mut vocab, &vocab_bounds, &stem_texts, &synonyms);

    let postings_cuts = cut_points(&postings_sizes, target);
    let mut shards = Vec::with_capacity(postings_cuts.len());
    let mut postings_bounds = Vec::with_capacity(postings_cuts.len());
    let mut lists = lists.into_iter();
    for range in ranges(&postings_cuts, postings_sizes.len()) {
        let first = range.start as StemId;
        shards.push(PostingsShard { first, lists: lists.by_ref().take(range.len()).collect() });
        postings_bounds.push(first);
    }

    let chunk_size =
        if sharded { options.doc_chunk_size.max(1) as u32 } else { (records.len() as u32).max(1) };
    let known = language::known_words(&options.language).map(<[String]>::to_vec);
    let bounds = (vocab_bounds, postings_bounds);
    let entry = make_entry(&records, (sections, audiences), bounds, (sharded, chunk_size), options);
    SearchIndex { entry, vocab, postings: shards, docs: records, known: known.unwrap_or_default() }
}

/// The entry: sizes, shard boundaries, filters, and what crisis queries and the word list need.
fn make_entry(
    records: &[DocRecord],
    (sections, audiences): (Vec<String>, Vec<String>),
    (vocab_bounds, postings_bounds): (Vec<String>, Vec<StemId>),
    (sharded, chunk_size): (bool, u32),
    options: &SearchOptions,
) -> Entry {
    let help = options
        .help_url
        .as_deref()
        .and_then(|url| records.iter().position(|r| r.url == url))
        .map(|i| i as u32);
    let crisis = options.crisis_phrases.iter().map(|p| split_words(p));
    Entry {
        doc_count: records.len() as u32,
        sharded,
        chunk_size,
        impacts: impact_table(),
        sections,
        audiences,
        vocab_bounds,
        postings_bounds,
        language: options.language.clone(),
        crisis: crisis.filter(|p| !p.is_empty()).collect(),
        help,
        notice: options.help_notice.clone(),
        known: language::known_words(&options.language).is_some(),
    }
}

/// For stems whose words ended up in more than one vocabulary shard (rare: "die" and "dying"
/// sort far apart), lists in each shard the stem's words that live in the others, so a query
/// marks every form of a matched stem in excerpts whatever shards it loaded.
fn link_split_stems(vocab: &mut [VocabShard]) {
    let mut homes: HashMap<StemId, Vec<(usize, usize)>> = HashMap::new();
    for (s, shard) in vocab.iter().enumerate() {
        for (i, stem) in shard.stems.iter().enumerate() {
            homes.entry(*stem).or_default().push((s, i));
        }
    }
    for (stem, places) in homes {
        if places.iter().all(|(s, _)| *s == places[0].0) {
            continue;
        }
        for &(s, _) in &places {
            let elsewhere: Vec<String> = places
                .iter()
                .filter(|(other, _)| *other != s)
                .map(|&(other, i)| vocab[other].words[i].clone())
                .collect();
            vocab[s].others.insert(stem, elsewhere);
        }
    }
}

/// Bytes of a postings list in the compact encoding: a gap and a level per document.
fn encoded_postings_len(list: &[Posting]) -> usize {
    let mut prev: i64 = -1;
    let mut len = 0;
    for p in list {
        let gap = (i64::from(p.doc) - prev - 1) as u64;
        len += varint_len(gap * LEVELS as u64 + u64::from(p.level));
        prev = i64::from(p.doc);
    }
    len
}

/// Start positions of greedy chunks of at most about `target` bytes (always at least one).
fn cut_points(sizes: &[usize], target: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut acc = 0usize;
    for (i, size) in sizes.iter().enumerate() {
        if acc > 0 && acc.saturating_add(*size) > target {
            cuts.push(i);
            acc = 0;
        }
        acc = acc.saturating_add(*size);
    }
    cuts
}

/// The index ranges between consecutive cut points, the last ending at `len`.
fn ranges(cuts: &[usize], len: usize) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    cuts.iter().enumerate().map(move |(i, &start)| start..cuts.get(i + 1).copied().unwrap_or(len))
}
