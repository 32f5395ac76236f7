#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a failed write or read should fail the test at once"
)]
//! Issue 21: images written without metadata, resized (never upscaled), described with
//! width, height and srcset, cached between builds; SVG with script refused; image lints;
//! math to MathML.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::TestSite;

/// A TIFF block of EXIF with a GPS position and a camera serial number.
fn exif_with_gps() -> Vec<u8> {
    use exif::{Field, In, Rational, Tag, Value};
    let latitude = Field {
        tag: Tag::GPSLatitude,
        ifd_num: In::PRIMARY,
        value: Value::Rational(vec![
            Rational { num: 51, denom: 1 },
            Rational { num: 30, denom: 1 },
            Rational { num: 0, denom: 1 },
        ]),
    };
    let serial = Field {
        tag: Tag::BodySerialNumber,
        ifd_num: In::PRIMARY,
        value: Value::Ascii(vec![b"SN-1234567".to_vec()]),
    };
    let mut writer = exif::experimental::Writer::new();
    writer.push_field(&latitude);
    writer.push_field(&serial);
    let mut tiff = std::io::Cursor::new(Vec::new());
    writer.write(&mut tiff, false).expect("write exif");
    tiff.into_inner()
}

fn pixels(width: u32, height: u32) -> image::RgbImage {
    image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, 128])
    })
}

/// A JPEG with an APP1 EXIF segment holding a GPS position.
fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .encode_image(&pixels(width, height))
        .expect("encode jpeg");
    let tiff = exif_with_gps();
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&plain[2..]);
    out
}

/// A PNG with an `eXIf` chunk (GPS) and a `tEXt` chunk naming its author.
fn png_with_gps(width: u32, height: u32) -> Vec<u8> {
    let mut plain = Vec::new();
    image::DynamicImage::ImageRgb8(pixels(width, height))
        .write_to(&mut std::io::Cursor::new(&mut plain), image::ImageFormat::Png)
        .expect("encode png");
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        let crc = crc32(&c[4..]);
        c.extend_from_slice(&crc.to_be_bytes());
        c
    };
    let ihdr_end = 8 + 8 + 13 + 4;
    let mut out = plain[..ihdr_end].to_vec();
    out.extend(chunk(b"eXIf", &exif_with_gps()));
    out.extend(chunk(b"tEXt", b"Author\0Jane Example"));
    out.extend_from_slice(&plain[ihdr_end..]);
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn has_exif(bytes: &[u8]) -> bool {
    exif::Reader::new().read_from_container(&mut std::io::Cursor::new(bytes)).is_ok()
}

const ARTICLE: &str = "---\ntitle: Garden\nsummary: A garden.\naudience: [clients]\n---\n\nIntro.\n\n![A sunny garden path](/images/photo.jpg)\n\n![Weekly sessions chart](/images/shot.png)\n\n<img src=\"/images/photo.jpg\" alt=\"The path again\">\n";

fn image_site(name: &str) -> TestSite {
    let site = TestSite::with_files(name, &[("articles/garden.md", ARTICLE)]);
    let dir = site.root.join("content/static/images");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("photo.jpg"), jpeg_with_gps(1600, 1000)).unwrap();
    std::fs::write(dir.join("shot.png"), png_with_gps(300, 200)).unwrap();
    site
}

