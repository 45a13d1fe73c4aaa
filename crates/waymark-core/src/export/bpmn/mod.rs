//! BPMN 2.0 for Camunda 8 (Zeebe), with diagram information from the canvas layout.
//!
//! Each node becomes the element of its kind with the id `n_<node id>` (see `element_ids`);
//! helper elements a node needs carry that id plus a suffix: `__merge` (an exclusive gateway in
//! front of a node that several flows reach, so that each token passes on its own, as in the
//! simulator), `__paths` (the gateway after a split's bucket task), `__wake` (the timer after
//! the task that computes a wait's wake-up time) and `__<port>` (a wait for an event's catch
//! events). Goals and exit criteria are event sub-processes started by the message
//! `waymark.goal.<id>` or `waymark.exit.<id>`, which the runtime publishes when the condition
//! holds. What a worker must do for each task type is in `docs/export.md`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;

mod diagram;
mod xml;

use super::feel;
use super::plan::{
    BucketRule, Duration, Interrupt, InterruptKind, Plan, PlanAwaitedEvent, PlanCase, PlanCondition, PlanDelay,
    PlanMessage, PlanNode, PlanSplitPath, PlanTrigger, Step,
};
use super::{Reason, element_ids, one_line, port_label};
use crate::model::Layout;
use diagram::{GATEWAY, SUBPROCESS, positions, shift};

/// The journey as a BPMN definitions document, or why it cannot be written.
pub fn write(plan: &Plan, layout: &Layout) -> Result<String, Vec<Reason>> {
    let mut process = Process::new(plan, layout);
    let mut reasons = Vec::new();
    check_variables(plan, &mut reasons);
    for node in &plan.nodes {
        if let Err(reason) = process.add_node(node) {
            reasons.push(reason);
        }
    }
    if !reasons.is_empty() {
        return Err(reasons);
    }
    process.add_merges();
    process.add_interrupts(&plan.interrupts);
    process.add_notes(layout);
    Ok(process.xml())
}

/// A BPMN element of the process.
struct Element {
    id: String,
    name: String,
    body: Body,
    documentation: Option<String>,
    /// Top-left corner in diagram coordinates.
    at: (f64, f64),
}

enum Body {
    Start { message: Option<String> },
    End,
    Timer(Timer),
    MessageCatch { message: String },
    Exclusive { default: Option<String> },
    EventBased,
    Parallel,
    Task { task_type: &'static str, headers: Vec<(String, String)> },
}

enum Timer {
    Duration(String),
    Date(String),
}

struct Flow {
    id: String,
    source: String,
    target: String,
    name: Option<String>,
    condition: Option<String>,
}

/// A message the process subscribes to, by name.
struct MessageDef {
    id: String,
    name: String,
}

struct SubProcess {
    id: String,
    name: String,
    interrupting: bool,
    documentation: String,
    message: String,
    at: (f64, f64),
}

struct Process<'a> {
    plan: &'a Plan,
    ids: HashMap<&'a str, String>,
    positions: HashMap<&'a str, (f64, f64)>,
    elements: Vec<Element>,
    flows: Vec<Flow>,
    /// Messages by name, in order of first use.
    messages: BTreeMap<String, MessageDef>,
    subprocesses: Vec<SubProcess>,
    notes: Vec<(String, String, (f64, f64))>,
    /// The lowest point of the diagram, under which goals and notes without room go.
    bottom: f64,
}

