//! A deterministic generator of panels for the benchmark: indicator × region ×
//! year rows with a published "% change on the previous year", in the long CSV
//! format `specs/panel.yaml` reads, and the exact counts a correct check gives.
//!
//!     rustc -O benches/gen_panel.rs -o target/bench/gen_panel   (benches/panel.sh does this)
//!     target/bench/gen_panel --indicators 200 --regions 205 --years 26 --out target/bench/panel_1m
//!
//! writes `panel_1m.csv` and `panel_1m.truth.txt`. The panel has what makes the
//! job hard: gaps (a change after a gap is unverifiable), zero values (a change
//! on a zero base is undefined), empty stated cells, changes that land exactly
//! on a rounding half (stated either way), values beyond 32 bits, keys with
//! commas and accents, and about 2 % of deliberately wrong stated changes. The
//! counts are computed here in exact integer arithmetic, independently of yoy.

use std::fmt::Write as _;
use std::io::{BufWriter, Write};

/// splitmix64: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Uniform integer in [lo, hi].
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

const VALUE_MAX: i64 = 5_000_000_000;
const NAMED_REGIONS: [&str; 6] = [
    "Bonaire, Sint Eustatius and Saba",
    "Côte d'Ivoire",
    "Curaçao",
    "Åland",
    "Korea, Rep.",
    "São Tomé and Príncipe",
];
const TOPICS: [&str; 6] = [
    "population",
    "births",
    "deaths",
    "employment",
    "exports_meur",
    "vehicles_registered",
];

struct Row {
    series: u32,
    year: i32,
    value: i64,
    /// Stated change in tenths of a percent; `None` for an empty cell.
    stated: Option<i64>,
    /// Printed as `-0.0` (a fall too small to show).
    negative_zero: bool,
}

/// Exact rule: the change 100·d/p, rounded to one decimal, may print as k/10
/// iff |1000·d − k·p| ≤ p/2 (either way at an exact half).
fn consistent(d: i64, p: i64, k: i64) -> bool {
    2 * (1000 * d as i128 - k as i128 * p as i128).abs() <= p as i128
}