/// Every file of the built site with its bytes.
fn snapshot(out: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap().to_string_lossy().into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn issue_21_images_lose_their_metadata() {
    let site = image_site("media-strip");
    let source = std::fs::read(site.root.join("content/static/images/photo.jpg")).unwrap();
    assert!(has_exif(&source), "the fixture carries EXIF");
    let png = std::fs::read(site.root.join("content/static/images/shot.png")).unwrap();
    assert!(has_exif(&png), "the PNG fixture carries EXIF");
    site.build();
    let written = snapshot(&site.root.join("public/images"));
    let names: Vec<&str> = written.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "photo-1440w.jpg",
            "photo-480w.jpg",
            "photo-960w.jpg",
            "photo.jpg",
            "shot-300w.webp",
            "shot.png"
        ]
    );
    for (name, bytes) in &written {
        assert!(!has_exif(bytes), "{name} still has EXIF");
        assert!(!bytes.windows(10).any(|w| w == b"SN-1234567"), "{name} keeps the serial");
        assert!(!bytes.windows(12).any(|w| w == b"Jane Example"), "{name} keeps the author");
        image::load_from_memory(bytes).unwrap_or_else(|e| panic!("{name} is not an image: {e}"));
    }
    let small = image::load_from_memory(&written["photo-480w.jpg"]).unwrap();
    assert_eq!((small.width(), small.height()), (480, 300));
}

#[test]
fn issue_21_images_get_size_srcset_and_lazy_loading_but_no_upscaling() {
    let site = image_site("media-html");
    site.build();
    let main = site.main_of("articles/garden/index.html");
    let imgs: Vec<&str> =
        main.split("<img ").skip(1).map(|s| s.split('>').next().unwrap()).collect();
    assert_eq!(imgs.len(), 3, "{main}");
    let first = imgs[0];
    assert!(first.contains("width=\"1600\" height=\"1000\""), "{first}");
    assert!(
        first.contains("srcset=\"../../images/photo-480w.jpg 480w, ../../images/photo-960w.jpg 960w, ../../images/photo-1440w.jpg 1440w, ../../images/photo.jpg 1600w\""),
        "{first}"
    );
    assert!(!first.contains("loading="), "the first image loads at once: {first}");
    let second = imgs[1];
    assert!(second.contains("width=\"300\" height=\"200\""), "{second}");
    assert!(
        second.contains("srcset=\"../../images/shot-300w.webp 300w\""),
        "no upscaling: {second}"
    );
    assert!(second.contains("loading=\"lazy\" decoding=\"async\""), "{second}");
    let raw = imgs[2];
    assert!(raw.contains("alt=\"The path again\" width=\"1600\" height=\"1000\""), "{raw}");
    assert!(raw.contains("loading=\"lazy\""), "{raw}");
}

#[test]
fn issue_21_a_warm_cache_encodes_nothing_and_gives_the_same_bytes() {
    let site = image_site("media-cache");
    site.build().expect_stdout("2 images (2 encoded, 0 from the cache)");
    let cold = snapshot(&site.root.join("public"));
    assert!(site.root.join(".attune-cache/.gitignore").is_file());
    site.build().expect_stdout("2 images (0 encoded, 2 from the cache)");
    assert_eq!(snapshot(&site.root.join("public")), cold, "warm output differs");
    // A changed image is encoded again; the other comes from the cache.
    std::fs::write(site.root.join("content/static/images/shot.png"), png_with_gps(200, 100))
        .unwrap();
    site.build().expect_stdout("2 images (1 encoded, 1 from the cache)");
    std::fs::write(site.root.join("content/static/images/shot.png"), png_with_gps(300, 200))
        .unwrap();
    std::fs::remove_dir_all(site.root.join(".attune-cache")).unwrap();
    site.build().expect_stdout("2 images (2 encoded, 0 from the cache)");
    assert_eq!(snapshot(&site.root.join("public")), cold, "cold rebuild differs");
}

#[test]
fn issue_21_an_svg_with_script_is_an_error() {
    let site = TestSite::with_files(
        "media-svg",
        &[
            (
                "articles/a.md",
                "---\ntitle: A\nsummary: A.\naudience: [clients]\n---\n\n![Bond](/images/bond.svg)\n",
            ),
            (
                "static/images/bond.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <circle r=\"4\" onload=\"steal()\"/>\n</svg>\n",
            ),
            (
                "static/images/fine.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\"/></svg>\n",
            ),
        ],
    );
    site.run(&["build"])
        .expect_code(1)
        .expect_stderr("error[unsafe-svg]: the SVG `static/images/bond.svg` contains an event handler attribute")
        .expect_stderr(" --> content/static/images/bond.svg:2:17");
    site.change_file("content/static/images/bond.svg", " onload=\"steal()\"", "");
    site.build();
    assert_eq!(
        site.output("images/bond.svg"),
        std::fs::read_to_string(site.root.join("content/static/images/bond.svg")).unwrap()
    );
}

