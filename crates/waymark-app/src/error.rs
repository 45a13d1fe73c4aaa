//! The errors the front ends show, as `{ code, message }`: `code` is one of `ErrorCode`, so the UI
//! branches on a typed union generated from this enum and never on message text.

use serde::Serialize;
use ts_rs::TS;
use waymark_core::request::RequestError;
use waymark_store::StoreError;
use waymark_store::files::FileError;

/// Every kind of failure a front end can meet, for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The database cannot be opened.
    Open,
    /// SQLite failed.
    Sqlite,
    /// Someone saved a newer version since the caller's base.
    Conflict,
    UnknownJourney,
    UnknownVersion,
    /// Review does not allow this status move.
    InvalidTransition,
    /// Publishing a version with validation errors.
    PublishBlocked,
    /// A review move that records a note was asked for without one.
    NoteRequired,
    /// The author of a version asked to approve it, and the workspace is not in solo review.
    SelfApproval,
    InvalidJourneyId,
    /// The database was written by a newer Waymark.
    TooNew,
    /// The file is an SQLite database of another application; it was left as it was.
    NotWaymark,
    /// SQLite found the database file damaged; writes to it stop.
    DamagedDatabase,
    /// A stored document no longer reads back.
    Corrupt,
    /// A file cannot be read or written.
    File,
    /// A file is not a journey document.
    InvalidJourney,
    /// A simulation request with a value out of range or an unknown scenario.
    InvalidSimulation,
    /// The simulation stopped unexpectedly.
    SimulationFailed,
    /// An export format refused the journey (validation errors, or something it cannot express).
    ExportRefused,
    /// A workspace catalog entry with a name or type the catalog does not take.
    InvalidCatalogEntry,
    /// The workspace catalog has no such entry (someone removed it meanwhile).
    UnknownCatalogEntry,
    /// Anything else: a failure the front end did not expect (a bug), shown as it came.
    Internal,
}

/// An error as a front end shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AppError {
    pub code: ErrorCode,
    /// What happened, for people.
    pub message: String,
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

/// The code of a store error.
pub fn store_code(error: &StoreError) -> ErrorCode {
    match error {
        StoreError::Open { .. } | StoreError::NotAFile { .. } => ErrorCode::Open,
        StoreError::Sqlite(_) => ErrorCode::Sqlite,
        StoreError::Conflict { .. } => ErrorCode::Conflict,
        StoreError::UnknownJourney(_) => ErrorCode::UnknownJourney,
        StoreError::UnknownVersion { .. } => ErrorCode::UnknownVersion,
        StoreError::InvalidTransition { .. } => ErrorCode::InvalidTransition,
        StoreError::PublishBlocked { .. } => ErrorCode::PublishBlocked,
        StoreError::NoteRequired { .. } => ErrorCode::NoteRequired,
        StoreError::SelfApproval { .. } => ErrorCode::SelfApproval,
        StoreError::InvalidJourneyId(_) => ErrorCode::InvalidJourneyId,
        StoreError::TooNew { .. } => ErrorCode::TooNew,
        StoreError::NotWaymark { .. } => ErrorCode::NotWaymark,
        StoreError::Damaged { .. } => ErrorCode::DamagedDatabase,
        StoreError::Corrupt { .. } => ErrorCode::Corrupt,
        StoreError::File(error) => file_code(error),
        StoreError::InvalidCatalogEntry(_) => ErrorCode::InvalidCatalogEntry,
        StoreError::UnknownCatalogEntry { .. } => ErrorCode::UnknownCatalogEntry,
    }
}

/// The code of a file error.
pub fn file_code(error: &FileError) -> ErrorCode {
    if error.is_parse() { ErrorCode::InvalidJourney } else { ErrorCode::File }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> AppError {
        AppError { code: store_code(&error), message: error.to_string() }
    }
}

impl From<RequestError> for AppError {
    fn from(error: RequestError) -> AppError {
        AppError { code: ErrorCode::InvalidSimulation, message: error.to_string() }
    }
}

impl ErrorCode {
    /// The name on the wire and in `--json` output.
    pub fn name(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use waymark_store::Status;

    use super::*;

    #[test]
    fn every_error_has_a_distinct_stable_code() {
        let errors = [
            StoreError::Open { path: "x".into(), source: rusqlite::Error::InvalidQuery },
            StoreError::Sqlite(rusqlite::Error::InvalidQuery),
            StoreError::Conflict { journey: "j".into(), base: None, latest: Some(1) },
            StoreError::UnknownJourney("j".into()),
            StoreError::UnknownVersion { journey: "j".into(), number: 1 },
            StoreError::InvalidTransition {
                journey: "j".into(),
                number: 1,
                from: Status::Draft,
                to: Status::Published,
            },
            StoreError::PublishBlocked { journey: "j".into(), number: 1, errors: 2 },
            StoreError::NoteRequired { journey: "j".into(), number: 1, from: Status::Draft, to: Status::InReview },
            StoreError::SelfApproval { journey: "j".into(), number: 1, author: "ana".into() },
            StoreError::InvalidJourneyId("J".into()),
            StoreError::TooNew { found: 3, supported: 2 },
            StoreError::Corrupt { journey: "j".into(), number: 1, reason: "r".into() },
            StoreError::NotWaymark { path: "x".into(), reason: "r".into() },
            StoreError::Damaged { path: "x".into(), detail: "d".into() },
            StoreError::InvalidCatalogEntry("`` : Give it a name.".into()),
            StoreError::UnknownCatalogEntry { kind: "event", name: "e".into() },
        ];
        let codes: Vec<String> = errors.iter().map(|e| store_code(e).name()).collect();
        assert_eq!(
            codes.join(" "),
            "open sqlite conflict unknown_journey unknown_version invalid_transition publish_blocked \
             note_required self_approval invalid_journey_id too_new corrupt not_waymark damaged_database \
             invalid_catalog_entry unknown_catalog_entry"
        );
    }

    /// The browser preview reports a refusal of review with `Refusal::code`; it must be the code
    /// the app gives the same refusal coming from the store.
    #[test]
    fn review_refusals_have_the_codes_of_their_store_errors() {
        use waymark_core::review::Refusal;

        let (journey, number) = ("j".to_owned(), 1);
        let (from, to) = (Status::Draft, Status::InReview);
        let pairs = [
            (
                Refusal::NotAllowed { from, to },
                StoreError::InvalidTransition { journey: journey.clone(), number, from, to },
            ),
            (Refusal::HasErrors(2), StoreError::PublishBlocked { journey: journey.clone(), number, errors: 2 }),
            (Refusal::OwnVersion, StoreError::SelfApproval { journey: journey.clone(), number, author: "ana".into() }),
            (Refusal::NoteRequired { from, to }, StoreError::NoteRequired { journey, number, from, to }),
        ];
        for (refusal, error) in pairs {
            assert_eq!(refusal.code(), store_code(&error).name());
        }
    }
}
