//! The customer's event queue: what will happen, and in which order things that happen at the
//! same second go.

use std::cmp::{Ordering, Reverse};

use super::Run;
use crate::condition::Engagement;

/// Something that will happen to the customer.
#[derive(Debug, Clone, Copy)]
pub(super) enum Action {
    /// A spontaneous event of process `process`, unless the process was redrawn since
    /// (`generation`); `redraw` marks the end of an engagement lift.
    Spontaneous { process: u16, generation: u32, redraw: bool },
    /// A parked token leaves through `port`.
    Resume { park: u32, port: u16 },
    /// A wait for events ran out.
    Timeout { park: u32 },
    /// A message held by quiet hours is due.
    Send { park: u32 },
    /// The customer opened or clicked the message of `node`, sent in stay `epoch`.
    Engage { journey: u16, node: u32, epoch: u32, engagement: Engagement, channel: u8 },
    /// A segment, schedule or date-attribute entry is due.
    Enter { journey: u16, node: u32 },
    /// A scripted customer does event `event` (never drawn: see `Script`).
    Scripted { event: u32 },
}

/// What goes first at the same second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(super) enum Class {
    /// Timeouts go before everything else: an event at the deadline is too late.
    Timeout = 0,
    Ordinary = 1,
}

/// Queue order: time, then class, then journey priority (rank), then the order things were
/// scheduled. The four are packed into one integer so the heap compares once: 32 bits of time
/// (simulated times are between 0 and the horizon, at most 3,660 days), 1 of class, 7 of rank
/// (journeys beyond the 128th share the last rank) and 24 of sequence (wrapping only reorders
/// actions scheduled millions apart for the same second, and still deterministically).
#[derive(Debug, Clone, Copy)]
pub(super) struct Item {
    key: u64,
    pub(super) action: Action,
}

impl Item {
    fn new(t: i64, class: Class, rank: u16, seq: u32, action: Action) -> Item {
        let time = t.clamp(0, u32::MAX as i64) as u64;
        let key =
            time << 32 | u64::from(class as u8) << 31 | u64::from(rank.min(127)) << 24 | u64::from(seq & 0xFF_FFFF);
        Item { key, action }
    }

    pub(super) fn t(&self) -> i64 {
        (self.key >> 32) as i64
    }
}

impl PartialEq for Item {
    fn eq(&self, other: &Item) -> bool {
        self.key == other.key
    }
}

impl Eq for Item {}

impl PartialOrd for Item {
    fn partial_cmp(&self, other: &Item) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Item {
    fn cmp(&self, other: &Item) -> Ordering {
        self.key.cmp(&other.key)
    }
}

/// The second after `t` plus a drawn delay of `seconds`. It saturates: a delay too long for
/// the clock (a rate near zero gives an exponential draw near infinity) falls beyond the
/// horizon and never happens, where a wrapping sum would put it in the past.
pub(super) fn after(t: i64, seconds: f64) -> i64 {
    // `as` saturates a float to the integer range (and takes NaN to 0).
    t.saturating_add(1).saturating_add(seconds as i64)
}

impl Run<'_> {
    /// Queues `action` at `t`; what would happen at or after the horizon never does.
    pub(super) fn schedule(&mut self, t: i64, class: Class, rank: u16, action: Action) {
        if t >= self.plan.horizon {
            return;
        }
        self.c.seq += 1;
        self.c.queue.push(Reverse(Item::new(t, class, rank, self.c.seq, action)));
    }

    /// The next action before the horizon, if any.
    pub(super) fn next_action(&mut self) -> Option<(i64, Action)> {
        let Reverse(item) = self.c.queue.pop()?;
        let t = item.t();
        (t < self.plan.horizon).then_some((t, item.action))
    }
}
