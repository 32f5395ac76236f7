//! Page views: what each kind of page shows (article, home, section, glossary, path, packet,
//! search, tags, map, 404), computed up front with every link relative to that page, and the
//! chrome around them (head metadata, navigation, footer).

use serde::Serialize;
use tera::{Context, Tera};

use crate::content::model::DocKind;
use crate::error::{Error, Result};
use crate::glossary::letter;
use crate::ids::{DocId, PathId, TermId};
use crate::output::OutputFile;
use crate::render::Resolved;
use crate::render::context::*;
use crate::render::strings::Strings;
use crate::render::{Page, Section, feeds, map, paginate, templates};
use crate::resolve::Owner;

/// A tag's link from the page `linker` writes for.
fn tag_link(linker: &Linker<'_>, tag: &str) -> Link {
    Link::new(linker.href(&format!("tags/{}/", crate::url::slugify(tag))), tag.to_string())
}

/// One page before its chrome: where it goes, which template, and what it shows.
struct PageJob {
    url: String,
    template: &'static str,
    title: String,
    description: String,
    context: Context,
}

impl PageJob {
    fn new(
        url: String,
        template: &'static str,
        title: &str,
        description: impl Into<String>,
        context: Context,
    ) -> Self {
        PageJob {
            url,
            template,
            title: title.to_string(),
            description: description.into(),
            context,
        }
    }
}

/// Renders pages of one build; shared by the parallel page jobs.
pub(crate) struct Pages<'a> {
    pub(crate) r: &'a Resolved<'a>,
    pub(crate) tera: &'a Tera,
    pub(crate) sections: &'a [Section],
    pub(crate) tags: &'a [(String, Vec<DocId>)],
    /// The UI strings of the site's language.
    pub(crate) strings: &'a Strings,
    /// The about, privacy and getting-help pages, looked up once for every page's footer.
    footer: [Option<DocId>; 3],
    /// Whether the site has a `theme/extra.css` to link after the default stylesheet.
    extra_css: bool,
}

impl<'a> Pages<'a> {
    /// A renderer for one build's pages.
    pub(crate) fn new(
        r: &'a Resolved<'a>,
        tera: &'a Tera,
        sections: &'a [Section],
        tags: &'a [(String, Vec<DocId>)],
        strings: &'a Strings,
    ) -> Self {
        let page = |slug: &str| {
            r.site.doc_by_slug(slug).filter(|id| r.site.doc(*id).kind == DocKind::Page)
        };
        Pages {
            r,
            tera,
            sections,
            tags,
            strings,
            footer: [page("about"), page("privacy"), page("getting-help")],
            extra_css: r.site.root.join("theme").join(super::overrides::EXTRA_CSS).is_file(),
        }
    }
}

/// An article's view; text that is shown as it is stored is borrowed, not copied.
#[derive(Serialize)]
struct ArticleView<'a> {
    title: &'a str,
    summary: &'a str,
    audience: Vec<Badge>,
    minutes: usize,
    words: usize,
    section: Option<Link>,
    tags: Vec<Link>,
    updated: Option<String>,
    reviewed: Option<ReviewView>,
    toc: Vec<TocEntry<'a>>,
    body: &'a str,
    objectives: &'a [String],
    questions: &'a [String],
    references: Vec<ReferenceView>,
    terms: Vec<TermLink>,
    backlinks: Vec<BacklinkView<'a>>,
    /// Backlinks beyond `limits.list_cap`, counted but not listed (very large sites).
    backlinks_more: usize,
    /// The page listing every backlink, when some are not listed here.
    backlinks_all: String,
    related: Vec<Card>,
    prerequisites: Vec<Link>,
    paths: Vec<PathPlaceView>,
    is_article: bool,
    /// The article's neighbours in its section, for the side navigation (issue 26).
    section_nav: Vec<SectionNavEntry>,
}

/// One entry of an article's section navigation; `current` marks the article itself.
#[derive(Serialize)]
struct SectionNavEntry {
    href: String,
    title: String,
    current: bool,
}

/// How many of a section's articles its side navigation lists at most (a window around the
/// current one), so a page of a 10,000-article section stays small.
const SECTION_NAV_WINDOW: usize = 15;

#[derive(Serialize)]
struct ReviewView {
    by: String,
    on: String,
    on_long: String,
}

#[derive(Serialize)]
struct TocEntry<'a> {
    level: u8,
    id: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct TermLink {
    href: String,
    term: String,
    short: String,
}

#[derive(Serialize)]
struct BacklinkView<'a> {
    href: String,
    title: String,
    context: &'a str,
}

#[derive(Serialize)]
struct PathPlaceView {
    title: String,
    href: String,
    position: usize,
    total: usize,
    previous: Option<Link>,
    next: Option<Link>,
}

#[derive(Serialize)]
struct PathCard {
    slug: String,
    title: String,
    summary: String,
    href: String,
    audience: Vec<Badge>,
    steps: usize,
    minutes: usize,
}

