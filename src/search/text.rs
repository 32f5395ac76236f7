//! Text normalisation shared by the index builder and the query: lowercase, fold accents, drop
//! apostrophes, split on everything that is not a letter or a digit, and skip stop words.
//!
//! The browser script (`theme/search.js`) applies exactly the same rules, with the fold table and
//! the stop words taken from the index entry, so a query word typed in the browser is spelled the
//! way the index spells it. Lengths, prefixes and sort order are measured in UTF-16 code units,
//! the unit JavaScript strings use, so both sides agree on them.

use std::cmp::Ordering;

use super::language::Analysis;
use super::unicode::is_word_char;

/// English words too common to be worth indexing; the browser receives the list of the index's
/// language (`language.rs`) in the index entry. Sorted, for binary search.
pub(crate) const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "do", "does", "each", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "may", "might", "more",
    "most", "of", "on", "or", "other", "our", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "was",
    "we", "were", "what", "when", "where", "which", "while", "who", "will", "with", "would", "you",
    "your",
];

/// Accent folding for lower-case Latin letters (Latin-1, Extended-A/B, Extended Additional),
/// plus final sigma to sigma so that `to_lowercase` per character and JavaScript's
/// whole-string `toLowerCase` agree. Generated from Unicode NFD with combining marks removed;
/// sorted by character for binary search.
#[rustfmt::skip] // one entry per line would make this table 280 lines long
const FOLD: &[(char, &str)] = &[
    ('ß', "ss"), ('à', "a"), ('á', "a"), ('â', "a"), ('ã', "a"), ('ä', "a"), ('å', "a"),
    ('æ', "ae"), ('ç', "c"), ('è', "e"), ('é', "e"), ('ê', "e"), ('ë', "e"), ('ì', "i"),
    ('í', "i"), ('î', "i"), ('ï', "i"), ('ð', "d"), ('ñ', "n"), ('ò', "o"), ('ó', "o"), ('ô', "o"),
    ('õ', "o"), ('ö', "o"), ('ø', "o"), ('ù', "u"), ('ú', "u"), ('û', "u"), ('ü', "u"), ('ý', "y"),
    ('þ', "th"), ('ÿ', "y"), ('ā', "a"), ('ă', "a"), ('ą', "a"), ('ć', "c"), ('ĉ', "c"),
    ('ċ', "c"), ('č', "c"), ('ď', "d"), ('đ', "d"), ('ē', "e"), ('ĕ', "e"), ('ė', "e"), ('ę', "e"),
    ('ě', "e"), ('ĝ', "g"), ('ğ', "g"), ('ġ', "g"), ('ģ', "g"), ('ĥ', "h"), ('ħ', "h"), ('ĩ', "i"),
    ('ī', "i"), ('ĭ', "i"), ('į', "i"), ('ı', "i"), ('ĳ', "ij"), ('ĵ', "j"), ('ķ', "k"),
    ('ĸ', "k"), ('ĺ', "l"), ('ļ', "l"), ('ľ', "l"), ('ŀ', "l"), ('ł', "l"), ('ń', "n"), ('ņ', "n"),
    ('ň', "n"), ('ŉ', "n"), ('ō', "o"), ('ŏ', "o"), ('ő', "o"), ('œ', "oe"), ('ŕ', "r"),
    ('ŗ', "r"), ('ř', "r"), ('ś', "s"), ('ŝ', "s"), ('ş', "s"), ('š', "s"), ('ţ', "t"), ('ť', "t"),
    ('ŧ', "t"), ('ũ', "u"), ('ū', "u"), ('ŭ', "u"), ('ů', "u"), ('ű', "u"), ('ų', "u"), ('ŵ', "w"),
    ('ŷ', "y"), ('ź', "z"), ('ż', "z"), ('ž', "z"), ('ƀ', "b"), ('ƈ', "c"), ('ƒ', "f"), ('ƙ', "k"),
    ('ƚ', "l"), ('ơ', "o"), ('ƥ', "p"), ('ƫ', "t"), ('ƭ', "t"), ('ư', "u"), ('ƴ', "y"), ('ƶ', "z"),
    ('ǆ', "dz"), ('ǉ', "lj"), ('ǌ', "nj"), ('ǎ', "a"), ('ǐ', "i"), ('ǒ', "o"), ('ǔ', "u"),
    ('ǖ', "u"), ('ǘ', "u"), ('ǚ', "u"), ('ǜ', "u"), ('ǟ', "a"), ('ǡ', "a"), ('ǧ', "g"), ('ǩ', "k"),
    ('ǫ', "o"), ('ǭ', "o"), ('ǰ', "j"), ('ǳ', "dz"), ('ǵ', "g"), ('ǹ', "n"), ('ǻ', "a"),
    ('ȁ', "a"), ('ȃ', "a"), ('ȅ', "e"), ('ȇ', "e"), ('ȉ', "i"), ('ȋ', "i"), ('ȍ', "o"), ('ȏ', "o"),
    ('ȑ', "r"), ('ȓ', "r"), ('ȕ', "u"), ('ȗ', "u"), ('ș', "s"), ('ț', "t"), ('ȟ', "h"), ('ȥ', "z"),
    ('ȧ', "a"), ('ȩ', "e"), ('ȫ', "o"), ('ȭ', "o"), ('ȯ', "o"), ('ȱ', "o"), ('ȳ', "y"), ('ɇ', "e"),
    ('ɉ', "j"), ('ɍ', "r"), ('ɏ', "y"), ('ς', "σ"), ('ḁ', "a"), ('ḃ', "b"), ('ḅ', "b"), ('ḇ', "b"),
    ('ḉ', "c"), ('ḋ', "d"), ('ḍ', "d"), ('ḏ', "d"), ('ḑ', "d"), ('ḓ', "d"), ('ḕ', "e"), ('ḗ', "e"),
    ('ḙ', "e"), ('ḛ', "e"), ('ḝ', "e"), ('ḟ', "f"), ('ḡ', "g"), ('ḣ', "h"), ('ḥ', "h"), ('ḧ', "h"),
    ('ḩ', "h"), ('ḫ', "h"), ('ḭ', "i"), ('ḯ', "i"), ('ḱ', "k"), ('ḳ', "k"), ('ḵ', "k"), ('ḷ', "l"),
    ('ḹ', "l"), ('ḻ', "l"), ('ḽ', "l"), ('ḿ', "m"), ('ṁ', "m"), ('ṃ', "m"), ('ṅ', "n"), ('ṇ', "n"),
    ('ṉ', "n"), ('ṋ', "n"), ('ṍ', "o"), ('ṏ', "o"), ('ṑ', "o"), ('ṓ', "o"), ('ṕ', "p"), ('ṗ', "p"),
    ('ṙ', "r"), ('ṛ', "r"), ('ṝ', "r"), ('ṟ', "r"), ('ṡ', "s"), ('ṣ', "s"), ('ṥ', "s"), ('ṧ', "s"),
    ('ṩ', "s"), ('ṫ', "t"), ('ṭ', "t"), ('ṯ', "t"), ('ṱ', "t"), ('ṳ', "u"), ('ṵ', "u"), ('ṷ', "u"),
    ('ṹ', "u"), ('ṻ', "u"), ('ṽ', "v"), ('ṿ', "v"), ('ẁ', "w"), ('ẃ', "w"), ('ẅ', "w"), ('ẇ', "w"),
    ('ẉ', "w"), ('ẋ', "x"), ('ẍ', "x"), ('ẏ', "y"), ('ẑ', "z"), ('ẓ', "z"), ('ẕ', "z"), ('ẖ', "h"),
    ('ẗ', "t"), ('ẘ', "w"), ('ẙ', "y"), ('ạ', "a"), ('ả', "a"), ('ấ', "a"), ('ầ', "a"), ('ẩ', "a"),
    ('ẫ', "a"), ('ậ', "a"), ('ắ', "a"), ('ằ', "a"), ('ẳ', "a"), ('ẵ', "a"), ('ặ', "a"), ('ẹ', "e"),
    ('ẻ', "e"), ('ẽ', "e"), ('ế', "e"), ('ề', "e"), ('ể', "e"), ('ễ', "e"), ('ệ', "e"), ('ỉ', "i"),
    ('ị', "i"), ('ọ', "o"), ('ỏ', "o"), ('ố', "o"), ('ồ', "o"), ('ổ', "o"), ('ỗ', "o"), ('ộ', "o"),
    ('ớ', "o"), ('ờ', "o"), ('ở', "o"), ('ỡ', "o"), ('ợ', "o"), ('ụ', "u"), ('ủ', "u"), ('ứ', "u"),
    ('ừ', "u"), ('ử', "u"), ('ữ', "u"), ('ự', "u"), ('ỳ', "y"), ('ỵ', "y"), ('ỷ', "y"), ('ỹ', "y"),
];

