//! `waymark diff` as a user meets it: the words, the JSON, the exit status (0 same, 1 different,
//! 2 unusable), stored versions and drafts as sides, `--simulate`, and the two modes git uses.
//! Inline snapshots: `UPDATE_EXPECT=1 cargo test -p waymark-cli --test diff` rewrites them.

use std::path::Path;

use expect_test::expect;

mod common;
use common::Sandbox;

fn corpus(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../journeys/diff").join(name).display().to_string()
}

/// A small journey: `wait` is its wait's duration, `label` its message's label, `x` where the
/// wait sits on the canvas, `else_to` where the branch's else leads.
fn welcome(wait: &str, label: &str, x: u32, else_to: &str) -> String {
    format!(
        r#"{{
  "format": "waymark.journey/1",
  "id": "welcome",
  "name": "Welcome",
  "nodes": [
    {{ "id": "start", "kind": "entry", "trigger": {{ "event": {{ "name": "signed_up" }} }} }},
    {{ "id": "hello", "kind": "message", "label": "{label}", "channel": "email", "template": "tpl_welcome" }},
    {{ "id": "pause", "kind": "wait", "label": "Pause", "delay": {{ "duration": "{wait}" }} }},
    {{ "id": "check", "kind": "branch", "label": "Clicked?", "cases": [ {{ "port": "clicked", "when": {{ "message": "hello", "engaged": "clicked" }} }} ] }},
    {{ "id": "nudge", "kind": "message", "label": "Nudge", "channel": "push", "template": "tpl_nudge" }},
    {{ "id": "done", "kind": "exit", "label": "Done" }}
  ],
  "edges": [
    {{ "from": "start", "port": "next", "to": "hello" }},
    {{ "from": "hello", "port": "next", "to": "pause" }},
    {{ "from": "pause", "port": "next", "to": "check" }},
    {{ "from": "check", "port": "clicked", "to": "done" }},
    {{ "from": "check", "port": "else", "to": "{else_to}" }},
    {{ "from": "nudge", "port": "next", "to": "done" }}
  ],
  "layout": {{ "nodes": {{ "pause": {{ "x": {x}, "y": 0 }}, "done": {{ "x": {x}, "y": 100 }} }} }}
}}
"#
    )
}

fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("old.journey.json", welcome("P2D", "Hello", 100, "done"));
    sandbox.write("new.journey.json", welcome("PT72H", "Welcome", 300, "nudge"));
    sandbox
}

