//! Keys to actions, read from `assets/keymap.toml` (embedded). A user file overriding it can
//! later be parsed with the same `Keymap::from_toml`.

use super::{Action, Scroll};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;

/// A key as the keymap stores it: Shift is folded into the character (`G`, `?`), so only
/// Control and Alt are kept as modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Chord {
    pub fn from_event(event: &KeyEvent) -> Chord {
        let keep = KeyModifiers::CONTROL | KeyModifiers::ALT;
        let modifiers = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers & keep,
            _ => event.modifiers & (keep | KeyModifiers::SHIFT),
        };
        Chord {
            code: event.code,
            modifiers,
        }
    }

    /// Parse a key name from the keymap file.
    pub fn parse(name: &str) -> Result<Chord, String> {
        let (modifiers, key) = match name.strip_prefix("ctrl-") {
            Some(rest) if !rest.is_empty() => (KeyModifiers::CONTROL, rest),
            _ => (KeyModifiers::NONE, name),
        };
        let code = match key {
            "space" => KeyCode::Char(' '),
            "tab" => KeyCode::Tab,
            "shift-tab" | "backtab" => KeyCode::BackTab,
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            _ => {
                let mut chars = key.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(format!("unknown key \"{name}\"")),
                }
            }
        };
        Ok(Chord { code, modifiers })
    }
}

/// Every action a key can be bound to: its name in the keymap file and what help says.
pub const BINDABLE: &[(&str, Action, &str)] = &[
    ("quit", Action::Quit, "quit (in an overlay: close it)"),
    ("force-quit", Action::ForceQuit, "quit at once"),
    ("help", Action::Help, "this help"),
    (
        "suspend",
        Action::Suspend,
        "suspend to the shell (fg resumes)",
    ),
    ("close", Action::Close, "close the overlay"),
    (
        "scroll-down",
        Action::Scroll(Scroll::Lines(1)),
        "scroll down a line",
    ),
    (
        "scroll-up",
        Action::Scroll(Scroll::Lines(-1)),
        "scroll up a line",
    ),
    (
        "page-down",
        Action::Scroll(Scroll::Pages(1)),
        "scroll down a page",
    ),
    (
        "page-up",
        Action::Scroll(Scroll::Pages(-1)),
        "scroll up a page",
    ),
    (
        "half-page-down",
        Action::Scroll(Scroll::HalfPages(1)),
        "scroll down half a page",
    ),
    (
        "half-page-up",
        Action::Scroll(Scroll::HalfPages(-1)),
        "scroll up half a page",
    ),
    ("top", Action::Scroll(Scroll::Top), "go to the top"),
    ("bottom", Action::Scroll(Scroll::Bottom), "go to the bottom"),
    (
        "focus-next",
        Action::FocusNext,
        "focus the next pane (two shown: next beside)",
    ),
    (
        "focus-prev",
        Action::FocusPrev,
        "focus the previous pane (two shown: prev beside)",
    ),
    (
        "focus-left",
        Action::FocusLeft,
        "focus the pane to the left",
    ),
    (
        "focus-right",
        Action::FocusRight,
        "focus the pane to the right",
    ),
    (
        "prev-article",
        Action::PrevArticle,
        "previous article of this perspective",
    ),
    (
        "next-article",
        Action::NextArticle,
        "next article of this perspective",
    ),
    ("stories", Action::Stories, "pick a story"),
    (
        "mark-story-read",
        Action::MarkStoryRead,
        "mark every article of the story read",
    ),
    (
        "toggle-notes",
        Action::ToggleNotes,
        "show / hide the note line",
    ),
    (
        "edit-note",
        Action::EditNote,
        "edit the article's note (one line)",
    ),
    (
        "edit-note-external",
        Action::EditNoteExternal,
        "edit the article's note in $EDITOR",
    ),
    (
        "article-list",
        Action::ArticleList,
        "article list: type to filter, Tab sorts",
    ),
    ("zoom", Action::Zoom, "zoom the focused pane / back"),
    (
        "cycle-sync",
        Action::CycleSync,
        "cycle sync: off, lockstep, aligned",
    ),
    ("warnings", Action::Warnings, "show load warnings"),
    (
        "confirm",
        Action::Confirm,
        "open / toggle / jump in a list; unfold (focus)",
    ),
    (
        "toggle-read",
        Action::ToggleRead,
        "mark the article read / unread",
    ),
    (
        "toggle-bookmark",
        Action::ToggleBookmark,
        "bookmark the article / remove it",
    ),
    (
        "open-original",
        Action::OpenOriginal,
        "open the original in the browser",
    ),
    (
        "fetch",
        Action::Fetch,
        "fetch subscribed feeds in the background",
    ),
    (
        "topics",
        Action::Topics,
        "topic panel: pick topics, highlight or focus",
    ),
    (
        "coverage",
        Action::Coverage,
        "coverage matrix: topics by perspective",
    ),
    ("search", Action::Search, "search all panes (Esc clears)"),
    (
        "search-all",
        Action::SearchAll,
        "search every article's title and text",
    ),
    ("search-next", Action::SearchNext, "next search match"),
    ("search-prev", Action::SearchPrev, "previous search match"),
    (
        "next-counterpart",
        Action::NextCounterpart,
        "focus the matching paragraph in the next pane",
    ),
    (
        "prev-counterpart",
        Action::PrevCounterpart,
        "focus the matching paragraph in the previous pane",
    ),
    (
        "figures",
        Action::Figures,
        "figures view: amounts, rates, dates by perspective",
    ),
    (
        "quotes",
        Action::Quotes,
        "quotes view: the same remark as each outlet quotes it",
    ),
    (
        "place",
        Action::Place,
        "move the article to another perspective (saved)",
    ),
    (
        "why",
        Action::Why,
        "why: the paragraph's Korean/Japanese terms in English",
    ),
];

