/* attune serve: live reload and the build-error overlay. Injected only by `attune serve`. */
(function () {
  "use strict";
  function overlay(list) {
    var box = document.getElementById("attune-overlay");
    if (!box) {
      box = document.createElement("div");
      box.id = "attune-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f5f5f5;padding:2rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var title = document.createElement("h2");
    title.textContent = "attune: the last change has " + list.length + " problem" + (list.length === 1 ? "" : "s") + ". The page shows the last good build.";
    title.style.cssText = "font:600 18px system-ui,sans-serif;color:#ff8f85;margin:0 0 1rem";
    box.appendChild(title);
    list.forEach(function (d) {
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0 0 1.25rem;border-left:4px solid " + (d.severity === "error" ? "#ff8f85" : "#f0c060") + ";padding-left:1rem";
      pre.textContent = d.text || (d.severity + "[" + d.code + "]: " + d.message + "\n  --> " + d.file + ":" + d.line + ":" + d.column + (d.help ? "\n  = help: " + d.help : ""));
      box.appendChild(pre);
    });
  }
  function clear() {
    var box = document.getElementById("attune-overlay");
    if (box) box.remove();
  }
  fetch("/__attune/status").then(function (r) { return r.json(); }).then(function (s) {
    if (s.errors) overlay(s.errors); else clear();
  }).catch(function () {});
  var source = new EventSource("/__attune/events");
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("errors", function (e) { try { overlay(JSON.parse(e.data)); } catch (err) {} });
})();
