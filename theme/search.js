/* attune search: queries the index that `attune build` writes to search/ (src/search in Rust).
   The index files are scripts that register their data (so search works from file://); this
   script loads only the shards a query needs, ranks with exactly the rules of src/search/query.rs
   and draws the header popup and the search page. Index text is inserted with textContent only.
   ES2017, no modules, no WebAssembly, no network beyond the site's own search/ files. */
(function () {
  "use strict";

  // Ranking rules: those of src/search/query.rs; the constants (R) come from the index entry
  // (src/search/rank.rs), the excerpt sizes match src/search/excerpt.rs.
  var R = null, LEVELS = 32, VERSION = 1, WINDOW = 24, LEAD = 4;
  var KINDS = ["Article", "Glossary", "Reading path", "Page"];
  var IGNORABLE = /[\u0300-\u036f'\u2019\u02bc]/;
  var WHITESPACE = /[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;

  // ---- Index data, registered by the index files ----

  var index = { entry: null, vocab: {}, postings: {}, docs: {}, filter: null, known: null, fallback: null };
  // Dictionaries keyed by words have no prototype, so "constructor" is just a word.
  var stopWords = Object.create(null), queryStop = Object.create(null), fold = Object.create(null), wordStarts = [], wordEnds = [];
  // Whether the fold table leaves ASCII letters and digits alone (so a lower-case ASCII word
  // is already normalised: see normalWord).
  var asciiPlain = true;
  var base = (document.documentElement.getAttribute("data-root") || "./") + "search/";
  var loads = {};

  window.__attuneSearch = function (entry) {
    index.entry = entry;
    R = entry.r;
    // <lang es>
    if ((entry.lang || "").split(/[-_]/)[0].toLowerCase() === "es") stem = stemSpanish;
    // </lang es>
    stopWords = Object.create(null);
    entry.stop.split(" ").forEach(function (w) { stopWords[w] = true; });
    queryStop = Object.create(null);
    entry.qstop.split(" ").forEach(function (w) { if (w) queryStop[w] = true; });
    fold = Object.create(null);
    entry.fold.split(" ").forEach(function (pair) {
      var first = String.fromCodePoint(pair.codePointAt(0));
      fold[first] = pair.slice(first.length);
    });
    asciiPlain = !Object.keys(fold).some(function (ch) { return /[a-z0-9]/.test(ch); });
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
  window.__attuneWords = function (data) { index.known = frontDecode(data.k, data.w); };
  window.__attuneFallback = function (data) { index.fallback = data; };

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

  function frontDecode(k, w) {
    var shared = readInts(k), rest = w.split(" "), out = [], prev = "";
    for (var i = 0; i < shared.length; i++) {
      prev = prev.slice(0, shared[i]) + rest[i];
      out.push(prev);
    }
    return out;
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
    var keys = data.tk ? frontDecode(data.tk, data.tw) : [], keyStems = [], id = 0;
    readInts(data.ts || "").forEach(function (d) { id += d % 2 === 0 ? d / 2 : -(d + 1) / 2; keyStems.push(id); });
    return { words: words, stems: stems, buckets: data.f === undefined ? null : readInts(data.f), synonyms: synonyms,
      others: data.o || [], keys: keys, keyStems: keyStems };
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
    return index.vocab[i];
  }

  // The document-frequency class of word `i` of `shard`. Unsharded indexes leave the classes
  // out: the word's postings are counted instead, when a ranking first needs it.
  function bucketOf(shard, i) {
    if (shard.buckets) return shard.buckets[i];
    var counted = shard.counted || (shard.counted = []);
    if (counted[i] === undefined) {
      var list = rawPostings(shard.stems[i]);
      counted[i] = dfBucket(list ? countInts(list) : 0);
    }
    return counted[i];
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
      parts: d[6].map(function (p) { return { anchor: p[0], heading: p[1], text: p[2] }; }), asks: d[7] || [] };
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

  // Words of a query with their quoting and gluing (src/search/text.rs split_query_tokens).
  function splitQueryTokens(text) {
    var tokens = [];
    text.split(/["\u201c\u201d]/).forEach(function (part, segment) {
      part.split(WHITESPACE).forEach(function (run) {
        var compound = /[-/]/.test(run);
        splitQuery(run).words.forEach(function (w, k) {
          tokens.push({ text: w, quoted: segment % 2 === 1, glued: compound && k > 0 });
        });
      });
    });
    return { tokens: tokens, typing: splitQuery(text).typing };
  }

  function parseQuery(q, complete) {
    var split = splitQueryTokens(q), tokens = split.tokens, typing = split.typing && !complete;
    function pick(dropFillers) {
      var words = [], keptPrevious = false;
      tokens.forEach(function (token, i) {
        var prefix = typing && i === tokens.length - 1 && token.text.length >= R.prefix_min;
        var filler = dropFillers && !token.quoted && queryStop[token.text] === true;
        var duplicate = words.some(function (w) { return w.text === token.text; });
        if (((stopWords[token.text] || filler) && !prefix) || duplicate) { keptPrevious = false; return; }
        words.push({ text: token.text, prefix: prefix, glued: token.glued && keptPrevious });
        keptPrevious = true;
      });
      return words;
    }
    var words = pick(tokens.length > 1);
    if (!words.length) words = pick(false);
    return { words: words.slice(0, R.max_words), all: tokens.map(function (t) { return t.text; }), typing: typing };
  }

  // ---- Crisis wording (see src/search/crisis.rs) ----

  function crisisWordMatches(q, p, lastTyped) {
    if (q.text === p.text || q.stem === p.stem) return true;
    if (p.text.length >= R.crisis_typo_min && editDistance(q.text, p.text, 1) >= 0) return true;
    return lastTyped && q.text.length >= 3 && p.text.startsWith(q.text);
  }

  function crisisFrom(phrase, query, after, typing) {
    if (!phrase.length) return true;
    var from = after === null ? 0 : after + 1, to = after === null ? query.length : Math.min(after + 3, query.length);
    for (var i = from; i < to; i++) {
      var lastTyped = typing && i + 1 === query.length && phrase.length === 1 && after !== null;
      if (crisisWordMatches(query[i], phrase[0], lastTyped) && crisisFrom(phrase.slice(1), query, i, typing)) return true;
    }
    return false;
  }

  function isCrisis(all, typing) {
    var entry = index.entry;
    if (entry.help === null || entry.help === undefined) return false;
    var query = all.map(function (w) { return { text: w, stem: stem(w) }; });
    return entry.crisis.some(function (words) {
      var phrase = words.map(function (w) { return { text: w, stem: stem(w) }; });
      return phrase.length > 0 && crisisFrom(phrase, query, null, typing);
    });
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

  // ---- English stemming: the Snowball English (Porter2) algorithm, as rust-stemmers runs it
  // at build time (src/search/build.rs), written from the algorithm's published description.
  // Words arrive normalised (lower case, no apostrophes). ----

  var STEM_SPECIAL = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
    gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news",
    howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes" };
  var STEM_AFTER_1A = { inning: 1, outing: 1, canning: 1, herring: 1, earring: 1, proceed: 1, exceed: 1, succeed: 1 };
  var STEP2 = [["ization", "ize"], ["ational", "ate"], ["fulness", "ful"], ["ousness", "ous"], ["iveness", "ive"],
    ["tional", "tion"], ["biliti", "ble"], ["lessli", "less"], ["entli", "ent"], ["ation", "ate"], ["alism", "al"],
    ["aliti", "al"], ["ousli", "ous"], ["iviti", "ive"], ["fulli", "ful"], ["enci", "ence"], ["anci", "ance"],
    ["abli", "able"], ["izer", "ize"], ["ator", "ate"], ["alli", "al"], ["bli", "ble"], ["ogi", "og"], ["li", ""]];
  var STEP3 = [["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"],
    ["ative", ""], ["ical", "ic"], ["ness", ""], ["ful", ""]];
  var STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive",
    "ize", "ion", "al", "er", "ic"];

  function stemVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }

  // Start of the region after the first non-vowel that follows a vowel, from `from` on.
  function regionAfter(w, from) {
    for (var i = from + 1; i < w.length; i++) if (!stemVowel(w[i]) && stemVowel(w[i - 1])) return i + 1;
    return w.length;
  }

  function endsShortSyllable(w) {
    var n = w.length;
    if (n === 2) return stemVowel(w[0]) && !stemVowel(w[1]);
    return n >= 3 && !stemVowel(w[n - 3]) && stemVowel(w[n - 2]) && !stemVowel(w[n - 1]) && "wxY".indexOf(w[n - 1]) < 0;
  }

  // The longest of `list` (suffixes, or [suffix, replacement] pairs) that `w` ends with.
  function longestSuffix(w, list) {
    var best = null;
    list.forEach(function (item) {
      var s = typeof item === "string" ? item : item[0];
      if (w.endsWith(s) && (!best || s.length > (typeof best === "string" ? best : best[0]).length)) best = item;
    });
    return best;
  }

  function stemStep1a(w) {
    if (w.endsWith("sses")) return w.slice(0, -2);
    if (w.endsWith("ied") || w.endsWith("ies")) return w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
    if (w.endsWith("us") || w.endsWith("ss")) return w;
    if (w.endsWith("s") && /[aeiouy]/.test(w.slice(0, -2))) return w.slice(0, -1);
    return w;
  }

  function stemStep1b(w, r1) {
    var s = longestSuffix(w, ["eedly", "ingly", "edly", "eed", "ing", "ed"]);
    if (!s) return w;
    if (s === "eed" || s === "eedly") return w.length - s.length >= r1 ? w.slice(0, -s.length) + "ee" : w;
    var pre = w.slice(0, -s.length);
    if (!/[aeiouy]/.test(pre)) return w;
    if (/(at|bl|iz)$/.test(pre)) return pre + "e";
    if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(pre)) return pre.slice(0, -1);
    if (endsShortSyllable(pre) && r1 >= pre.length) return pre + "e";
    return pre;
  }

  function stemSteps2to5(w, r1, r2) {
    var n, s = longestSuffix(w, STEP2);
    if (s && w.length - s[0].length >= r1) {
      var pre = w.slice(0, -s[0].length);
      if (s[0] === "ogi") { if (pre.endsWith("l")) w = pre + "og"; }
      else if (s[0] === "li") { if (/[cdeghkmnrt]$/.test(pre)) w = pre; }
      else w = pre + s[1];
    }
    s = longestSuffix(w, STEP3);
    if (s && w.length - s[0].length >= r1 && (s[0] !== "ative" || w.length - 5 >= r2)) w = w.slice(0, -s[0].length) + s[1];
    s = longestSuffix(w, STEP4);
    if (s && w.length - s.length >= r2) {
      var before = w.slice(0, -s.length);
      if (s !== "ion" || /[st]$/.test(before)) w = before;
    }
    n = w.length;
    if (w[n - 1] === "e") {
      if (n - 1 >= r2 || (n - 1 >= r1 && !endsShortSyllable(w.slice(0, -1)))) w = w.slice(0, -1);
    } else if (w[n - 1] === "l" && n - 1 >= r2 && w[n - 2] === "l") w = w.slice(0, -1);
    return w;
  }

  function stem(word) {
    if (word.length <= 2) return word;
    if (STEM_SPECIAL[word] !== undefined && Object.prototype.hasOwnProperty.call(STEM_SPECIAL, word)) return STEM_SPECIAL[word];
    var w = word.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");
    var r1 = /^(gener|commun|arsen)/.test(w) ? w.match(/^(gener|commun|arsen)/)[0].length : regionAfter(w, 0);
    var r2 = regionAfter(w, r1);
    w = stemStep1a(w);
    if (Object.prototype.hasOwnProperty.call(STEM_AFTER_1A, w)) return w;
    w = stemStep1b(w, r1);
    var n = w.length;
    if (n > 2 && (w[n - 1] === "y" || w[n - 1] === "Y") && !stemVowel(w[n - 2])) w = w.slice(0, -1) + "i";
    return stemSteps2to5(w, r1, r2).replace(/Y/g, "y");
  }
  // <lang es>

  // ---- Spanish stemming: the Snowball Spanish algorithm, as rust-stemmers runs it at build time
  // (src/search/language.rs), written from the algorithm's published description. Words arrive
  // normalised and accent-folded; spanishReaccent first puts back the accents Spanish spelling
  // makes certain ("-ación", "-ución", "-logía"), as the build does. ----

  var ES_PRONOUNS = ["me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"];
  var ES_PRONOUN_VERBS = ["iéndo", "ándo", "ár", "ér", "ír", "ando", "iendo", "ar", "er", "ir", "yendo"];
  var ES_STEP1 = {};
  [["anza anzas ico ica icos icas ismo ismos able ables ible ibles ista istas oso osa osos osas amiento amientos imiento imientos", "del"],
    ["adora ador ación adoras adores aciones ante antes ancia ancias", "ic"],
    ["logía logías", "log"], ["ución uciones", "u"], ["encia encias", "ente"], ["amente", "amente"], ["mente", "mente"],
    ["idad idades", "idad"], ["iva ivo ivas ivos", "iva"]].forEach(function (group) {
    group[0].split(" ").forEach(function (suffix) { ES_STEP1[suffix] = group[1]; });
  });
  var ES_STEP1_LIST = Object.keys(ES_STEP1);
  var ES_Y_VERBS = ["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yó", "yas", "yes", "yais", "yamos"];
  var ES_VERBS = ("en es éis emos arían arías arán arás aríais aría aréis aríamos aremos ará aré erían erías erán " +
    "erás eríais ería eréis eríamos eremos erá eré irían irías irán irás iríais iría iréis iríamos iremos irá iré " +
    "aba ada ida ía ara iera ad ed id ase iese aste iste an aban ían aran ieran asen iesen aron ieron ado ido ando " +
    "iendo ió ar er ir as abas adas idas ías aras ieras ases ieses ís áis abais íais arais ierais aseis ieseis " +
    "asteis isteis ados idos amos ábamos íamos imos áramos iéramos iésemos ásemos").split(" ");
  var ES_RESIDUAL = ["os", "a", "o", "á", "í", "ó", "e", "é"];
  var ES_PLAIN = { "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u" };

  function esVowel(c) { return c !== undefined && "aeiouáéíóúü".indexOf(c) >= 0; }

  // The first position after `from` past a letter that is (`vowel`) or is not a vowel, or -1.
  function esPast(w, from, vowel) {
    for (var i = from; i < w.length; i++) if (esVowel(w[i]) === vowel) return i + 1;
    return -1;
  }

  // RV: after the next vowel if the second letter is a consonant, after the next consonant if
  // the first two are vowels, else after the third letter; the end when there is none.
  function esRv(w) {
    var n = w.length, at = -1;
    if (n < 2) return n;
    if (esVowel(w[0])) at = esPast(w, 2, !esVowel(w[1]));
    else if (!esVowel(w[1])) at = esPast(w, 2, true);
    else at = n >= 3 ? 3 : -1;
    return at < 0 ? n : at;
  }

  // The longest of `list` that `w` ends with and that starts at or after `limit`, or null.
  function esAmong(w, list, limit) {
    var best = null;
    list.forEach(function (s) {
      if (w.endsWith(s) && w.length - s.length >= limit && (!best || s.length > best.length)) best = s;
    });
    return best;
  }

  function esPlain(s) { return s.replace(/[áéíóú]/g, function (c) { return ES_PLAIN[c]; }); }

  function esPronoun(w, rv) {
    var pronoun = esAmong(w, ES_PRONOUNS, 0);
    if (!pronoun) return w;
    var before = w.slice(0, -pronoun.length), verb = esAmong(before, ES_PRONOUN_VERBS, 0);
    if (!verb || before.length - verb.length < rv) return w;
    if (verb === "yendo") return before[before.length - 6] === "u" ? before : w;
    return before.slice(0, -verb.length) + esPlain(verb);
  }

  // Step 1; null when it removed nothing.
  function esStandard(w, r1, r2) {
    var s = esAmong(w, ES_STEP1_LIST, 0);
    if (!s) return null;
    var group = ES_STEP1[s], at = w.length - s.length;
    if (at < (group === "amente" ? r1 : r2)) return null;
    w = w.slice(0, at);
    var tail = function (list) {
      var t = esAmong(w, list, 0);
      return t && w.length - t.length >= r2 ? t : null;
    };
    var t;
    if (group === "ic" || group === "iva") {
      if ((t = tail([group === "ic" ? "ic" : "at"]))) w = w.slice(0, -t.length);
    } else if (group === "log" || group === "u" || group === "ente") {
      w += group;
    } else if (group === "amente") {
      if ((t = tail(["iv", "os", "ic", "ad"]))) {
        w = w.slice(0, -t.length);
        if (t === "iv" && (t = tail(["at"]))) w = w.slice(0, -t.length);
      }
    } else if (group === "mente" || group === "idad") {
      if ((t = tail(group === "mente" ? ["ante", "able", "ible"] : ["abil", "ic", "iv"]))) w = w.slice(0, -t.length);
    }
    return w;
  }

  function esVerb(w, rv) {
    var s = esAmong(w, ES_Y_VERBS, rv), at;
    if (s && w[w.length - s.length - 1] === "u") return w.slice(0, -s.length);
    s = esAmong(w, ES_VERBS, rv);
    if (!s) return w;
    at = w.length - s.length;
    if ((s === "en" || s === "es" || s === "éis" || s === "emos") && w[at - 1] === "u" && w[at - 2] === "g") at--;
    return w.slice(0, at);
  }

  function esResidual(w, rv) {
    var s = esAmong(w, ES_RESIDUAL, 0);
    if (!s || w.length - s.length < rv) return w;
    w = w.slice(0, -s.length);
    var n = w.length;
    if ((s === "e" || s === "é") && w[n - 1] === "u" && w[n - 2] === "g" && n - 1 >= rv) w = w.slice(0, -1);
    return w;
  }

  function spanishReaccent(w) {
    if (w.length > 5 && (w.endsWith("acion") || w.endsWith("ucion"))) return w.slice(0, -2) + "ón";
    if (w.length > 5 && w.endsWith("logia")) return w.slice(0, -2) + "ía";
    if (w.length > 6 && w.endsWith("logias")) return w.slice(0, -3) + "ías";
    return w;
  }

  function stemSpanish(word) {
    var w = spanishReaccent(word), rv = esRv(w), r1 = regionAfterEs(w, 0), r2 = regionAfterEs(w, r1);
    w = esPronoun(w, rv);
    var standard = esStandard(w, r1, r2);
    w = standard === null ? esVerb(w, rv) : standard;
    return esPlain(esResidual(w, rv));
  }

  function regionAfterEs(w, from) {
    var v = esPast(w, from, true);
    if (v < 0) return w.length;
    var c = esPast(w, v, false);
    return c < 0 ? w.length : c;
  }
  // </lang es>

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

  // ---- Query (see src/search/query.rs and src/search/candidates.rs) ----

  function Session() { this.used = {}; }
  Session.prototype.vocab = function (i) { this.used[i] = true; return vocabShard(i); };
  Session.prototype.lookup = function (word) {
    var s = lastAtOrBefore(index.entry.vb, word), shard = this.vocab(s);
    var i = shard ? findWord(shard, word) : -1;
    return i < 0 ? null : { shard: s, i: i, stem: shard.stems[i] };
  };
  // The shard and id of the stem of `word`: a stem key, else a word spelled like the stem.
  Session.prototype.lookupStem = async function (word) {
    var st = stem(word), s = lastAtOrBefore(index.entry.vb, st);
    await loadAll("v", [s]);
    var shard = this.vocab(s);
    if (!shard) return null;
    var k = findWord({ words: shard.keys }, st);
    if (k >= 0) return { shard: s, stem: shard.keyStems[k] };
    var i = findWord(shard, st);
    return i < 0 ? null : { shard: s, stem: shard.stems[i] };
  };
  Session.prototype.isKnown = async function (word) {
    if (!index.entry.kw) return false;
    await load("w.js");
    return findWord({ words: index.known || [] }, word) >= 0;
  };
  // Surface words of the searched shards whose stem is in `stems` (an object keyed by stem).
  Session.prototype.wordsOf = function (stems) {
    var out = Object.create(null);
    Object.keys(this.used).forEach(function (s) {
      var shard = index.vocab[s];
      if (!shard) return;
      shard.words.forEach(function (word, i) { if (stems[shard.stems[i]]) out[word] = true; });
      shard.others.forEach(function (o) { if (stems[o[0]]) o[1].forEach(function (word) { out[word] = true; }); });
    });
    return out;
  };

  // The shortest surface word (then the first in order) of each stem in `stems`.
  Session.prototype.shortestWords = function (stems) {
    var out = {};
    Object.keys(this.used).forEach(function (s) {
      var shard = index.vocab[s];
      if (!shard) return;
      shard.words.forEach(function (word, i) {
        var stem = shard.stems[i], had = out[stem];
        if (stems[stem] && (had === undefined || word.length < had.length || (word.length === had.length && word < had))) out[stem] = word;
      });
    });
    return out;
  };

  function hasDoc(list, doc) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < doc) lo = mid + 1; else hi = mid;
    }
    return list[lo] === doc;
  }

  // For each query word that matched document `doc`: the word (or synonym phrase) found there.
  function matchedWords(session, clauses, scores, doc, spelled) {
    var has = function (stem) { return hasDoc(postings(stem).docs, doc); };
    var out = [];
    clauses.forEach(function (clause, c) {
      if (!(scores[c][doc] > 0)) return;
      var found = null;
      clause.alts.some(function (alt) {
        if (alt.phrase === undefined) {
          if (spelled[alt.stem] !== undefined && has(alt.stem)) found = spelled[alt.stem];
        } else if (alt.phrase.every(function (w) { var hit = session.lookup(w); return hit && has(hit.stem); })) {
          found = alt.phrase.join(" ");
        }
        return found !== null;
      });
      if (found !== null && out.indexOf(found) < 0) out.push(found);
    });
    return out;
  }

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
    for (var c = 0; c < candidates.length && added < R.max_candidates; c++) {
      var cand = candidates[c];
      if (found.some(function (f) { return f.stem === cand.stem; })) continue;
      found.push(cand);
      added++;
    }
  }

  async function glueCompounds(session, words) {
    var out = [];
    for (var w = 0; w < words.length; w++) {
      var word = words[w], last = out[out.length - 1];
      if (word.glued && last) {
        var joined = last.text + word.text;
        await loadAll("v", [lastAtOrBefore(index.entry.vb, joined)]);
        if (session.lookup(joined) || (await session.lookupStem(joined))) {
          last.text = joined;
          last.prefix = word.prefix;
          continue;
        }
      }
      out.push({ text: word.text, prefix: word.prefix, glued: word.glued });
    }
    return out;
  }

  function prefixMatches(session, prefix) {
    var list = [];
    shardsForPrefix(prefix).forEach(function (s) {
      var shard = session.vocab(s);
      if (!shard) return;
      for (var i = 0; i < shard.words.length; i++) {
        var w = shard.words[i];
        if (w !== prefix && w.startsWith(prefix)) list.push({ shard: s, i: i });
      }
    });
    list.sort(byKey(function (c) {
      var shard = index.vocab[c.shard], w = shard.words[c.i];
      return [-bucketOf(shard, c.i), w.length, w];
    }));
    return list.map(function (c) { return { shard: c.shard, stem: index.vocab[c.shard].stems[c.i], mult: R.prefix }; });
  }

  async function typoMatches(session, word, max) {
    var scope = typoShards(word), typos = [];
    await loadAll("v", scope);
    scope.forEach(function (s) {
      var shard = session.vocab(s);
      if (!shard) return;
      for (var i = 0; i < shard.words.length; i++) {
        var w = shard.words[i];
        if (Math.abs(w.length - word.length) > max) continue;
        var d = editDistance(word, w, max);
        if (d > 0) typos.push({ d: d, shard: s, i: i });
      }
    });
    typos.sort(byKey(function (c) { return [c.d, -bucketOf(index.vocab[c.shard], c.i), index.vocab[c.shard].words[c.i]]; }));
    return typos.map(function (c) {
      return { shard: c.shard, stem: index.vocab[c.shard].stems[c.i], mult: c.d === 1 ? R.typo_one : R.typo_two };
    });
  }

  async function matchWord(session, word) {
    var clause = { alts: [], exact: null }, found = [];
    await loadAll("v", [lastAtOrBefore(index.entry.vb, word.text)].concat(word.prefix ? shardsForPrefix(word.text) : []));
    var hit = session.lookup(word.text);
    if (hit) {
      found.push({ shard: hit.shard, stem: hit.stem, mult: R.exact });
      clause.exact = { shard: hit.shard, stem: hit.stem };
    }
    if (word.prefix) addCandidates(found, prefixMatches(session, word.text));
    if (!found.length) {
      var stemmed = await session.lookupStem(word.text), typos = [], len = word.text.length;
      if (len >= R.typo_one_min && !(await session.isKnown(word.text))) {
        typos = await typoMatches(session, word.text, len >= R.typo_two_min ? 2 : 1);
      }
      if (!typos.length && stemmed) {
        found.push({ shard: stemmed.shard, stem: stemmed.stem, mult: R.exact });
        clause.exact = { shard: stemmed.shard, stem: stemmed.stem };
      }
      addCandidates(found, typos);
    }
    found.forEach(function (f) {
      var shard = index.vocab[f.shard];
      if (!shard) return;
      clause.alts.push({ stem: f.stem, mult: f.mult });
      (shard.synonyms[f.stem] || []).forEach(function (syn) {
        if (!syn.rest.length) clause.alts.push({ phrase: syn.phrase, mult: f.mult * R.synonym });
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
        for (var k = i; k <= i + syn.rest.length; k++) clauses[k].alts.push({ phrase: syn.phrase, mult: R.synonym });
      });
    });
  }

  function scoreClause(session, clause, n, marked) {
    var imp = index.entry.imp, best = new Float64Array(n), p, k, v;
    clause.alts.forEach(function (alt) {
      if (alt.phrase !== undefined) return;
      marked[alt.stem] = true;
      p = postings(alt.stem);
      for (k = 0; k < p.docs.length; k++) {
        v = alt.mult * imp[p.levels[k]];
        if (v > best[p.docs[k]]) best[p.docs[k]] = v;
      }
    });
    var literalBest = 0, synonymBest = 0, synonyms = new Float64Array(n);
    for (k = 0; k < n; k++) if (best[k] > literalBest) literalBest = best[k];
    clause.alts.forEach(function (alt) {
      if (alt.phrase === undefined) return;
      var sums = new Float64Array(n);
      alt.phrase.forEach(function (word) {
        var hit = session.lookup(word);
        if (!hit) return;
        marked[hit.stem] = true;
        p = postings(hit.stem);
        for (k = 0; k < p.docs.length; k++) sums[p.docs[k]] += imp[p.levels[k]];
      });
      for (k = 0; k < n; k++) {
        v = alt.mult * (sums[k] / alt.phrase.length);
        if (v > synonyms[k]) synonyms[k] = v;
      }
    });
    // Synonym scores are scaled (not clipped) to stay below the literal word's best score.
    for (k = 0; k < n; k++) if (synonyms[k] > synonymBest) synonymBest = synonyms[k];
    var cap = R.synonym_cap * literalBest;
    var scale = literalBest > 0 && synonymBest > cap ? cap / synonymBest : 1;
    for (k = 0; k < n; k++) if (synonyms[k] * scale > best[k]) best[k] = synonyms[k] * scale;
    return best;
  }

  function rankDocuments(scores, n) {
    var idf = index.entry.idf;
    var weights = scores.map(function (clause) {
      var df = 0;
      for (var d = 0; d < n; d++) if (clause[d] > 0) df++;
      var w = idf[dfBucket(df)];
      return w === undefined ? 1 : w;
    });
    var totalWeight = weights.reduce(function (a, b) { return a + b; }, 0), ranked = [];
    for (var doc = 0; doc < n; doc++) {
      var total = 0, matched = 0;
      for (var c = 0; c < scores.length; c++) {
        if (scores[c][doc] > 0) { total += scores[c][doc]; matched += weights[c]; }
      }
      if (matched > 0) {
        var coverage = matched / totalWeight;
        ranked.push({ doc: doc, score: total * (coverage * coverage) });
      }
    }
    ranked.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return ranked;
  }

  async function boostAdjacent(session, clauses, ranked) {
    var words = clauses.map(function (c) {
      var stems = {};
      c.alts.forEach(function (a) { if (a.phrase === undefined && a.mult >= R.exact) stems[a.stem] = true; });
      var words = session.wordsOf(stems);
      c.alts.forEach(function (a) { if (a.phrase && a.phrase.length > 1) a.phrase.forEach(function (w) { words[w] = true; }); });
      return words;
    });
    var pool = Math.min(ranked.length, R.proximity_pool);
    await loadAll("d", ranked.slice(0, pool).map(function (r) { return Math.floor(r.doc / index.entry.chunk); }));
    for (var r = 0; r < pool; r++) {
      var d = getDoc(ranked[r].doc);
      if (!d) continue;
      var lines = [d.title].concat(d.parts.map(function (p) { return p.heading; }), d.asks).map(function (text) {
        return splitQuery(text).words.filter(function (w) { return !stopWords[w] && !queryStop[w]; });
      });
      var pairs = 0;
      for (var c = 0; c + 1 < words.length; c++) {
        var a = words[c], b = words[c + 1];
        if (lines.some(function (line) {
          for (var k = 0; k + 1 < line.length; k++) if (a[line[k]] && b[line[k + 1]]) return true;
          return false;
        })) pairs++;
      }
      ranked[r].score *= 1 + R.proximity * pairs;
    }
    var head = ranked.slice(0, pool).sort(function (x, y) { return y.score - x.score || x.doc - y.doc; });
    for (r = 0; r < pool; r++) ranked[r] = head[r];
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

  /** Searches the site: resolves to { hits, crisis, notice }: at most `options.limit` (default 10)
      hits, best first; `crisis` when the query used crisis wording (the help page is then first
      and the page shows `notice`). `options.complete`: the query was submitted whole. */
  async function query(q, options) {
    options = options || {};
    var limit = options.limit === undefined ? 10 : options.limit;
    await ready();
    var session = new Session(), parsed = parseQuery(q, !!options.complete), vb = index.entry.vb;
    var crisis = isCrisis(parsed.all, parsed.typing), clauses = [];
    var none = { hits: [], crisis: false, notice: index.entry.notice };
    var words = await glueCompounds(session, parsed.words);
    // Fetch every word's shards at once; stem and typo shards, needed less often, come later.
    await loadAll("v", [].concat.apply([], words.map(function (word) {
      return [lastAtOrBefore(vb, word.text)].concat(word.prefix ? shardsForPrefix(word.text) : []);
    })));
    for (var w = 0; w < words.length; w++) clauses.push(await matchWord(session, words[w]));
    addPhraseSynonyms(clauses);
    clauses = clauses.filter(function (c) { return c.alts.length > 0; });
    if (limit === 0 || (!clauses.length && !crisis)) return none;

    var stems = {}, phraseWords = [];
    clauses.forEach(function (c) {
      c.alts.forEach(function (a) { if (a.phrase) phraseWords = phraseWords.concat(a.phrase); else stems[a.stem] = true; });
    });
    await loadAll("v", phraseWords.map(function (p) { return lastAtOrBefore(vb, p); }));
    phraseWords.forEach(function (p) {
      var hit = session.lookup(p);
      if (hit) stems[hit.stem] = true;
    });
    await loadAll("p", Object.keys(stems).map(function (s) { return postingsShardFor(Number(s)); }));

    var n = index.entry.n, marked = {};
    var scores = clauses.map(function (c) { return scoreClause(session, c, n, marked); });
    var ranked = rankDocuments(scores, n);
    if (options.audience || options.section) {
      if (index.entry.sharded) await load("f.js");
      ranked = ranked.filter(function (r) { return passesFilter(r.doc, options); });
    }
    if (clauses.length > 1) await boostAdjacent(session, clauses, ranked);
    if (crisis) {
      var help = index.entry.help, top = ranked.length ? ranked[0].score : 1;
      ranked = [{ doc: help, score: top }].concat(ranked.filter(function (r) { return r.doc !== help; }));
    }
    ranked = ranked.slice(0, limit);
    await loadAll("d", ranked.map(function (r) { return Math.floor(r.doc / index.entry.chunk); }));

    var markedWords = session.wordsOf(marked), spelled = session.shortestWords(marked);
    var hits = ranked.map(function (r) {
      var d = getDoc(r.doc);
      if (!d) return null;
      var excerpt = makeExcerpt(d, markedWords);
      return {
        url: d.url, title: d.title, anchor: excerpt.anchor, score: r.score, excerpt: excerpt.segments,
        // The visible reason for the hit: its matched words marked in the title and, for a
        // glossary term, in its whole definition.
        titleMarks: markAll(d.title, markedWords),
        heading: excerpt.anchor ? markAll(partHeading(d, excerpt.anchor), markedWords) : [],
        definition: d.kind === 1 && d.summary ? markAll(d.summary, markedWords) : null,
        // The words it matched, one per query word, for a hit whose stored text lacks them.
        matched: matchedWords(session, clauses, scores, r.doc, spelled),
        kind: d.kind, section: d.section ? index.entry.sections[d.section - 1] : "",
        audiences: d.audiences.map(function (a) { return index.entry.audiences[a]; })
      };
    }).filter(Boolean);
    return { hits: hits, crisis: crisis, notice: index.entry.notice };
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
      if (start < end) out.push({ start: start, end: end, word: normalWord(text.slice(start, end)) });
    }
    return out;
  }

  // A word of a text as the index normalised it: splitQuery's rules, with a shortcut for the
  // common case of plain ASCII (excerpts normalise every word of twenty documents).
  function normalWord(word) {
    var lower = word.toLowerCase();
    return asciiPlain && /^[a-z0-9]*$/.test(lower) ? lower : splitQuery(word).words.join("");
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

  function partHeading(doc, anchor) {
    var part = doc.parts.find(function (p) { return p.anchor === anchor; });
    return part ? part.heading : "";
  }

  // The whole of `text` as segments, its `marked` words marked.
  function markAll(text, marked) {
    var out = [], at = 0;
    spans(text).forEach(function (span) {
      if (!marked[span.word]) return;
      out.push({ text: text.slice(at, span.start), mark: false }, { text: text.slice(span.start, span.end), mark: true });
      at = span.end;
    });
    out.push({ text: text.slice(at), mark: false });
    return out.filter(function (s) { return s.text !== ""; });
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

  // The help notice a crisis query shows above its results, with a link to the help page.
  function crisisNode(tag, result) {
    var node = el(tag, "search-crisis");
    node.setAttribute("role", "alert");
    node.appendChild(el("strong", null, result.notice || "If you are in danger, contact your local emergency services now."));
    var help = result.hits[0];
    if (help) {
      node.appendChild(document.createTextNode(" "));
      var link = el("a", null, help.title);
      link.href = hitHref(help);
      node.appendChild(link);
    }
    return node;
  }

  // No dead ends: the nearest glossary terms, the reading paths for the audience and the help
  // page, from search/x.js (loaded only when a query finds nothing).
  function loadFallback() {
    return ready().then(function () { return load("x.js"); }).then(function () { return index.fallback; });
  }

  function bigrams(text) {
    var t = " " + splitQuery(text).words.join(" ") + " ", out = {};
    for (var i = 0; i + 1 < t.length; i++) out[t.slice(i, i + 2)] = true;
    return out;
  }

  function nearestTerms(q, terms, count) {
    var mine = bigrams(q), size = Object.keys(mine).length;
    return terms.map(function (t, i) {
      var theirs = bigrams(t[0]), keys = Object.keys(theirs), shared = 0;
      keys.forEach(function (k) { if (mine[k]) shared++; });
      return { term: t, i: i, score: (2 * shared) / (size + keys.length || 1) };
    }).sort(function (a, b) { return b.score - a.score || a.i - b.i; }).slice(0, count).map(function (x) { return x.term; });
  }

  function fallbackNode(q, data, audience) {
    var node = el("div", "search-fallback-results");
    function list(title, items) {
      if (!items.length) return;
      node.appendChild(el("p")).appendChild(el("strong", null, title));
      var ul = el("ul");
      items.forEach(function (item) {
        var li = el("li"), link = el("a", null, item[0]);
        link.href = hitHref({ url: item[1], anchor: null });
        li.appendChild(link);
        ul.appendChild(li);
      });
      node.appendChild(ul);
    }
    list("Glossary terms that may help", nearestTerms(q, data.t, 5));
    list("Reading paths", data.p.filter(function (p) { return !audience || !p[2].length || p[2].indexOf(audience) >= 0; }));
    if (data.h) list("If you need help now", [data.h]);
    return node;
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  // Announces `text` through `live` once typing pauses (not on every keystroke); an equal text
  // is cleared first, so a changed filter with the same count is still spoken.
  function announcer(live, ms) {
    var timer = null;
    function show(text) {
      if (live.textContent !== text) { live.textContent = text; return; }
      live.textContent = "";
      timer = setTimeout(function () { live.textContent = text; }, 50);
    }
    return function (text, wait) {
      clearTimeout(timer);
      wait = wait === undefined ? ms : wait;
      if (wait) timer = setTimeout(function () { show(text); }, wait); else show(text);
    };
  }

  // The header popup: a panel holding an optional crisis notice, the listbox of suggestions
  // (options named by their title, described by their excerpt, no links inside) and, when
  // nothing matches, the "no results" help. Counts and empty results go to a live region
  // outside the listbox.
  function setupPopup() {
    var input = document.getElementById("q"), listbox = document.getElementById("q-results");
    if (!input || !listbox) return;
    var form = input.form, options = [], active = -1, generation = 0;
    var panel = el("div", "search-popup"), notice = el("div"), extra = el("div");
    panel.hidden = true;
    panel.tabIndex = -1;
    listbox.parentNode.insertBefore(panel, listbox);
    listbox.className = "search-listbox";
    listbox.hidden = false;
    listbox.removeAttribute("tabindex");
    panel.appendChild(notice);
    panel.appendChild(listbox);
    panel.appendChild(extra);
    panel.addEventListener("mousedown", function (event) { if (!event.target.closest("a")) event.preventDefault(); });

    function close() {
      panel.hidden = true;
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
    var live = el("p", "visually-hidden");
    live.id = "q-status";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    form.appendChild(live);
    var announce = announcer(live, 600);
    function option(hit, i) {
      var node = el("div", "search-option"), title = excerptNode("span", "search-option-title", hit.titleMarks);
      node.id = "q-option-" + i;
      node.setAttribute("role", "option");
      node.setAttribute("aria-selected", "false");
      node.setAttribute("data-href", hitHref(hit));
      title.id = node.id + "-title";
      node.setAttribute("aria-labelledby", title.id);
      node.appendChild(title);
      var meta = hit.kind === 1 ? KINDS[1] : hit.section;
      if (meta) node.appendChild(el("p", "search-meta", meta));
      var excerpt = excerptNode("p", "search-excerpt", hit.definition || hit.excerpt);
      excerpt.id = node.id + "-desc";
      node.setAttribute("aria-describedby", excerpt.id);
      node.appendChild(excerpt);
      node.addEventListener("click", function () { window.location.href = node.getAttribute("data-href"); });
      return node;
    }
    function render(q, result) {
      var hits = result.hits;
      listbox.textContent = "";
      notice.textContent = "";
      extra.textContent = "";
      if (result.crisis) notice.appendChild(crisisNode("div", result));
      options = hits.map(function (hit, i) { return listbox.appendChild(option(hit, i)); });
      listbox.hidden = !hits.length;
      if (!hits.length) {
        var empty = "No results for \u201c" + q + "\u201d.";
        extra.appendChild(el("p", "search-empty", empty));
        announce(empty);
        loadFallback().then(function (data) {
          if (data && extra.querySelector(".search-empty")) extra.appendChild(fallbackNode(q, data, ""));
        }, function () {});
      } else announce((hits.length === 1 ? "1 result" : hits.length + " results") + " for \u201c" + q + "\u201d");
      panel.hidden = false;
      input.setAttribute("aria-expanded", hits.length ? "true" : "false");
      setActive(-1);
    }
    var update = debounce(function () {
      var q = input.value.trim(), mine = ++generation;
      if (!q) { close(); return; }
      query(q, { limit: 8 }).then(function (result) {
        if (mine === generation && document.activeElement === input) render(q, result);
      }, function () {
        if (mine !== generation) return;
        listbox.textContent = "";
        listbox.hidden = true;
        extra.textContent = "";
        extra.appendChild(el("p", "search-empty", "Search is not available right now."));
        panel.hidden = false;
      });
    }, 80);

    input.addEventListener("input", update);
    input.addEventListener("focus", function () { if (input.value.trim()) update(); });
    // Tab moves on to the next control: into the panel's help links when nothing matched, else
    // past the search (the panel itself is never a tab stop).
    form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && panel.contains(event.relatedTarget)) return;
      if (event.relatedTarget === input) return;
      generation++;
      close();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (panel.hidden || !options.length) return;
        event.preventDefault();
        // Moves through the options and back to the input (no active option) at either end.
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next < -1) next = options.length - 1;
        setActive(next >= options.length ? -1 : next);
      } else if (event.key === "Enter" && active >= 0 && !panel.hidden) {
        event.preventDefault();
        window.location.href = options[active].getAttribute("data-href");
      } else if (event.key === "Escape") {
        if (!panel.hidden) { event.preventDefault(); close(); }
      }
    });
    if (form) form.addEventListener("submit", function () { close(); });
    if (document.activeElement === input && input.value.trim()) update();
  }

  // Resolves after the next paint (or soon, where frames do not run, as in a hidden tab).
  function afterPaint() {
    return new Promise(function (resolve) {
      var done = function () { setTimeout(resolve, 0); };
      if (window.requestAnimationFrame) requestAnimationFrame(done);
      setTimeout(resolve, 200);
    });
  }

  function setupSearchPage() {
    var page = document.getElementById("search-page"), input = document.getElementById("search-input");
    var list = document.getElementById("search-results"), status = document.getElementById("search-status");
    if (!page || !input || !list || !status) return;
    var audience = document.getElementById("search-audience"), section = document.getElementById("search-section");
    var params = new URLSearchParams(window.location.search), generation = 0, limit = 20, focusFrom = -1;
    // Typing announces the count once it pauses; a filter change or Enter announces it at once.
    var say = announcer(status, 0), pause = 0;
    function announce(text) { say(text, pause); }
    input.value = params.get("q") || "";

    function fill(select, values, chosen) {
      if (!select) return;
      if (select.options.length <= 1) {
        values.forEach(function (v) { var o = el("option", null, v); o.value = v; select.appendChild(o); });
      }
      if (chosen) select.value = chosen;
    }
    function links() { return Array.prototype.slice.call(list.querySelectorAll("a.search-result-link")); }
    // Audience names as the page's filter shows them (site.yaml's labels), so results, filters
    // and article badges write an audience the same way.
    var audienceNames = Object.create(null), writtenFor = document.querySelector("label[for='search-audience']");
    if (audience) Array.prototype.forEach.call(audience.options, function (o) { if (o.value) audienceNames[o.value] = o.textContent; });
    // One result: the title (matched words marked) as a link; where it sits (the section of an
    // article, else its kind: never both, so a glossary term is not "Glossary Glossary") and
    // who it is written for; then the reason it matched: a glossary term's definition, and the
    // excerpt where the words were found (led by its section's heading when that holds them)
    // when the definition lacks them.
    function resultNode(hit) {
      var item = el("li", "search-result"), heading = el("p", "search-result-title");
      var link = excerptNode("a", "search-result-link", hit.titleMarks);
      link.href = hitHref(hit);
      heading.appendChild(link);
      item.appendChild(heading);
      var where = hit.kind ? KINDS[hit.kind] : hit.section, seen = {};
      var names = hit.audiences.map(function (a) { return audienceNames[a] || a; }).filter(function (name) {
        var key = name.toLowerCase();
        if (seen[key] || key === (where || "").toLowerCase()) return false;
        return (seen[key] = true);
      });
      if (where || names.length) {
        var meta = el("div", "result-meta");
        if (where) meta.appendChild(el("span", "result-where", where));
        if (names.length) {
          var badges = el("ul", "badges");
          if (writtenFor) badges.setAttribute("aria-label", writtenFor.textContent);
          names.forEach(function (name) { badges.appendChild(el("li", "badge", name)); });
          meta.appendChild(badges);
        }
        item.appendChild(meta);
      }
      var marked = function (segments) { return segments.some(function (s) { return s.mark; }); };
      if (hit.definition) item.appendChild(excerptNode("p", "definition", hit.definition));
      if (!hit.definition || (!marked(hit.definition) && marked(hit.excerpt))) {
        var excerpt = excerptNode("p", "excerpt", hit.excerpt);
        // The section the excerpt comes from, when its heading holds the matched words.
        if (marked(hit.heading)) {
          excerpt.insertBefore(document.createTextNode(" "), excerpt.firstChild);
          excerpt.insertBefore(excerptNode("span", "result-part", hit.heading), excerpt.firstChild);
        }
        item.appendChild(excerpt);
      }
      // The stored text is an excerpt: when none of it holds the matched words, say which.
      var shown = [hit.titleMarks, hit.definition || [], hit.excerpt, hit.heading].some(marked);
      if (!shown && hit.matched.length) {
        var mentions = el("p", "result-mentions", "Mentions:");
        hit.matched.forEach(function (word, i) {
          mentions.appendChild(document.createTextNode(i ? ", " : " "));
          mentions.appendChild(el("mark", null, word));
        });
        item.appendChild(mentions);
      }
      return item;
    }
    var notice = document.getElementById("search-crisis");
    if (!notice) {
      notice = el("div", "search-crisis-slot");
      notice.id = "search-crisis";
      list.parentNode.insertBefore(notice, list);
    }
    function render(q, result) {
      var hits = result.hits, items = document.createDocumentFragment();
      notice.textContent = "";
      if (result.crisis) notice.appendChild(crisisNode("div", result));
      hits.forEach(function (hit) { items.appendChild(resultNode(hit)); });
      list.textContent = "";
      list.appendChild(items);
      if (hits.length === limit) {
        var more = el("li", "search-more"), button = el("button", null, "Show more results");
        button.type = "button";
        // The button is redrawn below the new results: focus moves to the first new result.
        button.addEventListener("click", function () { focusFrom = limit; limit += 20; pause = 0; run(); });
        more.appendChild(button);
        list.appendChild(more);
      }
      var shown = hits.length === limit ? "At least " + hits.length : String(hits.length);
      var all = links();
      if (focusFrom >= 0) (all[focusFrom] || all[all.length - 1] || input).focus();
      focusFrom = -1;
      announce(hits.length
        ? shown + (hits.length === 1 ? " result" : " results") + " for \u201c" + q + "\u201d"
        : "No results for \u201c" + q + "\u201d. Try fewer or different words, or start from these.");
      if (!hits.length) {
        var mine = generation;
        loadFallback().then(function (data) {
          if (!data || mine !== generation) return;
          var item = el("li", "search-fallback-item");
          item.appendChild(fallbackNode(q, data, audience ? audience.value : ""));
          list.appendChild(item);
        }, function () {});
      }
    }
    // `complete`: the query came whole (from ?q= or Enter), so its last word is not a prefix.
    function run(complete) {
      var q = input.value.trim(), mine = ++generation;
      var options = { limit: limit, audience: audience ? audience.value : "", section: section ? section.value : "",
        complete: complete !== false };
      var url = new URLSearchParams();
      if (q) url.set("q", q);
      if (options.audience) url.set("audience", options.audience);
      if (options.section) url.set("section", options.section);
      var search = url.toString();
      try { history.replaceState(null, "", search ? "?" + search : window.location.pathname); } catch (e) { /* file:// may refuse */ }
      if (!q) { list.textContent = ""; notice.textContent = ""; announce(""); return; }
      query(q, options).then(function (result) { if (mine === generation) render(q, result); }, function () {
        if (mine === generation) status.textContent = "Search is not available right now.";
      });
    }
    var later = debounce(function () { limit = 20; pause = 600; run(false); }, 80);

    // The index loads once the page has painted, and the first query runs in a task of its
    // own after the one that parsed the index, so none of them holds up the page for long.
    afterPaint().then(ready).then(function (entry) {
      fill(audience, entry.audiences, params.get("audience"));
      fill(section, entry.sections, params.get("section"));
      setTimeout(function () { run(); }, 0);
    }, function () { status.textContent = "Search is not available right now."; });
    input.addEventListener("input", later);
    [audience, section].forEach(function (s) {
      if (s) s.addEventListener("change", function () { limit = 20; pause = 0; run(); });
    });
    if (input.form) input.form.addEventListener("submit", function (event) { event.preventDefault(); limit = 20; pause = 0; run(); });
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
    /** The Snowball English stem of a normalised word, as the index was built with. */
    stem: stem,
    // <lang es>
    /** The stem by the index's language (English or Spanish), as the index was built with. */
    indexStem: function (word) { return stem(word); },
    /** The Snowball Spanish stem of a normalised word, whatever the index's language (tests). */
    spanishStem: stemSpanish,
    // </lang es>
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
