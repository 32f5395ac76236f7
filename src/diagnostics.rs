//! Content diagnostics: every problem an author can fix, with the file, line and column it
//! comes from, rendered like rustc (text) or as JSON for CI.
//!
//! Stages push [`Diagnostic`]s into a [`Diagnostics`] collector and carry on, so one run reports
//! every broken link at once. The [`SourceMap`] owns every source text so any stage can quote a
//! line; spans are byte ranges that become line/column (in chars) only when printed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Index of a file in the [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

/// A byte range inside one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// The file the range belongs to.
    pub file: FileId,
    /// First byte.
    pub start: usize,
    /// One past the last byte (equal to `start` for a point).
    pub end: usize,
}

impl Span {
    /// A span covering `start..end` of `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span { file, start, end: end.max(start) }
    }
}

/// One source file: its display path (relative to the site root) and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to the author, relative to the site root where possible.
    pub path: PathBuf,
    /// The whole file text (BOM removed, CRLF kept).
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Records a file and indexes where its lines start.
    pub fn new(path: PathBuf, text: String) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile { path, text, line_starts }
    }

    /// 1-based line and column (in chars) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let start = self.line_starts[line];
        let column = self.text.get(start..offset).map_or(0, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// Byte offset of the start of a 1-based line (clamped to the file).
    pub fn line_start(&self, line: usize) -> usize {
        let index = line.saturating_sub(1).min(self.line_starts.len() - 1);
        self.line_starts[index]
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_start(line);
        let rest = &self.text[start..];
        let end = rest.find('\n').unwrap_or(rest.len());
        rest[..end].trim_end_matches('\r')
    }
}

/// Owns every source text of a build, addressed by [`FileId`]. Each language of a
/// multilingual site resolves with its own copy, so file ids agree across languages.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        self.push(SourceFile::new(path, text))
    }

    /// Records a file already indexed (files can be indexed in parallel, then recorded in order).
    pub fn push(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(file);
        id
    }

    /// Replaces the text of a file (the dev server's incremental rebuilds).
    pub fn replace(&mut self, id: FileId, text: String) {
        let path = std::mem::take(&mut self.files[id.0 as usize].path);
        self.files[id.0 as usize] = SourceFile::new(path, text);
    }

    /// The file behind an id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// Finds a file by its display path.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .and_then(|i| u32::try_from(i).ok())
            .map(FileId)
    }

    /// Number of files recorded.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file has been recorded.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Blocks the build.
    Error,
    /// Reported by `check`; fails only with `--deny-warnings`.
    Warning,
}

/// Declares [`Code`] from one list, so every code has its name, its kind and its place in
/// [`Code::ALL`] from a single line.
macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $kind:ident;)*) => {
        /// The stable code of every diagnostic: printed in brackets (`error[broken-link]`), in
        /// JSON, and named under `lints.allow` to silence a lint.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// Whether this is an authoring lint: a warning `attune check` adds, which
            /// `lints.allow` and `lints.allow_in` may silence.
            pub fn is_lint(self) -> bool {
                match self {
                    $(Code::$variant => codes!(@lint $kind),)*
                }
            }
        }
    };
    (@lint lint) => { true };
    (@lint other) => { false };
}

