//! The two checks a panel row can carry, a stated change and a stated share,
//! as the standard columns `verdicts::decide` takes: the stated interval by its
//! printed precision, and what the value is compared with (the previous year's
//! value, or the whole of the row's group).

use crate::engine::columns::*;
use crate::interval::{Ends, Rounding, Sign};
use crate::spec::Dataset;
use polars::prelude::*;

/// The stated column as an interval, by the declared precision and rounding:
/// the rule's ends (`Rounding::ends`) by the sign of each stated value.
pub(super) fn stated_bounds(stated: Expr, decimals: u32, rounding: Rounding) -> [Expr; 4] {
    let step = 10f64.powi(-(decimals as i32));
    let [neg, zero, pos] = Sign::ALL.map(|s| rounding.ends(s, false));
    // A rule that looks at neither the sign nor the digit (any, exact, floor,
    // ceiling) is a constant: no per-row choice on a panel of millions of rows.
    let same = neg == zero && zero == pos && !rounding.needs_parity();
    let odd = (stated.clone() * lit(1.0 / step))
        .round(0, RoundMode::HalfToEven)
        .cast(DataType::Int64)
        % lit(2i64);
    let odd = odd.abs().eq(lit(1i64));
    let by_sign = |part: &dyn Fn(Ends) -> Expr| {
        if same {
            return part(zero);
        }
        if rounding.needs_parity() {
            return when(odd.clone())
                .then(part(rounding.ends(Sign::Positive, true)))
                .otherwise(part(rounding.ends(Sign::Positive, false)));
        }
        when(stated.clone().gt(lit(0.0)))
            .then(part(pos))
            .when(stated.clone().lt(lit(0.0)))
            .then(part(neg))
            .otherwise(part(zero))
    };
    [
        stated.clone() + by_sign(&|e| lit(e.lo * step)),
        stated.clone() + by_sign(&|e| lit(e.hi * step)),
        by_sign(&|e| lit(e.lo_open)),
        by_sign(&|e| lit(e.hi_open)),
    ]
}

/// The two checks a panel row can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The stated % change on the previous year.
    Change,
    /// The stated share (%) of the row's value in its whole.
    Share,
}

/// The standard columns of `verdicts::decide` for a frame of ordered rows: a
/// change is 100 · value / previous − 100, a share 100 · value / whole.
pub(super) fn standard(lf: LazyFrame, ds: &Dataset, kind: Kind) -> LazyFrame {
    let (stated, den, offset) = match kind {
        Kind::Change => (ds.stated_change.as_ref(), PREV_VALUE, -100.0),
        Kind::Share => (ds.stated_share.as_ref().map(|s| &s.stated), WHOLE, 0.0),
    };
    let (st_lo, st_hi, lo_open, hi_open) = match stated {
        Some(sc) => {
            let [a, b, c, d] = stated_bounds(col(sc.column.as_str()), sc.decimals, sc.rounding);
            (a, b, c, d)
        }
        None => (
            lit(NULL).cast(DataType::Float64),
            lit(NULL).cast(DataType::Float64),
            lit(false),
            lit(false),
        ),
    };
    let den = col(den).cast(DataType::Float64);
    let missing = |e: Expr| e.is_null().cast(DataType::Int32);
    lf.with_columns([
        col(VALUE).alias(NUM_LO),
        col(VALUE).alias(NUM_HI),
        den.clone().alias(DEN_LO),
        den.clone().alias(DEN_HI),
        missing(col(VALUE)).alias(NUM_MISSING),
        missing(den.clone()).alias(DEN_MISSING),
        lit(0i32).alias(REF_MISSING),
        (missing(col(VALUE)) + missing(den.clone())).alias(MISSING),
        lit(100.0).alias(SCALE),
        lit(offset).alias(OFFSET),
        st_lo.alias(ST_LO),
        st_hi.alias(ST_HI),
        lo_open.alias(S_LO_OPEN),
        hi_open.alias(S_HI_OPEN),
        den.eq(lit(0.0)).alias(DEN_HAS_ZERO),
        lit(true).alias(HAS_NUM),
        lit(false).alias(NOTHING_STATED),
    ])
}

/// The whole each row's share is of: the value of the group's `total` row, or
/// the sum of the group's values (unknown when one of them is missing). A
/// group is the rows of one year that differ only in `across`.
pub(super) fn whole(ds: &Dataset) -> PolarsResult<Option<Expr>> {
    let Some(share) = ds.stated_share.as_ref() else {
        return Ok(None);
    };
    let mut group: Vec<Expr> = ds.share_group().into_iter().map(col).collect();
    group.push(col(ds.year.as_str()));
    let value = col(ds.value.as_str()).cast(DataType::Float64);
    let whole = match &share.total {
        Some(total) => when(
            col(share.across.as_str())
                .cast(DataType::String)
                .eq(lit(total.as_str())),
        )
        .then(value)
        .otherwise(lit(NULL).cast(DataType::Float64))
        .max()
        .over(group)?,
        None => when(value.clone().null_count().over(group.clone())?.gt(lit(0)))
            .then(lit(NULL).cast(DataType::Float64))
            .otherwise(value.sum().over(group)?),
    };
    Ok(Some(whole.alias(WHOLE)))
}

