//! Tests of the behavioural diff on the onboarding example and on small journeys made to pin
//! one rule each.

use serde_json::{Value, json};

use super::*;
use crate::simulate::parse_scenario;

fn onboarding() -> JourneyDocument {
    crate::examples::documents().into_iter().find(|d| d.id == "onboarding").expect("the example exists")
}

fn onboarding_scenario(customers: u64) -> Scenario {
    let (_, mut scenario) =
        crate::examples::scenarios().into_iter().find(|(name, _)| name == "onboarding").expect("the example");
    scenario.customers = customers;
    scenario
}

/// `document` with `edit` applied to its JSON form.
fn edited(document: &JourneyDocument, edit: impl FnOnce(&mut Value)) -> JourneyDocument {
    let mut value = serde_json::to_value(document).unwrap();
    edit(&mut value);
    crate::parse(&value.to_string()).unwrap()
}

/// The node `id` of a journey's JSON form.
fn node<'a>(journey: &'a mut Value, id: &str) -> &'a mut Value {
    let nodes = journey["nodes"].as_array_mut().unwrap();
    nodes.iter_mut().find(|n| n["id"] == id).unwrap_or_else(|| panic!("no node {id}"))
}

fn run(old: &JourneyDocument, new: &JourneyDocument, scenario: &Scenario) -> BehaviourDiff {
    compare(old, new, scenario, &Options { threads: 2, ..Options::default() })
}

fn traffic<'a>(diff: &'a BehaviourDiff, id: &str) -> &'a NodeTraffic {
    diff.nodes.iter().find(|n| n.id == id).unwrap_or_else(|| panic!("no node {id}"))
}

/// Onboarding with the wait on the path of customers who clicked the welcome email lasting
/// four days instead of three.
fn longer_tips_wait() -> JourneyDocument {
    edited(&onboarding(), |j| node(j, "wait_3d_tips")["delay"] = json!({ "duration": "P4D" }))
}

#[test]
fn identical_versions_change_no_customer_and_no_figure() {
    let diff = run(&onboarding(), &onboarding(), &onboarding_scenario(5_000));
    assert!(diff.complete);
    assert_eq!((diff.customers, diff.changed_customers), (5_000, 0));
    assert!(diff.entered.before > 1_000, "{:?}", diff.entered);
    assert_eq!(diff.entered.before, diff.entered.after);
    assert_eq!(diff.messages_sent.before, diff.messages_sent.after);
    assert_eq!(diff.messages.len(), 3, "email, push, in-app: {:?}", diff.messages);
    assert!(diff.messages.iter().all(|m| m.before == m.after && m.before > 0), "{:?}", diff.messages);
    assert_eq!(diff.per_customer.before, diff.per_customer.after);
    assert!(diff.suppressions.iter().all(|s| s.before == s.after), "{:?}", diff.suppressions);
    assert!(diff.conflicts.iter().all(|c| c.before == c.after), "{:?}", diff.conflicts);
    assert!(diff.goals.iter().all(|g| g.treatment.before == g.treatment.after && g.treatment.after.is_some()));
    assert_eq!(diff.nodes.len(), onboarding().nodes.len());
    assert!(diff.nodes.iter().all(|n| n.before == n.after), "{:?}", diff.nodes);
    assert!(diff.examples.is_empty(), "{:?}", diff.examples);
}

#[test]
fn a_longer_wait_on_one_path_changes_the_customers_on_that_path_only() {
    let diff = run(&onboarding(), &longer_tips_wait(), &onboarding_scenario(10_000));
    let on_the_path = traffic(&diff, "wait_3d_tips");
    assert!(on_the_path.before > 100, "{on_the_path:?}");
    assert!(diff.changed_customers > on_the_path.before / 2, "{} changed", diff.changed_customers);
    assert!(diff.changed_customers <= on_the_path.before, "{} changed", diff.changed_customers);
    for upstream in ["signup", "welcome_email", "wait_2d", "pricing_check", "engagement_check", "setup_tips_email"] {
        let node = traffic(&diff, upstream);
        assert_eq!(node.before, node.after, "{node:?}");
    }
    for example in &diff.examples {
        let waited = |trace: &Trace| trace.steps.iter().any(|s| s.node.as_deref() == Some("wait_3d_tips"));
        assert!(waited(&example.before) && waited(&example.after), "{} did not wait there", example.customer);
    }
}

