//! Property tests: inputs read from the shell's JSON round-trip through the query writer and form
//! encoding (any Unicode, CreateSnapshot and DescribeSnapshots), the XML readers return `Ok` or `Err`
//! (never panic) on arbitrary or mangled bytes, the streaming readers give exactly the element-tree
//! reading of `tests/common/xml_tree.rs` (values and error messages) for both operations, and
//! `text::truncate` never cuts a character.

mod common;

use common::pieces::read_in_pieces;
use common::xml_tree::{error_from_element, parse_document, parse_output_tree};
use ec2_wasm::query::{form_decode, serialize};
use ec2_wasm::shapes::generated::{CREATE_SNAPSHOT, DESCRIBE_SNAPSHOTS, SNAPSHOT};
use ec2_wasm::shapes::{Value, OPERATIONS};
use ec2_wasm::text::{quote, truncate, QUOTE_LIMIT};
use ec2_wasm::wire::json_in::read_input;
use ec2_wasm::wire::json_out::output_json;
use ec2_wasm::xml::{parse_error_response, parse_output, ErrorBody};
use proptest::prelude::*;
use serde_json::json;

const SAMPLE: &[u8] = include_bytes!("vectors/model/samples/create-snapshot-response.xml");
const DESCRIBE_SAMPLE: &[u8] =
    include_bytes!("vectors/model/samples/describe-snapshots-response.xml");
const SAMPLES: [&[u8]; 2] = [SAMPLE, DESCRIBE_SAMPLE];

/// Only RFC 3986 unreserved bytes, '%', '&' and '=' appear on the wire.
fn form_alphabet(body: &str) -> bool {
    body.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"-_.~%&=".contains(&b))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_round_trips(desc in any::<String>(), tags in proptest::collection::vec((any::<String>(), any::<String>()), 0..8)) {
        let tag_json: Vec<serde_json::Value> =
            tags.iter().map(|(k, v)| json!({"Key": k, "Value": v})).collect();
        let json = json!({
            "VolumeId": "vol-1",
            "Description": desc,
            "TagSpecifications": [{"ResourceType": "snapshot", "Tags": tag_json}],
        })
        .to_string();
        let input = read_input(CREATE_SNAPSHOT.input, &json).unwrap();
        let body = serialize(&CREATE_SNAPSHOT, &input);
        prop_assert!(form_alphabet(&body), "{}", body);
        let pairs = form_decode(&body).unwrap();
        let get = |k: &str| pairs.iter().find(|(pk, _)| pk == k).map(|(_, v)| v.clone());
        prop_assert_eq!(&pairs[0], &("Action".to_string(), "CreateSnapshot".to_string()));
        prop_assert_eq!(&pairs[1], &("Version".to_string(), "2016-11-15".to_string()));
        prop_assert_eq!(&pairs[2], &("VolumeId".to_string(), "vol-1".to_string()));
        prop_assert_eq!(get("Description"), Some(desc));
        for (i, (k, v)) in tags.iter().enumerate() {
            prop_assert_eq!(get(&format!("TagSpecification.1.Tag.{}.Key", i + 1)), Some(k.clone()));
            prop_assert_eq!(get(&format!("TagSpecification.1.Tag.{}.Value", i + 1)), Some(v.clone()));
        }
        prop_assert_eq!(pairs.len(), 3 + 1 + 1 + 2 * tags.len());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        for op in OPERATIONS {
            let _ = parse_output(op.output, &bytes);
        }
        let _ = parse_error_response(&bytes);
    }

    #[test]
    fn mangled_responses_never_panic(which in 0usize..2, cut in any::<prop::sample::Index>(), pos in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let sample = SAMPLES[which];
        let (cut, pos) = (cut.index(sample.len()), pos.index(sample.len()));
        let mut b = sample.to_vec();
        b[pos] = byte;
        for op in OPERATIONS {
            let _ = parse_output(op.output, &b);
            let _ = parse_output(op.output, &b[..cut]);
            // A truncated document is an error, never a partial success (an empty body is an empty
            // output, as with the SDK).
            if cut > 0 && cut + 30 < sample.len() {
                prop_assert!(parse_output(op.output, &sample[..cut]).is_err());
            }
        }
        let _ = parse_error_response(&b[..cut]);
    }
}

