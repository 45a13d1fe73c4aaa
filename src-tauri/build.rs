//! Generates the permissions of the app's own commands, so that the capability file can allow
//! exactly these and nothing else.

include!("src/commands.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build step");
}
