//! The index files: how the model is written as JavaScript and read back.
//!
//! Every file is a list of calls, one per line, that hand their data to `theme/search.js`
//! (scripts load from `file://`, where fetching JSON does not):
//!
//! - `search/index.js`: `__attuneSearch({v, n, sharded, chunk, imp, r, idf, qstop, lang, crisis,
//!   help, notice, kw, stop, fold, wc, sections, audiences, vb, pb})`: document count, documents
//!   per chunk, the impact table, the ranking constants (`r`, `rank.rs`) and coverage weights
//!   per document-frequency class (`idf`), the query filler words (`qstop`) and language, the
//!   crisis phrases as word lists with the help page's document id and the help notice, whether
//!   `search/w.js` exists (`kw`), stop words, fold table and word-character ranges
//!   (`unicode.rs`) for query normalisation, filter values, the first word of each vocabulary
//!   shard (`vb`) and the first stem id of each postings shard (`pb`). Unsharded, the same file
//!   goes on with the one vocabulary shard, postings shard, document chunk and filter below.
//! - `search/v<i>.js`: `__attuneVocab(i, {k, w, s, f, y})`: surface words front-coded (`k`:
//!   code units shared with the previous word, `w`: the rest, space-separated); each word's stem
//!   id as a zigzag difference from the previous word's (`s`); the document-frequency class of
//!   the stem (`f`, only when sharded: unsharded, the browser counts the postings); synonyms
//!   (`y`: a list of [stem id of a key's first word, [stem ids of its other words], [surface
//!   words of the expansion]]); and, only when a stem's words span shards, the words of this
//!   shard's stems that live in other shards (`o`: a list of \[stem id, \[words\]\]), so excerpts
//!   mark every form of a matched stem; and the stem keys that sort into the shard (`tk`, `tw`
//!   front-coded, `ts` their stem ids as zigzag differences; see `stem_keys.rs`).
//! - `search/p<i>.js`: `__attunePostings(i, {s, l})`: `l[j]` holds the postings of stem `s + j`,
//!   one integer per document: `(document gap - 1) * 32 + impact level`.
//! - `search/d<i>.js`: `__attuneDocs(i, [[url, title, kind, section, [audiences], summary,
//!   [[anchor, heading, text]...], [reader questions]]...])`: documents `i * chunk ..`, kind 0 article, 1 term,
//!   2 path, 3 page.
//! - `search/f.js`: `__attuneFilter({s, a})`: per document, section number and audience mask.
//! - `search/w.js` (always its own file): a licence comment line, then `__attuneWords({k, w})`:
//!   the common words of the language, front-coded, loaded only when a query word is unknown.
//! - `search/x.js` (always its own file): `__attuneFallback({t, p, h})`: glossary terms A-Z and
//!   reading paths with their audiences, and the help page, shown when a query finds nothing.
//!
//! Integer lists are strings of printable ASCII without `"` and `\` (92 characters): the first
//! 64 are final digits, the other 28 lead digits, so a number is zero or more lead digits (base
//! 28, most significant first) and one final digit: `value = lead * 64 + final`. Numbers below
//! 64 take one character. Lengths and order are in UTF-16 code units, as in JavaScript.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::language::Analysis;
use super::model::{
    DocPart, DocRecord, Entry, LEVELS, Posting, PostingsShard, StemId, Synonym, VocabShard,
    df_bucket, postings_shard_for,
};
use super::rank::{RANKING, Ranking, idf_weights};
use super::text::{common_prefix, fold_table, prefix_utf16, skip_utf16};
use super::unicode::encode_word_ranges;
use super::{DocKind, IndexFile, IndexParseError, IndexStats, SearchIndex};

/// Format version written in the entry; the browser refuses other versions.
const VERSION: u32 = 1;
/// Values of one final digit.
const FINAL: u64 = 64;
/// Values of one lead digit.
const LEAD: u64 = 28;

