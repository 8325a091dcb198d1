//! Builds the signed HTTP request for one attempt of an operation, with the headers the AWS SDK for
//! JavaScript v3 sends, in its order: `content-type`, `content-length`, `x-amz-user-agent`,
//! `user-agent`, `host`, `amz-sdk-invocation-id`, `amz-sdk-request`, then what signing adds.

use crate::query::serialize;
use crate::shapes::{Operation, Value};
use crate::sigv4::{
    signing_headers, Credentials, SignableRequest, SigningKeyCache, SigningParams, SigningSettings,
};
use crate::text::{ascii_string, push_u64};
use crate::{Error, Result};

/// The parts of an absolute `http(s)` URL the signer needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUrl<'a> {
    /// `http` or `https`.
    pub scheme: &'a str,
    /// Host with the port when it is not the scheme's default (the `host` header value).
    pub authority: String,
    /// Path, at least `/`.
    pub path: &'a str,
    /// Query without `?`.
    pub query: &'a str,
}

/// `s` split at byte `at` (an ASCII byte's position, so never off a char boundary).
fn cut(s: &str, at: usize) -> (&str, &str) {
    (s.get(..at).unwrap_or(""), s.get(at..).unwrap_or(""))
}

/// The error for a refused endpoint URL. The URL itself is never quoted: it may carry a password in its
/// user information. Out of line, so `parse_url` holds one copy of the message assembly, not one per check.
#[cold]
#[inline(never)]
fn bad_endpoint(why: &str) -> Error {
    Error::invalid_config(format!("endpoint: {why}"))
}

/// Parses an absolute `http://` or `https://` URL; refuses user info, fragments, and hosts with
/// characters that could split a header.
pub fn parse_url(url: &str) -> Result<ParsedUrl<'_>> {
    let bad = bad_endpoint;
    // Every split below is at an ASCII byte, so `str::get` never returns `None`; it is used rather
    // than indexing so that no char-boundary panic is compiled in.
    let b = url.as_bytes();
    let sep = b
        .windows(3)
        .position(|w| w == b"://")
        .ok_or_else(|| bad("must be an absolute http:// or https:// URL"))?;
    let (scheme, rest) = cut(url, sep);
    let rest = rest.get(3..).unwrap_or("");
    let https = scheme.eq_ignore_ascii_case("https");
    if !https && !scheme.eq_ignore_ascii_case("http") {
        return Err(bad("scheme must be http or https"));
    }
    if b.contains(&b'#') {
        return Err(bad("must not contain a fragment"));
    }
    let rb = rest.as_bytes();
    let end = rb
        .iter()
        .position(|&c| c == b'/' || c == b'?')
        .unwrap_or(rb.len());
    let (auth, tail) = cut(rest, end);
    let ab = auth.as_bytes();
    if ab.contains(&b'@') {
        return Err(bad("must not contain user information"));
    }
    let (path, query) = match tail.bytes().position(|c| c == b'?') {
        Some(q) => {
            let (p, q) = cut(tail, q);
            (p, q.get(1..).unwrap_or(""))
        }
        None => (tail, ""),
    };
    // A bracketed IPv6 address (checked as one) or a name, then nothing or `:port`.
    let (host, port) = if ab.first() == Some(&b'[') {
        let close = ab
            .iter()
            .position(|&c| c == b']')
            .ok_or_else(|| bad("host must be a DNS name or an IP address"))?;
        let (host, after) = cut(auth, close + 1);
        let addr = host.get(1..close).unwrap_or("");
        if !crate::text::is_ipv6(addr) {
            return Err(bad("host must be a DNS name or an IP address"));
        }
        let port = match after.as_bytes().first() {
            None => None,
            Some(b':') => Some(after.get(1..).unwrap_or("")),
            Some(_) => return Err(bad("port must follow ':'")),
        };
        (host, port)
    } else {
        match ab.iter().position(|&c| c == b':') {
            Some(i) => {
                let (h, p) = cut(auth, i);
                (h, Some(p.get(1..).unwrap_or("")))
            }
            None => (auth, None),
        }
    };
    let host_ok = !host.is_empty()
        && (host.starts_with('[')
            || host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b'_'));
    if !host_ok {
        return Err(bad("host must be a DNS name or an IP address"));
    }
    // The port as a number, as fetch's URL parser reads it ("0443" is 443), so the signed host
    // matches the Host header fetch sends.
    let port: Option<u32> = match port {
        Some("") | None => None,
        Some(p) if p.bytes().all(|b| b.is_ascii_digit()) => {
            let digits = p.trim_start_matches('0').as_bytes();
            if digits.len() > 5 {
                return Err(bad("port must be a number from 0 to 65535"));
            }
            let n = digits
                .iter()
                .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
            if n > 65535 {
                return Err(bad("port must be a number from 0 to 65535"));
            }
            Some(n)
        }
        Some(_) => return Err(bad("port must be a number from 0 to 65535")),
    };
    if !path
        .bytes()
        .chain(query.bytes())
        .all(|b| b.is_ascii_graphic())
    {
        return Err(bad("path and query must be percent-encoded ASCII"));
    }
    let default = if https { 443 } else { 80 };
    let mut authority = host.to_ascii_lowercase();
    if let Some(p) = port.filter(|p| *p != default) {
        let mut digits = Vec::with_capacity(5);
        push_u64(&mut digits, u64::from(p));
        authority.push(':');
        authority.push_str(&ascii_string(digits));
    }
    Ok(ParsedUrl {
        scheme,
        authority,
        path: if path.is_empty() { "/" } else { path },
        query,
    })
}

