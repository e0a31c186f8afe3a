//! Where a text says which outlet made it, in words rather than in a credit mark: a digest's
//! opening line ("The following is the first summary of major stories moved by Yonhap News
//! Agency"), a broadcast's greeting ("Welcome to NHK Newsline"), a byline naming the
//! reporter's paper ("AKIRA INUJIMA, Nikkei staff writer") or an item's lone sign-off line
//! ("(NHK)"). Pure scanning: this module finds the phrases and the words that may be a name;
//! the classifier decides whether those words name an outlet it knows.

use super::classify::{line_bounds, PHOTO_WORDS};
use regex::Regex;
use std::sync::OnceLock;

/// A phrase that names the text's maker.
#[derive(Debug, Clone, PartialEq)]
pub struct SelfReference<'a> {
    /// Byte offset of the phrase in the text (the earliest evidence wins elsewhere).
    pub at: usize,
    /// The phrase as written, for the reason shown to the reader.
    pub phrase: &'a str,
    /// Where the outlet's name may be.
    pub name: NameSpot<'a>,
}

/// How the name sits in the phrase.
#[derive(Debug, Clone, PartialEq)]
pub enum NameSpot<'a> {
    /// The name starts here and runs for an unknown number of words ("…moved by Yonhap News
    /// Agency on Wednesday"): the longest known name at the start counts.
    StartsAt(&'a str),
    /// These words are the name and nothing else ("Nikkei" in "…, Nikkei staff writer").
    Exactly(&'a str),
}

/// Lines longer than this are prose, not a byline or a sign-off.
const BYLINE_MAX_CHARS: usize = 100;

struct Patterns {
    /// A phrase after which the maker's name follows.
    before_name: Regex,
    /// A byline line: a person, a comma, the outlet, the reporter's role.
    byline: Regex,
    /// A byline in capitals without a role, anywhere in a line: "TOMOHIRO OSAKI, THE JAPAN
    /// TIMES". The outlet's name starts at `name`.
    byline_in_capitals: Regex,
    /// Any of [`BYLINE_HINTS`]: one literal automaton, not eight substring searches (their
    /// searchers' set-up was a tenth of placement's time).
    byline_hint: Regex,
}

// ASCII word boundaries throughout (`ascii_word_boundaries`): a Unicode `\b` sends the regex
// engine to its slow path on every text with a non-ASCII letter, and placement reads every
// article.
fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    let build = |pattern: &str| {
        Regex::new(&super::classify::ascii_word_boundaries(pattern)).expect("literal pattern")
    };
    P.get_or_init(|| Patterns {
        // Case spelled out, not `(?i)`: literal prefixes let the engine skip to candidates
        // (`(?i)` made classify_10k 105 -> 117 ms).
        before_name: build(concat!(
            r"\b(?:",
            // A digest introduces itself and its maker.
            r"(?:The|the|THE) (?:following|Following|FOLLOWING) (?:is|are)\b[^\n.]{0,80}?\b(?:from|by)",
            r"|(?:stories|summaries|summary|dispatches|headlines) (?:moved|compiled|filed|released|distributed|selected|carried) by",
            // A broadcast greets its audience by its own name.
            r"|(?:Welcome|welcome|WELCOME) (?:back )?to|(?:You|you)(?: are|'re|’re) (?:watching|listening to)",
            // "This is Arirang Newscenter." (capital: a sentence's start, as a host says it).
            r"|(?:This|THIS) is",
            r")\s+(?:[Tt]he\s+)?",
        )),
        byline: build(concat!(
            r"^[ \t]*(?:By\s+)?\p{Lu}[\p{L}.'’ -]{1,40},\s+(?i:the\s+)?",
            r"(?P<name>[^,|\n]{2,40}?)\s+",
            r"(?i:senior staff writer|staff writer|staff reporter|staff correspondent|senior writer",
            r"|contributing writer|correspondent|bureau chief)\b",
        )),
        // Two to four words of capitals, then the outlet in capitals (ASCII: a capitals
        // byline is an English page's).
        byline_in_capitals: build(
            r"\b[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){1,3}, (?:THE )?(?P<name>[A-Z]{2})",
        ),
        byline_hint: Regex::new(&BYLINE_HINTS.join("|")).expect("literal words"),
    })
}

