//! Bad input never crashes the program: each bad file gives a warning naming it, and the rest
//! of the corpus still loads. Driven through the real binary, as a user would meet it.

use std::path::Path;
use std::process::{Command, Output};

const GOOD: &str = "A Good Headline About the Summit\nOct. 28, 2025\nThe leaders met in Tokyo on Tuesday and agreed to deepen their alliance, officials said.\n";

fn parallax(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write fixture");
}

/// `check` on a folder with one good file and `bad`: the warning names the bad file and says
/// what was wrong; the good file still loads.
fn check_with(name: &str, bad: &[u8], expected: &str) {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "good.txt", GOOD.as_bytes());
    write(dir.path(), name, bad);
    let output = parallax(&["check", dir.path().to_str().expect("utf-8 path")]);
    let text = stdout(&output);
    assert!(output.status.success(), "check failed: {text}");
    let line = text
        .lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no warning names {name}: {text}"));
    assert!(
        line.contains(expected),
        "warning for {name} should say {expected:?}: {line}"
    );
    assert!(text.contains("1 article(s) loaded"), "{text}");
}

#[test]
fn empty_file() {
    check_with("empty.txt", b"", "file is empty");
}

#[test]
fn binary_file() {
    check_with(
        "photo.jpg",
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00",
        "binary file",
    );
}

#[test]
fn invalid_utf8_is_loaded_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.extend_from_slice(b"Another paragraph with a bad byte \xC3\x28 in it, still readable.\n");
    write(dir.path(), "latin.txt", &bytes);
    let output = parallax(&["check", dir.path().to_str().expect("utf-8 path")]);
    let text = stdout(&output);
    assert!(
        text.contains("latin.txt: invalid UTF-8 from byte"),
        "{text}"
    );
    assert!(text.contains("1 article(s) loaded"), "{text}");
}

#[test]
fn enormous_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "good.txt", GOOD.as_bytes());
    let big = std::fs::File::create(dir.path().join("huge.txt")).expect("create");
    big.set_len(50 * 1024 * 1024).expect("50 MB sparse file");
    let output = parallax(&["check", dir.path().to_str().expect("utf-8 path")]);
    let text = stdout(&output);
    assert!(
        text.contains("huge.txt: file is 50.0 MB, over the 32 MB limit"),
        "{text}"
    );
    assert!(text.contains("1 article(s) loaded"), "{text}");
}

#[test]
fn file_of_only_boilerplate() {
    check_with(
        "chrome.txt",
        b"Overview Logo\nArticle Main Image\nGet the full experience in the app\nApple App Store Badge\n",
        "no article text left after removing boilerplate",
    );
}

#[test]
fn json_that_is_not_wordpress() {
    check_with(
        "package.json",
        br#"{"name": "x", "version": "1.0.0"}"#,
        "not a WordPress post",
    );
}

#[test]
fn hopelessly_malformed_json() {
    check_with("broken.json", b"{]]] not json", "invalid JSON");
}

#[test]
fn missing_path_is_a_warning_not_a_crash() {
    let output = parallax(&["check", "/nonexistent/parallax/path", "seeds"]);
    let text = stdout(&output);
    assert!(
        text.contains("/nonexistent/parallax/path: cannot open"),
        "{text}"
    );
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        "evil.txt",
        b"Evil \x1b]0;pwned\x07Headline\nThe body \x1b[31mred\x1b[0m text with a bell\x07 and more words here.\n",
    );
    for format in ["text", "json"] {
        let output = parallax(&[
            "show",
            "evil",
            dir.path().to_str().expect("path"),
            "--format",
            format,
        ]);
        let text = stdout(&output);
        assert!(output.status.success());
        assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
        assert!(
            text.contains("The body red text with a bell and more words here."),
            "{text}"
        );
    }
}

#[test]
fn check_fails_only_when_nothing_could_be_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "empty.txt", b"");
    let output = parallax(&["check", dir.path().to_str().expect("path")]);
    assert!(!output.status.success());
    assert!(stdout(&output).contains("empty.txt: file is empty"));
}

#[test]
fn hidden_files_are_skipped_and_folders_are_recursive() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("nested/deeper")).expect("mkdir");
    write(
        &dir.path().join("nested/deeper"),
        "inner.txt",
        GOOD.as_bytes(),
    );
    write(dir.path(), ".hidden.txt", b"");
    let output = parallax(&[
        "list",
        "--format",
        "json",
        dir.path().to_str().expect("path"),
    ]);
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(list.as_array().map(Vec::len), Some(1));
    assert_eq!(
        parallax::model::id::prefix(list[0]["id"].as_str().unwrap_or_default()),
        "inner"
    );
    assert!(!stdout(&parallax(&["check", dir.path().to_str().expect("path")])).contains(".hidden"));
}

#[test]
fn notes_are_kept_in_the_state_dir_and_shown_by_show() {
    let home = tempfile::tempdir().expect("home");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(args)
            .env("XDG_STATE_HOME", home.path())
            .env("PARALLAX_DATA_DIR", home.path().join("data"))
            .output()
            .expect("runs")
    };
    assert!(run(&[
        "note",
        "001_dfab2ef32de3a2b5",
        "Compare the \x1b[31mdefense\x1b[0m figures"
    ])
    .status
    .success());
    let shown = stdout(&run(&["show", "001_dfab2ef32de3a2b5"]));
    assert!(
        shown.contains("note        Compare the defense figures"),
        "{shown}"
    );
    assert_eq!(
        stdout(&run(&["note", "001_dfab2ef32de3a2b5"])).trim(),
        "Compare the defense figures"
    );
    assert!(run(&["note", "001_dfab2ef32de3a2b5", "--clear"])
        .status
        .success());
    assert!(!stdout(&run(&["show", "001_dfab2ef32de3a2b5"])).contains("note "));
}

#[test]
fn escape_sequences_in_file_names_never_reach_the_output() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "e\x1b[2Jmpty.txt", b"");
    write(dir.path(), "evil\x1b]0;pwn\x07.txt", GOOD.as_bytes());
    let check = parallax(&["check", dir.path().to_str().expect("path")]);
    let text = stdout(&check);
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("mpty.txt: file is empty"), "{text}");
    let list = stdout(&parallax(&[
        "list",
        "--format",
        "json",
        dir.path().to_str().expect("path"),
    ]));
    assert!(
        !list.contains("\\u001b") && !list.contains('\x1b'),
        "{list}"
    );
}
