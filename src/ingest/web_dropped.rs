//! What the web-page extractor left out of a page, so `show --dropped` lists it as it does
//! for the boilerplate rules: the page is walked whole (as `MinimalExtractor` would read it:
//! scripts, styles, forms, `<nav>` and `<footer>` are never text) and every block the article
//! body does not contain is reported — related-link lists, captions, share bars, bylines boxes.

use super::draft::RawBlock;
use super::html::blocks_from_html;
use crate::model::Dropped;
use std::collections::HashSet;

/// Why a block is listed: the extractor's judgement, not one of our rules.
pub const REASON: &str = "web page extractor: outside the article text";

/// Blocks of the whole page that are neither among the `kept` blocks nor inside the
/// extractor's plain text (`content_text`), in page order, each once.
pub fn left_out(page_html: &str, kept: &[RawBlock], content_text: &str) -> Vec<Dropped> {
    let kept_texts: HashSet<String> = kept.iter().map(|b| normalize(&b.text)).collect();
    let content = normalize(content_text);
    let mut seen = HashSet::new();
    blocks_from_html(page_html)
        .into_iter()
        .filter_map(|block| {
            let key = normalize(&block.text);
            let inside = key.is_empty() || kept_texts.contains(&key) || content.contains(&key);
            (!inside && seen.insert(key)).then(|| Dropped {
                text: block.text,
                reason: REASON.to_string(),
            })
        })
        .collect()
}

/// Lower-cased, spaces collapsed: the extractor and the walker space text differently.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    #[test]
    fn blocks_outside_the_body_are_listed_once_in_page_order() {
        let page = "<html><body><nav>Home</nav><h1>Summit</h1>\
            <p>Leaders met  in Tokyo.</p><figure><figcaption>Photo: the leaders</figcaption>\
            </figure><aside><ul><li>Related: rates</li><li>Related: rates</li></ul></aside>\
            <p>They agreed.</p><script>x()</script></body></html>";
        let kept = [RawBlock::text(
            BlockKind::Paragraph,
            "Leaders met in Tokyo.",
        )];
        let dropped = left_out(page, &kept, "Leaders met in Tokyo.\nThey agreed.");
        let texts: Vec<&str> = dropped.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["Summit", "Photo: the leaders", "Related: rates"]);
        assert!(dropped.iter().all(|d| d.reason == REASON));
    }
}
