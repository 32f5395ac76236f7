/* attune search: queries the index that `attune build` writes to search/ (src/search in Rust).
   The index files are scripts that register their data (so search works from file://); this
   script loads only the shards a query needs, ranks with exactly the rules of src/search/query.rs
   and draws the header popup and the search page. Index text is inserted with textContent only.
   ES2017, no modules, no WebAssembly, no network beyond the site's own search/ files. */
(function () {
  "use strict";

  // Ranking rules: keep in step with src/search/query.rs and src/search/excerpt.rs.
  var EXACT = 1.0, PREFIX = 0.8, TYPO_ONE = 0.6, TYPO_TWO = 0.4, SYNONYM = 0.9;
  var PREFIX_MIN = 2, TYPO_ONE_MIN = 4, TYPO_TWO_MIN = 8, MAX_CANDIDATES = 8, MAX_WORDS = 10;
  var LEVELS = 32, VERSION = 1, WINDOW = 24, LEAD = 4;
  var KINDS = ["Article", "Glossary", "Reading path", "Page"];
  var IGNORABLE = /[\u0300-\u036f'\u2019\u02bc]/;
  var WHITESPACE = /[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

  // ---- Index data, registered by the index files ----

  var index = { entry: null, vocab: {}, postings: {}, docs: {}, filter: null };
  // Dictionaries keyed by words have no prototype, so "constructor" is just a word.
  var stopWords = Object.create(null), fold = Object.create(null), wordStarts = [], wordEnds = [];
  var base = (document.documentElement.getAttribute("data-root") || "./") + "search/";
  var loads = {};

  window.__attuneSearch = function (entry) {
    index.entry = entry;
    stopWords = Object.create(null);
    entry.stop.split(" ").forEach(function (w) { stopWords[w] = true; });
    fold = Object.create(null);
    entry.fold.split(" ").forEach(function (pair) {
      var first = String.fromCodePoint(pair.codePointAt(0));
      fold[first] = pair.slice(first.length);
    });
    // Letters and digits beyond ASCII, as ranges from the index (src/search/unicode.rs), so this
    // script splits words exactly as the build did whatever Unicode version the browser has.
    var ranges = readInts(entry.wc), at = 0x80;
    wordStarts = [];
    wordEnds = [];
    for (var i = 0; i + 1 < ranges.length; i += 2) {
      at += ranges[i];
      wordStarts.push(at);
      at += ranges[i + 1];
      wordEnds.push(at);
    }
  };
  window.__attuneVocab = function (i, data) { index.vocab[i] = decodeVocab(data); };
  window.__attunePostings = function (i, data) { index.postings[i] = { first: data.s, lists: data.l, decoded: {} }; };
  window.__attuneDocs = function (i, docs) { index.docs[i] = docs; };
  window.__attuneFilter = function (data) { index.filter = { s: readInts(data.s), a: readInts(data.a) }; };

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(script);
    });
  }
  var loader = loadScript;

  function load(file) {
    if (!loads[file]) {
      loads[file] = loader(base + file).catch(function (error) { delete loads[file]; throw error; });
    }
    return loads[file];
  }

  function ready() {
    return load("index.js").then(function () {
      if (!index.entry || index.entry.v !== VERSION) throw new Error("search index missing or of another version");
      return index.entry;
    });
  }

  function loadAll(prefix, numbers) {
    if (!index.entry.sharded) return Promise.resolve();
    var files = {};
    numbers.forEach(function (i) { files[prefix + i + ".js"] = true; });
    return Promise.all(Object.keys(files).map(load));
  }

  // ---- Compact integers, vocabulary and postings (see src/search/codec.rs) ----

  function readInts(s) {
    var out = [], lead = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      var v = c - 33 - (c > 34 ? 1 : 0) - (c > 92 ? 1 : 0);
      if (v >= 64) lead = lead * 28 + (v - 64);
      else { out.push(lead * 64 + v); lead = 0; }
    }
    return out;
  }

  function countInts(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c - 33 - (c > 34 ? 1 : 0) - (c > 92 ? 1 : 0) < 64) n++;
    }
    return n;
  }

  function decodeVocab(data) {
    var shared = readInts(data.k), rest = data.w.split(" "), deltas = readInts(data.s);
    var words = [], stems = [], prev = "", stem = 0, synonyms = Object.create(null);
    for (var i = 0; i < shared.length; i++) {
      prev = prev.slice(0, shared[i]) + rest[i];
      words.push(prev);
      stem += deltas[i] % 2 === 0 ? deltas[i] / 2 : -(deltas[i] + 1) / 2;
      stems.push(stem);
    }
    data.y.forEach(function (s) { (synonyms[s[0]] = synonyms[s[0]] || []).push({ rest: s[1], phrase: s[2] }); });
    return { words: words, stems: stems, buckets: data.f === undefined ? null : readInts(data.f), synonyms: synonyms,
      others: data.o || [] };
  }

  function dfBucket(df) {
    if (!df) return 0;
    var log = 31 - Math.clz32(df);
    var half = log >= 1 ? (df >>> (log - 1)) & 1 : 0;
    return Math.min(63, 1 + 2 * log + half);
  }

  function postingsShardFor(stem) {
    return lastAtOrBefore(index.entry.pb, stem);
  }

  function rawPostings(stem) {
    var shard = index.postings[postingsShardFor(stem)];
    return shard ? shard.lists[stem - shard.first] : undefined;
  }

  function vocabShard(i) {
    var shard = index.vocab[i];
    if (shard && !shard.buckets) {
      // Unsharded indexes leave out document-frequency classes: count the postings instead.
      shard.buckets = shard.stems.map(function (stem) {
        var list = rawPostings(stem);
        return dfBucket(list ? countInts(list) : 0);
      });
    }
    return shard;
  }

  function postings(stem) {
    var shard = index.postings[postingsShardFor(stem)];
    if (!shard || stem < shard.first || stem - shard.first >= shard.lists.length) return { docs: [], levels: [] };
    var cached = shard.decoded[stem];
    if (cached) return cached;
    var numbers = readInts(shard.lists[stem - shard.first]), docs = [], levels = [], prev = -1;
    numbers.forEach(function (n) {
      prev = prev + 1 + Math.floor(n / LEVELS);
      docs.push(prev);
      levels.push(n % LEVELS);
    });
    return (shard.decoded[stem] = { docs: docs, levels: levels });
  }

  function getDoc(id) {
    var chunk = index.docs[Math.floor(id / index.entry.chunk)];
    var d = chunk && chunk[id % index.entry.chunk];
    if (!d) return null;
    return { id: id, url: d[0], title: d[1], kind: d[2], section: d[3], audiences: d[4], summary: d[5],
      parts: d[6].map(function (p) { return { anchor: p[0], heading: p[1], text: p[2] }; }) };
  }

  // ---- Text rules (see src/search/text.rs) ----

  function isWordCode(cp) {
    if (cp < 128) return (cp >= 48 && cp <= 57) || (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
    var lo = 0, hi = wordEnds.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (wordEnds[mid] <= cp) lo = mid + 1; else hi = mid;
    }
    return lo < wordStarts.length && wordStarts[lo] <= cp;
  }

  function isApostrophe(cp) { return cp === 39 || cp === 0x2019 || cp === 0x2bc; }

  function splitQuery(text) {
    var words = [], word = "";
    for (var ch of text.toLowerCase()) {
      if (IGNORABLE.test(ch)) continue;
      var folded = fold[ch];
      if (folded !== undefined) word += folded;
      else if (isWordCode(ch.codePointAt(0))) word += ch;
      else if (word) { words.push(word); word = ""; }
    }
    var typing = word !== "";
    if (typing) words.push(word);
    return { words: words, typing: typing };
  }

  function parseQuery(q) {
    var split = splitQuery(q), words = [];
    split.words.forEach(function (word, i) {
      var prefix = split.typing && i === split.words.length - 1 && word.length >= PREFIX_MIN;
      if ((stopWords[word] && !prefix) || words.some(function (w) { return w.text === word; })) return;
      words.push({ text: word, prefix: prefix });
    });
    return words.slice(0, MAX_WORDS);
  }

  function prefixUnits(s, units) {
    var used = 0, out = "";
    for (var ch of s) {
      used += ch.length;
      if (used > units) break;
      out += ch;
    }
    return out;
  }

  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return -1;
    var width = b.length + 1, before = new Array(width).fill(0), prev = [], cur = new Array(width).fill(0);
    for (var j = 0; j < width; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      cur[0] = i;
      var rowMin = i;
      for (j = 1; j < width; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var best = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
          best = Math.min(best, before[j - 2] + 1);
        }
        cur[j] = best;
        rowMin = Math.min(rowMin, best);
      }
      if (rowMin > max) return -1;
      var t = before; before = prev; prev = cur; cur = t;
    }
    return prev[b.length] <= max ? prev[b.length] : -1;
  }

  // ---- Shard routing (see src/search/model.rs) ----

  function lastAtOrBefore(bounds, key) {
    var lo = 0, hi = bounds.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (bounds[mid] <= key) lo = mid + 1; else hi = mid;
    }
    return Math.max(0, lo - 1);
  }

  function shardsForPrefix(prefix) {
    var bounds = index.entry.vb, first = lastAtOrBefore(bounds, prefix), out = [first];
    for (var i = first + 1; i < bounds.length && bounds[i].startsWith(prefix); i++) out.push(i);
    return out;
  }

  function typoShards(word) {
    var head = prefixUnits(word, 2), shards = shardsForPrefix(head), chars = Array.from(head);
    if (chars.length === 2 && chars[0] !== chars[1]) shards = shards.concat(shardsForPrefix(chars[1] + chars[0]));
    return shards.filter(function (s, i) { return shards.indexOf(s) === i; }).sort(function (a, b) { return a - b; });
  }

  function findWord(shard, word) {
    var words = shard.words, lo = 0, hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid] < word) lo = mid + 1; else hi = mid;
    }
    return lo < words.length && words[lo] === word ? lo : -1;
  }

  // ---- Query (see src/search/query.rs) ----

  function Session() { this.used = {}; }
  Session.prototype.vocab = function (i) { this.used[i] = true; return vocabShard(i); };
  Session.prototype.lookup = function (word) {
    var s = lastAtOrBefore(index.entry.vb, word), shard = this.vocab(s);
    var i = shard ? findWord(shard, word) : -1;
    return i < 0 ? null : { shard: s, i: i };
  };

  function byKey(keys) {
    return function (x, y) {
      var a = keys(x), b = keys(y);
      for (var k = 0; k < a.length; k++) {
        if (a[k] < b[k]) return -1;
        if (a[k] > b[k]) return 1;
      }
      return 0;
    };
  }

  function addCandidates(found, candidates) {
    var added = 0;
    for (var c = 0; c < candidates.length && added < MAX_CANDIDATES; c++) {
      var cand = candidates[c], stem = index.vocab[cand.shard].stems[cand.i];
      if (found.some(function (f) { return index.vocab[f.shard].stems[f.i] === stem; })) continue;
      found.push(cand);
      added++;
    }
  }

  async function matchWord(session, word) {
    var clause = { alts: [], exact: null }, found = [];
    var vb = index.entry.vb;
    await loadAll("v", [lastAtOrBefore(vb, word.text)].concat(word.prefix ? shardsForPrefix(word.text) : []));
    var hit = session.lookup(word.text);
    if (hit) {
      found.push({ shard: hit.shard, i: hit.i, mult: EXACT });
      clause.exact = { shard: hit.shard, stem: index.vocab[hit.shard].stems[hit.i] };
    }
    if (word.prefix) {
      var list = [];
      shardsForPrefix(word.text).forEach(function (s) {
        var shard = session.vocab(s);
        if (!shard) return;
        for (var i = 0; i < shard.words.length; i++) {
          var w = shard.words[i];
          if (w !== word.text && w.startsWith(word.text)) list.push({ shard: s, i: i, mult: PREFIX });
        }
      });
      list.sort(byKey(function (c) {
        var shard = index.vocab[c.shard], w = shard.words[c.i];
        return [-shard.buckets[c.i], w.length, w];
      }));
      addCandidates(found, list);
    }
    var len = word.text.length;
    if (!found.length && len >= TYPO_ONE_MIN) {
      var max = len >= TYPO_TWO_MIN ? 2 : 1, scope = typoShards(word.text), typos = [];
      await loadAll("v", scope);
      scope.forEach(function (s) {
        var shard = session.vocab(s);
        if (!shard) return;
        for (var i = 0; i < shard.words.length; i++) {
          var w = shard.words[i];
          if (Math.abs(w.length - len) > max) continue;
          var d = editDistance(word.text, w, max);
          if (d > 0) typos.push({ d: d, shard: s, i: i, mult: d === 1 ? TYPO_ONE : TYPO_TWO });
        }
      });
      typos.sort(byKey(function (c) { return [c.d, -index.vocab[c.shard].buckets[c.i], index.vocab[c.shard].words[c.i]]; }));
      addCandidates(found, typos);
    }
    found.forEach(function (f) {
      var shard = index.vocab[f.shard], stem = shard.stems[f.i];
      clause.alts.push({ stem: stem, mult: f.mult });
      (shard.synonyms[stem] || []).forEach(function (syn) {
        if (!syn.rest.length) clause.alts.push({ phrase: syn.phrase, mult: f.mult * SYNONYM });
      });
    });
    return clause;
  }

  function addPhraseSynonyms(clauses) {
    clauses.forEach(function (clause, i) {
      if (!clause.exact) return;
      var list = index.vocab[clause.exact.shard].synonyms[clause.exact.stem] || [];
      list.forEach(function (syn) {
        if (!syn.rest.length) return;
        var follows = syn.rest.every(function (stem, j) {
          var next = clauses[i + 1 + j];
          return next && next.exact && next.exact.stem === stem;
        });
        if (!follows) return;
        for (var k = i; k <= i + syn.rest.length; k++) clauses[k].alts.push({ phrase: syn.phrase, mult: SYNONYM });
      });
    });
  }

  function scoreClause(session, clause, n, marked) {
    var imp = index.entry.imp, best = new Float64Array(n);
    clause.alts.forEach(function (alt) {
      var p, k, v;
      if (alt.phrase === undefined) {
        marked[alt.stem] = true;
        p = postings(alt.stem);
        for (k = 0; k < p.docs.length; k++) {
          v = alt.mult * imp[p.levels[k]];
          if (v > best[p.docs[k]]) best[p.docs[k]] = v;
        }
        return;
      }
      var sums = new Float64Array(n);
      alt.phrase.forEach(function (word) {
        var hit = session.lookup(word);
        if (!hit) return;
        var stem = index.vocab[hit.shard].stems[hit.i];
        marked[stem] = true;
        p = postings(stem);
        for (k = 0; k < p.docs.length; k++) sums[p.docs[k]] += imp[p.levels[k]];
      });
      for (k = 0; k < n; k++) {
        v = alt.mult * (sums[k] / alt.phrase.length);
        if (v > best[k]) best[k] = v;
      }
    });
    return best;
  }

  function passesFilter(doc, options) {
    var entry = index.entry;
    if (options.audience) {
      var mask = index.filter.a[doc], bit = entry.audiences.indexOf(options.audience);
      if (mask !== 0 && !(bit >= 0 && bit < 52 && Math.floor(mask / Math.pow(2, bit)) % 2 === 1)) return false;
    }
    if (options.section) {
      var wanted = entry.sections.indexOf(options.section) + 1;
      if (wanted === 0 || index.filter.s[doc] !== wanted) return false;
    }
    return true;
  }

  /** Searches the site: resolves to at most `options.limit` (default 10) hits, best first. */
  async function query(q, options) {
    options = options || {};
    var limit = options.limit === undefined ? 10 : options.limit;
    await ready();
    var session = new Session(), words = parseQuery(q), clauses = [];
    // Fetch every word's shards at once; typo shards, needed less often, come later.
    await loadAll("v", [].concat.apply([], words.map(function (word) {
      return [lastAtOrBefore(index.entry.vb, word.text)].concat(word.prefix ? shardsForPrefix(word.text) : []);
    })));
    for (var w = 0; w < words.length; w++) clauses.push(await matchWord(session, words[w]));
    addPhraseSynonyms(clauses);
    var active = clauses.filter(function (c) { return c.alts.length > 0; });
    if (!active.length || limit === 0) return [];

    var vb = index.entry.vb, stems = {};
    var phraseWords = [];
    active.forEach(function (c) {
      c.alts.forEach(function (a) { if (a.phrase) phraseWords = phraseWords.concat(a.phrase); else stems[a.stem] = true; });
    });
    await loadAll("v", phraseWords.map(function (p) { return lastAtOrBefore(vb, p); }));
    phraseWords.forEach(function (p) {
      var hit = session.lookup(p);
      if (hit) stems[index.vocab[hit.shard].stems[hit.i]] = true;
    });
    await loadAll("p", Object.keys(stems).map(function (s) { return postingsShardFor(Number(s)); }));

    var n = index.entry.n, marked = {};
    var scores = active.map(function (c) { return scoreClause(session, c, n, marked); });
    var ranked = [];
    for (var doc = 0; doc < n; doc++) {
      var total = 0, matched = 0;
      for (var c = 0; c < scores.length; c++) {
        if (scores[c][doc] > 0) { total += scores[c][doc]; matched++; }
      }
      if (matched > 0) {
        var coverage = matched / active.length;
        ranked.push({ doc: doc, score: total * (coverage * coverage) });
      }
    }
    if (options.audience || options.section) {
      if (index.entry.sharded) await load("f.js");
      ranked = ranked.filter(function (r) { return passesFilter(r.doc, options); });
    }
    ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    ranked = ranked.slice(0, limit);
    await loadAll("d", ranked.map(function (r) { return Math.floor(r.doc / index.entry.chunk); }));

    var markedWords = Object.create(null);
    Object.keys(session.used).forEach(function (s) {
      var shard = index.vocab[s];
      if (!shard) return;
      shard.words.forEach(function (word, i) { if (marked[shard.stems[i]]) markedWords[word] = true; });
      shard.others.forEach(function (o) {
        if (marked[o[0]]) o[1].forEach(function (word) { markedWords[word] = true; });
      });
    });
    return ranked.map(function (r) {
      var d = getDoc(r.doc);
      if (!d) return null;
      var excerpt = makeExcerpt(d, markedWords);
      return {
        url: d.url, title: d.title, anchor: excerpt.anchor, score: r.score, excerpt: excerpt.segments,
        kind: d.kind, section: d.section ? index.entry.sections[d.section - 1] : "",
        audiences: d.audiences.map(function (a) { return index.entry.audiences[a]; })
      };
    }).filter(Boolean);
  }

  // ---- Excerpts (see src/search/excerpt.rs) ----

  // Words in a text: runs of letters, digits, apostrophes and combining accents, without
  // apostrophes at either end; `word` is the normalised form.
  function spans(text) {
    var out = [], i = 0, n = text.length;
    function inSpan(cp) { return isWordCode(cp) || isApostrophe(cp) || (cp >= 0x300 && cp <= 0x36f); }
    while (i < n) {
      var cp = text.codePointAt(i);
      if (!inSpan(cp)) { i += cp > 0xffff ? 2 : 1; continue; }
      var start = i;
      while (i < n && inSpan((cp = text.codePointAt(i)))) i += cp > 0xffff ? 2 : 1;
      var end = i;
      while (start < end && isApostrophe(text.charCodeAt(start))) start++;
      while (end > start && isApostrophe(text.charCodeAt(end - 1))) end--;
      if (start < end) out.push({ start: start, end: end, word: splitQuery(text.slice(start, end)).words.join("") });
    }
    return out;
  }

  function countMarked(list, marked) {
    var seen = Object.create(null), n = 0;
    list.forEach(function (s) { if (marked[s.word] && !seen[s.word]) { seen[s.word] = true; n++; } });
    return n;
  }

  function makeExcerpt(doc, marked) {
    var best = null, score = countMarked(spans(doc.summary), marked);
    if (score > 0) best = { score: score, part: null };
    doc.parts.forEach(function (part) {
      var s = 2 * countMarked(spans(part.heading), marked) + countMarked(spans(part.text), marked);
      if (s > (best ? best.score : 0)) best = { score: s, part: part };
    });
    var part = best && best.part, source;
    if (part) source = part.text || doc.summary;
    else if (doc.summary) source = doc.summary;
    else source = (doc.parts.find(function (p) { return p.text; }) || { text: "" }).text;
    return { anchor: part ? part.anchor : null, segments: cutWindow(source, marked) };
  }

  function cutWindow(text, marked) {
    var list = spans(text);
    if (!list.length) return [{ text: text, mark: false }];
    var start = 0, best = 0;
    list.forEach(function (span, i) {
      if (!marked[span.word]) return;
      var from = Math.max(0, i - LEAD), count = countMarked(list.slice(from, Math.min(from + WINDOW, list.length)), marked);
      if (count > best) { best = count; start = from; }
    });
    start = Math.min(start, Math.max(0, list.length - WINDOW));
    var end = Math.min(start + WINDOW, list.length), textEnd = text.length;
    if (end < list.length) {
      // Keep punctuation after the last word, up to a space or the next word.
      textEnd = list[end - 1].end;
      while (textEnd < list[end].start && !WHITESPACE.test(text[textEnd])) textEnd++;
    }
    var out = [], at = list[start].start, prefix = start > 0 ? "\u2026 " : "";
    list.slice(start, end).forEach(function (span) {
      if (!marked[span.word]) return;
      out.push({ text: prefix + text.slice(at, span.start), mark: false });
      out.push({ text: text.slice(span.start, span.end), mark: true });
      prefix = "";
      at = span.end;
    });
    out.push({ text: prefix + text.slice(at, textEnd) + (end < list.length ? " \u2026" : ""), mark: false });
    return out.filter(function (s) { return s.text !== ""; });
  }

  // ---- Page: header popup and search page ----

  var offline = document.body && document.body.getAttribute("data-offline") === "true";
  var root = document.documentElement.getAttribute("data-root") || "./";

  function hitHref(hit) {
    var hash = hit.url.indexOf("#"), path = hash < 0 ? hit.url : hit.url.slice(0, hash);
    var fragment = hit.anchor ? "#" + hit.anchor : hash < 0 ? "" : hit.url.slice(hash);
    if (offline && (path === "" || path.endsWith("/"))) path += "index.html";
    return root + path + fragment;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function excerptNode(tag, className, segments) {
    var node = el(tag, className);
    segments.forEach(function (s) {
      node.appendChild(s.mark ? el("mark", null, s.text) : document.createTextNode(s.text));
    });
    return node;
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  function setupPopup() {
    var input = document.getElementById("q"), popup = document.getElementById("q-results");
    if (!input || !popup) return;
    var form = input.form, options = [], active = -1, generation = 0;
    popup.setAttribute("role", "listbox");

    function close() {
      popup.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function setActive(i) {
      options.forEach(function (o, k) { o.setAttribute("aria-selected", k === i ? "true" : "false"); });
      active = i;
      if (i >= 0) {
        input.setAttribute("aria-activedescendant", options[i].id);
        if (options[i].scrollIntoView) options[i].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    function render(q, hits) {
      popup.textContent = "";
      options = hits.map(function (hit, i) {
        var option = el("div", "search-option");
        option.id = "q-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var link = el("a", null, hit.title);
        link.href = hitHref(hit);
        link.tabIndex = -1;
        option.appendChild(link);
        var meta = hit.kind === 1 ? KINDS[1] : hit.section;
        if (meta) option.appendChild(el("p", "search-meta", meta));
        option.appendChild(excerptNode("p", "search-excerpt", hit.excerpt));
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { window.location.href = link.href; });
        popup.appendChild(option);
        return option;
      });
      if (!hits.length) popup.appendChild(el("p", "search-empty", "No results for \u201c" + q + "\u201d."));
      popup.hidden = false;
      input.setAttribute("aria-expanded", hits.length ? "true" : "false");
      setActive(-1);
    }
    var update = debounce(function () {
      var q = input.value.trim(), mine = ++generation;
      if (!q) { close(); return; }
      query(q, { limit: 8 }).then(function (hits) {
        if (mine === generation && document.activeElement === input) render(q, hits);
      }, function () {
        if (mine !== generation) return;
        popup.textContent = "";
        popup.appendChild(el("p", "search-empty", "Search is not available right now."));
        popup.hidden = false;
      });
    }, 80);

    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value.trim()) update(); });
    input.addEventListener("blur", function () { generation++; close(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (popup.hidden || !options.length) return;
        event.preventDefault();
        // Moves through the options and back to the input (no active option) at either end.
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next < -1) next = options.length - 1;
        setActive(next >= options.length ? -1 : next);
      } else if (event.key === "Enter" && active >= 0 && !popup.hidden) {
        event.preventDefault();
        window.location.href = options[active].querySelector("a").href;
      } else if (event.key === "Escape") {
        if (!popup.hidden) { event.preventDefault(); close(); }
      }
    });
    if (form) form.addEventListener("submit", function () { close(); });
    if (document.activeElement === input && input.value.trim()) update();
  }

  function setupSearchPage() {
    var page = document.getElementById("search-page"), input = document.getElementById("search-input");
    var list = document.getElementById("search-results"), status = document.getElementById("search-status");
    if (!page || !input || !list || !status) return;
    var audience = document.getElementById("search-audience"), section = document.getElementById("search-section");
    var params = new URLSearchParams(window.location.search), generation = 0, limit = 20;
    input.value = params.get("q") || "";

    function fill(select, values, chosen) {
      if (!select) return;
      if (select.options.length <= 1) {
        values.forEach(function (v) { var o = el("option", null, v); o.value = v; select.appendChild(o); });
      }
      if (chosen) select.value = chosen;
    }
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a.search-result-link")); }
    function render(q, hits) {
      list.textContent = "";
      hits.forEach(function (hit) {
        var item = el("li", "search-result"), heading = el("p", "search-result-title");
        var link = el("a", "search-result-link", hit.title);
        link.href = hitHref(hit);
        heading.appendChild(link);
        item.appendChild(heading);
        var badges = el("ul", "badges result-meta");
        (hit.kind ? [KINDS[hit.kind]] : []).concat(hit.section ? [hit.section] : [], hit.audiences).forEach(function (b) {
          badges.appendChild(el("li", "badge", b));
        });
        item.appendChild(badges);
        item.appendChild(excerptNode("p", "excerpt", hit.excerpt));
        list.appendChild(item);
      });
      if (hits.length === limit) {
        var more = el("li", "search-more"), button = el("button", null, "Show more results");
        button.type = "button";
        button.addEventListener("click", function () { limit += 20; run(); });
        more.appendChild(button);
        list.appendChild(more);
      }
      var shown = hits.length === limit ? "At least " + hits.length : String(hits.length);
      status.textContent = hits.length
        ? shown + (hits.length === 1 ? " result" : " results") + " for \u201c" + q + "\u201d"
        : "No results for \u201c" + q + "\u201d. Try fewer or different words.";
    }
    function run() {
      var q = input.value.trim(), mine = ++generation;
      var options = { limit: limit, audience: audience ? audience.value : "", section: section ? section.value : "" };
      var url = new URLSearchParams();
      if (q) url.set("q", q);
      if (options.audience) url.set("audience", options.audience);
      if (options.section) url.set("section", options.section);
      var search = url.toString();
      try { history.replaceState(null, "", search ? "?" + search : window.location.pathname); } catch (e) { /* file:// may refuse */ }
      if (!q) { list.textContent = ""; status.textContent = ""; return; }
      query(q, options).then(function (hits) { if (mine === generation) render(q, hits); }, function () {
        if (mine === generation) status.textContent = "Search is not available right now.";
      });
    }
    var later = debounce(function () { limit = 20; run(); }, 80);

    ready().then(function (entry) {
      fill(audience, entry.audiences, params.get("audience"));
      fill(section, entry.sections, params.get("section"));
      run();
    }, function () { status.textContent = "Search is not available right now."; });
    input.addEventListener("input", later);
    [audience, section].forEach(function (s) { if (s) s.addEventListener("change", function () { limit = 20; run(); }); });
    if (input.form) input.form.addEventListener("submit", function (event) { event.preventDefault(); limit = 20; run(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && links().length) { event.preventDefault(); links()[0].focus(); }
    });
    list.addEventListener("keydown", function (event) {
      var all = links(), i = all.indexOf(document.activeElement);
      if (i < 0 || (event.key !== "ArrowDown" && event.key !== "ArrowUp")) return;
      event.preventDefault();
      if (event.key === "ArrowDown" && i + 1 < all.length) all[i + 1].focus();
      else if (event.key === "ArrowUp") (i > 0 ? all[i - 1] : input).focus();
    });
    list.addEventListener("focusin", function (event) {
      Array.prototype.forEach.call(list.children, function (li) { li.classList.toggle("active", li.contains(event.target)); });
    });
    list.addEventListener("focusout", function () {
      Array.prototype.forEach.call(list.children, function (li) { li.classList.remove("active"); });
    });
  }

  window.attuneSearch = {
    query: query,
    ready: ready,
    parseQuery: parseQuery,
    splitQuery: splitQuery,
    editDistance: editDistance,
    /** Replaces the script loader (url -> Promise resolved once the script ran), for tests. */
    setLoader: function (fn) { loader = fn; loads = {}; },
    /** The hit's link, as the page draws it. */
    href: hitHref
  };

  function start() {
    setupPopup();
    setupSearchPage();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
