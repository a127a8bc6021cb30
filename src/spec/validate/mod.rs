//! Raw YAML → `Spec`: every rule a spec must follow, every problem collected.
//! One file per section of a spec; the shared context and helpers are here.

mod claims;
mod datasets;
mod indicators;
mod locate;
mod report;

use claims::claim;
use datasets::dataset;
use indicators::indicator;
use locate::{locate_key, locate_top_key, repeated_top_keys};
use report::{default_report, report};

use super::raw::{
    AnyKey, CLAIM_FIELDS, DATASET_FIELDS, IGNORE_FIELDS, INDICATOR_FIELDS, Number, Operand,
    OrderedMap, REPORT_FIELDS, RawClaim, RawDataset, RawIgnore, RawIndicator, RawReport, RawSpec,
    RawStatedColumn, RawValue, RawValueDetail, RawWaiver, SPEC_FIELDS, STATED_COLUMN_FIELDS,
    STATED_SHARE_FIELDS, Stated, VALUE_FIELDS, WAIVER_FIELDS,
};
use super::*;
use crate::calendar::Date;
use crate::diagnostic::{Diagnostic, nearest};
use serde::de::IgnoredAny;
use serde_saphyr::{Location, Spanned};

/// How messages name the spec's top level.
const TOP: &str = "the spec";

/// Years outside this range are almost certainly typos.
const YEARS: std::ops::RangeInclusive<i64> = 1800..=2200;

/// Most YAML nodes a spec may have (the DGSN report's spec has about 1 500).
const SPEC_MAX_NODES: usize = 100_000;

/// The largest magnitude whose every integer a double holds exactly (2^53).
const EXACT_LIMIT: f64 = 9_007_199_254_740_992.0;

