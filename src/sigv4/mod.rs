//! AWS Signature Version 4 (`AWS4-HMAC-SHA256`), header and query (presigned URL) signing.
//!
//! Each step is a value whose `Display` is the exact text the specification and the official test
//! suites print: [`CanonicalRequest`], [`StringToSign`], then the signature and the `Authorization`
//! header. Time is a parameter; nothing here reads the clock.

mod cache;
mod hmac;

pub use cache::SigningKeyCache;
pub use hmac::{hex, hmac, sha256, HmacKey};

use crate::text::{ascii_string, percent_encode_bytes, push_u64};
use crate::time::AmzDate;
use crate::{Error, Result};
use std::fmt;

/// The algorithm identifier.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Headers the AWS SDK for JavaScript never signs (`@smithy/signature-v4` `ALWAYS_UNSIGNABLE_HEADERS`),
/// plus any `proxy-*` or `sec-*` header.
const UNSIGNABLE: &[&str] = &[
    "authorization",
    "cache-control",
    "connection",
    "expect",
    "from",
    "keep-alive",
    "max-forwards",
    "pragma",
    "referer",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// True when a header name (any case) is signed by the JS SDK's rules.
pub fn is_signable(name: &str) -> bool {
    let prefixed = |p: &str| {
        name.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    };
    !(UNSIGNABLE.iter().any(|u| u.eq_ignore_ascii_case(name))
        || prefixed("proxy-")
        || prefixed("sec-"))
}

/// AWS credentials. `Debug` never prints the secret or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// Access key id (not secret; appears in the `Credential=` scope).
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: String,
    /// Session token of temporary credentials.
    pub session_token: Option<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// Where the session token goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SessionTokenMode {
    /// Signed, as part of the canonical request (what the AWS SDKs do).
    #[default]
    Include,
    /// Added after signing, unsigned (some services; the `post-sts-header-after` vector).
    AppendAfterSigning,
}

/// How to sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SigningSettings {
    /// Remove `.`/`..` segments and empty segments from the path before encoding (all services but S3).
    pub normalize_path: bool,
    /// Add and sign `x-amz-content-sha256` (the JS SDK does for every request).
    pub sign_payload_header: bool,
    /// Where the session token goes.
    pub session_token: SessionTokenMode,
}

impl Default for SigningSettings {
    fn default() -> Self {
        SigningSettings {
            normalize_path: true,
            sign_payload_header: true,
            session_token: SessionTokenMode::Include,
        }
    }
}

/// The request as it will go on the wire. `path` is the raw path, `query` the raw query string
/// without `?` (may be empty). Header names may have any case.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Raw path, starting with `/`.
    pub path: &'a str,
    /// Raw query string, no leading `?`.
    pub query: &'a str,
    /// Headers in order; `host` must be among them.
    pub headers: &'a [(&'a str, &'a str)],
    /// Body bytes.
    pub body: &'a [u8],
}

/// Signing scope and time.
#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    /// Credentials.
    pub credentials: &'a Credentials,
    /// Signing region, e.g. `us-east-1`.
    pub region: &'a str,
    /// Signing name, e.g. `ec2`.
    pub service: &'a str,
    /// Signing time, epoch seconds.
    pub time_secs: i64,
    /// Options.
    pub settings: SigningSettings,
}

/// Task 1: the canonical request. `Display` prints it exactly as the spec defines it; `Debug`
/// redacts the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct CanonicalRequest {
    /// HTTP method.
    pub method: String,
    /// Canonical URI (normalized, URI-encoded path).
    pub path: String,
    /// Canonical query string.
    pub query: String,
    /// Canonical headers: lower-case names, sorted, with trimmed values (duplicates joined by `,`).
    pub headers: Vec<(String, String)>,
    /// `;`-joined signed header names.
    pub signed_headers: String,
    /// Hex SHA-256 of the body (or `UNSIGNED-PAYLOAD`).
    pub payload_hash: String,
}

impl fmt::Display for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.method)?;
        writeln!(f, "{}", self.path)?;
        writeln!(f, "{}", self.query)?;
        for (n, v) in &self.headers {
            writeln!(f, "{n}:{v}")?;
        }
        writeln!(f)?;
        writeln!(f, "{}", self.signed_headers)?;
        f.write_str(&self.payload_hash)
    }
}

