//! Text from a user's file echoed back in a message: clipped to a length a
//! terminal line can show (a 196 MB "header" must not become a 196 MB
//! message), with control characters shown as escapes so that nothing read
//! from a file can move the cursor, recolour the terminal or start a line.

/// Most characters of a file's text a message repeats.
pub(crate) const MAX_ECHO: usize = 80;

/// `text` as a message shows it.
pub(crate) fn echo(text: &str) -> String {
    echo_at_most(text, MAX_ECHO)
}

/// `text` as a message shows it, clipped at `max` characters.
pub(crate) fn echo_at_most(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (shown, c) in text.chars().enumerate() {
        if shown == max {
            let rest = text.chars().count() - shown;
            out.push_str(&format!("… ({rest} more characters)"));
            break;
        }
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `text` with every control character (newlines too) shown as an escape:
/// a cell or a phrase of a terminal line, which no file's text may break.
pub(crate) fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// Lines bound for a terminal or a CI log: control characters other than the
/// line ends shown as escapes, and a line that a CI runner would obey as a
/// command (GitHub's `::error …`, Azure's `##[…`) made plain by escaping its
/// first character.
pub(crate) fn visible_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = if line.starts_with("::") || line.starts_with("##[") {
            out.extend(line[..1].chars().flat_map(char::escape_unicode));
            &line[1..]
        } else {
            line
        };
        out.push_str(&visible(line));
    }
    out
}

/// Characters that reorder the text around them (the "Trojan Source" set):
/// shown as escapes, never obeyed.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_clipped_and_controls_escaped() {
        assert_eq!(echo("region"), "region");
        assert_eq!(echo("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(echo("x\ny"), "x\\ny");
        let long = "é".repeat(1000);
        let shown = echo(&long);
        assert!(shown.starts_with(&"é".repeat(MAX_ECHO)));
        assert!(shown.ends_with("(920 more characters)"), "{shown}");
        assert_eq!(echo("a\u{202E}b"), "a\\u{202e}b");
    }

    #[test]
    fn no_line_of_a_file_becomes_a_command() {
        assert_eq!(visible("a\n::error::x"), "a\\n::error::x");
        assert_eq!(
            visible_lines("ok\n::error::x\n##[group]y\n\u{1b}]0;title\u{7}"),
            "ok\n\\u{3a}:error::x\n\\u{23}#[group]y\n\\u{1b}]0;title\\u{7}"
        );
    }
}
