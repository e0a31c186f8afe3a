//! Dates in the forms real articles print them, normalised to ISO 8601.
//!
//! Handled: `2025-02-10T08:00:00(+09:00)`, `2025-02-10`, `2025.10.29`, `2025年10月29日`,
//! `16:19 JST, October 29, 2025`, `Oct. 28, 2025`, `October 28th, 2025`, `28 October 2025`,
//! and `Tuesday, October 28` (year from the caller, or the year near the text's own years on
//! which that day is that weekday).

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;
use std::sync::OnceLock;

// Word boundaries are ASCII (`(?-u:\b)`): Unicode ones force the slow regex engine on any
// non-ASCII text, and dates are written in ASCII digits and English month names anyway.

/// A date found in text: the ISO string and where it stood.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub iso: String,
    pub start: usize,
    pub end: usize,
    /// False when the year was inferred rather than written.
    pub year_written: bool,
}

const MONTH: &str = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";

fn patterns() -> &'static [Regex; 6] {
    static P: OnceLock<[Regex; 6]> = OnceLock::new();
    P.get_or_init(|| {
        let build = |s: &str| Regex::new(s).expect("date pattern compiles");
        [
            // ISO date, optional time and zone.
            build(r"(?-u:\b)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?P<zone>Z|[+-]\d{2}:?\d{2})?)?(?-u:\b)"),
            // Optional "16:19 JST, " then "October 29, 2025".
            build(&format!(r"(?i)(?:(?-u:\b)(?P<time>\d{{1,2}}:\d{{2}})\s*(?P<zone>[A-Z]{{2,4}})?,?\s+)?(?-u:\b){MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})(?-u:\b)")),
            // "28 October 2025".
            build(&format!(r"(?i)(?-u:\b)(?P<d>\d{{1,2}})\s+{MONTH}\s+(?P<y>\d{{4}})(?-u:\b)")),
            // "2025.10.29" and "2025/10/29".
            build(r"(?-u:\b)(?P<y>20\d{2}|19\d{2})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})(?-u:\b)"),
            // "2025年10月29日" and Korean "2025년 10월 29일".
            build(r"(?P<y>\d{4})\s*[年년]\s*(?P<m>\d{1,2})\s*[月월]\s*(?P<d>\d{1,2})\s*[日일]"),
            // "Tuesday, October 28" without a year.
            build(&format!(r"(?i)(?-u:\b)(?P<wd>Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+{MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)")),
        ]
    })
}

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn weekday(name: &str) -> Option<Weekday> {
    let lower = name.to_ascii_lowercase();
    Some(match lower.get(..2)? {
        "mo" => Weekday::Mon,
        "tu" => Weekday::Tue,
        "we" => Weekday::Wed,
        "th" => Weekday::Thu,
        "fr" => Weekday::Fri,
        "sa" => Weekday::Sat,
        "su" => Weekday::Sun,
        _ => return None,
    })
}

/// Offsets of the time-zone abbreviations news sites print.
fn zone_offset(zone: &str) -> Option<&'static str> {
    Some(match zone.to_ascii_uppercase().as_str() {
        "JST" | "KST" => "+09:00",
        "CST" => "+08:00", // China Standard Time in East Asian outlets
        "UTC" | "GMT" | "Z" => "+00:00",
        "EST" => "-05:00",
        "EDT" => "-04:00",
        "PST" => "-08:00",
        "PDT" => "-07:00",
        "BST" => "+01:00",
        "CET" => "+01:00",
        "CEST" => "+02:00",
        _ => return None,
    })
}

fn iso(date: NaiveDate, time: Option<&str>, zone: Option<&str>) -> String {
    let mut out = date.format("%Y-%m-%d").to_string();
    if let Some(time) = time {
        let mut parts = time.split(':');
        let h: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        let m: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        let s: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        if h < 24 && m < 60 && s < 60 {
            out.push_str(&format!("T{h:02}:{m:02}:{s:02}"));
            if let Some(zone) = zone {
                let offset = if zone.starts_with(['+', '-']) {
                    normalize_offset(zone)
                } else {
                    zone_offset(zone).map(str::to_string)
                };
                if let Some(offset) = offset {
                    out.push_str(&offset);
                }
            }
        }
    }
    out
}

fn normalize_offset(zone: &str) -> Option<String> {
    let digits: String = zone[1..].chars().filter(|c| c.is_ascii_digit()).collect();
    (digits.len() == 4).then(|| format!("{}{}:{}", &zone[..1], &digits[..2], &digits[2..]))
}

/// Every date in `text`, in order of position; `year` fills in dates written without one.
pub fn find_all(text: &str, year: Option<i32>) -> Vec<Found> {
    find_all_in(text, year, text)
}