#[test]
fn issue_21_image_lints_point_at_their_lines() {
    let long = "A ".repeat(80);
    let body = format!(
        "---\ntitle: A\nsummary: A.\naudience: [clients]\n---\n\n![photo.jpg](/images/photo.jpg)\n\n![Image](/images/shot.png)\n\n![{long}](/images/shot.png)\n\n![](/images/shot.png \"decorative\")\n\n![](/images/shot.png)\n"
    );
    let site = image_site("media-lints");
    site.write("content/articles/garden.md", &body);
    site.change_file(
        "content/site.yaml",
        "title: Test site\n",
        "title: Test site\nimages:\n  budget_kb: 40\n",
    );
    let run = site.run(&["check"]);
    run.expect_stderr("warning[image-alt-text]: the alt text `photo.jpg` does not say what the image shows\n --> content/articles/garden.md:7:1");
    run.expect_stderr("warning[image-alt-text]: the alt text `Image` does not say what the image shows\n --> content/articles/garden.md:9:1");
    run.expect_stderr("warning[image-alt-long]: the alt text is 159 characters; screen readers read it in one go\n  --> content/articles/garden.md:11:1");
    run.expect_stderr("warning[image-size]: `images/photo.jpg` is");
    run.expect_stderr("over the site's budget of 40 KB\n --> content/articles/garden.md:7:1");
    run.expect_stderr(
        "warning[image-alt]: this image has no alt text\n  --> content/articles/garden.md:15:1",
    );
    assert!(!run.stderr.contains("garden.md:13:"), "decorative image flagged: {}", run.stderr);
    site.build();
    let main = site.main_of("articles/garden/index.html");
    assert!(main.contains("<img src=\"../../images/shot.png\" alt=\"\" width"), "{main}");
    assert!(!main.contains("title=\"decorative\""), "{main}");
}

#[test]
fn issue_21_math_becomes_mathml_and_bad_latex_is_an_error() {
    let site = TestSite::with_files(
        "media-math",
        &[(
            "articles/a.md",
            "---\ntitle: A\nsummary: A.\naudience: [students]\n---\n\nThe ratio $\\frac{a}{b}$ costs $5 or $10.\n\n$$\nx^2 + y^2 = z^2\n$$\n",
        )],
    );
    site.build();
    let off = site.main_of("articles/a/index.html");
    assert!(!off.contains("<math"), "math is off unless site.yaml turns it on: {off}");
    assert!(off.contains("$\\frac{a}{b}$"), "the formula stays text: {off}");
    site.change_file(
        "content/site.yaml",
        "title: Test site\n",
        "title: Test site\nmarkdown:\n  math: true\n",
    );
    site.build();
    let main = site.main_of("articles/a/index.html");
    assert!(main.contains("<math"), "{main}");
    assert!(main.contains("<mfrac>"), "{main}");
    assert!(main.contains("display=\"block\""), "{main}");
    assert!(main.contains("costs $5 or $10."), "dollar amounts stay text: {main}");
    assert!(!main.contains("<script"), "{main}");
    site.change_file("content/articles/a.md", "\\frac{a}{b}", "\\frac{a}");
    site.run(&["build"])
        .expect_code(1)
        .expect_stderr("error[math]: this formula is not valid LaTeX: expected a token")
        .expect_stderr("content/articles/a.md:7:11");
}

