//! `yoy list SPEC`: what a spec holds, without checking it: its claims
//! (id, kind, severity, line in the report, the report's words) and its
//! indicators (id, kind, unit, years), and its datasets.

use crate::spec::{IndicatorKind, Severity, Spec};
use std::io::{self, Write};

pub fn render(spec: &Spec, out: &mut dyn Write) -> io::Result<()> {
    let v = crate::echo::visible;
    writeln!(out, "{} ({})", v(&spec.report.id), spec.path.display())?;
    writeln!(out, "claims: {}", spec.claims.len())?;
    for c in &spec.claims {
        writeln!(
            out,
            "  {} ({}{}){}{}",
            v(&c.id),
            c.kind.kind(),
            match c.severity {
                Severity::Error => "",
                Severity::Plausibility => ", plausibility",
            },
            c.line.map(|l| format!(", line {l}")).unwrap_or_default(),
            c.says
                .as_deref()
                .map(|s| format!(": {}", v(s)))
                .unwrap_or_default()
        )?;
    }
    writeln!(out, "indicators: {}", spec.indicators.len())?;
    for i in &spec.indicators {
        let mut years: Vec<String> = i.figures.iter().map(|f| f.year.to_string()).collect();
        years.extend(i.unknown_years.iter().map(|y| format!("{y} (not given)")));
        writeln!(
            out,
            "  {} ({}{}): {}",
            v(&i.id),
            match i.kind {
                IndicatorKind::Count => "count",
                IndicatorKind::Amount => "amount",
                IndicatorKind::Rate => "rate",
            },
            i.unit
                .as_deref()
                .map(|u| format!(", {}", v(u)))
                .unwrap_or_default(),
            years.join(", ")
        )?;
    }
    if !spec.datasets.is_empty() {
        writeln!(out, "datasets: {}", spec.datasets.len())?;
        for d in &spec.datasets {
            writeln!(out, "  {} ({})", v(&d.id), v(&d.path_written))?;
        }
    }
    Ok(())
}
