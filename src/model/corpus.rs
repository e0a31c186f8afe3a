use super::Article;
use serde::{Deserialize, Serialize};

/// A warning about one input file (or one item inside it), shown by `check` and in the reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadWarning {
    pub file: String,
    pub message: String,
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

/// Articles about one event, indexes into `Corpus::articles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub articles: Vec<usize>,
    /// Earliest and latest `Article::day` of the story's articles.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
}

/// One story printed several times: the original and its copies (indexes into the articles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    pub original: usize,
    pub copies: Vec<usize>,
}

/// Everything loaded: articles in a stable order (by source path, then item), the stories they
/// form, and the warnings met while loading. Built once, then only read.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub stories: Vec<Story>,
    pub warnings: Vec<LoadWarning>,
    /// Near-duplicate groups; copies are left out of the stories and shown as "also in".
    pub duplicates: Vec<DuplicateGroup>,
    /// True when `articles` are a whole load in path order, as the ids before stable ids
    /// were given: only then can `legacy_ids` say which article an old id meant.
    pub whole_load: bool,
    /// For each article the reader placed (`parallax place`, `P`): the perspective the rules
    /// or inference gave it, where it goes back to when the choice is cleared.
    pub ruled_perspectives: std::collections::HashMap<String, String>,
    /// Articles loaded without their text (the reader reads summaries at launch and the
    /// text of a story when it is opened, `ingest::texts`): where each one's text is.
    pub texts_away: TextsAway,
}

/// Where the text of the articles loaded without it is in the store: the file's row, and
/// the article's place among that file's articles.
#[derive(Debug, Clone, Default)]
pub struct TextsAway {
    /// The store's key (canonical path) of each file with an article away.
    pub files: Vec<String>,
    /// Per article, in corpus order: `(file, nth)` while its text is away; `None` once it
    /// is here. Empty when every text is here.
    pub away: Vec<Option<(u32, u32)>>,
}

impl TextsAway {
    pub fn is_away(&self, article: usize) -> bool {
        self.away.get(article).is_some_and(Option::is_some)
    }

    /// True when no text is away.
    pub fn none(&self) -> bool {
        self.away.iter().all(Option::is_none)
    }
}

impl Corpus {
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// The article a user's id names: the whole id or any unique prefix (of the id or of its
    /// hash), like git; the error says whether nothing or several matched.
    pub fn resolve(&self, query: &str) -> Result<usize, String> {
        super::id::resolve(self.articles.iter().map(|a| a.id.as_str()), query)
    }

    /// How many warnings `all_warnings` would list, without building them.
    pub fn warning_count(&self) -> usize {
        self.warnings.len()
            + self
                .articles
                .iter()
                .map(|a| a.warnings.len())
                .sum::<usize>()
    }

    /// Every warning: the load warnings and each article's own, with its file name.
    pub fn all_warnings(&self) -> Vec<LoadWarning> {
        let mut all = self.warnings.clone();
        for article in &self.articles {
            for message in &article.warnings {
                all.push(LoadWarning {
                    file: article.source.clone(),
                    message: message.clone(),
                });
            }
        }
        all
    }
}

impl Corpus {
    /// Group articles into stories by their `story` id; an article without one is a story of
    /// its own. Stories are ordered newest first.
    pub fn new(
        articles: Vec<Article>,
        warnings: Vec<LoadWarning>,
        story_titles: &std::collections::BTreeMap<String, String>,
    ) -> Corpus {
        let mut stories: Vec<Story> = Vec::new();
        let mut by_id: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (index, article) in articles.iter().enumerate() {
            let id = article.story.clone().unwrap_or_else(|| article.id.clone());
            match by_id.get(&id) {
                Some(&story) => stories[story].articles.push(index),
                None => {
                    by_id.insert(id.clone(), stories.len());
                    stories.push(Story {
                        title: story_titles
                            .get(&id)
                            .cloned()
                            .unwrap_or_else(|| article.title.clone()),
                        id,
                        articles: vec![index],
                        first_day: None,
                        last_day: None,
                    })
                }
            }
        }
        for story in &mut stories {
            let days = story.articles.iter().filter_map(|&i| articles[i].day());
            story.first_day = days.clone().min().map(str::to_string);
            story.last_day = days.max().map(str::to_string);
        }
        stories.sort_by(|a, b| {
            b.last_day
                .cmp(&a.last_day)
                .then_with(|| a.title.cmp(&b.title))
        });
        Corpus {
            articles,
            stories,
            warnings,
            duplicates: Vec::new(),
            whole_load: false,
            ruled_perspectives: Default::default(),
            texts_away: TextsAway::default(),
        }
    }

    /// Ids given before stable ids (the file stem, then `-2`, `-3` in load order) → today's,
    /// for a one-time migration of the reading state. Built on demand: a launch that has
    /// nothing to migrate (nearly all of them) spends nothing on it.
    pub fn legacy_ids(&self) -> std::collections::HashMap<String, String> {
        let mut map = std::collections::HashMap::new();
        if !self.whole_load {
            return map;
        }
        let mut seen = std::collections::HashSet::new();
        for article in &self.articles {
            let Some((prefix, _)) = article.id.rsplit_once('-') else {
                continue;
            };
            let mut legacy = prefix.to_string();
            let mut n = 2;
            while seen.contains(&legacy) {
                legacy = format!("{prefix}-{n}");
                n += 1;
            }
            seen.insert(legacy.clone());
            map.insert(legacy, article.id.clone());
        }
        map
    }

    /// Record near-duplicates: each copy leaves its story, so a story shows it once.
    pub fn set_duplicates(&mut self, groups: Vec<DuplicateGroup>) {
        let copies: std::collections::HashSet<usize> = groups
            .iter()
            .flat_map(|g| g.copies.iter().copied())
            .collect();
        for story in &mut self.stories {
            story.articles.retain(|i| !copies.contains(i));
        }
        self.stories.retain(|s| !s.articles.is_empty());
        self.duplicates = groups;
    }

    /// The original of which article `index` is a copy.
    pub fn duplicate_of(&self, index: usize) -> Option<usize> {
        self.duplicates
            .iter()
            .find(|g| g.copies.contains(&index))
            .map(|g| g.original)
    }

    /// The copies of article `index`, when it is an original.
    /// A story's articles, then their copies (shown as "also in").
    pub fn story_members(&self, story: &Story) -> Vec<usize> {
        let mut members = story.articles.clone();
        for &m in &story.articles {
            members.extend_from_slice(self.also_in(m));
        }
        members
    }

    pub fn also_in(&self, index: usize) -> &[usize] {
        self.duplicates
            .iter()
            .find(|g| g.original == index)
            .map_or(&[], |g| &g.copies)
    }

    /// Distinct perspectives among a story's articles.
    pub fn story_perspectives(&self, story: &Story) -> Vec<&str> {
        let mut ids: Vec<&str> = story
            .articles
            .iter()
            .map(|&i| self.articles[i].perspective.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}
