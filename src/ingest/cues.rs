//! Weighted cues for an article no outlet rule places: the script of its body, time-zone
//! marks, datelines, currencies and the home-country viewpoint. Each cue adds its weight to
//! one perspective; the reason lists every cue that fired.
//!
//! The weights are set so that an international article merely *about* Korea or Japan (a
//! "SEOUL, Oct. 28" dateline, amounts in won, the word "Diet") stays below the threshold:
//! only text in the country's script, or several independent marks of a home newsroom
//! (its time zone *and* its dateline or viewpoint), reach it.

use regex::{Regex, RegexSet};
use std::sync::OnceLock;

/// A cue that fired: the perspective it points to, what was seen, its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct Cue {
    pub perspective: &'static str,
    pub what: String,
    pub weight: f32,
}

/// The cues' verdict: the leading perspective, its score and the runner-up's.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub perspective: &'static str,
    pub score: f32,
    pub runner_up: f32,
    /// Number of distinct kinds of cue behind the leader (script counts as two).
    pub kinds: usize,
    pub cues: Vec<Cue>,
}

/// A leader must reach this score …
pub const PLACE_SCORE: f32 = 2.5;
/// … lead the runner-up by this much …
pub const PLACE_MARGIN: f32 = 1.5;
/// … and rest on at least this many independent kinds of cue.
pub const PLACE_KINDS: usize = 2;

const SCRIPT_WEIGHT: f32 = 3.0;

impl Verdict {
    pub fn places(&self) -> bool {
        self.score >= PLACE_SCORE
            && self.score - self.runner_up >= PLACE_MARGIN
            && self.kinds >= PLACE_KINDS
    }

    /// 0–1: grows with the score and shrinks with the runner-up's.
    pub fn confidence(&self) -> f32 {
        let strength = 1.0 - (-self.score / 1.5).exp();
        let share = self.score / (self.score + self.runner_up).max(f32::EPSILON);
        (strength * share).clamp(0.0, 0.99)
    }

    /// "JST +1.5, ¥ +0.5" for the leader's cues.
    pub fn describe(&self) -> String {
        self.cues
            .iter()
            .filter(|c| c.perspective == self.perspective)
            .map(|c| format!("{} {:+.1}", c.what, c.weight))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

struct Patterns {
    /// `TABLE`'s patterns in one set, so a text is scanned once for all of them.
    table_set: RegexSet,
    korea_bare: Regex,
    korea_qualified: Regex,
    our: Regex,
    japan_abroad: Regex,
}

/// (perspective, what, weight, kind, pattern) of each weighted cue.
type Row = (&'static str, &'static str, f32, &'static str, &'static str);

const TABLE: [Row; 14] = [
    ("korean", "KST", 1.5, "zone", r"\bKST\b|Korea Standard Time"),
    (
        "japanese",
        "JST",
        1.5,
        "zone",
        r"\bJST\b|Japan Standard Time",
    ),
    (
        "korean",
        "Korean dateline",
        1.0,
        "dateline",
        r"(?m)^(SEOUL|Seoul|BUSAN|Busan|INCHEON|Incheon|SEJONG|Sejong|DAEJEON|Daejeon|GWANGJU|Gwangju|DAEGU|Daegu|ULSAN|Ulsan)\b[^\n]{0,30}?(,|—|--|\()",
    ),
    (
        "japanese",
        "Japanese dateline",
        1.0,
        "dateline",
        r"(?m)^(TOKYO|Tokyo|OSAKA|Osaka|KYOTO|Kyoto|NAGOYA|Nagoya|SAPPORO|Sapporo|FUKUOKA|Fukuoka|NAHA|Naha|YOKOHAMA|Yokohama|HIROSHIMA|Hiroshima|KOBE|Kobe)\b[^\n]{0,30}?(,|—|--|\()",
    ),
    (
        "korean",
        "₩/won",
        0.5,
        "currency",
        r"₩|\d\s*(trillion |billion |million )?won\b|\d+(조|억|만)\s?원",
    ),
    (
        "japanese",
        "¥/yen",
        0.5,
        "currency",
        r"[¥￥]|\d\s*(trillion |billion |million )?yen\b|\d+(兆|億|万)円",
    ),
    (
        "korean",
        "Korea-first pairing",
        1.0,
        "viewpoint",
        r"(^|[^h] )Korea-(U\.S\.|US\b|Japan\b|China\b)|\bSeoul-(Washington|Tokyo|Beijing)\b|한미|한일",
    ),
    (
        "japanese",
        "Japan-first pairing",
        1.0,
        "viewpoint",
        r"\bJapan-(U\.S\.|US\b|China\b|South Korea\b|ROK\b)|\bTokyo-(Washington|Beijing|Seoul)\b|日米|日中|日韓",
    ),
    (
        "japanese",
        "the Diet",
        0.5,
        "institution",
        r"\bthe Diet\b|\bNagatacho\b|\bKasumigaseki\b|国会",
    ),
    (
        "korean",
        "Seoul institutions",
        0.5,
        "institution",
        r"\bCheong Wa Dae\b|\bYongsan presidential office\b|presidential office in Yongsan|대통령실|국회",
    ),
    (
        "korean",
        "Korean honorific byline",
        1.0,
        "byline",
        r"(?m)[가-힣]{2,4}\s?기자\b|^By [A-Z][a-z]+ [A-Z][a-z]+-[a-z]+$",
    ),
    // A news site's publishing stamp in the country's script ("입력 2015.01.19 (14:21)"):
    // the page came out of a home newsroom's system, whatever language the story is in.
    (
        "korean",
        "Korean site's date stamp",
        SCRIPT_WEIGHT,
        "site",
        r"(입력|기사입력|최종수정|수정|승인|등록|송고)\s*:?\s*\d{4}\s?[.\-/]\s?\d{1,2}\s?[.\-/]\s?\d{1,2}",
    ),
    (
        "japanese",
        "Japanese site's date stamp",
        SCRIPT_WEIGHT,
        "site",
        r"(配信|公開|更新|掲載)(日時|日)?\s*[:：]?\s*\d{4}[./年]\d{1,2}[./月]\d{1,2}",
    ),
    (
        "japanese",
        "Japanese newsroom byline",
        1.0,
        "byline",
        r"(?m)^【[^】]{1,12}】|（[^）]{1,8}記者）|\d{1,2}:\d{2} JST, [A-Z][a-z]+ \d",
    ),
];

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let table_set = RegexSet::new(table_patterns()).expect("literal patterns");
        Patterns {
            table_set,
            korea_bare: Regex::new(&super::classify::ascii_word_boundaries(r"\bKorea\b"))
                .expect("literal pattern"),
            korea_qualified: Regex::new(&super::classify::ascii_word_boundaries(
                r"\b(South|North) Korea\b",
            ))
            .expect("literal pattern"),
            japan_abroad: Regex::new(&super::classify::ascii_word_boundaries(
                r"\bJapan's (new )?(prime minister|Prime Minister)|\bJapanese Prime Minister\b",
            ))
            .expect("literal pattern"),
            our: Regex::new(&super::classify::ascii_word_boundaries(
                r"\b(our|Our) (government|country|nation)\b",
            ))
            .expect("literal pattern"),
        }
    })
}

