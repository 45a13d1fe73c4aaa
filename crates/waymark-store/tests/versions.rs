//! Saving, reading and restoring versions; drafts; seeding.

mod common;

use common::{at, clock, file_store, journey, memory_store};
use sha2::{Digest, Sha256};
use waymark_store::{Saved, Status, Store, StoreError, VersionInfo};

#[test]
fn the_first_save_is_version_one_with_no_parent() {
    let mut store = memory_store();
    let saved = store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "First cut").unwrap();
    let text = waymark_core::to_canonical_json(&journey("welcome", "Welcome", "Hi"));
    assert_eq!(
        saved,
        Saved {
            version: VersionInfo {
                journey: "welcome".into(),
                number: 1,
                parent: None,
                content_hash: format!("{:x}", Sha256::digest(text.as_bytes())),
                author: "ada".into(),
                message: "First cut".into(),
                created_at: at(0),
                status: Status::Draft,
                last_transition: None,
            },
            created: true,
        }
    );
    assert_eq!(store.history("welcome").unwrap(), vec![saved.version.clone()]);
    let (info, document) = store.version("welcome", None).unwrap();
    assert_eq!(info, saved.version);
    assert_eq!(document, journey("welcome", "Welcome", "Hi"));
}

#[test]
fn each_save_appends_a_version_whose_parent_is_the_previous_newest() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.save_version(&journey("welcome", "Welcome", "Hello"), Some(1), "bob", "two").unwrap();
    store.save_version(&journey("welcome", "Welcome", "Hey"), Some(2), "ada", "three").unwrap();
    let history = store.history("welcome").unwrap();
    let summary: Vec<_> = history.iter().map(|v| (v.number, v.parent, v.message.as_str(), v.created_at)).collect();
    assert_eq!(summary, [(1, None, "one", at(0)), (2, Some(1), "two", at(1)), (3, Some(2), "three", at(2))]);
    assert_eq!(store.latest("welcome").unwrap().unwrap().number, 3);
    let (old, document) = store.version("welcome", Some(2)).unwrap();
    assert_eq!((old.number, document), (2, journey("welcome", "Welcome", "Hello")));
}

#[test]
fn saving_identical_content_creates_nothing() {
    let mut store = memory_store();
    let first = store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    let again = store.save_version(&journey("welcome", "Welcome", "Hi"), Some(1), "bob", "again").unwrap();
    assert!(!again.created);
    assert_eq!(again.version, first.version);
    assert_eq!(store.history("welcome").unwrap().len(), 1);
}

#[test]
fn content_is_hashed_in_canonical_form_so_node_order_does_not_matter() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    let mut shuffled = journey("welcome", "Welcome", "Hi");
    shuffled.nodes.reverse();
    shuffled.edges.reverse();
    let saved = store.save_version(&shuffled, Some(1), "ada", "same thing").unwrap();
    assert!(!saved.created);
}

#[test]
fn a_save_on_a_stale_base_is_a_conflict_and_writes_nothing() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.save_version(&journey("welcome", "Welcome", "Hello"), Some(1), "bob", "two").unwrap();
    let before = store.history("welcome").unwrap();

    let stale = store.save_version(&journey("welcome", "Renamed", "Yo"), Some(1), "ada", "mine").unwrap_err();
    assert!(matches!(&stale, StoreError::Conflict { base: Some(1), latest: Some(2), .. }), "{stale:?}");
    assert!(matches!(stale, StoreError::Conflict { .. }), "{stale:?}");
    assert_eq!(
        stale.to_string(),
        "journey `welcome` has moved on: you based your change on version 1, but the newest is version 2; \
         reload it and apply your change again"
    );
    let exists = store.save_version(&journey("welcome", "Renamed", "Yo"), None, "ada", "new").unwrap_err();
    assert!(matches!(exists, StoreError::Conflict { base: None, latest: Some(2), .. }), "{exists:?}");
    let ahead = store.save_version(&journey("welcome", "Renamed", "Yo"), Some(3), "ada", "new").unwrap_err();
    assert!(matches!(ahead, StoreError::Conflict { base: Some(3), latest: Some(2), .. }), "{ahead:?}");
    let nothing = store.save_version(&journey("other", "Other", "Yo"), Some(1), "ada", "new").unwrap_err();
    assert!(matches!(nothing, StoreError::Conflict { base: Some(1), latest: None, .. }), "{nothing:?}");

    assert_eq!(store.history("welcome").unwrap(), before);
    assert_eq!(store.list_journeys().unwrap()[0].name, "Welcome");
    assert!(matches!(store.history("other"), Err(StoreError::UnknownJourney(_))));
}

