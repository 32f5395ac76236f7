//! Building the index: tokenise documents in parallel, stem each distinct word once, score
//! every (stem, document) pair with BM25F, gather synonyms, and cut the vocabulary and the
//! postings into shards.
//!
//! The work is linear in the text: one pass per document (rayon), one stemmer call per distinct
//! word, one pass over the postings. Nothing is precomputed for typos; the browser computes edit
//! distances over the vocabulary shards a query loads.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};

use super::codec::varint_len;
use super::hasher::{FxHashMap, FxHashSet};
use super::model::{
    DocPart, DocRecord, Entry, LEVELS, LEVELS_PER_DOUBLING, Posting, PostingsShard, StemId,
    Synonym, VocabShard, df_bucket, impact_table,
};
use super::text::{cmp_utf16, is_stop_word, push_normalized, split_indexable};
use super::{DocKind, SearchDoc, SearchIndex, SearchOptions};

/// Fields in weight order: title, glossary term and aliases, headings, summary, body.
const FIELDS: usize = 5;
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
    let __t = std::time::Instant::now();
    eprintln!("{:?} before: {}", __t.elapsed(), "let mut docs: Vec<&SearchDoc> = docs.ite");
    let mut docs: Vec<&SearchDoc> = docs.iter().collect();
    docs.sort_by(|a, b| (&a.url, &a.title).cmp(&(&b.url, &b.title)));
    eprintln!("{:?} before: {}", __t.elapsed(), "let tokens: Vec<DocTokens> = docs.par_it");
    let tokens: Vec<DocTokens> = docs.par_iter().map(|d| tokenize_doc(d)).collect();

    eprintln!("{:?} before: {}", __t.elapsed(), "let corpus_words = collect_words(&tokens");
    let corpus_words = collect_words(&tokens);
    eprintln!("{:?} before: {}", __t.elapsed(), "let corpus_stems = stem_all(&corpus_word");
    let corpus_stems = stem_all(&corpus_words);
    eprintln!("{:?} before: {}", __t.elapsed(), "let mut stem_names: Vec<&str> = corpus_s");
    let mut stem_names: Vec<&str> = corpus_stems.iter().map(String::as_str).collect();
    stem_names.par_sort_unstable_by(|a, b| cmp_utf16(a, b));
    stem_names.dedup();
    eprintln!("{:?} before: {}", __t.elapsed(), "let stem_ids: FxHashMap<&str, u32> =");
    let stem_ids: FxHashMap<&str, u32> =
        stem_names.iter().enumerate().map(|(i, s)| (*s, i as u32)).collect();
    eprintln!("{:?} before: {}", __t.elapsed(), "let word_stem: FxHashMap<&str, u32> = co");
    let word_stem: FxHashMap<&str, u32> = corpus_words
        .iter()
        .zip(&corpus_stems)
        .filter_map(|(w, s)| Some((*w, *stem_ids.get(s.as_str())?)))
        .collect();

    eprintln!("{:?} before: {}", __t.elapsed(), "let doc_stems: Vec<DocStems> =");
    let doc_stems: Vec<DocStems> =
        tokens.par_iter().map(|t| group_by_stem(t, &word_stem)).collect();
    eprintln!("{:?} before: {}", __t.elapsed(), "let lists = score_postings(&doc_stems, s");
    let lists = score_postings(&doc_stems, stem_names.len());

    eprintln!("{:?} before: {}", __t.elapsed(), "let mut vocab = Vocabulary::new(&corpus_");
    let mut vocab = Vocabulary::new(&corpus_words, &corpus_stems, &stem_names, &lists);
    eprintln!("{:?} before: {}", __t.elapsed(), "let synonyms = collect_synonyms(&docs, o");
    let synonyms = collect_synonyms(&docs, options, &mut vocab);
    eprintln!("{:?} before: {}", __t.elapsed(), "let words = vocab.into_sorted();");
    let words = vocab.into_sorted();
    eprintln!("{:?} before: {}", __t.elapsed(), "let (words, synonyms, lists) = number_st");
    let (words, synonyms, lists) = number_stems(words, synonyms, &stem_names, lists);

    eprintln!("{:?} before: {}", __t.elapsed(), "let sections = sorted_unique(docs.iter()");
    let sections = sorted_unique(docs.iter().map(|d| d.section.as_str()));
    eprintln!("{:?} before: {}", __t.elapsed(), "let audiences = sorted_unique(docs.iter(");
    let audiences = sorted_unique(docs.iter().flat_map(|d| d.audience.iter().map(String::as_str)));
    eprintln!("{:?} before: {}", __t.elapsed(), "let records: Vec<DocRecord> = docs");
    let records: Vec<DocRecord> = docs
        .par_iter()
        .map(|d| make_record(d, &sections, &audiences, options.excerpt_words))
        .collect();

    assemble(words, &synonyms, lists, records, sections, audiences, options)
}

