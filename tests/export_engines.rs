//! Proof of the exports by their owners' tools and by running them: every example journey is
//! exported to all five formats, each file is checked by the tool that owns its format
//! (`tests/export/lint.mjs`), and scripted customers chosen to take every port run through the
//! BPMN export in bpmn-engine (`run-bpmn.mjs`) and the ASL export in moto's Step Functions
//! (`run_asl.py`). Each customer's path through the engine must equal, node by node, the path the
//! simulator takes them on (`simulate::script`).
//!
//! The tools are installed by `cargo xtask test` (or `cargo xtask export-proof`), which sets
//! `WAYMARK_EXPORT_TOOLS` (the folder with the scripts and their `node_modules`) and
//! `WAYMARK_EXPORT_PYTHON` (the Python of the virtual environment with moto).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};
use waymark_core::JourneyDocument;
use waymark_core::export::{Format, Source, export};
use waymark_core::model::NodeKind;
use waymark_core::simulate::script::{SCRIPT_DAYS, SCRIPT_START, ScriptedCustomer, covering_customers, script_steps};
use waymark_core::split::split_bucket;

/// What one example gave, for the summary the lead's closing note quotes.
struct Figures {
    journey: String,
    exported: Vec<&'static str>,
    refused: Vec<String>,
    customers: usize,
    bpmn_matched: usize,
    asl_matched: Option<usize>,
}

#[test]
#[ignore = "needs the export tools that `cargo xtask test` installs"]
fn every_example_export_passes_its_tools_and_runs_like_the_simulator() {
    let tools = Tools::from_env();
    let temporary = tempfile::tempdir().expect("a temporary folder");
    // `WAYMARK_EXPORT_OUT` keeps the files for a look at what the tools saw.
    let kept = std::env::var_os("WAYMARK_EXPORT_OUT").map(PathBuf::from);
    let dir = kept.as_deref().unwrap_or(temporary.path());
    std::fs::create_dir_all(dir).expect("the output folder exists");
    let mut figures = Vec::new();
    let mut expected = BTreeMap::new();
    for document in waymark_core::examples::documents() {
        let (exported, refused) = write_exports(&document, dir);
        let customers = write_customers(&document, dir);
        expected.insert(document.id.clone(), (customers.len(), has_parallel(&document)));
        let customers = customers.len();
        let asl_matched = exported.contains(&"asl").then_some(0);
        figures.push(Figures {
            journey: document.id.clone(),
            exported,
            refused,
            customers,
            bpmn_matched: 0,
            asl_matched,
        });
    }
    write_split_fixture(dir);
    let schema = write_plan_schema(dir);

    let lint = tools.node("lint.mjs", &[dir, &schema]);
    let bpmn = tools.node("run-bpmn.mjs", &[dir]);
    let asl = tools.python("run_asl.py", &[dir]);

    check_split_fixture("run-bpmn.mjs", &bpmn);
    check_split_fixture("run_asl.py", &asl);
    let mut failures = lint_failures(&lint);
    for figure in &mut figures {
        let file = dir.join(format!("{}.customers.json", figure.journey));
        let script: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let parallel = expected[&figure.journey].1;
        let (matched, mut failed) = compare(&figure.journey, "BPMN", &script, &bpmn, parallel);
        figure.bpmn_matched = matched;
        failures.append(&mut failed);
        if figure.asl_matched.is_some() {
            let (matched, mut failed) = compare(&figure.journey, "ASL", &script, &asl, parallel);
            figure.asl_matched = Some(matched);
            failures.append(&mut failed);
        }
    }
    print_figures(&figures, &lint);
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

/// Where the tools are: the scripts with their `node_modules`, and the Python with moto.
struct Tools {
    dir: PathBuf,
    python: PathBuf,
}

impl Tools {
    fn from_env() -> Tools {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests sit in the workspace").to_owned();
        let dir = std::env::var_os("WAYMARK_EXPORT_TOOLS").map_or_else(|| root.join("tests/export"), PathBuf::from);
        let python = std::env::var_os("WAYMARK_EXPORT_PYTHON")
            .map_or_else(|| root.join("target/export-venv/bin/python"), PathBuf::from);
        assert!(
            dir.join("node_modules").is_dir() && python.exists(),
            "the export tools are not installed in {} and {}: run `cargo xtask export-proof`",
            dir.display(),
            python.display()
        );
        Tools { dir, python }
    }

    fn node(&self, script: &str, args: &[&Path]) -> Value {
        self.run(Command::new("node").arg(self.dir.join(script)).args(args))
    }

    fn python(&self, script: &str, args: &[&Path]) -> Value {
        self.run(Command::new(&self.python).arg(self.dir.join(script)).args(args))
    }

    /// Runs a tool that prints JSON; its exit status is checked from the JSON it printed, so
    /// that one failure shows every other result too.
    fn run(&self, command: &mut Command) -> Value {
        let output = command.current_dir(&self.dir).output().expect("the tool starts");
        let stdout = String::from_utf8_lossy(&output.stdout);
        serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!(
                "{command:?} printed no JSON ({e}; {}):\n{stdout}\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            )
        })
    }
}

