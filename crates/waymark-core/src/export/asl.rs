//! Amazon States Language for AWS Step Functions (Standard workflows).
//!
//! One execution is one customer's stay. Every exchange with the runtime goes through the SQS
//! queue named by the execution input's `queueUrl`: messages and updates are sent to it, and
//! waits for an event, waits until a time or date, and the customer's current profile before a
//! branch are callbacks (`waitForTaskToken`) that the runtime answers. Split buckets come in the
//! input (`splitBuckets`), computed by the runtime with `waymark-split/1`. Goals and exit criteria
//! are watched by the runtime, which stops the execution (`StopExecution`) when one that exits
//! holds. `docs/export.md` is the contract.
//!
//! A state is named after its node (`<id>`, or `<id>#2` and so on for the copies a parallel path
//! needs); a helper state adds `:` and a word (`<id>:port`, `<id>:choice`). A journey ASL cannot
//! run is refused: a loop (its length has no bound, and a Standard execution lasts at most one
//! year), waits that can add up to more than a year, a parallel node that one of its own paths
//! leads back to, and conditions Choice rules cannot test.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value, json};

use super::plan::{Plan, PlanCondition, PlanDelay, PlanNode, Step};
use super::{Reason, one_line};
use crate::condition::Operator;
use crate::model::{AttributeType, NEXT};

/// Step Functions ends a Standard execution after a year.
const MAX_EXECUTION_SECONDS: i64 = 365 * 86_400;
/// A state name may have at most 80 characters.
const MAX_NAME: usize = 80;
/// How long the runtime has to answer a profile request before the execution fails.
const PROFILE_TIMEOUT: i64 = 3_600;
/// A wait until a local time of day ends within a week; the callback may take a day more.
const UNTIL_TIME_TIMEOUT: i64 = 8 * 86_400;
/// More states than this is not a journey a person can follow, and copying parallel paths
/// could otherwise grow without bound.
const MAX_STATES: usize = 10_000;

/// The journey as a state machine definition, or why ASL cannot express it.
pub fn write(plan: &Plan) -> Result<String, Vec<Reason>> {
    let graph = Graph::new(plan);
    let mut reasons = Vec::new();
    graph.check_loops(&mut reasons);
    if reasons.is_empty() {
        graph.check_duration(&mut reasons);
    }
    graph.check_names(&mut reasons);
    if !reasons.is_empty() {
        return Err(reasons);
    }
    let mut machine = Machine { plan, graph: &graph, names: HashMap::new(), count: 0, reasons: Vec::new() };
    let (start, states) = machine.top_level();
    if machine.count > MAX_STATES {
        let first = plan.nodes.iter().find(|n| matches!(n.step, Step::Parallel { .. }));
        machine.reasons.push(Reason {
            node: first.map(|n| n.id.clone()),
            code: None,
            message: format!(
                "Copying the paths of the parallel steps into Parallel states would take more than {MAX_STATES} states."
            ),
        });
    }
    if !machine.reasons.is_empty() {
        return Err(machine.reasons);
    }
    let definition = json!({
        "Comment": comment(plan),
        "StartAt": start,
        "States": states,
    });
    let mut text = serde_json::to_string_pretty(&definition).expect("definitions serialize");
    text.push('\n');
    Ok(text)
}

/// The journey's nodes by id with their successors.
struct Graph<'a> {
    plan: &'a Plan,
    nodes: HashMap<&'a str, &'a PlanNode>,
}

/// Writes states; names are handed out as states are written so that copies get new ones.
struct Machine<'a, 'g> {
    plan: &'a Plan,
    graph: &'g Graph<'a>,
    /// How many states of each node were written so far.
    names: HashMap<&'a str, usize>,
    count: usize,
    reasons: Vec<Reason>,
}

