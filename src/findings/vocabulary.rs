//! The one vocabulary from the engine to every report: verdicts and their
//! reasons (with the codes the engine's columns hold), claim kinds, units and
//! the forms a figure is written in.

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(i32)]
pub enum Verdict {
    /// The stated and computed intervals share a value.
    Consistent = 0,
    /// Nothing was stated; the figure is computed for the record (a per-unit ratio).
    Computed = 1,
    /// A figure the claim needs is missing, or its base is zero.
    Unverifiable = 2,
    /// The stated and computed intervals are disjoint, or no whole number fits.
    Inconsistent = 3,
    /// It fails, but a waiver in the spec accepts that until its date.
    Waived = 4,
    /// A plausibility check (a relation the report implies but does not
    /// state) fails: a question for the publisher, never `inconsistent`.
    Questionable = 5,
    /// A figure of the spec that its source text does not print as recorded:
    /// the spec's error, never the report's.
    Misrecorded = 6,
    /// A number its source prints that the spec neither records nor ignores.
    NotEncoded = 7,
}

impl Verdict {
    /// The verdicts the engine decides, in the order of their codes: a
    /// claim's verdict is the largest code of its checks'.
    pub const DECIDED: [Verdict; 4] = [
        Verdict::Consistent,
        Verdict::Computed,
        Verdict::Unverifiable,
        Verdict::Inconsistent,
    ];

    /// The code the engine's columns hold.
    pub fn code(self) -> i32 {
        self as i32
    }

    /// The verdict a code stands for (an unknown code is a failure, never a pass).
    pub fn from_code(code: i32) -> Verdict {
        Verdict::DECIDED
            .into_iter()
            .find(|v| v.code() == code)
            .unwrap_or(Verdict::Inconsistent)
    }

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Consistent => "consistent",
            Verdict::Computed => "computed",
            Verdict::Unverifiable => "unverifiable",
            Verdict::Inconsistent => "inconsistent",
            Verdict::Waived => "waived",
            Verdict::Questionable => "questionable",
            Verdict::Misrecorded => "misrecorded",
            Verdict::NotEncoded => "not_encoded",
        }
    }
}

/// Why a check is unverifiable or, for integer reasons, inconsistent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum Reason {
    MissingFigure = 1,
    ZeroBase = 2,
    Unbounded = 3,
    /// No whole number of cases gives the stated share (the GRIM test).
    NoWholeNumberFits = 4,
    /// Nothing is stated (an empty cell in a panel's stated column).
    NoStated = 5,
    /// A count stated to fall by more than 100 %: no figures can give it.
    FallBeyondAll = 6,
    /// A part stated as more than its whole (a share above 100 %, or below 0).
    PartBeyondWhole = 7,
    /// A missing figure that several claims imply a range for: no value
    /// satisfies them all together.
    NoJointValue = 8,
    /// A question of whole numbers too large to settle exactly (more
    /// candidates than yoy walks through, or beyond i128).
    BeyondExact = 9,
    /// Provenance: the figure's line is past the end of the source.
    NoSuchLine = 10,
    /// Provenance: its text as printed is not on that line.
    NotOnLine = 11,
    /// Provenance: the source's figure reads as another value.
    ReadsOtherwise = 12,
    /// Provenance: the text prints no figure (a count of what it lists).
    NoFigurePrinted = 13,
    /// Provenance: the source bounds the figure otherwise ("more than").
    BoundDiffers = 14,
}

impl Reason {
    pub const ALL: [Reason; 14] = [
        Reason::MissingFigure,
        Reason::ZeroBase,
        Reason::Unbounded,
        Reason::NoWholeNumberFits,
        Reason::NoStated,
        Reason::FallBeyondAll,
        Reason::PartBeyondWhole,
        Reason::NoJointValue,
        Reason::BeyondExact,
        Reason::NoSuchLine,
        Reason::NotOnLine,
        Reason::ReadsOtherwise,
        Reason::NoFigurePrinted,
        Reason::BoundDiffers,
    ];

    /// The code the engine's columns hold; no reason is 0.
    pub fn code(reason: Option<Reason>) -> i32 {
        reason.map_or(0, |r| r as i32)
    }