/// Two writers on one file: the second, still based on version 1, must not overwrite the first.
#[test]
fn two_writers_on_one_file_the_later_save_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    let mut first = file_store(&path);
    let mut second = file_store(&path);
    first.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    let base = second.latest("welcome").unwrap().map(|v| v.number);
    first.save_version(&journey("welcome", "Welcome", "Hello"), base, "ada", "two").unwrap();
    let error = second.save_version(&journey("welcome", "Welcome", "Hey"), base, "bob", "mine").unwrap_err();
    assert!(matches!(error, StoreError::Conflict { base: Some(1), latest: Some(2), .. }), "{error:?}");
    let (_, document) = second.version("welcome", None).unwrap();
    assert_eq!(document, journey("welcome", "Welcome", "Hello"));
}

/// A save that has to wait for another process's write must check its base after that write,
/// not before: it takes the write lock first (`BEGIN IMMEDIATE`). With a deferred transaction it
/// would read the newest version before the other write committed and then fail with a busy
/// snapshot error instead of a conflict.
#[test]
fn a_save_waiting_for_another_writer_checks_its_base_after_that_write() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    let mut store = file_store(&path);
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();

    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let waiting =
        std::thread::spawn(move || store.save_version(&journey("welcome", "Welcome", "Hey"), Some(1), "bob", "mine"));
    std::thread::sleep(std::time::Duration::from_millis(300));
    let text = waymark_core::to_canonical_json(&journey("welcome", "Welcome", "Hello"));
    other
        .execute(
            "INSERT INTO versions (journey, number, parent, content_hash, document, author, message, created_at)
             VALUES ('welcome', 2, 1, ?1, ?2, 'ada', 'two', '2025-01-01T00:00:00.000000Z')",
            (format!("{:x}", Sha256::digest(text.as_bytes())), &text),
        )
        .unwrap();
    other.execute_batch("COMMIT").unwrap();
    let error = waiting.join().unwrap().unwrap_err();
    assert!(matches!(error, StoreError::Conflict { base: Some(1), latest: Some(2), .. }), "{error:?}");
}

#[test]
fn journey_ids_are_checked_before_anything_is_written() {
    let mut store = memory_store();
    for id in ["", "Welcome", "wel come", "welcome/../x", "ünïcode"] {
        let mut document = journey("x", "X", "Hi");
        document.id = id.to_owned();
        let error = store.save_version(&document, None, "ada", "one").unwrap_err();
        assert!(matches!(&error, StoreError::InvalidJourneyId(bad) if bad == id), "{error:?}");
        assert!(matches!(error, StoreError::InvalidJourneyId(_)), "{error:?}");
        assert!(matches!(store.save_draft(&document, None), Err(StoreError::InvalidJourneyId(_))));
    }
    assert!(store.list_journeys().unwrap().is_empty());
}

#[test]
fn the_listed_name_follows_the_newest_version() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.save_version(&journey("abandoned-cart", "Cart", "Hi"), None, "ada", "one").unwrap();
    store.save_version(&journey("welcome", "Welcome series", "Hi"), Some(1), "ada", "rename").unwrap();
    let journeys = store.list_journeys().unwrap();
    let listed: Vec<_> =
        journeys.iter().map(|j| (j.id.as_str(), j.name.as_str(), j.latest.as_ref().map(|v| v.number))).collect();
    assert_eq!(listed, [("abandoned-cart", "Cart", Some(1)), ("welcome", "Welcome series", Some(2))]);
}

