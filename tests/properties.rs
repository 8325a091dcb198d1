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

// ---------------------------------------------------------------------------------------------
// The streaming readers against the tree reading they replace

use ec2_wasm::model::Snapshot;
use ec2_wasm::xml::{error_from_element, parse_document, snapshot_from_element, ErrorBody};

/// Text pieces of EC2-like documents: scalars (valid and not), entities, line ends, CDATA, comments.
const TEXT: &[&str] = &[
    " ",
    "\n  ",
    "\r\n",
    "\r",
    "\t",
    "x",
    "é",
    "1",
    "-5",
    "true",
    "FALSE",
    "99999999999",
    "2014-02-28T21:06:01.000Z",
    "&amp;",
    "&lt;",
    "&#x41;",
    "&#10;",
    "&#13;",
    "a & b",
    "<!-- c -->",
    "<![CDATA[<&>\r\n]]>",
    "<?pi x?>",
];
/// Pieces that break or bend the markup.
const MARKUP: &[&str] = &[
    "&#0;",
    "&x;",
    "<",
    "</",
    ">",
    "/>",
    " a=\"1\"",
    "<!x>",
    "<a/>",
    "<![CDATA[",
];
/// The element names the readers look for, and one they do not.
const NAMES: &[&str] = &[
    "R",
    "Errors",
    "Error",
    "Code",
    "Message",
    "message",
    "RequestID",
    "RequestId",
    "tagSet",
    "item",
    "key",
    "value",
    "snapshotId",
    "volumeSize",
    "encrypted",
    "startTime",
    "status",
    "description",
    "fullSnapshotSizeInBytes",
    "ownerAlias",
    "progress",
    "storageTier",
];

/// What the readers must return: the tree reading (an empty body is an empty output, as with the SDK).
fn reference(body: &[u8]) -> (ec2_wasm::Result<Snapshot>, ec2_wasm::Result<ErrorBody>) {
    if body.is_empty() {
        return (Ok(Snapshot::default()), Ok(ErrorBody::default()));
    }
    let tree = parse_document(body);
    (
        tree.as_ref()
            .map_err(Clone::clone)
            .and_then(snapshot_from_element),
        tree.as_ref().map(error_from_element).map_err(Clone::clone),
    )
}

/// A document chosen by `ops`: a root, then text, start tags, end tags (mostly matching) and, now
/// and then, a piece that bends the markup.
fn document(ops: &[(u8, u8)]) -> String {
    let mut s = String::from("<R>");
    let mut open = vec!["R"];
    for &(op, k) in ops {
        let k = usize::from(k);
        let name = NAMES[k % NAMES.len()];
        match op % 32 {
            0..=11 => s.push_str(TEXT[k % TEXT.len()]),
            12 => s.push_str(MARKUP[k % MARKUP.len()]),
            13..=21 => {
                s.push_str(&format!("<{name}>"));
                open.push(name);
            }
            22 | 23 => s.push_str(&format!("<{name}/>")),
            24..=30 => s.push_str(&format!("</{}>", open.pop().unwrap_or(name))),
            _ => s.push_str(&format!("</{name}>")),
        }
    }
    // Mostly complete documents, some truncated.
    if ops.last().is_none_or(|&(_, k)| k % 8 != 0) {
        while let Some(name) = open.pop() {
            s.push_str(&format!("</{name}>"));
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn streaming_readers_agree_with_the_tree_reading(ops in proptest::collection::vec((any::<u8>(), any::<u8>()), 0..60)) {
        let doc = document(&ops);
        let (snapshot, error) = reference(doc.as_bytes());
        prop_assert_eq!(parse_create_snapshot_response(doc.as_bytes()), snapshot, "{:?}", doc);
        prop_assert_eq!(parse_error_response(doc.as_bytes()), error, "{:?}", doc);
    }

    #[test]
    fn mangled_samples_read_alike(pos in 0usize..SAMPLE.len(), piece in 0usize..TEXT.len() + MARKUP.len()) {
        let mut b = SAMPLE[..pos].to_vec();
        b.extend_from_slice(TEXT.iter().chain(MARKUP).nth(piece).map_or("", |p| p).as_bytes());
        b.extend_from_slice(&SAMPLE[pos..]);
        let (snapshot, error) = reference(&b);
        prop_assert_eq!(parse_create_snapshot_response(&b), snapshot);
        prop_assert_eq!(parse_error_response(&b), error);
    }
}
