//! Reading-level counts and grades for an article's prose, behind the grade-limit lint of
//! `attune check`.
//!
//! The caller passes the prose blocks it got from the rendered Markdown (paragraphs, list items,
//! quote paragraphs as plain text; headings, code and tables left out). [`measure`] counts
//! words, sentences, syllables and letters, then computes three grade formulas:
//! Flesch-Kincaid, which the lint compares with the audience's limit, and SMOG and
//! Coleman-Liau, which the report also shows. Health-literacy guidance treats any single formula
//! as a guide only, so a second opinion sits next to the first.
//!
//! # Matching the handbook script
//!
//! Handbook authors measure their drafts with `tools/fk.py`, so the counting rules copy that
//! script exactly, including its simplifications. The word count, sentence count, syllable
//! count and Flesch-Kincaid grade agree with it to the last bit (the arithmetic keeps Python's
//! left-to-right evaluation order). The rules:
//!
//! - **Words** start with an alphabetic character and continue with alphabetic characters or
//!   the apostrophes `'` and `’`. This is the script's `[A-Za-z][A-Za-z'’]*` extended to Unicode
//!   letters, so `naïve` is one word here where the script sees `na` and `ve`. Hyphens and
//!   digits separate words: `follow-up` is two words, `2.5` is none.
//! - **Syllables** are a heuristic ([`count_syllables`]) that only looks at the letters `a`-`z`.
//! - **Sentences**: in each block, every run of `.`, `!` or `?` that is followed by whitespace,
//!   the end of the block or a closing `"`, `”`, `’` or `)` ends one sentence, so `?!` and `...`
//!   count once and `He said "stop."` is one sentence. A block that does not end with such a
//!   mark (a list item without a full stop, say) gets one more sentence for its last words.
//!   Abbreviations are **not** special: `Dr. Smith` and `e.g. this` each end a sentence after
//!   the full stop, as they do in the script. Telling an abbreviation from a sentence end needs
//!   a word list, and a grade that differs from the authors' script would be worse than one that
//!   is a little high.
//! - Blocks with no words (a lone `...`) add nothing, not even a sentence.
//!
//! The script also strips Markdown (link syntax, backticks) before counting. Here the caller
//! hands over plain text, so there is nothing to strip.

mod spanish;
#[cfg(test)]
mod tests;

pub use spanish::{SpanishReadability, count_syllables_es, inflesz_band, measure_spanish};

/// The readability formulas attune has for a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formulas {
    /// Flesch-Kincaid (held to an audience's `max_grade`), with SMOG and Coleman-Liau.
    English,
    /// Szigriszt-Pazos on the INFLESZ scale (held to an audience's `min_inflesz`), with
    /// Fernández-Huerta.
    Spanish,
}

/// The scores of one text under its language's [`Formulas`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scores {
    /// English counts and grades.
    English(Readability),
    /// Spanish counts and scores.
    Spanish(SpanishReadability),
}

impl Formulas {
    /// Measures prose blocks (see [`measure`]) with these formulas.
    pub fn measure(self, blocks: &[&str]) -> Scores {
        match self {
            Formulas::English => Scores::English(measure(blocks)),
            Formulas::Spanish => Scores::Spanish(measure_spanish(blocks)),
        }
    }
}

/// The formulas for a language code (BCP 47; only the primary subtag counts, in any case; an
/// empty code is English), or `None` when attune has none for that language: then `check`
/// says readability is not measured instead of applying English formulas.
pub fn formulas_for(code: &str) -> Option<Formulas> {
    let primary = code.split(['-', '_']).next().unwrap_or("");
    if primary.is_empty() || primary.eq_ignore_ascii_case("en") {
        Some(Formulas::English)
    } else if primary.eq_ignore_ascii_case("es") {
        Some(Formulas::Spanish)
    } else {
        None
    }
}

/// Counts and grades for a body of prose.
///
/// With no words at all every field is zero, so an empty article never yields NaN.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Readability {
    /// Words, as defined in the module docs.
    pub words: usize,
    /// Sentences, at least one for each block that has words.
    pub sentences: usize,
    /// Syllables over all words, by [`count_syllables`].
    pub syllables: usize,
    /// Words of three or more syllables, for SMOG.
    pub polysyllables: usize,
    /// Alphabetic characters in words (apostrophes left out), for Coleman-Liau.
    pub letters: usize,
    /// Flesch-Kincaid grade: `0.39 * words/sentences + 11.8 * syllables/words - 15.59`.
    pub flesch_kincaid: f64,
    /// SMOG grade: `1.0430 * sqrt(polysyllables * 30 / sentences) + 3.1291`.
    pub smog: f64,
    /// Coleman-Liau index: `0.0588 * L - 0.296 * S - 15.8`, where `L` is letters and `S` is
    /// sentences per 100 words.
    pub coleman_liau: f64,
}

