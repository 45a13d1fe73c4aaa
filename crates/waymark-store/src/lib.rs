//! The Waymark version store: journeys, their immutable versions, autosaved drafts and review
//! status, in one SQLite file.
//!
//! **Architecture Invariant:** a version, once committed, is never changed or deleted. Every save
//! appends a new version inside one `BEGIN IMMEDIATE` transaction that first checks the caller's
//! base is still the newest version, so two writers can never overwrite each other: the later one
//! gets `StoreError::Conflict` and nothing is written. SQL triggers refuse `UPDATE` and `DELETE`
//! on versions and status transitions, so not even a bug in this crate can rewrite history.
//!
//! Durability comes from SQLite itself: WAL with `synchronous=FULL`, so a commit that returned is
//! on disk, and a crash or kill at any other moment leaves the previous state.
//!
//! The store never reads the wall clock on its own: time comes from a clock passed in with
//! `Store::with_clock` (the real one by default), and is stored as RFC 3339 UTC text.

mod catalog;
pub mod files;
mod identity;
mod migrations;

use std::cell::OnceCell;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row, TransactionBehavior};
use serde::Serialize;
use sha2::{Digest, Sha256};
use waymark_core::validate::is_valid_journey_id;
use waymark_core::{JourneyDocument, Severity, to_canonical_json, validate_document};

use waymark_core::review::{MoveRequest, Refusal, check_move, trimmed_note};
pub use waymark_core::review::{Status, UnknownStatus};

pub type Result<T> = std::result::Result<T, StoreError>;

/// Everything that can go wrong in the store. `code()` gives a stable name for machines; the
/// messages are written for the person at the keyboard and say what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database at {}: {source}", path.display())]
    Open { path: PathBuf, source: rusqlite::Error },
    /// The path names a directory, a device or a pipe, not a database file.
    #[error("cannot open the database at {}: {reason}", path.display())]
    NotAFile { path: PathBuf, reason: std::io::Error },
    /// The file is an SQLite database that Waymark did not write; it was left as it was.
    #[error("{} is not a Waymark database ({reason})", path.display())]
    NotWaymark { path: PathBuf, reason: String },
    /// SQLite found the file damaged (`SQLITE_CORRUPT`, `SQLITE_NOTADB`) while using it. From then
    /// on the `Store` refuses every write, so nothing is built on top of the damage.
    #[error(
        "the database at {} is damaged ({detail}); nothing more will be written to it: restore it from a backup",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The caller's base is not the newest version: someone else saved in between.
    #[error("{}", conflict_message(journey, *base, *latest))]
    Conflict { journey: String, base: Option<u32>, latest: Option<u32> },
    #[error("there is no journey `{0}`")]
    UnknownJourney(String),
    /// Also returned, with `number: 1`, when asking for the newest version of a journey that has
    /// only a draft: version 1 is the one that does not exist yet.
    #[error("journey `{journey}` has no version {number}")]
    UnknownVersion { journey: String, number: u32 },
    #[error("{}", transition_message(journey, *number, *from, *to))]
    InvalidTransition { journey: String, number: u32, from: Status, to: Status },
    #[error(
        "version {number} of `{journey}` has {errors} validation {}; fix {} before publishing",
        if *errors == 1 { "error" } else { "errors" },
        if *errors == 1 { "it" } else { "them" }
    )]
    PublishBlocked { journey: String, number: u32, errors: usize },
    /// Review records a note with this move, and none was given.
    #[error("version {number} of `{journey}`: {}", Refusal::NoteRequired { from: *from, to: *to })]
    NoteRequired { journey: String, number: u32, from: Status, to: Status },
    /// The author of a version asked to approve it, and the workspace is not in solo review.
    #[error("{author} saved version {number} of `{journey}`, and {}", Refusal::OwnVersion)]
    SelfApproval { journey: String, number: u32, author: String },
    #[error("`{0}` is not a valid journey id: use lowercase letters, digits, `-` and `_`, at most 100 characters")]
    InvalidJourneyId(String),
    #[error(
        "the database was written by a newer Waymark (schema version {found}; this one reads up to {supported}); \
         upgrade Waymark to open it"
    )]
    TooNew { found: u32, supported: u32 },
    /// A stored document that no longer reads back: it does not parse, or its text no longer
    /// matches its hash. `number` is 0 for the journey's draft (versions start at 1).
    #[error("{}", corrupt_message(journey, *number, reason))]
    Corrupt { journey: String, number: u32, reason: String },
    /// A workspace catalog entry that cannot be stored; the message says why, naming the entry.
    #[error("{0}")]
    InvalidCatalogEntry(String),
    #[error("the workspace catalog has no {kind} `{name}`")]
    UnknownCatalogEntry { kind: &'static str, name: String },
    /// A journey file that could not be read or parsed; the message names the file and the place.
    #[error("{0}")]
    File(#[from] files::FileError),
}

/// One saved version of a journey, without its document.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct VersionInfo {
    pub journey: String,
    pub number: u32,
    /// The version that was newest when this one was saved; `None` for version 1.
    pub parent: Option<u32>,
    /// Lowercase hex SHA-256 of the canonical document text.
    pub content_hash: String,
    pub author: String,
    pub message: String,
    pub created_at: DateTime<Utc>,
    pub status: Status,
    /// The move that gave the version its status (who, when, why); `None` for a version still
    /// in the draft it was saved as. Versions never change, so an approval stays with the version
    /// that was approved: a newer version starts again as a draft.
    pub last_transition: Option<Transition>,
}