/// Words one of which a byline line holds ("staff writer", "correspondent", …), in lower and
/// upper case as bylines write them, checked before the (case-blind) byline pattern runs on a
/// line: most lines have none.
const BYLINE_HINTS: &[&str] = &[
    "riter",
    "RITER",
    "orrespondent",
    "ORRESPONDENT",
    "eporter",
    "EPORTER",
    "ureau",
    "UREAU",
];

/// Every phrase in `text` that may name its maker, in no particular order.
pub fn find(text: &str) -> Vec<SelfReference<'_>> {
    let patterns = patterns();
    let mut found = Vec::new();
    for m in patterns.before_name.find_iter(text) {
        // The phrase shown is the trigger and the few words after it.
        let rest = &text[m.end()..];
        found.push(SelfReference {
            at: m.start(),
            phrase: shown_phrase(text, m.start(), m.end()),
            name: NameSpot::StartsAt(rest),
        });
    }
    for caps in patterns.byline_in_capitals.captures_iter(text) {
        let (Some(whole), Some(name)) = (caps.get(0), caps.name("name")) else {
            continue;
        };
        if !is_capitals_byline(text, whole.start(), name.start()) {
            continue;
        }
        // (The match stops two letters into the name: the byline is shown on from there.)
        found.push(SelfReference {
            at: whole.start(),
            phrase: shown_phrase(text, whole.start(), name.start()),
            name: NameSpot::StartsAt(&text[name.start()..]),
        });
    }
    // Most texts hold no byline word at all: one search each over the text, not per line.
    let may_hold_byline = patterns.byline_hint.is_match(text);
    let mut line_start = 0;
    for (index, line) in text.split('\n').enumerate() {
        let at = line_start;
        line_start += line.len() + 1;
        // Bylines and sign-offs are short lines (a quick byte test before counting chars).
        if line.len() > 4 * BYLINE_MAX_CHARS || line.chars().count() > BYLINE_MAX_CHARS {
            continue;
        }
        let trimmed = line.trim();
        // "(NHK)": a name in round brackets, alone on its line, signs the item above it.
        if let Some(name) = trimmed
            .strip_prefix('(')
            .and_then(|rest| rest.strip_suffix(')'))
            .filter(|name| (2..=40).contains(&name.chars().count()) && !name.contains(['(', ')']))
        {
            found.push(SelfReference {
                at,
                phrase: trimmed,
                name: NameSpot::Exactly(name.trim()),
            });
            continue;
        }
        // "【朝鮮日報】訪韓の…": a Japanese-style headline stamp naming the outlet, among the
        // first lines (a press review further down quotes others' papers the same way).
        if let Some(name) = trimmed
            .strip_prefix('【')
            .filter(|_| index < STAMP_LINES)
            .and_then(|rest| rest.split_once('】'))
            .map(|(name, _)| name.trim())
            .filter(|name| (2..=20).contains(&name.chars().count()))
        {
            found.push(SelfReference {
                at,
                phrase: trimmed,
                name: NameSpot::Exactly(name),
            });
            continue;
        }
        if !may_hold_byline || !patterns.byline_hint.is_match(line) {
            continue;
        }
        if let Some(caps) = patterns.byline.captures(line) {
            let (Some(whole), Some(name)) = (caps.get(0), caps.name("name")) else {
                continue;
            };
            found.push(SelfReference {
                at: at + whole.start(),
                phrase: whole.as_str().trim(),
                name: NameSpot::Exactly(name.as_str().trim()),
            });
        }
    }
    found.extend(closing_credit(text));
    found
}

/// The phrase shown for a find from `start`: on from `from` to its line's end, at most 60
/// bytes past `from`.
fn shown_phrase(text: &str, start: usize, from: usize) -> &str {
    let rest = &text[from..];
    let end = floor_char_boundary(text, from + rest.find('\n').unwrap_or(rest.len()).min(60));
    text[start..end].trim()
}

/// Lines from the top in which a 【name】 headline stamp signs the text.
const STAMP_LINES: usize = 3;

