//! The compiled form of a run: journeys and scenario turned into indexed, interned data so the
//! engine compares integers instead of strings and never looks anything up by name.

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::condition::{Condition, Engagement, Operator};
use crate::model::{
    Change, Channel, Delay, JourneyDocument, Kind, NodeKind, Policies, QuietAction, ReentryMode, Trigger, Weekday,
};
use crate::simulate::rng::hash_text;
use crate::simulate::scenario::{Distribution, Scenario, relative_date};
use crate::simulate::time::{self, DAY, ZoneTable};

pub(crate) const CHANNELS: [Channel; 7] =
    [Channel::Email, Channel::Sms, Channel::Push, Channel::InApp, Channel::Webhook, Channel::Ads, Channel::Crm];

pub(crate) fn channel_index(channel: Channel) -> usize {
    CHANNELS.iter().position(|c| *c == channel).unwrap_or(0)
}

pub(crate) const DELIVERED: u8 = 1;
pub(crate) const OPENED: u8 = 2;
pub(crate) const CLICKED: u8 = 4;

#[derive(Debug)]
pub(crate) struct Plan {
    pub seed: u64,
    pub customers: u64,
    pub days: u32,
    pub start_day: i64,
    /// Seconds since 1970 of the start (midnight UTC).
    pub start_epoch: i64,
    pub horizon: i64,
    pub scenario_name: String,
    pub sample_traces: u32,
    pub attr_names: Vec<String>,
    pub generators: Vec<Generator>,
    /// The attributes that have a generator, in id order.
    pub drawn: Vec<u32>,
    pub symbols: Vec<String>,
    pub events: Vec<String>,
    /// Customer time zones first (`customer_zones` of them), then fixed zones named by journeys.
    pub zones: Vec<(String, ZoneTable)>,
    pub customer_zones: usize,
    pub zone_cumulative: Vec<f64>,
    pub channels: [ChannelModel; 7],
    /// The channels some message node sends on (bit set); the others need no draws.
    pub used_channels: u8,
    pub processes: Vec<Process>,
    pub journeys: Vec<JourneyPlan>,
    pub workspace: PolicyPlan,
    pub tags_attr: u32,
    pub stage_attr: u32,
    pub opened_event: u32,
    pub clicked_event: u32,
    pub unsubscribed_event: u32,
    /// For each event, the entry nodes it triggers: (journey, node).
    pub entries_by_event: Vec<Vec<(u16, u32)>>,
    /// For each event, the journeys whose goals or exit criteria mention it.
    pub watchers_by_event: Vec<Vec<u16>>,
    /// For each event, the segment entries whose condition mentions it: (journey, node).
    pub segments_by_event: Vec<Vec<(u16, u32)>>,
    pub node_total: usize,
    pub edge_total: usize,
    pub goal_total: usize,
    pub warnings: Vec<String>,
}

