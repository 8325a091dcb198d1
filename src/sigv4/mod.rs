//! AWS Signature Version 4 (`AWS4-HMAC-SHA256`), header and query (presigned URL) signing.
//!
//! Each step is a value whose `Display` is the exact text the specification and the official test
//! suites print: [`CanonicalRequest`], [`StringToSign`], then the signature and the `Authorization`
//! header. Time is a parameter; nothing here reads the clock.

mod cache;
mod hmac;

pub use cache::SigningKeyCache;
pub use hmac::{hex, hmac, sha256, HmacKey};

use crate::query::is_unreserved;
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

/// True when a lower-case header name is signed by the JS SDK's rules.
pub fn is_signable(lower_name: &str) -> bool {
    !(UNSIGNABLE.contains(&lower_name)
        || lower_name.starts_with("proxy-")
        || lower_name.starts_with("sec-"))
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
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &b in s {
        if is_unreserved(b) || (keep_slash && b == b'/') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 15) as usize] as char);
        }
    }
}

fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let h = |c: u8| (c as char).to_digit(16);
            if let (Some(x), Some(y)) = (h(b[i + 1]), h(b[i + 2])) {
                out.push((x * 16 + y) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// The canonical URI: optionally normalized, then every segment URI-encoded (so an existing `%`
/// is encoded again, as all services but S3 expect).
pub fn canonical_path(path: &str, normalize: bool) -> String {
    let mut out = String::with_capacity(path.len() + 8);
    if !normalize {
        uri_encode_into(&mut out, path.as_bytes(), true);
        if out.is_empty() {
            out.push('/');
        }
        return out;
    }
    let mut segs: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                segs.pop();
            }
            s => segs.push(s),
        }
    }
    out.push('/');
    for (i, s) in segs.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        uri_encode_into(&mut out, s.as_bytes(), false);
    }
    if !segs.is_empty() && path.ends_with('/') {
        out.push('/');
    }
    out
}

/// The canonical query string: pairs decoded, re-encoded, sorted by key then value.
pub fn canonical_query(query: &str, extra: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let mut ek = String::new();
        uri_encode_into(&mut ek, &percent_decode(k), false);
        let mut ev = String::new();
        uri_encode_into(&mut ev, &percent_decode(v), false);
        pairs.push((ek, ev));
    }
    pairs.extend(extra.iter().cloned());
    pairs.sort_unstable();
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(k);
        out.push('=');
        out.push_str(v);
    }
    out
}

/// Canonical header value: CR/LF become spaces, runs of spaces/tabs collapse, ends trimmed.
fn canonical_value(out: &mut String, v: &str) {
    let mut pending_space = false;
    let mut started = false;
    for c in v.chars() {
        if matches!(c, ' ' | '\t' | '\r' | '\n') {
            pending_space = started;
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
            started = true;
        }
    }
}

fn canonical_headers(
    headers: &[(&str, &str)],
    extra: &[(&str, &str)],
) -> (Vec<(String, String)>, String) {
    let mut list: Vec<(String, String)> = Vec::with_capacity(headers.len() + extra.len());
    for (name, value) in headers.iter().chain(extra.iter()) {
        let lower = name.to_ascii_lowercase();
        if !is_signable(&lower) {
            continue;
        }
        let mut v = String::with_capacity(value.len());
        canonical_value(&mut v, value);
        match list.iter_mut().find(|(n, _)| *n == lower) {
            Some((_, existing)) => {
                existing.push(',');
                existing.push_str(&v);
            }
            None => list.push((lower, v)),
        }
    }
    list.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut signed = String::new();
    for (i, (n, _)) in list.iter().enumerate() {
        if i > 0 {
            signed.push(';');
        }
        signed.push_str(n);
    }
    (list, signed)
}

/// RFC 9110 `tchar`: what a method or a header name may contain.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn check_header(name: &str, value: &str) -> Result<()> {
    if !is_token(name) {
        return Err(Error::invalid_input(
            "headers",
            format_args!(
                "header name {} is not a valid HTTP token",
                crate::xml::quote(name)
            ),
        ));
    }
    // NUL never belongs in a header. CR LF is the spec's obsolete line folding, which canonical
    // values unfold (the multi-line vectors); requests for the wire are checked for CR/LF in
    // `request::sign_http_request`. The value is never quoted (it may be a session token).
    if value.bytes().any(|b| b == 0) {
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
            format_args!("{} is not a valid HTTP method", crate::xml::quote(method)),
        ))
    }
}

fn scope(date: &AmzDate, region: &str, service: &str) -> String {
    format!("{}/{region}/{service}/aws4_request", date.date())
}

fn string_to_sign(date: &AmzDate, scope: String, creq: &CanonicalRequest) -> StringToSign {
    StringToSign {
        amz_date: date.as_str().to_owned(),
        scope,
        canonical_request_hash: hex(&sha256(creq.to_string().as_bytes())),
    }
}

