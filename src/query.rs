//! The EC2 Query protocol writer: walks an operation's input shape and writes the
//! `application/x-www-form-urlencoded` body as the AWS SDK for JavaScript v3 does (Action and
//! Version first, lists flattened with 1-based indexes, empty lists omitted, `null` list entries
//! skipped without using an index).

use crate::shapes::generated::API_VERSION;
use crate::shapes::{Operation, Shape, StructureShape, Value};
use crate::text::{ascii_string, percent_encode_bytes, push_u64};
use crate::{Error, Result};

/// A piece of an indexed parameter name: a model name or a 1-based list index.
#[derive(Debug, Clone, Copy)]
pub enum KeySegment<'a> {
    /// A member name, written encoded.
    Name(&'a str),
    /// A list index.
    Index(usize),
}

/// Builds a form body pair by pair.
#[derive(Debug, Clone)]
pub struct QueryWriter {
    buf: Vec<u8>,
}

impl QueryWriter {
    /// Starts a body with `Action=…&Version=…`.
    pub fn new(action: &str, version: &str) -> Self {
        let mut w = QueryWriter {
            buf: Vec::with_capacity(256),
        };
        w.buf.extend_from_slice(b"Action=");
        percent_encode_bytes(&mut w.buf, action.as_bytes(), false);
        w.buf.extend_from_slice(b"&Version=");
        percent_encode_bytes(&mut w.buf, version.as_bytes(), false);
        w
    }

    /// Appends `&key=value`, both encoded.
    pub fn param(&mut self, key: &str, value: &str) {
        self.buf.push(b'&');
        percent_encode_bytes(&mut self.buf, key.as_bytes(), false);
        self.buf.push(b'=');
        percent_encode_bytes(&mut self.buf, value.as_bytes(), false);
    }

    /// Appends `&{segment}.{segment}…=value` (names encoded) without allocating the key.
    pub fn key_param(&mut self, parts: &[KeySegment<'_>], value: &str) {
        self.buf.push(b'&');
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                self.buf.push(b'.');
            }
            match *p {
                KeySegment::Name(n) => percent_encode_bytes(&mut self.buf, n.as_bytes(), false),
                KeySegment::Index(n) => push_u64(&mut self.buf, n as u64),
            }
        }
        self.buf.push(b'=');
        percent_encode_bytes(&mut self.buf, value.as_bytes(), false);
    }

    /// The finished body.
    pub fn finish(self) -> String {
        ascii_string(self.buf)
    }
}

/// Serializes an operation's input (read and checked by [`crate::wire::json_in::read_input`]) as
/// `@aws-sdk/client-ec2` does: `Action` and `Version`, then each structure's required members and
/// then the rest, each group in model order (the order of the SDK's schemas); list entries numbered
/// from 1; empty lists and absent members omitted.
pub fn serialize(op: &Operation, input: &Value) -> String {
    let mut w = QueryWriter::new(op.name, API_VERSION);
    let mut key = Vec::with_capacity(8);
    write_structure(&mut w, op.input, input, &mut key);
    w.finish()
}

fn write_structure<'s>(
    w: &mut QueryWriter,
    shape: &'s StructureShape,
    v: &Value,
    key: &mut Vec<KeySegment<'s>>,
) {
    let Value::Struct(slots) = v else { return };
    for required in [true, false] {
        for (m, slot) in shape.members.iter().zip(slots) {
            if m.required != required {
                continue;
            }
            if let Some(v) = slot {
                key.push(KeySegment::Name(m.query_key));
                write_value(w, m.shape, v, key);
                key.pop();
            }
        }
    }
}

fn write_value<'s>(w: &mut QueryWriter, shape: Shape, v: &Value, key: &mut Vec<KeySegment<'s>>) {
    match (shape, v) {
        (Shape::Structure(s), v) => write_structure(w, s, v, key),
        (Shape::List(l), Value::List(items)) => {
            for (i, item) in items.iter().enumerate() {
                key.push(KeySegment::Index(i + 1));
                write_value(w, l.member, item, key);
                key.pop();
            }
        }
        (_, Value::Str(s)) => w.key_param(key, s),
        (_, Value::Float(s)) => w.key_param(key, s),
        (_, Value::Bool(b)) => w.key_param(key, if *b { "true" } else { "false" }),
        (_, Value::Int(n)) => {
            let mut s = String::new();
            crate::text::push_i64(&mut s, *n);
            w.key_param(key, &s);
        }
        (_, Value::Time(ms)) => {
            // `Date.toISOString()` without a zero millisecond part, as the SDK writes timestamps.
            let iso = crate::time::format_iso8601_ms(*ms);
            let iso = match iso.strip_suffix(".000Z") {
                Some(whole) => {
                    let mut t = whole.to_owned();
                    t.push('Z');
                    t
                }
                None => iso,
            };
            w.key_param(key, &iso);
        }
        _ => {}
    }
}

