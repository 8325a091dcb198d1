//! Reading the shell's JSON: `JSON.stringify` of a command input, walked against the operation's
//! input shape (every member's type checked, then the model's rules: required members and enum
//! values), and of a request's headers. Errors name the member path, as data and in the message.

use crate::shapes::{empty_slots, Shape, StructureShape, Value};
use crate::text::{push_decimal, quote};
use crate::{Error, Result};

/// A pull reader over JSON text (what `JSON.stringify` produces; anything else is refused with an
/// error, never a panic). Values the model does not know are skipped without recursion.
struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

/// Nesting allowed inside a skipped value: far more than any real input, and a bound on work.
const MAX_SKIP_DEPTH: usize = 512;

fn not_json() -> Error {
    Error::invalid_input("input", "is not valid JSON")
}

impl<'a> Reader<'a> {
    fn new(s: &'a str) -> Self {
        Reader {
            b: s.as_bytes(),
            i: 0,
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// The JS type of the next value, for error messages.
    fn type_name(&mut self) -> &'static str {
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
    fn null(&mut self) -> Result<bool> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.literal(b"null")?;
        Ok(true)
    }

    fn literal(&mut self, lit: &[u8]) -> Result<()> {
        if self.b.get(self.i..self.i + lit.len()) == Some(lit) {
            self.i += lit.len();
            Ok(())
        } else {
            Err(not_json())
        }
    }

    /// A string's raw bytes between the quotes (escapes not yet decoded).
    fn raw_string(&mut self) -> Result<&'a [u8]> {
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
    fn skip(&mut self) -> Result<()> {
        self.skip_within(MAX_SKIP_DEPTH)
    }

    /// Skips one value nested at most `max_depth` deep.
    fn skip_within(&mut self, max_depth: usize) -> Result<()> {
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
    fn object(&mut self, mut f: impl FnMut(&mut Self, &'a [u8]) -> Result<()>) -> Result<()> {
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
    fn array(&mut self, mut f: impl FnMut(&mut Self, usize) -> Result<()>) -> Result<()> {
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
    fn string(&mut self, field: &dyn Fn() -> String) -> Result<String> {
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
    fn opt_string(&mut self, field: &dyn Fn() -> String) -> Result<Option<String>> {
        if self.null()? {
            return Ok(None);
        }
        self.string(field).map(Some)
    }

    /// The error for a value of the wrong JS type.
    fn wrong_type(&mut self, field: &dyn Fn() -> String, what: &str) -> Error {
        let t = self.type_name();
        Error::invalid_input(&field(), format_args!("must be {what}, got {t}"))
    }

    /// A number token's text (as `JSON.stringify` writes finite numbers).
    fn number(&mut self, field: &dyn Fn() -> String, what: &str) -> Result<&'a [u8]> {
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
    fn expect(&mut self, open: u8, what: &str, field: &dyn Fn() -> String) -> Result<()> {
        if self.peek() == Some(open) {
            return Ok(());
        }
        let t = self.type_name();
        Err(Error::invalid_input(
            &field(),
            format_args!("must be {what}, got {t}"),
        ))
    }

    fn end(&mut self) -> Result<()> {
        if self.peek().is_some() {
            return Err(not_json());
        }
        Ok(())
    }

    /// Moves to the value of the object's member `name` that reading kept (the last one), or
    /// `None`. Compares raw keys, as reading does.
    fn seek_member(&mut self, name: &str) -> Option<()> {
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
    fn seek_entry(&mut self, kept: usize) -> Option<usize> {
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
fn unescape(raw: &[u8]) -> Option<String> {
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

/// A member path being read (`TagSpecifications[0].Tags[1].Value`), rendered only for errors.
#[derive(Default)]
struct Path(Vec<Segment>);

#[derive(Clone, Copy)]
enum Segment {
    Member(&'static str),
    Index(usize),
}

impl Path {
    fn render(&self) -> String {
        let mut s = String::new();
        for seg in &self.0 {
            match *seg {
                Segment::Member(m) => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str(m);
                }
                Segment::Index(i) => {
                    s.push('[');
                    push_decimal(&mut s, i as u64);
                    s.push(']');
                }
            }
        }
        if s.is_empty() {
            s.push_str("input");
        }
        s
    }
}

/// Reads `JSON.stringify(input)` against `shape` (the AWS SDK's member names; unknown members
/// skipped; `null` members and list entries count as absent, as in the SDK), then checks required
/// members and enum values.
pub fn read_input(shape: &'static StructureShape, json: &str) -> Result<Value> {
    let mut r = Reader::new(json);
    let mut path = Path::default();
    r.expect(b'{', "an object", &|| "input".into())?;
    let v = read_structure(&mut r, shape, &mut path)?;
    r.end()?;
    if let Err(rule) = check_structure(shape, &v, &mut path) {
        // The check walked the value, where `null` list entries are gone: name the entry by its
        // position in the caller's array, as type errors do.
        json_positions(json, &mut path);
        return Err(Error::invalid_input(&path.render(), rule));
    }
    Ok(v)
}

/// Rewrites `path`'s list indexes, which count the entries kept, as positions in `json`'s arrays
/// (where `null` entries count too). `json` was read without error, so every step is found; were
/// one not, the rest of the path would stay as it is.
fn json_positions(json: &str, path: &mut Path) {
    let mut r = Reader::new(json);
    for seg in path.0.iter_mut() {
        let found = match *seg {
            Segment::Member(name) => r.seek_member(name),
            Segment::Index(kept) => r.seek_entry(kept).map(|i| *seg = Segment::Index(i)),
        };
        if found.is_none() {
            return;
        }
    }
}

fn read_structure(
    r: &mut Reader<'_>,
    shape: &'static StructureShape,
    path: &mut Path,
) -> Result<Value> {
    let mut slots = empty_slots(shape.members.len());
    r.object(|r, key| {
        match shape.member_index(key) {
            Some(i) => {
                let m = &shape.members[i];
                path.0.push(Segment::Member(m.name));
                slots[i] = read_value(r, m.shape, path)?;
                path.0.pop();
            }
            None => r.skip()?,
        }
        Ok(())
    })?;
    Ok(Value::Struct(slots))
}

/// One value of `shape`, `None` for `null`.
fn read_value(r: &mut Reader<'_>, shape: Shape, path: &mut Path) -> Result<Option<Value>> {
    if r.null()? {
        return Ok(None);
    }
    let field = || path.render();
    Ok(Some(match shape {
        Shape::String | Shape::Enum(_) => Value::Str(r.string(&field)?),
        Shape::Boolean => match r.peek() {
            Some(b't') => r.literal(b"true").map(|_| Value::Bool(true))?,
            Some(b'f') => r.literal(b"false").map(|_| Value::Bool(false))?,
            _ => return Err(r.wrong_type(&field, "a boolean")),
        },
        Shape::Integer | Shape::Long => {
            let text = r.number(&field, "an integer")?;
            let range = if matches!(shape, Shape::Integer) {
                i64::from(i32::MIN)..=i64::from(i32::MAX)
            } else {
                i64::MIN..=i64::MAX
            };
            match parse_integer(text) {
                Some(n) if range.contains(&n) => Value::Int(n),
                _ => {
                    let text = std::str::from_utf8(text).unwrap_or_default();
                    return Err(Error::invalid_input(
                        &field(),
                        format_args!("must be an integer in range, got {text}"),
                    ));
                }
            }
        }
        Shape::Float => {
            let text = r.number(&field, "a number")?;
            // The token is ASCII (digits, signs, `.`, `e`).
            Value::Float(std::str::from_utf8(text).unwrap_or_default().to_owned())
        }
        Shape::Timestamp => {
            // `JSON.stringify` writes a `Date` as its ISO string.
            if r.peek() != Some(b'"') {
                return Err(r.wrong_type(&field, "a Date"));
            }
            let s = r.string(&field)?;
            match crate::time::parse_rfc3339_ms(&s) {
                Ok(ms) => Value::Time(ms),
                Err(_) => {
                    return Err(Error::invalid_input(
                        &field(),
                        format_args!("must be a Date, got {}", quote(&s)),
                    ))
                }
            }
        }
        Shape::List(l) => {
            r.expect(b'[', "an array", &field)?;
            let mut items = Vec::new();
            r.array(|r, i| {
                path.0.push(Segment::Index(i));
                if let Some(v) = read_value(r, l.member, path)? {
                    items.push(v);
                }
                path.0.pop();
                Ok(())
            })?;
            Value::List(items)
        }
        Shape::Structure(s) => {
            r.expect(b'{', "an object", &field)?;
            read_structure(r, s, path)?
        }
    }))
}

/// `-?digits` as an `i64`; `None` for anything else (fractions, exponents, overflow).
fn parse_integer(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, text),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let magnitude = digits.iter().try_fold(0u64, |acc, &d| {
        acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })?;
    if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    }
}

/// The model's rules, in member order: required members present, enum values known. (Entries of
/// lists are checked in order.) On a failure, the rule it broke; `path` is then left naming the
/// member (with list indexes counting the entries kept).
fn check_structure(shape: &StructureShape, v: &Value, path: &mut Path) -> Result<(), String> {
    let Value::Struct(slots) = v else {
        return Ok(());
    };
    for (m, slot) in shape.members.iter().zip(slots) {
        path.0.push(Segment::Member(m.name));
        match slot {
            None if m.required => return Err("is required".into()),
            None => {}
            Some(v) => check_value(m.shape, v, path)?,
        }
        path.0.pop();
    }
    Ok(())
}

fn check_value(shape: Shape, v: &Value, path: &mut Path) -> Result<(), String> {
    match (shape, v) {
        (Shape::Enum(e), Value::Str(s)) if !e.contains(s) => {
            let mut rule = quote(s);
            if e.values().count() <= 8 {
                rule.push_str(" is not one of ");
                for (i, value) in e.values().enumerate() {
                    if i > 0 {
                        rule.push_str(", ");
                    }
                    rule.push('"');
                    rule.push_str(value);
                    rule.push('"');
                }
            } else {
                rule.push_str(" is not a ");
                rule.push_str(e.name);
                rule.push_str(" value");
            }
            Err(rule)
        }
        (Shape::List(l), Value::List(items)) => {
            for (i, item) in items.iter().enumerate() {
                path.0.push(Segment::Index(i));
                check_value(l.member, item, path)?;
                path.0.pop();
            }
            Ok(())
        }
        (Shape::Structure(s), v) => check_structure(s, v, path),
        _ => Ok(()),
    }
}

/// Reads `JSON.stringify(request.headers)`: names and string values in order; `null` values are
/// left out (as `undefined` ones already are by `JSON.stringify`).
pub fn headers_from_json(json: &str) -> Result<Vec<(String, String)>> {
    let mut r = Reader::new(json);
    r.expect(b'{', "an object", &|| "request.headers".into())?;
    let mut out = Vec::new();
    r.object(|r, key| {
        let name = unescape(key).ok_or_else(|| {
            Error::invalid_input(
                "request.headers",
                "a header name is not well-formed Unicode",
            )
        })?;
        if let Some(v) = r.opt_string(&|| {
            let mut f = String::from("request.headers[");
            f.push_str(&quote(&name));
            f.push(']');
            f
        })? {
            out.push((name, v));
        }
        Ok(())
    })?;
    r.end()?;
    Ok(out)
}