/// Measures an article's prose blocks.
///
/// `blocks` are the article's prose blocks: each paragraph, list item or quote paragraph as
/// plain text. Headings, code and tables must already be left out. Each block is counted on its
/// own, so a list item without a full stop is still one sentence.
pub fn measure(blocks: &[&str]) -> Readability {
    let mut counts = Readability::default();
    for block in blocks {
        let mut block_words = 0;
        for word in split_words(block) {
            block_words += 1;
            let syllables = count_syllables(word);
            counts.syllables += syllables;
            if syllables >= 3 {
                counts.polysyllables += 1;
            }
            counts.letters += word.chars().filter(|c| c.is_alphabetic()).count();
        }
        if block_words > 0 {
            counts.words += block_words;
            counts.sentences += count_sentences(block).max(1);
        }
    }
    if counts.words == 0 {
        return Readability::default();
    }
    grade(counts)
}

/// Fills in the three grades from the counts; `counts.words` and `counts.sentences` are
/// non-zero.
fn grade(counts: Readability) -> Readability {
    let words = counts.words as f64;
    let sentences = counts.sentences as f64;
    let syllables = counts.syllables as f64;
    let polysyllables = counts.polysyllables as f64;
    let letters = counts.letters as f64;
    Readability {
        // Same operation order as the script (`0.39 * words / sents + …`), so the float result
        // is bit-for-bit the same.
        flesch_kincaid: 0.39 * words / sentences + 11.8 * syllables / words - 15.59,
        smog: 1.0430 * (polysyllables * 30.0 / sentences).sqrt() + 3.1291,
        coleman_liau: 0.0588 * (letters / words * 100.0)
            - 0.296 * (sentences / words * 100.0)
            - 15.8,
        ..counts
    }
}

/// Counts the syllables of one word with the handbook script's heuristic.
///
/// Only the letters `a`-`z` (after lowercasing) count; a word without any has 0 syllables.
/// Then:
///
/// 1. A word of at most three letters has 1 syllable.
/// 2. A silent ending is dropped together with the consonant before it: `-es`, `-ed` or `-e`
///    after any consonant except `l` (`boxes` → `bo`, `make` → `ma`, but `table` stays).
/// 3. A leading `y` is dropped (`yellow` → `ellow`).
/// 4. Each run of vowels (`aeiouy`) counts one syllable per two letters, rounded up: the
///    script counts non-overlapping matches of `[aeiouy]{1,2}`, so `beautiful` has 4.
/// 5. Every word has at least 1 syllable.
pub fn count_syllables(word: &str) -> usize {
    // Lowercase first, as Python's `word.lower()` does: `K` (Kelvin sign) becomes `k`.
    let letters: String =
        word.chars().flat_map(char::to_lowercase).filter(char::is_ascii_lowercase).collect();
    let letters = letters.as_bytes();
    if letters.is_empty() {
        return 0;
    }
    if letters.len() <= 3 {
        return 1;
    }
    let stem = strip_silent_ending(letters);
    let stem = stem.strip_prefix(b"y").unwrap_or(stem);
    count_vowel_pairs(stem).max(1)
}

/// Drops what the script's `(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$` matches.
fn strip_silent_ending(letters: &[u8]) -> &[u8] {
    match letters {
        [stem @ .., consonant, b'e', b's' | b'd'] if !is_vowel_or_l(*consonant) => stem,
        [stem @ .., consonant, b'e'] if !is_vowel_or_l(*consonant) => stem,
        _ => letters,
    }
}

/// Counts non-overlapping greedy matches of `[aeiouy]{1,2}`: half of each vowel run, rounded
/// up.
fn count_vowel_pairs(letters: &[u8]) -> usize {
    let mut count = 0;
    let mut run: usize = 0;
    for &letter in letters {
        if is_vowel(letter) {
            run += 1;
        } else {
            count += run.div_ceil(2);
            run = 0;
        }
    }
    count + run.div_ceil(2)
}

fn is_vowel(letter: u8) -> bool {
    matches!(letter, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn is_vowel_or_l(letter: u8) -> bool {
    letter == b'l' || is_vowel(letter)
}

/// Splits a block into words: an alphabetic character, then alphabetic characters or
/// apostrophes. Apostrophes before the first letter are not part of the word (`’tis` → `tis`).
fn split_words(block: &str) -> impl Iterator<Item = &str> {
    block
        .split(|c: char| !is_word_char(c))
        .map(|piece| piece.trim_start_matches(is_apostrophe))
        .filter(|word| !word.is_empty())
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || is_apostrophe(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Counts the sentences of one block, as the script does: runs of `.!?` followed by whitespace,
/// the end or a closing quote or bracket, plus one if the block does not end with such a run.
fn count_sentences(block: &str) -> usize {
    let text = block.trim_matches(is_python_space);
    let mut ends = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        // Only the last mark of a run can be followed by a space, end or closer, so each run
        // counts at most once: `?!` is one sentence end.
        if is_terminal(c) && next.is_none_or(|n| is_python_space(n) || is_closer(n)) {
            ends += 1;
        }
    }
    if !text.trim_end_matches(is_closer).ends_with(is_terminal) {
        ends += 1;
    }
    ends
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | ')')
}

/// Python's `str.isspace` (and so `\s` and `str.strip`), which also counts the separators
/// U+001C to U+001F that Rust's `char::is_whitespace` leaves out.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}