/// Words that make a capitals line a headline reporting what an outlet said
/// ("NORTH KOREA FIRES MISSILE, YONHAP SAYS"), not a byline.
const REPORTING_WORDS: &[&str] = &[
    "SAYS", "SAID", "SAY", "REPORTS", "REPORTED", "REPORT", "CITES", "QUOTES", "CLAIMS",
];

/// A capitals match at `start` (its outlet from `name_start`) is a byline: its line names no
/// picture and reports nothing ("PHOTO: JUNG YEON-JE, AFP", "SOUTH KOREA, NHK REPORTED").
fn is_capitals_byline(text: &str, start: usize, name_start: usize) -> bool {
    let (line_start, line_end) = line_bounds(text, start, name_start);
    let lower = text[line_start..line_end].to_lowercase();
    let photo = PHOTO_WORDS.iter().any(|w| lower.contains(w));
    // The capitals after the comma, up to the first word that is not in capitals.
    let reports = text[name_start..line_end]
        .split_whitespace()
        .take_while(|w| w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase))
        .any(|w| REPORTING_WORDS.contains(&w.trim_matches(|c: char| !c.is_alphabetic())));
    !photo && !reports
}

/// Lines longer than this cannot be a credit alone ("REUTERS", "AP- Tokyo", "— AFP").
const CREDIT_LINE_MAX_CHARS: usize = 40;

/// Words before a closing bracketed credit that make its paragraph prose, not a label.
const CLOSING_PARAGRAPH_MIN_WORDS: usize = 8;

/// The text's last line signs it: a credit alone ("REUTERS", "— AFP", "AP- Tokyo") or a
/// credit closing the last paragraph ([`closing_mark`]). Not when the paragraph it closes is
/// a photo's caption: a picture's credit does not sign the copy.
fn closing_credit(text: &str) -> Option<SelfReference<'_>> {
    let body = text.trim_end();
    let line_start = body.rfind('\n').map_or(0, |i| i + 1);
    let line = body[line_start..].trim();
    let at = line_start + body[line_start..].find(line).unwrap_or(0);
    if line.is_empty() {
        return None;
    }
    if line.chars().count() <= CREDIT_LINE_MAX_CHARS {
        if let Some(name) = credit_alone(line) {
            let above = body[..line_start].trim_end();
            let paragraph_above = above.rsplit('\n').next().unwrap_or("");
            return (!looks_like_caption(paragraph_above)).then_some(SelfReference {
                at,
                phrase: line,
                name: NameSpot::Exactly(name),
            });
        }
    }
    let (offset, name) = closing_mark(line)?;
    Some(SelfReference {
        at: at + offset,
        phrase: &line[offset..],
        name: NameSpot::Exactly(name),
    })
}

/// A credit after the last sentence of a paragraph, as (its offset in `line`, the name):
/// "…close. (Yonhap)", "…he said. -AP", "…Shield 23.\" REUTERS", a broadcast's sign-off
/// "…persist. Park Jun-han, Arirang News.", or a bracketed name after a time stamp
/// ("2018年02月15日08時17分 [中央日報日本語版]").
fn closing_mark(line: &str) -> Option<(usize, &str)> {
    let name_fits = |name: &str| {
        (2..=30).contains(&name.chars().count()) && !name.contains(['(', ')', '[', ']', '/', ','])
    };
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner) = line.strip_suffix(close) {
            let start = inner.rfind(open)?;
            let name = inner[start + open.len_utf8()..].trim();
            let before = line[..start].trim_end();
            let signs = signs_a_paragraph(before) || is_time_stamp(before);
            return (name_fits(name) && signs).then_some((start, name));
        }
    }
    if let Some(dash) = line.rfind(['-', '–', '—']) {
        let name = line[dash..].trim_start_matches(['-', '–', '—']).trim();
        let words_only = name
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '.');
        let before = line[..dash].trim_end();
        // After a closing quote the dash attributes the quotation ("…in Asia." — The
        // Economist), not the copy.
        let after_quote = before.ends_with(['"', '”', '’', '\'']);
        if name_fits(name) && words_only && !after_quote && signs_a_paragraph(before) {
            return Some((dash, name));
        }
    }
    if let Some(space) = line.rfind(' ') {
        // One word in capitals: "REUTERS", "AFP", "BLOOMBERG".
        let name = &line[space + 1..];
        let capitals =
            (2..=12).contains(&name.len()) && name.bytes().all(|b| b.is_ascii_uppercase());
        if capitals && signs_a_paragraph(line[..space].trim_end()) {
            return Some((space + 1, name));
        }
    }
    // A broadcast reporter signs off with the station's name, on the last line or after the
    // last sentence of the item.
    let inner = line.strip_suffix('.')?;
    let (head, station) = inner.rsplit_once(", ")?;
    let (before, reporter) = match head.rfind(". ") {
        Some(i) => (&head[..=i], &head[i + 2..]),
        None => ("", head),
    };
    let words: Vec<&str> = reporter.split_whitespace().collect();
    let reporter_is_a_name = (2..=4).contains(&words.len())
        && words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()) && !w.contains([':', ',']));
    let station_is_words = station
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '.'));
    // A station's name, as a reporter says it on air ("Arirang News", "KBS World Radio"): a
    // photographer's "Kim Hong-ji, Reuters." credits a picture.
    let station_is_broadcast = station
        .rsplit(' ')
        .next()
        .is_some_and(|w| BROADCAST_WORDS.contains(&w));
    (reporter_is_a_name
        && name_fits(station)
        && station_is_words
        && station_is_broadcast
        && !looks_like_caption(line)
        && (before.is_empty() || signs_a_paragraph(before)))
    .then_some((inner.len() - station.len(), station))
}

