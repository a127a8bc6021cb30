//! Spec problems as rustc-style messages: what is wrong, where (file:line:col),
//! a code frame with a caret under the offending YAML, and the fix.

use crate::diagnostic::Diagnostic;
use std::fmt::Write;

/// Render every diagnostic against the spec's text.
pub fn render(diagnostics: &[Diagnostic], text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(out, "error: {}", d.message);
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
                let _ = writeln!(out, "{pad} | {}{}", " ".repeat(start), "^".repeat(width));
            }
        }
        if let Some(h) = &d.help {
            let pad = " ".repeat(d.line.max(1).to_string().len());
            let _ = writeln!(out, "{pad} = help: {h}");
        }
        out.push('\n');
    }
    out
}
