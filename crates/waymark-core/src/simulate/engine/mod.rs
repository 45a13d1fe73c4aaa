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
pub(crate) use events::Script;
pub(crate) use tally::{Group, Occurrences, Stop, Suppression, Tally};
pub use trace::customer_id;

use crate::simulate::plan::Plan;
use crate::simulate::report::{StopReason, Trace};
use queue::Action;

/// Customers per chunk of work; fixed so that chunk 0 (where traces are sampled) is the same
/// customers whatever the thread count.
pub(crate) const CHUNK: u64 = 2_048;
/// The most steps (actions taken from the queue and node visits) one customer may take; only a
/// journey that loops without waiting, or enters far too often, gets near.
const MAX_CUSTOMER_STEPS: u64 = 1_000_000;
/// The most steps a whole run may take, shared out between its customers before it starts, so
/// the cost of a run is known from its population alone. It holds about 100 steps per customer
/// of the largest population, far more than the examples take (about 45 in 30 days).
const MAX_RUN_STEPS: u64 = 10_000_000_000;
/// Each customer may take at least this many steps, whatever the population.
const MIN_CUSTOMER_STEPS: u64 = 100;

/// The steps each customer of a run of `customers` may take.
pub(crate) fn customer_budget(customers: u64) -> u64 {
    (MAX_RUN_STEPS / customers.max(1)).clamp(MIN_CUSTOMER_STEPS, MAX_CUSTOMER_STEPS)
}

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
    run.play(index)
}

/// What a scripted customer did: every arrival at a node in order, as (time, journey, node),
/// its trace, and the limit that stopped it, if one did.
pub(crate) struct ScriptRun {
    pub path: Vec<(i64, usize, u32)>,
    pub trace: Option<Trace>,
    pub stopped: Option<StopReason>,
}

/// Follows customer `index` as `script` says (its attributes and events, nothing drawn).
pub(crate) fn simulate_script(plan: &Plan, script: &Script, index: u64) -> ScriptRun {
    let mut c = Customer::new(plan);
    let mut tally = Tally::new(plan);
    let mut run = Run { plan, c: &mut c, tally: &mut tally };
    run.reset(index, true);
    run.c.path = Some(Vec::new());
    run.populate();
    run.follow(script);
    run.play(index);
    let stopped = c.stop.map(|stop| stop.reason);
    ScriptRun { path: c.path.take().unwrap_or_default(), trace: tally.traces.pop().map(|(_, t)| t), stopped }
}

impl Run<'_> {
    /// Takes the customer's actions in order until none is left before the horizon or a limit
    /// stops it; returns whether it entered any journey.
    fn play(&mut self, index: u64) -> bool {
        let run = self;
        let budget = customer_budget(run.plan.customers);
        let visits = run.tally.visits;
        let mut actions = 0;
        while let Some((t, action)) = run.next_action() {
            actions += 1;
            if actions + (run.tally.visits - visits) > budget {
                let place = run.c.at;
                run.c.stop = Some(Stop { customer: index, t, place, reason: StopReason::StepBudget, limit: budget });
            }
            if run.c.stop.is_some() {
                break;
            }
            run.act(t, action);
        }
        run.finish()
    }

    fn act(&mut self, t: i64, action: Action) {
        match action {
            Action::Spontaneous { process, generation, redraw } => {
                self.spontaneous(t, process as usize, generation, redraw)
            }
            Action::Enter { journey, node } => self.scheduled_entry(t, journey as usize, node),
            Action::Scripted { event } => self.scripted(t, event as usize),
            Action::Resume { park, port } => self.resume(t, park, port as usize),
            Action::Timeout { park } => self.timeout(t, park),
            Action::Send { park } => self.send_held(t, park),
            Action::Engage { journey, node, epoch, engagement, channel } => {
                self.engage(t, journey as usize, node, epoch, engagement, channel)
            }
        }
    }
}
