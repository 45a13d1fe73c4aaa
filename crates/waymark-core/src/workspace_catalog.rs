//! The workspace catalog: the events and customer attributes a workspace knows, each with its
//! type, description and where it comes from. Three sources are merged: the list a person keeps
//! in the workspace (stored by `waymark-store`), the scenarios (spontaneous events and attribute
//! distributions), and the journeys (what their steps and settings name).
//!
//! The catalog feeds the inspector's pickers and `check_names`, the warning for an event or
//! attribute nobody else knows, with the closest known name as the hint. (Not to be confused with
//! `catalog.rs`, the table of node kinds.)

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::condition::Condition;
use crate::diagnostic::{Code, Diagnostic};
use crate::diff::words::{quote, subject};
use crate::model::{AttributeType, Change, Delay, JourneyDocument, NodeKind, Trigger};
use crate::simulate::Scenario;
use crate::simulate::scenario::Distribution;

/// The longest event or attribute name the catalog takes.
pub const MAX_NAME_LENGTH: usize = 100;

/// Whether an entry is an event or a customer attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Event,
    Attribute,
}

impl EntryKind {
    /// `event` or `attribute`.
    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Event => "event",
            EntryKind::Attribute => "attribute",
        }
    }
}

/// An entry of the workspace's own list, as a person writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct WorkspaceEntry {
    pub kind: EntryKind,
    pub name: String,
    /// The attribute's type; events have none.
    #[serde(default)]
    pub attribute_type: Option<AttributeType>,
    #[serde(default)]
    pub description: String,
}

/// Where a catalog entry was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum EntrySource {
    /// The workspace's own list: the one source a person edits.
    Workspace,
    /// An example scenario: a spontaneous event or an attribute distribution.
    Scenario { scenario: String },
    /// A journey's steps or settings (its draft, or its newest version).
    Journey { journey: String, name: String },
}

/// One event or attribute of the catalog, merged from every source that names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CatalogEntry {
    pub kind: EntryKind,
    pub name: String,
    /// For attributes: the workspace's type, else a journey's declared type, else a scenario's.
    pub attribute_type: Option<AttributeType>,
    /// The workspace's description, else the first scenario's (scenarios describe nothing yet).
    pub description: String,
    /// Every source, the workspace first, then scenarios, then journeys.
    pub sources: Vec<EntrySource>,
}

/// Every event and attribute of a workspace, events first, each sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceCatalog {
    pub entries: Vec<CatalogEntry>,
}

/// One place where a journey names an event or an attribute.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference<'a> {
    pub kind: EntryKind,
    pub name: &'a str,
    /// The step it is in, or `None` for the journey's settings.
    pub node: Option<&'a str>,
    /// Where in the document: reads as `the entry trigger`, `the goal "converted"`.
    pub place: Place<'a>,
    /// True when the journey defines the name rather than relies on it: a declared attribute,
    /// or one an update step writes.
    pub defines: bool,
    pub attribute_type: Option<AttributeType>,
}

/// Why `name` cannot name an event or attribute of the catalog; `None` when it can. The journey
/// format takes any text, so the rule is what keeps names usable everywhere they travel: present,
/// without surrounding spaces or control characters, and at most `MAX_NAME_LENGTH` characters.
pub fn name_problem(name: &str) -> Option<String> {
    if name.trim().is_empty() {
        Some("Give it a name.".to_owned())
    } else if name.trim() != name {
        Some("Remove the spaces before or after the name.".to_owned())
    } else if name.chars().any(char::is_control) {
        Some("A name cannot hold line breaks, tabs or other control characters.".to_owned())
    } else if name.chars().count() > MAX_NAME_LENGTH {
        Some(format!("Use at most {MAX_NAME_LENGTH} characters."))
    } else {
        None
    }
}

/// Why a workspace entry cannot be stored; `None` when it can.
pub fn entry_problem(entry: &WorkspaceEntry) -> Option<String> {
    if let Some(problem) = name_problem(&entry.name) {
        return Some(format!("`{}`: {problem}", entry.name));
    }
    if entry.kind == EntryKind::Event && entry.attribute_type.is_some() {
        return Some(format!("`{}`: events have no type; only attributes do.", entry.name));
    }
    None
}

