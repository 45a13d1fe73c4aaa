//! The engine: each customer is simulated on its own, in simulated time, through every journey
//! at once, from a random stream derived from (seed, customer). Customers are independent, so
//! they are spread over threads in fixed-size chunks and the per-thread tallies are summed: sums
//! do not depend on the order they are added in, so the report does not depend on the threads.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::condition::Operator;
use crate::model::ReentryMode;
use crate::simulate::plan::{
    CHANNELS, CLICKED, ChangePlan, Cond, DELIVERED, EntryPlan, Generator, Literal, OPENED, Plan, PolicyPlan, Step, Val,
    channel_index,
};
use crate::simulate::report::{ConflictKind, StepKind, Trace, TraceStep};
use crate::simulate::rng::Rng;
use crate::simulate::time::{self, DAY, HOUR};

/// Customers per chunk of work; fixed so that chunk 0 (where traces are sampled) is the same
/// customers whatever the thread count.
pub(crate) const CHUNK: u64 = 2_048;
/// The most tokens one stay in a journey may have at once.
const MAX_TOKENS: u32 = 1_000;
/// The most actions one customer may take; only a journey that loops without waiting gets near.
const MAX_ACTIONS: u32 = 1_000_000;
/// The longest trace kept for one customer.
const MAX_TRACE_STEPS: usize = 2_000;
/// Per-customer counts above this are tallied in the last bucket.
pub(crate) const HISTOGRAM: usize = 1_024;

pub(crate) const ENTERED: usize = 0;
pub(crate) const PASSED: usize = 1;
pub(crate) const EXITED: usize = 2;
pub(crate) const SUPPRESSED: usize = 3;

/// Why a message was suppressed: indices into `Tally::suppressed_by`.
pub(crate) const BY_HOLDOUT: usize = 0;
pub(crate) const BY_UNREACHABLE: usize = 1;
pub(crate) const BY_NO_CONSENT: usize = 2;
pub(crate) const BY_NO_CHANNEL: usize = 3;
pub(crate) const BY_CAP: usize = 4;
pub(crate) const BY_QUIET_HOURS: usize = 5;
pub(crate) const BY_MIN_GAP: usize = 6;

/// Tallies of one thread; `merge` adds another thread's.
#[derive(Debug, Clone)]
pub(crate) struct Tally {
    pub customers: u64,
    pub entered: u64,
    pub visits: u64,
    pub events: u64,
    pub sent: u64,
    pub suppressed: u64,
    /// holdout, unreachable, no_consent, no_channel, frequency_cap, quiet_hours, min_gap.
    pub suppressed_by: [u64; 7],
    pub nodes: Vec<[u64; 4]>,
    pub edges: Vec<u64>,
    pub journey_entries: Vec<u64>,
    pub journey_customers: Vec<u64>,
    pub journey_sent: Vec<u64>,
    /// Per goal and group (0 treatment, 1 holdout): entries, conversions, hours-to-goal histogram.
    pub goal_entries: Vec<[u64; 2]>,
    pub goal_converted: Vec<[u64; 2]>,
    pub goal_hours: Vec<[Vec<u64>; 2]>,
    pub per_day: Vec<[u64; 7]>,
    pub local_hour: [[u64; 24]; 7],
    pub total: Vec<u64>,
    pub rolling_24h: Vec<u64>,
    pub rolling_7d: Vec<u64>,
    pub conflicts: [u64; 6],
    pub examples: [Vec<u64>; 6],
    pub traces: Vec<(u64, Trace)>,
    /// Times a limit stopped an endless loop or an explosion of parallel tokens.
    pub cut_short: u64,
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
            suppressed_by: [0; 7],
            nodes: vec![[0; 4]; plan.node_total],
            edges: vec![0; plan.edge_total],
            journey_entries: vec![0; plan.journeys.len()],
            journey_customers: vec![0; plan.journeys.len()],
            journey_sent: vec![0; plan.journeys.len()],
            goal_entries: vec![[0; 2]; plan.goal_total],
            goal_converted: vec![[0; 2]; plan.goal_total],
            goal_hours: (0..plan.goal_total).map(|_| [vec![0; hours], vec![0; hours]]).collect(),
            per_day: vec![[0; 7]; plan.days as usize],
            local_hour: [[0; 24]; 7],
            total: vec![0; HISTOGRAM],
            rolling_24h: vec![0; HISTOGRAM],
            rolling_7d: vec![0; HISTOGRAM],
            conflicts: [0; 6],
            examples: Default::default(),
            traces: Vec::new(),
            cut_short: 0,
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
        self.nodes.iter_mut().zip(&other.nodes).for_each(|(a, b)| add(a, b));
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
        add(&mut self.conflicts, &other.conflicts);
        for (a, b) in self.examples.iter_mut().zip(other.examples) {
            a.extend(b);
            a.sort_unstable();
            a.dedup();
            a.truncate(5);
        }
        self.cut_short += other.cut_short;
        self.traces.extend(other.traces);
        self.traces.sort_by_key(|t| t.0);
    }

    fn conflict(&mut self, kind: ConflictKind, customer: u64) {
        let k = ConflictKind::ALL.iter().position(|c| *c == kind).unwrap_or(0);
        self.conflicts[k] += 1;
        let examples = &mut self.examples[k];
        if examples.contains(&customer) || (examples.len() >= 5 && examples.iter().all(|e| *e < customer)) {
            return;
        }
        examples.push(customer);
        examples.sort_unstable();
        examples.truncate(5);
    }
}

#[derive(Debug, Clone, Copy)]
enum Action {
    Spontaneous { process: u16, generation: u32, redraw: bool },
    Resume { park: u32, port: u16 },
    Timeout { park: u32 },
    Send { park: u32 },
    Engage { journey: u16, node: u32, epoch: u32, mask: u8, channel: u8 },
    Enter { journey: u16, node: u32 },
}

/// Queue order: time, then timeouts before everything else at the same second (an event at the
/// deadline is too late), then journey priority, then the order things were scheduled. The four
/// are packed into one integer so the heap compares once: 32 bits of time (simulated times are
/// between 0 and the horizon, at most 3,660 days), 1 of class, 7 of rank (journeys beyond the
/// 128th share the last rank) and 24 of sequence (wrapping only reorders actions scheduled
/// millions apart for the same second, and still deterministically).
#[derive(Debug, Clone, Copy)]
struct Item {
    key: u64,
    action: Action,
}

impl Item {
    fn new(t: i64, class: u8, rank: u16, seq: u32, action: Action) -> Item {
        let time = t.clamp(0, u32::MAX as i64) as u64;
        let key = time << 32 | u64::from(class & 1) << 31 | u64::from(rank.min(127)) << 24 | u64::from(seq & 0xFF_FFFF);
        Item { key, action }
    }

