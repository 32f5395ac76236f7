//! Turns a rendered HTML fragment into well-formed XHTML, as EPUB content documents must be:
//! void elements closed (`<img …/>`), attribute values quoted, named entities other than
//! XML's five written as numbers, stray end tags dropped and open elements closed, comments
//! and scripts removed. Markdown's own output needs only the first; the rest is for raw HTML
//! an author wrote by hand.

/// An `href` that turns its link into plain text (a link with nowhere to go in an export).
pub const UNLINK: &str = "attune:unlink";

/// A `src` that turns its image into its alt text (an image the export cannot hold).
pub const UNSOURCE: &str = "attune:unsource";

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Attributes readers' HTML schema does not know (epubcheck rejects them), and `srcset` and
/// `sizes`, whose resized copies an export does not carry (it has the full-size image).
const DROPPED_ATTRIBUTES: &[&str] = &["loading", "decoding", "fetchpriority", "srcset", "sizes"];

/// The named entities HTML authors use most, as code points; others are written out as text.
const ENTITIES: &[(&str, u32)] = &[
    ("nbsp", 160),
    ("copy", 169),
    ("reg", 174),
    ("deg", 176),
    ("middot", 183),
    ("times", 215),
    ("shy", 173),
    ("ndash", 8211),
    ("mdash", 8212),
    ("lsquo", 8216),
    ("rsquo", 8217),
    ("ldquo", 8220),
    ("rdquo", 8221),
    ("bull", 8226),
    ("hellip", 8230),
    ("trade", 8482),
    ("euro", 8364),
    ("pound", 163),
    ("larr", 8592),
    ("rarr", 8594),
];

/// Well-formed XHTML for a fragment of HTML.
pub fn to_xhtml(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    // Open elements, and whether each was written (an unlinked `<a>` is not).
    let mut open: Vec<(String, bool)> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&', '>']) {
        push_text(&mut out, &rest[..at]);
        rest = &rest[at..];
        rest = match rest.as_bytes()[0] {
            b'&' => push_entity(&mut out, rest),
            b'>' => {
                out.push_str("&gt;");
                &rest[1..]
            }
            _ => markup(&mut out, &mut open, rest),
        };
    }
    push_text(&mut out, rest);
    while let Some(element) = open.pop() {
        push_end(&mut out, element);
    }
    out
}

/// Text without the characters XML forbids (control characters a source file may hold).
fn push_text(out: &mut String, text: &str) {
    out.extend(text.chars().filter(|c| is_xml_char(*c)));
}

fn push_end(out: &mut String, (name, written): (String, bool)) {
    if written {
        out.push_str(&format!("</{name}>"));
    }
}

/// Handles the markup at the start of `rest` (which starts with `<`); returns what follows.
fn markup<'a>(out: &mut String, open: &mut Vec<(String, bool)>, rest: &'a str) -> &'a str {
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment.find("-->").map_or("", |end| &comment[end + 3..]);
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        return rest.find('>').map_or("", |end| &rest[end + 1..]);
    }
    if let Some(closing) = rest.strip_prefix("</") {
        let end = closing.find('>').unwrap_or(closing.len());
        close(out, open, closing[..end].trim());
        return closing.get(end + 1..).unwrap_or("");
    }
    let starts_tag = rest[1..].chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if !starts_tag {
        out.push_str("&lt;");
        return &rest[1..];
    }
    let (tag, after) = parse_tag(&rest[1..]);
    if tag.name.eq_ignore_ascii_case("script") {
        let lower = after.to_ascii_lowercase();
        return lower.find("</script").map_or("", |end| {
            let tail = &after[end..];
            tail.find('>').map_or("", |gt| &tail[gt + 1..])
        });
    }
    let has = |name: &str, value: &str| {
        tag.attributes.iter().any(|(n, v)| n == name && v.as_deref() == Some(value))
    };
    if has("src", UNSOURCE) {
        let alt = tag.attributes.iter().find(|(n, _)| n == "alt").and_then(|(_, v)| v.as_deref());
        out.push_str(&format!("<span class=\"image-alt\">{}</span>", to_xhtml(alt.unwrap_or(""))));
        return after;
    }
    let unlinked = has("href", UNLINK);
    if unlinked {
        open.push((tag.name, false));
        return after;
    }
    write_start(out, &tag);
    let void = VOID.contains(&tag.name.to_ascii_lowercase().as_str());
    if void || tag.self_closed {
        out.push_str("/>");
    } else {
        out.push('>');
        open.push((tag.name, true));
    }
    after
}

