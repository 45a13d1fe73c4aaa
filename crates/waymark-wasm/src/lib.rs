//! The pure Waymark core for the UI, compiled to WebAssembly with wasm-bindgen.
//!
//! Every function takes and returns JSON text (or plain strings and numbers): the UI's
//! `ui/src/core.ts` parses it into the types that `ui/src/bindings.ts` generates from the same
//! Rust types, so the UI and the core share one definition of every payload. Nothing here holds
//! a rule of its own: each function forwards to `waymark_core` and shapes the answer.
//!
//! The functions are plain Rust too (`rlib`), so native tests check the JSON they produce.

use serde::Serialize;
use wasm_bindgen::prelude::wasm_bindgen;

use waymark_core::duration::{AmountUnit, DurationUnit, IsoDuration};
use waymark_core::model::{JourneyDocument, Kind};
use waymark_core::request::{self, SimulationRequest};
use waymark_core::review::{Refusal, Status};
use waymark_core::simulate::{self, Options};

fn json(value: &impl Serialize) -> String {
    serde_json::to_string(value).expect("core values serialize to JSON")
}

/// The answer of a function whose input may be unusable: `{ "ok": value }` or `{ "error": text }`.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Answer<T> {
    Ok(T),
    Error(String),
}

fn answer<T: Serialize, E: std::fmt::Display>(result: Result<T, E>) -> String {
    json(&match result {
        Ok(value) => Answer::Ok(value),
        Err(error) => Answer::Error(error.to_string()),
    })
}

fn document(text: &str) -> Result<JourneyDocument, String> {
    waymark_core::parse(text).map_err(|error| format!("the journey is not a valid document: {error}"))
}

/// Every problem of a journey document: `{ ok: Diagnostic[] }`, or `{ error }` when the text is
/// not a journey document at all.
#[wasm_bindgen]
pub fn validate(document_json: &str) -> String {
    answer(document(document_json).map(|document| waymark_core::validate_document(document).1))
}

/// The node-kind table in palette order (`KindInfo[]`).
#[wasm_bindgen]
pub fn node_kinds() -> String {
    json(&waymark_core::catalog::kinds())
}

/// The node a palette drop of `kind` starts as, with id `id` (`{ ok: Node }`).
#[wasm_bindgen]
pub fn starter_node(kind: &str, id: &str) -> String {
    answer(
        serde_json::from_value::<Kind>(serde_json::Value::String(kind.to_owned()))
            .map(|kind| kind.starter(id))
            .map_err(|_| format!("`{kind}` is not a node kind")),
    )
}

/// The channel table (`ChannelInfo[]`).
#[wasm_bindgen]
pub fn channels() -> String {
    json(&waymark_core::catalog::channels())
}

/// Why `name` cannot name a case, event or path beside `others_json` (a JSON list of names);
/// `undefined` when it can.
#[wasm_bindgen]
pub fn port_name_problem(name: &str, others_json: &str) -> Option<String> {
    let others: Vec<String> = serde_json::from_str(others_json).unwrap_or_default();
    let others: Vec<&str> = others.iter().map(String::as_str).collect();
    waymark_core::catalog::port_name_problem(name, &others)
}

/// Why a split's weights (a JSON list of numbers) cannot stand; `undefined` when they add up to 100.
#[wasm_bindgen]
pub fn split_weights_problem(weights_json: &str) -> Option<String> {
    let weights: Vec<f64> = serde_json::from_str(weights_json).unwrap_or_default();
    waymark_core::catalog::split_weights_problem(&weights)
}

/// Why `text` is not a local time of day (`HH:MM`); `undefined` when it is one.
#[wasm_bindgen]
pub fn time_of_day_problem(text: &str) -> Option<String> {
    waymark_core::catalog::time_of_day_problem(text)
}

/// Why `text` is not a local date and time (`YYYY-MM-DDTHH:MM`); `undefined` when it is one.
#[wasm_bindgen]
pub fn local_datetime_problem(text: &str) -> Option<String> {
    waymark_core::catalog::local_datetime_problem(text)
}

/// What a duration text means, for forms and the canvas.
#[derive(Serialize)]
struct DurationFacts {
    /// The nominal length in seconds, negative for offsets.
    seconds: i64,
    /// The amount and unit a form shows, or `null` when the form must show the text.
    amount_unit: Option<AmountUnit>,
    /// The duration in words: `3 days`.
    words: String,
}

/// Parses an ISO 8601 duration: `{ ok: { seconds, amount_unit, words } }` or `{ error: reason }`.
#[wasm_bindgen]
pub fn duration(text: &str) -> String {
    answer(text.parse::<IsoDuration>().map(|duration| DurationFacts {
        seconds: duration.seconds(),
        amount_unit: duration.amount_unit(),
        words: duration.humanize(),
    }))
}

/// The ISO 8601 text of a form's amount and unit (`minutes`, `hours`, `days`, `weeks`).
#[wasm_bindgen]
pub fn duration_text(amount: u32, unit: &str, negative: bool) -> String {
    let unit = match unit {
        "minutes" => DurationUnit::Minutes,
        "hours" => DurationUnit::Hours,
        "weeks" => DurationUnit::Weeks,
        _ => DurationUnit::Days,
    };
    IsoDuration::from_amount_unit(AmountUnit { amount, unit, negative }).to_string()
}

/// How many segments an SMS body takes (`SmsCount`).
#[wasm_bindgen]
pub fn sms_segments(text: &str) -> String {
    json(&waymark_core::sms::sms_segments(text))
}

