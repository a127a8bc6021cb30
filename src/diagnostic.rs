//! A problem found in a user's input, located in its file: data, not text.
//!
//! Rendering (the code frame) belongs to `report::diagnostics`; this module only
//! says what is wrong, where, and how to fix it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub(crate) file: PathBuf,
    /// 1-based; 0 when the problem has no single place (an empty file).
    pub(crate) line: u64,
    pub(crate) column: u64,
    pub(crate) message: String,
    /// What to change to fix it.
    pub(crate) help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn new(
        file: impl Into<PathBuf>,
        line: u64,
        column: u64,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            file: file.into(),
            line,
            column,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Cells of edit-distance tables one run may fill looking for suggestions:
/// about a second of work at most, so a spec with thousands of unknown names
/// among thousands of known ones (which was quadratic: 4 000 by 4 000 took
/// minutes) still fails at once; past it, names get no "did you mean".
const SUGGESTION_BUDGET: u64 = 20_000_000;

/// Cells filled so far in this run.
static SUGGESTION_WORK: AtomicU64 = AtomicU64::new(0);

/// Names longer than this get no suggestion (no typo of a name is that long).
const MAX_SUGGESTED_LEN: usize = 64;

/// The nearest of `candidates` to `name`, if it is near enough to be a likely typo.
pub(crate) fn nearest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    nearest_within(name, candidates, &SUGGESTION_WORK, SUGGESTION_BUDGET)
}

/// `nearest`, counting its work in `work` and giving up once it passes `budget`.
fn nearest_within<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    work: &AtomicU64,
    budget: u64,
) -> Option<&'a str> {
    let name_len = name.chars().count();
    if name_len > MAX_SUGGESTED_LEN {
        return None;
    }
    let candidates: Vec<&str> = candidates.into_iter().collect();
    // A name that extends a valid one (`stated_pct` for `stated`) is most likely it.
    if let Some(prefix) = candidates
        .iter()
        .filter(|c| c.len() >= 3 && name.starts_with(**c))
        .max_by_key(|c| c.len())
    {
        return Some(prefix);
    }
    // A name that begins exactly one valid one (`sanction` for `sanctions_down_half`).
    let mut extending = candidates
        .iter()
        .filter(|c| name.len() >= 3 && c.starts_with(name));
    if let (Some(only), None) = (extending.next(), extending.next()) {
        return Some(only);
    }
    let limit = (name_len / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        // Names whose lengths differ by more than the limit are further apart
        // than it: no table needed.
        let len = c.chars().count();
        if len.abs_diff(name_len) > limit {
            continue;
        }
        let cells = ((name_len + 1) * (len + 1)) as u64;
        if work.load(Ordering::Relaxed) + cells > budget {
            return best.map(|(_, c)| c);
        }
        work.fetch_add(cells, Ordering::Relaxed);
        let d = edit_distance(name, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_name_only() {
        let names = ["id_cards_total", "id_cards_rabat"];
        assert_eq!(nearest("id_card_total", names), Some("id_cards_total"));
        assert_eq!(nearest("sanctions", names), None);
        assert_eq!(nearest("stated_pct", ["stated", "of"]), Some("stated"));
        assert_eq!(
            nearest("sanction", ["sanctions_down_half", "cards"]),
            Some("sanctions_down_half")
        );
    }

    #[test]
    fn the_work_of_suggesting_is_bounded() {
        // 1 000 unknown names among 1 000 known ones of the same length: each
        // call may compare with all, and the run stops at its budget.
        let known: Vec<String> = (0..1000).map(|i| format!("indicator_{i:04}")).collect();
        let work = AtomicU64::new(0);
        let budget = 2_000_000;
        let mut found = 0;
        for i in 0..1000 {
            let unknown = format!("indicatr_{i:04}x");
            if nearest_within(&unknown, known.iter().map(String::as_str), &work, budget).is_some() {
                found += 1;
            }
        }
        // Never past the budget, and the first
        // names still got their suggestion.
        assert!(work.load(Ordering::Relaxed) <= budget, "{work:?}");
        assert!(found >= 5, "{found}");
        // A name past the length cap costs nothing.
        let before = work.load(Ordering::Relaxed);
        assert_eq!(
            nearest_within(&"x".repeat(100), ["x"], &work, u64::MAX),
            None
        );
        assert_eq!(work.load(Ordering::Relaxed), before);
    }
}
