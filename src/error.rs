//! Operational failures: I/O, templates, refused output folders. Content problems are
//! [`Diagnostic`](crate::diagnostics::Diagnostic)s instead; they end a build as
//! [`Error::Content`]. Every I/O variant carries its path, so no bare "No such file" reaches a user.

use std::fmt;
use std::path::{Path, PathBuf};

/// Anything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io {
        /// What was being done ("reading", "writing", "creating folder").
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A template failed to compile or render.
    Template {
        /// The template name.
        name: String,
        /// Tera's message chain.
        message: String,
    },
    /// The content has errors; the diagnostics were already printed or returned.
    Content {
        /// Every finding, errors and warnings, sorted by file and line.
        diagnostics: Vec<crate::diagnostics::Located>,
    },
    /// The command was used wrongly (bad flag value, refused output folder).
    Usage(String),
}

impl Error {
    /// Wraps an I/O error with what was done and to which path.
    pub fn io(action: &'static str, path: impl AsRef<Path>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.as_ref().to_path_buf(), source }
    }

    /// The process exit code for this error: 1 for content errors, 2 for usage, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { action, path, source } => {
                write!(f, "{action} `{}` failed: {source}", path.display())
            }
            Error::Template { name, message } => write!(f, "template `{name}`: {message}"),
            Error::Content { diagnostics } => {
                let errors = diagnostics
                    .iter()
                    .filter(|d| d.severity == crate::diagnostics::Severity::Error)
                    .count();
                let s = if errors == 1 { "" } else { "s" };
                write!(f, "the site has {errors} error{s}; nothing was written")
            }
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
