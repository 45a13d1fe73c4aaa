//! The engine: each customer is simulated on its own, in simulated time, through every journey
//! at once, from a random stream derived from (seed, customer). Customers are independent, so
//! they are spread over threads in fixed-size chunks and the per-thread tallies are summed: sums
//! do not depend on the order they are added in, so the report does not depend on the threads.
//!
//! The jobs, one module each: the customer's state and how it is drawn (`customer`), the event
//! queue (`queue`), spontaneous events and what an event sets off (`events`), entering and
//! leaving journeys (`stay`), what each kind of node does (`nodes`), messaging policies
//! (`policy`), condition evaluation (`condition`), tallies (`tally`) and traces (`trace`).

mod condition;
mod customer;
mod events;
mod nodes;
mod policy;
mod queue;
mod stay;
mod tally;
mod trace;

pub(crate) use customer::Customer;
pub(crate) use tally::{Group, Occurrences, Suppression, Tally};
pub use trace::customer_id;

use crate::simulate::plan::Plan;
use queue::Action;

/// Customers per chunk of work; fixed so that chunk 0 (where traces are sampled) is the same
/// customers whatever the thread count.
pub(crate) const CHUNK: u64 = 2_048;
/// The most actions one customer may take; only a journey that loops without waiting gets near.
const MAX_ACTIONS: u32 = 1_000_000;

/// One customer being simulated: the plan, the customer's state and where it is tallied.
struct Run<'a> {
    plan: &'a Plan,
    c: &'a mut Customer,
    tally: &'a mut Tally,
}

/// Simulates customer `index` and adds what happened to `tally`; returns whether it entered
/// any journey. `tracing` also records its timeline.
pub(crate) fn simulate_customer(plan: &Plan, c: &mut Customer, tally: &mut Tally, index: u64, tracing: bool) -> bool {
    let mut run = Run { plan, c, tally };
    run.reset(index, tracing);
    run.populate();
    let mut actions = 0;
    while let Some((t, action)) = run.next_action() {
        actions += 1;
        if actions > MAX_ACTIONS {
            run.tally.cut_short += 1;
            break;
        }
        run.act(t, action);
    }
    run.finish()
}

impl Run<'_> {
    fn act(&mut self, t: i64, action: Action) {
        match action {
            Action::Spontaneous { process, generation, redraw } => {
                self.spontaneous(t, process as usize, generation, redraw)
            }
            Action::Enter { journey, node } => self.scheduled_entry(t, journey as usize, node),
            Action::Resume { park, port } => self.resume(t, park, port as usize),
            Action::Timeout { park } => self.timeout(t, park),
            Action::Send { park } => self.send_held(t, park),
            Action::Engage { journey, node, epoch, engagement, channel } => {
                self.engage(t, journey as usize, node, epoch, engagement, channel)
            }
        }
    }
}
