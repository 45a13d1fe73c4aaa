//! Conditions written as FEEL expressions, for BPMN gateways.
//!
//! A process instance holds the customer's attributes as variables of the same name (an odd
//! name is mapped by `variable`), the events the customer did in `events` (event name to the
//! list of times, ISO 8601 date and time strings) and their engagement with this stay's messages
//! in `engagement` (message node id to the list of `delivered`, `opened`, `clicked` reached).
//! Every comparison is written so that a missing variable makes it false, as in the simulator,
//! instead of null, which Zeebe would turn into an incident.

use std::collections::BTreeMap;

use serde_json::Value;

use super::plan::PlanCondition;
use crate::condition::{Engagement, Operator};
use crate::model::AttributeType;

/// The process variables the exports reserve; an attribute may not map to one of them.
pub const RESERVED: [&str; 5] = ["customerId", "events", "engagement", "bucket", "now"];

/// A condition as a FEEL expression (without the leading `=`), or why it cannot be written.
pub fn condition(condition: &PlanCondition, attributes: &BTreeMap<String, AttributeType>) -> Result<String, String> {
    Ok(match condition {
        PlanCondition::All { all } if all.is_empty() => "true".to_owned(),
        PlanCondition::Any { any } if any.is_empty() => "false".to_owned(),
        PlanCondition::All { all } => join(all, " and ", attributes)?,
        PlanCondition::Any { any } => join(any, " or ", attributes)?,
        PlanCondition::Not { not } => format!("not({})", self::condition(not, attributes)?),
        PlanCondition::Attribute { attr, op, value } => {
            comparison(&variable(attr), *op, value.as_ref(), attributes.get(attr).copied())?
        }
        PlanCondition::Event { event, within, min_count } => {
            let times = entry("events", event);
            let counted = match within {
                Some(window) => {
                    format!("count({times}[date and time(item) >= now() - duration({})])", string(&window.iso))
                }
                None => format!("count({times})"),
            };
            format!("({counted} >= {min_count}) = true")
        }
        PlanCondition::Engagement { message, engaged } => {
            format!("list contains({}, {}) = true", entry("engagement", message), string(engagement_word(*engaged)))
        }
    })
}

/// The process variable an attribute is held in: the name itself when it is a plain FEEL name,
/// otherwise every character but ASCII letters, digits and `_` replaced by `_`, with a leading
/// `_` when it would start with a digit or be a FEEL keyword.
pub fn variable(attr: &str) -> String {
    let mut name: String = attr.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) || KEYWORDS.contains(&name.as_str()) {
        name.insert(0, '_');
    }
    name
}

/// A FEEL string literal.
pub fn string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

const KEYWORDS: [&str; 20] = [
    "true",
    "false",
    "null",
    "and",
    "or",
    "not",
    "for",
    "in",
    "return",
    "if",
    "then",
    "else",
    "some",
    "every",
    "satisfies",
    "instance",
    "of",
    "function",
    "external",
    "between",
];

fn join(
    list: &[PlanCondition],
    operator: &str,
    attributes: &BTreeMap<String, AttributeType>,
) -> Result<String, String> {
    let parts: Result<Vec<String>, String> =
        list.iter().map(|c| condition(c, attributes).map(|text| format!("({text})"))).collect();
    Ok(parts?.join(operator))
}

/// `context.key`, or `get value(context, "key")` when the key is not a plain name.
fn entry(context: &str, key: &str) -> String {
    if variable(key) == key { format!("{context}.{key}") } else { format!("get value({context}, {})", string(key)) }
}

fn comparison(
    name: &str,
    op: Operator,
    value: Option<&Value>,
    declared: Option<AttributeType>,
) -> Result<String, String> {
    let null = Value::Null;
    let value = value.unwrap_or(&null);
    let literal = literal(value)?;
    Ok(match op {
        Operator::Exists => format!("{name} != null"),
        Operator::NotExists => format!("{name} = null"),
        Operator::Eq => format!("({name} = {literal}) = true"),
        Operator::Ne => format!("not(({name} = {literal}) = true)"),
        Operator::In => format!("list contains({}, {name}) = true", list_literal(value)?),
        Operator::NotIn => format!("not(list contains({}, {name}) = true)", list_literal(value)?),
        Operator::Contains if declared == Some(AttributeType::List) => {
            format!("list contains({name}, {literal}) = true")
        }
        Operator::Contains => format!("contains({name}, {literal}) = true"),
        Operator::Gt | Operator::Gte | Operator::Lt | Operator::Lte => {
            let symbol = match op {
                Operator::Gt => ">",
                Operator::Gte => ">=",
                Operator::Lt => "<",
                _ => "<=",
            };
            // Strings are ordered only as dates (`YYYY-MM-DD`), as the simulator orders them.
            match value {
                Value::String(_) => format!("(date({name}) {symbol} date({literal})) = true"),
                _ => format!("({name} {symbol} {literal}) = true"),
            }
        }
    })
}

