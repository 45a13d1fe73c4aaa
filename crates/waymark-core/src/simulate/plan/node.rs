//! Compiled nodes: what each kind of node does, with names turned into ids, durations into
//! seconds and weights into cumulative tables.

use rustc_hash::FxHashMap;

use super::{Compiler, Cond, Val};
use crate::model::{Category, Change, Channel, Delay, Kind, Node, NodeKind, SplitPath, Trigger, Weekday};
use crate::simulate::rng::hash_text;
use crate::simulate::time;

#[derive(Debug)]
pub(crate) struct NodePlan {
    pub id: String,
    /// A hash of the id: what the node is called in a customer's fingerprint, the same in every
    /// version of the journey.
    pub key: u64,
    pub kind: Kind,
    pub step: Step,
    pub ports: Vec<String>,
    /// Per port: the target node and the edge (journey-local indices).
    pub next: Vec<Option<(u32, u32)>>,
}

#[derive(Debug)]
pub(crate) enum Step {
    Entry,
    WaitFor(i64),
    WaitUntilTime {
        minute: i64,
        weekdays: u8,
        zone: Option<usize>,
    },
    WaitUntilDate {
        attr: u32,
        offset: i64,
    },
    WaitForEvent {
        events: Vec<(u32, Option<Cond>)>,
        timeout: Option<i64>,
    },
    /// `lazy`: the lazy processes whose events the cases mention.
    Branch {
        cases: Vec<Cond>,
        lazy: Vec<u32>,
    },
    /// `ends`: where each path's range of buckets ends (`split::bucket_ends`).
    Split {
        id: String,
        ends: Vec<u32>,
        holdout: Vec<bool>,
    },
    Parallel {
        paths: usize,
    },
    Message {
        channel: Option<Channel>,
        marketing: bool,
        /// The message's index among the journey's messages.
        message: u32,
    },
    Update {
        changes: Vec<ChangePlan>,
    },
    Exit,
}

#[derive(Debug)]
pub(crate) enum ChangePlan {
    Set(u32, Val),
    Increment(u32, f64),
    AddTag(u32),
    RemoveTag(u32),
    Stage(u32),
}

/// How customers enter a journey at an entry node.
#[derive(Debug)]
pub(crate) enum EntryPlan {
    Event { event: u32, filter: Option<Cond> },
    Segment(Cond),
    Schedule { local_start: Option<i64>, repeat: i64, zone: Option<usize>, audience: Option<Cond> },
    DateAttribute { attr: u32, offset: i64, minute: i64 },
}

/// What compiling a node needs to know about its journey.
pub(super) struct InJourney<'a> {
    pub id: &'a str,
    /// The journey's node ids and their indices, for engagement conditions.
    pub nodes: &'a FxHashMap<&'a str, u32>,
    /// Message nodes compiled so far.
    pub messages: u32,
}

impl Compiler {
    /// Compiles a node; an entry node also says how customers enter.
    pub(super) fn node(&mut self, node: &Node, journey: &mut InJourney<'_>) -> (NodePlan, Option<EntryPlan>) {
        let mut entry = None;
        let step = match &node.kind {
            NodeKind::Entry { trigger } => {
                entry = Some(self.entry(trigger, journey));
                Step::Entry
            }
            NodeKind::Wait { delay } => self.wait(delay, journey.id),
            NodeKind::WaitForEvent { events, timeout } => Step::WaitForEvent {
                events: events
                    .iter()
                    .map(|e| {
                        (self.events.id(&e.event), e.filter.as_ref().map(|f| self.condition(f, Some(journey.nodes))))
                    })
                    .collect(),
                timeout: timeout.map(|t| t.seconds().max(1)),
            },
            NodeKind::Branch { cases } => {
                let cases = cases.iter().map(|case| self.condition(&case.when, Some(journey.nodes))).collect();
                Step::Branch { cases, lazy: Vec::new() }
            }
            NodeKind::Split { paths } => split(paths, journey.id, &node.id),
            NodeKind::Parallel { paths } => Step::Parallel { paths: paths.len() },
            NodeKind::Message(message) => {
                journey.messages += 1;
                Step::Message {
                    channel: message.channel,
                    marketing: message.category == Category::Marketing,
                    message: journey.messages - 1,
                }
            }
            NodeKind::Update { changes } => Step::Update { changes: changes.iter().map(|c| self.change(c)).collect() },
            NodeKind::Exit { .. } => Step::Exit,
        };
        let ports: Vec<String> = node.kind.ports().into_iter().map(str::to_owned).collect();
        let plan = NodePlan {
            id: node.id.clone(),
            key: hash_text(&node.id),
            kind: node.kind(),
            step,
            next: vec![None; ports.len()],
            ports,
        };
        (plan, entry)
    }

