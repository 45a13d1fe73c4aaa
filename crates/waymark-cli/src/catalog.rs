//! `waymark catalog`: the workspace catalog of events and attributes (the database's own entries,
//! the example scenarios and every journey), and adding or removing the database's own entries.
//! The merge and the name rules are the core's; this prints them.

use waymark_core::model::AttributeType;
use waymark_core::workspace_catalog::{EntryKind, EntrySource, WorkspaceCatalog, WorkspaceEntry};

use crate::Cli;
use crate::commands::{Outcome, open_store};
use crate::output;

#[derive(Debug, clap::Subcommand)]
pub enum CatalogCommand {
    /// Add an event or attribute to the workspace's own list (or replace its type and description).
    Add {
        #[arg(value_enum)]
        kind: Kind,
        name: String,
        /// The attribute's type: string, number, boolean, date or list.
        #[arg(long = "type", value_name = "TYPE", value_parser = parse_type)]
        attribute_type: Option<AttributeType>,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Remove an event or attribute from the workspace's own list.
    Remove {
        #[arg(value_enum)]
        kind: Kind,
        name: String,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    Event,
    Attribute,
}

pub fn run(cli: &Cli, command: Option<&CatalogCommand>) -> anyhow::Result<Outcome> {
    let mut store = open_store(cli)?;
    let (catalog, done) = match command {
        None => (waymark_app::catalog::workspace_catalog(&store)?, None),
        Some(CatalogCommand::Add { kind, name, attribute_type, description }) => {
            let entry = WorkspaceEntry {
                kind: entry_kind(*kind),
                name: name.clone(),
                attribute_type: *attribute_type,
                description: description.clone(),
            };
            let catalog = waymark_app::catalog::put_entry(&mut store, &entry)?;
            (catalog, Some(format!("added the {} `{name}` to the workspace catalog", entry.kind.name())))
        }
        Some(CatalogCommand::Remove { kind, name }) => {
            let catalog = waymark_app::catalog::remove_entry(&mut store, entry_kind(*kind), name)?;
            (catalog, Some(format!("removed the {} `{name}` from the workspace catalog", entry_kind(*kind).name())))
        }
    };
    match (cli.json, done) {
        (true, _) => output::json(&catalog),
        (false, Some(done)) => output::line(done),
        (false, None) => print(&catalog),
    }
    Ok(Outcome::Success)
}

fn print(catalog: &WorkspaceCatalog) {
    let mut rows = vec![["kind", "name", "type", "description", "from"].map(output::dim).to_vec()];
    for entry in &catalog.entries {
        rows.push(vec![
            entry.kind.name().to_owned(),
            output::strong(&entry.name),
            entry.attribute_type.map(AttributeType::name).unwrap_or_default().to_owned(),
            entry.description.clone(),
            sources(&entry.sources),
        ]);
    }
    output::table(&rows).iter().for_each(|line| output::line(line.trim_end()));
}

/// The sources in a few words: `workspace, scenarios default and onboarding, 2 journeys`.
fn sources(sources: &[EntrySource]) -> String {
    let mut words = Vec::new();
    if sources.contains(&EntrySource::Workspace) {
        words.push("workspace".to_owned());
    }
    let scenarios: Vec<&str> = sources
        .iter()
        .filter_map(|s| match s {
            EntrySource::Scenario { scenario } => Some(scenario.as_str()),
            _ => None,
        })
        .collect();
    if !scenarios.is_empty() {
        words.push(format!("{} {}", if scenarios.len() == 1 { "scenario" } else { "scenarios" }, scenarios.join(", ")));
    }
    let journeys: Vec<&str> = sources
        .iter()
        .filter_map(|s| match s {
            EntrySource::Journey { journey, .. } => Some(journey.as_str()),
            _ => None,
        })
        .collect();
    if !journeys.is_empty() {
        words.push(format!("{} {}", if journeys.len() == 1 { "journey" } else { "journeys" }, journeys.join(", ")));
    }
    words.join("; ")
}

fn entry_kind(kind: Kind) -> EntryKind {
    match kind {
        Kind::Event => EntryKind::Event,
        Kind::Attribute => EntryKind::Attribute,
    }
}

fn parse_type(text: &str) -> Result<AttributeType, String> {
    serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .map_err(|_| format!("`{text}` is not a type: use string, number, boolean, date or list"))
}