    fn t(&self) -> i64 {
        (self.key >> 32) as i64
    }
}

impl PartialEq for Item {
    fn eq(&self, other: &Item) -> bool {
        self.key == other.key
    }
}

impl Eq for Item {}

impl PartialOrd for Item {
    fn partial_cmp(&self, other: &Item) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Item {
    fn cmp(&self, other: &Item) -> std::cmp::Ordering {
        self.key.cmp(&other.key)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Park {
    Wait,
    Await,
    Defer,
}

#[derive(Debug, Clone, Copy)]
struct Parked {
    id: u32,
    journey: u16,
    node: u32,
    epoch: u32,
    kind: Park,
    since: i64,
}

#[derive(Debug, Clone, Copy)]
struct Sent {
    t: i64,
    channel: u8,
    journey: u16,
    marketing: bool,
}

#[derive(Debug, Clone, Default)]
struct Instance {
    active: bool,
    ever: bool,
    entered_at: i64,
    exited_at: i64,
    epoch: u32,
    tokens: u32,
    holdout: bool,
    goals_done: u64,
    engagement: Vec<u8>,
}

/// One customer's state; the buffers are reused from customer to customer.
pub(crate) struct Customer {
    index: u64,
    rng: Rng,
    zone: usize,
    reach: u8,
    consent: u8,
    attrs: Vec<Val>,
    lists: Vec<Vec<u32>>,
    history: Vec<Vec<i64>>,
    counts: Vec<u32>,
    generations: Vec<u32>,
    /// Per lazy process: its own stream, how far it has been drawn, and the exponential
    /// variate left before its next occurrence.
    lazy: Vec<(Rng, i64, f64)>,
    /// Opens and clicks, for the lift of lazy processes: (time, OPENED or CLICKED).
    engagements: Vec<(i64, u8)>,
    last_engaged: [i64; 3],
    queue: BinaryHeap<Reverse<Item>>,
    seq: u32,
    instances: Vec<Instance>,
    parked: Vec<Parked>,
    next_park: u32,
    sends: Vec<Sent>,
    sent_messages: Vec<u32>,
    stack: Vec<u32>,
    matches: Vec<(usize, u16)>,
    entered_any: bool,
    trace: Option<Vec<TraceStep>>,
    truncated: bool,
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
            last_engaged: [i64::MIN / 2; 3],
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
            sent_messages: Vec::new(),
            stack: Vec::new(),
            matches: Vec::new(),
            entered_any: false,
            trace: None,
            truncated: false,
        }
    }
}

/// Where a token starts moving: arriving at a node, or leaving one through a port.
#[derive(Clone, Copy)]
enum Start {
    Arrive(u32),
    Leave(u32, usize),
}

pub(crate) struct Run<'a> {
    plan: &'a Plan,
    c: &'a mut Customer,
    tally: &'a mut Tally,
}

macro_rules! trace {
    ($run:expr, $t:expr, $what:expr, $journey:expr, $node:expr, $port:expr, $($reason:tt)+) => {
        if $run.c.trace.is_some() {
            let reason = format!($($reason)+);
            $run.step($t, $what, $journey, $node, $port, reason);
        }
    };
}

/// Simulates customer `index` and adds what happened to `tally`.
pub(crate) fn simulate_customer(plan: &Plan, c: &mut Customer, tally: &mut Tally, index: u64, tracing: bool) -> bool {
    let mut run = Run { plan, c, tally };
    run.reset(index, tracing);
    run.populate();
    let mut actions = 0;
    while let Some(Reverse(item)) = run.c.queue.pop() {
        let t = item.t();
        if t >= plan.horizon {
            break;
        }
        actions += 1;
        if actions > MAX_ACTIONS {
            run.tally.cut_short += 1;
            break;
        }
        run.act(t, item.action);
    }
    run.finish()
}

