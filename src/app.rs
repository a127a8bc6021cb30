//! The pipeline: specs → engine → findings → reports, and what the exit code says.

use crate::baseline;
use crate::calendar::Date;
use crate::diagnostic::nearest;
use crate::engine;
use crate::error::Error;
use crate::findings::Verdict;
use crate::findings::{Checked, Compared, ReportMeta, Summary};
use crate::output::{self, Input, Planned};
use crate::report::color::ColorChoice;
use crate::report::{self, CheckView, Format};
use crate::spec::{self, LoadError, Spec};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where `yoy check` with no argument looks for specs.
pub(crate) const DEFAULT_SPEC_DIR: &str = "specs";

/// A panel row named as findings name them (`panel[births_0001 |
/// GR-00012][2000]`, `[share]` after it for its stated share), explained
/// whatever its verdict; `None` when the id names no such row.
fn panel_row(spec: &Spec, id: &str) -> Result<Option<crate::findings::Finding>, Error> {
    let Some(open) = id.find('[') else {
        return Ok(None);
    };
    let Some(ds) = spec.datasets.iter().find(|d| d.id == id[..open]) else {
        return Ok(None);
    };
    let rest = &id[open..];
    let (rest, share) = match rest.strip_suffix("[share]") {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let Some(inner) = rest.strip_prefix('[').and_then(|r| r.strip_suffix(']')) else {
        return Ok(None);
    };
    let Some(cut) = inner.rfind("][") else {
        return Ok(None);
    };
    let Ok(year) = inner[cut + 2..].parse::<i32>() else {
        return Ok(None);
    };
    Ok(engine::panel::explain_row(ds, &inner[..cut], year, share)?)
}

/// How wide the table is: `COLUMNS` when set, else the terminal's width when
/// stdout is one, else 100 (a file, a pipe, a CI log).
fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
    {
        return n;
    }
    if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        let mut ws = libc::winsize {
            ws_row: 0,
            ws_col: 0,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCGWINSZ writes a `winsize` into the struct given, which
        // lives for the call; fd 1 is stdout, a terminal here.
        let r = unsafe { libc::ioctl(1, libc::TIOCGWINSZ, &mut ws) };
        if r == 0 && ws.ws_col > 0 {
            return usize::from(ws.ws_col);
        }
    }
    100
}

/// Which verdicts make the exit code 1, besides `inconsistent` (always).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct FailOn {
    pub(crate) unverifiable: bool,
    pub(crate) questionable: bool,
    /// A number of the source the spec neither records nor ignores.
    pub(crate) not_encoded: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Command {
    Check {
        specs: Vec<PathBuf>,
        fail_on: FailOn,
        /// A previous run's JSON report: only findings new or changed since
        /// it fail the run.
        baseline: Option<PathBuf>,
        /// Exit 0 even when claims fail.
        exit_zero: bool,
        /// Nothing on stdout.
        quiet: bool,
        /// Which claims to check (`--select`, `--ignore`).
        pick: crate::pick::Pick,
    },
    /// What changed between two runs' JSON reports.
    Diff {
        old: PathBuf,
        new: PathBuf,
    },
    Compare {
        spec: PathBuf,
    },
    Explain {
        spec: PathBuf,
        /// `None`: list the spec's claims.
        claim: Option<String>,
        fail_on: FailOn,
    },
    /// What a spec holds.
    List {
        spec: PathBuf,
    },
    /// Text made from the command line's own definition (completions, the
    /// man page), printed as it is.
    Print {
        text: String,
    },
    /// SQL for a spec's datasets, for an engine.
    Sql {
        spec: PathBuf,
        dialect: crate::sql::Dialect,
        table: Option<String>,
        output: Option<PathBuf>,
    },
    /// A draft spec from a report's text.
    Extract {
        source: PathBuf,
        lang: Option<crate::printed::Lang>,
        year: Option<i32>,
        id: Option<String>,
        /// `None`: stdout.
        output: Option<PathBuf>,
    },
}

