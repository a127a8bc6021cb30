//! A figure a report states about its own numbers ("-50%", "31.7%"), with the
//! precision read from how it is written and the word it carries ("nearly
//! 50 %"), which widens or moves the band of values it stands for.

use crate::exact::{End, Exact, Ratio};
use crate::interval::{Interval, Rounding};

#[derive(Debug, Clone, PartialEq)]
pub struct StatedFigure {
    /// As written in the spec (the number, without its word).
    pub text: String,
    pub value: f64,
    /// Decimals printed (or declared with `decimals:`).
    pub decimals: u32,
    pub rounding: Rounding,
    /// The word on the figure, if any.
    pub qualifier: Option<Qualifier>,
    /// Every true value the figure, with its word, stands for.
    pub interval: Interval,
}

/// A word on a stated figure (`../shared/design/semantics.md`, section 7).
/// Bands are on the magnitude, with the figure's sign: "nearly −50 %" is
/// [−50.5, −45].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Qualifier {
    /// "about", "around", "environ", "حوالي": the rounding alone, or the
    /// tolerance the spec declares ([s − t, s + t]).
    About { tolerance: Option<f64> },
    /// "nearly", "almost", "just under", "presque", "قرابة": [band·s, s + p/2]
    /// (band 0.9 unless the spec says otherwise).
    Nearly { band: f64 },
    /// "just over", "un peu plus de": (s, band·s] (band 1.1 by default).
    JustOver { band: f64 },
    /// "more than", "over", "plus de", "أكثر من": (s, ∞).
    MoreThan,
    /// "less than", "under", "moins de", "أقل من": [0, s).
    LessThan,
    /// "at least", "au moins", "على الأقل": [s, ∞).
    AtLeast,
    /// "at most", "au plus", "على الأكثر": [0, s].
    AtMost,
}

impl Qualifier {
    /// The spellings a spec may use, and what each means by default.
    pub(crate) const WORDS: [(&'static str, Qualifier); 12] = [
        ("about", Qualifier::About { tolerance: None }),
        ("nearly", Qualifier::Nearly { band: 0.9 }),
        ("almost", Qualifier::Nearly { band: 0.9 }),
        ("just_under", Qualifier::Nearly { band: 0.9 }),
        ("just_over", Qualifier::JustOver { band: 1.1 }),
        ("more_than", Qualifier::MoreThan),
        ("over", Qualifier::MoreThan),
        ("less_than", Qualifier::LessThan),
        ("under", Qualifier::LessThan),
        ("at_least", Qualifier::AtLeast),
        ("at_most", Qualifier::AtMost),
        ("around", Qualifier::About { tolerance: None }),
    ];

    /// The word in a sentence ("nearly", "more than").
    pub(crate) fn words(self) -> &'static str {
        match self {
            Qualifier::About { .. } => "about",
            Qualifier::Nearly { .. } => "nearly",
            Qualifier::JustOver { .. } => "just over",
            Qualifier::MoreThan => "more than",
            Qualifier::LessThan => "less than",
            Qualifier::AtLeast => "at least",
            Qualifier::AtMost => "at most",
        }
    }

