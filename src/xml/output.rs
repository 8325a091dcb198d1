//! Reads a successful response into an operation's output shape as its elements stream by: no
//! element tree, one allocation per string member.
//!
//! The result, errors included, is what looking the members up in model order would give (the
//! reference reading in `tests/common/xml_tree.rs`): a scalar or structure member takes the root's
//! only child of its element name (a second one is an error), a list takes the entries of the first
//! element of its name, and the error reported is the first member's, in model order, that has one.

use super::message;
use super::scalar::{parse_bool, parse_float, parse_i32, parse_i64, parse_timestamp};
use super::scan::{read, Visitor};
use crate::shapes::{empty_slots, ListShape, Shape, StructureShape, Value};
use crate::text::truncate;
use crate::{Error, Result};

/// Parses a successful response body into `output`'s value. An empty body gives an empty
/// structure, as with the SDK.
pub fn parse_output(output: &'static StructureShape, body: &[u8]) -> Result<Value> {
    if body.is_empty() {
        return Ok(Value::structure(output));
    }
    let mut r = OutputReader {
        output,
        stack: Vec::with_capacity(8),
        root: None,
    };
    read(body, &mut r)?;
    match r.root {
        Some(Ok(v)) => Ok(v),
        Some(Err(e)) => Err(e),
        // `read` succeeds only once the root has closed.
        None => Err(Error::invalid_response("malformed XML")),
    }
}

fn duplicate(name: &str, parent: &str) -> Error {
    message(&[
        "<",
        truncate(name),
        "> appears more than once in <",
        truncate(parent),
        ">",
    ])
}

fn not_leaf(name: &str) -> Error {
    message(&[
        "<",
        truncate(name),
        "> should hold text, found child elements",
    ])
}

/// Keeps the error that a lookup of the members in model order would meet first, while elements
/// arrive in document order: the lowest member index wins, and for one member a duplicate wins
/// over a bad value (the uniqueness check comes first).
#[derive(Default)]
struct FirstError(Option<(usize, bool, Error)>);

impl FirstError {
    fn offer(&mut self, index: usize, duplicate: bool, e: Error) {
        if match &self.0 {
            None => true,
            Some((i, d, _)) => index < *i || (index == *i && duplicate && !*d),
        } {
            self.0 = Some((index, duplicate, e));
        }
    }
}

/// Which members of a structure were met (the generator keeps structures within 128 members). Two
/// words rather than a `u128`, whose shifts are a library call in wasm.
#[derive(Default, Clone, Copy)]
struct Seen([u64; 2]);

impl Seen {
    #[inline]
    fn get(&self, i: usize) -> bool {
        self.0.get(i >> 6).is_some_and(|w| w & (1 << (i & 63)) != 0)
    }
    #[inline]
    fn set(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i >> 6) {
            *w |= 1 << (i & 63);
        }
    }
}

/// What an open element is being read as.
enum Frame<'a> {
    /// A structure: its members so far, which were met (by index), its first error.
    Struct {
        shape: &'static StructureShape,
        name: &'a str,
        slots: Vec<Option<Value>>,
        seen: Seen,
        error: FirstError,
    },
    /// A list: its entries so far and the first entry's error.
    List {
        shape: &'static ListShape,
        items: Vec<Value>,
        error: Option<Error>,
    },
    /// A scalar: its text arrives when it closes.
    Leaf(Shape),
    /// An element no member reads, and everything inside it.
    Skip,
}

/// An open element: how it is read and where its value goes in its parent (a member index; lists
/// ignore it).
struct Open<'a> {
    frame: Frame<'a>,
    slot: usize,
}

struct OutputReader<'a> {
    output: &'static StructureShape,
    stack: Vec<Open<'a>>,
    root: Option<Result<Value>>,
}

fn frame_for<'a>(shape: Shape, name: &'a str) -> Frame<'a> {
    match shape {
        Shape::Structure(s) => Frame::Struct {
            shape: s,
            name,
            slots: empty_slots(s.members.len()),
            seen: Seen::default(),
            error: FirstError::default(),
        },
        Shape::List(l) => Frame::List {
            shape: l,
            items: Vec::new(),
            error: None,
        },
        scalar => Frame::Leaf(scalar),
    }
}

/// A scalar element's text as `shape`'s value; `name` names the element in errors.
fn scalar(shape: Shape, text: &str, name: &str) -> Result<Value> {
    Ok(match shape {
        Shape::Integer => Value::Int(i64::from(parse_i32(text, name)?)),
        Shape::Long => Value::Int(parse_i64(text, name)?),
        Shape::Float => Value::Float(parse_float(text, name)?),
        Shape::Boolean => Value::Bool(parse_bool(text, name)?),
        Shape::Timestamp => Value::Time(parse_timestamp(text, name)?),
        // Strings and enums (kept verbatim); structures and lists never get a leaf frame.
        _ => Value::Str(text.to_owned()),
    })
}

impl<'a> Visitor<'a> for OutputReader<'a> {
    fn open(&mut self, _depth: usize, name: &'a str) {
        let (frame, slot) = match self.stack.last_mut() {
            None => (frame_for(Shape::Structure(self.output), name), 0),
            Some(Open {
                frame: Frame::Struct { shape, seen, .. },
                ..
            }) => match shape.xml_member_index(name.as_bytes()) {
                Some(i) => match shape.members[i].shape {
                    // Lists read their first element only, without a uniqueness check.
                    Shape::List(_) if seen.get(i) => (Frame::Skip, 0),
                    Shape::List(l) => {
                        seen.set(i);
                        (frame_for(Shape::List(l), name), i)
                    }
                    member => (frame_for(member, name), i),
                },
                None => (Frame::Skip, 0),
            },
            Some(Open {
                frame: Frame::List { shape, .. },
                ..
            }) if shape.xml_item == name => (frame_for(shape.member, name), 0),
            Some(_) => (Frame::Skip, 0),
        };
        self.stack.push(Open { frame, slot });
    }

    fn close(&mut self, _depth: usize, name: &'a str, text: Option<&str>) {
        let Some(Open { frame, slot }) = self.stack.pop() else {
            return;
        };
        let value = match frame {
            Frame::Skip => return,
            Frame::Leaf(shape) => match text {
                Some(t) => scalar(shape, t, name),
                None => Err(not_leaf(name)),
            },
            Frame::Struct { slots, error, .. } => match error.0 {
                Some((_, _, e)) => Err(e),
                None => Ok(Value::Struct(slots)),
            },
            Frame::List { items, error, .. } => match error {
                Some(e) => Err(e),
                None => Ok(Value::List(items)),
            },
        };
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Open {
                frame:
                    Frame::Struct {
                        shape,
                        name: parent,
                        slots,
                        seen,
                        error,
                    },
                ..
            }) => {
                if !matches!(shape.members[slot].shape, Shape::List(_)) {
                    if seen.get(slot) {
                        error.offer(slot, true, duplicate(name, parent));
                        return;
                    }
                    seen.set(slot);
                }
                match value {
                    Ok(v) => slots[slot] = Some(v),
                    Err(e) => error.offer(slot, false, e),
                }
            }
            Some(Open {
                frame: Frame::List { items, error, .. },
                ..
            }) => match value {
                Ok(v) => items.push(v),
                Err(e) => {
                    error.get_or_insert(e);
                }
            },
            Some(_) => {}
        }
    }
}
