//! The corpus of broken specs: each must exit 2 with a located, explained
//! message on stderr and nothing on stdout. What yoy prints for each is a
//! snapshot, so a change in any message is a decision.

use std::path::Path;
use std::process::Command;

fn run(path: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .env_remove("COLUMNS")
        .args(["check", path])
        .env("NO_COLOR", "1")
        .output()
        .expect("yoy runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_broken_spec_exits_2_with_a_located_message() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    insta::glob!("..", "bad_specs/*.yaml", |path| {
        let rel = path
            .strip_prefix(root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned();
        let (code, stdout, stderr) = run(&rel);
        assert_eq!(code, 2, "{rel}: {stderr}");
        assert!(stdout.is_empty(), "{rel}: results on stdout: {stdout}");
        assert!(stderr.contains(&rel), "{rel}: the message names the file");
        assert!(!stderr.contains("panicked"), "{rel}: {stderr}");
        insta::assert_snapshot!(format!("exit: {code}\n{stderr}"));
        count += 1;
    });
    assert!(count >= 60, "only {count} broken specs");
    // The count the docs give is this one.
    let docs = std::fs::read_to_string(root.join("docs/reliability.md")).expect("docs");
    assert!(
        docs.contains(&format!("holds {count} broken specs")),
        "docs/reliability.md should say `tests/bad_specs/` holds {count} broken specs"
    );
}

#[test]
fn an_alias_bomb_is_refused_in_bounded_memory() {
    // Nine levels of nine aliases would expand to 9^9 (387 million) strings.
    // Bounded by memory, never by wall time (a busy machine is slow): its
    // speed is the fuzzing campaign's and the benchmark's business.
    let (code, _, stderr) = run("tests/bad_specs/alias_bomb.yaml");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("alias") || stderr.contains("budget"),
        "{stderr}"
    );
    // Within 64 MiB of heap: with the data segment capped there, an
    // expansion would abort the process instead of exiting 2.
    let capped = Command::new("sh")
        .args(["-c", "ulimit -d 65536 && exec \"$0\" check \"$1\""])
        .arg(env!("CARGO_BIN_EXE_yoy"))
        .arg("tests/bad_specs/alias_bomb.yaml")
        .output()
        .expect("sh runs");
    assert_eq!(
        capped.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&capped.stderr)
    );
}

#[test]
fn a_huge_spec_is_refused_before_it_is_read() {
    let dir = std::env::temp_dir().join(format!("yoy-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("huge.yaml");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(100 * 1024 * 1024).expect("100 MB sparse file");
    // With the heap capped at 64 MiB, reading 100 MB would abort the process.
    let capped = Command::new("sh")
        .args(["-c", "ulimit -d 65536 && exec \"$0\" check \"$1\""])
        .arg(env!("CARGO_BIN_EXE_yoy"))
        .arg(&path)
        .output()
        .expect("sh runs");
    let _ = std::fs::remove_dir_all(&dir);
    let stderr = String::from_utf8_lossy(&capped.stderr);
    assert_eq!(capped.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("more than the 8388608 a spec may have"),
        "{stderr}"
    );
}

#[test]
fn an_endless_spec_is_read_no_further_than_the_limit() {
    // A device reports no size and never ends: the read itself is bounded.
    let capped = Command::new("sh")
        .args(["-c", "ulimit -d 65536 && exec \"$0\" check /dev/zero"])
        .arg(env!("CARGO_BIN_EXE_yoy"))
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&capped.stderr);
    assert_eq!(capped.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("/dev/zero: it holds more than the 8388608 bytes a spec may have"),
        "{stderr}"
    );
}
