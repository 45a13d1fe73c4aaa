//! What a step is called before the marketer names it: a label read from its settings ("Wait 4
//! days", "Email message", "Wait for viewed_pricing"), which follows the settings as they change
//! until the marketer writes a label of their own.

use crate::diff::words::change_words;
use crate::model::{Delay, Node, NodeKind, Trigger};

/// How people call a step: its label; for an exit with none, its outcome in words; else its id.
pub fn step_name(node: &Node) -> String {
    match (node.label.as_deref().map(str::trim), &node.kind) {
        (Some(label), _) if !label.is_empty() => label.to_owned(),
        (_, NodeKind::Exit { outcome: Some(outcome) }) if !outcome.trim().is_empty() => settings_label(node),
        _ => node.id.clone(),
    }
}

/// The label a step's settings give it.
pub fn settings_label(node: &Node) -> String {
    let named = |prefix: &str, name: &str, otherwise: &str| {
        if name.trim().is_empty() { otherwise.to_owned() } else { format!("{prefix} {}", name.trim()) }
    };
    match &node.kind {
        NodeKind::Entry { trigger } => match trigger {
            Trigger::Event { name, .. } => named("On", name, "Entry"),
            Trigger::Segment { .. } => "Enters segment".to_owned(),
            Trigger::Schedule { .. } => "Scheduled entry".to_owned(),
            Trigger::DateAttribute { attr, .. } => named("On", attr, "Entry"),
        },
        NodeKind::Wait { delay } => match delay {
            Delay::Duration(duration) => format!("Wait {}", duration.humanize()),
            Delay::UntilTime { time, .. } => named("Wait until", time, "Wait"),
            Delay::UntilDate { attr, .. } => named("Wait until", attr, "Wait"),
        },
        NodeKind::WaitForEvent { events, .. } => {
            let first = events.first().map_or("", |e| e.event.as_str());
            let more = if events.len() > 1 && !first.trim().is_empty() { " or another" } else { "" };
            format!("{}{more}", named("Wait for", first, "Wait for event"))
        }
        NodeKind::Message(message) => {
            message.channel.map_or("Message".to_owned(), |channel| format!("{} message", channel.title()))
        }
        NodeKind::Update { changes } => match changes.as_slice() {
            [change] => capitalized(&change_words(change)),
            _ => node.kind().title().to_owned(),
        },
        NodeKind::Exit { outcome } => match outcome.as_deref().map(str::trim) {
            Some(outcome) if !outcome.is_empty() => capitalized(&outcome.replace(['_', '-'], " ")),
            _ => "Exit".to_owned(),
        },
        NodeKind::Branch { .. } | NodeKind::Split { .. } | NodeKind::Parallel { .. } => {
            node.kind().starter("step").label.unwrap_or_default()
        }
    }
}

/// The label `after` should carry when an edit changed a step from `before` to `after`: its
/// settings' label when the step had no label of the marketer's own (none, the kind's starter
/// label, or the label its old settings gave) and the edit changed what the settings say; `None`
/// (keep the label) otherwise, or when the edit itself changed the label.
pub fn followed_label(before: &Node, after: &Node) -> Option<String> {
    if before.label != after.label {
        return None;
    }
    let current = before.label.as_deref().map(str::trim).unwrap_or_default();
    let own = !current.is_empty()
        && current != settings_label(before)
        && Some(current) != before.kind().starter("step").label.as_deref();
    let label = settings_label(after);
    (!own && label != settings_label(before) && current != label).then_some(label)
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(json: serde_json::Value) -> Node {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn a_label_read_from_the_settings_follows_them() {
        let before =
            node(serde_json::json!({"id": "w", "kind": "wait", "label": "Wait 2 days", "delay": {"duration": "P2D"}}));
        let after =
            node(serde_json::json!({"id": "w", "kind": "wait", "label": "Wait 2 days", "delay": {"duration": "P4D"}}));
        assert_eq!(followed_label(&before, &after).as_deref(), Some("Wait 4 days"));
    }

    #[test]
    fn the_marketers_own_label_stays() {
        let before =
            node(serde_json::json!({"id": "w", "kind": "wait", "label": "Cool off", "delay": {"duration": "P2D"}}));
        let after =
            node(serde_json::json!({"id": "w", "kind": "wait", "label": "Cool off", "delay": {"duration": "P4D"}}));
        assert_eq!(followed_label(&before, &after), None);
        // An edit that writes the label itself keeps what was written.
        let staged = node(
            serde_json::json!({"id": "w", "kind": "wait", "label": "Wait", "stage": "decision", "delay": {"duration": "P2D"}}),
        );
        let plain = node(serde_json::json!({"id": "w", "kind": "wait", "label": "Wait", "delay": {"duration": "P2D"}}));
        assert_eq!(
            followed_label(&plain, &staged),
            None,
            "an edit that leaves the settings' words alone keeps the label"
        );
        let renamed =
            node(serde_json::json!({"id": "w", "kind": "wait", "label": "Wait 2 days", "delay": {"duration": "P2D"}}));
        assert_eq!(followed_label(&after, &renamed), None);
    }

    #[test]
    fn a_new_step_takes_its_label_from_its_first_settings() {
        for kind in crate::model::Kind::ALL {
            let starter = kind.starter("s");
            assert!(!settings_label(&starter).trim().is_empty(), "{kind:?}");
        }
        let message = crate::model::Kind::Message.starter("m");
        let mut sms = message.clone();
        if let NodeKind::Message(m) = &mut sms.kind {
            m.channel = Some(crate::model::Channel::Sms);
        }
        assert_eq!(followed_label(&message, &sms).as_deref(), Some("SMS message"));
        let event =
            node(serde_json::json!({"id": "e", "kind": "entry", "trigger": {"event": {"name": "viewed_pricing"}}}));
        assert_eq!(settings_label(&event), "On viewed_pricing");
        let exit = node(serde_json::json!({"id": "x", "kind": "exit", "outcome": "converted_to_paid"}));
        assert_eq!(settings_label(&exit), "Converted to paid");
        assert_eq!(step_name(&exit), "Converted to paid");
        assert_eq!(step_name(&crate::model::Kind::Exit.starter("x")), "Exit");
        let unnamed = node(serde_json::json!({"id": "x", "kind": "exit"}));
        assert_eq!(step_name(&unnamed), "x");
    }
}