impl CanonicalRequest {
    /// The canonical request with header values of security-relevant headers replaced, for logs.
    pub fn redacted(&self) -> String {
        let mut c = self.clone();
        for (n, v) in &mut c.headers {
            if n == "x-amz-security-token" {
                *v = "** redacted **".into();
            }
        }
        c.to_string()
    }
}

/// Task 2: the string to sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringToSign {
    /// `YYYYMMDDTHHMMSSZ`
    pub amz_date: String,
    /// `date/region/service/aws4_request`
    pub scope: String,
    /// Hex SHA-256 of the canonical request.
    pub canonical_request_hash: String,
}

impl fmt::Display for StringToSign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{ALGORITHM}\n{}\n{}\n{}",
            self.amz_date, self.scope, self.canonical_request_hash
        )
    }
}

/// Everything signing produced. `Debug` redacts the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningOutput {
    /// Task 1 result.
    pub canonical_request: CanonicalRequest,
    /// Task 2 result.
    pub string_to_sign: StringToSign,
    /// Task 3 result: hex signature.
    pub signature: String,
    /// Header mode: headers to add, in the JS SDK's order (`X-Amz-Date`, `X-Amz-Security-Token`,
    /// `x-amz-content-sha256`, `Authorization`). Query mode: query parameters to append, in order,
    /// already percent-encoded.
    pub additions: Vec<(String, String)>,
}

/// Header or parameter pairs with the session token's value replaced.
pub(crate) fn redacted_pairs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(n, v)| {
            if n.eq_ignore_ascii_case("x-amz-security-token") {
                (n.as_str(), "** redacted **")
            } else {
                (n.as_str(), v.as_str())
            }
        })
        .collect()
}

impl fmt::Debug for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CanonicalRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &redacted_pairs(&self.headers))
            .field("signed_headers", &self.signed_headers)
            .field("payload_hash", &self.payload_hash)
            .finish()
    }
}

impl fmt::Debug for SigningOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningOutput")
            .field("canonical_request", &self.canonical_request)
            .field("string_to_sign", &self.string_to_sign)
            .field("signature", &self.signature)
            .field("additions", &redacted_pairs(&self.additions))
            .finish()
    }
}

impl SigningOutput {
    /// The `Authorization` header value (header mode).
    pub fn authorization(&self) -> Option<&str> {
        self.additions
            .iter()
            .find(|(n, _)| n == "Authorization")
            .map(|(_, v)| v.as_str())
    }
}

/// URI-encodes `s` per SigV4 (RFC 3986 unreserved kept; `/` kept when `keep_slash`).
pub fn uri_encode_into(out: &mut String, s: &[u8], keep_slash: bool) {
    let mut v = Vec::with_capacity(s.len());
    percent_encode_bytes(&mut v, s, keep_slash);
    out.push_str(&ascii_string(v));
}

fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