impl<'a> Graph<'a> {
    fn new(plan: &'a Plan) -> Graph<'a> {
        Graph { plan, nodes: plan.nodes.iter().map(|n| (n.id.as_str(), n)).collect() }
    }

    fn successors(&self, id: &str) -> impl Iterator<Item = &'a str> + '_ {
        self.nodes.get(id).into_iter().flat_map(|n| n.ports.iter().map(|p| p.to.as_str()))
    }

    /// Any cycle makes the execution's length unbounded: refused at its first node.
    fn check_loops(&self, reasons: &mut Vec<Reason>) {
        let index: HashMap<&str, usize> = self.plan.nodes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        let mut graph = petgraph::graph::DiGraph::<(), ()>::new();
        let nodes: Vec<_> = self.plan.nodes.iter().map(|_| graph.add_node(())).collect();
        for (i, node) in self.plan.nodes.iter().enumerate() {
            for port in &node.ports {
                if let Some(&j) = index.get(port.to.as_str()) {
                    graph.add_edge(nodes[i], nodes[j], ());
                }
            }
        }
        for component in crate::graph::components_in_topological_order(&graph) {
            let cyclic = component.len() > 1 || graph.contains_edge(component[0], component[0]);
            if !cyclic {
                continue;
            }
            let mut members: Vec<usize> = component.iter().map(|n| n.index()).collect();
            members.sort_unstable();
            let first = &self.plan.nodes[members[0]];
            let titles: Vec<String> = members.iter().map(|&i| format!("“{}”", self.plan.nodes[i].title())).collect();
            let message = if matches!(first.step, Step::Parallel { .. })
                || members.iter().any(|&i| matches!(self.plan.nodes[i].step, Step::Parallel { .. }))
            {
                format!(
                    "ASL cannot express the loop through {}: a parallel step's path leads back to it, and a Parallel state's branches cannot reach outside themselves.",
                    titles.join(", ")
                )
            } else {
                format!(
                    "ASL cannot express the loop through {}: it may repeat without bound, and Step Functions stops a Standard execution after one year and 25,000 events.",
                    titles.join(", ")
                )
            };
            reasons.push(Reason::at(&first.id, message));
        }
    }

    /// The longest a customer can stay, adding the longest wait of every step on a path.
    fn check_duration(&self, reasons: &mut Vec<Reason>) {
        // Longest time from each node to the end of the journey, computed over the acyclic graph.
        let mut longest: HashMap<&str, i64> = HashMap::new();
        let mut order: Vec<&str> = Vec::new();
        let mut state: HashMap<&str, bool> = HashMap::new();
        for entry in &self.plan.entries {
            let mut stack = vec![(entry.as_str(), false)];
            while let Some((id, done)) = stack.pop() {
                if done {
                    order.push(id);
                    state.insert(id, true);
                    continue;
                }
                if state.contains_key(id) {
                    continue;
                }
                state.insert(id, false);
                stack.push((id, true));
                for next in self.successors(id) {
                    if !state.contains_key(next) {
                        stack.push((next, false));
                    }
                }
            }
        }
        for id in order {
            let after = self.successors(id).map(|next| longest.get(next).copied().unwrap_or(0)).max().unwrap_or(0);
            let own = self.nodes.get(id).map_or(0, |n| longest_wait(n));
            let total = own.saturating_add(after);
            longest.insert(id, total);
            if total > MAX_EXECUTION_SECONDS && own > 0 && after <= MAX_EXECUTION_SECONDS {
                let node = self.nodes[id];
                reasons.push(Reason::at(
                    id,
                    format!(
                        "From “{}” on, the waits of one path add up to {} days; Step Functions stops a Standard execution after one year.",
                        node.title(),
                        total / 86_400
                    ),
                ));
            }
        }
    }

    /// State names are node ids with at most a copy number and a helper word after them; an id
    /// that leaves no room, or that a JSON path cannot name, is refused.
    fn check_names(&self, reasons: &mut Vec<Reason>) {
        for node in &self.plan.nodes {
            if node.id.chars().count() > MAX_NAME - 12 {
                reasons.push(Reason::at(
                    &node.id,
                    format!(
                        "The id of “{}” is too long for a state name (ASL allows {MAX_NAME} characters, and Waymark adds up to 12).",
                        node.title()
                    ),
                ));
            }
            if matches!(node.step, Step::Split { .. }) && !is_path_name(&node.id) {
                reasons.push(Reason::at(
                    &node.id,
                    format!(
                        "The split “{}” has the id `{}`, which a JSON path into `splitBuckets` cannot name; use letters, digits and `_`.",
                        node.title(),
                        node.id
                    ),
                ));
            }
        }
    }
}

/// The longest a node can hold a customer, in seconds.
fn longest_wait(node: &PlanNode) -> i64 {
    match &node.step {
        Step::Wait { delay: PlanDelay::Duration(duration) } => duration.seconds,
        Step::Wait { delay: PlanDelay::UntilTime { .. } } => 7 * 86_400,
        Step::Wait { delay: PlanDelay::UntilDate { offset, .. } } => offset.as_ref().map_or(0, |o| o.seconds.max(0)),
        Step::WaitForEvent { timeout, .. } => timeout.seconds,
        _ => 0,
    }
}

impl<'a> Machine<'a, '_> {
    /// The top-level states: from the entry, or from a choice of entry when there are several.
    fn top_level(&mut self) -> (String, Map<String, Value>) {
        let mut states = Map::new();
        let mut written = HashMap::new();
        let entries = &self.plan.entries;
        let starts: Vec<String> = entries.iter().map(|e| self.write_scope(e, &mut states, &mut written)).collect();
        if entries.len() == 1 {
            return (starts[0].clone(), states);
        }
        let choices: Vec<Value> = entries
            .iter()
            .zip(&starts)
            .map(|(entry, start)| json!({"Variable": "$.entry", "StringEquals": entry, "Next": start}))
            .collect();
        let name = "entry:choice".to_owned();
        let comment = "The entry the runtime started the execution at (`entry` in the input).";
        self.add(&mut states, name.clone(), json!({"Type": "Choice", "Comment": comment, "Choices": choices}));
        (name, states)
    }

