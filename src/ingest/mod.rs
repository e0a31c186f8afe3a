//! Bytes to articles. `load_paths` walks files and folders, `load_seeds` reads the bundled
//! corpus; both go through `ingest_file`: decode → sniff the format → parse into a `Draft` →
//! drop boilerplate → read metadata → classify → `Article`.

pub mod boilerplate;
pub mod cache;
pub mod classify;
pub mod cues;
pub mod dates;
pub mod decode;
pub mod draft;
pub mod feed;
pub mod fetched;
pub mod front;
pub mod frontmatter;
pub mod html;
pub mod infer;
pub mod inferred;
pub mod json;
pub mod limits;
pub mod local_day;
pub mod manifest;
pub mod metadata;
pub mod plain;
pub mod seeds;
pub mod self_reference;
pub mod texts;
pub mod web_dropped;
pub mod webpage;

use crate::model::{Article, Block, Corpus, Dropped, Format, LoadWarning};
use crate::text::sanitize::{clean_line, clean_text};
use boilerplate::Boilerplate;
use classify::{Classifier, Evidence};
use decode::{decode, Decoded};
use draft::{Draft, Meta, RawBlock};
use manifest::Manifest;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// The shared rules and the HTML extractor an ingest run uses.
pub struct Ingestor<'a> {
    /// The boilerplate rules; `None`: the embedded ones, compiled only when a file is
    /// parsed (a launch served from the cache never needs them).
    pub boilerplate: Option<&'a Boilerplate>,
    pub classifier: &'a Classifier,
    pub html: &'a dyn html::HtmlExtractor,
    /// Group into stories and find duplicates (false for `list` and `check`, which need
    /// neither: the corpus then has no stories at all).
    pub stories: bool,
    /// The reader's own placements (article id → perspective id, from the reading state):
    /// they win over every rule and train the inference with the rules' placements.
    pub choices: Option<&'a HashMap<String, String>>,
    /// Told (files done, files in all) as files are read, from the parsing threads.
    pub progress: Option<Progress<'a>>,
    /// Read the articles' text (false for `list` and `check`, which show none, and for the
    /// reader, which reads a story's text when it opens it: an unchanged file then comes
    /// from its summary row, a fraction of the bytes, and `Corpus::texts_away` says where its
    /// text is). When the corpus cannot be placed or grouped without the text (a file
    /// changed, new placements), it is read whole after all.
    pub texts: bool,
}

/// A callback for loading progress: (files done, files in all).
pub type Progress<'a> = &'a (dyn Fn(usize, usize) + Sync);

impl Default for Ingestor<'static> {
    fn default() -> Self {
        Ingestor {
            boilerplate: None,
            classifier: Classifier::active(),
            html: webpage::default_extractor(),
            stories: true,
            choices: None,
            progress: None,
            texts: true,
        }
    }
}

/// One input file's outcome.
#[derive(Debug, Default)]
pub struct FileResult {
    pub articles: Vec<Article>,
    pub warnings: Vec<LoadWarning>,
}

/// The bundled seeds with their manifest, under the embedded rules.
pub fn load_seeds() -> Corpus {
    Ingestor::default().load_seeds()
}

/// Files and folders under the embedded rules; see `Ingestor::load_paths`.
pub fn load_paths(paths: &[PathBuf]) -> Corpus {
    Ingestor::default().load_paths(paths)
}

