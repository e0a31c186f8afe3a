//! The story in front when the reader was closed, kept whole (its articles, their copies and
//! their placements) so that the next launch shows it before the rest of the corpus is read:
//! on 10,000 files the full load takes a few hundred milliseconds, the story a few.
//!
//! It is shown only while it is still true: the same opened folders, the same rules (binary,
//! config, manifests), the same placements by the reader, and every member file at the size
//! and modification time it had. The full load follows and takes over, so a story that has
//! grown meanwhile is only shown smaller for a moment.

use super::cache::{mtime_ns, rules_version};
use crate::model::{Article, Corpus, DuplicateGroup, Story};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Stories larger than this (with their copies) are not kept: the record would cost more to
/// write at every quit and read at every launch than it saves.
const MAX_ARTICLES: usize = 300;

/// The saved story. Article indexes in `story` and `duplicates` are into `articles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontStory {
    /// `rules_version()` when saved: another binary or config reads its files otherwise.
    rules: String,
    /// The opened paths, canonical, and a hash of the reader's own placements.
    opened: Vec<String>,
    placements: String,
    /// Each member file (canonical) with its size and modification time when saved.
    files: Vec<(String, u64, i64)>,
    story: Story,
    articles: Vec<Article>,
    duplicates: Vec<DuplicateGroup>,
}

/// The opened paths, resolved, so a launch from another folder still recognises them.
fn canonical(paths: &[PathBuf]) -> Option<Vec<String>> {
    paths
        .iter()
        .map(|p| {
            std::fs::canonicalize(p)
                .ok()
                .map(|c| c.to_string_lossy().into_owned())
        })
        .collect()
}

/// A fingerprint of the reader's placements (article id → perspective), in id order.
fn placements_hash(choices: &HashMap<String, String>) -> String {
    let mut sorted: Vec<(&String, &String)> = choices.iter().collect();
    sorted.sort();
    let mut h = crate::store::hash::Hasher::default();
    for (id, perspective) in sorted {
        h.field(id.as_bytes()).field(perspective.as_bytes());
    }
    h.finish()
}

/// A file's size and modification time now.
fn stat(path: &Path) -> Option<(u64, i64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), mtime_ns(&meta)))
}

impl FrontStory {
    /// Story `story` of `corpus` (opened from `paths`) as it stands, or `None` when it
    /// cannot be checked next time (the bundled seeds, a file gone, no trustworthy time).
    pub fn of(
        corpus: &Corpus,
        story: usize,
        paths: &[PathBuf],
        choices: &HashMap<String, String>,
    ) -> Option<FrontStory> {
        let story = corpus.stories.get(story)?;
        let opened = canonical(paths).filter(|o| !o.is_empty())?;
        // The story's articles, then their copies (shown as "also in"), renumbered.
        let members = corpus.story_members(story);
        // A text still in the store would be kept empty and shown so next time.
        if members.len() > MAX_ARTICLES || members.iter().any(|&m| corpus.texts_away.is_away(m)) {
            return None;
        }
        let position: HashMap<usize, usize> =
            members.iter().enumerate().map(|(k, &m)| (m, k)).collect();
        let articles: Vec<Article> = members
            .iter()
            .map(|&m| corpus.articles.get(m).cloned())
            .collect::<Option<_>>()?;
        let mut files: Vec<(String, u64, i64)> = Vec::new();
        for article in &articles {
            let path = std::fs::canonicalize(&article.source).ok()?;
            let (size, mtime) = stat(&path)?;
            // A time of 0 could not be read: the file could change unseen.
            if mtime == 0 {
                return None;
            }
            let path = path.to_string_lossy().into_owned();
            if !files.iter().any(|f| f.0 == path) {
                files.push((path, size, mtime));
            }
        }
        let duplicates = story
            .articles
            .iter()
            .filter(|&&m| !corpus.also_in(m).is_empty())
            .map(|&m| DuplicateGroup {
                original: position[&m],
                copies: corpus.also_in(m).iter().map(|c| position[c]).collect(),
            })
            .collect();
        let mut saved = story.clone();
        saved.articles = (0..story.articles.len()).collect();
        Some(FrontStory {
            rules: rules_version().to_string(),
            opened,
            placements: placements_hash(choices),
            files,
            story: saved,
            articles,
            duplicates,
        })
    }

    /// The story as a corpus of its own, when it is still what the files say for these
    /// opened `paths` and these placements; `None` when anything changed.
    pub fn still_true(
        self,
        paths: &[PathBuf],
        choices: &HashMap<String, String>,
    ) -> Option<Corpus> {
        if self.rules != rules_version()
            || canonical(paths).as_ref() != Some(&self.opened)
            || self.placements != placements_hash(choices)
        {
            return None;
        }
        for (path, size, mtime) in &self.files {
            if stat(Path::new(path)) != Some((*size, *mtime)) {
                return None;
            }
        }
        // What a damaged or hand-edited record could get wrong, checked: every index in range.
        let n = self.articles.len();
        let in_range = self.story.articles.iter().all(|&i| i < n)
            && self
                .duplicates
                .iter()
                .all(|g| g.original < n && g.copies.iter().all(|&c| c < n));
        if !in_range || self.story.articles.is_empty() {
            return None;
        }
        let mut corpus = Corpus::new(self.articles, Vec::new(), &Default::default());
        corpus.stories = vec![self.story];
        corpus.duplicates = self.duplicates;
        Some(corpus)
    }

