//! Node semantics: a token moves through instantaneous nodes (entries, branches, splits,
//! parallels, messages, updates, exits) until it parks at a wait or leaves the journey. Each
//! kind of node has its own function; `advance` only moves the token from node to node.

use super::Run;
use super::customer::{Park, Parked};
use super::queue::{Action, Class};
use super::tally::{Stop, Story};
use super::trace::{Place, customer_id, signed_span, span, trace};
use crate::simulate::plan::{ChangePlan, Cond, Step, Val};
use crate::simulate::report::{StepKind, StopReason};
use crate::simulate::time::{self, DAY};
use crate::split;

/// The most tokens one stay in a journey may have at once.
const MAX_TOKENS: u32 = 1_000;
/// The most nodes one token may pass at one instant: more is a loop that does not wait.
const MAX_INSTANT_NODES: u32 = 100_000;

/// Where a token starts moving: arriving at a node, or leaving one through a port.
#[derive(Clone, Copy)]
enum Start {
    Arrive(u32),
    Leave(u32, usize),
}

/// A token of stay `epoch` in journey `j`, at node `n` at time `t`.
#[derive(Clone, Copy)]
struct Token {
    j: usize,
    n: u32,
    t: i64,
    epoch: u32,
}

/// The nodes the token goes to next, last first.
type Next = Vec<u32>;

