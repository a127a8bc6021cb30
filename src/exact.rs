//! Exact arithmetic at the boundaries. A stated figure is a decimal: its
//! interval's ends are rationals (its digits as integers at a scale), and the
//! whole numbers a check admits (which counts give a stated share, what a
//! missing count must be) are decided by cross-multiplying in i128, never by
//! binary floating point, open ends included.

use crate::interval::{Rounding, Sign};

/// A rational number `num / den`, `den > 0`, in i128.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ratio {
    num: i128,
    den: i128,
}

impl Ratio {
    pub(crate) fn new(num: i128, den: i128) -> Option<Ratio> {
        if den == 0 {
            return None;
        }
        let (num, den) = if den < 0 {
            (num.checked_neg()?, den.checked_neg()?)
        } else {
            (num, den)
        };
        let g = gcd(num.unsigned_abs(), den.unsigned_abs()).max(1) as i128;
        Some(Ratio {
            num: num / g,
            den: den / g,
        })
    }

    pub(crate) fn int(n: i128) -> Ratio {
        Ratio { num: n, den: 1 }
    }

    /// An integer-valued f64 (a count, a scale of 100) exactly, if it is one.
    pub(crate) fn of_whole(x: f64) -> Option<Ratio> {
        (x.is_finite() && x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0)
            .then(|| Ratio::int(x as i128))
    }

    /// A decimal as written ("-50%", "0.9", "1e-3" refused): its digits at
    /// their scale, exactly.
    pub(crate) fn decimal(text: &str) -> Option<Ratio> {
        let d = Digits::of(text)?;
        if d.frac.len() > 30 {
            return None;
        }
        let decimals = d.frac.len() as u32;
        Ratio::new(d.units(decimals)?, 10i128.checked_pow(decimals)?)
    }

    pub(crate) fn add(self, o: Ratio) -> Option<Ratio> {
        Ratio::new(
            self.num
                .checked_mul(o.den)?
                .checked_add(o.num.checked_mul(self.den)?)?,
            self.den.checked_mul(o.den)?,
        )
    }

    pub(crate) fn mul(self, o: Ratio) -> Option<Ratio> {
        Ratio::new(self.num.checked_mul(o.num)?, self.den.checked_mul(o.den)?)
    }

    pub(crate) fn div(self, o: Ratio) -> Option<Ratio> {
        Ratio::new(self.num.checked_mul(o.den)?, self.den.checked_mul(o.num)?)
    }

    pub(crate) fn signum(self) -> i128 {
        self.num.signum()
    }

    pub(crate) fn floor(self) -> i128 {
        self.num.div_euclid(self.den)
    }

    pub(crate) fn ceil(self) -> i128 {
        -(-self.num).div_euclid(self.den)
    }

    pub(crate) fn is_integer(self) -> bool {
        self.num % self.den == 0
    }

    pub(crate) fn neg(self) -> Option<Ratio> {
        Ratio::new(self.num.checked_neg()?, self.den)
    }

    /// The `n`-th root, when it is a rational: both parts (in lowest terms)
    /// perfect `n`-th powers, as 121/100 is of 11/10 for `n` = 2. A growth
    /// over `n` years at a decimal rate compounds to such a ratio.
    pub(crate) fn root(self, n: u32) -> Option<Ratio> {
        let whole_root = |x: i128| -> Option<i128> {
            if x < 0 {
                return None;
            }
            // The float root is within one of the integer one for x < 2^127.
            let guess = (x as f64).powf(1.0 / f64::from(n)).round() as i128;
            (guess.saturating_sub(1)..=guess.saturating_add(1))
                .find(|r| *r >= 0 && r.checked_pow(n) == Some(x))
        };
        if n == 0 {
            return None;
        }
        Ratio::new(whole_root(self.num)?, whole_root(self.den)?)
    }

