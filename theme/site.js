/* attune site script: theme toggle, tooltips (Escape, kept in the window), `/` to search (the
   search page can turn it off), lazy search loading, reading-path progress (localStorage
   only, never sent anywhere), print button. No network. */
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
    // Without a stored choice the page follows the system scheme: keep the button's state with it.
    var scheme = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)");
    if (scheme && scheme.addEventListener) scheme.addEventListener("change", sync);
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
  // `/` jumps to search unless the reader turned it off on the search page (WCAG 2.1.4).
  var SHORTCUT_KEY = "attune-slash-shortcut";
  function setupSearchKeys() {
    var box = document.getElementById("q");
    if (box) {
      box.addEventListener("focus", loadSearch);
      box.addEventListener("input", loadSearch);
    }
    if (document.getElementById("search-page")) loadSearch();
    var setting = document.getElementById("slash-shortcut");
    if (setting) {
      setting.checked = load(SHORTCUT_KEY) !== "off";
      setting.addEventListener("change", function () { store(SHORTCUT_KEY, setting.checked ? null : "off"); });
      setting.closest("[hidden]").hidden = false;
    }
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && load(SHORTCUT_KEY) !== "off") {
        var input = document.getElementById("search-input") || box;
        if (input) { event.preventDefault(); input.focus(); }
      }
      if (event.key === "Escape") dismissTips();
    });
  }

  // Tooltips: CSS shows them; Escape hides every open one until it is neither hovered nor
  // focused, and an open one is moved sideways to stay inside the window.
  function openTips() {
    return Array.prototype.filter.call(document.querySelectorAll(".term-wrap"), function (wrap) {
      return wrap.matches(":hover") || wrap.contains(document.activeElement);
    });
  }
  function dismissTips() { openTips().forEach(function (wrap) { wrap.classList.add("tip-dismissed"); }); }
  function placeTip(wrap) {
    var tip = wrap.querySelector(".term-tip");
    if (!tip) return;
    tip.style.removeProperty("--tip-shift");
    var rect = tip.getBoundingClientRect(), room = document.documentElement.clientWidth - 8, shift = 0;
    if (!rect.width) return;
    if (rect.right > room) shift = room - rect.right;
    if (rect.left + shift < 8) shift = 8 - rect.left;
    if (shift) tip.style.setProperty("--tip-shift", Math.round(shift) + "px");
  }
  function setupTips() {
    function update(event) {
      var open = openTips();
      Array.prototype.forEach.call(document.querySelectorAll(".term-wrap.tip-dismissed"), function (wrap) {
        if (open.indexOf(wrap) < 0) wrap.classList.remove("tip-dismissed");
      });
      var wrap = event.target.closest && event.target.closest(".term-wrap");
      if (wrap) placeTip(wrap);
    }
    document.addEventListener("mouseover", update);
    document.addEventListener("focusin", update);
  }

  function setupProgress() {
    var path = document.querySelector("[data-path]");
    if (!path) return;
    var key = "attune-progress:" + path.getAttribute("data-path");
    var boxes = Array.prototype.slice.call(path.querySelectorAll("input.step-done"));
    var status = document.getElementById("path-progress");
    var bar = path.querySelector(".progress-bar");
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
      if (bar) bar.value = count;
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

  // "On this page" (issue 26): open beside the article on wide screens, collapsed in the flow
  // on narrow ones; the link of the heading being read is marked aria-current="true".
  function setupToc() {
    var toc = document.querySelector(".toc");
    if (!toc) return;
    var wide = matchMedia("(min-width: 62.5rem)"), links = [].slice.call(toc.querySelectorAll("a")), current, queued;
    function fit() { var d = toc.querySelector("details"); if (d) d.open = wide.matches; }
    function mark() {
      var at = links[0], line = innerHeight * 0.3;
      queued = false;
      links.forEach(function (a) {
        var h = document.getElementById(decodeURIComponent(a.hash.slice(1)));
        if (h && h.getBoundingClientRect().top < line) at = a;
      });
      if (current) current.removeAttribute("aria-current");
      (current = at).setAttribute("aria-current", "true");
    }
    function queue() { if (!queued) queued = requestAnimationFrame(mark); }
    fit();
    wide.addListener(fit);
    addEventListener("scroll", queue, { passive: true });
    addEventListener("resize", queue);
    mark();
  }

  setupToggle();
  setupToc();
  setupSearchKeys();
  setupTips();
  setupProgress();
  setupPrint();
})();
