//! The desktop shell: Tauri commands that delegate, one line each, to the use cases in
//! `waymark_app` and the store. No domain logic lives here: validation, the kind table and the
//! browser-side rules reach the UI through the WebAssembly core, not through commands.
//!
//! Commands are `async` so Tauri runs them off the main thread; the store sits behind a mutex
//! because SQLite connections are used by one thread at a time. Errors cross to the webview as
//! `{ code, message }`; the UI branches on `code` only.

#[macro_use]
pub mod commands;
pub mod bindings;
mod dialogs;
#[cfg(test)]
mod security;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tauri::{AppHandle, Emitter, State};
use waymark_app::journeys::{self, OpenedJourney, VersionView};
use waymark_app::{AppError, ErrorCode, catalog, export, simulation};
use waymark_core::JourneyDocument;
use waymark_core::export::Format;
use waymark_core::request::SimulationRequest;
use waymark_core::simulate::Report;
use waymark_core::simulate::compare::BehaviourDiff;
use waymark_core::workspace_catalog::{EntryKind, WorkspaceCatalog, WorkspaceEntry};
use waymark_store::{JourneySummary, Saved, Status, Store, StoreError, Transition, VersionInfo, WorkspaceSettings};

/// An error as the webview sees it: `{ code, message }` with a typed code.
pub type CommandError = AppError;

type Reply<T> = Result<T, CommandError>;

/// What the app holds while it runs.
pub struct App {
    store: Mutex<Store>,
    author: String,
    /// The cancel flag of the simulation running now, if any.
    simulation: Mutex<Option<Arc<AtomicBool>>>,
}

impl App {
    pub fn new(store: Store, author: String) -> App {
        App { store: Mutex::new(store), author, simulation: Mutex::new(None) }
    }

    /// Registers a new simulation, cancelling the one before it (a live re-run supersedes it).
    fn start_simulation(&self) -> Arc<AtomicBool> {
        let flag = Arc::new(AtomicBool::new(false));
        let mut current = self.simulation.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(previous) = current.replace(flag.clone()) {
            previous.store(true, Ordering::Relaxed);
        }
        flag
    }

    /// Runs `work` with the store, turning store errors into command errors.
    fn with<T>(&self, work: impl FnOnce(&mut Store) -> Result<T, StoreError>) -> Reply<T> {
        // A panic while holding the lock cannot leave the database inconsistent (every write is
        // a transaction), so a poisoned lock is still safe to use.
        let mut store = self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        Ok(work(&mut store)?)
    }
}

/// The body of each command in `commands.rs`, one line each where it can be; `define_commands`
/// below wraps them into Tauri commands with exactly the arguments and replies listed there.
mod handlers {
    use super::*;

    pub async fn list_journeys(_: &AppHandle, app: &App, include_archived: bool) -> Reply<Vec<JourneySummary>> {
        app.with(|s| Ok(s.list_journeys()?.into_iter().filter(|j| include_archived || !j.archived).collect()))
    }

    pub async fn open_journey(_: &AppHandle, app: &App, id: String) -> Reply<OpenedJourney> {
        app.with(|s| journeys::open_journey(s, &id))
    }

    pub async fn save_draft(_: &AppHandle, app: &App, document: JourneyDocument, base: Option<u32>) -> Reply<()> {
        app.with(|s| s.save_draft(&document, base))
    }

    pub async fn commit_version(
        _: &AppHandle,
        app: &App,
        document: JourneyDocument,
        base: Option<u32>,
        message: String,
    ) -> Reply<Saved> {
        app.with(|s| s.save_version(&document, base, &app.author, &message))
    }

    pub async fn discard_draft(_: &AppHandle, app: &App, id: String) -> Reply<()> {
        app.with(|s| s.discard_draft(&id))
    }

    pub async fn history(_: &AppHandle, app: &App, id: String) -> Reply<Vec<VersionInfo>> {
        app.with(|s| s.history(&id))
    }

    pub async fn open_version(_: &AppHandle, app: &App, id: String, number: u32) -> Reply<VersionView> {
        app.with(|s| journeys::open_version(s, &id, number))
    }

    pub async fn restore_version(_: &AppHandle, app: &App, id: String, number: u32) -> Reply<Saved> {
        app.with(|s| s.restore(&id, number, &app.author))
    }

    pub async fn set_status(
        _: &AppHandle,
        app: &App,
        id: String,
        number: u32,
        to: Status,
        note: Option<String>,
    ) -> Reply<Transition> {
        app.with(|s| s.set_status(&id, number, to, &app.author, note.as_deref()))
    }

    pub async fn transitions(_: &AppHandle, app: &App, id: String, number: u32) -> Reply<Vec<Transition>> {
        app.with(|s| s.transitions(&id, number))
    }

    pub async fn workspace_settings(_: &AppHandle, app: &App) -> Reply<WorkspaceSettings> {
        app.with(|s| s.workspace_settings())
    }

    pub async fn set_solo_review(_: &AppHandle, app: &App, enabled: bool) -> Reply<()> {
        app.with(|s| s.set_solo_review(enabled))
    }

