//! Figures as intervals: the rounding rules of the arithmetic contract, in one place.
//!
//! A printed number stands for every true value that prints that way. This module
//! turns "how it was written" (decimals, a rounding rule, a bound, a tolerance)
//! into a closed or half-open interval, and solves the small integer questions
//! (which whole numbers fit an interval) that granularity and implied values need.
//! It is plain Rust: the vectorised engine applies the same rules column-wise.

/// Absolute slack added to every comparison, so binary floating-point noise
/// never decides a verdict: 2003 after 2000 is +0.15 % exactly, but
/// 100·(2003/2000) − 100 lands about 6e-15 above it. Computing a change costs
/// a few ulps of 100, so 1e-12 covers it many times over while staying far
/// below any real difference a report prints.
pub(crate) const ABSOLUTE_SLACK: f64 = 1e-12;

/// Relative slack for large magnitudes: about 45 ulps, what a few operations
/// on figures below 2^53 can cost, and no more. (A relative 1e-12 judged
/// 1 000 000 000 000 000 and 1 000 000 000 000 900 equal.)
pub(crate) const RELATIVE_SLACK: f64 = 1e-14;

/// How the report rounded a figure it printed with a given number of
/// decimals (`../shared/design/semantics.md`, section 7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// Half up or half down: at the exact half either direction is accepted
    /// (the default; `up_or_down`, also spelled `any`): `50` covers [49.5, 50.5].
    Any,
    /// Half away from zero (`half_up`, also spelled `away_from_zero`): `50`
    /// covers [49.5, 50.5).
    HalfUp,
    /// Half toward zero: `50` covers (49.5, 50.5].
    HalfDown,
    /// Half to the even digit: `50` covers [49.5, 50.5], `51` covers (50.5, 51.5).
    HalfEven,
    /// Toward zero: `50` covers [50, 51).
    Truncate,
    /// Toward −∞: `50` covers [50, 51), `−50` covers [−50, −49).
    Floor,
    /// Toward +∞: `50` covers (49, 50].
    Ceiling,
    /// Either floor or ceiling: `50` covers (49, 51).
    CeilingOrFloor,
    /// No rounding at all: the printed value is exact.
    Exact,
}

impl Rounding {
    pub(crate) fn parse(name: &str) -> Option<Rounding> {
        match name {
            "any" | "up_or_down" => Some(Rounding::Any),
            "half_up" | "away_from_zero" => Some(Rounding::HalfUp),
            "half_down" => Some(Rounding::HalfDown),
            "half_even" => Some(Rounding::HalfEven),
            "truncate" => Some(Rounding::Truncate),
            "floor" => Some(Rounding::Floor),
            "ceiling" => Some(Rounding::Ceiling),
            "ceiling_or_floor" => Some(Rounding::CeilingOrFloor),
            "exact" => Some(Rounding::Exact),
            _ => None,
        }
    }

    /// Every rule, for the tests that must cover each one (a rule added to
    /// the enum and not here fails `every_rule_is_listed`).
    #[cfg(test)]
    pub(crate) const ALL: [Rounding; 9] = [
        Rounding::Any,
        Rounding::HalfUp,
        Rounding::HalfDown,
        Rounding::HalfEven,
        Rounding::Truncate,
        Rounding::Floor,
        Rounding::Ceiling,
        Rounding::CeilingOrFloor,
        Rounding::Exact,
    ];

    pub(crate) const NAMES: [&'static str; 11] = [
        "up_or_down",
        "any",
        "half_up",
        "away_from_zero",
        "half_down",
        "half_even",
        "truncate",
        "floor",
        "ceiling",
        "ceiling_or_floor",
        "exact",
    ];

    /// The rule in words, for the working.
    pub fn words(self) -> &'static str {
        match self {
            Rounding::Any => "rounded either way at a half",
            Rounding::HalfUp => "rounded half away from zero",
            Rounding::HalfDown => "rounded half toward zero",
            Rounding::HalfEven => "rounded half to even",
            Rounding::Truncate => "truncated toward zero",
            Rounding::Floor => "rounded down (floor)",
            Rounding::Ceiling => "rounded up (ceiling)",
            Rounding::CeilingOrFloor => "rounded up or down (ceiling or floor)",
            Rounding::Exact => "exact",
        }
    }

    /// Whether the rule looks at the printed digit's parity (half to even).
    pub(crate) fn needs_parity(self) -> bool {
        self == Rounding::HalfEven
    }
}

/// Which side of zero a printed value is on: the rules that round toward or
/// away from zero depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sign {
    Negative,
    Zero,
    Positive,
}

impl Sign {
    pub(crate) fn of(x: f64) -> Sign {
        if x > 0.0 {
            Sign::Positive
        } else if x < 0.0 {
            Sign::Negative
        } else {
            Sign::Zero
        }
    }

    pub(crate) const ALL: [Sign; 3] = [Sign::Negative, Sign::Zero, Sign::Positive];
}

