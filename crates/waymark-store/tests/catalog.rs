//! The workspace catalog's own entries: listing, adding, editing and removing, with the core's
//! rules for names; a refused entry leaves the stored ones as they were.

mod common;

use common::memory_store;
use waymark_core::model::AttributeType;
use waymark_core::workspace_catalog::{EntryKind, WorkspaceEntry};
use waymark_store::StoreError;

fn entry(kind: EntryKind, name: &str, attribute_type: Option<AttributeType>, description: &str) -> WorkspaceEntry {
    WorkspaceEntry { kind, name: name.to_owned(), attribute_type, description: description.to_owned() }
}

#[test]
fn entries_are_listed_events_first_by_name_and_a_second_put_replaces() {
    let mut store = memory_store();
    store.put_catalog_entry(&entry(EntryKind::Attribute, "plan", Some(AttributeType::String), " Price plan ")).unwrap();
    store.put_catalog_entry(&entry(EntryKind::Event, "purchased", None, "")).unwrap();
    store.put_catalog_entry(&entry(EntryKind::Event, "activated", None, "old")).unwrap();
    store.put_catalog_entry(&entry(EntryKind::Event, "activated", None, "First project")).unwrap();
    assert_eq!(
        store.catalog_entries().unwrap(),
        [
            entry(EntryKind::Event, "activated", None, "First project"),
            entry(EntryKind::Event, "purchased", None, ""),
            entry(EntryKind::Attribute, "plan", Some(AttributeType::String), "Price plan"),
        ]
    );
}

#[test]
fn bad_names_are_refused_with_the_cores_words_and_nothing_is_written() {
    let mut store = memory_store();
    store.put_catalog_entry(&entry(EntryKind::Event, "kept", None, "")).unwrap();
    for (bad, words) in [
        (entry(EntryKind::Event, "", None, ""), "``: Give it a name."),
        (entry(EntryKind::Event, " padded", None, ""), "` padded`: Remove the spaces before or after the name."),
        (
            entry(EntryKind::Event, "typed", Some(AttributeType::Number), ""),
            "`typed`: events have no type; only attributes do.",
        ),
    ] {
        let error = store.put_catalog_entry(&bad).unwrap_err();
        assert!(matches!(error, StoreError::InvalidCatalogEntry(_)), "{error:?}");
        assert_eq!(error.to_string(), words);
    }
    assert_eq!(store.catalog_entries().unwrap(), [entry(EntryKind::Event, "kept", None, "")]);
}

#[test]
fn an_edit_may_rename_but_not_onto_another_entry() {
    let mut store = memory_store();
    store.put_catalog_entry(&entry(EntryKind::Event, "viewed_pricng", None, "")).unwrap();
    store.put_catalog_entry(&entry(EntryKind::Event, "purchased", None, "")).unwrap();
    store
        .edit_catalog_entry(
            EntryKind::Event,
            "viewed_pricng",
            &entry(EntryKind::Event, "viewed_pricing", None, "Pricing page"),
        )
        .unwrap();
    let error = store
        .edit_catalog_entry(EntryKind::Event, "viewed_pricing", &entry(EntryKind::Event, "purchased", None, ""))
        .unwrap_err();
    assert_eq!(error.to_string(), "`purchased`: the catalog already has an event of that name.");
    let error =
        store.edit_catalog_entry(EntryKind::Event, "gone", &entry(EntryKind::Event, "x", None, "")).unwrap_err();
    assert_eq!(error.to_string(), "the workspace catalog has no event `gone`");
    assert_eq!(
        store.catalog_entries().unwrap(),
        [
            entry(EntryKind::Event, "purchased", None, ""),
            entry(EntryKind::Event, "viewed_pricing", None, "Pricing page")
        ]
    );
}

#[test]
fn removing_takes_the_entry_away_and_an_unknown_one_is_an_error() {
    let mut store = memory_store();
    store.put_catalog_entry(&entry(EntryKind::Attribute, "plan", None, "")).unwrap();
    store.remove_catalog_entry(EntryKind::Attribute, "plan").unwrap();
    assert_eq!(store.catalog_entries().unwrap(), []);
    let error = store.remove_catalog_entry(EntryKind::Attribute, "plan").unwrap_err();
    assert!(matches!(error, StoreError::UnknownCatalogEntry { .. }));
}
