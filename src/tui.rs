//! The terminal side: set up and always restore the terminal, read events, turn them into
//! actions, and draw only when `update` says something changed.

use crate::app::keymap::Keymap;
use crate::app::{update, Action, AppState, Effect};
use crate::model::Corpus;
use crate::state::ReadingState;
use crate::view::Screen;
use crate::watch::FolderWatcher;
use crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyCode, KeyEventKind, KeyModifiers,
    MouseButton, MouseEventKind,
};
use crossterm::execute;
use std::io::stdout;
use std::path::PathBuf;
use std::time::Duration;

/// Lines one wheel notch scrolls.
const WHEEL_LINES: i32 = 3;

/// What the reader needs besides the corpus: keys, colour, where reading state lives, and,
/// for live folders, what to watch and how to load again.
pub struct Options {
    pub keymap: Keymap,
    pub color: bool,
    /// The store holding the reading state (shared with the session's loads); an error
    /// keeps marks and positions for this session only and is shown once.
    pub store: Result<crate::store::Shared, String>,
    /// Folders and files to watch; empty for the bundled corpus.
    pub watch: Vec<PathBuf>,
    /// Loads the corpus again after a change in a watched folder.
    pub reload: Option<Box<dyn Fn() -> Corpus>>,
    /// Fetches the subscribed feeds (`R`), reporting feeds done of the total; returns a
    /// one-line summary. Run on a worker thread.
    pub fetch: Option<Fetcher>,
}

/// The feed fetch the reader runs in the background.
pub type Fetcher = std::sync::Arc<dyn Fn(&(dyn Fn(usize, usize) + Sync)) -> String + Send + Sync>;

/// Loads the corpus on the loading worker thread, reporting (files done, files in all). It
/// first hands over the story read last (`ingest::front`) when it is still true, else
/// `None`; with a story, the call returns once the reader shows it (the reader's two cores
/// go to the story in front before the rest of the corpus).
pub type Loader =
    Box<dyn FnOnce(crate::ingest::Progress, &dyn Fn(Option<Corpus>)) -> Corpus + Send>;

/// What the loading worker tells the loop.
enum LoadNews {
    Progress(usize, usize),
    /// The story read last, alone, while the rest loads (`None`: there is none to show).
    Front(Option<Box<Corpus>>),
    Done(Box<Corpus>),
}

/// What the fetch worker tells the loop.
enum FetchNews {
    Progress(usize, usize),
    Done(String),
}

impl Default for Options {
    fn default() -> Self {
        Options {
            keymap: Keymap::embedded().clone(),
            color: true,
            store: Err(String::new()),
            watch: Vec::new(),
            reload: None,
            fetch: None,
        }
    }
}

/// Run the reader until the user quits. The terminal is restored on every way out: normal
/// return, error (below) and panic (ratatui's hook, wrapped to release the mouse too).
pub fn run(corpus: Corpus, options: Options) -> anyhow::Result<()> {
    run_with(corpus, None, options)
}

/// What the reader needs before it can show its first story, made ready on a thread of its
/// own: call it as soon as the reader is known to start, before the config is read. The
/// story read last is aligned as soon as it comes (tens of milliseconds after launch), and
/// alignment needs the WordNet senses, which take about 40 ms to index.
pub fn prepare() {
    std::thread::spawn(|| {
        crate::analysis::paraphrase::Senses::embedded();
    });
}

/// Run the reader at once on an empty screen with a progress line while `loader` reads the
/// corpus on a worker thread; the reader opens the article read last when it arrives.
pub fn run_loading(loader: Loader, options: Options) -> anyhow::Result<()> {
    let empty = Corpus::new(Vec::new(), Vec::new(), &Default::default());
    run_with(empty, Some(loader), options)
}

