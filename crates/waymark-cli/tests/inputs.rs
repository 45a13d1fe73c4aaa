//! Inputs that are not what they claim to be: named pipes, directories and devices given as
//! journeys, scenarios or databases, and files whose text could fool a terminal. Each is refused
//! quickly with exit 2 and an error that names the file; none may hang.

use std::time::Duration;

use expect_test::expect;

mod common;
use common::Sandbox;

/// Long enough for a slow machine, short enough that a hang fails the test.
const LIMIT: Duration = Duration::from_secs(30);

const JOURNEY: &str = r#"{
  "format": "waymark.journey/1",
  "id": "welcome",
  "name": "Welcome",
  "nodes": [
    { "id": "start", "kind": "entry", "trigger": { "event": { "name": "signed_up" } } },
    { "id": "done", "kind": "exit" }
  ],
  "edges": [{ "from": "start", "port": "next", "to": "done" }]
}
"#;

fn mkfifo(sandbox: &Sandbox, name: &str) {
    let status = std::process::Command::new("mkfifo").arg(sandbox.path(name)).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_named_pipe_as_journey_is_refused_without_hanging() {
    let sandbox = Sandbox::new();
    mkfifo(&sandbox, "pipe.journey.json");
    expect![[r#"
        status: 2
        --- stderr
        error: cannot read pipe.journey.json: it is a named pipe (FIFO), not a regular file
    "#]]
    .assert_eq(&sandbox.run_within(&["validate", "pipe.journey.json"], LIMIT));
    expect![[r#"
        status: 2
        --- stderr
        error: cannot read pipe.journey.json: it is a named pipe (FIFO), not a regular file
    "#]]
    .assert_eq(&sandbox.run_within(&["fmt", "pipe.journey.json"], LIMIT));
    expect![[r#"
        status: 2
        --- stderr
        error: cannot read pipe.journey.json: it is a named pipe (FIFO), not a regular file
    "#]]
    .assert_eq(&sandbox.run_within(&["simulate", "pipe.journey.json"], LIMIT));
}

#[test]
fn a_named_pipe_as_scenario_is_refused_without_hanging() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", JOURNEY);
    mkfifo(&sandbox, "pipe.scenario.json");
    expect![[r#"
        status: 2
        --- stderr
        error: cannot read pipe.scenario.json: it is a named pipe (FIFO), not a regular file
    "#]]
    .assert_eq(&sandbox.run_within(&["simulate", "welcome.journey.json", "--scenario", "pipe.scenario.json"], LIMIT));
}

#[test]
fn a_directory_as_journey_is_refused() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path("folder.journey.json")).unwrap();
    sandbox.check(
        &["validate", "folder.journey.json"],
        expect![[r#"
        status: 2
        --- stderr
        error: cannot read folder.journey.json: it is a directory, not a regular file
    "#]],
    );
}

#[test]
fn dev_zero_as_scenario_is_refused_before_reading() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", JOURNEY);
    expect![[r#"
        status: 2
        --- stderr
        error: cannot read /dev/zero: it is a character device, not a regular file
    "#]]
    .assert_eq(&sandbox.run_within(&["simulate", "welcome.journey.json", "--scenario", "/dev/zero"], LIMIT));
}

#[test]
fn dev_null_as_database_is_refused_before_sqlite_touches_it() {
    let journal = std::path::Path::new("/dev/null-journal");
    let existed = journal.exists();
    let sandbox = Sandbox::new();
    sandbox.check(
        &["--db", "/dev/null", "list"],
        expect![[r#"
        status: 2
        --- stderr
        error: cannot open the database at /dev/null: it is a character device, not a regular file
    "#]],
    );
    if !existed {
        assert!(!journal.exists(), "SQLite created /dev/null-journal");
    }
}

#[test]
fn control_characters_in_a_bad_value_are_escaped_in_the_error() {
    let sandbox = Sandbox::new();
    let forged = JOURNEY.replace(
        r#"{ "id": "done", "kind": "exit" }"#,
        r#"{ "id": "wait", "kind": "wait", "delay": { "duration": "3 days\r\nerror: \u001b[2Kall good" } }"#,
    );
    sandbox.write("forged.journey.json", forged);
    sandbox.check(&["validate", "forged.journey.json"], expect![[r#"
        status: 2
        --- stderr
        error: forged.journey.json:7:99 (at nodes[1]): `3 days\r\nerror: \u{1b}[2Kall good` is not an ISO 8601 duration (it must start with `P`); write it like `PT4H`, `P3D` or `P1DT12H`
    "#]]);
}

#[test]
fn a_lone_surrogate_is_reported_in_plain_words() {
    let sandbox = Sandbox::new();
    sandbox.write("lone.journey.json", JOURNEY.replace(r#""name": "Welcome""#, r#""name": "Welcome \ud800""#));
    sandbox.check(&["validate", "lone.journey.json"], expect![[r#"
        status: 2
        --- stderr
        error: lone.journey.json:4:26 (at name): a lone surrogate: a `\u` escape between `\ud800` and `\udfff` is half of a character and must be paired (`\ud83d\ude00`); write the character itself instead
    "#]]);
}

#[test]
fn generate_refuses_sizes_its_own_limit_would_refuse() {
    let sandbox = Sandbox::new();
    sandbox.check(&["generate", "100000"], expect![[r#"
        status: 2
        --- stderr
        error: a generated journey of 100000 nodes would be larger than the 32 MB a journey may be; the largest that fits is 94353
    "#]]);
}
