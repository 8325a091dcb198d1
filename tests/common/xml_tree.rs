//! The plain reading of a response, for tests and fuzz targets to compare the streaming readers
//! with: the document as an element tree, then the output found by looking each member up in model
//! order. Same tokenizer, so the same rules, limits and errors.

use ec2_wasm::shapes::{Shape, StructureShape, Value};
use ec2_wasm::xml::scalar::{parse_bool, parse_float, parse_i32, parse_i64, parse_timestamp};
use ec2_wasm::xml::{read, ErrorBody, Visitor};
use ec2_wasm::{Error, Result};

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

    /// True when the element has no element children.
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
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

fn duplicate(name: &str, parent: &str) -> Error {
    Error::invalid_response(format!(
        "<{}> appears more than once in <{}>",
        ec2_wasm::text::truncate(name),
        ec2_wasm::text::truncate(parent)
    ))
}

fn not_leaf(name: &str) -> Error {
    Error::invalid_response(format!(
        "<{}> should hold text, found child elements",
        ec2_wasm::text::truncate(name)
    ))
}

impl Element {
    /// The only child with this name; an error names it when it appears twice.
    pub fn unique_child(&self, name: &str) -> Result<Option<&Element>> {
        let mut it = self.children.iter().filter(|c| c.name == name);
        let first = it.next();
        if first.is_some() && it.next().is_some() {
            return Err(duplicate(name, &self.name));
        }
        Ok(first)
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

/// Reads `el` as `shape`: what the streaming output reader must give for the same document.
pub fn value_from_element(shape: Shape, el: &Element) -> Result<Value> {
    Ok(match shape {
        Shape::Structure(s) => structure_from_element(s, el)?,
        Shape::List(l) => Value::List(
            el.children
                .iter()
                .filter(|c| c.name == l.xml_item)
                .map(|c| value_from_element(l.member, c))
                .collect::<Result<_>>()?,
        ),
        scalar => {
            let text = el.leaf_text()?;
            let name = el.name.as_str();
            match scalar {
                Shape::Integer => Value::Int(i64::from(parse_i32(text, name)?)),
                Shape::Long => Value::Int(parse_i64(text, name)?),
                Shape::Float => Value::Float(parse_float(text, name)?),
                Shape::Boolean => Value::Bool(parse_bool(text, name)?),
                Shape::Timestamp => Value::Time(parse_timestamp(text, name)?),
                _ => Value::Str(text.to_owned()),
            }
        }
    })
}

/// Each member in model order: lists from the first element of their name, everything else from
/// the only one.
pub fn structure_from_element(shape: &StructureShape, el: &Element) -> Result<Value> {
    let mut slots = Vec::with_capacity(shape.members.len());
    for m in shape.members {
        let child = match m.shape {
            Shape::List(_) => el.child(m.xml_name),
            _ => el.unique_child(m.xml_name)?,
        };
        slots.push(match child {
            Some(c) => Some(value_from_element(m.shape, c)?),
            None => None,
        });
    }
    Ok(Value::Struct(slots))
}

/// The reference reading of a whole successful response for `shape`.
pub fn parse_output_tree(shape: &'static StructureShape, body: &[u8]) -> Result<Value> {
    if body.is_empty() {
        return Ok(Value::structure(shape));
    }
    structure_from_element(shape, &parse_document(body)?)
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
