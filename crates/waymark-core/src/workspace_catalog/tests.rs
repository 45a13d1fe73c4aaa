use super::*;
use crate::model::AttributeType;

fn journey(id: &str, nodes: serde_json::Value, settings: serde_json::Value) -> JourneyDocument {
    serde_json::from_value(serde_json::json!({
        "format": "waymark.journey/1", "id": id, "name": id.to_uppercase(), "nodes": nodes, "settings": settings
    }))
    .unwrap()
}

fn scenario(events: &[&str], attributes: serde_json::Value) -> Scenario {
    let events: Vec<_> = events.iter().map(|name| serde_json::json!({ "name": name, "rate_per_day": 0.1 })).collect();
    serde_json::from_value(serde_json::json!({
        "format": "waymark.scenario/1", "start": "2026-01-01", "events": events, "attributes": attributes
    }))
    .unwrap()
}

fn entry(event: &str) -> serde_json::Value {
    serde_json::json!({ "id": "start", "label": "Signed up", "kind": "entry", "trigger": { "event": { "name": event } } })
}

fn branch(attr: &str) -> serde_json::Value {
    serde_json::json!({ "id": "b", "label": "Plan?", "kind": "branch",
        "cases": [{ "port": "pro", "label": "Pro", "when": { "attr": attr, "op": "eq", "value": "pro" } }] })
}

fn workspace(kind: EntryKind, name: &str, description: &str) -> WorkspaceEntry {
    WorkspaceEntry { kind, name: name.to_owned(), attribute_type: None, description: description.to_owned() }
}

#[test]
fn the_catalog_merges_workspace_scenarios_and_journeys_with_their_sources() {
    let entries = [WorkspaceEntry {
        attribute_type: Some(AttributeType::String),
        ..workspace(EntryKind::Attribute, "plan", "The customer's price plan")
    }];
    let scenarios = [(
        "onboarding".to_owned(),
        scenario(
            &["signed_up"],
            serde_json::json!({
                "plan": { "categorical": { "values": { "pro": 1 } } },
                "age": { "number": { "min": 18, "max": 90 } }
            }),
        ),
    )];
    let journeys = [journey(
        "welcome",
        serde_json::json!([entry("signed_up"), branch("plan")]),
        serde_json::json!({
            "attributes": { "score": "number" }
        }),
    )];
    let catalog = workspace_catalog(&entries, &scenarios, &journeys);
    let summary: Vec<String> = catalog
        .entries
        .iter()
        .map(|e| {
            let sources: Vec<String> = e
                .sources
                .iter()
                .map(|s| match s {
                    EntrySource::Workspace => "workspace".to_owned(),
                    EntrySource::Scenario { scenario } => format!("scenario {scenario}"),
                    EntrySource::Journey { journey, name } => format!("journey {journey} ({name})"),
                })
                .collect();
            format!("{:?} {} {:?} '{}' <- {}", e.kind, e.name, e.attribute_type, e.description, sources.join(", "))
        })
        .collect();
    assert_eq!(
        summary,
        [
            "Event signed_up None '' <- scenario onboarding, journey welcome (WELCOME)",
            "Attribute age Some(Number) '' <- scenario onboarding",
            "Attribute plan Some(String) 'The customer's price plan' <- workspace, scenario onboarding, journey welcome (WELCOME)",
            "Attribute score Some(Number) '' <- journey welcome (WELCOME)",
        ]
    );
}

#[test]
fn names_must_be_present_trimmed_and_printable() {
    assert_eq!(name_problem("viewed_pricing"), None);
    assert_eq!(name_problem("Viewed Pricing"), None, "spaces inside a name are allowed");
    assert_eq!(name_problem("").unwrap(), "Give it a name.");
    assert_eq!(name_problem(" plan").unwrap(), "Remove the spaces before or after the name.");
    assert!(name_problem("a\nb").unwrap().contains("line breaks"));
    assert!(name_problem(&"x".repeat(101)).unwrap().contains("at most 100"));
    let typed_event =
        WorkspaceEntry { attribute_type: Some(AttributeType::Number), ..workspace(EntryKind::Event, "e", "") };
    assert_eq!(entry_problem(&typed_event).unwrap(), "`e`: events have no type; only attributes do.");
}

