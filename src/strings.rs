//! UI strings per language: every word the templates, page titles and theme scripts show
//! around a site's own content. Tables for `en` and `es` are embedded (`strings/<code>.yaml`);
//! a site changes any entry in site.yaml (`strings: { key: "…" }`), and a site in a language
//! without a table supplies every entry there.
//!
//! [`table`] is the whole API: a language code and the site's overrides in, a [`Strings`] out.
//! Templates read it as `ui` (`{{ ui.search_placeholder }}`), with the `fmt` and `count`
//! filters for entries that hold `{name}` placeholders or plurals (src/render/TEMPLATES.md).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::content::model::Date;

/// The embedded tables, by language code. English is the reference: its keys are every key.
const EMBEDDED: &[(&str, &str)] =
    &[("en", include_str!("strings/en.yaml")), ("es", include_str!("strings/es.yaml"))];

/// One entry of a table: a text, or a plural (one text per plural category).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Entry {
    /// A text, with any `{name}` placeholders.
    Text(String),
    /// A count's forms: `one` for the language's singular category, `other` for the rest.
    Plural {
        /// The form for the "one" category (`{n} article`).
        one: String,
        /// The form for every other count (`{n} articles`).
        other: String,
    },
}

/// A parsed embedded table.
type Table = BTreeMap<String, Entry>;

/// The embedded tables, parsed once per process.
fn embedded_tables() -> &'static BTreeMap<&'static str, Table> {
    static TABLES: OnceLock<BTreeMap<&'static str, Table>> = OnceLock::new();
    TABLES.get_or_init(|| {
        // The tables are part of the binary and a unit test parses them: never empty here.
        EMBEDDED
            .iter()
            .map(|(code, text)| (*code, serde_yaml::from_str(text).unwrap_or_default()))
            .collect()
    })
}

/// The language codes with an embedded table (`en`, `es`).
pub fn embedded_languages() -> impl Iterator<Item = &'static str> {
    EMBEDDED.iter().map(|(code, _)| *code)
}

/// Every key a site may override, as written in site.yaml: `key`, or `key.one` and
/// `key.other` for a plural. The English table defines them.
pub fn override_keys() -> Vec<String> {
    let english = embedded_tables().get("en").cloned().unwrap_or_default();
    let mut keys = Vec::new();
    for (key, entry) in english {
        match entry {
            Entry::Text(_) => keys.push(key),
            Entry::Plural { .. } => {
                keys.push(format!("{key}.one"));
                keys.push(format!("{key}.other"));
            }
        }
    }
    keys
}

/// Why a table could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StringsError {
    /// An override names no entry.
    UnknownKey {
        /// The key as written.
        key: String,
        /// The nearest real key, if one is close.
        suggestion: Option<String>,
    },
    /// The language has no embedded table and the overrides leave these keys out.
    Missing {
        /// The language code.
        code: String,
        /// The keys still needed, as site.yaml writes them.
        keys: Vec<String>,
    },
}

/// One language's UI strings, with the site's overrides applied.
#[derive(Debug, Clone)]
pub struct Strings {
    code: String,
    entries: Table,
    value: tera::Value,
}

/// The table for language `code` (`en`, `es`, …) with `overrides` (site.yaml `strings:`, or a
/// language's `languages[].strings`) applied on top. A language without an embedded table
/// starts empty, so its overrides must give every key.
pub fn table(code: &str, overrides: &BTreeMap<String, String>) -> Result<Strings, StringsError> {
    let valid = override_keys();
    for key in overrides.keys() {
        if !valid.contains(key) {
            let suggestion =
                crate::diagnostics::did_you_mean(key, valid.iter().map(String::as_str))
                    .map(str::to_string);
            return Err(StringsError::UnknownKey { key: key.clone(), suggestion });
        }
    }
    let tables = embedded_tables();
    let built_in = tables.get(code).or_else(|| tables.get(primary_tag(code).as_str()));
    let mut entries = built_in.cloned().unwrap_or_default();
    apply_overrides(&mut entries, overrides);
    let have: BTreeSet<String> = flat_keys(&entries).collect();
    let missing: Vec<String> = valid.into_iter().filter(|k| !have.contains(k)).collect();
    if !missing.is_empty() {
        return Err(StringsError::Missing { code: code.to_string(), keys: missing });
    }
    let value = tera_value(code, &entries);
    Ok(Strings { code: code.to_string(), entries, value })
}

