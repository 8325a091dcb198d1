//! Checks shared by the fuzz targets. Every target asserts properties that must hold for any input,
//! so a libFuzzer "crash" is either a panic inside the core or a broken property, both bugs.

/// The element-tree reading the streaming readers must equal (shared with the integration tests).
#[path = "../../tests/common/xml_tree.rs"]
pub mod xml_tree;

/// A body read in pieces as the JS shell reads it (shared with the integration tests).
#[path = "../../tests/common/pieces.rs"]
pub mod pieces;

use arbitrary::Arbitrary;
use ec2_wasm::shapes::{EnumShape, Shape, StructureShape, Value};
use ec2_wasm::xml::{MAX_DEPTH, MAX_ELEMENTS};
use ec2_wasm::Error;
use xml_tree::{parse_document, Element};

/// Longest error message accepted. Messages quote untrusted text clipped to 64 characters, so even
/// the wordiest one stays far below this; a message that grows with the input is a log-flooding bug.
pub const MAX_MESSAGE_LEN: usize = 1024;

/// An error must say something, and say it in bounded space.
pub fn check_error(e: &Error) {
    assert!(
        !e.message().is_empty(),
        "empty error message ({:?})",
        e.kind()
    );
    // F5: no message may quote a whole element name or input value.
    assert!(
        !strict() || e.message().len() <= MAX_MESSAGE_LEN,
        "error message of {} bytes grows with the input: {:.200}…",
        e.message().len(),
        e.message()
    );
}

/// Depth, element count and text rules of a parsed tree.
pub fn check_tree(root: &Element) {
    fn walk(el: &Element, depth: usize, count: &mut usize) {
        assert!(depth <= MAX_DEPTH, "tree deeper than MAX_DEPTH");
        *count += 1;
        assert!(!el.name.is_empty(), "element with an empty name");
        assert!(
            el.children.is_empty() || el.text.is_empty(),
            "<{}> keeps text beside child elements",
            el.name
        );
        for c in &el.children {
            walk(c, depth + 1, count);
        }
    }
    let mut count = 0;
    walk(root, 1, &mut count);
    assert!(count <= MAX_ELEMENTS, "more than MAX_ELEMENTS elements");
}

/// Writes a tree back as XML (text escaped) so it can be parsed again.
pub fn write_tree(el: &Element, out: &mut String) {
    out.push('<');
    out.push_str(&el.name);
    out.push('>');
    if el.children.is_empty() {
        for c in el.text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                // A raw CR would be read back as LF; only a character reference keeps it.
                '\r' => out.push_str("&#13;"),
                c => out.push(c),
            }
        }
    }
    for c in &el.children {
        write_tree(c, out);
    }
    out.push_str("</");
    out.push_str(&el.name);
    out.push('>');
}

/// True for names the XML spec allows (ASCII subset: letters, digits, `_ - . :`, not starting with
/// a digit, `-` or `.`). quick-xml reads names more loosely; the round trip is only checked for these.
pub fn is_plain_xml_name(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_alphabetic() || b[0] == b'_' || b[0] == b':')
        && b.iter()
            .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b':'))
}

fn all_names_plain(el: &Element) -> bool {
    is_plain_xml_name(&el.name) && el.children.iter().all(all_names_plain)
}

/// Parses `data` as a document and checks the tree's invariants and that writing it back and
/// parsing again gives the same tree.
pub fn check_document(data: &[u8]) {
    match parse_document(data) {
        Ok(root) => {
            check_tree(&root);
            if all_names_plain(&root) {
                let mut again = String::new();
                write_tree(&root, &mut again);
                let reparsed = parse_document(again.as_bytes()).unwrap_or_else(|e| {
                    panic!("re-serialised tree does not parse: {e}\n{again:.300}")
                });
                assert_eq!(
                    reparsed, root,
                    "tree changed after a write/parse round trip"
                );
            }
        }
        Err(e) => check_error(&e),
    }
}

/// A value read for `shape` has `shape`'s form: one slot per member, each holding its member's kind
/// (integers in range, timestamps finite whole milliseconds, floats as JSON number text).
pub fn check_value(shape: Shape, v: &Value) {
    match (shape, v) {
        (Shape::Structure(s), v) => check_structure(s, v),
        (Shape::List(l), Value::List(items)) => {
            for item in items {
                check_value(l.member, item);
            }
        }
        (Shape::String | Shape::Enum(_), Value::Str(_)) | (Shape::Long, Value::Int(_)) => {}
        (Shape::Integer, Value::Int(n)) => {
            assert!(i32::try_from(*n).is_ok(), "integer {n} out of range")
        }
        (Shape::Boolean, Value::Bool(_)) => {}
        (Shape::Float, Value::Float(t)) => assert!(
            !t.is_empty() && t.parse::<f64>().is_ok(),
            "float text {t:?}"
        ),
        (Shape::Timestamp, Value::Time(ms)) => assert!(
            ms.is_finite() && ms.fract() == 0.0,
            "timestamp parsed to {ms}"
        ),
        (shape, v) => panic!("{v:?} read for {shape:?}"),
    }
}

/// [`check_value`] for a structure.
pub fn check_structure(shape: &StructureShape, v: &Value) {
    let Value::Struct(slots) = v else {
        panic!("{v:?} read for structure {}", shape.name)
    };
    assert_eq!(slots.len(), shape.members.len(), "{}", shape.name);
    for (m, slot) in shape.members.iter().zip(slots) {
        if let Some(v) = slot {
            check_value(m.shape, v);
        }
    }
}

/// The enum member `member` of `shape` checks, if it is one (the generator leaves long, growing
/// enums such as `ResourceType` as plain strings).
pub fn checked_enum(shape: &'static StructureShape, member: &str) -> Option<&'static EnumShape> {
    let i = shape.member_index(member.as_bytes())?;
    match shape.members[i].shape {
        Shape::Enum(e) => Some(e),
        _ => None,
    }
}

/// An arbitrary value for a member that may be a checked enum: one of its values, or any text.
#[derive(Arbitrary, Debug)]
pub enum ArbEnum {
    /// A value the model lists (any text of that index when the member is a plain string).
    Known(u8),
    /// Any text.
    Other(String),
}

impl ArbEnum {
    /// The text for `member` of `shape`.
    pub fn text(&self, shape: &'static StructureShape, member: &str) -> String {
        match (self, checked_enum(shape, member)) {
            (ArbEnum::Known(i), Some(e)) => {
                let n = e.values().count();
                e.values()
                    .nth(usize::from(*i) % n.max(1))
                    .unwrap_or_default()
                    .to_owned()
            }
            (ArbEnum::Known(i), None) => format!("value-{i}"),
            (ArbEnum::Other(s), _) => s.clone(),
        }
    }
}

/// Whether `member` of `shape` accepts `text` on input: any text unless it is a checked enum.
pub fn accepts(shape: &'static StructureShape, member: &str, text: &str) -> bool {
    checked_enum(shape, member).is_none_or(|e| e.contains(text))
}

/// Whether checks for reported findings that still wait for a core fix are enforced. On by default,
/// so `make fuzz-smoke` fails until the fix lands; `EC2_FUZZ_STRICT=0` turns them off to fuzz past
/// a known finding. Each gated check names its finding (F1, F2…) as in the hardening report.
pub fn strict() -> bool {
    static STRICT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *STRICT.get_or_init(|| std::env::var("EC2_FUZZ_STRICT").map_or(true, |v| v != "0"))
}