/// Merges the three sources into one catalog. `scenarios` are named (the file name without
/// `.scenario.json`); `journeys` are each journey's draft or newest version.
pub fn workspace_catalog(
    workspace: &[WorkspaceEntry],
    scenarios: &[(String, Scenario)],
    journeys: &[JourneyDocument],
) -> WorkspaceCatalog {
    let mut merged: BTreeMap<(EntryKind, String), CatalogEntry> = BTreeMap::new();
    let mut add = |kind: EntryKind, name: &str, attribute_type: Option<AttributeType>, source: EntrySource| {
        if name_problem(name).is_some() {
            return;
        }
        let entry = merged.entry((kind, name.to_owned())).or_insert_with(|| CatalogEntry {
            kind,
            name: name.to_owned(),
            attribute_type: None,
            description: String::new(),
            sources: Vec::new(),
        });
        entry.attribute_type = entry.attribute_type.or(attribute_type);
        if !entry.sources.contains(&source) {
            entry.sources.push(source);
        }
    };
    // Sources in precedence order: the first type given wins.
    for entry in workspace {
        add(entry.kind, &entry.name, entry.attribute_type, EntrySource::Workspace);
    }
    for journey in journeys {
        let source = EntrySource::Journey { journey: journey.id.clone(), name: journey.name.clone() };
        for reference in references(journey).iter().filter(|r| r.defines) {
            add(reference.kind, reference.name, reference.attribute_type, source.clone());
        }
    }
    for (name, scenario) in scenarios {
        let source = EntrySource::Scenario { scenario: name.clone() };
        for event in &scenario.events {
            add(EntryKind::Event, &event.name, None, source.clone());
        }
        for (attribute, distribution) in &scenario.attributes {
            add(EntryKind::Attribute, attribute, Some(distribution_type(distribution)), source.clone());
        }
    }
    for journey in journeys {
        let source = EntrySource::Journey { journey: journey.id.clone(), name: journey.name.clone() };
        for reference in references(journey) {
            add(reference.kind, reference.name, reference.attribute_type, source.clone());
        }
    }
    for entry in workspace {
        if let Some(merged) = merged.get_mut(&(entry.kind, entry.name.clone())) {
            merged.description = entry.description.trim().to_owned();
        }
    }
    let mut entries: Vec<CatalogEntry> = merged.into_values().collect();
    for entry in &mut entries {
        entry.sources.sort();
    }
    WorkspaceCatalog { entries }
}

impl WorkspaceCatalog {
    /// The entries of one kind.
    pub fn of_kind(&self, kind: EntryKind) -> impl Iterator<Item = &CatalogEntry> {
        self.entries.iter().filter(move |entry| entry.kind == kind)
    }

    /// The names of `kind` known without `journey`: from the workspace, a scenario or another
    /// journey. A journey's own references do not vouch for themselves, or a typo would.
    pub fn known_without(&self, kind: EntryKind, journey: &str) -> Vec<&str> {
        self.of_kind(kind)
            .filter(|entry| {
                entry
                    .sources
                    .iter()
                    .any(|source| !matches!(source, EntrySource::Journey { journey: id, .. } if id == journey))
            })
            .map(|entry| entry.name.as_str())
            .collect()
    }
}

