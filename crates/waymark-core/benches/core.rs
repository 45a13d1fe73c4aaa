//! Benchmarks of the quality targets that belong to the core:
//! validate a 5,000-node journey (target ≤ 5 ms median) and canonical serialize + parse of a
//! 500-node journey (target ≤ 1 ms).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use waymark_core::{Journey, generate, parse, to_canonical_json, validate};

fn validation(c: &mut Criterion) {
    let document = generate::journey(5_000);
    // The copy of the document is made outside the measurement: building the graph and running
    // every rule is what is timed.
    c.bench_function("validate 5000-node journey (build graph + all rules)", |b| {
        b.iter_batched(
            || document.clone(),
            |document| {
                let journey = Journey::new(document);
                black_box(validate(&journey))
            },
            BatchSize::LargeInput,
        )
    });
}

fn canonical_round_trip(c: &mut Criterion) {
    let document = generate::journey(500);
    let text = to_canonical_json(&document);
    c.bench_function("canonical serialize + parse 500-node journey", |b| {
        b.iter(|| {
            let text = to_canonical_json(black_box(&document));
            black_box(parse(&text).unwrap())
        })
    });
    c.bench_function("parse 500-node journey", |b| b.iter(|| black_box(parse(black_box(&text)).unwrap())));
}

criterion_group!(benches, validation, canonical_round_trip);
criterion_main!(benches);
