//! Tallies: what the customers of one thread did, summed. Sums do not depend on the order they
//! are added in, so the tallies of several threads `merge` into the same totals whatever the
//! thread count.

use super::Run;
use super::customer::Sent;
use crate::simulate::plan::{CHANNELS, Plan};
use crate::simulate::report::{ConflictKind, StopReason, Trace};
use crate::simulate::rng::mix;
use crate::simulate::time::{DAY, HOUR};

/// Per-customer counts above this are tallied in the last bucket.
pub(crate) const HISTOGRAM: usize = 1_024;
/// The most example customers kept per conflict.
const EXAMPLES: usize = 5;
/// The most stopped customers the report lists (the lowest indices).
const STOPPED: usize = 10;

/// Tallies of one thread; `merge` adds another thread's.
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    pub customers: u64,
    pub entered: u64,
    pub visits: u64,
    pub events: u64,
    pub sent: u64,
    pub suppressed: u64,
    /// Indexed by `Suppression`.
    pub suppressed_by: [u64; Suppression::ALL.len()],
    /// Per node, run-wide index.
    pub nodes: Vec<NodeCounts>,
    pub edges: Vec<u64>,
    pub journey_entries: Vec<u64>,
    pub journey_customers: Vec<u64>,
    pub journey_sent: Vec<u64>,
    /// Per goal and `Group`: entries, conversions, hours-to-goal histogram.
    pub goal_entries: Vec<[u64; 2]>,
    pub goal_converted: Vec<[u64; 2]>,
    pub goal_hours: Vec<[Vec<u64>; 2]>,
    /// Messages per day and channel, and per channel and local hour.
    pub per_day: Vec<[u64; CHANNELS.len()]>,
    pub local_hour: [[u64; 24]; CHANNELS.len()],
    /// Histograms of messages per customer: in all, in any 24 hours, in any 7 days.
    pub total: Vec<u64>,
    pub rolling_24h: Vec<u64>,
    pub rolling_7d: Vec<u64>,
    /// Indexed by `ConflictKind` (in the order of `ConflictKind::ALL`).
    pub conflicts: [Occurrences; ConflictKind::ALL.len()],
    /// Cross-journey conflicts per pair of journeys: `journey * journeys + other`.
    pub between: Vec<Occurrences>,
    pub traces: Vec<(u64, Trace)>,
    /// Times the token limit stopped parallel paths from multiplying.
    pub cut_short: u64,
    /// Customers a limit stopped, per `StopReason`, and the first `STOPPED` of them.
    pub stopped_by: [u64; 2],
    pub stopped: Vec<Stop>,
}

/// A customer a limit stopped: when, the node it was last at (journey, node) and why.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stop {
    pub customer: u64,
    pub t: i64,
    pub place: Option<(usize, u32)>,
    pub reason: StopReason,
    /// The limit that was reached.
    pub limit: u64,
}

/// What happened at one node.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NodeCounts {
    pub entered: u64,
    pub passed: u64,
    pub exited: u64,
    pub suppressed: u64,
}

/// Why a message was not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub(crate) enum Suppression {
    Holdout,
    Unreachable,
    NoConsent,
    NoChannel,
    FrequencyCap,
    QuietHours,
    MinGap,
}

/// What a step of a customer's story was, for its fingerprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Story {
    /// Arrived at a node.
    Arrived,
    /// Got a message on a channel.
    Sent(usize),
    /// A message was not sent, for a reason.
    Suppressed(Suppression),
    /// Removed from a node by a goal, an exit criterion or a re-entry.
    Removed,
    /// Reached a goal (its key is the goal's, not a node's).
    Goal,
}

/// The two groups a goal is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(usize)]
pub(crate) enum Group {
    Treatment,
    /// Customers on a holdout path of a split.
    Holdout,
}

/// How often something happened, and to whom: the lowest few customer indices.
#[derive(Debug, Clone, Default)]
pub(crate) struct Occurrences {
    pub count: u64,
    pub examples: Vec<u64>,
}

impl Suppression {
    pub const ALL: [Suppression; 7] = [
        Suppression::Holdout,
        Suppression::Unreachable,
        Suppression::NoConsent,
        Suppression::NoChannel,
        Suppression::FrequencyCap,
        Suppression::QuietHours,
        Suppression::MinGap,
    ];
}

