//! Indicators and their yearly figures: how each printed form becomes an interval.

use super::*;

pub(super) fn indicator(
    cx: &mut Ctx,
    report: &Report,
    key: Spanned<String>,
    raw: Spanned<RawIndicator>,
) -> Option<Indicator> {
    let id = key.value.clone();
    if !valid_id(&id) {
        cx.at_help(
            &key.referenced,
            format!("indicator id `{id}` has characters ids may not have"),
            "use letters, digits, `_` and `-`, e.g. `id_cards_total`",
        );
    }
    let r = raw.value;
    cx.unknown(
        raw.referenced.line(),
        &r.unknown,
        INDICATOR_FIELDS,
        "an indicator",
    );
    let kind = indicator_kind(cx, &r.kind);
    let mut figures: Vec<Figure> = Vec::new();
    let mut unknown_years = Vec::new();
    match r.values {
        None => cx.at_help(
            &raw.referenced,
            format!("indicator `{id}` has no `values:`"),
            "add `values:` with the report's figures by year, e.g. `values: {2024: 1263}`",
        ),
        Some(values) => {
            if values.value.0.is_empty() {
                cx.at_help(
                    &values.referenced,
                    format!("indicator `{id}` has no values"),
                    "add at least one `YEAR: figure`",
                );
            }
            for (y, v) in values.value.0 {
                let Some(yr) = year(cx, &y) else { continue };
                if figures.iter().any(|f| f.year == yr) || unknown_years.contains(&yr) {
                    cx.at_help(
                        &y.referenced,
                        format!("indicator `{id}` has two values for {yr}"),
                        "keep one; a figure the report prints twice is two indicators and an `equal` claim",
                    );
                    continue;
                }
                match v.value {
                    RawValue::Unknown => unknown_years.push(yr),
                    RawValue::Bare(n) => {
                        let n = Spanned::new(n, v.referenced, v.defined);
                        let line = y.referenced.line();
                        match number(cx, &n, "the value").and_then(|x| {
                            figure(cx, kind, report, yr, line, &v.referenced, exact(x))
                        }) {
                            Some(f) => figures.push(f),
                            // Already reported; keep the year declared so that claims
                            // using it do not add a second, misleading error.
                            None => unknown_years.push(yr),
                        }
                    }
                    RawValue::Detailed(d) => {
                        match detailed(cx, kind, report, yr, y.referenced.line(), &v.referenced, *d)
                        {
                            Some(f) => figures.push(f),
                            None => unknown_years.push(yr),
                        }
                    }
                }
            }
        }
    }
    Some(Indicator {
        id,
        label: r.label,
        label_source: r.label_source,
        unit: r.unit,
        kind,
        note: r.note,
        figures,
        unknown_years,
        spec_line: key.referenced.line(),
    })
}

pub(super) struct Written {
    value: f64,
    form: Form,
    line: Option<u32>,
    as_written: Option<String>,
    counted: bool,
    note: Option<String>,
}

pub(super) fn exact(value: f64) -> Written {
    Written {
        value,
        form: Form::Exact,
        line: None,
        as_written: None,
        counted: false,
        note: None,
    }
}

