//! ISO 8601 durations (`PT4H`, `P3D`, `-P7D`), the form BPMN and other runtimes take as they are.
//!
//! A duration keeps its calendar components so it serializes back to the same text; `seconds()`
//! gives the nominal length (a day is 24 h, a month 30 days, a year 365 days) that validation and
//! simulation use.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ISO 8601 duration such as `P1DT12H`, possibly negative when used as an offset (`-P7D`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IsoDuration {
    pub negative: bool,
    pub years: u32,
    pub months: u32,
    pub weeks: u32,
    pub days: u32,
    pub hours: u32,
    pub minutes: u32,
    pub seconds: u32,
}

/// Why a text is not an ISO 8601 duration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError {
    pub text: String,
    pub reason: &'static str,
}

impl IsoDuration {
    pub const fn from_seconds(seconds: u32) -> IsoDuration {
        IsoDuration { negative: false, years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds }
    }

    /// The nominal length in seconds, negative for negative durations.
    pub fn seconds(&self) -> i64 {
        let magnitude = i64::from(self.years) * 365 * 86_400
            + i64::from(self.months) * 30 * 86_400
            + i64::from(self.weeks) * 7 * 86_400
            + i64::from(self.days) * 86_400
            + i64::from(self.hours) * 3_600
            + i64::from(self.minutes) * 60
            + i64::from(self.seconds);
        if self.negative { -magnitude } else { magnitude }
    }

    /// True when the duration is longer than nothing.
    pub fn is_positive(&self) -> bool {
        self.seconds() > 0
    }
}

/// The units a duration form offers, smallest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DurationUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
}

impl DurationUnit {
    pub const ALL: [DurationUnit; 4] =
        [DurationUnit::Minutes, DurationUnit::Hours, DurationUnit::Days, DurationUnit::Weeks];

    fn seconds(self) -> i64 {
        match self {
            DurationUnit::Minutes => 60,
            DurationUnit::Hours => 3_600,
            DurationUnit::Days => 86_400,
            DurationUnit::Weeks => 604_800,
        }
    }
}

/// A duration as a form shows it: `3` `days`, negative for offsets such as `-P7D`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct AmountUnit {
    pub amount: u32,
    pub unit: DurationUnit,
    pub negative: bool,
}

impl IsoDuration {
    /// The amount and unit a form shows, or `None` when no single form unit expresses it exactly
    /// (years, months, seconds): the form then offers the raw text. A single component keeps its
    /// unit (`P7D` is 7 days, not 1 week), so opening and leaving a form never rewrites the document.
    pub fn amount_unit(&self) -> Option<AmountUnit> {
        if self.years > 0 || self.months > 0 || self.seconds > 0 {
            return None;
        }
        let negative = self.negative;
        let used: Vec<(u32, DurationUnit)> = [
            (self.weeks, DurationUnit::Weeks),
            (self.days, DurationUnit::Days),
            (self.hours, DurationUnit::Hours),
            (self.minutes, DurationUnit::Minutes),
        ]
        .into_iter()
        .filter(|(value, _)| *value > 0)
        .collect();
        match used.as_slice() {
            [] => Some(AmountUnit { amount: 0, unit: DurationUnit::Days, negative }),
            [(amount, unit)] => Some(AmountUnit { amount: *amount, unit: *unit, negative }),
            _ => {
                // Several components: the largest unit that expresses the total exactly.
                let total = self.seconds().abs();
                DurationUnit::ALL.iter().rev().find(|unit| total % unit.seconds() == 0).and_then(|&unit| {
                    let amount = u32::try_from(total / unit.seconds()).ok()?;
                    Some(AmountUnit { amount, unit, negative })
                })
            }
        }
    }

