//! The keyboard and screen-reader audit beyond axe (issue 26): named path checkboxes, the
//! concept map's focus order and small-screen scrolling, dark-theme contrast of the search
//! placeholder and of marked words, named search landmarks and table regions, the header's
//! focus order at phone width, and the theme toggle following the system scheme.

use std::time::Duration;

use serde_json::json;

use crate::webdriver::{Session, wait_until};
use crate::{open, site};

/// WCAG contrast of two `rgb()`/`rgba()` colours, the second opaque (the background).
const CONTRAST: &str = "function rgb(c) { return (c.match(/[\\d.]+/g) || []).map(Number); }
     function lum(c) { return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]); }
     function lin(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
     function over(fg, bg) { const a = fg.length > 3 ? fg[3] : 1;
       return [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a)); }
     function background(el) { for (; el; el = el.parentElement) {
       const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || c[3] > 0) return c; }
       return [255, 255, 255]; }
     function contrast(fg, el) { const bg = background(el); const f = over(rgb(fg), bg);
       const a = lum(f), b = lum(bg); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); }";

#[test]
fn every_path_checkbox_has_a_distinct_name_and_the_tick_stays_out_of_link_names() {
    let session = open("paths/new-to-therapy/");
    let names = session.accessible_names("input.step-done");
    assert!(names.len() >= 2, "the path has checkboxes: {names:?}");
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "checkbox names repeat: {names:?}");
    let titles = session.execute(
        "return [...document.querySelectorAll('.step-title a')].map(a => a.textContent.trim())",
        &[],
    );
    for (name, title) in names.iter().zip(titles.as_array().cloned().unwrap_or_default()) {
        let title = title.as_str().unwrap_or_default();
        assert!(name.contains(title), "checkbox {name:?} names its step {title:?}");
    }
    session.find_all("input.step-done")[0].click();
    wait_until("the first step marked done", Duration::from_secs(3), || {
        if session.try_find(".step.done").is_some() { Ok(()) } else { Err("no .step.done".into()) }
    });
    let link_names = session.accessible_names(".step.done .step-title a");
    let heading_names = session.accessible_names(".step.done .step-title");
    for name in link_names.iter().chain(&heading_names) {
        assert!(!name.contains('✓'), "the read tick is not spoken in {name:?}");
    }
    let generated = session.execute(
        "const a = document.querySelector('.step.done .step-title a');
         return [getComputedStyle(a, '::before').content, getComputedStyle(a, '::after').content];",
        &[],
    );
    assert_eq!(generated, json!(["none", "none"]), "no CSS content inside the link");
}

#[test]
fn the_concept_map_follows_its_columns_fits_its_labels_and_scrolls_at_320px() {
    let session = open("map/");
    let order = session.execute(
        "const xs = [...document.querySelectorAll('.concept-map a')].map(a => {
           const t = a.querySelector('rect') || a.querySelector('text');
           return Number(t.getAttribute('x')); });
         return xs;",
        &[],
    );
    let xs: Vec<f64> =
        order.as_array().map(|v| v.iter().filter_map(|x| x.as_f64()).collect()).unwrap_or_default();
    assert!(xs.len() > 5, "the map has links: {xs:?}");
    // Column by column: x never goes back to an earlier column (headings and nodes of a column
    // differ by at most the node's inset).
    let back = xs.windows(2).find(|w| w[1] + 30.0 < w[0]);
    assert!(back.is_none(), "focus order goes back a column at {back:?} in {xs:?}");

    for theme in ["light", "dark"] {
        session.execute("localStorage.setItem('attune-theme', arguments[0])", &[theme.into()]);
        session.refresh();
        let spill = session.execute(
            &format!(
                "{CONTRAST}
                 return [...document.querySelectorAll('.concept-map .map-node')].map(a => {{
                   const r = a.querySelector('rect').getBBox(), t = a.querySelector('text').getBBox();
                   const inside = t.x >= r.x && t.x + t.width <= r.x + r.width + 0.5;
                   const ink = contrast(getComputedStyle(a.querySelector('text')).fill,
                     a.querySelector('rect'));
                   return inside ? null : a.textContent.trim() + ' spills out (' + t.width.toFixed(0) + ' px)';
                 }}).filter(Boolean);"
            ),
            &[],
        );
        assert_eq!(spill, json!([]), "map labels overflow their boxes in {theme} mode");
        let heading_contrast = session.execute(
            "const t = document.querySelector('.concept-map .map-heading');
             const fill = getComputedStyle(t).fill;
             const node = document.querySelector('.concept-map .map-node text');
             return [fill, getComputedStyle(node).fill, getComputedStyle(document.querySelector('.concept-map .map-node rect')).fill];",
            &[],
        );
        let colours = heading_contrast.as_array().cloned().unwrap_or_default();
        assert_ne!(colours[1], colours[2], "{theme}: node label and box differ: {colours:?}");
    }

    session.set_viewport(320, 800);
    session.refresh();
    let wrap = session.execute(
        "const w = document.querySelector('.map-wrap'), svg = w.querySelector('svg');
         const text = svg.querySelector('.map-node text');
         return [w.scrollWidth > w.clientWidth, w.getAttribute('role'), w.getAttribute('aria-label') || '',
                 w.tabIndex, text.getBoundingClientRect().height, document.documentElement.scrollWidth];",
        &[],
    );
    let w = wrap.as_array().cloned().unwrap_or_default();
    assert_eq!(w[0], true, "at 320 px the map scrolls inside its wrapper: {w:?}");
    assert_eq!(w[1], "region", "{w:?}");
    assert!(!w[2].as_str().unwrap_or_default().is_empty(), "the scroll region is named: {w:?}");
    assert_eq!(w[3], 0, "the scroll region is focusable: {w:?}");
    assert!(w[4].as_f64().unwrap_or_default() >= 10.0, "labels keep a readable size: {w:?}");
    assert!(w[5].as_i64().unwrap_or(999) <= 320, "the page itself does not scroll sideways: {w:?}");
}

