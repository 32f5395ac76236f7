//! Knowledge checks (issue 24): a ```` ```quiz ```` fenced block holding YAML,
//!
//! ```yaml
//! question: Which of these is part of Bordin's working alliance?
//! multiple: false          # optional; true lets the reader choose several
//! options:
//!   - text: Agreement on the tasks of therapy
//!     correct: true
//!     feedback: Yes, tasks are one of the three parts.
//!   - text: The length of each session
//!     feedback: Not part of the model.
//! explanation: Bordin named goals, tasks and the bond.
//! ```
//!
//! validated at build time (every problem is an error at the block's own line) and rendered
//! so it works without JS: the options, then the answer, feedback and explanation in a
//! `<details>` the reader opens. `theme/quiz.js` turns it into choose, check, feedback and try
//! again when scripts run.

use std::fmt::Write as _;

use pulldown_cmark::{CowStr, Event, TagEnd};
use serde::{Deserialize, Serialize};

use super::{Ranged, Renderer};
use crate::config::QuizStyle;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::html::{escape_attr, escape_text};
use crate::strings::Strings;
use crate::url::relative_url;

/// A validated knowledge check.
#[derive(Debug, Clone, Serialize)]
pub struct Quiz {
    /// Its id on the page (`quiz-1`).
    pub id: String,
    /// The question.
    pub question: String,
    /// Several options may be correct (checkboxes instead of radio buttons).
    pub multiple: bool,
    /// The options, in the order written.
    pub options: Vec<QuizOption>,
    /// Why the answer is what it is.
    pub explanation: String,
}

/// One option of a knowledge check.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuizOption {
    /// What the reader chooses.
    #[serde(default)]
    pub text: String,
    /// Whether it is a right answer.
    #[serde(default)]
    pub correct: bool,
    /// What the reader is told after choosing it.
    #[serde(default)]
    pub feedback: String,
}

/// The YAML of a block, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizSource {
    #[serde(default)]
    question: String,
    #[serde(default)]
    multiple: bool,
    #[serde(default)]
    options: Vec<QuizOption>,
    #[serde(default)]
    explanation: String,
}

/// The keys a quiz block accepts, and an option's.
const QUIZ_KEYS: &[&str] = &["question", "multiple", "options", "explanation"];
const OPTION_KEYS: &[&str] = &["text", "correct", "feedback"];

/// Whether a fenced block's info string makes it a knowledge check.
pub(super) fn is_quiz(info: &str) -> bool {
    info.split([' ', ',', '{']).next() == Some("quiz")
}

/// Reads and checks a block's YAML; the error names what is wrong and how to fix it.
fn parse(yaml: &str) -> Result<QuizSource, (String, String)> {
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| {
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message).to_string();
        (
            format!("the knowledge check is not valid YAML: {message}"),
            "indent the options under `options:`, each starting with `- text:`".to_string(),
        )
    })?;
    check_keys(&value, QUIZ_KEYS, "")?;
    if let Some(options) = value.get("options").and_then(|o| o.as_sequence()) {
        for (n, option) in options.iter().enumerate() {
            check_keys(option, OPTION_KEYS, &format!("option {} ", n + 1))?;
        }
    }
    let quiz: QuizSource = serde_yaml::from_value(value).map_err(|e| {
        (format!("the knowledge check has a value of the wrong kind: {e}"), "`question` and `explanation` are text, `options` a list, `correct` and `multiple` true or false".to_string())
    })?;
    check_answers(&quiz)?;
    Ok(quiz)
}

fn check_keys(
    value: &serde_yaml::Value,
    allowed: &[&str],
    what: &str,
) -> Result<(), (String, String)> {
    let Some(mapping) = value.as_mapping() else {
        return Err((
            format!("the knowledge check's {what}must be a mapping of keys"),
            format!("the keys are: {}", allowed.join(", ")),
        ));
    };
    for key in mapping.keys() {
        let key = key.as_str().unwrap_or("?");
        if !allowed.contains(&key) {
            let help = match crate::diagnostics::did_you_mean(key, allowed.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the keys allowed here are: {}", allowed.join(", ")),
            };
            return Err((
                format!("unknown key `{key}` in the knowledge check's {what}")
                    .replace("check's  ", "check's ")
                    .trim_end()
                    .to_string(),
                help,
            ));
        }
    }
    Ok(())
}