/// The patterns of the weighted table, in order, for a caller that scans a text once for them
/// and its own patterns together (see [`read_with`]).
pub fn table_patterns() -> Vec<String> {
    TABLE
        .iter()
        .map(|(_, _, _, _, re)| super::classify::ascii_word_boundaries(re))
        .collect()
}

/// Every cue in `text`, and the verdict they add up to (None when nothing fired).
pub fn read(text: &str) -> Option<Verdict> {
    let hits = patterns().table_set.matches(text);
    read_with(text, |i| hits.matched(i))
}

/// [`read`], told by `table_hit` which of [`table_patterns`] match `text`.
pub fn read_with(text: &str, table_hit: impl Fn(usize) -> bool) -> Option<Verdict> {
    let patterns = patterns();
    let mut cues = Vec::new();
    let mut kinds: Vec<(&'static str, &'static str)> = Vec::new();

    let (hangul, kana, letters) = script_counts(text);
    let share = |n: usize| n as f32 / letters.max(1) as f32;
    // A body in the country's script was written for its readers: the strongest cue.
    if share(hangul) >= 0.2 {
        cues.push(Cue {
            perspective: "korean",
            what: format!("body in Hangul ({:.0} %)", share(hangul) * 100.0),
            weight: SCRIPT_WEIGHT,
        });
        kinds.extend([("korean", "script"), ("korean", "script2")]);
    }
    if share(kana) >= 0.05 {
        cues.push(Cue {
            perspective: "japanese",
            what: format!("kana in the body ({:.0} %)", share(kana) * 100.0),
            weight: SCRIPT_WEIGHT,
        });
        kinds.extend([("japanese", "script"), ("japanese", "script2")]);
    }
    for (index, &(perspective, what, weight, kind, _)) in TABLE.iter().enumerate() {
        if !table_hit(index) {
            continue;
        }
        cues.push(Cue {
            perspective,
            what: what.to_string(),
            weight,
        });
        kinds.push((perspective, kind));
        // Like the body's script, a site's stamp in it is two marks of a home newsroom.
        if kind == "site" {
            kinds.push((perspective, "site2"));
        }
    }
    // Korean newsrooms write "Korea" for their own country; others say "South Korea".
    // (The substring test first: most texts never say "Korea", and it is far cheaper.)
    let says_korea = text.contains("Korea");
    let count = |re: &Regex| {
        if says_korea {
            re.find_iter(text).count()
        } else {
            0
        }
    };
    let bare = count(&patterns.korea_bare);
    let qualified = count(&patterns.korea_qualified);
    let bare = bare.saturating_sub(qualified);
    if bare >= 3 && bare > 2 * qualified {
        cues.push(Cue {
            perspective: "korean",
            what: format!("\"Korea\" without \"South\" ({bare}×)"),
            weight: 1.0,
        });
        kinds.push(("korean", "viewpoint-name"));
    }
    // Counter-cues: wording a newsroom uses for readers abroad, not at home.
    if qualified >= 2 && qualified >= bare {
        cues.push(Cue {
            perspective: "korean",
            what: format!("\"South Korea\" for readers abroad ({qualified}×)"),
            weight: -1.5,
        });
    }
    if text.contains("Japan") && patterns.japan_abroad.is_match(text) {
        cues.push(Cue {
            perspective: "japanese",
            what: "\"Japan's prime minister\" for readers abroad".into(),
            weight: -1.0,
        });
    }
    if cues.is_empty() {
        return None;
    }
    let score = |cues: &[Cue], p: &str| -> f32 {
        cues.iter()
            .filter(|c| c.perspective == p)
            .map(|c| c.weight)
            .sum()
    };
    let (mut lead, mut second) = ("korean", "japanese");
    if score(&cues, "japanese") > score(&cues, "korean") {
        (lead, second) = (second, lead);
    }
    // Counter-cues alone say nothing about where an article is from.
    if score(&cues, lead) <= 0.0 {
        return None;
    }
    // "our government" says home newsroom, not which home: it backs the leader.
    if (text.contains("our ") || text.contains("Our ")) && patterns.our.is_match(text) {
        cues.push(Cue {
            perspective: lead,
            what: "home viewpoint (\"our government\")".into(),
            weight: 0.5,
        });
        kinds.push((lead, "our"));
    }
    let mut lead_kinds: Vec<&str> = kinds
        .iter()
        .filter(|(p, _)| *p == lead)
        .map(|(_, k)| *k)
        .collect();
    lead_kinds.sort_unstable();
    lead_kinds.dedup();
    Some(Verdict {
        perspective: lead,
        score: score(&cues, lead),
        // A side pushed below zero by counter-cues competes as zero.
        runner_up: score(&cues, second).max(0.0),
        kinds: lead_kinds.len(),
        cues,
    })
}

