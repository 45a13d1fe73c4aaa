//! Running a simulation for a front end: the request is resolved by the core's rules
//! (`waymark_core::request`, the same the browser preview applies), then run on every core with
//! progress reports and a cancel flag. A behavioural diff (two versions of a journey on one
//! population) runs the same way.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use serde::Serialize;
use ts_rs::TS;
use waymark_core::model::JourneyDocument;
use waymark_core::request::{Prepared, RequestError, SimulationRequest, prepare_request, prepare_scenario};
use waymark_core::simulate::compare::BehaviourDiff;
use waymark_core::simulate::{Options, Report};

/// How far a running simulation is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct SimulationProgress {
    pub done: u64,
    pub total: u64,
}

/// Runs an app request on every core, reporting progress and stopping when `cancel` is set.
pub fn simulate(
    request: &SimulationRequest,
    progress: &(dyn Fn(SimulationProgress) + Sync),
    cancel: &AtomicBool,
) -> Result<Report, RequestError> {
    let prepared = prepare_request(request)?;
    Ok(run(&request.journeys, &prepared, None, Some(progress), Some(cancel)))
}

/// Runs prepared journeys and scenario; `threads` defaults to one per core.
pub fn run(
    journeys: &[JourneyDocument],
    prepared: &Prepared,
    threads: Option<usize>,
    progress: Option<&(dyn Fn(SimulationProgress) + Sync)>,
    cancel: Option<&AtomicBool>,
) -> Report {
    with_options(prepared, threads, progress, cancel, |options| {
        waymark_core::simulate::simulate(journeys, &prepared.scenario, options)
    })
}

/// Compares two versions of a journey on the population of an app request (its `journeys` are
/// ignored) on every core, reporting progress and stopping when `cancel` is set.
pub fn behaviour_diff(
    old: &JourneyDocument,
    new: &JourneyDocument,
    request: &SimulationRequest,
    progress: &(dyn Fn(SimulationProgress) + Sync),
    cancel: &AtomicBool,
) -> Result<BehaviourDiff, RequestError> {
    let prepared = prepare_scenario(request)?;
    Ok(compare(old, new, &prepared, None, Some(progress), Some(cancel)))
}

/// Compares two versions of a journey on a prepared scenario; `threads` defaults to one per
/// core. The prepared customer to trace comes first among the examples.
pub fn compare(
    old: &JourneyDocument,
    new: &JourneyDocument,
    prepared: &Prepared,
    threads: Option<usize>,
    progress: Option<&(dyn Fn(SimulationProgress) + Sync)>,
    cancel: Option<&AtomicBool>,
) -> BehaviourDiff {
    with_options(prepared, threads, progress, cancel, |options| {
        waymark_core::simulate::compare::compare(old, new, &prepared.scenario, options)
    })
}

