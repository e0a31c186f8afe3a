//! Boilerplate removal: the rules of `assets/boilerplate.toml` plus structural heuristics.
//! Nothing is silently lost: every dropped block is returned with the reason it went.

use super::draft::{RawBlock, RawKind};
use crate::model::{BlockKind, Dropped};
use regex::{RegexSet, RegexSetBuilder};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct RulesFile {
    #[serde(default)]
    line: Vec<LineRuleSpec>,
    #[serde(default)]
    section: Vec<SectionRuleSpec>,
    asides: AsidesSpec,
    structure: Structure,
}

#[derive(Debug, Deserialize)]
struct LineRuleSpec {
    id: String,
    patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct SectionRuleSpec {
    id: String,
    ends: SectionEnd,
    headings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SectionEnd {
    Prose,
    List,
    Document,
}

#[derive(Debug, Deserialize)]
struct AsidesSpec {
    quote_prefixes: Vec<String>,
    caption_patterns: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Structure {
    pub prose_min_words: usize,
    pub trailing_links_min_run: usize,
    pub link_max_words: usize,
}

/// Many patterns matched in one pass; each pattern belongs to a rule (its owner).
struct RuleSet {
    set: RegexSet,
    owners: Vec<usize>,
}

impl RuleSet {
    fn build<'a>(groups: impl Iterator<Item = &'a [String]>) -> Result<Self, String> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (owner, group) in groups.enumerate() {
            for pattern in group {
                patterns.push(ascii_word_boundaries(pattern));
                owners.push(owner);
            }
        }
        let set = RegexSetBuilder::new(&patterns)
            .case_insensitive(true)
            .build()
            .map_err(|e| format!("bad pattern: {e}"))?;
        Ok(RuleSet { set, owners })
    }

    /// The first rule (in file order) with a pattern matching `text`.
    fn first(&self, text: &str) -> Option<usize> {
        self.set.matches(text).iter().next().map(|i| self.owners[i])
    }
}

/// `\b` in a rule means an ASCII word boundary: a Unicode one would send every block with
/// non-ASCII text (most Korean and Japanese pages) to the slowest regex engine.
fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str("(?-u:\\b)"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Compiled boilerplate rules.
pub struct Boilerplate {
    line_ids: Vec<String>,
    lines: RuleSet,
    sections: Vec<(String, SectionEnd)>,
    section_headings: RuleSet,
    quote_prefixes: RuleSet,
    caption_patterns: RuleSet,
    pub structure: Structure,
}

/// The outcome of `Boilerplate::strip`.
#[derive(Debug, Default)]
pub struct Stripped {
    pub kept: Vec<RawBlock>,
    pub dropped: Vec<Dropped>,
    /// Alt texts of dropped images: often the only place a headline survives a copy-paste.
    pub image_alts: Vec<String>,
}

impl Boilerplate {
    pub fn from_toml(source: &str) -> Result<Self, String> {
        let file: RulesFile = toml::from_str(source).map_err(|e| e.to_string())?;
        Ok(Boilerplate {
            line_ids: file.line.iter().map(|r| r.id.clone()).collect(),
            lines: RuleSet::build(file.line.iter().map(|r| r.patterns.as_slice()))?,
            sections: file
                .section
                .iter()
                .map(|r| (r.id.clone(), r.ends))
                .collect(),
            section_headings: RuleSet::build(file.section.iter().map(|r| r.headings.as_slice()))?,
            quote_prefixes: RuleSet::build(std::iter::once(file.asides.quote_prefixes.as_slice()))?,
            caption_patterns: RuleSet::build(std::iter::once(
                file.asides.caption_patterns.as_slice(),
            ))?,
            structure: file.structure,
        })
    }

    /// The rules shipped in `assets/boilerplate.toml`.
    pub fn embedded() -> &'static Boilerplate {
        static RULES: std::sync::OnceLock<Boilerplate> = std::sync::OnceLock::new();
        RULES.get_or_init(|| {
            Boilerplate::from_toml(include_str!("../../assets/boilerplate.toml"))
                .expect("assets/boilerplate.toml is valid (checked by tests)")
        })
    }

    pub fn strip(&self, blocks: Vec<RawBlock>) -> Stripped {
        let mut out = Stripped::default();
        let mut section: Option<&(String, SectionEnd)> = None;
        for block in blocks {
            if let Some((id, ends)) = section {
                if self.section_ends(*ends, &block) {
                    section = None;
                } else {
                    out.drop(block, &format!("section \"{id}\""));
                    continue;
                }
            }
            match &block.kind {
                RawKind::Image { .. } => {
                    if !block.text.is_empty() {
                        out.image_alts.push(dedupe_repeated(&block.text));
                    }
                    out.drop(block, "image");
                    continue;
                }
                RawKind::Separator => {
                    out.drop(block, "separator");
                    continue;
                }
                RawKind::Text(_) => {}
            }
            if let Some(rule) = self.matching_section(&block.text) {
                section = Some(rule);
                out.drop(block, &format!("section \"{}\"", rule.0));
                continue;
            }
            if let Some(id) = self.matching_line_rule(&block.text) {
                out.drop(block, &format!("rule \"{id}\""));
                continue;
            }
            out.kept.push(self.set_apart(block));
        }
        self.drop_trailing_links(&mut out);
        out
    }

    fn matching_line_rule(&self, text: &str) -> Option<&str> {
        self.lines.first(text).map(|i| self.line_ids[i].as_str())
    }

    fn matching_section(&self, text: &str) -> Option<&(String, SectionEnd)> {
        if text.split_whitespace().count() > 12 {
            return None; // a section heading is short
        }
        self.section_headings
            .first(text.trim())
            .map(|i| &self.sections[i])
    }

    fn section_ends(&self, ends: SectionEnd, block: &RawBlock) -> bool {
        match ends {
            SectionEnd::Document => false,
            SectionEnd::List => !matches!(
                block.kind,
                RawKind::Text(BlockKind::ListItem) | RawKind::Separator
            ),
            SectionEnd::Prose => self.is_prose(block),
        }
    }

    /// Long enough and ending like a sentence: article text, not a list of headlines.
    pub fn is_prose(&self, block: &RawBlock) -> bool {
        block.is(BlockKind::Paragraph)
            && block.text.split_whitespace().count() >= self.structure.prose_min_words
            && ends_like_sentence(&block.text)
    }

    /// Sidebar boxes become quotes and credited photo captions become captions.
    fn set_apart(&self, mut block: RawBlock) -> RawBlock {
        if block.is(BlockKind::Paragraph) {
            if self.quote_prefixes.first(&block.text).is_some() {
                block.kind = RawKind::Text(BlockKind::Quote);
            } else if self.caption_patterns.first(&block.text).is_some() {
                block.kind = RawKind::Text(BlockKind::Caption);
            }
        }
        block
    }

    /// A run of short headline-like blocks closing the document is a list of other articles.
    fn drop_trailing_links(&self, out: &mut Stripped) {
        let run = out
            .kept
            .iter()
            .rev()
            .take_while(|b| self.is_link_like(b))
            .count();
        if run < self.structure.trailing_links_min_run || run == out.kept.len() {
            return;
        }
        let start = out.kept.len() - run;
        for block in out.kept.split_off(start) {
            out.drop(block, "trailing list of links");
        }
    }

    fn is_link_like(&self, block: &RawBlock) -> bool {
        let words = block.text.split_whitespace().count();
        matches!(
            block.block_kind(),
            Some(BlockKind::Heading | BlockKind::Paragraph | BlockKind::ListItem)
        ) && (1..=self.structure.link_max_words).contains(&words)
            && !ends_like_sentence(&block.text)
            && !reads_like_a_sentence(&block.text)
    }
}

/// A line written as a sentence, not a headline: six words or more, most of them (past the
/// first) in lower case — "Takaichi and Trump walk past an honour guard in Tokyo on Tuesday",
/// the way a run of photo captions reads. Linked headlines are set in title case ("Japan
/// Weighs New Defense Budget") and stay link-like.
fn reads_like_a_sentence(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 6 {
        return false;
    }
    let rest = &words[1..];
    let lower = rest
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    lower * 2 > rest.len()
}

impl Stripped {
    fn drop(&mut self, block: RawBlock, reason: &str) {
        let text = match &block.kind {
            RawKind::Image { url } => format!("![{}]({})", block.text, url),
            _ => block.text,
        };
        self.dropped.push(Dropped {
            text,
            reason: reason.to_string(),
        });
    }
}

pub fn ends_like_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(['"', '”', '’', '\'', ')', '」', '』']);
    trimmed.ends_with(['.', '!', '?', '。', '！', '？', '…'])
}

