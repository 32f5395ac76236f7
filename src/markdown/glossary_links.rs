//! Finding glossary terms in running text: whole words, case-insensitive, plural and possessive
//! forms included, longest match first ("working alliance" before "alliance").

use crate::content::model::Term;
use crate::hasher::FxHashMap;
use crate::ids::{TermId, TermVec};

/// A term found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Index of the glossary entry.
    pub term: TermId,
    /// Byte range of the mention.
    pub start: usize,
    /// End of the mention.
    pub end: usize,
}

/// Matches every term and alias of a glossary; built once per build.
#[derive(Debug, Default)]
pub struct TermMatcher {
    /// A first word of a name, or its "-ies" plural -> (all words of the name, term index),
    /// longest names first.
    by_first_word: FxHashMap<String, Vec<(Vec<String>, TermId)>>,
    /// The first two bytes of every key in `by_first_word`, as bits: most words of a text
    /// start differently from every name and are skipped without being lowercased or hashed.
    openings: Openings,
    /// Spanish: names and text are compared without accents ("empatia" finds "empatía"), and
    /// plurals are Spanish ones (-s, -es, z -> ces) rather than English ones.
    spanish: bool,
}

/// A set of two-byte word openings (ASCII, lowercased).
#[derive(Debug, Clone)]
struct Openings {
    bits: Vec<u64>,
    /// A key shorter than two bytes or not ASCII at the start: the filter is off.
    all: bool,
}

impl Default for Openings {
    fn default() -> Self {
        Openings { bits: vec![0; 1 << 10], all: false }
    }
}

impl Openings {
    fn index(a: u8, b: u8) -> usize {
        (usize::from(a.to_ascii_lowercase()) << 8) | usize::from(b.to_ascii_lowercase())
    }

    fn insert(&mut self, key: &str) {
        match key.as_bytes() {
            [a, b, ..] if a.is_ascii() && b.is_ascii() => {
                let i = Self::index(*a, *b);
                self.bits[i / 64] |= 1 << (i % 64);
            }
            _ => self.all = true,
        }
    }

    /// Whether a text word (not yet lowercased) may be a form of some key.
    fn may_open(&self, word: &str) -> bool {
        match word.as_bytes() {
            _ if self.all => true,
            [a, b, ..] if a.is_ascii() && b.is_ascii() => {
                let i = Self::index(*a, *b);
                self.bits[i / 64] & (1 << (i % 64)) != 0
            }
            // A one-letter word cannot be a form of a key of two bytes or more.
            [a] if a.is_ascii() => false,
            _ => true,
        }
    }
}

impl TermMatcher {
    /// Indexes the terms and aliases of a glossary (English word forms).
    pub fn new(terms: &TermVec<Term>) -> Self {
        TermMatcher::for_language(terms, "en")
    }

    /// Indexes the terms and aliases of a glossary in one language, which decides the word
    /// forms found: Spanish folds accents and knows -s, -es and z -> ces plurals; every other
    /// language gets the English forms.
    pub fn for_language(terms: &TermVec<Term>, language: &str) -> Self {
        let spanish = language == "es";
        let mut matcher = TermMatcher { spanish, ..TermMatcher::default() };
        for (index, term) in terms.iter_enumerated() {
            for name in std::iter::once(&term.meta.term).chain(&term.meta.aliases) {
                let mut words = Vec::new();
                for (_, _, word) in tokenize(name) {
                    let mut normal = String::new();
                    matcher.normalise(word, &mut normal);
                    words.push(normal);
                }
                let Some(first) = words.first().cloned() else { continue };
                // "therapy" is also found as "therapies": the one plural whose stem is not a
                // prefix of the word, so text words can be matched without allocating.
                if let Some(stem) = first.strip_suffix('y').filter(|_| !spanish) {
                    let plural = format!("{stem}ies");
                    matcher.by_first_word.entry(plural).or_default().push((words.clone(), index));
                }
                matcher.by_first_word.entry(first).or_default().push((words, index));
            }
        }
        for (key, candidates) in &mut matcher.by_first_word {
            candidates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
            matcher.openings.insert(key);
        }
        matcher
    }

