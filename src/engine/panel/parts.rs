//! How a panel too big for its memory is cut into parts. Each part holds whole
//! series (and whole groups of shares), so a part decides alone. Parts are
//! ranges of the first key's text (the first key that is not a share's
//! `across`) when no one value of it holds more rows than a part may: the row
//! files, written part after part, then come out in key order as a whole.
//! Otherwise they are hashes of the keys' codes, and row files are in order
//! within each part.

use super::keys::{KeyTypes, code_of};
use super::numbering::Numbering;
use crate::spec::Dataset;
use polars::prelude::*;

/// The code a missing key is given to find its part.
const MISSING: u32 = u32::MAX;

/// The parts of a panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Parts {
    /// Ranges of `key`'s text: each code's part (`MISSING` for a missing key).
    Ranges {
        key: String,
        part_of_code: Vec<(u32, u32)>,
        count: u64,
    },
    /// Hashes of the keys' codes, modulo `count`.
    Hash { count: u64 },
}

impl Parts {
    /// Parts of at most `numbering.rows / parts` rows each (rounded up), by
    /// ranges if they can be, else `parts` hashes.
    pub(crate) fn plan(ds: &Dataset, keys: &KeyTypes, numbering: &Numbering, parts: u64) -> Parts {
        let hash = Parts::Hash { count: parts };
        let group = ds.share_group();
        let (Some(key), Some(weights)) = (group.first(), &numbering.weights) else {
            return hash;
        };
        let Some(mapping) = ds
            .series
            .iter()
            .position(|k| k == key)
            .and_then(|i| keys.mapping(i))
        else {
            return hash;
        };
        let per_part = numbering.rows.div_ceil(parts.max(1)).max(1);
        // Every value of the key with rows, in text order (missing first, as
        // a sort puts it).
        let mut values: Vec<(Option<&str>, u32, u64)> = Vec::new();
        if weights.missing > 0 {
            values.push((None, MISSING, weights.missing));
        }
        for (code, &rows) in weights.by_code.iter().enumerate() {
            if rows > 0 {
                let Some(text) = mapping.cat_to_str(code as u32) else {
                    return hash;
                };
                values.push((Some(text), code as u32, rows));
            }
        }
        if values.iter().any(|v| v.2 > per_part) {
            return hash;
        }
        values.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (mut part, mut held) = (0u32, 0u64);
        let mut part_of_code = Vec::with_capacity(values.len());
        for (_, code, rows) in values {
            if held > 0 && held + rows > per_part {
                part += 1;
                held = 0;
            }
            held += rows;
            part_of_code.push((code, part));
        }
        let count = part as u64 + 1;
        if count > super::MAX_PARTS {
            return hash;
        }
        Parts::Ranges {
            key: key.to_string(),
            part_of_code,
            count,
        }
    }

    pub(crate) fn count(&self) -> u64 {
        match self {
            Parts::Ranges { count, .. } | Parts::Hash { count } => *count,
        }
    }

    /// The rows of part `index` (from 0) of `lf`.
    pub(crate) fn filter(&self, lf: LazyFrame, ds: &Dataset, index: u64) -> LazyFrame {
        match self {
            Parts::Hash { count } => lf.filter(hash_of(ds, *count).eq(lit(index))),
            Parts::Ranges {
                key, part_of_code, ..
            } => {
                let codes: Vec<u32> = part_of_code
                    .iter()
                    .filter(|(_, part)| *part as u64 == index)
                    .map(|(code, _)| *code)
                    .collect();
                let wanted = UInt32Chunked::from_vec("__code".into(), codes)
                    .into_series()
                    .into_frame();
                let in_order = JoinArgs {
                    maintain_order: MaintainOrderJoin::Left,
                    ..JoinArgs::new(JoinType::Inner)
                };
                lf.with_column(
                    col(key.as_str())
                        .to_physical()
                        .cast(DataType::UInt32)
                        .fill_null(lit(MISSING))
                        .alias("__code"),
                )
                .join(wanted.lazy(), [col("__code")], [col("__code")], in_order)
                .drop(Selector::ByName {
                    names: Arc::from([PlSmallStr::from("__code")]),
                    strict: true,
                })
            }
        }
    }
}

/// A hash of a row's keys' codes (all but a share's `across`), so parts come
/// out about the same size. (Each term stays below 2³², so the sum cannot
/// overflow.)
fn hash_of(ds: &Dataset, parts: u64) -> Expr {
    code_of(ds.share_group().into_iter())
        .into_iter()
        .fold(lit(0u64), |acc, c| {
            acc + (c.fill_null(lit(0u64)) * lit(2_654_435_761u64)) % lit(4_294_967_291u64)
        })
        % lit(parts)
}
