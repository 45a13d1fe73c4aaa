//! One customer's state, and how it is drawn: a profile from the scenario's distributions, a
//! time zone, reachability and consent per channel, the first occurrence of each spontaneous
//! event and the first time each scheduled or date entry is due.
//!
//! The buffers are reused from customer to customer: `reset` clears what the last one left.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::Run;
use super::queue::{Action, Class, Item};
use super::tally::Stop;
use crate::condition::Engagement;
use crate::simulate::plan::{EntryPlan, Generator, Plan, Val};
use crate::simulate::report::TraceStep;
use crate::simulate::rng::Rng;
use crate::simulate::time::{self, DAY};

/// One customer's state.
pub(crate) struct Customer {
    pub(super) index: u64,
    pub(super) rng: Rng,
    pub(super) zone: usize,
    /// Channel bit sets.
    pub(super) reach: u8,
    pub(super) consent: u8,
    pub(super) attrs: Vec<Val>,
    pub(super) lists: Vec<Vec<u32>>,
    /// Per event, when the customer did it.
    pub(super) history: Vec<Vec<i64>>,
    /// Per process: occurrences so far, and the generation of its pending draw.
    pub(super) counts: Vec<u32>,
    pub(super) generations: Vec<u32>,
    /// Per lazy process: its own stream, how far it has been drawn, and the exponential
    /// variate left before its next occurrence.
    pub(super) lazy: Vec<(Rng, i64, f64)>,
    /// Opens and clicks, for the lift of lazy processes.
    pub(super) engagements: Vec<(i64, Engagement)>,
    pub(super) last_opened: i64,
    pub(super) last_clicked: i64,
    pub(super) queue: BinaryHeap<Reverse<Item>>,
    pub(super) seq: u32,
    pub(super) instances: Vec<Instance>,
    pub(super) parked: Vec<Parked>,
    pub(super) next_park: u32,
    pub(super) sends: Vec<Sent>,
    /// The last message sent, and the last one sent from another journey than it: enough to
    /// find the latest message from another journey than any, without going through `sends`
    /// (which a journey sending in a loop makes long).
    pub(super) latest: Option<Sent>,
    pub(super) latest_other: Option<Sent>,
    /// The messages sent, run-wide indices, to find duplicates.
    pub(super) sent_messages: Vec<u32>,
    /// Reused by `advance`, and by `fire` for the awaited events it matched.
    pub(super) stack: Vec<u32>,
    pub(super) matches: Vec<(usize, u16)>,
    pub(super) entered_any: bool,
    pub(super) trace: Option<Vec<TraceStep>>,
    pub(super) truncated: bool,
    /// Every arrival at a node (time, journey, node), when a scripted customer is followed.
    pub(super) path: Option<Vec<(i64, usize, u32)>>,
    /// A hash of the customer's story so far (`Run::fingerprint`).
    pub(super) fingerprint: u64,
    /// The node a token of the customer was last at (journey, node), and the limit that stopped
    /// the customer, if one did.
    pub(super) at: Option<(usize, u32)>,
    pub(super) stop: Option<Stop>,
}

/// The customer's stay in one journey.
#[derive(Debug, Clone, Default)]
pub(super) struct Instance {
    pub active: bool,
    pub ever: bool,
    pub entered_at: i64,
    pub exited_at: i64,
    /// Counts the stays; a token of an earlier stay is stale.
    pub epoch: u32,
    pub tokens: u32,
    pub holdout: bool,
    /// Bit set of the goals reached in this stay.
    pub goals_done: u64,
    /// Per node, the engagement bits of its message in this stay.
    pub engagement: Vec<u8>,
}

/// Why a token is parked at a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Park {
    /// A wait, until a time.
    Wait,
    /// A wait for events, with or without a timeout.
    Await,
    /// A message held by quiet hours.
    Defer,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Parked {
    pub id: u32,
    pub journey: u16,
    pub node: u32,
    pub epoch: u32,
    pub kind: Park,
    pub since: i64,
}

/// A message sent to the customer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sent {
    pub t: i64,
    pub channel: u8,
    pub journey: u16,
    pub marketing: bool,
}

impl Customer {
    pub(crate) fn new(plan: &Plan) -> Customer {
        Customer {
            index: 0,
            rng: Rng::new(0, 0),
            zone: 0,
            reach: 0,
            consent: 0,
            attrs: vec![Val::Missing; plan.attr_names.len()],
            lists: vec![Vec::new(); plan.attr_names.len()],
            history: vec![Vec::new(); plan.events.len()],
            counts: vec![0; plan.processes.len()],
            generations: vec![0; plan.processes.len()],
            lazy: vec![(Rng::new(0, 0), 0, 0.0); plan.processes.len()],
            engagements: Vec::new(),
            last_opened: NEVER,
            last_clicked: NEVER,
            queue: BinaryHeap::new(),
            seq: 0,
            instances: plan
                .journeys
                .iter()
                .map(|j| Instance { engagement: vec![0; j.nodes.len()], ..Instance::default() })
                .collect(),
            parked: Vec::new(),
            next_park: 0,
            sends: Vec::new(),
            latest: None,
            latest_other: None,
            sent_messages: Vec::new(),
            stack: Vec::new(),
            matches: Vec::new(),
            entered_any: false,
            trace: None,
            truncated: false,
            path: None,
            fingerprint: 0,
            at: None,
            stop: None,
        }
    }

