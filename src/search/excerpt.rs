//! Excerpts: pick the part of a result that best matches the query (its heading becomes the
//! result's anchor) and cut a window of words around the matches, marking the matched words.
//!
//! Only the bounded text kept in the index is searched: the summary, every heading, and the
//! first words of each section. `theme/search.js` implements the same steps.

use std::collections::HashSet;

use super::model::DocRecord;
use super::text::split_words;
use super::unicode::is_word_char;

/// Words shown in an excerpt.
const WINDOW: usize = 24;
/// Words shown before the first match in the window.
const LEAD: usize = 4;
/// Opening and closing marks around a matched word.
pub(crate) const MARK_OPEN: &str = "[[mark]]";
/// See [`MARK_OPEN`].
pub(crate) const MARK_CLOSE: &str = "[[/mark]]";

/// The best-matching part of a document and the text to show for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Excerpt {
    /// Anchor of the best-matching heading, if any.
    pub(crate) anchor: Option<String>,
    /// Text with matched words between [`MARK_OPEN`] and [`MARK_CLOSE`].
    pub(crate) text: String,
}

/// A word in a text: its byte range and its normalised form.
struct Span {
    start: usize,
    end: usize,
    word: String,
}

/// The words of `text`: runs of letters, digits, apostrophes and combining accents, without
/// apostrophes at either end.
fn spans(text: &str) -> Vec<Span> {
    let is_apostrophe = |c: char| matches!(c, '\'' | '\u{2019}' | '\u{2bc}');
    let is_word_char =
        |c: char| is_word_char(c) || is_apostrophe(c) || ('\u{300}'..='\u{36f}').contains(&c);
    let mut out = Vec::new();
    let mut start = None;
    let push = |from: usize, to: usize, out: &mut Vec<Span>| {
        let run = text.get(from..to).unwrap_or("");
        let trimmed = run.trim_start_matches(is_apostrophe);
        let begin = from + (run.len() - trimmed.len());
        let trimmed = trimmed.trim_end_matches(is_apostrophe);
        if !trimmed.is_empty() {
            out.push(Span {
                start: begin,
                end: begin + trimmed.len(),
                word: split_words(trimmed).concat(),
            });
        }
    };
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut out);
    }
    out
}

/// Distinct marked words among `spans`.
fn count_marked(spans: &[Span], marked: &HashSet<String>) -> usize {
    let found: HashSet<&str> =
        spans.iter().filter(|s| marked.contains(&s.word)).map(|s| s.word.as_str()).collect();
    found.len()
}

/// Chooses the part of `doc` with the most marked words (a heading word counts twice; the
/// summary comes first, then the sections in order; the first best wins) and cuts its excerpt.
pub(crate) fn make_excerpt(doc: &DocRecord, marked: &HashSet<String>) -> Excerpt {
    let mut best: Option<(usize, usize)> = None;
    let summary_score = count_marked(&spans(&doc.summary), marked);
    if summary_score > 0 {
        best = Some((summary_score, 0));
    }
    for (i, part) in doc.parts.iter().enumerate() {
        let score = 2 * count_marked(&spans(&part.heading), marked)
            + count_marked(&spans(&part.text), marked);
        if score > best.map_or(0, |b| b.0) {
            best = Some((score, i + 1));
        }
    }
    let part = best.and_then(|(_, i)| i.checked_sub(1)).and_then(|i| doc.parts.get(i));
    let fallback = doc.parts.iter().map(|p| p.text.as_str()).find(|t| !t.is_empty()).unwrap_or("");
    let source = match part {
        Some(p) if !p.text.is_empty() => p.text.as_str(),
        Some(_) => doc.summary.as_str(),
        None if doc.summary.is_empty() => fallback,
        None => doc.summary.as_str(),
    };
    Excerpt { anchor: part.and_then(|p| p.anchor.clone()), text: cut_window(source, marked) }
}

/// The window of [`WINDOW`] words with the most distinct marked words (starting [`LEAD`] words
/// before a marked word; the first best wins), with marks and ellipses.
fn cut_window(text: &str, marked: &HashSet<String>) -> String {
    let spans = spans(text);
    if spans.is_empty() {
        return text.to_string();
    }
    let mut start = 0;
    let mut best = 0;
    for (i, span) in spans.iter().enumerate() {
        if !marked.contains(&span.word) {
            continue;
        }
        let from = i.saturating_sub(LEAD);
        let count = count_marked(&spans[from..(from + WINDOW).min(spans.len())], marked);
        if count > best {
            best = count;
            start = from;
        }
    }
    // A window that would end early starts earlier instead, to show as much text as it can.
    let start = start.min(spans.len().saturating_sub(WINDOW));
    let end = (start + WINDOW).min(spans.len());
    let text_end = match spans.get(end) {
        None => text.len(),
        // Keep punctuation after the last word, up to a space or the next word.
        Some(next) => {
            let last = spans[end - 1].end;
            let gap = text.get(last..next.start).unwrap_or("");
            last + gap.find(char::is_whitespace).unwrap_or(gap.len())
        }
    };
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    let mut at = spans[start].start;
    for span in spans[start..end].iter().filter(|s| marked.contains(&s.word)) {
        out.push_str(text.get(at..span.start).unwrap_or(""));
        out.push_str(MARK_OPEN);
        out.push_str(text.get(span.start..span.end).unwrap_or(""));
        out.push_str(MARK_CLOSE);
        at = span.end;
    }
    out.push_str(text.get(at..text_end).unwrap_or(""));
    if end < spans.len() {
        out.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::DocKind;
    use super::super::model::DocPart;
    use super::*;

    fn marked(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    fn doc() -> DocRecord {
        DocRecord {
            url: "a/".into(),
            title: "A".into(),
            kind: DocKind::Article,
            section: 0,
            audiences: vec![],
            summary: "How the working alliance forms.".into(),
            parts: vec![
                DocPart { anchor: None, heading: String::new(), text: "Intro text here.".into() },
                DocPart {
                    anchor: Some("ruptures".into()),
                    heading: "Ruptures and repair".into(),
                    text: "A rupture is a strain in the bond; repair restores it.".into(),
                },
            ],
            asks: vec![],
        }
    }

    #[test]
    fn anchors_at_the_heading_that_matches() {
        let e = make_excerpt(&doc(), &marked(&["repair"]));
        assert_eq!(e.anchor.as_deref(), Some("ruptures"));
        assert_eq!(
            e.text,
            "A rupture is a strain in the bond; [[mark]]repair[[/mark]] restores it."
        );
    }

    #[test]
    fn prefers_the_summary_when_only_it_matches() {
        let e = make_excerpt(&doc(), &marked(&["alliance"]));
        assert_eq!(e.anchor, None);
        assert_eq!(e.text, "How the working [[mark]]alliance[[/mark]] forms.");
    }

    #[test]
    fn cuts_a_window_around_a_late_match() {
        let text: Vec<String> = (0..60).map(|i| format!("w{i}")).collect();
        let cut = cut_window(&text.join(" "), &marked(&["w40"]));
        assert!(cut.starts_with("… w36 w37 w38 w39 [[mark]]w40[[/mark]] w41"), "{cut}");
        assert!(cut.ends_with("w59"), "{cut}");
    }

    #[test]
    fn marks_words_by_their_normalised_form() {
        let cut = cut_window("The client's Café.", &marked(&["clients", "cafe"]));
        assert_eq!(cut, "The [[mark]]client's[[/mark]] [[mark]]Café[[/mark]].");
    }
}
