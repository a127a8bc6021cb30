//! Raw YAML → `Spec`: every rule a spec must follow, every problem collected.

use super::raw::{
    AnyKey, CLAIM_FIELDS, DATASET_FIELDS, INDICATOR_FIELDS, Number, OrderedMap, REPORT_FIELDS,
    RawClaim, RawDataset, RawIndicator, RawReport, RawSpec, RawValue, RawValueDetail, RawWaiver,
    SPEC_FIELDS, STATED_COLUMN_FIELDS, Stated, VALUE_FIELDS, WAIVER_FIELDS,
};
use super::*;
use crate::calendar::Date;
use crate::diagnostic::{Diagnostic, nearest};
use serde::de::IgnoredAny;
use serde_saphyr::{Location, Spanned};

/// Years outside this range are almost certainly typos.
const YEARS: std::ops::RangeInclusive<i64> = 1800..=2200;
/// Most YAML nodes a spec may have (the DGSN report's spec has about 1 500).
const SPEC_MAX_NODES: usize = 100_000;
/// The largest magnitude whose every integer a double holds exactly (2^53).
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

const KIND_KEYS: [&str; 11] = [
    "change", "points", "share", "sum", "subset", "shares", "equal", "trend", "multiple",
    "product", "ratio",
];

struct Ctx<'a> {
    path: &'a Path,
    text: &'a str,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn at(&mut self, loc: &Location, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::new(
            self.path,
            loc.line(),
            loc.column(),
            message,
        ));
        self.diags.last_mut().expect("just pushed")
    }

    /// Report every key of `unknown`, located by searching the text from `from_line`,
    /// with the nearest of `allowed`.
    fn unknown(
        &mut self,
        from_line: u64,
        unknown: &OrderedMap<AnyKey, IgnoredAny>,
        allowed: &[&str],
        place: &str,
    ) {
        for (key, _) in &unknown.0 {
            let (line, column) = locate_key(self.text, from_line, &key.0).unwrap_or((from_line, 1));
            let help = match nearest(&key.0, allowed.iter().copied()) {
                Some(n) => format!("did you mean `{n}`?"),
                None => format!("{place} takes: {}", allowed.join(", ")),
            };
            self.diags.push(
                Diagnostic::new(
                    self.path,
                    line,
                    column,
                    if key.0.is_empty() {
                        format!("an empty key in {place}")
                    } else {
                        format!("unknown field `{}` in {place}", key.0)
                    },
                )
                .with_help(help),
            );
        }
    }

    fn at_help(&mut self, loc: &Location, message: impl Into<String>, help: impl Into<String>) {
        let d = self.at(loc, message);
        d.help = Some(help.into());
    }
}

pub(super) fn validate(path: &Path, text: &str) -> Result<Spec, Vec<Diagnostic>> {
    let mut cx = Ctx {
        path,
        text,
        diags: Vec::new(),
    };
    if text.trim().is_empty() {
        cx.diags
            .push(Diagnostic::new(path, 0, 0, "the spec is empty").with_help(
            "a spec is a mapping with `report:`, `indicators:` and `claims:`; see specs/README.md",
        ));
        return Err(cx.diags);
    }
    let mut options = serde_saphyr::Options::default();
    options.with_snippet = false;
    // Repeated keys reach validation, which says which year or indicator repeats.
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    // A report's spec has a few thousand nodes and no use for many aliases:
    // tighter limits than the parser's defaults stop a bomb sooner.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = SPEC_MAX_NODES;
    budget.max_aliases = 1_000;
    budget.max_events = 4 * SPEC_MAX_NODES;
    options.budget = Some(budget);
    let raw: RawSpec = match serde_saphyr::from_str_with_options(text, options) {
        Ok(raw) => raw,
        Err(e) => return Err(vec![yaml_error(path, text, &e)]),
    };
    let spec = build(&mut cx, raw);
    if cx.diags.is_empty() {
        Ok(spec)
    } else {
        Err(cx.diags)
    }
}

