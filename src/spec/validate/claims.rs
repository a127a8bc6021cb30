//! Claims: exactly one kind each, its parameters, its references, its waiver.

use super::*;

/// The key that names a claim's kind is the kind itself (`findings::ClaimKind`,
/// one vocabulary): found once in the raw claim, then dispatched on, one
/// function per kind below.
use crate::findings::ClaimKind as Key;

mod qualifier;
mod scrutiny;

use qualifier::{QUALIFIED, qualified};
use scrutiny::{debit, grim, grimmer};

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
            Key::Cagr => c.cagr.is_some(),
            Key::Grim => c.grim.is_some(),
            Key::Grimmer => c.grimmer.is_some(),
            Key::Debit => c.debit.is_some(),
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
    let Ok(value) = t.parse::<f64>() else {
        // Not a number at all ("a": an indicator's name where the stated
        // figure goes): "a%" would be no help.
        return format!(
            "write the figure as the report prints it, e.g. \"28%\"; an indicator such as `{t}` goes in `part:`/`of:` (or `change:` and the like)"
        );
    };
    if !(value.abs() < 1.0 && value != 0.0) {
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
        // A text with no digit in it is no percentage at all (a name
        // written where the stated figure goes).
        let what = if s.value.0.chars().any(|c| c.is_ascii_digit()) {
            "has no % sign"
        } else {
            "is not a percentage"
        };
        cx.at_help(
            &s.referenced,
            format!("`{}` {what}", s.value.0),
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
    // A word on a stated figure belongs to the kinds that state one.
    if !QUALIFIED.contains(&present[0])
        && let Some(w) = &c.qualifier
    {
        cx.at_help(
            &w.referenced,
            format!("a `{}` claim takes no `qualifier:`", present[0].name()),
            format!(
                "a word on a stated figure applies to {}",
                QUALIFIED.map(Key::name).join(", ")
            ),
        );
        return None;
    }
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
        Key::Cagr => cagr(cx, ccx, c),
        Key::Grim => grim(cx, ccx, c),
        Key::Grimmer => grimmer(cx, ccx, c),
        Key::Debit => debit(cx, ccx, c),
    }
}

/// Indicators a claim names in one field (one, or a list added up), each
/// with `year` declared.
fn names(
    cx: &mut Ctx,
    ccx: &ClaimCx,
    field: &str,
    op: &Spanned<Operand>,
    year: i32,
) -> Option<Vec<String>> {
    match &op.value {
        Operand::Name(n) => {
            let n = Spanned {
                value: n.clone(),
                referenced: op.referenced,
                defined: op.defined,
            };
            Some(vec![ccx.at_year(cx, &n, year)?])
        }
        Operand::Names(list) if list.is_empty() => {
            cx.at_help(
                &op.referenced,
                format!("`{field}:` is empty"),
                "name one indicator, or a list to add up",
            );
            None
        }
        Operand::Names(list) => {
            let found: Vec<Option<String>> =
                list.iter().map(|n| ccx.at_year(cx, n, year)).collect();
            found.into_iter().collect()
        }
        Operand::Number(_) => {
            cx.at_help(
                &op.referenced,
                format!("`{field}:` names indicators, not a number"),
                "write an indicator id, or a list of them to add up",
            );
            None
        }
    }
}

