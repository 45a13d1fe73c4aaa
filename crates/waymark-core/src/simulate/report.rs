//! The simulation report: what customers received, node by node, day by day, and why.
//!
//! Field order is the serialization order, and every list has a fixed order (document order of
//! nodes, channel order, customer index), so the JSON of a report is byte-identical for the same
//! input whatever the thread count.

use serde::Serialize;

/// Everything a run found.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Report {
    pub run: RunInfo,
    pub totals: Totals,
    pub journeys: Vec<JourneyReport>,
    pub cadence: Cadence,
    pub conflicts: Vec<ConflictReport>,
    pub traces: Vec<Trace>,
    /// Customers a limit stopped before the horizon (the first few by index; the warnings give
    /// how many): a journey that loops without waiting, or a story too long for this run.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<Stopped>>", optional)]
    pub stopped: Vec<Stopped>,
    /// Things the simulator had to assume (an unknown time zone in a journey, for instance).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub warnings: Vec<String>,
}

/// A customer the simulator stopped before the horizon, and where.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Stopped {
    pub customer: String,
    /// Seconds since the start of the simulation.
    pub t: i64,
    /// The journey and node the customer was last at, when it had reached one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub journey: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub node: Option<String>,
    pub reason: StopReason,
    /// The reason in words, with the limit.
    pub message: String,
}

