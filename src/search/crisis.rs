//! Crisis wording: does a query say the reader may be in danger? Then the help page goes first
//! and the page shows the help notice, whatever else matches. `theme/search.js` runs the same
//! test on the phrases in the index entry.
//!
//! A phrase matches when its words appear in the query in order, with at most one other word
//! between two of them ("end my own life" matches "end my life"). A query word matches a
//! phrase word when it is the same word, has the same stem ("killing" for "kill"), is one edit
//! away from a phrase word of at least [`Ranking::crisis_typo_min`] code units ("sucide"), or,
//! for the last word of a phrase of two or more words while it is still being typed, starts it
//! with at least three code units ("want to kil").

use super::language::{Analysis, WordStemmer};

use super::rank::Ranking;
use super::text::{edit_distance, len_utf16};

/// One normalised word of the query or of a phrase, with its stem.
struct Word<'a> {
    text: &'a str,
    units: Vec<u16>,
    stem: String,
}

impl<'a> Word<'a> {
    fn new(text: &'a str, stemmer: &WordStemmer) -> Self {
        Word { text, units: text.encode_utf16().collect(), stem: stemmer.stem(text).into_owned() }
    }
}

/// Whether `words` (every normalised word of the query, stop words included) contain one of
/// `phrases`; `typing` says the last word is unfinished. Words are stemmed as `analysis` says.
pub(crate) fn is_crisis(
    analysis: &Analysis,
    phrases: &[Vec<String>],
    words: &[String],
    typing: bool,
    ranking: &Ranking,
) -> bool {
    let stemmer = analysis.stemmer();
    let query: Vec<Word<'_>> = words.iter().map(|w| Word::new(w, &stemmer)).collect();
    phrases.iter().any(|phrase| {
        let phrase: Vec<Word<'_>> = phrase.iter().map(|w| Word::new(w, &stemmer)).collect();
        !phrase.is_empty() && matches_from(&phrase, &query, None, typing, ranking)
    })
}

/// Whether `phrase` matches `query` with its first word at or after `after + 1` (anywhere when
/// `after` is `None`) and at most one word after `after`.
fn matches_from(
    phrase: &[Word<'_>],
    query: &[Word<'_>],
    after: Option<usize>,
    typing: bool,
    ranking: &Ranking,
) -> bool {
    let Some((first, rest)) = phrase.split_first() else { return true };
    let (from, to) = match after {
        None => (0, query.len()),
        Some(i) => (i + 1, (i + 3).min(query.len())),
    };
    (from..to).any(|i| {
        let last_typed = typing && i + 1 == query.len() && rest.is_empty() && after.is_some();
        word_matches(&query[i], first, last_typed, ranking)
            && matches_from(rest, query, Some(i), typing, ranking)
    })
}

fn word_matches(q: &Word<'_>, p: &Word<'_>, last_typed: bool, ranking: &Ranking) -> bool {
    if q.text == p.text || q.stem == p.stem {
        return true;
    }
    if len_utf16(p.text) >= ranking.crisis_typo_min
        && edit_distance(&q.units, &p.units, 1).is_some()
    {
        return true;
    }
    last_typed && q.units.len() >= 3 && p.units.starts_with(&q.units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::language::crisis_phrases;
    use crate::search::rank::RANKING;
    use crate::search::text::split_words;

    fn crisis(q: &str, typing: bool) -> bool {
        let phrases: Vec<Vec<String>> =
            crisis_phrases("en").iter().map(|p| split_words(p)).collect();
        is_crisis(&Analysis::for_code("en"), &phrases, &split_words(q), typing, &RANKING)
    }

    #[test]
    fn recognises_crisis_wording_in_many_phrasings() {
        for q in [
            "I want to kill myself",
            "killing myself",
            "sucide",
            "suiside thoughts",
            "i'm suicidal",
            "thinking about ending my life",
            "how to end it all",
            "i don't want to be alive anymore",
            "want to hurt myself",
            "self-harm",
            "selfharm",
            "i cut myself",
            "took too many pills",
            "my partner hits me",
            "being abused at home",
            "I don't feel safe",
            "kill my self",
            "wanna die",
            "overdoes",
        ] {
            assert!(crisis(q, false), "{q:?}");
        }
        assert!(crisis("i want to kill mys", true), "the word being typed");
    }

    #[test]
    fn ordinary_questions_are_not_crisis_wording() {
        for q in [
            "skills",
            "what to expect",
            "kill",
            "safety planning",
            "i want to know about empathy",
            "self disclosure",
            "end of therapy",
            "my life story",
        ] {
            assert!(!crisis(q, false), "{q:?}");
        }
        assert!(!crisis("i want to kill mys", false), "a finished word is not a prefix");
    }
}