/// One indicator a claim names (not a list).
fn one_name(cx: &mut Ctx, field: &str, op: &Spanned<Operand>) -> Option<Spanned<String>> {
    match &op.value {
        Operand::Name(n) => Some(Spanned {
            value: n.clone(),
            referenced: op.referenced,
            defined: op.defined,
        }),
        _ => {
            cx.at_help(
                &op.referenced,
                format!("`{field}:` names one indicator"),
                "write a single indicator id",
            );
            None
        }
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

/// `change`: a change between two years, as a % (`stated`), as an absolute
/// change (`by`), or both; per capita with `per`.
fn change(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let name = c.change.as_ref()?;
    let (indicator, from, to, early) = between_years(cx, ccx, c, Key::Change, name, Some(true))?;
    let pct = qualified(cx, c, Key::Change, early.flatten());
    if c.stated.is_some() && pct.is_none() {
        return None;
    }
    let by = match &c.by {
        Some(b) if b.value.0.trim().ends_with('%') => {
            cx.at_help(
                &b.referenced,
                format!("`by: {}` is a %; `by:` is the absolute change", b.value.0),
                "write the % under `stated:`, and under `by:` the change in the indicator's unit, e.g. `by: \"-33\"`",
            );
            return None;
        }
        Some(b) => Some(stated(cx, b, c, ccx.report, false)?),
        None => None,
    };
    if pct.is_none() && by.is_none() {
        cx.at_help(
            &ccx.loc,
            "a `change` claim needs `stated:` (the %) or `by:` (the absolute change), or both",
            "e.g. `stated: \"-5%\"` and `by: \"-33\"` for \"33 fewer, down 5 %\"",
        );
        return None;
    }
    let per = match &c.per {
        Some(p) => {
            let p = one_name(cx, "per", p)?;
            if by.is_some() {
                cx.at_help(
                    &p.referenced,
                    "a per-capita change takes no `by:`",
                    "state the per-capita change as a % only",
                );
                return None;
            }
            let a = ccx.at_year(cx, &p, from);
            let b = ccx.at_year(cx, &p, to);
            a.and(b)
        }
        None => None,
    };
    if c.per.is_some() && per.is_none() {
        return None;
    }
    Some(ClaimKind::Change {
        indicator,
        from,
        to,
        stated: pct,
        by,
        per,
    })
}

/// `points`: a stated difference of a rate between two years.
fn points(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let name = c.points.as_ref()?;
    let (indicator, from, to, early) = between_years(cx, ccx, c, Key::Points, name, Some(false))?;
    let stated = stated_between(cx, ccx, c, Key::Points, early);
    let stated = qualified(cx, c, Key::Points, stated)?;
    Some(ClaimKind::Points {
        indicator,
        from,
        to,
        stated,
    })
}

/// The factor words a report uses, and the factor each says.
const FACTOR_WORDS: [(&str, f64); 5] = [
    ("doubled", 2.0),
    ("tripled", 3.0),
    ("quadrupled", 4.0),
    ("halved", 0.5),
    ("quartered", 0.25),
];

/// `multiple`: "doubled", "halved", "four times more": a factor between two
/// years; the tolerance declared, or for counts the default band.
fn multiple(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let name = c.multiple.as_ref()?;
    let (indicator, from, to, _) = between_years(cx, ccx, c, Key::Multiple, name, None)?;
    let (factor, word) = match (&c.factor, &c.times_more) {
        (Some(f), None) => match &f.value {
            Operand::Number(n) => {
                let n = Spanned {
                    value: *n,
                    referenced: f.referenced,
                    defined: f.defined,
                };
                (number(cx, &n, "`factor`")?, None)
            }
            Operand::Name(w) => {
                let w = Spanned {
                    value: w.clone(),
                    referenced: f.referenced,
                    defined: f.defined,
                };
                (cx.pick(&w, "factor word", &FACTOR_WORDS)?, Some(w.value))
            }
            Operand::Names(_) => {
                cx.at_help(
                    &f.referenced,
                    "`factor:` is one number or word",
                    "e.g. `factor: 2` or `factor: doubled`",
                );
                return None;
            }
        },
        (None, Some(t)) => {
            let n = number(cx, t, "`times_more`")?;
            let plus_one = match &c.reading {
                Some(r) => cx.pick(
                    r,
                    "reading",
                    &[("n_times", false), ("n_plus_one_times", true)],
                )?,
                None => false,
            };
            let factor = if plus_one { n + 1.0 } else { n };
            (factor, Some(format!("{n} times more")))
        }
        (Some(f), Some(_)) => {
            cx.at_help(
                &f.referenced,
                "give `factor:` or `times_more:`, not both",
                "`times_more: 4` is \"four times more\"; `factor: 4` is \"four times as many\"",
            );
            return None;
        }
        (None, None) => {
            cx.at_help(
                &ccx.loc,
                "a `multiple` claim needs `factor:` or `times_more:`",
                "e.g. `factor: doubled`, `factor: 0.5`, or `times_more: 4`",
            );
            return None;
        }
    };
    if c.reading.is_some() && c.times_more.is_none() {
        cx.at_help(
            &ccx.loc,
            "`reading:` goes with `times_more:`",
            "it says whether \"N times more\" means N× or (N+1)×",
        );
        return None;
    }
    let tolerance = match &c.tolerance {
        Some(t) => Some(number(cx, t, "`tolerance`")?),
        None => None,
    };
    let count = ccx
        .indicators
        .iter()
        .find(|i| i.id == indicator)
        .is_some_and(|i| i.integral());
    if tolerance.is_none() && !count {
        cx.at_help(
            &ccx.loc,
            "a `multiple` claim on an amount or a rate needs a declared `tolerance`",
            "\"doubled\" is never exact: say how far from the factor still counts, e.g. `tolerance: 0.1` (counts have a default)",
        );
        return None;
    }
    if factor <= 0.0 || tolerance.is_some_and(|t| t < 0.0) {
        cx.at_help(
            &ccx.loc,
            "the factor must be positive and `tolerance` not negative",
            "e.g. `factor: 2, tolerance: 0.1`",
        );
        return None;
    }
    Some(ClaimKind::Multiple {
        indicator,
        from,
        to,
        factor,
        word,
        tolerance,
    })
}

/// `share`: "32 % of the 363 recommendations"; part and whole may be
/// several figures added up.
fn share(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let s = c.share.as_ref()?;
    let stated = stated(cx, s, c, ccx.report, true);
    let stated = qualified(cx, c, Key::Share, stated);
    let whole = required(
        cx,
        &ccx.loc,
        Key::Share.name(),
        "of",
        &c.of,
        "`of: grievance_recommendations`",
    );
    let year = ccx.single_year(cx, c)?;
    let whole = names(cx, ccx, "of", whole?, year)?;
    let part = match &c.part {
        Some(p) => names(cx, ccx, "part", p, year)?,
        None => Vec::new(),
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
        Some(w) => {
            let w = one_name(cx, "of", w)?;
            Some(ccx.at_year(cx, &w, year)?)
        }
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

/// `subset`: parts within their whole ("of which").
fn subset(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let parts = c.subset.as_ref()?;
    let year = ccx.single_year(cx, c)?;
    let whole = required(
        cx,
        &ccx.loc,
        Key::Subset.name(),
        "of",
        &c.of,
        "`of: transfer_requests`",
    );
    let parts = names(cx, ccx, "subset", parts, year);
    let whole = one_name(cx, "of", whole?)?;
    let whole = ccx.at_year(cx, &whole, year)?;
    Some(ClaimKind::Subset {
        parts: parts?,
        whole,
        year,
    })
}

/// `ratio`: a per-unit figure, stated or computed: over figures added up,
/// per figures or a constant, times a scale.
fn ratio(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let num = c.ratio.as_ref()?;
    let year = ccx.single_year(cx, c)?;
    let per = required(
        cx,
        &ccx.loc,
        Key::Ratio.name(),
        "per",
        &c.per,
        "`per: schools`, `per: [a, b]` or `per: 52`",
    );
    let numerator = names(cx, ccx, "ratio", num, year);
    let per = match &per?.value {
        Operand::Number(n) => {
            let n = Spanned {
                value: *n,
                referenced: per?.referenced,
                defined: per?.defined,
            };
            let k = number(cx, &n, "`per`")?;
            if k <= 0.0 {
                cx.at_help(
                    &n.referenced,
                    "`per:` must be positive",
                    "e.g. `per: 52` for a weekly figure from a yearly one",
                );
                return None;
            }
            Per::Constant(k)
        }
        _ => Per::Figures(names(cx, ccx, "per", per?, year)?),
    };
    let scale = match &c.scale {
        Some(sc) => {
            let k = number(cx, sc, "`scale`")?;
            if k <= 0.0 {
                cx.at_help(
                    &sc.referenced,
                    "`scale:` must be positive",
                    "e.g. `scale: 100000` for \"per 100 000 inhabitants\"",
                );
                return None;
            }
            k
        }
        None => 1.0,
    };
    let stated = match &c.stated {
        Some(s) => {
            let s = stated(cx, s, c, ccx.report, false);
            Some(qualified(cx, c, Key::Ratio, s)?)
        }
        None => None,
    };
    Some(ClaimKind::Ratio {
        numerator: numerator?,
        per,
        scale,
        year,
        stated,
    })
}

/// `cagr`: a stated average annual change over a span of years.
fn cagr(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let name = c.cagr.as_ref()?;
    let (indicator, from, to, early) = between_years(cx, ccx, c, Key::Cagr, name, Some(true))?;
    let stated = stated_between(cx, ccx, c, Key::Cagr, early);
    let stated = qualified(cx, c, Key::Cagr, stated)?;
    if to < from {
        if let Some(t) = &c.to {
            cx.at_help(
                &t.referenced,
                format!("`to` ({to}) is before `from` ({from})"),
                "an average annual change runs forward: swap them",
            );
        }
        return None;
    }
    let average = match &c.average {
        Some(a) => cx.pick(
            a,
            "average",
            &[("compound", Average::Compound), ("linear", Average::Linear)],
        )?,
        None => Average::Compound,
    };
    Some(ClaimKind::Cagr {
        indicator,
        from,
        to,
        stated,
        average,
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
        // A name where the figure goes gets no "a%".
        assert!(!percent_help("a").contains("\"a%\""));
        assert!(percent_help("a").contains("an indicator such as `a` goes in"));
    }
}
