//! A simulation request as the front ends make it: journeys, a scenario (an example's name or a
//! parsed file), and overrides of its population, horizon, start, seed, plus a customer to trace.
//! `prepare` applies the overrides and checks them with the scenario's own rules, so the desktop
//! app, the browser preview and the CLI accept and refuse exactly the same values, with the same
//! words. Pure: the front ends add threads, progress and cancellation.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::JourneyDocument;
use crate::simulate::scenario::{MAX_CUSTOMERS, MAX_DAYS, check};
use crate::simulate::{Scenario, parse_customer_id};

/// What the app asks the simulator for.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct SimulationRequest {
    /// The journeys to run together on one population; the open one first.
    pub journeys: Vec<JourneyDocument>,
    /// An example scenario's name; the built-in default when `None`.
    pub scenario: Option<String>,
    pub customers: Option<u64>,
    pub days: Option<u32>,
    pub seed: Option<u64>,
    /// A customer to trace, such as `c42`.
    pub trace: Option<String>,
}

/// Overrides of a scenario's run settings; `None` keeps the scenario's value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides<'a> {
    pub customers: Option<u64>,
    pub days: Option<u32>,
    pub start: Option<&'a str>,
    pub seed: Option<u64>,
    pub trace: Option<&'a str>,
}

/// A scenario ready to run and the index of the customer to trace.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub scenario: Scenario,
    pub trace: Option<u64>,
}

/// Why a request cannot run: the setting it concerns (`customers`, `days`, `trace`, `scenario`,
/// `journeys`, or a path inside the scenario) and what is wrong, in words for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RequestError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for RequestError {}

/// The bounds every front end applies to a run, for forms to show before they ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct SimulationLimits {
    pub max_customers: u64,
    pub max_days: u32,
    /// How many customers a live re-run after an edit simulates.
    pub live_customers: u64,
}

pub const LIMITS: SimulationLimits =
    SimulationLimits { max_customers: MAX_CUSTOMERS, max_days: MAX_DAYS, live_customers: 100_000 };

/// An example scenario the app offers.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScenarioInfo {
    /// The file name without `.scenario.json`; what a `SimulationRequest` names.
    pub name: String,
    pub title: String,
    pub description: String,
    pub customers: u64,
    pub days: u32,
    pub start: String,
}

/// The example scenarios, for the simulation panel.
pub fn scenarios() -> Vec<ScenarioInfo> {
    crate::examples::scenarios()
        .into_iter()
        .map(|(name, scenario)| ScenarioInfo {
            title: if scenario.name.is_empty() { name.clone() } else { scenario.name.clone() },
            name,
            description: scenario.description,
            customers: scenario.customers,
            days: scenario.days,
            start: scenario.start,
        })
        .collect()
}

/// The scenario a request names: an example's, or the built-in default.
pub fn example_scenario(name: Option<&str>) -> Result<Scenario, RequestError> {
    match name {
        None => Ok(Scenario::default_scenario()),
        Some(name) => crate::examples::scenarios()
            .into_iter()
            .find(|(candidate, _)| candidate == name)
            .map(|(_, scenario)| scenario)
            .ok_or_else(|| RequestError {
                field: "scenario".to_owned(),
                message: format!("there is no example scenario `{name}`"),
            }),
    }
}

/// Applies `overrides` to `scenario` and checks the result with the scenario's rules.
pub fn prepare(mut scenario: Scenario, overrides: &Overrides<'_>) -> Result<Prepared, RequestError> {
    if let Some(customers) = overrides.customers {
        scenario.customers = customers;
    }
    if let Some(days) = overrides.days {
        scenario.days = days;
    }
    if let Some(start) = overrides.start {
        scenario.start = start.to_owned();
    }
    if let Some(seed) = overrides.seed {
        scenario.seed = seed;
    }
    check(&scenario).map_err(|error| RequestError {
        field: error.path.clone().unwrap_or_else(|| "scenario".to_owned()),
        message: error.message,
    })?;
    let trace = match overrides.trace {
        None => None,
        Some(text) => {
            Some(parse_customer_id(text).filter(|index| *index < scenario.customers).ok_or_else(|| RequestError {
                field: "trace".to_owned(),
                message: format!(
                    "`{text}` is not a customer of this run; give an id between c1 and c{}",
                    scenario.customers
                ),
            })?)
        }
    };
    Ok(Prepared { scenario, trace })
}

