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
    let _ = yoy::engine::compare(&spec);
    if let Ok(claims) = yoy::engine::check(&spec) {
        let summary = yoy::findings::Summary::of(&claims);
        let checked = [yoy::findings::Checked {
            spec: "fuzz.yaml".into(),
            report: yoy::findings::ReportMeta { id: spec.report.id.clone(), title: None, year: None, source: None },
            summary,
            claims,
        }];
        let mut sink = Vec::new();
        for format in [yoy::report::Format::Table, yoy::report::Format::Json] {
            let _ = yoy::report::render_check(format, &checked, false, &mut sink);
        }
    }
});
