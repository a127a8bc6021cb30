//! SARIF 2.1.0, so code-scanning tools show failing claims at their spec lines.
//! Rule ids are the verdicts; each result carries the claim id as a stable
//! fingerprint, so the same claim is the same alert across runs.

use super::CheckView;
use super::location::Locations;
use super::working::verdict_line;
use crate::findings::{FindingKind, Verdict};
use serde_json::json;

/// The base every path is relative to: the working directory (GitHub code
/// scanning takes it for the repository's root).
const SRCROOT: &str = "%SRCROOT%";
use std::io::{self, Write};

pub(super) fn check(view: &CheckView, out: &mut dyn Write) -> io::Result<()> {
    // The document without its results, printed; the results are written
    // into it one by one as they are made, so that a panel's hundred
    // thousand failing rows are never all held as JSON at once (2.6 GB for
    // 186 669 rows when they were).
    let mut sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "yoy",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules(view.sarif_help),
            }},
            "results": []
        }]
    });
    // Paths are relative to the working directory; `--sarif-root` says
    // where that is, for a viewer that does not know.
    if let Some(root) = view.sarif_root {
        sarif["runs"][0]["originalUriBaseIds"] = json!({ SRCROOT: { "uri": root } });
    }
    let frame = serde_json::to_string_pretty(&sarif).map_err(io::Error::from)?;
    const EMPTY: &str = "\n      \"results\": []";
    let (head, tail) = frame
        .split_once(EMPTY)
        .ok_or_else(|| io::Error::other("the SARIF frame has no results array"))?;
    let mut results = Results {
        out,
        written: 0,
        head,
    };
    for c in view.checked {
        let located = Locations::of(c);
        for f in &c.claims {
            let (rule, level) = match f.verdict {
                Verdict::Inconsistent => ("yoy/inconsistent", "error"),
                Verdict::Misrecorded => ("yoy/misrecorded", "error"),
                Verdict::Unverifiable if view.unverifiable_fails => ("yoy/unverifiable", "error"),
                Verdict::Unverifiable => ("yoy/unverifiable", "warning"),
                Verdict::Questionable if view.questionable_fails => ("yoy/questionable", "error"),
                Verdict::Questionable => ("yoy/questionable", "warning"),
                Verdict::NotEncoded if view.not_encoded_fails => ("yoy/not-encoded", "error"),
                Verdict::NotEncoded => ("yoy/not-encoded", "warning"),
                _ => continue,
            };
            let text: Vec<String> = f
                .checks
                .iter()
                .filter(|ch| ch.verdict != Verdict::Consistent)
                .map(|ch| verdict_line(ch.verdict, ch))
                .collect();
            let (file, line) = located.of_finding(f);
            let physical = json!({
                "artifactLocation": { "uri": uri(&file), "uriBaseId": SRCROOT },
                "region": { "startLine": line.max(1) }
            });
            let mut result = json!({
                "ruleId": rule,
                "level": level,
                "message": { "text": format!("{} ({}): {}", f.claim, f.kind, text.join("; ")) },
                "locations": [{ "physicalLocation": physical }],
                "partialFingerprints": { "claimId/v1": format!("{}/{}", c.report.id, f.claim) }
            });
            // A figure against its source: the source's line beside the spec's.
            if let (FindingKind::Provenance, Some(p), Some(line)) = (f.kind, &c.provenance, f.line)
            {
                result["relatedLocations"] = json!([{
                    "id": 1,
                    "message": { "text": "the line of the source the figure is recorded from" },
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(p.path.as_deref().unwrap_or(&p.source)), "uriBaseId": SRCROOT },
                        "region": { "startLine": line.max(1) }
                    }
                }]);
            }
            results.push(&result)?;
        }
    }
    results.finish(tail)
}

/// The results array, written as serde_json's pretty printer writes it in
/// place (each result indented under `"results": [`).
struct Results<'a, 'w> {
    out: &'w mut dyn Write,
    written: usize,
    /// The document up to the results; written before the first one.
    head: &'a str,
}

impl Results<'_, '_> {
    const INDENT: &'static str = "        ";

