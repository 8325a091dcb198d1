//! Hostile input against the pure core: everything a caller, a config file or a server could send to
//! make the client crash, hang, grow without bound, leak a secret or send a request somewhere else.
//! Each test names the rule it proves; tests marked `Fn` are regressions for findings of the hardening
//! pass (issue 6) and fail until the fix they name lands in the core.
//!
//! Memory is measured as the growth of the process's peak RSS (`VmHWM`, reset through
//! `/proc/self/clear_refs`) around the operation, with every test in this file serialized on one lock
//! so that no other test's allocations are counted. Elsewhere than Linux the figure is 0 and only the
//! results are checked. Times are printed (`cargo test -- --nocapture`), never asserted tightly.

mod common;

use common::xml_tree::parse_document;
use ec2_wasm::endpoint::{resolve, EndpointParams};
use ec2_wasm::query::form_decode;
use ec2_wasm::request::{build_request, parse_url, HttpRequest, RequestContext};
use ec2_wasm::shapes::generated::CREATE_SNAPSHOT;
use ec2_wasm::shapes::OPERATIONS;
use ec2_wasm::sigv4::{
    presign_query, sign_headers, Credentials, SignableRequest, SigningKeyCache, SigningParams,
    SigningSettings,
};
use ec2_wasm::wire::json_in::read_input;
use ec2_wasm::xml::{parse_error_response, parse_output};
use ec2_wasm::{Error, ErrorKind, Result};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzSECRETMARKER";
const TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLE-SESSIONTOKENMARKER";
/// 2015-08-30T12:36:00Z, the SigV4 suites' clock.
const TIME_MS: f64 = 1_440_938_160_000.0;
const MIB: usize = 1024 * 1024;

static LOCK: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

fn creds() -> Credentials {
    Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: SECRET.into(),
        session_token: Some(TOKEN.into()),
    }
}

fn ctx<'a>(endpoint: &'a str, credentials: &'a Credentials) -> RequestContext<'a> {
    RequestContext {
        endpoint,
        signing_region: "us-east-1",
        signing_name: "ec2",
        credentials,
        time_ms: TIME_MS,
        invocation_id: "00000000-0000-4000-8000-000000000000",
        attempt: 1,
        max_attempts: 3,
        x_amz_user_agent: "ec2-wasm/0.1.0 lang/js",
        user_agent: Some("ec2-wasm/0.1.0 lang/js"),
    }
}

/// `JSON.stringify` of a CreateSnapshot input with a description and one tag specification: what
/// the JS shell hands the core.
fn input(description: &str, tags: &[(String, String)]) -> String {
    let tags: Vec<serde_json::Value> = tags
        .iter()
        .map(|(k, v)| serde_json::json!({"Key": k, "Value": v}))
        .collect();
    serde_json::json!({
        "VolumeId": "vol-1234567890abcdef0",
        "Description": description,
        "TagSpecifications": [{"ResourceType": "snapshot", "Tags": tags}],
    })
    .to_string()
}

/// What the client does per attempt: read the shell's JSON, then serialize and sign.
fn build(
    json: &str,
    ctx: &RequestContext<'_>,
    cache: Option<&mut SigningKeyCache>,
) -> Result<HttpRequest> {
    build_request(
        &CREATE_SNAPSHOT,
        &read_input(CREATE_SNAPSHOT.input, json)?,
        ctx,
        cache,
    )
}