#[test]
fn reading_what_is_not_there() {
    let mut store = memory_store();
    assert_eq!(store.latest("nope").unwrap(), None);
    let error = store.history("nope").unwrap_err();
    assert_eq!(error.to_string(), "there is no journey `nope`");
    assert!(matches!(error, StoreError::UnknownJourney(_)), "{error:?}");
    assert!(matches!(store.version("nope", None), Err(StoreError::UnknownJourney(_))));
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    let error = store.version("welcome", Some(9)).unwrap_err();
    assert!(matches!(error, StoreError::UnknownVersion { number: 9, .. }), "{error:?}");
    assert_eq!(error.to_string(), "journey `welcome` has no version 9");
    assert!(matches!(store.transitions("welcome", 9), Err(StoreError::UnknownVersion { number: 9, .. })));
    assert!(matches!(store.restore("welcome", 9, "ada"), Err(StoreError::UnknownVersion { number: 9, .. })));
    assert!(matches!(store.restore("nope", 1, "ada"), Err(StoreError::UnknownJourney(_))));
}

#[test]
fn a_raw_update_or_delete_of_a_version_is_refused_by_the_database() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    let mut store = file_store(&path);
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.set_status("welcome", 1, Status::InReview, "ada", Some("please look")).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE versions SET message = 'rewritten'",
        "UPDATE versions SET document = '{}'",
        "DELETE FROM versions",
        "UPDATE status_transitions SET actor = 'mallory'",
        "DELETE FROM status_transitions",
    ] {
        let error = raw.execute(sql, []).unwrap_err();
        assert!(
            error.to_string().contains("immutable")
                || error.to_string().contains("never deleted")
                || error.to_string().contains("append-only"),
            "{sql}: {error}"
        );
    }
    assert_eq!(store.history("welcome").unwrap()[0].message, "one");
    assert_eq!(store.transitions("welcome", 1).unwrap().len(), 1);
}

#[test]
fn times_are_stored_as_rfc3339_utc_text() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    let mut store = file_store(&path);
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    let created_at: String = raw.query_row("SELECT created_at FROM versions", [], |row| row.get(0)).unwrap();
    assert_eq!(created_at, "2025-01-01T00:00:00.000000Z");
}

#[test]
fn a_damaged_document_is_reported_not_returned() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    let mut store = file_store(&path);
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    // Versions cannot be updated, so plant damaged rows as new versions, as a disk fault might.
    let raw = rusqlite::Connection::open(&path).unwrap();
    let not_json = "{ not json";
    raw.execute(
        "INSERT INTO versions VALUES ('welcome', 2, 1, ?1, ?2, 'disk', 'bad', '2025-01-01T00:00:00.000000Z')",
        (format!("{:x}", Sha256::digest(not_json.as_bytes())), not_json),
    )
    .unwrap();
    raw.execute(
        "INSERT INTO versions VALUES ('welcome', 3, 2, 'abc', '{}', 'disk', 'bad', '2025-01-01T00:00:00.000000Z')",
        [],
    )
    .unwrap();

    let error = store.version("welcome", Some(2)).unwrap_err();
    assert!(matches!(&error, StoreError::Corrupt { number: 2, .. }), "{error:?}");
    assert!(matches!(error, StoreError::Corrupt { .. }), "{error:?}");
    assert!(
        error.to_string().starts_with("version 2 of `welcome` is damaged in the database and cannot be read: "),
        "{error}"
    );
    let error = store.version("welcome", None).unwrap_err();
    assert!(matches!(&error, StoreError::Corrupt { number: 3, reason, .. } if reason.contains("hash")), "{error:?}");
    // The readable version stays readable, and a damaged one is not restored.
    assert!(store.version("welcome", Some(1)).is_ok());
    assert!(matches!(store.restore("welcome", 2, "ada"), Err(StoreError::Corrupt { .. })));
}

