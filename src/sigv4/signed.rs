//! Tasks 1 to 3 on one buffer, shared by header and query signing: the canonical request hashed as
//! bytes, the string to sign, the signature, and [`SigningOutput`], the step-by-step result.

use super::cache::SigningKeyCache;
use super::canonical::{redacted_pairs, CanonicalRequest};
use super::hmac::{hex, sha256, HmacKey};
use super::key::signing_key;
use super::params::SigningParams;
use super::string_to_sign::{scope, StringToSign, ALGORITHM};
use crate::text::ascii_string;
use crate::time::AmzDate;
use std::fmt;

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

/// Tasks 1–3 done on one buffer: the canonical request as bytes (hashed, never formatted), the
/// string to sign, the signature.
pub(super) struct Signed {
    /// The canonical request text.
    creq: Vec<u8>,
    /// Number of canonical header lines.
    header_lines: usize,
    /// The signed header list inside `creq`.
    pub(super) signed_headers: std::ops::Range<usize>,
    pub(super) date: AmzDate,
    pub(super) scope: String,
    creq_hash: [u8; 32],
    /// Lower-case hex.
    signature: [u8; 64],
}

impl Signed {
    /// Hashes the canonical request `creq`, builds the string to sign (the bytes [`StringToSign`]
    /// prints) and signs it.
    pub(super) fn new(
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

    /// The `;`-joined signed header names.
    pub(super) fn signed_headers(&self) -> &str {
        self.creq
            .get(self.signed_headers.clone())
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// The signature, lower-case hex.
    pub(super) fn signature(&self) -> &str {
        std::str::from_utf8(&self.signature).unwrap_or("")
    }

    /// The step-by-step output the tests and the official vectors compare.
    pub(super) fn output(self, additions: Vec<(String, String)>) -> SigningOutput {
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

/// The keyed HMAC of the derived signing key: the cached one when there is a cache, else derived.
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

/// Lower-case hex of a digest.
pub(super) fn hex64(d: &[u8; 32]) -> [u8; 64] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = [0u8; 64];
    for (pair, &b) in out.chunks_exact_mut(2).zip(d) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 15)];
    }
    out
}
