//! Compiling a valid journey into its plan: the document's values spelled out (durations in both
//! forms, weekdays, bucket ranges, the policies each message must be checked against), nothing
//! dropped but the layout.

use super::{
    BucketRule, Duration, Enforce, Interrupt, InterruptKind, JourneyInfo, MatchRule, PLAN_FORMAT, Plan,
    PlanAwaitedEvent, PlanCase, PlanCondition, PlanDelay, PlanFrequencyCap, PlanMessage, PlanMinGap, PlanNode,
    PlanParallelPath, PlanPolicies, PlanQuietHours, PlanReentry, PlanSplitPath, PlanTrigger, Port, Step,
};
use crate::condition::Condition;
use crate::duration::IsoDuration;
use std::collections::HashMap;

use crate::export::Source;
use crate::model::{Category, Channel, Delay, JourneyDocument, Message, NodeKind, Policies, Trigger, Weekday};
use crate::split;

/// Compiles a journey that has no validation errors into its plan.
pub fn compile(document: &JourneyDocument, source: &Source) -> Plan {
    let settings = &document.settings;
    let policies = &settings.policies;
    let goals = settings.goals.iter().map(|goal| Interrupt {
        kind: InterruptKind::Goal,
        id: goal.id.clone(),
        condition: condition(&goal.condition),
        within: goal.within.as_ref().map(duration),
        exits: goal.exit,
    });
    let exit_criteria = settings.exit_criteria.iter().map(|criterion| Interrupt {
        kind: InterruptKind::ExitCriterion,
        id: criterion.id.clone(),
        condition: condition(&criterion.condition),
        within: None,
        exits: true,
    });
    Plan {
        format: PLAN_FORMAT.to_owned(),
        journey: JourneyInfo {
            id: document.id.clone(),
            name: document.name.clone(),
            description: document.description.clone(),
        },
        source: source.clone(),
        entries: document
            .nodes
            .iter()
            .filter(|node| matches!(node.kind, NodeKind::Entry { .. }))
            .map(|node| node.id.clone())
            .collect(),
        nodes: {
            let targets: HashMap<(&str, &str), &str> =
                document.edges.iter().map(|e| ((e.from.as_str(), e.port.as_str()), e.to.as_str())).collect();
            document.nodes.iter().map(|node| plan_node(document, &targets, node)).collect()
        },
        // Exit criteria first: the simulator applies them before it counts goals.
        interrupts: exit_criteria.chain(goals).collect(),
        reentry: PlanReentry {
            mode: settings.reentry.mode,
            cooldown: settings.reentry.cooldown.as_ref().map(duration),
        },
        policies: plan_policies(policies),
        attributes: settings.attributes.clone(),
    }
}

fn duration(value: &IsoDuration) -> Duration {
    Duration { seconds: value.seconds(), iso: value.to_string() }
}

/// A node with its ports; `targets` is where each (node, port) leads.
fn plan_node(document: &JourneyDocument, targets: &HashMap<(&str, &str), &str>, node: &crate::model::Node) -> PlanNode {
    let ports = node
        .kind
        .ports()
        .into_iter()
        .filter_map(|port| {
            let to = targets.get(&(node.id.as_str(), port))?;
            Some(Port { port: port.to_owned(), to: (*to).to_owned() })
        })
        .collect();
    PlanNode {
        id: node.id.clone(),
        label: node.label.clone(),
        stage: node.stage.clone(),
        step: step(document, node),
        ports,
    }
}

fn step(document: &JourneyDocument, node: &crate::model::Node) -> Step {
    match &node.kind {
        NodeKind::Entry { trigger } => Step::Entry { trigger: plan_trigger(trigger) },
        NodeKind::Wait { delay } => Step::Wait { delay: plan_delay(delay) },
        NodeKind::WaitForEvent { events, timeout } => Step::WaitForEvent {
            events: events
                .iter()
                .map(|e| PlanAwaitedEvent {
                    port: e.port.clone(),
                    event: e.event.clone(),
                    filter: e.filter.as_ref().map(condition),
                })
                .collect(),
            // Validation refuses a wait for an event without a timeout.
            timeout: duration(&timeout.unwrap_or_default()),
            timeout_port: crate::model::TIMEOUT.to_owned(),
        },
        NodeKind::Branch { cases } => Step::Branch {
            rule: MatchRule::First,
            cases: cases
                .iter()
                .map(|c| PlanCase { port: c.port.clone(), label: c.label.clone(), when: condition(&c.when) })
                .collect(),
            else_port: crate::model::ELSE.to_owned(),
        },
        NodeKind::Split { paths } => {
            let weights: Vec<f64> = paths.iter().map(|p| p.weight).collect();
            let ends = split::bucket_ends(&weights);
            let starts = std::iter::once(0).chain(ends.iter().copied());
            Step::Split {
                bucket: BucketRule {
                    hash: split::ALGORITHM.to_owned(),
                    split_id: split::split_id(&document.id, &node.id),
                    buckets: split::BUCKETS,
                },
                paths: paths
                    .iter()
                    .zip(starts.zip(ends.iter().copied()))
                    .map(|(path, (from, to))| PlanSplitPath {
                        port: path.port.clone(),
                        weight: path.weight,
                        from,
                        to,
                        holdout: path.holdout,
                    })
                    .collect(),
            }
        }
        NodeKind::Parallel { paths } => Step::Parallel {
            paths: paths.iter().map(|p| PlanParallelPath { port: p.port.clone(), label: p.label.clone() }).collect(),
        },
        NodeKind::Message(message) => Step::Message(plan_message(message, &document.settings.policies)),
        NodeKind::Update { changes } => Step::Update { changes: changes.clone() },
        NodeKind::Exit { outcome } => Step::Exit { outcome: outcome.clone() },
    }
}