codes! {
    /// The accent colour in site.yaml is not a colour or fails contrast.
    AccentColour = "accent-colour", other;
    /// A wiki link or embed that more than one document or file answers to.
    AmbiguousLink = "ambiguous-link", other;
    /// The bibliography file or its style cannot be used (a malformed entry, an unknown style).
    Bibliography = "bibliography", other;
    /// A link to a heading that does not exist.
    BrokenAnchor = "broken-anchor", other;
    /// A link to a document that does not exist.
    BrokenLink = "broken-link", other;
    /// Client-facing pages, but no contact in site.yaml.
    ContactMissing = "contact-missing", lint;
    /// Two documents with the same slug.
    DuplicateSlug = "duplicate-slug", other;
    /// Two glossary entries claim the same term or alias.
    DuplicateTerm = "duplicate-term", other;
    /// An embedded note that embeds, directly or not, the page embedding it.
    EmbedCycle = "embed-cycle", other;
    /// An operational failure (unreadable file, broken template) the dev server shows.
    Build = "build", other;
    /// A file that is not UTF-8.
    Encoding = "encoding", other;
    /// A link leaving the site (listed for review).
    ExternalLink = "external-link", lint;
    /// An image or other resource loaded from another host.
    ExternalResource = "external-resource", other;
    /// Another tool's front matter key that attune ignores (`layout`, `cssclasses`…).
    ForeignKey = "foreign-key", lint;
    /// Front matter missing, unclosed or unreadable.
    FrontMatter = "front-matter", other;
    /// A heading level skipped (## then ####).
    HeadingSkip = "heading-skip", lint;
    /// `search.help_page` names no page of the site.
    HelpPage = "help-page", other;
    /// An image without alt text.
    ImageAlt = "image-alt", lint;
    /// Alt text over about 150 characters.
    ImageAltLong = "image-alt-long", lint;
    /// Alt text that says nothing: the file name, or "image".
    ImageAltText = "image-alt-text", lint;
    /// An image file larger than `images.budget_kb`.
    ImageSize = "image-size", lint;
    /// A `languages:` entry in site.yaml that is malformed, repeated or disagrees with `language`.
    Language = "language", other;
    /// A paragraph too long for client-facing pages.
    LongParagraph = "long-paragraph", lint;
    /// Math (`$…$`, `$$…$$`) that is not valid LaTeX.
    Math = "math", other;
    /// An image file that does not exist.
    MissingImage = "missing-image", other;
    /// A required front matter key is missing.
    MissingKey = "missing-key", other;
    /// An article nothing links to and no path includes.
    Orphan = "orphan", lint;
    /// A `print.paper` in site.yaml that is not `a4` or `letter`.
    PaperSize = "paper-size", other;
    /// A reading path step names no article.
    PathMissingArticle = "path-missing-article", other;
    /// A front matter value still holding the `TODO` text `attune new` wrote.
    Placeholder = "placeholder", lint;
    /// A knowledge check (```quiz block) that is not valid.
    Quiz = "quiz", other;
    /// Prose above its audience's grade limit.
    Readability = "readability", lint;
    /// A client-facing article without a clinical review.
    ReviewMissing = "review-missing", lint;
    /// A clinical review older than the site's policy.
    ReviewOverdue = "review-overdue", lint;
    /// A file name that makes an awkward URL.
    SlugStyle = "slug-style", lint;
    /// An ejected template or theme file whose default has changed since.
    StaleOverride = "stale-override", lint;
    /// A translation file (`name.es.md`) of no original, or in a language the site does not declare.
    Translation = "translation", other;
    /// An article a language requires (`require_translation`) with no translation in it.
    TranslationMissing = "translation-missing", lint;
    /// A translation whose original changed since it was made, or that records no version.
    TranslationStale = "translation-stale", lint;
    /// A machine translation of a client page without its own review (strict review policy).
    TranslationUnreviewed = "translation-unreviewed", lint;
    /// A site template that does not compile.
    Template = "template", other;
    /// An audience that site.yaml does not declare.
    UndeclaredAudience = "undeclared-audience", other;
    /// A section that site.yaml does not declare.
    UndeclaredSection = "undeclared-section", other;
    /// A front matter or site.yaml key attune does not know.
    UnknownKey = "unknown-key", other;
    /// An SVG with script or event handlers.
    UnsafeSvg = "unsafe-svg", other;
    /// A UI string override naming no string, a language missing strings, or a template using
    /// a string its language lacks.
    UiString = "ui-string", other;
    /// A code under `lints` that names no lint.
    UnknownLint = "unknown-lint", other;
    /// A file in `templates/` or `theme/` whose name matches no default.
    UnknownOverride = "unknown-override", lint;
    /// A citation naming no bibliography entry.
    UnknownCitation = "unknown-citation", other;
    /// A glossary link or `see_also` naming no entry.
    UnknownTerm = "unknown-term", other;
    /// A path that would leave the site's folders.
    UnsafePath = "unsafe-path", other;
    /// A bibliography entry no page cites.
    UnusedReference = "unused-reference", other;
    /// A list item indented so far that YAML reads it as part of the item above.
    YamlList = "yaml-list", lint;
    /// YAML that does not parse.
    YamlSyntax = "yaml-syntax", other;
}