fn check_answers(quiz: &QuizSource) -> Result<(), (String, String)> {
    if quiz.question.trim().is_empty() {
        return Err(("the knowledge check has no question".into(), "add `question: …`".into()));
    }
    if quiz.options.len() < 2 {
        return Err((
            "a knowledge check needs at least two options".into(),
            "list them under `options:`, each as `- text: …`".into(),
        ));
    }
    if let Some(n) = quiz.options.iter().position(|o| o.text.trim().is_empty()) {
        return Err((
            format!("option {} of the knowledge check is empty", n + 1),
            "give every option a `text:`".into(),
        ));
    }
    let correct = quiz.options.iter().filter(|o| o.correct).count();
    match (quiz.multiple, correct) {
        (_, 0) => Err((
            "no option of the knowledge check is marked correct".into(),
            "mark the right answer with `correct: true`".into(),
        )),
        (false, n) if n > 1 => Err((
            format!("{n} options are marked correct in a single-choice knowledge check"),
            "keep `correct: true` on one option, or add `multiple: true` if several are right"
                .into(),
        )),
        _ => Ok(()),
    }
}

impl Renderer<'_, '_> {
    /// A ```` ```quiz ```` block: checked, then rendered (or reported at its fence line).
    pub(super) fn quiz_block<'e>(
        &mut self,
        range: std::ops::Range<usize>,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
    ) {
        self.flush_block();
        let mut yaml = String::new();
        for (inner, _) in rest.by_ref() {
            match inner {
                Event::Text(text) => yaml.push_str(&text),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let fence_end =
            self.target.body[range.clone()].find('\n').map_or(range.end, |i| range.start + i);
        match parse(&yaml) {
            Ok(source) => {
                let quiz = Quiz {
                    id: format!("quiz-{}", self.rendered.quizzes.len() + 1),
                    question: source.question,
                    multiple: source.multiple,
                    options: source.options,
                    explanation: source.explanation,
                };
                let html = self.quiz_html(&quiz);
                self.rendered.quizzes.push(quiz);
                out.push(Event::Html(CowStr::from(html)));
            }
            Err((message, help)) => {
                let span: Span = self.span(&(range.start..fence_end));
                self.diagnostics
                    .push(Diagnostic::error(Code::Quiz, message).at(span).with_help(help));
            }
        }
    }

    fn quiz_html(&self, quiz: &Quiz) -> String {
        let clinic = self.cx.site.config.knowledge_checks.style == QuizStyle::Clinic;
        let text = QuizText::for_site(self.cx.site, clinic);
        let title = escape_text(&text.title);
        let mut html = String::new();
        if self.rendered.quizzes.is_empty() {
            let asset = |name: &str| {
                relative_url(self.target.url, &format!("theme/{name}"), self.cx.offline)
            };
            let _ = writeln!(
                html,
                "<link rel=\"stylesheet\" href=\"{}\"><script src=\"{}\" defer></script>",
                escape_attr(&asset("quiz.css")),
                escape_attr(&asset("quiz.js"))
            );
        }
        let slug = self.target.url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        let key = format!("{slug}#{}", quiz.id);
        let _ = write!(
            html,
            "<section class=\"quiz\" id=\"{id}\" data-quiz=\"{}\" data-style=\"{}\"{}>\n<p class=\"quiz-title\">{title}</p>\n<p class=\"quiz-question\" id=\"{id}-q\">{}</p>\n<ol class=\"quiz-options\" type=\"A\">",
            escape_attr(&key),
            if clinic { "clinic" } else { "course" },
            if quiz.multiple { " data-multiple=\"true\"" } else { "" },
            escape_text(&quiz.question),
            id = quiz.id,
        );
        for option in &quiz.options {
            let _ = write!(html, "<li>{}</li>", escape_text(&option.text));
        }
        html.push_str("</ol>\n");
        html.push_str(&answer_html(quiz, &text));
        html.push_str("</section>\n");
        html
    }
}

/// A knowledge check's words, from the UI strings of the site's language (`quiz_*` keys in
/// src/strings/en.yaml) and its style.
pub struct QuizText {
    /// "Knowledge check" or "Check your understanding".
    pub title: String,
    /// The `<summary>` of the answer.
    pub show_answer: String,
    /// "The answer" (one correct option).
    pub the_answer: String,
    /// "The answers" (several).
    pub the_answers: String,
    /// The verdict on a correct option ("Correct." or, for clinics, "Yes.").
    pub right: String,
    /// The verdict on a wrong option ("Incorrect." or, for clinics, "Not quite.").
    pub wrong: String,
}

impl QuizText {
    /// The words for `site`'s language; its overrides were checked when it loaded, so a table
    /// that cannot be built falls back to English.
    pub fn for_site(site: &crate::content::model::Site, clinic: bool) -> Self {
        let config = &site.config;
        let table = crate::strings::table(&config.language, &config.strings)
            .or_else(|_| crate::strings::table("en", &Default::default()));
        match table {
            Ok(ui) => QuizText::from_strings(&ui, clinic),
            Err(_) => QuizText::from_strings_missing(),
        }
    }

    fn from_strings(ui: &Strings, clinic: bool) -> Self {
        let pick = |course: &str, clinic_key: &str| {
            ui.get(if clinic { clinic_key } else { course }).to_string()
        };
        QuizText {
            title: pick("quiz_title_course", "quiz_title_clinic"),
            show_answer: ui.get("quiz_show_answer").to_string(),
            the_answer: ui.count("quiz_the_answer", 1, &[]),
            the_answers: ui.count("quiz_the_answer", 2, &[]),
            right: pick("quiz_correct", "quiz_yes"),
            wrong: pick("quiz_incorrect", "quiz_not_quite"),
        }
    }

    /// Only if attune's own English table were broken (a test checks it is not).
    fn from_strings_missing() -> Self {
        let none = String::new;
        QuizText {
            title: none(),
            show_answer: none(),
            the_answer: none(),
            the_answers: none(),
            right: none(),
            wrong: none(),
        }
    }
}

/// The answer, each option's feedback and the explanation, in a `<details>` the reader opens
/// (the packet leaves it out; the answer key prints it).
pub fn answer_html(quiz: &Quiz, text: &QuizText) -> String {
    let letters: Vec<String> = quiz
        .options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.correct)
        .map(|(i, o)| format!("{}. {}", letter(i), escape_text(&o.text)))
        .collect();
    let mut html = format!(
        "<details class=\"quiz-answer\"><summary>{}</summary>\n<p class=\"quiz-correct\">{}: {}</p>\n<ol class=\"quiz-feedback\" type=\"A\">",
        escape_text(&text.show_answer),
        escape_text(if letters.len() > 1 { &text.the_answers } else { &text.the_answer }),
        letters.join("; ")
    );
    for option in &quiz.options {
        let verdict = escape_text(if option.correct { &text.right } else { &text.wrong });
        let _ = write!(
            html,
            "<li data-correct=\"{}\"><span class=\"quiz-verdict\">{verdict}</span> {}</li>",
            option.correct,
            escape_text(&option.feedback)
        );
    }
    html.push_str("</ol>\n");
    if !quiz.explanation.trim().is_empty() {
        let _ =
            writeln!(html, "<p class=\"quiz-explanation\">{}</p>", escape_text(&quiz.explanation));
    }
    html.push_str("</details>\n");
    html
}

