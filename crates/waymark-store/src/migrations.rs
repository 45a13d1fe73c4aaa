//! The database schema, as the ordered list of migrations that builds it.
//!
//! The habit is cargo's `util/sqlite.rs`: `PRAGMA user_version` counts the migrations a database
//! has had, and opening a database applies the missing ones in one exclusive transaction, so a
//! database is always at a version some release shipped, never halfway between two.

use rusqlite::{Connection, TransactionBehavior};

use crate::identity::APPLICATION_ID;
use crate::{Result, StoreError};

/// Every schema change ever shipped, oldest first. `user_version` is the number applied.
///
/// **Append only.** Never edit, reorder or remove an entry, even to fix a typo: databases in the
/// field have run the old text and record only how many entries they ran. A change to the schema
/// is a new entry at the end, and `tests/fixtures/` gets a database made by the previous schema.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: journeys and their immutable versions, what a first release would have shipped.
    "CREATE TABLE journeys (
        id TEXT NOT NULL PRIMARY KEY,
        -- The name of the newest saved version, kept here so listing does not parse documents.
        name TEXT NOT NULL
    ) STRICT;
    CREATE TABLE versions (
        journey TEXT NOT NULL REFERENCES journeys (id),
        number INTEGER NOT NULL CHECK (number >= 1),
        parent INTEGER CHECK (parent >= 1 AND parent < number),
        -- Lowercase hex SHA-256 of `document`.
        content_hash TEXT NOT NULL,
        -- The canonical JSON text of the journey.
        document TEXT NOT NULL,
        author TEXT NOT NULL,
        message TEXT NOT NULL,
        -- RFC 3339, UTC.
        created_at TEXT NOT NULL,
        PRIMARY KEY (journey, number),
        FOREIGN KEY (journey, parent) REFERENCES versions (journey, number)
    ) STRICT;",
    // 2: autosaved drafts, review status, and triggers that make history append-only.
    "CREATE TABLE drafts (
        journey TEXT NOT NULL PRIMARY KEY REFERENCES journeys (id),
        base INTEGER,
        content_hash TEXT NOT NULL,
        document TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        FOREIGN KEY (journey, base) REFERENCES versions (journey, number)
    ) STRICT;
    CREATE TABLE status_transitions (
        id INTEGER PRIMARY KEY,
        journey TEXT NOT NULL,
        number INTEGER NOT NULL,
        from_status TEXT NOT NULL
            CHECK (from_status IN ('draft', 'in_review', 'approved', 'published', 'archived')),
        to_status TEXT NOT NULL
            CHECK (to_status IN ('draft', 'in_review', 'approved', 'published', 'archived')),
        actor TEXT NOT NULL,
        note TEXT,
        at TEXT NOT NULL,
        FOREIGN KEY (journey, number) REFERENCES versions (journey, number)
    ) STRICT;
    CREATE INDEX status_transitions_by_version ON status_transitions (journey, number);
    CREATE TRIGGER versions_are_immutable BEFORE UPDATE ON versions
    BEGIN SELECT RAISE(ABORT, 'versions are immutable; save a new version instead'); END;
    CREATE TRIGGER versions_are_never_deleted BEFORE DELETE ON versions
    BEGIN SELECT RAISE(ABORT, 'versions are never deleted; archive them instead'); END;
    CREATE TRIGGER status_transitions_are_immutable BEFORE UPDATE ON status_transitions
    BEGIN SELECT RAISE(ABORT, 'status transitions are append-only'); END;
    CREATE TRIGGER status_transitions_are_never_deleted BEFORE DELETE ON status_transitions
    BEGIN SELECT RAISE(ABORT, 'status transitions are append-only'); END;",
    // 3: journeys can be archived (hidden from the list) and restored; nothing is deleted.
    "ALTER TABLE journeys ADD COLUMN archived_at TEXT;",
    // 4: workspace settings, one row with one typed column per setting. `solo_review` lets the
    // author of a version approve it, for a workspace of one; off, review needs a second person.
    "CREATE TABLE workspace_settings (
        id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
        solo_review INTEGER NOT NULL DEFAULT 0 CHECK (solo_review IN (0, 1))
    ) STRICT;
    INSERT INTO workspace_settings (id) VALUES (1);",
    // 5: the workspace catalog's own entries: events and customer attributes a person listed,
    // with a type (attributes only) and a description. Scenarios and journeys add the rest when
    // the catalog is assembled; nothing of theirs is stored here.
    "CREATE TABLE catalog_entries (
        kind TEXT NOT NULL CHECK (kind IN ('event', 'attribute')),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        attribute_type TEXT CHECK (attribute_type IN ('string', 'number', 'boolean', 'date', 'list')),
        description TEXT NOT NULL DEFAULT '',
        CHECK (kind = 'attribute' OR attribute_type IS NULL),
        PRIMARY KEY (kind, name)
    ) STRICT;",
];

/// The schema version recorded in the database. A negative `user_version` was not written by
/// Waymark, so it reads as "newer than anything we know" and the database is left alone.
pub(crate) fn schema_version(connection: &Connection) -> rusqlite::Result<u32> {
    let found: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    Ok(u32::try_from(found).unwrap_or(u32::MAX))
}