/// Numbers every stem (corpus and synonym keys) in UTF-16 order of its text, and rewrites
/// words, synonyms and postings in terms of those ids.
fn number_stems(
    words: Vec<(String, String, u8)>,
    synonyms: BTreeMap<String, BTreeSet<(Vec<String>, Vec<String>)>>,
    corpus_stems: &[&str],
    corpus_lists: Vec<Vec<Posting>>,
) -> (Vec<(String, StemId, u8)>, BTreeMap<StemId, Vec<Synonym>>, Vec<Vec<Posting>>) {
    let mut stems: Vec<&str> = words.iter().map(|(_, s, _)| s.as_str()).collect();
    stems.par_sort_unstable_by(|a, b| cmp_utf16(a, b));
    stems.dedup();
    let ids: HashMap<&str, StemId> =
        stems.iter().enumerate().map(|(i, s)| (*s, i as StemId)).collect();
    let id = |stem: &str| ids.get(stem).copied().unwrap_or(0);
    let mut lists: Vec<Vec<Posting>> = vec![Vec::new(); stems.len()];
    for (stem, list) in corpus_stems.iter().zip(corpus_lists) {
        if let Some(slot) = lists.get_mut(id(stem) as usize) {
            *slot = list;
        }
    }
    let synonyms = synonyms
        .into_iter()
        .map(|(first, set)| {
            let list = set
                .into_iter()
                .map(|(rest, phrase)| Synonym {
                    rest: rest.iter().map(|s| id(s)).collect(),
                    phrase,
                })
                .collect();
            (id(&first), list)
        })
        .collect();
    let words = words.iter().map(|(w, s, b)| (w.clone(), id(s), *b)).collect();
    (words, synonyms, lists)
}

/// A document's distinct words (as byte ranges of `norm`) with their per-field counts.
struct DocTokens {
    norm: String,
    words: Vec<(usize, usize, [u16; FIELDS])>,
}

impl DocTokens {
    fn words(&self) -> impl Iterator<Item = (&str, &[u16; FIELDS])> {
        self.words.iter().map(|(start, end, tf)| (self.norm.get(*start..*end).unwrap_or(""), tf))
    }
}

/// Normalises each field and counts every word per field (stop words too: they are dropped
/// once per distinct word, later).
fn tokenize_doc(doc: &SearchDoc) -> DocTokens {
    let mut norm = String::with_capacity(doc.title.len() + doc.summary.len() + 64);
    let mut bounds = [0usize; FIELDS + 1];
    let fields: [Vec<&str>; FIELDS] = [
        vec![doc.title.as_str()],
        doc.terms.iter().map(String::as_str).collect(),
        doc.sections.iter().map(|s| s.heading.as_str()).collect(),
        vec![doc.summary.as_str()],
        doc.sections.iter().map(|s| s.text.as_str()).collect(),
    ];
    for (f, texts) in fields.iter().enumerate() {
        for text in texts {
            push_normalized(text, &mut norm);
            norm.push(' ');
        }
        bounds[f + 1] = norm.len();
    }
    let mut index: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(norm.len() / 16, Default::default());
    let mut words: Vec<(usize, usize, [u16; FIELDS])> = Vec::with_capacity(norm.len() / 16);
    for f in 0..FIELDS {
        let field = norm.get(bounds[f]..bounds[f + 1]).unwrap_or("");
        for word in field.split(' ').filter(|w| !w.is_empty()) {
            let slot = *index.entry(word).or_insert_with(|| {
                let start = word.as_ptr() as usize - norm.as_ptr() as usize;
                words.push((start, start + word.len(), [0; FIELDS]));
                words.len() - 1
            });
            let tf = &mut words[slot].2[f];
            *tf = tf.saturating_add(1);
        }
    }
    drop(index);
    DocTokens { norm, words }
}

