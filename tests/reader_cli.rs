//! `parallax` with no subcommand opens the reader only on a terminal; piped, it prints the
//! article list instead of drawing escape sequences into a file.

use std::process::{Command, Stdio};

#[test]
fn without_a_terminal_the_list_is_printed() {
    // Its own store: never the real data dir, never another test's.
    let data_dir = tempfile::tempdir().expect("a temporary data dir");
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .env("PARALLAX_DATA_DIR", data_dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run parallax");
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("ID "), "{stdout}");
    assert!(stdout.contains("001_dfab2ef32de3a2b5"), "{stdout}");
    assert!(
        !stdout.contains('\u{1b}'),
        "no escape sequences: {stdout:?}"
    );
}
