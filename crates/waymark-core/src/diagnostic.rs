//! Diagnostics: what validation finds, each with a stable code, a severity, a message a marketer
//! understands, the node or edge it concerns, and a hint.
//!
//! The table of codes below is the one place they are defined; `docs/diagnostics.md` is generated
//! from it (`cargo xtask codegen`) and a test fails when the two disagree.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::Edge;

/// One problem found in a journey.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Diagnostic {
    /// The stable code, such as `missing-else`.
    #[ts(type = "string")]
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// The node it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// The edge it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edge: Option<Edge>,
    /// Where in the document, as a JSON path, when it is not a node (`settings.policies.min_gap`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub hint: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Structure,
    Logic,
    Content,
    Practice,
}

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident, $category:ident, $summary:literal, $hint:literal;)*) => {
        /// A stable diagnostic code. Codes are never renamed or reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written in output and documentation.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }

            pub fn category(self) -> Category {
                match self { $(Code::$variant => Category::$category),* }
            }

            /// What the code means, in one sentence.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary),* }
            }

            /// The usual way to fix it.
            pub fn hint(self) -> &'static str {
                match self { $(Code::$variant => $hint),* }
            }

            pub fn from_name(name: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|code| code.name() == name)
            }
        }
    };
}

codes! {
    InvalidJourneyId = "invalid-journey-id", Error, Structure,
        "The journey id is empty or has characters other than lowercase letters, digits, `-` and `_`.",
        "Use an id such as `cart-abandonment`; it names the journey in the database and in file names.";
    InvalidNodeId = "invalid-node-id", Error, Structure,
        "A node has an empty id.",
        "Give every node a short, unique id such as `welcome_email`.";
    DuplicateNodeId = "duplicate-node-id", Error, Structure,
        "Two nodes share an id, so edges and reports cannot tell them apart.",
        "Rename one of them.";
    UnknownEdgeSource = "unknown-edge-source", Error, Structure,
        "An edge starts at a node that does not exist.",
        "Remove the edge or correct its `from`.";
    UnknownEdgeTarget = "unknown-edge-target", Error, Structure,
        "An edge leads to a node that does not exist.",
        "Remove the edge or correct its `to`.";
    UnknownPort = "unknown-port", Error, Structure,
        "An edge leaves a node through a port that node does not have.",
        "Use one of the node's ports: `next`, a case, event or path name, `else` or `timeout`.";
    PortConnectedTwice = "port-connected-twice", Error, Structure,
        "One output port leads to more than one node, so customers would not know where to go.",
        "Keep one edge per port; use a `parallel` node to send customers down several paths at once.";
    DuplicatePortName = "duplicate-port-name", Error, Structure,
        "Two cases, events or paths of one node share a port name, or one uses a reserved name.",
        "Give each case, event or path its own name; `next`, `else` and `timeout` are reserved.";
    UnconnectedPort = "unconnected-port", Error, Structure,
        "An output port leads nowhere, so customers who take it are stuck.",
        "Connect the port to the next step, or to an exit.";
    MissingEntry = "missing-entry", Error, Structure,
        "The journey has no entry node, so no customer can enter it.",
        "Add an entry node and connect it to the first step.";
    EntryHasIncoming = "entry-has-incoming", Error, Structure,
        "An edge leads into an entry node; entries are where customers start, not a step to return to.",
        "Point the edge at the step after the entry instead.";
    UnreachableNode = "unreachable-node", Error, Structure,
        "No path from an entry reaches this node, so no customer will ever get here.",
        "Connect it from an earlier step, or delete it.";
    NoPathToExit = "no-path-to-exit", Error, Structure,
        "Customers who reach this node can never leave the journey.",
        "Make sure every path ends in an exit node.";
    InstantLoop = "instant-loop", Error, Logic,
        "A loop has no wait on it, so a customer would go round it endlessly in an instant.",
        "Put a wait (or a wait for an event with a timeout) on the loop.";
    MissingTimeout = "missing-timeout", Error, Logic,
        "A wait for an event has no timeout, so customers who never do the event wait forever.",
        "Set a timeout such as `P3D` and connect the `timeout` port to a fallback.";
    MissingElse = "missing-else", Error, Logic,
        "A branch's `else` port is not connected, so customers matching no case are stuck.",
        "Connect `else` to the default path.";
    MissingCases = "missing-cases", Error, Logic,
        "A branch, split, parallel or wait-for-event node has no cases, paths or events.",
        "Add at least one case, path or event, or remove the node.";
    HoldoutReceivesMessages = "holdout-receives-messages", Error, Logic,
        "A split's holdout path leads to a message, but a control group must receive nothing.",
        "Send the holdout path straight to an exit (or through waits only), so it measures doing nothing.";
    InvalidSplitWeight = "invalid-split-weight", Error, Logic,
        "A split path's weight is zero, negative or not a number.",
        "Give every path a positive percentage.";
    SplitWeightsNot100 = "split-weights-not-100", Error, Logic,
        "A split's weights do not add up to 100 percent.",
        "Adjust the weights so they sum to exactly 100.";
    IncompatibleComparison = "incompatible-comparison", Error, Logic,
        "A condition compares values of types that cannot be compared.",
        "Compare numbers and dates with `gt`/`lt`, give `in` a list, and match the attribute's declared type.";
    UnknownMessage = "unknown-message", Error, Logic,
        "An engagement condition names a message node that does not exist.",
        "Pick a message node of this journey.";
    NonPositiveDuration = "non-positive-duration", Error, Logic,
        "A duration that must be positive is zero or negative.",
        "Use a positive ISO 8601 duration such as `PT4H` or `P3D`.";
    InvalidTime = "invalid-time", Error, Logic,
        "A time of day or date is not in the form the field needs.",
        "Write times as `HH:MM` (24-hour) and start dates as `YYYY-MM-DDTHH:MM`.";
    UnknownTimezone = "unknown-timezone", Error, Logic,
        "A time zone is neither `customer` nor a zone of the IANA time-zone database.",
        "Use `customer` for each customer's own zone, or a name such as `Europe/Paris` or `America/New_York`.";
    MissingChannel = "missing-channel", Error, Content,
        "A message has no channel.",
        "Choose email, sms, push, in_app, webhook, ads or crm.";
    MissingContent = "missing-content", Error, Content,
        "A message has neither a template nor content to send.",
        "Reference a template or write the content.";
    MissingUrl = "missing-url", Error, Content,
        "A webhook message has no URL, or one that is not http(s).",
        "Set `url` to the endpoint, starting with `https://`.";
    MissingAudience = "missing-audience", Error, Content,
        "An ads message does not say which audience to sync the customer to.",
        "Set `audience` to the name of the ad audience.";
    SmsTooLong = "sms-too-long", Error, Content,
        "An SMS body is longer than its segment limit allows.",
        "Shorten the text, or raise `max_segments` if longer messages are intended.";
    DeepNesting = "deep-nesting", Warning, Practice,
        "Decisions are nested more than three levels deep, which is hard to read and to test.",
        "Flatten the logic: combine conditions, or split the journey.";
    OverBranching = "over-branching", Warning, Practice,
        "A decision has more than five outgoing paths.",
        "Group cases, or move the decision to a segment.";
    BackToBackChannels = "back-to-back-channels", Warning, Practice,
        "Two messages on different channels follow each other with no wait, so the customer gets both at once.",
        "Put a wait between them, or send on one channel.";
    PathExceedsCap = "path-exceeds-cap", Warning, Practice,
        "A path sends more messages within a frequency cap's window than the cap allows, so some will be suppressed.",
        "Space the messages out with waits, or remove one.";
    MissingConsentPolicy = "missing-consent-policy", Warning, Practice,
        "Marketing messages go out on a channel that has no consent requirement.",
        "Add the channel to `consent_required` in the journey's policies.";
    UnknownLayoutNode = "unknown-layout-node", Warning, Structure,
        "The layout has a position for a node that does not exist.",
        "Remove the stale position; it is harmless but clutters the file.";
    FrequentEntry = "frequent-entry", Warning, Practice,
        "A schedule repeats more often than once an hour and re-entry lets customers back in, so one customer can enter again and again.",
        "Repeat the schedule less often (`P1D` for a daily send), set re-entry to `never`, or add a re-entry cooldown of an hour or more.";
    EmptyField = "empty-field", Error, Content,
        "A step leaves a field it needs empty: an event, an attribute, a value to compare with, a tag or a lifecycle stage.",
        "Fill the field in the step's form: pick the event or attribute from the catalog, or type it.";
    UnknownEvent = "unknown-event", Warning, Logic,
        "An event is in no scenario, no other journey and not in the workspace catalog, so it may be misspelt and never happen.",
        "Pick the event from the catalog, or add it to the workspace catalog if it is new.";
    UnknownAttribute = "unknown-attribute", Warning, Logic,
        "An attribute is in no scenario, no other journey and not in the workspace catalog, so it may be misspelt and never match.",
        "Pick the attribute from the catalog, or add it to the workspace catalog if it is new.";
}

