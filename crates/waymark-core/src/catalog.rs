//! What the editor knows about each node kind and channel: names, titles, descriptions, fixed
//! ports, the palette's order, the node a palette drop starts as, and the rule for author-named
//! ports. One fact, one place: the desktop UI reads this table through the WebAssembly build of
//! this crate, and validation uses the same port rule.

use serde::Serialize;
use ts_rs::TS;

use crate::model::{Channel, ELSE, Kind, NEXT, Node, TIMEOUT};

/// What the canvas, the palette and the documentation say about one node kind.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KindInfo {
    pub kind: Kind,
    /// The name in files and messages: `wait_for_event`.
    pub name: String,
    /// The name for people: `Wait for event`.
    pub title: String,
    pub description: String,
    /// Ports every node of this kind has; kinds with author-named ports list only the fixed ones.
    pub fixed_ports: Vec<String>,
    /// True when the author names further ports (cases, events, paths).
    pub named_ports: bool,
    /// True when customers can arrive at a node of this kind from another one (all but `entry`).
    pub has_input: bool,
    /// The node a palette drop starts as (its id is `new`; the editor gives it a fresh one).
    /// A starting point for a form, not a rule: validation says what it still lacks.
    pub starter: Node,
}

/// A channel as the editor offers it.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ChannelInfo {
    pub channel: Channel,
    /// The name for people: `In-app`.
    pub title: String,
}

/// The port names no author-named port may take: the fixed ports of every kind.
pub const RESERVED_PORTS: [&str; 3] = [NEXT, ELSE, TIMEOUT];

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Entry,
        Kind::Wait,
        Kind::WaitForEvent,
        Kind::Branch,
        Kind::Split,
        Kind::Parallel,
        Kind::Message,
        Kind::Update,
        Kind::Exit,
    ];

    /// The order in which the palette offers the kinds: the most used first.
    pub const PALETTE: [Kind; 9] = [
        Kind::Entry,
        Kind::Message,
        Kind::Wait,
        Kind::WaitForEvent,
        Kind::Branch,
        Kind::Split,
        Kind::Parallel,
        Kind::Update,
        Kind::Exit,
    ];

    pub fn name(self) -> &'static str {
        self.facts().name
    }

    /// The name for people.
    pub fn title(self) -> &'static str {
        self.facts().title
    }

    /// The fixed output ports of this kind (author-named ones come first on the node).
    pub fn fixed_ports(self) -> &'static [&'static str] {
        self.facts().fixed_ports
    }

    /// Whether customers can arrive at a node of this kind from another node: every kind but the
    /// entry, where they start.
    pub fn has_input(self) -> bool {
        self != Kind::Entry
    }

    /// What the canvas and documentation show about this kind.
    pub fn info(self) -> KindInfo {
        let facts = self.facts();
        KindInfo {
            kind: self,
            name: facts.name.to_owned(),
            title: facts.title.to_owned(),
            description: facts.description.to_owned(),
            fixed_ports: facts.fixed_ports.iter().map(|p| (*p).to_owned()).collect(),
            named_ports: facts.named_ports,
            has_input: self.has_input(),
            starter: self.starter("new"),
        }
    }

    /// The node a palette drop of this kind starts as. Names it needs (events, attributes, tags)
    /// start empty rather than invented, and validation reports them as `empty-field`.
    pub fn starter(self, id: &str) -> Node {
        let settings = match self {
            Kind::Entry => serde_json::json!({ "trigger": { "event": { "name": "" } } }),
            Kind::Wait => serde_json::json!({ "delay": { "duration": "P1D" } }),
            Kind::WaitForEvent => {
                serde_json::json!({ "events": [{ "port": "happened", "event": "" }], "timeout": "P1D" })
            }
            Kind::Branch => {
                serde_json::json!({ "cases": [{ "port": "case_1", "when": { "attr": "", "op": "eq", "value": "" } }] })
            }
            Kind::Split => {
                serde_json::json!({ "paths": [{ "port": "a", "weight": 50 }, { "port": "b", "weight": 50 }] })
            }
            Kind::Parallel => serde_json::json!({ "paths": [{ "port": "path_1" }, { "port": "path_2" }] }),
            Kind::Message => serde_json::json!({ "channel": "email", "category": "marketing", "content": {} }),
            Kind::Update => serde_json::json!({ "changes": [{ "add_tag": "" }] }),
            Kind::Exit => serde_json::json!({}),
        };
        let mut node = serde_json::json!({ "id": id, "label": self.facts().starter_label, "kind": self.name() });
        let fields = node.as_object_mut().expect("a node is an object");
        fields.extend(settings.as_object().expect("settings are an object").clone());
        serde_json::from_value(node).expect("every starter node is a valid node")
    }

    fn facts(self) -> KindFacts {
        let (name, title, starter_label, description, fixed_ports, named_ports): (_, _, _, _, &'static [&str], _) =
            match self {
                Kind::Entry => (
                    "entry",
                    "Entry",
                    "Entry",
                    "How customers enter: an event, a segment, a schedule or a date attribute.",
                    &[NEXT],
                    false,
                ),
                Kind::Wait => (
                    "wait",
                    "Wait",
                    "Wait",
                    "Pause for a duration, until a local time of day, or until a date.",
                    &[NEXT],
                    false,
                ),
                Kind::WaitForEvent => (
                    "wait_for_event",
                    "Wait for event",
                    "Wait for event",
                    "Wait for one of several events, with a timeout fallback.",
                    &[TIMEOUT],
                    true,
                ),
                Kind::Branch => (
                    "branch",
                    "Branch",
                    "Branch",
                    "Ordered cases on attributes, events and engagement; first match wins.",
                    &[ELSE],
                    true,
                ),
                Kind::Split => (
                    "split",
                    "Split",
                    "A/B split",
                    "Weighted random paths, sticky per customer; a path may be a holdout.",
                    &[],
                    true,
                ),
                Kind::Parallel => {
                    ("parallel", "Parallel", "Parallel", "Run several paths at the same time.", &[], true)
                }
                Kind::Message => (
                    "message",
                    "Message",
                    "Message",
                    "Send an email, SMS, push, in-app, webhook, ads or CRM message.",
                    &[NEXT],
                    false,
                ),
                Kind::Update => (
                    "update",
                    "Update profile",
                    "Update profile",
                    "Set an attribute, add a tag or change the lifecycle stage.",
                    &[NEXT],
                    false,
                ),
                Kind::Exit => ("exit", "Exit", "Exit", "Leave the journey, optionally marking an outcome.", &[], false),
            };
        KindFacts { name, title, starter_label, description, fixed_ports, named_ports }
    }
}

