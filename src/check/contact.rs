//! The `contact-missing` lint: a site that writes for clients must tell them how to reach the
//! people behind it, to ask a question or to report an error. The contact is
//! `organisation.contact` in site.yaml, shown in every page's footer; when it is empty and at
//! least one article is for an audience site.yaml marks `client_facing`, `attune check` warns at the `contact` key (or at the
//! `organisation` block, or at the top of site.yaml when neither is written).

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, FileId, Span};
use crate::resolve::Analysis;

/// The warning for a client-facing site with no contact, or nothing.
pub fn lint(analysis: &Analysis) -> Option<Diagnostic> {
    let site = &analysis.site;
    if !site.config.organisation.contact.trim().is_empty() || config_failed(analysis) {
        return None;
    }
    let first_client_page = site
        .article_ids()
        .map(|id| site.doc(id))
        .find(|doc| doc.meta.audience.iter().any(|a| site.config.is_client_facing(a)))?;
    let diagnostic = Diagnostic::warning(
        Code::ContactMissing,
        format!(
            "client-facing pages (such as `{}`) but no contact in site.yaml",
            first_client_page.slug
        ),
    )
    .with_help(
        "set `organisation.contact` in site.yaml to how readers can reach you or report an \
         error (an address, a phone number, or the title of a corrections page); it is shown \
         in every page's footer",
    );
    Some(match config_file(analysis) {
        Some(file) => diagnostic.at(contact_span(&analysis.sources.get(file).text, file)),
        None => diagnostic.in_file("content/site.yaml"),
    })
}

/// Whether site.yaml failed to load: the site then runs on defaults, and a warning about
/// them would be a second finding for the one mistake already reported.
fn config_failed(analysis: &Analysis) -> bool {
    let Some(file) = config_file(analysis) else { return false };
    analysis.diagnostics.items().iter().any(|d| {
        d.severity == crate::diagnostics::Severity::Error && d.span.is_some_and(|s| s.file == file)
    })
}

/// The site.yaml source, if the site has one.
fn config_file(analysis: &Analysis) -> Option<FileId> {
    ["content/site.yaml", "content/site.yml"]
        .into_iter()
        .find_map(|path| analysis.sources.find(Path::new(path)))
}

/// The `contact` key, else the `organisation` key, else the first byte of the file.
fn contact_span(text: &str, file: FileId) -> Span {
    let key_at = |key: &str| {
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')) {
                let start = offset + (line.len() - trimmed.len());
                return Some(Span::new(file, start, start + key.len()));
            }
            offset += line.len();
        }
        None
    };
    key_at("contact").or_else(|| key_at("organisation")).unwrap_or(Span::new(file, 0, 0))
}

#[cfg(test)]
mod tests {
    use super::contact_span;
    use crate::diagnostics::FileId;

    #[test]
    fn points_at_the_contact_key_then_the_organisation_block_then_the_top() {
        let file = FileId(0);
        let with_key = "title: T\norganisation:\n  name: N\n  contact: \"\"\n";
        let span = contact_span(with_key, file);
        assert_eq!(&with_key[span.start..span.end], "contact");
        let block_only = "title: T\norganisation:\n  name: N\n";
        let span = contact_span(block_only, file);
        assert_eq!(&block_only[span.start..span.end], "organisation");
        let neither = "title: T\n";
        assert_eq!((contact_span(neither, file).start, contact_span(neither, file).end), (0, 0));
    }
}
