//! The EC2 Query protocol writer: `application/x-www-form-urlencoded` bodies as the AWS SDK for
//! JavaScript v3 writes them (Action and Version first, members in model order, lists flattened with
//! 1-based indexes, empty lists omitted, `null` list entries skipped without using an index).

use crate::model::{CreateSnapshotInput, SnapshotLocation};
use crate::{Error, Result};

/// EC2 API version sent with every request.
pub const EC2_API_VERSION: &str = "2016-11-15";

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// One bit per byte value: set for the RFC 3986 unreserved bytes `A-Z a-z 0-9 - _ . ~`.
const UNRESERVED: [u8; 32] = {
    let mut t = [0u8; 32];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'~') {
            t[b >> 3] |= 1 << (b & 7);
        }
        b += 1;
    }
    t
};

/// True for RFC 3986 unreserved bytes: what `encodeURIComponent` leaves alone, minus `!'()*`.
#[inline]
pub fn is_unreserved(b: u8) -> bool {
    UNRESERVED[usize::from(b >> 3)] & (1 << (b & 7)) != 0
}

/// Appends `s` percent-encoded (unreserved bytes kept, `/` kept too when `keep_slash`, everything
/// else `%XX` with upper-case hex). The output is always ASCII.
pub(crate) fn percent_encode_bytes(out: &mut Vec<u8>, s: &[u8], keep_slash: bool) {
    let keep = |b: u8| is_unreserved(b) || (keep_slash && b == b'/');
    out.reserve(s.len());
    let mut rest = s;
    // Runs of kept bytes are copied whole; most values are one run.
    while !rest.is_empty() {
        let run = rest.iter().position(|&b| !keep(b)).unwrap_or(rest.len());
        let (kept, tail) = rest.split_at(run);
        out.extend_from_slice(kept);
        if let Some((&b, tail)) = tail.split_first() {
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
            rest = tail;
        } else {
            rest = tail;
        }
    }
}

/// A `String` from bytes this crate wrote itself (ASCII, or whole UTF-8 sequences copied from
/// `&str`s); never fails in practice, and never panics.
pub(crate) fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_default()
}

/// Appends the decimal digits of `n`.
pub(crate) fn push_u64(out: &mut Vec<u8>, n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

/// Appends `s` percent-encoded as `encodeURIComponent` plus `!'()*` (space is `%20`, upper-case hex).
pub fn percent_encode_into(out: &mut String, s: &str) {
    let mut v = Vec::new();
    percent_encode_bytes(&mut v, s.as_bytes(), false);
    out.push_str(&ascii_string(v));
}

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

    /// Appends `&{prefix}.{index}.{suffix}=value`, the key written with `Display` and encoded.
    pub fn indexed_param(&mut self, parts: &[&dyn std::fmt::Display], value: &str) {
        use std::fmt::Write;
        let mut key = String::new();
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                key.push('.');
            }
            let _ = write!(key, "{p}");
        }
        self.param(&key, value);
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

    /// Appends a boolean as `true`/`false`.
    pub fn bool_param(&mut self, key: &str, value: bool) {
        self.param(key, if value { "true" } else { "false" });
    }

    /// The finished body.
    pub fn finish(self) -> String {
        ascii_string(self.buf)
    }
}

/// Checks the rules the model states for CreateSnapshot input; the error names the member. (A missing
/// `VolumeId` is caught where input is read: in Rust the member is not optional. An empty one is sent,
/// as the AWS SDK sends it, and EC2 answers with its own error.)
pub fn validate_create_snapshot(input: &CreateSnapshotInput) -> Result<()> {
    if let Some(SnapshotLocation::Unknown(v)) = &input.location {
        return Err(Error::invalid_input(
            "Location",
            format_args!(
                "{} is not one of \"regional\", \"local\"",
                crate::xml::quote(v)
            ),
        ));
    }
    Ok(())
}