    /// The duration a form's amount and unit stand for: minutes `PT30M`, days `P3D`, weeks `P2W`.
    pub fn from_amount_unit(value: AmountUnit) -> IsoDuration {
        let mut duration = IsoDuration { negative: value.negative && value.amount > 0, ..IsoDuration::default() };
        match value.unit {
            DurationUnit::Minutes => duration.minutes = value.amount,
            DurationUnit::Hours => duration.hours = value.amount,
            DurationUnit::Days => duration.days = value.amount,
            DurationUnit::Weeks => duration.weeks = value.amount,
        }
        duration
    }

    /// The duration in words for the canvas: `3 days`, `1 day 12 hours`, `−7 days`.
    pub fn humanize(&self) -> String {
        let parts = [
            (self.years, "year", "years"),
            (self.months, "month", "months"),
            (self.weeks, "week", "weeks"),
            (self.days, "day", "days"),
            (self.hours, "hour", "hours"),
            (self.minutes, "minute", "minutes"),
            (self.seconds, "second", "seconds"),
        ];
        let words: Vec<String> = parts
            .iter()
            .filter(|(value, _, _)| *value > 0)
            .map(|(value, one, many)| format!("{value} {}", if *value == 1 { one } else { many }))
            .collect();
        if words.is_empty() {
            return "0 seconds".to_owned();
        }
        format!("{}{}", if self.negative { "−" } else { "" }, words.join(" "))
    }
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        let date = [(self.years, 'Y'), (self.months, 'M'), (self.weeks, 'W'), (self.days, 'D')];
        for (value, unit) in date {
            if value > 0 {
                write!(f, "{value}{unit}")?;
            }
        }
        let time = [(self.hours, 'H'), (self.minutes, 'M'), (self.seconds, 'S')];
        if time.iter().any(|(value, _)| *value > 0) {
            f.write_str("T")?;
            for (value, unit) in time {
                if value > 0 {
                    write!(f, "{value}{unit}")?;
                }
            }
        } else if date.iter().all(|(value, _)| *value == 0) {
            // The zero duration still needs one component to be valid ISO 8601.
            f.write_str("T0S")?;
        }
        Ok(())
    }
}

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not an ISO 8601 duration ({}); write it like `PT4H`, `P3D` or `P1DT12H`",
            self.text, self.reason
        )
    }
}

impl std::error::Error for DurationError {}

impl FromStr for IsoDuration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |reason| DurationError { text: text.to_owned(), reason };
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let rest = rest.strip_prefix('P').ok_or_else(|| fail("it must start with `P`"))?;
        if rest.is_empty() {
            return Err(fail("it has no components"));
        }
        let mut duration = IsoDuration { negative, ..IsoDuration::default() };
        let mut in_time = false;
        let mut number = String::new();
        // Units must appear in this order; the index only moves forward.
        let mut last_unit = 0usize;
        let mut components = 0;
        for c in rest.chars() {
            match c {
                '0'..='9' => number.push(c),
                'T' if !in_time && number.is_empty() => {
                    in_time = true;
                    last_unit = 4;
                }
                'Y' | 'M' | 'W' | 'D' | 'H' | 'S' => {
                    if number.is_empty() {
                        return Err(fail("a unit has no number before it"));
                    }
                    let value: u32 = number.parse().map_err(|_| fail("a number is too large"))?;
                    number.clear();
                    let unit = match (c, in_time) {
                        ('Y', false) => 1,
                        ('M', false) => 2,
                        ('W', false) => 3,
                        ('D', false) => 4,
                        ('H', true) => 5,
                        ('M', true) => 6,
                        ('S', true) => 7,
                        _ => return Err(fail("a unit is in the wrong part (date units before `T`, time units after)")),
                    };
                    if unit <= last_unit {
                        return Err(fail("units are repeated or out of order"));
                    }
                    last_unit = unit;
                    components += 1;
                    let slot = match unit {
                        1 => &mut duration.years,
                        2 => &mut duration.months,
                        3 => &mut duration.weeks,
                        4 => &mut duration.days,
                        5 => &mut duration.hours,
                        6 => &mut duration.minutes,
                        _ => &mut duration.seconds,
                    };
                    *slot = value;
                }
                '.' | ',' => return Err(fail("fractions are not supported; use a smaller unit")),
                _ => return Err(fail("it contains an unexpected character")),
            }
        }
        if !number.is_empty() {
            return Err(fail("a number has no unit after it"));
        }
        if components == 0 {
            return Err(fail("it has no components"));
        }
        Ok(duration)
    }
}

