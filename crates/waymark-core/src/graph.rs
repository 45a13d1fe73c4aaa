//! Generic graph helpers over petgraph, with no journey types in them.

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{IntoNeighborsDirected, NodeIndexable};

/// Marks every node reachable from `starts` following edges in `direction`, the starts included.
pub fn reachable<G>(graph: G, starts: impl IntoIterator<Item = G::NodeId>, direction: Direction) -> Vec<bool>
where
    G: IntoNeighborsDirected + NodeIndexable,
{
    let mut seen = vec![false; graph.node_bound()];
    let mut stack: Vec<G::NodeId> = Vec::new();
    for start in starts {
        if !std::mem::replace(&mut seen[graph.to_index(start)], true) {
            stack.push(start);
        }
    }
    while let Some(node) = stack.pop() {
        for next in graph.neighbors_directed(node, direction) {
            if !std::mem::replace(&mut seen[graph.to_index(next)], true) {
                stack.push(next);
            }
        }
    }
    seen
}

/// Strongly connected components, sources first: every edge between two components goes from an
/// earlier component to a later one.
pub fn components_in_topological_order<N, E>(graph: &DiGraph<N, E>) -> Vec<Vec<NodeIndex>> {
    // Tarjan's algorithm yields components in reverse topological order.
    let mut components = petgraph::algo::tarjan_scc(graph);
    components.reverse();
    for component in &mut components {
        component.sort();
    }
    components
}

/// The components of the subgraph of nodes that `keep` accepts which contain a cycle: more than
/// one node, or one node with an edge to itself.
pub fn cycles_within<N, E>(graph: &DiGraph<N, E>, keep: impl Fn(NodeIndex) -> bool) -> Vec<Vec<NodeIndex>> {
    let filtered = petgraph::visit::NodeFiltered::from_fn(graph, keep);
    let mut cycles: Vec<Vec<NodeIndex>> = petgraph::algo::tarjan_scc(&filtered)
        .into_iter()
        .filter(|component| component.len() > 1 || graph.contains_edge(component[0], component[0]))
        .collect();
    for cycle in &mut cycles {
        cycle.sort();
    }
    cycles.sort();
    cycles
}

/// The immediate post-dominator of each node: the first node every path from it to one of
/// `sinks` must pass through. `None` when the paths only meet after the sinks (at a virtual end),
/// or when the node cannot reach a sink at all.
pub fn immediate_post_dominators<N, E>(graph: &DiGraph<N, E>, sinks: &[NodeIndex]) -> Vec<Option<NodeIndex>> {
    // Post-dominators are the dominators of the reversed graph, rooted at a virtual end node that
    // every sink leads to.
    let count = graph.node_count();
    let mut reversed: DiGraph<(), ()> = DiGraph::with_capacity(count + 1, graph.edge_count() + sinks.len());
    for _ in 0..=count {
        reversed.add_node(());
    }
    let end = NodeIndex::new(count);
    for edge in graph.raw_edges() {
        reversed.add_edge(edge.target(), edge.source(), ());
    }
    for sink in sinks {
        reversed.add_edge(end, *sink, ());
    }
    let dominators = petgraph::algo::dominators::simple_fast(&reversed, end);
    (0..count).map(|i| dominators.immediate_dominator(NodeIndex::new(i)).filter(|d| *d != end)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(u32, u32)], nodes: usize) -> DiGraph<(), ()> {
        let mut graph = DiGraph::new();
        for _ in 0..nodes {
            graph.add_node(());
        }
        graph.extend_with_edges(edges);
        graph
    }

    #[test]
    fn reachability_follows_the_direction() {
        let g = graph(&[(0, 1), (1, 2), (3, 2)], 4);
        assert_eq!(reachable(&g, [NodeIndex::new(0)], Direction::Outgoing), [true, true, true, false]);
        assert_eq!(reachable(&g, [NodeIndex::new(2)], Direction::Incoming), [true, true, true, true]);
    }

    #[test]
    fn components_come_sources_first() {
        let g = graph(&[(0, 1), (1, 2), (2, 1), (2, 3)], 4);
        let order: Vec<Vec<usize>> = components_in_topological_order(&g)
            .into_iter()
            .map(|c| c.into_iter().map(|n| n.index()).collect())
            .collect();
        assert_eq!(order, [vec![0], vec![1, 2], vec![3]]);
    }

    #[test]
    fn post_dominators_find_where_paths_meet_again() {
        // 0 splits to 1 and 2, which meet at 3, which splits to the sinks 4 and 5.
        let g = graph(&[(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (3, 5)], 6);
        let ipdom = immediate_post_dominators(&g, &[NodeIndex::new(4), NodeIndex::new(5)]);
        let ipdom: Vec<Option<usize>> = ipdom.into_iter().map(|d| d.map(|n| n.index())).collect();
        assert_eq!(ipdom, [Some(3), Some(3), Some(3), None, None, None]);
    }

    #[test]
    fn cycles_within_ignores_cycles_broken_by_removed_nodes() {
        let g = graph(&[(0, 1), (1, 0), (2, 3), (3, 4), (4, 2), (5, 5)], 6);
        let cycles = cycles_within(&g, |n| n.index() != 3);
        assert_eq!(cycles, [vec![NodeIndex::new(0), NodeIndex::new(1)], vec![NodeIndex::new(5)]]);
    }
}
