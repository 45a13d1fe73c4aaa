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
    let (file, len) = open_regular(path).map_err(Reason::Io)?;
    check_size(len).map_err(Reason::Parse)?;
    let mut bytes = Vec::with_capacity(len as usize);
    // The file may grow while it is read; never read more than the limit allows.
    file.take(MAX_DOCUMENT_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(Reason::Io)?;
    check_size(bytes.len() as u64).map_err(Reason::Parse)?;
    Ok(bytes)
}

/// The bytes of a regular file of at most `cap` bytes, for inputs other than journeys
/// (scenarios). Anything larger is refused without reading more than `cap + 1` bytes.
pub fn read_capped(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    let limit = if cap >= 1_048_576 && cap.is_multiple_of(1_048_576) {
        format!("{} MB", cap / 1_048_576)
    } else {
        format!("{cap} bytes")
    };
    let too_large = || {
        std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("it is larger than {limit}, the most Waymark reads"),
        )
    };
    let (file, len) = open_regular(path)?;
    if len > cap {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Opens a file for reading, with its length, when it is a regular file.
///
/// The kind is checked before opening: opening a named pipe blocks until something writes to
/// it, and a device or `/dev/zero` never ends. It is checked again on the open file, in case the
/// path was replaced in between.
pub fn open_regular(path: &Path) -> std::io::Result<(std::fs::File, u64)> {
    refuse_special(&std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    refuse_special(&metadata)?;
    Ok((file, metadata.len()))
}

/// Refuses an existing path that is not a regular file (a directory, a named pipe, a device, a
/// socket), in words that say what it is instead.
pub fn refuse_special(metadata: &std::fs::Metadata) -> std::io::Result<()> {
    let kind = special_kind(&metadata.file_type());
    match kind {
        None => Ok(()),
        Some(kind) => {
            Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("it is {kind}, not a regular file")))
        }
    }
}

fn special_kind(file_type: &std::fs::FileType) -> Option<&'static str> {
    if file_type.is_file() {
        return None;
    }
    if file_type.is_dir() {
        return Some("a directory");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("a special file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_larger_than_their_cap_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.scenario.json");
        std::fs::write(&path, [b' '; 11]).unwrap();
        assert_eq!(read_capped(&path, 11).unwrap().len(), 11);
        let error = read_capped(&path, 10).unwrap_err();
        assert_eq!(error.to_string(), "it is larger than 10 bytes, the most Waymark reads");
    }

    #[test]
    fn directories_are_refused_by_kind() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_capped(dir.path(), 10).unwrap_err();
        assert_eq!(error.to_string(), "it is a directory, not a regular file");
    }
}