#[allow(clippy::disallowed_methods)] // terminal control codes, not text
fn run_with(corpus: Corpus, loader: Option<Loader>, options: Options) -> anyhow::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    let result = execute!(stdout(), EnableMouseCapture)
        .map_err(anyhow::Error::from)
        .and_then(|()| event_loop(&mut terminal, corpus, loader, &options));
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    mut corpus: Corpus,
    loader: Option<Loader>,
    options: &Options,
) -> anyhow::Result<()> {
    let size = terminal.size()?;
    let loaded = match &options.store {
        Ok(store) => {
            let l =
                crate::state::load_from(&mut store.lock(), crate::state::legacy_path().as_deref());
            (l.state, l.warning)
        }
        // No store at all (tests, no home): nothing to say.
        Err(e) if e.is_empty() => (ReadingState::default(), None),
        Err(e) => (ReadingState::default(), Some(e.clone())),
    };
    let (mut reading, mut message) = loaded;
    // What the store held as this session saw it: a save writes only what changed since.
    let mut saved = reading.clone();
    if let Some(moved) = adopt_ids(&mut reading, &mut saved, &corpus, options) {
        message = Some(moved);
    }
    // The article in front when the reader was closed last: it opens first.
    let last_article = options
        .store
        .as_ref()
        .ok()
        .and_then(|store| store.lock().last_article().ok().flatten());
    // Started once the reading state is read (the worker holds the store while it loads):
    // it reads the files while the first frame is drawn.
    let mut loading = loader.map(spawn_load);
    let mut state = AppState::new(&corpus, options.keymap.clone(), size.width, size.height)
        .with_reading(&corpus, reading);
    if loading.is_some() {
        state.loading = Some(crate::app::loading::Loading::default());
    }
    if message.is_some() {
        state.message = message;
    }
    draw(terminal, &state, &corpus, options.color)?;
    // Watching a big tree takes a while (tens of milliseconds for a few dozen folders): it is
    // set up on a thread of its own once the story read last is on screen (or is known not
    // to come), so it holds up neither. Files that change meanwhile are still seen by the
    // loader's stat of each file.
    let watch_paths = match (&options.reload, options.watch.is_empty()) {
        (Some(_), false) => Some(options.watch.clone()),
        _ => None,
    };
    let start_watch = |paths: Option<Vec<PathBuf>>| {
        paths.map(|paths| std::thread::spawn(move || FolderWatcher::new(&paths)))
    };
    let (mut watch_paths, mut watch_setup) = match loading {
        Some(_) => (watch_paths, None),
        None => (None, start_watch(watch_paths)),
    };
    // Set when the story read last has been put on screen: the loader waits for the word.
    let mut front_drawn = false;
    // Until the loader has said whether the story read last comes first.
    let mut front_pending = loading.is_some();
    let mut watcher: Option<FolderWatcher> = None;
    if state.message.is_some() {
        draw(terminal, &state, &corpus, options.color)?;
    }
    // Debug builds only: lets the end-to-end test prove a panic still restores the terminal.
    #[cfg(debug_assertions)]
    if std::env::var_os("PARALLAX_TEST_PANIC").is_some() {
        panic!("PARALLAX_TEST_PANIC is set");
    }
    let mut fetching: Option<std::sync::mpsc::Receiver<FetchNews>> = None;
    while state.running {
        let mut changed = false;
        // With a watcher, a fetch or the load running, wake up now and then to look; else
        // block. Loading looks often: its result is what the reader is waiting for.
        // The story read last comes within milliseconds: until it has, look every one.
        let ready = if loading.is_some() {
            let wait = if front_pending { 1 } else { 10 };
            event::poll(Duration::from_millis(wait))?
        } else if watcher.is_some() || fetching.is_some() || watch_setup.is_some() {
            event::poll(Duration::from_millis(200))?
        } else {
            true
        };
        if ready {
            // Take one event, then whatever else is already waiting (a fast wheel or a held
            // key), so a burst costs one frame.
            let mut next = Some(event::read()?);
            while let Some(event) = next.take() {
                if let Some(action) = action_for(&state.keymap, state.text_input(), &event) {
                    if matches!(action, Action::SearchAll) {
                        state = texts_to_search(terminal, state, &mut corpus, options)?;
                    }
                    changed |= update(&mut state, &corpus, action);
                    // Before the next key of a burst scrolls a story laid out without text.
                    state = bring_texts(state, &mut corpus, &options.store, Texts::OpenStory);
                }
                if state.running && event::poll(Duration::ZERO)? {
                    next = Some(event::read()?);
                }
            }
        }
        if watch_setup
            .as_ref()
            .is_some_and(|setup| setup.is_finished())
        {
            if let Some(setup) = watch_setup.take() {
                match setup.join() {
                    Ok(Ok(w)) => watcher = Some(w),
                    Ok(Err(e)) => {
                        state.message = Some(format!("live reload off: {e}"));
                        changed = true;
                    }
                    Err(_) => {
                        state.message = Some("live reload off: the folder watch failed".into());
                        changed = true;
                    }
                }
            }
        }
        // Not while the worker still loads: a reload then read everything a second time on
        // this thread, and the worker's older corpus replaced it when it came. The changes
        // wait in the watcher and are taken once the load is done.
        if let (Some(w), Some(reload), None) = (watcher.as_mut(), options.reload.as_ref(), &loading)
        {
            if w.changed() {
                let fresh = reload();
                state = state.reloaded(&corpus, &fresh);
                corpus = fresh;
                changed = true;
            }
        }
        if let Some(worker) = &loading {
            let mut done = None;
            let mut front = None;
            while let Ok(item) = worker.news.try_recv() {
                match item {
                    LoadNews::Progress(done, total) => {
                        changed |=
                            update(&mut state, &corpus, Action::LoadProgress { done, total });
                    }
                    LoadNews::Front(Some(story)) => {
                        front_pending = false;
                        front = Some(*story);
                    }
                    LoadNews::Front(None) => {
                        front_pending = false;
                        watch_setup = start_watch(watch_paths.take());
                    }
                    LoadNews::Done(fresh) => {
                        front_pending = false;
                        done = Some(*fresh);
                    }
                }
            }
            if let (Some(story), None) = (front, &done) {
                state = state.front_loaded(&corpus, &story, last_article.as_deref());
                corpus = story;
                changed = true;
                front_drawn = true;
            }
            if let Some(fresh) = done {
                loading = None;
                if watch_setup.is_none() {
                    watch_setup = start_watch(watch_paths.take());
                }
                let mut reading = std::mem::take(&mut state.reading);
                let moved = adopt_ids(&mut reading, &mut saved, &fresh, options);
                state.reading = reading;
                state = state.completed(&corpus, &fresh, last_article.as_deref());
                corpus = fresh;
                // A search of every article opened meanwhile searches the whole corpus now.
                if matches!(state.overlay(), Some(crate::app::Overlay::SearchAll { .. })) {
                    state = texts_to_search(terminal, state, &mut corpus, options)?;
                }
                state.message = moved;
                changed = true;
            }
        }
        if let Some(news) = &fetching {
            let mut done = None;
            while let Ok(item) = news.try_recv() {
                match item {
                    FetchNews::Progress(n, total) => {
                        state.message = Some(format!("fetching: {n}/{total} feeds…"));
                    }
                    FetchNews::Done(summary) => done = Some(summary),
                }
                changed = true;
            }
            if let Some(summary) = done {
                fetching = None;
                // New articles join through the reload path, which keeps the reader's place.
                if let Some(reload) = options.reload.as_ref() {
                    let fresh = reload();
                    state = state.reloaded(&corpus, &fresh);
                    corpus = fresh;
                }
                state.message = Some(summary);
            }
        }
        // A corpus that came or came again shows its open story with the text.
        state = bring_texts(state, &mut corpus, &options.store, Texts::OpenStory);
        for effect in std::mem::take(&mut state.effects) {
            match effect {
                Effect::Fetch => {
                    state.message = Some(match (&fetching, &options.fetch) {
                        (Some(_), _) => "a fetch is already running".to_string(),
                        (None, None) => "no feeds to fetch here".to_string(),
                        (None, Some(fetcher)) => {
                            fetching = Some(spawn_fetch(fetcher.clone()));
                            "fetching the subscribed feeds…".to_string()
                        }
                    });
                    changed = true;
                }
                Effect::OpenUrl(url) => {
                    state.message = Some(match crate::open::open_url(Some(&url)) {
                        Ok(done) => done,
                        Err(e) => e,
                    });
                    changed = true;
                }
                Effect::EditNote { id, note } => {
                    match edit_in_editor(terminal, &note) {
                        Ok(text) => {
                            state.set_note(&id, &text);
                            if let Ok(store) = &options.store {
                                match crate::state::save_to(
                                    &mut store.lock(),
                                    &saved,
                                    &state.reading,
                                ) {
                                    Ok(()) => saved = state.reading.clone(),
                                    Err(e) => {
                                        state.message =
                                            Some(format!("could not save reading state: {e}"))
                                    }
                                }
                            }
                            state.effects.clear();
                        }
                        Err(e) => state.message = Some(e),
                    }
                    changed = true;
                }
                Effect::Suspend => {
                    if let Err(e) = suspend(terminal) {
                        state.message = Some(e);
                    }
                    changed = true;
                }
                Effect::SaveState => {
                    if let Ok(store) = &options.store {
                        match crate::state::save_to(&mut store.lock(), &saved, &state.reading) {
                            Ok(()) => saved = state.reading.clone(),
                            Err(e) => {
                                state.message = Some(format!("could not save reading state: {e}"));
                                changed = true;
                            }
                        }
                    }
                }
            }
        }
        if changed && state.running {
            draw(terminal, &state, &corpus, options.color)?;
        }
        if std::mem::take(&mut front_drawn) {
            // The story read last is on screen: the rest may load, the folders be watched.
            if let Some(worker) = &loading {
                let _ = worker.shown.send(());
            }
            watch_setup = start_watch(watch_paths.take());
        }
    }
    if let (Ok(store), None) = (&options.store, &loading) {
        if let Some(id) = state.front_article(&corpus) {
            // Only a convenience for the next launch: a failed write is not worth a word.
            let _ = store.lock().set_last_article(id);
        }
        let front = crate::ingest::front::FrontStory::of(
            &corpus,
            state.story,
            &options.watch,
            &state.reading.placements(),
        );
        let json = front.and_then(|f| f.to_json()).unwrap_or_default();
        let _ = store.lock().set_front_story(&json);
    }
    Ok(())
}

