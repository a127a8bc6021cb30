//! A problem found in a user's input, located in its file: data, not text.
//!
//! Rendering (the code frame) belongs to `report::diagnostics`; this module only
//! says what is wrong, where, and how to fix it.

use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the problem has no single place (an empty file).
    pub line: u64,
    pub column: u64,
    pub message: String,
    /// What to change to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(
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

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The nearest of `candidates` to `name`, if it is near enough to be a likely typo.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
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
    for c in candidates {
        let d = edit_distance(name, c);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let limit = (name.chars().count() / 3).max(2);
    best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
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
}
