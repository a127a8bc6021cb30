//! A dataset's series keys: their types (categorical, codes of their own per
//! column, shared by every part of a panel), their codes as numbers, and a
//! part's keys as text beside its rows.

use crate::engine::columns::*;
use crate::spec::Dataset;
use polars::prelude::*;

/// The series key columns' types: categorical, each column with codes of its
/// own (0, 1, 2, … in order of first sight), so that a column's codes are
/// dense and a series id made of them stays small. The mappings are held for
/// the whole check: a panel read in parts then gives a key the same code in
/// every part.
pub(super) struct KeyTypes {
    pub(crate) types: Vec<DataType>,
    mappings: Vec<Arc<CategoricalMapping>>,
}

impl KeyTypes {
    pub(crate) fn new(ds: &Dataset) -> Self {
        let cats: Vec<Arc<Categories>> = ds
            .series
            .iter()
            .map(|_| Categories::random("yoy".into(), CategoricalPhysical::U32))
            .collect();
        KeyTypes {
            types: cats
                .iter()
                .map(|c| DataType::from_categories(c.clone()))
                .collect(),
            mappings: cats.iter().map(|c| c.mapping()).collect(),
        }
    }

    /// Key column `i`'s codes and their text.
    pub(crate) fn mapping(&self, i: usize) -> Option<&CategoricalMapping> {
        self.mappings.get(i).map(|m| m.as_ref())
    }
}

/// A key column's codes as numbers.
pub(super) fn codes(ds: &Dataset) -> Vec<Expr> {
    code_of(ds.series.iter().map(String::as_str))
}

pub(super) fn code_of<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<Expr> {
    keys.map(|k| col(k).to_physical().cast(DataType::UInt64))
        .collect()
}

/// The keys of some rows, as text: joined by row number while still codes, so
/// only the rows asked for become strings.
pub(super) struct Keys<'a> {
    /// The part's key columns, as read (codes), in the order read.
    base: DataFrame,
    ds: &'a Dataset,
}

impl<'a> Keys<'a> {
    /// The key columns of a part's rows, as read.
    pub(crate) fn new(base: DataFrame, ds: &'a Dataset) -> Self {
        Keys { base, ds }
    }

    /// The key columns' names.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.ds.series.iter().map(String::as_str)
    }

    /// `df` with its rows' keys as text beside it.
    pub(crate) fn attach(&self, df: DataFrame) -> PolarsResult<DataFrame> {
        let rows = df.column(ROW)?.idx()?.clone();
        let mut keyed = self.base.take(&rows)?;
        for k in &self.ds.series {
            let text = keyed.column(k.as_str())?.cast(&DataType::String)?;
            keyed.with_column(text)?;
        }
        df.hstack(keyed.columns())
    }

    /// The keys and year of the first repeated row, as "a / b in 2001".
    pub(crate) fn first_repeated(&self, decided: &DataFrame) -> String {
        let year = self.ds.year.as_str();
        decided
            .clone()
            .lazy()
            .filter(col(DUP))
            .limit(1)
            .collect()
            .and_then(|df| self.attach(df))
            .ok()
            .and_then(|df| {
                let key: Vec<String> = self
                    .ds
                    .series
                    .iter()
                    .map(|k| {
                        let c = df.column(k.as_str()).ok()?;
                        Some(c.str().ok()?.get(0).unwrap_or_default().to_string())
                    })
                    .collect::<Option<_>>()?;
                let y = df.column(year).ok()?.i32().ok()?.get(0)?;
                Some(format!("{} in {y}", crate::findings::series_key(&key)))
            })
            .unwrap_or_default()
    }
}
