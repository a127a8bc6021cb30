//! The integration tests, as one binary (as ripgrep has them): one link of
//! Polars instead of one a file. Each module is a concern; `common` runs the
//! `yoy` binary.

mod architecture;
mod bad_specs;
mod baseline;
mod cli;
mod common;
mod coverage;
mod dgsn;
mod exact;
mod extract;
mod form_properties;
mod forms;
mod hostile;
mod html;
mod outputs;
mod panels;
mod printed;
mod properties;
mod provenance;
mod readme;
mod schema;
mod sql;
