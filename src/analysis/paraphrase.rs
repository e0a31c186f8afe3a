//! Paraphrase matching from WordNet: the senses an English word or phrase can have, so that
//! paragraphs that say the same thing in other words ("talks collapsed" / "negotiations broke
//! down", "pledged" / "promised") still share terms when they are compared.
//!
//! The table (`assets/paraphrase/senses.tsv.z`, built by `tools/build-paraphrase` from WordNet
//! 3.0) maps each lemma to its most frequent synsets, weighted by sense frequency, plus their
//! hypernyms and the lemma's derivations at half weight. Here every lemma is stemmed with the
//! tokenizer's own stemmer, so lookups are on the stems `tokens::Lexicon::words` produces, and
//! irregular forms ("broke down") were spelled out at build time. Alignment turns each sense
//! into a weak extra term (`~id`), whose idf across the story then decides how much a shared
//! sense counts: a sense every paragraph has counts for almost nothing.
//!
//! The table loads once, lazily, the first time alignment asks for senses.

use super::tokens::{Lexicon, TermKind, Word};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

const SENSES_TABLE: &[u8] = include_bytes!("../../assets/paraphrase/senses.tsv.z");

/// Longest lemma in the table, in words ("break down", "put up with").
const MAX_PHRASE: usize = 3;

/// One sense a word can carry: a synset number and how likely the word means it (0–1].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sense {
    pub synset: u32,
    pub weight: f32,
}

/// A lemma's stems after its first, and where its senses are in `Senses::all`.
type Entry = (Box<[String]>, Range<u32>);

/// The sense table, indexed by the stem of each lemma's first word.
pub struct Senses {
    by_first: HashMap<String, Vec<Entry>>,
    /// Every (synset, weight in tenths) of every lemma, back to back.
    all: Vec<(u32, u8)>,
}

