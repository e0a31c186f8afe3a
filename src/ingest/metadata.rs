//! Metadata read from the article text itself: title, date, byline, dateline and language.
//! Runs after boilerplate removal; fills only fields the format, front matter or manifest
//! left empty, and moves the lines it used out of the body (recorded as dropped).

use super::boilerplate::{ends_like_sentence, Stripped};
use super::dates;
use super::draft::{Meta, RawBlock};
use super::plain::is_cjk;
use crate::model::{BlockKind, Dropped};
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How many blocks from the top a title, date or byline line may stand at.
const HEAD_BLOCKS: usize = 4;

pub fn extract(stripped: &mut Stripped, meta: &mut Meta) {
    take_byline(stripped, meta);
    take_title(stripped, meta);
    take_date(stripped, meta);
    if meta.dateline.is_none() {
        meta.dateline = stripped
            .kept
            .iter()
            .find(|b| b.is(BlockKind::Paragraph))
            .and_then(|b| dateline(&b.text));
    }
    if meta.language.is_none() {
        let sample: String = stripped
            .kept
            .iter()
            .take(20)
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        meta.language = detect_language(&sample).map(str::to_string);
    }
}

fn move_out(stripped: &mut Stripped, index: usize, reason: &str) -> RawBlock {
    let block = stripped.kept.remove(index);
    stripped.dropped.push(Dropped {
        text: block.text.clone(),
        reason: reason.to_string(),
    });
    block
}

fn take_byline(stripped: &mut Stripped, meta: &mut Meta) {
    static BYLINE: OnceLock<Regex> = OnceLock::new();
    let byline = BYLINE.get_or_init(|| {
        Regex::new(r"^(?i:by|written by)\s+(\p{Lu}[\p{L}.'\-]*(?:\s+(?:\p{Lu}[\p{L}.'\-]*|and|de|van|von))*)(?:[,|/].*)?$")
            .expect("byline pattern")
    });
    let limit = stripped.kept.len().min(HEAD_BLOCKS + 1);
    let found = (0..limit).find_map(|i| {
        let text = &stripped.kept[i].text;
        let caps = byline.captures(text)?;
        (text.split_whitespace().count() <= 12).then(|| (i, caps[1].to_string()))
    });
    if let Some((index, name)) = found {
        move_out(stripped, index, "byline (moved to metadata)");
        if meta.byline.is_none() {
            meta.byline = Some(name);
        }
    }
}

fn take_title(stripped: &mut Stripped, meta: &mut Meta) {
    if let Some(title) = &meta.title {
        // The format named the title; drop the body's copy of it, if it opens the body.
        if let Some(first) = stripped.kept.first() {
            if first.text.eq_ignore_ascii_case(title) {
                move_out(stripped, 0, "title (moved to metadata)");
            }
        }
        return;
    }
    if let Some(first) = stripped.kept.first() {
        let words = first.text.split_whitespace().count();
        let headline_shaped = matches!(
            first.block_kind(),
            Some(BlockKind::Heading | BlockKind::Paragraph)
        ) && words <= 30
            && !ends_like_sentence(&first.text)
            && dates::is_date_line(&first.text, meta.year).is_none();
        if headline_shaped && stripped.kept.len() > 1 {
            meta.title = Some(move_out(stripped, 0, "title (moved to metadata)").text);
            return;
        }
    }
    if let Some(alt) = stripped
        .image_alts
        .iter()
        .find(|alt| alt.split_whitespace().count() >= 4)
    {
        meta.title = Some(alt.clone());
        return;
    }
    if let Some(heading) = best_heading(&stripped.kept) {
        meta.title = Some(heading);
        return;
    }
    meta.title = stripped.kept.first().map(|b| first_sentence(&b.text));
}

/// The heading that best sums up the body: the one whose words the body uses most, with a
/// bonus for headline (title) case. Questions and stock headings ("FAQ") never win.
fn best_heading(blocks: &[RawBlock]) -> Option<String> {
    let mut frequency: HashMap<String, usize> = HashMap::new();
    for block in blocks.iter().filter(|b| !b.is(BlockKind::Heading)) {
        for word in content_words(&block.text) {
            *frequency.entry(word).or_default() += 1;
        }
    }
    let stock = [
        "frequently asked questions",
        "faq",
        "conclusion",
        "summary",
        "introduction",
        "background",
    ];
    blocks
        .iter()
        .filter(|b| b.is(BlockKind::Heading))
        .filter(|b| !b.text.ends_with('?') && !stock.contains(&b.text.to_lowercase().as_str()))
        .map(|b| {
            let words = content_words(&b.text);
            let coverage: usize = words
                .iter()
                .map(|w| frequency.get(w).copied().unwrap_or(0).min(10))
                .sum();
            let capitalised = b
                .text
                .split_whitespace()
                .filter(|w| w.starts_with(char::is_uppercase))
                .count();
            let title_case = capitalised * 2 >= b.text.split_whitespace().count();
            let score = coverage as f64 * if title_case { 1.5 } else { 1.0 };
            (score, b.text.clone())
        })
        .filter(|(score, _)| *score > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, text)| text)
}

