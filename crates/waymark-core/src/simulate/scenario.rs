//! Scenarios: the synthetic population and its behaviour, as stored in `*.scenario.json` files.
//!
//! Like journeys, scenarios are read in two stages: `parse_scenario` gives the faithful serde
//! form (or a `ParseError` with the line, column and JSON path), and `check` refuses values that
//! parse but make no sense (negative weights, unknown time zones, probabilities above 1), naming
//! the path of the offending value.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::condition::{Condition, Engagement};
use crate::duration::IsoDuration;
use crate::format::{ParseError, ParseErrorKind, check_size, escape_controls, json_message};
use crate::model::{Channel, Policies};
use crate::simulate::time;

/// The `format` value of the current scenario format.
pub const SCENARIO_FORMAT: &str = "waymark.scenario/1";

/// The scenario used when none is given: a mixed population that exercises every example journey.
pub const DEFAULT_SCENARIO: &str = include_str!("../../../../journeys/default.scenario.json");

/// A synthetic population, its behaviour and the simulated period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Always `waymark.scenario/1` for this version of the format.
    #[schemars(extend("const" = SCENARIO_FORMAT))]
    pub format: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// How many synthetic customers to simulate.
    #[serde(default = "default_customers")]
    pub customers: u64,
    /// The first simulated day, `YYYY-MM-DD`; the simulation starts at midnight UTC.
    pub start: String,
    /// How many days to simulate.
    #[serde(default = "default_days")]
    pub days: u32,
    /// The seed of every random choice; the same seed gives the same report.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Customer attributes and how their values are distributed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Distribution>,
    /// The time-zone mix: IANA names with relative weights (UTC when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timezones: Vec<ZoneWeight>,
    /// Reachability, consent and engagement per channel (channels not listed: reachable,
    /// consented, never opened).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub channels: BTreeMap<Channel, ChannelBehaviour>,
    /// Spontaneous events: what customers do on their own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventProcess>,
    /// The workspace policy that applies across all journeys.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policies>,
    /// How many customers get a full trace in the report.
    #[serde(default = "default_traces")]
    pub sample_traces: u32,
}

/// How one attribute's values are drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    /// One of these values, with relative weights.
    Categorical {
        values: BTreeMap<String, f64>,
        /// The probability that the attribute is absent.
        #[serde(default, skip_serializing_if = "is_zero")]
        missing: f64,
    },
    /// A number drawn uniformly between `min` and `max`.
    Number {
        min: f64,
        max: f64,
        /// Round to whole numbers.
        #[serde(default, skip_serializing_if = "is_false")]
        integer: bool,
        #[serde(default, skip_serializing_if = "is_zero")]
        missing: f64,
    },
    /// `true` with this probability.
    Boolean {
        probability: f64,
        #[serde(default, skip_serializing_if = "is_zero")]
        missing: f64,
    },
    /// A date drawn uniformly between `from` and `to`: each `YYYY-MM-DD` or an ISO 8601 offset
    /// from the start such as `-P400D`.
    Date {
        from: String,
        to: String,
        #[serde(default, skip_serializing_if = "is_zero")]
        missing: f64,
    },
    /// A list holding each of these values with its own probability.
    List { values: BTreeMap<String, f64> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ZoneWeight {
    /// An IANA time zone such as `Europe/Paris`.
    pub zone: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelBehaviour {
    /// The share of customers the channel reaches (an address, a device, a phone number).
    #[serde(default = "one")]
    pub reachable: f64,
    /// The share of customers who consented to marketing on the channel.
    #[serde(default = "one")]
    pub consent: f64,
    /// The probability that a delivered message is opened.
    #[serde(default)]
    pub open: f64,
    /// The probability that an opened message is clicked.
    #[serde(default)]
    pub click: f64,
    /// The mean delay from delivery to opening (exponentially distributed).
    #[serde(default = "one_hour")]
    pub open_delay: IsoDuration,
    /// The mean delay from opening to clicking.
    #[serde(default = "five_minutes")]
    pub click_delay: IsoDuration,
}

/// An event customers do on their own, at a rate (a Poisson process).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventProcess {
    pub name: String,
    /// Mean occurrences per customer per day.
    pub rate_per_day: f64,
    /// Only customers matching this condition do the event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<Condition>,
    /// At most this many occurrences per customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
    /// Engagement with a message makes the event more likely for a while.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lift: Option<Lift>,
}

/// After opening (or clicking) any message, the rate is multiplied by `factor` for `within`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lift {
    pub after: Engagement,
    pub factor: f64,
    pub within: IsoDuration,
}

