//! The example journeys shipped in `journeys/`, embedded at compile time. They seed a new
//! database and serve as test fixtures; a test checks that each one parses and validates cleanly.

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

/// The parsed example journeys. They are part of the build and tested to parse, so a failure
/// here is a bug in the repository, not bad input.
pub fn documents() -> Vec<crate::JourneyDocument> {
    EXAMPLES
        .iter()
        .map(|(name, text)| crate::parse(text).unwrap_or_else(|error| panic!("example {name} does not parse: {error}")))
        .collect()
}

/// The example scenarios, by name (the file name without `.scenario.json`).
pub fn scenarios() -> Vec<(String, crate::simulate::Scenario)> {
    SCENARIOS
        .iter()
        .map(|(file, text)| {
            let scenario = crate::simulate::parse_scenario(text)
                .unwrap_or_else(|error| panic!("example scenario {file} does not parse: {error}"));
            (file.trim_end_matches(".scenario.json").to_owned(), scenario)
        })
        .collect()
}
