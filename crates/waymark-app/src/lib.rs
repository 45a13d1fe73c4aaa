//! The use cases the desktop app and the CLI share, so both apply the same rules with the same
//! words: the workspace catalog of events and attributes (`catalog`), where the database lives and how a new one is seeded (`database`), what a user does
//! with journeys (`journeys`), exporting a version to a runtime's format (`export`), running a
//! simulation request (`simulation`), and the typed error codes the front ends show (`error`).
//!
//! Messages here speak of the domain ("there is no journey `x`"); each front end adds its own
//! hints (the CLI names the command to run, the app offers a button).

pub mod catalog;
pub mod database;
pub mod error;
pub mod export;
pub mod journeys;
pub mod simulation;

pub use error::{AppError, ErrorCode};
