//! Review status: the allowed moves, the record of who moved what and why, the rules of
//! publishing, and the review safeguards (notes, no approving one's own version).

mod common;

use common::{at, broken_journey, file_store, journey, memory_store};
use waymark_store::{Status, StoreError, Transition, WorkspaceSettings};

/// The note a test gives a move that needs one, when the note is not what it is about.
const NOTE: Option<&str> = Some("ok");

#[test]
fn a_new_version_is_a_draft_and_each_move_is_recorded() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    let first = store.set_status("welcome", 1, Status::InReview, "ada", Some("please look")).unwrap();
    assert_eq!(
        first,
        Transition {
            journey: "welcome".into(),
            number: 1,
            from: Status::Draft,
            to: Status::InReview,
            actor: "ada".into(),
            note: Some("please look".into()),
            at: at(1),
        }
    );
    store.set_status("welcome", 1, Status::Draft, "bob", Some("subject is too long")).unwrap();
    store.set_status("welcome", 1, Status::InReview, "ada", Some("fixed it")).unwrap();
    store.set_status("welcome", 1, Status::Approved, "bob", Some("good to go")).unwrap();
    let moves: Vec<_> = store
        .transitions("welcome", 1)
        .unwrap()
        .into_iter()
        .map(|t| format!("{}->{} by {}: {}", t.from, t.to, t.actor, t.note.unwrap()))
        .collect();
    assert_eq!(
        moves,
        [
            "draft->in_review by ada: please look",
            "in_review->draft by bob: subject is too long",
            "draft->in_review by ada: fixed it",
            "in_review->approved by bob: good to go"
        ]
    );
    assert_eq!(store.latest("welcome").unwrap().unwrap().status, Status::Approved);
    assert_eq!(store.list_journeys().unwrap()[0].latest.as_ref().unwrap().status, Status::Approved);
}

#[test]
fn moves_outside_the_review_flow_are_refused_and_not_recorded() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    let error = store.set_status("welcome", 1, Status::Published, "ada", None).unwrap_err();
    assert!(
        matches!(error, StoreError::InvalidTransition { number: 1, from: Status::Draft, to: Status::Published, .. }),
        "{error:?}"
    );
    assert!(matches!(error, StoreError::InvalidTransition { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "version 1 of `welcome` is draft and cannot become published; it can become in_review, archived"
    );
    assert!(matches!(
        store.set_status("welcome", 1, Status::Draft, "ada", NOTE),
        Err(StoreError::InvalidTransition { .. })
    ));
    assert_eq!(store.transitions("welcome", 1).unwrap(), []);

    store.set_status("welcome", 1, Status::Archived, "ada", None).unwrap();
    for to in Status::ALL {
        let error = store.set_status("welcome", 1, to, "ada", NOTE).unwrap_err();
        assert!(matches!(error, StoreError::InvalidTransition { from: Status::Archived, .. }), "{error:?}");
    }
    assert_eq!(store.transitions("welcome", 1).unwrap().len(), 1);
}

#[test]
fn status_of_unknown_versions_is_an_error() {
    let mut store = memory_store();
    assert!(matches!(store.set_status("nope", 1, Status::InReview, "ada", NOTE), Err(StoreError::UnknownJourney(_))));
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    assert!(matches!(
        store.set_status("welcome", 2, Status::InReview, "ada", NOTE),
        Err(StoreError::UnknownVersion { number: 2, .. })
    ));
}

#[test]
fn publishing_requires_zero_validation_errors() {
    let mut store = memory_store();
    store.save_version(&broken_journey("welcome"), None, "ada", "one").unwrap();
    store.set_status("welcome", 1, Status::InReview, "ada", NOTE).unwrap();
    store.set_status("welcome", 1, Status::Approved, "bob", NOTE).unwrap();
    let error = store.set_status("welcome", 1, Status::Published, "bob", NOTE).unwrap_err();
    assert!(matches!(error, StoreError::PublishBlocked { number: 1, errors: 2, .. }), "{error:?}");
    assert!(matches!(error, StoreError::PublishBlocked { .. }), "{error:?}");
    assert_eq!(error.to_string(), "version 1 of `welcome` has 2 validation errors; fix them before publishing");
    assert_eq!(store.latest("welcome").unwrap().unwrap().status, Status::Approved);
}

#[test]
fn publishing_archives_the_version_published_before() {
    let mut store = memory_store();
    for (number, subject) in [(1, "Hi"), (2, "Hello")] {
        let base = (number > 1).then_some(number - 1);
        store.save_version(&journey("welcome", "Welcome", subject), base, "ada", "save").unwrap();
        for to in [Status::InReview, Status::Approved, Status::Published] {
            store.set_status("welcome", number, to, "bob", NOTE).unwrap();
        }
    }
    let statuses: Vec<_> = store.history("welcome").unwrap().iter().map(|v| v.status).collect();
    assert_eq!(statuses, [Status::Archived, Status::Published]);
    let superseded = store.transitions("welcome", 1).unwrap().pop().unwrap();
    assert_eq!((superseded.from, superseded.to), (Status::Published, Status::Archived));
    assert_eq!(superseded.actor, "bob");
    assert_eq!(superseded.note.as_deref(), Some("superseded by version 2"));
    // Recorded in the same transaction, at the same moment as the publication.
    assert_eq!(superseded.at, store.transitions("welcome", 2).unwrap().pop().unwrap().at);
}

#[test]
fn publishing_leaves_other_journeys_alone() {
    let mut store = memory_store();
    for id in ["welcome", "winback"] {
        store.save_version(&journey(id, "J", "Hi"), None, "ada", "one").unwrap();
        for to in [Status::InReview, Status::Approved, Status::Published] {
            store.set_status(id, 1, to, "bob", NOTE).unwrap();
        }
    }
    assert_eq!(store.latest("welcome").unwrap().unwrap().status, Status::Published);
    assert_eq!(store.latest("winback").unwrap().unwrap().status, Status::Published);
}

#[test]
fn every_move_but_archiving_needs_a_note_and_a_refused_move_records_nothing() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    for note in [None, Some(""), Some("  \n ")] {
        let error = store.set_status("welcome", 1, Status::InReview, "ada", note).unwrap_err();
        assert!(
            matches!(error, StoreError::NoteRequired { number: 1, from: Status::Draft, to: Status::InReview, .. }),
            "{error:?}"
        );
        assert_eq!(error.to_string(), "version 1 of `welcome`: a note is required to submit for review");
    }
    assert_eq!(store.transitions("welcome", 1).unwrap(), []);
    assert_eq!(store.latest("welcome").unwrap().unwrap().status, Status::Draft);

    // The note is recorded as the reviewer meant it, without the blanks around it.
    let submitted =
        store.set_status("welcome", 1, Status::InReview, "ada", Some("  Please check the subject\n")).unwrap();
    assert_eq!(submitted.note.as_deref(), Some("Please check the subject"));
    for (to, actor) in [(Status::Draft, "bob"), (Status::InReview, "ada"), (Status::Approved, "bob")] {
        let error = store.set_status("welcome", 1, to, actor, None).unwrap_err();
        assert!(matches!(error, StoreError::NoteRequired { .. }), "{to}: {error:?}");
        store.set_status("welcome", 1, to, actor, NOTE).unwrap();
    }
    for to in [Status::Published, Status::InReview] {
        assert!(matches!(store.set_status("welcome", 1, to, "bob", Some(" ")), Err(StoreError::NoteRequired { .. })));
    }
    // Archiving is tidying up: no note needed, and a blank one is recorded as none.
    let archived = store.set_status("welcome", 1, Status::Archived, "bob", Some("  ")).unwrap();
    assert_eq!((archived.to, archived.note), (Status::Archived, None));
}