/// Which articles' text `bring_texts` reads.
enum Texts {
    OpenStory,
    All,
}

/// Searching every article needs every text: read those still in the store, with a word on
/// screen first (seconds at 100,000 articles).
fn texts_to_search(
    terminal: &mut ratatui::DefaultTerminal,
    mut state: AppState,
    corpus: &mut Corpus,
    options: &Options,
) -> std::io::Result<AppState> {
    if corpus.texts_away.none() {
        return Ok(state);
    }
    let shown = state.message.take();
    state.message = Some("reading every article's text to search it…".into());
    draw(terminal, &state, corpus, options.color)?;
    let mut state = bring_texts(state, corpus, &options.store, Texts::All);
    state.message = shown;
    Ok(state)
}

/// The reader loads the articles without their text (`ingest::texts`): read in what is
/// wanted that is still in the store, and lay the open story out again with it.
fn bring_texts(
    state: AppState,
    corpus: &mut Corpus,
    store: &Result<crate::store::Shared, String>,
    wanted: Texts,
) -> AppState {
    if corpus.texts_away.away.is_empty() {
        return state;
    }
    let articles: Vec<usize> = match wanted {
        Texts::All => (0..corpus.articles.len()).collect(),
        Texts::OpenStory => match corpus.stories.get(state.story) {
            Some(story) => corpus.story_members(story),
            None => return state,
        },
    };
    if !articles.iter().any(|&a| corpus.texts_away.is_away(a)) {
        return state;
    }
    // Texts are away only when they were loaded through the store.
    let Ok(store) = store else {
        return state;
    };
    let brought = crate::ingest::texts::bring(corpus, &articles, store);
    let mut state = state.texts_arrived(corpus);
    if let Err(e) = brought {
        state.message = Some(crate::text::sanitize::clean_line(&e));
    }
    state
}

