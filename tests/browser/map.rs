//! The concept map (issue 26): every label inside its box in both palettes, a node's own links
//! lit up (and only those) while it is hovered or focused, the text version first on a phone,
//! no sideways page scroll at 320 px, and screenshots at 1280 and 390 px in both palettes.

use serde_json::{Value, json};

use crate::layout::screenshot_folder;
use crate::webdriver::Session;
use crate::{open, site};

/// Labels (node and heading text) whose rendered box is not inside their node's box or, for a
/// heading, the column's width.
const SPILLS: &str = "const out = [];
  for (const a of document.querySelectorAll('.concept-map .map-node')) {
    const r = a.querySelector('rect').getBBox(), t = a.querySelector('text').getBBox();
    const inside = t.x >= r.x && t.x + t.width <= r.x + r.width + 0.5
      && t.y >= r.y - 0.5 && t.y + t.height <= r.y + r.height + 0.5;
    if (!inside) out.push(a.textContent.trim() + ': text ' + [t.x, t.y, t.width, t.height].map(Math.round)
      + ' box ' + [r.x, r.y, r.width, r.height].map(Math.round));
  }
  for (const h of document.querySelectorAll('.concept-map .map-heading')) {
    const r = h.querySelector('rect').getBBox(), t = h.querySelector('text').getBBox();
    if (t.x < r.x || t.x + t.width > r.x + r.width + 0.5) out.push('heading ' + h.textContent.trim());
  }
  return out;";

fn set_theme(session: &Session, theme: &str) {
    session.execute("localStorage.setItem('attune-theme', arguments[0])", &[theme.into()]);
    session.refresh();
}

#[test]
fn every_map_label_lies_inside_its_box_in_light_and_dark() {
    let session = open("map/");
    for theme in ["light", "dark"] {
        set_theme(&session, theme);
        let count = session
            .execute("return document.querySelectorAll('.concept-map .map-node').length", &[]);
        assert!(
            count.as_u64().unwrap_or(0) >= 20,
            "the handbook's map draws its articles: {count}"
        );
        assert_eq!(
            session.execute(SPILLS, &[]),
            json!([]),
            "labels spill out of their boxes ({theme})"
        );
        // The label reads against its box in this palette (the old map's labels vanished in dark).
        let colours = session.execute(
            "const a = document.querySelector('.concept-map .map-node');
             return [getComputedStyle(a.querySelector('text')).fill, getComputedStyle(a.querySelector('rect')).fill,
                     getComputedStyle(document.documentElement).getPropertyValue('--fg').trim()];",
            &[],
        );
        let fill = colours[0].as_str().unwrap_or_default();
        assert_ne!(colours[0], colours[1], "{theme}: label and box differ: {colours}");
        let expected = if theme == "dark" { "rgb(230, 237, 243)" } else { "rgb(27, 31, 36)" };
        assert_eq!(fill, expected, "{theme}: labels take the palette's text colour: {colours}");
    }
}

/// For node `index`: how many links it has, and per link `[is its own link, opacity, stroke]`.
fn edge_styles(session: &Session) -> Value {
    session.execute(
        "const n = arguments[0];
         return [...document.querySelectorAll('.concept-map .map-edge')].map(e => {
           const s = getComputedStyle(e);
           return [e.classList.contains('l' + n), Number(s.opacity), s.stroke];
         });",
        &[json!(hovered_index(session))],
    )
}

/// The index of the node the test lights up: the one with most links.
fn hovered_index(session: &Session) -> u64 {
    let index = session.execute(
        "let best = 0, most = -1;
         document.querySelectorAll('.concept-map .map-node').forEach(a => {
           const i = Number([...a.classList].find(c => /^n\\d+$/.test(c)).slice(1));
           const links = document.querySelectorAll('.concept-map .map-edge.l' + i).length;
           if (links > most) { most = links; best = i; } });
         return best;",
        &[],
    );
    index.as_u64().unwrap_or(0)
}

