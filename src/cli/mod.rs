//! The command line: argument parsing and the non-interactive subcommands.

mod compare;
mod config_cmd;
pub mod feeds;
mod output;
mod report;
mod store;
pub mod topics;

pub use compare::{AlignFormat, CompareFormat};

use crate::app::keymap::Keymap;
use crate::config::{self, Config};
use crate::ingest::{classify::Classifier, Ingestor};
use crate::model::Corpus;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
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
    /// Set, show or clear the note kept with an article (shown as ✎ in the reader). The id
    /// must be one of the loaded articles (the config's `paths`, or the PATHs after the note).
    Note {
        /// The article id or a unique prefix (see `list`).
        id: String,
        /// The note; without it (or with --print) the current note is printed.
        text: Option<String>,
        /// Files and folders the article is in (default: the config's `paths`, else the seeds).
        paths: Vec<PathBuf>,
        /// Remove the note.
        #[arg(long, conflicts_with_all = ["text", "print"])]
        clear: bool,
        /// Print the note; every argument after the id is then a PATH.
        #[arg(long)]
        print: bool,
    },
    /// Move an article to another perspective (saved with the reading state, marked "placed
    /// by you"); `--clear` gives it back to the rules.
    Place {
        /// The article id (see `list`).
        id: String,
        /// A perspective id: korean, japanese, wire, other, or one from the config.
        #[arg(required_unless_present = "clear")]
        perspective: Option<String>,
        /// Forget the choice.
        #[arg(long, conflicts_with = "perspective")]
        clear: bool,
    },
    /// The store (parse cache, cached stories, reading state): where it is and what it holds.
    Store {
        /// Path, schema version, sizes and counts (the default).
        #[arg(long)]
        info: bool,
        /// Give free space back to the file system.
        #[arg(long)]
        vacuum: bool,
        /// Forget every cached parse and story (the reading state stays); the next launch
        /// parses everything again.
        #[arg(long)]
        rebuild: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show the configuration.
    Config {
        /// Print a commented default config file.
        #[arg(long)]
        print_default: bool,
        /// Print the settings in force (defaults with the file over them) as TOML.
        #[arg(long)]
        effective: bool,
    },
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
    /// Subscriptions (kept in feeds.toml beside the config): add, remove, list, import, export.
    Feeds {
        #[command(subcommand)]
        action: Option<feeds::FeedsAction>,
        /// Print a sample of real Korean, Japanese and wire outlets' feeds (nothing is added
        /// or fetched).
        #[arg(long)]
        suggest: bool,
    },
    /// Fetch every subscribed feed (and the full text of teaser items); keep what is new.
    Fetch {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
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
    pub classifier: &'static Classifier,
    pub keymap: Keymap,
    /// The store, opened on first use and shared by everything after (see `store`).
    store: std::sync::OnceLock<Result<crate::store::Shared, String>>,
}

impl Session {
    pub fn new(config: Config) -> Result<Session, String> {
        // Every error names the config file it came from.
        let source = config.source.clone();
        Session::build(config).map_err(|e| match source {
            Some(path) if !e.starts_with(&path.display().to_string()) => {
                format!("{}: {e}", path.display())
            }
            _ => e,
        })
    }

    fn build(config: Config) -> Result<Session, String> {
        let perspectives =
            config.perspectives_toml(include_str!("../../assets/perspectives.toml"))?;
        let classifier = Classifier::build(
            &perspectives,
            crate::ingest::classify::SOURCES,
            &config.outlets,
        )
        .map_err(|e| match &config.source {
            Some(path) => format!("{}: perspectives: {e}", path.display()),
            None => format!("perspectives in config: {e}"),
        })?;
        let keymap = Keymap::with_overrides(&config.keys)?;
        if !config.topic.is_empty() {
            let mut user = toml::Table::new();
            user.insert(
                "topic".into(),
                toml::Value::Array(
                    config
                        .topic
                        .iter()
                        .cloned()
                        .map(toml::Value::Table)
                        .collect(),
                ),
            );
            let user = toml::to_string(&user).map_err(|e| e.to_string())?;
            let lexicon = crate::analysis::topics::Lexicon::with_overrides(&user)
                .map_err(|e| format!("topics in config: {e}"))?;
            crate::analysis::topics::Lexicon::install(lexicon);
        }
        // The cache must not serve parses or stories made under other rules.
        crate::ingest::cache::set_config_fingerprint(&format!(
            "{perspectives}\0{:?}\0{:?}",
            config.outlets, config.topic
        ));
        // The user's names join the gloss tables when (if) those load.
        crate::analysis::gloss::Glossary::install_user_names(config.names.clone());
        // The reader's views look perspectives up by id: they must see the user's too.
        let classifier = Classifier::install(classifier);
        Ok(Session {
            config,
            classifier,
            keymap,
            store: std::sync::OnceLock::new(),
        })
    }

    /// The paths to open: the given ones, else the config's plus the fetched articles
    /// (empty: the bundled seeds).
    pub fn paths(&self, given: &[PathBuf]) -> Vec<PathBuf> {
        if given.is_empty() {
            default_paths(&self.config.expanded_paths())
        } else {
            given.to_vec()
        }
    }

    /// The given paths, else the default corpus: the config's paths and the fetched
    /// articles, or the bundled seeds when there are neither.
    pub fn load(&self, paths: &[PathBuf]) -> Corpus {
        self.load_as(paths, true)
    }

    /// As `load`; `stories: false` skips clustering and duplicates (what `check` needs).
    pub fn load_as(&self, paths: &[PathBuf], stories: bool) -> Corpus {
        load_with_stories(self.classifier, &self.paths(paths), stories, &self.store())
    }

    /// The reader's corpus, loaded on its worker thread (see `tui::run_loading`).
    pub fn loader(&self, given: &[PathBuf]) -> crate::tui::Loader {
        let paths = self.paths(given);
        let classifier = self.classifier;
        let store = self.store();
        Box::new(move |progress, front| {
            load_corpus(
                classifier,
                &paths,
                Wanted::Reader,
                &store,
                Some((progress, front)),
            )
        })
    }

    /// The store at its default place, opened once per session; an error (no home, a
    /// store from a newer version) is worded for the user and repeated to every caller.
    pub fn store(&self) -> Result<crate::store::Shared, String> {
        self.store
            .get_or_init(|| crate::store::Store::open_default().map(crate::store::Shared::new))
            .clone()
    }

    /// The saved reading state (empty, with a warning, without a store).
    pub fn reading(&self) -> crate::state::Loaded {
        match self.store() {
            Ok(store) => {
                crate::state::load_from(&mut store.lock(), crate::state::legacy_path().as_deref())
            }
            Err(e) => crate::state::unloaded(&e),
        }
    }

    /// How the reader runs: keys, colour, reading state, and live reload of opened folders.
    pub fn reader_options(&self, given: &[PathBuf]) -> crate::tui::Options {
        let paths = self.paths(given);
        let classifier = self.classifier;
        let reload_paths = paths.clone();
        // The default corpus is looked up again on each reload: a first fetch (`R`) brings
        // the fetched folder into it.
        let default_corpus = given.is_empty();
        let config_paths = self.config.expanded_paths();
        let store = self.store();
        let reload_store = store.clone();
        crate::tui::Options {
            keymap: self.keymap.clone(),
            color: self.config.theme.use_color(),
            store: store.map_err(|e| format!("{e}; reading state not loaded")),
            reload: (default_corpus || !paths.is_empty()).then(|| {
                Box::new(move || {
                    let now = if default_corpus {
                        default_paths(&config_paths)
                    } else {
                        reload_paths.clone()
                    };
                    load_corpus(classifier, &now, Wanted::Reader, &reload_store, None)
                }) as Box<dyn Fn() -> Corpus>
            }),
            watch: paths,
            fetch: feeds::background_fetcher(self),
        }
    }
}

/// The config's paths plus the fetched articles' folder when it holds any.
fn default_paths(config_paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut paths = config_paths.to_vec();
    paths.extend(
        crate::sources::keep::default_fetched_dir()
            .filter(|dir| crate::sources::keep::has_articles(dir)),
    );
    paths
}

/// `parallax note`: the note lives in the reading state, keyed by article id.
fn note(
    session: &Session,
    corpus: &Corpus,
    id: &str,
    text: Option<String>,
    clear: bool,
) -> std::io::Result<ExitCode> {
    let store = match session.store() {
        Ok(store) => store,
        Err(e) => {
            crate::text::sanitize::eprint_line(&format!("parallax: {e}"));
            return Ok(ExitCode::FAILURE);
        }
    };
    let loaded = session.reading();
    if let Some(warning) = &loaded.warning {
        crate::text::sanitize::eprint_line(&format!("parallax: {warning}"));
    }
    let before = loaded.state;
    let mut state = before.clone();
    if let Some(moved) = state.adopt(corpus) {
        crate::text::sanitize::eprint_line(&format!("parallax: {moved}"));
    }
    if text.is_none() && !clear {
        return Ok(match state.get(id).note {
            Some(note) => {
                let _ = writeln!(crate::text::sanitize::stdout(), "{note}");
                ExitCode::SUCCESS
            }
            None => {
                crate::text::sanitize::eprint_line(&format!("parallax: no note for \"{id}\""));
                ExitCode::FAILURE
            }
        });
    }
    let note = text.map(|t| crate::text::sanitize::clean_line(&t));
    state.update(id, |s| s.note = note);
    crate::state::save_to(&mut store.lock(), &before, &state).map_err(std::io::Error::other)?;
    Ok(ExitCode::SUCCESS)
}

/// `parallax place`: the choice lives in the reading state, keyed by article id.
fn place(
    session: &Session,
    id: &str,
    perspective: Option<String>,
    clear: bool,
) -> std::io::Result<ExitCode> {
    let store = match session.store() {
        Ok(store) => store,
        Err(e) => {
            crate::text::sanitize::eprint_line(&format!("parallax: {e}"));
            return Ok(ExitCode::FAILURE);
        }
    };
    let chosen = match perspective {
        Some(p) if session.classifier.perspective(&p).is_none() => {
            let known: Vec<&str> = session
                .classifier
                .perspectives
                .iter()
                .map(|p| p.id.as_str())
                .collect();
            crate::text::sanitize::eprint_line(&format!(
                "parallax: unknown perspective \"{}\" (known: {})",
                crate::text::sanitize::clean_line(&p),
                known.join(", ")
            ));
            return Ok(ExitCode::from(2));
        }
        p => p.filter(|_| !clear),
    };
    let corpus = session.load(&session.paths(&[]));
    // A unique prefix names its article, as for `note`; an unknown id is kept as given.
    let id = match corpus.resolve(id) {
        Ok(index) => corpus.articles[index].id.clone(),
        Err(why) if why.contains("ambiguous") => {
            crate::text::sanitize::eprint_line(&format!("parallax: {why}"));
            return Ok(ExitCode::from(2));
        }
        Err(_) => {
            crate::text::sanitize::eprint_line(&format!("parallax: choice kept, but no article \"{id}\" is in the default corpus (check the id with `parallax list`)"));
            id.to_string()
        }
    };
    let loaded = session.reading();
    if let Some(warning) = &loaded.warning {
        crate::text::sanitize::eprint_line(&format!("parallax: {warning}"));
    }
    let mut state = loaded.state.clone();
    state.update(&id, |s| s.perspective = chosen);
    crate::state::save_to(&mut store.lock(), &loaded.state, &state)
        .map_err(std::io::Error::other)?;
    Ok(ExitCode::SUCCESS)
}

/// The bundled seeds when no path is given, else the given files and folders, under the
/// active rules (the embedded ones unless a config was installed), with the default store.
pub fn load(paths: &[PathBuf]) -> Corpus {
    let store = crate::store::Store::open_default().map(crate::store::Shared::new);
    load_with_stories(Classifier::active(), paths, true, &store)
}

/// The bundled seeds when no path is given, else the given files and folders, under the
/// rules of `classifier`, with the session's store (`Err`: loaded without it, saying why).
pub fn load_with_stories(
    classifier: &'static Classifier,
    paths: &[PathBuf],
    stories: bool,
    store: &Result<crate::store::Shared, String>,
) -> Corpus {
    let wanted = match stories {
        true => Wanted::Stories,
        false => Wanted::Articles,
    };
    load_corpus(classifier, paths, wanted, store, None)
}

/// Whether the reader can run: it needs a terminal on both ends (piped or redirected, the
/// bare command prints the list instead).
fn reader_can_start() -> bool {
    use std::io::IsTerminal;
    #[allow(clippy::disallowed_methods)] // only asks whether it is a terminal
    let interactive = std::io::stdout().is_terminal();
    interactive && std::io::stdin().is_terminal()
}

/// How much of the corpus a command needs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wanted {
    /// The articles without their text and no stories: `list`, `check`.
    Articles,
    /// The articles with their text, and the stories.
    Stories,
    /// The stories, and the text only where it must be read to make them: the reader reads
    /// each story's text when it opens it (`ingest::texts`).
    Reader,
}