#[test]
fn issue_21_long_sections_and_tags_are_paginated() {
    let mut files: Vec<(String, String)> = (1..=5)
        .map(|i| {
            (
                format!("articles/basics/a{i}.md"),
                format!("---\ntitle: Article {i}\nsummary: S.\naudience: [clients]\ntags: [care]\nweight: {i}\n---\n\nText.\n"),
            )
        })
        .collect();
    files.push((
        "articles/other/b.md".into(),
        "---\ntitle: B\nsummary: S.\naudience: [clients]\n---\n\nText.\n".into(),
    ));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = TestSite::with_files("media-pages", &borrowed);
    let one_page = {
        site.build();
        site.main_of("articles/basics/index.html")
    };
    assert!(!one_page.contains("pagination"), "a section of one page has no page links");
    site.change_file(
        "content/site.yaml",
        "title: Test site\n",
        "title: Test site\nlimits:\n  page_size: 2\n",
    );
    site.build();
    let first = site.main_of("articles/basics/index.html");
    assert!(
        first.contains("Article 1") && first.contains("Article 2") && !first.contains("Article 3"),
        "{first}"
    );
    assert!(
        first.contains("<a rel=\"next\" href=\"../../articles/basics/page/2/\">Next page</a>"),
        "{first}"
    );
    assert!(!first.contains("rel=\"prev\""), "{first}");
    let second = site.main_of("articles/basics/page/2/index.html");
    assert!(second.contains("Article 3") && second.contains("Article 4"), "{second}");
    assert!(
        second.contains("<a rel=\"prev\" href=\"../../../../articles/basics/\">Previous page</a>"),
        "{second}"
    );
    assert!(
        second
            .contains("<a rel=\"next\" href=\"../../../../articles/basics/page/3/\">Next page</a>"),
        "{second}"
    );
    assert!(second.contains("<span aria-current=\"page\">Page 2</span>"), "{second}");
    let third = site.main_of("articles/basics/page/3/index.html");
    assert!(third.contains("Article 5") && !third.contains("rel=\"next\""), "{third}");
    assert!(
        site.output("articles/basics/page/3/index.html").contains("<title>Basics (page 3 of 3)")
    );
    assert!(site.exists("tags/care/page/3/index.html"));
    assert!(!site.exists("articles/other/page/2/index.html"));
}

#[test]
fn issue_21_capped_used_in_and_linked_from_link_to_their_full_lists() {
    let mut files: Vec<(String, String)> = (1..=5)
        .map(|i| {
            (
                format!("articles/basics/a{i}.md"),
                format!("---\ntitle: Article {i}\nsummary: S.\naudience: [clients]\nweight: {i}\n---\n\nTrust grows slowly. See [the hub](hub.md).\n"),
            )
        })
        .collect();
    files.push((
        "articles/basics/hub.md".into(),
        "---\ntitle: Hub\nsummary: S.\naudience: [clients]\nweight: 9\n---\n\nText.\n".into(),
    ));
    files.push((
        "glossary/trust.md".into(),
        "---\nterm: trust\nshort: Belief in someone.\n---\n\nTrust is belief.\n".into(),
    ));
    let borrowed: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let site = TestSite::with_files("media-caps", &borrowed);
    site.build();
    assert!(!site.root.join("public/glossary/trust/used-in").exists(), "no list below the cap");
    assert!(!site.main_of("glossary/index.html").contains("used-in/"));
    site.change_file(
        "content/site.yaml",
        "title: Test site\n",
        "title: Test site\nlimits:\n  list_cap: 2\n  page_size: 2\n",
    );
    site.build();
    let glossary = site.main_of("glossary/index.html");
    assert!(
        glossary.contains("<a href=\"../glossary/trust/used-in/\">and 3 more articles</a>"),
        "{glossary}"
    );
    let used = site.main_of("glossary/trust/used-in/index.html");
    assert!(used.contains("<h1>Every page that uses “trust”</h1>"), "{used}");
    assert_eq!(used.matches("<li><a href=").count(), 2, "{used}");
    assert!(
        used.contains("rel=\"next\" href=\"../../../glossary/trust/used-in/page/2/\""),
        "{used}"
    );
    assert!(
        used.contains("<a href=\"../../../glossary/#trust\">Back to “trust” in the glossary</a>"),
        "{used}"
    );
    let last = site.main_of("glossary/trust/used-in/page/3/index.html");
    assert_eq!(last.matches("<li><a href=").count(), 1, "five articles, two a page: {last}");
    assert!(!last.contains("rel=\"next\""), "{last}");
    let hub = site.main_of("articles/basics/hub/index.html");
    assert!(
        hub.contains(
            "<a href=\"../../../articles/basics/hub/linked-from/\">And 3 more pages link here.</a>"
        ),
        "{hub}"
    );
    let linked = site.main_of("articles/basics/hub/linked-from/index.html");
    assert!(linked.contains("<h1>Every page that links to “Hub”</h1>"), "{linked}");
    assert!(
        linked.contains("<a href=\"../../../../articles/basics/a1/\">Article 1</a>"),
        "{linked}"
    );
    assert!(site.output("articles/basics/hub/linked-from/page/3/index.html").contains("Article 5"));
}

