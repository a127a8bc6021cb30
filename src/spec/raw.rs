//! The YAML spec as written: a serde mirror with a source position on every value.
//!
//! Nothing here judges the content; `validate` does that, so that every problem in
//! a spec can be reported at once with its line. Claims are one flat struct (the
//! kind is whichever kind key is present) because serde's internally tagged enums
//! lose the positions of their fields.

use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;
use std::marker::PhantomData;

#[derive(Debug, Deserialize)]
pub(crate) struct RawSpec {
    pub(crate) report: Option<Spanned<RawReport>>,
    #[serde(default)]
    pub(crate) indicators: Option<Spanned<OrderedMap<Spanned<String>, Spanned<RawIndicator>>>>,
    #[serde(default)]
    pub(crate) claims: Option<Spanned<Vec<Spanned<RawClaim>>>>,
    #[serde(default)]
    pub(crate) datasets: Option<Spanned<OrderedMap<Spanned<String>, Spanned<RawDataset>>>>,
    /// Numbers of the source the spec does not record, each with its reason.
    #[serde(default)]
    pub(crate) ignore: Option<Spanned<Vec<Spanned<RawIgnore>>>>,
    /// Keys this place does not take: each is reported, with the nearest valid one.
    #[serde(flatten)]
    pub(crate) unknown: OrderedMap<AnyKey, IgnoredAny>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawReport {
    pub(crate) id: Option<Spanned<String>>,
    pub(crate) title: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) year: Option<Spanned<i64>>,
    pub(crate) source: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) rounding: Option<Spanned<String>>,
    pub(crate) note: Option<String>,
    /// Keys this place does not take: each is reported, with the nearest valid one.
    #[serde(flatten)]
    pub(crate) unknown: OrderedMap<AnyKey, IgnoredAny>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawIndicator {
    pub(crate) label: Option<String>,
    pub(crate) label_source: Option<String>,
    pub(crate) unit: Option<String>,
    /// `count` (whole numbers, the default), `amount` or `rate`.
    pub(crate) kind: Option<Spanned<String>>,
    pub(crate) note: Option<String>,
    pub(crate) values: Option<Spanned<OrderedMap<Spanned<i64>, Spanned<RawValue>>>>,
    /// Keys this place does not take: each is reported, with the nearest valid one.
    #[serde(flatten)]
    pub(crate) unknown: OrderedMap<AnyKey, IgnoredAny>,
}

