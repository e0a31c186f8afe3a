//! Shared text normalisation for clustering, alignment, figures and quotes: words are split,
//! lower-cased, stemmed (Snowball English), folded through the synonym table
//! (`assets/synonyms.toml`) and stripped of stop words, so that a paraphrase or a translation
//! variant of a sentence yields mostly the same terms as the original.

use super::gloss;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

const SYNONYMS_TOML: &str = include_str!("../../assets/synonyms.toml");

/// What a term is, which decides how much it weighs when texts are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// An ordinary content word.
    Word,
    /// A capitalised word (a person, place, organisation): rarer, and it survives translation.
    Name,
    /// A number: figures are what outlets copy most faithfully.
    Number,
}

/// One content term of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The normalised form compared across texts (stemmed, synonym-folded).
    pub key: String,
    pub kind: TermKind,
    /// Inside quotation marks: quoted words are the most literal part of a report.
    pub quoted: bool,
    /// Byte range in the source text of the word (or the first word of a folded phrase).
    pub start: usize,
    pub end: usize,
}

/// One raw word before folding and stop-word removal.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// Lower-cased surface form (possessive "'s" removed).
    pub lower: String,
    /// Stemmed form (numbers: the normalised number).
    pub stem: String,
    pub kind: TermKind,
    pub quoted: bool,
    pub stop: bool,
}

#[derive(Deserialize)]
struct SynonymFile {
    fold: BTreeMap<String, Vec<String>>,
}

/// One synonym fold: a stemmed variant phrase and the canonical stems it becomes.
type Fold = (Vec<String>, Vec<String>);

/// The stemmer, stop words and synonym folds. Built once from the embedded assets.
pub struct Lexicon {
    stemmer: Stemmer,
    stop: HashSet<&'static str>,
    /// Stemmed variant phrase (first stem → candidates, longest first) → canonical stems.
    phrases: HashMap<String, Vec<Fold>>,
}

const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "also",
    "said",
    "says",
    "say",
    "may",
    "might",
    "must",
    "shall",
    "within",
    "whereas",
    "upon",
    "among",
    "amid",
    "via",
    "per",
    "whether",
    "however",
    "s",
    "t",
    "re",
    "ve",
    "ll",
    "d",
    "m",
    "mr",
    "ms",
    "mrs",
    "etc",
    "yet",
    "even",
    "well",
    "still",
    "already",
    "another",
    "many",
    "much",
    "us",
    "let",
    "get",
    "got",
    "go",
    "going",
    "one",
    "new",
];

