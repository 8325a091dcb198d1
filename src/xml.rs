//! The EC2 XML readers: `CreateSnapshotResponse` into [`Snapshot`] and the EC2 error envelopes into
//! [`ServiceError`].
//!
//! Documents are read by a small hand-written reader (it replaced quick-xml: a fifth of the module's
//! size for features EC2 never sends) into a bounded element tree with the same text rules as the AWS
//! SDK for JavaScript v3's own XML parser (leaf text kept verbatim, whitespace-only text with a newline treated
//! as empty, CR LF read as LF, the first root element used whatever its name). Unlike that parser it
//! refuses DOCTYPE declarations and unknown entities, and it bounds depth and element count, so hostile
//! bodies end in an error instead of a hang or a trap.

use crate::model::{
    ServiceError, Snapshot, SnapshotState, SseType, StorageTier, Tag, TransferType,
};
use crate::time::{parse_rfc3339_ms, truncate};
use crate::{Error, Result};

/// Deepest element nesting accepted. A CreateSnapshot response is four levels deep.
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document (a CreateSnapshot response has about 30).
pub const MAX_ELEMENTS: usize = 100_000;
/// Largest body read (the JS shell stops reading at the same size): a CreateSnapshot response is
/// about 1 KB.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

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
                "<{}> appears more than once in <{}>",
                truncate(name),
                truncate(&self.name)
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
                truncate(&self.name)
            )))
        }
    }
}

/// Appends the character an entity body (`amp`, `#x41`, `#65`) names.
fn resolve_entity(name: &str, out: &mut String) -> Result<()> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ if name.starts_with('#') => {
            let code = match name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                Some(hex) if !hex.is_empty() && hex.len() <= 6 => u32::from_str_radix(hex, 16).ok(),
                Some(_) => None,
                None if name.len() > 1 && name.len() <= 8 => name[1..].parse::<u32>().ok(),
                None => None,
            };
            match code.and_then(char::from_u32) {
                Some(c) if c != '\0' => c,
                _ => {
                    return Err(Error::invalid_response(format!(
                        "invalid character reference &{};",
                        quote(name)
                    )))
                }
            }
        }
        _ => {
            return Err(Error::invalid_response(format!(
            "unknown entity &{};: only the five XML entities and character references are accepted",
            quote(name)
        )))
        }
    };
    out.push(c);
    Ok(())
}

/// Appends text with entities decoded and CR LF / CR read as LF. An `&` that does not start an
/// entity reference (`&` then a name or `#` and `;`) stays as written, as with the SDK.
fn push_text(out: &mut String, s: &str) -> Result<()> {
    let mut rest = s;
    while let Some(i) = rest.find(['&', '\r']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with('\r') {
            out.push('\n');
            rest = tail
                .strip_prefix("\r\n")
                .or_else(|| tail.strip_prefix('\r'))
                .unwrap_or(tail);
            continue;
        }
        let body_end = tail[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|j| j + 1);
        match body_end {
            Some(j) if j > 1 && tail[j..].starts_with(';') => {
                resolve_entity(&tail[1..j], out)?;
                rest = &tail[j + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Ok(())
}

/// `s` in double quotes, at most 64 characters, escaped like Rust's `{:?}` for quotes, backslashes
/// and control characters (without pulling in the Unicode tables `{:?}` needs).
pub(crate) fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len().min(64) + 2);
    q.push('"');
    for c in truncate(s).chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => q.push_str("\\r"),
            '\t' => q.push_str("\\t"),
            '\0' => q.push_str("\\0"),
            c if c.is_control() => q.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// A cursor over the document text.
struct Cursor<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.s[self.i..]
    }
    fn eat(&mut self, p: &str) -> bool {
        if self.rest().starts_with(p) {
            self.i += p.len();
            true
        } else {
            false
        }
    }
    fn skip_ws(&mut self) {
        let r = self.rest();
        self.i += r.len() - r.trim_start_matches([' ', '\t', '\r', '\n']).len();
    }
    /// Moves past `stop`, returning what came before it.
    fn until(&mut self, stop: &str, what: &str) -> Result<&'a str> {
        match self.rest().find(stop) {
            Some(j) => {
                let out = &self.rest()[..j];
                self.i += j + stop.len();
                Ok(out)
            }
            None => Err(self.err(format_args!("truncated XML: {what} is never closed"))),
        }
    }
    fn name(&mut self) -> Result<&'a str> {
        let r = self.rest();
        let end = r.find([' ', '\t', '\r', '\n', '>', '/']).unwrap_or(r.len());
        let n = &r[..end];
        if n.is_empty() || n.contains(['<', '=', '"', '\'', '&']) {
            return Err(self.err("malformed XML: bad element name"));
        }
        self.i += end;
        Ok(n)
    }
    fn err(&self, msg: impl std::fmt::Display) -> Error {
        Error::invalid_response(format!("{msg} (at byte {})", self.i))
    }
}

