//! Conditions as Choice rules over the profile a branch's callback returns: attributes are
//! compared with guards that make a missing or mistyped value false, as the plan says; conditions
//! on events and engagement become facts the runtime evaluates.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::is_path_name;
use crate::condition::Operator;
use crate::export::plan::PlanCondition;
use crate::model::AttributeType;

/// A condition as a Choice rule over the profile the runtime returned; conditions on events
/// and engagement become facts the runtime evaluates (`f1`, `f2`, … in `facts`).
pub(super) fn rule(
    condition: &PlanCondition,
    attributes: &BTreeMap<String, AttributeType>,
    facts: &mut Vec<Value>,
) -> Result<Map<String, Value>, String> {
    let rule = match condition {
        PlanCondition::All { all } if all.is_empty() => always(true),
        PlanCondition::Any { any } if any.is_empty() => always(false),
        PlanCondition::All { all: list } | PlanCondition::Any { any: list } if list.len() == 1 => {
            return rule(&list[0], attributes, facts);
        }
        PlanCondition::All { all } => {
            let rules: Result<Vec<Value>, String> =
                all.iter().map(|c| rule(c, attributes, facts).map(Value::Object)).collect();
            json!({"And": rules?})
        }
        PlanCondition::Any { any } => {
            let rules: Result<Vec<Value>, String> =
                any.iter().map(|c| rule(c, attributes, facts).map(Value::Object)).collect();
            json!({"Or": rules?})
        }
        PlanCondition::Not { not } => json!({"Not": rule(not, attributes, facts)?}),
        PlanCondition::Attribute { attr, op, value } => {
            attribute_rule(attr, *op, value.as_ref(), attributes.get(attr).copied())?
        }
        PlanCondition::Event { .. } | PlanCondition::Engagement { .. } => {
            let id = format!("f{}", facts.len() + 1);
            let mut fact = serde_json::to_value(condition).map_err(|e| e.to_string())?;
            if let Value::Object(map) = &mut fact {
                map.insert("id".to_owned(), json!(id));
            }
            facts.push(fact);
            let variable = format!("$.profile.facts.{id}");
            json!({"And": [{"Variable": variable, "IsPresent": true}, {"Variable": variable, "BooleanEquals": true}]})
        }
    };
    match rule {
        Value::Object(map) => Ok(map),
        _ => unreachable!("rules are objects"),
    }
}

/// A Choice rule that always or never holds.
fn always(holds: bool) -> Value {
    json!({"Variable": "$", "IsPresent": holds})
}

fn attribute_rule(
    attr: &str,
    op: Operator,
    value: Option<&Value>,
    declared: Option<AttributeType>,
) -> Result<Value, String> {
    if !is_path_name(attr) {
        return Err(format!("a JSON path cannot name the attribute `{attr}`"));
    }
    let variable = format!("$.profile.attributes.{attr}");
    let present = json!({"Variable": variable, "IsPresent": true});
    let not_null = json!({"Not": {"Variable": variable, "IsNull": true}});
    let null = Value::Null;
    let value = value.unwrap_or(&null);
    let equals = |value: &Value| -> Result<Value, String> {
        Ok(match value {
            Value::Null => {
                json!({"Or": [{"Variable": variable, "IsPresent": false}, {"Variable": variable, "IsNull": true}]})
            }
            Value::String(s) => {
                json!({"And": [present, {"Variable": variable, "IsString": true}, {"Variable": variable, "StringEquals": s}]})
            }
            Value::Number(n) => {
                json!({"And": [present, {"Variable": variable, "IsNumeric": true}, {"Variable": variable, "NumericEquals": n}]})
            }
            Value::Bool(b) => {
                json!({"And": [present, {"Variable": variable, "IsBoolean": true}, {"Variable": variable, "BooleanEquals": b}]})
            }
            Value::Array(_) | Value::Object(_) => return Err(format!("`{attr}` is compared with a list or an object")),
        })
    };
    Ok(match op {
        Operator::Exists => json!({"And": [present, not_null]}),
        Operator::NotExists => json!({"Not": {"And": [present, not_null]}}),
        Operator::Eq => equals(value)?,
        Operator::Ne => json!({"Not": equals(value)?}),
        Operator::In | Operator::NotIn => {
            let items = match value {
                Value::Array(items) => items.clone(),
                other => vec![other.clone()],
            };
            let rules: Result<Vec<Value>, String> = items.iter().map(equals).collect();
            let any = match rules? {
                rules if rules.is_empty() => always(false),
                rules if rules.len() == 1 => rules.into_iter().next().unwrap_or(Value::Null),
                rules => json!({"Or": rules}),
            };
            if op == Operator::In { any } else { json!({"Not": any}) }
        }
        Operator::Contains => match (value, declared) {
            (_, Some(AttributeType::List)) => {
                return Err(format!("Choice rules cannot look inside the list attribute `{attr}`"));
            }
            (Value::String(s), _) => {
                let pattern = format!("*{}*", s.replace('\\', "\\\\").replace('*', "\\*"));
                json!({"And": [present, {"Variable": variable, "IsString": true}, {"Variable": variable, "StringMatches": pattern}]})
            }
            _ => return Err(format!("`{attr}` contains something other than a text")),
        },
        Operator::Gt | Operator::Gte | Operator::Lt | Operator::Lte => {
            let (numeric, string) = match op {
                Operator::Gt => ("NumericGreaterThan", "StringGreaterThan"),
                Operator::Gte => ("NumericGreaterThanEquals", "StringGreaterThanEquals"),
                Operator::Lt => ("NumericLessThan", "StringLessThan"),
                _ => ("NumericLessThanEquals", "StringLessThanEquals"),
            };
            match value {
                Value::Number(n) => {
                    json!({"And": [present, {"Variable": variable, "IsNumeric": true}, {"Variable": variable, numeric: n}]})
                }
                // Dates are `YYYY-MM-DD` texts, which order as text does.
                Value::String(s) if crate::simulate::time::parse_date(s).is_some() => {
                    json!({"And": [present, {"Variable": variable, "IsString": true}, {"Variable": variable, string: s}]})
                }
                _ => return Err(format!("`{attr}` is ordered against something that is neither a number nor a date")),
            }
        }
    })
}