impl Serialize for IsoDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDuration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for IsoDuration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IsoDuration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "An ISO 8601 duration such as `PT4H`, `P3D` or `-P7D` (negative only for offsets).",
            "pattern": "^[-+]?P(?:\\d+Y)?(?:\\d+M)?(?:\\d+W)?(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?$"
        })
    }
}

/// In TypeScript a duration is its ISO 8601 text.
impl ts_rs::TS for IsoDuration {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;

    fn name(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }

    fn inline(_: &ts_rs::Config) -> String {
        "string".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        let got = match text.parse::<IsoDuration>() {
            Ok(duration) => format!("{duration} = {}s", duration.seconds()),
            Err(error) => format!("error: {}", error.reason),
        };
        assert_eq!(got, expect, "parsing {text:?}");
    }

    #[test]
    fn parses_and_prints_canonically() {
        check("PT4H", "PT4H = 14400s");
        check("P3D", "P3D = 259200s");
        check("P1DT12H", "P1DT12H = 129600s");
        check("-P7D", "-P7D = -604800s");
        check("P1W", "P1W = 604800s");
        check("P1DT0H", "P1D = 86400s");
        check("PT0S", "PT0S = 0s");
        check("P0D", "PT0S = 0s");
        check("P1Y2M", "P1Y2M = 36720000s");
        check("PT90M", "PT90M = 5400s");
    }

    #[test]
    fn forms_show_one_unit_and_keep_the_authors_unit() {
        let shown =
            |text: &str| text.parse::<IsoDuration>().unwrap().amount_unit().map(|a| (a.amount, a.unit, a.negative));
        assert_eq!(shown("P7D"), Some((7, DurationUnit::Days, false)), "7 days stay days");
        assert_eq!(shown("P1DT12H"), Some((36, DurationUnit::Hours, false)));
        assert_eq!(shown("-P2W"), Some((2, DurationUnit::Weeks, true)));
        assert_eq!(shown("PT30S"), None, "seconds have no form unit");
        assert_eq!(shown("PT0S"), Some((0, DurationUnit::Days, false)), "nothing shows as 0 days");
        assert_eq!(shown("P1M"), None);
        let written =
            IsoDuration::from_amount_unit(AmountUnit { amount: 30, unit: DurationUnit::Minutes, negative: false });
        assert_eq!(written.to_string(), "PT30M");
        let offset = IsoDuration::from_amount_unit(AmountUnit { amount: 7, unit: DurationUnit::Days, negative: true });
        assert_eq!(offset.to_string(), "-P7D");
    }

    #[test]
    fn durations_read_as_words() {
        let words = |text: &str| text.parse::<IsoDuration>().unwrap().humanize();
        assert_eq!(words("P3D"), "3 days");
        assert_eq!(words("P1DT12H"), "1 day 12 hours");
        assert_eq!(words("PT1M"), "1 minute");
        assert_eq!(words("-P7D"), "−7 days");
        assert_eq!(words("PT0S"), "0 seconds");
    }

    #[test]
    fn rejects_what_is_not_iso_8601() {
        check("", "error: it must start with `P`");
        check("3 days", "error: it must start with `P`");
        check("P", "error: it has no components");
        check("PT", "error: it has no components");
        check("P3", "error: a number has no unit after it");
        check("PD", "error: a unit has no number before it");
        check("P1H", "error: a unit is in the wrong part (date units before `T`, time units after)");
        check("PT1D", "error: a unit is in the wrong part (date units before `T`, time units after)");
        check("P1D2D", "error: units are repeated or out of order");
        check("P1.5D", "error: fractions are not supported; use a smaller unit");
        check("P99999999999D", "error: a number is too large");
    }
}