fn signing_hmac(
    params: &SigningParams<'_>,
    date: &AmzDate,
    cache: Option<&mut SigningKeyCache>,
) -> HmacKey {
    match cache {
        Some(c) => c.get(
            &params.credentials.secret_access_key,
            date.date(),
            params.region,
            params.service,
        ),
        None => HmacKey::new(&signing_key(
            &params.credentials.secret_access_key,
            date.date(),
            params.region,
            params.service,
        )),
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
            crate::xml::quote(params.region)
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

/// Signs with the `Authorization` header. Adds `X-Amz-Date`, `X-Amz-Security-Token` (when the
/// credentials have one) and `x-amz-content-sha256` (when configured); a header of the same name
/// already in the request is replaced, as the JS SDK does.
pub fn sign_headers(
    req: &SignableRequest<'_>,
    params: &SigningParams<'_>,
    cache: Option<&mut SigningKeyCache>,
) -> Result<SigningOutput> {
    check_scope(params)?;
    check_method(req.method)?;
    for (n, v) in req.headers {
        check_header(n, v)?;
    }
    let date = AmzDate::from_epoch_secs(params.time_secs);
    let payload_hash = hex(&sha256(req.body));
    let token = params.credentials.session_token.as_deref();
    if token.is_some_and(|t| t.bytes().any(|b| b == 0 || b == b'\r' || b == b'\n')) {
        return Err(Error::invalid_config(
            "credentials: sessionToken contains CR, LF or NUL",
        ));
    }
    let replaced = |n: &str| {
        n.eq_ignore_ascii_case("x-amz-date")
            || (n.eq_ignore_ascii_case("x-amz-security-token") && token.is_some())
            || (n.eq_ignore_ascii_case("x-amz-content-sha256")
                && params.settings.sign_payload_header)
            || n.eq_ignore_ascii_case("authorization")
    };
    let base: Vec<(&str, &str)> = req
        .headers
        .iter()
        .copied()
        .filter(|(n, _)| !replaced(n))
        .collect();
    let mut extra: Vec<(&str, &str)> = Vec::with_capacity(3);
    let mut additions: Vec<(String, String)> = Vec::with_capacity(4);
    if let (Some(t), SessionTokenMode::Include) = (token, params.settings.session_token) {
        extra.push(("x-amz-security-token", t));
    }
    extra.push(("x-amz-date", date.as_str()));
    if params.settings.sign_payload_header {
        extra.push(("x-amz-content-sha256", &payload_hash));
    }
    let (headers, signed_headers) = canonical_headers(&base, &extra);
    let creq = CanonicalRequest {
        method: req.method.to_owned(),
        path: canonical_path(req.path, params.settings.normalize_path),
        query: canonical_query(req.query, &[]),
        headers,
        signed_headers,
        payload_hash: payload_hash.clone(),
    };
    let sts = string_to_sign(&date, scope(&date, params.region, params.service), &creq);
    let key = signing_hmac(params, &date, cache);
    let signature = hex(&key.sign(sts.to_string().as_bytes()));
    // The JS SDK's order: date, token, payload hash, authorization.
    additions.push(("X-Amz-Date".into(), date.as_str().to_owned()));
    if let Some(t) = token {
        additions.push(("X-Amz-Security-Token".into(), t.to_owned()));
    }
    if params.settings.sign_payload_header {
        additions.push(("x-amz-content-sha256".into(), payload_hash));
    }
    additions.push((
        "Authorization".into(),
        format!(
            "{ALGORITHM} Credential={}/{}, SignedHeaders={}, Signature={}",
            params.credentials.access_key_id, sts.scope, creq.signed_headers, signature
        ),
    ));
    Ok(SigningOutput {
        canonical_request: creq,
        string_to_sign: sts,
        signature,
        additions,
    })
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
    let (headers, signed_headers) = canonical_headers(req.headers, &[]);
    let scope = scope(&date, params.region, params.service);
    let enc = |s: &str| {
        let mut o = String::new();
        uri_encode_into(&mut o, s.as_bytes(), false);
        o
    };
    let mut added: Vec<(String, String)> = vec![
        ("X-Amz-Algorithm".into(), ALGORITHM.into()),
        (
            "X-Amz-Credential".into(),
            enc(&format!("{}/{scope}", params.credentials.access_key_id)),
        ),
        ("X-Amz-Date".into(), date.as_str().into()),
        ("X-Amz-SignedHeaders".into(), enc(&signed_headers)),
        ("X-Amz-Expires".into(), expires_secs.to_string()),
    ];
    let token = params.credentials.session_token.as_deref().map(enc);
    if let (Some(t), SessionTokenMode::Include) = (&token, params.settings.session_token) {
        added.push(("X-Amz-Security-Token".into(), t.clone()));
    }
    let creq = CanonicalRequest {
        method: req.method.to_owned(),
        path: canonical_path(req.path, params.settings.normalize_path),
        query: canonical_query(req.query, &added),
        headers,
        signed_headers,
        payload_hash: hex(&sha256(req.body)),
    };
    let sts = string_to_sign(&date, scope, &creq);
    let key = signing_hmac(params, &date, cache);
    let signature = hex(&key.sign(sts.to_string().as_bytes()));
    if let (Some(t), SessionTokenMode::AppendAfterSigning) = (token, params.settings.session_token)
    {
        added.push(("X-Amz-Security-Token".into(), t));
    }
    added.push(("X-Amz-Signature".into(), signature.clone()));
    Ok(SigningOutput {
        canonical_request: creq,
        string_to_sign: sts,
        signature,
        additions: added,
    })
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
        let mut s = String::new();
        canonical_value(&mut s, "  a \t b\r\n  c  ");
        assert_eq!(s, "a b c");
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
