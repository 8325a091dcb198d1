//! The EC2 XML readers: `CreateSnapshotResponse` into [`Snapshot`] and the EC2 error envelopes into
//! [`ServiceError`].
//!
//! Documents are read into a small, bounded element tree with the same text rules as the AWS SDK for
//! JavaScript v3's XML parser (leaf text kept verbatim, whitespace-only text with a newline treated
//! as empty, CR LF read as LF, the first root element used whatever its name). Unlike that parser it
//! refuses DOCTYPE declarations and unknown entities, and it bounds depth and element count, so hostile
//! bodies end in an error instead of a hang or a trap.

use crate::model::{
    ServiceError, Snapshot, SnapshotState, SseType, StorageTier, Tag, TransferType,
};
use crate::time::{parse_rfc3339_ms, truncate};
use crate::{Error, Result};
use quick_xml::events::Event;
use quick_xml::Reader;

/// Deepest element nesting accepted. A CreateSnapshot response is four levels deep.
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document (a CreateSnapshot response has about 30).
pub const MAX_ELEMENTS: usize = 100_000;

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

    /// The only child with this name; an error names it when it appears twice.
    pub fn unique_child(&self, name: &str) -> Result<Option<&Element>> {
        let mut it = self.children.iter().filter(|c| c.name == name);
        let first = it.next();
        if first.is_some() && it.next().is_some() {
            return Err(Error::invalid_response(format!(
                "<{name}> appears more than once in <{}>",
                self.name
            )));
        }
        Ok(first)
    }

    /// True when the element has no element children.
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }

    /// Leaf text; an error when the element has element children.
    pub fn leaf_text(&self) -> Result<&str> {
        if self.is_leaf() {
            Ok(&self.text)
        } else {
            Err(Error::invalid_response(format!(
                "<{}> should hold text, found child elements",
                self.name
            )))
        }
    }
}

struct Frame {
    el: Element,
}

fn resolve_entity(s: &str, out: &mut String) -> Result<()> {
    let c = match s {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ if s.starts_with('#') => {
            let code = match s.strip_prefix("#x").or_else(|| s.strip_prefix("#X")) {
                Some(hex) if !hex.is_empty() && hex.len() <= 6 => u32::from_str_radix(hex, 16).ok(),
                Some(_) => None,
                None if s.len() > 1 && s.len() <= 8 => s[1..].parse::<u32>().ok(),
                None => None,
            };
            match code.and_then(char::from_u32) {
                Some(c) if c != '\0' => c,
                _ => {
                    return Err(Error::invalid_response(format!(
                        "invalid character reference &{};",
                        truncate(s)
                    )))
                }
            }
        }
        _ => {
            return Err(Error::invalid_response(format!(
            "unknown entity &{};: only the five XML entities and character references are accepted",
            truncate(s)
        )))
        }
    };
    out.push(c);
    Ok(())
}

fn push_text(out: &mut String, s: &str) -> Result<()> {
    if s.contains('\r') {
        out.push_str(&s.replace("\r\n", "\n").replace('\r', "\n"));
    } else {
        out.push_str(s);
    }
    Ok(())
}

fn xml_error(e: quick_xml::Error, pos: u64) -> Error {
    Error::invalid_response(format!("malformed XML at byte {pos}: {e}"))
}

