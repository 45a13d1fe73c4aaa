//! Compiled journeys: nodes wired to their successors, goals, exit criteria, re-entry and the
//! journey's own policy, with each journey's place in the run-wide tables and its rank among
//! the journeys by priority.

use rustc_hash::FxHashMap;

use super::node::InJourney;
use super::{Compiler, Cond, EntryPlan, NodePlan, PolicyPlan, Step, events_of};
use crate::model::{Edge, JourneyDocument, ReentryMode};

#[derive(Debug)]
pub(crate) struct JourneyPlan {
    pub id: String,
    pub name: String,
    pub priority: u32,
    /// The place in priority order (0 goes first); journeys of equal priority keep the order given.
    pub rank: u16,
    pub node_base: usize,
    pub edge_base: usize,
    pub goal_base: usize,
    pub message_base: usize,
    pub nodes: Vec<NodePlan>,
    pub edges: Vec<(String, String, String)>,
    pub reentry: ReentryMode,
    pub cooldown: i64,
    pub goals: Vec<GoalPlan>,
    pub exit_criteria: Vec<(String, Cond)>,
    pub policy: PolicyPlan,
    pub entries: Vec<(u32, EntryPlan)>,
}

#[derive(Debug)]
pub(crate) struct GoalPlan {
    pub id: String,
    pub condition: Cond,
    pub within: Option<i64>,
    pub exit: bool,
}

/// Where a journey's nodes, edges, goals and messages start in the run-wide tables; after the
/// last journey, how many there are in all.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Bases {
    pub nodes: usize,
    pub edges: usize,
    pub goals: usize,
    pub messages: usize,
}

/// What an event sets off in one journey. An event's reactions go journey by journey in
/// priority order (so that priority decides who gets a capped slot), and within a journey in
/// the order of this enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reaction {
    /// Tokens of the journey waiting for the event move on.
    Resume { journey: u16 },
    /// The event triggers entry node `node`.
    Enter { journey: u16, node: u32 },
    /// The journey's goals or exit criteria mention the event.
    Goals { journey: u16 },
    /// The condition of segment entry node `node` mentions the event.
    Segment { journey: u16, node: u32 },
}

impl JourneyPlan {
    /// How customers enter at entry node `node`.
    pub(crate) fn entry(&self, node: u32) -> Option<&EntryPlan> {
        self.entries.iter().find(|e| e.0 == node).map(|e| &e.1)
    }
}

impl Compiler {
    /// Compiles the journeys in the order given and ranks them by priority.
    pub(super) fn journeys(&mut self, documents: &[JourneyDocument]) -> (Vec<JourneyPlan>, Bases) {
        let mut bases = Bases::default();
        let mut journeys = Vec::with_capacity(documents.len());
        for document in documents {
            let (journey, messages) = self.journey(document, bases);
            bases.nodes += journey.nodes.len();
            bases.edges += journey.edges.len();
            bases.goals += journey.goals.len();
            bases.messages += messages;
            journeys.push(journey);
        }
        rank(&mut journeys);
        (journeys, bases)
    }

