//! The `waymark` binary as a user meets it: stdout, stderr and the exit status of each command,
//! asserted together as inline snapshots (`UPDATE_EXPECT=1 cargo test` rewrites them).
//! Each test gets its own database and working directory and a pinned clock.

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::{Expect, expect};

struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().unwrap() }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, text: impl AsRef<[u8]>) -> &Sandbox {
        std::fs::write(self.path(name), text).unwrap();
        self
    }

    /// Runs `waymark` in the sandbox and renders everything a user would see.
    fn run(&self, args: &[&str]) -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(args)
            .current_dir(self.dir.path())
            .env("WAYMARK_DB", self.path("waymark.db"))
            .env("WAYMARK_NOW", "2026-11-22T09:30:00Z")
            .env("WAYMARK_AUTHOR", "ana")
            .env_remove("NO_COLOR")
            .output()
            .unwrap();
        let mut text = format!("status: {}\n", output.status.code().unwrap_or(-1));
        for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            if !bytes.is_empty() {
                text.push_str(&format!("--- {name}\n{}", String::from_utf8_lossy(bytes)));
            }
        }
        text
    }

    fn check(&self, args: &[&str], expect: Expect) {
        expect.assert_eq(&self.run(args));
    }

    /// The stored state, to prove a failed command changed nothing.
    fn stored(&self) -> String {
        self.run(&["list", "--json"]) + &self.run(&["history", "welcome", "--json"])
    }
}

/// A small journey; `label` changes its content, `else_to` can leave the else port dangling.
fn welcome(label: &str, connect_else: bool) -> String {
    let else_edge = if connect_else { r#",{"from":"check","port":"else","to":"done"}"# } else { "" };
    format!(
        r#"{{
  "format": "waymark.journey/1",
  "id": "welcome",
  "name": "Welcome",
  "settings": {{ "policies": {{ "consent_required": ["email"] }} }},
  "nodes": [
    {{ "id": "start", "kind": "entry", "trigger": {{ "event": {{ "name": "signed_up" }} }} }},
    {{ "id": "hello", "kind": "message", "label": "{label}", "channel": "email", "template": "tpl_welcome" }},
    {{ "id": "check", "kind": "branch", "cases": [ {{ "port": "pro", "when": {{ "attr": "plan", "op": "eq", "value": "pro" }} }} ] }},
    {{ "id": "done", "kind": "exit" }}
  ],
  "edges": [
    {{ "from": "start", "port": "next", "to": "hello" }},
    {{ "from": "hello", "port": "next", "to": "check" }},
    {{ "from": "check", "port": "pro", "to": "done" }}{else_edge}
  ]
}}
"#
    )
}

fn repo_file(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path).display().to_string()
}

