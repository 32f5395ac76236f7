//! Images, read once at load: each raster image under `static/` gets its intrinsic size (after
//! the rotation its EXIF asks for), the size of the file attune will write, and the resized
//! copies it will offer in `srcset`; each SVG is checked for script. Markdown rendering reads
//! these facts for `width`, `height` and `srcset`, `check` for its size budget, and
//! [`encode`] writes the files (metadata stripped, resized, cached) at the end of a build.
//!
//! A site without images pays nothing: no file is opened unless its name says it is an image.

pub mod encode;
mod strip;
mod svg;

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::ImageConfig;
use crate::content::model::StaticFile;
use crate::diagnostics::{Diagnostics, SourceMap};

/// How an image is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A JPEG: resized copies stay JPEG.
    Photo,
    /// A PNG (screenshots, diagrams): resized copies are lossless WebP.
    Lossless,
    /// A WebP: written without its metadata, not resized.
    Webp,
}

/// What the build knows about one raster image.
#[derive(Debug, Clone)]
pub struct ImageInfo {
    /// Absolute source path.
    pub source: PathBuf,
    /// Width in pixels, as displayed (after EXIF rotation).
    pub width: u32,
    /// Height in pixels, as displayed.
    pub height: u32,
    /// How it is written.
    pub kind: Kind,
    /// The EXIF orientation asks for a rotation or flip: the image is re-encoded upright,
    /// since its metadata (and the orientation with it) is removed.
    pub reoriented: bool,
    /// Size in bytes of the full-size file as written (metadata stripped).
    pub bytes: u64,
}

/// Every raster image of the site by its output path (`images/photo.jpg`).
#[derive(Debug, Default, Clone)]
pub struct Images {
    by_path: HashMap<String, ImageInfo>,
}

impl Images {
    /// The image written at `output`, if it is a raster image attune processes.
    pub fn get(&self, output: &str) -> Option<&ImageInfo> {
        self.by_path.get(output)
    }

    /// Whether attune writes this static file itself (rather than copying it).
    pub fn handles(&self, output: &str) -> bool {
        self.by_path.contains_key(output)
    }

    /// The images whose output path `keep` accepts.
    pub fn only(&self, keep: impl Fn(&str) -> bool) -> Images {
        let by_path = self.by_path.iter().filter(|(output, _)| keep(output));
        Images { by_path: by_path.map(|(k, v)| (k.clone(), v.clone())).collect() }
    }

    /// Number of raster images.
    pub fn len(&self) -> usize {
        self.by_path.len()
    }

    /// Whether the site has no raster image.
    pub fn is_empty(&self) -> bool {
        self.by_path.is_empty()
    }

    /// Images in output-path order (for a deterministic build).
    pub fn sorted(&self) -> Vec<(&str, &ImageInfo)> {
        let mut all: Vec<(&str, &ImageInfo)> =
            self.by_path.iter().map(|(k, v)| (k.as_str(), v)).collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all
    }
}

/// The kind of a static file by its extension, `None` for anything attune copies as is.
fn kind_of(output: &str) -> Option<Kind> {
    let extension = output.rsplit_once('.')?.1.to_ascii_lowercase();
    match extension.as_str() {
        "jpg" | "jpeg" => Some(Kind::Photo),
        "png" => Some(Kind::Lossless),
        "webp" => Some(Kind::Webp),
        _ => None,
    }
}

/// Reads every static image's facts and checks every SVG; an SVG with script is an error.
pub fn probe(
    files: &[StaticFile],
    _config: &ImageConfig,
    sources: &mut SourceMap,
    diagnostics: &mut Diagnostics,
) -> Images {
    let found: Vec<(String, Result<ImageInfo, String>)> = files
        .par_iter()
        .filter_map(|file| {
            let kind = kind_of(&file.output)?;
            Some((file.output.clone(), read_info(&file.source, kind)))
        })
        .collect();
    // A file whose name says image but whose bytes are not one (a placeholder, another
    // format) is copied as it is, as before images were processed.
    let by_path = found.into_iter().filter_map(|(output, info)| Some((output, info.ok()?)));
    let images = Images { by_path: by_path.collect() };
    for file in files.iter().filter(|f| f.output.to_ascii_lowercase().ends_with(".svg")) {
        svg::check(file, sources, diagnostics);
    }
    images
}

/// The facts of one image: its size as displayed and the size of its stripped file.
fn read_info(source: &std::path::Path, kind: Kind) -> Result<ImageInfo, String> {
    use image::ImageDecoder;
    let bytes = std::fs::read(source).map_err(|e| format!("cannot be read: {e}"))?;
    let reader = image::ImageReader::new(std::io::Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot be read: {e}"))?;
    let mut decoder = reader.into_decoder().map_err(|e| format!("is not a readable image: {e}"))?;
    let (width, height) = decoder.dimensions();
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let reoriented = orientation != image::metadata::Orientation::NoTransforms;
    let turned = matches!(
        orientation,
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    let (width, height) = if turned { (height, width) } else { (width, height) };
    let stripped = strip::stripped(kind, &bytes).map_or(bytes.len(), |s| s.len());
    Ok(ImageInfo {
        source: source.to_path_buf(),
        width,
        height,
        kind,
        reoriented,
        bytes: stripped as u64,
    })
}
