//! `attune new article|term|path|page SLUG`: a new file with valid front matter. Text the author
//! must write is a placeholder starting with [`PLACEHOLDER`], which `attune check` reports as a
//! warning (`placeholder`) until it is replaced, so a scaffold never ships silently.

use std::path::{Path, PathBuf};

use crate::config::title_case;
use crate::content::model::{Date, DocKind, Site};
use crate::error::{Error, Result};

pub use crate::check::placeholders::PLACEHOLDER;

/// What `attune new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// `content/articles/<section>/<slug>.md`.
    Article,
    /// `content/glossary/<slug>.md`.
    Term,
    /// `content/paths/<slug>.md`.
    Path,
    /// `content/pages/<slug>.md`.
    Page,
}

/// Settings of `attune new`.
#[derive(Debug, Clone)]
pub struct NewFile {
    /// What to create.
    pub kind: NewKind,
    /// File name without `.md`.
    pub slug: String,
    /// Title (the term, for a glossary entry); defaults to the slug in sentence case.
    pub title: Option<String>,
    /// Audience id, for articles and paths; defaults to the first declared.
    pub audience: Option<String>,
    /// Section (folder under `articles/`), for articles; defaults to the first declared, else
    /// directly under `articles/`.
    pub section: Option<String>,
}

/// Writes the new file and returns its path; refuses bad slugs, unknown audiences, unsafe
/// sections and existing files.
pub fn new_file(root: &Path, site: &Site, new: &NewFile) -> Result<PathBuf> {
    check_slug(&new.slug)?;
    let config = &site.config;
    let title = quoted(&new.title.clone().unwrap_or_else(|| title_case(&new.slug)));
    let content = root.join("content");
    let (path, text) = match new.kind {
        NewKind::Article => {
            let section = new
                .section
                .clone()
                .or_else(|| config.sections.first().map(|s| s.id.clone()))
                .unwrap_or_default();
            check_section(&section)?;
            let audience = audience(site, new.audience.as_deref())?;
            let text = format!(
                "---\ntitle: {title}\nsummary: \"{PLACEHOLDER}: one or two plain sentences on what the reader will get.\"\naudience: [{audience}]\ntags: []\nrelated: []\nreferences: []\nupdated: {}\n---\n\nStart with a short introduction.\n\n## First heading\n\nWrite here. Link another article by writing its slug in double square brackets, like `[[slug]]`.\n",
                Date::today(),
            );
            (content.join("articles").join(section).join(format!("{}.md", new.slug)), text)
        }
        NewKind::Term => {
            let text = format!(
                "---\nterm: {title}\naliases: []\nshort: \"{PLACEHOLDER}: one plain sentence that defines the term.\"\nsee_also: []\n---\n\nThe full entry: what the term means, with an example.\n"
            );
            (content.join("glossary").join(format!("{}.md", new.slug)), text)
        }
        NewKind::Path => {
            let audience = audience(site, new.audience.as_deref())?;
            let first = first_article(site)?;
            let text = format!(
                "---\ntitle: {title}\naudience: [{audience}]\nsummary: \"{PLACEHOLDER}: who this path is for and what they will learn.\"\nsteps:\n  - article: {first}\n    note: \"{PLACEHOLDER}: why this step comes first.\"\n---\n\nAn introduction to the path.\n"
            );
            (content.join("paths").join(format!("{}.md", new.slug)), text)
        }
        NewKind::Page => {
            let text = format!(
                "---\ntitle: {title}\nsummary: \"{PLACEHOLDER}: one sentence on what this page is for.\"\n---\n\nWrite the page here.\n"
            );
            (content.join("pages").join(format!("{}.md", new.slug)), text)
        }
    };
    super::write_new(&path, text.as_bytes())
}

fn check_slug(slug: &str) -> Result<()> {
    let valid = !slug.is_empty()
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "`{slug}` is not a good slug: use lowercase letters, digits and dashes, e.g. `working-alliance`"
    )))
}

/// A section is a folder path under `articles/`: plain names only, so the file stays inside.
fn check_section(section: &str) -> Result<()> {
    let safe = section.is_empty()
        || section
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
    if safe {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "`{section}` is not a folder name under `articles/`; use a name such as `components`"
    )))
}

/// The audience to write: the one asked for (which must be declared), else the first declared.
fn audience(site: &Site, wanted: Option<&str>) -> Result<String> {
    let config = &site.config;
    let ids: Vec<&str> = config.audiences.iter().map(|a| a.id.as_str()).collect();
    match wanted {
        Some(a) if config.audience(a).is_some() => Ok(a.to_string()),
        Some(a) => Err(Error::Usage(format!(
            "audience `{a}` is not in site.yaml; declared: {}",
            ids.join(", ")
        ))),
        None => ids.first().map(|a| a.to_string()).ok_or_else(|| {
            Error::Usage("site.yaml declares no audience; add one under `audiences`".into())
        }),
    }
}

/// A path needs a real first step: the site's first article by slug.
fn first_article(site: &Site) -> Result<String> {
    let mut slugs: Vec<&str> =
        site.docs.iter().filter(|d| d.kind == DocKind::Article).map(|d| d.slug.as_str()).collect();
    slugs.sort_unstable();
    slugs.first().map(|s| s.to_string()).ok_or_else(|| {
        Error::Usage("a reading path needs an article to start from; write one with `attune new article SLUG` first".into())
    })
}

/// A YAML double-quoted string (JSON's quoting is valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}
