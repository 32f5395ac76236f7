//! Translation freshness: a fingerprint of a source file (whole, and per section), the
//! `translation_of` record a translation keeps of the source version it was made from, and
//! which sections changed since. `attune translate mark` writes the record into the
//! translation's front matter; `attune check` compares it with the source as it is now.
//!
//! A section is the text from one ATX heading (`#` to `######`) to the next, outside fenced
//! code; the front matter and the text before the first heading are sections of their own.
//! Hashes are FNV-1a over the text with line endings and trailing spaces normalised, so they
//! are the same on every platform and for every build of attune.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::url::slugify;

/// How a translation was made: `machine` counts as unreviewed under a strict review policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TranslationKind {
    /// Written by a machine translation system (or a language model).
    Machine,
    /// Written by a human translator.
    Human,
}

/// What a translation records of its source: the source's fingerprint when it was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TranslationOf {
    /// Hash of the whole source file.
    pub hash: String,
    /// Hash of each section, by section id.
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
}

/// The id of the front matter section.
pub const FRONT_MATTER: &str = "_front";
/// The id of the text before the first heading.
pub const INTRODUCTION: &str = "_intro";

/// One section of a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's id (as the page's anchor), or [`FRONT_MATTER`] / [`INTRODUCTION`].
    pub id: String,
    /// The heading's text, as an author would name the section.
    pub title: String,
    /// Hash of the section's text.
    pub hash: String,
}

/// A source file's version: its hash and its sections' hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hash of the whole file.
    pub hash: String,
    /// Its sections in file order.
    pub sections: Vec<Section>,
}

impl Fingerprint {
    /// The record a translation made from this version keeps.
    pub fn record(&self) -> TranslationOf {
        TranslationOf {
            hash: self.hash.clone(),
            sections: self.sections.iter().map(|s| (s.id.clone(), s.hash.clone())).collect(),
        }
    }
}

/// How a translation compares with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Freshness {
    /// The source has not changed since the translation was made.
    Fresh,
    /// The translation records no source version (never marked).
    Unmarked,
    /// The source changed: the titles of the changed or new sections, and of removed ones
    /// (ids, since their titles are gone). Both empty when only the whole-file hash is known.
    Stale {
        /// Sections whose text changed, or that are new, by title.
        changed: Vec<String>,
        /// Section ids the translation has that the source no longer has.
        removed: Vec<String>,
    },
}

/// The fingerprint of a source file's text (front matter included).
pub fn fingerprint(text: &str) -> Fingerprint {
    let normalised = normalise(text);
    let sections = split_sections(&normalised)
        .into_iter()
        .map(|(id, title, body)| Section { id, title, hash: short(hash(body.trim_matches('\n'))) })
        .collect();
    Fingerprint { hash: format!("{:016x}", hash(&normalised)), sections }
}

/// Compares a translation's record with its source's fingerprint now.
pub fn freshness(recorded: Option<&TranslationOf>, now: &Fingerprint) -> Freshness {
    let Some(recorded) = recorded else { return Freshness::Unmarked };
    if recorded.hash == now.hash {
        return Freshness::Fresh;
    }
    let changed = now
        .sections
        .iter()
        .filter(|s| !recorded.sections.is_empty() && recorded.sections.get(&s.id) != Some(&s.hash))
        .map(|s| s.title.clone())
        .collect();
    let removed = recorded
        .sections
        .keys()
        .filter(|id| !now.sections.iter().any(|s| &s.id == *id))
        .cloned()
        .collect();
    Freshness::Stale { changed, removed }
}

/// Line endings as `\n`, no trailing spaces, no trailing blank lines.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// `(id, title, text)` for the front matter, the introduction and each heading's section.
fn split_sections(text: &str) -> Vec<(String, String, &str)> {
    let (front, body_start) = front_matter_end(text);
    let mut sections = vec![(FRONT_MATTER.to_string(), "the front matter".to_string(), front)];
    let mut current = (INTRODUCTION.to_string(), "the text before the first heading".to_string());
    let mut start = body_start;
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    let mut fence: Option<&str> = None;
    let mut offset = body_start;
    for line in text[body_start..].split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if trimmed.starts_with(open) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
        } else if let Some(title) = atx_heading(line) {
            sections.push((current.0, current.1, &text[start..offset]));
            current = (unique(slugify(title), &mut ids), title.to_string());
            start = offset;
        }
        offset += line.len();
    }
    sections.push((current.0, current.1, &text[start..]));
    sections
}