/// A journey as the journey list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct JourneySummary {
    pub id: String,
    /// The name in the newest version (or in the draft, for a journey not saved yet).
    pub name: String,
    /// `None` for a journey that so far has only a draft.
    pub latest: Option<VersionInfo>,
    pub has_draft: bool,
    /// Archived journeys are hidden from the usual list and can be restored.
    pub archived: bool,
}

/// The outcome of a save.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Saved {
    /// The new version, or the newest one when nothing was created.
    pub version: VersionInfo,
    /// False when the content was identical to the newest version, so no version was made.
    pub created: bool,
}

/// A recorded change of review status.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Transition {
    pub journey: String,
    pub number: u32,
    pub from: Status,
    pub to: Status,
    pub actor: String,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

/// The settings of the whole workspace (the database), not of one journey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, ts_rs::TS)]
pub struct WorkspaceSettings {
    /// The author of a version may approve it: for a workspace of one, where nobody else could.
    /// Off by default, so that approving needs a second person.
    pub solo_review: bool,
}

/// The autosaved working copy of a journey: at most one per journey, replaced on every autosave.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub journey: String,
    /// The version the editing started from; saving the draft uses it as the base.
    pub base: Option<u32>,
    pub document: JourneyDocument,
    pub saved_at: DateTime<Utc>,
}

/// An open Waymark database.
pub struct Store {
    connection: Connection,
    /// The file, for errors that must name it.
    path: PathBuf,
    /// What SQLite said when it first found the file damaged; once set, writes are refused.
    damage: OnceCell<String>,
    clock: Box<dyn Fn() -> DateTime<Utc> + Send>,
}

/// How long a write waits for another process's write to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The columns of a `VersionInfo`, read from `versions v` joined with `VERSION_JOIN`. The status
/// is derived, not stored: the last transition's `to_status`, or `draft` when there is none.
const VERSION_COLUMNS: &str = "v.journey, v.number, v.parent, v.content_hash, v.author, v.message, v.created_at,
    coalesce(t.to_status, 'draft'), t.from_status, t.actor, t.note, t.at";

/// How many columns `VERSION_COLUMNS` has.
const VERSION_COLUMN_COUNT: usize = 12;

/// Joins each version `v` with its last status transition `t`, if it has one.
const VERSION_JOIN: &str = "LEFT JOIN status_transitions t ON t.id =
    (SELECT max(u.id) FROM status_transitions u WHERE u.journey = v.journey AND u.number = v.number)";

