//! One function per subcommand. Each reads its input, calls the core or the store, and prints.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use serde::Serialize;
use waymark_app::ErrorCode;
use waymark_core::request::RequestError;
use waymark_core::{Diagnostic, JourneyDocument, has_errors, to_canonical_json, validate_document};
use waymark_store::{Status, Store, StoreError, VersionInfo};

use crate::output;
use crate::{Cli, Command, Setting, Switch};
use waymark_store::files::{FileError, read_document};

/// How a run ended, as the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success = 0,
    /// The input was usable, but the check found problems or the change was refused.
    Problems = 1,
    /// Usage or input errors.
    Unusable = 2,
}

/// The exit code of a failed run: refusals of valid requests are problems, the rest unusable input.
pub fn outcome_of(error: &anyhow::Error) -> Outcome {
    match error.downcast_ref::<StoreError>() {
        Some(StoreError::Conflict { .. } | StoreError::PublishBlocked { .. } | StoreError::SelfApproval { .. }) => {
            Outcome::Problems
        }
        _ => Outcome::Unusable,
    }
}

/// A stable machine code for a failure, for `--json` output: the app's `ErrorCode`, else `usage`.
pub fn error_code(error: &anyhow::Error) -> String {
    let code = if let Some(error) = error.downcast_ref::<StoreError>() {
        Some(waymark_app::error::store_code(error))
    } else if let Some(error) = error.downcast_ref::<FileError>() {
        Some(waymark_app::error::file_code(error))
    } else {
        error.downcast_ref::<RequestError>().map(|_| ErrorCode::InvalidSimulation)
    };
    code.map_or_else(|| "usage".to_owned(), ErrorCode::name)
}

/// What to run next after a store error, as the CLI's own hint.
pub fn hint(error: &anyhow::Error) -> Option<String> {
    match error.downcast_ref::<StoreError>()? {
        StoreError::UnknownJourney(_) => Some("`waymark list` shows the ones stored".to_owned()),
        StoreError::UnknownVersion { journey, .. } => Some(format!("`waymark history {journey}` lists its versions")),
        StoreError::NoteRequired { .. } => Some("say why with `--note \"...\"`".to_owned()),
        StoreError::SelfApproval { .. } => Some("`waymark config solo-review on` turns it on".to_owned()),
        StoreError::NotWaymark { .. } => Some("choose another file with --db".to_owned()),
        StoreError::UnknownCatalogEntry { .. } => Some("`waymark catalog` lists the entries".to_owned()),
        _ => None,
    }
}

pub fn run(cli: &Cli) -> anyhow::Result<Outcome> {
    match &cli.command {
        Command::Validate { files } => validate(cli, files),
        Command::Import { files, message, expect_version } => import(cli, files, message, *expect_version),
        Command::List { archived } => list(cli, *archived),
        Command::Archive { journey } => archive(cli, journey, true),
        Command::Unarchive { journey } => archive(cli, journey, false),
        Command::History { journey } => history(cli, journey),
        Command::Show { target } => show(cli, target),
        Command::Restore { target } => restore(cli, target),
        Command::Status { target, to, note } => status(cli, target, to.as_deref(), note.as_deref()),
        Command::Config { setting } => config(cli, setting.as_ref()),
        Command::Catalog { command } => crate::catalog::run(cli, command.as_ref()),
        Command::Fmt { files, check } => fmt(files, *check),
        Command::Seed => seed(cli),
        Command::Simulate { journeys, scenario, customers, days, start, seed, threads, trace } => simulate(
            cli,
            journeys,
            &SimulateArgs {
                scenario: scenario.as_deref(),
                customers: *customers,
                days: *days,
                start: start.as_deref(),
                seed: *seed,
                threads: *threads,
                trace: trace.as_deref(),
            },
        ),
        Command::Generate { nodes } => {
            // Refused rather than written: Waymark could not read a larger file back.
            let max = waymark_core::generate::MAX_NODES;
            anyhow::ensure!(
                *nodes <= max,
                "a generated journey of {nodes} nodes would be larger than the {} MB a journey may be; \
                 the largest that fits is {max}",
                waymark_core::format::MAX_DOCUMENT_BYTES / 1_048_576
            );
            print!("{}", to_canonical_json(&waymark_core::generate::journey((*nodes).max(10))));
            Ok(Outcome::Success)
        }
        Command::Diff(args) => crate::diff::run(cli, args),
        Command::Export(args) => crate::export::run(cli, args),
        Command::Git { command } => crate::git::run(cli, command),
        Command::Schema => {
            print!("{}", waymark_core::schema::journey_schema());
            Ok(Outcome::Success)
        }
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(*shell, &mut Cli::command(), "waymark", &mut std::io::stdout());
            Ok(Outcome::Success)
        }
    }
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    journey: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    warnings: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<Vec<Diagnostic>>,
    /// Set when the file could not be read as a journey at all.
    #[serde(skip_serializing_if = "Option::is_none")]
    unusable: Option<String>,
}

