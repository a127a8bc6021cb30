//! Putting a panel's rows in series and year order, and finding each row's
//! previous year. Keys are codes, so a series is a number, and a row's place
//! is one integer, its slot: series · stride + (year − first year + 1). The
//! slot just below a row's is its series' previous year; a series' earliest
//! possible year has an empty slot below it, so series never run together.

use super::numbering::Numbering;
use super::{DataError, Order};
use crate::engine::columns::*;
use crate::spec::Dataset;
use polars::prelude::*;

/// The rows of one part in order, with `sid`, the year, `__value` (as a float),
/// `prev_value` (null unless the previous row is exactly the previous year of
/// the same series), `__dup` (the row repeats the one before), `__row` (the
/// row's number in what was read), and the stated columns and `__whole` (for
/// shares) as they are.
pub(super) fn ordered(
    base: &DataFrame,
    ds: &Dataset,
    numbering: &Numbering,
    how: Order,
) -> Result<DataFrame, DataError> {
    let err = |e: PolarsError| super::error::read_error(ds, e);
    let keys: Vec<Expr> = ds.series.iter().map(|k| col(k.as_str())).collect();
    let (year, value) = (ds.year.as_str(), ds.value.as_str());
    let carried: Vec<&str> = ds
        .stated_columns()
        .chain(ds.stated_share.as_ref().map(|_| WHOLE))
        .collect();
    let radix = &numbering.radix;
    let (ymin, ymax) = (numbering.first_year, numbering.last_year);
    // A series id from the keys' codes: code₁·(n₂·n₃…) + code₂·(n₃…) + …, when
    // the key space fits 32 bits (else one id per distinct key, by a join).
    let space = radix
        .iter()
        .try_fold(1u64, |acc, r| acc.checked_mul(*r))
        .filter(|s| *s < 1u64 << 32);
    // The series id's digits: the keys' codes, or one id per distinct key.
    let (numeric, digits) = match space {
        Some(_) => {
            let digits = ds
                .series
                .iter()
                .zip(radix)
                .map(|(k, r)| Ok((base.column(k.as_str())?.to_physical_repr(), *r)))
                .collect::<PolarsResult<Vec<_>>>()
                .map_err(err)?;
            (base.clone(), digits)
        }
        None => {
            let ids = base
                .clone()
                .lazy()
                .select(keys.clone())
                .unique(None, UniqueKeepStrategy::Any)
                .with_row_index(SID, None);
            let in_order = JoinArgs {
                nulls_equal: true,
                maintain_order: MaintainOrderJoin::Left,
                ..JoinArgs::new(JoinType::Inner)
            };
            let joined = base
                .clone()
                .lazy()
                .join(ids, keys.clone(), keys.clone(), in_order)
                .collect()
                .map_err(err)?;
            let sid = joined.column(SID).map_err(err)?.clone();
            (joined, vec![(sid, base.height() as u64 + 1)])
        }
    };
    let stride = (ymax - ymin + 2) as u64;
    let ids = space.unwrap_or(base.height() as u64 + 1);
    let slots = ids
        .checked_mul(stride)
        .filter(|n| *n < 1u64 << 63)
        .ok_or_else(|| DataError::Unreadable {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            reason: format!(
                "its {ids} possible series over years {ymin} to {ymax} are more than yoy can number"
            ),
        })?;
    let slot = slots_of(
        &digits,
        numeric.column(year).map_err(err)?,
        stride,
        ymin - 1,
    )
    .map_err(err)?;
    // Slots fit 32 bits for any realistic panel; a narrower key sorts faster.
    let slot = if slots < 1u64 << 32 {
        UInt32Chunked::from_iter_values("__slot".into(), slot.into_iter().map(|s| s as u32))
            .into_column()
    } else {
        UInt64Chunked::from_vec("__slot".into(), slot).into_column()
    };
    let slot_type = slot.dtype().clone();
    let mut moved = vec!["__row", value];
    moved.extend(carried.iter().copied());
    let mut numeric = numeric.select(moved).map_err(err)?;
    numeric.with_column(slot).map_err(err)?;
    // By counting when the slots are dense, else by one sort of one integer.
    // Only the columns the decision needs move; series and year are read back
    // from the slot.
    let counted = match how {
        Order::CountWhenDense => slot_order(numeric.column("__slot").map_err(err)?, slots, stride),
        Order::Sort => None,
    };
    if let Some(c) = counted {
        // The row numbers are the order itself, and series, years and
        // previous years come out of the count: only the values and stated
        // figures move.
        let moved = numeric.drop_many(["__slot", "__row"]);
        let mut df = gathered(moved, &c.order).map_err(err)?;
        let years = c.year_offset.iter().map(|&o| (ymin - 1 + o as i64) as i32);
        for column in [
            IdxCa::from_vec(ROW.into(), c.order).into_column(),
            UInt32Chunked::from_vec(SID.into(), c.sid).into_column(),
            Int32Chunked::from_iter_values(year.into(), years).into_column(),
            BooleanChunked::from_slice("__has_prev".into(), &c.has_prev).into_column(),
        ] {
            df.with_column(column).map_err(err)?;
        }
        let mut kept = vec![
            col(ROW),
            col(SID),
            col(year),
            col(value).cast(DataType::Float64).alias(VALUE),
            when(col("__has_prev"))
                .then(col(value).shift(lit(1)))
                .otherwise(lit(NULL))
                .alias(PREV_VALUE),
            lit(false).alias(DUP),
        ];
        kept.extend(carried.iter().map(|c| col(*c)));
        return df.lazy().select(kept).collect().map_err(err);
    }
    let sorted = numeric.lazy().sort(
        ["__slot"],
        SortMultipleOptions::default().with_multithreaded(true),
    );
    let mut kept = vec![
        col(ROW),
        col("__slot")
            .floor_div(lit(stride))
            .cast(DataType::UInt32)
            .alias(SID),
        ((col("__slot") % lit(stride)).cast(DataType::Int64) + lit(ymin - 1))
            .cast(DataType::Int32)
            .alias(year),
        col(value).cast(DataType::Float64).alias(VALUE),
        when(
            col("__slot")
                .shift(lit(1))
                .eq(col("__slot") - lit(1u64).cast(slot_type)),
        )
        .then(col(value).shift(lit(1)))
        .otherwise(lit(NULL))
        .alias(PREV_VALUE),
        col("__slot")
            .shift(lit(1))
            .eq(col("__slot"))
            .fill_null(lit(false))
            .alias(DUP),
    ];
    kept.extend(carried.iter().map(|c| col(*c)));
    sorted.select(kept).collect().map_err(err)
}

