//! `attune serve`: pages served from the output folder only, live reload after an edit, the
//! error overlay's payload for a broken edit (with the last good page still served), and
//! incremental rebuilds that give byte-identical output to a full build.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use attune::BuildOptions;
use attune::serve::incremental::{Plan, Session};

use crate::support::TestSite;

fn site() -> TestSite {
    TestSite::with_files(
        "serve",
        &[
            ("index.md", "---\ntitle: Home\nsummary: The home page.\n---\n\nWelcome.\n"),
            (
                "articles/basics/alpha.md",
                "---\ntitle: Alpha\nsummary: First.\naudience: [clients]\ntags: [one]\n---\n\nAlpha text links to [[beta]].\n\n## Part\n\nMore alpha.\n",
            ),
            (
                "articles/basics/beta.md",
                "---\ntitle: Beta\nsummary: Second.\naudience: [students]\ntags: [two]\n---\n\nBeta text about the alliance.\n",
            ),
            (
                "articles/other/gamma.md",
                "---\ntitle: Gamma\nsummary: Third.\n---\n\nGamma links to [[alpha#part]].\n",
            ),
            (
                "glossary/alliance.md",
                "---\nterm: Alliance\nshort: A working partnership.\n---\n\nThe alliance.\n",
            ),
            (
                "paths/start.md",
                "---\ntitle: Start\nsummary: Begin here.\nsteps:\n  - article: alpha\n    note: First.\n  - article: beta\n    note: Second.\n---\n\nIntro.\n",
            ),
        ],
    )
}

/// A running `attune serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &TestSite) -> Server {
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    let port = free.local_addr().expect("address").port();
    drop(free);
    let mut child = Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(["serve", "--port", &port.to_string()])
        .current_dir(&site.root)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start attune serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("a first line").expect("utf-8");
    let port = first
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("first line names the URL: {first}"));
    // Wait for the first build to finish ("built N pages").
    for line in lines.by_ref() {
        if line.expect("utf-8").starts_with("built") {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    Server { child, port }
}

/// A raw HTTP/1.0 GET, so the path is sent exactly as written (no client-side normalising).
fn get(port: u16, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    let status = response.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let content_type = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-type: ").map(str::to_string))
        .unwrap_or_default();
    (status, content_type, body.to_string())
}

/// Opens the event stream and returns a reader positioned after the response headers.
fn events(port: u16) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    write!(stream, "GET /__attune/events HTTP/1.1\r\nHost: localhost\r\n\r\n").expect("send");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while reader.read_line(&mut line).expect("header line") > 0 {
        if line == "\r\n" {
            break;
        }
        line.clear();
    }
    reader
}

/// Reads events until one named `name`; returns its data line.
fn next_event(reader: &mut BufReader<TcpStream>, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut current = String::new();
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            continue;
        }
        let trimmed = line.trim();
        if let Some(event) = trimmed.strip_prefix("event: ") {
            current = event.to_string();
        } else if let Some(data) = trimmed.strip_prefix("data: ") {
            if current == name {
                return data.to_string();
            }
        }
    }
    panic!("no `{name}` event within 20 s");
}

#[test]
fn serves_pages_with_content_types_and_reload_script() {
    let site = site();
    let server = start(&site);
    let (status, content_type, body) = get(server.port, "/articles/basics/alpha/");
    assert_eq!(status, 200);
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(body.contains("<h1>Alpha</h1>"), "{body}");
    assert!(body.contains("/__attune/reload.js"), "serve injects the reload script");
    let (status, content_type, _) = get(server.port, "/theme/style.css");
    assert_eq!((status, content_type.as_str()), (200, "text/css; charset=utf-8"));
    let (status, _, body) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's 404 page is served");
    // `attune build` output never carries the reload script.
    site.build();
    assert!(!site.output("articles/basics/alpha/index.html").contains("__attune"));
}

#[test]
fn refuses_path_traversal() {
    let site = site();
    site.write("secret.txt", "top secret");
    let server = start(&site);
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/articles/%2e%2e/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "//etc/passwd",
    ] {
        let (status, _, body) = get(server.port, path);
        assert!(status == 404 || status == 403 || status == 400, "{path} gave {status}");
        assert!(!body.contains("top secret") && !body.contains("root:"), "{path} leaked a file");
    }
}

