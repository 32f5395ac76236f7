/* attune glossary script (the glossary page only): a filter box that narrows the entries as
   the reader types (hidden without JS, when the whole list shows) and a copy-link button
   beside each entry's link, which copies the entry's address and says so politely. Its texts come from the page (data-* of .glossary-filter). */
(function () {
  "use strict";
  function fold(text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function setupGlossaryFilter() {
    var box = document.querySelector(".glossary-filter"), input = document.getElementById("glossary-filter");
    if (!box || !input) return;
    var status = document.getElementById("glossary-filter-status"), timer = null;
    var entries = Array.prototype.map.call(document.querySelectorAll(".glossary .entry"), function (entry) {
      var dt = entry.querySelector("dt"), short = entry.querySelector(".short");
      return { node: entry, text: fold((dt ? dt.textContent : "") + " " + (short ? short.textContent : "")) };
    });
    var sections = Array.prototype.slice.call(document.querySelectorAll("section.letter"));
    function filter() {
      var words = fold(input.value).split(/\s+/).filter(Boolean), shown = 0;
      entries.forEach(function (e) {
        e.node.hidden = !words.every(function (w) { return e.text.indexOf(w) >= 0; });
        if (!e.node.hidden) shown++;
      });
      sections.forEach(function (section) { section.hidden = !section.querySelector(".entry:not([hidden])"); });
      // One announcement once typing pauses, not one per keystroke.
      clearTimeout(timer);
      timer = setTimeout(function () {
        status.textContent = words.length ? box.getAttribute("data-count").replace("{n}", shown).replace("{total}", entries.length) : "";
      }, 500);
    }
    input.addEventListener("input", filter);
    box.hidden = false;
    // The buttons go in a few at a time while the page is idle: they sit in room the term line
    // keeps for them, so the page neither waits for them nor moves when they come.
    var idle = window.requestIdleCallback || function (fn) { return setTimeout(fn, 1); }, next = 0;
    (function addSome() {
      entries.slice(next, next + 12).forEach(function (e) { addCopyButton(e.node, box, status); });
      next += 12;
      if (next < entries.length) idle(addSome);
    })();
  }
  // The clipboard API where the page may use it (https, localhost, file), else (or when it
  // refuses) the older copy command on a scratch text box.
  function copyText(text) {
    var api = navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(text) : Promise.reject();
    return api.catch(function () {
      var scratch = document.createElement("textarea"), focused = document.activeElement, done = false;
      scratch.value = text;
      scratch.setAttribute("readonly", "");
      scratch.style.position = "fixed";
      scratch.style.opacity = "0";
      document.body.appendChild(scratch);
      scratch.select();
      try { done = document.execCommand("copy"); } catch (e) { done = false; }
      document.body.removeChild(scratch);
      if (focused && focused.focus) focused.focus();
      if (!done) throw new Error("copy refused");
    });
  }
  function addCopyButton(entry, box, status) {
    var link = entry.querySelector(".entry-link"), term = entry.querySelector("dfn");
    if (!link || !term) return;
    var button = document.createElement("button"), label = box.getAttribute("data-copy");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = label;
    button.setAttribute("aria-label", box.getAttribute("data-copy-named").replace("{term}", term.textContent));
    button.addEventListener("click", function () {
      var url = window.location.href.split("#")[0] + "#" + entry.id;
      copyText(url).then(function () {
        button.textContent = box.getAttribute("data-copied");
        status.textContent = box.getAttribute("data-copied");
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {});
    });
    link.parentNode.insertBefore(button, link.nextSibling);
    link.parentNode.insertBefore(document.createTextNode(" "), button);
  }

  setupGlossaryFilter();
})();
