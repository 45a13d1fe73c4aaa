//! Validation: every rule of the product specification, run over a built `Journey`.
//!
//! `validate` never fails and never stops early: it returns every problem at once, in a stable
//! order (rule by rule, nodes in document order). It runs on every edit in the canvas, so each
//! rule is linear in the size of the journey or close to it.

use std::collections::BTreeMap;

use rustc_hash::FxHashSet as HashSet;

use petgraph::Direction;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;
use serde_json::Value;

use crate::condition::{Condition, Operator};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::diff::words::quote;
use crate::duration::IsoDuration;
use crate::graph;
use crate::journey::Journey;
use crate::model::{
    AttributeType, Channel, Delay, ELSE, JourneyDocument, Kind, Message, Node, NodeKind, ReentryMode, TIMEOUT, Trigger,
};
use crate::sms::{SmsCount, sms_segments};

/// Decisions nested deeper than this are reported.
pub const MAX_NESTING: usize = 3;
/// Decisions with more outgoing paths than this are reported.
pub const MAX_PATHS: usize = 5;
/// A customer entering more often than once in this many seconds is reported: each entry costs
/// messages and simulation steps, and a schedule every second enters a customer 86,400 times a day.
pub const MIN_ENTRY_INTERVAL: i64 = 3_600;

/// Checks a journey against every rule and returns all problems found.
pub fn validate(journey: &Journey) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    check_ids(journey, &mut out);
    let wiring = check_ports_and_edges(journey, &mut out);
    check_entries_and_reachability(journey, &wiring, &mut out);
    check_loops(journey, &mut out);
    check_node_settings(journey, &mut out);
    check_conditions(journey, &mut out);
    check_journey_settings(journey.document(), &mut out);
    check_nesting(journey, &mut out);
    check_back_to_back_channels(journey, &mut out);
    check_frequency_caps(journey, &mut out);
    check_consent(journey.document(), &mut out);
    check_layout(journey, &mut out);
    check_entry_frequency(journey.document(), &mut out);
    crate::required::check_empty_fields(journey.document(), &mut out);
    out
}

/// Builds the graph of a document and validates it.
pub fn validate_document(document: JourneyDocument) -> (Journey, Vec<Diagnostic>) {
    let journey = Journey::new(document);
    let diagnostics = validate(&journey);
    (journey, diagnostics)
}

/// True when there is at least one error (warnings do not count).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// True for a journey id the store and file names accept.
pub fn is_valid_journey_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn check_ids(journey: &Journey, out: &mut Vec<Diagnostic>) {
    let document = journey.document();
    if !is_valid_journey_id(&document.id) {
        out.push(
            Code::InvalidJourneyId
                .diagnostic(format!("The journey id `{}` is not a valid id.", document.id))
                .at_path("id"),
        );
    }
    let mut seen = HashSet::with_capacity_and_hasher(document.nodes.len(), Default::default());
    for (position, node) in document.nodes.iter().enumerate() {
        if node.id.trim().is_empty() {
            out.push(
                Code::InvalidNodeId
                    .diagnostic(format!("Node number {} has an empty id.", position + 1))
                    .at_path(format!("nodes[{position}].id")),
            );
        } else if !seen.insert(node.id.as_str()) {
            out.push(
                Code::DuplicateNodeId
                    .diagnostic(format!("More than one node has the id `{}`.", node.id))
                    .at_node(&node.id),
            );
        }
    }
}

/// What `check_ports_and_edges` learns about each graph node, for the rules after it.
struct Wiring {
    /// True for nodes with an output port that leads nowhere (already reported).
    stuck: Vec<bool>,
}

