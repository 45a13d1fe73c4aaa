//! The behavioural diff: two versions of a journey simulated on the same synthetic population,
//! and what changes for customers: how many of them get another story, messages per channel and
//! per customer, suppressions, conflicts, goal conversion and traffic per node, before and
//! after, with a few changed customers' timelines in both versions.
//!
//! `compare(old, new, scenario, options)` is the whole API. Both versions see the same customers:
//! the same indices, the same seed, the same per-customer random streams. A version only draws
//! what its journey reads (attributes, channels, events), so each version is compiled with the
//! other's draws too (`plan::compile_with`), and an edit that reads a new attribute or sends on a
//! new channel does not redraw everyone's profile. A split's path comes from a stream of its own,
//! keyed by the journey, the split and the customer, so an edit elsewhere does not reshuffle it.
//!
//! It costs about two simulations: every customer runs through both versions one after the
//! other on the same thread, and the engine's per-customer fingerprint (a hash of the steps
//! taken and the messages got, with their times) tells whether the two stories differ without
//! tracing anyone. Only the example customers are simulated again, traced, at the end.

use std::slice;
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::{FxHashMap, FxHashSet};
use schemars::JsonSchema;
use serde::Serialize;
use ts_rs::TS;

use super::engine::{CHUNK, Customer, Tally, customer_id, simulate_customer};
use super::plan::{self, CHANNELS, Plan};
use super::report::{ConflictKind, GoalOutcome, GoalReport, JourneyReport, PerCustomer, Report, Suppressions, Trace};
use super::{Options, Scenario, summary};
use crate::model::{Channel, JourneyDocument};

/// How many changed customers are shown with both timelines.
pub const EXAMPLES: usize = 5;

/// What changes for customers between two versions of a journey run on one population.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
pub struct BehaviourDiff {
    /// The scenario both versions ran on, its start date, horizon and seed.
    pub scenario: String,
    pub start: String,
    pub days: u32,
    pub seed: u64,
    /// Customers simulated, each through both versions.
    pub customers: u64,
    /// Customers whose sequence of steps or messages (or their times) differs between the two
    /// versions.
    pub changed_customers: u64,
    /// False when the run was cancelled; the figures then cover only part of the population.
    pub complete: bool,
    /// Customers who entered the journey.
    pub entered: BeforeAfter,
    pub messages_sent: BeforeAfter,
    /// Messages sent per channel, for every channel either version sends on, in channel order.
    pub messages: Vec<ChannelMessages>,
    /// Messages per customer who entered (p50, p95, max), in all and in the busiest 24 hours and
    /// 7 days.
    pub per_customer: PerCustomerShift,
    /// Messages not sent, by reason, every reason listed.
    pub suppressions: Vec<SuppressionShift>,
    /// Conflicts by kind, every kind listed.
    pub conflicts: Vec<ConflictShift>,
    /// Each goal of either version, treatment and holdout; `null` in a version without it.
    pub goals: Vec<GoalShift>,
    /// Arrivals at each node of either version: the new version's nodes in its order, then the
    /// nodes only the old one has; 0 in a version without the node.
    pub nodes: Vec<NodeTraffic>,
    /// A few customers whose story changed (the lowest ids), or the customer asked for first,
    /// with their timelines in both versions.
    pub examples: Vec<ExampleCustomer>,
    /// What the simulator had to assume in either version.
    pub warnings: Vec<String>,
}

