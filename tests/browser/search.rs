//! Search (DESIGN.md section 6): suggestions as you type in the header, typo-tolerant ranking,
//! keyboard operation, shareable `?q=` URLs, and the offline build working from `file://`.

use std::time::Duration;

use serde_json::Value;

use crate::webdriver::{Session, keys, wait_until};
use crate::{open, site};

const TYPO_QUERY: &str = "search/?q=theraputic%20aliance";

/// The visible `#q-results` options as `[option id, target href]` pairs.
const VISIBLE_OPTIONS: &str = "const box = document.getElementById('q-results');
     if (!box) return [];
     const shown = el => { const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
       return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden'; };
     if (!shown(box)) return [];
     return [...box.querySelectorAll('[role=option]')].filter(shown)
       .map(o => [o.id, o.dataset.href ? new URL(o.dataset.href, location.href).href : '']);";

#[test]
fn header_search_suggests_results_as_you_type() {
    let session = open("");
    let input = session.find("form.site-search[role=search] input#q");
    assert_eq!(input.attribute("aria-controls").as_deref(), Some("q-results"));
    input.click();
    input.send_keys("empathy");
    let options = wait_for_options(&session);
    assert!(
        options.iter().any(|(_, href)| href.contains("empathy")),
        "typing \"empathy\" suggests the empathy article or term; got {options:?}"
    );
}

#[test]
fn header_search_works_from_the_keyboard() {
    let session = open("articles/components/working-alliance/");
    session.press_keys("/");
    assert_eq!(session.active_element_id(), "q", "`/` focuses the header search");
    session.press_keys("empathy");
    let options = wait_for_options(&session);

    session.press_keys(keys::ARROW_DOWN);
    let (first_id, first_href) = &options[0];
    let active = session.find("#q").attribute("aria-activedescendant").unwrap_or_default();
    assert!(!first_id.is_empty(), "each [role=option] has an id for aria-activedescendant");
    assert_eq!(&active, first_id, "ArrowDown makes the first option active on #q");

    session.press_keys(keys::ENTER);
    wait_until(&format!("Enter to open {first_href}"), Duration::from_secs(5), || {
        let url = session.current_url();
        if &url == first_href { Ok(()) } else { Err(url) }
    });
}

#[test]
fn search_page_ranks_working_alliance_first_for_a_misspelt_query() {
    let session = open(TYPO_QUERY);
    let results = top_results(&session);

    let typed = session.find("#search-input").property("value");
    assert_eq!(typed, "theraputic aliance", "the query from ?q= fills the search box");
    let status = session.find("#search-status");
    assert_eq!(status.attribute("role").as_deref(), Some("status"));
    assert!(status.attribute("aria-live").is_some(), "#search-status has aria-live");
    let announced = status.text();
    assert!(!announced.trim().is_empty(), "#search-status announces the results");
    for filter in ["#search-audience", "#search-section"] {
        let tag = session.find(filter).property("tagName");
        assert_eq!(tag, "SELECT", "{filter} is a <select>");
    }
    assert!(
        results[0].1.contains("working-alliance"),
        "the working-alliance article ranks first for \"theraputic aliance\"; top results: {results:?}"
    );
}

#[test]
fn search_page_arrow_down_and_enter_open_the_first_result() {
    let session = open(TYPO_QUERY);
    let first = top_results(&session).swap_remove(0).1;
    session.find("#search-input").click();
    session.press_keys(keys::ARROW_DOWN);
    session.press_keys(keys::ENTER);
    wait_until(&format!("ArrowDown, Enter to open {first}"), Duration::from_secs(5), || {
        let url = session.current_url();
        if url == first { Ok(()) } else { Err(url) }
    });
}

#[test]
fn offline_build_searches_from_file_urls() {
    let url = site::file_url("search/index.html?q=theraputic%20aliance");
    let session = Session::start();
    session.navigate(&url);
    let results = top_results(&session);
    for (_, href) in &results {
        assert!(href.starts_with("file://"), "offline result links stay on disk: {href}");
        let path = href.split('#').next().unwrap_or_default();
        assert!(path.ends_with("/index.html"), "offline links end in index.html: {href}");
    }
    assert!(
        results[0].1.contains("working-alliance"),
        "the working-alliance article ranks first offline too; top results: {results:?}"
    );
}

/// Waits for the search page's results and returns the first three as (title, resolved href).
#[track_caller]
fn top_results(session: &Session) -> Vec<(String, String)> {
    wait_until("ol#search-results > li a", Duration::from_secs(10), || {
        let found = session.execute(
            "return [...document.querySelectorAll('ol#search-results > li')].slice(0, 3)
               .map(li => li.querySelector('a')).filter(a => a)
               .map(a => [a.textContent.trim(), a.href]);",
            &[],
        );
        let results = pairs(&found);
        if results.is_empty() {
            let status = session.try_find("#search-status").map(|s| s.text());
            Err(format!("no results; #search-status says {status:?}"))
        } else {
            Ok(results)
        }
    })
}

/// Reads a JSON array of two-string arrays.
fn pairs(value: &Value) -> Vec<(String, String)> {
    let text = |pair: &Value, i: usize| pair[i].as_str().unwrap_or_default().to_string();
    value
        .as_array()
        .map(|list| list.iter().map(|pair| (text(pair, 0), text(pair, 1))).collect())
        .unwrap_or_default()
}

/// Waits for visible suggestions under the header search: (option id, link href) pairs.
#[track_caller]
fn wait_for_options(session: &Session) -> Vec<(String, String)> {
    wait_until("suggestions in #q-results", Duration::from_secs(5), || {
        let options = pairs(&session.execute(VISIBLE_OPTIONS, &[]));
        if options.is_empty() { Err("no visible [role=option]".to_string()) } else { Ok(options) }
    })
}

/// A generated site whose index is sharded (its site.yaml lowers the threshold), built
/// `--offline` so the shards load from `file://` as they would from a USB stick.
fn sharded_site() -> &'static std::path::Path {
    static SITE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-sharded");
        let _ = std::fs::remove_dir_all(&root);
        let articles = root.join("content/articles/general");
        std::fs::create_dir_all(&articles).expect("create the site");
        std::fs::write(
            root.join("content/site.yaml"),
            "title: Sharded\nsearch:\n  shard_threshold_docs: 50\n",
        )
        .expect("write site.yaml");
        const WORDS: [&str; 24] = [
            "harbour", "lantern", "meadow", "orbit", "pepper", "quarry", "ribbon", "saddle",
            "timber", "umbrella", "velvet", "walnut", "anchor", "basket", "candle", "desert",
            "engine", "falcon", "garden", "helmet", "island", "jacket", "kettle", "ladder",
        ];
        let mut seed: u64 = 7;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        for i in 0..120 {
            let title = format!("{} {} notes {i}", WORDS[next(24)], WORDS[next(24)]);
            let body: Vec<&str> = (0..80).map(|_| WORDS[next(24)]).collect();
            let text = format!("---\ntitle: \"{title}\"\nsummary: \"About {}.\"\n---\n\n{}.\n", WORDS[i % 24], body.join(" "));
            std::fs::write(articles.join(format!("a{i:03}.md")), text).expect("write an article");
        }
        std::fs::write(
            articles.join("zephyrine.md"),
            "---\ntitle: \"Zephyrine harbour practice\"\nsummary: \"The one article about zephyrine.\"\n---\n\nZephyrine is rare.\n",
        )
        .expect("write the target article");
        let out = root.join("public");
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
            .arg("build")
            .arg("--root")
            .arg(&root)
            .arg("--out")
            .arg(&out)
            .arg("--offline")
            .status()
            .expect("run attune");
        assert!(status.success(), "the sharded site builds");
        root
    })
}

