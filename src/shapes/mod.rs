//! The operations' input and output members as data: the schema that the query writer, the JSON
//! input reader, the XML reader and the JSON output writer all walk. The tables in [`generated`]
//! are written by `tests/codegen.rs` from the botocore models in `tests/vectors/model/`; nothing
//! here names an operation's members by hand.

#[rustfmt::skip]
pub mod generated;

pub use generated::OPERATIONS;

/// What a member holds.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// A string.
    String,
    /// A string from a short fixed set (checked on input, kept verbatim on output). Long enums are
    /// [`Shape::String`] in the tables: the service checks them, as with the AWS SDKs.
    Enum(&'static EnumShape),
    /// A 32-bit integer.
    Integer,
    /// A 64-bit integer.
    Long,
    /// A floating-point number (`float` or `double`), kept as its decimal text.
    Float,
    /// `true` or `false`.
    Boolean,
    /// A point in time: ISO 8601 on the wire, epoch milliseconds in between.
    Timestamp,
    /// A list of one shape.
    List(&'static ListShape),
    /// A structure of named members.
    Structure(&'static StructureShape),
}

/// A string enum: its model name and values.
#[derive(Debug)]
pub struct EnumShape {
    /// The model's shape name (`SnapshotLocationEnum`).
    pub name: &'static str,
    /// Every value the model defines, each followed by `|` (one string: no per-value slice in the
    /// module's data).
    pub values: &'static str,
}

impl EnumShape {
    /// The values in model order.
    pub fn values(&self) -> impl Iterator<Item = &'static str> {
        self.values.split_terminator('|')
    }

    /// Whether `v` is one of the values.
    pub fn contains(&self, v: &str) -> bool {
        self.values().any(|x| x == v)
    }
}

/// A list: its entries' shape and the XML element name of each entry.
#[derive(Debug)]
pub struct ListShape {
    /// The entries' shape.
    pub member: Shape,
    /// The element of each entry in a response (`item`).
    pub xml_item: &'static str,
}

/// A structure: its members in model order.
#[derive(Debug)]
pub struct StructureShape {
    /// The model's shape name (`Snapshot`).
    pub name: &'static str,
    /// Members in model order (the order output members are looked up in).
    pub members: &'static [Member],
    /// Where a response reaches the structure: the multiplier of [`name_hash`] and its table, member
    /// index + 1 by hash (0: no member), chosen by the generator so that no two element names
    /// collide. `None`: members are looked up one by one.
    pub xml_index: Option<(u32, &'static [u8; 64])>,
}

/// The hash of an element name that [`StructureShape::xml_index`] is built with: length, first and
/// last byte, so a lookup is one table read and one comparison. `name` is not empty.
#[inline]
pub fn name_hash(name: &[u8], mul: u32) -> usize {
    let first = u32::from(name.first().copied().unwrap_or_default());
    let last = u32::from(name.last().copied().unwrap_or_default());
    let key = first | last << 8 | (name.len() as u32 & 0xff) << 16;
    // Multiplicative hashing: the top six bits of the product.
    (key.wrapping_mul(mul) >> 26) as usize
}

/// One member of a structure.
#[derive(Debug)]
pub struct Member {
    /// The name in the AWS SDKs' inputs and outputs (`TagSpecifications`).
    pub name: &'static str,
    /// The EC2 Query key (`TagSpecification`): `queryName`, else `locationName` capitalized, else the
    /// name ("" where only output has the structure).
    pub query_key: &'static str,
    /// The response element (`tagSet`): `locationName`, else the name ("" where only input has the
    /// structure).
    pub xml_name: &'static str,
    /// What it holds.
    pub shape: Shape,
    /// Whether input must have it.
    pub required: bool,
}

/// An operation: its name (the query `Action`) and its input and output structures.
#[derive(Debug)]
pub struct Operation {
    /// `CreateSnapshot`.
    pub name: &'static str,
    /// The input structure.
    pub input: &'static StructureShape,
    /// The output structure (the response root's children are its members).
    pub output: &'static StructureShape,
}

/// `a == b` as a plain loop: names are a few bytes long, too short for a `memcmp` call to pay.
#[inline(always)]
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}

/// The operation called `name`.
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().copied().find(|o| o.name == name)
}

impl StructureShape {
    /// The index of the member called `name` (the SDK's name).
    #[inline]
    pub fn member_index(&self, name: &[u8]) -> Option<usize> {
        self.members
            .iter()
            .position(|m| same(m.name.as_bytes(), name))
    }

    /// The index of the member whose response element is `name`.
    #[inline]
    pub fn xml_member_index(&self, name: &[u8]) -> Option<usize> {
        match self.xml_index {
            Some((mul, table)) => {
                let i = usize::from(*table.get(name_hash(name, mul))?).checked_sub(1)?;
                let m = self.members.get(i)?;
                same(m.xml_name.as_bytes(), name).then_some(i)
            }
            // Tables built by hand (tests) have no index: look each member up.
            None => self
                .members
                .iter()
                .position(|m| same(m.xml_name.as_bytes(), name)),
        }
    }
}

/// `n` empty member slots (without cloning a `Value`, which would link a deep clone).
pub fn empty_slots(n: usize) -> Vec<Option<Value>> {
    let mut v = Vec::with_capacity(n);
    v.resize_with(n, || None);
    v
}

/// A structure's or list's content, or a scalar, as read from input JSON or a response: what the
/// writers walk together with its [`Shape`].
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string or enum value.
    Str(String),
    /// An integer or long.
    Int(i64),
    /// A float as decimal text (what `String(n)` and `JSON.stringify` print, or the response's text).
    Float(String),
    /// A boolean.
    Bool(bool),
    /// A timestamp in epoch milliseconds.
    Time(f64),
    /// List entries (input `null` entries are dropped).
    List(Vec<Value>),
    /// A structure's members, one slot per member of its shape, in model order.
    Struct(Vec<Option<Value>>),
}

impl Value {
    /// An empty structure for `shape`.
    pub fn structure(shape: &StructureShape) -> Value {
        Value::Struct(empty_slots(shape.members.len()))
    }

    /// Member `name` of a structure of `shape` (`None` if absent or not a structure).
    pub fn get<'a>(&'a self, shape: &StructureShape, name: &str) -> Option<&'a Value> {
        match self {
            Value::Struct(slots) => slots.get(shape.member_index(name.as_bytes())?)?.as_ref(),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}
