//! The `placeholder` lint: front matter values that still hold the text `attune new` wrote
//! (starting with [`PLACEHOLDER`]), so a scaffolded file is never published unfinished without
//! a word.

use crate::content::front_matter::find_value_span;
use crate::diagnostics::{Code, Diagnostic, FileId};
use crate::resolve::Analysis;

/// How every placeholder `attune new` writes begins; values that do are reported.
pub const PLACEHOLDER: &str = "TODO";

/// One warning per placeholder value in articles, pages, glossary entries and paths.
pub(crate) fn check_placeholders(analysis: &Analysis) -> Vec<Diagnostic> {
    let site = &analysis.site;
    let mut out = Vec::new();
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
