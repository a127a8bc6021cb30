//! Claims: exactly one kind each, its parameters, its references, its waiver.

use super::*;

/// The key that names a claim's kind is the kind itself (`findings::ClaimKind`,
/// one vocabulary): found once in the raw claim, then dispatched on, one
/// function per kind below.
use crate::findings::ClaimKind as Key;

/// Which kind keys a raw claim gives.
trait Given {
    fn given(self, c: &RawClaim) -> bool;
}

impl Given for Key {
    /// Whether the raw claim gives this kind's key.
    fn given(self, c: &RawClaim) -> bool {
        match self {
            Key::Change => c.change.is_some(),
            Key::Points => c.points.is_some(),
            Key::Share => c.share.is_some(),
            Key::Sum => c.sum.is_some(),
            Key::Subset => c.subset.is_some(),
            Key::Shares => c.shares.is_some(),
            Key::Equal => c.equal.is_some(),
            Key::Trend => c.trend.is_some(),
            Key::Multiple => c.multiple.is_some(),
            Key::Product => c.product.is_some(),
            Key::Ratio => c.ratio.is_some(),
        }
    }
}

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

/// What to write instead of a stated percentage without its `%`: a fraction
/// moved two places exactly ("0.28" → "28%", not 28.000000000000004), a
/// percent word replaced by the sign ("10.5 percent" → "10.5%").
fn percent_help(text: &str) -> String {
    let t = text.trim();
    for word in [
        "per cent",
        "percent",
        "pour cent",
        "في المائة",
        "بالمائة",
        "pct",
    ] {
        if let Some(number) = t.strip_suffix(word).map(str::trim_end)
            && number.parse::<f64>().is_ok()
        {
            return format!("write the % sign instead of the word: \"{number}%\"");
        }
    }
    let fraction = t.parse::<f64>().is_ok_and(|v| v.abs() < 1.0 && v != 0.0);
    if !fraction {
        return format!("write it as the report prints it, with its sign: \"{t}%\"");
    }
    // Move the decimal point two places in the text itself.
    let (sign, body) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let frac = format!("{frac:0<2}");
    let (moved, rest) = frac.split_at(2);
    let int = format!("{int}{moved}");
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let pct = if rest.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{rest}")
    };
    format!(
        "it looks like a fraction: write the percentage as the report prints it, e.g. \"{sign}{pct}%\""
    )
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
            percent_help(&s.value.0),
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
    let present: Vec<Key> = Key::ALL.into_iter().filter(|k| k.given(&c)).collect();
    if present.len() != 1 {
        cx.at_help(
            &loc,
            if present.is_empty() {
                format!("claim `{id}` has no kind")
            } else {
                format!(
                    "claim `{id}` has {} kinds ({})",
                    present.len(),
                    present
                        .iter()
                        .map(|k| k.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            },
            format!(
                "give exactly one of: {}",
                Key::ALL.map(Key::name).join(", ")
            ),
        );
        return None;
    }
    let ccx = ClaimCx {
        report,
        indicators,
        loc,
    };
    let waiver = c.waiver.as_ref().and_then(|w| waiver(cx, w));
    let severity = match &c.severity {
        Some(s) => cx.pick(
            s,
            "severity",
            &[
                ("error", Severity::Error),
                ("plausibility", Severity::Plausibility),
            ],
        )?,
        None => Severity::Error,
    };
    let kind = claim_kind(cx, &ccx, &c, present[0])?;
    Some(Claim {
        id,
        says: c.says,
        line: c.line,
        note: c.note,
        spec_line: loc.line(),
        kind,
        waiver,
        severity,
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

/// The claim's kind and its parameters, by the function of its key.
fn claim_kind(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim, key: Key) -> Option<ClaimKind> {
    match key {
        Key::Change => change(cx, ccx, c),
        Key::Points => points(cx, ccx, c),
        Key::Multiple => multiple(cx, ccx, c),
        Key::Share => share(cx, ccx, c),
        Key::Shares => shares(cx, ccx, c),
        Key::Sum => sum(cx, ccx, c),
        Key::Product => product(cx, ccx, c),
        Key::Equal => equal(cx, ccx, c),
        Key::Subset => subset(cx, ccx, c),
        Key::Trend => trend(cx, ccx, c),
        Key::Ratio => ratio(cx, ccx, c),
    }
}

/// An indicator between two years that it both has: `from`, `to`, and the
/// indicator's id. `stated` is checked first when `percent` says how, so that
/// every problem of the claim is reported at once, even with wrong years.
fn between_years(
    cx: &mut Ctx,
    ccx: &ClaimCx,
    c: &RawClaim,
    key: Key,
    name: &Spanned<String>,
    percent: Option<bool>,
) -> Option<(String, i32, i32, Option<Option<StatedFigure>>)> {
    let years = from_to(cx, ccx, c, key.name());
    let early_stated = match (&c.stated, percent) {
        (Some(s), Some(percent)) => Some(stated(cx, s, c, ccx.report, percent)),
        _ => None,
    };
    let (from, to) = years?;
    let a = ccx.at_year(cx, name, from);
    let b = ccx.at_year(cx, name, to);
    Some((a.and(b)?, from, to, early_stated))
}

/// What a change or a points claim states (required).
fn stated_between(
    cx: &mut Ctx,
    ccx: &ClaimCx,
    c: &RawClaim,
    key: Key,
    early: Option<Option<StatedFigure>>,
) -> Option<StatedFigure> {
    required(
        cx,
        &ccx.loc,
        key.name(),
        "stated",
        &c.stated,
        "`stated: \"-50%\"`",
    )?;
    early.flatten()
}

/// `change`: a stated % change between two years.
fn change(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let name = c.change.as_ref()?;
    let (indicator, from, to, early) = between_years(cx, ccx, c, Key::Change, name, Some(true))?;
    let stated = stated_between(cx, ccx, c, Key::Change, early)?;
    Some(ClaimKind::Change {
        indicator,
        from,
        to,
        stated,
    })
}

/// `points`: a stated difference of a rate between two years.
fn points(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let name = c.points.as_ref()?;
    let (indicator, from, to, early) = between_years(cx, ccx, c, Key::Points, name, Some(false))?;
    let stated = stated_between(cx, ccx, c, Key::Points, early)?;
    Some(ClaimKind::Points {
        indicator,
        from,
        to,
        stated,
    })
}

/// `multiple`: "doubled", "halved": a factor between two years, with a
/// declared tolerance.
fn multiple(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let kind = Key::Multiple.name();
    let name = c.multiple.as_ref()?;
    let (indicator, from, to, _) = between_years(cx, ccx, c, Key::Multiple, name, None)?;
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
            cx.at_help(
                &ccx.loc,
                "a `multiple` claim needs a declared `tolerance`",
                "\"doubled\" is never exact: say how far from the factor still counts, e.g. `tolerance: 0.1`",
            );
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
    Some(ClaimKind::Multiple {
        indicator,
        from,
        to,
        factor,
        tolerance,
    })
}

/// `share`: "32 % of the 363 recommendations".
fn share(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let s = c.share.as_ref()?;
    let stated = stated(cx, s, c, ccx.report, true);
    let whole = required(
        cx,
        &ccx.loc,
        Key::Share.name(),
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

/// `shares`: several stated shares of one whole.
fn shares(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let list = c.shares.as_ref()?;
    let year = ccx.single_year(cx, c)?;
    let mut out = Vec::new();
    for s in &list.value {
        out.push(stated(cx, s, c, ccx.report, true));
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

/// A list of indicators of one year, at least `min` of them (each checked).
fn listed(
    cx: &mut Ctx,
    ccx: &ClaimCx,
    key: Key,
    list: &Spanned<Vec<Spanned<String>>>,
    year: i32,
    min: usize,
) -> Option<Vec<String>> {
    if list.value.len() < min {
        cx.at_help(
            &list.referenced,
            format!("`{}:` lists {} indicator(s)", key.name(), list.value.len()),
            format!("list at least {min}"),
        );
        return None;
    }
    let mut names = Vec::new();
    for n in &list.value {
        names.push(ccx.at_year(cx, n, year));
    }
    names.into_iter().collect()
}

/// The `equals:` total of a sum or a product.
fn total(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim, key: Key, year: i32) -> Option<String> {
    let total = required(
        cx,
        &ccx.loc,
        key.name(),
        "equals",
        &c.equals,
        "`equals: id_cards_total`",
    );
    ccx.at_year(cx, total?, year)
}

/// `sum`: parts that add up to a total.
fn sum(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let list = c.sum.as_ref()?;
    let year = ccx.single_year(cx, c)?;
    let parts = listed(cx, ccx, Key::Sum, list, year, 1);
    let total = total(cx, ccx, c, Key::Sum, year)?;
    Some(ClaimKind::Sum {
        parts: parts?,
        total,
        year,
    })
}

/// `product`: factors that multiply to a total (counts and amounts, no rates).
fn product(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let list = c.product.as_ref()?;
    let year = ccx.single_year(cx, c)?;
    let factors = listed(cx, ccx, Key::Product, list, year, 1);
    let total = total(cx, ccx, c, Key::Product, year)?;
    let factors = factors?;
    for n in &factors {
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
        factors,
        total,
        year,
    })
}

/// `equal`: one figure printed in several places.
fn equal(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let list = c.equal.as_ref()?;
    let year = ccx.single_year(cx, c)?;
    Some(ClaimKind::Equal {
        figures: listed(cx, ccx, Key::Equal, list, year, 2)?,
        year,
    })
}

/// `subset`: a part within its whole ("of which").
fn subset(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let part = c.subset.as_ref()?;
    let year = ccx.single_year(cx, c)?;
    let whole = required(
        cx,
        &ccx.loc,
        Key::Subset.name(),
        "of",
        &c.of,
        "`of: transfer_requests`",
    );
    let part = ccx.at_year(cx, part, year);
    let whole = ccx.at_year(cx, whole?, year)?;
    Some(ClaimKind::Subset {
        part: part?,
        whole,
        year,
    })
}

/// `ratio`: a per-unit figure, stated or computed.
fn ratio(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let num = c.ratio.as_ref()?;
    let year = ccx.single_year(cx, c)?;
    let per = required(
        cx,
        &ccx.loc,
        Key::Ratio.name(),
        "per",
        &c.per,
        "`per: schools`",
    );
    let numerator = ccx.at_year(cx, num, year);
    let per = ccx.at_year(cx, per?, year)?;
    let stated = match &c.stated {
        Some(s) => Some(stated(cx, s, c, ccx.report, false)?),
        None => None,
    };
    Some(ClaimKind::Ratio {
        numerator: numerator?,
        per,
        year,
        stated,
    })
}

/// `trend`: a direction over the indicator's years (or the years listed).
fn trend(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let kind = Key::Trend.name();
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

#[cfg(test)]
mod tests {
    use super::percent_help;

    #[test]
    fn a_fraction_becomes_its_percentage_exactly() {
        assert!(
            percent_help("0.28").ends_with("\"28%\""),
            "{}",
            percent_help("0.28")
        );
        assert!(percent_help("0.285").ends_with("\"28.5%\""));
        assert!(percent_help("-0.05").ends_with("\"-5%\""));
        assert!(percent_help("0.5").ends_with("\"50%\""));
        assert!(percent_help("10.5 percent").ends_with("\"10.5%\""));
        assert!(percent_help("12").ends_with("\"12%\""));
    }
}