/// The last word of a station's name in a reporter's sign-off.
const BROADCAST_WORDS: &[&str] = &[
    "News",
    "TV",
    "Radio",
    "World",
    "Newscenter",
    "Newsline",
    "Network",
];

/// A date and time and nothing else: "2018年02月15日08時17分", "2025-10-29 17:17" (a time in
/// it: "2024-03-01" alone is a reference list's date).
fn is_time_stamp(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text.contains([':', '時', '分'])
        && text.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(
                    c,
                    ' ' | ':' | '/' | '.' | '-' | '年' | '月' | '日' | '時' | '分'
                )
        })
}

/// What comes before a closing credit on its line is a paragraph of prose that ended its
/// sentence, not a photo's caption.
fn signs_a_paragraph(before: &str) -> bool {
    before.ends_with(['.', '。', '"', '”', '’'])
        && before.split_whitespace().count() >= CLOSING_PARAGRAPH_MIN_WORDS
        && !looks_like_caption(before)
}

/// The name in a line that is a credit and nothing else: dashes before it, a bureau after it
/// ("AP- Tokyo", "Reuters, Seoul", "— AFP"). `None` when anything else is on the line.
fn credit_alone(line: &str) -> Option<&str> {
    let core = line.trim_start_matches(['-', '–', '—', ' ']).trim();
    // "TOKYO -- The prime minister…": a dateline opening the copy, not a credit; a full
    // stop ends a sentence.
    if core.contains("--") || core.ends_with('.') {
        return None;
    }
    let mut cut = core.len();
    for separator in [",", "/", "—", "–", ":", "- ", " -"] {
        if let Some(i) = core.find(separator) {
            cut = cut.min(i);
        }
    }
    let name = core[..cut].trim();
    let bureau = core[cut..].trim_start_matches([',', '/', '—', '–', ':', '-', ' ']);
    // An editor's initials after a slash: "dpa/jp", "dpa/ab/cd".
    let initials = core[cut..].starts_with('/')
        && bureau.split('/').all(|i| {
            // (Three letters at most, so not a picture's "AFP/file" or "AFP/pool"; nor
            // "via" or "pix".)
            (1..=3).contains(&i.len())
                && i.bytes().all(|b| b.is_ascii_lowercase())
                && !["via", "pix"].contains(&i)
        });
    let bureau_is_a_place = bureau.is_empty()
        || initials
        || (bureau.starts_with(|c: char| c.is_uppercase())
            && bureau
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '\'')));
    let name_is_words = name
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '&' | '\''));
    (name.chars().count() >= 2 && name_is_words && bureau_is_a_place).then_some(name)
}

