//! Scripted customers: one customer with a given profile and given events at given times, run
//! through the real simulator engine, to compare its path with another runtime's.
//!
//! The differential tests of the exports (`tests/export_engines.rs`) run the same customers in
//! bpmn-engine and in Step Functions and compare each path, node by node, with `script_steps`.
//! Nothing is drawn for a scripted customer: it is reachable and consenting on every channel,
//! opens nothing, and does no event but its own, in UTC. Policies may hold or suppress a
//! message, which moves the token on all the same, so they change no node path; a message held
//! by quiet hours changes the times after it, so scripted customers enter event-triggered
//! journeys at noon, outside every example's quiet hours, and `covering_customers` times events
//! from the simulated path itself.
//! `covering_customers` picks customers that take every port of a journey.

mod cover;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use cover::covering_customers;

use super::engine::{Script, simulate_script};
use super::plan::{self, Plan, Val};
use super::report::Trace;
use super::scenario::{SCENARIO_FORMAT, Scenario};
use super::time;
use crate::model::{AttributeType, JourneyDocument};

/// The first simulated day of a scripted run.
pub const SCRIPT_START: &str = "2026-12-01";
/// How many days a scripted run lasts: longer than any example journey keeps a customer.
pub const SCRIPT_DAYS: u32 = 400;
/// When a scripted customer does the event that enters an event-triggered journey: noon on the
/// first day, seconds since the start.
pub const ENTRY_AT: i64 = 12 * 3_600;

/// A customer with a fixed profile and fixed events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptedCustomer {
    /// `c1`, `c2`, ...: the id also decides the customer's path at splits.
    pub id: String,
    /// Attribute values as JSON: strings, numbers, booleans, `YYYY-MM-DD` dates and lists.
    pub attributes: BTreeMap<String, Value>,
    /// In time order.
    pub events: Vec<ScriptedEvent>,
}

/// An event a scripted customer does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScriptedEvent {
    /// Seconds since the start of the run (midnight UTC of `SCRIPT_START`).
    pub at_seconds: i64,
    pub name: String,
}

/// One arrival at a node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathStep {
    /// Seconds since the start of the run.
    pub t: i64,
    pub node: String,
}

/// Why a scripted customer could not be run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptError {
    /// The id is not of the form `c1`, `c2`, ...
    CustomerId(String),
    /// A limit of the simulator stopped the customer.
    Stopped { customer: String, reason: String },
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScriptError::CustomerId(id) => write!(f, "customer id `{id}` is not of the form `c1`, `c2`, ..."),
            ScriptError::Stopped { customer, reason } => {
                write!(f, "the simulator stopped customer {customer}: {reason}")
            }
        }
    }
}

impl std::error::Error for ScriptError {}

/// The node ids the customer arrives at in `document`, in order.
pub fn script_path(document: &JourneyDocument, customer: &ScriptedCustomer) -> Result<Vec<String>, ScriptError> {
    Ok(script_steps(document, customer)?.into_iter().map(|step| step.node).collect())
}

/// The customer's arrivals at the nodes of `document`, in order, with their times.
pub fn script_steps(document: &JourneyDocument, customer: &ScriptedCustomer) -> Result<Vec<PathStep>, ScriptError> {
    Ok(script_run(document, customer)?.0)
}

/// The customer's arrivals and the simulator's trace of the customer, to explain a path.
pub fn script_trace(document: &JourneyDocument, customer: &ScriptedCustomer) -> Result<Trace, ScriptError> {
    let (_, trace) = script_run(document, customer)?;
    Ok(trace.expect("a scripted customer is always traced"))
}

fn script_run(
    document: &JourneyDocument,
    customer: &ScriptedCustomer,
) -> Result<(Vec<PathStep>, Option<Trace>), ScriptError> {
    let index = super::parse_customer_id(&customer.id)
        .filter(|_| customer.id.starts_with('c'))
        .ok_or_else(|| ScriptError::CustomerId(customer.id.clone()))?;
    let mut plan = plan::compile(std::slice::from_ref(document), &script_scenario());
    let script = compile_script(&mut plan, document, customer);
    let run = simulate_script(&plan, &script, index);
    if let Some(reason) = run.stopped {
        let reason = format!("{reason:?}");
        return Err(ScriptError::Stopped { customer: customer.id.clone(), reason });
    }
    let journey = &plan.journeys[0];
    let steps = run.path.into_iter().map(|(t, _, node)| PathStep { t, node: journey.nodes[node as usize].id.clone() });
    Ok((steps.collect(), run.trace))
}

/// A population of one, with no attribute drawn, no spontaneous event and every channel
/// reachable and consenting, over `SCRIPT_DAYS` from `SCRIPT_START` in UTC.
fn script_scenario() -> Scenario {
    Scenario {
        format: SCENARIO_FORMAT.to_owned(),
        name: "scripted customer".to_owned(),
        description: String::new(),
        customers: 1,
        start: SCRIPT_START.to_owned(),
        days: SCRIPT_DAYS,
        seed: 1,
        attributes: BTreeMap::new(),
        timezones: Vec::new(),
        channels: BTreeMap::new(),
        events: Vec::new(),
        policy: None,
        sample_traces: 0,
    }
}

/// The customer's profile and events in the plan's ids. Attributes and events the plan does
/// not know are left out: nothing in the journey reads or awaits them.
fn compile_script(plan: &mut Plan, document: &JourneyDocument, customer: &ScriptedCustomer) -> Script {
    let mut script = Script::default();
    for (name, value) in &customer.attributes {
        let Some(attr) = plan.attr_names.iter().position(|a| a == name) else { continue };
        let declared = document.settings.attributes.get(name).copied();
        let (value, items) = attribute_value(plan, declared, value);
        script.attributes.push((attr as u32, value, items));
    }
    for event in &customer.events {
        if let Some(id) = plan.events.iter().position(|e| *e == event.name) {
            script.events.push((event.at_seconds, id as u32));
        }
    }
    script
}

/// An attribute value as the engine holds it: its declared type decides, or else its JSON
/// type (a string that reads as a date is a date).
fn attribute_value(plan: &mut Plan, declared: Option<AttributeType>, value: &Value) -> (Val, Vec<u32>) {
    match value {
        Value::Null => (Val::Missing, Vec::new()),
        Value::Bool(b) => (Val::Bool(*b), Vec::new()),
        Value::Number(n) => (n.as_f64().map_or(Val::Missing, Val::Num), Vec::new()),
        Value::String(text) => {
            let date = time::parse_date(text);
            match (declared, date) {
                (Some(AttributeType::Date) | None, Some(day)) => (Val::Date(day), Vec::new()),
                _ => (Val::Sym(symbol(plan, text)), Vec::new()),
            }
        }
        Value::Array(items) => {
            let items = items.iter().filter_map(Value::as_str).map(|item| symbol(plan, item)).collect();
            (Val::List, items)
        }
        Value::Object(_) => (Val::Missing, Vec::new()),
    }
}

/// The plan's symbol for `text`, added when no condition mentions it (then it equals nothing).
fn symbol(plan: &mut Plan, text: &str) -> u32 {
    match plan.symbols.iter().position(|s| s == text) {
        Some(id) => id as u32,
        None => {
            plan.symbols.push(text.to_owned());
            (plan.symbols.len() - 1) as u32
        }
    }
}

#[cfg(test)]
mod tests;
