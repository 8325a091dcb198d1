//! `aws_sdk_ec2::primitives::DateTime`: a point in time as seconds and nanoseconds since the epoch.
//! EC2 timestamps arrive as RFC 3339 text, which the core reads to milliseconds.

use std::fmt;

/// A point in time (seconds since the Unix epoch plus nanoseconds), as `aws-smithy-types`'s
/// `DateTime`. `Display` prints RFC 3339 with milliseconds (`2026-12-03T07:10:00.000Z`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    seconds: i64,
    subsecond_nanos: u32,
}

impl DateTime {
    /// From whole seconds since the epoch.
    pub fn from_secs(epoch_seconds: i64) -> Self {
        DateTime {
            seconds: epoch_seconds,
            subsecond_nanos: 0,
        }
    }
    /// From milliseconds since the epoch.
    pub fn from_millis(epoch_millis: i64) -> Self {
        DateTime {
            seconds: epoch_millis.div_euclid(1000),
            subsecond_nanos: (epoch_millis.rem_euclid(1000) as u32) * 1_000_000,
        }
    }
    /// From fractional seconds since the epoch.
    pub fn from_secs_f64(epoch_seconds: f64) -> Self {
        let seconds = epoch_seconds.floor();
        DateTime {
            seconds: seconds as i64,
            subsecond_nanos: (((epoch_seconds - seconds) * 1e9) as u32).min(999_999_999),
        }
    }
    /// From seconds and nanoseconds (`subsecond_nanos` below 1e9).
    pub fn from_secs_and_nanos(seconds: i64, subsecond_nanos: u32) -> Self {
        DateTime {
            seconds,
            subsecond_nanos: subsecond_nanos.min(999_999_999),
        }
    }
    /// Whole seconds since the epoch.
    pub fn secs(&self) -> i64 {
        self.seconds
    }
    /// The nanoseconds past [`DateTime::secs`].
    pub fn subsec_nanos(&self) -> u32 {
        self.subsecond_nanos
    }
    /// Fractional seconds since the epoch.
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.subsecond_nanos) / 1e9
    }
    /// Milliseconds since the epoch (`Err` never happens for times the service sends; kept as a
    /// `Result` because the SDK's is one).
    pub fn to_millis(self) -> Result<i64, std::num::TryFromIntError> {
        let ms = i128::from(self.seconds) * 1000 + i128::from(self.subsecond_nanos / 1_000_000);
        i64::try_from(ms)
    }
    /// Whether there are nanoseconds past the second.
    pub fn has_subsec_nanos(&self) -> bool {
        self.subsecond_nanos != 0
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.seconds as f64 * 1000.0 + f64::from(self.subsecond_nanos / 1_000_000);
        f.write_str(&crate::time::format_iso8601_ms(ms))
    }
}
