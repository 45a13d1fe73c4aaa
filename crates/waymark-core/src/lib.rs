//! The Waymark journey model: the `*.journey.json` format, its canonical serialization, the
//! journey graph and validation.
//!
//! **This crate does no IO**: it reads no files, no clock and no environment. Callers hand it
//! bytes and get back documents, journeys and diagnostics. Analyses do not fail: `validate`
//! returns every problem as a `Diagnostic`; only unusable input (not JSON, not a journey) is an
//! error, a `ParseError` that says where.

pub mod catalog;
pub mod condition;
pub mod diagnostic;
pub mod diff;
pub mod duration;
pub mod examples;
pub mod export;
pub mod format;
pub mod generate;
pub mod graph;
pub mod journey;
pub mod label;
pub mod model;
pub mod request;
pub mod required;
pub mod review;
pub mod schema;
pub mod simulate;
pub mod sms;
pub mod split;
pub mod validate;
pub mod workspace_catalog;

pub use condition::Condition;
pub use diagnostic::{Code, Diagnostic, Severity};
pub use diff::{JourneyDiff, diff};
pub use duration::IsoDuration;
pub use format::{ParseError, ParseErrorKind, parse, parse_bytes, to_canonical_json};
pub use journey::Journey;
pub use model::{Edge, JourneyDocument, Kind, Node, NodeKind};
pub use validate::{has_errors, validate, validate_document};
