//! The compiled population: how each customer's profile, time zone and channel behaviour are
//! drawn, and the events customers do on their own, split into those simulated as they happen
//! and those drawn only when a branch looks.

use super::{Compiler, Cond, EntryPlan, JourneyPlan, Step, channel_index, events_of};
use crate::condition::Engagement;
use crate::simulate::rng::hash_text;
use crate::simulate::scenario::{Distribution, Scenario, relative_date};
use crate::simulate::time::{DAY, ZoneTable};

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
    pub lift: Option<LiftPlan>,
    /// Nothing reacts to this event (no trigger, wait, goal or exit criterion); only branch
    /// conditions look at it. Its occurrences are then drawn when a branch looks, from a stream
    /// of its own, which saves simulating events nobody needs.
    pub lazy: bool,
    /// The salt of its own random stream, when lazy.
    pub salt: u64,
}

/// After engaging with any message (`after`), the rate is multiplied by `factor` for `within`
/// seconds. A lift after opening also starts on a click.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LiftPlan {
    pub after: Engagement,
    pub factor: f64,
    pub within: i64,
}

impl Compiler {
    /// The generators of the attributes the scenario describes, declared first so that their
    /// ids index the generators.
    pub(super) fn generators(&mut self, scenario: &Scenario, start_day: i64) -> Vec<Generator> {
        let mut generators = Vec::new();
        for (name, distribution) in &scenario.attributes {
            self.attrs.declare(name);
            generators.push(match distribution {
                Distribution::Categorical { values, missing } => {
                    let mut total = 0.0;
                    let cumulative = values.values().map(|w| {
                        total += w;
                        total
                    });
                    let cumulative: Vec<f64> = cumulative.collect();
                    let symbols = values.keys().map(|v| self.symbols.id(v)).collect();
                    Generator::Categorical { cumulative, symbols, missing: *missing }
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
                    Generator::List { items: values.iter().map(|(v, p)| (self.symbols.id(v), *p)).collect() }
                }
            });
        }
        generators
    }

    /// Adds the customers' time zones (UTC when the scenario gives none) and returns their
    /// cumulative weights.
    pub(super) fn customer_zones(&mut self, scenario: &Scenario) -> Vec<f64> {
        let mut total = 0.0;
        let mut cumulative = Vec::new();
        for zone in &scenario.timezones {
            let table = match zone.zone.parse::<chrono_tz::Tz>() {
                Ok(tz) => ZoneTable::new(tz, self.start_epoch, self.horizon),
                Err(_) => ZoneTable::fixed(0),
            };
            self.zones.push((zone.zone.clone(), table));
            total += zone.weight;
            cumulative.push(total);
        }
        if self.zones.is_empty() || total <= 0.0 {
            self.zones = vec![("UTC".to_owned(), ZoneTable::fixed(0))];
            cumulative = vec![1.0];
        }
        cumulative
    }

    /// The spontaneous events something refers to; the others would change nothing and are not
    /// simulated at all.
    pub(super) fn processes(&mut self, scenario: &Scenario) -> Vec<Process> {
        let mut processes = Vec::new();
        for process in &scenario.events {
            let Some(&event) = self.events.map.get(&process.name) else { continue };
            let rate = process.rate_per_day / DAY as f64;
            let lift = process.lift.as_ref().map(|l| LiftPlan {
                after: l.after,
                factor: l.factor,
                within: l.within.seconds(),
            });
            if rate <= 0.0 {
                continue;
            }
            let segment = process.segment.as_ref().map(|s| self.condition(s, None));
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
        processes
    }
}

/// How each channel behaves: the scenario's settings, or a channel everyone can be reached on
/// and nobody opens.
pub(super) fn channel_models(scenario: &Scenario) -> [ChannelModel; 7] {
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
    channels
}

/// Marks lazy the processes whose events nothing reacts to (and that are not among `simulated`),
/// and gives each branch the lazy processes it must draw before it looks.
pub(super) fn mark_lazy(
    processes: &mut [Process],
    journeys: &mut [JourneyPlan],
    events: usize,
    unsubscribed: u32,
    simulated: &[u32],
) {
    fn mark(cond: &Cond, reactive: &mut [bool]) {
        let mut mentioned = Vec::new();
        events_of(cond, &mut mentioned);
        mentioned.into_iter().for_each(|e| reactive[e as usize] = true);
    }
    let mut reactive = vec![false; events];
    reactive[unsubscribed as usize] = true;
    simulated.iter().for_each(|e| reactive[*e as usize] = true);
    for journey in journeys.iter() {
        for (_, entry) in &journey.entries {
            match entry {
                EntryPlan::Event { event, filter } => {
                    reactive[*event as usize] = true;
                    filter.iter().for_each(|f| mark(f, &mut reactive));
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
                    filter.iter().for_each(|f| mark(f, &mut reactive));
                }
            }
        }
        for cond in journey.goals.iter().map(|g| &g.condition).chain(journey.exit_criteria.iter().map(|e| &e.1)) {
            mark(cond, &mut reactive);
        }
    }
    processes.iter().filter_map(|p| p.segment.as_ref()).for_each(|s| mark(s, &mut reactive));
    for process in processes.iter_mut() {
        process.lazy = !reactive[process.event as usize];
    }
    for node in journeys.iter_mut().flat_map(|j| j.nodes.iter_mut()) {
        if let Step::Branch { cases, lazy } = &mut node.step {
            let mut mentioned = Vec::new();
            cases.iter().for_each(|case| events_of(case, &mut mentioned));
            *lazy = (0..processes.len() as u32)
                .filter(|p| processes[*p as usize].lazy && mentioned.contains(&processes[*p as usize].event))
                .collect();
        }
    }
}

/// The attributes with a generator that something reads, in id order; the generators of the
/// others become `Absent`, since drawing them would only cost time.
pub(super) fn drawn_attributes(generators: &mut Vec<Generator>, used: &[bool]) -> Vec<u32> {
    generators.resize_with(used.len(), || Generator::Absent);
    for (generator, used) in generators.iter_mut().zip(used) {
        if !used {
            *generator = Generator::Absent;
        }
    }
    (0..generators.len() as u32).filter(|a| !matches!(generators[*a as usize], Generator::Absent)).collect()
}
