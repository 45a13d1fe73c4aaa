//! Generic graph helpers over petgraph, with no journey types in them.
//!
//! Nothing here recurses: a journey can have hundreds of thousands of steps in a row, and a
//! depth-first search that used the call stack would overflow it (petgraph's `tarjan_scc` does, on
//! a chain of about 90,000 nodes). Searches keep their own stack on the heap instead.

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{IntoNeighbors, IntoNeighborsDirected, IntoNodeIdentifiers, NodeIndexable};

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
    let mut components = strongly_connected_components(graph);
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
    let mut cycles: Vec<Vec<NodeIndex>> = strongly_connected_components(&filtered)
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

/// Tarjan's strongly connected components, sinks first, with the depth-first search on an
/// explicit stack. It visits nodes and neighbours in the same order as petgraph's recursive
/// `tarjan_scc`, so it yields the same components in the same order; the order of the nodes
/// within a component is unspecified.
fn strongly_connected_components<G>(graph: G) -> Vec<Vec<G::NodeId>>
where
    G: IntoNodeIdentifiers + IntoNeighbors + NodeIndexable,
{
    const UNVISITED: usize = usize::MAX;
    let bound = graph.node_bound();
    // The order in which the search first reached each node, and the earliest such order of a
    // node still on `open` that the node's subtree has an edge to.
    let mut order = vec![UNVISITED; bound];
    let mut low = vec![0; bound];
    let mut on_open = vec![false; bound];
    // Nodes reached whose component is not yet known, and the search's path with the neighbours
    // each node on it has left to look at.
    let mut open: Vec<G::NodeId> = Vec::new();
    let mut path: Vec<(G::NodeId, G::Neighbors)> = Vec::new();
    let mut reached = 0;
    let mut components = Vec::new();
    for root in graph.node_identifiers() {
        if order[graph.to_index(root)] != UNVISITED {
            continue;
        }
        let mut entering = Some(root);
        loop {
            if let Some(node) = entering.take() {
                let i = graph.to_index(node);
                order[i] = reached;
                low[i] = reached;
                on_open[i] = true;
                reached += 1;
                open.push(node);
                path.push((node, graph.neighbors(node)));
            }
            let Some((node, neighbours)) = path.last_mut() else { break };
            let node = *node;
            let i = graph.to_index(node);
            if let Some(next) = neighbours.next() {
                let j = graph.to_index(next);
                if order[j] == UNVISITED {
                    entering = Some(next);
                } else if on_open[j] {
                    low[i] = low[i].min(order[j]);
                }
                continue;
            }
            path.pop();
            if low[i] == order[i] {
                let start = open.iter().rposition(|n| *n == node).expect("a node being finished is open");
                let component = open.split_off(start);
                for member in &component {
                    on_open[graph.to_index(*member)] = false;
                }
                components.push(component);
            }
            if let Some((parent, _)) = path.last() {
                let p = graph.to_index(*parent);
                low[p] = low[p].min(low[i]);
            }
        }
    }
    components
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
    fn components_match_petgraphs_recursive_tarjan_in_content_and_order() {
        // Small pseudo-random graphs (a fixed linear congruential sequence), loops and parallel
        // edges included, so the order callers relied on before the search went iterative holds.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |bound: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) % bound) as u32
        };
        for _ in 0..500 {
            let nodes = 1 + next(12);
            let edges: Vec<(u32, u32)> =
                (0..next(30)).map(|_| (next(u64::from(nodes)), next(u64::from(nodes)))).collect();
            let g = graph(&edges, nodes as usize);
            let sorted = |mut components: Vec<Vec<NodeIndex>>| {
                components.iter_mut().for_each(|c| c.sort());
                components
            };
            assert_eq!(
                sorted(strongly_connected_components(&g)),
                sorted(petgraph::algo::tarjan_scc(&g)),
                "{nodes} nodes, edges {edges:?}"
            );
        }
    }

    #[test]
    fn a_million_node_chain_does_not_overflow_a_small_stack() {
        let run = || {
            let nodes = 1_000_000u32;
            let edges: Vec<(u32, u32)> = (1..nodes).map(|n| (n - 1, n)).collect();
            let g = graph(&edges, nodes as usize);
            assert_eq!(components_in_topological_order(&g).len(), nodes as usize);
            assert!(cycles_within(&g, |_| true).is_empty());
            let ipdom = immediate_post_dominators(&g, &[NodeIndex::new(nodes as usize - 1)]);
            assert_eq!(ipdom[0], Some(NodeIndex::new(1)));
        };
        std::thread::Builder::new().stack_size(256 * 1024).spawn(run).unwrap().join().unwrap();
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
