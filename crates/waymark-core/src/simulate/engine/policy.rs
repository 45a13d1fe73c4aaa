//! Messaging policies applied to a message about to be sent: channel, holdout, reachability,
//! consent, quiet hours, minimum gaps and frequency caps, the journey's own and the workspace's;
//! then the send itself, its conflicts and the opens and clicks it will get.

use super::Run;
use super::customer::Sent;
use super::queue::{Action, Class, after};
use super::tally::{Story, Suppression};
use super::trace::{Place, span, trace};
use crate::condition::Engagement;
use crate::model::Channel;
use crate::simulate::plan::{CHANNELS, PolicyPlan, Step, channel_index, engagement_bit};
use crate::simulate::report::{ConflictKind, StepKind};
use crate::simulate::time::{self, DAY};

/// What quiet hours do to a message.
enum Quiet {
    /// Not in quiet hours (or none apply).
    Outside,
    /// Held until then.
    Deferred(i64),
    Dropped,
}

impl Run<'_> {
    /// Applies the policies to the message of node `n`: None when the token moves on (sent or
    /// suppressed), Some(time) when the message is held until then.
    pub(super) fn message(&mut self, j: usize, n: u32, t: i64) -> Option<i64> {
        let journey = &self.plan.journeys[j];
        let Step::Message { channel, marketing, message } = journey.nodes[n as usize].step else { return None };
        let Some(channel) = channel else {
            self.suppress(j, n, t, Suppression::NoChannel, || "the message has no channel".into());
            return None;
        };
        if !self.deliverable(j, n, t, channel, marketing) {
            return None;
        }
        let ch = channel_index(channel);
        if marketing {
            match self.quiet(j, n, t, ch) {
                Quiet::Outside => {}
                Quiet::Deferred(at) => return Some(at),
                Quiet::Dropped => return None,
            }
            if !self.within_gaps_and_caps(j, n, t, ch) {
                return None;
            }
        }
        self.send(j, n, t, ch, marketing, journey.message_base + message as usize);
        None
    }

    /// Suppresses the message unless the customer is in the treatment group, reachable on
    /// the channel and, for marketing the policies require consent for, has consented.
    fn deliverable(&mut self, j: usize, n: u32, t: i64, channel: Channel, marketing: bool) -> bool {
        let plan = self.plan;
        let bit = 1 << channel_index(channel);
        if self.c.instances[j].holdout {
            self.suppress(j, n, t, Suppression::Holdout, || "holdout: this customer is in the control group".into());
            return false;
        }
        if self.c.reach & bit == 0 {
            self.suppress(j, n, t, Suppression::Unreachable, || format!("not reachable on {channel}"));
            return false;
        }
        let required = (plan.journeys[j].policy.consent | plan.workspace.consent) & bit != 0;
        if marketing && required && self.c.consent & bit == 0 {
            self.suppress(j, n, t, Suppression::NoConsent, || format!("no {channel} marketing consent"));
            return false;
        }
        true
    }

    /// Quiet hours, the journey's first, in the customer's local time.
    fn quiet(&mut self, j: usize, n: u32, t: i64, ch: usize) -> Quiet {
        let plan = self.plan;
        let zone = &plan.zones[self.c.zone].1;
        let minute = time::minute_of_day(time::local(plan.start_epoch, zone, t));
        for policy in [&plan.journeys[j].policy, &plan.workspace] {
            let Some(quiet) = &policy.quiet else { continue };
            if !quiet.applies(ch) || !quiet.contains(minute) {
                continue;
            }
            let (text, label) = (&quiet.text, policy.label);
            if !quiet.defer {
                self.tally.conflict(ConflictKind::QuietDropped, self.c.index);
                let reason = || format!("quiet hours {text} ({label} policy) in local time: dropped");
                self.suppress(j, n, t, Suppression::QuietHours, reason);
                return Quiet::Dropped;
            }
            let at = time::next_local_time(plan.start_epoch, zone, t, quiet.end, 0);
            self.tally.conflict(ConflictKind::QuietDeferred, self.c.index);
            trace!(
                self,
                t,
                StepKind::Deferred,
                Place::node(j, n),
                "quiet hours {text} ({label} policy) in local time: held until {}",
                self.clock(at)
            );
            return Quiet::Deferred(at.max(t + 1));
        }
        Quiet::Outside
    }

    /// Minimum gaps and frequency caps, the journey's (its own messages) and then the
    /// workspace's (every journey's); false when one suppressed the message.
    fn within_gaps_and_caps(&mut self, j: usize, n: u32, t: i64, ch: usize) -> bool {
        let plan = self.plan;
        for (policy, scope) in [(&plan.journeys[j].policy, Some(j as u16)), (&plan.workspace, None)] {
            if let Some(reason) = self.gap(policy, scope, ch, t) {
                self.tally.conflict(ConflictKind::MinGap, self.c.index);
                self.suppress(j, n, t, Suppression::MinGap, reason);
                return false;
            }
            if let Some((reason, other)) = self.cap(policy, scope, j, ch, t) {
                self.tally.conflict(ConflictKind::CapSuppressed, self.c.index);
                if let Some(other) = other {
                    self.tally.cross_journey(j, other, self.c.index);
                }
                let reason = || match other {
                    Some(o) => {
                        format!("{}; the latest message it counts came from `{}`", reason(), plan.journeys[o].id)
                    }
                    None => reason(),
                };
                self.suppress(j, n, t, Suppression::FrequencyCap, reason);
                return false;
            }
        }
        true
    }

    /// The minimum-gap rule a message would break, as a closure that puts it in words.
    fn gap(
        &self,
        policy: &PolicyPlan,
        scope: Option<u16>,
        ch: usize,
        t: i64,
    ) -> Option<impl FnOnce() -> String + use<>> {
        let longest = policy.gap_same.max(policy.gap_across);
        if longest <= 0 {
            return None;
        }
        let earlier = self.c.sends.iter().rev().take_while(|s| t - s.t < longest);
        for s in earlier.filter(|s| s.marketing && scope.is_none_or(|only| s.journey == only)) {
            let same = s.channel as usize == ch;
            let gap = if same { policy.gap_same } else { policy.gap_across };
            if t - s.t < gap {
                let (label, channel, ago) = (policy.label, CHANNELS[s.channel as usize], t - s.t);
                return Some(move || {
                    format!(
                        "min gap {} {} channel ({label} policy): the last {channel} message was {} ago",
                        span(gap),
                        if same { "on the same" } else { "across" },
                        span(ago)
                    )
                });
            }
        }
        None
    }

    /// The frequency cap a message of journey `j` would break, as a closure that puts it in
    /// words, and the other journey whose message took the room (the latest of the messages the
    /// cap counts that came from another journey), when there is one.
    fn cap(
        &self,
        policy: &PolicyPlan,
        scope: Option<u16>,
        j: usize,
        ch: usize,
        t: i64,
    ) -> Option<(impl FnOnce() -> String + use<>, Option<usize>)> {
        for cap in &policy.caps {
            if cap.channel.is_some_and(|c| c != ch) {
                continue;
            }
            let mut counted = self
                .c
                .sends
                .iter()
                .rev()
                .take_while(|s| t - s.t < cap.window)
                .filter(|s| s.marketing && scope.is_none_or(|only| s.journey == only))
                .filter(|s| cap.channel.is_none_or(|c| c == s.channel as usize));
            if counted.clone().count() < cap.max as usize {
                continue;
            }
            let other = counted.find(|s| s.journey as usize != j).map(|s| s.journey as usize);
            let (label, cap) = (policy.label, *cap);
            let reason = move || {
                format!(
                    "frequency cap {} {}per {} ({label} policy) reached",
                    cap.max,
                    cap.channel.map_or(String::new(), |c| format!("{} ", CHANNELS[c])),
                    span(cap.window)
                )
            };
            return Some((reason, other));
        }
        None
    }

    fn suppress(&mut self, j: usize, n: u32, t: i64, reason: Suppression, text: impl FnOnce() -> String) {
        self.count_suppressed(j, n, reason);
        self.fingerprint_node(j, n, Story::Suppressed(reason), t);
        if self.c.trace.is_some() {
            self.step(t, StepKind::Suppressed, Place::node(j, n), text());
        }
    }

    /// Sends message `id` (run-wide index) of node `n` on channel `ch`, notes its conflicts
    /// with earlier messages, and draws whether and when it is opened and clicked.
    fn send(&mut self, j: usize, n: u32, t: i64, ch: usize, marketing: bool, id: usize) {
        let plan = self.plan;
        let id = id as u32;
        if self.c.sent_messages.contains(&id) {
            self.tally.conflict(ConflictKind::DuplicateMessage, self.c.index);
        } else {
            self.c.sent_messages.push(id);
        }
        let latest = self.c.latest.filter(|s| s.journey as usize != j).or(self.c.latest_other);
        if let Some(other) = latest.filter(|s| t - s.t < DAY) {
            self.tally.cross_journey(j, other.journey as usize, self.c.index);
            let other_id = &plan.journeys[other.journey as usize].id;
            let ago = t - other.t;
            trace!(
                self,
                t,
                StepKind::Sent,
                Place::node(j, n),
                "note: `{other_id}` messaged this customer {} ago",
                span(ago)
            );
        }
        let sent = Sent { t, channel: ch as u8, journey: j as u16, marketing };
        if self.c.latest.is_some_and(|s| s.journey != sent.journey) {
            self.c.latest_other = self.c.latest;
        }
        self.c.latest = Some(sent);
        self.c.sends.push(sent);
        self.fingerprint_node(j, n, Story::Sent(ch), t);
        self.tally.sent += 1;
        self.tally.journey_sent[j] += 1;
        self.tally.per_day[(t / DAY) as usize][ch] += 1;
        let local = time::local(plan.start_epoch, &plan.zones[self.c.zone].1, t);
        self.tally.local_hour[ch][(time::minute_of_day(local) / 60) as usize] += 1;
        let instance = &mut self.c.instances[j];
        instance.engagement[n as usize] |= engagement_bit(Engagement::Delivered);
        let epoch = instance.epoch;
        trace!(self, t, StepKind::Sent, Place::node(j, n), "sent by {}", CHANNELS[ch]);
        self.schedule_engagement(j, n, t, ch, epoch);
    }

    /// Whether and when the customer opens, then clicks, the message just sent.
    fn schedule_engagement(&mut self, j: usize, n: u32, t: i64, ch: usize, epoch: u32) {
        let model = self.plan.channels[ch];
        let rank = self.plan.journeys[j].rank;
        if !self.c.rng.chance(model.open) {
            return;
        }
        let action = |engagement| Action::Engage { journey: j as u16, node: n, epoch, engagement, channel: ch as u8 };
        let opened = after(t, self.c.rng.exponential(model.open_delay));
        self.schedule(opened, Class::Ordinary, rank, action(Engagement::Opened));
        if self.c.rng.chance(model.click) {
            let clicked = after(opened, self.c.rng.exponential(model.click_delay));
            self.schedule(clicked, Class::Ordinary, rank, action(Engagement::Clicked));
        }
    }
}
