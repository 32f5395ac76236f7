//! Site search: the index written at build time and the ranking that the browser runs on it.
//!
//! attune's search runs in the reader's browser from plain JavaScript files, so it works from
//! `file://` and under any subpath, with no server and no WebAssembly. This module is the Rust
//! half; `theme/search.js` is the other.
//!
//! 1. [`build_index`] (`build.rs`) tokenises every [`SearchDoc`] in parallel (`tokens.rs`:
//!    lowercase, accents folded, apostrophes dropped; rules in `text.rs`), stems each distinct
//!    word once (English Snowball; stop words are not indexed), and scores every
//!    (stem, document) pair with BM25F over five weighted fields: title, glossary term and
//!    aliases, headings, summary, body. Scores are kept as 32 impact levels.
//! 2. `lexicon.rs` maps every surface word to its stem, and `stem_keys.rs` writes the stems not
//!    spelled like one of their words, so the browser matches what a reader types exactly, by
//!    its Snowball stem (`theme/search.js` carries the same stemmer), by prefix while typing, or
//!    within a small edit distance; glossary aliases (both ways) and the site's `synonyms`
//!    become query expansions. `language.rs` holds the query filler words, the built-in crisis
//!    wording (`crisis.rs` matches it) and the common-word list that tells a real word from a
//!    typo.
//! 3. `shard.rs` keeps a small site in one file and cuts a large one into vocabulary shards,
//!    postings shards and document chunks; [`SearchIndex::files`] (`codec.rs`, which also
//!    describes the format) writes them as scripts that register their data with
//!    `theme/search.js`, which loads only the files a query needs.
//! 4. [`query()`] and [`search()`] (`query.rs`, `candidates.rs`, `excerpt.rs`) rank with exactly
//!    the rules of `theme/search.js`, with the constants of `rank.rs` that the entry carries,
//!    on exactly the data the browser decodes (`model.rs`), so the ranking is unit-tested here;
//!    `tests/jscheck.js` runs the browser script in Node on the same files to prove it.
//!    [`SearchIndex::from_files`] reads the files back to prove the round trip.

mod build;
mod candidates;
mod codec;
mod crisis;
mod excerpt;
pub mod language;
mod lexicon;
mod model;
mod query;
mod rank;
mod shard;
pub mod site;
mod stem_keys;
mod text;
mod tokens;
mod unicode;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::fmt;

pub use build::build_index;
pub use query::{query, search};
pub use site::{TakenText, build_site_index, build_site_index_from, take_text};

/// One document to index: an article, a glossary term, a reading path or a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDoc {
    /// Site-root-relative URL, e.g. `articles/components/empathy/` (`""` is the home page).
    pub url: String,
    /// The document's title.
    pub title: String,
    /// What kind of document this is; the browser labels glossary terms "Glossary".
    pub kind: DocKind,
    /// Human section title, `""` if none (`"Glossary"` for terms).
    pub section: String,
    /// Audiences the document is written for, e.g. `["clients", "students"]`; empty means all.
    pub audience: Vec<String>,
    /// For glossary terms: the term followed by its aliases. Empty for other documents.
    pub terms: Vec<String>,
    /// The one- or two-sentence summary.
    pub summary: String,
    /// Words and questions a reader would type for this document (front matter `asks`):
    /// indexed with heading weight, shown nowhere.
    pub asks: Vec<String>,
    /// The body split at headings; the first has anchor `None` (text before any heading).
    pub sections: Vec<DocSection>,
}

/// A part of a document's body that starts at a heading.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DocSection {
    /// The heading's anchor (`id`), `None` for the text before the first heading.
    pub anchor: Option<String>,
    /// The heading text, `""` for the text before the first heading.
    pub heading: String,
    /// The plain text of the section.
    pub text: String,
}

/// The kind of a [`SearchDoc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    /// An article.
    Article,
    /// A glossary term.
    Term,
    /// A reading path.
    Path,
    /// A free page (about, privacy, ...).
    Page,
}

