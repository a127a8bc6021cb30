//! A change stated both ways ("33 fewer, down 5 %") whose figures the report
//! does not both give: is there a base that gives both the absolute change
//! and the %? For counts, whole numbers only, decided exactly: every whole
//! change d the absolute figure allows, the whole bases b with 100·d/b in the
//! stated % (`exact::bases`), b + d ≥ 0 (a count stays a count), and b, b + d
//! within whatever the report gives of the two years. Otherwise (amounts,
//! rates) in floating point, on the same intervals.

use super::exact_checks::Decided;
use crate::checks::Term;
use crate::exact::{Exact, Ratio, bases};
use crate::interval::Interval;
use crate::scrutiny::MAX_CANDIDATES;
use crate::spec::{Spec, StatedFigure};

fn figure(spec: &Spec, t: &Term) -> Option<(String, i32, Option<Interval>)> {
    let Term::Figure { indicator, year } = t else {
        return None;
    };
    let f = spec.indicator(indicator)?.figure(*year).map(|f| f.interval);
    Some((indicator.clone(), *year, f))
}

pub(super) fn decide(
    spec: &Spec,
    pct: &StatedFigure,
    by: &StatedFigure,
    from: &Term,
    to: &Term,
    integral: bool,
) -> Decided {
    let undecided = Decided {
        holds: Some(None),
        ..Decided::default()
    };
    let (Some((ind, from_year, f)), Some((_, to_year, t))) = (figure(spec, from), figure(spec, to))
    else {
        return undecided;
    };
    let hulls = if integral {
        whole(pct, by, f, t)
    } else {
        continuous(pct.interval, by.interval, f, t)
    };
    let Some((base, after)) = hulls else {
        return undecided;
    };
    let holds = base.is_some();
    // What the report leaves out: the base, else the later year.
    let (implied, implied_of) = match (f, t) {
        (None, _) => (base, Some((ind, from_year))),
        (Some(_), None) => (after, Some((ind, to_year))),
        _ => (None, None),
    };
    Decided {
        holds: Some(Some(holds)),
        implied: if holds { implied } else { None },
        implied_of: if holds { implied_of } else { None },
        ..Decided::default()
    }
}

type Hull = Option<(f64, f64)>;

fn widen(h: Hull, lo: f64, hi: f64) -> Hull {
    Some(h.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))))
}

/// Whole numbers: `None` when it cannot be decided exactly; else the hulls
/// of the bases and of the later figures that work (`None`: none does).
fn whole(
    pct: &StatedFigure,
    by: &StatedFigure,
    f: Option<Interval>,
    t: Option<Interval>,
) -> Option<(Hull, Hull)> {
    let p = pct.exact()?.affine(Ratio::new(1, 100)?, Ratio::int(0))?;
    let (d_first, d_last) = by.exact()?.integers();
    let (d_first, d_last) = (d_first?, d_last?);
    if d_last.saturating_sub(d_first) >= MAX_CANDIDATES {
        return None;
    }
    let f = match f {
        Some(i) => Some(Exact::of_whole_interval(&i)?.integers()),
        None => None,
    };
    let t = match t {
        Some(i) => Some(Exact::of_whole_interval(&i)?),
        None => None,
    };
    let (mut base, mut after): (Hull, Hull) = (None, None);
    for d in d_first..=d_last {
        // Whole bases b ≥ 1 with d / b in p.
        let (first, last) = match d.signum() {
            0 => {
                let zero_in =
                    p.lo.is_none_or(|e| e.at.signum() < 0 || !e.open && e.at.signum() == 0)
                        && p.hi
                            .is_none_or(|e| e.at.signum() > 0 || !e.open && e.at.signum() == 0);
                if !zero_in {
                    continue;
                }
                (1, None)
            }
            1 => bases(Ratio::int(d), p),
            _ => bases(Ratio::int(-d), p.affine(Ratio::int(-1), Ratio::int(0))?),
        };
        let mut lo = first.max(1).max(-d);
        let mut hi = last;
        let mut clip = |(a, b): (Option<i128>, Option<i128>)| {
            if let Some(a) = a {
                lo = lo.max(a);
            }
            if let Some(b) = b {
                hi = Some(hi.map_or(b, |h: i128| h.min(b)));
            }
        };
        if let Some(fr) = f {
            clip(fr);
        }
        if let Some(t) = t {
            // b + d in t.
            clip(t.affine(Ratio::int(1), Ratio::int(-d))?.integers());
        }
        if hi.is_some_and(|h| lo > h) {
            continue;
        }
        let hi_f = hi.map_or(f64::INFINITY, |h| h as f64);
        base = widen(base, lo as f64, hi_f);
        after = widen(after, (lo + d) as f64, hi_f + d as f64);
    }
    Some((base, after))
}

/// Continuous figures: the bases b > 0 with 100·d/b in the stated % for some
/// d in the stated change, in floating point.
fn continuous(
    p: Interval,
    d: Interval,
    f: Option<Interval>,
    t: Option<Interval>,
) -> Option<(Hull, Hull)> {
    let point = |i: Option<Interval>| -> Option<Option<f64>> {
        match i {
            None => Some(None),
            Some(i) if i.lo == i.hi => Some(Some(i.lo)),
            Some(_) => None,
        }
    };
    let (f, t) = (point(f)?, point(t)?);
    let overlap = |a: (f64, f64), b: (f64, f64)| -> Option<(f64, f64)> {
        let (lo, hi) = (a.0.max(b.0), a.1.min(b.1));
        (lo <= hi).then_some((lo, hi))
    };
    match (f, t) {
        // d in D ∩ P·b/100.
        (Some(b), _) if b > 0.0 => {
            let ds = overlap((d.lo, d.hi), (p.lo * b / 100.0, p.hi * b / 100.0));
            let ds = ds.filter(|(lo, hi)| t.is_none_or(|t| (lo..=hi).contains(&&(t - b))));
            Some((ds.map(|_| (b, b)), ds.map(|(lo, hi)| (b + lo, b + hi))))
        }
        (Some(_), _) => Some((None, None)),
        // b = t − d with 100·d / b in P: d = p·t / (100 + p), increasing in p.
        (None, Some(t)) => {
            let at = |p: f64| p * t / (100.0 + p);
            if p.lo <= -100.0 {
                return None;
            }
            let ds = overlap((d.lo, d.hi), (at(p.lo), at(p.hi)))
                .and_then(|(lo, hi)| overlap((lo, hi), (f64::NEG_INFINITY, t)));
            Some((ds.map(|(lo, hi)| (t - hi, t - lo)), ds.map(|_| (t, t))))
        }
        // b = 100·d / p, for d and p of one sign.
        (None, None) => {
            let mut hull: Hull = None;
            for (dl, dh, pl, ph) in [
                (d.lo.max(0.0), d.hi, p.lo.max(0.0), p.hi),
                (-d.hi.min(0.0), -d.lo, -p.hi.min(0.0), -p.lo),
            ] {
                if dl <= dh && pl <= ph && dh > 0.0 && ph > 0.0 {
                    let lo = if ph.is_finite() { 100.0 * dl / ph } else { 0.0 };
                    let hi = if pl > 0.0 {
                        100.0 * dh / pl
                    } else {
                        f64::INFINITY
                    };
                    hull = widen(hull, lo, hi);
                }
            }
            Some((hull, None))
        }
    }
}