/// Resolves an app request: its example scenario with its overrides, and at least one journey.
pub fn prepare_request(request: &SimulationRequest) -> Result<Prepared, RequestError> {
    if request.journeys.is_empty() {
        return Err(RequestError {
            field: "journeys".to_owned(),
            message: "there is no journey to simulate".to_owned(),
        });
    }
    prepare_scenario(request)
}

/// Resolves the scenario of an app request with its overrides, whatever its journeys: a
/// behavioural diff brings the two versions it compares.
pub fn prepare_scenario(request: &SimulationRequest) -> Result<Prepared, RequestError> {
    let overrides = Overrides {
        customers: request.customers,
        days: request.days,
        start: None,
        seed: request.seed,
        trace: request.trace.as_deref(),
    };
    prepare(example_scenario(request.scenario.as_deref())?, &overrides)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> SimulationRequest {
        let onboarding = crate::examples::documents().into_iter().find(|d| d.id == "onboarding").unwrap();
        SimulationRequest {
            journeys: vec![onboarding],
            scenario: Some("onboarding".to_owned()),
            customers: Some(2_000),
            days: Some(14),
            seed: Some(7),
            trace: Some("c3".to_owned()),
        }
    }

    #[test]
    fn overrides_replace_the_scenarios_settings() {
        let prepared = prepare_request(&request()).unwrap();
        let s = &prepared.scenario;
        assert_eq!((s.customers, s.days, s.seed, prepared.trace), (2_000, 14, 7, Some(2)));
    }

    #[test]
    fn out_of_range_values_are_refused_not_clamped() {
        let refused = |request: SimulationRequest| prepare_request(&request).unwrap_err().to_string();
        assert_eq!(
            refused(SimulationRequest { customers: Some(0), ..request() }),
            format!("customers: the population must be between 1 and {MAX_CUSTOMERS} customers")
        );
        assert_eq!(
            refused(SimulationRequest { days: Some(MAX_DAYS + 1), ..request() }),
            format!("days: the horizon must be between 1 and {MAX_DAYS} days")
        );
        assert_eq!(
            refused(SimulationRequest { trace: Some("C42 ".to_owned()), ..request() }),
            "trace: `C42 ` is not a customer of this run; give an id between c1 and c2000"
        );
        assert_eq!(
            refused(SimulationRequest { trace: Some("c2001".to_owned()), ..request() }),
            "trace: `c2001` is not a customer of this run; give an id between c1 and c2000"
        );
        assert_eq!(
            refused(SimulationRequest { scenario: Some("nope".to_owned()), ..request() }),
            "scenario: there is no example scenario `nope`"
        );
        assert_eq!(
            refused(SimulationRequest { journeys: Vec::new(), ..request() }),
            "journeys: there is no journey to simulate"
        );
    }

    #[test]
    fn a_behavioural_diff_request_needs_no_journeys_but_keeps_the_bounds() {
        let without_journeys = SimulationRequest { journeys: Vec::new(), ..request() };
        assert_eq!(prepare_scenario(&without_journeys), prepare_request(&request()));
        let too_many = SimulationRequest { customers: Some(MAX_CUSTOMERS + 1), ..without_journeys };
        assert_eq!(prepare_scenario(&too_many).unwrap_err().field, "customers");
    }

    #[test]
    fn every_example_scenario_is_offered() {
        let names: Vec<String> = scenarios().into_iter().map(|s| s.name).collect();
        assert!(names.contains(&"onboarding".to_owned()), "{names:?}");
    }
}