impl Lexicon {
    /// The lexicon built from the embedded `assets/synonyms.toml`.
    pub fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::from_toml(SYNONYMS_TOML).expect("embedded assets/synonyms.toml is valid")
        })
    }

    /// Build from a synonyms file (`[fold] canonical = ["variant", ...]`).
    pub fn from_toml(text: &str) -> Result<Lexicon, String> {
        let file: SynonymFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut lexicon = Lexicon {
            stemmer: Stemmer::create(Algorithm::English),
            stop: STOP_WORDS.iter().copied().collect(),
            phrases: HashMap::new(),
        };
        for (canonical, variants) in &file.fold {
            let target = lexicon.stem_phrase(canonical);
            if target.is_empty() {
                return Err(format!("empty canonical form {canonical:?}"));
            }
            for variant in variants {
                let source = lexicon.stem_phrase(variant);
                let Some(first) = source.first().cloned() else {
                    return Err(format!("empty variant for {canonical:?}"));
                };
                lexicon
                    .phrases
                    .entry(first)
                    .or_default()
                    .push((source, target.clone()));
            }
        }
        for candidates in lexicon.phrases.values_mut() {
            candidates.sort_by_key(|c| std::cmp::Reverse(c.0.len()));
        }
        Ok(lexicon)
    }

    fn stem_phrase(&self, phrase: &str) -> Vec<String> {
        phrase
            .split_whitespace()
            .map(|w| {
                let lower = w.to_lowercase();
                // As in `word`: a spelled count is its digits, a stop word stands for itself.
                if let Some(digits) = number_word(&lower) {
                    digits.to_string()
                } else if self.is_stop(&lower) {
                    lower
                } else {
                    self.stem(&lower)
                }
            })
            .collect()
    }

    /// The Snowball stem of a lower-cased word.
    pub fn stem(&self, lower: &str) -> String {
        self.stemmer.stem(lower).into_owned()
    }

    /// `stem` without a copy when the stemmer changes nothing.
    pub fn stemmer_stem<'a>(&self, lower: &'a str) -> std::borrow::Cow<'a, str> {
        self.stemmer.stem(lower)
    }

    /// `stem`, remembered per thread: a corpus repeats its vocabulary endlessly and stemming
    /// is the costliest step of tokenising.
    fn stem_cached(&self, lower: &str) -> String {
        thread_local! {
            static STEMS: std::cell::RefCell<HashMap<String, String>> =
                std::cell::RefCell::new(HashMap::new());
        }
        STEMS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some(stem) = cache.get(lower) {
                return stem.clone();
            }
            if cache.len() > 200_000 {
                cache.clear();
            }
            let stem = self.stem(lower);
            cache.insert(lower.to_string(), stem.clone());
            stem
        })
    }

    /// The canonical stem of one stemmed word under the single-word folds ("armi" → "militari").
    pub fn canonical(&self, stem: &str) -> String {
        self.phrases
            .get(stem)
            .and_then(|c| {
                c.iter()
                    .find(|(source, target)| source.len() == 1 && target.len() == 1)
            })
            .map_or_else(|| stem.to_string(), |(_, target)| target[0].clone())
    }

    pub fn is_stop(&self, lower: &str) -> bool {
        self.stop.contains(lower)
    }

    /// Every word of `text`, in order, with quote state and stems; nothing dropped yet.
    pub fn words(&self, text: &str) -> Vec<Word> {
        // Quoted stretches, sorted and merged, so each word is a binary search rather than a
        // scan of every quote (a long text with many quotes would otherwise be quadratic).
        let mut spans: Vec<(usize, usize)> = crate::analysis::quotes::quote_spans(text)
            .iter()
            .map(|q| (q.start, q.end))
            .collect();
        spans.sort_unstable();
        let mut quoted: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (start, end) in spans {
            match quoted.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => quoted.push((start, end)),
            }
        }
        let in_quote = |pos: usize| {
            let after = quoted.partition_point(|q| q.0 <= pos);
            after > 0 && pos < quoted[after - 1].1
        };
        let spans = split_words(text);
        // Korean and Japanese words become their English glosses (the tables load only now).
        let glossary = gloss::needs_gloss(text).then(gloss::Glossary::embedded);
        let mut words = Vec::with_capacity(spans.len());
        let mut k = 0;
        while k < spans.len() {
            let (start, end) = spans[k];
            let surface = &text[start..end];
            let first = surface.chars().next().unwrap_or(' ');
            if let Some(glossary) = glossary {
                if gloss::is_hangul(first) {
                    let glosses = glossary.korean(surface);
                    if glosses.is_empty() {
                        words.push(self.word(surface, start, end, in_quote(start)));
                    }
                    for g in glosses {
                        self.push_gloss(&mut words, &g, start, in_quote(start + g.start));
                    }
                    k += 1;
                    continue;
                }
                if is_cjk(first) {
                    // A run of adjacent Japanese characters (split one a word) glossed whole.
                    let mut last = k;
                    while last + 1 < spans.len()
                        && spans[last + 1].0 == spans[last].1
                        && text[spans[last + 1].0..].chars().next().is_some_and(is_cjk)
                    {
                        last += 1;
                    }
                    let run_end = spans[last].1;
                    let glosses = glossary.japanese(&text[start..run_end]);
                    let mut covered = start;
                    let mut next_gloss = glosses.iter().peekable();
                    for &(s, e) in &spans[k..=last] {
                        if let Some(g) = next_gloss.peek() {
                            if s == start + g.start {
                                self.push_gloss(&mut words, g, start, in_quote(s));
                                covered = start + g.end;
                                next_gloss.next();
                                continue;
                            }
                        }
                        // A character no headword covers keeps its old term (kanji meet
                        // kanji in same-language pairs); a lone hiragana is a particle.
                        let c = text[s..e].chars().next().unwrap_or(' ');
                        if s >= covered && !gloss::is_hiragana(c) {
                            words.push(self.word(&text[s..e], s, e, in_quote(s)));
                        }
                    }
                    k = last + 1;
                    continue;
                }
            }
            let mut word = self.word(surface, start, end, in_quote(start));
            // "US$550": the letters belong to the currency sign, not to the country.
            if text[end..].starts_with('$') {
                word.stop = true;
            }
            words.push(word);
            k += 1;
        }
        words
    }

    /// The English words of one gloss, each spanning the Korean or Japanese it came from;
    /// alternatives ("agreement|consent") count once per distinct stem.
    fn push_gloss(&self, words: &mut Vec<Word>, g: &gloss::Gloss, base: usize, quoted: bool) {
        let (start, end) = (base + g.start, base + g.end);
        let first = words.len();
        for (s, e) in split_words(g.english) {
            let mut word = self.word(&g.english[s..e], start, end, quoted);
            if g.name && word.kind == TermKind::Word && !word.stop {
                word.kind = TermKind::Name;
            }
            if !words[first..].iter().any(|w| w.stem == word.stem) {
                words.push(word);
            }
        }
    }

    fn word(&self, surface: &str, start: usize, end: usize, quoted: bool) -> Word {
        let first = surface.chars().next().unwrap_or(' ');
        if first.is_ascii_digit() {
            let number = normalize_number(surface);
            // A bare small count ("2 leaders") is an ordinary word; amounts, rates and years
            // are the figures outlets copy faithfully.
            let small = number.len() == 1;
            return Word {
                start,
                end,
                lower: number.clone(),
                stem: number,
                kind: if small {
                    TermKind::Word
                } else {
                    TermKind::Number
                },
                quoted,
                stop: false,
            };
        }
        // "US" and "U.S." are the country; "us" is a pronoun.
        if matches!(surface, "US" | "U.S." | "U.S" | "USA" | "U.S.A.") {
            return Word {
                start,
                end,
                lower: "usa".into(),
                stem: "usa".into(),
                kind: TermKind::Name,
                quoted,
                stop: false,
            };
        }
        // One allocation: lower-case, then trim in place ("Japan’s" → "japan", "U.S" stays).
        let mut lower = surface.to_lowercase();
        if lower.contains('’') {
            lower = lower.replace('’', "'");
        }
        for suffix in ["'s", "'"] {
            if lower.ends_with(suffix) {
                lower.truncate(lower.len() - suffix.len());
            }
        }
        while lower.ends_with('.') {
            lower.pop();
        }
        // "two leaders" = "2 leaders": small counts are spelled either way.
        if let Some(digit) = number_word(&lower) {
            return Word {
                start,
                end,
                lower: digit.to_string(),
                stem: digit.to_string(),
                kind: TermKind::Word,
                quoted,
                stop: false,
            };
        }
        let stop = self.is_stop(&lower);
        let kind = if first.is_uppercase() && !stop {
            TermKind::Name
        } else {
            TermKind::Word
        };
        // Stop words are never compared, so they need no stem (but phrases like "put money
        // into" match on them: their stem is the word itself).
        let stem = if stop {
            lower.clone()
        } else {
            self.stem_cached(&lower)
        };
        Word {
            start,
            end,
            stem,
            lower,
            kind,
            quoted,
            stop,
        }
    }

    /// The content terms of `text`: synonym-folded, stop words removed.
    pub fn terms(&self, text: &str) -> Vec<Term> {
        self.fold(self.words(text))
    }

    /// Fold synonyms over a word sequence (phrases first, longest first), then drop stop words.
    pub fn fold(&self, mut words: Vec<Word>) -> Vec<Term> {
        let mut terms = Vec::with_capacity(words.len());
        let mut i = 0;
        while i < words.len() {
            let word = &words[i];
            let matched = self.phrases.get(&word.stem).and_then(|candidates| {
                candidates.iter().find(|(source, _)| {
                    source.len() <= words.len() - i
                        && source
                            .iter()
                            .zip(&words[i..])
                            .all(|(s, w)| *s == w.stem && w.kind != TermKind::Number)
                })
            });
            match matched {
                Some((source, target)) => {
                    let last = &words[i + source.len() - 1];
                    for key in target {
                        terms.push(Term {
                            key: key.clone(),
                            kind: word.kind,
                            quoted: word.quoted,
                            start: word.start,
                            end: last.end,
                        });
                    }
                    i += source.len();
                }
                None => {
                    if !word.stop {
                        let (kind, quoted, start, end) =
                            (word.kind, word.quoted, word.start, word.end);
                        terms.push(Term {
                            // The word is not needed again: move its stem.
                            key: std::mem::take(&mut words[i].stem),
                            kind,
                            quoted,
                            start,
                            end,
                        });
                    }
                    i += 1;
                }
            }
        }
        terms
    }
}