#[derive(Debug)]
pub(crate) enum Generator {
    Absent,
    Categorical { cumulative: Vec<f64>, symbols: Vec<u32>, missing: f64 },
    Number { min: f64, max: f64, integer: bool, missing: f64 },
    Boolean { probability: f64, missing: f64 },
    Date { from: i64, to: i64, missing: f64 },
    List { items: Vec<(u32, f64)> },
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct ChannelModel {
    pub reachable: f64,
    pub consent: f64,
    pub open: f64,
    pub click: f64,
    pub open_delay: f64,
    pub click_delay: f64,
}

#[derive(Debug)]
pub(crate) struct Process {
    pub event: u32,
    /// Occurrences per second, without lift.
    pub rate: f64,
    pub segment: Option<Cond>,
    pub max_count: u32,
    /// (engagement mask that starts it, factor, duration in seconds).
    pub lift: Option<(u8, f64, i64)>,
    /// Nothing reacts to this event (no trigger, wait, goal or exit criterion); only branch
    /// conditions look at it. Its occurrences are then drawn when a branch looks, from a stream
    /// of its own, which saves simulating events nobody needs.
    pub lazy: bool,
    /// The salt of its own random stream, when lazy.
    pub salt: u64,
}

#[derive(Debug)]
pub(crate) struct JourneyPlan {
    pub id: String,
    pub name: String,
    pub priority: u32,
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
pub(crate) struct NodePlan {
    pub id: String,
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
    Split {
        cumulative: Vec<f64>,
        holdout: Vec<bool>,
        salt: u64,
    },
    Parallel {
        paths: usize,
    },
    Message {
        channel: Option<Channel>,
        marketing: bool,
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

#[derive(Debug)]
pub(crate) enum EntryPlan {
    Event { event: u32, filter: Option<Cond> },
    Segment(Cond),
    Schedule { local_start: Option<i64>, repeat: i64, zone: Option<usize>, audience: Option<Cond> },
    DateAttribute { attr: u32, offset: i64, minute: i64 },
}

#[derive(Debug)]
pub(crate) struct GoalPlan {
    pub id: String,
    pub condition: Cond,
    pub within: Option<i64>,
    pub exit: bool,
}

#[derive(Debug, Default)]
pub(crate) struct PolicyPlan {
    pub caps: Vec<(Option<usize>, u32, i64)>,
    pub quiet: Option<QuietPlan>,
    pub gap_same: i64,
    pub gap_across: i64,
    pub consent: u8,
    pub label: &'static str,
}

#[derive(Debug)]
pub(crate) struct QuietPlan {
    pub start: i64,
    pub end: i64,
    pub defer: bool,
    /// Channel bit set; 0 for every channel.
    pub channels: u8,
    pub text: String,
}

impl QuietPlan {
    pub fn applies(&self, channel: usize) -> bool {
        self.channels == 0 || self.channels & (1 << channel) != 0
    }

    /// True when `minute` (of the local day) falls in the quiet window.
    pub fn contains(&self, minute: i64) -> bool {
        if self.start <= self.end {
            self.start <= minute && minute < self.end
        } else {
            minute >= self.start || minute < self.end
        }
    }
}

/// A compiled condition.
#[derive(Debug)]
pub(crate) enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Attr { attr: u32, op: Operator, literal: Literal },
    Event { event: u32, within: Option<i64>, min: u32 },
    Engaged { node: u32, mask: u8 },
    Never,
}

#[derive(Debug)]
pub(crate) enum Literal {
    Null,
    Str { symbol: u32, date: Option<i64> },
    Num(f64),
    Bool(bool),
    List(Vec<Literal>),
}

/// A customer attribute's value. Lists live beside the values, one per attribute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Val {
    Missing,
    Sym(u32),
    Num(f64),
    Bool(bool),
    /// Days since 1970.
    Date(i64),
    List,
}

#[derive(Default)]
struct Names {
    map: FxHashMap<String, u32>,
    list: Vec<String>,
    /// Whether a journey or a condition refers to the name.
    used: Vec<bool>,
}

impl Names {
    /// The id of a name something refers to.
    fn id(&mut self, name: &str) -> u32 {
        let id = self.declare(name);
        self.used[id as usize] = true;
        id
    }

    /// The id of a name, without marking it used.
    fn declare(&mut self, name: &str) -> u32 {
        if let Some(id) = self.map.get(name) {
            return *id;
        }
        let id = self.list.len() as u32;
        self.map.insert(name.to_owned(), id);
        self.list.push(name.to_owned());
        self.used.push(false);
        id
    }
}

struct Compiler {
    attrs: Names,
    symbols: Names,
    events: Names,
    zones: Vec<(String, ZoneTable)>,
    start_epoch: i64,
    horizon: i64,
    warnings: Vec<String>,
}

impl Compiler {
    fn condition(&mut self, condition: &Condition, messages: Option<&FxHashMap<&str, u32>>) -> Cond {
        match condition {
            Condition::All { all } => Cond::All(all.iter().map(|c| self.condition(c, messages)).collect()),
            Condition::Any { any } => Cond::Any(any.iter().map(|c| self.condition(c, messages)).collect()),
            Condition::Not { not } => Cond::Not(Box::new(self.condition(not, messages))),
            Condition::Attribute(a) => Cond::Attr {
                attr: self.attrs.id(&a.attr),
                op: a.op,
                literal: self.literal(a.value.as_ref().unwrap_or(&Value::Null)),
            },
            Condition::Event(e) => Cond::Event {
                event: self.events.id(&e.event),
                within: e.within.map(|w| w.seconds()),
                min: e.min_count.unwrap_or(1),
            },
            Condition::Engagement(e) => match messages.and_then(|m| m.get(e.message.as_str())) {
                Some(node) => Cond::Engaged { node: *node, mask: engagement_mask(e.engaged) },
                None => Cond::Never,
            },
        }
    }

