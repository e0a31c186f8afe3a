//! Korean and Japanese words glossed into English, so that their paragraphs meet English ones
//! in the same tf-idf/cosine path (`tokens::Lexicon::words` calls in here).
//!
//! - Japanese: greedy longest match over JMdict headwords (compounds such as 防衛費, katakana
//!   loanwords); hiragana-only runs and lone characters are never looked up.
//! - Korean: the longest match inside each space-separated word, from its start and again
//!   after each match, so the particle or verb ending after the stem is left out. The Korean
//!   table was resolved at build time: Hangul → Hanja (libhangul) → modern kanji (KANJIDIC2)
//!   → JMdict (see `tools/build-glossary`).
//! - `assets/names.toml`: names (트럼프 / トランプ = Trump) and overrides for words the
//!   dictionary glosses badly; these win over the dictionary at equal length.
//!
//! The tables load once, lazily, the first time a text with Hangul, kana or kanji is seen.

pub mod figures;
pub mod paragraph;
mod tables;

pub use tables::Glossary;

/// What a run of Korean or Japanese text stands for in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gloss {
    /// Byte range in the text given to `Glossary::japanese` / `Glossary::korean`.
    pub start: usize,
    pub end: usize,
    /// English words, alternatives separated by `|` ("agreement|consent").
    pub english: &'static str,
    /// A name from `assets/names.toml`: weighs like a capitalised English name.
    pub name: bool,
}

/// The scripts a text is written in, as far as glossing cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Script {
    /// Latin or anything else without Hangul, kana or Han characters.
    Latin,
    Korean,
    Japanese,
}

pub fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F)
}

pub fn is_hiragana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x309F)
}

pub fn is_kana_or_han(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// True when `text` has anything the glossary could gloss (so the tables are worth loading).
pub fn needs_gloss(text: &str) -> bool {
    text.chars().any(|c| is_hangul(c) || is_kana_or_han(c))
}

/// The main script of a text: the most frequent of Hangul, kana/kanji and Latin letters.
/// Kanji inside a Korean text (韓 in headlines) do not make it Japanese.
pub fn script(text: &str) -> Script {
    let (mut latin, mut hangul, mut japanese) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if is_hangul(c) {
            hangul += 1;
        } else if is_kana_or_han(c) {
            japanese += 1;
        } else if c.is_alphabetic() {
            latin += 1;
        }
    }
    // A Hangul syllable carries about as much as two or three Latin letters.
    if hangul * 3 >= latin.max(1) && hangul >= japanese {
        Script::Korean
    } else if japanese * 3 >= latin.max(1) {
        Script::Japanese
    } else {
        Script::Latin
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_told_apart() {
        assert_eq!(script("Takaichi met Trump in Tokyo."), Script::Latin);
        assert_eq!(
            script("다카이치 총리와 트럼프 대통령이 회담했다."),
            Script::Korean
        );
        assert_eq!(
            script("高市首相とトランプ大統領が会談した。"),
            Script::Japanese
        );
        assert_eq!(script("韓美 정상회담이 열렸다"), Script::Korean);
        assert_eq!(script(""), Script::Latin);
    }

    #[test]
    fn only_texts_with_korean_or_japanese_need_the_tables() {
        assert!(!needs_gloss("Trump and Takaichi, $550 billion"));
        assert!(needs_gloss("트럼프"));
        assert!(needs_gloss("関税"));
    }
}