#[derive(Serialize)]
struct StepView {
    number: usize,
    slug: String,
    title: String,
    summary: String,
    note: String,
    optional: bool,
    minutes: usize,
    href: String,
    body: String,
    section: String,
    /// Knowledge checks in the step's article.
    quizzes: usize,
    /// Set when the step is an untranslated original in another language.
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<LangMark>,
}

#[derive(Serialize)]
struct TermView {
    slug: String,
    term: String,
    aliases: Vec<String>,
    short: String,
    body: String,
    see_also: Vec<Link>,
    used_in: Vec<Link>,
    /// Articles beyond `limits.list_cap`, counted but not listed (very large sites).
    used_in_more: usize,
    /// The page listing every article using the term, when some are not listed here.
    used_in_all: String,
    references: Vec<ReferenceView>,
}

#[derive(Serialize)]
struct LetterView {
    letter: char,
    terms: Vec<TermView>,
}

/// One letter of the glossary's A-Z bar: a link when some entry starts with it.
#[derive(Serialize)]
struct BarLetter {
    letter: char,
    linked: bool,
}

/// The A-Z bar: every letter A-Z, linked where `letters` has a group, then any other group
/// (a term starting with a digit or symbol) so every group can be reached from the bar.
fn alphabet_bar(letters: &[LetterView]) -> Vec<BarLetter> {
    let has = |c: char| letters.iter().any(|g| g.letter == c);
    let mut bar: Vec<BarLetter> =
        ('A'..='Z').map(|letter| BarLetter { letter, linked: has(letter) }).collect();
    bar.extend(
        letters
            .iter()
            .filter(|g| !g.letter.is_ascii_uppercase())
            .map(|g| BarLetter { letter: g.letter, linked: true }),
    );
    bar
}

#[derive(Serialize)]
struct SectionView {
    title: String,
    description: String,
    href: String,
    articles: Vec<Card>,
}

impl<'a> Pages<'a> {
    pub(crate) fn render(&self, page: &Page) -> Result<OutputFile> {
        let r = self.r;
        let PageJob { url, template, title, description, mut context } = self.job(page)?;
        let has_code = matches!(page, Page::Doc(id) if r.bodies.doc(*id).html.contains("class=\"code\""))
            || matches!(page, Page::Packet(_));
        context.insert("chrome", &self.chrome(&url, &title, &description, page, has_code));
        context.insert("ui", self.strings.value());
        // Rendered straight into bytes sized for the page: the body plus room for the chrome
        // (`Tera::render` grows a small buffer several times, then re-validates it as UTF-8).
        let body = match page {
            Page::Doc(id) => r.bodies.doc(*id).html.len(),
            _ => 0,
        };
        let mut html = Vec::with_capacity(body + 16 * 1024);
        self.tera.render_to(template, &context, &mut html).map_err(|e| Error::Template {
            name: template.to_string(),
            message: templates::error_chain(&e),
        })?;
        let path = if url.ends_with(".html") { url } else { format!("{url}index.html") };
        // A language's pages go in its folder (`es/`); URLs in views stay relative to it.
        let prefix = &r.site.prefix;
        let path = if prefix.is_empty() { path } else { format!("{prefix}{path}") };
        Ok(OutputFile::bytes(path, html))
    }

    /// What one page kind contributes: its URL, template, title, description and view.
    fn job(&self, page: &Page) -> Result<PageJob> {
        let (r, ui) = (self.r, self.strings);
        Ok(match page {
            Page::Doc(id) => self.doc_job(*id),
            Page::Section(id) => self.section_job(id, 1)?,
            Page::SectionPage(id, n) => self.section_job(id, *n)?,
            Page::Glossary => {
                let url = "glossary/".to_string();
                let context = self.glossary(&url);
                let description = ui.fmt("glossary_description", &[("site", &r.site.config.title)]);
                PageJob::new(url, "glossary.html", ui.get("glossary_title"), description, context)
            }
            Page::Path(i) => self.path_job(*i, false),
            Page::Packet(i) => self.path_job(*i, true),
            Page::Key(i) => self.key_job(*i),
            Page::Paths => {
                let url = "paths/".to_string();
                let mut context = Context::new();
                context.insert("paths", &self.path_cards(&url));
                let description = ui.get("paths_description");
                PageJob::new(url, "paths.html", ui.get("paths_title"), description, context)
            }
            Page::Search => self.search_job(),
            Page::Tag(wanted) => self.tag_job(wanted, 1)?,
            Page::TagPage(wanted, n) => self.tag_job(wanted, *n)?,
            Page::Tags => self.tags_job(),
            Page::Map => {
                let url = "map/".to_string();
                let context = map::context(r, self.sections, &self.linker(&url), ui);
                let description = ui.get("map_description");
                PageJob::new(url, "map.html", ui.get("map_title"), description, context)
            }
            Page::Untranslated(url) => self.untranslated_job(url),
            Page::UsedIn(term, n) => self.used_in_job(*term, *n),
            Page::LinkedFrom(id, n) => self.linked_from_job(*id, *n),
            Page::NotFound => {
                let mut context = Context::new();
                context.insert(
                    "home_href",
                    &format!("{}{}", r.site.config.base_path(), r.site.prefix),
                );
                context.insert("root_finder", &super::not_found::root_finder(r));
                let title = ui.get("not_found_title");
                PageJob::new("404.html".into(), "404.html", title, "", context)
            }
        })
    }