    /// The decimal an f64 prints as (its shortest digits that read back as
    /// it), exactly; `None` when not finite or too long for i128.
    pub(crate) fn printed(x: f64) -> Option<Ratio> {
        if !x.is_finite() {
            return None;
        }
        Ratio::decimal(&format!("{x}"))
    }

    /// The nearest f64, rounded once: one division when both parts are
    /// exact in binary64, else 40 significant digits read by the
    /// correctly-rounding parser (a second rounding only on a tie past them).
    pub(crate) fn to_f64(self) -> f64 {
        const EXACT: u128 = 1 << 53;
        if self.num.unsigned_abs() <= EXACT && self.den.unsigned_abs() <= EXACT {
            return self.num as f64 / self.den as f64;
        }
        let (n, d) = (self.num.unsigned_abs(), self.den.unsigned_abs());
        let mut text = String::from(if self.num < 0 { "-" } else { "" });
        text.push_str(&(n / d).to_string());
        text.push('.');
        let (mut rem, mut significant) = (n % d, (n / d).to_string().trim_start_matches('0').len());
        while rem != 0 && significant < 40 {
            // rem < d ≤ i128::MAX, so 10·rem fits u128.
            rem *= 10;
            let digit = rem / d;
            rem %= d;
            if significant > 0 || digit > 0 {
                significant += 1;
            }
            text.push(char::from(b'0' + digit as u8));
        }
        text.parse().unwrap_or(self.num as f64 / self.den as f64)
    }
}

/// `a − b` as a reader checks it on the printed numbers: on the decimals `a`
/// and `b` print as, rounded once, so that 6.6 − 3.1 reads 3.5 and not
/// 3.4999999999999996. Binary subtraction when a decimal is too long.
pub(crate) fn difference(a: f64, b: f64) -> f64 {
    Ratio::printed(a)
        .zip(Ratio::printed(b))
        .and_then(|(a, b)| a.add(b.neg()?))
        .map_or(a - b, Ratio::to_f64)
}

/// `a · b` on their printed decimals, as `difference` is (1.1 × 50 reads 55).
pub(crate) fn product(a: f64, b: f64) -> f64 {
    Ratio::printed(a)
        .zip(Ratio::printed(b))
        .and_then(|(a, b)| a.mul(b))
        .map_or(a * b, Ratio::to_f64)
}

/// The middle of `a` and `b`, on their printed decimals as `difference` is.
pub(crate) fn midpoint(a: f64, b: f64) -> f64 {
    Ratio::printed(a)
        .zip(Ratio::printed(b))
        .and_then(|(a, b)| a.add(b)?.div(Ratio::int(2)))
        .map_or((a + b) / 2.0, Ratio::to_f64)
}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, o: &Ratio) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}

impl Ord for Ratio {
    fn cmp(&self, o: &Ratio) -> std::cmp::Ordering {
        // Both denominators are positive: cross-multiplying keeps the order.
        // Values here are bounded far below overflow (digits of a stated
        // figure times counts below 2^53).
        (self.num.saturating_mul(o.den)).cmp(&o.num.saturating_mul(self.den))
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// One end of an interval: a value, open or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct End {
    pub(crate) at: Ratio,
    pub(crate) open: bool,
}

/// An interval with exact ends; `None` is an end at infinity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Exact {
    pub(crate) lo: Option<End>,
    pub(crate) hi: Option<End>,
}

/// A decimal's digits as written ("-50%", "+7.22", "−15.3"): its sign, and
/// the digits before and after the point.
struct Digits {
    negative: bool,
    int: String,
    frac: String,
}

impl Digits {
    fn of(text: &str) -> Option<Digits> {
        let body = text
            .trim()
            .trim_end_matches('%')
            .trim()
            .replace('\u{2212}', "-");
        let (negative, unsigned) = match body.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, body.strip_prefix('+').unwrap_or(&body)),
        };
        let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        let digits = int.chars().chain(frac.chars());
        (!(int.is_empty() && frac.is_empty()) && digits.clone().all(|c| c.is_ascii_digit())).then(
            || Digits {
                negative,
                int: int.to_string(),
                frac: frac.to_string(),
            },
        )
    }

    /// The value in units of the `decimals`-th decimal (`None`: more digits
    /// after the point than that, or too large).
    fn units(&self, decimals: u32) -> Option<i128> {
        let pad = (decimals as usize).checked_sub(self.frac.len())?;
        let units: i128 = format!("{}{}{}", self.int, self.frac, "0".repeat(pad))
            .parse()
            .ok()?;
        Some(if self.negative { -units } else { units })
    }
}