impl Ingestor<'_> {
    fn user(&self) -> Option<(&HashMap<String, String>, &Classifier)> {
        self.choices.map(|c| (c, self.classifier))
    }

    /// The bundled seeds with their manifest.
    pub fn load_seeds(&self) -> Corpus {
        let ingestor = self;
        let mut warnings = Vec::new();
        let manifest = parse_manifest("seeds/manifest.toml", seeds::MANIFEST, &mut warnings);
        let mut articles = Vec::new();
        for (path, bytes) in seeds::FILES {
            let result = ingestor.ingest_file(
                path,
                bytes,
                manifest.as_ref().map(|m| (m, "seeds/manifest.toml")),
            );
            articles.extend(result.articles);
            warnings.extend(result.warnings);
        }
        let corpus = finish(
            articles,
            warnings,
            manifest.into_iter().collect(),
            self.user(),
            None,
            self.stories,
            (true, Default::default()),
        );
        // With the text read, `finish` always gives the corpus.
        corpus.unwrap_or_else(|| Corpus::new(Vec::new(), Vec::new(), &BTreeMap::new()))
    }

    /// Files and folders (recursively; hidden entries skipped). A `manifest.toml` in a folder
    /// applies to the files beside it.
    pub fn load_paths(&self, paths: &[PathBuf]) -> Corpus {
        self.load_paths_cached(paths, None)
    }

    /// `load_paths` with the store's caches: only new or changed files are parsed, and the
    /// stories of an unchanged corpus are read back instead of computed. Only for the
    /// active rules (the rules version names those), not a hand-built `Ingestor`.
    pub fn load_paths_cached(
        &self,
        paths: &[PathBuf],
        cache: Option<&crate::store::Shared>,
    ) -> Corpus {
        let mut warnings = Vec::new();
        let mut files = Vec::new();
        for path in paths {
            collect_files(path, &mut files, &mut warnings);
        }
        files.sort();
        files.dedup();
        files.retain(|f| f.file_name().is_none_or(|n| n != manifest::FILE_NAME));
        // Each folder's manifest, read once, before the files are parsed in parallel.
        let mut manifests: BTreeMap<PathBuf, Option<(Manifest, String)>> = BTreeMap::new();
        for file in &files {
            let folder = file.parent().unwrap_or(Path::new("")).to_path_buf();
            if let std::collections::btree_map::Entry::Vacant(slot) = manifests.entry(folder) {
                let path = slot.key().join(manifest::FILE_NAME);
                let manifest =
                    read_manifest(&path, &mut warnings).map(|m| (m, display_path(&path)));
                slot.insert(manifest);
            }
        }
        // With a store: each folder's rules (the rules version and its manifest), each
        // file's stat and cached row.
        // Summaries serve a load without the text: `list` and `check`, and the reader when
        // the stories are stored (grouping and copies need the text; `finish` says so).
        let part = match self.texts {
            true => crate::store::files::Part::Whole,
            false => crate::store::files::Part::Summary,
        };
        let folder_rules: BTreeMap<&Path, String> = manifests
            .keys()
            .map(|folder| {
                let manifest = limits::read_bounded(
                    &folder.join(manifest::FILE_NAME),
                    limits::MAX_MANIFEST_BYTES,
                )
                .unwrap_or_default();
                let mut h = crate::store::hash::Hasher::default();
                h.field(cache::rules_version().as_bytes()).field(&manifest);
                (folder.as_path(), h.finish())
            })
            .collect();
        let keys = cache::Keys::new(paths);
        // The stored rows are read on a thread of their own while every file is stat'ed:
        // one is SQLite's work, the other system calls, and a warm launch is mostly both.
        let store_path = cache.map(|store| display_path(store.lock().path()));
        let (rows, stats) = std::thread::scope(|scope| {
            let reading = cache.map(|store| {
                scope.spawn(move || store.lock().cached_files(part).map_err(|e| e.to_string()))
            });
            let stats: Vec<Option<cache::Stat>> = match reading {
                Some(_) => crate::analysis::parallel::map_in_order(&files, |file| {
                    let folder = file.parent().unwrap_or(Path::new(""));
                    cache::Stat::of(file, keys.key(file), folder_rules.get(folder)?)
                }),
                None => files.iter().map(|_| None).collect(),
            };
            let rows = reading.map(|thread| {
                thread
                    .join()
                    .unwrap_or_else(|_| Err("reading the store failed".to_string()))
            });
            (rows, stats)
        });
        let mut cached = rows.map(|rows| match rows {
            Ok(rows) => rows,
            Err(e) => {
                warnings.push(LoadWarning {
                    file: store_path.clone().unwrap_or_default(),
                    message: format!("{e}; parsing every file"),
                });
                Default::default()
            }
        });
        let lookups: Vec<Option<(cache::Stat, Option<crate::store::files::CachedFile>)>> = stats
            .into_iter()
            .map(|stat| {
                let rows = cached.as_mut()?;
                let stat = stat?;
                let row = rows.remove(&stat.key);
                Some((stat, row))
            })
            .collect();
        let parse_unguarded =
            |file: &PathBuf,
             lookup: Option<&(cache::Stat, Option<crate::store::files::CachedFile>)>|
             -> Parsed {
                let display = display_path(file);
                if let Some((stat, Some(row))) = lookup {
                    if stat.unchanged(row) {
                        if let Some((result, whole)) = cache::decode(&row.result, &display) {
                            return Parsed {
                                result,
                                content_hash: Some(row.content_hash.clone()),
                                fresh: None,
                                whole,
                            };
                        }
                    }
                }
                let folder = file.parent().unwrap_or(Path::new(""));
                let manifest = manifests
                    .get(folder)
                    .and_then(Option::as_ref)
                    .map(|(m, p)| (m, p.as_str()));
                match read_file(file) {
                    Ok(bytes) => {
                        let content_hash = crate::store::hash::of(&bytes);
                        if let Some((stat, row)) = lookup {
                            // Touched but not changed: the stored parse, with the new time
                            // (a summary cannot be stored again as the whole row: parse).
                            if let Some(row) = row
                                .as_ref()
                                .filter(|r| r.content_hash == content_hash && r.rules == stat.rules)
                            {
                                if let Some((result, true)) = cache::decode(&row.result, &display) {
                                    let fresh = cache::row(stat, content_hash.clone(), &result);
                                    return Parsed {
                                        result,
                                        content_hash: Some(content_hash),
                                        fresh: Some(fresh),
                                        whole: true,
                                    };
                                }
                            }
                        }
                        let result = self.ingest_file(&display, &bytes, manifest);
                        let fresh =
                            lookup.map(|(stat, _)| cache::row(stat, content_hash.clone(), &result));
                        Parsed {
                            result,
                            content_hash: Some(content_hash),
                            fresh,
                            whole: true,
                        }
                    }
                    Err(message) => Parsed {
                        result: FileResult {
                            articles: Vec::new(),
                            warnings: vec![LoadWarning {
                                file: display,
                                message,
                            }],
                        },
                        content_hash: None,
                        fresh: None,
                        whole: true,
                    },
                }
            };
        let failed = |file: &PathBuf| Parsed {
            result: FileResult {
                articles: Vec::new(),
                warnings: vec![LoadWarning {
                    file: display_path(file),
                    message: "internal error while reading this file; skipped".into(),
                }],
            },
            content_hash: None,
            fresh: None,
            whole: true,
        };
        let done = std::sync::atomic::AtomicUsize::new(0);
        let total = files.len();
        // A parser bug (a panic) in one file loses that file only.
        let parse = |(file, lookup): (
            &PathBuf,
            &Option<(cache::Stat, Option<crate::store::files::CachedFile>)>,
        )|
         -> Parsed {
            let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                parse_unguarded(file, lookup.as_ref())
            }))
            .unwrap_or_else(|_| failed(file));
            if let Some(progress) = self.progress {
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                // Every few files is plenty for a progress line.
                if n.is_multiple_of(PROGRESS_EVERY) || n == total {
                    progress(n, total);
                }
            }
            parsed
        };
        // Files are independent: parse them on every core, then keep the results in path
        // order so ids and stories come out the same on every run.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = files.len().div_ceil(threads).max(1);
        let results: Vec<Parsed> = std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .zip(lookups.chunks(chunk))
                .map(|(part, looks)| {
                    (
                        part,
                        scope.spawn(move || part.iter().zip(looks).map(parse).collect()),
                    )
                })
                .collect();
            let mut results = Vec::with_capacity(files.len());
            for (part, handle) in handles {
                // A parser bug must not take the other files down, nor hide these.
                results.extend(
                    handle
                        .join()
                        .unwrap_or_else(|_| part.iter().map(failed).collect::<Vec<_>>()),
                );
            }
            results
        });
        let mut story_key = cache::StoryKey::new();
        let mut put = Vec::new();
        // Sized once: grown by doubling, 100,000 articles were copied over and over.
        let mut articles =
            Vec::with_capacity(results.iter().map(|p| p.result.articles.len()).sum());
        let mut texts = true;
        // Where the reader finds each summary article's text later (`texts::bring`).
        let mut texts_away = crate::model::TextsAway::default();
        let keep_away = self.stories && !self.texts;
        for ((file, lookup), parsed) in files.iter().zip(&lookups).zip(results) {
            texts &= parsed.whole;
            if keep_away {
                let away = match (parsed.whole, lookup) {
                    (false, Some((stat, _))) => {
                        let file = u32::try_from(texts_away.files.len()).unwrap_or(u32::MAX);
                        texts_away.files.push(stat.key.clone());
                        (0..parsed.result.articles.len())
                            .map(|nth| Some((file, u32::try_from(nth).unwrap_or(u32::MAX))))
                            .collect()
                    }
                    _ => vec![None; parsed.result.articles.len()],
                };
                texts_away.away.extend(away);
            }
            let rules = lookup.as_ref().map_or("", |(stat, _)| stat.rules.as_str());
            story_key.file(file, rules, parsed.content_hash.as_deref());
            if let (Some((stat, _)), Some(row)) = (lookup, parsed.fresh) {
                put.push((stat.key.clone(), row));
            }
            articles.extend(parsed.result.articles);
            warnings.extend(parsed.result.warnings);
        }
        let mut stories_cache = None;
        if let Some(shared) = cache {
            // Rows left over are files not seen this time: drop those inside the opened
            // folders (vanished); keep the rest (another folder's, opened another day).
            let roots = keys.roots();
            let vanished: Vec<String> = cached
                .into_iter()
                .flatten()
                .map(|(key, _)| key)
                .filter(|key| {
                    roots.iter().any(|root| {
                        key == root
                            || key
                                .strip_prefix(root.as_str())
                                .is_some_and(|rest| rest.starts_with('/'))
                    })
                })
                .collect();
            let written = shared.lock().update_files(&put, &vanished);
            if let Err(e) = written {
                warnings.push(LoadWarning {
                    file: store_path.clone().unwrap_or_default(),
                    message: format!("{e}; parses not cached"),
                });
            }
            // The assignment is kept per set of opened folders, so files added to them
            // keep the stories (and ids) their neighbours had.
            let mut folders = crate::store::hash::Hasher::default();
            folders.field(b"assignment");
            for root in &roots {
                folders.field(root.as_bytes());
            }
            let assignment_key = format!("assignment-{}", folders.finish());
            stories_cache = story_key.finish().map(|key| StoriesCache {
                store: shared,
                key,
                assignment_key,
            });
        }
        let manifests = manifests.into_values().flatten().map(|(m, _)| m).collect();
        let finished = finish(
            articles,
            warnings,
            manifests,
            self.user(),
            stories_cache,
            self.stories,
            (texts, texts_away),
        );
        match finished {
            Some(corpus) => corpus,
            // Placements not stored for these summaries (a file changed, or new placements):
            // read it whole, which infers and stores them for the next time.
            None => Ingestor {
                texts: true,
                ..*self
            }
            .load_paths_cached(paths, cache),
        }
    }
}