    /// Every mention in `text`, left to right, longest match at each position, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        if self.by_first_word.is_empty() {
            return found;
        }
        let (mut first, mut next) = (String::new(), String::new());
        let mut words = Words { text, at: 0 };
        while let Some((start, end)) = words.next() {
            let raw = &text[start..end];
            if !self.openings.may_open(raw) {
                continue;
            }
            first.clear();
            self.normalise(raw, &mut first);
            let mut matched = None;
            let z_plural = self.z_singular(&first);
            let keys = lookup_keys(&first).into_iter().flatten().chain(z_plural.as_deref());
            'keys: for key in keys {
                let Some(candidates) = self.by_first_word.get(key) else { continue };
                for (name, term) in candidates {
                    // The name's other words must follow; `ahead` reads them without moving
                    // `words`, which resumes after the match (or after this word).
                    let mut ahead = words.clone();
                    let mut last = end;
                    let rest_match = name.iter().skip(1).all(|part| {
                        let Some((from, to)) = ahead.next() else { return false };
                        next.clear();
                        self.normalise(&text[from..to], &mut next);
                        last = to;
                        is_form_of(&next, part)
                            || self.z_singular(&next).is_some_and(|singular| singular == *part)
                    });
                    if rest_match {
                        matched = Some((*term, last, ahead));
                        break 'keys;
                    }
                }
            }
            if let Some((term, last, ahead)) = matched {
                found.push(Found { term, start, end: last });
                words = ahead;
            }
        }
        found
    }
}

impl TermMatcher {
    /// A word as names are compared: lowercased, and for Spanish without accents.
    fn normalise(&self, word: &str, into: &mut String) {
        if !self.spanish || word.is_ascii() {
            return push_normal(word, into);
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            into.push(fold_accent(c));
        }
    }

    /// Spanish "lápices" -> "lapiz": the plural of a word in -z is -ces.
    fn z_singular(&self, word: &str) -> Option<String> {
        let stem = word.strip_suffix("ces").filter(|_| self.spanish)?;
        Some(format!("{stem}z"))
    }
}

/// A lower-case letter without its accent (`á` -> `a`, `ü` -> `u`); `ñ` is a letter of its
/// own in Spanish and stays.
fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        '’' => '\'',
        c => c,
    }
}

/// Words of a text with byte ranges: letters and digits, joined by inner `-`, `'` or `’`.
fn tokenize(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    Words { text, at: 0 }.map(move |(start, end)| (start, end, &text[start..end]))
}

/// The byte ranges of the words of a text (see [`tokenize`]). ASCII is read byte by byte;
/// other characters are decoded where they occur. Cloning it reads ahead without moving it.
#[derive(Clone)]
struct Words<'t> {
    text: &'t str,
    at: usize,
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        loop {
            let (c, len) = char_at(text, self.at)?;
            if is_word_char(c) {
                break;
            }
            self.at += len;
        }
        let start = self.at;
        let mut end = self.at;
        while let Some((c, len)) = char_at(text, self.at) {
            if is_word_char(c) {
                self.at += len;
                end = self.at;
            } else if matches!(c, '-' | '\'' | '’') {
                // Keep joiners only when a letter follows ("client's", "counter-transference").
                match char_at(text, self.at + len) {
                    Some((next, _)) if is_word_char(next) => self.at += len,
                    _ => break,
                }
            } else {
                break;
            }
        }
        Some((start, end))
    }
}

/// The character at byte `at` and its length, `None` at the end.
#[inline]
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() }
}

/// Appends `word` lowercased, with the typographic apostrophe as a straight one: smart
/// punctuation turns "Peplau's" in the text into "Peplau’s", which must still match the term.
fn push_normal(word: &str, into: &mut String) {
    if word.is_ascii() {
        let from = into.len();
        into.push_str(word);
        into[from..].make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '’' => into.push('\''),
            c if c.is_ascii() => into.push(c.to_ascii_lowercase()),
            c => into.extend(c.to_lowercase()),
        }
    }
}