#[derive(Serialize, Deserialize)]
struct EntryJson {
    v: u32,
    n: u32,
    sharded: bool,
    chunk: u32,
    imp: Vec<u32>,
    /// The ranking constants (`rank.rs`).
    r: Ranking,
    /// Coverage weight of each document-frequency class.
    idf: Vec<u32>,
    /// Query stop words of the site's language.
    qstop: String,
    lang: String,
    /// Crisis phrases as lists of words; the help page's document id; the help notice.
    crisis: Vec<Vec<String>>,
    help: Option<u32>,
    notice: String,
    /// Whether `search/w.js` (common words) exists.
    kw: bool,
    stop: String,
    fold: String,
    wc: String,
    sections: Vec<String>,
    audiences: Vec<String>,
    vb: Vec<String>,
    pb: Vec<StemId>,
}

type SynonymJson = (StemId, Vec<StemId>, Vec<String>);

#[derive(Serialize, Deserialize)]
struct VocabJson {
    k: String,
    w: String,
    s: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    f: Option<String>,
    y: Vec<SynonymJson>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    o: Vec<(StemId, Vec<String>)>,
    /// Stem keys front-coded (`tk`, `tw`) with their stem ids as zigzag differences (`ts`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    tk: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    tw: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    ts: String,
}

/// `search/w.js`: common words, front-coded.
#[derive(Serialize, Deserialize)]
struct WordsJson {
    k: String,
    w: String,
}

#[derive(Serialize, Deserialize)]
struct PostingsJson {
    s: StemId,
    l: Vec<String>,
}

type PartJson = (Option<String>, String, String);
type DocJson = (String, String, u8, u32, Vec<u32>, String, Vec<PartJson>, Vec<String>);

#[derive(Serialize, Deserialize)]
struct FilterJson {
    s: String,
    a: String,
}

/// Characters a value of one digit uses, in digit order.
fn digit_char(value: u64) -> char {
    let mut code = value as u32 + 33;
    if code >= 34 {
        code += 1;
    }
    if code >= 92 {
        code += 1;
    }
    char::from_u32(code).unwrap_or('!')
}

/// The digit value of a character, if it is one.
fn digit_value(c: char) -> Option<u64> {
    let code = c as u32;
    if !(33..=126).contains(&code) || code == 34 || code == 92 {
        return None;
    }
    Some(u64::from(code - 33 - u32::from(code > 34) - u32::from(code > 92)))
}

/// Appends `value` in the compact integer encoding.
pub(crate) fn push_varint(out: &mut String, value: u64) {
    let mut lead = value / FINAL;
    let mut digits = [0u64; 16];
    let mut count = 0;
    while lead > 0 {
        digits[count] = lead % LEAD;
        lead /= LEAD;
        count += 1;
    }
    for d in digits[..count].iter().rev() {
        out.push(digit_char(FINAL + d));
    }
    out.push(digit_char(value % FINAL));
}

/// Characters `value` takes in the compact integer encoding.
pub(crate) fn varint_len(value: u64) -> usize {
    let mut len = 1;
    let mut lead = value / FINAL;
    while lead > 0 {
        len += 1;
        lead /= LEAD;
    }
    len
}

/// Reads a string of compact integers.
pub(crate) fn read_varints(s: &str) -> Result<Vec<u64>, String> {
    let mut out = Vec::new();
    let mut lead = 0u64;
    for c in s.chars() {
        let v = digit_value(c).ok_or_else(|| format!("bad digit {c:?}"))?;
        if v >= FINAL {
            lead = lead.saturating_mul(LEAD).saturating_add(v - FINAL);
        } else {
            out.push(lead.saturating_mul(FINAL).saturating_add(v));
            lead = 0;
        }
    }
    if lead != 0 {
        return Err("number without a final digit".into());
    }
    Ok(out)
}

/// Maps signed to unsigned integers: 0, -1, 1, -2, ... to 0, 1, 2, 3, ...
fn zigzag(v: i64) -> u64 {
    if v >= 0 { (v as u64) << 1 } else { ((-v as u64) << 1) - 1 }
}

fn unzigzag(v: u64) -> i64 {
    if v & 1 == 0 { (v >> 1) as i64 } else { -(((v + 1) >> 1) as i64) }
}

/// Front-codes sorted words: shared code units with the previous word, and the rest.
fn front_code<'a>(words: impl Iterator<Item = &'a str>) -> (String, String) {
    let (mut k, mut w) = (String::new(), String::new());
    let mut prev = "";
    for (i, word) in words.enumerate() {
        let (_, units) = common_prefix(prev, word);
        push_varint(&mut k, units as u64);
        if i > 0 {
            w.push(' ');
        }
        w.push_str(skip_utf16(word, units));
        prev = word;
    }
    (k, w)
}