impl Exact {
    /// The interval a stated decimal stands for: `text` as written ("-50%",
    /// "7.22"), printed with `decimals` decimals and rounded by `rounding`.
    /// `None` when its digits do not fit the decimals (the precision was
    /// declared coarser than the text).
    pub(crate) fn stated(text: &str, decimals: u32, rounding: Rounding) -> Option<Exact> {
        let units = Digits::of(text)?.units(decimals)?;
        let step = 10i128.checked_pow(decimals)?;
        let sign = if units > 0 {
            Sign::Positive
        } else if units < 0 {
            Sign::Negative
        } else {
            Sign::Zero
        };
        let e = rounding.ends(sign, units.rem_euclid(2) == 1);
        // Ends are whole or half steps away: count in half steps.
        let half = |steps: f64| (steps * 2.0) as i128;
        let end = |steps: f64, open| {
            Some(End {
                at: Ratio::new(units.checked_mul(2)? + half(steps), step.checked_mul(2)?)?,
                open,
            })
        };
        Some(Exact {
            lo: end(e.lo, e.lo_open),
            hi: end(e.hi, e.hi_open),
        })
    }

    /// An interval whose finite ends are whole numbers (a direction's 0), as
    /// it is; `None` when an end is not whole.
    pub(crate) fn of_whole_interval(i: &crate::interval::Interval) -> Option<Exact> {
        let end = |x: f64, open: bool| -> Option<Option<End>> {
            if x.is_infinite() {
                return Some(None);
            }
            Some(Some(End {
                at: Ratio::of_whole(x)?,
                open,
            }))
        };
        Some(Exact {
            lo: end(i.lo, i.lo_open)?,
            hi: end(i.hi, i.hi_open)?,
        })
    }

    /// `a·x + b` for every x in the interval (`a ≠ 0`; a negative `a` swaps
    /// the ends).
    pub(crate) fn affine(self, a: Ratio, b: Ratio) -> Option<Exact> {
        let map = |e: Option<End>| -> Option<Option<End>> {
            match e {
                None => Some(None),
                Some(e) => Some(Some(End {
                    at: e.at.mul(a)?.add(b)?,
                    open: e.open,
                })),
            }
        };
        let (lo, hi) = (map(self.lo)?, map(self.hi)?);
        match a.signum() {
            1 => Some(Exact { lo, hi }),
            -1 => Some(Exact { lo: hi, hi: lo }),
            _ => None,
        }
    }

    /// The whole numbers in the interval, as the first and the last
    /// (`None`: unbounded on that side); first > last when there are none.
    pub(crate) fn integers(self) -> (Option<i128>, Option<i128>) {
        let first = self.lo.map(|e| {
            let c = e.at.ceil();
            if e.open && e.at.is_integer() {
                c + 1
            } else {
                c
            }
        });
        let last = self.hi.map(|e| {
            let f = e.at.floor();
            if e.open && e.at.is_integer() {
                f - 1
            } else {
                f
            }
        });
        (first, last)
    }
}

