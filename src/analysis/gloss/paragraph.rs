//! One paragraph's Korean and Japanese terms with their English glosses, as the reader's `w`
//! overlay lists them, and which of them the counterpart paragraph shares — the "why" of an
//! alignment for a reader who cannot read Hangul or kanji.

use super::{is_hangul, is_kana_or_han, needs_gloss, Glossary};
use crate::analysis::tokens::Lexicon;
use std::collections::HashSet;

/// A Korean or Japanese term of the paragraph and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GlossedTerm {
    /// The term as the paragraph writes it.
    pub surface: String,
    /// Its English glosses, alternatives apart ("agreement", "consent").
    pub english: Vec<String>,
    /// A name from names.toml (or the user's `[names]`).
    pub name: bool,
    /// The counterpart paragraph holds one of the glosses' terms.
    pub shared: bool,
}

/// Most alternatives shown per term: the dictionary's first senses are its main ones.
const MAX_ALTERNATIVES: usize = 4;

/// Every distinct glossed term of `text` in reading order. Korean: each Hangul run (a word
/// with its particle) matched longest-first; Japanese: each run of kana and kanji. Nothing to
/// gloss (an English paragraph) gives an empty list without loading the tables.
pub fn glossed_terms(glossary: &Glossary, text: &str) -> Vec<GlossedTerm> {
    let mut out: Vec<GlossedTerm> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        let korean = is_hangul(c);
        if !korean && !is_kana_or_han(c) {
            i += 1;
            continue;
        }
        let same = |c: char| {
            if korean {
                is_hangul(c)
            } else {
                is_kana_or_han(c)
            }
        };
        let mut j = i;
        while j < chars.len() && same(chars[j].1) {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |x| x.0);
        let run = &text[start..end];
        let glosses = if korean {
            glossary.korean(run)
        } else {
            glossary.japanese(run)
        };
        for g in glosses {
            let surface = run[g.start..g.end].to_string();
            if out.iter().any(|t| t.surface == surface) {
                continue;
            }
            let mut english: Vec<String> = Vec::new();
            for alternative in g.english.split('|').map(str::trim) {
                if !alternative.is_empty() && !english.iter().any(|e| e == alternative) {
                    english.push(alternative.to_string());
                }
            }
            english.truncate(MAX_ALTERNATIVES);
            // An empty override (a verb ending the dictionary mistakes for a word) glosses
            // nothing.
            if english.is_empty() {
                continue;
            }
            out.push(GlossedTerm {
                surface,
                english,
                name: g.name,
                shared: false,
            });
        }
        i = j;
    }
    out
}

/// Mark the terms whose glosses meet a term of `other` (the counterpart paragraph) on the
/// same path the alignment compares them: stemmed, synonym-folded term keys.
pub fn mark_shared(lexicon: &Lexicon, terms: &mut [GlossedTerm], other: &str) {
    let theirs: HashSet<String> = lexicon.terms(other).into_iter().map(|t| t.key).collect();
    for term in terms {
        term.shared = term
            .english
            .iter()
            .any(|e| lexicon.terms(e).iter().any(|t| theirs.contains(&t.key)));
    }
}

/// True when `text` has a term worth the overlay.
pub fn has_terms(text: &str) -> bool {
    needs_gloss(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(terms: &[GlossedTerm]) -> Vec<&str> {
        terms.iter().map(|t| t.surface.as_str()).collect()
    }

    #[test]
    fn korean_and_japanese_terms_come_with_their_english_in_reading_order() {
        let g = Glossary::embedded();
        let terms = glossed_terms(
            g,
            "다카이치 총리와 트럼프 대통령이 회담했다. Trump again: 트럼프",
        );
        assert_eq!(surfaces(&terms)[..3], ["다카이치", "총리", "트럼프"]);
        assert_eq!(terms[0].english, ["Takaichi"]);
        assert!(terms[0].name);
        assert_eq!(terms[1].english, ["prime minister"], "names.toml override");
        assert_eq!(
            terms.iter().filter(|t| t.surface == "트럼프").count(),
            1,
            "a term is listed once"
        );
        let ja = glossed_terms(g, "高市首相は防衛費を増やす。");
        assert_eq!(surfaces(&ja)[..3], ["高市", "首相", "防衛費"]);
        assert!(
            ja[2]
                .english
                .iter()
                .any(|e| e.contains("defense") || e.contains("defence")),
            "{:?}",
            ja[2]
        );
    }

    #[test]
    fn english_text_has_no_terms() {
        assert!(glossed_terms(Glossary::embedded(), "Takaichi met Trump.").is_empty());
        assert!(!has_terms("Takaichi met Trump."));
    }

    #[test]
    fn shared_terms_are_those_the_counterpart_also_says() {
        let g = Glossary::embedded();
        let mut terms = glossed_terms(g, "다카이치 총리와 트럼프 대통령이 서울에서");
        mark_shared(
            Lexicon::embedded(),
            &mut terms,
            "Prime Minister Takaichi and President Trump met in Tokyo.",
        );
        let shared: Vec<&str> = terms
            .iter()
            .filter(|t| t.shared)
            .map(|t| t.surface.as_str())
            .collect();
        assert!(
            shared.contains(&"다카이치") && shared.contains(&"트럼프"),
            "{terms:?}"
        );
        assert!(
            !shared.contains(&"서울"),
            "Seoul is not in the English paragraph"
        );
    }
}