fn validate(cli: &Cli, files: &[PathBuf]) -> anyhow::Result<Outcome> {
    let catalog = existing_catalog(cli);
    let mut reports = Vec::new();
    let mut outcome = Outcome::Success;
    for file in files {
        let name = file.display().to_string();
        match read_document(file) {
            Err(error) => {
                outcome = Outcome::Unusable;
                if !cli.json {
                    output::error(&anyhow::Error::new(error), false);
                    continue;
                }
                reports.push(FileReport { unusable: Some(error.to_string()), ..FileReport::empty(name) });
            }
            Ok(document) => {
                let id = document.id.clone();
                let diagnostics = match &catalog {
                    Some(catalog) => waymark_app::catalog::check(document, catalog),
                    None => validate_document(document).1,
                };
                if has_errors(&diagnostics) && outcome == Outcome::Success {
                    outcome = Outcome::Problems;
                }
                let errors = diagnostics.iter().filter(|d| d.severity == waymark_core::Severity::Error).count();
                if !cli.json {
                    for diagnostic in &diagnostics {
                        output::line(output::diagnostic(&name, diagnostic));
                    }
                    let verdict =
                        if diagnostics.is_empty() { output::good("ok") } else { output::counts(&diagnostics) };
                    output::line(format!("{}: {verdict}", output::strong(&name)));
                }
                reports.push(FileReport {
                    journey: Some(id),
                    errors: Some(errors),
                    warnings: Some(diagnostics.len() - errors),
                    diagnostics: Some(diagnostics),
                    ..FileReport::empty(name)
                });
            }
        }
    }
    if cli.json {
        output::json(&reports);
    }
    Ok(outcome)
}

impl FileReport {
    fn empty(file: String) -> FileReport {
        FileReport { file, journey: None, errors: None, warnings: None, diagnostics: None, unusable: None }
    }
}

fn import(cli: &Cli, files: &[PathBuf], message: &str, expect_version: Option<u32>) -> anyhow::Result<Outcome> {
    if expect_version.is_some() && files.len() != 1 {
        bail!("--expect-version applies to one file at a time");
    }
    // Read everything first: one bad file stores nothing.
    let documents = files.iter().map(|file| read_document(file)).collect::<Result<Vec<_>, _>>()?;
    // Validate everything before the first save, so that nothing can fail once a version is
    // stored. Documents with problems are still imported; the problems are counted below.
    let checked: Vec<_> = documents.iter().map(|document| validate_document(document.clone()).1).collect();
    let mut store = open_store(cli)?;
    let author = author(cli);
    let mut results = Vec::new();
    for ((file, document), diagnostics) in files.iter().zip(&documents).zip(checked) {
        let saved = waymark_app::journeys::import_document(&mut store, document, expect_version, &author, message)
            .with_context(|| format!("cannot import {}", file.display()))?;
        if !cli.json {
            let what = if saved.created {
                format!("imported {} as version {}", output::strong(&document.id), saved.version.number)
            } else {
                format!("{} unchanged (still version {})", output::strong(&document.id), saved.version.number)
            };
            let problems = if diagnostics.is_empty() {
                String::new()
            } else {
                output::dim(&format!(" ({}; see `waymark validate {}`)", output::counts(&diagnostics), file.display()))
            };
            output::line(format!("{what}{problems}"));
        }
        results.push(serde_json::json!({
            "file": file.display().to_string(),
            "journey": document.id,
            "version": saved.version.number,
            "created": saved.created,
            "diagnostics": diagnostics,
        }));
    }
    if cli.json {
        output::json(&results);
    }
    Ok(Outcome::Success)
}