/// One yearly value: a bare number, or a mapping that says how it was written.
#[derive(Debug)]
pub(crate) enum RawValue {
    /// `~`: the report does not give this year's figure (a claim may still need it).
    Unknown,
    Bare(Number),
    Detailed(Box<RawValueDetail>),
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawValueDetail {
    pub(crate) value: Option<Spanned<Number>>,
    pub(crate) more_than: Option<Spanned<Number>>,
    pub(crate) at_least: Option<Spanned<Number>>,
    pub(crate) up_to: Option<Spanned<Number>>,
    pub(crate) about: Option<Spanned<Number>>,
    pub(crate) tolerance: Option<Spanned<Number>>,
    pub(crate) rounded_to: Option<Spanned<Number>>,
    pub(crate) line: Option<u32>,
    pub(crate) as_written: Option<String>,
    /// The value is counted from what the text lists ("Marrakech, Casablanca,
    /// Salé and Kénitra": 4), not printed as a figure.
    pub(crate) counted: Option<bool>,
    pub(crate) note: Option<String>,
    /// Keys this place does not take: each is reported, with the nearest valid one.
    #[serde(flatten)]
    pub(crate) unknown: OrderedMap<AnyKey, IgnoredAny>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawClaim {
    pub(crate) id: Option<Spanned<String>>,
    pub(crate) says: Option<String>,
    pub(crate) line: Option<u32>,
    pub(crate) note: Option<String>,

    // The kind keys: exactly one must be present.
    pub(crate) change: Option<Spanned<String>>,
    pub(crate) points: Option<Spanned<String>>,
    pub(crate) share: Option<Spanned<Stated>>,
    pub(crate) sum: Option<Spanned<Vec<Spanned<String>>>>,
    pub(crate) subset: Option<Spanned<Operand>>,
    pub(crate) shares: Option<Spanned<Vec<Spanned<Stated>>>>,
    pub(crate) equal: Option<Spanned<Vec<Spanned<String>>>>,
    pub(crate) trend: Option<Spanned<String>>,
    pub(crate) multiple: Option<Spanned<String>>,
    pub(crate) product: Option<Spanned<Vec<Spanned<String>>>>,
    pub(crate) ratio: Option<Spanned<Operand>>,
    pub(crate) cagr: Option<Spanned<String>>,
    pub(crate) grim: Option<Spanned<Stated>>,
    pub(crate) grimmer: Option<Spanned<Stated>>,
    pub(crate) debit: Option<Spanned<Stated>>,

    // Their parameters.
    pub(crate) from: Option<Spanned<i64>>,
    pub(crate) to: Option<Spanned<i64>>,
    pub(crate) year: Option<Spanned<i64>>,
    pub(crate) years: Option<Spanned<Vec<Spanned<i64>>>>,
    pub(crate) stated: Option<Spanned<Stated>>,
    pub(crate) part: Option<Spanned<Operand>>,
    pub(crate) of: Option<Spanned<Operand>>,
    pub(crate) equals: Option<Spanned<String>>,
    pub(crate) per: Option<Spanned<Operand>>,
    pub(crate) scale: Option<Spanned<Number>>,
    pub(crate) by: Option<Spanned<Stated>>,
    pub(crate) qualifier: Option<Spanned<String>>,
    pub(crate) band: Option<Spanned<Number>>,
    pub(crate) direction: Option<Spanned<String>>,
    pub(crate) factor: Option<Spanned<Operand>>,
    pub(crate) times_more: Option<Spanned<Number>>,
    pub(crate) reading: Option<Spanned<String>>,
    pub(crate) tolerance: Option<Spanned<Number>>,
    pub(crate) average: Option<Spanned<String>>,
    pub(crate) sd: Option<Spanned<Stated>>,
    pub(crate) n: Option<Spanned<Operand>>,
    pub(crate) items: Option<Spanned<Number>>,
    pub(crate) exhaustive: Option<bool>,
    pub(crate) rounding: Option<Spanned<String>>,
    pub(crate) decimals: Option<Spanned<u32>>,
    pub(crate) waiver: Option<Spanned<RawWaiver>>,
    pub(crate) severity: Option<Spanned<String>>,
    /// Keys this place does not take: each is reported, with the nearest valid one.
    #[serde(flatten)]
    pub(crate) unknown: OrderedMap<AnyKey, IgnoredAny>,
}

/// A number of the source that is no figure of the report (a date, an
/// ordinal, "part 2/2"): where it is, and why it is not recorded.
#[derive(Debug, Deserialize)]
pub(crate) struct RawIgnore {
    pub(crate) line: Option<Spanned<u32>>,
    pub(crate) to_line: Option<Spanned<u32>>,
    pub(crate) text: Option<Spanned<String>>,
    pub(crate) reason: Option<String>,
    #[serde(flatten)]
    pub(crate) unknown: OrderedMap<AnyKey, IgnoredAny>,
}

/// A panel of published figures in a file, in long format.
#[derive(Debug, Deserialize)]
pub(crate) struct RawDataset {
    pub(crate) path: Option<Spanned<String>>,
    pub(crate) series: Option<Spanned<Vec<Spanned<String>>>>,
    pub(crate) year: Option<Spanned<String>>,
    pub(crate) value: Option<Spanned<String>>,
    pub(crate) kind: Option<Spanned<String>>,
    pub(crate) stated_change: Option<Spanned<RawStatedColumn>>,
    pub(crate) stated_share: Option<Spanned<RawStatedColumn>>,
    pub(crate) separator: Option<Spanned<String>>,
    pub(crate) decimal_comma: Option<Spanned<bool>>,
    pub(crate) note: Option<String>,
    #[serde(flatten)]
    pub(crate) unknown: OrderedMap<AnyKey, IgnoredAny>,
}

/// A column of stated figures and how they are printed.
#[derive(Debug, Deserialize)]
pub(crate) struct RawStatedColumn {
    pub(crate) column: Option<Spanned<String>>,
    pub(crate) decimals: Option<Spanned<u32>>,
    pub(crate) rounding: Option<Spanned<String>>,
    /// Shares: the key column whose rows make up the whole.
    pub(crate) across: Option<Spanned<String>>,
    /// Shares: the label of the row that is the whole, when there is one.
    pub(crate) total: Option<Spanned<String>>,
    #[serde(flatten)]
    pub(crate) unknown: OrderedMap<AnyKey, IgnoredAny>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct RawWaiver {
    pub(crate) reason: Option<String>,
    pub(crate) until: Option<Spanned<String>>,
    #[serde(flatten)]
    pub(crate) unknown: OrderedMap<AnyKey, IgnoredAny>,
}

/// A number as YAML gave it. Integers are kept as integers so that one beyond
/// what a double holds exactly is caught by validation, not silently rounded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    Int(i128),
    Float(f64),
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumberVisitor)
    }
}

