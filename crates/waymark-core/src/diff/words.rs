//! How the parts of a journey read for a marketer: steps by their label, durations as
//! `2 days`, channels by their title, conditions as `plan is "pro" and did viewed_pricing in the
//! last 2 days`, and the path of a changed field as words (`case "pro" condition`). Shared by the
//! sentences of a diff and the outline of one document.

use serde_json::Value;

use crate::condition::{Condition, Engagement, Operator};
use crate::duration::IsoDuration;
use crate::model::{
    AwaitedEvent, Case, Change, Channel, Delay, ExitCriterion, FrequencyCap, Goal, JourneyDocument, Message, MinGap,
    Node, NodeKind, Note, ParallelPath, QuietHours, SplitPath, Trigger, Weekday,
};

/// The longest author text quoted whole; longer text is cut with `…`.
const QUOTE_LIMIT: usize = 60;

/// How people call a step: its label, or its id when it has none.
pub fn node_name(node: &Node) -> &str {
    node.label.as_deref().filter(|label| !label.trim().is_empty()).unwrap_or(&node.id)
}

/// The name of the node `id` in `document` (quoted), or the id itself when no node has it.
pub fn named(document: &JourneyDocument, id: &str) -> String {
    quote(document.nodes.iter().find(|n| n.id == id).map_or(id, node_name))
}

/// A step as a sentence names it: `Wait "Wait 2 days"`.
pub fn subject(node: &Node) -> String {
    format!("{} {}", node.kind().title(), quote(node_name(node)))
}

/// Author text in double quotes, cut when long.
pub fn quote(text: &str) -> String {
    if text.chars().count() > QUOTE_LIMIT {
        let cut: String = text.chars().take(QUOTE_LIMIT - 1).collect();
        format!("\"{}…\"", cut.trim_end())
    } else {
        format!("\"{text}\"")
    }
}

/// What a step does, in a few words: `2 days`, `Email, marketing, template "tpl_welcome"`.
pub fn summary(node: &Node) -> String {
    match &node.kind {
        NodeKind::Entry { trigger } => trigger_words(trigger),
        NodeKind::Wait { delay } => delay_words(delay),
        NodeKind::WaitForEvent { events, timeout } => {
            let mut parts: Vec<String> = events
                .iter()
                .map(|e| {
                    let filter = e.filter.as_ref().map_or(String::new(), |c| format!(" where {}", condition(c)));
                    format!("{}: event {}{filter}", e.port, quote(&e.event))
                })
                .collect();
            parts.push(timeout.map_or("no timeout".to_owned(), |t| format!("timeout after {}", t.humanize())));
            parts.join("; ")
        }
        NodeKind::Branch { cases } => {
            let mut parts: Vec<String> = cases.iter().map(|c| format!("{}: {}", c.port, condition(&c.when))).collect();
            parts.push("otherwise else".to_owned());
            parts.join("; ")
        }
        NodeKind::Split { paths } => paths
            .iter()
            .map(|p| format!("{} {}%{}", p.port, number(p.weight), if p.holdout { " (holdout)" } else { "" }))
            .collect::<Vec<_>>()
            .join(", "),
        NodeKind::Parallel { paths } => {
            format!("paths {}", paths.iter().map(|p| p.port.as_str()).collect::<Vec<_>>().join(", "))
        }
        NodeKind::Message(message) => message_words(message),
        NodeKind::Update { changes } => changes.iter().map(change_words).collect::<Vec<_>>().join(", "),
        NodeKind::Exit { outcome } => outcome.as_deref().map_or(String::new(), |o| format!("outcome {}", quote(o))),
    }
}

/// A condition in words.
pub fn condition(condition: &Condition) -> String {
    let nested = |c: &Condition| match c {
        Condition::All { all } if all.len() > 1 => format!("({})", self::condition(c)),
        Condition::Any { any } if any.len() > 1 => format!("({})", self::condition(c)),
        _ => self::condition(c),
    };
    match condition {
        Condition::All { all } if all.is_empty() => "always".to_owned(),
        Condition::Any { any } if any.is_empty() => "never".to_owned(),
        Condition::All { all } => all.iter().map(nested).collect::<Vec<_>>().join(" and "),
        Condition::Any { any } => any.iter().map(nested).collect::<Vec<_>>().join(" or "),
        Condition::Not { not } => format!("not ({})", self::condition(not)),
        Condition::Attribute(a) => {
            let op = match a.op {
                Operator::Eq => "is",
                Operator::Ne => "is not",
                Operator::Gt => ">",
                Operator::Gte => "≥",
                Operator::Lt => "<",
                Operator::Lte => "≤",
                Operator::In => "is one of",
                Operator::NotIn => "is none of",
                Operator::Contains => "contains",
                Operator::Exists => return format!("{} is set", a.attr),
                Operator::NotExists => return format!("{} is not set", a.attr),
            };
            format!("{} {op} {}", a.attr, a.value.as_ref().map_or("nothing".to_owned(), literal))
        }
        Condition::Event(e) => {
            let count = e.min_count.filter(|n| *n > 1).map_or(String::new(), |n| format!(" at least {n} times"));
            let within = e.within.map_or(String::new(), |w| format!(" in the last {}", w.humanize()));
            format!("did {}{count}{within}", e.event)
        }
        Condition::Engagement(e) => {
            let verb = match e.engaged {
                Engagement::Delivered => "received",
                Engagement::Opened => "opened",
                Engagement::Clicked => "clicked",
            };
            format!("{verb} message {}", e.message)
        }
    }
}

