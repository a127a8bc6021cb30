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
    let found = lines_of(&map, ds, &wanted);
    crate::signals::mapping(None);
    for r in &mut checked.inconsistent {
        r.line = found.get(&(r.series.clone(), r.year)).copied();
    }
}

/// The line each wanted row starts on (from 1, the header's), reading until
/// all are found.
fn lines_of(bytes: &[u8], ds: &Dataset, wanted: &[RowKey]) -> HashMap<RowKey, u64> {
    let mut left: std::collections::HashSet<&RowKey> = wanted.iter().collect();
    let mut found = HashMap::new();
    let mut records = Records::new(bytes, ds.csv.separator);
    let Some((_, header)) = records.next() else {
        return found;
    };
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
    let Some(year) = column(&ds.year) else {
        return found;
    };
    for (line, fields) in records {
        if left.is_empty() {
            break;
        }
        let Some(y) = fields.get(year).and_then(|y| y.trim().parse::<i32>().ok()) else {
            continue;
        };
        let parts: Option<Vec<String>> = keys.iter().map(|&k| fields.get(k).cloned()).collect();
        let Some(parts) = parts else { continue };
        let key = (parts, y);
        if left.remove(&key) {
            found.insert(key, line);
        }
    }
    found
}

/// A CSV file's records with the line each starts on; blank lines are no
/// records (as the check reads them), quotes hold separators and line ends,
/// and `""` inside quotes is a quote.
struct Records<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
    separator: u8,
}

impl<'a> Records<'a> {
    fn new(bytes: &'a [u8], separator: u8) -> Records<'a> {
        Records {
            bytes,
            at: 0,
            line: 1,
            separator,
        }
    }
}

impl Iterator for Records<'_> {
    type Item = (u64, Vec<String>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.at >= self.bytes.len() {
                return None;
            }
            let start_line = self.line;
            let mut fields = Vec::new();
            let mut field = Vec::new();
            let mut inside = false;
            let mut ended = false;
            while self.at < self.bytes.len() {
                let c = self.bytes[self.at];
                self.at += 1;
                match c {
                    b'"' if inside && self.bytes.get(self.at) == Some(&b'"') => {
                        field.push(b'"');
                        self.at += 1;
                    }
                    b'"' => inside = !inside,
                    b'\n' => {
                        self.line += 1;
                        if inside {
                            field.push(c);
                        } else {
                            ended = true;
                            break;
                        }
                    }
                    c if c == self.separator && !inside => {
                        fields.push(std::mem::take(&mut field));
                    }
                    _ => field.push(c),
                }
            }
            if !ended || !field.is_empty() || !fields.is_empty() {
                if field.last() == Some(&b'\r') && !inside {
                    field.pop();
                }
                fields.push(field);
            }
            let blank = fields.is_empty() || (fields.len() == 1 && fields[0].is_empty());
            if blank {
                continue;
            }
            let text = fields
                .into_iter()
                .map(|f| String::from_utf8_lossy(&f).into_owned())
                .collect();
            return Some((start_line, text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> Vec<(u64, Vec<String>)> {
        Records::new(text.as_bytes(), b',').collect()
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

    #[test]
    fn a_record_of_empty_cells_is_a_record() {
        let r = records("a,b\n,\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1], (2, vec![String::new(), String::new()]));
    }
}
