//! `waymark catalog` and the catalog's warnings in `waymark validate`.

mod common;

use common::Sandbox;
use expect_test::expect;

/// A journey whose branch asks about `viewed_pricng`, a typo of the scenarios' `viewed_pricing`.
const TYPO: &str = r#"{
  "format": "waymark.journey/1",
  "id": "pricing",
  "name": "Pricing",
  "nodes": [
    { "id": "start", "label": "Signed up", "kind": "entry", "trigger": { "event": { "name": "signed_up" } } },
    { "id": "check", "label": "Saw pricing?", "kind": "branch",
      "cases": [ { "port": "yes", "when": { "event": "viewed_pricng" } } ] },
    { "id": "done", "kind": "exit" }
  ],
  "edges": [
    { "from": "start", "port": "next", "to": "check" },
    { "from": "check", "port": "yes", "to": "done" },
    { "from": "check", "port": "else", "to": "done" }
  ]
}
"#;

#[test]
fn the_catalog_lists_scenarios_journeys_and_workspace_entries_and_takes_additions() {
    let sandbox = Sandbox::new();
    sandbox.check(
        &["catalog", "add", "attribute", "plan", "--type", "string", "--description", "The price plan"],
        expect![[r#"
            status: 0
            --- stdout
            added the attribute `plan` to the workspace catalog
        "#]],
    );
    let listing = sandbox.run(&["catalog"]);
    assert!(listing.starts_with("status: 0\n--- stdout\n"), "{listing}");
    let wanted = ["kind ", "event      viewed_pricing ", "attribute  plan "];
    let shown: Vec<&str> = listing.lines().filter(|line| wanted.iter().any(|w| line.starts_with(w))).collect();
    expect![[r#"
        kind       name                        type     description     from
        event      viewed_pricing                                       scenarios default, onboarding
        attribute  plan                        string   The price plan  workspace; scenarios default, onboarding"#]]
    .assert_eq(&shown.join("\n"));
    sandbox.check(
        &["catalog", "add", "event", " padded"],
        expect![[r#"
            status: 2
            --- stderr
            error: ` padded`: Remove the spaces before or after the name.
        "#]],
    );
    sandbox.check(
        &["catalog", "remove", "event", "nothing"],
        expect![[r#"
            status: 2
            --- stderr
            error: the workspace catalog has no event `nothing`; `waymark catalog` lists the entries
        "#]],
    );
}

#[test]
fn validate_warns_about_an_unknown_event_with_the_closest_name_when_a_database_exists() {
    let sandbox = Sandbox::new();
    sandbox.write("pricing.journey.json", TYPO);
    // No database yet: the file is checked on its own, and none is created.
    sandbox.check(
        &["validate", "pricing.journey.json"],
        expect![[r#"
            status: 0
            --- stdout
            pricing.journey.json: ok
        "#]],
    );
    assert!(!sandbox.path("waymark.db").exists());
    sandbox.run(&["seed"]);
    sandbox.check(
        &["validate", "pricing.journey.json"],
        expect![[r#"
            status: 0
            --- stdout
            warning[unknown-event]: Branch "Saw pricing?": the case "yes" names the event `viewed_pricng`, which no scenario, other journey or catalog entry knows.
              --> pricing.journey.json: node check
              = hint: Did you mean `viewed_pricing`?
            pricing.journey.json: 0 errors, 1 warning
        "#]],
    );
    sandbox.run(&["catalog", "add", "event", "viewed_pricng"]);
    sandbox.check(
        &["validate", "pricing.journey.json"],
        expect![[r#"
            status: 0
            --- stdout
            pricing.journey.json: ok
        "#]],
    );
}
