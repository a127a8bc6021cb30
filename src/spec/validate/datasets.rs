//! Datasets: panels in files, whose rows are claims.

use super::*;

pub(super) fn dataset(
    cx: &mut Ctx,
    report: &Report,
    key: Spanned<String>,
    raw: Spanned<RawDataset>,
) -> Option<Dataset> {
    let loc = raw.referenced;
    let d = raw.value;
    cx.unknown(loc.line(), &d.unknown, DATASET_FIELDS, "a dataset");
    let need =
        |cx: &mut Ctx, v: &Option<Spanned<String>>, field: &str, example: &str| -> Option<String> {
            match v {
                Some(s) if !s.value.trim().is_empty() => Some(s.value.clone()),
                Some(s) => {
                    cx.at_help(
                        &s.referenced,
                        format!("`{field}` is empty"),
                        format!("e.g. `{field}: {example}`"),
                    );
                    None
                }
                None => {
                    cx.at_help(
                        &loc,
                        format!("dataset `{}` needs `{field}:`", key.value),
                        format!("e.g. `{field}: {example}`"),
                    );
                    None
                }
            }
        };
    let path_written = need(cx, &d.path, "path", "../datasets/panel.csv");
    let format = path_written.as_deref().and_then(|p| {
        let lower = p.to_ascii_lowercase();
        if lower.ends_with(".csv") {
            Some(DatasetFormat::Csv)
        } else if lower.ends_with(".parquet") {
            Some(DatasetFormat::Parquet)
        } else {
            if let Some(s) = &d.path {
                cx.at_help(
                    &s.referenced,
                    format!("`{p}` is neither .csv nor .parquet"),
                    "yoy reads CSV (with a header line) and Parquet files",
                );
            }
            None
        }
    });
    let year = need(cx, &d.year, "year", "year");
    let value = need(cx, &d.value, "value", "value");
    let series: Option<Vec<String>> = match &d.series {
        Some(s) if !s.value.is_empty() => Some(s.value.iter().map(|c| c.value.clone()).collect()),
        Some(s) => {
            cx.at_help(
                &s.referenced,
                "`series` lists no column",
                "name the columns that identify a series, e.g. `series: [indicator, region]`",
            );
            None
        }
        None => {
            cx.at_help(
                &loc,
                format!("dataset `{}` needs `series:`", key.value),
                "e.g. `series: [indicator, region]`",
            );
            None
        }
    };
    let kind = indicator_kind(cx, &d.kind);
    let stated_change = d
        .stated_change
        .as_ref()
        .and_then(|sc| stated_column(cx, report, sc, "stated_change", "stated_pct"));
    let stated_share = d.stated_share.as_ref().and_then(|sh| {
        let stated = stated_column(cx, report, sh, "stated_share", "share_pct");
        let across = match &sh.value.across {
            Some(a) if series.as_ref().is_none_or(|s| s.contains(&a.value)) => {
                Some(a.value.clone())
            }
            Some(a) => {
                cx.at_help(
                    &a.referenced,
                    format!("`across: {}` is not one of the series columns", a.value),
                    format!(
                        "the whole is made of the rows that differ in one series column: one of {}",
                        series.as_deref().unwrap_or_default().join(", ")
                    ),
                );
                None
            }
            None => {
                cx.at_help(
                    &sh.referenced,
                    "`stated_share` needs `across:`",
                    "name the series column whose rows make up the whole, e.g. `across: region`",
                );
                None
            }
        };
        Some(StatedShare {
            stated: stated?,
            across: across?,
            total: sh.value.total.as_ref().map(|t| t.value.clone()),
        })
    });
    let csv = dialect(cx, &d, format);
    let (path_written, format, year, value, series, csv) =
        (path_written?, format?, year?, value?, series?, csv?);
    let mut seen: Vec<&str> = Vec::new();
    let stated_name = stated_change.as_ref().map(|s| s.column.as_str());
    let share_name = stated_share.as_ref().map(|s| s.stated.column.as_str());
    for c in series
        .iter()
        .map(String::as_str)
        .chain([year.as_str(), value.as_str()])
        .chain(stated_name)
        .chain(share_name)
    {
        if seen.contains(&c) {
            cx.at_help(
                &loc,
                format!("dataset `{}` uses column `{c}` twice", key.value),
                "each role (series, year, value, stated) needs its own column",
            );
            return None;
        }
        seen.push(c);
    }
    let base = cx.path.parent().unwrap_or(Path::new(""));
    Some(Dataset {
        id: key.value.clone(),
        path: base.join(&path_written),
        path_written,
        format,
        series,
        year,
        value,
        kind,
        stated_change,
        stated_share,
        csv,
        note: d.note.clone(),
        spec_line: key.referenced.line(),
    })
}

