//! Search (DESIGN.md section 6): suggestions as you type in the header, typo-tolerant ranking,
//! keyboard operation, shareable `?q=` URLs, and the offline build working from `file://`.

use std::time::Duration;

use serde_json::Value;

use crate::webdriver::{Session, keys, wait_until};
use crate::{open, site};

const TYPO_QUERY: &str = "search/?q=theraputic%20aliance";

/// The visible `#q-results` options as `[option id, link href]` pairs.
const VISIBLE_OPTIONS: &str = "const box = document.getElementById('q-results');
     if (!box) return [];
     const shown = el => { const r = el.getBoundingClientRect(); const cs = getComputedStyle(el);
       return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden'; };
     if (!shown(box)) return [];
     return [...box.querySelectorAll('[role=option]')].filter(shown)
       .map(o => { const a = o.querySelector('a'); return [o.id, a ? a.href : '']; });";

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
    // Exact, one-edit typo, and a prefix (the word being typed).
    for q in ["zephyrine", "zephyrene", "zephyr", "walnut kettle"] {
        let expected: Vec<String> =
            query(&index, q, &QueryOptions { limit: 3, ..QueryOptions::default() })
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
}