impl<'a> Process<'a> {
    fn new(plan: &'a Plan, layout: &Layout) -> Process<'a> {
        let positions = positions(plan, layout);
        let bottom = positions.values().map(|(_, y)| *y).fold(0.0, f64::max) + 200.0;
        Process {
            plan,
            ids: element_ids(plan, "n_"),
            positions,
            elements: Vec::new(),
            flows: Vec::new(),
            messages: BTreeMap::new(),
            subprocesses: Vec::new(),
            notes: Vec::new(),
            bottom,
        }
    }

    fn id(&self, node: &str) -> String {
        self.ids[node].clone()
    }

    fn push(&mut self, id: String, name: String, body: Body, at: (f64, f64)) {
        self.elements.push(Element { id, name, body, documentation: None, at });
    }

    fn document(&mut self, text: String) {
        if let Some(last) = self.elements.last_mut() {
            last.documentation = Some(text);
        }
    }

    fn flow(&mut self, source: String, target: String, name: Option<String>, condition: Option<String>) -> String {
        let id = format!("flow_{}", self.flows.len() + 1);
        self.flows.push(Flow { id: id.clone(), source, target, name, condition });
        id
    }

    /// A flow from an element to the node a port leads to. Only the flows out of an exclusive
    /// gateway are named (after their case or path): elsewhere a name says nothing the
    /// elements do not, and linters call it superfluous.
    fn flow_to_port(&mut self, source: String, node: &PlanNode, port: &str, condition: Option<String>) -> String {
        let target = node.target(port).map(|to| self.id(to)).unwrap_or_default();
        let decides = self
            .elements
            .iter()
            .rev()
            .find(|e| e.id == source)
            .is_some_and(|e| matches!(e.body, Body::Exclusive { .. }));
        let name = port_label(node, port).filter(|_| decides);
        self.flow(source, target, name, condition)
    }

    fn message(&mut self, name: &str) -> String {
        let count = self.messages.len();
        let def = self
            .messages
            .entry(name.to_owned())
            .or_insert_with(|| MessageDef { id: format!("message_{}", count + 1), name: name.to_owned() });
        def.id.clone()
    }

    fn add_node(&mut self, node: &'a PlanNode) -> Result<(), Reason> {
        let id = self.id(&node.id);
        let at = self.positions[node.id.as_str()];
        let name = one_line(node.title());
        match &node.step {
            Step::Entry { trigger } => {
                let message =
                    (self.plan.entries.len() > 1).then(|| self.message(&format!("waymark.enter.{}", node.id)));
                self.push(id.clone(), name, Body::Start { message }, at);
                self.document(format!("Trigger: {}", trigger_words(trigger)));
                self.flow_to_port(id, node, crate::model::NEXT, None);
            }
            Step::Wait { delay } => self.add_wait(node, id, name, delay, at),
            Step::WaitForEvent { events, timeout, timeout_port } => {
                self.add_wait_for_event(node, id, name, at, events, (timeout, timeout_port))?
            }
            Step::Branch { cases, else_port, .. } => self.add_branch(node, id, name, at, cases, else_port)?,
            Step::Split { bucket, paths } => self.add_split(node, id, name, at, bucket, paths),
            Step::Parallel { paths } => {
                self.push(id.clone(), name, Body::Parallel, at);
                for path in paths {
                    self.flow_to_port(id.clone(), node, &path.port, None);
                }
            }
            Step::Message(message) => {
                let headers = message_headers(node, message);
                self.push(id.clone(), name, Body::Task { task_type: "waymark.message", headers }, at);
                self.flow_to_port(id, node, crate::model::NEXT, None);
            }
            Step::Update { changes } => {
                let headers = vec![
                    ("nodeId".to_owned(), node.id.clone()),
                    ("changes".to_owned(), serde_json::to_string(changes).unwrap_or_default()),
                ];
                self.push(id.clone(), name, Body::Task { task_type: "waymark.update", headers }, at);
                self.flow_to_port(id, node, crate::model::NEXT, None);
            }
            Step::Exit { outcome } => {
                self.push(id, name, Body::End, at);
                if let Some(outcome) = outcome {
                    self.document(format!("Outcome: {outcome}"));
                }
            }
        }
        Ok(())
    }

    /// An event-based gateway to a message catch event per awaited event and a timeout timer.
    fn add_wait_for_event(
        &mut self,
        node: &PlanNode,
        id: String,
        name: String,
        at: (f64, f64),
        events: &[PlanAwaitedEvent],
        (timeout, timeout_port): (&Duration, &str),
    ) -> Result<(), Reason> {
        self.push(id.clone(), name, Body::EventBased, at);
        let mut seen = HashSet::new();
        for (k, awaited) in events.iter().enumerate() {
            let message_name = match &awaited.filter {
                None => awaited.event.clone(),
                Some(_) => format!("{}#{}.{}", awaited.event, node.id, awaited.port),
            };
            if !seen.insert(message_name.clone()) {
                return Err(Reason::at(
                    &node.id,
                    format!(
                        "“{}” waits twice for the event `{}`; BPMN cannot tell the two apart.",
                        node.title(),
                        awaited.event
                    ),
                ));
            }
            let catch = format!("{id}__{}", suffix(&awaited.port));
            let message = self.message(&message_name);
            let catch_at = (at.0 + 110.0, at.1 + 60.0 * k as f64 - 30.0);
            self.push(catch.clone(), one_line(&awaited.event), Body::MessageCatch { message }, catch_at);
            if let Some(filter) = &awaited.filter {
                let feel = feel::condition(filter, &self.plan.attributes).unwrap_or_default();
                self.document(format!("Published when `{}` comes with properties where {feel}", awaited.event));
            }
            self.flow(id.clone(), catch.clone(), None, None);
            self.flow_to_port(catch, node, &awaited.port, None);
        }
        let timer = format!("{id}__{}", suffix(timeout_port));
        let timer_at = (at.0 + 110.0, at.1 + 60.0 * events.len() as f64 - 30.0);
        self.push(
            timer.clone(),
            format!("After {}", timeout.iso),
            Body::Timer(Timer::Duration(timeout.iso.clone())),
            timer_at,
        );
        self.flow(id, timer.clone(), None, None);
        self.flow_to_port(timer, node, timeout_port, None);
        Ok(())
    }

    /// An exclusive gateway whose case flows each exclude the cases before them.
    fn add_branch(
        &mut self,
        node: &PlanNode,
        id: String,
        name: String,
        at: (f64, f64),
        cases: &[PlanCase],
        else_port: &str,
    ) -> Result<(), Reason> {
        self.push(id.clone(), name, Body::Exclusive { default: None }, at);
        let mut earlier: Vec<String> = Vec::new();
        for case in cases {
            let own = feel::condition(&case.when, &self.plan.attributes)
                .map_err(|why| Reason::at(&node.id, format!("A case of “{}”: {why}.", node.title())))?;
            let mut parts = vec![format!("({own})")];
            parts.extend(earlier.iter().map(|e| format!("not({e})")));
            earlier.push(own);
            self.flow_to_port(id.clone(), node, &case.port, Some(format!("={}", parts.join(" and "))));
        }
        let default = self.flow_to_port(id.clone(), node, else_port, None);
        self.set_default(&id, default);
        Ok(())
    }

    /// The task that computes the bucket, then a gateway on the bucket ranges.
    fn add_split(
        &mut self,
        node: &PlanNode,
        id: String,
        name: String,
        at: (f64, f64),
        bucket: &BucketRule,
        paths: &[PlanSplitPath],
    ) {
        let ranges: Vec<String> = paths.iter().map(|p| format!("{}=[{},{})", p.port, p.from, p.to)).collect();
        let holdouts: Vec<&str> = paths.iter().filter(|p| p.holdout).map(|p| p.port.as_str()).collect();
        let headers = vec![
            ("nodeId".to_owned(), node.id.clone()),
            ("splitId".to_owned(), bucket.split_id.clone()),
            ("hash".to_owned(), bucket.hash.clone()),
            ("buckets".to_owned(), bucket.buckets.to_string()),
            ("ranges".to_owned(), ranges.join(";")),
            ("holdoutPaths".to_owned(), holdouts.join(";")),
        ];
        self.push(id.clone(), name.clone(), Body::Task { task_type: "waymark.split", headers }, at);
        let gateway = format!("{id}__paths");
        self.push(
            gateway.clone(),
            format!("{name}: path"),
            Body::Exclusive { default: None },
            (at.0 + 140.0, at.1 + 15.0),
        );
        self.flow(id, gateway.clone(), None, None);
        for path in paths {
            let condition = format!("=bucket >= {} and bucket < {}", path.from, path.to);
            self.flow_to_port(gateway.clone(), node, &path.port, Some(condition));
        }
    }

    fn add_wait(&mut self, node: &PlanNode, id: String, name: String, delay: &PlanDelay, at: (f64, f64)) {
        let (mut headers, words) = match delay {
            PlanDelay::Duration(duration) => {
                self.push(id.clone(), name, Body::Timer(Timer::Duration(duration.iso.clone())), at);
                self.flow_to_port(id, node, crate::model::NEXT, None);
                return;
            }
            PlanDelay::UntilTime { time, weekdays, timezone } => {
                let days: Vec<String> = weekdays
                    .iter()
                    .map(|d| serde_json::to_string(d).unwrap_or_default().trim_matches('"').to_owned())
                    .collect();
                let headers = vec![
                    ("until".to_owned(), "time".to_owned()),
                    ("time".to_owned(), time.clone()),
                    ("weekdays".to_owned(), days.join(",")),
                    ("timezone".to_owned(), timezone.clone()),
                ];
                (headers, format!("until {time}"))
            }
            PlanDelay::UntilDate { attr, offset } => {
                let mut headers = vec![("until".to_owned(), "date".to_owned()), ("attr".to_owned(), attr.clone())];
                if let Some(offset) = offset {
                    headers.push(("offset".to_owned(), offset.iso.clone()));
                }
                (headers, format!("until {attr}"))
            }
        };
        let variable = format!("wakeAt_{id}");
        headers.insert(0, ("nodeId".to_owned(), node.id.clone()));
        headers.push(("resultVariable".to_owned(), variable.clone()));
        self.push(id.clone(), name, Body::Task { task_type: "waymark.wait_until", headers }, at);
        let timer = format!("{id}__wake");
        self.push(
            timer.clone(),
            format!("Wait {words}"),
            Body::Timer(Timer::Date(format!("={variable}"))),
            (at.0 + 140.0, at.1 + 22.0),
        );
        self.flow(id, timer.clone(), None, None);
        self.flow_to_port(timer, node, crate::model::NEXT, None);
    }

    fn set_default(&mut self, gateway: &str, flow: String) {
        if let Some(element) = self.elements.iter_mut().rev().find(|e| e.id == gateway)
            && let Body::Exclusive { default } = &mut element.body
        {
            *default = Some(flow);
        }
    }

    /// An exclusive gateway in front of every element that more than one flow reaches.
    fn add_merges(&mut self) {
        let mut incoming: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (index, flow) in self.flows.iter().enumerate() {
            incoming.entry(flow.target.clone()).or_default().push(index);
        }
        let position: HashMap<String, usize> =
            self.elements.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
        for (target, flows) in incoming.into_iter().filter(|(_, flows)| flows.len() > 1) {
            let Some(&at) = position.get(&target) else { continue };
            let element = &self.elements[at];
            let merge = format!("{target}__merge");
            let at = (element.at.0 - 70.0, element.at.1 + element.body.size().1 / 2.0 - GATEWAY.1 / 2.0);
            let name = format!("To {}", element.name);
            for index in flows {
                self.flows[index].target = merge.clone();
            }
            self.push(merge.clone(), name, Body::Exclusive { default: None }, at);
            self.flow(merge, target, None, None);
        }
    }

    fn add_interrupts(&mut self, interrupts: &[Interrupt]) {
        let mut taken = HashSet::new();
        for (k, interrupt) in interrupts.iter().enumerate() {
            let (prefix, word) = match interrupt.kind {
                InterruptKind::Goal => ("goal", "Goal"),
                InterruptKind::ExitCriterion => ("exit", "Exit criterion"),
            };
            let mut id = format!("{prefix}_{}", suffix(&interrupt.id));
            while !taken.insert(id.clone()) {
                id.push('_');
            }
            let message = self.message(&format!("waymark.{prefix}.{}", interrupt.id));
            let mut documentation = format!(
                "Published when this holds during the stay: {}",
                feel::condition(&interrupt.condition, &self.plan.attributes)
                    .unwrap_or_else(|_| condition_json(&interrupt.condition))
            );
            if let Some(within) = &interrupt.within {
                let _ = write!(documentation, " (counts within {} of entry)", within.iso);
            }
            let at = (100.0 + (SUBPROCESS.0 + 40.0) * k as f64, self.bottom);
            self.subprocesses.push(SubProcess {
                id,
                name: format!("{word}: {}", interrupt.id),
                interrupting: interrupt.exits,
                documentation,
                message,
                at,
            });
        }
        if !self.subprocesses.is_empty() {
            self.bottom += SUBPROCESS.1 + 80.0;
        }
    }

    fn add_notes(&mut self, layout: &Layout) {
        let offset = shift(layout);
        for note in &layout.notes {
            let at = (note.x + offset.0, note.y + offset.1);
            self.notes.push((format!("note_{}", suffix(&note.id)), note.text.clone(), at));
        }
    }
}

/// The headers of a message task: what to send and the policies the worker must enforce.
fn message_headers(node: &PlanNode, message: &PlanMessage) -> Vec<(String, String)> {
    let enforce = &message.enforce;
    let mut headers =
        vec![("nodeId".to_owned(), node.id.clone()), ("channel".to_owned(), message.channel.name().to_owned())];
    headers.push(("category".to_owned(), json(&message.category).trim_matches('"').to_owned()));
    let optional = [
        ("template", message.template.clone()),
        ("subject", message.content.as_ref().and_then(|c| c.subject.clone())),
        ("title", message.content.as_ref().and_then(|c| c.title.clone())),
        ("body", message.content.as_ref().and_then(|c| c.body.clone())),
        ("url", message.url.clone()),
        ("audience", message.audience.clone()),
    ];
    headers.extend(optional.into_iter().filter_map(|(key, value)| Some((key.to_owned(), value?))));
    headers.extend([
        ("maxSegments".to_owned(), message.max_segments.to_string()),
        ("consentRequired".to_owned(), enforce.consent.to_string()),
        ("quietHours".to_owned(), json(&enforce.quiet_hours)),
        ("frequencyCaps".to_owned(), json(&enforce.frequency_caps)),
        ("minGap".to_owned(), json(&enforce.min_gap)),
        ("priority".to_owned(), enforce.priority.to_string()),
    ]);
    headers
}

/// Attribute names that map to the same process variable, or to a reserved one, cannot be told
/// apart in FEEL; the reason names the first branch that reads such an attribute.
fn check_variables(plan: &Plan, reasons: &mut Vec<Reason>) {
    // Every attribute a process holds: those declared and those the conditions read, each with
    // the first branch that reads it.
    let mut readers: BTreeMap<&str, Option<&str>> = plan.attributes.keys().map(|name| (name.as_str(), None)).collect();
    for node in &plan.nodes {
        if let Step::Branch { cases, .. } = &node.step {
            for case in cases {
                case.when.walk(&mut |condition| {
                    if let PlanCondition::Attribute { attr, .. } = condition {
                        readers.entry(attr.as_str()).or_default().get_or_insert(node.id.as_str());
                    }
                });
            }
        }
    }
    let mut held: HashMap<String, &str> = HashMap::new();
    for (name, reader) in readers {
        let variable = feel::variable(name);
        let why = if feel::RESERVED.contains(&variable.as_str()) {
            format!("the attribute `{name}` would be held in `{variable}`, a variable the export reserves; rename it")
        } else if let Some(other) = held.insert(variable.clone(), name) {
            format!(
                "the attributes `{other}` and `{name}` would both be held in the process variable `{variable}`; rename one of them"
            )
        } else {
            continue;
        };
        let message = format!("BPMN cannot express this journey: {why}.");
        reasons.push(Reason { node: reader.map(str::to_owned), code: None, message });
    }
}

fn trigger_words(trigger: &PlanTrigger) -> String {
    serde_json::to_string(trigger).unwrap_or_default()
}

fn condition_json(condition: &PlanCondition) -> String {
    serde_json::to_string(condition).unwrap_or_default()
}

/// A port name or id as an id suffix: ASCII letters, digits and `_` kept, others as `_` and hex.
fn suffix(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '_' { c.to_string() } else { format!("_{:x}", u32::from(c)) })
        .collect()
}

/// A value as compact JSON, for task headers.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
