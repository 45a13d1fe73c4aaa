//! Tests of the engine: each pins one rule of the simulator on a population large enough that a
//! broken rule would show.

use super::report::NodeReport;
use super::*;
use crate::model::JourneyDocument;

fn journey(id: &str, settings: &str, nodes: &str, edges: &str) -> JourneyDocument {
    let text = format!(
        r#"{{"format":"waymark.journey/1","id":"{id}","name":"{id}","settings":{{{settings}}},"nodes":[{nodes}],"edges":[{edges}]}}"#
    );
    crate::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn scenario(customers: u64, days: u32, extra: &str) -> Scenario {
    let text = format!(
        r#"{{"format":"waymark.scenario/1","start":"2026-12-01","customers":{customers},"days":{days},"sample_traces":0{extra}}}"#
    );
    parse_scenario(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn run(journeys: &[JourneyDocument], scenario: &Scenario) -> Report {
    simulate(journeys, scenario, &Options { threads: 2, ..Options::default() })
}

fn node<'a>(report: &'a Report, journey: usize, id: &str) -> &'a NodeReport {
    report.journeys[journey].nodes.iter().find(|n| n.id == id).unwrap_or_else(|| panic!("no node {id}"))
}

fn edge(report: &Report, journey: usize, from: &str, port: &str) -> u64 {
    report.journeys[journey].edges.iter().find(|e| e.from == from && e.port == port).map_or(0, |e| e.customers)
}

fn conflicts(report: &Report, kind: ConflictKind) -> u64 {
    report.conflicts.iter().find(|c| c.kind == kind).map_or(0, |c| c.count)
}

/// Everyone enters at the start: a segment that holds for every customer.
const EVERYONE: &str =
    r#"{"id":"start","kind":"entry","trigger":{"segment":{"condition":{"attr":"nothing","op":"not_exists"}}}}"#;

#[test]
fn a_50_50_split_lands_within_one_percent_over_100000_customers() {
    let j = journey(
        "split",
        "",
        &format!(
            r#"{EVERYONE},{{"id":"ab","kind":"split","paths":[{{"port":"a","weight":50}},{{"port":"b","weight":50}}]}},
            {{"id":"x","kind":"exit"}},{{"id":"y","kind":"exit"}}"#
        ),
        r#"{"from":"start","port":"next","to":"ab"},{"from":"ab","port":"a","to":"x"},{"from":"ab","port":"b","to":"y"}"#,
    );
    let report = run(&[j], &scenario(100_000, 1, ""));
    let (a, b) = (edge(&report, 0, "ab", "a"), edge(&report, 0, "ab", "b"));
    assert_eq!(a + b, 100_000);
    let share = a as f64 / 100_000.0;
    assert!((share - 0.5).abs() <= 0.01, "path a got {share}");
}

#[test]
fn the_split_is_sticky_per_customer_across_reentries() {
    let j = journey(
        "sticky",
        r#""reentry":{"mode":"after_exit"}"#,
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"ping"}}},
           {"id":"ab","kind":"split","paths":[{"port":"a","weight":50},{"port":"b","weight":50}]},
           {"id":"x","kind":"exit"},{"id":"y","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"ab"},{"from":"ab","port":"a","to":"x"},{"from":"ab","port":"b","to":"y"}"#,
    );
    let mut s = scenario(50, 10, r#","events":[{"name":"ping","rate_per_day":2}]"#);
    s.sample_traces = 50;
    let report = run(&[j], &s);
    for trace in &report.traces {
        let ports: Vec<_> = trace.steps.iter().filter(|s| s.node.as_deref() == Some("ab")).map(|s| &s.port).collect();
        assert!(ports.len() > 1, "{} entered once", trace.customer);
        assert!(ports.windows(2).all(|w| w[0] == w[1]), "{} changed path", trace.customer);
    }
}

