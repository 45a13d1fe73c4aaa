//! A customer's stay in a journey: entering (triggers, re-entry rules, exit criteria that
//! already hold), goals, and leaving, token by token or all at once.

use super::Run;
use super::queue::{Action, Class};
use super::tally::{Group, Story};
use super::trace::{Place, span, trace};
use crate::model::ReentryMode;
use crate::simulate::plan::EntryPlan;
use crate::simulate::report::StepKind;
use crate::simulate::rng::hash_text;
use crate::simulate::time::HOUR;

impl Run<'_> {
    /// A segment, schedule or date-attribute entry is due; a recurring schedule is queued again.
    pub(super) fn scheduled_entry(&mut self, t: i64, j: usize, node: u32) {
        let journey = &self.plan.journeys[j];
        let entry = journey.entry(node);
        if let Some(EntryPlan::Schedule { repeat, .. }) = entry
            && *repeat > 0
        {
            self.schedule(
                t.saturating_add(*repeat),
                Class::Ordinary,
                journey.rank,
                Action::Enter { journey: j as u16, node },
            );
        }
        let (allowed, why) = match entry {
            Some(EntryPlan::Segment(cond)) => (self.eval(cond, t, i64::MIN, None), "the segment condition holds"),
            Some(EntryPlan::Schedule { audience: Some(cond), .. }) => {
                (self.eval(cond, t, i64::MIN, None), "scheduled entry; in the audience")
            }
            Some(EntryPlan::Schedule { .. }) => (true, "scheduled entry"),
            _ => (true, "the date attribute came"),
        };
        if allowed {
            self.try_enter(j, node, t, why);
        }
    }

    /// Enters journey `j` at entry node `node`, unless the re-entry rules or an exit criterion
    /// keep the customer out.
    pub(super) fn try_enter(&mut self, j: usize, node: u32, t: i64, why: &str) {
        if !self.may_enter(j, node, t) {
            return;
        }
        if self.c.instances[j].ever {
            self.close(j);
        } else {
            self.tally.journey_customers[j] += 1;
        }
        self.tally.journey_entries[j] += 1;
        self.c.entered_any = true;
        let instance = &mut self.c.instances[j];
        instance.active = true;
        instance.ever = true;
        instance.entered_at = t;
        instance.epoch += 1;
        instance.tokens = 1;
        instance.holdout = false;
        instance.goals_done = 0;
        instance.engagement.iter_mut().for_each(|e| *e = 0);
        let epoch = instance.epoch;
        trace!(self, t, StepKind::Entered, Place::node(j, node), "{why}");
        self.arrive(j, node, t, epoch);
    }

    /// Whether the re-entry rules and the exit criteria let the customer enter now; an
    /// `always` re-entry ends the current stay first.
    fn may_enter(&mut self, j: usize, node: u32, t: i64) -> bool {
        let journey = &self.plan.journeys[j];
        let instance = &self.c.instances[j];
        if instance.active {
            if journey.reentry != ReentryMode::Always || t - instance.entered_at < journey.cooldown {
                return false;
            }
            self.remove(j, t, || "entered again (re-entry: always)".to_owned());
        } else if instance.ever {
            if journey.reentry == ReentryMode::Never {
                return false;
            }
            if t < instance.exited_at + journey.cooldown {
                trace!(
                    self,
                    t,
                    StepKind::NotEntered,
                    Place::node(j, node),
                    "re-entry cooldown: left at {}, may enter again after {}",
                    self.clock(instance.exited_at),
                    span(journey.cooldown)
                );
                return false;
            }
        }
        if let Some((id, _)) = journey.exit_criteria.iter().find(|(_, cond)| self.eval(cond, t, t, Some(j))) {
            trace!(self, t, StepKind::NotEntered, Place::node(j, node), "exit criterion `{id}` already holds");
            return false;
        }
        true
    }

    /// Counts a finished (or last) stay in a journey toward its goals' entries.
    pub(super) fn close(&mut self, j: usize) {
        let journey = &self.plan.journeys[j];
        let group = Group::of(self.c.instances[j].holdout) as usize;
        for g in 0..journey.goals.len() {
            self.tally.goal_entries[journey.goal_base + g][group] += 1;
        }
    }

    /// Removes the customer from journey `j` wherever its tokens are.
    fn remove(&mut self, j: usize, t: i64, why: impl FnOnce() -> String) {
        // The reason is only put in words for a trace.
        let why = if self.c.trace.is_some() { why() } else { String::new() };
        let epoch = self.c.instances[j].epoch;
        let mut i = 0;
        while i < self.c.parked.len() {
            let p = self.c.parked[i];
            if p.journey as usize == j && p.epoch == epoch {
                self.node_counts(j, p.node).exited += 1;
                self.fingerprint_node(j, p.node, Story::Removed, t);
                trace!(self, t, StepKind::Exited, Place::node(j, p.node), "removed: {why}");
                self.c.parked.remove(i);
            } else {
                i += 1;
            }
        }
        let instance = &mut self.c.instances[j];
        instance.active = false;
        instance.tokens = 0;
        instance.exited_at = t;
        instance.epoch += 1;
    }

    /// One token of journey `j` is done; the stay ends with the last.
    pub(super) fn end_token(&mut self, j: usize, t: i64) {
        let instance = &mut self.c.instances[j];
        instance.tokens = instance.tokens.saturating_sub(1);
        if instance.tokens == 0 && instance.active {
            instance.active = false;
            instance.exited_at = t;
        }
    }

    /// Applies journey `j`'s exit criteria and counts the goals reached; a goal that exits
    /// removes the customer.
    pub(super) fn check_goals(&mut self, j: usize, t: i64) {
        let journey = &self.plan.journeys[j];
        if !self.c.instances[j].ever {
            return;
        }
        let entered = self.c.instances[j].entered_at;
        if self.c.instances[j].active
            && let Some((id, _)) = journey.exit_criteria.iter().find(|(_, cond)| self.eval(cond, t, entered, Some(j)))
        {
            self.remove(j, t, || format!("exit criterion `{id}` holds"));
        }
        for (g, goal) in journey.goals.iter().enumerate() {
            let instance = &self.c.instances[j];
            if instance.goals_done & (1 << (g % 64)) != 0 {
                continue;
            }
            let open = match goal.within {
                Some(within) => t - entered <= within,
                None => instance.active,
            };
            if open && self.eval(&goal.condition, t, entered, Some(j)) {
                self.reach_goal(j, g, t);
            }
        }
    }

    fn reach_goal(&mut self, j: usize, g: usize, t: i64) {
        let journey = &self.plan.journeys[j];
        let goal = &journey.goals[g];
        let instance = &mut self.c.instances[j];
        let (entered, active) = (instance.entered_at, instance.active);
        let group = Group::of(instance.holdout) as usize;
        instance.goals_done |= 1 << (g % 64);
        self.fingerprint(j, hash_text(&goal.id), Story::Goal, t);
        let index = journey.goal_base + g;
        self.tally.goal_converted[index][group] += 1;
        let hours = &mut self.tally.goal_hours[index][group];
        let hour = (((t - entered) / HOUR) as usize).min(hours.len() - 1);
        hours[hour] += 1;
        trace!(
            self,
            t,
            StepKind::Goal,
            Place::journey(j),
            "reached goal `{}` {} after entry{}",
            goal.id,
            span(t - entered),
            if goal.exit && active {
                "; the goal exits the journey"
            } else if active {
                ""
            } else {
                " (after leaving the journey, within the goal's window)"
            }
        );
        if goal.exit && active {
            self.remove(j, t, || format!("goal `{}` reached", goal.id));
        }
    }

    /// Attributes changed: exit criteria, goals and segment entries may now hold, journey by
    /// journey in priority order.
    pub(super) fn after_update(&mut self, t: i64) {
        let plan = self.plan;
        for &j in &plan.by_priority {
            self.check_goals(j, t);
            for (node, entry) in &plan.journeys[j].entries {
                if let EntryPlan::Segment(cond) = entry
                    && !self.c.instances[j].active
                    && self.eval(cond, t, i64::MIN, None)
                {
                    self.try_enter(j, *node, t, "the segment condition became true");
                }
            }
        }
    }
}
