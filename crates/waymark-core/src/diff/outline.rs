//! One journey as lines of words, one fact a line: what git's textconv shows, so that `git log -p`
//! and `git show` of a `*.journey.json` file read as a line diff of words instead of JSON.
//!
//! The journey's settings come first, then its steps in the order customers meet them (from each
//! entry, port by port, then any step no entry reaches), each followed by where its ports lead.

use std::collections::{BTreeMap, VecDeque};

use super::words::{
    cap_words, condition, goal_words, min_gap_words, named, quiet_hours_words, quote, subject, summary,
};
use crate::model::{JourneyDocument, Kind, NEXT, Settings};

/// The lines of the outline of `document`, without line ends.
pub fn outline(document: &JourneyDocument) -> Vec<String> {
    let mut lines = vec![format!("Journey {} ({})", quote(&document.name), document.id)];
    if !document.description.is_empty() {
        lines.push(format!("Description: {}", document.description));
    }
    settings_lines(&document.settings, &mut lines);
    let mut targets: BTreeMap<&str, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for edge in &document.edges {
        targets.entry(&edge.from).or_default().entry(&edge.port).or_default().push(&edge.to);
    }
    let none = BTreeMap::new();
    for index in reading_order(document) {
        let node = &document.nodes[index];
        let what = summary(node);
        lines.push(if what.is_empty() { subject(node) } else { format!("{}: {what}", subject(node)) });
        let connected = targets.get(node.id.as_str()).unwrap_or(&none);
        // Connections from ports the kind does not have still show, after the real ones.
        let own = node.kind.ports();
        let mut ports: Vec<&str> = Vec::with_capacity(own.len());
        for port in own.iter().copied().chain(connected.keys().copied()) {
            if !ports.contains(&port) {
                ports.push(port);
            }
        }
        for port in ports {
            let to = connected.get(port).map_or_else(
                || "not connected".to_owned(),
                |list| list.iter().map(|id| named(document, id)).collect::<Vec<_>>().join(" and "),
            );
            let port = if port == NEXT { String::new() } else { format!("{port} ") };
            lines.push(format!("  {port}→ {to}"));
        }
    }
    lines
}

fn settings_lines(settings: &Settings, lines: &mut Vec<String>) {
    let reentry =
        serde_json::to_value(settings.reentry.mode).ok().and_then(|v| v.as_str().map(|s| s.replace('_', " ")));
    let cooldown = settings.reentry.cooldown.map_or(String::new(), |c| format!(", cooldown {}", c.humanize()));
    lines.push(format!("Re-entry: {}{cooldown}", reentry.unwrap_or_default()));
    for goal in &settings.goals {
        lines.push(format!("Goal {}: {}", quote(&goal.id), goal_words(goal)));
    }
    for criterion in &settings.exit_criteria {
        lines.push(format!("Exit criterion {}: {}", quote(&criterion.id), condition(&criterion.condition)));
    }
    let policies = &settings.policies;
    for cap in &policies.frequency_caps {
        lines.push(format!("Frequency cap: {}", cap_words(cap)));
    }
    if let Some(quiet) = &policies.quiet_hours {
        lines.push(format!("Quiet hours: {}", quiet_hours_words(quiet)));
    }
    if let Some(gap) = &policies.min_gap {
        lines.push(format!("Minimum gap: {}", min_gap_words(gap)));
    }
    if !policies.consent_required.is_empty() {
        let channels: Vec<&str> = policies.consent_required.iter().map(|c| c.title()).collect();
        lines.push(format!("Consent required on: {}", channels.join(", ")));
    }
    if policies.priority != 0 {
        lines.push(format!("Priority: {}", policies.priority));
    }
    for (name, kind) in &settings.attributes {
        let kind = serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_owned));
        lines.push(format!("Declared attribute {name}: {}", kind.unwrap_or_default()));
    }
}

/// Node indexes from each entry, breadth first, port by port; then the nodes no entry reaches,
/// in file order.
fn reading_order(document: &JourneyDocument) -> Vec<usize> {
    let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, node) in document.nodes.iter().enumerate() {
        by_id.entry(node.id.as_str()).or_insert(index);
    }
    let mut next: BTreeMap<&str, Vec<(&str, &str)>> = BTreeMap::new();
    for edge in &document.edges {
        next.entry(edge.from.as_str()).or_default().push((edge.port.as_str(), edge.to.as_str()));
    }
    let mut seen = vec![false; document.nodes.len()];
    let mut order = Vec::with_capacity(document.nodes.len());
    let mut queue: VecDeque<usize> =
        document.nodes.iter().enumerate().filter(|(_, n)| n.kind() == Kind::Entry).map(|(i, _)| i).collect();
    while let Some(index) = queue.pop_front() {
        if std::mem::replace(&mut seen[index], true) {
            continue;
        }
        order.push(index);
        let node = &document.nodes[index];
        let ports = node.kind.ports();
        let mut out = next.get(node.id.as_str()).cloned().unwrap_or_default();
        out.sort_by_key(|(port, to)| (ports.iter().position(|p| p == port).unwrap_or(usize::MAX), *port, *to));
        queue.extend(out.iter().filter_map(|(_, to)| by_id.get(to).copied()));
    }
    order.extend((0..document.nodes.len()).filter(|i| !seen[*i]));
    order
}