/// The site-relative URL of a result link in the offline build.
fn site_path(href: &str, public: &std::path::Path) -> String {
    let prefix = format!("file://{}/", public.display());
    let path = href.split('#').next().unwrap_or_default();
    path.strip_prefix(&prefix).unwrap_or(path).trim_end_matches("index.html").to_string()
}

#[test]
fn sharded_index_from_file_urls_ranks_like_the_rust_query() {
    use attune::search::site::{site_documents, site_options};
    use attune::search::{QueryOptions, build_index, query};

    let root = sharded_site();
    let public = root.join("public");
    let names: Vec<String> = std::fs::read_dir(public.join("search"))
        .expect("search folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let count =
        |prefix: char| names.iter().filter(|n| n.starts_with(prefix) && n.ends_with(".js")).count();
    assert!(
        count('v') >= 1 && count('p') >= 1 && count('d') > 1,
        "the index is split into vocabulary, postings and document chunks: {names:?}"
    );

    let analysis = attune::analyse(&attune::BuildOptions::new(root)).expect("analyse");
    let index = build_index(&site_documents(&analysis), &site_options(&analysis));
    let session = Session::start();
    // Exact, one-edit typo and two words, as a `?q=` link submits them (whole).
    for q in ["zephyrine", "zephyrene", "walnut kettle"] {
        let expected: Vec<String> =
            query(&index, q, &QueryOptions { limit: 3, complete: true, ..QueryOptions::default() })
                .into_iter()
                .map(|hit| hit.url)
                .collect();
        session.navigate(&format!(
            "file://{}/search/index.html?q={}",
            public.display(),
            q.replace(' ', "%20")
        ));
        let found: Vec<String> =
            top_results(&session).iter().map(|(_, href)| site_path(href, &public)).collect();
        assert_eq!(found, expected, "browser and Rust agree on the top results for {q:?}");
        if q.starts_with("zephyr") {
            assert_eq!(found[0], "articles/general/zephyrine/", "{q:?} finds the article");
        }
    }
    // A prefix, while the word is being typed into the search box.
    session.navigate(&format!("file://{}/search/index.html", public.display()));
    session.find("#search-input").click();
    session.find("#search-input").send_keys("zephyr");
    let expected: Vec<String> =
        query(&index, "zephyr", &QueryOptions { limit: 3, ..QueryOptions::default() })
            .into_iter()
            .map(|hit| hit.url)
            .collect();
    let found: Vec<String> =
        top_results(&session).iter().map(|(_, href)| site_path(href, &public)).collect();
    assert_eq!(found, expected, "browser and Rust agree on the typed prefix");
    assert_eq!(found[0], "articles/general/zephyrine/", "the prefix finds the article");
}

/// Crisis wording, misspellings included, as a reader would type or link it.
const CRISIS_PHRASINGS: [&str; 10] = [
    "i want to kill myself",
    "sucide",
    "suicidal thoughts",
    "how to end it all",
    "i dont want to be alive anymore",
    "self-harm",
    "i want to hurt myself",
    "took too many pills",
    "my partner hits me",
    "kill my self",
];

/// Waits for the search page's crisis notice and returns (its text, the first result's href).
#[track_caller]
fn crisis_notice_and_first(session: &Session) -> (String, String) {
    wait_until("#search-crisis .search-crisis and results", Duration::from_secs(10), || {
        let found = session.execute(
            "const n = document.querySelector('#search-crisis .search-crisis');
             const a = document.querySelector('ol#search-results > li a');
             return n && a ? [n.textContent, a.href] : null;",
            &[],
        );
        match found.as_array() {
            Some(pair) => Ok((
                pair[0].as_str().unwrap_or_default().to_string(),
                pair[1].as_str().unwrap_or_default().to_string(),
            )),
            None => Err(format!(
                "no notice; status {:?}",
                session.try_find("#search-status").map(|s| s.text())
            )),
        }
    })
}

#[track_caller]
fn assert_crisis_page(session: &Session, q: &str) {
    let (notice, first) = crisis_notice_and_first(session);
    assert!(notice.contains("emergency services"), "{q:?}: the help notice is shown: {notice:?}");
    assert!(first.contains("getting-help"), "{q:?}: the help page is first, got {first}");
}

#[test]
fn crisis_wording_shows_the_help_notice_and_page_first_on_the_search_page() {
    let session = Session::start();
    for q in CRISIS_PHRASINGS {
        session.navigate(&site::url(&format!("search/?q={}", q.replace(' ', "%20"))));
        assert_crisis_page(&session, q);
    }
}

#[test]
fn crisis_wording_shows_the_help_notice_from_file_urls() {
    let session = Session::start();
    for q in CRISIS_PHRASINGS {
        session
            .navigate(&site::file_url(&format!("search/index.html?q={}", q.replace(' ', "%20"))));
        assert_crisis_page(&session, q);
    }
}

/// Types `q` into the header search and waits for the popup's notice and first option.
#[track_caller]
fn popup_crisis(session: &Session, q: &str) {
    let input = session.find("#q");
    input.click();
    session.execute("document.getElementById('q').value = '';", &[]);
    input.send_keys(q);
    let (notice, first) =
        wait_until("a crisis notice in #q-results", Duration::from_secs(5), || {
            let found = session.execute(
                "const box = document.querySelector('.search-popup');
             const n = box && box.querySelector('.search-crisis');
             const o = box && box.querySelector('[role=option]');
             return n && o && !box.hidden ? [n.textContent, o.dataset.href] : null;",
                &[],
            );
            match found.as_array() {
                Some(p) => Ok((
                    p[0].as_str().unwrap_or_default().to_string(),
                    p[1].as_str().unwrap_or_default().to_string(),
                )),
                None => Err("no notice yet".to_string()),
            }
        });
    assert!(notice.contains("emergency services"), "{q:?}: {notice:?}");
    assert!(first.contains("getting-help"), "{q:?}: first option {first}");
}

#[test]
fn crisis_wording_typed_in_the_header_shows_the_notice_in_the_popup() {
    let session = open("");
    for q in ["sucide", "i want to kill myself", "self harm", "overdose"] {
        popup_crisis(&session, q);
    }
    let offline = Session::start();
    offline.navigate(&site::file_url("index.html"));
    popup_crisis(&offline, "i want to die");
}

#[test]
fn a_common_word_the_site_lacks_is_not_corrected_and_no_page_is_empty() {
    let session = open("search/?q=kill");
    let status = wait_until("#search-status", Duration::from_secs(10), || {
        let text = session.find("#search-status").text();
        if text.trim().is_empty() { Err("empty status".to_string()) } else { Ok(text) }
    });
    let marks: Vec<String> = session
        .find_all("ol#search-results mark")
        .iter()
        .map(|m| m.text().to_lowercase())
        .collect();
    assert!(!marks.iter().any(|m| m.contains("skill")), "\"kill\" became \"skill\": {marks:?}");
    assert!(status.contains("kill"), "the status names the query: {status:?}");
    // No dead end: suggestions from the glossary, the reading paths and the help page.
    let links =
        wait_until("suggestions for a query without results", Duration::from_secs(10), || {
            let found = session.execute(
            "return [...document.querySelectorAll('.search-fallback-results a')].map(a => a.href);",
            &[],
        );
            let links: Vec<String> = found
                .as_array()
                .map(|l| l.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            if links.is_empty() { Err("no suggestions".to_string()) } else { Ok(links) }
        });
    assert!(links.iter().any(|l| l.contains("glossary/#")), "glossary terms: {links:?}");
    assert!(links.iter().any(|l| l.contains("paths/")), "reading paths: {links:?}");
    assert!(links.iter().any(|l| l.contains("getting-help")), "the help page: {links:?}");
}

/// The Spanish fixture (`tests/fixtures/search/spanish`, `language: es`), built `--offline`
/// once into the test folder; returns its `public/`.
fn spanish_site() -> &'static std::path::Path {
    static SITE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/spanish");
        let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-spanish");
        let _ = std::fs::remove_dir_all(&out);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_attune"))
            .arg("build")
            .arg("--root")
            .arg(&root)
            .arg("--out")
            .arg(&out)
            .arg("--offline")
            .status()
            .expect("run attune build");
        assert!(status.success(), "the Spanish fixture builds");
        out
    })
}

