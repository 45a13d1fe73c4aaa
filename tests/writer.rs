//! A writer process for the crash and conflict tests; not a user-facing tool.
//!
//! - `waymark-test-writer race DB LABEL`: reads the newest version of journey `race`, prints
//!   `ready`, waits for a line on standard input, then saves a version based on what it read and
//!   prints `saved N` or `conflict`.
//! - `waymark-test-writer churn DB COUNT`: saves a draft and then a version, COUNT times,
//!   printing `committed N` after each version is durably saved.

use std::io::{BufRead, Write};
use std::path::Path;

use waymark_store::{Store, StoreError};
use waymark_tests::journey;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut store = Store::open(Path::new(&args[2])).expect("open the database");
    let mut out = std::io::stdout();
    match args[1].as_str() {
        "race" => {
            let base = store.latest("race").expect("read the newest version").map(|v| v.number);
            writeln!(out, "ready").unwrap();
            out.flush().unwrap();
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line).unwrap();
            match store.save_version(&journey("race", &args[3]), base, &args[3], "race") {
                Ok(saved) => writeln!(out, "saved {}", saved.version.number).unwrap(),
                Err(StoreError::Conflict { .. }) => writeln!(out, "conflict").unwrap(),
                Err(other) => panic!("unexpected error: {other}"),
            }
        }
        "churn" => {
            let count: u32 = args[3].parse().unwrap();
            for i in 0..count {
                let base = store.latest("churn").unwrap().map(|v| v.number);
                let document = journey("churn", &format!("save {i} {}", std::process::id()));
                store.save_draft(&document, base).unwrap();
                let saved = store.save_version(&document, base, "churn", "churn").unwrap();
                writeln!(out, "committed {}", saved.version.number).unwrap();
                out.flush().unwrap();
            }
        }
        other => panic!("unknown mode {other}"),
    }
}