/// The front matter's text (fences included) and where the body starts.
fn front_matter_end(text: &str) -> (&str, usize) {
    if !text.starts_with("---\n") {
        return ("", 0);
    }
    let mut offset = 4;
    for line in text[4..].split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return (&text[..offset], offset);
        }
    }
    (text, text.len())
}

/// The text of an ATX heading line (`## Title ##` gives `Title`), if the line is one.
fn atx_heading(line: &str) -> Option<&str> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if indent > 3 || !(1..=6).contains(&level) {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t', '\n'])) {
        return None;
    }
    let title = after.trim().trim_end_matches('#').trim_end();
    Some(title)
}

/// Heading ids made unique the way the page's anchors are (`id`, `id-1`, `id-2`…).
fn unique(id: String, seen: &mut BTreeMap<String, usize>) -> String {
    let count = seen.entry(id.clone()).or_insert(0);
    *count += 1;
    if *count == 1 { id } else { format!("{id}-{}", *count - 1) }
}

/// 64-bit FNV-1a.
fn hash(text: &str) -> u64 {
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// A section hash: the first 8 hex digits, enough to tell versions of one section apart.
fn short(hash: u64) -> String {
    format!("{:08x}", hash >> 32)
}

/// The translation's text with `translation_of` set to `record`: an existing
/// `translation_of` block is replaced, otherwise the block goes at the end of the front matter.
/// `None` when the text has no front matter to write into.
pub fn with_record(text: &str, record: &TranslationOf) -> Option<String> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let (front, body_start) = front_matter_end_raw(text)?;
    let mut kept: Vec<&str> = Vec::new();
    let mut skipping = false;
    for line in text[..front].split_inclusive('\n').skip(1) {
        let key_line = !line.starts_with([' ', '\t']) && !line.trim().is_empty();
        if key_line {
            skipping = line.starts_with("translation_of:");
        }
        if !skipping {
            kept.push(line);
        }
    }
    let mut out = String::with_capacity(text.len() + 256);
    out.push_str(&text[..text.find('\n')? + 1]);
    kept.iter().for_each(|line| out.push_str(line));
    out.push_str(&render_record(record, newline));
    out.push_str(&text[front..body_start]);
    out.push_str(&text[body_start..]);
    Some(out)
}