    fn push(&mut self, result: &serde_json::Value) -> io::Result<()> {
        if self.written == 0 {
            write!(self.out, "{}\n      \"results\": [\n", self.head)?;
        } else {
            writeln!(self.out, ",")?;
        }
        let text = serde_json::to_string_pretty(result).map_err(io::Error::from)?;
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                writeln!(self.out)?;
            }
            write!(self.out, "{}{line}", Self::INDENT)?;
        }
        self.written += 1;
        Ok(())
    }

    fn finish(self, tail: &str) -> io::Result<()> {
        if self.written == 0 {
            write!(self.out, "{}\n      \"results\": []", self.head)?;
        } else {
            write!(self.out, "\n      ]")?;
        }
        writeln!(self.out, "{tail}")
    }
}

/// A rule: a kind of result, with what it means and what to do.
struct Rule {
    id: &'static str,
    short: &'static str,
    help: &'static str,
    level: &'static str,
}

/// Every rule, in the order docs/rules.md gives them (a test keeps the two
/// the same).
const RULES: [Rule; 5] = [
    Rule {
        id: "yoy/inconsistent",
        short: "A claim the report's own figures contradict",
        help: "The report's own figures cannot give what the claim states: the stated and computed intervals are disjoint, or no whole number fits. `yoy explain SPEC CLAIM` shows the working; fix the report, or the spec if it records the figures wrongly.",
        level: "error",
    },
    Rule {
        id: "yoy/unverifiable",
        short: "A claim the report's figures cannot check",
        help: "A figure the claim needs is not given (or its base is zero): the working gives the range the missing figure would need. Fails the run only with --fail-on unverifiable.",
        level: "warning",
    },
    Rule {
        id: "yoy/misrecorded",
        short: "A figure of the spec that its source text does not print as recorded",
        help: "The spec records a figure its source text does not print as recorded (another value, another line, no such figure, another bound). Fix the spec's value, line or as_written.",
        level: "error",
    },
    Rule {
        id: "yoy/not-encoded",
        short: "A number the source prints that the spec neither records nor ignores",
        help: "The source prints a number the spec neither records nor lists under ignore: with a reason. Record it, or ignore it with the reason. Fails the run only with --fail-on not-encoded.",
        level: "warning",
    },
    Rule {
        id: "yoy/questionable",
        short: "A relation the report implies, not states, that its figures do not bear out: a question for the publisher",
        help: "A relation the report implies without stating it does not hold: a question for the publisher, not an error. Fails the run only with --fail-on questionable.",
        level: "warning",
    },
];

impl Rule {
    /// The anchor of the rule's heading in docs/rules.md as GitHub and
    /// GitLab make it: lower case, the `/` dropped.
    fn anchor(&self) -> String {
        self.id.replace('/', "")
    }
}

/// The rules; each with a `helpUri` into docs/rules.md where yoy's docs are
/// published, when `--sarif-help-uri` says where (no public address is known
/// to yoy itself, and SARIF wants an absolute one).
fn rules(help_base: Option<&str>) -> serde_json::Value {
    RULES
        .iter()
        .map(|r| {
            let mut rule = json!({
                "id": r.id,
                "shortDescription": { "text": r.short },
                "help": { "text": r.help },
                "defaultConfiguration": { "level": r.level }
            });
            if let Some(base) = help_base {
                rule["helpUri"] = json!(format!("{base}docs/rules.md#{}", r.anchor()));
            }
            rule
        })
        .collect()
}

/// A path as a relative URI reference (RFC 3986): every byte outside the
/// unreserved set and `/` percent-encoded, so a space, `#`, `?` or `%` in a
/// file name cannot change what the URI names.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_give_every_rule_with_its_help() {
        let docs = include_str!("../../docs/rules.md");
        let headings: Vec<&str> = docs.lines().filter_map(|l| l.strip_prefix("## ")).collect();
        let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
        assert_eq!(headings, ids);
        for r in &RULES {
            assert!(docs.contains(r.help), "{}: help not in docs/rules.md", r.id);
            assert!(
                docs.contains(r.short),
                "{}: short not in docs/rules.md",
                r.id
            );
        }
        assert_eq!(RULES[3].anchor(), "yoynot-encoded");
    }

    #[test]
    fn paths_are_percent_encoded() {
        assert_eq!(uri("specs/dgsn-2024.yaml"), "specs/dgsn-2024.yaml");
        assert_eq!(uri("my specs/a#b?.yaml"), "my%20specs/a%23b%3F.yaml");
        assert_eq!(uri("é%.yaml"), "%C3%A9%25.yaml");
    }
}
