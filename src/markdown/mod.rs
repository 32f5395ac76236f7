//! Stage 2, render Markdown: one pulldown-cmark pass per document turns the body into HTML and
//! collects the facts every later stage reads ([`Rendered`]): headings, resolved links with
//! their source spans, glossary terms used, prose for readability, text for search, images.
//!
//! Nothing renders a document twice: search, backlinks and lints all read these facts.

mod callouts;
mod cite;
mod embeds;
pub mod glossary_links;
pub mod highlight;
mod images;
mod link_tags;
mod math;
pub mod quiz;
mod raw_html;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd, html,
};

use crate::content::model::{Doc, Site};
use crate::diagnostics::{Diagnostic, FileId, SourceMap, Span};
use crate::html::{escape_attr, escape_text};
use crate::ids::{DocId, TermId};
use crate::links::{Destination, LinkIndex};
use crate::url::{relative_url, slugify};
use glossary_links::TermMatcher;

/// Everything the renderer needs from the site, shared by all documents of a build.
pub struct MarkdownContext<'a> {
    /// The loaded site.
    pub site: &'a Site,
    /// Slug and path lookups.
    pub links: &'a LinkIndex,
    /// Every source text, for embedded notes (`![[note#Heading]]`).
    pub sources: &'a SourceMap,
    /// Glossary matcher for automatic linking.
    pub terms: &'a TermMatcher,
    /// Links end in `index.html`.
    pub offline: bool,
    /// Pass raw HTML through.
    pub raw_html: bool,
    /// The site's bibliography, when it has one (citations are plain text without it).
    pub bibliography: Option<&'a crate::cite::Bibliography>,
    /// Keep each prose block's text in the facts (only `check`'s lints read it; a build
    /// counts words and drops the text, which saves a copy of every article in memory).
    pub keep_prose: bool,
}

/// What a document is rendered as.
#[derive(Debug, Clone, Copy)]
pub struct RenderTarget<'a> {
    /// Source file.
    pub file: FileId,
    /// The Markdown body.
    pub body: &'a str,
    /// Where the body starts in the file, to turn parser ranges into file spans.
    pub body_offset: usize,
    /// `content/`-relative source path, for relative `.md` links.
    pub source_path: &'a str,
    /// The output URL of the page the HTML lands on.
    pub url: &'a str,
    /// Link the first mention of glossary terms.
    pub autolink: bool,
    /// A glossary entry's own index, never linked to itself.
    pub own_term: Option<TermId>,
}

impl<'a> RenderTarget<'a> {
    /// The target for a loaded document.
    pub fn for_doc(site: &'a Site, doc: &'a Doc, text: &'a str) -> Self {
        RenderTarget {
            file: doc.file,
            body: &text[doc.body_offset..],
            body_offset: doc.body_offset,
            source_path: &doc.source_path,
            url: &doc.url,
            autolink: site.config.glossary_autolink && doc.meta.glossary != Some(false),
            own_term: None,
        }
    }
}

/// A heading of a document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    /// 1-6.
    pub level: u8,
    /// Unique id within the page.
    pub id: String,
    /// Plain text.
    pub text: String,
    /// Where the heading is in the source.
    #[serde(skip)]
    pub span: (usize, usize),
}

/// An internal link found in a document.
#[derive(Debug, Clone)]
pub struct LinkRef {
    /// What it points at.
    pub target: Destination,
    /// Where it is written.
    pub span: Span,
    /// The sentence around it, for "linked from".
    pub context: String,
}

/// An image found in a document.
#[derive(Debug, Clone)]
pub struct ImageRef {
    /// The alt text (empty when missing).
    pub alt: String,
    /// Where it is written.
    pub span: Span,
    /// The static file it shows (`images/photo.jpg`), when it is one.
    pub path: Option<String>,
    /// Marked decorative (`![](x.png "decorative")`, or raw `alt=""`): no alt text on purpose.
    pub decorative: bool,
}

/// An external link found in a document.
#[derive(Debug, Clone)]
pub struct ExternalLink {
    /// The URL as written.
    pub url: String,
    /// Where it is written.
    pub span: Span,
}

/// A stretch of a document's text under one heading, for search.
#[derive(Debug, Clone, Default)]
pub struct TextSection {
    /// Heading id, `None` before the first heading.
    pub anchor: Option<String>,
    /// Heading text.
    pub heading: String,
    /// Plain text (code excluded).
    pub text: String,
}

