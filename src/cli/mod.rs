//! The command line: argument parsing and the non-interactive subcommands.

mod output;
pub mod topics;

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
    /// The topics of each article (blocks tagged per topic); with --blocks, of each block.
    Topics {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = topics::TopicsFormat::Table)]
        format: topics::TopicsFormat,
        /// Also list every block with its topics and the matched terms.
        #[arg(long)]
        blocks: bool,
    },
    /// A story's coverage: topics × perspectives, with the gaps marked.
    Coverage {
        /// The story id (default: the story with the most perspectives).
        #[arg(long)]
        story: Option<String>,
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = topics::CoverageFormat::Table)]
        format: topics::CoverageFormat,
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
        Some(Command::Topics {
            paths,
            format,
            blocks,
        }) => topics::print_topics(&load(&paths), format, blocks),
        Some(Command::Coverage {
            story,
            paths,
            format,
        }) => topics::print_coverage(&load(&paths), story.as_deref(), format),
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
