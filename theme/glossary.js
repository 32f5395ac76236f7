/* attune glossary script (the glossary page only): a filter box that narrows the entries as
   the reader types (hidden without JS, when the whole list shows) and a copy-link button
   beside each entry's link. Its texts come from the page (data-* of .glossary-filter). */
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
    if (navigator.clipboard && window.isSecureContext) entries.forEach(function (e) { addCopyButton(e.node, box, status); });
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
      navigator.clipboard.writeText(url).then(function () {
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
