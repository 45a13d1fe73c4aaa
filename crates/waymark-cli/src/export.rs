//! `waymark export JOURNEY --to FORMAT [-o FILE]`: a journey in a runtime's format (the neutral
//! execution plan, BPMN for Camunda 8, Amazon States Language, Mermaid or Graphviz DOT).
//!
//! JOURNEY is a file, `ID@N` or `ID` (its newest version). The export names the version and its
//! review status. Exit 0 when exported, 1 when the journey is refused (validation errors, or
//! something the format cannot express: each reason names its step), 2 for unusable input.

use std::path::PathBuf;

use serde::Serialize;
use waymark_app::export::{Exported, describe, export_document};
use waymark_core::export::{Format, Reason, Refusal};

use crate::Cli;
use crate::commands::{Outcome, read_journey};
use crate::output;

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// A journey file, JOURNEY@N or JOURNEY (its newest version).
    #[arg(value_name = "JOURNEY")]
    journey: String,
    /// The format: plan (waymark.plan/1), bpmn (Camunda 8), asl (Step Functions), mermaid or dot.
    #[arg(long = "to", value_name = "FORMAT", value_parser = parse_format)]
    format: Format,
    /// Write to this file instead of standard output (replaced all at once).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::parse(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("`{name}` is not a format; choose one of {}", names.join(", "))
    })
}

/// What `--json` prints.
#[derive(Serialize)]
#[serde(untagged)]
enum ExportOutput<'a> {
    Exported {
        #[serde(flatten)]
        exported: &'a Exported,
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<String>,
    },
    /// Wrapped as every command wraps a refusal: `{"error": {"code", "message", ...}}`.
    Refused { error: RefusedError<'a> },
}

#[derive(Serialize)]
struct RefusedError<'a> {
    code: String,
    message: String,
    reasons: &'a [Reason],
}

pub fn run(cli: &Cli, args: &ExportArgs) -> anyhow::Result<Outcome> {
    let (document, info) = read_journey(cli, &args.journey, &mut None)?;
    let exported = match export_document(&document, info.as_ref(), args.format) {
        Ok(exported) => exported,
        Err(refusal) => return Ok(refused(cli, &document.id, &refusal)),
    };
    let said = format!("exported {} as {}", describe(&exported), args.format.title());
    match &args.output {
        Some(file) => {
            waymark_store::files::write_atomically(file, exported.text.as_bytes())?;
            if cli.json {
                output::json(&ExportOutput::Exported { exported: &exported, file: Some(file.display().to_string()) });
            } else {
                output::line(format!("{said} to {}", file.display()));
            }
        }
        None if cli.json => output::json(&ExportOutput::Exported { exported: &exported, file: None }),
        None => {
            // The export alone goes to standard output, so it can be piped; the words to stderr.
            print!("{}", exported.text);
            output::note(&said);
        }
    }
    Ok(Outcome::Success)
}

/// Prints why the format refused the journey, one reason a line with the step it concerns.
fn refused(cli: &Cli, journey: &str, refusal: &Refusal) -> Outcome {
    let message = format!("`{journey}` cannot be exported as {}", refusal.format.title());
    if cli.json {
        let code = waymark_app::ErrorCode::ExportRefused.name();
        output::json(&ExportOutput::Refused { error: RefusedError { code, message, reasons: &refusal.reasons } });
        return Outcome::Problems;
    }
    output::note(format!("{message}:"));
    for reason in &refusal.reasons {
        let code = reason.code.as_deref().map_or_else(String::new, |code| format!("[{code}] "));
        let step = reason.node.as_deref().map_or_else(String::new, |node| format!(" (step `{node}`)"));
        output::note(format!("  {code}{}{step}", reason.message));
    }
    Outcome::Problems
}