#[test]
fn the_sample_parses_as_the_sdk_does() {
    let s = parse_output(&SNAPSHOT, SAMPLE).unwrap();
    let get = |name| s.get(&SNAPSHOT, name);
    assert_eq!(
        get("SnapshotId").and_then(Value::as_str),
        Some("snap-066877671789bd71b")
    );
    assert_eq!(get("Progress").and_then(Value::as_str), Some(""));
    assert_eq!(get("VolumeSize"), Some(&Value::Int(8)));
    assert_eq!(get("Encrypted"), Some(&Value::Bool(false)));
    assert_eq!(get("StartTime"), Some(&Value::Time(1_393_621_561_000.0)));
    assert!(matches!(get("Tags"), Some(Value::List(t)) if t.len() == 1));
    let d = parse_output(DESCRIBE_SNAPSHOTS.output, DESCRIBE_SAMPLE).unwrap();
    let Some(Value::List(snapshots)) = d.get(DESCRIBE_SNAPSHOTS.output, "Snapshots") else {
        panic!("no snapshots: {d:?}")
    };
    assert_eq!(snapshots.len(), 2);
    assert!(matches!(snapshots[0].get(&SNAPSHOT, "Tags"), Some(Value::List(t)) if t.len() == 2));
}

// ---------------------------------------------------------------------------------------------
// DescribeSnapshots input: JSON → read_input → serialize → form_decode

/// A string list member as the caller may write it: absent, `null`, or entries (some `null`).
type StringList = Option<Option<Vec<Option<String>>>>;
/// A filter: its name (absent or set) and values.
type Filter = (Option<String>, StringList);

#[derive(Debug, Clone)]
struct Describe {
    max_results: Option<Option<i32>>,
    next_token: Option<Option<String>>,
    owners: StringList,
    restorable_by: StringList,
    snapshot_ids: StringList,
    dry_run: Option<Option<bool>>,
    /// Entries: `null`, or a filter with an optional name and values.
    filters: Option<Vec<Option<Filter>>>,
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), "[a-z:*-]{0,12}"]
}

fn string_list() -> impl Strategy<Value = StringList> {
    proptest::option::of(proptest::option::of(proptest::collection::vec(
        proptest::option::weighted(0.8, text()),
        0..4,
    )))
}

fn describe_input() -> impl Strategy<Value = Describe> {
    (
        proptest::option::of(proptest::option::of(any::<i32>())),
        proptest::option::of(proptest::option::of(text())),
        string_list(),
        string_list(),
        string_list(),
        proptest::option::of(proptest::option::of(any::<bool>())),
        proptest::option::of(proptest::collection::vec(
            proptest::option::weighted(0.8, (proptest::option::of(text()), string_list())),
            0..4,
        )),
    )
        .prop_map(
            |(max_results, next_token, owners, restorable_by, snapshot_ids, dry_run, filters)| {
                Describe {
                    max_results,
                    next_token,
                    owners,
                    restorable_by,
                    snapshot_ids,
                    dry_run,
                    filters,
                }
            },
        )
}

fn list_json(l: &Option<Vec<Option<String>>>) -> serde_json::Value {
    match l {
        None => serde_json::Value::Null,
        Some(items) => json!(items),
    }
}

impl Describe {
    /// `JSON.stringify` of the input, members in the order `order` gives (a permutation of 0..7):
    /// absent members left out, `null` ones written as `null`.
    fn json(&self, order: &[usize]) -> String {
        let mut members: Vec<(&str, serde_json::Value)> = Vec::new();
        let mut put = |name, v: Option<serde_json::Value>| {
            if let Some(v) = v {
                members.push((name, v));
            }
        };
        put("MaxResults", self.max_results.map(|v| json!(v)));
        put("NextToken", self.next_token.as_ref().map(|v| json!(v)));
        put("OwnerIds", self.owners.as_ref().map(list_json));
        put(
            "RestorableByUserIds",
            self.restorable_by.as_ref().map(list_json),
        );
        put("SnapshotIds", self.snapshot_ids.as_ref().map(list_json));
        put("DryRun", self.dry_run.map(|v| json!(v)));
        put(
            "Filters",
            self.filters.as_ref().map(|fs| {
                fs.iter()
                    .map(|f| match f {
                        None => serde_json::Value::Null,
                        Some((name, values)) => {
                            let mut o = serde_json::Map::new();
                            if let Some(n) = name {
                                o.insert("Name".into(), json!(n));
                            }
                            if let Some(v) = values {
                                o.insert("Values".into(), list_json(v));
                            }
                            serde_json::Value::Object(o)
                        }
                    })
                    .collect()
            }),
        );
        let mut obj = serde_json::Map::new();
        for &i in order {
            if let Some((name, v)) = members.get(i) {
                obj.insert((*name).into(), v.clone());
            }
        }
        serde_json::Value::Object(obj).to_string()
    }

