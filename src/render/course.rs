//! Course readings in the render stage (issue 24): reference lists from the bibliography, the
//! packet's combined bibliography, packets that print knowledge checks without their answers,
//! the answer key (`paths/<slug>/print/key/`), and the knowledge-check script and styles,
//! written only for a site that has knowledge checks (so any other site's output is as it was).

use serde::Serialize;

use crate::ids::{DocId, PathId};
use crate::markdown::quiz::{Quiz, letter};
use crate::output::OutputFile;
use crate::render::Resolved;
use crate::render::context::ReferenceView;

/// The knowledge-check script and styles, under `theme/` (a site's own file of the same name
/// wins, as for every theme file).
pub const QUIZ_FILES: &[(&str, &str)] = &[
    ("quiz.js", include_str!("../../theme/quiz.js")),
    ("quiz.css", include_str!("../../theme/quiz.css")),
];

/// Whether any body of the site has a knowledge check.
pub fn site_has_quizzes(r: &Resolved<'_>) -> bool {
    r.bodies.iter().any(|(_, body)| !body.quizzes.is_empty())
}

/// Whether any step of a path has a knowledge check (then it has an answer key).
pub fn path_has_quizzes(r: &Resolved<'_>, path: PathId) -> bool {
    r.paths[path].steps.iter().any(|(_, id)| !r.bodies.doc(*id).quizzes.is_empty())
}

/// `theme/quiz.js` and `theme/quiz.css`, when the site has knowledge checks.
pub fn quiz_files(r: &Resolved<'_>, ui: &crate::strings::Strings) -> Vec<OutputFile> {
    if !site_has_quizzes(r) {
        return Vec::new();
    }
    let theme = r.site.root.join("theme");
    QUIZ_FILES
        .iter()
        .map(|(name, text)| {
            let own = std::fs::read(theme.join(name)).ok();
            let bytes = own.unwrap_or_else(|| text.as_bytes().to_vec());
            let default = bytes == text.as_bytes();
            let bytes = super::strings_js::translate(name, &bytes, ui);
            // attune's own files are written minified, a site's own as they are.
            let bytes = if default { super::minified(name, bytes) } else { bytes };
            OutputFile::bytes(format!("theme/{name}"), bytes)
        })
        .collect()
}

/// A reference list entry formatted from the bibliography.
pub fn reference_view(reference: &crate::cite::FormattedReference) -> ReferenceView {
    ReferenceView {
        text: reference.text.clone(),
        href: None,
        doi: None,
        html: Some(reference.html.clone()),
        id: Some(reference.anchor.clone()),
    }
}

/// A page's reference list: the bibliography entries its body cites or its front matter lists
/// (`- cite: key`), formatted in the site's style, then the front matter's written references.
pub fn references(
    r: &Resolved<'_>,
    body: &crate::markdown::Rendered,
    written: &[crate::content::model::Reference],
    prefix: &str,
) -> Vec<ReferenceView> {
    let listed: Vec<&str> = written.iter().filter_map(|w| w.cite.as_deref()).collect();
    let mut views: Vec<ReferenceView> = match (r.bibliography, listed.is_empty()) {
        (Some(bibliography), false) => {
            let mut keys: Vec<&str> = body.cited.iter().map(String::as_str).collect();
            keys.extend(listed.iter().filter(|k| !body.cited.iter().any(|c| c == *k)));
            bibliography
                .references(keys)
                .into_iter()
                .map(|mut reference| {
                    reference.anchor = format!("{prefix}{}", crate::url::slugify(&reference.key));
                    reference_view(&reference)
                })
                .collect()
        }
        _ => body.references.iter().map(reference_view).collect(),
    };
    views.extend(written.iter().filter(|w| w.cite.is_none()).map(ReferenceView::new));
    views
}