    /// Writes the states of `start` and every node after it, each once within one set of states
    /// (`written` holds their names), and returns the name of its state. The paths of a parallel
    /// node are written into its own branches, not here.
    fn write_scope(
        &mut self,
        start: &'a str,
        states: &mut Map<String, Value>,
        written: &mut HashMap<&'a str, String>,
    ) -> String {
        let mut new = Vec::new();
        let mut stack = vec![start];
        while let Some(id) = stack.pop() {
            if written.contains_key(id) {
                continue;
            }
            let name = self.name_for(id);
            written.insert(id, name);
            new.push(id);
            if !matches!(self.graph.nodes[id].step, Step::Parallel { .. }) {
                stack.extend(self.graph.successors(id).filter(|next| !written.contains_key(next)));
            }
        }
        for id in new {
            let node = self.graph.nodes[id];
            self.write_node(node, states, written);
        }
        written[start].clone()
    }

    fn add(&mut self, states: &mut Map<String, Value>, name: String, state: Value) {
        self.count += 1;
        states.insert(name, state);
    }

    fn name_for(&mut self, id: &'a str) -> String {
        let copies = self.names.entry(id).or_insert(0);
        *copies += 1;
        if *copies == 1 { id.to_owned() } else { format!("{id}#{copies}") }
    }

