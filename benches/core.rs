//! Native benchmarks of the core's three hot paths: building+signing a request, serializing the
//! body alone, and parsing a CreateSnapshot response and an error body. `cargo bench --bench core`.

use criterion::{criterion_group, criterion_main, Criterion};
use ec2_wasm::model::{CreateSnapshotInput, Tag, TagSpecification};
use ec2_wasm::request::{build_create_snapshot, RequestContext};
use ec2_wasm::sigv4::{Credentials, SigningKeyCache};
use std::hint::black_box;

const RESPONSE: &[u8] =
    include_bytes!("../tests/vectors/model/samples/create-snapshot-response.xml");
/// An EC2 error body as the service sends it.
const ERROR_RESPONSE: &[u8] = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error>\
<Code>InvalidVolume.NotFound</Code><Message>The volume 'vol-1234567890abcdef0' does not exist.</Message>\
</Error></Errors><RequestID>59dbff89-35bd-4eac-99ed-be587EXAMPLE</RequestID></Response>";

fn input() -> CreateSnapshotInput {
    CreateSnapshotInput {
        volume_id: "vol-1234567890abcdef0".into(),
        description: Some("nightly backup".into()),
        tag_specifications: Some(vec![TagSpecification {
            resource_type: Some("snapshot".into()),
            tags: Some(vec![Tag {
                key: Some("team".into()),
                value: Some("storage".into()),
            }]),
        }]),
        ..Default::default()
    }
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
    let input = input();
    let mut cache = SigningKeyCache::new();
    c.bench_function("build_and_sign (cached key)", |b| {
        b.iter(|| build_create_snapshot(black_box(&input), &ctx, Some(&mut cache)).unwrap())
    });
    c.bench_function("serialize", |b| {
        b.iter(|| ec2_wasm::query::serialize_create_snapshot(black_box(&input)).unwrap())
    });
    c.bench_function("parse_response", |b| {
        b.iter(|| ec2_wasm::xml::parse_create_snapshot_response(black_box(RESPONSE)).unwrap())
    });
    c.bench_function("parse_error", |b| {
        b.iter(|| ec2_wasm::xml::parse_error_response(black_box(ERROR_RESPONSE)).unwrap())
    });
}

criterion_group!(core, benches);
criterion_main!(core);
