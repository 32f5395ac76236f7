//! The concept map's layout, worked out at build time with no font at hand: labels wrapped onto
//! at most three lines by a generous per-character width table (so every label fits its box),
//! sections flowed through a few columns of balanced height (a long section continues in the
//! next column, small ones share a column), and the articles of each section ordered by the
//! barycentre of their neighbours, which shortens and uncrosses the links.

/// Label size in px, and the distance between label lines.
pub(super) const FONT: f32 = 14.0;
/// Distance between the baselines of a wrapped label.
pub(super) const LINE: usize = 17;
/// Column heading size in px (bold).
pub(super) const HEADING_FONT: f32 = 15.0;
/// Distance between the baselines of a wrapped heading.
pub(super) const HEADING_LINE: usize = 19;
/// A node box's width.
pub(super) const NODE_WIDTH: usize = 210;
/// Room between the box's edge and its label.
pub(super) const INSET: usize = 10;
/// From a box's top to its label's first baseline.
pub(super) const FIRST_BASELINE: usize = 19;
/// Space around the drawing.
pub(super) const MARGIN: usize = 16;
/// Space between columns, where the links run (and loop, within a column).
const GUTTER: usize = 66;
const PITCH: usize = NODE_WIDTH + GUTTER;
const NODE_GAP: usize = 10;
const SECTION_GAP: usize = 22;
const MAX_COLUMNS: usize = 4;
const MAX_LINES: usize = 4;

/// A placed box.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Rect {
    /// Left edge.
    pub(super) x: usize,
    /// Top edge.
    pub(super) y: usize,
    /// Width.
    pub(super) width: usize,
    /// Height.
    pub(super) height: usize,
}

impl Rect {
    /// The vertical centre.
    pub(super) fn middle(&self) -> usize {
        self.y + self.height / 2
    }
}

/// One thing drawn in a column, top to bottom (which is also the focus order).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Placed {
    /// A section's heading at its box; `continued` when the section began in an earlier column.
    Heading {
        /// Index of the section.
        section: usize,
        /// Where the heading sits.
        rect: Rect,
        /// The heading repeats a section begun in an earlier column.
        continued: bool,
    },
    /// An article's node.
    Node {
        /// Index of the node.
        node: usize,
    },
}

/// What the layout needs: per section its heading's lines and its nodes; per node its lines;
/// the links as pairs of node indices.
pub(super) struct Input<'a> {
    /// Each section's node indices, in their first order.
    pub(super) sections: &'a [Vec<usize>],
    /// Each section's heading, wrapped.
    pub(super) headings: &'a [Vec<String>],
    /// Each node's label, wrapped.
    pub(super) labels: &'a [Vec<String>],
    /// Links between nodes (either direction).
    pub(super) links: &'a [(usize, usize)],
}

/// The finished layout.
#[derive(Debug, Clone)]
pub(super) struct Layout {
    /// Every node's box, by node index.
    pub(super) boxes: Vec<Rect>,
    /// Each column's contents, top to bottom.
    pub(super) columns: Vec<Vec<Placed>>,
    /// The drawing's size.
    pub(super) width: usize,
    /// The drawing's height.
    pub(super) height: usize,
}

/// Lays the map out: tries each ordering from a few barycentre sweeps and keeps the one whose
/// links run the shortest vertical distance.
pub(super) fn layout(input: &Input<'_>) -> Layout {
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); input.labels.len()];
    for &(a, b) in input.links {
        neighbours[a].push(b);
        neighbours[b].push(a);
    }
    let mut order: Vec<Vec<usize>> = input.sections.to_vec();
    let mut best = place(input, &order);
    let mut best_cost = cost(input, &best);
    let mut current = best.clone();
    for _ in 0..6 {
        for section in &mut order {
            reorder(section, &neighbours, &current.boxes);
        }
        current = place(input, &order);
        let current_cost = cost(input, &current);
        if current_cost < best_cost {
            (best, best_cost) = (current.clone(), current_cost);
        }
    }
    best
}