/// The attributes a branch's conditions read, sorted, for the profile request.
pub(super) fn attributes_read<'c>(conditions: impl Iterator<Item = &'c PlanCondition>) -> Vec<String> {
    let mut out = Vec::new();
    for condition in conditions {
        condition.walk(&mut |c| {
            if let PlanCondition::Attribute { attr, .. } = c {
                out.push(attr.clone());
            }
        });
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    fn check(condition: &str, expect: Expect) {
        let attributes = BTreeMap::from([("tags".to_owned(), AttributeType::List)]);
        let document: crate::Condition = serde_json::from_str(condition).unwrap();
        let plan = crate::export::plan::compile_condition(&document);
        let mut facts = Vec::new();
        let got = match rule(&plan, &attributes, &mut facts) {
            Ok(rule) => format!("{}\nfacts: {}", Value::Object(rule), Value::Array(facts)),
            Err(why) => format!("error: {why}"),
        };
        expect.assert_eq(&got);
    }

    #[test]
    fn attribute_rules_are_guarded_by_presence_and_type() {
        check(
            r#"{"attr":"plan","op":"eq","value":"pro"}"#,
            expect![[r#"
                {"And":[{"IsPresent":true,"Variable":"$.profile.attributes.plan"},{"IsString":true,"Variable":"$.profile.attributes.plan"},{"StringEquals":"pro","Variable":"$.profile.attributes.plan"}]}
                facts: []"#]],
        );
        check(
            r#"{"attr":"plan","op":"in","value":["a",1]}"#,
            expect![[r#"
            {"Or":[{"And":[{"IsPresent":true,"Variable":"$.profile.attributes.plan"},{"IsString":true,"Variable":"$.profile.attributes.plan"},{"StringEquals":"a","Variable":"$.profile.attributes.plan"}]},{"And":[{"IsPresent":true,"Variable":"$.profile.attributes.plan"},{"IsNumeric":true,"Variable":"$.profile.attributes.plan"},{"NumericEquals":1,"Variable":"$.profile.attributes.plan"}]}]}
            facts: []"#]],
        );
        check(
            r#"{"attr":"seen","op":"gte","value":"2026-03-01"}"#,
            expect![[r#"
            {"And":[{"IsPresent":true,"Variable":"$.profile.attributes.seen"},{"IsString":true,"Variable":"$.profile.attributes.seen"},{"StringGreaterThanEquals":"2026-03-01","Variable":"$.profile.attributes.seen"}]}
            facts: []"#]],
        );
        check(
            r#"{"attr":"name","op":"contains","value":"a*b"}"#,
            expect![[r#"
            {"And":[{"IsPresent":true,"Variable":"$.profile.attributes.name"},{"IsString":true,"Variable":"$.profile.attributes.name"},{"StringMatches":"*a\\*b*","Variable":"$.profile.attributes.name"}]}
            facts: []"#]],
        );
        check(
            r#"{"all":[{"attr":"phone","op":"not_exists"}]}"#,
            expect![[r#"
            {"Not":{"And":[{"IsPresent":true,"Variable":"$.profile.attributes.phone"},{"Not":{"IsNull":true,"Variable":"$.profile.attributes.phone"}}]}}
            facts: []"#]],
        );
    }

    #[test]
    fn what_choice_rules_cannot_test_is_an_error() {
        check(
            r#"{"attr":"tags","op":"contains","value":"vip"}"#,
            expect!["error: Choice rules cannot look inside the list attribute `tags`"],
        );
        check(
            r#"{"attr":"plan.tier","op":"exists"}"#,
            expect!["error: a JSON path cannot name the attribute `plan.tier`"],
        );
        check(
            r#"{"attr":"name","op":"gt","value":"abc"}"#,
            expect!["error: `name` is ordered against something that is neither a number nor a date"],
        );
    }

    #[test]
    fn events_and_engagement_become_facts_the_runtime_evaluates() {
        check(
            r#"{"any":[{"event":"login","within":"PT12H","min_count":3},{"message":"mail","engaged":"opened"}]}"#,
            expect![[r#"
                {"Or":[{"And":[{"IsPresent":true,"Variable":"$.profile.facts.f1"},{"BooleanEquals":true,"Variable":"$.profile.facts.f1"}]},{"And":[{"IsPresent":true,"Variable":"$.profile.facts.f2"},{"BooleanEquals":true,"Variable":"$.profile.facts.f2"}]}]}
                facts: [{"event":"login","id":"f1","min_count":3,"within":{"iso":"PT12H","seconds":43200}},{"engaged":"opened","id":"f2","message":"mail"}]"#]],
        );
    }
}