/// The whole numbers `x > 0` with `n / x` in `r` (`n ≥ 0` a whole number): a
/// missing base or whole. First and last (`None`: unbounded above).
pub(crate) fn bases(n: Ratio, r: Exact) -> (i128, Option<i128>) {
    const NONE: (i128, Option<i128>) = (1, Some(0));
    if n.signum() == 0 {
        // 0 / x is 0 for every x: all of them, or none.
        let holds_zero =
            r.lo.is_none_or(|e| e.at.signum() < 0 || (e.at.signum() == 0 && !e.open))
                && r.hi
                    .is_none_or(|e| e.at.signum() > 0 || (e.at.signum() == 0 && !e.open));
        return if holds_zero { (1, None) } else { NONE };
    }
    // n / x is positive: the part of r above 0 is what matters.
    let Some(hi) = r.hi else {
        // r unbounded above: x ≥ 1 and x ≤ n / r.lo when r.lo > 0.
        return match r.lo {
            Some(lo) if lo.at.signum() > 0 => last_from(n, lo).map_or(NONE, |l| (1, Some(l))),
            _ => (1, None),
        };
    };
    if hi.at.signum() < 0 || (hi.at.signum() == 0) {
        return NONE;
    }
    // n / x ≤ hi  ⟺  x ≥ n / hi (x > n / hi when open).
    let Some(q) = n.div(hi.at) else { return NONE };
    let first = if hi.open && q.is_integer() {
        q.floor() + 1
    } else {
        q.ceil()
    }
    .max(1);
    let last = match r.lo {
        Some(lo) if lo.at.signum() > 0 => last_from(n, lo),
        _ => None,
    };
    (first, last)
}

