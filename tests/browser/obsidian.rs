//! Issue 27: a site imported from the fixture Obsidian vault, with Obsidian callouts (plain,
//! folded, open), image embeds and an embedded note, has no axe-core violation in either
//! palette, and a folded callout opens from the keyboard.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::server::StaticServer;
use crate::webdriver::{Session, keys};
use crate::{axe_problems, build_site};

/// Pages of the imported vault with callouts and embeds.
const PAGES: [&str; 5] = [
    "articles/notes/welcome/",
    "articles/notes/empathy/",
    "articles/notes/rupture-and-repair/",
    "articles/teletherapy/video-sessions/",
    "articles/notes/ending-therapy/",
];

/// The vault imported and built once, served over HTTP.
fn served() -> &'static StaticServer {
    static SERVER: OnceLock<StaticServer> = OnceLock::new();
    SERVER.get_or_init(|| StaticServer::start(import_and_build()))
}

fn import_and_build() -> PathBuf {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-obsidian");
    if base.exists() {
        std::fs::remove_dir_all(&base).expect("clear the old imported site");
    }
    let vault = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/vault");
    let attune = env!("CARGO_BIN_EXE_attune");
    let import = Command::new(attune)
        .args(["import", "obsidian"])
        .arg(&vault)
        .arg(&base)
        .output()
        .expect("run attune import");
    assert!(import.status.success(), "{}", String::from_utf8_lossy(&import.stderr));
    let public = base.join("public");
    build_site(&base, &public);
    public
}

#[test]
fn issue_27_axe_finds_no_violations_on_obsidian_callouts_and_embeds() {
    let server = served();
    let session = Session::start();
    let url = |page: &str| server.url(page);
    let problems: Vec<String> = ["light", "dark"]
        .iter()
        .flat_map(|theme| axe_problems(&session, &url, &PAGES, theme))
        .collect();
    assert!(problems.is_empty(), "axe-core:\n  {}", problems.join("\n  "));
}

#[test]
fn issue_27_a_folded_callout_opens_from_the_keyboard() {
    let session = Session::start();
    session.navigate(&served().url("articles/notes/empathy/"));
    let callout = session.find(".callout[role=note] details");
    assert_eq!(callout.property("open"), serde_json::Value::Bool(false), "`[!tip]-` starts closed");
    session.execute("document.querySelector('.callout details summary').focus()", &[]);
    session.press_keys(keys::ENTER);
    assert_eq!(callout.property("open"), serde_json::Value::Bool(true), "Enter opens it");
    let open = served().url("articles/notes/rupture-and-repair/");
    session.navigate(&open);
    let callout = session.find(".callout[role=note] details");
    assert_eq!(
        callout.property("open"),
        serde_json::Value::Bool(true),
        "`[!warning]+` starts open"
    );
}