    fn write_node(&mut self, node: &'a PlanNode, states: &mut Map<String, Value>, written: &HashMap<&'a str, String>) {
        let name = written[node.id.as_str()].clone();
        let next = |port: &str| node.target(port).map(|to| written[to].clone()).unwrap_or_default();
        let title = one_line(node.title());
        match &node.step {
            Step::Entry { .. } => self.add(states, name, json!({"Type": "Pass", "Comment": title, "Next": next(NEXT)})),
            Step::Wait { delay } => {
                let state = match delay {
                    PlanDelay::Duration(duration) => {
                        json!({"Type": "Wait", "Comment": title, "Seconds": duration.seconds, "Next": next(NEXT)})
                    }
                    PlanDelay::UntilTime { time, weekdays, timezone } => callback(
                        &title,
                        json!({"kind": "wait_until", "node": node.id, "time": time, "weekdays": weekdays, "timezone": timezone}),
                        Some(UNTIL_TIME_TIMEOUT),
                        json!({"ResultPath": null, "Next": next(NEXT)}),
                    ),
                    PlanDelay::UntilDate { attr, offset } => callback(
                        &title,
                        json!({"kind": "wait_until", "node": node.id, "attr": attr, "offset": offset}),
                        None,
                        json!({"ResultPath": null, "Next": next(NEXT)}),
                    ),
                };
                self.add(states, name, state);
            }
            Step::WaitForEvent { events, timeout, timeout_port } => {
                let choice = format!("{name}:port");
                let state = callback(
                    &title,
                    json!({"kind": "wait_for_event", "node": node.id, "events": events}),
                    Some(timeout.seconds),
                    json!({
                        "ResultPath": "$.received",
                        "Next": choice,
                        "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": null, "Next": next(timeout_port)}],
                    }),
                );
                self.add(states, name, state);
                let choices: Vec<Value> = events
                    .iter()
                    .map(|e| json!({"Variable": "$.received.port", "StringEquals": e.port, "Next": next(&e.port)}))
                    .collect();
                self.add(
                    states,
                    choice,
                    json!({"Type": "Choice", "Comment": format!("{title}: the event that came"), "Choices": choices}),
                );
            }
            Step::Branch { cases, else_port, .. } => {
                let mut facts = Vec::new();
                let mut choices = Vec::new();
                for case in cases {
                    match self.rule(&case.when, &mut facts) {
                        Ok(mut rule) => {
                            rule.insert("Next".to_owned(), json!(next(&case.port)));
                            choices.push(Value::Object(rule));
                        }
                        Err(why) => {
                            let message = format!(
                                "The case `{}` of “{}” cannot be a Choice rule: {why}.",
                                case.port,
                                node.title()
                            );
                            self.reasons.push(Reason::at(&node.id, message));
                        }
                    }
                }
                let choice = format!("{name}:choice");
                let attributes = attributes_read(cases.iter().map(|c| &c.when));
                let state = callback(
                    &title,
                    json!({"kind": "profile", "node": node.id, "attributes": attributes, "facts": facts}),
                    Some(PROFILE_TIMEOUT),
                    json!({"ResultPath": "$.profile", "Next": choice}),
                );
                self.add(states, name, state);
                self.add(states, choice, json!({"Type": "Choice", "Comment": format!("{title}: first case that holds"), "Choices": choices, "Default": next(else_port)}));
            }
            Step::Split { bucket, paths } => {
                let variable = format!("$.splitBuckets.{}", node.id);
                let choices: Vec<Value> = paths
                    .iter()
                    .map(|p| {
                        json!({"And": [
                            {"Variable": variable, "NumericGreaterThanEquals": p.from},
                            {"Variable": variable, "NumericLessThan": p.to},
                        ], "Next": next(&p.port)})
                    })
                    .collect();
                let comment =
                    format!("{title}: bucket of {} ({}) in `splitBuckets.{}`", bucket.hash, bucket.split_id, node.id);
                self.add(states, name, json!({"Type": "Choice", "Comment": comment, "Choices": choices}));
            }
            Step::Parallel { paths } => {
                let branches: Vec<Value> = paths
                    .iter()
                    .filter_map(|p| node.target(&p.port))
                    .map(|to| {
                        let mut branch_states = Map::new();
                        let start =
                            self.write_scope(self.graph.nodes[to].id.as_str(), &mut branch_states, &mut HashMap::new());
                        json!({"StartAt": start, "States": branch_states})
                    })
                    .collect();
                self.add(states, name, json!({"Type": "Parallel", "Comment": title, "Branches": branches, "ResultPath": null, "End": true}));
            }
            Step::Message(message) => {
                let body = json!({
                    "kind": "message",
                    "node": node.id,
                    "channel": message.channel,
                    "category": message.category,
                    "template": message.template,
                    "content": message.content,
                    "url": message.url,
                    "audience": message.audience,
                    "max_segments": message.max_segments,
                    "enforce": message.enforce,
                });
                self.add(states, name, send(&title, body, next(NEXT)));
            }
            Step::Update { changes } => {
                let body = json!({"kind": "update", "node": node.id, "changes": changes});
                self.add(states, name, send(&title, body, next(NEXT)));
            }
            Step::Exit { outcome } => {
                let comment = match outcome {
                    Some(outcome) => format!("{title} (outcome: {outcome})"),
                    None => title,
                };
                self.add(states, name, json!({"Type": "Succeed", "Comment": comment}));
            }
        }
    }

    /// A condition as a Choice rule over the profile the runtime returned; conditions on events
    /// and engagement become facts the runtime evaluates (`f1`, `f2`, … in `facts`).
    fn rule(&self, condition: &PlanCondition, facts: &mut Vec<Value>) -> Result<Map<String, Value>, String> {
        let rule = match condition {
            PlanCondition::All { all } if all.is_empty() => always(true),
            PlanCondition::Any { any } if any.is_empty() => always(false),
            PlanCondition::All { all } => {
                let rules: Result<Vec<Value>, String> =
                    all.iter().map(|c| self.rule(c, facts).map(Value::Object)).collect();
                json!({"And": rules?})
            }
            PlanCondition::Any { any } => {
                let rules: Result<Vec<Value>, String> =
                    any.iter().map(|c| self.rule(c, facts).map(Value::Object)).collect();
                json!({"Or": rules?})
            }
            PlanCondition::Not { not } => json!({"Not": self.rule(not, facts)?}),
            PlanCondition::Attribute { attr, op, value } => {
                attribute_rule(attr, *op, value.as_ref(), self.plan.attributes.get(attr).copied())?
            }
            PlanCondition::Event { .. } | PlanCondition::Engagement { .. } => {
                let id = format!("f{}", facts.len() + 1);
                let mut fact = serde_json::to_value(condition).map_err(|e| e.to_string())?;
                if let Value::Object(map) = &mut fact {
                    map.insert("id".to_owned(), json!(id));
                }
                facts.push(fact);
                let variable = format!("$.profile.facts.{id}");
                json!({"And": [{"Variable": variable, "IsPresent": true}, {"Variable": variable, "BooleanEquals": true}]})
            }
        };
        match rule {
            Value::Object(map) => Ok(map),
            _ => unreachable!("rules are objects"),
        }
    }
}

