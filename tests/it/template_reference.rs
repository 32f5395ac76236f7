//! Issue 18, point 4: `src/render/TEMPLATES.md` documents every variable templates receive. The view
//! types are read from the source (`src/render/*.rs`): every serialised struct must have a
//! `### \`Name\`` section listing each of its fields, every `context.insert("key", …)` must be
//! named, and every default template must have its row.

use std::path::Path;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// (struct name, field names) of every `#[derive(… Serialize …)]` struct in `source`.
fn serialised_structs(source: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let lines: Vec<&str> = source.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line
            .trim_start()
            .strip_prefix("pub struct ")
            .or_else(|| line.trim_start().strip_prefix("struct "))
        else {
            continue;
        };
        let derives = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.trim_start().starts_with("#[") || l.trim_start().starts_with("///"));
        if !derives.clone().any(|l| l.contains("derive") && l.contains("Serialize")) {
            continue;
        }
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if !rest.trim_end().ends_with('{') {
            continue;
        }
        let mut fields = Vec::new();
        let mut skip_next = false;
        for field in &lines[i + 1..] {
            let field = field.trim();
            if field == "}" {
                break;
            }
            if field.starts_with("#[serde(skip") {
                skip_next = true;
                continue;
            }
            if field.starts_with("//") || field.starts_with("#[") || field.is_empty() {
                continue;
            }
            let field = field.strip_prefix("pub ").unwrap_or(field);
            if let Some((ident, _)) = field.split_once(':') {
                if !skip_next {
                    fields.push(ident.trim().to_string());
                }
                skip_next = false;
            }
        }
        out.push((name, fields));
    }
    out
}

/// The text of the `### \`name\`` section of the reference, up to the next heading.
fn section<'d>(doc: &'d str, name: &str) -> Option<&'d str> {
    let start = doc.find(&format!("### `{name}`\n"))?;
    let body = &doc[start + 1..];
    let end = body.find("\n#").map_or(body.len(), |i| i + 1);
    Some(&body[..end])
}

#[test]
fn every_view_field_is_documented() {
    let doc = read("src/render/TEMPLATES.md");
    let mut missing = Vec::new();
    for file in ["src/render/context.rs", "src/render/pages.rs", "src/render/map.rs"] {
        for (name, fields) in serialised_structs(&read(file)) {
            let Some(text) = section(&doc, &name) else {
                missing.push(format!("{file}: type `{name}` has no `### `{name}`` section"));
                continue;
            };
            for field in fields {
                if !text.contains(&format!("| `{field}` |")) {
                    missing.push(format!("{file}: `{name}.{field}` is not documented"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "src/render/TEMPLATES.md is missing:\n{}", missing.join("\n"));
}

#[test]
fn every_template_variable_and_template_is_documented() {
    let doc = read("src/render/TEMPLATES.md");
    let table = &doc[doc.find("## Variables by template").expect("the table")
        ..doc.find("## Types").expect("types")];
    let mut missing = Vec::new();
    for file in ["src/render/pages.rs", "src/render/map.rs"] {
        let source = read(file);
        for (at, _) in source.match_indices("context.insert(") {
            let rest = source[at..].split_once('"').map_or("", |(_, r)| r);
            let key = rest.split('"').next().unwrap_or_default();
            if !table.contains(&format!("`{key}`")) {
                missing.push(format!("{file}: variable `{key}`"));
            }
        }
    }
    let templates = read("src/render/templates.rs");
    for line in templates.lines().filter(|l| l.contains("include_str!(\"../../templates/")) {
        let name = line.split('"').nth(1).unwrap_or_default();
        if !table.contains(&format!("| `{name}` |")) {
            missing.push(format!("template `{name}` has no row"));
        }
    }
    assert!(missing.is_empty(), "src/render/TEMPLATES.md is missing:\n{}", missing.join("\n"));
}

#[test]
fn the_parser_finds_the_views_it_checks() {
    // Guards the test above against silently checking nothing.
    let structs = serialised_structs(&read("src/render/context.rs"));
    let chrome = structs.iter().find(|(name, _)| name == "Chrome").expect("Chrome is found");
    assert!(chrome.1.contains(&"extra_style".to_string()) && chrome.1.len() > 15, "{chrome:?}");
    assert!(serialised_structs(&read("src/render/pages.rs")).len() >= 10);
}
