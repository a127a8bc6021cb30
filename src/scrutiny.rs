//! What whole-number data can give: the means and standard deviations a
//! sample of n whole numbers can have, decided exactly (`exact`'s rationals,
//! the stated figures' open ends kept).
//!
//! - GRIM (Brown & Heathers, "The GRIM Test: A Simple Technique Detects
//!   Numerous Anomalies in the Reporting of Results in Psychology", Social
//!   Psychological and Personality Science 8(4), 2017): a mean of n answers of
//!   `items` whole numbers each is T / (n·items) for a whole total T.
//! - GRIMMER (Anaya, "The GRIMMER test: A method for testing the validity of
//!   reported measures of variability", PeerJ Preprints 4:e2400v1, 2016): with
//!   the mean, a sample SD s = √((Q − T²/n) / (n − 1)) for a whole sum of
//!   squares Q; Q ≡ T (mod 2), since x² ≡ x for every whole x; and Q ≥ |T|,
//!   since x² ≥ |x|.
//! - DEBIT (Heathers & Brown, "DEBIT: A Simple Consistency Test For Binary
//!   Data", 2019): answers of 0 or 1, k of them 1: mean k/n and sample SD
//!   √(k(n − k) / (n(n − 1))).
//!
//! Each search is over the whole totals the mean allows, at most
//! `MAX_CANDIDATES` of them; beyond, the answer is "too many to decide".

use crate::exact::{End, Exact, Ratio};

/// The most candidate totals a check walks through.
pub(crate) const MAX_CANDIDATES: i128 = 1_000_000;

/// What the search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The whole numbers (totals T for GRIM and GRIMMER, counts of ones k
    /// for DEBIT) that give every stated figure: the first and the last.
    Fits { first: i128, last: i128 },
    /// None does.
    NoneFits,
    /// The figures are beyond what yoy decides exactly (overflow, or more
    /// candidates than it walks through).
    Undecided,
}

/// The whole numbers in `mean·scale`, bounded by [lo, hi] when given.
fn totals(mean: Exact, scale: Ratio, lo: Option<i128>, hi: Option<i128>) -> Option<(i128, i128)> {
    let (first, last) = mean.affine(scale, Ratio::int(0))?.integers();
    let first = match (first, lo) {
        (Some(f), Some(l)) => f.max(l),
        (Some(f), None) => f,
        (None, l) => l?,
    };
    let last = match (last, hi) {
        (Some(x), Some(h)) => x.min(h),
        (Some(x), None) => x,
        (None, h) => h?,
    };
    Some((first, last))
}

fn gather(mut hits: impl Iterator<Item = Option<i128>>) -> Outcome {
    let mut found: Option<(i128, i128)> = None;
    for h in hits.by_ref() {
        match h {
            None => return Outcome::Undecided,
            Some(x) if x == i128::MIN => {}
            Some(x) => {
                found = Some(found.map_or((x, x), |(a, _)| (a, x)));
            }
        }
    }
    match found {
        Some((first, last)) => Outcome::Fits { first, last },
        None => Outcome::NoneFits,
    }
}

/// GRIM: whole totals T with T / (n·items) in `mean`.
pub(crate) fn grim(mean: Exact, n: u64, items: u32) -> Outcome {
    let Some(count) = (n as i128).checked_mul(i128::from(items)) else {
        return Outcome::Undecided;
    };
    if count <= 0 {
        return Outcome::Undecided;
    }
    match totals(mean, Ratio::int(count), None, None) {
        Some((first, last)) if first <= last => Outcome::Fits { first, last },
        Some(_) => Outcome::NoneFits,
        None => Outcome::Undecided,
    }
}

/// `x` squared, its openness kept (for the end of a non-negative interval).
fn square(e: End) -> Option<End> {
    Some(End {
        at: e.at.mul(e.at)?,
        open: e.open,
    })
}

/// The interval of variances an SD interval allows (an SD is never negative).
fn variances(sd: Exact) -> Option<Exact> {
    let lo = match sd.lo {
        Some(e) if e.at.signum() > 0 => Some(square(e)?),
        _ => Some(End {
            at: Ratio::int(0),
            open: false,
        }),
    };
    let hi = match sd.hi {
        Some(e) if e.at.signum() < 0 || (e.at.signum() == 0 && e.open) => return None,
        Some(e) => Some(square(e)?),
        None => None,
    };
    Some(Exact { lo, hi })
}

