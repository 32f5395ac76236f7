//! Front matter: splitting the `---` YAML block off a Markdown file and parsing YAML into typed
//! structs, with errors that point at the file's own line and column.
//!
//! Every call to `serde_yaml` lives in this file (the crate was archived in 2024), so swapping in
//! a fork is a one-file change.

use serde::de::DeserializeOwned;

use crate::diagnostics::{Code, Diagnostic, FileId, Span};

/// Where the parts of a Markdown file with front matter are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text (between the fences).
    pub yaml: (usize, usize),
    /// Byte offset where the Markdown body starts.
    pub body_offset: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. Returns `Ok(None)` when the file has no front matter and
/// an error when the opening fence is never closed.
pub fn split_front_matter(text: &str, file: FileId) -> Result<Option<Split>, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Ok(None);
    }
    let yaml_start = first_line_end;
    let mut offset = yaml_start;
    for line in text[yaml_start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return Ok(Some(Split {
                yaml: (yaml_start, offset),
                body_offset: offset + line.len(),
            }));
        }
        offset += line.len();
    }
    Err(Diagnostic::error(Code::FrontMatter, "the front matter is never closed")
        .at(Span::new(file, 0, 3))
        .with_help("end the YAML block with a line holding only `---`"))
}

/// Parses a YAML block into `T`. `yaml_offset` is where the block starts in the file, so the
/// error's position is the file's, not the block's. `known_keys` feed "did you mean".
pub fn parse_yaml<T: DeserializeOwned>(
    text: &str,
    yaml: (usize, usize),
    file: FileId,
    known_keys: &[&str],
) -> Result<T, Diagnostic> {
    let source = &text[yaml.0..yaml.1];
    // An empty block is an empty mapping, so defaults and "missing field" errors apply.
    let source = if source.trim().is_empty() { "{}" } else { source };
    serde_yaml::from_str::<T>(source).map_err(|error| {
        let offset = error.location().map_or(yaml.0, |l| (yaml.0 + l.index()).min(yaml.1));
        yaml_diagnostic(&error.to_string(), text, offset, yaml, file, known_keys)
    })
}

/// Parses YAML written for another tool (an Obsidian note's properties, for `attune import`):
/// `None` when it does not parse as `T`; the caller says what it skipped.
pub fn parse_foreign_yaml<T: DeserializeOwned>(yaml: &str) -> Option<T> {
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(yaml).ok()
}

fn yaml_diagnostic(
    raw: &str,
    text: &str,
    offset: usize,
    yaml: (usize, usize),
    file: FileId,
    known_keys: &[&str],
) -> Diagnostic {
    // serde_yaml appends " at line L column C" relative to the block; we print our own position.
    let message = match raw.find(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let end = offset + key.len();
        return Diagnostic::error(Code::UnknownKey, format!("unknown front matter key `{key}`"))
            .at(Span::new(file, offset, end.min(text.len())))
            .with_suggestion(key, known_keys.iter().copied())
            .with_help_if_none(format!("the keys allowed here are: {}", known_keys.join(", ")));
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return Diagnostic::error(Code::MissingKey, format!("the front matter has no `{key}`"))
            .at(Span::new(file, yaml.0.saturating_sub(4), yaml.0.saturating_sub(1)))
            .with_help(format!("add a line `{key}: ...` between the `---` lines"));
    }
    // Our own value errors ("`2026-02-30` is not a date") quote the value; serde_yaml places
    // them at the start of the mapping, so point at the value itself when it can be found.
    let quoted =
        message.strip_prefix('`').and_then(|rest| rest.split_once('`')).map(|(value, _)| value);
    let block = &text[yaml.0..yaml.1];
    if let Some(at) = quoted
        .filter(|v| !v.is_empty())
        .and_then(|value| block.find(value).map(|i| (value, yaml.0 + i)))
    {
        let (value, start) = at;
        let help = if message.contains("is not a date") {
            "write dates as YYYY-MM-DD with a real day of the month, e.g. 2026-02-28"
        } else {
            "check the value against the key's expected type"
        };
        return Diagnostic::error(Code::YamlSyntax, format!("invalid front matter: {message}"))
            .at(Span::new(file, start, start + value.len()))
            .with_help(help);
    }
    if let Some(explained) =
        super::yaml_hints::explain_syntax_error(text, yaml, offset, message, file)
    {
        return explained;
    }
    let span_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    Diagnostic::error(Code::YamlSyntax, format!("invalid front matter: {message}"))
        .at(Span::new(file, offset, span_end.max(offset + 1).min(text.len())))
        .with_help("check the indentation and quote values that contain `:` or start with `[`, `{`, `*` or `&`")
}