/// Asserts that exactly node `index`'s links stand out: full opacity and a stroke the others
/// lack, while every other link is faded.
#[track_caller]
fn assert_only_its_links_lit(styles: &Value, how: &str) {
    let rows = styles.as_array().cloned().unwrap_or_default();
    let own: Vec<&Value> = rows.iter().filter(|r| r[0] == json!(true)).collect();
    let others: Vec<&Value> = rows.iter().filter(|r| r[0] == json!(false)).collect();
    assert!(own.len() >= 2 && !others.is_empty(), "{how}: links to compare: {styles}");
    for row in &own {
        assert!(row[1].as_f64().unwrap_or(0.0) > 0.9, "{how}: its link is lit: {row}");
    }
    for row in &others {
        assert!(row[1].as_f64().unwrap_or(1.0) < 0.3, "{how}: another link is faded: {row}");
        assert_ne!(row[2], own[0][2], "{how}: another link keeps the plain colour: {row}");
    }
}

#[test]
fn hovering_or_focusing_a_node_lights_up_exactly_its_links() {
    let session = open("map/");
    for theme in ["light", "dark"] {
        set_theme(&session, theme);
        let resting = edge_styles(&session);
        let opacities: Vec<f64> = resting
            .as_array()
            .map(|rows| rows.iter().filter_map(|r| r[1].as_f64()).collect())
            .unwrap_or_default();
        assert!(
            opacities.windows(2).all(|w| w[0] == w[1]),
            "at rest all links look alike: {resting}"
        );

        let index = hovered_index(&session);
        let node = session.find(&format!(".concept-map .map-node.n{index}"));
        session.move_pointer(&node, 0, 0);
        assert_only_its_links_lit(&edge_styles(&session), &format!("hover ({theme})"));

        // Away from the map, then to the node from the keyboard's side (focus).
        session.move_pointer(&session.find("h1"), 0, 0);
        session.execute("arguments[0].focus()", &[node.to_arg()]);
        assert_only_its_links_lit(&edge_styles(&session), &format!("focus ({theme})"));
    }
}

#[test]
fn on_a_phone_the_map_as_text_comes_first_in_readable_type() {
    let session = open("map/");
    session.set_viewport(390, 844);
    session.refresh();
    let facts = session.execute(
        "const text = document.querySelector('.map-text'), map = document.querySelector('.map-wrap');
         const sizes = [...text.querySelectorAll('a, li, h3')].map(e => parseFloat(getComputedStyle(e).fontSize));
         return [text.getBoundingClientRect().top < map.getBoundingClientRect().top, Math.min(...sizes),
                 parseFloat(getComputedStyle(map.querySelector('.map-node text')).fontSize)];",
        &[],
    );
    assert_eq!(facts[0], true, "at 390 px the text version comes before the drawing: {facts}");
    assert!(facts[1].as_f64().unwrap_or(0.0) >= 14.0, "its text is at least 14 px: {facts}");
    assert!(facts[2].as_f64().unwrap_or(0.0) >= 14.0, "the drawing keeps 14 px labels: {facts}");
    session.set_viewport(320, 800);
    session.refresh();
    let widths = session.execute(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];",
        &[],
    );
    assert!(
        widths[0].as_i64() <= widths[1].as_i64(),
        "no sideways page scroll at 320 px: {widths}"
    );
}

#[test]
fn screenshots_of_the_map_at_1280_and_390_px_light_and_dark() {
    let session = open("map/");
    let folder = screenshot_folder();
    for (width, height) in [(1280, 1000), (390, 844)] {
        session.set_viewport(width, height);
        for theme in ["light", "dark"] {
            set_theme(&session, theme);
            session.navigate(&site::url("map/"));
            let file = folder.join(format!("map-{width}-{theme}.png"));
            let _ = std::fs::remove_file(&file);
            session.save_screenshot(&file);
            assert!(
                file.metadata().map(|m| m.len() > 4_000).unwrap_or(false),
                "{} written",
                file.display()
            );
            if width == 1280 {
                // The busiest node focused, its links lit, for review.
                let index = hovered_index(&session);
                session.execute(
                    "document.querySelector('.concept-map .map-node.n' + arguments[0]).focus()",
                    &[json!(index)],
                );
                session.save_screenshot(&folder.join(format!("map-{width}-{theme}-focus.png")));
            }
        }
    }
}