/// Files between two progress reports.
const PROGRESS_EVERY: usize = 64;

/// One file's outcome with what the cache needs: its content hash (None: unreadable) and
/// the row to store when it was parsed afresh or touched.
struct Parsed {
    result: FileResult,
    content_hash: Option<String>,
    fresh: Option<crate::store::files::CachedFile>,
    /// False when the articles came from a summary row, without their text.
    whole: bool,
}

/// A hidden file or folder (a name starting with a dot: editors' swap files, `.git`): the
/// loader skips it, and so does the folder watch.
pub fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn collect_files(path: &Path, files: &mut Vec<PathBuf>, warnings: &mut Vec<LoadWarning>) {
    let warn = |warnings: &mut Vec<LoadWarning>, message: String| {
        warnings.push(LoadWarning {
            file: display_path(path),
            message,
        })
    };
    let metadata = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return warn(warnings, format!("cannot open: {e}")),
    };
    if metadata.is_file() {
        files.push(path.to_path_buf());
        return;
    }
    if !metadata.is_dir() {
        return warn(warnings, "not a regular file or folder; skipped".into());
    }
    let mut entries: Vec<std::fs::DirEntry> = match std::fs::read_dir(path) {
        Ok(entries) => entries.flatten().collect(),
        Err(e) => return warn(warnings, format!("cannot read folder: {e}")),
    };
    // Walked in name order, the files come out in path order already, and the caller's sort
    // (component by component, the slow part of a warm launch's walk) only confirms it.
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        if is_hidden(&entry.file_name()) {
            continue;
        }
        // The entry's type comes with the folder listing: a file or folder costs no stat of
        // its own (100,000 of them were a third of a second). Links to folders are not
        // followed: one pointing at its own parent (or at `/`) would walk forever. A link to
        // a file is read like the file; anything else is looked at closely.
        match entry.file_type() {
            Ok(kind) if kind.is_file() => files.push(entry.path()),
            Ok(kind) if kind.is_dir() => collect_files(&entry.path(), files, warnings),
            Ok(kind) if kind.is_symlink() => {
                if !std::fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()) {
                    collect_files(&entry.path(), files, warnings);
                }
            }
            _ => collect_files(&entry.path(), files, warnings),
        }
    }
}

/// A path as shown to the user: file names are untrusted too, and may hold escape sequences.
fn display_path(path: &Path) -> String {
    clean_line(&path.display().to_string())
}

fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot open: {e}"))?
        .len();
    if size > limits::MAX_FILE_BYTES {
        return Err(format!(
            "file is {:.1} MB, over the {} MB limit for one article file; skipped",
            size as f64 / 1_048_576.0,
            limits::MAX_FILE_BYTES / 1_048_576
        ));
    }
    // The size above is only a hint: a link to a `/proc` file reads 0 and never ends.
    limits::read_bounded(path, limits::MAX_FILE_BYTES)
}

fn read_manifest(path: &Path, warnings: &mut Vec<LoadWarning>) -> Option<Manifest> {
    if !path.is_file() {
        return None;
    }
    let display = display_path(path);
    let mut warn = |message: String| {
        warnings.push(LoadWarning {
            file: display.clone(),
            message,
        })
    };
    let bytes = match limits::read_bounded(path, limits::MAX_MANIFEST_BYTES) {
        Ok(bytes) => bytes,
        Err(why) => {
            warn(format!("manifest ignored: {why}"));
            return None;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        warn("manifest ignored: not UTF-8 text".into());
        return None;
    };
    parse_manifest(&display, &text, warnings)
}

fn parse_manifest(display: &str, text: &str, warnings: &mut Vec<LoadWarning>) -> Option<Manifest> {
    match Manifest::parse(text) {
        Ok(m) => Some(m),
        Err(e) => {
            warnings.push(LoadWarning {
                file: display.to_string(),
                message: format!("manifest ignored: {e}"),
            });
            None
        }
    }
}

/// Make ids unique, remember the ids earlier versions gave, then group into stories.
fn finish(
    mut articles: Vec<Article>,
    warnings: Vec<LoadWarning>,
    manifests: Vec<Manifest>,
    user: Option<(&HashMap<String, String>, &Classifier)>,
    stories_cache: Option<StoriesCache<'_>>,
    stories: bool,
    (texts, texts_away): (bool, crate::model::TextsAway),
) -> Option<Corpus> {
    // Warnings quote file contents (a broken TOML line, a JSON key): clean them like text.
    let warnings: Vec<LoadWarning> = warnings
        .into_iter()
        .map(|w| LoadWarning {
            file: clean_line(&w.file),
            message: clean_line(&w.message),
        })
        .collect();
    // Two files with the same identity (a copy of one article, or one GUID in two feeds):
    // the first in path order keeps the id, the others get one salted with their path.
    let mut seen = HashSet::new();
    for article in &mut articles {
        if !seen.insert(article.id.clone()) {
            let prefix = article
                .id
                .rsplit_once('-')
                .map_or(article.id.as_str(), |(p, _)| p)
                .to_string();
            let salted = format!("{}\0{}", article.id, article.source);
            article.id = crate::model::id::article_id(&prefix, &salted);
            seen.insert(article.id.clone());
        }
    }
    // The reader's placements first: they are final, and they train the inference too.
    let ruled_perspectives = user.map_or_else(HashMap::new, |(choices, classifier)| {
        classify::apply_user_choices(&mut articles, classifier, |id| choices.get(id).cloned())
    });
    // What the rules left unplaced, the rest of the corpus may place (only when confident);
    // an unchanged corpus with unchanged placements reads last time's result back.
    let inference_key = stories_cache
        .as_ref()
        .map(|cache| inferred::key(&cache.key, user.map(|(choices, _)| choices)));
    let mut inference_store = stories_cache.as_ref().map(|cache| cache.store.lock());
    let inference_cache = inference_store.as_deref_mut().zip(inference_key.as_deref());
    // Articles without their text take stored placements or none: `None` asks for the text.
    match (texts, inference_cache) {
        (true, cache) => inferred::infer_cached(&mut articles, cache),
        (false, Some((store, key))) if inferred::apply_stored(&mut articles, store, key) => {}
        (false, _) => return None,
    }
    drop(inference_store);
    // Unchanged articles under unchanged rules: the stories stored last time, taken as they
    // are (grouping each article alone first, only to drop that, cost 100,000 articles
    // a quarter of a second).
    let stored = match (&stories_cache, stories) {
        (Some(cache), true) => cache
            .store
            .lock()
            .cached_stories(&cache.key)
            .ok()
            .flatten()
            .and_then(|json| {
                let stored: cache::StoredStories = serde_json::from_str(&json).ok()?;
                (stored.articles == articles.len()).then_some(stored)
            }),
        _ => None,
    };
    // Without stories (`list`, `check`) the corpus has none at all.
    if stored.is_some() || !stories {
        let (stories, duplicates) =
            stored.map_or_else(Default::default, |s| (s.stories, s.duplicates));
        return Some(Corpus {
            articles,
            stories,
            warnings,
            duplicates,
            whole_load: true,
            ruled_perspectives,
            texts_away,
        });
    }
    // Grouping needs the text: read it whole.
    if !texts {
        return None;
    }
    // Stories by clustering (dates and shared names, places, figures, terms); a manifest or
    // front-matter `story` still pins an article, and keeps its manifest title.
    let story_titles: BTreeMap<String, String> = manifests
        .iter()
        .flat_map(|m| {
            m.stories
                .iter()
                .map(|(id, s)| (id.clone(), clean_line(&s.title)))
        })
        .collect();
    let mut corpus = Corpus::new(articles, warnings, &story_titles);
    corpus.whole_load = true;
    corpus.ruled_perspectives = ruled_perspectives;
    let Some(cache) = stories_cache else {
        let (stories, duplicates) = group_and_find_copies(&corpus.articles, || {
            crate::analysis::story::corpus_stories(&corpus)
        });
        corpus.stories = stories;
        corpus.set_duplicates(duplicates);
        return Some(corpus);
    };
    // Otherwise the stories remembered for these folders, carried on: new articles join
    // them and automatic stories keep their ids (`analysis::assign`).
    let previous: Option<crate::analysis::assign::Assignment> = cache
        .store
        .lock()
        .cached_stories(&cache.assignment_key)
        .ok()
        .flatten()
        .and_then(|json| serde_json::from_str(&json).ok());
    let ((stories, assignment), duplicates) = group_and_find_copies(&corpus.articles, || {
        crate::analysis::story::assigned_stories(&corpus, previous.as_ref(), cache::rules_version())
    });
    corpus.stories = stories;
    corpus.set_duplicates(duplicates);
    let stored = cache::StoredStories {
        stories: corpus.stories.clone(),
        duplicates: corpus.duplicates.clone(),
        articles: corpus.articles.len(),
    };
    // A failed write only costs the next launch a clustering (and new ids for new stories).
    if let Ok(json) = serde_json::to_string(&assignment) {
        let _ = cache.store.lock().put_stories(&cache.assignment_key, &json);
    }
    if let Ok(json) = serde_json::to_string(&stored) {
        let _ = cache.store.lock().put_stories(&cache.key, &json);
    }
    Some(corpus)
}

/// `group()` on this thread while the near-duplicates are found on another: the two are
/// independent, and a launch has two cores for them.
fn group_and_find_copies<T>(
    articles: &[Article],
    group: impl FnOnce() -> T,
) -> (T, Vec<crate::model::DuplicateGroup>) {
    std::thread::scope(|scope| {
        let copies = scope.spawn(|| crate::analysis::duplicates::find_duplicates(articles));
        let grouped = group();
        // A panic there is a bug already reported on stderr; the stories still stand.
        (grouped, copies.join().unwrap_or_default())
    })
}

/// Where `finish` reads and keeps stories: the exact result for this set of files, and the
/// assignment remembered for the folders opened (carried on when files come and go).
/// The store is locked for each use only: the reader saves its reading state through the
/// same store while the corpus loads, and must not wait for the whole load to do it.
struct StoriesCache<'a> {
    store: &'a crate::store::Shared,
    key: String,
    assignment_key: String,
}

