//! Files and paths a user hands yoy that are not what they seem: outputs that
//! are symlinks, FIFOs, devices, stdout or an input; datasets that are FIFOs
//! or cut short while read; runs interrupted or cut off from their reader.
//! None may crash yoy, overwrite an input, or leave a temporary file.

use crate::common::*;

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
        "report: {id: s, source: text.txt, year: 2020}\nindicators:\n  a: {values: {2020: 1}}\n  b: {values: {2020: 2}}\nclaims:\n  - {id: c, subset: a, of: b}\n",
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
        .env_remove("COLUMNS")
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
        .env_remove("COLUMNS")
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
        .env_remove("COLUMNS")
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
    let (spec, data) = big_panel(&d, 4_000_000);
    let rows = d.join("rows.csv");
    let child = Command::new(env!("CARGO_BIN_EXE_yoy"))
        .env_remove("COLUMNS")
        .args(["check", s(&spec), "--rows", s(&rows)])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let maps = format!("/proc/{}/maps", child.id());
    let name = s(&data).to_string();
    // Polars maps the file for an instant to read its header; yoy's own map
    // lasts while the rows are parsed (seconds here): wait until a map has
    // stayed a quarter of a second, however slowly this machine polls.
    let mut since: Option<std::time::Instant> = None;
    let mapped = wait_for(|| {
        let now = fs::read_to_string(&maps).is_ok_and(|m| m.contains(&name));
        if !now {
            since = None;
            return false;
        }
        since
            .get_or_insert_with(std::time::Instant::now)
            .elapsed()
            .as_millis()
            >= 250
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

/// A small deterministic generator (xorshift), so the corruptions are the
/// same on every run.
struct Xorshift(u64);

impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn a_corrupt_parquet_file_is_an_error_never_a_crash() {
    let d = temp_dir("corrupt-parquet");
    let good = fs::read(root().join("datasets/panel.parquet")).expect("the shipped Parquet panel");
    let spec_path = d.join("panel.yaml");
    let text = "report: {id: p}\ndatasets:\n  p: {path: data.parquet, series: [indicator, region], year: year, value: value, stated_change: {column: stated_pct, decimals: 1}}\n";
    let spec = yoy::spec::parse(&spec_path, text).expect("spec");
    let ds = &spec.datasets[0];
    let options = yoy::engine::panel::PanelOptions {
        listed: 10,
        ..Default::default()
    };
    let mut rng = Xorshift(0x9e3779b97f4a7c15);
    let footer_from = good.len().saturating_sub(2048);
    // The reported case first: byte 55385, 0x08 -> 0x18, panicked in the
    // metadata decoder.
    let mut cases: Vec<Vec<u8>> = Vec::new();
    let mut reported = good.clone();
    reported[55385] = 0x18;
    cases.push(reported);
    // More with YOY_CORRUPTIONS=N (a longer campaign than a test run wants).
    let count: usize = std::env::var("YOY_CORRUPTIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(400);
    for i in 0..count {
        let mut bad = good.clone();
        let edits = 1 + (rng.next() % 3) as usize;
        for _ in 0..edits {
            // Half in the footer (metadata), half anywhere (pages).
            let at = if i % 2 == 0 {
                footer_from + (rng.next() as usize) % (good.len() - footer_from)
            } else {
                (rng.next() as usize) % good.len()
            };
            bad[at] = rng.next() as u8;
        }
        cases.push(bad);
    }
    // Cut short at many lengths.
    for cut in [
        0,
        3,
        4,
        11,
        12,
        100,
        good.len() / 2,
        good.len() - 9,
        good.len() - 1,
    ] {
        cases.push(good[..cut].to_vec());
    }
    let mut refused = 0;
    for (i, bytes) in cases.iter().enumerate() {
        fs::write(d.join("data.parquet"), bytes).expect("write");
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            yoy::engine::panel::check(ds, &options, &mut |_| {})
        }));
        match outcome {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                refused += 1;
                let text = e.to_string();
                assert!(text.contains("data.parquet"), "case {i}: {text}");
            }
            Err(_) => panic!("case {i}: a panic escaped yoy's guard"),
        }
    }
    assert!(refused >= 100, "only {refused} of {} refused", cases.len());
    // The reported case, end to end: exit 2 with a message.
    fs::write(d.join("data.parquet"), &cases[0]).expect("write");
    fs::write(&spec_path, text).expect("write");
    let r = yoy(&["check", s(&spec_path)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    insta::assert_snapshot!(r.stderr.replace(s(&d), "DIR"));
    let _ = fs::remove_dir_all(&d);
}

/// What no line of a terminal, CI-log or Markdown output may hold: a terminal
/// escape, a bell, a reordering mark, or a start that a CI runner obeys.
fn assert_inert(format: &str, out: &str) {
    for bad in ['\u{1b}', '\u{7}', '\u{202e}', '\u{9b}'] {
        assert!(!out.contains(bad), "{format}: {bad:?} in\n{out}");
    }
    for line in out.lines() {
        // Ours: an annotation at the spec, or at a row of its dataset.
        let ours = format == "github"
            && (line.starts_with("::error file=tests/hostile/text.yaml,")
                || line.starts_with("::warning file=tests/hostile/text.yaml,")
                || line.starts_with("::error file=tests/hostile/keys.csv,line=")
                || line.starts_with("::notice title=yoy::"));
        assert!(
            ours || !(line.starts_with("::") || line.starts_with("##[")),
            "{format}: a line a CI runner would obey: {line}"
        );
    }
}

#[test]
fn hostile_text_is_shown_never_obeyed_in_every_format() {
    let spec = "tests/hostile/text.yaml";
    for format in [
        "table", "markdown", "github", "csv", "junit", "sarif", "json",
    ] {
        let r = yoy(&["check", spec, "--format", format]);
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        match format {
            "table" | "markdown" | "github" => assert_inert(format, &r.stdout),
            "csv" => {
                assert!(!r.stdout.contains('\u{1b}'), "{}", r.stdout);
                // The key holds "|": quoted in the series key, so no cell
                // starts with the formula; none starts with "+" bare.
                assert!(r.stdout.contains("\"\"+cmd|"), "{}", r.stdout);
                assert!(!r.stdout.contains(",+cmd"), "{}", r.stdout);
                assert!(r.stdout.contains(",'@SUM(A1)"), "{}", r.stdout);
            }
            "junit" => {
                roxmltree::Document::parse(&r.stdout).expect("JUnit is XML");
            }
            _ => {
                serde_json::from_str::<serde_json::Value>(&r.stdout).expect("JSON");
            }
        }
        if format == "markdown" {
            // Raw HTML or a link only inside a code span (a claim's heading),
            // where Markdown shows it as text.
            for line in r.stdout.lines().filter(|l| !l.starts_with("### `")) {
                let line = line.replace("\\]", "");
                for raw in ["<script", "<img", "<b>", "](http"] {
                    assert!(!line.contains(raw), "markdown keeps {raw}: {line}");
                }
            }
        }
        insta::assert_snapshot!(format!("hostile_text_{format}"), r.stdout);
    }
    let r = yoy(&["explain", spec, "wrong_change"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_inert("explain", &r.stdout);
    insta::assert_snapshot!("hostile_text_explain", r.stdout);
    // The job summary is Markdown appended to a file GitHub renders.
    let d = temp_dir("hostile-summary");
    let summary = d.join("summary.md");
    let r = yoy_env(
        &["check", spec, "--format", "github"],
        &[("GITHUB_STEP_SUMMARY", s(&summary))],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let text = fs::read_to_string(&summary).expect("summary");
    assert_inert("summary", &text);
    for raw in ["<script", "<b>"] {
        assert!(!text.contains(raw), "summary keeps {raw}:\n{text}");
    }
    // Every table row has its four cells: no `|` or newline in a key breaks one.
    for line in text.lines().filter(|l| l.starts_with("| tests/")) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 5, "{line}");
    }
    insta::assert_snapshot!("hostile_text_job_summary", text);
    // Row files: the keys a spreadsheet would run get a leading '.
    let rows = d.join("rows.csv");
    let r = yoy(&["check", spec, "--rows", s(&rows)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let text = fs::read_to_string(&rows).expect("rows");
    assert!(text.contains("\"'=HYPERLINK("), "{text}");
    assert!(text.contains("'+cmd|"), "{text}");
    assert!(text.contains("'@SUM(A1)"), "{text}");
    assert!(!text.contains("\n=HYPERLINK"), "{text}");
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn a_footer_that_asks_for_45_gb_is_refused_before_polars_reads_it() {
    // Found by the Parquet fuzz target: a corrupt list count in the footer
    // made Polars' decoder reserve 45 GB and abort the process (no
    // catch_unwind stops an allocation failure). yoy walks the footer first
    // (engine/panel/thrift.rs): exit 2 and a message, nothing allocated.
    let d = temp_dir("footer");
    fs::copy(
        root().join("tests/hostile/footer_asks_45_gb.parquet"),
        d.join("data.parquet"),
    )
    .expect("copy");
    let spec = d.join("p.yaml");
    fs::write(
        &spec,
        "report: {id: p}\ndatasets:\n  p: {path: data.parquet, series: [indicator, region], year: year, value: value, stated_change: {column: stated_pct, decimals: 1}}\n",
    )
    .expect("write");
    let r = yoy(&["check", s(&spec)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("its metadata does not decode"),
        "{}",
        r.stderr
    );
    let _ = fs::remove_dir_all(&d);
}
