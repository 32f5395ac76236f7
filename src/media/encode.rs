//! Writing images: the full-size file without its metadata, and resized copies at the widths
//! of `images.widths` that are narrower than the image (never wider): JPEG stays JPEG, PNG and
//! WebP become lossless WebP. Encoded files are kept in a cache folder beside the output, by
//! the source's content hash and the settings, so a rebuild (and every `serve` reload) encodes
//! nothing that did not change, and the output is the same bytes warm or cold.

use std::path::{Path, PathBuf};

use image::DynamicImage;
use rayon::prelude::*;

use super::{ImageInfo, Images, Kind};
use crate::config::ImageConfig;
use crate::error::{Error, Result};
use crate::output::{FileSink, OutputFile};

/// Bumped whenever encoding changes, so old cache entries are not reused.
const ENCODER_VERSION: &str = "attune-images-1";

/// One file of an image's `srcset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Output path.
    pub path: String,
    /// Width in pixels.
    pub width: u32,
}

/// The files offered in `srcset` for the image at `output`, narrowest first; the last one is
/// full width. Widths at or above the image's own are left out: nothing is upscaled.
pub fn candidates(output: &str, info: &ImageInfo, widths: &[u32]) -> Vec<Candidate> {
    let (stem, extension) = output.rsplit_once('.').unwrap_or((output, ""));
    let mut narrower: Vec<u32> =
        widths.iter().copied().filter(|w| *w > 0 && *w < info.width).collect();
    narrower.sort_unstable();
    narrower.dedup();
    let resized_extension = if info.kind == Kind::Photo { extension } else { "webp" };
    let mut out: Vec<Candidate> = narrower
        .into_iter()
        .map(|width| Candidate { path: format!("{stem}-{width}w.{resized_extension}"), width })
        .collect();
    let full = match info.kind {
        Kind::Lossless => format!("{stem}-{}w.webp", info.width),
        Kind::Photo | Kind::Webp => output.to_string(),
    };
    out.push(Candidate { path: full, width: info.width });
    out
}

/// Where encoded files are kept between builds: read directly, written through the build's
/// one writer.
pub struct ImageCache<'a> {
    /// The cache folder.
    pub dir: PathBuf,
    /// Writes into `dir`.
    pub sink: &'a dyn FileSink,
}

/// The image files of a build and how many images had to be encoded.
#[derive(Debug, Default)]
pub struct Encoded {
    /// Every file to write.
    pub files: Vec<OutputFile>,
    /// Images encoded by this build.
    pub encoded: usize,
    /// Images taken from the cache.
    pub cached: usize,
}

/// Every image's files, from the cache where it has them, encoded (in parallel) where not.
pub fn write_images(
    images: &Images,
    config: &ImageConfig,
    cache: Option<&ImageCache<'_>>,
) -> Result<Encoded> {
    let done: Vec<(Vec<OutputFile>, bool)> = images
        .sorted()
        .par_iter()
        .map(|(output, info)| image_files(output, info, config, cache))
        .collect::<Result<_>>()?;
    let mut encoded = Encoded::default();
    for (files, fresh) in done {
        if fresh {
            encoded.encoded += 1
        } else {
            encoded.cached += 1
        }
        encoded.files.extend(files);
    }
    Ok(encoded)
}

/// The full-size file a build writes for the image at `output` (metadata stripped, upright),
/// for exports, which carry one copy of each image and no `srcset`.
pub fn full_size(output: &str, info: &ImageInfo, config: &ImageConfig) -> Result<Vec<u8>> {
    let (files, _) = image_files(output, info, config, None)?;
    match files.into_iter().next().map(|f| f.body) {
        Some(crate::output::OutputBody::Bytes(bytes)) => Ok(bytes),
        _ => Err(Error::io("encoding", &info.source, std::io::Error::other("no full-size file"))),
    }
}

