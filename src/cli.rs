//! Command-line arguments (clap) and their conversion into a plain `RunConfig`.
//! No clap type goes past this file.

use crate::app::{Command, FailOn, RowFiles, RunConfig};
use crate::calendar::Date;
use crate::error::Error;
use crate::report::Format;
use crate::report::color::ColorChoice;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "yoy",
    version,
    about = "Checks what a report states about its own figures"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Cmd,
    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// The date waivers are judged against (YYYY-MM-DD; default: today, UTC).
    #[arg(long, global = true, value_parser = parse_date)]
    today: Option<Date>,
    /// The table shows the working of every check, not only of those that
    /// are not consistent.
    #[arg(long, short = 'v', global = true)]
    verbose: bool,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("`{s}` is not a date; write it as YYYY-MM-DD"))
}

/// A size in bytes: a number with an optional unit (B, KB, MB, GB, TB in
/// powers of 1000; KiB, MiB, GiB, TiB in powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let scale: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" | "k" => 1_000,
        "mb" | "m" => 1_000_000,
        "gb" | "g" => 1_000_000_000,
        "tb" | "t" => 1_000_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        "tib" => 1 << 40,
        _ => {
            return Err(format!(
                "`{s}` is not a size; write it as 512MiB, 4GiB or a number of bytes"
            ));
        }
    };
    match number.parse::<f64>() {
        Ok(n) if n > 0.0 && (n * scale as f64) < 1e19 => Ok((n * scale as f64) as u64),
        _ => Err(format!(
            "`{s}` is not a size; write it as 512MiB, 4GiB or a number of bytes"
        )),
    }
}

