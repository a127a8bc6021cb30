//! Share and change verdicts against a brute-force oracle in exact integer
//! arithmetic, including figures that land exactly on a rounding boundary.

use proptest::prelude::*;
use std::path::Path;
use yoy::findings::Verdict;

fn verdicts(yaml: &str) -> Vec<(Verdict, Option<(i64, i64)>)> {
    let spec = yoy::spec::parse(Path::new("prop.yaml"), yaml).expect("generated spec is valid");
    let findings = yoy::engine::check(&spec).expect("engine runs");
    findings
        .iter()
        .map(|f| {
            (
                f.verdict,
                f.checks[0].granularity.as_ref().and_then(|g| g.fitting),
            )
        })
        .collect()
}

/// A stated percentage `p / 10^d` printed with `d` decimals.
fn pct_text(p: i64, d: u32) -> String {
    let scale = 10i64.pow(d);
    let sign = if p < 0 { "-" } else { "" };
    let a = p.abs();
    if d == 0 {
        format!("{sign}{a}%")
    } else {
        format!(
            "{sign}{}.{:0width$}%",
            a / scale,
            a % scale,
            width = d as usize
        )
    }
}

/// Does the true value `num / den` (as a percentage) round to `p / 10^d`, either
/// way at an exact half? |100·num·10^d − p·den| ≤ den / 2, in integers.
fn rounds_to(num: i128, den: i128, p: i64, d: u32) -> bool {
    let scale = 10i128.pow(d);
    2 * (100 * num * scale - p as i128 * den).abs() <= den
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn share_of_a_count_matches_brute_force(
        whole in 1i64..400,
        part_frac in 0.0f64..=1.0,
        d in 0u32..=2,
        jitter in -3i64..=3,
    ) {
        let part = ((whole as f64) * part_frac).round() as i64;
        let scale = 10i64.pow(d);
        // Centre the stated value on the true share, then nudge it so that some
        // cases land on, or just off, a rounding boundary.
        let p = ((100 * part * scale) as f64 / whole as f64).round() as i64 + jitter;
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  part: {{values: {{2024: {part}}}}}\n  whole: {{values: {{2024: {whole}}}}}\nclaims:\n  - {{id: with_part, share: \"{s}\", part: part, of: whole}}\n  - {{id: grain_only, share: \"{s}\", of: whole}}\n",
            s = pct_text(p, d)
        );
        let got = verdicts(&yaml);
        let want = rounds_to(part as i128, whole as i128, p, d);
        prop_assert_eq!(got[0].0 == Verdict::Consistent, want, "{} of {} stated {}", part, whole, pct_text(p, d));
        // Granularity: the fitting parts are exactly those the oracle accepts.
        let fitting: Vec<i64> = (0..=whole).filter(|k| rounds_to(*k as i128, whole as i128, p, d)).collect();
        let want_range = fitting.first().map(|a| (*a, *fitting.last().unwrap_or(a)));
        prop_assert_eq!(got[1].1, want_range);
        prop_assert_eq!(got[1].0 == Verdict::Inconsistent, fitting.is_empty());
    }

    #[test]
    fn change_matches_brute_force(
        from in 1i64..5000,
        to in 0i64..10000,
        d in 0u32..=1,
        jitter in -2i64..=2,
    ) {
        let scale = 10i64.pow(d);
        let p = ((100 * (to - from) * scale) as f64 / from as f64).round() as i64 + jitter;
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  x: {{values: {{2023: {from}, 2024: {to}}}}}\nclaims:\n  - {{id: c, change: x, from: 2023, to: 2024, stated: \"{}\"}}\n",
            pct_text(p, d)
        );
        let got = verdicts(&yaml);
        let want = rounds_to((to - from) as i128, from as i128, p, d);
        prop_assert_eq!(got[0].0 == Verdict::Consistent, want, "{} -> {} stated {}", from, to, pct_text(p, d));
    }
}

/// The rounding rules of the contract, by their spec names.
const RULES: [&str; 8] = [
    "up_or_down",
    "half_up",
    "half_down",
    "half_even",
    "truncate",
    "floor",
    "ceiling",
    "ceiling_or_floor",
];

/// Does the true value `n / q` (q > 0, any sign) print as `u` steps of
/// 10^-d under `rule`? Each rule from its definition, in integers only:
/// x = n·10^d / q, compared as 2·n·10^d against multiples of q.
fn prints_as(n: i128, q: i128, d: u32, rule: &str, u: i128) -> bool {
    let x2 = 2 * n * 10i128.pow(d); // 2x·q
    let at = |k2: i128| k2 * q; // (k2 / 2)·2q: the point k2/2, scaled like x2
    let (lo, hi) = (at(2 * u - 1), at(2 * u + 1)); // u − ½, u + ½
    match rule {
        "up_or_down" => x2 >= lo && x2 <= hi,
        "half_up" if u > 0 => x2 >= lo && x2 < hi,
        "half_up" if u < 0 => x2 > lo && x2 <= hi,
        "half_up" => x2 > lo && x2 < hi,
        "half_down" if u > 0 => x2 > lo && x2 <= hi,
        "half_down" if u < 0 => x2 >= lo && x2 < hi,
        "half_down" => x2 >= lo && x2 <= hi,
        "half_even" => (x2 > lo && x2 < hi) || ((x2 == lo || x2 == hi) && u % 2 == 0),
        "truncate" if u > 0 => x2 >= at(2 * u) && x2 < at(2 * u + 2),
        "truncate" if u < 0 => x2 > at(2 * u - 2) && x2 <= at(2 * u),
        "truncate" => x2 > at(-2) && x2 < at(2),
        "floor" => x2 >= at(2 * u) && x2 < at(2 * u + 2),
        "ceiling" => x2 > at(2 * u - 2) && x2 <= at(2 * u),
        "ceiling_or_floor" => x2 > at(2 * u - 2) && x2 < at(2 * u + 2),
        _ => unreachable!("a rule of RULES"),
    }
}

/// `u` steps of 10^-d as a stated figure's text (with `%` when `pct`).
fn units_text(u: i128, d: u32, pct: bool) -> String {
    let sign = if u < 0 { "-" } else { "" };
    let a = u.abs();
    let scale = 10i128.pow(d);
    let body = if d == 0 {
        format!("{a}")
    } else {
        format!("{}.{:0width$}", a / scale, a % scale, width = d as usize)
    };
    format!("{sign}{body}{}", if pct { "%" } else { "" })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// A stated % change of two counts under every rounding rule, against
    /// the integer oracle.
    #[test]
    fn change_under_every_rule_matches_an_exact_oracle(
        from in 1i64..3000,
        to in 0i64..6000,
        d in 0u32..=3,
        jitter in -2i128..=2,
        rule in proptest::sample::select(RULES.to_vec()),
    ) {
        let scale = 10i128.pow(d);
        let n = 100 * (to as i128 - from as i128);
        let u = (n * scale) / from as i128 + jitter;
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  x: {{values: {{2023: {from}, 2024: {to}}}}}\nclaims:\n  - {{id: c, change: x, from: 2023, to: 2024, stated: \"{}\", rounding: {rule}}}\n",
            units_text(u, d, true)
        );
        let got = verdicts(&yaml);
        let want = prints_as(n, from as i128, d, rule, u);
        prop_assert_eq!(got[0].0 == Verdict::Consistent, want, "{} -> {} stated {} ({})", from, to, units_text(u, d, true), rule);
    }

    /// A share of a count, and the whole numbers that fit it, under every rule.
    #[test]
    fn share_under_every_rule_matches_an_exact_oracle(
        whole in 1i64..300,
        part_frac in 0.0f64..=1.0,
        d in 0u32..=4,
        jitter in -2i128..=2,
        rule in proptest::sample::select(RULES.to_vec()),
    ) {
        let part = ((whole as f64) * part_frac).round() as i64;
        let scale = 10i128.pow(d);
        let u = (100 * part as i128 * scale) / whole as i128 + jitter;
        let text = units_text(u, d, true);
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  part: {{values: {{2024: {part}}}}}\n  whole: {{values: {{2024: {whole}}}}}\nclaims:\n  - {{id: with_part, share: \"{text}\", part: part, of: whole, rounding: {rule}}}\n  - {{id: grain_only, share: \"{text}\", of: whole, rounding: {rule}}}\n"
        );
        let got = verdicts(&yaml);
        let fits = |k: i64| prints_as(100 * k as i128, whole as i128, d, rule, u);
        // A share below 0 or above 100 % no part gives (the part may be given
        // or not: the verdict is inconsistent either way).
        prop_assert_eq!(got[0].0 == Verdict::Consistent, fits(part), "{} of {} stated {} ({})", part, whole, text, rule);
        let fitting: Vec<i64> = (0..=whole).filter(|k| fits(*k)).collect();
        prop_assert_eq!(got[1].0 == Verdict::Inconsistent, fitting.is_empty(), "{} of {} ({})", text, whole, rule);
        if !fitting.is_empty() {
            prop_assert_eq!(got[1].1, Some((fitting[0], fitting[fitting.len() - 1])));
        }
    }

    /// A mean over a count of answers whose total the report does not give:
    /// unverifiable when some whole total prints as stated, inconsistent when
    /// none does, under every rule.
    #[test]
    fn a_missing_total_under_every_rule_matches_an_exact_oracle(
        answers in 1i64..120,
        total in 0i64..2000,
        d in 0u32..=3,
        jitter in -3i128..=3,
        rule in proptest::sample::select(RULES.to_vec()),
    ) {
        let scale = 10i128.pow(d);
        let u = (total as i128 * scale) / answers as i128 + jitter;
        if u < 0 {
            return Ok(());
        }
        let text = units_text(u, d, false);
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  total: {{values: {{2024: ~}}}}\n  answers: {{values: {{2024: {answers}}}}}\nclaims:\n  - {{id: m, ratio: total, per: answers, stated: \"{text}\", rounding: {rule}}}\n"
        );
        let got = verdicts(&yaml);
        // Whole totals whose mean prints as stated: they lie near u·answers / 10^d.
        let centre = (u * answers as i128) / scale;
        let some = (0.max(centre - 2 * answers as i128)..=centre + 2 * answers as i128)
            .any(|t| prints_as(t, answers as i128, d, rule, u));
        let want = if some { Verdict::Unverifiable } else { Verdict::Inconsistent };
        prop_assert_eq!(got[0].0, want, "mean {} of {} answers ({})", text, answers, rule);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// A stated per-unit figure of two known counts (pupils per school)
    /// under every rule, against the integer oracle.
    #[test]
    fn ratio_under_every_rule_matches_an_exact_oracle(
        num in 0i64..5000,
        den in 1i64..400,
        d in 0u32..=3,
        jitter in -2i128..=2,
        rule in proptest::sample::select(RULES.to_vec()),
    ) {
        let u = (num as i128 * 10i128.pow(d)) / den as i128 + jitter;
        if u < 0 {
            return Ok(());
        }
        let text = units_text(u, d, false);
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  n: {{values: {{2024: {num}}}}}\n  per: {{values: {{2024: {den}}}}}\nclaims:\n  - {{id: r, ratio: n, per: per, stated: \"{text}\", rounding: {rule}}}\n"
        );
        let got = verdicts(&yaml);
        let want = prints_as(num as i128, den as i128, d, rule, u);
        prop_assert_eq!(got[0].0 == Verdict::Consistent, want, "{}/{} stated {} ({})", num, den, text, rule);
    }

    /// A stated difference of a rate between two years, in points, with the
    /// rates printed to one decimal (exact), under every rule.
    #[test]
    fn points_under_every_rule_matches_an_exact_oracle(
        from in 0i64..1000,
        to in 0i64..1000,
        d in 0u32..=2,
        jitter in -2i128..=2,
        rule in proptest::sample::select(RULES.to_vec()),
    ) {
        // Rates in tenths (12.3 is 123), exact figures: the difference is
        // (to − from)/10 points.
        let n = (to - from) as i128;
        let u = (n * 10i128.pow(d)).div_euclid(10) + jitter;
        let text = units_text(u, d, false);
        let rate = |t: i64| format!("{}.{}", t / 10, t % 10);
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  r: {{kind: rate, values: {{2023: {}, 2024: {}}}}}\nclaims:\n  - {{id: p, points: r, from: 2023, to: 2024, stated: \"{text}\", rounding: {rule}}}\n",
            rate(from), rate(to)
        );
        let got = verdicts(&yaml);
        let want = prints_as(n, 10, d, rule, u);
        prop_assert_eq!(got[0].0 == Verdict::Consistent, want, "{} -> {} stated {} ({})", rate(from), rate(to), text, rule);
    }
}

#[test]
fn exact_halves_are_accepted_either_way() {
    // 1/8 = 12.5 %, 3/8 = 37.5 %: on the boundary between two whole percents.
    for (k, lo, hi) in [(1, 12, 13), (3, 37, 38), (5, 62, 63)] {
        for p in [lo, hi] {
            assert!(rounds_to(k, 8, p, 0));
            let yaml = format!(
                "report: {{id: p, year: 2024}}\nindicators:\n  part: {{values: {{2024: {k}}}}}\n  whole: {{values: {{2024: 8}}}}\nclaims:\n  - {{id: s, share: \"{p}%\", part: part, of: whole}}\n"
            );
            assert_eq!(verdicts(&yaml)[0].0, Verdict::Consistent, "{k}/8 as {p}%");
        }
    }
    // 2003 after 2000 is +0.15 % exactly: "0.1%" and "0.2%" both hold, "0.3%" does not.
    for (p, ok) in [(1, true), (2, true), (3, false)] {
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  x: {{values: {{2023: 2000, 2024: 2003}}}}\nclaims:\n  - {{id: c, change: x, from: 2023, to: 2024, stated: \"0.{p}%\"}}\n"
        );
        assert_eq!(verdicts(&yaml)[0].0 == Verdict::Consistent, ok, "0.{p}%");
    }
}

/// Random specs, valid or not, through loading, checking, series and rendering:
/// never a panic, and never a NaN or an infinity in the JSON.
mod random_specs {
    use proptest::prelude::*;
    use std::path::Path;

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("0".to_string()),
            Just("1".to_string()),
            Just("7".to_string()),
            Just("363".to_string()),
            Just("-5".to_string()),
            Just("0.5".to_string()),
            Just("1e15".to_string()),
            Just("9007199254740992".to_string()),
            Just("~".to_string()),
            Just("{more_than: 4300}".to_string()),
            Just("{at_least: 0}".to_string()),
            Just("{up_to: 20000}".to_string()),
            Just("{about: 50, tolerance: 5}".to_string()),
            Just("{value: 2120000, rounded_to: 10000}".to_string()),
            (0u32..100_000).prop_map(|v| v.to_string()),
        ]
    }

    fn stated() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\"-50%\"".to_string()),
            Just("\"0%\"".to_string()),
            Just("\"12.5%\"".to_string()),
            Just("\"-100%\"".to_string()),
            Just("\"+300%\"".to_string()),
            Just("\"-0.0%\"".to_string()),
            Just("\"abc\"".to_string()),
            Just("0.5".to_string()),
            (-200i32..400).prop_map(|v| format!("\"{v}%\"")),
        ]
    }

    fn claim(names: Vec<&'static str>) -> impl Strategy<Value = String> {
        let name = proptest::sample::select(names);
        let year = 2019i32..=2025;
        (
            0usize..11,
            name.clone(),
            name.clone(),
            name,
            year.clone(),
            year,
            stated(),
            -3.0f64..5.0,
        )
            .prop_map(|(kind, a, b, c, y1, y2, s, f)| match kind {
                0 => format!("{{change: {a}, from: {y1}, to: {y2}, stated: {s}}}"),
                1 => format!("{{points: {a}, from: {y1}, to: {y2}, stated: \"+1.5\"}}"),
                2 => format!("{{share: {s}, part: {a}, of: {b}, year: {y1}}}"),
                3 => format!("{{shares: [{s}, \"60%\"], of: {b}, year: {y1}, exhaustive: true}}"),
                4 => format!("{{sum: [{a}, {b}], equals: {c}, year: {y1}}}"),
                5 => format!("{{subset: {a}, of: {b}, year: {y1}}}"),
                6 => format!("{{equal: [{a}, {b}], year: {y1}}}"),
                7 => format!("{{trend: {a}, direction: decreasing}}"),
                8 => {
                    format!("{{multiple: {a}, from: {y1}, to: {y2}, factor: {f}, tolerance: 0.1}}")
                }
                9 => format!("{{product: [{a}, {b}], equals: {c}, year: {y1}}}"),
                _ => format!("{{ratio: {a}, per: {b}, year: {y1}}}"),
            })
    }

    /// The indicators part of a spec, and candidate claims (some invalid).
    fn spec() -> impl Strategy<Value = (String, Vec<String>)> {
        let names = vec!["a", "b", "c", "nope"];
        let kinds = proptest::sample::select(vec!["count", "amount", "rate"]);
        let indicator = (
            kinds,
            proptest::collection::vec((2020i32..=2024, value()), 0..4),
        );
        (
            proptest::collection::vec(indicator, 3),
            proptest::collection::vec(claim(names), 0..8),
        )
            .prop_map(|(inds, claims)| {
                let mut s = String::from("report: {id: r, year: 2024}\nindicators:\n");
                for (name, (kind, values)) in ["a", "b", "c"].iter().zip(inds) {
                    let vals: Vec<String> =
                        values.iter().map(|(y, v)| format!("{y}: {v}")).collect();
                    s.push_str(&format!(
                        "  {name}: {{kind: {kind}, values: {{{}}}}}\n",
                        vals.join(", ")
                    ));
                }
                (s, claims)
            })
    }

    fn with_claims(indicators: &str, claims: &[&String]) -> String {
        let mut s = format!("{indicators}claims:\n");
        for (i, c) in claims.iter().enumerate() {
            s.push_str(&format!("  - {{id: c{i}, {}\n", c.trim_start_matches('{')));
        }
        s
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn never_panics((indicators, candidates) in spec()) {
            let parse = |text: &str| yoy::spec::parse(Path::new("random.yaml"), text);
            let all: Vec<&String> = candidates.iter().collect();
            let _ = parse(&with_claims(&indicators, &all));
            // Keep the claims that are valid on their own, so the engine sees many.
            let valid: Vec<&String> = candidates.iter().filter(|c| parse(&with_claims(&indicators, &[*c])).is_ok()).collect();
            let Ok(spec) = parse(&with_claims(&indicators, &valid)) else { return Ok(()) };
            let claims = yoy::engine::check(&spec).expect("a valid spec always checks");
            prop_assert_eq!(claims.len(), spec.claims.len());
            let series = yoy::engine::compare(&spec).expect("a valid spec always compares");
            let checked = [yoy::findings::Checked::new("random.yaml".into(), yoy::findings::ReportMeta { id: "r".into(), title: None, year: None, source: None, publisher: None }, claims, series)];
            let view = yoy::report::CheckView { checked: &checked, unverifiable_fails: true, questionable_fails: true, not_encoded_fails: true, sarif_root: None, sarif_help: None, width: 100, run: &yoy::report::html::Run { command: "yoy check".into(), date: "2026-01-01".into() }, verbose: true, color: false };
            use yoy::report::Format::*;
            for format in [Table, Json, Csv, Markdown, Junit, Github, Sarif] {
                let mut out = Vec::new();
                yoy::report::render_check(format, &view, &mut out).expect("renders");
                let text = String::from_utf8(out).expect("utf-8");
                prop_assert!(!text.contains("NaN") && !text.contains("inf"), "{:?}: {}", format, text);
            }
            for f in &checked[0].claims {
                let mut out = Vec::new();
                yoy::report::explain::claim("random.yaml", f, &mut out).expect("explains");
            }
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
            let _ = yoy::spec::parse(Path::new("random.yaml"), &text);
        }
    }
}