/// How customers enter, in words.
pub fn trigger_words(trigger: &Trigger) -> String {
    match trigger {
        Trigger::Event { name, filter } => {
            let filter = filter.as_ref().map_or(String::new(), |c| format!(" where {}", condition(c)));
            format!("on event {}{filter}", quote(name))
        }
        Trigger::Segment { condition: c } => format!("when {}", condition(c)),
        Trigger::Schedule { start, repeat, timezone, audience } => {
            let repeat = repeat.map_or(String::new(), |r| format!(", every {}", r.humanize()));
            let audience =
                audience.as_ref().map_or(String::new(), |c| format!(", for customers where {}", condition(c)));
            format!("at {start} {}{repeat}{audience}", zone(timezone))
        }
        Trigger::DateAttribute { attr, offset, time } => {
            let offset = offset.map_or(String::new(), |o| format!(" {}", signed(&o)));
            let time = time.as_deref().map_or(String::new(), |t| format!(" at {t}"));
            format!("on the date in {attr}{offset}{time}")
        }
    }
}

/// How long a wait lasts, in words.
pub fn delay_words(delay: &Delay) -> String {
    match delay {
        Delay::Duration(duration) => duration.humanize(),
        Delay::UntilTime { time, weekdays, timezone } => {
            let days = if weekdays.is_empty() {
                String::new()
            } else {
                format!(" on {}", weekdays.iter().map(|d| weekday(*d)).collect::<Vec<_>>().join(", "))
            };
            format!("until {time}{days} {}", zone(timezone))
        }
        Delay::UntilDate { attr, offset } => {
            format!("until the date in {attr}{}", offset.map_or(String::new(), |o| format!(" {}", signed(&o))))
        }
    }
}

/// One profile change in words.
pub fn change_words(change: &Change) -> String {
    match change {
        Change::Set { attr, value } => format!("set {attr} to {}", literal(value)),
        Change::Increment { attr, by } => format!("add {} to {attr}", number(*by)),
        Change::AddTag(tag) => format!("add tag {}", quote(tag)),
        Change::RemoveTag(tag) => format!("remove tag {}", quote(tag)),
        Change::LifecycleStage(stage) => format!("move to stage {}", quote(stage)),
    }
}

/// A message's channel, category, template and content, in words.
pub fn message_words(message: &Message) -> String {
    let mut parts = vec![message.channel.map_or("no channel", Channel::title).to_owned()];
    parts.push(serde_name(&message.category));
    let text = |name: &str, value: &Option<String>| value.as_deref().map(|v| format!("{name} {}", quote(v)));
    parts.extend(text("template", &message.template));
    if let Some(content) = &message.content {
        parts.extend(text("subject", &content.subject));
        parts.extend(text("title", &content.title));
        parts.extend(text("text", &content.body));
    }
    parts.extend(text("URL", &message.url));
    parts.extend(text("audience", &message.audience));
    parts.join(", ")
}

/// A goal's condition, window and exit, in words.
pub fn goal_words(goal: &Goal) -> String {
    let within = goal.within.map_or(String::new(), |w| format!(" within {}", w.humanize()));
    let exit = if goal.exit { ", exits the journey" } else { "" };
    format!("{}{within}{exit}", condition(&goal.condition))
}

/// A frequency cap in words: `at most 2 Email messages per 7 days`.
pub fn cap_words(cap: &FrequencyCap) -> String {
    let channel = cap.channel.map_or("messages on all channels".to_owned(), |c| format!("{} messages", c.title()));
    format!("at most {} {channel} per {}", cap.max, cap.window.humanize())
}

/// Quiet hours in words: `21:00 to 08:00 on all channels, defer`.
pub fn quiet_hours_words(quiet: &QuietHours) -> String {
    let channels = if quiet.channels.is_empty() {
        "all channels".to_owned()
    } else {
        quiet.channels.iter().map(|c| c.title()).collect::<Vec<_>>().join(", ")
    };
    format!("{} to {} on {channels}, {}", quiet.start, quiet.end, serde_name(&quiet.action))
}

