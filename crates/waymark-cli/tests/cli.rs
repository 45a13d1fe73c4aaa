//! The `waymark` binary as a user meets it: stdout, stderr and the exit status of each command,
//! asserted together as inline snapshots (`UPDATE_EXPECT=1 cargo test` rewrites them).
//! Each test gets its own database and working directory and a pinned clock.

use std::path::Path;
use std::process::Command;

use expect_test::expect;

mod common;
use common::Sandbox;

/// The stored state, to prove a failed command changed nothing.
fn stored(sandbox: &Sandbox) -> String {
    sandbox.run(&["list", "--json"]) + &sandbox.run(&["history", "welcome", "--json"])
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
    sandbox.check(
        &["validate", "welcome.journey.json"],
        expect![[r#"
        status: 0
        --- stdout
        welcome.journey.json: ok
    "#]],
    );
}

#[test]
fn validate_reports_every_problem_like_a_compiler_and_exits_1() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", false));
    sandbox.check(
        &["validate", "welcome.journey.json"],
        expect![[r#"
            status: 1
            --- stdout
            error[missing-else]: The `else` port of branch "check" is not connected; customers who match no case are stuck.
              --> welcome.journey.json: node check
              = hint: Connect `else` to the default path.
            welcome.journey.json: 1 error, 0 warnings
        "#]],
    );
}

#[test]
fn validate_json_output() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", false));
    sandbox.check(
        &["validate", "--json", "welcome.journey.json"],
        expect![[r#"
            status: 1
            --- stdout
            [
              {
                "file": "welcome.journey.json",
                "journey": "welcome",
                "errors": 1,
                "warnings": 0,
                "diagnostics": [
                  {
                    "code": "missing-else",
                    "severity": "error",
                    "message": "The `else` port of branch \"check\" is not connected; customers who match no case are stuck.",
                    "node": "check",
                    "hint": "Connect `else` to the default path."
                  }
                ]
              }
            ]
        "#]],
    );
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
        &[
            "validate",
            "broken.journey.json",
            "types.journey.json",
            "kind.journey.json",
            "empty.journey.json",
            "binary.journey.json",
            "missing.journey.json",
        ],
        expect![[r#"
            status: 2
            --- stderr
            error: broken.journey.json:4:1 (at id): expected value
            error: types.journey.json:1:106 (at nodes[0]): invalid type: integer `3`, expected a string
            error: kind.journey.json:1:87 (at nodes[0]): unknown variant `teleport`, expected one of `entry`, `wait`, `wait_for_event`, `branch`, `split`, `parallel`, `message`, `update`, `exit`
            error: empty.journey.json: the file is empty; a journey is a JSON object
            error: binary.journey.json:1:13: the file is not UTF-8 text (invalid byte at offset 12)
            error: cannot read missing.journey.json: No such file or directory (os error 2)
        "#]],
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
    sandbox.check(&["validate", "deep.journey.json", "huge.journey.json"], expect![[r#"
        status: 2
        --- stderr
        error: deep.journey.json:1:245 (at nodes[0].changes[0].set.value[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]…): recursion limit exceeded
        error: huge.journey.json: the document is 50.0 MB, larger than the 32 MB a journey may be
    "#]]);
}

#[test]
fn import_list_history_show_restore() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.check(
        &["import", "welcome.journey.json", "-m", "First draft"],
        expect![[r#"
        status: 0
        --- stdout
        imported welcome as version 1
    "#]],
    );
    sandbox.check(
        &["import", "welcome.journey.json"],
        expect![[r#"
        status: 0
        --- stdout
        welcome unchanged (still version 1)
    "#]],
    );
    sandbox.write("welcome.journey.json", welcome("Hello again", false));
    sandbox.check(
        &["import", "welcome.journey.json", "-m", "Friendlier subject"],
        expect![[r#"
        status: 0
        --- stdout
        imported welcome as version 2 (1 error, 0 warnings; see `waymark validate welcome.journey.json`)
    "#]],
    );
    sandbox.check(
        &["list"],
        expect![[r#"
        status: 0
        --- stdout
        journey  name     version  status  updated
        welcome  Welcome  v2       draft   2026-11-22 09:30
    "#]],
    );
    sandbox.check(
        &["history", "welcome"],
        expect![[r#"
        status: 0
        --- stdout
        v2  draft  2026-11-22 09:30  ana  170ab3b4f06d  Friendlier subject
        v1  draft  2026-11-22 09:30  ana  b566136ab760  First draft
    "#]],
    );
    sandbox.check(
        &["restore", "welcome@1"],
        expect![[r#"
        status: 0
        --- stdout
        restored version 1 of welcome as version 3
    "#]],
    );
    let restored = sandbox.run(&["show", "welcome@3"]);
    let first = sandbox.run(&["show", "welcome@1"]);
    assert_eq!(restored, first, "the restored version has the first version's content");
    assert!(first.contains(r#""label": "Hello","#), "{first}");
    sandbox.check(
        &["show", "welcome@9"],
        expect![[r#"
        status: 2
        --- stderr
        error: journey `welcome` has no version 9; `waymark history welcome` lists its versions
    "#]],
    );
    sandbox.check(
        &["history", "nobody"],
        expect![[r#"
        status: 2
        --- stderr
        error: there is no journey `nobody`; `waymark list` shows the ones stored
    "#]],
    );
}

#[test]
fn review_statuses_and_publishing_requires_no_errors() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", false));
    sandbox.run(&["import", "welcome.journey.json"]);
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.run(&["import", "welcome.journey.json", "-m", "Connect else"]);
    sandbox.check(
        &["status", "welcome@1", "--to", "in_review", "--note", "Please check the copy"],
        expect![[r#"
            status: 0
            --- stdout
            welcome v1: in_review
              2026-11-22 09:30  draft -> in_review  ana  Please check the copy
        "#]],
    );
    sandbox.check(
        &["status", "welcome@1", "--to", "approved", "--note", "Looks good", "--author", "bo"],
        expect![[r#"
            status: 0
            --- stdout
            welcome v1: approved
              2026-11-22 09:30  draft -> in_review     ana  Please check the copy
              2026-11-22 09:30  in_review -> approved  bo   Looks good
        "#]],
    );
    sandbox.check(
        &["status", "welcome@1", "--to", "published", "--note", "Launch"],
        expect![[r#"
        status: 1
        --- stderr
        error: version 1 of `welcome` has 1 validation error; fix it before publishing
    "#]],
    );
    sandbox.check(
        &["status", "welcome@2", "--to", "published", "--note", "Launch"],
        expect![[r#"
        status: 2
        --- stderr
        error: version 2 of `welcome` is draft and cannot become published; it can become in_review, archived
    "#]],
    );
    sandbox.check(
        &["status", "welcome@2", "--to", "in_review", "--note", "Else connected"],
        expect![[r#"
        status: 0
        --- stdout
        welcome v2: in_review
          2026-11-22 09:30  draft -> in_review  ana  Else connected
    "#]],
    );
    sandbox.run(&["status", "welcome@2", "--to", "approved", "--note", "Fine", "--author", "bo"]);
    sandbox.check(
        &["status", "welcome@2", "--to", "published", "--note", "Launch"],
        expect![[r#"
        status: 0
        --- stdout
        welcome v2: published
          2026-11-22 09:30  draft -> in_review     ana  Else connected
          2026-11-22 09:30  in_review -> approved  bo   Fine
          2026-11-22 09:30  approved -> published  ana  Launch
    "#]],
    );
    sandbox.check(
        &["status", "welcome@2", "--to", "shipped"],
        expect![[r#"
        status: 2
        --- stderr
        error: unknown status `shipped`; use one of draft, in_review, approved, published, archived
    "#]],
    );
}

#[test]
fn review_needs_a_note_and_a_second_person_unless_the_workspace_reviews_solo() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.run(&["import", "welcome.journey.json", "-m", "First draft"]);
    let before = stored(&sandbox);
    sandbox.check(
        &["status", "welcome@1", "--to", "in_review"],
        expect![[r#"
        status: 2
        --- stderr
        error: version 1 of `welcome`: a note is required to submit for review; say why with `--note "..."`
    "#]],
    );
    sandbox.check(
        &["status", "welcome@1", "--to", "in_review", "--note", "  "],
        expect![[r#"
        status: 2
        --- stderr
        error: version 1 of `welcome`: a note is required to submit for review; say why with `--note "..."`
    "#]],
    );
    assert_eq!(stored(&sandbox), before, "a refused move records nothing");
    sandbox.run(&["status", "welcome@1", "--to", "in_review", "--note", "Ready"]);

    // ana saved version 1 (the sandbox's author), so ana cannot approve it.
    sandbox.check(&["status", "welcome@1", "--to", "approved", "--note", "Fine by me"], expect![[r#"
        status: 1
        --- stderr
        error: ana saved version 1 of `welcome`, and a version cannot be approved by its own author; ask someone else to review it, or turn on solo review in the workspace settings if you work alone; `waymark config solo-review on` turns it on
    "#]]);
    sandbox.check(&["status", "--json", "welcome@1", "--to", "approved", "--note", "Fine by me"], expect![[r#"
        status: 1
        --- stdout
        {
          "error": {
            "code": "self_approval",
            "message": "ana saved version 1 of `welcome`, and a version cannot be approved by its own author; ask someone else to review it, or turn on solo review in the workspace settings if you work alone; `waymark config solo-review on` turns it on"
          }
        }
        --- stderr
        error: ana saved version 1 of `welcome`, and a version cannot be approved by its own author; ask someone else to review it, or turn on solo review in the workspace settings if you work alone; `waymark config solo-review on` turns it on
    "#]]);
    sandbox.check(
        &["config"],
        expect![[r#"
        status: 0
        --- stdout
        solo-review  off  approving a version needs someone other than its author
    "#]],
    );
    sandbox.check(
        &["config", "solo-review", "on"],
        expect![[r#"
        status: 0
        --- stdout
        solo-review  on  authors may approve their own versions
    "#]],
    );
    sandbox.check(
        &["config", "--json"],
        expect![[r#"
        status: 0
        --- stdout
        {
          "solo_review": true
        }
    "#]],
    );
    sandbox.check(
        &["status", "welcome@1", "--to", "approved", "--note", "Working alone"],
        expect![[r#"
        status: 0
        --- stdout
        welcome v1: approved
          2026-11-22 09:30  draft -> in_review     ana  Ready
          2026-11-22 09:30  in_review -> approved  ana  Working alone
    "#]],
    );
    sandbox.check(
        &["config", "solo-review", "off"],
        expect![[r#"
        status: 0
        --- stdout
        solo-review  off  approving a version needs someone other than its author
    "#]],
    );
    sandbox.check(
        &["config", "solo-review", "maybe"],
        expect![[r#"
        status: 2
        --- stderr
        error: invalid value 'maybe' for '<STATE>'
          [possible values: on, off]

        For more information, try '--help'.
    "#]],
    );

    // Archiving needs no note.
    sandbox.check(
        &["status", "welcome@1", "--to", "archived"],
        expect![[r#"
        status: 0
        --- stdout
        welcome v1: archived
          2026-11-22 09:30  draft -> in_review     ana  Ready
          2026-11-22 09:30  in_review -> approved  ana  Working alone
          2026-11-22 09:30  approved -> archived   ana
    "#]],
    );
}

#[test]
fn history_shows_who_moved_each_version_last_and_why() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.run(&["import", "welcome.journey.json", "-m", "First draft"]);
    sandbox.run(&["status", "welcome@1", "--to", "in_review", "--note", "Ready"]);
    sandbox.run(&["status", "welcome@1", "--to", "approved", "--note", "Consent copy checked", "--author", "bo"]);
    sandbox.write("welcome.journey.json", welcome("Hello again", true));
    sandbox.run(&["import", "welcome.journey.json", "-m", "Friendlier"]);
    sandbox.check(
        &["history", "welcome"],
        expect![[r#"
        status: 0
        --- stdout
        v2  draft           2026-11-22 09:30  ana  45f5646cdca0  Friendlier
        v1  approved by bo  2026-11-22 09:30  ana  b566136ab760  First draft  (Consent copy checked)
    "#]],
    );
}

#[test]
fn a_stale_base_is_refused_as_a_conflict_with_exit_1() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.run(&["import", "welcome.journey.json"]);
    sandbox.write("welcome.journey.json", welcome("Changed", true));
    sandbox.run(&["import", "welcome.journey.json"]);
    let before = stored(&sandbox);
    sandbox.write("welcome.journey.json", welcome("Changed on an old copy", true));
    sandbox.check(&["import", "welcome.journey.json", "--expect-version", "1"], expect![[r#"
        status: 1
        --- stderr
        error: cannot import welcome.journey.json: journey `welcome` has moved on: you based your change on version 1, but the newest is version 2; reload it and apply your change again
    "#]]);
    assert_eq!(stored(&sandbox), before);
}

#[test]
fn importing_with_one_bad_file_stores_nothing() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.run(&["import", "welcome.journey.json"]);
    let before = stored(&sandbox);
    sandbox.write("welcome.journey.json", welcome("Changed", true)).write("bad.journey.json", "{ not json");
    sandbox.check(
        &["import", "welcome.journey.json", "bad.journey.json"],
        expect![[r#"
        status: 2
        --- stderr
        error: bad.journey.json:1:3: key must be a string
    "#]],
    );
    assert_eq!(stored(&sandbox), before);
}

#[test]
fn a_database_in_a_read_only_place_is_a_clear_error() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    // /proc refuses new files even to root, unlike a chmod-ed directory.
    let output = Command::new(env!("CARGO_BIN_EXE_waymark"))
        .args(["--db", "/proc/waymark-test/waymark.db", "import", "welcome.journey.json"])
        .current_dir(sandbox.dir())
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
        vec!["config", "--json"],
        vec!["history", "--json", "nobody"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(&args)
            .current_dir(sandbox.dir())
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
    sandbox.check(
        &["fmt", "--check", "welcome.journey.json"],
        expect![[r#"
        status: 1
        --- stdout
        welcome.journey.json is not in canonical form
    "#]],
    );
    sandbox.check(
        &["fmt", "welcome.journey.json"],
        expect![[r#"
        status: 0
        --- stdout
        formatted welcome.journey.json
    "#]],
    );
    sandbox.check(
        &["fmt", "--check", "welcome.journey.json"],
        expect![[r#"
        status: 0
    "#]],
    );
}

#[test]
fn archived_journeys_leave_the_list_and_come_back() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", welcome("Hello", true));
    sandbox.run(&["import", "welcome.journey.json"]);
    sandbox.check(
        &["archive", "welcome"],
        expect![[r#"
        status: 0
        --- stdout
        archived welcome
    "#]],
    );
    sandbox.check(
        &["list"],
        expect![[r#"
        status: 0
        --- stdout
        No journeys in the list; 1 archived (`waymark list --archived`).
    "#]],
    );
    sandbox.check(
        &["list", "--archived"],
        expect![[r#"
        status: 0
        --- stdout
        journey  name     version  status            updated
        welcome  Welcome  v1       draft (archived)  2026-11-22 09:30
    "#]],
    );
    sandbox.check(
        &["unarchive", "welcome"],
        expect![[r#"
        status: 0
        --- stdout
        restored welcome
    "#]],
    );
    sandbox.check(
        &["archive", "nobody"],
        expect![[r#"
        status: 2
        --- stderr
        error: there is no journey `nobody`; `waymark list` shows the ones stored
    "#]],
    );
}

#[test]
fn seed_adds_the_examples_once() {
    let sandbox = Sandbox::new();
    let first = sandbox.run(&["seed"]);
    assert!(first.starts_with("status: 0\n--- stdout\nadded "), "{first}");
    sandbox.check(
        &["seed"],
        expect![[r#"
        status: 0
        --- stdout
        added 0 example journeys
    "#]],
    );
}

#[test]
fn usage_errors_exit_2() {
    let sandbox = Sandbox::new();
    sandbox.check(
        &["restore", "welcome"],
        expect![[r#"
        status: 2
        --- stderr
        error: `welcome`: say which version, such as `welcome@1`
    "#]],
    );
    sandbox.check(
        &["show", "welcome@x"],
        expect![[r#"
        status: 2
        --- stderr
        error: `welcome@x`: the version after `@` must be a number such as `welcome@1`
    "#]],
    );
    let output = sandbox.run(&["frobnicate"]);
    assert!(output.starts_with("status: 2\n"), "{output}");
}

#[test]
fn completions_are_generated() {
    let sandbox = Sandbox::new();
    let output = sandbox.run(&["completions", "bash"]);
    assert!(output.starts_with("status: 0\n") && output.contains("_waymark()"), "{output}");
}

#[test]
fn generated_journeys_are_valid_and_import() {
    let sandbox = Sandbox::new();
    let output = Command::new(env!("CARGO_BIN_EXE_waymark")).args(["generate", "500"]).output().unwrap();
    sandbox.write("generated-500.journey.json", &output.stdout);
    sandbox.check(
        &["validate", "generated-500.journey.json"],
        expect![[r#"
        status: 0
        --- stdout
        generated-500.journey.json: ok
    "#]],
    );
    sandbox.check(
        &["import", "generated-500.journey.json"],
        expect![[r#"
        status: 0
        --- stdout
        imported generated-500 as version 1
    "#]],
    );
}

#[test]
fn importing_a_200000_step_chain_validates_it_and_stores_it_without_crashing() {
    // Once a stack overflow in validation after the save: the version was stored, then the
    // command aborted. Validation now walks the graph without recursion, and runs before the save.
    let steps = 200_000;
    let mut nodes = vec![r#"{"id":"n0","kind":"entry","trigger":{"event":{"name":"signed_up"}}}"#.to_owned()];
    nodes.extend((1..steps - 1).map(|i| format!(r#"{{"id":"n{i}","kind":"wait","delay":{{"duration":"PT1S"}}}}"#)));
    nodes.push(format!(r#"{{"id":"n{}","kind":"exit"}}"#, steps - 1));
    let edges: Vec<String> =
        (1..steps).map(|i| format!(r#"{{"from":"n{}","port":"next","to":"n{i}"}}"#, i - 1)).collect();
    let text = format!(
        r#"{{"format":"waymark.journey/1","id":"chain","name":"Chain","nodes":[{}],"edges":[{}]}}"#,
        nodes.join(","),
        edges.join(",")
    );
    let sandbox = Sandbox::new();
    sandbox.write("chain.journey.json", text);
    sandbox.check(
        &["import", "chain.journey.json"],
        expect![[r#"
            status: 0
            --- stdout
            imported chain as version 1
        "#]],
    );
    sandbox.check(
        &["validate", "chain.journey.json"],
        expect![[r#"
            status: 0
            --- stdout
            chain.journey.json: ok
        "#]],
    );
}