/// How a CSV dataset writes fields and numbers: `separator` (one character,
/// `,` unless given) and `decimal_comma`; neither is for a Parquet file.
fn dialect(cx: &mut Ctx, d: &RawDataset, format: Option<DatasetFormat>) -> Option<CsvDialect> {
    let mut dialect = CsvDialect::default();
    let mut ok = true;
    if format == Some(DatasetFormat::Parquet) {
        for (field, at) in [
            ("separator", d.separator.as_ref().map(|s| &s.referenced)),
            (
                "decimal_comma",
                d.decimal_comma.as_ref().map(|s| &s.referenced),
            ),
        ] {
            if let Some(at) = at {
                cx.at_help(
                    at,
                    format!("`{field}` is for CSV files; this dataset is Parquet"),
                    "a Parquet file has typed columns: remove the line",
                );
                ok = false;
            }
        }
        return ok.then_some(dialect);
    }
    if let Some(s) = &d.separator {
        match s.value.as_bytes() {
            [b] if !matches!(b, b'"' | b'\n' | b'\r') && b.is_ascii() => dialect.separator = *b,
            _ => {
                cx.at_help(
                    &s.referenced,
                    format!("`separator: {:?}` is not one character that can separate fields", s.value),
                    "one ASCII character other than a quote or a line end, e.g. `separator: \";\"` or `separator: \"\\t\"`",
                );
                ok = false;
            }
        }
    }
    if let Some(dc) = &d.decimal_comma {
        dialect.decimal_comma = dc.value;
        if dc.value && dialect.separator == b',' {
            cx.at_help(
                &dc.referenced,
                "a comma cannot both separate fields and mark decimals",
                "files with decimal commas separate fields with something else: add e.g. `separator: \";\"`",
            );
            ok = false;
        }
    }
    ok.then_some(dialect)
}

/// A column of stated figures: its name, the decimals it is printed with, and
/// its rounding rule (the report's unless given).
fn stated_column(
    cx: &mut Ctx,
    report: &Report,
    sc: &Spanned<RawStatedColumn>,
    field: &str,
    example: &str,
) -> Option<StatedColumn> {
    let (fields, what) = match field {
        "stated_share" => (STATED_SHARE_FIELDS, "`stated_share`"),
        _ => (STATED_COLUMN_FIELDS, "`stated_change`"),
    };
    cx.unknown(sc.referenced.line(), &sc.value.unknown, fields, what);
    if field != "stated_share" {
        for extra in [&sc.value.across, &sc.value.total].into_iter().flatten() {
            cx.at_help(
                &extra.referenced,
                format!("`{field}` takes no `across` or `total`"),
                "those say what a share is a share of: they belong under `stated_share`",
            );
        }
    }
    let column = match &sc.value.column {
        Some(c) if !c.value.trim().is_empty() => Some(c.value.clone()),
        Some(c) => {
            cx.at_help(
                &c.referenced,
                "`column` is empty",
                format!("e.g. `column: {example}`"),
            );
            None
        }
        None => {
            cx.at_help(
                &sc.referenced,
                format!("`{field}` needs `column:`"),
                format!("e.g. `column: {example}`"),
            );
            None
        }
    };
    let decimals = match &sc.value.decimals {
        Some(dec) if dec.value <= 12 => Some(dec.value),
        Some(dec) => {
            cx.at_help(
                &dec.referenced,
                "more than 12 decimals",
                "a published percentage has a handful at most",
            );
            None
        }
        None => {
            cx.at_help(
                &sc.referenced,
                format!("`{field}` needs `decimals:`"),
                "a number read from a file has lost how it was printed: say how many decimals the publisher prints, e.g. `decimals: 1`",
            );
            None
        }
    };
    let rounding = match &sc.value.rounding {
        Some(r) => rounding_rule(cx, r),
        None => Some(report.rounding),
    };
    Some(StatedColumn {
        column: column?,
        decimals: decimals?,
        rounding: rounding?,
    })
}