/// Words a photo's caption holds: what the picture is and what its people are doing in it.
/// (With the words that name a picture, [`PHOTO_WORDS`].)
const CAPTION_HINTS: &[&str] = &[
    "pictured",
    "file",
    "(l)",
    "(r)",
    "left",
    "right",
    " speaks",
    " attends",
    " poses",
    " walks",
    " gestures",
    " waves",
    " looks",
    " look at",
    " listens",
    " arrives",
    " shakes hands",
    " holds",
    " smiles",
    " stands",
    " sits",
    " is seen",
    " are seen",
    " react",
    // Captions of several people: "Protesters hold placards…".
    " hold ",
    " walk ",
    " pose ",
    " wave ",
    " gesture ",
    " listen ",
    " arrive ",
    " stand ",
    " sit ",
    " smile ",
    " attend ",
    " speak ",
];

fn looks_like_caption(paragraph: &str) -> bool {
    let lower = paragraph.to_lowercase();
    CAPTION_HINTS
        .iter()
        .chain(PHOTO_WORDS)
        .any(|hint| lower.contains(hint))
}

/// The longest prefix of `text`, cut at a word's end, that `is_name` accepts, among the first
/// few words (names are short).
pub fn longest_name_at<T>(text: &str, is_name: impl Fn(&str) -> Option<T>) -> Option<(T, &str)> {
    const MAX_WORDS: usize = 6;
    let mut ends: Vec<usize> = Vec::new();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        // A name runs over letters, digits and the joiners outlets use ("Dong-A", "AFP-Jiji").
        let part_of_word = c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '&' | '.');
        if part_of_word {
            in_word = true;
            continue;
        }
        if in_word {
            ends.push(i);
            in_word = false;
            if ends.len() >= MAX_WORDS {
                break;
            }
        }
        // A name stays on its line and inside its clause.
        if c == '\n' || c == ',' || c == ';' || c == ':' || c == '(' {
            break;
        }
    }
    if in_word && ends.len() < MAX_WORDS {
        ends.push(text.len());
    }
    ends.iter().rev().find_map(|&end| {
        // "Agency." at a sentence's end: the full stop is not part of the name.
        let candidate = text[..end].trim_end_matches('.');
        is_name(candidate).map(|found| (found, candidate))
    })
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spots(text: &str) -> Vec<String> {
        find(text)
            .into_iter()
            .map(|r| match r.name {
                NameSpot::StartsAt(s) => format!("starts:{}", s.lines().next().unwrap_or("")),
                NameSpot::Exactly(s) => format!("exactly:{s}"),
            })
            .collect()
    }

    #[test]
    fn digests_broadcasts_bylines_and_sign_offs_are_found() {
        assert_eq!(
            spots("The following is the first summary of major stories moved by Yonhap News Agency on Wednesday."),
            vec!["starts:Yonhap News Agency on Wednesday."]
        );
        assert_eq!(
            spots("TOKYO – The following is the most recent compilation of selected news summaries from Kyodo News.\n———-"),
            vec!["starts:Kyodo News."]
        );
        assert_eq!(
            spots("Welcome to NHK Newsline. I'm Ramin Mellegard in Tokyo."),
            vec!["starts:NHK Newsline. I'm Ramin Mellegard in Tokyo."]
        );
        assert_eq!(
            spots("AKIRA INUJIMA, Nikkei staff writer | Japan\n\nTOKYO -- Text."),
            vec!["exactly:Nikkei"]
        );
        assert_eq!(
            spots("By Kim Da-sol, The Korea Herald correspondent\nThe talks ended."),
            vec!["exactly:Korea Herald"]
        );
        assert_eq!(
            spots("Police arrested a man.\n(NHK)\nApr 30"),
            vec!["exactly:NHK"]
        );
    }

    #[test]
    fn a_byline_in_capitals_is_found_and_a_role_alone_is_not() {
        // The byline pattern reads roles in any case; the quick test before it must too.
        // (The role-less capitals pattern finds the same name too.)
        assert_eq!(
            spots("AKIRA INUJIMA, NIKKEI STAFF WRITER\nTOKYO -- Text."),
            vec!["starts:NIKKEI STAFF WRITER", "exactly:NIKKEI"]
        );
        assert!(spots("STAFF WRITER\nThe talks ended.").is_empty());
        // Without a role, a name in capitals and the outlet in capitals, even inside a line.
        assert_eq!(
            spots("This week's featured article TOMOHIRO OSAKI, THE JAPAN TIMES Among the effects"),
            vec!["starts:JAPAN TIMES Among the effects"]
        );
        // The reason shows the byline, not the match's two letters of the name.
        let found = find("TOMOHIRO OSAKI, THE JAPAN TIMES\nTOKYO -- Text.");
        assert_eq!(found[0].phrase, "TOMOHIRO OSAKI, THE JAPAN TIMES");
        // One word before the comma is a dateline; an outlet in lower case is prose.
        assert!(spots("SEOUL, THE KOREA HERALD reported.").is_empty());
        assert!(spots("KIM JONG UN, the leader, spoke.").is_empty());
    }

    #[test]
    fn mentions_in_prose_are_not_self_references() {
        // A quoted outlet, a long sentence with a byline's shape, a bracket inside a line.
        assert!(spots("Tokyo said so, according to Kyodo News.").is_empty());
        assert!(spots("He said (in NHK's words) that talks ended.").is_empty());
        let long = format!(
            "Smith, Kyodo correspondent {} said the talks ended.",
            "and many more words ".repeat(6)
        );
        assert!(
            find(&long).is_empty(),
            "a long line is prose: {:?}",
            spots(&long)
        );
        // "the following" with a full stop before the name is another sentence.
        assert!(spots("The following is what we know. AP reported it.").is_empty());
    }

    #[test]
    fn a_broadcast_saying_this_is_its_name_is_found() {
        assert_eq!(
            spots("Hello to our viewers across the globe.\nThis is Arirang Newscenter.\nTitle: x"),
            vec!["starts:Arirang Newscenter."]
        );
    }

    #[test]
    fn a_credit_closing_the_text_signs_it_and_a_caption_credit_does_not() {
        let story = "South Korean stocks closed higher on Friday, snapping a slump, analysts said.";
        assert_eq!(
            spots(&format!("{story}\n\nREUTERS\n")),
            vec!["exactly:REUTERS"]
        );
        assert_eq!(spots(&format!("{story}\n\nAP- Tokyo")), vec!["exactly:AP"]);
        assert_eq!(spots(&format!("{story}\n— AFP")), vec!["exactly:AFP"]);
        assert_eq!(
            spots(&format!("Title\n\n{story} (Yonhap)")),
            vec!["exactly:Yonhap"]
        );
        // A caption above the credit, or a caption ending in one: the picture's credit.
        let caption = "President Yoon speaks at a news conference in Seoul on Jan. 10, 2024.";
        assert!(spots(&format!("{story}\n\n{caption}\nREUTERS")).is_empty());
        assert!(spots(&format!("{story}\n\n{caption} (Reuters)")).is_empty());
        // A short label line, a bracket mid-paragraph, a line with more than a bureau after
        // the name: not a sign-off.
        assert!(spots(&format!("{story}\nSeoul rally (Yonhap)")).is_empty());
        assert!(spots(&format!("{story}\nReuters - reported on Friday by phone")).is_empty());
        assert!(
            spots("It rose (Yonhap) on Friday, said an analyst at the firm in Seoul.").is_empty()
        );
    }

    #[test]
    fn the_longest_known_name_at_the_start_wins() {
        let known = |s: &str| {
            ["yonhap", "yonhap news agency", "nhk newsline"]
                .contains(&s.to_lowercase().as_str())
                .then_some(())
        };
        let got = longest_name_at("Yonhap News Agency on Wednesday.", known);
        assert_eq!(got.map(|(_, n)| n), Some("Yonhap News Agency"));
        let got = longest_name_at("Yonhap News Agency.\nMore", known);
        assert_eq!(got.map(|(_, n)| n), Some("Yonhap News Agency"));
        let got = longest_name_at("NHK Newsline. I'm Ramin", known);
        assert_eq!(got.map(|(_, n)| n), Some("NHK Newsline"));
        // Nothing known at the start: nothing.
        assert!(longest_name_at("the capital, Yonhap", known).is_none());
        // Wide characters are cut at their boundaries.
        assert!(longest_name_at("연합뉴스 기자", known).is_none());
    }
}
