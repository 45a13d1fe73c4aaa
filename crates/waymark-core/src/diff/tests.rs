//! One small journey edited one way per test, and the diff read back as its statuses and
//! sentences. The corpus in `journeys/diff/` covers the full JSON form.

use expect_test::{Expect, expect};
use serde_json::{Value, json};

use super::*;
use crate::parse;

fn base() -> Value {
    json!({
        "format": "waymark.journey/1",
        "id": "welcome",
        "name": "Welcome",
        "settings": {
            "goals": [{ "id": "activated", "condition": { "event": "activated" }, "within": "P7D" }],
            "policies": {
                "frequency_caps": [{ "channel": "email", "max": 2, "window": "P7D" }],
                "consent_required": ["email"]
            }
        },
        "nodes": [
            { "id": "start", "kind": "entry", "trigger": { "event": { "name": "signed_up" } } },
            { "id": "hello", "kind": "message", "label": "Welcome email", "channel": "email", "template": "tpl_welcome" },
            { "id": "pause", "kind": "wait", "label": "Wait 2 days", "delay": { "duration": "P2D" } },
            { "id": "check", "kind": "branch", "label": "Viewed pricing?", "cases": [
                { "port": "viewed", "when": { "event": "viewed_pricing", "within": "P2D" } },
                { "port": "pro", "when": { "attr": "plan", "op": "eq", "value": "pro" } }
            ] },
            { "id": "nudge", "kind": "message", "label": "Reminder email", "channel": "email", "template": "tpl_nudge" },
            { "id": "done", "kind": "exit", "label": "Exit" }
        ],
        "edges": [
            { "from": "start", "port": "next", "to": "hello" },
            { "from": "hello", "port": "next", "to": "pause" },
            { "from": "pause", "port": "next", "to": "check" },
            { "from": "check", "port": "viewed", "to": "done" },
            { "from": "check", "port": "pro", "to": "done" },
            { "from": "check", "port": "else", "to": "done" },
            { "from": "nudge", "port": "next", "to": "done" }
        ],
        "layout": { "nodes": { "start": { "x": 0, "y": 0 }, "pause": { "x": 200, "y": 0 } } }
    })
}

fn node<'a>(journey: &'a mut Value, id: &str) -> &'a mut Value {
    journey["nodes"].as_array_mut().unwrap().iter_mut().find(|n| n["id"] == id).unwrap()
}

fn edge<'a>(journey: &'a mut Value, from: &str, port: &str) -> &'a mut Value {
    journey["edges"].as_array_mut().unwrap().iter_mut().find(|e| e["from"] == from && e["port"] == port).unwrap()
}

/// Diffs `base()` against `base()` edited by `edit`, as statuses then sentences.
fn check(edit: impl FnOnce(&mut Value), expect: Expect) {
    let old = parse(&base().to_string()).unwrap();
    let mut new = base();
    edit(&mut new);
    let new = parse(&new.to_string()).unwrap();
    let diff = diff(&old, &new);
    let mut lines = Vec::new();
    for node in &diff.nodes {
        let fields: Vec<String> = node.fields.iter().map(|f| format!("{} {} -> {}", f.path, f.old, f.new)).collect();
        lines.push(format!("node {} {:?} {:?} [{}]", node.id, node.change, node.impact, fields.join("; ")));
    }
    for edge in &diff.edges {
        lines
            .push(format!("edge {}.{} {:?} {:?} -> {:?}", edge.from, edge.port, edge.change, edge.old_to, edge.new_to));
    }
    for setting in &diff.settings {
        lines.push(format!("setting {:?} {} {} -> {}", setting.section, setting.path, setting.old, setting.new));
    }
    lines.push(format!("behavioural: {}", diff.behavioural));
    for sentence in &diff.sentences {
        lines.push(format!("{:?}: {}", sentence.impact, sentence.text));
    }
    expect.assert_eq(&(lines.join("\n") + "\n"));
}