/// The keys a text word may be indexed under: itself, without a possessive, and without a
/// plural `s` or `es` ("client's" -> client; "alliances" -> alliance; "boxes" -> box).
fn lookup_keys(word: &str) -> [Option<&str>; 4] {
    let base = word.strip_suffix("'s").unwrap_or(word);
    let without_s = base.strip_suffix('s').filter(|stem| !stem.ends_with('s'));
    let without_es = base.strip_suffix("es");
    [Some(word), (base != word).then_some(base), without_s, without_es]
}

/// Whether a text word is `part` or one of its plural or possessive forms.
fn is_form_of(word: &str, part: &str) -> bool {
    lookup_keys(word).into_iter().flatten().any(|key| key == part)
        || word.strip_suffix("ies").is_some_and(|stem| part.strip_suffix('y') == Some(stem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::TermMeta;
    use crate::diagnostics::FileId;

    fn term(name: &str, aliases: &[&str]) -> Term {
        Term {
            slug: name.replace(' ', "-"),
            file: FileId(0),
            meta: TermMeta {
                term: name.into(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                short: "s".into(),
                ..TermMeta::default()
            },
            body_offset: 0,
            lang: "en".into(),
            original: None,
        }
    }

    fn names(matcher: &TermMatcher, text: &str) -> Vec<(usize, String)> {
        matcher
            .find(text)
            .into_iter()
            .map(|f| (f.term.0, text[f.start..f.end].to_string()))
            .collect()
    }

    fn matcher_of(terms: &[Term]) -> TermMatcher {
        TermMatcher::new(&TermVec::from(terms.to_vec()))
    }

    #[test]
    fn longest_match_wins() {
        let matcher = matcher_of(&[term("alliance", &[]), term("working alliance", &[])]);
        assert_eq!(
            names(&matcher, "A working alliance grows."),
            vec![(1, "working alliance".into())]
        );
        assert_eq!(names(&matcher, "The alliance grows."), vec![(0, "alliance".into())]);
    }

    #[test]
    fn plurals_and_possessives_match() {
        let matcher = matcher_of(&[term("alliance rupture", &["rupture"]), term("therapy", &[])]);
        assert_eq!(
            names(&matcher, "Ruptures happen; the rupture’s cause and therapies' aims."),
            vec![(0, "Ruptures".into()), (0, "rupture’s".into()), (1, "therapies".into())]
        );
    }

    #[test]
    fn typographic_apostrophes_match_straight_ones() {
        let matcher = matcher_of(&[term("Peplau's phases", &[])]);
        assert_eq!(
            names(&matcher, "Peplau’s phases describe"),
            vec![(0, "Peplau’s phases".into())]
        );
    }

    #[test]
    fn words_keep_inner_joiners_only() {
        let words: Vec<&str> =
            tokenize("client's co-op -x y- ’tis naïve über’s 3rd").map(|w| w.2).collect();
        assert_eq!(words, ["client's", "co-op", "x", "y", "tis", "naïve", "über’s", "3rd"]);
    }

    #[test]
    fn openings_filter_never_hides_a_match() {
        // Non-ASCII and one-letter names switch the filter off rather than miss them.
        let matcher = matcher_of(&[term("ÉMDR", &[]), term("x", &[]), term("Empathy", &[])]);
        assert_eq!(
            names(&matcher, "émdr, X and EMPATHY; an emu is not empathy's."),
            vec![
                (0, "émdr".into()),
                (1, "X".into()),
                (2, "EMPATHY".into()),
                (2, "empathy's".into())
            ]
        );
        let ascii = matcher_of(&[term("trust", &[])]);
        assert!(ascii.openings.may_open("Trusts"));
        assert!(!ascii.openings.may_open("entrusted"));
        assert!(!ascii.openings.may_open("a"));
    }

    #[test]
    fn whole_words_only_and_case_insensitive() {
        let matcher = matcher_of(&[term("trust", &["UPR"])]);
        assert_eq!(names(&matcher, "Trustworthy upr, entrusted"), vec![(0, "upr".into())]);
    }
}
