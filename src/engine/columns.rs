//! Every column name the engine's frames share, one constant each, and the
//! shape of each frame. A name used by one function alone stays a literal
//! there; a name that crosses a function or a file is here.
//!
//! **Figures** (`figures::frame`): one row per known figure of a spec:
//! `INDICATOR`, `YEAR`, `LO`, `HI`, `LO_OPEN`, `HI_OPEN`.
//!
//! **Checks, in the standard shape** (what `verdicts::decide` reads): per
//! check, the operands' intervals `NUM_LO`/`NUM_HI`, `DEN_LO`/`DEN_HI`, the
//! `SCALE` and `OFFSET` of `scale·num/den + offset`, the stated interval
//! `ST_LO`/`ST_HI` with its open ends `S_LO_OPEN`/`S_HI_OPEN`, the counts of
//! missing operands (`NUM_MISSING`, `DEN_MISSING`, `REF_MISSING`, `MISSING`),
//! `DEN_HAS_ZERO`, `HAS_NUM` and `NOTHING_STATED`; a report's claims add
//! `CLAIM`, `CHECK`, `OP`, `EXPECT`, `PRODUCT` and the sums and products of
//! their operands (`NUM_SUM_*`, `NUM_PROD_*`).
//!
//! **Decided** (what `decide` adds): `COMP_LO`/`COMP_HI`, `OVERLAP`,
//! `UNBOUNDED`, `VERDICT` and `REASON` (codes of `findings::Verdict` and
//! `Reason`), and for claims the whole numbers that fit (`K_LO`/`K_HI`) and
//! the implied range of a missing figure (`IMP_*`).
//!
//! **A panel's rows** (`panel`): the keys, year and value as the dataset
//! names them, then the working columns: `ROW` (a row's number in what was
//! read), `VALUE` (as a float), `SID` (its series), `PREV_VALUE`, `WHOLE`,
//! `CHECK_KIND`, `DUP`, `SERIES_CAGR_PCT`, `FIRST_YEAR`, `LAST_YEAR`, and the
//! share check's `SHARE_VERDICT`. Working columns that a dataset could also
//! name start with `__`, and a dataset column may not (`ReservedColumn`).

pub(crate) const INDICATOR: &str = "indicator";
pub(crate) const YEAR: &str = "year";
pub(crate) const LO: &str = "lo";
pub(crate) const HI: &str = "hi";
pub(crate) const LO_OPEN: &str = "lo_open";
pub(crate) const HI_OPEN: &str = "hi_open";
/// Whether the computed interval's ends are open (an operand's open end
/// carried through a sum or a difference; products and ratios stay closed,
/// which can only make a verdict more lenient).
pub(crate) const C_LO_OPEN: &str = "comp_lo_open";
pub(crate) const C_HI_OPEN: &str = "comp_hi_open";
pub(crate) const C_LO: &str = "c_lo";
pub(crate) const C_HI: &str = "c_hi";

pub(crate) const CLAIM: &str = "claim";
pub(crate) const CHECK: &str = "check";
pub(crate) const OP: &str = "op";
pub(crate) const EXPECT: &str = "expect";
pub(crate) const PRODUCT: &str = "product";
pub(crate) const NUM_LO: &str = "num_lo";
pub(crate) const NUM_HI: &str = "num_hi";
pub(crate) const DEN_LO: &str = "den_lo";
pub(crate) const DEN_HI: &str = "den_hi";
pub(crate) const NUM_SUM_LO: &str = "num_sum_lo";
pub(crate) const NUM_SUM_HI: &str = "num_sum_hi";
pub(crate) const NUM_PROD_LO: &str = "num_prod_lo";
pub(crate) const NUM_PROD_HI: &str = "num_prod_hi";
pub(crate) const SCALE: &str = "scale";
pub(crate) const OFFSET: &str = "offset";
pub(crate) const ST_LO: &str = "st_lo";
pub(crate) const ST_HI: &str = "st_hi";
pub(crate) const S_LO_OPEN: &str = "s_lo_open";
pub(crate) const S_HI_OPEN: &str = "s_hi_open";
pub(crate) const NUM_MISSING: &str = "num_missing";
pub(crate) const DEN_MISSING: &str = "den_missing";
pub(crate) const REF_MISSING: &str = "ref_missing";
pub(crate) const MISSING: &str = "missing";
pub(crate) const DEN_HAS_ZERO: &str = "den_has_zero";
pub(crate) const HAS_NUM: &str = "has_num";
pub(crate) const NOTHING_STATED: &str = "nothing_stated";

pub(crate) const COMP_LO: &str = "comp_lo";
pub(crate) const COMP_HI: &str = "comp_hi";
pub(crate) const OVERLAP: &str = "overlap";
pub(crate) const UNBOUNDED: &str = "unbounded";
pub(crate) const VERDICT: &str = "verdict";
pub(crate) const REASON: &str = "reason";
pub(crate) const K_LO: &str = "k_lo";
pub(crate) const K_HI: &str = "k_hi";
pub(crate) const IMP_LO: &str = "imp_lo";
pub(crate) const IMP_HI: &str = "imp_hi";
pub(crate) const IMP_INTEGRAL: &str = "imp_integral";
pub(crate) const IMP_IND: &str = "imp_ind";
pub(crate) const IMP_YEAR: &str = "imp_year";

/// Decided exactly, before the frame (`exact_checks`): why the stated figure
/// is outside what the figures can give (a reason code, 0 when it is not);
/// the fitting whole numbers and the implied range of a missing count, where
/// the exact arithmetic applies.
pub(crate) const IMPOSSIBLE: &str = "impossible";
/// The check computes a total the claim names (a sum's, a product's): when
/// the report never states that total, the check is `computed`, not
/// `unverifiable`.
pub(crate) const COMPUTES_TOTAL: &str = "computes_total";
pub(crate) const X_K_LO: &str = "x_k_lo";
pub(crate) const X_K_HI: &str = "x_k_hi";
pub(crate) const X_IMP_LO: &str = "x_imp_lo";
pub(crate) const X_IMP_HI: &str = "x_imp_hi";
/// The figure an exact decision's implied range is of, when it names it.
pub(crate) const X_IMP_IND: &str = "x_imp_ind";
pub(crate) const X_IMP_YEAR: &str = "x_imp_year";
/// A check decided by whole numbers alone: 1 holds, 0 does not, −1 too
/// large to decide; null for every other check.
pub(crate) const X_HOLDS: &str = "x_holds";
/// The exponent of a `power` check (a compound annual rate's 1/years).
pub(crate) const EXPONENT: &str = "exponent";

pub(crate) const ROW: &str = "__row";
pub(crate) const VALUE: &str = "__value";
pub(crate) const SID: &str = "sid";
pub(crate) const PREV_VALUE: &str = "prev_value";
pub(crate) const WHOLE: &str = "__whole";
pub(crate) const CHECK_KIND: &str = "__check";
pub(crate) const DUP: &str = "__dup";
pub(crate) const SERIES_CAGR_PCT: &str = "series_cagr_pct";
pub(crate) const FIRST_YEAR: &str = "first_year";
pub(crate) const LAST_YEAR: &str = "last_year";
pub(crate) const SHARE_VERDICT: &str = "share_verdict";
