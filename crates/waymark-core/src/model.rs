//! The journey document: the faithful, serde-level form of a `*.journey.json` file.
//!
//! This is the first of two stages. A `JourneyDocument` holds exactly what the author wrote
//! (including mistakes such as dangling edges or duplicate ids); `Journey` in `journey.rs` is the
//! second stage, a graph built from it, and `validate` reports what is wrong.
//! Layout (positions, viewport, notes) lives in its own field so that moving a box never reads as
//! a change of logic.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::condition::Condition;
use crate::duration::IsoDuration;

/// The `format` value of the current file format.
pub const FORMAT: &str = "waymark.journey/1";

/// A journey as stored in a `*.journey.json` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct JourneyDocument {
    /// Always `waymark.journey/1` for this version of the format.
    #[schemars(extend("const" = FORMAT))]
    pub format: String,
    /// A stable identifier: lowercase letters, digits, `-` and `_`.
    #[schemars(regex(pattern = r"^[a-z0-9_-]{1,100}$"))]
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default)]
    pub settings: Settings,
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub edges: Vec<Edge>,
    #[serde(default)]
    pub layout: Layout,
}

/// One step of a journey. The `kind` field selects which other fields apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Node {
    pub id: String,
    /// A short human label shown on the canvas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The lifecycle stage a customer is in at this step, if the journey tracks stages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    #[serde(flatten)]
    pub kind: NodeKind,
}

/// The kind of a node and the settings that belong to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NodeKind {
    /// How customers enter the journey.
    Entry { trigger: Trigger },
    /// A pause: for a duration, until a local time of day, or until a date attribute ± offset.
    Wait { delay: Delay },
    /// Wait until one of several events happens, or take the `timeout` port.
    WaitForEvent {
        events: Vec<AwaitedEvent>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        timeout: Option<IsoDuration>,
    },
    /// Ordered cases, first match wins; customers matching none take the `else` port.
    Branch { cases: Vec<Case> },
    /// Weighted random paths, sticky per customer; a holdout path receives nothing.
    Split { paths: Vec<SplitPath> },
    /// Run several paths at the same time.
    Parallel { paths: Vec<ParallelPath> },
    /// Send a message on a channel.
    Message(Message),
    /// Change the customer's profile.
    Update { changes: Vec<Change> },
    /// Leave the journey.
    Exit {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<String>,
    },
}

/// The discriminant of `NodeKind`, for tables and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Entry,
    Wait,
    WaitForEvent,
    Branch,
    Split,
    Parallel,
    Message,
    Update,
    Exit,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// The customer does an event, optionally matching a filter on its properties.
    Event {
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        filter: Option<Condition>,
    },
    /// A segment condition becomes true for the customer.
    Segment { condition: Condition },
    /// Everyone in the audience enters at a time, once or recurring.
    Schedule {
        /// Local date and time of the first run, `YYYY-MM-DDTHH:MM`.
        start: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        repeat: Option<IsoDuration>,
        /// `customer` for each customer's own time zone, or an IANA zone such as `Europe/Paris`.
        #[serde(default = "customer_zone")]
        timezone: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        audience: Option<Condition>,
    },
    /// A date attribute plus or minus an offset, such as a birthday or a renewal.
    DateAttribute {
        attr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offset: Option<IsoDuration>,
        /// Local time of day to enter, `HH:MM`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Delay {
    /// Wait this long.
    Duration(IsoDuration),
    /// Wait until the next local time of day, on one of the allowed weekdays.
    UntilTime {
        /// `HH:MM` in the customer's time zone unless `timezone` says otherwise.
        time: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        weekdays: Vec<Weekday>,
        #[serde(default = "customer_zone")]
        timezone: String,
    },
    /// Wait until a date attribute plus or minus an offset.
    UntilDate {
        attr: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offset: Option<IsoDuration>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// An event a `wait_for_event` node listens for; it leaves through the port of the same name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct AwaitedEvent {
    /// The output port, unique within the node.
    pub port: String,
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<Condition>,
}

/// One case of a branch; it leaves through the port of the same name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub port: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub when: Condition,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct SplitPath {
    pub port: String,
    /// Percent of customers; the weights of a split sum to 100.
    pub weight: f64,
    /// A control group: customers on this path receive nothing.
    #[serde(default, skip_serializing_if = "is_false")]
    pub holdout: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct ParallelPath {
    pub port: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Message {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    #[serde(default)]
    pub category: Category,
    /// A reference to a template in the sending platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Preview content, also what is sent when there is no template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<Content>,
    /// The endpoint of a `webhook` message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The audience an `ads` message syncs the customer to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audience: Option<String>,
    /// How many SMS segments the body may take (1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_segments: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Content {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Email,
    Sms,
    Push,
    InApp,
    Webhook,
    Ads,
    Crm,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    #[default]
    Marketing,
    Transactional,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    Set { attr: String, value: Value },
    Increment { attr: String, by: f64 },
    AddTag(String),
    RemoveTag(String),
    LifecycleStage(String),
}

/// A connection from one node's output port to another node.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Edge {
    pub from: String,
    pub port: String,
    pub to: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default)]
    pub reentry: Reentry,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Conditions that remove a customer wherever they are (unsubscribed, purchased).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exit_criteria: Vec<ExitCriterion>,
    #[serde(default)]
    pub policies: Policies,
    /// Declared customer attributes and their types; conditions are checked against them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, AttributeType>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Reentry {
    pub mode: ReentryMode,
    /// How long after leaving a customer may enter again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cooldown: Option<IsoDuration>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReentryMode {
    #[default]
    Never,
    AfterExit,
    Always,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub id: String,
    pub condition: Condition,
    /// The window after entry in which reaching the goal counts as a conversion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<IsoDuration>,
    /// Reaching the goal removes the customer from the journey.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exit: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct ExitCriterion {
    pub id: String,
    pub condition: Condition,
}