/// Where the reader's loader hands over the story read last (`None`: none to show).
type FrontHandoff<'a> = &'a dyn Fn(Option<Corpus>);

/// The story in front when the reader was last closed, when it is still true for these
/// paths (`ingest::front`); never for the bundled corpus, which loads at once anyway.
fn front_story(
    paths: &[PathBuf],
    store: &Result<crate::store::Shared, String>,
    choices: &std::collections::HashMap<String, String>,
) -> Option<Corpus> {
    let store = store.as_ref().ok().filter(|_| !paths.is_empty())?;
    let saved = store.lock().front_story().ok().flatten()?;
    crate::ingest::front::FrontStory::from_json(&saved)?.still_true(paths, choices)
}

/// `load_with_stories`, telling `progress` (files read, files in all) as it goes and
/// handing the story read last to `front` first, when it is still true (the reader).
fn load_corpus(
    classifier: &'static Classifier,
    paths: &[PathBuf],
    wanted: Wanted,
    store: &Result<crate::store::Shared, String>,
    reader: Option<(crate::ingest::Progress, FrontHandoff)>,
) -> Corpus {
    let progress = reader.map(|(progress, _)| progress);
    // The reader's own placements (`parallax place`, `P`) win over every rule, and train the
    // inference of the articles nothing placed.
    let choices = match store {
        Ok(store) => {
            crate::state::load_from(&mut store.lock(), crate::state::legacy_path().as_deref())
                .state
                .placements()
        }
        Err(_) => Default::default(),
    };
    if let Some((_, front)) = reader {
        front(front_story(paths, store, &choices));
    }
    let ingestor = Ingestor {
        classifier,
        stories: wanted != Wanted::Articles,
        texts: wanted == Wanted::Stories,
        choices: Some(&choices),
        progress,
        ..Ingestor::default()
    };
    let mut corpus = if paths.is_empty() {
        ingestor.load_seeds()
    } else {
        // The store makes a launch cost what changed; without one, everything is parsed.
        match store {
            Ok(store) => ingestor.load_paths_cached(paths, Some(store)),
            Err(e) => {
                let mut corpus = ingestor.load_paths(paths);
                corpus.warnings.push(crate::model::LoadWarning {
                    file: "store".into(),
                    message: crate::text::sanitize::clean_line(&format!(
                        "{e}; loading without the cache"
                    )),
                });
                corpus
            }
        }
    };
    // Feeds whose last fetch failed are named among the warnings (the reader's `!`).
    corpus.warnings.extend(feeds::fetch_warnings(paths));
    corpus
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Config {
        print_default,
        effective,
    }) = &cli.command
    {
        if *effective {
            let shown = config::load(cli.config.as_deref()).and_then(|c| config_cmd::effective(&c));
            return match shown {
                Ok(text) => {
                    let _ = write!(crate::text::sanitize::stdout(), "{text}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    crate::text::sanitize::eprint_line(&format!("parallax: {e}"));
                    ExitCode::from(2)
                }
            };
        }
        if *print_default {
            let _ = write!(
                crate::text::sanitize::stdout(),
                "{}",
                config::DEFAULT_CONFIG
            );
        } else {
            let mut out = crate::text::sanitize::stdout();
            let _ = writeln!(out, "{}", config_cmd::describe_file(cli.config.as_deref()));
            let _ = writeln!(
                out,
                "(`parallax config --effective` prints the settings in force; \
                 `--print-default` a commented default file)"
            );
        }
        return ExitCode::SUCCESS;
    }
    if cli.command.is_none() && reader_can_start() {
        crate::tui::prepare();
    }
    let session = match config::load(cli.config.as_deref()).and_then(Session::new) {
        Ok(session) => session,
        Err(e) => {
            crate::text::sanitize::eprint_line(&format!("parallax: {e}"));
            return ExitCode::from(2);
        }
    };
    // Every command opens the same corpus as the reader: the given paths, else the config's
    // `paths`, else the seeds; a path that does not exist is an error naming it.
    let exists = |paths: &[PathBuf]| -> Result<(), ExitCode> {
        match paths.iter().find(|p| !p.exists()) {
            Some(missing) => {
                crate::text::sanitize::eprint_line(&format!(
                    "parallax: {}: no such file or folder",
                    missing.display()
                ));
                Err(ExitCode::from(2))
            }
            None => Ok(()),
        }
    };
    // A command's corpus lives until the process ends: leaked, so exiting does not spend a
    // tenth of a warm launch freeing 10,000 articles one string at a time.
    let load = |given: &[PathBuf], stories: bool| -> Result<&'static Corpus, ExitCode> {
        let paths = session.paths(given);
        exists(&paths)?;
        Ok(Box::leak(Box::new(session.load_as(&paths, stories))))
    };
    macro_rules! corpus {
        ($paths:expr) => {
            corpus!($paths, true)
        };
        ($paths:expr, $stories:expr) => {
            match load($paths, $stories) {
                Ok(corpus) => corpus,
                Err(code) => return code,
            }
        };
    }
    let result = match cli.command {
        None => {
            // The reader needs a terminal; piped or redirected, print the list instead.
            if reader_can_start() {
                if let Err(code) = exists(&session.paths(&cli.paths)) {
                    return code;
                }
                // The first frame comes at once; the corpus loads on a worker thread.
                let loader = session.loader(&cli.paths);
                return match crate::tui::run_loading(loader, session.reader_options(&cli.paths)) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(e) => {
                        crate::text::sanitize::eprint_line(&format!("parallax: {e}"));
                        ExitCode::FAILURE
                    }
                };
            }
            let corpus = corpus!(&cli.paths, false);
            output::print_list(corpus, ListFormat::Table, &|| session.reading().state)
        }
        Some(Command::List { paths, format }) => {
            // The table names no story: only the JSON (`story_shown`, `duplicate_of`) needs them.
            let corpus = corpus!(&paths, format == ListFormat::Json);
            output::print_list(corpus, format, &|| session.reading().state)
        }
        Some(Command::Show {
            id,
            paths,
            format,
            dropped,
        }) => output::print_show(corpus!(&paths), &id, format, dropped, &|| {
            session.reading().state
        }),
        // Warnings only: no stories, no duplicates; a missing path is reported among the
        // other warnings rather than stopping.
        Some(Command::Check { paths }) => {
            output::print_check(&session.load_as(&session.paths(&paths), false))
        }
        // Answered before the config was loaded, so a broken config can still be replaced.
        Some(Command::Config { .. }) => Ok(ExitCode::SUCCESS),
        Some(Command::Store {
            info: _,
            vacuum,
            rebuild,
            format,
        }) => store::run(vacuum, rebuild, format),
        Some(Command::Note {
            id,
            text,
            mut paths,
            clear,
            print,
        }) => {
            // With --print there is no note text: what clap took for it is a path.
            let text = match (print, text) {
                (true, Some(first)) => {
                    paths.insert(0, PathBuf::from(first));
                    None
                }
                (_, text) => text,
            };
            let corpus = corpus!(&paths);
            // A unique prefix names its article; an id that is not loaded is refused.
            let id = match corpus.resolve(&id) {
                Ok(index) => corpus.articles[index].id.clone(),
                Err(why) => {
                    crate::text::sanitize::eprint_line(&format!(
                        "parallax: {why} (check the id with `parallax list`; give the PATH the article is in)"
                    ));
                    return ExitCode::from(2);
                }
            };
            note(&session, corpus, &id, text, clear)
        }
        Some(Command::Place {
            id,
            perspective,
            clear,
        }) => place(&session, &id, perspective, clear),
        Some(Command::Topics {
            paths,
            format,
            blocks,
        }) => topics::print_topics(corpus!(&paths), format, blocks),
        Some(Command::Coverage {
            story,
            paths,
            format,
        }) => topics::print_coverage(corpus!(&paths), story.as_deref(), format),
        Some(Command::Stories { paths, format }) => compare::print_stories(corpus!(&paths), format),
        Some(Command::Align { id, paths, format }) => {
            compare::print_align(corpus!(&paths), &id, format)
        }
        Some(Command::Compare {
            story,
            paths,
            format,
        }) => compare::print_compare(corpus!(&paths), story.as_deref(), format),
        Some(Command::Feeds { action, suggest }) => feeds::run_feeds(&session, action, suggest),
        Some(Command::Fetch { format }) => feeds::run_fetch(&session, format),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`parallax list | head`) is not an error worth a message.
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                crate::text::sanitize::eprint_line(&format!("parallax: {e}"));
            }
            ExitCode::FAILURE
        }
    }
}