#[test]
fn edit_sends_reload_and_serves_new_content() {
    let site = site();
    let server = start(&site);
    let mut stream = events(server.port);
    site.change_file("content/articles/basics/alpha.md", "More alpha.", "Freshly edited words.");
    next_event(&mut stream, "reload");
    let (_, _, body) = get(server.port, "/articles/basics/alpha/");
    assert!(body.contains("Freshly edited words."), "{body}");
}

#[test]
fn broken_edit_shows_errors_keeps_last_good_page_and_fix_clears_them() {
    let site = site();
    let server = start(&site);
    let mut stream = events(server.port);
    site.change_file("content/articles/basics/alpha.md", "[[beta]]", "[[betta]]");
    let payload = next_event(&mut stream, "errors");
    let errors: serde_json::Value = serde_json::from_str(&payload).expect("errors are JSON");
    let first = &errors[0];
    assert_eq!(first["code"], "broken-link");
    assert_eq!(first["file"], "content/articles/basics/alpha.md");
    assert_eq!(first["line"], 8);
    assert_eq!(first["column"], 21);
    assert_eq!(first["help"], "did you mean `beta`?");
    assert!(first["text"].as_str().unwrap_or("").contains("^^^^^^^^^"), "{first}");
    let (_, _, status) = get(server.port, "/__attune/status");
    assert!(status.contains("broken-link"), "{status}");
    let (_, _, body) = get(server.port, "/articles/basics/alpha/");
    assert!(
        body.contains("href=\"../../../articles/basics/beta/\""),
        "the last good page is still served"
    );

    site.change_file("content/articles/basics/alpha.md", "[[betta]]", "[[beta]]");
    next_event(&mut stream, "reload");
    let (_, _, status) = get(server.port, "/__attune/status");
    assert!(status.contains("\"errors\":null"), "{status}");
}

/// Every file of a folder with its bytes.
pub(crate) fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative =
                    path.strip_prefix(dir).expect("inside").to_string_lossy().into_owned();
                if relative != ".attune-build" {
                    files.insert(relative, std::fs::read(&path).expect("read file"));
                }
            }
        }
    }
    files
}

#[track_caller]
pub(crate) fn assert_same_site(incremental: &Path, full: &Path) {
    let (a, b) = (snapshot(incremental), snapshot(full));
    let names_a: Vec<&String> = a.keys().collect();
    let names_b: Vec<&String> = b.keys().collect();
    assert_eq!(names_a, names_b, "same files");
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between the incremental and the full build");
    }
}

#[test]
fn incremental_rebuilds_match_a_full_build() {
    let site = site();
    let mut options = BuildOptions::new(&site.root);
    options.out = site.root.join("serve-out");
    let (mut session, _) = Session::start(options.clone()).expect("first build");
    let alpha = site.root.join("content/articles/basics/alpha.md");
    let beta = site.root.join("content/articles/basics/beta.md");
    let edits: &[(&Path, &str, &str)] = &[
        (&alpha, "More alpha.", "More alpha, now about the alliance."),
        (&alpha, "links to [[beta]].", "no longer links anywhere."),
        (&beta, "Beta text", "Beta links to [[gamma]] and its text"),
        (&alpha, "summary: First.", "summary: A new summary."),
        (&beta, "tags: [two]", "tags: [two, three]"),
        (&alpha, "## Part", "## Section renamed"),
    ];
    for (step, (path, from, to)) in edits.iter().enumerate() {
        let text = std::fs::read_to_string(path).expect("read");
        assert!(text.contains(from), "step {step}: {from}");
        std::fs::write(path, text.replacen(from, to, 1)).expect("write");
        let changed = [path.to_path_buf()].into_iter().collect();
        let plan = session.plan(&changed);
        assert!(
            matches!(plan, Plan::Articles(_)),
            "step {step}: an article edit is incremental, got {plan:?}"
        );
        let result = session.rebuild(&plan);
        if step == 5 {
            // Renaming the heading breaks gamma's `[[alpha#part]]`: an error, nothing written.
            let error = result.expect_err("broken anchor");
            assert!(error.to_string().contains("1 error"), "{error}");
            site.change_file(
                "content/articles/other/gamma.md",
                "[[alpha#part]]",
                "[[alpha#section-renamed]]",
            );
            let changed = [site.root.join("content/articles/other/gamma.md")].into_iter().collect();
            let plan = session.plan(&changed);
            assert_eq!(plan, Plan::Full, "after a failure the next rebuild starts from scratch");
            session.rebuild(&plan).expect("fixed");
        } else {
            let rebuilt = result.expect("rebuild").expect("something rebuilt");
            assert!(!rebuilt.full, "step {step} was incremental");
            session.update_search().expect("search index");
        }
        let mut full = options.clone();
        full.out = site.root.join(format!("full-{step}"));
        attune::build(&full).expect("full build");
        assert_same_site(&options.out, &full.out);
    }
}

