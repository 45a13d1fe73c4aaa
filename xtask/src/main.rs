//! Project automation, run as `cargo xtask <task>`:
//!
//! - `run`: build the UI and the desktop app and open it on the default database (seeded with
//!   the examples on first use; `WAYMARK_DB` overrides it).
//! - `test`: everything CI checks: formatting, lints, Rust tests (which include the staleness
//!   checks of generated files), UI type checks and unit tests, and end-to-end tests of the real
//!   app under Xvfb through tauri-driver.
//! - `wasm`: compile the core to WebAssembly for the UI (`ui/src/wasm/`), which `run` and `test`
//!   also do; run it before `npm run dev` or `npm test` in `ui/`.
//! - `fuzz [SECONDS]`: run every cargo-fuzz target in `fuzz/` for SECONDS each (600 by default)
//!   on the nightly toolchain, from a corpus seeded with `journeys/`, and print its figures.
//! - `export-proof`: check every example's exports with the tools that own their formats and
//!   run the BPMN and ASL exports in bpmn-engine and moto against the simulator
//!   (`tests/export_engines.rs`); `test` runs it too.
//! - `bundle`: build the release Debian package with the Tauri bundler (the app, its desktop
//!   entry and icons, and the `waymark` CLI beside it) and print its path and size; `test` builds
//!   it, installs it with apt-get and starts the installed app (`installed_app`).
//! - `measure`: build the release app and print its start-up time and memory (PSS of all its
//!   processes) idle and after ten 1,000,000-customer simulations (`tests/e2e/measure.mjs`).
//! - `codegen`: rewrite the generated files (`schemas/journey.schema.json`, `docs/diagnostics.md`,
//!   `ui/src/bindings.ts`).
//!
//! Each task installs what it needs on a fresh Debian machine: system packages with apt-get,
//! npm packages with `npm ci`, the wasm32 Rust target with rustup, and tauri-driver and
//! wasm-bindgen-cli with `cargo install`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "run" => run(),
        "test" => test(),
        "codegen" => codegen(),
        "wasm" => build_wasm(),
        "fuzz" => fuzz(std::env::args().nth(2).as_deref()),
        "export-proof" => export_proof(),
        "bundle" => bundle().map(drop),
        "measure" => measure(),
        _ => {
            eprintln!(
                "usage: cargo xtask <run|test|codegen|wasm|fuzz [seconds per target]|export-proof|bundle|measure>"
            );
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
    apt_install(SYSTEM_PACKAGES)
}

/// Installs Debian packages with apt-get.
fn apt_install(packages: &[&str]) -> Result<(), String> {
    apt_get(&["update"])?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(packages);
    apt_get(&install)
}

