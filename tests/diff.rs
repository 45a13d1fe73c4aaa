//! The semantic diff over the corpus in `journeys/diff/`: each `NAME.old.journey.json` and
//! `NAME.new.journey.json` pair must diff to exactly `NAME.expected.json` (what `waymark diff
//! --json` prints), the pair read backwards must give the mirror image, the corpus must exercise
//! every status, section and impact, and every expected diff must satisfy the committed schema
//! (`schemas/diff.schema.json`, whose staleness `corpus.rs` checks) by a third-party validator.
//! `UPDATE_EXPECT=1` rewrites the expected files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use waymark_core::diff::{EdgeChange, Impact, JourneyDiff, NodeChange, Section};
use waymark_core::{JourneyDocument, diff, parse_bytes};
use waymark_tests::{files, mirror, root, shape};

/// Each pair: its name, both documents and the expected file.
fn pairs() -> Vec<(String, JourneyDocument, JourneyDocument, PathBuf)> {
    let olds = files("journeys/diff", ".old.journey.json");
    assert!(olds.len() >= 10, "expected the diff corpus, found {} pairs", olds.len());
    olds.into_iter()
        .map(|old| {
            let name = old.file_name().unwrap().to_string_lossy().replace(".old.journey.json", "");
            let sibling = |suffix: &str| old.with_file_name(format!("{name}{suffix}"));
            let read = |path: &Path| {
                parse_bytes(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            };
            let (new, expected) = (sibling(".new.journey.json"), sibling(".expected.json"));
            (name, read(&old), read(&new), expected)
        })
        .collect()
}

fn json(diff: &JourneyDiff) -> String {
    serde_json::to_string_pretty(diff).unwrap() + "\n"
}

#[test]
fn every_pair_diffs_to_its_expected_json() {
    for (name, old, new, expected) in pairs() {
        let got = json(&diff(&old, &new));
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(&expected, &got).unwrap();
        }
        let want = std::fs::read_to_string(&expected).unwrap_or_else(|e| panic!("{}: {e}", expected.display()));
        assert!(got == want, "{name}: the diff differs from {}:\n{got}", expected.display());
    }
}

#[test]
fn every_pair_read_backwards_is_the_mirror_image() {
    for (name, old, new, _) in pairs() {
        assert_eq!(mirror(&diff(&old, &new)), shape(&diff(&new, &old)), "{name}");
    }
}

#[test]
fn the_corpus_covers_every_status_section_and_impact() {
    let mut covered = BTreeSet::new();
    let mut unchanged = 0;
    for (_, old, new, _) in pairs() {
        let diff = diff(&old, &new);
        unchanged += usize::from(diff.is_empty());
        covered.extend(diff.nodes.iter().map(|n| format!("node {:?}", n.change)));
        covered.extend(diff.edges.iter().map(|e| format!("edge {:?}", e.change)));
        covered.extend(diff.settings.iter().map(|s| format!("section {:?}", s.section)));
        covered.extend(diff.sentences.iter().map(|s| format!("impact {:?}", s.impact)));
        covered.extend(
            diff.nodes.iter().flat_map(|n| &n.fields).filter(|f| f.path.ends_with(".order")).map(|_| "order".into()),
        );
    }
    let mut wanted: Vec<String> =
        [NodeChange::Added, NodeChange::Removed, NodeChange::Changed, NodeChange::Retyped, NodeChange::LayoutOnly]
            .iter()
            .map(|c| format!("node {c:?}"))
            .collect();
    wanted.extend([EdgeChange::Added, EdgeChange::Removed, EdgeChange::Rewired].iter().map(|c| format!("edge {c:?}")));
    wanted.extend(
        [
            Section::Metadata,
            Section::Reentry,
            Section::Goals,
            Section::ExitCriteria,
            Section::FrequencyCaps,
            Section::QuietHours,
            Section::MinGap,
            Section::Consent,
            Section::Priority,
            Section::Attributes,
            Section::Layout,
        ]
        .iter()
        .map(|s| format!("section {s:?}")),
    );
    wanted.extend([Impact::Behavioural, Impact::Cosmetic].iter().map(|i| format!("impact {i:?}")));
    wanted.push("order".into());
    let missing: Vec<&String> = wanted.iter().filter(|w| !covered.contains(*w)).collect();
    assert!(missing.is_empty(), "no pair in journeys/diff exercises {missing:?}");
    assert!(unchanged >= 2, "the corpus needs unchanged pairs (same journey written otherwise, equal durations)");
}

#[test]
fn the_expected_diffs_satisfy_the_committed_schema_by_a_third_party_validator() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("schemas/diff.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema itself is valid");
    for (name, _, _, expected) in pairs() {
        let instance: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&expected).unwrap()).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    let unknown_status = serde_json::json!({
        "nodes": [{ "id": "a", "change": "teleported", "impact": "behavioural", "fields": [] }],
        "edges": [], "settings": [], "behavioural": true, "sentences": []
    });
    assert!(!validator.is_valid(&unknown_status));
}
