//! The concept map: an SVG drawn at build time from the link graph (no JS), articles as nodes
//! in one column per section, links as curves, every node a link, plus a text alternative.
//! Large sites (over [`MAX_NODES`] articles) get a map of sections instead, to stay legible.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use tera::Context;

use crate::ids::DocId;
use crate::render::Resolved;
use crate::render::context::{Link, Linker};
use crate::render::strings::Strings;
use crate::render::{Section, escape_xml};

/// Above this many articles the map shows sections instead of articles.
pub const MAX_NODES: usize = 150;

const COLUMN_WIDTH: usize = 250;
const NODE_WIDTH: usize = 200;
const NODE_HEIGHT: usize = 34;
const ROW: usize = 46;
const TOP: usize = 56;
/// Room for a node's label (13 px, from 10 px inside a node box) in ems.
const LABEL_ROOM: f32 = (NODE_WIDTH - 20) as f32 / 13.0;
/// Room for a section's node label on the map of sections (it adds a count).
const SECTION_ROOM: f32 = (NODE_WIDTH - 60) as f32 / 13.0;
/// Room for a column heading (15 px bold) before the next column, in ems.
const HEADING_ROOM: f32 = (COLUMN_WIDTH - 20) as f32 / 15.0;

#[derive(Serialize)]
struct AltSection {
    title: String,
    href: String,
    articles: Vec<AltArticle>,
}

#[derive(Serialize)]
struct AltArticle {
    link: Link,
    links_to: Vec<Link>,
}

/// Template context for the map page: `svg` (markup) and `sections` (text alternative).
pub(crate) fn context(
    r: &Resolved<'_>,
    sections: &[Section],
    linker: &Linker<'_>,
    ui: &Strings,
) -> Context {
    let articles: usize = sections.iter().map(|s| s.articles.len()).sum();
    let svg = if articles > MAX_NODES {
        section_svg(r, sections, linker, ui)
    } else {
        article_svg(r, sections, linker, ui)
    };
    let alt: Vec<AltSection> = sections
        .iter()
        .map(|section| AltSection {
            title: section.title.clone(),
            href: linker.href(&crate::config::section_url(&section.id)),
            articles: if articles > MAX_NODES {
                Vec::new()
            } else {
                section
                    .articles
                    .iter()
                    .map(|id| AltArticle {
                        link: linker.doc(*id),
                        links_to: r.graph.outgoing[*id]
                            .iter()
                            .filter(|o| {
                                r.site.doc(**o).kind == crate::content::model::DocKind::Article
                            })
                            .map(|o| linker.doc(*o))
                            .collect(),
                    })
                    .collect()
            },
        })
        .collect();
    let mut context = Context::new();
    context.insert("svg", &svg);
    context.insert("sections", &alt);
    context.insert("article_count", &articles);
    context.insert("by_section", &(articles > MAX_NODES));
    context
}

fn open_svg(out: &mut String, width: usize, height: usize, description: &str, ui: &Strings) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"concept-map\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"group\" aria-labelledby=\"map-title\" aria-describedby=\"map-desc\">\
<title id=\"map-title\">{}</title><desc id=\"map-desc\">{}</desc>",
        escape_xml(ui.get("map_title")),
        escape_xml(description)
    );
}

fn article_svg(
    r: &Resolved<'_>,
    sections: &[Section],
    linker: &Linker<'_>,
    ui: &Strings,
) -> String {
    let mut position = BTreeMap::new();
    for (column, section) in sections.iter().enumerate() {
        for (row, id) in section.articles.iter().enumerate() {
            position.insert(*id, (column, 20 + column * COLUMN_WIDTH, TOP + row * ROW));
        }
    }
    let rows = sections.iter().map(|s| s.articles.len()).max().unwrap_or(0);
    let width = (sections.len() * COLUMN_WIDTH).max(COLUMN_WIDTH) + 20;
    let height = TOP + rows * ROW + 20;
    let edge_count: usize = position
        .keys()
        .map(|id| r.graph.outgoing[*id].iter().filter(|o| position.contains_key(o)).count())
        .sum();
    let mut out = String::new();
    let description = articles_description(ui, position.len(), sections.len(), edge_count);
    open_svg(&mut out, width, height, &description, ui);
    out.push_str("<g class=\"map-edges\">");
    for (id, &(column, x, y)) in &position {
        for target in &r.graph.outgoing[*id] {
            let Some(&(target_column, tx, ty)) = position.get(target) else { continue };
            let (y1, y2) = (y + NODE_HEIGHT / 2, ty + NODE_HEIGHT / 2);
            let path = if column == target_column {
                // Same column: a loop out to the right side.
                let bulge = x + NODE_WIDTH + 14 + (y.abs_diff(ty) / ROW).min(6) * 4;
                format!(
                    "M{} {y1} C{bulge} {y1} {bulge} {y2} {} {y2}",
                    x + NODE_WIDTH,
                    x + NODE_WIDTH
                )
            } else {
                let (sx, ex) = if target_column > column {
                    (x + NODE_WIDTH, tx)
                } else {
                    (x, tx + NODE_WIDTH)
                };
                let mid = (sx + ex) / 2;
                format!("M{sx} {y1} C{mid} {y1} {mid} {y2} {ex} {y2}")
            };
            let _ = write!(out, "<path class=\"map-edge sec-{}\" d=\"{path}\"/>", column % 8);
        }
    }
    out.push_str("</g>");
    // Column by column, heading first, so keyboard focus follows the columns.
    for (column, section) in sections.iter().enumerate() {
        let x = 20 + column * COLUMN_WIDTH;
        let _ = write!(
            out,
            "<a href=\"{}\"><title>{}</title><text class=\"map-heading\" x=\"{x}\" y=\"30\">{}</text></a>",
            escape_xml(&linker.href(&crate::config::section_url(&section.id))),
            escape_xml(&section.title),
            escape_xml(&shorten(&section.title, HEADING_ROOM, true))
        );
        for id in &section.articles {
            node_link(&mut out, r, linker, *id, position[id]);
        }
    }
    out.push_str("</svg>");
    out
}

