//! Reading a CSV dataset in chunks of whole lines, parsed side by side by
//! Polars' CSV parser. The file is mapped and cut into chunks with `memchr`
//! (quotes respected), so the cutting costs little and each chunk's line count
//! is known before it is parsed; Polars' own reader finds its lines one byte at
//! a time on a single thread, which without its nightly-only SIMD kernels was
//! the slowest step of reading a big panel (measured on a 429 MB file: 1.1 s
//! of CPU; the read took 1.4 s that way, 0.8 s this way).

use super::DataError;
use crate::spec::Dataset;
use polars::prelude::*;
use polars_io::prelude::_csv_read_internal::read_chunk;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

/// About how many bytes a chunk holds: small enough that the workers share
/// the file evenly and a part's filter sees few rows at once, large enough
/// that a chunk's fixed costs (a plan, a frame) do not show.
const CHUNK_BYTES: usize = 4 << 20;

/// A CSV file, mapped, with the columns a check reads.
pub(super) struct CsvFile<'a> {
    ds: &'a Dataset,
    map: memmap2::Mmap,
    /// The file's columns in order, with the types the spec asks for.
    schema: Schema,
    /// Which of them are read, in file order.
    projection: Vec<usize>,
    /// Where the data starts: after the header line.
    body: usize,
    /// About how many bytes a chunk holds (`CHUNK_BYTES`; tests cut smaller).
    chunk_bytes: usize,
}

/// A chunk of whole lines: bytes `start..end` of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Chunk {
    start: usize,
    end: usize,
}

