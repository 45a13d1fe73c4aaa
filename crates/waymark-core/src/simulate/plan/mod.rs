//! The compiled form of a run: journeys and scenario turned into indexed, interned data so the
//! engine compares integers instead of strings and never looks anything up by name.
//!
//! `compile` goes in steps, one module each: the population the scenario describes
//! (`population`), the journeys (`journey`) and their nodes (`node`), the messaging policies
//! (`policy`) and the conditions they all use (`condition`). Names are interned in the order they
//! are met, so the same input always gives the same ids and the same random draws.

mod condition;
mod journey;
mod node;
mod policy;
mod population;

use rustc_hash::FxHashMap;

pub(crate) use condition::{Cond, Literal, Val, engagement_bit};
pub(crate) use journey::{JourneyPlan, Reaction};
pub(crate) use node::{ChangePlan, EntryPlan, NodePlan, Step};
pub(crate) use policy::PolicyPlan;
pub(crate) use population::{ChannelModel, Generator, Process};

use crate::model::{Channel, JourneyDocument};
use crate::simulate::scenario::Scenario;
use crate::simulate::time::{DAY, ZoneTable};
use condition::events_of;

pub(crate) const CHANNELS: [Channel; 7] =
    [Channel::Email, Channel::Sms, Channel::Push, Channel::InApp, Channel::Webhook, Channel::Ads, Channel::Crm];

pub(crate) fn channel_index(channel: Channel) -> usize {
    CHANNELS.iter().position(|c| *c == channel).unwrap_or(0)
}

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
    /// The journeys in priority order (their indices by rank): what happens to several
    /// journeys at the same instant happens in this order.
    pub by_priority: Vec<usize>,
    /// For each event, what it sets off, journey by journey in priority order.
    pub reactions_by_event: Vec<Vec<Reaction>>,
    pub node_total: usize,
    pub edge_total: usize,
    pub goal_total: usize,
    pub warnings: Vec<String>,
}

/// What a plan draws from each customer's own random stream, in order: the profile attributes,
/// reachability and consent on the channels, and the spontaneous events simulated as they
/// happen. Two plans with the same draws give every customer the same profile and the same
/// stream of spontaneous events; a plan only draws what its journeys read, so two versions of a
/// journey are compiled with each other's draws (`compile_with`) to be compared on one
/// population.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Draws {
    /// The scenario attributes drawn.
    pub attributes: Vec<String>,
    /// The channels reachability and consent are drawn for (bit set).
    pub channels: u8,
    /// The events of the spontaneous processes, and whether each is simulated as it happens
    /// (on the customer's stream) rather than drawn lazily (on a stream of its own).
    pub events: Vec<(String, bool)>,
}

impl Plan {
    /// What this plan draws for each customer.
    pub(crate) fn draws(&self) -> Draws {
        Draws {
            attributes: self.drawn.iter().map(|a| self.attr_names[*a as usize].clone()).collect(),
            channels: self.used_channels,
            events: self.processes.iter().map(|p| (self.events[p.event as usize].clone(), !p.lazy)).collect(),
        }
    }
}

/// Compiles journeys and a scenario. Never fails: what cannot be simulated becomes a warning.
pub(crate) fn compile(documents: &[JourneyDocument], scenario: &Scenario) -> Plan {
    compile_with(documents, scenario, &Draws::default())
}

/// Compiles journeys and a scenario so that each customer is also drawn what `also` draws:
/// those attributes, reachability and consent on those channels, and those spontaneous events,
/// simulated as they happen where `also` simulates them so, even if nothing here reads them.
pub(crate) fn compile_with(documents: &[JourneyDocument], scenario: &Scenario, also: &Draws) -> Plan {
    let start_day = scenario.start_day().unwrap_or(0);
    let mut c = Compiler::new(start_day * DAY, i64::from(scenario.days) * DAY);
    let mut generators = c.generators(scenario, start_day);
    let tags_attr = c.attrs.id("tags");
    let stage_attr = c.attrs.id("lifecycle_stage");
    let opened_event = c.events.id("message_opened");
    let clicked_event = c.events.id("message_clicked");
    let unsubscribed_event = c.events.id("unsubscribed");
    let zone_cumulative = c.customer_zones(scenario);
    let customer_zones = c.zones.len();
    let (mut journeys, totals) = c.journeys(documents);
    // Lazy processes draw from streams of their own; they are added too only so that both
    // plans of a comparison list the same processes, and show the same events in traces.
    let mut simulated = Vec::new();
    for (event, eager) in &also.events {
        let id = c.events.id(event);
        if *eager {
            simulated.push(id);
        }
    }
    let mut processes = c.processes(scenario);
    population::mark_lazy(&mut processes, &mut journeys, c.events.list.len(), unsubscribed_event, &simulated);
    let workspace = c.workspace_policy(scenario);
    let by_priority = journey::by_priority(&journeys);
    let reactions_by_event = journey::reactions(&journeys, &by_priority, c.events.list.len());
    for attribute in &also.attributes {
        c.attrs.id(attribute);
    }
    let drawn = population::drawn_attributes(&mut generators, &c.attrs.used);
    Plan {
        seed: scenario.seed,
        used_channels: used_channels(&journeys) | also.channels,
        customers: scenario.customers,
        days: scenario.days,
        start_day,
        start_epoch: c.start_epoch,
        horizon: c.horizon,
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
        channels: population::channel_models(scenario),
        processes,
        journeys,
        workspace,
        tags_attr,
        stage_attr,
        opened_event,
        clicked_event,
        unsubscribed_event,
        by_priority,
        reactions_by_event,
        node_total: totals.nodes,
        edge_total: totals.edges,
        goal_total: totals.goals,
        warnings: c.warnings,
    }
}

/// Names interned to dense ids in the order they are met.
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

/// What the compilation steps share: the interned names, the time zones met so far, the
/// simulated period and the warnings.
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
    fn new(start_epoch: i64, horizon: i64) -> Compiler {
        Compiler {
            attrs: Names::default(),
            symbols: Names::default(),
            events: Names::default(),
            zones: Vec::new(),
            start_epoch,
            horizon,
            warnings: Vec::new(),
        }
    }

    /// A zone a journey names: `customer` means the customer's own zone (None); others are IANA
    /// names, and an unknown one is simulated as UTC with a warning.
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
}

/// The channels some message node sends on, as a bit set.
fn used_channels(journeys: &[JourneyPlan]) -> u8 {
    let mut used = 0u8;
    for node in journeys.iter().flat_map(|j| &j.nodes) {
        if let Step::Message { channel: Some(channel), .. } = node.step {
            used |= 1 << channel_index(channel);
        }
    }
    used
}
