//! Spec problems as rustc-style messages: what is wrong, where (file:line:col),
//! a code frame with a caret under the offending YAML, and the fix.

use super::color::{Paint, paint};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use std::fmt::Write;

/// Every error of a run that could not run (exit 2), as stderr shows it:
/// a spec's problems with their code frames, anything else on a line (which
/// may quote a dataset's cells or keys: made safe for a terminal).
pub fn errors(errors: &[Error], color: bool) -> String {
    let mut out = String::new();
    for e in errors {
        match e {
            Error::SpecInvalid {
                text, diagnostics, ..
            } => {
                out.push_str(&render(diagnostics, text, color));
                let _ = writeln!(out, "{e}");
            }
            other => {
                let _ = writeln!(
                    out,
                    "{}: {}",
                    paint(color, Paint::Error, "error"),
                    crate::echo::visible_lines(&other.to_string())
                );
            }
        }
    }
    out
}

/// Render every diagnostic against the spec's text.
pub(crate) fn render(diagnostics: &[Diagnostic], text: &str, color: bool) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}: {}",
            paint(color, Paint::Error, "error"),
            paint(color, Paint::Bold, &crate::echo::visible(&d.message))
        );
        if d.line == 0 {
            let _ = writeln!(out, "  --> {}", d.file.display());
        } else {
            let _ = writeln!(out, "  --> {}:{}:{}", d.file.display(), d.line, d.column);
            if let Some(src) = lines.get(d.line as usize - 1) {
                let num = d.line.to_string();
                let pad = " ".repeat(num.len());
                let (shown, start, width) = frame(src, d.column);
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{num} | {shown}");
                let carets = "^".repeat(width);
                let _ = writeln!(
                    out,
                    "{pad} | {}{}",
                    " ".repeat(start),
                    paint(color, Paint::Error, &carets)
                );
            }
        }
        if let Some(h) = &d.help {
            let pad = " ".repeat(d.line.max(1).to_string().len());
            let _ = writeln!(
                out,
                "{pad} = {}: {}",
                paint(color, Paint::Help, "help"),
                crate::echo::visible(h)
            );
        }
        out.push('\n');
    }
    out
}

/// Longest stretch of a source line shown in a code frame.
const FRAME_WIDTH: usize = 100;

/// The source line as shown (control characters made visible, long lines cut
/// to a window around the column), the caret's offset in it, and its width (the
/// token at the column: a word, or a quoted scalar up to its closing quote).
fn frame(src: &str, column: u64) -> (String, usize, usize) {
    let chars: Vec<char> = src
        .chars()
        .map(|c| {
            if c == '\t' {
                ' '
            } else if c.is_control() {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    let col = ((column.max(1) - 1) as usize).min(chars.len());
    let rest = &chars[col..];
    let width = match rest.first() {
        Some(q @ ('"' | '\'')) => rest[1..]
            .iter()
            .position(|c| c == q)
            .map_or(rest.len(), |p| p + 2),
        _ => rest
            .iter()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}' | ':'))
            .count(),
    }
    .clamp(1, FRAME_WIDTH / 2);
    if chars.len() <= FRAME_WIDTH {
        return (chars.iter().collect(), col, width);
    }
    let from = col.saturating_sub(FRAME_WIDTH / 4);
    let to = (from + FRAME_WIDTH).min(chars.len());
    let mut shown: String = chars[from..to].iter().collect();
    let mut start = col - from;
    if from > 0 {
        shown.insert(0, '…');
        start += 1;
    }
    if to < chars.len() {
        shown.push('…');
    }
    (shown, start, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carets_cover_the_token() {
        assert_eq!(
            frame("  id: 'a claim', x: 1", 7),
            ("  id: 'a claim', x: 1".into(), 6, 9)
        );
        assert_eq!(frame("  yeer: 2024", 3).2, 4);
    }

    #[test]
    fn control_characters_and_long_lines_are_tamed() {
        let (shown, _, _) = frame("a\u{1}b", 1);
        assert_eq!(shown, "a\u{FFFD}b");
        let long = "x".repeat(500);
        let (shown, start, _) = frame(&long, 300);
        assert!(shown.chars().count() <= FRAME_WIDTH + 2);
        assert_eq!(shown.chars().nth(start), Some('x'));
    }
}