/// Sorts a section's nodes by the mean height of their neighbours (a node without any keeps
/// its own height), the barycentre heuristic for fewer crossings.
fn reorder(section: &mut Vec<usize>, neighbours: &[Vec<usize>], boxes: &[Rect]) {
    let centre = |n: usize| boxes[n].middle() as f32;
    let key = |n: usize| match neighbours[n].len() {
        0 => centre(n),
        count => neighbours[n].iter().map(|m| centre(*m)).sum::<f32>() / count as f32,
    };
    let mut keyed: Vec<(f32, usize)> = section.iter().map(|&n| (key(n), n)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    *section = keyed.into_iter().map(|(_, n)| n).collect();
}

/// The vertical distance the links cover: shorter means flatter, less tangled links.
fn cost(input: &Input<'_>, layout: &Layout) -> usize {
    let boxes = &layout.boxes;
    input.links.iter().map(|&(a, b)| boxes[a].middle().abs_diff(boxes[b].middle())).sum::<usize>()
}

/// A node's box height for its number of lines.
pub(super) fn node_height(lines: usize) -> usize {
    lines.max(1) * LINE + 12
}

/// A heading's height; none for a column without a heading (the map of sections).
fn heading_height(lines: usize) -> usize {
    if lines == 0 { 0 } else { lines * HEADING_LINE + 10 }
}

/// A node in the flattened sequence the columns split: its section, and whether it opens it.
#[derive(Clone, Copy)]
struct Flat {
    node: usize,
    section: usize,
    first: bool,
}

/// Places `order` in the fewest columns (up to four) whose height is at most half the width.
fn place(input: &Input<'_>, order: &[Vec<usize>]) -> Layout {
    let flat: Vec<Flat> = order
        .iter()
        .enumerate()
        .flat_map(|(section, nodes)| {
            nodes.iter().enumerate().map(move |(i, &node)| Flat { node, section, first: i == 0 })
        })
        .collect();
    let most = MAX_COLUMNS.min(flat.len()).max(1);
    let mut chosen = None;
    for columns in 1..=most {
        let breaks = partition(input, &flat, columns);
        let height = breaks.windows(2).map(|w| column_height(input, &flat[w[0]..w[1]])).max();
        let width = columns * PITCH + 2 * MARGIN - GUTTER / 2;
        let fits = height.unwrap_or(0) * 2 <= width;
        chosen = Some(breaks);
        if fits {
            break;
        }
    }
    build(input, &flat, &chosen.unwrap_or_default())
}

/// The height of one column holding `nodes` (headings included).
fn column_height(input: &Input<'_>, nodes: &[Flat]) -> usize {
    nodes.iter().enumerate().map(|(i, f)| step(input, f, i == 0)).sum()
}

/// What node `f` adds to a column's height: its box, after the gap above it and, at the top of
/// the column or of its section, a heading.
fn step(input: &Input<'_>, f: &Flat, top: bool) -> usize {
    let above = match (top, f.first) {
        (true, _) => heading_height(input.headings[f.section].len()),
        (false, true) => SECTION_GAP + heading_height(input.headings[f.section].len()),
        (false, false) => NODE_GAP,
    };
    above + node_height(input.labels[f.node].len())
}

/// Whether a column may start at `at`: at a section's start, or inside a section when at least
/// two of its nodes stay on each side.
fn may_break(flat: &[Flat], at: usize) -> bool {
    if at == 0 || at >= flat.len() || flat[at].first {
        return true;
    }
    let section = flat[at].section;
    let before = flat[..at].iter().rev().take_while(|f| f.section == section).count();
    let after = flat[at..].iter().take_while(|f| f.section == section).count();
    before >= 2 && after >= 2
}

/// Column starts (with the end) splitting `flat` into `columns` columns of least maximum height.
fn partition(input: &Input<'_>, flat: &[Flat], columns: usize) -> Vec<usize> {
    let n = flat.len();
    // best[c][b]: the least maximum height of c columns holding flat[..b], and where the last starts.
    let breakable: Vec<bool> = (0..=n).map(|at| may_break(flat, at)).collect();
    let mut best = vec![vec![(usize::MAX, 0usize); n + 1]; columns + 1];
    best[0][0] = (0, 0);
    for c in 1..=columns {
        for a in 0..n {
            if best[c - 1][a].0 == usize::MAX || !breakable[a] {
                continue;
            }
            let mut height = 0;
            for b in a + 1..=n {
                height += step(input, &flat[b - 1], b - 1 == a);
                if !breakable[b] {
                    continue;
                }
                let cost = best[c - 1][a].0.max(height);
                if cost < best[c][b].0 {
                    best[c][b] = (cost, a);
                }
            }
        }
    }
    let mut used = (1..=columns).rev().find(|c| best[*c][n].0 != usize::MAX).unwrap_or(1);
    let mut breaks = vec![n];
    let mut at = n;
    while used > 0 && at > 0 {
        at = best[used][at].1;
        breaks.push(at);
        used -= 1;
    }
    breaks.reverse();
    breaks
}

/// Positions every heading and node of the columns split at `breaks`.
fn build(input: &Input<'_>, flat: &[Flat], breaks: &[usize]) -> Layout {
    let mut boxes = vec![Rect::default(); input.labels.len()];
    let mut columns = Vec::new();
    let mut bottom = 0;
    for (c, w) in breaks.windows(2).enumerate() {
        let x = MARGIN + c * PITCH;
        let mut y = MARGIN;
        let mut placed = Vec::new();
        for (i, f) in flat[w[0]..w[1]].iter().enumerate() {
            if i == 0 || f.first {
                if i > 0 {
                    y += SECTION_GAP;
                }
                let height = heading_height(input.headings[f.section].len());
                let rect = Rect { x, y, width: NODE_WIDTH, height };
                placed.push(Placed::Heading { section: f.section, rect, continued: !f.first });
                y += height;
            } else {
                y += NODE_GAP;
            }
            let height = node_height(input.labels[f.node].len());
            boxes[f.node] = Rect { x, y, width: NODE_WIDTH, height };
            placed.push(Placed::Node { node: f.node });
            y += height;
        }
        bottom = bottom.max(y);
        columns.push(placed);
    }
    let width = columns.len().max(1) * PITCH + 2 * MARGIN - GUTTER / 2;
    Layout { boxes, columns, width, height: bottom + MARGIN }
}

/// `text` wrapped into lines of at most `room` px at `size` px (bold when `bold`), at most
/// `max_lines` lines; a last line that would overflow ends in an ellipsis.
pub(super) fn wrap(text: &str, room: f32, size: f32, bold: bool, max_lines: usize) -> Vec<String> {
    let scale = if bold { size * 1.1 } else { size };
    let width = |s: &str| s.chars().map(char_width).sum::<f32>() * scale;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line = word.to_string();
        } else if width(&format!("{line} {word}")) <= room {
            line = format!("{line} {word}");
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.push_str(" …");
        }
    }
    for line in &mut lines {
        if width(line) > room {
            *line = cut(line, room, &width);
        }
    }
    lines
}

