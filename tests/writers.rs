//! Several processes on one database: two writers racing on one journey, and a writer killed at
//! random points while saving. Real processes, real files, real SQLite locking.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use waymark_store::Store;
use waymark_tests::journey;

fn writer(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_waymark-test-writer"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the writer")
}

fn read_line(child: &mut Child) -> String {
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    line.trim().to_owned()
}

#[test]
fn the_later_of_two_conflicting_saves_is_refused_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("race.db");
    let db_arg = db.to_str().unwrap();
    {
        let mut store = Store::open(&db).unwrap();
        store.save_version(&journey("race", "first"), None, "setup", "v1").unwrap();
    }
    let mut alice = writer(&["race", db_arg, "alice"]);
    let mut bob = writer(&["race", db_arg, "bob"]);
    assert_eq!(read_line(&mut alice), "ready");
    assert_eq!(read_line(&mut bob), "ready");
    // Both have read version 1; let them both try to save on top of it.
    for child in [&mut alice, &mut bob] {
        child.stdin.as_mut().unwrap().write_all(b"go\n").unwrap();
    }
    let mut results = vec![read_line(&mut alice), read_line(&mut bob)];
    alice.wait().unwrap();
    bob.wait().unwrap();
    results.sort();
    assert_eq!(results, ["conflict", "saved 2"]);

    let store = Store::open(&db).unwrap();
    let history = store.history("race").unwrap();
    assert_eq!(history.iter().map(|v| v.number).collect::<Vec<_>>(), [1, 2]);
    let winner = &history[1].author;
    let (_, document) = store.version("race", Some(2)).unwrap();
    assert_eq!(document.nodes[1].label.as_deref(), Some(winner.as_str()), "version 2 holds the winner's content");
    let (_, first) = store.version("race", Some(1)).unwrap();
    assert_eq!(first.nodes[1].label.as_deref(), Some("first"), "version 1 is untouched");
}

/// A deterministic sequence of kill delays, so a failure can be reproduced.
fn delays(seed: u64) -> impl Iterator<Item = Duration> {
    let mut state = seed;
    std::iter::repeat_with(move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        Duration::from_micros(2_000 + (state >> 33) % 60_000)
    })
}

#[test]
fn a_writer_killed_at_random_points_loses_no_committed_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("churn.db");
    let db_arg = db.to_str().unwrap();
    let mut committed = Vec::new();
    let mut kills = 0;
    let started = Instant::now();
    let mut delays = delays(7);
    // At least 1,000 saves in all, each run killed after a random delay.
    while committed.len() < 1_000 && started.elapsed() < Duration::from_secs(240) {
        let mut child = writer(&["churn", db_arg, "400"]);
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| line.strip_prefix("committed ").map(|n| n.parse::<u32>().unwrap()))
                .collect::<Vec<u32>>()
        });
        std::thread::sleep(delays.next().unwrap());
        let _ = child.kill();
        child.wait().unwrap();
        kills += 1;
        committed.extend(reader.join().unwrap());

        let store = Store::open(&db).expect("the database opens after a kill");
        let check: String = rusqlite_integrity(&db);
        assert_eq!(check, "ok", "integrity check after kill {kills}");
        let stored: Vec<u32> = store.history("churn").map(|h| h.iter().map(|v| v.number).collect()).unwrap_or_default();
        for number in &committed {
            assert!(
                stored.contains(number),
                "version {number} was reported committed but is missing after kill {kills}"
            );
        }
        assert!(stored.windows(2).all(|w| w[1] == w[0] + 1), "version numbers have no gaps");
        // The draft, if any, is readable.
        store.draft("churn").expect("the draft is recoverable");
    }
    assert!(committed.len() >= 1_000, "only {} saves in the time allowed", committed.len());
    assert!(kills > 3, "the writer was killed {kills} times");
}

fn rusqlite_integrity(db: &std::path::Path) -> String {
    let connection = rusqlite::Connection::open(db).unwrap();
    connection.query_row("PRAGMA integrity_check", [], |row| row.get(0)).unwrap()
}