/// The true values a printed value stands for, as offsets from it in steps
/// of its last printed digit, and which ends are open.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Ends {
    pub(crate) lo: f64,
    pub(crate) hi: f64,
    pub(crate) lo_open: bool,
    pub(crate) hi_open: bool,
}

impl Rounding {
    /// The rule itself, the one place it is written: scalar figures
    /// (`Interval::rounded_to_step`), exact stated figures (`exact`) and a
    /// panel's stated columns (`engine::panel::row_checks`) all read it. `odd`
    /// is whether the printed last digit is odd (only half to even asks).
    pub(crate) fn ends(self, sign: Sign, odd: bool) -> Ends {
        let ends = |lo, hi, lo_open, hi_open| Ends {
            lo,
            hi,
            lo_open,
            hi_open,
        };
        use Sign::{Negative, Positive, Zero};
        match (self, sign) {
            (Rounding::Exact, _) => ends(0.0, 0.0, false, false),
            (Rounding::Any, _) => ends(-0.5, 0.5, false, false),
            // Half away from zero: the half that rounds *to* this value is the
            // one nearer zero, so the end away from zero is open.
            (Rounding::HalfUp, Positive) => ends(-0.5, 0.5, false, true),
            (Rounding::HalfUp, Negative) => ends(-0.5, 0.5, true, false),
            (Rounding::HalfUp, Zero) => ends(-0.5, 0.5, true, true),
            // Half toward zero: the half away from zero rounds to this value.
            (Rounding::HalfDown, Positive) => ends(-0.5, 0.5, true, false),
            (Rounding::HalfDown, Negative) => ends(-0.5, 0.5, false, true),
            (Rounding::HalfDown, Zero) => ends(-0.5, 0.5, false, false),
            // Half to even: an even digit takes both halves, an odd one neither.
            (Rounding::HalfEven, _) => ends(-0.5, 0.5, odd, odd),
            // Toward zero: everything up to the next digit away from zero.
            (Rounding::Truncate, Positive) => ends(0.0, 1.0, false, true),
            (Rounding::Truncate, Negative) => ends(-1.0, 0.0, true, false),
            (Rounding::Truncate, Zero) => ends(-1.0, 1.0, true, true),
            (Rounding::Floor, _) => ends(0.0, 1.0, false, true),
            (Rounding::Ceiling, _) => ends(-1.0, 0.0, true, false),
            (Rounding::CeilingOrFloor, _) => ends(-1.0, 1.0, true, true),
        }
    }
}

/// A set of real values `lo..hi`; either end may be open or infinite.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub hi: f64,
    pub lo_open: bool,
    pub hi_open: bool,
}

impl Interval {
    pub(crate) fn closed(lo: f64, hi: f64) -> Interval {
        Interval {
            lo,
            hi,
            lo_open: false,
            hi_open: false,
        }
    }

    pub(crate) fn point(v: f64) -> Interval {
        Interval::closed(v, v)
    }

    /// The interval of true values that print as `value` with `decimals` decimals.
    pub(crate) fn rounded(value: f64, decimals: u32, rounding: Rounding) -> Interval {
        let step = 10f64.powi(-(decimals as i32));
        Interval::rounded_to_step(value, step, rounding)
    }

