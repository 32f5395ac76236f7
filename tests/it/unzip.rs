//! A small zip reader for the export tests (the browser tests include it too): reads the
//! central directory and each entry's local header, inflating deflated entries with flate2.
//! It checks what it reads (signatures, sizes, CRC) so a malformed archive fails the test.

#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::io::Read;

/// One entry of an archive, in archive order.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) name: String,
    /// 0 stored, 8 deflated.
    pub(crate) method: u16,
    pub(crate) bytes: Vec<u8>,
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

/// Every entry of a zip archive, in central-directory order.
#[track_caller]
pub(crate) fn read(archive: &[u8]) -> Vec<Entry> {
    let end = archive.len() - 22;
    assert_eq!(u32_at(archive, end), 0x0605_4b50, "end of central directory record");
    let count = usize::from(u16_at(archive, end + 10));
    let mut at = u32_at(archive, end + 16) as usize;
    let mut entries = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(archive, at), 0x0201_4b50, "central directory entry");
        let method = u16_at(archive, at + 10);
        let crc = u32_at(archive, at + 16);
        let packed = u32_at(archive, at + 20) as usize;
        let size = u32_at(archive, at + 24) as usize;
        let name_len = usize::from(u16_at(archive, at + 28));
        let extra = usize::from(u16_at(archive, at + 30)) + usize::from(u16_at(archive, at + 32));
        let local = u32_at(archive, at + 42) as usize;
        let name = String::from_utf8(archive[at + 46..at + 46 + name_len].to_vec()).expect("name");
        assert_eq!(u32_at(archive, local), 0x0403_4b50, "local header of {name}");
        let data = local
            + 30
            + usize::from(u16_at(archive, local + 26))
            + usize::from(u16_at(archive, local + 28));
        let raw = &archive[data..data + packed];
        let bytes = match method {
            0 => raw.to_vec(),
            8 => {
                let mut out = Vec::new();
                flate2::read::DeflateDecoder::new(raw).read_to_end(&mut out).expect("inflate");
                out
            }
            other => panic!("{name}: unknown method {other}"),
        };
        assert_eq!(bytes.len(), size, "{name}: size");
        let mut hasher = flate2::Crc::new();
        hasher.update(&bytes);
        assert_eq!(hasher.sum(), crc, "{name}: CRC-32");
        entries.push(Entry { name, method, bytes });
        at += 46 + name_len + extra;
    }
    entries
}
