//! Reading state is written atomically: a writer killed at any moment leaves either the old or
//! the new file, never a torn one. The test re-runs this test binary as the writer child.

use parallax::state::{load, save, Position, ReadingState};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const WRITER_ENV: &str = "PARALLAX_TEST_STATE_WRITER";

/// In the child: write ever-changing state as fast as possible until killed.
#[test]
fn writer_child() {
    let Some(path) = std::env::var_os(WRITER_ENV) else {
        return; // run normally: nothing to do
    };
    let path = std::path::PathBuf::from(path);
    let mut state = ReadingState::default();
    for round in 0.. {
        for i in 0..200 {
            state.update(&format!("article-{i}"), |s| {
                s.read = round % 2 == 0;
                s.position = Some(Position {
                    block: round,
                    line: i,
                });
                s.note = Some(format!("note {round} {i} {}", "x".repeat(i)));
            });
        }
        save(&path, &state).expect("save");
    }
}

#[test]
fn state_survives_the_writer_being_killed_mid_write() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("state.json");
    let exe = std::env::current_exe().expect("test binary");
    let mut kills = 0;
    for attempt in 0..12u64 {
        let mut child = Command::new(&exe)
            .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
            .env(WRITER_ENV, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn writer");
        // Let it write for a varying while: kills land at different points of a write.
        let until = Instant::now() + Duration::from_millis(40 + attempt * 17);
        while Instant::now() < until {
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().expect("kill writer");
        child.wait().expect("reap writer");
        kills += 1;
        if path.exists() {
            let loaded = load(&path);
            assert!(
                loaded.warning.is_none(),
                "torn state after kill {kills}: {:?}",
                loaded.warning
            );
            assert_eq!(loaded.state.version, 1);
        }
    }
    assert!(path.exists(), "the writer wrote at least once in 12 runs");
    let leftovers: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "state.json")
        .collect();
    // Temporary files of killed writers may remain; they are hidden and never read.
    assert!(
        leftovers.iter().all(|n| n.starts_with(".state.json.tmp-")),
        "{leftovers:?}"
    );
}