fn proc_kib(field: &str) -> Option<usize> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line[field.len()..]
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Runs `f`, returning its value, the growth of peak RSS in bytes, and the time it took. (The test
/// reads the clock to report its own duration; the core never does.)
#[allow(clippy::disallowed_methods)]
fn measure<T>(what: &str, f: impl FnOnce() -> T) -> (T, usize, Duration) {
    let _ = std::fs::write("/proc/self/clear_refs", "5"); // resets VmHWM to the current RSS
    let before = proc_kib("VmRSS:").unwrap_or(0);
    let start = Instant::now();
    let out = f();
    let elapsed = start.elapsed();
    let peak = proc_kib("VmHWM:").unwrap_or(0);
    let grew = peak.saturating_sub(before) * 1024;
    eprintln!(
        "{what}: {:.1} ms, peak RSS +{:.1} MiB",
        elapsed.as_secs_f64() * 1e3,
        grew as f64 / MIB as f64
    );
    (out, grew, elapsed)
}

/// No header name or value on the wire may hold CR, LF or NUL (header injection / request splitting).
fn assert_no_header_injection(req: &HttpRequest) {
    for (n, v) in &req.headers {
        assert!(
            !n.bytes()
                .chain(v.bytes())
                .any(|b| matches!(b, b'\r' | b'\n' | b'\0')),
            "header {n:?} holds CR, LF or NUL: {v:?}"
        );
    }
}

fn header<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

fn pair<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

// ---------------------------------------------------------------------------------------------
// Input: CR/LF/NUL, size

#[test]
fn crlf_and_nul_in_description_and_tags_stay_in_the_encoded_body() {
    let _g = serial();
    let evil = "x\r\nX-Amz-Target: evil\r\n\r\nGET / HTTP/1.1\0";
    let c = creds();
    let req = build(
        &input(evil, &[(evil.into(), format!("{evil}\n\r"))]),
        &ctx("https://ec2.us-east-1.amazonaws.com", &c),
        None,
    )
    .expect("CR/LF/NUL in values are ordinary data");
    assert_no_header_injection(&req);
    assert!(
        req.body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.~%&=".contains(&b)),
        "body holds a raw byte: {}",
        req.body
    );
    assert!(req.body.contains(
        "Description=x%0D%0AX-Amz-Target%3A%20evil%0D%0A%0D%0AGET%20%2F%20HTTP%2F1.1%00"
    ));
    let pairs = form_decode(&req.body).unwrap();
    assert_eq!(pair(&pairs, "Description"), Some(evil));
    assert_eq!(pair(&pairs, "TagSpecification.1.Tag.1.Key"), Some(evil));
    assert_eq!(
        pair(&pairs, "TagSpecification.1.Tag.1.Value"),
        Some(format!("{evil}\n\r").as_str())
    );
    assert_eq!(
        header(&req, "content-length"),
        Some(req.body.len().to_string().as_str())
    );
}

#[test]
fn one_mib_description_and_ten_thousand_tags_make_a_correct_request_in_bounded_memory() {
    let _g = serial();
    // Worst case for the encoder: every byte becomes three.
    let description = "\r\n".repeat(MIB / 2);
    let tags: Vec<(String, String)> = (0..10_000)
        .map(|i| (format!("key {i}"), format!("välue/{i}")))
        .collect();
    let input = input(&description, &tags);
    let c = creds();
    let (req, grew, elapsed) = measure(
        "1 MiB Description + 10,000 tags: read JSON + build + sign",
        || {
            build(
                &input,
                &ctx("https://ec2.us-east-1.amazonaws.com", &c),
                None,
            )
        },
    );
    let req = req.expect("a large input is a correct request (EC2 itself enforces its limits)");
    assert_no_header_injection(&req);
    let body_len = req.body.len();
    assert!(body_len > 3 * MIB, "body is {body_len} bytes");
    assert_eq!(
        header(&req, "content-length"),
        Some(body_len.to_string().as_str())
    );
    // The input read from JSON, the body, its percent-encoded copy while writing and the signing
    // strings: a few times the body.
    assert!(
        grew <= 8 * body_len + 16 * MIB,
        "peak RSS grew {grew} bytes for a {body_len}-byte body"
    );
    assert!(elapsed < Duration::from_secs(30), "took {elapsed:?}");

    let pairs = form_decode(&req.body).unwrap();
    assert_eq!(pair(&pairs, "Description"), Some(description.as_str()));
    assert_eq!(pairs.len(), 3 + 1 + 1 + 2 * 10_000);
    assert_eq!(
        pair(&pairs, "TagSpecification.1.Tag.10000.Key"),
        Some("key 9999")
    );
    assert_eq!(
        pair(&pairs, "TagSpecification.1.Tag.10000.Value"),
        Some("välue/9999")
    );
    // The payload hash covers the whole body; signing again gives the same request.
    let sha = header(&req, "x-amz-content-sha256").unwrap();
    assert_eq!(
        sha,
        ec2_wasm::sigv4::hex(&ec2_wasm::sigv4::sha256(req.body.as_bytes()))
    );
    let again = build(
        &input,
        &ctx("https://ec2.us-east-1.amazonaws.com", &c),
        None,
    )
    .unwrap();
    assert_eq!(again, req);
}

// ---------------------------------------------------------------------------------------------
// Where the request goes

#[test]
fn a_region_cannot_steer_the_request_to_another_host() {
    let _g = serial();
    for region in [
        "us-east-1.evil.com",
        "evil.com#",
        "evil.com/",
        "evil.com?",
        "evil.com:443",
        "user@evil.com",
        "us-east-1@evil.com",
        "us-east-1\\evil.com",
        "us-east-1/../../evil.com",
        "us-east-1%2eevil.com",
        "us-east-1 ",
        "us-east-1\r\nHost: evil.com",
        "us-east-1\0",
        "us-east-1\u{3002}evil\u{3002}com", // ideographic full stop: a dot to a URL parser's IDNA step
        "ｕｓ-east-1",
        "-us-east-1",
        "",
        &"a".repeat(64),
    ] {
        for (fips, dual) in [(false, false), (true, false), (false, true), (true, true)] {
            let r = resolve(&EndpointParams {
                region: Some(region),
                use_fips: fips,
                use_dual_stack: dual,
                endpoint: None,
            });
            let e = r.expect_err(region);
            assert_eq!(e.kind(), ErrorKind::InvalidConfig);
            assert!(e.message().len() < 200, "{e}");
        }
    }
    // What does resolve is always https on an AWS DNS suffix, whatever the partition.
    for region in [
        "us-east-1",
        "cn-north-1",
        "us-gov-west-1",
        "us-isob-east-1",
        "made-up-region-9",
        "x",
    ] {
        let r = resolve(&EndpointParams {
            region: Some(region),
            ..Default::default()
        })
        .unwrap();
        assert!(r.url.starts_with("https://ec2."), "{}", r.url);
        assert!(
            [".amazonaws.com", ".amazonaws.com.cn", ".sc2s.sgov.gov"]
                .iter()
                .any(|s| r.url.ends_with(s)),
            "{}",
            r.url
        );
    }
}

#[test]
fn a_custom_endpoint_cannot_hide_its_real_host() {
    let _g = serial();
    for endpoint in [
        "https://ec2.us-east-1.amazonaws.com@evil.com",
        "https://user@host",
        "https://user:password@host",
        "https://ec2.us-east-1.amazonaws.com\\@evil.com",
        "https://evil.com\\.amazonaws.com",
        "https://evil.com#.amazonaws.com",
        "https://evil.com?.amazonaws.com",
        "https://evil%2ecom",
        "https://ev\til.com",
        "https://evil.com\r\n.amazonaws.com",
        "https://evil.com /x",
        "https://évil.com",
        "https://[::1",
        "https://:443",
        "https://host:99999",
        "https://host:-1",
        "https://host:0x50",
        "//evil.com",
        "evil.com",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://host",
        "https:/evil.com",
        "https:\\\\evil.com",
    ] {
        let e = resolve(&EndpointParams {
            region: Some("us-east-1"),
            endpoint: Some(endpoint),
            ..Default::default()
        })
        .expect_err(endpoint);
        assert_eq!(e.kind(), ErrorKind::InvalidConfig, "{endpoint}");
        assert!(
            !e.message().contains("password"),
            "error quotes the endpoint: {e}"
        );
    }
}

/// The decision on `http://`: an endpoint the library resolves from a region is always https; plain
/// http is only ever used when the caller gives a custom endpoint that says so (as the AWS SDK allows,
/// for local emulators such as moto or LocalStack). `tls: false` is not honoured (always https).
#[test]
fn http_only_for_an_explicit_custom_endpoint() {
    let _g = serial();
    for region in ["us-east-1", "eu-west-3", "cn-north-1"] {
        for (fips, dual) in [(false, false), (true, false), (false, true), (true, true)] {
            let r = resolve(&EndpointParams {
                region: Some(region),
                use_fips: fips,
                use_dual_stack: dual,
                endpoint: None,
            })
            .unwrap();
            assert!(r.url.starts_with("https://"), "{}", r.url);
        }
    }
    for endpoint in [
        "http://127.0.0.1:4566",
        "http://localhost:5000/",
        "http://[::1]:8080",
        "HTTP://moto:5000",
    ] {
        let r = resolve(&EndpointParams {
            region: Some("us-east-1"),
            endpoint: Some(endpoint),
            ..Default::default()
        })
        .unwrap();
        assert!(
            r.url.to_ascii_lowercase().starts_with("http://"),
            "{}",
            r.url
        );
        assert_eq!(r.signing_region, "us-east-1");
    }
}

/// F2: `resolve` and the request builder (`parse_url`) must agree on which endpoints are valid, and
/// the host that is signed must be the `Host` that `fetch` sends (WHATWG: port as a number, default
/// port dropped). Before the fix `resolve` accepted `:000000000443` that `parse_url` refuses (the client
/// then failed at construction with the endpoint quoted), and `:0443` was signed as `host:0443`
/// while fetch sends `host` (SignatureDoesNotMatch).
#[test]
fn f2_endpoint_ports_are_read_the_same_way_everywhere() {
    let _g = serial();
    for (endpoint, host) in [
        ("https://host:443", "host"),
        ("https://host:0443", "host"),
        ("https://host:000000000443", "host"),
        ("http://host:080", "host"),
        ("http://host:08080", "host:8080"),
        ("http://HOST:8080", "host:8080"),
        ("https://host:80", "host:80"),
    ] {
        let r = resolve(&EndpointParams {
            region: Some("us-east-1"),
            endpoint: Some(endpoint),
            ..Default::default()
        });
        let parsed = r.as_ref().ok().map(|r| parse_url(&r.url));
        match parsed {
            None => {} // refusing an unusual port is fine, as long as both agree (checked below)
            Some(Ok(u)) => assert_eq!(
                u.authority, host,
                "{endpoint}: signed host differs from the Host fetch sends"
            ),
            Some(Err(e)) => {
                panic!("{endpoint}: resolve accepts it but the request builder refuses it: {e}")
            }
        }
    }
}

/// F14: a bracketed IPv6 host is either a valid IPv6 address, accepted by `resolve` and by the request
/// builder alike, or refused by both. Before the fix `resolve` took any hex digits, `:` and `.` in
/// brackets (`https://[:65536..]`), which `parse_url` then refused (it splits the port at the last `:`
/// even inside the brackets), so the client failed at construction instead of at resolution; and
/// `fetch` refuses such a URL too.
#[test]
fn f14_ipv6_literals_are_validated_the_same_way_everywhere() {
    let _g = serial();
    for (endpoint, valid) in [
        ("https://[::1]", true),
        ("https://[::1]:8443", true),
        ("http://[2001:db8::1]:80/", true),
        ("https://[::ffff:1.2.3.4]", true),
        ("https://[:65536..]", false),
        ("https://[:1]", false),
        ("https://[1.2.3.4]", false),
        ("https://[::1::2]", false),
        ("https://[12345::]", false),
        ("https://[::1", false),
        ("https://[::1]1234", false),
    ] {
        let r = resolve(&EndpointParams {
            region: Some("us-east-1"),
            endpoint: Some(endpoint),
            ..Default::default()
        });
        let built = parse_url(endpoint);
        assert_eq!(r.is_ok(), valid, "resolve({endpoint}): {r:?}");
        assert_eq!(built.is_ok(), valid, "parse_url({endpoint}): {built:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Headers

/// F1: values copied into headers (session token, user agents) must never carry CR, LF or NUL: the
/// core refuses them with a clear error instead of handing `fetch` a header it rejects with a
/// TypeError (which the shell then retried as a network failure).
#[test]
fn f1_session_token_and_user_agent_cannot_split_headers() {
    let _g = serial();
    let mut c = creds();
    c.session_token = Some(format!("{TOKEN}\r\nX-Evil: 1"));
    let r = build(
        &input("d", &[]),
        &ctx("https://ec2.us-east-1.amazonaws.com", &c),
        None,
    );
    match r {
        Ok(req) => assert_no_header_injection(&req),
        Err(e) => {
            assert_eq!(e.kind(), ErrorKind::InvalidConfig, "{e}");
            assert!(
                !e.message().contains(TOKEN),
                "error quotes the session token: {e}"
            );
        }
    }
    let c = creds();
    for ua in ["app/1.0\r\nX-Evil: 1", "app/1.0\nX", "app\0"] {
        let mut cx = ctx("https://ec2.us-east-1.amazonaws.com", &c);
        cx.x_amz_user_agent = ua;
        if let Ok(req) = build(&input("d", &[]), &cx, None) {
            assert_no_header_injection(&req);
        }
        let mut cx = ctx("https://ec2.us-east-1.amazonaws.com", &c);
        cx.user_agent = Some(ua);
        if let Ok(req) = build(&input("d", &[]), &cx, None) {
            assert_no_header_injection(&req);
        }
    }
}

/// F3: the method and header names are HTTP tokens (RFC 9110), or a name such as `a;b` makes the
/// `SignedHeaders` list ambiguous and a method with a newline adds a line to the canonical request.
#[test]
fn f3_method_and_header_names_must_be_tokens() {
    let _g = serial();
    let c = creds();
    let params = SigningParams {
        credentials: &c,
        region: "us-east-1",
        service: "ec2",
        time_secs: 1_440_938_160,
        settings: SigningSettings::default(),
    };
    for (method, name) in [
        ("", "host"),
        ("GET\nhost:evil", "host"),
        ("POST", "a;b"),
        ("POST", "a,b"),
        ("POST", "(x)"),
    ] {
        let headers = [("host", "example.com"), (name, "v")];
        let req = SignableRequest {
            method,
            path: "/",
            query: "",
            headers: &headers,
            body: b"",
        };
        // (No expect_err: it would print the signing output, token included.)
        let r = sign_headers(&req, &params, None);
        assert!(
            r.is_err(),
            "method {method:?} / header name {name:?} was signed"
        );
        assert!(r.is_err_and(|e| e.kind() == ErrorKind::InvalidInput));
        assert!(presign_query(&req, &params, 60, None).is_err());
    }
}

// ---------------------------------------------------------------------------------------------
// Responses

fn assert_response_error(e: &Error, needle: &str) {
    assert_eq!(e.kind(), ErrorKind::InvalidResponse, "{e}");
    assert!(e.message().contains(needle), "expected {needle:?} in: {e}");
    assert!(
        e.message().len() <= 1024,
        "message of {} bytes",
        e.message().len()
    );
}

#[test]
fn endlessly_nested_responses_stop_at_the_depth_limit() {
    let _g = serial();
    // 3 MiB: under the 4 MiB body cap, so the depth limit is what stops it.
    let nested = "<a>".repeat(MIB);
    // Nesting through the members the readers follow (DescribeSnapshots' lists, a list entry's
    // structure), so the depth limit rather than a skipped element is what stops them.
    let members = format!(
        "<R>{}",
        "<snapshotSet><item><tagSet><item>".repeat(3 * MIB / 34)
    );
    for body in [
        nested.clone(),
        format!("<a>{}", "<b/><c>".repeat(MIB / 7)),
        members,
    ] {
        for op in OPERATIONS {
            let (r, grew, _) = measure(&format!("3 MiB of nesting, {}", op.name), || {
                parse_output(op.output, body.as_bytes())
            });
            assert_response_error(&r.unwrap_err(), "nested deeper");
            assert!(grew < 16 * MIB, "peak RSS grew {grew} bytes");
        }
        assert_response_error(
            &parse_error_response(body.as_bytes()).unwrap_err(),
            "nested deeper",
        );
    }
}

#[test]
fn many_elements_stop_at_the_element_limit() {
    let _g = serial();
    let body = format!("<r>{}</r>", "<item/>".repeat(200_000));
    let (r, grew, _) = measure("200,000 sibling elements", || {
        parse_document(body.as_bytes())
    });
    assert_response_error(&r.unwrap_err(), "more than");
    assert!(grew < 64 * MIB, "peak RSS grew {grew} bytes");
}

#[test]
fn doctype_and_entity_expansion_are_refused() {
    let _g = serial();
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        laughs.push_str(&format!(
            " <!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    laughs.push_str(
        "]>\n<CreateSnapshotResponse><description>&lol9;</description></CreateSnapshotResponse>",
    );
    for op in OPERATIONS {
        let (r, grew, _) = measure(&format!("billion laughs, {}", op.name), || {
            parse_output(op.output, laughs.as_bytes())
        });
        assert_response_error(&r.unwrap_err(), "DOCTYPE");
        assert!(grew < 4 * MIB);
    }
    assert_response_error(
        &parse_error_response(laughs.as_bytes()).unwrap_err(),
        "DOCTYPE",
    );
    for body in [
        "<!doctype x SYSTEM \"file:///etc/passwd\"><x/>",
        "<!DOCTYPE x PUBLIC \"-//x\" \"http://evil.com/x.dtd\"><x>&ext;</x>",
        "<r><!DOCTYPE x [<!ENTITY e \"boom\">]><a>&e;</a></r>",
        "<r><!ENTITY e \"boom\"></r>",
    ] {
        let e = parse_document(body.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidResponse, "{body}: {e}");
    }
    // An entity that is not one of the five is refused even without a DOCTYPE, in an element the
    // reader keeps or one it skips.
    for body in [
        "<r><description>&lol9;</description></r>",
        "<r><snapshotSet><item><description>&lol9;</description></item></snapshotSet></r>",
        "<r><unknown>&lol9;</unknown></r>",
    ] {
        for op in OPERATIONS {
            let e = parse_output(op.output, body.as_bytes()).unwrap_err();
            assert_response_error(&e, "unknown entity");
        }
    }
}

#[test]
fn bodies_that_are_not_utf8_are_refused() {
    let _g = serial();
    for body in [
        &b"<CreateSnapshotResponse><description>\xff\xfe</description></CreateSnapshotResponse>"[..],
        b"\xff\xfe<\x00a\x00/\x00>\x00", // UTF-16 LE with a BOM
        b"<a>\xc3\x28</a>",              // truncated sequence
        b"<a>\xed\xa0\x80</a>",          // an encoded surrogate
        b"<a>\xc0\xaf</a>",              // overlong '/'
        b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\xe9</a>",
    ] {
        for op in OPERATIONS {
            assert_response_error(&parse_output(op.output, body).unwrap_err(), "UTF-8");
        }
        assert_response_error(&parse_error_response(body).unwrap_err(), "UTF-8");
    }
}

/// F6: the core bounds a body on its own (the JS shell's 4 MiB cap, `MAX_RESPONSE_BYTES` in
/// client.mjs, is the only bound before the fix): a 100 MB response is refused at once, whatever it
/// holds, instead of being copied, validated and turned into a 100 MB string.
#[test]
fn f6_a_100_mb_response_is_refused_at_once() {
    let _g = serial();
    let text = "x".repeat(100_000_000);
    let body = format!(
        "<CreateSnapshotResponse><description>{text}</description></CreateSnapshotResponse>"
    );
    drop(text);
    for op in OPERATIONS {
        let (r, grew, elapsed) = measure(&format!("100 MB response, {}", op.name), || {
            parse_output(op.output, body.as_bytes())
        });
        // (No expect_err: its message would print the 100 MB output.)
        let Err(e) = r else {
            panic!("a 100 MB body must be refused, got an output")
        };
        assert_eq!(e.kind(), ErrorKind::InvalidResponse);
        assert!(grew < 16 * MIB, "peak RSS grew {grew} bytes");
        assert!(elapsed < Duration::from_secs(5), "took {elapsed:?}");
    }
    assert!(parse_error_response(body.as_bytes()).is_err());
}

/// F5: an error message quotes at most a clipped piece of the response, never a whole element name.
#[test]
fn f5_error_messages_stay_short_whatever_the_response() {
    let _g = serial();
    let name = "N".repeat(100_000);
    let bodies = [
        format!("<{name}><snapshotId>a</snapshotId><snapshotId>b</snapshotId></{name}>"),
        format!(
            "<{name}><volumeSize>x{}</volumeSize></{name}>",
            "9".repeat(100_000)
        ),
        format!("<r><startTime>{}</startTime></r>", "2".repeat(100_000)),
        format!("<r><{name}></r>"),
        format!("<r>&{name};</r>"),
        format!("<r>&#{name};</r>"),
        format!("<r><a {name}=\"1></r>"),
        format!("<{name}><nextToken>a</nextToken><nextToken>b</nextToken></{name}>"),
        format!(
            "<r><snapshotSet><item><volumeSize>x{}</volumeSize></item></snapshotSet></r>",
            "9".repeat(100_000)
        ),
        format!(
            "<r><snapshotSet><item><tagSet><item><{name}/><key><{name}/></key></item></tagSet></item></snapshotSet></r>"
        ),
    ];
    for body in &bodies {
        let mut refused = 0;
        for op in OPERATIONS {
            if let Err(e) = parse_output(op.output, body.as_bytes()) {
                refused += 1;
                assert!(
                    e.message().len() <= 1024,
                    "{}: message of {} bytes: {:.120}…",
                    op.name,
                    e.message().len(),
                    e.message()
                );
            }
        }
        // Every body is refused by at least one reader (most by both).
        assert!(refused > 0, "{body:.120}");
    }
}

// ---------------------------------------------------------------------------------------------
// Secrets in Debug and errors

#[test]
fn debug_output_never_shows_the_secret_or_the_token() {
    let _g = serial();
    let c = creds();
    let mut cache = SigningKeyCache::new();
    let cx = ctx("https://ec2.us-east-1.amazonaws.com", &c);
    let req = build(&input("d", &[]), &cx, Some(&mut cache)).unwrap();
    let dumps = [
        format!("{c:?}"),
        format!("{c:#?}"),
        format!("{cache:?}"),
        format!("{cx:?}"),
        format!("{cx:#?}"),
    ];
    for d in &dumps {
        assert!(!d.contains(SECRET), "secret in {d}");
        assert!(!d.contains(TOKEN), "session token in {d}");
    }
    // The signature is derived from the secret but does not reveal it; the request itself carries the
    // token on the wire, which is why Debug of the request must not (F7 below).
    assert!(header(&req, "x-amz-security-token").is_some());
}

/// F7: `Debug` of the built request and of the signing output redacts the session token (it is on
/// the wire, but a `{:?}` in a log line must not copy it), as `CanonicalRequest::redacted` does.
#[test]
fn f7_debug_of_requests_and_signing_output_redacts_the_token() {
    let _g = serial();
    let c = creds();
    let req = build(
        &input("d", &[]),
        &ctx("https://ec2.us-east-1.amazonaws.com", &c),
        None,
    )
    .unwrap();
    let d = format!("{req:?}");
    assert!(
        !d.contains(TOKEN),
        "session token in HttpRequest Debug: {d}"
    );
    let headers = [("host", "ec2.us-east-1.amazonaws.com")];
    let sreq = SignableRequest {
        method: "POST",
        path: "/",
        query: "",
        headers: &headers,
        body: b"",
    };
    let params = SigningParams {
        credentials: &c,
        region: "us-east-1",
        service: "ec2",
        time_secs: 1_440_938_160,
        settings: SigningSettings::default(),
    };
    let out = sign_headers(&sreq, &params, None).unwrap();
    for d in [
        format!("{out:?}"),
        format!("{:?}", out.canonical_request),
        out.canonical_request.redacted(),
    ] {
        assert!(!d.contains(TOKEN), "session token in signing Debug: {d}");
        assert!(!d.contains(SECRET));
    }
}

/// Every error the core can produce about credentials, endpoints or signing leaves the secret and
/// the token out, including when they are malformed.
#[test]
fn error_messages_never_quote_credentials() {
    let _g = serial();
    let bad_creds = [
        Credentials {
            access_key_id: String::new(),
            secret_access_key: SECRET.into(),
            session_token: Some(TOKEN.into()),
        },
        Credentials {
            access_key_id: "AKID".into(),
            secret_access_key: String::new(),
            session_token: Some(TOKEN.into()),
        },
        Credentials {
            access_key_id: format!("AK/{SECRET}"),
            secret_access_key: SECRET.into(),
            session_token: Some(TOKEN.into()),
        },
        Credentials {
            access_key_id: "AKID".into(),
            secret_access_key: SECRET.into(),
            session_token: Some(format!("{TOKEN}\0")),
        },
    ];
    for c in &bad_creds {
        let e = build(
            &input("d", &[]),
            &ctx("https://ec2.us-east-1.amazonaws.com", c),
            None,
        )
        .unwrap_err();
        assert!(
            !e.message().contains(SECRET) && !e.message().contains(TOKEN),
            "{e}"
        );
        assert!(!format!("{e:?}").contains(SECRET) && !format!("{e:?}").contains(TOKEN));
    }
    let c = creds();
    let mut cx = ctx("https://ec2.us-east-1.amazonaws.com", &c);
    cx.signing_region = "us east 1";
    let e = build(&input("d", &[]), &cx, None).unwrap_err();
    assert!(
        !e.message().contains(SECRET) && !e.message().contains(TOKEN),
        "{e}"
    );
}

/// F4: `parse_url` (the request builder, `new Core(...)` in the JS binding) quotes the endpoint in its
/// errors, which can carry a password in its userinfo; `resolve` already never quotes it.
#[test]
fn f4_url_errors_do_not_quote_userinfo() {
    let _g = serial();
    for url in [
        "https://admin:hunter2-PASSWORD@host",
        "https://AKIDEXAMPLE:hunter2-PASSWORD@host:99999/",
    ] {
        let e = parse_url(url).unwrap_err();
        assert!(!e.message().contains("hunter2-PASSWORD"), "{e}");
        let e = resolve(&EndpointParams {
            region: Some("us-east-1"),
            endpoint: Some(url),
            ..Default::default()
        })
        .unwrap_err();
        assert!(!e.message().contains("hunter2-PASSWORD"), "{e}");
    }
}

#[test]
fn serializer_refusals_are_short() {
    let _g = serial();
    // An unknown enum value is refused when the input is read, before anything is written.
    let json = serde_json::json!({"VolumeId": "v", "Location": "m".repeat(MIB)}).to_string();
    let e = read_input(CREATE_SNAPSHOT.input, &json).unwrap_err();
    assert_eq!(e.field(), Some("Location"));
    assert!(
        e.message().len() <= 1024,
        "message of {} bytes",
        e.message().len()
    );
    // So is a wrong type, anywhere in the input.
    let json = serde_json::json!({
        "VolumeId": "v",
        "TagSpecifications": [{"Tags": [{"Key": "k".repeat(MIB), "Value": 1}]}],
    })
    .to_string();
    let e = read_input(CREATE_SNAPSHOT.input, &json).unwrap_err();
    assert_eq!(e.field(), Some("TagSpecifications[0].Tags[0].Value"));
    assert!(e.message().len() <= 1024);
}
