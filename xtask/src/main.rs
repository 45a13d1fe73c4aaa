//! Project automation, run as `cargo xtask <task>`:
//!
//! - `run`: build the `waymark` CLI and show the default database (seeded with the examples on
//!   first use) and the validation of every example journey. The desktop app replaces this when
//!   it lands.
//! - `test`: everything CI checks: formatting, lints, all tests (which include the staleness
//!   checks of generated files).
//! - `codegen`: rewrite the generated files (`schemas/journey.schema.json`, `docs/diagnostics.md`).
//!
//! Each task installs what it needs on a fresh Debian machine.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "run" => run(),
        "test" => test(),
        "codegen" => codegen(),
        _ => {
            eprintln!("usage: cargo xtask <run|test|codegen>");
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

fn test() -> Result<(), String> {
    ensure_rust_components()?;
    step("cargo", &["fmt", "--all", "--check"])?;
    step("cargo", &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"])?;
    step("cargo", &["test", "--workspace", "--locked"])?;
    Ok(())
}

fn run() -> Result<(), String> {
    step("cargo", &["build", "--locked", "--package", "waymark-cli"])?;
    let waymark = root().join("target/debug/waymark");
    let waymark = waymark.to_str().ok_or("the target directory path is not UTF-8")?;
    let mut examples: Vec<String> = std::fs::read_dir(root().join("journeys"))
        .map_err(|e| format!("cannot list journeys/: {e}"))?
        .filter_map(|entry| entry.ok())
        .map(|entry| format!("journeys/{}", entry.file_name().to_string_lossy()))
        .filter(|name| name.ends_with(".journey.json"))
        .collect();
    examples.sort();
    step(waymark, &["list"])?;
    let mut args = vec!["validate"];
    args.extend(examples.iter().map(String::as_str));
    step(waymark, &args)?;
    eprintln!("\nThe desktop app is not built yet; try `{waymark} history onboarding` or `{waymark} --help`.");
    Ok(())
}

fn codegen() -> Result<(), String> {
    let files = [
        ("schemas/journey.schema.json", waymark_core::schema::journey_schema()),
        ("docs/diagnostics.md", waymark_core::diagnostic::codes_markdown()),
    ];
    for (path, text) in files {
        std::fs::write(root().join(path), text).map_err(|e| format!("cannot write {path}: {e}"))?;
        eprintln!("wrote {path}");
    }
    Ok(())
}
