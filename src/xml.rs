//! The EC2 XML readers: `CreateSnapshotResponse` into [`Snapshot`] and the EC2 error envelopes into
//! [`ServiceError`].
//!
//! Documents are read by a small hand-written reader (`read`, it replaced quick-xml: a fifth of the
//! module's size for features EC2 never sends) with the same text rules as the AWS SDK for
//! JavaScript v3's own XML parser (leaf text kept verbatim, whitespace-only text with a newline treated
//! as empty, CR LF read as LF, the first root element used whatever its name). Unlike that parser it
//! refuses DOCTYPE declarations and unknown entities, and it bounds depth and element count, so hostile
//! bodies end in an error instead of a hang or a trap.
//!
//! The reader works on bytes: the body is checked to be UTF-8 once, then every scan looks for ASCII
//! delimiters (eight bytes at a time where runs are long), so every range it cuts is on a character
//! boundary and no `&str` slicing can panic. Leaf text is borrowed from the body; only text with an
//! entity or a CR, or split by a comment or CDATA, is decoded, into one reused buffer.
//!
//! The reader reports start and end tags to a `Visitor`. Three share it:
//! * the production readers, [`parse_create_snapshot_response`] and [`parse_error_response`], which
//!   stream the elements they need straight into the output (no tree: one allocation per string
//!   member);
//! * [`parse_document`], which builds an [`Element`] tree, and [`snapshot_from_element`] /
//!   [`error_from_element`], which map a tree the plain way. They are the readable reference the tests
//!   and fuzz targets compare the streaming readers with; the wasm build drops them as unused.

use crate::model::{
    ServiceError, Snapshot, SnapshotState, SseType, StorageTier, Tag, TransferType,
};
use crate::time::{parse_rfc3339_ms, truncate};
use crate::{Error, Result};

/// Deepest element nesting accepted. A CreateSnapshot response is four levels deep.
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document (a CreateSnapshot response has about 30).
pub const MAX_ELEMENTS: usize = 100_000;
/// Largest body read (the JS shell stops reading at the same size): a CreateSnapshot response is
/// about 1 KB.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// Messages (built by concatenation: no `format!` machinery per call site)

/// An invalid-response error whose message is `parts` joined.
fn error(parts: &[&str]) -> Error {
    let mut m = String::with_capacity(parts.iter().map(|p| p.len()).sum::<usize>() + 12);
    for p in parts {
        m.push_str(p);
    }
    Error::invalid_response(m)
}

/// Appends `n` in decimal (no `core::fmt`).
pub(crate) fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &buf[i..] {
        out.push(char::from(d));
    }
}

/// `s` in double quotes, at most 64 characters, escaped like Rust's `{:?}` for quotes, backslashes
/// and control characters (without pulling in the Unicode tables `{:?}` needs).
pub(crate) fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len().min(64) + 2);
    q.push('"');
    for c in truncate(s).chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => q.push_str("\\r"),
            '\t' => q.push_str("\\t"),
            '\0' => q.push_str("\\0"),
            c if c.is_control() => {
                // `\u{..}` with lowercase hex and no leading zeros, as `{:?}` writes it.
                q.push_str("\\u{");
                let v = c as u32;
                let mut shift = 28;
                while shift > 0 && v >> shift == 0 {
                    shift -= 4;
                }
                loop {
                    q.push(char::from(
                        b"0123456789abcdef"[((v >> shift) & 0xf) as usize],
                    ));
                    if shift == 0 {
                        break;
                    }
                    shift -= 4;
                }
                q.push('}');
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

// ---------------------------------------------------------------------------------------------
// Text: entities, line ends

/// The character an entity body (`amp`, `#x41`, `#65`) names.
fn entity(name: &str) -> Result<char> {
    Ok(match name.as_bytes() {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        [b'#', num @ ..] => {
            let code = match num {
                [b'x' | b'X', hex @ ..] if !hex.is_empty() && hex.len() <= 6 => number(hex, 16),
                [b'x' | b'X', ..] => None,
                _ if !num.is_empty() && num.len() <= 7 => number(num, 10),
                _ => None,
            };
            match code.and_then(char::from_u32) {
                Some(c) if c != '\0' => c,
                _ => return Err(error(&["invalid character reference &", &quote(name), ";"])),
            }
        }
        _ => {
            return Err(error(&[
                "unknown entity &",
                &quote(name),
                ";: only the five XML entities and character references are accepted",
            ]))
        }
    })
}

/// Digits in `radix` (at most 7, so no overflow), or `None` if any byte is not one.
fn number(digits: &[u8], radix: u32) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, &d| {
        char::from(d).to_digit(radix).map(|v| acc * radix + v)
    })
}

/// Checks a piece of text (`entities`: character data; otherwise CDATA) and, given `out`, appends it
/// decoded: entities resolved, CR LF and lone CR read as LF. An `&` that does not start an entity
/// reference (`&`, then letters, digits or `#`, then `;`) stays as written, as with the SDK.
fn decode(s: &str, entities: bool, mut out: Option<&mut String>) -> Result<()> {
    let b = s.as_bytes();
    // `b[from..i]` is copied as written when the next special character is met.
    let (mut from, mut i) = (0, 0);
    while let Some(&c) = b.get(i) {
        let (decoded, next) = match c {
            b'\r' => (
                '\n',
                if matches!(b.get(i + 1), Some(b'\n')) {
                    i + 2
                } else {
                    i + 1
                },
            ),
            b'&' if entities => {
                let mut j = i + 1;
                while b
                    .get(j)
                    .is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'#')
                {
                    j += 1;
                }
                if j == i + 1 || !matches!(b.get(j), Some(b';')) {
                    i += 1; // kept as written
                    continue;
                }
                (entity(sub(s, i + 1, j))?, j + 1)
            }
            _ => {
                i += 1;
                continue;
            }
        };
        if let Some(o) = out.as_deref_mut() {
            o.push_str(sub(s, from, i));
            o.push(decoded);
        }
        (from, i) = (next, next);
    }
    if let Some(o) = out {
        o.push_str(sub(s, from, b.len()));
    }
    Ok(())
}

