//! Calendar days, for date windows between versions.
//!
//! Matching only needs "how many days apart", so a date is read as the
//! number of days since 1970-01-01 from the `YYYY-MM-DD` prefix of an ISO
//! 8601 string; anything else (times, zones) is ignored, and a string that
//! isn't a valid date gives `None` rather than an error, since a missing
//! date only widens what may match.

/// Days since 1970-01-01 of the `YYYY-MM-DD` prefix of `s`.
pub fn parse_day(s: &str) -> Option<i32> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i32> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

fn days_in_month(y: i32, m: i32) -> i32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil`: exact for the proleptic Gregorian
/// calendar, no table and no overflow for four-digit years.
fn days_from_civil(y: i32, m: i32, d: i32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::parse_day;

    #[test]
    fn counts_days_across_months_and_leap_years() {
        assert_eq!(parse_day("1970-01-01"), Some(0));
        assert_eq!(parse_day("2012-03-01T10:00:00Z"), Some(15_400));
        let feb28 = parse_day("2012-02-28").unwrap();
        assert_eq!(parse_day("2012-03-01").unwrap() - feb28, 2);
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