/// One paragraph-like block of prose: what readability and long-paragraph lints read.
#[derive(Debug, Clone)]
pub struct ProseBlock {
    /// Plain text.
    pub text: String,
    /// Where the block starts and ends in the file.
    pub span: Span,
    /// A paragraph (true) or a list item (false).
    pub paragraph: bool,
}

/// The facts rendering produced for one document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Body HTML.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Internal links.
    pub links: Vec<LinkRef>,
    /// External links.
    pub external: Vec<ExternalLink>,
    /// Images.
    pub images: Vec<ImageRef>,
    /// Images outside `static/` that embeds show (issue 27), by `content/`-relative path: the
    /// build copies each to that path.
    pub attachments: Vec<String>,
    /// Notes this body includes (`![[note]]`), directly or through other embeds: editing one
    /// changes this body.
    pub embedded: Vec<DocId>,
    /// Glossary entries mentioned or linked, by index, in first-use order.
    pub terms: Vec<TermId>,
    /// Prose blocks (paragraphs, list items; not headings, tables or code).
    pub prose: Vec<ProseBlock>,
    /// Text by heading, for search.
    pub sections: Vec<TextSection>,
    /// Words of prose.
    pub words: usize,
    /// The reference list of the body's citations, in the site's style.
    pub references: Vec<crate::cite::FormattedReference>,
    /// Bibliography keys cited, in order of first citation.
    pub cited: Vec<String>,
    /// Knowledge checks, in order.
    pub quizzes: Vec<quiz::Quiz>,
}

impl Rendered {
    /// Minutes at 200 words a minute, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(200).max(1)
    }
}

/// The parser options attune uses everywhere.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_WIKILINKS
}

/// Renders one document, returning its facts and any problems found.
pub fn render_markdown(
    cx: &MarkdownContext<'_>,
    target: RenderTarget<'_>,
) -> (Rendered, Vec<Diagnostic>) {
    Renderer::new(cx, target).render()
}

impl Renderer<'_, '_> {
    /// The one pass over a body: events in, HTML and facts out.
    fn render(mut self) -> (Rendered, Vec<Diagnostic>) {
        self.run();
        self.finish_citations();
        self.finish()
    }

    fn run(&mut self) {
        let body = self.target.body;
        let mut options = parser_options();
        if self.cx.site.config.markdown.math {
            options |= Options::ENABLE_MATH;
        }
        let mut events = merge_text(Parser::new_ext(body, options).into_offset_iter());
        self.callouts = callouts::mark_obsidian_callouts(&mut events);
        let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
        let mut iter = events.into_iter();
        while let Some((event, range)) = iter.next() {
            self.handle(event, range, &mut iter, &mut out);
        }
        self.flush_block();
        let mut html_out = String::with_capacity(body.len() * 3 / 2);
        html::push_html(&mut html_out, out.into_iter());
        self.rendered.html = html_out;
    }
}

type Ranged<'a> = (Event<'a>, std::ops::Range<usize>);

/// Joins runs of consecutive `Text` events (pulldown-cmark splits text at smart quotes and
/// entities), so term matching and sentence extraction see whole phrases.
fn merge_text<'a>(events: impl Iterator<Item = Ranged<'a>>) -> Vec<Ranged<'a>> {
    let mut merged: Vec<Ranged<'a>> = Vec::new();
    for (event, range) in events {
        if let (Event::Text(next), Some((Event::Text(previous), previous_range))) =
            (&event, merged.last_mut())
        {
            let mut joined = previous.to_string();
            joined.push_str(next);
            *previous = CowStr::from(joined);
            previous_range.end = range.end;
            continue;
        }
        merged.push((event, range));
    }
    merged
}

