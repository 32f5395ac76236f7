//! Building the index: tokenise documents (`tokens.rs`), stem each distinct word once, score
//! every (stem, document) pair with BM25F, keep bounded text for excerpts, then hand over to
//! `lexicon.rs` (words, stems, synonyms) and `shard.rs` (files of the right size).
//!
//! The work is linear in the text: one pass per document (rayon), one stemmer call per distinct
//! word, one pass over the postings. Nothing is precomputed for typos; the browser computes edit
//! distances over the vocabulary shards a query loads.

use std::collections::BTreeSet;

use rayon::prelude::*;

use super::language::Analysis;
use super::lexicon::make_lexicon;
use super::model::{DocPart, DocRecord, LEVELS, LEVELS_PER_DOUBLING, Posting};
use super::shard::assemble;
use super::text::cmp_utf16;
use super::tokens::{FIELDS, FieldCounts, tokenize};
use super::{SearchDoc, SearchIndex, SearchOptions};
use crate::hasher::FxHashMap;

/// BM25F weight of each field.
const FIELD_WEIGHTS: [f64; FIELDS] = [10.0, 8.0, 4.0, 3.0, 1.0];
/// BM25F length normalisation of each field (0 = none, 1 = full).
const FIELD_B: [f64; FIELDS] = [0.3, 0.3, 0.5, 0.5, 0.75];
/// BM25 term-frequency saturation.
const K1: f64 = 1.2;
/// Longest summary kept for excerpts, in words.
const SUMMARY_WORDS: usize = 60;

/// Builds the search index of `docs`. Documents are ordered by URL, so the output does not
/// depend on the input order.
pub fn build_index(docs: &[SearchDoc], options: &SearchOptions) -> SearchIndex {
    let mut docs: Vec<&SearchDoc> = docs.iter().collect();
    docs.sort_by(|a, b| (&a.url, &a.title).cmp(&(&b.url, &b.title)));
    let mut tokens = tokenize(&docs);

    let analysis = Analysis::for_code(&options.language);
    // Stem every distinct word once; stop words get no stem and so are never indexed.
    let stems: Vec<Option<String>> = tokens
        .words
        .par_iter()
        .map_init(
            || analysis.stemmer(),
            |s, w| (!analysis.is_stop_word(w)).then(|| s.stem(w).into_owned()),
        )
        .collect();
    let mut stem_names: Vec<&str> = stems.iter().flatten().map(String::as_str).collect();
    stem_names.par_sort_unstable_by(|a, b| cmp_utf16(a, b));
    stem_names.dedup();
    let stem_ids: FxHashMap<&str, u32> =
        stem_names.iter().enumerate().map(|(i, s)| (*s, i as u32)).collect();
    let word_stem: Vec<u32> = stems
        .iter()
        .map(|s| s.as_deref().and_then(|s| stem_ids.get(s).copied()).unwrap_or(NO_STEM))
        .collect();

    let doc_stems: Vec<DocStems> = std::mem::take(&mut tokens.docs)
        .into_par_iter()
        .map_init(
            || vec![NO_STEM; stem_names.len()],
            |slots, words| group_by_stem(&words, &word_stem, slots),
        )
        .collect();
    let lists = score_postings(&doc_stems, stem_names.len());
    drop(doc_stems);

    let corpus: Vec<(&str, &str)> = tokens
        .words
        .iter()
        .zip(&stems)
        .filter_map(|(w, s)| Some((w.as_str(), s.as_deref()?)))
        .collect();
    let lexicon = make_lexicon(&corpus, &stem_names, lists, &docs, options);

    let sections = sorted_unique(docs.iter().map(|d| d.section.as_str()));
    let audiences = sorted_unique(docs.iter().flat_map(|d| d.audience.iter().map(String::as_str)));
    let records: Vec<DocRecord> = docs
        .par_iter()
        .map(|d| make_record(d, &sections, &audiences, options.excerpt_words))
        .collect();
    assemble(lexicon, records, (sections, audiences), options)
}

/// Marks a word without a stem (a stop word).
const NO_STEM: u32 = u32::MAX;

/// A document's stems with per-field counts summed over the words sharing a stem, and its
/// field lengths (in indexed words, so stop words do not count).
struct DocStems {
    stems: Vec<(u32, FieldCounts)>,
    lens: [u32; FIELDS],
}

fn group_by_stem(words: &[(u32, FieldCounts)], word_stem: &[u32], slot_of: &mut [u32]) -> DocStems {
    // `slot_of[stem]` is the stem's position in `stems` while this document is grouped; it is
    // reset afterwards, so the buffer is reused across documents without sorting.
    let mut lens = [0u32; FIELDS];
    let mut stems: Vec<(u32, FieldCounts)> = Vec::with_capacity(words.len());
    for (word, tf) in words {
        let stem = word_stem.get(*word as usize).copied().unwrap_or(NO_STEM);
        if stem == NO_STEM {
            continue;
        }
        for f in 0..FIELDS {
            lens[f] += u32::from(tf[f]);
        }
        let Some(slot) = slot_of.get_mut(stem as usize) else { continue };
        if *slot == NO_STEM {
            *slot = stems.len() as u32;
            stems.push((stem, *tf));
        } else if let Some((_, kept)) = stems.get_mut(*slot as usize) {
            for f in 0..FIELDS {
                kept[f] = kept[f].saturating_add(tf[f]);
            }
        }
    }
    for (stem, _) in &stems {
        slot_of[*stem as usize] = NO_STEM;
    }
    DocStems { stems, lens }
}

