//! Text made safe for XML, the one escape of the two formats written as XML:
//! JUnit reports and the SVG charts of the HTML report.

/// Text made safe for XML content and attributes (`&`, `<`, `>`, quotes
/// escaped; a line end kept as `&#10;` so an attribute keeps it, a tab or a
/// carriage return a space); characters XML 1.0 cannot hold are dropped, and
/// so are the C1 controls, which it holds but no reader shows.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_controls_never_pass() {
        assert_eq!(
            escape("a<b & \"c\" 'd'"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(escape("x\ny\tz\u{1b}[31m\u{9b}"), "x&#10;y z[31m");
        assert_eq!(escape("\u{FFFF}é"), "é");
    }
}