/// One image's files and whether they were encoded now (rather than read from the cache).
fn image_files(
    output: &str,
    info: &ImageInfo,
    config: &ImageConfig,
    cache: Option<&ImageCache<'_>>,
) -> Result<(Vec<OutputFile>, bool)> {
    let source = std::fs::read(&info.source).map_err(|e| Error::io("reading", &info.source, e))?;
    let key = cache_key(&source, info, config);
    let paths: Vec<String> = std::iter::once(output.to_string())
        .chain(candidates(output, info, &config.widths).into_iter().map(|c| c.path))
        .filter(|p| p != output)
        .collect();
    let paths: Vec<String> = std::iter::once(output.to_string()).chain(paths).collect();
    if let Some(cache) = cache {
        if let Some(bodies) = read_cached(&cache.dir.join(&key), paths.len()) {
            let files = paths.into_iter().zip(bodies).map(|(p, b)| OutputFile::bytes(p, b));
            return Ok((files.collect(), false));
        }
    }
    let bodies = encode(output, info, config, &source)
        .map_err(|why| Error::io("encoding", &info.source, std::io::Error::other(why)))?;
    if let Some(cache) = cache {
        for (n, body) in bodies.iter().enumerate() {
            cache.sink.put(&OutputFile::bytes(format!("{key}/{n}"), body.clone()))?;
        }
        let count = bodies.len().to_string();
        cache.sink.put(&OutputFile::bytes(format!("{key}/complete"), count))?;
    }
    let files = paths.into_iter().zip(bodies).map(|(p, b)| OutputFile::bytes(p, b));
    Ok((files.collect(), true))
}

/// The cached files of one entry, if it was completely written.
fn read_cached(dir: &Path, expected: usize) -> Option<Vec<Vec<u8>>> {
    let count: usize = std::fs::read_to_string(dir.join("complete")).ok()?.trim().parse().ok()?;
    if count != expected {
        return None;
    }
    (0..count).map(|n| std::fs::read(dir.join(n.to_string())).ok()).collect()
}

/// A cache entry's name: a 128-bit FNV-1a hash of the source bytes and every setting that
/// changes the output.
fn cache_key(source: &[u8], info: &ImageInfo, config: &ImageConfig) -> String {
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013B;
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    let settings =
        format!("{ENCODER_VERSION} {:?} {:?} {}", info.kind, config.widths, config.jpeg_quality);
    for &b in settings.as_bytes().iter().chain([0u8].iter()).chain(source) {
        hash ^= u128::from(b);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("{hash:032x}")
}

/// Encodes the full-size file and then each resized copy, in the order of `candidates`
/// (the full-size file of a JPEG or WebP is the original itself, so it comes only once).
fn encode(
    output: &str,
    info: &ImageInfo,
    config: &ImageConfig,
    source: &[u8],
) -> std::result::Result<Vec<Vec<u8>>, String> {
    let stripped = super::strip::stripped(info.kind, source).filter(|_| !info.reoriented);
    let resized: Vec<Candidate> =
        candidates(output, info, &config.widths).into_iter().filter(|c| c.path != output).collect();
    let decoded = match (&stripped, resized.is_empty()) {
        (Some(_), true) => None,
        _ => Some(decode_upright(source)?),
    };
    let full = match (stripped, &decoded) {
        (Some(bytes), _) => bytes,
        (None, Some(image)) => encode_as(info.kind, image, 92)?,
        (None, None) => return Err("cannot be decoded".into()),
    };
    let mut bodies = vec![full];
    let Some(image) = decoded else { return Ok(bodies) };
    for candidate in resized {
        let resized = if candidate.width == image.width() {
            image.clone()
        } else {
            let height = (u64::from(image.height()) * u64::from(candidate.width)
                / u64::from(image.width().max(1)))
            .max(1) as u32;
            image.resize_exact(candidate.width, height, image::imageops::FilterType::CatmullRom)
        };
        let kind = if info.kind == Kind::Photo { Kind::Photo } else { Kind::Webp };
        bodies.push(encode_as(kind, &resized, config.jpeg_quality)?);
    }
    Ok(bodies)
}

/// The image's pixels, turned as its EXIF orientation says.
fn decode_upright(source: &[u8]) -> std::result::Result<DynamicImage, String> {
    use image::ImageDecoder;
    let reader = image::ImageReader::new(std::io::Cursor::new(source))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// Encodes pixels as a JPEG of `quality`, a PNG, or a lossless WebP. None of the encoders
/// writes metadata.
fn encode_as(
    kind: Kind,
    image: &DynamicImage,
    quality: u8,
) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let cursor = std::io::Cursor::new(&mut out);
    let result = match kind {
        Kind::Photo => {
            let rgb = image.to_rgb8();
            image::codecs::jpeg::JpegEncoder::new_with_quality(cursor, quality.clamp(1, 100))
                .encode_image(&rgb)
        }
        Kind::Lossless => image.write_to(cursor, image::ImageFormat::Png),
        Kind::Webp => {
            let image = if image.color().has_alpha() {
                DynamicImage::ImageRgba8(image.to_rgba8())
            } else {
                DynamicImage::ImageRgb8(image.to_rgb8())
            };
            image.write_with_encoder(image::codecs::webp::WebPEncoder::new_lossless(cursor))
        }
    };
    result.map_err(|e| e.to_string())?;
    Ok(out)
}
