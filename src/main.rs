//! The `yoy` binary: parse arguments, run, map the outcome to an exit code
//! (0 every claim holds, 1 a claim fails, 2 yoy could not run).

use clap::Parser;
use std::io::Write;
use std::process::ExitCode;
use yoy::app::{self, Outcome};
use yoy::cli::Cli;
use yoy::error::Error;
use yoy::report::diagnostics;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let config = match cli.into_config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    yoy::signals::install();
    let color_stderr = config.color.for_stderr();
    // Stdout is line-buffered: a report of many lines (JSON of a big panel's
    // rows) would be a write call a line.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut result = app::run(&config, &mut out);
    // A report that did not reach stdout is an error (a full disk), unless
    // its reader left (`| head`): then the run ends quietly, as ripgrep does.
    let flushed = out.flush();
    if let Err(e) = flushed
        && result.is_ok()
    {
        result = Err(vec![Error::Stdout(e)]);
    }
    if let Err(errors) = &result
        && errors.iter().any(Error::is_broken_pipe)
    {
        return ExitCode::SUCCESS;
    }
    match result {
        Ok(Outcome::Holds) => ExitCode::SUCCESS,
        Ok(Outcome::Fails) => ExitCode::from(1),
        Err(errors) => {
            let _ = write!(
                std::io::stderr().lock(),
                "{}",
                diagnostics::errors(&errors, color_stderr)
            );
            ExitCode::from(2)
        }
    }
}