fn default_customers() -> u64 {
    10_000
}

fn default_days() -> u32 {
    30
}

fn default_seed() -> u64 {
    1
}

fn default_traces() -> u32 {
    3
}

fn one() -> f64 {
    1.0
}

fn one_hour() -> IsoDuration {
    IsoDuration::from_seconds(3_600)
}

fn five_minutes() -> IsoDuration {
    IsoDuration::from_seconds(300)
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The most customers one run simulates.
pub const MAX_CUSTOMERS: u64 = 100_000_000;
/// The longest horizon, in days.
pub const MAX_DAYS: u32 = 3_660;

impl Scenario {
    /// The built-in default scenario.
    pub fn default_scenario() -> Scenario {
        parse_scenario(DEFAULT_SCENARIO).expect("the default scenario is valid")
    }

    /// The first day as days since 1970, when `start` is a valid date.
    pub fn start_day(&self) -> Option<i64> {
        time::parse_date(&self.start)
    }
}

/// Parses and checks a scenario from JSON text.
pub fn parse_scenario(text: &str) -> Result<Scenario, ParseError> {
    check_size(text.len() as u64)?;
    if text.trim().is_empty() {
        return Err(error(ParseErrorKind::Empty, "the file is empty; a scenario is a JSON object", None));
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let scenario: Scenario = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        json_error(error.into_inner(), Some(path))
    })?;
    deserializer.end().map_err(|error| json_error(error, None))?;
    if scenario.format != SCENARIO_FORMAT {
        return Err(error(
            ParseErrorKind::UnsupportedFormat,
            format!("unsupported format `{}`; this version of Waymark reads `{SCENARIO_FORMAT}`", scenario.format),
            Some("format".to_owned()),
        ));
    }
    check(&scenario)?;
    Ok(scenario)
}

/// Parses raw bytes as a scenario.
pub fn parse_scenario_bytes(bytes: &[u8]) -> Result<Scenario, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        error(
            ParseErrorKind::NotUtf8,
            format!("the file is not UTF-8 text (invalid byte at offset {})", e.valid_up_to()),
            None,
        )
    })?;
    parse_scenario(text)
}

/// Refuses values that parse but cannot be simulated, naming their path.
pub fn check(scenario: &Scenario) -> Result<(), ParseError> {
    if scenario.start_day().is_none() {
        return fail("start", format!("`{}` is not a date; write it like `2026-12-01`", scenario.start));
    }
    if !(1..=MAX_CUSTOMERS).contains(&scenario.customers) {
        return fail("customers", format!("the population must be between 1 and {MAX_CUSTOMERS} customers"));
    }
    if !(1..=MAX_DAYS).contains(&scenario.days) {
        return fail("days", format!("the horizon must be between 1 and {MAX_DAYS} days"));
    }
    let start = scenario.start_day().unwrap_or(0);
    for (name, distribution) in &scenario.attributes {
        check_attribute(name, distribution, start)?;
    }
    check_timezones(&scenario.timezones)?;
    check_channels(&scenario.channels)?;
    check_events(&scenario.events)
}

fn fail(path: impl Into<String>, message: impl Into<String>) -> Result<(), ParseError> {
    Err(error(ParseErrorKind::Content, message, Some(path.into())))
}

fn probability(value: f64) -> bool {
    (0.0..=1.0).contains(&value)
}

fn weight(value: f64) -> bool {
    value.is_finite() && value >= 0.0
}

const NOT_A_PROBABILITY: &str = "a probability must be between 0 and 1";
const NOT_A_WEIGHT: &str = "a weight must be a number of 0 or more";

