//! Other tools' front matter (issue 27): an Obsidian note or a Hugo or Jekyll post loads as it
//! was written. Keys with an attune meaning are mapped onto attune's (`description` is the
//! summary, `date` and `lastmod` the update date, `categories` more tags); keys that do nothing
//! here get a warning that says so and what attune does instead. Typos of attune's own keys
//! stay errors with a "did you mean": only this known list is let through.

use super::Header;
use crate::content::model::ArticleMeta;
use crate::diagnostics::{Code, Diagnostic, Span};

/// The keys attune ignores, each with what it does instead.
const IGNORED: &[(&str, &str)] = &[
    (
        "cssclasses",
        "Obsidian's `cssclasses` does nothing here: every page shares the theme; add CSS in `theme/extra.css`",
    ),
    (
        "publish",
        "Obsidian Publish's `publish` does nothing here: every file under `content/` is published; write `draft: true` to hold one back",
    ),
    (
        "layout",
        "`layout` does nothing here: every article uses `templates/article.html`; `attune eject article.html` to change it",
    ),
    (
        "permalink",
        "`permalink` does nothing here: the URL is the folder and file name (`articles/<section>/<file>/`); move or rename the file to change it",
    ),
    ("slug", "`slug` does nothing here: the slug is the file name; rename the file to change it"),
    (
        "url",
        "`url` does nothing here: the URL is the folder and file name (`articles/<section>/<file>/`); move or rename the file to change it",
    ),
];

impl Header<'_> {
    /// Maps other tools' keys onto `meta` and warns about the ignored ones. An article with
    /// neither `summary` nor `description` is the same `missing-key` error as before.
    pub(super) fn adopt_foreign_keys(
        &self,
        meta: &mut ArticleMeta,
        notes: &mut Vec<Diagnostic>,
    ) -> Result<(), Diagnostic> {
        if let Some(description) = meta.description.take() {
            if meta.summary.is_empty() {
                meta.summary = description;
            }
        } else if meta.summary.is_empty() && self.find_key("summary").is_none() {
            let yaml = self.yaml.0;
            return Err(Diagnostic::error(Code::MissingKey, "the front matter has no `summary`")
                .at(Span::new(self.file, yaml.saturating_sub(4), yaml.saturating_sub(1)))
                .with_help("add a line `summary: ...` between the `---` lines"));
        }
        if meta.updated.is_none() {
            meta.updated = meta.lastmod.or(meta.date);
        }
        for category in std::mem::take(&mut meta.categories) {
            if !meta.tags.contains(&category) {
                meta.tags.push(category);
            }
        }
        let present = [
            meta.cssclasses.is_some(),
            meta.publish.is_some(),
            meta.layout.is_some(),
            meta.permalink.is_some(),
            meta.slug.is_some(),
            meta.url.is_some(),
        ];
        for ((key, help), _) in IGNORED.iter().zip(present).filter(|(_, present)| *present) {
            notes.push(
                Diagnostic::warning(Code::ForeignKey, format!("attune ignores the key `{key}`"))
                    .at(self.span_of(key, key))
                    .with_help(*help),
            );
        }
        Ok(())
    }

    /// Where a top-level key is written in the YAML block, if it is.
    fn find_key(&self, key: &str) -> Option<usize> {
        let block = &self.text[self.yaml.0..self.yaml.1];
        let mut offset = 0;
        for line in block.split_inclusive('\n') {
            let rest = line.strip_prefix(key).map(str::trim_start);
            if rest.is_some_and(|r| r.starts_with(':')) {
                return Some(self.yaml.0 + offset);
            }
            offset += line.len();
        }
        None
    }
}
