//! The report of a run, built from the summed tallies: counts per journey, node, edge and goal,
//! cadence per channel, conflicts, traces and warnings, each list in a fixed order.

use super::engine::{self, Group, Occurrences, Stop, Suppression, Tally, customer_id};
use super::plan::{self, CHANNELS, JourneyPlan, Plan};
use super::report::*;
use super::time;
use crate::model::JourneyDocument;

/// The report of `tally`, the sum over all the customers simulated.
pub(super) fn report(plan: &Plan, tally: Tally, journeys: &[JourneyDocument]) -> Report {
    Report {
        run: RunInfo {
            scenario: plan.scenario_name.clone(),
            customers: plan.customers,
            start: time::format_date(plan.start_day),
            days: plan.days,
            seed: plan.seed,
            journeys: journeys.iter().map(|j| j.id.clone()).collect(),
            complete: tally.customers == plan.customers,
        },
        totals: totals(&tally),
        journeys: plan
            .journeys
            .iter()
            .zip(journeys)
            .enumerate()
            .map(|(j, (journey, document))| journey_report(journey, document, &tally, j))
            .collect(),
        cadence: cadence(plan, &tally),
        conflicts: conflicts(plan, &tally),
        stopped: tally.stopped.iter().map(|stop| stopped(plan, stop)).collect(),
        warnings: warnings(plan, &tally),
        traces: tally.traces.into_iter().map(|(_, trace)| trace).collect(),
    }
}

fn totals(tally: &Tally) -> Totals {
    let by = |reason| tally.suppressed_by(reason);
    Totals {
        customers: tally.customers,
        entered: tally.entered,
        node_visits: tally.visits,
        events: tally.events,
        messages_sent: tally.sent,
        messages_suppressed: tally.suppressed,
        suppressed_by: Suppressions {
            holdout: by(Suppression::Holdout),
            unreachable: by(Suppression::Unreachable),
            no_consent: by(Suppression::NoConsent),
            no_channel: by(Suppression::NoChannel),
            frequency_cap: by(Suppression::FrequencyCap),
            quiet_hours: by(Suppression::QuietHours),
            min_gap: by(Suppression::MinGap),
        },
    }
}

fn journey_report(journey: &JourneyPlan, document: &JourneyDocument, tally: &Tally, j: usize) -> JourneyReport {
    let names: rustc_hash::FxHashMap<&str, String> =
        document.nodes.iter().map(|node| (node.id.as_str(), crate::label::step_name(node))).collect();
    let nodes = journey.nodes.iter().enumerate().map(|(n, node)| {
        let counts = tally.nodes[journey.node_base + n];
        NodeReport {
            id: node.id.clone(),
            name: names.get(node.id.as_str()).cloned().unwrap_or_else(|| node.id.clone()),
            kind: node.kind.name().to_owned(),
            entered: counts.entered,
            passed: counts.passed,
            exited: counts.exited,
            suppressed: counts.suppressed,
        }
    });
    let edges = journey.edges.iter().enumerate().map(|(e, (from, port, to))| EdgeReport {
        from: from.clone(),
        port: port.clone(),
        to: to.clone(),
        customers: tally.edges[journey.edge_base + e],
    });
    let goals = journey.goals.iter().enumerate().map(|(g, goal)| {
        let index = journey.goal_base + g;
        let outcome = |group: Group| {
            let (entries, converted) =
                (tally.goal_entries[index][group as usize], tally.goal_converted[index][group as usize]);
            GoalOutcome {
                entries,
                converted,
                rate: rate(converted, entries),
                median_hours: median(&tally.goal_hours[index][group as usize]),
            }
        };
        GoalReport { id: goal.id.clone(), treatment: outcome(Group::Treatment), holdout: outcome(Group::Holdout) }
    });
    JourneyReport {
        id: journey.id.clone(),
        name: journey.name.clone(),
        priority: journey.priority,
        entries: tally.journey_entries[j],
        customers: tally.journey_customers[j],
        messages_sent: tally.journey_sent[j],
        nodes: nodes.collect(),
        edges: edges.collect(),
        goals: goals.collect(),
    }
}

/// `converted / entries`, rounded to 4 decimals; 0 without entries.
fn rate(converted: u64, entries: u64) -> f64 {
    if entries == 0 { 0.0 } else { (converted as f64 / entries as f64 * 10_000.0).round() / 10_000.0 }
}

