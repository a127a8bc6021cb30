//! `grim`, `grimmer`, `debit`: a mean (and an SD) of whole-number answers,
//! and how many answers it is over.

use super::*;

/// The number of answers a mean is over: a whole number, or a count figure.
fn size(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim, key: Key) -> Option<(Size, i32)> {
    let n = required(
        cx,
        &ccx.loc,
        key.name(),
        "n",
        &c.n,
        "`n: 28` (answers), or `n: respondents`",
    )?;
    match &n.value {
        Operand::Number(v) => {
            let v = Spanned {
                value: *v,
                referenced: n.referenced,
                defined: n.defined,
            };
            let k = number(cx, &v, "`n`")?;
            if k < 1.0 || k.fract() != 0.0 {
                cx.at_help(
                    &n.referenced,
                    format!("`n: {k}` is not a whole number of answers"),
                    "e.g. `n: 28`",
                );
                return None;
            }
            // The year matters only for a figure; any default will do.
            let year = c
                .year
                .as_ref()
                .map_or(ccx.report.year.unwrap_or(0), |y| y.value as i32);
            Some((Size::Given(k as u64), year))
        }
        _ => {
            let name = one_name(cx, "n", n)?;
            let year = ccx.single_year(cx, c)?;
            let id = ccx.at_year(cx, &name, year)?;
            Some((Size::Figure(id), year))
        }
    }
}

/// A mean or an SD as printed (no % sign).
fn plain(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim, s: &Spanned<Stated>) -> Option<StatedFigure> {
    stated(cx, s, c, ccx.report, false)
}

/// `grim`: a mean of whole-number answers.
pub(super) fn grim(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let mean = plain(cx, ccx, c, c.grim.as_ref()?);
    let n = size(cx, ccx, c, Key::Grim);
    let items = match &c.items {
        Some(i) => {
            let k = number(cx, i, "`items`")?;
            if k < 1.0 || k.fract() != 0.0 || k > 1000.0 {
                cx.at_help(
                    &i.referenced,
                    "`items:` is a whole number of items per answer, 1 to 1000",
                    "e.g. `items: 3` for a mean over a three-item scale",
                );
                return None;
            }
            k as u32
        }
        None => 1,
    };
    let (n, year) = n?;
    Some(ClaimKind::Grim {
        mean: mean?,
        n,
        items,
        year,
    })
}

/// The SD of a GRIMMER or DEBIT claim (required).
fn sd(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim, key: Key) -> Option<StatedFigure> {
    let s = required(
        cx,
        &ccx.loc,
        key.name(),
        "sd",
        &c.sd,
        "`sd: \"1.22\"`, as printed",
    )?;
    plain(cx, ccx, c, s)
}

/// `grimmer`: a mean and a sample SD of whole-number answers.
pub(super) fn grimmer(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let mean = plain(cx, ccx, c, c.grimmer.as_ref()?);
    let sd = sd(cx, ccx, c, Key::Grimmer);
    let (n, year) = size(cx, ccx, c, Key::Grimmer)?;
    Some(ClaimKind::Grimmer {
        mean: mean?,
        sd: sd?,
        n,
        year,
    })
}

/// `debit`: a mean (a proportion) and a sample SD of answers of 0 or 1.
pub(super) fn debit(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim) -> Option<ClaimKind> {
    let mean = plain(cx, ccx, c, c.debit.as_ref()?);
    let sd = sd(cx, ccx, c, Key::Debit);
    let (n, year) = size(cx, ccx, c, Key::Debit)?;
    let mean = mean?;
    if !(0.0..=1.0).contains(&mean.value) {
        cx.at_help(
            &c.debit.as_ref()?.referenced,
            format!(
                "a DEBIT mean is a proportion between 0 and 1, not {}",
                mean.text
            ),
            "write the share of answers of 1 as a fraction, e.g. \"0.35\"",
        );
        return None;
    }
    Some(ClaimKind::Debit {
        mean,
        sd: sd?,
        n,
        year,
    })
}