fn check_ports_and_edges(journey: &Journey, out: &mut Vec<Diagnostic>) -> Wiring {
    let document = journey.document();
    let count = journey.graph().node_count();
    // The ports of each node (by graph index), and which of them have an edge.
    let mut ports: Vec<Vec<&str>> = vec![Vec::new(); count];
    let mut connected: Vec<Vec<bool>> = vec![Vec::new(); count];
    for index in journey.unique_nodes() {
        let node = journey.node_at(index);
        let node_ports = node.kind.ports();
        let reserved: &[&str] = match node.kind() {
            Kind::Branch | Kind::WaitForEvent | Kind::Split | Kind::Parallel => &crate::catalog::RESERVED_PORTS,
            _ => &[],
        };
        let named = match node.kind() {
            Kind::Branch | Kind::WaitForEvent => &node_ports[..node_ports.len() - 1],
            _ => &node_ports[..],
        };
        for (position, name) in named.iter().enumerate() {
            if name.is_empty() || reserved.contains(name) || named[..position].contains(name) {
                out.push(
                    Code::DuplicatePortName
                        .diagnostic(format!(
                            "{} has more than one port named `{name}`, or uses a reserved name.",
                            step_name(node)
                        ))
                        .at_node(&node.id),
                );
            }
        }
        connected[index.index()] = vec![false; node_ports.len()];
        ports[index.index()] = node_ports;
    }

    for edge in &document.edges {
        let source = journey.index_of(&edge.from);
        if source.is_none() {
            out.push(
                Code::UnknownEdgeSource
                    .diagnostic(format!("An edge starts at `{}`, but there is no node with that id.", edge.from))
                    .at_edge(edge),
            );
        }
        if journey.index_of(&edge.to).is_none() {
            out.push(
                Code::UnknownEdgeTarget
                    .diagnostic(format!(
                        "An edge from `{}` leads to `{}`, but there is no node with that id.",
                        edge.from, edge.to
                    ))
                    .at_edge(edge),
            );
        }
        let Some(source) = source else { continue };
        let source_ports = &ports[source.index()];
        match source_ports.iter().position(|port| *port == edge.port) {
            None => {
                let kind = journey.kind_at(source);
                let message = if source_ports.is_empty() {
                    format!(
                        "{} is an {kind} node and has no output ports, but an edge leaves it.",
                        named(document, &edge.from)
                    )
                } else {
                    format!(
                        "{} has no port `{}`; its ports are {}.",
                        named(document, &edge.from),
                        edge.port,
                        source_ports.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
                    )
                };
                out.push(Code::UnknownPort.diagnostic(message).at_edge(edge));
            }
            Some(position) => {
                if std::mem::replace(&mut connected[source.index()][position], true) {
                    out.push(
                        Code::PortConnectedTwice
                            .diagnostic(format!(
                                "The `{}` port of {} has more than one edge.",
                                edge.port,
                                named(document, &edge.from)
                            ))
                            .at_edge(edge),
                    );
                }
            }
        }
    }

    let mut stuck = vec![false; count];
    for index in journey.unique_nodes() {
        let node = journey.node_at(index);
        let node_ports = &ports[index.index()];
        for (position, port) in node_ports.iter().enumerate() {
            // A repeated port name is reported above; its later copies can never be connected.
            if connected[index.index()][position] || node_ports[..position].contains(port) {
                continue;
            }
            stuck[index.index()] = true;
            let diagnostic = if node.kind() == Kind::Branch && *port == ELSE {
                Code::MissingElse.diagnostic(format!(
                    "The `else` port of branch {} is not connected; customers who match no case are stuck.",
                    step_name(node)
                ))
            } else {
                Code::UnconnectedPort
                    .diagnostic(format!("The `{port}` port of {} is not connected to anything.", step_name(node)))
            };
            out.push(diagnostic.at_node(&node.id));
        }
    }
    Wiring { stuck }
}

fn check_entries_and_reachability(journey: &Journey, wiring: &Wiring, out: &mut Vec<Diagnostic>) {
    let graph = journey.graph();
    let entries: Vec<NodeIndex> =
        journey.unique_nodes().filter(|index| journey.kind_at(*index) == Kind::Entry).collect();
    if entries.is_empty() {
        out.push(
            Code::MissingEntry
                .diagnostic("The journey has no entry node, so no customer can enter it.")
                .at_path("nodes"),
        );
    }
    for entry in &entries {
        if graph.neighbors_directed(*entry, Direction::Incoming).next().is_some() {
            let id = &journey.node_at(*entry).id;
            out.push(
                Code::EntryHasIncoming
                    .diagnostic(format!(
                        "An edge leads into the entry {}; customers can only start there.",
                        step_name(journey.node_at(*entry))
                    ))
                    .at_node(id),
            );
        }
    }
    if entries.is_empty() {
        return;
    }
    let reached = graph::reachable(graph, entries.iter().copied(), Direction::Outgoing);
    for index in journey.unique_nodes() {
        if !reached[index.index()] {
            let id = &journey.node_at(index).id;
            out.push(
                Code::UnreachableNode
                    .diagnostic(format!(
                        "No path from an entry reaches {}, so no customer will get there.",
                        step_name(journey.node_at(index))
                    ))
                    .at_node(id),
            );
        }
    }

    // A component customers cannot leave: no edge out of it and no exit in it. Components with a
    // node whose port is unconnected are already reported as such.
    let components = journey.components();
    for (number, members) in components.order.iter().enumerate() {
        if !reached[members[0].index()] {
            continue;
        }
        let leaves =
            members.iter().any(|node| graph.neighbors(*node).any(|next| components.of_node[next.index()] != number));
        let exits_or_stuck =
            members.iter().any(|node| journey.kind_at(*node) == Kind::Exit || wiring.stuck[node.index()]);
        let cycle = members.len() > 1 || graph.contains_edge(members[0], members[0]);
        if !leaves && !exits_or_stuck && cycle {
            let first = journey.node_at(members[0]);
            out.push(
                Code::NoPathToExit
                    .diagnostic(format!(
                        "Customers who reach {} loop among {} without ever reaching an exit.",
                        step_name(first),
                        step_list(members.iter().map(|n| journey.node_at(*n)))
                    ))
                    .at_node(&first.id),
            );
        }
    }
}

