//! Header signing: the `Authorization` header and the `X-Amz-*` headers that go with it.

use super::cache::SigningKeyCache;
use super::canonical::{canonical_headers_into, canonical_start_into};
use super::checks::{check_header, check_method, check_scope, is_signable};
use super::hmac::sha256;
use super::params::{SessionTokenMode, SignableRequest, SigningParams};
use super::signed::{hex64, Signed, SigningOutput};
use super::string_to_sign::ALGORITHM;
use crate::text::ascii_string;
use crate::time::AmzDate;
use crate::{Error, Result};

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
    canonical_start_into(&mut creq, req, params.settings.normalize_path, &[]);
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
