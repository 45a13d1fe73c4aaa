//! Generates the permissions of the app's own commands, so that the capability file can allow
//! exactly these and nothing else.

/// Every command the webview may call; `src/lib.rs` registers the same list.
const COMMANDS: &[&str] = &[
    "list_journeys",
    "open_journey",
    "validate_document",
    "save_draft",
    "commit_version",
    "discard_draft",
    "history",
    "open_version",
    "restore_version",
    "set_status",
    "transitions",
    "create_journey",
    "rename_journey",
    "duplicate_journey",
    "archive_journey",
    "unarchive_journey",
    "import_journey_file",
    "export_journey_file",
    "node_kinds",
];

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)))
        .expect("tauri build step");
}