impl Code {
    /// The code with this name.
    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// The lint codes, in name order.
    pub fn lints() -> impl Iterator<Item = Code> {
        Code::ALL.iter().copied().filter(|c| c.is_lint())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One finding about the content.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable code (`broken-link`), used for silencing and by CI.
    pub code: Code,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where; `None` for a problem of the whole site.
    pub span: Option<Span>,
    /// What to do about it ("did you mean `empathy`?").
    pub help: Option<String>,
    /// Only for diagnostics without a span: the file it is about.
    pub path: Option<PathBuf>,
}

impl Diagnostic {
    /// An error with a code and message.
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span: None,
            help: None,
            path: None,
        }
    }

    /// A warning with a code and message.
    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, message) }
    }

    /// Points the diagnostic at a span.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Names the file for a diagnostic that has no precise span.
    pub fn in_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Adds a help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean …?" when a near candidate exists.
    pub fn with_suggestion<'a, I>(self, wrong: &str, candidates: I) -> Self
    where
        I: IntoIterator<Item = &'a str>,
    {
        match did_you_mean(wrong, candidates) {
            Some(best) => self.with_help(format!("did you mean `{best}`?")),
            None => self,
        }
    }
}

/// A collector that stages push findings into.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records one finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records many findings.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// True when any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Moves every finding out, leaving none (to merge one language's into another's).
    pub fn take(&mut self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.items)
    }

    /// All findings, in recording order.
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Drops findings whose code the site silences, globally or for their file.
    pub fn retain(&mut self, mut keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(|d| keep(d));
    }

    /// Sorts by file, then position, then severity, and drops exact duplicates.
    pub fn sort(&mut self, sources: &SourceMap) {
        let key = |d: &Diagnostic| {
            let path = diagnostic_path(d, sources).map(Path::to_path_buf).unwrap_or_default();
            let offset = d.span.map_or(0, |s| s.start);
            (path, offset, d.severity, d.code, d.message.clone())
        };
        self.items.sort_by_cached_key(key);
        self.items.dedup_by(|a, b| {
            a.code == b.code && a.message == b.message && a.span == b.span && a.path == b.path
        });
    }

    /// Takes the findings out.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

fn diagnostic_path<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> Option<&'a Path> {
    match d.span {
        Some(span) => Some(sources.get(span.file).path.as_path()),
        None => d.path.as_deref(),
    }
}

/// A diagnostic resolved to file, line and column: what JSON output and the overlay show.
#[derive(Debug, Clone, Serialize)]
pub struct Located {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Stable code.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// File path relative to the site root, if any.
    pub file: Option<String>,
    /// 1-based line, if any.
    pub line: Option<usize>,
    /// 1-based column in chars, if any.
    pub column: Option<usize>,
    /// The suggestion, if any.
    pub help: Option<String>,
    /// The whole diagnostic as rustc-style text (no colours).
    #[serde(skip)]
    pub rendered: String,
}

/// Resolves a diagnostic's span to a path, line and column.
pub fn locate(d: &Diagnostic, sources: &SourceMap) -> Located {
    let (file, line, column) = match d.span {
        Some(span) => {
            let source = sources.get(span.file);
            let (line, column) = source.line_col(span.start);
            (Some(display_path(&source.path)), Some(line), Some(column))
        }
        None => (d.path.as_deref().map(display_path), None, None),
    };
    Located {
        severity: d.severity,
        code: d.code,
        message: d.message.clone(),
        file,
        line,
        column,
        help: d.help.clone(),
        rendered: render_text(d, sources, false),
    }
}

fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Renders one diagnostic like rustc: header, `--> file:line:col`, the line, a caret, help.
pub fn render_text(d: &Diagnostic, sources: &SourceMap, colour: bool) -> String {
    let (red, yellow, blue, bold, reset) = if colour {
        ("\x1b[1;31m", "\x1b[1;33m", "\x1b[1;34m", "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let (label, tint) = match d.severity {
        Severity::Error => ("error", red),
        Severity::Warning => ("warning", yellow),
    };
    let mut out = String::new();
    let _ = writeln!(out, "{tint}{label}[{}]{reset}{bold}: {}{reset}", d.code, d.message);
    // The gutter holds the line number; `|` and `=` line up after it, as in rustc.
    let mut pad = " ".to_string();
    match d.span {
        Some(span) => {
            let source = sources.get(span.file);
            let (line, column) = source.line_col(span.start);
            let text = source.line_text(line);
            pad = " ".repeat(line.to_string().len());
            let _ = writeln!(
                out,
                "{pad}{blue}-->{reset} {}:{line}:{column}",
                display_path(&source.path)
            );
            let _ = writeln!(out, "{pad} {blue}|{reset}");
            let line_end = source.line_start(line) + text.len();
            let end = span.end.min(line_end).max(span.start);
            let width = source.text.get(span.start..end).map_or(1, |s| s.chars().count()).max(1);
            let (shown, caret_at, width) = excerpt(text, column - 1, width);
            let _ = writeln!(out, "{blue}{line} |{reset} {}", shown.replace('\t', " "));
            let _ = writeln!(
                out,
                "{pad} {blue}|{reset} {}{tint}{}{reset}",
                " ".repeat(caret_at),
                "^".repeat(width)
            );
        }
        None => {
            if let Some(path) = &d.path {
                let _ = writeln!(out, " {blue}-->{reset} {}", display_path(path));
            }
        }
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "{pad} {blue}={reset} {bold}help{reset}: {help}");
    }
    out
}

/// Source lines longer than this many chars are cut to a window around the span.
const MAX_SHOWN_CHARS: usize = 120;

/// The part of a source line to print, where the caret starts in it and how wide it is (all in
/// chars). A long line (minified HTML, a megabyte of YAML) is cut around the span with `...`,
/// so one diagnostic never prints the whole line twice.
fn excerpt(text: &str, column: usize, width: usize) -> (String, usize, usize) {
    let chars = text.chars().count();
    if chars <= MAX_SHOWN_CHARS {
        return (text.to_string(), column, width);
    }
    let start = column.saturating_sub(MAX_SHOWN_CHARS / 4);
    let end = (start + MAX_SHOWN_CHARS).min(chars);
    let mut shown: String = text.chars().skip(start).take(end - start).collect();
    let mut caret_at = column - start;
    if start > 0 {
        shown.insert_str(0, "...");
        caret_at += 3;
    }
    if end < chars {
        shown.push_str("...");
    }
    (shown, caret_at, width.min(end.saturating_sub(column)).max(1))
}

/// The closing line of a report: `2 errors, 5 warnings in 34 files`.
pub fn summary_line(errors: usize, warnings: usize, files: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") }
    };
    format!(
        "{}, {} in {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(files, "file")
    )
}

