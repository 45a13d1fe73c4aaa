//! The harness the CLI test binaries share: a temporary working directory and database, a pinned
//! clock and author, and the rendering of a run as a user sees it (exit status, stdout, stderr).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use expect_test::Expect;

pub struct Sandbox {
    dir: tempfile::TempDir,
}

#[allow(dead_code)] // Each test binary uses its own part of the harness.
impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox { dir: tempfile::tempdir().unwrap() }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn write(&self, name: &str, text: impl AsRef<[u8]>) -> &Sandbox {
        std::fs::write(self.path(name), text).unwrap();
        self
    }

    /// Runs `waymark` in the sandbox with its own database, clock and author.
    pub fn output(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_waymark"))
            .args(args)
            .current_dir(self.dir.path())
            .env("WAYMARK_DB", self.path("waymark.db"))
            .env("WAYMARK_NOW", "2026-11-22T09:30:00Z")
            .env("WAYMARK_AUTHOR", "ana")
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    }

    /// Runs `waymark` and renders everything a user would see.
    pub fn run(&self, args: &[&str]) -> String {
        let output = self.output(args);
        let mut text = format!("status: {}\n", output.status.code().unwrap_or(-1));
        for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
            if !bytes.is_empty() {
                text.push_str(&format!("--- {name}\n{}", String::from_utf8_lossy(bytes)));
            }
        }
        text
    }

    pub fn check(&self, args: &[&str], expect: Expect) {
        expect.assert_eq(&self.run(args));
    }
}
