//! Files and paths a user hands yoy that are not what they seem: outputs that
//! are symlinks, FIFOs, devices, stdout or an input; datasets that are FIFOs
//! or cut short while read; runs interrupted or cut off from their reader.
//! None may crash yoy, overwrite an input, or leave a temporary file.

mod common;
use common::*;

use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::{FileTypeExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the example spec in `dir`.
fn example(dir: &Path) -> PathBuf {
    let spec = dir.join("example.yaml");
    fs::copy(root().join("specs/example.yaml"), &spec).expect("copy");
    spec
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("yoy-tmp"))
        .collect()
}

#[test]
fn a_dash_means_stdout() {
    let d = temp_dir("dash");
    let spec = example(&d);
    let r = yoy(&["check", s(&spec), "--json", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    assert_eq!(v["command"], "check");
    assert!(!d.join("-").exists(), "no file named -");
    let r = yoy(&["check", s(&spec), "--json", "-", "--format", "csv"]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr.replace(s(&d), "DIR"));
}

#[test]
fn two_outputs_may_not_share_a_file() {
    let d = temp_dir("shared");
    let spec = example(&d);
    let a = d.join("r.json");
    let b = d.join(".").join("r.json");
    let r = yoy(&["check", s(&spec), "--json", s(&a), "--csv", s(&b)]);
    assert_eq!(r.code, 2);
    assert!(!a.exists(), "nothing written");
    insta::assert_snapshot!(r.stderr.replace(s(&d), "DIR"));
}

#[test]
fn no_output_may_be_an_input_compared_as_files() {
    let d = temp_dir("inputs");
    let spec = example(&d);
    let before = fs::read_to_string(&spec).expect("read");
    let hard = d.join("hard.yaml");
    fs::hard_link(&spec, &hard).expect("hard link");
    for out in [spec.clone(), d.join(".").join("example.yaml"), hard] {
        let r = yoy(&["check", s(&spec), "--markdown", s(&out)]);
        assert_eq!(r.code, 2, "{out:?}: {}", r.stderr);
        assert!(r.stderr.contains("it is an input spec"), "{}", r.stderr);
    }
    assert_eq!(fs::read_to_string(&spec).expect("read"), before);
    // The dataset of a panel, as a report or as a row file.
    let panel = d.join("panel.yaml");
    fs::write(
        &panel,
        fs::read_to_string(root().join("specs/panel.yaml"))
            .expect("read")
            .replace("../datasets/panel.csv", "panel.csv"),
    )
    .expect("write");
    let data = d.join("panel.csv");
    fs::copy(root().join("datasets/panel.csv"), &data).expect("copy");
    let size = fs::metadata(&data).expect("meta").len();
    for flag in ["--csv", "--rows", "--inconsistent-rows"] {
        let r = yoy(&["check", s(&panel), flag, s(&data)]);
        assert_eq!(r.code, 2, "{flag}: {}", r.stderr);
        assert!(r.stderr.contains("it is a dataset"), "{}", r.stderr);
    }
    assert_eq!(fs::metadata(&data).expect("meta").len(), size);
    // A report's source text.
    let sourced = d.join("sourced.yaml");
    fs::write(
        &sourced,
        "report: {id: s, source: text.txt}\nindicators:\n  a: {values: {2020: 1}}\n",
    )
    .expect("write");
    fs::write(d.join("text.txt"), "one").expect("write");
    let r = yoy(&["check", s(&sourced), "--json", s(&d.join("text.txt"))]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("source text"), "{}", r.stderr);
    assert_eq!(fs::read_to_string(d.join("text.txt")).expect("read"), "one");
}

#[test]
fn a_symlink_is_written_through_and_stays_a_symlink() {
    let d = temp_dir("symlink");
    let spec = example(&d);
    let link = d.join("link.json");
    symlink("real.json", &link).expect("symlink");
    let r = yoy(&["check", s(&spec), "--json", s(&link)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(d.join("real.json")).expect("read"))
            .expect("JSON");
    assert_eq!(v["command"], "check");
}

#[test]
fn a_fifo_and_a_device_are_written_directly() {
    let d = temp_dir("fifo");
    let spec = example(&d);
    let fifo = d.join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).expect("read the fifo"))
    };
    let r = yoy(&["check", s(&spec), "--junit", s(&fifo)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let got = reader.join().expect("reader");
    assert!(got.starts_with("<?xml"), "{got}");
    assert!(
        fs::symlink_metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo()
    );
    // /dev/null stays a device.
    let r = yoy(&["check", s(&spec), "--sarif", "/dev/null"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        fs::metadata("/dev/null")
            .expect("meta")
            .file_type()
            .is_char_device()
    );
    // /dev/stdout, a pipe here: the JSON and the table share it.
    let r = yoy(&["check", s(&spec), "--json", "/dev/stdout"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("{"), "{}", r.stdout);
    assert!(r.stdout.contains("3 claims: 2 consistent"), "{}", r.stdout);
    assert!(
        fs::symlink_metadata("/dev/stdout")
            .expect("meta")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_dataset_that_is_not_a_regular_file_is_refused() {
    let d = temp_dir("fifo-dataset");
    let fifo = d.join("panel.csv");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let spec = d.join("panel.yaml");
    fs::write(
        &spec,
        fs::read_to_string(root().join("specs/panel.yaml"))
            .expect("read")
            .replace("../datasets/panel.csv", "panel.csv"),
    )
    .expect("write");
    let r = yoy(&["check", s(&spec)]);
    assert_eq!(r.code, 2);
    insta::assert_snapshot!(r.stderr.replace(s(&d), "DIR"));
}

#[test]
fn row_files_are_csv_or_parquet() {
    let r = yoy(&["check", "specs/panel.yaml", "--rows", "rows.parquet.gz"]);
    assert_eq!(r.code, 2);
    assert!(!Path::new("rows.parquet.gz").exists());
    insta::assert_snapshot!(r.stderr);
}

#[test]
fn a_full_disk_is_an_error_and_a_closed_pipe_is_not() {
    let full = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["check", "specs/example.yaml"])
        .env("NO_COLOR", "1")
        .stdout(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .expect("/dev/full"),
        )
        .output()
        .expect("runs");
    assert_eq!(full.status.code(), Some(2));
    insta::assert_snapshot!(String::from_utf8_lossy(&full.stderr));
    // A reader that reads one byte and leaves, on a report bigger than the pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["check", "specs/dgsn-2024.yaml", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let mut one = [0u8; 1];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut one)
        .expect("a byte");
    let out = child.wait_with_output().expect("ends");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A panel of about `rows` rows in `d`: its spec and its file.
fn big_panel(d: &Path, rows: usize) -> (PathBuf, PathBuf) {
    let data = d.join("big.csv");
    let mut w = std::io::BufWriter::new(fs::File::create(&data).expect("create"));
    writeln!(w, "indicator,region,year,value,stated_pct").expect("write");
    let series = rows / 20;
    for s in 0..series {
        for y in 0..20 {
            writeln!(
                w,
                "ind{},reg{},{},{},1.0",
                s % 50,
                s / 50,
                2000 + y,
                100 + y
            )
            .expect("write");
        }
    }
    w.flush().expect("flush");
    let spec = d.join("big.yaml");
    fs::write(
        &spec,
        fs::read_to_string(root().join("specs/panel.yaml"))
            .expect("read")
            .replace("../datasets/panel.csv", "big.csv"),
    )
    .expect("write");
    (spec, data)
}

/// Wait (bounded) until `ready` holds, polling.
fn wait_for(mut ready: impl FnMut() -> bool) -> bool {
    for _ in 0..20_000 {
        if ready() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    false
}

#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    let d = temp_dir("sigterm");
    let (spec, _) = big_panel(&d, 1_000_000);
    let rows = d.join("rows.csv");
    let child = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["check", s(&spec), "--rows", s(&rows)])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let pid = child.id().to_string();
    let started = wait_for(|| !temporaries(&d).is_empty());
    let _ = Command::new("kill").args(["-TERM", &pid]).status();
    let out = child.wait_with_output().expect("ends");
    assert!(started, "the row file's temporary file appears");
    assert_eq!(
        out.status.code(),
        Some(143),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(temporaries(&d), Vec::<String>::new());
    assert!(!rows.exists());
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn a_dataset_cut_short_while_read_is_an_error_not_a_crash() {
    let d = temp_dir("sigbus");
    let (spec, data) = big_panel(&d, 3_000_000);
    let rows = d.join("rows.csv");
    let child = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .args(["check", s(&spec), "--rows", s(&rows)])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let maps = format!("/proc/{}/maps", child.id());
    let name = s(&data).to_string();
    // Polars maps the file for an instant to read its header; yoy's own map
    // lasts while the rows are parsed: wait until a map has stayed a while.
    let mut seen = 0;
    let mapped = wait_for(|| {
        let now = fs::read_to_string(&maps).is_ok_and(|m| m.contains(&name));
        seen = if now { seen + 1 } else { 0 };
        seen >= 10
    });
    assert!(mapped, "yoy maps the CSV file");
    fs::OpenOptions::new()
        .write(true)
        .open(&data)
        .and_then(|f| f.set_len(100))
        .expect("cut the file short");
    let out = child.wait_with_output().expect("ends");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("was cut short by another program while yoy read it"),
        "{stderr}"
    );
    assert_eq!(temporaries(&d), Vec::<String>::new());
    let _ = fs::remove_dir_all(&d);
}