#[test]
fn spanish_search_page_finds_inflected_forms_typed_without_accents() {
    let public = spanish_site();
    let session = Session::start();
    // A plural without its accents ("relaciones terapéuticas" typed plainly) and a verb for a
    // noun ("confiar" for "confianza"), as a `?q=` link submits them.
    for (q, page) in [
        ("relaciones%20terapeuticas", "relacion-terapeutica"),
        ("sesiones", "primera-sesion"),
        ("confiar", "confianza"),
    ] {
        session.navigate(&format!("file://{}/search/index.html?q={q}", public.display()));
        let results = top_results(&session);
        assert!(
            results[0].1.contains(page),
            "{q} finds the {page} page first; top results: {results:?}"
        );
    }
}

/// The Spanish handbook's search page (issue 23): lay words typed without accents find their
/// pages, and crisis wording shows the Spanish help notice with the help page first.
#[test]
fn spanish_handbook_search_finds_lay_queries_and_crisis_wording() {
    let session = Session::start();
    for (q, slug) in [
        ("quiero%20cambiar%20de%20psicologo", "when-to-refer"),
        ("regalo%20para%20mi%20terapeuta", "professional-boundaries"),
        ("me%20enamore%20de%20mi%20psicologo", "therapy-is-not-friendship"),
        ("confidencialida", "confidentiality-and-its-limits"),
    ] {
        session.navigate(&site::url(&format!("es/search/?q={q}")));
        let results = top_results(&session);
        assert!(
            results.iter().take(3).any(|(_, href)| href.contains(slug) && href.contains("/es/")),
            "{q}: {slug} in Spanish in the top 3: {results:?}"
        );
    }
    for q in ["quiero%20morirme", "me%20quiero%20suicidar", "pienso%20en%20hacerme%20dano"] {
        session.navigate(&site::url(&format!("es/search/?q={q}")));
        let (notice, first) = crisis_notice_and_first(&session);
        assert!(
            notice.contains("servicios de emergencia"),
            "{q}: the Spanish help notice: {notice:?}"
        );
        assert!(
            first.contains("/es/getting-help"),
            "{q}: the Spanish help page first, got {first}"
        );
    }
}