/// A YAML or type error from the parser, reworded for a spec author.
fn yaml_error(path: &Path, text: &str, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, column) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
    let mut raw = e.to_string();
    // The parser appends the position; the diagnostic shows it already.
    if let Some(i) = raw.find(" at line ") {
        raw.truncate(i);
    }
    let raw = raw
        .replace(
            "struct RawSpec",
            "a spec mapping (report, indicators, claims)",
        )
        .replace("struct RawReport", "a report mapping")
        .replace(
            "struct RawIndicator",
            "an indicator mapping (label, unit, values, ...)",
        )
        .replace("struct RawValueDetail", "a value mapping")
        .replace("struct RawClaim", "a claim mapping")
        .replace("struct ", "");
    let (message, help): (String, Option<String>) = if raw.contains("expected mapping start") {
        (
            "expected a mapping here (`key: value` lines), found a list or a single value".into(),
            Some(if line <= 1 && column <= 1 {
                "a spec is a mapping with `report:`, `indicators:` and `claims:`; see specs/README.md".into()
            } else {
                "see specs/README.md for what this place takes".into()
            }),
        )
    } else if raw.contains("expected sequence start") {
        (
            "expected a list here (`- item` lines, or `[a, b]`)".into(),
            Some("see specs/README.md for what this place takes".into()),
        )
    } else if raw.starts_with("invalid i64")
        || raw.starts_with("invalid u64")
        || raw.starts_with("invalid i32")
    {
        (
            "expected a whole number here".into(),
            Some("years and counts are plain whole numbers, e.g. `2024`".into()),
        )
    } else if raw.starts_with("invalid u32") {
        ("expected a whole number, 0 or more".into(), None)
    } else if raw.starts_with("invalid f64") || raw.starts_with("invalid floating point") {
        ("expected a number here".into(), None)
    } else if raw.starts_with("budget breached") {
        (
            format!("the YAML is larger or more deeply nested than a spec may be ({raw})"),
            Some("a spec needs neither deep nesting nor aliases that multiply its content".into()),
        )
    } else if raw.starts_with("non-finite float") {
        (
            format!("{} is not a finite number", raw.split('`').nth(1).map_or("this".into(), |v| format!("`{v}`"))),
            Some("write the figure as the report prints it; NaN, infinities and overflowing exponents are refused".into()),
        )
    } else if let Some(rest) = raw.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or_default();
        (
            format!("`{name}` is given twice in the same mapping"),
            Some("keep one".into()),
        )
    } else if raw.contains("invalid type") {
        (
            raw,
            Some("check this value's type against specs/README.md".into()),
        )
    } else {
        (raw, None)
    };
    // An unclosed `{` or `[` swallows the lines after it, and the parser then
    // complains about something else: point at the likelier cause.
    let src = text
        .lines()
        .nth(line.saturating_sub(1) as usize)
        .unwrap_or_default();
    let open = |o: char, c: char| src.matches(o).count() > src.matches(c).count();
    let help = if line > 0 && (open('{', '}') || open('[', ']')) {
        Some("this line opens a `{` or `[` it does not close; is a `}` or `]` missing?".to_string())
    } else {
        help
    };
    let mut d = Diagnostic::new(path, line, column, message);
    d.help = help;
    d
}

fn build(cx: &mut Ctx, raw: RawSpec) -> Spec {
    cx.unknown(1, &raw.unknown, SPEC_FIELDS, "the spec");
    let report = match raw.report {
        Some(r) => report(cx, r),
        None => {
            cx.diags.push(
                Diagnostic::new(cx.path, 1, 1, "the spec has no `report:` section")
                    .with_help("add `report:` with at least an `id:` (and `year:`, the year the report covers)"),
            );
            default_report()
        }
    };
    let mut indicators = Vec::new();
    if let Some(map) = raw.indicators {
        for (key, ind) in map.value.0 {
            if let Some(prev) = indicators.iter().find(|i: &&Indicator| i.id == key.value) {
                let prev_line = prev.spec_line;
                cx.at_help(
                    &key.referenced,
                    format!("indicator `{}` is defined twice", key.value),
                    format!("the first definition is on line {prev_line}; rename or merge them"),
                );
                continue;
            }
            if let Some(i) = indicator(cx, &report, key, ind) {
                indicators.push(i);
            }
        }
    }
    let mut claims: Vec<Claim> = Vec::new();
    let mut seen: Vec<(String, u64)> = Vec::new();
    if let Some(list) = raw.claims {
        for c in list.value {
            let mut duplicate = false;
            if let Some(id) = &c.value.id {
                if let Some((_, first)) = seen.iter().find(|(s, _)| *s == id.value) {
                    let first = *first;
                    cx.at_help(
                        &id.referenced,
                        format!("claim id `{}` is used twice", id.value),
                        format!("the first is on line {first}; give each claim its own id"),
                    );
                    duplicate = true;
                } else {
                    seen.push((id.value.clone(), id.referenced.line()));
                }
            }
            // A duplicate is still validated, so its other problems show too.
            if let Some(claim) = claim(cx, &report, &indicators, c).filter(|_| !duplicate) {
                claims.push(claim);
            }
        }
    }
    let mut datasets: Vec<Dataset> = Vec::new();
    if let Some(map) = raw.datasets {
        for (key, d) in map.value.0 {
            if datasets.iter().any(|x| x.id == key.value) {
                cx.at_help(
                    &key.referenced,
                    format!("dataset `{}` is defined twice", key.value),
                    "rename one",
                );
                continue;
            }
            if let Some(d) = dataset(cx, &report, key, d) {
                datasets.push(d);
            }
        }
    }
    if indicators.is_empty() && claims.is_empty() && datasets.is_empty() && cx.diags.is_empty() {
        cx.diags.push(
            Diagnostic::new(cx.path, 1, 1, "the spec has no indicators and no claims")
                .with_help("add `indicators:` with yearly values and `claims:` about them"),
        );
    }
    Spec {
        path: cx.path.to_path_buf(),
        report,
        indicators,
        claims,
        datasets,
    }
}