/// Everything an attempt needs besides the input.
#[derive(Debug, Clone, Copy)]
pub struct RequestContext<'a> {
    /// Resolved endpoint URL, e.g. `https://ec2.us-east-1.amazonaws.com`.
    pub endpoint: &'a str,
    /// Signing region.
    pub signing_region: &'a str,
    /// Signing name (`ec2`).
    pub signing_name: &'a str,
    /// Credentials.
    pub credentials: &'a Credentials,
    /// Signing time in epoch milliseconds (clock plus `systemClockOffset`).
    pub time_ms: f64,
    /// `amz-sdk-invocation-id` (one per `send`, the same on every attempt).
    pub invocation_id: &'a str,
    /// Attempt number, from 1.
    pub attempt: u32,
    /// Maximum attempts.
    pub max_attempts: u32,
    /// `x-amz-user-agent` value.
    pub x_amz_user_agent: &'a str,
    /// `user-agent` value, when the platform lets one be set (never signed).
    pub user_agent: Option<&'a str>,
}

/// A request ready for `fetch`. `Debug` redacts the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// Method.
    pub method: &'static str,
    /// Full URL.
    pub url: String,
    /// Headers in the SDK's order, including `host` and `content-length` (which `fetch` sets itself
    /// to the same values).
    pub headers: Vec<(String, String)>,
    /// Form body.
    pub body: String,
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &crate::sigv4::redacted_pairs(&self.headers))
            .field("body", &self.body)
            .finish()
    }
}

/// The URL the SDK posts to: the endpoint's path with a trailing `/`.
pub fn request_url(endpoint: &str) -> Result<(String, ParsedUrl<'_>)> {
    let u = parse_url(endpoint)?;
    let mut url = String::with_capacity(endpoint.len() + 2);
    url.push_str(&u.scheme.to_ascii_lowercase());
    url.push_str("://");
    url.push_str(&u.authority);
    url.push_str(u.path);
    if !u.path.ends_with('/') {
        url.push('/');
    }
    if !u.query.is_empty() {
        url.push('?');
        url.push_str(u.query);
    }
    Ok((url, u))
}

/// True when a header value could split a header on the wire.
fn splits(v: &str) -> bool {
    v.bytes().any(|b| b == 0 || b == b'\r' || b == b'\n')
}

/// Signs `headers` for the request at `path`/`query` and puts the signing headers in (replacing
/// stale ones of the same names, lower-cased names at the end).
fn sign_into(
    method: &str,
    path: &str,
    query: &str,
    headers: &mut Vec<(String, String)>,
    body: &[u8],
    ctx: &RequestContext<'_>,
    cache: Option<&mut SigningKeyCache>,
) -> Result<()> {
    let view: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let signable = SignableRequest {
        method,
        path,
        query,
        headers: &view,
        body,
    };
    let params = SigningParams {
        credentials: ctx.credentials,
        region: ctx.signing_region,
        service: ctx.signing_name,
        time_secs: (ctx.time_ms / 1000.0).floor() as i64,
        settings: SigningSettings::default(),
    };
    let additions = signing_headers(&signable, &params, cache)?;
    drop(view);
    headers.retain(|(n, _)| !additions.iter().any(|(a, _)| a.eq_ignore_ascii_case(n)));
    headers.extend(additions);
    Ok(())
}