struct NumberVisitor;

impl<'de> Visitor<'de> for NumberVisitor {
    type Value = Number;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
        Ok(Number::Int(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
        Ok(Number::Int(v.into()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Number, E> {
        Ok(Number::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Number, E> {
        Ok(Number::Int(i128::try_from(v).unwrap_or(i128::MAX)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
        Ok(Number::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
        Err(E::custom(format!(
            "expected a number, found the text {v:?}; write the figure as a plain number (no % sign, no thousands separators)"
        )))
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or a mapping such as {value: 1263, line: 103}")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Bare(Number::Int(v.into())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Bare(Number::Int(v.into())))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawValue, E> {
                Ok(RawValue::Bare(Number::Int(v)))
            }
            fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawValue, E> {
                NumberVisitor.visit_u128(v).map(RawValue::Bare)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Bare(Number::Float(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValue, E> {
                NumberVisitor.visit_str(v).map(RawValue::Bare)
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Unknown)
            }
            fn visit_none<E: de::Error>(self) -> Result<RawValue, E> {
                Ok(RawValue::Unknown)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawValue, A::Error> {
                RawValueDetail::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|d| RawValue::Detailed(Box::new(d)))
            }
        }
        d.deserialize_any(V)
    }
}

/// A stated figure kept as text, because its precision is in how it is written:
/// `-50%` means a whole percent, `-50.0%` one decimal.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stated(pub(crate) String);

impl<'de> Deserialize<'de> for Stated {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Stated;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a stated figure such as \"-50%\" or \"31.7%\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Stated, E> {
                Ok(Stated(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Stated, E> {
                Ok(Stated(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Stated, E> {
                Ok(Stated(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Stated, E> {
                Ok(Stated(v.to_string()))
            }
        }
        // Asking for a string first keeps a plain scalar's own text (`50.0`).
        d.deserialize_str(V)
    }
}

/// What a claim names as an operand: one indicator, a list of them (added
/// up), or a number (a constant: 52 weeks, 100 000 inhabitants, 28 answers).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand {
    Name(String),
    Names(Vec<Spanned<String>>),
    Number(Number),
}

impl<'de> Deserialize<'de> for Operand {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Operand;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an indicator id, a list of them, or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Operand, E> {
                // A quoted number ("52") is a number all the same.
                let t = v.trim();
                if let Ok(i) = t.replace('_', "").parse::<i128>() {
                    return Ok(Operand::Number(Number::Int(i)));
                }
                if t.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+' || c == '.')
                    && let Ok(f) = t.parse::<f64>()
                {
                    return Ok(Operand::Number(Number::Float(f)));
                }
                Ok(Operand::Name(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Operand, E> {
                Ok(Operand::Number(Number::Int(v.into())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Operand, E> {
                Ok(Operand::Number(Number::Int(v.into())))
            }
            fn visit_i128<E: de::Error>(self, v: i128) -> Result<Operand, E> {
                Ok(Operand::Number(Number::Int(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Operand, E> {
                Ok(Operand::Number(Number::Float(v)))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Operand, A::Error> {
                let mut names = Vec::new();
                while let Some(n) = seq.next_element::<Spanned<String>>()? {
                    names.push(n);
                }
                Ok(Operand::Names(names))
            }
        }
        d.deserialize_any(V)
    }
}

/// A YAML mapping kept in the order it was written, duplicates included, so that
/// validation can point at a repeated key instead of the parser dropping one.
#[derive(Debug)]
pub(crate) struct OrderedMap<K, V>(pub(crate) Vec<(K, V)>);

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for MapVisitor<K, V> {
            type Value = OrderedMap<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((k, v)) = map.next_entry()? {
                    entries.push((k, v));
                }
                Ok(OrderedMap(entries))
            }
        }
        d.deserialize_map(MapVisitor(PhantomData))
    }
}

/// A mapping key of any scalar type, as text (for reporting unknown keys).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AnyKey(pub(crate) String);

impl<'de> Deserialize<'de> for AnyKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AnyKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AnyKey, E> {
                Ok(AnyKey(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AnyKey, E> {
                Ok(AnyKey(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<AnyKey, E> {
                Ok(AnyKey(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<AnyKey, E> {
                Ok(AnyKey(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<AnyKey, E> {
                Ok(AnyKey(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<AnyKey, E> {
                Ok(AnyKey("~".into()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The fields each place of a spec takes, for "did you mean" suggestions.
pub(crate) const SPEC_FIELDS: &[&str] = &["report", "indicators", "claims", "datasets", "ignore"];
pub(crate) const IGNORE_FIELDS: &[&str] = &["line", "to_line", "text", "reason"];
pub(crate) const DATASET_FIELDS: &[&str] = &[
    "path",
    "series",
    "year",
    "value",
    "kind",
    "stated_change",
    "stated_share",
    "separator",
    "decimal_comma",
    "note",
];
pub(crate) const STATED_COLUMN_FIELDS: &[&str] = &["column", "decimals", "rounding"];
pub(crate) const STATED_SHARE_FIELDS: &[&str] =
    &["column", "decimals", "rounding", "across", "total"];
pub(crate) const REPORT_FIELDS: &[&str] = &[
    "id",
    "title",
    "language",
    "publisher",
    "year",
    "source",
    "url",
    "rounding",
    "note",
];
pub(crate) const INDICATOR_FIELDS: &[&str] =
    &["label", "label_source", "unit", "kind", "note", "values"];
pub(crate) const VALUE_FIELDS: &[&str] = &[
    "value",
    "more_than",
    "at_least",
    "up_to",
    "about",
    "tolerance",
    "rounded_to",
    "line",
    "as_written",
    "counted",
    "note",
];
pub(crate) const CLAIM_FIELDS: &[&str] = &[
    "id",
    "says",
    "line",
    "note",
    "change",
    "points",
    "share",
    "sum",
    "subset",
    "shares",
    "equal",
    "trend",
    "multiple",
    "product",
    "ratio",
    "cagr",
    "grim",
    "grimmer",
    "debit",
    "from",
    "to",
    "year",
    "years",
    "stated",
    "part",
    "of",
    "equals",
    "per",
    "scale",
    "by",
    "qualifier",
    "band",
    "direction",
    "factor",
    "times_more",
    "reading",
    "tolerance",
    "average",
    "sd",
    "n",
    "items",
    "exhaustive",
    "rounding",
    "decimals",
    "waiver",
    "severity",
];
pub(crate) const WAIVER_FIELDS: &[&str] = &["reason", "until"];
