//! Reading and writing journey files: every failure names the file and the place in it.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use waymark_core::format::{MAX_DOCUMENT_BYTES, check_size};
use waymark_core::{JourneyDocument, ParseError, parse_bytes};

/// A file that could not be read as a journey.
#[derive(Debug)]
pub struct FileError {
    pub file: PathBuf,
    pub reason: Reason,
}

#[derive(Debug)]
pub enum Reason {
    Io(std::io::Error),
    Write(std::io::Error),
    Parse(ParseError),
}

impl Reason {
    fn of(self, file: &Path) -> FileError {
        FileError { file: file.to_owned(), reason: self }
    }
}

impl FileError {
    /// True when the file was read but is not a journey document.
    pub fn is_parse(&self) -> bool {
        matches!(self.reason, Reason::Parse(_))
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match &self.reason {
            Reason::Io(error) => write!(f, "cannot read {file}: {error}"),
            Reason::Write(error) => write!(f, "cannot write {file}: {error}"),
            Reason::Parse(error) => match error.place() {
                Some(place) if place.starts_with("at ") => write!(f, "{file}: {place}: {}", error.message),
                Some(place) => write!(f, "{file}:{place}: {}", error.message),
                None => write!(f, "{file}: {}", error.message),
            },
        }
    }
}

impl std::error::Error for FileError {}

/// Reads and parses one journey file, refusing oversized files before reading them.
pub fn read_document(path: &Path) -> Result<JourneyDocument, FileError> {
    let bytes = read_bytes(path).map_err(|reason| reason.of(path))?;
    parse_bytes(&bytes).map_err(|error| Reason::Parse(error).of(path))
}

/// Writes a document in canonical form, through a temporary file and a rename so that a crash
/// never leaves half a journey behind.
pub fn write_document(path: &Path, document: &JourneyDocument) -> Result<(), FileError> {
    write_atomically(path, waymark_core::to_canonical_json(document).as_bytes())
}

/// Replaces a file's content all at once.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = std::path::PathBuf::from(temporary);
    std::fs::write(&temporary, bytes).map_err(|e| Reason::Write(e).of(&temporary))?;
    std::fs::rename(&temporary, path).map_err(|e| Reason::Write(e).of(path))
}

/// The raw bytes of a journey file, within the size limit.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Reason> {
    let file = std::fs::File::open(path).map_err(Reason::Io)?;
    let metadata = file.metadata().map_err(Reason::Io)?;
    if metadata.is_dir() {
        return Err(Reason::Io(std::io::Error::other("it is a directory")));
    }
    check_size(metadata.len()).map_err(Reason::Parse)?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // The file may grow while it is read; never read more than the limit allows.
    file.take(MAX_DOCUMENT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(Reason::Io)?;
    check_size(bytes.len() as u64).map_err(Reason::Parse)?;
    Ok(bytes)
}