#[test]
fn examples_are_changed_customers_with_both_timelines_and_they_differ() {
    let diff = run(&onboarding(), &longer_tips_wait(), &onboarding_scenario(10_000));
    assert_eq!(diff.examples.len(), EXAMPLES);
    let ids: Vec<u64> =
        diff.examples.iter().map(|e| crate::simulate::parse_customer_id(&e.customer).unwrap()).collect();
    assert!(ids.is_sorted(), "the lowest ids, in order: {ids:?}");
    for example in &diff.examples {
        assert!(example.changed);
        assert_eq!((&example.before.customer, &example.after.customer), (&example.customer, &example.customer));
        assert_ne!(example.before.steps, example.after.steps, "{}", example.customer);
        // The same customer: the same time zone and the same entry.
        assert_eq!(example.before.timezone, example.after.timezone);
        assert_eq!(example.before.steps[..2], example.after.steps[..2], "{}", example.customer);
    }
}

#[test]
fn a_customer_asked_for_comes_first_among_the_examples_changed_or_not() {
    let options = Options { threads: 1, trace: Some(0), ..Options::default() };
    let diff = compare(&onboarding(), &onboarding(), &onboarding_scenario(300), &options);
    let [example] = &diff.examples[..] else { panic!("{:?}", diff.examples) };
    assert_eq!((example.customer.as_str(), example.changed), ("c1", false));
    assert_eq!(example.before, example.after);
}

#[test]
fn a_removed_message_reduces_its_channels_count_to_nothing() {
    let without_invite = edited(&onboarding(), |j| {
        j["nodes"].as_array_mut().unwrap().retain(|n| n["id"] != "invite_team_in_app");
        let edges = j["edges"].as_array_mut().unwrap();
        edges.retain(|e| e["from"] != "invite_team_in_app");
        let into = edges.iter_mut().find(|e| e["to"] == "invite_team_in_app").unwrap();
        into["to"] = json!("exit_engaged");
    });
    let diff = run(&onboarding(), &without_invite, &onboarding_scenario(10_000));
    let in_app = diff.messages.iter().find(|m| m.channel == Channel::InApp).expect("listed: the old version sends");
    assert!(in_app.before > 100, "{in_app:?}");
    assert_eq!(in_app.after, 0);
    let removed = traffic(&diff, "invite_team_in_app");
    assert!(removed.before > 100 && removed.after == 0, "{removed:?}");
    assert_eq!(diff.nodes.last().map(|n| n.id.as_str()), Some("invite_team_in_app"), "removed nodes come last");
    assert!(diff.changed_customers > 0 && diff.changed_customers <= traffic(&diff, "wait_3d_tips").before);
    assert!(diff.messages_sent.after < diff.messages_sent.before);
}

#[test]
fn the_diff_is_the_same_for_any_thread_count() {
    let scenario = onboarding_scenario(6_000);
    let diff = |threads| {
        let options = Options { threads, trace: Some(17), ..Options::default() };
        serde_json::to_string(&compare(&onboarding(), &longer_tips_wait(), &scenario, &options)).unwrap()
    };
    let one = diff(1);
    assert_eq!(one, diff(2));
    assert_eq!(one, diff(3));
}

/// A journey every customer enters on `signed_up`; those with a high `score` get an email.
const HIGH_SCORES: &str = r#"{"format":"waymark.journey/1","id":"scores","name":"Scores","nodes":[
    {"id":"start","kind":"entry","trigger":{"event":{"name":"signed_up"}}},
    {"id":"high","kind":"branch","cases":[{"port":"yes","when":{"attr":"score","op":"gt","value":90}}]},
    {"id":"mail","kind":"message","channel":"email","template":"t"},
    {"id":"done","kind":"exit"},{"id":"other","kind":"exit"}],
  "edges":[{"from":"start","port":"next","to":"high"},{"from":"high","port":"yes","to":"mail"},
    {"from":"high","port":"else","to":"other"},{"from":"mail","port":"next","to":"done"}]}"#;