/// Each row's slot: its series id (`digits`, most significant first, each a
/// column of codes with its radix; a missing code is the radix's last value)
/// times `stride`, plus its year less `before`. One pass over plain arrays,
/// where the same arithmetic as expressions made a column per step.
fn slots_of(
    digits: &[(Column, u64)],
    years: &Column,
    stride: u64,
    before: i64,
) -> PolarsResult<Vec<u64>> {
    let mut slot = vec![0u64; years.len()];
    for (codes, radix) in digits {
        let mut at = 0;
        for chunk in codes.as_materialized_series().u32()?.downcast_iter() {
            let cells = &mut slot[at..at + chunk.len()];
            match chunk.validity() {
                None => {
                    for (s, &c) in cells.iter_mut().zip(chunk.values().iter()) {
                        *s = *s * radix + c as u64;
                    }
                }
                Some(valid) => {
                    for ((s, &c), ok) in cells.iter_mut().zip(chunk.values().iter()).zip(valid) {
                        *s = *s * radix + if ok { c as u64 } else { radix - 1 };
                    }
                }
            }
            at += chunk.len();
        }
    }
    // Rows without a year are refused before any part is decided.
    polars_ensure!(years.null_count() == 0, ComputeError: "a row has no year");
    let mut at = 0;
    for chunk in years.as_materialized_series().i32()?.downcast_iter() {
        let cells = &mut slot[at..at + chunk.len()];
        for (s, &y) in cells.iter_mut().zip(chunk.values().iter()) {
            *s = *s * stride + (y as i64 - before) as u64;
        }
        at += chunk.len();
    }
    Ok(slot)
}

/// Rows put in slot order by counting, with what their slots say: each row's
/// series, its year's place among the series' slots, and whether the slot just
/// below (the series' previous year) holds a row.
pub(super) struct Counted {
    pub(crate) order: Vec<IdxSize>,
    pub(crate) sid: Vec<u32>,
    pub(crate) year_offset: Vec<u32>,
    pub(crate) has_prev: Vec<bool>,
}

/// The order that puts `slots` (`count` of them, `stride` a series) in
/// ascending order, found by counting: one pass puts each row's number at its
/// slot, one pass reads the slots in order, series by series, so that a row's
/// series, year and previous year come out of the pass, not out of dividing
/// its slot. That is linear where a sort is not, and pays when the slots are
/// dense (a panel has most of its series' years). `None` when they are sparse,
/// or when two rows share a slot: the sort then finds the duplicates and they
/// are reported.
pub(super) fn slot_order(slots: &Column, count: u64, stride: u64) -> Option<Counted> {
    const EMPTY: IdxSize = IdxSize::MAX;
    let slots = slots.u32().ok()?;
    let rows = slots.len() as u64;
    // The slot array costs 4 bytes a slot: up to 40 a row, about what a sort
    // of the rows costs besides them.
    if slots.null_count() > 0 || count > 10 * rows + (1 << 20) {
        return None;
    }
    let mut at = vec![EMPTY; usize::try_from(count).ok()?];
    let mut row: IdxSize = 0;
    for chunk in slots.downcast_iter() {
        for &slot in chunk.values().iter() {
            let cell = at.get_mut(slot as usize)?;
            if *cell != EMPTY {
                return None;
            }
            *cell = row;
            row += 1;
        }
    }
    let n = slots.len();
    let mut counted = Counted {
        order: Vec::with_capacity(n),
        sid: Vec::with_capacity(n),
        year_offset: Vec::with_capacity(n),
        has_prev: Vec::with_capacity(n),
    };
    let stride = usize::try_from(stride).ok().filter(|s| *s > 0)?;
    for (sid, series) in at.chunks(stride).enumerate() {
        for (y, &r) in series.iter().enumerate() {
            if r != EMPTY {
                counted.order.push(r);
                counted.sid.push(sid as u32);
                counted.year_offset.push(y as u32);
                counted.has_prev.push(y > 0 && series[y - 1] != EMPTY);
            }
        }
    }
    Some(counted)
}