/// Minimum gaps in words: `1 day on the same channel, 6 hours across channels`.
pub fn min_gap_words(gap: &MinGap) -> String {
    let part = |d: Option<IsoDuration>, what: &str| d.map(|d| format!("{} {what}", d.humanize()));
    let parts = [part(gap.same_channel, "on the same channel"), part(gap.across_channels, "across channels")];
    let parts: Vec<String> = parts.into_iter().flatten().collect();
    if parts.is_empty() { "none".to_owned() } else { parts.join(", ") }
}

/// An element of the named list `list` (a case, an awaited event, a path, a goal, an exit
/// criterion, a frequency cap, a note) in words, without its name.
pub fn element_words(list: &str, value: &Value) -> String {
    let words = match list {
        "cases" => typed::<Case>(value).map(|c| format!("when {}", condition(&c.when))),
        "events" => typed::<AwaitedEvent>(value).map(|e| {
            let filter = e.filter.as_ref().map_or(String::new(), |c| format!(" where {}", condition(c)));
            format!("event {}{filter}", quote(&e.event))
        }),
        "paths" => typed::<SplitPath>(value)
            .map(|p| format!("{}%{}", number(p.weight), if p.holdout { " (holdout)" } else { "" }))
            .or_else(|| typed::<ParallelPath>(value).map(|p| p.label.as_deref().map_or(String::new(), quote))),
        "goals" => typed::<Goal>(value).map(|g| goal_words(&g)),
        "exit_criteria" => typed::<ExitCriterion>(value).map(|c| condition(&c.condition)),
        "frequency_caps" => typed::<FrequencyCap>(value).map(|c| cap_words(&c)),
        "notes" => typed::<Note>(value).map(|n| quote(&n.text)),
        _ => None,
    };
    words.unwrap_or_else(|| render("", value))
}

/// A JSON value of the field `field`, in words: `2 days`, `Email`, `"tpl_welcome"`, `none`.
pub fn render(field: &str, value: &Value) -> String {
    match value {
        Value::Null => "none".to_owned(),
        Value::Bool(yes) => (if *yes { "yes" } else { "no" }).to_owned(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), number),
        Value::String(text) => {
            let channel =
                matches!(field, "channel" | "channels" | "consent_required").then(|| typed::<Channel>(value)).flatten();
            if let Some(channel) = channel {
                return channel.title().to_owned();
            }
            if let Ok(duration) = text.parse::<IsoDuration>() {
                return duration.humanize();
            }
            if PLAIN_FIELDS.contains(&field) { text.replace('_', " ") } else { quote(text) }
        }
        Value::Array(items) if items.is_empty() => "none".to_owned(),
        Value::Array(_) if field == "changes" => typed::<Vec<Change>>(value)
            .map(|changes| changes.iter().map(change_words).collect::<Vec<_>>().join(", "))
            .unwrap_or_else(|| value.to_string()),
        Value::Array(items) => items.iter().map(|item| render(field, item)).collect::<Vec<_>>().join(", "),
        Value::Object(_) => render_object(field, value),
    }
}

/// The words of a path of field names: `cases[pro].when` is `case "pro" condition`.
pub fn phrase(path: &str) -> String {
    let top = match path {
        "id" => Some("journey id"),
        "name" => Some("journey name"),
        "description" => Some("journey description"),
        _ => None,
    };
    if let Some(words) = top {
        return words.to_owned();
    }
    let mut words: Vec<String> = Vec::new();
    for segment in split_path(path) {
        let (field, name) = match segment.split_once('[') {
            Some((field, rest)) => (field, Some(rest.strip_suffix(']').unwrap_or(rest))),
            None => (segment, None),
        };
        let word = field_word(field);
        if !word.is_empty() {
            words.push(word.to_owned());
        }
        if let Some(name) = name {
            words.push(quote(name));
        }
    }
    words.join(" ")
}

/// The last field name of a path: `when` for `cases[pro].when`, `cases` for `cases[pro]`.
pub fn last_field(path: &str) -> &str {
    let segment = split_path(path).pop().unwrap_or(path);
    segment.split('[').next().unwrap_or(segment)
}

/// Fields whose text is a word of the format, not author text: shown without quotes.
const PLAIN_FIELDS: [&str; 11] =
    ["mode", "action", "category", "time", "start", "end", "timezone", "weekdays", "kind", "engaged", "op"];

