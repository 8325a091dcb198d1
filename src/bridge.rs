//! The string protocol between the npm package's JS shell and the core.
//!
//! Everything that crosses the wasm boundary is a string, a byte slice or a number, so the binding
//! (`src/js/`) is a handful of one-line exports and the JS glue stays tiny. This module is plain
//! Rust, tested natively:
//!
//! * **Input** arrives as `JSON.stringify(input)`; [`input_from_json`] reads it straight into
//!   [`CreateSnapshotInput`], checking every member's type and naming the member in errors.
//! * **Outputs** leave as JSON text ([`snapshot_json`], [`error_json`]) for `JSON.parse`, with
//!   timestamps as epoch milliseconds (the shell turns the three timestamp members into `Date`s).
//! * **Requests** leave as lines: `url`, `body`, then header name and value lines ([`lines`]); none
//!   of them can contain a line break (URLs are validated, bodies are percent-encoded, header values
//!   with CR/LF are refused before signing).
//! * **Errors** are a string starting with NUL: `"\0" + Error.name + "\0" + message` ([`error`]).
//! * **Per-call configuration** (endpoint, signing region, user agents, credentials) is one string
//!   of lines ([`Context`]), so wasm holds no per-client objects that would have to be freed.

use crate::model::{CreateSnapshotInput, Snapshot, SnapshotLocation, Tag, TagSpecification};
use crate::sigv4::Credentials;
use crate::xml::ErrorBody;
use crate::{Error, Result};

/// Marks a returned string as an error.
pub const ERROR_MARK: char = '\0';

/// `"\0" + name + "\0" + message`: what the shell turns into a JS `Error` with that `name`.
pub fn error(e: &Error) -> String {
    let name = e.kind().js_name();
    let mut s = String::with_capacity(2 + name.len() + e.message().len());
    s.push(ERROR_MARK);
    s.push_str(name);
    s.push(ERROR_MARK);
    s.push_str(e.message());
    s
}

/// An ok result as-is, an error as [`error`].
pub fn result(r: Result<String>) -> String {
    r.unwrap_or_else(|e| error(&e))
}

