//! The changes of a diff as sentences a marketer understands, naming steps by their label:
//! `Wait "Wait 2 days": 2 days → 3 days`, `"Viewed pricing?" else now goes to "Reminder email"
//! (was "Exit")`. Behavioural changes come first, cosmetic ones after, and steps that only moved
//! on the canvas are counted on one last line. The connections of an added or removed step are
//! told by that step's own sentence, and a changed step's move by none.

use std::collections::BTreeSet;

use super::nodes::POSITION;
use super::value::ORDER;
use super::words::{element_words, last_field, named, node_name, phrase, quote, render, subject, summary};
use super::{EdgeChange, EdgeDiff, FieldChange, Impact, NodeChange, NodeDiff, Sentence, SettingChange};
use crate::model::{JourneyDocument, NEXT, Node};

/// Every change of the diff in words, behavioural first.
pub fn sentences(
    old: &JourneyDocument,
    new: &JourneyDocument,
    nodes: &[NodeDiff],
    edges: &[EdgeDiff],
    settings: &[SettingChange],
) -> Vec<Sentence> {
    let mut all = Vec::new();
    for node in nodes {
        node_sentences(old, new, node, &mut all);
    }
    // A step added or removed speaks for its own connections.
    let whole: BTreeSet<&str> = nodes
        .iter()
        .filter(|n| matches!(n.change, NodeChange::Added | NodeChange::Removed))
        .map(|n| n.id.as_str())
        .collect();
    for edge in edges.iter().filter(|e| !whole.contains(e.from.as_str())) {
        all.push(Sentence {
            text: edge_sentence(old, new, edge),
            impact: Impact::Behavioural,
            node: Some(edge.from.clone()),
        });
    }
    for setting in settings {
        all.push(Sentence { text: setting_sentence(setting), impact: setting.impact, node: None });
    }
    // A stable partition: behavioural first, each group in the order above.
    let (mut ordered, cosmetic): (Vec<_>, Vec<_>) = all.into_iter().partition(|s| s.impact == Impact::Behavioural);
    ordered.extend(cosmetic);
    let moved = nodes.iter().filter(|n| n.change == NodeChange::LayoutOnly).count();
    if moved > 0 {
        let steps = if moved == 1 { "step" } else { "steps" };
        ordered.push(Sentence {
            text: format!("{moved} {steps} moved on the canvas"),
            impact: Impact::Cosmetic,
            node: None,
        });
    }
    ordered
}

fn node_sentences(old: &JourneyDocument, new: &JourneyDocument, diff: &NodeDiff, out: &mut Vec<Sentence>) {
    let find = |document: &'_ JourneyDocument| document.nodes.iter().find(|n| n.id == diff.id).cloned();
    let (before, after) = (find(old), find(new));
    let mut say = |text: String, impact| out.push(Sentence { text, impact, node: Some(diff.id.clone()) });
    match (diff.change, &before, &after) {
        (NodeChange::Added, _, Some(node)) => say(with_summary("Added", node), Impact::Behavioural),
        (NodeChange::Removed, Some(node), _) => say(with_summary("Removed", node), Impact::Behavioural),
        (NodeChange::Retyped | NodeChange::Changed, Some(before), Some(after)) => {
            if diff.change == NodeChange::Retyped {
                let now = format!("{} is now a {}", quote(node_name(after)), after.kind().title());
                let was = format!("(was a {})", before.kind().title());
                say(with_detail(&format!("{now} {was}"), &summary(after)), Impact::Behavioural);
            }
            for field in diff.fields.iter().filter(|f| f.path != POSITION && f.path != "kind") {
                say(field_sentence(before, after, field), field.impact);
            }
        }
        _ => {}
    }
}

fn with_summary(verb: &str, node: &Node) -> String {
    with_detail(&format!("{verb} {}", subject(node)), &summary(node))
}

/// `what: detail`, or `what` alone when there is no detail.
fn with_detail(what: &str, detail: &str) -> String {
    if detail.is_empty() { what.to_owned() } else { format!("{what}: {detail}") }
}

fn field_sentence(before: &Node, after: &Node, field: &FieldChange) -> String {
    if field.path == "label" {
        return format!("{} renamed to {}", subject(before), quote(node_name(after)));
    }
    format!("{}: {}", subject(after), change_words(&field.path, &field.old, &field.new))
}

fn setting_sentence(setting: &SettingChange) -> String {
    if setting.path == "layout.viewport" {
        return "Canvas view moved".to_owned();
    }
    let text = change_words(&setting.path, &setting.old, &setting.new);
    let mut chars = text.chars();
    chars.next().map_or(text.clone(), |first| first.to_uppercase().chain(chars).collect())
}

/// `case "pro" condition: plan is "pro" → plan is "team"`, `case "trial" added: …`.
fn change_words(path: &str, old: &serde_json::Value, new: &serde_json::Value) -> String {
    let field = last_field(path);
    if let Some(list) = path.strip_suffix(&format!(".{ORDER}")) {
        let names = |v: &serde_json::Value| render("", v).replace('"', "");
        return format!("{} now in order {} (was {})", last_field(list).replace('_', " "), names(new), names(old));
    }
    let words = phrase(path);
    let prefix = if words.is_empty() { String::new() } else { format!("{words} ") };
    if path.ends_with(']') {
        // An element of a named list, or a frequency cap: added or removed whole.
        let detail = |value| match element_words(field, value) {
            words if words.is_empty() => String::new(),
            words => format!(": {words}"),
        };
        return match (old.is_null(), new.is_null()) {
            (true, _) => format!("{prefix}added{}", detail(new)),
            (_, true) => format!("{prefix}removed{}", detail(old)),
            _ => format!("{prefix}{} → {}", element_words(field, old), element_words(field, new)),
        };
    }
    let separator = if words.is_empty() { String::new() } else { format!("{words}: ") };
    // A declared attribute's value is its type, a word of the format.
    let field = if path.starts_with("settings.attributes.") { "kind" } else { field };
    // A flag the file leaves out when it is off.
    let value = |value: &serde_json::Value, other: &serde_json::Value| match (value, other) {
        (serde_json::Value::Null, serde_json::Value::Bool(_)) => "no".to_owned(),
        _ => render(field, value),
    };
    format!("{separator}{} → {}", value(old, new), value(new, old))
}

fn edge_sentence(old: &JourneyDocument, new: &JourneyDocument, edge: &EdgeDiff) -> String {
    let from =
        if new.nodes.iter().any(|n| n.id == edge.from) { named(new, &edge.from) } else { named(old, &edge.from) };
    let port = if edge.port == NEXT { String::new() } else { format!(" {}", edge.port) };
    let was = |id: &Option<String>| id.as_deref().map_or("not connected".to_owned(), |id| named(old, id));
    let now = |id: &Option<String>| id.as_deref().map_or("nothing".to_owned(), |id| named(new, id));
    match edge.change {
        EdgeChange::Rewired => format!("{from}{port} now goes to {} (was {})", now(&edge.new_to), was(&edge.old_to)),
        EdgeChange::Added => format!("{from}{port} now goes to {} (was not connected)", now(&edge.new_to)),
        EdgeChange::Removed => format!("{from}{port} is no longer connected (was {})", was(&edge.old_to)),
    }
}