#[test]
fn the_closest_name_is_a_likely_typo_or_nothing() {
    let known = ["viewed_pricing", "purchased", "signed_up"];
    assert_eq!(closest("viewed_pricng", known.into_iter()), Some("viewed_pricing"));
    assert_eq!(closest("Signed_Up", known.into_iter()), Some("signed_up"), "case is ignored");
    assert_eq!(closest("puchrased", known.into_iter()), Some("purchased"), "a swap and a drop");
    assert_eq!(closest("opened_app", known.into_iter()), None, "nothing close");
    assert_eq!(closest(&"x".repeat(5000), known.into_iter()), None, "long names are not compared");
}

#[test]
fn an_unknown_event_is_a_warning_naming_the_step_with_the_closest_known_name() {
    let scenarios = [("default".to_owned(), scenario(&["viewed_pricing"], serde_json::json!({})))];
    let typo = journey("trial", serde_json::json!([entry("viewed_pricng")]), serde_json::json!({}));
    let catalog = workspace_catalog(&[], &scenarios, std::slice::from_ref(&typo));
    let diagnostics = check_names(&typo, &catalog);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let warning = &diagnostics[0];
    assert_eq!((warning.code, warning.severity), (Code::UnknownEvent, crate::Severity::Warning));
    assert_eq!(
        warning.message,
        "Entry \"Signed up\": the entry trigger names the event `viewed_pricng`, which no scenario, other journey or catalog entry knows."
    );
    assert_eq!(warning.hint, "Did you mean `viewed_pricing`?");
    assert_eq!(warning.node.as_deref(), Some("start"));
}

#[test]
fn a_name_known_from_another_journey_or_the_workspace_is_not_reported() {
    let first = journey("a", serde_json::json!([entry("trial_started"), branch("seats")]), serde_json::json!({}));
    let second = journey("b", serde_json::json!([entry("trial_started")]), serde_json::json!({}));
    let alone = workspace_catalog(&[], &[], std::slice::from_ref(&first));
    let codes: Vec<Code> = check_names(&first, &alone).iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::UnknownEvent, Code::UnknownAttribute], "a journey does not vouch for itself");
    let together = workspace_catalog(&[workspace(EntryKind::Attribute, "seats", "")], &[], &[first.clone(), second]);
    assert_eq!(check_names(&first, &together), []);
}

#[test]
fn attributes_a_journey_declares_or_writes_are_known_to_it() {
    let document = journey(
        "nurture",
        serde_json::json!([
            branch("lead_status"),
            { "id": "u", "kind": "update", "changes": [{ "set": { "attr": "lead_status", "value": "mql" } }] },
            { "id": "c", "kind": "branch", "cases": [{ "port": "hot", "when": { "attr": "score", "op": "gt", "value": 5 } }] }
        ]),
        serde_json::json!({ "attributes": { "score": "number" } }),
    );
    assert_eq!(check_names(&document, &WorkspaceCatalog::default()), []);
}

#[test]
fn goals_and_exit_criteria_are_checked_and_located_in_the_settings() {
    let document = journey(
        "j",
        serde_json::json!([]),
        serde_json::json!({ "goals": [{ "id": "bought", "condition": { "event": "purchsed" } }] }),
    );
    let catalog = workspace_catalog(&[workspace(EntryKind::Event, "purchased", "")], &[], &[]);
    let diagnostics = check_names(&document, &catalog);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].path.as_deref(), Some("settings"));
    assert!(diagnostics[0].message.starts_with("The journey: the goal \"bought\" names the event `purchsed`"));
    assert_eq!(diagnostics[0].hint, "Did you mean `purchased`?");
}

#[test]
fn every_example_journey_is_known_to_the_example_catalog() {
    let journeys = crate::examples::documents();
    let catalog = workspace_catalog(&[], &crate::examples::scenarios(), &journeys);
    for document in &journeys {
        assert_eq!(check_names(document, &catalog), [], "{}", document.id);
    }
}