#[test]
fn validate_a_clean_journey() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.check(&["validate", "welcome.journey.json"], expect![[r#""#]]);
}

#[test]
fn validate_reports_every_problem_like_a_compiler_and_exits_1() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", false));
    sandbox.check(&["validate", "welcome.journey.json"], expect![[r#""#]]);
}

#[test]
fn validate_json_output() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", false));
    sandbox.check(&["validate", "--json", "welcome.journey.json"], expect![[r#""#]]);
}

#[test]
fn validate_the_examples_shipped_with_waymark() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["validate", &repo_file("journeys/onboarding.journey.json")]);
    assert!(output.starts_with("status: 0\n") && output.ends_with(": ok\n"), "{output}");
}

#[test]
fn bad_input_is_a_one_line_error_naming_the_file_and_place_with_exit_2() {
    let sandbox = Sandbox::new();
    sandbox
        .write("broken.journey.json", "{\n  \"format\": \"waymark.journey/1\",\n  \"id\": \n}")
        .write("types.journey.json", r#"{"format":"waymark.journey/1","id":"x","name":"X","nodes":[{"id":"w","kind":"wait","delay":{"duration":3}}]}"#)
        .write("kind.journey.json", r#"{"format":"waymark.journey/1","id":"x","name":"X","nodes":[{"id":"a","kind":"teleport"}]}"#)
        .write("empty.journey.json", "")
        .write("binary.journey.json", b"{\"format\": \"\xff\xfe\"}");
    sandbox.check(
        &["validate", "broken.journey.json", "types.journey.json", "kind.journey.json", "empty.journey.json", "binary.journey.json", "missing.journey.json"],
        expect![[r#""#]],
    );
}

#[test]
fn deeply_nested_and_huge_files_are_refused_cleanly() {
    let sandbox = Sandbox::new();
    let deep = format!(
        r#"{{"format":"waymark.journey/1","id":"x","name":"X","nodes":[{{"id":"u","kind":"update","changes":[{{"set":{{"attr":"a","value":{}{}}}}}]}}]}}"#,
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    sandbox.write("deep.journey.json", deep);
    let huge = format!(
        r#"{{"format":"waymark.journey/1","id":"x","name":"X","description":"{}","nodes":[]}}"#,
        "x".repeat(50 * 1024 * 1024)
    );
    sandbox.write("huge.journey.json", huge);
    sandbox.check(&["validate", "deep.journey.json", "huge.journey.json"], expect![[r#""#]]);
}

#[test]
fn import_list_history_show_restore() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.check(&["import", "welcome.journey.json", "-m", "First draft"], expect![[r#""#]]);
    sandbox.check(&["import", "welcome.journey.json"], expect![[r#""#]]);
    sandbox.write("welcome.journey.json", welcome("Hello again", false));
    sandbox.check(&["import", "welcome.journey.json", "-m", "Friendlier subject"], expect![[r#""#]]);
    sandbox.check(&["list"], expect![[r#""#]]);
    sandbox.check(&["history", "welcome"], expect![[r#""#]]);
    sandbox.check(&["restore", "welcome@1"], expect![[r#""#]]);
    let restored = sandbox.run(&["show", "welcome@3"]);
    let first = sandbox.run(&["show", "welcome@1"]);
    assert_eq!(restored, first, "the restored version has the first version's content");
    assert!(first.contains(r#""label": "Hello","#), "{first}");
    sandbox.check(&["show", "welcome@9"], expect![[r#""#]]);
    sandbox.check(&["history", "nobody"], expect![[r#""#]]);
}

#[test]
fn review_statuses_and_publishing_requires_no_errors() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", false));
    sandbox.run(&["import", "welcome.journey.json"]);
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.run(&["import", "welcome.journey.json", "-m", "Connect else"]);
    sandbox.check(&["status", "welcome@1", "--to", "in_review"], expect![[r#""#]]);
    sandbox.check(&["status", "welcome@1", "--to", "approved", "--note", "Looks good"], expect![[r#""#]]);
    sandbox.check(&["status", "welcome@1", "--to", "published"], expect![[r#""#]]);
    sandbox.check(&["status", "welcome@2", "--to", "published"], expect![[r#""#]]);
    sandbox.check(&["status", "welcome@2", "--to", "in_review"], expect![[r#""#]]);
    sandbox.run(&["status", "welcome@2", "--to", "approved"]);
    sandbox.check(&["status", "welcome@2", "--to", "published", "--note", "Launch"], expect![[r#""#]]);
    sandbox.check(&["status", "welcome@2", "--to", "shipped"], expect![[r#""#]]);
}

#[test]
fn a_stale_base_is_refused_as_a_conflict_with_exit_1() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.run(&["import", "welcome.journey.json"]);
    sandbox.write("welcome.journey.json", welcome("Changed", true));
    sandbox.run(&["import", "welcome.journey.json"]);
    let before = sandbox.stored();
    sandbox.write("welcome.journey.json", welcome("Changed on an old copy", true));
    sandbox.check(&["import", "welcome.journey.json", "--expect-version", "1"], expect![[r#""#]]);
    assert_eq!(sandbox.stored(), before);
}

#[test]
fn importing_with_one_bad_file_stores_nothing() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.run(&["import", "welcome.journey.json"]);
    let before = sandbox.stored();
    sandbox.write("welcome.journey.json", welcome("Changed", true)).write("bad.journey.json", "{ not json");
    sandbox.check(&["import", "welcome.journey.json", "bad.journey.json"], expect![[r#""#]]);
    assert_eq!(sandbox.stored(), before);
}

#[test]
fn a_database_in_a_read_only_place_is_a_clear_error() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    // /proc refuses new files even to root, unlike a chmod-ed directory.
    let output = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(["--db", "/proc/waymark-test/waymark.db", "import", "welcome.journey.json"])
        .current_dir(sandbox.dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with("error: cannot open the database at /proc/waymark-test/waymark.db"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn json_everywhere() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    for args in [
        vec!["import", "--json", "welcome.journey.json"],
        vec!["list", "--json"],
        vec!["history", "--json", "welcome"],
        vec!["status", "--json", "welcome@1"],
        vec!["restore", "--json", "welcome@1"],
        vec!["seed", "--json"],
        vec!["history", "--json", "nobody"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(&args)
            .current_dir(sandbox.dir.path())
            .env("WAYMARK_DB", sandbox.path("waymark.db"))
            .output()
            .unwrap();
        let value: Result<serde_json::Value, _> = serde_json::from_slice(&output.stdout);
        assert!(value.is_ok(), "{args:?} printed no JSON: {}", String::from_utf8_lossy(&output.stdout));
    }
}

#[test]
fn fmt_rewrites_to_canonical_form_and_check_reports_it() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.check(&["fmt", "--check", "welcome.journey.json"], expect![[r#""#]]);
    sandbox.check(&["fmt", "welcome.journey.json"], expect![[r#""#]]);
    sandbox.check(&["fmt", "--check", "welcome.journey.json"], expect![[r#""#]]);
}

#[test]
fn seed_adds_the_examples_once() {
    let sandbox = Sandbox::new();
    let first = sandbox.run(&["seed"]);
    assert!(first.starts_with("status: 0\n--- stdout\nadded "), "{first}");
    sandbox.check(&["seed"], expect![[r#""#]]);
}

#[test]
fn usage_errors_exit_2() {
    let sandbox = Sandbox::new();
    sandbox.check(&["restore", "welcome"], expect![[r#""#]]);
    sandbox.check(&["show", "welcome@x"], expect![[r#""#]]);
    let output = sandbox.run(&["frobnicate"]);
    assert!(output.starts_with("status: 2\n"), "{output}");
}

#[test]
fn completions_are_generated() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["completions", "bash"]);
    assert!(output.starts_with("status: 0\n") && output.contains("_waymark()"), "{output}");
}
