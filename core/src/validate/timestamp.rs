//! RFC 3339 timestamps as ASL wants them: an uppercase `T` between date and time, and an
//! uppercase `Z` or a numeric offset (`2026-01-31T09:30:00Z`, `2026-01-31T09:30:00.5+02:00`).

/// Whether `text` is an RFC 3339 date-time with an uppercase `T` and `Z`.
pub(super) fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some((date, rest)) = split_at_checked(bytes, 10) else {
        return false;
    };
    let Some((&b'T', rest)) = rest.split_first() else {
        return false;
    };
    let Some((time, offset)) = split_at_checked(rest, 8) else {
        return false;
    };
    let offset = skip_fraction(offset);
    is_date(date) && is_time(time) && is_offset(offset)
}

fn split_at_checked(bytes: &[u8], at: usize) -> Option<(&[u8], &[u8])> {
    (bytes.len() >= at).then(|| bytes.split_at(at))
}

/// `YYYY-MM-DD`, with a day that exists in that month.
fn is_date(date: &[u8]) -> bool {
    let (Some(year), Some(month), Some(day)) = (
        number(&date[0..4]),
        number(&date[5..7]),
        number(&date[8..10]),
    ) else {
        return false;
    };
    date[4] == b'-'
        && date[7] == b'-'
        && (1..=12).contains(&month)
        && (1..=days_in(year, month)).contains(&day)
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `HH:MM:SS`; second 60 is RFC 3339's leap second.
fn is_time(time: &[u8]) -> bool {
    let (Some(hour), Some(minute), Some(second)) = (
        number(&time[0..2]),
        number(&time[3..5]),
        number(&time[6..8]),
    ) else {
        return false;
    };
    time[2] == b':' && time[5] == b':' && hour <= 23 && minute <= 59 && second <= 60
}

/// Skips `.` and one or more digits, if present.
fn skip_fraction(rest: &[u8]) -> &[u8] {
    let Some((&b'.', digits)) = rest.split_first() else {
        return rest;
    };
    let count = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    if count == 0 {
        // `.` without digits: leave it for the offset check to reject.
        return rest;
    }
    &digits[count..]
}

/// `Z`, or `+HH:MM` / `-HH:MM`.
fn is_offset(offset: &[u8]) -> bool {
    match offset {
        [b'Z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => match (number(&[*h1, *h2]), number(&[*m1, *m2])) {
            (Some(hours), Some(minutes)) => hours <= 23 && minutes <= 59,
            _ => false,
        },
        _ => false,
    }
}

/// The value of a run of ASCII digits; `None` if any byte is not a digit.
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::is_timestamp;

    #[test]
    fn accepts_rfc3339_with_uppercase_t_and_z_or_offset() {
        for text in [
            "2016-03-14T01:59:00Z",
            "2024-02-29T23:59:59.123456Z",
            "2026-12-31T00:00:00+05:30",
            "2026-06-30T12:00:00.5-08:00",
            "2016-12-31T23:59:60Z",
        ] {
            assert!(is_timestamp(text), "{text}");
        }
    }

    #[test]
    fn rejects_other_shapes() {
        for text in [
            "",
            "2016-03-14",
            "2016-03-14t01:59:00Z",
            "2016-03-14T01:59:00z",
            "2016-03-14 01:59:00Z",
            "2016-03-14T01:59:00",
            "2016-03-14T01:59Z",
            "2023-02-29T00:00:00Z",
            "2016-13-01T00:00:00Z",
            "2016-04-31T00:00:00Z",
            "2016-03-14T24:00:00Z",
            "2016-03-14T01:60:00Z",
            "2016-03-14T01:59:00.Z",
            "2016-03-14T01:59:00+0100",
            "2016-03-14T01:59:00+24:00",
            "2016-03-14T01:59:00Z ",
            "2016-03-14T01:5٣:00Z",
            "{% $now() %}",
        ] {
            assert!(!is_timestamp(text), "{text}");
        }
    }
}
