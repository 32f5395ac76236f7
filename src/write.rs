//! Stage 5, write: the one place files reach the disk. A build commits its output files to a
//! staging folder beside the output folder and swaps it in with renames, so a failed or killed
//! build leaves the last good site in place; the dev server rewrites, in place, only the files
//! whose bytes changed ([`LiveOutput`]). Both go through one writer that refuses any path
//! leaving the output folder.
//! Refuses output folders that would destroy something: the source, `/`, the home folder, or a
//! non-empty folder that is not a previous attune build.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::output::{OutputBody, OutputFile};

/// The file that marks a folder as attune's output, so later builds may replace it.
pub const MARKER: &str = ".attune-build";

/// Checks that building into `out` cannot destroy anything it should not.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<()> {
    let root = absolute(root);
    let out_abs = absolute(out);
    let refuse =
        |why: &str| Err(Error::Usage(format!("refusing to build into `{}`: {why}", out.display())));
    if out_abs.parent().is_none() {
        return refuse("it is the filesystem root; pass --out public (or another new folder)");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if absolute(&home) == out_abs {
            return refuse("it is your home folder; pass --out public (or another new folder)");
        }
    }
    if out_abs == root || root.starts_with(&out_abs) {
        return refuse("it holds the site's source; pass --out public (or another new folder)");
    }
    for source in ["content", "templates", "theme"] {
        if out_abs.starts_with(root.join(source)) {
            return refuse(&format!(
                "it is inside the site's `{source}/` folder; pass --out public"
            ));
        }
    }
    if out_abs.is_file() {
        return refuse("it is a file");
    }
    if out_abs.is_dir() && !out_abs.join(MARKER).is_file() {
        let empty = std::fs::read_dir(&out_abs)
            .map_err(|e| Error::io("reading", &out_abs, e))?
            .next()
            .is_none();
        if !empty {
            return refuse(
                "it is a non-empty folder that attune did not build; empty it, or choose another --out",
            );
        }
    }
    Ok(())
}

/// What writing did.
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteStats {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// A build in progress: a folder beside the output that files are written into (from any
/// thread, as they are rendered), swapped in for the output only when everything is written.
/// Dropped without [`Staging::commit`], it removes itself and the last good site stays.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    files: std::sync::atomic::AtomicUsize,
    bytes: std::sync::atomic::AtomicU64,
    committed: bool,
}