    /// The reason a code stands for (0: none).
    pub fn from_code(code: i32) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| *r as i32 == code)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Reason::MissingFigure => "a figure it needs is not given",
            Reason::ZeroBase => "its base is zero (or may be)",
            Reason::Unbounded => "its figures are unbounded, so the result is too",
            Reason::NoWholeNumberFits => "no whole number fits",
            Reason::NoStated => "nothing is stated",
            Reason::FallBeyondAll => "a count cannot fall by more than 100 %",
            Reason::PartBeyondWhole => {
                "a part cannot be more than its whole, nor less than none of it"
            }
            Reason::NoJointValue => {
                "no value of the missing figure satisfies it and the claims that share it"
            }
            Reason::BeyondExact => "too many whole numbers to decide it exactly",
            Reason::NoSuchLine => "the source has no such line",
            Reason::NotOnLine => "its text is not on that line of the source",
            Reason::ReadsOtherwise => "the source prints another value",
            Reason::NoFigurePrinted => {
                "the source prints no figure there (a count of what the line lists is `counted: true`)"
            }
            Reason::BoundDiffers => "the source bounds it otherwise",
        }
    }
}

/// The unit a check's computed value and gap are expressed in.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    Percent,
    Points,
    Factor,
    /// The figures' own unit (cases, MAD, …).
    Of(String),
}

impl Unit {
    pub fn name(&self) -> &str {
        match self {
            Unit::Percent => "%",
            Unit::Points => "points",
            Unit::Factor => "×",
            Unit::Of(u) => u,
        }
    }
}

/// How a figure was written, in the report's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureForm {
    Exact,
    Rounded,
    MoreThan,
    AtLeast,
    UpTo,
    About,
    /// Not given by the report (`2023: ~`).
    Missing,
}

impl FigureForm {
    pub fn name(self) -> &'static str {
        match self {
            FigureForm::Exact => "exact",
            FigureForm::Rounded => "rounded",
            FigureForm::MoreThan => "more_than",
            FigureForm::AtLeast => "at_least",
            FigureForm::UpTo => "up_to",
            FigureForm::About => "about",
            FigureForm::Missing => "missing",
        }
    }

    /// The form in words ("more than", "at least").
    pub fn words(self) -> String {
        self.name().replace('_', " ")
    }
}

/// What a claim asserts, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimKind {
    Change,
    Points,
    Share,
    Sum,
    Subset,
    Shares,
    Equal,
    Trend,
    Multiple,
    Product,
    Ratio,
    Cagr,
    Grim,
    Grimmer,
    Debit,
}

impl ClaimKind {
    /// Every kind, in the order the spec's documentation lists them.
    pub const ALL: [ClaimKind; 15] = [
        ClaimKind::Change,
        ClaimKind::Points,
        ClaimKind::Share,
        ClaimKind::Sum,
        ClaimKind::Subset,
        ClaimKind::Shares,
        ClaimKind::Equal,
        ClaimKind::Trend,
        ClaimKind::Multiple,
        ClaimKind::Product,
        ClaimKind::Ratio,
        ClaimKind::Cagr,
        ClaimKind::Grim,
        ClaimKind::Grimmer,
        ClaimKind::Debit,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ClaimKind::Change => "change",
            ClaimKind::Points => "points",
            ClaimKind::Share => "share",
            ClaimKind::Sum => "sum",
            ClaimKind::Subset => "subset",
            ClaimKind::Shares => "shares",
            ClaimKind::Equal => "equal",
            ClaimKind::Trend => "trend",
            ClaimKind::Multiple => "multiple",
            ClaimKind::Product => "product",
            ClaimKind::Ratio => "ratio",
            ClaimKind::Cagr => "cagr",
            ClaimKind::Grim => "grim",
            ClaimKind::Grimmer => "grimmer",
            ClaimKind::Debit => "debit",
        }
    }
}

/// What a finding is about: a claim of the report, or a figure of the spec
/// checked against the report's source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    Claim(ClaimKind),
    Provenance,
    /// A number of the source the spec leaves out.
    NotEncoded,
}

impl FindingKind {
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Claim(k) => k.name(),
            FindingKind::Provenance => "provenance",
            FindingKind::NotEncoded => "not_encoded",
        }
    }
}

impl std::fmt::Display for FindingKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::fmt::Display for ClaimKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What the whole numbers that fit a check count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    /// Cases k of a whole N: a share 100·k/N.
    Cases,
    /// Totals T of N whole-number answers: a mean T/N (GRIM, GRIMMER).
    Totals,
    /// Answers of 1 among N answers of 0 or 1 (DEBIT).
    Ones,
}

impl Grain {
    pub fn name(self) -> &'static str {
        match self {
            Grain::Cases => "cases",
            Grain::Totals => "totals",
            Grain::Ones => "ones",
        }
    }
}