/// `Default` is the empty keymap (no key bound); the reader uses `embedded` or `with_overrides`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keymap {
    lookup: HashMap<Chord, Action>,
    /// Key names per action, as written in the file, for help and hints.
    names: HashMap<Action, Vec<String>>,
}

#[derive(serde::Deserialize)]
struct File {
    keys: HashMap<String, Vec<String>>,
}

const EMBEDDED: &str = include_str!("../../assets/keymap.toml");

impl Keymap {
    pub fn from_toml(source: &str) -> Result<Keymap, String> {
        let file: File = toml::from_str(source).map_err(|e| e.to_string())?;
        Keymap::from_bindings(&file.keys)
    }

    /// The defaults with the user's bindings (`[keys]` of the config) laid over them: an
    /// action named there gets exactly the keys given, and those keys leave whatever default
    /// action had them.
    pub fn with_overrides(
        overrides: &std::collections::BTreeMap<String, Vec<String>>,
    ) -> Result<Keymap, String> {
        let file: File = toml::from_str(EMBEDDED).map_err(|e| e.to_string())?;
        let mut bindings = file.keys;
        let mut taken = Vec::new();
        for (action, keys) in overrides {
            if !BINDABLE.iter().any(|(n, _, _)| n == action) {
                return Err(format!("[keys]: unknown action \"{action}\""));
            }
            for key in keys {
                taken.push(Chord::parse(key).map_err(|e| format!("[keys] {action}: {e}"))?);
            }
        }
        for keys in bindings.values_mut() {
            keys.retain(|k| Chord::parse(k).map(|c| !taken.contains(&c)).unwrap_or(true));
        }
        for (action, keys) in overrides {
            if keys.is_empty() && matches!(action.as_str(), "quit" | "force-quit") {
                return Err(format!(
                    "[keys] {action}: needs at least one key, or the reader could not be left"
                ));
            }
            bindings.insert(action.clone(), keys.clone());
        }
        let keymap = Keymap::from_bindings(&bindings).map_err(|e| format!("[keys]: {e}"))?;
        keymap.check_way_out()?;
        Ok(keymap)
    }

