//! Headless-browser tests of the built handbook: accessibility (axe-core), keyboard use, theme,
//! small screens, glossary tooltips, search, reading-path progress and printable packets.
//!
//! This target is `test = false`, so a plain `cargo test` skips it. Run it with
//! `.ci/browser-setup.sh && cargo test --test browser` (the script installs Debian's Chromium,
//! ChromeDriver and poppler-utils, and axe-core under `target/axe`). Missing tools make the tests
//! fail with that hint; they never pass silently.
//!
//! How it fits together:
//! 1. [`site`] builds the bundled handbook once with the real `attune` binary (online and
//!    `--offline`) and serves the online build with [`server`].
//! 2. Each test opens its own [`webdriver::Session`]: a fresh headless Chromium profile, driven
//!    through one shared [`chromedriver`] process.
//! 3. Feature modules assert on the DOM contract of the default templates and theme.
//!
//! Screenshots go to `target/screenshots/<kind>-<width>-<theme>.png`.

mod axe;
mod chromedriver;
mod http;
mod prerequisites;
mod server;
mod site;
#[path = "../it/unzip.rs"]
mod unzip;
mod webdriver;

mod accessibility;
mod audit;
mod export;
mod glossary;
mod languages;
mod layout;
mod map;
mod media;
mod not_found;
mod obsidian;
mod packet;
mod print;
mod progress;
mod quiz;
mod search;
mod skip_link;
mod theme;
mod tooltip;

use std::thread;
use std::time::{Duration, Instant};

use webdriver::Session;

/// One page of every page type of the handbook: (name used in reports, path on the site).
const PAGE_TYPES: [(&str, &str); 25] = [
    ("home", ""),
    ("article", "articles/components/working-alliance/"),
    ("section", "articles/components/"),
    ("glossary", "glossary/"),
    ("path", "paths/new-to-therapy/"),
    ("packet", "paths/new-to-therapy/print/"),
    ("course packet with knowledge checks", "paths/foundations-course/print/"),
    ("answer key", "paths/foundations-course/print/key/"),
    ("paths index", "paths/"),
    ("search with results", "search/?q=theraputic%20aliance"),
    ("tag", "tags/alliance/"),
    ("tags index", "tags/"),
    ("concept map", "map/"),
    ("404", "404.html"),
    ("about", "about/"),
    // The Spanish handbook (issue 23): its pages and the "not translated yet" stand-in.
    ("Spanish home", "es/"),
    ("Spanish article", "es/articles/introduction/for-clients-what-to-expect/"),
    ("Spanish glossary", "es/glossary/"),
    ("Spanish path", "es/paths/new-to-therapy/"),
    ("Spanish packet", "es/paths/new-to-therapy/print/"),
    ("Spanish search with results", "es/search/?q=quiero%20cambiar%20de%20psicologo"),
    ("Spanish getting help", "es/getting-help/"),
    ("Spanish about", "es/about/"),
    ("Spanish not translated yet", "es/articles/components/working-alliance/"),
    ("Spanish 404", "es/404.html"),
];

/// Builds the site if needed, starts a browser and opens `path` on the served site.
#[track_caller]
fn open(path: &str) -> Session {
    // Build (and start the server) before the browser, so no browser idles through a build.
    let url = site::url(path);
    let session = Session::start();
    session.navigate(&url);
    session
}

/// A JavaScript expression naming element `el` like a CSS selector (`a#id.class`), for reports.
const DESCRIBE_EL: &str = "(el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + \
     (typeof el.className === 'string' && el.className.trim() ? \
      '.' + el.className.trim().split(/\\s+/).join('.') : '') : 'nothing')";

/// Presses Tab until `predicate` (a JavaScript expression over the focused element `el` and
/// `arguments`) holds, as a keyboard user would; returns how many presses it took. Panics after
/// `max_tabs`, listing where focus went.
#[track_caller]
fn tab_until(
    session: &Session,
    what: &str,
    predicate: &str,
    args: &[serde_json::Value],
    max_tabs: usize,
) -> usize {
    let script =
        format!("const el = document.activeElement; return ({predicate}) ? true : {DESCRIBE_EL};");
    let mut visited = Vec::new();
    for presses in 1..=max_tabs {
        session.press_keys(webdriver::keys::TAB);
        match session.execute(&script, args) {
            serde_json::Value::Bool(true) => return presses,
            other => visited.push(other.as_str().unwrap_or("?").to_string()),
        }
    }
    panic!(
        "{what} not reached after {max_tabs} Tab presses on {}; focus went: {}",
        session.current_url(),
        visited.join(" -> ")
    );
}

