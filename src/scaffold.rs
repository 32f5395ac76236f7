//! `attune init` and `attune new`: a new site (a small starter, or the whole bundled handbook
//! embedded in the binary) and new articles with valid front matter.

use std::path::{Path, PathBuf};

use crate::content::model::Date;
use crate::error::{Error, Result};
use crate::render::templates::{TEMPLATES, THEME};

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
        "title: \"My learning site\"\ndescription: \"Plain-language articles, a glossary and reading paths.\"\nlanguage: en\nbase_url: \"https://example.org/\"\naudiences:\n  - id: clients\n    label: Clients\n    max_grade: 8\n    client_facing: true\n  - id: students\n    label: Students\n    max_grade: 12\nsections:\n  - id: basics\n    title: Basics\n    description: \"Start here.\"\nhelp_notice: \"If you are in danger, contact your local emergency services now.\"\n",
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

/// Creates a new site in `dir`: content, plus the default templates and theme to customise.
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
    for (name, text) in TEMPLATES {
        written.push(write_new(&dir.join("templates").join(name), text.as_bytes())?);
    }
    for (name, text) in THEME {
        written.push(write_new(&dir.join("theme").join(name), text.as_bytes())?);
    }
    written.push(write_new(&dir.join(".gitignore"), b"/public/\n")?);
    Ok(written)
}

/// Settings of `attune new article`.
#[derive(Debug, Clone, Default)]
pub struct NewArticle {
    /// File name without `.md`.
    pub slug: String,
    /// Title; defaults to the slug in sentence case.
    pub title: Option<String>,
    /// Audience id.
    pub audience: Option<String>,
    /// Section id (folder).
    pub section: Option<String>,
}

/// Writes `content/articles/<section>/<slug>.md` with valid front matter.
pub fn new_article(
    root: &Path,
    config: &crate::config::SiteConfig,
    article: &NewArticle,
) -> Result<PathBuf> {
    let slug = &article.slug;
    let valid = !slug.is_empty()
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        return Err(Error::Usage(format!(
            "`{slug}` is not a good slug: use lowercase letters, digits and dashes, e.g. `working-alliance`"
        )));
    }
    let section = article
        .section
        .clone()
        .or_else(|| config.sections.first().map(|s| s.id.clone()))
        .unwrap_or_else(|| "general".into());
    if !config.sections.is_empty() && !config.sections.iter().any(|s| s.id == section) {
        let ids: Vec<&str> = config.sections.iter().map(|s| s.id.as_str()).collect();
        return Err(Error::Usage(format!(
            "section `{section}` is not in site.yaml; declared: {}",
            ids.join(", ")
        )));
    }
    let audience =
        article.audience.clone().or_else(|| config.audiences.first().map(|a| a.id.clone()));
    if let Some(a) = &audience {
        if config.audience(a).is_none() {
            let ids: Vec<&str> = config.audiences.iter().map(|a| a.id.as_str()).collect();
            return Err(Error::Usage(format!(
                "audience `{a}` is not in site.yaml; declared: {}",
                ids.join(", ")
            )));
        }
    }
    let title = article.title.clone().unwrap_or_else(|| crate::config::title_case(slug));
    let text = format!(
        "---\ntitle: {}\nsummary: \"One or two plain sentences on what the reader will get.\"\naudience: [{}]\ntags: []\nrelated: []\nreferences: []\nupdated: {}\n---\n\nStart with a short introduction.\n\n## First heading\n\nWrite here. Link another article by writing its slug in double square brackets, like `[[slug]]`.\n",
        serde_json::to_string(&title).unwrap_or_else(|_| format!("\"{slug}\"")),
        audience.unwrap_or_default(),
        Date::today(),
    );
    let path = root.join("content").join("articles").join(&section).join(format!("{slug}.md"));
    write_new(&path, text.as_bytes())
}

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