    fn entry(&mut self, trigger: &Trigger, journey: &InJourney<'_>) -> EntryPlan {
        match trigger {
            Trigger::Event { name, filter } => EntryPlan::Event {
                event: self.events.id(name),
                filter: filter.as_ref().map(|f| self.condition(f, Some(journey.nodes))),
            },
            Trigger::Segment { condition } => EntryPlan::Segment(self.condition(condition, Some(journey.nodes))),
            Trigger::Schedule { start, repeat, timezone, audience } => EntryPlan::Schedule {
                local_start: time::parse_local_datetime(start),
                repeat: repeat.map_or(0, |r| r.seconds().max(0)),
                zone: self.zone(timezone, journey.id),
                audience: audience.as_ref().map(|a| self.condition(a, Some(journey.nodes))),
            },
            Trigger::DateAttribute { attr, offset, time: at } => EntryPlan::DateAttribute {
                attr: self.attrs.id(attr),
                offset: offset.map_or(0, |o| o.seconds()),
                minute: at.as_deref().and_then(time::parse_hhmm).unwrap_or(9 * 60),
            },
        }
    }

    fn wait(&mut self, delay: &Delay, journey: &str) -> Step {
        match delay {
            // A wait of zero (a validation error) still lets a second pass, so loops end.
            Delay::Duration(d) => Step::WaitFor(d.seconds().max(1)),
            Delay::UntilTime { time: at, weekdays, timezone } => Step::WaitUntilTime {
                minute: time::parse_hhmm(at).unwrap_or(0),
                weekdays: weekdays.iter().fold(0, |m, d| m | weekday_bit(*d)),
                zone: self.zone(timezone, journey),
            },
            Delay::UntilDate { attr, offset } => {
                Step::WaitUntilDate { attr: self.attrs.id(attr), offset: offset.map_or(0, |o| o.seconds()) }
            }
        }
    }

    fn change(&mut self, change: &Change) -> ChangePlan {
        match change {
            Change::Set { attr, value } => ChangePlan::Set(self.attrs.id(attr), self.value(value)),
            Change::Increment { attr, by } => ChangePlan::Increment(self.attrs.id(attr), *by),
            Change::AddTag(tag) => ChangePlan::AddTag(self.symbols.id(tag)),
            Change::RemoveTag(tag) => ChangePlan::RemoveTag(self.symbols.id(tag)),
            Change::LifecycleStage(stage) => ChangePlan::Stage(self.symbols.id(stage)),
        }
    }
}

/// A split's bucket ranges and the id customers are hashed under, as exported plans give them,
/// so that the simulator and every runtime put a customer on the same path.
fn split(paths: &[SplitPath], journey: &str, node: &str) -> Step {
    let weights: Vec<f64> = paths.iter().map(|p| p.weight).collect();
    Step::Split {
        id: crate::split::split_id(journey, node),
        ends: crate::split::bucket_ends(&weights),
        holdout: paths.iter().map(|p| p.holdout).collect(),
    }
}

fn weekday_bit(day: Weekday) -> u8 {
    1 << (day as u8)
}
