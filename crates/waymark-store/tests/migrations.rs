//! Opening databases: new files, older schemas, newer schemas and files that are not databases.

mod common;

use std::path::Path;

use common::{clock, journey};
use waymark_store::{Status, Store, StoreError, WorkspaceSettings};

/// The schema this build writes. Bump it with every new migration, and add a fixture made by the
/// previous schema next to `schema-v1.db`.
const LATEST: u32 = 5;

/// Waymark's `PRAGMA application_id`, the ASCII of "WMRK".
const WAYMARK_ID: i32 = 0x574D_524B;

fn fixture_copy(name: &str, directory: &Path) -> std::path::PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let copy = directory.join(name);
    std::fs::copy(&source, &copy).unwrap();
    copy
}

fn schema(path: &Path) -> Vec<(String, String)> {
    let raw = rusqlite::Connection::open(path).unwrap();
    let mut statement = raw.prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name").unwrap();
    statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?))).unwrap().collect::<rusqlite::Result<_>>().unwrap()
}

fn application_id(path: &Path) -> i32 {
    let raw = rusqlite::Connection::open(path).unwrap();
    raw.pragma_query_value(None, "application_id", |row| row.get(0)).unwrap()
}

#[test]
fn a_new_file_is_created_at_the_latest_schema() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    let store = Store::open(&path).unwrap();
    assert!(path.exists());
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert_eq!(application_id(&path), WAYMARK_ID);
    assert_eq!(Store::open_in_memory().unwrap().schema_version().unwrap(), LATEST);
}

#[test]
fn opening_an_up_to_date_database_again_changes_nothing() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    let mut store = Store::open(&path).unwrap();
    store.save_version(&journey("welcome", "Welcome", "Hi"), None, "ada", "one").unwrap();
    drop(store);
    let before = schema(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert_eq!(schema(&path), before);
    assert_eq!(store.history("welcome").unwrap().len(), 1);
}

#[test]
fn a_database_from_the_first_schema_migrates_and_keeps_its_versions() {
    let directory = tempfile::tempdir().unwrap();
    let path = fixture_copy("schema-v1.db", directory.path());
    let raw = rusqlite::Connection::open(&path).unwrap();
    let found: u32 = raw.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
    assert_eq!(found, 1, "the fixture must stay a schema-1 database");
    drop(raw);
    assert_eq!(application_id(&path), 0, "the first schema had no application id");

    let mut store = Store::open(&path).unwrap().with_clock(clock());
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert_eq!(application_id(&path), WAYMARK_ID, "migrating stamps the id");
    let listed: Vec<_> = store
        .list_journeys()
        .unwrap()
        .into_iter()
        .map(|j| (j.id, j.name, j.latest.map(|v| (v.number, v.status)), j.has_draft, j.archived))
        .collect();
    assert_eq!(
        listed,
        [
            ("welcome".to_owned(), "Welcome".to_owned(), Some((2, Status::Draft)), false, false),
            ("winback".to_owned(), "Win back".to_owned(), Some((1, Status::Draft)), false, false),
        ]
    );
    let history = store.history("welcome").unwrap();
    assert_eq!(
        history.iter().map(|v| (v.number, v.parent, v.message.as_str())).collect::<Vec<_>>(),
        [(1, None, "First cut"), (2, Some(1), "Friendlier subject")]
    );
    assert_eq!(history[0].created_at.to_rfc3339(), "2024-03-01T09:00:00+00:00");
    assert_eq!(store.version("welcome", Some(1)).unwrap().1, journey("welcome", "Welcome", "Hi"));
    assert_eq!(store.version("welcome", None).unwrap().1, journey("welcome", "Welcome", "Hello"));

    // What migration 2 added works on the old data.
    store.save_draft(&journey("welcome", "Welcome", "Hey"), Some(2)).unwrap();
    store.set_status("welcome", 2, Status::InReview, "bob", Some("please look")).unwrap();
    let saved = store.save_version(&journey("welcome", "Welcome", "Hey"), Some(2), "ada", "three").unwrap();
    assert_eq!((saved.version.number, saved.version.parent), (3, Some(2)));
    assert_eq!(store.draft("welcome").unwrap(), None);
    let raw = rusqlite::Connection::open(&path).unwrap();
    assert!(raw.execute("DELETE FROM versions WHERE number = 1", []).is_err());
    let integrity: String = raw.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(integrity, "ok");
}

