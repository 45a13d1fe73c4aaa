use serde_json::json;

use super::*;
use crate::examples;

fn example(id: &str) -> JourneyDocument {
    examples::documents().into_iter().find(|d| d.id == id).expect("the example exists")
}

fn customer(id: &str, attributes: Value, events: &[(i64, &str)]) -> ScriptedCustomer {
    let Value::Object(attributes) = attributes else { panic!("attributes are an object") };
    ScriptedCustomer {
        id: id.to_owned(),
        attributes: attributes.into_iter().collect(),
        events: events
            .iter()
            .map(|(at_seconds, name)| ScriptedEvent { at_seconds: *at_seconds, name: (*name).to_owned() })
            .collect(),
    }
}

const HOUR: i64 = 3_600;

#[test]
fn a_purchase_within_the_hour_ends_the_cart_journey_at_the_first_wait() {
    let cart = example("cart-abandonment");
    let buyer =
        customer("c1", json!({"cart_value": 80}), &[(ENTRY_AT, "cart_abandoned"), (ENTRY_AT + HOUR / 2, "purchased")]);
    let path = script_path(&cart, &buyer).unwrap();
    assert_eq!(path, ["cart_abandoned", "await_purchase_1h", "exit_purchased_1h"]);
}

#[test]
fn a_customer_who_never_buys_takes_every_timeout_and_the_phone_check_sees_the_attribute() {
    let cart = example("cart-abandonment");
    let with_phone =
        customer("c1", json!({"cart_value": 80, "phone_number": "+15550100"}), &[(ENTRY_AT, "cart_abandoned")]);
    let steps = script_steps(&cart, &with_phone).unwrap();
    let nodes: Vec<&str> = steps.iter().map(|s| s.node.as_str()).collect();
    assert_eq!(
        nodes,
        [
            "cart_abandoned",
            "await_purchase_1h",
            "reminder_email",
            "await_purchase_24h",
            "phone_check",
            "reminder_sms",
            "await_purchase_48h",
            "create_discount_code",
            "discount_email",
            "tag_discount_sent",
            "await_purchase_final",
            "exit_not_converted",
        ]
    );
    assert_eq!(steps[2].t, ENTRY_AT + HOUR, "the reminder follows the one-hour timeout");
    let without_phone = customer("c1", json!({"cart_value": 80}), &[(ENTRY_AT, "cart_abandoned")]);
    assert!(script_path(&cart, &without_phone).unwrap().contains(&"reminder_push".to_owned()));
}

#[test]
fn an_entry_filter_that_fails_keeps_the_customer_out() {
    let cart = example("cart-abandonment");
    let small_cart = customer("c1", json!({"cart_value": 5}), &[(ENTRY_AT, "cart_abandoned")]);
    assert_eq!(script_path(&cart, &small_cart).unwrap(), Vec::<String>::new());
}

#[test]
fn the_split_follows_the_documented_bucket_of_the_customer_id() {
    let trial = example("trial-to-paid");
    for index in 1..=40 {
        let id = format!("c{index}");
        let path = script_path(&trial, &customer(&id, json!({}), &[(ENTRY_AT, "trial_started")])).unwrap();
        let bucket = crate::split::split_bucket(&id, "trial-to-paid/holdout_split");
        let expected = if bucket < 9_000 { "trial_welcome_email" } else { "holdout_wait" };
        assert_eq!(path[2], expected, "{id} has bucket {bucket}");
    }
}

#[test]
fn a_goal_event_removes_the_customer_while_waiting() {
    let onboarding = example("onboarding");
    let activated = customer("c1", json!({}), &[(ENTRY_AT, "signed_up"), (ENTRY_AT + HOUR, "activated")]);
    assert_eq!(script_path(&onboarding, &activated).unwrap(), ["signup", "welcome_email", "wait_2d"]);
}

#[test]
fn customer_ids_must_be_numbered() {
    let onboarding = example("onboarding");
    let error = script_path(&onboarding, &customer("alice", json!({}), &[])).unwrap_err();
    assert_eq!(error, ScriptError::CustomerId("alice".to_owned()));
}

/// Every connected port the covering customers of `id` take, and those they leave.
fn untaken_ports(id: &str) -> Vec<(String, String)> {
    let document = example(id);
    let mut taken = std::collections::BTreeSet::new();
    for customer in covering_customers(&document) {
        let steps = script_steps(&document, &customer).unwrap();
        taken.extend(cover::ports_taken(&document, &steps));
    }
    document.edges.iter().map(|e| (e.from.clone(), e.port.clone())).filter(|p| !taken.contains(p)).collect()
}

#[test]
fn covering_customers_take_every_port_of_the_examples_a_customer_can_take() {
    let untaken: Vec<String> = examples::documents()
        .iter()
        .flat_map(|d| untaken_ports(&d.id).into_iter().map(|(node, port)| format!("{}: {node}.{port}", d.id)))
        .collect();
    // Scripted customers open nothing, so no case on engagement holds (nor what follows it);
    // and a purchase before the flash sale's check reaches the goal, which removes the customer
    // before the check.
    let expected = [
        "flash-sale: purchase_check.bought",
        "onboarding: engagement_check.clicked_welcome",
        "onboarding: invite_team_in_app.next",
        "onboarding: setup_tips_email.next",
        "onboarding: wait_3d_tips.next",
    ];
    assert_eq!(untaken, expected);
}

#[test]
fn covering_customers_have_distinct_ids_and_events_in_time_order() {
    for document in examples::documents() {
        let customers = covering_customers(&document);
        let ids: std::collections::BTreeSet<&str> = customers.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids.len(), customers.len(), "{}", document.id);
        for customer in &customers {
            assert!(customer.events.is_sorted_by_key(|e| e.at_seconds), "{} {}", document.id, customer.id);
        }
    }
}

#[test]
fn covering_customers_of_the_trial_reach_both_sides_of_the_holdout_split() {
    let trial = example("trial-to-paid");
    let paths: Vec<Vec<String>> = covering_customers(&trial).iter().map(|c| script_path(&trial, c).unwrap()).collect();
    assert!(paths.iter().any(|p| p.contains(&"holdout_wait".to_owned())));
    assert!(paths.iter().any(|p| p.contains(&"exit_converted".to_owned())));
    assert!(paths.iter().any(|p| p.contains(&"exit_expired".to_owned())));
}