fn percent_decode(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            if let (Some(x), Some(y)) = (
                b.get(i + 1).copied().and_then(hex_digit),
                b.get(i + 2).copied().and_then(hex_digit),
            ) {
                out.push(x * 16 + y);
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Sorts `idx` so that `less` holds between neighbours: a heapsort (O(n log n) whatever the input,
/// no recursion), instantiated once for every caller. Not stable: callers break ties themselves.
fn sort_indices(idx: &mut [usize], less: &dyn Fn(usize, usize) -> bool) {
    fn sift(idx: &mut [usize], mut root: usize, end: usize, less: &dyn Fn(usize, usize) -> bool) {
        loop {
            let mut child = 2 * root + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && less(idx[child], idx[child + 1]) {
                child += 1;
            }
            if !less(idx[root], idx[child]) {
                return;
            }
            idx.swap(root, child);
            root = child;
        }
    }
    let n = idx.len();
    for root in (0..n / 2).rev() {
        sift(idx, root, n, less);
    }
    for end in (1..n).rev() {
        idx.swap(0, end);
        sift(idx, 0, end, less);
    }
}

/// Appends the canonical URI: optionally normalized, then every segment URI-encoded (so an
/// existing `%` is encoded again, as all services but S3 expect).
fn canonical_path_into(out: &mut Vec<u8>, path: &[u8], normalize: bool) {
    if !normalize {
        let start = out.len();
        percent_encode_bytes(out, path, true);
        if out.len() == start {
            out.push(b'/');
        }
        return;
    }
    let mut segs: Vec<&[u8]> = Vec::new();
    for seg in path.split(|&b| b == b'/') {
        match seg {
            b"" | b"." => {}
            b".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    out.push(b'/');
    for (i, s) in segs.iter().enumerate() {
        if i > 0 {
            out.push(b'/');
        }
        percent_encode_bytes(out, s, false);
    }
    if !segs.is_empty() && path.ends_with(b"/") {
        out.push(b'/');
    }
}

/// The canonical URI: optionally normalized, then every segment URI-encoded (so an existing `%`
/// is encoded again, as all services but S3 expect).
pub fn canonical_path(path: &str, normalize: bool) -> String {
    let mut out = Vec::with_capacity(path.len() + 8);
    canonical_path_into(&mut out, path.as_bytes(), normalize);
    ascii_string(out)
}

/// Appends the canonical query string: pairs decoded, re-encoded, sorted by key then value; `extra`
/// pairs are already encoded.
fn canonical_query_into(out: &mut Vec<u8>, query: &[u8], extra: &[(String, String)]) {
    if query.is_empty() && extra.is_empty() {
        return;
    }
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    for part in query.split(|&b| b == b'&').filter(|p| !p.is_empty()) {
        let (k, v) = match part.iter().position(|&b| b == b'=') {
            Some(i) => (
                part.get(..i).unwrap_or(part),
                part.get(i + 1..).unwrap_or(b""),
            ),
            None => (part, &b""[..]),
        };
        let mut ek = Vec::new();
        percent_encode_bytes(&mut ek, &percent_decode(k), false);
        let mut ev = Vec::new();
        percent_encode_bytes(&mut ev, &percent_decode(v), false);
        pairs.push((ek, ev));
    }
    pairs.extend(
        extra
            .iter()
            .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec())),
    );
    // Equal pairs are identical, so an unstable order is exact.
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    sort_indices(&mut order, &|a, b| pairs[a] < pairs[b]);
    for (i, &ix) in order.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        let (k, v) = &pairs[ix];
        out.extend_from_slice(k);
        out.push(b'=');
        out.extend_from_slice(v);
    }
}

/// The canonical query string: pairs decoded, re-encoded, sorted by key then value.
pub fn canonical_query(query: &str, extra: &[(String, String)]) -> String {
    let mut out = Vec::new();
    canonical_query_into(&mut out, query.as_bytes(), extra);
    ascii_string(out)
}

/// Canonical header value: CR/LF become spaces, runs of spaces/tabs collapse, ends trimmed. Splits
/// only at ASCII bytes, so UTF-8 sequences are copied whole.
fn canonical_value(out: &mut Vec<u8>, v: &[u8]) {
    let ws = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    if !v.iter().any(ws) {
        out.extend_from_slice(v);
        return;
    }
    for (i, w) in v.split(ws).filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        out.extend_from_slice(w);
    }
}

fn push_lower(out: &mut Vec<u8>, name: &[u8]) {
    let start = out.len();
    out.extend_from_slice(name);
    if let Some(added) = out.get_mut(start..) {
        added.make_ascii_lowercase();
    }
}

fn lower_cmp(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
    }
    a.len().cmp(&b.len())
}

/// Appends the canonical headers (a `name:value` line per distinct lower-case name, sorted, the
/// values of repeated names joined by `,` in request order), the empty line and the signed header
/// list. Returns the number of header lines and where the signed list is in `out`.
fn canonical_headers_into(
    out: &mut Vec<u8>,
    list: &[(&[u8], &[u8])],
) -> (usize, std::ops::Range<usize>) {
    let mut order: Vec<usize> = (0..list.len()).collect();
    // Ties broken by position: repeated names keep their request order.
    sort_indices(&mut order, &|a, b| {
        lower_cmp(list[a].0, list[b].0).then(a.cmp(&b)).is_lt()
    });
    let same_as_previous =
        |k: usize| k > 0 && list[order[k - 1]].0.eq_ignore_ascii_case(list[order[k]].0);
    let mut lines = 0;
    for k in 0..order.len() {
        let (name, value) = list[order[k]];
        if same_as_previous(k) {
            out.push(b',');
        } else {
            if k > 0 {
                out.push(b'\n');
            }
            push_lower(out, name);
            out.push(b':');
            lines += 1;
        }
        canonical_value(out, value);
    }
    if lines > 0 {
        out.push(b'\n');
    }
    out.push(b'\n');
    let start = out.len();
    for k in 0..order.len() {
        if !same_as_previous(k) {
            if out.len() > start {
                out.push(b';');
            }
            push_lower(out, list[order[k]].0);
        }
    }
    (lines, start..out.len())
}

