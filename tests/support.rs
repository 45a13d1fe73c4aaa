//! Shared helpers for the cross-crate tests: where the repository is, and the corpora in it.

use std::path::{Path, PathBuf};

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
