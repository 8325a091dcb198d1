//! Reads a successful response into an operation's output shape as its elements stream by: no
//! element tree, one allocation per string member.
//!
//! The result, errors included, is what looking the members up in model order would give (the
//! reference reading in `tests/common/xml_tree.rs`): a scalar or structure member takes the root's
//! only child of its element name (a second one is an error), a list takes the entries of the first
//! element of its name, and the error reported is the first member's, in model order, that has one.

use super::message;
use super::scalar::{parse_bool, parse_float, parse_i32, parse_i64, parse_timestamp};
use super::scan::{read_within, too_large, Progress, Scan, Visitor};
use super::Limits;
use crate::shapes::{empty_slots, ListShape, Shape, StructureShape, Value};
use crate::text::truncate;
use crate::wire::json_out::{push_json_string, push_value};
use crate::{Error, Result};

/// Parses a successful response body into `output`'s value. An empty body gives an empty
/// structure, as with the SDK.
pub fn parse_output(output: &'static StructureShape, body: &[u8]) -> Result<Value> {
    parse_output_within(output, body, super::LIMITS)
}

/// [`parse_output`] within other limits.
pub fn parse_output_within(
    output: &'static StructureShape,
    body: &[u8],
    limits: Limits,
) -> Result<Value> {
    if body.is_empty() {
        return Ok(Value::structure(output));
    }
    let mut r = OutputReader::new(output);
    read_within(body, limits, &mut r)?;
    r.finish()
}

/// Bytes a body read in pieces may leave unread between two pieces (one text or markup run):
/// beyond it (1 MiB) the body is refused.
pub const MAX_PENDING_BYTES: usize = 1024 * 1024;

/// A successful response body read in pieces, for bodies too large to hold at once: memory stays
/// within a few pieces whatever the body's size. The entries of the output's top-level lists leave
/// as JSON as they complete ([`OutputStream::push`]); the rest of the output is a [`Value`] at the
/// end ([`OutputStream::finish`]). Whatever the pieces, the entries and the value together are what
/// [`parse_output`] gives for the whole body (within the same limits), errors included.
pub struct OutputStream {
    reader: OutputReader,
    scan: Scan,
    /// The unread bytes, after the names of the open elements (`carry[..from]`).
    carry: Vec<u8>,
    spare: Vec<u8>,
    from: usize,
    /// Offset in the body of `carry[from]`.
    origin: usize,
    total: usize,
    max_body: usize,
}

impl OutputStream {
    /// A reader of `output`'s body within `limits`.
    pub fn new(output: &'static StructureShape, limits: Limits) -> Self {
        let mut reader = OutputReader::new(output);
        reader.stream = Some(Entries::default());
        OutputStream {
            reader,
            scan: Scan::new(limits.elements),
            carry: Vec::new(),
            spare: Vec::new(),
            from: 0,
            origin: 0,
            total: 0,
            max_body: limits.body_bytes,
        }
    }

    /// The output shape read.
    pub fn output(&self) -> &'static StructureShape {
        self.reader.output
    }

    /// Reads the body's next piece. Returns the top-level list entries completed so far as a JSON
    /// object of arrays (`{"Snapshots":[…]}`, members by name, in document order), or `""`.
    pub fn push(&mut self, piece: &[u8]) -> Result<String> {
        if !self.take_in(piece)? {
            return Ok(String::new());
        }
        let w = core::mem::take(&mut self.carry);
        match self
            .scan
            .window(&w, self.from, self.origin, false, &mut self.reader)?
        {
            Progress::Done => self.spare = w,
            Progress::More(resume) => {
                self.origin += resume - self.from;
                self.from = self.scan.carry(&w, resume, &mut self.spare);
                core::mem::swap(&mut self.carry, &mut self.spare);
                self.spare = w;
                if self.carry.len() - self.from > MAX_PENDING_BYTES {
                    return Err(Error::invalid_response(
                        "XML text or markup longer than 1 MiB in one run",
                    ));
                }
            }
        }
        Ok(self.reader.take_entries())
    }

    /// Counts `piece` against the body limit and queues it; false once the root has closed (the
    /// rest of the body is never looked at).
    fn take_in(&mut self, piece: &[u8]) -> Result<bool> {
        self.total += piece.len();
        if self.total > self.max_body {
            return Err(too_large(self.total, self.max_body));
        }
        if !self.scan.done {
            self.carry.extend_from_slice(piece);
        }
        Ok(!self.scan.done)
    }

    /// Reads what is left after the last piece: the output without the entries [`push`] returned
    /// (their lists are there, empty), the entries of the last piece included.
    ///
    /// [`push`]: OutputStream::push
    pub fn finish(self) -> Result<Value> {
        self.finish_with(&[])
    }

    /// [`finish`] with the body's last piece.
    ///
    /// [`finish`]: OutputStream::finish
    pub fn finish_with(mut self, piece: &[u8]) -> Result<Value> {
        self.take_in(piece)?;
        if self.total == 0 {
            return Ok(Value::structure(self.reader.output));
        }
        // The last entries stay in the value.
        self.reader.stream = None;
        if !self.scan.done {
            let w = core::mem::take(&mut self.carry);
            self.scan
                .window(&w, self.from, self.origin, true, &mut self.reader)?;
        }
        self.reader.finish()
    }
}