/// Brings the database up to the newest schema of `migrations` (the store passes `MIGRATIONS`;
/// tests pass lists that fail) and returns its version. The same transaction stamps Waymark's
/// application id, so a database is never left with our tables but without our id.
pub(crate) fn migrate(connection: &mut Connection, migrations: &[&str]) -> Result<u32> {
    let supported = migrations.len() as u32;
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Read inside the transaction: another process may have migrated since we last looked.
    let found = schema_version(&transaction)?;
    if found > supported {
        return Err(StoreError::TooNew { found, supported });
    }
    let application_id: i32 = transaction.pragma_query_value(None, "application_id", |row| row.get(0))?;
    if found == supported && application_id == APPLICATION_ID {
        return Ok(found);
    }
    for migration in &migrations[found as usize..] {
        transaction.execute_batch(migration)?;
    }
    transaction.pragma_update(None, "user_version", supported)?;
    transaction.pragma_update(None, "application_id", APPLICATION_ID)?;
    transaction.commit()?;
    Ok(supported)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(connection: &Connection) -> Vec<String> {
        let mut statement =
            connection.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name").unwrap();
        statement.query_map([], |row| row.get(0)).unwrap().collect::<rusqlite::Result<_>>().unwrap()
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut connection = Connection::open_in_memory().unwrap();
        let latest = MIGRATIONS.len() as u32;
        assert_eq!(migrate(&mut connection, MIGRATIONS).unwrap(), latest);
        let first = schema(&connection);
        let changes = connection.total_changes();
        assert_eq!(migrate(&mut connection, MIGRATIONS).unwrap(), latest);
        assert_eq!(schema(&connection), first);
        assert_eq!(connection.total_changes(), changes);
        assert_eq!(schema_version(&connection).unwrap(), latest);
        let id: i32 = connection.pragma_query_value(None, "application_id", |row| row.get(0)).unwrap();
        assert_eq!(id, APPLICATION_ID);
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_alone() {
        let mut connection = Connection::open_in_memory().unwrap();
        connection.pragma_update(None, "user_version", 7).unwrap();
        let error = migrate(&mut connection, MIGRATIONS).unwrap_err();
        assert!(matches!(error, StoreError::TooNew { found: 7, supported: 5 }), "{error:?}");
        assert!(schema(&connection).is_empty());
    }

    /// Recreates `tests/fixtures/schema-v1.db`: a database made by migration 1 alone, as a first
    /// release would have left it, holding two versions of one journey and one of another.
    /// Run with `cargo test -p waymark-store -- --ignored write_schema_v1_fixture` and commit the
    /// file. It must only ever be regenerated while migration 1 is unchanged (which is always).
    #[test]
    #[ignore = "writes the committed fixture database"]
    fn write_schema_v1_fixture() {
        use sha2::{Digest, Sha256};

        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v1.db");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&path);
        let connection = Connection::open(&path).unwrap();
        // Small pages and a rollback journal keep the fixture a single file of a few kilobytes.
        connection.pragma_update(None, "page_size", 1024).unwrap();
        connection.pragma_update(None, "journal_mode", "DELETE").unwrap();
        connection.execute_batch(MIGRATIONS[0]).unwrap();
        connection.pragma_update(None, "user_version", 1).unwrap();

        let journey = fixture_journey;
        let rows = [
            (
                "welcome",
                "Welcome",
                1,
                None,
                journey("welcome", "Welcome", "Hi"),
                "First cut",
                "2024-03-01T09:00:00.000000Z",
            ),
            (
                "welcome",
                "Welcome",
                2,
                Some(1),
                journey("welcome", "Welcome", "Hello"),
                "Friendlier subject",
                "2024-03-02T09:00:00.000000Z",
            ),
            (
                "winback",
                "Win back",
                1,
                None,
                journey("winback", "Win back", "We miss you"),
                "First cut",
                "2024-03-03T09:00:00.000000Z",
            ),
        ];
        for (id, name, number, parent, document, message, at) in rows {
            connection.execute("INSERT OR REPLACE INTO journeys (id, name) VALUES (?1, ?2)", (id, name)).unwrap();
            let hash = format!("{:x}", Sha256::digest(document.as_bytes()));
            connection
                .execute(
                    "INSERT INTO versions (journey, number, parent, content_hash, document, author, message, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'ada', ?6, ?7)",
                    (id, number, parent, hash, document, message, at),
                )
                .unwrap();
        }
        connection.execute_batch("VACUUM").unwrap();
        connection.close().unwrap();
    }

    /// Recreates `tests/fixtures/schema-v3.db`: a database made by migrations 1 to 3, as the
    /// release before workspace settings left it, with review history written under the old
    /// rules (an author approving their own version, moves without notes), an archived journey
    /// and a draft. Run with `cargo test -p waymark-store -- --ignored write_schema_v3_fixture`.
    /// It must only ever be regenerated while migrations 1 to 3 are unchanged (which is always).
    #[test]
    #[ignore = "writes the committed fixture database"]
    fn write_schema_v3_fixture() {
        use sha2::{Digest, Sha256};

        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v3.db");
        let _ = std::fs::remove_file(&path);
        let connection = Connection::open(&path).unwrap();
        connection.pragma_update(None, "page_size", 1024).unwrap();
        connection.pragma_update(None, "journal_mode", "DELETE").unwrap();
        for migration in &MIGRATIONS[..3] {
            connection.execute_batch(migration).unwrap();
        }
        connection.pragma_update(None, "user_version", 3).unwrap();

        let hash = |text: &str| format!("{:x}", Sha256::digest(text.as_bytes()));
        let versions = [
            (
                "welcome",
                1,
                None,
                fixture_journey("welcome", "Welcome", "Hi"),
                "First cut",
                "2024-03-01T09:00:00.000000Z",
            ),
            (
                "welcome",
                2,
                Some(1),
                fixture_journey("welcome", "Welcome", "Hello"),
                "Friendlier subject",
                "2024-03-02T09:00:00.000000Z",
            ),
            (
                "winback",
                1,
                None,
                fixture_journey("winback", "Win back", "We miss you"),
                "First cut",
                "2024-03-03T09:00:00.000000Z",
            ),
        ];
        connection.execute("INSERT INTO journeys (id, name) VALUES ('welcome', 'Welcome')", []).unwrap();
        connection
            .execute(
                "INSERT INTO journeys (id, name, archived_at) VALUES ('winback', 'Win back', '2024-03-05T09:00:00.000000Z')",
                [],
            )
            .unwrap();
        for (id, number, parent, document, message, at) in versions {
            connection
                .execute(
                    "INSERT INTO versions (journey, number, parent, content_hash, document, author, message, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'ada', ?6, ?7)",
                    (id, number, parent, hash(&document), &document, message, at),
                )
                .unwrap();
        }
        // Version 1 went through review the way the old rules allowed: ada approved her own
        // version, and only the publication has a note.
        let transitions = [
            ("welcome", 1, "draft", "in_review", None, "2024-03-01T10:00:00.000000Z"),
            ("welcome", 1, "in_review", "approved", None, "2024-03-01T11:00:00.000000Z"),
            ("welcome", 1, "approved", "published", Some("Launch"), "2024-03-01T12:00:00.000000Z"),
            ("welcome", 2, "draft", "in_review", Some("Friendlier, please check"), "2024-03-02T10:00:00.000000Z"),
        ];
        for (id, number, from, to, note, at) in transitions {
            connection
                .execute(
                    "INSERT INTO status_transitions (journey, number, from_status, to_status, actor, note, at)
                     VALUES (?1, ?2, ?3, ?4, 'ada', ?5, ?6)",
                    (id, number, from, to, note, at),
                )
                .unwrap();
        }
        let draft = fixture_journey("welcome", "Welcome", "Hey");
        connection
            .execute(
                "INSERT INTO drafts (journey, base, content_hash, document, saved_at)
                 VALUES ('welcome', 2, ?1, ?2, '2024-03-04T09:00:00.000000Z')",
                (hash(&draft), &draft),
            )
            .unwrap();
        connection.execute_batch("VACUUM").unwrap();
        connection.close().unwrap();
    }

    /// Recreates `tests/fixtures/schema-v4.db`: the schema-3 fixture brought to schema 4 by
    /// migration 4 alone, with solo review turned on, as the release before the workspace catalog
    /// left it. Run with `cargo test -p waymark-store -- --ignored write_schema_v4_fixture`.
    /// It must only ever be regenerated while migrations 1 to 4 are unchanged (which is always).
    #[test]
    #[ignore = "writes the committed fixture database"]
    fn write_schema_v4_fixture() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let path = fixtures.join("schema-v4.db");
        std::fs::copy(fixtures.join("schema-v3.db"), &path).unwrap();
        let connection = Connection::open(&path).unwrap();
        connection.execute_batch(MIGRATIONS[3]).unwrap();
        connection.pragma_update(None, "user_version", 4).unwrap();
        connection.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        connection.execute("UPDATE workspace_settings SET solo_review = 1 WHERE id = 1", []).unwrap();
        connection.execute_batch("VACUUM").unwrap();
        connection.close().unwrap();
    }

    /// The canonical text of a small valid journey, as the fixtures store it.
    fn fixture_journey(id: &str, name: &str, subject: &str) -> String {
        let text = format!(
            r#"{{"format":"waymark.journey/1","id":"{id}","name":"{name}","nodes":[
                {{"id":"start","kind":"entry","trigger":{{"event":{{"name":"signed_up"}}}}}},
                {{"id":"hello","kind":"message","channel":"email","template":"hello","content":{{"subject":"{subject}"}}}},
                {{"id":"done","kind":"exit"}}],
              "edges":[{{"from":"start","port":"next","to":"hello"}},{{"from":"hello","port":"next","to":"done"}}]}}"#
        );
        waymark_core::to_canonical_json(&waymark_core::parse(&text).unwrap())
    }
}
