//! The simulator across crates: the committed scenario schema is current, the example scenarios
//! parse and satisfy it (checked by a third-party validator), and each runs every example journey.

use waymark_core::simulate::{self, Options, parse_scenario, scenario_schema};
use waymark_tests::{files, root};

#[test]
fn the_committed_scenario_schema_is_current() {
    let path = root().join("schemas/scenario.schema.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, scenario_schema()).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == scenario_schema(),
        "schemas/scenario.schema.json is stale; run `cargo xtask codegen` and commit the result"
    );
}

#[test]
fn the_example_scenarios_parse_and_satisfy_the_committed_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("schemas/scenario.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema itself is valid");
    let scenarios = files("journeys", ".scenario.json");
    assert!(scenarios.len() >= 3, "{scenarios:?}");
    for path in scenarios {
        let text = std::fs::read_to_string(&path).unwrap();
        parse_scenario(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let instance: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
    let unknown_field = serde_json::json!({ "format": "waymark.scenario/1", "start": "2026-12-01", "colour": 1 });
    assert!(!validator.is_valid(&unknown_field));
}

#[test]
fn every_example_scenario_runs_every_example_journey() {
    let journeys = waymark_core::examples::documents();
    for path in files("journeys", ".scenario.json") {
        let mut scenario = parse_scenario(&std::fs::read_to_string(&path).unwrap()).unwrap();
        scenario.customers = 2_000;
        let report = simulate::simulate(&journeys, &scenario, &Options { threads: 2, ..Options::default() });
        assert_eq!(report.totals.customers, 2_000, "{}", path.display());
        assert!(report.totals.messages_sent > 0, "{}", path.display());
    }
}

#[test]
fn invalid_journeys_simulate_without_panicking_or_hanging() {
    // Dangling edges, instant loops, zero waits, missing timeouts, duplicate ids: the simulator
    // follows the journey as it is and stops what would never end.
    let invalid = files("journeys/invalid", ".journey.json");
    assert!(!invalid.is_empty());
    let mut scenario = simulate::Scenario::default_scenario();
    scenario.customers = 300;
    scenario.days = 10;
    for path in invalid {
        let document = waymark_core::parse_bytes(&std::fs::read(&path).unwrap()).unwrap();
        let report = simulate::simulate(&[document], &scenario, &Options::default());
        assert_eq!(report.totals.customers, 300, "{}", path.display());
    }
    let generated = waymark_core::generate::journey(500);
    let report = simulate::simulate(&[generated], &scenario, &Options::default());
    assert!(report.totals.node_visits > 0);
}

#[test]
fn a_cancelled_run_says_it_is_incomplete() {
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let scenario = simulate::Scenario::default_scenario();
    let options = Options { cancel: Some(&cancel), ..Options::default() };
    let report = simulate::simulate(&waymark_core::examples::documents(), &scenario, &options);
    assert!(!report.run.complete);
    assert_eq!(report.totals.customers, 0);
}

mod never_panics {
    use proptest::prelude::*;
    use waymark_core::simulate::{self, Options, parse_scenario};

    fn scenario(days: u32, seed: u64, rate: f64, open: f64, zone: &str, policy: &str) -> simulate::Scenario {
        let text = format!(
            r#"{{"format":"waymark.scenario/1","start":"2026-03-20","customers":40,"days":{days},"seed":{seed},
                "timezones":[{{"zone":"{zone}","weight":1}}],
                "channels":{{"email":{{"open":{open},"click":{open}}},"sms":{{"consent":{open}}}}},
                "events":[{{"name":"signed_up","rate_per_day":{rate}}},{{"name":"purchased","rate_per_day":{rate},"lift":{{"after":"clicked","factor":3,"within":"P1D"}}}},
                          {{"name":"cart_abandoned","rate_per_day":{rate}}},{{"name":"order_completed","rate_per_day":{rate}}}],
                "policy":{policy}}}"#
        );
        parse_scenario(&text).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Any scenario the parser accepts simulates every example journey without panicking,
        /// and the same input gives the same report.
        #[test]
        fn simulation_never_panics(
            days in 1u32..60,
            seed in any::<u64>(),
            rate in 0.0f64..20.0,
            open in 0.0f64..=1.0,
            zone in prop::sample::select(vec!["UTC", "Pacific/Kiritimati", "America/St_Johns", "Asia/Kathmandu", "Australia/Lord_Howe"]),
            policy in prop::sample::select(vec![
                "null",
                r#"{"frequency_caps":[{"max":1,"window":"PT1H"}]}"#,
                r#"{"quiet_hours":{"start":"00:00","end":"23:59","action":"defer"}}"#,
                r#"{"quiet_hours":{"start":"10:00","end":"10:00","action":"drop"},"min_gap":{"same_channel":"P30D"}}"#,
            ]),
        ) {
            let journeys = waymark_core::examples::documents();
            let s = scenario(days, seed, rate, open, zone, policy);
            let report = simulate::simulate(&journeys, &s, &Options { threads: 2, ..Options::default() });
            prop_assert_eq!(report.totals.customers, 40);
            let again = simulate::simulate(&journeys, &s, &Options::default());
            prop_assert_eq!(report, again);
        }
    }
}