    pub async fn create_journey(_: &AppHandle, app: &App, name: String) -> Reply<OpenedJourney> {
        app.with(|s| journeys::create_journey(s, &name))
    }

    pub async fn rename_journey(_: &AppHandle, app: &App, id: String, name: String) -> Reply<()> {
        app.with(|s| journeys::rename_journey(s, &id, &name, &app.author))
    }

    pub async fn duplicate_journey(_: &AppHandle, app: &App, id: String) -> Reply<JourneySummary> {
        app.with(|s| journeys::duplicate_journey(s, &id, &app.author))
    }

    pub async fn archive_journey(_: &AppHandle, app: &App, id: String) -> Reply<()> {
        app.with(|s| s.archive(&id))
    }

    pub async fn unarchive_journey(_: &AppHandle, app: &App, id: String) -> Reply<()> {
        app.with(|s| s.unarchive(&id))
    }

    /// Opens the native dialog and imports the file chosen; `None` when the user cancels.
    pub async fn import_journey_file(window: &AppHandle, app: &App) -> Reply<Option<Saved>> {
        let Some(path) = dialogs::pick_file(window, dialogs::Ask::journey_file("Import a journey")).await? else {
            return Ok(None);
        };
        app.with(|s| journeys::import_file(s, &path, &app.author)).map(Some)
    }

    /// Opens the native dialog and writes the journey where the user chose; the path written, or
    /// `None` when the user cancels.
    pub async fn export_journey_file(window: &AppHandle, app: &App, id: String) -> Reply<Option<String>> {
        let suggested = format!("{id}.journey.json");
        let Some(path) =
            dialogs::save_file(window, dialogs::Ask::journey_file("Export the journey"), &suggested).await?
        else {
            return Ok(None);
        };
        app.with(|s| journeys::export_journey(s, &id, &path))?;
        Ok(Some(path.display().to_string()))
    }

    /// Exports a stored version to a format (`plan`, `bpmn`, `asl`, `mermaid`, `dot`) and writes
    /// it where the user chooses in the native dialog: the path written, or `None` when the user
    /// cancels. The webview previews the same export through the WebAssembly core; this is the
    /// version as stored, so what is saved is exactly what was reviewed.
    pub async fn save_export(
        window: &AppHandle,
        app: &App,
        id: String,
        number: u32,
        format: Format,
    ) -> Reply<Option<String>> {
        let exported =
            app.with(|s| export::export_version(s, &id, Some(number), format))?.map_err(|refusal| AppError {
                code: ErrorCode::ExportRefused,
                message: refusal.reasons.iter().map(|r| r.message.as_str()).collect::<Vec<_>>().join("; "),
            })?;
        let ask = dialogs::Ask { title: "Save the export", kind: format.title(), extensions: &[format.extension()] };
        let Some(path) = dialogs::save_file(window, ask, &exported.file_name).await? else {
            return Ok(None);
        };
        waymark_store::files::write_atomically(&path, exported.text.as_bytes())
            .map_err(|error| AppError { code: waymark_app::error::file_code(&error), message: error.to_string() })?;
        Ok(Some(path.display().to_string()))
    }

    /// Runs on a blocking thread, emitting `simulation-progress` events as it goes.
    pub async fn simulate(window: &AppHandle, app: &App, request: SimulationRequest) -> Reply<Report> {
        let cancel = app.start_simulation();
        let window = window.clone();
        let run = move || simulation::simulate(&request, &|p| drop(window.emit("simulation-progress", p)), &cancel);
        let result = tauri::async_runtime::spawn_blocking(run).await.map_err(|error| AppError {
            code: ErrorCode::SimulationFailed,
            message: format!("the simulation stopped unexpectedly: {error}"),
        });
        release_freed_memory();
        Ok(result??)
    }

    /// A simulation too (of two versions): it replaces the one running, reports on
    /// `simulation-progress` and stops on `cancel_simulation`. The arguments are not called
    /// `old` and `new`, which TypeScript cannot take as parameter names.
    pub async fn behaviour_diff(
        window: &AppHandle,
        app: &App,
        old_version: JourneyDocument,
        new_version: JourneyDocument,
        request: SimulationRequest,
    ) -> Reply<BehaviourDiff> {
        let cancel = app.start_simulation();
        let window = window.clone();
        let progress = move |p| drop(window.emit("simulation-progress", p));
        let run = move || simulation::behaviour_diff(&old_version, &new_version, &request, &progress, &cancel);
        let result = tauri::async_runtime::spawn_blocking(run).await.map_err(|error| AppError {
            code: ErrorCode::SimulationFailed,
            message: format!("the behavioural diff stopped unexpectedly: {error}"),
        });
        release_freed_memory();
        Ok(result??)
    }

    pub async fn workspace_catalog(_: &AppHandle, app: &App) -> Reply<WorkspaceCatalog> {
        app.with(|s| catalog::workspace_catalog(s))
    }

    pub async fn put_catalog_entry(_: &AppHandle, app: &App, entry: WorkspaceEntry) -> Reply<WorkspaceCatalog> {
        app.with(|s| catalog::put_entry(s, &entry))
    }