impl<'a> CsvFile<'a> {
    /// Map the file; `schema` is its columns (as Polars reads the header, with
    /// the spec's types), `read` the names of those to read.
    pub(crate) fn open(ds: &'a Dataset, schema: Schema, read: &[&str]) -> Result<Self, DataError> {
        let unreadable = |reason: String| DataError::Unreadable {
            dataset: ds.id.clone(),
            path: ds.path.clone(),
            reason,
        };
        let file = std::fs::File::open(&ds.path).map_err(|e| unreadable(e.to_string()))?;
        // SAFETY: the map is only read, and lives no longer than this check.
        // A file cut short by another program while it is read faults
        // (SIGBUS) at the first byte that is gone; `signals` turns that into
        // a message naming this file and exit 2, its outputs left as they were.
        crate::signals::mapping(Some(&ds.path));
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| unreadable(e.to_string()))?;
        let mut projection: Vec<usize> = read
            .iter()
            .filter_map(|name| schema.index_of(name))
            .collect();
        projection.sort_unstable();
        projection.dedup();
        let body = line_end(&map, 0, 0);
        Ok(CsvFile {
            ds,
            map,
            schema,
            projection,
            body,
            chunk_bytes: CHUNK_BYTES,
        })
    }

    /// Parse every chunk and hand its rows to `each`, on as many threads as
    /// the machine has; the results come back in file order. The first error in file order is
    /// the one reported.
    pub(crate) fn each_chunk<T, F>(&self, each: F) -> Result<Vec<T>, DataError>
    where
        T: Send,
        F: Fn(DataFrame) -> PolarsResult<T> + Sync,
    {
        let chunks = Mutex::new(Chunks::new(&self.map, self.body, self.chunk_bytes));
        let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
        let failed = AtomicBool::new(false);
        let done: Mutex<Vec<(usize, Result<T, DataError>)>> = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..workers {
                scope.spawn(|| {
                    while !failed.load(Ordering::Relaxed) {
                        // The cutting is in turn (each chunk starts where the
                        // last ended); the parsing is side by side.
                        let next = match chunks.lock() {
                            Ok(mut c) => c.next().map(|chunk| (c.taken, chunk)),
                            Err(_) => None,
                        };
                        let Some((index, chunk)) = next else { break };
                        let result = self.parse(chunk).and_then(|df| {
                            each(df).map_err(|e| super::error::read_error(self.ds, e))
                        });
                        if result.is_err() {
                            failed.store(true, Ordering::Relaxed);
                        }
                        if let Ok(mut d) = done.lock() {
                            d.push((index, result));
                        }
                    }
                });
            }
        });
        let mut done = done.into_inner().unwrap_or_default();
        done.sort_by_key(|(index, _)| *index);
        done.into_iter().map(|(_, r)| r).collect()
    }

    /// One chunk's rows, checked to be as many as its lines.
    fn parse(&self, chunk: Chunk) -> Result<DataFrame, DataError> {
        // A chunk ends outside quotes, except the last one when a quote is
        // never closed: Polars would read the rest of the file as one cell.
        if chunk.end == self.map.len()
            && let Some(open) = unclosed_quote(&self.map[chunk.start..chunk.end])
        {
            return Err(DataError::Unreadable {
                dataset: self.ds.id.clone(),
                path: self.ds.path.clone(),
                reason: format!(
                    "a quote opened on line {} of the file is never closed; close it, or double a quote inside a quoted cell (\"\")",
                    self.line_of(chunk.start + open)
                ),
            });
        }
        let bytes = &self.map[..chunk.end];
        let lines = lines_in(&self.map[chunk.start..chunk.end]);
        let df = read_chunk(
            bytes,
            &CsvParseOptions::default()
                .with_separator(self.ds.csv.separator)
                .with_decimal_comma(self.ds.csv.decimal_comma),
            &self.schema,
            false,
            &self.projection,
            chunk.start,
            lines,
            None,
            usize::MAX,
            chunk.end,
            Some(0),
        )
        .map_err(|e| self.error(e, chunk))?;
        if df.height() != lines {
            return Err(DataError::Unreadable {
                dataset: self.ds.id.clone(),
                path: self.ds.path.clone(),
                reason: format!(
                    "lines {} to {} hold {} rows where {} were expected; a quote may be left open",
                    self.line_of(chunk.start),
                    self.line_of(chunk.end.saturating_sub(1)),
                    df.height(),
                    lines
                ),
            });
        }
        // Polars reads a blank line as a row of missing cells: a blank line is
        // no row (pandas and DuckDB skip them too), a row of empty cells is
        // one. Looked for only in chunks that hint at one.
        let lines = &self.map[chunk.start..chunk.end];
        if has_blank_line(lines) {
            let blank = blank_rows(lines);
            if !blank.is_empty() {
                let mut keep = vec![true; df.height()];
                for row in blank {
                    if let Some(k) = keep.get_mut(row) {
                        *k = false;
                    }
                }
                let keep = BooleanChunked::from_slice("keep".into(), &keep);
                return df.filter(&keep).map_err(|e| self.error(e, chunk));
            }
        }
        Ok(df)
    }

    /// A parse error, told by the line it is on. Polars' message is not read:
    /// yoy finds the line itself (a line with more fields than the header, or
    /// the first cell that does not parse as its column's type), and gives
    /// Polars' own words only when it finds neither.
    fn error(&self, e: PolarsError, chunk: Chunk) -> DataError {
        if let Some((offset, fields)) = self.ragged(chunk) {
            return DataError::Unreadable {
                dataset: self.ds.id.clone(),
                path: self.ds.path.clone(),
                reason: format!(
                    "line {} of the file has {fields} fields where the header has {}; a field that holds the separator `{}` must be quoted",
                    self.line_of(offset),
                    self.schema.len(),
                    self.ds.csv.separator as char
                ),
            };
        }
        match self.bad_cell(chunk) {
            Some(cell) => super::error::unparsable(self.ds, &cell, self.line_of(cell.offset)),
            None => super::error::read_error(self.ds, e),
        }
    }

    /// The first cell of a chunk, among the columns read, that does not
    /// parse as its column's type (a key that is not UTF-8, a year that is not
    /// a whole number, a value or stated figure that is not a number).
    fn bad_cell(&self, chunk: Chunk) -> Option<BadCell> {
        let separator = self.ds.csv.separator;
        let bytes = &self.map[chunk.start..chunk.end];
        let mut at = 0;
        while at < bytes.len() {
            let end = line_end(bytes, at, at);
            let line = &bytes[at..end];
            let line = line.strip_suffix(b"\n").unwrap_or(line);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let mut field_start = 0;
            let mut inside = false;
            let mut index = 0;
            for i in 0..=line.len() {
                let c = line.get(i).copied();
                if c == Some(b'"') {
                    inside = !inside;
                    continue;
                }
                if !(c.is_none() || (!inside && c == Some(separator))) {
                    continue;
                }
                let raw = &line[field_start..i];
                if self.projection.contains(&index)
                    && let Some((name, dtype)) = self.schema.get_at_index(index)
                    && !parses(raw, dtype, self.ds.csv.decimal_comma)
                {
                    return Some(BadCell {
                        offset: chunk.start + at + field_start,
                        text: String::from_utf8_lossy(unquoted(raw).as_ref()).into_owned(),
                        column: name.to_string(),
                        number: index + 1,
                        dtype: dtype.to_string(),
                        key: self.ds.series.iter().any(|k| k == name.as_str()),
                    });
                }
                index += 1;
                field_start = i + 1;
            }
            at = end;
        }
        None
    }

    /// The first line of a chunk with more fields than the header: where it
    /// starts, and how many fields it has.
    fn ragged(&self, chunk: Chunk) -> Option<(usize, usize)> {
        let separator = self.ds.csv.separator;
        let bytes = &self.map[chunk.start..chunk.end];
        let (mut fields, mut inside, mut start) = (1, false, 0);
        for (at, &c) in bytes.iter().enumerate() {
            if c == b'"' {
                inside = !inside;
            } else if !inside && c == separator {
                fields += 1;
            } else if !inside && c == b'\n' {
                if fields > self.schema.len() {
                    return Some((chunk.start + start, fields));
                }
                fields = 1;
                start = at + 1;
            }
        }
        (fields > self.schema.len()).then_some((chunk.start + start, fields))
    }

    /// The line (from 1, the header's) that holds byte `offset`, as an editor
    /// counts lines.
    fn line_of(&self, offset: usize) -> usize {
        let upto = offset.min(self.map.len());
        1 + memchr::memchr_iter(b'\n', &self.map[..upto]).count()
    }
}

