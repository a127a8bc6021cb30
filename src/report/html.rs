//! The HTML report: one self-contained file (no script, no network, no web
//! font) that opens from disk and prints well. Its header and counts, a
//! section per claim with its verdict (a word and a colour), the report's own
//! words (right to left for Arabic), the working as `explain` gives it and
//! each figure's source line; a chart of the stated interval against the
//! computed one per failing claim, one per series, and per panel its counts,
//! a histogram of the gaps and its first inconsistent rows. Written through
//! maud, which escapes every text; the charts are `chart`'s SVG.

use super::chart;
use super::number::figure;
use super::working::{computed, coverage_line, detail, provenance_line};
use crate::findings::{Checked, Compared, Finding, FindingKind, PanelChecked, Series, Verdict};
use maud::{DOCTYPE, Markup, PreEscaped, html};
use std::io::{self, Write};

/// What the page says of the run that made it.
#[derive(Debug, Clone)]
pub struct Run {
    /// The command line, as typed.
    pub command: String,
    /// The date the run is judged on (waivers), YYYY-MM-DD.
    pub date: String,
}

const STYLE: &str = r#"
body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Noto Sans", sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05rem; margin: 0 0 .4rem; }
.meta, .run { color: #555; font-size: .9rem; }
table { border-collapse: collapse; margin: .6rem 0; font-size: .9rem; } th, td { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
.claim { border: 1px solid #ddd; border-left: 6px solid var(--v); border-radius: 4px; padding: .6rem .9rem; margin: .8rem 0; page-break-inside: avoid; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: 3px; color: #fff; background: var(--v); font-size: .8rem; font-weight: 600; letter-spacing: .02em; }
.v-consistent { --v: #009E73; } .v-computed { --v: #0072B2; } .v-unverifiable { --v: #E69F00; } .v-inconsistent { --v: #D55E00; } .v-waived { --v: #999999; } .v-questionable { --v: #CC79A7; } .v-misrecorded { --v: #882255; } .v-not_encoded { --v: #56B4E9; }
blockquote { margin: .3rem 0; padding: .2rem .6rem; background: #f6f6f6; border-radius: 3px; }
pre.working { white-space: pre-wrap; font-size: .8rem; background: #fafafa; border: 1px solid #eee; padding: .5rem; overflow-x: auto; }
.detail { font-size: .9rem; } svg { display: block; margin: .4rem 0; max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; } .claim { break-inside: avoid; } a { color: inherit; } }
"#;

/// Whether a text is Arabic (or another right-to-left script) for the most part.
fn rtl(s: &str) -> bool {
    let rtl = s
        .chars()
        .filter(|c| matches!(*c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
        .count();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0 && rtl * 2 >= letters
}

/// Text from a spec or a dataset: control and direction-changing characters
/// shown, never obeyed (maud escapes the markup).
fn vis(s: &str) -> String {
    crate::echo::visible(s)
}

/// A text of the report, marked as the language it is in.
fn words(s: &str) -> Markup {
    if rtl(s) {
        html! { blockquote dir="rtl" lang="ar" { (vis(s)) } }
    } else {
        html! { blockquote dir="auto" { (vis(s)) } }
    }
}

/// A table's heading row and a row per count: its verdict as a badge, what
/// it counts, how many rows.
fn count_rows<const N: usize>(heading: &str, rows: [(Verdict, &str, u64); N]) -> Markup {
    html! {
        tr { th { (heading) } th { "rows" } }
        @for (verdict, what, rows) in rows {
            tr {
                td { span class=(format!("badge {}", class(verdict))) { (verdict.name()) } (what) }
                td.n { (figure(rows as f64)) }
            }
        }
    }
}

fn class(v: Verdict) -> String {
    format!("v-{}", v.name())
}

fn page(title: &str, run: &Run, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (body)
                p.run { "Made by yoy " (env!("CARGO_PKG_VERSION")) " on " (run.date) ": " code { (run.command) } }
            }
        }
    }
}

/// The report of `yoy check`.
pub(crate) fn check(checked: &[Checked], run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let title = match checked {
        [one] => format!(
            "yoy — {}",
            vis(one.report.title.as_deref().unwrap_or(&one.report.id))
        ),
        _ => "yoy — reports".to_string(),
    };
    let body = html! {
        @for c in checked { (report(c)) }
    };
    write!(out, "{}", page(&title, run, body).into_string())
}

/// The series of `yoy compare`.
pub(crate) fn compare(compared: &[Compared], run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let body = html! {
        @for c in compared {
            h1 { (vis(c.report.title.as_deref().unwrap_or(&c.report.id))) }
            p.meta { "spec: " code { (vis(&c.spec)) } }
            (series(&c.series))
        }
    };
    write!(out, "{}", page("yoy — series", run, body).into_string())
}

fn counts(c: &Checked) -> Vec<(Verdict, usize)> {
    let s = &c.summary;
    vec![
        (Verdict::Consistent, s.consistent),
        (Verdict::Inconsistent, s.inconsistent),
        (Verdict::Questionable, s.questionable),
        (Verdict::Unverifiable, s.unverifiable),
        (Verdict::Computed, s.computed),
        (Verdict::Waived, s.waived),
        (Verdict::Misrecorded, s.misrecorded),
        (Verdict::NotEncoded, s.not_encoded),
    ]
}

fn report(c: &Checked) -> Markup {
    let counts = counts(c);
    // Panel rows are shown with their dataset; numbers the spec leaves out
    // after the claims, in a table.
    let claims: Vec<&Finding> = c
        .claims
        .iter()
        .filter(|f| f.dataset.is_none() && f.kind != FindingKind::NotEncoded)
        .collect();
    let left_out: Vec<&Finding> = c
        .claims
        .iter()
        .filter(|f| f.kind == FindingKind::NotEncoded)
        .collect();
    html! {
        section.report {
            h1 { (vis(c.report.title.as_deref().unwrap_or(&c.report.id))) }
            p.meta {
                @if let Some(p) = &c.report.publisher { (vis(p)) "; " }
                @if let Some(s) = &c.report.source { "source: " code { (vis(s)) } "; " }
                "spec: " code { (vis(&c.spec)) }
            }
            h2 { "Summary" }
            table {
                tr { th { "verdict" } th { "count" } }
                @for (v, n) in counts.iter().filter(|(_, n)| *n > 0) {
                    tr { td { span class=(format!("badge {}", class(*v))) { (v.name()) } } td.n { (figure(*n as f64)) } }
                }
            }
            @if let Some(svg) = chart::verdicts(&counts) { (PreEscaped(svg)) }
            @if let Some(p) = &c.provenance { p.detail { (vis(&provenance_line(p))) } }
            @if let Some(cov) = &c.coverage { p.detail { (vis(&coverage_line(cov))) } }
            @if !claims.is_empty() {
                h2 { "Claims" }
                @for f in &claims { (claim(&c.spec, f)) }
            }
            @if !left_out.is_empty() {
                h2 { "Numbers of the source the spec leaves out" }
                table {
                    tr { th { "line" } th { "as printed" } }
                    @for f in &left_out {
                        tr {
                            td.n { (f.line.map(|l| l.to_string()).unwrap_or_default()) }
                            td { (vis(f.checks.first().map(|ch| ch.stated.text.as_str()).unwrap_or(""))) }
                        }
                    }
                }
            }
            (series(&c.series))
            @for p in &c.panels { (panel(c, p)) }
        }
    }
}

fn claim(spec: &str, f: &Finding) -> Markup {
    let mut working = Vec::new();
    // The working as `explain` gives it (text: escaped by maud below).
    let _ = super::explain::claim(spec, f, &mut working);
    let working = String::from_utf8_lossy(&working).into_owned();
    let failing = matches!(
        f.verdict,
        Verdict::Inconsistent | Verdict::Questionable | Verdict::Misrecorded
    );
    html! {
        section class=(format!("claim {}", class(f.verdict))) id=(format!("claim-{}", f.claim)) {
            h3 {
                code { (vis(&f.claim)) } " (" (f.kind) ") "
                span.badge { (f.verdict.name()) }
            }
            @if let Some(s) = &f.says { (words(s)) }
            p.meta {
                @if let Some(l) = f.line { "report line " (l) "; " }
                "spec line " (f.spec_line)
            }
            @for ch in &f.checks {
                @let d = detail(ch);
                @if !d.is_empty() { p.detail { strong { (vis(&ch.label)) } ": " (vis(&d)) } }
                @if failing && ch.verdict != Verdict::Consistent {
                    @if let Some(computed) = &ch.computed {
                        @if let Some(svg) = chart::interval(&ch.stated.interval, computed, ch.verdict) { (PreEscaped(svg)) }
                    }
                }
            }
            pre.working { (working) }
        }
    }
}

fn series(s: &Series) -> Markup {
    let mut names: Vec<&str> = s.steps.iter().map(|x| x.indicator.as_str()).collect();
    names.dedup();
    let charts: Vec<(String, String)> = names
        .iter()
        .filter_map(|name| {
            let steps: Vec<_> = s.steps.iter().filter(|x| x.indicator == *name).collect();
            let mut points: Vec<(i32, f64)> = Vec::new();
            for st in &steps {
                if let (Some(from), Some(first)) = (st.from, st.value.lo)
                    && points.is_empty()
                    && let Some(prev) = st.delta.and_then(|d| d.lo).map(|d| first - d)
                {
                    points.push((from, prev));
                }
                if let Some(v) = st.value.lo {
                    points.push((st.year, v));
                }
            }
            let pct: Vec<(i32, Option<f64>)> = steps
                .iter()
                .map(|st| (st.year, st.pct_change.and_then(|p| p.lo)))
                .collect();
            chart::series(name, &points, &pct).map(|svg| (name.to_string(), svg))
        })
        .collect();
    html! {
        @if !charts.is_empty() {
            h2 { "Series" }
            @for (name, svg) in &charts {
                h3 { code { (vis(name)) } }
                (PreEscaped(svg))
            }
        }
    }
}

fn panel(c: &Checked, p: &PanelChecked) -> Markup {
    let s = &p.summary;
    let rows: Vec<&Finding> = c
        .claims
        .iter()
        .filter(|f| f.dataset.as_deref() == Some(s.dataset.as_str()))
        .collect();
    let gaps: Vec<f64> = p
        .inconsistent
        .iter()
        .map(|r| r.computed - r.stated)
        .collect();
    let n = |x: u64| figure(x as f64);
    html! {
        h2 { "Dataset " code { (vis(&s.dataset)) } }
        p.meta { code { (vis(&s.path)) } ": " (n(s.rows)) " rows in " (n(s.series)) " series" }
        table {
            (count_rows("stated changes", [
                (Verdict::Consistent, "", s.consistent),
                (Verdict::Inconsistent, "", s.inconsistent),
                (Verdict::Unverifiable, " no previous year", s.no_previous_year),
                (Verdict::Unverifiable, " zero base", s.zero_base),
                (Verdict::Unverifiable, " nothing stated", s.no_stated),
            ]))
            @if let Some(sh) = &s.shares {
                (count_rows("stated shares", [
                    (Verdict::Consistent, "", sh.consistent),
                    (Verdict::Inconsistent, "", sh.inconsistent),
                    (Verdict::Unverifiable, " no whole", sh.no_whole),
                    (Verdict::Unverifiable, " zero whole", sh.zero_whole),
                    (Verdict::Unverifiable, " nothing stated", sh.no_stated),
                ]))
            }
        }
        @if let Some(svg) = chart::histogram("computed minus stated, inconsistent rows (points)", &gaps, 20) {
            p.detail { "Computed minus stated, in points, for the inconsistent rows listed:" }
            (PreEscaped(svg))
        }
        @if !rows.is_empty() {
            p.detail { "The first inconsistent rows:" }
            table {
                tr { th { "row" } th { "stated" } th { "computed" } th { "why" } }
                @for f in rows.iter().take(super::PANEL_ROWS_SHOWN) {
                    @for ch in &f.checks {
                        tr {
                            td { code { (vis(&f.claim)) } }
                            td.n { (vis(&ch.stated.text)) }
                            td.n { (ch.computed.as_ref().map(|b| computed(ch, b)).unwrap_or_default()) }
                            td { (vis(&detail(ch))) }
                        }
                    }
                }
            }
        }
    }
}
