//! The tera filters that fill UI strings (src/strings.rs) in templates:
//! `{{ ui.tag_title | fmt(tag=tag) }}` fills `{tag}`, and
//! `{{ ui.steps | count(n=path.steps) }}` picks a plural's form for `n` and fills `{n}`.
//!
//! Both escape their output themselves (so tera does not escape it twice): the values passed
//! in are escaped as any template value is, the string's own text without its apostrophes
//! (text in a double-quoted attribute or an element needs only `&`, `<`, `>` and `"`).

use std::collections::HashMap;

use tera::{Filter, Value};

use crate::render::strings::plural_category;
use crate::render::templates::escape_html;

/// `fmt`: a string with its `{name}` placeholders filled from the filter's arguments.
pub(crate) struct Fmt;

/// `count`: a plural's form for `n` (the language's rule), with `{n}` and any other
/// placeholders filled from the filter's arguments.
pub(crate) struct Count;

impl Filter for Fmt {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let Some(text) = value.as_str() else {
            return Err(tera::Error::msg(format!(
                "`fmt` fills a UI string, but was given {value} (a plural? use `count(n=…)`)"
            )));
        };
        Ok(Value::String(fill_escaped(text, args)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

impl Filter for Count {
    fn filter(&self, value: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let n = args.get("n").and_then(Value::as_u64).ok_or_else(|| {
            tera::Error::msg("`count` needs the number: `count(n=…)` with a whole number")
        })?;
        let form = match value {
            Value::Object(forms) => {
                let rule = forms.get("rule").and_then(Value::as_str).unwrap_or("en");
                let chosen = forms.get(plural_category(rule, n)).or_else(|| forms.get("other"));
                chosen.and_then(Value::as_str).unwrap_or("")
            }
            Value::String(text) => text.as_str(),
            other => {
                return Err(tera::Error::msg(format!("`count` needs a UI string, not {other}")));
            }
        };
        Ok(Value::String(fill_escaped(form, args)))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// `text` escaped, with each `{name}` that names an argument replaced by the argument,
/// escaped; other braces stay as they are. One pass, so a value is never filled again.
fn fill_escaped(text: &str, args: &HashMap<String, Value>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&escape_text(&rest[..open]));
        let after = &rest[open + 1..];
        let name_end = after.find('}');
        match name_end.and_then(|end| args.get(&after[..end]).map(|v| (end, v))) {
            Some((end, value)) => {
                out.push_str(&escape_html(&value_text(value)));
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(&escape_text(rest));
    out
}

/// An argument as text: strings as they are, numbers and the rest as JSON writes them.
fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Escapes `&`, `<`, `>` and `"`: the string's own text may keep its apostrophes.
fn escape_text(text: &str) -> String {
    crate::html::escape_with(text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, Value)]) -> HashMap<String, Value> {
        pairs.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect()
    }

    #[test]
    fn fmt_fills_and_escapes_values_once() {
        let a = args(&[("title", Value::from("<b>{n}</b>")), ("n", Value::from(3))]);
        let out = Fmt.filter(&Value::from("Path: {title} ({n}) {x}"), &a).unwrap();
        assert_eq!(out, Value::from("Path: &lt;b&gt;{n}&lt;/b&gt; (3) {x}"));
    }

    #[test]
    fn count_picks_the_form_by_the_language_rule() {
        let forms =
            serde_json::json!({"one": "{n} artículo", "other": "{n} artículos", "rule": "es"});
        let one = Count.filter(&forms, &args(&[("n", Value::from(1))])).unwrap();
        let two = Count.filter(&forms, &args(&[("n", Value::from(2))])).unwrap();
        assert_eq!((one, two), (Value::from("1 artículo"), Value::from("2 artículos")));
        let french =
            serde_json::json!({"one": "{n} article", "other": "{n} articles", "rule": "fr"});
        let zero = Count.filter(&french, &args(&[("n", Value::from(0))])).unwrap();
        assert_eq!(zero, Value::from("0 article"));
    }

    #[test]
    fn apostrophes_in_the_string_stay_but_not_in_values() {
        let a = args(&[("n", Value::from("it's"))]);
        let out = Fmt.filter(&Value::from("articles' {n}"), &a).unwrap();
        assert_eq!(out, Value::from("articles' it&#39;s"));
    }
}
