//! `attune check`: every validation of `build` plus the authoring lints (readability, review
//! age, alt text, heading levels, orphans, long paragraphs, external links, a missing contact),
//! read from the facts the build already produced, reported together, sorted by file and line.
//!
//! Lints are warnings: grade formulas and style rules are guides, never gates. A site can
//! silence a warning code everywhere (`lints.allow`) or per file (`lints.allow_in`).

pub mod contact;
pub mod placeholders;
pub mod readability;
pub mod translations;

use std::fmt::Write as _;

use serde::Serialize;

use crate::content::front_matter::find_value_span;
use crate::content::model::{Date, Doc, DocKind};
use crate::diagnostics::{Code, Diagnostic, Located, Severity, Span, locate};
use crate::markdown::Rendered;
use crate::resolve::Analysis;

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
    let mut lints = lint(&analysis, today);
    lints.extend(placeholders::check_placeholders(&analysis));
    // A multilingual site's other languages: each document is linted in its own language
    // (site-wide findings, such as a missing contact, are reported once).
    for other in &analysis.languages {
        let mut seen: std::collections::HashSet<String> =
            lints.iter().map(|d| format!("{d:?}")).collect();
        let more = lint(other, today).into_iter().chain(placeholders::check_placeholders(other));
        lints.extend(more.filter(|d| seen.insert(format!("{d:?}"))));
    }
    analysis.diagnostics.extend(lints);
    let config = &analysis.site.config.lints;
    let sources = &analysis.sources;
    analysis.diagnostics.retain(|d| {
        if d.severity == Severity::Error {
            return true;
        }
        if config.allow.iter().any(|code| code == d.code.as_str()) {
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
                    && codes.iter().any(|c| c == d.code.as_str())
            })
        });
        !silenced_here
    });
    analysis.diagnostics.sort(&analysis.sources);
    let diagnostics =
        analysis.diagnostics.items().iter().map(|d| locate(d, &analysis.sources)).collect();
    CheckReport { diagnostics, files: analysis.sources.len() }
}

/// What every per-article lint reads: the article, its facts and where its front matter is.
struct ArticleLint<'a> {
    analysis: &'a Analysis,
    doc: &'a Doc,
    facts: &'a Rendered,
    text: &'a str,
    yaml: (usize, usize),
    title_span: Span,
}

/// The authoring lints over an analysed site.
pub fn lint(analysis: &Analysis, today: Date) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let site = &analysis.site;
    for id in site.article_ids() {
        let doc = site.doc(id);
        let text = &analysis.sources.get(doc.file).text;
        let yaml = (0, doc.body_offset.min(text.len()));
        let title_span = find_value_span(text, yaml, "title", &doc.meta.title, doc.file);
        let cx =
            ArticleLint { analysis, doc, facts: analysis.bodies.doc(id), text, yaml, title_span };
        check_readability(&cx, &mut out);
        check_review(&cx, today, &mut out);
        check_image_alt(&cx, &mut out);
        check_heading_levels(&cx, &mut out);
        check_long_paragraphs(&cx, &mut out);
    }
    note_unmeasured(analysis, &mut out);
    check_external_links(analysis, &mut out);
    out.extend(contact::lint(analysis));
    check_orphans(analysis, &mut out);
    translations::lint(analysis, &mut out);
    out
}

/// Readability with the formulas of the site's language (`lint` notes once that a language
/// without formulas is not measured).
fn check_readability(cx: &ArticleLint<'_>, out: &mut Vec<Diagnostic>) {
    match readability::formulas_for(&cx.analysis.site.config.language) {
        Some(readability::Formulas::English) => check_grade(cx, out),
        Some(readability::Formulas::Spanish) => check_inflesz(cx, out),
        None => {}
    }
}