/// Runs apt-get: directly as root (as on CI), through sudo for anyone else.
fn apt_get(args: &[&str]) -> Result<(), String> {
    let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout == b"0\n");
    let mut all: Vec<&str> = if is_root { vec![] } else { vec!["sudo"] };
    all.extend(["env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]);
    all.extend(args);
    step(all[0], &all[1..])
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

/// The builds of the UI: what users run, and what end-to-end tests drive.
#[derive(Clone, Copy, PartialEq)]
enum UiBuild {
    Release,
    /// Also exposes the editor's stores as `window.__waymark` for the tests to read.
    EndToEnd,
}

/// Installs the UI's npm packages when the lock file changed since the last install, and builds
/// `ui/dist`, which the desktop app embeds when it compiles.
fn build_ui(build: UiBuild) -> Result<(), String> {
    build_wasm()?;
    let installed = root().join("ui/node_modules/.package-lock.json");
    let lock = root().join("ui/package-lock.json");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    if modified(&installed).is_none() || modified(&installed) < modified(&lock) {
        step_in("ui", "npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    match build {
        UiBuild::Release => {
            step_in("ui", "npm", &["run", "build"])?;
            release_ui_has_no_test_hooks()
        }
        UiBuild::EndToEnd => step_in("ui", "npx", &["vite", "build", "--mode", "e2e"]),
    }
}

/// Fails when the UI users run exposes the test hooks (`window.__waymark`, the editor's stores).
fn release_ui_has_no_test_hooks() -> Result<(), String> {
    let assets = root().join("ui/dist/assets");
    let entries = std::fs::read_dir(&assets).map_err(|e| format!("cannot list {}: {e}", assets.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        if text.contains("__waymark") {
            return Err(format!("{} exposes the test hooks (`__waymark`) in a release build", entry.path().display()));
        }
    }
    Ok(())
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
    build_ui(UiBuild::Release)?;
    step("cargo", &["fmt", "--all", "--check"])?;
    step("cargo", &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"])?;
    step("cargo", &["test", "--workspace", "--locked"])?;
    export_proof()?;
    step_in("ui", "npm", &["run", "typecheck"])?;
    step_in("ui", "npm", &["test"])?;
    end_to_end()?;
    installed_app()
}

/// Builds the real app and drives it over WebDriver under a private Xvfb display.
fn end_to_end() -> Result<(), String> {
    ensure_tauri_driver()?;
    build_ui(UiBuild::EndToEnd)?;
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

/// Builds the release Debian package and returns its path: the release UI, the release CLI, then
/// the Tauri bundler (`src-tauri/tauri.conf.json`, `bundle`), which compiles the app in release with
/// the UI embedded and packages it with its desktop entry, icons, dependencies and the CLI.
fn bundle() -> Result<PathBuf, String> {
    ensure_system_packages()?;
    let started = Instant::now();
    build_ui(UiBuild::Release)?;
    step("cargo", &["build", "--release", "--locked", "--package", "waymark-cli"])?;
    // The bundler is the npm package @tauri-apps/cli (a devDependency of the UI, so `npm ci`
    // installed it); what follows `--` goes to cargo.
    step("ui/node_modules/.bin/tauri", &["build", "--ci", "--bundles", "deb", "--", "--locked"])?;
    let dir = root().join("target/release/bundle/deb");
    let newest = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".deb"))
        .filter_map(|entry| Some((entry.metadata().ok()?.modified().ok()?, entry.path())))
        .max();
    let (_, deb) = newest.ok_or_else(|| format!("the bundler left no .deb in {}", dir.display()))?;
    let bytes = std::fs::metadata(&deb).map_err(|e| format!("cannot read {}: {e}", deb.display()))?.len();
    eprintln!(
        "built {} ({:.1} MB) in {} s",
        deb.strip_prefix(root()).unwrap_or(&deb).display(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs()
    );
    Ok(deb)
}

/// Installs the package as a user would (`apt-get install ./….deb`), checks what it installed
/// (the CLI, the app, the desktop entry), and starts the installed app under a private Xvfb with a
/// fresh home: it must seed and list the examples and open one (`tests/e2e/installed-app.mjs`).
fn installed_app() -> Result<(), String> {
    let deb = bundle()?;
    let deb = deb.to_str().ok_or("the target directory path is not UTF-8")?;
    let started = Instant::now();
    // `--reinstall`: the same version built again still replaces what is installed.
    apt_get(&["install", "-y", "--reinstall", deb])?;
    eprintln!("installed in {:.1} s", started.elapsed().as_secs_f64());
    let version = Command::new("/usr/bin/waymark")
        .arg("--version")
        .output()
        .map_err(|e| format!("the package installed no working /usr/bin/waymark: {e}"))?;
    let version = String::from_utf8_lossy(&version.stdout);
    if !version.starts_with("waymark ") {
        return Err(format!("/usr/bin/waymark --version printed {version:?}"));
    }
    let entry = "/usr/share/applications/Waymark.desktop";
    let text = std::fs::read_to_string(entry).map_err(|e| format!("the package installed no {entry}: {e}"))?;
    for line in ["Exec=waymark-desktop", "Icon=waymark-desktop", "Categories=Office;"] {
        if !text.lines().any(|l| l == line) {
            return Err(format!("{entry} lacks `{line}`:\n{text}"));
        }
    }
    ensure_tauri_driver()?;
    step("node", &["tests/e2e/installed-app.mjs", "/usr/bin/waymark-desktop"])
}

/// Builds the release app and CLI (as the package ships them) and measures them.
fn measure() -> Result<(), String> {
    ensure_system_packages()?;
    ensure_tauri_driver()?;
    build_ui(UiBuild::Release)?;
    step("cargo", &["build", "--release", "--locked", "--package", "waymark-cli"])?;
    step("ui/node_modules/.bin/tauri", &["build", "--ci", "--no-bundle", "--", "--locked"])?;
    step("node", &["tests/e2e/measure.mjs"])
}

fn run() -> Result<(), String> {
    ensure_system_packages()?;
    build_ui(UiBuild::Release)?;
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
        ("schemas/plan.schema.json", waymark_core::export::plan_schema()),
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

/// The fuzz targets, in the order they run (each is a file in `fuzz/fuzz_targets/`).
const FUZZ_TARGETS: [&str; 5] = ["parse", "validate", "simulate", "diff", "export"];

/// Runs each fuzz target for `seconds` (600 by default) and prints its executions and rate.
/// A crash stops the run; libFuzzer leaves the input under `fuzz/artifacts/<target>/`.
fn fuzz(seconds: Option<&str>) -> Result<(), String> {
    let seconds: u64 = seconds.unwrap_or("600").parse().map_err(|_| "the time per target is a number of seconds")?;
    if !succeeds("cargo", &["+nightly", "--version"]) {
        step("rustup", &["toolchain", "install", "nightly", "--profile", "minimal"])?;
    }
    if !succeeds("cargo", &["+nightly", "fuzz", "--version"]) {
        step("cargo", &["install", "cargo-fuzz", "--locked"])?;
    }
    seed_fuzz_corpus()?;
    let mut figures = Vec::new();
    for target in FUZZ_TARGETS {
        let corpus = format!("fuzz/corpus/{target}");
        let time = format!("-max_total_time={seconds}");
        let args = [
            "+nightly",
            "fuzz",
            "run",
            "--fuzz-dir",
            "fuzz",
            target,
            &corpus,
            "--",
            &time,
            "-timeout=20",
            "-rss_limit_mb=4096",
            "-max_len=65536",
            "-dict=fuzz/journey.dict",
            "-print_final_stats=1",
        ];
        eprintln!("$ cargo {}", args.join(" "));
        let output = Command::new("cargo")
            .args(args)
            .current_dir(root())
            .stdout(std::process::Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot start cargo fuzz: {e}"))?;
        let log = String::from_utf8_lossy(&output.stderr);
        let stat = |name: &str| {
            log.lines().rev().find_map(|line| line.strip_prefix(name)).map(|v| v.trim().to_owned()).unwrap_or_default()
        };
        let (runs, rate) = (stat("stat::number_of_executed_units:"), stat("stat::average_exec_per_sec:"));
        if !output.status.success() {
            eprint!(
                "{}",
                log.lines().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect::<Vec<_>>().join("\n")
            );
            return Err(format!("fuzz target `{target}` failed after {runs} executions: see fuzz/artifacts/{target}/"));
        }
        eprintln!("{target}: {runs} executions in {seconds} s, {rate} per second, no crash");
        figures.push(format!("{target}: {runs} executions, {rate}/s"));
    }
    eprintln!("fuzzing done, {seconds} s per target:\n  {}", figures.join("\n  "));
    Ok(())
}

/// Seeds each target's corpus with the journeys in `journeys/` (examples, invalid and malformed
/// files, diff pairs joined by a NUL byte for the diff target) and the committed regressions.
fn seed_fuzz_corpus() -> Result<(), String> {
    let read_dir = |dir: &Path| -> Result<Vec<PathBuf>, String> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.is_file())
            .collect();
        files.sort();
        Ok(files)
    };
    let mut journeys = Vec::new();
    for dir in ["journeys", "journeys/invalid", "journeys/bad", "journeys/diff"] {
        journeys.extend(
            read_dir(&root().join(dir))?.into_iter().filter(|p| p.to_string_lossy().ends_with(".journey.json")),
        );
    }
    let write = |path: PathBuf, bytes: &[u8]| {
        std::fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    for target in FUZZ_TARGETS {
        let corpus = root().join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
        for path in &journeys {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            write(corpus.join(path.file_name().unwrap()), &bytes)?;
        }
        let regressions = root().join("fuzz/regressions").join(target);
        if regressions.is_dir() {
            for path in read_dir(&regressions)? {
                let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                write(corpus.join(format!("regression-{}", path.file_name().unwrap().to_string_lossy())), &bytes)?;
            }
        }
    }
    let pairs = root().join("fuzz/corpus/diff");
    for old in journeys.iter().filter(|p| p.to_string_lossy().ends_with(".old.journey.json")) {
        let new = PathBuf::from(old.to_string_lossy().replace(".old.", ".new."));
        let mut bytes = std::fs::read(old).map_err(|e| e.to_string())?;
        bytes.push(0);
        bytes.extend(std::fs::read(&new).map_err(|e| format!("cannot read {}: {e}", new.display()))?);
        let name = old.file_name().unwrap().to_string_lossy().replace(".old.journey.json", ".pair");
        write(pairs.join(name), &bytes)?;
    }
    Ok(())
}

/// Where the export proof's npm packages and scripts live, and its Python environment.
const EXPORT_TOOLS: &str = "tests/export";
const EXPORT_VENV: &str = "target/export-venv";

/// Installs the third-party tools that check the exports (npm packages in `tests/export`, moto
/// and statelint in a virtual environment, Graphviz and Python's venv from Debian) and runs
/// `tests/export_engines.rs` with them.
fn export_proof() -> Result<(), String> {
    ensure_export_tools()?;
    let tools = root().join(EXPORT_TOOLS);
    let python = root().join(EXPORT_VENV).join("bin/python");
    eprintln!("$ cargo test --locked -p waymark-tests --test export_engines -- --ignored --nocapture");
    let status = Command::new("cargo")
        .args(["test", "--locked", "-p", "waymark-tests", "--test", "export_engines", "--", "--ignored", "--nocapture"])
        .env("WAYMARK_EXPORT_TOOLS", &tools)
        .env("WAYMARK_EXPORT_PYTHON", &python)
        .current_dir(root())
        .status()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("the export proof failed ({status})")) }
}

fn ensure_export_tools() -> Result<(), String> {
    if !succeeds("dot", &["-V"]) || !succeeds("python3", &["-c", "import ensurepip, venv"]) {
        apt_install(&["graphviz", "python3-venv"])?;
    }
    // Installed again when the lock file changed since the last install.
    let installed = root().join(EXPORT_TOOLS).join("node_modules/.package-lock.json");
    let lock = root().join(EXPORT_TOOLS).join("package-lock.json");
    let modified = |path: &Path| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    if modified(&installed).is_none() || modified(&installed) < modified(&lock) {
        step_in(EXPORT_TOOLS, "npm", &["ci", "--no-audit", "--no-fund"])?;
    }
    let venv = root().join(EXPORT_VENV);
    let requirements = root().join(EXPORT_TOOLS).join("requirements.txt");
    let marker = venv.join("installed-requirements.txt");
    if std::fs::read(&marker).ok() != std::fs::read(&requirements).ok() {
        step("python3", &["-m", "venv", EXPORT_VENV])?;
        let pip = format!("{EXPORT_VENV}/bin/pip");
        let requirements = format!("{EXPORT_TOOLS}/requirements.txt");
        step(&pip, &["install", "--quiet", "-r", &requirements])?;
        std::fs::copy(root().join(EXPORT_TOOLS).join("requirements.txt"), &marker)
            .map_err(|e| format!("cannot record the installed requirements: {e}"))?;
    }
    Ok(())
}