impl Group {
    pub(crate) fn of(holdout: bool) -> Group {
        if holdout { Group::Holdout } else { Group::Treatment }
    }
}

impl NodeCounts {
    fn add(&mut self, other: &NodeCounts) {
        self.entered += other.entered;
        self.passed += other.passed;
        self.exited += other.exited;
        self.suppressed += other.suppressed;
    }
}

impl Occurrences {
    fn add(&mut self, customer: u64) {
        self.count += 1;
        let examples = &mut self.examples;
        if examples.contains(&customer) || (examples.len() >= EXAMPLES && examples.iter().all(|e| *e < customer)) {
            return;
        }
        examples.push(customer);
        examples.sort_unstable();
        examples.truncate(EXAMPLES);
    }

    fn merge(&mut self, other: Occurrences) {
        self.count += other.count;
        self.examples.extend(other.examples);
        self.examples.sort_unstable();
        self.examples.dedup();
        self.examples.truncate(EXAMPLES);
    }
}

impl Tally {
    pub(crate) fn new(plan: &Plan) -> Tally {
        let hours = (plan.horizon / HOUR) as usize + 1;
        Tally {
            customers: 0,
            entered: 0,
            visits: 0,
            events: 0,
            sent: 0,
            suppressed: 0,
            suppressed_by: [0; Suppression::ALL.len()],
            nodes: vec![NodeCounts::default(); plan.node_total],
            edges: vec![0; plan.edge_total],
            journey_entries: vec![0; plan.journeys.len()],
            journey_customers: vec![0; plan.journeys.len()],
            journey_sent: vec![0; plan.journeys.len()],
            goal_entries: vec![[0; 2]; plan.goal_total],
            goal_converted: vec![[0; 2]; plan.goal_total],
            goal_hours: (0..plan.goal_total).map(|_| [vec![0; hours], vec![0; hours]]).collect(),
            per_day: vec![[0; CHANNELS.len()]; plan.days as usize],
            local_hour: [[0; 24]; CHANNELS.len()],
            total: vec![0; HISTOGRAM],
            rolling_24h: vec![0; HISTOGRAM],
            rolling_7d: vec![0; HISTOGRAM],
            conflicts: Default::default(),
            between: vec![Occurrences::default(); plan.journeys.len() * plan.journeys.len()],
            traces: Vec::new(),
            cut_short: 0,
            stopped_by: [0; 2],
            stopped: Vec::new(),
        }
    }

    pub(crate) fn merge(&mut self, other: Tally) {
        fn add(a: &mut [u64], b: &[u64]) {
            a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        }
        self.customers += other.customers;
        self.entered += other.entered;
        self.visits += other.visits;
        self.events += other.events;
        self.sent += other.sent;
        self.suppressed += other.suppressed;
        add(&mut self.suppressed_by, &other.suppressed_by);
        self.nodes.iter_mut().zip(&other.nodes).for_each(|(a, b)| a.add(b));
        add(&mut self.edges, &other.edges);
        add(&mut self.journey_entries, &other.journey_entries);
        add(&mut self.journey_customers, &other.journey_customers);
        add(&mut self.journey_sent, &other.journey_sent);
        self.goal_entries.iter_mut().zip(&other.goal_entries).for_each(|(a, b)| add(a, b));
        self.goal_converted.iter_mut().zip(&other.goal_converted).for_each(|(a, b)| add(a, b));
        for (a, b) in self.goal_hours.iter_mut().zip(&other.goal_hours) {
            add(&mut a[0], &b[0]);
            add(&mut a[1], &b[1]);
        }
        self.per_day.iter_mut().zip(&other.per_day).for_each(|(a, b)| add(a, b));
        self.local_hour.iter_mut().zip(&other.local_hour).for_each(|(a, b)| add(a, b));
        add(&mut self.total, &other.total);
        add(&mut self.rolling_24h, &other.rolling_24h);
        add(&mut self.rolling_7d, &other.rolling_7d);
        for (a, b) in self.conflicts.iter_mut().zip(other.conflicts) {
            a.merge(b);
        }
        for (a, b) in self.between.iter_mut().zip(other.between) {
            a.merge(b);
        }
        self.cut_short += other.cut_short;
        add(&mut self.stopped_by, &other.stopped_by);
        self.stopped.extend(other.stopped);
        self.stopped.sort_by_key(|s| s.customer);
        self.stopped.truncate(STOPPED);
        self.traces.extend(other.traces);
        self.traces.sort_by_key(|t| t.0);
    }

