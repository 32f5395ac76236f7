#!/usr/bin/env node
/* Parity check: runs theme/search.js in Node on the index files that `jscheck.rs` wrote under
   target/jscheck/<case>/ and compares every query's hits (URL, anchor, score, excerpt), crisis
   flag and loaded files with the Rust ranking's (expected.json). Also compares the browser's
   English stemmer with rust-stemmers on target/jscheck/stems.json, and its Spanish stemmer
   (after the accents put back on folded words) with the build's on stems-es.json.

   cargo test --lib -- --ignored writes_indexes_for_the_node_check && node src/search/tests/jscheck.js

   Plain Node (no packages): a minimal document stands in for the page, and the index files are
   run in the script's own context, as <script> tags would run them. Exits 1 on any difference. */
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const repo = path.resolve(__dirname, "../../..");
const out = path.join(repo, "target/jscheck");
const script = fs.readFileSync(path.join(repo, "theme/search.js"), "utf8");

/** A fresh copy of theme/search.js with a stand-in document; returns its context. */
function loadScript() {
  const element = { getAttribute: () => null };
  const document = {
    readyState: "complete",
    documentElement: { getAttribute: (name) => (name === "data-root" ? "./" : null) },
    body: element,
    getElementById: () => null,
    addEventListener: () => {},
  };
  const context = { document, console, URLSearchParams, Promise, setTimeout, clearTimeout };
  context.window = context;
  vm.createContext(context);
  vm.runInContext(script, context, { filename: "theme/search.js" });
  return context;
}

/** Points the script's loader at `dir`, recording each file it loads into `files`. */
function useDir(context, dir, files) {
  context.attuneSearch.setLoader((url) => {
    const rel = url.replace(/^\.\//, "");
    files.add(rel);
    return new Promise((resolve, reject) => {
      const file = path.join(dir, rel);
      if (!fs.existsSync(file)) return reject(new Error("missing " + rel));
      vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: rel });
      resolve();
    });
  });
}

function excerptText(segments) {
  return segments.map((s) => (s.mark ? "[[mark]]" + s.text + "[[/mark]]" : s.text)).join("");
}

function sameScore(a, b) {
  return Math.abs(a - b) <= 1e-5 * Math.max(1, Math.abs(a), Math.abs(b));
}

function differences(expected, result, files) {
  const problems = [];
  if (!!expected.crisis !== !!result.crisis) problems.push(`crisis ${expected.crisis} vs ${result.crisis}`);
  const got = result.hits;
  if (got.length !== expected.hits.length) problems.push(`${expected.hits.length} hits vs ${got.length}`);
  expected.hits.forEach((want, i) => {
    const hit = got[i];
    if (!hit) return;
    if (hit.url !== want.url) problems.push(`#${i + 1} url ${want.url} vs ${hit.url}`);
    else if ((hit.anchor || null) !== (want.anchor || null)) problems.push(`#${i + 1} anchor ${want.anchor} vs ${hit.anchor}`);
    else if (!sameScore(hit.score, want.score)) problems.push(`#${i + 1} score ${want.score} vs ${hit.score}`);
    else if (excerptText(hit.excerpt) !== want.excerpt) problems.push(`#${i + 1} excerpt ${JSON.stringify(want.excerpt)} vs ${JSON.stringify(excerptText(hit.excerpt))}`);
  });
  const wantFiles = [...expected.files].sort().join(" ");
  const gotFiles = [...files].sort().join(" ");
  if (wantFiles !== gotFiles) problems.push(`files [${wantFiles}] vs [${gotFiles}]`);
  return problems;
}

async function checkCase(name) {
  const dir = path.join(out, name);
  const cases = JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8"));
  const context = loadScript();
  let failed = 0;
  for (const c of cases) {
    const files = new Set();
    useDir(context, dir, files);
    const options = { limit: c.options.limit, complete: !!c.options.complete };
    if (c.options.audience) options.audience = c.options.audience;
    if (c.options.section) options.section = c.options.section;
    let problems;
    try {
      const result = await context.attuneSearch.query(c.q, options);
      problems = differences(c, result, files);
    } catch (error) {
      problems = [String(error && error.stack ? error.stack : error)];
    }
    if (problems.length) {
      failed++;
      console.log(`${name}: ${JSON.stringify(c.q)} ${JSON.stringify(c.options)}\n  ${problems.join("\n  ")}`);
    }
  }
  console.log(`${name}: ${cases.length - failed} of ${cases.length} queries agree`);
  return { total: cases.length, failed };
}

function checkStems() {
  const file = path.join(out, "stems.json");
  const pairs = JSON.parse(fs.readFileSync(file, "utf8"));
  const stem = loadScript().attuneSearch.stem;
  const wrong = pairs.filter(([word, want]) => stem(word) !== want);
  wrong.slice(0, 30).forEach(([word, want]) => console.log(`stem ${word}: rust-stemmers ${want}, search.js ${stem(word)}`));
  console.log(`stemmer: ${pairs.length - wrong.length} of ${pairs.length} words agree`);
  return { total: pairs.length, failed: wrong.length };
}

function checkSpanishStems() {
  const file = path.join(out, "stems-es.json");
  if (!fs.existsSync(file)) return { total: 0, failed: 1 };
  const pairs = JSON.parse(fs.readFileSync(file, "utf8"));
  const stem = loadScript().attuneSearch.spanishStem;
  const wrong = pairs.filter(([word, want]) => stem(word) !== want);
  wrong.slice(0, 30).forEach(([word, want]) => console.log(`stem es ${word}: rust ${want}, search.js ${stem(word)}`));
  console.log(`Spanish stemmer: ${pairs.length - wrong.length} of ${pairs.length} words agree`);
  return { total: pairs.length, failed: wrong.length };
}

(async () => {
  if (!fs.existsSync(out)) {
    console.error(`${out} is missing: run cargo test --lib -- --ignored writes_indexes_for_the_node_check`);
    process.exit(1);
  }
  const names = fs.readdirSync(out).filter((n) => fs.existsSync(path.join(out, n, "expected.json"))).sort();
  let total = 0, failed = 0;
  for (const name of names) {
    const r = await checkCase(name);
    total += r.total;
    failed += r.failed;
  }
  const stems = checkStems();
  const spanish = checkSpanishStems();
  console.log(`parity: ${total - failed} of ${total} queries agree across ${names.length} indexes`);
  if (failed || stems.failed || spanish.failed || total === 0) process.exit(1);
})();
