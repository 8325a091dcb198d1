//! What the signer accepts and what it leaves out: HTTP tokens for the method and header names, no NUL
//! in header values, a well-formed scope and credentials, and the headers the JS SDK never signs.

use super::params::SigningParams;
use crate::text::quote;
use crate::{Error, Result};

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

/// A header name must be an HTTP token; a value must not contain NUL.
pub(super) fn check_header(name: &str, value: &str) -> Result<()> {
    if !is_token(name) {
        return Err(Error::invalid_input(
            "headers",
            format_args!("header name {} is not a valid HTTP token", quote(name)),
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

/// A method must be an HTTP token.
pub(super) fn check_method(method: &str) -> Result<()> {
    if is_token(method) {
        Ok(())
    } else {
        Err(Error::invalid_input(
            "method",
            format_args!("{} is not a valid HTTP method", quote(method)),
        ))
    }
}

/// Region and signing name must be letters, digits, `-` or `_`; the access key id and secret must
/// be present, and the key id must fit in a credential scope.
pub(super) fn check_scope(params: &SigningParams<'_>) -> Result<()> {
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if !ok(params.region) {
        return Err(Error::invalid_config(format!(
            "signing region {} must be letters, digits and '-'",
            quote(params.region)
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