/// A cell that does not parse as its column's type, and where it is.
pub(super) struct BadCell {
    /// Its first byte in the file.
    pub(super) offset: usize,
    pub(super) text: String,
    pub(super) column: String,
    /// Its column's number, from 1.
    pub(super) number: usize,
    /// The type it was read as, as Polars names it (`i64`, `f64`, `cat`).
    pub(super) dtype: String,
    /// Whether the column is a series key.
    pub(super) key: bool,
}

/// A field's bytes without its quotes (and with `""` as `"`).
pub(super) fn unquoted(raw: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    match raw.strip_prefix(b"\"").and_then(|r| r.strip_suffix(b"\"")) {
        Some(inner) if memchr::memchr(b'"', inner).is_some() => {
            let mut out = Vec::with_capacity(inner.len());
            let mut quote = false;
            for &b in inner {
                if b == b'"' && quote {
                    quote = false;
                    continue;
                }
                quote = b == b'"';
                out.push(b);
            }
            std::borrow::Cow::Owned(out)
        }
        Some(inner) => std::borrow::Cow::Borrowed(inner),
        None => std::borrow::Cow::Borrowed(raw),
    }
}

/// Whether a field's bytes read as `dtype` (an empty field is a missing value).
fn parses(raw: &[u8], dtype: &DataType, decimal_comma: bool) -> bool {
    let field = unquoted(raw);
    let Ok(text) = std::str::from_utf8(&field) else {
        return false;
    };
    let text = text.trim();
    if text.is_empty() {
        return true;
    }
    match dtype {
        DataType::Int32 => text.parse::<i32>().is_ok(),
        DataType::Int64 => text.parse::<i64>().is_ok(),
        DataType::Float64 if decimal_comma => text.replace(',', ".").parse::<f64>().is_ok(),
        DataType::Float64 => text.parse::<f64>().is_ok(),
        // Keys and other columns: any UTF-8 text.
        _ => true,
    }
}

