//! The TypeScript types of every command payload and of every value the WebAssembly core
//! returns, generated from the Rust types with ts-rs, and a typed wrapper for each command in
//! `commands.rs` (its name and argument names), so a typo shows when the UI type-checks.
//!
//! The committed copy is `ui/src/bindings.ts`; a test fails when it is stale, and
//! `cargo xtask codegen` (or `UPDATE_BINDINGS=1 cargo test -p waymark-desktop`) rewrites it.

use ts_rs::{Config, TS};

use waymark_app::journeys::{OpenedJourney, VersionView};
use waymark_app::simulation::SimulationProgress;
use waymark_app::{AppError, ErrorCode};
use waymark_core::catalog::{ChannelInfo, KindInfo};
use waymark_core::condition::{AttributeCondition, Engagement, EngagementCondition, EventCondition, Operator};
use waymark_core::diff::{
    EdgeChange, EdgeDiff, FieldChange, Impact, JourneyDiff, NodeChange, NodeDiff, Section, Sentence, SettingChange,
};
use waymark_core::duration::{AmountUnit, DurationUnit};
use waymark_core::export::{Format, Reason, Refusal, Source};
use waymark_core::model::*;
use waymark_core::request::{RequestError, ScenarioInfo, SimulationLimits, SimulationRequest};
use waymark_core::review::{MoveRequest, StatusMove};
use waymark_core::simulate::compare::{
    BeforeAfter, BehaviourDiff, ChannelMessages, ConflictShift, ExampleCustomer, GoalShift, NodeTraffic, OutcomeShift,
    PerCustomerShift, SuppressionShift,
};
use waymark_core::simulate::report::*;
use waymark_core::sms::SmsCount;
use waymark_core::workspace_catalog::{CatalogEntry, EntryKind, EntrySource, WorkspaceCatalog, WorkspaceEntry};
use waymark_core::{Condition, Diagnostic, Severity};
use waymark_store::{JourneySummary, Saved, Status, Transition, VersionInfo, WorkspaceSettings};

/// The text of `ui/src/bindings.ts`.
pub fn typescript() -> String {
    // Counts fit in a JavaScript number (below 2^53); `bigint` would make every count awkward.
    let config = Config::default().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by `cargo xtask codegen`; do not edit by hand.\n\
         // One fact in one place: change the Rust type, then regenerate.\n\n\
         import { call } from './ipc';\n\n",
    );
    macro_rules! declare {
        ($($type:ty),* $(,)?) => {
            $(
                if let Some(docs) = <$type as TS>::docs() {
                    out.push_str(&docs);
                }
                out.push_str("export ");
                out.push_str(&<$type as TS>::decl(&config));
                out.push_str("\n\n");
            )*
        };
    }
    declare!(
        serde_json::Value,
        Format,
        Source,
        Refusal,
        Reason,
        JourneyDocument,
        Node,
        NodeKind,
        Kind,
        KindInfo,
        Trigger,
        Delay,
        Weekday,
        AwaitedEvent,
        Case,
        SplitPath,
        ParallelPath,
        Message,
        Content,
        Channel,
        Category,
        Change,
        Edge,
        Settings,
        Reentry,
        ReentryMode,
        Goal,
        ExitCriterion,
        Policies,
        FrequencyCap,
        QuietHours,
        QuietAction,
        MinGap,
        AttributeType,
        Layout,
        Position,
        Viewport,
        Note,
        Condition,
        AttributeCondition,
        EventCondition,
        EngagementCondition,
        Engagement,
        Operator,
        Diagnostic,
        Severity,
        Status,
        VersionInfo,
        JourneySummary,
        Saved,
        Transition,
        WorkspaceSettings,
        OpenedJourney,
        VersionView,
        AppError,
        ErrorCode,
        ChannelInfo,
        SmsCount,
        DurationUnit,
        AmountUnit,
        StatusMove,
        MoveRequest,
        SimulationLimits,
        RequestError,
        ScenarioInfo,
        SimulationRequest,
        SimulationProgress,
        Report,
        RunInfo,
        Totals,
        Suppressions,
        JourneyReport,
        NodeReport,
        EdgeReport,
        GoalReport,
        GoalOutcome,
        Cadence,
        DayRow,
        HourRow,
        PerCustomer,
        Percentiles,
        ConflictReport,
        ConflictKind,
        Trace,
        TraceStep,
        StepKind,
        Stopped,
        StopReason,
        JourneyDiff,
        NodeDiff,
        NodeChange,
        FieldChange,
        EdgeDiff,
        EdgeChange,
        SettingChange,
        Section,
        Impact,
        Sentence,
        BehaviourDiff,
        BeforeAfter,
        ChannelMessages,
        PerCustomerShift,
        SuppressionShift,
        ConflictShift,
        GoalShift,
        OutcomeShift,
        NodeTraffic,
        ExampleCustomer,
        WorkspaceCatalog,
        CatalogEntry,
        EntryKind,
        EntrySource,
        WorkspaceEntry,
    );
    out.push_str("/** An error as a command rejects with it. */\nexport type CommandError = AppError;\n\n");
    out.push_str(&commands(&config));
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// One typed wrapper per command: `export const openVersion = (id: string, number: number) =>
/// call<VersionView>('open_version', { id, number });`. Tauri takes arguments in camelCase.
fn command(name: &str, arguments: &[(&str, String)], reply: &str) -> String {
    let camel = |text: &str| {
        let mut out = String::new();
        let mut upper = false;
        for c in text.chars() {
            if c == '_' {
                upper = true;
            } else if upper {
                out.extend(c.to_uppercase());
                upper = false;
            } else {
                out.push(c);
            }
        }
        out
    };
    let parameters: Vec<String> = arguments.iter().map(|(name, ts)| format!("{}: {ts}", camel(name))).collect();
    let names: Vec<String> = arguments.iter().map(|(name, _)| camel(name)).collect();
    let reply = if reply == "null" { "void" } else { reply };
    let payload = if names.is_empty() { String::new() } else { format!(", {{ {} }}", names.join(", ")) };
    format!("export const {} = ({}) => call<{reply}>('{name}'{payload});\n", camel(name), parameters.join(", "))
}

macro_rules! typescript_commands {
    ($($name:ident($($argument:ident: $type:ty),*) -> $reply:ty;)*) => {
        /// The wrappers of every command in `commands.rs`.
        fn commands(config: &Config) -> String {
            let mut out = String::from("// The commands, one wrapper each (from `src-tauri/src/commands.rs`).\n");
            $(
                out.push_str(&command(
                    stringify!($name),
                    &[$((stringify!($argument), <$type as TS>::name(config))),*],
                    &<$reply as TS>::name(config),
                ));
            )*
            out
        }
    };
}

with_commands!(typescript_commands);

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn the_committed_typescript_bindings_are_current() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(committed == fresh, "ui/src/bindings.ts is stale; run `cargo xtask codegen` and commit it");
    }
}