#[test]
fn new_and_deleted_files_take_the_full_route() {
    let site = site();
    let mut options = BuildOptions::new(&site.root);
    options.out = site.root.join("serve-out");
    let (mut session, _) = Session::start(options.clone()).expect("first build");
    site.write(
        "content/articles/basics/delta.md",
        "---\ntitle: Delta\nsummary: New.\n---\n\nDelta links to [[alpha]].\n",
    );
    let changed = [site.root.join("content/articles/basics/delta.md")].into_iter().collect();
    let plan = session.plan(&changed);
    assert_eq!(plan, Plan::Full);
    session.rebuild(&plan).expect("rebuild");
    assert!(options.out.join("articles/basics/delta/index.html").is_file());
    std::fs::remove_file(site.root.join("content/articles/basics/delta.md")).expect("delete");
    let changed = [site.root.join("content/articles/basics/delta.md")].into_iter().collect();
    session.rebuild(&session.plan(&changed)).expect("rebuild");
    assert!(
        !options.out.join("articles/basics/delta/index.html").exists(),
        "a deleted article's page goes"
    );
    let mut full = options.clone();
    full.out = site.root.join("full");
    attune::build(&full).expect("full build");
    assert_same_site(&options.out, &full.out);
}

/// One edit an author makes between two saves.
#[derive(Debug, Clone, Copy)]
enum Edit {
    Body(u8),
    Summary(u8),
    Title(u8),
    Tags(u8),
    NewArticle,
    DeleteNewArticle,
    StaticFile,
    GlossaryEntry,
    PathSteps,
    DraftToggle,
}

const ARTICLES: [&str; 3] =
    ["articles/basics/alpha.md", "articles/basics/beta.md", "articles/other/gamma.md"];

/// Applies `edit` to the site's files; returns the paths it touched (the watcher's view).
fn apply(site: &TestSite, edit: Edit, step: usize) -> Vec<std::path::PathBuf> {
    let content = site.root.join("content");
    let replace = |relative: &str, change: &dyn Fn(&str) -> String| {
        let path = content.join(relative);
        let text = std::fs::read_to_string(&path).expect("read");
        std::fs::write(&path, change(&text)).expect("write");
        path
    };
    let article = |n: u8| ARTICLES[usize::from(n) % ARTICLES.len()];
    match edit {
        Edit::Body(n) => vec![replace(article(n), &|t| {
            format!("{t}\nStep {step} adds a line about the alliance and [[alpha]].\n")
        })],
        Edit::Summary(n) => vec![replace(article(n), &|t| {
            let (head, rest) = t.split_once("summary: ").expect("summary");
            let rest = rest.split_once('\n').map_or("", |(_, r)| r);
            format!("{head}summary: Summary {step}.\n{rest}")
        })],
        Edit::Title(n) => vec![replace(article(n), &|t| {
            let (head, rest) = t.split_once("title: ").expect("title");
            let rest = rest.split_once('\n').map_or("", |(_, r)| r);
            format!("{head}title: Title {step}\n{rest}")
        })],
        Edit::Tags(n) => vec![replace(article(n), &|t| {
            let kept: Vec<&str> =
                t.split_inclusive('\n').filter(|l| !l.starts_with("tags:")).collect();
            kept.concat().replacen("\nsummary:", &format!("\ntags: [t{}]\nsummary:", step % 3), 1)
        })],
        Edit::NewArticle => {
            let path = content.join(format!("articles/basics/new-{step}.md"));
            let text =
                format!("---\ntitle: New {step}\nsummary: New.\n---\n\nNew links to [[beta]].\n");
            std::fs::write(&path, text).expect("write");
            vec![path]
        }
        Edit::DeleteNewArticle => {
            let folder = content.join("articles/basics");
            let added = std::fs::read_dir(&folder)
                .expect("folder")
                .map(|e| e.expect("entry").path())
                .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("new-")));
            added
                .map(|p| std::fs::remove_file(&p).map(|()| p).expect("delete"))
                .into_iter()
                .collect()
        }
        Edit::StaticFile => {
            let path = content.join(format!("static/notes-{}.txt", step % 2));
            std::fs::create_dir_all(path.parent().expect("folder")).expect("static folder");
            std::fs::write(&path, format!("version {step}")).expect("write");
            vec![path]
        }
        Edit::GlossaryEntry => vec![replace("glossary/alliance.md", &|t| {
            t.replacen("short: ", &format!("short: ({step}) "), 1)
        })],
        Edit::PathSteps => vec![replace("paths/start.md", &|t| {
            if t.contains("article: beta") {
                t.replacen("  - article: beta\n    note: Second.\n", "", 1)
            } else {
                t.replacen("---\n\nIntro", "  - article: beta\n    note: Second.\n---\n\nIntro", 1)
            }
        })],
        Edit::DraftToggle => {
            let path = content.join("articles/other/delta.md");
            let draft = std::fs::read_to_string(&path).is_ok_and(|t| t.contains("draft: true"));
            let text =
                format!("---\ntitle: Delta\nsummary: Aside.\ndraft: {}\n---\n\nDelta.\n", !draft);
            std::fs::write(&path, text).expect("write");
            vec![path]
        }
    }
}

