//! The theme scripts' UI strings: `theme/site.js` and `theme/search.js` are written in English,
//! and a site in another language (or with overridden strings) gets copies whose English
//! literals are replaced by its own, when the theme files are written. Nothing is fetched and
//! no page grows; an English site's scripts are the files as they are, byte for byte.
//!
//! Each [`JsText`] names an exact piece of source and the expression that replaces it. A
//! site's own `theme/search.js` is translated where it still has these pieces.

use crate::render::strings::{Entry, Strings, plural_category, table};

/// How a piece of script becomes the table's text.
enum Form {
    /// A string literal inside the piece, replaced by the entry's text.
    Literal(&'static str),
    /// An array literal (the whole piece) of these entries.
    Array(&'static [&'static str]),
    /// The piece is an expression: the entry, its `{name}`s filled by these expressions.
    Fill(&'static [(&'static str, &'static str)]),
    /// The piece is an expression: the plural's form for the count expression `n`, filled.
    Plural(&'static str, &'static [(&'static str, &'static str)]),
}

/// One UI string in a theme script.
struct JsText {
    file: &'static str,
    source: &'static str,
    key: &'static str,
    form: Form,
}

/// Every UI string of the default theme scripts. Longer pieces come before any piece they
/// contain.
const TEXTS: &[JsText] = &[
    JsText {
        file: "site.js",
        source: r#"count + " of " + boxes.length + " read""#,
        key: "progress",
        form: Form::Fill(&[("done", "count"), ("total", "boxes.length")]),
    },
    JsText {
        file: "search.js",
        source: r#"["Article", "Glossary", "Reading path", "Page"]"#,
        key: "",
        form: Form::Array(&["kind_article", "kind_glossary", "kind_path", "kind_page"]),
    },
    JsText {
        file: "search.js",
        source: r#""If you are in danger, contact your local emergency services now.""#,
        key: "crisis_default",
        form: Form::Literal("If you are in danger, contact your local emergency services now."),
    },
    JsText {
        file: "search.js",
        source: r#"list("Glossary terms that may help""#,
        key: "fallback_terms",
        form: Form::Literal("Glossary terms that may help"),
    },
    JsText {
        file: "search.js",
        source: r#"list("Reading paths""#,
        key: "fallback_paths",
        form: Form::Literal("Reading paths"),
    },
    JsText {
        file: "search.js",
        source: r#"list("If you need help now""#,
        key: "fallback_help",
        form: Form::Literal("If you need help now"),
    },
    JsText {
        file: "search.js",
        source: r#"(hits.length === 1 ? "1 result" : hits.length + " results") + " for \u201c" + q + "\u201d""#,
        key: "results_for",
        form: Form::Plural("hits.length", &[("n", "hits.length"), ("q", "q")]),
    },
    JsText {
        file: "search.js",
        source: r#"shown + (hits.length === 1 ? " result" : " results") + " for \u201c" + q + "\u201d""#,
        key: "results_for",
        form: Form::Plural("hits.length", &[("n", "shown"), ("q", "q")]),
    },
    JsText {
        file: "search.js",
        source: r#""At least " + hits.length"#,
        key: "at_least",
        form: Form::Fill(&[("n", "hits.length")]),
    },
    JsText {
        file: "search.js",
        source: r#""No results for \u201c" + q + "\u201d. Try fewer or different words, or start from these.""#,
        key: "no_results_page",
        form: Form::Fill(&[("q", "q")]),
    },
    JsText {
        file: "search.js",
        source: r#""No results for \u201c" + q + "\u201d.""#,
        key: "no_results",
        form: Form::Fill(&[("q", "q")]),
    },
    JsText {
        file: "search.js",
        source: r#""Search is not available right now.""#,
        key: "search_unavailable",
        form: Form::Literal("Search is not available right now."),
    },
    JsText {
        file: "search.js",
        source: r#""result-mentions", "Mentions:""#,
        key: "search_mentions",
        form: Form::Literal("Mentions:"),
    },
    JsText {
        file: "search.js",
        source: r#""Show more results""#,
        key: "show_more",
        form: Form::Literal("Show more results"),
    },
    JsText {
        file: "quiz.js",
        source: r#"multiple ? "Choose every answer that fits""#,
        key: "quiz_choose_several",
        form: Form::Literal("Choose every answer that fits"),
    },
    JsText {
        file: "quiz.js",
        source: r#": "Choose one answer")"#,
        key: "quiz_choose_one",
        form: Form::Literal("Choose one answer"),
    },
    JsText {
        file: "quiz.js",
        source: r#""quiz-check", "Check my answer""#,
        key: "quiz_check",
        form: Form::Literal("Check my answer"),
    },
    JsText {
        file: "quiz.js",
        source: r#""quiz-again", "Try again""#,
        key: "quiz_try_again",
        form: Form::Literal("Try again"),
    },
    JsText {
        file: "quiz.js",
        source: r#""quiz-privacy", "Your answer is saved only in this browser, with your reading progress, and never sent anywhere. Clearing your progress on the reading path's page clears it.""#,
        key: "quiz_privacy",
        form: Form::Literal(
            "Your answer is saved only in this browser, with your reading progress, and never sent anywhere. Clearing your progress on the reading path's page clears it.",
        ),
    },
    JsText {
        file: "quiz.js",
        source: r#"clinic ? "You have done this check before in this browser.""#,
        key: "quiz_done_before_clinic",
        form: Form::Literal("You have done this check before in this browser."),
    },
    JsText {
        file: "quiz.js",
        source: r#": "You answered this check correctly before in this browser.""#,
        key: "quiz_done_before_course",
        form: Form::Literal("You answered this check correctly before in this browser."),
    },
    JsText {
        file: "quiz.js",
        source: r#""Choose an answer first.""#,
        key: "quiz_choose_first",
        form: Form::Literal("Choose an answer first."),
    },
    JsText {
        file: "quiz.js",
        source: r#"right ? "That's it.""#,
        key: "quiz_thats_it",
        form: Form::Literal("That's it."),
    },
    JsText {
        file: "quiz.js",
        source: r#""Not quite. Read the notes beside your choice, then try again.""#,
        key: "quiz_try_notes",
        form: Form::Literal("Not quite. Read the notes beside your choice, then try again."),
    },
    JsText {
        file: "quiz.js",
        source: r#"right ? "Correct.""#,
        key: "quiz_correct",
        form: Form::Literal("Correct."),
    },
    JsText {
        file: "quiz.js",
        source: r#""Not quite. Read the feedback beside your choice, then try again.""#,
        key: "quiz_try_feedback",
        form: Form::Literal("Not quite. Read the feedback beside your choice, then try again."),
    },
    JsText {
        file: "quiz.js",
        source: r#""Knowledge checks done: " + count + " of " + total"#,
        key: "quiz_progress",
        form: Form::Fill(&[("done", "count"), ("total", "total")]),
    },
];

/// The theme file `name` for the table `ui`: unchanged when every string it shows is the
/// English one, else with each piece of [`TEXTS`] replaced.
pub(crate) fn translate(name: &str, bytes: &[u8], ui: &Strings) -> Vec<u8> {
    let texts: Vec<&JsText> = TEXTS.iter().filter(|t| t.file == name).collect();
    if texts.is_empty() {
        return bytes.to_vec();
    }
    let Ok(english) = table("en", &Default::default()) else { return bytes.to_vec() };
    let same = texts.iter().flat_map(|t| keys(t)).all(|k| ui.entry(k) == english.entry(k));
    let Ok(text) = std::str::from_utf8(bytes) else { return bytes.to_vec() };
    if same {
        return bytes.to_vec();
    }
    let mut out = text.to_string();
    for t in texts {
        out = out.replace(t.source, &replacement(t, ui));
    }
    out.into_bytes()
}

/// A theme script without the blocks for languages the site does not have: lines from
/// `// <lang xx>` to `// </lang xx>` are kept only when `xx` is one of `codes` (primary tags),
/// so an English site's scripts carry no Spanish stemmer.
pub(crate) fn keep_languages(bytes: &[u8], codes: &[&str]) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else { return bytes.to_vec() };
    if !text.contains("// <lang ") {
        return bytes.to_vec();
    }
    let mut out = String::with_capacity(text.len());
    let mut skipping: Option<String> = None;
    for line in text.split_inclusive('\n') {
        let marker = line.trim();
        if let Some(code) = &skipping {
            if marker == format!("// </lang {code}>") {
                skipping = None;
            }
            continue;
        }
        match marker.strip_prefix("// <lang ").and_then(|m| m.strip_suffix('>')) {
            Some(code) if !codes.contains(&code) => skipping = Some(code.to_string()),
            Some(_) => {}
            None if marker.starts_with("// </lang ") => {}
            None => out.push_str(line),
        }
    }
    out.into_bytes()
}

