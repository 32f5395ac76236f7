/* attune knowledge checks: choose, check, feedback on each option, try again. Results are kept
   only in this browser (localStorage "attune-quiz", beside the reading-path progress), never
   sent anywhere, and the path page's "Clear progress" clears them. Without this script the
   answer is in a <details> the reader opens. */
(function () {
  "use strict";
  var KEY = "attune-quiz";
  function loadDone() { try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; } }
  function saveDone(done) { try { if (Object.keys(done).length) localStorage.setItem(KEY, JSON.stringify(done)); else localStorage.removeItem(KEY); } catch (e) {} }
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text) e.textContent = text; return e; }

  function setupQuiz(quiz) {
    var answer = quiz.querySelector("details.quiz-answer");
    if (!answer) return; /* the packet prints questions without answers */
    var clinic = quiz.getAttribute("data-style") === "clinic";
    var multiple = quiz.getAttribute("data-multiple") === "true";
    var key = quiz.getAttribute("data-quiz");
    var feedback = Array.prototype.slice.call(answer.querySelectorAll(".quiz-feedback > li"));
    var items = Array.prototype.slice.call(quiz.querySelectorAll(".quiz-options > li"));
    var fieldset = el("fieldset", "quiz-form");
    var legend = el("legend", "visually-hidden", multiple ? "Choose every answer that fits" : "Choose one answer");
    fieldset.appendChild(legend);
    var inputs = items.map(function (item, i) {
      var label = el("label", "quiz-option");
      var input = el("input");
      input.type = multiple ? "checkbox" : "radio";
      input.name = quiz.id + "-choice";
      input.value = String(i);
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + String.fromCharCode(65 + i) + ". " + item.textContent));
      var note = el("span", "quiz-option-feedback");
      note.hidden = true;
      label.appendChild(note);
      fieldset.appendChild(label);
      return { input: input, label: label, note: note, correct: feedback[i] && feedback[i].getAttribute("data-correct") === "true", text: feedback[i] ? feedback[i].textContent : "" };
    });
    var check = el("button", "quiz-check", "Check my answer"); check.type = "button";
    var again = el("button", "quiz-again", "Try again"); again.type = "button"; again.hidden = true;
    var result = el("p", "quiz-result"); result.setAttribute("aria-live", "polite");
    var privacy = el("p", "quiz-privacy", "Your answer is saved only in this browser, with your reading progress, and never sent anywhere. Clearing your progress on the reading path's page clears it.");
    var list = quiz.querySelector(".quiz-options");
    list.hidden = true;
    list.parentNode.insertBefore(fieldset, list);
    fieldset.parentNode.insertBefore(check, answer);
    fieldset.parentNode.insertBefore(again, answer);
    fieldset.parentNode.insertBefore(result, answer);
    fieldset.parentNode.insertBefore(privacy, answer.nextSibling);
    if (loadDone()[key]) result.textContent = clinic ? "You have done this check before in this browser." : "You answered this check correctly before in this browser.";

    check.addEventListener("click", function () {
      var chosen = inputs.filter(function (o) { return o.input.checked; });
      if (!chosen.length) { result.textContent = "Choose an answer first."; return; }
      var right = inputs.every(function (o) { return o.input.checked === o.correct; });
      chosen.forEach(function (o) { o.note.hidden = false; o.note.textContent = " " + o.text; o.label.classList.add(o.correct ? "quiz-right" : "quiz-wrong"); });
      inputs.forEach(function (o) { o.input.disabled = true; });
      if (clinic) result.textContent = right ? "That's it." : "Not quite. Read the notes beside your choice, then try again.";
      else result.textContent = right ? "Correct." : "Not quite. Read the feedback beside your choice, then try again.";
      if (right) { var done = loadDone(); done[key] = true; saveDone(done); }
      check.hidden = true; again.hidden = false; again.focus();
    });
    again.addEventListener("click", function () {
      inputs.forEach(function (o) { o.input.checked = false; o.input.disabled = false; o.note.hidden = true; o.note.textContent = ""; o.label.classList.remove("quiz-right", "quiz-wrong"); });
      result.textContent = ""; again.hidden = true; check.hidden = false; inputs[0].input.focus();
    });
  }

  function setupPathCount() {
    var status = document.getElementById("quiz-progress");
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input.step-done[data-quizzes]"));
    if (!boxes.length) return;
    function keysOf(box) {
      var keys = [], n = parseInt(box.getAttribute("data-quizzes"), 10) || 0;
      for (var i = 1; i <= n; i++) keys.push(box.getAttribute("data-article") + "#quiz-" + i);
      return keys;
    }
    function render() {
      if (!status) return;
      var done = loadDone(), total = 0, count = 0;
      boxes.forEach(function (box) { keysOf(box).forEach(function (k) { total++; if (done[k]) count++; }); });
      status.textContent = "Knowledge checks done: " + count + " of " + total;
    }
    var clear = document.getElementById("clear-progress");
    if (clear) clear.addEventListener("click", function () {
      var done = loadDone();
      boxes.forEach(function (box) { keysOf(box).forEach(function (k) { delete done[k]; }); });
      saveDone(done); render();
    });
    render();
  }

  Array.prototype.forEach.call(document.querySelectorAll("section.quiz"), setupQuiz);
  setupPathCount();
})();