#[test]
fn tab_from_open_suggestions_reaches_the_next_control() {
    let session = open("articles/components/working-alliance/");
    let input = session.find("#q");
    input.click();
    input.send_keys("alliance");
    wait_for_options(&session);
    // Scroll the list, as a reader looking through it would.
    session.execute("document.querySelector('.search-popup').scrollTop = 40", &[]);
    session.press_keys(keys::TAB);
    let landed = session.execute(
        "const el = document.activeElement, q = document.getElementById('q');
         const after = q.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
         return [el.tagName, el.id, el.className, !!after, !!el.closest('.search-popup')];",
        &[],
    );
    let l = landed.as_array().cloned().unwrap_or_default();
    assert!(
        l[0] != "BODY" && l[3] == true && l[4] == false,
        "Tab from #q with suggestions open moves to the next control after it, not the body \
         or the list; focus is on {landed}"
    );
}

#[test]
fn suggestions_are_named_by_title_described_by_excerpt_and_hold_no_links() {
    let session = open("");
    let input = session.find("#q");
    input.click();
    input.send_keys("empathy");
    wait_for_options(&session);
    let nested = session.execute(
        "return document.querySelectorAll('#q-results [role=option] a, #q-results [role=option] button').length",
        &[],
    );
    assert_eq!(nested, 0, "no link or button inside an option (nested interactive)");
    let names = session.accessible_names("#q-results [role=option]");
    let titles = session.execute(
        "return [...document.querySelectorAll('#q-results [role=option]')].map(o => {
           const d = document.getElementById(o.getAttribute('aria-describedby') || '');
           return [o.querySelector('.search-option-title').textContent, d ? d.textContent : ''];
         });",
        &[],
    );
    let titles = titles.as_array().cloned().unwrap_or_default();
    assert_eq!(names.len(), titles.len());
    for (name, pair) in names.iter().zip(&titles) {
        assert_eq!(name, &pair[0], "an option is named by its title alone");
        assert!(name.chars().count() < 100, "option name {name:?} is short");
        assert!(
            !pair[1].as_str().unwrap_or_default().is_empty(),
            "{name:?} is described by its excerpt"
        );
    }
}