fn cadence(plan: &Plan, tally: &Tally) -> Cadence {
    // Only the channels some message node sends on get a column.
    let used: Vec<usize> = (0..CHANNELS.len())
        .filter(|ch| {
            plan.journeys.iter().flat_map(|j| &j.nodes).any(
                |n| matches!(n.step, plan::Step::Message { channel: Some(c), .. } if plan::channel_index(c) == *ch),
            )
        })
        .collect();
    Cadence {
        channels: used.iter().map(|c| CHANNELS[*c].name().to_owned()).collect(),
        per_day: tally
            .per_day
            .iter()
            .enumerate()
            .map(|(day, counts)| DayRow {
                date: time::format_date(plan.start_day + day as i64),
                messages: used.iter().map(|c| counts[*c]).collect(),
            })
            .collect(),
        local_hour: used
            .iter()
            .map(|c| HourRow { channel: CHANNELS[*c].name().to_owned(), messages: tally.local_hour[*c].to_vec() })
            .collect(),
        per_customer: PerCustomer {
            total: percentiles(&tally.total),
            rolling_24h: percentiles(&tally.rolling_24h),
            rolling_7d: percentiles(&tally.rolling_7d),
        },
    }
}

fn conflicts(plan: &Plan, tally: &Tally) -> Vec<ConflictReport> {
    ConflictKind::ALL
        .iter()
        .map(|kind| {
            let occurrences = &tally.conflicts[*kind as usize];
            ConflictReport {
                kind: *kind,
                count: occurrences.count,
                examples: examples(occurrences),
                between: if *kind == ConflictKind::CrossJourney { between(plan, tally) } else { Vec::new() },
            }
        })
        .collect()
}

/// The cross-journey conflicts of each pair of journeys that had any.
fn between(plan: &Plan, tally: &Tally) -> Vec<JourneyConflict> {
    let journeys = &plan.journeys;
    let pairs = journeys.iter().flat_map(|journey| journeys.iter().map(move |other| (journey, other)));
    pairs
        .zip(&tally.between)
        .filter(|(_, occurrences)| occurrences.count > 0)
        .map(|((journey, other), occurrences)| JourneyConflict {
            journey: journey.id.clone(),
            other_journey: other.id.clone(),
            count: occurrences.count,
            examples: examples(occurrences),
        })
        .collect()
}

fn examples(occurrences: &Occurrences) -> Vec<String> {
    occurrences.examples.iter().map(|i| customer_id(*i)).collect()
}

/// A stopped customer, where and why in words.
fn stopped(plan: &Plan, stop: &Stop) -> Stopped {
    let place = stop.place.map(|(j, n)| (&plan.journeys[j].id, &plan.journeys[j].nodes[n as usize].id));
    let message = match stop.reason {
        StopReason::InstantLoop => format!(
            "passed {} nodes at one instant, a loop that does not wait: stopped here; \
             fix the journey's validation errors",
            stop.limit
        ),
        StopReason::StepBudget => format!(
            "took {} steps, the most one customer may take in a run of {} customers: stopped here; \
             check for triggers or re-entry that enter the customer very often",
            stop.limit, plan.customers
        ),
    };
    Stopped {
        customer: customer_id(stop.customer),
        t: stop.t,
        journey: place.map(|(journey, _)| journey.clone()),
        node: place.map(|(_, node)| node.clone()),
        reason: stop.reason,
        message,
    }
}

fn warnings(plan: &Plan, tally: &Tally) -> Vec<String> {
    let cut_short = (tally.cut_short > 0).then(|| {
        format!(
            "{} times the limit of tokens in one stay kept a parallel node from starting more paths",
            tally.cut_short
        )
    });
    let [instant, budget] = tally.stopped_by;
    let instant = (instant > 0).then(|| {
        format!("{instant} customers were stopped by a loop that does not wait (see `stopped`); fix the validation errors first")
    });
    let budget = (budget > 0).then(|| {
        format!(
            "{budget} customers were stopped after {} steps each (see `stopped`): something enters or moves them far too often",
            engine::customer_budget(plan.customers)
        )
    });
    plan.warnings.iter().cloned().chain(cut_short).chain(instant).chain(budget).collect()
}

/// Nearest-rank percentiles of a histogram whose bucket `i` counts the value `i`.
fn percentiles(histogram: &[u64]) -> Percentiles {
    let total: u64 = histogram.iter().sum();
    let rank = |q: f64| {
        if total == 0 {
            return 0;
        }
        let target = ((q * total as f64).ceil() as u64).max(1);
        let mut seen = 0;
        for (value, count) in histogram.iter().enumerate() {
            seen += count;
            if seen >= target {
                return value as u64;
            }
        }
        0
    };
    let max = histogram.iter().rposition(|c| *c > 0).unwrap_or(0) as u64;
    Percentiles { p50: rank(0.5), p95: rank(0.95), max }
}

fn median(histogram: &[u64]) -> Option<u64> {
    let total: u64 = histogram.iter().sum();
    (total > 0).then(|| percentiles(histogram).p50)
}
