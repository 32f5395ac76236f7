//! What search knows about a language beyond its stemmer: the filler words a query drops, the
//! crisis and self-harm wording that puts the help page first, and a compact list of common
//! words that tells a real word the site lacks from a typo.
//!
//! Only English has lists so far; a site in another language gets no query stop words, no
//! built-in crisis wording (its `search.crisis.phrases` still apply) and no word list (every
//! unknown word may then be typo-corrected, as before).

use std::sync::OnceLock;

/// Filler words dropped from a query of two or more words (never inside quotes): pronouns,
/// auxiliaries, hedges ("i think", "maybe"), question words, words that ask for an
/// explanation ("define", "meaning", "examples", "difference between") and contractions typed
/// without their apostrophe (apostrophes are dropped, so "don't" arrives as "dont"). Sorted. The index's own stop words
/// (`text::STOP_WORDS`) are never indexed, so they match nothing anyway.
const QUERY_STOP_EN: &[&str] = &[
    "a",
    "about",
    "actually",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anyone",
    "anything",
    "are",
    "arent",
    "as",
    "at",
    "basically",
    "be",
    "because",
    "been",
    "being",
    "between",
    "but",
    "by",
    "can",
    "cant",
    "could",
    "couldnt",
    "define",
    "definition",
    "did",
    "didnt",
    "difference",
    "do",
    "does",
    "doesnt",
    "doing",
    "dont",
    "each",
    "even",
    "ever",
    "example",
    "examples",
    "explain",
    "explained",
    "for",
    "from",
    "get",
    "gets",
    "getting",
    "got",
    "guess",
    "had",
    "hadnt",
    "has",
    "hasnt",
    "have",
    "havent",
    "having",
    "he",
    "hed",
    "her",
    "here",
    "hers",
    "herself",
    "hes",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "id",
    "if",
    "ill",
    "im",
    "in",
    "into",
    "is",
    "isnt",
    "it",
    "its",
    "itself",
    "ive",
    "just",
    "kind",
    "kinda",
    "like",
    "literally",
    "maybe",
    "me",
    "mean",
    "meaning",
    "means",
    "mine",
    "more",
    "most",
    "much",
    "my",
    "myself",
    "no",
    "not",
    "now",
    "of",
    "off",
    "oh",
    "ok",
    "okay",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "please",
    "probably",
    "really",
    "same",
    "she",
    "shes",
    "should",
    "shouldnt",
    "so",
    "some",
    "someone",
    "something",
    "sort",
    "sorta",
    "still",
    "such",
    "than",
    "that",
    "thats",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "theres",
    "these",
    "they",
    "theyre",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "to",
    "too",
    "um",
    "up",
    "us",
    "versus",
    "very",
    "vs",
    "was",
    "wasnt",
    "way",
    "we",
    "were",
    "weve",
    "what",
    "whats",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "wont",
    "would",
    "wouldnt",
    "yes",
    "yet",
    "you",
    "youd",
    "youll",
    "your",
    "youre",
    "yours",
    "yourself",
    "youve",
];

/// Built-in crisis wording for English: a query containing one of these phrases (word forms,
/// small misspellings and up to one extra word between its words allowed; see `crisis.rs`)
/// puts the site's help page first and shows the help notice.
const CRISIS_EN: &[&str] = &[
    // Suicide, and ending or not wanting one's life.
    "suicide",
    "suicidal",
    "sewerslide",
    "unalive",
    "kms",
    "kill myself",
    "kill my self",
    "killing myself",
    "end my life",
    "ending my life",
    "end my own life",
    "take my life",
    "take my own life",
    "end it all",
    "want to die",
    "wanna die",
    "wish i was dead",
    "wish i were dead",
    "better off dead",
    "dont want to live",
    "dont want to be alive",
    "no reason to live",
    "not worth living",
    "cant go on",
    // Self-harm and overdose.
    "self harm",
    "selfharm",
    "self injury",
    "hurt myself",
    "hurting myself",
    "harm myself",
    "cut myself",
    "cutting myself",
    "burn myself",
    "overdose",
    "too many pills",
    // Abuse and not being safe.
    "abuse",
    "abused",
    "abusive",
    "hits me",
    "hit me",
    "beats me",
    "hurts me",
    "rape",
    "raped",
    "sexual assault",
    "not safe",
    "dont feel safe",
    "unsafe at home",
    "domestic violence",
    "in danger",
];

/// Common English words (SCOWL levels 10 and 20; see `words/make-en.sh` and `words/LICENSE`).
const WORDS_EN: &str = include_str!("words/en.txt");

/// The query stop words of `language` (a BCP 47 tag; only its primary subtag counts).
pub(crate) fn query_stop_words(language: &str) -> &'static [&'static str] {
    if is_english(language) { QUERY_STOP_EN } else { &[] }
}

/// The built-in crisis phrases of `language`.
pub(crate) fn crisis_phrases(language: &str) -> &'static [&'static str] {
    if is_english(language) { CRISIS_EN } else { &[] }
}

/// The common words of `language` (four letters or more, inflected forms included), sorted,
/// or `None` when attune has no list for it. Read once per process.
pub(crate) fn known_words(language: &str) -> Option<&'static [String]> {
    static EN: OnceLock<Vec<String>> = OnceLock::new();
    if !is_english(language) {
        return None;
    }
    Some(EN.get_or_init(|| WORDS_EN.lines().filter(|w| !w.is_empty()).map(str::to_owned).collect()))
}

fn is_english(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("en") || primary.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_and_lower_case() {
        assert!(QUERY_STOP_EN.windows(2).all(|w| w[0] < w[1]));
        let words: Vec<&str> = WORDS_EN.lines().collect();
        assert!(words.windows(2).all(|w| w[0] < w[1]));
        assert!(words.iter().all(|w| w.len() >= 4 && w.bytes().all(|b| b.is_ascii_lowercase())));
    }

    #[test]
    fn english_knows_common_words_and_their_forms() {
        let known = known_words("en-GB").unwrap();
        for word in ["kill", "killing", "worried", "fights"] {
            assert!(known.binary_search(&word.to_string()).is_ok(), "{word}");
        }
        assert!(known.binary_search(&"theraputic".to_string()).is_err());
        assert!(known_words("fr").is_none());
        assert!(crisis_phrases("de").is_empty() && !crisis_phrases("en").is_empty());
    }
}
