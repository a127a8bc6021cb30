//! The `report:` section.

use super::*;

pub(super) fn default_report() -> Report {
    Report {
        id: String::new(),
        title: None,
        language: None,
        publisher: None,
        year: None,
        source: None,
        url: None,
        rounding: Rounding::Any,
        note: None,
    }
}

pub(super) fn report(cx: &mut Ctx, raw: Spanned<RawReport>) -> Report {
    let loc = raw.referenced;
    let r = raw.value;
    cx.unknown(loc.line(), &r.unknown, REPORT_FIELDS, "`report`");
    let mut out = default_report();
    match r.id {
        Some(id) if !id.value.trim().is_empty() => out.id = id.value,
        Some(id) => cx.at_help(
            &id.referenced,
            "the report id is empty",
            "give the report a short id, e.g. `dgsn-2024`",
        ),
        None => cx.at_help(
            &loc,
            "the report has no `id:`",
            "add `id:`, a short name such as `dgsn-2024`",
        ),
    }
    out.year = r.year.and_then(|y| year(cx, &y));
    if let Some(rounding) = r.rounding {
        out.rounding = rounding_rule(cx, &rounding).unwrap_or(Rounding::Any);
    }
    out.title = r.title;
    out.language = r.language;
    out.publisher = r.publisher;
    out.source = r.source;
    out.url = r.url;
    out.note = r.note;
    out
}
