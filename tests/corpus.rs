//! Data-driven tests over the corpora in `journeys/`: the examples must be clean and canonical,
//! each invalid journey must produce exactly its expected codes, each unparsable file exactly its
//! expected error; and the committed generated files must match the code.

use waymark_core::{Severity, parse_bytes, to_canonical_json, validate_document};
use waymark_tests::{expected_for, files, root};

#[test]
fn examples_validate_without_errors_or_warnings() {
    let examples = files("journeys", ".journey.json");
    assert!(examples.len() >= 8, "expected at least eight example journeys, found {}", examples.len());
    for path in examples {
        let bytes = std::fs::read(&path).unwrap();
        let document = parse_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert_eq!(file_name, format!("{}.journey.json", document.id), "file name must follow the journey id");
        let (_, diagnostics) = validate_document(document);
        let problems: Vec<String> =
            diagnostics.iter().map(|d| format!("{} {} {}", d.severity, d.code, d.message)).collect();
        assert!(problems.is_empty(), "{}:\n{}", path.display(), problems.join("\n"));
    }
}

#[test]
fn examples_are_in_canonical_form() {
    for path in files("journeys", ".journey.json") {
        let text = std::fs::read_to_string(&path).unwrap();
        let canonical = to_canonical_json(&waymark_core::parse(&text).unwrap());
        assert!(text == canonical, "{} is not canonical; run `waymark fmt {}`", path.display(), path.display());
    }
}

#[test]
fn examples_are_embedded_for_seeding() {
    let embedded: Vec<&str> = waymark_core::examples::EXAMPLES.iter().map(|(name, _)| *name).collect();
    let on_disk: Vec<String> = files("journeys", ".journey.json")
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(embedded, on_disk);
}

/// The catalog of a workspace seeded with the examples: their scenarios and journeys. The invalid
/// journeys are checked against it too, so the catalog's codes have their corpus files.
fn example_catalog() -> waymark_core::workspace_catalog::WorkspaceCatalog {
    let journeys = waymark_core::examples::documents();
    waymark_core::workspace_catalog::workspace_catalog(&[], &waymark_core::examples::scenarios(), &journeys)
}

#[test]
fn invalid_journeys_produce_their_expected_codes() {
    let invalid = files("journeys/invalid", ".journey.json");
    assert!(!invalid.is_empty());
    let catalog = example_catalog();
    let mut covered = std::collections::BTreeSet::new();
    for path in invalid {
        let document =
            parse_bytes(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let names = waymark_core::workspace_catalog::check_names(&document, &catalog);
        let (_, mut diagnostics) = validate_document(document);
        diagnostics.extend(names);
        let mut codes: Vec<&str> = diagnostics.iter().map(|d| d.code.name()).collect();
        codes.sort();
        codes.dedup();
        covered.extend(codes.iter().map(|c| c.to_string()));
        let expected = std::fs::read_to_string(expected_for(&path))
            .unwrap_or_else(|e| panic!("{}: no .expected file: {e}", path.display()));
        let expected: Vec<&str> = expected.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(codes, expected, "{}", path.display());
        assert!(diagnostics.iter().all(|d| !d.message.is_empty() && !d.hint.is_empty()));
    }
    let missing: Vec<&str> =
        waymark_core::Code::ALL.iter().map(|c| c.name()).filter(|c| !covered.contains(*c)).collect();
    assert!(missing.is_empty(), "codes no invalid journey exercises: {missing:?}");
}

#[test]
fn unparsable_files_produce_their_expected_errors() {
    let bad = files("journeys/bad", ".journey.json");
    assert!(!bad.is_empty());
    for path in bad {
        let error = parse_bytes(&std::fs::read(&path).unwrap()).expect_err(&path.display().to_string());
        let expected = std::fs::read_to_string(expected_for(&path)).unwrap();
        assert_eq!(error.to_string(), expected.trim_end(), "{}", path.display());
    }
}

#[test]
fn errors_in_the_corpus_are_errors_and_warnings_are_warnings() {
    // The severity of a code is part of its contract: errors block publishing.
    for code in waymark_core::Code::ALL {
        let diagnostic = code.diagnostic("x");
        assert_eq!(diagnostic.severity, code.severity());
        assert!(matches!(diagnostic.severity, Severity::Error | Severity::Warning));
    }
}

fn check_generated(path: &str, fresh: String) {
    let committed = std::fs::read_to_string(root().join(path)).unwrap_or_default();
    assert!(committed == fresh, "{path} is stale; run `cargo xtask codegen` and commit the result");
}

#[test]
fn the_committed_journey_schema_is_current() {
    check_generated("schemas/journey.schema.json", waymark_core::schema::journey_schema());
}

#[test]
fn the_committed_diff_schema_is_current() {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(root().join("schemas/diff.schema.json"), waymark_core::diff::diff_schema()).unwrap();
    }
    check_generated("schemas/diff.schema.json", waymark_core::diff::diff_schema());
}

#[test]
fn the_diagnostic_code_table_is_current() {
    check_generated("docs/diagnostics.md", waymark_core::diagnostic::codes_markdown());
}

#[test]
fn the_examples_satisfy_the_committed_schema_by_a_third_party_validator() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("schemas/journey.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema itself is valid");
    for path in files("journeys", ".journey.json") {
        let instance: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{e} at {}", e.instance_path)).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
    // The schema must also refuse what the parser refuses.
    let unknown_kind: serde_json::Value = serde_json::json!({
        "format": "waymark.journey/1", "id": "x", "name": "X",
        "nodes": [{ "id": "a", "kind": "teleport" }]
    });
    assert!(!validator.is_valid(&unknown_kind));
}

#[test]
fn problems_name_labelled_steps_by_their_label_not_their_id() {
    // The invalid corpus, and every example with its connections cut (which leaves every
    // labelled step unreachable or with an unconnected port).
    let mut documents = Vec::new();
    for path in files("journeys/invalid", ".journey.json") {
        documents.push((path.clone(), parse_bytes(&std::fs::read(&path).unwrap()).unwrap()));
    }
    for path in files("journeys", ".journey.json") {
        let mut document = parse_bytes(&std::fs::read(&path).unwrap()).unwrap();
        document.edges.clear();
        documents.push((path, document));
    }
    let mut named = 0;
    for (path, document) in documents {
        let labels: std::collections::HashMap<String, String> =
            document.nodes.iter().filter_map(|n| Some((n.id.clone(), n.label.clone()?))).collect();
        let (_, diagnostics) = validate_document(document);
        for diagnostic in &diagnostics {
            for (id, label) in &labels {
                assert!(
                    !diagnostic.message.contains(&format!("`{id}`")),
                    "{}: `{}` names the step {id:?} by its id, not its label {label:?}: {}",
                    path.display(),
                    diagnostic.code.name(),
                    diagnostic.message
                );
            }
            if let Some(label) = diagnostic.node.as_ref().and_then(|id| labels.get(id)) {
                named += usize::from(diagnostic.message.contains(&format!("\"{label}\"")));
            }
        }
    }
    assert!(named > 100, "only {named} problems name their step by its label");
}
