//! GitHub Actions workflow commands: an annotation at the spec line of each
//! failing claim. GitHub shows at most 10 error and 10 warning annotations per
//! step, so the rest are counted in a notice and listed in full in the job
//! summary (Markdown, for `$GITHUB_STEP_SUMMARY`).

use super::CheckView;
use super::location::Locations;
use super::working::verdict_line;
use crate::findings::{Finding, Verdict};
use std::io::{self, Write};

/// Annotations of one level GitHub shows per step.
pub(crate) const PER_STEP_LIMIT: usize = 10;

/// A workflow command's message, as the Actions toolkit escapes it; other
/// control characters (a terminal escape in a key) are shown, not sent.
fn escape_data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if c.is_control() || crate::echo::is_bidi_control(c) => {
                out.extend(c.escape_default())
            }
            c => out.push(c),
        }
    }
    out
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn message(f: &Finding) -> String {
    let lines: Vec<String> = f
        .checks
        .iter()
        .filter(|c| c.verdict != Verdict::Consistent)
        .map(|c| verdict_line(c.verdict, c))
        .collect();
    lines.join("\n")
}

/// The annotations (capped per level), and whether some were left out.
pub(super) fn check(view: &CheckView, out: &mut dyn Write) -> io::Result<()> {
    let mut shown = [0usize; 2];
    let mut left_out = 0;
    for c in view.checked {
        let located = Locations::of(c);
        for f in &c.claims {
            let level = match f.verdict {
                Verdict::Inconsistent | Verdict::Misrecorded => 0,
                Verdict::Unverifiable if view.unverifiable_fails => 0,
                Verdict::Unverifiable => 1,
                Verdict::Questionable if view.questionable_fails => 0,
                Verdict::Questionable => 1,
                Verdict::NotEncoded if view.not_encoded_fails => 0,
                Verdict::NotEncoded => 1,
                _ => continue,
            };
            if shown[level] == PER_STEP_LIMIT {
                left_out += 1;
                continue;
            }
            shown[level] += 1;
            let (file, line) = located.of_finding(f);
            writeln!(
                out,
                "::{} file={},line={},title={}::{}",
                ["error", "warning"][level],
                escape_property(&file),
                line,
                escape_property(&format!("{} ({}): {}", f.claim, f.kind, f.verdict.name())),
                escape_data(&message(f))
            )?;
        }
    }
    if left_out > 0 {
        writeln!(
            out,
            "::notice title=yoy::{left_out} more failing claims are not annotated (GitHub shows {PER_STEP_LIMIT} per level and step); the job summary lists them all"
        )?;
    }
    Ok(())
}

/// The job summary: every claim that fails or cannot be checked, as a table.
pub(crate) fn summary(view: &CheckView) -> String {
    let mut s =
        String::from("## yoy\n\n| spec | claim | verdict | working |\n| --- | --- | --- | --- |\n");
    let mut total = crate::findings::Summary::default();
    for c in view.checked {
        total.merge(c.summary);
        for f in c.claims.iter().filter(|f| {
            matches!(
                f.verdict,
                Verdict::Inconsistent
                    | Verdict::Unverifiable
                    | Verdict::Questionable
                    | Verdict::Misrecorded
            )
        }) {
            // The job summary is Markdown: its text is made safe there.
            let cell = |t: &str| {
                t.split('\n')
                    .map(super::markdown::text)
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            s.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                super::markdown::text(&format!("{}:{}", c.spec, f.spec_line)),
                super::markdown::text(&f.claim),
                f.verdict.name(),
                cell(&message(f))
            ));
        }
    }
    s.push_str(&format!(
        "\n{} claims: {} consistent, {} inconsistent, {} unverifiable.\n",
        total.claims, total.consistent, total.inconsistent, total.unverifiable
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(escape_data("50%\nx"), "50%25%0Ax");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
