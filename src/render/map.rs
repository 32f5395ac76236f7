//! The concept map: an SVG drawn at build time from the link graph (no JS), plus a text
//! alternative. Articles are boxes grouped by section in balanced columns ([`layout`] wraps their
//! titles to fit and orders them to untangle the links); links are curves with arrowheads, and
//! the page's own style sheet lights up a node's links while it is hovered or focused. Large
//! sites (over [`MAX_NODES`] articles) get a map of sections instead, to stay legible.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;
use tera::Context;

use crate::ids::DocId;
use crate::render::Resolved;
use crate::render::context::{Link, Linker};
use crate::render::strings::Strings;
use crate::render::{Section, escape_xml};

mod layout;

use layout::{Input, Placed, Rect};

/// Above this many articles the map shows sections instead of articles.
pub const MAX_NODES: usize = 150;

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

/// The map's own styles, written into the map page (inside its SVG) and nowhere else.
const STYLE: &str = include_str!("map/map.css");

fn open_svg(out: &mut String, width: usize, height: usize, description: &str, ui: &Strings) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"concept-map\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"group\" aria-labelledby=\"map-title\" aria-describedby=\"map-desc\">\
<title id=\"map-title\">{}</title><desc id=\"map-desc\">{}</desc>",
        escape_xml(ui.get("map_title")),
        escape_xml(description)
    );
}

/// The style sheet: [`STYLE`], then one rule lighting up the links (`l<i>`) of node `n<i>`
/// while it is hovered or focused, and the arrowheads.
fn style_and_markers(out: &mut String, nodes: usize) {
    out.push_str("<style>");
    let rules = STYLE.split_once("*/").map_or(STYLE, |(_, rest)| rest);
    out.extend(rules.lines().map(str::trim));
    if nodes > 0 {
        let rules: Vec<String> = (0..nodes)
            .map(|i| format!(".concept-map:has(.n{i}:hover,.n{i}:focus) .l{i}"))
            .collect();
        let _ = write!(out, "{}{{--o:1;--s:var(--accent);--w:2;--m:url(#map-h)}}", rules.join(","));
    }
    out.push_str("</style><defs>");
    for id in ["map-a", "map-h"] {
        let _ = write!(
            out,
            "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" markerUnits=\"userSpaceOnUse\" orient=\"auto-start-reverse\"><path d=\"M0 1L10 5L0 9z\"/></marker>"
        );
    }
    out.push_str("</defs>");
}

/// The article nodes: each article's index, section and wrapped label, and the links between
/// them as (from, to, both ways).
struct Graph {
    ids: Vec<DocId>,
    section: Vec<usize>,
    labels: Vec<Vec<String>>,
    links: Vec<(usize, usize, bool)>,
}

fn graph(r: &Resolved<'_>, sections: &[Section]) -> Graph {
    let mut index = BTreeMap::new();
    let (mut ids, mut section, mut labels) = (Vec::new(), Vec::new(), Vec::new());
    for (s, list) in sections.iter().enumerate() {
        for id in &list.articles {
            index.insert(*id, ids.len());
            ids.push(*id);
            section.push(s);
            labels.push(layout::label_lines(label(&r.site.doc(*id).meta.title)));
        }
    }
    let mut directed = std::collections::BTreeSet::new();
    for (from, id) in ids.iter().enumerate() {
        for target in &r.graph.outgoing[*id] {
            match index.get(target) {
                Some(&to) if to != from => directed.insert((from, to)),
                _ => false,
            };
        }
    }
    let links = directed
        .iter()
        .filter(|(a, b)| a < b || !directed.contains(&(*b, *a)))
        .map(|&(a, b)| (a, b, directed.contains(&(b, a))))
        .collect();
    Graph { ids, section, labels, links }
}

/// A title before any colon (the full title is the node's accessible name and tooltip).
fn label(title: &str) -> &str {
    title.split(':').next().unwrap_or(title).trim()
}