/// One bit per byte value: set for RFC 9110 `tchar`.
const TCHAR: [u8; 32] = {
    let mut t = [0u8; 32];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            )
        {
            t[b >> 3] |= 1 << (b & 7);
        }
        b += 1;
    }
    t
};

/// RFC 9110 `tchar`: what a method or a header name may contain.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| TCHAR[usize::from(b >> 3)] & (1 << (b & 7)) != 0)
}

fn check_header(name: &str, value: &str) -> Result<()> {
    if !is_token(name) {
        return Err(Error::invalid_input(
            "headers",
            format_args!(
                "header name {} is not a valid HTTP token",
                crate::text::quote(name)
            ),
        ));
    }
    // NUL never belongs in a header. CR LF is the spec's obsolete line folding, which canonical
    // values unfold (the multi-line vectors); requests for the wire are checked for CR/LF in
    // `request::sign_http_request`. The value is never quoted (it may be a session token).
    if value.as_bytes().contains(&0) {
        return Err(Error::invalid_input(
            "headers",
            format_args!("header {name} contains a NUL byte"),
        ));
    }

    Ok(())
}

fn check_method(method: &str) -> Result<()> {
    if is_token(method) {
        Ok(())
    } else {
        Err(Error::invalid_input(
            "method",
            format_args!("{} is not a valid HTTP method", crate::text::quote(method)),
        ))
    }
}

/// `date/region/service/aws4_request`.
fn scope(date: &AmzDate, region: &str, service: &str) -> String {
    let mut s = String::with_capacity(23 + region.len() + service.len());
    for part in [date.date(), "/", region, "/", service, "/aws4_request"] {
        s.push_str(part);
    }
    s
}

fn signing_hmac<'c>(
    params: &SigningParams<'_>,
    date: &AmzDate,
    cache: Option<&'c mut SigningKeyCache>,
) -> std::borrow::Cow<'c, HmacKey> {
    let secret = &params.credentials.secret_access_key;
    match cache {
        Some(c) => {
            std::borrow::Cow::Borrowed(c.key(secret, date.date(), params.region, params.service))
        }
        None => std::borrow::Cow::Owned(HmacKey::new(&signing_key(
            secret,
            date.date(),
            params.region,
            params.service,
        ))),
    }
}

/// Task 3a: the derived signing key `HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")`.
pub fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> [u8; 32] {
    let mut k = Vec::with_capacity(4 + secret.len());
    k.extend_from_slice(b"AWS4");
    k.extend_from_slice(secret.as_bytes());
    let k = hmac(&k, date.as_bytes());
    let k = hmac(&k, region.as_bytes());
    let k = hmac(&k, service.as_bytes());
    hmac(&k, b"aws4_request")
}

fn check_scope(params: &SigningParams<'_>) -> Result<()> {
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if !ok(params.region) {
        return Err(Error::invalid_config(format!(
            "signing region {} must be letters, digits and '-'",
            crate::text::quote(params.region)
        )));
    }
    if !ok(params.service) {
        return Err(Error::invalid_config(
            "signing name must be letters, digits and '-'",
        ));
    }
    if params.credentials.access_key_id.is_empty()
        || params.credentials.secret_access_key.is_empty()
    {
        return Err(Error::invalid_config(
            "credentials: accessKeyId and secretAccessKey must be non-empty strings",
        ));
    }
    if !params
        .credentials
        .access_key_id
        .bytes()
        .all(|b| b.is_ascii_graphic() && b != b'/' && b != b',')
    {
        return Err(Error::invalid_config(
            "credentials: accessKeyId contains characters that cannot appear in a credential scope",
        ));
    }
    Ok(())
}

/// Tasks 1–3 done on one buffer: the canonical request as bytes (hashed, never formatted), the
/// string to sign, the signature.
struct Signed {
    /// The canonical request text.
    creq: Vec<u8>,
    /// Number of canonical header lines.
    header_lines: usize,
    /// The signed header list inside `creq`.
    signed_headers: std::ops::Range<usize>,
    date: AmzDate,
    scope: String,
    creq_hash: [u8; 32],
    /// Lower-case hex.
    signature: [u8; 64],
}

