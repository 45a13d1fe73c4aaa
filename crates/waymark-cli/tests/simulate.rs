//! `waymark simulate` as a user meets it: stdout, stderr and exit status asserted together as
//! inline snapshots (`UPDATE_EXPECT=1 cargo test -p waymark-cli --test simulate` rewrites them).

use expect_test::expect;

mod common;
use common::Sandbox;

/// A sandbox with a small journey and a small scenario in it.
fn sandbox() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.write("welcome.journey.json", WELCOME).write("small.scenario.json", SMALL);
    sandbox
}

const WELCOME: &str = r#"{
  "format": "waymark.journey/1",
  "id": "welcome",
  "name": "Welcome",
  "settings": {
    "goals": [{ "id": "activated", "condition": { "event": "activated" }, "within": "P7D", "exit": true }],
    "policies": { "consent_required": ["email", "push"], "quiet_hours": { "start": "21:00", "end": "08:00", "action": "defer" } }
  },
  "nodes": [
    { "id": "start", "kind": "entry", "trigger": { "event": { "name": "signed_up" } } },
    { "id": "ab", "kind": "split", "paths": [ { "port": "treat", "weight": 90 }, { "port": "control", "weight": 10, "holdout": true } ] },
    { "id": "hello", "kind": "message", "channel": "email", "template": "tpl_welcome" },
    { "id": "pause", "kind": "wait", "delay": { "duration": "P2D" } },
    { "id": "hold", "kind": "wait", "delay": { "duration": "P2D" } },
    { "id": "check", "kind": "branch", "cases": [ { "port": "clicked", "when": { "message": "hello", "engaged": "clicked" } } ] },
    { "id": "nudge", "kind": "message", "channel": "push", "template": "tpl_nudge" },
    { "id": "done", "kind": "exit" }
  ],
  "edges": [
    { "from": "start", "port": "next", "to": "ab" },
    { "from": "ab", "port": "treat", "to": "hello" },
    { "from": "ab", "port": "control", "to": "hold" },
    { "from": "hold", "port": "next", "to": "done" },
    { "from": "hello", "port": "next", "to": "pause" },
    { "from": "pause", "port": "next", "to": "check" },
    { "from": "check", "port": "clicked", "to": "done" },
    { "from": "check", "port": "else", "to": "nudge" },
    { "from": "nudge", "port": "next", "to": "done" }
  ]
}
"#;

const SMALL: &str = r#"{
  "format": "waymark.scenario/1",
  "name": "Small",
  "customers": 500,
  "start": "2026-12-01",
  "days": 7,
  "seed": 3,
  "timezones": [ { "zone": "Europe/Paris", "weight": 1 }, { "zone": "America/New_York", "weight": 1 } ],
  "channels": { "email": { "consent": 0.8, "open": 0.5, "click": 0.3 }, "push": { "reachable": 0.5 } },
  "events": [
    { "name": "signed_up", "rate_per_day": 0.3, "max_count": 1 },
    { "name": "activated", "rate_per_day": 0.1, "max_count": 1 }
  ],
  "sample_traces": 1
}
"#;

