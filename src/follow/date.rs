//! Calendar days, for date windows between versions.
//!
//! Matching only needs "how many days apart", so a date is read as the
//! number of days since 1970-01-01 from the `YYYY-MM-DD` prefix of an ISO
//! 8601 string; anything else (times, zones) is ignored, and a string that
//! isn't a valid date gives `None` rather than an error, since a missing
//! date only widens what may match.

use chrono::{Datelike, NaiveDate};

/// The calendar day of the `YYYY-MM-DD` prefix of `s`, if it is a real day.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let day = s.trim().get(..10)?;
    // chrono accepts one-digit months and days; a date here is ISO 8601.
    let b = day.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Days since 1970-01-01 of the `YYYY-MM-DD` prefix of `s`: what date
/// windows and group states keep.
pub fn parse_day(s: &str) -> Option<i32> {
    parse_date(s).map(day_number)
}

/// Days since 1970-01-01 of a date.
pub fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - EPOCH_FROM_CE
}

/// The date `day` days after 1970-01-01, if it is in chrono's range.
pub fn from_day_number(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day.checked_add(EPOCH_FROM_CE)?)
}

/// A day number as `YYYY-MM-DD` (or the number itself, out of range).
pub fn iso(day: i32) -> String {
    from_day_number(day).map_or_else(|| day.to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// 1970-01-01 counted in days from 0001-01-01 (day 1).
const EPOCH_FROM_CE: i32 = 719_163;

#[cfg(test)]
mod tests {
    use super::{iso, parse_day};

    #[test]
    fn counts_days_across_months_and_leap_years() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2012-03-01T10:00:00Z"), Some(15_400));
        let feb28 = parse_day("2012-02-28").unwrap();
        assert_eq!(parse_day("2012-03-01").unwrap() - feb28, 2);
        for day in [-700_000, -1, 0, 15_400, 20_000, 2_000_000] {
            assert_eq!(parse_day(&iso(day)), Some(day), "{day}");
        }
        assert_eq!(
            iso(i32::MAX),
            i32::MAX.to_string(),
            "out of range, no panic"
        );
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for s in [
            "",
            "2012",
            "2012-13-01",
            "2013-02-29",
            "20x2-01-01",
            "2012-1-1",
        ] {
            assert_eq!(parse_day(s), None, "{s}");
        }
    }
}
