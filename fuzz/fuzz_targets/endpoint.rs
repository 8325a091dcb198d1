//! `resolve` on arbitrary regions and endpoints. Whatever the input:
//! - without a custom endpoint, an `Ok` URL is `https://ec2[-fips].{region}.{AWS DNS suffix}`: the
//!   host is letters, digits, `.` and `-` only and ends with one of the partitions' suffixes, so a
//!   region can never add a dot, port, userinfo, path or scheme of its own;
//! - with a custom endpoint, an `Ok` URL is the endpoint as given (minus trailing `/`), the request
//!   builder accepts it, and the host it signs for is the host a URL parser connects to;
//! - errors never quote a custom endpoint (it may carry a password) and stay short;
//! - `text::is_ipv6`, which both check bracketed hosts with, agrees with `std::net::Ipv6Addr`'s parser
//!   on the whole region, the whole endpoint and the text between an endpoint's first `[` and `]`.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use ec2_wasm::endpoint::{resolve, EndpointParams};
use ec2_wasm::request::{parse_url, request_url};
use ec2_wasm::ErrorKind;
use ec2_wasm_fuzz::{check_error, strict};
use libfuzzer_sys::fuzz_target;

/// Every `dnsSuffix` and `dualStackDnsSuffix` in partitions.json.
const SUFFIXES: &[&str] = &[
    "amazonaws.com",
    "api.aws",
    "amazonaws.com.cn",
    "api.amazonwebservices.com.cn",
    "amazonaws.eu",
    "api.amazonwebservices.eu",
    "c2s.ic.gov",
    "api.aws.ic.gov",
    "sc2s.sgov.gov",
    "api.aws.scloud",
    "cloud.adc-e.uk",
    "api.cloud-aws.adc-e.uk",
    "csp.hci.ic.gov",
    "api.aws.hci.ic.gov",
];

/// Pieces that steer URL parsers, so the fuzzer meets them often.
const PIECES: &[&str] = &[
    "https://",
    "http://",
    "HTTPS://",
    "hTtP://",
    "//",
    "/",
    "\\",
    "@",
    ":",
    "::1",
    "[",
    "]",
    "?",
    "#",
    "%",
    "%2e",
    "%40",
    "%2F",
    ".",
    "..",
    "-",
    "_",
    " ",
    "\t",
    "\r\n",
    "\0",
    "us-east-1",
    "evil.com",
    "amazonaws.com",
    "127.0.0.1",
    "localhost",
    ":443",
    ":80",
    ":65536",
    "user:pass@",
    "[::1]",
    "[fe80::1:2]",
    "1.2.3.4",
    "ffff:",
    ":0:",
    "é",
    "\u{3002}",
];

#[derive(Debug)]
struct Input {
    region: Option<String>,
    endpoint: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
}

fn piecewise(u: &mut Unstructured<'_>) -> arbitrary::Result<String> {
    let mut s = String::new();
    for _ in 0..u.int_in_range(0..=8)? {
        if u.arbitrary()? {
            s.push_str(u.choose(PIECES)?);
        } else {
            s.push_str(u.arbitrary::<&str>()?);
        }
    }
    Ok(s)
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let text = |u: &mut Unstructured<'a>| -> arbitrary::Result<Option<String>> {
            Ok(match u.int_in_range(0..=2)? {
                0 => None,
                1 => Some(u.arbitrary::<String>()?),
                _ => Some(piecewise(u)?),
            })
        };
        Ok(Input {
            region: text(u)?,
            endpoint: text(u)?,
            use_fips: u.arbitrary()?,
            use_dual_stack: u.arbitrary()?,
        })
    }
}

/// What a WHATWG URL parser takes as the authority of an already-validated ASCII URL.
fn authority_of(url: &str) -> &str {
    let rest = &url[url.find("://").expect("scheme") + 3..];
    &rest[..rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len())]
}

/// The `Host` header `fetch` sends for an authority: lower case, the port as a number, and no
/// port when it is the scheme's default (WHATWG URL serialisation).
fn wire_host(scheme: &str, authority: &str) -> String {
    let lower = authority.to_ascii_lowercase();
    let split = match lower.rfind(':') {
        Some(i) if !lower[i..].contains(']') => Some(i),
        _ => None,
    };
    let Some(i) = split else { return lower };
    let (host, port) = (&lower[..i], &lower[i + 1..]);
    let default = if scheme.eq_ignore_ascii_case("https") {
        443
    } else {
        80
    };
    match port.parse::<u32>() {
        Ok(p) if p == default => host.to_owned(),
        Ok(p) => format!("{host}:{p}"),
        Err(_) if port.is_empty() => host.to_owned(),
        Err(_) => lower,
    }
}