/// A count in the old version and in the new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct BeforeAfter {
    pub before: u64,
    pub after: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct ChannelMessages {
    pub channel: Channel,
    pub before: u64,
    pub after: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
pub struct PerCustomerShift {
    pub before: PerCustomer,
    pub after: PerCustomer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct SuppressionShift {
    /// Why the messages were not sent: a field name of `Suppressions` (`holdout`, `no_consent`…).
    pub reason: String,
    pub before: u64,
    pub after: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct ConflictShift {
    pub kind: ConflictKind,
    pub before: u64,
    pub after: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
pub struct GoalShift {
    pub id: String,
    pub treatment: OutcomeShift,
    /// Customers on a holdout path of a split.
    pub holdout: OutcomeShift,
}

/// A goal's outcome in the old version and in the new one; `null` in a version without the goal.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
pub struct OutcomeShift {
    pub before: Option<GoalOutcome>,
    pub after: Option<GoalOutcome>,
}

/// How many times customers arrived at a node, in the old version and in the new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct NodeTraffic {
    pub id: String,
    pub before: u64,
    pub after: u64,
}

/// One customer's timeline in both versions.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
pub struct ExampleCustomer {
    pub customer: String,
    /// Whether the two timelines differ (always, except for a customer asked for by id).
    pub changed: bool,
    pub before: Trace,
    pub after: Trace,
}

/// Simulates `old` and `new` on the scenario's population and says what changes for customers.
/// `options.trace` puts that customer first among the examples, changed or not.
pub fn compare(
    old: &JourneyDocument,
    new: &JourneyDocument,
    scenario: &Scenario,
    options: &Options<'_>,
) -> BehaviourDiff {
    let (old_plan, new_plan) = plans(old, new, scenario);
    let run = run_both(&old_plan, &new_plan, options);
    let complete = run.old.customers == old_plan.customers;
    let changed = run.changed;
    let mut indices: Vec<u64> = options.trace.filter(|i| *i < old_plan.customers).into_iter().collect();
    indices.extend(run.examples.iter().filter(|i| Some(**i) != options.trace).take(EXAMPLES));
    let examples = indices.into_iter().map(|index| example(&old_plan, &new_plan, index)).collect();
    let before = summary::report(&old_plan, run.old, slice::from_ref(old));
    let after = summary::report(&new_plan, run.new, slice::from_ref(new));
    let mut warnings = versions_warnings(&before, &after);
    if old_plan.draws() != new_plan.draws() {
        // Not expected: `plans` gives both the union of their draws.
        warnings.push("the two versions draw their customers differently; figures may differ by chance".to_owned());
    }
    BehaviourDiff {
        scenario: before.run.scenario.clone(),
        start: before.run.start.clone(),
        days: before.run.days,
        seed: before.run.seed,
        customers: old_plan.customers,
        changed_customers: changed,
        complete,
        entered: BeforeAfter { before: before.totals.entered, after: after.totals.entered },
        messages_sent: BeforeAfter { before: before.totals.messages_sent, after: after.totals.messages_sent },
        messages: channel_messages(&before, &after),
        per_customer: PerCustomerShift {
            before: before.cadence.per_customer.clone(),
            after: after.cadence.per_customer.clone(),
        },
        suppressions: suppressions(&before.totals.suppressed_by, &after.totals.suppressed_by),
        conflicts: conflicts(&before, &after),
        goals: goals(&before.journeys[0], &after.journeys[0]),
        nodes: nodes(&before.journeys[0], &after.journeys[0]),
        examples,
        warnings,
    }
}

/// The plans of both versions, each also drawing what the other draws, so that every customer
/// gets the same profile, channels and spontaneous events in both.
fn plans(old: &JourneyDocument, new: &JourneyDocument, scenario: &Scenario) -> (Plan, Plan) {
    let old_draws = plan::compile(slice::from_ref(old), scenario).draws();
    let new_draws = plan::compile(slice::from_ref(new), scenario).draws();
    (
        plan::compile_with(slice::from_ref(old), scenario, &new_draws),
        plan::compile_with(slice::from_ref(new), scenario, &old_draws),
    )
}

/// The tallies of both versions and which customers' stories differ.
struct Both {
    old: Tally,
    new: Tally,
    changed: u64,
    /// The lowest indices of changed customers, at most `EXAMPLES + 1` (one may be the customer
    /// asked for, listed anyway).
    examples: Vec<u64>,
}

impl Both {
    fn new(old: &Plan, new: &Plan) -> Both {
        Both { old: Tally::new(old), new: Tally::new(new), changed: 0, examples: Vec::new() }
    }

    fn merge(&mut self, other: Both) {
        self.old.merge(other.old);
        self.new.merge(other.new);
        self.changed += other.changed;
        self.examples.extend(other.examples);
        self.examples.sort_unstable();
        self.examples.truncate(EXAMPLES + 1);
    }
}

/// Runs every customer through both versions, in fixed chunks spread over the threads as
/// `simulate` does, so the result is the same whatever the thread count.
fn run_both(old: &Plan, new: &Plan, options: &Options<'_>) -> Both {
    let customers = old.customers;
    let chunks = customers.div_ceil(CHUNK);
    let next = AtomicU64::new(0);
    let done = AtomicU64::new(0);
    let work = || {
        let mut both = Both::new(old, new);
        let (mut old_customer, mut new_customer) = (Customer::new(old), Customer::new(new));
        loop {
            let chunk = next.fetch_add(1, Ordering::Relaxed);
            if chunk >= chunks || options.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                break;
            }
            let end = ((chunk + 1) * CHUNK).min(customers);
            for index in chunk * CHUNK..end {
                simulate_customer(old, &mut old_customer, &mut both.old, index, false);
                simulate_customer(new, &mut new_customer, &mut both.new, index, false);
                if old_customer.fingerprint() != new_customer.fingerprint() {
                    both.changed += 1;
                    if both.examples.len() <= EXAMPLES {
                        // Chunks come in increasing order, so these are this thread's lowest.
                        both.examples.push(index);
                    }
                }
            }
            let size = end - chunk * CHUNK;
            let finished = done.fetch_add(size, Ordering::Relaxed) + size;
            if let Some(progress) = options.progress {
                progress(finished, customers);
            }
        }
        both
    };
    let threads = options.threads.clamp(1, 64).min(chunks.max(1) as usize);
    let mut runs: Vec<Both> = if threads <= 1 {
        vec![work()]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles.into_iter().map(|h| h.join().expect("simulation threads do not panic")).collect()
        })
    };
    let mut both = runs.remove(0);
    for other in runs {
        both.merge(other);
    }
    both
}

