//! Benchmarks of the simulator's quality targets:
//! - node visits per second per core on the example journeys (target ≥ 10 million), on one
//!   thread, reported by criterion as elements per second;
//! - re-simulating 100,000 customers through the onboarding example after an edit, the call the
//!   app makes for its live preview (target ≤ 300 ms), on every core;
//! - the behavioural diff of that example and an edited copy on the same 100,000 customers, on
//!   every core (target: about twice the simulation above).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use waymark_core::model::{Delay, NodeKind};
use waymark_core::simulate::compare::compare;
use waymark_core::simulate::{Options, Scenario, simulate};
use waymark_core::{JourneyDocument, examples};

fn example(id: &str) -> JourneyDocument {
    examples::documents().into_iter().find(|d| d.id == id).expect("the example exists")
}

fn throughput(c: &mut Criterion) {
    let mut scenario = Scenario::default_scenario();
    scenario.customers = 20_000;
    let one_thread = Options { threads: 1, ..Options::default() };
    let mut group = c.benchmark_group("simulate node visits, 1 thread");
    group.sample_size(10);
    let cases = [
        ("all 8 examples together", examples::documents()),
        ("onboarding", vec![example("onboarding")]),
        ("cart-abandonment", vec![example("cart-abandonment")]),
        ("trial-to-paid", vec![example("trial-to-paid")]),
    ];
    for (name, journeys) in cases {
        let visits = simulate(&journeys, &scenario, &one_thread).totals.node_visits;
        group.throughput(Throughput::Elements(visits));
        group.bench_function(format!("{name} ({visits} visits, 20k customers x 30 days)"), |b| {
            b.iter(|| black_box(simulate(black_box(&journeys), &scenario, &one_thread)))
        });
    }
    group.finish();
}

fn live_preview(c: &mut Criterion) {
    let journeys = vec![example("onboarding")];
    let mut scenario = Scenario::default_scenario();
    scenario.customers = 100_000;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let options = Options { threads, ..Options::default() };
    let mut group = c.benchmark_group("re-simulate after an edit");
    group.sample_size(10);
    group.bench_function(format!("onboarding, 100k customers x 30 days, {threads} threads"), |b| {
        b.iter(|| black_box(simulate(black_box(&journeys), &scenario, &options)))
    });
    group.finish();
}

/// The onboarding example's scenario, with `customers` customers.
fn onboarding_scenario(customers: u64) -> Scenario {
    let (_, mut scenario) =
        examples::scenarios().into_iter().find(|(name, _)| name == "onboarding").expect("the example exists");
    scenario.customers = customers;
    scenario
}

fn behavioural_diff(c: &mut Criterion) {
    let old = example("onboarding");
    // The edit a reviewer would check: the wait before the reminder lasts three days, not two.
    let mut new = old.clone();
    let wait = new.nodes.iter_mut().find(|n| n.id == "wait_2d_reminder").expect("the example has the wait");
    wait.kind = NodeKind::Wait { delay: Delay::Duration("P3D".parse().expect("a duration")) };
    let scenario = onboarding_scenario(100_000);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let options = Options { threads, ..Options::default() };
    let changed = compare(&old, &new, &scenario, &options).changed_customers;
    let mut group = c.benchmark_group("behavioural diff");
    group.sample_size(10);
    group
        .bench_function(format!("behavioural diff of 100,000 customers ({changed} changed), {threads} threads"), |b| {
            b.iter(|| black_box(compare(black_box(&old), &new, &scenario, &options)))
        });
    group.bench_function(format!("one simulation of the same 100,000 customers, {threads} threads"), |b| {
        b.iter(|| black_box(simulate(black_box(std::slice::from_ref(&old)), &scenario, &options)))
    });
    group.finish();
}

criterion_group!(benches, throughput, live_preview, behavioural_diff);
criterion_main!(benches);
