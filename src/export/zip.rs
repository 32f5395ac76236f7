//! A minimal, deterministic zip writer (PKWARE APPNOTE 6.3: local headers, central directory,
//! end record; no zip64, no extra fields). Every entry has the same timestamp (1980-01-01,
//! the format's epoch) and entries keep the order they are added in, so the same files give
//! the same bytes. EPUB's `mimetype` goes first and stored; everything else is deflated.

use std::io::Write;

use crate::error::{Error, Result};

/// The MS-DOS date of 1980-01-01 (day 1, month 1, year 0 from 1980), time 00:00.
const DOS_DATE: u16 = (1 << 5) | 1;
const DOS_TIME: u16 = 0;
/// Version 2.0: deflate and folders.
const VERSION: u16 = 20;
/// General-purpose flag bit 11: the name is UTF-8.
const UTF8_NAME: u16 = 1 << 11;

/// How an entry's bytes are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// As they are (EPUB's `mimetype` must be).
    Store,
    /// Deflated.
    Deflate,
}

/// Builds a zip archive in memory.
#[derive(Debug, Default)]
pub struct ZipWriter {
    out: Vec<u8>,
    central: Vec<u8>,
    entries: usize,
}

impl ZipWriter {
    /// An empty archive.
    pub fn new() -> Self {
        ZipWriter::default()
    }

    /// Adds one file; `name` is its `/`-separated path in the archive.
    pub fn add(&mut self, name: &str, bytes: &[u8], method: Method) -> Result<()> {
        let data = match method {
            Method::Store => bytes.to_vec(),
            Method::Deflate => deflate(bytes)?,
        };
        let too_big = |what: &str| Error::Usage(format!("`{name}` is too large for a zip {what}"));
        let size = u32::try_from(bytes.len()).map_err(|_| too_big("entry"))?;
        let packed = u32::try_from(data.len()).map_err(|_| too_big("entry"))?;
        let offset = u32::try_from(self.out.len()).map_err(|_| too_big("archive"))?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_big("name"))?;
        let header = Header {
            flags: if name.is_ascii() { 0 } else { UTF8_NAME },
            method: if method == Method::Store { 0 } else { 8 },
            crc: crc32(bytes),
            packed,
            size,
            name_len,
        };
        put_u32(&mut self.out, 0x0403_4b50);
        header.put(&mut self.out);
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(&data);
        put_u32(&mut self.central, 0x0201_4b50);
        put_u16(&mut self.central, VERSION);
        header.put(&mut self.central);
        // Comment length, disk number, internal and external attributes, header offset.
        for field in [0u16, 0, 0] {
            put_u16(&mut self.central, field);
        }
        put_u32(&mut self.central, 0);
        put_u32(&mut self.central, offset);
        self.central.extend_from_slice(name.as_bytes());
        self.entries += 1;
        Ok(())
    }

    /// The finished archive: the entries, the central directory and the end record.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        let too_many = || Error::Usage("too many files for a zip archive".into());
        let entries = u16::try_from(self.entries).map_err(|_| too_many())?;
        let central_size = u32::try_from(self.central.len()).map_err(|_| too_many())?;
        let central_offset = u32::try_from(self.out.len()).map_err(|_| too_many())?;
        self.out.extend_from_slice(&self.central);
        put_u32(&mut self.out, 0x0605_4b50);
        // This disk, the disk the directory starts on, entries here and in all.
        for field in [0u16, 0, entries, entries] {
            put_u16(&mut self.out, field);
        }
        put_u32(&mut self.out, central_size);
        put_u32(&mut self.out, central_offset);
        put_u16(&mut self.out, 0);
        Ok(self.out)
    }
}

/// The fields a local header and a central directory entry share, from "version needed".
struct Header {
    flags: u16,
    method: u16,
    crc: u32,
    packed: u32,
    size: u32,
    name_len: u16,
}

impl Header {
    fn put(&self, out: &mut Vec<u8>) {
        for field in [VERSION, self.flags, self.method, DOS_TIME, DOS_DATE] {
            put_u16(out, field);
        }
        for field in [self.crc, self.packed, self.size] {
            put_u32(out, field);
        }
        put_u16(out, self.name_len);
        put_u16(out, 0);
    }
}

fn put_u16(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn put_u32(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

/// Raw deflate (no zlib header), as zip's method 8 wants.
fn deflate(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    let failed = |e| Error::Usage(format!("compressing a file for the archive failed: {e}"));
    encoder.write_all(bytes).map_err(failed)?;
    encoder.finish().map_err(failed)
}

/// The CRC-32 table (polynomial 0xEDB88320, reflected), built at compile time.
const CRC_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        let mut c = n as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// The CRC-32 zip stores for each entry.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc = CRC_TABLE[((crc ^ u32::from(byte)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_check_value() {
        // The standard check value of CRC-32 over "123456789".
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn stored_entry_is_laid_out_as_the_format_says() {
        let mut zip = ZipWriter::new();
        zip.add("mimetype", b"application/epub+zip", Method::Store).unwrap();
        let bytes = zip.finish().unwrap();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        // The name starts at 30 and the data right after it: what EPUB readers look for.
        assert_eq!(&bytes[30..38], b"mimetype");
        assert_eq!(&bytes[38..58], b"application/epub+zip");
        assert_eq!(&bytes[bytes.len() - 22..bytes.len() - 18], b"PK\x05\x06");
    }

    #[test]
    fn same_files_give_same_bytes() {
        let build = || {
            let mut zip = ZipWriter::new();
            zip.add("a.txt", b"hello hello hello", Method::Deflate).unwrap();
            zip.add("b/c.txt", "é".as_bytes(), Method::Deflate).unwrap();
            zip.finish().unwrap()
        };
        assert_eq!(build(), build());
    }
}
