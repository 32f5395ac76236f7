//! Link and image tags of the Markdown pass: resolving each destination, rewriting it relative
//! to the page, recording it in the facts, and reporting the broken ones with a suggestion.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

use super::{ExternalLink, ImageRef, LinkRef, Ranged, Renderer, collect_until_end, title_attr};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::html::escape_attr;
use crate::ids::TermId;
use crate::links::{Destination, LinkError};
use crate::url::relative_url;

impl Renderer<'_, '_> {
    #[allow(clippy::too_many_arguments, reason = "the fields of one pulldown-cmark tag")]
    pub(super) fn start_link<'e>(
        &mut self,
        link_type: LinkType,
        dest_url: CowStr<'e>,
        title: CowStr<'e>,
        id: CowStr<'e>,
        range: std::ops::Range<usize>,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
    ) {
        let span = self.span(&range);
        let resolved = if matches!(link_type, LinkType::WikiLink { .. }) {
            self.cx.links.resolve_wiki(&dest_url)
        } else if matches!(link_type, LinkType::Email) {
            Ok(Destination::External)
        } else {
            self.cx.links.resolve_path(&dest_url, self.target.source_path)
        };
        let destination = match resolved {
            Ok(Destination::External) => {
                return self.external_link(&dest_url, &title, span, rest, out);
            }
            Ok(destination) => destination,
            Err(error) => {
                self.diagnostics.extend(self.link_error(&error, span));
                let tag = Tag::Link { link_type, dest_url, title, id };
                return self.broken_link(tag, rest, out);
            }
        };
        let (href, label, class) = self.link_target(&destination);
        let link_index = self.rendered.links.len();
        self.rendered.links.push(LinkRef {
            target: destination.clone(),
            span,
            context: String::new(),
        });
        self.pending_context.push((link_index, self.block.len()));
        if let Destination::Term(term) = destination {
            return self.explicit_term_link(term, link_type, label, rest, out);
        }
        self.in_link += 1;
        let class_attr =
            if class.is_empty() { String::new() } else { format!(" class=\"{class}\"") };
        let (hreflang, tail) = self.language_mark(&destination);
        out.push(Event::Html(CowStr::from(format!(
            "<a href=\"{}\"{class_attr}{hreflang}{}>",
            escape_attr(&href),
            title_attr(&title)
        ))));
        if let LinkType::WikiLink { has_pothole: false } = link_type {
            let _ = collect_until_end(rest);
            self.push_text(&label);
            out.push(Event::Text(CowStr::from(label)));
            self.in_link -= 1;
            out.push(Event::Html(close_tag(tail)));
            return;
        }
        self.close_link_after(rest, out, &tail);
    }

    /// For a link to an untranslated original: ` hreflang="en"` for the tag and a visible
    /// language label before `</a>`, so a reader knows the page is in another language.
    fn language_mark(&self, destination: &Destination) -> (String, String) {
        let Destination::Doc(id, _) = destination else { return (String::new(), String::new()) };
        let target = self.cx.site.doc(*id);
        if !target.foreign {
            return (String::new(), String::new());
        }
        let config = &self.cx.site.config;
        let code = &target.lang;
        let name = config
            .languages
            .iter()
            .find(|l| &l.code == code)
            .map_or(code.as_str(), |l| l.name.as_str());
        let hreflang = format!(" hreflang=\"{}\"", escape_attr(code));
        let tail = format!(
            " <span class=\"lang-tag\" lang=\"{}\">{}</span>",
            escape_attr(code),
            crate::html::escape_text(name)
        );
        (hreflang, tail)
    }

    /// This page's URL from the site's root (with its language's prefix), for links that
    /// leave the language: static files and untranslated originals.
    pub(super) fn url_from_root(&self) -> std::borrow::Cow<'_, str> {
        let prefix = &self.cx.site.prefix;
        if prefix.is_empty() {
            std::borrow::Cow::Borrowed(self.target.url)
        } else {
            std::borrow::Cow::Owned(format!("{prefix}{}", self.target.url))
        }
    }

    /// A link that did not resolve: its label stays, pointing nowhere, so the page stays
    /// usable while the error is reported.
    fn broken_link<'e>(
        &mut self,
        tag: Tag<'e>,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
    ) {
        let Tag::Link { link_type, dest_url, title, id } = tag else { return };
        self.in_link += 1;
        out.push(Event::Start(Tag::Link { link_type, dest_url: CowStr::from("#"), title, id }));
        if let LinkType::WikiLink { has_pothole: false } = link_type {
            let _ = collect_until_end(rest);
            out.push(Event::Text(dest_url));
            self.in_link -= 1;
            out.push(Event::End(TagEnd::Link));
        }
    }

    /// A link leaving the site: marked, recorded for `check`, left as written.
    fn external_link<'e>(
        &mut self,
        dest_url: &str,
        title: &str,
        span: Span,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
    ) {
        self.rendered.external.push(ExternalLink { url: dest_url.to_string(), span });
        self.in_link += 1;
        out.push(Event::Html(CowStr::from(format!(
            "<a class=\"external\" href=\"{}\"{} rel=\"noopener\">",
            escape_attr(dest_url),
            title_attr(title)
        ))));
        self.close_link_after(rest, out, "");
    }

    /// The href relative to this page, the label a bare wiki link shows, and a class.
    fn link_target(&mut self, destination: &Destination) -> (String, String, &'static str) {
        match destination {
            Destination::Doc(doc, anchor) => {
                let target = self.cx.site.doc(*doc);
                let url = match anchor {
                    Some(a) => format!("{}#{a}", target.url),
                    None => target.url.clone(),
                };
                // An untranslated original lives at the default language's root.
                let href = if target.foreign {
                    relative_url(&self.url_from_root(), &url, self.cx.offline)
                } else {
                    relative_url(self.target.url, &url, self.cx.offline)
                };
                (href, target.meta.title.clone(), "")
            }
            Destination::Term(term) => {
                let entry = &self.cx.site.terms[*term];
                self.note_term(*term);
                let url = format!("glossary/#{}", entry.slug);
                let href = relative_url(self.target.url, &url, self.cx.offline);
                (href, entry.meta.term.clone(), "term")
            }
            Destination::SelfAnchor(anchor) => (format!("#{anchor}"), anchor.clone(), ""),
            Destination::Static(path) => {
                (relative_url(&self.url_from_root(), path, false), path.clone(), "")
            }
            Destination::External => (String::new(), String::new(), "external"),
        }
    }

    /// `[[term:x]]` or a link to a glossary entry: the same tooltip as automatic ones.
    fn explicit_term_link<'e>(
        &mut self,
        term: TermId,
        link_type: LinkType,
        label: String,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
    ) {
        let label_text = match link_type {
            LinkType::WikiLink { has_pothole: false } => {
                let _ = collect_until_end(rest);
                label
            }
            _ => collect_until_end(rest).1,
        };
        self.push_text(&label_text);
        let html = self.term_link(term, &label_text);
        out.push(Event::Html(CowStr::from(html)));
    }

    /// Renders a link's inner events and closes it with raw HTML (the opening tag was raw).
    fn close_link_after<'e>(
        &mut self,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
        tail: &str,
    ) {
        let (inner, _, _) = collect_until_end(rest);
        for (event, range) in inner {
            self.handle(event, range, rest, out);
        }
        self.in_link = self.in_link.saturating_sub(1);
        out.push(Event::Html(close_tag(tail.to_string())));
    }

    /// The diagnostic for a link that did not resolve; none when its target is a known file
    /// whose own front matter error is already reported.
    pub(super) fn link_error(&self, error: &LinkError, span: Span) -> Option<Diagnostic> {
        Some(match error {
            LinkError::Broken => return None,
            LinkError::MissingDoc { wanted } => {
                let slug = wanted.rsplit('/').next().unwrap_or(wanted).trim_end_matches(".md");
                let slug = slug.split('#').next().unwrap_or(slug);
                Diagnostic::error(Code::BrokenLink, format!("no article or page `{wanted}`"))
                    .at(span)
                    .with_suggestion(slug, self.cx.links.slugs())
            }
            LinkError::MissingTerm { wanted } => {
                Diagnostic::error(Code::UnknownTerm, format!("no glossary entry `{wanted}`"))
                    .at(span)
                    .with_suggestion(wanted, self.cx.links.term_names())
            }
            LinkError::Ambiguous { wanted, paths } => Diagnostic::error(
                Code::AmbiguousLink,
                format!("`{wanted}` could mean {}", paths.join(" or ")),
            )
            .at(span)
            .with_help("link by the file name without spaces, which is unique: e.g. `[[file-name]]`; or give the notes different titles and aliases"),
            LinkError::BlockRef { wanted } => Diagnostic::error(
                Code::BrokenLink,
                format!("`{wanted}` is an Obsidian block reference; attune does not support them"),
            )
            .at(span)
            .with_help("link to the heading above the block instead: `[[note#Heading]]`"),
            LinkError::Escapes { wanted } => Diagnostic::error(
                Code::UnsafePath,
                format!("the link `{wanted}` climbs out of the site; it was not followed"),
            )
            .at(span)
            .with_help(
                "link to files inside `content/`, e.g. `../components/empathy.md` or `[[empathy]]`",
            ),
        })
    }

    pub(super) fn start_image<'e>(
        &mut self,
        dest_url: CowStr<'e>,
        title: CowStr<'e>,
        range: std::ops::Range<usize>,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
    ) {
        let span = self.span(&range);
        let (_, alt, _) = collect_until_end(rest);
        self.rendered.images.push(ImageRef { alt: alt.clone(), span });
        let src = if crate::url::is_external(&dest_url) {
            self.diagnostics.push(super::raw_html::external_resource("img", &dest_url, span));
            "#".to_string()
        } else {
            match self.cx.links.resolve_path(&dest_url, self.target.source_path) {
                Ok(Destination::Static(path)) => relative_url(&self.url_from_root(), &path, false),
                Err(LinkError::Escapes { wanted }) => {
                    self.diagnostics.push(
                        Diagnostic::error(
                            Code::UnsafePath,
                            format!("the image `{wanted}` is outside the site; it was not read"),
                        )
                        .at(span)
                        .with_help(
                            "put images in `content/static/` and link them as `/images/name.png`",
                        ),
                    );
                    "#".to_string()
                }
                _ => {
                    self.diagnostics.push(self.missing_image(&dest_url, span));
                    "#".to_string()
                }
            }
        };
        out.push(Event::Html(CowStr::from(format!(
            "<img src=\"{}\" alt=\"{}\"{} loading=\"lazy\">",
            escape_attr(&src),
            escape_attr(&alt),
            title_attr(&title)
        ))));
    }
}