fn check_loops(journey: &Journey, out: &mut Vec<Diagnostic>) {
    let instant = graph::cycles_within(journey.graph(), |index| {
        !matches!(journey.kind_at(index), Kind::Wait | Kind::WaitForEvent)
    });
    for cycle in instant {
        let first = &journey.node_at(cycle[0]).id;
        out.push(
            Code::InstantLoop
                .diagnostic(format!(
                    "The loop through {} has no wait on it, so a customer would cycle endlessly at once.",
                    step_list(cycle.iter().map(|n| journey.node_at(*n)))
                ))
                .at_node(first),
        );
    }
}

fn check_node_settings(journey: &Journey, out: &mut Vec<Diagnostic>) {
    for index in journey.unique_nodes() {
        let node = journey.node_at(index);
        let id = node.id.as_str();
        let name = step_name(node);
        let duration = |value: Option<&IsoDuration>, what: &str, out: &mut Vec<Diagnostic>| {
            if let Some(value) = value
                && !value.is_positive()
            {
                out.push(
                    Code::NonPositiveDuration
                        .diagnostic(format!("The {what} of {name} is `{value}`; it must be longer than zero."))
                        .at_node(id),
                );
            }
        };
        match &node.kind {
            NodeKind::Entry { trigger } => match trigger {
                Trigger::Schedule { start, repeat, timezone, .. } => {
                    duration(repeat.as_ref(), "repeat interval", out);
                    check_timezone(timezone, id, &name, out);
                    if !is_local_datetime(start) {
                        out.push(
                            Code::InvalidTime
                                .diagnostic(format!("The schedule start `{start}` of {name} is not a date and time like `2026-12-01T09:00`."))
                                .at_node(id),
                        );
                    }
                }
                Trigger::DateAttribute { time: Some(time), .. } => {
                    check_time(time, &format!("entry time of {name}"), Some(id), None, out)
                }
                _ => {}
            },
            NodeKind::Wait { delay } => match delay {
                Delay::Duration(value) => duration(Some(value), "wait", out),
                Delay::UntilTime { time, timezone, .. } => {
                    check_time(time, &format!("wait time of {name}"), Some(id), None, out);
                    check_timezone(timezone, id, &name, out);
                }
                Delay::UntilDate { .. } => {}
            },
            NodeKind::WaitForEvent { events, timeout } => {
                if events.is_empty() {
                    out.push(Code::MissingCases.diagnostic(format!("{name} waits for no event.")).at_node(id));
                }
                match timeout {
                    None => out.push(
                        Code::MissingTimeout
                            .diagnostic(format!(
                                "{name} has no timeout; customers who never do the event would wait forever."
                            ))
                            .at_node(id),
                    ),
                    Some(value) => duration(Some(value), "timeout", out),
                }
                over_branching(id, &name, events.len() + 1, out);
            }
            NodeKind::Branch { cases } => {
                if cases.is_empty() {
                    out.push(
                        Code::MissingCases
                            .diagnostic(format!("Branch {name} has no cases; every customer takes `else`."))
                            .at_node(id),
                    );
                }
                over_branching(id, &name, cases.len() + 1, out);
            }
            NodeKind::Split { paths } => {
                if paths.is_empty() {
                    out.push(Code::MissingCases.diagnostic(format!("Split {name} has no paths.")).at_node(id));
                    continue;
                }
                let mut valid = true;
                for path in paths {
                    if !(path.weight.is_finite() && path.weight > 0.0) {
                        valid = false;
                        out.push(
                            Code::InvalidSplitWeight
                                .diagnostic(format!(
                                    "Path `{}` of split {name} has weight {}; weights must be positive.",
                                    path.port, path.weight
                                ))
                                .at_node(id),
                        );
                    }
                }
                let total: f64 = paths.iter().map(|p| p.weight).sum();
                if valid && !crate::catalog::weights_add_up(total) {
                    out.push(
                        Code::SplitWeightsNot100
                            .diagnostic(format!("The weights of split {name} add up to {total}, not 100."))
                            .at_node(id),
                    );
                }
                over_branching(id, &name, paths.len(), out);
                check_holdouts(journey, index, out);
            }
            NodeKind::Parallel { paths } => {
                if paths.is_empty() {
                    out.push(Code::MissingCases.diagnostic(format!("Parallel {name} has no paths.")).at_node(id));
                }
                over_branching(id, &name, paths.len(), out);
            }
            NodeKind::Message(message) => check_message(id, &name, message, out),
            NodeKind::Update { .. } | NodeKind::Exit { .. } => {}
        }
    }
}

