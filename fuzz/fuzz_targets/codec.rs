//! The codec between the JS shell and the core (`src/wire/`):
//! - any text given to the JSON input reader (both operations), the headers reader, the context
//!   parser, the line joiner or the call-text splitter (`fields`) is read or refused with a bounded error, never a panic; an input error
//!   names a member path of the operation's shape, and when the text is JSON that path leads to the
//!   value at fault (list entries counted as written, `null`s included); errors frame as
//!   `"\0" + kind + "\0" + field + "\0" + message`;
//! - any CreateSnapshot input written as `JSON.stringify` would write it (unknown members, `null`
//!   members and entries, escapes) reads back to exactly that input, or to the error of the first
//!   enum value the model does not list, named by its path in the JSON;
//! - the JSON written for any response the readers accept (`output_json`, `error_json`) is JSON that
//!   holds exactly the value read.
#![no_main]

use arbitrary::Arbitrary;
use ec2_wasm::query::serialize;
use ec2_wasm::shapes::generated::{CREATE_SNAPSHOT, TAG, TAG_SPECIFICATION};
use ec2_wasm::shapes::{Shape, StructureShape, Value, OPERATIONS};
use ec2_wasm::wire::contract::ERROR_MARK;
use ec2_wasm::wire::json_in::{headers_from_json, read_input};
use ec2_wasm::wire::json_out::{error_json, output_json, push_json_string};
use ec2_wasm::wire::{error, fields, lines, Context};
use ec2_wasm::xml::{parse_error_response, parse_output};
use ec2_wasm::{Error, ErrorKind};
use ec2_wasm_fuzz::{accepts, check_error, check_structure, ArbEnum};
use libfuzzer_sys::fuzz_target;
use serde_json::Value as Json;

#[derive(Arbitrary, Debug)]
struct ArbTag {
    key: Option<String>,
    value: Option<String>,
    null_entry: bool,
}

#[derive(Arbitrary, Debug)]
struct ArbSpec {
    resource_type: Option<ArbEnum>,
    tags: Option<Vec<ArbTag>>,
    null_entry: bool,
}

#[derive(Arbitrary, Debug)]
struct ArbInput {
    volume_id: String,
    description: Option<String>,
    outpost_arn: Option<String>,
    tag_specifications: Option<Vec<ArbSpec>>,
    location: Option<ArbEnum>,
    dry_run: Option<bool>,
    /// An unknown member with arbitrary (JSON-quoted) text, placed first.
    extra: Option<String>,
    /// Absent optional members are written as `null` rather than left out.
    nulls: bool,
}

#[derive(Arbitrary, Debug)]
enum Case {
    Raw(String),
    Structured(ArbInput),
    Response { error: bool, body: Vec<u8> },
}

// ---------------------------------------------------------------------------------------------
// Structured input

/// A structure of `shape` with the named members set.
fn st(shape: &StructureShape, members: Vec<(&str, Option<Value>)>) -> Value {
    let mut slots = vec![None; shape.members.len()];
    for (name, v) in members {
        let i = shape
            .member_index(name.as_bytes())
            .expect("a member of the shape");
        slots[i] = v;
    }
    Value::Struct(slots)
}

fn member(out: &mut String, first: &mut bool, nulls: bool, key: &str, v: &Option<String>) {
    if v.is_none() && !nulls {
        return;
    }
    if !*first {
        out.push(',');
    }
    *first = false;
    push_json_string(out, key);
    out.push(':');
    match v {
        Some(v) => push_json_string(out, v),
        None => out.push_str("null"),
    }
}

