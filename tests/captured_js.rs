//! The 8 CreateSnapshot requests captured from `@aws-sdk/client-ec2` 3.1169.0
//! (`tests/vectors/sigv4/captured-js-v3-ec2-create-snapshot.json`), rebuilt byte for byte from the
//! captured input, read as the JS shell passes it (`JSON.stringify(input)` through `read_input`), by
//! the same function the client calls per attempt: body, every header (signed ones and
//! `user-agent`), the canonical request, string to sign, signature and `Authorization`, in that order.

use ec2_wasm::request::{build_request, RequestContext};
use ec2_wasm::shapes::generated::CREATE_SNAPSHOT;
use ec2_wasm::sigv4::{sign_headers, Credentials, SignableRequest, SigningParams, SigningSettings};
use ec2_wasm::wire::json_in::read_input;
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let p = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/sigv4/captured-js-v3-ec2-create-snapshot.json"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    v["vectors"].as_array().unwrap().clone()
}

fn s(v: &Value) -> Option<String> {
    v.as_str().map(String::from)
}

fn run(name: &str) {
    let case = vectors()
        .into_iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no vector {name}"));
    let c = &case["credentials"];
    let creds = Credentials {
        access_key_id: s(&c["accessKeyId"]).unwrap(),
        secret_access_key: s(&c["secretAccessKey"]).unwrap(),
        session_token: s(&c["sessionToken"]),
    };
    let before = &case["request"]["headersBeforeSigning"];
    let time_ms = ec2_wasm::time::parse_rfc3339_ms(case["signingDate"].as_str().unwrap()).unwrap();
    let (attempt, max) = {
        let h = before["amz-sdk-request"].as_str().unwrap();
        let (a, m) = h
            .strip_prefix("attempt=")
            .unwrap()
            .split_once("; max=")
            .unwrap();
        (a.parse().unwrap(), m.parse().unwrap())
    };
    let url = case["request"]["url"].as_str().unwrap();
    let ctx = RequestContext {
        endpoint: url,
        signing_region: case["region"].as_str().unwrap(),
        signing_name: case["signingName"].as_str().unwrap(),
        credentials: &creds,
        time_ms,
        invocation_id: before["amz-sdk-invocation-id"].as_str().unwrap(),
        attempt,
        max_attempts: max,
        x_amz_user_agent: before["x-amz-user-agent"].as_str().unwrap(),
        user_agent: before["user-agent"].as_str(),
    };
    // The input as the JS shell hands it over: `JSON.stringify(input)`.
    let json = serde_json::to_string(&case["input"]).unwrap();
    let input = read_input(CREATE_SNAPSHOT.input, &json).expect("read input");
    let req = build_request(&CREATE_SNAPSHOT, &input, &ctx, None).expect("build");

    // 1. Body, byte for byte.
    assert_eq!(
        req.body,
        case["request"]["body"].as_str().unwrap(),
        "{name}: body"
    );
    assert_eq!(req.url, url, "{name}: url");

    // 2. The signing steps, recomputed over the headers the builder produced before signing.
    let expected = &case["expected"];
    let unsigned: Vec<(&str, &str)> = req
        .headers
        .iter()
        .filter(|(n, _)| {
            !matches!(
                n.as_str(),
                "authorization" | "x-amz-date" | "x-amz-content-sha256" | "x-amz-security-token"
            )
        })
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let params = SigningParams {
        credentials: &creds,
        region: ctx.signing_region,
        service: ctx.signing_name,
        time_secs: (time_ms / 1000.0) as i64,
        settings: SigningSettings::default(),
    };
    let out = sign_headers(
        &SignableRequest {
            method: "POST",
            path: "/",
            query: "",
            headers: &unsigned,
            body: req.body.as_bytes(),
        },
        &params,
        None,
    )
    .unwrap();
    assert_eq!(
        out.canonical_request.to_string(),
        expected["canonicalRequest"].as_str().unwrap(),
        "{name}: canonical request"
    );
    assert_eq!(
        out.string_to_sign.to_string(),
        expected["stringToSign"].as_str().unwrap(),
        "{name}: string to sign"
    );
    assert_eq!(
        out.signature,
        expected["signature"].as_str().unwrap(),
        "{name}: signature"
    );

    // 3. Every final header, in the SDK's order, and the Authorization header.
    let want: Vec<(String, String)> = expected["signedRequestHeaders"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(req.headers, want, "{name}: signed request headers");
}

#[test]
fn success() {
    run("success");
}
#[test]
fn success_session_token() {
    run("success-session-token");
}
#[test]
fn minimal_input() {
    run("minimal-input");
}
#[test]
fn empty_tag_specifications() {
    run("empty-tag-specifications");
}
#[test]
fn all_members() {
    run("all-members");
}
#[test]
fn dry_run_412() {
    run("dry-run-412");
}
#[test]
fn invalid_volume_400() {
    run("invalid-volume-400");
}
#[test]
fn empty_body_404() {
    run("empty-body-404");
}

#[test]
fn every_vector_has_a_test() {
    let names: Vec<String> = vectors()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        names,
        [
            "success",
            "success-session-token",
            "minimal-input",
            "empty-tag-specifications",
            "all-members",
            "dry-run-412",
            "invalid-volume-400",
            "empty-body-404"
        ]
    );
}
