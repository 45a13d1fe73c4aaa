//! Diagram information: where each element sits (the canvas layout, moved to start near the
//! origin, or a layered place for nodes the layout does not give) and the BPMN DI shapes and edges.

use std::collections::HashMap;
use std::fmt::Write;

use super::{Body, Process};
use crate::export::plan::{Plan, PlanNode};
use crate::model::{Layout, Position};

pub(super) const EVENT: (f64, f64) = (36.0, 36.0);
pub(super) const GATEWAY: (f64, f64) = (50.0, 50.0);
pub(super) const TASK: (f64, f64) = (100.0, 80.0);
/// Room the sub-process of a goal or exit criterion takes.
pub(super) const SUBPROCESS: (f64, f64) = (220.0, 120.0);
/// Room between the columns and rows of nodes the layout does not place.
const COLUMN: f64 = 300.0;
const ROW: f64 = 200.0;

impl Body {
    pub(super) fn size(&self) -> (f64, f64) {
        match self {
            Body::Start { .. } | Body::End | Body::Timer(_) | Body::MessageCatch { .. } => EVENT,
            Body::Exclusive { .. } | Body::EventBased | Body::Parallel => GATEWAY,
            Body::Task { .. } => TASK,
        }
    }
}

impl Process<'_> {
    pub(super) fn write_diagram(&self, out: &mut String, process_id: &str) {
        out.push_str("  <bpmndi:BPMNDiagram id=\"diagram\">\n");
        let _ = writeln!(out, "    <bpmndi:BPMNPlane id=\"plane\" bpmnElement=\"{process_id}\">");
        let mut centers = HashMap::new();
        for element in &self.elements {
            let size = element.body.size();
            write_shape(out, &element.id, element.at, size, None);
            centers.insert(element.id.as_str(), (element.at.0 + size.0 / 2.0, element.at.1 + size.1 / 2.0));
        }
        for flow in &self.flows {
            let (Some(from), Some(to)) = (centers.get(flow.source.as_str()), centers.get(flow.target.as_str())) else {
                continue;
            };
            write_edge(out, &flow.id, *from, *to);
        }
        for sub in &self.subprocesses {
            write_shape(out, &sub.id, sub.at, SUBPROCESS, Some(true));
            let start_at = (sub.at.0 + 30.0, sub.at.1 + 42.0);
            let end_at = (sub.at.0 + SUBPROCESS.0 - 66.0, sub.at.1 + 42.0);
            write_shape(out, &format!("{}_start", sub.id), start_at, EVENT, None);
            write_shape(out, &format!("{}_end", sub.id), end_at, EVENT, None);
            write_edge(
                out,
                &format!("{}_flow", sub.id),
                (start_at.0 + 18.0, start_at.1 + 18.0),
                (end_at.0 + 18.0, end_at.1 + 18.0),
            );
        }
        for (id, _, at) in &self.notes {
            write_shape(out, id, *at, (200.0, 60.0), None);
        }
        out.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n");
    }
}

/// Where each node sits: its canvas position, moved with the notes so that the diagram starts
/// near (100, 100); a node the layout does not place goes under the others, in the column of its
/// distance from an entry.
pub(super) fn positions<'a>(plan: &'a Plan, layout: &Layout) -> HashMap<&'a str, (f64, f64)> {
    let shift = shift(layout);
    let placed = |p: &Position| (p.x + shift.0, p.y + shift.1);
    let below = layout.nodes.values().map(|p| placed(p).1).fold(0.0, f64::max) + 250.0;
    let depth = depths(plan);
    let mut rows: HashMap<usize, usize> = HashMap::new();
    plan.nodes
        .iter()
        .map(|node| {
            let at = match layout.nodes.get(&node.id) {
                Some(p) => placed(p),
                None => {
                    let column = depth.get(node.id.as_str()).copied().unwrap_or(0);
                    let row = rows.entry(column).or_insert(0);
                    *row += 1;
                    (100.0 + COLUMN * column as f64, below + ROW * (*row - 1) as f64)
                }
            };
            (node.id.as_str(), at)
        })
        .collect()
}

/// What moves the top-left-most node or note of the canvas to (100, 100).
pub(super) fn shift(layout: &Layout) -> (f64, f64) {
    let notes = layout.notes.iter().map(|n| (n.x, n.y));
    let (x, y) = layout
        .nodes
        .values()
        .map(|p| (p.x, p.y))
        .chain(notes)
        .fold((f64::INFINITY, f64::INFINITY), |(x, y), p| (x.min(p.0), y.min(p.1)));
    if x.is_finite() { (100.0 - x, 100.0 - y) } else { (0.0, 0.0) }
}

/// How many steps each node is from the nearest entry.
fn depths(plan: &Plan) -> HashMap<&str, usize> {
    let nodes: HashMap<&str, &PlanNode> = plan.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut depth: HashMap<&str, usize> = plan.entries.iter().map(|e| (e.as_str(), 0)).collect();
    let mut queue: std::collections::VecDeque<&str> = plan.entries.iter().map(String::as_str).collect();
    while let Some(id) = queue.pop_front() {
        let next_depth = depth[id] + 1;
        for port in nodes.get(id).map(|n| n.ports.as_slice()).unwrap_or_default() {
            if !depth.contains_key(port.to.as_str()) {
                depth.insert(port.to.as_str(), next_depth);
                queue.push_back(port.to.as_str());
            }
        }
    }
    depth
}

fn write_shape(out: &mut String, id: &str, at: (f64, f64), size: (f64, f64), expanded: Option<bool>) {
    let expanded = expanded.map(|e| format!(" isExpanded=\"{e}\"")).unwrap_or_default();
    let _ = writeln!(
        out,
        "      <bpmndi:BPMNShape id=\"{id}_di\" bpmnElement=\"{id}\"{expanded}>\n        <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" />\n      </bpmndi:BPMNShape>",
        number(at.0),
        number(at.1),
        number(size.0),
        number(size.1)
    );
}

fn write_edge(out: &mut String, id: &str, from: (f64, f64), to: (f64, f64)) {
    let _ = writeln!(
        out,
        "      <bpmndi:BPMNEdge id=\"{id}_di\" bpmnElement=\"{id}\">\n        <di:waypoint x=\"{}\" y=\"{}\" />\n        <di:waypoint x=\"{}\" y=\"{}\" />\n      </bpmndi:BPMNEdge>",
        number(from.0),
        number(from.1),
        number(to.0),
        number(to.1)
    );
}

/// A coordinate rounded to a whole number, as diagram tools write them.
fn number(value: f64) -> String {
    format!("{}", value.round() as i64)
}