const SCORES_SCENARIO: &str = r#"{"format":"waymark.scenario/1","start":"2026-12-01","customers":8000,"days":10,
  "attributes":{"score":{"number":{"min":0,"max":100}},"tier":{"categorical":{"values":{"gold":1,"plain":1}}}},
  "timezones":[{"zone":"Europe/Paris","weight":1},{"zone":"America/Denver","weight":1}],
  "channels":{"email":{"open":0.5,"click":0.5},"sms":{"reachable":0.6,"consent":0.5}},
  "events":[{"name":"signed_up","rate_per_day":0.5,"max_count":1},{"name":"purchased","rate_per_day":0.3}]}"#;

#[test]
fn reading_a_new_attribute_event_and_channel_changes_only_the_customers_who_get_there() {
    // After the email, gold customers now wait for a purchase and get an SMS: the new version
    // reads `tier`, reacts to `purchased` and sends on SMS, which the old one never drew.
    let old = crate::parse(HIGH_SCORES).unwrap();
    let new = edited(&old, |j| {
        let nodes = j["nodes"].as_array_mut().unwrap();
        nodes.extend([
            json!({ "id": "gold", "kind": "branch",
                    "cases": [{ "port": "yes", "when": { "attr": "tier", "op": "eq", "value": "gold" } }] }),
            json!({ "id": "buy", "kind": "wait_for_event",
                    "events": [{ "port": "bought", "event": "purchased" }], "timeout": "P1D" }),
            json!({ "id": "text", "kind": "message", "channel": "sms", "template": "t" }),
        ]);
        let edges = j["edges"].as_array_mut().unwrap();
        edges.retain(|e| e["from"] != "mail");
        edges.extend([
            json!({"from":"mail","port":"next","to":"gold"}),
            json!({"from":"gold","port":"yes","to":"buy"}),
            json!({"from":"gold","port":"else","to":"done"}),
            json!({"from":"buy","port":"bought","to":"text"}),
            json!({"from":"buy","port":"timeout","to":"text"}),
            json!({"from":"text","port":"next","to":"done"}),
        ]);
    });
    let diff = run(&old, &new, &parse_scenario(SCORES_SCENARIO).unwrap());
    let emailed = traffic(&diff, "mail").before;
    assert!(emailed > 300, "{emailed}");
    assert_eq!(traffic(&diff, "mail").after, emailed, "the same customers get the email");
    assert!(diff.changed_customers > 0 && diff.changed_customers <= emailed, "{} changed", diff.changed_customers);
    let sms = diff.messages.iter().find(|m| m.channel == Channel::Sms).expect("listed");
    assert!(sms.before == 0 && sms.after > 0, "{sms:?}");
    assert!(diff.warnings.is_empty(), "both versions draw the same: {:?}", diff.warnings);
}

#[test]
fn both_versions_draw_the_same_whatever_each_reads() {
    // The new version's branch reads an attribute instead of `viewed_pricing`, an event the
    // old one draws lazily, when a branch looks.
    let new = edited(&onboarding(), |j| {
        node(j, "pricing_check")["cases"][0]["when"] = json!({ "attr": "plan", "op": "eq", "value": "team" });
    });
    let scenario = onboarding_scenario(100);
    let draws = |old: &JourneyDocument, new: &JourneyDocument| {
        let (old, new) = plans(old, new, &scenario);
        (old.draws(), new.draws())
    };
    let (old_draws, new_draws) = draws(&onboarding(), &new);
    assert!(old_draws.events.contains(&("viewed_pricing".to_owned(), false)), "{old_draws:?}");
    assert_eq!(old_draws, new_draws);
    let (alone, _) = draws(&onboarding(), &onboarding());
    assert_eq!(alone, plan::compile(slice::from_ref(&onboarding()), &scenario).draws(), "nothing added");
}

#[test]
fn suppression_reasons_are_named_as_the_report_names_them() {
    let mut names: Vec<String> = match serde_json::to_value(Suppressions::default()).unwrap() {
        Value::Object(fields) => fields.keys().cloned().collect(),
        other => panic!("{other}"),
    };
    let mut ours: Vec<String> =
        suppression_counts(&Suppressions::default()).iter().map(|(n, _)| n.to_string()).collect();
    names.sort();
    ours.sort();
    assert_eq!(names, ours);
}