/// Customer `index` simulated again, traced, in both versions.
fn example(old: &Plan, new: &Plan, index: u64) -> ExampleCustomer {
    let (before, old_fingerprint) = timeline(old, index);
    let (after, new_fingerprint) = timeline(new, index);
    ExampleCustomer { customer: customer_id(index), changed: old_fingerprint != new_fingerprint, before, after }
}

/// The timeline of customer `index` under `plan`, and its fingerprint.
fn timeline(plan: &Plan, index: u64) -> (Trace, u64) {
    let mut tally = Tally::new(plan);
    let mut customer = Customer::new(plan);
    simulate_customer(plan, &mut customer, &mut tally, index, true);
    let (_, trace) = tally.traces.pop().expect("a traced customer has a timeline");
    (trace, customer.fingerprint())
}

/// Messages per channel, for the channels either version sends on.
fn channel_messages(before: &Report, after: &Report) -> Vec<ChannelMessages> {
    let sent = |report: &Report, channel: Channel| {
        let column = report.cadence.channels.iter().position(|c| c == channel.name());
        column.map_or(0, |column| report.cadence.per_day.iter().map(|day| day.messages[column]).sum())
    };
    let used = |report: &Report, channel: Channel| report.cadence.channels.iter().any(|c| c == channel.name());
    CHANNELS
        .into_iter()
        .filter(|channel| used(before, *channel) || used(after, *channel))
        .map(|channel| ChannelMessages { channel, before: sent(before, channel), after: sent(after, channel) })
        .collect()
}

/// The reasons a message is not sent, by the names of `Suppressions`' fields.
fn suppression_counts(s: &Suppressions) -> [(&'static str, u64); 7] {
    [
        ("holdout", s.holdout),
        ("unreachable", s.unreachable),
        ("no_consent", s.no_consent),
        ("no_channel", s.no_channel),
        ("frequency_cap", s.frequency_cap),
        ("quiet_hours", s.quiet_hours),
        ("min_gap", s.min_gap),
    ]
}

fn suppressions(before: &Suppressions, after: &Suppressions) -> Vec<SuppressionShift> {
    let after = suppression_counts(after);
    suppression_counts(before)
        .into_iter()
        .zip(after)
        .map(|((reason, before), (_, after))| SuppressionShift { reason: reason.to_owned(), before, after })
        .collect()
}

fn conflicts(before: &Report, after: &Report) -> Vec<ConflictShift> {
    let count = |report: &Report, kind| report.conflicts.iter().find(|c| c.kind == kind).map_or(0, |c| c.count);
    ConflictKind::ALL
        .into_iter()
        .map(|kind| ConflictShift { kind, before: count(before, kind), after: count(after, kind) })
        .collect()
}

/// The goals of the new version in its order, then those only the old version has.
fn goals(before: &JourneyReport, after: &JourneyReport) -> Vec<GoalShift> {
    let ids = union(after.goals.iter().map(|g| g.id.as_str()), before.goals.iter().map(|g| g.id.as_str()));
    ids.into_iter()
        .map(|id| {
            let old = before.goals.iter().find(|g| g.id == id);
            let new = after.goals.iter().find(|g| g.id == id);
            let outcome = |pick: fn(&GoalReport) -> &GoalOutcome| OutcomeShift {
                before: old.map(|g| pick(g).clone()),
                after: new.map(|g| pick(g).clone()),
            };
            GoalShift { id: id.to_owned(), treatment: outcome(|g| &g.treatment), holdout: outcome(|g| &g.holdout) }
        })
        .collect()
}

/// The nodes of the new version in its order, then those only the old version has.
fn nodes(before: &JourneyReport, after: &JourneyReport) -> Vec<NodeTraffic> {
    let (old, new) = (arrivals(before), arrivals(after));
    let ids = union(after.nodes.iter().map(|n| n.id.as_str()), before.nodes.iter().map(|n| n.id.as_str()));
    ids.into_iter()
        .map(|id| NodeTraffic {
            id: id.to_owned(),
            before: old.get(id).copied().unwrap_or(0),
            after: new.get(id).copied().unwrap_or(0),
        })
        .collect()
}

fn arrivals(report: &JourneyReport) -> FxHashMap<&str, u64> {
    report.nodes.iter().map(|n| (n.id.as_str(), n.entered)).collect()
}

/// The ids of `first`, then those of `then` that `first` lacks, each once.
fn union<'a>(first: impl Iterator<Item = &'a str>, then: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = FxHashSet::default();
    first.chain(then).filter(|id| seen.insert(*id)).collect()
}

/// Each version's warnings, saying which version they are about.
fn versions_warnings(before: &Report, after: &Report) -> Vec<String> {
    let old = before.warnings.iter().map(|w| format!("old version: {w}"));
    let new = after.warnings.iter().map(|w| format!("new version: {w}"));
    old.chain(new).collect()
}

#[cfg(test)]
mod tests;
