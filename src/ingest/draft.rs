//! What a format parser hands to the shared pipeline: blocks before boilerplate removal, and the
//! metadata the format itself carries (JSON fields, front matter, HTML meta tags).

use crate::model::{Block, BlockKind, Dropped, Format};
use serde::Deserialize;

/// A block as a parser saw it. Images and separators exist only here: the pipeline drops them.
#[derive(Debug, Clone, PartialEq)]
pub enum RawKind {
    Text(BlockKind),
    /// An image; `text` holds its alt text.
    Image {
        url: String,
    },
    /// A lone `-`, `***` or `<hr>`.
    Separator,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RawBlock {
    pub kind: RawKind,
    pub text: String,
    pub rows: Option<Vec<Vec<String>>>,
}

impl RawBlock {
    pub fn text(kind: BlockKind, text: impl Into<String>) -> Self {
        RawBlock {
            kind: RawKind::Text(kind),
            text: text.into(),
            rows: None,
        }
    }

    pub fn table(rows: Vec<Vec<String>>) -> Self {
        let block = Block::table(rows);
        RawBlock {
            kind: RawKind::Text(BlockKind::Table),
            text: block.text,
            rows: block.rows,
        }
    }

    pub fn block_kind(&self) -> Option<BlockKind> {
        match self.kind {
            RawKind::Text(kind) => Some(kind),
            _ => None,
        }
    }

    pub fn is(&self, kind: BlockKind) -> bool {
        self.block_kind() == Some(kind)
    }

    pub fn into_block(self) -> Option<Block> {
        let kind = self.block_kind()?;
        Some(Block {
            kind,
            text: self.text,
            rows: self.rows,
        })
    }
}

/// Article metadata as any source states it: a format's own fields, front matter, or the
/// manifest. Every field is optional; a later source fills only what is still missing, except
/// the manifest, which overrides.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub perspective: Option<String>,
    pub language: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub byline: Option<String>,
    pub dateline: Option<String>,
    pub story: Option<String>,
    /// The year for dates the text gives without one ("Tuesday, October 28").
    pub year: Option<i32>,
}

impl Meta {
    /// Fields of `over` replace those of `self` wherever `over` has them.
    pub fn overlay(&mut self, over: &Meta) {
        macro_rules! take {
            ($($field:ident),*) => {$(
                if over.$field.is_some() {
                    self.$field = over.$field.clone();
                }
            )*};
        }
        take!(
            title,
            outlet,
            perspective,
            language,
            date,
            url,
            byline,
            dateline,
            story,
            year
        );
    }
}

/// One article's worth of parsed input.
#[derive(Debug, Clone)]
pub struct Draft {
    pub format: Format,
    pub blocks: Vec<RawBlock>,
    pub meta: Meta,
    /// Where `meta.perspective` came from, when the input itself set it ("front matter").
    pub perspective_from: Option<String>,
    pub warnings: Vec<String>,
    /// Text that is not in the blocks but may carry signatures (links, e-mail addresses).
    pub extra_text: String,
    /// Suffix for items of a multi-item file (feeds, JSON arrays): `id = stem + "-" + suffix`.
    pub item_suffix: Option<String>,
    /// The whole readable part of the id, for items that carry their own: each article of a
    /// fetched feed's `items.json` keeps the stem its own file had before feeds were bundled,
    /// so its id (and the notes on it) survive the move.
    pub own_stem: Option<String>,
    /// The item's GUID in a feed, the strongest evidence of its identity (see `model::id`).
    pub guid: Option<String>,
    /// Text the format's extractor left out (a web page's navigation lists, captions, related
    /// links), listed before what the boilerplate rules drop (`show --dropped`).
    pub dropped: Vec<Dropped>,
}

impl Draft {
    pub fn new(format: Format, blocks: Vec<RawBlock>) -> Self {
        Draft {
            format,
            blocks,
            meta: Meta::default(),
            perspective_from: None,
            warnings: Vec::new(),
            extra_text: String::new(),
            item_suffix: None,
            own_stem: None,
            guid: None,
            dropped: Vec::new(),
        }
    }
}
