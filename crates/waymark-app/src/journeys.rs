//! What a user does with journeys: open one with its problems, open an old version, create,
//! rename, duplicate, import and export. The desktop commands delegate to these in one line, and
//! the CLI's `import` uses the same `import_document`.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;
use waymark_core::model::{FORMAT, Layout};
use waymark_core::{Diagnostic, JourneyDocument, validate_document};

use waymark_store::{JourneySummary, Result, Saved, Store, StoreError, VersionInfo, files};

/// A journey as the editor opens it: the draft if there is one, else the newest version.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OpenedJourney {
    pub document: JourneyDocument,
    /// The version the document is based on; `None` for a journey never saved.
    pub base: Option<u32>,
    /// True when the document is the autosaved draft rather than a saved version.
    pub from_draft: bool,
    pub latest: Option<VersionInfo>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One saved version, opened read-only.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VersionView {
    pub info: VersionInfo,
    pub document: JourneyDocument,
    pub diagnostics: Vec<Diagnostic>,
}

/// Writes the document being edited (the draft, else the newest version) to a file.
pub fn export_journey(store: &Store, id: &str, path: &Path) -> Result<()> {
    export_file(&open_journey(store, id)?.document, path)
}

/// Checks a document and returns every problem.
pub fn validate(document: JourneyDocument) -> Vec<Diagnostic> {
    validate_document(document).1
}

pub fn open_journey(store: &Store, id: &str) -> Result<OpenedJourney> {
    let latest = store.latest(id)?;
    let (document, base, from_draft) = match store.draft(id)? {
        Some(draft) => (draft.document, draft.base, true),
        None => {
            let (info, document) = store.version(id, None)?;
            (document, Some(info.number), false)
        }
    };
    let diagnostics = validate(document.clone());
    Ok(OpenedJourney { document, base, from_draft, latest, diagnostics })
}

pub fn open_version(store: &Store, id: &str, number: u32) -> Result<VersionView> {
    let (info, document) = store.version(id, Some(number))?;
    let diagnostics = validate(document.clone());
    Ok(VersionView { info, document, diagnostics })
}

/// Creates a journey with an empty document as its draft.
pub fn create_journey(store: &mut Store, name: &str) -> Result<OpenedJourney> {
    let name = name.trim();
    let name = if name.is_empty() { "Untitled journey" } else { name };
    let id = free_id(store, &slug(name))?;
    let document = starter(&id, name);
    store.save_draft(&document, None)?;
    open_journey(store, &id)
}

/// Renames a journey: a new version with the new name, and the draft (if any) renamed too.
pub fn rename_journey(store: &mut Store, id: &str, name: &str, author: &str) -> Result<()> {
    let name = name.trim();
    let draft = store.draft(id)?;
    let mut base = None;
    if let Some(latest) = store.latest(id)? {
        let (_, mut document) = store.version(id, Some(latest.number))?;
        document.name = name.to_owned();
        let saved = store.save_version(&document, Some(latest.number), author, &format!("Rename to “{name}”"))?;
        base = Some(saved.version.number);
    } else if draft.is_none() {
        return Err(StoreError::UnknownJourney(id.to_owned()));
    }
    // The draft follows: renamed, and based on the version just saved so its next commit fits.
    if let Some(mut draft) = draft {
        draft.document.name = name.to_owned();
        store.save_draft(&draft.document, base.or(draft.base))?;
    }
    Ok(())
}

/// Copies a journey (its newest version, or its draft if never saved) under a new id.
pub fn duplicate_journey(store: &mut Store, id: &str, author: &str) -> Result<JourneySummary> {
    let (mut document, origin) = match store.latest(id)? {
        Some(latest) => (store.version(id, Some(latest.number))?.1, format!("{id} v{}", latest.number)),
        None => match store.draft(id)? {
            Some(draft) => (draft.document, format!("the draft of {id}")),
            None => return Err(StoreError::UnknownJourney(id.to_owned())),
        },
    };
    let copy = free_id(store, &format!("{id}-copy"))?;
    document.id = copy.clone();
    document.name = format!("{} (copy)", document.name);
    store.save_version(&document, None, author, &format!("Duplicated from {origin}"))?;
    summary(store, &copy)
}

/// Stores a journey file as a new version of the journey it names, on top of its newest version.
pub fn import_file(store: &mut Store, path: &Path, author: &str) -> Result<Saved> {
    let document = files::read_document(path)?;
    import_document(store, &document, None, author, &format!("Imported from {}", file_name(path)))
}

/// Stores a document read from a file as a new version of the journey it names. `expected` is
/// the version the caller based it on (`Some(0)` for a journey that must not exist yet); `None`
/// takes the newest. An unchanged document saves nothing.
pub fn import_document(
    store: &mut Store,
    document: &JourneyDocument,
    expected: Option<u32>,
    author: &str,
    message: &str,
) -> Result<Saved> {
    let base = match expected {
        Some(0) => None,
        Some(number) => Some(number),
        None => store.latest(&document.id)?.map(|v| v.number),
    };
    store.save_version(document, base, author, message)
}

/// Writes a document to a file in canonical form.
pub fn export_file(document: &JourneyDocument, path: &Path) -> Result<()> {
    Ok(files::write_document(path, document)?)
}