/// Parses a document into its root element, within [`MAX_DEPTH`] and [`MAX_ELEMENTS`].
pub fn parse_document(body: &[u8]) -> Result<Element> {
    let mut reader = Reader::from_reader(body);
    let cfg = reader.config_mut();
    cfg.check_end_names = true;
    cfg.expand_empty_elements = false;
    cfg.trim_text(false);
    let mut stack: Vec<Frame> = Vec::new();
    let mut count = 0usize;
    let mut buf = Vec::new();
    loop {
        let pos = reader.buffer_position();
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| xml_error(e, pos))?;
        match ev {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::invalid_response(format!(
                        "XML nested deeper than {MAX_DEPTH} elements"
                    )));
                }
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(Error::invalid_response(format!(
                        "XML has more than {MAX_ELEMENTS} elements"
                    )));
                }
                let name = e.name().0.to_owned();
                stack.push(Frame {
                    el: Element {
                        name,
                        ..Default::default()
                    },
                });
            }
            Event::Empty(e) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(Error::invalid_response(format!(
                        "XML has more than {MAX_ELEMENTS} elements"
                    )));
                }
                let name = e.name().0.to_owned();
                let el = Element {
                    name,
                    ..Default::default()
                };
                match stack.last_mut() {
                    Some(parent) => parent.el.children.push(el),
                    None => return Ok(el),
                }
            }
            Event::End(_) => {
                let Some(mut frame) = stack.pop() else {
                    return Err(Error::invalid_response(
                        "malformed XML: closing tag without an opening tag",
                    ));
                };
                if !frame.el.children.is_empty()
                    || (frame.el.text.trim_matches([' ', '\t', '\n']).is_empty()
                        && frame.el.text.contains('\n'))
                {
                    frame.el.text.clear();
                }
                match stack.last_mut() {
                    Some(parent) => parent.el.children.push(frame.el),
                    None => return Ok(frame.el),
                }
            }
            Event::Text(t) => match stack.last_mut() {
                Some(f) => push_text(&mut f.el.text, &t)?,
                None => {
                    if !t.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
                        return Err(Error::invalid_response(
                            "malformed XML: text outside the root element",
                        ));
                    }
                }
            },
            Event::CData(t) => match stack.last_mut() {
                Some(f) => push_text(&mut f.el.text, &t)?,
                None => {
                    return Err(Error::invalid_response(
                        "malformed XML: CDATA outside the root element",
                    ))
                }
            },
            Event::GeneralRef(r) => match stack.last_mut() {
                Some(f) => resolve_entity(&r, &mut f.el.text)?,
                None => {
                    return Err(Error::invalid_response(
                        "malformed XML: entity outside the root element",
                    ))
                }
            },
            Event::DocType(_) => {
                return Err(Error::invalid_response(
                    "XML DOCTYPE declarations are refused (they can define entities)",
                ));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => {
                return Err(Error::invalid_response(match stack.last() {
                    Some(f) => format!("truncated XML: <{}> is never closed", truncate(&f.el.name)),
                    None => "empty or truncated XML: no root element".to_owned(),
                }));
            }
        }
        buf.clear();
    }
}

/// Parses an integer element. Like the SDK (`Number(text)`), empty or whitespace-only text is 0;
/// unlike it, text that is not an integer is an error naming the element instead of a silent `NaN`.
pub fn parse_i64(text: &str, what: &str) -> Result<i64> {
    let t = text.trim_matches([' ', '\t', '\n', '\r']);
    if t.is_empty() {
        return Ok(0);
    }
    let digits = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::invalid_response(format!(
            "<{what}> should be an integer, found {:?}",
            truncate(text)
        )));
    }
    t.parse::<i64>().map_err(|_| {
        Error::invalid_response(format!("<{what}> is out of range: {:?}", truncate(text)))
    })
}

/// Parses a 32-bit integer; `what` names the element.
pub fn parse_i32(text: &str, what: &str) -> Result<i32> {
    let v = parse_i64(text, what)?;
    i32::try_from(v)
        .map_err(|_| Error::invalid_response(format!("<{what}> is out of the 32-bit range: {v}")))
}

/// Parses a boolean element: `true`/`false` in any case (the SDK lower-cases), and empty text is
/// `false` as with the SDK; anything else is an error naming the element (the SDK would say `false`).
pub fn parse_bool(text: &str, what: &str) -> Result<bool> {
    let t = text.trim_matches([' ', '\t', '\n', '\r']);
    if t.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if t.is_empty() || t.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(Error::invalid_response(format!(
            "<{what}> should be true or false, found {:?}",
            truncate(text)
        )))
    }
}

/// Parses an RFC 3339 timestamp into epoch milliseconds; `what` names the element.
pub fn parse_timestamp(text: &str, what: &str) -> Result<f64> {
    parse_rfc3339_ms(text)
        .map_err(|e| Error::invalid_response(format!("<{what}>: {}", e.message())))
}

fn string(root: &Element, name: &str) -> Result<Option<String>> {
    match root.unique_child(name)? {
        Some(el) => Ok(Some(el.leaf_text()?.to_owned())),
        None => Ok(None),
    }
}

fn scalar<T>(
    root: &Element,
    name: &str,
    parse: impl Fn(&str, &str) -> Result<T>,
) -> Result<Option<T>> {
    match root.unique_child(name)? {
        Some(el) => parse(el.leaf_text()?, name).map(Some),
        None => Ok(None),
    }
}

/// Reads a `tagSet`-style list: `<item><key/><value/></item>` entries; a leaf list is empty.
pub fn read_tags(list: &Element) -> Result<Vec<Tag>> {
    let mut tags = Vec::new();
    for item in list.children.iter().filter(|c| c.name == "item") {
        tags.push(Tag {
            key: string(item, "key")?,
            value: string(item, "value")?,
        });
    }
    Ok(tags)
}

