//! Live folders: watch the opened files and folders and say when something changed, so the
//! reader can reload without a restart. Events are coalesced: a burst of writes (an editor
//! saving, a download finishing) becomes one change notice after a short quiet spell.

use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the folders must stay quiet before a change is reported.
pub const QUIET: Duration = Duration::from_millis(250);

/// At most this many folders are watched (each costs an inotify watch, of which a user has a
/// few thousand to a million): a larger tree is watched up to it.
const MAX_FOLDERS: usize = 20_000;

/// Watches paths; `changed()` tells, without blocking, whether files changed since last asked.
pub struct FolderWatcher {
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    pending_since: Option<Instant>,
    folders: usize,
}

impl FolderWatcher {
    /// Watch every path: a file itself, a folder with each of its folders below. Paths that
    /// cannot be watched are skipped; when none can be, the error says why.
    pub fn new(paths: &[PathBuf]) -> Result<FolderWatcher, String> {
        let (sender, events) = channel();
        let watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })
        .map_err(|e| format!("cannot watch folders: {e}"))?;
        let mut this = FolderWatcher {
            watcher,
            events,
            pending_since: None,
            folders: 0,
        };
        let mut watched = 0;
        let mut last_error = None;
        for path in paths {
            match this.watch_tree(path) {
                Ok(()) => watched += 1,
                Err(e) => last_error = Some(format!("{}: cannot watch: {e}", path.display())),
            }
        }
        if watched == 0 {
            return Err(last_error.unwrap_or_else(|| "nothing to watch".into()));
        }
        Ok(this)
    }

    /// Watch `root` and, when it is a folder, every folder below it, one watch per folder.
    /// notify's own recursive mode stats every file of the tree to find the folders (100,000
    /// files: a fifth of a second of CPU taken from the load); the folder listing already
    /// says which entries are folders. Skipped like the loader skips them: hidden entries and
    /// links to folders (one pointing at its parent would walk forever).
    fn watch_tree(&mut self, root: &Path) -> notify::Result<()> {
        self.watcher.watch(root, RecursiveMode::NonRecursive)?;
        self.folders += 1;
        let mut below = vec![root.to_path_buf()];
        while let Some(folder) = below.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let hidden = crate::ingest::is_hidden(&entry.file_name());
                if hidden || !entry.file_type().is_ok_and(|t| t.is_dir()) {
                    continue;
                }
                if self.folders >= MAX_FOLDERS {
                    return Ok(());
                }
                let path = entry.path();
                // A folder that cannot be watched (gone already, no permission) is skipped.
                if self
                    .watcher
                    .watch(&path, RecursiveMode::NonRecursive)
                    .is_ok()
                {
                    self.folders += 1;
                    below.push(path);
                }
            }
        }
        Ok(())
    }

    /// Note one event: a relevant one starts the quiet spell; a folder that appeared is
    /// watched too, with whatever it already holds.
    fn take(&mut self, event: notify::Event) {
        use notify::EventKind;
        if !is_relevant(&event) {
            return;
        }
        self.pending_since = Some(Instant::now());
        if matches!(event.kind, EventKind::Create(_) | EventKind::Modify(_)) {
            for path in &event.paths {
                let folder = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_dir());
                let hidden = path.file_name().is_some_and(crate::ingest::is_hidden);
                if folder && !hidden {
                    let _ = self.watch_tree(path);
                }
            }
        }
    }

    /// True once after a burst of relevant changes has settled.
    pub fn changed(&mut self) -> bool {
        while let Ok(event) = self.events.try_recv() {
            if let Ok(event) = event {
                self.take(event);
            }
        }
        match self.pending_since {
            Some(since) if since.elapsed() >= QUIET => {
                self.pending_since = None;
                true
            }
            _ => false,
        }
    }

    /// Block up to `timeout` for a settled change (for tests and simple loops).
    pub fn wait_changed(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if self.changed() {
                return true;
            }
            match self.events.recv_timeout(Duration::from_millis(50)) {
                Ok(Ok(event)) => self.take(event),
                Ok(Err(_)) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return false,
            }
        }
        false
    }
}

/// Creations, writes, renames and removals of visible files matter; reads and hidden files
/// (editor swap files, our own temporary files) do not.
fn is_relevant(event: &notify::Event) -> bool {
    use notify::EventKind;
    let kind_matters = matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    );
    let visible = event
        .paths
        .iter()
        .any(|p| p.file_name().is_some_and(|n| !crate::ingest::is_hidden(n)));
    kind_matters && visible
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_in_a_watched_folder_is_reported_once() {
        let dir = tempfile::tempdir().expect("dir");
        let mut watcher = FolderWatcher::new(&[dir.path().to_path_buf()]).expect("watch");
        assert!(!watcher.changed());
        std::fs::write(dir.path().join("new.txt"), "Headline\nBody text.\n").expect("write");
        assert!(watcher.wait_changed(Duration::from_secs(10)), "change seen");
        assert!(!watcher.changed(), "reported once");
    }

    #[test]
    fn a_file_in_a_folder_below_is_reported() {
        let dir = tempfile::tempdir().expect("dir");
        let deep = dir.path().join("2025").join("10");
        std::fs::create_dir_all(&deep).expect("folders");
        let mut watcher = FolderWatcher::new(&[dir.path().to_path_buf()]).expect("watch");
        std::fs::write(deep.join("new.txt"), "Headline\nBody text.\n").expect("write");
        assert!(watcher.wait_changed(Duration::from_secs(10)), "change seen");
    }

    #[test]
    fn a_folder_made_after_the_watch_began_is_watched_too() {
        let dir = tempfile::tempdir().expect("dir");
        let mut watcher = FolderWatcher::new(&[dir.path().to_path_buf()]).expect("watch");
        let day = dir.path().join("2025-11-02");
        std::fs::create_dir(&day).expect("folder");
        // The folder's creation is itself a change: let it settle and be taken.
        assert!(watcher.wait_changed(Duration::from_secs(10)), "folder seen");
        std::fs::write(day.join("new.txt"), "Headline\nBody text.\n").expect("write");
        assert!(
            watcher.wait_changed(Duration::from_secs(10)),
            "a file in the new folder is seen"
        );
    }

    #[test]
    fn a_watched_file_that_changes_is_reported() {
        let dir = tempfile::tempdir().expect("dir");
        let file = dir.path().join("one.txt");
        std::fs::write(&file, "Headline\nBody.\n").expect("write");
        let mut watcher = FolderWatcher::new(std::slice::from_ref(&file)).expect("watch");
        std::fs::write(&file, "Headline\nBody, changed.\n").expect("write");
        assert!(watcher.wait_changed(Duration::from_secs(10)), "change seen");
    }

    #[test]
    fn hidden_files_are_ignored() {
        let dir = tempfile::tempdir().expect("dir");
        let mut watcher = FolderWatcher::new(&[dir.path().to_path_buf()]).expect("watch");
        std::fs::write(dir.path().join(".swap"), "x").expect("write");
        assert!(!watcher.wait_changed(Duration::from_millis(800)));
    }

    #[test]
    fn unwatchable_paths_are_an_error_not_a_panic() {
        let err = FolderWatcher::new(&[PathBuf::from("/nonexistent/parallax")]).err();
        assert!(err.is_some_and(|e| e.contains("cannot watch")));
    }
}