fn content_words(text: &str) -> Vec<String> {
    const STOP: &[&str] = &[
        "the", "and", "for", "with", "that", "this", "from", "its", "are", "was", "has", "have",
        "will", "new", "key",
    ];
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
}

fn first_sentence(text: &str) -> String {
    let end = text
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?' | '。') && i > 20)
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(text.len());
    crate::text::width::truncate_to_width(&text[..end], 100)
}

fn take_date(stripped: &mut Stripped, meta: &mut Meta) {
    if meta.date.is_some() {
        // The date is known; a date line under the headline is still metadata, not body.
        if let Some(i) = (0..stripped.kept.len().min(HEAD_BLOCKS))
            .find(|&i| dates::is_date_line(&stripped.kept[i].text, meta.year).is_some())
        {
            move_out(stripped, i, "date line (moved to metadata)");
        }
        return;
    }
    let date_line = (0..stripped.kept.len().min(HEAD_BLOCKS))
        .find_map(|i| dates::is_date_line(&stripped.kept[i].text, meta.year).map(|d| (i, d)));
    if let Some((index, date)) = date_line {
        move_out(stripped, index, "date line (moved to metadata)");
        meta.date = Some(date);
        return;
    }
    // A credit line "(From The Yomiuri Shimbun, Oct. 29, 2025)" dates the piece.
    let credited = stripped
        .dropped
        .iter()
        .filter(|d| d.reason.contains("credit-line"))
        .find_map(|d| dates::find_first(&d.text, meta.year));
    if let Some(found) = credited {
        meta.date = Some(found.iso);
        return;
    }
    let head: String = stripped
        .kept
        .iter()
        .take(3)
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let context: String = stripped
        .kept
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let found = dates::find_all_in(&head, meta.year, &context);
    // Prefer a date with its year written; else a weekday date whose year was inferred.
    meta.date = found
        .iter()
        .find(|f| f.year_written)
        .or(found.first())
        .map(|f| f.iso.clone());
}

/// "Tokyo, Japan – The relationship…" → "Tokyo, Japan"; "SEOUL, Oct. 29 (Yonhap) -- …" → "SEOUL".
pub fn dateline(text: &str) -> Option<String> {
    static DATELINE: OnceLock<Regex> = OnceLock::new();
    let pattern = DATELINE.get_or_init(|| {
        Regex::new(r"^(\p{Lu}[\p{L}.'\-]*(?:\s\p{Lu}[\p{L}.'\-]*){0,2}(?:,\s\p{Lu}[\p{L}.'\-]*(?:\s\p{Lu}[\p{L}.'\-]*){0,2})?)(?:,\s[A-Z][a-z]{2}\.?\s\d{1,2})?(?:\s\([A-Za-z ]+\))?\s*(?:–|—|--|-)\s")
            .expect("dateline pattern")
    });
    let caps = pattern.captures(text)?;
    Some(caps[1].to_string())
}

/// A script-based guess: Hangul → ko, kana → ja, other Han → zh, Latin with English function
/// words → en.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let (mut hangul, mut kana, mut han, mut latin) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c as u32 {
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => hangul += 1,
            0x3040..=0x30FF => kana += 1,
            _ if is_cjk(c) => han += 1,
            _ if c.is_ascii_alphabetic() => latin += 1,
            _ => {}
        }
    }
    let total = hangul + kana + han + latin;
    if total == 0 {
        return None;
    }
    if hangul * 5 > total {
        return Some("ko");
    }
    if kana * 10 > total || (kana > 0 && (kana + han) * 5 > total) {
        return Some("ja");
    }
    if han * 5 > total {
        return Some("zh");
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let english = words
        .iter()
        .filter(|w| {
            matches!(
                **w,
                "the" | "and" | "of" | "to" | "in" | "is" | "that" | "with" | "for" | "on"
            )
        })
        .count();
    (words.len() >= 5 && english * 12 >= words.len()).then_some("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert_eq!(
            dateline("Tokyo, Japan – The relationship between").as_deref(),
            Some("Tokyo, Japan")
        );
        assert_eq!(
            dateline("SEOUL, Oct. 29 (Yonhap) -- South Korea").as_deref(),
            Some("SEOUL")
        );
        assert_eq!(dateline("The two leaders met - and agreed"), None);
    }

    #[test]
    fn languages() {
        assert_eq!(
            detect_language("한국과 일본의 정상회담이 열렸다"),
            Some("ko")
        );
        assert_eq!(detect_language("日米首脳会談が東京で行われた"), Some("ja"));
        assert_eq!(detect_language("中美两国领导人举行会谈"), Some("zh"));
        assert_eq!(
            detect_language("The leaders of the two countries met in Tokyo on Tuesday."),
            Some("en")
        );
        assert_eq!(detect_language("1234 !!"), None);
    }
}
