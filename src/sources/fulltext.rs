//! Full text for teaser items: a feed that carries only a lede (short, ending in "…", or a
//! subscription marked `full_text`) gets the item's linked page fetched and run through the
//! web-page extractor. When that fails the teaser stays, and says why.

use super::http::{Client, Fetched, Validators};
use crate::ingest::decode::{decode_with, Decoded};
use crate::ingest::Ingestor;
use crate::model::Block;

/// Text shorter than this (in characters) is a lede, not an article.
pub const TEASER_CHARS: usize = 400;

/// Why this item's text is only a teaser, or `None` when it is the article.
pub fn teaser_reason(full_text_feed: bool, blocks: &[Block]) -> Option<String> {
    if full_text_feed {
        return Some("the subscription is marked full_text".into());
    }
    let text: String = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let trimmed = text.trim_end();
    let cut = [
        "…",
        "...",
        "[…]",
        "[...]",
        "(…)",
        "(more)",
        "Read more",
        "続きを読む",
        "더보기",
    ];
    if cut.iter().any(|tail| trimmed.ends_with(tail)) {
        return Some("the feed's text ends in \"…\"".into());
    }
    let chars = trimmed.chars().count();
    (chars < TEASER_CHARS).then(|| format!("the feed carries {chars} characters of text"))
}

/// The full article at `link`: its blocks and the URL they came from. `Err` says why not.
pub fn fetch_full_text(
    client: &Client,
    ingestor: &Ingestor,
    link: &str,
    teaser: &[Block],
) -> Result<(Vec<Block>, String), String> {
    super::subscriptions::check_url(link)?;
    let (bytes, charset, final_url) = match client.get(link, &Validators::default())? {
        Fetched::Body {
            bytes,
            charset,
            final_url,
            ..
        } => (bytes, charset, final_url),
        Fetched::NotModified => return Err("the page answered 304 to a plain request".into()),
    };
    let text = match decode_with(&bytes, charset.as_deref()) {
        Decoded::Text { text, .. } => text,
        Decoded::NotText(why) => return Err(format!("the page is not text: {why}")),
    };
    let draft = ingestor
        .html
        .extract(&crate::ingest::limits::bounded_html(&text));
    let blocks: Vec<Block> = draft
        .blocks
        .into_iter()
        .filter_map(crate::ingest::draft::RawBlock::into_block)
        .map(|mut b| {
            b.text = crate::text::sanitize::clean_line(&b.text);
            b
        })
        .filter(|b| !b.text.is_empty())
        .collect();
    let length = |blocks: &[Block]| blocks.iter().map(|b| b.text.chars().count()).sum::<usize>();
    if length(&blocks) <= length(teaser) {
        return Err("the page held no more text than the teaser".into());
    }
    Ok((blocks, final_url))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    fn para(text: &str) -> Vec<Block> {
        vec![Block::new(BlockKind::Paragraph, text)]
    }

    #[test]
    fn teasers_are_short_cut_or_marked() {
        assert!(teaser_reason(false, &para("Short lede.")).is_some());
        let long = "The summit ended with a joint statement on trade. ".repeat(12);
        assert_eq!(teaser_reason(false, &para(&long)), None);
        let cut = format!("{long} And then the president said…");
        assert!(teaser_reason(false, &para(&cut)).unwrap().contains('…'));
        assert!(teaser_reason(true, &para(&long))
            .unwrap()
            .contains("full_text"));
    }
}
