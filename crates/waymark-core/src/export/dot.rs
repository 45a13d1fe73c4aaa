//! Graphviz DOT graphs of a journey, for documentation.
//!
//! Every id and label is a quoted string with `"` and `\` escaped; ids are prefixed (`n_`) so
//! that they read the same as in the Mermaid export.

use super::plan::{Plan, PlanNode, Step};
use super::{element_ids, one_line, port_label};

/// The journey as a `digraph`, top to bottom.
pub fn write(plan: &Plan) -> String {
    let ids = element_ids(plan, "n_");
    let mut out = String::new();
    out.push_str(&format!(
        "// Waymark journey {} ({}), exported from {}\n",
        one_line(&plan.journey.id),
        one_line(&plan.journey.name),
        one_line(&plan.source.describe())
    ));
    out.push_str(&format!("digraph {} {{\n", quote(&format!("journey_{}", plan.journey.id))));
    out.push_str(&format!("    label={};\n    labelloc=t;\n    rankdir=TB;\n", quote(&plan.journey.name)));
    out.push_str("    node [fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\"];\n");
    for node in &plan.nodes {
        out.push_str(&format!(
            "    {} [label={}, shape={}];\n",
            quote(&ids[node.id.as_str()]),
            quote(&node.caption()),
            shape(node)
        ));
    }
    for node in &plan.nodes {
        for port in &node.ports {
            let label = port_label(node, &port.port).map(|l| format!(" [label={}]", quote(&l))).unwrap_or_default();
            out.push_str(&format!(
                "    {} -> {}{label};\n",
                quote(&ids[node.id.as_str()]),
                quote(&ids[port.to.as_str()])
            ));
        }
    }
    out.push_str("}\n");
    out
}

fn shape(node: &PlanNode) -> &'static str {
    match node.step {
        Step::Entry { .. } => "oval",
        Step::Wait { .. } => "parallelogram",
        Step::WaitForEvent { .. } => "hexagon",
        Step::Branch { .. } => "diamond",
        Step::Split { .. } => "Mdiamond",
        Step::Parallel { .. } => "box3d",
        Step::Message(_) => "box",
        Step::Update { .. } => "component",
        Step::Exit { .. } => "doublecircle",
    }
}

/// A DOT quoted string.
fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in one_line(text).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}
