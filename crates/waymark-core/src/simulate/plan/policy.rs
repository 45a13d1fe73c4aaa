//! Compiled messaging policies: frequency caps, quiet hours, minimum gaps and consent, the same
//! shape for a journey's own policy and the scenario's workspace policy.

use super::{Compiler, channel_index};
use crate::model::{Policies, QuietAction};
use crate::simulate::scenario::Scenario;
use crate::simulate::time;

#[derive(Debug, Default)]
pub(crate) struct PolicyPlan {
    pub caps: Vec<CapPlan>,
    pub quiet: Option<QuietPlan>,
    pub gap_same: i64,
    pub gap_across: i64,
    /// Channel bit set.
    pub consent: u8,
    /// Whose policy it is, for traces: `journey` or `workspace`.
    pub label: &'static str,
}

/// At most `max` messages per `window` seconds, on one channel or (without) across all.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CapPlan {
    pub channel: Option<usize>,
    pub max: u32,
    pub window: i64,
}

#[derive(Debug)]
pub(crate) struct QuietPlan {
    pub start: i64,
    pub end: i64,
    pub defer: bool,
    /// Channel bit set; 0 for every channel.
    pub channels: u8,
    pub text: String,
}

impl QuietPlan {
    pub fn applies(&self, channel: usize) -> bool {
        self.channels == 0 || self.channels & (1 << channel) != 0
    }

    /// True when `minute` (of the local day) falls in the quiet window.
    pub fn contains(&self, minute: i64) -> bool {
        if self.start <= self.end {
            self.start <= minute && minute < self.end
        } else {
            minute >= self.start || minute < self.end
        }
    }
}

impl Compiler {
    pub(super) fn policy(&self, policies: &Policies, label: &'static str) -> PolicyPlan {
        PolicyPlan {
            caps: policies
                .frequency_caps
                .iter()
                .map(|cap| CapPlan {
                    channel: cap.channel.map(channel_index),
                    max: cap.max,
                    window: cap.window.seconds().max(1),
                })
                .collect(),
            quiet: policies.quiet_hours.as_ref().and_then(|q| {
                Some(QuietPlan {
                    start: time::parse_hhmm(&q.start)?,
                    end: time::parse_hhmm(&q.end)?,
                    defer: q.action == QuietAction::Defer,
                    channels: q.channels.iter().fold(0, |m, c| m | 1 << channel_index(*c)),
                    text: format!("{}–{}", q.start, q.end),
                })
            }),
            gap_same: policies.min_gap.as_ref().and_then(|g| g.same_channel).map_or(0, |d| d.seconds()),
            gap_across: policies.min_gap.as_ref().and_then(|g| g.across_channels).map_or(0, |d| d.seconds()),
            consent: policies.consent_required.iter().fold(0, |m, c| m | 1 << channel_index(*c)),
            label,
        }
    }

    /// The scenario's workspace policy, which holds across journeys; none when it has none.
    pub(super) fn workspace_policy(&self, scenario: &Scenario) -> PolicyPlan {
        scenario
            .policy
            .as_ref()
            .map(|p| self.policy(p, "workspace"))
            .unwrap_or(PolicyPlan { label: "workspace", ..PolicyPlan::default() })
    }
}