/// Serializes a CreateSnapshot request body exactly as `@aws-sdk/client-ec2` does.
pub fn serialize_create_snapshot(input: &CreateSnapshotInput) -> Result<String> {
    const TS: KeySegment<'_> = KeySegment::Name("TagSpecification");
    const TAG: KeySegment<'_> = KeySegment::Name("Tag");
    validate_create_snapshot(input)?;
    let mut w = QueryWriter::new("CreateSnapshot", EC2_API_VERSION);
    w.param("VolumeId", &input.volume_id);
    if let Some(d) = &input.description {
        w.param("Description", d);
    }
    if let Some(a) = &input.outpost_arn {
        w.param("OutpostArn", a);
    }
    if let Some(specs) = &input.tag_specifications {
        for (i, spec) in specs.iter().enumerate() {
            let n = i + 1;
            if let Some(rt) = &spec.resource_type {
                w.key_param(
                    &[TS, KeySegment::Index(n), KeySegment::Name("ResourceType")],
                    rt,
                );
            }
            if let Some(tags) = &spec.tags {
                for (j, tag) in tags.iter().enumerate() {
                    let m = j + 1;
                    if let Some(k) = &tag.key {
                        w.key_param(
                            &[
                                TS,
                                KeySegment::Index(n),
                                TAG,
                                KeySegment::Index(m),
                                KeySegment::Name("Key"),
                            ],
                            k,
                        );
                    }
                    if let Some(v) = &tag.value {
                        w.key_param(
                            &[
                                TS,
                                KeySegment::Index(n),
                                TAG,
                                KeySegment::Index(m),
                                KeySegment::Name("Value"),
                            ],
                            v,
                        );
                    }
                }
            }
        }
    }
    if let Some(loc) = &input.location {
        w.param("Location", loc.as_str());
    }
    if let Some(dr) = input.dry_run {
        w.bool_param("DryRun", dr);
    }
    Ok(w.finish())
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
    use crate::model::{Tag, TagSpecification};

    #[test]
    fn encodes_like_encode_uri_component_plus() {
        let mut s = String::new();
        percent_encode_into(&mut s, "a b!'()*~-_.é/+=&");
        assert_eq!(s, "a%20b%21%27%28%29%2A~-_.%C3%A9%2F%2B%3D%26");
    }

    #[test]
    fn empty_lists_and_empty_specs() {
        let mut input = CreateSnapshotInput {
            volume_id: "vol-1".into(),
            ..Default::default()
        };
        input.tag_specifications = Some(vec![]);
        assert_eq!(
            serialize_create_snapshot(&input).unwrap(),
            "Action=CreateSnapshot&Version=2016-11-15&VolumeId=vol-1"
        );
        input.tag_specifications = Some(vec![
            TagSpecification {
                resource_type: None,
                tags: Some(vec![]),
            },
            TagSpecification {
                resource_type: Some("snapshot".into()),
                tags: Some(vec![Tag {
                    key: Some("k".into()),
                    value: None,
                }]),
            },
        ]);
        assert_eq!(
            serialize_create_snapshot(&input).unwrap(),
            "Action=CreateSnapshot&Version=2016-11-15&VolumeId=vol-1&TagSpecification.2.ResourceType=snapshot&TagSpecification.2.Tag.1.Key=k"
        );
    }

    #[test]
    fn validation_names_the_member() {
        assert_eq!(
            serialize_create_snapshot(&CreateSnapshotInput::default()).unwrap(),
            "Action=CreateSnapshot&Version=2016-11-15&VolumeId="
        );
        let input = CreateSnapshotInput {
            volume_id: "v".into(),
            location: Some(SnapshotLocation::from_wire("mars")),
            ..Default::default()
        };
        let e = serialize_create_snapshot(&input).unwrap_err();
        assert!(
            e.message().starts_with("Location:") && e.message().contains("mars"),
            "{e}"
        );
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
