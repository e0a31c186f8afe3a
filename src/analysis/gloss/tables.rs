//! Loading the gloss tables: the compressed JMdict-derived assets (built by
//! `tools/build-glossary`) and `assets/names.toml`, and the longest-match lookups over them.

use super::{is_hiragana, Gloss};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

const JA_TABLE: &[u8] = include_bytes!("../../../assets/gloss/ja.tsv.z");
const KO_TABLE: &[u8] = include_bytes!("../../../assets/gloss/ko.tsv.z");
const NAMES_TOML: &str = include_str!("../../../assets/names.toml");

/// The user's names from the config, set before the tables load.
static USER_NAMES: OnceLock<BTreeMap<String, String>> = OnceLock::new();

/// Longest headword tried, in characters: longer compounds are rare and cost lookups.
const MAX_MATCH: usize = 12;

#[derive(Deserialize, Default)]
struct NamesFile {
    #[serde(default)]
    names: BTreeMap<String, String>,
    #[serde(default)]
    glosses: BTreeMap<String, String>,
}

/// An entry of names.toml: its English, and whether it is a name.
type Override = (&'static str, bool);

/// The gloss tables. `Glossary::embedded()` builds it once from the bundled assets.
pub struct Glossary {
    ja: HashMap<&'static str, &'static str>,
    ko: HashMap<&'static str, &'static str>,
    overrides: HashMap<&'static str, Override>,
}

impl Glossary {
    /// The bundled tables with the user's names (`install_user_names`), decompressed and
    /// indexed on first use.
    pub fn embedded() -> &'static Glossary {
        static GLOSSARY: OnceLock<Glossary> = OnceLock::new();
        GLOSSARY.get_or_init(|| {
            let glossary = Glossary::build(&[JA_TABLE, KO_TABLE], NAMES_TOML);
            match USER_NAMES.get() {
                Some(names) => glossary.with_names(names),
                None => glossary,
            }
        })
    }

    /// The config's `[names]`, for the tables to take in when (and only if) they load. Only
    /// the first call counts, and only before the tables were first used.
    pub fn install_user_names(names: BTreeMap<String, String>) {
        let _ = USER_NAMES.set(names);
    }

    /// More names (spelling → English), winning over names.toml and the dictionary.
    pub fn with_names(mut self, names: &BTreeMap<String, String>) -> Glossary {
        for (spelling, english) in names {
            let (spelling, english) = (spelling.trim(), english.trim());
            if !spelling.is_empty() && !english.is_empty() {
                self.overrides.insert(
                    leak(spelling.to_string()),
                    (leak(english.to_string()), true),
                );
            }
        }
        self
    }

    /// Build from compressed tables (Japanese, then Korean) and a names file. A table that
    /// fails to decompress or a names file that fails to parse is left out (with a warning),
    /// so a damaged asset costs the cross-language matching, never the reader.
    pub fn build(tables: &[&[u8]; 2], names: &str) -> Glossary {
        let [ja, ko] = tables.map(|bytes| parse_table(leak(inflate(bytes))));
        let file: NamesFile = toml::from_str(names).unwrap_or_else(|e| {
            crate::text::sanitize::eprint_line(&format!("warning: assets/names.toml: {e}"));
            NamesFile::default()
        });
        let mut overrides = HashMap::new();
        for (spelling, english) in file.glosses {
            overrides.insert(leak(spelling), (leak(english), false));
        }
        for (spelling, english) in file.names {
            overrides.insert(leak(spelling), (leak(english), true));
        }
        Glossary { ja, ko, overrides }
    }

    /// Entries in the Japanese and Korean tables.
    pub fn len(&self) -> (usize, usize) {
        (self.ja.len(), self.ko.len())
    }

    /// The longest entry of `table` (or the overrides) starting at `chars[from..]`, at least
    /// `min` characters long: (length in chars, gloss).
    fn longest(
        &self,
        table: &HashMap<&'static str, &'static str>,
        text: &str,
        chars: &[(usize, char)],
        from: usize,
        min: usize,
    ) -> Option<(usize, Override)> {
        let most = (chars.len() - from).min(MAX_MATCH);
        (min..=most).rev().find_map(|len| {
            let start = chars[from].0;
            let end = chars.get(from + len).map_or(text.len(), |x| x.0);
            let key = &text[start..end];
            self.overrides
                .get(key)
                .copied()
                .or_else(|| table.get(key).map(|g| (*g, false)))
                .map(|g| (len, g))
        })
    }

    /// Glosses of a run of Japanese text (no spaces), greedy longest match, left to right.
    /// Characters no headword covers are left out of the result.
    pub fn japanese(&self, text: &str) -> Vec<Gloss> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            // Hiragana are particles and endings here: no headword starts with one.
            if is_hiragana(chars[i].1) {
                i += 1;
                continue;
            }
            match self.longest(&self.ja, text, &chars, i, 2) {
                Some((len, (english, name))) => {
                    let end = chars.get(i + len).map_or(text.len(), |x| x.0);
                    out.push(Gloss {
                        start: chars[i].0,
                        end,
                        english,
                        name,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Glosses of one space-separated Korean word: the longest entry from its start, then
    /// again after it ("미일정상회담" = 미일 + 정상회담), until nothing matches — what is left
    /// is a particle or an ending ("합의했다" → 합의).
    pub fn korean(&self, word: &str) -> Vec<Gloss> {
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let Some((len, (english, name))) = self.longest(&self.ko, word, &chars, i, 2) else {
                break;
            };
            let end = chars.get(i + len).map_or(word.len(), |x| x.0);
            out.push(Gloss {
                start: chars[i].0,
                end,
                english,
                name,
            });
            i += len;
        }
        out
    }
}

/// The bytes of a zlib stream, or nothing (with a warning) when it is damaged.
fn inflate(bytes: &[u8]) -> String {
    match miniz_oxide::inflate::decompress_to_vec_zlib(bytes) {
        Ok(raw) => String::from_utf8(raw).unwrap_or_else(|_| {
            crate::text::sanitize::eprint_line(
                "warning: assets/gloss: a table is not UTF-8; left out",
            );
            String::new()
        }),
        Err(e) => {
            crate::text::sanitize::eprint_line(&format!(
                "warning: assets/gloss: a table does not decompress ({e:?}); left out"
            ));
            String::new()
        }
    }
}

/// The tables live as long as the program (they load once); leaking them lets the index
/// borrow from the text instead of holding a second copy of every headword.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// "headword<TAB>gloss|gloss" lines into an index; malformed lines are skipped.
fn parse_table(text: &'static str) -> HashMap<&'static str, &'static str> {
    text.lines()
        .filter_map(|line| line.split_once('\t'))
        .filter(|(head, gloss)| !head.is_empty() && !gloss.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(glosses: &[Gloss]) -> Vec<&str> {
        glosses.iter().map(|g| g.english).collect()
    }

    #[test]
    fn japanese_compounds_match_longest_first() {
        let g = Glossary::embedded();
        let text = "日米首脳会談で防衛費の増額に合意した";
        let glosses = g.japanese(text);
        let spans: Vec<&str> = glosses.iter().map(|x| &text[x.start..x.end]).collect();
        assert_eq!(spans, ["日米", "首脳会談", "防衛費", "増額", "合意"]);
        assert_eq!(glosses[0].english, "Japan US");
        assert!(glosses[0].name);
        assert_eq!(glosses[1].english, "summit");
        assert!(glosses[4].english.contains("agreement"));
    }

    #[test]
    fn hiragana_runs_and_lone_characters_are_not_glossed() {
        let g = Glossary::embedded();
        assert!(g.japanese("これはとてもよい").is_empty());
        assert!(g.japanese("米").is_empty());
    }

    #[test]
    fn korean_stems_match_before_their_particles() {
        let g = Glossary::embedded();
        assert_eq!(english(&g.korean("트럼프")), ["Trump"]);
        assert_eq!(english(&g.korean("다카이치는")), ["Takaichi"]);
        assert_eq!(
            english(&g.korean("미일정상회담에서")),
            ["US Japan", "summit"]
        );
        assert!(english(&g.korean("합의했다"))[0].contains("agreement"));
        // Through Hanja: 대통령 (大統領) → president, 안보 (安保) → security.
        assert_eq!(english(&g.korean("대통령은")), ["president"]);
        assert_eq!(english(&g.korean("안보")), ["security"]);
        assert!(g.korean("했다").is_empty());
    }

    #[test]
    fn user_names_join_the_table_and_win_over_it() {
        let mut names = BTreeMap::new();
        names.insert("홍길동".to_string(), "Hong Gil-dong".to_string());
        names.insert("高市".to_string(), "Sanae Takaichi".to_string());
        let before = Glossary::build(&[JA_TABLE, KO_TABLE], NAMES_TOML);
        assert!(english(&before.korean("홍길동은")) != vec!["Hong Gil-dong"]);
        let g = before.with_names(&names);
        let hong = g.korean("홍길동은");
        assert_eq!(english(&hong), vec!["Hong Gil-dong"]);
        assert!(hong[0].name, "a user name weighs as a name");
        assert_eq!(
            (hong[0].start, hong[0].end),
            (0, "홍길동".len()),
            "the particle is left"
        );
        assert_eq!(
            english(&g.japanese("高市首相")),
            vec!["Sanae Takaichi", "prime minister"]
        );
    }

    #[test]
    fn damaged_tables_and_names_are_left_out_not_fatal() {
        let g = Glossary::build(&[b"not zlib", b""], "[names\n");
        assert_eq!(g.len(), (0, 0));
        assert!(g.japanese("首相").is_empty());
        assert!(g.korean("총리").is_empty());
    }
}
