//! Generated journeys of any size, for benchmarks and canvas performance measurements.
//!
//! The journey is valid and realistic in shape: after the entry it repeats a block of an email,
//! a wait, a branch on engagement with that email (clicked: a push and a short wait), and a 50/50
//! split whose paths meet again, then ends in an exit. Every node has a layout position.

use std::collections::BTreeMap;

use crate::condition::{Condition, Engagement, EngagementCondition};
use crate::duration::IsoDuration;
use crate::model::{
    Case, Category, Change, Channel, Content, Delay, Edge, FORMAT, JourneyDocument, Layout, Message, Node, NodeKind,
    Position, SplitPath, Trigger,
};

/// Nodes in one repeated block.
const BLOCK: usize = 8;

/// The most nodes a generated journey can have and still be read back: its canonical text must
/// stay within `MAX_DOCUMENT_BYTES` (32 MB). Pinned by a test, which says what to write here if
/// the generated shape changes.
pub const MAX_NODES: usize = 94_353;

/// A valid journey with about `nodes` nodes (at least one block, entry and exit included).
pub fn journey(nodes: usize) -> JourneyDocument {
    let blocks = (nodes.saturating_sub(2) / BLOCK).max(1);
    let mut document = JourneyDocument {
        format: FORMAT.to_owned(),
        id: format!("generated-{nodes}"),
        name: format!("Generated journey ({nodes} nodes)"),
        description: "A generated journey for benchmarks.".to_owned(),
        settings: Default::default(),
        nodes: Vec::with_capacity(blocks * BLOCK + 2),
        edges: Vec::with_capacity(blocks * (BLOCK + 3) + 1),
        layout: Layout::default(),
    };
    document.settings.policies.consent_required = vec![Channel::Email, Channel::Push];
    let mut positions = BTreeMap::new();
    let mut add = |document: &mut JourneyDocument, id: String, kind: NodeKind, x: usize, y: i32| {
        positions.insert(id.clone(), Position { x: x as f64 * 240.0, y: f64::from(y) * 140.0 });
        document.nodes.push(Node { id, label: None, stage: None, kind });
    };
    let edge = |document: &mut JourneyDocument, from: &str, port: &str, to: &str| {
        document.edges.push(Edge { from: from.to_owned(), port: port.to_owned(), to: to.to_owned() });
    };
    add(
        &mut document,
        "start".into(),
        NodeKind::Entry { trigger: Trigger::Event { name: "signed_up".into(), filter: None } },
        0,
        0,
    );
    let mut previous = "start".to_owned();
    for b in 0..blocks {
        let x = 1 + b * 6;
        let id = |name: &str| format!("{name}_{b}");
        let message = |channel, template: String| {
            NodeKind::Message(Message {
                channel: Some(channel),
                category: Category::Marketing,
                template: Some(template),
                content: Some(Content { subject: None, title: None, body: Some("Hello from Waymark".into()) }),
                url: None,
                audience: None,
                max_segments: None,
            })
        };
        let wait = |duration: &str| NodeKind::Wait { delay: Delay::Duration(duration.parse::<IsoDuration>().unwrap()) };
        add(&mut document, id("email"), message(Channel::Email, format!("tpl_email_{b}")), x, 0);
        add(&mut document, id("wait"), wait("P1D"), x + 1, 0);
        add(
            &mut document,
            id("clicked"),
            NodeKind::Branch {
                cases: vec![Case {
                    port: "clicked".into(),
                    label: None,
                    when: Condition::Engagement(EngagementCondition {
                        message: id("email"),
                        engaged: Engagement::Clicked,
                    }),
                }],
            },
            x + 2,
            0,
        );
        add(&mut document, id("push"), message(Channel::Push, format!("tpl_push_{b}")), x + 3, -1);
        add(&mut document, id("pause"), wait("PT4H"), x + 4, -1);
        add(
            &mut document,
            id("split"),
            NodeKind::Split {
                paths: vec![
                    SplitPath { port: "a".into(), weight: 50.0, holdout: false },
                    SplitPath { port: "b".into(), weight: 50.0, holdout: false },
                ],
            },
            x + 3,
            1,
        );
        add(
            &mut document,
            id("tag"),
            NodeKind::Update { changes: vec![Change::AddTag(format!("variant_a_{b}"))] },
            x + 4,
            1,
        );
        add(&mut document, id("join"), wait("PT1H"), x + 5, 0);
        edge(&mut document, &previous, "next", &id("email"));
        edge(&mut document, &id("email"), "next", &id("wait"));
        edge(&mut document, &id("wait"), "next", &id("clicked"));
        edge(&mut document, &id("clicked"), "clicked", &id("push"));
        edge(&mut document, &id("clicked"), "else", &id("split"));
        edge(&mut document, &id("push"), "next", &id("pause"));
        edge(&mut document, &id("pause"), "next", &id("join"));
        edge(&mut document, &id("split"), "a", &id("tag"));
        edge(&mut document, &id("split"), "b", &id("join"));
        edge(&mut document, &id("tag"), "next", &id("join"));
        previous = id("join");
    }
    add(&mut document, "done".into(), NodeKind::Exit { outcome: Some("completed".into()) }, 1 + blocks * 6, 0);
    edge(&mut document, &previous, "next", "done");
    document.layout.nodes = positions;
    crate::format::canonicalize(&mut document);
    document
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_journeys_are_valid_and_about_the_size_asked() {
        for size in [10, 500, 5_000] {
            let document = journey(size);
            assert!(document.nodes.len().abs_diff(size) < BLOCK + 2, "{size}: {}", document.nodes.len());
            let (_, diagnostics) = crate::validate_document(document);
            assert_eq!(diagnostics, [], "{size}");
        }
    }

    #[test]
    fn the_largest_generated_journey_fits_the_document_limit() {
        let size = |nodes: usize| crate::to_canonical_json(&journey(nodes)).len();
        let limit = crate::format::MAX_DOCUMENT_BYTES;
        assert!(size(MAX_NODES) <= limit, "MAX_NODES is too large: {} bytes", size(MAX_NODES));
        assert!(size(MAX_NODES + 1) > limit, "MAX_NODES could be larger: {} bytes", size(MAX_NODES + 1));
    }
}
