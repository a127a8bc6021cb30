//! What differs between the engines the SQL runs on: quoting, type names,
//! how a file is read, how a relation is kept for the summary. Everything
//! else (`change`, `share`) is written once.

use crate::spec::{Dataset, DatasetFormat};

/// An engine yoy writes SQL for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    DuckDb,
    Spark,
    Trino,
    BigQuery,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Spark => "spark",
            Dialect::Trino => "trino",
            Dialect::BigQuery => "bigquery",
        }
    }

    /// An identifier, quoted.
    pub(crate) fn ident(self, name: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Trino => format!("\"{}\"", name.replace('"', "\"\"")),
            Dialect::Spark | Dialect::BigQuery => format!("`{}`", name.replace('`', "``")),
        }
    }

    /// A string literal.
    pub(crate) fn string(self, s: &str) -> String {
        match self {
            // BigQuery escapes with a backslash; the others double the quote.
            Dialect::BigQuery => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
            _ => format!("'{}'", s.replace('\'', "''")),
        }
    }

    /// Whole numbers wide enough for every product the verdicts take
    /// (38 digits: a count up to 2^63 times a stated figure's units).
    pub(crate) fn wide(self) -> &'static str {
        match self {
            Dialect::BigQuery => "BIGNUMERIC",
            _ => "DECIMAL(38, 0)",
        }
    }

    /// A stated figure's digits, exactly: a decimal with `d` places.
    pub(crate) fn decimal(self, d: u32) -> String {
        match self {
            Dialect::BigQuery => "BIGNUMERIC".into(),
            _ => format!("DECIMAL(38, {d})"),
        }
    }

    pub(crate) fn int(self) -> &'static str {
        match self {
            Dialect::BigQuery => "INT64",
            _ => "BIGINT",
        }
    }

    pub(crate) fn year(self) -> &'static str {
        match self {
            Dialect::BigQuery => "INT64",
            _ => "INTEGER",
        }
    }

    pub(crate) fn double(self) -> &'static str {
        match self {
            Dialect::BigQuery => "FLOAT64",
            _ => "DOUBLE",
        }
    }

    pub(crate) fn text(self) -> &'static str {
        match self {
            Dialect::DuckDb | Dialect::Trino => "VARCHAR",
            Dialect::Spark | Dialect::BigQuery => "STRING",
        }
    }

    /// `a mod b` for non-negative `a`.
    pub(crate) fn modulo(self, a: &str, b: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Spark => format!("({a} % {b})"),
            Dialect::Trino | Dialect::BigQuery => format!("MOD({a}, {b})"),
        }
    }

    /// `base` raised to `exp`, in doubles (a series' CAGR, not a verdict).
    pub(crate) fn pow(self, base: &str, exp: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Trino | Dialect::BigQuery => format!("POWER({base}, {exp})"),
            Dialect::Spark => format!("POW({base}, {exp})"),
        }
    }

    /// Statements that make the dataset readable as `relation`, and the
    /// relation to read it from. `table`: an existing table instead of the
    /// file. `None` when the engine cannot read the file itself.
    pub(crate) fn source(
        self,
        ds: &Dataset,
        table: Option<&str>,
        relation: &str,
    ) -> Option<(Vec<String>, String)> {
        if let Some(t) = table {
            return Some((Vec::new(), t.to_string()));
        }
        let path = self.string(&ds.path.to_string_lossy());
        match (self, ds.format) {
            (Dialect::DuckDb, DatasetFormat::Csv) => Some((
                Vec::new(),
                format!(
                    "read_csv({path}, header = true, delim = {}, quote = '\"', all_varchar = true)",
                    self.string(&(ds.csv.separator as char).to_string())
                ),
            )),
            (Dialect::DuckDb, DatasetFormat::Parquet) => {
                Some((Vec::new(), format!("read_parquet({path})")))
            }
            (Dialect::Spark, format) => {
                let using = match format {
                    DatasetFormat::Csv => format!(
                        "USING csv OPTIONS (path {path}, header 'true', sep {}, quote '\"', escape '\"', multiLine 'true')",
                        self.string(&(ds.csv.separator as char).to_string())
                    ),
                    DatasetFormat::Parquet => format!("USING parquet OPTIONS (path {path})"),
                };
                Some((
                    vec![format!(
                        "CREATE OR REPLACE TEMPORARY VIEW {relation} {using}"
                    )],
                    relation.to_string(),
                ))
            }
            (Dialect::Trino | Dialect::BigQuery, _) => None,
        }
    }

    /// How a relation that only this run needs is created.
    pub(crate) fn temp_view(self, name: &str, query: &str) -> String {
        match self {
            Dialect::DuckDb => format!("CREATE OR REPLACE TEMP VIEW {name} AS\n{query}"),
            Dialect::Spark => format!("CREATE OR REPLACE TEMPORARY VIEW {name} AS\n{query}"),
            Dialect::Trino => format!("CREATE OR REPLACE VIEW {name} AS\n{query}"),
            Dialect::BigQuery => format!("CREATE TEMP TABLE {name} AS\n{query}"),
        }
    }
}