    pub fn to_json(&self) -> Option<String> {
        serde_json::to_string(self).ok()
    }

    /// A saved record; `None` for anything unreadable (the launch then simply waits).
    pub fn from_json(json: &str) -> Option<FrontStory> {
        serde_json::from_str(json).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind, Format};

    fn article(id: &str, source: &Path) -> Article {
        Article {
            id: id.into(),
            source: source.to_string_lossy().into_owned(),
            format: Format::Text,
            title: format!("Title {id}"),
            outlet: None,
            perspective: "wire".into(),
            perspective_reason: "test".into(),
            perspective_source: "rule".into(),
            perspective_confidence: 1.0,
            language: None,
            date: Some("2025-10-29".into()),
            url: None,
            byline: None,
            dateline: None,
            story: None,
            blocks: vec![Block::new(BlockKind::Paragraph, format!("Text of {id}."))],
            warnings: vec![],
            dropped: vec![],
        }
    }

    /// A folder of three files: stories {a, b} (c a copy of a) and {d}.
    fn corpus(dir: &Path) -> Corpus {
        for name in ["a", "b", "c", "d"] {
            std::fs::write(dir.join(format!("{name}.txt")), name).unwrap();
        }
        let articles: Vec<Article> = ["a", "b", "c", "d"]
            .iter()
            .map(|n| article(n, &dir.join(format!("{n}.txt"))))
            .collect();
        let mut corpus = Corpus::new(articles, Vec::new(), &Default::default());
        corpus.stories = vec![
            Story {
                id: "s1".into(),
                title: "Story one".into(),
                articles: vec![0, 1],
                first_day: None,
                last_day: None,
            },
            Story {
                id: "s2".into(),
                title: "Story two".into(),
                articles: vec![3],
                first_day: None,
                last_day: None,
            },
        ];
        corpus.duplicates = vec![DuplicateGroup {
            original: 0,
            copies: vec![2],
        }];
        corpus
    }

    #[test]
    fn a_saved_story_comes_back_with_its_copies_while_nothing_changed() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = corpus(dir.path());
        let paths = vec![dir.path().to_path_buf()];
        let choices = HashMap::new();
        let saved = FrontStory::of(&corpus, 0, &paths, &choices).unwrap();
        let json = saved.to_json().unwrap();
        let shown = FrontStory::from_json(&json)
            .unwrap()
            .still_true(&paths, &choices)
            .unwrap();
        let ids: Vec<&str> = shown.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(shown.stories.len(), 1);
        assert_eq!(shown.stories[0].id, "s1");
        assert_eq!(shown.stories[0].articles, [0, 1]);
        assert_eq!(shown.also_in(0), [2]);
    }

    #[test]
    fn any_change_makes_the_saved_story_stale() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = corpus(dir.path());
        let paths = vec![dir.path().to_path_buf()];
        let none = HashMap::new();
        let saved = FrontStory::of(&corpus, 0, &paths, &none).unwrap();
        // Other folders opened.
        let other = tempfile::tempdir().unwrap();
        assert!(saved
            .clone()
            .still_true(&[other.path().to_path_buf()], &none)
            .is_none());
        // A placement by the reader since.
        let placed: HashMap<String, String> = [("a".to_string(), "korean".to_string())].into();
        assert!(saved.clone().still_true(&paths, &placed).is_none());
        // Another binary or config.
        let mut other_rules = saved.clone();
        other_rules.rules = "another".into();
        assert!(other_rules.still_true(&paths, &none).is_none());
        // A copy's file changed (its size), or a member's file is gone.
        std::fs::write(dir.path().join("c.txt"), "changed").unwrap();
        assert!(saved.clone().still_true(&paths, &none).is_none());
        let saved = FrontStory::of(&corpus, 0, &paths, &none).unwrap();
        std::fs::remove_file(dir.path().join("b.txt")).unwrap();
        assert!(saved.still_true(&paths, &none).is_none());
    }

    #[test]
    fn a_damaged_record_is_ignored() {
        assert!(FrontStory::from_json("{not json").is_none());
        assert!(FrontStory::from_json("").is_none());
        let dir = tempfile::tempdir().unwrap();
        let corpus = corpus(dir.path());
        let paths = vec![dir.path().to_path_buf()];
        let none = HashMap::new();
        let mut saved = FrontStory::of(&corpus, 1, &paths, &none).unwrap();
        saved.story.articles = vec![7];
        assert!(saved.still_true(&paths, &none).is_none());
        // No story there, or the bundled corpus (no files): nothing to save.
        assert!(FrontStory::of(&corpus, 5, &paths, &none).is_none());
        assert!(FrontStory::of(&corpus, 0, &[], &none).is_none());
    }
}
