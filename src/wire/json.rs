//! A pull reader over the JSON text `JSON.stringify` produces: objects, arrays, strings with their
//! escapes decoded, numbers as tokens. Anything else is refused with an error, never a panic.

use crate::{Error, Result};

/// A pull reader over JSON text (what `JSON.stringify` produces; anything else is refused with an
/// error, never a panic). Values the model does not know are skipped without recursion.
pub(super) struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

/// Nesting allowed inside a skipped value: far more than any real input, and a bound on work.
const MAX_SKIP_DEPTH: usize = 512;

pub(super) fn not_json() -> Error {
    Error::invalid_input("input", "is not valid JSON")
}

impl<'a> Reader<'a> {
    pub(super) fn new(s: &'a str) -> Self {
        Reader {
            b: s.as_bytes(),
            i: 0,
        }
    }

    pub(super) fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    pub(super) fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    pub(super) fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// The JS type of the next value, for error messages.
    pub(super) fn type_name(&mut self) -> &'static str {
        match self.peek() {
            Some(b'"') => "string",
            Some(b't' | b'f') => "boolean",
            Some(b'n') => "null",
            Some(b'[') => "array",
            Some(b'{') => "object",
            _ => "number",
        }
    }

    /// Consumes `null` if it is next: JSON's form of an absent member (`undefined` members are
    /// dropped by `JSON.stringify`).
    pub(super) fn null(&mut self) -> Result<bool> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.literal(b"null")?;
        Ok(true)
    }

    pub(super) fn literal(&mut self, lit: &[u8]) -> Result<()> {
        if self.b.get(self.i..self.i + lit.len()) == Some(lit) {
            self.i += lit.len();
            Ok(())
        } else {
            Err(not_json())
        }
    }

    /// A string's raw bytes between the quotes (escapes not yet decoded).
    pub(super) fn raw_string(&mut self) -> Result<&'a [u8]> {
        if !self.eat(b'"') {
            return Err(not_json());
        }
        let start = self.i;
        loop {
            match self.b.get(self.i) {
                None => return Err(not_json()),
                Some(b'"') => break,
                Some(b'\\') => self.i += 2,
                Some(_) => self.i += 1,
            }
        }
        let raw = self.b.get(start..self.i).ok_or_else(not_json)?;
        self.i += 1;
        Ok(raw)
    }

    /// Skips one value of any type.
    pub(super) fn skip(&mut self) -> Result<()> {
        self.skip_within(MAX_SKIP_DEPTH)
    }

    /// Skips one value nested at most `max_depth` deep.
    pub(super) fn skip_within(&mut self, max_depth: usize) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.raw_string()?;
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    if depth > max_depth {
                        return Err(Error::invalid_input("input", "is nested too deeply"));
                    }
                    self.i += 1;
                    continue;
                }
                Some(b'}' | b']') if depth > 0 => {
                    depth -= 1;
                    self.i += 1;
                }
                Some(b',' | b':') if depth > 0 => {
                    self.i += 1;
                    continue;
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(b'-' | b'0'..=b'9') => {
                    while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') =
                        self.b.get(self.i)
                    {
                        self.i += 1;
                    }
                }
                _ => return Err(not_json()),
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    /// Walks an object's members: `f(reader, raw key)` must consume the value.
    pub(super) fn object(
        &mut self,
        mut f: impl FnMut(&mut Self, &'a [u8]) -> Result<()>,
    ) -> Result<()> {
        if !self.eat(b'{') {
            return Err(not_json());
        }
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            let key = self.raw_string()?;
            if !self.eat(b':') {
                return Err(not_json());
            }
            f(self, key)?;
            if self.eat(b'}') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(not_json());
            }
        }
    }

    /// Walks an array's elements: `f(reader, index)` must consume the element.
    pub(super) fn array(
        &mut self,
        mut f: impl FnMut(&mut Self, usize) -> Result<()>,
    ) -> Result<()> {
        if !self.eat(b'[') {
            return Err(not_json());
        }
        if self.eat(b']') {
            return Ok(());
        }
        let mut i = 0;
        loop {
            f(self, i)?;
            i += 1;
            if self.eat(b']') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(not_json());
            }
        }
    }

    /// A string member (`field` names it in errors).
    pub(super) fn string(&mut self, field: &dyn Fn() -> String) -> Result<String> {
        if self.peek() != Some(b'"') {
            let t = self.type_name();
            return Err(Error::invalid_input(
                &field(),
                format_args!("must be a string, got {t}"),
            ));
        }
        let raw = self.raw_string()?;
        unescape(raw).ok_or_else(|| {
            Error::invalid_input(
                &field(),
                "must be well-formed Unicode (it contains a lone surrogate)",
            )
        })
    }

    /// `null` → `None`, else a string.
    pub(super) fn opt_string(&mut self, field: &dyn Fn() -> String) -> Result<Option<String>> {
        if self.null()? {
            return Ok(None);
        }
        self.string(field).map(Some)
    }

    /// The error for a value of the wrong JS type.
    pub(super) fn wrong_type(&mut self, field: &dyn Fn() -> String, what: &str) -> Error {
        let t = self.type_name();
        Error::invalid_input(&field(), format_args!("must be {what}, got {t}"))
    }

    /// A number token's text (as `JSON.stringify` writes finite numbers).
    pub(super) fn number(&mut self, field: &dyn Fn() -> String, what: &str) -> Result<&'a [u8]> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return Err(self.wrong_type(field, what));
        }
        let start = self.i;
        while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') = self.b.get(self.i) {
            self.i += 1;
        }
        self.b.get(start..self.i).ok_or_else(not_json)
    }

    /// Checks that an object comes next (`field` names it).
    pub(super) fn expect(
        &mut self,
        open: u8,
        what: &str,
        field: &dyn Fn() -> String,
    ) -> Result<()> {
        if self.peek() == Some(open) {
            return Ok(());
        }
        let t = self.type_name();
        Err(Error::invalid_input(
            &field(),
            format_args!("must be {what}, got {t}"),
        ))
    }

    pub(super) fn end(&mut self) -> Result<()> {
        if self.peek().is_some() {
            return Err(not_json());
        }
        Ok(())
    }

    /// Moves to the value of the object's member `name` that reading kept (the last one), or
    /// `None`. Compares raw keys, as reading does.
    pub(super) fn seek_member(&mut self, name: &str) -> Option<()> {
        let mut at = None;
        self.object(|r, key| {
            if key == name.as_bytes() {
                r.ws();
                at = Some(r.i);
            }
            // Unbounded: this input was read already, and skipping a known member's value counts
            // the depth of the whole value.
            r.skip_within(usize::MAX)
        })
        .ok()?;
        self.i = at?;
        Some(())
    }

    /// Moves to the array's entry that reading kept as its `kept`-th (counting from 0, `null`s
    /// left out) and returns that entry's position in the array, or `None`.
    pub(super) fn seek_entry(&mut self, kept: usize) -> Option<usize> {
        let mut at = None;
        let mut n = 0;
        self.array(|r, i| {
            if r.null()? {
                return Ok(());
            }
            if n == kept {
                r.ws();
                at = Some((i, r.i));
            }
            n += 1;
            r.skip_within(usize::MAX)
        })
        .ok()?;
        let (i, pos) = at?;
        self.i = pos;
        Some(i)
    }
}

fn hex4(b: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &c in b.get(..4)? {
        v = v * 16 + (c as char).to_digit(16)?;
    }
    Some(v)
}

/// Decodes a JSON string's escapes; `None` for a lone surrogate (or a malformed escape, which
/// `JSON.stringify` never writes).
pub(super) fn unescape(raw: &[u8]) -> Option<String> {
    if !raw.contains(&b'\\') {
        return std::str::from_utf8(raw).ok().map(str::to_owned);
    }
    let mut out: Vec<u8> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let e = *raw.get(i + 1)?;
        i += 2;
        let simple = match e {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => 0,
            _ => return None,
        };
        if e != b'u' {
            out.push(simple);
            continue;
        }
        let mut cp = hex4(raw.get(i..)?)?;
        i += 4;
        if (0xD800..0xDC00).contains(&cp) {
            // A high surrogate must be followed by an escaped low one.
            if raw.get(i..i + 2) != Some(b"\\u") {
                return None;
            }
            let lo = hex4(raw.get(i + 2..)?)?;
            if !(0xDC00..0xE000).contains(&lo) {
                return None;
            }
            i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        let ch = char::from_u32(cp)?;
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    String::from_utf8(out).ok()
}