/// Closes `name` and whatever is open inside it; an end tag with nothing to close is dropped.
fn close(out: &mut String, open: &mut Vec<(String, bool)>, name: &str) {
    let Some(at) = open.iter().rposition(|(n, _)| n.eq_ignore_ascii_case(name)) else { return };
    while open.len() > at {
        if let Some(element) = open.pop() {
            push_end(out, element);
        }
    }
}

/// A start tag's name and attributes.
struct Tag {
    name: String,
    attributes: Vec<(String, Option<String>)>,
    self_closed: bool,
}

/// Parses a start tag from after its `<`; returns it and the text after its `>`.
fn parse_tag(text: &str) -> (Tag, &str) {
    let is_name = |c: char| !c.is_whitespace() && !"/>=\"'<".contains(c);
    let end = text.find(|c: char| !c.is_ascii_alphanumeric() && c != '-').unwrap_or(text.len());
    let mut tag = Tag { name: text[..end].to_string(), attributes: Vec::new(), self_closed: false };
    let mut rest = &text[end..];
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("/>") {
            tag.self_closed = true;
            return (tag, after);
        }
        match rest.chars().next() {
            None => return (tag, rest),
            Some('>') => return (tag, &rest[1..]),
            Some('/' | '"' | '\'' | '=' | '<') => rest = &rest[1..],
            Some(_) => {
                let end = rest.find(|c: char| !is_name(c)).unwrap_or(rest.len());
                let name = rest[..end].to_string();
                let (value, after) = parse_value(&rest[end..]);
                tag.attributes.push((name, value));
                rest = after;
            }
        }
    }
}

/// An attribute's value after its name: `="…"`, `='…'`, `=bare`, or none.
fn parse_value(text: &str) -> (Option<String>, &str) {
    let Some(after) = text.trim_start().strip_prefix('=') else { return (None, text) };
    let after = after.trim_start();
    for quote in ['"', '\''] {
        if let Some(inner) = after.strip_prefix(quote) {
            let end = inner.find(quote).unwrap_or(inner.len());
            return (Some(inner[..end].to_string()), inner.get(end + 1..).unwrap_or(""));
        }
    }
    let end = after.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(after.len());
    (Some(after[..end].to_string()), &after[end..])
}

/// Writes `<name a="v" …` (without the closing `>`), each attribute once, values escaped.
fn write_start(out: &mut String, tag: &Tag) {
    out.push('<');
    out.push_str(&tag.name);
    let mut seen: Vec<String> = Vec::new();
    let is_svg = tag.name.eq_ignore_ascii_case("svg");
    for (name, value) in &tag.attributes {
        let lower = name.to_ascii_lowercase();
        // A prefix other than `xml:` would need a namespace declaration.
        let prefixed = name.contains(':') && !name.starts_with("xml:");
        let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || "-_:.".contains(c))
            && !prefixed;
        if !valid || seen.contains(&lower) || DROPPED_ATTRIBUTES.contains(&lower.as_str()) {
            continue;
        }
        out.push_str(&format!(" {name}=\""));
        let mut value_out = String::new();
        let mut value = value.as_deref().unwrap_or("");
        while let Some(at) = value.find(['&', '<', '>', '"']) {
            push_text(&mut value_out, &value[..at]);
            value = &value[at..];
            value = match value.as_bytes()[0] {
                b'&' => push_entity(&mut value_out, value),
                b'<' => push_then(&mut value_out, "&lt;", value),
                b'>' => push_then(&mut value_out, "&gt;", value),
                _ => push_then(&mut value_out, "&quot;", value),
            };
        }
        push_text(&mut value_out, value);
        out.push_str(&value_out);
        out.push('"');
        seen.push(lower);
    }
    if is_svg && !seen.iter().any(|n| n == "xmlns") {
        out.push_str(" xmlns=\"http://www.w3.org/2000/svg\"");
    }
}

fn push_then<'a>(out: &mut String, text: &str, rest: &'a str) -> &'a str {
    out.push_str(text);
    &rest[1..]
}

