//! Events: the customer's spontaneous events (Poisson processes, lifted for a while by opens and
//! clicks, some drawn only when a branch looks), opens and clicks themselves, the events of a
//! scripted customer, and what an event sets off in the journeys.

use super::Run;
use super::customer::Park;
use super::queue::{Action, Class, after};
use super::trace::{Place, span, trace};
use crate::condition::Engagement;
use crate::simulate::plan::{CHANNELS, EntryPlan, Reaction, Step, Val, engagement_bit};
use crate::simulate::report::StepKind;
use crate::simulate::rng::Rng;

/// A customer whose profile and events are given rather than drawn, to compare the simulator's
/// path with another runtime's (`simulate::script`). Its plan should have no spontaneous events.
#[derive(Debug, Clone, Default)]
pub(crate) struct Script {
    /// Attribute values by attribute id; list attributes hold their items' symbols.
    pub attributes: Vec<(u32, Val, Vec<u32>)>,
    /// Events by event id, at seconds since the start.
    pub events: Vec<(i64, u32)>,
}

impl Run<'_> {
    /// Gives the customer the script's profile, schedules its entries again on that profile,
    /// and queues its events.
    pub(super) fn follow(&mut self, script: &Script) {
        for (attr, value, items) in &script.attributes {
            self.c.attrs[*attr as usize] = *value;
            self.c.lists[*attr as usize].clone_from(items);
        }
        // Nothing but entries is queued yet in a plan without spontaneous events.
        self.c.queue.clear();
        self.schedule_entries();
        for &(t, event) in &script.events {
            self.schedule(t, Class::Ordinary, 0, Action::Scripted { event });
        }
    }

    /// A scripted event.
    pub(super) fn scripted(&mut self, t: i64, e: usize) {
        trace!(self, t, StepKind::Event, Place::CUSTOMER, "did `{}` (scripted)", self.plan.events[e]);
        self.fire(t, e);
    }

    /// A spontaneous event candidate; `redraw` marks the end of an engagement lift, when the
    /// process goes back to its base rate.
    pub(super) fn spontaneous(&mut self, t: i64, p: usize, generation: u32, redraw: bool) {
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
            trace!(self, t, StepKind::Event, Place::CUSTOMER, "did `{}`", self.plan.events[process.event as usize]);
            self.fire(t, process.event as usize);
        }
    }

    /// Schedules the next occurrence of process `p` after `t` at its current rate. Poisson
    /// processes forget their past, so a new draw at each change of rate is exact.
    pub(super) fn draw(&mut self, p: usize, t: i64) {
        let process = &self.plan.processes[p];
        if self.c.counts[p] >= process.max_count {
            return;
        }
        let mut rate = process.rate;
        if let Some(lift) = process.lift {
            let last = if lift.after == Engagement::Clicked {
                self.c.last_clicked
            } else {
                self.c.last_opened.max(self.c.last_clicked)
            };
            if t - last < lift.within {
                rate *= lift.factor;
            }
        }
        if rate <= 0.0 {
            return;
        }
        let next = after(t, self.c.rng.exponential(1.0 / rate));
        let generation = self.c.generations[p];
        let action = Action::Spontaneous { process: p as u16, generation, redraw: false };
        self.schedule(next, Class::Ordinary, 0, action);
    }

    /// An open or a click starts (or extends) the lift of the processes it lifts.
    fn lift(&mut self, t: i64, engagement: Engagement) {
        for (p, process) in self.plan.processes.iter().enumerate() {
            let Some(lift) = process.lift else { continue };
            if process.lazy || (lift.after == Engagement::Clicked && engagement != Engagement::Clicked) {
                continue;
            }
            self.c.generations[p] += 1;
            self.draw(p, t);
            let generation = self.c.generations[p];
            let action = Action::Spontaneous { process: p as u16, generation, redraw: true };
            self.schedule(t.saturating_add(lift.within), Class::Ordinary, 0, action);
        }
    }

    /// Draws the occurrences of lazy process `p` before `until`. The variate left over is kept,
    /// so drawing in several steps gives the same times as drawing at once. Occurrences drawn
    /// after the customer's story is over (for a trace) are not `counted` in the totals.
    pub(super) fn materialize(&mut self, p: usize, until: i64, counted: bool) {
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
                trace!(self, at, StepKind::Event, Place::CUSTOMER, "did `{}`", plan.events[e]);
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
        let Some(lift) = process.lift else { return (process.rate, i64::MAX) };
        let mut lifted = false;
        let mut boundary = i64::MAX;
        for &(at, engaged) in &self.c.engagements {
            if lift.after == Engagement::Clicked && engaged != Engagement::Clicked {
                continue;
            }
            if at <= t && t < at + lift.within {
                lifted = true;
            }
            for edge in [at, at + lift.within] {
                if edge > t {
                    boundary = boundary.min(edge);
                }
            }
        }
        (if lifted { process.rate * lift.factor } else { process.rate }, boundary)
    }

    /// The customer opened or clicked a message of node `node` in journey `j`, sent in stay
    /// `epoch`: engagement conditions of that stay now hold, lifts start, and the event fires.
    pub(super) fn engage(&mut self, t: i64, j: usize, node: u32, epoch: u32, engagement: Engagement, channel: u8) {
        let instance = &mut self.c.instances[j];
        if instance.epoch == epoch {
            instance.engagement[node as usize] |= engagement_bit(engagement);
        }
        let opened = engagement == Engagement::Opened;
        if opened {
            self.c.last_opened = t;
        } else {
            self.c.last_clicked = t;
        }
        self.c.engagements.push((t, engagement));
        self.lift(t, engagement);
        let what = if opened { "opened" } else { "clicked" };
        let channel = CHANNELS[channel as usize];
        trace!(self, t, StepKind::Event, Place::node(j, node), "{what} the {channel} message");
        let event = if opened { self.plan.opened_event } else { self.plan.clicked_event };
        self.fire(t, event as usize);
        self.check_goals(j, t);
    }

    /// The customer did event `e`. Journey by journey in priority order, tokens waiting for it
    /// move on, the entries it triggers happen, goals and exit criteria are checked, and so are
    /// the segment entries that mention it.
    pub(super) fn fire(&mut self, t: i64, e: usize) {
        let plan = self.plan;
        self.tally.events += 1;
        self.c.history[e].push(t);
        if e == plan.unsubscribed_event as usize {
            self.c.consent = 0;
        }
        for reaction in &plan.reactions_by_event[e] {
            match *reaction {
                Reaction::Resume { journey } => self.resume_awaiting(t, e, journey as usize),
                Reaction::Enter { journey, node } => {
                    let j = journey as usize;
                    let Some(EntryPlan::Event { filter, .. }) = plan.journeys[j].entry(node) else { continue };
                    if filter.as_ref().is_none_or(|f| self.eval(f, t, i64::MIN, None)) {
                        self.try_enter(j, node, t, "the entry event happened");
                    }
                }
                Reaction::Goals { journey } => self.check_goals(journey as usize, t),
                Reaction::Segment { journey, node } => {
                    let j = journey as usize;
                    let Some(EntryPlan::Segment(cond)) = plan.journeys[j].entry(node) else { continue };
                    if !self.c.instances[j].active && self.eval(cond, t, i64::MIN, None) {
                        self.try_enter(j, node, t, "the segment condition became true");
                    }
                }
            }
        }
    }

    /// Moves on the tokens of journey `j` waiting for event `e`. They are all found before any
    /// moves, so a token that comes back to a wait for `e` waits for its next occurrence.
    fn resume_awaiting(&mut self, t: i64, e: usize, j: usize) {
        let plan = self.plan;
        let mut matches = std::mem::take(&mut self.c.matches);
        matches.clear();
        for parked in self.c.parked.iter().filter(|p| p.kind == Park::Await && p.journey as usize == j) {
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
                let port = port as usize;
                trace!(
                    self,
                    t,
                    StepKind::Passed,
                    Place::port(j, p.node, port),
                    "`{}` came {} after the wait began, before the timeout",
                    plan.events[e],
                    span(t - p.since)
                );
                self.leave(j, p.node, port, t, p.epoch);
            }
        }
        self.c.matches = matches;
    }
}
