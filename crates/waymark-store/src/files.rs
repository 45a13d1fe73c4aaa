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
///
/// The bytes go to a new temporary file beside the target, created exclusively under a name no
/// other writer uses (so an existing file or symlink at that name is never followed or
/// overwritten), flushed to disk and renamed over the target. On any failure the temporary file is
/// removed and the target is left as it was. A target that exists and is not a regular file (a
/// directory, a named pipe, a device) is refused.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    replace_through_temporary(path, |file| std::io::Write::write_all(file, bytes))
}

/// `write_atomically` with the writing step given, so that its failures can be tested.
fn replace_through_temporary(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), FileError> {
    if let Ok(metadata) = std::fs::metadata(path) {
        refuse_special(&metadata).map_err(|e| Reason::Write(e).of(path))?;
    }
    let (temporary, mut file) = create_temporary(path).map_err(|e| Reason::Write(e).of(path))?;
    let written = write(&mut file).and_then(|()| file.sync_all()).and_then(|()| std::fs::rename(&temporary, path));
    drop(file);
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        Reason::Write(e).of(path)
    })
}

/// Creates a new, empty temporary file in the target's folder: `.<name>.<process>-<n>.tmp`,
/// trying further numbers while the name is taken.
fn create_temporary(path: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "the path does not name a file"))?;
    let folder = path.parent().unwrap_or(Path::new(""));
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    for _ in 0..100 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let mut temporary = std::ffi::OsString::from(".");
        temporary.push(name);
        temporary.push(format!(".{}-{nanos:x}{n}.tmp", std::process::id()));
        let temporary = folder.join(temporary);
        // `create_new` is O_CREAT|O_EXCL: it fails on any existing entry, symlinks included,
        // rather than following it.
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&temporary) {
            Ok(file) => return Ok((temporary, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "no free temporary file name beside it"))
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
    #[test]
    fn writes_replace_the_file_and_leave_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.journey.json");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.journey.json"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_at_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, b"precious").unwrap();
        let path = dir.path().join("a.journey.json");
        // The fixed name the writer used to use, planted by someone else.
        std::os::unix::fs::symlink(&victim, dir.path().join("a.journey.json.tmp")).unwrap();
        write_atomically(&path, b"journey").unwrap();
        assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
        assert_eq!(std::fs::read(&path).unwrap(), b"journey");
    }

    #[test]
    fn a_directory_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).unwrap();
        let error = write_atomically(&target, b"journey").unwrap_err();
        assert!(error.to_string().contains("it is a directory, not a regular file"), "{error}");
        assert!(target.is_dir());
    }

    #[test]
    fn a_failed_write_removes_its_temporary_and_keeps_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("b.journey.json");
        write_atomically(&target, b"old").unwrap();
        let failing = |file: &mut std::fs::File| {
            std::io::Write::write_all(file, b"half")?;
            Err(std::io::Error::other("disk full"))
        };
        let error = replace_through_temporary(&target, failing).unwrap_err();
        assert!(error.to_string().contains("disk full"), "{error}");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["b.journey.json"]);
        assert_eq!(std::fs::read(&target).unwrap(), b"old");
    }
}