fn edit_strategy() -> impl proptest::strategy::Strategy<Value = Edit> {
    use proptest::prelude::*;
    prop_oneof![
        (0..3u8).prop_map(Edit::Body),
        (0..3u8).prop_map(Edit::Summary),
        (0..3u8).prop_map(Edit::Title),
        (0..3u8).prop_map(Edit::Tags),
        Just(Edit::NewArticle),
        Just(Edit::DeleteNewArticle),
        Just(Edit::StaticFile),
        Just(Edit::GlossaryEntry),
        Just(Edit::PathSteps),
        Just(Edit::DraftToggle),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config { cases: 12, ..Default::default() })]

    /// Issue 17: whatever sequence of edits an author makes, with or without drafts and
    /// offline links, the serve session's output after every save is byte-identical to a
    /// fresh full build of the same files.
    #[test]
    fn issue_17_incremental_equals_full_after_any_edits(
        edits in proptest::collection::vec(edit_strategy(), 1..7),
        drafts in proptest::bool::ANY,
        offline in proptest::bool::ANY,
    ) {
        let site = site();
        let mut options = BuildOptions::new(&site.root);
        options.out = site.root.join("serve-out");
        options.drafts = drafts;
        options.offline = offline;
        let (mut session, _) = Session::start(options.clone()).expect("first build");
        for (step, edit) in edits.iter().enumerate() {
            let changed = apply(&site, *edit, step).into_iter().collect();
            let plan = session.plan(&changed);
            session.rebuild(&plan).expect("every edit leaves a valid site");
            session.update_search().expect("search index");
            let mut full = options.clone();
            full.out = site.root.join(format!("full-{step}"));
            attune::build(&full).expect("full build");
            assert_same_site(&options.out, &full.out);
        }
    }
}

/// On a multilingual site an untranslated article shows in every language's links, so an edit
/// to it takes the full route and the other language's pages match a fresh build.
#[test]
fn an_edit_on_a_multilingual_site_rebuilds_every_language() {
    let site = TestSite::fixture("i18n");
    let mut options = BuildOptions::new(&site.root);
    options.out = site.root.join("serve-out");
    let (mut session, _) = Session::start(options.clone()).expect("first build");
    site.change_file(
        "content/articles/basics/trust.md",
        "title: Building trust",
        "title: Trust, slowly",
    );
    let changed = [site.root.join("content/articles/basics/trust.md")].into_iter().collect();
    let plan = session.plan(&changed);
    assert_eq!(plan, Plan::Full);
    session.rebuild(&plan).expect("rebuild");
    let spanish =
        std::fs::read_to_string(options.out.join("es/articles/basics/alliance/index.html"))
            .expect("the Spanish article");
    assert!(
        spanish.contains("Trust, slowly"),
        "the Spanish page links the untranslated article by its new title"
    );
    let mut full = options.clone();
    full.out = site.root.join("full");
    attune::build(&full).expect("full build");
    assert_same_site(&options.out, &full.out);
}
