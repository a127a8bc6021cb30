//! yoy: checks what a report states about its own figures.
//!
//! spec (YAML → `Spec`) → engine (Polars: figures, series, verdicts) →
//! findings (plain Rust) → report (table, JSON, ...). `app::run` is that flow.

pub mod app;
pub(crate) mod baseline;
pub mod calendar;
pub mod checks;
pub mod cli;
pub(crate) mod coverage;
pub mod diagnostic;
pub mod echo;
pub mod engine;
pub mod error;
pub(crate) mod exact;
pub(crate) mod extract;
pub mod findings;
pub mod interval;
pub(crate) mod joint;
pub mod output;
pub(crate) mod pick;
pub mod printed;
pub(crate) mod provenance;
pub mod report;
pub(crate) mod scrutiny;
pub mod signals;
pub(crate) mod source;
pub mod spec;
pub mod sql;
