//! The printed-figure reader on every case of `tests/printed/cases.tsv`:
//! numbers spelled by num2words in Arabic, French and English, grouped with
//! commas, spaces and no-break spaces, in Arabic-Indic digits, and in the
//! mixed Arabic forms news reports print, 0 to 10^9 (see make_cases.py).

use yoy::printed::{Lang, read};

#[test]
fn round_trips_over_the_whole_range() {
    let text = std::fs::read_to_string("tests/printed/cases.tsv").expect("cases");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines() {
        let mut f = line.split('\t');
        let (Some(lang), Some(words), Some(value)) = (f.next(), f.next(), f.next()) else {
            panic!("malformed case: {line}");
        };
        let lang = Lang::from_tag(lang).expect("lang");
        count += 1;
        let got = read(words, lang).map(|p| p.value.to_string());
        if got.as_deref() != Some(value) {
            failures.push(format!("{lang:?} {words:?}: {got:?}, want {value}"));
        }
    }
    assert!(count > 10_000, "{count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases fail:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
