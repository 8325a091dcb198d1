//! Native benchmarks of the core's hot paths: reading the shell's JSON input, building+signing a
//! request, serializing the body alone, parsing a CreateSnapshot and a DescribeSnapshots response
//! (and writing the output JSON), and parsing an error body. `cargo bench --bench core`.

use criterion::{criterion_group, criterion_main, Criterion};
use ec2_wasm::query::serialize;
use ec2_wasm::request::{build_request, RequestContext};
use ec2_wasm::shapes::generated::{CREATE_SNAPSHOT, DESCRIBE_SNAPSHOTS};
use ec2_wasm::sigv4::{Credentials, SigningKeyCache};
use ec2_wasm::wire::json_in::read_input;
use ec2_wasm::wire::json_out::output_json;
use ec2_wasm::xml::{parse_error_response, parse_output};
use std::hint::black_box;

const RESPONSE: &[u8] =
    include_bytes!("../tests/vectors/model/samples/create-snapshot-response.xml");
const DESCRIBE_RESPONSE: &[u8] =
    include_bytes!("../tests/vectors/model/samples/describe-snapshots-response.xml");
/// An EC2 error body as the service sends it.
const ERROR_RESPONSE: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>\
<Code>InvalidVolume.NotFound</Code><Message>The volume 'vol-1234567890abcdef0' does not exist.</Message>\
</Error></Errors><RequestID>59dbff89-35bd-4eac-99ed-be587EXAMPLE</RequestID></Response>";

/// `JSON.stringify` of the input, as the JS shell passes it.
const INPUT: &str = r#"{"VolumeId":"vol-1234567890abcdef0","Description":"nightly backup","TagSpecifications":[{"ResourceType":"snapshot","Tags":[{"Key":"team","Value":"storage"}]}]}"#;

/// A DescribeSnapshots response with 100 snapshots of three tags each (a typical page).
fn describe_page() -> Vec<u8> {
    let text = std::str::from_utf8(DESCRIBE_RESPONSE).unwrap();
    let start = text.find("<item>").unwrap();
    let end = text.rfind("</snapshotSet>").unwrap();
    let mut page = String::from(&text[..start]);
    let item = "<item><snapshotId>snap-066877671789bd71b</snapshotId><volumeId>vol-1234567890abcdef0</volumeId>\
<status>completed</status><startTime>2014-02-28T21:06:01.000Z</startTime><progress>100%</progress>\
<ownerId>012345678910</ownerId><volumeSize>8</volumeSize><description>nightly backup</description>\
<encrypted>false</encrypted><tagSet><item><key>Name</key><value>my snap</value></item><item><key>team</key>\
<value>storage</value></item><item><key>env</key><value>prod</value></item></tagSet>\
<storageTier>standard</storageTier></item>";
    for _ in 0..100 {
        page.push_str(item);
    }
    page.push_str(&text[end..]);
    page.into_bytes()
}

fn benches(c: &mut Criterion) {
    let creds = Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
        session_token: None,
    };
    let ctx = RequestContext {
        endpoint: "https://ec2.us-east-1.amazonaws.com",
        signing_region: "us-east-1",
        signing_name: "ec2",
        credentials: &creds,
        time_ms: 1_440_938_160_000.0,
        invocation_id: "00000000-0000-4000-8000-000000000000",
        attempt: 1,
        max_attempts: 3,
        x_amz_user_agent: "ec2-wasm/0.1.0",
        user_agent: None,
    };
    let input = read_input(CREATE_SNAPSHOT.input, INPUT).unwrap();
    let mut cache = SigningKeyCache::new();
    c.bench_function("read_input", |b| {
        b.iter(|| read_input(CREATE_SNAPSHOT.input, black_box(INPUT)).unwrap())
    });
    c.bench_function("build_and_sign (cached key)", |b| {
        b.iter(|| {
            build_request(&CREATE_SNAPSHOT, black_box(&input), &ctx, Some(&mut cache)).unwrap()
        })
    });
    c.bench_function("serialize", |b| {
        b.iter(|| serialize(&CREATE_SNAPSHOT, black_box(&input)))
    });
    c.bench_function("parse_response", |b| {
        b.iter(|| parse_output(CREATE_SNAPSHOT.output, black_box(RESPONSE)).unwrap())
    });
    let snapshot = parse_output(CREATE_SNAPSHOT.output, RESPONSE).unwrap();
    c.bench_function("output_json", |b| {
        b.iter(|| output_json(CREATE_SNAPSHOT.output, black_box(&snapshot)))
    });
    c.bench_function("parse_describe_snapshots (2 snapshots)", |b| {
        b.iter(|| parse_output(DESCRIBE_SNAPSHOTS.output, black_box(DESCRIBE_RESPONSE)).unwrap())
    });
    let page = describe_page();
    c.bench_function("parse_describe_snapshots (100 snapshots)", |b| {
        b.iter(|| parse_output(DESCRIBE_SNAPSHOTS.output, black_box(&page)).unwrap())
    });
    c.bench_function("parse_error", |b| {
        b.iter(|| parse_error_response(black_box(ERROR_RESPONSE)).unwrap())
    });
}

criterion_group!(core, benches);
criterion_main!(core);
