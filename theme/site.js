/* attune site script: theme toggle, tooltip dismissal, `/` to search, lazy search loading,
   reading-path progress (localStorage only, never sent anywhere), print button. No network. */
(function () {
  "use strict";
  var doc = document.documentElement;
  function store(key, value) { try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) {} }
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }

  function isDark() {
    if (doc.dataset.theme) return doc.dataset.theme === "dark";
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function setupToggle() {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    var sync = function () { button.setAttribute("aria-pressed", isDark() ? "true" : "false"); };
    sync();
    button.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      doc.dataset.theme = next;
      store("attune-theme", next);
      sync();
    });
  }

  var searchLoading = false;
  function loadSearch() {
    if (searchLoading || window.attuneSearch) return;
    searchLoading = true;
    var script = document.createElement("script");
    script.src = document.body.getAttribute("data-search-script");
    document.head.appendChild(script);
  }
  function setupSearchKeys() {
    var box = document.getElementById("q");
    if (box) {
      box.addEventListener("focus", loadSearch);
      box.addEventListener("input", loadSearch);
    }
    if (document.getElementById("search-page")) loadSearch();
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        var input = document.getElementById("search-input") || box;
        if (input) { event.preventDefault(); input.focus(); }
      }
      if (event.key === "Escape") {
        var active = document.activeElement;
        if (active && active.classList && active.classList.contains("term")) active.classList.add("tip-dismissed");
      }
    });
    document.addEventListener("focusout", function (event) {
      if (event.target.classList && event.target.classList.contains("term")) event.target.classList.remove("tip-dismissed");
    });
  }

  function setupProgress() {
    var path = document.querySelector("[data-path]");
    if (!path) return;
    var key = "attune-progress:" + path.getAttribute("data-path");
    var boxes = Array.prototype.slice.call(path.querySelectorAll("input.step-done"));
    var status = document.getElementById("path-progress");
    var done = {};
    try { done = JSON.parse(load(key) || "{}") || {}; } catch (e) { done = {}; }
    function render() {
      var count = 0;
      boxes.forEach(function (box) {
        var slug = box.getAttribute("data-article");
        box.checked = !!done[slug];
        box.closest(".step").classList.toggle("done", box.checked);
        if (box.checked) count++;
      });
      if (status) status.textContent = count + " of " + boxes.length + " read";
    }
    boxes.forEach(function (box) {
      box.closest("label").hidden = false;
      box.addEventListener("change", function () {
        var slug = box.getAttribute("data-article");
        if (box.checked) done[slug] = true; else delete done[slug];
        store(key, JSON.stringify(done));
        render();
      });
    });
    var progressBox = document.querySelector(".progress-box");
    if (progressBox) progressBox.hidden = false;
    var clear = document.getElementById("clear-progress");
    if (clear) clear.addEventListener("click", function () { done = {}; store(key, null); render(); });
    render();
  }

  function setupPrint() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  setupToggle();
  setupSearchKeys();
  setupProgress();
  setupPrint();
})();
