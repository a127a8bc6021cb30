//! What a dataset's cells may hold, checked once its rows are read: a count
//! is a whole number, 0 or more, and no larger than 2^53 (the largest whole
//! number every step of the arithmetic holds exactly); a value and a stated
//! figure are finite (a CSV `inf` or `NaN`, a Parquet NaN, is no figure). The
//! first row that breaks a rule is named by its series and year.

use super::DataError;
use crate::spec::{Dataset, IndicatorKind};
use polars::prelude::*;

/// Largest whole number a double holds with every smaller one: 2^53.
const MAX_EXACT: i64 = 1 << 53;

/// A rule over one column, and what a row that breaks it is told.
struct Rule {
    column: String,
    broken: Expr,
    says: &'static str,
}

fn rules(ds: &Dataset, schema: &Schema) -> Vec<Rule> {
    let mut rules = Vec::new();
    let float = |name: &str| schema.get(name).is_some_and(|t| t.is_float());
    let value = ds.value.as_str();
    let v = col(value);
    if float(value) {
        rules.push(Rule {
            column: value.into(),
            broken: v.clone().is_nan().or(v.clone().is_infinite()),
            says: "a value is a finite number, or an empty cell for a missing figure",
        });
    }
    if ds.kind == IndicatorKind::Count {
        rules.push(Rule {
            column: value.into(),
            broken: v.clone().lt(lit(0)),
            says: "a count is 0 or more",
        });
        if float(value) {
            let f = v.clone().cast(DataType::Float64);
            rules.push(Rule {
                column: value.into(),
                broken: f.clone().neq(f.floor()),
                says: "a count is a whole number (declare the dataset `kind: amount` if it is not a count)",
            });
            rules.push(Rule {
                column: value.into(),
                broken: v.clone().abs().gt(lit(MAX_EXACT as f64)),
                says: "a count above 2^53 (9 007 199 254 740 992) cannot be held exactly",
            });
        } else {
            rules.push(Rule {
                column: value.into(),
                broken: v.clone().gt(lit(MAX_EXACT)),
                says: "a count above 2^53 (9 007 199 254 740 992) cannot be held exactly",
            });
        }
    }
    for stated in ds.stated_columns() {
        if float(stated) {
            let s = col(stated);
            rules.push(Rule {
                column: stated.into(),
                broken: s.clone().is_nan().or(s.is_infinite()),
                says: "a stated figure is a finite number, or an empty cell when none is stated",
            });
        }
    }
    rules
}

/// Check the cells of rows read from `ds`.
pub(super) fn check(ds: &Dataset, rows: &DataFrame) -> Result<(), DataError> {
    let schema = rows.schema();
    let rules = rules(ds, schema);
    if rules.is_empty() {
        return Ok(());
    }
    let err = |e: PolarsError| super::error::read_error(ds, e);
    let flags = rows
        .clone()
        .lazy()
        .select(
            rules
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    r.broken
                        .clone()
                        .fill_null(lit(false))
                        .any(true)
                        .alias(format!("r{i}"))
                })
                .collect::<Vec<_>>(),
        )
        .collect()
        .map_err(err)?;
    for (i, rule) in rules.iter().enumerate() {
        let broken = flags
            .column(&format!("r{i}"))
            .ok()
            .and_then(|c| c.bool().ok()?.get(0))
            .unwrap_or(false);
        if !broken {
            continue;
        }
        let mut shown: Vec<Expr> = ds
            .series
            .iter()
            .map(|k| col(k.as_str()).cast(DataType::String))
            .collect();
        shown.push(col(ds.year.as_str()).cast(DataType::String));
        shown.push(col(rule.column.as_str()).cast(DataType::String));
        let first = rows
            .clone()
            .lazy()
            .filter(rule.broken.clone().fill_null(lit(false)))
            .select(shown)
            .limit(1)
            .collect()
            .map_err(err)?;
        let texts: Vec<String> = first
            .columns()
            .iter()
            .map(|c| {
                c.str()
                    .ok()
                    .and_then(|s| s.get(0).map(crate::echo::echo))
                    .unwrap_or_else(|| "(missing)".into())
            })
            .collect();
        let n = ds.series.len();
        let (keys, rest) = texts.split_at(n.min(texts.len()));
        let series = keys
            .iter()
            .zip(&ds.series)
            .map(|(v, k)| format!("{k} = {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        let year = rest.first().cloned().unwrap_or_default();
        let cell = rest.get(1).cloned().unwrap_or_default();
        return Err(DataError::Unreadable {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            reason: format!(
                "the row of series ({series}), year {year}, has `{}` = {cell}: {}",
                rule.column, rule.says
            ),
        });
    }
    Ok(())
}
