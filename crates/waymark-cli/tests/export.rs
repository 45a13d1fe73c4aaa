//! `waymark export` as a user meets it: a file or a stored version to each format, the version
//! and review status named, refusals with their reasons (exit 1, JSON wrapped as every command
//! wraps a refusal), and unusable input (exit 2).

use std::path::Path;

use expect_test::expect;

mod common;
use common::Sandbox;

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../journeys").join(name).display().to_string()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_file_exports_to_every_format_on_standard_output() {
    let sandbox = Sandbox::new();
    let file = example("onboarding.journey.json");
    for (format, opening) in
        [("plan", "{"), ("bpmn", "<?xml"), ("asl", "{"), ("mermaid", "flowchart"), ("dot", "digraph")]
    {
        let output = sandbox.output(&["export", &file, "--to", format]);
        let stdout = text(&output.stdout);
        let stderr = text(&output.stderr);
        if output.status.code() == Some(1) {
            // Only Step Functions may refuse an example, and then it says why.
            assert_eq!(format, "asl", "{format} refused: {stderr}");
            assert!(stderr.contains("cannot be exported as"), "{stderr}");
            continue;
        }
        assert_eq!(output.status.code(), Some(0), "{format}: {stderr}");
        let comment = |l: &str| ["%%", "//", "#"].iter().any(|c| l.starts_with(c));
        let first = stdout.lines().find(|l| !l.trim().is_empty() && !comment(l)).unwrap_or_default();
        assert!(first.trim_start().starts_with(opening), "{format} starts with {first:?}");
        assert!(stderr.contains("exported `onboarding` from a file (not a stored version)"), "{stderr}");
    }
}

#[test]
fn a_stored_version_is_named_with_its_review_status_in_the_export() {
    let sandbox = Sandbox::new();
    let file = example("win-back.journey.json");
    sandbox.output(&["import", &file, "-m", "first"]);
    sandbox.check(
        &["export", "win-back@1", "--to", "plan", "-o", "win-back.plan.json"],
        expect![[r#"
            status: 0
            --- stdout
            exported `win-back` version 1 (draft) as Execution plan to win-back.plan.json
        "#]],
    );
    let plan: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sandbox.path("win-back.plan.json")).unwrap()).unwrap();
    assert_eq!(plan["format"], "waymark.plan/1");
    assert_eq!(plan["source"]["version"], 1);
    assert_eq!(plan["source"]["status"], "draft");
    // The newest version when no number is given; the text export names the version too.
    let output = sandbox.output(&["export", "win-back", "--to", "mermaid"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(text(&output.stdout).contains("version 1 (draft)"), "{}", text(&output.stdout));
}

#[test]
fn a_journey_with_errors_is_refused_with_every_error_and_exit_1() {
    let sandbox = Sandbox::new();
    let file = example("invalid/dangling-edge.journey.json");
    let output = sandbox.output(&["export", &file, "--to", "bpmn"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("cannot be exported as BPMN"), "{stderr}");
    let expected = std::fs::read_to_string(example("invalid/dangling-edge.expected")).unwrap();
    for code in expected.lines().filter(|l| !l.trim().is_empty()) {
        assert!(stderr.contains(&format!("[{}]", code.trim())), "{code} in {stderr}");
    }
    assert!(text(&output.stdout).is_empty(), "nothing exported");
    assert!(!sandbox.path("out.bpmn").exists());

    let output = sandbox.output(&["--json", "export", &file, "--to", "bpmn", "-o", "out.bpmn"]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["error"]["code"], "export_refused");
    assert!(!json["error"]["reasons"].as_array().unwrap().is_empty());
    assert!(json["error"]["reasons"][0]["message"].is_string());
    assert!(!sandbox.path("out.bpmn").exists(), "a refused export writes nothing");
}

#[test]
fn unusable_input_exits_2() {
    let sandbox = Sandbox::new();
    let file = example("onboarding.journey.json");
    let output = sandbox.output(&["export", &file, "--to", "pdf"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("`pdf` is not a format; choose one of plan, bpmn, asl, mermaid, dot"));
    let output = sandbox.output(&["export", "missing.journey.json", "--to", "plan"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(text(&output.stderr).contains("missing.journey.json"), "names the file");
    let output = sandbox.output(&["export", "nobody@3", "--to", "plan"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn json_output_carries_the_export_and_its_source() {
    let sandbox = Sandbox::new();
    let output = sandbox.output(&["--json", "export", &example("flash-sale.journey.json"), "--to", "dot"]);
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["journey"], "flash-sale");
    assert_eq!(json["format"], "dot");
    assert_eq!(json["file_name"], "flash-sale.dot");
    assert!(
        json["text"].as_str().unwrap().starts_with("digraph") || json["text"].as_str().unwrap().contains("digraph")
    );
}
