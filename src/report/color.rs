//! Terminal colour: on only when asked for or writing to a terminal, and never
//! when NO_COLOR is set (https://no-color.org).

use std::io::IsTerminal;

/// When to colour, as the user asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Should a stream that is (or is not) a terminal be coloured?
    pub(crate) fn enabled(self, is_terminal: bool) -> bool {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Never => false,
            ColorChoice::Always => !no_color,
            ColorChoice::Auto => is_terminal && !no_color,
        }
    }

    pub(crate) fn for_stdout(self) -> bool {
        self.enabled(std::io::stdout().is_terminal())
    }

    pub fn for_stderr(self) -> bool {
        self.enabled(std::io::stderr().is_terminal())
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Paint {
    Error,
    Warn,
    Good,
    Help,
    Bold,
}

/// `text` in ANSI colour when `on`, unchanged otherwise.
pub(crate) fn paint(on: bool, p: Paint, text: &str) -> String {
    if !on {
        return text.to_string();
    }
    let code = match p {
        Paint::Error => "1;31",
        Paint::Warn => "33",
        Paint::Good => "32",
        Paint::Help => "36",
        Paint::Bold => "1",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_colours_when_off() {
        assert_eq!(paint(false, Paint::Error, "x"), "x");
        assert_eq!(paint(true, Paint::Error, "x"), "\x1b[1;31mx\x1b[0m");
        assert!(!ColorChoice::Never.enabled(true));
        assert!(!ColorChoice::Auto.enabled(false));
    }
}
