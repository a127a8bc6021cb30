//! Spec problems as rustc-style messages: what is wrong, where (file:line:col),
//! a code frame with a caret under the offending YAML, and the fix.

use super::color::{Paint, paint};
use crate::diagnostic::Diagnostic;
use std::fmt::Write;

/// Render every diagnostic against the spec's text.
pub fn render(diagnostics: &[Diagnostic], text: &str, color: bool) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(
            out,
            "{}: {}",
            paint(color, Paint::Error, "error"),
            paint(color, Paint::Bold, &d.message)
        );
        if d.line == 0 {
            let _ = writeln!(out, "  --> {}", d.file.display());
        } else {
            let _ = writeln!(out, "  --> {}:{}:{}", d.file.display(), d.line, d.column);
            if let Some(src) = lines.get(d.line as usize - 1) {
                let num = d.line.to_string();
                let pad = " ".repeat(num.len());
                let src = src.replace('\t', " ");
                let col = (d.column.max(1) - 1) as usize;
                let start: usize = src.chars().take(col).map(|_| 1).sum();
                let rest: String = src.chars().skip(col).collect();
                let width = rest
                    .chars()
                    .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | ']' | '}' | ':'))
                    .count()
                    .max(1);
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{num} | {src}");
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
            let _ = writeln!(out, "{pad} = {}: {h}", paint(color, Paint::Help, "help"));
        }
        out.push('\n');
    }
    out
}