impl Run<'_> {
    /// A token of stay `epoch` arrives at node `node` of journey `j`.
    pub(super) fn arrive(&mut self, j: usize, node: u32, t: i64, epoch: u32) {
        self.advance(j, Start::Arrive(node), t, epoch);
    }

    /// A token of stay `epoch` leaves node `node` of journey `j` through `port`.
    pub(super) fn leave(&mut self, j: usize, node: u32, port: usize, t: i64, epoch: u32) {
        self.advance(j, Start::Leave(node, port), t, epoch);
    }

    /// Moves a token through instantaneous nodes until it parks or leaves.
    fn advance(&mut self, j: usize, start: Start, t: i64, epoch: u32) {
        if self.c.stop.is_some() {
            return;
        }
        let mut next = std::mem::take(&mut self.c.stack);
        next.clear();
        match start {
            Start::Arrive(node) => next.push(node),
            Start::Leave(node, port) => self.pass(j, node, port, t, &mut next),
        }
        let mut guard = 0u32;
        let mut at = match start {
            Start::Arrive(node) | Start::Leave(node, _) => node,
        };
        while let Some(n) = next.pop() {
            at = n;
            if self.c.instances[j].epoch != epoch {
                break;
            }
            guard += 1;
            if guard > MAX_INSTANT_NODES {
                // An instant loop (a validation error): the customer stops rather than hang.
                let (customer, reason, limit) = (self.c.index, StopReason::InstantLoop, u64::from(MAX_INSTANT_NODES));
                self.c.stop = Some(Stop { customer, t, place: Some((j, n)), reason, limit });
                break;
            }
            self.tally.visits += 1;
            self.node_counts(j, n).entered += 1;
            self.fingerprint_node(j, n, Story::Arrived, t);
            if let Some(path) = &mut self.c.path {
                path.push((t, j, n));
            }
            if !self.visit(Token { j, n, t, epoch }, &mut next) {
                break;
            }
        }
        next.clear();
        self.c.stack = next;
        self.c.at = Some((j, at));
    }

    /// Does what node `token.n` does; false when the token's stay ended there.
    fn visit(&mut self, token: Token, next: &mut Next) -> bool {
        let Token { j, n, t, epoch } = token;
        let plan = self.plan;
        match &plan.journeys[j].nodes[n as usize].step {
            Step::Entry => self.pass(j, n, 0, t, next),
            Step::WaitFor(d) => {
                trace!(self, t, StepKind::Waiting, Place::node(j, n), "wait {}", span(*d));
                self.park(j, n, epoch, Park::Wait, t, t.saturating_add(*d));
            }
            Step::WaitUntilTime { minute, weekdays, zone } => {
                self.wait_until_time(token, *minute, *weekdays, *zone, next)
            }
            Step::WaitUntilDate { attr, offset } => self.wait_until_date(token, *attr, *offset, next),
            Step::WaitForEvent { timeout, .. } => {
                let place = Place::node(j, n);
                trace!(
                    self,
                    t,
                    StepKind::Waiting,
                    place,
                    "wait for an event, at most {}",
                    timeout.map_or("forever".to_owned(), span)
                );
                let until = timeout.map_or(i64::MAX, |d| t.saturating_add(d));
                self.park(j, n, epoch, Park::Await, t, until);
            }
            Step::Branch { cases, lazy } => self.branch(token, cases, lazy, next),
            Step::Split { id, ends, holdout } => self.split(token, id, ends, holdout, next),
            Step::Parallel { paths } => self.parallel(token, *paths, next),
            Step::Message { .. } => match self.message(j, n, t) {
                Some(at) => self.park(j, n, epoch, Park::Defer, t, at),
                None => self.pass(j, n, 0, t, next),
            },
            Step::Update { changes } => return self.update(token, changes, next),
            Step::Exit => {
                self.node_counts(j, n).exited += 1;
                trace!(self, t, StepKind::Exited, Place::node(j, n), "reached an exit");
                self.end_token(j, t);
            }
        }
        true
    }

    fn wait_until_time(&mut self, token: Token, minute: i64, weekdays: u8, zone: Option<usize>, next: &mut Next) {
        let Token { j, n, t, epoch } = token;
        let plan = self.plan;
        let table = &plan.zones[zone.unwrap_or(self.c.zone)].1;
        let at = time::next_local_time(plan.start_epoch, table, t, minute, weekdays);
        if at <= t {
            self.pass(j, n, 0, t, next);
            return;
        }
        let (hour, minute) = (minute / 60, minute % 60);
        trace!(
            self,
            t,
            StepKind::Waiting,
            Place::node(j, n),
            "wait until {hour:02}:{minute:02} local: {}",
            self.clock(at)
        );
        self.park(j, n, epoch, Park::Wait, t, at);
    }

    fn wait_until_date(&mut self, token: Token, attr: u32, offset: i64, next: &mut Next) {
        let Token { j, n, t, epoch } = token;
        let plan = self.plan;
        let at = match self.c.attrs[attr as usize] {
            Val::Date(day) => Some(time::from_local(plan.start_epoch, &plan.zones[self.c.zone].1, day * DAY + offset)),
            _ => None,
        };
        let name = &plan.attr_names[attr as usize];
        match at {
            Some(at) if at > t => {
                let place = Place::node(j, n);
                trace!(
                    self,
                    t,
                    StepKind::Waiting,
                    place,
                    "wait until `{name}` {}: {}",
                    signed_span(offset),
                    self.clock(at)
                );
                self.park(j, n, epoch, Park::Wait, t, at);
            }
            _ => {
                let why = if at.is_some() { "already past" } else { "not set" };
                trace!(self, t, StepKind::Passed, Place::port(j, n, 0), "`{name}` is {why}");
                self.pass(j, n, 0, t, next);
            }
        }
    }

    /// The first case that holds wins; the last port is `else`. Lazily drawn events the cases
    /// mention are drawn up to now first.
    fn branch(&mut self, token: Token, cases: &[Cond], lazy: &[u32], next: &mut Next) {
        let Token { j, n, t, .. } = token;
        for &p in lazy {
            self.materialize(p as usize, t + 1, true);
        }
        let port = cases.iter().position(|c| self.eval(c, t, i64::MIN, Some(j))).unwrap_or(cases.len());
        if self.c.trace.is_some() {
            let reason = if port < cases.len() {
                let case = &self.plan.journeys[j].nodes[n as usize].ports[port];
                format!("case `{case}` matched: {}", self.explain(&cases[port], t, Some(j)))
            } else {
                let all: Vec<String> = cases.iter().map(|c| self.explain(c, t, Some(j))).collect();
                format!("no case matched: {}", all.join("; "))
            };
            self.step(t, StepKind::Passed, Place::port(j, n, port), reason);
        }
        self.pass(j, n, port, t, next);
    }

    /// The path that owns the customer's bucket (`split::split_bucket` of the customer's id and
    /// the split's), the same every time and in every runtime.
    fn split(&mut self, token: Token, id: &str, ends: &[u32], holdout: &[bool], next: &mut Next) {
        let Token { j, n, t, .. } = token;
        let bucket = split::split_bucket(&customer_id(self.c.index), id);
        let port = split::path_of(bucket, ends);
        if holdout.get(port).copied().unwrap_or(false) {
            self.c.instances[j].holdout = true;
        }
        let note = if holdout[port] { " (holdout: receives nothing)" } else { "" };
        trace!(self, t, StepKind::Passed, Place::port(j, n, port), "bucket {bucket} of 10000{note}");
        self.pass(j, n, port, t, next);
    }

    /// This token goes down the first path and new ones down the others, up to a limit, so
    /// that a parallel node in a loop cannot multiply tokens forever.
    fn parallel(&mut self, token: Token, paths: usize, next: &mut Next) {
        let Token { j, n, t, .. } = token;
        let room = MAX_TOKENS.saturating_sub(self.c.instances[j].tokens) as usize;
        let taken = paths.min(room + 1);
        if taken < paths {
            self.tally.cut_short += 1;
        }
        if taken == 0 {
            self.end_token(j, t);
            return;
        }
        self.c.instances[j].tokens += taken as u32 - 1;
        for port in (0..taken).rev() {
            self.pass(j, n, port, t, next);
        }
    }

    /// Changes the profile; false when that ended the stay (a goal or an exit criterion).
    fn update(&mut self, token: Token, changes: &[ChangePlan], next: &mut Next) -> bool {
        let Token { j, n, t, epoch } = token;
        self.apply(changes);
        trace!(self, t, StepKind::Passed, Place::port(j, n, 0), "profile updated");
        self.after_update(t);
        if self.c.instances[j].epoch != epoch {
            self.node_counts(j, n).exited += 1;
            return false;
        }
        self.pass(j, n, 0, t, next);
        true
    }

    fn apply(&mut self, changes: &[ChangePlan]) {
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

    /// Leaves node `n` through `port`: on to the connected node, or out of the journey when the
    /// port is not connected (a validation error).
    fn pass(&mut self, j: usize, n: u32, port: usize, t: i64, next: &mut Next) {
        let journey = &self.plan.journeys[j];
        self.node_counts(j, n).passed += 1;
        match journey.nodes[n as usize].next.get(port).copied().flatten() {
            Some((to, edge)) => {
                self.tally.edges[journey.edge_base + edge as usize] += 1;
                next.push(to);
            }
            None => {
                self.node_counts(j, n).exited += 1;
                self.end_token(j, t);
            }
        }
    }

    /// Parks a token at node `node` until `until` (`i64::MAX`: until an awaited event).
    fn park(&mut self, j: usize, node: u32, epoch: u32, kind: Park, t: i64, until: i64) {
        self.c.next_park += 1;
        let id = self.c.next_park;
        self.c.parked.push(Parked { id, journey: j as u16, node, epoch, kind, since: t });
        let rank = self.plan.journeys[j].rank;
        match kind {
            Park::Wait => self.schedule(until, Class::Ordinary, rank, Action::Resume { park: id, port: 0 }),
            Park::Await if until != i64::MAX => {
                self.schedule(until, Class::Timeout, rank, Action::Timeout { park: id })
            }
            Park::Await => {}
            Park::Defer => self.schedule(until, Class::Ordinary, rank, Action::Send { park: id }),
        }
    }

    /// Takes a parked token off its node; None when it is gone (its stay ended).
    pub(super) fn unpark(&mut self, id: u32) -> Option<Parked> {
        let i = self.c.parked.iter().position(|p| p.id == id)?;
        Some(self.c.parked.remove(i))
    }

    /// A wait is over: the token leaves through `port`.
    pub(super) fn resume(&mut self, t: i64, park: u32, port: usize) {
        if let Some(p) = self.unpark(park) {
            self.leave(p.journey as usize, p.node, port, t, p.epoch);
        }
    }

    /// No awaited event came in time: the token leaves through the last port, `timeout`.
    pub(super) fn timeout(&mut self, t: i64, park: u32) {
        let Some(p) = self.unpark(park) else { return };
        let j = p.journey as usize;
        let port = self.plan.journeys[j].nodes[p.node as usize].ports.len() - 1;
        let place = Place::port(j, p.node, port);
        trace!(self, t, StepKind::Passed, place, "no awaited event since {}: the timeout ran out", self.clock(p.since));
        self.leave(j, p.node, port, t, p.epoch);
    }

    /// Quiet hours are over for a held message: it goes through the policies again.
    pub(super) fn send_held(&mut self, t: i64, park: u32) {
        let Some(p) = self.unpark(park) else { return };
        let j = p.journey as usize;
        match self.message(j, p.node, t) {
            Some(at) => self.park(j, p.node, p.epoch, Park::Defer, t, at),
            None => self.leave(j, p.node, 0, t, p.epoch),
        }
    }
}