fn field_word(field: &str) -> &str {
    match field {
        "settings" | "policies" | "delay" | "duration" | "content" | "layout" | "mode" => "",
        "reentry" => "re-entry",
        "goals" => "goal",
        "exit_criteria" => "exit criterion",
        "frequency_caps" => "frequency cap",
        "notes" => "note",
        "cases" => "case",
        "events" => "event",
        "paths" => "path",
        "within" => "window",
        "exit" => "exits the journey",
        "quiet_hours" => "quiet hours",
        "min_gap" => "minimum gap",
        "same_channel" => "on the same channel",
        "across_channels" => "across channels",
        "consent_required" => "consent required on",
        "attributes" => "declared attribute",
        "until_time" => "until",
        "until_date" => "until the date",
        "date_attribute" => "date",
        "timezone" => "time zone",
        "attr" => "attribute",
        "repeat" => "repeat every",
        "when" => "condition",
        "body" => "text",
        "url" => "URL",
        "max_segments" => "SMS segments",
        "changes" => "profile changes",
        "viewport" => "canvas view",
        "min_count" => "at least",
        other => other,
    }
}

/// The segments of a path, keeping a name in brackets whole even when it holds a dot.
fn split_path(path: &str) -> Vec<&str> {
    let mut segments = Vec::new();
    let (mut start, mut depth) = (0, 0);
    for (i, c) in path.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '.' if depth == 0 => {
                segments.push(&path[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    segments.push(&path[start..]);
    segments
}

fn render_object(field: &str, value: &Value) -> String {
    let typed_words = match field {
        "when" | "filter" | "condition" | "audience" => typed::<Condition>(value).map(|c| condition(&c)),
        "trigger" => typed::<Trigger>(value).map(|t| trigger_words(&t)),
        "delay" => typed::<Delay>(value).map(|d| delay_words(&d)),
        "quiet_hours" => typed::<QuietHours>(value).map(|q| quiet_hours_words(&q)),
        "min_gap" => typed::<MinGap>(value).map(|g| min_gap_words(&g)),
        _ => None,
    };
    if let Some(words) = typed_words {
        return words;
    }
    // An element of a named list, or a policy: its fields in words, its name left out.
    let Value::Object(map) = value else { return value.to_string() };
    let mut keys: Vec<&String> = map.keys().filter(|k| !matches!(k.as_str(), "port" | "id")).collect();
    keys.sort();
    keys.iter()
        .map(|key| {
            let word = field_word(key);
            let value = render(key, &map[key.as_str()]);
            if word.is_empty() { value } else { format!("{word} {value}") }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn typed<T: serde::de::DeserializeOwned>(value: &Value) -> Option<T> {
    serde_json::from_value(value.clone()).ok()
}

/// A literal of a condition or profile change: strings quoted, lists joined.
fn literal(value: &Value) -> String {
    match value {
        Value::String(text) => quote(text),
        Value::Array(items) => items.iter().map(literal).collect::<Vec<_>>().join(", "),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), number),
        other => other.to_string(),
    }
}

/// A number without a needless `.0`.
fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { value.to_string() }
}

fn signed(offset: &IsoDuration) -> String {
    if offset.negative { offset.humanize() } else { format!("+{}", offset.humanize()) }
}

fn zone(timezone: &str) -> String {
    if timezone == "customer" { "in the customer's time zone".to_owned() } else { format!("in {timezone}") }
}

fn weekday(day: Weekday) -> String {
    let name = serde_name(&day);
    let mut chars = name.chars();
    chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
}

/// The name serde gives a unit variant, with spaces for underscores: `after exit`.
fn serde_name(value: &impl serde::Serialize) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(|s| s.replace('_', " "))).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_words() {
        assert_eq!(phrase("delay.duration"), "");
        assert_eq!(phrase("cases[pro].when"), "case \"pro\" condition");
        assert_eq!(
            phrase("settings.policies.frequency_caps[email per 7 days].max"),
            "frequency cap \"email per 7 days\" max"
        );
        assert_eq!(phrase("settings.reentry.mode"), "re-entry");
        assert_eq!(phrase("paths[a.b].weight"), "path \"a.b\" weight");
        assert_eq!(last_field("paths[a.b]"), "paths");
    }

    #[test]
    fn values_read_as_words() {
        assert_eq!(render("timeout", &"PT36H".into()), "36 hours");
        assert_eq!(render("channel", &"in_app".into()), "In-app");
        assert_eq!(render("mode", &"after_exit".into()), "after exit");
        assert_eq!(render("template", &"tpl_a".into()), "\"tpl_a\"");
        assert_eq!(render("weight", &serde_json::json!(50.0)), "50");
        let when = serde_json::json!({"all": [{"attr": "plan", "op": "eq", "value": "pro"}, {"any": [{"event": "a", "within": "P2D"}, {"message": "m", "engaged": "clicked"}]}]});
        assert_eq!(render("when", &when), "plan is \"pro\" and (did a in the last 2 days or clicked message m)");
        assert_eq!(quote(&"x".repeat(70)).chars().count(), 62);
    }
}
