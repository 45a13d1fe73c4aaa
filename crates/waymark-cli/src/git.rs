//! `waymark git setup`: makes git show `*.journey.json` changes in words in this repository.
//!
//! It adds `*.journey.json diff=waymark` to the work tree's `.gitattributes` (once) and writes two
//! commands into the repository's own config, which git does not version, so each clone runs it:
//! `diff.waymark.command` (`git diff`, and `git log -p --ext-diff`, print the semantic diff) and
//! `diff.waymark.textconv` (`git log -p` and `git show` line-diff the journeys' outlines). Both
//! name this executable by its absolute path, so they work from any directory and any `PATH`.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::Cli;
use crate::commands::Outcome;
use crate::output;

/// The line `.gitattributes` needs.
const ATTRIBUTE: &str = "*.journey.json diff=waymark";

#[derive(Debug, clap::Subcommand)]
pub enum GitCommand {
    /// Make `git diff`, `git log -p` and `git show` read journey files in words in this repository.
    Setup,
}

pub fn run(cli: &Cli, command: &GitCommand) -> anyhow::Result<Outcome> {
    match command {
        GitCommand::Setup => setup(cli),
    }
}

fn setup(cli: &Cli) -> anyhow::Result<Outcome> {
    let top = git(&["rev-parse", "--show-toplevel"]).context("`waymark git setup` must run inside a git work tree")?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    let attributes = top.join(".gitattributes");
    let added = add_attribute(&attributes)?;
    let executable = std::env::current_exe().context("cannot find the path of the waymark executable")?;
    let executable = shell_quote(&executable.canonicalize().unwrap_or(executable).display().to_string());
    let textconv = format!("{executable} diff --textconv");
    let command = format!("{executable} diff --git-external");
    git(&["config", "--local", "diff.waymark.textconv", &textconv])?;
    git(&["config", "--local", "diff.waymark.command", &command])?;
    if cli.json {
        output::json(&serde_json::json!({
            "gitattributes": attributes.display().to_string(),
            "attribute_added": added,
            "textconv": textconv,
            "command": command,
        }));
        return Ok(Outcome::Success);
    }
    let what = if added { "added" } else { "already has" };
    output::line(format!("{} {what} `{ATTRIBUTE}`", attributes.display()));
    output::line(format!("diff.waymark.textconv = {textconv}"));
    output::line(format!("diff.waymark.command = {command}"));
    output::line(output::dim(
        "`git diff` now prints journey changes in words; `git log -p` and `git show` compare outlines (add --ext-diff for the sentences)",
    ));
    Ok(Outcome::Success)
}

/// Adds the attribute line unless `.gitattributes` has it; true when it was added.
fn add_attribute(path: &Path) -> anyhow::Result<bool> {
    let current = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(error).with_context(|| format!("cannot read {}", path.display())),
    };
    if current.lines().any(|line| line.split_whitespace().eq(ATTRIBUTE.split_whitespace())) {
        return Ok(false);
    }
    let separator = if current.is_empty() || current.ends_with('\n') { "" } else { "\n" };
    let text = format!("{current}{separator}{ATTRIBUTE}\n");
    waymark_store::files::write_atomically(path, text.as_bytes())?;
    Ok(true)
}

/// Runs git and returns its standard output; a failure carries git's own message.
fn git(args: &[&str]) -> anyhow::Result<String> {
    let output = Command::new("git").args(args).output().context("cannot run git; is it installed?")?;
    if !output.status.success() {
        bail!("git {} failed: {}", args.join(" "), String::from_utf8_lossy(&output.stderr).trim());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// A word the shell git runs the command with reads back as `text`.
fn shell_quote(text: &str) -> String {
    if text.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c)) {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
