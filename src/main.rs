//! The `factdesk` command line: parse arguments, call the library, map the
//! outcome to an exit code (0 answered / clean, 1 not answered / problems
//! found, 2 error).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use factdesk::config::Config;
use factdesk::dataset::{Dataset, LoadError};
use factdesk::lines::Lines;
use factdesk::search::Scope;
use factdesk::{console, eval, explain, export, review, unanswered, Engine, Status};

/// A reply makes dozens of small, short-lived allocations; mimalloc serves
/// them faster than the system allocator (see benches/matching.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `println!` to stdout that ends quietly when the reader is gone.
macro_rules! outln {
    ($($arg:tt)*) => { emit(format_args!("{}\n", format_args!($($arg)*))) };
}

/// `print!` to stdout that ends quietly when the reader is gone.
macro_rules! out {
    ($($arg:tt)*) => { emit(format_args!($($arg)*)) };
}

/// Answers questions about Russia's recognition of the Taliban government
/// from a curated, cited dataset.
#[derive(Parser)]
#[command(name = "factdesk", version)]
struct Cli {
    /// Folder with the dataset (default: data_dir from the config, else ./data).
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Settings file (default: config/factdesk.toml if it exists).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ask anything; `-` reads one question per line from stdin (JSON lines out).
    Ask(AskArgs),
    /// When did an event happen (searches the timeline).
    When(AskArgs),
    /// Who is a person or organisation, by name or role.
    Who(AskArgs),
    /// An interactive console that behaves like the Discord channel.
    Chat,
    /// Check the dataset: exit 0 clean, 1 problems found, 2 could not read.
    Check,
    /// Print the whole validated dataset.
    Export {
        /// As one JSON document (the only format).
        #[arg(long, required = true)]
        json: bool,
    },
    /// Measure answer quality on a labeled question file.
    Eval {
        /// Tab-separated `command expected question` lines (see tests/eval/).
        file: PathBuf,
    },
    /// Fit the calibrated decision on labeled question files and write it.
    Calibrate {
        /// Labeled files (as for eval): the tuning half and development
        /// sets, never the held-out or blind sets.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Where to write the model (default: calibration.toml beside the config).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Group the logged unanswered questions for curators.
    Review {
        /// The log (default: [unanswered] path from the config).
        #[arg(long, value_name = "FILE")]
        log: Option<PathBuf>,
        /// Only questions logged on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Print the groups as one JSON document.
        #[arg(long)]
        json: bool,
    },
    /// Run the Discord bot (token from the DISCORD_TOKEN environment variable).
    #[cfg(feature = "discord")]
    Serve,
}

#[derive(clap::Args)]
struct AskArgs {
    /// The question, or `-` to read questions from stdin. Flags may come
    /// before or after it; to ask something that starts with a dash, put
    /// `--` first: `factdesk ask -- -5 degrees in kabul?`.
    #[arg(required = true, num_args = 1..)]
    question: Vec<String>,
    /// Print the reply as one JSON object.
    #[arg(long)]
    json: bool,
    /// Also show why: the matched phrasing, how each word matched, the runner-up.
    #[arg(long)]
    explain: bool,
}

/// Fits the decision on `files`, writes it to `out` and prints what the
/// curator needs: the examples used, the weights, the suggested threshold.
fn calibrate(engine: &Engine, files: &[PathBuf], out: &Path) -> Result<ExitCode, String> {
    let mut examples = Vec::new();
    let mut names = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let cases = eval::parse(&file.display().to_string(), &text).map_err(|e| e.join("\n"))?;
        examples.extend(eval::examples(engine, &cases));
        names.push(file.display().to_string());
    }
    let model = factdesk::decision::fit(&examples);
    let right = examples.iter().filter(|e| e.right).count();
    let threshold = factdesk::decision::fit::best_threshold(&model, &examples);
    let header = [
        format!("Fitted on {}.", names.join(", ")),
        format!(
            "{} questions with a candidate, {} of them with the right top candidate.",
            examples.len(),
            right
        ),
        format!(
            "Answer threshold that fitted best there: {threshold:.2} (set [matching] {}).",
            if engine.has_semantic() {
                "answer_with_encoder"
            } else {
                "answer"
            }
        ),
    ];
    std::fs::write(out, model.render(&header)).map_err(|e| format!("{}: {e}", out.display()))?;
    outln!("wrote {}", out.display());
    for line in &header {
        outln!("{line}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout. When the reader has gone (a closed pipe, as with
/// `factdesk ask ... | head -1`) nobody is left to read the rest: factdesk
/// stops quietly, as Unix tools do, instead of panicking.
fn emit(args: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    if let Err(e) = std::io::stdout().lock().write_fmt(args) {
        reader_gone(e);
    }
}

/// Ends the process for a failed write to stdout: quietly with success when
/// the reader closed the pipe, else with the error and exit code 2.
fn reader_gone(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    eprintln!("factdesk: cannot write to stdout: {e}");
    std::process::exit(2);
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("factdesk: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    let config = Config::load_or_default(cli.config.as_deref())?;
    let data_dir = cli.data.clone().unwrap_or_else(|| config.data_dir.clone());
    match cli.command {
        Command::Ask(a) => ask(&load_engine(&data_dir, &config)?, Scope::All, a),
        Command::When(a) => ask(&load_engine(&data_dir, &config)?, Scope::Timeline, a),
        Command::Who(a) => ask(&load_engine(&data_dir, &config)?, Scope::People, a),
        Command::Chat => {
            let (engine, notice) = load_engine_noting(&data_dir, &config)?;
            eprintln!("factdesk: {notice}");
            let log = config.unanswered.log();
            let stdin = std::io::stdin();
            let prompt = stdin.is_terminal();
            console::run(
                &engine,
                log.as_ref(),
                stdin.lock(),
                std::io::stdout().lock(),
                prompt,
            )
            .map_err(|e| format!("cannot write to the terminal: {e}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check => Ok(check(&data_dir)),
        Command::Export { .. } => {
            let dataset = load(&data_dir)?;
            let json = serde_json::to_string_pretty(&export::to_json(&dataset))
                .map_err(|e| e.to_string())?;
            outln!("{json}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { file } => {
            let engine = load_engine(&data_dir, &config)?;
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let cases =
                eval::parse(&file.display().to_string(), &text).map_err(|e| e.join("\n"))?;
            out!("{}", eval::run(&engine, &cases).render());
            Ok(ExitCode::SUCCESS)
        }
        Command::Calibrate { files, out } => {
            let mut engine = load_engine(&data_dir, &config)?;
            // The encoder's calibration is fitted on every question read
            // with it, the lexically sure ones included.
            engine.encoder_always();
            let out = out.unwrap_or_else(|| {
                cli.config
                    .as_deref()
                    .unwrap_or(Path::new(factdesk::config::DEFAULT_PATH))
                    .with_file_name(if engine.has_semantic() {
                        factdesk::decision::model::SEMANTIC_FILE_NAME
                    } else {
                        factdesk::decision::model::FILE_NAME
                    })
            });
            calibrate(&engine, &files, &out)
        }
        Command::Review { log, since, json } => {
            let engine = load_engine(&data_dir, &config)?;
            let path = log.unwrap_or_else(|| config.unanswered.path.clone());
            if let Some(day) = &since {
                factdesk::dataset::Date::parse(day)
                    .ok()
                    .filter(|d| d.precision() == "day")
                    .ok_or_else(|| format!("--since {day:?}: write a day as YYYY-MM-DD"))?;
            }
            let mut review = review::Review::new(&engine, since.as_deref());
            let mut problems = Vec::new();
            unanswered::stream(
                &path,
                |record| review.add(&record),
                |problem| {
                    eprintln!("factdesk: {problem}");
                    if problems.len() < MAX_REPORTED {
                        problems.push(problem);
                    }
                },
            )?;
            let ungrouped = review.ungrouped;
            if ungrouped > 0 {
                eprintln!(
                    "factdesk: {ungrouped} more questions were like none of the first {} groups and are not shown",
                    review::MAX_GROUPS
                );
            }
            let groups = review.finish();
            if json {
                outln!(
                    "{}",
                    serde_json::json!({
                        "log": path,
                        "groups": groups,
                        "ungrouped": ungrouped,
                        "skipped_lines": problems,
                    })
                );
            } else {
                out!("{}", review::text(&groups));
            }
            Ok(ExitCode::SUCCESS)
        }
        #[cfg(feature = "discord")]
        Command::Serve => {
            let mut config = config;
            config.data_dir = data_dir;
            factdesk::discord::serve(config)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Broken log lines listed in `review --json` (all are printed on stderr).
const MAX_REPORTED: usize = 1000;

fn load(dir: &Path) -> Result<Dataset, String> {
    Dataset::load(dir).map_err(|e| {
        format!(
            "{e}\nrun `factdesk check --data {}` for details",
            dir.display()
        )
    })
}

/// Returns the engine, with the sentence encoder when its model is there,
/// and the line saying how it matches.
fn load_engine_noting(dir: &Path, config: &Config) -> Result<(Engine, String), String> {
    factdesk::setup::engine(load(dir)?, config)
}

fn load_engine(dir: &Path, config: &Config) -> Result<Engine, String> {
    load_engine_noting(dir, config).map(|(engine, _)| engine)
}

fn check(dir: &Path) -> ExitCode {
    match Dataset::load(dir) {
        Ok(d) => {
            let asked: usize = d.entries().map(|e| e.asked().len()).sum();
            outln!(
                "{}: ok ({} sources, {} Q&A, {} events, {} people, {} synonym groups, {} questions asked and {} the articles do not answer; as of {})",
                dir.display(),
                d.sources.len(),
                d.qa.len(),
                d.events.len(),
                d.people.len(),
                d.synonyms.len(),
                asked,
                d.unanswered.len(),
                d.as_of.iso()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(match e {
                LoadError::Unreadable(_) => 2,
                LoadError::Invalid(_) => 1,
            })
        }
    }
}

fn ask(engine: &Engine, scope: Scope, args: AskArgs) -> Result<ExitCode, String> {
    if args.question == ["-"] {
        return batch(engine, scope);
    }
    let question = args.question.join(" ");
    let reply = engine.reply(scope, &question);
    let why = args
        .explain
        .then(|| explain::explain(engine, scope, &question));
    if args.json {
        let mut json = reply.to_json();
        if let Some(why) = why {
            json["explain"] = serde_json::Value::String(why.text());
        }
        outln!("{json}");
    } else {
        outln!("{}", reply.text());
        if let Some(why) = why {
            outln!("\n{}", why.text());
        }
    }
    Ok(if reply.status() == Status::Answered {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The longest line `ask -` reads as a question (longer ones are reported).
const MAX_BATCH_LINE: usize = 64 * 1024;

/// `ask -`: one JSON reply per stdin line. A line that is not UTF-8 or is
/// far too long is reported (on stderr, and as an `error` object in its
/// place on stdout) and the batch goes on.
///
/// Returns exit code 0, or 2 when some line could not be read.
fn batch(engine: &Engine, scope: Scope) -> Result<ExitCode, String> {
    let mut out = std::io::stdout().lock();
    let mut lines = Lines::new(std::io::stdin().lock(), MAX_BATCH_LINE);
    let mut bad = 0;
    while let Some((n, line)) = lines
        .next_line()
        .map_err(|e| format!("cannot read stdin: {e}"))?
    {
        let json = match line {
            Ok(question) => engine.reply(scope, &question).to_json(),
            Err(why) => {
                bad += 1;
                eprintln!("factdesk: stdin:{n}: {why}; skipped this line");
                serde_json::json!({ "line": n, "error": why.to_string() })
            }
        };
        if let Err(e) = writeln!(out, "{json}") {
            reader_gone(e);
        }
    }
    Ok(if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