/// Move reading state saved under ids of earlier versions onto `corpus`'s ids, saving the
/// move at once (so it happens once even if the reader is killed). The message says what moved.
fn adopt_ids(
    reading: &mut ReadingState,
    saved: &mut ReadingState,
    corpus: &Corpus,
    options: &Options,
) -> Option<String> {
    let moved = reading.adopt(corpus)?;
    let message = match options
        .store
        .as_ref()
        .ok()
        .map(|store| crate::state::save_to(&mut store.lock(), saved, reading))
    {
        Some(Err(e)) => format!("{moved}, but saving failed: {e}"),
        _ => moved,
    };
    *saved = reading.clone();
    Some(message)
}

/// Load on its own thread; progress and the corpus come back over the channel. A panic in
/// the loader gives an empty corpus with a warning rather than a reader stuck loading.
fn spawn_load(loader: Loader) -> LoadWorker {
    let (send, receive) = std::sync::mpsc::channel();
    let (shown, front_shown) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        let progress = send.clone();
        let report = move |done, total| {
            let _ = progress.send(LoadNews::Progress(done, total));
        };
        let front = send.clone();
        let front = move |story: Option<Corpus>| {
            let wait = story.is_some();
            let _ = front.send(LoadNews::Front(story.map(Box::new)));
            if wait {
                // Until the reader shows it, or a moment at most (a reader stuck elsewhere
                // must not stop the load).
                let _ = front_shown.recv_timeout(Duration::from_millis(300));
            }
        };
        let corpus =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| loader(&report, &front)))
                .unwrap_or_else(|_| {
                    let warning = crate::model::LoadWarning {
                        file: "corpus".into(),
                        message: "internal error while loading; nothing loaded".into(),
                    };
                    Corpus::new(Vec::new(), vec![warning], &Default::default())
                });
        let _ = send.send(LoadNews::Done(Box::new(corpus)));
    });
    LoadWorker {
        news: receive,
        shown,
    }
}