impl Senses {
    /// The bundled table, decompressed and indexed on first use. A damaged asset leaves the
    /// table empty (with a warning): paraphrase matching is lost, never the reader.
    pub fn embedded() -> &'static Senses {
        static SENSES: OnceLock<Senses> = OnceLock::new();
        SENSES.get_or_init(|| {
            match miniz_oxide::inflate::decompress_to_vec_zlib(SENSES_TABLE)
                .ok()
                .and_then(|raw| String::from_utf8(raw).ok())
            {
                Some(text) => Senses::parse(&text, Lexicon::embedded()),
                None => {
                    crate::text::sanitize::eprint_line(
                        "warning: assets/paraphrase/senses.tsv.z does not decompress; \
                         paraphrase matching is off",
                    );
                    Senses::parse("", Lexicon::embedded())
                }
            }
        })
    }

    /// Parse `lemma<TAB>synset:weight,...` lines; malformed lines and fields are skipped.
    /// Lemmas that stem alike ("talk", "talks") share one entry with the stronger weights, and
    /// a synset only one entry holds is dropped: it could never join two different words.
    pub fn parse(text: &str, lexicon: &Lexicon) -> Senses {
        let mut merged: HashMap<Vec<String>, HashMap<u32, u8>> = HashMap::new();
        for line in text.lines() {
            let Some((lemma, fields)) = line.split_once('\t') else {
                continue;
            };
            let key: Vec<String> = lemma
                .split(' ')
                .map(|w| {
                    if lexicon.is_stop(w) {
                        w.to_string()
                    } else {
                        lexicon.stem(w)
                    }
                })
                .collect();
            if key.is_empty()
                || key.len() > MAX_PHRASE
                || (key.len() == 1 && lexicon.is_stop(lemma))
            {
                continue;
            }
            let senses = merged.entry(key).or_default();
            for field in fields.split(',') {
                let Some((id, w)) = field.split_once(':') else {
                    continue;
                };
                if let (Ok(id), Ok(w)) = (id.parse::<u32>(), w.parse::<u8>()) {
                    let w = w.clamp(1, 10);
                    let slot = senses.entry(id).or_insert(w);
                    *slot = (*slot).max(w);
                }
            }
        }
        let mut holders: HashMap<u32, u32> = HashMap::new();
        for senses in merged.values() {
            for id in senses.keys() {
                *holders.entry(*id).or_default() += 1;
            }
        }
        // Sorted, so the table (and the order of senses) is the same on every run.
        let mut entries: Vec<(Vec<String>, HashMap<u32, u8>)> = merged.into_iter().collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut table = Senses {
            by_first: HashMap::new(),
            all: Vec::new(),
        };
        for (mut key, senses) in entries {
            let mut kept: Vec<(u32, u8)> = senses
                .into_iter()
                .filter(|(id, _)| holders.get(id).is_some_and(|&n| n >= 2))
                .collect();
            if kept.is_empty() {
                continue;
            }
            kept.sort_unstable();
            let start = table.all.len() as u32;
            table.all.extend(kept);
            let range = start..table.all.len() as u32;
            let first = key.remove(0);
            table
                .by_first
                .entry(first)
                .or_default()
                .push((key.into_boxed_slice(), range));
        }
        for candidates in table.by_first.values_mut() {
            candidates.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
        }
        table
    }

    /// Lemmas (phrases included) in the table.
    pub fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }

    /// The senses of a word sequence, phrases first and longest first ("broke down" as one
    /// lemma rather than "broke" alone), each with the byte offset of the word (or the first
    /// word of the phrase) that carries it. Numbers and lone stop words carry none.
    pub fn of_words(&self, words: &[Word]) -> Vec<(usize, Vec<Sense>)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let word = &words[i];
            if word.kind == TermKind::Number {
                i += 1;
                continue;
            }
            let rest = &words[i + 1..];
            let found = self.by_first.get(&word.stem).and_then(|candidates| {
                candidates.iter().find(|(tail, _)| {
                    tail.len() <= rest.len()
                        && tail
                            .iter()
                            .zip(rest)
                            .all(|(s, w)| *s == w.stem && w.kind != TermKind::Number)
                        // A single word must be a content word; a phrase may hold stop words.
                        && (!tail.is_empty() || !word.stop)
                })
            });
            match found {
                Some((tail, range)) => {
                    let senses = &self.all[range.start as usize..range.end as usize];
                    let senses = senses.iter().map(|&(synset, w)| Sense {
                        synset,
                        weight: f32::from(w) / 10.0,
                    });
                    out.push((word.start, senses.collect()));
                    i += 1 + tail.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// Every sense of a text (tokenized with the embedded lexicon), in order.
    pub fn of_text(&self, text: &str) -> Vec<Sense> {
        self.of_words(&Lexicon::embedded().words(text))
            .into_iter()
            .flat_map(|(_, senses)| senses)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(a: &str, b: &str) -> Vec<u32> {
        let senses = Senses::embedded();
        let b: Vec<u32> = senses.of_text(b).iter().map(|s| s.synset).collect();
        let mut out: Vec<u32> = senses
            .of_text(a)
            .iter()
            .map(|s| s.synset)
            .filter(|s| b.contains(s))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn the_embedded_table_loads() {
        let senses = Senses::embedded();
        assert!(senses.len() > 50_000, "{} lemmas", senses.len());
    }

    #[test]
    fn paraphrases_share_a_sense() {
        for (a, b) in [
            ("pledged", "promised"),
            ("talks", "negotiations"),
            ("collapsed", "broke down"),
            ("tariffs", "duties"),
            ("salaries", "wages"),
            ("automobiles", "cars"),
            ("permits", "licenses"),
        ] {
            assert!(!shared(a, b).is_empty(), "{a} / {b}");
        }
    }

    #[test]
    fn unrelated_words_share_none() {
        for (a, b) in [
            ("missile", "salary"),
            ("typhoon", "tariff"),
            ("baseball", "negotiation"),
        ] {
            assert!(shared(a, b).is_empty(), "{a} / {b}: {:?}", shared(a, b));
        }
    }

    #[test]
    fn phrases_win_over_their_first_word_and_numbers_carry_nothing() {
        let senses = Senses::embedded();
        let phrase = senses.of_text("broke down");
        let word = senses.of_text("broke");
        assert_ne!(phrase, word, "\"broke down\" is looked up whole");
        assert!(senses.of_text("2025 550").is_empty());
        assert!(senses.of_text("the of and").is_empty());
    }

    #[test]
    fn a_malformed_table_is_skipped_line_by_line() {
        let lexicon = Lexicon::embedded();
        let table = Senses::parse(
            "pledge\t1:9,2:x,:3\nno tab here\npromise\t1:5,7:99\n\t\nvow\t1:4\n",
            lexicon,
        );
        // Synset 1 is held by three lemmas and kept; 2 failed to parse; 7 only one holds.
        assert_eq!(table.len(), 3);
        let words = lexicon.words("promised");
        assert_eq!(
            table.of_words(&words),
            [(
                0,
                vec![Sense {
                    synset: 1,
                    weight: 0.5
                }]
            )]
        );
    }
}
