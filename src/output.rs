//! Where rendered output goes: stdout, or files written atomically (a temporary
//! file beside the target, then a rename), so an interrupted run never leaves a
//! truncated report; and never over one of the run's own input files.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "refusing to write {path}: it is one of this run's input specs; choose another output path"
    )]
    WouldOverwriteInput { path: PathBuf },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// The absolute form of `path`, resolving its parent even if the file does not exist yet.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

/// Write what `render` produces to `path`, all or nothing.
pub fn write_file(
    path: &Path,
    inputs: &[PathBuf],
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), OutputError> {
    let target = resolved(path);
    if target.is_some() && inputs.iter().any(|i| resolved(i) == target) {
        return Err(OutputError::WouldOverwriteInput {
            path: path.to_path_buf(),
        });
    }
    let io_err = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let name = path
        .file_name()
        .ok_or_else(|| io_err(io::Error::other("the path names no file")))?;
    let tmp = path.with_file_name(format!(
        ".{}.yoy-tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut w = BufWriter::new(File::create(&tmp)?);
        render(&mut w)?;
        let file = w.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(io_err(e));
    }
    Ok(())
}

/// Append text to a file that another program reads as it grows (a CI job summary).
pub fn append(path: &Path, text: &str) -> Result<(), OutputError> {
    let io_err = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut f = fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(io_err)?;
    f.write_all(text.as_bytes()).map_err(io_err)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("yoy-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).expect("temp dir");
        d
    }

    #[test]
    fn a_failed_render_leaves_the_old_file_and_no_temporary() {
        let d = dir("fail");
        let target = d.join("report.json");
        fs::write(&target, "old").expect("write");
        let r = write_file(&target, &[], |w| {
            w.write_all(b"half a rep")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(r.is_err());
        assert_eq!(fs::read_to_string(&target).expect("read"), "old");
        assert_eq!(
            fs::read_dir(&d).expect("list").count(),
            1,
            "no temporary file left"
        );
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn never_writes_over_an_input() {
        let d = dir("input");
        let spec = d.join("spec.yaml");
        fs::write(&spec, "report: {id: x}").expect("write");
        let again = d.join(".").join("spec.yaml");
        let r = write_file(&again, std::slice::from_ref(&spec), |w| w.write_all(b"{}"));
        assert!(matches!(r, Err(OutputError::WouldOverwriteInput { .. })));
        assert_eq!(fs::read_to_string(&spec).expect("read"), "report: {id: x}");
        let ok = write_file(&d.join("out.json"), &[spec], |w| w.write_all(b"{}"));
        assert!(ok.is_ok());
        let _ = fs::remove_dir_all(&d);
    }
}
