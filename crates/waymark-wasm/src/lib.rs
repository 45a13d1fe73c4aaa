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
use waymark_core::model::{JourneyDocument, Kind, Node};
use waymark_core::request::{self, SimulationRequest};
use waymark_core::review::{MoveRequest, Status};
use waymark_core::simulate::{self, Options};
use waymark_core::workspace_catalog::{self, WorkspaceCatalog, WorkspaceEntry};

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

/// Every problem of a journey document in its workspace: `validate`'s diagnostics and the
/// warnings about events and attributes `catalog_json` (a `WorkspaceCatalog`) does not know.
#[wasm_bindgen]
pub fn validate_in_workspace(document_json: &str, catalog_json: &str) -> String {
    let check = || -> Result<Vec<waymark_core::Diagnostic>, String> {
        let document = document(document_json)?;
        let catalog: WorkspaceCatalog = serde_json::from_str(catalog_json)
            .map_err(|error| format!("the workspace catalog is malformed: {error}"))?;
        let names = workspace_catalog::check_names(&document, &catalog);
        let mut diagnostics = waymark_core::validate_document(document).1;
        diagnostics.extend(names);
        Ok(diagnostics)
    };
    answer(check())
}

/// The workspace catalog of `entries_json` (`WorkspaceEntry[]`), the example scenarios and
/// `journeys_json` (`JourneyDocument[]`): `{ ok: WorkspaceCatalog }` or `{ error }`. The browser
/// preview's stand-in for the `workspace_catalog` command.
#[wasm_bindgen]
pub fn workspace_catalog(entries_json: &str, journeys_json: &str) -> String {
    let merge = || -> Result<WorkspaceCatalog, String> {
        let entries: Vec<WorkspaceEntry> = serde_json::from_str(entries_json)
            .map_err(|error| format!("the catalog entries are malformed: {error}"))?;
        let journeys: Vec<JourneyDocument> =
            serde_json::from_str(journeys_json).map_err(|error| format!("the journeys are malformed: {error}"))?;
        Ok(workspace_catalog::workspace_catalog(&entries, &waymark_core::examples::scenarios(), &journeys))
    };
    answer(merge())
}