/// Messaging policies: the same shape at journey level and at workspace level.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Policies {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frequency_caps: Vec<FrequencyCap>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quiet_hours: Option<QuietHours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_gap: Option<MinGap>,
    /// Channels on which a customer must have consented before marketing messages are sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent_required: Vec<Channel>,
    /// Higher wins when journeys compete for a capped slot.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub priority: u32,
}

/// At most `max` messages per rolling `window`, on one channel or (without `channel`) across all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct FrequencyCap {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    pub max: u32,
    pub window: IsoDuration,
}

/// No messages between `start` and `end` in the customer's local time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct QuietHours {
    /// `HH:MM`, local time.
    pub start: String,
    /// `HH:MM`, local time; may be earlier than `start` to span midnight.
    pub end: String,
    pub action: QuietAction,
    /// The channels it applies to; all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuietAction {
    /// Hold the message until quiet hours end.
    Defer,
    /// Do not send it.
    Drop,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct MinGap {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_channel: Option<IsoDuration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub across_channels: Option<IsoDuration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum AttributeType {
    String,
    Number,
    Boolean,
    Date,
    List,
}

impl AttributeType {
    pub const ALL: [AttributeType; 5] = [
        AttributeType::String,
        AttributeType::Number,
        AttributeType::Boolean,
        AttributeType::Date,
        AttributeType::List,
    ];

    /// The name in the file format (`string`, `number`, …).
    pub fn name(self) -> &'static str {
        match self {
            AttributeType::String => "string",
            AttributeType::Number => "number",
            AttributeType::Boolean => "boolean",
            AttributeType::Date => "date",
            AttributeType::List => "list",
        }
    }
}

/// Where things sit on the canvas; never part of the journey's logic.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub nodes: BTreeMap<String, Position>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewport: Option<Viewport>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Viewport {
    pub x: f64,
    pub y: f64,
    pub zoom: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub text: String,
}

fn customer_zone() -> String {
    "customer".to_owned()
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn is_zero(value: &u32) -> bool {
    *value == 0
}

impl NodeKind {
    pub fn kind(&self) -> Kind {
        match self {
            NodeKind::Entry { .. } => Kind::Entry,
            NodeKind::Wait { .. } => Kind::Wait,
            NodeKind::WaitForEvent { .. } => Kind::WaitForEvent,
            NodeKind::Branch { .. } => Kind::Branch,
            NodeKind::Split { .. } => Kind::Split,
            NodeKind::Parallel { .. } => Kind::Parallel,
            NodeKind::Message(_) => Kind::Message,
            NodeKind::Update { .. } => Kind::Update,
            NodeKind::Exit { .. } => Kind::Exit,
        }
    }

    /// The output ports of this node, in the order the author gave them.
    pub fn ports(&self) -> Vec<&str> {
        match self {
            NodeKind::Entry { .. } | NodeKind::Wait { .. } | NodeKind::Message(_) | NodeKind::Update { .. } => {
                vec![NEXT]
            }
            NodeKind::WaitForEvent { events, .. } => events.iter().map(|e| e.port.as_str()).chain([TIMEOUT]).collect(),
            NodeKind::Branch { cases } => cases.iter().map(|c| c.port.as_str()).chain([ELSE]).collect(),
            NodeKind::Split { paths } => paths.iter().map(|p| p.port.as_str()).collect(),
            NodeKind::Parallel { paths } => paths.iter().map(|p| p.port.as_str()).collect(),
            NodeKind::Exit { .. } => Vec::new(),
        }
    }
}

/// The single output port of `entry`, `wait`, `message` and `update` nodes.
pub const NEXT: &str = "next";
/// The port a `branch` takes when no case matches.
pub const ELSE: &str = "else";
/// The port a `wait_for_event` takes when no awaited event came in time.
pub const TIMEOUT: &str = "timeout";

impl Node {
    pub fn kind(&self) -> Kind {
        self.kind.kind()
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Channel {
    pub fn name(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Push => "push",
            Channel::InApp => "in_app",
            Channel::Webhook => "webhook",
            Channel::Ads => "ads",
            Channel::Crm => "crm",
        }
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
