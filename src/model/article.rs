use serde::{Deserialize, Serialize};

/// The input format an article was read from, detected from the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    Text,
    Markdown,
    WordpressJson,
    Html,
    Rss,
    Atom,
    JsonFeed,
    JsonLines,
    /// An item `parallax fetch` kept (see `ingest::fetched`).
    Fetched,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::WordpressJson => "wordpress-json",
            Format::Html => "html",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::JsonFeed => "json-feed",
            Format::JsonLines => "json-lines",
            Format::Fetched => "fetched",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Quote,
    Table,
    Caption,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list-item",
            BlockKind::Quote => "quote",
            BlockKind::Table => "table",
            BlockKind::Caption => "caption",
        }
    }
}

/// One unit of article text. Tables keep their cells in `rows`; their `text` is the cells
/// joined, so search and analysis can treat every block alike.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<Vec<String>>>,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
            rows: None,
        }
    }

    pub fn table(rows: Vec<Vec<String>>) -> Self {
        let text = rows
            .iter()
            .map(|row| row.join(" | "))
            .collect::<Vec<_>>()
            .join("\n");
        Block {
            kind: BlockKind::Table,
            text,
            rows: Some(rows),
        }
    }
}

/// Text removed as boilerplate, kept so nothing is silently lost (`show --dropped`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    pub text: String,
    /// Which rule or heuristic removed it, e.g. `rule "app-promotion"`.
    pub reason: String,
}

/// One article, as every layer above `ingest` sees it. Field names are the JSON contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: String,
    pub source: String,
    pub format: Format,
    pub title: String,
    pub outlet: Option<String>,
    pub perspective: String,
    pub perspective_reason: String,
    /// Where the perspective came from: `manifest`, `user`, `rule`, `cue`, `inferred` or
    /// `none` (nothing placed it; it is `other`).
    #[serde(default = "no_source")]
    pub perspective_source: String,
    /// How sure the placement is, 0–1 (1 for the manifest and the user's own choice).
    #[serde(default)]
    pub perspective_confidence: f64,
    pub language: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
    pub story: Option<String>,
    pub blocks: Vec<Block>,
    pub warnings: Vec<String>,
    #[serde(default, skip_serializing)]
    pub dropped: Vec<Dropped>,
}

fn no_source() -> String {
    "none".into()
}

impl Article {
    /// The calendar day of `date` (its first ten characters), when it has one.
    pub fn day(&self) -> Option<&str> {
        self.date.as_deref().and_then(|d| d.get(..10))
    }

    /// Number of characters of body text, a cheap size measure for layout and lists.
    pub fn body_chars(&self) -> usize {
        self.blocks.iter().map(|b| b.text.chars().count()).sum()
    }
}
