//! Property tests: the serializer round-trips any Unicode through form encoding, and the XML readers
//! return `Ok` or `Err` (never panic) on arbitrary or mangled bytes.

use ec2_wasm::model::{CreateSnapshotInput, Tag, TagSpecification};
use ec2_wasm::query::{form_decode, serialize_create_snapshot};
use ec2_wasm::xml::{parse_create_snapshot_response, parse_error_response};
use proptest::prelude::*;

const SAMPLE: &[u8] = include_bytes!("vectors/model/samples/create-snapshot-response.xml");

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_round_trips(desc in any::<String>(), tags in proptest::collection::vec((any::<String>(), any::<String>()), 0..8)) {
        let input = CreateSnapshotInput {
            volume_id: "vol-1".into(),
            description: Some(desc.clone()),
            tag_specifications: Some(vec![TagSpecification {
                resource_type: Some("snapshot".into()),
                tags: Some(tags.iter().map(|(k, v)| Tag { key: Some(k.clone()), value: Some(v.clone()) }).collect()),
            }]),
            ..Default::default()
        };
        let body = serialize_create_snapshot(&input).unwrap();
        // Only RFC 3986 unreserved bytes, '%', '&' and '=' appear on the wire.
        prop_assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%&=".contains(&b)), "{}", body);
        let pairs = form_decode(&body).unwrap();
        let get = |k: &str| pairs.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.clone());
        prop_assert_eq!(&pairs[0], &("Action".to_string(), "CreateSnapshot".to_string()));
        prop_assert_eq!(&pairs[1], &("Version".to_string(), "2016-11-15".to_string()));
        prop_assert_eq!(get("Description"), Some(desc));
        for (i, (k, v)) in tags.iter().enumerate() {
            prop_assert_eq!(get(&format!("TagSpecification.1.Tag.{}.Key", i + 1)), Some(k.clone()));
            prop_assert_eq!(get(&format!("TagSpecification.1.Tag.{}.Value", i + 1)), Some(v.clone()));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let _ = parse_create_snapshot_response(&bytes);
        let _ = parse_error_response(&bytes);
    }

    #[test]
    fn mangled_responses_never_panic(cut in 0usize..SAMPLE.len(), pos in 0usize..SAMPLE.len(), byte in any::<u8>()) {
        let mut b = SAMPLE.to_vec();
        b[pos] = byte;
        let _ = parse_create_snapshot_response(&b);
        let _ = parse_create_snapshot_response(&b[..cut]);
        let _ = parse_error_response(&b[..cut]);
        // A truncated document is an error, never a partial success (an empty body is an empty
        // output, as with the SDK).
        if cut > 0 && cut + 30 < SAMPLE.len() {
            prop_assert!(parse_create_snapshot_response(&SAMPLE[..cut]).is_err());
        }
    }
}

#[test]
fn the_sample_parses_as_the_sdk_does() {
    let s = parse_create_snapshot_response(SAMPLE).unwrap();
    assert_eq!(s.snapshot_id.as_deref(), Some("snap-066877671789bd71b"));
    assert_eq!(s.progress.as_deref(), Some(""));
    assert_eq!(s.volume_size, Some(8));
    assert_eq!(s.encrypted, Some(false));
    assert_eq!(s.start_time, Some(1_393_621_561_000.0));
    assert_eq!(s.tags.as_ref().map(|t| t.len()), Some(1));
}