/// A holdout path is a control group: no message may be sent anywhere after it.
fn check_holdouts(journey: &Journey, split: NodeIndex, out: &mut Vec<Diagnostic>) {
    let NodeKind::Split { paths } = &journey.node_at(split).kind else { return };
    let graph = journey.graph();
    for path in paths.iter().filter(|p| p.holdout) {
        let starts =
            graph.edges(split).filter(|e| journey.document().edges[*e.weight()].port == path.port).map(|e| e.target());
        let reached = graph::reachable(graph, starts, Direction::Outgoing);
        let message = graph.node_indices().find(|n| reached[n.index()] && journey.kind_at(*n) == Kind::Message);
        if let Some(message) = message {
            let id = &journey.node_at(split).id;
            out.push(
                Code::HoldoutReceivesMessages
                    .diagnostic(format!(
                        "The holdout path `{}` of {} leads to the message {}, but a holdout must receive nothing.",
                        path.port,
                        step_name(journey.node_at(split)),
                        step_name(journey.node_at(message))
                    ))
                    .at_node(id),
            );
        }
    }
}

fn over_branching(id: &str, name: &str, paths: usize, out: &mut Vec<Diagnostic>) {
    if paths > MAX_PATHS {
        out.push(
            Code::OverBranching
                .diagnostic(format!("{name} has {paths} outgoing paths; more than {MAX_PATHS} is hard to follow."))
                .at_node(id),
        );
    }
}

fn check_message(id: &str, name: &str, message: &Message, out: &mut Vec<Diagnostic>) {
    let Some(channel) = message.channel else {
        out.push(Code::MissingChannel.diagnostic(format!("Message {name} has no channel.")).at_node(id));
        return;
    };
    let has_content = message.content.as_ref().is_some_and(|c| {
        [&c.body, &c.title, &c.subject].iter().any(|t| t.as_deref().is_some_and(|t| !t.trim().is_empty()))
    });
    match channel {
        Channel::Webhook => {
            let url = message.url.as_deref().unwrap_or("");
            if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() <= "https://".len() {
                let message = if url.is_empty() {
                    format!("Webhook {name} has no URL.")
                } else {
                    format!("Webhook {name} has the URL `{url}`, which is not an http(s) address.")
                };
                out.push(Code::MissingUrl.diagnostic(message).at_node(id));
            }
        }
        Channel::Ads => {
            if message.audience.as_deref().is_none_or(|a| a.trim().is_empty()) {
                out.push(
                    Code::MissingAudience.diagnostic(format!("Ads message {name} names no audience.")).at_node(id),
                );
            }
        }
        _ => {
            if message.template.as_deref().is_none_or(|t| t.trim().is_empty()) && !has_content {
                out.push(
                    Code::MissingContent
                        .diagnostic(format!("Message {name} has neither a template nor content."))
                        .at_node(id),
                );
            }
        }
    }
    if channel == Channel::Sms
        && let Some(body) = message.content.as_ref().and_then(|c| c.body.as_deref())
    {
        let allowed = message.max_segments.unwrap_or(1).max(1);
        let SmsCount { segments, encoding, .. } = sms_segments(body);
        if segments > allowed {
            out.push(
                Code::SmsTooLong
                    .diagnostic(format!(
                        "The SMS {name} takes {segments} {encoding} segments ({} characters); the limit is {allowed}.",
                        body.chars().count()
                    ))
                    .at_node(id),
            );
        }
    }
}

/// Where a condition sits, for diagnostics.
struct Site<'a> {
    node: Option<&'a str>,
    path: String,
}

fn each_condition<'a>(document: &'a JourneyDocument, mut visit: impl FnMut(&Site<'a>, &'a Condition)) {
    for node in &document.nodes {
        let site = Site { node: Some(node.id.as_str()), path: String::new() };
        match &node.kind {
            NodeKind::Entry {
                trigger:
                    Trigger::Event { filter: Some(c), .. }
                    | Trigger::Segment { condition: c }
                    | Trigger::Schedule { audience: Some(c), .. },
            } => c.walk(&mut |c| visit(&site, c)),
            NodeKind::WaitForEvent { events, .. } => {
                for c in events.iter().filter_map(|e| e.filter.as_ref()) {
                    c.walk(&mut |c| visit(&site, c));
                }
            }
            NodeKind::Branch { cases } => {
                for case in cases {
                    case.when.walk(&mut |c| visit(&site, c));
                }
            }
            _ => {}
        }
    }
    for (i, goal) in document.settings.goals.iter().enumerate() {
        let site = Site { node: None, path: format!("settings.goals[{i}].condition") };
        goal.condition.walk(&mut |c| visit(&site, c));
    }
    for (i, criterion) in document.settings.exit_criteria.iter().enumerate() {
        let site = Site { node: None, path: format!("settings.exit_criteria[{i}].condition") };
        criterion.condition.walk(&mut |c| visit(&site, c));
    }
}

fn site_diagnostic(site: &Site, diagnostic: Diagnostic) -> Diagnostic {
    match site.node {
        Some(node) => diagnostic.at_node(node),
        None => diagnostic.at_path(site.path.clone()),
    }
}

/// The type of a JSON value as a condition sees it.
fn value_type(value: &Value) -> Option<AttributeType> {
    match value {
        Value::Bool(_) => Some(AttributeType::Boolean),
        Value::Number(_) => Some(AttributeType::Number),
        Value::String(text) if is_date(text) => Some(AttributeType::Date),
        Value::String(_) => Some(AttributeType::String),
        Value::Array(_) => Some(AttributeType::List),
        Value::Null | Value::Object(_) => None,
    }
}

