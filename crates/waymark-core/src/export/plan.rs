//! The neutral execution plan, `waymark.plan/1`: the contract a runtime consumes.
//!
//! A plan is compiled from a journey with no validation errors. It keeps the journey's own node
//! ids, spells out what the document leaves implicit (the first-match rule of branches, every
//! duration in seconds as well as ISO 8601, split buckets as integer ranges, what each message
//! must be checked against before it is sent) and drops nothing but the canvas layout.
//! `docs/export.md` explains every field; `schemas/plan.schema.json` is generated from these types.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Source;
use crate::condition::{Engagement, Operator};
use crate::model::{AttributeType, Category, Change, Channel, Content, QuietAction, ReentryMode, Weekday};

mod compile;

pub use compile::compile;
#[cfg(test)]
pub(crate) use compile::condition as compile_condition;

/// The `format` value of this version of the plan.
pub const PLAN_FORMAT: &str = "waymark.plan/1";

/// A journey compiled for a runtime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Always `waymark.plan/1`.
    #[schemars(extend("const" = PLAN_FORMAT))]
    pub format: String,
    pub journey: JourneyInfo,
    /// The version and review status the plan was compiled from, when it came from the store.
    pub source: Source,
    /// The ids of the entry nodes, in document order.
    pub entries: Vec<String>,
    /// Every node, in document order, with its outgoing ports in order.
    pub nodes: Vec<PlanNode>,
    /// Exit criteria, then goals: conditions watched for the whole stay, in this order.
    pub interrupts: Vec<Interrupt>,
    pub reentry: PlanReentry,
    /// The journey's messaging policies, as the document has them.
    pub policies: PlanPolicies,
    /// Declared customer attributes and their types.
    pub attributes: BTreeMap<String, AttributeType>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JourneyInfo {
    pub id: String,
    pub name: String,
    pub description: String,
}

/// A length of time, both as a nominal number of seconds (a day is 86,400 s, a month 30 days, a
/// year 365 days) and as the ISO 8601 text the journey gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duration {
    pub seconds: i64,
    pub iso: String,
}

// No `deny_unknown_fields`: serde does not support it beside `flatten`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlanNode {
    /// The journey's own node id, stable across versions.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(flatten)]
    pub step: Step,
    /// The output ports in order, each with the node it leads to; none for exits.
    pub ports: Vec<Port>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Port {
    pub port: String,
    pub to: String,
}

