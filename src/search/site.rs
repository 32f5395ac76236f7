//! The bridge from a built site to the search index: one [`SearchDoc`] per article, page,
//! glossary entry and reading path, made from the facts rendering already produced (no
//! document is rendered again for search).

use std::collections::HashMap;

use crate::content::model::DocKind as ContentKind;
use crate::ids::DocVec;
use crate::markdown::TextSection;
use crate::output::OutputFile;
use crate::resolve::{Analysis, Owner};

use super::{DocKind, DocSection, SearchDoc, SearchOptions, build_index};

/// The search documents of a site.
pub fn site_documents(analysis: &Analysis) -> Vec<SearchDoc> {
    documents(analysis, None)
}

/// Body text taken out of an analysis, by owner.
pub struct TakenText {
    by_owner: HashMap<Owner, Vec<TextSection>>,
}

impl TakenText {
    fn from(analysis: &mut Analysis) -> TakenText {
        let by_owner = analysis
            .bodies
            .iter_mut()
            .map(|(owner, body)| (owner, std::mem::take(&mut body.sections)))
            .collect();
        TakenText { by_owner }
    }
}

/// The sections of one body: moved out of `taken` when there is one, else copied.
fn sections_of(
    taken: Option<&mut TakenText>,
    owner: Owner,
    from: &[TextSection],
) -> Vec<DocSection> {
    match taken.and_then(|t| t.by_owner.get_mut(&owner)) {
        Some(owned) => std::mem::take(owned)
            .into_iter()
            .map(|s| DocSection { anchor: s.anchor, heading: s.heading, text: s.text })
            .collect(),
        None => sections(from),
    }
}

fn documents(analysis: &Analysis, mut taken: Option<TakenText>) -> Vec<SearchDoc> {
    let site = &analysis.site;
    let main_terms = main_article_terms(analysis);
    let mut docs = Vec::with_capacity(site.docs.len() + site.terms.len() + site.paths.len());
    for ((id, doc), terms) in site.docs.iter_enumerated().zip(main_terms) {
        if doc.foreign {
            continue; // found in its own language's index
        }
        let rendered = analysis.bodies.get(Owner::Doc(id));
        let (kind, section) = match doc.kind {
            ContentKind::Article => (DocKind::Article, site.config.section_title(&doc.section)),
            ContentKind::Page => (DocKind::Page, String::new()),
            ContentKind::Home => continue,
        };
        docs.push(SearchDoc {
            url: doc.url.clone(),
            title: doc.meta.title.clone(),
            kind,
            section,
            audience: doc.meta.audience.clone(),
            terms,
            summary: doc.meta.summary.clone(),
            asks: doc.meta.asks.iter().chain(&doc.meta.aliases).cloned().collect(),
            sections: sections_of(taken.as_mut(), Owner::Doc(id), &rendered.sections),
        });
    }
    for (id, term) in site.terms.iter_enumerated() {
        let rendered = analysis.bodies.get(Owner::Term(id));
        docs.push(SearchDoc {
            url: format!("glossary/#{}", term.slug),
            title: term.meta.term.clone(),
            kind: DocKind::Term,
            section: "Glossary".into(),
            audience: Vec::new(),
            terms: std::iter::once(term.meta.term.clone())
                .chain(term.meta.aliases.iter().cloned())
                .collect(),
            summary: term.meta.short.clone(),
            asks: Vec::new(),
            sections: sections_of(taken.as_mut(), Owner::Term(id), &rendered.sections),
        });
    }
    for (id, path) in site.paths.iter_enumerated() {
        let rendered = analysis.bodies.get(Owner::Path(id));
        docs.push(SearchDoc {
            url: format!("paths/{}/", path.slug),
            title: path.meta.title.clone(),
            kind: DocKind::Path,
            section: "Reading paths".into(),
            audience: path.meta.audience.clone(),
            terms: Vec::new(),
            summary: path.meta.summary.clone(),
            asks: Vec::new(),
            sections: sections_of(taken.as_mut(), Owner::Path(id), &rendered.sections),
        });
    }
    docs
}

/// Per document, the glossary terms (with aliases) it is the main article for: a glossary entry
/// that links to an article whose title names the term or one of its aliases ("working
/// alliance" -> "The working alliance: goals, tasks and bond") hands that article its names,
/// so a search for the term finds the full article as well as the short entry.
fn main_article_terms(analysis: &Analysis) -> DocVec<Vec<String>> {
    let site = &analysis.site;
    let mut terms: DocVec<Vec<String>> = site.docs.map(|_| Vec::new());
    for (id, term) in site.terms.iter_enumerated() {
        let body = analysis.bodies.get(Owner::Term(id));
        let names: Vec<String> = std::iter::once(&term.meta.term)
            .chain(&term.meta.aliases)
            .map(|n| n.to_lowercase())
            .collect();
        for link in &body.links {
            let crate::links::Destination::Doc(id, _) = link.target else { continue };
            let doc = site.doc(id);
            let title = doc.meta.title.to_lowercase();
            let named = names.iter().any(|name| contains_phrase(&title, name));
            if doc.kind == ContentKind::Article && named && !terms[id].contains(&term.meta.term) {
                terms[id].push(term.meta.term.clone());
                terms[id].extend(term.meta.aliases.iter().cloned());
            }
        }
    }
    terms
}