    fn literal(&mut self, value: &Value) -> Literal {
        match value {
            Value::String(s) => Literal::Str { symbol: self.symbols.id(s), date: time::parse_date(s) },
            Value::Number(n) => Literal::Num(n.as_f64().unwrap_or(0.0)),
            Value::Bool(b) => Literal::Bool(*b),
            Value::Array(items) => Literal::List(items.iter().map(|v| self.literal(v)).collect()),
            Value::Null | Value::Object(_) => Literal::Null,
        }
    }

    fn value(&mut self, value: &Value) -> Val {
        match value {
            Value::String(s) => Val::Sym(self.symbols.id(s)),
            Value::Number(n) => Val::Num(n.as_f64().unwrap_or(0.0)),
            Value::Bool(b) => Val::Bool(*b),
            _ => Val::Missing,
        }
    }

    /// `customer` means the customer's own zone (None); others are IANA names.
    fn zone(&mut self, name: &str, journey: &str) -> Option<usize> {
        if name == "customer" {
            return None;
        }
        if let Some(index) = self.zones.iter().position(|(z, _)| z == name) {
            return Some(index);
        }
        let table = match name.parse::<chrono_tz::Tz>() {
            Ok(zone) => ZoneTable::new(zone, self.start_epoch, self.horizon),
            Err(_) => {
                self.warnings.push(format!("journey `{journey}`: unknown time zone `{name}`, simulated as UTC"));
                ZoneTable::fixed(0)
            }
        };
        self.zones.push((name.to_owned(), table));
        Some(self.zones.len() - 1)
    }