impl Store {
    /// Opens the database at `path`, creating the file (but not its directory) if it is missing,
    /// and migrates it to the newest schema. A file that is not a Waymark database is refused
    /// and left byte for byte as it was; a new file that cannot be initialised is removed.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, migrations::MIGRATIONS)
    }

    /// `open` with the list of migrations to apply, so tests can make initialisation fail.
    fn open_with(path: &Path, migrations: &[&str]) -> Result<Store> {
        // A special file is refused before SQLite touches it: on `/dev/null` it would create
        // `/dev/null-journal`, and on a named pipe it would block.
        if let Ok(metadata) = std::fs::metadata(path) {
            files::refuse_special(&metadata)
                .map_err(|reason| StoreError::NotAFile { path: path.to_owned(), reason })?;
        }
        // No `SQLITE_OPEN_URI`: a path is a path, even one that starts with `file:`.
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let created = !path.exists();
        let connection = Connection::open_with_flags(path, flags)
            .map_err(|source| StoreError::Open { path: path.to_owned(), source })?;
        let started = Store::start(connection, path, migrations);
        if started.is_err() && created {
            // The file is ours and holds nothing yet (a full disk leaves it empty): take it away
            // with its journals, so the next attempt starts afresh. The connection is closed by
            // now, and a removal that fails changes nothing about the error to report.
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut name = path.as_os_str().to_owned();
                name.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(name));
            }
        }
        started
    }

    /// A private database that lives as long as the `Store`, for tests and previews.
    pub fn open_in_memory() -> Result<Store> {
        let path = Path::new(":memory:");
        let connection =
            Connection::open_in_memory().map_err(|source| StoreError::Open { path: path.to_owned(), source })?;
        Store::start(connection, path, migrations::MIGRATIONS)
    }

    /// Replaces the clock that stamps versions, transitions and drafts.
    pub fn with_clock(self, clock: impl Fn() -> DateTime<Utc> + Send + 'static) -> Store {
        Store { clock: Box::new(clock), ..self }
    }

    /// The number of migrations the database has had.
    pub fn schema_version(&self) -> Result<u32> {
        self.read(|connection| Ok(migrations::schema_version(connection)?))
    }

    /// Every journey, ordered by id, with its newest version.
    pub fn list_journeys(&self) -> Result<Vec<JourneySummary>> {
        let sql = format!(
            "SELECT j.id, j.name, EXISTS (SELECT 1 FROM drafts d WHERE d.journey = j.id), j.archived_at IS NOT NULL,
                    {VERSION_COLUMNS}
             FROM journeys j
             LEFT JOIN versions v
                 ON v.journey = j.id AND v.number = (SELECT max(number) FROM versions WHERE journey = j.id)
             {VERSION_JOIN}
             ORDER BY j.id"
        );
        self.read(|connection| {
            let mut statement = connection.prepare(&sql)?;
            let rows = statement.query_map([], |row| {
                let latest = match row.get::<_, Option<u32>>(5)? {
                    Some(_) => Some(version_info(row, 4)?),
                    None => None,
                };
                Ok(JourneySummary {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    latest,
                    has_draft: row.get(2)?,
                    archived: row.get(3)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Hides a journey from the usual list; its versions stay, and `unarchive` brings it back.
    pub fn archive(&mut self, journey: &str) -> Result<()> {
        let at = rfc3339(self.now());
        self.set_archived(journey, Some(at))
    }

    /// Brings an archived journey back into the list.
    pub fn unarchive(&mut self, journey: &str) -> Result<()> {
        self.set_archived(journey, None)
    }

    fn set_archived(&mut self, journey: &str, at: Option<String>) -> Result<()> {
        self.write(|connection| {
            let changed = connection.execute("UPDATE journeys SET archived_at = ?2 WHERE id = ?1", (journey, at))?;
            if changed == 0 {
                return Err(StoreError::UnknownJourney(journey.to_owned()));
            }
            Ok(())
        })
    }

    /// The newest version of a journey; `None` when the journey is unknown or has only a draft.
    pub fn latest(&self, journey: &str) -> Result<Option<VersionInfo>> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM versions v {VERSION_JOIN} WHERE v.journey = ?1 ORDER BY v.number DESC LIMIT 1"
        );
        self.read(|connection| Ok(connection.query_row(&sql, [journey], |row| version_info(row, 0)).optional()?))
    }

    /// Every version of a journey, oldest first.
    pub fn history(&self, journey: &str) -> Result<Vec<VersionInfo>> {
        self.read(|connection| {
            require_journey(connection, journey)?;
            let sql = format!(
                "SELECT {VERSION_COLUMNS} FROM versions v {VERSION_JOIN} WHERE v.journey = ?1 ORDER BY v.number"
            );
            let mut statement = connection.prepare(&sql)?;
            let rows = statement.query_map([journey], |row| version_info(row, 0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// One version and its document; `None` asks for the newest.
    pub fn version(&self, journey: &str, number: Option<u32>) -> Result<(VersionInfo, JourneyDocument)> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS}, v.document FROM versions v {VERSION_JOIN}
             WHERE v.journey = ?1 AND v.number = coalesce(?2, (SELECT max(number) FROM versions WHERE journey = ?1))"
        );
        self.read(|connection| {
            let found = connection
                .query_row(&sql, (journey, number), |row| {
                    Ok((version_info(row, 0)?, row.get::<_, String>(VERSION_COLUMN_COUNT)?))
                })
                .optional()?;
            let Some((info, text)) = found else {
                require_journey(connection, journey)?;
                return Err(StoreError::UnknownVersion { journey: journey.to_owned(), number: number.unwrap_or(1) });
            };
            let document = read_document(journey, info.number, &text, &info.content_hash)?;
            Ok((info, document))
        })
    }

    /// Saves `document` as a new version on top of `base`, which must be the newest version
    /// (`None` for a journey with no versions yet). Identical content creates nothing.
    pub fn save_version(
        &mut self,
        document: &JourneyDocument,
        base: Option<u32>,
        author: &str,
        message: &str,
    ) -> Result<Saved> {
        let content = Content::of(document)?;
        let at = self.now();
        self.write(|connection| {
            let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let saved = write_version(&transaction, &content, base, author, message, at)?;
            transaction.commit()?;
            Ok(saved)
        })
    }

    /// Makes a new version with the content of version `number`, on top of the newest.
    pub fn restore(&mut self, journey: &str, number: u32, author: &str) -> Result<Saved> {
        let at = self.now();
        self.write(|connection| {
            let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let (text, content_hash): (String, String) = transaction
                .query_row(
                    "SELECT document, content_hash FROM versions WHERE journey = ?1 AND number = ?2",
                    (journey, number),
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?
                .ok_or_else(|| unknown_version(&transaction, journey, number))?;
            // The stored text is reused byte for byte, so the restored version has the same hash.
            let document = read_document(journey, number, &text, &content_hash)?;
            let content = Content { journey: journey.to_owned(), name: document.name, text, content_hash };
            let newest = newest(&transaction, journey)?.map(|(newest, _)| newest);
            let saved =
                write_version(&transaction, &content, newest, author, &format!("Restore version {number}"), at)?;
            transaction.commit()?;
            Ok(saved)
        })
    }

    /// Moves version `number` to status `to`, recording who did it and why.
    ///
    /// Review's rules (`waymark_core::review::check_move`) decide: every move but archiving needs
    /// a note (recorded without surrounding blanks), publishing requires the version to have no
    /// validation errors, and the version's author may approve it only when the workspace is in
    /// solo review. Publishing archives the version that was published before, so a journey has
    /// at most one published version.
    pub fn set_status(
        &mut self,
        journey: &str,
        number: u32,
        to: Status,
        actor: &str,
        note: Option<&str>,
    ) -> Result<Transition> {
        let at = self.now();
        let note = trimmed_note(note);
        self.write(|connection| {
            let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            require_version(&transaction, journey, number)?;
            let from = current_status(&transaction, journey, number)?;
            let errors = if to == Status::Published {
                let (text, content_hash): (String, String) = transaction.query_row(
                    "SELECT document, content_hash FROM versions WHERE journey = ?1 AND number = ?2",
                    (journey, number),
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )?;
                let (_, diagnostics) = validate_document(read_document(journey, number, &text, &content_hash)?);
                diagnostics.iter().filter(|d| d.severity == Severity::Error).count()
            } else {
                0
            };
            let request = MoveRequest {
                from,
                to,
                errors,
                author: transaction.query_row(
                    "SELECT author FROM versions WHERE journey = ?1 AND number = ?2",
                    (journey, number),
                    |row| row.get(0),
                )?,
                actor: actor.to_owned(),
                note: note.map(str::to_owned),
                solo_review: read_settings(&transaction)?.solo_review,
            };
            check_move(&request).map_err(|refusal| {
                let journey = journey.to_owned();
                match refusal {
                    Refusal::NotAllowed { .. } => StoreError::InvalidTransition { journey, number, from, to },
                    Refusal::HasErrors(errors) => StoreError::PublishBlocked { journey, number, errors },
                    Refusal::OwnVersion => StoreError::SelfApproval { journey, number, author: request.author.clone() },
                    Refusal::NoteRequired { .. } => StoreError::NoteRequired { journey, number, from, to },
                }
            })?;
            if to == Status::Published {
                for previous in published_versions(&transaction, journey)? {
                    let superseded = Transition {
                        journey: journey.to_owned(),
                        number: previous,
                        from: Status::Published,
                        to: Status::Archived,
                        actor: actor.to_owned(),
                        note: Some(format!("superseded by version {number}")),
                        at,
                    };
                    record_transition(&transaction, &superseded)?;
                }
            }
            let transition = Transition {
                journey: journey.to_owned(),
                number,
                from,
                to,
                actor: actor.to_owned(),
                note: note.map(str::to_owned),
                at,
            };
            record_transition(&transaction, &transition)?;
            transaction.commit()?;
            Ok(transition)
        })
    }

    /// The status history of one version, oldest first.
    pub fn transitions(&self, journey: &str, number: u32) -> Result<Vec<Transition>> {
        self.read(|connection| {
            require_version(connection, journey, number)?;
            let mut statement = connection.prepare(
                "SELECT journey, number, from_status, to_status, actor, note, at FROM status_transitions
                 WHERE journey = ?1 AND number = ?2 ORDER BY id",
            )?;
            let rows = statement.query_map((journey, number), |row| {
                Ok(Transition {
                    journey: row.get(0)?,
                    number: row.get(1)?,
                    from: status(row, 2)?,
                    to: status(row, 3)?,
                    actor: row.get(4)?,
                    note: row.get(5)?,
                    at: time(row, 6)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// The workspace settings.
    pub fn workspace_settings(&self) -> Result<WorkspaceSettings> {
        self.read(|connection| Ok(read_settings(connection)?))
    }

    /// Turns solo review on or off: whether the author of a version may approve it.
    pub fn set_solo_review(&mut self, enabled: bool) -> Result<()> {
        self.write(|connection| {
            connection.execute("UPDATE workspace_settings SET solo_review = ?1 WHERE id = 1", [enabled])?;
            Ok(())
        })
    }

    /// Autosaves the working copy of a journey, replacing the previous draft. A journey seen for
    /// the first time is created, so it shows in the list before its first version.
    pub fn save_draft(&mut self, document: &JourneyDocument, base: Option<u32>) -> Result<()> {
        let content = Content::of(document)?;
        let at = self.now();
        self.write(|connection| {
            let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if let Some(base) = base {
                require_version(&transaction, &content.journey, base)?;
            }
            // The name follows the newest version once there is one; until then, the draft's.
            transaction.execute(
                "INSERT INTO journeys (id, name) VALUES (?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name
                 WHERE NOT EXISTS (SELECT 1 FROM versions WHERE journey = excluded.id)",
                (&content.journey, &content.name),
            )?;
            transaction.execute(
                "INSERT INTO drafts (journey, base, content_hash, document, saved_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (journey) DO UPDATE SET
                     base = excluded.base, content_hash = excluded.content_hash,
                     document = excluded.document, saved_at = excluded.saved_at",
                (&content.journey, base, &content.content_hash, &content.text, rfc3339(at)),
            )?;
            transaction.commit()?;
            Ok(())
        })
    }

    /// The draft of a journey, if it has one.
    pub fn draft(&self, journey: &str) -> Result<Option<Draft>> {
        self.read(|connection| {
            let found = connection
                .query_row(
                    "SELECT base, document, content_hash, saved_at FROM drafts WHERE journey = ?1",
                    [journey],
                    |row| {
                        Ok((
                            row.get::<_, Option<u32>>(0)?,
                            row.get::<_, String>(1)?,
                            row.get::<_, String>(2)?,
                            time(row, 3)?,
                        ))
                    },
                )
                .optional()?;
            let Some((base, text, content_hash, saved_at)) = found else { return Ok(None) };
            let document = read_document(journey, 0, &text, &content_hash)?;
            Ok(Some(Draft { journey: journey.to_owned(), base, document, saved_at }))
        })
    }

    /// Throws the draft away. A journey that had nothing but the draft goes with it.
    pub fn discard_draft(&mut self, journey: &str) -> Result<()> {
        self.write(|connection| {
            let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            transaction.execute("DELETE FROM drafts WHERE journey = ?1", [journey])?;
            transaction.execute(
                "DELETE FROM journeys WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM versions WHERE journey = ?1)",
                [journey],
            )?;
            transaction.commit()?;
            Ok(())
        })
    }

    /// Saves each journey that has no version yet as its version 1, all or nothing, and returns
    /// how many were added. Journeys already stored are left as they are.
    pub fn seed(&mut self, documents: &[JourneyDocument], author: &str) -> Result<usize> {
        let contents = documents.iter().map(Content::of).collect::<Result<Vec<_>>>()?;
        let at = self.now();
        self.write(|connection| {
            let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut added = 0;
            for content in &contents {
                if newest(&transaction, &content.journey)?.is_none() {
                    write_version(&transaction, content, None, author, "Example journey", at)?;
                    added += 1;
                }
            }
            transaction.commit()?;
            Ok(added)
        })
    }

    fn start(connection: Connection, path: &Path, migrations: &[&str]) -> Result<Store> {
        let open_error = |source| StoreError::Open { path: path.to_owned(), source };
        connection.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
        connection.pragma_update(None, "foreign_keys", true).map_err(open_error)?;
        connection.pragma_update(None, "synchronous", "FULL").map_err(open_error)?;
        // Find out whose file this is before anything writes to it: switching to WAL rewrites the
        // header, and migrating adds tables, so a file that is not ours (or is from a newer
        // Waymark) must be refused first to stay exactly as it was. Reading the header is also
        // where a file that is not a database at all shows itself.
        let supported = migrations.len() as u32;
        // A damaged page on the way is damage, named as such; a file that is not a database at
        // all cannot be opened.
        let identity = identity::identify(&connection).map_err(|source| match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
                StoreError::Damaged { path: path.to_owned(), detail: source.to_string() }
            }
            _ => open_error(source),
        })?;
        match identity {
            identity::Identity::Foreign { tables } => {
                return Err(StoreError::NotWaymark {
                    path: path.to_owned(),
                    reason: identity::foreign_reason(&tables),
                });
            }
            identity::Identity::Waymark { version, .. } if version > supported => {
                return Err(StoreError::TooNew { found: version, supported });
            }
            identity::Identity::Empty | identity::Identity::Waymark { .. } => {}
        }
        let mut store = Store { connection, path: path.to_owned(), damage: OnceCell::new(), clock: Box::new(Utc::now) };
        store.read(|connection| {
            connection
                .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
                .map_err(open_error)
        })?;
        store.write(|connection| migrations::migrate(connection, migrations))?;
        Ok(store)
    }

    /// Runs a read, noting damage that SQLite reports on the way.
    fn read<T>(&self, read: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let result = read(&self.connection);
        self.noticing_damage(result)
    }

    /// Runs a write, unless the database was found damaged, noting damage SQLite reports.
    fn write<T>(&mut self, write: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        if let Some(detail) = self.damage.get() {
            return Err(StoreError::Damaged { path: self.path.clone(), detail: detail.clone() });
        }
        let result = write(&mut self.connection);
        self.noticing_damage(result)
    }

    /// Turns SQLite's report of a damaged file into `StoreError::Damaged`, naming the file, and
    /// remembers it so that no later write builds on the damage.
    fn noticing_damage<T>(&self, result: Result<T>) -> Result<T> {
        let source = match &result {
            Err(StoreError::Sqlite(source) | StoreError::Open { source, .. }) => source,
            _ => return result,
        };
        match source.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                let detail = self.damage.get_or_init(|| source.to_string()).clone();
                Err(StoreError::Damaged { path: self.path.clone(), detail })
            }
            _ => result,
        }
    }

    /// The clock's time, at the microsecond precision it is stored with, so that what a call
    /// returns equals what reading it back gives.
    fn now(&self) -> DateTime<Utc> {
        (self.clock)().trunc_subsecs(6)
    }
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

fn conflict_message(journey: &str, base: Option<u32>, latest: Option<u32>) -> String {
    match (base, latest) {
        (None, Some(latest)) => format!(
            "journey `{journey}` already exists (its newest version is {latest}); \
             load it and apply your change on top of version {latest}"
        ),
        (Some(base), None) => format!(
            "journey `{journey}` has no versions, but you based your change on version {base}; \
             save it as a new journey instead"
        ),
        (base, latest) => format!(
            "journey `{journey}` has moved on: you based your change on version {}, but the newest is version {}; \
             reload it and apply your change again",
            base.map_or_else(|| "nothing".to_owned(), |b| b.to_string()),
            latest.map_or_else(|| "nothing".to_owned(), |l| l.to_string()),
        ),
    }
}

fn transition_message(journey: &str, number: u32, from: Status, to: Status) -> String {
    let allowed = from.next_statuses();
    if allowed.is_empty() {
        return format!(
            "version {number} of `{journey}` is {from} and cannot become {to}: an archived version never changes; \
             restore it to make a new version"
        );
    }
    let names: Vec<&str> = allowed.iter().map(|status| status.name()).collect();
    format!("version {number} of `{journey}` is {from} and cannot become {to}; it can become {}", names.join(", "))
}

fn corrupt_message(journey: &str, number: u32, reason: &str) -> String {
    let what = match number {
        0 => format!("the draft of `{journey}`"),
        number => format!("version {number} of `{journey}`"),
    };
    format!("{what} is damaged in the database and cannot be read: {reason}")
}

/// A document ready to store: its canonical text and the hash of that text.
struct Content {
    journey: String,
    name: String,
    text: String,
    content_hash: String,
}

impl Content {
    fn of(document: &JourneyDocument) -> Result<Content> {
        if !is_valid_journey_id(&document.id) {
            return Err(StoreError::InvalidJourneyId(document.id.clone()));
        }
        let text = to_canonical_json(document);
        Ok(Content {
            journey: document.id.clone(),
            name: document.name.clone(),
            content_hash: content_hash(&text),
            text,
        })
    }
}

fn content_hash(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// The heart of every save: checks the base, skips identical content, appends the version.
fn write_version(
    connection: &Connection,
    content: &Content,
    base: Option<u32>,
    author: &str,
    message: &str,
    at: DateTime<Utc>,
) -> Result<Saved> {
    let journey = content.journey.as_str();
    let newest = newest(connection, journey)?;
    let latest = newest.as_ref().map(|(number, _)| *number);
    if base != latest {
        return Err(StoreError::Conflict { journey: journey.to_owned(), base, latest });
    }
    let (number, created) = match newest {
        Some((number, hash)) if hash == content.content_hash => (number, false),
        _ => {
            let number = latest.map_or(1, |latest| latest + 1);
            connection.execute(
                "INSERT INTO journeys (id, name) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                (journey, &content.name),
            )?;
            connection.execute(
                "INSERT INTO versions (journey, number, parent, content_hash, document, author, message, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                (journey, number, latest, &content.content_hash, &content.text, author, message, rfc3339(at)),
            )?;
            (number, true)
        }
    };
    // A draft holding exactly what was saved has nothing left to keep. A draft that differs was
    // edited further (or elsewhere) and is kept, or that work would be lost.
    connection
        .execute("DELETE FROM drafts WHERE journey = ?1 AND content_hash = ?2", (journey, &content.content_hash))?;
    let sql = format!("SELECT {VERSION_COLUMNS} FROM versions v {VERSION_JOIN} WHERE v.journey = ?1 AND v.number = ?2");
    let version = connection.query_row(&sql, (journey, number), |row| version_info(row, 0))?;
    Ok(Saved { version, created })
}

/// The number and content hash of a journey's newest version.
fn newest(connection: &Connection, journey: &str) -> rusqlite::Result<Option<(u32, String)>> {
    connection
        .query_row(
            "SELECT number, content_hash FROM versions WHERE journey = ?1 ORDER BY number DESC LIMIT 1",
            [journey],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
}

fn current_status(connection: &Connection, journey: &str, number: u32) -> rusqlite::Result<Status> {
    let last = connection
        .query_row(
            "SELECT to_status FROM status_transitions WHERE journey = ?1 AND number = ?2 ORDER BY id DESC LIMIT 1",
            (journey, number),
            |row| status(row, 0),
        )
        .optional()?;
    Ok(last.unwrap_or(Status::Draft))
}

/// The versions of a journey whose current status is `published` (at most one, by construction).
fn published_versions(connection: &Connection, journey: &str) -> rusqlite::Result<Vec<u32>> {
    let mut statement = connection.prepare(
        "SELECT t.number FROM status_transitions t
         WHERE t.journey = ?1 AND t.to_status = 'published'
           AND t.id = (SELECT max(u.id) FROM status_transitions u WHERE u.journey = t.journey AND u.number = t.number)",
    )?;
    let rows = statement.query_map([journey], |row| row.get(0))?;
    rows.collect()
}

/// The one row of `workspace_settings` (migration 4 inserts it).
fn read_settings(connection: &Connection) -> rusqlite::Result<WorkspaceSettings> {
    connection.query_row("SELECT solo_review FROM workspace_settings WHERE id = 1", [], |row| {
        Ok(WorkspaceSettings { solo_review: row.get(0)? })
    })
}

fn record_transition(connection: &Connection, transition: &Transition) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO status_transitions (journey, number, from_status, to_status, actor, note, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        (
            &transition.journey,
            transition.number,
            transition.from.name(),
            transition.to.name(),
            &transition.actor,
            &transition.note,
            rfc3339(transition.at),
        ),
    )?;
    Ok(())
}

fn require_journey(connection: &Connection, journey: &str) -> Result<()> {
    let exists: bool =
        connection.query_row("SELECT EXISTS (SELECT 1 FROM journeys WHERE id = ?1)", [journey], |row| row.get(0))?;
    if exists { Ok(()) } else { Err(StoreError::UnknownJourney(journey.to_owned())) }
}

fn require_version(connection: &Connection, journey: &str, number: u32) -> Result<()> {
    let exists: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM versions WHERE journey = ?1 AND number = ?2)",
        (journey, number),
        |row| row.get(0),
    )?;
    if exists { Ok(()) } else { Err(unknown_version(connection, journey, number)) }
}

/// The error for a version that is not there: the journey may be missing altogether.
fn unknown_version(connection: &Connection, journey: &str, number: u32) -> StoreError {
    match require_journey(connection, journey) {
        Ok(()) => StoreError::UnknownVersion { journey: journey.to_owned(), number },
        Err(error) => error,
    }
}

/// Reads a stored document back, refusing text that changed since it was hashed or no longer
/// parses, rather than handing out something other than what was saved.
fn read_document(journey: &str, number: u32, text: &str, stored_hash: &str) -> Result<JourneyDocument> {
    let corrupt = |reason: String| StoreError::Corrupt { journey: journey.to_owned(), number, reason };
    if content_hash(text) != stored_hash {
        return Err(corrupt("its text no longer matches its content hash".to_owned()));
    }
    let document = waymark_core::parse(text).map_err(|error| corrupt(error.to_string()))?;
    if document.id != journey {
        return Err(corrupt(format!("it holds journey `{}`", document.id)));
    }
    Ok(document)
}

fn version_info(row: &Row<'_>, first: usize) -> rusqlite::Result<VersionInfo> {
    Ok(VersionInfo {
        journey: row.get(first)?,
        number: row.get(first + 1)?,
        parent: row.get(first + 2)?,
        content_hash: row.get(first + 3)?,
        author: row.get(first + 4)?,
        message: row.get(first + 5)?,
        created_at: time(row, first + 6)?,
        status: status(row, first + 7)?,
        last_transition: last_transition(row, first)?,
    })
}

/// The last transition of the version in `VERSION_COLUMNS` starting at `first`, if it has one.
fn last_transition(row: &Row<'_>, first: usize) -> rusqlite::Result<Option<Transition>> {
    if row.get::<_, Option<String>>(first + 8)?.is_none() {
        return Ok(None);
    }
    Ok(Some(Transition {
        journey: row.get(first)?,
        number: row.get(first + 1)?,
        from: status(row, first + 8)?,
        to: status(row, first + 7)?,
        actor: row.get(first + 9)?,
        note: row.get(first + 10)?,
        at: time(row, first + 11)?,
    }))
}

/// A status column: the names `Status` parses, as the store writes them.
fn status(row: &Row<'_>, index: usize) -> rusqlite::Result<Status> {
    let text: String = row.get(index)?;
    text.parse()
        .map_err(|error| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(error)))
}

fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn time(row: &Row<'_>, index: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(index)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|error| rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connections_are_durable_and_check_foreign_keys() {
        let directory = tempfile::tempdir().unwrap();
        let store = Store::open(&directory.path().join("waymark.db")).unwrap();
        let journal_mode: String = store.connection.pragma_query_value(None, "journal_mode", |row| row.get(0)).unwrap();
        let pragma = |name: &str| -> i64 { store.connection.pragma_query_value(None, name, |row| row.get(0)).unwrap() };
        assert_eq!(journal_mode, "wal");
        // 2 is FULL: every commit waits for the WAL to reach the disk.
        assert_eq!(pragma("synchronous"), 2);
        assert_eq!(pragma("foreign_keys"), 1);
        assert_eq!(pragma("busy_timeout"), 5000);
    }

    #[test]
    fn conflict_messages_say_what_happened_and_what_to_do() {
        let message = |base, latest| StoreError::Conflict { journey: "welcome".into(), base, latest }.to_string();
        assert_eq!(
            message(Some(2), Some(3)),
            "journey `welcome` has moved on: you based your change on version 2, but the newest is version 3; \
             reload it and apply your change again"
        );
        assert_eq!(
            message(None, Some(3)),
            "journey `welcome` already exists (its newest version is 3); load it and apply your change on top of version 3"
        );
        assert_eq!(
            message(Some(1), None),
            "journey `welcome` has no versions, but you based your change on version 1; save it as a new journey instead"
        );
    }

    #[test]
    fn a_new_database_that_cannot_be_initialised_is_removed() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("waymark.db");
        // The second migration fails halfway, as a full disk would.
        let failing = ["CREATE TABLE journeys (id TEXT NOT NULL PRIMARY KEY) STRICT;", "CREATE TABLE versions (;"];
        let error = Store::open_with(&path, &failing).unwrap_err();
        assert!(matches!(error, StoreError::Sqlite(_)), "{error:?}");
        assert_eq!(std::fs::read_dir(directory.path()).unwrap().count(), 0, "no file and no journal is left");

        // A file that was there before is not ours to remove, even when it is empty.
        std::fs::write(&path, b"").unwrap();
        Store::open_with(&path, &failing).unwrap_err();
        assert!(path.exists());
        Store::open(&path).unwrap();
    }

    #[test]
    fn once_damage_is_found_the_store_names_the_file_and_writes_nothing_more() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("waymark.db");
        let mut store = Store::open(&path).unwrap();
        let document = waymark_core::generate::journey(5);
        store.save_version(&document, None, "ada", "one").unwrap();
        let page_size: u64 = store.connection.pragma_query_value(None, "page_size", |row| row.get(0)).unwrap();
        let versions_page: u64 = store
            .connection
            .query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'versions'", [], |row| row.get(0))
            .unwrap();
        drop(store);

        // Garbage over the page of the versions table only: reading history meets it, turning
        // on solo review alone would not.
        let mut bytes = std::fs::read(&path).unwrap();
        let start = ((versions_page - 1) * page_size) as usize;
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for byte in &mut bytes[start..start + page_size as usize] {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            *byte = (seed >> 56) as u8;
        }
        std::fs::write(&path, &bytes).unwrap();

        let mut store = Store::open(&path).unwrap();
        let error = store.history(&document.id).unwrap_err();
        assert!(matches!(&error, StoreError::Damaged { path: named, .. } if *named == path), "{error:?}");
        assert!(error.to_string().starts_with(&format!("the database at {} is damaged (", path.display())), "{error}");
        let error = store.set_solo_review(true).unwrap_err();
        assert!(matches!(error, StoreError::Damaged { .. }), "{error:?}");
        drop(store);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "nothing was written");
    }

    #[test]
    fn times_round_trip_at_microsecond_precision() {
        let at = DateTime::parse_from_rfc3339("2025-05-06T07:08:09.123456789Z").unwrap().with_timezone(&Utc);
        assert_eq!(rfc3339(at.trunc_subsecs(6)), "2025-05-06T07:08:09.123456Z");
    }
}