impl Ingestor<'_> {
    /// One file's bytes to its articles (several for multi-item files) and warnings.
    pub fn ingest_file(
        &self,
        path: &str,
        bytes: &[u8],
        manifest: Option<(&Manifest, &str)>,
    ) -> FileResult {
        let mut result = FileResult::default();
        let warn = |result: &mut FileResult, message: String| {
            result.warnings.push(LoadWarning {
                file: path.to_string(),
                message,
            })
        };
        let (text, decode_warning) = match decode(bytes) {
            Decoded::Text { text, warning } => (text, warning),
            Decoded::NotText(why) => {
                warn(&mut result, why);
                return result;
            }
        };
        limits::take_notes(); // nothing left over from another file on this thread
        let parsed = self.parse(path, &text);
        let limit_notes = limits::take_notes();
        for note in &limit_notes {
            warn(&mut result, note.clone());
        }
        let drafts = match parsed {
            Ok(drafts) => drafts,
            Err(why) => {
                warn(&mut result, why);
                return result;
            }
        };
        let stem = file_stem(path);
        for mut draft in drafts {
            if let Some(w) = &decode_warning {
                draft.warnings.insert(0, w.clone());
            }
            let id = match (&draft.own_stem, &draft.item_suffix) {
                (Some(own), _) if !own.trim().is_empty() => readable_stem(own),
                (_, Some(suffix)) => format!("{stem}-{suffix}"),
                (_, None) => stem.clone(),
            };
            let entry =
                manifest.and_then(|(m, p)| m.entry(&id).or_else(|| m.entry(&stem)).map(|e| (e, p)));
            match self.build(id, path, draft, entry) {
                Ok(article) => result.articles.push(article),
                Err(why) => warn(&mut result, why),
            }
        }
        cap_file_warnings(&mut result);
        result
    }

    /// Sniff the format from the content (the extension only breaks ties) and parse.
    fn parse(&self, path: &str, text: &str) -> Result<Vec<Draft>, String> {
        let head = text.trim_start();
        if is_bare_json_scalar(head) {
            return Err(
                "JSON is a single value (a string, number, true, false or null), not an article; skipped"
                    .into(),
            );
        }
        let lower_head: String = head.chars().take(2048).collect::<String>().to_lowercase();
        if head.starts_with('{') || starts_like_json_array(head) {
            if let Some(feed) = feed::json_drafts(text, self.classifier) {
                return feed;
            }
            let (value, notes) = json::parse_lenient(text)?;
            if let Some(fetched) = fetched::fetched_draft(&value) {
                return fetched.map(|draft| vec![draft]);
            }
            if let Some(bundle) = fetched::bundle_drafts(&value) {
                return bundle;
            }
            let mut drafts = json::wordpress_drafts(&value)?;
            for draft in &mut drafts {
                draft.warnings.extend(notes.iter().cloned());
            }
            return Ok(drafts);
        }
        if head.starts_with('<') {
            // Deep nesting would overflow recursive parsers, and a huge tree stall them.
            let text = &*limits::bounded_html(text);
            if lower_head.contains("<rss")
                || lower_head.contains("<feed")
                || lower_head.contains("<rdf:rdf")
            {
                return feed::feed_drafts(text, self.classifier);
            }
            let looks_html = [
                "<!doctype html",
                "<html",
                "<head",
                "<body",
                "<article",
                "<p",
                "<div",
                "<h1",
            ]
            .iter()
            .any(|tag| lower_head.contains(tag));
            if looks_html {
                let mut draft = self.html.extract(text);
                draft.format = Format::Html;
                return Ok(vec![draft]);
            }
        }
        let (front, body, warning) = frontmatter::split(text);
        let is_markdown = front.is_some()
            || path.ends_with(".md")
            || path.ends_with(".markdown")
            || body
                .lines()
                .any(|l| l.starts_with("# ") || l.starts_with("## "));
        let format = if is_markdown {
            Format::Markdown
        } else {
            Format::Text
        };
        let mut draft = Draft::new(format, plain::parse(body));
        if let Some(meta) = front {
            if meta.perspective.is_some() {
                draft.perspective_from = Some("front matter".into());
            }
            draft.meta = meta;
        }
        draft.warnings.extend(warning);
        if looks_cut_off(text, draft.blocks.last()) {
            let tail: String = text
                .trim_end()
                .chars()
                .rev()
                .take(24)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            draft.warnings.push(format!(
                "text ends mid-sentence (\"…{}\"): the file may be truncated",
                clean_line(&tail)
            ));
        }
        Ok(vec![draft])
    }

    fn build(
        &self,
        id: String,
        path: &str,
        draft: Draft,
        manifest: Option<(&Meta, &str)>,
    ) -> Result<Article, String> {
        let Draft {
            format,
            blocks,
            mut meta,
            mut perspective_from,
            mut warnings,
            extra_text,
            guid,
            dropped: left_out,
            ..
        } = draft;
        if let Some((entry, manifest_path)) = manifest {
            meta.overlay(entry);
            if entry.perspective.is_some() {
                perspective_from = Some(manifest_path.to_string());
            }
        }
        let mut blocks: Vec<RawBlock> = blocks.into_iter().filter_map(sanitize_block).collect();
        // The identity is taken before boilerplate rules cut anything, so a rules update
        // never changes an id (and never moves a note).
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        let identity = crate::model::id::identity_key(
            guid.as_deref(),
            meta.url.as_deref(),
            meta.title.as_deref().unwrap_or_default(),
            &texts,
        );
        if let Some(cut) = limits::cap_text(&mut blocks) {
            warnings.push(cut);
        }
        let total = blocks.len();
        // The placement reads every block, in the page's order: credits stand at the head
        // and at the end ("…(Yonhap)", a lone "REUTERS" line), and boilerplate rules may drop
        // a masthead or a copyright line that is the best evidence of who wrote it.
        let evidence_text: String = std::iter::once(extra_text.as_str())
            .filter(|t| !t.is_empty())
            .chain(blocks.iter().map(|b| b.text.as_str()))
            .collect::<Vec<_>>()
            .join("\n");
        let rules = self.boilerplate.unwrap_or_else(|| Boilerplate::embedded());
        let mut stripped = rules.strip(blocks);
        metadata::extract(&mut stripped, &mut meta);
        if stripped.kept.is_empty() {
            return Err(if total == 0 {
                "no article text found; skipped".to_string()
            } else {
                format!("no article text left after removing boilerplate ({total} block(s) dropped); skipped")
            });
        }

        let placement = self.classifier.classify(&Evidence {
            outlet: meta.outlet.as_deref(),
            url: meta.url.as_deref(),
            text: &evidence_text,
        });
        let (perspective, perspective_reason, perspective_source, perspective_confidence) =
            match (&meta.perspective, perspective_from) {
                // A subscription's perspective is the reader's own choice for the whole feed.
                (Some(p), Some(from))
                    if from.starts_with(fetched::SUBSCRIPTION)
                        && self.classifier.perspective(p).is_some() =>
                {
                    (p.clone(), from, classify::Source::Subscription, 1.0)
                }
                (Some(p), Some(from)) if self.classifier.perspective(p).is_some() => (
                    p.clone(),
                    format!("set by {from}"),
                    classify::Source::Manifest,
                    1.0,
                ),
                (Some(p), _) => {
                    warnings.push(format!(
                        "unknown perspective \"{p}\" ignored; classified by rules"
                    ));
                    (
                        placement.perspective.clone(),
                        placement.reason.clone(),
                        placement.source,
                        placement.confidence,
                    )
                }
                (None, _) => (
                    placement.perspective.clone(),
                    placement.reason.clone(),
                    placement.source,
                    placement.confidence,
                ),
            };
        let date = meta.date.as_deref().and_then(|d| {
            let normalized = dates::find_first(d, meta.year).map(|f| f.iso);
            if normalized.is_none() {
                warnings.push(format!(
                    "date \"{}\" not understood; ignored",
                    clean_line(d)
                ));
            }
            normalized
        });
        let clean = |v: Option<String>| v.map(|s| clean_line(&s)).filter(|s| !s.is_empty());
        let blocks: Vec<Block> = stripped
            .kept
            .into_iter()
            .filter_map(RawBlock::into_block)
            .collect();
        Ok(Article {
            id: crate::model::id::article_id(&id, &identity),
            source: path.to_string(),
            format,
            title: clean(meta.title).unwrap_or_else(|| "(untitled)".into()),
            outlet: clean(meta.outlet.or(placement.outlet)),
            perspective,
            perspective_reason,
            perspective_source: perspective_source.as_str().to_string(),
            // Two decimals: the figure is for people and JSON consumers, not arithmetic.
            perspective_confidence: (f64::from(perspective_confidence) * 100.0).round() / 100.0,
            language: clean(meta.language),
            date,
            url: clean(meta.url),
            byline: clean(meta.byline),
            dateline: clean(meta.dateline),
            story: clean(meta.story),
            blocks,
            warnings: warnings.iter().map(|w| clean_line(w)).collect(),
            dropped: left_out
                .into_iter()
                .map(|d| Dropped {
                    text: clean_line(&d.text),
                    reason: d.reason,
                })
                .chain(stripped.dropped)
                .collect(),
        })
    }
}