/// `s[a..b]` without a panic path: the reader only cuts at ASCII delimiters, which are always
/// character boundaries, so the fallback is never taken.
fn sub(s: &str, a: usize, b: usize) -> &str {
    s.get(a..b).unwrap_or_default()
}

/// The text gathered so far for the innermost open element.
#[derive(Clone, Copy)]
enum Text {
    Empty,
    /// One piece, used as written: a byte range of the body.
    Raw(usize, usize),
    /// Several pieces, or one to decode: in the reader's buffer.
    Buffer,
}

/// Whitespace-only text with a newline, which the SDK reads as empty.
fn blank_with_newline(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().all(|c| matches!(c, b' ' | b'\t' | b'\n')) && b.contains(&b'\n')
}

// ---------------------------------------------------------------------------------------------
// Scanning, eight bytes at a time

const ONES: u64 = u64::from_ne_bytes([1; 8]);
const HIGHS: u64 = ONES << 7;

/// The next eight bytes of `b` from `i` as a little-endian word (first byte lowest), if there are eight.
#[inline(always)]
fn word(b: &[u8], i: usize) -> Option<u64> {
    let chunk: [u8; 8] = b.get(i..i + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Flags (high bit set) the bytes of `w` that are zero. A flag can also land on a byte above a true
/// zero (a borrow), never below one, so the lowest flag is always exact.
#[inline(always)]
fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(ONES) & !w & HIGHS
}

/// Index of the first byte of `b` from `from` that is one of `set`, or `b.len()`.
fn find_any(b: &[u8], mut from: usize, set: [u8; 3]) -> usize {
    let (x, y, z) = (
        ONES * u64::from(set[0]),
        ONES * u64::from(set[1]),
        ONES * u64::from(set[2]),
    );
    while let Some(w) = word(b, from) {
        let hits = zero_bytes(w ^ x) | zero_bytes(w ^ y) | zero_bytes(w ^ z);
        if hits != 0 {
            return from + (hits.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while let Some(&c) = b.get(from) {
        if c == set[0] || c == set[1] || c == set[2] {
            break;
        }
        from += 1;
    }
    from.min(b.len())
}

/// Index of the first byte of `b` from `from` below `limit` (at most 0x80), or `b.len()`. Bytes
/// from 0x80 (UTF-8 sequences) are never below it.
fn find_below(b: &[u8], mut from: usize, limit: u8) -> usize {
    let l = ONES * u64::from(limit);
    while let Some(w) = word(b, from) {
        // As `zero_bytes`: a byte under `limit` borrows, and the lowest flag is exact.
        let hits = w.wrapping_sub(l) & !w & HIGHS;
        if hits != 0 {
            return from + (hits.trailing_zeros() / 8) as usize;
        }
        from += 8;
    }
    while b.get(from).is_some_and(|&c| c >= limit) {
        from += 1;
    }
    from.min(b.len())
}

// ---------------------------------------------------------------------------------------------
// The reader

/// Receives a document's elements from [`read`], in document order. The root is at depth 1.
trait Visitor<'a> {
    /// A start tag, or a self-closing tag (its `close` follows at once).
    fn open(&mut self, depth: usize, name: &'a str);
    /// An end tag. `text` is the element's text, `None` when it has element children (the SDK then
    /// drops the text around them).
    fn close(&mut self, depth: usize, name: &'a str, text: Option<&str>);
}

/// `a == b` as a plain loop: names are a few bytes long, too short for a `memcmp` call to pay.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// Bytes an element name may not hold (it ends at whitespace, `>` or `/`).
fn refused_in_name(c: u8) -> bool {
    matches!(c, b'<' | b'=' | b'"' | b'\'' | b'&')
}

/// Reads one document into `v`, within [`MAX_BODY_BYTES`], [`MAX_DEPTH`] and [`MAX_ELEMENTS`].
/// Comments, processing instructions and the XML declaration are skipped; a DOCTYPE is refused;
/// content after the root element is never looked at (as the SDK ignores it). On an error `v` has
/// seen part of the document.
fn read<'a>(body: &'a [u8], v: &mut dyn Visitor<'a>) -> Result<()> {
    let s = checked(body)?;
    let mut r = Reader {
        s,
        b: body,
        i: 0,
        stack: [0; MAX_DEPTH],
        depth: 0,
        count: 0,
        has_children: false,
        text: Text::Empty,
        buf: String::new(),
    };
    r.prolog()?;
    // The prolog ends at a `<`: whatever follows is the root's start tag, even `<!x>`.
    r.i += 1;
    if r.start_tag(v)? {
        return Ok(()); // a self-closing root
    }
    loop {
        match r.rest() {
            [] => {
                let (a, b) = r.top();
                return Err(error(&[
                    "truncated XML: <",
                    truncate(sub(r.s, a, b)),
                    "> is never closed",
                ]));
            }
            [b'<', b'/', ..] => {
                if r.end_tag(v)? {
                    return Ok(()); // the root closed
                }
            }
            [b'<', b'!', b'-', b'-', ..] => {
                r.i += 4;
                r.until(b"-->", "a comment")?;
            }
            [b'<', b'!', b'[', b'C', b'D', b'A', b'T', b'A', b'[', ..] => {
                r.i += 9;
                let (a, b) = r.until(b"]]>", "a CDATA section")?;
                if !r.has_children {
                    let plain = !r.b[a..b].contains(&b'\r');
                    r.push_text(a, b, false, plain)?;
                }
            }
            [b'<', b'!', ..] => {
                r.i += 2;
                return Err(r.err(&["malformed XML: declarations are not allowed inside elements"]));
            }
            [b'<', b'?', ..] => {
                r.i += 2;
                r.until(b"?>", "a processing instruction")?;
            }
            [b'<', ..] => {
                r.i += 1;
                r.start_tag(v)?;
            }
            _ => r.char_data()?,
        }
    }
}

/// The body as text, within [`MAX_BODY_BYTES`].
fn checked(body: &[u8]) -> Result<&str> {
    if body.len() > MAX_BODY_BYTES {
        let mut m = String::from("response body of ");
        push_u64(&mut m, body.len() as u64);
        m.push_str(" bytes exceeds the ");
        push_u64(&mut m, MAX_BODY_BYTES as u64);
        m.push_str("-byte limit");
        return Err(Error::invalid_response(m));
    }
    core::str::from_utf8(body).map_err(|e| {
        let mut m = String::from("response body is not valid UTF-8 (at byte ");
        push_u64(&mut m, e.valid_up_to() as u64);
        m.push(')');
        Error::invalid_response(m)
    })
}

/// The reader's state: a position in the body and the open elements.
struct Reader<'a> {
    s: &'a str,
    b: &'a [u8],
    /// Position: every error with a position names it.
    i: usize,
    /// Names of the open elements, as byte ranges of the body: start, then end shifted by 32 (bodies
    /// are at most 4 MiB, so offsets fit in 32 bits).
    stack: [u64; MAX_DEPTH],
    depth: usize,
    /// Elements met so far.
    count: usize,
    /// Whether the innermost open element has had an element child.
    has_children: bool,
    /// The innermost open element's text so far.
    text: Text,
    /// Decoded text (reused from element to element).
    buf: String,
}

impl<'a> Reader<'a> {
    /// Reads the prolog up to the root element's `<`.
    fn prolog(&mut self) -> Result<()> {
        let r = self;
        loop {
            r.skip_ws();
            let rest = r.rest();
            if rest.is_empty() {
                return Err(Error::invalid_response(
                    "empty or truncated XML: no root element",
                ));
            } else if rest.starts_with(b"<?") {
                r.i += 2;
                r.until(b"?>", "a processing instruction")?;
            } else if rest.starts_with(b"<!--") {
                r.i += 4;
                r.until(b"-->", "a comment")?;
            } else if rest
                .get(..9)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"<!DOCTYPE"))
            {
                return Err(Error::invalid_response(
                    "XML DOCTYPE declarations are refused (they can define entities)",
                ));
            } else if rest.starts_with(b"<") {
                return Ok(());
            } else {
                return Err(r.err(&["malformed XML: text before the root element"]));
            }
        }
    }

    fn rest(&self) -> &'a [u8] {
        self.b.get(self.i..).unwrap_or_default()
    }

    /// The name range of the innermost open element.
    fn top(&self) -> (usize, usize) {
        let range = self
            .stack
            .get(self.depth.wrapping_sub(1))
            .copied()
            .unwrap_or_default();
        (range as u32 as usize, (range >> 32) as usize)
    }

    fn skip_ws(&mut self) {
        while self.b.get(self.i).is_some_and(|&c| is_ws(c)) {
            self.i += 1;
        }
    }

    /// An error whose message is `parts` joined, then the current position.
    fn err(&self, parts: &[&str]) -> Error {
        let mut m = String::new();
        for p in parts {
            m.push_str(p);
        }
        m.push_str(" (at byte ");
        push_u64(&mut m, self.i as u64);
        m.push(')');
        Error::invalid_response(m)
    }

    /// Moves past `stop`, returning the range before it.
    fn until(&mut self, stop: &[u8], what: &str) -> Result<(usize, usize)> {
        let start = self.i;
        // Each occurrence of the first byte, then a check of the rest (stops are 1 to 3 bytes).
        let mut at = start;
        while at < self.b.len() {
            at = find_any(self.b, at, [stop[0]; 3]);
            if self.b.get(at..at + stop.len()).is_some_and(|w| w == stop) {
                self.i = at + stop.len();
                return Ok((start, at));
            }
            at += 1;
        }
        Err(self.err(&["truncated XML: ", what, " is never closed"]))
    }

    /// A run of character data up to the next `<`: checked now, decoded when its element closes.
    fn char_data(&mut self) -> Result<()> {
        let start = self.i;
        let mut end = find_any(self.b, start, [b'<', b'&', b'\r']);
        let special = self.b.get(end).is_some_and(|&c| c != b'<');
        if special {
            end = find_any(self.b, end, [b'<'; 3]);
        }
        self.i = end;
        if !self.has_children {
            self.push_text(start, end, true, !special)
        } else if special {
            // Dropped, but its entities must still be valid.
            decode(sub(self.s, start, end), true, None)
        } else {
            Ok(())
        }
    }

    /// Adds `b[a..b]` to the innermost element's text: character data (`entities`) or CDATA, and
    /// `plain` when it holds nothing to decode (it is then only copied if another piece joins it).
    fn push_text(&mut self, a: usize, b: usize, entities: bool, plain: bool) -> Result<()> {
        match self.text {
            Text::Empty if plain => {
                self.text = Text::Raw(a, b);
                return Ok(());
            }
            Text::Empty => self.buf.clear(),
            Text::Raw(x, y) => {
                self.buf.clear();
                self.buf.push_str(sub(self.s, x, y));
            }
            Text::Buffer => {}
        }
        self.text = Text::Buffer;
        decode(sub(self.s, a, b), entities, Some(&mut self.buf))
    }

    /// Reads a start tag after its `<` (name, then attributes: checked, then ignored) and reports
    /// it. Returns whether it closes itself.
    fn start_tag(&mut self, v: &mut dyn Visitor<'a>) -> Result<bool> {
        // Every delimiter and refused byte sorts before `?`: names of letters pass eight at a time.
        let start = self.i;
        let mut end = start;
        let stop = loop {
            end = find_below(self.b, end, b'?');
            match self.b.get(end) {
                Some(&c) if !(is_ws(c) || c == b'>' || c == b'/' || refused_in_name(c)) => end += 1,
                stop => break stop,
            }
        };
        if end == start || stop.is_some_and(|&c| refused_in_name(c)) {
            return Err(self.err(&["malformed XML: bad element name"]));
        }
        self.i = end;
        let empty = loop {
            self.skip_ws();
            let rest = self.rest();
            match rest {
                [b'/', b'>', ..] => {
                    self.i += 2;
                    break true;
                }
                [b'>', ..] => {
                    self.i += 1;
                    break false;
                }
                [] => {
                    return Err(self.err(&[
                        "truncated XML: <",
                        truncate(sub(self.s, start, end)),
                        "> is never closed",
                    ]))
                }
                _ => {}
            }
            // An attribute: name, `=`, quoted value.
            let len = rest
                .iter()
                .position(|&c| is_ws(c) || matches!(c, b'=' | b'>' | b'/'))
                .unwrap_or(rest.len());
            if len == 0 {
                return Err(self.err(&["malformed XML: bad attribute"]));
            }
            self.i += len;
            self.skip_ws();
            if !matches!(self.b.get(self.i), Some(b'=')) {
                return Err(self.err(&["malformed XML: attribute without a value"]));
            }
            self.i += 1;
            self.skip_ws();
            let q = match self.b.get(self.i) {
                Some(&q @ (b'"' | b'\'')) => q,
                _ => return Err(self.err(&["malformed XML: attribute value must be quoted"])),
            };
            self.i += 1;
            self.until(&[q], "an attribute value")?;
        };
        self.count += 1;
        if self.count > MAX_ELEMENTS {
            return Err(Error::invalid_response("XML has more than 100000 elements"));
        }
        // The parent now has an element child: its own text no longer counts.
        self.has_children = true;
        self.text = Text::Empty;
        let name = sub(self.s, start, end);
        let depth = self.depth + 1;
        if !empty {
            if self.depth >= MAX_DEPTH {
                return Err(Error::invalid_response(
                    "XML nested deeper than 64 elements",
                ));
            }
            self.stack[self.depth] = start as u64 | (end as u64) << 32;
            self.depth = depth;
            self.has_children = false;
        }
        v.open(depth, name);
        if empty {
            v.close(depth, name, Some(""));
        }
        Ok(empty && self.depth == 0)
    }

    /// Reads an end tag (at its `</`), which must close the innermost open element, and reports
    /// it. Returns whether it closed the root.
    fn end_tag(&mut self, v: &mut dyn Visitor<'a>) -> Result<bool> {
        let (a, b) = self.top();
        let name = sub(self.s, a, b);
        let rest = self.rest();
        let n = name.len();
        if matches!(rest.get(2 + n), Some(b'>')) && same(&rest[2..2 + n], name.as_bytes()) {
            // `</name>`, the usual case.
            self.i += n + 3;
        } else {
            self.i += 2;
            let (a, mut b) = self.until(b">", "a closing tag")?;
            while b > a && is_ws(self.b[b - 1]) {
                b -= 1;
            }
            let close = sub(self.s, a, b);
            if close != name {
                return Err(self.err(&[
                    "malformed XML: <",
                    truncate(name),
                    "> closed by </",
                    truncate(close),
                    ">",
                ]));
            }
        }
        let text = match std::mem::replace(&mut self.text, Text::Empty) {
            Text::Empty => "",
            Text::Raw(a, b) => sub(self.s, a, b),
            Text::Buffer => &self.buf,
        };
        let text = if blank_with_newline(text) { "" } else { text };
        v.close(self.depth, name, (!self.has_children).then_some(text));
        self.depth = self.depth.saturating_sub(1);
        // The parent has an element child now.
        self.has_children = true;
        Ok(self.depth == 0)
    }
}