impl Run<'_> {
    fn reset(&mut self, index: u64, tracing: bool) {
        let c = &mut *self.c;
        c.index = index;
        c.rng = Rng::new(self.plan.seed, index);
        c.queue.clear();
        c.seq = 0;
        c.parked.clear();
        c.next_park = 0;
        c.sends.clear();
        c.sent_messages.clear();
        c.entered_any = false;
        c.last_engaged = [i64::MIN / 2; 3];
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
    }

    /// Draws the customer's profile and schedules what will happen on its own.
    fn populate(&mut self) {
        let plan = self.plan;
        let c = &mut *self.c;
        c.attrs.fill(Val::Missing);
        for &attr in &plan.drawn {
            let attr = attr as usize;
            let generator = &plan.generators[attr];
            let rng = &mut c.rng;
            c.attrs[attr] = match generator {
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
        for (j, journey) in plan.journeys.iter().enumerate() {
            for (node, entry) in &journey.entries {
                let at = match entry {
                    EntryPlan::Event { .. } => continue,
                    EntryPlan::Segment(_) => Some((0, 0)),
                    EntryPlan::Schedule { local_start, repeat, zone, .. } => local_start.and_then(|local| {
                        let table = &plan.zones[zone.unwrap_or(self.c.zone)].1;
                        let mut t = time::from_local(plan.start_epoch, table, local);
                        if t < 0 && *repeat > 0 {
                            t += (-t).div_euclid(*repeat) * repeat + if (-t) % repeat == 0 { 0 } else { *repeat };
                        }
                        (t >= 0).then_some((t, *repeat))
                    }),
                    EntryPlan::DateAttribute { attr, offset, minute } => {
                        let Val::Date(mut day) = self.c.attrs[*attr as usize] else { continue };
                        let table = &plan.zones[self.c.zone].1;
                        let mut found = None;
                        for _ in 0..200 {
                            let t = time::from_local(plan.start_epoch, table, day * DAY + offset + minute * 60);
                            if t >= 0 {
                                found = Some((t, 0));
                                break;
                            }
                            day = time::next_year(day);
                        }
                        found
                    }
                };
                if let Some((t, _)) = at {
                    self.schedule(t, 1, journey.rank, Action::Enter { journey: j as u16, node: *node });
                }
            }
        }
    }

    fn schedule(&mut self, t: i64, class: u8, rank: u16, action: Action) {
        if t >= self.plan.horizon {
            return;
        }
        self.c.seq += 1;
        self.c.queue.push(Reverse(Item::new(t, class, rank, self.c.seq, action)));
    }

    fn act(&mut self, t: i64, action: Action) {
        match action {
            Action::Spontaneous { process, generation, redraw } => {
                self.spontaneous(t, process as usize, generation, redraw)
            }
            Action::Enter { journey, node } => {
                let j = journey as usize;
                let entry = self.plan.journeys[j].entries.iter().find(|e| e.0 == node).map(|e| &e.1);
                if let Some(EntryPlan::Schedule { repeat, .. }) = entry
                    && *repeat > 0
                {
                    self.schedule(t + repeat, 1, self.plan.journeys[j].rank, action);
                }
                let (allowed, why) = match entry {
                    Some(EntryPlan::Segment(cond)) => {
                        (self.eval(cond, t, i64::MIN, None), "the segment condition holds")
                    }
                    Some(EntryPlan::Schedule { audience: Some(cond), .. }) => {
                        (self.eval(cond, t, i64::MIN, None), "scheduled entry; in the audience")
                    }
                    Some(EntryPlan::Schedule { .. }) => (true, "scheduled entry"),
                    _ => (true, "the date attribute came"),
                };
                if allowed {
                    self.try_enter(j, node, t, why);
                }
            }
            Action::Resume { park, port } => {
                if let Some(p) = self.unpark(park) {
                    self.advance(p.journey as usize, Start::Leave(p.node, port as usize), t, p.epoch);
                }
            }
            Action::Timeout { park } => {
                if let Some(p) = self.unpark(park) {
                    let j = p.journey as usize;
                    let node = &self.plan.journeys[j].nodes[p.node as usize];
                    let port = node.ports.len() - 1;
                    trace!(
                        self,
                        t,
                        StepKind::Passed,
                        Some(j),
                        Some(p.node),
                        Some(port),
                        "no awaited event since {}: the timeout ran out",
                        self.clock(p.since)
                    );
                    self.advance(j, Start::Leave(p.node, port), t, p.epoch);
                }
            }
            Action::Send { park } => {
                if let Some(p) = self.unpark(park) {
                    let j = p.journey as usize;
                    match self.message(j, p.node, t) {
                        Some(at) => self.park(j, p.node, p.epoch, Park::Defer, t, at),
                        None => self.advance(j, Start::Leave(p.node, 0), t, p.epoch),
                    }
                }
            }
            Action::Engage { journey, node, epoch, mask, channel } => {
                let j = journey as usize;
                let instance = &mut self.c.instances[j];
                if instance.epoch == epoch {
                    instance.engagement[node as usize] |= mask;
                }
                let (event, slot) =
                    if mask == OPENED { (self.plan.opened_event, 1) } else { (self.plan.clicked_event, 2) };
                self.c.last_engaged[slot] = t;
                self.c.engagements.push((t, mask));
                self.lift(t, mask == CLICKED);
                let what = if mask == OPENED { "opened" } else { "clicked" };
                trace!(
                    self,
                    t,
                    StepKind::Event,
                    Some(j),
                    Some(node),
                    None,
                    "{what} the {} message",
                    CHANNELS[channel as usize]
                );
                self.fire(t, event as usize);
                self.check_goals(j, t);
            }
        }
    }

    /// A spontaneous event candidate; `redraw` marks the end of an engagement lift, when the
    /// process goes back to its base rate.
    fn spontaneous(&mut self, t: i64, p: usize, generation: u32, redraw: bool) {
        if self.c.generations[p] != generation {
            return;
        }
        if redraw {
            self.c.generations[p] += 1;
            self.draw(p, t);
            return;
        }
        let process = &self.plan.processes[p];
        let accept = process.segment.as_ref().is_none_or(|cond| self.eval(cond, t, i64::MIN, None));
        if accept {
            self.c.counts[p] += 1;
        }
        self.draw(p, t);
        if accept {
            trace!(self, t, StepKind::Event, None, None, None, "did `{}`", self.plan.events[process.event as usize]);
            self.fire(t, process.event as usize);
        }
    }

    /// Schedules the next occurrence of process `p` after `t` at its current rate. Poisson
    /// processes forget their past, so a new draw at each change of rate is exact.
    fn draw(&mut self, p: usize, t: i64) {
        let process = &self.plan.processes[p];
        if self.c.counts[p] >= process.max_count {
            return;
        }
        let mut rate = process.rate;
        if let Some((mask, factor, within)) = process.lift {
            let last = if mask & CLICKED != 0 {
                self.c.last_engaged[2]
            } else {
                self.c.last_engaged[1].max(self.c.last_engaged[2])
            };
            if t - last < within {
                rate *= factor;
            }
        }
        if rate <= 0.0 {
            return;
        }
        let next = t + 1 + self.c.rng.exponential(1.0 / rate) as i64;
        let generation = self.c.generations[p];
        self.schedule(next, 1, 0, Action::Spontaneous { process: p as u16, generation, redraw: false });
    }

    /// An open or a click starts (or extends) the lift of the processes it lifts.
    fn lift(&mut self, t: i64, clicked: bool) {
        for (p, process) in self.plan.processes.iter().enumerate() {
            let Some((mask, _, within)) = process.lift else { continue };
            if process.lazy || (mask & CLICKED != 0 && !clicked) {
                continue;
            }
            self.c.generations[p] += 1;
            self.draw(p, t);
            let generation = self.c.generations[p];
            self.schedule(t + within, 1, 0, Action::Spontaneous { process: p as u16, generation, redraw: true });
        }
    }

    /// Draws the occurrences of lazy process `p` before `until`. The variate left over is kept,
    /// so drawing in several steps gives the same times as drawing at once. Occurrences drawn
    /// after the customer's story is over (for a trace) are not `counted` in the totals.
    fn materialize(&mut self, p: usize, until: i64, counted: bool) {
        let plan = self.plan;
        let process = &plan.processes[p];
        let e = process.event as usize;
        let unsorted = self.c.history[e].len();
        if self.c.lazy[p].1 == i64::MIN {
            let mut rng = Rng::new(plan.seed ^ process.salt, self.c.index);
            let first = rng.exponential(1.0);
            self.c.lazy[p] = (rng, 0, first);
        }
        loop {
            let (_, cursor, remaining) = self.c.lazy[p];
            if cursor >= until || self.c.counts[p] >= process.max_count {
                break;
            }
            let (rate, boundary) = self.lazy_rate(p, cursor);
            let end = boundary.min(until);
            let expected = rate * (end - cursor) as f64;
            if rate <= 0.0 || remaining >= expected {
                self.c.lazy[p].1 = end;
                self.c.lazy[p].2 = remaining - expected.max(0.0);
                continue;
            }
            let at = (cursor + (remaining / rate) as i64).min(end - 1);
            let state = &mut self.c.lazy[p];
            state.1 = at + 1;
            state.2 = state.0.exponential(1.0);
            if process.segment.as_ref().is_none_or(|cond| self.eval(cond, at, i64::MIN, None)) {
                self.c.counts[p] += 1;
                self.c.history[e].push(at);
                if counted {
                    self.tally.events += 1;
                }
                trace!(self, at, StepKind::Event, None, None, None, "did `{}`", plan.events[e]);
            }
        }
        // Two processes may share an event name; keep its history in time order.
        if unsorted > 0 && !self.c.history[e].is_sorted() {
            self.c.history[e].sort_unstable();
        }
    }

    /// The rate of lazy process `p` at `t` and when it next changes (a lift starting or ending).
    fn lazy_rate(&self, p: usize, t: i64) -> (f64, i64) {
        let process = &self.plan.processes[p];
        let Some((mask, factor, within)) = process.lift else { return (process.rate, i64::MAX) };
        let mut lifted = false;
        let mut boundary = i64::MAX;
        for &(at, engaged) in &self.c.engagements {
            if mask & CLICKED != 0 && engaged != CLICKED {
                continue;
            }
            if at <= t && t < at + within {
                lifted = true;
            }
            for edge in [at, at + within] {
                if edge > t {
                    boundary = boundary.min(edge);
                }
            }
        }
        (if lifted { process.rate * factor } else { process.rate }, boundary)
    }

    /// The customer did event `e`: awaited events first, then entries, then goals and exits.
    fn fire(&mut self, t: i64, e: usize) {
        let plan = self.plan;
        self.tally.events += 1;
        self.c.history[e].push(t);
        if e == plan.unsubscribed_event as usize {
            self.c.consent = 0;
        }
        let mut matches = std::mem::take(&mut self.c.matches);
        matches.clear();
        for parked in self.c.parked.iter().filter(|p| p.kind == Park::Await) {
            let j = parked.journey as usize;
            if let Step::WaitForEvent { events, .. } = &plan.journeys[j].nodes[parked.node as usize].step
                && let Some(port) = events.iter().position(|(event, filter)| {
                    *event as usize == e && filter.as_ref().is_none_or(|f| self.eval(f, t, i64::MIN, Some(j)))
                })
            {
                matches.push((parked.id as usize, port as u16));
            }
        }
        for (id, port) in matches.drain(..) {
            if let Some(p) = self.unpark(id as u32) {
                let j = p.journey as usize;
                trace!(
                    self,
                    t,
                    StepKind::Passed,
                    Some(j),
                    Some(p.node),
                    Some(port as usize),
                    "`{}` came {} after the wait began, before the timeout",
                    plan.events[e],
                    span(t - p.since)
                );
                self.advance(j, Start::Leave(p.node, port as usize), t, p.epoch);
            }
        }
        self.c.matches = matches;
        for &(j, node) in &plan.entries_by_event[e] {
            let j = j as usize;
            let Some(EntryPlan::Event { filter, .. }) =
                plan.journeys[j].entries.iter().find(|x| x.0 == node).map(|x| &x.1)
            else {
                continue;
            };
            if filter.as_ref().is_none_or(|f| self.eval(f, t, i64::MIN, None)) {
                self.try_enter(j, node, t, "the entry event happened");
            }
        }
        for &j in &plan.watchers_by_event[e] {
            self.check_goals(j as usize, t);
        }
        for &(j, node) in &plan.segments_by_event[e] {
            let j = j as usize;
            let Some(EntryPlan::Segment(cond)) = plan.journeys[j].entries.iter().find(|x| x.0 == node).map(|x| &x.1)
            else {
                continue;
            };
            if !self.c.instances[j].active && self.eval(cond, t, i64::MIN, None) {
                self.try_enter(j, node, t, "the segment condition became true");
            }
        }
    }

    fn try_enter(&mut self, j: usize, node: u32, t: i64, why: &str) {
        let journey = &self.plan.journeys[j];
        let instance = &self.c.instances[j];
        if instance.active {
            if journey.reentry != ReentryMode::Always || t - instance.entered_at < journey.cooldown {
                return;
            }
            self.remove(j, t, || "entered again (re-entry: always)".to_owned());
        } else if instance.ever {
            if journey.reentry == ReentryMode::Never {
                return;
            }
            if t < instance.exited_at + journey.cooldown {
                trace!(
                    self,
                    t,
                    StepKind::NotEntered,
                    Some(j),
                    Some(node),
                    None,
                    "re-entry cooldown: left at {}, may enter again after {}",
                    self.clock(instance.exited_at),
                    span(journey.cooldown)
                );
                return;
            }
        }
        if let Some((id, _)) = journey.exit_criteria.iter().find(|(_, cond)| self.eval(cond, t, t, Some(j))) {
            trace!(self, t, StepKind::NotEntered, Some(j), Some(node), None, "exit criterion `{id}` already holds");
            return;
        }
        if self.c.instances[j].ever {
            self.close(j);
        } else {
            self.tally.journey_customers[j] += 1;
        }
        self.tally.journey_entries[j] += 1;
        self.c.entered_any = true;
        let instance = &mut self.c.instances[j];
        instance.active = true;
        instance.ever = true;
        instance.entered_at = t;
        instance.epoch += 1;
        instance.tokens = 1;
        instance.holdout = false;
        instance.goals_done = 0;
        instance.engagement.iter_mut().for_each(|e| *e = 0);
        let epoch = instance.epoch;
        trace!(self, t, StepKind::Entered, Some(j), Some(node), None, "{why}");
        self.advance(j, Start::Arrive(node), t, epoch);
    }

    /// Counts a finished (or last) stay in a journey toward its goals' entries.
    fn close(&mut self, j: usize) {
        let journey = &self.plan.journeys[j];
        let group = usize::from(self.c.instances[j].holdout);
        for g in 0..journey.goals.len() {
            self.tally.goal_entries[journey.goal_base + g][group] += 1;
        }
    }

    /// Removes the customer from journey `j` wherever its tokens are.
    fn remove(&mut self, j: usize, t: i64, why: impl FnOnce() -> String) {
        let plan = self.plan;
        // The reason is only put in words for a trace.
        let why = if self.c.trace.is_some() { why() } else { String::new() };
        let journey = &plan.journeys[j];
        let epoch = self.c.instances[j].epoch;
        let mut i = 0;
        while i < self.c.parked.len() {
            let p = self.c.parked[i];
            if p.journey as usize == j && p.epoch == epoch {
                self.tally.nodes[journey.node_base + p.node as usize][EXITED] += 1;
                trace!(self, t, StepKind::Exited, Some(j), Some(p.node), None, "removed: {why}");
                self.c.parked.remove(i);
            } else {
                i += 1;
            }
        }
        let instance = &mut self.c.instances[j];
        instance.active = false;
        instance.tokens = 0;
        instance.exited_at = t;
        instance.epoch += 1;
    }

    fn check_goals(&mut self, j: usize, t: i64) {
        let plan = self.plan;
        let journey = &plan.journeys[j];
        if !self.c.instances[j].ever {
            return;
        }
        let entered = self.c.instances[j].entered_at;
        if self.c.instances[j].active
            && let Some((id, _)) = journey.exit_criteria.iter().find(|(_, cond)| self.eval(cond, t, entered, Some(j)))
        {
            self.remove(j, t, || format!("exit criterion `{id}` holds"));
        }
        for (g, goal) in journey.goals.iter().enumerate() {
            let instance = &self.c.instances[j];
            if instance.goals_done & (1 << (g % 64)) != 0 {
                continue;
            }
            let open = match goal.within {
                Some(within) => t - entered <= within,
                None => instance.active,
            };
            if !open || !self.eval(&goal.condition, t, entered, Some(j)) {
                continue;
            }
            let group = usize::from(instance.holdout);
            self.c.instances[j].goals_done |= 1 << (g % 64);
            let index = journey.goal_base + g;
            self.tally.goal_converted[index][group] += 1;
            let hours = &mut self.tally.goal_hours[index][group];
            let hour = (((t - entered) / HOUR) as usize).min(hours.len() - 1);
            hours[hour] += 1;
            trace!(
                self,
                t,
                StepKind::Goal,
                Some(j),
                None,
                None,
                "reached goal `{}` {} after entry{}",
                goal.id,
                span(t - entered),
                if goal.exit && self.c.instances[j].active {
                    "; the goal exits the journey"
                } else if self.c.instances[j].active {
                    ""
                } else {
                    " (after leaving the journey, within the goal's window)"
                }
            );
            if goal.exit && self.c.instances[j].active {
                self.remove(j, t, || format!("goal `{}` reached", goal.id));
            }
        }
    }

    fn park(&mut self, j: usize, node: u32, epoch: u32, kind: Park, t: i64, until: i64) {
        self.c.next_park += 1;
        let id = self.c.next_park;
        self.c.parked.push(Parked { id, journey: j as u16, node, epoch, kind, since: t });
        let rank = self.plan.journeys[j].rank;
        match kind {
            Park::Wait => self.schedule(until, 1, rank, Action::Resume { park: id, port: 0 }),
            Park::Await if until != i64::MAX => self.schedule(until, 0, rank, Action::Timeout { park: id }),
            Park::Await => {}
            Park::Defer => self.schedule(until, 1, rank, Action::Send { park: id }),
        }
    }

    fn unpark(&mut self, id: u32) -> Option<Parked> {
        let i = self.c.parked.iter().position(|p| p.id == id)?;
        Some(self.c.parked.remove(i))
    }

    /// Moves a token through instantaneous nodes until it parks or leaves.
    fn advance(&mut self, j: usize, start: Start, t: i64, epoch: u32) {
        let plan = self.plan;
        let journey = &plan.journeys[j];
        let mut stack = std::mem::take(&mut self.c.stack);
        stack.clear();
        match start {
            Start::Arrive(node) => stack.push(node),
            Start::Leave(node, port) => self.pass(j, node, port, t, &mut stack),
        }
        let mut guard = 0u32;
        while let Some(n) = stack.pop() {
            if self.c.instances[j].epoch != epoch {
                break;
            }
            guard += 1;
            if guard > 100_000 {
                // An instant loop (a validation error); stop rather than hang.
                self.tally.cut_short += 1;
                break;
            }
            let global = journey.node_base + n as usize;
            self.tally.visits += 1;
            self.tally.nodes[global][ENTERED] += 1;
            let node = &journey.nodes[n as usize];
            match &node.step {
                Step::Entry => self.pass(j, n, 0, t, &mut stack),
                Step::WaitFor(d) => {
                    trace!(self, t, StepKind::Waiting, Some(j), Some(n), None, "wait {}", span(*d));
                    self.park(j, n, epoch, Park::Wait, t, t + d);
                }
                Step::WaitUntilTime { minute, weekdays, zone } => {
                    let table = &plan.zones[zone.unwrap_or(self.c.zone)].1;
                    let at = time::next_local_time(plan.start_epoch, table, t, *minute, *weekdays);
                    if at <= t {
                        self.pass(j, n, 0, t, &mut stack);
                    } else {
                        trace!(
                            self,
                            t,
                            StepKind::Waiting,
                            Some(j),
                            Some(n),
                            None,
                            "wait until {:02}:{:02} local: {}",
                            minute / 60,
                            minute % 60,
                            self.clock(at)
                        );
                        self.park(j, n, epoch, Park::Wait, t, at);
                    }
                }
                Step::WaitUntilDate { attr, offset } => {
                    let at = match self.c.attrs[*attr as usize] {
                        Val::Date(day) => {
                            let table = &plan.zones[self.c.zone].1;
                            Some(time::from_local(plan.start_epoch, table, day * DAY + offset))
                        }
                        _ => None,
                    };
                    match at {
                        Some(at) if at > t => {
                            trace!(
                                self,
                                t,
                                StepKind::Waiting,
                                Some(j),
                                Some(n),
                                None,
                                "wait until `{}` {}: {}",
                                plan.attr_names[*attr as usize],
                                signed_span(*offset),
                                self.clock(at)
                            );
                            self.park(j, n, epoch, Park::Wait, t, at);
                        }
                        _ => {
                            trace!(
                                self,
                                t,
                                StepKind::Passed,
                                Some(j),
                                Some(n),
                                Some(0),
                                "`{}` is {}",
                                plan.attr_names[*attr as usize],
                                if at.is_some() { "already past" } else { "not set" }
                            );
                            self.pass(j, n, 0, t, &mut stack);
                        }
                    }
                }
                Step::WaitForEvent { timeout, .. } => {
                    trace!(
                        self,
                        t,
                        StepKind::Waiting,
                        Some(j),
                        Some(n),
                        None,
                        "wait for an event, at most {}",
                        timeout.map_or("forever".to_owned(), span)
                    );
                    let until = timeout.map_or(i64::MAX, |d| t + d);
                    self.park(j, n, epoch, Park::Await, t, until);
                }
                Step::Branch { cases, lazy } => {
                    for &p in lazy {
                        self.materialize(p as usize, t + 1, true);
                    }
                    let port = cases.iter().position(|c| self.eval(c, t, i64::MIN, Some(j))).unwrap_or(cases.len());
                    trace!(
                        self,
                        t,
                        StepKind::Passed,
                        Some(j),
                        Some(n),
                        Some(port),
                        "{}",
                        if port < cases.len() {
                            format!("case `{}` matched: {}", node.ports[port], self.explain(&cases[port], t, Some(j)))
                        } else {
                            format!(
                                "no case matched: {}",
                                cases.iter().map(|c| self.explain(c, t, Some(j))).collect::<Vec<_>>().join("; ")
                            )
                        }
                    );
                    self.pass(j, n, port, t, &mut stack);
                }
                Step::Split { cumulative, holdout, salt } => {
                    let port = Rng::new(plan.seed ^ salt, self.c.index).pick(cumulative);
                    if holdout.get(port).copied().unwrap_or(false) {
                        self.c.instances[j].holdout = true;
                    }
                    trace!(
                        self,
                        t,
                        StepKind::Passed,
                        Some(j),
                        Some(n),
                        Some(port),
                        "sticky random path{}",
                        if holdout[port] { " (holdout: receives nothing)" } else { "" }
                    );
                    self.pass(j, n, port, t, &mut stack);
                }
                Step::Parallel { paths } => {
                    // This token goes down the first path and new ones down the others, up to a
                    // limit, so that a parallel node in a loop cannot multiply tokens forever.
                    let room = MAX_TOKENS.saturating_sub(self.c.instances[j].tokens) as usize;
                    let taken = (*paths).min(room + 1);
                    if taken < *paths {
                        self.tally.cut_short += 1;
                    }
                    if taken == 0 {
                        self.end_token(j, t);
                    } else {
                        self.c.instances[j].tokens += taken as u32 - 1;
                        for port in (0..taken).rev() {
                            self.pass(j, n, port, t, &mut stack);
                        }
                    }
                }
                Step::Message { .. } => match self.message(j, n, t) {
                    Some(at) => self.park(j, n, epoch, Park::Defer, t, at),
                    None => self.pass(j, n, 0, t, &mut stack),
                },
                Step::Update { changes } => {
                    self.update(changes);
                    trace!(self, t, StepKind::Passed, Some(j), Some(n), Some(0), "profile updated");
                    self.after_update(t);
                    if self.c.instances[j].epoch != epoch {
                        self.tally.nodes[global][EXITED] += 1;
                        break;
                    }
                    self.pass(j, n, 0, t, &mut stack);
                }
                Step::Exit => {
                    self.tally.nodes[global][EXITED] += 1;
                    trace!(self, t, StepKind::Exited, Some(j), Some(n), None, "reached an exit");
                    self.end_token(j, t);
                }
            }
        }
        stack.clear();
        self.c.stack = stack;
    }

    fn pass(&mut self, j: usize, n: u32, port: usize, t: i64, stack: &mut Vec<u32>) {
        let journey = &self.plan.journeys[j];
        self.tally.nodes[journey.node_base + n as usize][PASSED] += 1;
        match journey.nodes[n as usize].next.get(port).copied().flatten() {
            Some((to, edge)) => {
                self.tally.edges[journey.edge_base + edge as usize] += 1;
                stack.push(to);
            }
            None => {
                // An unconnected port (a validation error): the token leaves the journey here.
                self.tally.nodes[journey.node_base + n as usize][EXITED] += 1;
                self.end_token(j, t);
            }
        }
    }

    fn end_token(&mut self, j: usize, t: i64) {
        let instance = &mut self.c.instances[j];
        instance.tokens = instance.tokens.saturating_sub(1);
        if instance.tokens == 0 && instance.active {
            instance.active = false;
            instance.exited_at = t;
        }
    }

    fn update(&mut self, changes: &[ChangePlan]) {
        let plan = self.plan;
        let c = &mut *self.c;
        for change in changes {
            match change {
                ChangePlan::Set(attr, value) => c.attrs[*attr as usize] = *value,
                ChangePlan::Increment(attr, by) => {
                    let now = match c.attrs[*attr as usize] {
                        Val::Num(x) => x,
                        _ => 0.0,
                    };
                    c.attrs[*attr as usize] = Val::Num(now + by);
                }
                ChangePlan::AddTag(tag) => {
                    let list = &mut c.lists[plan.tags_attr as usize];
                    if !list.contains(tag) {
                        list.push(*tag);
                    }
                    c.attrs[plan.tags_attr as usize] = Val::List;
                }
                ChangePlan::RemoveTag(tag) => c.lists[plan.tags_attr as usize].retain(|x| x != tag),
                ChangePlan::Stage(stage) => c.attrs[plan.stage_attr as usize] = Val::Sym(*stage),
            }
        }
    }

    /// Attributes changed: exit criteria, goals and segment entries may now hold.
    fn after_update(&mut self, t: i64) {
        let plan = self.plan;
        for j in 0..plan.journeys.len() {
            self.check_goals(j, t);
            for (node, entry) in &plan.journeys[j].entries {
                if let EntryPlan::Segment(cond) = entry
                    && !self.c.instances[j].active
                    && self.eval(cond, t, i64::MIN, None)
                {
                    self.try_enter(j, *node, t, "the segment condition became true");
                }
            }
        }
    }

    /// Applies the policies to a message: None when the token moves on (sent or suppressed),
    /// Some(time) when the message is held until then.
    fn message(&mut self, j: usize, n: u32, t: i64) -> Option<i64> {
        let plan = self.plan;
        let journey = &plan.journeys[j];
        let Step::Message { channel, marketing, message } = journey.nodes[n as usize].step else { return None };
        let Some(channel) = channel else {
            self.suppress(j, n, t, BY_NO_CHANNEL, || "the message has no channel".into());
            return None;
        };
        let ch = channel_index(channel);
        if self.c.instances[j].holdout {
            self.suppress(j, n, t, BY_HOLDOUT, || "holdout: this customer is in the control group".into());
            return None;
        }
        if self.c.reach & (1 << ch) == 0 {
            self.suppress(j, n, t, BY_UNREACHABLE, || format!("not reachable on {channel}"));
            return None;
        }
        if marketing {
            let required = (journey.policy.consent | plan.workspace.consent) & (1 << ch) != 0;
            if required && self.c.consent & (1 << ch) == 0 {
                self.suppress(j, n, t, BY_NO_CONSENT, || format!("no {channel} marketing consent"));
                return None;
            }
            let zone = &plan.zones[self.c.zone].1;
            let local = time::local(plan.start_epoch, zone, t);
            for policy in [&journey.policy, &plan.workspace] {
                let Some(quiet) = &policy.quiet else { continue };
                if !quiet.applies(ch) || !quiet.contains(time::minute_of_day(local)) {
                    continue;
                }
                if quiet.defer {
                    let at = time::next_local_time(plan.start_epoch, zone, t, quiet.end, 0);
                    self.tally.conflict(ConflictKind::QuietDeferred, self.c.index);
                    trace!(
                        self,
                        t,
                        StepKind::Deferred,
                        Some(j),
                        Some(n),
                        None,
                        "quiet hours {} ({} policy) in local time: held until {}",
                        quiet.text,
                        policy.label,
                        self.clock(at)
                    );
                    return Some(at.max(t + 1));
                }
                self.tally.conflict(ConflictKind::QuietDropped, self.c.index);
                self.suppress(j, n, t, BY_QUIET_HOURS, || {
                    format!("quiet hours {} ({} policy) in local time: dropped", quiet.text, policy.label)
                });
                return None;
            }
            for (policy, scope) in [(&journey.policy, Some(j as u16)), (&plan.workspace, None)] {
                if let Some(reason) = self.gap(policy, scope, ch, t) {
                    self.tally.conflict(ConflictKind::MinGap, self.c.index);
                    self.suppress(j, n, t, BY_MIN_GAP, reason);
                    return None;
                }
                if let Some(reason) = self.cap(policy, scope, ch, t) {
                    self.tally.conflict(ConflictKind::CapSuppressed, self.c.index);
                    self.suppress(j, n, t, BY_CAP, reason);
                    return None;
                }
            }
        }
        let id = (journey.message_base + message as usize) as u32;
        if self.c.sent_messages.contains(&id) {
            self.tally.conflict(ConflictKind::DuplicateMessage, self.c.index);
        } else {
            self.c.sent_messages.push(id);
        }
        if let Some(other) = self.c.sends.iter().rev().take_while(|s| t - s.t < DAY).find(|s| s.journey as usize != j) {
            self.tally.conflict(ConflictKind::CrossJourney, self.c.index);
            trace!(
                self,
                t,
                StepKind::Sent,
                Some(j),
                Some(n),
                None,
                "note: `{}` messaged this customer {} ago",
                plan.journeys[other.journey as usize].id,
                span(t - other.t)
            );
        }
        self.c.sends.push(Sent { t, channel: ch as u8, journey: j as u16, marketing });
        self.tally.sent += 1;
        self.tally.journey_sent[j] += 1;
        self.tally.per_day[(t / DAY) as usize][ch] += 1;
        let local = time::local(plan.start_epoch, &plan.zones[self.c.zone].1, t);
        self.tally.local_hour[ch][(time::minute_of_day(local) / 60) as usize] += 1;
        let instance = &mut self.c.instances[j];
        instance.engagement[n as usize] |= DELIVERED;
        let epoch = instance.epoch;
        trace!(self, t, StepKind::Sent, Some(j), Some(n), None, "sent by {channel}");
        let model = plan.channels[ch];
        if self.c.rng.chance(model.open) {
            let opened = t + 1 + self.c.rng.exponential(model.open_delay) as i64;
            let action = |mask| Action::Engage { journey: j as u16, node: n, epoch, mask, channel: ch as u8 };
            self.schedule(opened, 1, journey.rank, action(OPENED));
            if self.c.rng.chance(model.click) {
                let clicked = opened + 1 + self.c.rng.exponential(model.click_delay) as i64;
                self.schedule(clicked, 1, journey.rank, action(CLICKED));
            }
        }
        None
    }

    fn suppress(&mut self, j: usize, n: u32, t: i64, reason: usize, text: impl FnOnce() -> String) {
        let journey = &self.plan.journeys[j];
        self.tally.suppressed += 1;
        self.tally.suppressed_by[reason] += 1;
        self.tally.nodes[journey.node_base + n as usize][SUPPRESSED] += 1;
        if self.c.trace.is_some() {
            self.step(t, StepKind::Suppressed, Some(j), Some(n), None, text());
        }
    }

    /// The minimum-gap rule a message would break, as a closure that puts it in words.
    fn gap(
        &self,
        policy: &PolicyPlan,
        scope: Option<u16>,
        ch: usize,
        t: i64,
    ) -> Option<impl FnOnce() -> String + use<>> {
        let longest = policy.gap_same.max(policy.gap_across);
        if longest <= 0 {
            return None;
        }
        let earlier = self.c.sends.iter().rev().take_while(|s| t - s.t < longest);
        for s in earlier.filter(|s| s.marketing && scope.is_none_or(|j| s.journey == j)) {
            let same = s.channel as usize == ch;
            let gap = if same { policy.gap_same } else { policy.gap_across };
            if t - s.t < gap {
                let (label, channel, ago) = (policy.label, CHANNELS[s.channel as usize], t - s.t);
                return Some(move || {
                    format!(
                        "min gap {} {} channel ({label} policy): the last {channel} message was {} ago",
                        span(gap),
                        if same { "on the same" } else { "across" },
                        span(ago)
                    )
                });
            }
        }
        None
    }

    /// The frequency cap a message would break, as a closure that puts it in words.
    fn cap(
        &self,
        policy: &PolicyPlan,
        scope: Option<u16>,
        ch: usize,
        t: i64,
    ) -> Option<impl FnOnce() -> String + use<>> {
        for &(channel, max, window) in &policy.caps {
            if channel.is_some_and(|c| c != ch) {
                continue;
            }
            let count = self
                .c
                .sends
                .iter()
                .rev()
                .take_while(|s| t - s.t < window)
                .filter(|s| s.marketing && scope.is_none_or(|j| s.journey == j))
                .filter(|s| channel.is_none_or(|c| c == s.channel as usize))
                .count();
            if count >= max as usize {
                let label = policy.label;
                return Some(move || {
                    format!(
                        "frequency cap {max} {}per {} ({label} policy) reached",
                        channel.map_or(String::new(), |c| format!("{} ", CHANNELS[c])),
                        span(window)
                    )
                });
            }
        }
        None
    }

    /// Evaluates a condition at `t`; events count only after `floor` (the entry, for goals and
    /// exit criteria); engagement refers to the current stay in `journey`.
    fn eval(&self, cond: &Cond, t: i64, floor: i64, journey: Option<usize>) -> bool {
        match cond {
            Cond::All(list) => list.iter().all(|c| self.eval(c, t, floor, journey)),
            Cond::Any(list) => list.iter().any(|c| self.eval(c, t, floor, journey)),
            Cond::Not(inner) => !self.eval(inner, t, floor, journey),
            Cond::Never => false,
            Cond::Engaged { node, mask } => {
                journey.is_some_and(|j| self.c.instances[j].engagement[*node as usize] & mask != 0)
            }
            Cond::Event { event, within, min } => {
                let lower = within.map_or(i64::MIN, |w| t - w);
                let mut count = 0;
                for &at in self.c.history[*event as usize].iter().rev() {
                    if at < lower || at <= floor {
                        break;
                    }
                    count += 1;
                    if count >= *min {
                        return true;
                    }
                }
                count >= *min
            }
            Cond::Attr { attr, op, literal } => self.compare(*attr as usize, *op, literal),
        }
    }

    fn compare(&self, attr: usize, op: Operator, literal: &Literal) -> bool {
        let value = self.c.attrs[attr];
        let eq = |literal: &Literal| match (value, literal) {
            (Val::Sym(a), Literal::Str { symbol, .. }) => a == *symbol,
            (Val::Num(a), Literal::Num(b)) => a == *b,
            (Val::Bool(a), Literal::Bool(b)) => a == *b,
            (Val::Date(a), Literal::Str { date: Some(b), .. }) => a == *b,
            (Val::Missing, Literal::Null) => true,
            _ => false,
        };
        let order = || match (value, literal) {
            (Val::Num(a), Literal::Num(b)) => a.partial_cmp(b),
            (Val::Date(a), Literal::Str { date: Some(b), .. }) => Some(a.cmp(b)),
            _ => None,
        };
        use std::cmp::Ordering::*;
        match op {
            Operator::Exists => value != Val::Missing,
            Operator::NotExists => value == Val::Missing,
            Operator::Eq => eq(literal),
            Operator::Ne => !eq(literal),
            Operator::In | Operator::NotIn => {
                let found = match literal {
                    Literal::List(items) => items.iter().any(eq),
                    other => eq(other),
                };
                found == (op == Operator::In)
            }
            Operator::Contains => match (value, literal) {
                (Val::List, Literal::Str { symbol, .. }) => self.c.lists[attr].contains(symbol),
                (Val::Sym(a), Literal::Str { symbol, .. }) => {
                    a == *symbol || self.plan.symbols[a as usize].contains(self.plan.symbols[*symbol as usize].as_str())
                }
                _ => false,
            },
            Operator::Gt => order() == Some(Greater),
            Operator::Gte => matches!(order(), Some(Greater | Equal)),
            Operator::Lt => order() == Some(Less),
            Operator::Lte => matches!(order(), Some(Less | Equal)),
        }
    }

    /// A condition and whether it holds, in words, for traces.
    fn explain(&self, cond: &Cond, t: i64, journey: Option<usize>) -> String {
        let plan = self.plan;
        let holds = self.eval(cond, t, i64::MIN, journey);
        let text = match cond {
            Cond::All(list) => {
                format!("all of [{}]", list.iter().map(|c| self.explain(c, t, journey)).collect::<Vec<_>>().join(", "))
            }
            Cond::Any(list) => {
                format!("any of [{}]", list.iter().map(|c| self.explain(c, t, journey)).collect::<Vec<_>>().join(", "))
            }
            Cond::Not(inner) => format!("not ({})", self.explain(inner, t, journey)),
            Cond::Never => "an unknown message".to_owned(),
            Cond::Engaged { node, mask } => {
                let id = journey.map_or("?", |j| plan.journeys[j].nodes[*node as usize].id.as_str());
                let what = match *mask {
                    DELIVERED => "delivered",
                    OPENED => "opened",
                    _ => "clicked",
                };
                format!("`{id}` {what}")
            }
            Cond::Event { event, within, min } => {
                let count =
                    self.c.history[*event as usize].iter().filter(|at| within.is_none_or(|w| **at >= t - w)).count();
                format!(
                    "`{}` {}× {}(needs {min})",
                    plan.events[*event as usize],
                    count,
                    within.map_or(String::new(), |w| format!("in the last {} ", span(w)))
                )
            }
            Cond::Attr { attr, op, .. } => {
                let value = match self.c.attrs[*attr as usize] {
                    Val::Missing => "not set".to_owned(),
                    Val::Sym(s) => format!("`{}`", plan.symbols[s as usize]),
                    Val::Num(x) => format!("{x}"),
                    Val::Bool(b) => format!("{b}"),
                    Val::Date(d) => time::format_date(d),
                    Val::List => format!(
                        "[{}]",
                        self.c.lists[*attr as usize]
                            .iter()
                            .map(|s| plan.symbols[*s as usize].as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                format!("`{}` is {value} ({op:?})", plan.attr_names[*attr as usize])
            }
        };
        format!("{text}: {}", if holds { "yes" } else { "no" })
    }

    fn clock(&self, t: i64) -> String {
        time::format_time(time::local(self.plan.start_epoch, &self.plan.zones[self.c.zone].1, t)) + " local"
    }

    fn step(
        &mut self,
        t: i64,
        what: StepKind,
        journey: Option<usize>,
        node: Option<u32>,
        port: Option<usize>,
        reason: String,
    ) {
        let plan = self.plan;
        let Some(steps) = &mut self.c.trace else { return };
        if steps.len() >= MAX_TRACE_STEPS {
            self.c.truncated = true;
            return;
        }
        let j = journey.map(|j| &plan.journeys[j]);
        let node_plan = j.zip(node).map(|(j, n)| &j.nodes[n as usize]);
        steps.push(TraceStep {
            t,
            at: time::format_time(plan.start_epoch + t),
            local: time::format_time(time::local(plan.start_epoch, &plan.zones[self.c.zone].1, t)),
            what,
            journey: j.map(|j| j.id.clone()),
            node: node_plan.map(|n| n.id.clone()),
            port: node_plan.zip(port).and_then(|(n, p)| n.ports.get(p).cloned()),
            reason,
        });
    }

    /// Tallies the customer; returns whether it entered any journey.
    fn finish(&mut self) -> bool {
        let plan = self.plan;
        self.tally.customers += 1;
        for j in 0..plan.journeys.len() {
            if self.c.instances[j].ever {
                self.close(j);
            }
        }
        if self.c.trace.is_some() {
            // The trace shows every occurrence, also those no branch needed.
            for p in 0..plan.processes.len() {
                if plan.processes[p].lazy {
                    self.materialize(p, plan.horizon, false);
                }
            }
            if let Some(steps) = &mut self.c.trace {
                steps.sort_by_key(|step| step.t);
            }
        }
        if let Some(steps) = self.c.trace.take() {
            let trace = Trace {
                customer: customer_id(self.c.index),
                timezone: plan.zones[self.c.zone].0.clone(),
                steps,
                truncated: self.c.truncated,
            };
            self.tally.traces.push((self.c.index, trace));
        }
        if !self.c.entered_any {
            return false;
        }
        self.tally.entered += 1;
        let sends = &self.c.sends;
        let clamp = |n: usize| n.min(HISTOGRAM - 1);
        self.tally.total[clamp(sends.len())] += 1;
        for (window, histogram) in [(DAY, &mut self.tally.rolling_24h), (7 * DAY, &mut self.tally.rolling_7d)] {
            let (mut most, mut first) = (0, 0);
            for last in 0..sends.len() {
                while sends[last].t - sends[first].t >= window {
                    first += 1;
                }
                most = most.max(last + 1 - first);
            }
            histogram[clamp(most)] += 1;
        }
        true
    }
}

/// The id a customer is shown by: `c1` for index 0.
pub fn customer_id(index: u64) -> String {
    format!("c{}", index + 1)
}

/// A duration in seconds as a short text such as `2d 4h`, `30m` or `0s`.
pub(crate) fn span(seconds: i64) -> String {
    let s = seconds.abs();
    let (d, h, m, r) = (s / DAY, s % DAY / HOUR, s % HOUR / 60, s % 60);
    let mut parts = Vec::new();
    for (value, unit) in [(d, "d"), (h, "h"), (m, "m"), (r, "s")] {
        if value > 0 {
            parts.push(format!("{value}{unit}"));
        }
    }
    if parts.is_empty() { "0s".to_owned() } else { parts.join(" ") }
}

fn signed_span(seconds: i64) -> String {
    if seconds < 0 { format!("- {}", span(seconds)) } else { format!("+ {}", span(seconds)) }
}
