//! The second stage: a journey document built into a graph.
//!
//! `Journey` owns the document and a petgraph graph over its nodes. The graph field is private so
//! that the rest of the code speaks in node ids and ports; derived orders (strongly connected
//! components, topological order of the condensation) are computed on first use and cached.
//! Building never fails: duplicate ids resolve to the first node with that id and edges with an
//! unknown end are left out of the graph; `validate` reports both.

use std::cell::OnceCell;

use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap;

use crate::graph;
use crate::model::{JourneyDocument, Kind, Node};

/// A journey document with its graph.
#[derive(Debug)]
pub struct Journey {
    document: JourneyDocument,
    /// Node weights index `document.nodes`; edge weights index `document.edges`.
    graph: DiGraph<usize, usize>,
    /// The graph node of each id (the first node, when an id is duplicated).
    by_id: FxHashMap<String, NodeIndex>,
    components: OnceCell<Components>,
}

/// Strongly connected components, in topological order (sources first).
#[derive(Debug)]
pub(crate) struct Components {
    pub(crate) order: Vec<Vec<NodeIndex>>,
    /// The component of each graph node, an index into `order`.
    pub(crate) of_node: Vec<usize>,
}

impl Journey {
    pub fn new(document: JourneyDocument) -> Journey {
        let mut graph = DiGraph::with_capacity(document.nodes.len(), document.edges.len());
        let mut by_id = FxHashMap::with_capacity_and_hasher(document.nodes.len(), Default::default());
        for (position, node) in document.nodes.iter().enumerate() {
            let index = graph.add_node(position);
            by_id.entry(node.id.clone()).or_insert(index);
        }
        for (position, edge) in document.edges.iter().enumerate() {
            if let (Some(&from), Some(&to)) = (by_id.get(&edge.from), by_id.get(&edge.to)) {
                graph.add_edge(from, to, position);
            }
        }
        Journey { document, graph, by_id, components: OnceCell::new() }
    }

    pub fn document(&self) -> &JourneyDocument {
        &self.document
    }

    pub fn into_document(self) -> JourneyDocument {
        self.document
    }

    /// The node with this id (the first, if the id is duplicated).
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.by_id.get(id).map(|index| self.node_at(*index))
    }

    /// The nodes customers go to from `id`, with the port they leave by.
    pub fn successors<'a>(&'a self, id: &str) -> impl Iterator<Item = (&'a str, &'a Node)> + 'a {
        let index = self.by_id.get(id).copied();
        index.into_iter().flat_map(move |index| {
            self.graph.edges(index).map(move |edge| {
                use petgraph::visit::EdgeRef;
                let port = self.document.edges[*edge.weight()].port.as_str();
                (port, self.node_at(edge.target()))
            })
        })
    }

    pub(crate) fn graph(&self) -> &DiGraph<usize, usize> {
        &self.graph
    }

    pub(crate) fn index_of(&self, id: &str) -> Option<NodeIndex> {
        self.by_id.get(id).copied()
    }

    pub(crate) fn node_at(&self, index: NodeIndex) -> &Node {
        &self.document.nodes[self.graph[index]]
    }

    pub(crate) fn kind_at(&self, index: NodeIndex) -> Kind {
        self.node_at(index).kind()
    }

    /// The graph nodes in the order of the document, skipping later duplicates of an id.
    pub(crate) fn unique_nodes(&self) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.node_indices().filter(|index| self.by_id.get(&self.node_at(*index).id) == Some(index))
    }

    pub(crate) fn components(&self) -> &Components {
        self.components.get_or_init(|| {
            let order = graph::components_in_topological_order(&self.graph);
            let mut of_node = vec![0; self.graph.node_count()];
            for (component, members) in order.iter().enumerate() {
                for node in members {
                    of_node[node.index()] = component;
                }
            }
            Components { order, of_node }
        })
    }
}