fn default_report() -> Report {
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

fn report(cx: &mut Ctx, raw: Spanned<RawReport>) -> Report {
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

fn rounding_rule(cx: &mut Ctx, s: &Spanned<String>) -> Option<Rounding> {
    let r = Rounding::parse(&s.value);
    if r.is_none() {
        let help = match nearest(&s.value, Rounding::NAMES) {
            Some(n) => format!(
                "did you mean `{n}`? (one of: {})",
                Rounding::NAMES.join(", ")
            ),
            None => format!("use one of: {}", Rounding::NAMES.join(", ")),
        };
        cx.at_help(
            &s.referenced,
            format!("unknown rounding rule `{}`", s.value),
            help,
        );
    }
    r
}

fn year(cx: &mut Ctx, y: &Spanned<i64>) -> Option<i32> {
    if YEARS.contains(&y.value) {
        Some(y.value as i32)
    } else {
        cx.at_help(
            &y.referenced,
            format!("year {} is out of range", y.value),
            format!(
                "years run from {} to {}; check for a typo",
                YEARS.start(),
                YEARS.end()
            ),
        );
        None
    }
}

/// A finite number a double holds exactly, or a diagnostic.
fn number(cx: &mut Ctx, n: &Spanned<Number>, what: &str) -> Option<f64> {
    let v = match n.value {
        Number::Int(i) if i.unsigned_abs() <= 1u128 << 53 => i as f64,
        Number::Int(i) => {
            cx.at_help(
                &n.referenced,
                format!(
                    "{what} {i} is larger than 2^53, beyond what yoy's arithmetic holds exactly"
                ),
                "a report's figures are far smaller; check for a typo",
            );
            return None;
        }
        Number::Float(f) => f,
    };
    if !v.is_finite() {
        cx.at_help(
            &n.referenced,
            format!("{what} is not a finite number"),
            "write the figure as the report prints it (NaN, infinities and overflowing exponents are refused)",
        );
        return None;
    }
    if v.abs() > EXACT_LIMIT {
        cx.at_help(
            &n.referenced,
            format!("{what} {v} is larger than 2^53, beyond what yoy's arithmetic holds exactly"),
            "a report's figures are far smaller; check for a typo",
        );
        return None;
    }
    Some(v)
}

fn indicator(
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

struct Written {
    value: f64,
    form: Form,
    line: Option<u32>,
    as_written: Option<String>,
    note: Option<String>,
}

fn exact(value: f64) -> Written {
    Written {
        value,
        form: Form::Exact,
        line: None,
        as_written: None,
        note: None,
    }
}

fn detailed(
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
            Some(t) => {
                let tolerance = number(cx, t, "`tolerance`")?;
                if tolerance < 0.0 {
                    cx.at_help(
                        &t.referenced,
                        "`tolerance` must not be negative",
                        "it is the distance either side of the figure",
                    );
                    return None;
                }
                Form::About { tolerance }
            }
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
        note: d.note,
    };
    figure(cx, kind, report, yr, spec_line, &n.referenced, w)
}

fn figure(
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
        note: w.note,
        spec_line,
    })
}

