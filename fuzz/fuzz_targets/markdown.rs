//! Markdown rendering with link resolution and glossary linking never panics, and its
//! diagnostics point inside the body.

#![no_main]

mod common;

use std::path::PathBuf;

use attune::diagnostics::{SourceMap, render_text};
use attune::links::LinkIndex;
use attune::markdown::glossary_links::TermMatcher;
use attune::markdown::{MarkdownContext, RenderTarget, render_markdown};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    let analysis = common::analysis();
    let site = &analysis.site;
    let links = LinkIndex::new(site);
    let terms = TermMatcher::new(&site.terms);
    let mut sources = SourceMap::default();
    let file = sources.add(PathBuf::from("content/articles/general/a.md"), body.to_string());
    for (autolink, offline, raw_html) in [(true, false, true), (false, true, false)] {
        let cx = MarkdownContext {
            site,
            links: &links,
            sources: &analysis.sources,
            terms: &terms,
            offline,
            raw_html,
            bibliography: None,
            keep_prose: autolink,
        };
        let target = RenderTarget {
            file,
            body,
            body_offset: 0,
            source_path: "articles/general/a.md",
            url: "articles/general/a/",
            autolink,
            own_term: None,
        };
        let (_, diagnostics) = render_markdown(&cx, target);
        for diagnostic in &diagnostics {
            if let Some(span) = diagnostic.span {
                assert!(span.start <= span.end && span.end <= body.len());
            }
            let _ = render_text(diagnostic, &sources, false);
        }
    }
});