#[test]
fn issue_21_exports_carry_each_image_once_without_metadata_or_srcset() {
    let site = image_site("media-export");
    site.write(
        "content/paths/garden-walk.md",
        "---\ntitle: Garden walk\naudience: clients\nsummary: One reading.\nsteps:\n  - article: garden\n---\n\nRead it.\n",
    );
    for (kind, out) in [("epub", "walk.epub"), ("cc", "walk.imscc")] {
        site.run(&["export", kind, "garden-walk", "--out", out]).expect_code(0);
        let entries = crate::unzip::read(&std::fs::read(site.root.join(out)).unwrap());
        let names: BTreeSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        let images: Vec<&crate::unzip::Entry> = entries
            .iter()
            .filter(|e| e.name.ends_with(".jpg") || e.name.ends_with(".png"))
            .collect();
        assert_eq!(images.len(), 2, "{kind}: one copy of each image: {names:?}");
        for image in &images {
            assert!(!has_exif(&image.bytes), "{kind}: {} keeps its EXIF", image.name);
            image::load_from_memory(&image.bytes).expect("still an image");
        }
        let page = entries.iter().find(|e| e.name.contains("01-garden")).expect("the step's page");
        let page = String::from_utf8_lossy(&page.bytes);
        assert!(page.contains("<img src=\"../static/images/photo.jpg\""), "{kind}: {page}");
        assert!(!page.contains("srcset"), "{kind}: resized copies are not in the archive: {page}");
    }
}

#[test]
fn issue_21_an_image_embedded_from_beside_its_note_is_stripped_and_resized_too() {
    let site = TestSite::with_files(
        "media-attachment",
        &[(
            "articles/notes/walk.md",
            "---\ntitle: Walk\nsummary: A walk.\naudience: [clients]\n---\n\n![[garden.jpg|A sunny garden path]]\n",
        )],
    );
    let photo = jpeg_with_gps(1600, 1000);
    site.write("content/articles/notes/garden.jpg", "");
    std::fs::write(site.root.join("content/articles/notes/garden.jpg"), &photo).unwrap();
    std::fs::write(site.root.join("content/articles/notes/unused.jpg"), &photo).unwrap();
    site.build();
    let written = snapshot(&site.root.join("public/articles/notes"));
    let images: Vec<&str> =
        written.keys().map(String::as_str).filter(|n| n.ends_with(".jpg")).collect();
    assert_eq!(images, ["garden-1440w.jpg", "garden-480w.jpg", "garden-960w.jpg", "garden.jpg"]);
    for name in images {
        assert!(!has_exif(&written[name]), "{name} still has EXIF");
    }
    let main = site.main_of("articles/notes/walk/index.html");
    assert!(main.contains("width=\"1600\" height=\"1000\" srcset="), "{main}");
}