    /// The stand-in for a page this language has not translated: a notice in this language
    /// linking to the original, never the original's text passed off as a translation.
    fn untranslated_job(&self, url: &str) -> PageJob {
        let (r, ui) = (self.r, self.strings);
        let code = r.site.config.language.as_str();
        let default = r.site.config.languages.first().map_or(code, |l| l.code.as_str());
        let title = r.languages.and_then(|l| l.original_title(url)).filter(|t| !t.is_empty());
        let linker = self.linker(url);
        let original = Link {
            href: linker.root_href(url),
            title: title.unwrap_or(url).to_string(),
            lang: Some(LangMark::of(r.site, default)),
        };
        let mut context = Context::new();
        context.insert("original", &original);
        let (heading, notice) = (ui.get("untranslated_title"), ui.get("untranslated_notice"));
        PageJob::new(url.to_string(), "untranslated.html", heading, notice, context)
    }

    /// An article, a free page or the home page.
    fn doc_job(&self, id: DocId) -> PageJob {
        let doc = self.r.site.doc(id);
        let (template, context) = match doc.kind {
            DocKind::Article => ("article.html", self.article(id)),
            DocKind::Page => ("page.html", self.article(id)),
            DocKind::Home => ("home.html", self.home(id)),
        };
        PageJob::new(doc.url.clone(), template, &doc.meta.title, &doc.meta.summary, context)
    }

    /// Page `n` of a section's listing.
    fn section_job(&self, id: &str, n: usize) -> Result<PageJob> {
        let Some(section) = self.sections.iter().find(|s| s.id == id) else {
            return Err(Error::Usage(format!("no section `{id}`")));
        };
        let base = crate::config::section_url(&section.id);
        let url = paginate::page_url(&base, n);
        let linker = self.linker(&url);
        let size = self.r.site.config.limits.page_size;
        let total = paginate::page_count(section.articles.len(), size);
        let shown = paginate::page_of(&section.articles, n, size);
        let articles = shown.iter().map(|id| linker.card(*id, self.r.bodies.docs()));
        let view = SectionView {
            title: section.title.clone(),
            description: section.description.clone(),
            href: linker.href(&url),
            articles: articles.collect(),
        };
        let mut context = Context::new();
        context.insert("section", &view);
        context.insert("pagination", &paginate::pagination(&base, n, total, |p| linker.href(p)));
        let title = paged_title(self.strings, &section.title, n, total);
        Ok(PageJob::new(url, "section.html", &title, &section.description, context))
    }

    /// A reading path's page, or its printable packet.
    fn path_job(&self, id: PathId, packet: bool) -> PageJob {
        let path = &self.r.site.paths[id];
        let (url, template, title) = if packet {
            let title = self.strings.fmt("packet_title", &[("title", &path.meta.title)]);
            (format!("paths/{}/print/", path.slug), "packet.html", title)
        } else {
            (format!("paths/{}/", path.slug), "path.html", path.meta.title.clone())
        };
        let context = self.path(id, &url, packet);
        PageJob::new(url, template, &title, &path.meta.summary, context)
    }

    /// The search page, with its audience and section filters.
    fn search_job(&self) -> PageJob {
        let r = self.r;
        let url = "search/".to_string();
        let linker = self.linker(&url);
        let mut context = Context::new();
        context.insert("audiences", &r.site.config.audiences);
        let sections: Vec<SectionView> =
            self.sections.iter().map(|s| self.section_link(&linker, s)).collect();
        context.insert("sections", &sections);
        context.insert("glossary_href", &linker.href("glossary/"));
        let ui = self.strings;
        let description = ui.fmt("search_description", &[("site", &r.site.config.title)]);
        PageJob::new(url, "search.html", ui.get("search_title"), description, context)
    }