/// Spanish readability against the highest `min_inflesz` of the article's audiences.
fn check_inflesz(cx: &ArticleLint<'_>, out: &mut Vec<Diagnostic>) {
    let config = &cx.analysis.site.config;
    let limit = cx
        .doc
        .meta
        .audience
        .iter()
        .filter_map(|a| config.audience(a))
        .filter_map(|a| a.min_inflesz.map(|min| (a, min)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let Some((audience, min)) = limit else { return };
    let blocks: Vec<&str> = cx.facts.prose.iter().map(|b| b.text.as_str()).collect();
    let scores = readability::measure_spanish(&blocks);
    if scores.words < 50 || scores.szigriszt_pazos >= min {
        return;
    }
    out.push(
        Diagnostic::warning(
            Code::Readability,
            format!(
                "reads at INFLESZ {:.1} (Szigriszt-Pazos, \"{}\"), below the {} limit of {}",
                scores.szigriszt_pazos,
                scores.inflesz_band(),
                audience.label,
                min
            ),
        )
        .at(cx.title_span)
        .with_help(format!(
            "shorter sentences (now {:.1} words on average) and shorter everyday words raise the score; Fernández-Huerta gives {:.1}",
            scores.words as f64 / scores.sentences.max(1) as f64,
            scores.fernandez_huerta
        )),
    );
}

/// One note for a site whose language has no readability formulas, at its `language` value.
fn note_unmeasured(analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let language = &analysis.site.config.language;
    if readability::formulas_for(language).is_some() || analysis.site.article_ids().next().is_none()
    {
        return;
    }
    let mut note = Diagnostic::warning(
        Code::Readability,
        format!("readability is not measured for language `{language}`: attune has formulas for English and Spanish only"),
    )
    .with_help("check reading level by hand or with a tool for this language; `lints.allow: [readability]` silences this note");
    let sources = &analysis.sources;
    let file = ["content/site.yaml", "content/site.yml"]
        .iter()
        .find_map(|p| sources.find(std::path::Path::new(p)));
    if let Some(file) = file {
        let text = &sources.get(file).text;
        note = note.at(find_value_span(text, (0, text.len()), "language", language, file));
    }
    out.push(note);
}

/// English readability against the strictest `max_grade` of the article's audiences.
fn check_grade(cx: &ArticleLint<'_>, out: &mut Vec<Diagnostic>) {
    let config = &cx.analysis.site.config;
    let limit = cx
        .doc
        .meta
        .audience
        .iter()
        .filter_map(|a| config.audience(a))
        .min_by(|a, b| a.max_grade.total_cmp(&b.max_grade));
    let Some(audience) = limit else { return };
    let blocks: Vec<&str> = cx.facts.prose.iter().map(|b| b.text.as_str()).collect();
    let scores = readability::measure(&blocks);
    if scores.words < 50 || scores.flesch_kincaid <= audience.max_grade {
        return;
    }
    out.push(
        Diagnostic::warning(
            Code::Readability,
            format!(
                "reads at grade {:.1} (Flesch-Kincaid), above the {} limit of {}",
                scores.flesch_kincaid, audience.label, audience.max_grade
            ),
        )
        .at(cx.title_span)
        .with_help(format!(
            "shorter sentences (now {:.1} words on average) and everyday words bring the grade down; SMOG gives {:.1}, Coleman-Liau {:.1}",
            scores.words as f64 / scores.sentences.max(1) as f64,
            scores.smog,
            scores.coleman_liau
        )),
    );
}

/// The site's clinical review policy: reviews that are overdue, or missing where required.
fn check_review(cx: &ArticleLint<'_>, today: Date, out: &mut Vec<Diagnostic>) {
    let policy = &cx.analysis.site.config.review;
    if !policy.enabled {
        return;
    }
    match &cx.doc.meta.reviewed {
        Some(review) => {
            let months = review.on.months_until(&today);
            if months >= policy.max_age_months as i32 {
                let span = find_value_span(cx.text, cx.yaml, "on", &review.on.to_string(), cx.doc.file);
                out.push(
                    Diagnostic::warning(
                        Code::ReviewOverdue,
                        format!(
                            "last reviewed {} ({months} months ago); the policy is every {} months",
                            review.on, policy.max_age_months
                        ),
                    )
                    .at(span)
                    .with_help("ask a clinician to review the article, then update `reviewed.on`"),
                );
            }
        }
        None if policy.required => out.push(
            Diagnostic::warning(Code::ReviewMissing, "this article has no clinical review")
                .at(cx.title_span)
                .with_help("add `reviewed:` with `by:` (name and role) and `on:` (YYYY-MM-DD) once reviewed"),
        ),
        None => {}
    }
}

/// Images without alt text.
fn check_image_alt(cx: &ArticleLint<'_>, out: &mut Vec<Diagnostic>) {
    for image in cx.facts.images.iter().filter(|i| i.alt.trim().is_empty()) {
        out.push(
            Diagnostic::warning(Code::ImageAlt, "this image has no alt text")
                .at(image.span)
                .with_help("describe what the image shows inside the brackets: ![a short description](path)"),
        );
    }
}

/// A level-1 heading in the body, or a skipped heading level.
fn check_heading_levels(cx: &ArticleLint<'_>, out: &mut Vec<Diagnostic>) {
    let mut previous = 1u8;
    for heading in &cx.facts.headings {
        let span = Span::new(cx.doc.file, heading.span.0, heading.span.1);
        if heading.level == 1 {
            out.push(
                Diagnostic::warning(
                    Code::HeadingSkip,
                    "a level-1 heading in the body; the title is the page's only h1",
                )
                .at(span)
                .with_help("start body headings at `##`"),
            );
        } else if heading.level > previous + 1 {
            out.push(
                Diagnostic::warning(
                    Code::HeadingSkip,
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
}

/// Long paragraphs on pages for an audience site.yaml marks `client_facing`.
fn check_long_paragraphs(cx: &ArticleLint<'_>, out: &mut Vec<Diagnostic>) {
    let config = &cx.analysis.site.config;
    if !cx.doc.meta.audience.iter().any(|a| config.is_client_facing(a)) {
        return;
    }
    for block in cx.facts.prose.iter().filter(|b| b.paragraph) {
        let words = crate::words::count_words(&block.text);
        if words > LONG_PARAGRAPH_WORDS {
            out.push(
                Diagnostic::warning(
                    Code::LongParagraph,
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

/// Every external link, listed for review.
fn check_external_links(analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let docs = analysis.site.docs.iter_enumerated().filter(|(_, d)| d.kind != DocKind::Home);
    for (id, _) in docs {
        for link in &analysis.bodies.doc(id).external {
            out.push(
                Diagnostic::warning(Code::ExternalLink, format!("external link to {}", link.url))
                    .at(link.span)
                    .with_help("listed for review; attune does not fetch it. Silence with `lints.allow: [external-link]`"),
            );
        }
    }
}

/// Articles nothing links to and no path includes.
fn check_orphans(analysis: &Analysis, out: &mut Vec<Diagnostic>) {
    let site = &analysis.site;
    for id in crate::graph::orphans(site, &analysis.graph, &analysis.on_paths()) {
        let doc = site.doc(id);
        out.push(
            Diagnostic::warning(
                Code::Orphan,
                format!("no other page links to `{}` and it is on no reading path", doc.slug),
            )
            .at(Span::new(doc.file, 0, 3))
            .with_help(format!(
                "link it from a related article with [[{}]], or add it to a path",
                doc.slug
            )),
        );
    }
}

/// `attune check --readability`: every article's audience, words, sentences and scores, with
/// the formulas of the site's language.
pub fn readability_report(analysis: &Analysis) -> String {
    let language = &analysis.site.config.language;
    match readability::formulas_for(language) {
        Some(readability::Formulas::English) => english_report(analysis),
        Some(readability::Formulas::Spanish) => spanish_report(analysis),
        None => format!(
            "readability is not measured for language `{language}`: attune has formulas for English and Spanish only\n"
        ),
    }
}

/// The Spanish report: INFLESZ (Szigriszt-Pazos) with its band, and Fernández-Huerta.
fn spanish_report(analysis: &Analysis) -> String {
    let site = &analysis.site;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<48} {:<28} {:>6} {:>6} {:>7} {:<15} {:>6} {:>6}",
        "article", "audience", "words", "sent.", "INFLESZ", "band", "FH", "limit"
    );
    for id in site.article_ids() {
        let doc = site.doc(id);
        let blocks: Vec<&str> =
            analysis.bodies.doc(id).prose.iter().map(|b| b.text.as_str()).collect();
        let r = readability::measure_spanish(&blocks);
        let limit = doc
            .meta
            .audience
            .iter()
            .filter_map(|a| site.config.audience(a).and_then(|a| a.min_inflesz))
            .fold(f64::NEG_INFINITY, f64::max);
        let (limit, flag) = if limit.is_finite() {
            (format!("{limit:.0}"), if r.szigriszt_pazos < limit { " under" } else { "" })
        } else {
            ("-".into(), "")
        };
        let _ = writeln!(
            out,
            "{:<48} {:<28} {:>6} {:>6} {:>7.1} {:<15} {:>6.1} {:>6}{flag}",
            doc.slug,
            doc.meta.audience.join(","),
            r.words,
            r.sentences,
            r.szigriszt_pazos,
            r.inflesz_band(),
            r.fernandez_huerta,
            limit
        );
    }
    let _ = writeln!(
        out,
        "\nINFLESZ = Szigriszt-Pazos on the INFLESZ scale (the lint's formula, limit `min_inflesz`): under 40 muy difícil, 40-55 algo difícil, 55-65 normal, 65-80 bastante fácil, 80+ muy fácil. FH = Fernández-Huerta: a second opinion, a guide rather than a gate."
    );
    out
}

/// The English report: Flesch-Kincaid, SMOG and Coleman-Liau.
fn english_report(analysis: &Analysis) -> String {
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
