//! A site's own templates and theme files: `attune eject` copies a default into the site,
//! stamped with the attune version and a fingerprint of the default it copied; the load stage
//! then reports what a site's overrides would hide from its author:
//!
//! - a template that does not compile: its file, line and tera's message (`template`);
//! - an ejected file whose default has changed in this attune (`stale-override`), so fixes to
//!   the default no longer reach the site;
//! - a file under `templates/` or `theme/` whose name matches no default (`unknown-override`),
//!   which attune never reads.
//!
//! `theme/extra.css` is not an override: it is loaded after the default stylesheet, so a site
//! can restyle without ejecting anything.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile, SourceMap, Span};
use crate::error::{Error, Result};
use crate::render::templates::{TEMPLATES, THEME};

/// The theme file a site may add without ejecting: loaded after the default stylesheet.
pub const EXTRA_CSS: &str = "extra.css";

/// The running attune's version, written into every ejected file's stamp.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One default file that can be ejected.
#[derive(Debug, Clone, Copy)]
pub struct DefaultFile {
    /// `templates` or `theme`.
    pub folder: &'static str,
    /// File name (`article.html`).
    pub name: &'static str,
    /// The embedded text.
    pub text: &'static str,
}

/// Every default template and theme file, templates first.
pub fn defaults() -> impl Iterator<Item = DefaultFile> {
    let templates =
        TEMPLATES.iter().map(|(name, text)| DefaultFile { folder: "templates", name, text });
    let theme = THEME.iter().chain(crate::render::course::QUIZ_FILES);
    let theme = theme.map(|(name, text)| DefaultFile { folder: "theme", name, text });
    templates.chain(theme)
}

/// The default a name given to `eject` means: `article.html`, `templates/article.html`,
/// `style.css` or `theme/style.css`.
fn find_default(wanted: &str) -> Option<DefaultFile> {
    let (folder, name) = match wanted.split_once('/') {
        Some((folder, name)) => (Some(folder), name),
        None => (None, wanted),
    };
    defaults().find(|d| d.name == name && folder.is_none_or(|f| f == d.folder))
}

/// A stable 64-bit fingerprint (FNV-1a) of a default's text: the same across builds and
/// platforms, so a stamp written by one attune can be read by the next.
fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The stamp line for an ejected copy of `file`, as a comment in the file's own syntax.
fn stamp(file: &DefaultFile) -> String {
    let body = format!(
        "attune-eject {VERSION} {} {}: a copy of attune's default; `attune check` says when the default changes",
        fingerprint(file.text),
        file.name
    );
    match file.name.rsplit('.').next() {
        // `-#}` trims the newline after it, so an unchanged copy renders exactly as the default.
        Some("html") => format!("{{# {body} -#}}\n"),
        Some("css") | Some("js") => format!("/* {body} */\n"),
        _ => format!("<!-- {body} -->\n"),
    }
}

/// The version and fingerprint of a file's stamp, if its first line holds one.
fn read_stamp(text: &str) -> Option<(&str, &str)> {
    let first = text.lines().next()?;
    let rest = &first[first.find("attune-eject ")? + "attune-eject ".len()..];
    let mut words = rest.split_whitespace();
    Some((words.next()?, words.next()?))
}

/// Whether version `a` (`0.1.0`) is older than version `b`; unparsable parts count as 0.
fn is_older(a: &str, b: &str) -> bool {
    let parts = |v: &str| -> Vec<u64> {
        v.split(['.', '-']).take(3).map(|p| p.parse().unwrap_or(0)).collect()
    };
    parts(a) < parts(b)
}

/// Copies the named defaults into the site's `templates/` or `theme/`, each stamped; refuses
/// unknown names (with the nearest one) and files that already exist.
pub fn eject(root: &Path, names: &[String]) -> Result<Vec<PathBuf>> {
    let mut chosen = Vec::new();
    for wanted in names {
        let Some(file) = find_default(wanted) else {
            let all: Vec<String> = defaults().map(|d| d.name.to_string()).collect();
            let near = crate::diagnostics::did_you_mean(wanted, all.iter().map(String::as_str));
            let hint = match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => "`attune eject --list` shows them".to_string(),
            };
            return Err(Error::Usage(format!(
                "`{wanted}` is not a default template or theme file; {hint}"
            )));
        };
        let path = root.join(file.folder).join(file.name);
        if path.exists() {
            return Err(Error::Usage(format!(
                "`{}` already exists; delete it first to eject a fresh copy",
                path.display()
            )));
        }
        chosen.push((file, path));
    }
    let mut written = Vec::new();
    for (file, path) in chosen {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("creating folder", parent, e))?;
        }
        let text = format!("{}{}", stamp(&file), file.text);
        std::fs::write(&path, text).map_err(|e| Error::io("writing", &path, e))?;
        written.push(path);
    }
    Ok(written)
}