/// Puts each override in place: `key` replaces a text, `key.one`/`key.other` one plural form.
fn apply_overrides(entries: &mut Table, overrides: &BTreeMap<String, String>) {
    let english = embedded_tables().get("en");
    for (key, text) in overrides {
        let (name, form) = match key.rsplit_once('.') {
            Some((name, form @ ("one" | "other"))) => (name, Some(form)),
            _ => (key.as_str(), None),
        };
        let Some(form) = form else {
            entries.insert(key.clone(), Entry::Text(text.clone()));
            continue;
        };
        // A language without a table gets a plural's other form from its own overrides only.
        let fresh = || Entry::Plural { one: String::new(), other: String::new() };
        let entry = entries.entry(name.to_string()).or_insert_with(fresh);
        if let Entry::Plural { one, other } = entry {
            *(if form == "one" { one } else { other }) = text.clone();
        }
        debug_assert!(english.is_some_and(|e| e.contains_key(name)));
    }
}

/// The site.yaml keys a table holds (empty plural forms do not count).
fn flat_keys(entries: &Table) -> impl Iterator<Item = String> + '_ {
    entries.iter().flat_map(|(key, entry)| match entry {
        Entry::Text(_) => vec![key.clone()],
        Entry::Plural { one, other } => [("one", one), ("other", other)]
            .into_iter()
            .filter(|(_, text)| !text.is_empty())
            .map(|(form, _)| format!("{key}.{form}"))
            .collect(),
    })
}

/// The table as templates see it: texts as strings, plurals as `{one, other, rule}`.
fn tera_value(code: &str, entries: &Table) -> tera::Value {
    let map = entries
        .iter()
        .map(|(key, entry)| {
            let value = match entry {
                Entry::Text(text) => tera::Value::String(text.clone()),
                Entry::Plural { one, other } => {
                    serde_json::json!({ "one": one, "other": other, "rule": code })
                }
            };
            (key.clone(), value)
        })
        .collect();
    tera::Value::Object(map)
}

/// A [`StringsError`] in one sentence, for a build that meets it outside `check`.
pub fn describe(code: &str, error: &StringsError) -> String {
    match error {
        StringsError::UnknownKey { key, suggestion } => {
            let near =
                suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default();
            format!("site.yaml `strings` sets `{key}`, which is not a UI string{near}")
        }
        StringsError::Missing { keys, .. } => format!(
            "attune has no UI strings for language `{code}`: add these {} keys under `strings:` in site.yaml: {}",
            keys.len(),
            keys.join(", ")
        ),
    }
}

/// The plural category of `n` in language `code`: `"one"` or `"other"`. English and Spanish
/// (and, by default, any language) use "one" for exactly 1; a language whose rule differs adds
/// an arm here (French, for one, also puts 0 in "one").
pub fn plural_category(code: &str, n: u64) -> &'static str {
    match primary_tag(code).as_str() {
        "fr" | "pt" => {
            if n <= 1 {
                "one"
            } else {
                "other"
            }
        }
        _ => {
            if n == 1 {
                "one"
            } else {
                "other"
            }
        }
    }
}

/// A BCP 47 tag's language, lower-case: `en` for `en-GB`, `es` for `es-419`.
pub fn primary_tag(code: &str) -> String {
    code.split(['-', '_']).next().unwrap_or(code).to_ascii_lowercase()
}

/// `text` with each `{name}` replaced by its value.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

