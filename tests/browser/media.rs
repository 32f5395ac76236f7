//! Issue 21: a page with a raster figure (resized copies in `srcset`), an SVG diagram and math
//! rendered to MathML has no axe-core violation in either palette; its formulas are laid out
//! by the browser as MathML (no script, no font fetched) and its images load from the site.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::server::StaticServer;
use crate::webdriver::Session;
use crate::{axe_problems, build_site};

const PAGE: &str = "articles/course/measuring-change/";

/// The media fixture built once (math on in its site.yaml), served over HTTP.
fn served() -> &'static StaticServer {
    static SERVER: OnceLock<StaticServer> = OnceLock::new();
    SERVER.get_or_init(|| StaticServer::start(build()))
}

fn build() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/media/site");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-media/public");
    let _ = std::fs::remove_dir_all(&out);
    build_site(&root, &out);
    out
}

#[test]
fn issue_21_axe_finds_no_violations_on_figures_and_math_in_both_palettes() {
    let server = served();
    let session = Session::start();
    let url = |page: &str| server.url(page);
    let problems: Vec<String> = ["light", "dark"]
        .iter()
        .flat_map(|theme| axe_problems(&session, &url, &[PAGE], theme))
        .collect();
    assert!(problems.is_empty(), "axe-core:\n  {}", problems.join("\n  "));
}

#[test]
fn issue_21_math_is_laid_out_as_mathml_and_images_load_from_the_site() {
    let session = Session::start();
    session.navigate(&served().url(PAGE));
    let facts = session.execute(
        "const maths = [...document.querySelectorAll('main math')];\
         const imgs = [...document.querySelectorAll('main img')];\
         return {\
           maths: maths.length,\
           block: maths.filter(m => m.getAttribute('display') === 'block').length,\
           sized: maths.every(m => m.getBoundingClientRect().height > 8),\
           fraction: maths.some(m => m.querySelector('mfrac') && m.getBoundingClientRect().height > 20),\
           loaded: imgs.map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0, i.currentSrc]),\
           scripts: document.querySelectorAll('main script').length,\
         };",
        &[],
    );
    assert_eq!(facts["maths"], 2, "{facts}");
    assert_eq!(facts["block"], 1, "{facts}");
    assert_eq!(facts["sized"], true, "formulas take up space: {facts}");
    assert_eq!(facts["fraction"], true, "a fraction is laid out on two levels: {facts}");
    assert_eq!(facts["scripts"], 0, "{facts}");
    let origin = served().url("");
    for image in facts["loaded"].as_array().expect("images") {
        assert_eq!(image[1], true, "image did not load: {image}");
        let current = image[2].as_str().unwrap_or_default();
        assert!(current.starts_with(&origin), "loaded from outside the site: {image}");
    }
    assert_eq!(facts["loaded"].as_array().map(Vec::len), Some(2), "{facts}");
}