// ---------------------------------------------------------------------------------------------
// Scalars

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
        push_u64(&mut m, v.unsigned_abs());
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

fn duplicate(name: &str, parent: &str) -> Error {
    error(&[
        "<",
        truncate(name),
        "> appears more than once in <",
        truncate(parent),
        ">",
    ])
}

fn not_leaf(name: &str) -> Error {
    error(&[
        "<",
        truncate(name),
        "> should hold text, found child elements",
    ])
}

// ---------------------------------------------------------------------------------------------
// CreateSnapshotResponse, streamed

/// The root children the output reads, in the output's member order (the order
/// [`snapshot_from_element`] looks them up, so the order its errors come in): the rank of a member.
static MEMBERS: [&str; 23] = [
    "ownerAlias",
    "outpostArn",
    "tagSet",
    "storageTier",
    "restoreExpiryTime",
    "sseType",
    "availabilityZone",
    "transferType",
    "completionDurationMinutes",
    "completionTime",
    "fullSnapshotSizeInBytes",
    "snapshotId",
    "volumeId",
    "status",
    "statusMessage",
    "startTime",
    "progress",
    "ownerId",
    "description",
    "volumeSize",
    "encrypted",
    "kmsKeyId",
    "dataEncryptionKeyId",
];

fn member(name: &str) -> Option<u8> {
    let n = name.as_bytes();
    let (&first, &last) = (n.first()?, n.last()?);
    // Members are 6 to 25 bytes long; the length, first and last byte tell them apart (a test
    // checks it), so one candidate at most is compared in full.
    if !(6..=25).contains(&n.len()) {
        return None;
    }
    for (rank, m) in MEMBERS.iter().enumerate() {
        let m = m.as_bytes();
        if m.len() == n.len() && m[0] == first && m[m.len() - 1] == last {
            return same(m, n).then_some(rank as u8);
        }
    }
    None
}

