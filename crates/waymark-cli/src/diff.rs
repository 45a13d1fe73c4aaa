//! `waymark diff OLD NEW`: what changed between two versions of a journey, in words (behavioural
//! changes first, cosmetic ones after, layout moves on one line) or as JSON, optionally with what
//! changes for customers (`--simulate`). Exit 0 when the versions are the same, 1 when they
//! differ, 2 when a side is unusable, as diff(1) does.
//!
//! Each side is a journey file, `JOURNEY@N`, `JOURNEY@draft` or `JOURNEY` (its newest version).
//! Two more modes serve git (`waymark git setup` configures them): `--textconv FILE` prints one
//! journey as lines of words, and `--git-external` takes the seven arguments git gives an external
//! diff command. Both exit 0 whenever they ran, because git treats any other status as a crash.

use std::path::{Path, PathBuf};

use anyhow::bail;
use serde::Serialize;
use waymark_core::diff::{Impact, JourneyDiff, outline};
use waymark_core::simulate::compare::BehaviourDiff;
use waymark_core::{JourneyDocument, diff};
use waymark_store::files::read_document;

use crate::Cli;
use crate::commands::{Outcome, prepare_scenario, read_journey};
use crate::output;

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// The old version: a journey file, JOURNEY@N, JOURNEY@draft or JOURNEY (its newest version).
    #[arg(value_name = "OLD")]
    old: String,
    /// The new version, in the same forms.
    #[arg(value_name = "NEW")]
    new: Option<String>,
    /// The rest of what git passes with `--git-external`.
    #[arg(hide = true)]
    git_arguments: Vec<String>,
    /// Print one journey file as lines of words (git's textconv); exits 0.
    #[arg(long, conflicts_with_all = ["git_external", "simulate"])]
    textconv: bool,
    /// Act as git's external diff command: PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX
    /// NEW-MODE; exits 0.
    #[arg(long, conflicts_with = "simulate")]
    git_external: bool,
    /// Also simulate both versions on the same population and seed: what changes for customers.
    #[arg(long)]
    simulate: bool,
    /// A `*.scenario.json` file (default: the built-in mixed population).
    #[arg(long, value_name = "FILE", requires = "simulate")]
    scenario: Option<PathBuf>,
    /// How many customers (overrides the scenario).
    #[arg(long, value_name = "N", requires = "simulate")]
    customers: Option<u64>,
    /// How many days (overrides the scenario).
    #[arg(long, value_name = "D", requires = "simulate")]
    days: Option<u32>,
    /// The first day, YYYY-MM-DD (overrides the scenario).
    #[arg(long, value_name = "DATE", requires = "simulate")]
    start: Option<String>,
    /// The random seed (overrides the scenario).
    #[arg(long, value_name = "S", requires = "simulate")]
    seed: Option<u64>,
}

/// What `--json` prints: the diff, and with `--simulate` what changes for customers.
#[derive(Serialize)]
struct DiffOutput<'a> {
    #[serde(flatten)]
    diff: &'a JourneyDiff,
    #[serde(skip_serializing_if = "Option::is_none")]
    behaviour: Option<BehaviourDiff>,
}

pub fn run(cli: &Cli, args: &DiffArgs) -> anyhow::Result<Outcome> {
    let sides: Vec<&str> =
        std::iter::once(&args.old).chain(&args.new).chain(&args.git_arguments).map(String::as_str).collect();
    let expected = if args.textconv {
        1
    } else if args.git_external {
        7
    } else {
        2
    };
    if sides.len() != expected {
        let what = match expected {
            1 => "--textconv takes one journey file",
            7 => "--git-external takes the seven arguments git passes an external diff command",
            _ => "give two versions to compare: OLD NEW",
        };
        bail!("{what}, not {}", sides.len());
    }
    if args.textconv {
        textconv(Path::new(sides[0]));
        return Ok(Outcome::Success);
    }
    if args.git_external {
        git_external(&sides);
        return Ok(Outcome::Success);
    }
    let mut store = None;
    let old = read_journey(cli, sides[0], &mut store)?.0;
    let new = read_journey(cli, sides[1], &mut store)?.0;
    let behaviour = if args.simulate { Some(behaviour(args, &old, &new)?) } else { None };
    let diff = diff(&old, &new);
    if cli.json {
        output::json(&DiffOutput { diff: &diff, behaviour });
    } else {
        let title = format!("{} → {}", sides[0], sides[1]);
        text(&title, &diff).iter().for_each(output::line);
        if let Some(behaviour) = &behaviour {
            behaviour_lines(behaviour, &new, &old).iter().for_each(output::line);
        }
    }
    Ok(if diff.is_empty() { Outcome::Success } else { Outcome::Problems })
}

