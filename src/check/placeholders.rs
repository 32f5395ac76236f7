//! The `placeholder` lint: front matter values that still hold the text `attune new` wrote
//! (starting with [`PLACEHOLDER`]), so a scaffolded file is never published unfinished without
//! a word.

use crate::content::front_matter::find_value_span;
use crate::diagnostics::{Code, Diagnostic, FileId};
use crate::resolve::Analysis;

/// How every placeholder `attune new` writes begins; values that do are reported.
pub const PLACEHOLDER: &str = "TODO";

/// The comment `attune import obsidian` writes after a summary it took from a note's first
/// paragraph: the author should read it once (issue 27).
pub const IMPORTED_SUMMARY: &str = "# attune import: check this summary";

/// A summary `attune import` wrote, still marked for review.
fn imported_summary(analysis: &Analysis, doc: &crate::content::model::Doc) -> Option<Diagnostic> {
    let text = &analysis.sources.get(doc.file).text;
    let at = text.get(..doc.body_offset)?.find(IMPORTED_SUMMARY)?;
    let span = crate::diagnostics::Span::new(doc.file, at, at + IMPORTED_SUMMARY.len());
    Some(
        Diagnostic::warning(
            Code::Placeholder,
            "this summary is the note's first paragraph, as imported",
        )
        .at(span)
        .with_help(
            "read it, shorten or rewrite it for the page's readers, then delete this comment",
        ),
    )
}

/// One warning per placeholder value in articles, pages, glossary entries and paths.
pub(crate) fn check_placeholders(analysis: &Analysis) -> Vec<Diagnostic> {
    let site = &analysis.site;
    let mut out: Vec<Diagnostic> =
        site.docs.iter().filter_map(|doc| imported_summary(analysis, doc)).collect();
    let mut check = |file: FileId, yaml_end: usize, key: &str, value: &str| {
        if !value.trim_start().starts_with(PLACEHOLDER) {
            return;
        }
        let text = &analysis.sources.get(file).text;
        let span = find_value_span(text, (0, yaml_end.min(text.len())), key, value, file);
        out.push(
            Diagnostic::warning(Code::Placeholder, format!("`{key}` is still a placeholder"))
                .at(span)
                .with_help(format!("replace the `{PLACEHOLDER}: ...` text with your own words")),
        );
    };
    for doc in &site.docs {
        check(doc.file, doc.body_offset, "title", &doc.meta.title);
        check(doc.file, doc.body_offset, "summary", &doc.meta.summary);
    }
    for term in &site.terms {
        check(term.file, term.body_offset, "term", &term.meta.term);
        check(term.file, term.body_offset, "short", &term.meta.short);
    }
    for path in &site.paths {
        check(path.file, path.yaml.1, "title", &path.meta.title);
        check(path.file, path.yaml.1, "summary", &path.meta.summary);
        for step in &path.meta.steps {
            check(path.file, path.yaml.1, "note", &step.note);
        }
    }
    out
}
