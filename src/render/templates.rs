//! Tera templates: the defaults embedded in the binary, overridden file by file by a site's own
//! `templates/`, compiled once per build. Theme files (CSS, JS, icons) follow the same rule.

use std::path::Path;

use tera::Tera;

use crate::error::{Error, Result};

/// The default templates, embedded so `attune` works in any folder.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("home.html", include_str!("../../templates/home.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("section.html", include_str!("../../templates/section.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("glossary.html", include_str!("../../templates/glossary.html")),
    ("path.html", include_str!("../../templates/path.html")),
    ("packet.html", include_str!("../../templates/packet.html")),
    ("key.html", include_str!("../../templates/key.html")),
    ("paths.html", include_str!("../../templates/paths.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("tag.html", include_str!("../../templates/tag.html")),
    ("listing.html", include_str!("../../templates/listing.html")),
    ("tags.html", include_str!("../../templates/tags.html")),
    ("map.html", include_str!("../../templates/map.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("untranslated.html", include_str!("../../templates/untranslated.html")),
];

/// The default theme files, written under `theme/` in the output.
pub const THEME: &[(&str, &str)] = &[
    ("style.css", crate::palette::STYLE_CSS),
    ("pages.css", include_str!("../../theme/pages.css")),
    ("site.js", include_str!("../../theme/site.js")),
    ("search.js", include_str!("../../theme/search.js")),
    ("glossary.js", include_str!("../../theme/glossary.js")),
    ("favicon.svg", include_str!("../../theme/favicon.svg")),
];

/// Compiles the templates: embedded defaults, then any `templates/<name>` of the site.
pub fn load_templates(root: &Path) -> Result<Tera> {
    let mut sources: Vec<(String, String)> = Vec::new();
    for (name, text) in TEMPLATES {
        let custom = root.join("templates").join(name);
        let text = if custom.is_file() {
            std::fs::read_to_string(&custom).map_err(|e| Error::io("reading", &custom, e))?
        } else {
            (*text).to_string()
        };
        sources.push(((*name).to_string(), text));
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/`, which bloats every URL; these five are all HTML needs.
    tera.set_escape_fn(escape_html);
    tera.register_filter("fmt", super::strings_filters::Fmt);
    tera.register_filter("count", super::strings_filters::Count);
    tera.add_raw_templates(sources)
        .map_err(|e| Error::Template { name: "templates".into(), message: error_chain(&e) })?;
    Ok(tera)
}

/// The theme's files: name under `theme/`, and bytes.
pub type ThemeFiles = Vec<(String, Vec<u8>)>;

/// The theme files with any `theme/<name>` of the site in place of the default.
pub fn load_theme(root: &Path) -> Result<ThemeFiles> {
    let mut files = Vec::new();
    for (name, text) in THEME {
        let custom = root.join("theme").join(name);
        let bytes = if custom.is_file() {
            std::fs::read(&custom).map_err(|e| Error::io("reading", &custom, e))?
        } else {
            text.as_bytes().to_vec()
        };
        files.push(((*name).to_string(), bytes));
    }
    // The site's own additions to the default stylesheet, linked after it by every page.
    let extra = root.join("theme").join(super::overrides::EXTRA_CSS);
    if extra.is_file() {
        let bytes = std::fs::read(&extra).map_err(|e| Error::io("reading", &extra, e))?;
        files.push((super::overrides::EXTRA_CSS.to_string(), bytes));
    }
    Ok(files)
}

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attributes.
pub(crate) fn escape_html(text: &str) -> String {
    crate::html::escape_with(text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    })
}

/// Tera's error with its causes on one line.
pub fn error_chain(error: &tera::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
