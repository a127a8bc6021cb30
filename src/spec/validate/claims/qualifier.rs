//! The word on a claim's stated figure (`qualifier:`), with its band or
//! tolerance, validated and put on the figure.

use super::*;

/// The kinds whose stated figure may carry a word (`qualifier:`).
pub(super) const QUALIFIED: [Key; 5] =
    [Key::Change, Key::Points, Key::Share, Key::Ratio, Key::Cagr];

/// The claim's word on its stated figure, with its band or tolerance.
fn qualifier(cx: &mut Ctx, c: &RawClaim, key: Key) -> Option<Option<Qualifier>> {
    let Some(word) = &c.qualifier else {
        if let Some(b) = &c.band {
            cx.at_help(
                &b.referenced,
                "`band:` without a `qualifier:`",
                "a band says what `nearly` or `just_over` means here, e.g. `qualifier: nearly` with `band: 0.95`",
            );
            return None;
        }
        return Some(None);
    };
    if !QUALIFIED.contains(&key) {
        cx.at_help(
            &word.referenced,
            format!("a `{}` claim takes no `qualifier:`", key.name()),
            format!(
                "a word on a stated figure applies to {}",
                QUALIFIED.map(Key::name).join(", ")
            ),
        );
        return None;
    }
    let q = cx.pick(word, "qualifier", &Qualifier::WORDS)?;
    let q = match (q, &c.band) {
        (_, None) => q,
        (Qualifier::Nearly { .. }, Some(b)) => {
            let band = number(cx, b, "`band`")?;
            if !(0.0..1.0).contains(&band) || band == 0.0 {
                cx.at_help(
                    &b.referenced,
                    "`band` of `nearly` must be between 0 and 1",
                    "e.g. `band: 0.95`: nearly s means at least 0.95·s",
                );
                return None;
            }
            Qualifier::Nearly { band }
        }
        (Qualifier::JustOver { .. }, Some(b)) => {
            let band = number(cx, b, "`band`")?;
            if band <= 1.0 || !band.is_finite() {
                cx.at_help(
                    &b.referenced,
                    "`band` of `just_over` must be above 1",
                    "e.g. `band: 1.05`: just over s means at most 1.05·s",
                );
                return None;
            }
            Qualifier::JustOver { band }
        }
        (_, Some(b)) => {
            cx.at_help(
                &b.referenced,
                format!("`{}` takes no `band:`", word.value),
                "only `nearly` (almost, just_under) and `just_over` have a band",
            );
            return None;
        }
    };
    let q = match (q, &c.tolerance) {
        (Qualifier::About { .. }, Some(t)) => Qualifier::About {
            tolerance: Some(tolerance(cx, t)?),
        },
        (q, _) => q,
    };
    debug_assert!(q.takes_band() || c.band.is_none());
    Some(Some(q))
}

/// A stated figure with the claim's word on it.
pub(super) fn qualified(
    cx: &mut Ctx,
    c: &RawClaim,
    key: Key,
    s: Option<StatedFigure>,
) -> Option<StatedFigure> {
    let q = qualifier(cx, c, key)?;
    let s = s?;
    Some(match q {
        Some(q) => s.qualified(q),
        None => s,
    })
}
