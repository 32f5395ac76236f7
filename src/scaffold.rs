//! `attune init` and `attune new`: a new site's content (a small starter, or the whole bundled
//! handbook embedded in the binary) and new articles, terms, paths and pages with valid front
//! matter ([`new`]); `attune import obsidian` makes one from an Obsidian vault ([`import`]).
//!
//! `init` writes content and site.yaml only, never templates or theme files: a copied template
//! would silently override attune's own, and no later fix to attune would reach the site.
//! `attune eject` copies the defaults a site really wants to change.

mod import;
mod new;

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub use import::{ImportProblem, ImportReport, import_obsidian};
pub use new::{NewFile, NewKind, PLACEHOLDER, new_file};

include!(concat!(env!("OUT_DIR"), "/handbook.rs"));

/// What `init` starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Starter {
    /// A small working site to replace.
    Starter,
    /// The bundled handbook on the therapeutic relationship.
    Handbook,
}

const STARTER: &[(&str, &str)] = &[
    (
        "site.yaml",
        "title: \"My learning site\"\ndescription: \"Plain-language articles, a glossary and reading paths.\"\nlanguage: en\nbase_url: \"https://example.org/\"\naudiences:\n  - id: clients\n    label: Clients\n    max_grade: 8\n    client_facing: true\n  - id: students\n    label: Students\n    max_grade: 12\nsections:\n  - id: basics\n    title: Basics\n    description: \"Start here.\"\norganisation:\n  name: \"My organisation\"\n  contact: \"hello@example.org\"\nhelp_notice: \"If you are in danger, contact your local emergency services now.\"\n",
    ),
    (
        "index.md",
        "---\ntitle: \"Welcome\"\nsummary: \"What this site is and where to start.\"\n---\n\nThis site explains one topic in plain words. Start with a reading path below.\n",
    ),
    (
        "articles/basics/first-article.md",
        "---\ntitle: \"Your first article\"\nsummary: \"How articles, links and the glossary work.\"\naudience: [clients]\ntags: [start]\nupdated: 2026-01-01\n---\n\nWrite in Markdown. Link other articles by slug, like [[second-article]].\n\n## A heading\n\nThe first mention of a glossary term, such as a reading path, is linked for you.\n",
    ),
    (
        "articles/basics/second-article.md",
        "---\ntitle: \"Your second article\"\nsummary: \"A second page, so the first one has something to link to.\"\naudience: [students]\ntags: [start]\nupdated: 2026-01-01\n---\n\nGo back to [[first-article|the first article]] or read about [[first-article#a-heading|its heading]].\n",
    ),
    (
        "glossary/reading-path.md",
        "---\nterm: \"Reading path\"\naliases: [path]\nshort: \"An ordered route through the articles, like a course.\"\n---\n\nA reading path lists articles in the order to read them, with a note on each step.\n",
    ),
    (
        "paths/start-here.md",
        "---\ntitle: \"Start here\"\naudience: [clients]\nsummary: \"The two articles to read first.\"\nsteps:\n  - article: first-article\n    note: \"How the site works.\"\n  - article: second-article\n    note: \"A second step.\"\n---\n\nRead these two articles in order.\n",
    ),
    (
        "pages/about.md",
        "---\ntitle: \"About\"\nsummary: \"Who writes this site.\"\n---\n\nTell readers who you are and how the content is reviewed.\n",
    ),
];

/// Creates a new site in `dir`: `content/` (with site.yaml) and a `.gitignore`.
pub fn init_site(dir: &Path, from: Starter) -> Result<Vec<PathBuf>> {
    if dir.join("content").exists() {
        return Err(Error::Usage(format!(
            "`{}` already has a `content/` folder; choose an empty folder",
            dir.display()
        )));
    }
    let mut written = Vec::new();
    let content: Vec<(&str, &[u8])> = match from {
        Starter::Starter => STARTER.iter().map(|(p, t)| (*p, t.as_bytes())).collect(),
        Starter::Handbook => HANDBOOK.to_vec(),
    };
    for (path, bytes) in content {
        written.push(write_new(&dir.join("content").join(path), bytes)?);
    }
    written.push(write_new(&dir.join(".gitignore"), b"/public/\n")?);
    Ok(written)
}

/// Writes a new file, creating its folders; refuses to overwrite.
fn write_new(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    if path.exists() {
        return Err(Error::Usage(format!(
            "`{}` already exists; not overwriting it",
            path.display()
        )));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("creating folder", parent, e))?;
    }
    std::fs::write(path, bytes).map_err(|e| Error::io("writing", path, e))?;
    Ok(path.to_path_buf())
}
