//! The EC2 response readers: a tokenizer ([`scan`]), the output reader that walks an operation's
//! output shape as elements stream by ([`output`]), the error-envelope reader ([`error`]) and the
//! scalar parsers they share ([`scalar`]).

pub mod error;
pub mod output;
pub mod scalar;
pub mod scan;

pub use error::{parse_error_response, ErrorBody};
pub use output::parse_output;
pub use scan::{read, Visitor};

use crate::Error;

/// Deepest element nesting accepted (a DescribeSnapshots response is six levels deep).
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document.
pub const MAX_ELEMENTS: usize = 100_000;
/// Largest body read (the JS shell stops reading at the same size).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// An invalid-response error whose message is `parts` joined (no `format!` machinery per call site).
pub(crate) fn message(parts: &[&str]) -> Error {
    let mut m = String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + 12);
    for p in parts {
        m.push_str(p);
    }
    Error::invalid_response(m)
}