#[test]
fn dark_theme_search_placeholder_and_marked_words_reach_4_5_to_1() {
    let session = open("");
    session.execute("localStorage.setItem('attune-theme', 'dark')", &[]);
    session.navigate(&site::url("search/?q=empathy"));
    assert!(crate::search_results_appear(&session), "results for empathy");
    let ratio = session.execute(
        &format!(
            "{CONTRAST}
             const q = document.getElementById('q');
             const placeholder = contrast(getComputedStyle(q, '::placeholder').color, q);
             const marks = [...document.querySelectorAll('mark')].map(m => contrast(getComputedStyle(m).color, m));
             return [placeholder, marks.length ? Math.min(...marks) : 0];"
        ),
        &[],
    );
    let r: Vec<f64> =
        ratio.as_array().map(|v| v.iter().filter_map(|x| x.as_f64()).collect()).unwrap_or_default();
    assert!(r[0] >= 4.5, "the header search placeholder is {:.2}:1 in dark mode", r[0]);
    assert!(r[1] >= 4.5, "marked words in excerpts are {:.2}:1 in dark mode", r[1]);

    // The header popup's excerpts too (their text is muted).
    let input = session.find("#q");
    input.click();
    input.send_keys("empathy");
    let popup = wait_until("marked words in the popup", Duration::from_secs(5), || {
        let value = session.execute(
            &format!(
                "{CONTRAST}
                 const marks = [...document.querySelectorAll('#q-results mark')];
                 return marks.length ? Math.min(...marks.map(m => contrast(getComputedStyle(m).color, m))) : null;"
            ),
            &[],
        );
        value.as_f64().ok_or_else(|| "no marks yet".to_string())
    });
    assert!(popup >= 4.5, "marked words in the popup are {popup:.2}:1 in dark mode");
}

#[test]
fn search_landmarks_and_table_regions_are_named() {
    let session = open("search/?q=empathy");
    let names = session.accessible_names("[role=search]");
    assert_eq!(names.len(), 2, "the search page has the header's and its own search form");
    assert!(names.iter().all(|n| !n.is_empty()), "every search landmark is named: {names:?}");
    assert_ne!(names[0], names[1], "the two search landmarks have different names");

    session.navigate(&site::url("articles/components/active-listening/"));
    let regions = session.accessible_names(".table-wrap");
    assert!(!regions.is_empty(), "the article has a table");
    assert!(
        regions.iter().all(|n| !n.is_empty()),
        "every table's scroll region is named: {regions:?}"
    );
}

#[test]
fn header_focus_order_matches_its_visual_order_at_phone_width() {
    let session = open("es/");
    session.set_viewport(320, 800);
    session.refresh();
    let order = crate::header_out_of_order(&session);
    assert_eq!(order, serde_json::Value::Null, "header controls at 320 px read out of order");
}

#[test]
fn the_theme_toggle_follows_a_change_of_the_system_scheme() {
    let session = open("");
    let set = |scheme: &str| {
        let media = json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] });
        session.devtools("Emulation.setEmulatedMedia", &media);
    };
    set("light");
    expect_pressed(&session, "false");
    set("dark");
    expect_pressed(&session, "true");
    set("light");
    expect_pressed(&session, "false");
}

#[track_caller]
fn expect_pressed(session: &Session, wanted: &str) {
    wait_until(&format!("aria-pressed={wanted}"), Duration::from_secs(3), || {
        let now = session.find("#theme-toggle").attribute("aria-pressed").unwrap_or_default();
        if now == wanted { Ok(()) } else { Err(now) }
    });
}