/// The JSON, the value `read_input` must give, and the field of the first enum error (model
/// order; list positions as written).
fn to_json(i: &ArbInput) -> (String, Value, Option<String>) {
    let mut s = String::from("{");
    let mut first = true;
    let n = i.nulls;
    member(&mut s, &mut first, false, "x-unknown", &i.extra);
    member(
        &mut s,
        &mut first,
        n,
        "VolumeId",
        &Some(i.volume_id.clone()),
    );
    member(&mut s, &mut first, n, "Description", &i.description);
    member(&mut s, &mut first, n, "OutpostArn", &i.outpost_arn);
    let location = i
        .location
        .as_ref()
        .map(|l| l.text(CREATE_SNAPSHOT.input, "Location"));
    member(&mut s, &mut first, n, "Location", &location);
    match i.dry_run {
        Some(d) => s.push_str(if d {
            ",\"DryRun\":true"
        } else {
            ",\"DryRun\":false"
        }),
        None if n => s.push_str(",\"DryRun\":null"),
        None => {}
    }
    let mut refused = None;
    let mut specs_value = None;
    match &i.tag_specifications {
        None if n => s.push_str(",\"TagSpecifications\":null"),
        None => {}
        Some(specs) => {
            s.push_str(",\"TagSpecifications\":[");
            let mut list = Vec::new();
            for (k, sp) in specs.iter().enumerate() {
                if k > 0 {
                    s.push(',');
                }
                if sp.null_entry {
                    s.push_str("null");
                    continue;
                }
                s.push('{');
                let mut f = true;
                let rt = sp
                    .resource_type
                    .as_ref()
                    .map(|r| r.text(&TAG_SPECIFICATION, "ResourceType"));
                if let Some(r) = &rt {
                    if refused.is_none() && !accepts(&TAG_SPECIFICATION, "ResourceType", r) {
                        refused = Some(format!("TagSpecifications[{k}].ResourceType"));
                    }
                }
                member(&mut s, &mut f, n, "ResourceType", &rt);
                let mut tags_value = None;
                if let Some(tags) = &sp.tags {
                    s.push_str(if f { "\"Tags\":[" } else { ",\"Tags\":[" });
                    let mut tl = Vec::new();
                    for (m, t) in tags.iter().enumerate() {
                        if m > 0 {
                            s.push(',');
                        }
                        if t.null_entry {
                            s.push_str("null");
                            continue;
                        }
                        s.push('{');
                        let mut tf = true;
                        member(&mut s, &mut tf, n, "Key", &t.key);
                        member(&mut s, &mut tf, n, "Value", &t.value);
                        s.push('}');
                        tl.push(st(
                            &TAG,
                            vec![
                                ("Key", t.key.clone().map(Value::Str)),
                                ("Value", t.value.clone().map(Value::Str)),
                            ],
                        ));
                    }
                    s.push(']');
                    tags_value = Some(Value::List(tl));
                }
                s.push('}');
                list.push(st(
                    &TAG_SPECIFICATION,
                    vec![("ResourceType", rt.map(Value::Str)), ("Tags", tags_value)],
                ));
            }
            s.push(']');
            specs_value = Some(Value::List(list));
        }
    }
    s.push('}');
    if refused.is_none() {
        if let Some(l) = &location {
            if !accepts(CREATE_SNAPSHOT.input, "Location", l) {
                refused = Some("Location".into());
            }
        }
    }
    let want = st(
        CREATE_SNAPSHOT.input,
        vec![
            ("VolumeId", Some(Value::Str(i.volume_id.clone()))),
            ("Description", i.description.clone().map(Value::Str)),
            ("OutpostArn", i.outpost_arn.clone().map(Value::Str)),
            ("TagSpecifications", specs_value),
            ("Location", location.map(Value::Str)),
            ("DryRun", i.dry_run.map(Value::Bool)),
        ],
    );
    (s, want, refused)
}

// ---------------------------------------------------------------------------------------------
// Errors and their fields

/// `"\0" + kind + "\0" + field + "\0" + message`, which the shell splits back.
fn check_framing(e: &Error) {
    let framed = error(e);
    let parts: Vec<&str> = framed.splitn(4, ERROR_MARK).collect();
    assert_eq!(
        parts,
        [
            "",
            e.kind().code(),
            e.field().unwrap_or_default(),
            e.message()
        ],
        "{framed:?}"
    );
    assert!(ErrorKind::ALL.contains(&e.kind()));
}

/// One step of a member path: a member name or a list position.
#[derive(Debug)]
enum Step<'a> {
    Member(&'a str),
    Index(usize),
}