impl Signed {
    fn new(
        creq: Vec<u8>,
        header_lines: usize,
        signed_headers: std::ops::Range<usize>,
        params: &SigningParams<'_>,
        date: AmzDate,
        cache: Option<&mut SigningKeyCache>,
    ) -> Signed {
        let creq_hash = sha256(&creq);
        let scope = scope(&date, params.region, params.service);
        let mut sts = Vec::with_capacity(ALGORITHM.len() + 20 + scope.len() + 64);
        for part in [
            ALGORITHM.as_bytes(),
            b"\n",
            date.as_str().as_bytes(),
            b"\n",
            scope.as_bytes(),
            b"\n",
            &hex64(&creq_hash),
        ] {
            sts.extend_from_slice(part);
        }
        let signature = hex64(&signing_hmac(params, &date, cache).sign(&sts));
        Signed {
            creq,
            header_lines,
            signed_headers,
            date,
            scope,
            creq_hash,
            signature,
        }
    }

    fn signed_headers(&self) -> &str {
        self.creq
            .get(self.signed_headers.clone())
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    fn signature(&self) -> &str {
        std::str::from_utf8(&self.signature).unwrap_or("")
    }

    /// The step-by-step output the tests and the official vectors compare.
    fn output(self, additions: Vec<(String, String)>) -> SigningOutput {
        let signature = self.signature().to_owned();
        let text = ascii_string(self.creq);
        let mut lines = text.split('\n');
        let mut line = || lines.next().unwrap_or("").to_owned();
        let (method, path, query) = (line(), line(), line());
        let headers = (0..self.header_lines)
            .map(|_| {
                let l = line();
                match l.split_once(':') {
                    Some((n, v)) => (n.to_owned(), v.to_owned()),
                    None => (l, String::new()),
                }
            })
            .collect();
        line();
        let canonical_request = CanonicalRequest {
            method,
            path,
            query,
            headers,
            signed_headers: line(),
            payload_hash: line(),
        };
        debug_assert_eq!(canonical_request.to_string(), text);
        SigningOutput {
            canonical_request,
            string_to_sign: StringToSign {
                amz_date: self.date.as_str().to_owned(),
                scope: self.scope,
                canonical_request_hash: hex(&self.creq_hash),
            },
            signature,
            additions,
        }
    }
}

/// Lower-case hex of a digest.
fn hex64(d: &[u8; 32]) -> [u8; 64] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (pair, &b) in out.chunks_exact_mut(2).zip(d) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 15)];
    }
    out
}

/// The headers signing adds, names in the JS SDK's spelling or lower-cased.
const ADDED_SDK: [&str; 4] = [
    "X-Amz-Date",
    "X-Amz-Security-Token",
    "x-amz-content-sha256",
    "Authorization",
];
const ADDED_LOWER: [&str; 4] = [
    "x-amz-date",
    "x-amz-security-token",
    "x-amz-content-sha256",
    "authorization",
];