/// A Choice rule that always or never holds.
fn always(holds: bool) -> Value {
    json!({"Variable": "$", "IsPresent": holds})
}

fn attribute_rule(
    attr: &str,
    op: Operator,
    value: Option<&Value>,
    declared: Option<AttributeType>,
) -> Result<Value, String> {
    if !is_path_name(attr) {
        return Err(format!("a JSON path cannot name the attribute `{attr}`"));
    }
    let variable = format!("$.profile.attributes.{attr}");
    let present = json!({"Variable": variable, "IsPresent": true});
    let not_null = json!({"Not": {"Variable": variable, "IsNull": true}});
    let null = Value::Null;
    let value = value.unwrap_or(&null);
    let equals = |value: &Value| -> Result<Value, String> {
        Ok(match value {
            Value::Null => {
                json!({"Or": [{"Variable": variable, "IsPresent": false}, {"Variable": variable, "IsNull": true}]})
            }
            Value::String(s) => {
                json!({"And": [present, {"Variable": variable, "IsString": true}, {"Variable": variable, "StringEquals": s}]})
            }
            Value::Number(n) => {
                json!({"And": [present, {"Variable": variable, "IsNumeric": true}, {"Variable": variable, "NumericEquals": n}]})
            }
            Value::Bool(b) => {
                json!({"And": [present, {"Variable": variable, "IsBoolean": true}, {"Variable": variable, "BooleanEquals": b}]})
            }
            Value::Array(_) | Value::Object(_) => return Err(format!("`{attr}` is compared with a list or an object")),
        })
    };
    Ok(match op {
        Operator::Exists => json!({"And": [present, not_null]}),
        Operator::NotExists => json!({"Not": {"And": [present, not_null]}}),
        Operator::Eq => equals(value)?,
        Operator::Ne => json!({"Not": equals(value)?}),
        Operator::In | Operator::NotIn => {
            let items = match value {
                Value::Array(items) => items.clone(),
                other => vec![other.clone()],
            };
            let rules: Result<Vec<Value>, String> = items.iter().map(equals).collect();
            let any = match rules? {
                rules if rules.is_empty() => always(false),
                rules if rules.len() == 1 => rules.into_iter().next().unwrap_or(Value::Null),
                rules => json!({"Or": rules}),
            };
            if op == Operator::In { any } else { json!({"Not": any}) }
        }
        Operator::Contains => match (value, declared) {
            (_, Some(AttributeType::List)) => {
                return Err(format!("Choice rules cannot look inside the list attribute `{attr}`"));
            }
            (Value::String(s), _) => {
                let pattern = format!("*{}*", s.replace('\\', "\\\\").replace('*', "\\*"));
                json!({"And": [present, {"Variable": variable, "IsString": true}, {"Variable": variable, "StringMatches": pattern}]})
            }
            _ => return Err(format!("`{attr}` contains something other than a text")),
        },
        Operator::Gt | Operator::Gte | Operator::Lt | Operator::Lte => {
            let (numeric, string) = match op {
                Operator::Gt => ("NumericGreaterThan", "StringGreaterThan"),
                Operator::Gte => ("NumericGreaterThanEquals", "StringGreaterThanEquals"),
                Operator::Lt => ("NumericLessThan", "StringLessThan"),
                _ => ("NumericLessThanEquals", "StringLessThanEquals"),
            };
            match value {
                Value::Number(n) => {
                    json!({"And": [present, {"Variable": variable, "IsNumeric": true}, {"Variable": variable, numeric: n}]})
                }
                // Dates are `YYYY-MM-DD` texts, which order as text does.
                Value::String(s) if crate::simulate::time::parse_date(s).is_some() => {
                    json!({"And": [present, {"Variable": variable, "IsString": true}, {"Variable": variable, string: s}]})
                }
                _ => return Err(format!("`{attr}` is ordered against something that is neither a number nor a date")),
            }
        }
    })
}