/// The table keys a piece shows.
fn keys(t: &JsText) -> Vec<&'static str> {
    match t.form {
        Form::Array(keys) => keys.to_vec(),
        _ => vec![t.key],
    }
}

/// The script that replaces a piece.
fn replacement(t: &JsText, ui: &Strings) -> String {
    match &t.form {
        Form::Literal(english) => t.source.replace(&js_string(english), &js_string(ui.get(t.key))),
        Form::Array(keys) => {
            let items: Vec<String> = keys.iter().map(|k| js_string(ui.get(k))).collect();
            format!("[{}]", items.join(", "))
        }
        Form::Fill(args) => filled(ui.get(t.key), args),
        Form::Plural(n, args) => match ui.entry(t.key) {
            Some(Entry::Plural { one, other }) => {
                format!(
                    "({} ? {} : {})",
                    one_test(ui.code(), n),
                    filled(one, args),
                    filled(other, args)
                )
            }
            _ => filled(ui.get(t.key), args),
        },
    }
}

/// A script condition true when the count `n` is in the language's "one" category.
fn one_test(code: &str, n: &str) -> String {
    if plural_category(code, 0) == "one" { format!("{n} <= 1") } else { format!("{n} === 1") }
}

/// A script expression: `text` as a string literal with each `{name}` replaced by its
/// expression (through a function, so `$` in a query is never a replacement pattern).
fn filled(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = js_string(text);
    for (name, expr) in args {
        if text.contains(&format!("{{{name}}}")) {
            out = format!("{out}.replace(\"{{{name}}}\", function () {{ return {expr}; }})");
        }
    }
    out
}