fn list(cli: &Cli, archived: bool) -> anyhow::Result<Outcome> {
    let store = open_store(cli)?;
    let (journeys, hidden): (Vec<_>, Vec<_>) =
        store.list_journeys()?.into_iter().partition(|j| archived || !j.archived);
    if cli.json {
        output::json(&journeys);
        return Ok(Outcome::Success);
    }
    if journeys.is_empty() && hidden.is_empty() {
        output::line("No journeys yet. Import one with `waymark import FILE`.");
        return Ok(Outcome::Success);
    }
    if journeys.is_empty() {
        output::line(format!("No journeys in the list; {} archived (`waymark list --archived`).", hidden.len()));
        return Ok(Outcome::Success);
    }
    let mut rows = vec![["journey", "name", "version", "status", "updated"].map(output::dim).to_vec()];
    for journey in &journeys {
        let (version, status, updated) = match &journey.latest {
            Some(v) => (format!("v{}", v.number), v.status.to_string(), short_time(v.created_at)),
            None => ("-".to_owned(), "-".to_owned(), "-".to_owned()),
        };
        let version = if journey.has_draft { format!("{version} +draft") } else { version };
        let status = if journey.archived { format!("{status} (archived)") } else { status };
        rows.push(vec![output::strong(&journey.id), journey.name.clone(), version, status, updated]);
    }
    output::table(&rows).iter().for_each(output::line);
    Ok(Outcome::Success)
}

fn archive(cli: &Cli, journey: &str, archive: bool) -> anyhow::Result<Outcome> {
    let mut store = open_store(cli)?;
    if archive {
        store.archive(journey)?;
    } else {
        store.unarchive(journey)?;
    }
    let done = if archive { "archived" } else { "restored" };
    if cli.json {
        output::json(&serde_json::json!({ "journey": journey, "archived": archive }));
    } else {
        output::line(format!("{done} {}", output::strong(journey)));
    }
    Ok(Outcome::Success)
}

fn history(cli: &Cli, journey: &str) -> anyhow::Result<Outcome> {
    let store = open_store(cli)?;
    let versions = store.history(journey)?;
    if cli.json {
        output::json(&versions);
        return Ok(Outcome::Success);
    }
    let mut rows = Vec::new();
    for version in versions.iter().rev() {
        rows.push(version_row(version));
    }
    output::table(&rows).iter().for_each(output::line);
    Ok(Outcome::Success)
}

/// A version in `waymark history`: its status says who gave it (and why), so an approval is
/// always read with the version it belongs to.
fn version_row(version: &VersionInfo) -> Vec<String> {
    let status = match &version.last_transition {
        Some(last) => format!("{} by {}", version.status, last.actor),
        None => version.status.to_string(),
    };
    let mut row = vec![
        output::strong(&format!("v{}", version.number)),
        status,
        short_time(version.created_at),
        version.author.clone(),
        output::dim(&version.content_hash[..12]),
        version.message.clone(),
    ];
    if let Some(note) = version.last_transition.as_ref().and_then(|last| last.note.as_deref()) {
        row.push(output::dim(&format!("({note})")));
    }
    row
}

fn show(cli: &Cli, target: &str) -> anyhow::Result<Outcome> {
    let (journey, number) = parse_target(target, false)?;
    let store = open_store(cli)?;
    let (_, document) = store.version(&journey, number)?;
    print!("{}", to_canonical_json(&document));
    Ok(Outcome::Success)
}

fn restore(cli: &Cli, target: &str) -> anyhow::Result<Outcome> {
    let (journey, number) = parse_target(target, true)?;
    let number = number.expect("parse_target requires @N");
    let mut store = open_store(cli)?;
    let saved = store.restore(&journey, number, &author(cli))?;
    if cli.json {
        output::json(&saved);
    } else if saved.created {
        output::line(format!(
            "restored version {number} of {} as version {}",
            output::strong(&journey),
            saved.version.number
        ));
    } else {
        output::line(format!(
            "{} already has that content (version {})",
            output::strong(&journey),
            saved.version.number
        ));
    }
    Ok(Outcome::Success)
}

