//! Fuzz target: any bytes as a spec, through loading, checking and every output.
//! It must never panic; errors are fine.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(spec) = yoy::spec::parse(Path::new("fuzz.yaml"), text) else {
        return;
    };
    let Ok(series) = yoy::engine::compare(&spec) else {
        return;
    };
    let Ok(claims) = yoy::engine::check(&spec) else {
        return;
    };
    let checked = [yoy::findings::Checked::new("fuzz.yaml".into(), yoy::findings::ReportMeta { id: spec.report.id.clone(), title: None, year: None, source: None, publisher: None }, claims, series)];
    let run = yoy::report::html::Run { command: "yoy check fuzz.yaml".into(), date: "2026-01-01".into() };
    let view = yoy::report::CheckView { checked: &checked, unverifiable_fails: true, questionable_fails: true, not_encoded_fails: true, verbose: true, color: false, run: &run, sarif_root: None, sarif_help: None, width: 100 };
    use yoy::report::Format::*;
    for format in [Table, Json, Csv, Markdown, Junit, Github, Sarif, Html] {
        let _ = yoy::report::render_check(format, &view, &mut std::io::sink());
    }
    for f in &checked[0].claims {
        let _ = yoy::report::explain::claim("fuzz.yaml", f, &mut std::io::sink());
    }
});
