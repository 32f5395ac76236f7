//! Long listings split into pages: a section or tag with more articles than
//! `limits.page_size` gets pages `…/page/2/`, `…/page/3/`, … with previous and next links
//! (`rel="prev"`, `rel="next"`) and numbered page links. A listing that fits one page renders
//! exactly as before.

use serde::Serialize;

/// The page links of one page of a listing, for the template's `pagination`.
#[derive(Debug, Serialize)]
pub(crate) struct Pagination {
    /// This page's number, from 1.
    current: usize,
    /// Number of pages.
    total: usize,
    /// Link to the previous page.
    prev: Option<String>,
    /// Link to the next page.
    next: Option<String>,
    /// The first and last pages and those near this one; `None` marks a gap.
    pages: Vec<Option<PageLink>>,
}

/// A numbered link to one page.
#[derive(Debug, Serialize)]
struct PageLink {
    number: usize,
    href: String,
    current: bool,
}

/// The URL of page `n` (from 1) of the listing at `base`.
pub(crate) fn page_url(base: &str, n: usize) -> String {
    if n <= 1 { base.to_string() } else { format!("{base}page/{n}/") }
}

/// How many pages `items` entries take.
pub(crate) fn page_count(items: usize, size: usize) -> usize {
    items.div_ceil(size.max(1)).max(1)
}

/// The entries of page `n`.
pub(crate) fn page_of<T>(items: &[T], n: usize, size: usize) -> &[T] {
    let size = size.max(1);
    let start = (n.max(1) - 1).saturating_mul(size).min(items.len());
    &items[start..(start + size).min(items.len())]
}

/// The page links for page `n` of `total`, `href` turning a site path into a link; `None`
/// for a listing of one page.
pub(crate) fn pagination(
    base: &str,
    n: usize,
    total: usize,
    href: impl Fn(&str) -> String,
) -> Option<Pagination> {
    if total <= 1 {
        return None;
    }
    let link = |k: usize| href(&page_url(base, k));
    let mut pages = Vec::new();
    for k in 1..=total {
        let near = k == 1 || k == total || k.abs_diff(n) <= 2;
        if near {
            pages.push(Some(PageLink { number: k, href: link(k), current: k == n }));
        } else if pages.last().is_some_and(Option::is_some) {
            pages.push(None);
        }
    }
    Some(Pagination {
        current: n,
        total,
        prev: (n > 1).then(|| link(n - 1)),
        next: (n < total).then(|| link(n + 1)),
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_split_and_link_with_gaps() {
        let items: Vec<usize> = (0..25).collect();
        assert_eq!(page_count(25, 10), 3);
        assert_eq!(page_of(&items, 3, 10), &[20, 21, 22, 23, 24]);
        assert!(pagination("s/", 1, 1, |p| p.to_string()).is_none());
        let p = pagination("s/", 5, 10, |p| format!("/{p}")).unwrap();
        assert_eq!(p.prev.as_deref(), Some("/s/page/4/"));
        assert_eq!(p.next.as_deref(), Some("/s/page/6/"));
        let numbers: Vec<String> = p
            .pages
            .iter()
            .map(|l| l.as_ref().map_or("…".into(), |l| l.number.to_string()))
            .collect();
        assert_eq!(numbers, ["1", "…", "3", "4", "5", "6", "7", "…", "10"]);
        assert_eq!(
            pagination("s/", 2, 2, |p| p.to_string()).unwrap().pages[0].as_ref().unwrap().href,
            "s/"
        );
    }
}