fn type_name(kind: AttributeType) -> &'static str {
    match kind {
        AttributeType::String => "text",
        AttributeType::Number => "a number",
        AttributeType::Boolean => "true/false",
        AttributeType::Date => "a date",
        AttributeType::List => "a list",
    }
}

fn check_conditions(journey: &Journey, out: &mut Vec<Diagnostic>) {
    let document = journey.document();
    let declared = &document.settings.attributes;
    // The first type each undeclared attribute is compared with, to catch inconsistent use.
    let mut first_use: BTreeMap<&str, (AttributeType, String)> = BTreeMap::new();
    each_condition(document, |site, condition| match condition {
        Condition::Attribute(c) => {
            let attr = c.attr.as_str();
            let problem = attribute_problem(c.op, c.value.as_ref(), declared.get(attr).copied()).or_else(|| {
                // Without a declaration, every comparison of one attribute should use one type.
                let compared = c.value.as_ref().and_then(|v| match v {
                    Value::Array(items) => items.first().and_then(value_type),
                    other => value_type(other),
                })?;
                if declared.contains_key(attr) || c.op == Operator::Contains {
                    return None;
                }
                let here = site.node.map_or_else(|| site.path.clone(), |n| named(document, n));
                let (first, place) = first_use.entry(attr).or_insert((compared, here.clone()));
                let same = *first == compared
                    || matches!(
                        (*first, compared),
                        (AttributeType::Date, AttributeType::String) | (AttributeType::String, AttributeType::Date)
                    );
                (!same).then(|| {
                    format!(
                        "`{attr}` is compared with {} here but with {} in {place}.",
                        type_name(compared),
                        type_name(*first)
                    )
                })
            });
            if let Some(problem) = problem {
                out.push(site_diagnostic(site, Code::IncompatibleComparison.diagnostic(problem)));
            }
        }
        Condition::Event(c) => {
            if let Some(within) = c.within.filter(|w| !w.is_positive()) {
                out.push(site_diagnostic(
                    site,
                    Code::NonPositiveDuration
                        .diagnostic(format!("The window `{within}` for event `{}` must be longer than zero.", c.event)),
                ));
            }
        }
        Condition::Engagement(c) => {
            let known = journey.node(&c.message).is_some_and(|n| n.kind() == Kind::Message);
            if !known {
                let what = match journey.node(&c.message) {
                    Some(node) => format!("{} is a {} node, not a message", step_name(node), node.kind()),
                    None => format!("there is no node `{}`", c.message),
                };
                out.push(site_diagnostic(
                    site,
                    Code::UnknownMessage.diagnostic(format!(
                        "A condition asks whether the customer engaged with `{}`, but {what}.",
                        c.message
                    )),
                ));
            }
        }
        Condition::All { .. } | Condition::Any { .. } | Condition::Not { .. } => {}
    });
}

/// What is wrong with comparing an attribute using `op` against `value`, if anything.
fn attribute_problem(op: Operator, value: Option<&Value>, declared: Option<AttributeType>) -> Option<String> {
    use Operator::*;
    let value = match (op, value) {
        (Exists | NotExists, None) => return None,
        (Exists | NotExists, Some(_)) => return Some(format!("`{}` takes no value.", op_name(op))),
        (_, None) | (_, Some(Value::Null)) => return Some(format!("`{}` needs a value to compare with.", op_name(op))),
        (_, Some(value)) => value,
    };
    let scalar = |v: &Value| value_type(v).filter(|t| *t != AttributeType::List);
    let compared = match op {
        In | NotIn => {
            let Value::Array(items) = value else {
                return Some(format!("`{}` needs a list of values, such as [\"pro\", \"team\"].", op_name(op)));
            };
            let types: HashSet<_> = items.iter().map(scalar).collect();
            if types.contains(&None) || types.len() > 1 {
                return Some(format!("The list for `{}` mixes types or holds lists and objects.", op_name(op)));
            }
            types.into_iter().next().flatten()
        }
        _ => match scalar(value) {
            Some(kind) => Some(kind),
            None => return Some(format!("`{}` compares with a single value, not a list or object.", op_name(op))),
        },
    };
    if op.is_ordering() && !matches!(compared, Some(AttributeType::Number | AttributeType::Date)) {
        return Some(format!(
            "`{}` orders values, which only works for numbers and dates, not {}.",
            op_name(op),
            compared.map_or("this value", type_name)
        ));
    }
    let declared = declared?;
    let fits = match (declared, compared) {
        (_, None) => true,
        (AttributeType::List, _) => op == Contains,
        (AttributeType::String, Some(AttributeType::String | AttributeType::Date)) => !op.is_ordering(),
        (AttributeType::Date, Some(AttributeType::Date)) => op != Contains,
        (AttributeType::Number, Some(AttributeType::Number)) => op != Contains,
        (AttributeType::Boolean, Some(AttributeType::Boolean)) => matches!(op, Eq | Ne),
        _ => false,
    };
    (!fits).then(|| match compared {
        Some(compared) => format!(
            "The attribute is declared as {} but `{}` compares it with {}.",
            type_name(declared),
            op_name(op),
            type_name(compared)
        ),
        None => format!("`{}` does not apply to an attribute declared as {}.", op_name(op), type_name(declared)),
    })
}