fn article_svg(
    r: &Resolved<'_>,
    sections: &[Section],
    linker: &Linker<'_>,
    ui: &Strings,
) -> String {
    let g = graph(r, sections);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); sections.len()];
    for (node, s) in g.section.iter().enumerate() {
        members[*s].push(node);
    }
    let headings: Vec<Vec<String>> =
        sections.iter().map(|s| layout::heading_lines(&s.title)).collect();
    let pairs: Vec<(usize, usize)> = g.links.iter().map(|&(a, b, _)| (a, b)).collect();
    let placed = layout::layout(&Input {
        sections: &members,
        headings: &headings,
        labels: &g.labels,
        links: &pairs,
    });
    let mut out = String::new();
    let used = members.iter().filter(|m| !m.is_empty()).count();
    let description = articles_description(ui, g.ids.len(), used, g.links.len());
    open_svg(&mut out, placed.width, placed.height, &description, ui);
    style_and_markers(&mut out, g.ids.len());
    edges(&mut out, &g.links, &placed.boxes, false);
    // Column by column, top to bottom, so keyboard focus follows the columns.
    for column in &placed.columns {
        for item in column {
            match item {
                Placed::Heading { section, rect, continued } => {
                    heading(
                        &mut out,
                        &sections[*section],
                        *section,
                        &headings[*section],
                        *rect,
                        *continued,
                        linker,
                    );
                }
                Placed::Node { node } => {
                    node_link(&mut out, r, linker, &g, *node, placed.boxes[*node])
                }
            }
        }
    }
    out.push_str("</svg>");
    out
}

/// A section's heading over its column: a link to the section page with a bar in its colour,
/// or (`continued`, in a later column) the same words muted, hidden from assistive technology.
fn heading(
    out: &mut String,
    section: &Section,
    index: usize,
    lines: &[String],
    rect: Rect,
    continued: bool,
    linker: &Linker<'_>,
) {
    let text = text_lines(lines, rect.x, rect.y + 16, layout::HEADING_LINE);
    let bar = format!(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"3\" rx=\"1\"/>",
        rect.x,
        rect.y + rect.height - 6,
        rect.width
    );
    if continued {
        let _ = write!(
            out,
            "<g class=\"map-heading continued s{}\" aria-hidden=\"true\">{bar}{text}</g>",
            index % 8
        );
    } else {
        let _ = write!(
            out,
            "<a class=\"map-heading s{}\" href=\"{}\"><title>{}</title>{bar}{text}</a>",
            index % 8,
            escape_xml(&linker.href(&crate::config::section_url(&section.id))),
            escape_xml(&section.title),
        );
    }
}

/// `<text>` with one line per `lines`, the first baseline at `y`.
fn text_lines(lines: &[String], x: usize, y: usize, step: usize) -> String {
    let mut out = format!("<text x=\"{x}\" y=\"{y}\">");
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            out.push_str(&escape_xml(line));
        } else {
            let _ = write!(out, "<tspan x=\"{x}\" dy=\"{step}\">{}</tspan>", escape_xml(line));
        }
    }
    out.push_str("</text>");
    out
}

/// The links as curves from the source's side to the target's, arrowheads at the target (and
/// at both ends of a link made both ways); links within a column loop out to its right. Where a
/// node has several links on one side, their ends spread down that side in the order of the
/// other ends, so they fan out instead of crossing at one point.
fn edges(out: &mut String, links: &[(usize, usize, bool)], boxes: &[Rect], tie: bool) {
    // Per link: which side each end leaves from (true = right).
    let sides: Vec<(bool, bool)> = links
        .iter()
        .map(|&(a, b, _)| match boxes[a].x.cmp(&boxes[b].x) {
            std::cmp::Ordering::Equal => (true, true),
            std::cmp::Ordering::Less => (true, false),
            std::cmp::Ordering::Greater => (false, true),
        })
        .collect();
    let ends = end_heights(links, &sides, boxes);
    out.push_str("<g class=\"map-edges\" aria-hidden=\"true\">");
    for (i, &(a, b, both)) in links.iter().enumerate() {
        let (ra, rb) = (boxes[a], boxes[b]);
        let (right_a, right_b) = sides[i];
        let sx = if right_a { ra.x + ra.width } else { ra.x };
        let ex = if right_b { rb.x + rb.width } else { rb.x };
        let (sy, ey) = ends[i];
        let path = if ra.x == rb.x {
            let bulge = sx + 16 + (sy.abs_diff(ey) / 8).min(40);
            format!("M{sx} {sy}C{bulge} {sy} {bulge} {ey} {ex} {ey}")
        } else {
            let reach = (sx.abs_diff(ex) / 2).max(30);
            let (c1, c2) =
                if sx < ex { (sx + reach, ex - reach) } else { (sx - reach, ex + reach) };
            format!("M{sx} {sy}C{c1} {sy} {c2} {ey} {ex} {ey}")
        };
        let class = if tie {
            " map-tie"
        } else if both {
            " both"
        } else {
            ""
        };
        let _ = write!(out, "<path class=\"map-edge l{a} l{b}{class}\" d=\"{path}\"/>");
    }
    out.push_str("</g>");
}

