//! Charts as inline SVG for the HTML report, drawn here (no plotting crate):
//! a stated interval against the computed one, a series with each step's %
//! change, a histogram, a bar of counts by verdict. Every text in them is
//! escaped; the colours are Okabe and Ito's, safe for colour-blind readers,
//! and each mark also carries a word.

use super::number::number;
use super::xml::escape;
use crate::findings::{Bounds, Verdict};

/// Okabe–Ito colours, one per verdict.
pub(crate) fn colour(v: Verdict) -> &'static str {
    match v {
        Verdict::Consistent => "#009E73",
        Verdict::Computed => "#0072B2",
        Verdict::Unverifiable => "#E69F00",
        Verdict::Inconsistent => "#D55E00",
        Verdict::Waived => "#999999",
        Verdict::Questionable => "#CC79A7",
        Verdict::Misrecorded => "#882255",
        Verdict::NotEncoded => "#56B4E9",
    }
}

fn svg(width: u32, height: u32, label: &str, body: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">{body}</svg>",
        escape(label)
    )
}

fn label(x: f64) -> String {
    let d = if x.abs() >= 100.0 || x.fract() == 0.0 {
        0
    } else {
        2
    };
    number(x, d)
}

/// The stated interval against the computed one on one axis: how far apart
/// at a glance. `None` when either side has no finite end to draw.
pub(crate) fn interval(stated: &Bounds, computed: &Bounds, verdict: Verdict) -> Option<String> {
    let ends = |b: &Bounds| -> Option<(f64, f64)> {
        match (b.lo, b.hi) {
            (Some(lo), Some(hi)) => Some((lo, hi)),
            (Some(lo), None) => Some((lo, lo)),
            (None, Some(hi)) => Some((hi, hi)),
            (None, None) => None,
        }
    };
    let (s_lo, s_hi) = ends(stated)?;
    let (c_lo, c_hi) = ends(computed)?;
    let lo = s_lo.min(c_lo);
    let hi = s_hi.max(c_hi);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let (lo, hi) = (lo - span * 0.15, hi + span * 0.15);
    let (w, left, right) = (520.0, 90.0, 20.0);
    let x = |v: f64| left + (v - lo) / (hi - lo) * (w - left - right);
    let bar = |y: f64, a: f64, b: f64, fill: &str, name: &str, open_lo: bool, open_hi: bool| {
        let (xa, xb) = (x(a), x(b).max(x(a) + 3.0));
        let arrow = |at: f64, dir: f64| {
            format!(
                "<path d=\"M{at:.1},{:.1} l{:.1},6 l{:.1},6\" fill=\"none\" stroke=\"{fill}\" stroke-width=\"2\"/>",
                y,
                dir * 8.0,
                -dir * 8.0
            )
        };
        format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{name}</text><rect x=\"{xa:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"12\" fill=\"{fill}\" fill-opacity=\"0.8\"/>{}{}<text x=\"{xa:.1}\" y=\"{:.1}\" font-size=\"11\">{}</text><text x=\"{xb:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            left - 8.0,
            y + 10.0,
            xb - xa,
            if open_lo {
                arrow(xa, -1.0)
            } else {
                String::new()
            },
            if open_hi {
                arrow(xb, 1.0)
            } else {
                String::new()
            },
            y + 26.0,
            escape(&label(a)),
            y + 26.0,
            if b != a {
                escape(&label(b))
            } else {
                String::new()
            }
        )
    };
    let body = format!(
        "{}{}<line x1=\"{left}\" y1=\"72\" x2=\"{:.1}\" y2=\"72\" stroke=\"#444\"/>",
        bar(
            8.0,
            s_lo,
            s_hi,
            "#0072B2",
            "stated",
            stated.lo.is_none(),
            stated.hi.is_none()
        ),
        bar(
            40.0,
            c_lo,
            c_hi,
            colour(verdict),
            "computed",
            computed.lo.is_none(),
            computed.hi.is_none()
        ),
        w - right
    );
    Some(svg(
        520,
        80,
        "the stated interval against the computed one",
        &body,
    ))
}