/// Letters in `text`: (Hangul, kana, all). ASCII and the two scripts are counted without
/// Unicode's alphabetic table, whose lookup was a noticeable share of placement.
fn script_counts(text: &str) -> (usize, usize, usize) {
    // ASCII letters in one pass over the bytes (which the compiler vectorises); most texts
    // are ASCII and need nothing more.
    let ascii = text.bytes().filter(u8::is_ascii_alphabetic).count();
    if text.is_ascii() {
        return (0, 0, ascii);
    }
    let (mut hangul, mut kana, mut letters) = (0usize, 0usize, ascii);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        match c as u32 {
            0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3131..=0x318E => {
                // Every code point here is a letter.
                hangul += 1;
                letters += 1;
            }
            // The letters of the kana blocks (not the sound marks or the middle dot).
            0x3041..=0x3096 | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FC..=0x30FF => {
                kana += 1;
                letters += 1;
            }
            // Han ideographs are all letters; general punctuation (quotes, dashes) none.
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => letters += 1,
            0x2000..=0x206F => {}
            _ => letters += usize::from(super::classify::is_letter(c)),
        }
    }
    (hangul, kana, letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_counts_agree_with_the_unicode_letter_table() {
        for code in (0..0x3_0000u32).filter_map(char::from_u32) {
            let one = code.to_string();
            let (hangul, kana, letters) = script_counts(&one);
            assert_eq!(
                letters == 1,
                code.is_alphabetic(),
                "{code:?} U+{:04X}",
                code as u32
            );
            let in_hangul =
                matches!(code as u32, 0xAC00..=0xD7A3 | 0x1100..=0x11FF | 0x3130..=0x318F);
            let in_kana = matches!(code as u32, 0x3040..=0x30FF);
            assert_eq!(
                hangul == 1,
                in_hangul && code.is_alphabetic(),
                "U+{:04X}",
                code as u32
            );
            assert_eq!(
                kana == 1,
                in_kana && code.is_alphabetic(),
                "U+{:04X}",
                code as u32
            );
        }
    }

    fn verdict(text: &str) -> Verdict {
        read(text).expect("some cue fires")
    }

    #[test]
    fn hangul_body_places_korean() {
        let v = verdict("이재명 대통령은 29일 경주에서 트럼프 대통령과 정상회담을 열었다.");
        assert_eq!(v.perspective, "korean");
        assert!(v.places(), "{v:?}");
        assert!(v.describe().contains("Hangul"), "{}", v.describe());
    }

    #[test]
    fn kana_body_places_japanese_and_chinese_does_not() {
        let v = verdict("高市首相は28日、トランプ大統領と会談した。");
        assert_eq!(v.perspective, "japanese");
        assert!(v.places());
        // Chinese: Han characters without kana or Hangul are no cue for either.
        assert!(read("高市早苗首相与特朗普总统举行会谈。").is_none_or(|v| !v.places()));
    }

    #[test]
    fn time_zone_with_dateline_places_but_alone_does_not() {
        let zone = verdict("Published 17:17 KST. The talks resumed.");
        assert_eq!(zone.perspective, "korean");
        assert!(!zone.places(), "one kind of cue is not enough: {zone:?}");
        let both = verdict("SEOUL, Oct. 28 — The talks resumed at 10 a.m. KST, officials said.");
        assert!(both.places(), "{both:?}");
        assert!(both.describe().contains("KST +1.5"), "{}", both.describe());
        assert!(
            both.describe().contains("Korean dateline"),
            "{}",
            both.describe()
        );
    }

    #[test]
    fn jst_date_line_of_an_english_japanese_daily() {
        let v = verdict(
            "Takaichi, Trump sign deal\n16:19 JST, October 29, 2025\nThe Japan-U.S. alliance …",
        );
        assert_eq!(v.perspective, "japanese");
        assert!(v.places(), "{v:?}");
    }

    #[test]
    fn an_international_story_about_korea_stays_below_the_threshold() {
        let text = "SEOUL, Oct 29 — South Korea's president met Donald Trump on Wednesday. \
                    South Korea pledged $350 billion, or about 500 trillion won. \
                    Analysts in Seoul said South Korea had little choice.";
        // The Seoul dateline and won (+1.5) are cancelled by "South Korea" throughout (−1.5).
        assert!(read(text).is_none(), "{:?}", read(text));
        // Without the counter-cue the dateline and the won still fall short.
        let v = verdict("SEOUL, Oct 29 — The president pledged 500 trillion won.");
        assert_eq!(v.perspective, "korean");
        assert!(!v.places(), "{v:?}");
        assert!(v.confidence() < 0.8);
    }

    #[test]
    fn counter_cues_alone_are_no_verdict_and_do_not_inflate_the_other_side() {
        assert!(read("South Korea and South Korea's allies met in Busan.").is_none());
        let v = verdict("South Korea and Japan: ¥84trn from Japan, South Korea's share too.");
        assert_eq!(v.perspective, "japanese");
        assert_eq!(v.runner_up, 0.0);
        assert!(v.confidence() < 0.5, "{v:?}");
    }

    #[test]
    fn currencies_and_viewpoint_add_up() {
        let v = verdict("The Korea-U.S. talks: Korea will invest 20 billion won; Korea, Korea.");
        assert!(v.describe().contains("₩/won +0.5"), "{}", v.describe());
        assert!(
            v.describe().contains("Korea-first pairing"),
            "{}",
            v.describe()
        );
        assert!(
            v.describe().contains("without \"South\""),
            "{}",
            v.describe()
        );
    }

    #[test]
    fn a_home_site_stamp_places_an_english_story_and_a_bare_date_does_not() {
        // An English story on a Korean broadcaster's site, stamped by its system in Hangul.
        let v = verdict(
            "Missing Teen in Turkey\n입력 2015.01.19 (14:21) 수정 2015.01.19 (14:43)\nA teenager went missing.",
        );
        assert_eq!(v.perspective, "korean");
        assert!(v.places(), "{}", v.describe());
        assert!(
            v.describe().contains("Korean site's date stamp"),
            "{}",
            v.describe()
        );
        let v = verdict("配信日時：2024.05.01 10:00\nThe yen fell.");
        assert_eq!(v.perspective, "japanese");
        assert!(v.places(), "{}", v.describe());
        // The same date without the stamp's word, or the word without a date, is nothing.
        assert!(read("Posted 2015.01.19 (14:21)\nA teenager went missing.").is_none());
        assert!(read("He said 입력 was broken; the talks went on.").is_none());
    }
}
