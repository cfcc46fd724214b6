/*!
Command-line arguments (clap) and their validation into a run
configuration. Nothing here touches documents.
*/

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::batch::Format;
use crate::calendar::Date;
use crate::error::ConfigError;
use crate::input::InputSource;
use crate::lexicon::Lexicons;

const ABOUT: &str = "Reads Arabic news articles about outages of digital services and writes one \
structured incident record (JSON Lines, schema 1) per document.";

const AFTER: &str = "\
Inputs are .txt, .html/.htm and .jsonl files or directories (walked recursively, sorted).
With no input, or '-', JSON Lines are read from standard input: {\"id\", \"text\"|\"html\",
\"url\", \"published\"} per line.

Exit status: 0 all documents processed, 1 some documents got an error record,
2 usage or configuration error (a bad lexicon is reported as file:line: message).

Examples:
  rasd corpus/articles/                       # records on stdout
  rasd extract --format pretty article.html
  rasd eval --gold corpus/gold.jsonl corpus/articles/
  rasd lexicons check my-lexicons/";

#[derive(Debug, Parser)]
#[command(name = "rasd", version, about = ABOUT, after_help = AFTER)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract incident records (the default command).
    Extract(ExtractArgs),
    /// Score records against gold annotations (gold.md).
    Eval(EvalArgs),
    /// Show how a text is read: sentences, mentions and cue words.
    Explain {
        /// A .txt file, or - for standard input.
        file: PathBuf,
        /// Use the lexicons in DIR instead of the embedded ones.
        #[arg(long, value_name = "DIR")]
        lexicons: Option<PathBuf>,
    },
    /// Work with lexicon directories.
    #[command(subcommand)]
    Lexicons(LexiconsCommand),
    /// Generate a synthetic corpus from the bundled one (for benchmarks).
    #[command(subcommand)]
    Corpus(CorpusCommand),
    /// Measure throughput (MB/s, documents/s) and peak memory on a generated
    /// corpus, for text and HTML, at 1 and 2 threads.
    Bench(BenchArgs),
}

#[derive(Debug, Subcommand)]
pub enum CorpusCommand {
    /// Write a deterministic corpus of about SIZE megabytes.
    Generate {
        /// Where to write: a .jsonl file, or a directory for --shape txt|html.
        out: PathBuf,
        /// Megabytes to write.
        #[arg(long, default_value_t = 100)]
        size: u64,
        /// jsonl-text, jsonl-html, txt (files) or html (files).
        #[arg(long, value_enum, default_value_t = ShapeArg::JsonlText)]
        shape: ShapeArg,
        /// Seed of the generator (the same seed gives the same bytes).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The articles to recombine.
        #[arg(long, default_value = "corpus/articles")]
        from: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ShapeArg {
    JsonlText,
    JsonlHtml,
    Txt,
    Html,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Megabytes of each generated corpus (text and HTML).
    #[arg(long, default_value_t = 50)]
    pub size: u64,
    /// Thread counts to measure.
    #[arg(long, value_delimiter = ',', default_value = "1,2")]
    pub threads: Vec<usize>,
    /// The articles to recombine.
    #[arg(long, default_value = "corpus/articles")]
    pub from: PathBuf,
    /// Keep the generated corpora in DIR (default: a temporary directory).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Only measure this input kind.
    #[arg(long, value_enum)]
    pub only: Option<BenchInput>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchInput {
    Text,
    Html,
}

#[derive(Debug, Subcommand)]
pub enum LexiconsCommand {
    /// Validate a lexicon directory; print every problem as file:line: message.
    Check {
        /// The directory (files it lacks fall back to the embedded ones).
        dir: PathBuf,
    },
    /// Write the embedded lexicons into a directory, to edit them.
    Export {
        /// The directory to create or fill.
        dir: PathBuf,
    },
}

/// Options shared by extract and eval.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Input files or directories; none or '-' reads JSON Lines from stdin.
    pub inputs: Vec<PathBuf>,

    /// Use the lexicons in DIR instead of the embedded ones (file by file).
    #[arg(long, value_name = "DIR")]
    pub lexicons: Option<PathBuf>,

    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,

    /// Reference date (YYYY-MM-DD) for documents that carry no publication date.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub published: Option<Date>,

    /// Documents larger than this many bytes get a too_large error.
    #[arg(long, value_name = "BYTES", default_value_t = 20_000_000)]
    pub max_bytes: u64,

    /// No progress or summary on stderr.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub run: RunArgs,

    /// Output format: jsonl (lossless), csv (one row per incident), pretty.
    #[arg(long, value_enum, default_value_t = FormatArg::Jsonl)]
    pub format: FormatArg,

    /// Also emit every mention the annotators found.
    #[arg(long)]
    pub mentions: bool,

    /// Also emit the document text that spans point into.
    #[arg(long)]
    pub text: bool,

    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Print a machine-readable statistics line on stderr at the end
    /// (documents, bytes, seconds, peak memory).
    #[arg(long)]
    pub stats: bool,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    pub run: RunArgs,

    /// The gold annotations (JSON Lines, gold.md).
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,

    /// Score these records (JSON Lines from rasd extract) instead of running
    /// on INPUTS.
    #[arg(long, value_name = "FILE")]
    pub records: Option<PathBuf>,

    /// Give the system the gold publication dates as input metadata.
    #[arg(long)]
    pub gold_published: bool,

    /// List each document's differences from the gold.
    #[arg(long)]
    pub show: bool,

    /// Print the scores as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Jsonl,
    Csv,
    Pretty,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Csv => Format::Csv,
            FormatArg::Pretty => Format::Pretty,
        }
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse_iso(s)
        .filter(|_| s.len() == 10)
        .ok_or_else(|| format!("{s:?} is not a date (YYYY-MM-DD)"))
}

/// A validated run configuration.
pub struct RunConfig {
    pub sources: Vec<InputSource>,
    pub lexicons: Lexicons,
    pub pool: rayon::ThreadPool,
    pub max_bytes: u64,
    pub published: Option<Date>,
    pub quiet: bool,
}

impl RunArgs {
    pub fn into_config(self) -> Result<RunConfig, ConfigError> {
        let lexicons = match &self.lexicons {
            Some(dir) => Lexicons::load(dir)?,
            None => Lexicons::embedded()?,
        };
        let threads = match self.threads {
            Some(0) => {
                return Err(ConfigError::Usage(
                    "--threads must be at least 1".to_string(),
                ));
            }
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| ConfigError::Usage(format!("cannot start {threads} threads: {e}")))?;
        let mut sources: Vec<InputSource> = self
            .inputs
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    InputSource::Stdin
                } else {
                    InputSource::Path(p.clone())
                }
            })
            .collect();
        if sources.is_empty() {
            sources.push(InputSource::Stdin);
        }
        Ok(RunConfig {
            sources,
            lexicons,
            pool,
            max_bytes: self.max_bytes,
            published: self.published,
            quiet: self.quiet,
        })
    }
}

/// The subcommand names, for making `extract` the default.
pub const COMMANDS: &[&str] = &[
    "extract", "eval", "explain", "lexicons", "corpus", "bench", "help",
];