struct Ctx<'a> {
    path: &'a Path,
    text: &'a str,
    diags: Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn at(&mut self, loc: &Location, message: impl Into<String>) {
        self.diags.push(Diagnostic::new(
            self.path,
            loc.line(),
            loc.column(),
            message,
        ));
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
            // The spec's own keys are at the margin; any other mapping's keys
            // are within its block.
            let found = if place == TOP {
                locate_top_key(self.text, &key.0)
            } else {
                locate_key(self.text, from_line, &key.0)
            };
            let (line, column) = found.unwrap_or((from_line, 1));
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
        self.diags
            .push(Diagnostic::new(self.path, loc.line(), loc.column(), message).with_help(help));
    }

    /// One of a fixed set of names (a rounding rule, a kind, a direction), or a
    /// diagnostic that names the nearest: `what` says what the name is.
    fn pick<T: Copy>(
        &mut self,
        s: &Spanned<String>,
        what: &str,
        choices: &[(&str, T)],
    ) -> Option<T> {
        if let Some((_, v)) = choices.iter().find(|(n, _)| *n == s.value) {
            return Some(*v);
        }
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        let help = match nearest(&s.value, names.iter().copied()) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("use one of: {}", names.join(", ")),
        };
        self.at_help(&s.referenced, format!("unknown {what} `{}`", s.value), help);
        None
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
    // YAML 1.2 booleans only: `true` and `false`. An indicator may be called
    // `n`, `y`, `no` or `on`, and a field that names one (`ratio: n`) must
    // not read it as YAML 1.1's boolean.
    options.strict_booleans = true;
    // Repeated keys reach validation, which says which year or indicator repeats.
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    // A report's spec has a few thousand nodes and no use for many aliases:
    // tighter limits than the parser's defaults stop a bomb sooner.
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = SPEC_MAX_NODES;
    budget.max_aliases = 1_000;
    budget.max_events = 4 * SPEC_MAX_NODES;
    options.budget = Some(budget);
    let raw: RawSpec = match serde_saphyr::from_str_with_options(text, options.clone()) {
        Ok(raw) => raw,
        Err(e) => {
            // A top-level key given twice: the parser stops there without a
            // place. Each repeat is told at its line, and the rest of the
            // spec (read with the first of each) is still checked.
            let repeats = repeated_top_keys(text);
            if repeats.is_empty() || !e.to_string().starts_with("duplicate field") {
                return Err(vec![yaml_error(path, text, &e)]);
            }
            for (key, line, column) in &repeats {
                cx.diags.push(
                    Diagnostic::new(
                        path,
                        *line,
                        *column,
                        format!("`{key}` is given twice at the top of the spec"),
                    )
                    .with_help(format!("keep one `{key}:` section: merge the two")),
                );
            }
            let mut first_wins = options;
            first_wins.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::FirstWins;
            match serde_saphyr::from_str_with_options::<RawSpec>(text, first_wins) {
                Ok(raw) => {
                    build(&mut cx, raw);
                }
                Err(e) => cx.diags.push(yaml_error(path, text, &e)),
            }
            return Err(cx.diags);
        }
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
    cx.unknown(1, &raw.unknown, SPEC_FIELDS, TOP);
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
    let mut ignore = Vec::new();
    if let Some(list) = raw.ignore {
        for item in list.value {
            if let Some(i) = ignored(cx, item) {
                ignore.push(i);
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
        ignore,
    }
}

/// One entry of `ignore:`: a line, the text there, and a reason, all required.
fn ignored(cx: &mut Ctx, item: Spanned<RawIgnore>) -> Option<Ignored> {
    let loc = item.referenced;
    let i = item.value;
    cx.unknown(loc.line(), &i.unknown, IGNORE_FIELDS, "an `ignore:` entry");
    let example = "e.g. `{line: 1, text: \"2/2\", reason: part 2 of 2}`";
    let line = match &i.line {
        Some(l) if l.value >= 1 => Some(l.value),
        Some(l) => {
            cx.at_help(&l.referenced, "`line:` counts from 1", example);
            None
        }
        None => {
            cx.at_help(&loc, "an `ignore:` entry needs `line:`", example);
            None
        }
    };
    let text = match &i.text {
        Some(t) if !t.value.trim().is_empty() => Some(Some(t.value.clone())),
        Some(t) => {
            cx.at_help(
                &t.referenced,
                "`text:` is empty",
                "give the text on that line that holds the number, or leave `text:` out to ignore every number of the line",
            );
            None
        }
        None => Some(None),
    };
    let to_line = match (&i.to_line, line) {
        (Some(t), Some(l)) if t.value < l => {
            cx.at_help(
                &t.referenced,
                format!("`to_line: {}` is before `line: {l}`", t.value),
                "a range runs forward",
            );
            None
        }
        (Some(t), _) => Some(t.value),
        (None, l) => l,
    };
    let reason = i
        .reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if reason.is_none() {
        cx.at_help(
            &loc,
            "an `ignore:` entry needs a `reason:`",
            "say why the number is no figure of the report: a date, an ordinal, a part number",
        );
    }
    Some(Ignored {
        line: line?,
        to_line: to_line?,
        text: text?,
        reason: reason?,
        spec_line: loc.line(),
    })
}

fn rounding_rule(cx: &mut Ctx, s: &Spanned<String>) -> Option<Rounding> {
    let choices: Vec<(&str, Rounding)> = Rounding::NAMES
        .iter()
        .filter_map(|n| Rounding::parse(n).map(|r| (*n, r)))
        .collect();
    cx.pick(s, "rounding rule", &choices)
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
/// A `tolerance` ("about" a figure, or a claim's `qualifier: about`): a
/// number, not negative, told at the value.
fn tolerance(cx: &mut Ctx, t: &Spanned<Number>) -> Option<f64> {
    let v = number(cx, t, "`tolerance`")?;
    if v < 0.0 {
        cx.at_help(
            &t.referenced,
            "`tolerance` must not be negative",
            "it is the distance either side of the figure, e.g. `tolerance: 2`",
        );
        return None;
    }
    Some(v)
}

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

/// `count` (the default), `amount` or `rate`, for an indicator or a dataset.
fn indicator_kind(cx: &mut Ctx, kind: &Option<Spanned<String>>) -> IndicatorKind {
    let choices = [
        ("count", IndicatorKind::Count),
        ("amount", IndicatorKind::Amount),
        ("rate", IndicatorKind::Rate),
    ];
    kind.as_ref()
        .and_then(|k| cx.pick(k, "indicator kind", &choices))
        .unwrap_or(IndicatorKind::Count)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.')
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

    #[test]
    fn a_key_is_found_in_its_own_block_however_far_down() {
        let mut text = String::from("report:\n  id: x\nindicators:\n");
        for i in 0..800 {
            text.push_str(&format!("  i{i}:\n    label: l\n    values: {{2020: 1}}\n"));
        }
        text.push_str("label: top\n");
        // The top-level `label:` is at the margin, past 2 400 lines of
        // indicators that have a `label:` of their own.
        assert_eq!(locate_top_key(&text, "label"), Some((2404, 1)));
        // Within an indicator's block, not the next one's.
        assert_eq!(locate_key(&text, 4, "label"), Some((5, 5)));
        assert_eq!(locate_key(&text, 5, "unit"), None);
        assert_eq!(
            repeated_top_keys("report: {id: a}\nclaims: []\nreport: {id: b}\n"),
            vec![("report".to_string(), 3, 1)]
        );
    }
}
