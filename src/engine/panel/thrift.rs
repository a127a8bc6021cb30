//! A Parquet footer walked before Polars decodes it: Thrift's compact
//! protocol, every field skipped and every length and count checked against
//! the bytes that remain. Polars' decoder takes a list's count at its word and
//! reserves room for it: one corrupt count asked for 45 GB and aborted the
//! process (found by `fuzz/fuzz_targets/parquet_check.rs`), which no
//! `catch_unwind` can stop. A footer that walks cleanly holds no such count.

/// Deepest nesting of structs and lists a footer may have (Parquet's is
/// about six).
const MAX_DEPTH: usize = 32;

/// Why a footer does not walk.
pub(super) type Broken = &'static str;

struct Walk<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Walk<'_> {
    fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn byte(&mut self) -> Result<u8, Broken> {
        let b = *self.bytes.get(self.at).ok_or("it ends inside a field")?;
        self.at += 1;
        Ok(b)
    }

    fn skip(&mut self, n: usize) -> Result<(), Broken> {
        if n > self.remaining() {
            return Err("a length runs past its end");
        }
        self.at += n;
        Ok(())
    }

    fn varint(&mut self) -> Result<u64, Broken> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number is longer than ten bytes")
    }

    /// A count of things each at least one byte long: no more than remain.
    fn count(&mut self, n: u64) -> Result<usize, Broken> {
        usize::try_from(n)
            .ok()
            .filter(|n| *n <= self.remaining())
            .ok_or("a count is larger than the bytes that remain")
    }

    fn value(&mut self, kind: u8, depth: usize) -> Result<(), Broken> {
        if depth > MAX_DEPTH {
            return Err("it nests too deeply");
        }
        match kind {
            // Booleans inside lists are a byte; as struct fields, no byte
            // (the walk of a struct handles those before calling here).
            1..=3 => self.skip(1),
            4..=6 => self.varint().map(|_| ()),
            7 => self.skip(8),
            8 => {
                let n = self.varint()?;
                let n = self.count(n)?;
                self.skip(n)
            }
            9 | 10 => {
                let header = self.byte()?;
                let n = match header >> 4 {
                    15 => self.varint()?,
                    n => u64::from(n),
                };
                let n = self.count(n)?;
                for _ in 0..n {
                    self.value(header & 0x0f, depth + 1)?;
                }
                Ok(())
            }
            11 => {
                let n = self.varint()?;
                let n = self.count(n)?;
                if n > 0 {
                    let kinds = self.byte()?;
                    for _ in 0..n {
                        self.value(kinds >> 4, depth + 1)?;
                        self.value(kinds & 0x0f, depth + 1)?;
                    }
                }
                Ok(())
            }
            12 => self.structure(depth + 1),
            _ => Err("a field has no Thrift type"),
        }
    }

    fn structure(&mut self, depth: usize) -> Result<(), Broken> {
        if depth > MAX_DEPTH {
            return Err("it nests too deeply");
        }
        loop {
            let header = self.byte()?;
            let kind = header & 0x0f;
            if kind == 0 {
                return Ok(());
            }
            if header >> 4 == 0 {
                // A field id written out in full (zigzag i16).
                self.varint()?;
            }
            match kind {
                // A boolean field's value is its type.
                1 | 2 => {}
                k => self.value(k, depth)?,
            }
        }
    }
}

/// Walk a Parquet footer (the Thrift-encoded `FileMetaData`).
pub(super) fn walk(footer: &[u8]) -> Result<(), Broken> {
    let mut w = Walk {
        bytes: footer,
        at: 0,
    };
    w.structure(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_footer_with_a_huge_count_does_not_walk() {
        // A struct whose field 1 is a list (type 9) of 15+ i32 (type 5)
        // elements, with a count of 2^40 written as a varint.
        let huge = [0x19, 0xf5, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 0x00];
        assert!(walk(&huge).is_err());
        // The same list with its 2 elements: it walks.
        let fine = [0x19, 0x25, 0x02, 0x04, 0x00];
        assert_eq!(walk(&fine), Ok(()));
        // Cut short.
        assert!(walk(&fine[..3]).is_err());
    }

    #[test]
    fn the_shipped_panels_footer_walks() {
        let file = std::fs::read("datasets/panel.parquet").expect("the shipped panel");
        let n = file.len();
        let len = u32::from_le_bytes([file[n - 8], file[n - 7], file[n - 6], file[n - 5]]) as usize;
        assert_eq!(walk(&file[n - 8 - len..n - 8]), Ok(()));
    }
}