    pub async fn edit_catalog_entry(
        _: &AppHandle,
        app: &App,
        kind: EntryKind,
        name: String,
        entry: WorkspaceEntry,
    ) -> Reply<WorkspaceCatalog> {
        app.with(|s| catalog::edit_entry(s, kind, &name, &entry))
    }

    pub async fn remove_catalog_entry(
        _: &AppHandle,
        app: &App,
        kind: EntryKind,
        name: String,
    ) -> Reply<WorkspaceCatalog> {
        app.with(|s| catalog::remove_entry(s, kind, &name))
    }

    pub async fn cancel_simulation(_: &AppHandle, app: &App) -> Reply<()> {
        if let Some(flag) = app.simulation.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).as_ref() {
            flag.store(true, Ordering::Relaxed);
        }
        Ok(())
    }
}

/// Hands the memory that start-up or a finished simulation freed back to the system. Each of the
/// simulator's threads allocates in a malloc arena of its own, and glibc keeps what they free for
/// later; a desktop app that ran ten big simulations would otherwise keep their peak for good.
fn release_freed_memory() {
    #[cfg(target_os = "linux")]
    // SAFETY: `malloc_trim` only returns free pages of the allocator's arenas to the system; it
    // may run at any time, from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Defines one Tauri command per entry of `commands.rs`, delegating to `handlers`, and the
/// invoke handler that registers them all.
macro_rules! define_commands {
    ($($name:ident($($argument:ident: $type:ty),*) -> $reply:ty;)*) => {
        $(
            #[tauri::command]
            async fn $name(window: AppHandle, app: State<'_, App>, $($argument: $type),*) -> Reply<$reply> {
                handlers::$name(&window, &app, $($argument),*).await
            }
        )*

        fn invoke_handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

with_commands!(define_commands);

/// Who is making changes: `WAYMARK_AUTHOR`, else the login name.
fn author() -> String {
    ["WAYMARK_AUTHOR", "USER", "USERNAME"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|value| !value.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// What the app tells WebKit before it starts, through the environment (WebKit and its
/// JavaScript engine read these there; the web process inherits them). A variable the user has set
/// is left as it is.
///
/// - `WEBKIT_DISABLE_COMPOSITING_MODE`: on Linux, accelerated compositing falls back to slow
///   software GL on machines without a usable GPU (virtual machines, Xvfb): measured, panning a
///   journey took 60 ms a frame with it and 37 ms without.
/// - `JSC_largeHeapSize`: JavaScriptCore collects garbage only once its heap has grown past this,
///   32 MB by default. The page lives in about 12 MB, so what each simulation left behind (and the
///   compiled code and native memory its objects hold) piled up over many runs before the first
///   collection: measured, ten 1,000,000-customer runs grew the WebKit process by 25 MB with the
///   default and by 5 MB with 8 MB. A collection of this heap takes 2 to 6 ms.
pub fn webkit_tuning(is_set: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    let mut tuning = vec![("JSC_largeHeapSize", "8388608")];
    if cfg!(target_os = "linux") {
        tuning.push(("WEBKIT_DISABLE_COMPOSITING_MODE", "1"));
    }
    tuning.retain(|(name, _)| !is_set(name));
    tuning
}

/// Opens the database (`WAYMARK_DB`, else the default one, seeded on first use) and runs the app.
pub fn run() {
    for (name, value) in webkit_tuning(|name| std::env::var_os(name).is_some()) {
        // SAFETY: nothing else runs yet, so no thread can read the environment concurrently.
        unsafe { std::env::set_var(name, value) };
    }
    let path = std::env::var_os("WAYMARK_DB").map(PathBuf::from);
    let store = match waymark_app::database::open_database(path.as_deref()) {
        Ok(store) => store,
        Err(error) => {
            eprintln!("waymark: {error}");
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        .setup(|_| {
            // Start-up serves the page, its scripts and the core (decompressing each) and reads
            // the workspace, all within a second; then hand back what it freed (4 MB, measured).
            std::thread::spawn(|| {
                std::thread::sleep(std::time::Duration::from_secs(3));
                release_freed_memory();
            });
            Ok(())
        })
        .plugin(tauri_plugin_dialog::init())
        .manage(App::new(store, author()))
        .invoke_handler(invoke_handler())
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("waymark: the window could not start: {error}");
            std::process::exit(1);
        });
}

#[cfg(test)]
mod tuning {
    use super::webkit_tuning;

    #[test]
    fn webkit_is_told_to_collect_garbage_early_unless_the_user_says_otherwise() {
        let tuning = webkit_tuning(|_| false);
        assert!(tuning.contains(&("JSC_largeHeapSize", "8388608")), "{tuning:?}");
        #[cfg(target_os = "linux")]
        assert!(tuning.contains(&("WEBKIT_DISABLE_COMPOSITING_MODE", "1")), "{tuning:?}");

        let kept = webkit_tuning(|name| name == "JSC_largeHeapSize");
        assert!(kept.iter().all(|(name, _)| *name != "JSC_largeHeapSize"), "{kept:?}");
    }
}
