//! URL and id arithmetic shared by every stage: relative URLs between pages, normalising and
//! percent-decoding link paths, rewriting the URLs and ids of a rendered fragment moved to
//! another page, and heading slugs. A leaf module: it knows nothing of the site.

/// Whether a destination leaves the site (has a scheme, or is protocol-relative).
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !scheme.contains('/')
        }
        None => false,
    }
}

/// Collapses `.` and `..` in a `/`-separated relative path; `None` when it climbs out.
pub fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%xx` escapes leniently: a stray `%` is kept, bad UTF-8 replaced.
pub fn percent_decode(text: &str) -> String {
    let bytes = decode_percent_bytes(text, true).unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Decodes `%xx` escapes of a URL path. Links in content are decoded leniently (a stray `%` is
/// kept, bad UTF-8 replaced); the dev server decodes strictly, refusing anything malformed.
pub fn percent_decode_strict(text: &str) -> Option<String> {
    String::from_utf8(decode_percent_bytes(text, false)?).ok()
}

/// The bytes of `text` with `%xx` escapes decoded; a malformed escape is kept when `lenient`,
/// and makes the whole decode fail otherwise. Works on bytes, since slicing the `str` could
/// split a multi-byte character (`%aé`).
fn decode_percent_bytes(text: &str, lenient: bool) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let hex = |b: u8| char::from(b).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let pair = bytes
                .get(i + 1)
                .copied()
                .and_then(hex)
                .zip(bytes.get(i + 2).copied().and_then(hex));
            match pair {
                Some((high, low)) => {
                    out.push(u8::try_from(high * 16 + low).ok()?);
                    i += 3;
                    continue;
                }
                None if !lenient => return None,
                None => {}
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(out)
}

/// The relative prefix from a page at `from_url` to the site root (`../../` or `./`).
pub fn root_prefix(from_url: &str) -> String {
    let depth = from_url.matches('/').count();
    if depth == 0 { "./".to_string() } else { "../".repeat(depth) }
}

/// The relative URL from the page at `from_url` to the site-root-relative `to_url`.
/// With `offline`, directory URLs end in `index.html` so the site works from `file://`.
pub fn relative_url(from_url: &str, to_url: &str, offline: bool) -> String {
    let (path, fragment) = match to_url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (to_url, None),
    };
    let mut url = root_prefix(from_url);
    if url == "./" && !path.is_empty() {
        url.clear();
    }
    url.push_str(path);
    if offline && (path.is_empty() || path.ends_with('/')) {
        url.push_str("index.html");
    }
    if let Some(fragment) = fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}

/// Rewrites the relative `href` and `src` URLs of HTML rendered for the page at `from_url` so
/// they work on the page at `to_url` (a path's introduction reused on its packet, say).
pub fn rebase(html: &str, from_url: &str, to_url: &str, offline: bool) -> String {
    if root_prefix(from_url) == root_prefix(to_url) {
        return html.to_string();
    }
    let base = from_url.rsplit_once('/').map_or("", |(dir, _)| dir);
    map_attributes(html, &["href=\"", "src=\""], |value| {
        if value.starts_with('#') || is_external(value) || value.starts_with('/') {
            return value.to_string();
        }
        let (path, fragment) = match value.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (value, None),
        };
        let dir_like = path.is_empty() || path.ends_with('/');
        let Some(target) = normalise(&format!("{base}/{path}")) else { return value.to_string() };
        let mut target = if dir_like && !target.is_empty() { format!("{target}/") } else { target };
        if let Some(stripped) = target.strip_suffix("index.html").filter(|_| offline) {
            target = stripped.to_string();
        }
        let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        relative_url(to_url, &format!("{target}{fragment}"), offline)
    })
}

/// Applies `change` to the value of every `href` (`images` false) or `src` (`images` true)
/// of a fragment of HTML: the exporters point a body's links into the archive they build.
pub fn map_urls(html: &str, images: bool, change: impl FnMut(&str) -> String) -> String {
    map_attributes(html, if images { &["src=\""] } else { &["href=\""] }, change)
}

