//! Project automation, run as `cargo xtask <task>`:
//!
//! - `run`: build the UI and the desktop app and open it on the default database (seeded with
//!   the examples on first use; `WAYMARK_DB` overrides it).
//! - `test`: everything CI checks: formatting, lints, Rust tests (which include the staleness
//!   checks of generated files), UI type checks and unit tests, and end-to-end tests of the real
//!   app under Xvfb through tauri-driver.
//! - `wasm`: compile the core to WebAssembly for the UI (`ui/src/wasm/`), which `run` and `test`
//!   also do; run it before `npm run dev` or `npm test` in `ui/`.
//! - `codegen`: rewrite the generated files (`schemas/journey.schema.json`, `docs/diagnostics.md`,
//!   `ui/src/bindings.ts`).
//!
//! Each task installs what it needs on a fresh Debian machine: system packages with apt-get,
//! npm packages with `npm ci`, the wasm32 Rust target with rustup, and tauri-driver and
//! wasm-bindgen-cli with `cargo install`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "run" => run(),
        "test" => test(),
        "codegen" => codegen(),
        "wasm" => build_wasm(),
        _ => {
            eprintln!("usage: cargo xtask <run|test|codegen|wasm>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {task}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace").to_owned()
}

/// Runs a command in the workspace root, failing with its description when it fails.
fn step(program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{program} {}` failed ({status})", args.join(" "))) }
}

/// Runs a command in `dir` (relative to the workspace root).
fn step_in(dir: &str, program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("$ (cd {dir} && {program} {})", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root().join(dir))
        .status()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{program} {}` in {dir} failed ({status})", args.join(" "))) }
}

fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).output().is_ok_and(|o| o.status.success())
}

/// rustfmt and clippy come with rustup's default profile, but minimal installs lack them.
fn ensure_rust_components() -> Result<(), String> {
    for (component, probe) in [("rustfmt", ["fmt", "--version"]), ("clippy", ["clippy", "--version"])] {
        if !succeeds("cargo", &probe) {
            step("rustup", &["component", "add", component])?;
        }
    }
    Ok(())
}

/// Debian packages the desktop app needs to build (webkit2gtk and friends) and the end-to-end
/// tests need to run (Xvfb, WebKitWebDriver, ImageMagick for screenshots).
const SYSTEM_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "libssl-dev",
    "pkg-config",
    "xvfb",
    "webkit2gtk-driver",
    "imagemagick",
    "xauth",
];

fn ensure_system_packages() -> Result<(), String> {
    let present = succeeds("pkg-config", &["--exists", "webkit2gtk-4.1", "gtk+-3.0", "librsvg-2.0"])
        && succeeds("which", &["Xvfb", "WebKitWebDriver", "convert", "xauth"]);
    if present {
        return Ok(());
    }
    // Root installs directly (as on CI); anyone else goes through sudo.
    let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout == b"0\n");
    let mut apt: Vec<&str> = if is_root { vec![] } else { vec!["sudo"] };
    apt.extend(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
    let run = |args: &[&str]| {
        let mut all = apt.clone();
        all.extend(args);
        step(all[0], &all[1..])
    };
    run(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(SYSTEM_PACKAGES);
    run(&install)
}

/// The version of wasm-bindgen in `Cargo.lock`; the CLI that generates the bindings must match it.
fn wasm_bindgen_version() -> Result<String, String> {
    let lock =
        std::fs::read_to_string(root().join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            let version = lines.next().and_then(|l| l.strip_prefix("version = \"")).and_then(|v| v.strip_suffix('"'));
            return version.map(str::to_owned).ok_or_else(|| "Cargo.lock has no version for wasm-bindgen".to_owned());
        }
    }
    Err("Cargo.lock does not list wasm-bindgen".to_owned())
}