#[test]
fn simulate_prints_counts_cadence_percentiles_conflicts_and_goals() {
    let sandbox = sandbox();
    sandbox.check(
        &["simulate", "welcome.journey.json", "--scenario", "small.scenario.json"],
        expect![[r#"
            status: 0
            --- stdout
            simulated 500 customers for 7 days from 2026-12-01 (seed 3, scenario "Small")
              442 entered a journey, 2619 node visits, 913 events, 452 messages sent, 199 suppressed

            welcome (Welcome, priority 0): 442 entries by 442 customers, 452 messages
              node   kind     entered  passed  exited  suppressed
              start  entry    442      442     0       0
              ab     split    442      442     0       0
              hello  message  396      392     3       78
              pause  wait     392      300     52      0
              hold   wait     46       42      2       0
              check  branch   300      300     0       0
              nudge  message  260      259     0       121
              done   exit     341      0       341     0
              goal activated: treatment 30.3% (120/396, median 56 h), holdout 17.4% (8/46, median 51 h)

            messages per channel per day
              date        email  push
              2026-12-01  71     0
              2026-12-02  74     0
              2026-12-03  64     29
              2026-12-04  36     40
              2026-12-05  33     32
              2026-12-06  22     19
              2026-12-07  14     18

            messages per customer who entered a journey
                             p50  p95  max
              in total       1    2    2
              in any 24 h    1    1    1
              in any 7 days  1    2    2

            conflicts
              cap_suppressed     0
              quiet_deferred     178  e.g. c7, c11, c15, c21, c22
              quiet_dropped      0
              min_gap            0
              duplicate_message  0
              cross_journey      0
        "#]],
    );
}

#[test]
fn simulate_traces_one_customer_with_reasons() {
    let sandbox = sandbox();
    let output =
        sandbox.run(&["simulate", "welcome.journey.json", "--scenario", "small.scenario.json", "--trace", "c7"]);
    let timeline = &output[output.find("timeline of c7").expect("a timeline")..];
    expect![[r#"
        timeline of c7 (America/New_York)
          2026-12-01 01:04 local  event       did `signed_up`
          2026-12-01 01:04 local  entered     welcome/start: the entry event happened
          2026-12-01 01:04 local  passed      welcome/ab -> treat: bucket 8454 of 10000
          2026-12-01 01:04 local  deferred    welcome/hello: quiet hours 21:00–08:00 (journey policy) in local time: held until 2026-12-01 08:00 local
          2026-12-01 08:00 local  sent        welcome/hello: sent by email
          2026-12-01 08:00 local  waiting     welcome/pause: wait 2d
          2026-12-01 08:02 local  event       welcome/hello: opened the email message
          2026-12-03 08:00 local  passed      welcome/check -> else: no case matched: `hello` clicked: no
          2026-12-03 08:00 local  suppressed  welcome/nudge: not reachable on push
          2026-12-03 08:00 local  exited      welcome/done: reached an exit
          2026-12-03 20:19 local  event       did `activated`
          2026-12-03 20:19 local  goal        welcome: reached goal `activated` 2d 19h 15m 7s after entry (after leaving the journey, within the goal's window)
    "#]].assert_eq(timeline);
}

#[test]
fn the_json_report_is_identical_for_any_thread_count() {
    let sandbox = sandbox();
    let args = |threads| {
        let mut output = sandbox.output(&[
            "simulate",
            "welcome.journey.json",
            "--scenario",
            "small.scenario.json",
            "--customers",
            "20000",
            "--json",
            "--threads",
            threads,
        ]);
        assert!(output.status.success());
        std::mem::take(&mut output.stdout)
    };
    let one = args("1");
    assert_eq!(one, args("2"));
    assert_eq!(one, args("4"));
    let report: serde_json::Value = serde_json::from_slice(&one).unwrap();
    assert_eq!(report["run"]["customers"], 20_000);
    assert_eq!(report["journeys"][0]["id"], "welcome");
}

#[test]
fn stored_journeys_are_simulated_by_id() {
    let sandbox = sandbox();
    assert!(sandbox.output(&["import", "welcome.journey.json"]).status.success());
    let report = |target| {
        let output = sandbox.output(&["simulate", target, "--customers", "300", "--json"]);
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    // The store keeps the canonical form (nodes sorted by id), so only the order of the node
    // rows may differ; what customers get does not.
    let (by_file, by_id) = (report("welcome.journey.json"), report("welcome"));
    assert_eq!(by_file["totals"], by_id["totals"]);
    assert_eq!(by_file["cadence"], by_id["cadence"]);
    assert_eq!(by_file["journeys"][0]["goals"], by_id["journeys"][0]["goals"]);
}

#[test]
fn bad_input_gets_a_clear_error_and_exit_code_2() {
    let sandbox = sandbox();
    sandbox.write(
        "bad.scenario.json",
        "{\n  \"format\": \"waymark.scenario/1\",\n  \"start\": \"2026-12-01\",\n  \"customers\": \"many\"\n}\n",
    );
    sandbox.check(
        &["simulate", "welcome.journey.json", "--scenario", "bad.scenario.json"],
        expect![[r#"
        status: 2
        --- stderr
        error: bad.scenario.json:4:21 (at customers): invalid type: string "many", expected u64
    "#]],
    );
    sandbox.write(
        "zone.scenario.json",
        r#"{"format":"waymark.scenario/1","start":"2026-12-01","timezones":[{"zone":"Moon/Base","weight":1}]}"#,
    );
    sandbox.check(&["simulate", "welcome.journey.json", "--scenario", "zone.scenario.json"], expect![[r#"
        status: 2
        --- stderr
        error: zone.scenario.json: at timezones[0].zone: `Moon/Base` is not an IANA time zone; write it like `Europe/Paris`
    "#]]);
    sandbox.check(
        &["simulate", "welcome.journey.json", "--start", "tomorrow"],
        expect![[r#"
        status: 2
        --- stderr
        error: invalid simulation option (--start): `tomorrow` is not a date; write it like `2026-12-01`
    "#]],
    );
    sandbox.check(
        &["simulate", "welcome.journey.json", "--trace", "c0"],
        expect![[r#"
            status: 2
            --- stderr
            error: invalid simulation option (--trace): `c0` is not a customer of this run; give an id between c1 and c10000
        "#]],
    );
    sandbox.check(&["simulate", "nowhere"], expect![[r#"
        status: 2
        --- stderr
        error: `nowhere` is neither a journey file nor a stored journey: there is no journey `nowhere`; `waymark list` shows the ones stored
    "#]]);
}

#[test]
fn a_journey_that_loops_without_waiting_stops_each_customer_with_a_line_naming_the_node() {
    let sandbox = sandbox();
    sandbox.write(
        "loop.journey.json",
        r#"{"format":"waymark.journey/1","id":"looper","name":"Looper","settings":{},
            "nodes":[{"id":"start","kind":"entry","trigger":{"segment":{"condition":{"attr":"nothing","op":"not_exists"}}}},
                     {"id":"mail","kind":"message","channel":"email","template":"t"}],
            "edges":[{"from":"start","port":"next","to":"mail"},{"from":"mail","port":"next","to":"mail"}]}"#,
    );
    // Each customer used to take seconds: every send looked back through every earlier one.
    let out = sandbox.run_within(
        &["simulate", "loop.journey.json", "--customers", "3", "--days", "2", "--seed", "1"],
        std::time::Duration::from_secs(20),
    );
    let interesting: Vec<&str> =
        out.lines().filter(|l| l.starts_with("status") || l.contains("stopped") || l.starts_with("warning")).collect();
    expect![[r#"
        status: 0
          warning: 3 customers were stopped by a loop that does not wait (see `stopped`); fix the validation errors first
          stopped c1 at `mail`: passed 100000 nodes at one instant, a loop that does not wait: stopped here; fix the journey's validation errors
          stopped c2 at `mail`: passed 100000 nodes at one instant, a loop that does not wait: stopped here; fix the journey's validation errors
          stopped c3 at `mail`: passed 100000 nodes at one instant, a loop that does not wait: stopped here; fix the journey's validation errors
        warning: loop.journey.json has validation errors (2 errors, 1 warning); the simulation follows the journey as it is"#]].assert_eq(&interesting.join("\n"));
}