struct KindFacts {
    name: &'static str,
    title: &'static str,
    starter_label: &'static str,
    description: &'static str,
    fixed_ports: &'static [&'static str],
    named_ports: bool,
}

/// The kind table in palette order.
pub fn kinds() -> Vec<KindInfo> {
    Kind::PALETTE.iter().map(|kind| kind.info()).collect()
}

impl Channel {
    pub const ALL: [Channel; 7] =
        [Channel::Email, Channel::Sms, Channel::Push, Channel::InApp, Channel::Webhook, Channel::Ads, Channel::Crm];

    /// The name for people.
    pub fn title(self) -> &'static str {
        match self {
            Channel::Email => "Email",
            Channel::Sms => "SMS",
            Channel::Push => "Push",
            Channel::InApp => "In-app",
            Channel::Webhook => "Webhook",
            Channel::Ads => "Ads audience",
            Channel::Crm => "CRM task",
        }
    }
}

/// The channel table, in the order forms offer it.
pub fn channels() -> Vec<ChannelInfo> {
    Channel::ALL.iter().map(|&channel| ChannelInfo { channel, title: channel.title().to_owned() }).collect()
}

/// Why `name` cannot name a case, event or path of a node whose other named ports are `others`;
/// `None` when it can. Validation reports the same cases as `duplicate-port-name`.
pub fn port_name_problem(name: &str, others: &[&str]) -> Option<String> {
    if name.is_empty() {
        Some("Give it a name; it labels the connection.".to_owned())
    } else if RESERVED_PORTS.contains(&name) {
        Some(format!("`{name}` is reserved; choose another name."))
    } else if others.contains(&name) {
        Some("Another case, event or path of this step has that name.".to_owned())
    } else {
        None
    }
}

/// Why the weights of a split's paths cannot stand: they must add up to 100 (within a rounding
/// error). Validation reports the same case as `split-weights-not-100`.
pub fn split_weights_problem(weights: &[f64]) -> Option<String> {
    let total: f64 = weights.iter().filter(|w| w.is_finite()).sum();
    if weights.is_empty() || weights_add_up(total) {
        None
    } else {
        Some(format!("The weights add up to {}; they must add up to 100.", (total * 1000.0).round() / 1000.0))
    }
}

/// True when a split's weights, summed, make 100.
pub(crate) fn weights_add_up(total: f64) -> bool {
    (total - 100.0).abs() <= 1e-6
}

