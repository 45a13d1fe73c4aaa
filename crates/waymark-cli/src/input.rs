//! Reading journey files: every failure names the file and the place in it.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use waymark_core::format::{MAX_DOCUMENT_BYTES, check_size};
use waymark_core::{JourneyDocument, ParseError, parse_bytes};

/// A file that could not be read as a journey.
#[derive(Debug)]
pub struct InputError {
    pub file: PathBuf,
    pub reason: Reason,
}

#[derive(Debug)]
pub enum Reason {
    Io(std::io::Error),
    Parse(ParseError),
}

impl InputError {
    /// A stable machine code for JSON output.
    pub fn code(&self) -> &'static str {
        match &self.reason {
            Reason::Io(_) => "unreadable_file",
            Reason::Parse(_) => "invalid_journey",
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match &self.reason {
            Reason::Io(error) => write!(f, "cannot read {file}: {error}"),
            Reason::Parse(error) => match error.place() {
                Some(place) if place.starts_with("at ") => write!(f, "{file}: {place}: {}", error.message),
                Some(place) => write!(f, "{file}:{place}: {}", error.message),
                None => write!(f, "{file}: {}", error.message),
            },
        }
    }
}

impl std::error::Error for InputError {}

/// Reads and parses one journey file, refusing oversized files before reading them.
pub fn read_document(path: &Path) -> Result<JourneyDocument, InputError> {
    let fail = |reason| InputError { file: path.to_owned(), reason };
    let bytes = read_bytes(path).map_err(fail)?;
    parse_bytes(&bytes).map_err(|error| fail(Reason::Parse(error)))
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
