//! The Common Cartridge's pages (issue 25), opened the way an LMS serves them: unzip the
//! cartridge of the export fixture, open one step's page from disk, and check it renders with
//! the theme's stylesheet and its images, and fetches nothing from outside the cartridge.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::unzip;
use crate::webdriver::Session;

/// Exports the fixture course as a cartridge and unzips it; returns the folder.
fn unzipped_cartridge() -> PathBuf {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-export");
    let _ = std::fs::remove_dir_all(&base);
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/export/site");
    let archive = base.join("course.imscc");
    std::fs::create_dir_all(&base).expect("create the export folder");
    let output = Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(["export", "cc", "course", "--root"])
        .arg(&fixture)
        .arg("--out")
        .arg(&archive)
        .output()
        .expect("run attune export");
    assert!(output.status.success(), "export failed: {}", String::from_utf8_lossy(&output.stderr));
    let out = base.join("unzipped");
    let bytes = std::fs::read(&archive).expect("read the cartridge");
    for entry in unzip::read(&bytes) {
        let path = out.join(&entry.name);
        std::fs::create_dir_all(path.parent().expect("entry in a folder")).expect("create folder");
        std::fs::write(&path, &entry.bytes).expect("write entry");
    }
    out
}

/// The light palette's accent as the theme's first `--accent:` sets it.
fn theme_accent(theme: &str) -> String {
    let at = theme.find("--accent:").expect("the theme sets --accent");
    theme[at + "--accent:".len()..].split(';').next().unwrap_or("").trim().to_string()
}

#[test]
fn issue_25_cartridge_page_renders_with_its_css_and_requests_nothing_outside() {
    let folder = unzipped_cartridge();
    let page = folder.join("web_resources/pages/01-first-reading.html");
    let theme =
        std::fs::read_to_string(folder.join("web_resources/theme/style.css")).expect("theme");
    let session = Session::start();
    session.navigate(&format!("file://{}", page.display()));

    let accent = session.execute(
        "return getComputedStyle(document.documentElement).getPropertyValue('--accent').trim()",
        &[],
    );
    assert_eq!(accent, theme_accent(&theme).as_str(), "the theme's stylesheet applies");
    let link_colour =
        session.execute("return getComputedStyle(document.querySelector('.prose a')).color", &[]);
    let body_colour = session.execute("return getComputedStyle(document.body).color", &[]);
    assert_ne!(link_colour, body_colour, "links take the theme's accent, not the text colour");

    let broken = session.execute(
        "return [...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)",
        &[],
    );
    assert_eq!(broken, serde_json::json!([]), "every image loads from the cartridge");
    let images = session.execute("return document.images.length", &[]);
    assert_eq!(images, 2, "both images of the step are on the page");

    // Chromium records no resource timing for file:// pages, so the page's requests are read
    // from what it loads: every element with a source, every stylesheet, and inside the
    // stylesheets every url() and @import.
    let requests = session.execute(
        "return [...document.querySelectorAll('[src], link[href], object[data], [srcset], [poster]')]\
           .map(e => e.src || e.href || e.data || e.poster || e.srcset)",
        &[],
    );
    let requests: Vec<String> = serde_json::from_value(requests).expect("a list of URLs");
    assert_eq!(requests.len(), 5, "three stylesheets and two images: {requests:?}");
    let inside = format!("file://{}/", folder.display());
    let outside: Vec<&String> = requests.iter().filter(|r| !r.starts_with(&inside)).collect();
    for sheet in ["style.css", "highlight.css"] {
        let css =
            std::fs::read_to_string(folder.join("web_resources/theme").join(sheet)).expect("css");
        assert!(!css.contains("url(") && !css.contains("@import"), "{sheet} loads nothing more");
    }
    assert!(outside.is_empty(), "requests outside the cartridge: {outside:?}");
}
