//! Metadata stripping without re-encoding: the containers of JPEG, PNG and WebP are walked
//! and every segment or chunk that carries metadata (EXIF with its GPS position and camera
//! serial, XMP, IPTC, comments, text chunks, timestamps) is dropped; the pixels are untouched.
//! A file whose container cannot be read comes back as `None`, and the caller decodes and
//! re-encodes it instead.

/// The bytes of an image of `kind` without its metadata, `None` when the container is unreadable.
pub(crate) fn stripped(kind: super::Kind, bytes: &[u8]) -> Option<Vec<u8>> {
    match kind {
        super::Kind::Photo => jpeg(bytes),
        super::Kind::Lossless => png(bytes),
        super::Kind::Webp => webp(bytes),
    }
}

/// The bytes of a JPEG without its metadata: APP1 (EXIF, XMP), APP3-APP13 and APP15 (IPTC and
/// vendor blocks) and comments go; JFIF (APP0), the colour profile (APP2) and Adobe's colour
/// transform (APP14), which decoding needs, stay.
pub(crate) fn jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..2]);
    let mut at = 2;
    loop {
        let marker = *bytes.get(at + 1)?;
        if *bytes.get(at)? != 0xFF {
            return None;
        }
        if marker == 0xFF {
            at += 1; // fill byte
            continue;
        }
        // Start of scan: the entropy-coded data and everything after it is copied as is.
        if marker == 0xDA || marker == 0xD9 {
            out.extend_from_slice(&bytes[at..]);
            return Some(out);
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(at + 2)?, *bytes.get(at + 3)?]));
        let end = at + 2 + length;
        let segment = bytes.get(at..end)?;
        let metadata = matches!(marker, 0xE1 | 0xE3..=0xED | 0xEF | 0xFE);
        if !metadata {
            out.extend_from_slice(segment);
        }
        at = end;
    }
}

/// PNG chunks that may stay: the image itself, transparency and colour information, the pixel
/// aspect, and animation. Anything else (`tEXt`, `zTXt`, `iTXt` with XMP, `eXIf`, `tIME`, private
/// chunks) goes.
const PNG_KEEP: &[&[u8; 4]] = &[
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
    b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
];

/// The bytes of a PNG without its metadata chunks (each kept chunk is copied whole, CRC and all).
pub(crate) fn png(bytes: &[u8]) -> Option<Vec<u8>> {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    if !bytes.starts_with(SIGNATURE) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(SIGNATURE);
    let mut at = SIGNATURE.len();
    while at < bytes.len() {
        let length = u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?) as usize;
        let kind: &[u8; 4] = bytes.get(at + 4..at + 8)?.try_into().ok()?;
        let end = at.checked_add(12)?.checked_add(length)?;
        let chunk = bytes.get(at..end)?;
        if PNG_KEEP.contains(&kind) {
            out.extend_from_slice(chunk);
        }
        at = end;
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

/// The bytes of a WebP without its `EXIF` and `XMP ` chunks, with the extended header's flags
/// for them cleared and the RIFF size corrected.
pub(crate) fn webp(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return None;
    }
    let mut out = bytes[..12].to_vec();
    let mut at = 12;
    while at < bytes.len() {
        let kind = bytes.get(at..at + 4)?;
        let size = u32::from_le_bytes(bytes.get(at + 4..at + 8)?.try_into().ok()?) as usize;
        let end = (at + 8).checked_add(size + size % 2)?.min(bytes.len());
        let chunk = bytes.get(at..end)?;
        if kind == b"VP8X" && chunk.len() > 8 {
            let mut header = chunk.to_vec();
            header[8] &= !(0x08 | 0x04); // the EXIF and XMP flags
            out.extend_from_slice(&header);
        } else if kind != b"EXIF" && kind != b"XMP " {
            out.extend_from_slice(chunk);
        }
        at = end;
    }
    let riff_size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&riff_size.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jpeg_loses_app1_and_comments_and_keeps_the_rest() {
        let mut file = vec![0xFF, 0xD8];
        file.extend_from_slice(&[0xFF, 0xE0, 0, 4, b'J', b'F']); // APP0 kept
        file.extend_from_slice(&[0xFF, 0xE1, 0, 6, b'E', b'x', b'i', b'f']); // APP1 dropped
        file.extend_from_slice(&[0xFF, 0xFE, 0, 4, b'h', b'i']); // comment dropped
        file.extend_from_slice(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        let out = jpeg(&file).unwrap();
        assert_eq!(
            out,
            [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, b'J', b'F', 0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]
        );
        assert!(jpeg(b"not a jpeg").is_none());
        assert!(jpeg(&file[..9]).is_none(), "a truncated file is not guessed at");
    }

    #[test]
    fn png_loses_text_chunks() {
        let chunk = |kind: &[u8; 4], data: &[u8]| {
            let mut c = (data.len() as u32).to_be_bytes().to_vec();
            c.extend_from_slice(kind);
            c.extend_from_slice(data);
            c.extend_from_slice(&[0, 0, 0, 0]);
            c
        };
        let mut file = b"\x89PNG\r\n\x1a\n".to_vec();
        file.extend(chunk(b"IHDR", &[0; 13]));
        file.extend(chunk(b"tEXt", b"Author\0Someone"));
        file.extend(chunk(b"eXIf", b"MM\0*"));
        file.extend(chunk(b"IDAT", &[1, 2]));
        file.extend(chunk(b"IEND", &[]));
        let out = png(&file).unwrap();
        assert!(!out.windows(4).any(|w| w == b"tEXt" || w == b"eXIf"));
        assert!(out.windows(4).any(|w| w == b"IDAT"));
    }
}
