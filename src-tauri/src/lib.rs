//! The desktop shell: Tauri commands that delegate, one line each, to the use cases in
//! `waymark_store::workspace` and the store. No domain logic lives here.
//!
//! Commands are `async` so Tauri runs them off the main thread; the store sits behind a mutex
//! because SQLite connections are used by one thread at a time. Errors cross to the webview as
//! `{ code, message }`; the UI branches on `code` only.

pub mod bindings;
pub mod commands;
#[cfg(test)]
mod security;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use tauri::{AppHandle, Emitter, State};
use ts_rs::TS;
use waymark_core::model::KindInfo;
use waymark_core::simulate::Report;
use waymark_core::{Diagnostic, JourneyDocument, Kind};
use waymark_store::workspace::{self, OpenedJourney, ScenarioInfo, SimulationRequest, VersionView};
use waymark_store::{JourneySummary, Saved, Status, Store, StoreError, Transition, VersionInfo};

/// An error as the webview sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CommandError {
    /// A stable machine code, such as `conflict` or `publish_blocked`.
    pub code: String,
    /// What happened, for people.
    pub message: String,
}

impl From<StoreError> for CommandError {
    fn from(error: StoreError) -> CommandError {
        CommandError { code: error.code().to_owned(), message: error.to_string() }
    }
}

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

#[tauri::command]
async fn list_journeys(app: State<'_, App>, include_archived: bool) -> Reply<Vec<JourneySummary>> {
    app.with(|s| Ok(s.list_journeys()?.into_iter().filter(|j| include_archived || !j.archived).collect()))
}

#[tauri::command]
async fn open_journey(app: State<'_, App>, id: String) -> Reply<OpenedJourney> {
    app.with(|s| workspace::open_journey(s, &id))
}

#[tauri::command]
async fn validate_document(document: JourneyDocument) -> Reply<Vec<Diagnostic>> {
    Ok(workspace::validate(document))
}

#[tauri::command]
async fn save_draft(app: State<'_, App>, document: JourneyDocument, base: Option<u32>) -> Reply<()> {
    app.with(|s| s.save_draft(&document, base))
}

#[tauri::command]
async fn commit_version(
    app: State<'_, App>,
    document: JourneyDocument,
    base: Option<u32>,
    message: String,
) -> Reply<Saved> {
    app.with(|s| s.save_version(&document, base, &app.author, &message))
}

#[tauri::command]
async fn discard_draft(app: State<'_, App>, id: String) -> Reply<()> {
    app.with(|s| s.discard_draft(&id))
}

#[tauri::command]
async fn history(app: State<'_, App>, id: String) -> Reply<Vec<VersionInfo>> {
    app.with(|s| s.history(&id))
}

#[tauri::command]
async fn open_version(app: State<'_, App>, id: String, number: u32) -> Reply<VersionView> {
    app.with(|s| workspace::open_version(s, &id, number))
}

#[tauri::command]
async fn restore_version(app: State<'_, App>, id: String, number: u32) -> Reply<Saved> {
    app.with(|s| s.restore(&id, number, &app.author))
}

#[tauri::command]
async fn set_status(
    app: State<'_, App>,
    id: String,
    number: u32,
    to: Status,
    note: Option<String>,
) -> Reply<Transition> {
    app.with(|s| s.set_status(&id, number, to, &app.author, note.as_deref()))
}

#[tauri::command]
async fn transitions(app: State<'_, App>, id: String, number: u32) -> Reply<Vec<Transition>> {
    app.with(|s| s.transitions(&id, number))
}

#[tauri::command]
async fn create_journey(app: State<'_, App>, name: String) -> Reply<OpenedJourney> {
    app.with(|s| workspace::create_journey(s, &name))
}

#[tauri::command]
async fn rename_journey(app: State<'_, App>, id: String, name: String) -> Reply<()> {
    app.with(|s| workspace::rename_journey(s, &id, &name, &app.author))
}

#[tauri::command]
async fn duplicate_journey(app: State<'_, App>, id: String) -> Reply<JourneySummary> {
    app.with(|s| workspace::duplicate_journey(s, &id, &app.author))
}

#[tauri::command]
async fn archive_journey(app: State<'_, App>, id: String) -> Reply<()> {
    app.with(|s| s.archive(&id))
}

#[tauri::command]
async fn unarchive_journey(app: State<'_, App>, id: String) -> Reply<()> {
    app.with(|s| s.unarchive(&id))
}

#[tauri::command]
async fn import_journey_file(app: State<'_, App>, path: PathBuf) -> Reply<Saved> {
    app.with(|s| workspace::import_file(s, &path, &app.author))
}

#[tauri::command]
async fn export_journey_file(app: State<'_, App>, id: String, path: PathBuf) -> Reply<()> {
    app.with(|s| workspace::export_journey(s, &id, &path))
}

#[tauri::command]
async fn scenarios() -> Reply<Vec<ScenarioInfo>> {
    Ok(workspace::scenarios())
}

/// Runs on a blocking thread, emitting `simulation-progress` events as it goes.
#[tauri::command]
async fn simulate(window: AppHandle, app: State<'_, App>, request: SimulationRequest) -> Reply<Report> {
    let cancel = app.start_simulation();
    let run = move || workspace::simulate(&request, &|p| drop(window.emit("simulation-progress", p)), &cancel);
    let result = tauri::async_runtime::spawn_blocking(run).await.map_err(|error| CommandError {
        code: "simulation_failed".to_owned(),
        message: format!("the simulation stopped unexpectedly: {error}"),
    })?;
    result.map_err(|error| CommandError { code: "invalid_simulation".to_owned(), message: error.0 })
}

#[tauri::command]
async fn cancel_simulation(app: State<'_, App>) -> Reply<()> {
    if let Some(flag) = app.simulation.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).as_ref() {
        flag.store(true, Ordering::Relaxed);
    }
    Ok(())
}

#[tauri::command]
async fn node_kinds() -> Reply<Vec<KindInfo>> {
    Ok(Kind::ALL.iter().map(|kind| kind.info()).collect())
}

/// Who is making changes: `WAYMARK_AUTHOR`, else the login name.
fn author() -> String {
    ["WAYMARK_AUTHOR", "USER", "USERNAME"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|value| !value.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Opens the database (`WAYMARK_DB`, else the default one, seeded on first use) and runs the app.
pub fn run() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        // WebKitGTK's accelerated compositing falls back to slow software GL on machines without
        // a usable GPU (virtual machines, Xvfb): measured, panning a journey took 60 ms a frame
        // with it and 37 ms without. Users can set the variable themselves to override this.
        // SAFETY: nothing else runs yet, so no thread can read the environment concurrently.
        unsafe { std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1") };
    }
    let path = std::env::var_os("WAYMARK_DB").map(PathBuf::from);
    let store = match workspace::open_database(path.as_deref()) {
        Ok(store) => store,
        Err(error) => {
            eprintln!("waymark: {error}");
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(App::new(store, author()))
        .invoke_handler(tauri::generate_handler![
            list_journeys,
            open_journey,
            validate_document,
            save_draft,
            commit_version,
            discard_draft,
            history,
            open_version,
            restore_version,
            set_status,
            transitions,
            create_journey,
            rename_journey,
            duplicate_journey,
            archive_journey,
            unarchive_journey,
            import_journey_file,
            export_journey_file,
            node_kinds,
            scenarios,
            simulate,
            cancel_simulation,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|error| {
            eprintln!("waymark: the window could not start: {error}");
            std::process::exit(1);
        });
}