/// Which limit stopped a customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// A token passed too many nodes at one instant: a loop that does not wait.
    InstantLoop,
    /// The customer took more steps (actions and node visits) than this run allows one customer.
    StepBudget,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct RunInfo {
    pub scenario: String,
    pub customers: u64,
    pub start: String,
    pub days: u32,
    pub seed: u64,
    pub journeys: Vec<String>,
    /// False when the run was cancelled; the figures then cover only part of the population.
    pub complete: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Totals {
    /// Customers simulated.
    pub customers: u64,
    /// Customers who entered at least one journey.
    pub entered: u64,
    /// Times a customer arrived at a node, all journeys together.
    pub node_visits: u64,
    /// Events the customers did, as far as the simulation needed them: events that only branch
    /// conditions read are drawn when a branch looks.
    pub events: u64,
    pub messages_sent: u64,
    pub messages_suppressed: u64,
    /// Why messages were not sent.
    pub suppressed_by: Suppressions,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
pub struct Suppressions {
    pub holdout: u64,
    pub unreachable: u64,
    pub no_consent: u64,
    pub no_channel: u64,
    pub frequency_cap: u64,
    pub quiet_hours: u64,
    pub min_gap: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct JourneyReport {
    pub id: String,
    pub name: String,
    pub priority: u32,
    /// Entries into the journey (a customer may enter more than once).
    pub entries: u64,
    /// Distinct customers who entered.
    pub customers: u64,
    pub messages_sent: u64,
    pub nodes: Vec<NodeReport>,
    pub edges: Vec<EdgeReport>,
    pub goals: Vec<GoalReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct NodeReport {
    pub id: String,
    /// How people call the step: its label, or its id when it has none.
    pub name: String,
    pub kind: String,
    /// Arrivals at the node.
    pub entered: u64,
    /// Departures through one of its ports.
    pub passed: u64,
    /// Customers who left the journey here (an exit node, a goal, an exit criterion).
    pub exited: u64,
    /// Messages not sent here (caps, quiet hours dropped, gaps, consent, reachability, holdout).
    pub suppressed: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct EdgeReport {
    pub from: String,
    pub port: String,
    pub to: String,
    pub customers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct GoalReport {
    pub id: String,
    pub treatment: GoalOutcome,
    pub holdout: GoalOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
pub struct GoalOutcome {
    pub entries: u64,
    pub converted: u64,
    /// `converted / entries`, rounded to 4 decimals; 0 without entries.
    pub rate: f64,
    /// Median hours from entry to the goal (to the hour), when anyone converted.
    pub median_hours: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Cadence {
    /// The channels of the columns below, in a fixed order.
    pub channels: Vec<String>,
    /// Messages sent per channel per day (UTC days from the start).
    pub per_day: Vec<DayRow>,
    /// Messages sent per channel by hour of the customer's local day.
    pub local_hour: Vec<HourRow>,
    /// Messages per customer who entered a journey.
    pub per_customer: PerCustomer,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct DayRow {
    pub date: String,
    pub messages: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct HourRow {
    pub channel: String,
    pub messages: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
pub struct PerCustomer {
    pub total: Percentiles,
    /// The most messages the customer got within any 24 hours.
    pub rolling_24h: Percentiles,
    /// The most messages the customer got within any 7 days.
    pub rolling_7d: Percentiles,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
pub struct Percentiles {
    pub p50: u64,
    pub p95: u64,
    pub max: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ConflictReport {
    pub kind: ConflictKind,
    pub count: u64,
    /// Up to five customers it happened to (the lowest ids).
    pub examples: Vec<String>,
    /// For `cross_journey`, the same per pair of journeys, in the order the journeys were given;
    /// empty for the other kinds.
    #[ts(inline)]
    pub between: Vec<JourneyConflict>,
}

/// Conflicts between two journeys over the same customer.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct JourneyConflict {
    /// The journey whose message came second, or was suppressed.
    pub journey: String,
    /// The journey whose message came first, or used the slot of the cap.
    pub other_journey: String,
    pub count: u64,
    /// Up to five customers it happened to (the lowest ids).
    pub examples: Vec<String>,
}

/// The kinds of channel conflicts the simulator reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A frequency cap was reached and a message suppressed.
    CapSuppressed,
    /// A message was held until quiet hours ended.
    QuietDeferred,
    /// A message was dropped because it fell in quiet hours.
    QuietDropped,
    /// A message came within the minimum gap after another and was suppressed.
    MinGap,
    /// The same message reached the same customer twice.
    DuplicateMessage,
    /// A message came within a day of another journey's message to the same customer, or was
    /// suppressed by a workspace frequency cap that another journey's message had used up.
    CrossJourney,
}

impl ConflictKind {
    pub const ALL: [ConflictKind; 6] = [
        ConflictKind::CapSuppressed,
        ConflictKind::QuietDeferred,
        ConflictKind::QuietDropped,
        ConflictKind::MinGap,
        ConflictKind::DuplicateMessage,
        ConflictKind::CrossJourney,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ConflictKind::CapSuppressed => "cap_suppressed",
            ConflictKind::QuietDeferred => "quiet_deferred",
            ConflictKind::QuietDropped => "quiet_dropped",
            ConflictKind::MinGap => "min_gap",
            ConflictKind::DuplicateMessage => "duplicate_message",
            ConflictKind::CrossJourney => "cross_journey",
        }
    }
}

/// One customer's full timeline.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
pub struct Trace {
    pub customer: String,
    pub timezone: String,
    pub steps: Vec<TraceStep>,
    /// True when the timeline was cut at the step limit.
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema, ts_rs::TS)]
pub struct TraceStep {
    /// Seconds since the start of the simulation.
    pub t: i64,
    /// UTC time, `YYYY-MM-DD HH:MM`.
    pub at: String,
    /// The customer's local time.
    pub local: String,
    pub what: StepKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub journey: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub node: Option<String>,
    /// The port taken, for steps that leave a node.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub port: Option<String>,
    /// Why, in words.
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    /// The customer did an event (spontaneous, or an open or click).
    Event,
    Entered,
    /// Entry refused (re-entry rule, audience, exit criterion).
    NotEntered,
    /// Left a node through a port.
    Passed,
    /// Parked at a wait, a wait for events or a deferred message.
    Waiting,
    Sent,
    Suppressed,
    Deferred,
    Goal,
    Exited,
}
