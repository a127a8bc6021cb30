//! Where a key stands in a spec's text: a mapping's unknown key within its own
//! block, a top-level key at the margin, a top-level key given twice. serde
//! gives positions to values, not to the keys it does not know.

/// Where `key:` first appears in the block of the mapping that starts on
/// `from_line` (1-based line and column): from that line to the first line
/// indented less than its keys, however long the block.
pub(super) fn locate_key(text: &str, from_line: u64, key: &str) -> Option<(u64, u64)> {
    // An empty key is found everywhere and nowhere (and would never advance).
    if key.is_empty() {
        return None;
    }
    let mut block_indent = None;
    for (i, line) in text
        .lines()
        .enumerate()
        .skip(from_line.saturating_sub(1) as usize)
    {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        match block_indent {
            // The first line sets the keys' indentation (after a list's `- `).
            None => {
                block_indent = Some(if trimmed.starts_with("- ") {
                    indent + 2
                } else {
                    indent
                })
            }
            Some(keys) if indent < keys => return None,
            Some(_) => {}
        }
        if let Some(col) = key_at(line, key) {
            return Some((i as u64 + 1, col));
        }
    }
    None
}

/// Where `key:` is given at the spec's top level (no indentation).
pub(super) fn locate_top_key(text: &str, key: &str) -> Option<(u64, u64)> {
    if key.is_empty() {
        return None;
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with([' ', '\t', '#', '-']))
        .find_map(|(i, l)| {
            key_at(l, key)
                .filter(|c| *c == 1)
                .map(|c| (i as u64 + 1, c))
        })
}

/// The column (1-based) where `key` stands as a key on `line`, if it does.
fn key_at(line: &str, key: &str) -> Option<u64> {
    let mut search = 0;
    while let Some(pos) = line[search..].find(key) {
        let at = search + pos;
        let before = line[..at].chars().next_back();
        let after = line[at + key.len()..].trim_start();
        let bounded =
            before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '-' | '"' | '\''));
        let quoted_end = line[at + key.len()..].starts_with(['"', '\'']);
        if bounded
            && (after.starts_with(':') || (quoted_end && after[1..].trim_start().starts_with(':')))
        {
            let quote = usize::from(matches!(before, Some('"' | '\'')));
            return Some((line[..at].chars().count() - quote) as u64 + 1);
        }
        search = at + key.len();
    }
    None
}

/// Top-level keys given more than once: each repeat's line and column.
pub(super) fn repeated_top_keys(text: &str) -> Vec<(String, u64, u64)> {
    let mut seen: Vec<&str> = Vec::new();
    let mut repeats = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some(colon) = line.find(':') else {
            continue;
        };
        let key = line[..colon].trim().trim_matches(['"', '\'']);
        if key.is_empty() || key.contains(['{', '[', ' ']) {
            continue;
        }
        if seen.contains(&key) {
            repeats.push((key.to_string(), i as u64 + 1, 1));
        } else {
            seen.push(key);
        }
    }
    repeats
}