    /// A hash of the steps the customer last simulated took and the messages it got, with their
    /// times: two runs gave the customer the same story when their fingerprints are equal.
    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

/// The time of an engagement that never happened: long enough ago that no lift lasts till now.
const NEVER: i64 = i64::MIN / 2;

impl Run<'_> {
    /// Makes the reused state that of customer `index`, before anything is drawn.
    pub(super) fn reset(&mut self, index: u64, tracing: bool) {
        let c = &mut *self.c;
        c.index = index;
        c.rng = Rng::new(self.plan.seed, index);
        c.queue.clear();
        c.seq = 0;
        c.parked.clear();
        c.next_park = 0;
        c.sends.clear();
        c.latest = None;
        c.latest_other = None;
        c.sent_messages.clear();
        c.entered_any = false;
        c.last_opened = NEVER;
        c.last_clicked = NEVER;
        c.history.iter_mut().for_each(Vec::clear);
        c.lists.iter_mut().for_each(Vec::clear);
        c.counts.iter_mut().for_each(|n| *n = 0);
        c.generations.iter_mut().for_each(|n| *n = 0);
        c.engagements.clear();
        for instance in &mut c.instances {
            instance.active = false;
            instance.ever = false;
            instance.tokens = 0;
            instance.epoch = 0;
        }
        c.trace = tracing.then(Vec::new);
        c.truncated = false;
        c.path = None;
        c.fingerprint = 0;
        c.at = None;
        c.stop = None;
    }

    /// Draws the customer's profile and schedules what will happen on its own.
    pub(super) fn populate(&mut self) {
        let plan = self.plan;
        self.c.attrs.fill(Val::Missing);
        for &attr in &plan.drawn {
            self.draw_attribute(attr as usize);
        }
        let c = &mut *self.c;
        c.zone = if plan.customer_zones > 1 { c.rng.pick(&plan.zone_cumulative) } else { 0 };
        c.reach = 0;
        c.consent = 0;
        for (i, model) in plan.channels.iter().enumerate() {
            if plan.used_channels & (1 << i) == 0 {
                continue;
            }
            if c.rng.chance(model.reachable) {
                c.reach |= 1 << i;
            }
            if c.rng.chance(model.consent) {
                c.consent |= 1 << i;
            }
        }
        for (p, process) in plan.processes.iter().enumerate() {
            if process.lazy {
                // Drawn on first use: many customers never reach a branch that looks.
                self.c.lazy[p].1 = i64::MIN;
            } else {
                self.draw(p, -1);
            }
        }
        self.schedule_entries();
    }

    fn draw_attribute(&mut self, attr: usize) {
        let c = &mut *self.c;
        let rng = &mut c.rng;
        c.attrs[attr] = match &self.plan.generators[attr] {
            Generator::Absent => Val::Missing,
            Generator::Categorical { missing, .. }
            | Generator::Number { missing, .. }
            | Generator::Boolean { missing, .. }
            | Generator::Date { missing, .. }
                if rng.chance(*missing) =>
            {
                Val::Missing
            }
            Generator::Categorical { cumulative, symbols, .. } => Val::Sym(symbols[rng.pick(cumulative)]),
            Generator::Number { min, max, integer, .. } => {
                let x = if *integer {
                    (min + rng.unit() * (max - min + 1.0)).floor().min(*max)
                } else {
                    min + rng.unit() * (max - min)
                };
                Val::Num(x)
            }
            Generator::Boolean { probability, .. } => Val::Bool(rng.chance(*probability)),
            Generator::Date { from, to, .. } => Val::Date(from + (rng.unit() * (to - from + 1) as f64) as i64),
            Generator::List { items } => {
                for (symbol, p) in items {
                    if rng.chance(*p) {
                        c.lists[attr].push(*symbol);
                    }
                }
                Val::List
            }
        };
    }

    /// Schedules the first entry of each segment, schedule and date-attribute entry.
    pub(super) fn schedule_entries(&mut self) {
        let plan = self.plan;
        for (j, journey) in plan.journeys.iter().enumerate() {
            for (node, entry) in &journey.entries {
                let at = match entry {
                    EntryPlan::Event { .. } => continue,
                    EntryPlan::Segment(_) => Some(0),
                    EntryPlan::Schedule { local_start, repeat, zone, .. } => {
                        local_start.and_then(|local| self.first_run(local, *repeat, *zone))
                    }
                    EntryPlan::DateAttribute { attr, offset, minute } => {
                        let Val::Date(day) = self.c.attrs[*attr as usize] else { continue };
                        self.first_anniversary(day, offset + minute * 60)
                    }
                };
                if let Some(t) = at {
                    self.schedule(t, Class::Ordinary, journey.rank, Action::Enter { journey: j as u16, node: *node });
                }
            }
        }
    }

    /// The first run of a schedule starting at `local` (local seconds) that is not before the start.
    fn first_run(&self, local: i64, repeat: i64, zone: Option<usize>) -> Option<i64> {
        let plan = self.plan;
        let table = &plan.zones[zone.unwrap_or(self.c.zone)].1;
        let mut t = time::from_local(plan.start_epoch, table, local);
        if t < 0 && repeat > 0 {
            t += (-t).div_euclid(repeat) * repeat + if (-t) % repeat == 0 { 0 } else { repeat };
        }
        (t >= 0).then_some(t)
    }

    /// The first yearly return of date `day` (days since 1970) plus `offset` local seconds that is
    /// not before the start.
    fn first_anniversary(&self, mut day: i64, offset: i64) -> Option<i64> {
        let plan = self.plan;
        let table = &plan.zones[self.c.zone].1;
        for _ in 0..200 {
            let t = time::from_local(plan.start_epoch, table, day * DAY + offset);
            if t >= 0 {
                return Some(t);
            }
            day = time::next_year(day);
        }
        None
    }
}