/// Convenience: the content terms of `text` with the embedded lexicon.
pub fn terms(text: &str) -> Vec<Term> {
    Lexicon::embedded().terms(text)
}

/// Byte ranges of the words of `text`. A word is a run of letters and digits; inside it an
/// apostrophe followed by a letter ("Japan's"), a decimal point or thousands comma between
/// digits ("27.5", "1,000") and the dots of an initialism ("U.S.") are kept. Hyphens split
/// ("US-Japan" is two words), so compounds meet their spelled-out forms.
pub fn split_words(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        // Chinese and Japanese write without spaces: each character is a word of its own,
        // and the alignment's adjacent-pair terms then act as character bigrams.
        if is_cjk(chars[i].1) {
            i += 1;
            let end = chars.get(i).map_or(text.len(), |x| x.0);
            words.push((chars[start].0, end));
            continue;
        }
        let numeric = chars[i].1.is_ascii_digit();
        i += 1;
        while i < chars.len() && !is_cjk(chars[i].1) {
            let c = chars[i].1;
            let next = chars.get(i + 1).map(|x| x.1);
            let decimal =
                numeric && (c == '.' || c == ',') && next.is_some_and(|n| n.is_ascii_digit());
            let apostrophe = (c == '\'' || c == '’') && next.is_some_and(char::is_alphabetic);
            // "U.S." – keep the dot after a single capital letter.
            let initialism = c == '.' && is_initialism(&chars[start..i]);
            if c.is_alphanumeric() || decimal || apostrophe || initialism {
                i += 1;
            } else {
                break;
            }
        }
        let end = chars.get(i).map_or(text.len(), |x| x.0);
        words.push((chars[start].0, end));
    }
    words
}