trait HelpIfNone {
    fn with_help_if_none(self, help: String) -> Self;
}

impl HelpIfNone for Diagnostic {
    fn with_help_if_none(self, help: String) -> Self {
        if self.help.is_some() { self } else { self.with_help(help) }
    }
}

/// Finds the span of `value` inside the YAML block, preferably after `key:`, for diagnostics
/// about values (undeclared audience, missing path step) that serde cannot locate.
pub fn find_value_span(
    text: &str,
    yaml: (usize, usize),
    key: &str,
    value: &str,
    file: FileId,
) -> Span {
    let block = &text[yaml.0..yaml.1];
    let key_at = find_key(block, key).unwrap_or(0);
    let found = block[key_at..].find(value).map(|i| key_at + i).or_else(|| block.find(value));
    match found {
        Some(i) => Span::new(file, yaml.0 + i, yaml.0 + i + value.len()),
        None => Span::new(file, yaml.0 + key_at, yaml.0 + key_at + key.len()),
    }
}

fn find_key(block: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in block.split_inclusive('\n') {
        let trimmed = line.trim_start_matches([' ', '-']);
        if trimmed.starts_with(key) && trimmed[key.len()..].trim_start().starts_with(':') {
            return Some(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Meta {
        #[allow(dead_code, reason = "parsed to test missing keys")]
        title: String,
        #[serde(default)]
        #[allow(dead_code, reason = "parsed to test unknown keys")]
        summary: String,
    }

    const KEYS: &[&str] = &["title", "summary"];

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ntitle: A\n---\nBody\n";
        let split = split_front_matter(text, FileId(0)).unwrap().unwrap();
        assert_eq!(&text[split.yaml.0..split.yaml.1], "title: A\n");
        assert_eq!(&text[split.body_offset..], "Body\n");
    }

    #[test]
    fn splits_crlf_files() {
        let text = "---\r\ntitle: A\r\n---\r\nBody\r\n";
        let split = split_front_matter(text, FileId(0)).unwrap().unwrap();
        assert_eq!(&text[split.body_offset..], "Body\r\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let error = split_front_matter("---\ntitle: A\n", FileId(0)).unwrap_err();
        assert_eq!(error.code, Code::FrontMatter);
    }

    #[test]
    fn unknown_key_points_at_the_key_with_suggestion() {
        let text = "---\ntitle: A\nsumary: x\n---\n";
        let split = split_front_matter(text, FileId(0)).unwrap().unwrap();
        let error = parse_yaml::<Meta>(text, split.yaml, FileId(0), KEYS).unwrap_err();
        assert_eq!(error.code, Code::UnknownKey);
        assert_eq!(error.span.unwrap().start, text.find("sumary").unwrap());
        assert_eq!(error.help.as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn missing_title_is_reported() {
        let text = "---\nsummary: x\n---\n";
        let split = split_front_matter(text, FileId(0)).unwrap().unwrap();
        let error = parse_yaml::<Meta>(text, split.yaml, FileId(0), KEYS).unwrap_err();
        assert_eq!(error.code, Code::MissingKey);
        assert!(error.message.contains("`title`"));
    }

    #[derive(Debug, Deserialize)]
    struct Dated {
        #[allow(dead_code, reason = "parsed to test date errors")]
        updated: crate::content::model::Date,
    }

    #[test]
    fn invalid_date_points_at_the_value() {
        let text = "---\ntitle: A\nupdated: 2026-02-30\n---\n";
        let split = split_front_matter(text, FileId(0)).unwrap().unwrap();
        let error = parse_yaml::<Dated>(text, split.yaml, FileId(0), &["updated"]).unwrap_err();
        assert_eq!(error.span.unwrap().start, text.find("2026").unwrap());
        assert!(error.help.unwrap().contains("YYYY-MM-DD"));
    }

    #[test]
    fn syntax_error_offset_is_in_file_coordinates() {
        let text = "---\ntitle: A\nsummary: [unclosed\n---\n";
        let split = split_front_matter(text, FileId(0)).unwrap().unwrap();
        let error = parse_yaml::<Meta>(text, split.yaml, FileId(0), KEYS).unwrap_err();
        assert_eq!(error.code, Code::YamlSyntax);
        assert!(error.span.unwrap().start >= split.yaml.0);
    }
}