struct Renderer<'c, 'a> {
    cx: &'c MarkdownContext<'a>,
    target: RenderTarget<'c>,
    rendered: Rendered,
    diagnostics: Vec<Diagnostic>,
    used_terms: HashSet<TermId>,
    /// Terms already linked: a mention in a heading, link or code does not count as the first.
    linked_terms: HashSet<TermId>,
    /// Footnote label -> number.
    footnotes: HashMap<String, usize>,
    heading_ids: HashSet<String>,
    /// Depth counters for contexts where glossary links must not appear.
    in_heading: bool,
    in_link: usize,
    in_image: bool,
    in_table: usize,
    in_code: bool,
    /// Current prose block text and where it started.
    block: String,
    block_start: Option<usize>,
    block_is_paragraph: bool,
    /// Links waiting for their block's sentence: (index into links, byte position in block).
    pending_context: Vec<(usize, usize)>,
    tip_counter: usize,
    /// Citations waiting for the document's end, when every one is formatted together.
    citations: Vec<cite::Pending>,
    /// The documents being embedded into one another, outermost first (cycle detection).
    embedding: Vec<DocId>,
    /// An embedded note led back to a document of `embedding`: the cycle, as slugs.
    cycle: Option<Vec<String>>,
    /// Renders a note embedded in another (its problems are reported where it is written).
    nested: bool,
    /// The paragraph around a block embed was dropped, so its end is too.
    drop_paragraph_end: bool,
    /// Obsidian callouts (`> [!tip]- Title`) by where their block quote starts.
    callouts: callouts::Callouts,
}

impl<'c, 'a> Renderer<'c, 'a> {
    fn new(cx: &'c MarkdownContext<'a>, target: RenderTarget<'c>) -> Self {
        let mut rendered = Rendered::default();
        rendered.sections.push(TextSection::default());
        Renderer {
            cx,
            target,
            rendered,
            diagnostics: Vec::new(),
            used_terms: HashSet::new(),
            linked_terms: HashSet::new(),
            footnotes: HashMap::new(),
            heading_ids: HashSet::new(),
            in_heading: false,
            in_link: 0,
            in_image: false,
            in_table: 0,
            in_code: false,
            block: String::new(),
            block_start: None,
            block_is_paragraph: false,
            pending_context: Vec::new(),
            tip_counter: 0,
            citations: Vec::new(),
            embedding: Vec::new(),
            cycle: None,
            nested: false,
            drop_paragraph_end: false,
            callouts: callouts::Callouts::default(),
        }
    }

    fn span(&self, range: &std::ops::Range<usize>) -> Span {
        Span::new(
            self.target.file,
            self.target.body_offset + range.start,
            self.target.body_offset + range.end,
        )
    }