/// `count` (the default), `amount` or `rate`, for an indicator or a dataset.
fn indicator_kind(cx: &mut Ctx, kind: &Option<Spanned<String>>) -> IndicatorKind {
    let Some(k) = kind else {
        return IndicatorKind::Count;
    };
    match k.value.as_str() {
        "count" => IndicatorKind::Count,
        "amount" => IndicatorKind::Amount,
        "rate" => IndicatorKind::Rate,
        other => {
            let help = match nearest(other, ["count", "amount", "rate"]) {
                Some(n) => format!("did you mean `{n}`?"),
                None => "use `count` (whole numbers), `amount` or `rate`".into(),
            };
            cx.at_help(
                &k.referenced,
                format!("unknown indicator kind `{other}`"),
                help,
            );
            IndicatorKind::Count
        }
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
}

/// The claim-building context: the spec so far and the claim's own location.
struct ClaimCx<'a> {
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

fn required<'a, T>(
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

fn stated(
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

fn claim(
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

fn dataset(
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
    let stated_change = match &d.stated_change {
        None => None,
        Some(sc) => {
            cx.unknown(
                sc.referenced.line(),
                &sc.value.unknown,
                STATED_COLUMN_FIELDS,
                "`stated_change`",
            );
            let column = need(cx, &sc.value.column, "column", "stated_pct");
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
                        "`stated_change` needs `decimals:`",
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
    };
    let (path_written, format, year, value, series) =
        (path_written?, format?, year?, value?, series?);
    let mut seen: Vec<&str> = Vec::new();
    let stated_name = stated_change.as_ref().map(|s| s.column.as_str());
    for c in series
        .iter()
        .map(String::as_str)
        .chain([year.as_str(), value.as_str()])
        .chain(stated_name)
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
        note: d.note.clone(),
        spec_line: key.referenced.line(),
    })
}

fn waiver(cx: &mut Ctx, w: &Spanned<RawWaiver>) -> Option<Waiver> {
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

fn from_to(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim, kind: &str) -> Option<(i32, i32)> {
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

fn claim_kind(cx: &mut Ctx, ccx: &ClaimCx, c: &RawClaim, kind: &str) -> Option<ClaimKind> {
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
            let direction = match dir.value.as_str() {
                "decreasing" | "down" => Direction::Decreasing,
                "increasing" | "up" => Direction::Increasing,
                "flat" => Direction::Flat,
                other => {
                    let help = match nearest(other, ["decreasing", "increasing", "flat"]) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => "use `decreasing`, `increasing` or `flat`".into(),
                    };
                    cx.at_help(
                        &dir.referenced,
                        format!("unknown direction `{other}`"),
                        help,
                    );
                    return None;
                }
            };
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

/// Where `key:` first appears at or after `from_line` (1-based line and column).
fn locate_key(text: &str, from_line: u64, key: &str) -> Option<(u64, u64)> {
    // An empty key is found everywhere and nowhere (and would never advance).
    if key.is_empty() {
        return None;
    }
    for (i, line) in text
        .lines()
        .enumerate()
        .skip(from_line.saturating_sub(1) as usize)
        .take(500)
    {
        let mut search = 0;
        while let Some(pos) = line[search..].find(key) {
            let at = search + pos;
            let before = line[..at].chars().next_back();
            let after = line[at + key.len()..].trim_start();
            let bounded = before
                .is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '-' | '"' | '\''));
            let quoted_end = line[at + key.len()..].starts_with(['"', '\'']);
            if bounded
                && (after.starts_with(':')
                    || (quoted_end && after[1..].trim_start().starts_with(':')))
            {
                let col = line[..at].chars().count() as u64 + 1;
                return Some((i as u64 + 1, col));
            }
            search = at + key.len();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_key_in_block_and_flow_style() {
        let text = "report:\n  id: x\n  yeer: 2024\nclaims:\n  - {id: a, stated_pct: 3}\n";
        assert_eq!(locate_key(text, 1, "yeer"), Some((3, 3)));
        assert_eq!(locate_key(text, 5, "stated_pct"), Some((5, 13)));
        assert_eq!(locate_key(text, 1, "missing"), None);
        // Found by the fuzzer: an empty key once looped for ever.
        assert_eq!(locate_key(text, 1, ""), None);
    }
}