/// Header signing, without the step-by-step output: the signature and the headers to add, in the
/// JS SDK's order (date, token, payload hash, authorization), with names as in `names`.
fn sign_headers_inner(
    req: &SignableRequest<'_>,
    params: &SigningParams<'_>,
    cache: Option<&mut SigningKeyCache>,
    names: &[&str; 4],
) -> Result<(Signed, Vec<(String, String)>)> {
    check_scope(params)?;
    check_method(req.method)?;
    for (n, v) in req.headers {
        check_header(n, v)?;
    }
    let date = AmzDate::from_epoch_secs(params.time_secs);
    let payload_hash = hex64(&sha256(req.body));
    let token = params.credentials.session_token.as_deref();
    if token.is_some_and(|t| t.bytes().any(|b| b == 0 || b == b'\r' || b == b'\n')) {
        return Err(Error::invalid_config(
            "credentials: sessionToken contains CR, LF or NUL",
        ));
    }
    let sign_payload = params.settings.sign_payload_header;
    let replaced = |n: &str| {
        n.eq_ignore_ascii_case("x-amz-date")
            || (n.eq_ignore_ascii_case("x-amz-security-token") && token.is_some())
            || (n.eq_ignore_ascii_case("x-amz-content-sha256") && sign_payload)
            || n.eq_ignore_ascii_case("authorization")
    };
    let mut list: Vec<(&[u8], &[u8])> = Vec::with_capacity(req.headers.len() + 3);
    for &(n, v) in req.headers {
        if !replaced(n) && is_signable(n) {
            list.push((n.as_bytes(), v.as_bytes()));
        }
    }
    if let (Some(t), SessionTokenMode::Include) = (token, params.settings.session_token) {
        list.push((b"x-amz-security-token", t.as_bytes()));
    }
    list.push((b"x-amz-date", date.as_str().as_bytes()));
    if sign_payload {
        list.push((b"x-amz-content-sha256", &payload_hash));
    }

    let mut creq = Vec::with_capacity(
        req.method.len()
            + 3 * (req.path.len() + req.query.len())
            + 2 * list
                .iter()
                .map(|(n, v)| n.len() + v.len() + 2)
                .sum::<usize>()
            + 72,
    );
    creq.extend_from_slice(req.method.as_bytes());
    creq.push(b'\n');
    canonical_path_into(
        &mut creq,
        req.path.as_bytes(),
        params.settings.normalize_path,
    );
    creq.push(b'\n');
    canonical_query_into(&mut creq, req.query.as_bytes(), &[]);
    creq.push(b'\n');
    let (lines, signed_headers) = canonical_headers_into(&mut creq, &list);
    creq.push(b'\n');
    creq.extend_from_slice(&payload_hash);
    drop(list);

    let signed = Signed::new(creq, lines, signed_headers, params, date, cache);
    let akid = &params.credentials.access_key_id;
    let mut auth = String::with_capacity(
        ALGORITHM.len() + 40 + akid.len() + signed.scope.len() + signed.signed_headers.len() + 64,
    );
    for part in [
        ALGORITHM,
        " Credential=",
        akid,
        "/",
        &signed.scope,
        ", SignedHeaders=",
        signed.signed_headers(),
        ", Signature=",
        signed.signature(),
    ] {
        auth.push_str(part);
    }
    let [date_name, token_name, payload_name, auth_name] = *names;
    let mut additions: Vec<(String, String)> = Vec::with_capacity(4);
    additions.push((date_name.to_owned(), signed.date.as_str().to_owned()));
    if let Some(t) = token {
        additions.push((token_name.to_owned(), t.to_owned()));
    }
    if sign_payload {
        additions.push((payload_name.to_owned(), ascii_string(payload_hash.to_vec())));
    }
    additions.push((auth_name.to_owned(), auth));
    Ok((signed, additions))
}

/// Signs with the `Authorization` header. Adds `X-Amz-Date`, `X-Amz-Security-Token` (when the
/// credentials have one) and `x-amz-content-sha256` (when configured); a header of the same name
/// already in the request is replaced, as the JS SDK does.
pub fn sign_headers(
    req: &SignableRequest<'_>,
    params: &SigningParams<'_>,
    cache: Option<&mut SigningKeyCache>,
) -> Result<SigningOutput> {
    let (signed, additions) = sign_headers_inner(req, params, cache, &ADDED_SDK)?;
    Ok(signed.output(additions))
}

/// [`sign_headers`] without the step-by-step output: only the headers to add, lower-cased names,
/// in the JS SDK's order (`x-amz-date`, `x-amz-security-token`, `x-amz-content-sha256`,
/// `authorization`).
pub(crate) fn signing_headers(
    req: &SignableRequest<'_>,
    params: &SigningParams<'_>,
    cache: Option<&mut SigningKeyCache>,
) -> Result<Vec<(String, String)>> {
    sign_headers_inner(req, params, cache, &ADDED_LOWER).map(|(_, additions)| additions)
}

