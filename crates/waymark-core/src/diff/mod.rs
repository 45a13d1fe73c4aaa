//! The semantic diff of two versions of a journey: what a reviewer must know before approving.
//!
//! `diff(old, new)` is pure and never fails. Nodes are matched by id, never by position or label;
//! each is `added`, `removed`, `changed`, `retyped` (its kind changed) or `layout_only` (only its
//! place on the canvas moved); unchanged nodes are left out. Field changes are typed
//! `{path, old, new}` over the document's JSON values, compared as the journey means them
//! (`value.rs`): durations as lengths of time, conditions as structure, the order of branch cases
//! as a change (first match wins) and the order of parallel or split paths as none. Edges are
//! keyed by their source port (`edges.rs`); journey settings, metadata and layout are compared by
//! section (`settings.rs`). Every change carries an impact, `behavioural` (who gets what, when,
//! or leaves) or `cosmetic` (labels, descriptions, layout), and a sentence a marketer understands
//! (`words.rs`). `outline` renders one document as lines of words, for git's textconv.

mod edges;
mod nodes;
mod outline;
mod sentences;
mod settings;
mod value;
pub(crate) mod words;

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::model::JourneyDocument;

pub use outline::outline;

/// Everything that differs between two versions of a journey.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
pub struct JourneyDiff {
    /// Nodes that differ, by id; unchanged nodes are left out.
    pub nodes: Vec<NodeDiff>,
    /// Connections that differ, by source node and port.
    pub edges: Vec<EdgeDiff>,
    /// Journey settings, metadata and layout that differ.
    pub settings: Vec<SettingChange>,
    /// True when any change is behavioural.
    pub behavioural: bool,
    /// Every change in words: behavioural ones first, cosmetic ones after, layout moves last.
    pub sentences: Vec<Sentence>,
}

/// One node that differs.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
pub struct NodeDiff {
    pub id: String,
    pub change: NodeChange,
    pub impact: Impact,
    /// What changed, field by field (`kind` for a retyped node, `position` for a move); empty for
    /// added and removed nodes.
    pub fields: Vec<FieldChange>,
}

/// How a node differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum NodeChange {
    Added,
    Removed,
    /// Same id and kind, different settings or label.
    Changed,
    /// Same id, another kind.
    Retyped,
    /// Only its position on the canvas moved.
    LayoutOnly,
}

/// One changed value: `path` is relative to its node for node fields, and to the document for
/// settings (`settings.policies.priority`). Elements of named lists are named by their port or id
/// (`cases[pro].when`, `settings.goals[subscribed].within`), frequency caps by channel and window
/// (`settings.policies.frequency_caps[email per 7 days].max`), and `cases.order` holds the order
/// of a branch's cases. `null` stands for a value that is absent.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
pub struct FieldChange {
    pub path: String,
    pub old: Value,
    pub new: Value,
    pub impact: Impact,
}

/// One connection that differs, keyed by its source node and port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct EdgeDiff {
    pub from: String,
    pub port: String,
    pub change: EdgeChange,
    /// The target before, `null` for an added connection.
    pub old_to: Option<String>,
    /// The target after, `null` for a removed connection.
    pub new_to: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum EdgeChange {
    Added,
    Removed,
    /// The same port now leads somewhere else.
    Rewired,
}

/// A changed journey setting, metadata field or layout element.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
pub struct SettingChange {
    pub section: Section,
    pub path: String,
    pub old: Value,
    pub new: Value,
    pub impact: Impact,
}

/// The part of a journey a setting belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Id, name and description.
    Metadata,
    Reentry,
    Goals,
    ExitCriteria,
    FrequencyCaps,
    QuietHours,
    MinGap,
    Consent,
    Priority,
    /// Declared customer attributes and their types.
    Attributes,
    /// The canvas view and notes (node positions are node changes).
    Layout,
}

/// What a change does: `behavioural` changes who gets what, when, or who leaves; `cosmetic`
/// changes only what people read or see on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    Behavioural,
    Cosmetic,
}

/// One change in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema, TS)]
pub struct Sentence {
    pub text: String,
    pub impact: Impact,
    /// The node the sentence is about, to focus it on the canvas.
    pub node: Option<String>,
}

/// What differs from `old` to `new`. Pure, and it never fails: broken documents (duplicate ids,
/// dangling edges) are compared as they are.
pub fn diff(old: &JourneyDocument, new: &JourneyDocument) -> JourneyDiff {
    let nodes = nodes::diff_nodes(old, new);
    let edges = edges::diff_edges(old, new);
    let settings = settings::diff_settings(old, new);
    let behavioural = nodes.iter().any(|n| n.impact == Impact::Behavioural)
        || !edges.is_empty()
        || settings.iter().any(|s| s.impact == Impact::Behavioural);
    let sentences = sentences::sentences(old, new, &nodes, &edges, &settings);
    JourneyDiff { nodes, edges, settings, behavioural, sentences }
}

impl JourneyDiff {
    /// True when the two versions mean the same journey and look the same on the canvas.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty() && self.edges.is_empty() && self.settings.is_empty()
    }

    /// How many nodes only moved on the canvas.
    pub fn moved(&self) -> usize {
        self.nodes.iter().filter(|n| n.change == NodeChange::LayoutOnly).count()
    }
}

/// The JSON Schema of `waymark diff --json`, as pretty-printed JSON with a final newline. The
/// committed copy is `schemas/diff.schema.json`.
pub fn diff_schema() -> String {
    let mut schema = schemars::schema_for!(JourneyDiff);
    schema.insert("$id".to_owned(), "urn:waymark:diff:1".into());
    schema.insert("title".to_owned(), "Waymark journey diff".into());
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