/// Writes every format `document` exports to; returns the formats written and the refusals.
fn write_exports(document: &JourneyDocument, dir: &Path) -> (Vec<&'static str>, Vec<String>) {
    let mut exported = Vec::new();
    let mut refused = Vec::new();
    for format in Format::ALL {
        match export(document, format, &Source::default()) {
            Ok(text) => {
                let file = dir.join(format!("{}.{}", document.id, format.extension()));
                std::fs::write(file, text).expect("the export is written");
                exported.push(format.name());
            }
            Err(refusal) => {
                // Only ASL may refuse an example, and it must say which node it cannot express.
                assert_eq!(format, Format::Asl, "{}: {format:?} refused: {refusal:?}", document.id);
                assert!(
                    refusal.reasons.iter().any(|r| r.node.is_some()),
                    "{}: the ASL refusal names no node: {refusal:?}",
                    document.id
                );
                let reasons: Vec<String> = refusal
                    .reasons
                    .iter()
                    .map(|r| format!("{}: {}", r.node.as_deref().unwrap_or("-"), r.message))
                    .collect();
                refused.push(format!("asl ({})", reasons.join("; ")));
            }
        }
    }
    (exported, refused)
}

/// Writes `<journey>.customers.json`: the journey's scripted customers with the path the
/// simulator takes each on, for the engines to run.
fn write_customers(document: &JourneyDocument, dir: &Path) -> Vec<ScriptedCustomer> {
    let customers = covering_customers(document);
    let entries: Vec<Value> = customers
        .iter()
        .map(|customer| {
            let steps = script_steps(document, customer).unwrap_or_else(|e| panic!("{}: {e}", document.id));
            let entered_at = steps.first().map_or(0, |s| s.t);
            json!({
                "id": customer.id,
                "attributes": customer.attributes,
                "events": customer.events,
                "entered_at": entered_at,
                "expected": steps,
            })
        })
        .collect();
    let file = json!({
        "journey": document.id,
        "nodes": document.nodes.iter().map(|n| &n.id).collect::<Vec<_>>(),
        "start": format!("{SCRIPT_START}T00:00:00Z"),
        "horizon_seconds": i64::from(SCRIPT_DAYS) * 86_400,
        "customers": entries,
    });
    let path = dir.join(format!("{}.customers.json", document.id));
    std::fs::write(path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    customers
}

fn has_parallel(document: &JourneyDocument) -> bool {
    document.nodes.iter().any(|n| matches!(n.kind, NodeKind::Parallel { .. }))
}

/// Writes the plan's JSON Schema as the core generates it, for ajv; the committed copy, when
/// there is one, must be the same.
fn write_plan_schema(dir: &Path) -> PathBuf {
    let schema = waymark_core::export::plan_schema();
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/plan.schema.json");
    if let Ok(text) = std::fs::read_to_string(&committed) {
        assert_eq!(text, schema, "schemas/plan.schema.json is stale: run `cargo xtask codegen`");
    }
    let path = dir.join("plan.schema.json");
    std::fs::write(&path, schema).expect("the plan schema is written");
    path
}

/// Pairs whose buckets the BPMN runner's own hash must give as the core does.
const SPLIT_PAIRS: [(&str, &str); 5] = [
    ("c1", "trial-to-paid/holdout_split"),
    ("c2", "trial-to-paid/holdout_split"),
    ("c30", "trial-to-paid/holdout_split"),
    ("customé-7", "journey/split"),
    ("", ""),
];

fn write_split_fixture(dir: &Path) {
    let pairs: Vec<Value> =
        SPLIT_PAIRS.iter().map(|(customer, split)| json!({"customer": customer, "split": split})).collect();
    std::fs::write(dir.join("split-buckets.json"), Value::Array(pairs).to_string()).unwrap();
}

/// The runners' own `waymark-split/1` gives every pair the core's bucket.
fn check_split_fixture(runner: &str, output: &Value) {
    let computed = output["splitBuckets"].as_array().unwrap_or_else(|| panic!("{runner} computed no split bucket"));
    assert_eq!(computed.len(), SPLIT_PAIRS.len(), "{runner} computed every split bucket");
    for (entry, (customer, split)) in computed.iter().zip(SPLIT_PAIRS) {
        let expected = json!(split_bucket(customer, split));
        assert_eq!(entry["bucket"], expected, "{runner}: bucket of ({customer:?}, {split:?})");
    }
}

/// The files the owners' tools found fault with, one line each.
fn lint_failures(lint: &Value) -> Vec<String> {
    let files = lint["files"].as_array().expect("lint.mjs lists the files it checked");
    assert!(!files.is_empty(), "lint.mjs checked no file");
    files
        .iter()
        .filter(|f| f["ok"] != json!(true))
        .map(|f| format!("lint: {} ({}): {}", f["file"].as_str().unwrap_or("?"), f["tool"], f["errors"]))
        .collect()
}

/// Compares each customer's engine path with the simulator's; returns how many matched and a
/// line per customer who did not, naming the first step that differs.
fn compare(journey: &str, engine: &str, script: &Value, results: &Value, parallel: bool) -> (usize, Vec<String>) {
    let mut matched = 0;
    let mut failures = Vec::new();
    for customer in script["customers"].as_array().unwrap() {
        let id = customer["id"].as_str().unwrap();
        let result = &results[journey][id];
        let expected = path_of(&customer["expected"], parallel);
        let actual = path_of(&result["path"], parallel);
        if let Some(error) = result.get("error").and_then(Value::as_str) {
            failures.push(format!("{engine} {journey} {id}: the engine failed: {error}"));
        } else if result.is_null() {
            failures.push(format!("{engine} {journey} {id}: the engine gave no result"));
        } else if expected == actual {
            matched += 1;
        } else {
            let at = expected.iter().zip(&actual).position(|(a, b)| a != b).unwrap_or(expected.len().min(actual.len()));
            failures.push(format!(
                "{engine} {journey} {id}: step {} differs: simulator {:?}, engine {:?}\n  simulator: {}\n  engine:    {}\n  script: {}",
                at + 1,
                expected.get(at),
                actual.get(at),
                expected.join(" "),
                actual.join(" "),
                json!({"attributes": customer["attributes"], "events": customer["events"]})
            ));
        }
    }
    (matched, failures)
}

/// The node ids of a path. Parallel paths run at the same instants in an order each engine
/// chooses, so where a journey has a parallel node the arrivals of one instant are compared
/// sorted by node id; elsewhere the order is compared exactly.
fn path_of(steps: &Value, parallel: bool) -> Vec<String> {
    let mut steps: Vec<(i64, String)> = steps
        .as_array()
        .map(|list| {
            list.iter().map(|s| (s["t"].as_i64().unwrap_or(0), s["node"].as_str().unwrap_or("?").to_owned())).collect()
        })
        .unwrap_or_default();
    if parallel {
        steps.sort();
    }
    steps.into_iter().map(|(_, node)| node).collect()
}

fn print_figures(figures: &[Figures], lint: &Value) {
    let clean = lint["files"].as_array().map_or(0, |f| f.iter().filter(|f| f["ok"] == json!(true)).count());
    let total = lint["files"].as_array().map_or(0, Vec::len);
    println!("\nexport proof: {clean} of {total} exported files clean under their owners' tools");
    println!("{:<20} {:<28} {:>9} {:>12} {:>12}", "journey", "exported", "customers", "BPMN equal", "ASL equal");
    for f in figures {
        let asl = f.asl_matched.map_or("refused".to_owned(), |m| format!("{m}/{}", f.customers));
        println!(
            "{:<20} {:<28} {:>9} {:>12} {:>12}",
            f.journey,
            f.exported.join(","),
            f.customers,
            format!("{}/{}", f.bpmn_matched, f.customers),
            asl
        );
        for refusal in &f.refused {
            println!("    refused: {refusal}");
        }
    }
}