/// Like `find_all`, with the years `context` mentions guiding the year of weekday dates.
pub fn find_all_in(text: &str, year: Option<i32>, context: &str) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    for (index, pattern) in patterns().iter().enumerate() {
        for caps in pattern.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            if found
                .iter()
                .any(|f| f.start < whole.end() && whole.start() < f.end)
            {
                continue; // an earlier, more specific pattern already read this text
            }
            let number = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
            let month = caps
                .name("month")
                .and_then(|m| month_number(m.as_str()))
                .or_else(|| number("m"));
            let (Some(month), Some(day)) = (month, number("d")) else {
                continue;
            };
            let (date, year_written) = if index == 5 {
                let Some(wd) = caps.name("wd").and_then(|m| weekday(m.as_str())) else {
                    continue;
                };
                let Some(date) = infer_year(month, day, wd, year, context) else {
                    continue;
                };
                (date, false)
            } else {
                let Some(y) = number("y") else { continue };
                let Some(date) = NaiveDate::from_ymd_opt(y as i32, month, day) else {
                    continue;
                };
                (date, true)
            };
            let time = caps.name("time").map(|m| m.as_str());
            let zone = caps.name("zone").map(|m| m.as_str());
            found.push(Found {
                iso: iso(date, time, zone),
                start: whole.start(),
                end: whole.end(),
                year_written,
            });
        }
    }
    found.sort_by_key(|f| f.start);
    found
}

/// The first date in `text`.
pub fn find_first(text: &str, year: Option<i32>) -> Option<Found> {
    find_all(text, year).into_iter().next()
}

/// True when `text` is nothing but a date (a date line under a headline).
pub fn is_date_line(text: &str, year: Option<i32>) -> Option<String> {
    let found = find_first(text, year)?;
    let rest = format!("{}{}", &text[..found.start], &text[found.end..]);
    let leftover = rest
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    let allowed = ["", "updated", "published", "posted", "date", "on"];
    allowed.contains(&leftover.as_str()).then_some(found.iso)
}

/// A date written without a year: take the given year, or else the year closest to the
/// latest year the text mentions (and not after today) on which that day is that weekday.
fn infer_year(
    month: u32,
    day: u32,
    wd: Weekday,
    year: Option<i32>,
    text: &str,
) -> Option<NaiveDate> {
    if let Some(year) = year {
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    let this_year = chrono::Local::now().year();
    let mentioned = mentioned_years(text)
        .into_iter()
        .filter(|&y| y <= this_year)
        .max()
        .unwrap_or(this_year);
    (mentioned - 6..=this_year.max(mentioned + 6))
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .filter(|d| d.weekday() == wd && d.year() <= this_year)
        .min_by_key(|d| (d.year() - mentioned).abs())
}

fn mentioned_years(text: &str) -> Vec<i32> {
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let year = YEAR
        .get_or_init(|| Regex::new(r"(?-u:\b)(19[5-9]\d|20\d\d)(?-u:\b)").expect("year pattern"));
    year.find_iter(text)
        .filter_map(|m| m.as_str().parse().ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<String> {
        find_first(text, None).map(|f| f.iso)
    }

    #[test]
    fn seed_forms() {
        assert_eq!(
            first("16:19 JST, October 29, 2025").as_deref(),
            Some("2025-10-29T16:19:00+09:00")
        );
        assert_eq!(
            first("in Tokyo on Oct. 28, 2025. (Reuters)").as_deref(),
            Some("2025-10-28")
        );
        assert_eq!(
            first("2025-02-10T08:00:00").as_deref(),
            Some("2025-02-10T08:00:00")
        );
        assert_eq!(
            first("at 2025-02-09T23:00:00Z").as_deref(),
            Some("2025-02-09T23:00:00+00:00")
        );
    }

    #[test]
    fn other_common_forms() {
        assert_eq!(first("28 October 2025").as_deref(), Some("2025-10-28"));
        assert_eq!(
            first("Posted 2025.10.29 17:00").as_deref(),
            Some("2025-10-29")
        );
        assert_eq!(first("2025年10月29日").as_deref(), Some("2025-10-29"));
        assert_eq!(first("2025년 10월 29일").as_deref(), Some("2025-10-29"));
        assert_eq!(
            first("on October 28th, 2025,").as_deref(),
            Some("2025-10-28")
        );
        assert_eq!(first("Sept. 3, 2024").as_deref(), Some("2024-09-03"));
    }

    #[test]
    fn impossible_dates_are_ignored() {
        assert_eq!(first("February 30, 2025"), None);
        assert_eq!(first("2025-13-01"), None);
    }

    #[test]
    fn weekday_dates_take_the_given_year() {
        assert_eq!(
            find_first("Tuesday, October 28", Some(2025))
                .map(|f| f.iso)
                .as_deref(),
            Some("2025-10-28")
        );
    }

    #[test]
    fn weekday_dates_infer_the_year_from_the_weekday() {
        // October 28 fell on a Tuesday in 2025 (and 2014); the text mentions 2022.
        let text = "Tuesday, October 28. Abe was killed in 2022.";
        let found = find_first(text, None).expect("a date");
        assert_eq!(found.iso, "2025-10-28");
        assert!(!found.year_written);
    }

    #[test]
    fn a_full_date_is_not_also_read_as_a_weekday_date() {
        let all = find_all("Tuesday, October 28, 2025", None);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].iso, "2025-10-28");
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            is_date_line("16:19 JST, October 29, 2025", None).as_deref(),
            Some("2025-10-29T16:19:00+09:00")
        );
        assert_eq!(
            is_date_line("Tuesday, October 28", Some(2025)).as_deref(),
            Some("2025-10-28")
        );
        assert_eq!(
            is_date_line("Updated: Oct. 3, 2025", None).as_deref(),
            Some("2025-10-03")
        );
        assert_eq!(
            is_date_line("The summit on Oct. 28, 2025 went well", None),
            None
        );
    }
}
