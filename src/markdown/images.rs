//! What attune adds to an image tag, for Markdown images and the raw `<img>` an author writes:
//! the intrinsic `width` and `height` (no layout shift), a `srcset` of the resized copies
//! [`media::encode`](crate::media::encode) writes, and lazy loading for every image but the
//! first of the page (which is usually in view and should load at once).
//!
//! `![](photo.jpg "decorative")` marks an image as decorative: empty alt text on purpose, so
//! screen readers skip it and `check` does not ask for a description.

use std::fmt::Write as _;

use pulldown_cmark::CowStr;

use super::{ImageRef, Renderer};
use crate::html::escape_attr;
use crate::links::Destination;
use crate::media::encode::candidates;
use crate::url::relative_url;

/// The title that marks an image as decorative.
pub(crate) const DECORATIVE: &str = "decorative";

/// The layout width images are shown at: the article's measure on wide screens, the viewport
/// on narrow ones.
const SIZES: &str = "(min-width: 42rem) 40rem, 100vw";

impl Renderer<'_, '_> {
    /// ` width=… height=… srcset=… sizes=…` for a static image attune knows, then
    /// ` loading="lazy" decoding="async"` unless it is the page's first image. Call after the
    /// image was pushed to the facts.
    pub(super) fn image_attributes(&self, path: Option<&str>, skip: &[&str]) -> String {
        let mut attrs = String::new();
        let info = path.and_then(|p| Some((p, self.cx.site.images.get(p)?)));
        if let Some((path, info)) = info {
            if !skip.contains(&"width") && !skip.contains(&"height") {
                let _ = write!(attrs, " width=\"{}\" height=\"{}\"", info.width, info.height);
            }
            let set = candidates(path, info, &self.cx.site.config.images.widths);
            let only_itself = set.len() == 1 && set[0].path == path;
            if !skip.contains(&"srcset") && !only_itself {
                let srcset: Vec<String> = set
                    .iter()
                    .map(|c| {
                        let from = self.url_from_root();
                        format!("{} {}w", relative_url(&from, &c.path, false), c.width)
                    })
                    .collect();
                let _ = write!(
                    attrs,
                    " srcset=\"{}\" sizes=\"{SIZES}\"",
                    escape_attr(&srcset.join(", "))
                );
            }
        }
        if self.rendered.images.len() > 1 {
            if !skip.contains(&"loading") {
                attrs.push_str(" loading=\"lazy\"");
            }
            if !skip.contains(&"decoding") {
                attrs.push_str(" decoding=\"async\"");
            }
        }
        attrs
    }

    /// The static file an image URL names, if any.
    pub(super) fn static_path(&self, url: &str) -> Option<String> {
        match self.cx.links.resolve_path(url, self.target.source_path) {
            Ok(Destination::Static(path)) => Some(path),
            _ => None,
        }
    }

    /// Raw HTML with every `<img>` given the same attributes as a Markdown image (those the
    /// author did not set), each image recorded for `check`'s lints.
    pub(super) fn raw_images<'e>(
        &mut self,
        raw: CowStr<'e>,
        range: &std::ops::Range<usize>,
    ) -> CowStr<'e> {
        if !raw.to_ascii_lowercase().contains("<img") {
            return raw;
        }
        let mut out = String::with_capacity(raw.len() + 128);
        let mut rest: &str = &raw;
        while let Some(at) = find_img(rest) {
            let Some(end) = tag_end(&rest[at..]) else { break };
            let tag = &rest[at..at + end];
            out.push_str(&rest[..at]);
            out.push_str(&self.raw_image(tag, range));
            rest = &rest[at + end..];
        }
        out.push_str(rest);
        CowStr::from(out)
    }

    /// One raw `<img …>` tag (from `<` to just before its `>`), completed, with its `>`.
    fn raw_image(&mut self, tag: &str, range: &std::ops::Range<usize>) -> String {
        let attributes = attributes(tag);
        let value =
            |name: &str| attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        let src = value("src").unwrap_or_default().to_string();
        let alt = value("alt").unwrap_or_default().to_string();
        let path = self.static_path(&src);
        let span = self.span(range);
        self.rendered.images.push(ImageRef {
            alt,
            span,
            path: path.clone(),
            decorative: value("alt").is_some_and(str::is_empty)
                || value("role") == Some("presentation"),
        });
        let present: Vec<&str> = attributes.iter().map(|(n, _)| n.as_str()).collect();
        let extra = self.image_attributes(path.as_deref(), &present);
        let body = tag.trim_end_matches('/').trim_end();
        let closing = if tag.ends_with('/') { " /" } else { "" };
        format!("{body}{extra}{closing}>")
    }
}

/// Byte offset of the next `<img` tag (followed by a space or the tag's end).
fn find_img(html: &str) -> Option<usize> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<img") {
        let at = from + i;
        match lower.as_bytes().get(at + 4) {
            Some(b) if b.is_ascii_whitespace() || *b == b'>' || *b == b'/' => return Some(at),
            _ => from = at + 4,
        }
    }
    None
}

/// Length of a tag up to (not including) its closing `>`, quotes respected.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// The attributes of a tag, names lowercased, values unquoted (entities left as written).
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let body = tag.trim_start_matches('<');
    let mut rest = body.trim_start_matches(|c: char| c.is_ascii_alphanumeric());
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name_len =
            rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        if name_len == 0 {
            return out;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            out.push((name, String::new()));
            continue;
        };
        let after = after.trim_start();
        let (value, remaining) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &after[1..];
                let end = inner.find(q).unwrap_or(inner.len());
                (&inner[..end], inner.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        out.push((name, value.to_string()));
        rest = remaining;
    }
}

#[cfg(test)]
mod tests {
    use super::{attributes, find_img, tag_end};

    #[test]
    fn raw_img_tags_are_read() {
        let html = "<p><imgs><img src=\"/a b.png\" alt='A > B' width=3 hidden></p>";
        let at = find_img(html).unwrap();
        assert_eq!(&html[at..at + 5], "<img ");
        let end = tag_end(&html[at..]).unwrap();
        let found = attributes(&html[at..at + end]);
        let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["src", "alt", "width", "hidden"]);
        assert_eq!(found[1].1, "A > B");
        assert_eq!(found[0].1, "/a b.png");
    }
}
