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

mod checks;
mod rules;

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value, json};

use checks::Graph;

use super::plan::{
    BucketRule, Duration, Plan, PlanAwaitedEvent, PlanCase, PlanDelay, PlanNode, PlanParallelPath, PlanSplitPath, Step,
};
use super::{Reason, one_line};
use crate::model::NEXT;

/// A state name may have at most 80 characters.
pub(super) const MAX_NAME: usize = 80;
/// How long the runtime has to answer a profile request before the execution fails.
const PROFILE_TIMEOUT: i64 = 3_600;
/// A wait until a local time of day ends within a week; the callback may take a day more.
const UNTIL_TIME_TIMEOUT: i64 = 8 * 86_400;
/// More states than this is not a journey a person can follow, and copying parallel paths
/// could otherwise grow without bound.
const MAX_STATES: usize = 10_000;
/// Parallel states are written inside one another; deeper nesting than this is refused, so
/// that writing them keeps to a small stack.
const MAX_PARALLEL_DEPTH: usize = 32;

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
    let mut machine = Machine { plan, graph: &graph, names: HashMap::new(), count: 0, depth: 0, reasons: Vec::new() };
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

/// Writes states; names are handed out as states are written so that copies get new ones.
struct Machine<'a, 'g> {
    plan: &'a Plan,
    graph: &'g Graph<'a>,
    /// How many states of each node were written so far.
    names: HashMap<&'a str, usize>,
    count: usize,
    /// How many Parallel states the state being written is inside.
    depth: usize,
    reasons: Vec<Reason>,
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
            // Past the limit the definition is refused anyway: stop copying.
            if self.count > MAX_STATES {
                break;
            }
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
        let next = |port: &str| node.target(port).map(|to| written[to].clone()).unwrap_or_default();
        let at = Spot { node, name: written[node.id.as_str()].clone(), title: one_line(node.title()) };
        let made = match &node.step {
            Step::Entry { .. } => vec![(at.name, json!({"Type": "Pass", "Comment": at.title, "Next": next(NEXT)}))],
            Step::Wait { delay } => vec![(at.name.clone(), wait_state(&at, delay, next(NEXT)))],
            Step::WaitForEvent { events, timeout, timeout_port } => {
                wait_for_event_states(&at, events, timeout, timeout_port, &next)
            }
            Step::Branch { cases, else_port, .. } => self.branch_states(&at, cases, else_port, &next),
            Step::Split { bucket, paths } => vec![(at.name.clone(), split_state(&at, bucket, paths, &next))],
            Step::Parallel { paths } => self.parallel_state(&at, paths).into_iter().collect(),
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
                vec![(at.name, send(&at.title, body, next(NEXT)))]
            }
            Step::Update { changes } => {
                let body = json!({"kind": "update", "node": node.id, "changes": changes});
                vec![(at.name, send(&at.title, body, next(NEXT)))]
            }
            Step::Exit { outcome } => {
                let comment = match outcome {
                    Some(outcome) => format!("{} (outcome: {outcome})", at.title),
                    None => at.title,
                };
                vec![(at.name, json!({"Type": "Succeed", "Comment": comment}))]
            }
        };
        for (name, state) in made {
            self.add(states, name, state);
        }
    }

    /// The profile callback and the Choice of a branch; a case Choice rules cannot test is a reason.
    fn branch_states(
        &mut self,
        at: &Spot,
        cases: &[PlanCase],
        else_port: &str,
        next: &dyn Fn(&str) -> String,
    ) -> Vec<(String, Value)> {
        let mut facts = Vec::new();
        let mut choices = Vec::new();
        for case in cases {
            match rules::rule(&case.when, &self.plan.attributes, &mut facts) {
                Ok(mut rule) => {
                    rule.insert("Next".to_owned(), json!(next(&case.port)));
                    choices.push(Value::Object(rule));
                }
                Err(why) => {
                    let message =
                        format!("The case `{}` of “{}” cannot be a Choice rule: {why}.", case.port, at.node.title());
                    self.reasons.push(Reason::at(&at.node.id, message));
                }
            }
        }
        let choice = format!("{}:choice", at.name);
        let attributes = rules::attributes_read(cases.iter().map(|c| &c.when));
        let profile = callback(
            &at.title,
            json!({"kind": "profile", "node": at.node.id, "attributes": attributes, "facts": facts}),
            Some(PROFILE_TIMEOUT),
            json!({"ResultPath": "$.profile", "Next": choice}),
        );
        let comment = format!("{}: first case that holds", at.title);
        let decide = json!({"Type": "Choice", "Comment": comment, "Choices": choices, "Default": next(else_port)});
        vec![(at.name.clone(), profile), (choice, decide)]
    }

    /// A Parallel state with a branch per path, each holding its own copy of what follows.
    fn parallel_state(&mut self, at: &Spot<'a>, paths: &[PlanParallelPath]) -> Option<(String, Value)> {
        if self.depth == MAX_PARALLEL_DEPTH {
            let message = format!(
                "“{}” is nested more than {MAX_PARALLEL_DEPTH} parallel steps deep, which is more than Waymark writes as Parallel states.",
                at.node.title()
            );
            self.reasons.push(Reason::at(&at.node.id, message));
            return None;
        }
        self.depth += 1;
        let branches: Vec<Value> = paths
            .iter()
            .filter_map(|p| at.node.target(&p.port))
            .map(|to| {
                let mut states = Map::new();
                let start = self.write_scope(self.graph.nodes[to].id.as_str(), &mut states, &mut HashMap::new());
                json!({"StartAt": start, "States": states})
            })
            .collect();
        self.depth -= 1;
        let state =
            json!({"Type": "Parallel", "Comment": at.title, "Branches": branches, "ResultPath": null, "End": true});
        Some((at.name.clone(), state))
    }
}

