//! The command line: argument parsing and the non-interactive subcommands.

mod compare;
mod output;
mod report;

pub use compare::{AlignFormat, CompareFormat};

use crate::ingest;
use crate::model::Corpus;
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "Read coverage of one story from different national perspectives side by side"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Files and folders to open (default: the bundled corpus).
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: id, perspective, outlet, date, title.
    List {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one article's metadata and text.
    Show {
        /// The article id (see `list`).
        id: String,
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Also show what boilerplate removal dropped, and why.
        #[arg(long)]
        dropped: bool,
    },
    /// Load the files and print every warning, one per line.
    Check { paths: Vec<PathBuf> },
    /// List the stories: articles grouped by event (date window and shared names, places,
    /// figures and terms; a manifest `story` pins one).
    Stories {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = AlignFormat::Table)]
        format: AlignFormat,
    },
    /// For each block of an article, its best counterpart in every other article of its story.
    Align {
        /// The article id (see `list`).
        id: String,
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = AlignFormat::Table)]
        format: AlignFormat,
    },
    /// Write a comparison report: articles by perspective, aligned paragraphs, figures, quotes.
    Compare {
        /// A story id or the id of an article in it (default: every story of 2+ articles).
        #[arg(long)]
        story: Option<String>,
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = CompareFormat::Markdown)]
        format: CompareFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

/// The bundled seeds when no path is given, else the given files and folders.
pub fn load(paths: &[PathBuf]) -> Corpus {
    if paths.is_empty() {
        ingest::load_seeds()
    } else {
        ingest::load_paths(paths)
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => {
            let corpus = load(&cli.paths);
            output::print_list(&corpus, ListFormat::Table)
        }
        Some(Command::List { paths, format }) => output::print_list(&load(&paths), format),
        Some(Command::Show {
            id,
            paths,
            format,
            dropped,
        }) => output::print_show(&load(&paths), &id, format, dropped),
        Some(Command::Check { paths }) => output::print_check(&load(&paths)),
        Some(Command::Stories { paths, format }) => compare::print_stories(&load(&paths), format),
        Some(Command::Align { id, paths, format }) => {
            compare::print_align(&load(&paths), &id, format)
        }
        Some(Command::Compare {
            story,
            paths,
            format,
        }) => compare::print_compare(&load(&paths), story.as_deref(), format),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`parallax list | head`) is not an error worth a message.
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("parallax: {e}");
            }
            ExitCode::FAILURE
        }
    }
}
