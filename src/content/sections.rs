//! Sections: folders under `articles/` are sections, whether or not site.yaml names them;
//! site.yaml's `sections` only adds titles, descriptions and order. An article's `section:` key
//! may move it into another section, which must then be a folder or a declared section, so a
//! typo is caught instead of quietly making a new section.

use std::collections::BTreeSet;

use super::front_matter::find_value_span;
use super::model::{DocKind, Site};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceMap};

/// Reports each `section:` value that names neither a folder under `articles/` nor a section
/// declared in site.yaml, at the value, with the nearest known section.
pub(crate) fn check_written_sections(
    site: &Site,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) {
    let articles = site.docs.iter().filter(|d| d.kind == DocKind::Article);
    let folders: BTreeSet<&str> = articles
        .clone()
        .filter_map(|d| d.source_path.strip_prefix("articles/")?.rsplit_once('/'))
        .map(|(folder, _)| folder)
        .collect();
    let declared = site.config.sections.iter().map(|s| s.id.as_str());
    let known: BTreeSet<&str> = folders.iter().copied().chain(declared).collect();
    for doc in articles {
        // An unsafe value was reported at load and replaced by the folder.
        let Some(written) = doc.meta.section.as_deref().filter(|s| *s == doc.section) else {
            continue;
        };
        if known.contains(written) {
            continue;
        }
        let text = &sources.get(doc.file).text;
        let yaml = (0, doc.body_offset.min(text.len()));
        let span = find_value_span(text, yaml, "section", written, doc.file);
        let diagnostic = Diagnostic::error(Code::UndeclaredSection,
            format!(
                "section `{written}` is neither a folder under `articles/` nor declared in site.yaml"
            ),
        )
        .at(span)
        .with_suggestion(written, known.iter().copied());
        let diagnostic = match diagnostic.help {
            Some(_) => diagnostic,
            None => diagnostic.with_help(format!(
                "move the file into `articles/{written}/` and drop the `section:` line, or declare `{written}` under `sections` in site.yaml"
            )),
        };
        diagnostics.push(diagnostic);
    }
}
