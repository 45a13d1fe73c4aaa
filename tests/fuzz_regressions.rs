//! Every input the fuzzers ever crashed on (`fuzz/regressions/<target>/<problem>`), and every
//! file of the example corpus, goes through the same check as its fuzz target: a crash once
//! found stays fixed.

use waymark_tests::fuzzing::TARGETS;
use waymark_tests::{files, root};

/// The committed regression inputs of one target, named after the problem each one found.
fn regressions(target: &str) -> Vec<std::path::PathBuf> {
    let dir = root().join("fuzz/regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut files: Vec<_> = entries.map(|entry| entry.unwrap().path()).collect();
    files.sort();
    files
}

#[test]
fn every_regression_input_passes_its_check() {
    for (target, check) in TARGETS {
        for path in regressions(target) {
            eprintln!("{target}: {}", path.display());
            check(&std::fs::read(&path).unwrap());
        }
    }
}

#[test]
fn the_seed_corpus_passes_every_check() {
    let mut inputs: Vec<_> = ["journeys", "journeys/invalid", "journeys/bad", "journeys/diff"]
        .iter()
        .flat_map(|dir| files(dir, ".journey.json"))
        .collect();
    inputs.sort();
    assert!(inputs.len() > 60, "the corpus has the examples, invalid and bad files");
    for path in &inputs {
        let bytes = std::fs::read(path).unwrap();
        for (_, check) in TARGETS {
            check(&bytes);
        }
    }
}
