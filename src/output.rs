//! Where rendered output goes. A regular file (or a new one) is written
//! atomically: a temporary file with a random name, created exclusively beside
//! the target, then renamed over it, so an interrupted run never leaves a
//! truncated report. A symlink is written through to its target. A FIFO, a
//! character device or a socket (`/dev/stdout`, `>(cmd)`) is written directly,
//! not atomically: it has no place to rename into. No output may be one of the
//! run's inputs or another output of the run, compared as files (device and
//! inode), not as strings.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "refusing to write {path}: it is {what} of this run ({input}); choose another output path"
    )]
    WouldOverwriteInput {
        path: PathBuf,
        what: &'static str,
        input: PathBuf,
    },
    #[error("{first} and {second} are the same file: two outputs of one run need two paths")]
    SharedPath { first: String, second: String },
    #[error("cannot write {path}: it is a directory; give a file path")]
    Directory { path: PathBuf },
    #[error(
        "cannot write {path}: a row file is .csv or .parquet, and `{extension}` is neither; give a path ending in .csv or .parquet"
    )]
    RowFileExtension { path: PathBuf, extension: String },
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// A file as the system knows it: two paths name the same file when these agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    /// The file `path` names, following symlinks; `None` when there is none.
    fn of(path: &Path) -> Option<FileId> {
        let m = fs::metadata(path).ok()?;
        Some(FileId {
            dev: m.dev(),
            ino: m.ino(),
        })
    }

    /// The file open on stdout, if it is one.
    fn stdout() -> Option<FileId> {
        FileId::of(Path::new("/proc/self/fd/1")).or_else(|| FileId::of(Path::new("/dev/stdout")))
    }
}

/// A file the run reads, with what it is to the run ("an input spec", "a dataset").
#[derive(Debug, Clone)]
pub struct Input {
    pub(crate) path: PathBuf,
    pub(crate) what: &'static str,
}

/// Where an output path leads, once symlinks are followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Destination {
    /// The same file as this process's stdout (`-`, or `/dev/stdout` redirected to a file).
    Stdout,
    /// A regular file, existing or new: written atomically at this (resolved) path.
    File(PathBuf),
    /// A FIFO, character device or socket: opened and written directly.
    Stream(PathBuf),
}

/// Most symlinks followed before a path is taken as a loop.
const MAX_LINKS: usize = 40;

/// Where `path` leads: `-` is stdout; a symlink is followed to its target (a
/// dangling one to where its target would be created).
pub(crate) fn destination(path: &Path) -> Result<Destination, OutputError> {
    if path.as_os_str() == "-" {
        return Ok(Destination::Stdout);
    }
    let io_err = |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let meta = match fs::symlink_metadata(&at) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Ok(Destination::File(resolved_new(&at).map_err(io_err)?));
            }
            Err(e) => return Err(io_err(e)),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            // `/dev/stdout` and `/proc/self/fd/N` lead to pipes and terminals
            // that have no path: ask what the link ends at before reading it.
            if let Ok(end) = fs::metadata(&at) {
                let end = end.file_type();
                if end.is_fifo() || end.is_char_device() || end.is_socket() {
                    return Ok(Destination::Stream(path.to_path_buf()));
                }
            }
            let target = fs::read_link(&at).map_err(io_err)?;
            at = match at.parent() {
                Some(parent) if target.is_relative() => parent.join(target),
                _ => target,
            };
            continue;
        }
        if kind.is_dir() {
            return Err(OutputError::Directory {
                path: path.to_path_buf(),
            });
        }
        if kind.is_fifo() || kind.is_char_device() || kind.is_socket() {
            return Ok(Destination::Stream(at));
        }
        if FileId::of(&at).is_some() && FileId::of(&at) == FileId::stdout() {
            return Ok(Destination::Stdout);
        }
        return Ok(Destination::File(at.canonicalize().map_err(io_err)?));
    }
    Err(io_err(io::Error::other(
        "too many levels of symbolic links",
    )))
}

/// The absolute form of a path that does not exist yet (its folder must).
fn resolved_new(path: &Path) -> io::Result<PathBuf> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::other("the path names no file"))?;
    Ok(parent.canonicalize()?.join(name))
}

/// An output of a run, named for messages as the user gave it (`--json r.json`).
#[derive(Debug, Clone)]
pub(crate) struct Planned {
    pub(crate) flag: String,
    pub(crate) path: PathBuf,
}

