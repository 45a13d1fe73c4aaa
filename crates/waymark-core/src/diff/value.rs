//! Comparing two JSON values of the journey format as the journey means them, and listing what
//! differs as `(path, old, new)`.
//!
//! The comparison works on the serialized form, the published file format, so that every field a
//! kind has now or gains later is compared without a list to keep up to date. What the format
//! means is applied by the field that holds a value:
//! - two strings that both read as ISO 8601 durations are the same when they last as long
//!   (`P7D` is `PT168H`); no other text of the format starts with `P` and a digit-and-unit tail;
//! - conditions (`when`, `filter`, `condition`, `audience`) are compared as structure and reported
//!   whole, the members of `all` and `any` in any order;
//! - lists of elements named by `port` or `id` are matched by name: the order of branch `cases`
//!   is a change (first match wins), the order of other lists (parallel and split paths, awaited
//!   events, goals) is not;
//! - lists of plain values (channels, weekdays) are sets; other lists are compared in order and
//!   reported whole;
//! - an object that switches its one key (`{"duration": ..}` to `{"until_time": ..}`) is reported
//!   whole, as one change of variant.
//!
//! Keys are visited in sorted order and the values reported have their keys sorted, so the output
//! is the same whichever way serde_json orders maps.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::duration::IsoDuration;

/// Fields that hold a condition (or, for a message, the audience it syncs to): reported whole.
const WHOLE_FIELDS: [&str; 4] = ["when", "filter", "condition", "audience"];

/// The list whose order is part of its meaning.
const ORDERED_LISTS: [&str; 1] = ["cases"];

/// The suffix of the path that reports a change of order: `cases.order`.
pub const ORDER: &str = "order";

/// One difference found at `path`; `Null` stands for absent.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub path: String,
    pub old: Value,
    pub new: Value,
}

/// True when the two values mean the same thing in a field named `field`.
pub fn same(field: &str, old: &Value, new: &Value) -> bool {
    match (old, new) {
        (Value::String(a), Value::String(b)) => a == b || same_duration(a, b),
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(key, value)| b.get(key).is_some_and(|other| same(key, value, other)))
        }
        (Value::Array(a), Value::Array(b)) => same_list(field, a, b),
        _ => old == new,
    }
}

/// Every difference between `old` and `new` under `path`, whose last field is `field`.
pub fn changes(path: &str, field: &str, old: &Value, new: &Value, found: &mut Vec<Found>) {
    if same(field, old, new) {
        return;
    }
    let empty = Value::Array(Vec::new());
    match (old, new) {
        // An absent named list is an empty one: its elements are added or removed one by one.
        (Value::Null, Value::Array(b)) if named(b).is_some() => changes(path, field, &empty, new, found),
        (Value::Array(a), Value::Null) if named(a).is_some() => changes(path, field, old, &empty, found),
        (Value::Object(a), Value::Object(b)) if !WHOLE_FIELDS.contains(&field) && !switches_variant(a, b) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let (a, b) = (a.get(key).unwrap_or(&Value::Null), b.get(key).unwrap_or(&Value::Null));
                changes(&join(path, key), key, a, b, found);
            }
        }
        (Value::Array(a), Value::Array(b)) if !WHOLE_FIELDS.contains(&field) => match (named(a), named(b)) {
            (Some(a), Some(b)) => named_changes(path, field, &a, &b, found),
            _ => found.push(Found { path: path.to_owned(), old: sorted(old), new: sorted(new) }),
        },
        _ => found.push(Found { path: path.to_owned(), old: sorted(old), new: sorted(new) }),
    }
}

/// `path.key`, or `key` at the top.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") }
}

/// A copy of `value` with the keys of every object in sorted order.
pub fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let ordered: BTreeMap<&String, Value> = map.iter().map(|(k, v)| (k, sorted(v))).collect();
            Value::Object(ordered.into_iter().map(|(k, v)| (k.clone(), v)).collect::<Map<String, Value>>())
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// The name of an element of a named list: its `port`, or its `id`.
pub fn name_of(element: &Value) -> Option<&str> {
    let object = element.as_object()?;
    object.get("port").or_else(|| object.get("id"))?.as_str()
}

fn same_duration(a: &str, b: &str) -> bool {
    match (a.parse::<IsoDuration>(), b.parse::<IsoDuration>()) {
        (Ok(a), Ok(b)) => a.seconds() == b.seconds(),
        _ => false,
    }
}

fn switches_variant(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    a.len() == 1 && b.len() == 1 && a.keys().next() != b.keys().next()
}

fn same_list(field: &str, a: &[Value], b: &[Value]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if let (Some(a), Some(b)) = (named(a), named(b)) {
        let order = |list: &[(String, &Value)]| list.iter().map(|(name, _)| name.clone()).collect::<Vec<_>>();
        let lookup: BTreeMap<&str, &Value> = b.iter().map(|(name, value)| (name.as_str(), *value)).collect();
        let matched =
            a.iter().all(|(name, value)| lookup.get(name.as_str()).is_some_and(|other| same("", value, other)));
        return matched && (!ORDERED_LISTS.contains(&field) || order(&a) == order(&b));
    }
    let unordered = matches!(field, "all" | "any") || a.iter().chain(b).all(|v| !v.is_object() && !v.is_array());
    if unordered {
        // Each element of `a` takes one equal element of `b`; the lists are short.
        let mut taken = vec![false; b.len()];
        a.iter().all(|value| {
            let slot = (0..b.len()).find(|&i| !taken[i] && same("", value, &b[i]));
            slot.map(|i| taken[i] = true).is_some()
        })
    } else {
        a.iter().zip(b).all(|(a, b)| same("", a, b))
    }
}