fn status(cli: &Cli, target: &str, to: Option<&str>, note: Option<&str>) -> anyhow::Result<Outcome> {
    let (journey, number) = parse_target(target, true)?;
    let number = number.expect("parse_target requires @N");
    let mut store = open_store(cli)?;
    if let Some(to) = to {
        let to: Status = to.parse().map_err(|_| {
            anyhow::anyhow!("unknown status `{to}`; use one of draft, in_review, approved, published, archived")
        })?;
        store.set_status(&journey, number, to, &author(cli), note)?;
    }
    let transitions = store.transitions(&journey, number)?;
    let (version, _) = store.version(&journey, Some(number))?;
    if cli.json {
        output::json(&serde_json::json!({ "version": version, "transitions": transitions }));
        return Ok(Outcome::Success);
    }
    output::line(format!("{} v{number}: {}", output::strong(&journey), output::strong(&version.status.to_string())));
    let rows: Vec<Vec<String>> = transitions
        .iter()
        .map(|t| {
            vec![
                short_time(t.at),
                format!("{} -> {}", t.from, t.to),
                t.actor.clone(),
                t.note.clone().unwrap_or_default(),
            ]
        })
        .collect();
    output::table(&rows).iter().for_each(|row| output::line(format!("  {}", row.trim_end())));
    Ok(Outcome::Success)
}

fn config(cli: &Cli, setting: Option<&Setting>) -> anyhow::Result<Outcome> {
    let mut store = open_store(cli)?;
    if let Some(Setting::SoloReview { state }) = setting {
        store.set_solo_review(*state == Switch::On)?;
    }
    let settings = store.workspace_settings()?;
    if cli.json {
        output::json(&settings);
        return Ok(Outcome::Success);
    }
    let solo_review = if settings.solo_review {
        ["on", "authors may approve their own versions"]
    } else {
        ["off", "approving a version needs someone other than its author"]
    };
    let rows = vec![vec!["solo-review".to_owned(), output::strong(solo_review[0]), output::dim(solo_review[1])]];
    output::table(&rows).iter().for_each(output::line);
    Ok(Outcome::Success)
}

fn fmt(files: &[PathBuf], check: bool) -> anyhow::Result<Outcome> {
    let mut outcome = Outcome::Success;
    for file in files {
        let document = read_document(file)?;
        let canonical = to_canonical_json(&document);
        let current = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        if current == canonical.as_bytes() {
            continue;
        }
        if check {
            output::line(format!("{} is not in canonical form", file.display()));
            outcome = Outcome::Problems;
        } else {
            waymark_store::files::write_atomically(file, canonical.as_bytes())?;
            output::line(format!("formatted {}", file.display()));
        }
    }
    Ok(outcome)
}

fn seed(cli: &Cli) -> anyhow::Result<Outcome> {
    let mut store = open_store(cli)?;
    let added = store.seed(&waymark_core::examples::documents(), &author(cli))?;
    if cli.json {
        output::json(&serde_json::json!({ "added": added }));
    } else {
        output::line(format!("added {added} example {}", output::plural(added, "journey")));
    }
    Ok(Outcome::Success)
}

/// Reads a journey named on the command line: a file when it names one (or looks like a path),
/// else `JOURNEY@N`, `JOURNEY@draft` or `JOURNEY` (its newest version) from the store, opened on
/// first use. The version comes with it when it is a stored one.
pub(crate) fn read_journey(
    cli: &Cli,
    target: &str,
    store: &mut Option<Store>,
) -> anyhow::Result<(JourneyDocument, Option<VersionInfo>)> {
    let path = Path::new(target);
    if path.is_file() || target.ends_with(".json") || target.contains(std::path::MAIN_SEPARATOR) {
        return Ok((read_document(path)?, None));
    }
    if store.is_none() {
        *store = Some(open_store(cli)?);
    }
    let store = store.as_ref().expect("opened above");
    match target.rsplit_once('@') {
        Some((journey, "draft")) => store
            .draft(journey)?
            .map(|draft| (draft.document, None))
            .with_context(|| format!("`{journey}` has no draft; `waymark history {journey}` lists its versions")),
        Some(_) => {
            let (journey, number) = parse_target(target, true)?;
            let (info, document) = store.version(&journey, number)?;
            Ok((document, Some(info)))
        }
        None => store
            .version(target, None)
            .map(|(info, document)| (document, Some(info)))
            .with_context(|| format!("`{target}` is neither a journey file nor a stored journey")),
    }
}

