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

/// A file being written: a temporary file beside the target until `commit`
/// renames it into place; dropped uncommitted, the temporary is removed and
/// the target is left as it was.
pub struct Pending {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<File>,
}

impl Pending {
    /// Start writing `path`, unless it is one of `inputs`.
    pub fn create(path: &Path, inputs: &[PathBuf]) -> Result<Self, OutputError> {
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
        let file = File::create(&tmp).map_err(io_err)?;
        Ok(Pending {
            path: path.to_path_buf(),
            tmp,
            file: Some(file),
        })
    }

    /// A handle to write through (several writers may take one in turn).
    pub fn file(&self) -> Result<File, OutputError> {
        self.file
            .as_ref()
            .ok_or_else(|| io::Error::other("the file is closed"))
            .and_then(|f| f.try_clone())
            .map_err(|e| self.error(e))
    }

    /// The error of writing this file.
    pub fn error(&self, source: io::Error) -> OutputError {
        OutputError::Io {
            path: self.path.clone(),
            source,
        }
    }

    /// Put the finished file in place.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let result = match self.file.take() {
            Some(file) => file
                .sync_all()
                .and_then(|_| fs::rename(&self.tmp, &self.path)),
            None => Err(io::Error::other("the file is closed")),
        };
        result.map_err(|e| self.error(e))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.file.is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Write what `render` produces to `path`, all or nothing.
pub fn write_file(
    path: &Path,
    inputs: &[PathBuf],
    render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), OutputError> {
    let pending = Pending::create(path, inputs)?;
    let mut w = BufWriter::new(pending.file()?);
    render(&mut w)
        .and_then(|_| w.flush())
        .map_err(|e| pending.error(e))?;
    drop(w);
    pending.commit()
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