/// Check a run's outputs before anything is read or written: none is an input
/// (spec, dataset, source text) and no two are the same file (stdout counts as
/// one file).
pub(crate) fn check_plan(outputs: &[Planned], inputs: &[Input]) -> Result<(), OutputError> {
    let input_ids: Vec<(FileId, &Input)> = inputs
        .iter()
        .filter_map(|i| FileId::of(&i.path).map(|id| (id, i)))
        .collect();
    let mut seen: Vec<(Destination, Option<FileId>, String)> = Vec::new();
    for out in outputs {
        let dest = destination(&out.path)?;
        let id = match &dest {
            Destination::Stdout => FileId::stdout(),
            Destination::File(p) | Destination::Stream(p) => FileId::of(p),
        };
        if let Some(id) = id
            && let Some((_, input)) = input_ids.iter().find(|(i, _)| *i == id)
        {
            return Err(OutputError::WouldOverwriteInput {
                path: out.path.clone(),
                what: input.what,
                input: input.path.clone(),
            });
        }
        let name = if out.path.as_os_str() == "-" {
            out.flag.clone()
        } else {
            format!("{} {}", out.flag, out.path.display())
        };
        if let Some((_, _, first)) = seen.iter().find(|(d, i, _)| {
            *d == dest || (id.is_some() && *i == id && !matches!(dest, Destination::Stream(_)))
        }) {
            return Err(OutputError::SharedPath {
                first: first.clone(),
                second: name,
            });
        }
        seen.push((dest, id, name));
    }
    Ok(())
}

