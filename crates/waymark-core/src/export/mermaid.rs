//! Mermaid flowcharts of a journey, for documentation.
//!
//! Node ids are prefixed (`n_`, so that an id such as `end` cannot clash with a keyword) and
//! every label is quoted, with the characters Mermaid would read (quotes, `#`, angle brackets,
//! ampersands, backticks) written as entity codes.

use super::plan::{Plan, PlanNode, Step};
use super::{element_ids, one_line, port_label};

/// The journey as a `flowchart TD`.
pub fn write(plan: &Plan) -> String {
    let ids = element_ids(plan, "n_");
    let mut out = String::new();
    out.push_str(&format!(
        "%% Waymark journey {} ({}), exported from {}\n",
        one_line(&plan.journey.id),
        one_line(&plan.journey.name),
        one_line(&plan.source.describe())
    ));
    out.push_str("flowchart TD\n");
    for node in &plan.nodes {
        let (open, close) = shape(node);
        out.push_str(&format!("    {}{open}\"{}\"{close}\n", ids[node.id.as_str()], quote(&node.caption())));
    }
    for node in &plan.nodes {
        for port in &node.ports {
            let arrow = match port_label(node, &port.port) {
                Some(label) => format!("-->|\"{}\"|", quote(&label)),
                None => "-->".to_owned(),
            };
            out.push_str(&format!("    {} {arrow} {}\n", ids[node.id.as_str()], ids[port.to.as_str()]));
        }
    }
    out
}

/// The brackets of each kind's shape.
fn shape(node: &PlanNode) -> (&'static str, &'static str) {
    match node.step {
        Step::Entry { .. } => ("([", "])"),
        Step::Wait { .. } => ("[/", "/]"),
        Step::WaitForEvent { .. } => ("{{", "}}"),
        Step::Branch { .. } | Step::Split { .. } => ("{", "}"),
        Step::Parallel { .. } => ("[[", "]]"),
        Step::Message(_) => ("[", "]"),
        Step::Update { .. } => ("[(", ")]"),
        Step::Exit { .. } => ("((", "))"),
    }
}

/// A label's text as it may sit between double quotes.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::new();
    for c in one_line(text).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            _ => out.push(c),
        }
    }
    out
}
