//! Where a panel's listed rows stand in its CSV file: the line each starts
//! on, as an editor counts lines (blank lines and lines inside a quoted cell
//! counted), found by one pass over the file. Only the outputs that point at
//! a row ask for it (SARIF, GitHub annotations): the check itself never needs
//! a row's line, and a row index is not one (blank lines are no rows, a
//! quoted cell may span lines).

use crate::findings::PanelChecked;
use crate::spec::{Dataset, DatasetFormat};
use std::collections::HashMap;

/// A row as findings name it: its series key parts and its year.
type RowKey = (Vec<String>, i32);

/// Set the line of every listed row of `checked` that `ds`'s CSV file holds;
/// a Parquet file has no lines, and a file that cannot be read again leaves
/// the rows without one (the check itself has read it: nothing to report).
pub(crate) fn locate(ds: &Dataset, checked: &mut PanelChecked) {
    if ds.format != DatasetFormat::Csv || checked.inconsistent.is_empty() {
        return;
    }
    let wanted: Vec<RowKey> = checked
        .inconsistent
        .iter()
        .map(|r| (r.series.clone(), r.year))
        .collect();
    let Ok(file) = std::fs::File::open(&ds.path) else {
        return;
    };
    // SAFETY: read only; a file cut short meanwhile faults, and `signals`
    // names it (as for the check's own read).
    crate::signals::mapping(Some(&ds.path));
    let Ok(map) = (unsafe { memmap2::Mmap::map(&file) }) else {
        return;
    };
    let found = lines_of(&map, &Columns::of(ds), &wanted);
    crate::signals::mapping(None);
    for r in &mut checked.inconsistent {
        r.line = found.get(&(r.series.clone(), r.year)).copied();
    }
}

/// What finding a row needs of its dataset: the separator, the key columns
/// and the year's.
struct Columns<'a> {
    separator: u8,
    series: &'a [String],
    year: &'a str,
}

impl<'a> Columns<'a> {
    fn of(ds: &'a Dataset) -> Columns<'a> {
        Columns {
            separator: ds.csv.separator,
            series: &ds.series,
            year: &ds.year,
        }
    }
}

/// The line each wanted row starts on (from 1, the header's), reading until
/// all are found. A record is looked up by a hash of its key cells and year,
/// taken on the file's bytes, so that the rows that are not wanted (nearly
/// all of a big panel) cost no allocation.
fn lines_of(bytes: &[u8], ds: &Columns, wanted: &[RowKey]) -> HashMap<RowKey, u64> {
    let mut found = HashMap::new();
    let mut records = Records::new(bytes, ds.separator);
    let mut cells = Vec::new();
    if records.next_into(&mut cells).is_none() {
        return found;
    }
    let header: Vec<String> = cells
        .iter()
        .map(|&c| String::from_utf8_lossy(&records.text(c)).into_owned())
        .collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    };
    let Some(keys) = ds
        .series
        .iter()
        .map(|k| column(k))
        .collect::<Option<Vec<usize>>>()
    else {
        return found;
    };
    let Some(year) = column(ds.year) else {
        return found;
    };
    let mut by_hash: HashMap<u64, Vec<&RowKey>> = HashMap::new();
    for w in wanted {
        let h = row_hash(w.0.iter().map(String::as_bytes), w.1);
        by_hash.entry(h).or_default().push(w);
    }
    let mut left = by_hash.values().map(Vec::len).sum::<usize>();
    while left > 0 {
        let Some(line) = records.next_into(&mut cells) else {
            break;
        };
        let Some(y) = cells.get(year).and_then(|&c| whole(&records.text(c))) else {
            continue;
        };
        if keys.iter().any(|&k| k >= cells.len()) {
            continue;
        }
        let h = row_hash(keys.iter().map(|&k| records.text(cells[k])), y);
        let Some(candidates) = by_hash.get(&h) else {
            continue;
        };
        let texts: Vec<std::borrow::Cow<'_, [u8]>> =
            keys.iter().map(|&k| records.text(cells[k])).collect();
        for w in candidates {
            let same = w.1 == y
                && w.0.len() == texts.len()
                && w.0
                    .iter()
                    .zip(&texts)
                    .all(|(a, b)| a.as_bytes() == b.as_ref());
            if same && !found.contains_key(*w) {
                found.insert((*w).clone(), line);
                left -= 1;
            }
        }
    }
    found
}

/// A year cell as a whole number (spaces around it allowed), read on its
/// bytes: the cell of every row of the file is read.
fn whole(cell: &[u8]) -> Option<i32> {
    let cell = cell.trim_ascii();
    let (negative, digits) = match cell.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, cell),
    };
    if digits.is_empty() || digits.len() > 9 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n = digits
        .iter()
        .fold(0i32, |n, d| n * 10 + i32::from(d - b'0'));
    Some(if negative { -n } else { n })
}

/// A row's hash from its key cells' text and its year (a fixed seed: the
/// wanted rows and the file's are hashed alike; nothing here is adversarial,
/// a collision only costs a comparison).
fn row_hash<T: AsRef<[u8]>>(parts: impl Iterator<Item = T>, year: i32) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0).build_hasher();
    for p in parts {
        p.as_ref().hash(&mut h);
    }
    year.hash(&mut h);
    h.finish()
}

