//! Property tests: canonical serialization round-trips, validation never panics, and the diff of a
//! journey with itself is empty and two journeys diffed both ways mirror each other, on arbitrary
//! journeys, including broken ones (dangling edges, duplicate ids, loops, bad ports).

use proptest::prelude::*;
use serde_json::json;
use waymark_core::condition::{AttributeCondition, Engagement, EngagementCondition, EventCondition, Operator};
use waymark_core::model::{
    AwaitedEvent, Case, Channel, Content, Delay, Edge, FrequencyCap, JourneyDocument, Message, Node, NodeKind,
    ParallelPath, Position, SplitPath, Trigger,
};
use waymark_core::{Condition, IsoDuration, diff, parse, to_canonical_json, validate_document};
use waymark_tests::{mirror, shape};

const IDS: &[&str] = &["a", "b", "c", "d", "e", "f", "g", "h", "start", "end", ""];
const PORTS: &[&str] = &["next", "else", "timeout", "yes", "no", "p1", "p2", ""];

fn id() -> impl Strategy<Value = String> {
    prop::sample::select(IDS).prop_map(str::to_owned)
}

fn port() -> impl Strategy<Value = String> {
    prop::sample::select(PORTS).prop_map(str::to_owned)
}

fn duration() -> impl Strategy<Value = IsoDuration> {
    (any::<bool>(), 0u32..3, 0u32..48, 0u32..90).prop_map(|(negative, days, hours, minutes)| IsoDuration {
        negative,
        days,
        hours,
        minutes,
        ..IsoDuration::default()
    })
}

fn condition() -> impl Strategy<Value = Condition> {
    let leaf = prop_oneof![
        (
            id(),
            prop::sample::select(vec![Operator::Eq, Operator::Gt, Operator::In, Operator::Exists]),
            prop_oneof![
                Just(None),
                Just(Some(json!("pro"))),
                Just(Some(json!(5))),
                Just(Some(json!(["a", "b"]))),
                Just(Some(json!(true))),
            ]
        )
            .prop_map(|(attr, op, value)| Condition::Attribute(AttributeCondition { attr, op, value })),
        (id(), prop::option::of(duration())).prop_map(|(event, within)| Condition::Event(EventCondition {
            event,
            within,
            min_count: None
        })),
        id().prop_map(|message| Condition::Engagement(EngagementCondition { message, engaged: Engagement::Clicked })),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(|all| Condition::All { all }),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|any| Condition::Any { any }),
            inner.prop_map(|not| Condition::Not { not: Box::new(not) }),
        ]
    })
}

fn kind() -> impl Strategy<Value = NodeKind> {
    prop_oneof![
        id().prop_map(|name| NodeKind::Entry { trigger: Trigger::Event { name, filter: None } }),
        condition().prop_map(|condition| NodeKind::Entry { trigger: Trigger::Segment { condition } }),
        duration().prop_map(|d| NodeKind::Wait { delay: Delay::Duration(d) }),
        Just(NodeKind::Wait {
            delay: Delay::UntilTime { time: "25:00".into(), weekdays: vec![], timezone: "customer".into() }
        }),
        (prop::collection::vec((port(), id()), 0..3), prop::option::of(duration())).prop_map(|(events, timeout)| {
            NodeKind::WaitForEvent {
                events: events.into_iter().map(|(port, event)| AwaitedEvent { port, event, filter: None }).collect(),
                timeout,
            }
        }),
        prop::collection::vec((port(), condition()), 0..4).prop_map(|cases| NodeKind::Branch {
            cases: cases.into_iter().map(|(port, when)| Case { port, label: None, when }).collect()
        }),
        prop::collection::vec((port(), -10.0f64..110.0, any::<bool>()), 0..4).prop_map(|paths| NodeKind::Split {
            paths: paths.into_iter().map(|(port, weight, holdout)| SplitPath { port, weight, holdout }).collect()
        }),
        prop::collection::vec(port(), 0..4).prop_map(|paths| NodeKind::Parallel {
            paths: paths.into_iter().map(|port| ParallelPath { port, label: None }).collect()
        }),
        (
            prop::option::of(prop::sample::select(vec![Channel::Email, Channel::Sms, Channel::Webhook, Channel::Ads])),
            prop::option::of("[a-zA-Zé€ ]{0,200}")
        )
            .prop_map(|(channel, body)| NodeKind::Message(Message {
                channel,
                category: Default::default(),
                template: None,
                content: body.map(|body| Content { body: Some(body), ..Content::default() }),
                url: None,
                audience: None,
                max_segments: None,
            })),
        Just(NodeKind::Update { changes: vec![] }),
        prop::option::of(id()).prop_map(|outcome| NodeKind::Exit { outcome }),
    ]
}

fn document() -> impl Strategy<Value = JourneyDocument> {
    let nodes = prop::collection::vec((id(), kind()), 0..14);
    let edges = prop::collection::vec((id(), port(), id()), 0..24);
    let caps = prop::collection::vec((0u32..4, duration()), 0..2);
    (nodes, edges, caps, prop::collection::btree_map(id(), (-1e6f64..1e6, -1e6f64..1e6), 0..4)).prop_map(
        |(nodes, edges, caps, positions)| {
            let mut document = parse(r#"{"format":"waymark.journey/1","id":"prop","name":"Prop","nodes":[]}"#).unwrap();
            document.nodes = nodes.into_iter().map(|(id, kind)| Node { id, label: None, stage: None, kind }).collect();
            document.edges = edges.into_iter().map(|(from, port, to)| Edge { from, port, to }).collect();
            document.settings.policies.frequency_caps =
                caps.into_iter().map(|(max, window)| FrequencyCap { channel: None, max, window }).collect();
            document.layout.nodes = positions.into_iter().map(|(id, (x, y))| (id, Position { x, y })).collect();
            document
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn canonical_serialization_round_trips(document in document()) {
        let first = to_canonical_json(&document);
        let reparsed = parse(&first).map_err(|e| TestCaseError::fail(format!("{e}\n{first}")))?;
        prop_assert_eq!(&to_canonical_json(&reparsed), &first);
    }

    #[test]
    fn validation_never_panics_and_every_diagnostic_is_explained(document in document()) {
        let (_, diagnostics) = validate_document(document);
        for diagnostic in diagnostics {
            prop_assert!(!diagnostic.message.is_empty());
            prop_assert!(!diagnostic.hint.is_empty());
        }
    }

    #[test]
    fn a_journey_diffed_with_itself_has_no_changes(document in document()) {
        let same = diff(&document, &document);
        prop_assert!(same.is_empty() && same.sentences.is_empty() && !same.behavioural, "{:#?}", same);
    }

    #[test]
    fn a_diff_read_backwards_is_its_mirror_image(a in document(), b in document()) {
        let (forwards, backwards) = (diff(&a, &b), diff(&b, &a));
        prop_assert_eq!(mirror(&forwards), shape(&backwards));
        prop_assert_eq!(forwards.is_empty(), forwards.sentences.is_empty());
    }
}