fn plan_trigger(trigger: &Trigger) -> PlanTrigger {
    match trigger {
        Trigger::Event { name, filter } => {
            PlanTrigger::Event { name: name.clone(), filter: filter.as_ref().map(condition) }
        }
        Trigger::Segment { condition: c } => PlanTrigger::Segment { condition: condition(c) },
        Trigger::Schedule { start, repeat, timezone, audience } => PlanTrigger::Schedule {
            start: start.clone(),
            repeat: repeat.as_ref().map(duration),
            timezone: timezone.clone(),
            audience: audience.as_ref().map(condition),
        },
        Trigger::DateAttribute { attr, offset, time } => {
            PlanTrigger::DateAttribute { attr: attr.clone(), offset: offset.as_ref().map(duration), time: time.clone() }
        }
    }
}

fn plan_delay(delay: &Delay) -> PlanDelay {
    match delay {
        Delay::Duration(value) => PlanDelay::Duration(duration(value)),
        Delay::UntilTime { time, weekdays, timezone } => PlanDelay::UntilTime {
            time: time.clone(),
            weekdays: if weekdays.is_empty() { ALL_WEEKDAYS.to_vec() } else { weekdays.clone() },
            timezone: timezone.clone(),
        },
        Delay::UntilDate { attr, offset } => {
            PlanDelay::UntilDate { attr: attr.clone(), offset: offset.as_ref().map(duration) }
        }
    }
}

const ALL_WEEKDAYS: [Weekday; 7] =
    [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];

fn plan_message(message: &Message, policies: &Policies) -> PlanMessage {
    // Validation refuses a message without a channel.
    let channel = message.channel.unwrap_or(Channel::Email);
    PlanMessage {
        channel,
        category: message.category,
        template: message.template.clone(),
        content: message.content.clone(),
        url: message.url.clone(),
        audience: message.audience.clone(),
        max_segments: message.max_segments.unwrap_or(1).max(1),
        enforce: enforce(channel, message.category, policies),
    }
}

fn enforce(channel: Channel, category: Category, policies: &Policies) -> Enforce {
    let marketing = category == Category::Marketing;
    let all = plan_policies(policies);
    let quiet_hours = all.quiet_hours.filter(|q| q.channels.is_empty() || q.channels.contains(&channel));
    Enforce {
        consent: marketing && policies.consent_required.contains(&channel),
        quiet_hours: quiet_hours.filter(|_| marketing),
        frequency_caps: all
            .frequency_caps
            .into_iter()
            .filter(|cap| marketing && cap.channel.is_none_or(|c| c == channel))
            .collect(),
        min_gap: if marketing { all.min_gap } else { PlanMinGap { same_channel: None, across_channels: None } },
        priority: policies.priority,
    }
}

fn plan_policies(policies: &Policies) -> PlanPolicies {
    PlanPolicies {
        frequency_caps: policies
            .frequency_caps
            .iter()
            .map(|cap| PlanFrequencyCap { channel: cap.channel, max: cap.max, window: duration(&cap.window) })
            .collect(),
        quiet_hours: policies.quiet_hours.as_ref().map(|q| PlanQuietHours {
            start: q.start.clone(),
            end: q.end.clone(),
            action: q.action,
            channels: q.channels.clone(),
        }),
        min_gap: PlanMinGap {
            same_channel: policies.min_gap.as_ref().and_then(|g| g.same_channel.as_ref()).map(duration),
            across_channels: policies.min_gap.as_ref().and_then(|g| g.across_channels.as_ref()).map(duration),
        },
        consent_required: policies.consent_required.clone(),
        priority: policies.priority,
    }
}

/// A journey condition as the plan writes it.
pub(crate) fn condition(condition: &Condition) -> PlanCondition {
    match condition {
        Condition::All { all } => PlanCondition::All { all: all.iter().map(self::condition).collect() },
        Condition::Any { any } => PlanCondition::Any { any: any.iter().map(self::condition).collect() },
        Condition::Not { not } => PlanCondition::Not { not: Box::new(self::condition(not)) },
        Condition::Attribute(a) => PlanCondition::Attribute { attr: a.attr.clone(), op: a.op, value: a.value.clone() },
        Condition::Event(e) => PlanCondition::Event {
            event: e.event.clone(),
            within: e.within.as_ref().map(duration),
            min_count: e.min_count.unwrap_or(1),
        },
        Condition::Engagement(e) => PlanCondition::Engagement { message: e.message.clone(), engaged: e.engaged },
    }
}