/// Postings of every stem with BM25F impact levels, documents in ascending order.
fn score_postings(docs: &[DocStems], stem_count: usize) -> Vec<Vec<Posting>> {
    let mut df = vec![0u32; stem_count];
    for doc in docs {
        for (stem, _) in &doc.stems {
            df[*stem as usize] += 1;
        }
    }
    let mut avg = [0f64; FIELDS];
    for (f, slot) in avg.iter_mut().enumerate() {
        let (sum, count) = docs
            .iter()
            .map(|d| d.lens[f])
            .filter(|&l| l > 0)
            .fold((0u64, 0u64), |(s, c), l| (s + u64::from(l), c + 1));
        *slot = if count == 0 { 1.0 } else { sum as f64 / count as f64 };
    }
    let n = docs.len() as f64;
    let idf: Vec<f64> =
        df.iter().map(|&d| (1.0 + (n - f64::from(d) + 0.5) / (f64::from(d) + 0.5)).ln()).collect();
    // Per document, each field's weight over its length normalisation: the BM25F sum of a
    // stem is then one multiply-add per field it occurs in.
    let factors: Vec<[f64; FIELDS]> = docs
        .par_iter()
        .map(|d| {
            let mut f = [0.0; FIELDS];
            for (k, slot) in f.iter_mut().enumerate() {
                let norm = 1.0 - FIELD_B[k] + FIELD_B[k] * f64::from(d.lens[k]) / avg[k];
                *slot = FIELD_WEIGHTS[k] / norm;
            }
            f
        })
        .collect();
    let score = |doc: usize, i: usize| {
        let (stem, tf) = &docs[doc].stems[i];
        bm25f(tf, &factors[doc], idf[*stem as usize])
    };
    // The top level is the highest score possible: a word found in one document only, with
    // saturated frequency. Real top scores come close (a rare word in a title).
    let max = (1.0 + (n - 0.5) / 1.5).ln() * (K1 + 1.0);
    let thresholds = level_thresholds(max);
    let levels: Vec<Vec<u8>> = (0..docs.len())
        .into_par_iter()
        .map(|d| {
            (0..docs[d].stems.len())
                .map(|i| {
                    let score = score(d, i);
                    thresholds.partition_point(|&t| t <= score) as u8
                })
                .collect()
        })
        .collect();
    let mut lists: Vec<Vec<Posting>> = df.iter().map(|&d| Vec::with_capacity(d as usize)).collect();
    for (doc, (d, doc_levels)) in docs.iter().zip(&levels).enumerate() {
        for ((stem, _), level) in d.stems.iter().zip(doc_levels) {
            lists[*stem as usize].push(Posting { doc: doc as u32, level: *level });
        }
    }
    lists
}

/// BM25F: term frequencies weighted and length-normalised per field (`factors`), summed, then
/// saturated and scaled by the stem's idf.
fn bm25f(tf: &FieldCounts, factors: &[f64; FIELDS], idf: f64) -> f64 {
    let mut weighted = 0.0;
    for f in 0..FIELDS {
        if tf[f] > 0 {
            weighted += f64::from(tf[f]) * factors[f];
        }
    }
    idf * weighted * (K1 + 1.0) / (K1 + weighted)
}

/// The lowest score of each impact level above 0: the `max` score is the top level, and each
/// level below covers scores [`LEVELS_PER_DOUBLING`] times smaller per halving (rounded to the
/// nearest level). A score's level is the number of thresholds at or below it.
fn level_thresholds(max: f64) -> Vec<f64> {
    let top = (LEVELS - 1) as f64;
    (1..LEVELS).map(|q| max * ((q as f64 - 0.5 - top) / LEVELS_PER_DOUBLING).exp2()).collect()
}

/// Distinct non-empty strings, sorted.
fn sorted_unique<'a>(items: impl Iterator<Item = &'a str>) -> Vec<String> {
    let set: BTreeSet<&str> = items.filter(|s| !s.is_empty()).collect();
    set.into_iter().map(str::to_owned).collect()
}

/// What a result shows: URL, title, kind, filters, and the start of each section's text.
fn make_record(
    doc: &SearchDoc,
    sections: &[String],
    audiences: &[String],
    words: usize,
) -> DocRecord {
    let section = sections.binary_search(&doc.section).map_or(0, |i| i as u32 + 1);
    let mut audience: Vec<u32> = doc
        .audience
        .iter()
        .filter_map(|a| audiences.binary_search(a).ok())
        .map(|i| i as u32)
        .collect();
    audience.sort_unstable();
    audience.dedup();
    let parts = doc
        .sections
        .iter()
        .map(|s| DocPart {
            anchor: s.anchor.clone(),
            heading: truncate_words(&s.heading, usize::MAX),
            text: truncate_words(&s.text, words),
        })
        .filter(|p| p.anchor.is_some() || !p.text.is_empty())
        .collect();
    DocRecord {
        url: doc.url.clone(),
        title: doc.title.clone(),
        kind: doc.kind,
        section,
        audiences: audience,
        summary: truncate_words(&doc.summary, SUMMARY_WORDS),
        parts,
        asks: doc.asks.clone(),
    }
}

/// The first `words` words of `text` with whitespace collapsed, and " …" if any were cut.
fn truncate_words(text: &str, words: usize) -> String {
    let mut out = String::new();
    for (i, word) in crate::words::words(text).enumerate() {
        if i == words {
            out.push_str(" …");
            break;
        }
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
