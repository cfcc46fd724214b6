//! The `rasd` binary: arguments → configuration → pipeline → exit status
//! (0 ok, 1 some documents failed, 2 usage or configuration error).

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use clap::Parser;

// Many small allocations per document, from every worker thread: mimalloc is
// faster than the system allocator and keeps threads from contending.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use rasd::batch::{self, Chunking, Format, Job};
use rasd::cli::{
    BenchArgs, BenchInput, COMMANDS, Cli, Command, CorpusCommand, EvalArgs, ExtractArgs,
    LexiconsCommand, ShapeArg,
};
use rasd::error::ConfigError;
use rasd::eval;
use rasd::input::{Documents, RawDoc};
use rasd::lexicon::{FILES, Lexicons};
use rasd::pipeline::{Options, Pipeline};

fn main() -> ExitCode {
    let mut args: Vec<OsString> = std::env::args_os().collect();
    // `rasd FILES...` means `rasd extract FILES...`.
    let first = args.get(1).and_then(|a| a.to_str()).unwrap_or("");
    let is_global_flag = matches!(first, "-h" | "--help" | "-V" | "--version");
    if !COMMANDS.contains(&first) && !is_global_flag {
        args.insert(1, OsString::from("extract"));
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Extract(a) => extract(a),
        Command::Eval(a) => evaluate(a),
        Command::Explain { file, lexicons } => explain(&file, lexicons.as_deref()),
        Command::Corpus(CorpusCommand::Generate {
            out,
            size,
            shape,
            seed,
            from,
        }) => generate(&out, size, shape, seed, &from),
        Command::Bench(b) => bench(b),
        Command::Lexicons(LexiconsCommand::Check { dir }) => check(&dir),
        Command::Lexicons(LexiconsCommand::Export { dir }) => export(&dir),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("rasd: {}", e.to_string().replace('\n', "\nrasd: "));
            ExitCode::from(2)
        }
    }
}

fn extract(a: ExtractArgs) -> Result<ExitCode, ConfigError> {
    let format: Format = a.format.into();
    let opts = Options {
        mentions: a.mentions,
        text: a.text,
        published: a.run.published,
    };
    let cfg = a.run.into_config()?;
    let pipeline = Pipeline::new(&cfg.lexicons);
    let docs = Documents::new(&cfg.sources, cfg.max_bytes);
    let mut out: Box<dyn Write> = match &a.output {
        Some(p) => Box::new(BufWriter::new(File::create(p).map_err(|error| {
            ConfigError::Io {
                path: p.display().to_string(),
                error,
            }
        })?)),
        None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    };
    let job = Job {
        pipeline: &pipeline,
        opts: &opts,
        format,
        pool: &cfg.pool,
        chunking: Chunking::default(),
        progress: !cfg.quiet,
    };
    let summary = batch::run(&job, docs, &mut out, |_| {}).map_err(|error| ConfigError::Io {
        path: "output".to_string(),
        error,
    })?;
    drop(out);
    if summary.broken_pipe {
        return Ok(ExitCode::SUCCESS);
    }
    if !cfg.quiet {
        eprintln!(
            "rasd: {} documents, {} incidents, {} errors, {:.2} s",
            summary.documents, summary.incidents, summary.errors, summary.seconds
        );
    }
    if a.stats {
        eprintln!(
            "{}",
            rasd::bench::stats_line(summary.documents, summary.bytes, summary.seconds)
        );
    }
    Ok(if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn evaluate(a: EvalArgs) -> Result<ExitCode, ConfigError> {
    let gold_text = std::fs::read_to_string(&a.gold).map_err(|error| ConfigError::Io {
        path: a.gold.display().to_string(),
        error,
    })?;
    let gold =
        eval::read_gold(&gold_text, &a.gold.display().to_string()).map_err(ConfigError::Usage)?;
    let records: Vec<eval::SysDoc> = if let Some(path) = &a.records {
        return score_records_file(path, &gold, &a);
    } else {
        let opts = Options {
            mentions: false,
            text: false,
            published: a.run.published,
        };
        let gold_published: std::collections::HashMap<String, String> = if a.gold_published {
            gold.iter()
                .filter_map(|g| g.published.clone().map(|p| (g.id.clone(), p)))
                .collect()
        } else {
            Default::default()
        };
        let cfg = a.run.into_config()?;
        let pipeline = Pipeline::new(&cfg.lexicons);
        let docs = Documents::new(&cfg.sources, cfg.max_bytes).map(|mut d: RawDoc| {
            if d.published.is_none()
                && let Some(p) = gold_published.get(&d.id)
            {
                d.published = Some(p.clone());
            }
            d
        });
        let mut kept = Vec::new();
        let job = Job {
            pipeline: &pipeline,
            opts: &opts,
            format: Format::Jsonl,
            pool: &cfg.pool,
            chunking: Chunking::default(),
            progress: false,
        };
        batch::run(&job, docs, &mut io::sink(), |r| {
            kept.push(eval::SysDoc::from_record(r))
        })
        .map_err(|error| ConfigError::Io {
            path: "records".to_string(),
            error,
        })?;
        kept
    };
    report(&eval::score(&gold, &records), a.show, a.json);
    Ok(ExitCode::SUCCESS)
}

fn score_records_file(
    path: &std::path::Path,
    gold: &[eval::Gold],
    a: &EvalArgs,
) -> Result<ExitCode, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Io {
        path: path.display().to_string(),
        error,
    })?;
    let mut records = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| ConfigError::Usage(format!("{}:{}: {e}", path.display(), i + 1)))?;
        let r = eval::SysDoc::from_json(&v).ok_or_else(|| {
            ConfigError::Usage(format!(
                "{}:{}: not a rasd record (schema 1)",
                path.display(),
                i + 1
            ))
        })?;
        records.push(r);
    }
    report(&eval::score(gold, &records), a.show, a.json);
    Ok(ExitCode::SUCCESS)
}

