//! Benchmarks of the simulator's quality targets:
//! - node visits per second per core on the example journeys (target ≥ 10 million), on one
//!   thread, reported by criterion as elements per second;
//! - re-simulating 100,000 customers through the onboarding example after an edit, the call the
//!   app makes for its live preview (target ≤ 300 ms), on every core.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
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

criterion_group!(benches, throughput, live_preview);
criterion_main!(benches);