/// `attune eject --list`: one line per default, marking those the site overrides.
pub fn list(root: &Path) -> String {
    let mut out = String::new();
    for file in defaults() {
        let overridden = root.join(file.folder).join(file.name).is_file();
        let mark = if overridden { "  (overridden by this site)" } else { "" };
        out.push_str(&format!("{}/{}{mark}\n", file.folder, file.name));
    }
    out
}

/// Reports the site's unknown, stale and broken overrides (see the module docs). Override
/// files are added to the source map so their diagnostics quote their lines.
pub fn check_overrides(root: &Path, sources: &mut SourceMap, diagnostics: &mut Diagnostics) {
    for folder in ["templates", "theme"] {
        let Ok(entries) = std::fs::read_dir(root.join(folder)) else { continue };
        let mut names: Vec<String> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| !name.starts_with('.') && !name.ends_with('~'))
            .collect();
        names.sort();
        for name in names {
            let display = PathBuf::from(folder).join(&name);
            let Some(file) = defaults().find(|d| d.folder == folder && d.name == name) else {
                if !(folder == "theme" && name == EXTRA_CSS) {
                    // In the source map, so the warning points at the file's first line.
                    let bytes = std::fs::read(root.join(&display)).unwrap_or_default();
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    let id = sources.push(SourceFile::new(display, text));
                    diagnostics.push(unknown_override(folder, &name, id));
                }
                continue;
            };
            let Ok(text) = std::fs::read_to_string(root.join(&display)) else { continue };
            let id = sources.push(SourceFile::new(display, text));
            if let Some(d) = stale_override(&file, &sources.get(id).text, id) {
                diagnostics.push(d);
            }
        }
    }
    super::template_check::check_site_templates(root, sources, diagnostics);
}

fn unknown_override(folder: &str, name: &str, id: crate::diagnostics::FileId) -> Diagnostic {
    let names = defaults().filter(|d| d.folder == folder).map(|d| d.name);
    let kind = if folder == "templates" { "template" } else { "theme file" };
    let diagnostic = Diagnostic::warning(
        Code::UnknownOverride,
        format!("`{folder}/{name}` matches no default {kind}, so attune never reads it"),
    )
    .at(Span::new(id, 0, 0))
    .with_suggestion(name, names);
    match (&diagnostic.help, folder) {
        (Some(_), _) => diagnostic,
        (None, "theme") => diagnostic.with_help(format!(
            "name it after a default (`attune eject --list`), or put your own styles in `theme/{EXTRA_CSS}`"
        )),
        (None, _) => diagnostic.with_help("name it after a default template (`attune eject --list`)"),
    }
}

fn stale_override(
    file: &DefaultFile,
    text: &str,
    id: crate::diagnostics::FileId,
) -> Option<Diagnostic> {
    let (version, print) = read_stamp(text)?;
    if !is_older(version, VERSION) || print == fingerprint(file.text) {
        return None;
    }
    // Point at the stamp's version, the part that is out of date.
    let at = text.find(version).unwrap_or(0);
    Some(
        Diagnostic::warning(Code::StaleOverride,
            format!(
                "`{}/{}` was ejected from attune {version}; this attune's default has changed since, and the site does not get those changes",
                file.folder, file.name
            ),
        )
        .at(Span::new(id, at, at + version.len()))
        .with_help(format!(
            "compare it with a fresh copy (`attune eject {}` after moving this one aside) and carry your changes over, or delete it to use the default",
            file.name
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_read_back_in_every_syntax() {
        for file in defaults() {
            let stamped = format!("{}{}", stamp(&file), file.text);
            let (version, print) = read_stamp(&stamped).expect("a stamp");
            assert_eq!(version, VERSION);
            assert_eq!(print, fingerprint(file.text));
        }
    }

    #[test]
    fn versions_compare_numerically() {
        assert!(is_older("0.9.0", "0.10.0"));
        assert!(is_older("0.1.0", "0.1.1"));
        assert!(!is_older("0.1.0", "0.1.0"));
        assert!(!is_older("1.0.0", "0.9.9"));
    }

    #[test]
    fn names_are_found_with_or_without_their_folder() {
        assert_eq!(find_default("article.html").map(|d| d.folder), Some("templates"));
        assert_eq!(find_default("theme/style.css").map(|d| d.name), Some("style.css"));
        assert!(find_default("theme/article.html").is_none());
    }
}
