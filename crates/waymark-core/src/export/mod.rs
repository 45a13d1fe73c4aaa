//! Exports of a journey to runtimes and to documentation: the neutral execution plan
//! (`waymark.plan/1`), BPMN 2.0 for Camunda 8, Amazon States Language, Mermaid and Graphviz DOT.
//!
//! Every format starts from the same gate and the same compiled plan: a journey with validation
//! errors is refused with every error listed, and the others are compiled by `plan::compile`,
//! from which each format is written. A format that cannot express a journey refuses it with
//! reasons that name the node concerned. Outputs are deterministic text ending with a newline,
//! and each names the version and review status it came from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::model::JourneyDocument;

mod asl;
mod bpmn;
mod dot;
mod feel;
mod mermaid;
pub mod plan;

pub use plan::{Plan, compile};

/// An export format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
#[ts(rename = "ExportFormat")]
pub enum Format {
    Plan,
    Bpmn,
    Asl,
    Mermaid,
    Dot,
}

/// Where the exported journey came from, named in every output (a comment, a documentation
/// field, the plan's `source`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema, ts_rs::TS)]
#[ts(rename = "ExportSource")]
pub struct Source {
    /// The version number in the store, when the journey came from it.
    pub version: Option<u32>,
    /// The version's review status word, such as `approved`.
    pub status: Option<String>,
}

/// Why a journey was not exported to a format.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Refusal {
    pub format: Format,
    pub reasons: Vec<Reason>,
}

/// One reason for a refusal.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Reason {
    /// The node to focus, when the reason concerns one.
    pub node: Option<String>,
    /// The diagnostic code, when the reason is a validation error.
    pub code: Option<String>,
    /// What is wrong, naming steps by label.
    pub message: String,
}

impl Format {
    pub const ALL: [Format; 5] = [Format::Plan, Format::Bpmn, Format::Asl, Format::Mermaid, Format::Dot];

    /// The name the CLI and JSON use: `plan`, `bpmn`, `asl`, `mermaid`, `dot`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Plan => "plan",
            Format::Bpmn => "bpmn",
            Format::Asl => "asl",
            Format::Mermaid => "mermaid",
            Format::Dot => "dot",
        }
    }

    /// The file name extension, without the leading dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Plan => "plan.json",
            Format::Bpmn => "bpmn",
            Format::Asl => "asl.json",
            Format::Mermaid => "mmd",
            Format::Dot => "dot",
        }
    }

    /// The format's name for people.
    pub fn title(self) -> &'static str {
        match self {
            Format::Plan => "Execution plan",
            Format::Bpmn => "BPMN (Camunda 8)",
            Format::Asl => "Step Functions (ASL)",
            Format::Mermaid => "Mermaid",
            Format::Dot => "Graphviz DOT",
        }
    }

    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.name() == name)
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Source {
    /// The source in words for comments: `version 3 (approved)`, or `a journey file`.
    pub fn describe(&self) -> String {
        match (self.version, self.status.as_deref()) {
            (Some(version), Some(status)) => format!("version {version} ({status})"),
            (Some(version), None) => format!("version {version}"),
            (None, Some(status)) => format!("an unnumbered version ({status})"),
            (None, None) => "a journey file (no stored version)".to_owned(),
        }
    }
}

impl Reason {
    /// A reason about one node.
    pub(crate) fn at(node: &str, message: String) -> Reason {
        Reason { node: Some(node.to_owned()), code: None, message }
    }
}

/// Exports a journey to `format`, or says why it cannot be.
pub fn export(document: &JourneyDocument, format: Format, source: &Source) -> Result<String, Refusal> {
    let refuse = |reasons| Refusal { format, reasons };
    let (journey, diagnostics) = crate::validate::validate_document(document.clone());
    let errors: Vec<Reason> = diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| Reason { node: d.node, code: Some(d.code.name().to_owned()), message: d.message })
        .collect();
    if !errors.is_empty() {
        return Err(refuse(errors));
    }
    let document = journey.document();
    let plan = plan::compile(document, source);
    let text = match format {
        Format::Plan => Ok(plan_json(&plan)),
        Format::Bpmn => bpmn::write(&plan, &document.layout),
        Format::Asl => asl::write(&plan),
        Format::Mermaid => Ok(mermaid::write(&plan)),
        Format::Dot => Ok(dot::write(&plan)),
    };
    text.map_err(refuse)
}

/// The JSON Schema of `waymark.plan/1`, as pretty-printed JSON with a final newline. The
/// committed copy is `schemas/plan.schema.json`.
pub fn plan_schema() -> String {
    let mut schema = schemars::schema_for!(Plan);
    schema.insert("$id".to_owned(), "urn:waymark:plan:1".into());
    schema.insert("title".to_owned(), "Waymark execution plan".into());
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}

/// A unique, safe element id for every node: `prefix` and the node id with every character
/// other than ASCII letters, digits and `_` written as `_` and its code in hex (`-` is `_2d`);
/// the rare id that would still collide with another gets a numbered suffix.
pub(crate) fn element_ids<'a>(plan: &'a Plan, prefix: &str) -> std::collections::HashMap<&'a str, String> {
    let mut taken = std::collections::HashSet::new();
    let mut ids = std::collections::HashMap::new();
    for node in &plan.nodes {
        let mut safe = String::from(prefix);
        for c in node.id.chars() {
            if c.is_ascii_alphanumeric() || c == '_' {
                safe.push(c);
            } else {
                safe.push_str(&format!("_{:x}", u32::from(c)));
            }
        }
        let mut unique = safe.clone();
        let mut number = 1;
        while !taken.insert(unique.clone()) {
            number += 1;
            unique = format!("{safe}_{number}");
        }
        ids.insert(node.id.as_str(), unique);
    }
    ids
}

/// A text on one line, for comments and one-line labels.
pub(crate) fn one_line(text: &str) -> String {
    text.split(['\n', '\r']).filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The label of the edge that leaves a node through `port`: the case or path label when the
/// journey gives one, the port name otherwise, and nothing for the single `next` port.
pub(crate) fn port_label(node: &plan::PlanNode, port: &str) -> Option<String> {
    use plan::Step;
    let label = match &node.step {
        Step::Branch { cases, .. } => cases.iter().find(|c| c.port == port).and_then(|c| c.label.clone()),
        Step::Parallel { paths } => paths.iter().find(|p| p.port == port).and_then(|p| p.label.clone()),
        Step::Split { paths, .. } => paths.iter().find(|p| p.port == port).map(|p| {
            let holdout = if p.holdout { ", holdout" } else { "" };
            format!("{} ({}%{holdout})", p.port, p.weight)
        }),
        Step::WaitForEvent { events, .. } => {
            events.iter().find(|e| e.port == port && e.port != e.event).map(|e| format!("{} ({})", e.port, e.event))
        }
        _ if port == crate::model::NEXT => return None,
        _ => None,
    };
    Some(label.unwrap_or_else(|| port.to_owned()))
}

fn plan_json(plan: &Plan) -> String {
    let mut text = serde_json::to_string_pretty(plan).expect("plans serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests;
