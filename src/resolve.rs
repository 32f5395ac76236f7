//! Stage 2, resolve: renders every body's Markdown once (articles, pages, glossary entries,
//! path introductions) into one collection keyed by its owner, then computes the facts that
//! need every body: the link graph, anchor checks, reading paths and glossary use.
//!
//! A full build ([`resolve_site`]) and the dev server's incremental rebuild
//! ([`Analysis::rerender_docs`]) go through the same functions, so the two routes cannot drift.

use rayon::prelude::*;

use crate::content::model::Site;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceMap, Span};
use crate::graph::LinkGraph;
use crate::ids::{DocId, DocVec, PathId, PathVec, TermId, TermVec};
use crate::links::{Destination, LinkIndex};
use crate::markdown::glossary_links::TermMatcher;
use crate::markdown::{MarkdownContext, RenderTarget, Rendered};
use crate::options::{BuildOptions, Timings};
use crate::paths::{PathPlace, ResolvedPath};

/// What a rendered body belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Owner {
    /// An article, free page or the home page.
    Doc(DocId),
    /// A glossary entry's full text.
    Term(TermId),
    /// A reading path's introduction.
    Path(PathId),
}

/// Every rendered body of the site, keyed by its owner: the one door through which anchor
/// checks, the link graph, search and lints see the site's text.
#[derive(Debug, Default)]
pub struct Bodies {
    docs: DocVec<Rendered>,
    terms: TermVec<Rendered>,
    paths: PathVec<Rendered>,
}

impl Bodies {
    /// The body of one owner.
    pub fn get(&self, owner: Owner) -> &Rendered {
        match owner {
            Owner::Doc(id) => &self.docs[id],
            Owner::Term(id) => &self.terms[id],
            Owner::Path(id) => &self.paths[id],
        }
    }

    /// A document's body.
    pub fn doc(&self, id: DocId) -> &Rendered {
        &self.docs[id]
    }

    /// The documents' bodies.
    pub fn docs(&self) -> &DocVec<Rendered> {
        &self.docs
    }

    /// Every body with its owner: documents, then glossary entries, then path introductions.
    pub fn iter(&self) -> impl Iterator<Item = (Owner, &Rendered)> {
        let docs = self.docs.iter_enumerated().map(|(id, r)| (Owner::Doc(id), r));
        let terms = self.terms.iter_enumerated().map(|(id, r)| (Owner::Term(id), r));
        let paths = self.paths.iter_enumerated().map(|(id, r)| (Owner::Path(id), r));
        docs.chain(terms).chain(paths)
    }

    /// Every body with its owner, mutably (search takes each body's text instead of copying).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (Owner, &mut Rendered)> {
        let docs = self.docs.iter_mut().enumerate().map(|(i, r)| (Owner::Doc(DocId(i)), r));
        let terms = self.terms.iter_mut().enumerate().map(|(i, r)| (Owner::Term(TermId(i)), r));
        let paths = self.paths.iter_mut().enumerate().map(|(i, r)| (Owner::Path(PathId(i)), r));
        docs.chain(terms).chain(paths)
    }
}

/// The lookups Markdown rendering resolves against; they depend on the loaded site only, so
/// the dev server keeps them across incremental rebuilds.
#[derive(Debug)]
pub struct Resolver {
    links: LinkIndex,
    terms: TermMatcher,
    /// The site's bibliography, when it has one.
    pub bibliography: Option<crate::cite::Bibliography>,
}

impl Resolver {
    /// Indexes a loaded site's slugs, paths, static files and glossary names.
    pub fn new(site: &Site) -> Self {
        let terms = TermMatcher::for_language(&site.terms, &site.config.language);
        Resolver { links: LinkIndex::new(site), terms, bibliography: None }
    }

    fn context<'a>(
        &'a self,
        site: &'a Site,
        sources: &'a SourceMap,
        options: &BuildOptions,
    ) -> MarkdownContext<'a> {
        MarkdownContext {
            site,
            links: &self.links,
            sources,
            terms: &self.terms,
            offline: options.offline,
            raw_html: site.config.markdown.raw_html,
            bibliography: self.bibliography.as_ref(),
            keep_prose: options.lints,
        }
    }
}

