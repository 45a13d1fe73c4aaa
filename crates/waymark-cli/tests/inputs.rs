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

/// Some other program's SQLite file, with a `versions` table of its own: refused in one line that
/// names the file, and left byte for byte (no Waymark tables added, no switch to WAL).
#[test]
fn another_applications_database_is_refused_and_left_byte_for_byte() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("builds.db");
    let raw = rusqlite::Connection::open(&path).unwrap();
    raw.execute_batch(
        "CREATE TABLE versions (id INTEGER PRIMARY KEY, tag TEXT); INSERT INTO versions (tag) VALUES ('v1');",
    )
    .unwrap();
    drop(raw);
    let before = std::fs::read(&path).unwrap();
    sandbox.write("welcome.journey.json", JOURNEY);
    let mut shown = String::new();
    for args in [&["list", "--db", "builds.db"][..], &["import", "welcome.journey.json", "--db", "builds.db"]] {
        shown += &format!("$ waymark {}\n{}", args.join(" "), sandbox.run(args));
        assert_eq!(std::fs::read(&path).unwrap(), before, "`waymark {}` changed the file", args.join(" "));
        assert!(!sandbox.path("builds.db-wal").exists());
    }
    expect![[r#"
        $ waymark list --db builds.db
        status: 2
        --- stderr
        error: builds.db is not a Waymark database (it has tables versions); choose another file with --db
        $ waymark import welcome.journey.json --db builds.db
        status: 2
        --- stderr
        error: builds.db is not a Waymark database (it has tables versions); choose another file with --db
    "#]]
    .assert_eq(&shown);
}

/// Garbage over every page but the first of a database Waymark wrote: every command names the
/// file, exits 2 and writes nothing.
#[test]
fn a_damaged_database_is_named_by_every_command_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", JOURNEY);
    let imported = sandbox.output(&["import", "welcome.journey.json", "--db", "waymark.db"]);
    assert!(imported.status.success());
    let path = sandbox.path("waymark.db");
    let mut bytes = std::fs::read(&path).unwrap();
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        size => usize::from(size),
    };
    let mut seed = 0x2545_F491_4F6C_DD1D_u64;
    for byte in &mut bytes[page_size..] {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        *byte = (seed >> 56) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    sandbox.write("changed.journey.json", JOURNEY.replace("Welcome", "Welcome back"));

    let commands: [&[&str]; 6] = [
        &["list"],
        &["history", "welcome"],
        &["show", "welcome"],
        &["import", "changed.journey.json"],
        &["restore", "welcome@1"],
        &["config", "solo-review", "on"],
    ];
    let mut shown = String::new();
    for args in commands {
        let args = [args, &["--db", "waymark.db"]].concat();
        shown += &format!("$ waymark {}\n{}", args.join(" "), sandbox.run(&args));
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "`waymark {}` wrote to the file", args.join(" "));
        assert!(!sandbox.path("waymark.db-wal").exists());
    }
    expect![[r#"
        $ waymark list --db waymark.db
        status: 2
        --- stderr
        error: the database at waymark.db is damaged (database disk image is malformed); nothing more will be written to it: restore it from a backup
        $ waymark history welcome --db waymark.db
        status: 2
        --- stderr
        error: the database at waymark.db is damaged (database disk image is malformed); nothing more will be written to it: restore it from a backup
        $ waymark show welcome --db waymark.db
        status: 2
        --- stderr
        error: the database at waymark.db is damaged (database disk image is malformed); nothing more will be written to it: restore it from a backup
        $ waymark import changed.journey.json --db waymark.db
        status: 2
        --- stderr
        error: cannot import changed.journey.json: the database at waymark.db is damaged (database disk image is malformed); nothing more will be written to it: restore it from a backup
        $ waymark restore welcome@1 --db waymark.db
        status: 2
        --- stderr
        error: the database at waymark.db is damaged (database disk image is malformed); nothing more will be written to it: restore it from a backup
        $ waymark config solo-review on --db waymark.db
        status: 2
        --- stderr
        error: the database at waymark.db is damaged (database disk image is malformed); nothing more will be written to it: restore it from a backup
    "#]].assert_eq(&shown);
}