fn pinger(id: &str, policies: &str, priority: u32) -> JourneyDocument {
    journey(
        id,
        &format!(r#""reentry":{{"mode":"always"}},"policies":{{"priority":{priority}{policies}}}"#),
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"ping"}}},
           {"id":"mail","kind":"message","channel":"email","template":"t1"},
           {"id":"pause","kind":"wait","delay":{"duration":"PT1H"}},
           {"id":"push","kind":"message","channel":"push","template":"t2"},
           {"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"mail"},{"from":"mail","port":"next","to":"pause"},
           {"from":"pause","port":"next","to":"push"},{"from":"push","port":"next","to":"done"}"#,
    )
}

#[test]
fn a_cap_of_two_per_day_is_never_exceeded_in_any_rolling_window() {
    let j = pinger("pinger", r#","frequency_caps":[{"max":2,"window":"P1D"}]"#, 0);
    let report = run(&[j], &scenario(20_000, 14, r#","events":[{"name":"ping","rate_per_day":6}]"#));
    assert!(conflicts(&report, ConflictKind::CapSuppressed) > 10_000);
    assert_eq!(report.cadence.per_customer.rolling_24h.max, 2);
    // Without the cap the same customers get far more.
    let j = pinger("pinger", "", 0);
    let report = run(&[j], &scenario(2_000, 14, r#","events":[{"name":"ping","rate_per_day":6}]"#));
    assert!(report.cadence.per_customer.rolling_24h.max > 6);
}

#[test]
fn a_workspace_cap_holds_across_journeys() {
    let journeys = [pinger("first", "", 0), pinger("second", "", 0)];
    let s = scenario(
        5_000,
        14,
        r#","events":[{"name":"ping","rate_per_day":3}],"policy":{"frequency_caps":[{"max":2,"window":"P1D"}]}"#,
    );
    let report = run(&journeys, &s);
    assert_eq!(report.cadence.per_customer.rolling_24h.max, 2);
    assert!(conflicts(&report, ConflictKind::CrossJourney) > 0);
}

#[test]
fn journey_priority_decides_who_wins_a_capped_slot() {
    let scheduled = |id: &str, priority: u32| {
        journey(
            id,
            &format!(r#""policies":{{"priority":{priority}}}"#),
            r#"{"id":"start","kind":"entry","trigger":{"schedule":{"start":"2026-12-02T09:00"}}},
               {"id":"mail","kind":"message","channel":"sms","template":"t"},{"id":"done","kind":"exit"}"#,
            r#"{"from":"start","port":"next","to":"mail"},{"from":"mail","port":"next","to":"done"}"#,
        )
    };
    let s = scenario(1_000, 3, r#","policy":{"frequency_caps":[{"max":1,"window":"P1D"}]}"#);
    for (low, high) in [(0, 1), (1, 0)] {
        let mut journeys = vec![scheduled("low", 10), scheduled("high", 90)];
        journeys.swap(0, low);
        let report = run(&journeys, &s);
        assert_eq!(report.journeys[high].messages_sent, 1_000, "{high}");
        assert_eq!(report.journeys[low].messages_sent, 0);
        assert_eq!(node(&report, low, "mail").suppressed, 1_000);
    }
}

/// A journey that an event enters and that messages by email at once.
fn welcomer(id: &str, priority: u32) -> JourneyDocument {
    journey(
        id,
        &format!(r#""policies":{{"priority":{priority}}}"#),
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"signed_up"}}},
           {"id":"mail","kind":"message","channel":"email","template":"t"},{"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"mail"},{"from":"mail","port":"next","to":"done"}"#,
    )
}

/// Everyone signs up once, early, under a workspace cap of one message a month.
fn one_sign_up_under_a_workspace_cap_of_one() -> Scenario {
    scenario(
        1_000,
        3,
        r#","events":[{"name":"signed_up","rate_per_day":5,"max_count":1}],"policy":{"frequency_caps":[{"max":1,"window":"P30D"}]}"#,
    )
}

#[test]
fn the_order_journeys_are_given_in_does_not_decide_who_wins_a_capped_slot() {
    let s = one_sign_up_under_a_workspace_cap_of_one();
    for (high, low) in [(0, 1), (1, 0)] {
        let mut journeys = [welcomer("high", 90), welcomer("low", 10)];
        journeys.swap(0, high);
        let report = run(&journeys, &s);
        let entries = report.journeys[high].entries;
        assert!(entries > 990, "{entries}");
        assert_eq!(report.journeys[low].entries, entries);
        assert_eq!(report.journeys[high].messages_sent, entries, "high given at {high}");
        assert_eq!(report.journeys[low].messages_sent, 0, "high given at {high}");
        assert_eq!(node(&report, low, "mail").suppressed, entries);
        assert_eq!(report.totals.suppressed_by.frequency_cap, entries);
    }
}

#[test]
fn a_message_suppressed_by_a_cap_another_journey_used_up_is_a_conflict_naming_that_journey() {
    let mut s = one_sign_up_under_a_workspace_cap_of_one();
    s.sample_traces = 3;
    for high in [0, 1] {
        let mut journeys = [welcomer("high", 90), welcomer("low", 10)];
        journeys.swap(0, high);
        let report = run(&journeys, &s);
        let suppressed = report.totals.suppressed_by.frequency_cap;
        assert!(suppressed > 990, "{suppressed}");
        let cross = report.conflicts.iter().find(|c| c.kind == ConflictKind::CrossJourney).expect("listed");
        assert_eq!(cross.count, suppressed, "high given at {high}");
        let [pair] = &cross.between[..] else { panic!("{:?}", cross.between) };
        assert_eq!((pair.journey.as_str(), pair.other_journey.as_str()), ("low", "high"));
        assert_eq!((pair.count, &pair.examples), (suppressed, &cross.examples));
        for trace in &report.traces {
            let step = trace.steps.iter().find(|s| s.what == StepKind::Suppressed).expect("suppressed");
            assert_eq!(step.journey.as_deref(), Some("low"));
            assert!(step.reason.contains("`high`"), "{}", step.reason);
        }
    }
}

fn quiet(action: &str) -> JourneyDocument {
    journey(
        "quiet",
        &format!(
            r#""reentry":{{"mode":"always"}},"policies":{{"quiet_hours":{{"start":"21:00","end":"08:00","action":"{action}"}}}}"#
        ),
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"ping"}}},
           {"id":"mail","kind":"message","channel":"sms","template":"t"},{"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"mail"},{"from":"mail","port":"next","to":"done"}"#,
    )
}

#[test]
fn no_message_is_sent_inside_quiet_hours_in_the_customers_local_time() {
    let zones = r#","timezones":[{"zone":"America/Los_Angeles","weight":1},{"zone":"Asia/Kolkata","weight":1},{"zone":"Europe/Paris","weight":1}]"#;
    let s = scenario(10_000, 10, &format!(r#","events":[{{"name":"ping","rate_per_day":2}}]{zones}"#));
    for (action, kind) in [("defer", ConflictKind::QuietDeferred), ("drop", ConflictKind::QuietDropped)] {
        let report = run(&[quiet(action)], &s);
        assert!(conflicts(&report, kind) > 10_000, "{action}");
        let hours = &report.cadence.local_hour[0].messages;
        let inside: u64 = (0..24).filter(|h| *h >= 21 || *h < 8).map(|h| hours[h]).sum();
        assert_eq!(inside, 0, "{action}: {hours:?}");
        assert!(hours[8] > 0 && hours[20] > 0, "{action}: {hours:?}");
    }
    // Deferred messages all go out at the end of quiet hours: 08:00 local.
    let report = run(&[quiet("defer")], &s);
    let hours = &report.cadence.local_hour[0].messages;
    assert!(hours[8] > 3 * hours[9], "{hours:?}");
}

#[test]
fn wait_for_event_takes_the_timeout_exactly_when_the_event_did_not_come_in_time() {
    let j = journey(
        "await",
        "",
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"signed_up"}}},
           {"id":"w","kind":"wait_for_event","events":[{"port":"bought","event":"purchased"}],"timeout":"P1D"},
           {"id":"yes","kind":"exit"},{"id":"no","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"w"},{"from":"w","port":"bought","to":"yes"},{"from":"w","port":"timeout","to":"no"}"#,
    );
    let mut s = scenario(
        2_000,
        20,
        r#","events":[{"name":"signed_up","rate_per_day":0.5,"max_count":1},{"name":"purchased","rate_per_day":0.7}]"#,
    );
    s.sample_traces = 1_000;
    let report = run(&[j], &s);
    assert!(report.traces.len() >= 500);
    let (mut bought, mut timed_out) = (0, 0);
    for trace in &report.traces {
        let Some(wait) = trace.steps.iter().find(|s| s.what == StepKind::Waiting) else { continue };
        let Some(left) = trace.steps.iter().find(|s| s.what == StepKind::Passed && s.node.as_deref() == Some("w"))
        else {
            continue; // still waiting at the horizon
        };
        let in_time = trace.steps.iter().any(|s| {
            s.what == StepKind::Event && s.reason == "did `purchased`" && s.t > wait.t && s.t < wait.t + 86_400
        });
        let port = left.port.as_deref();
        if in_time {
            bought += 1;
            assert_eq!(port, Some("bought"), "{}", trace.customer);
        } else {
            timed_out += 1;
            assert_eq!(port, Some("timeout"), "{}", trace.customer);
            assert_eq!(left.t, wait.t + 86_400, "{}", trace.customer);
        }
    }
    assert!(bought > 100 && timed_out > 100, "{bought} {timed_out}");
}

#[test]
fn reaching_a_goal_removes_the_customer() {
    let make = |exit: bool| {
        journey(
            "goal",
            &format!(
                r#""goals":[{{"id":"converted","condition":{{"event":"converted"}},"within":"P30D","exit":{exit}}}]"#
            ),
            &format!(
                r#"{EVERYONE},{{"id":"pause","kind":"wait","delay":{{"duration":"P10D"}}}},
                {{"id":"mail","kind":"message","channel":"email","template":"t"}},{{"id":"done","kind":"exit"}}"#
            ),
            r#"{"from":"start","port":"next","to":"pause"},{"from":"pause","port":"next","to":"mail"},{"from":"mail","port":"next","to":"done"}"#,
        )
    };
    let s = scenario(10_000, 20, r#","events":[{"name":"converted","rate_per_day":0.05}]"#);
    let report = run(&[make(true)], &s);
    let goal = &report.journeys[0].goals[0].treatment;
    let removed = node(&report, 0, "pause").exited;
    assert!(goal.converted > 3_000, "{goal:?}");
    // Everyone who converted during the wait left there, and never got the message.
    assert!(removed > 3_000 && removed <= goal.converted);
    assert_eq!(node(&report, 0, "mail").entered, 10_000 - removed);
    // The same journey without `exit` keeps them.
    let report = run(&[make(false)], &s);
    assert_eq!(node(&report, 0, "pause").exited, 0);
    assert_eq!(node(&report, 0, "mail").entered, 10_000);
}

#[test]
fn exit_criteria_remove_customers_wherever_they_are() {
    let j = journey(
        "criteria",
        r#""exit_criteria":[{"id":"unsubscribed","condition":{"event":"unsubscribed"}}]"#,
        &format!(
            r#"{EVERYONE},{{"id":"pause","kind":"wait","delay":{{"duration":"P5D"}}}},{{"id":"done","kind":"exit"}}"#
        ),
        r#"{"from":"start","port":"next","to":"pause"},{"from":"pause","port":"next","to":"done"}"#,
    );
    let report = run(&[j], &scenario(10_000, 10, r#","events":[{"name":"unsubscribed","rate_per_day":0.1}]"#));
    let removed = node(&report, 0, "pause").exited;
    // P(unsubscribed within 5 days) = 1 - e^-0.5 ≈ 39 %.
    assert!((3_600..4_300).contains(&removed), "{removed}");
    assert_eq!(node(&report, 0, "done").entered, 10_000 - removed);
}

#[test]
fn holdout_customers_receive_nothing() {
    let j = journey(
        "holdout",
        r#""goals":[{"id":"bought","condition":{"event":"purchased"},"within":"P10D"}]"#,
        &format!(
            r#"{EVERYONE},{{"id":"ab","kind":"split","paths":[{{"port":"treat","weight":80}},{{"port":"control","weight":20,"holdout":true}}]}},
            {{"id":"mail","kind":"message","channel":"email","template":"t"}},{{"id":"mail2","kind":"message","channel":"email","template":"t"}},
            {{"id":"done","kind":"exit"}}"#
        ),
        r#"{"from":"start","port":"next","to":"ab"},{"from":"ab","port":"treat","to":"mail"},{"from":"ab","port":"control","to":"mail2"},
           {"from":"mail","port":"next","to":"done"},{"from":"mail2","port":"next","to":"done"}"#,
    );
    let report = run(&[j], &scenario(10_000, 10, r#","events":[{"name":"purchased","rate_per_day":0.05}]"#));
    let control = node(&report, 0, "mail2");
    assert!(control.entered > 1_500);
    assert_eq!(control.suppressed, control.entered);
    assert_eq!(report.journeys[0].messages_sent, node(&report, 0, "mail").entered);
    assert_eq!(report.totals.suppressed_by.holdout, control.entered);
    let goal = &report.journeys[0].goals[0];
    assert_eq!(goal.holdout.entries, control.entered);
    assert_eq!(goal.treatment.entries + goal.holdout.entries, 10_000);
}

#[test]
fn consent_and_reachability_suppress_marketing_but_not_transactional_messages() {
    let j = journey(
        "consent",
        r#""policies":{"consent_required":["email"]}"#,
        &format!(
            r#"{EVERYONE},{{"id":"promo","kind":"message","channel":"email","template":"t"}},
            {{"id":"receipt","kind":"message","channel":"email","category":"transactional","template":"t"}},{{"id":"done","kind":"exit"}}"#
        ),
        r#"{"from":"start","port":"next","to":"promo"},{"from":"promo","port":"next","to":"receipt"},{"from":"receipt","port":"next","to":"done"}"#,
    );
    let report = run(&[j], &scenario(10_000, 2, r#","channels":{"email":{"consent":0.5}}"#));
    let suppressed = node(&report, 0, "promo").suppressed;
    assert!((4_700..5_300).contains(&suppressed), "{suppressed}");
    assert_eq!(node(&report, 0, "receipt").suppressed, 0);
    assert_eq!(report.totals.suppressed_by.no_consent, suppressed);
}

#[test]
fn engagement_with_an_earlier_message_steers_a_branch() {
    let j = journey(
        "engaged",
        "",
        &format!(
            r#"{EVERYONE},{{"id":"hello","kind":"message","channel":"email","template":"t"}},
            {{"id":"pause","kind":"wait","delay":{{"duration":"P2D"}}}},
            {{"id":"check","kind":"branch","cases":[{{"port":"clicked","when":{{"message":"hello","engaged":"clicked"}}}}]}},
            {{"id":"yes","kind":"exit"}},{{"id":"no","kind":"exit"}}"#
        ),
        r#"{"from":"start","port":"next","to":"hello"},{"from":"hello","port":"next","to":"pause"},{"from":"pause","port":"next","to":"check"},
           {"from":"check","port":"clicked","to":"yes"},{"from":"check","port":"else","to":"no"}"#,
    );
    let s = scenario(10_000, 5, r#","channels":{"email":{"open":0.5,"click":0.4,"open_delay":"PT2H"}}"#);
    let report = run(&[j], &s);
    let clicked = edge(&report, 0, "check", "clicked") as f64 / 10_000.0;
    assert!((clicked - 0.2).abs() < 0.02, "{clicked}");
}

#[test]
fn every_example_journey_simulates_and_reports_the_same_bytes_for_any_thread_count() {
    let journeys = crate::examples::documents();
    assert!(journeys.len() >= 8);
    let mut scenario = Scenario::default_scenario();
    scenario.customers = 6_000;
    let report = |threads| {
        let options = Options { threads, trace: Some(4_321), ..Options::default() };
        serde_json::to_string(&simulate(&journeys, &scenario, &options)).unwrap()
    };
    let one = report(1);
    assert_eq!(one, report(2));
    assert_eq!(one, report(3));
    assert_eq!(one, report(1));
    let parsed = simulate(&journeys, &scenario, &Options { trace: Some(4_321), ..Options::default() });
    for journey in &parsed.journeys {
        assert!(journey.entries > 0, "nobody entered {}", journey.id);
    }
    assert!(parsed.traces.iter().any(|t| t.customer == "c4322"));
    assert!(conflicts(&parsed, ConflictKind::CrossJourney) > 0);
}

#[test]
fn until_time_waits_for_the_local_time_on_an_allowed_weekday() {
    let j = journey(
        "window",
        "",
        &format!(
            r#"{EVERYONE},{{"id":"w","kind":"wait","delay":{{"until_time":{{"time":"10:00","weekdays":["tue","thu"]}}}}}},
            {{"id":"sms","kind":"message","channel":"sms","category":"transactional","template":"t"}},{{"id":"done","kind":"exit"}}"#
        ),
        r#"{"from":"start","port":"next","to":"w"},{"from":"w","port":"next","to":"sms"},{"from":"sms","port":"next","to":"done"}"#,
    );
    let zones = r#","timezones":[{"zone":"America/Los_Angeles","weight":1},{"zone":"Australia/Sydney","weight":1}]"#;
    let mut s = scenario(2_000, 7, zones);
    s.sample_traces = 50;
    let report = run(&[j], &s);
    let hours = &report.cadence.local_hour[0].messages;
    assert_eq!(hours[10], 2_000, "{hours:?}");
    for trace in &report.traces {
        let sent = trace.steps.iter().find(|s| s.what == StepKind::Sent).expect("sent");
        let local = chrono::NaiveDateTime::parse_from_str(&sent.local, "%Y-%m-%d %H:%M").unwrap();
        use chrono::Datelike;
        assert!(matches!(local.weekday(), chrono::Weekday::Tue | chrono::Weekday::Thu), "{}", sent.local);
        assert!(sent.local.ends_with("10:00"), "{}", sent.local);
    }
}

#[test]
fn a_segment_on_events_is_entered_when_it_becomes_true() {
    let j = journey(
        "engaged",
        "",
        r#"{"id":"start","kind":"entry","trigger":{"segment":{"condition":{"event":"viewed","min_count":3}}}},
           {"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"done"}"#,
    );
    let report = run(&[j], &scenario(2_000, 10, r#","events":[{"name":"viewed","rate_per_day":0.3}]"#));
    // P(at least 3 views in 10 days at 0.3 a day) = 1 - e^-3 (1 + 3 + 4.5) ≈ 58 %.
    let entries = report.journeys[0].entries;
    assert!((1_050..1_300).contains(&entries), "{entries}");
}

#[test]
fn events_only_branches_look_at_are_drawn_with_the_right_rate() {
    // `viewed` triggers nothing, so it is drawn lazily when the branch looks; the share of
    // customers with a view in the last 2 days must still be 1 - e^(-0.4 × 2) ≈ 55 %.
    let j = journey(
        "lazy",
        "",
        &format!(
            r#"{EVERYONE},{{"id":"pause","kind":"wait","delay":{{"duration":"P5D"}}}},
            {{"id":"check","kind":"branch","cases":[{{"port":"seen","when":{{"event":"viewed","within":"P2D"}}}}]}},
            {{"id":"yes","kind":"exit"}},{{"id":"no","kind":"exit"}}"#
        ),
        r#"{"from":"start","port":"next","to":"pause"},{"from":"pause","port":"next","to":"check"},
           {"from":"check","port":"seen","to":"yes"},{"from":"check","port":"else","to":"no"}"#,
    );
    let report = run(&[j], &scenario(20_000, 10, r#","events":[{"name":"viewed","rate_per_day":0.4}]"#));
    let seen = edge(&report, 0, "check", "seen") as f64 / 20_000.0;
    let expected = 1.0 - (-0.8f64).exp();
    assert!((seen - expected).abs() < 0.015, "{seen} vs {expected}");
}

#[test]
fn tracing_a_customer_changes_nothing_else_in_the_report() {
    let journeys = crate::examples::documents();
    let mut scenario = Scenario::default_scenario();
    scenario.customers = 3_000;
    scenario.sample_traces = 0;
    let plain = simulate(&journeys, &scenario, &Options::default());
    let mut traced = simulate(&journeys, &scenario, &Options { trace: Some(2_500), ..Options::default() });
    assert_eq!(traced.traces.len(), 1);
    traced.traces.clear();
    assert_eq!(plain, traced);
}

#[test]
fn customer_ids_round_trip() {
    assert_eq!(parse_customer_id(&customer_id(41)), Some(41));
    assert_eq!(parse_customer_id("7"), Some(6));
    assert_eq!(parse_customer_id("c0"), None);
    assert_eq!(parse_customer_id("x"), None);
}

/// A journey whose customers wait `wait`, then go down a 50/50 split. Its goal makes `viewed` an
/// event simulated as it happens, on the customer's own stream.
fn wait_then_split(wait: &str) -> JourneyDocument {
    journey(
        "waits",
        r#""goals":[{"id":"looked","condition":{"event":"viewed"},"within":"P30D","exit":false}]"#,
        &format!(
            r#"{{"id":"start","kind":"entry","trigger":{{"event":{{"name":"signed_up"}}}}}},
            {{"id":"pause","kind":"wait","delay":{{"duration":"{wait}"}}}},
            {{"id":"ab","kind":"split","paths":[{{"port":"a","weight":50}},{{"port":"b","weight":50}}]}},
            {{"id":"x","kind":"exit"}},{{"id":"y","kind":"exit"}}"#
        ),
        r#"{"from":"start","port":"next","to":"pause"},{"from":"pause","port":"next","to":"ab"},
           {"from":"ab","port":"a","to":"x"},{"from":"ab","port":"b","to":"y"}"#,
    )
}

/// The path each traced customer took at split `ab`.
fn split_paths(report: &Report) -> Vec<(String, Option<String>)> {
    let at_split = |trace: &Trace| trace.steps.iter().find(|s| s.node.as_deref() == Some("ab")).map(|s| s.port.clone());
    report.traces.iter().filter_map(|t| at_split(t).map(|port| (t.customer.clone(), port))).collect()
}

#[test]
fn editing_an_unrelated_wait_before_a_split_leaves_every_customer_in_the_same_bucket() {
    // Spontaneous events draw from the customer's stream as they happen, so a longer wait means
    // more draws before the split: a split drawing from that stream would reshuffle its buckets.
    let events =
        r#","events":[{"name":"signed_up","rate_per_day":1,"max_count":1},{"name":"viewed","rate_per_day":3}]"#;
    let mut s = scenario(400, 10, events);
    s.sample_traces = 400;
    let short = split_paths(&run(&[wait_then_split("PT1H")], &s));
    let long = split_paths(&run(&[wait_then_split("P2DT7H")], &s));
    assert!(short.len() > 300, "{}", short.len());
    assert_eq!(short.len(), long.len());
    let moved: Vec<&str> = short.iter().zip(&long).filter(|(a, b)| a != b).map(|(a, _)| a.0.as_str()).collect();
    assert!(moved.is_empty(), "{} customers changed path, such as {:?}", moved.len(), &moved[..moved.len().min(5)]);
}

#[test]
fn a_lift_factor_near_zero_does_not_send_simulated_time_into_the_past() {
    // Once an email is opened the rate is multiplied by 1e-20: the next draw is near infinity,
    // which used to wrap to a time before now and fire the event again and again.
    let j = journey(
        "mailer",
        "",
        &format!(
            r#"{EVERYONE},{{"id":"mail","kind":"message","channel":"email","template":"t"}},{{"id":"done","kind":"exit"}}"#
        ),
        r#"{"from":"start","port":"next","to":"mail"},{"from":"mail","port":"next","to":"done"}"#,
    );
    let s = scenario(
        20,
        30,
        r#","channels":{"email":{"reachable":1,"consent":1,"open":1}},
           "events":[{"name":"ping","rate_per_day":1,"lift":{"after":"opened","factor":1e-20,"within":"P1D"}}]"#,
    );
    let report = run(&[j], &s);
    // About one ping a day for 30 days, and one open, per customer.
    assert!(report.totals.events < 20 * 60, "{} events", report.totals.events);
    assert!(report.stopped.is_empty(), "{:?}", report.stopped);
}

/// An email whose `next` leads back to itself: a loop that does not wait.
fn self_loop() -> JourneyDocument {
    journey(
        "looper",
        "",
        &format!(r#"{EVERYONE},{{"id":"mail","kind":"message","channel":"email","template":"t"}}"#),
        r#"{"from":"start","port":"next","to":"mail"},{"from":"mail","port":"next","to":"mail"}"#,
    )
}

#[test]
fn a_loop_that_does_not_wait_stops_the_customer_with_a_report_entry_naming_the_node() {
    let s = scenario(3, 5, r#","channels":{"email":{"reachable":1,"consent":1}}"#);
    let started = std::time::Instant::now();
    let report = run(&[self_loop()], &s);
    // Each customer's loop used to go through every earlier message at each send: seconds each.
    assert!(started.elapsed() < std::time::Duration::from_secs(2), "took {:?}", started.elapsed());
    let stopped: Vec<_> = report
        .stopped
        .iter()
        .map(|s| (s.customer.as_str(), s.journey.as_deref(), s.node.as_deref(), s.reason))
        .collect();
    assert_eq!(
        stopped,
        [
            ("c1", Some("looper"), Some("mail"), StopReason::InstantLoop),
            ("c2", Some("looper"), Some("mail"), StopReason::InstantLoop),
            ("c3", Some("looper"), Some("mail"), StopReason::InstantLoop),
        ]
    );
    assert!(report.stopped[0].message.contains("loop that does not wait"), "{}", report.stopped[0].message);
    assert!(report.warnings.iter().any(|w| w.starts_with("3 customers were stopped")), "{:?}", report.warnings);
}

#[test]
fn stopped_customers_are_the_same_bytes_for_any_thread_count() {
    // One customer in twenty takes the path that loops, in every chunk of customers.
    let j = journey(
        "sometimes",
        "",
        &format!(
            r#"{EVERYONE},{{"id":"ab","kind":"split","paths":[{{"port":"loop","weight":5}},{{"port":"out","weight":95}}]}},
            {{"id":"again","kind":"update","changes":[{{"increment":{{"attr":"n","by":1}}}}]}},{{"id":"done","kind":"exit"}}"#
        ),
        r#"{"from":"start","port":"next","to":"ab"},{"from":"ab","port":"loop","to":"again"},
           {"from":"again","port":"next","to":"again"},{"from":"ab","port":"out","to":"done"}"#,
    );
    let s = scenario(6_000, 2, "");
    let one = simulate(std::slice::from_ref(&j), &s, &Options { threads: 1, ..Options::default() });
    let four = simulate(&[j], &s, &Options { threads: 4, ..Options::default() });
    assert_eq!(one.stopped.len(), 10);
    assert_eq!(serde_json::to_string(&one).unwrap(), serde_json::to_string(&four).unwrap());
}

#[test]
fn a_schedule_every_second_with_reentry_always_stops_at_the_step_budget_without_blaming_validation() {
    let j = journey(
        "every-second",
        r#""reentry":{"mode":"always"}"#,
        r#"{"id":"start","kind":"entry","trigger":{"schedule":{"start":"2026-12-01T00:00","repeat":"PT1S"}}},
           {"id":"mail","kind":"message","channel":"email","template":"t"},
           {"id":"pause","kind":"wait","delay":{"duration":"P1D"}},{"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"mail"},{"from":"mail","port":"next","to":"pause"},
           {"from":"pause","port":"next","to":"done"}"#,
    );
    let s = scenario(1, 30, r#","channels":{"email":{"reachable":1,"consent":1}}"#);
    let started = std::time::Instant::now();
    let report = run(&[j], &s);
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
    assert_eq!(report.stopped.len(), 1);
    assert_eq!(report.stopped[0].reason, StopReason::StepBudget);
    assert_eq!(report.stopped[0].journey.as_deref(), Some("every-second"));
    assert!(report.warnings.iter().all(|w| !w.contains("validation")), "{:?}", report.warnings);
}

#[test]
fn the_step_budget_of_a_customer_shrinks_with_the_population_so_a_run_has_a_known_cost() {
    assert_eq!(engine::customer_budget(1), 1_000_000);
    assert_eq!(engine::customer_budget(100_000_000), 100);
    assert!(engine::customer_budget(100_000_000) * 100_000_000 <= 10_000_000_000);
}