/// Prefixes every `id`, in-page `href="#…"`, `aria-describedby` and `aria-labelledby` of a fragment of HTML, so
/// several documents can share one page (the printable packet) without clashing ids.
pub fn prefix_ids(html: &str, prefix: &str) -> String {
    map_attributes(
        html,
        &["id=\"", "aria-describedby=\"", "aria-labelledby=\"", "href=\"#"],
        |value| format!("{prefix}{value}"),
    )
}

/// Applies `change` to the value of every attribute that starts with one of `starts`.
fn map_attributes(html: &str, starts: &[&str], mut change: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    loop {
        let next = starts
            .iter()
            .filter_map(|s| find_attribute(rest, s).map(|i| (i, *s)))
            .min_by_key(|(i, _)| *i);
        let Some((at, start)) = next else {
            out.push_str(rest);
            return out;
        };
        let value_start = at + start.len();
        let Some(len) = rest[value_start..].find('"') else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..value_start]);
        out.push_str(&change(&rest[value_start..value_start + len]));
        rest = &rest[value_start + len..];
    }
}

/// The first `start` in `text` that begins an attribute (follows whitespace), not a longer name
/// such as `data-id="`.
fn find_attribute(text: &str, start: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find(start) {
        let at = from + i;
        if at > 0 && text.as_bytes()[at - 1].is_ascii_whitespace() {
            return Some(at);
        }
        from = at + start.len();
    }
    None
}

/// A heading id from its text: lowercase, alphanumerics kept, everything else one dash.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        // Letters with no lowercase form (mathematical capitals) are dropped, so ids stay lowercase.
        if c.is_alphanumeric() && !c.is_uppercase() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() && c != '\'' && c != '’' {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() { "section".to_string() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_url_climbs_to_root() {
        assert_eq!(relative_url("articles/a/x/", "articles/b/y/", false), "../../../articles/b/y/");
        assert_eq!(relative_url("", "articles/b/y/", false), "articles/b/y/");
        assert_eq!(relative_url("articles/a/x/", "", false), "../../../");
        assert_eq!(
            relative_url("articles/a/x/", "glossary/#upr", true),
            "../../../glossary/index.html#upr"
        );
        assert_eq!(relative_url("", "", true), "./index.html");
    }

    #[test]
    fn normalise_refuses_to_climb_out() {
        assert_eq!(normalise("articles/a/../b/x.md").as_deref(), Some("articles/b/x.md"));
        assert_eq!(normalise("articles/../../etc/passwd"), None);
    }

    #[test]
    fn external_detection() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.example/x.js"));
        assert!(!is_external("../empathy.md"));
        assert!(!is_external("empathy.md#a:b"));
    }

    #[test]
    fn percent_decoding_never_splits_characters() {
        assert_eq!(percent_decode("a%20b.md"), "a b.md");
        assert_eq!(percent_decode("%aé.md"), "%aé.md");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn rebase_moves_relative_links_one_level_deeper() {
        let html = r##"<a href="../../getting-help/">x</a> <a href="#a">y</a> <a class="external" href="https://e.org">z</a>"##;
        let moved = rebase(html, "paths/p/", "paths/p/print/", false);
        assert_eq!(
            moved,
            r##"<a href="../../../getting-help/">x</a> <a href="#a">y</a> <a class="external" href="https://e.org">z</a>"##
        );
        let offline = rebase(
            r#"<a href="../../glossary/index.html#t">t</a>"#,
            "paths/p/",
            "paths/p/print/",
            true,
        );
        assert_eq!(offline, r#"<a href="../../../glossary/index.html#t">t</a>"#);
    }

    #[test]
    fn prefix_ids_rewrites_ids_fragments_and_descriptions() {
        let html = r##"<h2 id="a">A</h2><a href="#a">go</a><a class="term" href="../x/" aria-describedby="tip-1">t</a><span data-id="keep" id="tip-1"></span>"##;
        assert_eq!(
            prefix_ids(html, "s2-"),
            r##"<h2 id="s2-a">A</h2><a href="#s2-a">go</a><a class="term" href="../x/" aria-describedby="s2-tip-1">t</a><span data-id="keep" id="s2-tip-1"></span>"##
        );
    }

    #[test]
    fn slugify_headings() {
        assert_eq!(slugify("In teletherapy: what changes?"), "in-teletherapy-what-changes");
        assert_eq!(slugify("The client’s view"), "the-clients-view");
        assert_eq!(slugify("***"), "section");
    }
}