fn front_decode(k: &str, w: &str) -> Result<Vec<String>, String> {
    let shared = read_varints(k)?;
    if shared.is_empty() {
        return Ok(Vec::new());
    }
    let rests: Vec<&str> = w.split(' ').collect();
    if rests.len() != shared.len() {
        return Err("front-coded lists differ in length".into());
    }
    let mut out: Vec<String> = Vec::with_capacity(shared.len());
    for (units, rest) in shared.iter().zip(rests) {
        let prev = out.last().map_or("", String::as_str);
        out.push(format!("{}{rest}", prefix_utf16(prev, *units as usize)));
    }
    Ok(out)
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serialising strings, numbers, vectors and string-keyed maps cannot fail.
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// One registration call; U+2028/2029 are escaped for older JavaScript parsers.
fn call(name: &str, args: &[String]) -> String {
    let line = format!("{name}({});\n", args.join(","));
    if line.contains(['\u{2028}', '\u{2029}']) {
        line.replace('\u{2028}', "\\u2028").replace('\u{2029}', "\\u2029")
    } else {
        line
    }
}

fn entry_call(entry: &Entry) -> String {
    let json = EntryJson {
        v: VERSION,
        n: entry.doc_count,
        sharded: entry.sharded,
        chunk: entry.chunk_size,
        imp: entry.impacts.clone(),
        r: RANKING,
        idf: idf_weights(entry.doc_count),
        qstop: Analysis::for_code(&entry.language).query_stop_words().join(" "),
        lang: entry.language.clone(),
        crisis: entry.crisis.clone(),
        help: entry.help,
        notice: entry.notice.clone(),
        kw: entry.known,
        stop: Analysis::for_code(&entry.language).stop_words().join(" "),
        fold: fold_table(),
        wc: encode_word_ranges(push_varint),
        sections: entry.sections.clone(),
        audiences: entry.audiences.clone(),
        vb: entry.vocab_bounds.clone(),
        pb: entry.postings_bounds.clone(),
    };
    call("__attuneSearch", &[to_json(&json)])
}

fn vocab_call(i: usize, shard: &VocabShard, sharded: bool) -> String {
    let (k, w) = front_code(shard.words.iter().map(String::as_str));
    let mut s = String::new();
    let mut prev: i64 = 0;
    for stem in &shard.stems {
        push_varint(&mut s, zigzag(i64::from(*stem) - prev));
        prev = i64::from(*stem);
    }
    let f = sharded.then(|| {
        let mut f = String::new();
        for bucket in &shard.buckets {
            push_varint(&mut f, u64::from(*bucket));
        }
        f
    });
    let y = shard
        .synonyms
        .iter()
        .flat_map(|(stem, list)| list.iter().map(|s| (*stem, s.rest.clone(), s.phrase.clone())))
        .collect();
    let o = shard.others.iter().map(|(stem, words)| (*stem, words.clone())).collect();
    let (tk, tw) = front_code(shard.stem_keys.iter().map(|(k, _)| k.as_str()));
    let ts = zigzag_list(shard.stem_keys.iter().map(|(_, id)| *id));
    let json = VocabJson { k, w, s, f, y, o, tk, tw, ts };
    call("__attuneVocab", &[i.to_string(), to_json(&json)])
}

/// Stem ids as zigzag differences from the previous one (the first from 0).
fn zigzag_list(ids: impl Iterator<Item = StemId>) -> String {
    let mut out = String::new();
    let mut prev: i64 = 0;
    for id in ids {
        push_varint(&mut out, zigzag(i64::from(id) - prev));
        prev = i64::from(id);
    }
    out
}

fn unzigzag_list(s: &str) -> Result<Vec<StemId>, String> {
    let mut prev: i64 = 0;
    read_varints(s)?
        .into_iter()
        .map(|d| {
            prev += unzigzag(d);
            StemId::try_from(prev).map_err(|_| "stem id out of range".to_string())
        })
        .collect()
}

/// The licence notice of the word list, as the first line of `search/w.js`.
const WORDS_NOTICE: &str = "/* Common English words from SCOWL (Spell Checker Oriented Word Lists), \
    Copyright 2000-2011 by Kevin Atkinson. Permission to use, copy, modify, distribute and sell \
    these word lists, the associated scripts, the output created from the scripts, and its \
    documentation for any purpose is hereby granted without fee, provided that the above \
    copyright notice appears in all copies and that both that copyright notice and this \
    permission notice appear in supporting documentation. Kevin Atkinson makes no \
    representations about the suitability of this array for any purpose. It is provided \
    \"as is\" without express or implied warranty. */\n";

/// `search/x.js`: glossary terms A-Z (`t`: [title, url]), reading paths (`p`: [title, url,
/// [audiences]]) and the help page (`h`: [title, url] or null), for queries without results.
fn fallback_file(index: &SearchIndex) -> IndexFile {
    let pair = |d: &DocRecord| (d.title.clone(), d.url.clone());
    let mut terms: Vec<(String, String)> =
        index.docs.iter().filter(|d| d.kind == DocKind::Term).map(pair).collect();
    terms.sort_by_key(|(title, _)| title.to_lowercase());
    let audience = |d: &DocRecord| -> Vec<String> {
        d.audiences.iter().filter_map(|&a| index.entry.audiences.get(a as usize).cloned()).collect()
    };
    let paths: Vec<(String, String, Vec<String>)> = index
        .docs
        .iter()
        .filter(|d| d.kind == DocKind::Path)
        .map(|d| (d.title.clone(), d.url.clone(), audience(d)))
        .collect();
    let help = index.entry.help.and_then(|h| index.docs.get(h as usize)).map(pair);
    let json = serde_json::json!({ "t": terms, "p": paths, "h": help });
    let text = call("__attuneFallback", &[json.to_string()]);
    IndexFile { path: FALLBACK_PATH.into(), bytes: text.into_bytes() }
}

fn words_file(known: &[String]) -> IndexFile {
    let (k, w) = front_code(known.iter().map(String::as_str));
    let text = format!("{WORDS_NOTICE}{}", call("__attuneWords", &[to_json(&WordsJson { k, w })]));
    IndexFile { path: WORDS_PATH.into(), bytes: text.into_bytes() }
}

fn postings_call(i: usize, shard: &PostingsShard) -> String {
    let l = shard
        .lists
        .iter()
        .map(|list| {
            let mut s = String::with_capacity(list.len() * 2);
            let mut prev: i64 = -1;
            for p in list {
                let gap = (i64::from(p.doc) - prev - 1) as u64;
                push_varint(&mut s, gap * LEVELS as u64 + u64::from(p.level));
                prev = i64::from(p.doc);
            }
            s
        })
        .collect();
    call("__attunePostings", &[i.to_string(), to_json(&PostingsJson { s: shard.first, l })])
}

fn docs_call(i: usize, docs: &[DocRecord]) -> String {
    let json: Vec<DocJson> = docs
        .iter()
        .map(|d| {
            let parts =
                d.parts.iter().map(|p| (p.anchor.clone(), p.heading.clone(), p.text.clone()));
            (
                d.url.clone(),
                d.title.clone(),
                kind_code(d.kind),
                d.section,
                d.audiences.clone(),
                d.summary.clone(),
                parts.collect(),
                d.asks.clone(),
            )
        })
        .collect();
    call("__attuneDocs", &[i.to_string(), to_json(&json)])
}

fn filter_call(docs: &[DocRecord]) -> String {
    let (mut s, mut a) = (String::new(), String::new());
    for d in docs {
        push_varint(&mut s, u64::from(d.section));
        push_varint(&mut a, d.audience_mask());
    }
    call("__attuneFilter", &[to_json(&FilterJson { s, a })])
}

fn kind_code(kind: DocKind) -> u8 {
    match kind {
        DocKind::Article => 0,
        DocKind::Term => 1,
        DocKind::Path => 2,
        DocKind::Page => 3,
    }
}

fn kind_from_code(code: u8) -> Result<DocKind, String> {
    Ok(match code {
        0 => DocKind::Article,
        1 => DocKind::Term,
        2 => DocKind::Path,
        3 => DocKind::Page,
        _ => return Err(format!("unknown document kind {code}")),
    })
}

/// Path of the file holding the entry.
pub(crate) const ENTRY_PATH: &str = "search/index.js";

/// Path of vocabulary shard `i` on a sharded site.
pub(crate) fn vocab_path(i: usize) -> String {
    format!("search/v{i}.js")
}

/// Path of postings shard `i` on a sharded site.
pub(crate) fn postings_path(i: usize) -> String {
    format!("search/p{i}.js")
}

/// Path of document chunk `i` on a sharded site.
pub(crate) fn docs_path(i: usize) -> String {
    format!("search/d{i}.js")
}

/// Path of the filter file on a sharded site.
pub(crate) const FILTER_PATH: &str = "search/f.js";

/// Path of the no-dead-end suggestions (glossary terms, reading paths, help page), loaded only
/// when a query finds nothing.
pub(crate) const FALLBACK_PATH: &str = "search/x.js";

/// Path of the common words, loaded only when a query word is neither in the vocabulary
/// nor a form of one of its stems.
pub(crate) const WORDS_PATH: &str = "search/w.js";

/// Writes the index files: the entry first, then vocabulary, postings, documents, filter.
pub(crate) fn encode_files(index: &SearchIndex) -> Vec<IndexFile> {
    let chunk = index.entry.chunk_size.max(1) as usize;
    if !index.entry.sharded {
        let mut text = entry_call(&index.entry);
        index.vocab.iter().enumerate().for_each(|(i, s)| text.push_str(&vocab_call(i, s, false)));
        index.postings.iter().enumerate().for_each(|(i, s)| text.push_str(&postings_call(i, s)));
        for (i, docs) in index.docs.chunks(chunk).enumerate() {
            text.push_str(&docs_call(i, docs));
        }
        text.push_str(&filter_call(&index.docs));
        let mut files = vec![IndexFile { path: ENTRY_PATH.into(), bytes: text.into_bytes() }];
        if index.entry.known {
            files.push(words_file(&index.known));
        }
        files.push(fallback_file(index));
        return files;
    }
    let file = |path: String, text: String| IndexFile { path, bytes: text.into_bytes() };
    let mut files = vec![file(ENTRY_PATH.into(), entry_call(&index.entry))];
    files.par_extend(
        index
            .vocab
            .par_iter()
            .enumerate()
            .map(|(i, s)| file(vocab_path(i), vocab_call(i, s, true))),
    );
    files.par_extend(
        index
            .postings
            .par_iter()
            .enumerate()
            .map(|(i, s)| file(postings_path(i), postings_call(i, s))),
    );
    files.par_extend(
        index.docs.par_chunks(chunk).enumerate().map(|(i, d)| file(docs_path(i), docs_call(i, d))),
    );
    files.push(file(FILTER_PATH.into(), filter_call(&index.docs)));
    if index.entry.known {
        files.push(words_file(&index.known));
    }
    files.push(fallback_file(index));
    files
}

/// Sizes of `files` (the files of `index`) and the first-query estimate.
pub(crate) fn measure(index: &SearchIndex, files: &[IndexFile]) -> IndexStats {
    let size_of = |prefix: &str| -> (usize, usize) {
        files
            .iter()
            .filter(|f| f.path.starts_with(prefix))
            .fold((0, 0), |(n, b), f| (n + 1, b + f.bytes.len()))
    };
    let entry_bytes = files.first().map_or(0, |f| f.bytes.len());
    let total_bytes = files.iter().map(|f| f.bytes.len()).sum();
    let doc_chunks = index.docs.len().div_ceil(index.entry.chunk_size.max(1) as usize);
    let first_query_bytes = if index.entry.sharded {
        let avg = |(n, b): (usize, usize)| b.checked_div(n).unwrap_or(0);
        entry_bytes
            + 2 * avg(size_of("search/v"))
            + 2 * avg(size_of("search/p"))
            + doc_chunks.min(10) * avg(size_of("search/d"))
    } else {
        entry_bytes
    };
    IndexStats {
        total_bytes,
        file_count: files.len(),
        sharded: index.entry.sharded,
        vocab_shards: index.vocab.len(),
        postings_shards: index.postings.len(),
        doc_chunks,
        entry_bytes,
        first_query_bytes,
    }
}

/// The registration calls of one file: (function name, arguments).
fn parse_calls(text: &str) -> Result<Vec<(&str, Vec<Value>)>, String> {
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with("/*")) {
        let (name, rest) = line.split_once('(').ok_or("a line without a call")?;
        let args = rest.strip_suffix(");").ok_or("a call without `);`")?;
        let values: Vec<Value> =
            serde_json::from_str(&format!("[{args}]")).map_err(|e| e.to_string())?;
        out.push((name, values));
    }
    Ok(out)
}

