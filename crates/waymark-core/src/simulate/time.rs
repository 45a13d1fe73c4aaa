//! Simulated time and the customer's local time.
//!
//! Simulated time is whole seconds since the scenario's start (midnight UTC of its first day).
//! Local time comes from a table of UTC offsets per time zone, built once per run with chrono-tz
//! for the scenario's horizon, so that the hot loop never searches the time zone database.

use chrono::{NaiveDate, NaiveDateTime, Offset, TimeZone};

pub const DAY: i64 = 86_400;
pub const HOUR: i64 = 3_600;

/// The UTC offsets of one time zone over the simulated period.
#[derive(Debug, Clone)]
pub struct ZoneTable {
    /// (simulated time from which it applies, offset in seconds), sorted; the first starts at `i64::MIN`.
    changes: Vec<(i64, i64)>,
}

impl ZoneTable {
    /// A zone with a fixed offset (UTC is 0).
    pub fn fixed(offset: i64) -> ZoneTable {
        ZoneTable { changes: vec![(i64::MIN, offset)] }
    }

    /// The offsets of `zone` from a little before `start_epoch` to a little after the horizon.
    pub fn new(zone: chrono_tz::Tz, start_epoch: i64, horizon: i64) -> ZoneTable {
        let offset_at = |epoch: i64| {
            chrono::DateTime::from_timestamp(epoch, 0)
                .map(|utc| i64::from(zone.offset_from_utc_datetime(&utc.naive_utc()).fix().local_minus_utc()))
                .unwrap_or(0)
        };
        let mut changes = vec![(i64::MIN, offset_at(start_epoch - 2 * DAY))];
        // Offsets change at most a few times a year: sample daily, and find the second of each
        // change by bisection.
        let mut t = -2 * DAY;
        while t <= horizon + 9 * DAY {
            let before = changes.last().map_or(0, |c| c.1);
            let offset = offset_at(start_epoch + t + DAY);
            if offset != before {
                let (mut low, mut high) = (t, t + DAY);
                while high - low > 1 {
                    let middle = low + (high - low) / 2;
                    if offset_at(start_epoch + middle) == before {
                        low = middle;
                    } else {
                        high = middle;
                    }
                }
                changes.push((high, offset_at(start_epoch + high)));
            }
            t += DAY;
        }
        ZoneTable { changes }
    }

    /// The offset in seconds at simulated time `t`.
    pub fn offset(&self, t: i64) -> i64 {
        if self.changes.len() == 1 {
            return self.changes[0].1;
        }
        let index = self.changes.partition_point(|c| c.0 <= t);
        self.changes[index.saturating_sub(1)].1
    }
}

/// Local wall-clock time as seconds since 1970-01-01T00:00 in that zone.
pub fn local(start_epoch: i64, zone: &ZoneTable, t: i64) -> i64 {
    start_epoch + t + zone.offset(t)
}

/// The simulated time at which the local clock shows `local` (the later one in a DST gap).
pub fn from_local(start_epoch: i64, zone: &ZoneTable, local: i64) -> i64 {
    let guess = local - start_epoch - zone.offset(local - start_epoch);
    local - start_epoch - zone.offset(guess)
}

/// Minutes since local midnight.
pub fn minute_of_day(local: i64) -> i64 {
    local.rem_euclid(DAY) / 60
}

/// 0 for Monday … 6 for Sunday.
pub fn weekday(local: i64) -> u32 {
    (local.div_euclid(DAY) + 3).rem_euclid(7) as u32
}

/// The first simulated time at or after `t` when the local clock shows `minute` on an allowed
/// weekday (`weekdays` is a bit set, Monday = bit 0; 0 allows every day).
pub fn next_local_time(start_epoch: i64, zone: &ZoneTable, t: i64, minute: i64, weekdays: u8) -> i64 {
    let now = local(start_epoch, zone, t);
    let midnight = now.div_euclid(DAY) * DAY;
    for day in 0..15 {
        let candidate = midnight + day * DAY + minute * 60;
        if candidate < now {
            continue;
        }
        if weekdays != 0 && weekdays & (1 << weekday(candidate)) == 0 {
            continue;
        }
        return from_local(start_epoch, zone, candidate).max(t);
    }
    t
}

/// `HH:MM` as minutes since midnight.
pub fn parse_hhmm(text: &str) -> Option<i64> {
    let (h, m) = text.split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    ((0..24).contains(&h) && (0..60).contains(&m) && text.len() == 5).then_some(h * 60 + m)
}

/// `YYYY-MM-DD` as days since 1970-01-01.
pub fn parse_date(text: &str) -> Option<i64> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some(date.signed_duration_since(NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days())
}

/// `YYYY-MM-DDTHH:MM` as local seconds since 1970-01-01T00:00.
pub fn parse_local_datetime(text: &str) -> Option<i64> {
    let time = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").ok()?;
    Some(time.and_utc().timestamp())
}

/// Seconds since 1970 as `YYYY-MM-DD HH:MM`.
pub fn format_time(epoch: i64) -> String {
    chrono::DateTime::from_timestamp(epoch, 0)
        .map_or_else(|| epoch.to_string(), |t| t.format("%Y-%m-%d %H:%M").to_string())
}

/// Days since 1970 as `YYYY-MM-DD`.
pub fn format_date(days: i64) -> String {
    chrono::DateTime::from_timestamp(days * DAY, 0)
        .map_or_else(|| days.to_string(), |t| t.format("%Y-%m-%d").to_string())
}

/// The same calendar day one year later, in days since 1970 (28 February for 29 February).
pub fn next_year(days: i64) -> i64 {
    let Some(date) = chrono::DateTime::from_timestamp(days * DAY, 0).map(|t| t.date_naive()) else {
        return days + 365;
    };
    use chrono::Datelike;
    let next = date.with_year(date.year() + 1).or_else(|| date.with_day(28).and_then(|d| d.with_year(d.year() + 1)));
    next.map_or(days + 365, |n| n.signed_duration_since(date).num_days() + days)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_time_follows_daylight_saving() {
        // 2026-03-01 00:00 UTC; New York moves from UTC-5 to UTC-4 on 8 March 2026.
        let start = parse_date("2026-03-01").unwrap() * DAY;
        let zone = ZoneTable::new(chrono_tz::America::New_York, start, 30 * DAY);
        assert_eq!(zone.offset(0), -5 * HOUR);
        assert_eq!(zone.offset(20 * DAY), -4 * HOUR);
        // The change is at 2:00 local on 8 March, 07:00 UTC, to the second.
        assert_eq!(zone.offset(7 * DAY + 7 * HOUR - 1), -5 * HOUR);
        assert_eq!(zone.offset(7 * DAY + 7 * HOUR), -4 * HOUR);
        // The next 10:00 local on a Tuesday from Sunday 1 March is Tuesday 3 March, 15:00 UTC.
        let t = next_local_time(start, &zone, 0, 600, 1 << 1);
        assert_eq!(format_time(start + t), "2026-03-03 15:00");
        assert_eq!(weekday(local(start, &zone, t)), 1);
        assert_eq!(format_time(local(start, &zone, t)), "2026-03-03 10:00");
    }

    #[test]
    fn parses_times_and_dates() {
        assert_eq!(parse_hhmm("21:30"), Some(1290));
        assert_eq!(parse_hhmm("24:00"), None);
        assert_eq!(parse_date("1970-01-02"), Some(1));
        assert_eq!(format_date(parse_date("2024-02-29").map(next_year).unwrap()), "2025-02-28");
    }
}
