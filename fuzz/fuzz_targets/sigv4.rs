//! `sign_headers` and `presign_query` on arbitrary requests, credentials and scopes: never panic,
//! sign deterministically (with or without the key cache), and produce additions that cannot split
//! a header or a URL: header values without CR, LF or NUL; query values percent-encoded.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use ec2_wasm::sigv4::{
    presign_query, sign_headers, Credentials, SessionTokenMode, SignableRequest, SigningKeyCache,
    SigningOutput, SigningParams, SigningSettings, ALGORITHM,
};
use ec2_wasm_fuzz::{check_error, strict};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "host",
    "Host",
    "x-amz-date",
    "X-Amz-Date",
    "authorization",
    "x-amz-security-token",
    "x-amz-content-sha256",
    "content-type",
    "user-agent",
    "proxy-x",
    "sec-x",
    "My-Header1",
    "a;b",
];

#[derive(Debug)]
struct Input {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    credentials: Credentials,
    region: String,
    service: String,
    time_secs: i64,
    expires_secs: u64,
    settings: SigningSettings,
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let mut headers = Vec::new();
        for _ in 0..u.int_in_range(0..=6)? {
            let name = if u.arbitrary()? {
                (*u.choose(NAMES)?).to_owned()
            } else {
                u.arbitrary()?
            };
            headers.push((name, u.arbitrary()?));
        }
        Ok(Input {
            method: if u.arbitrary()? {
                "POST".into()
            } else {
                u.arbitrary()?
            },
            path: u.arbitrary()?,
            query: u.arbitrary()?,
            headers,
            body: u.arbitrary()?,
            credentials: Credentials {
                access_key_id: if u.arbitrary()? {
                    "AKIDEXAMPLE".into()
                } else {
                    u.arbitrary()?
                },
                secret_access_key: u.arbitrary()?,
                session_token: u.arbitrary()?,
            },
            region: if u.arbitrary()? {
                "us-east-1".into()
            } else {
                u.arbitrary()?
            },
            service: if u.arbitrary()? {
                "ec2".into()
            } else {
                u.arbitrary()?
            },
            time_secs: u.arbitrary()?,
            expires_secs: if u.arbitrary()? { 3600 } else { u.arbitrary()? },
            settings: SigningSettings {
                normalize_path: u.arbitrary()?,
                sign_payload_header: u.arbitrary()?,
                session_token: if u.arbitrary()? {
                    SessionTokenMode::Include
                } else {
                    SessionTokenMode::AppendAfterSigning
                },
            },
        })
    }
}

/// RFC 9110 `token`: what a header name and a method must be.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn is_hex64(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn check_common(out: &SigningOutput, input: &Input) {
    assert!(is_hex64(&out.signature), "signature {:?}", out.signature);
    // F3: the method and header names must be HTTP tokens.
    if strict() {
        assert!(
            is_token(&input.method),
            "method {:?} is not an HTTP token but was signed",
            input.method
        );
        // (Empty when the request has no signable header at all: presigning allows that.)
        for name in out
            .canonical_request
            .signed_headers
            .split(';')
            .filter(|n| !n.is_empty())
        {
            assert!(
                is_token(name),
                "signed header name {name:?} is not an HTTP token"
            );
        }
    }
    // One line per canonical header: no value can add a line of its own. (A method with a newline
    // adds one: F3.)
    if !strict() && !is_token(&input.method) {
        return;
    }
    let text = out.canonical_request.to_string();
    assert_eq!(
        text.split('\n').count(),
        6 + out.canonical_request.headers.len(),
        "canonical request has extra lines:\n{text:.500}"
    );
}

fuzz_target!(|input: Input| {
    let view: Vec<(&str, &str)> = input
        .headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let req = SignableRequest {
        method: &input.method,
        path: &input.path,
        query: &input.query,
        headers: &view,
        body: &input.body,
    };
    let params = SigningParams {
        credentials: &input.credentials,
        region: &input.region,
        service: &input.service,
        time_secs: input.time_secs,
        settings: input.settings,
    };
    let mut cache = SigningKeyCache::new();

    let first = sign_headers(&req, &params, None);
    assert_eq!(
        sign_headers(&req, &params, Some(&mut cache)),
        first,
        "cache miss differs"
    );
    assert_eq!(
        sign_headers(&req, &params, Some(&mut cache)),
        first,
        "cache hit differs"
    );
    match &first {
        Ok(out) => {
            check_common(out, &input);
            // F1: a session token with CR/LF must never be copied into a header.
            for (name, value) in out.additions.iter().filter(|_| {
                strict()
                    || input
                        .credentials
                        .session_token
                        .as_deref()
                        .is_none_or(|t| !t.contains(['\r', '\n', '\0']))
            }) {
                assert!(
                    !value.bytes().any(|b| matches!(b, b'\r' | b'\n' | b'\0')),
                    "added header {name} holds CR, LF or NUL: {value:?}"
                );
            }
            let auth = out.authorization().expect("Authorization added");
            assert!(auth.starts_with(ALGORITHM));
            assert!(auth.ends_with(&out.signature));
        }
        Err(e) => check_error(e),
    }

    let first = presign_query(&req, &params, input.expires_secs, None);
    assert_eq!(
        presign_query(&req, &params, input.expires_secs, Some(&mut cache)),
        first
    );
    match &first {
        Ok(out) => {
            check_common(out, &input);
            for (name, value) in &out.additions {
                assert!(
                    value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b)),
                    "query parameter {name} is not percent-encoded: {value:?}"
                );
            }
            assert_eq!(
                out.additions.last().map(|(n, _)| n.as_str()),
                Some("X-Amz-Signature")
            );
        }
        Err(e) => check_error(e),
    }
});
