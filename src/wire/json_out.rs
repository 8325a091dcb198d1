//! Writing what the shell reads with `JSON.parse`: an operation's output walked against its shape
//! (members in model order, timestamps as epoch milliseconds), and a service error's fields.

use crate::shapes::{Shape, StructureShape, Value};
use crate::text::push_i64;
use crate::xml::ErrorBody;

/// The output object as JSON, members in model order; timestamps are epoch milliseconds (the
/// shell turns them into `Date`s where its generated shape data says).
pub fn output_json(shape: &StructureShape, v: &Value) -> String {
    let mut s = String::with_capacity(512);
    write_structure(&mut s, shape, v);
    s
}

fn write_structure(s: &mut String, shape: &StructureShape, v: &Value) {
    s.push('{');
    if let Value::Struct(slots) = v {
        let mut first = true;
        for (m, slot) in shape.members.iter().zip(slots) {
            let Some(v) = slot else { continue };
            if !first {
                s.push(',');
            }
            first = false;
            s.push('"');
            s.push_str(m.name);
            s.push_str("\":");
            write_value(s, m.shape, v);
        }
    }
    s.push('}');
}

/// Appends `v`, a value of `shape`, as JSON (as [`output_json`] writes members).
pub fn push_value(s: &mut String, shape: Shape, v: &Value) {
    write_value(s, shape, v);
}

fn write_value(s: &mut String, shape: Shape, v: &Value) {
    match (shape, v) {
        (Shape::Structure(st), v) => write_structure(s, st, v),
        (Shape::List(l), Value::List(items)) => {
            s.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    s.push(',');
                }
                write_value(s, l.member, item);
            }
            s.push(']');
        }
        (_, Value::Str(t)) => push_json_string(s, t),
        (_, Value::Int(n)) => push_i64(s, *n),
        (_, Value::Float(t)) => s.push_str(t),
        (_, Value::Bool(b)) => s.push_str(if *b { "true" } else { "false" }),
        // The core never produces fractional milliseconds.
        (_, Value::Time(ms)) => push_i64(s, *ms as i64),
        (_, Value::List(_) | Value::Struct(_)) => s.push_str("null"),
    }
}

/// Appends `v` as a JSON string: `"`, `\` and control characters escaped, the rest as UTF-8.
pub fn push_json_string(s: &mut String, v: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    s.push('"');
    let mut start = 0;
    for (i, &b) in v.as_bytes().iter().enumerate() {
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        s.push_str(v.get(start..i).unwrap_or_default());
        start = i + 1;
        match b {
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            _ => {
                s.push_str("\\u00");
                s.push(HEX[usize::from(b >> 4)] as char);
                s.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
    s.push_str(v.get(start..).unwrap_or_default());
    s.push('"');
}

/// `{"Code","Message","RequestID","fields":[[name,text],…]}` for the shell to build the exception.
pub fn error_json(e: &ErrorBody) -> String {
    let mut s = String::with_capacity(256);
    s.push('{');
    for (k, v) in [
        ("Code", &e.error.code),
        ("Message", &e.error.message),
        ("RequestID", &e.error.request_id),
    ] {
        if let Some(v) = v {
            s.push('"');
            s.push_str(k);
            s.push_str("\":");
            push_json_string(&mut s, v);
            s.push(',');
        }
    }
    s.push_str("\"fields\":[");
    for (i, (k, v)) in e.fields.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push('[');
        push_json_string(&mut s, k);
        s.push(',');
        push_json_string(&mut s, v);
        s.push(']');
    }
    s.push_str("]}");
    s
}
