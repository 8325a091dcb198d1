//! Scalar element text read as the AWS SDK reads it (integers, booleans, timestamps), except that
//! text of the wrong type is an error naming the element instead of a silent `NaN` or `false`.

use super::bytes::is_ws;
use super::decode::sub;
use super::message as error;
use crate::text::{push_decimal, quote};
use crate::time::parse_rfc3339_ms;
use crate::{Error, Result};

/// `text` without leading and trailing spaces, tabs, CRs and LFs.
fn trim(text: &str) -> &str {
    let b = text.as_bytes();
    let start = b.iter().position(|&c| !is_ws(c)).unwrap_or(b.len());
    let end = b.iter().rposition(|&c| !is_ws(c)).map_or(start, |e| e + 1);
    sub(text, start, end)
}

/// Parses an integer element. Like the SDK (`Number(text)`), empty or whitespace-only text is 0;
/// unlike it, text that is not an integer is an error naming the element instead of a silent `NaN`.
pub fn parse_i64(text: &str, what: &str) -> Result<i64> {
    let t = trim(text).as_bytes();
    let (negative, digits) = match t {
        [] => return Ok(0),
        [b'-', rest @ ..] => (true, rest),
        [b'+', rest @ ..] => (false, rest),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return Err(error(&[
            "<",
            what,
            "> should be an integer, found ",
            &quote(text),
        ]));
    }
    // Magnitude, then the sign: -2^63 is in range, 2^63 is not.
    let magnitude = digits.iter().try_fold(0u64, |acc, &d| {
        acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    });
    let limit = if negative { 1 << 63 } else { i64::MAX as u64 };
    match magnitude {
        Some(m) if m <= limit => Ok(if negative {
            0u64.wrapping_sub(m) as i64
        } else {
            m as i64
        }),
        _ => Err(error(&["<", what, "> is out of range: ", &quote(text)])),
    }
}

/// Parses a 32-bit integer; `what` names the element.
pub fn parse_i32(text: &str, what: &str) -> Result<i32> {
    let v = parse_i64(text, what)?;
    i32::try_from(v).map_err(|_| {
        let mut m = String::from("<");
        m.push_str(what);
        m.push_str("> is out of the 32-bit range: ");
        if v < 0 {
            m.push('-');
        }
        push_decimal(&mut m, v.unsigned_abs());
        Error::invalid_response(m)
    })
}

/// Parses a boolean element: `true`/`false` in any case (the SDK lower-cases), and empty text is
/// `false` as with the SDK; anything else is an error naming the element (the SDK would say `false`).
pub fn parse_bool(text: &str, what: &str) -> Result<bool> {
    let t = trim(text);
    if t.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if t.is_empty() || t.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(error(&[
            "<",
            what,
            "> should be true or false, found ",
            &quote(text),
        ]))
    }
}

/// Parses an RFC 3339 timestamp into epoch milliseconds; `what` names the element.
pub fn parse_timestamp(text: &str, what: &str) -> Result<f64> {
    parse_rfc3339_ms(text).map_err(|e| error(&["<", what, ">: ", e.message()]))
}

/// Checks a floating-point element: JSON number syntax after trimming (`-1.5e3`), kept as text so
/// the output writer passes it through and `JSON.parse` reads it; anything else is an error naming
/// the element.
pub fn parse_float(text: &str, what: &str) -> Result<String> {
    let t = trim(text);
    let b = t.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let int_start = i;
    let ok = match digits(&mut i) {
        0 => false,
        n => n == 1 || b[int_start] != b'0',
    } && (b.get(i) != Some(&b'.') || {
        i += 1;
        digits(&mut i) > 0
    }) && (!matches!(b.get(i), Some(b'e' | b'E')) || {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        digits(&mut i) > 0
    }) && i == b.len();
    if ok {
        Ok(t.to_owned())
    } else {
        Err(error(&[
            "<",
            what,
            "> should be a number, found ",
            &quote(text),
        ]))
    }
}