/// The candidate nearest to `wrong` by edit distance, if it is near enough to be a typo.
pub fn did_you_mean<'a, I>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let wrong_lower = wrong.to_lowercase();
    let limit = (wrong.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| {
            let c_lower = c.to_lowercase();
            let mut distance = edit_distance(&wrong_lower, &c_lower);
            // A prefix or containment is a strong hint even when far by edits ("emp" -> "empathy").
            // The contained part must be a real fragment: every word contains `a`.
            let contained = (c_lower.contains(&wrong_lower) && wrong_lower.chars().count() >= 3)
                || (wrong_lower.contains(&c_lower) && c_lower.chars().count() >= 3);
            if distance > limit && contained {
                distance = limit;
            }
            (distance, c)
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// Levenshtein distance in chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current[j + 1] = (previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (SourceMap, FileId) {
        let mut map = SourceMap::default();
        let id = map
            .add(PathBuf::from("content/a.md"), "---\ntitle: x\n---\nSee [[empaty]] now.\n".into());
        (map, id)
    }

    #[test]
    fn line_col_counts_lines_and_chars() {
        let (map, id) = sample();
        let file = map.get(id);
        let offset = file.text.find("[[").unwrap();
        assert_eq!(file.line_col(offset), (4, 5));
        assert_eq!(file.line_col(0), (1, 1));
    }

    #[test]
    fn renders_rustc_style_with_caret_under_span() {
        let (map, id) = sample();
        let start = map.get(id).text.find("[[").unwrap();
        let d = Diagnostic::error(Code::BrokenLink, "no article `empaty`")
            .at(Span::new(id, start, start + 10))
            .with_suggestion("empaty", ["empathy", "trust"]);
        let text = render_text(&d, &map, false);
        assert!(text.contains("error[broken-link]: no article `empaty`"), "{text}");
        assert!(text.contains("--> content/a.md:4:5"), "{text}");
        assert!(text.contains("4 | See [[empaty]] now."), "{text}");
        assert!(text.contains("  |     ^^^^^^^^^^\n"), "{text}");
        assert!(text.contains("help: did you mean `empathy`?"), "{text}");
    }

    #[test]
    fn suggests_nothing_for_unrelated_words() {
        assert_eq!(did_you_mean("zebra", ["empathy", "trust"]), None);
        assert_eq!(did_you_mean("sumary", ["title", "summary"]), Some("summary"));
    }

    #[test]
    fn containment_hint_needs_a_real_fragment() {
        assert_eq!(did_you_mean("emp", ["empathy", "trust"]), Some("empathy"));
        assert_eq!(did_you_mean("/etc/passwd", ["a", "empathy"]), None);
    }

    #[test]
    fn help_lines_up_with_the_gutter_of_long_line_numbers() {
        let mut map = SourceMap::default();
        let id = map.add(PathBuf::from("content/a.md"), format!("{}x\n", "\n".repeat(11)));
        let d = Diagnostic::error(Code::BrokenLink, "m").at(Span::new(id, 11, 12)).with_help("h");
        let text = render_text(&d, &map, false);
        assert!(text.contains("\n   |\n12 | x\n   | ^\n   = help: h\n"), "{text}");
    }

    #[test]
    fn long_lines_are_cut_around_the_span() {
        let mut map = SourceMap::default();
        let line = format!("{}BAD{}", "a".repeat(5000), "b".repeat(5000));
        let id = map.add(PathBuf::from("content/a.md"), line);
        let d = Diagnostic::error(Code::BrokenLink, "m").at(Span::new(id, 5000, 5003));
        let text = render_text(&d, &map, false);
        assert!(text.len() < 400, "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let caret = lines[4].find('^').unwrap();
        assert_eq!(&lines[3][caret..caret + 3], "BAD", "{text}");
        assert!(lines[3].starts_with("1 | ...") && lines[3].ends_with("..."), "{text}");
    }

    #[test]
    fn codes_have_unique_kebab_case_names_that_parse_back() {
        let names: std::collections::BTreeSet<&str> =
            Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        for code in Code::ALL {
            assert!(code.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{code}");
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
        assert!(Code::Readability.is_lint() && !Code::BrokenLink.is_lint());
        assert!(!Code::UnknownLint.is_lint(), "it is about the configuration, not the content");
    }

    #[test]
    fn summary_line_pluralises() {
        assert_eq!(summary_line(1, 0, 3), "1 error, 0 warnings in 3 files");
    }
}
