//! Reading paths: ordered routes through the articles. Resolves each step's slug (a missing
//! article is an error at the step's line), and tells each article where it sits on every path
//! that contains it, for "step N of M" with previous and next.

use crate::content::front_matter::find_value_span;
use crate::content::model::{DocKind, Site};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceMap};
use crate::ids::{DocId, DocVec, PathId, PathVec};

/// A path with its steps resolved to articles.
#[derive(Debug, Clone)]
pub struct ResolvedPath {
    /// Index into `site.paths`.
    pub index: PathId,
    /// The articles of the steps that resolved, in order, with their step index.
    pub steps: Vec<(usize, DocId)>,
}

/// Where an article sits on one path.
#[derive(Debug, Clone, Copy)]
pub struct PathPlace {
    /// Index into `site.paths`.
    pub path: PathId,
    /// 1-based position.
    pub position: usize,
    /// Number of steps.
    pub total: usize,
    /// The step before, if any.
    pub previous: Option<DocId>,
    /// The step after, if any.
    pub next: Option<DocId>,
}

/// Resolves every path's steps; each missing article is reported where the step names it.
pub fn resolve_paths(
    site: &Site,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) -> PathVec<ResolvedPath> {
    let articles: Vec<&str> =
        site.docs.iter().filter(|d| d.kind == DocKind::Article).map(|d| d.slug.as_str()).collect();
    site.paths
        .iter_enumerated()
        .map(|(index, path)| {
            let text = &sources.get(path.file).text;
            let mut steps = Vec::new();
            for (i, step) in path.meta.steps.iter().enumerate() {
                match site
                    .doc_by_slug(&step.article)
                    .filter(|id| site.doc(*id).kind == DocKind::Article)
                {
                    Some(id) => steps.push((i, id)),
                    // The article's own front matter error is the one to fix.
                    None if site.broken.has_doc(&step.article) => {}
                    None => {
                        let span =
                            find_value_span(text, path.yaml, "article", &step.article, path.file);
                        diagnostics.push(
                            Diagnostic::error(
                                Code::PathMissingArticle,
                                format!(
                                    "step {} of path `{}` names `{}`, which is not an article",
                                    i + 1,
                                    path.slug,
                                    step.article
                                ),
                            )
                            .at(span)
                            .with_suggestion(&step.article, articles.iter().copied()),
                        );
                    }
                }
            }
            if path.meta.steps.is_empty() {
                let span = find_value_span(text, path.yaml, "steps", "steps", path.file);
                diagnostics.push(
                    Diagnostic::error(
                        Code::PathMissingArticle,
                        format!("path `{}` has no steps", path.slug),
                    )
                    .at(span)
                    .with_help("list the articles under `steps:` as `- article: slug`"),
                );
            }
            ResolvedPath { index, steps }
        })
        .collect()
}

/// For each document, its place on every path containing it, in path order.
pub fn places(site: &Site, paths: &PathVec<ResolvedPath>) -> DocVec<Vec<PathPlace>> {
    let mut places: DocVec<Vec<PathPlace>> = site.docs.map(|_| Vec::new());
    for path in paths {
        let total = path.steps.len();
        for (position, &(_, doc)) in path.steps.iter().enumerate() {
            places[doc].push(PathPlace {
                path: path.index,
                position: position + 1,
                total,
                previous: position.checked_sub(1).map(|p| path.steps[p].1),
                next: path.steps.get(position + 1).map(|s| s.1),
            });
        }
    }
    places
}