/// The page's `data-theme`, or the palette `prefers-color-scheme` picks when it is unset.
#[track_caller]
/// `attune build --root root --out out`, asserting it succeeded.
fn build_site(root: &std::path::Path, out: &std::path::Path) {
    let build = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .output()
        .expect("run attune build");
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
}

/// axe-core on each of `pages` (opened with `url`) with the reader's choice stored as
/// `theme` from `home`: one line per violation, and one per page shown in the other palette.
fn axe_problems(
    session: &Session,
    url: &dyn Fn(&str) -> String,
    pages: &[&str],
    theme: &str,
) -> Vec<String> {
    session.navigate(&url(""));
    session.execute("localStorage.setItem('attune-theme', arguments[0])", &[theme.into()]);
    let mut problems = Vec::new();
    for page in pages {
        session.navigate(&url(page));
        if effective_theme(session) != theme {
            problems.push(format!("/{page}: not in the {theme} palette"));
        }
        for violation in axe::run(session) {
            problems.push(format!("/{page} ({theme}): {}", violation.describe()));
        }
    }
    problems
}

fn effective_theme(session: &Session) -> String {
    let value = session.execute(
        "return document.documentElement.dataset.theme || \
         (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');",
        &[],
    );
    value.as_str().unwrap_or_default().to_string()
}

/// Waits up to 10 s for the search page's results (rendered after the index loads), so a check
/// sees them; says whether they came. Callers report a missing list and check the page anyway,
/// so a search bug does not hide an accessibility or layout one.
#[track_caller]
fn search_results_appear(session: &Session) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if session.try_find("ol#search-results > li").is_some() {
            return true;
        }
        thread::sleep(Duration::from_millis(100));
    }
    false
}

/// The page's layout shifts not caused by input, watched for `window_ms` from `delay_ms` on:
/// `[total, [[time, element, top before, top after], ...], innerWidth, innerHeight]`, so a
/// failing check says what moved.
fn layout_shifts(session: &Session, delay_ms: u32, window_ms: u32) -> serde_json::Value {
    session.execute_async(
        "const [delay, window_ms, done] = arguments;
         setTimeout(() => {
           let total = 0, moved = [];
           new PerformanceObserver(list => {
             for (const e of list.getEntries()) if (!e.hadRecentInput) {
               total += e.value;
               for (const s of e.sources || []) {
                 const el = s.node && s.node.nodeType === 1 ? s.node : s.node && s.node.parentElement;
                 moved.push([Math.round(e.startTime), el ? el.tagName + '.' + el.className : '?',
                   s.previousRect.top, s.currentRect.top]);
               }
             }
           }).observe({ type: 'layout-shift', buffered: true });
           setTimeout(() => done([total, moved, innerWidth, innerHeight]), window_ms);
         }, delay);",
        &[delay_ms.into(), window_ms.into()],
    )
}

/// The first header control that comes before the previous one in reading order (left to
/// right, then top to bottom) though it follows it in focus order; null when none does.
fn header_out_of_order(session: &Session) -> serde_json::Value {
    session.execute(
        "const items = [...document.querySelectorAll('.header-inner a, .header-inner button, .header-inner input')]
           .filter(el => el.getBoundingClientRect().width > 0);
         const rects = items.map(el => el.getBoundingClientRect());
         for (let i = 1; i < items.length; i++) {
           const a = rects[i - 1], b = rects[i];
           const later = b.top >= a.bottom - 2 || (Math.abs(b.top - a.top) < a.height && b.left >= a.left);
           if (!later) return items[i - 1].outerHTML.slice(0, 80) + ' is after ' + items[i].outerHTML.slice(0, 80);
         }
         return null;",
        &[],
    )
}
