//! Reading the shell's JSON: `JSON.stringify` of a command input, walked against the operation's
//! input shape (every member's type checked, then the model's rules: required members and enum
//! values), and of a request's headers. Errors name the member path, as data and in the message.

use super::json::{unescape, Reader};
use crate::shapes::{empty_slots, Shape, StructureShape, Value};
use crate::text::{push_decimal, quote};
use crate::{Error, Result};

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