fn arg<T: for<'de> Deserialize<'de>>(values: &[Value], i: usize) -> Result<T, String> {
    let value = values.get(i).ok_or("missing argument")?;
    T::deserialize(value).map_err(|e| e.to_string())
}

#[derive(Default)]
struct Parsed {
    entry: Option<EntryJson>,
    vocab: BTreeMap<usize, VocabShard>,
    postings: BTreeMap<usize, PostingsShard>,
    docs: BTreeMap<usize, Vec<DocRecord>>,
    known: Vec<String>,
}

/// Reads the index back from its files.
pub(crate) fn decode_files(files: &[IndexFile]) -> Result<SearchIndex, IndexParseError> {
    let mut parsed = Parsed::default();
    for file in files {
        let fail = |message: String| IndexParseError { path: file.path.clone(), message };
        let text = std::str::from_utf8(&file.bytes).map_err(|e| fail(e.to_string()))?;
        for (name, values) in parse_calls(text).map_err(fail)? {
            decode_call(&mut parsed, name, &values).map_err(fail)?;
        }
    }
    let fail = |message: &str| IndexParseError { path: ENTRY_PATH.into(), message: message.into() };
    let json = parsed.entry.ok_or_else(|| fail("no __attuneSearch call"))?;
    if json.v != VERSION {
        return Err(fail("unknown format version"));
    }
    let mut vocab: Vec<VocabShard> = parsed.vocab.into_values().collect();
    let postings: Vec<PostingsShard> = parsed.postings.into_values().collect();
    if !json.sharded {
        derive_buckets(&mut vocab, &postings, &json.pb);
    }
    let docs: Vec<DocRecord> = parsed.docs.into_values().flatten().collect();
    if vocab.len() != json.vb.len() || postings.len() != json.pb.len() {
        return Err(fail("shard files missing"));
    }
    if docs.len() != json.n as usize {
        return Err(fail("document chunks missing"));
    }
    let entry = Entry {
        doc_count: json.n,
        sharded: json.sharded,
        chunk_size: json.chunk,
        impacts: json.imp,
        sections: json.sections,
        audiences: json.audiences,
        vocab_bounds: json.vb,
        postings_bounds: json.pb,
        language: json.lang,
        crisis: json.crisis,
        help: json.help,
        notice: json.notice,
        known: json.kw,
    };
    if entry.known && parsed.known.is_empty() {
        return Err(IndexParseError {
            path: WORDS_PATH.into(),
            message: "word list missing".into(),
        });
    }
    Ok(SearchIndex { entry, vocab, postings, docs, known: parsed.known })
}

