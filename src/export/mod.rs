//! `attune export`: a reading path as an EPUB 3 book ([`epub`]) or as an IMS Common
//! Cartridge 1.3 for an LMS ([`cartridge`]). A command over the whole pipeline: it loads and
//! resolves the site once (no page is rendered, no Markdown rendered again), takes each step's
//! rendered body from the analysis, points its links into the archive ([`book`]), makes it
//! well-formed XHTML ([`xhtml`]) and packs everything with a deterministic zip writer
//! ([`zip`]): the same site gives the same bytes.

pub mod book;
pub mod cartridge;
pub mod epub;
mod page;
pub mod xhtml;
pub mod zip;

use std::path::{Path, PathBuf};

use crate::content::model::Site;
use crate::error::{Error, Result};
use crate::ids::PathId;
use crate::options::BuildOptions;
use crate::render::Resolved;
use crate::resolve::Analysis;

/// What to export and where.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// The reading path's slug (its file name under `content/paths/`).
    pub path: String,
    /// The file to write; `<path>.epub` or `<path>.imscc` in the current folder by default.
    pub out: Option<PathBuf>,
}

/// What an export wrote.
#[derive(Debug, Clone)]
pub struct Exported {
    /// The archive written.
    pub file: PathBuf,
    /// Steps of the path in it.
    pub steps: usize,
    /// Files inside the archive.
    pub files: usize,
}

impl Exported {
    /// `wrote new-to-therapy.epub: 11 steps, 17 files`.
    pub fn summary(&self) -> String {
        format!("wrote {}: {} steps, {} files", self.file.display(), self.steps, self.files)
    }
}

/// `attune export epub PATH`: the path as an EPUB 3 book.
pub fn export_epub(options: &ExportOptions) -> Result<Exported> {
    export(options, "epub", epub::epub)
}

/// `attune export cc PATH [--links]`: the path as a Common Cartridge; with `links`, each step
/// is a web link to the published site instead of the page itself.
pub fn export_cartridge(options: &ExportOptions, links: bool) -> Result<Exported> {
    let root = options.root.clone();
    export(options, "imscc", move |r, path, base_url| {
        let theme = crate::render::templates::load_theme(&root)?;
        match (links, base_url) {
            (true, None) => Err(missing_base_url(&root)),
            (true, Some(base)) => cartridge::links(r, path, base),
            (false, base) => cartridge::web_content(r, path, base, &theme),
        }
    })
}

/// A finished archive: its bytes and how many files it holds.
pub type Archive = (Vec<u8>, usize);

/// Analyses the site, finds the path, builds the archive with `make` and writes it.
fn export(
    options: &ExportOptions,
    extension: &str,
    make: impl FnOnce(&Resolved<'_>, PathId, Option<&str>) -> Result<Archive>,
) -> Result<Exported> {
    let build = BuildOptions::new(&options.root);
    let mut analysis = crate::analyse(&build)?;
    crate::fail_on_errors(&mut analysis)?;
    let path = find_path(&analysis.site, &options.path)?;
    let base_url = declared_base_url(&analysis);
    let resolved = Resolved::new(&analysis, &build, Vec::new());
    let (bytes, files) = make(&resolved, path, base_url.as_deref())?;
    let file = options.out.clone().unwrap_or_else(|| {
        PathBuf::from(format!("{}.{extension}", analysis.site.paths[path].slug))
    });
    std::fs::write(&file, bytes).map_err(|e| Error::io("writing", &file, e))?;
    Ok(Exported { file, steps: analysis.paths[path].steps.len(), files })
}

/// The path with this slug, or an error naming the paths that exist.
pub fn find_path(site: &Site, slug: &str) -> Result<PathId> {
    if let Some((id, _)) = site.paths.iter_enumerated().find(|(_, p)| p.slug == slug) {
        return Ok(id);
    }
    let slugs: Vec<&str> = site.paths.iter().map(|p| p.slug.as_str()).collect();
    if slugs.is_empty() {
        return Err(Error::Usage(format!(
            "no reading path `{slug}`: the site has no paths; add one under content/paths/"
        )));
    }
    let hint = crate::diagnostics::did_you_mean(slug, slugs.iter().copied())
        .map(|near| format!("did you mean `{near}`? "))
        .unwrap_or_default();
    Err(Error::Usage(format!(
        "no reading path `{slug}`; {hint}the paths are: {}",
        slugs.join(", ")
    )))
}

/// `base_url` when site.yaml sets it (the default stands for no address at all).
fn declared_base_url(analysis: &Analysis) -> Option<String> {
    let sources = &analysis.sources;
    let config = (0..sources.len())
        .filter_map(|i| u32::try_from(i).ok())
        .map(|i| sources.get(crate::diagnostics::FileId(i)))
        .find(|f| f.path.ends_with("content/site.yaml") || f.path.ends_with("content/site.yml"))?;
    let declared = config.text.lines().any(|line| {
        line.strip_prefix("base_url:")
            .map(|v| v.trim().trim_matches(['"', '\'']))
            .is_some_and(|v| !v.is_empty())
    });
    declared.then(|| analysis.site.config.base_url())
}

fn missing_base_url(root: &Path) -> Error {
    let file = root.join("content").join("site.yaml");
    Error::Usage(format!(
        "`--links` points each step at the published site, but {} has no `base_url`; add \
         `base_url: https://your.site/` to it, or leave out --links to put the pages themselves \
         in the cartridge",
        file.display()
    ))
}