fn op_name(op: Operator) -> &'static str {
    match op {
        Operator::Eq => "eq",
        Operator::Ne => "ne",
        Operator::Gt => "gt",
        Operator::Gte => "gte",
        Operator::Lt => "lt",
        Operator::Lte => "lte",
        Operator::In => "in",
        Operator::NotIn => "not_in",
        Operator::Contains => "contains",
        Operator::Exists => "exists",
        Operator::NotExists => "not_exists",
    }
}

fn check_journey_settings(document: &JourneyDocument, out: &mut Vec<Diagnostic>) {
    let settings = &document.settings;
    let mut positive = |value: Option<&IsoDuration>, path: String, what: &str| {
        if let Some(value) = value.filter(|v| !v.is_positive()) {
            out.push(
                Code::NonPositiveDuration
                    .diagnostic(format!("The {what} is `{value}`; it must be longer than zero."))
                    .at_path(path),
            );
        }
    };
    positive(settings.reentry.cooldown.as_ref(), "settings.reentry.cooldown".into(), "re-entry cooldown");
    for (i, goal) in settings.goals.iter().enumerate() {
        positive(goal.within.as_ref(), format!("settings.goals[{i}].within"), &format!("window of goal `{}`", goal.id));
    }
    let policies = &settings.policies;
    for (i, cap) in policies.frequency_caps.iter().enumerate() {
        positive(Some(&cap.window), format!("settings.policies.frequency_caps[{i}].window"), "frequency cap window");
    }
    if let Some(gap) = &policies.min_gap {
        positive(
            gap.same_channel.as_ref(),
            "settings.policies.min_gap.same_channel".into(),
            "minimum gap on one channel",
        );
        positive(
            gap.across_channels.as_ref(),
            "settings.policies.min_gap.across_channels".into(),
            "minimum gap across channels",
        );
    }
    if let Some(quiet) = &policies.quiet_hours {
        check_time(&quiet.start, "start of quiet hours", None, Some("settings.policies.quiet_hours.start"), out);
        check_time(&quiet.end, "end of quiet hours", None, Some("settings.policies.quiet_hours.end"), out);
    }
}

fn check_time(text: &str, what: &str, node: Option<&str>, path: Option<&str>, out: &mut Vec<Diagnostic>) {
    if parse_time_of_day(text).is_none() {
        let mut diagnostic = Code::InvalidTime.diagnostic(format!("The {what} is `{text}`, not a time like `09:30`."));
        if let Some(node) = node {
            diagnostic = diagnostic.at_node(node);
        }
        if let Some(path) = path {
            diagnostic = diagnostic.at_path(path);
        }
        out.push(diagnostic);
    }
}

/// `customer`, or a zone the IANA database knows.
fn check_timezone(zone: &str, id: &str, name: &str, out: &mut Vec<Diagnostic>) {
    if zone != "customer" && zone.parse::<chrono_tz::Tz>().is_err() {
        out.push(
            Code::UnknownTimezone
                .diagnostic(format!("{name} uses the time zone `{zone}`, which is not a known zone."))
                .at_node(id),
        );
    }
}