    /// Compiles one journey; also returns how many message nodes it has.
    fn journey(&mut self, document: &JourneyDocument, bases: Bases) -> (JourneyPlan, usize) {
        let mut index: FxHashMap<&str, u32> = FxHashMap::default();
        for (i, node) in document.nodes.iter().enumerate() {
            index.entry(node.id.as_str()).or_insert(i as u32);
        }
        let mut context = InJourney { id: &document.id, nodes: &index, messages: 0 };
        let mut nodes = Vec::with_capacity(document.nodes.len());
        let mut entries = Vec::new();
        for (i, node) in document.nodes.iter().enumerate() {
            let (plan, entry) = self.node(node, &mut context);
            entries.extend(entry.map(|entry| (i as u32, entry)));
            nodes.push(plan);
        }
        let messages = context.messages as usize;
        let edges = connect(&mut nodes, &document.edges, &index);
        let settings = &document.settings;
        let goals = settings
            .goals
            .iter()
            .map(|g| GoalPlan {
                id: g.id.clone(),
                condition: self.condition(&g.condition, Some(&index)),
                within: g.within.map(|w| w.seconds()),
                exit: g.exit,
            })
            .collect();
        let exit_criteria =
            settings.exit_criteria.iter().map(|e| (e.id.clone(), self.condition(&e.condition, Some(&index)))).collect();
        let journey = JourneyPlan {
            id: document.id.clone(),
            name: document.name.clone(),
            priority: settings.policies.priority,
            rank: 0,
            node_base: bases.nodes,
            edge_base: bases.edges,
            goal_base: bases.goals,
            message_base: bases.messages,
            reentry: settings.reentry.mode,
            cooldown: settings.reentry.cooldown.map_or(0, |d| d.seconds().max(0)),
            policy: self.policy(&settings.policies, "journey"),
            goals,
            exit_criteria,
            entries,
            edges,
            nodes,
        };
        (journey, messages)
    }
}

/// Wires each node's ports to their targets. Edges from or to unknown nodes or ports, and
/// second edges from one port (validation errors), are left out.
fn connect(nodes: &mut [NodePlan], edges: &[Edge], index: &FxHashMap<&str, u32>) -> Vec<(String, String, String)> {
    let mut kept = Vec::new();
    for edge in edges {
        let (Some(&from), Some(&to)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str())) else {
            continue;
        };
        let node = &mut nodes[from as usize];
        let Some(port) = node.ports.iter().position(|p| *p == edge.port) else { continue };
        if node.next[port].is_some() {
            continue;
        }
        node.next[port] = Some((to, kept.len() as u32));
        kept.push((edge.from.clone(), edge.port.clone(), edge.to.clone()));
    }
    kept
}

/// Ranks journeys by priority, highest first; equal priorities keep the order given.
fn rank(journeys: &mut [JourneyPlan]) {
    let mut order: Vec<usize> = (0..journeys.len()).collect();
    order.sort_by_key(|j| std::cmp::Reverse(journeys[*j].priority));
    for (rank, j) in order.into_iter().enumerate() {
        journeys[j].rank = rank as u16;
    }
}

/// The journeys in priority order: their indices by rank.
pub(super) fn by_priority(journeys: &[JourneyPlan]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..journeys.len()).collect();
    order.sort_by_key(|j| journeys[*j].rank);
    order
}

/// What each of `event_count` events sets off, journey by journey in priority order.
pub(super) fn reactions(journeys: &[JourneyPlan], by_priority: &[usize], event_count: usize) -> Vec<Vec<Reaction>> {
    let mut reactions = vec![Vec::new(); event_count];
    let mut add = |events: &mut Vec<u32>, reaction: Reaction| {
        events.sort_unstable();
        events.dedup();
        for event in events.drain(..) {
            reactions[event as usize].push(reaction);
        }
    };
    let mut events = Vec::new();
    for &j in by_priority {
        let (journey, index) = (&journeys[j], j as u16);
        for node in &journey.nodes {
            if let Step::WaitForEvent { events: awaited, .. } = &node.step {
                events.extend(awaited.iter().map(|(event, _)| *event));
            }
        }
        add(&mut events, Reaction::Resume { journey: index });
        for (node, entry) in &journey.entries {
            if let EntryPlan::Event { event, .. } = entry {
                events.push(*event);
                add(&mut events, Reaction::Enter { journey: index, node: *node });
            }
        }
        for cond in journey.goals.iter().map(|g| &g.condition).chain(journey.exit_criteria.iter().map(|e| &e.1)) {
            events_of(cond, &mut events);
        }
        add(&mut events, Reaction::Goals { journey: index });
        for (node, entry) in &journey.entries {
            if let EntryPlan::Segment(cond) = entry {
                events_of(cond, &mut events);
                add(&mut events, Reaction::Segment { journey: index, node: *node });
            }
        }
    }
    reactions
}
