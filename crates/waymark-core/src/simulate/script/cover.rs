//! Choosing scripted customers that take every port of a journey.
//!
//! The search asks the simulator, not a model of it: it starts from a customer who enters the
//! journey, runs it, and for each port the customer's path passed by without taking, makes a
//! variant meant to take it (attributes that satisfy a branch case, an awaited event before the
//! timeout, an id whose split bucket falls in another path's range), runs that, and keeps it
//! when it took a port no kept customer took. Then it adds, for each goal and exit criterion
//! that an event reaches, a customer who does that event while waiting. Ports that depend on
//! engagement (opens and clicks) stay untaken: scripted customers open nothing.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Number, Value, json};

use super::{ENTRY_AT, PathStep, ScriptedCustomer, ScriptedEvent, script_steps};
use crate::condition::{AttributeCondition, Condition, Operator};
use crate::model::{AttributeType, JourneyDocument, NodeKind, Trigger};
use crate::simulate::time;
use crate::split;

/// Customers that between them take every port of `document` a scripted customer can take,
/// plus one per goal or exit criterion an event reaches, in the order they were found.
pub fn covering_customers(document: &JourneyDocument) -> Vec<ScriptedCustomer> {
    let mut search = Search::new(document);
    search.try_customer(entering_customer(document));
    while let Some(candidate) = search.candidates.pop() {
        if search.tried >= MAX_TRIES {
            break;
        }
        search.try_customer(candidate);
    }
    search.add_interrupts();
    search.chosen.into_iter().map(|(customer, _)| customer).collect()
}

/// The most variants tried for one journey.
const MAX_TRIES: usize = 400;
/// How long before a branch a scripted customer does an event its case asks about.
const BEFORE_BRANCH: i64 = 60;
/// How long after a wait for events begins the awaited event comes, at most.
const AWAITED_AFTER: i64 = 3_600;

/// The search's state: the ports to take, those taken, the customers kept and those to try.
struct Search<'a> {
    document: &'a JourneyDocument,
    /// Every connected port, as (node, port).
    ports: BTreeSet<(String, String)>,
    taken: BTreeSet<(String, String)>,
    chosen: Vec<(ScriptedCustomer, Vec<PathStep>)>,
    candidates: Vec<ScriptedCustomer>,
    /// The number of the next customer id to consider.
    next_id: u64,
    tried: usize,
}