/// Why `text` is not a local time of day as waits and triggers take it (`HH:MM`, 24-hour).
pub fn time_of_day_problem(text: &str) -> Option<String> {
    match crate::validate::parse_time_of_day(text) {
        Some(_) => None,
        None => Some("Use 24-hour HH:MM, such as 09:30.".to_owned()),
    }
}

/// Why `text` is not a local date and time as schedules take it (`YYYY-MM-DDTHH:MM`).
pub fn local_datetime_problem(text: &str) -> Option<String> {
    match crate::simulate::time::parse_local_datetime(text) {
        Some(_) => None,
        None => Some("Use YYYY-MM-DDTHH:MM for a date that exists, such as 2026-12-04T09:00.".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::NodeKind;

    #[test]
    fn every_starter_node_is_of_its_kind_with_the_kinds_ports() {
        for kind in Kind::ALL {
            let node = kind.starter("n1");
            assert_eq!((node.id.as_str(), node.kind()), ("n1", kind));
            let ports = node.kind.ports();
            for fixed in kind.fixed_ports() {
                assert!(ports.contains(fixed), "{kind} starter lacks `{fixed}`");
            }
        }
        assert!(matches!(Kind::Message.starter("m").kind, NodeKind::Message(_)));
    }

    #[test]
    fn starter_nodes_invent_no_names_and_validation_names_each_empty_field() {
        use crate::diagnostic::Code;
        let flagged = |kind: Kind| -> Vec<String> {
            let document: crate::JourneyDocument = serde_json::from_value(serde_json::json!({
                "format": "waymark.journey/1", "id": "j", "name": "J", "nodes": [kind.starter("n1")]
            }))
            .unwrap();
            crate::validate_document(document)
                .1
                .into_iter()
                .filter(|d| d.code == Code::EmptyField)
                .map(|d| d.message)
                .collect()
        };
        assert_eq!(flagged(Kind::Entry), ["Entry \"Entry\": the entry trigger names no event; choose one."]);
        assert_eq!(
            flagged(Kind::WaitForEvent),
            ["Wait for event \"Wait for event\": the awaited event on path \"happened\" names no event; choose one."]
        );
        assert_eq!(
            flagged(Kind::Branch),
            ["Branch \"Branch\": the case \"case_1\" names no attribute; choose one."],
            "the empty value is not reported again while the attribute is missing"
        );
        assert_eq!(flagged(Kind::Update), ["Update profile \"Update profile\" adds a tag with no name; type it."]);
        for kind in [Kind::Wait, Kind::Split, Kind::Parallel, Kind::Message, Kind::Exit] {
            assert_eq!(flagged(kind), Vec::<String>::new(), "{kind}");
        }
    }

    #[test]
    fn customers_arrive_at_every_kind_but_the_entry() {
        let without_input: Vec<Kind> = Kind::ALL.into_iter().filter(|kind| !kind.info().has_input).collect();
        assert_eq!(without_input, [Kind::Entry]);
    }

    #[test]
    fn the_palette_offers_every_kind_once() {
        let mut palette = Kind::PALETTE.to_vec();
        palette.sort();
        assert_eq!(palette, Kind::ALL.to_vec());
        assert_eq!(kinds()[0].title, "Entry");
    }

    #[test]
    fn split_weights_must_make_100() {
        assert_eq!(split_weights_problem(&[50.0, 50.0]), None);
        assert_eq!(split_weights_problem(&[33.3333333, 33.3333333, 33.3333334]), None);
        assert_eq!(
            split_weights_problem(&[60.0, 50.0]).unwrap(),
            "The weights add up to 110; they must add up to 100."
        );
    }

    #[test]
    fn times_and_dates_use_the_validators_grammar() {
        assert_eq!(time_of_day_problem("09:30"), None);
        assert!(time_of_day_problem("9:30 am").is_some());
        assert_eq!(local_datetime_problem("2026-12-04T09:00"), None);
        assert!(local_datetime_problem("2026-02-30T09:00").is_some(), "a date that does not exist");
    }

    #[test]
    fn port_names_must_be_present_free_and_unique() {
        assert_eq!(port_name_problem("viewed", &["other"]), None);
        assert_eq!(port_name_problem("viewed pricing", &[]), None, "spaces are allowed, as validation allows them");
        assert!(port_name_problem("", &[]).unwrap().starts_with("Give it a name"));
        assert_eq!(port_name_problem("else", &[]).unwrap(), "`else` is reserved; choose another name.");
        assert!(port_name_problem("a", &["a"]).unwrap().starts_with("Another case"));
    }
}
