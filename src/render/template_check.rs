//! Compiling a site's own templates the way a build would, so `check` (and `build`, before it
//! renders anything) reports a broken template at its file, line and column with tera's
//! message, instead of failing mid-render with a message that names no file.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, SourceFile, SourceMap, Span};
use crate::render::templates::{TEMPLATES, error_chain};

/// Parses every overriding template on its own (syntax errors, with their position), then the
/// whole set as the build loads it (inheritance and macro imports between templates).
pub(crate) fn check_site_templates(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) {
    let mut site_files: Vec<(&str, FileId)> = Vec::new();
    for (name, _) in TEMPLATES {
        let display = PathBuf::from("templates").join(name);
        let id = match sources.find(&display) {
            Some(id) => id,
            None => match std::fs::read_to_string(root.join(&display)) {
                Ok(text) => sources.push(SourceFile::new(display, text)),
                Err(_) => continue,
            },
        };
        site_files.push((name, id));
    }
    let mut parsed = true;
    for (name, id) in &site_files {
        let text = &sources.get(*id).text;
        if let Err(error) = tera::Template::new(name, None, text) {
            parsed = false;
            diagnostics.push(template_error(&error_chain(&error), text, *id));
        }
    }
    if !parsed || site_files.is_empty() {
        return;
    }
    let set = TEMPLATES.iter().map(|(name, default)| {
        let own = site_files.iter().find(|(n, _)| n == name);
        (*name, own.map_or(*default, |(_, id)| sources.get(*id).text.as_str()))
    });
    if let Err(error) = tera::Tera::default().add_raw_templates(set) {
        let message = error_chain(&error);
        // The file the message names first, else the first override.
        let blamed = site_files
            .iter()
            .find(|(name, _)| message.contains(&format!("'{name}'")))
            .or(site_files.first());
        if let Some((_, id)) = blamed {
            diagnostics.push(template_error(&message, &sources.get(*id).text, *id));
        }
    }
}

/// A `template` error at the line and column tera's message gives (` --> 3:12`), else at the
/// line that mentions the template a message names, else at the top of the file.
fn template_error(message: &str, text: &str, file: FileId) -> Diagnostic {
    let offset = position(message)
        .map(|(line, column)| offset_of(text, line, column))
        .or_else(|| quoted_names(message).find_map(|name| text.find(&format!("\"{name}\""))))
        .unwrap_or(0);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i).max(offset);
    let summary = summarise(message);
    Diagnostic::error(Code::Template, format!("the template does not compile: {summary}"))
        .at(Span::new(file, offset, end))
        .with_help("fix the template, or delete it to use attune's default (`attune eject --list` shows the defaults)")
}

/// `(line, column)` from pest's ` --> 3:12` marker.
fn position(message: &str) -> Option<(usize, usize)> {
    let rest = &message[message.find("--> ")? + 4..];
    let mut numbers = rest.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty());
    Some((numbers.next()?.parse().ok()?, numbers.next()?.parse().ok()?))
}

/// The byte offset of a 1-based line and column (in chars).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let line_text = text[start.min(text.len())..].lines().next().unwrap_or("");
    start
        + line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i)
}

/// Names in single quotes in tera's message (`'bse.html'`).
fn quoted_names(message: &str) -> impl Iterator<Item = &str> {
    message.split('\'').skip(1).step_by(2)
}

/// Tera's message on one line, without pest's source excerpt (the diagnostic quotes the line).
fn summarise(message: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for line in message.lines() {
        let line = line.trim();
        let excerpt = line.starts_with("-->")
            || line.starts_with('|')
            || line
                .split_once('|')
                .is_some_and(|(n, _)| n.trim().chars().all(|c| c.is_ascii_digit()));
        if line.is_empty() || excerpt {
            continue;
        }
        parts.push(line.trim_start_matches("= ").to_string());
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_point_at_tera_position() {
        let text = "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ article.title </p>\n{% endblock %}\n";
        let error = tera::Template::new("article.html", None, text).unwrap_err();
        let d = template_error(&error_chain(&error), text, FileId(0));
        let start = d.span.unwrap().start;
        assert_eq!(text[..start].matches('\n').count(), 2, "on line 3: {}", d.message);
        assert!(!d.message.contains("-->"), "{}", d.message);
    }
}