/// The wasm32 target and the wasm-bindgen CLI at the version the crate uses.
fn ensure_wasm_tools() -> Result<(), String> {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    if !installed.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).lines().any(|l| l == WASM_TARGET)) {
        step("rustup", &["target", "add", WASM_TARGET])?;
    }
    let version = wasm_bindgen_version()?;
    let current = Command::new("wasm-bindgen").arg("--version").output();
    if !current.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == format!("wasm-bindgen {version}")) {
        // Not `--locked`: the CLI's own lock file pins crates the registry may no longer serve.
        step("cargo", &["install", "wasm-bindgen-cli", "--version", &version])?;
    }
    Ok(())
}

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Compiles the core to WebAssembly (`crates/waymark-wasm`) and generates its JavaScript glue in
/// `ui/src/wasm/`, which the UI imports.
fn build_wasm() -> Result<(), String> {
    ensure_wasm_tools()?;
    step("cargo", &["build", "--locked", "--package", "waymark-wasm", "--target", WASM_TARGET, "--profile", "wasm"])?;
    let module = format!("target/{WASM_TARGET}/wasm/waymark_wasm.wasm");
    step("wasm-bindgen", &["--target", "web", "--out-dir", "ui/src/wasm", &module])
}

/// Installs the UI's npm packages when the lock file changed since the last install, and builds
/// `ui/dist`, which the desktop app embeds when it compiles.
fn build_ui() -> Result<(), String> {
    build_wasm()?;
    let installed = root().join("ui/node_modules/.package-lock.json");
    let lock = root().join("ui/package-lock.json");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    if modified(&installed).is_none() || modified(&installed) < modified(&lock) {
        step_in("ui", "npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    step_in("ui", "npm", &["run", "build"])
}

fn ensure_tauri_driver() -> Result<(), String> {
    if succeeds("tauri-driver", &["--help"]) {
        return Ok(());
    }
    step("cargo", &["install", "tauri-driver", "--locked"])
}

fn test() -> Result<(), String> {
    ensure_rust_components()?;
    ensure_system_packages()?;
    build_ui()?;
    step("cargo", &["fmt", "--all", "--check"])?;
    step("cargo", &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"])?;
    step("cargo", &["test", "--workspace", "--locked"])?;
    step_in("ui", "npm", &["run", "typecheck"])?;
    step_in("ui", "npm", &["test"])?;
    end_to_end()
}

/// Builds the real app and drives it over WebDriver under a private Xvfb display.
fn end_to_end() -> Result<(), String> {
    ensure_tauri_driver()?;
    // The CLI seeds the databases some tests start from.
    step("cargo", &["build", "--locked", "--package", "waymark-desktop", "--package", "waymark-cli"])?;
    let mut tests: Vec<String> = std::fs::read_dir(root().join("tests/e2e"))
        .map_err(|e| format!("cannot list tests/e2e: {e}"))?
        .filter_map(|entry| entry.ok())
        .map(|entry| format!("tests/e2e/{}", entry.file_name().to_string_lossy()))
        .filter(|name| name.ends_with(".test.mjs"))
        .collect();
    tests.sort();
    let mut args = vec!["--test", "--test-concurrency=1"];
    args.extend(tests.iter().map(String::as_str));
    step("node", &args)
}

fn run() -> Result<(), String> {
    ensure_system_packages()?;
    build_ui()?;
    step("cargo", &["build", "--locked", "--package", "waymark-desktop"])?;
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("No display: set DISPLAY (for example run `Xvfb :99 &` and `export DISPLAY=:99`) to see the window.");
    }
    let app = root().join("target/debug/waymark-desktop");
    let app = app.to_str().ok_or("the target directory path is not UTF-8")?;
    step(app, &[])
}

fn codegen() -> Result<(), String> {
    let files = [
        ("schemas/journey.schema.json", waymark_core::schema::journey_schema()),
        ("schemas/scenario.schema.json", waymark_core::simulate::scenario_schema()),
        ("schemas/diff.schema.json", waymark_core::diff::diff_schema()),
        ("docs/diagnostics.md", waymark_core::diagnostic::codes_markdown()),
    ];
    for (path, text) in files {
        std::fs::write(root().join(path), text).map_err(|e| format!("cannot write {path}: {e}"))?;
        eprintln!("wrote {path}");
    }
    // The TypeScript bindings come from the desktop crate's types; its test writes them.
    let status = Command::new("cargo")
        .args(["test", "--quiet", "--package", "waymark-desktop", "--lib", "bindings"])
        .env("UPDATE_BINDINGS", "1")
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err("writing ui/src/bindings.ts failed".to_owned());
    }
    eprintln!("wrote ui/src/bindings.ts");
    Ok(())
}