/// Where the closing fence of the front matter starts, and where the body starts.
fn front_matter_end_raw(text: &str) -> Option<(usize, usize)> {
    let first = text.find('\n')? + 1;
    if text[..first].trim_end() != "---" {
        return None;
    }
    let mut offset = first;
    for line in text[first..].split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// The YAML block for a record, keys and hashes quoted so digits stay strings.
fn render_record(record: &TranslationOf, newline: &str) -> String {
    let mut out = format!("translation_of:{newline}  hash: \"{}\"{newline}", record.hash);
    if !record.sections.is_empty() {
        out.push_str("  sections:");
        out.push_str(newline);
        for (id, hash) in &record.sections {
            out.push_str(&format!("    \"{id}\": \"{hash}\"{newline}"));
        }
    }
    out
}

/// Marks one translation file (`name.es.md`) as made from the current version of its original
/// (`name.md` beside it). Returns whether the file changed (it is left alone when already
/// fresh, so its modification time stays).
pub fn mark_file(path: &Path) -> Result<bool, Error> {
    let original = original_of(path).ok_or_else(|| {
        Error::Usage(format!(
            "{} is not a translation: a translation is named after its original with the language code, like `empathy.es.md` beside `empathy.md`",
            path.display()
        ))
    })?;
    let source =
        std::fs::read_to_string(&original).map_err(|e| Error::io("reading", &original, e))?;
    let text = std::fs::read_to_string(path).map_err(|e| Error::io("reading", path, e))?;
    let record = fingerprint(&source).record();
    let updated = with_record(&text, &record).ok_or_else(|| {
        Error::Usage(format!(
            "{} has no front matter to record its original's version in",
            path.display()
        ))
    })?;
    if updated == text {
        return Ok(false);
    }
    std::fs::write(path, updated).map_err(|e| Error::io("writing", path, e))?;
    Ok(true)
}

/// `content/x/empathy.md` for `content/x/empathy.es.md`, if the name has a language code.
fn original_of(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let (base, code) = name.strip_suffix(".md")?.rsplit_once('.')?;
    let is_code = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase());
    is_code.then(|| path.with_file_name(format!("{base}.md")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "---\ntitle: Empathy\nsummary: What it is.\n---\nOpening words.\n\n## What empathy is\n\nUnderstanding.\n\n```md\n# not a heading\n```\n\n## How it shows\n\nIn words.\n";

    fn ids(print: &Fingerprint) -> Vec<&str> {
        print.sections.iter().map(|s| s.id.as_str()).collect()
    }

    #[test]
    fn sections_follow_headings_outside_code() {
        let print = fingerprint(SOURCE);
        assert_eq!(ids(&print), ["_front", "_intro", "what-empathy-is", "how-it-shows"]);
        assert_eq!(print.sections[2].title, "What empathy is");
    }

    #[test]
    fn line_endings_and_trailing_spaces_do_not_change_the_hash() {
        let crlf = SOURCE.replace('\n', "  \r\n");
        assert_eq!(fingerprint(SOURCE), fingerprint(&crlf));
    }

    #[test]
    fn an_edit_names_only_the_section_it_touched() {
        let before = fingerprint(SOURCE);
        let after = fingerprint(&SOURCE.replace("In words.", "In words and silence."));
        let state = freshness(Some(&before.record()), &after);
        assert_eq!(
            state,
            Freshness::Stale { changed: vec!["How it shows".into()], removed: vec![] }
        );
        assert_eq!(freshness(Some(&before.record()), &before), Freshness::Fresh);
        assert_eq!(freshness(None, &before), Freshness::Unmarked);
    }

    #[test]
    fn a_renamed_heading_is_new_and_its_old_id_removed() {
        let before = fingerprint(SOURCE);
        let after = fingerprint(&SOURCE.replace("## How it shows", "## Where it shows"));
        let Freshness::Stale { changed, removed } = freshness(Some(&before.record()), &after)
        else {
            panic!("a renamed heading must make the translation stale");
        };
        assert_eq!(changed, ["Where it shows"]);
        assert_eq!(removed, ["how-it-shows"]);
    }

    #[test]
    fn front_matter_edits_are_their_own_section() {
        let before = fingerprint(SOURCE);
        let after = fingerprint(&SOURCE.replace("What it is.", "What empathy is."));
        let state = freshness(Some(&before.record()), &after);
        assert_eq!(
            state,
            Freshness::Stale { changed: vec!["the front matter".into()], removed: vec![] }
        );
    }

    #[test]
    fn repeated_headings_get_distinct_ids() {
        let print = fingerprint("# A\none\n# A\ntwo\n");
        assert_eq!(ids(&print), ["_front", "_intro", "a", "a-1"]);
    }

    #[test]
    fn the_record_is_written_into_the_front_matter_and_replaced_on_a_second_mark() {
        let translation = "---\ntitle: Empatía\ntranslation: machine\n---\nTexto.\n";
        let first = fingerprint(SOURCE).record();
        let once = with_record(translation, &first).expect("front matter");
        assert!(
            once.starts_with(
                "---\ntitle: Empatía\ntranslation: machine\ntranslation_of:\n  hash: \""
            )
        );
        assert!(once.ends_with("---\nTexto.\n"));
        let parsed: serde_yaml::Value =
            serde_yaml::from_str(&once[4..once.rfind("---").unwrap_or(4)]).expect("yaml");
        assert_eq!(parsed["translation_of"]["hash"].as_str(), Some(first.hash.as_str()));
        assert_eq!(
            parsed["translation_of"]["sections"]["how-it-shows"].as_str(),
            first.sections.get("how-it-shows").map(String::as_str)
        );
        let second = fingerprint(&SOURCE.replace("In words.", "Otherwise.")).record();
        let twice = with_record(&once, &second).expect("front matter");
        assert_eq!(twice.matches("translation_of:").count(), 1);
        assert!(twice.contains(&second.hash) && !twice.contains(&first.hash));
        assert!(twice.ends_with("---\nTexto.\n"));
    }

    #[test]
    fn only_files_named_with_a_language_code_have_an_original() {
        assert_eq!(original_of(Path::new("a/empathy.es.md")), Some(PathBuf::from("a/empathy.md")));
        assert_eq!(original_of(Path::new("a/empathy.md")), None);
        assert_eq!(original_of(Path::new("a/v1.2.md")), None);
    }

    #[test]
    fn a_file_without_front_matter_is_not_rewritten() {
        assert_eq!(with_record("Just text.\n", &TranslationOf::default()), None);
    }
}