/// Writes the entity at the start of `rest` (which starts with `&`) as XML accepts it; a bare
/// `&` becomes `&amp;`. Returns what follows.
fn push_entity<'a>(out: &mut String, rest: &'a str) -> &'a str {
    let end = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').map(|i| i + 1);
    let Some(end) = end.filter(|&e| rest.as_bytes().get(e) == Some(&b';')) else {
        return push_then(out, "&amp;", rest);
    };
    let name = &rest[1..end];
    let code = match name.strip_prefix('#') {
        Some(number) => match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => number.parse().ok(),
        },
        None if ["amp", "lt", "gt", "quot", "apos"].contains(&name) => {
            out.push_str(&rest[..=end]);
            return &rest[end + 1..];
        }
        None => ENTITIES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c),
    };
    match code.and_then(char::from_u32).filter(|c| is_xml_char(*c)) {
        Some(c) => {
            out.push_str(&format!("&#{};", u32::from(c)));
            &rest[end + 1..]
        }
        // Not an entity XML knows: the `&` is text, and so is what follows it.
        None => push_then(out, "&amp;", rest),
    }
}

/// Whether XML 1.0 allows the character in a document.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

#[cfg(test)]
mod tests {
    use super::to_xhtml;

    #[test]
    fn closes_void_elements_and_drops_unknown_attributes() {
        assert_eq!(
            to_xhtml(r#"<p><img src="a.png" alt="A" loading="lazy"><br></p>"#),
            r#"<p><img src="a.png" alt="A"/><br/></p>"#
        );
    }

    #[test]
    fn quotes_values_and_balances_raw_html() {
        assert_eq!(
            to_xhtml("<div class=box><input disabled>x</span><b>y"),
            r#"<div class="box"><input disabled=""/>x<b>y</b></div>"#
        );
    }

    #[test]
    fn entities_become_xml_ones() {
        assert_eq!(
            to_xhtml("a&nbsp;b &copy; &amp; &bogus; & <3"),
            "a&#160;b &#169; &amp; &amp;bogus; &amp; &lt;3"
        );
    }

    #[test]
    fn unlinked_links_become_text() {
        assert_eq!(to_xhtml(r#"<p>See <a href="attune:unlink">this</a>.</p>"#), "<p>See this.</p>");
    }

    #[test]
    fn images_with_no_source_become_their_alt_text() {
        assert_eq!(
            to_xhtml(r#"<img src="attune:unsource" alt="A &amp; B">"#),
            r#"<span class="image-alt">A &amp; B</span>"#
        );
    }

    #[test]
    fn drops_control_characters_and_undeclared_prefixes() {
        assert_eq!(
            to_xhtml("<p x:y=\"1\" xml:lang=\"en\">a\u{1}b</p>"),
            r#"<p xml:lang="en">ab</p>"#
        );
    }

    /// Pieces of hand-written HTML: tags with odd attributes, end tags, comments, entities,
    /// stray markup characters and text with control characters.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "<[a-zA-Z][a-z0-9:]{0,3}( [a-zA-Z:@_][a-z:.]{0,4}(=(\"[^\"<]{0,4}\"|'[^'<]{0,4}'|[a-z&;#0-9]{0,4}))?){0,3} ?/?>?",
            "</[a-zA-Z][a-z0-9]{0,3} ?>?",
            "<!--?[^>]{0,6}(-->)?",
            "<[!?][^>]{0,6}>?",
            "&#?[a-zA-Z0-9]{0,6};?",
            "[<>&\"'\u{0}-\u{1f}a-z ]{0,6}",
            "<(script|style)>[^<]{0,6}(</(script|style)>)?",
        ]
    }

    proptest::proptest! {
        /// Whatever HTML an author writes, the result inside one element is well-formed XML.
        #[test]
        fn any_input_gives_well_formed_xml(pieces in proptest::collection::vec(piece(), 0..16)) {
            let html = pieces.concat();
            let xml = format!("<div xmlns=\"http://www.w3.org/1999/xhtml\">{}</div>", to_xhtml(&html));
            let parsed = roxmltree::Document::parse(&xml);
            proptest::prop_assert!(parsed.is_ok(), "{html:?} gave {xml:?}: {parsed:?}");
        }
    }

    #[test]
    fn drops_comments_and_scripts() {
        assert_eq!(to_xhtml("a<!-- no -->b<script>if (a < b) {}</script>c"), "abc");
    }
}