/// The elements of a list with their unique names (`pro`, or `pro#2` for a repeated name), when
/// every element has one.
fn named(list: &[Value]) -> Option<Vec<(String, &Value)>> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    list.iter()
        .map(|element| {
            let name = name_of(element)?;
            let count = seen.entry(name).or_default();
            *count += 1;
            Some((if *count == 1 { name.to_owned() } else { format!("{name}#{count}") }, element))
        })
        .collect()
}

fn named_changes(path: &str, field: &str, a: &[(String, &Value)], b: &[(String, &Value)], found: &mut Vec<Found>) {
    let old: BTreeMap<&str, &Value> = a.iter().map(|(name, value)| (name.as_str(), *value)).collect();
    let new: BTreeMap<&str, &Value> = b.iter().map(|(name, value)| (name.as_str(), *value)).collect();
    let mut names: Vec<&str> = old.keys().chain(new.keys()).copied().collect();
    names.sort();
    names.dedup();
    for name in names {
        let (a, b) = (old.get(name).copied().unwrap_or(&Value::Null), new.get(name).copied().unwrap_or(&Value::Null));
        changes(&format!("{path}[{name}]"), "", a, b, found);
    }
    if ORDERED_LISTS.contains(&field) {
        // Only the relative order of the elements on both sides counts: adding one is not a move.
        let common = |list: &[(String, &Value)], other: &BTreeMap<&str, &Value>| -> Vec<Value> {
            list.iter().filter(|(name, _)| other.contains_key(name.as_str())).map(|(n, _)| n.clone().into()).collect()
        };
        let (before, after) = (common(a, &new), common(b, &old));
        if before != after {
            found.push(Found { path: join(path, ORDER), old: before.into(), new: after.into() });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(old: Value, new: Value, expect: &str) {
        let mut found = Vec::new();
        changes("", "", &old, &new, &mut found);
        let got: Vec<String> = found.iter().map(|f| format!("{}: {} -> {}", f.path, f.old, f.new)).collect();
        assert_eq!(got.join("\n"), expect);
        // Comparing is symmetric.
        let mut mirrored = Vec::new();
        changes("", "", &new, &old, &mut mirrored);
        assert_eq!(mirrored.len(), found.len());
    }

    #[test]
    fn durations_compare_as_lengths_of_time() {
        check(json!({"delay": {"duration": "P7D"}}), json!({"delay": {"duration": "PT168H"}}), "");
        check(json!({"timeout": "P1D"}), json!({"timeout": "P2D"}), r#"timeout: "P1D" -> "P2D""#);
        check(json!({"template": "tpl_a"}), json!({"template": "tpl_b"}), r#"template: "tpl_a" -> "tpl_b""#);
    }

    #[test]
    fn conditions_compare_as_structure_and_report_whole() {
        let a =
            json!({"when": {"all": [{"attr": "plan", "op": "eq", "value": "pro"}, {"event": "x", "within": "P1D"}]}});
        let b =
            json!({"when": {"all": [{"within": "PT24H", "event": "x"}, {"op": "eq", "attr": "plan", "value": "pro"}]}});
        check(a.clone(), b, "");
        let c = json!({"when": {"all": [{"attr": "plan", "op": "eq", "value": "free"}]}});
        check(
            a,
            c,
            r#"when: {"all":[{"attr":"plan","op":"eq","value":"pro"},{"event":"x","within":"P1D"}]} -> {"all":[{"attr":"plan","op":"eq","value":"free"}]}"#,
        );
    }

    #[test]
    fn cases_are_ordered_and_paths_are_not() {
        let case = |port: &str| json!({"port": port, "when": {"event": port}});
        check(
            json!({"cases": [case("a"), case("b")]}),
            json!({"cases": [case("b"), case("a")]}),
            r#"cases.order: ["a","b"] -> ["b","a"]"#,
        );
        check(json!({"paths": [{"port": "a"}, {"port": "b"}]}), json!({"paths": [{"port": "b"}, {"port": "a"}]}), "");
        check(
            json!({"cases": [case("a"), case("b")]}),
            json!({"cases": [case("c"), case("a"), case("b")]}),
            r#"cases[c]: null -> {"port":"c","when":{"event":"c"}}"#,
        );
    }

    #[test]
    fn sets_variants_and_repeated_names() {
        check(json!({"weekdays": ["mon", "tue"]}), json!({"weekdays": ["tue", "mon"]}), "");
        check(
            json!({"weekdays": ["mon"]}),
            json!({"weekdays": ["tue", "mon"]}),
            r#"weekdays: ["mon"] -> ["tue","mon"]"#,
        );
        check(
            json!({"delay": {"duration": "P1D"}}),
            json!({"delay": {"until_time": {"time": "09:00"}}}),
            r#"delay: {"duration":"P1D"} -> {"until_time":{"time":"09:00"}}"#,
        );
        check(
            json!({"events": [{"port": "a", "event": "x"}, {"port": "a", "event": "y"}]}),
            json!({"events": [{"port": "a", "event": "x"}, {"port": "a", "event": "z"}]}),
            r#"events[a#2].event: "y" -> "z""#,
        );
        check(json!({"weight": 50.0}), json!({"weight": 50}), "");
    }
}