/// One article's node: a link with its full title, a box and the title shortened to fit.
fn node_link(
    out: &mut String,
    r: &Resolved<'_>,
    linker: &Linker<'_>,
    id: DocId,
    (column, x, y): (usize, usize, usize),
) {
    let doc = r.site.doc(id);
    let label = shorten(&doc.meta.title, LABEL_ROOM, false);
    let _ = write!(
        out,
        "<a class=\"map-node sec-{}\" href=\"{}\"><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{NODE_WIDTH}\" height=\"{NODE_HEIGHT}\" rx=\"6\"/><text x=\"{}\" y=\"{}\">{}</text></a>",
        column % 8,
        escape_xml(&linker.href(&doc.url)),
        escape_xml(&doc.meta.title),
        x + 10,
        y + 22,
        escape_xml(&label)
    );
}

/// The article map's description: how many articles, sections and links it draws.
fn articles_description(ui: &Strings, articles: usize, sections: usize, links: usize) -> String {
    ui.fmt(
        "map_svg_articles",
        &[
            ("articles", &ui.count("section_articles", articles, &[])),
            ("sections", &ui.count("section_count", sections, &[])),
            ("links", &ui.count("map_edge_links", links, &[])),
        ],
    )
}

fn section_svg(
    r: &Resolved<'_>,
    sections: &[Section],
    linker: &Linker<'_>,
    ui: &Strings,
) -> String {
    let mut section_of = BTreeMap::new();
    for (i, section) in sections.iter().enumerate() {
        for id in &section.articles {
            section_of.insert(*id, i);
        }
    }
    let mut weights: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (id, &from) in &section_of {
        for target in &r.graph.outgoing[*id] {
            if let Some(&to) = section_of.get(target) {
                if to != from {
                    *weights.entry((from.min(to), from.max(to))).or_default() += 1;
                }
            }
        }
    }
    let width = 20 + sections.len().max(1) * COLUMN_WIDTH;
    let height = 260;
    let mut out = String::new();
    open_svg(
        &mut out,
        width,
        height,
        &ui.fmt(
            "map_svg_sections",
            &[("sections", &ui.count("section_count", sections.len(), &[]))],
        ),
        ui,
    );
    for (&(a, b), &count) in &weights {
        let (xa, xb) =
            (20 + a * COLUMN_WIDTH + NODE_WIDTH / 2, 20 + b * COLUMN_WIDTH + NODE_WIDTH / 2);
        let lift = 60 + (b - a) * 20;
        let _ = write!(
            out,
            "<path class=\"map-edge\" d=\"M{xa} 120 C{xa} {} {xb} {} {xb} 120\"><title>{}</title></path>",
            120usize.saturating_sub(lift),
            120usize.saturating_sub(lift),
            escape_xml(&ui.count("map_edge_links", count, &[]))
        );
    }
    for (i, section) in sections.iter().enumerate() {
        let x = 20 + i * COLUMN_WIDTH;
        let _ = write!(
            out,
            "<a class=\"map-node sec-{}\" href=\"{}\"><rect x=\"{x}\" y=\"120\" width=\"{NODE_WIDTH}\" height=\"{NODE_HEIGHT}\" rx=\"6\"/><text x=\"{}\" y=\"142\">{} ({})</text></a>",
            i % 8,
            escape_xml(&linker.href(&crate::config::section_url(&section.id))),
            x + 10,
            escape_xml(&shorten(&section.title, SECTION_ROOM, false)),
            section.articles.len()
        );
    }
    out.push_str("</svg>");
    out
}

/// `text` before any colon, cut with an ellipsis to fit `room` ems (at 13 px or, `bold`, a
/// heading's 15 px bold) by [`char_width`]'s generous estimate, so a label never spills out.
fn shorten(text: &str, room: f32, bold: bool) -> String {
    let text = text.split(':').next().unwrap_or(text).trim();
    let scale = if bold { 1.1 } else { 1.0 };
    let width = |s: &str| s.chars().map(char_width).sum::<f32>() * scale;
    if width(text) <= room {
        return text.to_string();
    }
    let mut cut = String::new();
    let mut used = char_width('…') * scale;
    for c in text.chars() {
        used += char_width(c) * scale;
        if used > room {
            break;
        }
        cut.push(c);
    }
    format!("{}…", cut.trim_end())
}

/// A character's advance in ems, on the wide side of common system sans-serif fonts.
fn char_width(c: char) -> f32 {
    match c {
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '’' | '!' | '|' => 0.32,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' | '/' => 0.42,
        'm' | 'w' => 0.98,
        'M' | 'W' | '…' => 1.0,
        c if c.is_uppercase() || c.is_ascii_digit() => 0.78,
        _ => 0.64,
    }
}