/// Signs with query parameters (a presigned URL valid for `expires_secs`, at most 7 days).
/// `additions` are the encoded parameters to append, ending with `X-Amz-Signature`.
pub fn presign_query(
    req: &SignableRequest<'_>,
    params: &SigningParams<'_>,
    expires_secs: u64,
    cache: Option<&mut SigningKeyCache>,
) -> Result<SigningOutput> {
    check_scope(params)?;
    check_method(req.method)?;
    if expires_secs == 0 || expires_secs > 604_800 {
        return Err(Error::invalid_input(
            "expiresIn",
            "must be between 1 and 604800 seconds (7 days)",
        ));
    }
    for (n, v) in req.headers {
        check_header(n, v)?;
    }
    let date = AmzDate::from_epoch_secs(params.time_secs);
    let list: Vec<(&[u8], &[u8])> = req
        .headers
        .iter()
        .filter(|(n, _)| is_signable(n))
        .map(|(n, v)| (n.as_bytes(), v.as_bytes()))
        .collect();
    let mut headers = Vec::new();
    let (lines, signed_range) = canonical_headers_into(&mut headers, &list);
    let signed_list = headers.get(signed_range.clone()).unwrap_or(b"");
    let enc = |s: &[u8]| {
        let mut o = Vec::with_capacity(s.len());
        percent_encode_bytes(&mut o, s, false);
        ascii_string(o)
    };
    let mut credential = params.credentials.access_key_id.as_bytes().to_vec();
    credential.push(b'/');
    credential.extend_from_slice(scope(&date, params.region, params.service).as_bytes());
    let mut expires = Vec::new();
    push_u64(&mut expires, expires_secs);
    let mut added: Vec<(String, String)> = vec![
        ("X-Amz-Algorithm".into(), ALGORITHM.into()),
        ("X-Amz-Credential".into(), enc(&credential)),
        ("X-Amz-Date".into(), date.as_str().into()),
        ("X-Amz-SignedHeaders".into(), enc(signed_list)),
        ("X-Amz-Expires".into(), ascii_string(expires)),
    ];
    let token = params
        .credentials
        .session_token
        .as_deref()
        .map(|t| enc(t.as_bytes()));
    if let (Some(t), SessionTokenMode::Include) = (&token, params.settings.session_token) {
        added.push(("X-Amz-Security-Token".into(), t.clone()));
    }
    let mut creq = Vec::with_capacity(req.method.len() + 3 * req.path.len() + headers.len() + 512);
    creq.extend_from_slice(req.method.as_bytes());
    creq.push(b'\n');
    canonical_path_into(
        &mut creq,
        req.path.as_bytes(),
        params.settings.normalize_path,
    );
    creq.push(b'\n');
    canonical_query_into(&mut creq, req.query.as_bytes(), &added);
    creq.push(b'\n');
    let offset = creq.len();
    creq.extend_from_slice(&headers);
    creq.push(b'\n');
    creq.extend_from_slice(&hex64(&sha256(req.body)));
    let signed_range = offset + signed_range.start..offset + signed_range.end;
    let signed = Signed::new(creq, lines, signed_range, params, date, cache);
    if let (Some(t), SessionTokenMode::AppendAfterSigning) = (token, params.settings.session_token)
    {
        added.push(("X-Amz-Security-Token".into(), t));
    }
    added.push(("X-Amz-Signature".into(), signed.signature().to_owned()));
    Ok(signed.output(added))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(canonical_path("//example//", true), "/example/");
        assert_eq!(canonical_path("/example1/example2/../..", true), "/");
        assert_eq!(canonical_path("/./", true), "/");
        assert_eq!(
            canonical_path("/example space/", false),
            "/example%20space/"
        );
        assert_eq!(
            canonical_path("/example/$delete", true),
            "/example/%24delete"
        );
        assert_eq!(canonical_path("/a%20b", true), "/a%2520b");
    }

    #[test]
    fn header_values() {
        let mut s = Vec::new();
        canonical_value(&mut s, "  a \t b\r\n  c  ".as_bytes());
        assert_eq!(s, b"a b c");
    }

    #[test]
    fn sorts() {
        for n in 0..40usize {
            let keys: Vec<usize> = (0..n).map(|i| (i * 7919 + 13) % 17).collect();
            let mut idx: Vec<usize> = (0..n).collect();
            sort_indices(&mut idx, &|a, b| (keys[a], a) < (keys[b], b));
            let mut want: Vec<usize> = (0..n).collect();
            want.sort_by_key(|&i| (keys[i], i));
            assert_eq!(idx, want);
        }
    }

    #[test]
    fn query_canonicalization() {
        assert_eq!(canonical_query("", &[]), "");
        assert_eq!(
            canonical_query("b=2&a=%7e&a=1&&c&d=x=y%2", &[("A".into(), "z".into())]),
            "A=z&a=1&a=~&b=2&c=&d=x%3Dy%252"
        );
    }

    #[test]
    fn credentials_debug_redacts() {
        let c = Credentials {
            access_key_id: "AKID".into(),
            secret_access_key: "SECRET".into(),
            session_token: Some("TOKEN".into()),
        };
        let d = format!("{c:?}");
        assert!(
            d.contains("AKID") && !d.contains("SECRET") && !d.contains("TOKEN"),
            "{d}"
        );
    }
}
