//! Rules of the code's layout that a reviewer would otherwise have to check.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("list src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn polars_is_imported_only_inside_the_engine() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    assert!(files.len() > 30, "found {} files", files.len());
    let engine = root.join("src").join("engine");
    let mut outside = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read");
        let uses = text.lines().any(|l| {
            let l = l.trim_start();
            !l.starts_with("//") && (l.contains("polars::") || l.contains("polars_io::"))
        });
        if uses && !f.starts_with(&engine) {
            outside.push(f.strip_prefix(root).unwrap_or(f).display().to_string());
        }
    }
    assert!(
        outside.is_empty(),
        "Polars is used outside src/engine/: {outside:?}"
    );
}

#[test]
fn every_module_says_what_it_owns() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let silent: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.strip_prefix(root).unwrap_or(f).display().to_string())
        .collect();
    assert!(
        silent.is_empty(),
        "modules without a `//!` line: {silent:?}"
    );
}

/// The code map in docs/architecture.md names every module under `src/`
/// (a file or a folder), so a new one cannot be left out of it.
#[test]
fn the_code_map_names_every_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = std::fs::read_to_string(root.join("docs/architecture.md")).expect("docs");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root.join("src")).expect("src") {
        let path = entry.expect("entry").path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let named = if path.is_dir() {
            format!("src/{name}/")
        } else if name == "lib.rs" {
            continue; // the crate root: `mod` lines only
        } else {
            format!("src/{name}")
        };
        if !map.contains(&named) {
            missing.push(named);
        }
    }
    assert!(
        missing.is_empty(),
        "docs/architecture.md does not name {missing:?}"
    );
}
