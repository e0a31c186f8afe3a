//! Case-insensitive substring search over a block's text, returning byte ranges into the
//! original text (so the view can highlight them on wrapped lines).

use std::ops::Range;

/// Every non-overlapping occurrence of `query` in `text`, ignoring case, as byte ranges of
/// `text`. Works for any script: characters are lower-cased one by one and every folded byte
/// remembers the original character it came from, so a range always falls on char
/// boundaries even when lower-casing changes a character's length.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    let needle: String = query.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut folded = String::with_capacity(text.len());
    // For each byte of `folded`: the original char's start and end.
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        for lower in c.to_lowercase() {
            folded.push(lower);
            origin.extend(std::iter::repeat_n((at, end), lower.len_utf8()));
        }
    }
    let mut out: Vec<Range<usize>> = Vec::new();
    for (start, found) in folded.match_indices(needle.as_str()) {
        let from = origin[start].0;
        let to = origin[start + found.len() - 1].1;
        // A match beginning inside the previous one's last char (possible only when one char
        // folds to several) is dropped, so ranges never overlap.
        if out.last().is_none_or(|last| from >= last.end) {
            out.push(from..to);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
        find_all(text, query)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn ignores_case_and_finds_every_occurrence() {
        assert_eq!(
            found("Tariffs and TARIFFS, tariff.", "tariff"),
            ["Tariff", "TARIFF", "tariff"]
        );
        assert_eq!(find_all("Rare earths", "EARTH"), vec![5..10]);
        assert!(find_all("anything", "").is_empty());
        assert!(find_all("anything", "zz").is_empty());
    }

    #[test]
    fn cjk_matches_are_byte_ranges_on_char_boundaries() {
        let text = "한미 정상회담에서 관세 협상이 타결됐다. 관세율은 15%.";
        assert_eq!(found(text, "관세"), ["관세", "관세"]);
        let ranges = find_all(text, "관세");
        // "한미 정상회담에서 " is 2 + 1 + 6 + 1 chars: 3*2 + 1 + 3*6 + 1 = 26 bytes.
        assert_eq!(ranges[0], 26..32);
        let japanese = "日米首脳会談。首脳は";
        assert_eq!(find_all(japanese, "首脳"), vec![6..12, 21..27]);
    }

    #[test]
    fn characters_that_change_length_when_folded_still_map_back() {
        // 'İ' (2 bytes) lower-cases to "i̇" (3 bytes); the range must cover the original char.
        let text = "xİstanbul";
        assert_eq!(found(text, "i̇stanbul"), ["İstanbul"]);
        // 'ẞ' lower-cases to 'ß'.
        assert_eq!(found("STRAẞE", "straße"), ["STRAẞE"]);
    }
}
