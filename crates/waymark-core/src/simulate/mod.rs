//! The simulator: synthetic customers stepped through one or several journeys in simulated time,
//! to show the cadence each customer would really get and every channel conflict before launch.
//!
//! `simulate(journeys, scenario, options)` is the whole API: it compiles the journeys and the
//! scenario (`plan`), simulates every customer independently (`engine`) and returns a `Report`.
//! Nothing here reads a clock, a file or a global random source: time is simulated and every
//! random choice comes from a stream derived from the scenario's seed and the customer's index.
//! The same journeys, scenario and seed give a byte-identical report whatever the thread count.
//!
//! Modelling choices worth knowing:
//! - time is whole seconds from midnight UTC of the start day; quiet hours, `until_time` waits
//!   and schedules use the customer's local time from the scenario's time-zone mix;
//! - spontaneous events are Poisson processes, redrawn whenever an engagement lift starts or
//!   ends; a process's segment is checked at each occurrence; event filters (entry,
//!   `wait_for_event`) are evaluated on the customer's attributes, which stand in for the event's
//!   properties; events nothing reacts to (only branch conditions read them) are drawn lazily,
//!   when a branch looks, from a stream of their own, so they cost nothing for customers who
//!   never get there and tracing a customer changes none of its numbers;
//! - opens and clicks are events (`message_opened`, `message_clicked`) and set the engagement
//!   that branch conditions read;
//! - transactional messages ignore consent, quiet hours, gaps and caps, and do not count toward
//!   caps or gaps; they still count in cadence;
//! - a message held by quiet hours (`defer`) holds its token; `drop`, gaps and caps suppress it
//!   and the token moves on;
//! - at the same second, timeouts go first (an event at the deadline is too late) and then
//!   journeys in priority order, which decides who wins a capped slot; what one event sets off
//!   (waits that end, entries, goals, exit criteria) also goes journey by journey in priority
//!   order, journeys of equal priority in the order they were given;
//! - a message suppressed by a workspace cap that another journey's message used up is a
//!   cross-journey conflict, reported with that journey, like a message sent within a day of
//!   another journey's;
//! - a segment entry is checked at the start, after every profile update and after every event
//!   its condition mentions; schedules and date attributes enter at their local time;
//! - `exit` ends one token; the stay ends when no token is left; goals and exit criteria remove
//!   every token; `always` re-entry restarts the stay.

pub mod compare;
mod engine;
mod plan;
pub mod report;
pub mod rng;
pub mod scenario;
pub mod script;
mod summary;
pub mod time;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

pub use engine::customer_id;
pub use report::{ConflictKind, Report, StepKind, StopReason, Stopped, Trace, TraceStep};
pub use scenario::{SCENARIO_FORMAT, Scenario, parse_scenario, parse_scenario_bytes, scenario_schema};

use crate::model::JourneyDocument;
use engine::{CHUNK, Customer, Tally, simulate_customer};

/// How to run a simulation (the what is in the scenario).
#[derive(Default, Clone, Copy)]
pub struct Options<'a> {
    /// Worker threads; 0 or 1 runs on the calling thread.
    pub threads: usize,
    /// Also trace this customer (its index: `c1` is 0).
    pub trace: Option<u64>,
    /// Called now and then with (customers done, customers in all).
    pub progress: Option<&'a (dyn Fn(u64, u64) + Sync)>,
    /// Set to stop early; the report then says `complete: false`.
    pub cancel: Option<&'a AtomicBool>,
}

/// Parses a customer id as shown in reports (`c42`, or just `42`) into its index.
pub fn parse_customer_id(text: &str) -> Option<u64> {
    let number: u64 = text.strip_prefix('c').unwrap_or(text).parse().ok()?;
    number.checked_sub(1)
}

/// Simulates the scenario's population through `journeys` under the scenario's workspace policy.
pub fn simulate(journeys: &[JourneyDocument], scenario: &Scenario, options: &Options<'_>) -> Report {
    let plan = plan::compile(journeys, scenario);
    let chunks = plan.customers.div_ceil(CHUNK);
    let next = AtomicU64::new(0);
    let done = AtomicU64::new(0);
    let work = || {
        let mut tally = Tally::new(&plan);
        let mut customer = Customer::new(&plan);
        let mut sampled = 0u32;
        loop {
            let chunk = next.fetch_add(1, Ordering::Relaxed);
            if chunk >= chunks || options.cancel.is_some_and(|c| c.load(Ordering::Relaxed)) {
                break;
            }
            let end = ((chunk + 1) * CHUNK).min(plan.customers);
            for index in chunk * CHUNK..end {
                let sample = chunk == 0 && sampled < plan.sample_traces;
                let tracing = sample || options.trace == Some(index);
                let entered = simulate_customer(&plan, &mut customer, &mut tally, index, tracing);
                if sample && entered {
                    sampled += 1;
                }
                if tracing && !entered && options.trace != Some(index) {
                    // A sampled customer who entered nothing tells nothing; its trace is dropped.
                    tally.traces.retain(|t| t.0 != index);
                }
            }
            let finished = done.fetch_add(end - chunk * CHUNK, Ordering::Relaxed) + end - chunk * CHUNK;
            if let Some(progress) = options.progress {
                progress(finished, plan.customers);
            }
        }
        tally
    };
    let threads = options.threads.clamp(1, 64).min(chunks.max(1) as usize);
    let mut tallies: Vec<Tally> = if threads <= 1 {
        vec![work()]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles.into_iter().map(|h| h.join().expect("simulation threads do not panic")).collect()
        })
    };
    let mut tally = tallies.remove(0);
    for other in tallies {
        tally.merge(other);
    }
    // Only the requested customer and the first sampled ones are reported.
    let requested = options.trace;
    let mut kept = 0;
    tally.traces.retain(|(index, _)| {
        let keep = Some(*index) == requested || kept < plan.sample_traces as usize;
        if Some(*index) != requested {
            kept += usize::from(keep);
        }
        keep
    });
    summary::report(&plan, tally, journeys)
}

#[cfg(test)]
mod tests;