    /// Page `n` of one tag's articles.
    fn tag_job(&self, wanted: &str, n: usize) -> Result<PageJob> {
        let Some((tag, articles)) = self.tags.iter().find(|(t, _)| t == wanted) else {
            return Err(Error::Usage(format!("no tag `{wanted}`")));
        };
        let base = format!("tags/{tag}/");
        let url = paginate::page_url(&base, n);
        let linker = self.linker(&url);
        let size = self.r.site.config.limits.page_size;
        let total = paginate::page_count(articles.len(), size);
        let cards: Vec<Card> = paginate::page_of(articles, n, size)
            .iter()
            .map(|id| linker.card(*id, self.r.bodies.docs()))
            .collect();
        let mut context = Context::new();
        context.insert("tag", tag);
        context.insert("articles", &cards);
        context.insert("tags_href", &linker.href("tags/"));
        context.insert("pagination", &paginate::pagination(&base, n, total, |p| linker.href(p)));
        let ui = self.strings;
        let title = paged_title(ui, &ui.fmt("tag_title", &[("tag", tag)]), n, total);
        let description = ui.fmt("tag_description", &[("tag", tag)]);
        Ok(PageJob::new(url, "tag.html", &title, description, context))
    }

    /// Page `n` of every article using glossary term `t`.
    fn used_in_job(&self, t: TermId, n: usize) -> PageJob {
        let (r, ui) = (self.r, self.strings);
        let term = &r.site.terms[t];
        let name = term.meta.term.as_str();
        let title = ui.fmt("used_in_title", &[("term", name)]);
        let back =
            (format!("glossary/#{}", term.slug), ui.fmt("listing_back_term", &[("term", name)]));
        self.listing_job(&used_in_url(&term.slug), title, &r.used_in[t], back, n)
    }

    /// Page `n` of every page linking to document `id`.
    fn linked_from_job(&self, id: DocId, n: usize) -> PageJob {
        let (r, ui) = (self.r, self.strings);
        let doc = r.site.doc(id);
        let name = doc.meta.title.as_str();
        let title = ui.fmt("linked_from_title", &[("title", name)]);
        let back = (doc.url.clone(), ui.fmt("listing_back_page", &[("title", name)]));
        let sources = super::backlink_sources(r.site, r.graph, id);
        self.listing_job(&linked_from_url(&doc.url), title, &sources, back, n)
    }

    /// Page `n` of a full list at `base`: links to `docs`, pages and a way back to `back`
    /// (site path, text).
    fn listing_job(
        &self,
        base: &str,
        title: String,
        docs: &[DocId],
        back: (String, String),
        n: usize,
    ) -> PageJob {
        let url = paginate::page_url(base, n);
        let linker = self.linker(&url);
        let size = self.r.site.config.limits.page_size;
        let total = paginate::page_count(docs.len(), size);
        let items: Vec<Link> =
            paginate::page_of(docs, n, size).iter().map(|id| linker.doc(*id)).collect();
        let listing = ListingView {
            title: title.clone(),
            items,
            back: Link::new(linker.href(&back.0), back.1),
        };
        let mut context = Context::new();
        context.insert("listing", &listing);
        context.insert("pagination", &paginate::pagination(base, n, total, |p| linker.href(p)));
        let page_title = paged_title(self.strings, &title, n, total);
        PageJob::new(url, "listing.html", &page_title, title, context)
    }

    /// Every tag with its article count.
    fn tags_job(&self) -> PageJob {
        let url = "tags/".to_string();
        let linker = self.linker(&url);
        let tags: Vec<(Link, usize)> = self
            .tags
            .iter()
            .map(|(tag, ids)| {
                let link = Link::new(linker.href(&format!("tags/{tag}/")), tag.clone());
                (link, ids.len())
            })
            .collect();
        let mut context = Context::new();
        context.insert("tags", &tags);
        let ui = self.strings;
        PageJob::new(url, "tags.html", ui.get("tags_title"), ui.get("tags_description"), context)
    }