impl Code {
    /// A diagnostic with this code's severity and hint.
    pub fn diagnostic(self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code: self,
            severity: self.severity(),
            message: message.into(),
            node: None,
            edge: None,
            path: None,
            hint: self.hint().to_owned(),
        }
    }
}

impl Diagnostic {
    pub fn at_node(mut self, node: &str) -> Diagnostic {
        self.node = Some(node.to_owned());
        self
    }

    pub fn at_edge(mut self, edge: &Edge) -> Diagnostic {
        self.edge = Some(edge.clone());
        self
    }

    pub fn at_path(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = Some(path.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = hint.into();
        self
    }

    /// Where it is, for one-line output: `node welcome`, `edge a.next -> b`, or a JSON path.
    pub fn location(&self) -> Option<String> {
        if let Some(node) = &self.node {
            return Some(format!("node {node}"));
        }
        if let Some(edge) = &self.edge {
            return Some(format!("edge {}.{} -> {}", edge.from, edge.port, edge.to));
        }
        self.path.clone()
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Category::Structure => "structure",
            Category::Logic => "logic",
            Category::Content => "content",
            Category::Practice => "practice",
        })
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// The Markdown table of every code, written to `docs/diagnostics.md`.
pub fn codes_markdown() -> String {
    let mut out = String::from(
        "# Diagnostic codes\n\n\
         Generated from `crates/waymark-core/src/diagnostic.rs` by `cargo xtask codegen`; do not edit by hand.\n\
         Codes are stable: they are never renamed or reused. Errors block publishing; warnings do not.\n\n\
         | code | severity | category | meaning | usual fix |\n\
         | --- | --- | --- | --- | --- |\n",
    );
    for code in Code::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            code.name(),
            code.severity(),
            code.category(),
            code.summary(),
            code.hint()
        ));
    }
    out
}