/// Counts what a live region says: every non-empty text it takes, recorded in
/// `window.__said` (a list) by a MutationObserver.
const RECORD_LIVE: &str = "const live = document.querySelector(arguments[0]);
     window.__said = [];
     if (window.__saidObserver) window.__saidObserver.disconnect();
     window.__saidObserver = new MutationObserver(() => {
       const t = live.textContent.trim(); if (t) window.__said.push(t); });
     window.__saidObserver.observe(live, { childList: true, characterData: true, subtree: true });";

/// Types `text` into the focused control in pieces, pausing between them as a slow typist.
fn type_slowly(session: &Session, text: &str) {
    for piece in text.as_bytes().chunks(3) {
        session.press_keys(std::str::from_utf8(piece).unwrap_or_default());
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// What the recorded live region said, once it has been quiet.
fn said(session: &Session) -> Vec<String> {
    std::thread::sleep(Duration::from_millis(1500));
    let value = session.execute("return window.__said", &[]);
    value
        .as_array()
        .map(|l| l.iter().map(|v| v.as_str().unwrap_or_default().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn header_search_announces_counts_and_no_results_once_through_a_live_region() {
    let session = open("");
    let input = session.find("#q");
    input.click();
    wait_until("the search script", Duration::from_secs(5), || {
        if session.try_find("#q-status").is_some() { Ok(()) } else { Err("no #q-status".into()) }
    });
    let outside = session.execute(
        "const s = document.getElementById('q-status');
         return s.getAttribute('role') === 'status' && !s.closest('[role=listbox]');",
        &[],
    );
    assert_eq!(outside, true, "#q-status is a status region outside the listbox");

    session.execute(RECORD_LIVE, &["#q-status".into()]);
    type_slowly(&session, "empathy");
    let counts = said(&session);
    assert_eq!(
        counts.len(),
        1,
        "one announcement for one typed query, not one per keystroke: {counts:?}"
    );
    assert!(counts[0].contains("empathy"), "{counts:?}");

    session.execute("document.getElementById('q').value = ''", &[]);
    session.execute(RECORD_LIVE, &["#q-status".into()]);
    type_slowly(&session, "zzqxv");
    let empty = said(&session);
    assert_eq!(empty.len(), 1, "one announcement of no results: {empty:?}");
    assert!(empty[0].starts_with("No results"), "no results are announced: {empty:?}");
    let inside = session.execute(
        "return [...document.querySelectorAll('[role=listbox]')].some(l => /No results/.test(l.textContent))",
        &[],
    );
    assert_eq!(inside, false, "\"No results\" is not inside the listbox");
}

#[test]
fn search_page_announces_typing_once_and_filter_changes() {
    let session = open("search/");
    let input = session.find("#search-input");
    input.click();
    session.execute(RECORD_LIVE, &["#search-status".into()]);
    type_slowly(&session, "alliance");
    let typed = said(&session);
    assert_eq!(typed.len(), 1, "one announcement for one typed query: {typed:?}");

    session.execute(RECORD_LIVE, &["#search-status".into()]);
    session.execute(
        "const s = document.getElementById('search-audience'); s.selectedIndex = 1;
         s.dispatchEvent(new Event('change'));",
        &[],
    );
    let filtered = said(&session);
    assert_eq!(filtered.len(), 1, "a filter change is announced once: {filtered:?}");
}

#[test]
fn show_more_results_moves_focus_to_the_first_new_result() {
    let session = open("search/?q=therapy");
    assert!(crate::search_results_appear(&session), "results for \"therapy\"");
    let button = wait_until("a Show more results button", Duration::from_secs(5), || {
        session.try_find("li.search-more button").ok_or_else(|| "none".to_string())
    });
    session.execute("arguments[0].focus()", &[button.to_arg()]);
    session.press_keys(keys::ENTER);
    wait_until("focus on result 21", Duration::from_secs(5), || {
        let at = session.execute(
            "return [...document.querySelectorAll('a.search-result-link')].indexOf(document.activeElement)",
            &[],
        );
        if at == 20 { Ok(()) } else { Err(format!("focus on result index {at}")) }
    });
}

#[test]
fn the_slash_shortcut_can_be_turned_off() {
    let session = open("search/");
    let setting = session.find("#slash-shortcut");
    assert_eq!(setting.property("checked"), true, "the `/` shortcut is on by default");
    setting.click();
    session.navigate(&site::url("articles/components/working-alliance/"));
    session.press_keys("/");
    assert_ne!(session.active_element_id(), "q", "`/` no longer moves focus once turned off");
}

/// Each search-page result as `{title, href, marks, meta, definition, excerpt}`: `marks` are the
/// marked words of its title, definition and excerpt; `meta` its labels (where it sits and
/// who it is written for), as shown.
const RESULTS: &str = "return [...document.querySelectorAll('ol#search-results > li.search-result')].map(li => ({
       title: li.querySelector('a.search-result-link').textContent,
       href: li.querySelector('a.search-result-link').href,
       marks: [...li.querySelectorAll('a.search-result-link mark, .definition mark, .excerpt mark, .result-mentions mark')].map(m => m.textContent),
       meta: [...li.querySelectorAll('.result-meta .result-where, .result-meta .badge')].map(b => b.textContent.trim()),
       definition: (li.querySelector('.definition') || {}).textContent || null,
       excerpt: (li.querySelector('.excerpt') || {}).textContent || null }));";

/// The search page's results for `q` (see [`RESULTS`]), once they are drawn.
#[track_caller]
fn results_for(session: &Session, q: &str) -> Vec<Value> {
    session.navigate(&site::url(&format!("search/?q={q}")));
    assert!(crate::search_results_appear(session), "results for {q:?}");
    session.execute(RESULTS, &[]).as_array().cloned().unwrap_or_default()
}

#[test]
fn each_result_shows_why_it_matched_without_repeating_a_label() {
    let session = Session::start();
    let results = results_for(&session, "trust");
    assert!(results.len() >= 5, "several results for \"trust\": {results:?}");
    for r in &results {
        let marks = r["marks"].as_array().cloned().unwrap_or_default();
        assert!(!marks.is_empty(), "a result marks the words it matched: {r}");
        assert!(
            marks.iter().all(|m| m
                .as_str()
                .unwrap_or_default()
                .to_lowercase()
                .starts_with("trust")),
            "only forms of \"trust\" are marked: {r}"
        );
        let meta: Vec<String> = r["meta"]
            .as_array()
            .map(|m| m.iter().map(|l| l.as_str().unwrap_or_default().to_lowercase()).collect())
            .unwrap_or_default();
        let mut distinct = meta.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), meta.len(), "no label twice in one result: {r}");
    }
    // A glossary hit shows its definition: the entry's short definition on the glossary page.
    let term = results
        .iter()
        .find(|r| r["href"].as_str().unwrap_or_default().ends_with("glossary/#trust"))
        .unwrap_or_else(|| panic!("the glossary entry \"Trust\" is a result: {results:?}"))
        .clone();
    session.navigate(&site::url("glossary/"));
    let short = session.execute("return document.querySelector('#trust .short').textContent", &[]);
    assert_eq!(term["definition"], short, "the term's result shows its definition: {term}");
    assert_eq!(
        term["meta"],
        serde_json::json!(["Glossary"]),
        "one label, not \"Glossary Glossary\""
    );
}