fn status(name: &str) -> Result<Status, String> {
    name.parse::<Status>().map_err(|error| error.to_string())
}

/// The moves review offers from a status (`{ ok: StatusMove[] }`).
#[wasm_bindgen]
pub fn status_moves(from: &str) -> String {
    answer(status(from).map(Status::moves))
}

/// The title of a status for people: `In review`.
#[wasm_bindgen]
pub fn status_title(name: &str) -> String {
    status(name).map(|status| status.title().to_owned()).unwrap_or_else(|_| name.to_owned())
}

/// Whether review lets a version move, given its validation errors: `undefined` when it may,
/// else why not, in words.
#[wasm_bindgen]
pub fn status_move_refusal(from: &str, to: &str, errors: u32) -> Option<String> {
    let (from, to) = match (status(from), status(to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(error), _) | (_, Err(error)) => return Some(error),
    };
    match waymark_core::review::check_move(from, to, errors as usize) {
        Ok(()) => None,
        Err(Refusal::NotAllowed) => Some(format!("a {from} version cannot become {to}")),
        Err(Refusal::HasErrors(errors)) => Some(format!(
            "the version has {errors} validation {}; fix {} before publishing",
            if errors == 1 { "error" } else { "errors" },
            if errors == 1 { "it" } else { "them" }
        )),
    }
}

/// The bounds of a simulation run (`SimulationLimits`).
#[wasm_bindgen]
pub fn limits() -> String {
    json(&request::LIMITS)
}

/// A customer id as reports write it (`c42`), or `undefined` when `text` is not one.
#[wasm_bindgen]
pub fn customer_id(text: &str) -> Option<String> {
    simulate::parse_customer_id(text).map(simulate::customer_id)
}

/// The example scenarios (`ScenarioInfo[]`).
#[wasm_bindgen]
pub fn scenarios() -> String {
    json(&request::scenarios())
}

/// Runs a simulation request on this thread: `{ ok: Report }` or `{ error }` (which setting and why).
#[wasm_bindgen]
pub fn simulate(request_json: &str) -> String {
    let run = || -> Result<simulate::Report, String> {
        let request: SimulationRequest = serde_json::from_str(request_json)
            .map_err(|error| format!("the simulation request is malformed: {error}"))?;
        let prepared = request::prepare_request(&request).map_err(|error| error.to_string())?;
        let options = Options { threads: 1, trace: prepared.trace, progress: None, cancel: None };
        Ok(simulate::simulate(&request.journeys, &prepared.scenario, &options))
    };
    answer(run())
}

/// A valid generated journey of `nodes` steps, for performance checks (`JourneyDocument`).
#[wasm_bindgen]
pub fn generate(nodes: u32) -> String {
    json(&waymark_core::generate::journey(nodes as usize))
}

/// The canonical file form of a document (`{ ok: text }`).
#[wasm_bindgen]
pub fn canonical(document_json: &str) -> String {
    answer(document(document_json).map(|document| waymark_core::to_canonical_json(&document)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn validation_answers_with_the_cores_diagnostics() {
        let onboarding = waymark_core::examples::documents().into_iter().find(|d| d.id == "onboarding").unwrap();
        assert_eq!(value(&validate(&json(&onboarding))), serde_json::json!({ "ok": [] }));
        let mut broken = onboarding.clone();
        broken.edges.clear();
        let codes: Vec<String> = value(&validate(&json(&broken)))["ok"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect();
        assert!(codes.contains(&"unreachable-node".to_owned()), "{codes:?}");
        let error = value(&validate("{\"id\": 1}"));
        assert!(error["error"].as_str().unwrap().starts_with("the journey is not a valid document"), "{error}");
    }

    #[test]
    fn durations_and_sms_come_from_the_core() {
        assert_eq!(
            value(&duration("P1DT12H")),
            serde_json::json!({ "ok": { "seconds": 129_600, "amount_unit": { "amount": 36, "unit": "hours", "negative": false }, "words": "1 day 12 hours" } })
        );
        assert!(value(&duration("3 days"))["error"].is_string());
        assert_eq!(duration_text(2, "weeks", false), "P2W");
        assert_eq!(
            value(&sms_segments("✓")),
            serde_json::json!({ "encoding": "UCS-2", "units": 1, "segments": 1, "per_segment": 70 })
        );
    }

    #[test]
    fn review_moves_and_ids_come_from_the_core() {
        let moves = value(&status_moves("in_review"));
        assert_eq!(moves["ok"][0], serde_json::json!({ "to": "approved", "label": "Approve", "primary": true }));
        assert_eq!(status_move_refusal("draft", "published", 0).unwrap(), "a draft version cannot become published");
        assert_eq!(customer_id("42").as_deref(), Some("c42"));
        assert_eq!(customer_id("C42 "), None, "the simulator's grammar, not a looser one");
    }

    #[test]
    fn the_browser_simulates_with_the_same_rules_as_the_app() {
        let onboarding = waymark_core::examples::documents().into_iter().find(|d| d.id == "onboarding").unwrap();
        let request = serde_json::json!({
            "journeys": [onboarding], "scenario": "onboarding", "customers": 500, "days": 7, "seed": 3, "trace": "c2"
        });
        let report = value(&simulate(&request.to_string()));
        assert_eq!(report["ok"]["run"]["customers"], 500);
        let mut refused = request.clone();
        refused["customers"] = serde_json::json!(0);
        assert!(value(&simulate(&refused.to_string()))["error"].as_str().unwrap().starts_with("customers: "));
    }
}