/// Byte classes for the ASCII fast path of [`for_each_word`].
const OTHER: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const ASCII_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_uppercase() {
            table[b] = UPPER;
        } else if c.is_ascii_alphanumeric() {
            table[b] = LOWER;
        }
        b += 1;
    }
    table
};

/// Calls `emit` with each normalised word of `text` (built in `word`, which is left empty), and
/// returns whether the text ends inside a word: the query uses that to know its last word is
/// still being typed.
pub(crate) fn for_each_word(text: &str, word: &mut String, mut emit: impl FnMut(&str)) -> bool {
    word.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if ASCII_CLASS[usize::from(b)] >= LOWER {
            // A run of ASCII letters and digits: most words are exactly one such run, already
            // lower case, and are passed on without copying.
            let start = i;
            let mut upper = false;
            while let Some(&class) = bytes.get(i).map(|&n| &ASCII_CLASS[usize::from(n)]) {
                if class < LOWER {
                    break;
                }
                upper |= class == UPPER;
                i += 1;
            }
            let run = text.get(start..i).unwrap_or("");
            let continues = bytes.get(i).is_some_and(|&n| n == b'\'' || !n.is_ascii());
            if word.is_empty() && !upper && !continues {
                emit(run);
                continue;
            }
            let from = word.len();
            word.push_str(run);
            if upper {
                word[from..].make_ascii_lowercase();
            }
            if !continues {
                emit(word);
                word.clear();
            }
        } else if b.is_ascii() {
            if b != b'\'' && !word.is_empty() {
                emit(word);
                word.clear();
            }
            i += 1;
        } else {
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else { break };
            i += c.len_utf8();
            for lower in c.to_lowercase() {
                if is_ignorable(lower) {
                    continue;
                }
                if let Some(folded) = fold_char(lower) {
                    word.push_str(folded);
                } else if is_word_char(lower) {
                    word.push(lower);
                } else if !word.is_empty() {
                    emit(word);
                    word.clear();
                }
            }
        }
    }
    let in_word = !word.is_empty() || bytes.last().is_some_and(|b| b.is_ascii_alphanumeric());
    if !word.is_empty() {
        emit(word);
        word.clear();
    }
    in_word
}