#[test]
fn audiences_are_written_the_same_on_an_article_and_in_search_results() {
    let session = open("articles/components/working-alliance/");
    let badges = session.execute(
        "return [...document.querySelectorAll('main .badges .badge')].map(b => b.textContent.trim())",
        &[],
    );
    assert!(badges.as_array().is_some_and(|b| !b.is_empty()), "the article names its audiences");
    let results = results_for(&session, "working%20alliance");
    let article = results
        .iter()
        .find(|r| r["href"].as_str().unwrap_or_default().contains("components/working-alliance"))
        .unwrap_or_else(|| panic!("the article is a result: {results:?}"));
    let shown: Vec<Value> = article["meta"].as_array().cloned().unwrap_or_default();
    for badge in badges.as_array().into_iter().flatten() {
        assert!(shown.contains(badge), "the result writes {badge} as the article does: {article}");
    }
    let options = session.execute(
        "return [...document.querySelectorAll('#search-audience option')].filter(o => o.value).map(o => o.textContent)",
        &[],
    );
    for badge in badges.as_array().into_iter().flatten() {
        let listed = options.as_array().is_some_and(|o| o.contains(badge));
        assert!(listed, "the audience filter writes {badge} as the article does: {options}");
    }
}

#[test]
fn on_a_phone_each_search_filter_label_is_on_its_controls_line() {
    let session = Session::start();
    session.set_viewport(390, 844);
    session.navigate(&site::url("search/?q=trust"));
    let apart = session.execute(
        "return [...document.querySelectorAll('.filters label')].filter(label => {
           const control = document.getElementById(label.htmlFor);
           const l = label.getBoundingClientRect(), c = control.getBoundingClientRect();
           const middle = l.top + l.height / 2;
           return !(middle > c.top && middle < c.bottom && l.right <= c.left);
         }).map(label => label.textContent);",
        &[],
    );
    assert_eq!(apart, serde_json::json!([]), "labels not beside their controls at 390 px");
}

#[test]
fn results_arriving_do_not_move_the_page() {
    let session = Session::start();
    session.set_viewport(390, 844);
    // A first load lets the new window size settle: a resize that lands during the measured
    // load would reflow the header and count as a shift the reader never sees.
    session.navigate(&site::url("search/?q=trust"));
    session.navigate(&site::url("search/?q=trust"));
    assert!(crate::search_results_appear(&session), "results for \"trust\"");
    let shifts = crate::layout_shifts(&session, 500, 200);
    let total = shifts[0].as_f64().unwrap_or(f64::MAX);
    assert!(total < 0.1, "layout shift while the results arrived: {shifts}");
}