/// Why a workspace catalog entry (`WorkspaceEntry` as JSON) cannot be stored; `undefined` when it can.
#[wasm_bindgen]
pub fn catalog_entry_problem(entry_json: &str) -> Option<String> {
    match serde_json::from_str::<WorkspaceEntry>(entry_json) {
        Ok(entry) => workspace_catalog::entry_problem(&entry),
        Err(error) => Some(format!("the entry is malformed: {error}")),
    }
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

/// The label a step should take after an edit from `before_json` to `after_json` (both nodes):
/// its settings' label while the marketer has not written one of their own, else nothing.
#[wasm_bindgen]
pub fn followed_label(before_json: &str, after_json: &str) -> Option<String> {
    let before: Node = serde_json::from_str(before_json).ok()?;
    let after: Node = serde_json::from_str(after_json).ok()?;
    waymark_core::label::followed_label(&before, &after)
}

/// How people call the step `node_json`: its label, an exit's outcome in words, else its id.
#[wasm_bindgen]
pub fn step_name(node_json: &str) -> String {
    serde_json::from_str::<Node>(node_json).map_or_else(|_| String::new(), |node| waymark_core::label::step_name(&node))
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
/// else why not, in words. Only the version's own rules: the UI asks it before anyone moves.
#[wasm_bindgen]
pub fn status_move_refusal(from: &str, to: &str, errors: u32) -> Option<String> {
    let (from, to) = match (status(from), status(to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(error), _) | (_, Err(error)) => return Some(error),
    };
    waymark_core::review::check_version_move(from, to, errors as usize).err().map(|refusal| refusal.to_string())
}

/// A refusal of review as the store reports it: its error code and why, in words.
#[derive(Serialize)]
struct RefusalAnswer {
    code: &'static str,
    message: String,
}

/// Every rule of review over a requested move (`MoveRequest` as JSON): `{ ok: null }` when it may
/// happen, `{ ok: { code, message } }` when review refuses it, `{ error }` for unusable input.
#[wasm_bindgen]
pub fn review_refusal(request: &str) -> String {
    let request = serde_json::from_str::<MoveRequest>(request).map_err(|error| format!("not a move request: {error}"));
    answer(request.map(|request| {
        waymark_core::review::check_move(&request)
            .err()
            .map(|refusal| RefusalAnswer { code: refusal.code(), message: refusal.to_string() })
    }))
}

/// A review note as the store records it: without surrounding blanks, `undefined` when empty.
#[wasm_bindgen]
pub fn recorded_note(note: Option<String>) -> Option<String> {
    waymark_core::review::trimmed_note(note.as_deref()).map(str::to_owned)
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

/// What changed between two versions of a journey (`{ ok: JourneyDiff }`), or `{ error }` naming
/// the version that is not a journey document.
#[wasm_bindgen]
pub fn diff(old_json: &str, new_json: &str) -> String {
    let run = || -> Result<waymark_core::JourneyDiff, String> {
        let old = document(old_json).map_err(|error| format!("old version: {error}"))?;
        let new = document(new_json).map_err(|error| format!("new version: {error}"))?;
        Ok(waymark_core::diff(&old, &new))
    };
    answer(run())
}

/// What changes for customers between two versions of a journey, both simulated on this thread
/// on the population `request_json` resolves (a `SimulationRequest`; its `journeys` are
/// ignored): `{ ok: BehaviourDiff }` or `{ error }` (which version or setting, and why).
#[wasm_bindgen]
pub fn behaviour_diff(old_json: &str, new_json: &str, request_json: &str) -> String {
    let run = || -> Result<simulate::compare::BehaviourDiff, String> {
        let old = document(old_json).map_err(|error| format!("old version: {error}"))?;
        let new = document(new_json).map_err(|error| format!("new version: {error}"))?;
        let request: SimulationRequest = serde_json::from_str(request_json)
            .map_err(|error| format!("the simulation request is malformed: {error}"))?;
        let prepared = request::prepare_scenario(&request).map_err(|error| error.to_string())?;
        let options = Options { threads: 1, trace: prepared.trace, progress: None, cancel: None };
        Ok(simulate::compare::compare(&old, &new, &prepared.scenario, &options))
    };
    answer(run())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn validation_in_the_workspace_adds_the_catalogs_warnings_with_the_closest_name() {
        let mut onboarding = waymark_core::examples::documents().into_iter().find(|d| d.id == "onboarding").unwrap();
        let catalog = value(&workspace_catalog("[]", &json(&[onboarding.clone()])))["ok"].clone();
        let text = json(&onboarding).replace("\"viewed_pricing\"", "\"viewed_pricng\"");
        onboarding = serde_json::from_str(&text).unwrap();
        let answer = value(&validate_in_workspace(&json(&onboarding), &catalog.to_string()));
        let warnings: Vec<&serde_json::Value> =
            answer["ok"].as_array().unwrap().iter().filter(|d| d["code"] == "unknown-event").collect();
        assert!(!warnings.is_empty(), "{answer}");
        assert!(warnings.iter().all(|d| d["hint"] == "Did you mean `viewed_pricing`?"), "{answer}");
        assert_eq!(
            value(&validate_in_workspace("{}", "{}"))["error"].as_str().map(|e| e.starts_with("the journey")),
            Some(true)
        );
        assert_eq!(
            catalog_entry_problem(r#"{"kind":"event","name":" x"}"#).as_deref(),
            Some("` x`: Remove the spaces before or after the name.")
        );
    }

    #[test]
    fn the_diff_answers_with_the_cores_changes_and_sentences() {
        let onboarding = waymark_core::examples::documents().into_iter().find(|d| d.id == "onboarding").unwrap();
        let same = value(&diff(&json(&onboarding), &json(&onboarding)));
        assert_eq!(same["ok"]["nodes"], serde_json::json!([]));
        assert_eq!(same["ok"]["behavioural"], false);
        let mut edited = onboarding.clone();
        let node = edited.nodes.iter_mut().find(|n| n.kind() == Kind::Wait).unwrap();
        let id = node.id.clone();
        node.label = Some("Renamed".to_owned());
        let changed = value(&diff(&json(&onboarding), &json(&edited)));
        assert_eq!(changed["ok"]["nodes"][0]["id"], id.as_str());
        assert_eq!(changed["ok"]["nodes"][0]["change"], "changed");
        assert_eq!(changed["ok"]["nodes"][0]["impact"], "cosmetic");
        assert!(changed["ok"]["sentences"][0]["text"].as_str().unwrap().ends_with("renamed to \"Renamed\""));
        let error = value(&diff(&json(&onboarding), "{}"));
        assert!(error["error"].as_str().unwrap().starts_with("new version: the journey is not a valid document"));
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
        assert_eq!(
            moves["ok"][0],
            serde_json::json!({
                "to": "approved", "label": "Approve", "primary": true,
                "needs_note": true, "note_prompt": "What did you check?"
            })
        );
        assert_eq!(status_move_refusal("draft", "published", 0).unwrap(), "a draft version cannot become published");
        let request = serde_json::json!({
            "from": "in_review", "to": "approved", "errors": 0,
            "author": "ana", "actor": "ana", "note": "fine", "solo_review": false
        });
        assert_eq!(
            value(&review_refusal(&request.to_string())),
            serde_json::json!({ "ok": { "code": "self_approval", "message": waymark_core::review::Refusal::OwnVersion.to_string() } })
        );
        let mut solo = request.clone();
        solo["solo_review"] = serde_json::json!(true);
        assert_eq!(value(&review_refusal(&solo.to_string())), serde_json::json!({ "ok": null }));
        solo["note"] = serde_json::json!(" ");
        assert_eq!(value(&review_refusal(&solo.to_string()))["ok"]["code"], "note_required");
        assert!(value(&review_refusal("{}"))["error"].as_str().unwrap().starts_with("not a move request: "));
        assert_eq!(recorded_note(Some(" Looks good\n".to_owned())).as_deref(), Some("Looks good"));
        assert_eq!(recorded_note(Some("  ".to_owned())), None);
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

    #[test]
    fn the_browser_compares_two_versions_on_one_population() {
        let onboarding = waymark_core::examples::documents().into_iter().find(|d| d.id == "onboarding").unwrap();
        let mut longer = serde_json::to_value(&onboarding).unwrap();
        let nodes = longer["nodes"].as_array_mut().unwrap();
        let wait = nodes.iter_mut().find(|n| n["id"] == "wait_2d_reminder").unwrap();
        wait["delay"] = serde_json::json!({ "duration": "P3D" });
        let request =
            serde_json::json!({ "journeys": [], "scenario": "onboarding", "customers": 800, "days": 14, "seed": 3 });
        let (old, new, request) = (json(&onboarding), longer.to_string(), request.to_string());
        let diff = value(&behaviour_diff(&old, &new, &request));
        assert_eq!(diff["ok"]["customers"], 800);
        assert!(diff["ok"]["changed_customers"].as_u64().unwrap() > 0, "{}", diff["ok"]["changed_customers"]);
        assert!(diff["ok"]["examples"][0]["before"]["steps"].is_array());
        assert_eq!(value(&behaviour_diff(&old, &old, &request))["ok"]["changed_customers"], 0);
        let error = |old: &str, new: &str, request: &str| {
            value(&behaviour_diff(old, new, request))["error"].as_str().unwrap_or_default().to_owned()
        };
        assert!(error("{}", &new, &request).starts_with("old version: "), "{}", error("{}", &new, &request));
        assert!(error(&old, "[]", &request).starts_with("new version: "));
        let refused = request.replace("800", "0");
        assert!(error(&old, &new, &refused).starts_with("customers: "), "{}", error(&old, &new, &refused));
    }
}

/// The export formats, in the order the Export dialog offers them: `[{ name, title, extension }]`.
#[wasm_bindgen]
pub fn export_formats() -> String {
    let formats: Vec<_> = waymark_core::export::Format::ALL
        .iter()
        .map(|f| serde_json::json!({ "name": f.name(), "title": f.title(), "extension": f.extension() }))
        .collect();
    json(&formats)
}

/// A journey in a runtime's format, `format` being one of `export_formats`' names, `source_json`
/// the version and review status it is (a `Source`): `{ ok: text }`, `{ refused: Refusal }` when
/// the format cannot take this journey (each reason names its step), or `{ error }`.
#[wasm_bindgen]
pub fn export_journey(document_json: &str, format: &str, source_json: &str) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Exported {
        Ok(String),
        Refused(waymark_core::export::Refusal),
        Error(String),
    }
    let run = || -> Result<Exported, String> {
        let document = document(document_json)?;
        let format =
            waymark_core::export::Format::parse(format).ok_or_else(|| format!("`{format}` is not a format"))?;
        let source = serde_json::from_str(source_json).map_err(|error| format!("the source is not valid: {error}"))?;
        Ok(match waymark_core::export::export(&document, format, &source) {
            Ok(text) => Exported::Ok(text),
            Err(refusal) => Exported::Refused(refusal),
        })
    };
    json(&run().unwrap_or_else(Exported::Error))
}
