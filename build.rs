//! Tests that need what a checkout may lack run only where it is: without
//! it, cargo lists them as ignored ("SKIPPED: ...") rather than passing
//! having checked nothing. The project's shared material (`../shared`,
//! beside the checkout), DuckDB's Python package (for the SQL `yoy sql`
//! writes) and Chromium (the HTML report in a browser); `.ci/run` installs
//! both.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_material)");
    println!("cargo::rustc-check-cfg=cfg(duckdb_python)");
    println!("cargo::rustc-check-cfg=cfg(chromium)");
    println!("cargo::rerun-if-changed=../shared/seed");
    println!("cargo::rerun-if-env-changed=YOY_REDETECT");
    if std::path::Path::new("../shared/seed/000_cc7168cccc206e54.txt").exists() {
        println!("cargo::rustc-cfg=shared_material");
    }
    let duckdb = std::process::Command::new("python3")
        .args(["-c", "import duckdb"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if duckdb {
        println!("cargo::rustc-cfg=duckdb_python");
    }
    let chromium = std::process::Command::new("chromium")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if chromium {
        println!("cargo::rustc-cfg=chromium");
    }
}
