//! The workspace catalog as the app and the CLI show it: the store's own entries merged with the
//! example scenarios and every journey in the workspace (its draft, else its newest version), and
//! a journey checked against it. The merge and the check are the core's
//! (`waymark_core::workspace_catalog`); this module only gathers the sources.

use waymark_core::workspace_catalog::{self, EntryKind, WorkspaceCatalog, WorkspaceEntry};
use waymark_core::{Diagnostic, JourneyDocument, validate_document};
use waymark_store::{Result, Store};

/// The catalog of the workspace in `store`. Archived journeys are left out: their names are
/// not what the workspace uses now.
pub fn workspace_catalog(store: &Store) -> Result<WorkspaceCatalog> {
    let entries = store.catalog_entries()?;
    let mut journeys = Vec::new();
    for summary in store.list_journeys()?.into_iter().filter(|j| !j.archived) {
        journeys.push(current_document(store, &summary.id)?);
    }
    Ok(workspace_catalog::workspace_catalog(&entries, &waymark_core::examples::scenarios(), &journeys))
}

/// Every problem of `document`, with the catalog's warnings about names nobody else knows.
pub fn check(document: JourneyDocument, catalog: &WorkspaceCatalog) -> Vec<Diagnostic> {
    let names = workspace_catalog::check_names(&document, catalog);
    let mut diagnostics = validate_document(document).1;
    diagnostics.extend(names);
    diagnostics
}

/// Adds or replaces an entry of the workspace's own list and returns the catalog after it.
pub fn put_entry(store: &mut Store, entry: &WorkspaceEntry) -> Result<WorkspaceCatalog> {
    store.put_catalog_entry(entry)?;
    workspace_catalog(store)
}

/// Changes (or renames) an entry of the workspace's own list and returns the catalog after it.
pub fn edit_entry(store: &mut Store, kind: EntryKind, name: &str, entry: &WorkspaceEntry) -> Result<WorkspaceCatalog> {
    store.edit_catalog_entry(kind, name, entry)?;
    workspace_catalog(store)
}

/// Removes an entry of the workspace's own list and returns the catalog after it.
pub fn remove_entry(store: &mut Store, kind: EntryKind, name: &str) -> Result<WorkspaceCatalog> {
    store.remove_catalog_entry(kind, name)?;
    workspace_catalog(store)
}

/// The document a journey is edited as: its draft, else its newest version.
fn current_document(store: &Store, id: &str) -> Result<JourneyDocument> {
    match store.draft(id)? {
        Some(draft) => Ok(draft.document),
        None => Ok(store.version(id, None)?.1),
    }
}

#[cfg(test)]
mod tests {
    use waymark_core::Code;
    use waymark_core::workspace_catalog::EntrySource;

    use super::*;

    fn seeded() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        store.seed(&waymark_core::examples::documents(), "waymark").unwrap();
        store
    }

    #[test]
    fn the_catalog_gathers_the_store_the_scenarios_and_every_journeys_draft() {
        let mut store = seeded();
        let mut draft = store.version("onboarding", None).unwrap().1;
        draft.settings.attributes.insert("beta_tester".into(), waymark_core::model::AttributeType::Boolean);
        store.save_draft(&draft, Some(1)).unwrap();
        let catalog = put_entry(
            &mut store,
            &WorkspaceEntry {
                kind: EntryKind::Event,
                name: "viewed_pricing".into(),
                attribute_type: None,
                description: "Opened the pricing page".into(),
            },
        )
        .unwrap();
        let find = |kind, name: &str| catalog.entries.iter().find(|e| e.kind == kind && e.name == name).unwrap();
        let pricing = find(EntryKind::Event, "viewed_pricing");
        assert_eq!(pricing.description, "Opened the pricing page");
        assert_eq!(pricing.sources[0], EntrySource::Workspace);
        assert!(pricing.sources.contains(&EntrySource::Scenario { scenario: "onboarding".into() }));
        assert!(
            find(EntryKind::Attribute, "beta_tester")
                .sources
                .contains(&EntrySource::Journey { journey: "onboarding".into(), name: draft.name.clone() }),
            "the draft, not only the saved version, is read"
        );
    }

    #[test]
    fn a_misspelt_event_is_checked_against_the_workspace() {
        let mut store = seeded();
        let mut document = store.version("onboarding", None).unwrap().1;
        let waymark_core::NodeKind::Entry { trigger: waymark_core::model::Trigger::Event { name, .. } } =
            &mut document.nodes.iter_mut().find(|n| n.kind() == waymark_core::Kind::Entry).unwrap().kind
        else {
            panic!("the onboarding entry is an event")
        };
        *name = "signed_upp".into();
        let catalog = workspace_catalog(&store).unwrap();
        let warnings: Vec<_> =
            check(document.clone(), &catalog).into_iter().filter(|d| d.code == Code::UnknownEvent).collect();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].hint, "Did you mean `signed_up`?");
        let catalog = put_entry(
            &mut store,
            &WorkspaceEntry {
                kind: EntryKind::Event,
                name: "signed_upp".into(),
                attribute_type: None,
                description: String::new(),
            },
        )
        .unwrap();
        assert!(check(document, &catalog).iter().all(|d| d.code != Code::UnknownEvent));
        remove_entry(&mut store, EntryKind::Event, "signed_upp").unwrap();
    }
}