/// Calls `work` with the simulator's options for a front end: `threads` (one per core by
/// default), the prepared customer to trace, progress as `SimulationProgress` and the cancel flag.
fn with_options<T>(
    prepared: &Prepared,
    threads: Option<usize>,
    progress: Option<&(dyn Fn(SimulationProgress) + Sync)>,
    cancel: Option<&AtomicBool>,
    work: impl FnOnce(&Options<'_>) -> T,
) -> T {
    // The simulator reports every chunk of customers (about 500 times in a run of 1,000,000); a
    // front end hears of it only when the whole percentage moves, at most 101 times a run.
    let percent_reported = AtomicU64::new(u64::MAX);
    let report_progress = |done: u64, total: u64| {
        let Some(progress) = progress else { return };
        let percent = (done.saturating_mul(100)).checked_div(total).unwrap_or(100);
        if percent_reported.swap(percent, Ordering::Relaxed) != percent {
            progress(SimulationProgress { done, total });
        }
    };
    let options = Options {
        threads: threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        trace: prepared.trace,
        progress: progress.map(|_| &report_progress as &(dyn Fn(u64, u64) + Sync)),
        cancel,
    };
    work(&options)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicU64, Ordering};

    use super::*;

    fn request() -> SimulationRequest {
        let onboarding = waymark_core::examples::documents().into_iter().find(|d| d.id == "onboarding").unwrap();
        SimulationRequest {
            journeys: vec![onboarding],
            scenario: Some("onboarding".to_owned()),
            customers: Some(2_000),
            days: Some(14),
            seed: Some(7),
            trace: Some("c3".to_owned()),
        }
    }

    #[test]
    fn the_app_simulates_the_open_journey_with_an_example_scenario() {
        let calls = AtomicU64::new(0);
        let cancel = AtomicBool::new(false);
        let report = simulate(
            &request(),
            &|_| {
                calls.fetch_add(1, Ordering::Relaxed);
            },
            &cancel,
        )
        .unwrap();
        assert_eq!((report.run.customers, report.run.days, report.run.seed), (2_000, 14, 7));
        assert!(report.run.complete && report.totals.entered > 0);
        assert!(calls.load(Ordering::Relaxed) > 0, "progress is reported");
        cancel.store(true, Ordering::Relaxed);
        assert!(!simulate(&request(), &|_| {}, &cancel).unwrap().run.complete, "a cancelled run says so");
    }

    #[test]
    fn the_app_compares_two_versions_on_the_requests_population_whatever_its_journeys() {
        let old = request().journeys.remove(0);
        let mut new = old.clone();
        new.nodes.retain(|n| n.id != "trial_push");
        new.edges.retain(|e| e.from != "trial_push");
        new.edges.iter_mut().filter(|e| e.to == "trial_push").for_each(|e| e.to = "exit_pricing".to_owned());
        let without_journeys = SimulationRequest { journeys: Vec::new(), trace: None, ..request() };
        let calls = AtomicU64::new(0);
        let cancel = AtomicBool::new(false);
        let count = |_| {
            calls.fetch_add(1, Ordering::Relaxed);
        };
        let diff = behaviour_diff(&old, &new, &without_journeys, &count, &cancel).unwrap();
        assert_eq!((diff.customers, diff.days, diff.seed), (2_000, 14, 7));
        assert!(diff.complete && diff.changed_customers > 0, "{} changed", diff.changed_customers);
        assert!(calls.load(Ordering::Relaxed) > 0, "progress is reported");
        let too_many = SimulationRequest { customers: Some(0), ..without_journeys };
        assert_eq!(behaviour_diff(&old, &new, &too_many, &count, &cancel).unwrap_err().field, "customers");
        cancel.store(true, Ordering::Relaxed);
        assert!(!behaviour_diff(&old, &new, &request(), &count, &cancel).unwrap().complete, "a cancelled run says so");
    }

    #[test]
    fn progress_reaches_a_front_end_once_per_whole_percent() {
        let seen = std::sync::Mutex::new(Vec::new());
        let many = SimulationRequest { customers: Some(1_000_000), days: Some(2), trace: None, ..request() };
        let report = simulate(&many, &|p| seen.lock().unwrap().push(p), &AtomicBool::new(false)).unwrap();
        let seen = seen.into_inner().unwrap();
        assert!(report.run.complete);
        // About 490 chunks of customers, told as at most one report per percent.
        assert!((2..=101).contains(&seen.len()), "{} reports", seen.len());
        assert!(seen.iter().any(|p| p.done == p.total), "the end is told");
        assert!(seen.iter().all(|p| p.total == 1_000_000));
    }

    #[test]
    fn values_out_of_range_are_refused_as_the_cli_refuses_them() {
        let cancel = AtomicBool::new(false);
        let too_many = SimulationRequest { customers: Some(0), ..request() };
        let error = simulate(&too_many, &|_| {}, &cancel).unwrap_err();
        assert_eq!(error.field, "customers");
        assert!(error.message.starts_with("the population must be between 1 and"), "{error}");
    }
}