/// One file's warnings, the file's own and its articles', listed at most
/// `MAX_WARNINGS_PER_FILE` times each way (a 100,000-item feed gives one count, not 100,000 lines).
fn cap_file_warnings(result: &mut FileResult) {
    let mut messages: Vec<String> = result.warnings.iter().map(|w| w.message.clone()).collect();
    if messages.len() > limits::MAX_WARNINGS_PER_FILE {
        limits::cap_warnings(&mut messages);
        let file = result.warnings[0].file.clone();
        result.warnings = messages
            .into_iter()
            .map(|message| LoadWarning {
                file: file.clone(),
                message,
            })
            .collect();
    }
    let mut listed = 0;
    let mut hidden = 0;
    for article in &mut result.articles {
        let room = limits::MAX_WARNINGS_PER_FILE.saturating_sub(listed);
        hidden += article.warnings.len().saturating_sub(room);
        article.warnings.truncate(room);
        listed += article.warnings.len();
    }
    if hidden > 0 {
        if let Some(last) = result.articles.last_mut() {
            last.warnings
                .push(format!("… and {hidden} more warning(s) for this file"));
        }
    }
}

/// Untrusted text is cleaned before any rule sees it; empty blocks vanish.
fn sanitize_block(mut block: RawBlock) -> Option<RawBlock> {
    block.text = clean_line(&block.text);
    if let draft::RawKind::Image { url } = &mut block.kind {
        *url = clean_line(url);
    }
    if let Some(rows) = &mut block.rows {
        for cell in rows.iter_mut().flatten() {
            *cell = clean_line(cell);
        }
    }
    let empty = block.text.is_empty() && block.rows.as_ref().is_none_or(|r| r.is_empty());
    (!empty
        || matches!(
            block.kind,
            draft::RawKind::Image { .. } | draft::RawKind::Separator
        ))
    .then_some(block)
}

