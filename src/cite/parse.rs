//! Reading a bibliography file (with every error placed at its own line) and finding the
//! citations in a run of Markdown text: `[@key]`, `[@key, p. 252]`, `[@a; @b]` and a bare
//! `@key` in running text (never inside an e-mail address: the `@` must not follow a letter,
//! digit or one of `._-+/\[`).

use hayagriva::Library;

use crate::diagnostics::{Code, Diagnostic, FileId, Span};

/// One cited entry: its key and, optionally, where in the work (`p. 252`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiteItem {
    /// The entry's key.
    pub key: String,
    /// The locator's kind and value: (`page`, `252`).
    pub locator: Option<(Locator, String)>,
}

/// The kinds of locator attune reads after a key (`, p. 252`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locator {
    /// `p.`, `pp.`, `page`, `pages`.
    Page,
    /// `chap.`, `ch.`, `chapter`.
    Chapter,
    /// `sec.`, `§`, `section`.
    Section,
    /// `para.`, `¶`, `paragraph`.
    Paragraph,
}

/// A citation found in a run of text, with its byte range there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Where it starts in the text.
    pub start: usize,
    /// Where it ends in the text.
    pub end: usize,
    /// The cited entries, in the order written.
    pub items: Vec<CiteItem>,
    /// A bare `@key` in running text ("Bordin (1979)"), not a bracketed citation.
    pub bare: bool,
}

/// Every citation in `text`, in order.
pub fn find_citations(text: &str) -> Vec<Citation> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = text[at..].find(['[', '@']) {
        let start = at + offset;
        let next = match text.as_bytes()[start] {
            b'[' => bracketed(text, start),
            _ => bare(text, start),
        };
        match next {
            Some(citation) => {
                at = citation.end;
                found.push(citation);
            }
            None => at = start + 1,
        }
    }
    found
}

/// `[@a, p. 3; @b]` starting at `start` (the `[`).
fn bracketed(text: &str, start: usize) -> Option<Citation> {
    let close = start + text[start..].find(']')?;
    let inner = &text[start + 1..close];
    if !inner.trim_start().starts_with('@') || text[close + 1..].starts_with(['(', '[']) {
        return None;
    }
    let items: Option<Vec<CiteItem>> = inner.split(';').map(item).collect();
    let items = items.filter(|items| !items.is_empty())?;
    Some(Citation { start, end: close + 1, items, bare: false })
}

/// One `@key` or `@key, p. 252` inside brackets.
fn item(part: &str) -> Option<CiteItem> {
    let rest = part.trim().strip_prefix('@')?;
    let length = key_length(rest);
    if length == 0 {
        return None;
    }
    let (key, after) = rest.split_at(length);
    let after = after.trim();
    let locator = match after.strip_prefix(',') {
        Some(locator) => Some(parse_locator(locator.trim())?),
        None if after.is_empty() => None,
        None => return None,
    };
    Some(CiteItem { key: key.to_string(), locator })
}

/// `p. 252` -> (Page, `252`); `None` for a label attune does not know.
fn parse_locator(text: &str) -> Option<(Locator, String)> {
    const LABELS: &[(&str, Locator)] = &[
        ("pp.", Locator::Page),
        ("p.", Locator::Page),
        ("pages", Locator::Page),
        ("page", Locator::Page),
        ("chap.", Locator::Chapter),
        ("chapter", Locator::Chapter),
        ("ch.", Locator::Chapter),
        ("sec.", Locator::Section),
        ("section", Locator::Section),
        ("§", Locator::Section),
        ("para.", Locator::Paragraph),
        ("paragraph", Locator::Paragraph),
        ("¶", Locator::Paragraph),
    ];
    let (kind, value) = LABELS.iter().find_map(|(label, kind)| {
        let value = text.strip_prefix(label)?;
        Some((*kind, value.trim()))
    })?;
    (!value.is_empty()).then(|| (kind, value.to_string()))
}

/// A bare `@key` at `start` (the `@`), unless it is part of an address or a word.
fn bare(text: &str, start: usize) -> Option<Citation> {
    let before = text[..start].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || "._-+/\\@[".contains(c)) {
        return None;
    }
    let length = key_length(&text[start + 1..]);
    if length == 0 {
        return None;
    }
    let key = &text[start + 1..start + 1 + length];
    let items = vec![CiteItem { key: key.to_string(), locator: None }];
    Some(Citation { start, end: start + 1 + length, items, bare: true })
}

