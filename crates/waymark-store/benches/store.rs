//! Benchmark for the quality target "save a new version of a 500-node journey, durable
//! (`synchronous=FULL`, WAL): ≤ 5 ms median", against a file database in a temporary directory.
//!
//! Every iteration changes one node's label, so every save really appends a version: the figure
//! includes canonical serialization, hashing, the insert and the fsync of the WAL at commit.

use criterion::{Criterion, criterion_group, criterion_main};
use waymark_store::Store;

fn save_version(c: &mut Criterion) {
    let directory = tempfile::tempdir().unwrap();
    let mut store = Store::open(&directory.path().join("bench.db")).unwrap();
    let mut document = waymark_core::generate::journey(500);
    let middle = document.nodes.len() / 2;
    let mut base = None;
    let mut edits = 0u64;
    c.bench_function("save a new version of a 500-node journey (file, WAL, synchronous=FULL)", |b| {
        b.iter(|| {
            edits += 1;
            document.nodes[middle].label = Some(format!("edit {edits}"));
            let saved = store.save_version(&document, base, "bench", "edit").unwrap();
            assert!(saved.created);
            base = Some(saved.version.number);
        })
    });
}

criterion_group!(benches, save_version);
criterion_main!(benches);
