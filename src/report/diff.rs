//! `yoy diff OLD.json NEW.json`: what changed between two runs, a line a
//! finding (new, resolved, changed verdict, moved figures) and a count.

use crate::baseline::Change;
use std::io::{self, Write};
use std::path::Path;

pub(crate) fn render(
    changes: &[(Change, (String, String, String), String)],
    old: &Path,
    new: &Path,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut text = format!("{} → {}\n", old.display(), new.display());
    for (change, (spec, report, claim), verdict) in changes {
        text.push_str(&format!(
            "{:<16} {spec} {report}/{claim}: {verdict}\n",
            change.word()
        ));
    }
    let count = |c: Change| changes.iter().filter(|(x, _, _)| *x == c).count();
    text.push_str(&format!(
        "{} new, {} resolved, {} changed verdicts, {} moved figures\n",
        count(Change::New),
        count(Change::Resolved),
        count(Change::Verdict),
        count(Change::Figures)
    ));
    // Claim ids and spec paths come from files: shown, never obeyed.
    out.write_all(crate::echo::visible_lines(&text).as_bytes())
}