/// A file that stops without a final newline in the middle of a sentence or word.
fn looks_cut_off(text: &str, last: Option<&RawBlock>) -> bool {
    let Some(last) = last else { return false };
    if text.ends_with('\n') || last.block_kind().is_none() {
        return false;
    }
    let is_body = matches!(
        last.block_kind(),
        Some(crate::model::BlockKind::Paragraph | crate::model::BlockKind::ListItem)
    );
    is_body
        && last
            .text
            .ends_with(|c: char| c.is_alphanumeric() || matches!(c, '-' | ',' | ';'))
}

/// `"text"`, `42`, `true`, `null`: a file that is one JSON scalar and nothing else.
/// A `[` opens JSON only when a JSON value (or `]`) follows it: Korean and English editorials
/// begin with a bracketed label ("[사설] …", "[Editorial] …") and are text.
fn starts_like_json_array(head: &str) -> bool {
    let Some(rest) = head.strip_prefix('[') else {
        return false;
    };
    let rest = rest.trim_start();
    rest.starts_with(|c: char| matches!(c, '{' | '[' | '"' | ']' | '-') || c.is_ascii_digit())
        || ["true", "false", "null"].iter().any(|w| {
            rest.strip_prefix(w)
                .is_some_and(|after| after.trim_start().starts_with([',', ']']) || after.is_empty())
        })
}

fn is_bare_json_scalar(head: &str) -> bool {
    let starts_like_json = head.starts_with(|c: char| c == '"' || c == '-' || c.is_ascii_digit())
        || ["true", "false", "null"]
            .iter()
            .any(|w| head.starts_with(w));
    starts_like_json
        && serde_json::from_str::<serde_json::Value>(head)
            .is_ok_and(|v| !v.is_object() && !v.is_array())
}

fn file_stem(path: &str) -> String {
    let stem = Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string());
    readable_stem(&stem)
}

/// The readable part of an id: printable, without blanks.
fn readable_stem(stem: &str) -> String {
    clean_text(stem).replace(char::is_whitespace, "_")
}

#[cfg(test)]
mod store_tests {
    use super::*;