    fn policy(&self, policies: &Policies, label: &'static str) -> PolicyPlan {
        PolicyPlan {
            caps: policies
                .frequency_caps
                .iter()
                .map(|cap| (cap.channel.map(channel_index), cap.max, cap.window.seconds().max(1)))
                .collect(),
            quiet: policies.quiet_hours.as_ref().and_then(|q| {
                Some(QuietPlan {
                    start: time::parse_hhmm(&q.start)?,
                    end: time::parse_hhmm(&q.end)?,
                    defer: q.action == QuietAction::Defer,
                    channels: q.channels.iter().fold(0, |m, c| m | 1 << channel_index(*c)),
                    text: format!("{}–{}", q.start, q.end),
                })
            }),
            gap_same: policies.min_gap.as_ref().and_then(|g| g.same_channel).map_or(0, |d| d.seconds()),
            gap_across: policies.min_gap.as_ref().and_then(|g| g.across_channels).map_or(0, |d| d.seconds()),
            consent: policies.consent_required.iter().fold(0, |m, c| m | 1 << channel_index(*c)),
            label,
        }
    }
}

fn engagement_mask(engagement: Engagement) -> u8 {
    match engagement {
        Engagement::Delivered => DELIVERED,
        Engagement::Opened => OPENED,
        Engagement::Clicked => CLICKED,
    }
}

fn weekday_bit(day: Weekday) -> u8 {
    1 << (day as u8)
}

/// Compiles journeys and a scenario. Never fails: what cannot be simulated becomes a warning.
pub(crate) fn compile(documents: &[JourneyDocument], scenario: &Scenario) -> Plan {
    let start_day = scenario.start_day().unwrap_or(0);
    let start_epoch = start_day * DAY;
    let horizon = i64::from(scenario.days) * DAY;
    let mut c = Compiler {
        attrs: Names::default(),
        symbols: Names::default(),
        events: Names::default(),
        zones: Vec::new(),
        start_epoch,
        horizon,
        warnings: Vec::new(),
    };
    // Attributes the scenario generates come first, so their ids index `generators`.
    let mut generators = Vec::new();
    for (name, distribution) in &scenario.attributes {
        c.attrs.declare(name);
        generators.push(match distribution {
            Distribution::Categorical { values, missing } => {
                let mut total = 0.0;
                let cumulative = values.values().map(|w| {
                    total += w;
                    total
                });
                let cumulative: Vec<f64> = cumulative.collect();
                Generator::Categorical {
                    cumulative,
                    symbols: values.keys().map(|v| c.symbols.id(v)).collect(),
                    missing: *missing,
                }
            }
            Distribution::Number { min, max, integer, missing } => {
                Generator::Number { min: *min, max: *max, integer: *integer, missing: *missing }
            }
            Distribution::Boolean { probability, missing } => {
                Generator::Boolean { probability: *probability, missing: *missing }
            }
            Distribution::Date { from, to, missing } => Generator::Date {
                from: relative_date(from, start_day).unwrap_or(start_day),
                to: relative_date(to, start_day).unwrap_or(start_day),
                missing: *missing,
            },
            Distribution::List { values } => {
                Generator::List { items: values.iter().map(|(v, p)| (c.symbols.id(v), *p)).collect() }
            }
        });
    }
    let tags_attr = c.attrs.id("tags");
    let stage_attr = c.attrs.id("lifecycle_stage");
    let opened_event = c.events.id("message_opened");
    let clicked_event = c.events.id("message_clicked");
    let unsubscribed_event = c.events.id("unsubscribed");

    // Customer zones.
    let mut total = 0.0;
    let mut zone_cumulative = Vec::new();
    for zone in &scenario.timezones {
        let table = match zone.zone.parse::<chrono_tz::Tz>() {
            Ok(tz) => ZoneTable::new(tz, start_epoch, horizon),
            Err(_) => ZoneTable::fixed(0),
        };
        c.zones.push((zone.zone.clone(), table));
        total += zone.weight;
        zone_cumulative.push(total);
    }
    if c.zones.is_empty() || total <= 0.0 {
        c.zones = vec![("UTC".to_owned(), ZoneTable::fixed(0))];
        zone_cumulative = vec![1.0];
    }
    let customer_zones = c.zones.len();

    let mut channels =
        [ChannelModel { reachable: 1.0, consent: 1.0, open: 0.0, click: 0.0, open_delay: 3_600.0, click_delay: 300.0 };
            7];
    for (channel, b) in &scenario.channels {
        channels[channel_index(*channel)] = ChannelModel {
            reachable: b.reachable,
            consent: b.consent,
            open: b.open,
            click: b.click,
            open_delay: b.open_delay.seconds() as f64,
            click_delay: b.click_delay.seconds() as f64,
        };
    }

    // Journeys, in the order given; rank orders them by priority for simultaneous actions.
    let mut journeys = Vec::new();
    let (mut node_total, mut edge_total, mut goal_total, mut message_total) = (0, 0, 0, 0);
    for document in documents {
        let mut index: FxHashMap<&str, u32> = FxHashMap::default();
        for (i, node) in document.nodes.iter().enumerate() {
            index.entry(node.id.as_str()).or_insert(i as u32);
        }
        let mut messages_local = 0u32;
        let mut nodes: Vec<NodePlan> = Vec::with_capacity(document.nodes.len());
        let mut entries = Vec::new();
        for (i, node) in document.nodes.iter().enumerate() {
            let step = match &node.kind {
                NodeKind::Entry { trigger } => {
                    let entry = match trigger {
                        Trigger::Event { name, filter } => EntryPlan::Event {
                            event: c.events.id(name),
                            filter: filter.as_ref().map(|f| c.condition(f, Some(&index))),
                        },
                        Trigger::Segment { condition } => EntryPlan::Segment(c.condition(condition, Some(&index))),
                        Trigger::Schedule { start, repeat, timezone, audience } => EntryPlan::Schedule {
                            local_start: time::parse_local_datetime(start),
                            repeat: repeat.map_or(0, |r| r.seconds().max(0)),
                            zone: c.zone(timezone, &document.id),
                            audience: audience.as_ref().map(|a| c.condition(a, Some(&index))),
                        },
                        Trigger::DateAttribute { attr, offset, time: at } => EntryPlan::DateAttribute {
                            attr: c.attrs.id(attr),
                            offset: offset.map_or(0, |o| o.seconds()),
                            minute: at.as_deref().and_then(time::parse_hhmm).unwrap_or(9 * 60),
                        },
                    };
                    entries.push((i as u32, entry));
                    Step::Entry
                }
                NodeKind::Wait { delay } => match delay {
                    // A wait of zero (a validation error) still lets a second pass, so loops end.
                    Delay::Duration(d) => Step::WaitFor(d.seconds().max(1)),
                    Delay::UntilTime { time: at, weekdays, timezone } => Step::WaitUntilTime {
                        minute: time::parse_hhmm(at).unwrap_or(0),
                        weekdays: weekdays.iter().fold(0, |m, d| m | weekday_bit(*d)),
                        zone: c.zone(timezone, &document.id),
                    },
                    Delay::UntilDate { attr, offset } => {
                        Step::WaitUntilDate { attr: c.attrs.id(attr), offset: offset.map_or(0, |o| o.seconds()) }
                    }
                },
                NodeKind::WaitForEvent { events, timeout } => Step::WaitForEvent {
                    events: events
                        .iter()
                        .map(|e| (c.events.id(&e.event), e.filter.as_ref().map(|f| c.condition(f, Some(&index)))))
                        .collect(),
                    timeout: timeout.map(|t| t.seconds().max(1)),
                },
                NodeKind::Branch { cases } => {
                    let cases = cases.iter().map(|case| c.condition(&case.when, Some(&index))).collect();
                    Step::Branch { cases, lazy: Vec::new() }
                }
                NodeKind::Split { paths } => {
                    let mut total = 0.0;
                    Step::Split {
                        cumulative: paths
                            .iter()
                            .map(|p| {
                                total += p.weight.max(0.0);
                                total
                            })
                            .collect(),
                        holdout: paths.iter().map(|p| p.holdout).collect(),
                        salt: hash_text(&format!("{}/{}", document.id, node.id)),
                    }
                }
                NodeKind::Parallel { paths } => Step::Parallel { paths: paths.len() },
                NodeKind::Message(message) => {
                    messages_local += 1;
                    Step::Message {
                        channel: message.channel,
                        marketing: message.category == crate::model::Category::Marketing,
                        message: messages_local - 1,
                    }
                }
                NodeKind::Update { changes } => Step::Update {
                    changes: changes
                        .iter()
                        .map(|change| match change {
                            Change::Set { attr, value } => ChangePlan::Set(c.attrs.id(attr), c.value(value)),
                            Change::Increment { attr, by } => ChangePlan::Increment(c.attrs.id(attr), *by),
                            Change::AddTag(tag) => ChangePlan::AddTag(c.symbols.id(tag)),
                            Change::RemoveTag(tag) => ChangePlan::RemoveTag(c.symbols.id(tag)),
                            Change::LifecycleStage(stage) => ChangePlan::Stage(c.symbols.id(stage)),
                        })
                        .collect(),
                },
                NodeKind::Exit { .. } => Step::Exit,
            };
            let ports: Vec<String> = node.kind.ports().into_iter().map(str::to_owned).collect();
            nodes.push(NodePlan { id: node.id.clone(), kind: node.kind(), step, next: vec![None; ports.len()], ports });
        }
        let mut edges = Vec::new();
        for edge in &document.edges {
            let (Some(&from), Some(&to)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str())) else {
                continue;
            };
            let node = &mut nodes[from as usize];
            let Some(port) = node.ports.iter().position(|p| *p == edge.port) else { continue };
            if node.next[port].is_some() {
                continue;
            }
            node.next[port] = Some((to, edges.len() as u32));
            edges.push((edge.from.clone(), edge.port.clone(), edge.to.clone()));
        }
        let settings = &document.settings;
        let goals = settings
            .goals
            .iter()
            .map(|g| GoalPlan {
                id: g.id.clone(),
                condition: c.condition(&g.condition, Some(&index)),
                within: g.within.map(|w| w.seconds()),
                exit: g.exit,
            })
            .collect::<Vec<_>>();
        let exit_criteria =
            settings.exit_criteria.iter().map(|e| (e.id.clone(), c.condition(&e.condition, Some(&index)))).collect();
        let plan = JourneyPlan {
            id: document.id.clone(),
            name: document.name.clone(),
            priority: settings.policies.priority,
            rank: 0,
            node_base: node_total,
            edge_base: edge_total,
            goal_base: goal_total,
            message_base: message_total,
            reentry: settings.reentry.mode,
            cooldown: settings.reentry.cooldown.map_or(0, |d| d.seconds().max(0)),
            policy: c.policy(&settings.policies, "journey"),
            goals,
            exit_criteria,
            entries,
            edges,
            nodes,
        };
        node_total += plan.nodes.len();
        edge_total += plan.edges.len();
        goal_total += plan.goals.len();
        message_total += messages_local as usize;
        journeys.push(plan);
    }
    let mut order: Vec<usize> = (0..journeys.len()).collect();
    order.sort_by_key(|j| std::cmp::Reverse(journeys[*j].priority));
    for (rank, j) in order.into_iter().enumerate() {
        journeys[j].rank = rank as u16;
    }

