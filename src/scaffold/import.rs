//! `attune import obsidian VAULT DIR` (issue 27): a one-time conversion of an Obsidian vault
//! into a new attune site. Notes become articles in sections named after their folders, with
//! slugs from their file names, titles from their first heading (or file name) and summaries
//! from their first paragraph, marked for review (`attune check` warns until the mark is
//! deleted). Attachments go under `static/`; wiki links and embeds stay as written, in the
//! forms attune now reads. What cannot be converted (plugins' syntax such as Dataview queries,
//! links to notes outside the vault) is listed with its file and line.
//!
//! The vault is only ever read.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::write_new;
use crate::check::placeholders::IMPORTED_SUMMARY;
use crate::content::front_matter::{parse_foreign_yaml, split_front_matter};
use crate::content::slash_path;
use crate::diagnostics::FileId;
use crate::error::{Error, Result};
use crate::links::name_key;
use crate::url::slugify;

/// What an import did and what it could not convert.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Notes written as articles.
    pub notes: usize,
    /// Attachments copied under `static/`.
    pub attachments: usize,
    /// What was left out or changed, in vault order.
    pub problems: Vec<ImportProblem>,
}

/// One thing the import could not carry over as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// The note's path inside the vault.
    pub file: String,
    /// 1-based line in the note.
    pub line: usize,
    /// What happened and what to do.
    pub message: String,
}

/// An Obsidian note's properties, as far as attune has a use for them.
#[derive(Debug, Default, Deserialize)]
struct Properties {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    aliases: Option<OneOrMany>,
    #[serde(default)]
    tags: Option<OneOrMany>,
    #[serde(flatten)]
    other: BTreeMap<String, IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn as_slice(&self) -> &[String] {
        match self {
            OneOrMany::One(one) => std::slice::from_ref(one),
            OneOrMany::Many(many) => many,
        }
    }
}

/// A note read from the vault, before conversion.
struct Note {
    /// Path inside the vault, `/`-separated.
    source: String,
    text: String,
    /// Byte offset and line number where the body starts.
    body: (usize, usize),
    props: Properties,
    title: String,
    /// `content/`-relative output path.
    output: String,
}

/// File extensions embedded as images; other attachments become links.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp"];

/// Code block languages that are plugins' queries, not code: left out and reported.
const QUERY_BLOCKS: &[&str] = &["dataview", "dataviewjs", "query", "tasks"];

/// Imports `vault` into a new site in `dir` (which must not have a `content/` folder yet).
pub fn import_obsidian(vault: &Path, dir: &Path) -> Result<ImportReport> {
    if !vault.is_dir() {
        return Err(Error::Usage(format!("`{}` is not a folder", vault.display())));
    }
    if dir.join("content").exists() {
        return Err(Error::Usage(format!(
            "`{}` already has a `content/` folder; choose a new folder",
            dir.display()
        )));
    }
    let (markdown, attachments) = walk_vault(vault)?;
    let mut report = ImportReport::default();
    let notes = read_notes(vault, &markdown, &mut report)?;
    let names: HashSet<String> = notes
        .iter()
        .flat_map(|n| {
            let stem = n.source.rsplit('/').next().unwrap_or(&n.source).trim_end_matches(".md");
            let aliases = n.props.aliases.iter().flat_map(OneOrMany::as_slice);
            [stem, n.title.as_str()].into_iter().chain(aliases.map(String::as_str)).map(name_key)
        })
        .collect();
    let files = AttachmentIndex::new(&attachments);
    let content = dir.join("content");
    for note in notes {
        let converted = convert_note(&note, &Context { names: &names, files: &files }, &mut report);
        write_new(&content.join(&note.output), converted.as_bytes())?;
        report.notes += 1;
    }
    for source in &attachments {
        let bytes =
            std::fs::read(vault.join(source)).map_err(|e| Error::io("reading", source, e))?;
        write_new(&content.join("static").join(source), &bytes)?;
        report.attachments += 1;
    }
    write_site_files(vault, &content)?;
    Ok(report)
}

/// The vault's notes and attachments, `/`-separated and sorted, skipping hidden folders
/// (`.obsidian/`, `.trash/`, `.git/`).
fn walk_vault(vault: &Path) -> Result<(Vec<String>, Vec<String>)> {
    let (mut markdown, mut attachments) = (Vec::new(), Vec::new());
    let walker = walkdir::WalkDir::new(vault)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| Error::io("walking", vault, e.into()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = slash_path(entry.path().strip_prefix(vault).unwrap_or(entry.path()));
        if relative.to_lowercase().ends_with(".md") {
            markdown.push(relative);
        } else {
            attachments.push(relative);
        }
    }
    Ok((markdown, attachments))
}

