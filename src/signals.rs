//! What a signal does to a run. SIGINT and SIGTERM remove the temporary files
//! of outputs not yet in place, then end the run (exit 130 or 143). A mapped
//! dataset cut short by another program while yoy reads it raises SIGBUS at
//! the read; instead of dying with it, the run says which file changed and
//! ends with exit 2, its temporary files removed.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by the SIGBUS handler: the SIGTERM that follows is a changed file.
static BUS: AtomicBool = AtomicBool::new(false);

/// The file being read through a map, named in the message a SIGBUS gives.
static MAPPED: Mutex<Option<String>> = Mutex::new(None);

/// Say which file is being read through a map (`None` when none is).
pub(crate) fn mapping(path: Option<&Path>) {
    if let Ok(mut m) = MAPPED.lock() {
        *m = path.map(|p| p.display().to_string());
    }
}

/// Install the handlers; without them (if the system refuses) a run still
/// works, only an interrupted one may leave a temporary file.
pub fn install() {
    use signal_hook::consts::{SIGBUS, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    // A SIGBUS stops the thread that faulted where it is (it cannot go on
    // reading memory that is gone) and hands the ending to the thread below,
    // which may take locks and remove files as a signal handler may not.
    // SAFETY: the action only stores to an atomic, raises a signal and
    // pauses, all async-signal-safe.
    let bus = unsafe {
        signal_hook::low_level::register(SIGBUS, || {
            BUS.store(true, Ordering::SeqCst);
            let _ = signal_hook::low_level::raise(SIGTERM);
            loop {
                libc::pause();
            }
        })
    };
    let bus_handled = bus.is_ok();
    let spawned = std::thread::Builder::new()
        .name("yoy-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                crate::output::remove_unfinished();
                if bus_handled && BUS.load(Ordering::SeqCst) {
                    let file = MAPPED
                        .lock()
                        .ok()
                        .and_then(|m| m.clone())
                        .unwrap_or_else(|| "a dataset".into());
                    eprintln!(
                        "error: {file} was cut short by another program while yoy read it; run again once the file is complete"
                    );
                    std::process::exit(2);
                }
                std::process::exit(128 + signal);
            }
        });
    drop(spawned);
}