/// What a node does, by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// Customers start here when the trigger fires; leaves through `next`.
    Entry { trigger: PlanTrigger },
    /// A pause; leaves through `next`.
    Wait { delay: PlanDelay },
    /// Leaves through the port of the first listed event that comes (and matches its filter),
    /// or through `timeout` when none came in time.
    WaitForEvent { events: Vec<PlanAwaitedEvent>, timeout: Duration, timeout_port: String },
    /// Cases are tried in order and the first that holds wins (`match` is always `first`);
    /// customers matching none leave through `else_port`.
    Branch {
        #[serde(rename = "match")]
        rule: MatchRule,
        cases: Vec<PlanCase>,
        else_port: String,
    },
    /// Each customer leaves through the path whose bucket range holds their bucket.
    Split { bucket: BucketRule, paths: Vec<PlanSplitPath> },
    /// Every path runs at the same time, each as its own token; paths never wait for each
    /// other, and a node that two paths reach runs once per path.
    Parallel { paths: Vec<PlanParallelPath> },
    /// Sends a message, after checking `enforce`; leaves through `next` whether it was sent or not.
    Message(PlanMessage),
    /// Changes the customer's profile, in order; leaves through `next`.
    Update { changes: Vec<Change> },
    /// The token ends here; the stay ends with the last token.
    Exit {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchRule {
    First,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PlanTrigger {
    Event {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        filter: Option<PlanCondition>,
    },
    Segment {
        condition: PlanCondition,
    },
    Schedule {
        /// Local date and time of the first run, `YYYY-MM-DDTHH:MM`.
        start: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        repeat: Option<Duration>,
        /// `customer` for each customer's own time zone, or an IANA zone.
        timezone: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        audience: Option<PlanCondition>,
    },
    DateAttribute {
        attr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offset: Option<Duration>,
        /// Local time of day, `HH:MM`; midnight when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum PlanDelay {
    Duration(Duration),
    /// The next time the local clock shows `time` on one of `weekdays` (all seven when the
    /// journey names none); a customer already at that minute moves on at once.
    UntilTime {
        time: String,
        weekdays: Vec<Weekday>,
        timezone: String,
    },
    /// The date attribute (midnight, customer's time zone) plus the offset; moves on at once
    /// when that is past or the attribute is not set.
    UntilDate {
        attr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offset: Option<Duration>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanAwaitedEvent {
    pub port: String,
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<PlanCondition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanCase {
    pub port: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub when: PlanCondition,
}

/// How a customer's bucket is computed: `waymark-split/1` of the customer id and `split_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BucketRule {
    /// Always `waymark-split/1`.
    pub hash: String,
    /// The text hashed after the customer id: `<journey id>/<node id>`.
    pub split_id: String,
    /// Buckets run from 0 up to this number (exclusive): 10,000.
    pub buckets: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSplitPath {
    pub port: String,
    /// Percent of customers, as the journey gives it.
    pub weight: f64,
    /// The first bucket of the path.
    pub from: u32,
    /// The bucket after the last one of the path (the range is `from <= bucket < to`).
    pub to: u32,
    /// A control group: no message is sent to a customer who took this path, for the rest of the stay.
    pub holdout: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanParallelPath {
    pub port: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanMessage {
    pub channel: Channel,
    pub category: Category,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Content>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// How many SMS segments the body may take.
    pub max_segments: u32,
    /// What the sender must check before sending this message.
    pub enforce: Enforce,
}

/// The policies that apply to one message: only marketing messages are checked against consent,
/// quiet hours, gaps and caps; every message is suppressed for a customer in a holdout group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enforce {
    /// Skip the message unless the customer consented to marketing on its channel.
    pub consent: bool,
    /// Quiet hours that cover the message's channel.
    pub quiet_hours: Option<PlanQuietHours>,
    /// Caps that count messages on this channel (the channel's own and the all-channel ones).
    pub frequency_caps: Vec<PlanFrequencyCap>,
    pub min_gap: PlanMinGap,
    /// Higher wins when journeys compete for a capped slot.
    pub priority: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanReentry {
    pub mode: ReentryMode,
    pub cooldown: Option<Duration>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanPolicies {
    pub frequency_caps: Vec<PlanFrequencyCap>,
    pub quiet_hours: Option<PlanQuietHours>,
    pub min_gap: PlanMinGap,
    pub consent_required: Vec<Channel>,
    pub priority: u32,
}

/// At most `max` marketing messages of this journey per rolling `window`, on `channel` or, when
/// it is null, across all channels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanFrequencyCap {
    pub channel: Option<Channel>,
    pub max: u32,
    pub window: Duration,
}

/// No marketing messages between `start` and `end` (local `HH:MM`, `end` may be earlier to span
/// midnight) on `channels` (all when empty): `defer` holds them until `end`, `drop` skips them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanQuietHours {
    pub start: String,
    pub end: String,
    pub action: QuietAction,
    pub channels: Vec<Channel>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanMinGap {
    pub same_channel: Option<Duration>,
    pub across_channels: Option<Duration>,
}

/// A goal or an exit criterion: a condition watched from entry to the end of the stay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Interrupt {
    pub kind: InterruptKind,
    pub id: String,
    pub condition: PlanCondition,
    /// A goal counts only when reached this soon after entry.
    pub within: Option<Duration>,
    /// True when reaching it removes the customer from the journey wherever their tokens are.
    /// Exit criteria always exit, and also keep a customer from entering while they hold.
    pub exits: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum InterruptKind {
    Goal,
    ExitCriterion,
}

/// A condition, in the journey's structure, with every window also in seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PlanCondition {
    All {
        all: Vec<PlanCondition>,
    },
    Any {
        any: Vec<PlanCondition>,
    },
    Not {
        not: Box<PlanCondition>,
    },
    /// Compares a customer attribute with a value.
    Attribute {
        attr: String,
        op: Operator,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<Value>,
    },
    /// The customer did `event` at least `min_count` times, within the last `within` when given.
    Event {
        event: String,
        within: Option<Duration>,
        min_count: u32,
    },
    /// The customer's engagement with the message sent by node `message` of this stay.
    Engagement {
        message: String,
        engaged: Engagement,
    },
}

impl PlanCondition {
    /// Calls `visit` on this condition and every condition nested in it, outermost first.
    pub fn walk<'a>(&'a self, visit: &mut dyn FnMut(&'a PlanCondition)) {
        visit(self);
        match self {
            PlanCondition::All { all: list } | PlanCondition::Any { any: list } => {
                list.iter().for_each(|condition| condition.walk(visit))
            }
            PlanCondition::Not { not } => not.walk(visit),
            PlanCondition::Attribute { .. } | PlanCondition::Event { .. } | PlanCondition::Engagement { .. } => {}
        }
    }
}

impl Plan {
    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&PlanNode> {
        self.nodes.iter().find(|node| node.id == id)
    }
}

impl PlanNode {
    /// The label, or the id when the node has none: how outputs name a step to people.
    pub fn title(&self) -> &str {
        self.label.as_deref().filter(|label| !label.trim().is_empty()).unwrap_or(&self.id)
    }

    /// What a diagram writes in the node's box: the title, or for an unlabelled exit its outcome.
    pub fn caption(&self) -> String {
        match &self.step {
            Step::Exit { outcome: Some(outcome) } if self.label.is_none() => format!("Exit: {outcome}"),
            _ => self.title().to_owned(),
        }
    }

    /// The kind's name as the journey format writes it.
    pub fn kind_name(&self) -> &'static str {
        match self.step {
            Step::Entry { .. } => "entry",
            Step::Wait { .. } => "wait",
            Step::WaitForEvent { .. } => "wait_for_event",
            Step::Branch { .. } => "branch",
            Step::Split { .. } => "split",
            Step::Parallel { .. } => "parallel",
            Step::Message(_) => "message",
            Step::Update { .. } => "update",
            Step::Exit { .. } => "exit",
        }
    }

    /// The node that `port` leads to.
    pub fn target(&self, port: &str) -> Option<&str> {
        self.ports.iter().find(|p| p.port == port).map(|p| p.to.as_str())
    }
}