    fn linker<'u>(&self, url: &'u str) -> Linker<'u>
    where
        'a: 'u,
    {
        Linker { site: self.r.site, from: url, offline: self.r.options.offline }
    }

    fn section_link(&self, linker: &Linker<'_>, section: &Section) -> SectionView {
        SectionView {
            title: section.title.clone(),
            description: section.description.clone(),
            href: linker.href(&crate::config::section_url(&section.id)),
            articles: Vec::new(),
        }
    }

    fn article(&self, id: DocId) -> Context {
        let r = self.r;
        let doc = r.site.doc(id);
        let rendered = &r.bodies.doc(id);
        let linker = self.linker(&doc.url);
        let is_article = doc.kind == DocKind::Article;
        let view = ArticleView {
            title: &doc.meta.title,
            summary: &doc.meta.summary,
            audience: linker.badges(&doc.meta.audience),
            minutes: rendered.reading_minutes(),
            words: rendered.words,
            section: is_article.then(|| {
                Link::new(
                    linker.href(&crate::config::section_url(&doc.section)),
                    r.site.config.section_title(&doc.section),
                )
            }),
            tags: doc.meta.tags.iter().map(|t| tag_link(&linker, t)).collect(),
            updated: doc.meta.updated.map(|d| self.strings.date(&d)),
            reviewed: doc.meta.reviewed.as_ref().map(|rv| ReviewView {
                by: rv.by.clone(),
                on: rv.on.to_string(),
                on_long: self.strings.date(&rv.on),
            }),
            toc: rendered
                .headings
                .iter()
                .filter(|h| h.level <= 3)
                .map(|h| TocEntry { level: h.level, id: &h.id, text: &h.text })
                .collect(),
            body: &rendered.html,
            objectives: &doc.meta.objectives,
            questions: &doc.meta.questions,
            references: crate::render::course::references(
                r,
                r.bodies.doc(id),
                &doc.meta.references,
                "bib-",
            ),
            terms: rendered.terms.iter().map(|&t| term_link(&linker, &r.site.terms[t])).collect(),
            backlinks: self.backlinks(id, &linker),
            backlinks_more: super::backlink_sources(r.site, r.graph, id)
                .len()
                .saturating_sub(r.site.config.limits.list_cap),
            backlinks_all: linker.href(&linked_from_url(&doc.url)),
            related: if is_article {
                r.graph
                    .related(r.site, id, 4)
                    .into_iter()
                    .filter(|other| !r.site.doc(*other).foreign)
                    .map(|other| linker.card(other, r.bodies.docs()))
                    .collect()
            } else {
                Vec::new()
            },
            prerequisites: doc
                .meta
                .prerequisites
                .iter()
                .filter_map(|s| r.site.doc_by_slug(s))
                .map(|o| linker.doc(o))
                .collect(),
            paths: self.path_places(id, &linker),
            is_article,
            section_nav: if is_article { self.section_nav(id, &linker) } else { Vec::new() },
        };
        let mut context = Context::new();
        context.insert("article", &view);
        context
    }

    /// The articles of `id`'s section around it (at most [`SECTION_NAV_WINDOW`]), in the
    /// section's order, `id` marked current; empty when it is alone in its section.
    fn section_nav(&self, id: DocId, linker: &Linker<'_>) -> Vec<SectionNavEntry> {
        let section = &self.r.site.doc(id).section;
        let Some(articles) = self.sections.iter().find(|s| &s.id == section).map(|s| &s.articles)
        else {
            return Vec::new();
        };
        let Some(at) = articles.iter().position(|a| *a == id) else { return Vec::new() };
        if articles.len() < 2 {
            return Vec::new();
        }
        let start = at
            .saturating_sub(SECTION_NAV_WINDOW / 2)
            .min(articles.len().saturating_sub(SECTION_NAV_WINDOW));
        articles
            .iter()
            .skip(start)
            .take(SECTION_NAV_WINDOW)
            .map(|&other| {
                let link = linker.doc(other);
                SectionNavEntry { href: link.href, title: link.title, current: other == id }
            })
            .collect()
    }

    /// "Linked from": the documents linking to `id`, with the sentence around each link.
    fn backlinks(&self, id: DocId, linker: &Linker<'_>) -> Vec<BacklinkView<'a>> {
        let r = self.r;
        r.graph.backlinks[id]
            .iter()
            .filter(|b| r.site.doc(b.from).kind != DocKind::Home)
            .map(|b| {
                let link = linker.doc(b.from);
                BacklinkView { href: link.href, title: link.title, context: &b.context }
            })
            .take(r.site.config.limits.list_cap)
            .collect()
    }

    /// "Step N of M" with previous and next, for every path containing `id`.
    fn path_places(&self, id: DocId, linker: &Linker<'_>) -> Vec<PathPlaceView> {
        let r = self.r;
        r.places[id]
            .iter()
            .map(|place| {
                let path = &r.site.paths[place.path];
                PathPlaceView {
                    title: path.meta.title.clone(),
                    href: linker.href(&format!("paths/{}/", path.slug)),
                    position: place.position,
                    total: place.total,
                    previous: place.previous.map(|p| linker.doc(p)),
                    next: place.next.map(|n| linker.doc(n)),
                }
            })
            .collect()
    }

    fn home(&self, id: DocId) -> Context {
        let r = self.r;
        let doc = r.site.doc(id);
        let linker = self.linker(&doc.url);
        let mut context = Context::new();
        context.insert("intro", &r.bodies.doc(id).html);
        context.insert("title", &doc.meta.title);
        context.insert("paths", &self.path_cards(&doc.url));
        let sections: Vec<SectionView> = self
            .sections
            .iter()
            .map(|s| SectionView {
                articles: s
                    .articles
                    .iter()
                    .take(0)
                    .map(|a| linker.card(*a, r.bodies.docs()))
                    .collect(),
                ..self.section_link(&linker, s)
            })
            .collect();
        let counts: Vec<usize> = self.sections.iter().map(|s| s.articles.len()).collect();
        context.insert("sections", &sections);
        context.insert("section_counts", &counts);
        context.insert("glossary_href", &linker.href("glossary/"));
        context.insert("map_href", &linker.href("map/"));
        context.insert("paths_href", &linker.href("paths/"));
        context.insert("term_count", &r.site.terms.len());
        context
    }

    /// Path cards, ordered by their first audience as site.yaml lists audiences (so a clinic's
    /// clients see their path first), then by title.
    fn path_cards(&self, url: &str) -> Vec<PathCard> {
        let r = self.r;
        let linker = self.linker(url);
        let audience_rank = |index: PathId| {
            let first = r.site.paths[index].meta.audience.first();
            first
                .and_then(|a| r.site.config.audiences.iter().position(|x| &x.id == a))
                .unwrap_or(usize::MAX)
        };
        let mut ordered: Vec<&crate::paths::ResolvedPath> = r.paths.iter().collect();
        ordered.sort_by(|a, b| {
            audience_rank(a.index).cmp(&audience_rank(b.index)).then_with(|| {
                r.site.paths[a.index].meta.title.cmp(&r.site.paths[b.index].meta.title)
            })
        });
        ordered
            .into_iter()
            .map(|resolved| {
                let path = &r.site.paths[resolved.index];
                PathCard {
                    slug: path.slug.clone(),
                    title: path.meta.title.clone(),
                    summary: path.meta.summary.clone(),
                    href: linker.href(&format!("paths/{}/", path.slug)),
                    audience: linker.badges(&path.meta.audience),
                    steps: resolved.steps.len(),
                    minutes: resolved
                        .steps
                        .iter()
                        .map(|(_, d)| r.bodies.doc(*d).reading_minutes())
                        .sum(),
                }
            })
            .collect()
    }

    fn path(&self, index: PathId, url: &str, packet: bool) -> Context {
        let r = self.r;
        let path = &r.site.paths[index];
        let resolved = &r.paths[index];
        let linker = self.linker(url);
        let steps: Vec<StepView> = resolved
            .steps
            .iter()
            .enumerate()
            .map(|(n, &(step_index, id))| {
                let step = &path.meta.steps[step_index];
                let doc = r.site.doc(id);
                StepView {
                    number: n + 1,
                    slug: doc.slug.clone(),
                    title: doc.meta.title.clone(),
                    summary: doc.meta.summary.clone(),
                    note: step.note.clone(),
                    optional: step.optional,
                    minutes: r.bodies.doc(id).reading_minutes(),
                    href: linker.doc(id).href,
                    // The packet holds every step on one page: links are rebased from the
                    // article's URL, and ids prefixed per step so none clash.
                    body: if packet {
                        let rebased = crate::url::rebase(
                            &r.bodies.doc(id).html,
                            &doc.url,
                            url,
                            r.options.offline,
                        );
                        let prefix = format!("step-{}-", n + 1);
                        let body = crate::url::prefix_ids(&rebased, &prefix);
                        crate::render::course::packet_body(&body, &prefix)
                    } else {
                        String::new()
                    },
                    section: r.site.config.section_title(&doc.section),
                    quizzes: crate::render::course::step_quizzes(r, id),
                    lang: doc.foreign.then(|| LangMark::of(r.site, &doc.lang)),
                }
            })
            .collect();
        let mut context = Context::new();
        context.insert(
            "path",
            &PathCard {
                slug: path.slug.clone(),
                title: path.meta.title.clone(),
                summary: path.meta.summary.clone(),
                href: linker.href(&format!("paths/{}/", path.slug)),
                audience: linker.badges(&path.meta.audience),
                steps: steps.len(),
                minutes: steps.iter().map(|s| s.minutes).sum(),
            },
        );
        let intro = &r.bodies.get(Owner::Path(index)).html;
        let intro = if packet {
            crate::url::rebase(intro, &format!("paths/{}/", path.slug), url, r.options.offline)
        } else {
            intro.clone()
        };
        context.insert("intro", &intro);
        context.insert("steps", &steps);
        context.insert("print_href", &linker.href(&format!("paths/{}/print/", path.slug)));
        if packet {
            self.packet_appendix(resolved, &linker, &mut context);
            let setup = super::print::page_setup(&r.site.config, &path.meta.title);
            context.insert("page_setup", &setup);
        }
        self.path_checks(index, &linker, &mut context);
        context
    }

    /// A packet's glossary appendix and combined references, from every step's article.
    fn packet_appendix(
        &self,
        resolved: &crate::paths::ResolvedPath,
        linker: &Linker<'_>,
        context: &mut Context,
    ) {
        let r = self.r;
        let appendix = crate::render::appendix::path_appendix(r, resolved.index);
        let glossary: Vec<TermLink> =
            appendix.terms.iter().map(|&t| term_link(linker, &r.site.terms[t])).collect();
        context.insert("glossary", &glossary);
        context.insert("references", &appendix.references);
    }

    fn glossary(&self, url: &str) -> Context {
        let r = self.r;
        let linker = self.linker(url);
        let mut letters: Vec<LetterView> = Vec::new();
        for (index, term) in r.site.terms.iter_enumerated() {
            let view = TermView {
                slug: term.slug.clone(),
                term: term.meta.term.clone(),
                aliases: term.meta.aliases.clone(),
                short: term.meta.short.clone(),
                body: r.bodies.get(Owner::Term(index)).html.clone(),
                see_also: term
                    .meta
                    .see_also
                    .iter()
                    .filter_map(|slug| r.site.terms.iter().find(|t| &t.slug == slug))
                    .map(|t| Link::new(format!("#{}", t.slug), t.meta.term.clone()))
                    .collect(),
                used_in: r.used_in[index]
                    .iter()
                    .take(r.site.config.limits.list_cap)
                    .map(|id| linker.doc(*id))
                    .collect(),
                used_in_more: r.used_in[index].len().saturating_sub(r.site.config.limits.list_cap),
                used_in_all: linker.href(&used_in_url(&term.slug)),
                references: crate::render::course::references(
                    r,
                    r.bodies.get(Owner::Term(index)),
                    &term.meta.references,
                    &format!("bib-{}-", term.slug),
                ),
            };
            let first = letter(&term.meta.term);
            match letters.last_mut() {
                Some(group) if group.letter == first => group.terms.push(view),
                _ => letters.push(LetterView { letter: first, terms: vec![view] }),
            }
        }
        let mut context = Context::new();
        context.insert("alphabet", &alphabet_bar(&letters));
        context.insert("letters", &letters);
        context.insert("glossary_script", &linker.asset("theme/glossary.js"));
        context
    }

    fn chrome(
        &self,
        url: &str,
        title: &str,
        description: &str,
        job: &Page,
        has_code: bool,
    ) -> Chrome {
        let r = self.r;
        let config = &r.site.config;
        // The 404 page is served at any depth, so its links are absolute from the base path.
        let not_found = matches!(job, Page::NotFound);
        let prefix = &r.site.prefix;
        let links =
            ChromeLinks { linker: self.linker(url), base: not_found.then(|| config.base_path()) };
        let canonical =
            if not_found { String::new() } else { format!("{}{prefix}{url}", config.base_url()) };
        let is_article = matches!(job, Page::Doc(id) if r.site.doc(*id).kind == DocKind::Article);
        Chrome {
            site_title: config.title.clone(),
            language: config.language.clone(),
            title: title.to_string(),
            description: if description.is_empty() {
                config.description.clone()
            } else {
                description.to_string()
            },
            root: if not_found {
                format!("{}{prefix}", config.base_path())
            } else {
                crate::url::root_prefix(url)
            },
            og_type: if is_article { "article".into() } else { "website".into() },
            json_ld: feeds::json_ld(r, job_doc(job), title, description, &canonical),
            canonical,
            nav: nav(url, &links, self.strings),
            style: links.asset("theme/style.css"),
            pages_style: links.asset("theme/pages.css"),
            extra_style: self.extra_css.then(|| links.asset("theme/extra.css")),
            highlight_css: has_code.then(|| links.asset("theme/highlight.css")),
            script: links.asset("theme/site.js"),
            search_script: links.asset("theme/search.js"),
            favicon: links.asset("theme/favicon.svg"),
            search_href: links.href("search/"),
            home_href: links.href(""),
            feed_href: links.own_file("atom.xml"),
            footer: self.footer_view(&links),
            offline: r.options.offline,
            live_reload: r.options.live_reload.clone(),
            accent: config
                .organisation
                .accent
                .resolve()
                .map(|(light, dark)| AccentView { light, dark }),
            languages: r
                .languages
                .map_or_else(Vec::new, |l| l.switcher(&config.language, url, r.options.offline)),
            alternates: match (r.languages, job) {
                (Some(l), page) if !matches!(page, Page::Untranslated(_) | Page::NotFound) => {
                    l.alternates(url)
                }
                _ => Vec::new(),
            },
        }
    }

    /// The footer: organisation, contact, help notice and the free pages.
    fn footer_view(&self, links: &ChromeLinks<'_>) -> Footer {
        let r = self.r;
        let config = &r.site.config;
        let doc_link = |id: DocId| links.doc(id);
        Footer {
            organisation: config.organisation.name.clone(),
            organisation_url: config.organisation.url.clone(),
            contact: config.organisation.contact.clone(),
            logo: (!config.organisation.logo.is_empty())
                .then(|| links.static_file(config.organisation.logo.trim_start_matches('/'))),
            help_notice: config.help_notice.clone(),
            help: self.footer[2].map(doc_link),
            pages: self.footer[..2].iter().flatten().copied().map(doc_link).collect(),
        }
    }
}