/// `journey` or `journey@3`.
pub(crate) fn parse_target(target: &str, version_required: bool) -> anyhow::Result<(String, Option<u32>)> {
    let (journey, number) = match target.split_once('@') {
        Some((journey, number)) => {
            let number: u32 =
                number.parse().ok().filter(|n| *n > 0).with_context(|| {
                    format!("`{target}`: the version after `@` must be a number such as `{journey}@1`")
                })?;
            (journey, Some(number))
        }
        None if version_required => bail!("`{target}`: say which version, such as `{target}@1`"),
        None => (target, None),
    };
    Ok((journey.to_owned(), number))
}

fn author(cli: &Cli) -> String {
    cli.author
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

fn short_time(time: DateTime<Utc>) -> String {
    time.format("%Y-%m-%d %H:%M").to_string()
}

/// Opens the database named by `--db`/`WAYMARK_DB`, or the default one, seeded on first use.
/// The workspace catalog, when a database already exists to read it from (`--db`, `WAYMARK_DB` or
/// the default file): `validate` then also warns about unknown events and attributes. Plain files
/// are checked without it, and `validate` never creates a database; one that cannot be read
/// leaves the check to the file alone.
fn existing_catalog(cli: &Cli) -> Option<waymark_core::workspace_catalog::WorkspaceCatalog> {
    let path = cli.db.clone().or_else(waymark_app::database::default_database)?;
    if !path.is_file() {
        return None;
    }
    let store = Store::open(&path).ok()?;
    waymark_app::catalog::workspace_catalog(&store).ok()
}

pub(crate) fn open_store(cli: &Cli) -> anyhow::Result<Store> {
    let store = waymark_app::database::open_database(cli.db.as_deref())?;
    Ok(match fixed_clock()? {
        Some(now) => store.with_clock(move || now),
        None => store,
    })
}

/// `WAYMARK_NOW` pins the clock (RFC 3339), so that tests and demos print stable times.
fn fixed_clock() -> anyhow::Result<Option<DateTime<Utc>>> {
    match std::env::var("WAYMARK_NOW") {
        Ok(text) => Ok(Some(
            DateTime::parse_from_rfc3339(&text)
                .with_context(|| format!("WAYMARK_NOW=`{text}` is not an RFC 3339 time"))?
                .with_timezone(&Utc),
        )),
        Err(_) => Ok(None),
    }
}

/// The options of `waymark simulate` besides the journeys.
pub struct SimulateArgs<'a> {
    scenario: Option<&'a std::path::Path>,
    customers: Option<u64>,
    days: Option<u32>,
    start: Option<&'a str>,
    seed: Option<u64>,
    threads: Option<usize>,
    trace: Option<&'a str>,
}