    fn summit_folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("dir");
        for (path, bytes) in seeds::FILES {
            if path.contains("/001_") || path.contains("/002_") {
                let name = Path::new(path).file_name().expect("name");
                std::fs::write(dir.path().join(name), bytes).expect("write");
            }
        }
        dir
    }

    /// A store of its own in a folder that lives as long as the returned guard.
    fn temp_store() -> (tempfile::TempDir, crate::store::Shared) {
        let dir = tempfile::tempdir().expect("store dir");
        let store = crate::store::Store::open(&dir.path().join("s.sqlite3")).expect("store");
        (dir, crate::store::Shared::new(store))
    }

    #[test]
    fn without_stories_nothing_is_clustered() {
        let dir = summit_folder();
        let paths = [dir.path().to_path_buf()];
        let with = Ingestor::default().load_paths(&paths);
        assert_eq!(with.articles.len(), 2);
        assert_eq!(with.stories.len(), 1, "the two summit seeds are one story");
        let without = Ingestor {
            stories: false,
            ..Ingestor::default()
        }
        .load_paths(&paths);
        assert_eq!(without.articles, with.articles);
        // `list` and `check` name no story: none is built, not even one per article.
        assert!(without.stories.is_empty(), "{:?}", without.stories);
        assert!(without.duplicates.is_empty());
    }

    #[test]
    fn the_store_is_free_for_others_while_files_are_parsed() {
        // The reader saves its reading state through the store the worker loads with: a
        // load that held it from start to end froze the reader (and `q`) until it was done.
        let dir = summit_folder();
        let (_store_dir, store) = temp_store();
        let paths = [dir.path().to_path_buf()];
        let got_it = std::sync::Mutex::new(Vec::new());
        let progress = |_done: usize, _total: usize| {
            let (sent, received) = std::sync::mpsc::channel();
            let other = store.clone();
            std::thread::spawn(move || {
                let _ = sent.send(other.lock().info().is_ok());
            });
            // Generous: the lock is free at once, or only when the whole load has ended.
            let free = received.recv_timeout(std::time::Duration::from_secs(5));
            got_it.lock().expect("results").push(free == Ok(true));
        };
        let loaded = Ingestor {
            progress: Some(&progress),
            ..Ingestor::default()
        }
        .load_paths_cached(&paths, Some(&store));
        assert_eq!(loaded.articles.len(), 2);
        let got_it = got_it.into_inner().expect("results");
        assert!(
            !got_it.is_empty() && got_it.iter().all(|&free| free),
            "{got_it:?}"
        );
    }

    #[test]
    fn a_cached_load_equals_a_fresh_one() {
        let dir = summit_folder();
        let (_store_dir, store) = temp_store();
        let paths = [dir.path().to_path_buf()];
        let fresh = Ingestor::default().load_paths(&paths);
        let first = Ingestor::default().load_paths_cached(&paths, Some(&store));
        let second = Ingestor::default().load_paths_cached(&paths, Some(&store));
        for corpus in [&first, &second] {
            assert_eq!(corpus.articles, fresh.articles);
            assert_eq!(corpus.stories, fresh.stories);
            assert_eq!(corpus.duplicates, fresh.duplicates);
            assert_eq!(corpus.warnings, fresh.warnings);
            // `dropped` is outside the article JSON; the cache keeps it beside.
            let dropped: Vec<usize> = corpus.articles.iter().map(|a| a.dropped.len()).collect();
            assert!(dropped.iter().sum::<usize>() > 0, "{dropped:?}");
        }
        assert_eq!(store.lock().info().expect("info").files, 2);
    }

    #[test]
    fn a_list_reads_summaries_and_never_stores_them_as_the_whole_parse() {
        let dir = summit_folder();
        let (_store_dir, store) = temp_store();
        let paths = [dir.path().to_path_buf()];
        // Files this fresh have no trusted time (the content decides): age them.
        let age = |file: &Path, secs: u64| {
            let when = std::time::SystemTime::now() - std::time::Duration::from_secs(secs);
            std::fs::File::options()
                .write(true)
                .open(file)
                .and_then(|f| f.set_modified(when))
                .expect("set the time");
        };
        let files: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .expect("folder")
            .flatten()
            .map(|e| e.path())
            .collect();
        for file in &files {
            age(file, 3600);
        }
        let listing = Ingestor {
            stories: false,
            texts: false,
            ..Ingestor::default()
        };
        let fresh = listing.load_paths(&paths);
        let without_text = |corpus: &Corpus| -> Vec<Article> {
            let mut articles = corpus.articles.clone();
            for a in &mut articles {
                a.blocks.clear();
                a.dropped.clear();
            }
            articles
        };
        // Empty store: parsed whole. Then: from the summaries, the same but for the text.
        let first = listing.load_paths_cached(&paths, Some(&store));
        assert_eq!(first.articles, fresh.articles);
        let second = listing.load_paths_cached(&paths, Some(&store));
        assert!(second.articles.iter().all(|a| a.blocks.is_empty()));
        assert_eq!(second.articles, without_text(&fresh));
        assert_eq!(second.warnings, fresh.warnings);
        // Touched, not changed: parsed again rather than the summary stored as the parse.
        for file in &files {
            age(file, 1800);
        }
        listing.load_paths_cached(&paths, Some(&store));
        let whole = Ingestor::default().load_paths_cached(&paths, Some(&store));
        assert_eq!(
            whole.articles,
            Ingestor::default().load_paths(&paths).articles
        );
        // New placements by the reader: nothing stored fits the summaries, so the list is
        // read whole and placed like a fresh load.
        let choices: HashMap<String, String> =
            [(fresh.articles[0].id.clone(), "wire".to_string())].into();
        let placed = Ingestor {
            choices: Some(&choices),
            ..listing
        };
        let relisted = placed.load_paths_cached(&paths, Some(&store));
        assert_eq!(relisted.articles, placed.load_paths(&paths).articles);
        assert_eq!(relisted.articles[0].perspective, "wire");
        assert!(relisted.articles.iter().any(|a| !a.blocks.is_empty()));
    }

    #[test]
    fn the_reader_loads_summaries_and_brings_each_storys_text_when_asked() {
        let dir = summit_folder();
        let (_store_dir, store) = temp_store();
        let paths = [dir.path().to_path_buf()];
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .expect("folder")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        let age = |file: &Path| {
            let when = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            std::fs::File::options()
                .write(true)
                .open(file)
                .and_then(|f| f.set_modified(when))
                .expect("set the time");
        };
        files.iter().for_each(|f| age(f));
        let reader = Ingestor {
            texts: false,
            ..Ingestor::default()
        };
        let fresh = Ingestor::default().load_paths(&paths);
        // Empty store: everything is parsed, so every text is here.
        let first = reader.load_paths_cached(&paths, Some(&store));
        assert_eq!(first.articles, fresh.articles);
        assert!(first.texts_away.none());
        // Unchanged: the summaries and the stored stories, the text left in the store.
        let mut second = reader.load_paths_cached(&paths, Some(&store));
        assert_eq!(second.stories, fresh.stories);
        assert_eq!(second.duplicates, fresh.duplicates);
        assert!(second.articles.iter().all(|a| a.blocks.is_empty()));
        assert!(second.texts_away.is_away(0) && second.texts_away.is_away(1));
        // One article's text, then the rest: the same articles as a whole load.
        assert_eq!(texts::bring(&mut second, &[0], &store), Ok(1));
        assert_eq!(second.articles[0], fresh.articles[0]);
        assert!(second.articles[1].blocks.is_empty() && second.texts_away.is_away(1));
        assert_eq!(texts::bring(&mut second, &[0, 1], &store), Ok(1));
        assert_eq!(second.articles, fresh.articles);
        assert!(
            second.texts_away.away.is_empty(),
            "nothing left to look for"
        );
        // The file changed after the launch and another load stored its new parse: the old
        // article is not in the row any more, and it is said, not shown as another's text.
        let mut third = reader.load_paths_cached(&paths, Some(&store));
        assert!(third.texts_away.is_away(1));
        let other = seeds::FILES
            .iter()
            .find(|(path, _)| path.contains("/003_"))
            .expect("seed 003");
        std::fs::write(&files[1], other.1).expect("rewrite");
        age(&files[1]);
        Ingestor::default().load_paths_cached(&paths, Some(&store));
        let brought = texts::bring(&mut third, &[1], &store);
        assert!(
            brought
                .as_ref()
                .is_err_and(|e| e.contains("no longer in the store")),
            "{brought:?}"
        );
        assert!(third.articles[1].blocks.is_empty() && !third.texts_away.is_away(1));
        // A file changed before the launch changes the stories' key: read whole instead.
        std::fs::write(&files[0], other.1).expect("rewrite");
        age(&files[0]);
        let changed = reader.load_paths_cached(&paths, Some(&store));
        assert!(changed.texts_away.none());
        assert!(changed.articles.iter().all(|a| !a.blocks.is_empty()));
    }
}