#[test]
fn the_same_document_has_no_changes() {
    check(
        |_| {},
        expect![[r#"
            behavioural: false
        "#]],
    );
}

#[test]
fn a_longer_wait_and_an_equal_duration_written_otherwise() {
    check(
        |j| {
            node(j, "pause")["delay"]["duration"] = json!("P3D");
            j["settings"]["goals"][0]["within"] = json!("PT168H");
        },
        expect![[r#"
            node pause Changed Behavioural [delay.duration "P2D" -> "P3D"]
            behavioural: true
            Behavioural: Wait "Wait 2 days": 2 days → 3 days
        "#]],
    );
}

#[test]
fn a_rewired_port_names_both_targets_by_label() {
    check(
        |j| edge(j, "check", "else")["to"] = json!("nudge"),
        expect![[r#"
            edge check.else Rewired Some("done") -> Some("nudge")
            behavioural: true
            Behavioural: "Viewed pricing?" else now goes to "Reminder email" (was "Exit")
        "#]],
    );
}

#[test]
fn reordered_cases_are_a_change_and_a_renamed_step_is_cosmetic() {
    check(
        |j| {
            let check = node(j, "check");
            let cases = check["cases"].as_array_mut().unwrap();
            cases.swap(0, 1);
            node(j, "hello")["label"] = json!("Hello email");
        },
        expect![[r#"
            node check Changed Behavioural [cases.order ["viewed","pro"] -> ["pro","viewed"]]
            node hello Changed Cosmetic [label "Welcome email" -> "Hello email"]
            behavioural: true
            Behavioural: Branch "Viewed pricing?": cases now in order pro, viewed (was viewed, pro)
            Cosmetic: Message "Welcome email" renamed to "Hello email"
        "#]],
    );
}

#[test]
fn a_port_moved_to_another_case_and_a_case_added() {
    check(
        |j| {
            node(j, "check")["cases"]
                .as_array_mut()
                .unwrap()
                .push(json!({ "port": "team", "when": { "attr": "seats", "op": "gte", "value": 5 } }));
            let edges = j["edges"].as_array_mut().unwrap();
            edges.retain(|e| !(e["from"] == "check" && e["port"] == "pro"));
            edges.push(json!({ "from": "check", "port": "team", "to": "nudge" }));
        },
        expect![[r#"
            node check Changed Behavioural [cases[team] null -> {"port":"team","when":{"attr":"seats","op":"gte","value":5}}]
            edge check.pro Removed Some("done") -> None
            edge check.team Added None -> Some("nudge")
            behavioural: true
            Behavioural: Branch "Viewed pricing?": case "team" added: when seats ≥ 5
            Behavioural: "Viewed pricing?" pro is no longer connected (was "Exit")
            Behavioural: "Viewed pricing?" team now goes to "Reminder email" (was not connected)
        "#]],
    );
}

#[test]
fn added_removed_retyped_and_moved_steps() {
    check(
        |j| {
            let nodes = j["nodes"].as_array_mut().unwrap();
            nodes.retain(|n| n["id"] != "nudge");
            nodes.push(json!({ "id": "sms", "kind": "message", "label": "Text them", "channel": "sms", "content": { "body": "Hi!" } }));
            *node(j, "pause") = json!({ "id": "pause", "kind": "wait_for_event", "label": "Wait 2 days", "events": [{ "port": "bought", "event": "purchased" }], "timeout": "P2D" });
            j["layout"]["nodes"]["start"] = json!({ "x": 10, "y": 0 });
        },
        expect![[r#"
            node nudge Removed Behavioural []
            node pause Retyped Behavioural [kind "wait" -> "wait_for_event"]
            node sms Added Behavioural []
            node start LayoutOnly Cosmetic [position {"x":0.0,"y":0.0} -> {"x":10.0,"y":0.0}]
            behavioural: true
            Behavioural: Removed Message "Reminder email": Email, marketing, template "tpl_nudge"
            Behavioural: "Wait 2 days" is now a Wait for event (was a Wait): bought: event "purchased"; timeout after 2 days
            Behavioural: Added Message "Text them": SMS, marketing, text "Hi!"
            Cosmetic: 1 step moved on the canvas
        "#]],
    );
}

#[test]
fn journey_settings_by_section() {
    check(
        |j| {
            j["name"] = json!("Welcome series");
            j["settings"]["reentry"] = json!({ "mode": "after_exit", "cooldown": "P30D" });
            j["settings"]["policies"]["frequency_caps"] = json!([{ "channel": "email", "max": 3, "window": "P1W" }]);
            j["settings"]["policies"]["consent_required"] = json!(["email", "sms"]);
            j["settings"]["policies"]["quiet_hours"] = json!({ "start": "21:00", "end": "08:00", "action": "defer" });
            j["settings"]["exit_criteria"] =
                json!([{ "id": "unsubscribed", "condition": { "event": "unsubscribed" } }]);
        },
        expect![[r#"
            setting Metadata name "Welcome" -> "Welcome series"
            setting Reentry settings.reentry.cooldown null -> "P30D"
            setting Reentry settings.reentry.mode "never" -> "after_exit"
            setting ExitCriteria settings.exit_criteria[unsubscribed] null -> {"condition":{"event":"unsubscribed"},"id":"unsubscribed"}
            setting FrequencyCaps settings.policies.frequency_caps[email per 7 days].max 2 -> 3
            setting QuietHours settings.policies.quiet_hours null -> {"action":"defer","end":"08:00","start":"21:00"}
            setting Consent settings.policies.consent_required ["email"] -> ["email","sms"]
            behavioural: true
            Behavioural: Re-entry cooldown: none → 30 days
            Behavioural: Re-entry: never → after exit
            Behavioural: Exit criterion "unsubscribed" added: did unsubscribed
            Behavioural: Frequency cap "email per 7 days" max: 2 → 3
            Behavioural: Quiet hours: none → 21:00 to 08:00 on all channels, defer
            Behavioural: Consent required on: Email → Email, SMS
            Cosmetic: Journey name: "Welcome" → "Welcome series"
        "#]],
    );
}

#[test]
fn the_outline_reads_settings_then_steps_in_the_order_customers_meet_them() {
    let journey = parse(&base().to_string()).unwrap();
    expect![[r#"
        Journey "Welcome" (welcome)
        Re-entry: never
        Goal "activated": did activated within 7 days
        Frequency cap: at most 2 Email messages per 7 days
        Consent required on: Email
        Entry "start": on event "signed_up"
          → "Welcome email"
        Message "Welcome email": Email, marketing, template "tpl_welcome"
          → "Wait 2 days"
        Wait "Wait 2 days": 2 days
          → "Viewed pricing?"
        Branch "Viewed pricing?": viewed: did viewed_pricing in the last 2 days; pro: plan is "pro"; otherwise else
          viewed → "Exit"
          pro → "Exit"
          else → "Exit"
        Exit "Exit"
        Message "Reminder email": Email, marketing, template "tpl_nudge"
          → "Exit"
    "#]]
    .assert_eq(&(outline(&journey).join("\n") + "\n"));
}