/// The rank of `tagSet`, which is read apart (its first occurrence, no uniqueness check).
const TAG_SET: u8 = 2;

/// Stores the text of member `rank` (element `name`) into the output.
fn set_member(s: &mut Snapshot, rank: u8, name: &str, text: &str) -> Result<()> {
    let string = match rank {
        0 => &mut s.owner_alias,
        1 => &mut s.outpost_arn,
        6 => &mut s.availability_zone,
        11 => &mut s.snapshot_id,
        12 => &mut s.volume_id,
        14 => &mut s.state_message,
        16 => &mut s.progress,
        17 => &mut s.owner_id,
        18 => &mut s.description,
        21 => &mut s.kms_key_id,
        22 => &mut s.data_encryption_key_id,
        3 => {
            s.storage_tier = Some(StorageTier::from_wire(text));
            return Ok(());
        }
        5 => {
            s.sse_type = Some(SseType::from_wire(text));
            return Ok(());
        }
        7 => {
            s.transfer_type = Some(TransferType::from_wire(text));
            return Ok(());
        }
        13 => {
            s.state = Some(SnapshotState::from_wire(text));
            return Ok(());
        }
        8 | 19 => {
            let int = if rank == 8 {
                &mut s.completion_duration_minutes
            } else {
                &mut s.volume_size
            };
            *int = Some(parse_i32(text, name)?);
            return Ok(());
        }
        10 => {
            s.full_snapshot_size_in_bytes = Some(parse_i64(text, name)?);
            return Ok(());
        }
        20 => {
            s.encrypted = Some(parse_bool(text, name)?);
            return Ok(());
        }
        _ => {
            let time = match rank {
                4 => &mut s.restore_expiry_time,
                9 => &mut s.completion_time,
                _ => &mut s.start_time,
            };
            *time = Some(parse_timestamp(text, name)?);
            return Ok(());
        }
    };
    *string = Some(text.to_owned());
    Ok(())
}