/// `A`, `B`, … for an option's position.
pub fn letter(index: usize) -> char {
    char::from(b'A' + u8::try_from(index % 26).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_is_checked() {
        let ok = "question: Q\noptions:\n  - text: a\n    correct: true\n  - text: b\n";
        assert!(parse(ok).is_ok());
        let two = "question: Q\noptions:\n  - text: a\n    correct: true\n  - text: b\n    correct: true\n";
        assert!(parse(two).unwrap_err().0.contains("2 options are marked correct"));
        let none = "question: Q\noptions:\n  - text: a\n  - text: b\n";
        assert!(parse(none).unwrap_err().0.contains("no option"));
        let empty = "question: Q\noptions:\n  - text: a\n    correct: true\n  - text: ''\n";
        assert!(parse(empty).unwrap_err().0.contains("option 2"));
        let unknown =
            "question: Q\nexplaination: x\noptions:\n  - text: a\n    correct: true\n  - text: b\n";
        let (message, help) = parse(unknown).unwrap_err();
        assert!(
            message.contains("`explaination`") && help.contains("`explanation`"),
            "{message} {help}"
        );
        let option = "question: Q\noptions:\n  - text: a\n    right: true\n  - text: b\n";
        assert!(parse(option).unwrap_err().0.contains("option 1"));
    }
}