/// The rows of `df` in `order`, two columns at a time (one a thread), each
/// column freed once gathered, so the frame never exists twice over. Numeric
/// columns have their values and validity gathered apart, each in one tight
/// pass: Polars' gather of a column with missing cells goes cell by cell
/// through optional values, and was the slowest step of ordering a big panel.
pub(super) fn gathered(df: DataFrame, order: &[IdxSize]) -> PolarsResult<DataFrame> {
    let mut columns = df.into_columns().into_iter();
    let mut out = Vec::with_capacity(columns.len());
    loop {
        let pair: Vec<Column> = columns.by_ref().take(2).collect();
        if pair.is_empty() {
            break;
        }
        let done = std::thread::scope(|scope| {
            let handles: Vec<_> = pair
                .iter()
                .map(|c| scope.spawn(move || gather_column(c, order)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(polars_err!(ComputeError: "a gather failed")))
                })
                .collect::<PolarsResult<Vec<Column>>>()
        })?;
        drop(pair);
        out.extend(done);
    }
    DataFrame::new(order.len(), out)
}

fn gather_column(column: &Column, order: &[IdxSize]) -> PolarsResult<Column> {
    let series = column.as_materialized_series().rechunk();
    Ok(match series.dtype() {
        DataType::Int64 => gather_numbers(series.i64()?, order).into_column(),
        DataType::Float64 => gather_numbers(series.f64()?, order).into_column(),
        _ => {
            let order = IdxCa::from_slice("order".into(), order);
            series.take(&order)?.into_column()
        }
    })
}

fn gather_numbers<T: PolarsNumericType>(
    ca: &ChunkedArray<T>,
    order: &[IdxSize],
) -> ChunkedArray<T> {
    let name = ca.name().clone();
    let Some(array) = ca.downcast_iter().next() else {
        return ChunkedArray::from_vec(name, Vec::new());
    };
    let values = array.values().as_slice();
    let gathered: Vec<T::Native> = order.iter().map(|&i| values[i as usize]).collect();
    let validity = array
        .validity()
        .map(|valid| order.iter().map(|&i| valid.get_bit(i as usize)).collect());
    ChunkedArray::from_vec_validity(name, gathered, validity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counting_gives_the_order_a_sort_gives() {
        // A shuffled dense panel: slots 0..n with a few left empty.
        let n = 5_000u32;
        let mut slots: Vec<u32> = (0..n).filter(|s| s % 7 != 3).collect();
        let mut seed = 12345u64;
        for i in (1..slots.len()).rev() {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            slots.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let column = Column::new("__slot".into(), &slots);
        // Series of 10 slots: 500 series.
        let c = slot_order(&column, n as u64, 10).expect("dense, no duplicates");
        let by_sort = column
            .as_materialized_series()
            .arg_sort(SortOptions::default());
        assert_eq!(c.order, by_sort.into_no_null_iter().collect::<Vec<_>>());
        let mut expected = slots.clone();
        expected.sort_unstable();
        // Series and year from the pass are the slot divided by the stride.
        let sid: Vec<u32> = expected.iter().map(|s| s / 10).collect();
        let offset: Vec<u32> = expected.iter().map(|s| s % 10).collect();
        assert_eq!(c.sid, sid);
        assert_eq!(c.year_offset, offset);
        // The previous year is there when the slot just below is, in the
        // same series.
        let prev: Vec<bool> = expected
            .iter()
            .map(|s| s % 10 > 0 && expected.binary_search(&(s - 1)).is_ok())
            .collect();
        assert_eq!(c.has_prev, prev);
        assert!(c.has_prev.iter().any(|p| !p) && c.has_prev.iter().any(|p| *p));
        // Two rows in one slot: left to the sort, which reports them.
        let dup = Column::new("__slot".into(), &[4u32, 1, 4]);
        assert!(slot_order(&dup, 8, 4).is_none());
        // Sparse slots: counting would cost more than it saves.
        let sparse = Column::new("__slot".into(), &[0u32, 3_000_000]);
        assert!(slot_order(&sparse, 3_000_001, 1).is_none());
    }
}