/// A series' values by year, each step's % change written above it.
pub(crate) fn series(
    name: &str,
    points: &[(i32, f64)],
    pct: &[(i32, Option<f64>)],
) -> Option<String> {
    if points.len() < 2 {
        return None;
    }
    let (w, h, left, right, top, bottom) = (520.0, 170.0, 60.0, 20.0, 28.0, 30.0);
    let (y0, y1) = (points.first()?.0, points.last()?.0);
    let vmax = points.iter().map(|p| p.1).fold(f64::MIN, f64::max);
    let vmin = points.iter().map(|p| p.1).fold(f64::MAX, f64::min).min(0.0);
    let vspan = if vmax > vmin { vmax - vmin } else { 1.0 };
    let years = f64::from((y1 - y0).max(1));
    let x = |y: i32| left + f64::from(y - y0) / years * (w - left - right);
    let yv = |v: f64| top + (1.0 - (v - vmin) / vspan) * (h - top - bottom);
    let path: Vec<String> = points
        .iter()
        .enumerate()
        .map(|(i, (yr, v))| {
            format!(
                "{}{:.1},{:.1}",
                if i == 0 { "M" } else { "L" },
                x(*yr),
                yv(*v)
            )
        })
        .collect();
    let mut body = format!(
        "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#444\"/><path d=\"{}\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\"/>",
        h - bottom,
        w - right,
        h - bottom,
        path.join(" ")
    );
    for (yr, v) in points {
        body.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#0072B2\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x(*yr),
            yv(*v),
            x(*yr),
            h - bottom + 16.0,
            yr,
            x(*yr),
            yv(*v) - 8.0,
            escape(&label(*v))
        ));
    }
    for w2 in points.windows(2) {
        let ((a, va), (b, vb)) = (w2[0], w2[1]);
        if let Some(Some(p)) = pct.iter().find(|(y, _)| *y == b).map(|(_, p)| *p) {
            body.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">{}{} %</text>",
                (x(a) + x(b)) / 2.0,
                (yv(va) + yv(vb)) / 2.0 - 12.0,
                if p > 0.0 { "+" } else { "" },
                escape(&number(p, 1))
            ));
        }
    }
    Some(svg(520, 170, &format!("{name} by year"), &body))
}

/// A histogram of `values` in `bins` equal bins.
pub(crate) fn histogram(title: &str, values: &[f64], bins: usize) -> Option<String> {
    let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if finite.is_empty() || bins == 0 {
        return None;
    }
    let lo = finite.iter().copied().fold(f64::MAX, f64::min);
    let hi = finite.iter().copied().fold(f64::MIN, f64::max);
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let mut counts = vec![0usize; bins];
    for v in &finite {
        let i = (((v - lo) / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    let top = *counts.iter().max()? as f64;
    let (w, h, left, bottom) = (520.0, 160.0, 40.0, 30.0);
    let bw = (w - left - 10.0) / bins as f64;
    let mut body = String::new();
    for (i, n) in counts.iter().enumerate() {
        let bh = (*n as f64) / top * (h - bottom - 20.0);
        let xb = left + i as f64 * bw;
        body.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"#D55E00\" fill-opacity=\"0.8\"/>",
            xb + 1.0,
            h - bottom - bh,
            (bw - 2.0).max(1.0)
        ));
        if *n > 0 {
            body.push_str(&format!(
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{n}</text>",
                xb + bw / 2.0,
                h - bottom - bh - 3.0
            ));
        }
    }
    body.push_str(&format!(
        "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#444\"/><text x=\"{left}\" y=\"{:.1}\" font-size=\"11\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
        h - bottom,
        w - 10.0,
        h - bottom,
        h - 10.0,
        escape(&label(lo)),
        w - 10.0,
        h - 10.0,
        escape(&label(hi))
    ));
    Some(svg(520, 160, title, &body))
}

/// One bar of counts by verdict, each part with its number and word.
pub(crate) fn verdicts(counts: &[(Verdict, usize)]) -> Option<String> {
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    let w = 520.0;
    let mut x = 0.0;
    let mut body = String::new();
    for (v, n) in counts.iter().filter(|(_, n)| *n > 0) {
        let bw = (*n as f64) / (total as f64) * w;
        body.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"0\" width=\"{bw:.1}\" height=\"22\" fill=\"{}\"><title>{} {}</title></rect>",
            colour(*v),
            n,
            v.name()
        ));
        if bw > 60.0 {
            body.push_str(&format!(
                "<text x=\"{:.1}\" y=\"15\" font-size=\"11\" fill=\"#fff\">{} {}</text>",
                x + 4.0,
                n,
                v.name()
            ));
        }
        x += bw;
    }
    Some(svg(520, 22, "claims by verdict", &body))
}