fn simulate(cli: &Cli, targets: &[String], args: &SimulateArgs) -> anyhow::Result<Outcome> {
    use waymark_app::simulation::SimulationProgress;
    use waymark_core::request::Overrides;
    use waymark_core::simulate;

    let overrides =
        Overrides { customers: args.customers, days: args.days, start: args.start, seed: args.seed, trace: args.trace };
    let prepared = prepare_scenario(args.scenario, &overrides)?;
    let mut documents = Vec::new();
    let mut store = None;
    for target in targets {
        let path = std::path::Path::new(target);
        // Anything on disk but a directory is read as a file, so that a pipe or a device is
        // refused by name rather than looked up as a journey id.
        let document = if path.exists() && !path.is_dir() {
            read_document(path)?
        } else {
            if store.is_none() {
                store = Some(open_store(cli)?);
            }
            let store = store.as_ref().expect("opened above");
            store
                .version(target, None)
                .map(|(_, document)| document)
                .with_context(|| format!("`{target}` is neither a journey file nor a stored journey"))?
        };
        let (_, diagnostics) = validate_document(document.clone());
        if has_errors(&diagnostics) {
            let mut err = anstream::stderr();
            let _ = std::io::Write::write_fmt(
                &mut err,
                format_args!(
                    "warning: {target} has validation errors ({}); the simulation follows the journey as it is\n",
                    output::counts(&diagnostics)
                ),
            );
        }
        documents.push(document);
    }

    let show_progress =
        !cli.json && std::io::IsTerminal::is_terminal(&std::io::stderr()) && prepared.scenario.customers >= 100_000;
    let progress = |p: SimulationProgress| {
        let mut err = std::io::stderr();
        let _ = std::io::Write::write_fmt(&mut err, format_args!("\rsimulating {}/{} customers", p.done, p.total));
    };
    let report = waymark_app::simulation::run(
        &documents,
        &prepared,
        args.threads,
        if show_progress { Some(&progress) } else { None },
        None,
    );
    if show_progress {
        eprint!("\r\x1b[2K");
    }
    if cli.json {
        output::json(&report);
    } else {
        for line in simulation_summary(&report, prepared.trace.map(simulate::customer_id)) {
            output::line(line);
        }
    }
    Ok(Outcome::Success)
}

/// The scenario of `--scenario` (or the built-in default) with the run overrides applied and
/// checked; `waymark simulate` and `waymark diff --simulate` refuse the same values in the same words.
pub(crate) fn prepare_scenario(
    path: Option<&std::path::Path>,
    overrides: &waymark_core::request::Overrides,
) -> anyhow::Result<waymark_core::request::Prepared> {
    use waymark_core::simulate::{self, Scenario};

    let scenario = match path {
        Some(path) => {
            // Capped like a journey: `/dev/zero` or a growing file must not grow memory.
            let cap = waymark_core::format::MAX_DOCUMENT_BYTES as u64;
            let bytes = waymark_store::files::read_capped(path, cap)
                .with_context(|| format!("cannot read {}", path.display()))?;
            simulate::parse_scenario_bytes(&bytes).map_err(|error| match error.place() {
                Some(place) if place.starts_with("at ") => {
                    anyhow::anyhow!("{}: {place}: {}", path.display(), error.message)
                }
                Some(place) => anyhow::anyhow!("{}:{place}: {}", path.display(), error.message),
                None => anyhow::anyhow!("{}: {}", path.display(), error.message),
            })?
        }
        None => Scenario::default_scenario(),
    };
    waymark_core::request::prepare(scenario, overrides).map_err(|error| {
        let option = error.field.split('.').next().unwrap_or(&error.field).to_owned();
        anyhow::anyhow!("invalid simulation option (--{option}): {}", error.message)
    })
}

