//! `waymark git setup` with real git in a temporary repository: after it, `git diff` prints the
//! changes of a committed journey as sentences, and `git log -p` and `git show` compare outlines
//! in words (with `--ext-diff`, the sentences too), never JSON lines.

use std::path::Path;
use std::process::Command;

use expect_test::expect;

mod common;
use common::Sandbox;

/// Runs git in the sandbox, isolated from the machine's own git configuration.
fn git(sandbox: &Sandbox, args: &[&str]) -> String {
    let output = Command::new("git")
        .args(args)
        .current_dir(sandbox.dir())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", sandbox.path("no-global-gitconfig"))
        .env("HOME", sandbox.dir())
        .env("GIT_AUTHOR_NAME", "Ana")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .env("GIT_AUTHOR_DATE", "2026-11-22T09:30:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-22T09:30:00Z")
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_DIR")
        .output()
        .expect("git is installed");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn welcome(wait: &str, label: &str) -> String {
    format!(
        r#"{{
  "format": "waymark.journey/1",
  "id": "welcome",
  "name": "Welcome",
  "nodes": [
    {{ "id": "start", "kind": "entry", "trigger": {{ "event": {{ "name": "signed_up" }} }} }},
    {{ "id": "hello", "kind": "message", "label": "{label}", "channel": "email", "template": "tpl_welcome" }},
    {{ "id": "pause", "kind": "wait", "label": "Pause", "delay": {{ "duration": "{wait}" }} }},
    {{ "id": "done", "kind": "exit", "label": "Done" }}
  ],
  "edges": [
    {{ "from": "start", "port": "next", "to": "hello" }},
    {{ "from": "hello", "port": "next", "to": "pause" }},
    {{ "from": "pause", "port": "next", "to": "done" }}
  ]
}}
"#
    )
}

/// A repository with `waymark git setup` run in it and one committed journey.
fn repository() -> Sandbox {
    let sandbox = Sandbox::new();
    git(&sandbox, &["init", "--quiet", "--initial-branch=main"]);
    let setup = sandbox.output(&["git", "setup"]);
    assert!(setup.status.success(), "{}", String::from_utf8_lossy(&setup.stderr));
    std::fs::create_dir(sandbox.path("journeys")).unwrap();
    sandbox.write("journeys/welcome.journey.json", welcome("P2D", "Hello"));
    git(&sandbox, &["add", "."]);
    git(&sandbox, &["commit", "--quiet", "-m", "Add the welcome journey"]);
    sandbox
}

/// The output with the absolute path of the waymark executable replaced by `WAYMARK`.
fn without_executable(text: &str, sandbox: &Sandbox) -> String {
    let executable = Path::new(env!("CARGO_BIN_EXE_waymark")).canonicalize().unwrap();
    text.replace(&executable.display().to_string(), "WAYMARK").replace(&sandbox.dir().display().to_string(), "REPO")
}