/// Splits `Filters[0].Values[1]` into steps; `None` if it is not such a path.
fn steps(field: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in field.split('.') {
        let (name, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if name.is_empty() {
            return None;
        }
        out.push(Step::Member(name));
        while let Some(r) = rest.strip_prefix('[') {
            let close = r.find(']')?;
            out.push(Step::Index(r[..close].parse().ok()?));
            rest = &r[close + 1..];
        }
        if !rest.is_empty() {
            return None;
        }
    }
    Some(out)
}

/// The shape a path leads to from `shape`, if every step is a member or a list entry.
fn follows(shape: &'static StructureShape, steps: &[Step<'_>]) -> bool {
    let mut at = Shape::Structure(shape);
    for step in steps {
        at = match (step, at) {
            (Step::Member(m), Shape::Structure(s)) => {
                match s.members.iter().find(|x| x.name == *m) {
                    Some(x) => x.shape,
                    None => return false,
                }
            }
            (Step::Index(_), Shape::List(l)) => l.member,
            _ => return false,
        }
    }
    true
}

/// An input error's field is `input` or a member path of the shape; when `text` is JSON (without
/// escapes, which `JSON.stringify` writes only inside strings the reader compares unescaped), the path
/// leads to the value at fault: present for a type or enum error, absent or `null` when required.
fn check_input_error(shape: &'static StructureShape, text: &str, e: &Error) {
    check_error(e);
    check_framing(e);
    assert_eq!(e.kind(), ErrorKind::InvalidInput, "{e}");
    let field = e.field().expect("an input error names its field");
    if field == "input" {
        return;
    }
    let path = steps(field).unwrap_or_else(|| panic!("field {field:?} is not a member path"));
    assert!(
        follows(shape, &path),
        "field {field:?} is not a path of {}",
        shape.name
    );
    if text.contains('\\') {
        return;
    }
    let Ok(json) = serde_json::from_str::<Json>(text) else {
        return;
    };
    let mut at = Some(&json);
    for step in &path {
        at = match (step, at) {
            (Step::Member(m), Some(Json::Object(o))) => o.get(*m),
            (Step::Index(i), Some(Json::Array(a))) => a.get(*i),
            _ => panic!("{field}: the path leaves the JSON at {step:?}: {text:.300}"),
        };
    }
    if e.message().ends_with(": is required") {
        assert!(
            matches!(at, None | Some(Json::Null)),
            "{field} is required but set: {text:.300}"
        );
    } else {
        assert!(
            !matches!(at, None | Some(Json::Null)),
            "{field} is at fault but not set: {e}\n{text:.300}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// JSON output

/// Whether the JSON written for `v` holds exactly `v`: members in model order, absent ones left out,
/// timestamps as whole epoch milliseconds.
fn same(shape: Shape, v: &Value, j: &Json) -> bool {
    match (shape, v, j) {
        (Shape::Structure(s), Value::Struct(slots), Json::Object(o)) => {
            let present: Vec<(&str, Shape, &Value)> = s
                .members
                .iter()
                .zip(slots)
                .filter_map(|(m, slot)| slot.as_ref().map(|v| (m.name, m.shape, v)))
                .collect();
            present.len() == o.len()
                && present
                    .iter()
                    .zip(o)
                    .all(|((name, shape, v), (k, j))| name == k && same(*shape, v, j))
        }
        (Shape::List(l), Value::List(items), Json::Array(a)) => {
            items.len() == a.len() && items.iter().zip(a).all(|(v, j)| same(l.member, v, j))
        }
        (_, Value::Str(s), Json::String(t)) => s == t,
        (_, Value::Int(n), Json::Number(x)) => x.as_i64() == Some(*n),
        (_, Value::Bool(b), Json::Bool(c)) => b == c,
        (_, Value::Time(ms), Json::Number(x)) => x.as_i64() == Some(*ms as i64),
        (_, Value::Float(t), Json::Number(x)) => t.parse::<f64>().ok() == x.as_f64(),
        _ => false,
    }
}

fn check_response(error_body: bool, body: &[u8]) {
    if error_body {
        if let Ok(e) = parse_error_response(body) {
            let text = error_json(&e);
            let j: Json = serde_json::from_str(&text)
                .unwrap_or_else(|err| panic!("error_json is not JSON ({err}): {text:.300}"));
            let s = |v: &Option<String>| v.clone().map(Json::String);
            assert_eq!(j.get("Code").cloned(), s(&e.error.code));
            assert_eq!(j.get("Message").cloned(), s(&e.error.message));
            assert_eq!(j.get("RequestID").cloned(), s(&e.error.request_id));
            let fields: Vec<(String, String)> = j["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .map(|p| {
                    (
                        p[0].as_str().expect("name").to_owned(),
                        p[1].as_str().expect("text").to_owned(),
                    )
                })
                .collect();
            assert_eq!(fields, e.fields);
        }
        return;
    }
    for op in OPERATIONS {
        if let Ok(v) = parse_output(op.output, body) {
            let text = output_json(op.output, &v);
            let j: Json = serde_json::from_str(&text).unwrap_or_else(|err| {
                panic!("{}: output_json is not JSON ({err}): {text:.300}", op.name)
            });
            assert!(
                same(Shape::Structure(op.output), &v, &j),
                "{}: output_json does not hold the value read: {text:.300}",
                op.name
            );
        }
    }
}

fuzz_target!(|case: Case| {
    match case {
        Case::Raw(text) => {
            for op in OPERATIONS {
                match read_input(op.input, &text) {
                    Ok(v) => {
                        check_structure(op.input, &v);
                        let body = serialize(op, &v);
                        assert!(body
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"-_.~%&=".contains(&b)));
                    }
                    Err(e) => check_input_error(op.input, &text, &e),
                }
            }
            if let Err(e) = headers_from_json(&text) {
                check_error(&e);
                check_framing(&e);
                assert!(
                    e.field()
                        .is_some_and(|f| f.starts_with("request.headers") || f == "input"),
                    "{e}"
                );
            }
            match Context::parse(&text) {
                Ok(mut c) => {
                    // Debug never prints the secret or the token (a marker stands in for them, since
                    // short arbitrary secrets can occur inside the other fields by chance).
                    c.credentials.secret_access_key = "SECRET-MARKER-7f3a".into();
                    c.credentials.session_token = Some("TOKEN-MARKER-7f3a".into());
                    let d = format!("{c:?}");
                    assert!(
                        !d.contains("SECRET-MARKER") && !d.contains("TOKEN-MARKER"),
                        "{d}"
                    );
                }
                Err(e) => {
                    check_error(&e);
                    check_framing(&e);
                    // The context holds the secret: its errors never depend on (echo) the text.
                    assert_eq!(
                        e.message(),
                        Context::parse("")
                            .err()
                            .map(|e| e.message().to_owned())
                            .unwrap_or_default()
                    );
                }
            }
            // Lines: joined as given, unless a part holds a line break.
            let parts: Vec<&str> = text.split('\u{1f}').collect();
            match lines(parts.iter().copied()) {
                Ok(joined) => {
                    assert!(!text.contains(['\n', '\r']));
                    assert_eq!(joined.split('\n').collect::<Vec<_>>(), parts);
                }
                Err(e) => {
                    assert!(text.contains(['\n', '\r']), "{e}");
                    assert_eq!(e.field(), Some("request"));
                }
            }
            // One call text: parts joined split back at their JS lengths; any lengths split the text
            // into fields of those lengths, or are refused naming the call.
            let js_len = |p: &str| p.encode_utf16().count() as f64;
            if let [a, b, c] = parts[..] {
                let joined = parts.concat();
                assert_eq!(
                    fields::<3>(&joined, &[js_len(a), js_len(b)]).ok(),
                    Some([a, b, c])
                );
            }
            let lens: Vec<f64> = text.bytes().take(2).map(|b| f64::from(b % 8)).collect();
            match fields::<3>(&text, &lens) {
                Ok(f) => {
                    assert_eq!(f.concat(), text);
                    assert_eq!([js_len(f[0]), js_len(f[1])][..], lens[..]);
                }
                Err(e) => {
                    check_error(&e);
                    check_framing(&e);
                    assert_eq!(e.field(), Some("call"));
                }
            }
        }
        Case::Structured(i) => {
            let (json, want, refused) = to_json(&i);
            match (read_input(CREATE_SNAPSHOT.input, &json), refused) {
                (Ok(got), None) => assert_eq!(got, want, "{json}"),
                (Err(e), Some(field)) => {
                    assert_eq!(e.field(), Some(field.as_str()), "{e}\n{json:.300}");
                    check_input_error(CREATE_SNAPSHOT.input, &json, &e);
                }
                (Ok(_), Some(field)) => {
                    panic!("{field}: a value the model does not list was accepted: {json:.300}")
                }
                (Err(e), None) => panic!("{json:?} refused: {e}"),
            }
        }
        Case::Response { error, body } => check_response(error, &body),
    }
});
