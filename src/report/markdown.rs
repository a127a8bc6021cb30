//! Markdown: a change summary a person would publish. Per indicator, the
//! movement in words and numbers (multi-year gaps said as such), then every
//! claim that does not hold or cannot be checked, with its working.

use super::number::{bounds, figure, number};
use super::working::{
    coverage_line, figure_source, misrecorded_words, not_encoded_words, provenance_line,
    summary_words, verdict_line,
};
use crate::findings::{
    Bounds, Checked, Compared, FigureForm, FigureUse, Finding, Series, SeriesSpan, SeriesStep,
    Verdict,
};
use std::io::{self, Write};

/// Text from a spec or a dataset as Markdown shows it, and nothing more: no
/// HTML (`<script>`, `<img onerror>`), no link, no code span, no table cell
/// break, and no line of its own (a newline would start a heading or a
/// workflow command). The one place Markdown text is made safe.
pub(super) fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '[' | ']' | '|' | '*' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || crate::echo::is_bidi_control(c) => {
                out.push_str(&format!("U+{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Text as an inline code span: fenced with more backticks than it holds in
/// a row, so none can close the span early.
pub(super) fn code(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| {
            if c.is_control() || crate::echo::is_bidi_control(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut longest = 0;
    let mut run = 0;
    for c in clean.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space inside.
    let pad = if clean.starts_with('`') || clean.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{clean}{pad}{fence}")
}

fn years_words(n: i32) -> String {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match usize::try_from(n).ok().and_then(|i| WORDS.get(i)) {
        Some(w) if n == 1 => format!("{w} year"),
        Some(w) => format!("{w} years"),
        None => format!("{n} years"),
    }
}

fn pct(b: &Bounds) -> String {
    bounds(b, |x| format!("{} %", number(x.abs(), 1)))
}

/// "fell 88.2 %", "rose 6.3 %", "did not change", from a % change interval.
fn movement(p: &Bounds) -> String {
    match (p.lo, p.hi) {
        (Some(lo), Some(hi)) if hi < 0.0 => format!("fell {}", pct(&Bounds::new(-hi, -lo))),
        (Some(lo), Some(hi)) if lo > 0.0 => format!("rose {}", pct(&Bounds::new(lo, hi))),
        (Some(lo), Some(hi)) if lo == 0.0 && hi == 0.0 => "did not change".into(),
        _ => format!(
            "changed by {}",
            bounds(p, |x| format!("{} %", number(x, 1)))
        ),
    }
}

/// `+6.3 %`, `−26.3 %` (a true minus sign, as in print).
fn signed_pct(b: &Bounds) -> String {
    bounds(b, |x| {
        let n = number(x, 1);
        match n.strip_prefix('-') {
            Some(abs) => format!("\u{2212}{abs} %"),
            None if x > 0.0 => format!("+{n} %"),
            None => format!("{n} %"),
        }
    })
}

fn step_words(s: &SeriesStep) -> Option<String> {
    let from = s.from?;
    let p = s.pct_change.as_ref()?;
    let years = s.years.unwrap_or(1);
    Some(if years == 1 {
        format!("{} in {}", signed_pct(p), s.year)
    } else {
        format!(
            "{} over the {} from {from} to {}",
            signed_pct(p),
            years_words(years),
            s.year
        )
    })
}

fn span_line(span: &SeriesSpan, steps: &[&SeriesStep]) -> String {
    let name = text(span.label.as_deref().unwrap_or(&span.indicator));
    let unit = span
        .unit
        .as_deref()
        .map(|u| format!(" ({})", text(u)))
        .unwrap_or_default();
    let first = bounds(&span.first, figure);
    let last = bounds(&span.last, figure);
    let n = span.last_year - span.first_year;
    let mut line = match &span.pct_change {
        Some(p) => format!(
            "- **{name}**{unit} {} from {first} in {} to {last} in {}",
            movement(p),
            span.first_year,
            span.last_year
        ),
        None => format!(
            "- **{name}**{unit}: {first} in {} and {last} in {} (no percentage: the base is not positive)",
            span.first_year, span.last_year
        ),
    };
    if let (true, Some(c)) = (n > 1, &span.cagr) {
        line.push_str(&format!(
            ", {} a year over {}",
            signed_pct(c),
            years_words(n)
        ));
    }
    let words: Vec<String> = steps.iter().filter_map(|s| step_words(s)).collect();
    if words.len() > 1 || steps.iter().any(|s| s.years.unwrap_or(1) > 1) {
        line.push_str(&format!(" ({})", words.join("; ")));
    }
    line.push('.');
    line
}

fn movements(series: &Series, out: &mut dyn Write) -> io::Result<()> {
    if series.spans.is_empty() {
        return writeln!(out, "No indicator has figures for more than one year.\n");
    }
    for span in &series.spans {
        let steps: Vec<&SeriesStep> = series
            .steps
            .iter()
            .filter(|s| s.indicator == span.indicator && s.from.is_some())
            .collect();
        writeln!(out, "{}", span_line(span, &steps))?;
    }
    writeln!(out)
}

fn figure_words(u: &FigureUse) -> String {
    let year = u.year.map(|y| format!(" {y}")).unwrap_or_default();
    match (&u.value, &u.interval) {
        (Some(_), Some(b)) => {
            let src = figure_source(u)
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            let form = if u.form == FigureForm::Exact {
                String::new()
            } else {
                format!(", {}", u.form.words())
            };
            format!("{}{year} = {}{form}{src}", u.indicator, bounds(b, figure))
        }
        _ => format!("{}{year}: not given", u.indicator),
    }
}

fn claim_section(f: &Finding, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### {} ({})\n", code(&f.claim), f.kind)?;
    if let Some(says) = &f.says {
        let at = f.line.map(|l| format!(" (line {l})")).unwrap_or_default();
        writeln!(out, "> {}{at}\n", text(says))?;
    }
    for ch in f.checks.iter().filter(|c| c.verdict != Verdict::Consistent) {
        writeln!(out, "- {}", text(&verdict_line(ch.verdict, ch)))?;
        writeln!(out, "  - computed as {}", text(&ch.formula))?;
        let figs: Vec<String> = ch.figures.iter().map(figure_words).collect();
        if !figs.is_empty() {
            writeln!(out, "  - figures: {}", text(&figs.join("; ")))?;
        }
    }
    if let Some(w) = &f.waiver {
        let state = if w.expired { "expired" } else { "waived" };
        writeln!(out, "- {state} until {}: {}", w.until, text(&w.reason))?;
    }
    if let Some(note) = &f.note {
        writeln!(out, "- note: {}", text(note))?;
    }
    writeln!(out)
}

pub(super) fn check(checked: &[Checked], out: &mut dyn Write) -> io::Result<()> {
    for c in checked {
        let title = text(c.report.title.as_deref().unwrap_or(&c.report.id));
        writeln!(out, "# {title}\n")?;
        let mut about = Vec::new();
        if let Some(p) = &c.report.publisher {
            about.push(format!("Published by {}", text(p)));
        }
        if let Some(s) = &c.report.source {
            about.push(format!("source: {}", code(s)));
        }
        about.push(format!("spec: {}", code(&c.spec)));
        writeln!(out, "{}.\n", about.join("; "))?;
        let words: Vec<String> = summary_words(&c.summary)
            .iter()
            .map(|(n, w)| format!("{n} {w}"))
            .collect();
        writeln!(
            out,
            "yoy checked {} claims: {}{}{}.\n",
            c.summary.claims,
            words.join(", "),
            misrecorded_words(&c.summary),
            not_encoded_words(&c.summary)
        )?;
        if let Some(p) = &c.provenance {
            writeln!(out, "{}.\n", text(&provenance_line(p)))?;
        }
        if let Some(cov) = &c.coverage {
            writeln!(out, "{}.\n", text(&coverage_line(cov)))?;
        }
        if !c.series.spans.is_empty() || c.panels.is_empty() {
            writeln!(out, "## Movements\n")?;
            movements(&c.series, out)?;
        }
        if !c.panels.is_empty() {
            writeln!(out, "## Datasets\n")?;
            for p in &c.panels {
                let s = &p.summary;
                let n = |x: u64| number(x as f64, 0);
                let changes = if s.consistent + s.inconsistent + s.unverifiable == 0 {
                    "No changes are published.".to_string()
                } else {
                    format!(
                        "{} published changes hold, {} do not, and {} cannot be checked: {} rows have no figure for the previous year, {} a previous figure of zero, {} no stated change.",
                        n(s.consistent),
                        n(s.inconsistent),
                        n(s.unverifiable),
                        n(s.no_previous_year),
                        n(s.zero_base),
                        n(s.no_stated)
                    )
                };
                writeln!(
                    out,
                    "- **{}** ({}): {} rows in {} series. {changes}",
                    text(&s.dataset),
                    code(&s.path),
                    n(s.rows),
                    n(s.series),
                )?;
                if let Some(sh) = &s.shares {
                    writeln!(
                        out,
                        "  Of the published shares, {} hold, {} do not, and {} cannot be checked: {} have no whole, {} a whole of zero, {} no stated share.",
                        n(sh.consistent),
                        n(sh.inconsistent),
                        n(sh.unverifiable),
                        n(sh.no_whole),
                        n(sh.zero_whole),
                        n(sh.no_stated)
                    )?;
                }
            }
            writeln!(out)?;
        }
        for (verdict, heading) in [
            (Verdict::Inconsistent, "Claims that do not hold"),
            (
                Verdict::Misrecorded,
                "Figures the spec does not record as its source prints them",
            ),
            (
                Verdict::NotEncoded,
                "Numbers of the source the spec leaves out",
            ),
            (Verdict::Questionable, "Questions for the publisher"),
            (Verdict::Unverifiable, "Claims that cannot be checked"),
            (Verdict::Waived, "Waived claims"),
        ] {
            let claims: Vec<&Finding> = c.claims.iter().filter(|f| f.verdict == verdict).collect();
            if claims.is_empty() {
                continue;
            }
            writeln!(out, "## {heading}\n")?;
            for f in claims {
                claim_section(f, out)?;
            }
        }
    }
    Ok(())
}

pub(super) fn compare(compared: &[Compared], out: &mut dyn Write) -> io::Result<()> {
    for c in compared {
        let title = text(c.report.title.as_deref().unwrap_or(&c.report.id));
        writeln!(out, "# {title}: movements\n")?;
        movements(&c.series, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn movements_read_as_words() {
        assert_eq!(movement(&Bounds::new(-88.235, -88.235)), "fell 88.2 %");
        assert_eq!(movement(&Bounds::new(6.3, 6.3)), "rose 6.3 %");
        assert_eq!(movement(&Bounds::new(0.0, 0.0)), "did not change");
        assert_eq!(years_words(6), "six years");
        assert_eq!(years_words(1), "one year");
        assert_eq!(years_words(40), "40 years");
    }

    #[test]
    fn text_from_a_spec_stays_text() {
        assert_eq!(
            text("<script>x</script>\n# head"),
            "&lt;script&gt;x&lt;/script&gt; # head"
        );
        assert_eq!(text("[a](http://x) | b"), "\\[a\\](http://x) \\| b");
        assert_eq!(text("\u{1b}[31m"), "U+001B\\[31m");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("plain"), "`plain`");
    }
}