#[test]
fn setup_writes_the_attribute_once_and_both_commands_with_an_absolute_path() {
    let sandbox = Sandbox::new();
    git(&sandbox, &["init", "--quiet"]);
    sandbox.write(".gitattributes", "*.png binary");
    let first = sandbox.run(&["git", "setup"]);
    let second = sandbox.run(&["git", "setup"]);
    expect![[r#"
        status: 0
        --- stdout
        REPO/.gitattributes added `*.journey.json diff=waymark`
        diff.waymark.textconv = WAYMARK diff --textconv
        diff.waymark.command = WAYMARK diff --git-external
        `git diff` now prints journey changes in words; `git log -p` and `git show` compare outlines (add --ext-diff for the sentences)
        status: 0
        --- stdout
        REPO/.gitattributes already has `*.journey.json diff=waymark`
        diff.waymark.textconv = WAYMARK diff --textconv
        diff.waymark.command = WAYMARK diff --git-external
        `git diff` now prints journey changes in words; `git log -p` and `git show` compare outlines (add --ext-diff for the sentences)
    "#]]
    .assert_eq(&without_executable(&(first + &second), &sandbox));
    assert_eq!(
        std::fs::read_to_string(sandbox.path(".gitattributes")).unwrap(),
        "*.png binary\n*.journey.json diff=waymark\n"
    );
    let config = git(&sandbox, &["config", "--local", "--get-regexp", "^diff\\.waymark\\."]);
    assert_eq!(
        without_executable(&config, &sandbox),
        "diff.waymark.textconv WAYMARK diff --textconv\ndiff.waymark.command WAYMARK diff --git-external\n"
    );
}

#[test]
fn setup_outside_a_git_work_tree_is_refused() {
    let sandbox = Sandbox::new();
    let output = sandbox.output(&["git", "setup"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: `waymark git setup` must run inside a git work tree"), "{stderr}");
}

#[test]
fn git_diff_prints_the_changes_of_a_journey_as_sentences() {
    let sandbox = repository();
    sandbox.write("journeys/welcome.journey.json", welcome("P3D", "Welcome"));
    expect![[r#"
        journeys/welcome.journey.json: 1 behavioural change, 1 cosmetic change
        behavioural
          Wait "Pause": 2 days → 3 days
        cosmetic
          Message "Hello" renamed to "Welcome"
    "#]]
    .assert_eq(&git(&sandbox, &["diff"]));
}

#[test]
fn git_log_and_show_read_journeys_in_words() {
    let sandbox = repository();
    sandbox.write("journeys/welcome.journey.json", welcome("P3D", "Welcome"));
    git(&sandbox, &["commit", "--quiet", "-am", "Longer pause"]);
    let log = git(&sandbox, &["log", "-p", "--format=commit %s"]);
    expect![[r#"
        commit Longer pause

        diff --git a/journeys/welcome.journey.json b/journeys/welcome.journey.json
        index 9389707..3f63874 100644
        --- a/journeys/welcome.journey.json
        +++ b/journeys/welcome.journey.json
        @@ -1,9 +1,9 @@
         Journey "Welcome" (welcome)
         Re-entry: never
         Entry "start": on event "signed_up"
        -  → "Hello"
        -Message "Hello": Email, marketing, template "tpl_welcome"
        +  → "Welcome"
        +Message "Welcome": Email, marketing, template "tpl_welcome"
           → "Pause"
        -Wait "Pause": 2 days
        +Wait "Pause": 3 days
           → "Done"
         Exit "Done"
        commit Add the welcome journey

        diff --git a/.gitattributes b/.gitattributes
        new file mode 100644
        index 0000000..6d07393
        --- /dev/null
        +++ b/.gitattributes
        @@ -0,0 +1 @@
        +*.journey.json diff=waymark
        diff --git a/journeys/welcome.journey.json b/journeys/welcome.journey.json
        new file mode 100644
        index 0000000..9389707
        --- /dev/null
        +++ b/journeys/welcome.journey.json
        @@ -0,0 +1,9 @@
        +Journey "Welcome" (welcome)
        +Re-entry: never
        +Entry "start": on event "signed_up"
        +  → "Hello"
        +Message "Hello": Email, marketing, template "tpl_welcome"
        +  → "Pause"
        +Wait "Pause": 2 days
        +  → "Done"
        +Exit "Done"
    "#]]
    .assert_eq(&log);
    let show = git(&sandbox, &["show", "--format=commit %s"]);
    assert!(log.starts_with(&show), "git show is the newest commit of git log -p:\n{show}");
    expect![[r#"
        commit Longer pause

        journeys/welcome.journey.json: 1 behavioural change, 1 cosmetic change
        behavioural
          Wait "Pause": 2 days → 3 days
        cosmetic
          Message "Hello" renamed to "Welcome"
    "#]]
    .assert_eq(&git(&sandbox, &["show", "--ext-diff", "--format=commit %s"]));
    for text in [&log, &show] {
        assert!(!text.contains("\"duration\""), "JSON lines in:\n{text}");
    }
}