/// Decodes an `application/x-www-form-urlencoded` body into pairs (`+` is a space). Used by tests and
/// by the fuzzers to check round trips; invalid escapes are an error.
pub fn form_decode(body: &str) -> Result<Vec<(String, String)>> {
    fn dec(s: &str) -> Result<String> {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let h = |c: u8| (c as char).to_digit(16);
                    match (
                        b.get(i + 1).copied().and_then(h),
                        b.get(i + 2).copied().and_then(h),
                    ) {
                        (Some(x), Some(y)) => out.push((x * 16 + y) as u8),
                        _ => return Err(Error::invalid_input("body", "bad percent escape")),
                    }
                    i += 2;
                }
                c => out.push(c),
            }
            i += 1;
        }
        String::from_utf8(out).map_err(|_| Error::invalid_input("body", "escapes are not UTF-8"))
    }
    if body.is_empty() {
        return Ok(Vec::new());
    }
    body.split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((dec(k)?, dec(v)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shapes::operation;
    use crate::wire::json_in::read_input;

    fn body(op: &str, json: &str) -> Result<String> {
        let op = operation(op).unwrap();
        Ok(serialize(op, &read_input(op.input, json)?))
    }

    #[test]
    fn empty_lists_and_empty_specs() {
        assert_eq!(
            body(
                "CreateSnapshot",
                r#"{"VolumeId":"vol-1","TagSpecifications":[]}"#
            )
            .unwrap(),
            "Action=CreateSnapshot&Version=2016-11-15&VolumeId=vol-1"
        );
        assert_eq!(
            body(
                "CreateSnapshot",
                r#"{"VolumeId":"vol-1","TagSpecifications":[{"Tags":[]},{"ResourceType":"snapshot","Tags":[{"Key":"k"}]}]}"#
            )
            .unwrap(),
            "Action=CreateSnapshot&Version=2016-11-15&VolumeId=vol-1&TagSpecification.2.ResourceType=snapshot&TagSpecification.2.Tag.1.Key=k"
        );
    }

    #[test]
    fn required_members_come_first() {
        assert_eq!(
            body(
                "CreateSnapshot",
                r#"{"DryRun":false,"Description":"d","VolumeId":""}"#
            )
            .unwrap(),
            "Action=CreateSnapshot&Version=2016-11-15&VolumeId=&Description=d&DryRun=false"
        );
    }

    #[test]
    fn validation_names_the_member() {
        let e = body("CreateSnapshot", r#"{"VolumeId":"v","Location":"mars"}"#).unwrap_err();
        assert_eq!(e.field(), Some("Location"));
        assert!(
            e.message().starts_with("Location:") && e.message().contains("mars"),
            "{e}"
        );
        let e = body("CreateSnapshot", r#"{}"#).unwrap_err();
        assert_eq!(e.field(), Some("VolumeId"));
    }

    #[test]
    fn describe_snapshots_lists_and_integers() {
        assert_eq!(
            body(
                "DescribeSnapshots",
                r#"{"Filters":[{"Name":"status","Values":["pending","completed"]}],"MaxResults":5,"OwnerIds":["self"],"SnapshotIds":["snap-1","snap-2"],"RestorableByUserIds":["1"],"NextToken":"t","DryRun":true}"#
            )
            .unwrap(),
            "Action=DescribeSnapshots&Version=2016-11-15&MaxResults=5&NextToken=t&Owner.1=self&RestorableBy.1=1&SnapshotId.1=snap-1&SnapshotId.2=snap-2&DryRun=true&Filter.1.Name=status&Filter.1.Value.1=pending&Filter.1.Value.2=completed"
        );
        let e = body("DescribeSnapshots", r#"{"MaxResults":5.5}"#).unwrap_err();
        assert_eq!(e.field(), Some("MaxResults"));
        let e = body("DescribeSnapshots", r#"{"MaxResults":2147483648}"#).unwrap_err();
        assert_eq!(e.field(), Some("MaxResults"));
        let e = body("DescribeSnapshots", r#"{"Filters":[{"Values":[1]}]}"#).unwrap_err();
        assert_eq!(e.field(), Some("Filters[0].Values[0]"));
    }

    #[test]
    fn form_decode_round_trip() {
        let pairs = form_decode("a=b%20c&d=&e").unwrap();
        assert_eq!(
            pairs,
            vec![
                ("a".into(), "b c".into()),
                ("d".into(), "".into()),
                ("e".into(), "".into())
            ]
        );
        assert!(form_decode("a=%zz").is_err());
    }
}