fn contains(r: Exact, x: Ratio) -> bool {
    let above = r.lo.is_none_or(|e| x > e.at || (x == e.at && !e.open));
    let below = r.hi.is_none_or(|e| x < e.at || (x == e.at && !e.open));
    above && below
}

/// GRIMMER: whole T (from the mean) and a whole Q ≡ T (mod 2), Q ≥ |T|,
/// with (Q − T²/n)/(n − 1) in the squared SD interval.
pub(crate) fn grimmer(mean: Exact, sd: Exact, n: u64) -> Outcome {
    let n = n as i128;
    if n < 2 {
        return Outcome::Undecided;
    }
    let Some(var) = variances(sd) else {
        return Outcome::NoneFits;
    };
    let Some((first, last)) = totals(mean, Ratio::int(n), None, None) else {
        return Outcome::Undecided;
    };
    if first > last {
        return Outcome::NoneFits;
    }
    if last - first >= MAX_CANDIDATES {
        return Outcome::Undecided;
    }
    gather((first..=last).map(|t| {
        // Q ∈ (n − 1)·var + T²/n.
        let t2n = Ratio::int(t).mul(Ratio::int(t))?.div(Ratio::int(n))?;
        let q = var.affine(Ratio::int(n - 1), t2n)?;
        let (qf, ql) = q.integers();
        let qf = qf.unwrap_or(i128::MIN / 4).max(t.abs());
        // The first Q of T's parity.
        let qf = if (qf - t).rem_euclid(2) == 0 {
            qf
        } else {
            qf + 1
        };
        let fits = ql.is_none_or(|l| qf <= l);
        Some(if fits { t } else { i128::MIN })
    }))
}

/// DEBIT: a whole k in 0..=n with k/n in `mean` and
/// k(n − k)/(n(n − 1)) in the squared SD interval.
pub(crate) fn debit(mean: Exact, sd: Exact, n: u64) -> Outcome {
    let n = n as i128;
    if n < 2 {
        return Outcome::Undecided;
    }
    let Some(var) = variances(sd) else {
        return Outcome::NoneFits;
    };
    let Some((first, last)) = totals(mean, Ratio::int(n), Some(0), Some(n)) else {
        return Outcome::Undecided;
    };
    if first > last {
        return Outcome::NoneFits;
    }
    if last - first >= MAX_CANDIDATES {
        return Outcome::Undecided;
    }
    gather((first..=last).map(|k| {
        let v = Ratio::new(k.checked_mul(n - k)?, n.checked_mul(n - 1)?)?;
        Some(if contains(var, v) { k } else { i128::MIN })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interval::Rounding;

    fn e(text: &str) -> Exact {
        let d = text.split_once('.').map_or(0, |(_, f)| f.len() as u32);
        Exact::stated(text, d, Rounding::Any).expect("stated")
    }

    #[test]
    fn grim_finds_the_totals_a_mean_allows() {
        // 5.19 of 28: 145.32..145.6 holds no whole total (Brown & Heathers' kind of case).
        assert_eq!(grim(e("5.19"), 28, 1), Outcome::NoneFits);
        // 5.18 of 28: 145/28 = 5.1786.
        assert_eq!(
            grim(e("5.18"), 28, 1),
            Outcome::Fits {
                first: 145,
                last: 145
            }
        );
        // Two items each: 56 answers, 290/56 = 5.1786 again, and 5.19 → 290.36..290.92: none.
        assert_eq!(grim(e("5.19"), 28, 2), Outcome::NoneFits);
    }

    #[test]
    fn debit_needs_the_sd_a_proportion_gives() {
        // 10 of 20: mean 0.5, SD √(100/380) = 0.51299.
        assert_eq!(
            debit(e("0.50"), e("0.51"), 20),
            Outcome::Fits {
                first: 10,
                last: 10
            }
        );
        assert_eq!(debit(e("0.50"), e("0.40"), 20), Outcome::NoneFits);
    }

    #[test]
    fn grimmer_checks_the_sum_of_squares() {
        // 1, 2, 3, 4, 5: mean 3, SD √2.5 = 1.58.
        assert_eq!(
            grimmer(e("3.00"), e("1.58"), 5),
            Outcome::Fits {
                first: 15,
                last: 15
            }
        );
        // SD 1.59 wants Q in [4·1.585² + 45, 4·1.595² + 45] = [55.05, 55.18]: no whole Q.
        assert_eq!(grimmer(e("3.00"), e("1.59"), 5), Outcome::NoneFits);
    }
}