/// Keeps the error that a lookup of the members in rank order would meet first, while elements
/// arrive in document order: the lowest rank wins, and for one member a duplicate wins over a bad
/// value (the uniqueness check comes first).
#[derive(Default)]
struct FirstError(Option<(u8, bool, Error)>);

impl FirstError {
    fn offer(&mut self, rank: u8, duplicate: bool, e: Error) {
        if match &self.0 {
            None => true,
            Some((r, d, _)) => rank < *r || (rank == *r && duplicate && !*d),
        } {
            self.0 = Some((rank, duplicate, e));
        }
    }
}

/// A child `name` (of rank `rank`) of `parent`, read as `unique_child` then `leaf_text` read it:
/// its text at its first occurrence if it is a leaf; otherwise the error is offered.
fn only_leaf<'a>(
    seen: &mut u32,
    error: &mut FirstError,
    rank: u8,
    name: &str,
    parent: &str,
    text: Option<&'a str>,
) -> Option<&'a str> {
    let bit = 1 << rank;
    if *seen & bit != 0 {
        error.offer(rank, true, duplicate(name, parent));
        return None;
    }
    *seen |= bit;
    if text.is_none() {
        error.offer(rank, false, not_leaf(name));
    }
    text
}

/// Where the reader is relative to the first `tagSet` (only the first one is read, as the SDK does).
#[derive(PartialEq, Default)]
enum Tags {
    #[default]
    Before,
    In,
    /// In one of its `item`s.
    InItem,
    After,
}

/// Collects a `CreateSnapshotResponse` as it streams by.
#[derive(Default)]
struct SnapshotReader<'a> {
    out: Snapshot,
    root: &'a str,
    /// Members met so far, by rank.
    seen: u32,
    error: FirstError,
    tags: Tags,
    /// The current item's `key` and `value` (as `unique_child`, then `leaf_text`), and its first error.
    item: Tag,
    item_seen: u32,
    item_error: FirstError,
    /// The first item error of the first tagSet.
    tags_error: Option<Error>,
}

impl<'a> Visitor<'a> for SnapshotReader<'a> {
    fn open(&mut self, depth: usize, name: &'a str) {
        match (depth, name) {
            (1, _) => self.root = name,
            (2, "tagSet") if self.tags == Tags::Before => {
                self.tags = Tags::In;
                self.out.tags = Some(Vec::new());
            }
            (3, "item") if self.tags == Tags::In => {
                self.tags = Tags::InItem;
                self.item_seen = 0;
            }
            _ => {}
        }
    }

    fn close(&mut self, depth: usize, name: &'a str, text: Option<&str>) {
        match depth {
            2 => {
                let Some(rank) = member(name) else { return };
                if rank == TAG_SET {
                    if matches!(self.tags, Tags::In) {
                        self.tags = Tags::After;
                        if let Some(e) = self.tags_error.take() {
                            self.error.offer(TAG_SET, false, e);
                        }
                    }
                    return;
                }
                let (seen, error) = (&mut self.seen, &mut self.error);
                if let Some(text) = only_leaf(seen, error, rank, name, self.root, text) {
                    if let Err(e) = set_member(&mut self.out, rank, name, text) {
                        self.error.offer(rank, false, e);
                    }
                }
            }
            3 if self.tags == Tags::InItem => {
                // The end of an item of the first tagSet: its first error (key before value)
                // counts if no earlier item had one.
                self.tags = Tags::In;
                let tag = std::mem::take(&mut self.item);
                if let Some((_, _, e)) = self.item_error.0.take() {
                    self.tags_error.get_or_insert(e);
                }
                if let Some(list) = &mut self.out.tags {
                    list.push(tag);
                }
            }
            4 if self.tags == Tags::InItem => {
                let (rank, slot) = match name {
                    "key" => (0, &mut self.item.key),
                    "value" => (1, &mut self.item.value),
                    _ => return,
                };
                let (seen, error) = (&mut self.item_seen, &mut self.item_error);
                if let Some(text) = only_leaf(seen, error, rank, name, "item", text) {
                    *slot = Some(text.to_owned());
                }
            }
            _ => {}
        }
    }
}

/// Parses a successful CreateSnapshot response body. An empty body gives an empty output, as with the SDK.
///
/// Elements are read as they stream by: each member takes the text of the root's only child of its
/// name (a second one is an error), `tags` the items of the first `tagSet`. The result, errors
/// included, is exactly [`snapshot_from_element`] of [`parse_document`].
pub fn parse_create_snapshot_response(body: &[u8]) -> Result<Snapshot> {
    if body.is_empty() {
        return Ok(Snapshot::default());
    }
    let mut r = SnapshotReader::default();
    read(body, &mut r)?;
    match r.error.0 {
        Some((_, _, e)) => Err(e),
        None => Ok(r.out),
    }
}