impl Strings {
    /// The language code the table is for.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The table as a tera value, inserted as `ui` in every template's context.
    pub fn value(&self) -> &tera::Value {
        &self.value
    }

    /// An entry's text (a plural's `other` form), or `""` for a key the table lacks.
    pub fn get(&self, key: &str) -> &str {
        match self.entries.get(key) {
            Some(Entry::Text(text)) => text,
            Some(Entry::Plural { other, .. }) => other,
            None => "",
        }
    }

    /// An entry as the table holds it.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// Whether the table has `key` (as templates write it: `ui.key`).
    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Every key, as templates write them.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// An entry with its placeholders filled: `fmt("tag_title", &[("tag", "grief")])`.
    pub fn fmt(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), args)
    }

    /// A plural entry's form for `n`, with `{n}` and `args` filled: `count("steps", 3, &[])`
    /// is `3 steps`.
    pub fn count(&self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let form = match self.entries.get(key) {
            Some(Entry::Plural { one, other }) => {
                if plural_category(&self.code, n as u64) == "one" { one } else { other }
            }
            Some(Entry::Text(text)) => text,
            None => "",
        };
        fill(&fill(form, &[("n", &n.to_string())]), args)
    }

    /// A date written out: `3 December 2026`, `3 de diciembre de 2026`.
    pub fn date(&self, date: &Date) -> String {
        let month = self.get(&format!("month_{}", date.month.clamp(1, 12)));
        let (day, year) = (date.day.to_string(), date.year.to_string());
        self.fmt("date_long", &[("day", &day), ("month", month), ("year", &year)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_table_has_exactly_the_english_keys() {
        let english: Vec<String> = flat_keys(&embedded_tables()["en"]).collect();
        assert!(english.len() > 100, "{}", english.len());
        for code in embedded_languages() {
            let keys: Vec<String> = flat_keys(&embedded_tables()[code]).collect();
            assert_eq!(keys, english, "`{code}` differs from `en`");
        }
    }

    #[test]
    fn dates_and_plurals_per_language() {
        let date = Date { year: 2026, month: 12, day: 3 };
        let en = table("en", &BTreeMap::new()).unwrap();
        let es = table("es", &BTreeMap::new()).unwrap();
        assert_eq!(en.date(&date), "3 December 2026");
        assert_eq!(es.date(&date), "3 de diciembre de 2026");
        assert_eq!(en.count("minutes_read", 5, &[]), "5 min read");
        assert_eq!(es.count("minutes_read", 5, &[]), "5 min de lectura");
        assert_eq!(en.count("section_articles", 1, &[]), "1 article");
        assert_eq!(en.count("section_articles", 2, &[]), "2 articles");
        assert_eq!(es.count("section_articles", 1, &[]), "1 artículo");
        assert_eq!(es.count("section_articles", 2, &[]), "2 artículos");
    }

    #[test]
    fn overrides_replace_entries_and_unknown_keys_are_refused() {
        let overrides: BTreeMap<String, String> = [
            ("toc_heading".into(), "En este artículo".into()),
            ("steps.one".into(), "{n} etapa".into()),
        ]
        .into();
        let es = table("es", &overrides).unwrap();
        assert_eq!(es.get("toc_heading"), "En este artículo");
        assert_eq!(es.count("steps", 1, &[]), "1 etapa");
        assert_eq!(es.count("steps", 2, &[]), "2 pasos");
        let typo: BTreeMap<String, String> = [("toc_headng".into(), "x".into())].into();
        let Err(StringsError::UnknownKey { suggestion, .. }) = table("es", &typo) else { panic!() };
        assert_eq!(suggestion.as_deref(), Some("toc_heading"));
        let Err(StringsError::Missing { keys, .. }) = table("fr", &overrides) else { panic!() };
        assert!(
            keys.contains(&"skip_to_content".to_string())
                && !keys.contains(&"toc_heading".to_string())
        );
    }
}