#[test]
fn restoring_makes_a_new_version_with_the_old_content() {
    let mut store = memory_store();
    let one = store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap().version;
    store.save_version(&journey("welcome", "Welcome", "Hello"), Some(1), "ada", "two").unwrap();
    let archived = store.set_status("welcome", 1, Status::Archived, "ada", None).unwrap();

    let restored = store.restore("welcome", 1, "bob").unwrap();
    assert!(restored.created);
    let version = &restored.version;
    assert_eq!((version.number, version.parent, version.author.as_str()), (3, Some(2), "bob"));
    assert_eq!(version.message, "Restore version 1");
    assert_eq!(version.content_hash, one.content_hash);
    assert_eq!(version.status, Status::Draft);
    assert_eq!(store.version("welcome", Some(3)).unwrap().1, journey("welcome", "Welcome", "Hi"));
    // Version 1 itself is untouched.
    assert_eq!(
        store.history("welcome").unwrap()[0],
        VersionInfo { status: Status::Archived, last_transition: Some(archived), ..one }
    );

    let again = store.restore("welcome", 1, "bob").unwrap();
    assert!(!again.created);
    assert_eq!(again.version.number, 3);
    assert_eq!(store.history("welcome").unwrap().len(), 3);
}

#[test]
fn restoring_an_old_name_renames_the_journey_back() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.save_version(&journey("welcome", "Welcome series", "Hi"), Some(1), "ada", "two").unwrap();
    store.restore("welcome", 1, "ada").unwrap();
    assert_eq!(store.list_journeys().unwrap()[0].name, "Welcome");
}

#[test]
fn a_draft_is_one_per_journey_and_replaced_on_each_autosave() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    assert_eq!(store.draft("welcome").unwrap(), None);
    store.save_draft(&journey("welcome", "Welcome", "Hel"), Some(1)).unwrap();
    store.save_draft(&journey("welcome", "Welcome", "Hello"), Some(1)).unwrap();
    let draft = store.draft("welcome").unwrap().unwrap();
    assert_eq!(draft.journey, "welcome");
    assert_eq!(draft.base, Some(1));
    assert_eq!(draft.document, journey("welcome", "Welcome", "Hello"));
    assert_eq!(draft.saved_at, at(2));
    assert!(store.list_journeys().unwrap()[0].has_draft);
    // Drafts never touch history.
    assert_eq!(store.history("welcome").unwrap().len(), 1);
    store.discard_draft("welcome").unwrap();
    assert_eq!(store.draft("welcome").unwrap(), None);
    assert!(!store.list_journeys().unwrap()[0].has_draft);
}

#[test]
fn a_draft_of_a_new_journey_creates_it_and_discarding_removes_it() {
    let mut store = memory_store();
    store.save_draft(&journey("welcome", "Welcome", "Hi"), None).unwrap();
    store.save_draft(&journey("welcome", "Welcome series", "Hi"), None).unwrap();
    let listed = store.list_journeys().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].name.as_str(), listed[0].latest.as_ref(), listed[0].has_draft),
        ("Welcome series", None, true)
    );
    assert_eq!(store.history("welcome").unwrap(), []);
    assert_eq!(store.latest("welcome").unwrap(), None);
    assert!(matches!(store.version("welcome", None), Err(StoreError::UnknownVersion { number: 1, .. })));
    store.discard_draft("welcome").unwrap();
    assert!(store.list_journeys().unwrap().is_empty());
    store.discard_draft("welcome").unwrap();
}

#[test]
fn a_draft_does_not_rename_a_saved_journey() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.save_draft(&journey("welcome", "Renamed in the draft", "Hi"), Some(1)).unwrap();
    assert_eq!(store.list_journeys().unwrap()[0].name, "Welcome");
}

#[test]
fn a_draft_must_be_based_on_a_version_that_exists() {
    let mut store = memory_store();
    let error = store.save_draft(&journey("welcome", "Welcome", "Hi"), Some(1)).unwrap_err();
    assert!(matches!(error, StoreError::UnknownJourney(_)), "{error:?}");
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    let error = store.save_draft(&journey("welcome", "Welcome", "Hi"), Some(2)).unwrap_err();
    assert!(matches!(error, StoreError::UnknownVersion { number: 2, .. }), "{error:?}");
}