// ---------------------------------------------------------------------------------------------
// Error responses, streamed

/// An EC2 error body, read as the SDK reads it: the `Error` element under `Errors` (either wrapper,
/// `<Response>` or `<ErrorResponse>`) or directly under the root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorBody {
    /// Code, message and request id.
    pub error: ServiceError,
    /// Every leaf child of `<Error>` in order (`Code`, `Message`, `Type`, and any others), which the SDK
    /// copies onto the exception.
    pub fields: Vec<(String, String)>,
}

/// What one `<Error>` element holds: its leaf children, and the first `Code`, `message` and
/// `Message` children's text (`Some(None)` when that child has element children).
#[derive(Default)]
struct ErrorElement {
    fields: Vec<(String, String)>,
    code: Option<Option<String>>,
    message_lower: Option<Option<String>>,
    message: Option<Option<String>>,
}

impl ErrorElement {
    fn child(&mut self, name: &str, text: Option<&str>) {
        let first = match name {
            "Code" => Some(&mut self.code),
            "message" => Some(&mut self.message_lower),
            "Message" => Some(&mut self.message),
            _ => None,
        };
        if let Some(slot @ None) = first {
            *slot = Some(text.map(str::to_owned));
        }
        if let Some(text) = text {
            self.fields.push((name.to_owned(), text.to_owned()));
        }
    }
}

/// Progress through an element read only at its first occurrence.
#[derive(PartialEq, Clone, Copy)]
enum Once {
    Before,
    In,
    After,
}

/// Collects an error document as it streams by.
struct ErrorReader {
    /// The root's first `Errors`, its first `Error`, and the root's first `Error`.
    errors: Once,
    nested: Once,
    direct: Once,
    in_errors: ErrorElement,
    at_root: ErrorElement,
    /// The root's first `RequestID` and first `RequestId` (`Some(None)`: not a leaf).
    request_id_upper: Option<Option<String>>,
    request_id: Option<Option<String>>,
}

impl<'a> Visitor<'a> for ErrorReader {
    fn open(&mut self, depth: usize, name: &'a str) {
        match (depth, name) {
            (2, "Errors") if self.errors == Once::Before => self.errors = Once::In,
            (2, "Error") if self.direct == Once::Before => self.direct = Once::In,
            (3, "Error") if self.errors == Once::In && self.nested == Once::Before => {
                self.nested = Once::In
            }
            _ => {}
        }
    }

    fn close(&mut self, depth: usize, name: &'a str, text: Option<&str>) {
        match depth {
            2 if self.errors == Once::In => self.errors = Once::After,
            2 if self.direct == Once::In => self.direct = Once::After,
            2 => {
                let first = match name {
                    "RequestID" => &mut self.request_id_upper,
                    "RequestId" => &mut self.request_id,
                    _ => return,
                };
                if first.is_none() {
                    *first = Some(text.map(str::to_owned));
                }
            }
            3 if self.direct == Once::In => self.at_root.child(name, text),
            3 if self.nested == Once::In => self.nested = Once::After,
            4 if self.nested == Once::In => self.in_errors.child(name, text),
            _ => {}
        }
    }
}

/// Parses an error response body. An empty body gives an empty [`ErrorBody`].
///
/// Streams like [`parse_create_snapshot_response`]; the result is exactly [`error_from_element`] of
/// [`parse_document`]: the first `Error` of the root's first `Errors`, else the root's first `Error`.
pub fn parse_error_response(body: &[u8]) -> Result<ErrorBody> {
    if body.is_empty() {
        return Ok(ErrorBody::default());
    }
    let mut r = ErrorReader {
        errors: Once::Before,
        nested: Once::Before,
        direct: Once::Before,
        in_errors: ErrorElement::default(),
        at_root: ErrorElement::default(),
        request_id_upper: None,
        request_id: None,
    };
    read(body, &mut r)?;
    let mut out = ErrorBody::default();
    let error = match (r.nested, r.direct) {
        (Once::After, _) => Some(r.in_errors),
        (_, Once::After) => Some(r.at_root),
        _ => None,
    };
    if let Some(e) = error {
        out.fields = e.fields;
        out.error.code = e.code.flatten();
        out.error.message = e.message_lower.flatten().or(e.message.flatten());
    }
    out.error.request_id = r.request_id_upper.or(r.request_id).flatten();
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// The element tree (reference reading for tests and fuzzing)

/// One element: its qualified name, its text (only when it has no element children) and its children.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// Qualified name as written (`ns:tag` keeps its prefix, as the SDK does).
    pub name: String,
    /// Text content of a leaf element ("" for `<a/>`, `<a></a>` and whitespace-only text with a newline).
    pub text: String,
    /// Element children in document order.
    pub children: Vec<Element>,
}

impl Element {
    /// First child with this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// The only child with this name; an error names it when it appears twice.
    pub fn unique_child(&self, name: &str) -> Result<Option<&Element>> {
        let mut it = self.children.iter().filter(|c| c.name == name);
        let first = it.next();
        if first.is_some() && it.next().is_some() {
            return Err(duplicate(name, &self.name));
        }
        Ok(first)
    }

    /// True when the element has no element children.
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }

    /// Leaf text; an error when the element has element children.
    pub fn leaf_text(&self) -> Result<&str> {
        if self.is_leaf() {
            Ok(&self.text)
        } else {
            Err(not_leaf(&self.name))
        }
    }
}

/// Builds the element tree.
struct TreeBuilder {
    /// The open elements, root first.
    stack: Vec<Element>,
    root: Option<Element>,
}

impl<'a> Visitor<'a> for TreeBuilder {
    fn open(&mut self, _depth: usize, name: &'a str) {
        self.stack.push(Element {
            name: name.to_owned(),
            ..Default::default()
        });
    }

    fn close(&mut self, _depth: usize, _name: &'a str, text: Option<&str>) {
        let Some(mut el) = self.stack.pop() else {
            return;
        };
        el.text = text.unwrap_or_default().to_owned();
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None => self.root = Some(el),
        }
    }
}

