//! Putting a panel's rows in series and year order, and finding each row's
//! previous year. Keys are codes, so a series is a number, and a row's place
//! is one integer, its slot: series · stride + (year − first year + 1). The
//! slot just below a row's is its series' previous year; a series' earliest
//! possible year has an empty slot below it, so series never run together.

use super::read::{Numbering, codes, stated_columns};
use super::{DataError, Order};
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
    let err = |e: PolarsError| super::read::read_error(ds, e);
    let keys: Vec<Expr> = ds.series.iter().map(|k| col(k.as_str())).collect();
    let (year, value) = (ds.year.as_str(), ds.value.as_str());
    let carried: Vec<&str> = stated_columns(ds)
        .chain(ds.stated_share.as_ref().map(|_| "__whole"))
        .collect();
    let radix = &numbering.radix;
    let (ymin, ymax) = (numbering.first_year, numbering.last_year);
    // A series id from the keys' codes: code₁·(n₂·n₃…) + code₂·(n₃…) + …, when
    // the key space fits 32 bits (else one id per distinct key, by a join).
    let space = radix
        .iter()
        .try_fold(1u64, |acc, r| acc.checked_mul(*r))
        .filter(|s| *s < 1u64 << 32);
    let mut numeric = base.clone().lazy();
    let sid = match space {
        Some(_) => codes(ds).iter().zip(radix).fold(lit(0u64), |acc, (c, r)| {
            acc * lit(*r) + c.clone().fill_null(lit(r - 1))
        }),
        None => {
            let ids = base
                .clone()
                .lazy()
                .select(keys.clone())
                .unique(None, UniqueKeepStrategy::Any)
                .with_row_index("sid", None);
            let in_order = JoinArgs {
                nulls_equal: true,
                maintain_order: MaintainOrderJoin::Left,
                ..JoinArgs::new(JoinType::Inner)
            };
            numeric = numeric.join(ids, keys.clone(), keys.clone(), in_order);
            col("sid").cast(DataType::UInt64)
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
    // Slots fit 32 bits for any realistic panel; a narrower key sorts faster.
    let slot_type = if slots < 1u64 << 32 {
        DataType::UInt32
    } else {
        DataType::UInt64
    };
    let slot = (sid * lit(stride)
        + (col(year).cast(DataType::Int64) - lit(ymin - 1)).cast(DataType::UInt64))
    .cast(slot_type.clone());
    let mut moved = vec![slot.alias("__slot"), col("__row"), col(value)];
    moved.extend(carried.iter().map(|c| col(*c)));
    let numeric = numeric.select(moved).collect().map_err(err)?;
    // By counting when the slots are dense, else by one sort of one integer.
    // Only the columns the decision needs move; series and year are read back
    // from the slot.
    let counted = match how {
        Order::CountWhenDense => slot_order(numeric.column("__slot").map_err(err)?, slots),
        Order::Sort => None,
    };
    let sorted = match counted {
        Some((order, slots)) => {
            // The row numbers are the order itself and the slots come out of
            // the count in order: only the values and stated figures move.
            let mut moved = numeric.drop_many(["__slot", "__row"]);
            moved.rechunk_mut_par();
            let mut df = moved.take(&order).map_err(err)?;
            df.with_column(order.into_column().with_name("__row".into()))
                .map_err(err)?;
            df.with_column(slots.into_column()).map_err(err)?;
            df.lazy()
        }
        None => numeric.lazy().sort(
            ["__slot"],
            SortMultipleOptions::default().with_multithreaded(true),
        ),
    };
    let mut kept = vec![
        col("__row"),
        col("__slot")
            .floor_div(lit(stride))
            .cast(DataType::UInt32)
            .alias("sid"),
        ((col("__slot") % lit(stride)).cast(DataType::Int64) + lit(ymin - 1))
            .cast(DataType::Int32)
            .alias(year),
        col(value).cast(DataType::Float64).alias("__value"),
        when(
            col("__slot")
                .shift(lit(1))
                .eq(col("__slot") - lit(1u64).cast(slot_type)),
        )
        .then(col(value).shift(lit(1)))
        .otherwise(lit(NULL))
        .alias("prev_value"),
        col("__slot")
            .shift(lit(1))
            .eq(col("__slot"))
            .fill_null(lit(false))
            .alias("__dup"),
    ];
    kept.extend(carried.iter().map(|c| col(*c)));
    sorted.select(kept).collect().map_err(err)
}

/// The order that puts `slots` in ascending order, found by counting: one pass
/// puts each row's number at its slot, one pass reads the slots in order. That
/// is linear where a sort is not, and pays when the slots are dense (a panel
/// has most of its series' years). `None` when they are sparse, or when two rows
/// share a slot: the sort then finds the duplicates and they are reported.
pub(super) fn slot_order(slots: &Column, count: u64) -> Option<(IdxCa, UInt32Chunked)> {
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
    let mut order = Vec::with_capacity(slots.len());
    let mut sorted = Vec::with_capacity(slots.len());
    for (slot, &r) in at.iter().enumerate() {
        if r != EMPTY {
            order.push(r);
            sorted.push(slot as u32);
        }
    }
    Some((
        IdxCa::from_vec("order".into(), order),
        UInt32Chunked::from_vec("__slot".into(), sorted),
    ))
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
        let (order, sorted) = slot_order(&column, n as u64).expect("dense, no duplicates");
        let by_sort = column
            .as_materialized_series()
            .arg_sort(SortOptions::default());
        assert_eq!(
            order.into_no_null_iter().collect::<Vec<_>>(),
            by_sort.into_no_null_iter().collect::<Vec<_>>()
        );
        let mut expected = slots.clone();
        expected.sort_unstable();
        assert_eq!(sorted.into_no_null_iter().collect::<Vec<_>>(), expected);
        // Two rows in one slot: left to the sort, which reports them.
        let dup = Column::new("__slot".into(), &[4u32, 1, 4]);
        assert!(slot_order(&dup, 8).is_none());
        // Sparse slots: counting would cost more than it saves.
        let sparse = Column::new("__slot".into(), &[0u32, 3_000_000]);
        assert!(slot_order(&sparse, 3_000_001).is_none());
    }
}
