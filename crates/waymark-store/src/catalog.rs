//! The workspace catalog's own entries: the events and attributes a person lists, with a type and
//! a description (table `catalog_entries`, migration 5). The whole catalog, merged with what the
//! scenarios and journeys name, is assembled by `waymark_app::catalog`; the rules for names are
//! the core's (`waymark_core::workspace_catalog::entry_problem`).

use rusqlite::{Connection, OptionalExtension};
use waymark_core::model::AttributeType;
use waymark_core::workspace_catalog::{EntryKind, WorkspaceEntry, entry_problem};

use crate::{Result, Store, StoreError};

impl Store {
    /// The workspace's own catalog entries, events first, each kind sorted by name.
    pub fn catalog_entries(&self) -> Result<Vec<WorkspaceEntry>> {
        self.read(|connection| Ok(read_entries(connection)?))
    }

    /// Adds an entry, or replaces the one of the same kind and name: what the catalog editor's
    /// save does. An entry whose name breaks the rules is refused and nothing is written.
    pub fn put_catalog_entry(&mut self, entry: &WorkspaceEntry) -> Result<()> {
        if let Some(problem) = entry_problem(entry) {
            return Err(StoreError::InvalidCatalogEntry(problem));
        }
        self.write(|connection| {
            connection.execute(
                "INSERT INTO catalog_entries (kind, name, attribute_type, description) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (kind, name) DO UPDATE SET
                     attribute_type = excluded.attribute_type, description = excluded.description",
                (
                    entry.kind.name(),
                    &entry.name,
                    entry.attribute_type.map(AttributeType::name),
                    entry.description.trim(),
                ),
            )?;
            Ok(())
        })
    }

    /// Replaces the entry `(kind, old_name)` by `entry` (which may rename it), in one
    /// transaction: the old entry must exist, and the new name must not be taken by another one.
    pub fn edit_catalog_entry(&mut self, kind: EntryKind, old_name: &str, entry: &WorkspaceEntry) -> Result<()> {
        if let Some(problem) = entry_problem(entry) {
            return Err(StoreError::InvalidCatalogEntry(problem));
        }
        self.write(|connection| {
            let transaction = connection.transaction()?;
            require_entry(&transaction, kind, old_name)?;
            let renamed = entry.kind != kind || entry.name != old_name;
            if renamed && find_entry(&transaction, entry.kind, &entry.name)? {
                return Err(StoreError::InvalidCatalogEntry(format!(
                    "`{}`: the catalog already has an {} of that name.",
                    entry.name,
                    entry.kind.name()
                )));
            }
            transaction
                .execute("DELETE FROM catalog_entries WHERE kind = ?1 AND name = ?2", (kind.name(), old_name))?;
            transaction.execute(
                "INSERT INTO catalog_entries (kind, name, attribute_type, description) VALUES (?1, ?2, ?3, ?4)",
                (
                    entry.kind.name(),
                    &entry.name,
                    entry.attribute_type.map(AttributeType::name),
                    entry.description.trim(),
                ),
            )?;
            transaction.commit()?;
            Ok(())
        })
    }

    /// Removes an entry the workspace listed. Scenarios and journeys that name it still show it.
    pub fn remove_catalog_entry(&mut self, kind: EntryKind, name: &str) -> Result<()> {
        self.write(|connection| {
            let removed =
                connection.execute("DELETE FROM catalog_entries WHERE kind = ?1 AND name = ?2", (kind.name(), name))?;
            if removed == 0 {
                return Err(StoreError::UnknownCatalogEntry { kind: kind.name(), name: name.to_owned() });
            }
            Ok(())
        })
    }
}

fn read_entries(connection: &Connection) -> rusqlite::Result<Vec<WorkspaceEntry>> {
    let mut statement = connection.prepare(
        "SELECT kind, name, attribute_type, description FROM catalog_entries
         ORDER BY kind = 'attribute', name",
    )?;
    let rows = statement.query_map([], |row| {
        let kind: String = row.get(0)?;
        let attribute_type: Option<String> = row.get(2)?;
        Ok(WorkspaceEntry {
            kind: if kind == "event" { EntryKind::Event } else { EntryKind::Attribute },
            name: row.get(1)?,
            attribute_type: attribute_type.as_deref().and_then(parse_type),
            description: row.get(3)?,
        })
    })?;
    rows.collect()
}

fn find_entry(connection: &Connection, kind: EntryKind, name: &str) -> rusqlite::Result<bool> {
    connection
        .query_row("SELECT 1 FROM catalog_entries WHERE kind = ?1 AND name = ?2", (kind.name(), name), |_| Ok(()))
        .optional()
        .map(|found| found.is_some())
}

fn require_entry(connection: &Connection, kind: EntryKind, name: &str) -> Result<()> {
    if find_entry(connection, kind, name)? {
        Ok(())
    } else {
        Err(StoreError::UnknownCatalogEntry { kind: kind.name(), name: name.to_owned() })
    }
}

/// The column's text back as a type; the table's `CHECK` admits nothing else.
fn parse_type(text: &str) -> Option<AttributeType> {
    AttributeType::ALL.into_iter().find(|t| t.name() == text)
}
