//! Front matter splitting and YAML parsing never panic, and every diagnostic they return points
//! inside the file and renders.

#![no_main]

use std::path::PathBuf;

use attune::config::SiteConfig;
use attune::content::front_matter::{parse_yaml, split_front_matter};
use attune::content::model::{ARTICLE_KEYS, ArticleMeta, PATH_KEYS, PathMeta, TERM_KEYS, TermMeta};
use attune::diagnostics::{SourceMap, locate, render_text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut sources = SourceMap::default();
    let file = sources.add(PathBuf::from("content/articles/general/a.md"), text.clone());
    let mut diagnostics = Vec::new();
    match split_front_matter(&text, file) {
        Ok(Some(split)) => {
            assert!(
                split.yaml.0 <= split.yaml.1
                    && split.yaml.1 <= split.body_offset
                    && split.body_offset <= text.len()
            );
            diagnostics
                .extend(parse_yaml::<ArticleMeta>(&text, split.yaml, file, ARTICLE_KEYS).err());
            diagnostics.extend(parse_yaml::<TermMeta>(&text, split.yaml, file, TERM_KEYS).err());
            diagnostics.extend(parse_yaml::<PathMeta>(&text, split.yaml, file, PATH_KEYS).err());
            diagnostics.extend(parse_yaml::<serde_json::Value>(&text, split.yaml, file, &[]).err());
        }
        Ok(None) => {}
        Err(diagnostic) => diagnostics.push(diagnostic),
    }
    diagnostics.extend(parse_yaml::<SiteConfig>(&text, (0, text.len()), file, &[]).err());
    for diagnostic in &diagnostics {
        if let Some(span) = diagnostic.span {
            assert!(span.start <= span.end && span.end <= text.len());
        }
        let _ = render_text(diagnostic, &sources, false);
        let _ = locate(diagnostic, &sources);
    }
});