/// Temporary files not yet in place, removed if the run is interrupted.
static UNFINISHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Remove every temporary file of this run that is not yet in place (on
/// SIGINT or SIGTERM, before the process ends).
pub(crate) fn remove_unfinished() {
    if let Ok(mut list) = UNFINISHED.lock() {
        for p in list.drain(..) {
            let _ = fs::remove_file(p);
        }
    }
}

fn track(path: &Path) {
    if let Ok(mut list) = UNFINISHED.lock() {
        list.push(path.to_path_buf());
    }
}

fn untrack(path: &Path) {
    if let Ok(mut list) = UNFINISHED.lock() {
        list.retain(|p| p != path);
    }
}

enum Sink {
    /// Written beside the target, renamed into place by `commit`.
    Atomic {
        tmp: tempfile::NamedTempFile,
        target: PathBuf,
    },
    /// Written directly (a FIFO, a device).
    Direct(File),
}

/// A file being written: dropped uncommitted, a temporary is removed and the
/// target left as it was.
pub(crate) struct Pending {
    path: PathBuf,
    sink: Option<Sink>,
}

impl Pending {
    /// Start writing `path`, unless it is one of `inputs`.
    pub(crate) fn create(path: &Path, inputs: &[Input]) -> Result<Self, OutputError> {
        check_plan(
            &[Planned {
                flag: "output".into(),
                path: path.to_path_buf(),
            }],
            inputs,
        )?;
        let io_err = |source| OutputError::Io {
            path: path.to_path_buf(),
            source,
        };
        let sink = match destination(path)? {
            Destination::Stdout => Sink::Direct(
                OpenOptions::new()
                    .append(true)
                    .open("/dev/stdout")
                    .map_err(io_err)?,
            ),
            Destination::Stream(p) => {
                Sink::Direct(OpenOptions::new().write(true).open(p).map_err(io_err)?)
            }
            Destination::File(target) => {
                let dir = target.parent().unwrap_or(Path::new("."));
                let name = target
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                // Exclusive creation with a random name: nothing planted at a
                // predictable name can be followed or block the run.
                let tmp = tempfile::Builder::new()
                    .prefix(&format!(".{name}."))
                    .suffix(".yoy-tmp")
                    .permissions(fs::Permissions::from_mode(0o666))
                    .tempfile_in(dir)
                    .map_err(io_err)?;
                track(tmp.path());
                Sink::Atomic { tmp, target }
            }
        };
        Ok(Pending {
            path: path.to_path_buf(),
            sink: Some(sink),
        })
    }

    /// A handle to write through (several writers may take one in turn).
    pub(crate) fn file(&self) -> Result<File, OutputError> {
        match &self.sink {
            Some(Sink::Atomic { tmp, .. }) => tmp.as_file().try_clone(),
            Some(Sink::Direct(f)) => f.try_clone(),
            None => Err(io::Error::other("the file is closed")),
        }
        .map_err(|e| self.error(e))
    }

    /// The error of writing this file.
    pub(crate) fn error(&self, source: io::Error) -> OutputError {
        OutputError::Io {
            path: self.path.clone(),
            source,
        }
    }

    /// Put the finished file in place.
    pub(crate) fn commit(mut self) -> Result<(), OutputError> {
        match self.sink.take() {
            Some(Sink::Atomic { tmp, target }) => {
                let tmp_path = tmp.path().to_path_buf();
                let result = tmp
                    .as_file()
                    .sync_all()
                    .and_then(|_| tmp.persist(&target).map(|_| ()).map_err(|e| e.error));
                // Kept or removed by now: either way no longer ours to clean.
                untrack(&tmp_path);
                result.map_err(|e| self.error(e))
            }
            Some(Sink::Direct(mut f)) => f.flush().map_err(|e| self.error(e)),
            None => Err(self.error(io::Error::other("the file is closed"))),
        }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(Sink::Atomic { tmp, .. }) = &self.sink {
            untrack(tmp.path());
        }
        // The temporary file removes itself when dropped.
    }
}

/// Write what `render` produces to `path`, all or nothing.
pub(crate) fn write_file(
    path: &Path,
    inputs: &[Input],
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
pub(crate) fn append(path: &Path, text: &str) -> Result<(), OutputError> {
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

/// A row file's path must say its format: `.csv` or `.parquet`.
pub(crate) fn check_row_file(path: &Path) -> Result<(), OutputError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("csv") | Some("parquet") => Ok(()),
        other => Err(OutputError::RowFileExtension {
            path: path.to_path_buf(),
            extension: other.map(|e| format!(".{e}")).unwrap_or_default(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("yoy-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).expect("temp dir");
        d
    }

    fn input(path: &Path) -> Input {
        Input {
            path: path.to_path_buf(),
            what: "an input spec",
        }
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
        assert!(UNFINISHED.lock().expect("lock").is_empty());
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn never_writes_over_an_input_even_by_another_name() {
        let d = dir("input");
        let spec = d.join("spec.yaml");
        fs::write(&spec, "report: {id: x}").expect("write");
        let again = d.join(".").join("spec.yaml");
        let linked = d.join("hard.yaml");
        fs::hard_link(&spec, &linked).expect("hard link");
        let soft = d.join("soft.yaml");
        symlink(&spec, &soft).expect("symlink");
        for other in [&again, &linked, &soft] {
            let r = write_file(other, &[input(&spec)], |w| w.write_all(b"{}"));
            assert!(
                matches!(r, Err(OutputError::WouldOverwriteInput { .. })),
                "{other:?}"
            );
        }
        assert_eq!(fs::read_to_string(&spec).expect("read"), "report: {id: x}");
        let ok = write_file(&d.join("out.json"), &[input(&spec)], |w| w.write_all(b"{}"));
        assert!(ok.is_ok());
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn a_symlink_is_written_through_to_its_target() {
        let d = dir("link");
        let target = d.join("real.json");
        fs::write(&target, "old").expect("write");
        let link = d.join("link.json");
        symlink("real.json", &link).expect("symlink");
        write_file(&link, &[], |w| w.write_all(b"new")).expect("written");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&target).expect("read"), "new");
        // A dangling link: its target is created.
        let dangling = d.join("dangling.json");
        symlink("made.json", &dangling).expect("symlink");
        write_file(&dangling, &[], |w| w.write_all(b"made")).expect("written");
        assert_eq!(
            fs::read_to_string(d.join("made.json")).expect("read"),
            "made"
        );
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn a_fifo_is_written_directly() {
        let d = dir("fifo");
        let fifo = d.join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).expect("read the fifo"))
        };
        write_file(&fifo, &[], |w| w.write_all(b"through the pipe")).expect("written");
        assert_eq!(reader.join().expect("reader"), "through the pipe");
        assert!(
            fs::symlink_metadata(&fifo)
                .expect("meta")
                .file_type()
                .is_fifo(),
            "still a FIFO"
        );
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn two_outputs_may_not_share_a_file() {
        let d = dir("shared");
        let a = d.join("r.json");
        let plan = [
            Planned {
                flag: "--json".into(),
                path: a.clone(),
            },
            Planned {
                flag: "--csv".into(),
                path: d.join(".").join("r.json"),
            },
        ];
        let r = check_plan(&plan, &[]);
        assert!(matches!(r, Err(OutputError::SharedPath { .. })), "{r:?}");
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn temporary_names_are_random_and_a_planted_link_is_not_followed() {
        let d = dir("planted");
        let victim = d.join("victim");
        fs::write(&victim, "keep").expect("write");
        // The old predictable name, planted as a link to a file to protect.
        symlink(
            &victim,
            d.join(format!(".r.json.yoy-tmp-{}", std::process::id())),
        )
        .expect("symlink");
        write_file(&d.join("r.json"), &[], |w| w.write_all(b"{}")).expect("written");
        assert_eq!(fs::read_to_string(&victim).expect("read"), "keep");
        assert_eq!(fs::read_to_string(d.join("r.json")).expect("read"), "{}");
        let _ = fs::remove_dir_all(&d);
    }

    #[test]
    fn row_files_are_csv_or_parquet() {
        assert!(check_row_file(Path::new("rows.csv")).is_ok());
        assert!(check_row_file(Path::new("rows.PARQUET")).is_ok());
        assert!(check_row_file(Path::new("rows.parquet.gz")).is_err());
        assert!(check_row_file(Path::new("rows")).is_err());
    }
}