    /// Whether the word takes a `band:` (a factor of the figure).
    pub(crate) fn takes_band(self) -> bool {
        matches!(self, Qualifier::Nearly { .. } | Qualifier::JustOver { .. })
    }
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
            qualifier: None,
            interval: Interval::rounded(value, decimals, rounding),
        })
    }

    /// The figure with its word: the band it now stands for.
    pub(crate) fn qualified(mut self, q: Qualifier) -> StatedFigure {
        let r = Interval::rounded(self.value, self.decimals, self.rounding);
        let s = self.value;
        let neg = s < 0.0;
        // A band on the magnitude, given for a positive figure, mirrored for a
        // negative one (ends swap, and so do their open flags).
        let mirror = |lo: f64, lo_open: bool, hi: f64, hi_open: bool| {
            if neg {
                Interval {
                    lo: -hi,
                    hi: -lo,
                    lo_open: hi_open,
                    hi_open: lo_open,
                }
            } else {
                Interval {
                    lo,
                    hi,
                    lo_open,
                    hi_open,
                }
            }
        };
        let m = s.abs();
        // The rounding interval's far end from zero, on the magnitude.
        let (far, far_open) = if neg {
            (-r.lo, r.lo_open)
        } else {
            (r.hi, r.hi_open)
        };
        self.interval = match q {
            Qualifier::About { tolerance: None } => r,
            Qualifier::About { tolerance: Some(t) } => Interval::closed(
                crate::exact::difference(s, t),
                crate::exact::difference(s, -t),
            ),
            Qualifier::Nearly { band } => {
                mirror(crate::exact::product(band, m), false, far, far_open)
            }
            Qualifier::JustOver { band } => mirror(m, true, crate::exact::product(band, m), false),
            Qualifier::MoreThan => mirror(m, true, f64::INFINITY, false),
            Qualifier::LessThan => mirror(0.0, false, m, true),
            Qualifier::AtLeast => mirror(m, false, f64::INFINITY, false),
            Qualifier::AtMost => mirror(0.0, false, m, false),
        };
        self.qualifier = Some(q);
        self
    }

    /// The values it stands for, in words: `[32.5, 33.5]`, `(50, 55]`.
    pub(crate) fn band(&self) -> String {
        let i = self.interval;
        let d = self.decimals as usize + 2;
        let end = |x: f64| {
            if x.is_infinite() {
                if x > 0.0 {
                    "∞".to_string()
                } else {
                    "−∞".to_string()
                }
            } else {
                let t = format!("{x:.d$}");
                let t = if t.contains('.') {
                    t.trim_end_matches('0').trim_end_matches('.').to_string()
                } else {
                    t
                };
                if t == "-0" { "0".into() } else { t }
            }
        };
        format!(
            "{}{}, {}{}",
            if i.lo_open { "(" } else { "[" },
            end(i.lo),
            end(i.hi),
            if i.hi_open { ")" } else { "]" }
        )
    }

    /// The figure as the report says it: "nearly -50%".
    pub(crate) fn display(&self) -> String {
        match self.qualifier {
            None => self.text.clone(),
            Some(Qualifier::About { tolerance: Some(t) }) => format!("about {} (± {t})", self.text),
            Some(q) => format!("{} {}", q.words(), self.text),
        }
    }

    /// The same band with exact ends, for the integer arithmetic of counts;
    /// `None` where an end is not a decimal yoy can hold exactly.
    pub(crate) fn exact(&self) -> Option<Exact> {
        let r = Exact::stated(&self.text, self.decimals, self.rounding)?;
        let Some(q) = self.qualifier else {
            return Some(r);
        };
        let s = Ratio::decimal(&self.text)?;
        let neg = s.signum() < 0;
        let m = if neg { s.mul(Ratio::int(-1))? } else { s };
        let end = |at: Ratio, open: bool| Some(End { at, open });
        let far = if neg {
            let lo = r.lo?;
            End {
                at: lo.at.mul(Ratio::int(-1))?,
                open: lo.open,
            }
        } else {
            r.hi?
        };
        let factor = |x: f64| Ratio::decimal(&format!("{x}"));
        let (lo, hi) = match q {
            Qualifier::About { tolerance: None } => return Some(r),
            Qualifier::About { tolerance: Some(t) } => {
                let t = factor(t)?;
                return Some(Exact {
                    lo: end(s.add(t.mul(Ratio::int(-1))?)?, false),
                    hi: end(s.add(t)?, false),
                });
            }
            Qualifier::Nearly { band } => (end(m.mul(factor(band)?)?, false), Some(far)),
            Qualifier::JustOver { band } => (end(m, true), end(m.mul(factor(band)?)?, false)),
            Qualifier::MoreThan => (end(m, true), None),
            Qualifier::LessThan => (end(Ratio::int(0), false), end(m, true)),
            Qualifier::AtLeast => (end(m, false), None),
            Qualifier::AtMost => (end(Ratio::int(0), false), end(m, false)),
        };
        if !neg {
            return Some(Exact { lo, hi });
        }
        let flip = |e: Option<End>| -> Option<Option<End>> {
            match e {
                None => Some(None),
                Some(e) => Some(Some(End {
                    at: e.at.mul(Ratio::int(-1))?,
                    open: e.open,
                })),
            }
        };
        Some(Exact {
            lo: flip(hi)?,
            hi: flip(lo)?,
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
