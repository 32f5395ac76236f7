//! Plain-language explanations of YAML mistakes, read from the text itself: a quote that is
//! never closed (reported where it opens, not where the parser gave up), a `: ` inside an
//! unquoted value, a list item out of line with the one above, and a list item indented so far
//! that YAML silently glues it onto the previous one (a warning, since the file still loads).
//!
//! The parser ([`super::front_matter`], the only caller of `serde_yaml`) reports *where it
//! stopped*; these functions look at the lines up to that point for the usual cause.

use crate::diagnostics::{Code, Diagnostic, FileId, Span};

/// One line of a YAML block: its byte range in the file and its text without the newline.
struct Line<'t> {
    start: usize,
    text: &'t str,
}

impl Line<'_> {
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    /// The text of a list item after `- `, if the line is one.
    fn item(&self) -> Option<&str> {
        let trimmed = self.text.trim_start_matches(' ');
        trimmed.strip_prefix("- ").or_else(|| (trimmed == "-").then_some(""))
    }
}

fn lines(text: &str, yaml: (usize, usize)) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = yaml.0;
    for raw in text[yaml.0..yaml.1].split_inclusive('\n') {
        out.push(Line { start, text: raw.trim_end_matches(['\n', '\r']) });
        start += raw.len();
    }
    out
}

/// A clearer diagnostic for a YAML syntax error the parser placed at `offset` with `message`,
/// when the cause can be seen in the text; `None` keeps the parser's own.
pub(crate) fn explain_syntax_error(
    text: &str,
    yaml: (usize, usize),
    offset: usize,
    message: &str,
    file: FileId,
) -> Option<Diagnostic> {
    let lines = lines(text, yaml);
    let upto = lines.iter().take_while(|l| l.start <= offset).count().max(1);
    if let Some(diagnostic) = unclosed_quote(&lines[..upto.min(lines.len())], file) {
        return Some(diagnostic);
    }
    let line = lines.get(upto - 1)?;
    if message.contains("mapping values are not allowed") {
        return colon_in_value(line, offset, file);
    }
    misaligned_item(&lines[..upto], file)
}

/// The first line whose value opens a quote that the line never closes.
fn unclosed_quote(lines: &[Line<'_>], file: FileId) -> Option<Diagnostic> {
    for line in lines {
        let Some(at) = value_start(line.text) else { continue };
        let value = &line.text[at..];
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if is_closed(&value[1..], quote) {
            continue;
        }
        let start = line.start + at;
        let written = line.text.trim();
        let fixed = match written.char_indices().nth(60) {
            Some((cut, _)) => format!("{}…{quote}", &written[..cut]),
            None => format!("{written}{quote}"),
        };
        return Some(
            Diagnostic::error(
                Code::YamlSyntax,
                format!(
                    "invalid front matter: the {} opened here is never closed",
                    quote_name(quote)
                ),
            )
            .at(Span::new(file, start, line.start + line.text.len()))
            .with_help(format!(
                "close the quote at the end of the value, on the same line: `{}`",
                fixed
            )),
        );
    }
    None
}

fn quote_name(quote: char) -> &'static str {
    if quote == '"' { "double quote `\"`" } else { "single quote `'`" }
}

/// Where the value of a `key: value` or `- value` line starts.
fn value_start(line: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches(' ');
    let mut at = line.len() - trimmed.len();
    let mut rest = trimmed;
    while let Some(item) = rest.strip_prefix("- ") {
        at += 2;
        rest = item;
    }
    if rest.starts_with(['"', '\'']) {
        return Some(at);
    }
    let colon = key_colon(rest)?;
    let value = &rest[colon + 1..];
    let value_trimmed = value.trim_start();
    Some(at + colon + 1 + (value.len() - value_trimmed.len()))
}

/// The byte index of the `:` that ends a plain key (`title:` or `title: x`).
fn key_colon(text: &str) -> Option<usize> {
    if text.starts_with(['"', '\'', '#', '[', '{']) {
        return None;
    }
    text.char_indices()
        .find(|&(i, c)| c == ':' && text[i + 1..].chars().next().is_none_or(|n| n == ' '))
        .map(|(i, _)| i)
}

/// Whether a quoted scalar's text after its opening quote closes on this line.
fn is_closed(rest: &str, quote: char) -> bool {
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek() == Some(&'\'') => {
                chars.next();
            }
            c if c == quote => return true,
            _ => {}
        }
    }
    false
}

