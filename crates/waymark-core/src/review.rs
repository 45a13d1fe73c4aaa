//! The review status of a version and the moves between statuses that review allows.
//!
//! This module only knows the rules; the store records the moves (a version's status is the `to`
//! of its last recorded transition, `draft` when there is none), and the UI asks these rules,
//! through the WebAssembly build, which moves to offer.
//!
//! The safeguards of review live here, so the store, the CLI, the app and the browser preview
//! refuse the same moves in the same words: every move but archiving records a note saying why,
//! publishing needs a version without validation errors, and a version cannot be approved by its
//! own author unless the workspace is set up for solo review (a team of one).

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
                needs_note: needs_note(to),
                note_prompt: note_prompt(self, to).to_owned(),
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

/// A move someone asks review to make, with everything the rules look at.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
pub struct MoveRequest {
    pub from: Status,
    pub to: Status,
    /// The version's validation errors; only publishing looks at them.
    pub errors: usize,
    /// Who saved the version.
    pub author: String,
    /// Who asks for the move.
    pub actor: String,
    /// Why, in the actor's words; required for every move but archiving.
    pub note: Option<String>,
    /// The workspace lets authors approve their own versions (`WorkspaceSettings::solo_review`).
    pub solo_review: bool,
}

/// Why review refuses a move. `Display` gives the reason in words, without naming the version;
/// front ends say which version they mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The move is not one of `from.next_statuses()`.
    NotAllowed { from: Status, to: Status },
    /// Publishing a version that has this many validation errors.
    HasErrors(usize),
    /// The author of the version asks to approve it, and the workspace is not in solo review.
    OwnVersion,
    /// The move needs a note (see `needs_note`) and none was given, or only blanks.
    NoteRequired { from: Status, to: Status },
}

impl Refusal {
    /// The stable name of the refusal, the same as the store error's code (`invalid_transition`,
    /// `publish_blocked`, `self_approval`, `note_required`), so every front end reports it alike.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NotAllowed { .. } => "invalid_transition",
            Refusal::HasErrors(_) => "publish_blocked",
            Refusal::OwnVersion => "self_approval",
            Refusal::NoteRequired { .. } => "note_required",
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Refusal::NotAllowed { from, to } => {
                let article = if from.name().starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
                write!(f, "{article} {from} version cannot become {to}")
            }
            Refusal::HasErrors(errors) => write!(
                f,
                "the version has {errors} validation {}; fix {} before publishing",
                if errors == 1 { "error" } else { "errors" },
                if errors == 1 { "it" } else { "them" }
            ),
            Refusal::OwnVersion => f.write_str(
                "a version cannot be approved by its own author; ask someone else to review it, \
                 or turn on solo review in the workspace settings if you work alone",
            ),
            Refusal::NoteRequired { from, to } => {
                write!(f, "a note is required to {}", move_label(from, to).to_lowercase())
            }
        }
    }
}

impl std::error::Error for Refusal {}

/// Whether a version in status `from` with `errors` validation errors may move to `to`, looking
/// only at the version: the move must be part of review, and publishing needs zero errors. The
/// UI asks it to disable a move before anyone asks for it; `check_move` applies it and the rest.
pub fn check_version_move(from: Status, to: Status, errors: usize) -> Result<(), Refusal> {
    if !from.can_become(to) {
        Err(Refusal::NotAllowed { from, to })
    } else if to == Status::Published && errors > 0 {
        Err(Refusal::HasErrors(errors))
    } else {
        Ok(())
    }
}

/// Every rule of review over one requested move. The store enforces it when it records a move;
/// the browser preview asks the same rule.
///
/// A refusal that a note cannot cure comes first, so nobody writes a note for a move that is
/// refused anyway.
pub fn check_move(request: &MoveRequest) -> Result<(), Refusal> {
    let MoveRequest { from, to, errors, .. } = *request;
    check_version_move(from, to, errors)?;
    if to == Status::Approved && !request.solo_review && same_person(&request.author, &request.actor) {
        return Err(Refusal::OwnVersion);
    }
    if needs_note(to) && trimmed_note(request.note.as_deref()).is_none() {
        return Err(Refusal::NoteRequired { from, to });
    }
    Ok(())
}