/// A link's end on a box's side: the other end's middle height, the link, whether it is the
/// link's first end.
type End = (usize, usize, bool);

/// The heights where each link meets its two boxes: the ends on one side of a box spread evenly
/// down it, ordered by the height of the other end.
fn end_heights(
    links: &[(usize, usize, bool)],
    sides: &[(bool, bool)],
    boxes: &[Rect],
) -> Vec<(usize, usize)> {
    // (node, right side) -> [(other end's middle, link, is the link's first end)]
    let mut at: BTreeMap<(usize, bool), Vec<End>> = BTreeMap::new();
    for (i, &(a, b, _)) in links.iter().enumerate() {
        at.entry((a, sides[i].0)).or_default().push((boxes[b].middle(), i, true));
        at.entry((b, sides[i].1)).or_default().push((boxes[a].middle(), i, false));
    }
    let mut ends = vec![(0, 0); links.len()];
    for ((node, _), mut list) in at {
        list.sort();
        let rect = boxes[node];
        let room = rect.height.saturating_sub(8);
        for (k, (_, link, first)) in list.iter().enumerate() {
            let y = rect.y + 4 + room * (k + 1) / (list.len() + 1);
            if *first { ends[*link].0 = y } else { ends[*link].1 = y }
        }
    }
    ends
}

/// One article's node: a link with its full title, a box in its section's colour and the
/// title's words wrapped to fit; its classes name it (`n<i>`) and its neighbours (`l<j>`).
fn node_link(
    out: &mut String,
    r: &Resolved<'_>,
    linker: &Linker<'_>,
    g: &Graph,
    node: usize,
    rect: Rect,
) {
    let doc = r.site.doc(g.ids[node]);
    let class = node_class(g.section[node], node, &g.links);
    let href = linker.href(&doc.url);
    node_markup(out, &class, &href, &doc.meta.title, &g.labels[node], rect);
}

/// A node's classes: its section's colour `s<k>`, itself `n<i>`, and `l<j>` per neighbour.
fn node_class(section: usize, node: usize, links: &[(usize, usize, bool)]) -> String {
    let mut class = format!("map-node s{} n{node}", section % 8);
    for &(a, b, _) in links {
        if a == node || b == node {
            let _ = write!(class, " l{}", if a == node { b } else { a });
        }
    }
    class
}

/// A node: a link named by `title`, its box, and its label's `lines`.
fn node_markup(
    out: &mut String,
    class: &str,
    href: &str,
    title: &str,
    lines: &[String],
    rect: Rect,
) {
    let _ = write!(
        out,
        "<a class=\"{class}\" href=\"{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>{}</a>",
        escape_xml(href),
        escape_xml(title),
        rect.x,
        rect.y,
        rect.width,
        rect.height,
        text_lines(lines, rect.x + layout::INSET, rect.y + layout::FIRST_BASELINE, layout::LINE)
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
    let links: Vec<(usize, usize, bool)> = weights.keys().map(|&(a, b)| (a, b, false)).collect();
    let labels: Vec<Vec<String>> = sections
        .iter()
        .map(|s| layout::label_lines(&format!("{} ({})", s.title, s.articles.len())))
        .collect();
    let pairs: Vec<(usize, usize)> = weights.keys().copied().collect();
    let placed = layout::layout(&Input {
        sections: &[(0..sections.len()).collect()],
        headings: &[Vec::new()],
        labels: &labels,
        links: &pairs,
    });
    let mut out = String::new();
    let description = ui
        .fmt("map_svg_sections", &[("sections", &ui.count("section_count", sections.len(), &[]))]);
    open_svg(&mut out, placed.width, placed.height, &description, ui);
    style_and_markers(&mut out, sections.len());
    edges(&mut out, &links, &placed.boxes, true);
    for column in &placed.columns {
        for item in column {
            if let Placed::Node { node } = item {
                let section = &sections[*node];
                let href = linker.href(&crate::config::section_url(&section.id));
                let class = node_class(*node, *node, &links);
                let title = format!("{} ({})", section.title, section.articles.len());
                node_markup(&mut out, &class, &href, &title, &labels[*node], placed.boxes[*node]);
            }
        }
    }
    out.push_str("</svg>");
    out
}
