//! The BPMN process written as XML: definitions, elements with their Zeebe extensions, flows,
//! sub-processes and messages, with every name and text escaped.

use std::collections::HashMap;
use std::fmt::Write;

use super::{Body, Element, Flow, Process, SubProcess, Timer, suffix};
use crate::export::one_line;

/// The flows into and out of each element, in the order they were made.
struct FlowEnds<'f> {
    incoming: HashMap<&'f str, Vec<&'f Flow>>,
    outgoing: HashMap<&'f str, Vec<&'f Flow>>,
}

impl<'f> FlowEnds<'f> {
    fn of(flows: &'f [Flow]) -> FlowEnds<'f> {
        let mut ends = FlowEnds { incoming: HashMap::new(), outgoing: HashMap::new() };
        for flow in flows {
            ends.incoming.entry(flow.target.as_str()).or_default().push(flow);
            ends.outgoing.entry(flow.source.as_str()).or_default().push(flow);
        }
        ends
    }
}

impl Process<'_> {
    pub(super) fn xml(&self) -> String {
        let plan = self.plan;
        let process_id = format!("journey_{}", suffix(&plan.journey.id));
        let mut out = String::new();
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<!-- Waymark journey {} ({}), exported from {} -->",
            comment(&plan.journey.id),
            comment(&plan.journey.name),
            comment(&plan.source.describe())
        );
        out.push_str(concat!(
            "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"",
            " xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\"",
            " xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\"",
            " xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\"",
            " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
            " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"",
            " xmlns:modeler=\"http://camunda.org/schema/modeler/1.0\"",
            " id=\"definitions\" targetNamespace=\"https://waymark.dev/journey\"",
            " exporter=\"Waymark\" exporterVersion=\"",
            env!("CARGO_PKG_VERSION"),
            "\" modeler:executionPlatform=\"Camunda Cloud\" modeler:executionPlatformVersion=\"8.8.0\">\n"
        ));
        let _ = writeln!(
            out,
            "  <bpmn:process id=\"{process_id}\" name=\"{}\" isExecutable=\"true\">",
            attr(&plan.journey.name)
        );
        let _ = writeln!(out, "    <bpmn:documentation>{}</bpmn:documentation>", text(&self.process_documentation()));
        let ends = FlowEnds::of(&self.flows);
        for element in &self.elements {
            self.write_element(&mut out, element, &ends, "    ");
        }
        for flow in &self.flows {
            write_flow(&mut out, flow, "    ");
        }
        for sub in &self.subprocesses {
            self.write_subprocess(&mut out, sub);
        }
        for (id, note, _) in &self.notes {
            let _ = writeln!(
                out,
                "    <bpmn:textAnnotation id=\"{id}\">\n      <bpmn:text>{}</bpmn:text>\n    </bpmn:textAnnotation>",
                text(note)
            );
        }
        out.push_str("  </bpmn:process>\n");
        for message in self.messages.values() {
            let _ = writeln!(
                out,
                "  <bpmn:message id=\"{}\" name=\"{}\">\n    <bpmn:extensionElements>\n      <zeebe:subscription correlationKey=\"=customerId\" />\n    </bpmn:extensionElements>\n  </bpmn:message>",
                message.id,
                attr(&message.name)
            );
        }
        self.write_diagram(&mut out, &process_id);
        out.push_str("</bpmn:definitions>\n");
        out
    }

    fn process_documentation(&self) -> String {
        let plan = self.plan;
        let mut words = format!("Waymark journey `{}`, exported from {}.", plan.journey.id, plan.source.describe());
        if !plan.journey.description.is_empty() {
            let _ = write!(words, " {}", plan.journey.description);
        }
        let reentry = serde_json::to_string(&plan.reentry).unwrap_or_default();
        let policies = serde_json::to_string(&plan.policies).unwrap_or_default();
        let _ = write!(words, " Re-entry: {reentry}. Policies: {policies}.");
        words
    }

    fn write_element(&self, out: &mut String, element: &Element, ends: &FlowEnds, indent: &str) {
        let none = Vec::new();
        let incoming = ends.incoming.get(element.id.as_str()).unwrap_or(&none);
        let outgoing = ends.outgoing.get(element.id.as_str()).unwrap_or(&none);
        let (tag, extra) = match &element.body {
            Body::Start { .. } => ("startEvent", String::new()),
            Body::End => ("endEvent", String::new()),
            Body::Timer(_) | Body::MessageCatch { .. } => ("intermediateCatchEvent", String::new()),
            Body::Exclusive { default: Some(flow) } => ("exclusiveGateway", format!(" default=\"{flow}\"")),
            Body::Exclusive { default: None } => ("exclusiveGateway", String::new()),
            Body::EventBased => ("eventBasedGateway", String::new()),
            Body::Parallel => ("parallelGateway", String::new()),
            Body::Task { .. } => ("serviceTask", String::new()),
        };
        let _ = writeln!(out, "{indent}<bpmn:{tag} id=\"{}\" name=\"{}\"{extra}>", element.id, attr(&element.name));
        let inner = format!("{indent}  ");
        if let Some(documentation) = &element.documentation {
            let _ = writeln!(out, "{inner}<bpmn:documentation>{}</bpmn:documentation>", text(documentation));
        }
        if let Body::Task { task_type, headers } = &element.body {
            let _ = writeln!(out, "{inner}<bpmn:extensionElements>");
            let _ = writeln!(out, "{inner}  <zeebe:taskDefinition type=\"{task_type}\" />");
            let _ = writeln!(out, "{inner}  <zeebe:taskHeaders>");
            for (key, value) in headers {
                let _ = writeln!(out, "{inner}    <zeebe:header key=\"{}\" value=\"{}\" />", attr(key), attr(value));
            }
            let _ = writeln!(out, "{inner}  </zeebe:taskHeaders>");
            let _ = writeln!(out, "{inner}</bpmn:extensionElements>");
        }
        for flow in incoming {
            let _ = writeln!(out, "{inner}<bpmn:incoming>{}</bpmn:incoming>", flow.id);
        }
        for flow in outgoing {
            let _ = writeln!(out, "{inner}<bpmn:outgoing>{}</bpmn:outgoing>", flow.id);
        }
        match &element.body {
            Body::Start { message: Some(message) } | Body::MessageCatch { message } => {
                let _ = writeln!(
                    out,
                    "{inner}<bpmn:messageEventDefinition id=\"{}_event\" messageRef=\"{message}\" />",
                    element.id
                );
            }
            Body::Timer(timer) => {
                let (tag, value) = match timer {
                    Timer::Duration(iso) => ("timeDuration", iso),
                    Timer::Date(expression) => ("timeDate", expression),
                };
                let _ = writeln!(
                    out,
                    "{inner}<bpmn:timerEventDefinition id=\"{}_timer\">\n{inner}  <bpmn:{tag} xsi:type=\"bpmn:tFormalExpression\">{}</bpmn:{tag}>\n{inner}</bpmn:timerEventDefinition>",
                    element.id,
                    text(value)
                );
            }
            _ => {}
        }
        let _ = writeln!(out, "{indent}</bpmn:{tag}>");
    }

    fn write_subprocess(&self, out: &mut String, sub: &SubProcess) {
        let start = format!("{}_start", sub.id);
        let end = format!("{}_end", sub.id);
        let flow = format!("{}_flow", sub.id);
        let _ = writeln!(
            out,
            "    <bpmn:subProcess id=\"{}\" name=\"{}\" triggeredByEvent=\"true\">",
            sub.id,
            attr(&sub.name)
        );
        let _ = writeln!(out, "      <bpmn:documentation>{}</bpmn:documentation>", text(&sub.documentation));
        let _ = writeln!(
            out,
            "      <bpmn:startEvent id=\"{start}\" name=\"{}\" isInterrupting=\"{}\">\n        <bpmn:outgoing>{flow}</bpmn:outgoing>\n        <bpmn:messageEventDefinition id=\"{start}_event\" messageRef=\"{}\" />\n      </bpmn:startEvent>",
            attr(&format!("{} reached", sub.name)),
            sub.interrupting,
            sub.message
        );
        let _ = writeln!(out, "      <bpmn:sequenceFlow id=\"{flow}\" sourceRef=\"{start}\" targetRef=\"{end}\" />");
        let ending = if sub.interrupting { "Left the journey" } else { "Counted" };
        let _ = writeln!(
            out,
            "      <bpmn:endEvent id=\"{end}\" name=\"{ending}\">\n        <bpmn:incoming>{flow}</bpmn:incoming>\n      </bpmn:endEvent>"
        );
        out.push_str("    </bpmn:subProcess>\n");
    }
}

fn write_flow(out: &mut String, flow: &Flow, indent: &str) {
    let name = flow.name.as_ref().map(|n| format!(" name=\"{}\"", attr(n))).unwrap_or_default();
    match &flow.condition {
        None => {
            let _ = writeln!(
                out,
                "{indent}<bpmn:sequenceFlow id=\"{}\"{name} sourceRef=\"{}\" targetRef=\"{}\" />",
                flow.id, flow.source, flow.target
            );
        }
        Some(condition) => {
            let _ = writeln!(
                out,
                "{indent}<bpmn:sequenceFlow id=\"{}\"{name} sourceRef=\"{}\" targetRef=\"{}\">\n{indent}  <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">{}</bpmn:conditionExpression>\n{indent}</bpmn:sequenceFlow>",
                flow.id,
                flow.source,
                flow.target,
                text(condition)
            );
        }
    }
}

/// Text content of an XML element.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{fffd}'),
        }
    }
    out
}

/// An XML attribute value (between double quotes); line breaks are kept as character references.
fn attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in text(value).chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text inside an XML comment, which may not hold `--`.
fn comment(value: &str) -> String {
    text(&one_line(value)).replace("--", "- -")
}

/// Characters XML 1.0 allows.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}