/// A JavaScript string literal (JSON's rules, with `\u201c` and `\u201d` as the scripts
/// write them).
fn js_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_default()
        .replace('\u{201c}', "\\u201c")
        .replace('\u{201d}', "\\u201d")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::templates::THEME;

    fn theme(name: &str) -> &'static str {
        let quiz = crate::render::course::QUIZ_FILES.iter();
        THEME.iter().chain(quiz).find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap()
    }

    #[test]
    fn every_piece_is_in_the_default_scripts() {
        for t in TEXTS {
            assert!(theme(t.file).contains(t.source), "{} lacks {}", t.file, t.source);
            for key in keys(t) {
                let english = table("en", &Default::default()).unwrap();
                assert!(english.has(key), "no key {key}");
            }
        }
    }

    #[test]
    fn english_scripts_are_unchanged() {
        let english = table("en", &Default::default()).unwrap();
        for name in ["site.js", "search.js", "quiz.js"] {
            assert_eq!(translate(name, theme(name).as_bytes(), &english), theme(name).as_bytes());
        }
    }

    #[test]
    fn literals_match_the_english_table() {
        let english = table("en", &Default::default()).unwrap();
        for t in TEXTS {
            if let Form::Literal(text) = t.form {
                assert_eq!(english.get(t.key), text);
            }
        }
    }

    #[test]
    fn spanish_scripts_have_no_english_left() {
        let spanish = table("es", &Default::default()).unwrap();
        let search =
            String::from_utf8(translate("search.js", theme("search.js").as_bytes(), &spanish))
                .unwrap();
        let site =
            String::from_utf8(translate("site.js", theme("site.js").as_bytes(), &spanish)).unwrap();
        let quiz =
            String::from_utf8(translate("quiz.js", theme("quiz.js").as_bytes(), &spanish)).unwrap();
        for t in TEXTS {
            let out = match t.file {
                "site.js" => &site,
                "quiz.js" => &quiz,
                _ => &search,
            };
            assert!(!out.contains(t.source), "still English: {}", t.source);
        }
        assert!(search.contains("(hits.length === 1 ? \"{n} resultado para «{q}»\""), "{search}");
        assert!(search.contains("[\"Artículo\", \"Glosario\", \"Ruta de lectura\", \"Página\"]"));
        assert!(site.contains(
            "\"{done} de {total} leídos\".replace(\"{done}\", function () { return count; })"
        ));
        assert!(quiz.contains("\"quiz-check\", \"Comprobar mi respuesta\""), "{quiz}");
    }

    #[test]
    fn language_blocks_are_kept_only_for_the_sites_languages() {
        let script = theme("search.js");
        let english = String::from_utf8(keep_languages(script.as_bytes(), &["en"])).expect("utf-8");
        assert!(!english.contains("stemSpanish") && !english.contains("<lang"), "no Spanish left");
        assert!(english.contains("function stem(word)"));
        let spanish = String::from_utf8(keep_languages(script.as_bytes(), &["es"])).expect("utf-8");
        assert!(spanish.contains("function stemSpanish(") && !spanish.contains("<lang"));
        assert!(english.len() < spanish.len());
    }
}