fn report(scores: &eval::Scores, show: bool, json: bool) {
    if json {
        println!("{}", scores.json());
        return;
    }
    if show {
        for (id, diffs) in &scores.differences {
            println!("{id}");
            for d in diffs {
                println!("    {d}");
            }
        }
        println!();
    }
    println!("{}", scores.table());
}

fn explain(
    file: &std::path::Path,
    lexicons: Option<&std::path::Path>,
) -> Result<ExitCode, ConfigError> {
    let lex = match lexicons {
        Some(d) => Lexicons::load(d)?,
        None => Lexicons::embedded()?,
    };
    let text = if file.as_os_str() == "-" {
        let mut s = String::new();
        io::Read::read_to_string(&mut io::stdin(), &mut s).map_err(|error| ConfigError::Io {
            path: "stdin".to_string(),
            error,
        })?;
        s
    } else {
        std::fs::read_to_string(file).map_err(|error| ConfigError::Io {
            path: file.display().to_string(),
            error,
        })?
    };
    print!("{}", Pipeline::new(&lex).explain(&text));
    Ok(ExitCode::SUCCESS)
}

fn generate(
    out: &std::path::Path,
    size: u64,
    shape: ShapeArg,
    seed: u64,
    from: &std::path::Path,
) -> Result<ExitCode, ConfigError> {
    use rasd::synth::Shape;
    let io_err = |path: &std::path::Path| {
        let path = path.display().to_string();
        move |error| ConfigError::Io { path, error }
    };
    let sources = rasd::synth::load_sources(from).map_err(io_err(from))?;
    let shape = match shape {
        ShapeArg::JsonlText => Shape::TextJsonl,
        ShapeArg::JsonlHtml => Shape::HtmlJsonl,
        ShapeArg::Txt => Shape::TextFiles,
        ShapeArg::Html => Shape::HtmlFiles,
    };
    let (docs, bytes) = match shape {
        Shape::TextJsonl | Shape::HtmlJsonl => {
            let mut w = BufWriter::new(File::create(out).map_err(io_err(out))?);
            rasd::synth::generate(&sources, shape, size * 1_000_000, seed, &mut w, None)
        }
        _ => rasd::synth::generate(
            &sources,
            shape,
            size * 1_000_000,
            seed,
            &mut io::sink(),
            Some(out),
        ),
    }
    .map_err(io_err(out))?;
    eprintln!(
        "rasd: wrote {docs} documents, {:.1} MB, to {}",
        bytes as f64 / 1e6,
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn bench(b: BenchArgs) -> Result<ExitCode, ConfigError> {
    use rasd::synth::Shape;
    let exe = std::env::current_exe().map_err(|error| ConfigError::Io {
        path: "rasd".to_string(),
        error,
    })?;
    let temp;
    let dir = match &b.dir {
        Some(d) => d.clone(),
        None => {
            temp = std::env::temp_dir().join(format!("rasd-bench-{}", std::process::id()));
            temp.clone()
        }
    };
    let mut inputs = Vec::new();
    if b.only != Some(BenchInput::Html) {
        inputs.push(("text", Shape::TextJsonl));
    }
    if b.only != Some(BenchInput::Text) {
        inputs.push(("html", Shape::HtmlJsonl));
    }
    let result = rasd::bench::run(&exe, &b.from, &dir, b.size, &b.threads, &inputs);
    if b.dir.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    let measures = result.map_err(|error| ConfigError::Io {
        path: dir.display().to_string(),
        error,
    })?;
    print!("{}", rasd::bench::table(&measures));
    Ok(ExitCode::SUCCESS)
}

fn check(dir: &std::path::Path) -> Result<ExitCode, ConfigError> {
    let lex = Lexicons::load(dir)?;
    for ((name, n), shown) in lex.summary().into_iter().zip(&lex.sources) {
        println!("{name:<22} {n:>6} entries  {shown}");
    }
    println!("ok");
    Ok(ExitCode::SUCCESS)
}

fn export(dir: &std::path::Path) -> Result<ExitCode, ConfigError> {
    let io_err = |error| ConfigError::Io {
        path: dir.display().to_string(),
        error,
    };
    std::fs::create_dir_all(dir).map_err(io_err)?;
    for (name, content) in FILES {
        let path = dir.join(name);
        std::fs::write(&path, content).map_err(|error| ConfigError::Io {
            path: path.display().to_string(),
            error,
        })?;
    }
    println!("wrote {} lexicon files to {}", FILES.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}
