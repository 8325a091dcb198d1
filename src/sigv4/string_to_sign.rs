//! Task 2, the string to sign: the algorithm, the time, the credential scope and the hash of the
//! canonical request, one per line.

use crate::time::AmzDate;
use std::fmt;

/// The algorithm identifier.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Task 2: the string to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringToSign {
    /// `YYYYMMDDTHHMMSSZ`
    pub amz_date: String,
    /// `date/region/service/aws4_request`
    pub scope: String,
    /// Hex SHA-256 of the canonical request.
    pub canonical_request_hash: String,
}

impl fmt::Display for StringToSign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{ALGORITHM}\n{}\n{}\n{}",
            self.amz_date, self.scope, self.canonical_request_hash
        )
    }
}

/// `date/region/service/aws4_request`.
pub(super) fn scope(date: &AmzDate, region: &str, service: &str) -> String {
    let mut s = String::with_capacity(23 + region.len() + service.len());
    for part in [date.date(), "/", region, "/", service, "/aws4_request"] {
        s.push_str(part);
    }
    s
}
