//! A Parquet dataset looked at before Polars reads its rows: the file's
//! frame (magic bytes, footer length) checked by yoy, its metadata decoded
//! under a guard (a corrupt footer panicked inside Polars' decoder), and the
//! type of each column the spec names checked against what yoy reads there,
//! so that a wrong type is a message, never a silent reading.

use super::DataError;
use crate::engine::guard::guarded;
use crate::spec::Dataset;
use polars::prelude::*;
use polars_io::SerReader;
use polars_io::parquet::read::ParquetReader;
use std::io::{Read, Seek, SeekFrom};

/// What a Parquet file says of itself, once checked.
#[derive(Debug, Clone)]
pub(super) struct Inspected {
    pub(crate) rows: u64,
    /// The series key columns that hold integers (read as their decimal text).
    pub(crate) integer_keys: Vec<String>,
}

/// "PAR1", at both ends of every Parquet file.
const MAGIC: &[u8; 4] = b"PAR1";

/// What a column must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Key,
    Year,
    Value,
    Stated,
}

impl Role {
    fn wants(self) -> &'static str {
        match self {
            Role::Key => "text or whole numbers",
            Role::Year => "whole years as integers",
            Role::Value => "numbers (integers or floats)",
            Role::Stated => "numbers (integers or floats)",
        }
    }
}

fn is_integer(t: &ArrowDataType) -> bool {
    use ArrowDataType as A;
    matches!(
        t,
        A::Int8 | A::Int16 | A::Int32 | A::Int64 | A::UInt8 | A::UInt16 | A::UInt32 | A::UInt64
    )
}

fn is_float(t: &ArrowDataType) -> bool {
    use ArrowDataType as A;
    matches!(t, A::Float16 | A::Float32 | A::Float64)
}

fn is_text(t: &ArrowDataType) -> bool {
    use ArrowDataType as A;
    match t {
        A::Utf8 | A::LargeUtf8 | A::Utf8View => true,
        A::Dictionary(_, values, _) => is_text(values),
        _ => false,
    }
}

/// What to tell the user to do with a column of type `t` in `role`.
fn advice(role: Role, t: &ArrowDataType) -> String {
    use ArrowDataType as A;
    match (role, t) {
        (
            Role::Value | Role::Stated,
            A::Decimal(p, s) | A::Decimal32(p, s) | A::Decimal64(p, s),
        ) => {
            format!(
                "yoy does not read decimal({p},{s}) columns; write the column as float64 (or as int64 for whole numbers)"
            )
        }
        (Role::Value | Role::Stated, A::Decimal256(p, s)) => {
            format!("yoy does not read decimal256({p},{s}) columns; write the column as float64")
        }
        (Role::Year, A::Float16 | A::Float32 | A::Float64) => {
            "a year in a float column may be fractional (2021.5); write the column as integers"
                .into()
        }
        (Role::Year, A::Date32 | A::Date64 | A::Timestamp(..)) => {
            "dates are not years; write the year alone as an integer column".into()
        }
        (_, A::Boolean) => "booleans are not figures; write the column as numbers".into(),
        _ => format!("write the column as {}", role.wants()),
    }
}

/// The type names users see in Parquet tools (pyarrow's spelling).
fn type_name(t: &ArrowDataType) -> String {
    use ArrowDataType as A;
    match t {
        A::Decimal(p, s) | A::Decimal32(p, s) | A::Decimal64(p, s) => {
            format!("decimal128({p},{s})")
        }
        A::Decimal256(p, s) => format!("decimal256({p},{s})"),
        A::Utf8 | A::LargeUtf8 | A::Utf8View => "string".into(),
        A::Boolean => "bool".into(),
        A::Date32 => "date32".into(),
        A::Date64 => "date64".into(),
        A::Timestamp(..) => "timestamp".into(),
        other => format!("{other:?}").to_lowercase(),
    }
}

fn fits(role: Role, t: &ArrowDataType) -> bool {
    match role {
        Role::Key => is_text(t) || is_integer(t),
        Role::Year => is_integer(t),
        Role::Value | Role::Stated => is_integer(t) || is_float(t),
    }
}