/// Where an owner's Markdown is and where its HTML lands.
fn render_body(
    cx: &MarkdownContext<'_>,
    sources: &SourceMap,
    owner: Owner,
) -> (Rendered, Vec<Diagnostic>) {
    let site = cx.site;
    match owner {
        // An untranslated original in another language's view has no page there: its body
        // is rendered (and checked) once, in its own language.
        Owner::Doc(id) if site.doc(id).foreign => (Rendered::default(), Vec::new()),
        Owner::Doc(id) => {
            let doc = site.doc(id);
            let text = &sources.get(doc.file).text;
            crate::markdown::render_markdown(cx, RenderTarget::for_doc(site, doc, text))
        }
        Owner::Term(id) => {
            let term = &site.terms[id];
            let text = &sources.get(term.file).text;
            let target = RenderTarget {
                file: term.file,
                body: &text[term.body_offset..],
                body_offset: term.body_offset,
                source_path: "glossary/",
                url: "glossary/",
                autolink: false,
                own_term: Some(id),
            };
            crate::markdown::render_markdown(cx, target)
        }
        Owner::Path(id) => {
            let path = &site.paths[id];
            let text = &sources.get(path.file).text;
            let url = format!("paths/{}/", path.slug);
            let source_path = format!("paths/{}.md", path.slug);
            let target = RenderTarget {
                file: path.file,
                body: &text[path.body_offset..],
                body_offset: path.body_offset,
                source_path: &source_path,
                url: &url,
                autolink: false,
                own_term: None,
            };
            crate::markdown::render_markdown(cx, target)
        }
    }
}

/// Renders every body of the site in parallel.
fn render_all(
    cx: &MarkdownContext<'_>,
    sources: &SourceMap,
    diagnostics: &mut Diagnostics,
) -> Bodies {
    let site = cx.site;
    let mut render = |owners: Vec<Owner>| -> Vec<Rendered> {
        let results: Vec<(Rendered, Vec<Diagnostic>)> =
            owners.into_par_iter().map(|owner| render_body(cx, sources, owner)).collect();
        results
            .into_iter()
            .map(|(rendered, notes)| {
                diagnostics.extend(notes);
                rendered
            })
            .collect()
    };
    let docs = render(site.docs.ids().map(Owner::Doc).collect()).into();
    let terms = render(site.terms.ids().map(Owner::Term).collect()).into();
    let paths = render(site.paths.ids().map(Owner::Path).collect()).into();
    Bodies { docs, terms, paths }
}

/// Everything known about a site after loading and resolving, before any page is written.
pub struct Analysis {
    /// Every source text.
    pub sources: SourceMap,
    /// The loaded site.
    pub site: Site,
    /// Every rendered body, by owner.
    pub bodies: Bodies,
    /// The lookups the bodies were rendered against.
    pub resolver: Resolver,
    /// Links between documents.
    pub graph: LinkGraph,
    /// Reading paths with resolved steps.
    pub paths: PathVec<ResolvedPath>,
    /// Per document: its places on reading paths.
    pub places: DocVec<Vec<PathPlace>>,
    /// Per term: the articles using it.
    pub used_in: TermVec<Vec<DocId>>,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// Stage durations so far.
    pub timings: Timings,
    /// A multilingual site's other languages, in site.yaml order, each resolved as a site of
    /// its own (this analysis is the default language's); empty for a monolingual site.
    pub languages: Vec<Analysis>,
}

/// The facts that need every body at once.
struct Linked {
    graph: LinkGraph,
    paths: PathVec<ResolvedPath>,
    places: DocVec<Vec<PathPlace>>,
    used_in: TermVec<Vec<DocId>>,
}

/// Computes the link graph, reading paths and glossary use, and reports broken anchors and
/// front-matter slugs: the second half of resolving, shared by full and incremental builds.
fn link_bodies(
    site: &Site,
    sources: &SourceMap,
    bodies: &Bodies,
    diagnostics: &mut Diagnostics,
) -> Linked {
    let graph = LinkGraph::build(site, bodies.docs());
    check_anchors(site, bodies, diagnostics);
    crate::graph::check_front_matter_slugs(site, sources, diagnostics);
    let paths = crate::paths::resolve_paths(site, sources, diagnostics);
    let places = crate::paths::places(site, &paths);
    let used_in = crate::glossary::used_in(site, bodies.docs());
    Linked { graph, paths, places, used_in }
}

/// Resolves a loaded site: renders every body, then links them.
pub fn resolve_site(
    site: Site,
    sources: SourceMap,
    mut diagnostics: Diagnostics,
    options: &BuildOptions,
    timings: Timings,
) -> Analysis {
    crate::glossary::check_glossary(&site, &sources, &mut diagnostics);
    let mut sources = sources;
    let mut resolver = Resolver::new(&site);
    resolver.bibliography = crate::cite::load(&site, &mut sources, &mut diagnostics);
    let bodies =
        render_all(&resolver.context(&site, &sources, options), &sources, &mut diagnostics);
    let bibliography = resolver.bibliography.as_ref();
    crate::cite::check_front_matter(bibliography, &site, &sources, &mut diagnostics);
    if let Some(bibliography) = bibliography {
        let cited = bodies.iter().flat_map(|(_, b)| b.cited.iter().map(String::as_str));
        let listed = crate::cite::front_matter_cites(&site).into_iter().map(|(_, key)| key);
        crate::cite::check_unused(bibliography, cited.chain(listed), &mut diagnostics);
    }
    let linked = link_bodies(&site, &sources, &bodies, &mut diagnostics);
    Analysis {
        sources,
        site,
        bodies,
        resolver,
        graph: linked.graph,
        paths: linked.paths,
        places: linked.places,
        used_in: linked.used_in,
        diagnostics,
        timings,
        languages: Vec::new(),
    }
}