/// Per-row results of datasets, written by Polars on request.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowFiles {
    pub(crate) all: Option<PathBuf>,
    pub(crate) inconsistent: Option<PathBuf>,
}

#[derive(Debug, Clone)]
pub struct RunConfig {
    pub(crate) command: Command,
    /// What goes to stdout.
    pub(crate) format: Format,
    /// Further reports written to files, each atomically.
    pub(crate) files: Vec<(Format, PathBuf)>,
    pub color: ColorChoice,
    /// The date waivers are judged against.
    pub(crate) today: Date,
    /// Where a GitHub job summary goes (`$GITHUB_STEP_SUMMARY`), for `--format github`.
    pub(crate) job_summary: Option<PathBuf>,
    pub(crate) row_files: RowFiles,
    /// Show progress on stderr (long panel runs on a terminal).
    pub(crate) progress: bool,
    /// The memory a panel check may use (`None`: half of what is available).
    pub(crate) memory: Option<u64>,
    /// Rows a part of a panel holds, whatever the memory (tests only).
    pub(crate) part_rows: Option<u64>,
    /// The table shows every check's working, consistent ones too.
    pub(crate) verbose: bool,
    /// The command line as typed (the HTML report says it).
    pub(crate) command_line: String,
    /// `--sarif-root`: what SARIF's paths are relative to, as a URI.
    pub(crate) sarif_root: Option<String>,
    /// `--sarif-help-uri`: where yoy's docs are published, ending with `/`.
    pub(crate) sarif_help: Option<String>,
    /// `--engine duckdb`: datasets checked inside DuckDB.
    pub(crate) on_duckdb: bool,
}

impl RunConfig {
    /// The run, as a report that says it (HTML) gives it.
    fn run_info(&self) -> report::html::Run {
        report::html::Run {
            command: self.command_line.clone(),
            date: self.today.to_string(),
        }
    }
}

/// Half the memory the system says is available now (Linux), else no limit.
fn default_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024 / 2)
}

/// How a run that could run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every claim holds (exit 0).
    Holds,
    /// A claim fails under `--fail-on` (exit 1).
    Fails,
}

fn outcome(total: &Summary, fail_on: FailOn) -> Outcome {
    let fails = total.inconsistent > 0
        || total.misrecorded > 0
        || (fail_on.unverifiable && total.unverifiable > 0)
        || (fail_on.questionable && total.questionable > 0)
        || (fail_on.not_encoded && total.not_encoded > 0);
    if fails {
        Outcome::Fails
    } else {
        Outcome::Holds
    }
}