/// Top-level list entries written as JSON while a body is read in pieces.
#[derive(Default)]
struct Entries {
    json: String,
    /// The member whose array is open in `json`.
    open: Option<usize>,
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
enum Frame {
    /// A structure: its members so far, which were met (by index), its first error. `name` is its
    /// element's name (empty for the root, whose name the reader keeps).
    Struct {
        shape: &'static StructureShape,
        name: &'static str,
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
struct Open {
    frame: Frame,
    slot: usize,
}

struct OutputReader {
    output: &'static StructureShape,
    stack: Vec<Open>,
    root: Option<Result<Value>>,
    root_name: String,
    /// Set while a body is read in pieces: top-level list entries go here, not into the value.
    stream: Option<Entries>,
}

impl OutputReader {
    fn new(output: &'static StructureShape) -> Self {
        OutputReader {
            output,
            stack: Vec::with_capacity(8),
            root: None,
            root_name: String::new(),
            stream: None,
        }
    }

    fn finish(self) -> Result<Value> {
        match self.root {
            Some(r) => r,
            // The reader succeeds only once the root has closed.
            None => Err(Error::invalid_response("malformed XML")),
        }
    }

    /// The entries written since the last call, as a JSON object (or `""`).
    fn take_entries(&mut self) -> String {
        match &mut self.stream {
            Some(e) if e.open.is_some() => {
                e.open = None;
                e.json.push_str("]}");
                core::mem::take(&mut e.json)
            }
            _ => String::new(),
        }
    }
}

impl Entries {
    fn push(&mut self, output: &StructureShape, slot: usize, shape: Shape, v: &Value) {
        let name = output.members.get(slot).map_or("", |m| m.name);
        match self.open {
            Some(open) if open == slot => self.json.push(','),
            open => {
                self.json.push_str(if open.is_some() { "]," } else { "{" });
                push_json_string(&mut self.json, name);
                self.json.push_str(":[");
                self.open = Some(slot);
            }
        }
        push_value(&mut self.json, shape, v);
    }
}

fn frame_for(shape: Shape, name: &'static str) -> Frame {
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

impl<'a> Visitor<'a> for OutputReader {
    fn open(&mut self, _depth: usize, name: &'a str) {
        let (frame, slot) = match self.stack.last_mut() {
            None => {
                self.root_name.clear();
                self.root_name.push_str(name);
                (frame_for(Shape::Structure(self.output), ""), 0)
            }
            Some(Open {
                frame: Frame::Struct { shape, seen, .. },
                ..
            }) => match shape.xml_member_index(name.as_bytes()) {
                Some(i) => match shape.members[i].shape {
                    // Lists read their first element only, without a uniqueness check.
                    Shape::List(_) if seen.get(i) => (Frame::Skip, 0),
                    Shape::List(l) => {
                        seen.set(i);
                        (frame_for(Shape::List(l), shape.members[i].xml_name), i)
                    }
                    member => (frame_for(member, shape.members[i].xml_name), i),
                },
                None => (Frame::Skip, 0),
            },
            Some(Open {
                frame: Frame::List { shape, .. },
                ..
            }) if shape.xml_item == name => (frame_for(shape.member, shape.xml_item), 0),
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
        let top_level = self.stack.len() == 2;
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
                        let parent = if parent.is_empty() {
                            &self.root_name
                        } else {
                            *parent
                        };
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
                frame:
                    Frame::List {
                        items,
                        error,
                        shape,
                    },
                slot: list,
            }) => match value {
                Ok(v) => match &mut self.stream {
                    Some(e) if top_level && error.is_none() => {
                        e.push(self.output, *list, shape.member, &v)
                    }
                    _ => items.push(v),
                },
                Err(e) => {
                    error.get_or_insert(e);
                }
            },
            Some(_) => {}
        }
    }
}
