//! Fields a step needs and left empty: an event or attribute name, a value to compare with, a tag
//! or a lifecycle stage. New steps start this way (`Kind::starter`), so that nothing plausible but
//! invented, such as `plan is pro`, ships unnoticed: the format accepts the empty text, and this
//! check names the step and the field as an `empty-field` error.

use serde_json::Value;

use crate::condition::{Condition, Operator};
use crate::diagnostic::{Code, Diagnostic};
use crate::diff::words::subject;
use crate::model::{Change, JourneyDocument, NodeKind};
use crate::workspace_catalog::{EntryKind, condition_sites, references};

/// Reports every empty field a step or setting needs, in document order.
pub fn check_empty_fields(document: &JourneyDocument, out: &mut Vec<Diagnostic>) {
    let who = |node: Option<&str>| match node.and_then(|id| document.nodes.iter().find(|n| n.id == id)) {
        Some(node) => subject(node),
        None => "The journey".to_owned(),
    };
    let at = |diagnostic: Diagnostic, node: Option<&str>| match node {
        Some(node) => diagnostic.at_node(node),
        None => diagnostic.at_path("settings"),
    };
    for reference in references(document).iter().filter(|r| r.name.trim().is_empty()) {
        let what = match reference.kind {
            EntryKind::Event => "event",
            EntryKind::Attribute => "attribute",
        };
        let message = format!("{}: {} names no {what}; choose one.", who(reference.node), reference.place);
        out.push(at(Code::EmptyField.diagnostic(message), reference.node));
    }
    for site in condition_sites(document) {
        site.condition.walk(&mut |condition| {
            let Condition::Attribute(c) = condition else { return };
            let blank = matches!(&c.value, Some(Value::String(text)) if text.trim().is_empty());
            if blank && !matches!(c.op, Operator::Exists | Operator::NotExists) && !c.attr.trim().is_empty() {
                let message = format!(
                    "{}: {} compares `{}` with an empty value; type the value to compare with.",
                    who(site.node),
                    site.place,
                    c.attr
                );
                out.push(at(Code::EmptyField.diagnostic(message), site.node));
            }
        });
    }
    for node in &document.nodes {
        let NodeKind::Update { changes } = &node.kind else { continue };
        for change in changes {
            let what = match change {
                Change::AddTag(tag) if tag.trim().is_empty() => "adds a tag with no name",
                Change::RemoveTag(tag) if tag.trim().is_empty() => "removes a tag with no name",
                Change::LifecycleStage(stage) if stage.trim().is_empty() => "moves to a lifecycle stage with no name",
                _ => continue,
            };
            let message = format!("{} {what}; type it.", subject(node));
            out.push(Code::EmptyField.diagnostic(message).at_node(&node.id));
        }
    }
}