/// Resolves each language of a multilingual site as a site of its own: the default language's
/// analysis, holding the others in [`Analysis::languages`] and every language's problems (each
/// file is resolved in its own language only, so none is reported twice).
pub fn resolve_languages(
    site: Site,
    sources: SourceMap,
    diagnostics: Diagnostics,
    options: &BuildOptions,
    timings: Timings,
) -> Analysis {
    let mut views = crate::content::languages::views(&site).into_iter();
    let Some(default) = views.next() else {
        return resolve_site(site, sources, diagnostics, options, timings);
    };
    let others: Vec<Analysis> = views
        .map(|view| {
            let none = Diagnostics::default();
            resolve_site(view.site, sources.clone(), none, options, timings)
        })
        .collect();
    let mut analysis = resolve_site(default.site, sources, diagnostics, options, timings);
    for mut other in others {
        analysis.diagnostics.extend(other.diagnostics.take());
        analysis.languages.push(other);
    }
    analysis
}

impl Analysis {
    /// Re-renders the bodies of documents whose source changed (already reloaded into
    /// `site` and `sources`) and links the site again; returns the problems found. The dev
    /// server's incremental route, through the same functions as [`resolve_site`].
    pub fn rerender_docs(&mut self, changed: &[DocId], options: &BuildOptions) -> Diagnostics {
        let mut diagnostics = Diagnostics::default();
        let cx = self.resolver.context(&self.site, &self.sources, options);
        let rendered: Vec<(DocId, Rendered)> = changed
            .iter()
            .map(|&id| {
                let (facts, notes) = render_body(&cx, &self.sources, Owner::Doc(id));
                diagnostics.extend(notes);
                (id, facts)
            })
            .collect();
        for (id, facts) in rendered {
            self.bodies.docs[id] = facts;
        }
        let linked = link_bodies(&self.site, &self.sources, &self.bodies, &mut diagnostics);
        self.graph = linked.graph;
        self.paths = linked.paths;
        self.places = linked.places;
        self.used_in = linked.used_in;
        diagnostics
    }

    /// Documents on at least one reading path.
    pub fn on_paths(&self) -> std::collections::HashSet<DocId> {
        self.paths.iter().flat_map(|p| p.steps.iter().map(|s| s.1)).collect()
    }
}

/// The slug a reader sees for an owner (a document's, an entry's or a path's).
fn owner_slug(site: &Site, owner: Owner) -> &str {
    match owner {
        Owner::Doc(id) => &site.doc(id).slug,
        Owner::Term(id) => &site.terms[id].slug,
        Owner::Path(id) => &site.paths[id].slug,
    }
}

/// Reports links to headings that do not exist (`[[empathy#nope]]`, `#nope`), in every body:
/// articles and pages, glossary entries and path introductions.
pub fn check_anchors(site: &Site, bodies: &Bodies, diagnostics: &mut Diagnostics) {
    for (owner, facts) in bodies.iter() {
        for link in &facts.links {
            let (target, anchor) = match &link.target {
                Destination::Doc(to, Some(anchor)) => (Owner::Doc(*to), anchor),
                Destination::SelfAnchor(anchor) if !anchor.is_empty() => (owner, anchor),
                _ => continue,
            };
            let headings = &bodies.get(target).headings;
            let footnote = anchor.starts_with("fn-") || anchor.starts_with("fnref");
            if footnote || headings.iter().any(|h| &h.id == anchor) {
                continue;
            }
            let ids: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
            diagnostics.push(broken_anchor(owner_slug(site, target), anchor, &ids, link.span));
        }
    }
}

fn broken_anchor(slug: &str, anchor: &str, ids: &[&str], span: Span) -> Diagnostic {
    let diagnostic =
        Diagnostic::error(Code::BrokenAnchor, format!("`{slug}` has no heading `#{anchor}`"))
            .at(span)
            .with_suggestion(anchor, ids.iter().copied());
    if diagnostic.help.is_some() {
        return diagnostic;
    }
    let list: Vec<&str> = ids.iter().copied().take(8).collect();
    diagnostic.with_help(format!("its headings are: {}", list.join(", ")))
}
