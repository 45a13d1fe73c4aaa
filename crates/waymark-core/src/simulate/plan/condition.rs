//! Compiled conditions: attributes, events and engagement turned into ids the engine compares
//! without looking anything up, and the customer attribute values they are compared with.

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::Compiler;
use crate::condition::{Condition, Engagement, Operator};
use crate::simulate::time;

/// A compiled condition.
#[derive(Debug)]
pub(crate) enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    Attr {
        attr: u32,
        op: Operator,
        literal: Literal,
    },
    Event {
        event: u32,
        within: Option<i64>,
        min: u32,
    },
    /// Engagement with a message node of the journey the condition is evaluated for.
    Engaged {
        node: u32,
        engagement: Engagement,
    },
    Never,
}

#[derive(Debug)]
pub(crate) enum Literal {
    Null,
    Str { symbol: u32, date: Option<i64> },
    Num(f64),
    Bool(bool),
    List(Vec<Literal>),
}

/// A customer attribute's value. Lists live beside the values, one per attribute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Val {
    Missing,
    Sym(u32),
    Num(f64),
    Bool(bool),
    /// Days since 1970.
    Date(i64),
    List,
}

/// The bit of an engagement in the per-node engagement set of a stay in a journey.
pub(crate) fn engagement_bit(engagement: Engagement) -> u8 {
    match engagement {
        Engagement::Delivered => 1,
        Engagement::Opened => 2,
        Engagement::Clicked => 4,
    }
}

/// The events a condition mentions, appended to `out` (with repeats).
pub(crate) fn events_of(cond: &Cond, out: &mut Vec<u32>) {
    match cond {
        Cond::All(list) | Cond::Any(list) => list.iter().for_each(|c| events_of(c, out)),
        Cond::Not(inner) => events_of(inner, out),
        Cond::Event { event, .. } => out.push(*event),
        Cond::Attr { .. } | Cond::Engaged { .. } | Cond::Never => {}
    }
}

impl Compiler {
    /// Compiles a condition; `messages` maps the journey's node ids to indices, for engagement
    /// conditions (which never hold outside a journey).
    pub(super) fn condition(&mut self, condition: &Condition, messages: Option<&FxHashMap<&str, u32>>) -> Cond {
        match condition {
            Condition::All { all } => Cond::All(all.iter().map(|c| self.condition(c, messages)).collect()),
            Condition::Any { any } => Cond::Any(any.iter().map(|c| self.condition(c, messages)).collect()),
            Condition::Not { not } => Cond::Not(Box::new(self.condition(not, messages))),
            Condition::Attribute(a) => Cond::Attr {
                attr: self.attrs.id(&a.attr),
                op: a.op,
                literal: self.literal(a.value.as_ref().unwrap_or(&Value::Null)),
            },
            Condition::Event(e) => Cond::Event {
                event: self.events.id(&e.event),
                within: e.within.map(|w| w.seconds()),
                min: e.min_count.unwrap_or(1),
            },
            Condition::Engagement(e) => match messages.and_then(|m| m.get(e.message.as_str())) {
                Some(node) => Cond::Engaged { node: *node, engagement: e.engaged },
                None => Cond::Never,
            },
        }
    }

    fn literal(&mut self, value: &Value) -> Literal {
        match value {
            Value::String(s) => Literal::Str { symbol: self.symbols.id(s), date: time::parse_date(s) },
            Value::Number(n) => Literal::Num(n.as_f64().unwrap_or(0.0)),
            Value::Bool(b) => Literal::Bool(*b),
            Value::Array(items) => Literal::List(items.iter().map(|v| self.literal(v)).collect()),
            Value::Null | Value::Object(_) => Literal::Null,
        }
    }

    /// The value an `update` node sets.
    pub(super) fn value(&mut self, value: &Value) -> Val {
        match value {
            Value::String(s) => Val::Sym(self.symbols.id(s)),
            Value::Number(n) => Val::Num(n.as_f64().unwrap_or(0.0)),
            Value::Bool(b) => Val::Bool(*b),
            _ => Val::Missing,
        }
    }
}
