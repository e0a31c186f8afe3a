//! `R` in the reader, end to end: the real binary in a pseudo-terminal fetches a loopback feed
//! on a worker thread, shows the outcome in the status bar, and merges the new articles while
//! the reader keeps its story and scroll position.

mod support;

use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{Read, Write};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};
use support::loopback::{article_html, rss, Reply, Server};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const DEADLINE: Duration = Duration::from_secs(60);

#[test]
fn capital_r_fetches_in_the_background_and_keeps_the_readers_place() {
    let server = Server::start(|_| {
        Reply::ok(
            "application/rss+xml",
            rss(
                "Loopback Daily",
                &[
                    (
                        "l1",
                        "Harbour strike ends",
                        "https://example.test/l/1",
                        &article_html("harbour"),
                    ),
                    (
                        "l2",
                        "Port reopens",
                        "https://example.test/l/2",
                        &article_html("port"),
                    ),
                ],
            ),
        )
    });
    let home = tempfile::tempdir().expect("home");
    let config_dir = home.path().join("config/parallax");
    std::fs::create_dir_all(&config_dir).expect("config dir");
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    std::fs::write(
        config_dir.join("config.toml"),
        format!("paths = [\"{seeds}\"]\n"),
    )
    .expect("config");
    let url = server.url("/rss.xml");
    let added = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["feeds", "add", &url, "--perspective", "wire"])
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .output()
        .expect("feeds add");
    assert!(added.status.success());

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
    command.env("HOME", home.path());
    command.env("XDG_STATE_HOME", home.path().join("state"));
    command.env("XDG_CONFIG_HOME", home.path().join("config"));
    command.env("XDG_DATA_HOME", home.path().join("data"));
    let mut child = pty.slave.spawn_command(command).expect("start parallax");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("pty reader");
    let mut writer = pty.master.take_writer().expect("pty writer");
    let (sender, output) = channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || sender.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(ROWS, COLS, 0);
    let wait_for =
        |parser: &mut vt100::Parser, what: &str, done: &dyn Fn(&vt100::Screen) -> bool| {
            let start = Instant::now();
            loop {
                while let Ok(bytes) = output.try_recv() {
                    parser.process(&bytes);
                }
                if done(parser.screen()) {
                    return;
                }
                assert!(
                    start.elapsed() < DEADLINE,
                    "timed out waiting for {what}; screen:\n{}",
                    parser.screen().contents()
                );
                std::thread::sleep(Duration::from_millis(20));
            }
        };
    let body = |s: &vt100::Screen| -> Vec<String> {
        (6..16)
            .map(|row| s.contents_between(row, 2, row, 38).trim_end().to_string())
            .collect()
    };
    wait_for(&mut parser, "the seeds' Korean article", &|s| {
        s.contents_between(6, 2, 6, 38)
            .contains("US President Donald Trump")
    });
    writer.write_all(b"jjjjj").expect("scroll");
    writer.flush().expect("flush");
    wait_for(&mut parser, "the scroll", &|s| {
        !s.contents_between(6, 2, 6, 38)
            .contains("US President Donald Trump")
    });
    let before = body(parser.screen());
    writer.write_all(b"R").expect("R");
    writer.flush().expect("flush");
    wait_for(&mut parser, "the fetch summary in the status bar", &|s| {
        s.contents()
            .contains("fetched 1 feed(s): 2 new, 0 updated, 0 failed")
    });
    assert_eq!(body(parser.screen()), before, "the reader kept its place");
    assert_eq!(server.requests_for("/rss.xml").len(), 1);
    // The new articles are in the corpus: the story list shows the fetched story.
    writer.write_all(b"s").expect("stories");
    writer.flush().expect("flush");
    wait_for(&mut parser, "the fetched story in the story list", &|s| {
        let text = s.contents();
        text.contains("Harbour strike ends") || text.contains("Port reopens")
    });
    // Esc closes the story list (it takes typed letters for its filter), `q` quits.
    for key in [b"\x1b", b"q"] {
        writer.write_all(key).expect("quit");
        writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(300));
    }
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        assert!(start.elapsed() < DEADLINE, "parallax did not exit");
        std::thread::sleep(Duration::from_millis(20));
    }
}