/// A CSV file's records, each as its cells' byte ranges and the line it
/// starts on; blank lines are no records (as the check reads them), quotes
/// hold separators and line ends, and `""` inside quotes is a quote.
struct Records<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
    separator: u8,
}

/// A cell: its bytes in the file, quotes included.
type Cell = (usize, usize);

impl<'a> Records<'a> {
    fn new(bytes: &'a [u8], separator: u8) -> Records<'a> {
        Records {
            bytes,
            at: 0,
            line: 1,
            separator,
        }
    }

    /// The next record's cells into `cells`, and its first line.
    fn next_into(&mut self, cells: &mut Vec<Cell>) -> Option<u64> {
        loop {
            if self.at >= self.bytes.len() {
                return None;
            }
            cells.clear();
            let first_line = self.line;
            let mut start = self.at;
            let mut inside = false;
            let mut end = self.bytes.len();
            while self.at < self.bytes.len() {
                let c = self.bytes[self.at];
                self.at += 1;
                if c == b'"' {
                    inside = !inside;
                } else if c == b'\n' {
                    self.line += 1;
                    if !inside {
                        end = self.at - 1;
                        break;
                    }
                } else if c == self.separator && !inside {
                    cells.push((start, self.at - 1));
                    start = self.at;
                }
            }
            // A line end's `\r` is no part of the last cell.
            let end = if end > start && self.bytes[end - 1] == b'\r' {
                end - 1
            } else {
                end
            };
            cells.push((start, end));
            if cells.len() == 1 && cells[0].0 == cells[0].1 {
                continue;
            }
            return Some(first_line);
        }
    }

    /// A cell's text: without its quotes, `""` read as `"`.
    fn text(&self, (start, end): Cell) -> std::borrow::Cow<'a, [u8]> {
        super::csv::unquoted(&self.bytes[start..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut r = Records::new(text.as_bytes(), b',');
        let mut cells = Vec::new();
        let mut out = Vec::new();
        while let Some(line) = r.next_into(&mut cells) {
            let texts = cells
                .iter()
                .map(|&c| String::from_utf8_lossy(&r.text(c)).into_owned())
                .collect();
            out.push((line, texts));
        }
        out
    }

    #[test]
    fn lines_count_blank_lines_and_quoted_line_ends() {
        let r = records("a,b\n\n1,\"x\ny\"\r\n2,\"q\"\"z\"\n\n3,w");
        let lines: Vec<u64> = r.iter().map(|(l, _)| *l).collect();
        assert_eq!(lines, vec![1, 3, 5, 7]);
        assert_eq!(r[1].1, vec!["1", "x\ny"]);
        assert_eq!(r[2].1, vec!["2", "q\"z"]);
        assert_eq!(r[3].1, vec!["3", "w"]);
    }

    /// A cell as a CSV writer quotes it: when it holds a quote, the
    /// separator, a line end, or starts or ends with a space.
    fn quoted(cell: &str) -> String {
        if cell.contains(['"', ',', '\n', '\r']) || cell.trim() != cell {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.to_string()
        }
    }

    proptest::proptest! {
        /// Rows written with awkward keys (quotes, separators, line ends),
        /// blank lines and CRLF here and there, in any order: each wanted
        /// row is found at the line it was written on.
        #[test]
        fn every_row_is_found_where_it_was_written(
            rows in proptest::collection::btree_map(
                (proptest::collection::vec("[a-c\",\n ]{0,4}", 2), 2000i32..2004),
                (proptest::bool::ANY, proptest::bool::ANY, proptest::bool::ANY),
                1..12,
            )
        ) {
            let mut text = String::from("indicator,region,year,value\n");
            let mut line = 2u64;
            let mut at = HashMap::new();
            for ((keys, year), (blank_before, crlf, wanted)) in &rows {
                if *blank_before {
                    text.push('\n');
                    line += 1;
                }
                let record = format!("{},{},{year},1", quoted(&keys[0]), quoted(&keys[1]));
                text.push_str(&record);
                text.push_str(if *crlf { "\r\n" } else { "\n" });
                if *wanted {
                    at.insert((keys.clone(), *year), line);
                }
                line += 1 + record.matches('\n').count() as u64;
            }
            let series = ["indicator".to_string(), "region".to_string()];
            let columns = Columns { separator: b',', series: &series, year: "year" };
            let wanted: Vec<RowKey> = at.keys().cloned().collect();
            let found = lines_of(text.as_bytes(), &columns, &wanted);
            proptest::prop_assert_eq!(found, at, "{}", text);
        }
    }

    #[test]
    fn years_read_on_their_bytes() {
        assert_eq!(whole(b" 2024 "), Some(2024));
        assert_eq!(whole(b"-12"), Some(-12));
        assert_eq!(whole(b"2024.0"), None);
        assert_eq!(whole(b""), None);
        assert_eq!(whole(b"9999999999"), None);
    }

    #[test]
    fn a_record_of_empty_cells_is_a_record() {
        let r = records("a,b\n,\r\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1], (2, vec![String::new(), String::new()]));
    }
}