/// The change rounded half away from zero, in tenths; `other` takes the other
/// neighbour when the change is exactly on a half.
fn round_tenths(d: i64, p: i64, other: bool) -> i64 {
    let num = 1000 * d.unsigned_abs() as i128;
    let p = p as i128;
    let mut k = (2 * num + p) / (2 * p);
    if other && (2 * num) % (2 * p) == p {
        k -= 1;
    }
    (if d < 0 { -k } else { k }) as i64
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut indicators, mut regions, mut years, mut seed, mut out) = (
        40usize,
        102usize,
        26i32,
        20_241_129u64,
        String::from("panel"),
    );
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--indicators" => indicators = val().parse().expect("--indicators N"),
            "--regions" => regions = val().parse().expect("--regions N"),
            "--years" => years = val().parse().expect("--years N"),
            "--seed" => seed = val().parse().expect("--seed N"),
            "--out" => out = val(),
            other => panic!("unknown argument {other}; see the top of examples/gen_panel.rs"),
        }
    }
    let mut rng = Rng(seed);
    let start = 1999;
    let mut rows: Vec<Row> = Vec::with_capacity(indicators * regions * years as usize);
    let mut visible_series = 0u64;
    for s in 0..(indicators * regions) as u32 {
        let class = rng.unit();
        // The full series, then which years are published.
        let mut values = Vec::with_capacity(years as usize);
        let mut level = (rng.unit() * 20.0).exp().min(VALUE_MAX as f64 / 3.0);
        let drift = rng.unit() * 0.08 - 0.03;
        let m0 = rng.range(1, 5000);
        for t in 0..years {
            let v = if class < 0.03 {
                // Exact halves: an odd t grows by j/20 % on the year before.
                let m = m0;
                if t % 2 == 0 {
                    2000 * m
                } else {
                    m * (2000 + 2 * rng.range(-500, 999) + 1)
                }
            } else if class < 0.08 {
                rng.range(0, 20) * i64::from(rng.chance(0.7))
            } else {
                level *= 1.0 + drift + (rng.unit() - 0.5) * 0.2;
                level = level.clamp(1.0, VALUE_MAX as f64);
                if rng.chance(0.003) {
                    0
                } else {
                    level.round() as i64
                }
            };
            values.push(v.clamp(0, VALUE_MAX));
        }
        let mut shown = vec![true; years as usize];
        if rng.chance(0.08) {
            let late = rng.range(1, 12) as usize;
            shown.iter_mut().take(late).for_each(|x| *x = false);
        }
        if rng.chance(0.05) {
            let early = rng.range(1, 8) as usize;
            shown.iter_mut().rev().take(early).for_each(|x| *x = false);
        }
        if rng.chance(0.03) {
            let hole = rng.range(1, years as i64 - 2) as usize;
            shown[hole] = false;
        }
        if rng.chance(0.002) {
            let keep = rng.range(0, years as i64 - 1) as usize;
            shown
                .iter_mut()
                .enumerate()
                .for_each(|(i, x)| *x = i == keep);
        }
        if shown.iter().any(|x| *x) {
            visible_series += 1;
        }
        for t in 0..years as usize {
            if !shown[t] {
                continue;
            }
            // Stated against the full series (a change after a gap looks
            // plausible, but the previous year is not in the panel).
            let mut stated = None;
            let mut negative_zero = false;
            if t > 0 && values[t - 1] > 0 && !rng.chance(0.04) {
                let (d, p) = (values[t] - values[t - 1], values[t - 1]);
                let mut k = round_tenths(d, p, rng.chance(0.3));
                if rng.chance(0.02) {
                    k = if rng.chance(0.5) && k != 0 {
                        -k
                    } else {
                        k + rng.range(1, 50) * if rng.chance(0.5) { 1 } else { -1 }
                    };
                }
                negative_zero = k == 0 && d < 0 && rng.chance(0.5);
                stated = Some(k);
            } else if t > 0 && values[t - 1] == 0 && rng.chance(0.1) {
                stated = Some(rng.range(-10, 999));
            }
            rows.push(Row {
                series: s,
                year: start + t as i32,
                value: values[t],
                stated,
                negative_zero,
            });
        }
    }

    // The expected counts, by the job's rules, on the published rows only.
    let mut by_series: std::collections::HashMap<(u32, i32), i64> =
        std::collections::HashMap::with_capacity(rows.len());
    for r in &rows {
        by_series.insert((r.series, r.year), r.value);
    }
    let (mut consistent_n, mut inconsistent_n, mut no_prev, mut zero_prev, mut no_stated) =
        (0u64, 0u64, 0u64, 0u64, 0u64);
    for r in &rows {
        match by_series.get(&(r.series, r.year - 1)) {
            None => no_prev += 1,
            Some(0) => zero_prev += 1,
            Some(&p) => match r.stated {
                None => no_stated += 1,
                Some(k) if consistent(r.value - p, p, k) => consistent_n += 1,
                Some(_) => inconsistent_n += 1,
            },
        }
    }

    // Shuffle: nothing may rely on the order of the rows.
    for i in (1..rows.len()).rev() {
        let j = (rng.next() % (i as u64 + 1)) as usize;
        rows.swap(i, j);
    }
    let region = |r: usize| -> String {
        if r < NAMED_REGIONS.len() {
            NAMED_REGIONS[r].to_string()
        } else {
            format!("R{:02}-{:05}", r % 37, r)
        }
    };
    let quote = |s: &str| {
        if s.contains(',') {
            format!("\"{s}\"")
        } else {
            s.to_string()
        }
    };
    let file = std::fs::File::create(format!("{out}.csv")).expect("create the CSV");
    let mut w = BufWriter::with_capacity(1 << 20, file);
    writeln!(w, "indicator,region,year,value,stated_pct").expect("write");
    let mut line = String::new();
    for r in &rows {
        let (i, g) = (r.series as usize / regions, r.series as usize % regions);
        line.clear();
        let stated = match r.stated {
            None => String::new(),
            Some(_) if r.negative_zero => "-0.0".into(),
            Some(k) => format!(
                "{}{}.{}",
                if k < 0 { "-" } else { "" },
                k.abs() / 10,
                k.abs() % 10
            ),
        };
        let _ = write!(
            line,
            "{}_{:04},{},{},{},{}",
            TOPICS[i % TOPICS.len()],
            i,
            quote(&region(g)),
            r.year,
            r.value,
            stated
        );
        writeln!(w, "{line}").expect("write");
    }
    w.flush().expect("flush");
    let truth = format!(
        "# exact counts for {out}.csv (examples/gen_panel.rs, seed {seed})\nrows: {}\nseries: {visible_series}\nconsistent: {consistent_n}\ninconsistent: {inconsistent_n}\nunverifiable: {}\nunverifiable_no_prev: {no_prev}\nunverifiable_zero_prev: {zero_prev}\nunverifiable_no_stated: {no_stated}\n",
        rows.len(),
        no_prev + zero_prev + no_stated
    );
    std::fs::write(format!("{out}.truth.txt"), truth).expect("write the truth file");
    eprintln!("wrote {out}.csv ({} rows) and {out}.truth.txt", rows.len());
}