/// Splits `text` into normalised words, stop words included, and tells whether the text ends
/// inside its last word.
pub(crate) fn split_query(text: &str) -> (Vec<String>, bool) {
    let mut words = Vec::new();
    let in_word = for_each_word(text, &mut String::new(), |w| words.push(w.to_owned()));
    (words, in_word)
}

/// A query word with where it stood: inside double quotes, or glued to the word before it by a
/// hyphen or slash ("self-harm").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryToken {
    /// The normalised word.
    pub(crate) text: String,
    /// Whether it stood inside double quotes (then it is never dropped as a filler word).
    pub(crate) quoted: bool,
    /// Whether it and the word before it were one whitespace-free run holding `-` or `/`.
    pub(crate) glued: bool,
}

/// Splits a query into words with their quoting and gluing, and tells whether the query ends
/// inside its last word (still being typed). Quotes toggle at each `"`; runs are separated by
/// whitespace.
pub(crate) fn split_query_tokens(text: &str) -> (Vec<QueryToken>, bool) {
    let mut tokens = Vec::new();
    let mut buffer = String::new();
    for (segment, part) in text.split(['"', '\u{201c}', '\u{201d}']).enumerate() {
        for run in part.split(char::is_whitespace) {
            let compound = run.contains(['-', '/']);
            let mut first = true;
            for_each_word(run, &mut buffer, |w| {
                let glued = compound && !first;
                first = false;
                tokens.push(QueryToken { text: w.to_owned(), quoted: segment % 2 == 1, glued });
            });
        }
    }
    let typing = split_query(text).1;
    (tokens, typing)
}

/// Splits `text` into normalised words, stop words included.
pub(crate) fn split_words(text: &str) -> Vec<String> {
    split_query(text).0
}

/// Splits `text` into normalised words without the stop words of `analysis`: the words of an
/// index key or phrase.
pub(crate) fn split_indexable(text: &str, analysis: &Analysis) -> Vec<String> {
    split_words(text).into_iter().filter(|w| !analysis.is_stop_word(w)).collect()
}

/// Combining diacritics (so decomposed input folds like precomposed) and apostrophes (so
/// "client's" indexes as "clients") disappear without splitting the word.
fn is_ignorable(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\'' | '\u{2019}' | '\u{2bc}')
}