fn decode_call(parsed: &mut Parsed, name: &str, values: &[Value]) -> Result<(), String> {
    match name {
        "__attuneSearch" => parsed.entry = Some(arg(values, 0)?),
        "__attuneVocab" => {
            let json: VocabJson = arg(values, 1)?;
            parsed.vocab.insert(arg(values, 0)?, decode_vocab(json)?);
        }
        "__attunePostings" => {
            let json: PostingsJson = arg(values, 1)?;
            parsed.postings.insert(arg(values, 0)?, decode_postings(json)?);
        }
        "__attuneDocs" => {
            let json: Vec<DocJson> = arg(values, 1)?;
            let docs = json.into_iter().map(decode_doc).collect::<Result<_, _>>()?;
            parsed.docs.insert(arg(values, 0)?, docs);
        }
        "__attuneFilter" | "__attuneFallback" => {}
        "__attuneWords" => {
            let json: WordsJson = arg(values, 0)?;
            parsed.known = front_decode(&json.k, &json.w)?;
        }
        other => return Err(format!("unknown call {other}")),
    }
    Ok(())
}

/// Document-frequency classes counted from the postings, for an unsharded index.
fn derive_buckets(vocab: &mut [VocabShard], postings: &[PostingsShard], bounds: &[StemId]) {
    for shard in vocab {
        shard.buckets = shard
            .stems
            .iter()
            .map(|&stem| {
                let list = postings
                    .get(postings_shard_for(bounds, stem))
                    .map_or(&[][..], |p| p.find(stem));
                df_bucket(list.len() as u32)
            })
            .collect();
    }
}

