//! SVG files are copied as they are, so one that could run script on the site's pages is
//! refused: a `<script>` element, an `on…=` event handler or a `javascript:` URL.

use crate::content::model::StaticFile;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceMap, Span};

/// Checks one SVG; its text joins the source map only when it has a problem to point at.
pub(super) fn check(file: &StaticFile, sources: &mut SourceMap, diagnostics: &mut Diagnostics) {
    let Ok(text) = std::fs::read_to_string(&file.source) else { return };
    let Some((at, len, what)) = find_script(&text) else { return };
    // Named as the other sources are, from the site root: `content/static/…`.
    let id = sources.add(std::path::Path::new("content/static").join(&file.output), text);
    diagnostics.push(
        Diagnostic::error(
            Code::UnsafeSvg,
            format!("the SVG `static/{}` contains {what}, which would run on every page showing it", file.output),
        )
        .at(Span::new(id, at, at + len))
        .with_help("remove the script and event handlers from the SVG (attune copies SVG files as they are)"),
    );
}

/// The first scripting construct in `svg`: its byte offset, length and a description.
fn find_script(svg: &str) -> Option<(usize, usize, &'static str)> {
    let lower = svg.to_ascii_lowercase();
    if let Some(at) = lower.find("<script") {
        return Some((at, "<script".len(), "a `<script>` element"));
    }
    if let Some(at) = lower.find("javascript:") {
        return Some((at, "javascript:".len(), "a `javascript:` URL"));
    }
    // An attribute named on… inside a tag: whitespace, `on`, letters, optional space, `=`.
    let bytes = lower.as_bytes();
    let mut in_tag = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b'o' if in_tag && i > 0 && bytes[i - 1].is_ascii_whitespace() => {
                let rest = &lower[i..];
                let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
                let after = rest[name_len..].trim_start();
                if rest.starts_with("on") && name_len > 2 && after.starts_with('=') {
                    return Some((i, name_len, "an event handler attribute"));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_script;

    #[test]
    fn script_and_handlers_are_found_and_plain_drawings_pass() {
        assert!(find_script("<svg><SCRIPT>alert(1)</SCRIPT></svg>").is_some());
        let (at, len, _) = find_script("<svg>\n<rect onclick=\"x()\"/></svg>").unwrap();
        assert_eq!(&"<svg>\n<rect onclick=\"x()\"/></svg>"[at..at + len], "onclick");
        assert!(find_script("<svg><a href=\"javascript:x()\">a</a></svg>").is_some());
        assert!(
            find_script("<svg><text x=\"1\">on = off</text><g opacity=\"1\"/></svg>").is_none()
        );
    }
}