/// Reads every note, its properties and title, and gives it a unique output path.
fn read_notes(vault: &Path, markdown: &[String], report: &mut ImportReport) -> Result<Vec<Note>> {
    let mut notes = Vec::new();
    let mut slugs: HashSet<String> = HashSet::new();
    for source in markdown {
        let path = vault.join(source);
        let bytes = std::fs::read(&path).map_err(|e| Error::io("reading", &path, e))?;
        let text = String::from_utf8_lossy(&bytes).trim_start_matches('\u{feff}').to_string();
        let (props, body) = match split_front_matter(&text, FileId(0)) {
            Ok(Some(split)) => {
                let yaml = &text[split.yaml.0..split.yaml.1];
                let props = parse_foreign_yaml::<Properties>(yaml).unwrap_or_else(|| {
                    report.problem(
                        source,
                        1,
                        "the properties are not valid YAML and were left out",
                    );
                    Properties::default()
                });
                (props, (split.body_offset, text[..split.body_offset].lines().count()))
            }
            _ => (Properties::default(), (0, 0)),
        };
        let stem = source.rsplit('/').next().unwrap_or(source);
        let stem = &stem[..stem.len() - 3];
        let heading = first_heading(&text[body.0..]).map(|(_, title)| title);
        let title = props.title.clone().or(heading).unwrap_or_else(|| stem.to_string());
        let section = match source.rsplit_once('/') {
            Some((folder, _)) => folder.split('/').map(slugify).collect::<Vec<_>>().join("/"),
            None => "notes".to_string(),
        };
        let mut slug = slugify(stem);
        let mut n = 1;
        while !slugs.insert(slug.clone()) {
            n += 1;
            slug = format!("{}-{n}", slugify(stem));
        }
        if n > 1 {
            report.problem(source, 1, &format!("another note has the same file name; this one's slug is `{slug}`: link it as [[{slug}]]"));
        }
        let output = format!("articles/{section}/{slug}.md");
        notes.push(Note { source: source.clone(), text, body, props, title, output });
    }
    Ok(notes)
}

/// The first `# Heading` of a body: its byte range (line included) and text.
fn first_heading(body: &str) -> Option<((usize, usize), String)> {
    let mut offset = 0;
    let mut fenced = false;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_end();
        fenced ^= trimmed.starts_with("```") || trimmed.starts_with("~~~");
        if !fenced && let Some(text) = trimmed.strip_prefix("# ") {
            return Some(((offset, offset + line.len()), text.trim().to_string()));
        }
        offset += line.len();
    }
    None
}

impl ImportReport {
    fn problem(&mut self, file: &str, line: usize, message: &str) {
        self.problems.push(ImportProblem {
            file: file.to_string(),
            line,
            message: message.to_string(),
        });
    }
}

/// Attachments by lower-case file name, to embed or link them.
struct AttachmentIndex(HashMap<String, Vec<String>>);

impl AttachmentIndex {
    fn new(attachments: &[String]) -> Self {
        let mut index: HashMap<String, Vec<String>> = HashMap::new();
        for path in attachments {
            let name = path.rsplit('/').next().unwrap_or(path).to_lowercase();
            index.entry(name).or_default().push(path.clone());
        }
        AttachmentIndex(index)
    }

    /// The `static/`-relative path of the attachment a link names, if exactly one matches.
    fn find(&self, target: &str) -> Option<&str> {
        let name = target.rsplit('/').next().unwrap_or(target).to_lowercase();
        let found = self.0.get(&name)?;
        match found.as_slice() {
            [one] => Some(one),
            many => many.iter().find(|p| p.eq_ignore_ascii_case(target)).map(String::as_str),
        }
    }
}

/// What converting a note's body needs to know about the whole vault.
struct Context<'a> {
    /// Normalised file names, titles and aliases of every note.
    names: &'a HashSet<String>,
    files: &'a AttachmentIndex,
}