/// Longest header line read: a "header" longer than this is a file whose
/// lines end in something other than LF or CRLF, or no CSV at all.
const MAX_HEADER_BYTES: u64 = 1 << 20;

/// Check a CSV file's first line before Polars reads it as the header: lines
/// that end with CR alone would make the whole file one header line (61 MB
/// took 29 s and 2.5 GB that way).
pub(super) fn check_header(ds: &Dataset) -> Result<(), DataError> {
    use std::io::Read;
    let unreadable = |reason: String| DataError::Unreadable {
        dataset: ds.id.clone(),
        path: ds.path.clone(),
        reason,
    };
    let mut head = Vec::new();
    std::fs::File::open(&ds.path)
        .and_then(|f| f.take(MAX_HEADER_BYTES).read_to_end(&mut head))
        .map_err(|e| unreadable(e.to_string()))?;
    if memchr::memchr(b'\n', &head).is_some() {
        return Ok(());
    }
    if memchr::memchr(b'\r', &head).is_some() {
        return Err(unreadable(
            "its lines end with CR alone (an old Mac format); convert its line ends to LF or CRLF"
                .into(),
        ));
    }
    if head.len() as u64 == MAX_HEADER_BYTES {
        return Err(unreadable(format!(
            "its first line is longer than {MAX_HEADER_BYTES} bytes; a CSV dataset starts with a header line of column names"
        )));
    }
    Ok(())
}

/// The chunks of a file's data, cut one after another.
struct Chunks<'m> {
    bytes: &'m [u8],
    size: usize,
    at: usize,
    /// How many chunks were handed out.
    taken: usize,
}

impl<'m> Chunks<'m> {
    fn new(bytes: &'m [u8], body: usize, size: usize) -> Self {
        Chunks {
            bytes,
            size,
            at: body,
            taken: 0,
        }
    }
}

impl Iterator for Chunks<'_> {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        // An empty file still gives one (empty) chunk: its columns.
        if self.at >= self.bytes.len() && self.taken > 0 {
            return None;
        }
        let start = self.at;
        // Only the end is found here, in turn; the lines are counted by the
        // thread that parses the chunk.
        let end = line_end(self.bytes, start, start + self.size);
        self.at = end;
        self.taken += 1;
        Some(Chunk { start, end })
    }
}

/// One past the end of the line that holds byte `from`, outside quotes (or
/// the end of the data). `start` is a line's start, outside quotes: whether
/// `from` is inside quotes is told by the parity of the quotes between them.
fn line_end(bytes: &[u8], start: usize, from: usize) -> usize {
    let from = from.clamp(start, bytes.len());
    let mut inside = memchr::memchr_iter(b'"', &bytes[start..from]).count() % 2 == 1;
    let mut at = from;
    loop {
        match memchr::memchr2(b'"', b'\n', &bytes[at..]) {
            None => return bytes.len(),
            Some(i) => {
                let c = bytes[at + i];
                at += i + 1;
                if c == b'"' {
                    inside = !inside;
                } else if !inside {
                    return at;
                }
            }
        }
    }
}

/// Where the quote that is still open at the end of `bytes` was opened, if one is.
fn unclosed_quote(bytes: &[u8]) -> Option<usize> {
    let mut open = None;
    for at in memchr::memchr_iter(b'"', bytes) {
        open = match open {
            None => Some(at),
            Some(_) => None,
        };
    }
    open
}