pub fn run(config: &RunConfig, out: &mut dyn Write) -> Result<Outcome, Vec<Error>> {
    // Polars' set-up overlaps reading the specs.
    engine::warm_up();
    let one = |e: Error| vec![e];
    match &config.command {
        Command::Check {
            specs,
            fail_on,
            baseline,
            exit_zero,
            quiet,
            pick,
        } => {
            let paths = if specs.is_empty() {
                default_specs(Path::new(DEFAULT_SPEC_DIR)).map_err(one)?
            } else {
                specs.clone()
            };
            let mut loaded = load_all(&paths)?;
            let mut unpicked = Vec::new();
            for s in &mut loaded {
                let had = s.claims.len();
                s.claims.retain(|c| pick.keeps(c));
                if had > 0 && s.claims.is_empty() && s.datasets.is_empty() {
                    unpicked.push(Error::NothingSelected {
                        path: s.path.clone(),
                    });
                }
            }
            if !unpicked.is_empty() {
                return Err(unpicked);
            }
            let empty: Vec<Error> = loaded
                .iter()
                // A spec with a source checks its figures against it.
                .filter(|s| {
                    s.claims.is_empty() && s.datasets.is_empty() && s.report.source.is_none()
                })
                .map(|s| Error::NothingToCheck {
                    path: s.path.clone(),
                })
                .collect();
            if !empty.is_empty() {
                return Err(empty);
            }
            let inputs = inputs_of(&loaded);
            plan_outputs(config, &loaded, &inputs).map_err(one)?;
            // Read before any output is written: a run may update its own
            // baseline (`--baseline b.json --json b.json`).
            let known = baseline
                .as_ref()
                .map(|p| baseline::read(p))
                .transpose()
                .map_err(|e| one(e.into()))?;
            let checked = check_all(&loaded, config, &inputs).map_err(one)?;
            let mut total = Summary::default();
            for c in &checked {
                total.merge(c.summary);
            }
            let run = config.run_info();
            let sarif_root = config.sarif_root.clone();
            let view = CheckView {
                run: &run,
                sarif_root: sarif_root.as_deref(),
                sarif_help: config.sarif_help.as_deref(),
                width: terminal_width(),
                checked: &checked,
                unverifiable_fails: fail_on.unverifiable,
                questionable_fails: fail_on.questionable,
                not_encoded_fails: fail_on.not_encoded,
                verbose: config.verbose,
                color: config.color.for_stdout(),
            };
            for (format, path) in &config.files {
                let file_view = CheckView {
                    color: false,
                    ..view
                };
                output::write_file(path, &inputs, |w| {
                    report::render_check(*format, &file_view, w)
                })
                .map_err(|e| one(e.into()))?;
            }
            if !*quiet {
                report::render_check(config.format, &view, out).map_err(|e| one(e.into()))?;
            }
            if let (Format::Github, Some(path)) = (config.format, &config.job_summary) {
                output::append(path, &report::github::summary(&view)).map_err(|e| one(e.into()))?;
            }
            let result = match (baseline, known) {
                (Some(path), Some(known)) => {
                    let fails = |v: Verdict| match v {
                        Verdict::Inconsistent | Verdict::Misrecorded => true,
                        Verdict::Unverifiable => fail_on.unverifiable,
                        Verdict::Questionable => fail_on.questionable,
                        Verdict::NotEncoded => fail_on.not_encoded,
                        _ => false,
                    };
                    let unknown =
                        baseline::unknown_failures(&known, &baseline::of_checked(&checked), fails);
                    eprintln!(
                        "baseline {}: {unknown} failing finding(s) new or changed since it",
                        path.display()
                    );
                    Ok(if unknown > 0 {
                        Outcome::Fails
                    } else {
                        Outcome::Holds
                    })
                }
                _ => Ok(outcome(&total, *fail_on)),
            };
            if *exit_zero {
                return result.map(|_| Outcome::Holds);
            }
            result
        }
        Command::Diff { old, new } => {
            let (old_run, new_run) = (
                baseline::read(old).map_err(|e| one(e.into()))?,
                baseline::read(new).map_err(|e| one(e.into()))?,
            );
            report::diff::render(&baseline::diff(&old_run, &new_run), old, new, out)
                .map_err(|e| one(e.into()))?;
            Ok(Outcome::Holds)
        }
        Command::List { spec } => {
            for s in &load_all(std::slice::from_ref(spec))? {
                report::list::render(s, out).map_err(|e| one(e.into()))?;
            }
            Ok(Outcome::Holds)
        }
        Command::Print { text } => {
            out.write_all(text.as_bytes()).map_err(|e| one(e.into()))?;
            Ok(Outcome::Holds)
        }
        Command::Sql {
            spec,
            dialect,
            table,
            output,
        } => {
            let loaded = load_all(std::slice::from_ref(spec))?;
            let mut text = String::new();
            for s in &loaded {
                text.push_str(
                    &crate::sql::script(s, *dialect, table.as_deref())
                        .map_err(|e| one(e.into()))?,
                );
            }
            match output {
                Some(path) => {
                    let inputs = inputs_of(&loaded);
                    output::write_file(path, &inputs, |w| w.write_all(text.as_bytes()))
                        .map_err(|e| one(e.into()))?;
                }
                None => out.write_all(text.as_bytes()).map_err(|e| one(e.into()))?,
            }
            Ok(Outcome::Holds)
        }
        Command::Extract {
            source,
            lang,
            year,
            id,
            output,
        } => {
            let text = crate::source::read(source).map_err(|reason| {
                one(Error::SourceUnreadable {
                    path: source.clone(),
                    reason,
                })
            })?;
            let named = source.display().to_string();
            let req = crate::extract::Request {
                named: &named,
                text: &text,
                lang: lang.unwrap_or_else(|| crate::printed::Lang::guess(&text)),
                year: *year,
                id: id.as_deref(),
            };
            let draft = crate::extract::draft(&req);
            if draft.found.is_empty() {
                return Err(one(Error::NoFigures {
                    path: source.clone(),
                }));
            }
            let yaml = crate::extract::render(&req, &draft);
            eprintln!(
                "{}: {} figures on {} lines, {} candidate claims (commented out)",
                source.display(),
                draft.found.len(),
                draft.lines(),
                draft.candidates.len()
            );
            match output {
                Some(path) => {
                    let inputs = [output::Input {
                        path: source.clone(),
                        what: "the report's text",
                    }];
                    output::write_file(path, &inputs, |w| w.write_all(yaml.as_bytes()))
                        .map_err(|e| one(e.into()))?;
                }
                None => out.write_all(yaml.as_bytes()).map_err(|e| one(e.into()))?,
            }
            Ok(Outcome::Holds)
        }
        Command::Compare { spec } => {
            let loaded = load_all(std::slice::from_ref(spec))?;
            let inputs = inputs_of(&loaded);
            plan_outputs(config, &loaded, &inputs).map_err(one)?;
            let mut compared = Vec::new();
            for spec in &loaded {
                let mut series = engine::compare(spec).map_err(|e| one(e.into()))?;
                // A panel's series, first to last.
                for ds in &spec.datasets {
                    series
                        .spans
                        .extend(engine::panel::spans(ds).map_err(|e| one(e.into()))?);
                }
                compared.push(Compared {
                    spec: spec.path.display().to_string(),
                    report: meta(spec),
                    series,
                });
            }
            for (format, path) in &config.files {
                output::write_file(path, &inputs, |w| {
                    report::render_compare(*format, &compared, &config.run_info(), w)
                })
                .map_err(|e| one(e.into()))?;
            }
            report::render_compare(config.format, &compared, &config.run_info(), out)
                .map_err(|e| one(e.into()))?;
            Ok(Outcome::Holds)
        }
        Command::Explain {
            spec,
            claim,
            fail_on,
        } => {
            let loaded = load_all(std::slice::from_ref(spec))?;
            let checked = check_all(&loaded, config, &inputs_of(&loaded)).map_err(one)?;
            let Some(c) = checked.first() else {
                return Ok(Outcome::Holds);
            };
            let Some(claim) = claim else {
                report::explain::list(c, out).map_err(|e| one(e.into()))?;
                return Ok(Outcome::Holds);
            };
            // Any row of a panel, whatever its verdict: `dataset[key][year]`.
            let row = match (c.claims.iter().any(|f| &f.claim == claim), loaded.first()) {
                (false, Some(spec)) => panel_row(spec, claim).map_err(one)?,
                _ => None,
            };
            let Some(f) = c.claims.iter().find(|f| &f.claim == claim).or(row.as_ref()) else {
                let ids: Vec<&str> = c.claims.iter().map(|f| f.claim.as_str()).collect();
                return Err(one(Error::UnknownClaim {
                    spec: spec.clone(),
                    claim: claim.clone(),
                    suggestion: nearest(claim, ids.iter().copied()).map(str::to_string),
                }));
            };
            if config.format == Format::Json {
                report::json::explain(c, f, out).map_err(|e| one(e.into()))?;
            } else {
                report::explain::claim(&c.spec, f, out).map_err(|e| one(e.into()))?;
            }
            let mut s = Summary::default();
            s.add(f.verdict);
            Ok(outcome(&s, *fail_on))
        }
    }
}