/// The attributes a branch's conditions read, sorted, for the profile request.
fn attributes_read<'c>(conditions: impl Iterator<Item = &'c PlanCondition>) -> Vec<String> {
    fn walk(condition: &PlanCondition, out: &mut Vec<String>) {
        match condition {
            PlanCondition::All { all: list } | PlanCondition::Any { any: list } => {
                list.iter().for_each(|c| walk(c, out))
            }
            PlanCondition::Not { not } => walk(not, out),
            PlanCondition::Attribute { attr, .. } => out.push(attr.clone()),
            PlanCondition::Event { .. } | PlanCondition::Engagement { .. } => {}
        }
    }
    let mut out = Vec::new();
    conditions.for_each(|c| walk(c, &mut out));
    out.sort();
    out.dedup();
    out
}

/// A task that sends `body` to the runtime's queue and waits until the runtime answers with the
/// task token; `rest` adds the result path, the next state and catchers.
fn callback(title: &str, body: Value, timeout: Option<i64>, rest: Value) -> Value {
    let mut body = body;
    if let Value::Object(map) = &mut body {
        map.insert("taskToken.$".to_owned(), json!("$$.Task.Token"));
        map.insert("customerId.$".to_owned(), json!("$.customerId"));
    }
    let mut state = json!({
        "Type": "Task",
        "Comment": title,
        "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl.$": "$.queueUrl", "MessageBody": body},
    });
    if let (Value::Object(state), Value::Object(rest)) = (&mut state, rest) {
        if let Some(timeout) = timeout {
            state.insert("TimeoutSeconds".to_owned(), json!(timeout));
        }
        state.extend(rest);
    }
    state
}

/// A task that sends `body` to the runtime's queue and goes on.
fn send(title: &str, body: Value, next: String) -> Value {
    let mut body = body;
    if let Value::Object(map) = &mut body {
        map.insert("customerId.$".to_owned(), json!("$.customerId"));
    }
    json!({
        "Type": "Task",
        "Comment": title,
        "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl.$": "$.queueUrl", "MessageBody": body},
        "ResultPath": null,
        "Next": next,
    })
}

fn comment(plan: &Plan) -> String {
    let interrupts: BTreeMap<&str, Vec<&str>> = plan.interrupts.iter().fold(BTreeMap::new(), |mut map, i| {
        let key = if i.exits { "stop the execution" } else { "count only" };
        map.entry(key).or_default().push(i.id.as_str());
        map
    });
    let mut text = format!(
        "Waymark journey {} ({}), exported from {}. Input: customerId, queueUrl, splitBuckets.",
        one_line(&plan.journey.id),
        one_line(&plan.journey.name),
        one_line(&plan.source.describe())
    );
    if let Some(ids) = interrupts.get("stop the execution") {
        text.push_str(&format!(" The runtime stops the execution when one of these holds: {}.", ids.join(", ")));
    }
    if let Some(ids) = interrupts.get("count only") {
        text.push_str(&format!(" Goals counted by the runtime: {}.", ids.join(", ")));
    }
    text
}

/// A name a JSON path can use after a dot.
fn is_path_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