/// Parses a document into its root element, with the same reader (and so the same rules, limits
/// and errors) as the streaming readers.
pub fn parse_document(body: &[u8]) -> Result<Element> {
    let mut tree = TreeBuilder {
        stack: Vec::new(),
        root: None,
    };
    read(body, &mut tree)?;
    // `read` succeeds only once the root has closed.
    tree.root
        .ok_or_else(|| Error::invalid_response("malformed XML"))
}

fn string(root: &Element, name: &str) -> Result<Option<String>> {
    match root.unique_child(name)? {
        Some(el) => Ok(Some(el.leaf_text()?.to_owned())),
        None => Ok(None),
    }
}

fn scalar<T>(
    root: &Element,
    name: &str,
    parse: impl Fn(&str, &str) -> Result<T>,
) -> Result<Option<T>> {
    match root.unique_child(name)? {
        Some(el) => parse(el.leaf_text()?, name).map(Some),
        None => Ok(None),
    }
}

/// Reads a `tagSet`-style list: `<item><key/><value/></item>` entries; a leaf list is empty.
pub fn read_tags(list: &Element) -> Result<Vec<Tag>> {
    let mut tags = Vec::new();
    for item in list.children.iter().filter(|c| c.name == "item") {
        tags.push(Tag {
            key: string(item, "key")?,
            value: string(item, "value")?,
        });
    }
    Ok(tags)
}

/// Maps a parsed `CreateSnapshotResponse` (any root name, as the SDK accepts) into the output: the
/// reference for [`parse_create_snapshot_response`].
pub fn snapshot_from_element(root: &Element) -> Result<Snapshot> {
    Ok(Snapshot {
        owner_alias: string(root, "ownerAlias")?,
        outpost_arn: string(root, "outpostArn")?,
        tags: match root.child("tagSet") {
            Some(ts) => Some(read_tags(ts)?),
            None => None,
        },
        storage_tier: string(root, "storageTier")?.map(|s| StorageTier::from_wire(&s)),
        restore_expiry_time: scalar(root, "restoreExpiryTime", parse_timestamp)?,
        sse_type: string(root, "sseType")?.map(|s| SseType::from_wire(&s)),
        availability_zone: string(root, "availabilityZone")?,
        transfer_type: string(root, "transferType")?.map(|s| TransferType::from_wire(&s)),
        completion_duration_minutes: scalar(root, "completionDurationMinutes", parse_i32)?,
        completion_time: scalar(root, "completionTime", parse_timestamp)?,
        full_snapshot_size_in_bytes: scalar(root, "fullSnapshotSizeInBytes", parse_i64)?,
        snapshot_id: string(root, "snapshotId")?,
        volume_id: string(root, "volumeId")?,
        state: string(root, "status")?.map(|s| SnapshotState::from_wire(&s)),
        state_message: string(root, "statusMessage")?,
        start_time: scalar(root, "startTime", parse_timestamp)?,
        progress: string(root, "progress")?,
        owner_id: string(root, "ownerId")?,
        description: string(root, "description")?,
        volume_size: scalar(root, "volumeSize", parse_i32)?,
        encrypted: scalar(root, "encrypted", parse_bool)?,
        kms_key_id: string(root, "kmsKeyId")?,
        data_encryption_key_id: string(root, "dataEncryptionKeyId")?,
    })
}

