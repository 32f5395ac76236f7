//! HTML escaping for every stage that writes HTML: Markdown rendering, code highlighting and
//! the template engine's autoescape. A leaf module.

/// Escapes text for HTML element content.
pub fn escape_text(text: &str) -> String {
    escape_with(text, text_entity)
}

/// Escapes text for a double-quoted HTML attribute.
pub fn escape_attr(text: &str) -> String {
    escape_with(text, |byte| if byte == b'"' { Some("&quot;") } else { text_entity(byte) })
}

/// `text` with each ASCII byte that `entity` names replaced by its entity.
pub fn escape_with(text: &str, entity: impl Fn(u8) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    push_escaped(&mut out, text, entity);
    out
}

/// Appends `text` to `out` with each ASCII byte that `entity` names replaced by its entity,
/// copying the text between them whole (such a byte is always a character of its own).
pub fn push_escaped(out: &mut String, text: &str, entity: impl Fn(u8) -> Option<&'static str>) {
    let mut run = 0;
    for (at, byte) in text.bytes().enumerate() {
        if let Some(entity) = entity(byte) {
            out.push_str(&text[run..at]);
            out.push_str(entity);
            run = at + 1;
        }
    }
    out.push_str(&text[run..]);
}

/// The entities of HTML element content.
pub fn text_entity(byte: u8) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        _ => None,
    }
}
