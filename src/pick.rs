//! Which claims a run checks: `--select` and `--ignore`, by claim id (with
//! wildcards) or by kind.

use crate::spec::Claim;

/// Which claims a run checks: `--select` (none: all) less `--ignore`, each
/// a claim id (with `*` and `?`) or a claim kind.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pick {
    pub(crate) select: Vec<String>,
    pub(crate) ignore: Vec<String>,
}

impl Pick {
    fn matches(pattern: &str, c: &Claim) -> bool {
        pattern == c.kind.kind().name() || glob(pattern, &c.id)
    }

    pub(crate) fn keeps(&self, c: &Claim) -> bool {
        (self.select.is_empty() || self.select.iter().any(|p| Pick::matches(p, c)))
            && !self.ignore.iter().any(|p| Pick::matches(p, c))
    }
}

/// `*` any run of characters, `?` any one, the rest as it is.
fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    // Dynamic programming over (pattern, text) prefixes: bounded by their lengths.
    let mut row = vec![false; t.len() + 1];
    row[0] = true;
    for pc in &p {
        let mut next = vec![false; t.len() + 1];
        if *pc == '*' {
            next[0] = row[0];
        }
        for j in 1..=t.len() {
            next[j] = match pc {
                '*' => next[j - 1] || row[j],
                '?' => row[j - 1],
                c => row[j - 1] && *c == t[j - 1],
            };
        }
        row = next;
    }
    row[t.len()]
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn wildcards() {
        assert!(glob("sanctions_*", "sanctions_down_half"));
        assert!(glob("*_half", "sanctions_down_half"));
        assert!(glob("s?nctions*", "sanctions"));
        assert!(!glob("sanctions", "sanctions_down"));
        assert!(glob("*", ""));
        assert!(!glob("a*b", "ac"));
    }
}