/// Where a per-row file of one dataset goes: the path as given when the run has
/// one dataset, else with the dataset's id before the extension.
fn row_file(path: &Option<PathBuf>, dataset: &str, several: bool) -> Option<PathBuf> {
    let p = path.as_ref()?;
    if !several {
        return Some(p.clone());
    }
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = p
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    Some(p.with_file_name(format!("{stem}.{dataset}{ext}")))
}

/// The files a run reads, which no output may overwrite: the specs, their
/// datasets, and their source texts (as given, and from the spec's folder).
fn inputs_of(loaded: &[Spec]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for spec in loaded {
        inputs.push(Input {
            path: spec.path.clone(),
            what: "an input spec",
        });
        for ds in &spec.datasets {
            inputs.push(Input {
                path: ds.path.clone(),
                what: "a dataset",
            });
        }
        if let Some(source) = &spec.report.source {
            let beside = spec
                .path
                .parent()
                .map(|d| d.join(source))
                .unwrap_or_else(|| PathBuf::from(source));
            for path in [PathBuf::from(source), beside] {
                inputs.push(Input {
                    path,
                    what: "a report's source text",
                });
            }
        }
    }
    inputs
}

/// Every output of the run, checked before anything is read: no output is an
/// input, no two outputs (stdout among them) are the same file, and row files
/// are `.csv` or `.parquet`.
fn plan_outputs(config: &RunConfig, loaded: &[Spec], inputs: &[Input]) -> Result<(), Error> {
    let mut plan = vec![Planned {
        flag: "stdout".into(),
        path: PathBuf::from("-"),
    }];
    plan.extend(config.files.iter().map(|(format, path)| Planned {
        flag: format!("--{}", format.name()),
        path: path.clone(),
    }));
    let several = loaded.iter().map(|s| s.datasets.len()).sum::<usize>() > 1;
    for spec in loaded {
        for ds in &spec.datasets {
            for (flag, path) in [
                ("--rows", &config.row_files.all),
                ("--inconsistent-rows", &config.row_files.inconsistent),
            ] {
                if let Some(p) = row_file(path, &ds.id, several) {
                    output::check_row_file(&p)?;
                    plan.push(Planned {
                        flag: format!("{flag} (dataset `{}`)", ds.id),
                        path: p,
                    });
                }
            }
        }
    }
    Ok(output::check_plan(&plan, inputs)?)
}