/// Reads a start tag after its `<`: the name, attributes (checked, then ignored) and whether it
/// closes itself.
fn start_tag<'a>(c: &mut Cursor<'a>) -> Result<(&'a str, bool)> {
    let name = c.name()?;
    loop {
        c.skip_ws();
        if c.eat("/>") {
            return Ok((name, true));
        }
        if c.eat(">") {
            return Ok((name, false));
        }
        if c.rest().is_empty() {
            return Err(c.err(format_args!(
                "truncated XML: <{}> is never closed",
                truncate(name)
            )));
        }
        let r = c.rest();
        let end = r
            .find(['=', ' ', '\t', '\r', '\n', '>', '/'])
            .unwrap_or(r.len());
        if end == 0 {
            return Err(c.err("malformed XML: bad attribute"));
        }
        c.i += end;
        c.skip_ws();
        if !c.eat("=") {
            return Err(c.err("malformed XML: attribute without a value"));
        }
        c.skip_ws();
        let q = if c.eat("\"") {
            "\""
        } else if c.eat("'") {
            "'"
        } else {
            return Err(c.err("malformed XML: attribute value must be quoted"));
        };
        c.until(q, "an attribute value")?;
    }
}

/// Parses a document into its root element, within [`MAX_DEPTH`] and [`MAX_ELEMENTS`]. Comments,
/// processing instructions and the XML declaration are skipped; a DOCTYPE is refused; content after
/// the root element is ignored (as the SDK ignores it).
pub fn parse_document(body: &[u8]) -> Result<Element> {
    if body.len() > MAX_BODY_BYTES {
        return Err(Error::invalid_response(format!(
            "response body of {} bytes exceeds the {MAX_BODY_BYTES}-byte limit",
            body.len()
        )));
    }
    let s = std::str::from_utf8(body).map_err(|e| {
        Error::invalid_response(format!(
            "response body is not valid UTF-8 (at byte {})",
            e.valid_up_to()
        ))
    })?;
    let mut c = Cursor { s, i: 0 };
    // Prolog.
    loop {
        c.skip_ws();
        if c.rest().is_empty() {
            return Err(Error::invalid_response(
                "empty or truncated XML: no root element",
            ));
        } else if c.eat("<?") {
            c.until("?>", "a processing instruction")?;
        } else if c.eat("<!--") {
            c.until("-->", "a comment")?;
        } else if c
            .rest()
            .get(..9)
            .is_some_and(|p| p.eq_ignore_ascii_case("<!DOCTYPE"))
        {
            return Err(Error::invalid_response(
                "XML DOCTYPE declarations are refused (they can define entities)",
            ));
        } else if c.eat("<") {
            break;
        } else {
            return Err(c.err("malformed XML: text before the root element"));
        }
    }
    let mut stack: Vec<Element> = Vec::with_capacity(8);
    let mut count = 0usize;
    let mut pending: Option<(&str, bool)> = Some(start_tag(&mut c)?);
    loop {
        if let Some((name, empty)) = pending.take() {
            count += 1;
            if count > MAX_ELEMENTS {
                return Err(Error::invalid_response(format!(
                    "XML has more than {MAX_ELEMENTS} elements"
                )));
            }
            let el = Element {
                name: name.to_owned(),
                ..Default::default()
            };
            if empty {
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => return Ok(el),
                }
            } else {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::invalid_response(format!(
                        "XML nested deeper than {MAX_DEPTH} elements"
                    )));
                }
                stack.push(el);
            }
            continue;
        }
        let Some(top) = stack.last_mut() else {
            return Err(c.err("malformed XML"));
        };
        let r = c.rest();
        if r.is_empty() {
            return Err(Error::invalid_response(format!(
                "truncated XML: <{}> is never closed",
                truncate(&top.name)
            )));
        }
        if c.eat("</") {
            let close = c
                .until(">", "a closing tag")?
                .trim_end_matches([' ', '\t', '\r', '\n']);
            let Some(mut el) = stack.pop() else {
                return Err(c.err("malformed XML"));
            };
            if close != el.name {
                return Err(c.err(format_args!(
                    "malformed XML: <{}> closed by </{}>",
                    truncate(&el.name),
                    truncate(close)
                )));
            }
            if !el.children.is_empty()
                || (el.text.trim_matches([' ', '\t', '\n']).is_empty() && el.text.contains('\n'))
            {
                el.text.clear();
            }
            match stack.last_mut() {
                Some(parent) => parent.children.push(el),
                None => return Ok(el),
            }
        } else if c.eat("<!--") {
            c.until("-->", "a comment")?;
        } else if c.eat("<![CDATA[") {
            let text = c.until("]]>", "a CDATA section")?;
            push_text_raw(&mut top.text, text);
        } else if c.eat("<?") {
            c.until("?>", "a processing instruction")?;
        } else if c.eat("<!") {
            return Err(c.err("malformed XML: declarations are not allowed inside elements"));
        } else if c.eat("<") {
            pending = Some(start_tag(&mut c)?);
        } else {
            let end = r.find('<').unwrap_or(r.len());
            push_text(&mut top.text, &r[..end])?;
            c.i += end;
        }
    }
}

