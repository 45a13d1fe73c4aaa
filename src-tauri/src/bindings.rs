//! The TypeScript types of every command payload, generated from the Rust types with ts-rs.
//!
//! The committed copy is `ui/src/bindings.ts`; a test fails when it is stale, and
//! `cargo xtask codegen` (or `UPDATE_BINDINGS=1 cargo test -p waymark-desktop`) rewrites it.

use ts_rs::{Config, TS};
use waymark_core::condition::{AttributeCondition, Engagement, EngagementCondition, EventCondition, Operator};
use waymark_core::model::*;
use waymark_core::simulate::report::*;
use waymark_core::{Condition, Diagnostic, Severity};
use waymark_store::workspace::{OpenedJourney, ScenarioInfo, SimulationProgress, SimulationRequest, VersionView};
use waymark_store::{JourneySummary, Saved, Status, Transition, VersionInfo};

use crate::CommandError;

/// The text of `ui/src/bindings.ts`.
pub fn typescript() -> String {
    // Counts fit in a JavaScript number (below 2^53); `bigint` would make every count awkward.
    let config = Config::default().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by `cargo xtask codegen`; do not edit by hand.\n\
         // One fact in one place: change the Rust type, then regenerate.\n\n",
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
        OpenedJourney,
        VersionView,
        CommandError,
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
    );
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

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