/// `</a>`, after the language label of a link to an untranslated original.
fn close_tag(tail: String) -> CowStr<'static> {
    if tail.is_empty() { CowStr::from("</a>") } else { CowStr::from(tail + "</a>") }
}

impl Renderer<'_, '_> {
    /// `missing-image`, with the nearest static file as the help when there is one.
    pub(super) fn missing_image(&self, url: &str, span: Span) -> Diagnostic {
        let error =
            Diagnostic::error(Code::MissingImage, format!("the image `{url}` does not exist"))
                .at(span);
        match nearest_static_file(&self.cx.site.static_files, url) {
            Some(path) => error.with_help(format!("did you mean `/{path}`?")),
            None => error.with_help("put the file under `content/static/` and write its path from there, e.g. `/images/diagram.png`"),
        }
    }
}

/// The site's static file nearest to a missing image path: a near spelling of the whole path
/// (`/images/diagarm.png`), else a near spelling of its file name in another folder
/// (`/img/diagram.png` -> `images/diagram.png`).
fn nearest_static_file<'s>(
    files: &'s [crate::content::model::StaticFile],
    wanted: &str,
) -> Option<&'s str> {
    let wanted = wanted.split(['?', '#']).next().unwrap_or(wanted).trim_start_matches('/');
    let outputs = files.iter().map(|f| f.output.as_str());
    if let Some(path) = crate::diagnostics::did_you_mean(wanted, outputs) {
        return Some(path);
    }
    let name_of = |path: &'s str| path.rsplit('/').next().unwrap_or(path);
    let wanted_name = wanted.rsplit('/').next().unwrap_or(wanted);
    let name =
        crate::diagnostics::did_you_mean(wanted_name, files.iter().map(|f| name_of(&f.output)))?;
    files.iter().map(|f| f.output.as_str()).find(|path| name_of(path) == name)
}