/// Han ideographs, hiragana and katakana (not Hangul: Korean puts spaces between words).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// True when `chars` so far look like an initialism in progress: "U", "U.S", "U.S.A".
fn is_initialism(chars: &[(usize, char)]) -> bool {
    chars.iter().enumerate().all(|(k, (_, c))| {
        if k % 2 == 0 {
            c.is_ascii_uppercase()
        } else {
            *c == '.'
        }
    }) && chars.len() % 2 == 1
}

/// The digits of a spelled-out count from two to ninety, and "dozen" ("one" is too often not
/// a count; "hundred" and above combine with other words: "two hundred").
pub fn number_word(lower: &str) -> Option<&'static str> {
    Some(match lower {
        "dozen" => "12",
        "thirteen" => "13",
        "fourteen" => "14",
        "fifteen" => "15",
        "sixteen" => "16",
        "seventeen" => "17",
        "eighteen" => "18",
        "nineteen" => "19",
        "twenty" => "20",
        "thirty" => "30",
        "forty" => "40",
        "fifty" => "50",
        "sixty" => "60",
        "seventy" => "70",
        "eighty" => "80",
        "ninety" => "90",
        "two" => "2",
        "three" => "3",
        "four" => "4",
        "five" => "5",
        "six" => "6",
        "seven" => "7",
        "eight" => "8",
        "nine" => "9",
        "ten" => "10",
        "eleven" => "11",
        "twelve" => "12",
        _ => return None,
    })
}

