//! A report's source text, as the spec names it (`report.source`): where it
//! is (from the working directory, else beside the spec), its lines, and the
//! language its figures are read in (the spec's `language`, else guessed).
//! Read once, for the provenance of the spec's figures and the numbers the
//! spec leaves out.

use crate::printed::Lang;
use crate::spec::Spec;
use std::path::{Path, PathBuf};

/// The most a source text may weigh (a 60-page bulletin is well under 1 MiB).
const MAX_SOURCE_BYTES: u64 = 32 * 1024 * 1024;

pub(crate) struct Source {
    /// As the spec names it.
    pub(crate) named: String,
    /// The file read.
    pub(crate) path: PathBuf,
    pub(crate) lines: Vec<String>,
    pub(crate) lang: Lang,
}

/// Why a named source was not read.
pub(crate) struct Unread {
    pub(crate) named: String,
    pub(crate) path: Option<PathBuf>,
    pub(crate) why: String,
}

/// Where the spec's source is: as given (from the working directory), else
/// beside the spec.
fn locate(spec: &Spec, named: &str) -> Option<PathBuf> {
    let given = PathBuf::from(named);
    if given.is_file() {
        return Some(given);
    }
    let beside = spec.path.parent().map(|d| d.join(named))?;
    beside.is_file().then_some(beside)
}

/// A text file, read whole up to the size a report's text may have.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_SOURCE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_SOURCE_BYTES {
        return Err(format!("it is larger than {MAX_SOURCE_BYTES} bytes"));
    }
    String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())
}

/// The spec's source, read (`None`: the spec names none).
pub(crate) fn load(spec: &Spec) -> Option<Result<Source, Unread>> {
    let named = spec.report.source.clone()?;
    let Some(path) = locate(spec, &named) else {
        return Some(Err(Unread {
            why: format!(
                "not found (from the working directory, nor beside {})",
                spec.path.display()
            ),
            named,
            path: None,
        }));
    };
    let text = match read(&path) {
        Ok(t) => t,
        Err(why) => {
            return Some(Err(Unread {
                named,
                path: Some(path),
                why,
            }));
        }
    };
    let lang = spec
        .report
        .language
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or_else(|| Lang::guess(&text));
    Some(Ok(Source {
        named,
        path,
        lines: text.lines().map(str::to_string).collect(),
        lang,
    }))
}

/// Every place `text` stands on `line`, as (start, end) in characters: where
/// it is printed exactly, or with other spacing (a run of spaces, a tab, a
/// no-break space where the spec has one space: `4 696 069` written with
/// thin spaces). Provenance and coverage find a recorded text alike.
pub(crate) fn places(line: &str, text: &str) -> Vec<(usize, usize)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    if words.is_empty() {
        return out;
    }
    let chars: Vec<char> = line.chars().collect();
    let mut start = 0;
    while start < chars.len() {
        match spaced_match(&chars, start, &words) {
            Some(end) => {
                out.push((start, end));
                start = end;
            }
            None => start += 1,
        }
    }
    out
}

/// Where `words` end when they stand at `start`, one or more white-space
/// characters between each two.
fn spaced_match(chars: &[char], start: usize, words: &[&str]) -> Option<usize> {
    let mut at = start;
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            let gap = chars[at..].iter().take_while(|c| c.is_whitespace()).count();
            if gap == 0 {
                return None;
            }
            at += gap;
        }
        for w in word.chars() {
            if chars.get(at) != Some(&w) {
                return None;
            }
            at += 1;
        }
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::places;

    #[test]
    fn a_text_is_found_whatever_its_spacing() {
        assert_eq!(places("أنجزت 4 696 069 بطاقة", "4 696 069"), vec![(6, 15)]);
        // A no-break space and a double space where the spec has one.
        assert_eq!(places("a 4\u{a0}696  069 b", "4 696 069"), vec![(2, 12)]);
        assert_eq!(places("12 and 12", "12"), vec![(0, 2), (7, 9)]);
        assert_eq!(
            places("4696 069", "4 696 069"),
            Vec::<(usize, usize)>::new()
        );
        assert_eq!(places("x", "  "), Vec::<(usize, usize)>::new());
    }
}