#[test]
fn a_database_from_before_workspace_settings_migrates_with_solo_review_off_and_keeps_its_review_history() {
    let directory = tempfile::tempdir().unwrap();
    let path = fixture_copy("schema-v3.db", directory.path());
    let raw = rusqlite::Connection::open(&path).unwrap();
    let found: u32 = raw.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
    assert_eq!(found, 3, "the fixture must stay a schema-3 database");
    drop(raw);
    assert_eq!(application_id(&path), 0);

    let mut store = Store::open(&path).unwrap().with_clock(clock());
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert_eq!(application_id(&path), WAYMARK_ID);
    // Approving needs a second person unless someone turns solo review on.
    assert_eq!(store.workspace_settings().unwrap(), WorkspaceSettings { solo_review: false });

    // The review history written under the old rules stays as it was.
    let moves: Vec<String> = store
        .transitions("welcome", 1)
        .unwrap()
        .iter()
        .map(|t| format!("{}->{} by {} ({})", t.from, t.to, t.actor, t.note.as_deref().unwrap_or("no note")))
        .collect();
    assert_eq!(
        moves,
        [
            "draft->in_review by ada (no note)",
            "in_review->approved by ada (no note)",
            "approved->published by ada (Launch)"
        ]
    );
    let history = store.history("welcome").unwrap();
    let last: Vec<_> = history
        .iter()
        .map(|v| (v.number, v.status, v.last_transition.as_ref().map(|t| (t.actor.as_str(), t.note.as_deref()))))
        .collect();
    assert_eq!(
        last,
        [
            (1, Status::Published, Some(("ada", Some("Launch")))),
            (2, Status::InReview, Some(("ada", Some("Friendlier, please check"))))
        ]
    );
    let listed: Vec<_> = store.list_journeys().unwrap().into_iter().map(|j| (j.id, j.archived, j.has_draft)).collect();
    assert_eq!(listed, [("welcome".to_owned(), false, true), ("winback".to_owned(), true, false)]);
    assert_eq!(store.draft("welcome").unwrap().unwrap().base, Some(2));

    // The new rules apply to the old data from now on.
    let error = store.set_status("welcome", 2, Status::Approved, "ada", Some("fine")).unwrap_err();
    assert!(matches!(error, StoreError::SelfApproval { .. }), "{error:?}");
    assert!(matches!(
        store.set_status("welcome", 2, Status::Approved, "bob", None),
        Err(StoreError::NoteRequired { .. })
    ));
    store.set_status("welcome", 2, Status::Approved, "bob", Some("checked")).unwrap();
    store.set_solo_review(true).unwrap();
    assert!(store.workspace_settings().unwrap().solo_review);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let integrity: String = raw.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    assert!(raw.execute("INSERT INTO workspace_settings (id) VALUES (2)", []).is_err(), "one row of settings");
    assert!(raw.execute("UPDATE workspace_settings SET solo_review = 2", []).is_err(), "a switch is on or off");
}

#[test]
fn a_database_from_before_the_workspace_catalog_migrates_with_an_empty_catalog_and_keeps_its_settings() {
    use waymark_core::workspace_catalog::{EntryKind, WorkspaceEntry};

    let directory = tempfile::tempdir().unwrap();
    let path = fixture_copy("schema-v4.db", directory.path());
    let raw = rusqlite::Connection::open(&path).unwrap();
    let found: u32 = raw.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap();
    assert_eq!(found, 4, "the fixture must stay a schema-4 database");
    drop(raw);

    let mut store = Store::open(&path).unwrap().with_clock(clock());
    assert_eq!(store.schema_version().unwrap(), LATEST);
    assert_eq!(store.workspace_settings().unwrap(), WorkspaceSettings { solo_review: true });
    assert_eq!(store.history("welcome").unwrap().len(), 2);
    assert_eq!(store.catalog_entries().unwrap(), []);

    let entry = WorkspaceEntry {
        kind: EntryKind::Event,
        name: "viewed_pricing".into(),
        attribute_type: None,
        description: "Opened the pricing page".into(),
    };
    store.put_catalog_entry(&entry).unwrap();
    assert_eq!(store.catalog_entries().unwrap(), [entry]);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let integrity: String = raw.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    assert!(
        raw.execute("INSERT INTO catalog_entries (kind, name, attribute_type) VALUES ('event', 'e', 'number')", [])
            .is_err(),
        "events have no type"
    );
    assert!(raw.execute("INSERT INTO catalog_entries (kind, name) VALUES ('segment', 's')", []).is_err());
}

