//! The string codec between the npm package's JS shell and the core. Everything that crosses the
//! wasm boundary is a string, a byte slice or a number, so the binding (`src/js/`) is a handful of
//! one-line exports:
//!
//! * **Input** arrives as `JSON.stringify(input)` and is read against the operation's input shape
//!   ([`json_in`]).
//! * **Outputs** leave as JSON for `JSON.parse` ([`json_out`]), timestamps as epoch milliseconds.
//! * **Requests** leave as lines: `url`, `body`, then header names and values ([`lines`]).
//! * **Errors** are a string starting with NUL ([`error`]), laid out as [`contract`] says.
//! * **Per-call configuration** is one string of lines ([`Context`]).
//!
//! [`contract`] holds every constant both halves use and emits the shell's copy.

pub mod context;
pub mod contract;
mod json;
pub mod json_in;
pub mod json_out;

pub use context::Context;

use crate::{Error, Result};
use contract::ERROR_MARK;

/// `"\0" + kind + "\0" + field + "\0" + message`: what the shell turns into a JS `Error`.
pub fn error(e: &Error) -> String {
    let kind = e.kind().code();
    let field = e.field().unwrap_or_default();
    let mut s = String::with_capacity(3 + kind.len() + field.len() + e.message().len());
    s.push(ERROR_MARK);
    s.push_str(kind);
    s.push(ERROR_MARK);
    s.push_str(field);
    s.push(ERROR_MARK);
    s.push_str(e.message());
    s
}

/// An ok result as-is, an error as [`error`].
pub fn result(r: Result<String>) -> String {
    r.unwrap_or_else(|e| error(&e))
}

/// Joins `parts` with `\n`, refusing any part that contains a line break (it would shift every
/// later line when the shell splits them).
pub fn lines<'a>(parts: impl IntoIterator<Item = &'a str>) -> Result<String> {
    let mut out = String::new();
    for (i, p) in parts.into_iter().enumerate() {
        if p.bytes().any(|b| b == b'\n' || b == b'\r') {
            return Err(Error::invalid_input("request", "contains a line break"));
        }
        if i > 0 {
            out.push('\n');
        }
        out.push_str(p);
    }
    Ok(out)
}
