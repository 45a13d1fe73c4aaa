//! The review status of a version and the moves between statuses that review allows.
//!
//! This module only knows the rules; the store records the moves (a version's status is the `to`
//! of its last recorded transition, `draft` when there is none), and the UI asks these rules,
//! through the WebAssembly build, which moves to offer.

use std::fmt;
use std::str::FromStr;

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownStatus(pub String);

impl fmt::Display for UnknownStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown status `{}`; use draft, in_review, approved, published or archived", self.0)
    }
}

impl std::error::Error for UnknownStatus {}

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

    /// The moves review offers from this status, each with the words a button shows; the first
    /// is the one that takes the version forward.
    pub fn moves(self) -> Vec<StatusMove> {
        self.next_statuses()
            .iter()
            .enumerate()
            .map(|(position, &to)| StatusMove {
                to,
                label: move_label(self, to).to_owned(),
                primary: position == 0 && to != Status::Archived,
            })
            .collect()
    }

    /// The status as people read it: `In review`.
    pub fn title(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InReview => "In review",
            Status::Approved => "Approved",
            Status::Published => "Published",
            Status::Archived => "Archived",
        }
    }
}

/// Why review refuses a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The move is not one of `from.next_statuses()`.
    NotAllowed,
    /// Publishing a version that has this many validation errors.
    HasErrors(usize),
}

/// Whether a version in status `from` with `errors` validation errors may move to `to`. The store
/// enforces it when it records a move; the browser preview asks the same rule.
pub fn check_move(from: Status, to: Status, errors: usize) -> Result<(), Refusal> {
    if !from.can_become(to) {
        Err(Refusal::NotAllowed)
    } else if to == Status::Published && errors > 0 {
        Err(Refusal::HasErrors(errors))
    } else {
        Ok(())
    }
}

/// One move review allows from a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct StatusMove {
    pub to: Status,
    /// What the button says: `Submit for review`, `Request changes`.
    pub label: String,
    /// True for the move that takes the version forward.
    pub primary: bool,
}

fn move_label(from: Status, to: Status) -> &'static str {
    match (from, to) {
        (_, Status::Archived) => "Archive",
        (Status::Draft, Status::InReview) => "Submit for review",
        (Status::InReview, Status::Approved) => "Approve",
        (Status::InReview, Status::Draft) => "Request changes",
        (Status::Approved, Status::Published) => "Publish",
        (Status::Approved, Status::InReview) => "Reopen review",
        _ => to.title(),
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
    fn each_status_offers_its_moves_forward_first() {
        let offered: Vec<String> = Status::ALL
            .iter()
            .map(|status| {
                let moves: Vec<String> =
                    status.moves().iter().map(|m| format!("{}{}", m.label, if m.primary { "*" } else { "" })).collect();
                format!("{status}: {}", moves.join(", "))
            })
            .collect();
        assert_eq!(
            offered,
            [
                "draft: Submit for review*, Archive",
                "in_review: Approve*, Request changes, Archive",
                "approved: Publish*, Reopen review, Archive",
                "published: Archive",
                "archived: ",
            ]
        );
    }

    #[test]
    fn publishing_needs_a_version_without_errors() {
        assert_eq!(check_move(Status::Approved, Status::Published, 0), Ok(()));
        assert_eq!(check_move(Status::Approved, Status::Published, 2), Err(Refusal::HasErrors(2)));
        assert_eq!(check_move(Status::Draft, Status::Published, 0), Err(Refusal::NotAllowed));
        assert_eq!(check_move(Status::Draft, Status::InReview, 3), Ok(()), "errors only block publishing");
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