/// Checks the distribution of attribute `name`; `start` is the first day, for relative dates.
fn check_attribute(name: &str, distribution: &Distribution, start: i64) -> Result<(), ParseError> {
    let at = |field: &str| format!("attributes.{name}.{field}");
    let missing = match distribution {
        Distribution::Categorical { values, missing } => {
            if let Some((value, _)) = values.iter().find(|(_, w)| !weight(**w)) {
                return fail(at(value), NOT_A_WEIGHT);
            }
            if values.values().sum::<f64>() <= 0.0 {
                return fail(at("values"), "give at least one value a positive weight");
            }
            *missing
        }
        Distribution::Number { min, max, missing, .. } => {
            if !(min.is_finite() && max.is_finite() && min <= max) {
                return fail(at("max"), format!("the range {min}..{max} is empty; `max` must be at least `min`"));
            }
            *missing
        }
        Distribution::Boolean { probability: p, missing } => {
            if !probability(*p) {
                return fail(at("probability"), NOT_A_PROBABILITY);
            }
            *missing
        }
        Distribution::Date { from, to, missing } => {
            let (Some(a), Some(b)) = (relative_date(from, start), relative_date(to, start)) else {
                let field = if relative_date(from, start).is_none() { "from" } else { "to" };
                return fail(at(field), "a date is `YYYY-MM-DD` or an offset from the start such as `-P400D`");
            };
            if a > b {
                return fail(at("to"), "`to` must not be before `from`");
            }
            *missing
        }
        Distribution::List { values } => {
            if let Some((value, _)) = values.iter().find(|(_, p)| !probability(**p)) {
                return fail(at(value), NOT_A_PROBABILITY);
            }
            0.0
        }
    };
    if !probability(missing) {
        return fail(at("missing"), NOT_A_PROBABILITY);
    }
    Ok(())
}

fn check_timezones(timezones: &[ZoneWeight]) -> Result<(), ParseError> {
    for (i, zone) in timezones.iter().enumerate() {
        if zone.zone.parse::<chrono_tz::Tz>().is_err() {
            return fail(
                format!("timezones[{i}].zone"),
                format!("`{}` is not an IANA time zone; write it like `Europe/Paris`", zone.zone),
            );
        }
        if !weight(zone.weight) {
            return fail(format!("timezones[{i}].weight"), NOT_A_WEIGHT);
        }
    }
    Ok(())
}

fn check_channels(channels: &BTreeMap<Channel, ChannelBehaviour>) -> Result<(), ParseError> {
    for (channel, behaviour) in channels {
        let fields = [
            ("reachable", behaviour.reachable),
            ("consent", behaviour.consent),
            ("open", behaviour.open),
            ("click", behaviour.click),
        ];
        if let Some((field, _)) = fields.iter().find(|(_, p)| !probability(*p)) {
            return fail(format!("channels.{channel}.{field}"), NOT_A_PROBABILITY);
        }
        if behaviour.open_delay.negative || behaviour.click_delay.negative {
            return fail(format!("channels.{channel}"), "delays must not be negative");
        }
    }
    Ok(())
}

/// The most occurrences per customer per day one event may have, all its processes together and
/// at their peak (each process's rate times its lift): the simulator's cost grows with it.
pub const MAX_RATE_PER_DAY: f64 = 1_000.0;

fn check_events(events: &[EventProcess]) -> Result<(), ParseError> {
    let mut peaks: BTreeMap<&str, f64> = BTreeMap::new();
    for (i, process) in events.iter().enumerate() {
        if !(process.rate_per_day.is_finite()
            && process.rate_per_day >= 0.0
            && process.rate_per_day <= MAX_RATE_PER_DAY)
        {
            return fail(format!("events[{i}].rate_per_day"), "a rate must be between 0 and 1000 per day");
        }
        let mut peak = process.rate_per_day;
        if let Some(lift) = &process.lift {
            if !(lift.factor.is_finite() && lift.factor >= 0.0 && lift.factor <= 1_000.0 && lift.within.is_positive()) {
                return fail(
                    format!("events[{i}].lift"),
                    "a lift needs a factor between 0 and 1000 and a positive `within`",
                );
            }
            peak *= lift.factor.max(1.0);
        }
        // Several processes of one event add up: the limit is on the event, not the process.
        let total = peaks.entry(process.name.as_str()).or_default();
        *total += peak;
        if *total > MAX_RATE_PER_DAY {
            return fail(
                format!("events[{i}]"),
                format!(
                    "`{}` would happen up to {} times per day (rate × lift, all its processes together); the most is 1000: lower the rate or the lift",
                    process.name,
                    total.round()
                ),
            );
        }
    }
    Ok(())
}

/// `YYYY-MM-DD` or an offset from `start` (days since 1970), as days since 1970.
pub fn relative_date(text: &str, start: i64) -> Option<i64> {
    if text.starts_with('P') || text.starts_with("-P") || text.starts_with("+P") {
        let offset: IsoDuration = text.parse().ok()?;
        return Some(start + offset.seconds().div_euclid(time::DAY));
    }
    time::parse_date(text)
}

fn error(kind: ParseErrorKind, message: impl Into<String>, path: Option<String>) -> ParseError {
    let path = path.map(|path| escape_controls(&path));
    ParseError { kind, message: escape_controls(&message.into()), line: None, column: None, path }
}