#[test]
fn diff_prints_behavioural_changes_then_cosmetic_ones_and_exits_1() {
    sandbox().check(
        &["diff", "old.journey.json", "new.journey.json"],
        expect![[r#"
            status: 1
            --- stdout
            old.journey.json → new.journey.json: 2 behavioural changes, 1 cosmetic change, 1 step moved
            behavioural
              Wait "Pause": 2 days → 72 hours
              "Clicked?" else now goes to "Nudge" (was "Done")
            cosmetic
              Message "Hello" renamed to "Welcome"
              1 step moved on the canvas
        "#]],
    );
}

#[test]
fn diff_colours_the_words_on_request() {
    let output = sandbox().output(&["diff", "old.journey.json", "new.journey.json", "--color", "always"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("\u{1b}[1mbehavioural\u{1b}[0m"), "{text:?}");
    assert!(text.contains("\u{1b}[90mMessage \"Hello\" renamed to \"Welcome\"\u{1b}[0m"), "{text:?}");
}

#[test]
fn the_same_journey_written_otherwise_exits_0() {
    let sandbox = sandbox();
    sandbox.write("same.journey.json", welcome("PT48H", "Hello", 100, "done"));
    sandbox.check(
        &["diff", "old.journey.json", "same.journey.json"],
        expect![[r#"
            status: 0
            --- stdout
            old.journey.json → same.journey.json: no differences
        "#]],
    );
}

#[test]
fn diff_json_is_the_corpus_expected_file() {
    let sandbox = Sandbox::new();
    for name in ["settings", "ports-added-deleted", "unchanged"] {
        let output = sandbox.output(&[
            "diff",
            "--json",
            &corpus(&format!("{name}.old.journey.json")),
            &corpus(&format!("{name}.new.journey.json")),
        ]);
        let expected = std::fs::read_to_string(corpus(&format!("{name}.expected.json"))).unwrap();
        assert_eq!(String::from_utf8(output.stdout).unwrap(), expected, "{name}");
        assert_eq!(output.status.code(), Some(if name == "unchanged" { 0 } else { 1 }), "{name}");
    }
}

#[test]
fn diff_compares_stored_versions_the_draft_and_files() {
    let sandbox = sandbox();
    sandbox.write("welcome.journey.json", welcome("P2D", "Hello", 100, "done"));
    sandbox.output(&["import", "welcome.journey.json"]);
    sandbox.write("welcome.journey.json", welcome("P2D", "Hello again", 100, "done"));
    sandbox.output(&["import", "welcome.journey.json"]);
    let mut store = waymark_store::Store::open(&sandbox.path("waymark.db")).unwrap();
    let draft = waymark_core::parse(&welcome("P5D", "Hello again", 100, "done")).unwrap();
    store.save_draft(&draft, Some(2)).unwrap();
    drop(store);
    sandbox.check(
        &["diff", "welcome@1", "welcome@2"],
        expect![[r#"
            status: 1
            --- stdout
            welcome@1 → welcome@2: 1 cosmetic change
            cosmetic
              Message "Hello" renamed to "Hello again"
        "#]],
    );
    sandbox.check(
        &["diff", "welcome", "welcome@draft"],
        expect![[r#"
            status: 1
            --- stdout
            welcome → welcome@draft: 1 behavioural change
            behavioural
              Wait "Pause": 2 days → 5 days
        "#]],
    );
    sandbox.check(
        &["diff", "welcome@1", "old.journey.json"],
        expect![[r#"
            status: 0
            --- stdout
            welcome@1 → old.journey.json: no differences
        "#]],
    );
}

#[test]
fn unusable_sides_exit_2_and_name_what_is_wrong() {
    let sandbox = sandbox();
    sandbox.write("broken.journey.json", "{ \"format\": ");
    sandbox.check(
        &["diff", "old.journey.json", "missing.journey.json"],
        expect![[r#"
            status: 2
            --- stderr
            error: cannot read missing.journey.json: No such file or directory (os error 2)
        "#]],
    );
    sandbox.check(
        &["diff", "broken.journey.json", "old.journey.json"],
        expect![[r#"
            status: 2
            --- stderr
            error: broken.journey.json:1:12 (at format): EOF while parsing a value
        "#]],
    );
    sandbox.check(
        &["diff", "old.journey.json", "nowhere@1"],
        expect![[r#"
            status: 2
            --- stderr
            error: there is no journey `nowhere`; `waymark list` shows the ones stored
        "#]],
    );
    sandbox.check(
        &["diff", "onboarding@draft", "old.journey.json"],
        expect![[r#"
            status: 2
            --- stderr
            error: `onboarding` has no draft; `waymark history onboarding` lists its versions
        "#]],
    );
    sandbox.check(
        &["diff", "old.journey.json"],
        expect![[r#"
            status: 2
            --- stderr
            error: give two versions to compare: OLD NEW, not 1
        "#]],
    );
}

const SMALL: &str = r#"{
  "format": "waymark.scenario/1",
  "name": "Small",
  "customers": 400,
  "start": "2026-12-01",
  "days": 10,
  "seed": 3,
  "channels": { "email": { "open": 0.5, "click": 0.3 } },
  "events": [ { "name": "signed_up", "rate_per_day": 0.3, "max_count": 1 } ]
}
"#;

#[test]
fn diff_simulate_adds_what_changes_for_customers() {
    let sandbox = sandbox();
    sandbox.write("small.scenario.json", SMALL);
    sandbox.check(
        &["diff", "old.journey.json", "new.journey.json", "--simulate", "--scenario", "small.scenario.json"],
        expect![[r#"
            status: 1
            --- stdout
            old.journey.json → new.journey.json: 2 behavioural changes, 1 cosmetic change, 1 step moved
            behavioural
              Wait "Pause": 2 days → 72 hours
              "Clicked?" else now goes to "Nudge" (was "Done")
            cosmetic
              Message "Hello" renamed to "Welcome"
              1 step moved on the canvas

            what changes for customers
              400 customers for 10 days from 2026-12-01 (seed 3, Small)
              365 customers (91.2%) get a different journey
              entered: 384 → 384
              messages sent: 384 → 681 (Email 384 → 384, Push 0 → 297)
              messages per customer (p50/p95/max): 1/1/1 → 2/2/2
              traffic: "Nudge" 0 → 297, "Clicked?" 365 → 348, "Done" 365 → 348
        "#]],
    );
    let output = sandbox.output(&[
        "diff",
        "old.journey.json",
        "new.journey.json",
        "--json",
        "--simulate",
        "--scenario",
        "small.scenario.json",
        "--customers",
        "300",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["behaviour"]["customers"], 300);
    for key in ["nodes", "edges", "settings", "behavioural", "sentences"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    for key in ["changed_customers", "messages", "per_customer", "suppressions", "conflicts", "goals", "nodes"] {
        assert!(json["behaviour"].get(key).is_some(), "behaviour.{key}");
    }
}

#[test]
fn diff_simulate_refuses_what_simulate_refuses() {
    let sandbox = sandbox();
    sandbox.check(
        &["diff", "old.journey.json", "new.journey.json", "--simulate", "--customers", "0"],
        expect![[r#"
            status: 2
            --- stderr
            error: invalid simulation option (--customers): the population must be between 1 and 100000000 customers
        "#]],
    );
    let simulate = sandbox.run(&["simulate", "old.journey.json", "--customers", "0"]);
    let diff = sandbox.run(&["diff", "old.journey.json", "new.journey.json", "--simulate", "--customers", "0"]);
    assert_eq!(diff, simulate);
    sandbox.check(
        &["diff", "old.journey.json", "new.journey.json", "--days", "3"],
        expect![[r#"
            status: 2
            --- stderr
            error: the following required arguments were not provided:
              --simulate

            Usage: waymark diff --simulate --days <D> --db <PATH> --author <NAME> <OLD> <NEW>

            For more information, try '--help'.
        "#]],
    );
}

#[test]
fn textconv_prints_a_journey_as_lines_of_words() {
    sandbox().check(
        &["diff", "--textconv", "new.journey.json"],
        expect![[r#"
            status: 0
            --- stdout
            Journey "Welcome" (welcome)
            Re-entry: never
            Entry "start": on event "signed_up"
              → "Welcome"
            Message "Welcome": Email, marketing, template "tpl_welcome"
              → "Pause"
            Wait "Pause": 72 hours
              → "Clicked?"
            Branch "Clicked?": clicked: clicked message hello; otherwise else
              clicked → "Done"
              else → "Nudge"
            Exit "Done"
            Message "Nudge": Push, marketing, template "tpl_nudge"
              → "Done"
        "#]],
    );
}

#[test]
fn the_git_external_mode_takes_gits_seven_arguments_and_exits_0() {
    let sandbox = sandbox();
    let args = |old: &str, new: &str| {
        ["diff", "--git-external", "journeys/welcome.journey.json", old, "1111", "100644", new, "2222", "100644"]
            .map(str::to_owned)
    };
    sandbox.check(
        &args("old.journey.json", "new.journey.json").each_ref().map(String::as_str),
        expect![[r#"
            status: 0
            --- stdout
            journeys/welcome.journey.json: 2 behavioural changes, 1 cosmetic change, 1 step moved
            behavioural
              Wait "Pause": 2 days → 72 hours
              "Clicked?" else now goes to "Nudge" (was "Done")
            cosmetic
              Message "Hello" renamed to "Welcome"
              1 step moved on the canvas
        "#]],
    );
    sandbox.check(
        &args("/dev/null", "old.journey.json").each_ref().map(String::as_str),
        expect![[r#"
            status: 0
            --- stdout
            journeys/welcome.journey.json: new journey
              Journey "Welcome" (welcome)
              Re-entry: never
              Entry "start": on event "signed_up"
                → "Hello"
              Message "Hello": Email, marketing, template "tpl_welcome"
                → "Pause"
              Wait "Pause": 2 days
                → "Clicked?"
              Branch "Clicked?": clicked: clicked message hello; otherwise else
                clicked → "Done"
                else → "Done"
              Exit "Done"
              Message "Nudge": Push, marketing, template "tpl_nudge"
                → "Done"
        "#]],
    );
    sandbox.write("broken.journey.json", "not json");
    sandbox.check(
        &args("old.journey.json", "broken.journey.json").each_ref().map(String::as_str),
        expect![[r#"
            status: 0
            --- stdout
            journeys/welcome.journey.json: cannot compare as journeys: journeys/welcome.journey.json:1:1: a journey is a JSON object starting with `{`, not `n`
        "#]],
    );
}
