//! Condition evaluation on the customer's state at a time: attributes, events so far and
//! engagement in the current stay; and, for traces, the same in words.

use std::cmp::Ordering::{Equal, Greater, Less};

use super::Run;
use super::trace::span;
use crate::condition::{Engagement, Operator};
use crate::simulate::plan::{Cond, Literal, Val, engagement_bit};
use crate::simulate::time;

impl Run<'_> {
    /// Evaluates a condition at `t`; events count only after `floor` (the entry, for goals and
    /// exit criteria); engagement refers to the current stay in `journey`.
    pub(super) fn eval(&self, cond: &Cond, t: i64, floor: i64, journey: Option<usize>) -> bool {
        match cond {
            Cond::All(list) => list.iter().all(|c| self.eval(c, t, floor, journey)),
            Cond::Any(list) => list.iter().any(|c| self.eval(c, t, floor, journey)),
            Cond::Not(inner) => !self.eval(inner, t, floor, journey),
            Cond::Never => false,
            Cond::Engaged { node, engagement } => journey
                .is_some_and(|j| self.c.instances[j].engagement[*node as usize] & engagement_bit(*engagement) != 0),
            Cond::Event { event, within, min } => {
                let lower = within.map_or(i64::MIN, |w| t - w);
                let mut count = 0;
                for &at in self.c.history[*event as usize].iter().rev() {
                    if at < lower || at <= floor {
                        break;
                    }
                    count += 1;
                    if count >= *min {
                        return true;
                    }
                }
                count >= *min
            }
            Cond::Attr { attr, op, literal } => self.compare(*attr as usize, *op, literal),
        }
    }

    fn compare(&self, attr: usize, op: Operator, literal: &Literal) -> bool {
        let value = self.c.attrs[attr];
        let eq = |literal: &Literal| match (value, literal) {
            (Val::Sym(a), Literal::Str { symbol, .. }) => a == *symbol,
            (Val::Num(a), Literal::Num(b)) => a == *b,
            (Val::Bool(a), Literal::Bool(b)) => a == *b,
            (Val::Date(a), Literal::Str { date: Some(b), .. }) => a == *b,
            (Val::Missing, Literal::Null) => true,
            _ => false,
        };
        let order = || match (value, literal) {
            (Val::Num(a), Literal::Num(b)) => a.partial_cmp(b),
            (Val::Date(a), Literal::Str { date: Some(b), .. }) => Some(a.cmp(b)),
            _ => None,
        };
        match op {
            Operator::Exists => value != Val::Missing,
            Operator::NotExists => value == Val::Missing,
            Operator::Eq => eq(literal),
            Operator::Ne => !eq(literal),
            Operator::In | Operator::NotIn => {
                let found = match literal {
                    Literal::List(items) => items.iter().any(eq),
                    other => eq(other),
                };
                found == (op == Operator::In)
            }
            Operator::Contains => match (value, literal) {
                (Val::List, Literal::Str { symbol, .. }) => self.c.lists[attr].contains(symbol),
                (Val::Sym(a), Literal::Str { symbol, .. }) => {
                    a == *symbol || self.plan.symbols[a as usize].contains(self.plan.symbols[*symbol as usize].as_str())
                }
                _ => false,
            },
            Operator::Gt => order() == Some(Greater),
            Operator::Gte => matches!(order(), Some(Greater | Equal)),
            Operator::Lt => order() == Some(Less),
            Operator::Lte => matches!(order(), Some(Less | Equal)),
        }
    }

    /// A condition and whether it holds, in words, for traces.
    pub(super) fn explain(&self, cond: &Cond, t: i64, journey: Option<usize>) -> String {
        let plan = self.plan;
        let holds = self.eval(cond, t, i64::MIN, journey);
        let list = |conds: &[Cond]| conds.iter().map(|c| self.explain(c, t, journey)).collect::<Vec<_>>().join(", ");
        let text = match cond {
            Cond::All(conds) => format!("all of [{}]", list(conds)),
            Cond::Any(conds) => format!("any of [{}]", list(conds)),
            Cond::Not(inner) => format!("not ({})", self.explain(inner, t, journey)),
            Cond::Never => "an unknown message".to_owned(),
            Cond::Engaged { node, engagement } => {
                let id = journey.map_or("?", |j| plan.journeys[j].nodes[*node as usize].id.as_str());
                let what = match engagement {
                    Engagement::Delivered => "delivered",
                    Engagement::Opened => "opened",
                    Engagement::Clicked => "clicked",
                };
                format!("`{id}` {what}")
            }
            Cond::Event { event, within, min } => {
                let count =
                    self.c.history[*event as usize].iter().filter(|at| within.is_none_or(|w| **at >= t - w)).count();
                format!(
                    "`{}` {}× {}(needs {min})",
                    plan.events[*event as usize],
                    count,
                    within.map_or(String::new(), |w| format!("in the last {} ", span(w)))
                )
            }
            Cond::Attr { attr, op, .. } => {
                format!("`{}` is {} ({op:?})", plan.attr_names[*attr as usize], self.attribute(*attr as usize))
            }
        };
        format!("{text}: {}", if holds { "yes" } else { "no" })
    }

    /// The customer's value of an attribute, in words.
    fn attribute(&self, attr: usize) -> String {
        let plan = self.plan;
        match self.c.attrs[attr] {
            Val::Missing => "not set".to_owned(),
            Val::Sym(s) => format!("`{}`", plan.symbols[s as usize]),
            Val::Num(x) => format!("{x}"),
            Val::Bool(b) => format!("{b}"),
            Val::Date(d) => time::format_date(d),
            Val::List => {
                let items: Vec<&str> = self.c.lists[attr].iter().map(|s| plan.symbols[*s as usize].as_str()).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }
}
