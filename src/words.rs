//! Whitespace-separated words, found a byte at a time.
//!
//! `str::split_whitespace` decodes every character to test it. Prose here is almost all
//! ASCII, so [`words`] tests ASCII bytes directly and decodes only the others; it splits
//! exactly where `split_whitespace` does (Unicode `White_Space`). Rendering counts and
//! collapses the words of every block, and search truncates every section, so this is on
//! the path of each article.

/// The words of `text`, as `text.split_whitespace()` gives them.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The number of words in `text` that hold a letter or digit (a lone `–` is not a word).
pub fn count_words(text: &str) -> usize {
    words(text)
        .filter(|w| {
            w.bytes().any(|b| b.is_ascii_alphanumeric())
                || (!w.is_ascii() && w.chars().any(char::is_alphanumeric))
        })
        .count()
}

/// `text` with each run of whitespace made one space, and none at either end.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Iterator of [`words`].
#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Words<'a> {
    /// Whether the character at byte `at` (a character boundary) is whitespace, and its length.
    #[inline]
    fn space_at(&self, at: usize) -> (bool, usize) {
        let byte = self.text.as_bytes()[at];
        if byte.is_ascii() {
            // U+0009 to U+000D and the space: the ASCII part of `White_Space`.
            (matches!(byte, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '), 1)
        } else {
            match self.text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => (false, 1),
            }
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let len = self.text.len();
        while self.at < len {
            let (space, width) = self.space_at(self.at);
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
            let (space, width) = self.space_at(self.at);
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
    fn collapses_every_run_and_trims() {
        assert_eq!(collapse_whitespace("  a \n\t b\u{a0}c  "), "a b c");
        assert_eq!(collapse_whitespace("\n"), "");
    }
}