fn literal(value: &Value) -> Result<String, String> {
    Ok(match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) => f.to_string(),
            _ => return Err(format!("the number {n} has no FEEL form")),
        },
        Value::String(s) => string(s),
        Value::Array(items) => {
            let items: Result<Vec<String>, String> = items.iter().map(literal).collect();
            format!("[{}]", items?.join(", "))
        }
        Value::Object(_) => return Err("a comparison with an object has no FEEL form".to_owned()),
    })
}

fn list_literal(value: &Value) -> Result<String, String> {
    match value {
        Value::Array(_) => literal(value),
        other => Ok(format!("[{}]", literal(other)?)),
    }
}

fn engagement_word(engaged: Engagement) -> &'static str {
    match engaged {
        Engagement::Delivered => "delivered",
        Engagement::Opened => "opened",
        Engagement::Clicked => "clicked",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(condition: &str, expect: expect_test::Expect) {
        let attributes = BTreeMap::from([("tags".to_owned(), AttributeType::List)]);
        let document: crate::Condition = serde_json::from_str(condition).unwrap();
        let plan = crate::export::plan::compile_condition(&document);
        expect.assert_eq(&self::condition(&plan, &attributes).unwrap_or_else(|why| format!("error: {why}")));
    }

    #[test]
    fn comparisons_are_false_when_the_variable_is_missing() {
        check(r#"{"attr":"plan","op":"eq","value":"pro"}"#, expect_test::expect![[r#"(plan = "pro") = true"#]]);
        check(r#"{"attr":"plan","op":"ne","value":"pro"}"#, expect_test::expect![[r#"not((plan = "pro") = true)"#]]);
        check(r#"{"attr":"score","op":"gte","value":2.5}"#, expect_test::expect!["(score >= 2.5) = true"]);
        check(
            r#"{"attr":"seen","op":"lt","value":"2026-03-01"}"#,
            expect_test::expect![[r#"(date(seen) < date("2026-03-01")) = true"#]],
        );
        check(
            r#"{"attr":"country","op":"not_in","value":["US","CA"]}"#,
            expect_test::expect![[r#"not(list contains(["US", "CA"], country) = true)"#]],
        );
        check(
            r#"{"attr":"tags","op":"contains","value":"vip"}"#,
            expect_test::expect![[r#"list contains(tags, "vip") = true"#]],
        );
        check(
            r#"{"attr":"name","op":"contains","value":"a\"b"}"#,
            expect_test::expect![[r#"contains(name, "a\"b") = true"#]],
        );
        check(r#"{"attr":"phone","op":"exists"}"#, expect_test::expect!["phone != null"]);
        check(r#"{"attr":"plan.tier","op":"eq","value":null}"#, expect_test::expect!["(plan_tier = null) = true"]);
        check(
            r#"{"attr":"x","op":"eq","value":{"a":1}}"#,
            expect_test::expect!["error: a comparison with an object has no FEEL form"],
        );
    }

    #[test]
    fn events_and_engagement_read_their_contexts() {
        check(
            r#"{"event":"viewed_pricing","within":"P2D","min_count":2}"#,
            expect_test::expect![[
                r#"(count(events.viewed_pricing[date and time(item) >= now() - duration("P2D")]) >= 2) = true"#
            ]],
        );
        check(
            r#"{"event":"page-view"}"#,
            expect_test::expect![[r#"(count(get value(events, "page-view")) >= 1) = true"#]],
        );
        check(
            r#"{"message":"welcome","engaged":"clicked"}"#,
            expect_test::expect![[r#"list contains(engagement.welcome, "clicked") = true"#]],
        );
    }

    #[test]
    fn combinations_keep_their_structure() {
        check(
            r#"{"all":[{"attr":"a","op":"exists"},{"any":[{"attr":"b","op":"exists"},{"not":{"attr":"c","op":"exists"}}]}]}"#,
            expect_test::expect!["(a != null) and ((b != null) or (not(c != null)))"],
        );
        check(r#"{"all":[]}"#, expect_test::expect!["true"]);
        check(r#"{"any":[]}"#, expect_test::expect!["false"]);
    }

    #[test]
    fn odd_names_become_plain_variables() {
        assert_eq!(variable("plan.tier"), "plan_tier");
        assert_eq!(variable("2fa"), "_2fa");
        assert_eq!(variable("not"), "_not");
        assert_eq!(variable("seats_used"), "seats_used");
    }
}