    pub(crate) fn suppressed_by(&self, reason: Suppression) -> u64 {
        self.suppressed_by[reason as usize]
    }

    pub(super) fn conflict(&mut self, kind: ConflictKind, customer: u64) {
        self.conflicts[kind as usize].add(customer);
    }

    /// A cross-journey conflict: journey `j`'s message came after journey `other`'s, or lost
    /// its slot to it.
    pub(super) fn cross_journey(&mut self, j: usize, other: usize, customer: u64) {
        self.conflict(ConflictKind::CrossJourney, customer);
        let journeys = self.journey_entries.len();
        self.between[j * journeys + other].add(customer);
    }

    /// Tallies the messages one customer got: in all and in the busiest 24 hours and 7 days.
    fn cadence(&mut self, sends: &[Sent]) {
        let clamp = |n: usize| n.min(HISTOGRAM - 1);
        self.total[clamp(sends.len())] += 1;
        for (window, histogram) in [(DAY, &mut self.rolling_24h), (7 * DAY, &mut self.rolling_7d)] {
            let (mut most, mut first) = (0, 0);
            for last in 0..sends.len() {
                while sends[last].t - sends[first].t >= window {
                    first += 1;
                }
                most = most.max(last + 1 - first);
            }
            histogram[clamp(most)] += 1;
        }
    }
}

impl Run<'_> {
    /// Tallies the customer; returns whether it entered any journey.
    pub(super) fn finish(&mut self) -> bool {
        self.tally.customers += 1;
        if let Some(stop) = self.c.stop {
            self.tally.stopped_by[stop.reason as usize] += 1;
            // Customers come in increasing index order on a thread: the first few are kept.
            if self.tally.stopped.len() < STOPPED {
                self.tally.stopped.push(stop);
            }
        }
        for j in 0..self.plan.journeys.len() {
            if self.c.instances[j].ever {
                self.close(j);
            }
        }
        self.finish_trace();
        if !self.c.entered_any {
            return false;
        }
        self.tally.entered += 1;
        self.tally.cadence(&self.c.sends);
        true
    }

    /// Counts a message not sent at node `n` of journey `j`.
    pub(super) fn count_suppressed(&mut self, j: usize, n: u32, reason: Suppression) {
        let journey = &self.plan.journeys[j];
        self.tally.suppressed += 1;
        self.tally.suppressed_by[reason as usize] += 1;
        self.tally.nodes[journey.node_base + n as usize].suppressed += 1;
    }

    /// Folds one step of the customer's story into its fingerprint: what happened, in journey
    /// `j` at the node or goal whose key is `key`, at time `t`. The fold is order-sensitive, so
    /// the same steps at other times or in another order give another fingerprint. Ports are not
    /// folded: the next node a token arrives at tells which one it took.
    pub(super) fn fingerprint(&mut self, j: usize, key: u64, story: Story, t: i64) {
        let what = match story {
            Story::Arrived => 1,
            Story::Sent(channel) => 2 | (channel as u64) << 4,
            Story::Suppressed(reason) => 3 | (reason as u64) << 4,
            Story::Removed => 4,
            Story::Goal => 5,
        };
        let step = key
            ^ (t as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (what | (j as u64) << 16).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        self.c.fingerprint = mix(self.c.fingerprint ^ step);
    }

    /// Folds a step at node `n` of journey `j` into the customer's fingerprint.
    pub(super) fn fingerprint_node(&mut self, j: usize, n: u32, story: Story, t: i64) {
        let key = self.plan.journeys[j].nodes[n as usize].key;
        self.fingerprint(j, key, story, t);
    }

    /// The counts of node `n` of journey `j`.
    pub(super) fn node_counts(&mut self, j: usize, n: u32) -> &mut NodeCounts {
        &mut self.tally.nodes[self.plan.journeys[j].node_base + n as usize]
    }
}