/// The human summary of a simulation report.
fn simulation_summary(report: &waymark_core::simulate::Report, traced: Option<String>) -> Vec<String> {
    let mut lines = Vec::new();
    let run = &report.run;
    let totals = &report.totals;
    let scenario = if run.scenario.is_empty() { String::new() } else { format!(", scenario \"{}\"", run.scenario) };
    lines.push(format!(
        "simulated {} customers for {} days from {} (seed {}{scenario}){}",
        run.customers,
        run.days,
        run.start,
        run.seed,
        if run.complete { "" } else { ", cancelled" }
    ));
    lines.push(format!(
        "  {} entered a journey, {} node visits, {} events, {} messages sent, {} suppressed",
        totals.entered, totals.node_visits, totals.events, totals.messages_sent, totals.messages_suppressed
    ));
    for warning in &report.warnings {
        lines.push(format!("  warning: {warning}"));
    }
    for stop in &report.stopped {
        let place = stop.node.as_ref().map_or(String::new(), |node| format!(" at `{node}`"));
        lines.push(format!("  stopped {}{place}: {}", stop.customer, stop.message));
    }
    let percent =
        |n: u64, of: u64| if of == 0 { "-".to_owned() } else { format!("{:.1}%", n as f64 * 100.0 / of as f64) };
    for journey in &report.journeys {
        lines.push(String::new());
        lines.push(format!(
            "{} ({}, priority {}): {} entries by {} customers, {} messages",
            output::strong(&journey.id),
            journey.name,
            journey.priority,
            journey.entries,
            journey.customers,
            journey.messages_sent
        ));
        let mut rows = vec![["node", "kind", "entered", "passed", "exited", "suppressed"].map(str::to_owned).to_vec()];
        for node in &journey.nodes {
            rows.push(vec![
                node.id.clone(),
                node.kind.clone(),
                node.entered.to_string(),
                node.passed.to_string(),
                node.exited.to_string(),
                node.suppressed.to_string(),
            ]);
        }
        output::table(&rows).iter().for_each(|row| lines.push(format!("  {}", row.trim_end())));
        for goal in &journey.goals {
            let outcome = |o: &waymark_core::simulate::report::GoalOutcome| {
                format!(
                    "{} ({}/{}{})",
                    percent(o.converted, o.entries),
                    o.converted,
                    o.entries,
                    o.median_hours.map_or(String::new(), |h| format!(", median {h} h"))
                )
            };
            lines.push(format!(
                "  goal {}: treatment {}, holdout {}",
                goal.id,
                outcome(&goal.treatment),
                outcome(&goal.holdout)
            ));
        }
    }
    let cadence = &report.cadence;
    if !cadence.channels.is_empty() {
        lines.push(String::new());
        // Long horizons are summed by week so the table stays readable.
        let step = if cadence.per_day.len() > 31 { 7 } else { 1 };
        lines.push(format!("messages per channel per {}", if step == 1 { "day" } else { "week" }));
        let mut rows =
            vec![std::iter::once("date".to_owned()).chain(cadence.channels.iter().cloned()).collect::<Vec<_>>()];
        for days in cadence.per_day.chunks(step) {
            let mut row = vec![days[0].date.clone()];
            for c in 0..cadence.channels.len() {
                row.push(days.iter().map(|d| d.messages[c]).sum::<u64>().to_string());
            }
            rows.push(row);
        }
        output::table(&rows).iter().for_each(|row| lines.push(format!("  {}", row.trim_end())));
    }
    lines.push(String::new());
    lines.push("messages per customer who entered a journey".to_owned());
    let pc = &cadence.per_customer;
    let mut rows = vec![["", "p50", "p95", "max"].map(str::to_owned).to_vec()];
    for (name, p) in [("in total", pc.total), ("in any 24 h", pc.rolling_24h), ("in any 7 days", pc.rolling_7d)] {
        rows.push(vec![name.to_owned(), p.p50.to_string(), p.p95.to_string(), p.max.to_string()]);
    }
    output::table(&rows).iter().for_each(|row| lines.push(format!("  {}", row.trim_end())));
    lines.push(String::new());
    lines.push("conflicts".to_owned());
    let mut rows = Vec::new();
    for conflict in &report.conflicts {
        let examples =
            if conflict.examples.is_empty() { String::new() } else { format!("e.g. {}", conflict.examples.join(", ")) };
        rows.push(vec![conflict.kind.name().to_owned(), conflict.count.to_string(), examples]);
    }
    output::table(&rows).iter().for_each(|row| lines.push(format!("  {}", row.trim_end())));
    if let Some(customer) = traced {
        lines.push(String::new());
        match report.traces.iter().find(|t| t.customer == customer) {
            None => lines.push(format!("{customer} entered no journey")),
            Some(trace) => {
                lines.push(format!("timeline of {customer} ({})", trace.timezone));
                for step in &trace.steps {
                    let place = match (&step.journey, &step.node) {
                        (Some(j), Some(n)) => format!("{j}/{n}"),
                        (Some(j), None) => j.clone(),
                        _ => String::new(),
                    };
                    let port = step.port.as_deref().map_or(String::new(), |p| format!(" -> {p}"));
                    let what = serde_json::to_value(step.what)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    let place = if place.is_empty() { String::new() } else { format!("{place}{port}: ") };
                    lines.push(format!("  {} local  {what:<11} {place}{}", step.local, step.reason));
                }
                if trace.truncated {
                    lines.push("  (timeline cut at its step limit)".to_owned());
                }
            }
        }
    }
    lines
}
