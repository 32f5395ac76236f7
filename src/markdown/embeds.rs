//! Obsidian embeds (issue 27): `![[diagram.png]]` and `![[diagram.png|alt text]]` show an image
//! found by its file name anywhere under `content/` (one outside `static/` is published at its
//! `content/`-relative path, only because it is embedded); `![[note]]` and `![[note#Heading]]`
//! include another note's body, or one section of it, where the embed is written
//! (transclusion), so text that must read the same on several pages is written once.
//!
//! An embedded note is rendered by a nested [`Renderer`] against the embedding page's URL, so
//! its links work where it lands. Its problems are reported once, where it is written (it is a
//! page of its own), except a cycle: a note that embeds, however indirectly, the page
//! embedding it is an `embed-cycle` error at the embedding line of every page on the cycle.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::{Ranged, RenderTarget, Renderer, collect_until_end, parser_options};
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::html::escape_attr;
use crate::ids::DocId;
use crate::links::{Destination, EmbeddedFile, LinkError};
use crate::url::{relative_url, slugify};

impl Renderer<'_, '_> {
    /// `![[…]]`: an image when the name has a file extension other than `.md`, else a note.
    pub(super) fn embed<'e>(
        &mut self,
        has_pothole: bool,
        target: &str,
        range: std::ops::Range<usize>,
        rest: &mut impl Iterator<Item = Ranged<'e>>,
        out: &mut Vec<Event<'e>>,
    ) {
        let span = self.span(&range);
        let (_, label, _) = collect_until_end(rest);
        let target = target.trim();
        if is_file_name(target) {
            // Obsidian's `|300` or `|300x200` sets a size, not a text.
            let is_size = label.chars().all(|c| c.is_ascii_digit() || c == 'x');
            let alt = if has_pothole && !is_size { label } else { String::new() };
            return self.embed_image(target, alt, span, out);
        }
        match self.cx.links.resolve_wiki(target.trim_end_matches(".md")) {
            Ok(Destination::Doc(id, anchor)) => self.transclude(id, anchor, span, out),
            Ok(_) => self.diagnostics.push(
                Diagnostic::error(Code::BrokenLink, format!("`![[{target}]]` embeds no note"))
                    .at(span)
                    .with_help("embed a note as `![[note]]` or `![[note#Heading]]`, or link a glossary entry as `[[term:slug]]`"),
            ),
            Err(error) => self.diagnostics.extend(self.link_error(&error, span)),
        }
    }

    fn embed_image<'e>(&mut self, name: &str, alt: String, span: Span, out: &mut Vec<Event<'e>>) {
        let output = match self.cx.links.embedded_file(name) {
            Some(Ok(EmbeddedFile::Static(output))) => Some(output),
            Some(Ok(EmbeddedFile::Attachment(path))) => self.attach(path, span),
            Some(Err(LinkError::Ambiguous { paths, .. })) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        Code::AmbiguousLink,
                        format!("`{name}` could be {}", paths.join(" or ")),
                    )
                    .at(span)
                    .with_help("write the file's path under `content/`, e.g. `![[articles/components/diagram.png]]`, or rename one file"),
                );
                None
            }
            _ => {
                self.diagnostics.push(self.missing_image(name, span));
                None
            }
        };
        let src = output
            .as_deref()
            .map_or_else(|| "#".to_string(), |to| relative_url(&self.url_from_root(), to, false));
        let image =
            super::ImageRef { alt: alt.clone(), span, path: output.clone(), decorative: false };
        self.rendered.images.push(image);
        // Like a Markdown image: size, resized copies, and lazy loading after the first.
        let attributes = self.image_attributes(output.as_deref(), &[]);
        out.push(Event::Html(CowStr::from(format!(
            "<img src=\"{}\" alt=\"{}\"{attributes}>",
            escape_attr(&src),
            escape_attr(&alt)
        ))));
    }

    /// An image outside `static/` is published at its `content/`-relative path (a file under
    /// `static/` at that path is found first, by path or as an ambiguous name), except where
    /// the theme's files go: an error there, not a theme file silently replaced.
    fn attach(&mut self, path: String, span: Span) -> Option<String> {
        if path.starts_with("theme/") {
            self.diagnostics.push(
                Diagnostic::error(
                    Code::UnsafePath,
                    format!(
                        "`content/{path}` would be published at `{path}`, among the theme's files"
                    ),
                )
                .at(span)
                .with_help(
                    "move the image out of `content/theme/`, e.g. next to the note that shows it",
                ),
            );
            return None;
        }
        if !self.rendered.attachments.contains(&path) {
            self.rendered.attachments.push(path.clone());
        }
        Some(path)
    }

    /// Includes note `id` (or its section under heading `anchor`) here.
    fn transclude<'e>(
        &mut self,
        id: DocId,
        anchor: Option<String>,
        span: Span,
        out: &mut Vec<Event<'e>>,
    ) {
        if self.embedding.is_empty() {
            self.embedding.extend(self.cx.links.doc_at(self.target.source_path));
        }
        let site = self.cx.site;
        if let Some(at) = self.embedding.iter().position(|&d| d == id) {
            let mut cycle: Vec<String> =
                self.embedding[at..].iter().map(|&d| site.doc(d).slug.clone()).collect();
            cycle.push(site.doc(id).slug.clone());
            return self.report_cycle(cycle, span);
        }
        let doc = site.doc(id);
        let text = &self.cx.sources.get(doc.file).text;
        let Some(body) = text.get(doc.body_offset..) else { return };
        let (start, end) = match anchor.as_deref() {
            None => (0, body.len()),
            Some(anchor) => match section_range(body, anchor) {
                Ok(range) => range,
                Err(ids) => {
                    let error = Diagnostic::error(
                        Code::BrokenAnchor,
                        format!("`{}` has no heading `#{anchor}` to embed", doc.slug),
                    )
                    .at(span)
                    .with_suggestion(anchor, ids.iter().map(String::as_str));
                    return self.diagnostics.push(error);
                }
            },
        };
        let target = RenderTarget {
            file: doc.file,
            body: &body[start..end],
            body_offset: doc.body_offset + start,
            source_path: &doc.source_path,
            url: self.target.url,
            autolink: false,
            own_term: None,
        };
        let mut nested = Renderer::new(self.cx, target);
        nested.nested = true;
        nested.embedding = self.embedding.clone();
        nested.embedding.push(id);
        nested.heading_ids = std::mem::take(&mut self.heading_ids);
        // Citations and tip ids carry on across the embed: the page formats them all at its end.
        nested.citations = std::mem::take(&mut self.citations);
        nested.tip_counter = self.tip_counter;
        nested.run();
        self.heading_ids = std::mem::take(&mut nested.heading_ids);
        self.citations = std::mem::take(&mut nested.citations);
        self.tip_counter = nested.tip_counter;
        if let Some(cycle) = nested.cycle.take() {
            return self.report_cycle(cycle, span);
        }
        let (rendered, _reported_where_written) = nested.finish();
        // The embed is an edge of the link graph: the note is not an orphan, and `serve`
        // re-renders this page when it changes.
        self.rendered.links.push(super::LinkRef {
            target: Destination::Doc(id, None),
            span,
            context: String::new(),
        });
        self.take_embedded(id, rendered, out);
    }

    /// A cycle of embeds: the outermost page reports it at its embedding line; a nested
    /// renderer hands it up.
    fn report_cycle(&mut self, cycle: Vec<String>, span: Span) {
        if self.nested {
            self.cycle = Some(cycle);
            return;
        }
        let first = cycle.first().cloned().unwrap_or_default();
        let path = cycle.join(" → ");
        self.diagnostics.push(
            Diagnostic::error(
                Code::EmbedCycle,
                format!("this embed makes a cycle: {path}"),
            )
            .at(span)
            .with_help(format!("a note cannot include itself, even through others; link to it with `[[{first}]]` instead of embedding it")),
        );
    }

    /// Puts an embedded note's HTML where its embed was, and counts its words, terms and text
    /// as this page's (search finds the page by them). A block embed drops the paragraph it was
    /// parsed in, so the included headings and paragraphs are not nested inside a `<p>`.
    fn take_embedded<'e>(
        &mut self,
        id: DocId,
        embedded: super::Rendered,
        out: &mut Vec<Event<'e>>,
    ) {
        if matches!(out.last(), Some(Event::Start(Tag::Paragraph))) {
            out.pop();
            self.drop_paragraph_end = true;
        }
        out.push(Event::Html(CowStr::from(embedded.html)));
        self.rendered.words += embedded.words;
        for note in std::iter::once(id).chain(embedded.embedded) {
            if !self.rendered.embedded.contains(&note) {
                self.rendered.embedded.push(note);
            }
        }
        for path in embedded.attachments {
            if !self.rendered.attachments.contains(&path) {
                self.rendered.attachments.push(path);
            }
        }
        for term in embedded.terms {
            self.note_term(term);
        }
        for section in embedded.sections {
            match (&section.anchor, self.rendered.sections.last_mut()) {
                (None, Some(last)) => crate::words::push_collapsed(&mut last.text, &section.text),
                _ => self.rendered.sections.push(section),
            }
        }
    }
}