/// A note as an attune article: new front matter, then the body with its links converted.
fn convert_note(note: &Note, cx: &Context<'_>, report: &mut ImportReport) -> String {
    let mut body = note.text[note.body.0..].to_string();
    if note.props.title.is_none()
        && let Some(((start, end), _)) = first_heading(&body)
    {
        // Kept as an empty line, so the report's line numbers stay the note's.
        body.replace_range(start..end, "\n");
    }
    report_dropped_properties(note, report);
    let body = convert_body(&body, &note.source, note.body.1, cx, report);
    let summary = note.props.summary.clone().or(note.props.description.clone());
    let (summary, imported) = match summary {
        Some(written) => (written, false),
        None => {
            (first_paragraph(&body).unwrap_or_else(|| format!("Notes on {}.", note.title)), true)
        }
    };
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string());
    let list = |items: Vec<String>| items.iter().map(|s| quote(s)).collect::<Vec<_>>().join(", ");
    let mut out = format!("---\ntitle: {}\nsummary: {}", quote(&note.title), quote(&summary));
    if imported {
        out.push_str(&format!(" {IMPORTED_SUMMARY}"));
    }
    out.push('\n');
    let aliases = note.props.aliases.as_ref().map_or(&[][..], OneOrMany::as_slice);
    if !aliases.is_empty() {
        out.push_str(&format!("aliases: [{}]\n", list(aliases.to_vec())));
    }
    let tags: Vec<String> = match &note.props.tags {
        Some(OneOrMany::One(one)) => one.split([',', ' ']).map(str::to_string).collect(),
        Some(OneOrMany::Many(many)) => many.clone(),
        None => Vec::new(),
    };
    let tags: Vec<String> = tags
        .iter()
        .map(|t| t.trim().trim_start_matches('#').to_string())
        .filter(|t| !t.is_empty())
        .collect();
    if !tags.is_empty() {
        out.push_str(&format!("tags: [{}]\n", list(tags)));
    }
    out.push_str("---\n\n");
    out.push_str(body.trim_start_matches('\n'));
    out
}

/// Properties attune has no use for are left out; each is reported at its line.
fn report_dropped_properties(note: &Note, report: &mut ImportReport) {
    for key in note.props.other.keys() {
        let line = note.text[..note.body.0]
            .lines()
            .position(|l| {
                l.starts_with(key.as_str()) && l[key.len()..].trim_start().starts_with(':')
            })
            .map_or(1, |i| i + 1);
        report.problem(
            &note.source,
            line,
            &format!("the property `{key}` has no attune meaning and was left out"),
        );
    }
}

/// The first paragraph of prose, as plain text of at most about two sentences.
fn first_paragraph(body: &str) -> Option<String> {
    let mut lines = Vec::new();
    let mut fenced = false;
    for line in body.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            continue;
        }
        let is_prose = !fenced
            && !trimmed.is_empty()
            && !trimmed.starts_with(['#', '>', '|', '-', '*', '!', '<', '%', '+'])
            && !trimmed.chars().next().is_some_and(|c| c.is_ascii_digit());
        match (is_prose, lines.is_empty()) {
            (true, _) => lines.push(trimmed.to_string()),
            (false, false) => break,
            (false, true) => {}
        }
    }
    let text = plain_text(&lines.join(" "));
    let mut summary = String::new();
    for sentence in text.split_inclusive(['.', '!', '?']) {
        if !summary.is_empty() && summary.len() + sentence.len() > 200 {
            break;
        }
        summary.push_str(sentence);
    }
    let summary = summary.trim().to_string();
    (!summary.is_empty()).then_some(summary)
}

/// Markdown and wiki-link syntax taken out of a line of prose.
fn plain_text(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("[[") {
        let Some(len) = rest[start + 2..].find("]]") else { break };
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..start + 2 + len];
        let shown = inner.split_once('|').map_or(inner, |(_, label)| label);
        out.push_str(shown.split('#').next().unwrap_or(shown));
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").replace("==", "").replace(['`', '*'], "")
}