/// CDATA: no entity decoding, line ends normalized.
fn push_text_raw(out: &mut String, s: &str) {
    if s.contains('\r') {
        out.push_str(&s.replace("\r\n", "\n").replace('\r', "\n"));
    } else {
        out.push_str(s);
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
            "<{what}> should be an integer, found {}",
            quote(text)
        )));
    }
    t.parse::<i64>()
        .map_err(|_| Error::invalid_response(format!("<{what}> is out of range: {}", quote(text))))
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
            "<{what}> should be true or false, found {}",
            quote(text)
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

    #[test]
    fn reader_handles_what_ec2_and_the_sdk_parser_accept() {
        let doc = "<?xml version=\"1.0\"?>\r\n<!-- c --><R xmlns=\"http://ec2\" a='1'><a>x<!-- n -->y</a><b><![CDATA[<&>]]></b>\
                   <c>a & b &lt; c\r\nd</c><?pi x?><d\n/><e></e ></R>trailing ignored";
        let r = parse_document(doc.as_bytes()).unwrap();
        assert_eq!(r.name, "R");
        assert_eq!(r.child("a").unwrap().text, "xy");
        assert_eq!(r.child("b").unwrap().text, "<&>");
        assert_eq!(r.child("c").unwrap().text, "a & b < c\nd");
        assert_eq!(r.child("d").unwrap().text, "");
        assert_eq!(r.child("e").unwrap().text, "");
        for bad in [
            "<a b></a>",
            "<a b=c></a>",
            "<a><b></a></b>",
            "<a><!ELEMENT x></a>",
            "<a>&#0;</a>",
            "<a>&#xD800;</a>",
            "<a",
            "<a></a",
            "text<a/>",
            "<>",
            "<a><![CDATA[x</a>",
        ] {
            assert!(parse_document(bad.as_bytes()).is_err(), "{bad}");
        }
        assert!(parse_document(b"<a>\xff</a>")
            .unwrap_err()
            .message()
            .contains("UTF-8"));
    }
}
