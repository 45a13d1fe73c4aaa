//! Tests of the webview's sandbox: the capability file allows only the app's own commands, event
//! listening (for progress); no command takes a path from the webview; and the content security policy allows no remote source.

use std::path::Path;

use serde_json::Value;

use crate::commands::COMMANDS;

fn read(path: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn the_capability_allows_exactly_our_commands_and_progress_events() {
    let capabilities: Vec<_> = std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(capabilities, ["main.json"], "one capability file, for the main window");
    let capability = read("capabilities/main.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let mut granted: Vec<String> =
        capability["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap().to_owned()).collect();
    granted.sort();
    let mut expected: Vec<String> = COMMANDS.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    expected.extend(["core:event:allow-listen", "core:event:allow-unlisten"].map(str::to_owned));
    expected.sort();
    assert_eq!(granted, expected);
}

#[test]
fn no_command_takes_a_path_from_the_webview() {
    // Files are chosen in native dialogs that the Rust side opens (`dialogs.rs`): a path typed
    // by script in the webview could read or overwrite any file the user can.
    let list = include_str!("commands.rs");
    let entries = list.lines().filter(|line| line.trim_end().ends_with(';') && line.contains("->"));
    let mut seen = 0;
    for entry in entries {
        seen += 1;
        let arguments = &entry[entry.find('(').unwrap()..entry.find(')').unwrap()];
        for word in ["Path", "path", "file", "File"] {
            assert!(!arguments.contains(word), "a command takes a path: {}", entry.trim());
        }
    }
    assert_eq!(seen, COMMANDS.len(), "every command was checked");
}

#[test]
fn the_content_security_policy_allows_no_remote_source_and_no_inline_script() {
    let config = read("tauri.conf.json");
    let csp = config["app"]["security"]["csp"].as_object().expect("a CSP is set");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(
        csp["script-src"], "'self' 'wasm-unsafe-eval'",
        "no inline or eval'd scripts; WebAssembly (the core) may be compiled"
    );
    assert_eq!(csp["object-src"], "'none'");
    for (directive, sources) in csp {
        let sources = sources.as_str().unwrap();
        for source in sources.split_whitespace() {
            let local =
                source.starts_with('\'') || source == "data:" || source == "ipc:" || source == "http://ipc.localhost";
            assert!(local, "{directive} allows `{source}`, which is not local");
        }
    }
    assert_eq!(config["app"]["withGlobalTauri"], false, "the API is imported by the UI, not injected globally");
    assert_eq!(config["app"]["security"]["capabilities"], serde_json::json!(["main"]));
}

#[test]
fn the_ui_never_renders_text_as_html() {
    // React escapes text; only these escape hatches could turn user text into markup.
    let mut offenders = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "ts" || e == "tsx") {
                let text = std::fs::read_to_string(&path).unwrap();
                for hatch in ["dangerouslySetInnerHTML", ".innerHTML", "outerHTML", "insertAdjacentHTML", "eval("] {
                    if text.contains(hatch) {
                        offenders.push(format!("{} uses {hatch}", path.display()));
                    }
                }
            }
        }
    }
    assert!(offenders.is_empty(), "{offenders:#?}");
}
