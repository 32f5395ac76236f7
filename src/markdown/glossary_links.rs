//! Finding glossary terms in running text: whole words, case-insensitive, plural and possessive
//! forms included, longest match first ("working alliance" before "alliance").

use crate::content::model::Term;
use crate::hasher::FxHashMap;

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
    /// A first word of a name, or its "-ies" plural -> (all words of the name, term index),
    /// longest names first.
    by_first_word: FxHashMap<String, Vec<(Vec<String>, usize)>>,
}

impl TermMatcher {
    /// Indexes the terms and aliases of a glossary.
    pub fn new(terms: &[Term]) -> Self {
        let mut matcher = TermMatcher::default();
        for (index, term) in terms.iter().enumerate() {
            for name in std::iter::once(&term.meta.term).chain(&term.meta.aliases) {
                let mut words = Vec::new();
                for (_, _, word) in tokenize(name) {
                    let mut normal = String::new();
                    push_normal(word, &mut normal);
                    words.push(normal);
                }
                let Some(first) = words.first().cloned() else { continue };
                // "therapy" is also found as "therapies": the one plural whose stem is not a
                // prefix of the word, so text words can be matched without allocating.
                if let Some(stem) = first.strip_suffix('y') {
                    let plural = format!("{stem}ies");
                    matcher.by_first_word.entry(plural).or_default().push((words.clone(), index));
                }
                matcher.by_first_word.entry(first).or_default().push((words, index));
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
        // Every word normalised once into one buffer: (start, end) in `text`, range in `buffer`.
        let mut buffer = String::with_capacity(text.len());
        let words: Vec<(usize, usize, usize, usize)> = tokenize(text)
            .map(|(start, end, word)| {
                let from = buffer.len();
                push_normal(word, &mut buffer);
                (start, end, from, buffer.len())
            })
            .collect();
        let word = |i: usize| &buffer[words[i].2..words[i].3];
        let mut i = 0;
        while i < words.len() {
            let matched = lookup_keys(word(i)).into_iter().flatten().find_map(|key| {
                self.by_first_word.get(key)?.iter().find(|(name, _)| {
                    name.len() <= words.len() - i
                        && name
                            .iter()
                            .enumerate()
                            .skip(1)
                            .all(|(k, part)| is_form_of(word(i + k), part))
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

/// Appends `word` lowercased, with the typographic apostrophe as a straight one: smart
/// punctuation turns "Peplau's" in the text into "Peplau’s", which must still match the term.
fn push_normal(word: &str, into: &mut String) {
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
