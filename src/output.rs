//! The files a build produces, as data: every stage that makes files (search, render) returns
//! them, and [`write`](crate::write) is the one place that puts them on disk. A leaf module.

use std::path::PathBuf;

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// What to write.
    pub body: OutputBody,
}

/// The content of an output file.
#[derive(Debug, Clone)]
pub enum OutputBody {
    /// Bytes produced by the build.
    Bytes(Vec<u8>),
    /// A file copied as it is.
    Copy(PathBuf),
}

impl OutputFile {
    /// A file of bytes produced by the build.
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile { path: path.into(), body: OutputBody::Bytes(bytes.into()) }
    }
}

/// Where a stage hands the files it makes as it makes them (the build's staging folder), so
/// producers never depend on the writer.
pub trait FileSink: Sync {
    /// Takes one file; safe to call from many threads.
    fn put(&self, file: &OutputFile) -> crate::error::Result<()>;
}