/// Every event and attribute `document` names, in document order.
pub fn references(document: &JourneyDocument) -> Vec<Reference<'_>> {
    let mut out = Vec::new();
    for (name, attribute_type) in &document.settings.attributes {
        out.push(Reference {
            kind: EntryKind::Attribute,
            name,
            node: None,
            place: Place::Declared,
            defines: true,
            attribute_type: Some(*attribute_type),
        });
    }
    for node in &document.nodes {
        let at = Some(node.id.as_str());
        match &node.kind {
            NodeKind::Entry { trigger } => match trigger {
                Trigger::Event { name, .. } => out.push(event(name, at, Place::EntryTrigger)),
                Trigger::Segment { .. } | Trigger::Schedule { .. } => {}
                Trigger::DateAttribute { attr, .. } => {
                    out.push(attribute_reference(attr, at, Place::EntryTrigger, Some(AttributeType::Date)))
                }
            },
            NodeKind::Wait { delay: Delay::UntilDate { attr, .. } } => {
                out.push(attribute_reference(attr, at, Place::Wait, Some(AttributeType::Date)))
            }
            NodeKind::Wait { .. } => {}
            NodeKind::WaitForEvent { events, .. } => {
                for awaited in events {
                    out.push(event(&awaited.event, at, Place::AwaitedEvent(&awaited.port)));
                }
            }
            NodeKind::Update { changes } => {
                for change in changes {
                    match change {
                        Change::Set { attr, .. } => {
                            out.push(Reference { defines: true, ..attribute_reference(attr, at, Place::Change, None) })
                        }
                        Change::Increment { attr, .. } => out.push(Reference {
                            defines: true,
                            ..attribute_reference(attr, at, Place::Change, Some(AttributeType::Number))
                        }),
                        Change::AddTag(_) | Change::RemoveTag(_) | Change::LifecycleStage(_) => {}
                    }
                }
            }
            NodeKind::Branch { .. }
            | NodeKind::Split { .. }
            | NodeKind::Parallel { .. }
            | NodeKind::Message(_)
            | NodeKind::Exit { .. } => {}
        }
    }
    for site in condition_sites(document) {
        site.condition.walk(&mut |c| match c {
            Condition::Event(e) => out.push(event(&e.event, site.node, site.place)),
            Condition::Attribute(a) => out.push(attribute_reference(&a.attr, site.node, site.place, None)),
            _ => {}
        });
    }
    out
}

/// Where a name or a condition sits in a journey, written out only for a message (validation runs
/// on every edit, and most references never need their words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place<'a> {
    Declared,
    EntryTrigger,
    Wait,
    /// The port the awaited event leaves through.
    AwaitedEvent(&'a str),
    Segment,
    Audience,
    /// The case's label, or its port when it has none.
    Case(&'a str),
    Change,
    Goal(&'a str),
    ExitCriterion(&'a str),
}

impl std::fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Place::Declared => f.write_str("the journey's declared attributes"),
            Place::EntryTrigger => f.write_str("the entry trigger"),
            Place::Wait => f.write_str("the wait"),
            Place::AwaitedEvent(port) => write!(f, "the awaited event on path {}", quote(port)),
            Place::Segment => f.write_str("the segment"),
            Place::Audience => f.write_str("the audience"),
            Place::Case(label) => write!(f, "the case {}", quote(label)),
            Place::Change => f.write_str("a change"),
            Place::Goal(id) => write!(f, "the goal {}", quote(id)),
            Place::ExitCriterion(id) => write!(f, "the exit criterion {}", quote(id)),
        }
    }
}

/// A condition about the customer and where it sits. Event filters are left out: they test the
/// event's properties, not the customer's attributes.
pub(crate) struct ConditionSite<'a> {
    pub node: Option<&'a str>,
    pub place: Place<'a>,
    pub condition: &'a Condition,
}

/// Every customer condition of `document`: segments, audiences, cases, goals and exit criteria.
pub(crate) fn condition_sites(document: &JourneyDocument) -> Vec<ConditionSite<'_>> {
    let mut out = Vec::new();
    for node in &document.nodes {
        let at = Some(node.id.as_str());
        match &node.kind {
            NodeKind::Entry { trigger: Trigger::Segment { condition } } => {
                out.push(ConditionSite { node: at, place: Place::Segment, condition })
            }
            NodeKind::Entry { trigger: Trigger::Schedule { audience: Some(condition), .. } } => {
                out.push(ConditionSite { node: at, place: Place::Audience, condition })
            }
            NodeKind::Branch { cases } => {
                for case in cases {
                    let label = case.label.as_deref().filter(|l| !l.trim().is_empty()).unwrap_or(&case.port);
                    out.push(ConditionSite { node: at, place: Place::Case(label), condition: &case.when });
                }
            }
            _ => {}
        }
    }
    for goal in &document.settings.goals {
        out.push(ConditionSite { node: None, place: Place::Goal(&goal.id), condition: &goal.condition });
    }
    for criterion in &document.settings.exit_criteria {
        out.push(ConditionSite {
            node: None,
            place: Place::ExitCriterion(&criterion.id),
            condition: &criterion.condition,
        });
    }
    out
}