    // Spontaneous events: only those something listens to change the outcome, so the others
    // are not simulated at all.
    let mut processes = Vec::new();
    for process in &scenario.events {
        let Some(&event) = c.events.map.get(&process.name) else { continue };
        let rate = process.rate_per_day / DAY as f64;
        let lift = process.lift.as_ref().map(|l| (engagement_mask(l.after), l.factor, l.within.seconds()));
        if rate <= 0.0 {
            continue;
        }
        let segment = process.segment.as_ref().map(|s| c.condition(s, None));
        processes.push(Process {
            event,
            rate,
            segment,
            max_count: process.max_count.unwrap_or(u32::MAX),
            lift,
            lazy: false,
            salt: hash_text(&format!("event/{}", process.name)),
        });
    }
    // Events something reacts to are simulated as they happen; the others lazily.
    let mut reactive = vec![false; c.events.list.len()];
    reactive[unsubscribed_event as usize] = true;
    let mark = |cond: &Cond, reactive: &mut Vec<bool>| {
        let mut events = Vec::new();
        events_of(cond, &mut events);
        for e in events {
            reactive[e as usize] = true;
        }
    };
    for journey in &journeys {
        for (_, entry) in &journey.entries {
            match entry {
                EntryPlan::Event { event, filter } => {
                    reactive[*event as usize] = true;
                    if let Some(f) = filter {
                        mark(f, &mut reactive);
                    }
                }
                EntryPlan::Segment(cond) | EntryPlan::Schedule { audience: Some(cond), .. } => {
                    mark(cond, &mut reactive)
                }
                _ => {}
            }
        }
        for node in &journey.nodes {
            if let Step::WaitForEvent { events, .. } = &node.step {
                for (event, filter) in events {
                    reactive[*event as usize] = true;
                    if let Some(f) = filter {
                        mark(f, &mut reactive);
                    }
                }
            }
        }
        for cond in journey.goals.iter().map(|g| &g.condition).chain(journey.exit_criteria.iter().map(|e| &e.1)) {
            mark(cond, &mut reactive);
        }
    }
    for process in &processes {
        if let Some(segment) = &process.segment {
            mark(segment, &mut reactive);
        }
    }
    for process in &mut processes {
        process.lazy = !reactive[process.event as usize];
    }
    for journey in &mut journeys {
        for node in &mut journey.nodes {
            if let Step::Branch { cases, lazy } = &mut node.step {
                let mut events = Vec::new();
                cases.iter().for_each(|case| events_of(case, &mut events));
                *lazy = (0..processes.len() as u32)
                    .filter(|p| processes[*p as usize].lazy && events.contains(&processes[*p as usize].event))
                    .collect();
            }
        }
    }

