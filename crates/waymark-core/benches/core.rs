//! Benchmarks of the quality targets that belong to the core:
//! validate a 5,000-node journey (target ≤ 5 ms median), canonical serialize + parse of a
//! 500-node journey (target ≤ 1 ms), and the semantic diff of two 500-node versions including
//! both parses (target ≤ 2 ms).

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use waymark_core::model::{Delay, NodeKind, Position};
use waymark_core::{Journey, diff, generate, parse, to_canonical_json, validate};

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

fn semantic_diff(c: &mut Criterion) {
    let old = generate::journey(500);
    // A review-sized edit: longer waits, a renamed step, a rewired port and a few moves.
    let mut new = old.clone();
    for node in new.nodes.iter_mut().step_by(40) {
        if let NodeKind::Wait { delay: Delay::Duration(duration) } = &mut node.kind {
            duration.hours += 2;
        }
        node.label = Some(format!("Renamed {}", node.id));
    }
    if let Some(edge) = new.edges.iter_mut().find(|e| e.port == "else") {
        edge.to = "done".to_owned();
    }
    for position in new.layout.nodes.values_mut().step_by(25) {
        *position = Position { x: position.x + 40.0, y: position.y };
    }
    let (old_text, new_text) = (to_canonical_json(&old), to_canonical_json(&new));
    c.bench_function("diff two 500-node versions including both parses", |b| {
        b.iter(|| {
            let old = parse(black_box(&old_text)).unwrap();
            let new = parse(black_box(&new_text)).unwrap();
            black_box(diff(&old, &new))
        })
    });
}

criterion_group!(benches, validation, canonical_round_trip, semantic_diff);
criterion_main!(benches);