/// Maps a parsed `CreateSnapshotResponse` (any root name, as the SDK accepts) into the output.
pub fn snapshot_from_element(root: &Element) -> Result<Snapshot> {
    Ok(Snapshot {
        owner_alias: string(root, "ownerAlias")?,
        outpost_arn: string(root, "outpostArn")?,
        tags: match root.child("tagSet") {
            Some(ts) => Some(read_tags(ts)?),
            None => None,
        },
        storage_tier: string(root, "storageTier")?.map(|s| StorageTier::from_wire(&s)),
        restore_expiry_time: scalar(root, "restoreExpiryTime", parse_timestamp)?,
        sse_type: string(root, "sseType")?.map(|s| SseType::from_wire(&s)),
        availability_zone: string(root, "availabilityZone")?,
        transfer_type: string(root, "transferType")?.map(|s| TransferType::from_wire(&s)),
        completion_duration_minutes: scalar(root, "completionDurationMinutes", parse_i32)?,
        completion_time: scalar(root, "completionTime", parse_timestamp)?,
        full_snapshot_size_in_bytes: scalar(root, "fullSnapshotSizeInBytes", parse_i64)?,
        snapshot_id: string(root, "snapshotId")?,
        volume_id: string(root, "volumeId")?,
        state: string(root, "status")?.map(|s| SnapshotState::from_wire(&s)),
        state_message: string(root, "statusMessage")?,
        start_time: scalar(root, "startTime", parse_timestamp)?,
        progress: string(root, "progress")?,
        owner_id: string(root, "ownerId")?,
        description: string(root, "description")?,
        volume_size: scalar(root, "volumeSize", parse_i32)?,
        encrypted: scalar(root, "encrypted", parse_bool)?,
        kms_key_id: string(root, "kmsKeyId")?,
        data_encryption_key_id: string(root, "dataEncryptionKeyId")?,
    })
}

/// Parses a successful CreateSnapshot response body. An empty body gives an empty output, as with the SDK.
pub fn parse_create_snapshot_response(body: &[u8]) -> Result<Snapshot> {
    if body.is_empty() {
        return Ok(Snapshot::default());
    }
    snapshot_from_element(&parse_document(body)?)
}

/// An EC2 error body, read as the SDK reads it: the `Error` element under `Errors` (either wrapper,
/// `<Response>` or `<ErrorResponse>`) or directly under the root.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorBody {
    /// Code, message and request id.
    pub error: ServiceError,
    /// Every leaf child of `<Error>` in order (`Code`, `Message`, `Type`, and any others), which the SDK
    /// copies onto the exception.
    pub fields: Vec<(String, String)>,
}

/// Parses an error response body. An empty body gives an empty [`ErrorBody`].
pub fn parse_error_response(body: &[u8]) -> Result<ErrorBody> {
    if body.is_empty() {
        return Ok(ErrorBody::default());
    }
    let root = parse_document(body)?;
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
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace_text() {
        let r = parse_document(b"<a><b></b><c/><d>\n  </d><e>  </e><f>x &amp; y</f></a>").unwrap();
        assert_eq!(r.child("b").unwrap().text, "");
        assert_eq!(r.child("c").unwrap().text, "");
        assert_eq!(r.child("d").unwrap().text, "");
        assert_eq!(r.child("e").unwrap().text, "  ");
        assert_eq!(r.child("f").unwrap().text, "x & y");
    }

    #[test]
    fn refuses_doctype_and_unknown_entities() {
        let e =
            parse_document(b"<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>")
                .unwrap_err();
        assert!(e.message().contains("DOCTYPE"), "{e}");
        let e = parse_document(b"<a>&x;</a>").unwrap_err();
        assert!(e.message().contains("unknown entity"), "{e}");
        assert_eq!(parse_document(b"<a>&#x41;&#66;</a>").unwrap().text, "AB");
    }

    #[test]
    fn depth_and_truncation() {
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let e = parse_document(deep.as_bytes()).unwrap_err();
        assert!(e.message().contains("nested deeper"), "{e}");
        let e = parse_document(b"<a><b>").unwrap_err();
        assert!(e.message().contains("never closed"), "{e}");
        assert!(parse_document(b"").is_err());
        assert!(parse_document(b"<a></b>").is_err());
    }

    #[test]
    fn wrong_types_name_the_element() {
        let e = parse_create_snapshot_response(
            b"<CreateSnapshotResponse><volumeSize>abc</volumeSize></CreateSnapshotResponse>",
        )
        .unwrap_err();
        assert!(
            e.message().contains("<volumeSize>") && e.message().contains("abc"),
            "{e}"
        );
    }
}
