//! The review status of a version and the moves between statuses that review allows.
//!
//! A version is never edited, so its status is not a column of `versions`: it is the `to` of the
//! last row of the append-only `status_transitions` table for that version, and `draft` when there
//! is none. This module only knows the rules; `Store::set_status` records the moves.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

/// Where a version stands in review: `draft → in_review → approved → published → archived`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    InReview,
    Approved,
    Published,
    Archived,
}

/// A status name that is not one of `Status::ALL`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status `{0}`; use draft, in_review, approved, published or archived")]
pub struct UnknownStatus(pub String);

impl Status {
    pub const ALL: [Status; 5] =
        [Status::Draft, Status::InReview, Status::Approved, Status::Published, Status::Archived];

    /// The name used in the database, in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Approved => "approved",
            Status::Published => "published",
            Status::Archived => "archived",
        }
    }

    /// The statuses a version in this status may move to.
    ///
    /// Review can send a version back one step (a reviewer asks for changes, an approval is
    /// reopened), but a published version can only be archived: what ran in production must
    /// stay on record as it was. Nothing leaves `archived`; restoring makes a new version.
    pub fn next_statuses(self) -> &'static [Status] {
        match self {
            Status::Draft => &[Status::InReview, Status::Archived],
            Status::InReview => &[Status::Approved, Status::Draft, Status::Archived],
            Status::Approved => &[Status::Published, Status::InReview, Status::Archived],
            Status::Published => &[Status::Archived],
            Status::Archived => &[],
        }
    }

    pub fn can_become(self, to: Status) -> bool {
        self.next_statuses().contains(&to)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Status {
    type Err = UnknownStatus;

    fn from_str(text: &str) -> Result<Status, UnknownStatus> {
        Status::ALL.into_iter().find(|status| status.name() == text).ok_or_else(|| UnknownStatus(text.to_owned()))
    }
}

impl ToSql for Status {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.name()))
    }
}

impl FromSql for Status {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Status> {
        value.as_str()?.parse().map_err(|error| FromSqlError::Other(Box::new(error)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole transition table, written out so that a change to the rules shows up here.
    #[test]
    fn allowed_transitions_are_exactly_the_review_flow() {
        let mut allowed = Vec::new();
        for from in Status::ALL {
            for to in Status::ALL {
                if from.can_become(to) {
                    allowed.push(format!("{from}->{to}"));
                }
            }
        }
        assert_eq!(
            allowed.join(" "),
            "draft->in_review draft->archived \
             in_review->draft in_review->approved in_review->archived \
             approved->in_review approved->published approved->archived \
             published->archived"
        );
    }

    #[test]
    fn names_round_trip_through_from_str_and_serde() {
        for status in Status::ALL {
            assert_eq!(status.name().parse::<Status>(), Ok(status));
            assert_eq!(serde_json::to_string(&status).unwrap(), format!("\"{status}\""));
        }
        assert_eq!(
            "review".parse::<Status>().unwrap_err().to_string(),
            "unknown status `review`; use draft, in_review, approved, published or archived"
        );
    }
}