    /// The pairs `@aws-sdk/client-ec2` sends, written independently of the crate: model order, lists
    /// numbered from 1 without their `null` entries, empty lists left out.
    fn pairs(&self) -> Vec<(String, String)> {
        let mut p = vec![
            ("Action".to_owned(), "DescribeSnapshots".to_owned()),
            ("Version".to_owned(), "2016-11-15".to_owned()),
        ];
        fn list(p: &mut Vec<(String, String)>, key: &str, l: &StringList) {
            let items = l.iter().flatten().flatten().flatten();
            for (i, v) in items.enumerate() {
                p.push((format!("{key}.{}", i + 1), v.clone()));
            }
        }
        if let Some(Some(n)) = self.max_results {
            p.push(("MaxResults".into(), n.to_string()));
        }
        if let Some(Some(t)) = &self.next_token {
            p.push(("NextToken".into(), t.clone()));
        }
        list(&mut p, "Owner", &self.owners);
        list(&mut p, "RestorableBy", &self.restorable_by);
        list(&mut p, "SnapshotId", &self.snapshot_ids);
        if let Some(Some(d)) = self.dry_run {
            p.push(("DryRun".into(), d.to_string()));
        }
        for (i, (name, values)) in self.filters.iter().flatten().flatten().enumerate() {
            if let Some(n) = name {
                p.push((format!("Filter.{}.Name", i + 1), n.clone()));
            }
            list(&mut p, &format!("Filter.{}.Value", i + 1), values);
        }
        p
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn describe_snapshots_inputs_round_trip(input in describe_input(), order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle()) {
        let json = input.json(&order);
        let value = read_input(DESCRIBE_SNAPSHOTS.input, &json).map_err(|e| TestCaseError::fail(format!("{json}: {e}")))?;
        let body = serialize(&DESCRIBE_SNAPSHOTS, &value);
        prop_assert!(form_alphabet(&body), "{}", body);
        prop_assert_eq!(form_decode(&body).unwrap(), input.pairs(), "{}", json);
        // The member order of the JSON does not matter.
        let again = read_input(DESCRIBE_SNAPSHOTS.input, &input.json(&[0, 1, 2, 3, 4, 5, 6])).unwrap();
        prop_assert_eq!(again, value);
    }
}

// ---------------------------------------------------------------------------------------------
// truncate and quote

fn cut_near_wide_characters() -> impl Strategy<Value = String> {
    // ASCII up to just short of the 64-character cut, then multi-byte characters across it.
    (
        0usize..70,
        proptest::collection::vec(
            prop_oneof![
                Just('é'),
                Just('€'),
                Just('😀'),
                Just('\u{10FFFF}'),
                any::<char>()
            ],
            0..10,
        ),
        any::<String>(),
    )
        .prop_map(|(n, wide, tail)| {
            let mut s = "a".repeat(n);
            s.extend(wide);
            s.push_str(&tail);
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn truncate_never_cuts_a_character(s in prop_oneof![any::<String>(), cut_near_wide_characters()]) {
        let t = truncate(&s);
        // A prefix of whole characters (a `&str` slice cannot hold less), as many as the limit allows.
        prop_assert!(s.starts_with(t));
        prop_assert!(s.is_char_boundary(t.len()));
        let n = s.chars().count();
        prop_assert_eq!(t.chars().count(), n.min(QUOTE_LIMIT));
        prop_assert_eq!(t.len() == s.len(), n <= QUOTE_LIMIT);
        // `quote` quotes exactly that prefix, escaped as `{:?}` escapes quotes, backslashes and controls.
        let q = quote(&s);
        prop_assert!(q.starts_with('"') && q.ends_with('"') && q.len() >= 2);
        prop_assert!(q.len() <= 2 + 10 * t.chars().count());
    }
}

// ---------------------------------------------------------------------------------------------
// The streaming readers against the tree reading they replace

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
    "9223372036854775808",
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
    "snapshotSet",
    "nextToken",
    "sseType",
];
/// Two-level openings that reach the nested members: list, then entry.
const LISTS: &[&str] = &["snapshotSet", "tagSet"];

/// What the readers must return: the tree reading for each operation, then for the error envelope.
fn reference(body: &[u8]) -> (Vec<ec2_wasm::Result<Value>>, ec2_wasm::Result<ErrorBody>) {
    let outputs = OPERATIONS
        .iter()
        .map(|op| parse_output_tree(op.output, body))
        .collect();
    if body.is_empty() {
        return (outputs, Ok(ErrorBody::default()));
    }
    let error = parse_document(body).map(|root| error_from_element(&root));
    (outputs, error)
}

/// A document chosen by `ops`: a root, then text, start tags (now and then a list and its entry),
/// end tags (mostly matching) and, now and then, a piece that bends the markup.
fn document(ops: &[(u8, u8)]) -> String {
    let mut s = String::from("<R>");
    let mut open = vec!["R"];
    for &(op, k) in ops {
        let k = usize::from(k);
        let name = NAMES[k % NAMES.len()];
        match op % 40 {
            0..=11 => s.push_str(TEXT[k % TEXT.len()]),
            12 => s.push_str(MARKUP[k % MARKUP.len()]),
            13..=21 => {
                s.push_str(&format!("<{name}>"));
                open.push(name);
            }
            22 | 23 => s.push_str(&format!("<{name}/>")),
            24..=30 => s.push_str(&format!("</{}>", open.pop().unwrap_or(name))),
            31 => s.push_str(&format!("</{name}>")),
            _ => {
                let list = LISTS[k % LISTS.len()];
                s.push_str(&format!("<{list}><item>"));
                open.push(list);
                open.push("item");
            }
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

/// Checks that reading `body` in pieces of several sizes gives what reading it whole gives.
fn pieces_agree(
    op: &ec2_wasm::shapes::Operation,
    body: &[u8],
    whole: &Result<Value, ec2_wasm::Error>,
) -> Result<(), TestCaseError> {
    let want = whole
        .as_ref()
        .map(|v| serde_json::from_str::<serde_json::Value>(&output_json(op.output, v)).unwrap())
        .map_err(Clone::clone);
    for size in [1, 2, 3, 7, 16, 61, body.len().max(1)] {
        let got = read_in_pieces(op.output, body, size);
        // See `OutputStream`: with invalid UTF-8, an earlier error may come first in pieces.
        if matches!(&want, Err(e) if e.message().starts_with("response body is not valid UTF-8")) {
            prop_assert!(got.is_err(), "{}: {:?}", op.name, got);
            continue;
        }
        prop_assert_eq!(
            &got,
            &want,
            "{} in pieces of {}: {:?}",
            op.name,
            size,
            String::from_utf8_lossy(body)
        );
    }
    Ok(())
}

/// Checks every reader against the reference for `body`, and that an output read is valid JSON.
fn readers_agree(body: &[u8]) -> Result<(), TestCaseError> {
    let (outputs, error) = reference(body);
    for (op, want) in OPERATIONS.iter().zip(outputs) {
        let got = parse_output(op.output, body);
        pieces_agree(op, body, &got)?;
        if let Ok(v) = &got {
            let json = output_json(op.output, v);
            prop_assert!(
                serde_json::from_str::<serde_json::Value>(&json).is_ok(),
                "{}: {}",
                op.name,
                json
            );
        }
        prop_assert_eq!(
            got,
            want,
            "{}: {:?}",
            op.name,
            String::from_utf8_lossy(body)
        );
    }
    prop_assert_eq!(
        parse_error_response(body),
        error,
        "{:?}",
        String::from_utf8_lossy(body)
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn streaming_readers_agree_with_the_tree_reading(ops in proptest::collection::vec((any::<u8>(), any::<u8>()), 0..60)) {
        readers_agree(document(&ops).as_bytes())?;
    }

    #[test]
    fn mangled_samples_read_alike(which in 0usize..2, pos in any::<prop::sample::Index>(), piece in 0usize..TEXT.len() + MARKUP.len()) {
        let sample = SAMPLES[which];
        let pos = pos.index(sample.len());
        let mut b = sample[..pos].to_vec();
        b.extend_from_slice(TEXT.iter().chain(MARKUP).nth(piece).map_or("", |p| p).as_bytes());
        b.extend_from_slice(&sample[pos..]);
        readers_agree(&b)?;
    }
}

/// The generator does reach the nested members, their errors and the error envelope: a property
/// that never meets them would prove nothing.
#[test]
fn the_generated_documents_reach_the_nested_members() {
    let doc = document(&[(32, 0), (32, 1), (13, 10), (0, 5), (24, 1)]);
    assert_eq!(
        doc,
        "<R><snapshotSet><item><tagSet><item><key>x</key></item></tagSet></item></snapshotSet></R>"
    );
    let v = parse_output(DESCRIBE_SNAPSHOTS.output, doc.as_bytes()).unwrap();
    assert_eq!(
        output_json(DESCRIBE_SNAPSHOTS.output, &v),
        r#"{"Snapshots":[{"Tags":[{"Key":"x"}]}]}"#
    );
    readers_agree(doc.as_bytes()).unwrap();
}
