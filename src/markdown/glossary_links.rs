//! Finding glossary terms in running text: whole words, case-insensitive, plural and possessive
//! forms included, longest match first ("working alliance" before "alliance").

use std::collections::HashMap;

use crate::content::model::Term;

/// A term found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Index of the glossary entry.
    pub term: usize,
    /// Byte range of the mention.
    pub start: usize,
    /// End of the mention.
    pub end: usize,
}

/// Matches every term and alias of a glossary; built once per build.
#[derive(Debug, Default)]
pub struct TermMatcher {
    /// First word of a name -> (all words of the name, term index), longest names first.
    by_first_word: HashMap<String, Vec<(Vec<String>, usize)>>,
}

impl TermMatcher {
    /// Indexes the terms and aliases of a glossary.
    pub fn new(terms: &[Term]) -> Self {
        let mut matcher = TermMatcher::default();
        for (index, term) in terms.iter().enumerate() {
            for name in std::iter::once(&term.meta.term).chain(&term.meta.aliases) {
                let words: Vec<String> =
                    tokenize(name).map(|(_, _, w)| normalise_word(w)).collect();
                if let Some(first) = words.first() {
                    matcher.by_first_word.entry(first.clone()).or_default().push((words, index));
                }
            }
        }
        for candidates in matcher.by_first_word.values_mut() {
            candidates.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
        }
        matcher
    }

    /// Every mention in `text`, left to right, longest match at each position, not overlapping.
    pub fn find(&self, text: &str) -> Vec<Found> {
        let mut found = Vec::new();
        if self.by_first_word.is_empty() {
            return found;
        }
        let words: Vec<(usize, usize, String)> =
            tokenize(text).map(|(s, e, w)| (s, e, normalise_word(w))).collect();
        let mut i = 0;
        while i < words.len() {
            let matched = forms(&words[i].2).iter().find_map(|form| {
                self.by_first_word.get(form.as_str())?.iter().find(|(name, _)| {
                    name.len() <= words.len() - i
                        && name
                            .iter()
                            .enumerate()
                            .all(|(k, part)| forms(&words[i + k].2).contains(part))
                })
            });
            match matched {
                Some((name, term)) => {
                    let last = i + name.len() - 1;
                    found.push(Found { term: *term, start: words[i].0, end: words[last].1 });
                    i = last + 1;
                }
                None => i += 1,
            }
        }
        found
    }
}

/// Words of a text with byte ranges: letters and digits, joined by inner `-`, `'` or `’`.
fn tokenize(text: &str) -> impl Iterator<Item = (usize, usize, &str)> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = chars.peek() {
            if c.is_alphanumeric() {
                break;
            }
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                chars.next();
            } else if matches!(c, '-' | '\'' | '’') {
                // Keep joiners only when a letter follows ("client's", "counter-transference").
                let mut ahead = chars.clone();
                ahead.next();
                match ahead.peek() {
                    Some(&(_, next)) if next.is_alphanumeric() => {
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        Some((start, end, &text[start..end]))
    })
}

/// Lowercase, with the typographic apostrophe as a straight one: smart punctuation turns
/// "Peplau's" in the text into "Peplau’s", which must still match the term as typed.
fn normalise_word(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

/// A word and its singular, non-possessive forms: "alliances" -> alliance; "client's" -> client.
fn forms(word: &str) -> Vec<String> {
    let base = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
    let mut out = vec![word.to_string()];
    if base != word {
        out.push(base.to_string());
    }
    if let Some(stem) = base.strip_suffix("ies") {
        out.push(format!("{stem}y"));
    }
    if let Some(stem) = base.strip_suffix("es") {
        out.push(stem.to_string());
    }
    if let Some(stem) = base.strip_suffix('s') {
        if !stem.ends_with('s') {
            out.push(stem.to_string());
        }
    }
    out
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
        }
    }

    fn names(matcher: &TermMatcher, text: &str) -> Vec<(usize, String)> {
        matcher.find(text).into_iter().map(|f| (f.term, text[f.start..f.end].to_string())).collect()
    }

    #[test]
    fn longest_match_wins() {
        let matcher = TermMatcher::new(&[term("alliance", &[]), term("working alliance", &[])]);
        assert_eq!(
            names(&matcher, "A working alliance grows."),
            vec![(1, "working alliance".into())]
        );
        assert_eq!(names(&matcher, "The alliance grows."), vec![(0, "alliance".into())]);
    }

    #[test]
    fn plurals_and_possessives_match() {
        let matcher =
            TermMatcher::new(&[term("alliance rupture", &["rupture"]), term("therapy", &[])]);
        assert_eq!(
            names(&matcher, "Ruptures happen; the rupture’s cause and therapies' aims."),
            vec![(0, "Ruptures".into()), (0, "rupture’s".into()), (1, "therapies".into())]
        );
    }

    #[test]
    fn typographic_apostrophes_match_straight_ones() {
        let matcher = TermMatcher::new(&[term("Peplau's phases", &[])]);
        assert_eq!(
            names(&matcher, "Peplau’s phases describe"),
            vec![(0, "Peplau’s phases".into())]
        );
    }

    #[test]
    fn whole_words_only_and_case_insensitive() {
        let matcher = TermMatcher::new(&[term("trust", &["UPR"])]);
        assert_eq!(names(&matcher, "Trustworthy upr, entrusted"), vec![(0, "upr".into())]);
    }
}
