//! Claims: exactly one kind each, its parameters, its references, its waiver.

use super::*;

pub(super) const KIND_KEYS: [&str; 11] = [
    "change", "points", "share", "sum", "subset", "shares", "equal", "trend", "multiple",
    "product", "ratio",
];

/// The claim-building context: the spec so far and the claim's own location.
pub(super) struct ClaimCx<'a> {
    report: &'a Report,
    indicators: &'a [Indicator],
    loc: Location,
}

impl ClaimCx<'_> {
    fn indicator<'s>(&'s self, cx: &mut Ctx, name: &Spanned<String>) -> Option<&'s Indicator> {
        let found = self.indicators.iter().find(|i| i.id == name.value);
        if found.is_none() {
            let help = match nearest(&name.value, self.indicators.iter().map(|i| i.id.as_str())) {
                Some(n) => format!("did you mean `{n}`?"),
                None => "declare it under `indicators:` first".into(),
            };
            cx.at_help(
                &name.referenced,
                format!("unknown indicator `{}`", name.value),
                help,
            );
        }
        found
    }

    /// An indicator that has `year` declared (a figure, or `~` for a missing one).
    fn at_year(&self, cx: &mut Ctx, name: &Spanned<String>, year: i32) -> Option<String> {
        let ind = self.indicator(cx, name)?;
        if !ind.has_year(year) {
            let known: Vec<String> = ind.figures.iter().map(|f| f.year.to_string()).collect();
            cx.at_help(
                &name.referenced,
                format!("indicator `{}` has no value for {year}", name.value),
                format!(
                    "its years are {}; if the report does not give {year}, declare `{year}: ~` under its values",
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                ),
            );
            return None;
        }
        Some(ind.id.clone())
    }

    fn single_year(&self, cx: &mut Ctx, c: &RawClaim) -> Option<i32> {
        match &c.year {
            Some(y) => year(cx, y),
            None => match self.report.year {
                Some(y) => Some(y),
                None => {
                    cx.at_help(
                        &self.loc,
                        "this claim needs a year",
                        "add `year:` to the claim, or `year:` to the report as the default",
                    );
                    None
                }
            },
        }
    }
}

pub(super) fn required<'a, T>(
    cx: &mut Ctx,
    loc: &Location,
    kind: &str,
    field: &str,
    v: &'a Option<T>,
    example: &str,
) -> Option<&'a T> {
    if v.is_none() {
        cx.at_help(
            loc,
            format!("a `{kind}` claim needs `{field}:`"),
            format!("e.g. {example}"),
        );
    }
    v.as_ref()
}

pub(super) fn stated(
    cx: &mut Ctx,
    s: &Spanned<Stated>,
    c: &RawClaim,
    report: &Report,
    percent: bool,
) -> Option<StatedFigure> {
    let rounding = match &c.rounding {
        Some(r) => rounding_rule(cx, r)?,
        None => report.rounding,
    };
    let decimals = c.decimals.as_ref().map(|d| d.value);
    if percent && !s.value.0.trim().ends_with('%') {
        cx.at_help(
            &s.referenced,
            format!("`{}` has no % sign", s.value.0),
            if s.value.0.trim().parse::<f64>().is_ok_and(|v| v.abs() < 1.0 && v != 0.0) {
                format!("it looks like a fraction: write the percentage as the report prints it, e.g. \"{}%\"", s.value.0.trim().parse::<f64>().unwrap_or(0.0) * 100.0)
            } else {
                format!("write it as the report prints it, with its sign: \"{}%\"", s.value.0.trim())
            },
        );
        return None;
    }
    match StatedFigure::parse(&s.value.0, decimals, rounding) {
        Ok(f) => Some(f),
        Err(msg) => {
            cx.at(&s.referenced, msg);
            None
        }
    }
}