/// Settings for [`build_index`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// Query expansions from site.yaml: a word readers type -> words or phrases the site uses.
    /// Glossary aliases are added to these automatically, in both directions.
    pub synonyms: BTreeMap<String, Vec<String>>,
    /// Above this many documents the index is split into shards loaded on demand.
    pub shard_threshold_docs: usize,
    /// The index is also sharded when its single file would exceed this many bytes.
    pub shard_threshold_bytes: usize,
    /// Target size in bytes of one vocabulary or postings shard (a single very common word's
    /// postings may exceed it).
    pub shard_target_bytes: usize,
    /// Documents per document chunk on sharded sites; each result shown loads one chunk.
    pub doc_chunk_size: usize,
    /// Words of each section's text kept for excerpts (the summary and headings are kept whole).
    pub excerpt_words: usize,
    /// The site's language (BCP 47): picks the stemmer's query stop words, the built-in
    /// crisis wording and the common-word list.
    pub language: String,
    /// Crisis wording: queries containing one of these phrases put the help page first.
    pub crisis_phrases: Vec<String>,
    /// URL of the help page (as in [`SearchDoc::url`]) that crisis queries put first.
    pub help_url: Option<String>,
    /// The help notice shown above the results of a crisis query.
    pub help_notice: String,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            synonyms: BTreeMap::new(),
            shard_threshold_docs: 2000,
            shard_threshold_bytes: 512 << 10,
            shard_target_bytes: 24 << 10,
            doc_chunk_size: 8,
            excerpt_words: 20,
            language: "en".into(),
            crisis_phrases: language::crisis_phrases("en").iter().map(|p| p.to_string()).collect(),
            help_url: None,
            help_notice: String::new(),
        }
    }
}

/// One file of the index, to be written under the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// Path relative to the site root, e.g. `search/index.js`.
    pub path: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}

/// Sizes of an index, for the build summary and for budgets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    /// Bytes of all index files together.
    pub total_bytes: usize,
    /// Number of index files.
    pub file_count: usize,
    /// Whether the index is split into shards.
    pub sharded: bool,
    /// Number of vocabulary shards.
    pub vocab_shards: usize,
    /// Number of postings shards.
    pub postings_shards: usize,
    /// Number of document chunks.
    pub doc_chunks: usize,
    /// Bytes of `search/index.js`, which every first query loads.
    pub entry_bytes: usize,
    /// Estimated bytes a first two-word query downloads: the entry, two vocabulary shards and
    /// two postings shards of average size, and ten document chunks of average size (for ten
    /// results). Unsharded, the entry holds everything.
    pub first_query_bytes: usize,
}

/// The in-memory search index: exactly the data the browser gets, decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchIndex {
    entry: model::Entry,
    vocab: Vec<model::VocabShard>,
    postings: Vec<model::PostingsShard>,
    docs: Vec<model::DocRecord>,
    /// Sorted common words (`search/w.js`); empty when the language has no list.
    known: Vec<String>,
}

impl SearchIndex {
    /// The index files, in a fixed order: `search/index.js`, then the shards and chunks.
    pub fn files(&self) -> Vec<IndexFile> {
        codec::encode_files(self)
    }

    /// Sizes of the index files and an estimate of a first query's download. This encodes the
    /// files again; a caller that already has them can use [`SearchIndex::stats_of`].
    pub fn stats(&self) -> IndexStats {
        codec::measure(self, &self.files())
    }

    /// Sizes of `files`, which [`SearchIndex::files`] returned for this index.
    pub fn stats_of(&self, files: &[IndexFile]) -> IndexStats {
        codec::measure(self, files)
    }

    /// Reads an index back from the files [`SearchIndex::files`] wrote.
    pub fn from_files(files: &[IndexFile]) -> Result<SearchIndex, IndexParseError> {
        codec::decode_files(files)
    }

    /// The help notice crisis queries show (the site's `help_notice`).
    pub fn help_notice(&self) -> &str {
        &self.entry.notice
    }
}

/// Options for one [`query()`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryOptions {
    /// Only documents for this audience (documents without an audience always match).
    pub audience: Option<String>,
    /// Only documents in this section (by section title).
    pub section: Option<String>,
    /// At most this many hits.
    pub limit: usize,
    /// The query was submitted whole (Enter, or a `?q=` link): its last word is a finished
    /// word, never matched by prefix. `false` while the reader is typing.
    pub complete: bool,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions { audience: None, section: None, limit: 10, complete: false }
    }
}

/// What a search shows: the hits, and whether the query used crisis wording (then the help
/// page is the first hit and the page shows the site's help notice above the results).
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The hits, best first.
    pub hits: Vec<Hit>,
    /// Whether the query matched the crisis wording.
    pub crisis: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Site-root-relative URL of the document.
    pub url: String,
    /// The document's title.
    pub title: String,
    /// Anchor of the best-matching heading, if the best match is under a heading.
    pub anchor: Option<String>,
    /// Relevance; higher is better. Only comparable within one query.
    pub score: f32,
    /// Text around the best match, matched words wrapped as `[[mark]]word[[/mark]]`.
    pub excerpt: String,
}

/// Why [`SearchIndex::from_files`] could not read an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexParseError {
    /// The file that failed, e.g. `search/p3.js`.
    pub path: String,
    /// What was wrong with it.
    pub message: String,
}

impl fmt::Display for IndexParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for IndexParseError {}
