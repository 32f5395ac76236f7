//! Obsidian callouts (issue 27): `> [!tip] Title`, foldable `> [!tip]-` (closed) and
//! `> [!tip]+` (open), and Obsidian's many types, rendered as attune's accessible callouts: the
//! same `role="note"` box GitHub alerts (`> [!NOTE]`) get, with a `<details>` inside when the
//! callout folds.
//!
//! pulldown-cmark reads an Obsidian callout as a plain block quote whose first text is
//! `[!type]…`; [`mark_obsidian_callouts`] finds those before the pass, takes the marker line
//! out of the events and remembers each callout by where its block quote starts.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

use super::{Ranged, Renderer, callout};
use crate::html::escape_text;

/// One Obsidian callout found in a body.
#[derive(Debug, Clone)]
pub(super) struct Callout {
    kind: BlockQuoteKind,
    /// The title written after the marker, if any.
    title: Option<String>,
    /// `None`: not foldable; `Some(open)`: `+` (open) or `-` (closed).
    fold: Option<bool>,
}

/// The callouts of one body, by the byte offset where their block quote starts.
#[derive(Debug, Default)]
pub(super) struct Callouts(Vec<(usize, Callout)>);

impl Callouts {
    fn get(&self, start: usize) -> Option<&Callout> {
        self.0.iter().find(|(at, _)| *at == start).map(|(_, c)| c)
    }

    /// Whether a block quote starting at `start` is an Obsidian callout.
    pub(super) fn has(&self, start: usize) -> bool {
        !self.0.is_empty() && self.get(start).is_some()
    }
}

/// Finds Obsidian callouts: removes each marker line (and the paragraph it leaves empty) from
/// `events` and returns where the callouts are.
pub(super) fn mark_obsidian_callouts(events: &mut Vec<Ranged<'_>>) -> Callouts {
    let mut found = Callouts::default();
    let mut i = 0;
    while i + 2 < events.len() {
        let is_quote = matches!(events[i].0, Event::Start(Tag::BlockQuote(None)))
            && matches!(events[i + 1].0, Event::Start(Tag::Paragraph));
        let parsed = match (&events[i + 2].0, is_quote) {
            (Event::Text(text), true) => parse_marker(text),
            _ => None,
        };
        let Some(callout) = parsed else {
            i += 1;
            continue;
        };
        found.0.push((events[i].1.start, callout));
        // The marker line, the line break after it, and the paragraph if nothing is left.
        let mut end = i + 3;
        if matches!(events.get(end).map(|e| &e.0), Some(Event::SoftBreak | Event::HardBreak)) {
            end += 1;
        }
        if matches!(events.get(end).map(|e| &e.0), Some(Event::End(TagEnd::Paragraph))) {
            events.drain(i + 1..=end);
        } else {
            events.drain(i + 2..end);
        }
        i += 1;
    }
    found
}

/// `[!tip]- Title` -> the callout; `None` when the text is not a callout marker.
fn parse_marker(text: &str) -> Option<Callout> {
    let rest = text.strip_prefix("[!")?;
    let (name, rest) = rest.split_once(']')?;
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let (fold, rest) = match rest.chars().next() {
        Some('-') => (Some(false), &rest[1..]),
        Some('+') => (Some(true), &rest[1..]),
        _ => (None, rest),
    };
    let title = rest.trim();
    Some(Callout {
        kind: obsidian_kind(name),
        title: (!title.is_empty()).then(|| title.to_string()),
        fold,
    })
}

/// Obsidian's callout types (and their aliases) mapped onto attune's five: what a reader
/// should take from the box, not its icon. Unknown types are notes, as in Obsidian.
fn obsidian_kind(name: &str) -> BlockQuoteKind {
    match name.to_lowercase().as_str() {
        "tip" | "hint" | "success" | "check" | "done" => BlockQuoteKind::Tip,
        "important" => BlockQuoteKind::Important,
        "warning" | "attention" | "question" | "help" | "faq" | "failure" | "fail" | "missing"
        | "bug" => BlockQuoteKind::Warning,
        "caution" | "danger" | "error" => BlockQuoteKind::Caution,
        _ => BlockQuoteKind::Note,
    }
}

impl Renderer<'_, '_> {
    /// Opens or closes an Obsidian callout found by [`mark_obsidian_callouts`].
    pub(super) fn obsidian_callout<'e>(
        &mut self,
        event: &Event<'e>,
        start: usize,
        out: &mut Vec<Event<'e>>,
    ) {
        self.flush_block();
        let Some(found) = self.callouts.get(start) else { return };
        let (class, label) = callout(found.kind, &self.cx.site.config.language);
        let title = escape_text(found.title.as_deref().unwrap_or(label));
        let html = match (event, found.fold) {
            (Event::Start(_), None) => format!(
                "<div class=\"callout callout-{class}\" role=\"note\" aria-label=\"{label}\"><p class=\"callout-title\">{title}</p>\n"
            ),
            (Event::Start(_), Some(open)) => format!(
                "<div class=\"callout callout-{class}\" role=\"note\" aria-label=\"{label}\"><details{}><summary class=\"callout-title\">{title}</summary>\n",
                if open { " open" } else { "" }
            ),
            (_, None) => "</div>\n".to_string(),
            (_, Some(_)) => "</details></div>\n".to_string(),
        };
        out.push(Event::Html(html.into()));
    }
}
