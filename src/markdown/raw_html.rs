//! Raw HTML in Markdown keeps the privacy promise too: a resource the browser would fetch from
//! another host (`<img src>`, `<iframe src>`, `<script src>`, `<link href>`, `<video>`,
//! `<audio>`, `<source>`, `<track>`, `<embed>`, `<object data>`, a video `poster`) is the same
//! `external-resource` error as an external Markdown image, and a raw image, video or audio file
//! that does not exist under `static/` is the same `missing-image` error.
//!
//! Site-absolute URLs of static files in raw HTML are made relative to the page, as Markdown
//! links are.
//!
//! Tags are read from each raw HTML event as pulldown-cmark delivers it (a tag split across
//! lines of an HTML block is read line by line, and its attributes on later lines are missed).

use pulldown_cmark::CowStr;

use super::Renderer;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::links::Destination;
use crate::url::{is_external, map_urls, relative_url};

/// Tags whose URL attributes the browser loads, with those attributes.
const LOADING_TAGS: &[(&str, &[&str])] = &[
    ("img", &["src", "srcset"]),
    ("iframe", &["src"]),
    ("script", &["src"]),
    ("link", &["href"]),
    ("video", &["src", "poster"]),
    ("audio", &["src"]),
    ("source", &["src", "srcset"]),
    ("track", &["src"]),
    ("embed", &["src"]),
    ("object", &["data"]),
];

/// Tags whose local `src` must be a file under `static/`.
const LOCAL_MEDIA: &[&str] = &["img", "video", "audio", "source"];

/// The error for a resource loaded from another host; `tag` says what it is.
pub(super) fn external_resource(tag: &str, url: &str, span: Span) -> Diagnostic {
    let (what, help) = match tag {
        "img" => ("image", "download the image into `content/static/` and link it from there"),
        "iframe" | "embed" | "object" => {
            ("embedded page", "link to the page instead of embedding it")
        }
        "script" => ("script", "save the script under `content/static/` and load it from there"),
        "link" => {
            ("stylesheet or icon", "save the file under `content/static/` and link it from there")
        }
        _ => ("media file", "download the file into `content/static/` and link it from there"),
    };
    Diagnostic::error(
        Code::ExternalResource,
        format!("the {what} `{url}` is loaded from another site"),
    )
    .at(span)
    .with_help(format!("attune sites make no request outside themselves: {help}"))
}

impl Renderer<'_, '_> {
    /// Checks the resources of one raw HTML event found at `range` of the body.
    pub(super) fn check_raw_html(&mut self, raw: &CowStr<'_>, range: &std::ops::Range<usize>) {
        let source = self.target.body.get(range.clone()).unwrap_or_default();
        for (tag, attribute, value) in resources(raw) {
            // Point at the value where it is written when it can be found, else at the event.
            let span = match source.find(value) {
                Some(i) => self.span(&(range.start + i..range.start + i + value.len())),
                None => self.span(range),
            };
            let urls: Vec<&str> = if attribute == "srcset" {
                value.split(',').filter_map(|c| c.split_whitespace().next()).collect()
            } else {
                vec![value]
            };
            for url in urls {
                if url.starts_with("data:") || url.is_empty() {
                    continue;
                }
                if is_external(url) {
                    self.diagnostics.push(external_resource(tag, url, span));
                } else if LOCAL_MEDIA.contains(&tag) && attribute == "src" && !url.starts_with('#')
                {
                    let found = self.cx.links.resolve_path(url, self.target.source_path);
                    if !matches!(found, Ok(Destination::Static(_))) {
                        self.diagnostics.push(self.missing_image(url, span));
                    }
                }
            }
        }
    }
}

impl<'e> Renderer<'_, '_> {
    /// Raw HTML's site-absolute URLs of static files (`src="/images/a.png"`) made relative to
    /// the page, as Markdown links are, so the site still works under a subpath or from disk.
    pub(super) fn relative_raw_urls(&self, raw: CowStr<'e>) -> CowStr<'e> {
        if !raw.contains("=\"/") {
            return raw;
        }
        let mut changed = false;
        let mut rebase = |value: &str| {
            if !value.starts_with('/') || value.starts_with("//") {
                return value.to_string();
            }
            match self.cx.links.resolve_path(value, self.target.source_path) {
                Ok(Destination::Static(path)) => {
                    changed = true;
                    relative_url(&self.url_from_root(), &path, false)
                }
                _ => value.to_string(),
            }
        };
        let images = map_urls(&raw, true, &mut rebase);
        let both = map_urls(&images, false, &mut rebase);
        if changed { CowStr::from(both) } else { raw }
    }
}

/// Every (tag, attribute, value) that loads a resource in `html`.
fn resources(html: &str) -> Vec<(&'static str, &'static str, &str)> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find('<') {
        let start = from + i + 1;
        let name_end = lower[start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(lower.len(), |j| start + j);
        let tag_end = lower[start..].find('>').map_or(lower.len(), |j| start + j);
        from = start;
        let Some((tag, attributes)) =
            LOADING_TAGS.iter().find(|(t, _)| *t == &lower[start..name_end])
        else {
            continue;
        };
        for (name, value) in attribute_values(&html[name_end..tag_end]) {
            if let Some(attribute) = attributes.iter().find(|a| a.eq_ignore_ascii_case(name)) {
                out.push((*tag, *attribute, value));
            }
        }
    }
    out
}

/// The `name="value"`, `name='value'` and `name=value` pairs of a tag's attribute text.
fn attribute_values(text: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
        let value_text = rest[eq + 1..].trim_start();
        let (value, after) = match value_text.chars().next() {
            Some(quote @ ('"' | '\'')) => match value_text[1..].find(quote) {
                Some(end) => (&value_text[1..=end], &value_text[end + 2..]),
                None => (&value_text[1..], ""),
            },
            _ => {
                let end = value_text
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(value_text.len());
                (&value_text[..end], &value_text[end..])
            }
        };
        out.push((name, value));
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_loading_attributes_of_known_tags_only() {
        let html = r#"<p><IMG alt="x" SRC="https://e.org/a.png"> <a href="https://e.org/">x</a> <iframe src='https://v.example/1'></iframe> <video poster=/p.png src="v.mp4"></p>"#;
        let found: Vec<(&str, &str, &str)> = resources(html).into_iter().collect();
        assert_eq!(
            found,
            [
                ("img", "src", "https://e.org/a.png"),
                ("iframe", "src", "https://v.example/1"),
                ("video", "poster", "/p.png"),
                ("video", "src", "v.mp4"),
            ]
        );
    }
}