pub(super) fn claim(
    cx: &mut Ctx,
    report: &Report,
    indicators: &[Indicator],
    raw: Spanned<RawClaim>,
) -> Option<Claim> {
    let loc = raw.referenced;
    let c = raw.value;
    cx.unknown(loc.line(), &c.unknown, CLAIM_FIELDS, "a claim");
    let id = match &c.id {
        Some(id) if valid_id(&id.value) => id.value.clone(),
        Some(id) => {
            cx.at_help(
                &id.referenced,
                format!("claim id `{}` is not a valid id", id.value),
                "use letters, digits, `_` and `-`",
            );
            return None;
        }
        None => {
            cx.at_help(
                &loc,
                "this claim has no `id:`",
                "add `id:`, a short name such as `sanctions_down_half`",
            );
            return None;
        }
    };
    let present: Vec<&str> = [
        c.change.is_some(),
        c.points.is_some(),
        c.share.is_some(),
        c.sum.is_some(),
        c.subset.is_some(),
        c.shares.is_some(),
        c.equal.is_some(),
        c.trend.is_some(),
        c.multiple.is_some(),
        c.product.is_some(),
        c.ratio.is_some(),
    ]
    .iter()
    .zip(KIND_KEYS)
    .filter(|(p, _)| **p)
    .map(|(_, k)| k)
    .collect();
    if present.len() != 1 {
        cx.at_help(
            &loc,
            if present.is_empty() {
                format!("claim `{id}` has no kind")
            } else {
                format!(
                    "claim `{id}` has {} kinds ({})",
                    present.len(),
                    present.join(", ")
                )
            },
            format!("give exactly one of: {}", KIND_KEYS.join(", ")),
        );
        return None;
    }
    let ccx = ClaimCx {
        report,
        indicators,
        loc,
    };
    let waiver = c.waiver.as_ref().and_then(|w| waiver(cx, w));
    let kind = claim_kind(cx, &ccx, &c, present[0])?;
    Some(Claim {
        id,
        says: c.says,
        line: c.line,
        note: c.note,
        spec_line: loc.line(),
        kind,
        waiver,
    })
}

pub(super) fn waiver(cx: &mut Ctx, w: &Spanned<RawWaiver>) -> Option<Waiver> {
    cx.unknown(
        w.referenced.line(),
        &w.value.unknown,
        WAIVER_FIELDS,
        "a waiver",
    );
    let reason = w
        .value
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    if reason.is_none() {
        cx.at_help(
            &w.referenced,
            "a waiver needs a `reason:`",
            "say why the claim is accepted as it is, for whoever reads the report next",
        );
    }
    let until = match &w.value.until {
        None => {
            cx.at_help(
                &w.referenced,
                "a waiver needs an expiry date `until:`",
                "e.g. `until: 2025-06-30`; a waiver never expires silently",
            );
            None
        }
        Some(u) => {
            let d = Date::parse(&u.value);
            if d.is_none() {
                cx.at_help(
                    &u.referenced,
                    format!("`{}` is not a date", u.value),
                    "write it as YYYY-MM-DD, e.g. `2025-06-30`",
                );
            }
            d
        }
    };
    Some(Waiver {
        reason: reason?.to_string(),
        until: until?,
    })
}

pub(super) fn from_to(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim, kind: &str) -> Option<(i32, i32)> {
    let from = required(cx, &ccx.loc, kind, "from", &c.from, "`from: 2023`");
    let to = required(cx, &ccx.loc, kind, "to", &c.to, "`to: 2024`");
    let (from, to) = (year(cx, from?)?, year(cx, to?)?);
    if from == to {
        if let Some(t) = &c.to {
            cx.at_help(
                &t.referenced,
                format!("`from` and `to` are the same year ({from})"),
                "a change runs between two different years",
            );
        }
        return None;
    }
    Some((from, to))
}