pub(super) fn detailed(
    cx: &mut Ctx,
    kind: IndicatorKind,
    report: &Report,
    yr: i32,
    spec_line: u64,
    loc: &Location,
    d: RawValueDetail,
) -> Option<Figure> {
    cx.unknown(loc.line(), &d.unknown, VALUE_FIELDS, "a value");
    let forms = [
        ("value", &d.value),
        ("more_than", &d.more_than),
        ("at_least", &d.at_least),
        ("up_to", &d.up_to),
        ("about", &d.about),
    ];
    let given: Vec<&str> = forms
        .iter()
        .filter(|(_, v)| v.is_some())
        .map(|(n, _)| *n)
        .collect();
    if given.len() != 1 {
        cx.at_help(
            loc,
            if given.is_empty() {
                "this value has no figure".to_string()
            } else {
                format!(
                    "this value has {} figures ({})",
                    given.len(),
                    given.join(", ")
                )
            },
            "give exactly one of `value`, `more_than`, `at_least`, `up_to`, `about`",
        );
        return None;
    }
    let (name, n) = forms
        .iter()
        .find_map(|(name, v)| v.as_ref().map(|n| (*name, n)))?;
    let value = number(cx, n, "the value")?;
    let form = match name {
        "value" => {
            match &d.rounded_to {
                Some(r) => {
                    let to = number(cx, r, "`rounded_to`")?;
                    if to <= 0.0 {
                        cx.at_help(&r.referenced, "`rounded_to` must be positive", "e.g. `rounded_to: 10000` for a figure printed to the nearest ten thousand");
                        return None;
                    }
                    Form::Rounded { to }
                }
                None => Form::Exact,
            }
        }
        "more_than" => Form::MoreThan,
        "at_least" => Form::AtLeast,
        "up_to" => Form::UpTo,
        _ => match &d.tolerance {
            Some(t) => Form::About {
                tolerance: tolerance(cx, t)?,
            },
            None => {
                cx.at_help(
                    &n.referenced,
                    "`about` needs a declared `tolerance`",
                    "yoy never assumes how loose \"about\" is: add e.g. `tolerance: 5`",
                );
                return None;
            }
        },
    };
    if let Some(t) = d
        .tolerance
        .as_ref()
        .filter(|_| !matches!(form, Form::About { .. }))
    {
        {
            cx.at_help(
                &t.referenced,
                "`tolerance` goes only with `about`",
                "remove it, or write the figure as `about:`",
            );
        }
    }
    if let Some(r) = d.rounded_to.as_ref().filter(|_| name != "value") {
        {
            cx.at_help(
                &r.referenced,
                "`rounded_to` goes only with `value`",
                "remove it, or write the figure as `value:`",
            );
        }
    }
    let w = Written {
        value,
        form,
        line: d.line,
        as_written: d.as_written,
        counted: d.counted.unwrap_or(false),
        note: d.note,
    };
    figure(cx, kind, report, yr, spec_line, &n.referenced, w)
}

pub(super) fn figure(
    cx: &mut Ctx,
    kind: IndicatorKind,
    _report: &Report,
    year: i32,
    spec_line: u64,
    loc: &Location,
    w: Written,
) -> Option<Figure> {
    let v = w.value;
    if kind == IndicatorKind::Count {
        if v < 0.0 {
            cx.at_help(loc, format!("a count cannot be negative ({v})"), "if the figure can be negative, declare the indicator `kind: amount` or `kind: rate`");
            return None;
        }
        if v.fract() != 0.0 && matches!(w.form, Form::Exact) {
            cx.at_help(
                loc,
                format!("a count must be a whole number, not {v}"),
                "if it is printed rounded (e.g. 2.12 million), write `{value: 2120000, rounded_to: 10000}`; if it is not a count, declare `kind: amount`",
            );
            return None;
        }
    }
    let floor = if kind == IndicatorKind::Rate {
        f64::NEG_INFINITY
    } else {
        0.0
    };
    let interval = match &w.form {
        Form::Exact => Interval::point(v),
        Form::Rounded { to } => {
            let i = Interval::rounded_to_step(v, *to, Rounding::Any);
            Interval::closed(i.lo.max(floor), i.hi)
        }
        // A count printed as "more than 4300" is at least 4301.
        Form::MoreThan if kind == IndicatorKind::Count => {
            Interval::closed(v.floor() + 1.0, f64::INFINITY)
        }
        Form::MoreThan => Interval {
            lo_open: true,
            ..Interval::closed(v, f64::INFINITY)
        },
        Form::AtLeast => Interval::closed(v, f64::INFINITY),
        Form::UpTo => Interval::closed(floor.min(v), v),
        Form::About { tolerance } => Interval::closed((v - tolerance).max(floor), v + tolerance),
    };
    Some(Figure {
        year,
        value: v,
        form: w.form,
        interval,
        line: w.line,
        as_written: w.as_written,
        counted: w.counted,
        note: w.note,
        spec_line,
    })
}