/// Minutes since midnight of an `HH:MM` time of day.
pub fn parse_time_of_day(text: &str) -> Option<u32> {
    let (hours, minutes) = text.split_once(':')?;
    if hours.len() != 2 || minutes.len() != 2 {
        return None;
    }
    let hours: u32 = hours.parse().ok()?;
    let minutes: u32 = minutes.parse().ok()?;
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

/// `YYYY-MM-DD`, optionally followed by a time: what conditions treat as a date.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
        && (bytes.len() == 10 || bytes[10] == b'T')
        && text[5..7].parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && text[8..10].parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn is_local_datetime(text: &str) -> bool {
    text.len() == 16 && is_date(&text[..10]) && text.as_bytes()[10] == b'T' && parse_time_of_day(&text[11..]).is_some()
}

/// Decision nodes: where one path becomes several. A guard whose other paths go straight to an
/// exit ("purchased? leave") does not open a level of nesting.
fn is_decision(journey: &Journey, index: NodeIndex) -> bool {
    matches!(journey.kind_at(index), Kind::Branch | Kind::Split)
        && journey.graph().neighbors(index).filter(|next| journey.kind_at(*next) != Kind::Exit).count() > 1
}

fn check_nesting(journey: &Journey, out: &mut Vec<Diagnostic>) {
    let graph = journey.graph();
    let components = journey.components();
    // A decision stays open until its paths meet again, at its immediate post-dominator; two
    // decisions one after the other are a sequence, not nesting.
    let exits: Vec<NodeIndex> = graph.node_indices().filter(|n| journey.kind_at(*n) == Kind::Exit).collect();
    let meets = graph::immediate_post_dominators(graph, &exits);
    let mut closing = vec![0usize; graph.node_count()];
    for node in graph.node_indices().filter(|n| is_decision(journey, *n)) {
        if let Some(meet) = meets[node.index()] {
            closing[meet.index()] += 1;
        }
    }
    // open[n]: how many decisions are still open when a customer reaches n, along the worst path.
    // Edges inside a component (loops) are ignored, so the order of components is a valid order.
    let mut open = vec![0usize; graph.node_count()];
    for members in &components.order {
        for &node in members {
            let here = open[node.index()].saturating_sub(closing[node.index()]);
            open[node.index()] = here;
            let after = here + usize::from(is_decision(journey, node));
            for next in graph.neighbors(node) {
                if components.of_node[next.index()] != components.of_node[node.index()] {
                    open[next.index()] = open[next.index()].max(after);
                }
            }
        }
    }
    for index in journey.unique_nodes() {
        if is_decision(journey, index) && open[index.index()] == MAX_NESTING {
            let id = &journey.node_at(index).id;
            let name = step_name(journey.node_at(index));
            out.push(
                Code::DeepNesting
                    .diagnostic(format!(
                        "{name} is a decision nested {} levels deep; more than {MAX_NESTING} is hard to follow.",
                        MAX_NESTING + 1
                    ))
                    .at_node(id),
            );
        }
    }
}

/// Channels a customer sees; webhooks, ad audiences and CRM tasks do not reach them directly.
fn reaches_customer(channel: Channel) -> bool {
    matches!(channel, Channel::Email | Channel::Sms | Channel::Push | Channel::InApp)
}

fn message_channel(journey: &Journey, index: NodeIndex) -> Option<Channel> {
    match &journey.node_at(index).kind {
        NodeKind::Message(message) => message.channel,
        _ => None,
    }
}

fn check_back_to_back_channels(journey: &Journey, out: &mut Vec<Diagnostic>) {
    let graph = journey.graph();
    let mut reported = HashSet::default();
    let mut seen = vec![usize::MAX; graph.node_count()];
    for start in journey.unique_nodes() {
        let Some(channel) = message_channel(journey, start).filter(|c| reaches_customer(*c)) else { continue };
        // Walk forward through steps that take no time until the next message or wait.
        let mut stack: Vec<NodeIndex> = graph.neighbors(start).collect();
        while let Some(node) = stack.pop() {
            if std::mem::replace(&mut seen[node.index()], start.index()) == start.index() {
                continue;
            }
            match journey.kind_at(node) {
                // A webhook, ad audience or CRM task takes no time and reaches no customer.
                Kind::Message if !message_channel(journey, node).is_some_and(reaches_customer) => {
                    stack.extend(graph.neighbors(node));
                }
                Kind::Message => {
                    if let Some(next) = message_channel(journey, node).filter(|c| *c != channel)
                        && reported.insert((start, node))
                    {
                        let second = &journey.node_at(node).id;
                        out.push(
                            Code::BackToBackChannels
                                .diagnostic(format!(
                                    "{} ({next}) is sent right after {} ({channel}) with no wait between them.",
                                    step_name(journey.node_at(node)),
                                    step_name(journey.node_at(start))
                                ))
                                .at_node(second),
                        );
                    }
                }
                Kind::Branch | Kind::Split | Kind::Parallel | Kind::Update => stack.extend(graph.neighbors(node)),
                Kind::Entry | Kind::Wait | Kind::WaitForEvent | Kind::Exit => {}
            }
        }
    }
}

/// The shortest time a customer spends at a node before leaving it through `port`.
fn minimum_delay(journey: &Journey, index: NodeIndex, port: &str) -> i64 {
    match &journey.node_at(index).kind {
        NodeKind::Wait { delay: Delay::Duration(duration) } => duration.seconds().max(0),
        NodeKind::WaitForEvent { timeout: Some(timeout), .. } if port == TIMEOUT => timeout.seconds().max(0),
        // An awaited event, a time of day or a date can all come at once.
        _ => 0,
    }
}

fn check_frequency_caps(journey: &Journey, out: &mut Vec<Diagnostic>) {
    const NEVER: i64 = i64::MAX;
    let graph = journey.graph();
    let components = journey.components();
    for (i, cap) in journey.document().settings.policies.frequency_caps.iter().enumerate() {
        let window = cap.window.seconds();
        let limit = cap.max as usize + 1;
        if window <= 0 || cap.max > 1_000 {
            continue;
        }
        let counts = |index: NodeIndex| {
            message_channel(journey, index)
                .is_some_and(|c| cap.channel.map_or(reaches_customer(c), |capped| capped == c))
        };
        // soonest[n][k]: the least time from arriving at n until the k-th counted message is sent,
        // along any path; filled sinks first.
        let mut soonest = vec![NEVER; graph.node_count() * (limit + 1)];
        for members in components.order.iter().rev() {
            for &node in members {
                let base = node.index() * (limit + 1);
                soonest[base] = 0;
                let own = usize::from(counts(node));
                for k in 1..=limit {
                    let best = if k <= own {
                        0
                    } else {
                        graph
                            .edges(node)
                            .filter(|edge| {
                                components.of_node[edge.target().index()] != components.of_node[node.index()]
                            })
                            .map(|edge| {
                                let port = &journey.document().edges[*edge.weight()].port;
                                soonest[edge.target().index() * (limit + 1) + k - own]
                                    .saturating_add(minimum_delay(journey, node, port))
                            })
                            .min()
                            .unwrap_or(NEVER)
                    };
                    soonest[base + k] = best;
                }
            }
        }
        let first_over = components
            .order
            .iter()
            .flatten()
            .find(|node| counts(**node) && soonest[node.index() * (limit + 1) + limit] < window);
        if let Some(node) = first_over {
            let id = &journey.node_at(*node).id;
            let name = step_name(journey.node_at(*node));
            let channel = cap.channel.map_or("".to_owned(), |c| format!("{c} "));
            out.push(
                Code::PathExceedsCap
                    .diagnostic(format!(
                        "From {name}, a customer can get {limit} {channel}messages within {}, over the cap of {}.",
                        cap.window, cap.max
                    ))
                    .at_node(id)
                    .with_hint(format!(
                        "The cap at settings.policies.frequency_caps[{i}] would suppress the extra messages; space them out with waits, or remove one."
                    )),
            );
        }
    }
}

/// A schedule that repeats within `MIN_ENTRY_INTERVAL`, with re-entry that lets the customer back
/// in sooner, enters one customer again and again.
fn check_entry_frequency(document: &JourneyDocument, out: &mut Vec<Diagnostic>) {
    let reentry = &document.settings.reentry;
    let cooldown = reentry.cooldown.as_ref().map_or(0, IsoDuration::seconds);
    if reentry.mode == ReentryMode::Never || cooldown >= MIN_ENTRY_INTERVAL {
        return;
    }
    for node in &document.nodes {
        let NodeKind::Entry { trigger: Trigger::Schedule { repeat: Some(repeat), .. } } = &node.kind else { continue };
        // A repeat of zero or less is reported as a non-positive duration.
        if repeat.is_positive() && repeat.seconds() < MIN_ENTRY_INTERVAL {
            out.push(
                Code::FrequentEntry
                    .diagnostic(format!(
                        "{} repeats every {repeat} and re-entry is `{}`{}, so a customer can enter up to {} times a day.",
                        step_name(node),
                        if reentry.mode == ReentryMode::Always { "always" } else { "after_exit" },
                        if cooldown > 0 { " with a shorter cooldown" } else { "" },
                        86_400 / repeat.seconds().max(cooldown).max(1)
                    ))
                    .at_node(&node.id),
            );
        }
    }
}

fn check_consent(document: &JourneyDocument, out: &mut Vec<Diagnostic>) {
    let required = &document.settings.policies.consent_required;
    let mut reported = HashSet::default();
    for node in &document.nodes {
        let NodeKind::Message(message) = &node.kind else { continue };
        let Some(channel) = message.channel else { continue };
        let needs_consent = matches!(channel, Channel::Email | Channel::Sms | Channel::Push);
        if needs_consent
            && message.category == crate::model::Category::Marketing
            && !required.contains(&channel)
            && reported.insert(channel)
        {
            out.push(
                Code::MissingConsentPolicy
                    .diagnostic(format!(
                        "Marketing {channel} messages such as {} are sent without requiring {channel} consent.",
                        step_name(node)
                    ))
                    .at_node(&node.id),
            );
        }
    }
}

fn check_layout(journey: &Journey, out: &mut Vec<Diagnostic>) {
    for id in journey.document().layout.nodes.keys() {
        if journey.index_of(id).is_none() {
            out.push(
                Code::UnknownLayoutNode
                    .diagnostic(format!("The layout places `{id}`, but there is no node with that id."))
                    .at_path(format!("layout.nodes.{id}")),
            );
        }
    }
}

/// How a problem names the step `id` of `document` (quoted), or the id itself when no node has it.
fn named(document: &JourneyDocument, id: &str) -> String {
    document.nodes.iter().find(|n| n.id == id).map_or_else(|| quote(id), step_name)
}

/// How a problem names a step: its label in quotes, or its id when it has none.
fn step_name(node: &Node) -> String {
    quote(&crate::label::step_name(node))
}

fn step_list<'a>(nodes: impl Iterator<Item = &'a Node>) -> String {
    let names: Vec<String> = nodes.map(step_name).collect();
    if names.len() > 6 { format!("{} and {} more", names[..6].join(", "), names.len() - 6) } else { names.join(", ") }
}
