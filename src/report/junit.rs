//! JUnit XML, as GitLab and Jenkins read it: one testsuite per report, one
//! testcase per claim. Inconsistent → `<failure>`; unverifiable → `<error>` when
//! it fails the run (`--fail-on unverifiable`), `<skipped>` otherwise; waived →
//! `<skipped>`. The message is in the element body too (GitLab ignores the
//! attribute).

use super::CheckView;
use super::working::{detail, verdict_line};
use super::xml::escape;
use crate::findings::{Checked, Finding, Verdict};
use std::io::{self, Write};

enum Outcome {
    Passed,
    Failure,
    Error,
    Skipped,
}

fn outcome(f: &Finding, view: &CheckView) -> Outcome {
    match f.verdict {
        Verdict::Consistent | Verdict::Computed => Outcome::Passed,
        Verdict::Inconsistent | Verdict::Misrecorded => Outcome::Failure,
        Verdict::NotEncoded if view.not_encoded_fails => Outcome::Failure,
        Verdict::NotEncoded => Outcome::Skipped,
        Verdict::Questionable if view.questionable_fails => Outcome::Failure,
        Verdict::Unverifiable if view.unverifiable_fails => Outcome::Error,
        Verdict::Unverifiable | Verdict::Waived | Verdict::Questionable => Outcome::Skipped,
    }
}

/// The full working of a failing claim: where it is, what it says, each check.
fn body(c: &Checked, f: &Finding) -> String {
    let mut lines = vec![format!(
        "{}:{}: claim {} ({})",
        c.spec, f.spec_line, f.claim, f.kind
    )];
    if let Some(s) = &f.says {
        lines.push(format!(
            "says: {s}{}",
            f.line
                .map(|l| format!(" (report line {l})"))
                .unwrap_or_default()
        ));
    }
    for ch in &f.checks {
        lines.push(verdict_line(ch.verdict, ch));
    }
    if let Some(w) = &f.waiver {
        lines.push(format!(
            "waiver until {}{}: {}",
            w.until,
            if w.expired { " (expired)" } else { "" },
            w.reason
        ));
    }
    lines.join("\n")
}

fn message(f: &Finding) -> String {
    let worst = f
        .checks
        .iter()
        .find(|c| c.verdict == f.verdict)
        .or(f.checks.first());
    match worst {
        Some(ch) => {
            let d = detail(ch);
            format!(
                "{}: stated {}{}",
                f.verdict.name(),
                ch.stated.text,
                if d.is_empty() {
                    String::new()
                } else {
                    format!("; {d}")
                }
            )
        }
        None => f.verdict.name().to_string(),
    }
}

pub(super) fn check(view: &CheckView, out: &mut dyn Write) -> io::Result<()> {
    let count = |c: &Checked, want: fn(&Outcome) -> bool| {
        c.claims.iter().filter(|f| want(&outcome(f, view))).count()
    };
    let failures = |c: &Checked| count(c, |o| matches!(o, Outcome::Failure));
    let errors = |c: &Checked| count(c, |o| matches!(o, Outcome::Error));
    let skipped = |c: &Checked| count(c, |o| matches!(o, Outcome::Skipped));
    let total: usize = view.checked.iter().map(|c| c.claims.len()).sum();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="yoy" tests="{total}" failures="{}" errors="{}" time="0">"#,
        view.checked.iter().map(failures).sum::<usize>(),
        view.checked.iter().map(errors).sum::<usize>(),
    )?;
    for c in view.checked {
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="{}" skipped="{}" time="0">"#,
            escape(&c.report.id),
            c.claims.len(),
            failures(c),
            errors(c),
            skipped(c),
        )?;
        // The spec's path, where junit-10.xsd has room for it.
        writeln!(
            out,
            r#"    <properties><property name="spec" value="{}"/></properties>"#,
            escape(&c.spec)
        )?;
        for f in &c.claims {
            let open = format!(
                r#"    <testcase name="{}" classname="{}.{}" time="0""#,
                escape(&f.claim),
                escape(&c.report.id),
                f.kind,
            );
            let element = match outcome(f, view) {
                Outcome::Passed => {
                    writeln!(out, "{open}/>")?;
                    continue;
                }
                Outcome::Failure => "failure",
                Outcome::Error => "error",
                Outcome::Skipped => "skipped",
            };
            writeln!(out, "{open}>")?;
            // junit-10.xsd gives `<skipped>` a message only; a failure and an
            // error a message and a type.
            let kind = if element == "skipped" {
                String::new()
            } else {
                format!(r#" type="{}""#, f.verdict.name())
            };
            writeln!(
                out,
                r#"      <{element} message="{}"{kind}>{}</{element}>"#,
                escape(&message(f)),
                escape(&body(c, f))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
