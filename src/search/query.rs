//! Querying: match the reader's words against the vocabulary, expand synonyms, add up impacts
//! per document, and cut excerpts. `theme/search.js` implements exactly these rules, with the
//! constants of `rank.rs` that the index entry carries.
//!
//! - Each query word is a clause. Stop words (never indexed) are dropped, and so are the
//!   language's filler words (`language.rs`: pronouns, auxiliaries, contractions typed without
//!   an apostrophe) when the query has two or more words, unless quoted; a query of fillers
//!   only keeps them. Only a last word still being typed (no separator after it, and the query
//!   not submitted whole: [`QueryOptions::complete`]) is kept regardless and matches by prefix.
//! - Words glued by `-` or `/` ("self-harm") become their joined word when the vocabulary has
//!   it (the index holds compounds both joined and split), else stay separate.
//! - A clause's candidates: the exact word (x exact) and, for the word being typed if at least
//!   `prefix_min` code units long, words it is a prefix of (x prefix, the `max_candidates`
//!   most frequent). When neither found anything: a common word of the language (`search/w.js`,
//!   inflected forms included) is taken by its Snowball stem only, so a real word the site
//!   lacks is never "corrected" into another ("kill" never becomes "skill"); any other word of
//!   `typo_one_min` code units or more gets the words within an edit distance (optimal string
//!   alignment) of 1, or 2 from `typo_two_min` units (1 edit x typo_one, 2 edits x typo_two,
//!   the `max_candidates` closest), and only when there are none, its stem (x exact), looked
//!   up among the stem keys and words ("confidentality" is a typo, not a form of "confident").
//!   A candidate stands for its stem.
//! - A candidate's synonyms (one-word keys) add their expansion phrase at x synonym of the
//!   candidate; a multi-word key matched exactly by consecutive words adds its phrase to each
//!   of those clauses at x synonym. A phrase scores the mean of its words' impacts; when the
//!   word itself is in the site, the clause's synonym scores are scaled down so that the best
//!   is `synonym_cap` times the word's best literal score (the page titled with the word beats
//!   the page about its synonym).
//! - A clause scores a document by its best candidate. A document scores the sum over clauses
//!   times coverage squared, where coverage is the share of the clauses' weights it matched;
//!   a clause weighs `idf[df_bucket(documents it matches)]`, so a rare word counts more than
//!   common ones. Ties go to the lower document id (URL order).
//! - With two or more clauses, each of the top `proximity_pool` documents gains `proximity`
//!   times its score per pair of consecutive clauses whose words stand next to each other
//!   (stop and filler words aside) in its title, a heading or a reader question (`asks`).
//! - Crisis wording (`crisis.rs`) puts the help page first, whatever else matches.
//! - Vocabulary shards searched: the one holding the word (exact), the one holding its stem,
//!   those holding words with its prefix (prefix), and those holding words with its first two
//!   code units or those two swapped (typos). So on a sharded site a typo in the first two
//!   letters (other than swapping them) is not forgiven; an unsharded site has one shard and
//!   forgives it.

use std::collections::{BTreeSet, HashSet};

use super::candidates::{Alt, Clause, Session, add_phrase_synonyms, glue_compounds, match_word};
use super::codec::{ENTRY_PATH, FILTER_PATH};
use super::crisis::is_crisis;
use super::excerpt::make_excerpt;
use super::language::Analysis;
use super::model::{DocRecord, StemId, df_bucket};
use super::rank::{RANKING, idf_weights};
use super::text::{len_utf16, split_query_tokens, split_words};
use super::{Hit, QueryOptions, Results, SearchIndex};

/// Searches `index` for `q` and returns at most `options.limit` hits, best first.
pub fn query(index: &SearchIndex, q: &str, options: &QueryOptions) -> Vec<Hit> {
    run_query(index, q, options).hits
}

/// Searches `index` for `q`: the hits, and whether the query used crisis wording.
pub fn search(index: &SearchIndex, q: &str, options: &QueryOptions) -> Results {
    let outcome = run_query(index, q, options);
    Results { hits: outcome.hits, crisis: outcome.crisis }
}

/// A query's hits, the index files it read (for download budgets) and its crisis flag.
pub(crate) struct Outcome {
    pub(crate) hits: Vec<Hit>,
    #[cfg_attr(not(test), expect(dead_code, reason = "the tests' download budgets read it"))]
    pub(crate) files: BTreeSet<String>,
    pub(crate) crisis: bool,
}

/// A query word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryWord {
    pub(crate) text: String,
    pub(crate) prefix: bool,
    /// Glued to the word before it by `-` or `/`.
    pub(crate) glued: bool,
}

