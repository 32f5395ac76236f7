//! Knowledge checks (issue 24) on the handbook's foundations course: without JS the answer is
//! in a `<details>`; with JS the reader chooses, checks, reads the feedback and tries again, and
//! the result is kept in this browser only, counted on the path page and cleared with the
//! path's progress.

use std::time::Duration;

use crate::webdriver::{Session, wait_until};
use crate::{open, site};

const ARTICLE: &str = "articles/components/working-alliance/";

#[test]
fn without_js_the_question_shows_and_the_answer_waits_in_details() {
    let session = Session::start_without_js();
    session.navigate(&site::url(ARTICLE));
    let quiz = session.find("section.quiz");
    assert!(quiz.text().contains("where is the alliance weak?"), "{}", quiz.text());
    assert_eq!(session.find_all("section.quiz .quiz-options > li").len(), 3);
    assert!(session.find_all("section.quiz input").is_empty(), "no inputs without JS");
    let details = session.find("section.quiz details.quiz-answer");
    assert_eq!(details.property("open"), false, "the answer starts closed");
    session.find("section.quiz details.quiz-answer summary").click();
    assert_eq!(details.property("open"), true);
    assert!(details.text().contains("The answer: B. Agreement on tasks"), "{}", details.text());
}

#[test]
fn with_js_choosing_checking_and_trying_again_work_and_the_result_is_kept_and_cleared() {
    let session = open(ARTICLE);
    session.execute("localStorage.clear()", &[]);
    session.refresh();
    let radios = session.find_all("section.quiz input[type=radio]");
    assert_eq!(radios.len(), 3, "JS turns the options into radio buttons");
    assert!(session.find("section.quiz .quiz-privacy").text().contains("only in this browser"));

    // A wrong answer: feedback beside it, try again.
    radios[0].click();
    session.find("section.quiz .quiz-check").click();
    expect_result(&session, "Not quite");
    let note = session.find("section.quiz .quiz-wrong .quiz-option-feedback").text();
    assert!(note.contains("strong bond"), "{note}");
    session.find("section.quiz .quiz-again").click();
    expect_result(&session, "");

    // The right answer is stored.
    session.find_all("section.quiz input[type=radio]")[1].click();
    session.find("section.quiz .quiz-check").click();
    expect_result(&session, "Correct.");
    let stored = session.execute("return localStorage.getItem('attune-quiz')", &[]);
    assert!(stored.as_str().unwrap_or("").contains("working-alliance#quiz-1"), "{stored}");

    // The path page counts it, and clearing the progress clears it.
    session.navigate(&site::url("paths/foundations-course/"));
    let progress = || session.find("#quiz-progress").text();
    wait_until("the check counted", Duration::from_secs(3), || {
        if progress().starts_with("Knowledge checks done: 1 of") { Ok(()) } else { Err(progress()) }
    });
    session.find("#clear-progress").click();
    session.accept_alert_if_any();
    wait_until("the count cleared", Duration::from_secs(3), || {
        if progress().starts_with("Knowledge checks done: 0 of") { Ok(()) } else { Err(progress()) }
    });
    let stored = session.execute("return localStorage.getItem('attune-quiz')", &[]);
    assert!(
        stored.is_null() || !stored.as_str().unwrap_or("").contains("working-alliance"),
        "{stored}"
    );
}

#[track_caller]
fn expect_result(session: &Session, wanted: &str) {
    wait_until(&format!("result {wanted:?}"), Duration::from_secs(3), || {
        let text = session.find("section.quiz .quiz-result").text();
        if (wanted.is_empty() && text.is_empty())
            || (!wanted.is_empty() && text.starts_with(wanted))
        {
            Ok(())
        } else {
            Err(text)
        }
    });
}
