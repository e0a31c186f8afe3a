//! Articles parallax fetched itself (`parallax fetch`): every item of one feed in one JSON file
//! (`items.json`, a [`FeedBundle`]), written by `sources::keep` under the data folder and read
//! back here like any other input. Each article carries what the subscription says
//! (perspective, outlet), so the loader needs nothing else. Earlier versions wrote one file
//! per item; those still load, and the next fetch folds them into the bundle.

use super::draft::{Draft, Meta, RawBlock};
use crate::model::{Block, Format};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// The marker field and version of the file format.
pub const FORMAT_KEY: &str = "parallax_fetched";
pub const FORMAT_VERSION: u32 = 1;

/// The marker field and version of a feed's bundle of articles.
pub const BUNDLE_KEY: &str = "parallax_fetched_feed";
pub const BUNDLE_VERSION: u32 = 1;

/// Every article kept for one feed, by the stem each one's id is made from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FeedBundle {
    pub parallax_fetched_feed: u32,
    pub articles: BTreeMap<String, FetchedArticle>,
}

/// How a subscription's perspective is named: "subscription: Yonhap feed".
pub const SUBSCRIPTION: &str = "subscription: ";

/// Why a text is only a teaser, as a warning on the article.
pub const TEASER_WARNING: &str = "teaser only: the full article could not be fetched";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FetchedArticle {
    pub parallax_fetched: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perspective: Option<String>,
    /// Where the perspective came from: "subscription: Yonhap feed".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perspective_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// The feed the item came from.
    pub feed: String,
    /// When this item was first fetched, and when its content last changed (RFC 3339, UTC).
    pub first_seen: String,
    pub updated: String,
    /// Set when the text is the feed's teaser only; says why the full text is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teaser: Option<String>,
    /// The page the full text was extracted from, when it was fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_text_from: Option<String>,
    pub blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

impl FetchedArticle {
    /// Same article content, whatever the fetch times: what decides a rewrite.
    pub fn same_content(&self, other: &FetchedArticle) -> bool {
        let strip = |a: &FetchedArticle| FetchedArticle {
            first_seen: String::new(),
            updated: String::new(),
            ..a.clone()
        };
        strip(self) == strip(other)
    }
}

/// The draft of a fetched-article file, or `None` when the JSON is not one.
pub fn fetched_draft(value: &Value) -> Option<Result<Draft, String>> {
    value.as_object()?.get(FORMAT_KEY)?;
    Some(article_draft(value).map_err(|e| format!("fetched article file {e}")))
}

/// The drafts of a feed's bundle, or `None` when the JSON is not one. A damaged entry is
/// skipped with a note naming it; the others load.
pub fn bundle_drafts(value: &Value) -> Option<Result<Vec<Draft>, String>> {
    let object = value.as_object()?;
    let version = object.get(BUNDLE_KEY)?;
    if version
        .as_u64()
        .is_some_and(|v| v > u64::from(BUNDLE_VERSION))
    {
        return Some(Err(format!(
            "fetched feed written by a newer parallax (format {version}); skipped"
        )));
    }
    let Some(articles) = object.get("articles").and_then(Value::as_object) else {
        return Some(Err(
            "fetched feed file is damaged: it has no \"articles\" object; skipped".into(),
        ));
    };
    let mut drafts = Vec::with_capacity(articles.len());
    for (stem, entry) in articles {
        match article_draft(entry) {
            Ok(mut draft) => {
                draft.own_stem = Some(stem.clone());
                drafts.push(draft);
            }
            Err(e) => super::limits::note(format!("fetched article {stem:?} {e}")),
        }
    }
    Some(Ok(drafts))
}

fn article_draft(value: &Value) -> Result<Draft, String> {
    let article =
        FetchedArticle::deserialize(value).map_err(|e| format!("is damaged: {e}; skipped"))?;
    if article.parallax_fetched > FORMAT_VERSION {
        return Err(format!(
            "was written by a newer parallax (format {}); skipped",
            article.parallax_fetched
        ));
    }
    let blocks = article
        .blocks
        .into_iter()
        .map(|b| match b.rows {
            Some(rows) => RawBlock::table(rows),
            None => RawBlock::text(b.kind, b.text),
        })
        .collect();
    let mut draft = Draft::new(Format::Fetched, blocks);
    draft.meta = Meta {
        title: article.title,
        outlet: article.outlet,
        perspective: article.perspective,
        language: article.language,
        date: article.date,
        url: article.url,
        byline: article.byline,
        ..Meta::default()
    };
    draft.perspective_from = article.perspective_source;
    draft.guid = article.guid;
    draft.warnings = article.warnings;
    if let Some(why) = article.teaser {
        draft.warnings.push(format!("{TEASER_WARNING} ({why})"));
    }
    Ok(draft)
}
