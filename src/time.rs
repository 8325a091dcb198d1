//! Calendar arithmetic for the signer and the deserializer. The core never reads the clock: callers
//! pass epoch milliseconds in.

use crate::{Error, Result};

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date for a day count since 1970-01-01: (year, month 1..=12, day 1..=31).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month of a year.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The SigV4 timestamp `YYYYMMDDTHHMMSSZ` for epoch seconds; its first 8 bytes are the scope date.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct AmzDate([u8; 16]);

impl AmzDate {
    /// Formats epoch seconds (UTC).
    pub fn from_epoch_secs(secs: i64) -> Self {
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, mo, d) = civil_from_days(days);
        let mut out = [0u8; 16];
        let y = y.clamp(0, 9999) as u32;
        let put = |buf: &mut [u8], v: u32| {
            let n = buf.len();
            let mut v = v;
            for i in (0..n).rev() {
                buf[i] = b'0' + (v % 10) as u8;
                v /= 10;
            }
        };
        put(&mut out[0..4], y);
        put(&mut out[4..6], mo);
        put(&mut out[6..8], d);
        out[8] = b'T';
        put(&mut out[9..11], (sod / 3600) as u32);
        put(&mut out[11..13], (sod / 60 % 60) as u32);
        put(&mut out[13..15], (sod % 60) as u32);
        out[15] = b'Z';
        AmzDate(out)
    }
    /// `YYYYMMDDTHHMMSSZ`.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits, 'T' and 'Z' are ever written.
        std::str::from_utf8(&self.0).unwrap_or("")
    }
    /// `YYYYMMDD`, the credential scope date.
    pub fn date(&self) -> &str {
        self.as_str().get(..8).unwrap_or("")
    }
}

impl std::fmt::Debug for AmzDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn digits(s: &[u8], field: &str) -> Result<u32> {
    let mut v: u32 = 0;
    for &b in s {
        if !b.is_ascii_digit() {
            return Err(Error::invalid_response(format!("{field}: expected digits")));
        }
        v = v * 10 + u32::from(b - b'0');
    }
    Ok(v)
}

/// Parses an RFC 3339 date-time with optional fractional seconds and a `Z` or `±hh:mm` offset into
/// epoch milliseconds, as the AWS JS SDK's `_parseRfc3339DateTimeWithOffset` does (`T`/`t`, `Z`/`z`,
/// fraction rounded to milliseconds, fields range-checked, offsets any two-digit `hh:mm`).
pub fn parse_rfc3339_ms(s: &str) -> Result<f64> {
    let bad = || {
        Error::invalid_response(format!(
            "invalid RFC 3339 date-time {}",
            crate::text::quote(s)
        ))
    };
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return Err(bad());
    }
    let year = digits(&b[0..4], "year").map_err(|_| bad())? as i64;
    let month = digits(&b[5..7], "month").map_err(|_| bad())?;
    let day = digits(&b[8..10], "day").map_err(|_| bad())?;
    let hour = digits(&b[11..13], "hour").map_err(|_| bad())?;
    let minute = digits(&b[14..16], "minute").map_err(|_| bad())?;
    let second = digits(&b[17..19], "second").map_err(|_| bad())?;
    let mut i = 19;
    let mut millis = 0f64;
    if b[i] == b'.' {
        let start = i + 1;
        i = start;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return Err(bad());
        }
        // Same rounding as the SDK, Math.round(parseFloat("0." + digits) * 1000), without a float
        // parser: for up to 15 digits n / 10^k is the correctly rounded value parseFloat gives.
        let frac_digits = &b[start..i.min(start + 15)];
        let n = frac_digits
            .iter()
            .fold(0u64, |acc, d| acc * 10 + u64::from(d - b'0'));
        let frac = n as f64 / 10f64.powi(frac_digits.len() as i32);
        millis = (frac * 1000.0).round();
    }
    let offset_min: i64 = match &b[i..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let h = digits(&[*h1, *h2], "offset").map_err(|_| bad())? as i64;
            let m = digits(&[*m1, *m2], "offset").map_err(|_| bad())? as i64;
            let v = h * 60 + m;
            if *sign == b'-' {
                -v
            } else {
                v
            }
        }
        _ => return Err(bad()),
    };
    // The SDK range-checks each field but not the day against the month: Feb 30 rolls into March,
    // as `Date.UTC` does; the linear day arithmetic below rolls the same way.
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return Err(bad());
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second)
        - offset_min * 60;
    Ok(secs as f64 * 1000.0 + millis)
}