/// Whether a run of whole lines has an empty one (`\n` or `\r\n` alone),
/// quotes or not: a hint to look closer, never a verdict.
fn has_blank_line(lines: &[u8]) -> bool {
    lines.starts_with(b"\n")
        || lines.starts_with(b"\r\n")
        || memchr::memmem::find(lines, b"\n\n").is_some()
        || memchr::memmem::find(lines, b"\n\r\n").is_some()
}

/// The rows of a run of whole lines that are blank lines: nothing, or a lone
/// `\r`, between two line ends outside quotes.
fn blank_rows(lines: &[u8]) -> Vec<usize> {
    let mut blank = Vec::new();
    let (mut row, mut start, mut inside) = (0, 0, false);
    for (at, &c) in lines.iter().enumerate() {
        if c == b'"' {
            inside = !inside;
        } else if c == b'\n' && !inside {
            if matches!(&lines[start..at], b"" | b"\r") {
                blank.push(row);
            }
            row += 1;
            start = at + 1;
        }
    }
    if lines[start..] == *b"\r" {
        blank.push(row);
    }
    blank
}

/// How many rows a run of whole lines holds: its line ends outside quotes,
/// and one more if the last line is not ended (as Polars counts them).
fn lines_in(bytes: &[u8]) -> usize {
    let mut count = memchr::memchr_iter(b'\n', bytes).count();
    // Line ends inside quotes are part of a field.
    let mut quotes = memchr::memchr_iter(b'"', bytes);
    while let (Some(open), Some(close)) = (quotes.next(), quotes.next()) {
        count -= memchr::memchr_iter(b'\n', &bytes[open..close]).count();
    }
    let unended = bytes.last().is_some_and(|b| *b != b'\n');
    count + unended as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(bytes: &[u8], body: usize) -> Vec<Chunk> {
        Chunks::new(bytes, body, CHUNK_BYTES).collect()
    }

    /// A dataset of one key column `k`, from a file written for the test.
    fn dataset(name: &str, text: &str) -> Dataset {
        let dir = std::env::temp_dir().join(format!("yoy-csv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary folder");
        let path = dir.join(name);
        std::fs::write(&path, text).expect("test file written");
        Dataset {
            id: name.into(),
            path_written: name.into(),
            path,
            format: crate::spec::DatasetFormat::Csv,
            series: vec!["k".into()],
            year: "year".into(),
            value: "value".into(),
            kind: crate::spec::IndicatorKind::Count,
            stated_change: None,
            stated_share: None,
            csv: crate::spec::CsvDialect::default(),
            note: None,
            spec_line: 1,
        }
    }

    /// The file as Polars' own reader reads it (values as whole numbers).
    fn polars_reads(ds: &Dataset) -> (Schema, PolarsResult<DataFrame>) {
        let path = PlRefPath::try_from_path(&ds.path).expect("path");
        let value = Field::new("value".into(), DataType::Int64);
        let mut lf = LazyCsvReader::new(path)
            .with_has_header(true)
            .with_dtype_overwrite(Some(Arc::new(Schema::from_iter([value]))))
            .finish()
            .expect("Polars opens the file");
        let schema = (*lf.collect_schema().expect("schema")).clone();
        let whole = lf.select([col("k"), col("year"), col("value")]).collect();
        (schema, whole)
    }

    fn chunked(ds: &Dataset, schema: &Schema, chunk_bytes: usize) -> Result<DataFrame, DataError> {
        let mut file = CsvFile::open(ds, schema.clone(), &["value", "k", "year"])?;
        file.chunk_bytes = chunk_bytes;
        let mut frames = file.each_chunk(Ok)?.into_iter();
        let mut all = frames.next().expect("one chunk at least");
        for df in frames {
            all.vstack_mut_owned(df).expect("same columns");
        }
        Ok(all.select(["k", "year", "value"]).expect("columns"))
    }

    #[test]
    fn chunks_read_as_polars_reads_the_whole_file() {
        // Keys with commas, quotes, line ends and accents; an unread column
        // with line ends of its own; empty cells; CRLF lines; no final line end.
        let mut text = String::from("k,note,year,value\n");
        for i in 0..300 {
            let key = match i % 5 {
                0 => format!("plain {i}"),
                1 => format!("\"comma, {i}\""),
                2 => format!("\"line\nbreak {i}\""),
                3 => format!("\"say \"\"hi\"\" {i}\""),
                _ => format!("Åland {i}"),
            };
            let note = if i % 7 == 0 { "\"x\ny\"" } else { "" };
            let value = if i % 11 == 0 {
                String::new()
            } else {
                i.to_string()
            };
            let end = if i % 13 == 0 { "\r\n" } else { "\n" };
            text.push_str(&format!("{key},{note},{},{value}{end}", 2000 + i % 20));
        }
        text.pop();
        let ds = dataset("quoted.csv", &text);
        let (schema, whole) = polars_reads(&ds);
        let whole = whole.expect("Polars reads the file");
        assert_eq!(whole.height(), 300);
        for chunk_bytes in [1, 7, 64, 1000, CHUNK_BYTES] {
            let read = chunked(&ds, &schema, chunk_bytes).expect("reads");
            assert!(read.equals_missing(&whole), "chunks of {chunk_bytes} bytes");
        }
        // A header alone: no rows, the same columns.
        let ds = dataset("header.csv", "k,year,value\n");
        let (schema, whole) = polars_reads(&ds);
        let whole = whole.expect("Polars reads the file");
        let read = chunked(&ds, &schema, 1).expect("reads");
        assert_eq!(read.height(), 0);
        assert_eq!(read.schema(), whole.schema());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Any file of quoted and unquoted keys (with commas, quotes, line
        /// ends), empty cells and mixed line ends reads the same in chunks of
        /// any size as Polars reads it whole.
        #[test]
        fn any_file_reads_in_chunks_as_whole(
            rows in proptest::collection::vec(
                ("[a-c,\"\n\r;é]{0,6}", proptest::option::of(0i64..5000), proptest::bool::ANY),
                1..60,
            ),
            chunk_bytes in 1usize..200,
            ended in proptest::bool::ANY,
        ) {
            let mut text = String::from("k,year,value\n");
            for (i, (key, value, crlf)) in rows.iter().enumerate() {
                // Every key quoted (quotes doubled), so any character is a key.
                let key = format!("\"{}\"", key.replace('"', "\"\""));
                let value = value.map(|v| v.to_string()).unwrap_or_default();
                let end = if *crlf { "\r\n" } else { "\n" };
                text.push_str(&format!("{key},{},{value}{end}", 2000 + i));
            }
            if !ended {
                text.truncate(text.trim_end_matches(['\r', '\n']).len());
            }
            let ds = dataset(&format!("any-{chunk_bytes}.csv"), &text);
            let (schema, whole) = polars_reads(&ds);
            let whole = whole.expect("Polars reads the file");
            let read = chunked(&ds, &schema, chunk_bytes).expect("reads");
            proptest::prop_assert_eq!(read.height(), rows.len());
            proptest::prop_assert!(read.equals_missing(&whole));
        }
    }

    #[test]
    fn blank_lines_are_no_rows() {
        let with = "k,year,value\n\na,2000,1\n\n\"b\n\nc\",2001,2\r\n\r\n,,\nd,2002,3\n\n";
        // A row of empty cells is a row.
        let without = "k,year,value\na,2000,1\n\"b\n\nc\",2001,2\r\n,,\nd,2002,3\n";
        let ds = dataset("blank.csv", with);
        let (schema, _) = polars_reads(&ds);
        let (_, expected) = polars_reads(&dataset("no_blank.csv", without));
        let expected = expected.expect("Polars reads the file");
        assert_eq!(expected.height(), 4);
        for chunk_bytes in [1, 5, 1000] {
            let read = chunked(&ds, &schema, chunk_bytes).expect("reads");
            // The blank line inside the quoted key stays in the key.
            let keys: Vec<_> = (0..read.height())
                .map(|i| {
                    read.column("k")
                        .unwrap()
                        .str()
                        .unwrap()
                        .get(i)
                        .map(str::to_string)
                })
                .collect();
            let years: Vec<_> = (0..read.height())
                .map(|i| read.column("year").unwrap().i64().unwrap().get(i))
                .collect();
            assert!(
                read.equals_missing(&expected),
                "chunks of {chunk_bytes} bytes: {keys:?} {years:?}"
            );
        }
        assert!(has_blank_line(b"\r\na\n"));
        assert!(!has_blank_line(b"a\r\nb\n"));
        assert_eq!(blank_rows(b"\na\n\"\n\n\"\n\r\n,\n\r"), vec![0, 3, 5]);
    }

    #[test]
    fn a_cell_that_does_not_parse_is_told_by_its_line() {
        let text = "k,year,value\n\"a\nb\",2000,1\nc,2001,2\nd,2002,x\ne,2003,4\n";
        let ds = dataset("bad.csv", text);
        let (schema, whole) = polars_reads(&ds);
        assert!(whole.is_err());
        for chunk_bytes in [1, 1000] {
            let e = chunked(&ds, &schema, chunk_bytes).expect_err("x is no number");
            let text = e.to_string();
            // Line 1 is the header, the quoted key spans lines 2 and 3.
            assert!(text.contains("could not parse `x`"), "{text}");
            assert!(text.contains("on line 5 of the file"), "{text}");
        }
    }

    #[test]
    fn lines_are_counted_outside_quotes() {
        assert_eq!(lines_in(b"a,1\nb,2\n"), 2);
        assert_eq!(lines_in(b"a,1\nb,2"), 2);
        assert_eq!(lines_in(b"\"a\nb\",1\nc,2\n"), 2);
        assert_eq!(lines_in(b"\"a,\"\"x\"\"\",1\n"), 1);
        assert_eq!(lines_in(b""), 0);
    }

    #[test]
    fn a_line_ends_outside_quotes() {
        let text = b"k,v\n\"x\ny\",1\nz,2\n";
        assert_eq!(line_end(text, 0, 0), 4);
        // From inside the quoted field, the line ends after `1`.
        assert_eq!(line_end(text, 4, 6), 12);
        assert_eq!(line_end(text, 12, 12), 16);
        assert_eq!(line_end(text, 16, 20), 16);
    }

    #[test]
    fn chunks_cover_the_data_in_whole_lines() {
        // Lines of 10 bytes, some with a quoted line end, more than a chunk's worth.
        let mut text = b"key,value\n".to_vec();
        let mut rows = 0;
        while text.len() < 3 * CHUNK_BYTES {
            let line: &[u8] = if rows % 7 == 0 {
                b"\"a\nb\",12\n"
            } else {
                b"abcd,1234\n"
            };
            text.extend_from_slice(line);
            rows += 1;
        }
        let chunks = cut(&text, 10);
        assert!(chunks.len() >= 3);
        assert_eq!(chunks[0].start, 10);
        assert_eq!(chunks.last().map(|c| c.end), Some(text.len()));
        let mut row = 0;
        for pair in chunks.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert_eq!(text[pair[0].end - 1], b'\n');
            // No chunk starts inside a quoted field.
            let before = &text[..pair[1].start];
            assert_eq!(memchr::memchr_iter(b'"', before).count() % 2, 0);
        }
        for c in &chunks {
            row += lines_in(&text[c.start..c.end]);
        }
        assert_eq!(row, rows);
    }

    #[test]
    fn a_file_of_a_header_alone_is_one_empty_chunk() {
        let chunks = cut(b"key,value\n", 10);
        assert_eq!(chunks, vec![Chunk { start: 10, end: 10 }]);
    }
}
