//! The 404 page is served by the web host at whatever URL was missing, at any depth, so its
//! links cannot be relative. They start from the base path of `base_url`; when the site is
//! published under a subpath that `base_url` does not name (a build without `--base-url`), a
//! small script on the page finds the site's root in the missing URL and moves every link
//! there. It looks for the first path segment that is one of the site's own top-level folders
//! (`articles`, `glossary`, a page's slug…), else takes the missing page's folder.

use std::collections::BTreeSet;

use crate::content::model::DocKind;
use crate::render::Resolved;

/// The script's data as JSON, safe inside `<script>`: `{"base": "/", "folders": [...]}`.
pub(crate) fn root_finder(r: &Resolved<'_>) -> String {
    let mut folders: BTreeSet<String> =
        ["articles", "glossary", "paths", "tags", "search", "map", "theme", "atom.xml"]
            .map(String::from)
            .into();
    for doc in r.site.docs.iter().filter(|d| d.kind == DocKind::Page) {
        folders.insert(doc.slug.clone());
    }
    let attachments = r.bodies.iter().flat_map(|(_, body)| &body.attachments);
    for output in r.site.static_files.iter().map(|f| &f.output).chain(attachments) {
        if let Some((top, _)) = output.split_once('/') {
            folders.insert(top.to_string());
        }
    }
    // A language's 404 page lives in its folder: its links start there (`/es/`).
    let base = format!("{}{}", r.site.config.base_path(), r.site.prefix);
    let data = serde_json::json!({ "base": base, "folders": folders });
    // `<` never appears raw, so no value can close the script element.
    data.to_string().replace('<', "\\u003c")
}
