//! Command-line arguments (clap) and their conversion into a plain `RunConfig`.
//! No clap type goes past this file.

use crate::app::{Command, FailOn, RunConfig};
use crate::report::Format;
use crate::report::color::ColorChoice;
use clap::{Parser, Subcommand, ValueEnum};
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
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Check every claim of the given specs (default: every spec under specs/).
    Check {
        /// Spec files (YAML).
        specs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = FormatArg::Table)]
        format: FormatArg,
        /// Which verdicts make the exit code 1.
        #[arg(long, value_enum, default_value_t = FailOnArg::Inconsistent)]
        fail_on: FailOnArg,
    },
    /// The series table of a spec: deltas, % changes, CAGR, index.
    Compare {
        spec: PathBuf,
        #[arg(long, value_enum, default_value_t = FormatArg::Table)]
        format: FormatArg,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOnArg {
    /// Exit 1 when a claim is inconsistent.
    Inconsistent,
    /// Exit 1 when a claim is inconsistent or unverifiable.
    Unverifiable,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
        }
    }
}

impl Cli {
    pub fn into_config(self) -> RunConfig {
        let color = match self.color {
            ColorArg::Auto => ColorChoice::Auto,
            ColorArg::Always => ColorChoice::Always,
            ColorArg::Never => ColorChoice::Never,
        };
        match self.command {
            Cmd::Check {
                specs,
                format,
                fail_on,
            } => RunConfig {
                command: Command::Check {
                    specs,
                    fail_on: match fail_on {
                        FailOnArg::Inconsistent => FailOn::Inconsistent,
                        FailOnArg::Unverifiable => FailOn::Unverifiable,
                    },
                },
                format: format.into(),
                color,
            },
            Cmd::Compare { spec, format } => RunConfig {
                command: Command::Compare { spec },
                format: format.into(),
                color,
            },
        }
    }
}
