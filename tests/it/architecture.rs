//! The code's shape, checked on the source (issue 17): data flows one way through the stages,
//! so no module under `src/` may use a module of a later stage, and no function is longer than
//! about 80 lines. The stage table below is the rule the README's code map states.

use std::path::{Path, PathBuf};

/// Every top-level module of `src/` with its stage: a module may use modules of its own stage
/// or earlier ones, never later ones. `crate` is the crate root (`lib.rs`), which orchestrates.
const STAGES: &[(&str, u8)] = &[
    // Leaves: shared data types and helpers that know nothing of the site.
    ("diagnostics", 0),
    ("error", 0),
    ("hasher", 0),
    ("html", 0),
    ("ids", 0),
    ("options", 0),
    ("output", 0),
    ("palette", 0),
    ("progress", 0),
    ("url", 0),
    ("words", 0),
    ("config", 1),
    // 1. load
    ("content", 2),
    ("media", 2),
    // 2. resolve: lookups first, then Markdown, then what needs every body.
    ("links", 3),
    ("cite", 3),
    ("strings", 3),
    ("paths", 3),
    ("markdown", 4),
    ("glossary", 5),
    ("graph", 5),
    ("resolve", 6),
    // 3. search, and the lints that read the same facts.
    ("search", 7),
    ("check", 7),
    // 4. render, 5. write.
    ("render", 8),
    ("write", 9),
    // Commands over the whole pipeline.
    ("serve", 10),
    ("export", 10),
    ("scaffold", 10),
    ("summary", 10),
    ("crate", 10),
];

/// The longest a function in `src/` may be, in lines (test modules aside).
const MAX_FUNCTION_LINES: usize = 80;

fn stage(module: &str) -> Option<u8> {
    STAGES.iter().find(|(name, _)| *name == module).map(|(_, stage)| *stage)
}

/// Every `.rs` file under `src/`, skipping test modules (`tests.rs`, `tests/`).
fn sources() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    walkdir::WalkDir::new(&src)
        .into_iter()
        .flatten()
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .filter(|p| !p.components().any(|c| c.as_os_str() == "tests"))
        .filter(|p| p.file_name().is_some_and(|n| n != "tests.rs"))
        .collect()
}

/// The top-level module a source file belongs to (`src/render/pages.rs` -> `render`).
fn module_of(path: &Path) -> String {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let relative = path.strip_prefix(&src).unwrap_or(path);
    let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
    let first = first.unwrap_or_default();
    match first.strip_suffix(".rs") {
        Some("lib" | "main") => "crate".into(),
        Some(name) => name.into(),
        None => first,
    }
}

/// The code of a file up to its `#[cfg(test)]` module, without comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("read source");
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The modules a file names as `crate::<module>` (directly or inside a `use crate::{…}`).
fn uses(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
            None => vec![rest],
        };
        for name in names {
            let name: String = name
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.push(name);
            }
        }
    }
    out
}

#[test]
fn issue_17_no_module_uses_a_later_stage() {
    let mut violations = Vec::new();
    for path in sources() {
        let module = module_of(&path);
        let Some(own) = stage(&module) else {
            violations.push(format!("{}: module `{module}` has no stage", path.display()));
            continue;
        };
        for used in uses(&code(&path)) {
            // A name that is not a module (a function or type of the crate root) counts as the
            // crate root itself.
            let other = stage(&used).unwrap_or(stage("crate").unwrap_or(u8::MAX));
            if other > own {
                violations.push(format!(
                    "{}: `{module}` (stage {own}) uses `crate::{used}` (stage {other})",
                    path.display()
                ));
            }
        }
    }
    assert!(violations.is_empty(), "later-stage imports:\n{}", violations.join("\n"));
}

#[test]
fn issue_17_every_source_module_has_a_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs");
    let lib = std::fs::read_to_string(src).expect("lib.rs");
    for line in lib.lines() {
        let declared = line.trim().trim_start_matches("pub ").strip_prefix("mod ");
        if let Some(name) = declared.and_then(|d| d.strip_suffix(';')) {
            assert!(stage(name).is_some(), "module `{name}` is missing from STAGES");
        }
    }
}

/// Lengths of the functions in `code`: from the `fn` line to its closing brace, with braces
/// inside string and char literals ignored.
fn function_lengths(code: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(name) = function_name(lines[i]) else {
            i += 1;
            continue;
        };
        let (mut depth, mut opened, mut j) = (0i32, false, i);
        while j < lines.len() {
            for c in without_literals(lines[j]).chars() {
                match c {
                    '{' => (depth, opened) = (depth + 1, true),
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if (opened && depth == 0) || (!opened && lines[j].trim_end().ends_with(';')) {
                break;
            }
            j += 1;
        }
        out.push((name, i + 1, j - i + 1));
        i = j + 1;
    }
    out
}

fn function_name(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words.iter().position(|w| *w == "fn")?;
    let before_ok = words[..at]
        .iter()
        .all(|w| w.starts_with("pub") || ["const", "async", "unsafe", "extern"].contains(w));
    let name = words.get(at + 1)?;
    before_ok.then(|| name.split(['(', '<']).next().unwrap_or(name).to_string())
}

/// A line with string and char literals emptied, so their braces do not count.
fn without_literals(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(inner) = chars.next() {
                    match inner {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '\'' if chars.clone().nth(1) == Some('\'') => {
                chars.next();
                chars.next();
            }
            other => out.push(other),
        }
    }
    out
}

#[test]
fn issue_17_no_function_is_longer_than_80_lines() {
    let mut long = Vec::new();
    for path in sources() {
        for (name, line, length) in function_lengths(&code(&path)) {
            if length > MAX_FUNCTION_LINES {
                long.push(format!("{}:{line} `{name}` has {length} lines", path.display()));
            }
        }
    }
    assert!(long.is_empty(), "split these functions:\n{}", long.join("\n"));
}

#[test]
fn the_checks_themselves_see_what_they_should() {
    let code = "use crate::{render::Page, ids::DocId};\nfn a() {\n    let s = \"{\";\n    x(crate::write::y);\n}\n";
    assert_eq!(uses(code), ["render", "ids", "write"]);
    assert_eq!(function_lengths(code), [("a".to_string(), 2, 4)]);
}
