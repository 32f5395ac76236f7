//! Image lints: alt text that says nothing (the file name, "image"), alt text too long to
//! listen to, and an image file over the site's size budget (`images.budget_kb`).

use crate::content::model::Site;
use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::ImageRef;

/// Alt text longer than this many characters is better as a caption or long description.
const LONG_ALT: usize = 150;

/// Words that say an image is there and nothing about what it shows.
const EMPTY_WORDS: &[&str] =
    &["image", "picture", "photo", "img", "graphic", "screenshot", "diagram", "figure"];

/// The image lints for one document's images.
pub(super) fn check_images(site: &Site, images: &[ImageRef], out: &mut Vec<Diagnostic>) {
    for image in images {
        let alt = image.alt.trim();
        if says_nothing(alt, image.path.as_deref()) {
            out.push(
                Diagnostic::warning(
                    Code::ImageAltText,
                    format!("the alt text `{alt}` does not say what the image shows"),
                )
                .at(image.span)
                .with_help(
                    "describe what a reader would see, e.g. ![A therapist and client talking](…)",
                ),
            );
        }
        let chars = alt.chars().count();
        if chars > LONG_ALT {
            out.push(
                Diagnostic::warning(Code::ImageAltLong, format!("the alt text is {chars} characters; screen readers read it in one go"))
                    .at(image.span)
                    .with_help("keep alt text under about 150 characters and put the detail in a caption or a text description below the image"),
            );
        }
        let info = image.path.as_deref().and_then(|p| Some((p, site.images.get(p)?)));
        if let Some((path, info)) = info {
            let budget = site.config.images.budget_kb;
            let kb = info.bytes.div_ceil(1000);
            if kb > budget {
                out.push(
                    Diagnostic::warning(Code::ImageSize, format!("`{path}` is {kb} KB as written, over the site's budget of {budget} KB"))
                        .at(image.span)
                        .with_help("export the image smaller (a photo rarely needs more than 2000 pixels across), or raise `images.budget_kb` in site.yaml"),
                );
            }
        }
    }
}

/// Alt text that is the image's file name (with or without extension) or a word like "image".
fn says_nothing(alt: &str, path: Option<&str>) -> bool {
    if alt.is_empty() {
        return false;
    }
    let lower = alt.to_lowercase();
    if EMPTY_WORDS.contains(&lower.as_str()) {
        return true;
    }
    let Some(path) = path else { return false };
    let name = path.rsplit('/').next().unwrap_or(path).to_lowercase();
    let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
    lower == name || lower == stem
}

#[cfg(test)]
mod tests {
    use super::says_nothing;

    #[test]
    fn file_names_and_placeholder_words_say_nothing() {
        assert!(says_nothing("Image", None));
        assert!(says_nothing("bond-diagram.png", Some("images/bond-diagram.png")));
        assert!(says_nothing("bond-diagram", Some("images/bond-diagram.png")));
        assert!(!says_nothing("Three overlapping circles", Some("images/bond-diagram.png")));
        assert!(!says_nothing("", Some("images/x.png")));
    }
}
