//! A printed figure's value, exactly: its digits and where the point falls
//! (`units / 10^scale`), so that "15.452" read as fifteen thousand and
//! "2,5 millions" read as two and a half million are whole numbers, never
//! a double's approximation.

/// `units / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    pub units: i128,
    pub scale: u32,
}

/// Magnitudes beyond this are not figures a report prints (and would overflow).
const LIMIT: i128 = 10i128.pow(30);

impl Decimal {
    pub(crate) fn int(n: i128) -> Decimal {
        Decimal { units: n, scale: 0 }
    }

    /// Digits before and after the point, as text.
    pub(crate) fn parse(int: &str, frac: &str) -> Option<Decimal> {
        if int.len() + frac.len() > 30 {
            return None;
        }
        let units: i128 = format!("{int}{frac}").parse().ok()?;
        Some(
            Decimal {
                units,
                scale: frac.len() as u32,
            }
            .normal(),
        )
    }

    /// Trailing zeros after the point dropped (2.50 million is 2 500 000).
    fn normal(mut self) -> Decimal {
        while self.scale > 0 && self.units % 10 == 0 {
            self.units /= 10;
            self.scale -= 1;
        }
        self
    }

    fn aligned(self, scale: u32) -> Option<i128> {
        self.units
            .checked_mul(10i128.checked_pow(scale - self.scale)?)
    }

    pub(crate) fn add(self, o: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(o.scale);
        let units = self.aligned(scale)?.checked_add(o.aligned(scale)?)?;
        (units.abs() < LIMIT).then_some(Decimal { units, scale }.normal())
    }

    /// Times 10^exp (a scale word: thousand, million).
    pub(crate) fn shift(self, exp: u32) -> Option<Decimal> {
        let (units, scale) = if self.scale >= exp {
            (self.units, self.scale - exp)
        } else {
            (
                self.units
                    .checked_mul(10i128.checked_pow(exp - self.scale)?)?,
                0,
            )
        };
        (units.abs() < LIMIT).then_some(Decimal { units, scale }.normal())
    }

    pub(crate) fn is_zero(self) -> bool {
        self.units == 0
    }

    pub fn to_f64(self) -> f64 {
        self.units as f64 / 10f64.powi(self.scale as i32)
    }

    /// Whether it equals `x` (a figure of the spec), exactly.
    pub fn equals(self, x: f64) -> bool {
        // A spec's figures are at most 2^53 and finite; compare in the
        // decimal's own scale.
        if !x.is_finite() {
            return false;
        }
        let scaled = x * 10f64.powi(self.scale as i32);
        scaled.fract() == 0.0 && scaled.abs() < 1e30 && scaled as i128 == self.units
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let sign = if self.units < 0 { "-" } else { "" };
        let digits = format!(
            "{:0>width$}",
            self.units.abs(),
            width = self.scale as usize + 1
        );
        let (int, frac) = digits.split_at(digits.len() - self.scale as usize);
        write!(f, "{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_arithmetic() {
        let d = Decimal::parse("2", "5").and_then(|d| d.shift(6));
        assert_eq!(d, Some(Decimal::int(2_500_000)));
        let a = Decimal::parse("0", "05").and_then(|d| d.add(Decimal::int(3)));
        assert_eq!(a.map(|d| d.to_string()), Some("3.05".to_string()));
        assert!(Decimal::int(4_696_069).equals(4_696_069.0));
        assert!(Decimal::parse("31", "7").is_some_and(|d| d.equals(31.7)));
    }
}
