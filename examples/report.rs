//! Writes the report (HTML with charts, and its tables as Markdown) for the embedded Limburg data
//! or a user's folder.
//!
//! Run with `cargo run --features report --example report` (see `--help`).

use std::path::PathBuf;
use std::process::ExitCode;
use workforce_gap::csv_input::Loader;
use workforce_gap::report::{Language, Report};

const HELP: &str = "\
report: one self-contained HTML file a board can read (the impact chart, staff per sector,
the tornado of assumptions, the gap year by year, the tables, the audit against the
published figures and the source of every parameter), and the same tables as Markdown.

Usage: cargo run --features report --example report -- [OPTIONS] [FOLDER] [OUTPUT.html]

Without a folder it reports on the embedded Noord- en Midden-Limburg data. The Markdown is
written next to the HTML, with the extension .md; both paths are printed. Default output:
target/report/<region>.html

Options:
  --lang nl|en            Dutch labels and numbers (default) or English
  --dialect canonical|dutch-excel|detect   how the folder's files are written
  -h, --help              this text";

fn main() -> ExitCode {
    let mut language = Language::Dutch;
    let mut loader = Loader::new();
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--lang" => match args.next().as_deref() {
                Some("nl") => language = Language::Dutch,
                Some("en") => language = Language::English,
                other => return usage(&format!("--lang takes nl or en, not {other:?}")),
            },
            "--dialect" => match args.next().as_deref().and_then(Loader::named) {
                Some(named) => loader = named,
                None => return usage("--dialect takes canonical, dutch-excel or detect"),
            },
            flag if flag.starts_with('-') => return usage(&format!("unknown option {flag:?}")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    let (folder, output) = match paths.as_slice() {
        [] => (None, None),
        [one] if one.extension().is_some_and(|e| e == "html") => (None, Some(one.clone())),
        [folder] => (Some(folder.clone()), None),
        [folder, output] => (Some(folder.clone()), Some(output.clone())),
        _ => return usage("give at most a folder and an output file"),
    };
    match run(&loader, folder, output, language) {
        Ok(paths) => {
            for path in paths {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("report: {error}");
            ExitCode::FAILURE
        }
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("report: {message}\n\n{HELP}");
    ExitCode::from(2)
}

fn run(
    loader: &Loader,
    folder: Option<PathBuf>,
    output: Option<PathBuf>,
    language: Language,
) -> Result<[PathBuf; 2], workforce_gap::Error> {
    let model = match &folder {
        None => workforce_gap::limburg()?,
        Some(dir) => {
            let loaded = loader.load_dir(dir)?;
            eprint!("{}", workforce_gap::render::findings_text(&loaded.findings));
            loaded.model
        }
    };
    let report = Report::new(&model, language)?;
    let output = output.unwrap_or_else(|| {
        let name: String = model
            .region
            .name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        PathBuf::from("target/report").join(format!("{name}.html"))
    });
    let io = |path: &PathBuf| {
        let path = path.clone();
        move |source| workforce_gap::Error::Io { path, source }
    };
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io(&dir.to_path_buf()))?;
    }
    std::fs::write(&output, report.html()).map_err(io(&output))?;
    let markdown = output.with_extension("md");
    std::fs::write(&markdown, report.markdown()).map_err(io(&markdown))?;
    Ok([output, markdown])
}