fuzz_target!(|input: Input| {
    let v6 = |s: &str| {
        assert_eq!(
            ec2_wasm::text::is_ipv6(s),
            s.parse::<std::net::Ipv6Addr>().is_ok(),
            "is_ipv6({s:?}) differs from std"
        );
    };
    for s in [input.region.as_deref(), input.endpoint.as_deref()]
        .into_iter()
        .flatten()
    {
        v6(s);
        if let Some((_, inner)) = s.split_once('[') {
            v6(inner.split(']').next().unwrap_or(inner));
        }
    }
    let params = EndpointParams {
        region: input.region.as_deref(),
        use_fips: input.use_fips,
        use_dual_stack: input.use_dual_stack,
        endpoint: input.endpoint.as_deref(),
    };
    let result = resolve(&params);
    match (&result, input.endpoint.as_deref()) {
        (Ok(r), None) => {
            let region = input
                .region
                .as_deref()
                .expect("Ok without a region or endpoint");
            assert_eq!(r.signing_region, region);
            assert_eq!(r.signing_name, "ec2");
            let host = r
                .url
                .strip_prefix("https://")
                .expect("resolved URLs are https");
            assert!(
                host.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'),
                "host {host:?} holds a byte that is not a DNS letter"
            );
            assert!(
                !region.is_empty() && !region.bytes().any(|b| b"./\\@:?#%[] \t\r\n\0".contains(&b)),
                "region {region:?} with a forbidden character was accepted"
            );
            let prefix = if input.use_fips { "ec2-fips." } else { "ec2." };
            let tail = host
                .strip_prefix(prefix)
                .or_else(|| host.strip_prefix("ec2."));
            let tail = tail.unwrap_or_else(|| panic!("host {host:?} does not start with {prefix}"));
            let suffix = tail
                .strip_prefix(region)
                .and_then(|t| t.strip_prefix('.'))
                .unwrap_or_else(|| panic!("host {host:?} is not ec2.{{region}}.…"));
            assert!(
                SUFFIXES.contains(&suffix),
                "host {host:?} ends with unknown suffix {suffix:?}"
            );
            let parsed = parse_url(&r.url).expect("the request builder must accept a resolved URL");
            assert_eq!(parsed.authority, host.to_ascii_lowercase());
        }
        (Ok(r), Some(endpoint)) => {
            assert!(
                !input.use_fips && !input.use_dual_stack,
                "custom endpoint with FIPS/dual-stack"
            );
            assert_eq!(r.url, endpoint.trim_end_matches('/'));
            assert!(
                r.url.bytes().all(|b| b.is_ascii_graphic() && b != b'\\'),
                "endpoint with a space, control, backslash or non-ASCII byte accepted: {:?}",
                r.url
            );
            let authority = authority_of(&r.url);
            assert!(!authority.contains('@'), "userinfo accepted: {:?}", r.url);
            assert!(
                !authority.contains('%'),
                "percent-encoded host accepted: {:?}",
                r.url
            );
            // F2/F14: resolve and the request builder must agree on ports and IPv6 literals.
            let parsed = match parse_url(&r.url) {
                Ok(p) => p,
                Err(_) if !strict() => return,
                Err(e) => panic!(
                    "resolve accepted {:?} but the request builder refuses it: {e}",
                    r.url
                ),
            };
            let expected = wire_host(parsed.scheme, authority);
            if strict() {
                assert_eq!(
                    parsed.authority, expected,
                    "signed host differs from the Host fetch sends"
                );
            } else {
                // Non-strict: the port may be written differently; the host must still match.
                assert_eq!(wire_host(parsed.scheme, &parsed.authority), expected);
            }
            let (url, _) = request_url(&r.url).expect("request_url");
            assert_eq!(authority_of(&url).to_ascii_lowercase(), parsed.authority);
        }
        (Err(e), endpoint) => {
            assert_eq!(e.kind(), ErrorKind::InvalidConfig);
            check_error(e);
            // A message that quotes the endpoint changes when its letters change case (which
            // changes no validity rule: schemes and hosts are case-insensitive).
            if let Some(ep) = endpoint {
                let swapped: String = ep
                    .chars()
                    .map(|c| {
                        if c.is_ascii_lowercase() {
                            c.to_ascii_uppercase()
                        } else {
                            c.to_ascii_lowercase()
                        }
                    })
                    .collect();
                let again = resolve(&EndpointParams {
                    endpoint: Some(&swapped),
                    ..params.clone()
                });
                let again = again.expect_err("case changed the validity of an endpoint");
                if !e.message().starts_with("Invalid Configuration: Region") {
                    assert_eq!(again.message(), e.message(), "error quotes the endpoint");
                }
            }
        }
    }
});