/// Joins `parts` with `\n`, refusing any part that contains a line break (it would shift every
/// later line when the shell splits them).
pub fn lines<'a>(parts: impl IntoIterator<Item = &'a str>) -> Result<String> {
    let mut out = String::new();
    for (i, p) in parts.into_iter().enumerate() {
        if p.bytes().any(|b| b == b'\n' || b == b'\r') {
            return Err(Error::invalid_input("request", "contains a line break"));
        }
        if i > 0 {
            out.push('\n');
        }
        out.push_str(p);
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Per-call context

/// The client configuration and credentials a call signs with, parsed from the shell's string:
/// lines `endpoint`, `signing region`, `x-amz-user-agent`, `user-agent` (empty: none), access key
/// id, secret access key, session token (empty: none).
pub struct Context<'a> {
    /// Resolved endpoint URL.
    pub endpoint: &'a str,
    /// Region the request is signed for.
    pub signing_region: &'a str,
    /// `x-amz-user-agent` value.
    pub x_amz_user_agent: &'a str,
    /// `user-agent` value (never in browsers).
    pub user_agent: Option<&'a str>,
    /// Credentials to sign with.
    pub credentials: Credentials,
}

impl std::fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("endpoint", &self.endpoint)
            .field("signing_region", &self.signing_region)
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl<'a> Context<'a> {
    /// Reads the seven lines; anything else is a configuration error (never echoing the text,
    /// which holds the secret).
    pub fn parse(s: &'a str) -> Result<Context<'a>> {
        let mut it = s.split('\n');
        let mut next = || it.next();
        let (
            Some(endpoint),
            Some(region),
            Some(xua),
            Some(ua),
            Some(akid),
            Some(secret),
            Some(tok),
        ) = (next(), next(), next(), next(), next(), next(), next())
        else {
            return Err(Error::invalid_config(
                "credentials: access key id, secret and session token must not contain line breaks",
            ));
        };
        if next().is_some() {
            return Err(Error::invalid_config(
                "credentials: access key id, secret and session token must not contain line breaks",
            ));
        }
        Ok(Context {
            endpoint,
            signing_region: region,
            x_amz_user_agent: xua,
            user_agent: (!ua.is_empty()).then_some(ua),
            credentials: Credentials {
                access_key_id: akid.to_owned(),
                secret_access_key: secret.to_owned(),
                session_token: (!tok.is_empty()).then(|| tok.to_owned()),
            },
        })
    }
}

// ---------------------------------------------------------------------------------------------
// JSON in

/// A pull reader over JSON text (what `JSON.stringify` produces; anything else is refused with an
/// error, never a panic). Values the model does not know are skipped without recursion.
struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

/// Nesting allowed inside a skipped value: far more than any real input, and a bound on work.
const MAX_SKIP_DEPTH: usize = 512;

fn not_json() -> Error {
    Error::invalid_input("input", "is not valid JSON")
}

impl<'a> Reader<'a> {
    fn new(s: &'a str) -> Self {
        Reader {
            b: s.as_bytes(),
            i: 0,
        }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// The JS type of the next value, for error messages.
    fn type_name(&mut self) -> &'static str {
        match self.peek() {
            Some(b'"') => "string",
            Some(b't' | b'f') => "boolean",
            Some(b'n') => "null",
            Some(b'[') => "array",
            Some(b'{') => "object",
            _ => "number",
        }
    }

    /// Consumes `null` if it is next: JSON's form of an absent member (`undefined` members are
    /// dropped by `JSON.stringify`).
    fn null(&mut self) -> Result<bool> {
        if self.peek() != Some(b'n') {
            return Ok(false);
        }
        self.literal(b"null")?;
        Ok(true)
    }

    fn literal(&mut self, lit: &[u8]) -> Result<()> {
        if self.b.get(self.i..self.i + lit.len()) == Some(lit) {
            self.i += lit.len();
            Ok(())
        } else {
            Err(not_json())
        }
    }

    /// A string's raw bytes between the quotes (escapes not yet decoded).
    fn raw_string(&mut self) -> Result<&'a [u8]> {
        if !self.eat(b'"') {
            return Err(not_json());
        }
        let start = self.i;
        loop {
            match self.b.get(self.i) {
                None => return Err(not_json()),
                Some(b'"') => break,
                Some(b'\\') => self.i += 2,
                Some(_) => self.i += 1,
            }
        }
        let raw = self.b.get(start..self.i).ok_or_else(not_json)?;
        self.i += 1;
        Ok(raw)
    }

    /// Skips one value of any type.
    fn skip(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.raw_string()?;
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    if depth > MAX_SKIP_DEPTH {
                        return Err(Error::invalid_input("input", "is nested too deeply"));
                    }
                    self.i += 1;
                    continue;
                }
                Some(b'}' | b']') if depth > 0 => {
                    depth -= 1;
                    self.i += 1;
                }
                Some(b',' | b':') if depth > 0 => {
                    self.i += 1;
                    continue;
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(b'-' | b'0'..=b'9') => {
                    while let Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') =
                        self.b.get(self.i)
                    {
                        self.i += 1;
                    }
                }
                _ => return Err(not_json()),
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    /// Walks an object's members: `f(reader, raw key)` must consume the value.
    fn object(&mut self, mut f: impl FnMut(&mut Self, &'a [u8]) -> Result<()>) -> Result<()> {
        if !self.eat(b'{') {
            return Err(not_json());
        }
        if self.eat(b'}') {
            return Ok(());
        }
        loop {
            let key = self.raw_string()?;
            if !self.eat(b':') {
                return Err(not_json());
            }
            f(self, key)?;
            if self.eat(b'}') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(not_json());
            }
        }
    }

    /// Walks an array's elements: `f(reader, index)` must consume the element.
    fn array(&mut self, mut f: impl FnMut(&mut Self, usize) -> Result<()>) -> Result<()> {
        if !self.eat(b'[') {
            return Err(not_json());
        }
        if self.eat(b']') {
            return Ok(());
        }
        let mut i = 0;
        loop {
            f(self, i)?;
            i += 1;
            if self.eat(b']') {
                return Ok(());
            }
            if !self.eat(b',') {
                return Err(not_json());
            }
        }
    }

    /// A string member (`field` names it in errors).
    fn string(&mut self, field: &dyn Fn() -> String) -> Result<String> {
        if self.peek() != Some(b'"') {
            let t = self.type_name();
            return Err(Error::invalid_input(
                &field(),
                format_args!("must be a string, got {t}"),
            ));
        }
        let raw = self.raw_string()?;
        unescape(raw).ok_or_else(|| {
            Error::invalid_input(
                &field(),
                "must be well-formed Unicode (it contains a lone surrogate)",
            )
        })
    }

    /// `null` → `None`, else a string.
    fn opt_string(&mut self, field: &dyn Fn() -> String) -> Result<Option<String>> {
        if self.null()? {
            return Ok(None);
        }
        self.string(field).map(Some)
    }

    /// Checks that an object comes next (`field` names it).
    fn expect(&mut self, open: u8, what: &str, field: &dyn Fn() -> String) -> Result<()> {
        if self.peek() == Some(open) {
            return Ok(());
        }
        let t = self.type_name();
        Err(Error::invalid_input(
            &field(),
            format_args!("must be {what}, got {t}"),
        ))
    }

    fn end(&mut self) -> Result<()> {
        if self.peek().is_some() {
            return Err(not_json());
        }
        Ok(())
    }
}

fn hex4(b: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &c in b.get(..4)? {
        v = v * 16 + (c as char).to_digit(16)?;
    }
    Some(v)
}

/// Decodes a JSON string's escapes; `None` for a lone surrogate (or a malformed escape, which
/// `JSON.stringify` never writes).
fn unescape(raw: &[u8]) -> Option<String> {
    if !raw.contains(&b'\\') {
        return std::str::from_utf8(raw).ok().map(str::to_owned);
    }
    let mut out: Vec<u8> = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let e = *raw.get(i + 1)?;
        i += 2;
        let simple = match e {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => 0,
            _ => return None,
        };
        if e != b'u' {
            out.push(simple);
            continue;
        }
        let mut cp = hex4(raw.get(i..)?)?;
        i += 4;
        if (0xD800..0xDC00).contains(&cp) {
            // A high surrogate must be followed by an escaped low one.
            if raw.get(i..i + 2) != Some(b"\\u") {
                return None;
            }
            let lo = hex4(raw.get(i + 2..)?)?;
            if !(0xDC00..0xE000).contains(&lo) {
                return None;
            }
            i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        let ch = char::from_u32(cp)?;
        let mut buf = [0u8; 4];
        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
    }
    String::from_utf8(out).ok()
}

/// Reads `JSON.stringify(input)` of a `CreateSnapshotCommand` input with the AWS SDK's member
/// names, checking every type. `null` members and list entries count as absent, as in the SDK.
pub fn input_from_json(json: &str) -> Result<CreateSnapshotInput> {
    let mut r = Reader::new(json);
    r.expect(b'{', "an object", &|| "input".into())?;
    let mut volume_id = None;
    let mut input = CreateSnapshotInput::default();
    r.object(|r, key| {
        match key {
            b"VolumeId" => volume_id = r.opt_string(&|| "VolumeId".into())?,
            b"Description" => input.description = r.opt_string(&|| "Description".into())?,
            b"OutpostArn" => input.outpost_arn = r.opt_string(&|| "OutpostArn".into())?,
            b"Location" => {
                input.location = r
                    .opt_string(&|| "Location".into())?
                    .map(|l| SnapshotLocation::from_wire(&l))
            }
            b"DryRun" => {
                input.dry_run = match r.peek() {
                    Some(b'n') => r.null().map(|_| None)?,
                    Some(b't') => r.literal(b"true").map(|_| Some(true))?,
                    Some(b'f') => r.literal(b"false").map(|_| Some(false))?,
                    _ => {
                        let t = r.type_name();
                        return Err(Error::invalid_input(
                            "DryRun",
                            format_args!("must be a boolean, got {t}"),
                        ));
                    }
                }
            }
            b"TagSpecifications" => input.tag_specifications = tag_specifications(r)?,
            _ => r.skip()?,
        }
        Ok(())
    })?;
    r.end()?;
    input.volume_id = volume_id.ok_or_else(|| Error::invalid_input("VolumeId", "is required"))?;
    Ok(input)
}

fn tag_specifications(r: &mut Reader<'_>) -> Result<Option<Vec<TagSpecification>>> {
    if r.null()? {
        return Ok(None);
    }
    r.expect(b'[', "an array", &|| "TagSpecifications".into())?;
    let mut specs = Vec::new();
    r.array(|r, i| {
        if r.null()? {
            return Ok(());
        }
        r.expect(b'{', "an object", &|| format!("TagSpecifications[{i}]"))?;
        let mut spec = TagSpecification {
            resource_type: None,
            tags: None,
        };
        r.object(|r, key| {
            match key {
                b"ResourceType" => {
                    spec.resource_type =
                        r.opt_string(&|| format!("TagSpecifications[{i}].ResourceType"))?
                }
                b"Tags" => spec.tags = tags(r, i)?,
                _ => r.skip()?,
            }
            Ok(())
        })?;
        specs.push(spec);
        Ok(())
    })?;
    Ok(Some(specs))
}

fn tags(r: &mut Reader<'_>, i: usize) -> Result<Option<Vec<Tag>>> {
    if r.null()? {
        return Ok(None);
    }
    r.expect(b'[', "an array", &|| format!("TagSpecifications[{i}].Tags"))?;
    let mut list = Vec::new();
    r.array(|r, j| {
        if r.null()? {
            return Ok(());
        }
        r.expect(b'{', "an object", &|| {
            format!("TagSpecifications[{i}].Tags[{j}]")
        })?;
        let mut tag = Tag {
            key: None,
            value: None,
        };
        r.object(|r, key| {
            match key {
                b"Key" => {
                    tag.key = r.opt_string(&|| format!("TagSpecifications[{i}].Tags[{j}].Key"))?
                }
                b"Value" => {
                    tag.value =
                        r.opt_string(&|| format!("TagSpecifications[{i}].Tags[{j}].Value"))?
                }
                _ => r.skip()?,
            }
            Ok(())
        })?;
        list.push(tag);
        Ok(())
    })?;
    Ok(Some(list))
}

/// Reads `JSON.stringify(request.headers)`: names and string values in order; `null` values are
/// left out (as `undefined` ones already are by `JSON.stringify`).
pub fn headers_from_json(json: &str) -> Result<Vec<(String, String)>> {
    let mut r = Reader::new(json);
    r.expect(b'{', "an object", &|| "request.headers".into())?;
    let mut out = Vec::new();
    r.object(|r, key| {
        let name = unescape(key).ok_or_else(|| {
            Error::invalid_input(
                "request.headers",
                "a header name is not well-formed Unicode",
            )
        })?;
        if let Some(v) =
            r.opt_string(&|| format!("request.headers[{}]", crate::xml::quote(&name)))?
        {
            out.push((name, v));
        }
        Ok(())
    })?;
    r.end()?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// JSON out

/// Builds a JSON object member by member.
struct Writer {
    s: String,
    first: bool,
}

impl Writer {
    fn new() -> Self {
        let mut s = String::with_capacity(512);
        s.push('{');
        Writer { s, first: true }
    }

    fn key(&mut self, k: &str) {
        if !self.first {
            self.s.push(',');
        }
        self.first = false;
        self.s.push('"');
        self.s.push_str(k);
        self.s.push_str("\":");
    }

    fn string(&mut self, k: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.key(k);
            push_json_string(&mut self.s, v);
        }
    }

    fn int(&mut self, k: &str, v: Option<i64>) {
        if let Some(v) = v {
            self.key(k);
            push_int(&mut self.s, v);
        }
    }

    fn finish(mut self) -> String {
        self.s.push('}');
        self.s
    }
}

fn push_int(s: &mut String, v: i64) {
    if v < 0 {
        s.push('-');
    }
    crate::xml::push_u64(s, v.unsigned_abs());
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

/// Timestamps leave as integral epoch milliseconds (the core never produces fractions).
fn millis(v: Option<f64>) -> Option<i64> {
    v.map(|ms| ms as i64)
}

/// The output object's members in the SDK's order, as JSON. Timestamps (`RestoreExpiryTime`,
/// `CompletionTime`, `StartTime`) are epoch milliseconds.
pub fn snapshot_json(s: &Snapshot) -> String {
    let mut w = Writer::new();
    w.string("OwnerAlias", s.owner_alias.as_deref());
    w.string("OutpostArn", s.outpost_arn.as_deref());
    if let Some(tags) = &s.tags {
        w.key("Tags");
        w.s.push('[');
        for (i, t) in tags.iter().enumerate() {
            if i > 0 {
                w.s.push(',');
            }
            let mut tw = Writer::new();
            tw.string("Key", t.key.as_deref());
            tw.string("Value", t.value.as_deref());
            w.s.push_str(&tw.finish());
        }
        w.s.push(']');
    }
    w.string("StorageTier", s.storage_tier.as_ref().map(|v| v.as_str()));
    w.int("RestoreExpiryTime", millis(s.restore_expiry_time));
    w.string("SseType", s.sse_type.as_ref().map(|v| v.as_str()));
    w.string("AvailabilityZone", s.availability_zone.as_deref());
    w.string("TransferType", s.transfer_type.as_ref().map(|v| v.as_str()));
    w.int(
        "CompletionDurationMinutes",
        s.completion_duration_minutes.map(i64::from),
    );
    w.int("CompletionTime", millis(s.completion_time));
    w.int("FullSnapshotSizeInBytes", s.full_snapshot_size_in_bytes);
    w.string("SnapshotId", s.snapshot_id.as_deref());
    w.string("VolumeId", s.volume_id.as_deref());
    w.string("State", s.state.as_ref().map(|v| v.as_str()));
    w.string("StateMessage", s.state_message.as_deref());
    w.int("StartTime", millis(s.start_time));
    w.string("Progress", s.progress.as_deref());
    w.string("OwnerId", s.owner_id.as_deref());
    w.string("Description", s.description.as_deref());
    w.int("VolumeSize", s.volume_size.map(i64::from));
    if let Some(b) = s.encrypted {
        w.key("Encrypted");
        w.s.push_str(if b { "true" } else { "false" });
    }
    w.string("KmsKeyId", s.kms_key_id.as_deref());
    w.string("DataEncryptionKeyId", s.data_encryption_key_id.as_deref());
    w.finish()
}

/// `{"Code","Message","RequestID","fields":[[name,text],…]}` for the shell to build the exception.
pub fn error_json(e: &ErrorBody) -> String {
    let mut w = Writer::new();
    w.string("Code", e.error.code.as_deref());
    w.string("Message", e.error.message.as_deref());
    w.string("RequestID", e.error.request_id.as_deref());
    w.key("fields");
    w.s.push('[');
    for (i, (k, v)) in e.fields.iter().enumerate() {
        if i > 0 {
            w.s.push(',');
        }
        w.s.push('[');
        push_json_string(&mut w.s, k);
        w.s.push(',');
        push_json_string(&mut w.s, v);
        w.s.push(']');
    }
    w.s.push(']');
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_member_in_any_order_and_skips_unknown_ones() {
        let i = input_from_json(
            r#"{"x":{"a":[1,{"b":null},"\"]"]},"DryRun":true,"VolumeId":"vol-1","Description":"a\"b\\c\n\u00e9\ud83d\ude00","TagSpecifications":[null,{"ResourceType":"snapshot","Tags":[{"Key":"k","Value":""},null,{}]}],"Location":"moon","OutpostArn":null}"#,
        )
        .unwrap();
        assert_eq!(i.volume_id, "vol-1");
        assert_eq!(i.description.as_deref(), Some("a\"b\\c\né😀"));
        assert_eq!(i.dry_run, Some(true));
        assert_eq!(i.outpost_arn, None);
        assert_eq!(i.location, Some(SnapshotLocation::Unknown("moon".into())));
        let specs = i.tag_specifications.unwrap();
        assert_eq!(specs.len(), 1);
        let tags = specs[0].tags.as_ref().unwrap();
        assert_eq!(tags.len(), 2);
        assert_eq!(tags[0].value.as_deref(), Some(""));
        assert_eq!(tags[1].key, None);
    }

    #[test]
    fn type_errors_name_the_member_and_the_rule() {
        for (json, msg) in [
            ("null", "input: must be an object, got null"),
            ("[]", "input: must be an object, got array"),
            ("{}", "VolumeId: is required"),
            (r#"{"VolumeId":null}"#, "VolumeId: is required"),
            (
                r#"{"VolumeId":7}"#,
                "VolumeId: must be a string, got number",
            ),
            (
                r#"{"VolumeId":"v","Description":{}}"#,
                "Description: must be a string, got object",
            ),
            (
                r#"{"VolumeId":"v","DryRun":"yes"}"#,
                "DryRun: must be a boolean, got string",
            ),
            (
                r#"{"VolumeId":"v","TagSpecifications":{}}"#,
                "TagSpecifications: must be an array, got object",
            ),
            (
                r#"{"VolumeId":"v","TagSpecifications":[null,1]}"#,
                "TagSpecifications[1]: must be an object, got number",
            ),
            (
                r#"{"VolumeId":"v","TagSpecifications":[{"Tags":[{"Key":"k","Value":1}]}]}"#,
                "TagSpecifications[0].Tags[0].Value: must be a string, got number",
            ),
            (
                r#"{"VolumeId":"v","Description":"\ud800"}"#,
                "Description: must be well-formed Unicode (it contains a lone surrogate)",
            ),
            (
                r#"{"VolumeId":"v","Description":"\udc00\ud800"}"#,
                "Description: must be well-formed Unicode (it contains a lone surrogate)",
            ),
            (r#"{"VolumeId":"v""#, "input: is not valid JSON"),
            (r#"{"VolumeId":"v"} x"#, "input: is not valid JSON"),
        ] {
            let e = input_from_json(json).unwrap_err();
            assert_eq!(e.message(), msg, "{json}");
            assert_eq!(e.kind().js_name(), "ValidationError");
        }
    }

    #[test]
    fn deep_unknown_members_are_bounded() {
        let deep = format!(
            "{{\"VolumeId\":\"v\",\"x\":{}1{}}}",
            "[".repeat(600),
            "]".repeat(600)
        );
        assert_eq!(
            input_from_json(&deep).unwrap_err().message(),
            "input: is nested too deeply"
        );
        let ok = format!(
            "{{\"VolumeId\":\"v\",\"x\":{}1{}}}",
            "[".repeat(500),
            "]".repeat(500)
        );
        assert_eq!(input_from_json(&ok).unwrap().volume_id, "v");
    }

    #[test]
    fn headers_keep_order_and_check_types() {
        let h = headers_from_json(r#"{"b":"1","a":"2","x-y":null}"#).unwrap();
        assert_eq!(h, [("b".into(), "1".into()), ("a".into(), "2".into())]);
        assert_eq!(
            headers_from_json(r#"{"a":1}"#).unwrap_err().message(),
            "request.headers[\"a\"]: must be a string, got number"
        );
        assert_eq!(
            headers_from_json(r#""s""#).unwrap_err().message(),
            "request.headers: must be an object, got string"
        );
    }

    #[test]
    fn json_strings_escape_what_json_requires() {
        let mut s = String::new();
        push_json_string(&mut s, "a\"\\\n\r\t\u{1}\u{7f}é😀\u{2028}");
        assert_eq!(s, "\"a\\\"\\\\\\n\\r\\t\\u0001\u{7f}é😀\u{2028}\"");
        let mut n = String::new();
        for v in [0, -1, 42, i64::MIN, i64::MAX] {
            n.clear();
            push_int(&mut n, v);
            assert_eq!(n, v.to_string());
        }
    }

    #[test]
    fn context_needs_exactly_seven_lines_and_never_echoes_them() {
        let c = Context::parse("https://h\nus-east-1\nxua\n\nAKID\nSECRET\n").unwrap();
        assert_eq!(c.user_agent, None);
        assert_eq!(c.credentials.session_token, None);
        assert!(!format!("{c:?}").contains("SECRET"));
        let e = Context::parse("https://h\nus-east-1\nxua\n\nAKID\nSEC\nRET\nTOKEN").unwrap_err();
        assert!(!e.message().contains("SEC"));
        assert!(Context::parse("a\nb").is_err());
    }

    #[test]
    fn lines_refuse_line_breaks() {
        assert_eq!(lines(["a", "b"]).unwrap(), "a\nb");
        assert!(lines(["a", "b\r"]).is_err());
        assert!(error(&Error::invalid_config("x")).starts_with("\0ConfigurationError\0x"));
    }
}
