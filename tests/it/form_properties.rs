//! Each claim form of `tests/forms/` against an exact oracle: integer
//! arithmetic or brute force over whole numbers, written apart from the
//! engine's own arithmetic.

use proptest::prelude::*;
use std::path::Path;
use yoy::findings::Verdict;

fn run(yaml: &str) -> Vec<yoy::findings::Finding> {
    let spec = yoy::spec::parse(Path::new("prop.yaml"), yaml).expect("generated spec is valid");
    yoy::engine::check(&spec).expect("engine runs")
}

fn holds(v: Verdict) -> bool {
    assert!(
        v == Verdict::Consistent || v == Verdict::Inconsistent,
        "decided: {v:?}"
    );
    v == Verdict::Consistent
}

/// A whole percent `p` stands for [p − 0.5, p + 0.5]: x ∈ it ⟺
/// (2p − 1)·den ≤ 200·num ≤ (2p + 1)·den for x = 100·num/den, den > 0.
fn in_pct(p: i128, num: i128, den: i128) -> bool {
    (2 * p - 1) * den <= 200 * num && 200 * num <= (2 * p + 1) * den
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// "d fewer, down p %", no figure given: a whole base b ≥ 1 with
    /// 100·d/b in p's interval and b + d ≥ 0; the implied base is the first
    /// and last such b.
    #[test]
    fn change_by_and_pct_without_figures(d in -300i128..300, p in -100i128..250) {
        prop_assume!(d != 0 && p != 0);
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  x: {{values: {{2023: ~, 2024: ~}}}}\nclaims:\n  - {{id: c, change: x, from: 2023, to: 2024, by: \"{d}\", stated: \"{p}%\"}}\n"
        );
        let f = run(&yaml);
        let bases: Vec<i128> = (1..=70_000).filter(|&b| b + d >= 0 && in_pct(p, d, b)).collect();
        prop_assert_eq!(holds(f[0].verdict), !bases.is_empty());
        if let (Some(first), Some(last)) = (bases.first(), bases.last()) {
            let imp = f[0].checks[0].implied.as_ref().expect("implied base");
            prop_assert_eq!(imp.range.lo, Some(*first as f64));
            prop_assert_eq!(imp.range.hi, Some(*last as f64));
        }
    }

    /// Words on a stated % change of counts, positive or negative, each
    /// band as section 7 of the semantics gives it, in integers.
    #[test]
    fn qualified_changes(from in 1i128..2_000, to in 0i128..5_000, s in 1i128..150, neg in any::<bool>(), w in 0usize..6) {
        let words = ["nearly", "just_over", "more_than", "less_than", "at_least", "at_most"];
        let s = if neg { -s } else { s };
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  x: {{values: {{2023: {from}, 2024: {to}}}}}\nclaims:\n  - {{id: c, change: x, from: 2023, to: 2024, stated: \"{s}%\", qualifier: {}}}\n",
            words[w]
        );
        let f = run(&yaml);
        // The magnitude m of the change, as 100·num/from, with num of s's sign.
        let num = if neg { from - to } else { to - from };
        let m = s.abs();
        let nonneg = num >= 0;
        let want = match words[w] {
            // [0.9·m, m + 0.5]: 10·100·num ≥ 9·m·from, 200·num ≤ (2m + 1)·from.
            "nearly" => 1000 * num >= 9 * m * from && 200 * num <= (2 * m + 1) * from,
            // (m, 1.1·m].
            "just_over" => 100 * num > m * from && 1000 * num <= 11 * m * from,
            "more_than" => 100 * num > m * from,
            "less_than" => nonneg && 100 * num < m * from,
            "at_least" => 100 * num >= m * from,
            _ => nonneg && 100 * num <= m * from,
        };
        prop_assert_eq!(holds(f[0].verdict), want, "{} {}% from {} to {}", words[w], s, from, to);
    }

    /// A share of figures added up, of a whole added up; parts within a
    /// whole together.
    #[test]
    fn shares_and_parts_over_sums(a in 0i128..500, b in 0i128..500, x in 1i128..800, y in 0i128..800, p in 0i128..101) {
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nindicators:\n  a: {{values: {{2024: {a}}}}}\n  b: {{values: {{2024: {b}}}}}\n  x: {{values: {{2024: {x}}}}}\n  y: {{values: {{2024: {y}}}}}\nclaims:\n  - {{id: s, share: \"{p}%\", part: [a, b], of: [x, y]}}\n  - {{id: t, subset: [a, b], of: x}}\n"
        );
        let f = run(&yaml);
        prop_assert_eq!(holds(f[0].verdict), in_pct(p, a + b, x + y));
        prop_assert_eq!(holds(f[1].verdict), a + b <= x);
    }

    /// Factor words on counts, default tolerance:
    /// |to − m·from| ≤ max(0.5, 0.05·m·from), m = mn/md.
    #[test]
    fn factor_words_on_counts(from in 1i128..3_000, to in 0i128..12_000, w in 0usize..4) {
        let (word, mn, md) = [("doubled", 2, 1), ("tripled", 3, 1), ("quadrupled", 4, 1), ("halved", 1, 2)][w];
        let yaml = format!(
            "report: {{id: p}}\nindicators:\n  x: {{values: {{2020: {from}, 2024: {to}}}}}\nclaims:\n  - {{id: c, multiple: x, from: 2020, to: 2024, factor: {word}}}\n"
        );
        let f = run(&yaml);
        // ×20·md: |20·(md·to − mn·from)| ≤ max(10·md, mn·from).
        let dev = (20 * (md * to - mn * from)).abs();
        let want = dev <= (10 * md).max(mn * from);
        prop_assert_eq!(holds(f[0].verdict), want, "{} from {} to {}", word, from, to);
    }

    /// A stated CAGR p % over n years: (to/from)^(1/n) in
    /// [1 + (p − 0.5)/100, 1 + (p + 0.5)/100] ⟺
    /// from·(200 + 2p − 1)^n ≤ to·200^n ≤ from·(200 + 2p + 1)^n.
    #[test]
    fn stated_cagr(from in 1i128..5_000, to in 1i128..20_000, n in 1u32..6, p in -20i128..40) {
        let yaml = format!(
            "report: {{id: p}}\nindicators:\n  x: {{values: {{2019: {from}, {}: {to}}}}}\nclaims:\n  - {{id: c, cagr: x, from: 2019, to: {}, stated: \"{p}%\"}}\n",
            2019 + n, 2019 + n
        );
        let f = run(&yaml);
        let lhs = to * 200i128.pow(n);
        let lo = from * (200 + 2 * p - 1).pow(n);
        let hi = from * (200 + 2 * p + 1).pow(n);
        // A value on a boundary to within the contract's slack is left out.
        prop_assume!(lhs != lo && lhs != hi);
        prop_assert_eq!(holds(f[0].verdict), lo <= lhs && lhs <= hi);
    }

    /// GRIM: a mean M/100 of n answers of `items` whole numbers each holds
    /// when a whole total T over n·items answers prints as it.
    #[test]
    fn grim_against_brute_force(m in 100i128..700, n in 1u64..120, items in 1u32..4) {
        let text = format!("{}.{:02}", m / 100, m % 100);
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nclaims:\n  - {{id: c, grim: \"{text}\", n: {n}, items: {items}}}\n"
        );
        let f = run(&yaml);
        let count = n as i128 * items as i128;
        let fits = (0..=count * 8).any(|t| (2 * m - 1) * count <= 200 * t && 200 * t <= (2 * m + 1) * count);
        prop_assert_eq!(holds(f[0].verdict), fits);
    }

    /// DEBIT: k ones among n, k/n prints as the mean and
    /// √(k(n − k)/(n(n − 1))) as the SD (two decimals each).
    #[test]
    fn debit_against_brute_force(m in 0i128..101, s in 0i128..60, n in 2u64..200) {
        let mean = format!("{}.{:02}", m / 100, m % 100);
        let sd = format!("0.{s:02}");
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nclaims:\n  - {{id: c, debit: \"{mean}\", sd: \"{sd}\", n: {n}}}\n"
        );
        let f = run(&yaml);
        let n = n as i128;
        let fits = (0..=n).any(|k| {
            let mean_ok = (2 * m - 1) * n <= 200 * k && 200 * k <= (2 * m + 1) * n;
            let lo = (2 * s - 1).max(0);
            let v = 40_000 * k * (n - k);
            mean_ok && lo * lo * n * (n - 1) <= v && v <= (2 * s + 1).pow(2) * n * (n - 1)
        });
        prop_assert_eq!(holds(f[0].verdict), fits, "{} {} {}", mean, sd, n);
    }

    /// GRIMMER: whole T and Q, Q ≡ T (mod 2), Q ≥ |T|, with T/n printing as
    /// the mean and √((nQ − T²)/(n(n − 1))) as the SD; and a mean and SD
    /// printed from real answers on a 1 to 7 scale always hold.
    #[test]
    fn grimmer_against_brute_force(xs in proptest::collection::vec(1i128..8, 2..12), dm in -3i128..4, ds in -3i128..4) {
        let n = xs.len() as i128;
        let t: i128 = xs.iter().sum();
        let q: i128 = xs.iter().map(|x| x * x).sum();
        // The mean and SD as a report prints them (two decimals), moved by dm, ds hundredths.
        let mean100 = ((200 * t + n) / (2 * n)) + dm;
        let var = (n * q - t * t) as f64 / (n * (n - 1)) as f64;
        let sd100 = (var.sqrt() * 100.0).round() as i128 + ds;
        prop_assume!(mean100 > 0 && sd100 >= 0);
        let text = |v: i128| format!("{}.{:02}", v / 100, v % 100);
        let yaml = format!(
            "report: {{id: p, year: 2024}}\nclaims:\n  - {{id: c, grimmer: \"{}\", sd: \"{}\", n: {n}}}\n",
            text(mean100), text(sd100)
        );
        let f = run(&yaml);
        let fits = (0..=n * 8).any(|tt| {
            let mean_ok = (2 * mean100 - 1) * n <= 200 * tt && 200 * tt <= (2 * mean100 + 1) * n;
            mean_ok && (tt.abs()..=n * 64).any(|qq| {
                let v = 40_000 * (n * qq - tt * tt);
                let lo = (2 * sd100 - 1).max(0);
                (qq - tt) % 2 == 0
                    && lo * lo * n * (n - 1) <= v
                    && v <= (2 * sd100 + 1).pow(2) * n * (n - 1)
            })
        });
        prop_assert_eq!(holds(f[0].verdict), fits);
        if dm == 0 && ds == 0 {
            prop_assert!(fits, "real answers always fit");
        }
    }
}
