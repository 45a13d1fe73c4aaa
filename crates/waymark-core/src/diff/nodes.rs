//! Nodes matched by id: which were added, removed, retyped, changed field by field, or only moved.
//!
//! A document with a repeated id (which validation reports) pairs the first node of that id in
//! one version with the first in the other, the second with the second, and so on, so that even
//! broken documents diff the same way in both directions.

use std::cmp::Ordering;

use serde_json::Value;

use super::value::{Found, changes, same, sorted};
use super::{FieldChange, Impact, NodeChange, NodeDiff};
use crate::model::{JourneyDocument, Node, Position};

/// The path of a node's place on the canvas among its field changes.
pub const POSITION: &str = "position";

/// The nodes that differ, in order of id.
pub fn diff_nodes(old: &JourneyDocument, new: &JourneyDocument) -> Vec<NodeDiff> {
    // Both lists in order of (id, occurrence), joined like a merge; canonical documents are
    // already in id order, so sorting them costs one pass.
    let (before, after) = (by_id(old), by_id(new));
    let (mut i, mut j) = (0, 0);
    let mut diffs = Vec::new();
    while i < before.len() || j < after.len() {
        let order = match (before.get(i), after.get(j)) {
            (Some(a), Some(b)) => (a.0, a.1).cmp(&(b.0, b.1)),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        match order {
            Ordering::Less => {
                diffs.push(whole(before[i].0.to_owned(), NodeChange::Removed));
                i += 1;
            }
            Ordering::Greater => {
                diffs.push(whole(after[j].0.to_owned(), NodeChange::Added));
                j += 1;
            }
            Ordering::Equal => {
                diffs.extend(compare(old, new, before[i].2, after[j].2));
                (i, j) = (i + 1, j + 1);
            }
        }
    }
    diffs
}

/// What a change to this node field does: labels and stages are for people; all else reaches
/// customers.
pub fn field_impact(path: &str) -> Impact {
    let last = path.rsplit('.').next().unwrap_or(path);
    if last == "label" || path == "stage" || path == POSITION { Impact::Cosmetic } else { Impact::Behavioural }
}

/// The nodes in order of id, each with its occurrence among the nodes of that id.
fn by_id(document: &JourneyDocument) -> Vec<(&str, usize, &Node)> {
    let mut nodes: Vec<&Node> = document.nodes.iter().collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let mut numbered: Vec<(&str, usize, &Node)> = Vec::with_capacity(nodes.len());
    for node in nodes {
        let occurrence = match numbered.last() {
            Some((id, count, _)) if *id == node.id => count + 1,
            _ => 0,
        };
        numbered.push((node.id.as_str(), occurrence, node));
    }
    numbered
}

fn whole(id: String, change: NodeChange) -> NodeDiff {
    NodeDiff { id, change, impact: Impact::Behavioural, fields: Vec::new() }
}

fn compare(old: &JourneyDocument, new: &JourneyDocument, a: &Node, b: &Node) -> Option<NodeDiff> {
    let mut found = Vec::new();
    let retyped = a.kind() != b.kind();
    if retyped {
        // Settings of different kinds do not compare; the kind, label and stage do.
        found.push(Found { path: "kind".to_owned(), old: a.kind().name().into(), new: b.kind().name().into() });
        for field in ["label", "stage"] {
            let (x, y) = (text_field(a, field), text_field(b, field));
            changes(field, field, &x, &y, &mut found);
        }
    } else if a != b {
        // Most nodes of two versions are equal as written; only the others are serialized.
        changes("", "", &body(a), &body(b), &mut found);
    }
    let changed = !found.is_empty();
    let (x, y) = (old.layout.nodes.get(&a.id), new.layout.nodes.get(&b.id));
    let (x, y) = if x == y { (Value::Null, Value::Null) } else { (position(x), position(y)) };
    if !same(POSITION, &x, &y) {
        found.push(Found { path: POSITION.to_owned(), old: x, new: y });
    }
    if found.is_empty() {
        return None;
    }
    let change = if retyped {
        NodeChange::Retyped
    } else if changed {
        NodeChange::Changed
    } else {
        NodeChange::LayoutOnly
    };
    let fields: Vec<FieldChange> = found
        .into_iter()
        .map(|f| FieldChange { impact: field_impact(&f.path), path: f.path, old: f.old, new: f.new })
        .collect();
    let impact = if change == NodeChange::Retyped || fields.iter().any(|f| f.impact == Impact::Behavioural) {
        Impact::Behavioural
    } else {
        Impact::Cosmetic
    };
    Some(NodeDiff { id: b.id.clone(), change, impact, fields })
}

/// The node as the file has it, without its id (the key it is matched by).
fn body(node: &Node) -> Value {
    let mut value = serde_json::to_value(node).expect("nodes serialize");
    if let Some(object) = value.as_object_mut() {
        object.remove("id");
    }
    value
}

fn text_field(node: &Node, field: &str) -> Value {
    let value = match field {
        "label" => node.label.clone(),
        _ => node.stage.clone(),
    };
    value.map_or(Value::Null, Value::String)
}

fn position(position: Option<&Position>) -> Value {
    position.map_or(Value::Null, |p| sorted(&serde_json::to_value(p).expect("positions serialize")))
}
