//! The last resort behind yoy's own checks of a file: a panic inside Polars
//! (a corrupt file can reach one that no check of ours foresaw) is caught and
//! becomes an error the caller names, instead of a crash with exit 101. While
//! a guarded call runs, the panic's message is kept for that error rather
//! than printed.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

/// Guarded calls running now (on any thread).
static GUARDED: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// Whether this thread is inside a guarded call.
    static INSIDE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a panic on this thread belongs to a guarded call: the caller's own
/// thread, or a worker that Polars (its pools, its async executor, tokio) or
/// yoy (unnamed scoped threads) runs for it. Any other thread (a test's, say)
/// keeps Rust's own message.
fn belongs_to_a_guard() -> bool {
    if INSIDE.with(|i| i.get()) {
        return true;
    }
    if GUARDED.load(Ordering::SeqCst) == 0 {
        return false;
    }
    match std::thread::current().name() {
        None => true,
        Some(name) => ["polars", "async-executor", "tokio"]
            .iter()
            .any(|p| name.starts_with(p)),
    }
}

/// The first panic message seen while a guarded call ran.
static MESSAGE: Mutex<Option<String>> = Mutex::new(None);

static HOOK: Once = Once::new();

/// Keep panic messages while a guarded call runs; print them as Rust does
/// otherwise (a panic outside a guard is a bug of yoy's, and says where).
fn install_hook() {
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !belongs_to_a_guard() {
                default(info);
                return;
            }
            let text = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "an internal error".into());
            if let Ok(mut m) = MESSAGE.lock()
                && m.is_none()
            {
                *m = Some(text);
            }
        }));
    });
}

/// Run `f`; a panic inside it (on this thread, or on a worker it waits for)
/// comes back as `Err` with the panic's message.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    GUARDED.fetch_add(1, Ordering::SeqCst);
    let outer = INSIDE.with(|i| i.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    INSIDE.with(|i| i.set(outer));
    GUARDED.fetch_sub(1, Ordering::SeqCst);
    let message = MESSAGE.lock().ok().and_then(|mut m| m.take());
    result.map_err(|_| message.unwrap_or_else(|| "an internal error".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(guarded(|| 2 + 2), Ok(4));
        let r: Result<(), String> = guarded(|| panic!("thrift bool field"));
        assert_eq!(r, Err("thrift bool field".to_string()));
        // On a worker thread that the guarded call waits for, too.
        let r: Result<(), String> = guarded(|| {
            std::thread::scope(|s| {
                s.spawn(|| panic!("in a worker {}", 7));
            })
        });
        assert!(r.is_err());
    }
}