fn fold_char(c: char) -> Option<&'static str> {
    FOLD.binary_search_by(|(k, _)| k.cmp(&c)).ok().and_then(|i| FOLD.get(i)).map(|(_, v)| *v)
}

/// The fold table as the browser receives it: space-separated entries, each the folded
/// character followed by its replacement.
pub(crate) fn fold_table() -> String {
    let mut out = String::new();
    for (c, folded) in FOLD {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(*c);
        out.push_str(folded);
    }
    out
}

/// Length of `s` in UTF-16 code units, the length JavaScript reports.
pub(crate) fn len_utf16(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.chars().map(char::len_utf16).sum() }
}

/// Compares two strings by UTF-16 code units, the order of JavaScript's `<` on strings.
pub(crate) fn cmp_utf16(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() { a.cmp(b) } else { a.encode_utf16().cmp(b.encode_utf16()) }
}

/// The longest leading part of `s` that is at most `units` UTF-16 code units long, never
/// splitting a surrogate pair.
pub(crate) fn prefix_utf16(s: &str, units: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += c.len_utf16();
        if used > units {
            return s.get(..i).unwrap_or(s);
        }
    }
    s
}

/// Length of the common prefix of `a` and `b`: (bytes in `a`, UTF-16 code units).
pub(crate) fn common_prefix(a: &str, b: &str) -> (usize, usize) {
    let mut bytes = 0;
    let mut units = 0;
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            break;
        }
        bytes += x.len_utf8();
        units += x.len_utf16();
    }
    (bytes, units)
}

/// The part of `s` after its first `units` UTF-16 code units (never splitting a character).
pub(crate) fn skip_utf16(s: &str, units: usize) -> &str {
    let head = prefix_utf16(s, units);
    s.get(head.len()..).unwrap_or("")
}

/// Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one
/// substring) over UTF-16 code units, or `None` when it exceeds `max`. The rows stop early once
/// every cell exceeds `max`.
pub(crate) fn edit_distance(a: &[u16], b: &[u16], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![0; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            cur[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let distance = prev[b.len()];
    (distance <= max).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn folds_accents_and_lowercases() {
        assert_eq!(split_words("Über Café NAÏVE Straße"), ["uber", "cafe", "naive", "strasse"]);
    }

    #[test]
    fn joins_words_across_apostrophes() {
        assert_eq!(split_words("The client's view, don’t"), ["the", "clients", "view", "dont"]);
        assert_eq!(split_words("THE Clients' 'view' x'"), ["the", "clients", "view", "x"]);
        assert_eq!(split_words("naïve—word ΣΟΦΟΣ"), ["naive", "word", "σοφοσ"]);
    }

    #[test]
    fn decomposed_accents_fold_like_precomposed() {
        assert_eq!(split_words("cafe\u{301}"), ["cafe"]);
    }

    #[test]
    fn tells_whether_the_text_ends_inside_a_word() {
        assert_eq!(split_query("video ther"), (vec!["video".into(), "ther".into()], true));
        assert_eq!(split_query("video ther!"), (vec!["video".into(), "ther".into()], false));
        assert_eq!(split_query("clients'"), (vec!["clients".into()], true));
        assert_eq!(split_query(" ?! "), (vec![], false));
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(FOLD.windows(2).all(|w| w[0].0 < w[1].0));
        let english = Analysis::for_code("en");
        assert!(english.is_stop_word("the") && !english.is_stop_word("therapy"));
    }

    #[test]
    fn counts_transposition_as_one_edit() {
        assert_eq!(edit_distance(&units("teh"), &units("the"), 2), Some(1));
        assert_eq!(edit_distance(&units("aliance"), &units("alliance"), 1), Some(1));
        assert_eq!(edit_distance(&units("confidentalty"), &units("confidentiality"), 2), Some(2));
        assert_eq!(edit_distance(&units("confidentalty"), &units("confidentiality"), 1), None);
        assert_eq!(edit_distance(&units("abcd"), &units("wxyz"), 2), None);
    }

    #[test]
    fn measures_in_utf16_units() {
        assert_eq!(len_utf16("a𝒜b"), 4);
        assert_eq!(prefix_utf16("a𝒜b", 2), "a");
        assert_eq!(prefix_utf16("𝒜b", 2), "𝒜");
        assert_eq!(skip_utf16("therapy", 2), "erapy");
        assert_eq!(common_prefix("therapy", "theory"), (3, 3));
        assert_eq!(common_prefix("é", "éa"), (2, 1));
        assert_eq!(cmp_utf16("\u{ffff}", "𝒜"), Ordering::Greater);
    }
}
