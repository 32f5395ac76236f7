//! `attune check`: every validation of `build` plus the authoring lints (readability, review
//! age, alt text, heading levels, orphans, long paragraphs, external links, a missing contact),
//! read from the facts the build already produced, reported together, sorted by file and line.
//!
//! Lints are warnings: grade formulas and style rules are guides, never gates. A site can
//! silence a warning code everywhere (`lints.allow`) or per file (`lints.allow_in`).

pub mod contact;
pub mod readability;

use std::fmt::Write as _;

use serde::Serialize;

use crate::content::front_matter::find_value_span;
use crate::content::model::{Date, DocKind};
use crate::diagnostics::{Diagnostic, Located, Severity, Span, locate};
use crate::resolve::Analysis;

/// Every warning code `lints.allow` and `lints.allow_in` may name.
pub const LINT_CODES: &[&str] = &[
    "contact-missing",
    "external-link",
    "heading-skip",
    "image-alt",
    "long-paragraph",
    "orphan",
    "readability",
    "review-missing",
    "review-overdue",
    "slug-style",
];

/// Paragraphs longer than this many words get a warning on client-facing pages.
pub const LONG_PARAGRAPH_WORDS: usize = 120;

/// The outcome of `attune check`.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// Every finding, sorted by file and line.
    pub diagnostics: Vec<Located>,
    /// How many source files were read.
    pub files: usize,
}

impl CheckReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// The findings as a JSON array of objects (severity, code, message, file, line, column, help).
    pub fn json(&self) -> String {
        serde_json::to_string_pretty(&self.diagnostics).unwrap_or_else(|_| "[]".into())
    }
}

/// Adds the authoring lints to an analysed site's diagnostics, drops the warnings the site
/// silences, and reports what is left, sorted by file and line.
pub fn report(mut analysis: Analysis, today: Date) -> CheckReport {
    let lints = lint(&analysis, today);
    analysis.diagnostics.extend(lints);
    let config = &analysis.site.config.lints;
    let sources = &analysis.sources;
    analysis.diagnostics.retain(|d| {
        if d.severity == Severity::Error {
            return true;
        }
        if config.allow.iter().any(|code| code == d.code) {
            return false;
        }
        let path = d
            .span
            .map(|s| sources.get(s.file).path.to_string_lossy().into_owned())
            .or_else(|| d.path.as_ref().map(|p| p.to_string_lossy().into_owned()));
        let silenced_here = path.as_ref().is_some_and(|path| {
            config.allow_in.iter().any(|(file, codes)| {
                (path == file
                    || path.ends_with(&format!("/{file}"))
                    || path.trim_start_matches("content/") == file)
                    && codes.iter().any(|c| c == d.code)
            })
        });
        !silenced_here
    });
    analysis.diagnostics.sort(&analysis.sources);
    let diagnostics =
        analysis.diagnostics.items().iter().map(|d| locate(d, &analysis.sources)).collect();
    CheckReport { diagnostics, files: analysis.sources.len() }
}

