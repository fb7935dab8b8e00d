//! Dates given on the command line, checked when the flags are parsed.
//!
//! A date that is not a real day (`2024-13-45`, `2024-02-30`) is a usage
//! error (exit 2) wherever it is given, rather than a filter that silently
//! matches nothing or an article stored with a date no window can read.
//! Days are read by [`crate::follow::date`], the same reader matching uses.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

use crate::follow::date::parse_date;

/// A `YYYY-MM-DD` day, for `--since` and `--until`.
pub fn day(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    match parse_date(t) {
        Some(d) if t.len() == 10 => Ok(d),
        _ => Err(format!(
            "\"{s}\" is not a date (want YYYY-MM-DD, a real day)"
        )),
    }
}

/// A publication date for `--published`: a `YYYY-MM-DD` day, or an ISO
/// 8601 date and time (`2024-03-11T08:30:00Z`, with or without a zone).
/// Kept as given once checked, since the store keeps the text.
pub fn published(s: &str) -> Result<String, String> {
    let t = s.trim();
    let whole = t.len() == 10 && parse_date(t).is_some();
    let timed = || {
        DateTime::parse_from_rfc3339(t).is_ok()
            || NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").is_ok()
            || NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M").is_ok()
    };
    if whole || timed() {
        Ok(t.to_owned())
    } else {
        Err(format!(
            "\"{s}\" is not a date (want YYYY-MM-DD or an ISO 8601 date and time)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_days_pass() {
        assert!(day("2024-02-29").is_ok());
        for bad in [
            "2024-02-30",
            "2024-13-45",
            "2023-02-29",
            "2024-1-1",
            "yesterday",
            "",
        ] {
            assert!(day(bad).is_err(), "{bad}");
        }
        assert!(day("2024-02-29T10:00:00Z").is_err(), "a day, not a time");
    }

    #[test]
    fn published_takes_days_and_times() {
        for good in [
            "2024-03-11",
            "2024-03-11T08:30:00Z",
            "2024-03-11T08:30:00+01:00",
            "2024-03-11T08:30",
        ] {
            assert_eq!(published(good).as_deref(), Ok(good), "{good}");
        }
        for bad in ["2024-13-45", "2024-02-30", "2024-03-11junk", "March 11"] {
            assert!(published(bad).is_err(), "{bad}");
        }
    }
}