/// Check `ds`'s Parquet file before it is read: its frame, its metadata, the
/// types of the columns the spec names.
pub(super) fn inspect(ds: &Dataset) -> Result<Inspected, DataError> {
    let unreadable = |reason: String| DataError::Unreadable {
        dataset: ds.id.clone(),
        path: ds.path.clone(),
        reason,
    };
    let mut file = std::fs::File::open(&ds.path).map_err(|e| unreadable(e.to_string()))?;
    let size = file
        .metadata()
        .map_err(|e| unreadable(e.to_string()))?
        .len();
    let corrupt = |what: &str| {
        unreadable(format!(
            "it is not a valid Parquet file ({what}); write it again, or check that the path names a Parquet file"
        ))
    };
    if size < 12 {
        return Err(corrupt(&format!(
            "{size} bytes, fewer than any Parquet file has"
        )));
    }
    let mut head = [0u8; 4];
    let mut tail = [0u8; 8];
    file.read_exact(&mut head)
        .and_then(|_| file.seek(SeekFrom::End(-8)))
        .and_then(|_| file.read_exact(&mut tail))
        .map_err(|e| unreadable(e.to_string()))?;
    if &head != MAGIC || &tail[4..] != MAGIC {
        return Err(corrupt("it does not begin and end with PAR1"));
    }
    let footer = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]) as u64;
    if footer + 12 > size {
        return Err(corrupt(&format!(
            "its footer says {footer} bytes of metadata, more than the file holds"
        )));
    }
    // The footer walked by yoy first: Polars' decoder trusts its counts.
    let mut footer_bytes = vec![0u8; footer as usize];
    file.seek(SeekFrom::Start(size - 8 - footer))
        .and_then(|_| file.read_exact(&mut footer_bytes))
        .map_err(|e| unreadable(e.to_string()))?;
    super::thrift::walk(&footer_bytes)
        .map_err(|why| corrupt(&format!("its metadata does not decode: {why}")))?;
    drop(footer_bytes);
    file.seek(SeekFrom::Start(0))
        .map_err(|e| unreadable(e.to_string()))?;
    let decoded = guarded(move || {
        let mut reader = ParquetReader::new(file);
        let schema = reader.schema()?;
        let metadata = reader.get_metadata()?.clone();
        PolarsResult::Ok((schema, metadata))
    });
    let (schema, metadata) = match decoded {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => return Err(corrupt(&format!("its metadata does not decode: {e}"))),
        Err(panic) => return Err(corrupt(&format!("its metadata does not decode: {panic}"))),
    };
    // Polars trusts the metadata's byte ranges (it slices the file by them
    // unchecked): every column chunk must lie between the leading magic and
    // the footer, and the row groups must add up to the file's rows.
    let data_end = size - 8 - footer;
    let mut group_rows = 0u64;
    for (g, group) in metadata.row_groups.iter().enumerate() {
        group_rows = group_rows.saturating_add(group.num_rows() as u64);
        let full = group.full_byte_range();
        let ranges = std::iter::once(full).chain(group.byte_ranges_iter());
        for range in ranges {
            if range.start < 4 || range.end > data_end || range.start > range.end {
                return Err(corrupt(&format!(
                    "row group {g} says its data lies at bytes {}..{}, outside the file's data (4..{data_end})",
                    range.start, range.end
                )));
            }
        }
        for c in group.parquet_columns() {
            if c.num_values() < 0 || c.compressed_size() < 0 || c.uncompressed_size() < 0 {
                return Err(corrupt(&format!(
                    "row group {g} gives a column a negative size or count"
                )));
            }
        }
    }
    if group_rows != metadata.num_rows as u64 {
        return Err(corrupt(&format!(
            "it says {} rows, and its row groups hold {group_rows}",
            metadata.num_rows
        )));
    }
    let rows = metadata.num_rows;
    let mut roles: Vec<(&str, Role)> = ds.series.iter().map(|k| (k.as_str(), Role::Key)).collect();
    roles.push((ds.year.as_str(), Role::Year));
    roles.push((ds.value.as_str(), Role::Value));
    roles.extend(ds.stated_columns().map(|c| (c, Role::Stated)));
    let mut integer_keys = Vec::new();
    for (name, role) in roles {
        // A column that is not there is told by the reader, with suggestions.
        let Some(field) = schema.get(name) else {
            continue;
        };
        let t = &field.dtype;
        if !fits(role, t) {
            return Err(unreadable(format!(
                "its column `{name}` is {}, where yoy reads {}: {}",
                type_name(t),
                role.wants(),
                advice(role, t)
            )));
        }
        if role == Role::Key && is_integer(t) {
            integer_keys.push(name.to_string());
        }
    }
    Ok(Inspected {
        rows: rows as u64,
        integer_keys,
    })
}