/// The loading worker's news, and the word that the story read last is on screen.
struct LoadWorker {
    news: std::sync::mpsc::Receiver<LoadNews>,
    shown: std::sync::mpsc::Sender<()>,
}

/// Run the fetch on its own thread; progress and the summary come back over the channel.
fn spawn_fetch(fetcher: Fetcher) -> std::sync::mpsc::Receiver<FetchNews> {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let progress = send.clone();
        let report = move |n, total| {
            let _ = progress.send(FetchNews::Progress(n, total));
        };
        let summary = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fetcher(&report)))
            .unwrap_or_else(|_| "fetch failed: internal error".to_string());
        let _ = send.send(FetchNews::Done(summary));
    });
    receive
}

/// Ctrl-z: give the terminal back as it was, stop this process with SIGTSTP (what a shell's
/// Ctrl-z does; raw mode keeps the terminal from sending it), and on `fg` take the screen
/// again. The caller redraws.
#[allow(clippy::disallowed_methods)] // terminal control codes, not text
fn suspend(terminal: &mut ratatui::DefaultTerminal) -> Result<(), String> {
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    // SAFETY: raise() only sends a signal to this process; SIGTSTP's default action stops
    // it until SIGCONT, then raise returns.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    crossterm::terminal::enable_raw_mode()
        .and_then(|()| {
            execute!(
                stdout(),
                crossterm::terminal::EnterAlternateScreen,
                EnableMouseCapture
            )
        })
        .and_then(|()| terminal.clear())
        .map_err(|e| format!("could not restore the screen: {e}"))
}

/// Largest note file read back from the editor.
const MAX_NOTE_FILE_BYTES: u64 = 64 * 1024;

/// Leave the screen, run `$VISUAL` or `$EDITOR` (else `vi`) on a file holding `note`, come
/// back and return what the file then says. The editor runs directly, never through a shell:
/// its value is split on spaces into a program and its arguments.
#[allow(clippy::disallowed_methods)] // terminal control codes, not text
fn edit_in_editor(terminal: &mut ratatui::DefaultTerminal, note: &str) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_string();
    let args: Vec<String> = words.map(str::to_string).collect();
    let path = std::env::temp_dir().join(format!("parallax-note-{}.txt", std::process::id()));
    std::fs::write(&path, format!("{note}\n"))
        .map_err(|e| format!("could not write {}: {e}", path.display()))?;
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    let status = std::process::Command::new(&program)
        .args(&args)
        .arg(&path)
        .status();
    // Back to the reader's screen whatever the editor did.
    let resumed = crossterm::terminal::enable_raw_mode()
        .and_then(|()| {
            execute!(
                stdout(),
                crossterm::terminal::EnterAlternateScreen,
                EnableMouseCapture
            )
        })
        .and_then(|()| terminal.clear());
    let text = read_capped(&path);
    let _ = std::fs::remove_file(&path);
    resumed.map_err(|e| format!("could not restore the screen: {e}"))?;
    match status {
        Ok(s) if s.success() => text,
        Ok(s) => Err(format!("{program} exited with {s}; note unchanged")),
        Err(e) => Err(format!("could not run {program}: {e}; note unchanged")),
    }
}