/// How the chrome of one page links: relative to the page, or (on the 404 page, served at
/// any depth) absolute from the site's base path.
struct ChromeLinks<'u> {
    linker: Linker<'u>,
    base: Option<String>,
}

impl ChromeLinks<'_> {
    fn href(&self, to: &str) -> String {
        match &self.base {
            Some(base) => format!("{base}{}{to}", self.linker.site.prefix),
            None => self.linker.href(to),
        }
    }

    /// A file of the page's own language (its feed), never rewritten to `index.html`.
    fn own_file(&self, to: &str) -> String {
        match &self.base {
            Some(base) => format!("{base}{}{to}", self.linker.site.prefix),
            None => crate::url::relative_url(self.linker.from, to, false),
        }
    }

    /// A document's link from the chrome: untranslated originals are at the root, marked.
    fn doc(&self, id: DocId) -> Link {
        let doc = self.linker.site.doc(id);
        match &self.base {
            Some(base) if doc.foreign => Link {
                href: format!("{base}{}", doc.url),
                title: doc.meta.title.clone(),
                lang: Some(LangMark::of(self.linker.site, &doc.lang)),
            },
            Some(_) => Link::new(self.href(&doc.url), doc.meta.title.clone()),
            None => self.linker.doc(id),
        }
    }

    fn asset(&self, to: &str) -> String {
        match &self.base {
            Some(base) => format!("{base}{}{to}", self.linker.site.prefix),
            None => self.linker.asset(to),
        }
    }

    fn static_file(&self, to: &str) -> String {
        match &self.base {
            Some(base) => format!("{base}{to}"),
            None => self.linker.static_file(to),
        }
    }
}

