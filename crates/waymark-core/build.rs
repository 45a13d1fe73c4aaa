//! Embeds the example journeys and scenarios of `journeys/` so that a new database can be seeded
//! and the app can offer the scenarios without reading files at run time.

use std::{env, fs, path::Path};

fn main() {
    // The directory at run time, not `env!` at compile time: a build script compiled in a
    // checkout that has since moved (a copied target directory) would read a path that is gone.
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest_dir).join("../../journeys");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut code = String::new();
    for (constant, suffix, what) in
        [("EXAMPLES", ".journey.json", "example journeys"), ("SCENARIOS", ".scenario.json", "example scenarios")]
    {
        let mut files: Vec<_> = fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|entry| entry.ok().map(|e| e.path()))
                    .filter(|path| path.to_string_lossy().ends_with(suffix))
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        code.push_str(&format!(
            "/// The {what} of `journeys/`: file name and text.\npub const {constant}: &[(&str, &str)] = &[\n"
        ));
        for path in &files {
            println!("cargo:rerun-if-changed={}", path.display());
            let name = path.file_name().unwrap().to_string_lossy();
            let absolute = fs::canonicalize(path).unwrap();
            code.push_str(&format!("    ({name:?}, include_str!({:?})),\n", absolute.display().to_string()));
        }
        code.push_str("];\n");
    }
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("examples.rs"), code).unwrap();
}
