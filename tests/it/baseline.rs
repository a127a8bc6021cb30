//! Runs against a baseline, and `yoy diff` between two runs.

use crate::common::*;
use std::fs;

#[test]
fn a_baseline_fails_only_what_is_new_or_changed() {
    let d = temp_dir("baseline");
    let spec = d.join("wrong.yaml");
    fs::copy("tests/specs/wrong.yaml", &spec).expect("copy");
    let s = |p: &std::path::Path| p.to_string_lossy().into_owned();
    let base = d.join("base.json");
    let r = yoy(&["check", &s(&spec), "--json", &s(&base)]);
    assert_eq!(r.code, 1, "the claim fails");
    // The same failure, known: the run passes.
    let r = yoy(&["check", &s(&spec), "--baseline", &s(&base)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("0 failing finding(s) new or changed"),
        "{}",
        r.stderr
    );
    // The run may update its own baseline (read before it is written).
    let r = yoy(&[
        "check",
        &s(&spec),
        "--baseline",
        &s(&base),
        "--json",
        &s(&base),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A moved figure is a change: the run fails, and diff says so.
    let text = fs::read_to_string(&spec)
        .expect("read")
        .replace("\"+25%\"", "\"+26%\"");
    fs::write(&spec, text).expect("write");
    let new = d.join("new.json");
    let r = yoy(&[
        "check",
        &s(&spec),
        "--baseline",
        &s(&base),
        "--json",
        &s(&new),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let r = yoy(&["diff", &s(&base), &s(&new)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!(r.stdout.replace(&s(&d), "DIR"));
    // A baseline that is not a yoy report is refused, with what to give.
    let r = yoy(&["check", &s(&spec), "--baseline", &s(&spec)]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("is not a yoy JSON report"),
        "{}",
        r.stderr
    );
    let _ = fs::remove_dir_all(&d);
}