/// The header navigation, with the current area marked.
fn nav(url: &str, links: &ChromeLinks<'_>, ui: &Strings) -> Vec<NavItem> {
    let area = url.split('/').next().unwrap_or("");
    let items = [
        ("", "nav_home"),
        ("paths/", "nav_paths"),
        ("glossary/", "nav_glossary"),
        ("map/", "nav_map"),
        ("search/", "nav_search"),
    ];
    items
        .iter()
        .map(|(to, label)| NavItem {
            href: links.href(to),
            label: ui.get(label).to_string(),
            current: if to.is_empty() { url.is_empty() } else { to.trim_end_matches('/') == area },
        })
        .collect()
}

/// A glossary entry as linked from a page, with its short definition.
fn term_link(linker: &Linker<'_>, term: &crate::content::model::Term) -> TermLink {
    TermLink {
        href: linker.href(&format!("glossary/#{}", term.slug)),
        term: term.meta.term.clone(),
        short: term.meta.short.clone(),
    }
}

/// A listing's title, with "(page 2 of 5)" after the first page.
fn paged_title(ui: &Strings, title: &str, n: usize, total: usize) -> String {
    if n <= 1 {
        return title.to_string();
    }
    let (n, total) = (n.to_string(), total.to_string());
    ui.fmt("paged_title", &[("title", title), ("n", &n), ("total", &total)])
}

