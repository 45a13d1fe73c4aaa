//! Traces: one customer's timeline in words. Steps are only put in words when the customer is
//! traced, so tracing costs nothing for the others and changes none of the numbers.

use super::Run;
use crate::simulate::report::{StepKind, Trace, TraceStep};
use crate::simulate::time::{self, DAY, HOUR};

/// The longest trace kept for one customer.
const MAX_TRACE_STEPS: usize = 2_000;

/// Where a step happened: in a journey, at a node of it, leaving through a port.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Place {
    journey: Option<usize>,
    node: Option<u32>,
    port: Option<usize>,
}

impl Place {
    /// Outside journeys (a spontaneous event).
    pub const CUSTOMER: Place = Place { journey: None, node: None, port: None };

    pub fn journey(j: usize) -> Place {
        Place { journey: Some(j), ..Place::CUSTOMER }
    }

    pub fn node(j: usize, n: u32) -> Place {
        Place { journey: Some(j), node: Some(n), port: None }
    }

    pub fn port(j: usize, n: u32, port: usize) -> Place {
        Place { journey: Some(j), node: Some(n), port: Some(port) }
    }
}

/// Adds a step to the trace, when the customer is traced; the reason is formatted only then.
macro_rules! trace {
    ($run:expr, $t:expr, $what:expr, $place:expr, $($reason:tt)+) => {
        if $run.c.trace.is_some() {
            let reason = format!($($reason)+);
            $run.step($t, $what, $place, reason);
        }
    };
}
pub(super) use trace;

impl Run<'_> {
    pub(super) fn step(&mut self, t: i64, what: StepKind, place: Place, reason: String) {
        let plan = self.plan;
        let Some(steps) = &mut self.c.trace else { return };
        if steps.len() >= MAX_TRACE_STEPS {
            self.c.truncated = true;
            return;
        }
        let journey = place.journey.map(|j| &plan.journeys[j]);
        let node = journey.zip(place.node).map(|(j, n)| &j.nodes[n as usize]);
        steps.push(TraceStep {
            t,
            at: time::format_time(plan.start_epoch + t),
            local: time::format_time(time::local(plan.start_epoch, &plan.zones[self.c.zone].1, t)),
            what,
            journey: journey.map(|j| j.id.clone()),
            node: node.map(|n| n.id.clone()),
            port: node.zip(place.port).and_then(|(n, p)| n.ports.get(p).cloned()),
            reason,
        });
    }

    /// Simulated time `t` as the customer's local time, for reasons.
    pub(super) fn clock(&self, t: i64) -> String {
        time::format_time(time::local(self.plan.start_epoch, &self.plan.zones[self.c.zone].1, t)) + " local"
    }

    /// Hands the finished trace, if any, to the tally. Every occurrence of the lazily drawn
    /// events is shown, also those no branch needed.
    pub(super) fn finish_trace(&mut self) {
        let plan = self.plan;
        if self.c.trace.is_none() {
            return;
        }
        for p in 0..plan.processes.len() {
            if plan.processes[p].lazy {
                self.materialize(p, plan.horizon, false);
            }
        }
        let Some(mut steps) = self.c.trace.take() else { return };
        steps.sort_by_key(|step| step.t);
        let trace = Trace {
            customer: customer_id(self.c.index),
            timezone: plan.zones[self.c.zone].0.clone(),
            steps,
            truncated: self.c.truncated,
        };
        self.tally.traces.push((self.c.index, trace));
    }
}

/// The id a customer is shown by: `c1` for index 0.
pub fn customer_id(index: u64) -> String {
    format!("c{}", index + 1)
}

/// A duration in seconds as a short text such as `2d 4h`, `30m` or `0s`.
pub(super) fn span(seconds: i64) -> String {
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

/// An offset as `+ 2d` or `- 1d 12h`.
pub(super) fn signed_span(seconds: i64) -> String {
    if seconds < 0 { format!("- {}", span(seconds)) } else { format!("+ {}", span(seconds)) }
}
