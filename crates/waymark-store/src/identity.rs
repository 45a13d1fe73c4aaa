//! Whose file is this: recognising a Waymark database before anything writes to it.
//!
//! SQLite keeps a 32-bit `application_id` in the file header for exactly this. Waymark stamps its
//! own on every database it creates or migrates; databases from before the stamp are recognised by
//! their schema version and tables. Everything here only reads, so a file that turns out to be
//! someone else's is left byte for byte as it was.

use rusqlite::Connection;

/// Waymark's `PRAGMA application_id`: the ASCII bytes of "WMRK".
pub(crate) const APPLICATION_ID: i32 = i32::from_be_bytes(*b"WMRK");

/// The tables every Waymark database has had since the first migration.
const FIRST_TABLES: [&str; 2] = ["journeys", "versions"];

/// What a freshly opened file turned out to be.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Identity {
    /// No tables and no schema version: a new file, ours to initialise.
    Empty,
    /// A Waymark database at schema `version`. `stamped` is false for one written before
    /// Waymark set the application id; migrating stamps it.
    Waymark { version: u32, stamped: bool },
    /// Anything else, with the names of its tables (sorted), to say what it holds.
    Foreign { tables: Vec<String> },
}

/// Reads the header and the list of tables, and decides. Read-only: no write, no pragma that
/// changes the file.
pub(crate) fn identify(connection: &Connection) -> rusqlite::Result<Identity> {
    let application_id: i32 = connection.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let version = crate::migrations::schema_version(connection)?;
    let mut statement = connection.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?;
    let tables: Vec<String> = statement.query_map([], |row| row.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(classify(application_id, version, tables))
}

/// The rule, apart from the reading: our id is ours; an unstamped file is new when it is empty,
/// and an older Waymark database when it has a schema version and Waymark's first tables.
fn classify(application_id: i32, version: u32, tables: Vec<String>) -> Identity {
    match application_id {
        APPLICATION_ID => Identity::Waymark { version, stamped: true },
        0 if version == 0 && tables.is_empty() => Identity::Empty,
        0 if version >= 1 && FIRST_TABLES.iter().all(|first| tables.iter().any(|table| table == first)) => {
            Identity::Waymark { version, stamped: false }
        }
        _ => Identity::Foreign { tables },
    }
}

/// Why a foreign file is not ours, in a few words for the error message.
pub(crate) fn foreign_reason(tables: &[String]) -> String {
    const SHOWN: usize = 5;
    if tables.is_empty() {
        return "it belongs to another application".to_owned();
    }
    // Table names come from the file: escape them so none can disturb a terminal.
    let mut names: Vec<String> = tables.iter().take(SHOWN).map(|name| name.escape_debug().to_string()).collect();
    if tables.len() > SHOWN {
        names.push(format!("and {} more", tables.len() - SHOWN));
    }
    format!("it has tables {}", names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn the_application_id_spells_wmrk() {
        assert_eq!(APPLICATION_ID, 0x574D_524B);
    }

    #[test]
    fn files_are_recognised_by_id_then_by_schema() {
        let waymark = tables(&["drafts", "journeys", "versions"]);
        assert_eq!(classify(0, 0, vec![]), Identity::Empty);
        assert_eq!(classify(APPLICATION_ID, 4, waymark.clone()), Identity::Waymark { version: 4, stamped: true });
        assert_eq!(classify(0, 1, waymark.clone()), Identity::Waymark { version: 1, stamped: false });
        // Waymark's table names without a schema version, or a schema version without them, or
        // another application's id: not ours.
        assert_eq!(classify(0, 0, waymark.clone()), Identity::Foreign { tables: waymark.clone() });
        assert_eq!(classify(0, 3, tables(&["versions"])), Identity::Foreign { tables: tables(&["versions"]) });
        assert_eq!(classify(0, 2, vec![]), Identity::Foreign { tables: vec![] });
        assert_eq!(classify(7, 0, vec![]), Identity::Foreign { tables: vec![] });
    }

    #[test]
    fn foreign_reasons_name_a_few_tables_escaped() {
        assert_eq!(foreign_reason(&[]), "it belongs to another application");
        assert_eq!(foreign_reason(&tables(&["a", "b\nc"])), "it has tables a, b\\nc");
        assert_eq!(
            foreign_reason(&tables(&["a", "b", "c", "d", "e", "f", "g"])),
            "it has tables a, b, c, d, e, and 2 more"
        );
    }
}
