//! Live folders: watch the opened files and folders and say when something changed, so the
//! reader can reload without a restart. Events are coalesced: a burst of writes (an editor
//! saving, a download finishing) becomes one change notice after a short quiet spell.

use notify::{RecursiveMode, Watcher};
use std::path::PathBuf;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the folders must stay quiet before a change is reported.
pub const QUIET: Duration = Duration::from_millis(250);

/// Watches paths; `changed()` tells, without blocking, whether files changed since last asked.
pub struct FolderWatcher {
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    pending_since: Option<Instant>,
}

impl FolderWatcher {
    /// Watch every path (folders recursively). Paths that cannot be watched are skipped; when
    /// none can be, the error says why.
    pub fn new(paths: &[PathBuf]) -> Result<FolderWatcher, String> {
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })
        .map_err(|e| format!("cannot watch folders: {e}"))?;
        let mut watched = 0;
        let mut last_error = None;
        for path in paths {
            match watcher.watch(path, RecursiveMode::Recursive) {
                Ok(()) => watched += 1,
                Err(e) => last_error = Some(format!("{}: cannot watch: {e}", path.display())),
            }
        }
        if watched == 0 {
            return Err(last_error.unwrap_or_else(|| "nothing to watch".into()));
        }
        Ok(FolderWatcher {
            _watcher: watcher,
            events,
            pending_since: None,
        })
    }

    /// True once after a burst of relevant changes has settled.
    pub fn changed(&mut self) -> bool {
        loop {
            match self.events.try_recv() {
                Ok(Ok(event)) if is_relevant(&event) => self.pending_since = Some(Instant::now()),
                Ok(_) => {}
                Err(_) => break,
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
                Ok(Ok(event)) if is_relevant(&event) => self.pending_since = Some(Instant::now()),
                Ok(_) | Err(RecvTimeoutError::Timeout) => {}
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
    let visible = event.paths.iter().any(|p| {
        p.file_name()
            .map(|n| !n.to_string_lossy().starts_with('.'))
            .unwrap_or(false)
    });
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
