//! A moment as the source itself wrote it. Parsers (rs-trafilatura, feed-rs) hand dates back in
//! UTC, which moves a Seoul or Tokyo morning article to the previous day; the source's own
//! timestamp for the same instant keeps the day and the offset where it was written.

use chrono::{DateTime, FixedOffset, Utc};
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Every ISO 8601 / RFC 3339 and RFC 2822 timestamp with an offset in a text, by instant.
pub struct LocalDays {
    by_instant: HashMap<DateTime<Utc>, String>,
}

impl LocalDays {
    pub fn scan(text: &str) -> Self {
        static STAMP: OnceLock<Regex> = OnceLock::new();
        let stamp = STAMP.get_or_init(|| {
            Regex::new(concat!(
                r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})",
                r"|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UTC?|[ECMP][SD]T)",
            ))
            .expect("valid timestamp pattern")
        });
        let mut by_instant = HashMap::new();
        for found in stamp.find_iter(text) {
            if let Some(local) = parse_stamp(found.as_str()) {
                by_instant
                    .entry(local.with_timezone(&Utc))
                    .or_insert_with(|| local.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
            }
        }
        LocalDays { by_instant }
    }

    /// The source's own timestamp for `utc` (ISO 8601 with its offset), else the UTC day
    /// alone (the parser may have made the time up from a bare date).
    pub fn stated(&self, utc: DateTime<Utc>) -> String {
        self.by_instant
            .get(&utc)
            .cloned()
            .unwrap_or_else(|| utc.format("%Y-%m-%d").to_string())
    }
}

fn parse_stamp(stamp: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(stamp)
        .or_else(|_| DateTime::parse_from_rfc2822(stamp))
        .or_else(|_| DateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M%:z"))
        .or_else(|_| DateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M:%S%z"))
        .or_else(|_| DateTime::parse_from_str(stamp, "%Y-%m-%dT%H:%M%z"))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(stamp: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(stamp)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn a_seoul_morning_keeps_its_own_day() {
        // 08:30 in Seoul on the 29th is 23:30 UTC on the 28th.
        let html =
            r#"<meta property="article:published_time" content="2025-10-29T08:30:00+09:00">"#;
        let moment = utc("2025-10-28T23:30:00Z");
        assert_eq!(
            LocalDays::scan(html).stated(moment),
            "2025-10-29T08:30:00+09:00"
        );
        // Without the source's own timestamp the UTC day is all there is.
        assert_eq!(
            LocalDays::scan("<p>no stamp</p>").stated(moment),
            "2025-10-28"
        );
        // A stamp for another instant is not taken.
        let other = r#"<time datetime="2025-10-30T08:30:00+09:00"></time>"#;
        assert_eq!(LocalDays::scan(other).stated(moment), "2025-10-28");
    }

    #[test]
    fn rss_dates_and_compact_offsets_are_read() {
        let rss = "<pubDate>Wed, 29 Oct 2025 07:05:00 +0900</pubDate>";
        assert_eq!(
            LocalDays::scan(rss).stated(utc("2025-10-28T22:05:00Z")),
            "2025-10-29T07:05:00+09:00"
        );
        let compact = "2025-10-29T08:30:00+0900 and 2025-10-30T01:00+09:00";
        let days = LocalDays::scan(compact);
        assert_eq!(
            days.stated(utc("2025-10-28T23:30:00Z")),
            "2025-10-29T08:30:00+09:00"
        );
        assert_eq!(
            days.stated(utc("2025-10-29T16:00:00Z")),
            "2025-10-30T01:00:00+09:00"
        );
    }
}