#[test]
fn saving_the_drafts_content_removes_the_draft() {
    let mut store = memory_store();
    store.save_draft(&journey("welcome", "Welcome", "Hi"), None).unwrap();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    assert_eq!(store.draft("welcome").unwrap(), None);
}

#[test]
fn saving_other_content_keeps_the_draft() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.save_draft(&journey("welcome", "Welcome", "Still editing"), Some(1)).unwrap();
    store.save_version(&journey("welcome", "Welcome", "Hello"), Some(1), "bob", "two").unwrap();
    let draft = store.draft("welcome").unwrap().unwrap();
    assert_eq!(draft.document, journey("welcome", "Welcome", "Still editing"));
    assert_eq!(draft.base, Some(1));
}

#[test]
fn saving_unchanged_content_removes_a_draft_that_holds_the_same() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.save_draft(&journey("welcome", "Welcome", "Hi"), Some(1)).unwrap();
    let saved = store.save_version(&journey("welcome", "Welcome", "Hi"), Some(1), "ada", "again").unwrap();
    assert!(!saved.created);
    assert_eq!(store.draft("welcome").unwrap(), None);
}

#[test]
fn a_draft_survives_reopening_the_database() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    file_store(&path).save_draft(&journey("welcome", "Welcome", "Hi"), None).unwrap();
    let draft = Store::open(&path).unwrap().draft("welcome").unwrap().unwrap();
    assert_eq!(draft.document, journey("welcome", "Welcome", "Hi"));
}

#[test]
fn seeding_adds_only_journeys_not_yet_stored() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Mine", "Mine"), None, "ada", "mine").unwrap();
    let examples = [
        journey("welcome", "Welcome", "Hi"),
        journey("winback", "Win back", "Hi"),
        journey("onboarding", "Onboarding", "Hi"),
    ];
    assert_eq!(store.seed(&examples, "waymark").unwrap(), 2);
    let winback = store.latest("winback").unwrap().unwrap();
    assert_eq!((winback.number, winback.author.as_str(), winback.message.as_str()), (1, "waymark", "Example journey"));
    assert_eq!(store.history("welcome").unwrap().len(), 1);
    assert_eq!(store.list_journeys().unwrap().iter().find(|j| j.id == "welcome").unwrap().name, "Mine");
    assert_eq!(store.seed(&examples, "waymark").unwrap(), 0);
}

#[test]
fn seeding_is_all_or_nothing() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    let mut store = Store::open(&path).unwrap().with_clock(clock());
    let mut bad = journey("x", "Bad", "Hi");
    bad.id = "Not An Id".into();
    let error = store.seed(&[journey("welcome", "Welcome", "Hi"), bad], "waymark").unwrap_err();
    assert!(matches!(error, StoreError::InvalidJourneyId(_)), "{error:?}");
    assert!(store.list_journeys().unwrap().is_empty());

    // A failure inside the transaction (here, the second row breaks a constraint) undoes the first.
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "CREATE TRIGGER refuse_winback BEFORE INSERT ON versions WHEN new.journey = 'winback'
         BEGIN SELECT RAISE(ABORT, 'refused'); END;",
    )
    .unwrap();
    let error = store
        .seed(&[journey("welcome", "Welcome", "Hi"), journey("winback", "Win back", "Hi")], "waymark")
        .unwrap_err();
    assert!(matches!(error, StoreError::Sqlite(_)), "{error:?}");
    assert!(store.list_journeys().unwrap().is_empty());
}

#[test]
fn an_archived_journey_is_flagged_and_can_be_brought_back_with_its_versions() {
    let mut store = memory_store();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    store.archive("welcome").unwrap();
    let listed = store.list_journeys().unwrap();
    assert!(listed[0].archived);
    assert_eq!(store.history("welcome").unwrap().len(), 1, "archiving deletes nothing");
    store.unarchive("welcome").unwrap();
    assert!(!store.list_journeys().unwrap()[0].archived);
    assert!(matches!(store.archive("nobody"), Err(StoreError::UnknownJourney(_))));
}
