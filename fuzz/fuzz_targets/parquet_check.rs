//! Fuzz target: any bytes as a Parquet dataset, through yoy's checks of the
//! file and Polars' reading of it, to the panel's verdicts. It must never
//! panic past yoy's guard, abort or hang; errors are fine. Seed it with
//! `datasets/panel.parquet` and the files under `tests/panels/typed/`.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("yoy-fuzz-parquet-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let file = dir.join("data.parquet");
    if std::fs::write(&file, data).is_err() {
        return;
    }
    let spec_path: PathBuf = dir.join("fuzz.yaml");
    // Both shapes of the shipped panels: a change per row, and a share.
    for text in [
        "report: {id: f}\ndatasets:\n  d: {path: data.parquet, series: [indicator, region], year: year, value: value, stated_change: {column: stated_pct, decimals: 1}}\n",
        "report: {id: f}\ndatasets:\n  d: {path: data.parquet, series: [indicator], year: year, value: value, stated_change: {column: stated_pct, decimals: 1}}\n",
    ] {
        let Ok(spec) = yoy::spec::parse(&spec_path, text) else {
            continue;
        };
        for ds in &spec.datasets {
            let options = yoy::engine::panel::PanelOptions {
                listed: 10,
                ..Default::default()
            };
            let _ = yoy::engine::panel::check(ds, &options, &mut |_| {});
        }
    }
});
