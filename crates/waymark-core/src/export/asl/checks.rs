//! What ASL cannot run, found before any state is written: loops, stays longer than a year and
//! names a state or a JSON path cannot carry. Each refusal names a node.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use super::{MAX_NAME, is_path_name};
use crate::export::Reason;
use crate::export::plan::{Plan, PlanDelay, PlanNode, Step};

/// Step Functions ends a Standard execution after a year.
const MAX_EXECUTION_SECONDS: i64 = 365 * 86_400;

/// The journey's nodes by id, and its graph with strongly connected components in topological order.
pub(super) struct Graph<'a> {
    plan: &'a Plan,
    pub(super) nodes: HashMap<&'a str, &'a PlanNode>,
    /// Node weights index `plan.nodes`.
    graph: DiGraph<usize, ()>,
    components: Vec<Vec<NodeIndex>>,
}

impl<'a> Graph<'a> {
    pub(super) fn new(plan: &'a Plan) -> Graph<'a> {
        let index: HashMap<&str, usize> = plan.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        let mut graph = DiGraph::with_capacity(plan.nodes.len(), plan.nodes.len());
        let vertices: Vec<NodeIndex> = (0..plan.nodes.len()).map(|i| graph.add_node(i)).collect();
        for (i, node) in plan.nodes.iter().enumerate() {
            for port in &node.ports {
                if let Some(&j) = index.get(port.to.as_str()) {
                    graph.add_edge(vertices[i], vertices[j], ());
                }
            }
        }
        let components = crate::graph::components_in_topological_order(&graph);
        Graph { plan, nodes: plan.nodes.iter().map(|n| (n.id.as_str(), n)).collect(), graph, components }
    }

    pub(super) fn successors(&self, id: &str) -> impl Iterator<Item = &'a str> + '_ {
        self.nodes.get(id).into_iter().flat_map(|n| n.ports.iter().map(|p| p.to.as_str()))
    }

    fn node_at(&self, vertex: NodeIndex) -> &'a PlanNode {
        &self.plan.nodes[self.graph[vertex]]
    }

    /// Any cycle makes the execution's length unbounded: refused at its first node.
    pub(super) fn check_loops(&self, reasons: &mut Vec<Reason>) {
        for component in &self.components {
            let cyclic = component.len() > 1 || self.graph.contains_edge(component[0], component[0]);
            if !cyclic {
                continue;
            }
            // In document order, so that the reason names the same node every time.
            let mut positions: Vec<usize> = component.iter().map(|v| self.graph[*v]).collect();
            positions.sort_unstable();
            let members: Vec<&PlanNode> = positions.iter().map(|&i| &self.plan.nodes[i]).collect();
            let titles: Vec<String> = members.iter().map(|node| format!("“{}”", node.title())).collect();
            let why = if members.iter().any(|node| matches!(node.step, Step::Parallel { .. })) {
                "a parallel step's path leads back to it, and a Parallel state's branches cannot reach outside themselves"
            } else {
                "it may repeat without bound, and Step Functions stops a Standard execution after one year and 25,000 events"
            };
            let message = format!("ASL cannot express the loop through {}: {why}.", titles.join(", "));
            reasons.push(Reason::at(&members[0].id, message));
        }
    }

    /// The longest a customer can stay, adding the longest wait of every step on a path
    /// (computed from the last steps back, once loops are known to be absent).
    pub(super) fn check_duration(&self, reasons: &mut Vec<Reason>) {
        let mut longest: HashMap<&str, i64> = HashMap::new();
        for component in self.components.iter().rev() {
            let node = self.node_at(component[0]);
            let after =
                self.successors(&node.id).map(|next| longest.get(next).copied().unwrap_or(0)).max().unwrap_or(0);
            let own = longest_wait(node);
            let total = own.saturating_add(after);
            longest.insert(node.id.as_str(), total);
            if total > MAX_EXECUTION_SECONDS && after <= MAX_EXECUTION_SECONDS {
                let message = format!(
                    "From “{}” on, the waits of one path add up to {} days; Step Functions stops a Standard execution after one year.",
                    node.title(),
                    total / 86_400
                );
                reasons.push(Reason::at(&node.id, message));
            }
        }
    }

    /// State names are node ids with at most a copy number and a helper word after them; an id
    /// that leaves no room, or that a JSON path cannot name, is refused.
    pub(super) fn check_names(&self, reasons: &mut Vec<Reason>) {
        for node in &self.plan.nodes {
            if node.id.chars().count() > MAX_NAME - 12 {
                reasons.push(Reason::at(
                    &node.id,
                    format!(
                        "The id of “{}” is too long for a state name (ASL allows {MAX_NAME} characters, and Waymark adds up to 12).",
                        node.title()
                    ),
                ));
            }
            if matches!(node.step, Step::Split { .. }) && !is_path_name(&node.id) {
                reasons.push(Reason::at(
                    &node.id,
                    format!(
                        "The split “{}” has the id `{}`, which a JSON path into `splitBuckets` cannot name; use letters, digits and `_`.",
                        node.title(),
                        node.id
                    ),
                ));
            }
        }
    }
}

/// The longest a node can hold a customer, in seconds.
fn longest_wait(node: &PlanNode) -> i64 {
    match &node.step {
        Step::Wait { delay: PlanDelay::Duration(duration) } => duration.seconds,
        Step::Wait { delay: PlanDelay::UntilTime { .. } } => 7 * 86_400,
        Step::Wait { delay: PlanDelay::UntilDate { offset, .. } } => offset.as_ref().map_or(0, |o| o.seconds.max(0)),
        Step::WaitForEvent { timeout, .. } => timeout.seconds,
        _ => 0,
    }
}
