//! One function per subcommand. Each reads its input, calls the core or the store, and prints.

use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use serde::Serialize;
use waymark_core::{Diagnostic, has_errors, to_canonical_json, validate_document};
use waymark_store::{Status, Store, StoreError, VersionInfo};

use crate::output;
use crate::{Cli, Command};
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
        Some(StoreError::Conflict { .. } | StoreError::PublishBlocked { .. }) => Outcome::Problems,
        _ => Outcome::Unusable,
    }
}

/// A stable machine code for a failure, for `--json` output.
pub fn error_code(error: &anyhow::Error) -> &'static str {
    if let Some(error) = error.downcast_ref::<StoreError>() {
        error.code()
    } else if let Some(error) = error.downcast_ref::<FileError>() {
        error.code()
    } else {
        "usage"
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
        Command::Fmt { files, check } => fmt(files, *check),
        Command::Seed => seed(cli),
        Command::Generate { nodes } => {
            print!("{}", to_canonical_json(&waymark_core::generate::journey((*nodes).clamp(10, 100_000))));
            Ok(Outcome::Success)
        }
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
                let (journey, diagnostics) = validate_document(document);
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
                    journey: Some(journey.document().id.clone()),
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
    let mut store = open_store(cli)?;
    let author = author(cli);
    let mut results = Vec::new();
    for (file, document) in files.iter().zip(&documents) {
        let base = match expect_version {
            Some(0) => None,
            Some(number) => Some(number),
            None => store.latest(&document.id)?.map(|v| v.number),
        };
        let saved = store
            .save_version(document, base, &author, message)
            .with_context(|| format!("cannot import {}", file.display()))?;
        let (_, diagnostics) = validate_document(document.clone());
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

fn version_row(version: &VersionInfo) -> Vec<String> {
    vec![
        output::strong(&format!("v{}", version.number)),
        version.status.to_string(),
        short_time(version.created_at),
        version.author.clone(),
        output::dim(&version.content_hash[..12]),
        version.message.clone(),
    ]
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

/// `journey` or `journey@3`.
fn parse_target(target: &str, version_required: bool) -> anyhow::Result<(String, Option<u32>)> {
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
fn open_store(cli: &Cli) -> anyhow::Result<Store> {
    let store = waymark_store::workspace::open_database(cli.db.as_deref())?;
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
