//! Exports of every example journey, refusals, escaping, determinism and the split hash.

use expect_test::{Expect, expect};

use super::*;
use crate::model::JourneyDocument;

fn journey(nodes: &str, edges: &str) -> JourneyDocument {
    let text = format!(r#"{{"format":"waymark.journey/1","id":"j","name":"J","nodes":[{nodes}],"edges":[{edges}]}}"#);
    crate::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn approved() -> Source {
    Source { version: Some(3), status: Some("approved".to_owned()) }
}

/// What one format makes of a journey: its text, or its refusal one reason a line.
fn outcome(document: &JourneyDocument, format: Format) -> String {
    match export(document, format, &approved()) {
        Ok(text) => text,
        Err(refusal) => {
            refusal.reasons.iter().map(|r| format!("refused at {:?} ({:?}): {}\n", r.node, r.code, r.message)).collect()
        }
    }
}

fn check(document: &JourneyDocument, format: Format, expect: Expect) {
    expect.assert_eq(&outcome(document, format));
}

#[test]
fn every_example_exports_to_every_format_or_asl_names_the_node_it_refuses() {
    let mut summary = String::new();
    for document in crate::examples::documents() {
        for format in Format::ALL {
            let line = match export(&document, format, &approved()) {
                Ok(text) => {
                    assert!(text.ends_with('\n'), "{} {format} lacks a final newline", document.id);
                    let named = match format {
                        Format::Plan => text.contains("\"version\": 3,\n    \"status\": \"approved\""),
                        _ => text.contains("version 3 (approved)"),
                    };
                    assert!(named, "{} {format} does not name its source", document.id);
                    "exported".to_owned()
                }
                Err(refusal) => {
                    assert_eq!(format, Format::Asl, "{} refused as {format}: {refusal:?}", document.id);
                    assert!(refusal.reasons.iter().all(|r| r.node.is_some()), "{refusal:?}");
                    format!(
                        "refused: {}",
                        refusal.reasons.iter().map(|r| r.message.as_str()).collect::<Vec<_>>().join(" ")
                    )
                }
            };
            summary.push_str(&format!("{} {format}: {line}\n", document.id));
        }
    }
    expect![[r#"
        b2b-lead-nurture plan: exported
        b2b-lead-nurture bpmn: exported
        b2b-lead-nurture asl: refused: ASL cannot express the loop through “Count nurture touch”, “Nurture digest”, “Lead score?”, “Wait 14 days”, “Webinar invite”: it may repeat without bound, and Step Functions stops a Standard execution after one year and 25,000 events.
        b2b-lead-nurture mermaid: exported
        b2b-lead-nurture dot: exported
        cart-abandonment plan: exported
        cart-abandonment bpmn: exported
        cart-abandonment asl: exported
        cart-abandonment mermaid: exported
        cart-abandonment dot: exported
        credit-card-offer plan: exported
        credit-card-offer bpmn: exported
        credit-card-offer asl: exported
        credit-card-offer mermaid: exported
        credit-card-offer dot: exported
        flash-sale plan: exported
        flash-sale bpmn: exported
        flash-sale asl: exported
        flash-sale mermaid: exported
        flash-sale dot: exported
        onboarding plan: exported
        onboarding bpmn: exported
        onboarding asl: exported
        onboarding mermaid: exported
        onboarding dot: exported
        post-purchase plan: exported
        post-purchase bpmn: exported
        post-purchase asl: exported
        post-purchase mermaid: exported
        post-purchase dot: exported
        trial-to-paid plan: exported
        trial-to-paid bpmn: exported
        trial-to-paid asl: exported
        trial-to-paid mermaid: exported
        trial-to-paid dot: exported
        win-back plan: exported
        win-back bpmn: exported
        win-back asl: exported
        win-back mermaid: exported
        win-back dot: exported
    "#]].assert_eq(&summary);
}

#[test]
fn exports_are_deterministic() {
    for document in crate::examples::documents() {
        for format in Format::ALL {
            assert_eq!(outcome(&document, format), outcome(&document, format), "{} {format}", document.id);
        }
    }
}

#[test]
fn plans_round_trip_through_json() {
    for document in crate::examples::documents() {
        let text = export(&document, Format::Plan, &Source::default()).unwrap();
        let plan: Plan = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", document.id));
        assert_eq!(plan, compile(&document, &Source::default()), "{}", document.id);
        assert_eq!(serde_json::to_string_pretty(&plan).unwrap() + "\n", text);
    }
}

#[test]
fn a_journey_with_errors_is_refused_with_every_error_in_every_format() {
    let document = journey(
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"go"}}},
           {"id":"ask","kind":"branch","cases":[{"port":"yes","when":{"attr":"a","op":"exists"}}]},
           {"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"ask"},{"from":"ask","port":"yes","to":"done"}"#,
    );
    for format in Format::ALL {
        let refusal = export(&document, format, &Source::default()).unwrap_err();
        assert_eq!(refusal.format, format);
        let codes: Vec<_> = refusal.reasons.iter().map(|r| (r.node.as_deref(), r.code.as_deref())).collect();
        assert_eq!(codes, [(Some("ask"), Some("missing-else"))], "{format}");
    }
}

#[test]
fn format_names_parse_back() {
    for format in Format::ALL {
        assert_eq!(Format::parse(format.name()), Some(format));
        assert_eq!(serde_json::to_string(&format).unwrap(), format!("\"{}\"", format.name()));
    }
    assert_eq!(Format::parse("svg"), None);
}

/// A journey whose ids and labels are hostile to every format.
fn awkward() -> JourneyDocument {
    journey(
        r#"{"id":"start","label":"Say \"hi\" [now] <b>&</b> #1 `x` \\ end","kind":"entry","trigger":{"event":{"name":"go"}}},
           {"id":"end","label":"--> end; (done)","kind":"exit"},
           {"id":"odd-id.1","kind":"wait","delay":{"duration":"PT1H"}}"#,
        r#"{"from":"start","port":"next","to":"odd-id.1"},{"from":"odd-id.1","port":"next","to":"end"}"#,
    )
}

#[test]
fn mermaid_quotes_labels_and_prefixes_ids() {
    check(
        &awkward(),
        Format::Mermaid,
        expect![[r#"
        %% Waymark journey j (J), exported from version 3 (approved)
        flowchart TD
            n_start(["Say #quot;hi#quot; [now] #lt;b#gt;#amp;#lt;/b#gt; #35;1 #96;x#96; \ end"])
            n_end(("--#gt; end; (done)"))
            n_odd_2did_2e1[/"odd-id.1"/]
            n_start --> n_odd_2did_2e1
            n_odd_2did_2e1 --> n_end
    "#]],
    );
}

#[test]
fn dot_quotes_labels_and_prefixes_ids() {
    check(
        &awkward(),
        Format::Dot,
        expect![[r#"
        // Waymark journey j (J), exported from version 3 (approved)
        digraph "journey_j" {
            label="J";
            labelloc=t;
            rankdir=TB;
            node [fontname="Helvetica"];
            edge [fontname="Helvetica"];
            "n_start" [label="Say \"hi\" [now] <b>&</b> #1 `x` \\ end", shape=oval];
            "n_end" [label="--> end; (done)", shape=doublecircle];
            "n_odd_2did_2e1" [label="odd-id.1", shape=parallelogram];
            "n_start" -> "n_odd_2did_2e1";
            "n_odd_2did_2e1" -> "n_end";
        }
    "#]],
    );
}

#[test]
fn bpmn_escapes_names_and_prefixes_ids() {
    let text = outcome(&awkward(), Format::Bpmn);
    assert!(
        text.contains(
            r#"<bpmn:startEvent id="n_start" name="Say &quot;hi&quot; [now] &lt;b&gt;&amp;&lt;/b&gt; #1 `x` \ end">"#
        ),
        "{text}"
    );
    assert!(text.contains(r#"<bpmn:endEvent id="n_end" name="--&gt; end; (done)">"#), "{text}");
    assert!(text.contains(r#"id="n_odd_2did_2e1""#), "{text}");
}

#[test]
fn the_plan_spells_out_a_small_journey() {
    let document = journey(
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"signed_up"}}},
           {"id":"ab","kind":"split","paths":[{"port":"a","weight":33.33},{"port":"b","weight":66.67,"holdout":true}]},
           {"id":"ask","kind":"branch","cases":[{"port":"recent","label":"Recent","when":{"event":"login","within":"P2D"}}]},
           {"id":"x","kind":"exit","outcome":"done"},{"id":"y","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"ab"},{"from":"ab","port":"a","to":"ask"},{"from":"ab","port":"b","to":"y"},
           {"from":"ask","port":"recent","to":"x"},{"from":"ask","port":"else","to":"y"}"#,
    );
    check(
        &document,
        Format::Plan,
        expect![[r#"
        {
          "format": "waymark.plan/1",
          "journey": {
            "id": "j",
            "name": "J",
            "description": ""
          },
          "source": {
            "version": 3,
            "status": "approved"
          },
          "entries": [
            "start"
          ],
          "nodes": [
            {
              "id": "start",
              "kind": "entry",
              "trigger": {
                "event": {
                  "name": "signed_up"
                }
              },
              "ports": [
                {
                  "port": "next",
                  "to": "ab"
                }
              ]
            },
            {
              "id": "ab",
              "kind": "split",
              "bucket": {
                "hash": "waymark-split/1",
                "split_id": "j/ab",
                "buckets": 10000
              },
              "paths": [
                {
                  "port": "a",
                  "weight": 33.33,
                  "from": 0,
                  "to": 3333,
                  "holdout": false
                },
                {
                  "port": "b",
                  "weight": 66.67,
                  "from": 3333,
                  "to": 10000,
                  "holdout": true
                }
              ],
              "ports": [
                {
                  "port": "a",
                  "to": "ask"
                },
                {
                  "port": "b",
                  "to": "y"
                }
              ]
            },
            {
              "id": "ask",
              "kind": "branch",
              "match": "first",
              "cases": [
                {
                  "port": "recent",
                  "label": "Recent",
                  "when": {
                    "event": "login",
                    "within": {
                      "seconds": 172800,
                      "iso": "P2D"
                    },
                    "min_count": 1
                  }
                }
              ],
              "else_port": "else",
              "ports": [
                {
                  "port": "recent",
                  "to": "x"
                },
                {
                  "port": "else",
                  "to": "y"
                }
              ]
            },
            {
              "id": "x",
              "kind": "exit",
              "outcome": "done",
              "ports": []
            },
            {
              "id": "y",
              "kind": "exit",
              "ports": []
            }
          ],
          "interrupts": [],
          "reentry": {
            "mode": "never",
            "cooldown": null
          },
          "policies": {
            "frequency_caps": [],
            "quiet_hours": null,
            "min_gap": {
              "same_channel": null,
              "across_channels": null
            },
            "consent_required": [],
            "priority": 0
          },
          "attributes": {}
        }
    "#]],
    );
}

#[test]
fn asl_refuses_a_loop_naming_its_first_node() {
    let document = journey(
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"go"}}},
           {"id":"pause","label":"Pause","kind":"wait","delay":{"duration":"P1D"}},
           {"id":"again","label":"Again?","kind":"branch","cases":[{"port":"yes","when":{"attr":"n","op":"lt","value":3}}]},
           {"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"pause"},{"from":"pause","port":"next","to":"again"},
           {"from":"again","port":"yes","to":"pause"},{"from":"again","port":"else","to":"done"}"#,
    );
    check(
        &document,
        Format::Asl,
        expect![[r#"
        refused at Some("pause") (None): ASL cannot express the loop through “Pause”, “Again?”: it may repeat without bound, and Step Functions stops a Standard execution after one year and 25,000 events.
    "#]],
    );
}

#[test]
fn asl_refuses_waits_longer_than_a_year() {
    let document = journey(
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"go"}}},
           {"id":"long","label":"Long wait","kind":"wait","delay":{"duration":"P200D"}},
           {"id":"longer","label":"Longer wait","kind":"wait","delay":{"duration":"P200D"}},
           {"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"long"},{"from":"long","port":"next","to":"longer"},
           {"from":"longer","port":"next","to":"done"}"#,
    );
    check(
        &document,
        Format::Asl,
        expect![[r#"
        refused at Some("long") (None): From “Long wait” on, the waits of one path add up to 400 days; Step Functions stops a Standard execution after one year.
    "#]],
    );
}

#[test]
fn asl_copies_parallel_paths_that_meet_into_each_branch() {
    let document = journey(
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"go"}}},
           {"id":"both","kind":"parallel","paths":[{"port":"a"},{"port":"b"}]},
           {"id":"pause","kind":"wait","delay":{"duration":"PT1H"}},
           {"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"both"},{"from":"both","port":"a","to":"pause"},
           {"from":"both","port":"b","to":"done"},{"from":"pause","port":"next","to":"done"}"#,
    );
    check(
        &document,
        Format::Asl,
        expect![[r#"
        {
          "Comment": "Waymark journey j (J), exported from version 3 (approved). Input: customerId, queueUrl, splitBuckets.",
          "StartAt": "start",
          "States": {
            "both": {
              "Branches": [
                {
                  "StartAt": "pause",
                  "States": {
                    "done": {
                      "Comment": "done",
                      "Type": "Succeed"
                    },
                    "pause": {
                      "Comment": "pause",
                      "Next": "done",
                      "Seconds": 3600,
                      "Type": "Wait"
                    }
                  }
                },
                {
                  "StartAt": "done#2",
                  "States": {
                    "done#2": {
                      "Comment": "done",
                      "Type": "Succeed"
                    }
                  }
                }
              ],
              "Comment": "both",
              "End": true,
              "ResultPath": null,
              "Type": "Parallel"
            },
            "start": {
              "Comment": "start",
              "Next": "both",
              "Type": "Pass"
            }
          }
        }
    "#]],
    );
}

#[test]
fn split_buckets_agree_with_the_simulator() {
    let document = crate::examples::documents().into_iter().find(|d| d.id == "trial-to-paid").unwrap();
    let plan = compile(&document, &Source::default());
    let split = plan.node("holdout_split").unwrap();
    let plan::Step::Split { bucket, paths } = &split.step else { panic!("not a split") };
    let scenario = crate::examples::scenarios().into_iter().next().unwrap().1;
    let mut scenario = scenario;
    scenario.customers = 400;
    scenario.sample_traces = 400;
    let report = crate::simulate::simulate(
        std::slice::from_ref(&document),
        &scenario,
        &crate::simulate::Options { threads: 1, ..Default::default() },
    );
    let mut checked = 0;
    for trace in &report.traces {
        for step in trace.steps.iter().filter(|s| s.node.as_deref() == Some("holdout_split")) {
            let value = crate::split::split_bucket(&trace.customer, &bucket.split_id);
            let path = paths.iter().find(|p| p.from <= value && value < p.to).unwrap();
            assert_eq!(step.port.as_deref(), Some(path.port.as_str()), "{} has bucket {value}", trace.customer);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} customers reached the split");
}

/// Every kind and every option a runtime format has to map, in one valid journey.
fn everything() -> JourneyDocument {
    let text = r#"{"format":"waymark.journey/1","id":"everything","name":"Every \"kind\" <of> step",
      "settings":{
        "goals":[{"id":"bought","condition":{"event":"purchased"},"within":"P7D","exit":true},
                 {"id":"opened","condition":{"message":"mail","engaged":"opened"}}],
        "exit_criteria":[{"id":"gone","condition":{"attr":"tier","op":"eq","value":"closed"}}],
        "policies":{"frequency_caps":[{"channel":"email","max":2,"window":"P7D"}],
                    "quiet_hours":{"start":"21:00","end":"08:00","action":"defer"},
                    "min_gap":{"same_channel":"P1D"},"consent_required":["email"],"priority":5},
        "attributes":{"tier":"string","score":"number","birthday":"date","tags":"list"}},
      "nodes":[
        {"id":"by_event","label":"Signed up","kind":"entry","trigger":{"event":{"name":"signed_up","filter":{"attr":"score","op":"gt","value":1}}}},
        {"id":"by_date","label":"Birthday","kind":"entry","trigger":{"date_attribute":{"attr":"birthday","offset":"-P1D","time":"09:00"}}},
        {"id":"morning","label":"Next morning","kind":"wait","delay":{"until_time":{"time":"09:00","weekdays":["mon","tue"]}}},
        {"id":"before_birthday","label":"Before birthday","kind":"wait","delay":{"until_date":{"attr":"birthday","offset":"-P2D"}}},
        {"id":"ask","label":"Which tier?","kind":"branch","cases":[
          {"port":"pro","label":"Pro & up","when":{"all":[{"attr":"tier","op":"in","value":["pro","max"]},{"attr":"score","op":"gte","value":2.5}]}},
          {"port":"named","when":{"any":[{"attr":"tier","op":"contains","value":"a*b"},{"not":{"attr":"score","op":"exists"}}]}},
          {"port":"recent","when":{"event":"login","within":"PT12H","min_count":3}}]},
        {"id":"ab","label":"A/B","kind":"split","paths":[{"port":"a","weight":33.33},{"port":"b","weight":33.33},{"port":"c","weight":33.34,"holdout":true}]},
        {"id":"fan","label":"Fan out","kind":"parallel","paths":[{"port":"left","label":"Left"},{"port":"right"}]},
        {"id":"inner","label":"Inner fan","kind":"parallel","paths":[{"port":"x"},{"port":"y"}]},
        {"id":"mail","label":"Mail","kind":"message","channel":"email","template":"tpl_mail"},
        {"id":"hook","label":"Hook","kind":"message","channel":"webhook","category":"transactional","url":"https://example.com/h","content":{"body":"{\"a\": 1}"}},
        {"id":"tag","label":"Tag","kind":"update","changes":[{"add_tag":"seen"},{"set":{"attr":"score","value":3}}]},
        {"id":"listen","label":"Clicked or bought?","kind":"wait_for_event","events":[
          {"port":"bought","event":"purchased","filter":{"attr":"total","op":"gte","value":10}},
          {"port":"clicked","event":"clicked"}],"timeout":"PT6H"},
        {"id":"end","label":"Done","kind":"exit","outcome":"done"},
        {"id":"other","kind":"exit"}],
      "edges":[
        {"from":"by_event","port":"next","to":"morning"},{"from":"by_date","port":"next","to":"before_birthday"},
        {"from":"morning","port":"next","to":"ask"},{"from":"before_birthday","port":"next","to":"ask"},
        {"from":"ask","port":"pro","to":"ab"},{"from":"ask","port":"named","to":"fan"},{"from":"ask","port":"recent","to":"end"},
        {"from":"ask","port":"else","to":"other"},
        {"from":"ab","port":"a","to":"mail"},{"from":"ab","port":"b","to":"fan"},{"from":"ab","port":"c","to":"other"},
        {"from":"fan","port":"left","to":"inner"},{"from":"fan","port":"right","to":"tag"},
        {"from":"inner","port":"x","to":"mail"},{"from":"inner","port":"y","to":"tag"},
        {"from":"mail","port":"next","to":"listen"},{"from":"tag","port":"next","to":"hook"},{"from":"hook","port":"next","to":"end"},
        {"from":"listen","port":"bought","to":"end"},{"from":"listen","port":"clicked","to":"other"},{"from":"listen","port":"timeout","to":"end"}]}"#;
    crate::parse(text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_journey_with_every_kind_exports_to_every_format() {
    let document = everything();
    let (_, diagnostics) = crate::validate::validate_document(document.clone());
    assert!(!crate::has_errors(&diagnostics), "{diagnostics:#?}");
    for format in Format::ALL {
        let outcome = outcome(&document, format);
        assert!(!outcome.starts_with("refused"), "{format}: {outcome}");
    }
}

#[test]
fn odd_attribute_names_map_to_plain_variables_in_bpmn_and_are_refused_by_asl() {
    let document = journey(
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"go"}}},
           {"id":"ask","label":"Tier?","kind":"branch","cases":[{"port":"pro","when":{"attr":"plan.tier","op":"eq","value":"pro"}}]},
           {"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"ask"},{"from":"ask","port":"pro","to":"done"},{"from":"ask","port":"else","to":"done"}"#,
    );
    let bpmn = outcome(&document, Format::Bpmn);
    assert!(bpmn.contains(">=((plan_tier = \"pro\") = true)</bpmn:conditionExpression>"), "{bpmn}");
    check(
        &document,
        Format::Asl,
        expect![[r#"
        refused at Some("ask") (None): The case `pro` of “Tier?” cannot be a Choice rule: a JSON path cannot name the attribute `plan.tier`.
    "#]],
    );
}

#[test]
fn attributes_that_would_share_a_process_variable_are_refused_by_bpmn() {
    let document = journey(
        r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"go"}}},
           {"id":"ask","kind":"branch","cases":[{"port":"a","when":{"all":[{"attr":"a.b","op":"exists"},{"attr":"a-b","op":"exists"}]}},
                                                {"port":"b","when":{"attr":"events","op":"exists"}}]},
           {"id":"done","kind":"exit"}"#,
        r#"{"from":"start","port":"next","to":"ask"},{"from":"ask","port":"a","to":"done"},{"from":"ask","port":"b","to":"done"},
           {"from":"ask","port":"else","to":"done"}"#,
    );
    check(
        &document,
        Format::Bpmn,
        expect![[r#"
            refused at Some("ask") (None): BPMN cannot express this journey: the attributes `a-b` and `a.b` would both be held in the process variable `a_b`; rename one of them.
            refused at Some("ask") (None): BPMN cannot express this journey: the attribute `events` would be held in `events`, a variable the export reserves; rename it.
        "#]],
    );
}

#[test]
fn a_large_journey_exports_in_linear_time_on_a_small_stack() {
    let document = crate::generate::journey(20_000);
    let thread = std::thread::Builder::new().stack_size(256 * 1024).spawn(move || {
        let started = std::time::Instant::now();
        for format in Format::ALL {
            let _ = export(&document, format, &Source::default());
        }
        started.elapsed()
    });
    let elapsed = thread.unwrap().join().unwrap();
    assert!(elapsed < std::time::Duration::from_secs(20), "took {elapsed:?}");
}

#[test]
fn asl_refuses_parallel_steps_nested_too_deep() {
    let depth = 40;
    let mut nodes = vec![r#"{"id":"start","kind":"entry","trigger":{"event":{"name":"go"}}}"#.to_owned()];
    let mut edges = vec![r#"{"from":"start","port":"next","to":"p0"}"#.to_owned()];
    for i in 0..depth {
        nodes.push(format!(r#"{{"id":"p{i}","kind":"parallel","paths":[{{"port":"on"}},{{"port":"off"}}]}}"#));
        let next = if i + 1 == depth { "done".to_owned() } else { format!("p{}", i + 1) };
        edges
            .push(format!(r#"{{"from":"p{i}","port":"on","to":"{next}"}},{{"from":"p{i}","port":"off","to":"done"}}"#));
    }
    nodes.push(r#"{"id":"done","kind":"exit"}"#.to_owned());
    let document = journey(&nodes.join(","), &edges.join(","));
    check(
        &document,
        Format::Asl,
        expect![[r#"
        refused at Some("p32") (None): “p32” is nested more than 32 parallel steps deep, which is more than Waymark writes as Parallel states.
    "#]],
    );
}

/// The ids of an example's message steps.
fn message_ids(document: &JourneyDocument) -> Vec<String> {
    let mut ids: Vec<String> =
        document.nodes.iter().filter(|n| n.kind.kind() == crate::Kind::Message).map(|n| n.id.clone()).collect();
    ids.sort();
    ids
}

/// Every message task of every example carries the policies its worker must enforce (caps,
/// quiet hours, gaps, consent, priority): BPMN as task headers, ASL in the message body.
#[test]
fn every_message_carries_the_policies_its_worker_enforces() {
    const HEADERS: [&str; 5] = ["consentRequired", "quietHours", "frequencyCaps", "minGap", "priority"];
    const ENFORCE: [&str; 5] = ["consent", "quiet_hours", "frequency_caps", "min_gap", "priority"];
    let mut enforced_somewhere = false;
    for document in crate::examples::documents() {
        let messages = message_ids(&document);
        let bpmn = export(&document, Format::Bpmn, &approved()).unwrap();
        for id in &messages {
            let start = bpmn.find(&format!("<zeebe:header key=\"nodeId\" value=\"{id}\" />")).unwrap();
            let task = &bpmn[start..start + bpmn[start..].find("</zeebe:taskHeaders>").unwrap()];
            for header in HEADERS {
                assert!(task.contains(&format!("key=\"{header}\"")), "{}: {id} has no {header} header", document.id);
            }
        }
        let Ok(asl) = export(&document, Format::Asl, &approved()) else { continue };
        let machine: serde_json::Value = serde_json::from_str(&asl).unwrap();
        let mut seen = Vec::new();
        collect_message_bodies(&machine, &mut |body| {
            for key in ENFORCE {
                assert!(body["enforce"].get(key).is_some(), "{}: {} has no {key}", document.id, body["node"]);
            }
            enforced_somewhere |= body["enforce"]["consent"] == true && !body["enforce"]["quiet_hours"].is_null();
            seen.push(body["node"].as_str().unwrap().to_owned());
        });
        seen.sort();
        seen.dedup();
        assert_eq!(seen, messages, "{}: every message step is a task", document.id);
    }
    assert!(enforced_somewhere, "some example's message needs consent within quiet hours");
}

/// Calls `found` with the message body of every ASL task that sends a message, in nested
/// branches too.
fn collect_message_bodies(value: &serde_json::Value, found: &mut impl FnMut(&serde_json::Value)) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(body) = map.get("Parameters").and_then(|p| p.get("MessageBody"))
                && body["kind"] == "message"
            {
                found(body);
            }
            map.values().for_each(|v| collect_message_bodies(v, found));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_message_bodies(v, found)),
        _ => {}
    }
}
