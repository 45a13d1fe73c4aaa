// The name of every command the webview may call. `build.rs` generates a permission for each,
// `capabilities/main.json` allows exactly these, and `lib.rs` registers the same list.

/// Every command the webview may call.
pub const COMMANDS: &[&str] = &[
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
    "scenarios",
    "simulate",
    "cancel_simulation",
];