/// The length of the key at the start of `text`: a letter, digit or `_`, then those and
/// internal `:.#$%&-+?<>~/`; punctuation at the end (a full stop after the key) is not part
/// of it.
fn key_length(text: &str) -> usize {
    let first = text.chars().next();
    if !first.is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return 0;
    }
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || "_:.#$%&-+?<>~/".contains(*c)))
        .map_or(text.len(), |(i, _)| i);
    text[..end].trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '_')).len()
}

/// Parses a BibLaTeX file; a malformed entry is an error at its own line.
pub(super) fn biblatex(text: &str, file: FileId) -> Result<Library, Diagnostic> {
    use hayagriva::io::BibLaTeXError;
    hayagriva::io::from_biblatex_str(text).map_err(|errors| {
        let (span, message) = match errors.into_iter().next() {
            Some(BibLaTeXError::Parse(error)) => (error.span, error.kind.to_string()),
            Some(BibLaTeXError::Type(error)) => (error.span, error.kind.to_string()),
            None => (0..0, "the file could not be read".to_string()),
        };
        // Report the entry the problem is in: an unclosed brace is only noticed at the next
        // entry's `@`, so the entry before the error's position is the one to fix.
        let start = entry_start(text, span.start);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let noticed = text[..span.start.min(text.len())].matches('\n').count() + 1;
        Diagnostic::error(Code::Bibliography, format!("malformed BibLaTeX entry: {message}"))
            .at(Span::new(file, start, line_end))
            .with_help(format!(
                "check this entry's braces, the commas between its fields and `key = {{value}}` (the parser stopped at line {noticed})"
            ))
    })
}

/// Where the entry holding `offset` starts (its `@`).
fn entry_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text[..offset].rfind("\n@").map_or(0, |i| i + 1)
}

/// Parses a hayagriva YAML file; an error is placed where serde_yaml found it.
pub(super) fn yaml(text: &str, file: FileId) -> Result<Library, Diagnostic> {
    hayagriva::io::from_yaml_str(text).map_err(|error| {
        let at = error.location().map_or(0, |l| l.index().min(text.len()));
        let message = error.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        Diagnostic::error(Code::Bibliography, format!("malformed bibliography entry: {message}"))
            .at(Span::new(file, at, at))
            .with_help("see hayagriva's YAML format: each entry is `key:` with `type`, `title`, `author`, `date` and so on beneath it")
    })
}

/// Where an entry's key is written: `{key,` in BibLaTeX, `key:` at a line's start in YAML.
pub(super) fn key_span(text: &str, key: &str, file: FileId) -> Span {
    let bib = text.find(&format!("{{{key},")).map(|i| i + 1);
    let yaml = || {
        let pattern = format!("\n{key}:");
        text.strip_prefix(&format!("{key}:"))
            .map(|_| 0)
            .or_else(|| text.find(&pattern).map(|i| i + 1))
    };
    let at = bib.or_else(yaml).unwrap_or(0);
    Span::new(file, at, at + key.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(Vec<String>, bool)> {
        find_citations(text)
            .into_iter()
            .map(|c| (c.items.into_iter().map(|i| i.key).collect(), c.bare))
            .collect()
    }

    #[test]
    fn each_form_is_found() {
        assert_eq!(keys("as shown [@bordin1979]."), [(vec!["bordin1979".into()], false)]);
        assert_eq!(keys("[@a; @b]"), [(vec!["a".into(), "b".into()], false)]);
        assert_eq!(keys("@bordin1979 says."), [(vec!["bordin1979".into()], true)]);
        let located = find_citations("[@bordin1979, p. 252]");
        assert_eq!(located[0].items[0].locator, Some((Locator::Page, "252".into())));
        assert_eq!(located[0].end, "[@bordin1979, p. 252]".len());
    }

    #[test]
    fn addresses_links_and_prose_brackets_are_not_citations() {
        assert!(keys("write to help@clinic.org or a.b@c.d").is_empty());
        assert!(keys("[see the notes] and [@x](https://example.org)").is_empty());
        assert!(keys("an @ on its own, and @.").is_empty());
        assert!(keys("[@a, emphasis added]").is_empty());
    }
}