/// The full list of articles using the glossary term `slug`.
pub(crate) fn used_in_url(slug: &str) -> String {
    format!("glossary/{slug}/used-in/")
}

/// The full list of pages linking to the document at `url`.
pub(crate) fn linked_from_url(url: &str) -> String {
    format!("{url}linked-from/")
}

/// A full list behind a capped one ("used in", "Linked from").
#[derive(Serialize)]
struct ListingView {
    title: String,
    items: Vec<Link>,
    back: Link,
}

fn job_doc(job: &Page) -> Option<DocId> {
    match job {
        Page::Doc(id) => Some(*id),
        _ => None,
    }
}

impl Pages<'_> {
    /// A path's knowledge checks: the script for the path page's count, and the answer key's
    /// address for the packet. Nothing for a path without checks.
    fn path_checks(&self, index: PathId, linker: &Linker<'_>, context: &mut Context) {
        let r = self.r;
        if !crate::render::course::path_has_quizzes(r, index) {
            return;
        }
        let slug = &r.site.paths[index].slug;
        context.insert("key_href", &linker.href(&format!("paths/{slug}/print/key/")));
        context.insert("quiz_script", &linker.asset("theme/quiz.js"));
        let course = r.site.config.knowledge_checks.style == crate::config::QuizStyle::Course;
        context.insert("count_checks", &course);
    }

    /// The answer key to a path's knowledge checks.
    fn key_job(&self, index: PathId) -> PageJob {
        let r = self.r;
        let path = &r.site.paths[index];
        let url = format!("paths/{}/print/key/", path.slug);
        let linker = self.linker(&url);
        let mut context = Context::new();
        let steps = crate::render::course::key_steps(r, &r.paths[index].steps);
        context.insert("steps", &steps);
        context.insert("path_title", &path.meta.title);
        context.insert("page_setup", &super::print::page_setup(&r.site.config, &path.meta.title));
        context.insert("packet_href", &linker.href(&format!("paths/{}/print/", path.slug)));
        let title = self.strings.fmt("key_page_title", &[("title", &path.meta.title)]);
        let description = self.strings.fmt("key_description", &[("title", &path.meta.title)]);
        PageJob::new(url, "key.html", &title, description, context)
    }
}