/// Whether an embed names a file (`diagram.png`) rather than a note (`Note`, `Note.md`).
fn is_file_name(target: &str) -> bool {
    let name = target.split('#').next().unwrap_or(target);
    let name = name.rsplit('/').next().unwrap_or(name);
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
            && !ext.eq_ignore_ascii_case("md")
    })
}

/// The byte range of the section under the heading whose id or text is `anchor`: from the
/// heading to the next heading of the same or a higher level. Else the ids there are.
fn section_range(body: &str, anchor: &str) -> Result<(usize, usize), Vec<String>> {
    let mut ids: Vec<String> = Vec::new();
    let mut found: Option<(usize, u32)> = None;
    let mut events = Parser::new_ext(body, parser_options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        let Event::Start(Tag::Heading { level, id, .. }) = event else { continue };
        let level = level as u32;
        if let Some((start, open)) = found {
            if level <= open {
                return Ok((start, range.start));
            }
            continue;
        }
        let mut text = String::new();
        for (inner, _) in events.by_ref() {
            match inner {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(&t),
                _ => {}
            }
        }
        let base = id.map_or_else(|| slugify(&text), |id| id.to_string());
        let mut unique = base.clone();
        let mut n = 1;
        while ids.contains(&unique) {
            n += 1;
            unique = format!("{base}-{n}");
        }
        if unique == anchor || slugify(&text) == anchor {
            found = Some((range.start, level));
        }
        ids.push(unique);
    }
    found.map(|(start, _)| (start, body.len())).ok_or(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_files_from_notes() {
        assert!(is_file_name("diagram.png"));
        assert!(is_file_name("images/My Diagram.JPEG"));
        assert!(!is_file_name("Second Article"));
        assert!(!is_file_name("Note.md"));
        assert!(!is_file_name("Dr. Smith's notes"));
        assert!(!is_file_name("note#Section 2.1"));
    }

    #[test]
    fn finds_a_section_by_id_or_text() {
        let body = "Intro\n\n## First part\n\nOne.\n\n### Detail\n\nTwo.\n\n## Second\n\nThree.\n";
        let (start, end) = section_range(body, "first-part").unwrap();
        assert_eq!(&body[start..end], "## First part\n\nOne.\n\n### Detail\n\nTwo.\n\n");
        let (start, end) = section_range(body, "second").unwrap();
        assert_eq!(&body[start..end], "## Second\n\nThree.\n");
        assert_eq!(section_range(body, "third").unwrap_err(), ["first-part", "detail", "second"]);
    }
}