/// The distinct words of all documents except stop words, in UTF-16 order.
fn collect_words(tokens: &[DocTokens]) -> Vec<&str> {
    let set = tokens
        .par_iter()
        .fold(FxHashSet::default, |mut set, t| {
            set.extend(t.words().map(|(w, _)| w));
            set
        })
        .reduce(FxHashSet::default, |mut a, b| {
            if a.len() < b.len() {
                return b.into_iter().chain(a).collect();
            }
            a.extend(b);
            a
        });
    let mut words: Vec<&str> = set.into_iter().filter(|w| !is_stop_word(w)).collect();
    words.par_sort_unstable_by(|a, b| cmp_utf16(a, b));
    words
}

/// English Snowball stems of `words`, one stemmer call per word.
fn stem_all(words: &[&str]) -> Vec<String> {
    words
        .par_iter()
        .map_init(|| Stemmer::create(Algorithm::English), |s, w| s.stem(w).into_owned())
        .collect()
}

/// A document's stems with per-field counts summed over the words sharing a stem, and its
/// field lengths (in indexed words, so stop words do not count).
struct DocStems {
    stems: Vec<(u32, [u16; FIELDS])>,
    lens: [u32; FIELDS],
}

fn group_by_stem(tokens: &DocTokens, word_stem: &FxHashMap<&str, u32>) -> DocStems {
    let mut lens = [0u32; FIELDS];
    let mut stems: Vec<(u32, [u16; FIELDS])> = Vec::with_capacity(tokens.words.len());
    for (word, tf) in tokens.words() {
        if let Some(&stem) = word_stem.get(word) {
            for f in 0..FIELDS {
                lens[f] += u32::from(tf[f]);
            }
            stems.push((stem, *tf));
        }
    }
    stems.sort_unstable_by_key(|(stem, _)| *stem);
    stems.dedup_by(|later, kept| {
        if later.0 != kept.0 {
            return false;
        }
        for f in 0..FIELDS {
            kept.1[f] = kept.1[f].saturating_add(later.1[f]);
        }
        true
    });
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
    let scores: Vec<Vec<f64>> = docs
        .par_iter()
        .map(|d| d.stems.iter().map(|(s, tf)| bm25f(tf, &d.lens, &avg, idf[*s as usize])).collect())
        .collect();
    let max =
        scores.par_iter().map(|s| s.iter().copied().fold(0.0, f64::max)).reduce(|| 0.0, f64::max);
    let levels: Vec<Vec<u8>> =
        scores.par_iter().map(|s| s.iter().map(|&x| quantize(x, max)).collect()).collect();
    let mut lists: Vec<Vec<Posting>> = df.iter().map(|&d| Vec::with_capacity(d as usize)).collect();
    for (doc, (d, doc_levels)) in docs.iter().zip(&levels).enumerate() {
        for ((stem, _), level) in d.stems.iter().zip(doc_levels) {
            lists[*stem as usize].push(Posting { doc: doc as u32, level: *level });
        }
    }
    lists
}

/// BM25F: weighted, length-normalised term frequency summed over fields, then saturated.
fn bm25f(tf: &[u16; FIELDS], lens: &[u32; FIELDS], avg: &[f64; FIELDS], idf: f64) -> f64 {
    let mut weighted = 0.0;
    for f in 0..FIELDS {
        if tf[f] > 0 {
            let norm = 1.0 - FIELD_B[f] + FIELD_B[f] * f64::from(lens[f]) / avg[f];
            weighted += FIELD_WEIGHTS[f] * f64::from(tf[f]) / norm;
        }
    }
    idf * weighted * (K1 + 1.0) / (K1 + weighted)
}

/// Impact level of `score`: the top score is the top level, five levels per halving below it.
fn quantize(score: f64, max: f64) -> u8 {
    if score <= 0.0 || max <= 0.0 {
        return 0;
    }
    let top = (LEVELS - 1) as f64;
    (top + (LEVELS_PER_DOUBLING * (score / max).log2()).round()).clamp(0.0, top) as u8
}

/// Every surface word with its stem: the corpus words plus synonym keys the corpus lacks.
struct Vocabulary {
    stems: HashMap<String, String>,
    first_word: HashMap<String, String>,
    df: HashMap<String, u32>,
    stemmer: Stemmer,
}