/// The diff in words: a title with the counts, behavioural sentences, then cosmetic ones.
fn text(title: &str, diff: &JourneyDiff) -> Vec<String> {
    if diff.is_empty() {
        return vec![format!("{}: {}", output::strong(title), output::good("no differences"))];
    }
    let moved = diff.moved();
    let count = |impact| diff.sentences.iter().filter(|s| s.impact == impact).count();
    let (behavioural, cosmetic) = (count(Impact::Behavioural), count(Impact::Cosmetic) - usize::from(moved > 0));
    let mut counts = Vec::new();
    if behavioural > 0 {
        counts.push(format!("{behavioural} behavioural {}", output::plural(behavioural, "change")));
    }
    if cosmetic > 0 {
        counts.push(format!("{cosmetic} cosmetic {}", output::plural(cosmetic, "change")));
    }
    if moved > 0 {
        counts.push(format!("{moved} {} moved", output::plural(moved, "step")));
    }
    let mut lines = vec![format!("{}: {}", output::strong(title), counts.join(", "))];
    for (impact, heading) in [(Impact::Behavioural, "behavioural"), (Impact::Cosmetic, "cosmetic")] {
        let sentences: Vec<&str> =
            diff.sentences.iter().filter(|s| s.impact == impact).map(|s| s.text.as_str()).collect();
        if sentences.is_empty() {
            continue;
        }
        lines.push(output::strong(heading));
        for sentence in sentences {
            lines.push(match impact {
                Impact::Behavioural => format!("  {sentence}"),
                Impact::Cosmetic => format!("  {}", output::dim(sentence)),
            });
        }
    }
    lines
}

/// Runs both versions on the scenario that `waymark simulate` would use with the same flags.
fn behaviour(args: &DiffArgs, old: &JourneyDocument, new: &JourneyDocument) -> anyhow::Result<BehaviourDiff> {
    use waymark_core::request::Overrides;
    use waymark_core::simulate::Options;

    let overrides = Overrides {
        customers: args.customers,
        days: args.days,
        start: args.start.as_deref(),
        seed: args.seed,
        trace: None,
    };
    let prepared = prepare_scenario(args.scenario.as_deref(), &overrides)?;
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let options = Options { threads, trace: None, progress: None, cancel: None };
    Ok(waymark_core::simulate::compare::compare(old, new, &prepared.scenario, &options))
}

