//! Human and JSON output. Colour goes through `anstream`, which drops it when the stream is not
//! a terminal (or `--color never`), so snapshots and pipes see plain text.

use std::io::Write;

use anstyle::{AnsiColor, Style};
use waymark_core::{Diagnostic, Severity};

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const DIM: Style = AnsiColor::BrightBlack.on_default();
const STRONG: Style = Style::new().bold();
const GOOD: Style = AnsiColor::Green.on_default().bold();

/// Prints a line to standard output.
pub fn line(text: impl AsRef<str>) {
    let mut out = anstream::stdout();
    let _ = writeln!(out, "{}", text.as_ref());
}

/// Prints a line to standard error: words about a result that goes to standard output.
pub fn note(text: impl AsRef<str>) {
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{}", text.as_ref());
}

/// Prints a value as pretty JSON to standard output.
pub fn json(value: &impl serde::Serialize) {
    line(serde_json::to_string_pretty(value).expect("output values serialize"));
}

pub fn strong(text: &str) -> String {
    format!("{STRONG}{text}{STRONG:#}")
}

pub fn dim(text: &str) -> String {
    format!("{DIM}{text}{DIM:#}")
}

pub fn good(text: &str) -> String {
    format!("{GOOD}{text}{GOOD:#}")
}

/// Renders a diagnostic the way a compiler would: severity and code, message, place, hint.
pub fn diagnostic(file: &str, diagnostic: &Diagnostic) -> String {
    let style = match diagnostic.severity {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
    };
    let place = diagnostic.location().map_or_else(String::new, |l| format!(": {l}"));
    format!(
        "{style}{}[{}]{style:#}{STRONG}: {}{STRONG:#}\n  {DIM}-->{DIM:#} {file}{place}\n  {DIM}= hint:{DIM:#} {}",
        diagnostic.severity, diagnostic.code, diagnostic.message, diagnostic.hint
    )
}

/// "2 errors, 1 warning", or "no problems".
pub fn counts(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diagnostics.len() - errors;
    match (errors, warnings) {
        (0, 0) => "no problems".to_owned(),
        _ => format!("{} {}, {} {}", errors, plural(errors, "error"), warnings, plural(warnings, "warning")),
    }
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_owned() } else { format!("{word}s") }
}

/// Prints a failure: one line on standard error and, with `--json`, an error object on standard
/// output so scripts always get JSON.
pub fn error(error: &anyhow::Error, as_json: bool) {
    // Libraries often repeat their source in their own message; print each part once.
    let mut message = String::new();
    for part in error.chain().map(|cause| cause.to_string()) {
        if !message.contains(&part) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&part);
        }
    }
    if let Some(hint) = crate::commands::hint(error) {
        message.push_str("; ");
        message.push_str(&hint);
    }
    let mut err = anstream::stderr();
    let _ = writeln!(err, "{ERROR}error{ERROR:#}: {message}");
    if as_json {
        json(&serde_json::json!({ "error": { "code": crate::commands::error_code(error), "message": message } }));
    }
}

/// Lays out rows in columns separated by two spaces; the last column is not padded.
pub fn table(rows: &[Vec<String>]) -> Vec<String> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|cell| visible_width(cell)).max().unwrap_or(0))
        .collect();
    rows.iter()
        .map(|row| {
            let mut text = String::new();
            for (c, cell) in row.iter().enumerate() {
                text.push_str(cell);
                if c + 1 < row.len() {
                    text.push_str(&" ".repeat(widths[c] - visible_width(cell) + 2));
                }
            }
            text
        })
        .collect()
}

/// The width of a cell without its colour codes.
fn visible_width(text: &str) -> usize {
    anstream::adapter::strip_str(text).to_string().chars().count()
}
