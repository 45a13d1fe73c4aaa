//! `waymark`: the journey core for CI, git and scripts.
//!
//! The binary is glue: it parses arguments, reads files, opens the store and prints what the
//! libraries return. Exit codes: 0 success, 1 the input was fine but the check found problems
//! (validation errors, a refused save or publish), 2 usage or input errors.

mod catalog;
mod commands;
mod diff;
mod export;
mod git;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "waymark", version, about = "Design, validate and version customer journeys.", max_term_width = 100)]
pub struct Cli {
    /// The database file (default: waymark.db in your data directory, seeded with the examples).
    #[arg(long, global = true, env = "WAYMARK_DB", value_name = "PATH")]
    db: Option<PathBuf>,

    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    json: bool,

    /// Who is making the change, recorded with versions and status transitions.
    #[arg(long, global = true, env = "WAYMARK_AUTHOR", value_name = "NAME")]
    author: Option<String>,

    /// When to use colour.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check journey files and report every problem at once.
    Validate {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Store journey files as new versions (unchanged content adds nothing).
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The version message.
        #[arg(long, short, default_value = "Imported from file")]
        message: String,
        /// Refuse the import unless the newest stored version is this one (0: the journey is new).
        #[arg(long, value_name = "N")]
        expect_version: Option<u32>,
    },
    /// List the stored journeys.
    List {
        /// Also list archived journeys.
        #[arg(long)]
        archived: bool,
    },
    /// Show the versions of a journey.
    History { journey: String },
    /// Print a stored version as its canonical document (the newest without @N).
    Show {
        #[arg(value_name = "JOURNEY[@N]")]
        target: String,
    },
    /// Save an old version again as the newest one.
    Restore {
        #[arg(value_name = "JOURNEY@N")]
        target: String,
    },
    /// Show or change the review status of a version.
    Status {
        #[arg(value_name = "JOURNEY@N")]
        target: String,
        /// The new status: in_review, approved, published, archived or draft.
        #[arg(long, value_name = "STATUS")]
        to: Option<String>,
        /// Why: recorded with the transition, and required for every move but archiving.
        #[arg(long)]
        note: Option<String>,
    },
    /// List the workspace catalog of events and attributes, or add to or remove from its own list.
    Catalog {
        #[command(subcommand)]
        command: Option<catalog::CatalogCommand>,
    },
    /// Show the workspace settings, or change one.
    Config {
        #[command(subcommand)]
        setting: Option<Setting>,
    },
    /// Hide a journey from the list; its versions are kept and `unarchive` brings it back.
    Archive { journey: String },
    /// Bring an archived journey back.
    Unarchive { journey: String },
    /// Rewrite journey files in canonical form.
    Fmt {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Only check; exit 1 if a file is not canonical.
        #[arg(long)]
        check: bool,
    },
    /// Print a generated journey of about N nodes (for benchmarks and performance tests).
    Generate {
        #[arg(value_name = "N")]
        nodes: usize,
    },
    /// Add the example journeys to the database (those not stored yet).
    Seed,
    /// Simulate synthetic customers through journeys: cadence, conflicts and goals per customer.
    Simulate {
        /// Journey files, or ids of stored journeys (the newest version).
        #[arg(required = true, value_name = "JOURNEY_FILE_OR_ID")]
        journeys: Vec<String>,
        /// A `*.scenario.json` file (default: the built-in mixed population).
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
        /// How many customers (overrides the scenario).
        #[arg(long, value_name = "N")]
        customers: Option<u64>,
        /// How many days (overrides the scenario).
        #[arg(long, value_name = "D")]
        days: Option<u32>,
        /// The first day, YYYY-MM-DD (overrides the scenario).
        #[arg(long, value_name = "DATE")]
        start: Option<String>,
        /// The random seed (overrides the scenario).
        #[arg(long, value_name = "S")]
        seed: Option<u64>,
        /// Worker threads (default: all cores); the report is the same for any number.
        #[arg(long, value_name = "T")]
        threads: Option<usize>,
        /// Print the full timeline of this customer (such as `c42`).
        #[arg(long, value_name = "CUSTOMER_ID")]
        trace: Option<String>,
    },
    /// Compare two versions of a journey: what changed, in words (exit 1 when they differ).
    Diff(diff::DiffArgs),
    /// Export a journey for a runtime: plan, bpmn (Camunda 8), asl (Step Functions), mermaid or
    /// dot (exit 1 when the format refuses it, with the reasons).
    Export(export::ExportArgs),
    /// Set up git to show journey files in words.
    Git {
        #[command(subcommand)]
        command: git::GitCommand,
    },
    /// Print the JSON Schema of journey files.
    Schema,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// A workspace setting to change with `waymark config`.
#[derive(Debug, Subcommand)]
pub enum Setting {
    /// Let the author of a version approve it too, for a workspace of one (off by default).
    SoloReview {
        #[arg(value_enum)]
        state: Switch,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    On,
    Off,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let choice = match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    match commands::run(&cli) {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(error) => {
            let outcome = commands::outcome_of(&error);
            output::error(&error, cli.json);
            ExitCode::from(outcome as u8)
        }
    }
}
