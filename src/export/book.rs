//! A reading path laid out as files, shared by both exports: one page per step
//! (`pages/01-slug.xhtml`), a glossary page, and the static files the steps show
//! (`static/…`). Each step's rendered body has its links pointed into that layout: a link to
//! another step goes to its page, a glossary term to the glossary page, an image to its copy
//! in the archive, and anything else on the site to the published site (or, with no
//! `base_url`, it becomes plain text).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::ids::{DocId, PathId};
use crate::render::Resolved;
use crate::render::appendix::Appendix;
use crate::resolve::Owner;

/// One step of the path in the archive.
#[derive(Debug, Clone)]
pub struct Step {
    /// The article.
    pub doc: DocId,
    /// Its page's file name (`01-empathy.xhtml`).
    pub file: String,
    /// Why the step is there.
    pub note: String,
    /// Whether the step may be skipped.
    pub optional: bool,
}

/// A path laid out as pages.
pub struct Book<'a> {
    /// The resolved site.
    pub r: &'a Resolved<'a>,
    /// The path.
    pub path: PathId,
    /// Its steps, in order.
    pub steps: Vec<Step>,
    /// Its glossary terms and references.
    pub appendix: Appendix,
    /// The glossary page's file name, next to the steps' pages.
    pub glossary_file: String,
    /// The published site's address, when site.yaml sets one.
    pub base_url: Option<String>,
    /// Static files by their site path (`images/a.png`).
    statics: BTreeMap<String, PathBuf>,
}

impl<'a> Book<'a> {
    /// The layout of `path`, with page files ending in `extension` (`xhtml` or `html`).
    pub fn new(r: &'a Resolved<'a>, path: PathId, extension: &str, base_url: Option<&str>) -> Self {
        let meta = &r.site.paths[path].meta;
        let steps = r.paths[path]
            .steps
            .iter()
            .enumerate()
            .map(|(n, &(index, doc))| Step {
                doc,
                file: format!("{:02}-{}.{extension}", n + 1, r.site.doc(doc).slug),
                note: meta.steps[index].note.clone(),
                optional: meta.steps[index].optional,
            })
            .collect();
        let mut statics: BTreeMap<String, PathBuf> =
            r.site.static_files.iter().map(|f| (f.output.clone(), f.source.clone())).collect();
        // Images outside `static/` that the site publishes because a note embeds them.
        for file in crate::render::attachment_files(r) {
            if let crate::output::OutputBody::Copy(source) = file.body {
                statics.insert(file.path, source);
            }
        }
        Book {
            r,
            path,
            steps,
            appendix: crate::render::appendix::path_appendix(r, path),
            glossary_file: format!("glossary.{extension}"),
            base_url: base_url.map(str::to_string),
            statics,
        }
    }

    /// A body's HTML for a page in the pages folder, as XHTML, with its links pointed into
    /// the archive; the static files it shows are added to `assets`.
    pub fn body(&self, owner: Owner, assets: &mut BTreeSet<String>) -> String {
        let html = crate::render::appendix::body_at(self.r, owner, "");
        let html = crate::url::map_urls(&html, true, |value| self.image(value, assets));
        let html = crate::url::map_urls(&html, false, |value| self.link(value));
        super::xhtml::to_xhtml(&html)
    }

    /// A site path without the leading `/` (or base path) raw HTML may give it.
    fn site_path<'v>(&self, value: &'v str) -> &'v str {
        let base = self.r.site.config.base_path();
        value.strip_prefix(base.as_str()).or_else(|| value.strip_prefix('/')).unwrap_or(value)
    }

    /// Where an image of a body comes from: its copy in the archive, or nowhere (an image
    /// from another site or a missing file would be a request outside the export).
    fn image(&self, value: &str, assets: &mut BTreeSet<String>) -> String {
        let path = self.site_path(value);
        let decoded = crate::url::percent_decode(path.split(['#', '?']).next().unwrap_or(""));
        if !crate::url::is_external(value) && self.statics.contains_key(&decoded) {
            assets.insert(decoded);
            return format!("../static/{path}");
        }
        super::xhtml::UNSOURCE.to_string()
    }

    /// Where a site-root-relative link of a body goes from a page of the book.
    fn link(&self, value: &str) -> String {
        if value.starts_with('#') || crate::url::is_external(value) {
            return value.to_string();
        }
        let value = self.site_path(value);
        let (path, fragment) = match value.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (value, None),
        };
        let anchor = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        let site = self.r.site;
        if let Some(step) = self.steps.iter().find(|s| site.doc(s.doc).url == path) {
            return format!("{}{anchor}", step.file);
        }
        let in_glossary =
            |slug: &str| self.appendix.terms.iter().any(|t| site.terms[*t].slug == slug);
        if path == "glossary/" && fragment.is_some_and(in_glossary) {
            return format!("{}{anchor}", self.glossary_file);
        }
        match &self.base_url {
            Some(base) => format!("{base}{value}"),
            None => super::xhtml::UNLINK.to_string(),
        }
    }

    /// The static files `assets` names, in order, with the bytes a build writes for them:
    /// images without their metadata (a photo's GPS position stays out of a book too).
    pub fn asset_bytes(&self, assets: &BTreeSet<String>) -> Result<Vec<(String, Vec<u8>)>> {
        let site = self.r.site;
        let present = assets.iter().filter_map(|a| self.statics.get(a).map(|s| (a, s)));
        present
            .map(|(asset, source)| {
                let bytes = match site.images.get(asset) {
                    Some(info) => {
                        crate::media::encode::full_size(asset, info, &site.config.images)?
                    }
                    None => std::fs::read(source).map_err(|e| Error::io("reading", source, e))?,
                };
                Ok((asset.clone(), bytes))
            })
            .collect()
    }

    /// The published URL of a step's article, when the site has an address.
    pub fn published(&self, doc: DocId) -> Option<String> {
        self.base_url.as_ref().map(|base| format!("{base}{}", self.r.site.doc(doc).url))
    }
}
