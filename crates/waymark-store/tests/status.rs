//! Review status: the allowed moves, the record of who moved what, and the rules of publishing.

mod common;

use common::{at, broken_journey, journey, memory_store};
use waymark_store::{Status, StoreError, Transition};

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
    store.set_status("welcome", 1, Status::InReview, "ada", None).unwrap();
    store.set_status("welcome", 1, Status::Approved, "bob", None).unwrap();
    let moves: Vec<_> = store
        .transitions("welcome", 1)
        .unwrap()
        .into_iter()
        .map(|t| format!("{}->{} by {}", t.from, t.to, t.actor))
        .collect();
    assert_eq!(
        moves,
        ["draft->in_review by ada", "in_review->draft by bob", "draft->in_review by ada", "in_review->approved by bob"]
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
        store.set_status("welcome", 1, Status::Draft, "ada", None),
        Err(StoreError::InvalidTransition { .. })
    ));
    assert_eq!(store.transitions("welcome", 1).unwrap(), []);

    store.set_status("welcome", 1, Status::Archived, "ada", None).unwrap();
    for to in Status::ALL {
        let error = store.set_status("welcome", 1, to, "ada", None).unwrap_err();
        assert!(matches!(error, StoreError::InvalidTransition { from: Status::Archived, .. }), "{error:?}");
    }
    assert_eq!(store.transitions("welcome", 1).unwrap().len(), 1);
}

#[test]
fn status_of_unknown_versions_is_an_error() {
    let mut store = memory_store();
    assert!(matches!(store.set_status("nope", 1, Status::InReview, "ada", None), Err(StoreError::UnknownJourney(_))));
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    assert!(matches!(
        store.set_status("welcome", 2, Status::InReview, "ada", None),
        Err(StoreError::UnknownVersion { number: 2, .. })
    ));
}

#[test]
fn publishing_requires_zero_validation_errors() {
    let mut store = memory_store();
    store.save_version(&broken_journey("welcome"), None, "ada", "one").unwrap();
    store.set_status("welcome", 1, Status::InReview, "ada", None).unwrap();
    store.set_status("welcome", 1, Status::Approved, "bob", None).unwrap();
    let error = store.set_status("welcome", 1, Status::Published, "bob", None).unwrap_err();
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
            store.set_status("welcome", number, to, "bob", None).unwrap();
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
            store.set_status(id, 1, to, "bob", None).unwrap();
        }
    }
    assert_eq!(store.latest("welcome").unwrap().unwrap().status, Status::Published);
    assert_eq!(store.latest("winback").unwrap().unwrap().status, Status::Published);
}