impl Staging {
    /// Prepares an empty staging folder for `out` (and cleans up after a killed build).
    pub fn new(out: &Path) -> Result<Staging> {
        let out = absolute(out);
        let parent = out.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        std::fs::create_dir_all(&parent).map_err(|e| Error::io("creating folder", &parent, e))?;
        recover_interrupted_swap(&parent, &name, &out)?;
        let dir = parent.join(format!(".{name}.attune-staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io("removing", &dir, e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io("creating folder", &dir, e))?;
        Ok(Staging { out, dir, files: 0.into(), bytes: 0.into(), committed: false })
    }

    /// Writes one file (its folders are created as needed). Safe to call from many threads.
    pub fn write(&self, file: &OutputFile) -> Result<()> {
        use std::sync::atomic::Ordering;
        let written = put_file(&self.dir, file)?;
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(written, Ordering::Relaxed);
        Ok(())
    }

    /// Writes many files in parallel.
    pub fn write_all(&self, files: &[OutputFile]) -> Result<()> {
        files.par_iter().try_for_each(|file| self.write(file))
    }

    /// Adds the build marker and swaps the staging folder in for the output.
    pub fn commit(mut self) -> Result<WriteStats> {
        use std::sync::atomic::Ordering;
        let marker = self.dir.join(MARKER);
        std::fs::write(&marker, concat!("attune ", env!("CARGO_PKG_VERSION"), "\n"))
            .map_err(|e| Error::io("writing", &marker, e))?;
        let parent = self.out.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let name =
            self.out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let old = parent.join(format!(".{name}.attune-old-{}", std::process::id()));
        if self.out.exists() {
            std::fs::rename(&self.out, &old)
                .map_err(|e| Error::io("moving aside", &self.out, e))?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.out) {
            let _ = std::fs::rename(&old, &self.out);
            return Err(Error::io("moving into place", &self.out, e));
        }
        self.committed = true;
        if old.exists() {
            std::fs::remove_dir_all(&old)
                .map_err(|e| Error::io("removing the previous build", &old, e))?;
        }
        Ok(WriteStats {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }
}

impl crate::output::FileSink for Staging {
    fn put(&self, file: &OutputFile) -> Result<()> {
        self.write(file)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Output paths come partly from content (section ids, file names); a path with `..` or a
/// root would write outside the output folder, so it is refused before it is written.
fn refuse_outside(file: &OutputFile) -> Result<()> {
    if is_inside(&file.path) {
        return Ok(());
    }
    let why =
        std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path leaves the output folder");
    Err(Error::io("writing", &file.path, why))
}

/// Whether a relative output path stays inside its folder: plain names only, no `..`, no root.
fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path).components().all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Writes a file, creating its folder only when the write finds it missing (one system call
/// in the common case instead of two: file creation is the dominant cost on slow disks).
fn write_creating_folders(path: &Path, bytes: &[u8]) -> Result<()> {
    // Most pages are `<slug>/index.html` in a folder of their own that does not exist yet:
    // making the folder first spares a failed open for each of them.
    if let Some(parent) = path.parent() {
        match std::fs::create_dir(parent) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(_) => std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("creating folder", parent, e))?,
        }
    }
    std::fs::write(path, bytes).map_err(|e| Error::io("writing", path, e))
}

/// The one writer: puts `file` under `dir`, refusing a path that leaves it, creating folders
/// as needed; returns the bytes written. Builds call it through [`Staging`], the dev server
/// through [`LiveOutput`].
fn put_file(dir: &Path, file: &OutputFile) -> Result<u64> {
    refuse_outside(file)?;
    let path = dir.join(&file.path);
    match &file.body {
        OutputBody::Bytes(bytes) => {
            write_creating_folders(&path, bytes)?;
            Ok(bytes.len() as u64)
        }
        OutputBody::Copy(source) => {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Error::io("creating folder", parent, e))?;
            }
            std::fs::copy(source, &path).map_err(|e| Error::io("copying", source, e))
        }
    }
}

/// The image cache folder beside the output (`.attune-cache/` next to `public/`): encoded
/// images are kept there between builds. It holds a `.gitignore` that ignores it all.
#[derive(Debug)]
pub struct CacheFolder {
    dir: PathBuf,
}

impl CacheFolder {
    /// The cache folder for output folder `out`, created with its `.gitignore` if missing.
    pub fn beside(out: &Path) -> Result<CacheFolder> {
        let out = absolute(out);
        let parent = out.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let dir = parent.join(".attune-cache").join("images");
        let ignore = OutputFile::bytes(".gitignore", "# attune's image cache: safe to delete\n*\n");
        put_file(&parent.join(".attune-cache"), &ignore)?;
        Ok(CacheFolder { dir })
    }

    /// The folder cache entries are read from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl crate::output::FileSink for CacheFolder {
    fn put(&self, file: &OutputFile) -> Result<()> {
        put_file(&self.dir, file).map(|_| ())
    }
}

/// The dev server's output folder: it stays live while the server reads it, so files are
/// written in place, and only those whose content changed since the last write.
#[derive(Debug)]
pub struct LiveOutput {
    dir: PathBuf,
    /// Output path -> fingerprint of what is on disk.
    written: HashMap<String, u64>,
}

impl LiveOutput {
    /// An output folder nothing has been written to yet by this server.
    pub fn new(dir: &Path) -> Self {
        LiveOutput { dir: dir.to_path_buf(), written: HashMap::new() }
    }

    /// Writes the files whose content changed; returns how many. With `complete`, the files are
    /// the whole site and anything else written earlier (a deleted page) is removed.
    pub fn update(&mut self, files: &[OutputFile], complete: bool) -> Result<usize> {
        let mut count = 0;
        for file in files {
            let fingerprint = fingerprint(&file.body)?;
            let unchanged = self.written.get(&file.path) == Some(&fingerprint)
                && self.dir.join(&file.path).is_file();
            if !unchanged {
                put_file(&self.dir, file)?;
                self.written.insert(file.path.clone(), fingerprint);
                count += 1;
            }
        }
        if complete {
            let produced: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
            let stale: Vec<String> =
                self.written.keys().filter(|p| !produced.contains(p.as_str())).cloned().collect();
            for path in stale {
                let _ = std::fs::remove_file(self.dir.join(&path));
                self.written.remove(&path);
            }
        }
        Ok(count)
    }
}

/// What tells one version of a file from another: its bytes (FNV-1a), or for a copied file its
/// size and modification time, so a rebuild never re-reads every static file.
fn fingerprint(body: &OutputBody) -> Result<u64> {
    let bytes: Vec<u8> = match body {
        OutputBody::Bytes(bytes) => return Ok(fnv1a(bytes)),
        OutputBody::Copy(source) => {
            let meta = std::fs::metadata(source).map_err(|e| Error::io("reading", source, e))?;
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            let mut key = source.to_string_lossy().into_owned().into_bytes();
            key.extend_from_slice(&meta.len().to_le_bytes());
            key.extend_from_slice(&modified.to_le_bytes());
            key
        }
    };
    Ok(fnv1a(&bytes) ^ 0x5bd1_e995)
}

/// FNV-1a: a fast, stable fingerprint to tell whether a file's bytes changed.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash ^ bytes.len() as u64
}

/// Cleans up after a build that was killed: stale staging folders go; if the output folder is
/// missing but a moved-aside previous build exists, it is put back.
fn recover_interrupted_swap(parent: &Path, name: &str, out: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    let staging_prefix = format!(".{name}.attune-staging-");
    let old_prefix = format!(".{name}.attune-old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if file_name.starts_with(&staging_prefix) {
            std::fs::remove_dir_all(&path).map_err(|e| Error::io("removing", &path, e))?;
        } else if file_name.starts_with(&old_prefix) {
            if out.exists() {
                std::fs::remove_dir_all(&path).map_err(|e| Error::io("removing", &path, e))?;
            } else {
                std::fs::rename(&path, out).map_err(|e| Error::io("restoring", &path, e))?;
            }
        }
    }
    Ok(())
}

