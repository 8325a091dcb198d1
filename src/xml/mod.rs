//! The EC2 response readers: a tokenizer ([`scan`]), the output reader that walks an operation's
//! output shape as elements stream by ([`output`]), the error-envelope reader ([`error`]) and the
//! scalar parsers they share ([`scalar`]).

mod bytes;
mod decode;
pub mod error;
pub mod output;
pub mod scalar;
pub mod scan;

pub use error::{parse_error_response, ErrorBody};
pub use output::{parse_output, parse_output_within, OutputStream};
pub use scan::{read, read_within, Visitor};

use crate::Error;

/// Deepest element nesting accepted (a DescribeSnapshots response is six levels deep).
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document.
pub const MAX_ELEMENTS: usize = 100_000;
/// Largest body read (the JS shell stops reading at the same size).
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// What one response may hold: bytes and elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest body.
    pub body_bytes: usize,
    /// Most elements.
    pub elements: usize,
}

/// The limits of every response but the large ones: [`MAX_BODY_BYTES`], [`MAX_ELEMENTS`].
pub const LIMITS: Limits = Limits {
    body_bytes: MAX_BODY_BYTES,
    elements: MAX_ELEMENTS,
};

/// The limits of a response that lists resources (an operation with a paginator): a
/// DescribeSnapshots page without `MaxResults` holds every snapshot the caller can see, about 1 KB
/// each (20,000 snapshots: ~20 MB, ~500,000 elements). Such bodies are read in pieces
/// ([`OutputStream`]), so the limit bounds the caller's output objects, not the reader's memory.
pub const LIST_LIMITS: Limits = Limits {
    body_bytes: 64 * 1024 * 1024,
    elements: 1_500_000,
};

/// An invalid-response error whose message is `parts` joined (no `format!` machinery per call site).
pub(crate) fn message(parts: &[&str]) -> Error {
    let mut m = String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + 12);
    for p in parts {
        m.push_str(p);
    }
    Error::invalid_response(m)
}