    /// The same for a figure rounded to a multiple of `step` (e.g. 10 000).
    pub(crate) fn rounded_to_step(value: f64, step: f64, rounding: Rounding) -> Interval {
        let digits = (value / step).round();
        let e = rounding.ends(Sign::of(value), digits.rem_euclid(2.0) == 1.0);
        // Ends counted in steps from the printed digits and scaled once, so
        // that -6.6 to one decimal ends at -6.65, not -6.6499999999999995:
        // exact when the value lies on its grid (a decimal step 10^-d divides
        // by 10^d, a whole step multiplies), else offset from the value.
        let per_unit = (1.0 / step).round();
        let end = |k: f64| {
            if step < 1.0 && per_unit * step == 1.0 && digits / per_unit == value {
                (digits + k) / per_unit
            } else if step >= 1.0 && step.fract() == 0.0 && digits * step == value {
                (digits + k) * step
            } else {
                value + k * step
            }
        };
        Interval {
            lo: end(e.lo),
            hi: end(e.hi),
            lo_open: e.lo_open,
            hi_open: e.hi_open,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slack of a comparison at `x`.
    fn slack(x: f64) -> f64 {
        (RELATIVE_SLACK * x.abs()).max(ABSOLUTE_SLACK)
    }

    // Oracles for the tests: the engine decides the same in Polars columns.
    impl Interval {
        /// Does `x` lie in the interval, with the contract's tiny slack?
        fn contains(&self, x: f64) -> bool {
            let slack = slack(x);
            let above_lo = if self.lo_open {
                x > self.lo + slack
            } else {
                x >= self.lo - slack
            };
            let below_hi = if self.hi_open {
                x < self.hi - slack
            } else {
                x <= self.hi + slack
            };
            above_lo && below_hi
        }

        /// Do two intervals share at least one value? This is the verdict rule.
        fn overlaps(&self, other: &Interval) -> bool {
            let (lo, lo_open) = if self.lo > other.lo || (self.lo == other.lo && self.lo_open) {
                (self.lo, self.lo_open)
            } else {
                (other.lo, other.lo_open)
            };
            let (hi, hi_open) = if self.hi < other.hi || (self.hi == other.hi && self.hi_open) {
                (self.hi, self.hi_open)
            } else {
                (other.hi, other.hi_open)
            };
            let slack = slack(lo.abs().max(hi.abs()));
            if lo_open || hi_open {
                lo < hi - slack
            } else {
                lo <= hi + slack
            }
        }

        /// The whole numbers the interval holds, as an inclusive range, if any.
        fn integers(&self) -> Option<(i64, i64)> {
            let slack_lo = slack(self.lo);
            let slack_hi = slack(self.hi);
            let mut first = (self.lo - slack_lo).ceil();
            if self.lo_open && (first - self.lo).abs() <= slack_lo {
                first += 1.0;
            }
            let mut last = (self.hi + slack_hi).floor();
            if self.hi_open && (last - self.hi).abs() <= slack_hi {
                last -= 1.0;
            }
            if first > last || !first.is_finite() || !last.is_finite() {
                return None;
            }
            Some((first as i64, last as i64))
        }
    }

    #[test]
    fn every_rule_is_listed() {
        // Each spelling names a rule of `ALL`, and each rule of `ALL` has a
        // spelling: a rule added to the enum and its names but not to `ALL`
        // fails here.
        for name in Rounding::NAMES {
            let rule = Rounding::parse(name);
            assert!(rule.is_some_and(|r| Rounding::ALL.contains(&r)), "{name}");
        }
        for rule in Rounding::ALL {
            assert!(
                Rounding::NAMES
                    .iter()
                    .any(|n| Rounding::parse(n) == Some(rule)),
                "{rule:?}"
            );
        }
    }

    #[test]
    fn ends_are_the_nearest_doubles_to_the_decimal_ends() {
        let i = Interval::rounded(-6.6, 1, Rounding::HalfUp);
        assert_eq!((i.lo, i.hi), (-6.65, -6.55));
        let i = Interval::rounded(5.19, 2, Rounding::HalfUp);
        assert_eq!((i.lo, i.hi), (5.185, 5.195));
        let i = Interval::rounded_to_step(4_700_000.0, 100_000.0, Rounding::HalfUp);
        assert_eq!((i.lo, i.hi), (4_650_000.0, 4_750_000.0));
        // A value off its grid keeps the offsets from itself.
        let i = Interval::rounded(12.34, 1, Rounding::Any);
        assert_eq!((i.lo, i.hi), (12.34 - 0.05, 12.34 + 0.05));
    }

    #[test]
    fn whole_percent_covers_half_either_side() {
        let i = Interval::rounded(-50.0, 0, Rounding::Any);
        assert_eq!((i.lo, i.hi), (-50.5, -49.5));
        assert!(i.contains(-50.5) && i.contains(-49.5) && !i.contains(-50.51));
    }

    #[test]
    fn one_decimal_is_narrower() {
        let i = Interval::rounded(31.7, 1, Rounding::Any);
        assert!(i.contains(31.65) && i.contains(31.75) && !i.contains(31.76));
    }

    #[test]
    fn half_up_excludes_the_far_half() {
        let pos = Interval::rounded(50.0, 0, Rounding::HalfUp);
        assert!(pos.contains(49.5) && !pos.contains(50.5));
        let neg = Interval::rounded(-50.0, 0, Rounding::HalfUp);
        assert!(neg.contains(-49.5) && !neg.contains(-50.5));
    }

    #[test]
    fn truncation_goes_toward_zero() {
        let pos = Interval::rounded(12.0, 0, Rounding::Truncate);
        assert!(pos.contains(12.0) && pos.contains(12.99) && !pos.contains(13.0));
        let neg = Interval::rounded(-12.0, 0, Rounding::Truncate);
        assert!(neg.contains(-12.99) && !neg.contains(-13.0) && !neg.contains(-11.9));
    }

    #[test]
    fn overlap_respects_open_ends() {
        let a = Interval::closed(1.0, 2.0);
        let b = Interval {
            lo_open: true,
            ..Interval::closed(2.0, 3.0)
        };
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&Interval::closed(2.0, 3.0)));
        assert!(!a.overlaps(&Interval::closed(2.1, 3.0)));
    }

    #[test]
    fn integers_in_an_interval() {
        // 32 % of 363: 114.345 ..= 117.975 holds 115, 116, 117.
        let i = Interval::closed(31.5 * 3.63, 32.5 * 3.63);
        assert_eq!(i.integers(), Some((115, 117)));
        // 33 % of 7: no whole number.
        let j = Interval::closed(32.5 * 0.07, 33.5 * 0.07);
        assert_eq!(j.integers(), None);
        // An open end at a whole number leaves it out.
        let k = Interval {
            lo_open: true,
            ..Interval::closed(4300.0, 4302.0)
        };
        assert_eq!(k.integers(), Some((4301, 4302)));
    }
}
