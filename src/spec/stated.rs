//! A figure a report states about its own numbers ("-50%", "31.7%"), with the
//! precision read from how it is written.

use crate::interval::{Interval, Rounding};

#[derive(Debug, Clone, PartialEq)]
pub struct StatedFigure {
    /// As written in the spec.
    pub text: String,
    pub value: f64,
    /// Decimals printed (or declared with `decimals:`).
    pub decimals: u32,
    pub rounding: Rounding,
    /// Every true value that prints as `text`.
    pub interval: Interval,
}

impl StatedFigure {
    /// Parse `-50%`, `+25 %`, `−15.3%` (a typographic minus), `32`, `12.5`.
    /// `decimals` overrides the precision read from the text.
    pub(crate) fn parse(
        text: &str,
        decimals: Option<u32>,
        rounding: Rounding,
    ) -> Result<StatedFigure, String> {
        let trimmed = text.trim();
        let body = trimmed.strip_suffix('%').unwrap_or(trimmed).trim_end();
        let body = body.replace('\u{2212}', "-");
        let unsigned = body.strip_prefix(['+', '-']).unwrap_or(&body);
        if unsigned.is_empty()
            || !unsigned.chars().all(|c| c.is_ascii_digit() || c == '.')
            || unsigned.matches('.').count() > 1
            || unsigned.starts_with('.')
            || unsigned.ends_with('.')
        {
            return Err(format!(
                "`{text}` is not a stated figure; write it as the report prints it, e.g. \"-50%\" or \"31.7%\" (a dot for decimals, no thousands separators)"
            ));
        }
        let value: f64 = body
            .parse()
            .map_err(|_| format!("`{text}` is not a number"))?;
        if !value.is_finite() || value.abs() > 1e15 {
            return Err(format!("`{text}` is beyond the range yoy checks exactly"));
        }
        let written = unsigned.split_once('.').map_or(0, |(_, d)| d.len() as u32);
        let decimals = decimals.unwrap_or(written);
        if decimals > 12 {
            return Err(format!("`{text}` has more than 12 decimals"));
        }
        Ok(StatedFigure {
            text: trimmed.to_string(),
            value,
            decimals,
            rounding,
            interval: Interval::rounded(value, decimals, rounding),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precision_comes_from_the_text() {
        let a = StatedFigure::parse("-50%", None, Rounding::Any).unwrap();
        assert_eq!((a.value, a.decimals), (-50.0, 0));
        assert_eq!((a.interval.lo, a.interval.hi), (-50.5, -49.5));
        let b = StatedFigure::parse("-50.0%", None, Rounding::Any).unwrap();
        assert_eq!(b.decimals, 1);
        assert!((b.interval.hi - -49.95).abs() < 1e-12);
        let c = StatedFigure::parse("\u{2212}15.3 %", None, Rounding::Any).unwrap();
        assert_eq!(c.value, -15.3);
    }

    #[test]
    fn declared_decimals_win() {
        let a = StatedFigure::parse("50", Some(2), Rounding::Any).unwrap();
        assert!((a.interval.lo - 49.995).abs() < 1e-12);
    }

    #[test]
    fn refuses_what_is_not_a_figure() {
        for bad in ["", "%", "fifty", "1,5%", "1.2.3", ".5", "5.", "--5", "1e3"] {
            assert!(
                StatedFigure::parse(bad, None, Rounding::Any).is_err(),
                "{bad}"
            );
        }
    }
}