/// The largest x with n / x ≥ lo (> lo when open): x ≤ n / lo.
fn last_from(n: Ratio, lo: End) -> Option<i128> {
    let q = n.div(lo.at)?;
    Some(if lo.open && q.is_integer() {
        q.floor() - 1
    } else {
        q.floor()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(n: i128, d: i128) -> Ratio {
        Ratio::new(n, d).expect("ratio")
    }

    #[test]
    fn a_stated_decimal_is_exact() {
        let e = Exact::stated("7.22", 2, Rounding::HalfUp).expect("exact");
        assert_eq!(
            e.lo,
            Some(End {
                at: r(7215, 1000),
                open: false
            })
        );
        assert_eq!(
            e.hi,
            Some(End {
                at: r(7225, 1000),
                open: true
            })
        );
        let t = Exact::stated("-50%", 0, Rounding::Truncate).expect("exact");
        assert_eq!(
            t.lo,
            Some(End {
                at: r(-51, 1),
                open: true
            })
        );
        assert_eq!(
            t.hi,
            Some(End {
                at: r(-50, 1),
                open: false
            })
        );
        assert_eq!(Exact::stated("12.345", 1, Rounding::Any), None);
        assert!(Exact::stated("12.3", 2, Rounding::Any).is_some());
    }

    #[test]
    fn whole_numbers_respect_open_ends() {
        // 7.22 of 40 answers, half up: [288.6, 289): no whole total.
        let e = Exact::stated("7.22", 2, Rounding::HalfUp).expect("exact");
        let totals = e.affine(Ratio::int(40), Ratio::int(0)).expect("scaled");
        let (first, last) = totals.integers();
        assert!(first > last, "{first:?} {last:?}");
        // 33.33333333333 % of 9, truncated, eleven decimals: 3 of 9 fits.
        let e = Exact::stated("33.33333333333", 11, Rounding::Truncate).expect("exact");
        let k = e
            .affine(r(9, 100), Ratio::int(0))
            .expect("scaled")
            .integers();
        assert_eq!(k, (Some(3), Some(3)));
    }

    #[test]
    fn a_missing_base_is_found_exactly() {
        // to = 100, "down 50 %" (any rounding): to / from in [0.495, 0.505].
        let e = Exact::stated("-50", 0, Rounding::Any).expect("exact");
        let ratio = e.affine(r(1, 100), Ratio::int(1)).expect("ratio");
        assert_eq!(bases(Ratio::int(100), ratio), (199, Some(202)));
        // "down 250 %": no base gives a negative ratio.
        let e = Exact::stated("-250", 0, Rounding::Any).expect("exact");
        let ratio = e.affine(r(1, 100), Ratio::int(1)).expect("ratio");
        let (first, last) = bases(Ratio::int(100), ratio);
        assert!(last.is_some_and(|l| first > l));
    }

    fn ceil_div(a: i128, b: i128) -> i128 {
        -((-a).div_euclid(b))
    }

    /// The digits (at `d` decimals) that print `p / q ≥ 0` by `rule`, as an
    /// integer count of steps (where a rule allows two, one of them).
    fn printed(p: i128, q: i128, d: u32, rule: Rounding) -> i128 {
        let sp = p * 10i128.pow(d);
        match rule {
            Rounding::Truncate | Rounding::Floor | Rounding::CeilingOrFloor | Rounding::Exact => {
                sp.div_euclid(q)
            }
            Rounding::Ceiling => ceil_div(sp, q),
            Rounding::HalfUp | Rounding::Any => (2 * sp + q).div_euclid(2 * q),
            Rounding::HalfDown => ceil_div(2 * sp - q, 2 * q).max(0),
            Rounding::HalfEven => {
                let (fl, rem2) = (sp.div_euclid(q), 2 * sp.rem_euclid(q));
                match rem2.cmp(&q) {
                    std::cmp::Ordering::Less => fl,
                    std::cmp::Ordering::Greater => fl + 1,
                    std::cmp::Ordering::Equal => fl + fl.rem_euclid(2),
                }
            }
        }
    }

    /// Does `p / q ≥ 0` print as `units` steps of 10^-d by `rule`? The oracle,
    /// in integers only, from each rule's definition.
    fn prints_as(p: i128, q: i128, d: u32, rule: Rounding, units: i128) -> bool {
        let sp = p * 10i128.pow(d);
        // Twice the distance v − units, in units of 1/q.
        let diff2 = 2 * sp - 2 * units * q;
        match rule {
            Rounding::Truncate | Rounding::Floor => sp >= units * q && sp < (units + 1) * q,
            Rounding::Ceiling => sp > (units - 1) * q && sp <= units * q,
            Rounding::CeilingOrFloor => sp > (units - 1) * q && sp < (units + 1) * q,
            // Half away from zero (v ≥ 0): units − ½ ≤ v < units + ½; at zero −½ < v < ½.
            Rounding::HalfUp if units == 0 => diff2.abs() < q,
            Rounding::HalfUp => diff2 >= -q && diff2 < q,
            // Half toward zero: units − ½ < v ≤ units + ½; at zero |v| ≤ ½.
            Rounding::HalfDown if units == 0 => diff2.abs() <= q,
            Rounding::HalfDown => diff2 > -q && diff2 <= q,
            Rounding::HalfEven => diff2.abs() < q || (diff2.abs() == q && units % 2 == 0),
            Rounding::Any => diff2.abs() <= q,
            Rounding::Exact => sp == units * q,
        }
    }

    fn text(units: i128, d: u32) -> String {
        let s = format!("{:0>width$}", units, width = d as usize + 1);
        if d == 0 {
            s
        } else {
            let (int, frac) = s.split_at(s.len() - d as usize);
            format!("{int}.{frac}")
        }
    }

    /// The rules that round: under `exact` a figure is printed only when it
    /// is the value itself, which `printed` cannot make of a share.
    fn inexact_rules() -> Vec<Rounding> {
        Rounding::ALL
            .into_iter()
            .filter(|r| *r != Rounding::Exact)
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Every whole number k of N said to fit a stated share is one whose
        /// share prints as stated, and every such k is said to fit: against a
        /// brute-force oracle in integers, all rounding rules, open ends, up
        /// to eleven decimals.
        #[test]
        fn fitting_counts_match_an_exact_oracle(
            n in 1i128..400,
            k_frac in 0.0f64..=1.0,
            d in 0u32..=11,
            rule in proptest::sample::select(inexact_rules()),
        ) {
            let k = (k_frac * n as f64).round() as i128;
            let units = printed(100 * k, n, d, rule);
            let stated = text(units, d);
            let e = Exact::stated(&stated, d, rule).expect("exact");
            let (first, last) = e.affine(Ratio::new(n, 100).expect("n"), Ratio::int(0)).expect("scaled").integers();
            for candidate in 0..=n {
                let said = first.is_none_or(|f| candidate >= f) && last.is_none_or(|l| candidate <= l);
                let oracle = prints_as(100 * candidate, n, d, rule, units);
                proptest::prop_assert_eq!(said, oracle, "k {} of {}: {} ({:?})", candidate, n, stated, rule);
            }
        }

        /// A missing base x of `to` (a whole number) said to fit a stated
        /// change is one whose change prints as stated: against the same oracle.
        #[test]
        fn missing_bases_match_an_exact_oracle(
            to in 0i128..300,
            from in 1i128..300,
            d in 0u32..=3,
            rule in proptest::sample::select(inexact_rules()),
        ) {
            // The stated ratio to / from (a change of −100 % + ratio): printed
            // as a share of 100 to stay non-negative.
            let units = printed(100 * to, from, d, rule);
            let e = Exact::stated(&text(units, d), d, rule).expect("exact");
            let ratio = e.affine(Ratio::new(1, 100).expect("r"), Ratio::int(0)).expect("ratio");
            let (first, last) = bases(Ratio::int(to), ratio);
            for x in 1..=600 {
                let said = x >= first && last.is_none_or(|l| x <= l);
                let oracle = prints_as(100 * to, x, d, rule, units);
                proptest::prop_assert_eq!(said, oracle, "from {} to {}: {:?}", x, to, rule);
            }
        }
    }

    #[test]
    fn derived_numbers_read_as_the_printed_ones_give_them() {
        assert_eq!(0.3 - 0.1, 0.19999999999999998);
        assert_eq!(difference(0.3, 0.1), 0.2);
        assert_eq!(1.1 * 50.0, 55.00000000000001);
        assert_eq!(product(1.1, 50.0), 55.0);
        assert_eq!(midpoint(-6.65, -6.55), -6.6);
        // A decimal too long for i128 falls back to binary arithmetic.
        assert_eq!(difference(1e300, 1.0), 1e300);
        assert!(difference(f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn roots_that_are_rationals_are_found_exactly() {
        assert_eq!(r(121, 100).root(2), Some(r(11, 10)));
        assert_eq!(r(1331, 1000).root(3), Some(r(11, 10)));
        assert_eq!(r(2, 1).root(2), None);
        assert_eq!(r(-8, 1).root(3), None);
        assert_eq!(r(7, 3).root(1), Some(r(7, 3)));
        // 1.03^5 over 70 000: the 3 % of the CAGR form.
        let grown = r(103i128.pow(5), 100i128.pow(5));
        assert_eq!(grown.root(5), Some(r(103, 100)));
    }

    #[test]
    fn a_ratio_is_rounded_once_even_beyond_2_to_the_53() {
        // 200/17 by one division, and a quotient of parts too large for
        // binary64: both the nearest double.
        assert_eq!(r(200, 17).to_f64(), 11.764705882352942);
        let big = r(10i128.pow(20) + 1, 3 * 10i128.pow(18));
        assert_eq!(big.to_f64(), 33.333333333333336);
        assert_eq!(
            r(-(10i128.pow(19)) - 7_000, 10i128.pow(17)).to_f64(),
            -100.00000000000007
        );
        proptest::proptest!(|(n in -(1i128 << 70)..(1i128 << 70), d in 1i128..(1i128 << 70))| {
            // The oracle: the parser rounds the exact decimal expansion once.
            let x = r(n, d).to_f64();
            let lo = x - x.abs() * f64::EPSILON;
            let hi = x + x.abs() * f64::EPSILON;
            // The exact value lies within about an ulp of x either side.
            proptest::prop_assert!(Ratio::printed(lo).is_none_or(|l| l <= r(n, d)));
            proptest::prop_assert!(Ratio::printed(hi).is_none_or(|h| h >= r(n, d)));
        });
    }
}
