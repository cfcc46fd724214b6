/*!
Errors, in three tiers.

- [`LexiconError`] and [`ConfigError`] are fatal at start-up: the binary
  prints them (`file:line: message` for lexicons) and exits with status 2.
- [`DocError`] belongs to one document: that document's record carries it in
  `error`, the run goes on, and the exit status becomes 1.
*/

use std::fmt;

/// One problem in one lexicon file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The file as the user knows it (`lexicons/platforms.tsv`).
    pub file: String,
    /// 1-based line number, 0 when the problem concerns the whole file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for LexiconError {}

/// Every problem found while loading a set of lexicons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconErrors(pub Vec<LexiconError>);

impl fmt::Display for LexiconErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LexiconErrors {}

/// A usage or configuration problem (exit status 2).
#[derive(Debug)]
pub enum ConfigError {
    Lexicons(LexiconErrors),
    Usage(String),
    Io { path: String, error: std::io::Error },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Lexicons(e) => write!(f, "{e}"),
            ConfigError::Usage(m) => write!(f, "{m}"),
            ConfigError::Io { path, error } => write!(f, "{path}: {error}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<LexiconErrors> for ConfigError {
    fn from(e: LexiconErrors) -> Self {
        ConfigError::Lexicons(e)
    }
}

/// Why a document could not be processed (`record.md`, `error.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocErrorKind {
    /// Reading failed.
    Io,
    /// The bytes are not text (NUL bytes, binary).
    NotText,
    /// Larger than `--max-bytes`.
    TooLarge,
    /// A JSON Lines line that is not a usable document.
    BadJson,
    /// Nothing to read.
    Empty,
}

impl DocErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocErrorKind::Io => "io",
            DocErrorKind::NotText => "not_text",
            DocErrorKind::TooLarge => "too_large",
            DocErrorKind::BadJson => "bad_json",
            DocErrorKind::Empty => "empty",
        }
    }
}

/// A per-document error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    pub kind: DocErrorKind,
    pub message: String,
}

impl DocError {
    pub fn new(kind: DocErrorKind, message: impl Into<String>) -> DocError {
        DocError {
            kind,
            message: message.into(),
        }
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.message)
    }
}

impl std::error::Error for DocError {}
