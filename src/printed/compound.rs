//! How the parts of a number printed in words and digits add up: a group
//! below each scale word, added to the total at the scale ("أربعة ملايين
//! و696 ألفا و69": 4·10^6 + 696·10^3 + 69), teens and "ثلاث مائة" as their
//! words say, and where a number ends (digits after digits are another).

use super::arabic;
use super::decimal::Decimal;
use super::digits;

/// One atom of a number: digits, a number word, a scale word.
#[derive(Debug, Clone, Copy)]
pub(super) enum Atom {
    Digits(digits::Numeral),
    Ar(arabic::Word),
}

/// Reading a number from its atoms: a group below the scale, added to the
/// total at each scale word (the usual reading of "4 ملايين و696 ألفا و69").
#[derive(Debug, Default)]
pub(super) struct Reading {
    pub(super) total: Option<Decimal>,
    pub(super) group: Option<Decimal>,
    /// The smallest scale passed so far (10^exp): what follows must be smaller.
    pub(super) last_exp: Option<u32>,
    pub(super) words: bool,
    pub(super) scaled: bool,
    pub(super) decimals: u32,
    pub(super) year_like: bool,
    pub(super) atoms: usize,
    /// The last atom was a unit word (a teen or "ثلاث مائة" may follow).
    pub(super) last_unit: Option<u32>,
}

impl Reading {
    pub(super) fn value(&self) -> Option<Decimal> {
        match (self.total, self.group) {
            (Some(t), Some(g)) => t.add(g),
            (t, g) => t.or(g),
        }
    }

    fn add_group(&mut self, d: Decimal) -> Option<()> {
        self.group = Some(match self.group {
            Some(g) => g.add(d)?,
            None => d,
        });
        Some(())
    }

    /// Take one atom; `false` when it cannot continue this number.
    pub(super) fn take(&mut self, a: Atom, after_and: bool) -> bool {
        let ok = match a {
            Atom::Digits(n) => {
                // Digits after digits, or after a unit word: another number.
                if self.atoms > 0 && (self.group.is_some() || !after_and) {
                    return false;
                }
                self.decimals = n.decimals;
                self.year_like = n.year_like && self.atoms == 0;
                self.last_unit = None;
                self.add_group(n.value)
            }
            Atom::Ar(w) => {
                self.words = true;
                match w {
                    arabic::Word::Unit(u) => {
                        // A teen: a unit, then عشر / عشرة.
                        if u == 10 && !after_and && self.last_unit.is_some_and(|x| x < 10) {
                            self.last_unit = None;
                            self.add_group(Decimal::int(10))
                        } else {
                            if self.group.is_some() && !after_and {
                                return false;
                            }
                            self.last_unit = Some(u);
                            self.add_group(Decimal::int(i128::from(u)))
                        }
                    }
                    arabic::Word::Ten(t) => {
                        if self.group.is_some() && !after_and {
                            return false;
                        }
                        self.last_unit = None;
                        self.add_group(Decimal::int(i128::from(t)))
                    }
                    arabic::Word::Hundred(h) => {
                        // "ثلاث مائة": a unit times a hundred.
                        if let (100, Some(u), false) = (h, self.last_unit, after_and) {
                            self.last_unit = None;
                            let g = self.group.unwrap_or(Decimal::int(0));
                            self.group = g.add(Decimal::int(i128::from(u) * 99));
                            self.group.map(|_| ())
                        } else {
                            if self.group.is_some() && !after_and {
                                return false;
                            }
                            self.last_unit = None;
                            self.add_group(Decimal::int(i128::from(h)))
                        }
                    }
                    arabic::Word::Scale {
                        exp,
                        count,
                        construct,
                    } => {
                        if self.last_exp.is_some_and(|e| exp >= e) {
                            return false;
                        }
                        let g = match (self.group, count) {
                            (Some(g), _) if !g.is_zero() => g,
                            // A plural needs a number before it.
                            (None, 0) => return false,
                            // "ألفا" alone is the dual: two thousand.
                            (_, _) if construct => Decimal::int(2),
                            (_, c) => Decimal::int(i128::from(c.max(1))),
                        };
                        self.scaled = true;
                        self.last_unit = None;
                        self.last_exp = Some(exp);
                        self.group = None;
                        let Some(v) = g.shift(exp) else { return false };
                        self.total = match self.total {
                            Some(t) => t.add(v),
                            None => Some(v),
                        };
                        self.total.map(|_| ())
                    }
                    arabic::Word::Ordinal(_) => None,
                }
            }
        };
        self.atoms += 1;
        ok.is_some()
    }
}
