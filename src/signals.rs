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
    use signal_hook::consts::{SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM]) else {
        return;
    };
    // A SIGBUS stops the thread that faulted where it is (it cannot go on
    // reading memory that is gone) and hands the ending to the thread below,
    // which may take locks and remove files as a signal handler may not. The
    // handler is installed with `sigaction` itself, not chained: Rust's own
    // SIGBUS handler (for stack overflows) would reset the signal to its
    // default on the first fault, and a second worker faulting then would
    // kill the process after all.
    let bus_handled = install_bus_handler();
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

/// What a SIGBUS does: only async-signal-safe steps (an atomic store, a
/// signal raised, a pause that never ends); the signals thread ends the run.
extern "C" fn on_bus(_: libc::c_int) {
    BUS.store(true, Ordering::SeqCst);
    // SAFETY: `raise` and `pause` are async-signal-safe.
    unsafe {
        libc::raise(libc::SIGTERM);
        loop {
            libc::pause();
        }
    }
}

fn install_bus_handler() -> bool {
    // SAFETY: a zeroed `sigaction` is a valid empty one; the handler is an
    // `extern "C"` function that only does async-signal-safe things.
    unsafe {
        let mut action: libc::sigaction = std::mem::zeroed();
        action.sa_sigaction = on_bus as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::sigemptyset(&mut action.sa_mask);
        libc::sigaction(libc::SIGBUS, &action, std::ptr::null_mut()) == 0
    }
}
