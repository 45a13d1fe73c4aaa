//! Shared helpers for the cross-crate tests: where the repository is, the corpora in it, and the
//! mirror image of a diff, and what the fuzz targets check (`fuzzing`).

use std::path::{Path, PathBuf};

pub mod fuzzing;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ sits in the workspace").to_owned()
}

/// The files in `dir` (relative to the root) whose names end with `suffix`, sorted.
pub fn files(dir: &str, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}

/// The file next to `path` with `.journey.json` replaced by `.expected`.
pub fn expected_for(path: &Path) -> PathBuf {
    PathBuf::from(path.to_string_lossy().replace(".journey.json", ".expected"))
}

/// A small valid journey whose entry label carries `label`, so each save has new content.
pub fn journey(id: &str, label: &str) -> waymark_core::JourneyDocument {
    let text = format!(
        r#"{{"format":"waymark.journey/1","id":"{id}","name":"Race","nodes":[
            {{"id":"start","kind":"entry","label":"{label}","trigger":{{"event":{{"name":"signed_up"}}}}}},
            {{"id":"done","kind":"exit"}}],
          "edges":[{{"from":"start","port":"next","to":"done"}}]}}"#
    );
    waymark_core::parse(&text).expect("the test journey parses")
}

/// A diff without its sentences, as comparable JSON.
pub fn shape(diff: &waymark_core::JourneyDiff) -> serde_json::Value {
    let mut value = serde_json::to_value(diff).unwrap();
    value.as_object_mut().unwrap().remove("sentences");
    value
}

/// What the diff of the same pair read backwards must be: added and removed swapped, old and new
/// swapped.
pub fn mirror(diff: &waymark_core::JourneyDiff) -> serde_json::Value {
    let mut value = shape(diff);
    let swap = |item: &mut serde_json::Value, old: &str, new: &str| {
        let object = item.as_object_mut().unwrap();
        let (a, b) = (object.remove(old).unwrap(), object.remove(new).unwrap());
        object.insert(old.to_owned(), b);
        object.insert(new.to_owned(), a);
    };
    let flip = |change: &mut serde_json::Value| {
        *change = match change.as_str().unwrap() {
            "added" => "removed".into(),
            "removed" => "added".into(),
            other => other.into(),
        }
    };
    for node in value["nodes"].as_array_mut().unwrap() {
        flip(&mut node["change"]);
        node["fields"].as_array_mut().unwrap().iter_mut().for_each(|f| swap(f, "old", "new"));
    }
    for edge in value["edges"].as_array_mut().unwrap() {
        flip(&mut edge["change"]);
        swap(edge, "old_to", "new_to");
    }
    value["settings"].as_array_mut().unwrap().iter_mut().for_each(|s| swap(s, "old", "new"));
    value
}
