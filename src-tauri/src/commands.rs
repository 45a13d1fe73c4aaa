// The one list of the commands the webview may call, with their arguments and replies. Everything
// else is generated from it: `build.rs` makes a permission for each command (and
// `capabilities/main.json` grants exactly those), `lib.rs` defines and registers the Tauri
// commands, and `bindings.rs` writes their typed TypeScript wrappers into `ui/src/bindings.ts`.
// `build.rs` includes this file, so it names types only inside the macro, which it never expands.

/// Calls `$callback! { name(argument: Type, ...) -> Reply; ... }` with every command.
macro_rules! with_commands {
    ($callback:ident) => {
        $callback! {
            list_journeys(include_archived: bool) -> Vec<JourneySummary>;
            open_journey(id: String) -> OpenedJourney;
            save_draft(document: JourneyDocument, base: Option<u32>) -> ();
            commit_version(document: JourneyDocument, base: Option<u32>, message: String) -> Saved;
            discard_draft(id: String) -> ();
            history(id: String) -> Vec<VersionInfo>;
            open_version(id: String, number: u32) -> VersionView;
            restore_version(id: String, number: u32) -> Saved;
            set_status(id: String, number: u32, to: Status, note: Option<String>) -> Transition;
            transitions(id: String, number: u32) -> Vec<Transition>;
            workspace_settings() -> WorkspaceSettings;
            set_solo_review(enabled: bool) -> ();
            create_journey(name: String) -> OpenedJourney;
            rename_journey(id: String, name: String) -> ();
            duplicate_journey(id: String) -> JourneySummary;
            archive_journey(id: String) -> ();
            unarchive_journey(id: String) -> ();
            import_journey_file() -> Option<Saved>;
            export_journey_file(id: String) -> Option<String>;
            save_export(id: String, number: u32, format: Format) -> Option<String>;
            simulate(request: SimulationRequest) -> Report;
            behaviour_diff(old_version: JourneyDocument, new_version: JourneyDocument, request: SimulationRequest) -> BehaviourDiff;
            cancel_simulation() -> ();
            workspace_catalog() -> WorkspaceCatalog;
            put_catalog_entry(entry: WorkspaceEntry) -> WorkspaceCatalog;
            edit_catalog_entry(kind: EntryKind, name: String, entry: WorkspaceEntry) -> WorkspaceCatalog;
            remove_catalog_entry(kind: EntryKind, name: String) -> WorkspaceCatalog;
        }
    };
}

macro_rules! command_names {
    ($($name:ident($($argument:ident: $type:ty),*) -> $reply:ty;)*) => {
        /// Every command the webview may call.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}

with_commands!(command_names);