/// `summary: one: two`: YAML reads the second `: ` as a new key.
fn colon_in_value(line: &Line<'_>, offset: usize, file: FileId) -> Option<Diagnostic> {
    let trimmed = line.text.trim_start_matches([' ', '-']);
    let lead = line.text.len() - trimmed.len();
    let colon = key_colon(trimmed)?;
    let (key, value) = (&trimmed[..colon], trimmed[colon + 1..].trim());
    if value.is_empty() {
        return None;
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    let quoted = match escaped.char_indices().nth(60) {
        // A very long value is shortened, so the help stays one readable line.
        Some((cut, _)) => format!("{key}: \"{}…\"", &escaped[..cut]),
        None => format!("{key}: \"{escaped}\""),
    };
    let at = offset.max(line.start + lead + colon + 1);
    Some(
        Diagnostic::error(Code::YamlSyntax,
            format!("invalid front matter: the value of `{key}` contains `: `, which YAML reads as another key"),
        )
        .at(Span::new(file, at, at + 1))
        .with_help(format!("put the value in quotes: `{quoted}`")),
    )
}

/// A list item indented differently from the item above it, where the parser stopped.
fn misaligned_item(lines: &[Line<'_>], file: FileId) -> Option<Diagnostic> {
    let (last, before) = lines.split_last()?;
    last.item()?;
    let above = before.iter().rev().find(|l| !l.text.trim().is_empty())?;
    above.item()?;
    if above.indent() == last.indent() {
        return None;
    }
    let start = last.start + last.indent();
    Some(
        Diagnostic::error(
            Code::YamlSyntax,
            "invalid front matter: this list item is not lined up with the one above it",
        )
        .at(Span::new(file, start, last.start + last.text.len()))
        .with_help(format!(
            "indent its `-` by {} spaces, like `{}` above",
            above.indent(),
            above.text.trim()
        )),
    )
}

/// Warnings for list items that load but not as meant: a `- b` indented under `- a` becomes
/// part of the text of `a` (`a - b`), one odd tag instead of two.
pub(crate) fn check_list_items(text: &str, yaml: (usize, usize), file: FileId) -> Vec<Diagnostic> {
    let lines = lines(text, yaml);
    let mut out = Vec::new();
    for pair in lines.windows(2) {
        let (above, line) = (&pair[0], &pair[1]);
        let (Some(first), Some(second)) = (above.item(), line.item()) else { continue };
        let plain = !first.is_empty()
            && !first.starts_with(['"', '\'', '[', '{', '&', '*', '|', '>'])
            && key_colon(first).is_none();
        if !plain || line.indent() <= above.indent() {
            continue;
        }
        let start = line.start + line.indent();
        out.push(
            Diagnostic::warning(Code::YamlList,
                format!(
                    "this list item is indented under `- {first}`, so YAML reads both as one item: `{first} - {second}`"
                ),
            )
            .at(Span::new(file, start, line.start + line.text.len()))
            .with_help(format!(
                "indent its `-` by {} spaces, like the item above, to make it an item of its own",
                above.indent()
            )),
        );
    }
    out
}

/// The same diagnostic, worded for `site.yaml` rather than a Markdown file's front matter.
pub(crate) fn for_site_yaml(mut diagnostic: Diagnostic) -> Diagnostic {
    diagnostic.message = diagnostic
        .message
        .replace("invalid front matter", "invalid site.yaml")
        .replace("unknown front matter key", "unknown site.yaml key")
        .replace("the front matter has no", "site.yaml has no");
    if let Some(help) = &diagnostic.help {
        diagnostic.help = Some(help.replace("between the `---` lines", "to site.yaml"));
    }
    diagnostic
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain(block: &str, at: &str, message: &str) -> Option<Diagnostic> {
        let offset = block.find(at).unwrap_or(0);
        explain_syntax_error(block, (0, block.len()), offset, message, FileId(0))
    }

    #[test]
    fn unclosed_quote_points_at_its_opening() {
        let block = "title: \"The alliance\nsummary: \"S\"\n";
        let d = explain(block, "summary", "did not find expected key").unwrap();
        assert_eq!(d.span.unwrap().start, block.find('"').unwrap());
        assert_eq!(
            d.help.as_deref(),
            Some(
                "close the quote at the end of the value, on the same line: `title: \"The alliance\"`"
            )
        );
    }

    #[test]
    fn closed_and_escaped_quotes_are_not_reported() {
        let block = "title: \"A \\\" b\"\nsummary: 'it''s'\nx: [a\n";
        assert!(explain(block, "x", "did not find expected key").is_none());
    }

    #[test]
    fn colon_in_a_value_suggests_quotes() {
        let block = "title: A\nsummary: one: two\n";
        let d = explain(block, "one:", "mapping values are not allowed in this context").unwrap();
        assert_eq!(d.help.as_deref(), Some("put the value in quotes: `summary: \"one: two\"`"));
    }

    #[test]
    fn glued_list_items_warn() {
        let block = "tags:\n  - alliance\n    - evidence\naudience:\n  - a\n  - b\n";
        let warnings = check_list_items(block, (0, block.len()), FileId(0));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].span.unwrap().start, block.find("- evidence").unwrap());
    }
}
