//! The command line: argument parsing and the non-interactive subcommands.

mod output;

use crate::config::{self, Config};
use crate::ingest::{classify::Classifier, Ingestor};
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
    /// Read this config file instead of ~/.config/parallax/config.toml.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
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
    /// Show the configuration.
    Config {
        /// Print a commented default config file.
        #[arg(long)]
        print_default: bool,
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

/// What every command needs: the user's config and the rules it yields.
pub struct Session {
    pub config: Config,
    pub classifier: Classifier,
}

impl Session {
    pub fn new(config: Config) -> Result<Session, String> {
        let perspectives =
            config.perspectives_toml(include_str!("../../assets/perspectives.toml"))?;
        let classifier = Classifier::from_toml(&perspectives)
            .map_err(|e| format!("perspectives in config: {e}"))?;
        Ok(Session { config, classifier })
    }

    /// The given paths; else the config's paths; else the bundled seeds.
    pub fn load(&self, paths: &[PathBuf]) -> Corpus {
        let ingestor = Ingestor {
            classifier: &self.classifier,
            ..Ingestor::default()
        };
        let configured = self.config.expanded_paths();
        let paths = if paths.is_empty() {
            &configured[..]
        } else {
            paths
        };
        if paths.is_empty() {
            ingestor.load_seeds()
        } else {
            ingestor.load_paths(paths)
        }
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Config { print_default }) = &cli.command {
        let path = config::default_path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        if *print_default {
            print!("{}", config::DEFAULT_CONFIG);
        } else {
            println!(
                "config file: {}",
                cli.config
                    .as_ref()
                    .map(|p| p.display().to_string())
                    .unwrap_or(path)
            );
            println!("(run `parallax config --print-default` for a commented default file)");
        }
        return ExitCode::SUCCESS;
    }
    let session = match config::load(cli.config.as_deref()).and_then(Session::new) {
        Ok(session) => session,
        Err(e) => {
            eprintln!("parallax: {e}");
            return ExitCode::from(2);
        }
    };
    let load = |paths: &[PathBuf]| session.load(paths);
    let result = match cli.command {
        None => {
            let corpus = load(&cli.paths);
            // The reader needs a terminal; piped or redirected, print the list instead.
            use std::io::IsTerminal;
            if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
                return match crate::tui::run(corpus) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        eprintln!("parallax: {e}");
                        ExitCode::FAILURE
                    }
                };
            }
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
        // Answered before the config was loaded, so a broken config can still be replaced.
        Some(Command::Config { .. }) => Ok(ExitCode::SUCCESS),
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
