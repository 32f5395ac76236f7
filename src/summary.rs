//! The one-line summaries attune prints after building (`built 30 articles, 58 terms, 4 paths
//! in 41 ms -> public`), the same for `build` and `serve`, with words in the singular for one.

use std::time::Duration;

use crate::resolve::Analysis;

/// `1 article`, `2 articles`, `0 paths`.
pub fn plural(count: usize, word: &str) -> String {
    if count == 1 { format!("{count} {word}") } else { format!("{count} {word}s") }
}

/// `built 30 articles, 58 terms, 4 paths in 41 ms`.
pub fn built_line(analysis: &Analysis, elapsed: Duration) -> String {
    let site = &analysis.site;
    format!(
        "built {}, {}, {} in {} ms",
        plural(site.article_ids().count(), "article"),
        plural(site.terms.len(), "term"),
        plural(site.paths.len(), "path"),
        elapsed.as_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(plural(1, "term"), "1 term");
        assert_eq!(plural(0, "path"), "0 paths");
        assert_eq!(plural(58, "term"), "58 terms");
    }
}
