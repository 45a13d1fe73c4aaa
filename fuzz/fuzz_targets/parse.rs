//! Fuzz target `parse`: see `tests/fuzzing.rs` for what it checks.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| waymark_tests::fuzzing::parse(bytes));