/// A parsed query: its clause words, every word it has (for crisis wording), and whether the
/// last word is still being typed.
pub(crate) struct ParsedQuery {
    pub(crate) words: Vec<QueryWord>,
    pub(crate) all: Vec<String>,
    pub(crate) typing: bool,
}

/// Splits a query into clause words: normalised, stop words and (in queries of two or more
/// words, outside quotes) filler words dropped, but for a last word still being typed;
/// duplicates dropped; at most `max_words`. A query of filler words only keeps them.
pub(crate) fn parse_query(q: &str, complete: bool, language: &str) -> ParsedQuery {
    let (tokens, typing) = split_query_tokens(q);
    let typing = typing && !complete;
    let analysis = Analysis::for_code(language);
    let fillers = analysis.query_stop_words();
    let pick = |drop_fillers: bool| {
        let mut words: Vec<QueryWord> = Vec::new();
        let mut kept_previous = false;
        for (i, token) in tokens.iter().enumerate() {
            let prefix =
                typing && i + 1 == tokens.len() && len_utf16(&token.text) >= RANKING.prefix_min;
            let filler = drop_fillers
                && !token.quoted
                && fillers.binary_search(&token.text.as_str()).is_ok();
            let duplicate = words.iter().any(|w| w.text == token.text);
            if ((analysis.is_stop_word(&token.text) || filler) && !prefix) || duplicate {
                kept_previous = false;
                continue;
            }
            let glued = token.glued && kept_previous;
            words.push(QueryWord { text: token.text.clone(), prefix, glued });
            kept_previous = true;
        }
        words
    };
    let mut words = pick(tokens.len() > 1);
    if words.is_empty() {
        words = pick(false);
    }
    words.truncate(RANKING.max_words);
    ParsedQuery { words, all: tokens.into_iter().map(|t| t.text).collect(), typing }
}

/// Runs a query; also reports the index files it read and whether it used crisis wording.
pub(crate) fn run_query(index: &SearchIndex, q: &str, options: &QueryOptions) -> Outcome {
    let mut session = Session::new(index);
    session.files.insert(ENTRY_PATH.to_string());
    let parsed = parse_query(q, options.complete, &index.entry.language);
    let crisis = index.entry.help.is_some()
        && is_crisis(
            &Analysis::for_code(&index.entry.language),
            &index.entry.crisis,
            &parsed.all,
            parsed.typing,
            &RANKING,
        );
    let words = glue_compounds(&mut session, parsed.words);
    let mut clauses: Vec<Clause<'_>> = words.iter().map(|w| match_word(&mut session, w)).collect();
    add_phrase_synonyms(index, &mut clauses);
    clauses.retain(|c| !c.alts.is_empty());
    if options.limit == 0 || (clauses.is_empty() && !crisis) {
        return Outcome { hits: Vec::new(), files: session.files, crisis: false };
    }
    let doc_count = index.entry.doc_count as usize;
    let mut marked_stems: BTreeSet<StemId> = BTreeSet::new();
    let scores: Vec<Vec<f64>> = clauses
        .iter()
        .map(|c| score_clause(&mut session, c, doc_count, &mut marked_stems))
        .collect();
    let mut ranked = rank_documents(&scores, doc_count, index.entry.doc_count);
    if has_filter(options) {
        session.touch(FILTER_PATH.to_string());
        ranked.retain(|(doc, _)| {
            index.docs.get(*doc).is_some_and(|d| passes_filter(index, d, options))
        });
    }
    if clauses.len() > 1 {
        boost_adjacent(&mut session, &clauses, &mut ranked);
    }
    if crisis {
        put_help_first(index, &mut ranked);
    }
    ranked.truncate(options.limit);
    let marked = session.words_of(&marked_stems);
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
    Outcome { hits, files: session.files, crisis }
}

fn has_filter(options: &QueryOptions) -> bool {
    options.audience.as_deref().is_some_and(|a| !a.is_empty())
        || options.section.as_deref().is_some_and(|s| !s.is_empty())
}

