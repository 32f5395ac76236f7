//! Whitespace-separated words, found a byte at a time.
//!
//! `str::split_whitespace` decodes every character to test it. Prose here is almost all
//! ASCII, so [`words`] tests ASCII bytes directly and decodes only the others; it splits
//! exactly where `split_whitespace` does (Unicode `White_Space`). Rendering counts the words
//! of every block and collapses each section's text, and search truncates every section, so
//! this is on the path of each article.

/// The words of `text`, as `text.split_whitespace()` gives them.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The number of words in `text` that hold a letter or digit (a lone `–` is not a word).
pub fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    // `in_word`: inside a word; `counted`: that word already counted.
    let (mut count, mut in_word, mut counted) = (0, false, false);
    let mut at = 0;
    while at < bytes.len() {
        let (space, alphanumeric, width) = match CLASS[bytes[at] as usize] {
            SPACE => (true, false, 1),
            ALNUM => (false, true, 1),
            OTHER => (false, false, 1),
            _ => classify_char(text, at),
        };
        if space {
            in_word = false;
        } else {
            if !in_word {
                in_word = true;
                counted = false;
            }
            if alphanumeric && !counted {
                counted = true;
                count += 1;
            }
        }
        at += width;
    }
    count
}

/// Appends `text` to `out` with each run of whitespace made one space, counting a space
/// already at the end of `out`, and none at the start of an empty `out`. Text appended in
/// pieces this way, with a last space trimmed, equals the words of the whole joined by spaces.
pub fn push_collapsed(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    // Text is copied in runs; a run ends before whitespace that is not one plain space after
    // a non-space (most prose has no other kind, so it is copied in one go).
    let mut run = 0;
    let mut after_space = out.is_empty() || out.ends_with(' ');
    let mut at = 0;
    while at < bytes.len() {
        let (space, width) = match CLASS[bytes[at] as usize] {
            SPACE => (true, 1),
            ALNUM | OTHER => (false, 1),
            _ => {
                let (space, _, width) = classify_char(text, at);
                (space, width)
            }
        };
        if space {
            if after_space || bytes[at] != b' ' {
                out.push_str(&text[run..at]);
                if !after_space {
                    out.push(' ');
                }
                run = at + width;
            }
            after_space = true;
        } else {
            after_space = false;
        }
        at += width;
    }
    out.push_str(&text[run..]);
}

const OTHER: u8 = 0;
const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const NON_ASCII: u8 = 3;

/// Each byte's class: ASCII whitespace (U+0009 to U+000D and the space, the ASCII part of
/// Unicode `White_Space`), ASCII letter or digit, other ASCII, or part of a longer character.
static CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        class[b] = if !byte.is_ascii() {
            NON_ASCII
        } else if matches!(byte, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            SPACE
        } else if byte.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        b += 1;
    }
    class
};

/// The character at byte `at` (a character boundary): whether it is whitespace (Unicode
/// `White_Space`, as `char::is_whitespace`), whether it is alphanumeric, and its length.
#[inline]
fn classify(text: &str, at: usize) -> (bool, bool, usize) {
    match CLASS[text.as_bytes()[at] as usize] {
        SPACE => (true, false, 1),
        ALNUM => (false, true, 1),
        OTHER => (false, false, 1),
        _ => classify_char(text, at),
    }
}

/// [`classify`] for a character outside ASCII.
#[cold]
fn classify_char(text: &str, at: usize) -> (bool, bool, usize) {
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) => (c.is_whitespace(), c.is_alphanumeric(), c.len_utf8()),
        None => (false, false, 1),
    }
}

/// Iterator of [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        while self.at < len {
            let (space, _, width) = classify(self.text, self.at);
            if !space {
                break;
            }
            self.at += width;
        }
        if self.at >= len {
            return None;
        }
        let start = self.at;
        while self.at < len {
            let (space, _, width) = classify(self.text, self.at);
            if space {
                break;
            }
            self.at += width;
        }
        self.text.get(start..self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collapse_whitespace(text: &str) -> String {
        let mut out = String::new();
        push_collapsed(&mut out, text);
        out.truncate(out.trim_end_matches(' ').len());
        out
    }

    /// Every kind of whitespace Unicode has, and characters that look like it but are not.
    const SAMPLES: &[&str] = &[
        "",
        "   ",
        "one",
        "  two  words  ",
        "tab\tnew\nline\rcr\x0bvt\x0cff",
        "no\u{a0}break and\u{2003}em\u{3000}ideographic\u{2028}line\u{85}next",
        "zero\u{200b}width joiner\u{200d}stays \u{1c}file-sep",
        "café naïve – ½ 東京 — ok",
        "\u{feff}bom start",
    ];

    #[test]
    fn splits_exactly_where_split_whitespace_does() {
        for text in SAMPLES {
            let ours: Vec<&str> = words(text).collect();
            let std: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }

    #[test]
    fn counts_only_words_with_a_letter_or_digit() {
        assert_eq!(count_words("Trust – it grows, 2 by 2 … slowly"), 7);
        assert_eq!(count_words("東京 — ½ café"), 3);
        assert_eq!(count_words(" - * – "), 0);
    }

    #[test]
    fn counts_like_splitting_then_testing_each_word() {
        for text in SAMPLES {
            let expected =
                text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
            assert_eq!(count_words(text), expected, "{text:?}");
        }
    }

    #[test]
    fn collapsing_in_pieces_equals_collapsing_the_whole() {
        for text in SAMPLES {
            let whole = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), whole, "{text:?}");
            // Cut at every character boundary into two pieces.
            for (cut, _) in text.char_indices() {
                let mut pieces = String::new();
                push_collapsed(&mut pieces, &text[..cut]);
                push_collapsed(&mut pieces, &text[cut..]);
                assert_eq!(pieces.trim_end_matches(' '), whole, "{text:?} cut at {cut}");
            }
        }
    }

    #[test]
    fn collapses_every_run_and_trims() {
        assert_eq!(collapse_whitespace("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(collapse_whitespace("\n"), "");
    }
}
