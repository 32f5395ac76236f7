//! The lexicon: every surface word with its stem and document-frequency class, the query
//! expansions (the site's `synonyms` and glossary aliases), and the numbering of stems that the
//! index uses instead of their text.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::language::{Analysis, WordStemmer};
use super::model::{Posting, StemId, Synonym, df_bucket};
use super::text::{cmp_utf16, split_indexable};
use super::{DocKind, SearchDoc, SearchOptions};

/// Query expansions by stem text: the stem of a key's first word -> (stems of the key's other
/// words, surface words of the expansion).
type SynonymTexts = BTreeMap<String, BTreeSet<(Vec<String>, Vec<String>)>>;

/// The words, expansions and postings with stems numbered: what the shards are cut from.
pub(crate) struct Lexicon {
    /// (surface word, stem id, document-frequency class), in UTF-16 order of the words.
    pub(crate) words: Vec<(String, StemId, u8)>,
    /// Query expansions keyed by the stem of a key's first word.
    pub(crate) synonyms: BTreeMap<StemId, Vec<Synonym>>,
    /// Postings of each stem id (empty for stems only synonym keys have).
    pub(crate) lists: Vec<Vec<Posting>>,
    /// The text of each stem id.
    pub(crate) stem_texts: Vec<String>,
}

/// Builds the lexicon from the corpus's (word, stem) pairs (words in UTF-16 order), its stems
/// in UTF-16 order and their postings, plus the expansions from `options` and glossary terms.
pub(crate) fn make_lexicon(
    corpus: &[(&str, &str)],
    stem_names: &[&str],
    lists: Vec<Vec<Posting>>,
    docs: &[&SearchDoc],
    options: &SearchOptions,
) -> Lexicon {
    let analysis = Analysis::for_code(&options.language);
    let mut vocab = Vocabulary::new(corpus, stem_names, &lists, &analysis);
    let synonyms = collect_synonyms(docs, options, &mut vocab, &analysis);
    number_stems(vocab.into_sorted(), synonyms, stem_names, lists)
}

/// Every surface word with its stem: the corpus words plus synonym keys the corpus lacks.
struct Vocabulary {
    stems: HashMap<String, String>,
    first_word: HashMap<String, String>,
    df: HashMap<String, u32>,
    stemmer: WordStemmer,
}

impl Vocabulary {
    /// The corpus's (word, stem) pairs, words in UTF-16 order.
    fn new(
        corpus: &[(&str, &str)],
        stem_names: &[&str],
        lists: &[Vec<Posting>],
        analysis: &Analysis,
    ) -> Self {
        let mut first_word: HashMap<String, String> = HashMap::new();
        for (word, stem) in corpus {
            first_word.entry(stem.to_string()).or_insert_with(|| word.to_string());
        }
        Vocabulary {
            stems: corpus.iter().map(|(w, s)| (w.to_string(), s.to_string())).collect(),
            first_word,
            df: stem_names
                .iter()
                .zip(lists)
                .map(|(s, l)| (s.to_string(), l.len() as u32))
                .collect(),
            stemmer: analysis.stemmer(),
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
    analysis: &Analysis,
) -> SynonymTexts {
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
    let mut out = SynonymTexts::new();
    for (key, value) in pairs {
        let key_stems: Vec<String> =
            split_indexable(key, analysis).iter().map(|w| vocab.ensure(w)).collect();
        let phrase: Vec<String> =
            split_indexable(value, analysis).iter().map(|w| vocab.representative(w)).collect();
        let Some((first, rest)) = key_stems.split_first() else { continue };
        if phrase.is_empty() || phrase == split_indexable(key, analysis) {
            continue;
        }
        out.entry(first.clone()).or_default().insert((rest.to_vec(), phrase));
    }
    out
}

/// Numbers every stem (corpus and synonym keys) in UTF-16 order of its text, and rewrites
/// words, synonyms and postings in terms of those ids.
fn number_stems(
    words: Vec<(String, String, u8)>,
    synonyms: SynonymTexts,
    corpus_stems: &[&str],
    corpus_lists: Vec<Vec<Posting>>,
) -> Lexicon {
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
    let stem_texts = stems.iter().map(|s| s.to_string()).collect();
    Lexicon { words, synonyms, lists, stem_texts }
}