/// Every matched document with its score: the sum of its clause scores times the squared
/// share of the clause weights it matched, best first (ties: lower id first).
fn rank_documents(scores: &[Vec<f64>], doc_count: usize, n: u32) -> Vec<(usize, f64)> {
    let idf = idf_weights(n);
    let weights: Vec<f64> = scores
        .iter()
        .map(|clause| {
            let df = clause.iter().filter(|v| **v > 0.0).count() as u32;
            f64::from(idf.get(usize::from(df_bucket(df))).copied().unwrap_or(1))
        })
        .collect();
    let total_weight: f64 = weights.iter().sum();
    let mut ranked: Vec<(usize, f64)> = Vec::new();
    for doc in 0..doc_count {
        let (mut total, mut matched) = (0.0, 0.0);
        for (clause, weight) in scores.iter().zip(&weights) {
            if clause[doc] > 0.0 {
                total += clause[doc];
                matched += weight;
            }
        }
        if matched > 0.0 {
            let coverage = matched / total_weight;
            ranked.push((doc, total * (coverage * coverage)));
        }
    }
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// A clause's score in every document: its best alternative; synonym phrases scaled so that
/// none scores above `synonym_cap` times the best literal score in any document.
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
        let Alt::Stem(stem, mult) = alt else { continue };
        marked.insert(*stem);
        for p in session.stem_postings(*stem) {
            let v = mult * impact(p.level);
            if let Some(slot) = best.get_mut(p.doc as usize).filter(|s| v > **s) {
                *slot = v;
            }
        }
    }
    let literal_best = best.iter().copied().fold(0.0, f64::max);
    let mut synonyms = vec![0.0; doc_count];
    for alt in &clause.alts {
        let Alt::Phrase(phrase, mult) = alt else { continue };
        let mut sums = vec![0.0; doc_count];
        for word in phrase.iter() {
            let Some(stem) = session.lookup(word).and_then(|(shard, i)| session.stem_of(shard, i))
            else {
                continue;
            };
            marked.insert(stem);
            for p in session.stem_postings(stem) {
                if let Some(slot) = sums.get_mut(p.doc as usize) {
                    *slot += impact(p.level);
                }
            }
        }
        for (slot, sum) in synonyms.iter_mut().zip(sums) {
            let v = mult * (sum / phrase.len() as f64);
            if v > *slot {
                *slot = v;
            }
        }
    }
    // Synonym scores are scaled (not clipped, so their order stays) to stay below the literal
    // word's best score.
    let synonym_best = synonyms.iter().copied().fold(0.0, f64::max);
    let cap = RANKING.synonym_cap * literal_best;
    let scale = if literal_best > 0.0 && synonym_best > cap { cap / synonym_best } else { 1.0 };
    for (slot, v) in best.iter_mut().zip(synonyms) {
        if v * scale > *slot {
            *slot = v * scale;
        }
    }
    best
}

/// Multiplies the score of each of the top `proximity_pool` documents by `1 + proximity` per
/// pair of consecutive clauses whose words stand next to each other in its title or a heading,
/// then sorts the pool again. A clause's words are its literal matches and the words of its
/// multi-word synonym phrases ("video sessions" -> "videoconferencing psychotherapy"); the
/// reader questions (`asks`) count as headings; stop and filler words in a line are skipped.
fn boost_adjacent(session: &mut Session<'_>, clauses: &[Clause<'_>], ranked: &mut [(usize, f64)]) {
    let words: Vec<HashSet<String>> = clauses
        .iter()
        .map(|c| {
            let mut words = session.words_of(&c.literal_stems());
            words.extend(c.phrase_words());
            words
        })
        .collect();
    let pool = ranked.len().min(RANKING.proximity_pool);
    let analysis = Analysis::for_code(&session.index.entry.language);
    let fillers = analysis.query_stop_words();
    for entry in ranked.iter_mut().take(pool) {
        let Some(doc) = session.doc(entry.0) else { continue };
        let lines: Vec<Vec<String>> = std::iter::once(doc.title.as_str())
            .chain(doc.parts.iter().map(|p| p.heading.as_str()))
            .chain(doc.asks.iter().map(String::as_str))
            .map(|text| {
                let words = split_words(text).into_iter();
                words
                    .filter(|w| {
                        !analysis.is_stop_word(w) && fillers.binary_search(&w.as_str()).is_err()
                    })
                    .collect()
            })
            .collect();
        let pairs = words
            .windows(2)
            .filter(|pair| {
                lines.iter().any(|line| {
                    line.windows(2).any(|w| pair[0].contains(&w[0]) && pair[1].contains(&w[1]))
                })
            })
            .count();
        entry.1 *= 1.0 + RANKING.proximity * pairs as f64;
    }
    ranked[..pool].sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// Moves the help page to the front (adding it if it matched nothing), scored like the best.
fn put_help_first(index: &SearchIndex, ranked: &mut Vec<(usize, f64)>) {
    let Some(help) = index.entry.help.map(|h| h as usize) else { return };
    let top = ranked.first().map_or(1.0, |r| r.1);
    ranked.retain(|(doc, _)| *doc != help);
    ranked.insert(0, (help, top));
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