/// Whether a move to `to` must record a note. Submitting, approving, asking for changes,
/// reopening and publishing are decisions someone will later ask about; archiving is tidying up.
pub fn needs_note(to: Status) -> bool {
    to != Status::Archived
}

/// A note as it is recorded: without surrounding blanks, and `None` when nothing is left.
pub fn trimmed_note(note: Option<&str>) -> Option<&str> {
    note.map(str::trim).filter(|note| !note.is_empty())
}

/// Whether two names recorded as author or actor are the same person: names are typed by hand
/// (`--author`, `WAYMARK_AUTHOR`, the login name), so case and surrounding blanks do not count.
fn same_person(author: &str, actor: &str) -> bool {
    author.trim().to_lowercase() == actor.trim().to_lowercase()
}

/// One move review allows from a status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct StatusMove {
    pub to: Status,
    /// What the button says: `Submit for review`, `Request changes`.
    pub label: String,
    /// True for the move that takes the version forward.
    pub primary: bool,
    /// The move records a note, and is refused without one (`needs_note`).
    pub needs_note: bool,
    /// The question a note answers for this move: `What did you check?`.
    pub note_prompt: String,
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

fn note_prompt(from: Status, to: Status) -> &'static str {
    match (from, to) {
        (_, Status::Archived) => "Why archive it?",
        (Status::Draft, Status::InReview) => "What should reviewers look at?",
        (Status::InReview, Status::Approved) => "What did you check?",
        (Status::InReview, Status::Draft) => "What needs to change?",
        (Status::Approved, Status::Published) => "What goes live, and why now?",
        (Status::Approved, Status::InReview) => "Why does the approval need another look?",
        _ => "Why?",
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
                let moves: Vec<String> = status
                    .moves()
                    .iter()
                    .map(|m| {
                        let primary = if m.primary { "*" } else { "" };
                        let note = if m.needs_note { format!(" ({})", m.note_prompt) } else { String::new() };
                        format!("{}{primary}{note}", m.label)
                    })
                    .collect();
                format!("{status}: {}", moves.join(", "))
            })
            .collect();
        assert_eq!(
            offered,
            [
                "draft: Submit for review* (What should reviewers look at?), Archive",
                "in_review: Approve* (What did you check?), Request changes (What needs to change?), Archive",
                "approved: Publish* (What goes live, and why now?), \
                 Reopen review (Why does the approval need another look?), Archive",
                "published: Archive",
                "archived: ",
            ]
        );
    }

    /// A request from `from` to `to` that every rule but the one under test lets through: a
    /// version without errors, moved with a note by someone other than its author.
    fn request(from: Status, to: Status) -> MoveRequest {
        MoveRequest {
            from,
            to,
            errors: 0,
            author: "ana".to_owned(),
            actor: "bob".to_owned(),
            note: Some("Checked the copy".to_owned()),
            solo_review: false,
        }
    }

    #[test]
    fn publishing_needs_a_version_without_errors() {
        assert_eq!(check_version_move(Status::Approved, Status::Published, 0), Ok(()));
        assert_eq!(check_version_move(Status::Approved, Status::Published, 2), Err(Refusal::HasErrors(2)));
        assert_eq!(
            check_version_move(Status::Draft, Status::Published, 0),
            Err(Refusal::NotAllowed { from: Status::Draft, to: Status::Published })
        );
        assert_eq!(check_version_move(Status::Draft, Status::InReview, 3), Ok(()), "errors only block publishing");
        let with_errors = MoveRequest { errors: 1, ..request(Status::Approved, Status::Published) };
        assert_eq!(check_move(&with_errors), Err(Refusal::HasErrors(1)));
    }

    #[test]
    fn every_move_but_archiving_needs_a_note() {
        let mut needing = Vec::new();
        for from in Status::ALL {
            for &to in from.next_statuses() {
                let silent = MoveRequest { note: None, ..request(from, to) };
                let blank = MoveRequest { note: Some(" \n\t".to_owned()), ..request(from, to) };
                match check_move(&silent) {
                    Err(refusal @ Refusal::NoteRequired { .. }) => {
                        assert_eq!(check_move(&blank), Err(refusal), "blanks are no note");
                        assert_eq!(check_move(&request(from, to)), Ok(()), "{from}->{to} with a note");
                        needing.push(refusal.to_string());
                    }
                    other => assert_eq!((to, other), (Status::Archived, Ok(()))),
                }
                assert_eq!(from.moves().iter().find(|m| m.to == to).unwrap().needs_note, needs_note(to));
            }
        }
        assert_eq!(
            needing,
            [
                "a note is required to submit for review",
                "a note is required to approve",
                "a note is required to request changes",
                "a note is required to publish",
                "a note is required to reopen review",
            ]
        );
    }

    #[test]
    fn an_author_cannot_approve_their_own_version_unless_the_workspace_reviews_solo() {
        let own = |actor: &str| MoveRequest { actor: actor.to_owned(), ..request(Status::InReview, Status::Approved) };
        assert_eq!(check_move(&own("ana")), Err(Refusal::OwnVersion));
        assert_eq!(check_move(&own(" Ana ")), Err(Refusal::OwnVersion), "names are typed by hand");
        assert_eq!(check_move(&own("bob")), Ok(()));
        assert_eq!(check_move(&MoveRequest { solo_review: true, ..own("ana") }), Ok(()));
        // Only approving is a second pair of eyes: the author submits, publishes and archives.
        for (from, to) in [
            (Status::Draft, Status::InReview),
            (Status::InReview, Status::Draft),
            (Status::Approved, Status::Published),
            (Status::Approved, Status::InReview),
            (Status::Approved, Status::Archived),
        ] {
            assert_eq!(check_move(&MoveRequest { actor: "ana".to_owned(), ..request(from, to) }), Ok(()));
        }
        // A note would not help, so the refusal that says so comes first.
        assert_eq!(check_move(&MoveRequest { note: None, ..own("ana") }), Err(Refusal::OwnVersion));
        assert_eq!(
            Refusal::OwnVersion.to_string(),
            "a version cannot be approved by its own author; ask someone else to review it, \
             or turn on solo review in the workspace settings if you work alone"
        );
    }

    #[test]
    fn refusals_have_the_codes_of_the_store_errors() {
        let refusals = [
            Refusal::NotAllowed { from: Status::Archived, to: Status::Draft },
            Refusal::HasErrors(1),
            Refusal::OwnVersion,
            Refusal::NoteRequired { from: Status::InReview, to: Status::Approved },
        ];
        let described: Vec<String> = refusals.iter().map(|r| format!("{}: {r}", r.code())).collect();
        assert_eq!(
            described,
            [
                "invalid_transition: an archived version cannot become draft",
                "publish_blocked: the version has 1 validation error; fix it before publishing",
                "self_approval: a version cannot be approved by its own author; ask someone else to review it, \
                 or turn on solo review in the workspace settings if you work alone",
                "note_required: a note is required to approve",
            ]
        );
    }

    #[test]
    fn notes_are_recorded_without_surrounding_blanks() {
        assert_eq!(trimmed_note(Some("  Looks good\n")), Some("Looks good"));
        assert_eq!(trimmed_note(Some("   ")), None);
        assert_eq!(trimmed_note(None), None);
    }

    #[test]
    fn a_move_request_reads_from_json() {
        let request: MoveRequest = serde_json::from_str(
            r#"{"from":"in_review","to":"approved","errors":0,"author":"ana","actor":"ana","note":null,"solo_review":false}"#,
        )
        .unwrap();
        assert_eq!(check_move(&request), Err(Refusal::OwnVersion));
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