/// Converts a body line by line: plugins' query blocks and `%% comments %%` left out, wiki
/// links and embeds checked against the vault, block ids dropped. `first_line` is the body's
/// line number in the note, for the report.
fn convert_body(
    body: &str,
    source: &str,
    first_line: usize,
    cx: &Context<'_>,
    report: &mut ImportReport,
) -> String {
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<(String, bool)> = None;
    let mut in_comment = false;
    for (i, line) in body.lines().enumerate() {
        let n = first_line + i + 1;
        let trimmed = line.trim_start();
        if let Some((marker, skipping)) = &fence {
            let closes = trimmed.starts_with(marker.as_str());
            if !skipping {
                out.push_str(line);
                out.push('\n');
            }
            if closes {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            let marker: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
            let lang = trimmed[marker.len()..].trim().to_lowercase();
            let skipping = QUERY_BLOCKS.contains(&lang.as_str());
            if skipping {
                report.problem(source, n, &format!("a `{lang}` block (a plugin's query, which only Obsidian can run) was left out: write its result as a list of links"));
            } else {
                out.push_str(line);
                out.push('\n');
            }
            fence = Some((marker, skipping));
            continue;
        }
        let line = strip_comments(line, &mut in_comment);
        let line = convert_line(&line, source, n, cx, report);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A line without Obsidian's private `%% comments %%` (which may span lines).
fn strip_comments(line: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    for (i, part) in line.split("%%").enumerate() {
        if i > 0 {
            *in_comment = !*in_comment;
        }
        if !*in_comment {
            out.push_str(part);
        }
    }
    out
}

/// One line: wiki links and embeds, block ids, and plugins' inline syntax reported.
fn convert_line(
    line: &str,
    source: &str,
    n: usize,
    cx: &Context<'_>,
    report: &mut ImportReport,
) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(start) = rest.find("[[") {
        let Some(len) = rest[start + 2..].find("]]") else { break };
        let embed = rest[..start].ends_with('!');
        out.push_str(&rest[..start - usize::from(embed)]);
        let inner = &rest[start + 2..start + 2 + len];
        out.push_str(&convert_wikilink(inner, embed, source, n, cx, report));
        rest = &rest[start + 2 + len + 2..];
    }
    out.push_str(rest);
    let mut out = markdown_links(&out, source, n, cx, report);
    if let Some(at) = out.rfind(" ^") {
        let id = &out[at + 2..];
        if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            out.truncate(at);
        }
    }
    let field = out.split_once(":: ").is_some_and(|(key, _)| {
        let key = key.trim_start_matches(['-', '*', ' ']);
        !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
    });
    if field || out.contains("`= ") || out.contains("`$= ") {
        report.problem(
            source,
            n,
            "a Dataview inline field or query is shown as plain text: rewrite it as prose",
        );
    }
    out
}

/// Markdown links to notes by file name (`[x](Other Note.md)`, `[x](Other%20Note.md#Heading)`,
/// `[x](<Other Note.md>)`), which Obsidian writes when wiki links are off: each becomes the
/// wiki link `[[Other Note#Heading|x]]`, which attune resolves by file name wherever the note
/// lands. Other links (web addresses, attachments, images) stay as written.
fn markdown_links(
    line: &str,
    source: &str,
    n: usize,
    cx: &Context<'_>,
    report: &mut ImportReport,
) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(mid) = rest.find("](") {
        let open = rest[..mid].rfind('[');
        let link = open.and_then(|open| {
            let label = &rest[open + 1..mid];
            let image = rest[..open].ends_with('!');
            let (dest, end) = link_destination(&rest[mid + 2..])?;
            let target = note_target(dest)?;
            let plain = !image && !label.contains(['|', ']']);
            plain.then_some((open, label, target, mid + 2 + end))
        });
        let Some((open, label, target, end)) = link else {
            out.push_str(&rest[..mid + 2]);
            rest = &rest[mid + 2..];
            continue;
        };
        out.push_str(&rest[..open]);
        let inner = if label.trim().is_empty() { target } else { format!("{target}|{label}") };
        out.push_str(&convert_wikilink(&inner, false, source, n, cx, report));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// A link's destination and the length up to and with its closing `)`: `Note.md)` or
/// `<Other Note.md>)`.
fn link_destination(after: &str) -> Option<(&str, usize)> {
    if let Some(inner) = after.strip_prefix('<') {
        let close = inner.find('>')?;
        return inner[close + 1..].starts_with(')').then(|| (&inner[..close], close + 3));
    }
    let close = after.find(')')?;
    // `[x](Note.md "title")`: the title is not part of the destination.
    let dest = after[..close].split(" \"").next().unwrap_or_default();
    Some((dest, close + 1))
}

/// `Other%20Note.md#Some%20heading` -> `Other Note#Some heading`: a note by file name (its
/// folders dropped: names are unique, or the ambiguity is reported when the site is built),
/// `None` for anything that is not a `.md` file in the vault.
fn note_target(dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.contains("://") || dest.starts_with("mailto:") || dest.starts_with('#') {
        return None;
    }
    let decoded = crate::url::percent_decode(dest);
    let (path, anchor) = match decoded.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (decoded.as_str(), None),
    };
    let at = path.len().checked_sub(3)?;
    let stem =
        path.get(..at).filter(|_| path.get(at..).is_some_and(|e| e.eq_ignore_ascii_case(".md")))?;
    let name = stem.rsplit('/').next().unwrap_or(stem);
    Some(match anchor {
        Some(anchor) => format!("{name}#{anchor}"),
        None => name.to_string(),
    })
}

/// `[[target#heading|label]]` or `![[…]]` in the forms attune reads, or plain text (reported)
/// when the vault has no such note or file.
fn convert_wikilink(
    inner: &str,
    embed: bool,
    source: &str,
    n: usize,
    cx: &Context<'_>,
    report: &mut ImportReport,
) -> String {
    let inner = inner.replace("\\|", "|");
    let (target, label) = match inner.split_once('|') {
        Some((target, label)) => (target.trim(), Some(label.trim())),
        None => (inner.trim(), None),
    };
    let (path, anchor) = match target.split_once('#') {
        Some((path, anchor)) => (path.trim(), Some(anchor.rsplit('#').next().unwrap_or(anchor))),
        None => (target, None),
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let is_file = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| !ext.eq_ignore_ascii_case("md") && ext.len() <= 5);
    if is_file {
        return attachment_link(path, label, embed, source, n, cx, report);
    }
    let name = name.strip_suffix(".md").unwrap_or(name);
    let shown = label.unwrap_or(name);
    if !name.is_empty() && !cx.names.contains(&name_key(name)) {
        report.problem(
            source,
            n,
            &format!("`[[{target}]]` names a note that is not in the vault; it is plain text now"),
        );
        return shown.to_string();
    }
    let anchor = match anchor {
        Some(block) if block.starts_with('^') => {
            report.problem(source, n, &format!("`[[{target}]]` is a block reference; it links to the whole note now (link a heading instead)"));
            None
        }
        other => other,
    };
    let mut link = String::from(if embed { "![[" } else { "[[" });
    link.push_str(name);
    if let Some(anchor) = anchor {
        link.push('#');
        link.push_str(anchor);
    }
    if let Some(label) = label {
        link.push('|');
        link.push_str(label);
    }
    link.push_str("]]");
    link
}

/// An attachment: images stay embeds (by file name, or by path when the name is not unique);
/// other files (PDFs…) become links to their copy under `static/`.
fn attachment_link(
    path: &str,
    label: Option<&str>,
    embed: bool,
    source: &str,
    n: usize,
    cx: &Context<'_>,
    report: &mut ImportReport,
) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some(found) = cx.files.find(path) else {
        report.problem(source, n, &format!("`{path}` is not in the vault (or more than one file has that name); it is plain text now"));
        return label.unwrap_or(name).to_string();
    };
    let extension = name.rsplit('.').next().unwrap_or("").to_lowercase();
    if embed && IMAGE_EXTENSIONS.contains(&extension.as_str()) {
        let unique = cx.files.0.get(&name.to_lowercase()).is_some_and(|all| all.len() == 1);
        let target = if unique { name } else { found };
        return match label {
            Some(alt) => format!("![[{target}|{alt}]]"),
            None => format!("![[{target}]]"),
        };
    }
    format!("[{}](/{})", label.unwrap_or(name), found.replace(' ', "%20"))
}

/// `site.yaml` and a home page for the new site.
fn write_site_files(vault: &Path, content: &Path) -> Result<()> {
    let absolute = std::fs::canonicalize(vault).unwrap_or_else(|_| PathBuf::from(vault));
    let name = absolute.file_name().map_or("Notes".into(), |n| n.to_string_lossy().into_owned());
    let title = serde_json::to_string(&name).unwrap_or_else(|_| "\"Notes\"".into());
    let site = format!(
        "title: {title}\ndescription: \"Notes imported from an Obsidian vault.\"\nlanguage: en\n# Where the site will be published.\nbase_url: \"https://example.org/\"\n"
    );
    write_new(&content.join("site.yaml"), site.as_bytes())?;
    let home = format!(
        "---\ntitle: {title}\nsummary: \"Notes imported from an Obsidian vault.\"\n---\n\nThese pages were imported from an Obsidian vault. Browse them by section or search.\n"
    );
    write_new(&content.join("index.md"), home.as_bytes())?;
    Ok(())
}