/// The names of the columns a check works with besides a dataset's own: those
/// the decision adds (read off its schema), those of the row files, and yoy's
/// internal ones (all starting with `__`). A dataset column of one of these
/// names would be overwritten partway through, so it is refused.
pub(super) fn working_names(ds: &Dataset) -> PolarsResult<Vec<String>> {
    // The decision on an empty frame whose own columns have internal names.
    let mut probe = ds.clone();
    probe.year = "__year".into();
    probe.value = "__v".into();
    if let Some(s) = &mut probe.stated_change {
        s.column = "__sc".into();
    }
    if let Some(s) = &mut probe.stated_share {
        s.stated.column = "__ss".into();
    }
    let f64_column = |name: &str| Column::new_empty(name.into(), &DataType::Float64);
    let frame = DataFrame::new_infer_height(vec![
        Column::new_empty(SID.into(), &DataType::UInt32),
        f64_column(VALUE),
        f64_column(PREV_VALUE),
        f64_column(WHOLE),
        f64_column("__sc"),
        f64_column("__ss"),
    ])?;
    let mut names: Vec<String> = [
        SID,
        PREV_VALUE,
        "delta",
        "pct_change",
        SERIES_CAGR_PCT,
        "whole",
        "computed_share_pct",
        VERDICT,
        REASON,
        SHARE_VERDICT,
        "share_reason",
        FIRST_YEAR,
        "first_value",
        LAST_YEAR,
        "last_value",
        "last_sid",
    ]
    .map(String::from)
    .to_vec();
    for kind in [Kind::Change, Kind::Share] {
        let mut lf = crate::engine::verdicts::decide(
            standard(frame.clone().lazy(), &probe, kind),
            crate::engine::verdicts::Shape::PANEL,
        );
        names.extend(lf.collect_schema()?.iter_names().map(|n| n.to_string()));
    }
    names.retain(|n| !n.starts_with("__"));
    names.sort();
    names.dedup();
    Ok(names)
}

/// The change's verdict columns, which deciding a frame again adds back.
pub(super) fn change_verdict() -> Selector {
    Selector::ByName {
        names: Arc::from([PlSmallStr::from("verdict"), PlSmallStr::from("reason")]),
        strict: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_working_names_are_the_decision_s_own() {
        let spec = crate::spec::load(std::path::Path::new("tests/panels/shares.yaml"))
            .expect("spec loads");
        let names = working_names(&spec.datasets[0]).expect("schema");
        for name in ["offset", "scale", "comp_lo", "st_lo", "verdict", "delta"] {
            assert!(names.iter().any(|n| n == name), "{name}: {names:?}");
        }
        // The dataset's own columns are not among them.
        for name in [
            "indicator",
            "region",
            "year",
            "value",
            "stated_pct",
            "share_pct",
        ] {
            assert!(!names.iter().any(|n| n == name), "{name}");
        }
    }

    #[test]
    fn stated_bounds_match_the_interval_rules() {
        use crate::interval::Interval;
        // The columnwise rule and the scalar rule agree on a few values.
        let cases = Rounding::ALL.iter().flat_map(|r| {
            [12.3, -0.5, 7.0, 0.0, 12.4, -3.7]
                .into_iter()
                .map(move |v| (v, *r))
        });
        for (v, rounding) in cases {
            let scalar = Interval::rounded(v, 1, rounding);
            let df = df!("s" => [v]).expect("frame");
            let [lo, hi, lo_open, hi_open] = stated_bounds(col("s"), 1, rounding);
            let out = df
                .lazy()
                .select([
                    lo.alias(LO),
                    hi.alias(HI),
                    lo_open.alias("lo_open"),
                    hi_open.alias("hi_open"),
                ])
                .collect()
                .expect("runs");
            let f = |n: &str| {
                out.column(n)
                    .expect("col")
                    .f64()
                    .expect("f64")
                    .get(0)
                    .expect("value")
            };
            let b = |n: &str| {
                out.column(n)
                    .expect("col")
                    .bool()
                    .expect("bool")
                    .get(0)
                    .expect("value")
            };
            assert!(
                (f("lo") - scalar.lo).abs() < 1e-12 && (f("hi") - scalar.hi).abs() < 1e-12,
                "{v}"
            );
            assert_eq!(
                (b("lo_open"), b("hi_open")),
                (scalar.lo_open, scalar.hi_open),
                "{v} {rounding:?}"
            );
        }
    }
}
