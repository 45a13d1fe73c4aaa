//! The JSON Schema of the journey file format, generated from the Rust types.
//!
//! The committed copy lives at `schemas/journey.schema.json`; `cargo xtask codegen` rewrites it
//! and a test fails when it is stale.

use crate::model::JourneyDocument;

/// The JSON Schema of `*.journey.json` files, as pretty-printed JSON with a final newline.
pub fn journey_schema() -> String {
    let mut schema = schemars::schema_for!(JourneyDocument);
    schema.insert("$id".to_owned(), "urn:waymark:journey:1".into());
    schema.insert("title".to_owned(), "Waymark journey".into());
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}
