//! End to end: the real binary in a pseudo-terminal, read back through a vt100 emulator.
//! Waits are polling loops with generous deadlines (a loaded machine may be slow); nothing
//! here asserts how long anything took.

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const DEADLINE: Duration = Duration::from_secs(60);
/// How long a screen must keep matching before a wait accepts it.
const SETTLE: Duration = Duration::from_millis(120);

struct Screen {
    parser: vt100::Parser,
    output: Receiver<Vec<u8>>,
}

impl Screen {
    /// Feed everything the program wrote so far into the emulator.
    fn pump(&mut self) {
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
        }
    }

    /// Poll until `done` holds for the screen; false at the deadline.
    /// The pty hands output over in chunks, so a frame can be half drawn when `done` first
    /// holds; it must still hold a moment later, after the rest of the frame arrived.
    fn settles(&mut self, done: impl Fn(&vt100::Screen) -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() <= DEADLINE {
            self.pump();
            if done(self.parser.screen()) {
                std::thread::sleep(SETTLE);
                self.pump();
                if done(self.parser.screen()) {
                    return true;
                }
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    /// Poll until `done` holds for the screen, or panic with the screen at the deadline.
    fn wait_for(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        if !self.settles(done) {
            panic!(
                "timed out waiting for {what}; screen:\n{}",
                self.parser.screen().contents()
            );
        }
    }

    /// Poll until `lines` of the screen equal `expected`, or panic showing both.
    fn wait_for_lines(
        &mut self,
        what: &str,
        expected: &[String],
        lines: impl Fn(&vt100::Screen) -> Vec<String>,
    ) {
        if !self.settles(|s| lines(s) == expected) {
            panic!(
                "timed out waiting for {what}:\nexpected\n{}\nscreen\n{}",
                expected.join("\n"),
                self.parser.screen().contents()
            );
        }
    }

    /// The Korean pane's body text (left third, below the header).
    fn korean_body(&self, first_row: u16, rows: u16) -> Vec<String> {
        (first_row..first_row + rows)
            .map(|row| {
                self.parser
                    .screen()
                    .contents_between(row, 2, row, 38)
                    .trim_end()
                    .to_string()
            })
            .collect()
    }
}

/// Start the binary in a pty with extra environment, its config and reading state kept in
/// `home` (never the real user's); returns the child, the screen and the keyboard.
fn start(
    home: &std::path::Path,
    env: &[(&str, &str)],
) -> (
    Box<dyn portable_pty::Child + Send + Sync>,
    Screen,
    Box<dyn Write + Send>,
) {
    start_on(home, env, &[])
}

/// `start`, opening `paths` instead of the bundled corpus.
fn start_on(
    home: &std::path::Path,
    env: &[(&str, &str)],
    paths: &[&std::path::Path],
) -> (
    Box<dyn portable_pty::Child + Send + Sync>,
    Screen,
    Box<dyn Write + Send>,
) {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_parallax"));
    command.env("TERM", "xterm-256color");
    command.env("XDG_STATE_HOME", home.join("state"));
    command.env("PARALLAX_DATA_DIR", home.join("data"));
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.cwd(env!("CARGO_MANIFEST_DIR"));
    for (key, value) in env {
        command.env(key, value);
    }
    for path in paths {
        command.arg(path);
    }
    let child = pty.slave.spawn_command(command).expect("start parallax");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    let writer = pty.master.take_writer().expect("pty writer");
    let (sender, output) = channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || sender.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let screen = Screen {
        parser: vt100::Parser::new(ROWS, COLS, 0),
        output,
    };
    (child, screen, writer)
}

fn wait_exit(child: &mut Box<dyn portable_pty::Child + Send + Sync>) -> portable_pty::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for parallax") {
            return status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            panic!("parallax did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A folder of its own holding a copy of the bundled seeds (tests that change files).
fn seeds_copy() -> tempfile::TempDir {
    let folder = tempfile::tempdir().expect("folder");
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(&seeds).expect("seeds") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, folder.path().join(path.file_name().expect("name"))).expect("copy");
    }
    folder
}

fn restored(s: &vt100::Screen) -> bool {
    !s.alternate_screen() && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
}

#[test]
fn reader_opens_scrolls_and_quits_cleanly() {
    let home = tempfile::tempdir().expect("home");
    let (mut child, mut screen, mut writer) = start(home.path(), &[]);

    // The three pane headers of the bundled story, side by side on the second row.
    screen.wait_for("the three pane headers", |s| {
        let header = s.contents_between(1, 0, 1, COLS);
        header.contains("Korean") && header.contains("Japanese") && header.contains("Wire")
    });
    assert!(screen.parser.screen().alternate_screen());
    // The body starts on row 6 (top bar, border, four header lines).
    screen.wait_for("the Korean article's first line", |s| {
        s.contents_between(6, 2, 6, 38)
            .contains("US President Donald Trump")
    });
    let before = screen.korean_body(6, 10);

    writer.write_all(b"j").expect("press j");
    writer.flush().expect("flush");
    // Everything moves up exactly one line. Waiting for the whole region (not just its first
    // row) avoids reading a frame the terminal is still drawing.
    let expected = before[1..].to_vec();
    screen.wait_for("the Korean text to move up one line", |s| {
        (6..15).all(|row| {
            s.contents_between(row, 2, row, 38).trim_end() == expected[usize::from(row - 6)]
        })
    });

    writer.write_all(b"q").expect("press q");
    writer.flush().expect("flush");
    let status = wait_exit(&mut child);
    assert!(status.success(), "exit status {status:?}");
    // The terminal was given back: main screen, no mouse reporting. (The reader thread
    // may still be forwarding the last bytes, hence a wait rather than a check.)
    screen.wait_for("the terminal to be restored", restored);

    // The place was kept: started again, the Korean pane opens one line down.
    let state = parallax::store::Store::open(&home.path().join("data/store.sqlite3"))
        .and_then(|store| store.load_reading())
        .expect("reading state written on quit");
    assert!(
        state
            .articles
            .keys()
            .any(|id| id.starts_with("000_ba87cd429a98f8c1")),
        "{state:?}"
    );
    let (mut child, mut screen, mut writer) = start(home.path(), &[]);
    screen.wait_for("the Korean pane where it was left", |s| {
        s.contents_between(6, 2, 6, 38).trim_end() == before[1]
    });
    writer.write_all(b"q").expect("press q");
    writer.flush().expect("flush");
    assert!(wait_exit(&mut child).success());
}

#[test]
fn a_panic_still_restores_the_terminal() {
    let home = tempfile::tempdir().expect("home");
    let (mut child, mut screen, _writer) = start(home.path(), &[("PARALLAX_TEST_PANIC", "1")]);
    let status = wait_exit(&mut child);
    assert!(!status.success(), "a panic exits with failure");
    screen.wait_for("the panic message on the restored screen", |s| {
        restored(s) && s.contents().contains("PARALLAX_TEST_PANIC is set")
    });
}

fn press(writer: &mut Box<dyn Write + Send>, keys: &[u8]) {
    writer.write_all(keys).expect("type");
    writer.flush().expect("flush");
}

#[test]
fn article_list_filter_open_note_quit_and_the_note_is_there_next_time() {
    let home = tempfile::tempdir().expect("home");
    // `$EDITOR` run without a shell: sed appends "-edited" to the note file.
    let env = [("EDITOR", "sed -i s/$/-edited/"), ("VISUAL", "")];
    let (mut child, mut screen, mut writer) = start(home.path(), &env);
    screen.wait_for("the reader", |s| s.contents().contains("Korean"));

    press(&mut writer, b"L");
    screen.wait_for("the article list", |s| {
        s.contents().contains("Articles 5/5")
    });
    press(&mut writer, b"yomiuri");
    screen.wait_for("the list filtered to one article", |s| {
        s.contents().contains("Articles 1/5") && s.contents().contains("filter: yomiuri")
    });
    press(&mut writer, b"\r");
    // The Japanese pane (the middle third) now has the focus: its label is reversed.
    screen.wait_for("the list closed on the Yomiuri article", |s| {
        !s.contents().contains("Articles 1/5")
            && s.cell(1, 42)
                .is_some_and(|c| c.inverse() || c.bgcolor() != vt100::Color::Default)
    });

    press(&mut writer, b"ve");
    press(&mut writer, "check ¥84 trillion q".as_bytes());
    press(&mut writer, b"\r");
    screen.wait_for("the note saved and shown", |s| {
        s.contents().contains("note saved") && s.contents().contains("✎ check ¥84 trillion q")
    });
    press(&mut writer, b"E");
    screen.wait_for("the note back from the editor", |s| {
        s.alternate_screen() && s.contents().contains("✎ check ¥84 trillion q-edited")
    });
    press(&mut writer, b"q");
    assert!(wait_exit(&mut child).success());
    screen.wait_for("the terminal to be restored", restored);

    let (mut child, mut screen, mut writer) = start(home.path(), &env);
    screen.wait_for("the reader again", |s| s.contents().contains("Korean"));
    press(&mut writer, b"v");
    screen.wait_for("the note found after a restart", |s| {
        s.contents().contains("✎ check ¥84 trillion q-edited")
    });
    press(&mut writer, b"q");
    assert!(wait_exit(&mut child).success());
}

/// The top bar's story title (between the first two `│`).
fn top_title(s: &vt100::Screen) -> String {
    let top = s.contents().lines().next().unwrap_or_default().to_string();
    top.split('│').nth(1).unwrap_or_default().trim().to_string()
}

/// The story in front at quit is kept whole in the store and is what the next launch opens
/// (first on its own, then with the rest); a changed member file makes the record stale and
/// the launch loads as before.
#[test]
fn the_story_read_last_is_kept_and_opens_first_next_time() {
    let home = tempfile::tempdir().expect("home");
    let folder = seeds_copy();
    let (mut child, mut screen, mut writer) = start_on(home.path(), &[], &[folder.path()]);
    screen.wait_for("the reader", |s| s.contents().contains("Korean"));
    // Another story than the one that opens by itself: the picker's second line.
    let first = top_title(screen.parser.screen());
    press(&mut writer, b"s");
    screen.wait_for("the story picker", |s| s.contents().contains("Stories"));
    press(&mut writer, b"\x1b[B\r");
    screen.wait_for("the other story", |s| {
        !s.contents().contains("Stories") && top_title(s) != first
    });
    let chosen = top_title(screen.parser.screen());
    press(&mut writer, b"q");
    assert!(wait_exit(&mut child).success());

    let store = rusqlite::Connection::open(home.path().join("data/store.sqlite3")).expect("store");
    let saved: String = store
        .query_row(
            "SELECT value FROM meta WHERE key = 'front_story'",
            [],
            |r| r.get(0),
        )
        .expect("the story in front is kept");
    assert!(saved.contains("\"articles\""), "{saved:.200}");
    drop(store);

    let (mut child, mut screen, mut writer) = start_on(home.path(), &[], &[folder.path()]);
    screen.wait_for("the story read last, again", |s| top_title(s) == chosen);
    screen.wait_for("the whole corpus loaded", |s| {
        !s.contents().contains("reading ")
    });
    assert_eq!(top_title(screen.parser.screen()), chosen);
    press(&mut writer, b"q");
    assert!(wait_exit(&mut child).success());

    // A member file changed: the record is stale, the launch still opens that story.
    for entry in std::fs::read_dir(folder.path()).expect("folder") {
        let path = entry.expect("entry").path();
        if path
            .extension()
            .is_some_and(|e| e == "md" || e == "txt" || e == "html")
        {
            let mut text = std::fs::read_to_string(&path).unwrap_or_default();
            text.push_str("\n\nOne more line.\n");
            std::fs::write(&path, text).expect("change");
        }
    }
    let (mut child, mut screen, mut writer) = start_on(home.path(), &[], &[folder.path()]);
    screen.wait_for("the story read last, after a change", |s| {
        top_title(s) == chosen
    });
    press(&mut writer, b"q");
    assert!(wait_exit(&mut child).success());
}

#[test]
fn a_file_added_to_an_open_folder_appears_without_a_restart() {
    let home = tempfile::tempdir().expect("home");
    let folder = seeds_copy();
    let (mut child, mut screen, mut writer) = start_on(home.path(), &[], &[folder.path()]);
    screen.wait_for("the whole corpus loaded", |s| {
        let text = s.contents();
        let loading = [
            "Loading:",
            "looking for files",
            " of 5 files",
            "files read;",
        ];
        text.contains("Korean") && !loading.iter().any(|word| text.contains(word))
    });
    // The watch is set up on a thread of its own once the corpus is on screen; a file
    // written before it is watching is seen by the next change, so keep writing new ones.
    let start = Instant::now();
    let mut written = 0;
    loop {
        screen.pump();
        if screen.parser.screen().contents().contains("reloaded: ") {
            break;
        }
        if start.elapsed() > DEADLINE {
            panic!("no reload; screen:\n{}", screen.parser.screen().contents());
        }
        if written < 5 && start.elapsed() > Duration::from_secs(written * 2) {
            let name = format!("late-{written}.txt");
            let text = format!(
                "Quokka Summit Opens, Day {written}\nOct. 30, 2025\nThe quokka summit opened \
                 in Seoul on Thursday, officials said.\n"
            );
            std::fs::write(folder.path().join(name), text).expect("write");
            written += 1;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let contents = screen.parser.screen().contents();
    let count = contents
        .split("reloaded: ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse::<u64>().ok());
    // The five seeds and the files written so far (at least the one that set it off).
    assert!(
        count.is_some_and(|n| n > 5 && n <= 5 + written),
        "{count:?} after {written} file(s):\n{contents}"
    );
    press(&mut writer, b"q");
    assert!(wait_exit(&mut child).success());
}

/// Lines of the panes' text (below the headers) with some words in them.
fn text_lines(s: &vt100::Screen) -> Vec<String> {
    s.contents()
        .lines()
        .skip(8)
        .take(usize::from(ROWS) - 10)
        .filter(|line| line.chars().filter(|c| c.is_alphabetic()).count() >= 20)
        .map(str::to_string)
        .collect()
}

#[test]
fn a_story_opened_on_a_warm_launch_shows_its_text() {
    // A warm launch reads the articles without their text and each story's text when it
    // is opened: the story must read exactly as it did when everything was parsed.
    let home = tempfile::tempdir().expect("home");
    let folder = seeds_copy();
    // Files changed just now have no trusted time and are read again at every launch.
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for entry in std::fs::read_dir(folder.path()).expect("folder") {
        std::fs::File::options()
            .write(true)
            .open(entry.expect("entry").path())
            .and_then(|f| f.set_modified(hour_ago))
            .expect("age the file");
    }
    let loaded = |s: &vt100::Screen| {
        let text = s.contents();
        text.contains("Korean")
            && !["Loading:", "looking for", " of 5 files", "files read;"]
                .iter()
                .any(|word| text.contains(word))
    };
    // Launch 1 (empty store): the story that opens by itself, then another one in front.
    let (mut child, mut screen, mut writer) = start_on(home.path(), &[], &[folder.path()]);
    screen.wait_for("the whole corpus", loaded);
    let first = top_title(screen.parser.screen());
    let first_text = text_lines(screen.parser.screen());
    assert!(first_text.len() >= 5, "{first_text:?}");
    press(&mut writer, b"s");
    screen.wait_for("the story picker", |s| s.contents().contains("Stories"));
    press(&mut writer, b"\x1b[B\r");
    screen.wait_for("the other story", |s| {
        !s.contents().contains("Stories") && top_title(s) != first
    });
    press(&mut writer, b"q");
    assert!(wait_exit(&mut child).success());
    // Launch 2 (warm): it opens on the other story; go back to the first one.
    let (mut child, mut screen, mut writer) = start_on(home.path(), &[], &[folder.path()]);
    screen.wait_for("the whole corpus, warm", loaded);
    assert_ne!(top_title(screen.parser.screen()), first);
    press(&mut writer, b"s");
    screen.wait_for("the story picker", |s| s.contents().contains("Stories"));
    press(&mut writer, b"\x1b[A\r");
    screen.wait_for("the first story, warm", |s| {
        !s.contents().contains("Stories") && top_title(s) == first
    });
    screen.wait_for_lines("its text, as on the first launch", &first_text, text_lines);
    press(&mut writer, b"q");
    assert!(wait_exit(&mut child).success());
}
