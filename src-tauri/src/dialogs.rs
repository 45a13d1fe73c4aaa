//! Native file dialogs, opened by the Rust side. Commands that read or write a file the user
//! chooses open the dialog themselves and use its answer, so the webview never names a path.
//!
//! End-to-end tests cannot click through a native GTK dialog: in debug builds only, the
//! environment variable `WAYMARK_E2E_DIALOG` answers every dialog with its path instead.
//! Release builds do not contain that branch.

use std::path::PathBuf;

use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, FileDialogBuilder};
use waymark_app::{AppError, ErrorCode};

/// What a dialog asks for: its title and the kind of file it offers.
pub struct Ask<'a> {
    pub title: &'a str,
    /// The filter's name, e.g. "Waymark journey".
    pub kind: &'a str,
    /// Extensions without the dot, e.g. `["journey.json", "json"]`.
    pub extensions: &'a [&'a str],
}

impl Ask<'static> {
    /// A journey file, `*.journey.json`.
    pub fn journey_file(title: &'static str) -> Self {
        Ask { title, kind: "Waymark journey", extensions: &["journey.json", "json"] }
    }
}

/// Asks for an existing file to open; `None` when the user cancels.
pub async fn pick_file(app: &AppHandle, ask: Ask<'_>) -> Result<Option<PathBuf>, AppError> {
    if let Some(answer) = test_answer() {
        return Ok(Some(answer));
    }
    let dialog = builder(app, &ask);
    answer(tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file()).await)
}

/// Asks where to save a file, suggesting `file_name`; `None` when the user cancels.
pub async fn save_file(app: &AppHandle, ask: Ask<'_>, file_name: &str) -> Result<Option<PathBuf>, AppError> {
    if let Some(answer) = test_answer() {
        return Ok(Some(answer));
    }
    let dialog = builder(app, &ask).set_file_name(file_name);
    answer(tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file()).await)
}

fn builder(app: &AppHandle, ask: &Ask<'_>) -> FileDialogBuilder<tauri::Wry> {
    app.dialog().file().set_title(ask.title).add_filter(ask.kind, ask.extensions)
}

fn answer(result: Result<Option<tauri_plugin_dialog::FilePath>, tauri::Error>) -> Result<Option<PathBuf>, AppError> {
    let failed = |message: String| AppError { code: ErrorCode::File, message };
    match result.map_err(|error| failed(format!("the file dialog failed: {error}")))? {
        None => Ok(None),
        Some(path) => {
            path.into_path().map(Some).map_err(|error| failed(format!("the chosen file has no path: {error}")))
        }
    }
}

#[cfg(debug_assertions)]
fn test_answer() -> Option<PathBuf> {
    std::env::var_os("WAYMARK_E2E_DIALOG").map(PathBuf::from)
}

#[cfg(not(debug_assertions))]
fn test_answer() -> Option<PathBuf> {
    None
}