fn decode_vocab(json: VocabJson) -> Result<VocabShard, String> {
    let words = front_decode(&json.k, &json.w)?;
    let deltas = read_varints(&json.s)?;
    let buckets = match &json.f {
        Some(f) => read_varints(f)?,
        None => vec![0; words.len()],
    };
    if deltas.len() != words.len() || buckets.len() != words.len() {
        return Err("vocabulary lists differ in length".into());
    }
    let mut stems = Vec::with_capacity(words.len());
    let mut prev: i64 = 0;
    for delta in deltas {
        prev += unzigzag(delta);
        stems.push(StemId::try_from(prev).map_err(|_| "stem id out of range")?);
    }
    let mut synonyms: BTreeMap<StemId, Vec<Synonym>> = BTreeMap::new();
    for (stem, rest, phrase) in json.y {
        synonyms.entry(stem).or_default().push(Synonym { rest, phrase });
    }
    let buckets = buckets.into_iter().map(|b| b.min(63) as u8).collect();
    let others = json.o.into_iter().collect();
    let keys = front_decode(&json.tk, &json.tw)?;
    let ids = unzigzag_list(&json.ts)?;
    if keys.len() != ids.len() {
        return Err("stem key lists differ in length".into());
    }
    let stem_keys = keys.into_iter().zip(ids).collect();
    Ok(VocabShard { words, stems, buckets, synonyms, others, stem_keys })
}

