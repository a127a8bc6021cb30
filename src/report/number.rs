//! How numbers and intervals read in text outputs: grouped digits, a fixed
//! number of decimals for percentages, and words for open-ended intervals.

use crate::findings::Bounds;

/// `4696069` → `4 696 069`; `-15.294` with 1 decimal → `-15.3`.
pub(crate) fn number(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x);
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s.as_str()),
    };
    let (int, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(ch);
    }
    // "-0.0" reads as a fall that is not there.
    let sign = if sign == "-"
        && int.chars().all(|c| c == '0')
        && frac.is_none_or(|f| f.chars().all(|c| c == '0'))
    {
        ""
    } else {
        sign
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A figure in its natural precision: whole numbers without decimals.
pub(crate) fn figure(x: f64) -> String {
    if x.fract() == 0.0 {
        number(x, 0)
    } else {
        let d = if x.abs() >= 100.0 { 1 } else { 2 };
        number(x, d)
    }
}

/// An interval: a point, `a to b`, `at least a`, `at most b`, or `unbounded`.
pub(crate) fn bounds(b: &Bounds, fmt: impl Fn(f64) -> String) -> String {
    match (b.lo, b.hi) {
        (Some(lo), Some(_)) if b.is_point() => fmt(lo),
        // Too narrow to show at this precision: say so rather than print "2.12 to 2.12".
        (Some(lo), Some(hi)) if fmt(lo) == fmt(hi) => format!("≈{}", fmt(lo)),
        (Some(lo), Some(hi)) => format!("{} to {}", fmt(lo), fmt(hi)),
        (Some(lo), None) => format!("at least {}", fmt(lo)),
        (None, Some(hi)) => format!("at most {}", fmt(hi)),
        (None, None) => "unbounded".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_and_drops_negative_zero() {
        assert_eq!(number(4696069.0, 0), "4 696 069");
        assert_eq!(number(-15.294, 1), "-15.3");
        assert_eq!(number(-0.04, 1), "0.0");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(figure(83.24), "83.24");
    }

    #[test]
    fn open_ended_intervals_read_as_words() {
        let f = |x: f64| figure(x);
        assert_eq!(
            bounds(&Bounds::new(4301.0, f64::INFINITY), f),
            "at least 4 301"
        );
        assert_eq!(bounds(&Bounds::new(2501.0, 2551.0), f), "2 501 to 2 551");
        assert_eq!(bounds(&Bounds::new(7.0, 7.0), f), "7");
    }
}