    /// A keymap must leave the user a way out: `ctrl-c` quits whatever else is bound, and
    /// some key quits. `scroll-down = ["q", "ctrl-c"]` would trap them in the reader.
    fn check_way_out(&self) -> Result<(), String> {
        let ctrl_c = Chord::parse("ctrl-c")?;
        match self.lookup.get(&ctrl_c) {
            Some(Action::Quit | Action::ForceQuit) => {}
            Some(other) => {
                let name = BINDABLE
                    .iter()
                    .find(|(_, a, _)| a == other)
                    .map_or("another action", |(n, _, _)| n);
                return Err(format!(
                    "[keys] {name}: \"ctrl-c\" must stay bound to force-quit, so the reader can always be left"
                ));
            }
            None => return Err("[keys]: \"ctrl-c\" must stay bound to quit or force-quit".into()),
        }
        if self.keys(Action::Quit).is_empty() {
            return Err(
                "[keys] quit: no key is left for quit, so the reader could not be left".into(),
            );
        }
        Ok(())
    }

    fn from_bindings(bindings: &HashMap<String, Vec<String>>) -> Result<Keymap, String> {
        let mut keymap = Keymap {
            lookup: HashMap::new(),
            names: HashMap::new(),
        };
        for (action_name, keys) in bindings {
            let Some(&(_, action, _)) = BINDABLE.iter().find(|(n, _, _)| n == action_name) else {
                return Err(format!("unknown action \"{action_name}\""));
            };
            for key in keys {
                let chord = Chord::parse(key)?;
                if let Some(previous) = keymap.lookup.insert(chord, action) {
                    if previous != action {
                        return Err(format!("key \"{key}\" is bound twice"));
                    }
                }
                keymap
                    .names
                    .entry(action)
                    .or_default()
                    .push(key.to_string());
            }
        }
        Ok(keymap)
    }