/// An absolute, normalised path (symlinks resolved where the path exists).
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return canonical;
    }
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    // Resolve the deepest existing ancestor, then append the rest.
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut result = std::fs::canonicalize(&existing).unwrap_or(existing);
    for part in rest.into_iter().rev() {
        if part == ".." {
            result.pop();
        } else if part != "." {
            result.push(part);
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_must_stay_inside() {
        assert!(is_inside("articles/a/x/index.html"));
        assert!(!is_inside("articles/../../../pwned/index.html"));
        assert!(!is_inside("/etc/passwd"));
        assert!(!is_inside(""));
    }

    #[test]
    fn fingerprint_tells_bytes_apart() {
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
        assert_eq!(fnv1a(b"same"), fnv1a(b"same"));
    }

    #[test]
    fn live_output_writes_only_changed_files_and_removes_stale_ones() {
        let dir = std::env::temp_dir().join(format!("attune-live-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut live = LiveOutput::new(&dir);
        let a = OutputFile::bytes("a/index.html", b"one".to_vec());
        let b = OutputFile::bytes("b.txt", b"two".to_vec());
        assert_eq!(live.update(&[a.clone(), b.clone()], true).unwrap(), 2);
        assert_eq!(live.update(&[a.clone(), b], true).unwrap(), 0);
        let a2 = OutputFile::bytes("a/index.html", b"changed".to_vec());
        assert_eq!(live.update(&[a2], true).unwrap(), 1);
        assert!(!dir.join("b.txt").exists(), "a file the site no longer has is removed");
        assert_eq!(std::fs::read(dir.join("a/index.html")).unwrap(), b"changed");
        let escape = OutputFile::bytes("../escaped.html", b"x".to_vec());
        assert!(live.update(&[escape], false).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn put_file_refuses_a_path_that_climbs_out() {
        let dir = std::env::temp_dir().join(format!("attune-put-file-{}", std::process::id()));
        let file = OutputFile::bytes("articles/../../escaped.html", b"x".to_vec());
        let error = put_file(&dir, &file).unwrap_err().to_string();
        assert!(
            error.contains("articles/../../escaped.html")
                && error.contains("leaves the output folder"),
            "{error}"
        );
        assert!(!dir.parent().unwrap().join("escaped.html").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