/// The default cap on a label's lines.
pub(super) fn label_lines(text: &str) -> Vec<String> {
    wrap(text, (NODE_WIDTH - 2 * INSET) as f32, FONT, false, MAX_LINES)
}

/// A heading's lines (at most two).
pub(super) fn heading_lines(text: &str) -> Vec<String> {
    wrap(text, NODE_WIDTH as f32, HEADING_FONT, true, 2)
}

/// `line` cut with an ellipsis to fit `room`.
fn cut(line: &str, room: f32, width: &dyn Fn(&str) -> f32) -> String {
    let mut out = String::new();
    for c in line.trim_end_matches(" …").chars() {
        let next = format!("{out}{c}…");
        if width(&next) > room {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

/// A character's advance in ems, on the wide side of common system sans-serif fonts.
pub(super) fn char_width(c: char) -> f32 {
    match c {
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '’' | '!' | '|' => 0.32,
        ' ' | 'f' | 't' | 'r' | '(' | ')' | '-' | '/' => 0.42,
        'm' | 'w' => 0.98,
        'M' | 'W' | '…' => 1.0,
        c if c.is_uppercase() || c.is_ascii_digit() => 0.78,
        _ => 0.64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_labels_fit_their_room_in_at_most_four_lines() {
        let room = (NODE_WIDTH - 2 * INSET) as f32;
        let long = "The therapeutic relationship in nursing and occupational therapy practice across settings and cultures";
        for text in [
            "Empathy",
            "Collaboration and shared decisions",
            long,
            "Supercalifragilisticexpialidociousnessness",
        ] {
            let lines = label_lines(text);
            assert!((1..=4).contains(&lines.len()), "{text}: {lines:?}");
            for line in &lines {
                let w: f32 = line.chars().map(char_width).sum::<f32>() * FONT;
                assert!(w <= room, "{line:?} is {w} px");
            }
        }
        assert_eq!(label_lines("Empathy"), ["Empathy"]);
        assert!(label_lines(long).last().is_some_and(|l| l.ends_with('…')));
    }

    #[test]
    fn sections_flow_through_balanced_columns() {
        let sections =
            vec![(0..2).collect(), (2..16).collect(), (16..23).collect(), (23..30).collect()];
        let headings = vec![vec!["S".to_string()]; 4];
        let labels = vec![vec!["x".to_string()]; 30];
        let links: Vec<(usize, usize)> = (0..29).map(|i| (i, 29 - i)).collect();
        let out = layout(&Input {
            sections: &sections,
            headings: &headings,
            labels: &labels,
            links: &links,
        });
        assert_eq!(out.columns.len(), 4);
        let heights: Vec<usize> = out
            .columns
            .iter()
            .map(|c| c.iter().filter(|p| matches!(p, Placed::Node { .. })).count())
            .collect();
        assert!(heights.iter().all(|h| (5..=10).contains(h)), "{heights:?}");
        for (i, a) in out.boxes.iter().enumerate() {
            for b in &out.boxes[i + 1..] {
                let apart = a.x + a.width <= b.x
                    || b.x + b.width <= a.x
                    || a.y + a.height <= b.y
                    || b.y + b.height <= a.y;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
    }
}