fn decode_postings(json: PostingsJson) -> Result<PostingsShard, String> {
    let mut lists = Vec::with_capacity(json.l.len());
    for encoded in &json.l {
        let numbers = read_varints(encoded)?;
        let mut list = Vec::with_capacity(numbers.len());
        let mut prev: i64 = -1;
        for number in numbers {
            let doc = prev + 1 + (number / LEVELS as u64) as i64;
            let level = (number % LEVELS as u64) as u8;
            list.push(Posting {
                doc: u32::try_from(doc).map_err(|_| "document id out of range")?,
                level,
            });
            prev = doc;
        }
        lists.push(list);
    }
    Ok(PostingsShard { first: json.s, lists })
}

fn decode_doc(json: DocJson) -> Result<DocRecord, String> {
    let (url, title, kind, section, audiences, summary, parts, asks) = json;
    Ok(DocRecord {
        url,
        title,
        kind: kind_from_code(kind)?,
        section,
        audiences,
        summary,
        parts: parts
            .into_iter()
            .map(|(anchor, heading, text)| DocPart { anchor, heading, text })
            .collect(),
        asks,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_integers_of_every_size() {
        let values = [0u64, 1, 63, 64, 100, 1791, 1792, 50_000, 1 << 40];
        let mut s = String::new();
        for v in values {
            push_varint(&mut s, v);
        }
        assert_eq!(read_varints(&s).unwrap(), values);
        assert_eq!(s.chars().count(), values.iter().map(|&v| varint_len(v)).sum::<usize>());
        assert!(!s.contains(['"', '\\', ' ']));
    }

    #[test]
    fn zigzag_round_trips_signed_differences() {
        for v in [0i64, 1, -1, 2, -2, 1000, -1000] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }

    #[test]
    fn front_coding_round_trips_non_ascii_words() {
        let words = ["caf", "cafe", "café", "cafés", "𝒜b", "𝒜c"];
        let (k, w) = front_code(words.iter().copied());
        assert_eq!(front_decode(&k, &w).unwrap(), words);
    }

    #[test]
    fn rejects_a_number_without_final_digit() {
        let mut s = String::new();
        push_varint(&mut s, 5000);
        s.pop();
        assert!(read_varints(&s).is_err());
    }
}
