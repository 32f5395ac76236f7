//! Checks of the UI strings before a build renders anything: site.yaml `strings` overrides
//! must name real keys, a language without a built-in table must give every key, and every
//! `ui.<key>` a site's own template uses must be in the table of the site's language.

use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::content::front_matter::find_value_span;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, SourceMap, Span};
use crate::render::strings::{Strings, StringsError, embedded_languages, override_keys, table};
use crate::render::templates::TEMPLATES;

/// Reports bad `strings` overrides at their site.yaml line, then keys the site's templates
/// use that the table of its language lacks, at the template's line.
pub fn check_site_strings(config: &SiteConfig, sources: &SourceMap, diagnostics: &mut Diagnostics) {
    let code = &config.language;
    match table(code, &config.strings) {
        Ok(strings) => check_templates(&strings, sources, diagnostics),
        Err(error) => diagnostics.push(config_error(code, &error, sources)),
    }
}

/// The diagnostic for an override site.yaml cannot have, or for keys it must add.
fn config_error(code: &str, error: &StringsError, sources: &SourceMap) -> Diagnostic {
    let file =
        ["content/site.yaml", "content/site.yml"].iter().find_map(|p| sources.find(Path::new(p)));
    let (diagnostic, key, value) = match error {
        StringsError::UnknownKey { key, suggestion } => {
            let help = match suggestion {
                Some(near) => format!("did you mean `{near}`?"),
                None => "the keys are those of attune's English table (src/strings/en.yaml); a plural's forms are `key.one` and `key.other`".into(),
            };
            let message = format!("`{key}` under `strings` is not one of attune's UI strings");
            (Diagnostic::error(Code::UiString, message).with_help(help), "strings", key.clone())
        }
        StringsError::Missing { keys, .. } => {
            let built_in: Vec<&str> = embedded_languages().collect();
            let message = format!(
                "attune has no UI strings for language `{code}` (it has {}), and site.yaml `strings` lacks {} of them: {}",
                built_in.join(", "),
                keys.len(),
                keys.join(", ")
            );
            let help = format!(
                "add every listed key under `strings:` in site.yaml, in `{code}` (copy src/strings/en.yaml and translate it), or set `language` to one of {}",
                built_in.join(", ")
            );
            (
                Diagnostic::error(Code::UiString, message).with_help(help),
                "language",
                code.to_string(),
            )
        }
    };
    match file {
        Some(file) => {
            let text = &sources.get(file).text;
            diagnostic.at(find_value_span(text, (0, text.len()), key, &value, file))
        }
        None => diagnostic,
    }
}

/// Every `ui.<key>` of the site's own templates must be in `strings`.
fn check_templates(strings: &Strings, sources: &SourceMap, diagnostics: &mut Diagnostics) {
    for (name, _) in TEMPLATES {
        let Some(file) = sources.find(&PathBuf::from("templates").join(name)) else { continue };
        let text = &sources.get(file).text;
        for (at, key) in used_keys(text) {
            if !strings.has(key) {
                diagnostics.push(missing_key(strings, key, file, at));
            }
        }
    }
}

/// The error for a key a template uses and the language's table lacks.
fn missing_key(strings: &Strings, key: &str, file: FileId, at: usize) -> Diagnostic {
    let code = strings.code();
    let message =
        format!("the template uses the UI string `{key}`, which the `{code}` strings lack");
    let keys = override_keys();
    let diagnostic = Diagnostic::error(Code::UiString, message)
        .at(Span::new(file, at, at + "ui.".len() + key.len()))
        .with_suggestion(key, strings.keys());
    match diagnostic.help {
        Some(_) => diagnostic,
        None => diagnostic.with_help(format!(
            "use one of the {} UI strings (src/render/TEMPLATES.md, \"UI strings\")",
            keys.len()
        )),
    }
}

/// Each `ui.<key>` in a template: its byte offset and the key.
pub(crate) fn used_keys(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut found = Vec::new();
    for (at, _) in text.match_indices("ui.") {
        if at > 0 && (ident(bytes[at - 1]) || bytes[at - 1] == b'.') {
            continue;
        }
        let start = at + 3;
        let end = bytes[start..].iter().position(|b| !ident(*b)).map_or(text.len(), |i| start + i);
        if end > start {
            found.push((at, &text[start..end]));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_but_not_other_names_ending_in_ui() {
        let text = "{{ ui.skip }} {{ gui.x }} {{ a.ui.y }} {{ ui.count_n | count(n=1) }}";
        let keys: Vec<&str> = used_keys(text).into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, ["skip", "count_n"]);
    }

    #[test]
    fn every_default_template_key_is_in_every_embedded_table() {
        for code in embedded_languages() {
            let strings = table(code, &Default::default()).unwrap();
            for (name, text) in TEMPLATES {
                for (_, key) in used_keys(text) {
                    assert!(strings.has(key), "{name} uses `{key}`, missing for `{code}`");
                }
            }
        }
    }
}