pub(super) fn claim_kind(
    cx: &mut Ctx,
    ccx: &ClaimCx,
    c: &RawClaim,
    kind: &str,
) -> Option<ClaimKind> {
    let report = ccx.report;
    match kind {
        "change" | "points" | "multiple" => {
            let name = match kind {
                "change" => c.change.as_ref(),
                "points" => c.points.as_ref(),
                _ => c.multiple.as_ref(),
            }?;
            let years = from_to(cx, ccx, c, kind);
            // The stated figure is checked even when the years are wrong, so that
            // every problem of the claim is reported at once.
            let early_stated = match (&c.stated, kind) {
                (Some(s), "change" | "points") => Some(stated(cx, s, c, report, kind == "change")),
                _ => None,
            };
            let (from, to) = years?;
            let a = ccx.at_year(cx, name, from);
            let b = ccx.at_year(cx, name, to);
            let indicator = a.and(b)?;
            if kind == "multiple" {
                let factor = required(
                    cx,
                    &ccx.loc,
                    kind,
                    "factor",
                    &c.factor,
                    "`factor: 2` for \"doubled\", `0.5` for \"halved\"",
                )?;
                let factor = number(cx, factor, "`factor`")?;
                let tolerance = match &c.tolerance {
                    Some(t) => number(cx, t, "`tolerance`")?,
                    None => {
                        cx.at_help(&ccx.loc, "a `multiple` claim needs a declared `tolerance`", "\"doubled\" is never exact: say how far from the factor still counts, e.g. `tolerance: 0.1`");
                        return None;
                    }
                };
                if factor <= 0.0 || tolerance < 0.0 {
                    cx.at_help(
                        &ccx.loc,
                        "`factor` must be positive and `tolerance` not negative",
                        "e.g. `factor: 2, tolerance: 0.1`",
                    );
                    return None;
                }
                return Some(ClaimKind::Multiple {
                    indicator,
                    from,
                    to,
                    factor,
                    tolerance,
                });
            }
            required(
                cx,
                &ccx.loc,
                kind,
                "stated",
                &c.stated,
                "`stated: \"-50%\"`",
            )?;
            let stated = early_stated.flatten()?;
            Some(if kind == "change" {
                ClaimKind::Change {
                    indicator,
                    from,
                    to,
                    stated,
                }
            } else {
                ClaimKind::Points {
                    indicator,
                    from,
                    to,
                    stated,
                }
            })
        }
        "share" => {
            let s = c.share.as_ref()?;
            let stated = stated(cx, s, c, report, true);
            let whole = required(
                cx,
                &ccx.loc,
                kind,
                "of",
                &c.of,
                "`of: grievance_recommendations`",
            );
            let year = ccx.single_year(cx, c)?;
            let whole = ccx.at_year(cx, whole?, year)?;
            let part = match &c.part {
                Some(p) => Some(ccx.at_year(cx, p, year)?),
                None => None,
            };
            Some(ClaimKind::Share {
                stated: stated?,
                part,
                whole,
                year,
            })
        }
        "shares" => {
            let list = c.shares.as_ref()?;
            let year = ccx.single_year(cx, c)?;
            let mut out = Vec::new();
            for s in &list.value {
                out.push(stated(cx, s, c, report, true));
            }
            if list.value.is_empty() {
                cx.at_help(
                    &list.referenced,
                    "`shares:` is empty",
                    "list the stated shares, e.g. `shares: [\"32%\", \"60%\"]`",
                );
                return None;
            }
            let whole = match &c.of {
                Some(w) => Some(ccx.at_year(cx, w, year)?),
                None => None,
            };
            let stated: Option<Vec<StatedFigure>> = out.into_iter().collect();
            Some(ClaimKind::Shares {
                stated: stated?,
                whole,
                year,
                exhaustive: c.exhaustive.unwrap_or(false),
            })
        }
        "sum" | "product" | "equal" => {
            let list = match kind {
                "sum" => c.sum.as_ref(),
                "product" => c.product.as_ref(),
                _ => c.equal.as_ref(),
            }?;
            let year = ccx.single_year(cx, c)?;
            let min = if kind == "equal" { 2 } else { 1 };
            if list.value.len() < min {
                cx.at_help(
                    &list.referenced,
                    format!("`{kind}:` lists {} indicator(s)", list.value.len()),
                    format!("list at least {min}"),
                );
                return None;
            }
            let mut names = Vec::new();
            for n in &list.value {
                names.push(ccx.at_year(cx, n, year));
            }
            let names: Option<Vec<String>> = names.into_iter().collect();
            if kind == "equal" {
                return Some(ClaimKind::Equal {
                    figures: names?,
                    year,
                });
            }
            let total = required(
                cx,
                &ccx.loc,
                kind,
                "equals",
                &c.equals,
                "`equals: id_cards_total`",
            );
            let total = ccx.at_year(cx, total?, year)?;
            let names = names?;
            if kind == "sum" {
                Some(ClaimKind::Sum {
                    parts: names,
                    total,
                    year,
                })
            } else {
                for n in &names {
                    if ccx
                        .indicators
                        .iter()
                        .find(|i| &i.id == n)
                        .is_some_and(|i| i.kind == IndicatorKind::Rate)
                    {
                        cx.at_help(
                            &list.referenced,
                            format!("`{n}` is a rate; a product multiplies counts and amounts"),
                            "declare it `kind: amount` if it is a per-unit amount",
                        );
                        return None;
                    }
                }
                Some(ClaimKind::Product {
                    factors: names,
                    total,
                    year,
                })
            }
        }
        "subset" => {
            let part = c.subset.as_ref()?;
            let year = ccx.single_year(cx, c)?;
            let whole = required(cx, &ccx.loc, kind, "of", &c.of, "`of: transfer_requests`");
            let part = ccx.at_year(cx, part, year);
            let whole = ccx.at_year(cx, whole?, year)?;
            Some(ClaimKind::Subset {
                part: part?,
                whole,
                year,
            })
        }
        "trend" => {
            let name = c.trend.as_ref()?;
            let ind = ccx.indicator(cx, name)?;
            let dir = required(
                cx,
                &ccx.loc,
                kind,
                "direction",
                &c.direction,
                "`direction: decreasing`",
            )?;
            let direction = cx.pick(
                dir,
                "direction",
                &[
                    ("decreasing", Direction::Decreasing),
                    ("increasing", Direction::Increasing),
                    ("flat", Direction::Flat),
                    ("down", Direction::Decreasing),
                    ("up", Direction::Increasing),
                ],
            )?;
            let years: Vec<i32> = match &c.years {
                Some(ys) => {
                    let mut out = Vec::new();
                    for y in &ys.value {
                        let yr = year(cx, y)?;
                        if !ind.has_year(yr) {
                            cx.at_help(
                                &y.referenced,
                                format!("indicator `{}` has no value for {yr}", ind.id),
                                "list only years the indicator has",
                            );
                            return None;
                        }
                        out.push(yr);
                    }
                    out
                }
                None => {
                    let mut ys: Vec<i32> = ind
                        .figures
                        .iter()
                        .map(|f| f.year)
                        .chain(ind.unknown_years.iter().copied())
                        .collect();
                    ys.sort_unstable();
                    ys
                }
            };
            let mut sorted = years.clone();
            sorted.sort_unstable();
            sorted.dedup();
            if sorted.len() < 2 {
                cx.at_help(
                    &name.referenced,
                    format!(
                        "a trend needs at least two years; `{}` has {}",
                        ind.id,
                        sorted.len()
                    ),
                    "add the other years' values, or use a `change` claim",
                );
                return None;
            }
            Some(ClaimKind::Trend {
                indicator: ind.id.clone(),
                direction,
                years: sorted,
            })
        }
        "ratio" => {
            let num = c.ratio.as_ref()?;
            let year = ccx.single_year(cx, c)?;
            let per = required(cx, &ccx.loc, kind, "per", &c.per, "`per: schools`");
            let numerator = ccx.at_year(cx, num, year);
            let per = ccx.at_year(cx, per?, year)?;
            let stated = match &c.stated {
                Some(s) => Some(stated(cx, s, c, report, false)?),
                None => None,
            };
            Some(ClaimKind::Ratio {
                numerator: numerator?,
                per,
                year,
                stated,
            })
        }
        _ => None,
    }
}
