//! Virtual time: instants as milliseconds since the Unix epoch, in ISO-8601 and back.

use std::fmt;
use std::time::Duration;

/// An instant on the engine's virtual clock, in milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(i64);

impl Instant {
    /// The default start of the virtual clock, 2026-01-01T00:00:00Z.
    pub const DEFAULT_START: Instant = Instant(1_767_225_600_000);

    /// The instant `millis` milliseconds after the epoch.
    pub fn from_millis(millis: i64) -> Instant {
        Instant(millis)
    }

    /// Milliseconds since the epoch.
    pub fn millis(self) -> i64 {
        self.0
    }

    /// Seconds since the epoch with a fraction, as `GetExecutionHistory` sends timestamps.
    pub fn epoch_seconds(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// This instant moved forward by `duration` (saturating).
    pub fn after(self, duration: Duration) -> Instant {
        let millis = i64::try_from(duration.as_millis()).unwrap_or(i64::MAX);
        Instant(self.0.saturating_add(millis))
    }

    /// The time from `earlier` to this instant, zero if `earlier` is later.
    pub fn since(self, earlier: Instant) -> Duration {
        Duration::from_millis(u64::try_from(self.0 - earlier.0).unwrap_or(0))
    }

    /// Parses an RFC 3339 timestamp (`2026-01-01T00:00:00Z`, `...T00:00:00.5+01:00`).
    /// Like AWS, the `T` and the `Z` must be uppercase.
    pub fn parse_rfc3339(text: &str) -> Option<Instant> {
        let bytes = text.as_bytes();
        if bytes.len() < 20 || bytes[4] != b'-' || bytes[7] != b'-' || bytes[10] != b'T' {
            return None;
        }
        if bytes[13] != b':' || bytes[16] != b':' {
            return None;
        }
        let num = |range: std::ops::Range<usize>| -> Option<i64> {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut rest = &text[19..];
        let mut millis = 0;
        if let Some(fraction) = rest.strip_prefix('.') {
            let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            let padded = format!("{:0<3}", &fraction[..digits.min(3)]);
            millis = padded.parse::<i64>().ok()?;
            rest = &fraction[digits..];
        }
        let offset_minutes = match rest {
            "Z" => 0,
            _ if rest.len() == 6 && (rest.starts_with('+') || rest.starts_with('-')) => {
                let sign = if rest.starts_with('-') { -1 } else { 1 };
                if rest.as_bytes()[3] != b':' {
                    return None;
                }
                let h: i64 = rest[1..3].parse().ok()?;
                let m: i64 = rest[4..6].parse().ok()?;
                sign * (h * 60 + m)
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
        Some(Instant(seconds * 1000 + millis))
    }

    /// ISO-8601 in UTC with milliseconds, `2026-01-01T00:00:00.000Z`, as AWS writes
    /// times in the context object.
    pub fn to_iso(self) -> String {
        let days = self.0.div_euclid(86_400_000);
        let in_day = self.0.rem_euclid(86_400_000);
        let (year, month, day) = civil_from_days(days);
        let (h, m) = (in_day / 3_600_000, in_day / 60_000 % 60);
        let (s, ms) = (in_day / 1000 % 60, in_day % 1000);
        format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{ms:03}Z")
    }
}

impl serde::Serialize for Instant {
    /// As the AWS wire format does: epoch seconds with a fraction.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(self.epoch_seconds())
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's civil-calendar algorithms, proleptic Gregorian.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_start_renders_as_new_year_2026() {
        assert_eq!(Instant::DEFAULT_START.to_iso(), "2026-01-01T00:00:00.000Z");
    }

    #[test]
    fn rfc3339_round_trips_through_iso() {
        let instant = Instant::parse_rfc3339("2024-02-29T13:14:15.678Z").unwrap();
        assert_eq!(instant.to_iso(), "2024-02-29T13:14:15.678Z");
        let offset = Instant::parse_rfc3339("2026-01-01T01:00:00+01:00").unwrap();
        assert_eq!(offset, Instant::DEFAULT_START);
    }

    #[test]
    fn lowercase_or_malformed_timestamps_are_rejected() {
        for text in [
            "2026-01-01t00:00:00Z",
            "2026-01-01T00:00:00z",
            "2026-13-01T00:00:00Z",
            "x",
        ] {
            assert_eq!(Instant::parse_rfc3339(text), None, "{text}");
        }
    }
}