#[test]
fn an_author_cannot_approve_their_own_version() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.set_status("welcome", 1, Status::InReview, "ada", Some("please look")).unwrap();
    let error = store.set_status("welcome", 1, Status::Approved, "ada", Some("looks fine to me")).unwrap_err();
    assert!(matches!(&error, StoreError::SelfApproval { number: 1, author, .. } if author == "ada"), "{error:?}");
    assert_eq!(
        error.to_string(),
        "ada saved version 1 of `welcome`, and a version cannot be approved by its own author; \
         ask someone else to review it, or turn on solo review in the workspace settings if you work alone"
    );
    // Without a note too: the refusal a note would not cure comes first.
    assert!(matches!(
        store.set_status("welcome", 1, Status::Approved, "ada", None),
        Err(StoreError::SelfApproval { .. })
    ));
    assert_eq!(store.transitions("welcome", 1).unwrap().len(), 1, "nothing recorded");
    assert_eq!(store.latest("welcome").unwrap().unwrap().status, Status::InReview);

    // The author still publishes what someone else approved.
    store.set_status("welcome", 1, Status::Approved, "bob", Some("checked the copy")).unwrap();
    store.set_status("welcome", 1, Status::Published, "ada", Some("launch")).unwrap();
    assert_eq!(store.latest("welcome").unwrap().unwrap().status, Status::Published);
}

#[test]
fn solo_review_lets_an_author_approve_their_own_version_and_is_kept_in_the_database() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    let mut store = file_store(&path);
    assert_eq!(store.workspace_settings().unwrap(), WorkspaceSettings { solo_review: false });
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.set_status("welcome", 1, Status::InReview, "ada", NOTE).unwrap();

    store.set_solo_review(true).unwrap();
    drop(store);
    let mut store = file_store(&path);
    assert_eq!(store.workspace_settings().unwrap(), WorkspaceSettings { solo_review: true });
    let approved = store.set_status("welcome", 1, Status::Approved, "ada", Some("I work alone")).unwrap();
    assert_eq!((approved.to, approved.actor.as_str()), (Status::Approved, "ada"));
    // Solo review waives the second person, not the note.
    store.set_status("welcome", 1, Status::InReview, "ada", Some("one more look")).unwrap();
    assert!(matches!(
        store.set_status("welcome", 1, Status::Approved, "ada", None),
        Err(StoreError::NoteRequired { .. })
    ));

    store.set_solo_review(false).unwrap();
    assert_eq!(store.workspace_settings().unwrap(), WorkspaceSettings { solo_review: false });
    assert!(matches!(
        store.set_status("welcome", 1, Status::Approved, "ada", NOTE),
        Err(StoreError::SelfApproval { .. })
    ));
}

#[test]
fn each_version_shows_who_moved_it_last_and_why() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.set_status("welcome", 1, Status::InReview, "ada", Some("please look")).unwrap();
    let approval = store.set_status("welcome", 1, Status::Approved, "bob", Some("checked consent")).unwrap();
    // A newer version does not inherit the approval: it starts as a draft, with no move yet.
    store.save_version(&journey("welcome", "Welcome", "Hello"), Some(1), "ada", "two").unwrap();

    let history = store.history("welcome").unwrap();
    assert_eq!(history[0].status, Status::Approved);
    assert_eq!(history[0].last_transition, Some(approval.clone()));
    assert_eq!((history[1].status, &history[1].last_transition), (Status::Draft, &None));
    assert_eq!(store.version("welcome", Some(1)).unwrap().0.last_transition, Some(approval));
    let listed = store.list_journeys().unwrap()[0].latest.clone().unwrap();
    assert_eq!((listed.number, listed.last_transition), (2, None));
}
