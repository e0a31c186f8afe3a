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
//! That stemmed, merged index is itself committed (`assets/paraphrase/senses-index.tsv.z`,
//! written by `cargo run --release --example build_senses_index` from the table above): the
//! reader aligns its first story moments after launch, and stemming 113,000 lemmas took a
//! seventh of a second. A test checks the committed index is what today's stemmer makes of
//! the table, so the two cannot drift apart.
//!
//! The index loads once, lazily, the first time alignment asks for senses.

use super::tokens::{Lexicon, TermKind, Word};
use std::ops::Range;
use std::sync::OnceLock;

const SENSES_INDEX: &[u8] = include_bytes!("../../assets/paraphrase/senses-index.tsv.z");

/// Where the WordNet table and its index live, from the crate root.
pub const TABLE_PATH: &str = "assets/paraphrase/senses.tsv.z";
pub const INDEX_PATH: &str = "assets/paraphrase/senses-index.tsv.z";

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
    by_first: rustc_hash::FxHashMap<String, Vec<Entry>>,
    /// Every (synset, weight in tenths) of every lemma, back to back.
    all: Vec<(u32, u8)>,
}

impl Senses {
    /// The bundled table, decompressed and indexed on first use. A damaged asset leaves the
    /// table empty (with a warning): paraphrase matching is lost, never the reader.
    pub fn embedded() -> &'static Senses {
        static SENSES: OnceLock<Senses> = OnceLock::new();
        SENSES.get_or_init(Senses::unpack_embedded)
    }

    /// The bundled index decompressed and read anew (what `embedded` does once; the
    /// benchmark times it). A damaged asset leaves the table empty, with a warning.
    pub fn unpack_embedded() -> Senses {
        match unzip(SENSES_INDEX).and_then(|text| Senses::read_index(&text)) {
            Some(senses) => senses,
            None => {
                crate::text::sanitize::eprint_line(&format!(
                    "warning: {INDEX_PATH} does not read back; paraphrase matching is off"
                ));
                Senses::parse("", Lexicon::embedded())
            }
        }
    }

    /// The index as `first<TAB>rest of the stems<TAB>synset:weight,...` lines, by first stem
    /// and in lookup order (longest phrase first): what `read_index` reads.
    pub fn index_text(&self) -> String {
        let mut firsts: Vec<&String> = self.by_first.keys().collect();
        firsts.sort();
        let mut out = String::new();
        for first in firsts {
            for (tail, range) in &self.by_first[first] {
                let senses: Vec<String> = self.all[range.start as usize..range.end as usize]
                    .iter()
                    .map(|(id, w)| format!("{id}:{w}"))
                    .collect();
                out.push_str(&format!(
                    "{first}\t{}\t{}\n",
                    tail.join(" "),
                    senses.join(",")
                ));
            }
        }
        out
    }

    /// Read `index_text`'s lines; `None` when a line is not of that shape (a damaged asset).
    pub fn read_index(text: &str) -> Option<Senses> {
        let mut table = Senses {
            by_first: Default::default(),
            all: Vec::new(),
        };
        let mut current: Option<(&str, Vec<Entry>)> = None;
        for line in text.lines() {
            let mut fields = line.split('\t');
            let (first, tail, senses) = (fields.next()?, fields.next()?, fields.next()?);
            let start = table.all.len() as u32;
            for sense in senses.split(',') {
                let (id, w) = sense.split_once(':')?;
                table.all.push((id.parse().ok()?, w.parse().ok()?));
            }
            let tail: Box<[String]> = tail
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect();
            let entry = (tail, start..table.all.len() as u32);
            // Lines come grouped by first stem: one key string per group.
            match &mut current {
                Some((key, entries)) if *key == first => entries.push(entry),
                _ => {
                    if let Some((key, entries)) = current.replace((first, vec![entry])) {
                        table.by_first.insert(key.to_string(), entries);
                    }
                }
            }
        }
        if let Some((key, entries)) = current {
            table.by_first.insert(key.to_string(), entries);
        }
        Some(table)
    }

    /// Parse `lemma<TAB>synset:weight,...` lines; malformed lines and fields are skipped.
    /// Lemmas that stem alike ("talk", "talks") share one entry with the stronger weights, and
    /// a synset only one entry holds is dropped: it could never join two different words.
    /// The reader aligns its first story as soon as it opens, so this is kept quick: lines
    /// are stemmed on every core, then sorted and merged instead of gathered in maps.
    pub fn parse(text: &str, lexicon: &Lexicon) -> Senses {
        let lines: Vec<&str> = text.lines().collect();
        let mut parsed: Vec<(String, Vec<(u32, u8)>)> =
            super::parallel::map_in_order(&lines, |line| parse_line(line, lexicon))
                .into_iter()
                .flatten()
                .collect();
        // Sorted by lemma, so equal stems meet; their senses are sorted below, so the order
        // among equal lemmas does not matter and the table is the same on every run.
        parsed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut merged: Vec<(String, Vec<(u32, u8)>)> = Vec::with_capacity(parsed.len());
        for (key, senses) in parsed {
            match merged.last_mut() {
                Some((last, held)) if *last == key => held.extend(senses),
                _ => merged.push((key, senses)),
            }
        }
        let mut holders: rustc_hash::FxHashMap<u32, u32> = Default::default();
        for (_, senses) in &mut merged {
            // One weight per synset, the strongest.
            senses.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            senses.dedup_by_key(|s| s.0);
            for &(id, _) in senses.iter() {
                *holders.entry(id).or_default() += 1;
            }
        }
        let mut table = Senses {
            by_first: Default::default(),
            all: Vec::new(),
        };
        for (key, senses) in merged {
            let start = table.all.len() as u32;
            table.all.extend(
                senses
                    .into_iter()
                    .filter(|(id, _)| holders.get(id).is_some_and(|&n| n >= 2)),
            );
            if table.all.len() as u32 == start {
                continue;
            }
            let range = start..table.all.len() as u32;
            let mut words = key.split(' ');
            let first = words.next().unwrap_or_default().to_string();
            let tail: Box<[String]> = words.map(str::to_string).collect();
            table.by_first.entry(first).or_default().push((tail, range));
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

/// A zlib stream as UTF-8 text.
pub fn unzip(bytes: &[u8]) -> Option<String> {
    miniz_oxide::inflate::decompress_to_vec_zlib(bytes)
        .ok()
        .and_then(|raw| String::from_utf8(raw).ok())
}

/// One line of the table: the lemma's words stemmed (stop words kept as they are, inside a
/// phrase) and joined by spaces, and its senses; `None` for a line to skip. (Lemmas hold
/// letters and marks above the space, so joined keys sort as their word lists would.)
fn parse_line(line: &str, lexicon: &Lexicon) -> Option<(String, Vec<(u32, u8)>)> {
    let (lemma, fields) = line.split_once('\t')?;
    let words = lemma.split(' ').count();
    if words > MAX_PHRASE || (words == 1 && lexicon.is_stop(lemma)) {
        return None;
    }
    let mut key = String::with_capacity(lemma.len());
    for (k, w) in lemma.split(' ').enumerate() {
        if k > 0 {
            key.push(' ');
        }
        if lexicon.is_stop(w) {
            key.push_str(w);
        } else {
            key.push_str(&lexicon.stemmer_stem(w));
        }
    }
    let senses = fields
        .split(',')
        .filter_map(|field| {
            let (id, w) = field.split_once(':')?;
            Some((id.parse::<u32>().ok()?, w.parse::<u8>().ok()?.clamp(1, 10)))
        })
        .collect();
    Some((key, senses))
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

    /// The committed index must be what today's stemmer and stop words make of the WordNet
    /// table; when this fails, run `cargo run --release --example build_senses_index`.
    #[test]
    fn the_committed_index_is_the_table_as_stemmed_today() {
        let raw = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/paraphrase/senses.tsv.z"
        ))
        .expect("the WordNet table is committed");
        let table = Senses::parse(&unzip(&raw).expect("it decompresses"), Lexicon::embedded());
        let committed = unzip(SENSES_INDEX).expect("the index decompresses");
        assert!(
            table.index_text() == committed,
            "assets/paraphrase/senses-index.tsv.z is stale: cargo run --release --example build_senses_index"
        );
        // And it reads back to the same table.
        let read = Senses::read_index(&committed).expect("the index reads");
        assert_eq!(read.len(), table.len());
        assert_eq!(read.index_text(), committed);
    }

    #[test]
    fn a_damaged_index_is_refused() {
        assert!(Senses::read_index("talk\t\t12:x\n").is_none());
        assert!(Senses::read_index("no tabs here\n").is_none());
        let read = Senses::read_index("talk\t\t12:9,13:5\ntalk\tback\t14:3\n").unwrap();
        assert_eq!(read.len(), 2);
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