/// Check every loaded spec (its claims and its datasets), with its waivers
/// applied as of the configured date.
fn check_all(loaded: &[Spec], config: &RunConfig, inputs: &[Input]) -> Result<Vec<Checked>, Error> {
    let several = loaded.iter().map(|s| s.datasets.len()).sum::<usize>() > 1;
    let bar = if config.progress {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    // The terminal table lists a few rows of a panel; any other output lists them all.
    let listed = if config.format == Format::Table && config.files.is_empty() {
        report::PANEL_ROWS_SHOWN
    } else {
        usize::MAX
    };
    // Outputs that point at a panel's rows in its file want their lines.
    let locate_rows = std::iter::once(config.format)
        .chain(config.files.iter().map(|(f, _)| *f))
        .any(Format::points_at_rows);
    let memory = config.memory.or_else(default_memory);
    let mut checked = Vec::new();
    for spec in loaded {
        let mut claims = engine::check(spec)?;
        for (finding, claim) in claims.iter_mut().zip(&spec.claims) {
            if let Some(w) = &claim.waiver {
                finding.waive(w, config.today);
            }
        }
        let mut one = Checked::new(
            spec.path.display().to_string(),
            meta(spec),
            claims,
            engine::compare(spec)?,
        );
        match crate::source::load(spec) {
            None => {}
            Some(Err(u)) => one.add_provenance(crate::provenance::unread(&u), Vec::new()),
            Some(Ok(src)) => {
                let (summary, misrecorded) = crate::provenance::check(spec, &src);
                one.add_provenance(summary, misrecorded);
                let (summary, not_encoded) = crate::coverage::check(spec, &src);
                one.add_coverage(summary, not_encoded);
            }
        }
        for ds in &spec.datasets {
            if config.on_duckdb {
                if config.row_files.all.is_some() || config.row_files.inconsistent.is_some() {
                    return Err(Error::Sql(crate::sql::SqlError::EngineUnavailable {
                        engine: "duckdb",
                        why: "it writes no row files: check locally for --rows and --inconsistent-rows".into(),
                    }));
                }
                bar.set_message(format!("{}: checking inside DuckDB", ds.id));
                let mut panel = crate::sql::engine::check(spec, ds, listed)?;
                if locate_rows {
                    engine::panel::locate(ds, &mut panel);
                }
                one.add_panel(panel);
                continue;
            }
            let all = row_file(&config.row_files.all, &ds.id, several);
            let inconsistent = row_file(&config.row_files.inconsistent, &ds.id, several);
            let options = engine::panel::PanelOptions {
                rows: all.as_deref(),
                inconsistent: inconsistent.as_deref(),
                inputs,
                listed,
                memory,
                part_rows: config.part_rows,
            };
            let mut panel = engine::panel::check(ds, &options, &mut |stage| {
                bar.set_message(format!("{}: {}", ds.id, report::progress(stage)))
            })?;
            if locate_rows {
                bar.set_message(format!("{}: finding the listed rows' lines", ds.id));
                engine::panel::locate(ds, &mut panel);
            }
            one.add_panel(panel);
        }
        checked.push(one);
    }
    bar.finish_and_clear();
    Ok(checked)
}

fn meta(spec: &Spec) -> ReportMeta {
    ReportMeta {
        id: spec.report.id.clone(),
        title: spec.report.title.clone(),
        year: spec.report.year,
        source: spec
            .report
            .source
            .clone()
            .or_else(|| spec.report.url.clone()),
        publisher: spec.report.publisher.clone(),
    }
}

/// Load every spec; report the problems of all of them, not only the first.
/// `-` is standard input; a folder, every spec in it (as `specs/` is by
/// default).
fn load_all(paths: &[PathBuf]) -> Result<Vec<Spec>, Vec<Error>> {
    let mut expanded = Vec::new();
    for p in paths {
        if p.is_dir() {
            expanded.extend(default_specs(p).map_err(|e| vec![e])?);
        } else {
            expanded.push(p.clone());
        }
    }
    let mut specs = Vec::new();
    let mut errors = Vec::new();
    for p in &expanded {
        let loaded = if p.as_os_str() == "-" {
            spec::load_stdin()
        } else {
            spec::load(p)
        };
        match loaded {
            Ok(s) => specs.push(s),
            Err(LoadError::Unreadable { path, reason }) => {
                errors.push(Error::SpecUnreadable { path, reason })
            }
            Err(LoadError::Invalid {
                source,
                diagnostics,
            }) => errors.push(Error::SpecInvalid {
                path: p.clone(),
                text: source,
                diagnostics,
            }),
        }
    }
    if errors.is_empty() {
        Ok(specs)
    } else {
        Err(errors)
    }
}

fn default_specs(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::SpecUnreadable {
        path: dir.to_path_buf(),
        reason: format!("{e}; run yoy from the project folder, or give a spec path"),
    })?;
    let mut specs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    specs.sort();
    if specs.is_empty() {
        return Err(Error::NoSpecs {
            dir: dir.to_path_buf(),
        });
    }
    Ok(specs)
}