fn json_error(error: serde_json::Error, path: Option<String>) -> ParseError {
    let kind = match error.classify() {
        serde_json::error::Category::Data => ParseErrorKind::Content,
        _ => ParseErrorKind::Syntax,
    };
    ParseError {
        kind,
        message: json_message(&error),
        line: (error.line() > 0).then_some(error.line()),
        column: (error.line() > 0).then_some(error.column()),
        path: path
            .filter(|path| path != "." && path != "?")
            .map(|path| escape_controls(&path.chars().take(80).collect::<String>())),
    }
}

/// The JSON Schema of `*.scenario.json` files, as pretty-printed JSON with a final newline.
pub fn scenario_schema() -> String {
    let mut schema = schemars::schema_for!(Scenario);
    schema.insert("$id".to_owned(), "urn:waymark:scenario:1".into());
    schema.insert("title".to_owned(), "Waymark scenario".into());
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expect: &str) {
        let got = match parse_scenario(text) {
            Ok(scenario) => format!("ok: {} customers", scenario.customers),
            Err(error) => format!("{:?} {error}", error.kind),
        };
        assert_eq!(got, expect);
    }

    #[test]
    fn the_default_scenario_parses() {
        let scenario = Scenario::default_scenario();
        assert!(!scenario.events.is_empty());
    }

    #[test]
    fn the_rate_limit_holds_for_the_effective_rate_times_the_lift_and_across_processes_of_one_event() {
        let events =
            |list: &str| format!(r#"{{"format":"waymark.scenario/1","start":"2026-12-01","events":[{list}]}}"#);
        check(
            &events(r#"{"name":"buy","rate_per_day":1000,"lift":{"after":"opened","factor":1000,"within":"P1D"}}"#),
            "Content at events[0]: `buy` would happen up to 1000000 times per day (rate × lift, all its processes together); the most is 1000: lower the rate or the lift",
        );
        let many = [r#"{"name":"buy","rate_per_day":600}"#; 2].join(",");
        check(
            &events(&many),
            "Content at events[1]: `buy` would happen up to 1200 times per day (rate × lift, all its processes together); the most is 1000: lower the rate or the lift",
        );
        // A lift below 1 slows the event down; it never raises the peak, however small.
        check(
            &events(r#"{"name":"buy","rate_per_day":1000,"lift":{"after":"opened","factor":1e-20,"within":"P1D"}}"#),
            "ok: 10000 customers",
        );
        check(
            &events(r#"{"name":"buy","rate_per_day":500},{"name":"sell","rate_per_day":500}"#),
            "ok: 10000 customers",
        );
    }

    #[test]
    fn bad_scenarios_name_the_place() {
        check(r#"{"format":"waymark.scenario/1","start":"2026-12-01"}"#, "ok: 10000 customers");
        check("", "Empty the file is empty; a scenario is a JSON object");
        check(
            r#"{"format":"waymark.scenario/1","start":"2026-12-01","customers":-1}"#,
            "Content 1:66 (at customers): invalid value: integer `-1`, expected u64",
        );
        check(
            r#"{"format":"waymark.scenario/1","start":"2026-12-01","colour":1}"#,
            "Content 1:60 (at colour): unknown field `colour`, expected one of `format`, `name`, `description`, `customers`, `start`, `days`, `seed`, `attributes`, `timezones`, `channels`, `events`, `policy`, `sample_traces`",
        );
        check(
            r#"{"format":"waymark.scenario/2","start":"2026-12-01"}"#,
            "UnsupportedFormat at format: unsupported format `waymark.scenario/2`; this version of Waymark reads `waymark.scenario/1`",
        );
        check(
            r#"{"format":"waymark.scenario/1","start":"1 Dec"}"#,
            "Content at start: `1 Dec` is not a date; write it like `2026-12-01`",
        );
        check(
            r#"{"format":"waymark.scenario/1","start":"2026-12-01","timezones":[{"zone":"Mars/Olympus","weight":1}]}"#,
            "Content at timezones[0].zone: `Mars/Olympus` is not an IANA time zone; write it like `Europe/Paris`",
        );
        check(
            r#"{"format":"waymark.scenario/1","start":"2026-12-01","channels":{"sms":{"open":1.5}}}"#,
            "Content at channels.sms.open: a probability must be between 0 and 1",
        );
        check(
            r#"{"format":"waymark.scenario/1","start":"2026-12-01","attributes":{"plan":{"categorical":{"values":{"pro":-1}}}}}"#,
            "Content at attributes.plan.pro: a weight must be a number of 0 or more",
        );
    }
}