/// The authoring lints over an analysed site.
pub fn lint(analysis: &Analysis, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let site = &analysis.site;
    let config = &site.config;
    for id in site.article_ids() {
        let doc = site.doc(id);
        let facts = &analysis.bodies.doc(id);
        let text = &analysis.sources.get(doc.file).text;
        let yaml = (0, doc.body_offset.min(text.len()));
        let title_span = find_value_span(text, yaml, "title", &doc.meta.title, doc.file);

        // Readability against the strictest audience limit.
        let limit = doc
            .meta
            .audience
            .iter()
            .filter_map(|a| config.audience(a))
            .min_by(|a, b| a.max_grade.total_cmp(&b.max_grade));
        if let Some(audience) = limit {
            let blocks: Vec<&str> = facts.prose.iter().map(|b| b.text.as_str()).collect();
            let scores = readability::measure(&blocks);
            if scores.words >= 50 && scores.flesch_kincaid > audience.max_grade {
                out.push(
                    Diagnostic::warning(
                        "readability",
                        format!(
                            "reads at grade {:.1} (Flesch-Kincaid), above the {} limit of {}",
                            scores.flesch_kincaid, audience.label, audience.max_grade
                        ),
                    )
                    .at(title_span)
                    .with_help(format!(
                        "shorter sentences (now {:.1} words on average) and everyday words bring the grade down; SMOG gives {:.1}, Coleman-Liau {:.1}",
                        scores.words as f64 / scores.sentences.max(1) as f64,
                        scores.smog,
                        scores.coleman_liau
                    )),
                );
            }
        }

        // Review policy.
        if config.review.enabled {
            match &doc.meta.reviewed {
                Some(review) => {
                    let months = review.on.months_until(&today);
                    if months >= config.review.max_age_months as i32 {
                        let span = find_value_span(text, yaml, "on", &review.on.to_string(), doc.file);
                        out.push(
                            Diagnostic::warning(
                                "review-overdue",
                                format!(
                                    "last reviewed {} ({months} months ago); the policy is every {} months",
                                    review.on, config.review.max_age_months
                                ),
                            )
                            .at(span)
                            .with_help("ask a clinician to review the article, then update `reviewed.on`"),
                        );
                    }
                }
                None if config.review.required => out.push(
                    Diagnostic::warning("review-missing", "this article has no clinical review")
                        .at(title_span)
                        .with_help("add `reviewed:` with `by:` (name and role) and `on:` (YYYY-MM-DD) once reviewed"),
                ),
                None => {}
            }
        }

        for image in facts.images.iter().filter(|i| i.alt.trim().is_empty()) {
            out.push(
                Diagnostic::warning("image-alt", "this image has no alt text")
                    .at(image.span)
                    .with_help("describe what the image shows inside the brackets: ![a short description](path)"),
            );
        }

        let mut previous = 1u8;
        for heading in &facts.headings {
            let span = Span::new(doc.file, heading.span.0, heading.span.1);
            if heading.level == 1 {
                out.push(
                    Diagnostic::warning(
                        "heading-skip",
                        "a level-1 heading in the body; the title is the page's only h1",
                    )
                    .at(span)
                    .with_help("start body headings at `##`"),
                );
            } else if heading.level > previous + 1 {
                out.push(
                    Diagnostic::warning(
                        "heading-skip",
                        format!(
                            "heading level {} follows level {previous}; a level is skipped",
                            heading.level
                        ),
                    )
                    .at(span)
                    .with_help(format!(
                        "use `{}` here, so screen-reader users can follow the outline",
                        "#".repeat(usize::from(previous) + 1)
                    )),
                );
            }
            previous = heading.level;
        }

        if doc.meta.audience.iter().any(|a| a == "clients") {
            for block in facts.prose.iter().filter(|b| b.paragraph) {
                let words = crate::words::count_words(&block.text);
                if words > LONG_PARAGRAPH_WORDS {
                    out.push(
                        Diagnostic::warning(
                            "long-paragraph",
                            format!("a paragraph of {words} words on a client-facing page"),
                        )
                        .at(Span::new(block.span.file, block.span.start, block.span.start))
                        .with_help(format!(
                            "split it: one idea per paragraph, under {LONG_PARAGRAPH_WORDS} words"
                        )),
                    );
                }
            }
        }
    }
    for (id, _) in site.docs.iter_enumerated().filter(|(_, d)| d.kind != DocKind::Home) {
        for link in &analysis.bodies.doc(id).external {
            out.push(
                Diagnostic::warning("external-link", format!("external link to {}", link.url))
                    .at(link.span)
                    .with_help("listed for review; attune does not fetch it. Silence with `lints.allow: [external-link]`"),
            );
        }
    }
    out.extend(contact::lint(analysis));
    let on_paths = analysis.on_paths();
    for id in crate::graph::orphans(site, &analysis.graph, &on_paths) {
        let doc = site.doc(id);
        out.push(
            Diagnostic::warning(
                "orphan",
                format!("no other page links to `{}` and it is on no reading path", doc.slug),
            )
            .at(Span::new(doc.file, 0, 3))
            .with_help(format!(
                "link it from a related article with [[{}]], or add it to a path",
                doc.slug
            )),
        );
    }
    out
}

/// `attune check --readability`: every article's audience, words, sentences and grades.
pub fn readability_report(analysis: &Analysis) -> String {
    let site = &analysis.site;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<48} {:<28} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}",
        "article", "audience", "words", "sent.", "FK", "SMOG", "CLI", "limit"
    );
    for id in site.article_ids() {
        let doc = site.doc(id);
        let blocks: Vec<&str> =
            analysis.bodies.doc(id).prose.iter().map(|b| b.text.as_str()).collect();
        let r = readability::measure(&blocks);
        let limit = doc
            .meta
            .audience
            .iter()
            .filter_map(|a| site.config.audience(a))
            .map(|a| a.max_grade)
            .fold(f64::INFINITY, f64::min);
        let limit = if limit.is_finite() { format!("{limit:.0}") } else { "-".into() };
        let flag = if limit != "-" && limit.parse::<f64>().is_ok_and(|l| r.flesch_kincaid > l) {
            " over"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "{:<48} {:<28} {:>6} {:>6} {:>6.1} {:>6.1} {:>6.1} {:>6}{flag}",
            doc.slug,
            doc.meta.audience.join(","),
            r.words,
            r.sentences,
            r.flesch_kincaid,
            r.smog,
            r.coleman_liau,
            limit
        );
    }
    let _ = writeln!(
        out,
        "\nFK = Flesch-Kincaid grade (the lint's formula); SMOG and CLI (Coleman-Liau) often differ by grades: treat them as a range, a guide rather than a gate."
    );
    out
}

#[cfg(test)]
mod tests {
    use super::LINT_CODES;

    /// The codes of every `Diagnostic::warning(...)` in the crate's source.
    fn warning_codes_in_source() -> std::collections::BTreeSet<String> {
        let mut codes = std::collections::BTreeSet::new();
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(src).into_iter().flatten() {
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for (at, _) in text.match_indices("Diagnostic::warning(") {
                let rest = text[at..].split_once('(').map_or("", |(_, r)| r).trim_start();
                let code = rest.strip_prefix('"').and_then(|r| r.split('"').next());
                // Only a literal code (this test's own search string is not one).
                if let Some(code) = code.filter(|c| {
                    !c.is_empty() && c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-')
                }) {
                    codes.insert(code.to_string());
                }
            }
        }
        codes
    }

    #[test]
    fn lint_codes_are_exactly_the_warnings_check_gives() {
        let mut emitted = warning_codes_in_source();
        // The warning about a code in `lints` is about the configuration, not the content.
        assert!(emitted.remove("unknown-lint"));
        let listed: std::collections::BTreeSet<String> =
            LINT_CODES.iter().map(|c| c.to_string()).collect();
        assert_eq!(emitted, listed);
    }
}