    let workspace = scenario
        .policy
        .as_ref()
        .map(|p| c.policy(p, "workspace"))
        .unwrap_or(PolicyPlan { label: "workspace", ..PolicyPlan::default() });
    let event_count = c.events.list.len();
    let mut entries_by_event = vec![Vec::new(); event_count];
    let mut watchers_by_event: Vec<Vec<u16>> = vec![Vec::new(); event_count];
    let mut segments_by_event: Vec<Vec<(u16, u32)>> = vec![Vec::new(); event_count];
    for (j, journey) in journeys.iter().enumerate() {
        for (node, entry) in &journey.entries {
            match entry {
                EntryPlan::Event { event, .. } => entries_by_event[*event as usize].push((j as u16, *node)),
                EntryPlan::Segment(cond) => {
                    let mut mentioned = Vec::new();
                    events_of(cond, &mut mentioned);
                    mentioned.sort_unstable();
                    mentioned.dedup();
                    for event in mentioned {
                        segments_by_event[event as usize].push((j as u16, *node));
                    }
                }
                _ => {}
            }
        }
        let mut mentioned = Vec::new();
        for cond in journey.goals.iter().map(|g| &g.condition).chain(journey.exit_criteria.iter().map(|e| &e.1)) {
            events_of(cond, &mut mentioned);
        }
        for event in mentioned {
            let watchers = &mut watchers_by_event[event as usize];
            if !watchers.contains(&(j as u16)) {
                watchers.push(j as u16);
            }
        }
    }
    // Attributes nothing reads are not drawn at all: drawing them would only cost time.
    let attr_count = c.attrs.list.len();
    generators.resize_with(attr_count, || Generator::Absent);
    for (generator, used) in generators.iter_mut().zip(&c.attrs.used) {
        if !used {
            *generator = Generator::Absent;
        }
    }
    let drawn =
        (0..generators.len() as u32).filter(|a| !matches!(generators[*a as usize], Generator::Absent)).collect();
    let mut used_channels = 0u8;
    for journey in &journeys {
        for node in &journey.nodes {
            if let Step::Message { channel: Some(channel), .. } = node.step {
                used_channels |= 1 << channel_index(channel);
            }
        }
    }
    Plan {
        seed: scenario.seed,
        used_channels,
        customers: scenario.customers,
        days: scenario.days,
        start_day,
        start_epoch,
        horizon,
        scenario_name: scenario.name.clone(),
        sample_traces: scenario.sample_traces,
        attr_names: c.attrs.list,
        generators,
        drawn,
        symbols: c.symbols.list,
        events: c.events.list,
        zones: c.zones,
        customer_zones,
        zone_cumulative,
        channels,
        processes,
        journeys,
        workspace,
        tags_attr,
        stage_attr,
        opened_event,
        clicked_event,
        unsubscribed_event,
        entries_by_event,
        watchers_by_event,
        segments_by_event,
        node_total,
        edge_total,
        goal_total,
        warnings: c.warnings,
    }
}

fn events_of(cond: &Cond, out: &mut Vec<u32>) {
    match cond {
        Cond::All(list) | Cond::Any(list) => list.iter().for_each(|c| events_of(c, out)),
        Cond::Not(inner) => events_of(inner, out),
        Cond::Event { event, .. } => out.push(*event),
        Cond::Attr { .. } | Cond::Engaged { .. } | Cond::Never => {}
    }
}
