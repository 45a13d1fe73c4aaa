//! Conditions: structured data that forms can edit, the simulator can evaluate and exporters can
//! translate. A condition is one of six shapes, told apart by the key it carries:
//!
//! - `{"attr": "plan", "op": "eq", "value": "pro"}` compares a customer attribute;
//! - `{"event": "viewed_pricing", "within": "P2D"}` asks whether an event happened (recently);
//! - `{"message": "welcome_email", "engaged": "clicked"}` asks about engagement with an earlier message;
//! - `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}` combine conditions.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::duration::IsoDuration;

/// A structured condition. See the module documentation for its six shapes.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema, TS)]
#[serde(untagged)]
pub enum Condition {
    All { all: Vec<Condition> },
    Any { any: Vec<Condition> },
    Not { not: Box<Condition> },
    Attribute(AttributeCondition),
    Event(EventCondition),
    Engagement(EngagementCondition),
}

/// Compares a customer attribute with a value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct AttributeCondition {
    pub attr: String,
    pub op: Operator,
    /// The value to compare with; absent for `exists` and `not_exists`, a list for `in` and `not_in`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// Whether a customer did an event, optionally within a recent window and a minimum number of times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct EventCondition {
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within: Option<IsoDuration>,
    /// At least this many occurrences (1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u32>,
}

/// Whether a customer engaged with an earlier message node of the same journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema, TS)]
#[serde(deny_unknown_fields)]
pub struct EngagementCondition {
    /// The id of a `message` node.
    pub message: String,
    pub engaged: Engagement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Engagement {
    Delivered,
    Opened,
    Clicked,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, TS)]
#[serde(rename_all = "snake_case")]
pub enum Operator {
    Eq,
    Ne,
    Gt,
    Gte,
    Lt,
    Lte,
    In,
    NotIn,
    Contains,
    Exists,
    NotExists,
}

impl Operator {
    /// True for the operators that order values (only numbers and dates can be ordered).
    pub fn is_ordering(self) -> bool {
        matches!(self, Operator::Gt | Operator::Gte | Operator::Lt | Operator::Lte)
    }
}

impl Condition {
    /// Calls `visit` on this condition and every condition nested in it, outermost first.
    pub fn walk<'a>(&'a self, visit: &mut dyn FnMut(&'a Condition)) {
        visit(self);
        match self {
            Condition::All { all: list } | Condition::Any { any: list } => {
                for condition in list {
                    condition.walk(visit);
                }
            }
            Condition::Not { not } => not.walk(visit),
            Condition::Attribute(_) | Condition::Event(_) | Condition::Engagement(_) => {}
        }
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;

        // The shape is chosen by the key present, so that an error names the shape the author
        // meant instead of serde's "did not match any variant".
        let value = Value::deserialize(deserializer)?;
        let Value::Object(map) = &value else {
            return Err(D::Error::custom(
                "a condition must be an object such as {\"attr\": ..}, {\"event\": ..}, {\"message\": ..}, {\"all\": [..]}, {\"any\": [..]} or {\"not\": {..}}",
            ));
        };
        let shape = ["all", "any", "not", "attr", "event", "message"]
            .into_iter()
            .find(|key| map.contains_key(*key))
            .ok_or_else(|| {
                D::Error::custom("a condition needs one of the keys `attr`, `event`, `message`, `all`, `any` or `not`")
            })?;
        let combinator = matches!(shape, "all" | "any" | "not");
        if combinator && map.len() != 1 {
            return Err(D::Error::custom(format!("a `{shape}` condition takes no other keys")));
        }
        let inner = |context: &str, error: serde_json::Error| D::Error::custom(format!("in {context}: {error}"));
        match shape {
            "all" => Vec::<Condition>::deserialize(&map["all"])
                .map(|all| Condition::All { all })
                .map_err(|e| inner("`all`", e)),
            "any" => Vec::<Condition>::deserialize(&map["any"])
                .map(|any| Condition::Any { any })
                .map_err(|e| inner("`any`", e)),
            "not" => Condition::deserialize(&map["not"])
                .map(|not| Condition::Not { not: Box::new(not) })
                .map_err(|e| inner("`not`", e)),
            "attr" => AttributeCondition::deserialize(&value)
                .map(Condition::Attribute)
                .map_err(|e| inner("an attribute condition", e)),
            "event" => {
                EventCondition::deserialize(&value).map(Condition::Event).map_err(|e| inner("an event condition", e))
            }
            _ => EngagementCondition::deserialize(&value)
                .map(Condition::Engagement)
                .map_err(|e| inner("an engagement condition", e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str, expect: &str) {
        let got = match serde_json::from_str::<Condition>(json) {
            Ok(condition) => serde_json::to_string(&condition).unwrap(),
            Err(error) => format!("error: {error}"),
        };
        assert_eq!(got, expect);
    }

    #[test]
    fn each_shape_round_trips() {
        check(r#"{"attr":"plan","op":"eq","value":"pro"}"#, r#"{"attr":"plan","op":"eq","value":"pro"}"#);
        check(r#"{"within":"P2D","event":"viewed_pricing"}"#, r#"{"event":"viewed_pricing","within":"P2D"}"#);
        check(r#"{"message":"n4","engaged":"clicked"}"#, r#"{"message":"n4","engaged":"clicked"}"#);
        check(
            r#"{"all":[{"not":{"attr":"vip","op":"exists"}},{"any":[]}]}"#,
            r#"{"all":[{"not":{"attr":"vip","op":"exists"}},{"any":[]}]}"#,
        );
    }

    #[test]
    fn errors_name_the_shape_meant() {
        check(
            r#"[]"#,
            "error: a condition must be an object such as {\"attr\": ..}, {\"event\": ..}, {\"message\": ..}, {\"all\": [..]}, {\"any\": [..]} or {\"not\": {..}}",
        );
        check(
            r#"{"foo":1}"#,
            "error: a condition needs one of the keys `attr`, `event`, `message`, `all`, `any` or `not`",
        );
        check(
            r#"{"attr":"plan","op":"equals","value":1}"#,
            "error: in an attribute condition: unknown variant `equals`, expected one of `eq`, `ne`, `gt`, `gte`, `lt`, `lte`, `in`, `not_in`, `contains`, `exists`, `not_exists`",
        );
        check(
            r#"{"all":[{"event":"x","within":"2 days"}]}"#,
            "error: in `all`: in an event condition: `2 days` is not an ISO 8601 duration (it must start with `P`); write it like `PT4H`, `P3D` or `P1DT12H`",
        );
        check(r#"{"not":{},"all":[]}"#, "error: a `all` condition takes no other keys");
    }
}