fn summary(store: &Store, id: &str) -> Result<JourneySummary> {
    store
        .list_journeys()?
        .into_iter()
        .find(|journey| journey.id == id)
        .ok_or_else(|| StoreError::UnknownJourney(id.to_owned()))
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

/// A journey id made from a name: lowercase letters and digits joined by `-`.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(60).collect();
    if slug.is_empty() { "journey".to_owned() } else { slug }
}

/// `base`, or `base-2`, `base-3`… whichever no journey has yet.
fn free_id(store: &Store, base: &str) -> Result<String> {
    let taken: Vec<String> = store.list_journeys()?.into_iter().map(|j| j.id).collect();
    Ok((1..)
        .map(|n| if n == 1 { base.to_owned() } else { format!("{base}-{n}") })
        .find(|candidate| !taken.contains(candidate))
        .expect("some suffix is free"))
}

/// The document a new journey starts from: an empty canvas, so the first step the marketer
/// drags in is the entry (validation says so until then).
fn starter(id: &str, name: &str) -> JourneyDocument {
    JourneyDocument {
        format: FORMAT.to_owned(),
        id: id.to_owned(),
        name: name.to_owned(),
        description: String::new(),
        settings: Default::default(),
        nodes: Vec::new(),
        edges: Vec::new(),
        layout: Layout::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> Store {
        Store::open_in_memory().unwrap()
    }

    #[test]
    fn slugs_are_valid_journey_ids() {
        for (name, expected) in
            [("Black Friday 2026!", "black-friday-2026"), ("  Ünïcode & café ", "n-code-caf"), ("***", "journey")]
        {
            assert_eq!(slug(name), expected);
            assert!(waymark_core::validate::is_valid_journey_id(&slug(name)));
        }
    }

    #[test]
    fn a_new_journey_is_a_clean_draft_with_a_free_id() {
        let mut store = store();
        let first = create_journey(&mut store, "Welcome series").unwrap();
        let second = create_journey(&mut store, "Welcome series").unwrap();
        assert_eq!((first.document.id.as_str(), second.document.id.as_str()), ("welcome-series", "welcome-series-2"));
        assert!(first.from_draft && first.base.is_none() && first.latest.is_none());
        let codes: Vec<_> = first.diagnostics.iter().map(|d| d.code.name()).collect();
        assert_eq!(codes, ["missing-entry"], "an empty journey asks for an entry");
    }

    #[test]
    fn opening_prefers_the_draft_over_the_newest_version() {
        let mut store = store();
        let opened = create_journey(&mut store, "Draft first").unwrap();
        let saved = store.save_version(&opened.document, None, "ana", "v1").unwrap();
        assert!(!open_journey(&store, "draft-first").unwrap().from_draft, "saving the draft's content removes it");
        let mut edited = opened.document.clone();
        edited.name = "Edited".to_owned();
        store.save_draft(&edited, Some(saved.version.number)).unwrap();
        let reopened = open_journey(&store, "draft-first").unwrap();
        assert!(reopened.from_draft);
        assert_eq!((reopened.document.name.as_str(), reopened.base), ("Edited", Some(1)));
    }

    #[test]
    fn renaming_saves_a_version_and_renames_the_draft() {
        let mut store = store();
        let opened = create_journey(&mut store, "Old").unwrap();
        store.save_version(&opened.document, None, "ana", "v1").unwrap();
        let mut edited = opened.document.clone();
        edited.description = "work in progress".to_owned();
        store.save_draft(&edited, Some(1)).unwrap();
        rename_journey(&mut store, "old", "New name", "ana").unwrap();
        assert_eq!(store.list_journeys().unwrap()[0].name, "New name");
        assert_eq!(store.history("old").unwrap().len(), 2);
        let draft = store.draft("old").unwrap().unwrap();
        assert_eq!(
            (draft.document.name.as_str(), draft.document.description.as_str()),
            ("New name", "work in progress")
        );
    }

    #[test]
    fn duplicating_copies_the_newest_version_under_a_new_id() {
        let mut store = store();
        let opened = create_journey(&mut store, "Promo").unwrap();
        store.save_version(&opened.document, None, "ana", "v1").unwrap();
        let copy = duplicate_journey(&mut store, "promo", "ana").unwrap();
        assert_eq!((copy.id.as_str(), copy.name.as_str()), ("promo-copy", "Promo (copy)"));
        assert_eq!(store.history("promo-copy").unwrap()[0].message, "Duplicated from promo v1");
        assert_eq!(duplicate_journey(&mut store, "promo", "ana").unwrap().id, "promo-copy-2");
    }

    #[test]
    fn export_then_import_round_trips_and_bad_files_change_nothing() {
        let mut store = store();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("promo.journey.json");
        let opened = create_journey(&mut store, "Promo").unwrap();
        export_file(&opened.document, &path).unwrap();
        let saved = import_file(&mut store, &path, "ana").unwrap();
        assert_eq!((saved.version.number, saved.version.message.as_str()), (1, "Imported from promo.journey.json"));
        std::fs::write(&path, "{ broken").unwrap();
        let error = import_file(&mut store, &path, "ana").unwrap_err();
        assert_eq!(crate::error::store_code(&error), crate::ErrorCode::InvalidJourney);
        assert!(error.to_string().starts_with(&format!("{}:1:3", path.display())), "{error}");
        assert_eq!(store.history("promo").unwrap().len(), 1);
    }
}