/// A short summary of what changes for customers, after the sentences.
fn behaviour_lines(behaviour: &BehaviourDiff, new: &JourneyDocument, old: &JourneyDocument) -> Vec<String> {
    let shift = |before: u64, after: u64| format!("{before} → {after}");
    let mut lines = vec![String::new(), output::strong("what changes for customers")];
    let scenario = if behaviour.scenario.is_empty() { String::new() } else { format!(", {}", behaviour.scenario) };
    lines.push(format!(
        "  {} customers for {} days from {} (seed {}{scenario}){}",
        behaviour.customers,
        behaviour.days,
        behaviour.start,
        behaviour.seed,
        if behaviour.complete { "" } else { ", cancelled" }
    ));
    let percent = if behaviour.customers == 0 {
        0.0
    } else {
        behaviour.changed_customers as f64 * 100.0 / behaviour.customers as f64
    };
    lines.push(format!("  {} customers ({percent:.1}%) get a different journey", behaviour.changed_customers));
    lines.push(format!("  entered: {}", shift(behaviour.entered.before, behaviour.entered.after)));
    let channels: Vec<String> =
        behaviour.messages.iter().map(|m| format!("{} {}", m.channel.title(), shift(m.before, m.after))).collect();
    let channels = if channels.is_empty() { String::new() } else { format!(" ({})", channels.join(", ")) };
    lines.push(format!(
        "  messages sent: {}{channels}",
        shift(behaviour.messages_sent.before, behaviour.messages_sent.after)
    ));
    let (before, after) = (&behaviour.per_customer.before.total, &behaviour.per_customer.after.total);
    lines.push(format!(
        "  messages per customer (p50/p95/max): {}/{}/{} → {}/{}/{}",
        before.p50, before.p95, before.max, after.p50, after.p95, after.max
    ));
    let moved = |before: u64, after: u64| before != after;
    for s in behaviour.suppressions.iter().filter(|s| moved(s.before, s.after)) {
        lines.push(format!("  suppressed ({}): {}", s.reason.replace('_', " "), shift(s.before, s.after)));
    }
    for c in behaviour.conflicts.iter().filter(|c| moved(c.before, c.after)) {
        lines.push(format!("  conflicts ({}): {}", c.kind.name().replace('_', " "), shift(c.before, c.after)));
    }
    for goal in &behaviour.goals {
        let rate = |o: &Option<waymark_core::simulate::report::GoalOutcome>| {
            o.as_ref().map_or("-".to_owned(), |o| format!("{:.1}%", o.rate * 100.0))
        };
        lines.push(format!(
            "  goal {}: {} → {} converted",
            goal.id,
            rate(&goal.treatment.before),
            rate(&goal.treatment.after)
        ));
    }
    let mut traffic: Vec<_> = behaviour.nodes.iter().filter(|n| moved(n.before, n.after)).collect();
    traffic.sort_by_key(|n| std::cmp::Reverse(n.before.abs_diff(n.after)));
    let name = |id: &str| {
        let node = new.nodes.iter().chain(&old.nodes).find(|n| n.id == id);
        format!("\"{}\"", node.and_then(|n| n.label.as_deref()).unwrap_or(id))
    };
    let busiest: Vec<String> =
        traffic.iter().take(5).map(|n| format!("{} {}", name(&n.id), shift(n.before, n.after))).collect();
    if !busiest.is_empty() {
        lines.push(format!("  traffic: {}", busiest.join(", ")));
    }
    for warning in &behaviour.warnings {
        lines.push(format!("  warning: {warning}"));
    }
    lines
}

/// `--textconv FILE`: the journey as lines of words, or the file as it is when it is not one,
/// so that git still shows something.
fn textconv(path: &Path) {
    match read_document(path) {
        Ok(document) => outline(&document).iter().for_each(output::line),
        Err(_) => {
            // Only a regular file within the limit: a pipe would block and a device never end.
            let cap = waymark_core::format::MAX_DOCUMENT_BYTES as u64;
            let bytes = waymark_store::files::read_capped(path, cap).unwrap_or_default();
            print!("{}", String::from_utf8_lossy(&bytes));
        }
    }
}

/// `--git-external PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE`: the diff in words
/// under the file's path; an added or deleted journey (`/dev/null` on one side) as its outline.
fn git_external(args: &[&str]) {
    let (path, old_file, new_file) = (args[0], Path::new(args[1]), Path::new(args[4]));
    let side = |file: &Path| -> Result<Option<JourneyDocument>, String> {
        if file == Path::new("/dev/null") {
            return Ok(None);
        }
        read_document(file).map(Some).map_err(|error| error.to_string().replace(&file.display().to_string(), path))
    };
    let lines = match (side(old_file), side(new_file)) {
        (Ok(Some(old)), Ok(Some(new))) => text(path, &diff(&old, &new)),
        (Ok(None), Ok(Some(new))) => outlined(path, "new journey", &new),
        (Ok(Some(old)), Ok(None)) => outlined(path, "deleted journey", &old),
        (Ok(None), Ok(None)) => vec![format!("{}: no journey on either side", output::strong(path))],
        (Err(error), _) | (_, Err(error)) => {
            vec![format!("{}: cannot compare as journeys: {error}", output::strong(path))]
        }
    };
    lines.iter().for_each(output::line);
}

fn outlined(path: &str, what: &str, document: &JourneyDocument) -> Vec<String> {
    let mut lines = vec![format!("{}: {what}", output::strong(path))];
    lines.extend(outline(document).iter().map(|line| format!("  {line}")));
    lines
}