/// A memory budget: a size, and no less than a check needs whatever the
/// panel's size.
fn parse_memory(s: &str) -> Result<u64, String> {
    let bytes = parse_size(s)?;
    let min = crate::engine::panel::MIN_MEMORY;
    if bytes < min {
        return Err(format!(
            "`{s}` is less than a panel check needs whatever the panel's size ({} MiB); give at least {} MiB",
            min >> 20,
            min >> 20
        ));
    }
    Ok(bytes)
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

// Parsed once per run: the size of the largest command's flags costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Cmd {
    /// Check every claim of the given specs (default: every spec under specs/).
    Check {
        /// Spec files (YAML).
        specs: Vec<PathBuf>,
        #[command(flatten)]
        out: Outputs,
        /// Which verdicts make the exit code 1.
        #[arg(long, value_enum, value_delimiter = ',', num_args = 1.., default_values_t = [FailOnArg::Inconsistent])]
        fail_on: Vec<FailOnArg>,
        /// Exit 0 even when claims fail (yoy could not run: still 2).
        #[arg(long)]
        exit_zero: bool,
        /// Check only these claims: ids (with `*` and `?` wildcards) or kinds
        /// (`change`, `share`, ...), comma-separated or repeated.
        #[arg(long, value_delimiter = ',', value_name = "CLAIMS")]
        select: Vec<String>,
        /// Leave these claims out: ids (with wildcards) or kinds.
        #[arg(long, value_delimiter = ',', value_name = "CLAIMS")]
        ignore: Vec<String>,
        /// SARIF: the folder its paths are relative to (default: left to the
        /// viewer, which takes the repository's root).
        #[arg(long, value_name = "DIR")]
        sarif_root: Option<PathBuf>,
        /// SARIF: where yoy's docs are published (an http(s) address, e.g.
        /// https://github.com/ORG/yoy/blob/main/); each rule's helpUri is
        /// its section of docs/rules.md there.
        #[arg(long, value_name = "URL", value_parser = help_base)]
        sarif_help_uri: Option<String>,
        /// Where datasets are checked: here (Polars), or inside DuckDB
        /// through the SQL `yoy sql` writes (its Python package).
        #[arg(long, value_enum, default_value_t = EngineArg::Local)]
        engine: EngineArg,
        /// Nothing on stdout (files asked for are still written): the exit
        /// code says it all.
        #[arg(long, short = 'q')]
        quiet: bool,
        /// A previous run's JSON report: only findings new or changed since it
        /// fail the run (it may be this run's own `--json`, read first).
        #[arg(long, value_name = "PATH")]
        baseline: Option<PathBuf>,
        /// Datasets: write every row's result (previous value, change, verdict,
        /// reason) to this .csv or .parquet file.
        #[arg(long, value_name = "PATH")]
        rows: Option<PathBuf>,
        /// Datasets: write the inconsistent rows to this .csv or .parquet file.
        #[arg(long, value_name = "PATH")]
        inconsistent_rows: Option<PathBuf>,
        /// Datasets: the memory a panel check may use (e.g. 512MiB, 4GiB); a
        /// panel that needs more is read in parts [default: half the memory
        /// available when the run starts]
        #[arg(long, value_name = "SIZE", value_parser = parse_memory)]
        memory: Option<u64>,
        /// Rows a part of a panel holds, whatever the memory: for tests of
        /// the parts on small panels.
        #[arg(long, value_name = "ROWS", hide = true)]
        part_rows: Option<u64>,
    },
    /// The series table of a spec: deltas, % changes, CAGR, index.
    Compare {
        spec: PathBuf,
        #[command(flatten)]
        out: SeriesOutputs,
    },
    /// What changed between two runs' JSON reports: new, resolved, changed
    /// verdicts and moved figures.
    Diff {
        /// The earlier run's JSON report.
        old: PathBuf,
        /// The later run's JSON report.
        new: PathBuf,
    },
    /// A draft spec from a report's text: every figure with its line and as
    /// printed, candidate claims commented out.
    Extract {
        /// The report's text (UTF-8).
        source: PathBuf,
        /// The text's language [default: guessed from the text]
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// The year the report covers [default: the year the text names most]
        #[arg(long)]
        year: Option<i32>,
        /// The report's id [default: from the file name]
        #[arg(long)]
        id: Option<String>,
        /// Write the draft to this file instead of stdout.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// SQL that runs a spec's dataset checks inside DuckDB, Spark, Trino or
    /// BigQuery: every row as `--rows` writes it, and the counts.
    Sql {
        spec: PathBuf,
        /// The engine to write for.
        #[arg(long, value_enum)]
        dialect: DialectArg,
        /// The table that holds the dataset (required for Trino and
        /// BigQuery, which read no file by path).
        #[arg(long)]
        table: Option<String>,
        /// Write the SQL to this file instead of stdout.
        #[arg(long, short = 'o', value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// What a spec holds, without checking it: its claims, indicators and
    /// datasets.
    List { spec: PathBuf },
    /// Shell completions for yoy, on stdout (e.g. `yoy completions bash >
    /// ~/.local/share/bash-completion/completions/yoy`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// yoy's man page (roff), on stdout (e.g. `yoy man > yoy.1`).
    Man,
    /// The JSON Schema of a command's JSON report (check, compare, explain).
    Schema {
        #[arg(value_enum, default_value_t = SchemaOf::Check)]
        of: SchemaOf,
    },
    /// The working of one claim, step by step.
    Explain {
        spec: PathBuf,
        /// The claim's id (without one: the spec's claims, with their verdicts).
        claim: Option<String>,
        /// The working as text (table) or as the claim's JSON finding.
        #[arg(long, value_enum, default_value_t = ExplainFormat::Table)]
        format: ExplainFormat,
        /// Which verdicts make the exit code 1.
        #[arg(long, value_enum, value_delimiter = ',', num_args = 1.., default_values_t = [FailOnArg::Inconsistent])]
        fail_on: Vec<FailOnArg>,
    },
}

#[derive(Debug, Args)]
struct Outputs {
    /// Format of what goes to stdout [default: table]
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// Also write the JSON report to this file (`-`: to stdout, instead of --format).
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Also write the CSV report to this file.
    #[arg(long, value_name = "PATH")]
    csv: Option<PathBuf>,
    /// Also write the Markdown change summary to this file.
    #[arg(long, value_name = "PATH")]
    markdown: Option<PathBuf>,
    /// Also write a JUnit XML report to this file (check only).
    #[arg(long, value_name = "PATH")]
    junit: Option<PathBuf>,
    /// Also write a SARIF 2.1.0 report to this file (check only).
    #[arg(long, value_name = "PATH")]
    sarif: Option<PathBuf>,
    /// Also write the HTML report (one self-contained file) to this file.
    #[arg(long, value_name = "PATH")]
    html: Option<PathBuf>,
}

/// The outputs of `yoy compare`: the formats that describe series only.
#[derive(Debug, Args)]
struct SeriesOutputs {
    /// Format of what goes to stdout [default: table]
    #[arg(long, value_enum)]
    format: Option<SeriesFormatArg>,
    /// Also write the JSON series to this file (`-`: to stdout, instead of --format).
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Also write the CSV series to this file.
    #[arg(long, value_name = "PATH")]
    csv: Option<PathBuf>,
    /// Also write the Markdown movements to this file.
    #[arg(long, value_name = "PATH")]
    markdown: Option<PathBuf>,
    /// Also write the series as an HTML page (with their charts) to this file.
    #[arg(long, value_name = "PATH")]
    html: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SeriesFormatArg {
    Table,
    Json,
    Csv,
    Markdown,
    Html,
}

impl From<SeriesFormatArg> for FormatArg {
    fn from(f: SeriesFormatArg) -> FormatArg {
        match f {
            SeriesFormatArg::Table => FormatArg::Table,
            SeriesFormatArg::Json => FormatArg::Json,
            SeriesFormatArg::Csv => FormatArg::Csv,
            SeriesFormatArg::Markdown => FormatArg::Markdown,
            SeriesFormatArg::Html => FormatArg::Html,
        }
    }
}

impl SeriesOutputs {
    /// The same as a check's outputs, without the verdict formats.
    fn as_outputs(&self) -> Outputs {
        Outputs {
            format: self.format.map(FormatArg::from),
            json: self.json.clone(),
            csv: self.csv.clone(),
            markdown: self.markdown.clone(),
            junit: None,
            sarif: None,
            html: self.html.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Table,
    Json,
    Csv,
    Markdown,
    Junit,
    /// GitHub Actions annotations (and a job summary in $GITHUB_STEP_SUMMARY).
    Github,
    Sarif,
    /// One self-contained HTML file, with its charts.
    Html,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EngineArg {
    Local,
    Duckdb,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum SchemaOf {
    Check,
    Compare,
    Explain,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExplainFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DialectArg {
    Duckdb,
    Spark,
    Trino,
    Bigquery,
}

impl From<DialectArg> for crate::sql::Dialect {
    fn from(d: DialectArg) -> crate::sql::Dialect {
        match d {
            DialectArg::Duckdb => crate::sql::Dialect::DuckDb,
            DialectArg::Spark => crate::sql::Dialect::Spark,
            DialectArg::Trino => crate::sql::Dialect::Trino,
            DialectArg::Bigquery => crate::sql::Dialect::BigQuery,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Ar,
    Fr,
    En,
}

impl From<LangArg> for crate::printed::Lang {
    fn from(l: LangArg) -> crate::printed::Lang {
        match l {
            LangArg::Ar => crate::printed::Lang::Ar,
            LangArg::Fr => crate::printed::Lang::Fr,
            LangArg::En => crate::printed::Lang::En,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOnArg {
    /// Exit 1 when a claim is inconsistent (always).
    Inconsistent,
    /// Also when a claim is unverifiable.
    Unverifiable,
    /// Also when a plausibility claim fails (questionable).
    Questionable,
    /// Also when the source prints a number the spec neither records nor ignores.
    NotEncoded,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Csv => Format::Csv,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Junit => Format::Junit,
            FormatArg::Github => Format::Github,
            FormatArg::Sarif => Format::Sarif,
            FormatArg::Html => Format::Html,
        }
    }
}

fn fail_on_set(args: &[FailOnArg]) -> FailOn {
    FailOn {
        unverifiable: args.contains(&FailOnArg::Unverifiable),
        questionable: args.contains(&FailOnArg::Questionable),
        not_encoded: args.contains(&FailOnArg::NotEncoded),
    }
}

impl Outputs {
    /// What goes to stdout, and to files: a file flag given `-` takes stdout.
    fn split(&self) -> Result<(Format, Vec<(Format, PathBuf)>), Error> {
        let (to_stdout, files): (Vec<_>, Vec<_>) = self
            .files()
            .into_iter()
            .partition(|(_, p)| p.as_os_str() == "-");
        let asked = self.format.map(Format::from);
        let mut formats = asked.into_iter().chain(to_stdout.iter().map(|(f, _)| *f));
        let format = formats.next().unwrap_or(Format::Table);
        if let Some(other) = formats.find(|f| *f != format) {
            return Err(Error::TwoFormatsOnStdout {
                first: format.name(),
                second: other.name(),
            });
        }
        Ok((format, files))
    }

    fn files(&self) -> Vec<(Format, PathBuf)> {
        [
            (Format::Json, &self.json),
            (Format::Csv, &self.csv),
            (Format::Markdown, &self.markdown),
            (Format::Junit, &self.junit),
            (Format::Sarif, &self.sarif),
            (Format::Html, &self.html),
        ]
        .into_iter()
        .filter_map(|(f, p)| p.clone().map(|p| (f, p)))
        .collect()
    }
}

/// The command line as typed: `yoy` and its arguments, quoted where a shell
/// would need it.
fn command_line() -> String {
    std::iter::once("yoy".to_string())
        .chain(std::env::args().skip(1).map(|a| {
            if a.is_empty()
                || a.chars()
                    .any(|c| c.is_whitespace() || "'\"$`\\;&|<>*?".contains(c))
            {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a
            }
        }))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Cli {
    pub fn into_config(self) -> Result<RunConfig, Error> {
        let today = self.today.unwrap_or_else(Date::today);
        let color = match self.color {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        };
        let job_summary = std::env::var_os("GITHUB_STEP_SUMMARY")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let mut row_files = RowFiles::default();
        let mut memory = None;
        let mut part_rows = None;
        let mut sarif_root = None;
        let mut sarif_help = None;
        let mut on_duckdb = false;
        let (command, format, files) = match self.command {
            Cmd::Check {
                specs,
                out,
                fail_on,
                rows,
                inconsistent_rows,
                memory: limit,
                part_rows: rows_per_part,
                baseline,
                exit_zero,
                select,
                ignore,
                sarif_root: root,
                sarif_help_uri,
                engine: where_,
                quiet,
            } => {
                on_duckdb = where_ == EngineArg::Duckdb;
                sarif_help = sarif_help_uri;
                part_rows = rows_per_part;
                sarif_root = root.map(|r| {
                    let abs = std::fs::canonicalize(&r).unwrap_or(r);
                    format!(
                        "file://{}/",
                        abs.display().to_string().trim_end_matches('/')
                    )
                });
                row_files = RowFiles {
                    all: rows,
                    inconsistent: inconsistent_rows,
                };
                memory = limit;
                let (format, files) = out.split()?;
                (
                    Command::Check {
                        specs,
                        fail_on: fail_on_set(&fail_on),
                        baseline,
                        exit_zero,
                        quiet,
                        pick: crate::pick::Pick { select, ignore },
                    },
                    format,
                    files,
                )
            }
            Cmd::Compare { spec, out } => {
                let (format, files) = out.as_outputs().split()?;
                if let Some(bad) = std::iter::once(format)
                    .chain(files.iter().map(|(f, _)| *f))
                    .find(|f| !f.describes_series())
                {
                    return Err(Error::FormatNotForCompare { format: bad.name() });
                }
                (Command::Compare { spec }, format, files)
            }
            Cmd::Diff { old, new } => (Command::Diff { old, new }, Format::Table, Vec::new()),
            Cmd::Sql {
                spec,
                dialect,
                table,
                output,
            } => (
                Command::Sql {
                    spec,
                    dialect: dialect.into(),
                    table,
                    output,
                },
                Format::Table,
                Vec::new(),
            ),
            Cmd::Extract {
                source,
                lang,
                year,
                id,
                output,
            } => (
                Command::Extract {
                    source,
                    lang: lang.map(Into::into),
                    year,
                    id,
                    output,
                },
                Format::Table,
                Vec::new(),
            ),
            Cmd::Explain {
                spec,
                claim,
                format,
                fail_on,
            } => (
                Command::Explain {
                    spec,
                    claim,
                    fail_on: fail_on_set(&fail_on),
                },
                match format {
                    ExplainFormat::Table => Format::Table,
                    ExplainFormat::Json => Format::Json,
                },
                Vec::new(),
            ),
            Cmd::List { spec } => (Command::List { spec }, Format::Table, Vec::new()),
            Cmd::Completions { shell } => {
                let mut text = Vec::new();
                clap_complete::generate(
                    shell,
                    &mut <Cli as clap::CommandFactory>::command(),
                    "yoy",
                    &mut text,
                );
                (
                    Command::Print {
                        text: String::from_utf8_lossy(&text).into_owned(),
                    },
                    Format::Table,
                    Vec::new(),
                )
            }
            Cmd::Schema { of } => {
                let name = match of {
                    SchemaOf::Check => "check",
                    SchemaOf::Compare => "compare",
                    SchemaOf::Explain => "explain",
                };
                (
                    Command::Print {
                        text: crate::report::json::schema(name).unwrap_or_default() + "\n",
                    },
                    Format::Table,
                    Vec::new(),
                )
            }
            Cmd::Man => {
                let mut text = Vec::new();
                clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                    .render(&mut text)
                    .map_err(Error::Stdout)?;
                (
                    Command::Print {
                        text: String::from_utf8_lossy(&text).into_owned(),
                    },
                    Format::Table,
                    Vec::new(),
                )
            }
        };
        let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
        Ok(RunConfig {
            command,
            format,
            files,
            color,
            today,
            job_summary,
            row_files,
            progress,
            memory,
            part_rows,
            verbose: self.verbose,
            command_line: command_line(),
            sarif_root,
            sarif_help,
            on_duckdb,
        })
    }
}

/// An absolute http(s) address, ending with `/` (docs/rules.md is added to it).
fn help_base(text: &str) -> Result<String, String> {
    let absolute = text.starts_with("https://") || text.starts_with("http://");
    if !absolute
        || text
            .chars()
            .any(|c| c.is_whitespace() || c == '#' || c == '?')
    {
        return Err(format!(
            "`{text}` is not an absolute http(s) address without spaces, `#` or `?`; give where yoy's docs are published, e.g. https://github.com/ORG/yoy/blob/main/"
        ));
    }
    Ok(format!("{}/", text.trim_end_matches('/')))
}
