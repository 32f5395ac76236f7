//! Smaller default theme files (issue 26): the stylesheet and scripts attune ships are written
//! without comments and indentation, so every page's HTML+CSS+JS stays inside its 60 KB budget.
//! Only the embedded defaults are minified; a site's own `theme/` files are copied as they are.
//!
//! Both passes are deliberately simple and refuse what they cannot handle safely: the CSS pass
//! keeps strings verbatim and only drops whitespace where CSS ignores it; the script pass keeps
//! every line break (so automatic semicolon insertion sees the same lines) and gives up on a
//! script with template literals or line continuations.

/// `text` without comments and with whitespace collapsed, outside strings; spaces beside
/// `{ } ; , >`, after `:` and a `;` before `}` are dropped. Spaces elsewhere (`calc(a + b)`,
/// `.a :hover`, `and (`) are kept as one space.
pub(crate) fn css(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
                copy_string(&mut chars, &mut out, c);
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for next in chars.by_ref() {
                    if last == '*' && next == '/' {
                        break;
                    }
                    last = next;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '}' if out.ends_with(';') => {
                out.pop();
                space = false;
                out.push(c);
            }
            c => {
                flush_space(&mut out, &mut space, c);
                out.push(c);
            }
        }
    }
    out.push('\n');
    out
}

/// Writes the pending space before `next`, unless CSS ignores it there.
fn flush_space(out: &mut String, space: &mut bool, next: char) {
    let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
    let after = |c: char| tight(c) || c == ':';
    if *space && !out.is_empty() && !out.ends_with(after) && !tight(next) {
        out.push(' ');
    }
    *space = false;
}

/// Copies a CSS string's body (after its opening `quote`) with its escapes.
fn copy_string(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    out: &mut String,
    quote: char,
) {
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\\' {
            if let Some(escaped) = chars.next() {
                out.push(escaped);
            }
        } else if c == quote {
            break;
        }
    }
}

/// `text` without indentation, blank lines and whole-line comments (`// …` and `/* … */`
/// starting a line); every other line is kept whole, in order. `None` when the script has a
/// template literal or a line continuation (whose insides would change) or a block comment
/// that code follows on its closing line.
pub(crate) fn script(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut in_comment = false;
    for line in text.lines() {
        let line = line.trim();
        if in_comment || line.starts_with("/*") {
            let from = if in_comment { 0 } else { 2 };
            match line[from..].find("*/") {
                Some(end) if from + end + 2 != line.len() => return None,
                Some(_) => in_comment = false,
                None => in_comment = true,
            }
            continue;
        }
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        if line.contains('`') || line.ends_with('\\') {
            return None;
        }
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_drops_comments_and_spaces_but_keeps_strings_and_meaningful_spaces() {
        let text = "/* head */\n:root {\n  --a: 1px;  /* why */\n}\n.a :hover, b > c { content: \" \\2713  x\"; width: calc(100% + 4px); }\n@media screen and (min-width: 40rem) {\n  a { color: red; }\n}\n";
        assert_eq!(
            css(text),
            ":root{--a:1px}.a :hover,b>c{content:\" \\2713  x\";width:calc(100% + 4px)}@media screen and (min-width:40rem){a{color:red}}\n"
        );
    }

    #[test]
    fn script_keeps_lines_and_drops_indentation_and_comment_lines() {
        let text = "/* a\n   b */\n(function () {\n  // note\n  var s = \"a  b\"; // tail\n\n  return s\n})();\n";
        assert_eq!(
            script(text).as_deref(),
            Some("(function () {\nvar s = \"a  b\"; // tail\nreturn s\n})();\n")
        );
    }

    #[test]
    fn script_refuses_template_literals_continuations_and_code_after_a_comment() {
        assert_eq!(script("var a = `x\n  y`;\n"), None);
        assert_eq!(script("var a = \"x\\\n  y\";\n"), None);
        assert_eq!(script("/* a */ var b = 1;\n"), None);
    }
}
