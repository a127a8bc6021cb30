//! `grim`, `grimmer`, `debit`: means and standard deviations that whole-number
//! data must be able to give. Each is one check decided by whole numbers
//! alone (`engine::exact_checks`, by `scrutiny`'s arithmetic); the figures it
//! names are the number of answers, when the report gives it as a figure.

use super::{Check, Combine, Exactly, Expect, Op, Term};
use crate::findings::Unit;
use crate::interval::Interval;
use crate::spec::{Size, StatedFigure};

fn size(n: &Size, year: i32) -> Term {
    match n {
        Size::Given(k) => Term::Constant(Interval::point(*k as f64)),
        Size::Figure(name) => Term::figure(name, year),
    }
}

fn n_name(n: &Size, year: i32) -> String {
    match n {
        Size::Given(k) => k.to_string(),
        Size::Figure(name) => format!("{name} {year}"),
    }
}

fn check(
    claim: usize,
    label: String,
    expect_text: String,
    mean: &StatedFigure,
    n: Term,
    formula: String,
    exactly: Exactly,
) -> Check {
    Check {
        claim,
        label,
        op: Op::Identity,
        num: Vec::new(),
        combine: Combine::Sum,
        den: vec![n],
        expect: Expect::Stated {
            interval: mean.interval,
            text: expect_text,
            exact: None,
            rounding: Some(mean.rounding),
            qualified: false,
        },
        unit: Unit::Of(String::new()),
        grain: false,
        exactly: Some(exactly),
        formula,
    }
}

pub(super) fn grim(claim: usize, mean: &StatedFigure, n: &Size, items: u32, year: i32) -> Check {
    let count = n_name(n, year);
    let over = if items == 1 {
        count.clone()
    } else {
        format!("{count} × {items}")
    };
    check(
        claim,
        format!("mean {} of {count}", mean.display()),
        format!("mean {}", mean.display()),
        mean,
        size(n, year),
        format!("a whole total T with T / {over} in the mean's rounding interval"),
        Exactly::Grim {
            mean: mean.clone(),
            n: size(n, year),
            items,
        },
    )
}

pub(super) fn grimmer(
    claim: usize,
    mean: &StatedFigure,
    sd: &StatedFigure,
    n: &Size,
    year: i32,
) -> Check {
    let count = n_name(n, year);
    check(
        claim,
        format!("mean {}, SD {} of {count}", mean.display(), sd.display()),
        format!("mean {}, SD {}", mean.display(), sd.display()),
        mean,
        size(n, year),
        format!(
            "whole T and Q (sum, sum of squares, Q ≡ T mod 2, Q ≥ |T|) with T / {count} in the mean's interval and √((Q − T²/{count}) / ({count} − 1)) in {} (SD “{}”)",
            sd.band(),
            sd.text
        ),
        Exactly::Grimmer {
            mean: mean.clone(),
            sd: sd.clone(),
            n: size(n, year),
        },
    )
}

pub(super) fn debit(
    claim: usize,
    mean: &StatedFigure,
    sd: &StatedFigure,
    n: &Size,
    year: i32,
) -> Check {
    let count = n_name(n, year);
    check(
        claim,
        format!(
            "proportion {}, SD {} of {count}",
            mean.display(),
            sd.display()
        ),
        format!("mean {}, SD {}", mean.display(), sd.display()),
        mean,
        size(n, year),
        format!(
            "a whole k (answers of 1) with k / {count} in the mean's interval and √(k ({count} − k) / ({count} ({count} − 1))) in {} (SD “{}”)",
            sd.band(),
            sd.text
        ),
        Exactly::Debit {
            mean: mean.clone(),
            sd: sd.clone(),
            n: size(n, year),
        },
    )
}