/// Maps a parsed error document: the reference for [`parse_error_response`].
pub fn error_from_element(root: &Element) -> ErrorBody {
    let error = root
        .child("Errors")
        .and_then(|e| e.child("Error"))
        .or_else(|| root.child("Error"));
    let mut out = ErrorBody::default();
    if let Some(err) = error {
        for c in &err.children {
            if c.is_leaf() {
                out.fields.push((c.name.clone(), c.text.clone()));
            }
        }
        let leaf = |n: &str| err.child(n).filter(|c| c.is_leaf()).map(|c| c.text.clone());
        out.error.code = leaf("Code");
        out.error.message = leaf("message").or_else(|| leaf("Message"));
    }
    out.error.request_id = root
        .child("RequestID")
        .or_else(|| root.child("RequestId"))
        .filter(|c| c.is_leaf())
        .map(|c| c.text.clone());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace_text() {
        let r = parse_document(b"<a><b></b><c/><d>\n  </d><e>  </e><f>x &amp; y</f></a>").unwrap();
        assert_eq!(r.child("b").unwrap().text, "");
        assert_eq!(r.child("c").unwrap().text, "");
        assert_eq!(r.child("d").unwrap().text, "");
        assert_eq!(r.child("e").unwrap().text, "  ");
        assert_eq!(r.child("f").unwrap().text, "x & y");
    }

    #[test]
    fn refuses_doctype_and_unknown_entities() {
        let e =
            parse_document(b"<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>")
                .unwrap_err();
        assert!(e.message().contains("DOCTYPE"), "{e}");
        let e = parse_document(b"<a>&x;</a>").unwrap_err();
        assert!(e.message().contains("unknown entity"), "{e}");
        assert_eq!(parse_document(b"<a>&#x41;&#66;</a>").unwrap().text, "AB");
    }

    #[test]
    fn depth_and_truncation() {
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let e = parse_document(deep.as_bytes()).unwrap_err();
        assert!(e.message().contains("nested deeper"), "{e}");
        let e = parse_document(b"<a><b>").unwrap_err();
        assert!(e.message().contains("never closed"), "{e}");
        assert!(parse_document(b"").is_err());
        assert!(parse_document(b"<a></b>").is_err());
    }

    #[test]
    fn wrong_types_name_the_element() {
        let e = parse_create_snapshot_response(
            b"<CreateSnapshotResponse><volumeSize>abc</volumeSize></CreateSnapshotResponse>",
        )
        .unwrap_err();
        assert!(
            e.message().contains("<volumeSize>") && e.message().contains("abc"),
            "{e}"
        );
    }

    #[test]
    fn reader_handles_what_ec2_and_the_sdk_parser_accept() {
        let doc = "<?xml version=\"1.0\"?>\r\n<!-- c --><R xmlns=\"http://ec2\" a='1'><a>x<!-- n -->y</a><b><![CDATA[<&>]]></b>\
                   <c>a & b &lt; c\r\nd</c><?pi x?><d\n/><e></e ></R>trailing ignored";
        let r = parse_document(doc.as_bytes()).unwrap();
        assert_eq!(r.name, "R");
        assert_eq!(r.child("a").unwrap().text, "xy");
        assert_eq!(r.child("b").unwrap().text, "<&>");
        assert_eq!(r.child("c").unwrap().text, "a & b < c\nd");
        assert_eq!(r.child("d").unwrap().text, "");
        assert_eq!(r.child("e").unwrap().text, "");
        for bad in [
            "<a b></a>",
            "<a b=c></a>",
            "<a><b></a></b>",
            "<a><!ELEMENT x></a>",
            "<a>&#0;</a>",
            "<a>&#xD800;</a>",
            "<a",
            "<a></a",
            "text<a/>",
            "<>",
            "<a><![CDATA[x</a>",
        ] {
            assert!(parse_document(bad.as_bytes()).is_err(), "{bad}");
        }
        assert!(parse_document(b"<a>\xff</a>")
            .unwrap_err()
            .message()
            .contains("UTF-8"));
    }

    #[test]
    fn fixed_messages_name_the_limits() {
        let wide = format!("<r>{}</r>", "<a/>".repeat(MAX_ELEMENTS));
        let e = parse_document(wide.as_bytes()).unwrap_err();
        assert_eq!(
            e.message(),
            format!("XML has more than {MAX_ELEMENTS} elements")
        );
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let e = parse_document(deep.as_bytes()).unwrap_err();
        assert_eq!(
            e.message(),
            format!("XML nested deeper than {MAX_DEPTH} elements")
        );
        let big = vec![b' '; MAX_BODY_BYTES + 1];
        let e = parse_document(&big).unwrap_err();
        assert_eq!(
            e.message(),
            format!(
                "response body of {} bytes exceeds the {MAX_BODY_BYTES}-byte limit",
                MAX_BODY_BYTES + 1
            )
        );
    }

    #[test]
    fn members_differ_in_length_first_or_last_byte() {
        let key = |m: &str| (m.len(), m.as_bytes()[0], m.as_bytes()[m.len() - 1]);
        for (i, a) in MEMBERS.iter().enumerate() {
            assert!((6..=25).contains(&a.len()), "{a}");
            assert_eq!(member(a), Some(i as u8));
            for b in &MEMBERS[i + 1..] {
                assert_ne!(key(a), key(b), "{a} and {b}");
            }
        }
        for other in ["", "x", "ownerAliaS", "tagSez", "requestId", "volumeSizes"] {
            assert_eq!(member(other), None, "{other}");
        }
    }

    #[test]
    fn quote_escapes_as_debug_does() {
        for s in [
            "",
            "a\"b\\c",
            "\n\r\t\0",
            "\u{1}\u{1f}\u{7f}\u{80}\u{9f}",
            "é€😀",
        ] {
            assert_eq!(quote(s), format!("{s:?}"));
        }
        assert_eq!(quote(&"x".repeat(100)), format!("{:?}", "x".repeat(64)));
    }

    #[test]
    fn integers_read_as_rust_reads_them() {
        for t in [
            "0",
            "-0",
            "+7",
            "007",
            "9223372036854775807",
            "-9223372036854775808",
            "9223372036854775808",
            "-9223372036854775809",
            "99999999999999999999999",
            " 42\n",
        ] {
            let want = t.trim().parse::<i64>().ok();
            assert_eq!(parse_i64(t, "n").ok(), want, "{t}");
        }
        assert_eq!(parse_i64(" \r\n", "n").unwrap(), 0);
        for bad in ["-", "+", "1.5", "1e3", "0x10", "--1", "1 2", "٣"] {
            assert!(parse_i64(bad, "n").is_err(), "{bad}");
        }
        assert_eq!(
            parse_i32("-2147483649", "n").unwrap_err().message(),
            "<n> is out of the 32-bit range: -2147483649"
        );
        assert_eq!(parse_i32("-2147483648", "n").unwrap(), i32::MIN);
    }

    #[test]
    fn streaming_readers_match_the_tree_reading() {
        for doc in [
            "<r><volumeSize>x</volumeSize><ownerAlias><a/></ownerAlias></r>",
            "<r><volumeSize>x</volumeSize><volumeSize>1</volumeSize></r>",
            "<r><tagSet><item><value><v/></value><key>a</key><key>b</key></item></tagSet></r>",
            "<r><tagSet><item/><item><key>k</key></item></tagSet><tagSet><item><key/><key/></item></tagSet></r>",
            "<r><tagSet>text</tagSet><description>a<!-- c -->b<![CDATA[&\r\n]]>&amp;</description></r>",
            "<r><snapshotId/><encrypted>TRUE</encrypted><progress>\r\n </progress></r>",
        ] {
            let tree = parse_document(doc.as_bytes()).and_then(|r| snapshot_from_element(&r));
            assert_eq!(parse_create_snapshot_response(doc.as_bytes()), tree, "{doc}");
        }
        for doc in [
            "<Response><Error><Code>D</Code></Error><Errors><Error><Code>A</Code><Message>m</Message>\
             <message><x/></message></Error><Error><Code>B</Code></Error></Errors><RequestID>1</RequestID></Response>",
            "<R><Errors/><Error><Code><x/></Code><Code>C</Code><Message>m</Message></Error><RequestID><a/></RequestID><RequestId>2</RequestId></R>",
            "<R><RequestId>2</RequestId><Errors><Foo/></Errors></R>",
        ] {
            let tree = parse_document(doc.as_bytes()).map(|r| error_from_element(&r));
            assert_eq!(parse_error_response(doc.as_bytes()), tree, "{doc}");
        }
    }
}