/// "1,000" → "1000", "27.50" → "27.5", "2022" → "2022".
pub fn normalize_number(surface: &str) -> String {
    let digits: String = surface
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(|c| *c != ',')
        .collect();
    if digits.contains('.') {
        let trimmed = digits.trim_end_matches('0').trim_end_matches('.');
        trimmed.to_string()
    } else if digits.is_empty() {
        surface.to_lowercase()
    } else {
        digits
    }
}

/// Byte ranges of the sentences of `text`. A sentence ends at `.`, `!` or `?` (and any closing
/// quotes after it) followed by a space and a capital letter, a digit or an opening quote —
/// except after an initialism ("U.S. President") or a short abbreviation ("Oct. 28", "Mr.").
pub fn sentence_bounds(text: &str) -> Vec<(usize, usize)> {
    let mut bounds = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')') {
                j += 1;
            }
            let spaced = j < chars.len() && chars[j].1 == ' ';
            let next = chars.get(j + 1).map(|x| x.1);
            let opens = next.is_some_and(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '‘')
            });
            if spaced && opens && !(c == '.' && is_abbreviation(text, pos)) {
                let end = chars.get(j).map_or(text.len(), |x| x.0);
                bounds.push((start, end));
                start = chars[j + 1].0;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        bounds.push((start, text.len()));
    }
    bounds
}