/// Formats epoch milliseconds as `YYYY-MM-DDTHH:MM:SS.mmmZ` (what JS `Date.toISOString` prints for
/// years 0 to 9999), without `core::fmt`.
pub fn format_iso8601_ms(ms: f64) -> String {
    let total = ms.floor() as i64;
    let secs = total.div_euclid(1000);
    let milli = total.rem_euclid(1000);
    let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    // Each field as digits, right to left into a fixed template.
    let mut out = *b"0000-00-00T00:00:00.000Z";
    for (mut n, end, width) in [
        (y, 4, 4),
        (i64::from(mo), 7, 2),
        (i64::from(d), 10, 2),
        (sod / 3600, 13, 2),
        (sod / 60 % 60, 16, 2),
        (sod % 60, 19, 2),
        (milli, 23, 3),
    ] {
        for slot in out[end - width..end].iter_mut().rev() {
            *slot = b'0' + n.rem_euclid(10) as u8;
            n /= 10;
        }
    }
    crate::text::ascii_string(out.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amz_date_formats_vector_time() {
        // 2015-08-30T12:36:00Z, the SigV4 suites' clock.
        let d = AmzDate::from_epoch_secs(1_440_938_160);
        assert_eq!(d.as_str(), "20150830T123600Z");
        assert_eq!(d.date(), "20150830");
    }

    #[test]
    fn civil_round_trips() {
        for days in [-800_000i64, -1, 0, 1, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn rfc3339_variants() {
        assert_eq!(
            parse_rfc3339_ms("2014-02-28T21:06:01.000Z").unwrap(),
            1_393_621_561_000.0
        );
        assert_eq!(
            parse_rfc3339_ms("2014-02-28t21:06:01z").unwrap(),
            1_393_621_561_000.0
        );
        assert_eq!(
            parse_rfc3339_ms("2019-12-16T22:48:18-01:00").unwrap(),
            1_576_540_098_000.0
        );
        assert_eq!(
            parse_rfc3339_ms("2019-12-17T00:48:18+01:00").unwrap(),
            1_576_540_098_000.0
        );
        assert_eq!(
            parse_rfc3339_ms("2000-04-30T12:00:00.1234Z").unwrap(),
            957_096_000_123.0
        );
        assert_eq!(
            parse_rfc3339_ms("2000-04-30T12:00:00.1235Z").unwrap(),
            957_096_000_124.0
        );
        // Feb 30 rolls over like Date.UTC.
        assert_eq!(
            parse_rfc3339_ms("2014-02-30T00:00:00Z").unwrap(),
            parse_rfc3339_ms("2014-03-02T00:00:00Z").unwrap()
        );
        for bad in [
            "",
            "2014-02-32T00:00:00Z",
            "2014-13-01T00:00:00Z",
            "2014-02-28T21:06:01",
            "2014-02-28T21:06:01.Z",
            "2014-02-28 21:06:01Z",
            "２014-02-28T21:06:01Z",
            "2014-02-28T21:06:01+0100",
        ] {
            assert!(parse_rfc3339_ms(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn iso_format() {
        assert_eq!(
            format_iso8601_ms(1_393_621_561_000.0),
            "2014-02-28T21:06:01.000Z"
        );
        assert_eq!(
            format_iso8601_ms(957_096_000_123.0),
            "2000-04-30T12:00:00.123Z"
        );
    }
}