fn event<'a>(name: &'a str, node: Option<&'a str>, place: Place<'a>) -> Reference<'a> {
    Reference { kind: EntryKind::Event, name, node, place, defines: false, attribute_type: None }
}

fn attribute_reference<'a>(
    name: &'a str,
    node: Option<&'a str>,
    place: Place<'a>,
    attribute_type: Option<AttributeType>,
) -> Reference<'a> {
    Reference { kind: EntryKind::Attribute, name, node, place, defines: false, attribute_type }
}

/// The type of the values a scenario draws for an attribute.
fn distribution_type(distribution: &Distribution) -> AttributeType {
    match distribution {
        Distribution::Categorical { .. } => AttributeType::String,
        Distribution::Number { .. } => AttributeType::Number,
        Distribution::Boolean { .. } => AttributeType::Boolean,
        Distribution::Date { .. } => AttributeType::Date,
        Distribution::List { .. } => AttributeType::List,
    }
}

/// Warns about every event and attribute `document` relies on that `catalog` does not know
/// without it (see `WorkspaceCatalog::known_without`), with the closest known name as the hint.
/// Names the journey defines itself (declared, or written by an update step) are known, and empty
/// names are left to `validate`, which reports them as missing.
pub fn check_names(document: &JourneyDocument, catalog: &WorkspaceCatalog) -> Vec<Diagnostic> {
    let references = references(document);
    let defined: Vec<(EntryKind, &str)> = references.iter().filter(|r| r.defines).map(|r| (r.kind, r.name)).collect();
    let events = catalog.known_without(EntryKind::Event, &document.id);
    let attributes = catalog.known_without(EntryKind::Attribute, &document.id);
    let mut out = Vec::new();
    for reference in references.iter().filter(|r| !r.defines && !r.name.trim().is_empty()) {
        let known = match reference.kind {
            EntryKind::Event => &events,
            EntryKind::Attribute => &attributes,
        };
        if known.contains(&reference.name) || defined.contains(&(reference.kind, reference.name)) {
            continue;
        }
        let (code, what) = match reference.kind {
            EntryKind::Event => (Code::UnknownEvent, "event"),
            EntryKind::Attribute => (Code::UnknownAttribute, "attribute"),
        };
        let step = match reference.node.and_then(|id| document.nodes.iter().find(|n| n.id == id)) {
            Some(node) => subject(node),
            None => "The journey".to_owned(),
        };
        let message = format!(
            "{step}: {} names the {what} `{}`, which no scenario, other journey or catalog entry knows.",
            reference.place, reference.name
        );
        let mut diagnostic = code.diagnostic(message);
        if let Some(closest) = closest(reference.name, known.iter().copied()) {
            diagnostic = diagnostic.with_hint(format!("Did you mean `{closest}`?"));
        }
        diagnostic = match reference.node {
            Some(node) => diagnostic.at_node(node),
            None => diagnostic.at_path("settings"),
        };
        out.push(diagnostic);
    }
    out
}

/// The known name closest to `name` by edit distance (letters inserted, removed, changed or
/// swapped, ignoring case), if one is close enough to be a likely typo: at most a third of the
/// name's length, and at least one edit. Ties go to the first name in alphabetical order.
pub fn closest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let length = name.chars().count();
    if length > MAX_NAME_LENGTH {
        return None;
    }
    let limit = (length / 3).max(1);
    let wanted: Vec<char> = name.to_lowercase().chars().collect();
    known
        .filter_map(|candidate| {
            let other: Vec<char> = candidate.to_lowercase().chars().collect();
            if other.len().abs_diff(wanted.len()) > limit {
                return None;
            }
            let distance = edit_distance(&wanted, &other);
            (distance <= limit).then_some((distance, candidate))
        })
        .min()
        .map(|(_, candidate)| candidate)
}

/// The optimal string alignment distance: Levenshtein with swaps of two neighbours.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            rows[i * width + j] = if i == 0 {
                j
            } else if j == 0 {
                i
            } else {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (rows[(i - 1) * width + j] + 1)
                    .min(rows[i * width + j - 1] + 1)
                    .min(rows[(i - 1) * width + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(rows[(i - 2) * width + j - 2] + 1);
                }
                best
            };
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests;