#[test]
fn a_database_from_a_newer_waymark_is_refused_and_left_untouched() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("newer.db");
    let raw = rusqlite::Connection::open(&path).unwrap();
    // A newer Waymark stamps its id, as this one does.
    raw.execute_batch(&format!(
        "CREATE TABLE future (x); PRAGMA user_version = 6; PRAGMA application_id = {WAYMARK_ID};"
    ))
    .unwrap();
    drop(raw);
    let before = std::fs::read(&path).unwrap();

    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, StoreError::TooNew { found: 6, supported: LATEST }), "{error:?}");
    assert!(matches!(error, StoreError::TooNew { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        "the database was written by a newer Waymark (schema version 6; this one reads up to 5); upgrade Waymark to open it"
    );
    // Byte for byte: not even switched to WAL, which would rewrite the header.
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!directory.path().join("newer.db-wal").exists());
}

/// Someone else's SQLite files: one with a table Waymark also has, one without, one at a schema
/// version of its own, one stamped with another application's id, and Waymark's own tables under
/// no schema version. Each is refused with a one-line message and left byte for byte: no tables
/// added, no switch to WAL.
#[test]
fn a_database_that_is_not_waymarks_is_refused_and_left_byte_for_byte() {
    let directory = tempfile::tempdir().unwrap();
    let cases = [
        (
            "versions.db",
            "CREATE TABLE versions (id INTEGER PRIMARY KEY, tag TEXT); CREATE TABLE builds (n);",
            "it has tables builds, versions",
        ),
        ("notes.db", "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');", "it has tables notes"),
        ("app.db", "CREATE TABLE settings (k, v); PRAGMA user_version = 3;", "it has tables settings"),
        (
            "other.db",
            "PRAGMA application_id = 42; CREATE TABLE journeys (id); CREATE TABLE versions (id); PRAGMA user_version = 1;",
            "it has tables journeys, versions",
        ),
        ("lookalike.db", "CREATE TABLE journeys (id); CREATE TABLE versions (id);", "it has tables journeys, versions"),
        ("marked.db", "PRAGMA application_id = 42;", "it belongs to another application"),
    ];
    for (name, sql, reason) in cases {
        let path = directory.path().join(name);
        let raw = rusqlite::Connection::open(&path).unwrap();
        raw.execute_batch(sql).unwrap();
        drop(raw);
        let before = std::fs::read(&path).unwrap();

        let error = Store::open(&path).unwrap_err();
        assert!(matches!(error, StoreError::NotWaymark { .. }), "{name}: {error:?}");
        assert_eq!(error.to_string(), format!("{} is not a Waymark database ({reason})", path.display()));
        assert_eq!(std::fs::read(&path).unwrap(), before, "{name} changed");
        for journal in ["-wal", "-shm", "-journal"] {
            assert!(!directory.path().join(format!("{name}{journal}")).exists(), "{name}{journal}");
        }
    }
}

#[test]
fn an_empty_file_is_a_new_database() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("waymark.db");
    std::fs::write(&path, b"").unwrap();
    assert_eq!(Store::open(&path).unwrap().schema_version().unwrap(), LATEST);
    assert_eq!(application_id(&path), WAYMARK_ID);
}

#[test]
fn a_missing_directory_is_not_created() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("missing").join("waymark.db");
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(&error, StoreError::Open { path: reported, .. } if *reported == path), "{error:?}");
    assert!(matches!(error, StoreError::Open { .. }), "{error:?}");
    assert!(error.to_string().starts_with(&format!("cannot open the database at {}: ", path.display())), "{error}");
    assert!(!directory.path().join("missing").exists());
}

#[test]
fn a_file_that_is_not_a_database_is_an_open_error_and_is_left_alone() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("notes.txt");
    let text = "these are my notes, not a database\n".repeat(50);
    std::fs::write(&path, &text).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, StoreError::Open { .. }), "{error:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn a_path_starting_with_file_colon_is_a_plain_path() {
    let directory = tempfile::tempdir().unwrap();
    std::fs::create_dir(directory.path().join("file:x")).unwrap();
    let path = directory.path().join("file:x").join("waymark.db?mode=memory");
    Store::open(&path).unwrap();
    assert!(path.exists());
}

#[test]
fn a_directory_or_device_as_database_is_refused_before_sqlite_touches_it() {
    let directory = tempfile::tempdir().unwrap();
    let error = Store::open(directory.path()).unwrap_err();
    assert!(matches!(error, StoreError::NotAFile { .. }), "{error:?}");
    assert_eq!(
        error.to_string(),
        format!("cannot open the database at {}: it is a directory, not a regular file", directory.path().display())
    );
    assert_eq!(std::fs::read_dir(directory.path()).unwrap().count(), 0);
    let error = Store::open(std::path::Path::new("/dev/null")).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot open the database at /dev/null: it is a character device, not a regular file"
    );
}
