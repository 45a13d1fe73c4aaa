//! Benchmark for the quality target "save a new version of a 500-node journey, durable
//! (`synchronous=FULL`, WAL): ≤ 5 ms median", against a file database in a temporary directory.
//!
//! Every iteration changes one node's label, so every save really appends a version: the figure
//! includes canonical serialization, hashing, the insert and the fsync of the WAL at commit.

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};
use waymark_core::JourneyDocument;
use waymark_store::Store;

/// Blocks of wait → message → branch (with an exit on `else`) after the entry and two updates:
/// 1 + 2 + 124 × 4 + 1 final exit = 500 nodes.
const BLOCKS: usize = 124;

fn journey_of_500_nodes() -> JourneyDocument {
    let mut nodes: Vec<Value> = vec![
        json!({"id": "entry", "kind": "entry", "trigger": {"event": {"name": "signed_up"}}}),
        json!({"id": "tag", "kind": "update", "changes": [{"add_tag": "onboarding"}]}),
        json!({"id": "stage", "kind": "update", "changes": [{"lifecycle_stage": "new"}]}),
    ];
    let mut edges: Vec<Value> = vec![
        json!({"from": "entry", "port": "next", "to": "tag"}),
        json!({"from": "tag", "port": "next", "to": "stage"}),
        json!({"from": "stage", "port": "next", "to": "wait0000"}),
    ];
    for block in 0..BLOCKS {
        let (wait, message, branch, exit) = (
            format!("wait{block:04}"),
            format!("message{block:04}"),
            format!("branch{block:04}"),
            format!("exit{block:04}"),
        );
        let next = if block + 1 < BLOCKS { format!("wait{:04}", block + 1) } else { "done".to_owned() };
        nodes.push(json!({"id": wait, "kind": "wait", "delay": {"duration": "P1D"}}));
        nodes.push(json!({
            "id": message, "kind": "message", "label": format!("Day {block} email"), "channel": "email",
            "template": format!("day-{block}"), "content": {"subject": format!("Day {block}"), "body": "Hello {{first_name}}"}
        }));
        nodes.push(json!({
            "id": branch, "kind": "branch",
            "cases": [{"port": "opened", "when": {"message": message, "engaged": "opened"}}]
        }));
        nodes.push(json!({"id": exit, "kind": "exit", "outcome": "disengaged"}));
        edges.push(json!({"from": wait, "port": "next", "to": message}));
        edges.push(json!({"from": message, "port": "next", "to": branch}));
        edges.push(json!({"from": branch, "port": "opened", "to": next}));
        edges.push(json!({"from": branch, "port": "else", "to": exit}));
    }
    nodes.push(json!({"id": "done", "kind": "exit", "outcome": "completed"}));
    let text = json!({
        "format": "waymark.journey/1", "id": "onboarding-long", "name": "Long onboarding",
        "nodes": nodes, "edges": edges
    })
    .to_string();
    let mut document = waymark_core::parse(&text).expect("the generated journey parses");
    // Documents the app edits come from the store, already in canonical order.
    waymark_core::format::canonicalize(&mut document);
    assert_eq!(document.nodes.len(), 500);
    let (_, diagnostics) = waymark_core::validate_document(document.clone());
    let errors: Vec<String> =
        diagnostics.iter().filter(|d| d.severity == waymark_core::Severity::Error).map(|d| d.message.clone()).collect();
    assert!(errors.is_empty(), "the generated journey has validation errors: {errors:?}");
    document
}

fn save_version(c: &mut Criterion) {
    let directory = tempfile::tempdir().unwrap();
    let mut store = Store::open(&directory.path().join("bench.db")).unwrap();
    let mut document = journey_of_500_nodes();
    let mut base = None;
    let mut edits = 0u64;
    c.bench_function("save a new version of a 500-node journey (file, WAL, synchronous=FULL)", |b| {
        b.iter(|| {
            edits += 1;
            document.nodes[250].label = Some(format!("edit {edits}"));
            let saved = store.save_version(&document, base, "bench", "edit").unwrap();
            assert!(saved.created);
            base = Some(saved.version.number);
        })
    });
}

criterion_group!(benches, save_version);
criterion_main!(benches);