/// The combined bibliography of a path's steps: every entry they cite, once, in the style's
/// order, anchored so the packet's citations link to it.
pub fn packet_bibliography(r: &Resolved<'_>, steps: &[(usize, DocId)]) -> Vec<ReferenceView> {
    let Some(bibliography) = r.bibliography else { return Vec::new() };
    let mut keys: Vec<&str> = Vec::new();
    for &(_, id) in steps {
        let listed = r.site.doc(id).meta.references.iter().filter_map(|w| w.cite.as_deref());
        for key in r.bodies.doc(id).cited.iter().map(String::as_str).chain(listed) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    if keys.is_empty() {
        return Vec::new();
    }
    bibliography
        .references(keys)
        .into_iter()
        .map(|mut reference| {
            reference.anchor = format!("bib-{}", crate::url::slugify(&reference.key));
            reference_view(&reference)
        })
        .collect()
}

/// A step's body as the packet prints it: knowledge checks without their answers, and
/// citations linked to the packet's combined bibliography (the step prefix on every other
/// in-page link stays).
pub fn packet_body(html: &str, prefix: &str) -> String {
    let mut html = html.replace(&format!("href=\"#{prefix}bib-"), "href=\"#bib-");
    while let Some(start) = html.find("<details class=\"quiz-answer\">") {
        let Some(end) = html[start..].find("</details>\n") else { break };
        html.replace_range(start..start + end + "</details>\n".len(), "");
    }
    demote_headings(&html)
}

/// `html` with every heading one level lower (h2 becomes h3, h5 becomes h6): in a packet a
/// step's title is the h2, so the article's own sections nest below it.
fn demote_headings(html: &str) -> String {
    let mut html = html.to_string();
    for level in (2..=5).rev() {
        let next = level + 1;
        html = html
            .replace(&format!("<h{level}>"), &format!("<h{next}>"))
            .replace(&format!("<h{level} "), &format!("<h{next} "))
            .replace(&format!("</h{level}>"), &format!("</h{next}>"));
    }
    html
}

/// One step's knowledge checks in the answer key.
#[derive(Debug, Serialize)]
pub struct KeyStep {
    /// Reading number.
    pub number: usize,
    /// The article's title.
    pub title: String,
    /// Its knowledge checks, with answers.
    pub quizzes: Vec<KeyQuiz>,
}

/// A knowledge check with its answer, for the key.
#[derive(Debug, Serialize)]
pub struct KeyQuiz {
    /// The question.
    pub question: String,
    /// The options with letters, correctness and feedback.
    pub options: Vec<KeyOption>,
    /// The explanation.
    pub explanation: String,
}

/// One option in the key.
#[derive(Debug, Serialize)]
pub struct KeyOption {
    /// `A`, `B`, …
    pub letter: char,
    /// The option.
    pub text: String,
    /// Whether it is right.
    pub correct: bool,
    /// Its feedback.
    pub feedback: String,
}

/// Every step's knowledge checks with answers and explanations.
pub fn key_steps(r: &Resolved<'_>, steps: &[(usize, DocId)]) -> Vec<KeyStep> {
    steps
        .iter()
        .enumerate()
        .filter(|(_, (_, id))| !r.bodies.doc(*id).quizzes.is_empty())
        .map(|(n, (_, id))| KeyStep {
            number: n + 1,
            title: r.site.doc(*id).meta.title.clone(),
            quizzes: r.bodies.doc(*id).quizzes.iter().map(key_quiz).collect(),
        })
        .collect()
}

fn key_quiz(quiz: &Quiz) -> KeyQuiz {
    KeyQuiz {
        question: quiz.question.clone(),
        options: quiz
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| KeyOption {
                letter: letter(i),
                text: o.text.clone(),
                correct: o.correct,
                feedback: o.feedback.clone(),
            })
            .collect(),
        explanation: quiz.explanation.clone(),
    }
}

/// Per step of a path page: how many knowledge checks its article has (0 for none).
pub fn step_quizzes(r: &Resolved<'_>, id: DocId) -> usize {
    r.bodies.doc(id).quizzes.len()
}