    fn handle<'e>(
        &mut self,
        event: Event<'e>,
        range: std::ops::Range<usize>,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
    ) {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let tag = Tag::Heading { level, id, classes, attrs };
                self.heading(tag, range, rest, out);
            }
            Event::Start(Tag::BlockQuote(None)) | Event::End(TagEnd::BlockQuote(None))
                if self.callouts.has(range.start) =>
            {
                self.obsidian_callout(&event, range.start, out);
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::BlockQuote(Some(_)) | Tag::Table(_))
            | Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::BlockQuote(Some(_)) | TagEnd::Table,
            ) => self.block_structure(event, range, out),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if quiz::is_quiz(&info) => {
                self.quiz_block(range, rest, out);
            }
            Event::Start(Tag::CodeBlock(kind)) => self.code_block(&kind, rest, out),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                self.start_link(link_type, dest_url, title, id, range, rest, out);
            }
            Event::End(TagEnd::Link) => {
                self.in_link = self.in_link.saturating_sub(1);
                out.push(Event::End(TagEnd::Link));
            }
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                self.embed(has_pothole, &dest_url, range, rest, out);
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                self.start_image(dest_url, title, range, rest, out);
            }
            Event::Text(text) => self.text_with_citations(text, &range, out),
            Event::Code(code) => {
                self.push_text(&code);
                out.push(Event::Code(code));
            }
            Event::Html(raw) | Event::InlineHtml(raw) if !self.cx.raw_html => {
                out.push(Event::Text(raw));
            }
            Event::Html(raw) => {
                self.check_raw_html(&raw, &range);
                let raw = self.raw_images(raw, &range);
                out.push(Event::Html(self.relative_raw_urls(raw)));
            }
            Event::InlineHtml(raw) => {
                self.check_raw_html(&raw, &range);
                let raw = self.raw_images(raw, &range);
                out.push(Event::InlineHtml(self.relative_raw_urls(raw)));
            }
            Event::InlineMath(latex) => self.math(&latex, false, &range, out),
            Event::DisplayMath(latex) => self.math(&latex, true, &range, out),
            Event::SoftBreak | Event::HardBreak => {
                self.push_text(" ");
                out.push(event);
            }
            Event::FootnoteReference(name) => self.footnote_reference(&name, out),
            Event::Start(Tag::FootnoteDefinition(name)) => self.footnote_definition(&name, out),
            Event::End(TagEnd::FootnoteDefinition) => {
                out.push(Event::Html(CowStr::from("</div>\n")))
            }
            other => out.push(other),
        }
    }

    /// Paragraphs, list items, callouts and tables: where prose blocks start and end (for
    /// readability and search) and the wrappers attune adds around callouts and tables.
    fn block_structure<'e>(
        &mut self,
        event: Event<'e>,
        range: std::ops::Range<usize>,
        out: &mut Vec<Event<'e>>,
    ) {
        match event {
            Event::Start(Tag::Paragraph) => {
                if self.in_table == 0 && !self.in_heading && self.block_start.is_none() {
                    self.block_start = Some(range.start);
                    self.block_is_paragraph = true;
                }
                out.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) => {
                if !std::mem::take(&mut self.drop_paragraph_end) {
                    out.push(Event::End(TagEnd::Paragraph));
                }
                self.flush_block_at(range.end);
            }
            Event::Start(Tag::Item) => {
                self.flush_block();
                self.block_start = Some(range.start);
                self.block_is_paragraph = false;
                out.push(Event::Start(Tag::Item));
            }
            Event::End(TagEnd::Item) => {
                self.flush_block_at(range.end);
                out.push(Event::End(TagEnd::Item));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                self.flush_block();
                let (class, label) = callout(kind, &self.cx.site.config.language);
                out.push(Event::Html(CowStr::from(format!(
                    "<div class=\"callout callout-{class}\" role=\"note\" aria-label=\"{label}\"><p class=\"callout-title\">{label}</p>\n"
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.flush_block();
                out.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Start(Tag::Table(alignments)) => {
                self.flush_block();
                self.in_table += 1;
                // A focusable, scrolling region named by the section's heading (WCAG 2.1.1, 4.1.2).
                let wrap = match self.rendered.headings.last() {
                    Some(h) => format!(
                        "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"{}\">",
                        escape_attr(&h.id)
                    ),
                    None => "<div class=\"table-wrap\">".to_string(),
                };
                out.push(Event::Html(CowStr::from(wrap)));
                out.push(Event::Start(Tag::Table(alignments)));
            }
            Event::End(TagEnd::Table) => {
                self.in_table -= 1;
                out.push(Event::End(TagEnd::Table));
                out.push(Event::Html(CowStr::from("</div>\n")));
            }
            other => out.push(other),
        }
    }

    /// A heading: a unique id, a table-of-contents entry and a new search section.
    fn heading<'e>(
        &mut self,
        tag: Tag<'e>,
        range: std::ops::Range<usize>,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
    ) {
        let Tag::Heading { level, id, classes, attrs } = tag else { return };
        self.flush_block();
        let (inner, text, end) = collect_until_end(rest);
        let id =
            self.unique_heading_id(id.map(|s| s.to_string()).unwrap_or_else(|| slugify(&text)));
        self.rendered.headings.push(Heading {
            level: heading_number(level),
            id: id.clone(),
            text: text.clone(),
            span: (self.target.body_offset + range.start, self.target.body_offset + end),
        });
        self.rendered.sections.push(TextSection {
            anchor: Some(id.clone()),
            heading: text,
            text: String::new(),
        });
        self.in_heading = true;
        out.push(Event::Start(Tag::Heading { level, id: Some(CowStr::from(id)), classes, attrs }));
        for (inner_event, inner_range) in inner {
            self.handle(inner_event, inner_range, rest, out);
        }
        out.push(Event::End(TagEnd::Heading(level)));
        self.in_heading = false;
    }

    /// A fenced or indented code block, highlighted at build time.
    fn code_block<'e>(
        &mut self,
        kind: &CodeBlockKind<'e>,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
    ) {
        self.flush_block();
        let mut code = String::new();
        for (inner, _) in rest.by_ref() {
            match inner {
                Event::Text(text) => code.push_str(&text),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        let lang = match kind {
            CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or(""),
            CodeBlockKind::Indented => "",
        };
        out.push(Event::Html(CowStr::from(highlight::highlight_block(&code, lang))));
    }

    fn footnote_reference<'e>(&mut self, name: &str, out: &mut Vec<Event<'e>>) {
        let (n, id) = self.footnote(name);
        out.push(Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-reference\"><a href=\"#{id}\">{n}</a></sup>"
        ))));
    }

    fn footnote_definition<'e>(&mut self, name: &str, out: &mut Vec<Event<'e>>) {
        let (n, id) = self.footnote(name);
        out.push(Event::Html(CowStr::from(format!(
            "<div class=\"footnote-definition\" id=\"{id}\"><sup class=\"footnote-definition-label\">{n}</sup>\n"
        ))));
    }

    fn unique_heading_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 1;
        while is_reserved_id(&id) || !self.heading_ids.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }

    /// A footnote's number (in order of first use, as pulldown-cmark numbers them) and its
    /// id, `fn-<label>`: a bare label (`[^sources]`) would share its id with a heading.
    fn footnote(&mut self, label: &str) -> (usize, String) {
        let next = self.footnotes.len() + 1;
        let n = *self.footnotes.entry(label.to_string()).or_insert(next);
        (n, format!("fn-{}", slugify(label)))
    }

    fn push_text(&mut self, text: &str) {
        if self.in_code {
            return;
        }
        if let Some(section) = self.rendered.sections.last_mut() {
            if !self.in_heading {
                crate::words::push_collapsed(&mut section.text, text);
            }
        }
        if self.block_start.is_some() && self.in_table == 0 && !self.in_heading && !self.in_image {
            self.block.push_str(text);
        }
    }

    fn flush_block(&mut self) {
        let end = self.block_start.map_or(0, |s| s + self.block.len());
        self.flush_block_at(end);
    }

    fn flush_block_at(&mut self, end: usize) {
        let Some(start) = self.block_start.take() else { return };
        let text = std::mem::take(&mut self.block);
        for (link, position) in self.pending_context.drain(..) {
            if let Some(link) = self.rendered.links.get_mut(link) {
                link.context = sentence_around(&text, position);
            }
        }
        if let Some(section) = self.rendered.sections.last_mut() {
            crate::words::push_collapsed(&mut section.text, " ");
        }
        let words = crate::words::count_words(&text);
        if words > 0 {
            self.rendered.words += words;
            if self.cx.keep_prose {
                let span = Span::new(
                    self.target.file,
                    self.target.body_offset + start,
                    self.target.body_offset + end,
                );
                self.rendered.prose.push(ProseBlock {
                    text,
                    span,
                    paragraph: self.block_is_paragraph,
                });
            }
        }
    }

    fn text<'e>(&mut self, text: CowStr<'e>, out: &mut Vec<Event<'e>>) {
        self.push_text(&text);
        let can_link = self.target.autolink
            && !self.in_heading
            && self.in_link == 0
            && !self.in_image
            && !self.in_code;
        if !can_link {
            // Still count mentions for "terms in this article".
            if !self.in_image && !self.in_code {
                for found in self.cx.terms.find(&text) {
                    if Some(found.term) != self.target.own_term {
                        self.note_term(found.term);
                    }
                }
            }
            out.push(Event::Text(text));
            return;
        }
        let mut cursor = 0;
        for found in self.cx.terms.find(&text) {
            if Some(found.term) == self.target.own_term || self.linked_terms.contains(&found.term) {
                continue;
            }
            if found.start > cursor {
                out.push(Event::Text(CowStr::from(text[cursor..found.start].to_string())));
            }
            let html = self.term_link(found.term, &text[found.start..found.end]);
            out.push(Event::Html(CowStr::from(html)));
            cursor = found.end;
        }
        if cursor == 0 {
            out.push(Event::Text(text));
        } else if cursor < text.len() {
            out.push(Event::Text(CowStr::from(text[cursor..].to_string())));
        }
    }

    fn note_term(&mut self, term: TermId) {
        if self.used_terms.insert(term) {
            self.rendered.terms.push(term);
        }
    }

    /// The inline HTML of a glossary link with its tooltip.
    fn term_link(&mut self, term: TermId, label: &str) -> String {
        self.note_term(term);
        self.linked_terms.insert(term);
        self.tip_counter += 1;
        let entry = &self.cx.site.terms[term];
        let href =
            relative_url(self.target.url, &format!("glossary/#{}", entry.slug), self.cx.offline);
        let mut html = String::new();
        let _ = write!(
            html,
            "<span class=\"term-wrap\"><a class=\"term\" href=\"{}\" aria-describedby=\"tip-{n}\">{}</a><span class=\"term-tip\" role=\"tooltip\" id=\"tip-{n}\">{}</span></span>",
            escape_attr(&href),
            escape_text(label),
            escape_text(&entry.meta.short),
            n = self.tip_counter,
        );
        html
    }

    fn finish(mut self) -> (Rendered, Vec<Diagnostic>) {
        // Section text was collapsed as it was pushed; only a last space is left to trim.
        for section in &mut self.rendered.sections {
            if section.text.ends_with(' ') {
                section.text.pop();
            }
        }
        self.rendered.sections.retain(|s| s.anchor.is_some() || !s.text.is_empty());
        (self.rendered, self.diagnostics)
    }
}