/// Is the `.` at byte `dot` the end of an abbreviation rather than of a sentence?
fn is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "St", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
        "Sept", "Oct", "Nov", "Dec", "No", "Gen", "Gov", "Sen", "Rep", "Lt", "Col", "Corp", "Inc",
        "Co", "vs", "Jr", "Sr",
    ];
    let single_capital = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
    let initialism = word.contains('.');
    single_capital || initialism || ABBREVIATIONS.contains(&word.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        terms(text).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn embedded_synonyms_parse() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.phrases.contains_key("armi"), "army is folded");
    }

    #[test]
    fn splits_initialisms_numbers_and_possessives() {
        let text = "U.S. tariffs of 27.5 percent on Japan’s cars, $1,000 each";
        let words: Vec<&str> = split_words(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            words,
            [
                "U.S.",
                "tariffs",
                "of",
                "27.5",
                "percent",
                "on",
                "Japan’s",
                "cars",
                "1,000",
                "each"
            ]
        );
    }

    #[test]
    fn chinese_and_japanese_split_per_character_korean_per_word() {
        let text = "高市首相とトランプ大統領 한미 정상회담 2025年";
        let words: Vec<&str> = split_words(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            words,
            [
                "高",
                "市",
                "首",
                "相",
                "と",
                "ト",
                "ラ",
                "ン",
                "プ",
                "大",
                "統",
                "領",
                "한미",
                "정상회담",
                "2025",
                "年"
            ]
        );
    }

    #[test]
    fn korean_and_japanese_words_become_their_english_glosses() {
        let ko = keys("다카이치 총리와 트럼프 대통령은 방위비 증액에 합의했다");
        let ja = keys("高市首相とトランプ大統領は防衛費の増額で合意した");
        for english in keys("Takaichi prime minister Trump president defense agreement") {
            assert!(ko.contains(&english), "Korean has {english}: {ko:?}");
            assert!(ja.contains(&english), "Japanese has {english}: {ja:?}");
        }
        // Particles and endings (와, 은, 했다; と, は, の, した) leave nothing behind.
        assert!(!ko.iter().any(|k| k.contains('와') || k.contains("했다")));
        assert!(!ja.iter().any(|k| k == "と" || k == "は" || k == "の"));
        let names = terms("트럼프 高市");
        assert!(names.iter().all(|t| t.kind == TermKind::Name), "{names:?}");
        // A gloss spans the words it came from.
        let text = "총리는";
        let t = &terms(text)[0];
        assert_eq!(&text[t.start..t.end], "총리");
    }

    #[test]
    fn words_the_glossary_lacks_keep_their_old_terms() {
        // Native Korean words with no Hanja, and kanji no headword covers, still match their
        // own language.
        assert_eq!(keys("어제"), ["어제"]);
        assert_eq!(keys("甲"), ["甲"]);
    }

    #[test]
    fn hyphens_split_compounds() {
        assert_eq!(keys("US-Japan"), ["usa", "japan"]);
        assert_eq!(keys("rare-earth"), keys("rare earth"));
    }

    #[test]
    fn paraphrases_of_the_hankyoreh_seed_fold_to_the_plain_words() {
        assert_eq!(keys("commerce settlement"), keys("trade agreement"));
        assert_eq!(keys("army capability"), keys("military capabilities"));
        assert_eq!(keys("protection spending"), keys("defense spending"));
        assert_eq!(keys("defence spending"), keys("defense spending"));
        assert_eq!(
            keys("speculate US$550 billion"),
            keys("invest $550 billion")
        );
        assert_eq!(
            keys("put money into the US"),
            keys("invest in the United States")
        );
        assert_eq!(
            keys("rising considerably"),
            keys("increasing substantially")
        );
        assert_eq!(keys("gross domestic product"), ["gdp"]);
    }

    #[test]
    fn the_pronoun_us_is_not_the_country() {
        assert_eq!(keys("let us talk"), ["talk"]);
        assert_eq!(keys("the US and America"), ["usa", "usa"]);
    }

    #[test]
    fn stop_words_go_and_stems_meet() {
        assert_eq!(
            keys("The alliance is the greatest in the world"),
            ["allianc", "greatest", "world"]
        );
        assert_eq!(keys("abducted"), keys("abduction"));
    }

    #[test]
    fn quoted_words_and_names_are_marked() {
        let t = terms("Takaichi said\"the greatest alliance in the world,\" today");
        let takaichi = &t[0];
        assert_eq!(takaichi.key, "takaichi");
        assert_eq!(takaichi.kind, TermKind::Name);
        assert!(!takaichi.quoted);
        let alliance = t.iter().find(|x| x.key == "allianc").expect("alliance");
        assert!(alliance.quoted);
        let today = t.iter().find(|x| x.key == "today").expect("today");
        assert!(!today.quoted);
    }

    #[test]
    fn sentences_split_but_not_after_initialisms() {
        let text = "Trump met U.S. Navy staff on Oct. 28. He said: “Thanks.” Then he left! \
                    \"Good,\" she said.";
        let sentences: Vec<&str> = sentence_bounds(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            sentences,
            [
                "Trump met U.S. Navy staff on Oct. 28.",
                "He said: “Thanks.”",
                "Then he left!",
                "\"Good,\" she said."
            ]
        );
    }

    #[test]
    fn spelled_durations_and_counts_meet_their_digits() {
        assert_eq!(keys("half an hour"), keys("30 minutes"));
        assert_eq!(keys("a dozen ships"), keys("12 ships"));
        assert_eq!(keys("twenty years"), keys("20 years"));
        assert_eq!(keys("half a dozen ships"), keys("6 ships"));
    }

    #[test]
    fn numbers_are_normalised() {
        assert_eq!(normalize_number("1,000"), "1000");
        assert_eq!(normalize_number("27.50"), "27.5");
        assert_eq!(normalize_number("3.0"), "3");
        let t = terms("15 percent");
        assert_eq!(t[0].kind, TermKind::Number);
        assert_eq!(t[0].key, "15");
        assert_eq!(keys("the two leaders"), keys("the 2 leaders"));
        assert_eq!(terms("2 leaders")[0].kind, TermKind::Word);
    }
}