impl Vocabulary {
    fn new(words: &[&str], stems: &[String], stem_names: &[&str], lists: &[Vec<Posting>]) -> Self {
        let mut first_word: HashMap<String, String> = HashMap::new();
        for (word, stem) in words.iter().zip(stems) {
            first_word.entry(stem.clone()).or_insert_with(|| word.to_string());
        }
        Vocabulary {
            stems: words.iter().zip(stems).map(|(w, s)| (w.to_string(), s.clone())).collect(),
            first_word,
            df: stem_names
                .iter()
                .zip(lists)
                .map(|(s, l)| (s.to_string(), l.len() as u32))
                .collect(),
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// The stem of `word`, adding the word to the vocabulary if the corpus lacks it (so the
    /// browser can find a synonym key that no document contains).
    fn ensure(&mut self, word: &str) -> String {
        if let Some(stem) = self.stems.get(word) {
            return stem.clone();
        }
        let stem = self.stemmer.stem(word).into_owned();
        self.stems.insert(word.to_string(), stem.clone());
        stem
    }

    /// The surface word the browser should look up for `word` in an expansion phrase: the word
    /// itself if indexed, else the first indexed word with the same stem, else the word.
    fn representative(&self, word: &str) -> String {
        if self.stems.contains_key(word) {
            return word.to_string();
        }
        let stem = self.stemmer.stem(word);
        self.first_word.get(stem.as_ref()).cloned().unwrap_or_else(|| word.to_string())
    }

    /// (word, stem, document-frequency class) in UTF-16 order.
    fn into_sorted(self) -> Vec<(String, String, u8)> {
        let mut out: Vec<(String, String, u8)> = self
            .stems
            .into_iter()
            .map(|(w, s)| {
                let bucket = df_bucket(self.df.get(&s).copied().unwrap_or(0));
                (w, s, bucket)
            })
            .collect();
        out.par_sort_unstable_by(|a, b| cmp_utf16(&a.0, &b.0));
        out
    }
}

/// Query expansions keyed by the stem of the key's first word: the site's `synonyms`, plus
/// glossary aliases in both directions (alias -> term, term -> alias).
fn collect_synonyms(
    docs: &[&SearchDoc],
    options: &SearchOptions,
    vocab: &mut Vocabulary,
) -> BTreeMap<String, BTreeSet<(Vec<String>, Vec<String>)>> {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for (key, values) in &options.synonyms {
        pairs.extend(values.iter().map(|v| (key.as_str(), v.as_str())));
    }
    for doc in docs.iter().filter(|d| d.kind == DocKind::Term) {
        if let Some((term, aliases)) = doc.terms.split_first() {
            for alias in aliases {
                pairs.push((alias, term));
                pairs.push((term, alias));
            }
        }
    }
    let mut out: BTreeMap<String, BTreeSet<(Vec<String>, Vec<String>)>> = BTreeMap::new();
    for (key, value) in pairs {
        let key_stems: Vec<String> = split_indexable(key).iter().map(|w| vocab.ensure(w)).collect();
        let phrase: Vec<String> =
            split_indexable(value).iter().map(|w| vocab.representative(w)).collect();
        let Some((first, rest)) = key_stems.split_first() else { continue };
        if phrase.is_empty() || phrase == split_indexable(key) {
            continue;
        }
        out.entry(first.clone()).or_default().insert((rest.to_vec(), phrase));
    }
    out
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
    }
}

/// The first `words` words of `text` with whitespace collapsed, and " …" if any were cut.
fn truncate_words(text: &str, words: usize) -> String {
    let mut out = String::new();
    for (i, word) in text.split_whitespace().enumerate() {
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

/// Decides whether to shard, cuts the vocabulary and postings into shards, and fills the entry.
fn assemble(
    words: Vec<(String, StemId, u8)>,
    synonyms: &BTreeMap<StemId, Vec<Synonym>>,
    lists: Vec<Vec<Posting>>,
    records: Vec<DocRecord>,
    sections: Vec<String>,
    audiences: Vec<String>,
    options: &SearchOptions,
) -> SearchIndex {
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

    let postings_cuts = cut_points(&postings_sizes, target);
    let mut shards = Vec::with_capacity(postings_cuts.len());
    let mut postings_bounds = Vec::with_capacity(postings_cuts.len());
    let mut lists = lists.into_iter();
    for range in ranges(&postings_cuts, postings_sizes.len()) {
        let first = range.start as StemId;
        shards.push(PostingsShard { first, lists: lists.by_ref().take(range.len()).collect() });
        postings_bounds.push(first);
    }

    let doc_count = records.len() as u32;
    let chunk_size = if sharded { options.doc_chunk_size.max(1) as u32 } else { doc_count.max(1) };
    let entry = Entry {
        doc_count,
        sharded,
        chunk_size,
        impacts: impact_table(),
        sections,
        audiences,
        vocab_bounds,
        postings_bounds,
    };
    SearchIndex { entry, vocab, postings: shards, docs: records }
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