impl<'a> Search<'a> {
    fn new(document: &'a JourneyDocument) -> Search<'a> {
        let ports = document.edges.iter().map(|e| (e.from.clone(), e.port.clone())).collect();
        Search {
            document,
            ports,
            taken: BTreeSet::new(),
            chosen: Vec::new(),
            candidates: Vec::new(),
            // The entering customer is `c1`.
            next_id: 2,
            tried: 0,
        }
    }

    /// Runs a candidate and keeps it when it takes a port not taken yet; its variants are then
    /// queued.
    fn try_customer(&mut self, mut customer: ScriptedCustomer) {
        self.tried += 1;
        customer.events.sort_by_key(|e| e.at_seconds);
        let Ok(steps) = script_steps(self.document, &customer) else { return };
        let taken = ports_taken(self.document, &steps);
        if taken.is_subset(&self.taken) {
            return;
        }
        self.taken.extend(taken);
        let variants = self.variants(&customer, &steps);
        self.chosen.push((customer, steps));
        // Tried last in, first out: a kept customer's variants go deeper before going wider.
        self.candidates.extend(variants.into_iter().rev());
    }

    /// Variants of `customer` meant to take the ports its path passed by.
    fn variants(&mut self, customer: &ScriptedCustomer, steps: &[PathStep]) -> Vec<ScriptedCustomer> {
        let mut variants = Vec::new();
        // Splits whose other paths to take: (split id, bucket ends, path).
        let mut other_paths = Vec::new();
        let mut seen = BTreeSet::new();
        for step in steps {
            if !seen.insert(step.node.as_str()) {
                continue;
            }
            let Some(node) = self.document.nodes.iter().find(|n| n.id == step.node) else { continue };
            let untaken = |port: &str| {
                let key = (node.id.clone(), port.to_owned());
                self.ports.contains(&key) && !self.taken.contains(&key)
            };
            match &node.kind {
                NodeKind::Branch { cases } => {
                    for case in cases.iter().filter(|c| untaken(&c.port)) {
                        variants.push(with_condition(customer, self.document, &case.when, step.t - BEFORE_BRANCH));
                    }
                    if untaken(crate::model::ELSE) {
                        let conditions: Vec<&Condition> = cases.iter().map(|c| &c.when).collect();
                        variants.push(without_conditions(customer, &conditions, step.t));
                    }
                }
                NodeKind::WaitForEvent { events, timeout } => {
                    let delay = timeout.as_ref().map_or(AWAITED_AFTER, |d| (d.seconds() / 2).clamp(1, AWAITED_AFTER));
                    for awaited in events.iter().filter(|e| untaken(&e.port)) {
                        let mut variant = customer.clone();
                        if let Some(filter) = &awaited.filter {
                            variant = with_condition(&variant, self.document, filter, step.t);
                        }
                        variant.events.push(ScriptedEvent { at_seconds: step.t + delay, name: awaited.event.clone() });
                        variants.push(variant);
                    }
                    if untaken(crate::model::TIMEOUT) {
                        let mut variant = customer.clone();
                        variant.events.retain(|e| e.at_seconds < step.t || !events.iter().any(|a| a.event == e.name));
                        variants.push(variant);
                    }
                }
                NodeKind::Split { paths } => {
                    let ends = split::bucket_ends(&paths.iter().map(|p| p.weight).collect::<Vec<_>>());
                    let split_id = split::split_id(&self.document.id, &node.id);
                    for (k, _) in paths.iter().enumerate().filter(|(_, p)| untaken(&p.port)) {
                        other_paths.push((split_id.clone(), ends.clone(), k));
                    }
                }
                _ => {}
            }
        }
        for (split_id, ends, k) in other_paths {
            let id = self.id_where(|id| split::path_of(split::split_bucket(id, &split_id), &ends) == k);
            variants.push(ScriptedCustomer { id, ..customer.clone() });
        }
        for variant in &mut variants {
            if variant.id == customer.id {
                variant.id = self.id_like(&customer.id);
            }
        }
        variants
    }

    /// A new customer id for which `wanted` holds.
    fn id_where(&mut self, wanted: impl Fn(&str) -> bool) -> String {
        loop {
            let id = format!("c{}", self.next_id);
            self.next_id += 1;
            if wanted(&id) && !self.chosen.iter().any(|(c, _)| c.id == id) {
                return id;
            }
        }
    }

    /// A new customer id that takes the same path as `like` at every split.
    fn id_like(&mut self, like: &str) -> String {
        let splits: Vec<(String, Vec<u32>)> = self
            .document
            .nodes
            .iter()
            .filter_map(|node| match &node.kind {
                NodeKind::Split { paths } => Some((
                    split::split_id(&self.document.id, &node.id),
                    split::bucket_ends(&paths.iter().map(|p| p.weight).collect::<Vec<_>>()),
                )),
                _ => None,
            })
            .collect();
        let path =
            |id: &str, (split_id, ends): &(String, Vec<u32>)| split::path_of(split::split_bucket(id, split_id), ends);
        self.id_where(|id| splits.iter().all(|split| path(id, split) == path(like, split)))
    }

    /// For each goal and exit criterion an event reaches, the first kept customer doing that
    /// event a minute after its first wait begins, kept when that changes its path.
    fn add_interrupts(&mut self) {
        let Some((first, steps)) = self.chosen.first().cloned() else { return };
        let Some(parked) = steps.iter().find(|s| self.parks(&s.node)).map(|s| s.t) else { return };
        let settings = &self.document.settings;
        let conditions =
            settings.goals.iter().map(|g| &g.condition).chain(settings.exit_criteria.iter().map(|e| &e.condition));
        let mut names = BTreeSet::new();
        for condition in conditions {
            condition.walk(&mut |c| {
                if let Condition::Event(event) = c {
                    names.insert(event.event.clone());
                }
            });
        }
        for name in names {
            let mut variant = first.clone();
            variant.id = self.id_like(&first.id);
            variant.events.push(ScriptedEvent { at_seconds: parked + BEFORE_BRANCH, name });
            variant.events.sort_by_key(|e| e.at_seconds);
            if let Ok(path) = script_steps(self.document, &variant)
                && path != steps
            {
                self.chosen.push((variant, path));
            }
        }
    }

    /// Whether a token parks at the node (a wait or a wait for events).
    fn parks(&self, node: &str) -> bool {
        self.document
            .nodes
            .iter()
            .any(|n| n.id == node && matches!(n.kind, NodeKind::Wait { .. } | NodeKind::WaitForEvent { .. }))
    }
}

/// The ports a path took: each arrival is matched with the latest earlier arrival at a node
/// connected to it (parallel paths interleave).
pub(super) fn ports_taken(document: &JourneyDocument, steps: &[PathStep]) -> BTreeSet<(String, String)> {
    let mut taken = BTreeSet::new();
    for (i, step) in steps.iter().enumerate() {
        let from = steps[..i]
            .iter()
            .rev()
            .find_map(|earlier| document.edges.iter().find(|e| e.from == earlier.node && e.to == step.node));
        if let Some(edge) = from {
            taken.insert((edge.from.clone(), edge.port.clone()));
        }
    }
    taken
}

/// A customer who enters the journey: a profile that satisfies its entry's filter, segment or
/// audience, and its entry event at `ENTRY_AT`.
fn entering_customer(document: &JourneyDocument) -> ScriptedCustomer {
    let mut customer = ScriptedCustomer { id: "c1".to_owned(), attributes: BTreeMap::new(), events: Vec::new() };
    for node in &document.nodes {
        let NodeKind::Entry { trigger } = &node.kind else { continue };
        let condition = match trigger {
            Trigger::Event { name, filter } => {
                customer.events.push(ScriptedEvent { at_seconds: ENTRY_AT, name: name.clone() });
                filter.as_ref()
            }
            Trigger::Segment { condition } => Some(condition),
            Trigger::Schedule { audience, .. } => audience.as_ref(),
            Trigger::DateAttribute { .. } => None,
        };
        if let Some(condition) = condition {
            customer = with_condition(&customer, document, condition, ENTRY_AT);
        }
    }
    customer
}

/// `customer` changed to satisfy `condition`: the attributes it compares set to values that
/// pass, and the events it asks about done just before `at` (as many times as it asks).
fn with_condition(
    customer: &ScriptedCustomer,
    document: &JourneyDocument,
    condition: &Condition,
    at: i64,
) -> ScriptedCustomer {
    let mut variant = customer.clone();
    satisfy(document, condition, &mut variant, at);
    variant
}

fn satisfy(document: &JourneyDocument, condition: &Condition, customer: &mut ScriptedCustomer, at: i64) {
    match condition {
        Condition::All { all } => all.iter().for_each(|c| satisfy(document, c, customer, at)),
        Condition::Any { any } => any.iter().take(1).for_each(|c| satisfy(document, c, customer, at)),
        Condition::Not { not } => {
            if let Condition::Attribute(attribute) = not.as_ref() {
                let declared = document.settings.attributes.get(&attribute.attr).copied();
                customer.attributes.insert(attribute.attr.clone(), failing_value(attribute, declared));
            }
        }
        Condition::Attribute(attribute) => {
            let declared = document.settings.attributes.get(&attribute.attr).copied();
            match passing_value(attribute, declared) {
                Some(value) => customer.attributes.insert(attribute.attr.clone(), value),
                None => customer.attributes.remove(&attribute.attr),
            };
        }
        Condition::Event(event) => {
            let count = i64::from(event.min_count.unwrap_or(1).max(1));
            for k in 0..count {
                let at_seconds = at - k;
                customer.events.push(ScriptedEvent { at_seconds, name: event.event.clone() });
            }
        }
        Condition::Engagement(_) => {}
    }
}

/// `customer` with the attributes `conditions` compare removed, and the events they ask about
/// removed up to `at`, so that none of them holds there (for the `else` port).
fn without_conditions(customer: &ScriptedCustomer, conditions: &[&Condition], at: i64) -> ScriptedCustomer {
    let mut variant = customer.clone();
    for condition in conditions {
        condition.walk(&mut |c| match c {
            Condition::Attribute(attribute) => {
                variant.attributes.remove(&attribute.attr);
            }
            Condition::Event(event) => {
                variant.events.retain(|e| e.name != event.event || e.at_seconds > at || e.at_seconds == ENTRY_AT)
            }
            _ => {}
        });
    }
    variant
}

/// A value for which the comparison holds; None when the attribute must be absent.
fn passing_value(condition: &AttributeCondition, declared: Option<AttributeType>) -> Option<Value> {
    let value = condition.value.clone().unwrap_or(Value::Null);
    let first = || match &value {
        Value::Array(items) => items.first().cloned().unwrap_or(Value::Null),
        other => other.clone(),
    };
    Some(match condition.op {
        Operator::Eq | Operator::Gte | Operator::Lte | Operator::In => first(),
        Operator::Gt => shifted(&value, 1),
        Operator::Lt => shifted(&value, -1),
        Operator::Ne | Operator::NotIn => different(&first()),
        Operator::Contains => json!([value]),
        Operator::Exists => present_value(declared),
        Operator::NotExists => return None,
    })
}

/// A value for which the comparison fails.
fn failing_value(condition: &AttributeCondition, declared: Option<AttributeType>) -> Value {
    let value = condition.value.clone().unwrap_or(Value::Null);
    match condition.op {
        Operator::Eq | Operator::In | Operator::Contains => match &value {
            Value::Array(items) => different(items.first().unwrap_or(&Value::Null)),
            other => different(other),
        },
        Operator::Gt | Operator::Gte => shifted(&value, -1),
        Operator::Lt | Operator::Lte => shifted(&value, 1),
        Operator::NotExists => present_value(declared),
        Operator::Ne | Operator::NotIn | Operator::Exists => value,
    }
}

/// A number or a date moved by one (day).
fn shifted(value: &Value, by: i64) -> Value {
    if let Some(n) = value.as_f64() {
        return Number::from_f64(n + by as f64).map_or(Value::Null, Value::Number);
    }
    match value.as_str().and_then(time::parse_date) {
        Some(day) => Value::String(time::format_date(day + by)),
        None => value.clone(),
    }
}

/// A value unequal to `value`, of the same type.
fn different(value: &Value) -> Value {
    match value {
        Value::Bool(b) => Value::Bool(!b),
        Value::Number(_) => shifted(value, 1),
        Value::String(s) => Value::String(format!("not_{s}")),
        _ => Value::String("other".to_owned()),
    }
}

/// Some value of the declared type, for `exists`.
fn present_value(declared: Option<AttributeType>) -> Value {
    match declared {
        Some(AttributeType::Number) => json!(1),
        Some(AttributeType::Boolean) => json!(true),
        Some(AttributeType::Date) => json!("2026-01-01"),
        Some(AttributeType::List) => json!(["item"]),
        Some(AttributeType::String) | None => json!("present"),
    }
}
