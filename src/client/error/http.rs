//! The raw response a failed call carries.

use std::fmt;

/// An HTTP status code (`as_u16()`, `is_success()`…), as in the SDK's `HttpResponse`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusCode(u16);

impl StatusCode {
    /// The number.
    pub fn as_u16(&self) -> u16 {
        self.0
    }
    /// 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.0)
    }
    /// 4xx.
    pub fn is_client_error(&self) -> bool {
        (400..500).contains(&self.0)
    }
    /// 5xx.
    pub fn is_server_error(&self) -> bool {
        (500..600).contains(&self.0)
    }
}

impl fmt::Display for StatusCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The raw response of a failed call: status, headers (lower-cased names) and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    status: StatusCode,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl HttpResponse {
    pub(crate) fn new(status: u16, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        HttpResponse {
            status: StatusCode(status),
            headers,
            body,
        }
    }
    /// The status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }
    /// The first value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// Every header, names lower-cased.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}
