//! Tests that read the project's shared material (`../shared`, beside the
//! checkout) run only where it is: without it, cargo lists them as ignored,
//! "SKIPPED: needs ../shared", rather than passing having checked nothing.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_material)");
    println!("cargo::rerun-if-changed=../shared/seed");
    if std::path::Path::new("../shared/seed/000_cc7168cccc206e54.txt").exists() {
        println!("cargo::rustc-cfg=shared_material");
    }
}