/// Whether `phrase` occurs in `text` as whole words.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = text[at + phrase.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

fn sections(from: &[TextSection]) -> Vec<DocSection> {
    from.iter()
        .map(|s| DocSection {
            anchor: s.anchor.clone(),
            heading: s.heading.clone(),
            text: s.text.clone(),
        })
        .collect()
}

/// The search options of a site, from site.yaml.
pub fn site_options(analysis: &Analysis) -> SearchOptions {
    let site = &analysis.site;
    let config = &site.config.search;
    let language = site.config.language.clone();
    let builtin =
        super::language::crisis_phrases(&language).iter().filter(|_| config.crisis.builtin);
    let crisis_phrases =
        builtin.map(|p| p.to_string()).chain(config.crisis.phrases.iter().cloned()).collect();
    SearchOptions {
        synonyms: config.synonyms.clone(),
        shard_threshold_docs: config.shard_threshold_docs,
        language,
        crisis_phrases,
        help_url: help_page(analysis).map(|doc| doc.url.clone()),
        help_notice: site.config.help_notice.clone(),
        ..SearchOptions::default()
    }
}

/// `search.help_page` must name a page or article of the site: crisis wording in a query would
/// otherwise have no help page to put first. Reported at the value in site.yaml, with the
/// nearest slug.
pub fn check_help_page(
    site: &crate::content::model::Site,
    sources: &crate::diagnostics::SourceMap,
    diagnostics: &mut crate::diagnostics::Diagnostics,
) {
    let Some(slug) = site.config.search.help_page.as_deref() else { return };
    let pages = site.docs.iter().filter(|d| d.kind != ContentKind::Home);
    if pages.clone().any(|d| d.slug == slug) {
        return;
    }
    let mut diagnostic = crate::diagnostics::Diagnostic::error(
        crate::diagnostics::Code::HelpPage,
        format!("`search.help_page` names `{slug}`, which is not a page or article of this site"),
    );
    let config = ["content/site.yaml", "content/site.yml"]
        .iter()
        .find_map(|p| sources.find(std::path::Path::new(p)));
    if let Some(file) = config {
        let text = &sources.get(file).text;
        let span = crate::content::front_matter::find_value_span(
            text,
            (0, text.len()),
            "help_page",
            slug,
            file,
        );
        diagnostic = diagnostic.at(span);
    }
    let help = match crate::diagnostics::did_you_mean(slug, pages.map(|d| d.slug.as_str())) {
        Some(near) => format!("did you mean `{near}`? Name the slug of the page crisis queries should show first"),
        None => "name the slug of the page crisis queries should show first, e.g. `getting-help` for content/pages/getting-help.md".to_string(),
    };
    diagnostics.push(diagnostic.with_help(help));
}

/// Slug of the help page when site.yaml names none.
pub const DEFAULT_HELP_PAGE: &str = "getting-help";

/// The page crisis queries put first: `search.help_page`, else the `getting-help` page.
pub fn help_page(analysis: &Analysis) -> Option<&crate::content::model::Doc> {
    let site = &analysis.site;
    let slug = site.config.search.help_page.as_deref().unwrap_or(DEFAULT_HELP_PAGE);
    site.docs.iter().find(|d| d.slug == slug && d.kind != ContentKind::Home)
}

/// Builds the index of a site and returns its files for the output.
pub fn build_site_index(analysis: &Analysis) -> Vec<OutputFile> {
    index_files(&site_documents(analysis), analysis)
}

/// Takes the body text out of an analysis for [`build_site_index_from`]: in a one-off build
/// the text moves into the index instead of being copied (rendering pages does not read it),
/// which saves a copy of every article's text at the build's peak of memory.
pub fn take_text(analysis: &mut Analysis) -> TakenText {
    TakenText::from(analysis)
}

/// [`build_site_index`] from text taken out of the analysis by [`take_text`].
pub fn build_site_index_from(analysis: &Analysis, taken: TakenText) -> Vec<OutputFile> {
    let docs = documents(analysis, Some(taken));
    index_files(&docs, analysis)
}

fn index_files(docs: &[SearchDoc], analysis: &Analysis) -> Vec<OutputFile> {
    let index = build_index(docs, &site_options(analysis));
    index
        .files()
        .into_iter()
        .map(|f| OutputFile {
            // A language's index lives in its folder (`es/search/`), beside its search page.
            path: with_prefix(&analysis.site.prefix, f.path),
            body: crate::output::OutputBody::Bytes(f.bytes),
        })
        .collect()
}

/// `path` inside a language's folder (`es/`); unchanged for the default language.
fn with_prefix(prefix: &str, path: String) -> String {
    if prefix.is_empty() { path } else { format!("{prefix}{path}") }
}
