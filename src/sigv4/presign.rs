//! Query signing: a presigned URL's `X-Amz-*` parameters, ending with `X-Amz-Signature`.

use super::cache::SigningKeyCache;
use super::canonical::{canonical_headers_into, canonical_start_into};
use super::checks::{check_header, check_method, check_scope, is_signable};
use super::hmac::sha256;
use super::params::{SessionTokenMode, SignableRequest, SigningParams};
use super::signed::{hex64, Signed, SigningOutput};
use super::string_to_sign::{scope, ALGORITHM};
use crate::text::{ascii_string, percent_encode_bytes, push_u64};
use crate::time::AmzDate;
use crate::{Error, Result};

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
    canonical_start_into(&mut creq, req, params.settings.normalize_path, &added);
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