/// Signs a request that may have been changed by user middleware: adds the signing headers to
/// `headers` (replacing stale ones) and returns the canonical request's signed header list too.
pub fn sign_http_request(
    method: &str,
    url: &str,
    headers: &mut Vec<(String, String)>,
    body: &[u8],
    ctx: &RequestContext<'_>,
    cache: Option<&mut SigningKeyCache>,
) -> Result<()> {
    let u = parse_url(url)?;
    // Whatever middleware put in the headers goes on the wire: CR, LF or NUL could split a header.
    if let Some((n, _)) = headers.iter().find(|(_, v)| splits(v)) {
        return Err(Error::invalid_input(
            "headers",
            format_args!("header {} contains CR, LF or NUL", crate::text::quote(n)),
        ));
    }
    sign_into(method, u.path, u.query, headers, body, ctx, cache)
}

/// Serializes, adds the SDK's headers and signs: the one call the JS layer makes per attempt when
/// no user middleware needs to see the request in between.
pub fn build_request(
    op: &Operation,
    input: &Value,
    ctx: &RequestContext<'_>,
    cache: Option<&mut SigningKeyCache>,
) -> Result<HttpRequest> {
    let body = serialize(op, input);
    if splits(ctx.x_amz_user_agent) || ctx.user_agent.is_some_and(splits) {
        return Err(Error::invalid_config(
            "customUserAgent: contains CR, LF or NUL",
        ));
    }
    let (url, parsed) = request_url(ctx.endpoint)?;
    // The one other value that comes from the caller (the host is checked by `parse_url`).
    if splits(ctx.invocation_id) {
        return Err(Error::invalid_input(
            "headers",
            format_args!(
                "header {} contains CR, LF or NUL",
                crate::text::quote("amz-sdk-invocation-id")
            ),
        ));
    }
    let mut length = Vec::with_capacity(20);
    push_u64(&mut length, body.len() as u64);
    let mut request = b"attempt=".to_vec();
    push_u64(&mut request, u64::from(ctx.attempt));
    request.extend_from_slice(b"; max=");
    push_u64(&mut request, u64::from(ctx.max_attempts));
    let mut headers: Vec<(String, String)> = Vec::with_capacity(12);
    headers.push((
        "content-type".into(),
        "application/x-www-form-urlencoded".into(),
    ));
    headers.push(("content-length".into(), ascii_string(length)));
    headers.push(("x-amz-user-agent".into(), ctx.x_amz_user_agent.into()));
    if let Some(ua) = ctx.user_agent {
        headers.push(("user-agent".into(), ua.into()));
    }
    headers.push(("host".into(), parsed.authority.clone()));
    headers.push(("amz-sdk-invocation-id".into(), ctx.invocation_id.into()));
    headers.push(("amz-sdk-request".into(), ascii_string(request)));
    // The path as `url` has it: with its trailing `/`.
    let path = if parsed.path.ends_with('/') {
        std::borrow::Cow::Borrowed(parsed.path)
    } else {
        let mut p = String::with_capacity(parsed.path.len() + 1);
        p.push_str(parsed.path);
        p.push('/');
        std::borrow::Cow::Owned(p)
    };
    sign_into(
        "POST",
        &path,
        parsed.query,
        &mut headers,
        body.as_bytes(),
        ctx,
        cache,
    )?;
    Ok(HttpRequest {
        method: "POST",
        url,
        headers,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let u = parse_url("https://ec2.us-east-1.amazonaws.com").unwrap();
        assert_eq!(
            (u.authority.as_str(), u.path),
            ("ec2.us-east-1.amazonaws.com", "/")
        );
        assert_eq!(
            parse_url("http://127.0.0.1:5000/x").unwrap().authority,
            "127.0.0.1:5000"
        );
        assert_eq!(parse_url("https://h:443").unwrap().authority, "h");
        assert_eq!(
            parse_url("http://[::1]:8080/").unwrap().authority,
            "[::1]:8080"
        );
        for bad in [
            "ftp://h",
            "https://user@h",
            "https://h#f",
            "h",
            "https://",
            "https://h:99999",
            "https://h\r\nx:1",
            "https://a b",
        ] {
            assert!(parse_url(bad).is_err(), "{bad}");
        }
        assert_eq!(
            request_url("http://localhost:4566/proxy").unwrap().0,
            "http://localhost:4566/proxy/"
        );
    }
}
