//! Code highlighting with syntect into CSS classes, never inline styles.
//!
//! syntect parses each line into TextMate scopes; rather than one class per scope atom (which
//! makes a 12-line block weigh 5 KB), each run of text gets one short class for its token kind
//! (`hl-k` keyword, `hl-s` string, `hl-c` comment…), adjacent runs of one kind merged. The light
//! and dark palettes are generated from syntect themes for those kinds, each colour nudged until
//! it meets WCAG AA contrast on the theme's code background.

use std::fmt::Write as _;
use std::sync::LazyLock;

use syntect::highlighting::{Color, Highlighter, Theme, ThemeSet};
use syntect::parsing::{ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::hasher::FxHashMap;
use crate::html::{escape_attr, escape_text};
use crate::palette::{Scheme, code_background, contrast_ratio};

/// Loaded once: parsing the bundled syntax definitions is the expensive part.
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Token kinds: (class suffix, scope selector). The first selector that is a prefix of a
/// scope on the stack, innermost scope first, names the run's kind.
const KINDS: &[(&str, &str)] = &[
    ("c", "comment"),
    ("s", "string"),
    ("e", "constant.character.escape"),
    ("n", "constant.numeric"),
    ("o", "constant"),
    ("k", "keyword"),
    ("t", "storage"),
    ("f", "entity.name.function"),
    ("y", "entity.name"),
    ("a", "entity.other.attribute-name"),
    ("g", "entity.name.tag"),
    ("u", "support"),
    ("v", "variable"),
    ("h", "markup.heading"),
    ("b", "markup.bold"),
    ("i", "markup.italic"),
    ("r", "invalid"),
];

static KIND_SCOPES: LazyLock<Vec<(usize, Scope)>> = LazyLock::new(|| {
    let mut scopes: Vec<(usize, Scope)> = KINDS
        .iter()
        .enumerate()
        .filter_map(|(i, (_, s))| Scope::new(s).ok().map(|scope| (i, scope)))
        .collect();
    // More specific selectors first, so `entity.name.function` wins over `entity.name`.
    scopes.sort_by_key(|(_, scope)| std::cmp::Reverse(scope.len()));
    scopes
});

/// The token kind of the innermost scope that has one.
fn kind_of(stack: &ScopeStack) -> Option<usize> {
    SCOPE_KINDS.with_borrow_mut(|kinds| {
        stack.as_slice().iter().rev().find_map(|scope| {
            *kinds.entry(*scope).or_insert_with(|| {
                KIND_SCOPES
                    .iter()
                    .find(|(_, selector)| selector.is_prefix_of(*scope))
                    .map(|(kind, _)| *kind)
            })
        })
    })
}

thread_local! {
    /// Each scope's token kind, worked out once per thread (a site uses a few hundred scopes).
    static SCOPE_KINDS: std::cell::RefCell<FxHashMap<Scope, Option<usize>>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// A fenced block as `<pre><code>`, highlighted when the language is known.
pub fn highlight_block(code: &str, lang: &str) -> String {
    let lang = lang.trim();
    let syntax = (!lang.is_empty()).then(|| SYNTAXES.find_syntax_by_token(lang)).flatten();
    let body = match syntax.and_then(|syntax| highlight_lines(code, ParseState::new(syntax))) {
        Some(html) => html,
        None => escape_text(code),
    };
    if lang.is_empty() {
        format!("<pre class=\"code\" tabindex=\"0\"><code>{body}</code></pre>\n")
    } else {
        let lang = escape_attr(lang);
        format!(
            "<pre class=\"code\" tabindex=\"0\" data-lang=\"{lang}\"><code class=\"language-{lang}\">{body}</code></pre>\n"
        )
    }
}

/// Parses every line and writes runs of text wrapped in their kind's class.
fn highlight_lines(code: &str, mut state: ParseState) -> Option<String> {
    let mut out = String::with_capacity(code.len() * 2);
    let mut stack = ScopeStack::new();
    let mut open: Option<usize> = None;
    for line in LinesWithEndings::from(code) {
        let ops = LINES.with_borrow_mut(|memo| memo.parse(&mut state, line))?;
        let mut position = 0;
        for (at, op) in ops.iter() {
            emit(&mut out, &mut open, kind_of(&stack), &line[position..*at]);
            position = *at;
            stack.apply(op).ok()?;
        }
        emit(&mut out, &mut open, kind_of(&stack), &line[position..]);
    }
    if open.is_some() {
        out.push_str("</span>");
    }
    Some(out)
}

type LineOps = std::rc::Rc<[(usize, ScopeStackOp)]>;

thread_local! {
    /// Each rendering thread's memo of parsed lines (see [`LineMemo`]).
    static LINES: std::cell::RefCell<LineMemo> = std::cell::RefCell::new(LineMemo::default());
}

/// Parsed lines, keyed by the line and the parser's state before it.
///
/// syntect's parser is a pure function of (state, line) -> (scope operations, next state),
/// so a line seen before in the same state (a closing brace, a blank line, `return total`)
/// is not parsed again. Regex matching is most of a build's highlighting time, and code
/// blocks on a site repeat many lines. The memo lives for the thread (the dev server's
/// rebuilds reuse it) and is emptied when it grows past [`LineMemo::CAPACITY`] lines.
#[derive(Default)]
struct LineMemo {
    entries: FxHashMap<Box<str>, Vec<MemoEntry>>,
    len: usize,
}

struct MemoEntry {
    before: ParseState,
    ops: LineOps,
    after: ParseState,
}

impl LineMemo {
    const CAPACITY: usize = 50_000;

    /// The scope operations of `line` parsed from `state`, which is advanced past it.
    fn parse(&mut self, state: &mut ParseState, line: &str) -> Option<LineOps> {
        if let Some(hit) = self
            .entries
            .get(line)
            .and_then(|bucket| bucket.iter().find(|entry| entry.before == *state))
        {
            state.clone_from(&hit.after);
            return Some(hit.ops.clone());
        }
        let before = state.clone();
        let ops: LineOps = state.parse_line(line, &SYNTAXES).ok()?.into();
        if self.len >= Self::CAPACITY {
            self.entries.clear();
            self.len = 0;
        }
        self.len += 1;
        self.entries.entry(line.into()).or_default().push(MemoEntry {
            before,
            ops: ops.clone(),
            after: state.clone(),
        });
        Some(ops)
    }
}

/// Appends `text`, opening or closing a span when its kind differs from the open one.
fn emit(out: &mut String, open: &mut Option<usize>, kind: Option<usize>, text: &str) {
    if text.is_empty() {
        return;
    }
    // Whitespace takes whatever kind is open, so runs merge across spaces.
    let kind = if text.trim().is_empty() { *open } else { kind };
    if kind != *open {
        if open.is_some() {
            out.push_str("</span>");
        }
        if let Some(kind) = kind {
            let _ = write!(out, "<span class=\"hl-{}\">", KINDS[kind].0);
        }
        *open = kind;
    }
    crate::html::push_escaped(out, text, crate::html::text_entity);
}

/// The stylesheet for highlighted code: light palette by default, dark under
/// `prefers-color-scheme: dark` and under an explicit `data-theme="dark"` toggle.
pub fn theme_css() -> String {
    THEME_CSS.clone()
}

/// Generated once per process: the dev server writes it on every rebuild.
static THEME_CSS: LazyLock<String> = LazyLock::new(generate_theme_css);

fn generate_theme_css() -> String {
    let themes = ThemeSet::load_defaults();
    let mut css = String::from(
        "/* Generated by attune from syntect themes; colours adjusted to WCAG AA. */\n",
    );
    if let Some(light) = themes.themes.get("InspiredGitHub") {
        css.push_str(&palette(light, code_background(Scheme::Light), ""));
    }
    if let Some(dark) = themes.themes.get("base16-ocean.dark") {
        css.push_str(&palette(dark, code_background(Scheme::Dark), ":root[data-theme=\"dark\"] "));
        css.push_str("@media (prefers-color-scheme: dark) {\n");
        css.push_str(&palette(
            dark,
            code_background(Scheme::Dark),
            ":root:not([data-theme=\"light\"]) ",
        ));
        css.push_str("}\n");
    }
    css
}

/// One rule per token kind: the theme's colour for the kind's scope, made readable.
fn palette(theme: &Theme, background: [u8; 3], scope_prefix: &str) -> String {
    let highlighter = Highlighter::new(theme);
    let mut css = String::new();
    for (class, selector) in KINDS {
        let Ok(scope) = Scope::new(selector) else { continue };
        let style = highlighter.style_for_stack(&[scope]);
        let Color { r, g, b, .. } = style.foreground;
        let colour = readable([r, g, b], background);
        let mut declarations =
            format!("color: #{:02x}{:02x}{:02x};", colour[0], colour[1], colour[2]);
        if style.font_style.contains(syntect::highlighting::FontStyle::ITALIC) {
            declarations.push_str(" font-style: italic;");
        }
        if style.font_style.contains(syntect::highlighting::FontStyle::BOLD) {
            declarations.push_str(" font-weight: 600;");
        }
        let _ = writeln!(css, "{scope_prefix}.hl-{class} {{ {declarations} }}");
    }
    css
}

/// Moves a colour toward black or white until it reaches 4.6:1 on `background`.
fn readable(mut rgb: [u8; 3], background: [u8; 3]) -> [u8; 3] {
    let target =
        if contrast_ratio(background, [0, 0, 0]) > contrast_ratio(background, [255, 255, 255]) {
            0.0
        } else {
            255.0
        };
    for _ in 0..40 {
        if contrast_ratio(rgb, background) >= 4.6 {
            break;
        }
        rgb = rgb.map(|c| (f64::from(c) + (target - f64::from(c)) * 0.1).round() as u8);
    }
    rgb
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::palette::parse_hex_colour;

    #[test]
    fn highlights_known_language_with_short_classes_only() {
        let html = highlight_block("fn main() { let x = \"hi\"; } // done\n", "rust");
        // Spaces join the run before them, so `fn ` is one run.
        assert!(
            html.contains("<span class=\"hl-t\">fn </span><span class=\"hl-f\">main</span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-s\">\"hi\"</span>"), "{html}");
        assert!(html.contains("<span class=\"hl-c\">// done"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("data-lang=\"rust\""));
    }

    #[test]
    fn keeps_every_character_of_the_code() {
        let code = "def f(x):\n    return x < 2 and \"a&b\"\n";
        let html = highlight_block(code, "python");
        let inner = &html[html.find("<code").unwrap()..html.rfind("</code>").unwrap()];
        let html = inner.split_once('>').unwrap().1;
        let text: String = {
            let mut out = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => out.push(c),
                    _ => {}
                }
            }
            out.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        };
        assert_eq!(text, code);
    }

    #[test]
    fn a_remembered_line_is_highlighted_by_the_state_it_is_in() {
        // The same line is code in the first block and string inside the second's docstring:
        // the memo must key on the parser state as well as the text.
        let plain = highlight_block("x = 1\n", "python");
        let in_string = highlight_block("s = \"\"\"\nx = 1\n\"\"\"\n", "python");
        assert!(plain.contains("<span class=\"hl-n\">1"), "{plain}");
        assert!(in_string.contains("<span class=\"hl-s\">\"\"\"\nx = 1\n"), "{in_string}");
        // And a block seen before renders exactly as it did the first time.
        assert_eq!(highlight_block("x = 1\n", "python"), plain);
        let fresh = LINES.with_borrow_mut(std::mem::take);
        assert!(fresh.len > 0);
        assert_eq!(highlight_block("s = \"\"\"\nx = 1\n\"\"\"\n", "python"), in_string);
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = highlight_block("<b>x</b>\n", "nosuchlang");
        assert!(html.contains("&lt;b&gt;x&lt;/b&gt;"), "{html}");
    }

    #[test]
    fn every_generated_colour_meets_aa() {
        let css = theme_css();
        let mut checked = 0;
        for line in css.lines() {
            let background = if line.contains("data-theme") {
                code_background(Scheme::Dark)
            } else {
                code_background(Scheme::Light)
            };
            if let Some(rest) = line.split("color: ").nth(1) {
                let rgb = parse_hex_colour(&rest[..7]).unwrap();
                assert!(contrast_ratio(rgb, background) >= 4.5, "{line}");
                checked += 1;
            }
        }
        assert_eq!(checked, KINDS.len() * 3, "{css}");
    }
}