/// Alt texts are often the caption twice over ("Title Title"): keep one copy.
fn dedupe_repeated(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let n = words.len();
    if n >= 2 && n.is_multiple_of(2) && words[..n / 2] == words[n / 2..] {
        words[..n / 2].join(" ")
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::plain;

    fn strip(text: &str) -> Stripped {
        Boilerplate::embedded().strip(plain::parse(text))
    }

    fn kept_texts(s: &Stripped) -> Vec<&str> {
        s.kept.iter().map(|b| b.text.as_str()).collect()
    }

    const PROSE: &str = "This is a real paragraph of the article with more than twenty words in it, so that it reads as prose to the rules.";

    #[test]
    fn word_boundaries_become_ascii_and_escapes_survive() {
        assert_eq!(
            ascii_word_boundaries(r"^a\b.*\\b\(x\)"),
            r"^a(?-u:\b).*\\b\(x\)"
        );
    }

    #[test]
    fn embedded_rules_compile() {
        assert!(!Boilerplate::embedded().line_ids.is_empty());
    }

    #[test]
    fn related_section_runs_until_prose() {
        let text = format!("Related Stories\nOne headline here\nAnother headline there\n{PROSE}\n");
        let s = strip(&text);
        assert_eq!(kept_texts(&s), vec![PROSE]);
        assert_eq!(s.dropped.len(), 3);
        assert!(s
            .dropped
            .iter()
            .all(|d| d.reason == "section \"related-links\""));
    }

    #[test]
    fn app_promotion_runs_to_the_end() {
        let text = format!("{PROSE}\nDownload our app\n{PROSE}\nBadge\n");
        let s = strip(&text);
        assert_eq!(kept_texts(&s), vec![PROSE]);
        assert_eq!(s.dropped.len(), 3);
    }

    #[test]
    fn table_of_contents_ends_at_first_non_list_block() {
        let text = format!("Contents\n- 1. First\n- 2. Second\n{PROSE}\n- a real list item\n");
        let s = strip(&text);
        assert_eq!(kept_texts(&s), vec![PROSE, "a real list item"]);
    }

    #[test]
    fn trailing_headlines_are_dropped_but_not_a_whole_document() {
        let text = format!(
            "{PROSE}\nFirst Other Headline\n-\nSecond Other Headline\n-\nThird Other Headline\n"
        );
        let s = strip(&text);
        assert_eq!(kept_texts(&s), vec![PROSE]);
        assert!(s
            .dropped
            .iter()
            .any(|d| d.reason == "trailing list of links"));

        let only_headings = strip("Heading One\nHeading Two\nHeading Three\n");
        assert_eq!(only_headings.kept.len(), 3);
    }

    #[test]
    fn a_closing_run_of_photo_captions_is_kept_and_title_case_links_still_go() {
        let captions = [
            "Takaichi and Trump walk past an honour guard at the Akasaka Palace",
            "Trump speaks to sailors aboard the aircraft carrier in Yokosuka",
            "The two leaders shake hands before their working lunch in Tokyo",
        ];
        let text = format!("{PROSE}\n{}\n", captions.join("\n-\n"));
        let s = strip(&text);
        let mut expected = vec![PROSE];
        expected.extend(captions);
        assert_eq!(kept_texts(&s), expected, "{:?}", s.dropped);
        let links = "Japan Weighs New Defense Budget\n-\nSeoul Braces For Tariff Talks\n-\nMarkets Rally On Trade Deal Hopes\n";
        let s = strip(&format!("{PROSE}\n{links}"));
        assert_eq!(kept_texts(&s), vec![PROSE]);
        for link in ["Japan Weighs", "Seoul Braces", "Markets Rally"] {
            assert!(
                s.dropped
                    .iter()
                    .any(|d| d.text.starts_with(link) && d.reason == "trailing list of links"),
                "{link}: {:?}",
                s.dropped
            );
        }
    }

    #[test]
    fn images_keep_their_alt_text_once() {
        let s = strip("![My Title My Title](https://x.example/i.webp)\n");
        assert_eq!(s.image_alts, vec!["My Title"]);
        assert_eq!(s.dropped[0].reason, "image");
    }

    #[test]
    fn captions_and_asides_are_set_apart() {
        let s = strip(
            "Leaders meet in Tokyo on Oct. 28, 2025. (Reuters/Yonhap)\nDid You Know? Facts here.\n",
        );
        assert_eq!(s.kept[0].block_kind(), Some(BlockKind::Caption));
        assert_eq!(s.kept[1].block_kind(), Some(BlockKind::Quote));
    }

    #[test]
    fn line_rules_match_anywhere_in_the_document() {
        let s = strip(&format!(
            "{PROSE}\nPlease direct questions or feedback to [x@y.z]\n{PROSE}\n"
        ));
        assert_eq!(s.kept.len(), 2);
        assert_eq!(s.dropped[0].reason, "rule \"contact-line\"");
    }
}
