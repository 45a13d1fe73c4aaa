//! Journeys far longer than anyone draws: validating, diffing and simulating them walks the graph
//! without recursion, so they finish on a thread with a small stack instead of overflowing it.

use waymark_core::model::{Delay, Edge, FORMAT, JourneyDocument, Node, NodeKind, Trigger};
use waymark_core::simulate::{self, Options, parse_scenario};
use waymark_core::{Condition, has_errors, validate_document};

/// Smaller than any thread the app or the CLI runs the core on.
const SMALL_STACK: usize = 256 * 1024;

/// Runs `test` on a thread with a 256 KiB stack; an overflow aborts the whole test binary.
fn on_a_small_stack(test: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(SMALL_STACK).spawn(test).unwrap().join().unwrap();
}

/// A valid chain of `steps` nodes: an entry everyone takes, one-second waits, and an exit.
fn chain(steps: usize) -> JourneyDocument {
    assert!(steps >= 3);
    let id = |i: usize| format!("n{i}");
    let wait = || NodeKind::Wait { delay: Delay::Duration("PT1S".parse().unwrap()) };
    let everyone: Condition = serde_json::from_str(r#"{"attr":"nothing","op":"not_exists"}"#).unwrap();
    let mut nodes = Vec::with_capacity(steps);
    nodes.push(Node {
        id: id(0),
        label: None,
        stage: None,
        kind: NodeKind::Entry { trigger: Trigger::Segment { condition: everyone } },
    });
    nodes.extend((1..steps - 1).map(|i| Node { id: id(i), label: None, stage: None, kind: wait() }));
    nodes.push(Node { id: id(steps - 1), label: None, stage: None, kind: NodeKind::Exit { outcome: None } });
    let edges = (1..steps).map(|i| Edge { from: id(i - 1), port: "next".to_owned(), to: id(i) }).collect();
    JourneyDocument {
        format: FORMAT.to_owned(),
        id: "long-chain".to_owned(),
        name: "Long chain".to_owned(),
        description: String::new(),
        settings: Default::default(),
        nodes,
        edges,
        layout: Default::default(),
    }
}

#[test]
fn a_million_step_chain_validates_on_a_small_stack() {
    on_a_small_stack(|| {
        let (journey, diagnostics) = validate_document(chain(1_000_000));
        assert!(!has_errors(&diagnostics), "{diagnostics:#?}");
        assert_eq!(journey.document().nodes.len(), 1_000_000);
    });
}

#[test]
fn a_million_step_chain_diffs_on_a_small_stack() {
    on_a_small_stack(|| {
        let old = chain(1_000_000);
        let mut new = old.clone();
        new.nodes[500_000].label = Some("Halfway".to_owned());
        let diff = waymark_core::diff(&old, &new);
        assert!(!diff.is_empty());
    });
}

#[test]
fn a_long_chain_simulates_on_a_small_stack() {
    on_a_small_stack(|| {
        let steps = 100_000;
        let scenario = parse_scenario(
            r#"{"format":"waymark.scenario/1","start":"2026-12-01","customers":5,"days":3,"sample_traces":0}"#,
        )
        .unwrap();
        let report = simulate::simulate(&[chain(steps)], &scenario, &Options { threads: 1, ..Options::default() });
        let exit = report.journeys[0].nodes.iter().find(|n| n.id == format!("n{}", steps - 1)).unwrap();
        assert_eq!(exit.entered, 5, "every customer walks the whole chain");
    });
}
