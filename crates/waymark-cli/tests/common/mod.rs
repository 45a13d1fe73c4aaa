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

    /// `waymark` in the sandbox with its own database, clock and author, ready to run.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_waymark"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env("WAYMARK_DB", self.path("waymark.db"))
            .env("WAYMARK_NOW", "2026-11-22T09:30:00Z")
            .env("WAYMARK_AUTHOR", "ana")
            .env_remove("NO_COLOR");
        command
    }

    /// Runs `waymark` in the sandbox with its own database, clock and author.
    pub fn output(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs `waymark` and renders everything a user would see.
    pub fn run(&self, args: &[&str]) -> String {
        render(&self.output(args))
    }

    /// Like `run`, but kills the command and fails the test if it has not finished within
    /// `limit`: for inputs that used to hang, so that a regression fails instead of hanging.
    /// The output must fit the pipes' buffers (64 KiB), as a short error does.
    pub fn run_within(&self, args: &[&str], limit: std::time::Duration) -> String {
        use std::process::Stdio;
        let mut child =
            self.command(args).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let start = std::time::Instant::now();
        while child.try_wait().unwrap().is_none() {
            if start.elapsed() > limit {
                child.kill().unwrap();
                let _ = child.wait();
                panic!("`waymark {}` did not finish within {limit:?}", args.join(" "));
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        render(&child.wait_with_output().unwrap())
    }

    pub fn check(&self, args: &[&str], expect: Expect) {
        expect.assert_eq(&self.run(args));
    }
}

/// Everything a user would see of a finished run: exit status, stdout, stderr.
fn render(output: &Output) -> String {
    let mut text = format!("status: {}\n", output.status.code().unwrap_or(-1));
    for (name, bytes) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        if !bytes.is_empty() {
            text.push_str(&format!("--- {name}\n{}", String::from_utf8_lossy(bytes)));
        }
    }
    text
}