    /// The defaults from `assets/keymap.toml`.
    pub fn embedded() -> &'static Keymap {
        static KEYMAP: std::sync::OnceLock<Keymap> = std::sync::OnceLock::new();
        KEYMAP.get_or_init(|| {
            Keymap::from_toml(EMBEDDED).expect("assets/keymap.toml is valid (checked by tests)")
        })
    }

    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.lookup.get(&Chord::from_event(event)).copied()
    }

    /// The key names bound to an action, in file order.
    pub fn keys(&self, action: Action) -> &[String] {
        self.names.get(&action).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The first key bound to an action, for short hints.
    pub fn key(&self, action: Action) -> Option<&str> {
        self.keys(action).first().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventKind;

    #[test]
    fn user_bindings_replace_an_actions_keys_and_take_keys_from_others() {
        let mut overrides = std::collections::BTreeMap::new();
        overrides.insert(
            "scroll-down".to_string(),
            vec!["ctrl-n".to_string(), "k".to_string()],
        );
        let keymap = Keymap::with_overrides(&overrides).expect("valid");
        let scroll_down = Some(Action::Scroll(crate::app::Scroll::Lines(1)));
        assert_eq!(
            keymap.action(&press(KeyCode::Char('n'), KeyModifiers::CONTROL)),
            scroll_down
        );
        assert_eq!(
            keymap.action(&press(KeyCode::Char('k'), KeyModifiers::NONE)),
            scroll_down
        );
        assert_eq!(
            keymap.action(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            None,
            "j was replaced"
        );
        assert_eq!(
            keymap.keys(Action::Scroll(crate::app::Scroll::Lines(-1))),
            &["up".to_string()]
        );
        assert_eq!(
            keymap.action(&press(KeyCode::Char('q'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
    }

    #[test]
    fn bad_user_bindings_are_errors() {
        let mut overrides = std::collections::BTreeMap::new();
        overrides.insert("scroll-downn".to_string(), vec!["j".to_string()]);
        assert!(Keymap::with_overrides(&overrides)
            .unwrap_err()
            .contains("unknown action \"scroll-downn\""));
        let mut overrides = std::collections::BTreeMap::new();
        overrides.insert("quit".to_string(), vec!["ctrl-".to_string()]);
        assert!(Keymap::with_overrides(&overrides).is_err());
    }

    #[test]
    fn a_keymap_that_traps_the_user_is_refused() {
        let trap = |action: &str, keys: &[&str]| {
            let mut overrides = std::collections::BTreeMap::new();
            overrides.insert(
                action.to_string(),
                keys.iter().map(|k| k.to_string()).collect(),
            );
            Keymap::with_overrides(&overrides)
        };
        let Err(error) = trap("scroll-down", &["q", "ctrl-c"]) else {
            panic!("a keymap taking ctrl-c from quit was accepted")
        };
        assert!(
            error.contains("scroll-down") && error.contains("ctrl-c"),
            "{error}"
        );
        let Err(error) = trap("search", &["q"]) else {
            panic!("a keymap leaving quit without a key was accepted")
        };
        assert!(error.contains("quit"), "{error}");
        // Moving quit to another key, or giving ctrl-c to quit, is fine.
        let moved = trap("quit", &["x"]).expect("valid");
        assert_eq!(
            moved.action(&press(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert!(trap("quit", &["ctrl-c", "q"]).is_ok());
    }

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: crossterm::event::KeyEventState::NONE,
        }
    }

    #[test]
    fn embedded_keymap_parses_and_binds_every_action() {
        let keymap = Keymap::from_toml(include_str!("../../assets/keymap.toml")).unwrap();
        for (name, action, _) in BINDABLE {
            assert!(!keymap.keys(*action).is_empty(), "{name} has no key");
        }
    }

    #[test]
    fn keys_from_the_issue_map_to_their_actions() {
        let k = Keymap::embedded();
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        let shift = KeyModifiers::SHIFT;
        let cases = [
            (press(KeyCode::Char('q'), none), Action::Quit),
            (press(KeyCode::Char('c'), ctrl), Action::ForceQuit),
            (press(KeyCode::Char('?'), shift), Action::Help),
            (press(KeyCode::Tab, none), Action::FocusNext),
            (press(KeyCode::BackTab, shift), Action::FocusPrev),
            (press(KeyCode::Char('h'), none), Action::FocusLeft),
            (press(KeyCode::Right, none), Action::FocusRight),
            (
                press(KeyCode::Char('j'), none),
                Action::Scroll(Scroll::Lines(1)),
            ),
            (press(KeyCode::Up, none), Action::Scroll(Scroll::Lines(-1))),
            (
                press(KeyCode::Char(' '), none),
                Action::Scroll(Scroll::Pages(1)),
            ),
            (
                press(KeyCode::PageUp, none),
                Action::Scroll(Scroll::Pages(-1)),
            ),
            (
                press(KeyCode::Char('d'), ctrl),
                Action::Scroll(Scroll::HalfPages(1)),
            ),
            (press(KeyCode::Char('g'), none), Action::Scroll(Scroll::Top)),
            (
                press(KeyCode::Char('G'), shift),
                Action::Scroll(Scroll::Bottom),
            ),
            (press(KeyCode::Char('['), none), Action::PrevArticle),
            (press(KeyCode::Char(']'), none), Action::NextArticle),
            (press(KeyCode::Char('s'), none), Action::Stories),
            (press(KeyCode::Char('z'), none), Action::Zoom),
            (press(KeyCode::Char('='), none), Action::CycleSync),
            (press(KeyCode::Esc, none), Action::Close),
            (press(KeyCode::Char('!'), shift), Action::Warnings),
        ];
        for (event, action) in cases {
            assert_eq!(k.action(&event), Some(action), "{event:?}");
        }
        // Ctrl-j is not j.
        assert_eq!(k.action(&press(KeyCode::Char('j'), ctrl)), None);
    }

    #[test]
    fn bad_files_are_rejected_with_a_reason() {
        let err = Keymap::from_toml("[keys]\nfly = [\"f\"]").unwrap_err();
        assert!(err.contains("unknown action"), "{err}");
        let err = Keymap::from_toml("[keys]\nquit = [\"nokey\"]").unwrap_err();
        assert!(err.contains("unknown key"), "{err}");
        let err = Keymap::from_toml("[keys]\nquit = [\"x\"]\nhelp = [\"x\"]").unwrap_err();
        assert!(err.contains("bound twice"), "{err}");
    }
}
