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
//! * **Several strings of one call** cross as one, split again by [`fields`], so a call copies one
//!   string into wasm however many it takes.
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
        push_line(&mut out, i > 0, p)?;
    }
    Ok(out)
}

/// One part of [`lines`]: one copy in the module, however many iterator types call it.
#[inline(never)]
fn push_line(out: &mut String, after: bool, p: &str) -> Result<()> {
    if p.bytes().any(|b| b == b'\n' || b == b'\r') {
        return Err(Error::invalid_input("request", "contains a line break"));
    }
    if after {
        out.push('\n');
    }
    out.push_str(p);
    Ok(())
}

/// Splits `text`, the concatenation of `N` strings, back into them: `lens` holds the JS lengths
/// (UTF-16 code units) of the first `N - 1`, the last takes the rest. Lengths that do not fall on
/// character boundaries of `text` are an error (the shell made the call wrong).
pub fn fields<'a, const N: usize>(text: &'a str, lens: &[f64]) -> Result<[&'a str; N]> {
    let mut out = [""; N];
    split_fields(text, lens, &mut out)?;
    Ok(out)
}

/// [`fields`] for any count: one copy in the module, not one per `N`.
#[inline(never)]
fn split_fields<'a>(text: &'a str, lens: &[f64], out: &mut [&'a str]) -> Result<()> {
    let last = out.len().saturating_sub(1);
    let mut rest = text;
    for (i, slot) in out.iter_mut().enumerate() {
        if i == last {
            *slot = rest;
            break;
        }
        let at = lens
            .get(i)
            .and_then(|&units| utf16_offset(rest, units))
            .ok_or_else(|| {
                Error::invalid_input("call", "its field lengths do not match its text")
            })?;
        let (head, tail) = rest.split_at(at);
        *slot = head;
        rest = tail;
    }
    Ok(())
}

/// The byte offset in `s` after its first `units` UTF-16 code units, when that is a character
/// boundary of `s`.
fn utf16_offset(s: &str, units: f64) -> Option<usize> {
    // A character never has more UTF-16 units than UTF-8 bytes, so `units` is at most `s.len()`.
    if !(units >= 0.0 && units <= s.len() as f64 && units.fract() == 0.0) {
        return None;
    }
    let n = units as usize;
    if s.as_bytes().get(..n).is_some_and(|b| b.is_ascii()) {
        return Some(n);
    }
    let mut count = 0;
    for (at, c) in s.char_indices() {
        if count >= n {
            return (count == n).then_some(at);
        }
        count += c.len_utf16();
    }
    (count == n).then_some(s.len())
}
