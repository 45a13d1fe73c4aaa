//! What the store tests share: a clock that is passed in, and small journeys.

#![allow(dead_code)] // Each test binary uses a different part of this module.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use waymark_core::JourneyDocument;
use waymark_store::Store;

/// 2025-01-01T00:00:00Z: the first tick of `clock`.
pub const START: i64 = 1_735_689_600;

/// A clock that starts at `START` and moves one second per reading, so every stamp is
/// predictable and distinct.
pub fn clock() -> impl Fn() -> DateTime<Utc> + Send + 'static {
    let seconds = Arc::new(AtomicI64::new(START));
    move || Utc.timestamp_opt(seconds.fetch_add(1, Ordering::SeqCst), 0).unwrap()
}

/// The time `clock` gives at its `tick`th reading (the first is 0).
pub fn at(tick: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(START + tick, 0).unwrap()
}

pub fn memory_store() -> Store {
    Store::open_in_memory().unwrap().with_clock(clock())
}

pub fn file_store(path: &Path) -> Store {
    Store::open(path).unwrap().with_clock(clock())
}

/// A journey with no validation errors: an entry, one email and an exit.
pub fn journey(id: &str, name: &str, subject: &str) -> JourneyDocument {
    parse(&format!(
        r#"{{"format":"waymark.journey/1","id":"{id}","name":"{name}",
            "nodes":[
              {{"id":"start","kind":"entry","trigger":{{"event":{{"name":"signed_up"}}}}}},
              {{"id":"hello","kind":"message","channel":"email","template":"hello","content":{{"subject":"{subject}"}}}},
              {{"id":"done","kind":"exit"}}],
            "edges":[{{"from":"start","port":"next","to":"hello"}},{{"from":"hello","port":"next","to":"done"}}]}}"#
    ))
}

/// A journey with two validation errors: two entries that lead nowhere.
pub fn broken_journey(id: &str) -> JourneyDocument {
    parse(&format!(
        r#"{{"format":"waymark.journey/1","id":"{id}","name":"Broken",
            "nodes":[{{"id":"a","kind":"entry","trigger":{{"event":{{"name":"signed_up"}}}}}},
                     {{"id":"b","kind":"entry","trigger":{{"event":{{"name":"logged_in"}}}}}}]}}"#
    ))
}

/// Parses a journey and puts it in canonical order, the form the store hands documents back in.
fn parse(text: &str) -> JourneyDocument {
    let mut document = waymark_core::parse(text).unwrap();
    waymark_core::format::canonicalize(&mut document);
    document
}