fn read_capped(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_NOTE_FILE_BYTES).read_to_end(&mut bytes))
        .map_err(|e| format!("could not read {}: {e}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn draw(
    terminal: &mut ratatui::DefaultTerminal,
    state: &AppState,
    corpus: &Corpus,
    color: bool,
) -> std::io::Result<()> {
    terminal.draw(|frame| {
        frame.render_widget(Screen { state, corpus }, frame.area());
        if !color {
            crate::view::theme::strip_colors(frame.buffer_mut());
        }
        // The choke point for the reader: no cell reaches the terminal uncleaned.
        crate::text::sanitize::clean_buffer(frame.buffer_mut());
    })?;
    Ok(())
}

/// The action for a terminal event, if any. While a text input is active (`text_input`),
/// typed characters are input, never bindings: `q` in a search query is a letter.
pub fn action_for(keymap: &Keymap, text_input: bool, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let plain = !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            match key.code {
                KeyCode::Char(c) if text_input && plain => Some(Action::Input(c)),
                KeyCode::Backspace if text_input => Some(Action::InputBackspace),
                KeyCode::Enter if text_input => Some(Action::Confirm),
                KeyCode::Esc if text_input => Some(Action::Close),
                _ => keymap.action(key),
            }
        }
        Event::Mouse(mouse) => {
            let (x, y) = (mouse.column, mouse.row);
            match mouse.kind {
                MouseEventKind::ScrollDown => Some(Action::MouseScroll {
                    x,
                    y,
                    lines: WHEEL_LINES,
                }),
                MouseEventKind::ScrollUp => Some(Action::MouseScroll {
                    x,
                    y,
                    lines: -WHEEL_LINES,
                }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::MouseClick { x, y }),
                _ => None,
            }
        }
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Scroll;
    use crossterm::event::{KeyEvent, MouseEvent};

    #[test]
    fn events_become_actions() {
        let k = Keymap::embedded();
        let key = Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
        assert_eq!(
            action_for(k, false, &key),
            Some(Action::Scroll(Scroll::Lines(1)))
        );
        let mut release = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(action_for(k, false, &Event::Key(release)), None);
        let wheel = Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollUp,
            column: 5,
            row: 7,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(
            action_for(k, false, &wheel),
            Some(Action::MouseScroll {
                x: 5,
                y: 7,
                lines: -3
            })
        );
        assert_eq!(
            action_for(k, false, &Event::Resize(80, 24)),
            Some(Action::Resize {
                width: 80,
                height: 24
            })
        );
        assert_eq!(action_for(k, false, &Event::FocusGained), None);
    }

    #[test]
    fn typed_characters_go_to_the_search_input_not_to_bindings() {
        let k = Keymap::embedded();
        let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
        let none = KeyModifiers::NONE;
        assert_eq!(
            action_for(k, true, &key(KeyCode::Char('q'), none)),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action_for(k, true, &key(KeyCode::Char('関'), none)),
            Some(Action::Input('関'))
        );
        assert_eq!(
            action_for(k, true, &key(KeyCode::Char('N'), KeyModifiers::SHIFT)),
            Some(Action::Input('N'))
        );
        assert_eq!(
            action_for(k, true, &key(KeyCode::Backspace, none)),
            Some(Action::InputBackspace)
        );
        assert_eq!(
            action_for(k, true, &key(KeyCode::Enter, none)),
            Some(Action::Confirm)
        );
        assert_eq!(
            action_for(k, true, &key(KeyCode::Esc, none)),
            Some(Action::Close)
        );
        // Ctrl-c still quits and the arrows still scroll.
        assert_eq!(
            action_for(k, true, &key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            action_for(k, true, &key(KeyCode::Down, none)),
            Some(Action::Scroll(Scroll::Lines(1)))
        );
        // Outside the input, the same keys are bindings.
        assert_eq!(
            action_for(k, false, &key(KeyCode::Char('q'), none)),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(k, false, &key(KeyCode::Char('N'), KeyModifiers::SHIFT)),
            Some(Action::SearchPrev)
        );
    }
}