/// The node a state is written for, its state name and its comment.
struct Spot<'a> {
    node: &'a PlanNode,
    name: String,
    title: String,
}

fn wait_state(at: &Spot, delay: &PlanDelay, next: String) -> Value {
    let node = &at.node.id;
    match delay {
        PlanDelay::Duration(duration) => {
            json!({"Type": "Wait", "Comment": at.title, "Seconds": duration.seconds, "Next": next})
        }
        PlanDelay::UntilTime { time, weekdays, timezone } => callback(
            &at.title,
            json!({"kind": "wait_until", "node": node, "time": time, "weekdays": weekdays, "timezone": timezone}),
            Some(UNTIL_TIME_TIMEOUT),
            json!({"ResultPath": null, "Next": next}),
        ),
        PlanDelay::UntilDate { attr, offset } => callback(
            &at.title,
            json!({"kind": "wait_until", "node": node, "attr": attr, "offset": offset}),
            None,
            json!({"ResultPath": null, "Next": next}),
        ),
    }
}

/// The callback that waits for the events, with the timeout caught, and the Choice of the port.
fn wait_for_event_states(
    at: &Spot,
    events: &[PlanAwaitedEvent],
    timeout: &Duration,
    timeout_port: &str,
    next: &dyn Fn(&str) -> String,
) -> Vec<(String, Value)> {
    let choice = format!("{}:port", at.name);
    let wait = callback(
        &at.title,
        json!({"kind": "wait_for_event", "node": at.node.id, "events": events}),
        Some(timeout.seconds),
        json!({
            "ResultPath": "$.received",
            "Next": choice,
            "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": null, "Next": next(timeout_port)}],
        }),
    );
    let choices: Vec<Value> = events
        .iter()
        .map(|e| json!({"Variable": "$.received.port", "StringEquals": e.port, "Next": next(&e.port)}))
        .collect();
    let comment = format!("{}: the event that came", at.title);
    vec![(at.name.clone(), wait), (choice, json!({"Type": "Choice", "Comment": comment, "Choices": choices}))]
}

/// A Choice on the customer's bucket, which the execution input carries.
fn split_state(at: &Spot, bucket: &BucketRule, paths: &[PlanSplitPath], next: &dyn Fn(&str) -> String) -> Value {
    let variable = format!("$.splitBuckets.{}", at.node.id);
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
        format!("{}: bucket of {} ({}) in `splitBuckets.{}`", at.title, bucket.hash, bucket.split_id, at.node.id);
    json!({"Type": "Choice", "Comment": comment, "Choices": choices})
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
pub(super) fn is_path_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}