/// Takes events up to the matching end tag; returns them, their plain text, and the end offset.
fn collect_until_end<'e>(
    rest: &mut impl Iterator<Item = Ranged<'e>>,
) -> (Vec<Ranged<'e>>, String, usize) {
    let mut depth = 0usize;
    let mut inner = Vec::new();
    let mut text = String::new();
    let mut end = 0;
    for (event, range) in rest.by_ref() {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => {
                end = range.end;
                break;
            }
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
        end = range.end;
        inner.push((event, range));
    }
    (inner, text, end)
}

/// Ids the page around a body already uses (the default templates' skip-link target, search
/// box and section headings) or that this module gives tooltips (`tip-N`) and footnotes
/// (`fn-…`): a heading taking one would break the skip link, a tooltip or a footnote.
const RESERVED_IDS: &[&str] = &[
    "main",
    "q",
    "q-results",
    "theme-toggle",
    "toc-heading",
    "objectives-heading",
    "questions-heading",
    "terms-heading",
    "refs-heading",
    "backlinks-heading",
    "related-heading",
];

fn is_reserved_id(id: &str) -> bool {
    RESERVED_IDS.contains(&id)
        || id.starts_with("fn-")
        || id.starts_with("bib-")
        || id.starts_with("quiz-")
        || id
            .strip_prefix("tip-")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A callout's class and its label in the document's language (English for a language
/// without labels here; the Markdown stage runs before the UI strings tables of `render`).
fn callout(kind: BlockQuoteKind, language: &str) -> (&'static str, &'static str) {
    let spanish = language.split(['-', '_']).next() == Some("es");
    match (kind, spanish) {
        (BlockQuoteKind::Note, false) => ("note", "Note"),
        (BlockQuoteKind::Note, true) => ("note", "Nota"),
        (BlockQuoteKind::Tip, false) => ("tip", "Tip"),
        (BlockQuoteKind::Tip, true) => ("tip", "Consejo"),
        (BlockQuoteKind::Important, false) => ("important", "Important"),
        (BlockQuoteKind::Important, true) => ("important", "Importante"),
        (BlockQuoteKind::Warning, false) => ("warning", "Warning"),
        (BlockQuoteKind::Warning, true) => ("warning", "Advertencia"),
        (BlockQuoteKind::Caution, false) => ("caution", "Caution"),
        (BlockQuoteKind::Caution, true) => ("caution", "Precaución"),
    }
}

/// The sentence of `text` that contains byte `position`.
fn sentence_around(text: &str, position: usize) -> String {
    let position = position.min(text.len());
    let is_end = |c: char| matches!(c, '.' | '!' | '?');
    let start = text[..position]
        .char_indices()
        .rev()
        .find(|&(i, c)| is_end(c) && text[i + c.len_utf8()..].starts_with(' '))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[position..]
        .char_indices()
        .find(|&(i, c)| {
            is_end(c)
                && text[position + i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(i, c)| position + i + c.len_utf8());
    let sentence = text[start..end].trim();
    if sentence.chars().count() > 240 {
        let cut: String = sentence.chars().take(237).collect();
        format!("{cut}…")
    } else {
        sentence.to_string()
    }
}

fn title_attr(title: &str) -> String {
    if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape_attr(title)) }
}

#[cfg(test)]
mod tests;
