//! Large responses: a body read in pieces ([`OutputStream`]) gives what reading it whole gives, in
//! memory that does not grow with the body (measured with a counting allocator), within each
//! operation's limits ([`contract::limits`]: DescribeSnapshots lists, CreateSnapshot keeps 4 MiB).

use ec2_wasm::shapes::generated::{CREATE_SNAPSHOT, DESCRIBE_SNAPSHOTS};
use ec2_wasm::wire::contract::{self, LIST_OPERATIONS, STREAM_PIECE_BYTES};
use ec2_wasm::wire::json_out::output_json;
use ec2_wasm::xml::{parse_output_within, OutputStream, LIMITS, LIST_LIMITS};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// Counts live heap bytes and their peak (the tests in this file run one at a time: see `LOCK`).
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[allow(unsafe_code)]
// SAFETY: forwards to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(live, Relaxed);
        // SAFETY: the caller's layout, passed on.
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        // SAFETY: `p` came from `alloc` with this layout.
        unsafe { System.dealloc(p, l) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// One snapshot as EC2 writes it, indented (~1 KB with two tags), `i` making it unique.
fn snapshot(i: usize) -> String {
    let s = format!(
        "<item><snapshotId>snap-{i:017x}</snapshotId><volumeId>vol-{v:017x}</volumeId>\
         <status>completed</status><startTime>2024-05-{d:02}T10:{m:02}:00.000Z</startTime>\
         <progress>100%</progress><ownerId>123456789012</ownerId><volumeSize>{size}</volumeSize>\
         <description>Nightly snapshot {i} of the data volume &amp; its &lt;logs&gt;</description>\
         <encrypted>true</encrypted><kmsKeyId>arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-{i:012}</kmsKeyId>\
         <tagSet><item><key>Name</key><value>nightly-{i}</value></item><item><key>team</key>\
         <value>storage</value></item></tagSet><storageTier>standard</storageTier>\
         <restoreExpiryTime>2025-01-01T00:00:00.000Z</restoreExpiryTime>\
         <sseType>sse-ebs</sseType><availabilityZone>us-east-1a</availabilityZone>\n</item>\n",
        v = i / 3,
        d = i % 28 + 1,
        m = i % 60,
        size = i % 500 + 1,
    );
    s.replace("><", ">\n            <")
}

/// A DescribeSnapshots response with `n` snapshots and a next token after the list.
fn describe_body(n: usize) -> Vec<u8> {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeSnapshotsResponse \
         xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n<requestId>r-1</requestId>\n<snapshotSet>\n",
    );
    for i in 0..n {
        s.push_str(&snapshot(i));
    }
    s.push_str("</snapshotSet>\n<nextToken>tok-after</nextToken>\n</DescribeSnapshotsResponse>\n");
    s.into_bytes()
}

#[test]
fn twenty_thousand_snapshots_read_in_pieces_in_bounded_memory() {
    let _l = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let body = describe_body(20_000);
    assert!(body.len() > 20_000_000, "{} bytes", body.len());

    // Whole, for reference (within the list limits).
    let whole = parse_output_within(DESCRIBE_SNAPSHOTS.output, &body, LIST_LIMITS).unwrap();
    let whole: serde_json::Value =
        serde_json::from_str(&output_json(DESCRIBE_SNAPSHOTS.output, &whole)).unwrap();
    assert_eq!(whole["Snapshots"].as_array().unwrap().len(), 20_000);

    // In pieces, keeping only what the reader itself holds: each piece's entries are checked
    // against the whole reading and dropped.
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let mut stream = OutputStream::new(DESCRIBE_SNAPSHOTS.output, LIST_LIMITS);
    let mut seen = 0;
    for piece in body.chunks(STREAM_PIECE_BYTES) {
        let entries = stream.push(piece).unwrap();
        if !entries.is_empty() {
            let v: serde_json::Value = serde_json::from_str(&entries).unwrap();
            for s in v["Snapshots"].as_array().unwrap() {
                assert_eq!(s, &whole["Snapshots"][seen]);
                seen += 1;
            }
        }
    }
    let rest = stream.finish().unwrap();
    let peak = PEAK.load(Relaxed) - before;
    let rest: serde_json::Value =
        serde_json::from_str(&output_json(DESCRIBE_SNAPSHOTS.output, &rest)).unwrap();
    for s in rest["Snapshots"].as_array().unwrap() {
        assert_eq!(s, &whole["Snapshots"][seen]);
        seen += 1;
    }
    assert_eq!(seen, 20_000);
    assert_eq!(rest["NextToken"], "tok-after");
    // The reader's memory (window, carried bytes, one entry, one piece's JSON and the checks'
    // own serde values) stays far below the body's 18+ MB.
    println!(
        "body {} bytes, peak heap while reading in pieces {peak} bytes",
        body.len()
    );
    assert!(peak < 1024 * 1024, "peak {peak} bytes");
}

#[test]
fn a_million_empty_entries_read_in_pieces_in_bounded_memory() {
    // The most entries per byte a page can hold: the reader must not keep anything per entry.
    let _l = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut body = String::from("<DescribeSnapshotsResponse><snapshotSet>");
    body.push_str(&"<item/>".repeat(1_000_000));
    body.push_str("</snapshotSet></DescribeSnapshotsResponse>");
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let mut stream = OutputStream::new(DESCRIBE_SNAPSHOTS.output, LIST_LIMITS);
    let mut entries = 0;
    for piece in body.as_bytes().chunks(STREAM_PIECE_BYTES) {
        let json = stream.push(piece).unwrap();
        entries += json.matches("{}").count();
    }
    let rest = stream.finish().unwrap();
    let peak = PEAK.load(Relaxed) - before;
    let rest = output_json(DESCRIBE_SNAPSHOTS.output, &rest);
    entries += rest.matches("{}").count();
    assert_eq!(entries, 1_000_000);
    println!("1,000,000 empty entries: peak heap while reading in pieces {peak} bytes");
    assert!(peak < 1024 * 1024, "peak {peak} bytes");
}

#[test]
fn each_operation_has_its_limits() {
    assert_eq!(contract::limits("CreateSnapshot"), LIMITS);
    assert_eq!(contract::limits("DescribeSnapshots"), LIST_LIMITS);
    assert_eq!(LIMITS.body_bytes, 4 * 1024 * 1024);
    // Pieces: over the body limit.
    let mut stream = OutputStream::new(CREATE_SNAPSHOT.output, LIMITS);
    let piece = vec![b' '; 1024 * 1024];
    for _ in 0..4 {
        stream.push(&piece).unwrap();
    }
    assert_eq!(
        stream.push(b" ").unwrap_err().message(),
        "response body of 4194305 bytes exceeds the 4194304-byte limit"
    );
    // Elements: a list page of more than 1,500,000 elements.
    let mut stream = OutputStream::new(DESCRIBE_SNAPSHOTS.output, LIST_LIMITS);
    stream.push(b"<R><snapshotSet>").unwrap();
    let items = "<item/>".repeat(10_000);
    let mut err = None;
    for _ in 0..151 {
        if let Err(e) = stream.push(items.as_bytes()) {
            err = Some(e);
            break;
        }
    }
    assert_eq!(
        err.expect("refused").message(),
        "XML has more than 1500000 elements"
    );
}

#[test]
fn one_run_of_text_longer_than_the_pending_limit_is_refused() {
    let mut stream = OutputStream::new(DESCRIBE_SNAPSHOTS.output, LIST_LIMITS);
    stream.push(b"<R><nextToken>").unwrap();
    let text = vec![b'a'; 64 * 1024];
    let mut err = None;
    for _ in 0..20 {
        if let Err(e) = stream.push(&text) {
            err = Some(e);
            break;
        }
    }
    assert_eq!(
        err.expect("refused").message(),
        "XML text or markup longer than 1 MiB in one run"
    );
}

#[test]
fn list_operations_are_the_models_paginated_operations() {
    let mut paginated = Vec::new();
    for f in ["create-snapshot", "describe-snapshots"] {
        let path = format!(
            "{}/tests/vectors/model/{f}-model.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let model: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        if let Some(p) = model.get("paginators").and_then(|p| p.as_object()) {
            paginated.extend(p.keys().cloned());
        }
    }
    assert_eq!(paginated, LIST_OPERATIONS.map(String::from).to_vec());
}

#[test]
fn bodies_cut_anywhere_read_alike() {
    let _l = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    // Every split point of a multi-byte, entity- and comment-rich body gives the whole reading.
    let body =
        "<?xml version=\"1.0\"?><!-- é --><DescribeSnapshotsResponse a='>'>\r\n<snapshotSet>\
                <item><description>x &#x1F600; é<![CDATA[<c>]]>\r\ny</description><tagSet><item>\
                <key>k</key></item></tagSet></item><item><snapshotId>s</snapshotId></item>\
                </snapshotSet><nextToken>t</nextToken></DescribeSnapshotsResponse>";
    let whole =
        parse_output_within(DESCRIBE_SNAPSHOTS.output, body.as_bytes(), LIST_LIMITS).unwrap();
    let want = output_json(DESCRIBE_SNAPSHOTS.output, &whole);
    for cut in 0..=body.len() {
        let (a, b) = body.as_bytes().split_at(cut);
        let mut stream = OutputStream::new(DESCRIBE_SNAPSHOTS.output, LIST_LIMITS);
        let mut entries: Vec<serde_json::Value> = Vec::new();
        for piece in [a, b] {
            let e = stream.push(piece).unwrap();
            if !e.is_empty() {
                let v: serde_json::Value = serde_json::from_str(&e).unwrap();
                entries.extend(v["Snapshots"].as_array().unwrap().iter().cloned());
            }
        }
        let mut out: serde_json::Value = serde_json::from_str(&output_json(
            DESCRIBE_SNAPSHOTS.output,
            &stream.finish().unwrap(),
        ))
        .unwrap();
        entries.extend(out["Snapshots"].as_array().unwrap().iter().cloned());
        out["Snapshots"] = serde_json::Value::Array(entries);
        assert_eq!(
            out,
            serde_json::from_str::<serde_json::Value>(&want).unwrap(),
            "cut at {cut}"
        );
    }
}

#[test]
fn a_root_named_with_a_bang_split_anywhere_reads_alike() {
    // `<!x/>` is a root start tag when it is not a comment, CDATA or DOCTYPE (nine bytes tell).
    let body = b"<?l#?><!nextTokenDOCT/><";
    let whole = parse_output_within(CREATE_SNAPSHOT.output, body, LIMITS);
    assert!(whole.is_ok());
    for cut in 0..=body.len() {
        let mut stream = OutputStream::new(CREATE_SNAPSHOT.output, LIMITS);
        let got = stream
            .push(&body[..cut])
            .and_then(|_| stream.finish_with(&body[cut..]));
        assert_eq!(got, whole, "cut at {cut}");
    }
}

#[test]
fn an_error_before_invalid_utf8_may_come_first_in_pieces() {
    // Whole: the UTF-8 check comes first. In pieces, the text before the root is met first.
    let body = b"status\t\xc9\xff\xff\xff\tf\t";
    let whole = parse_output_within(CREATE_SNAPSHOT.output, body, LIMITS).unwrap_err();
    assert_eq!(
        whole.message(),
        "response body is not valid UTF-8 (at byte 7)"
    );
    let mut stream = OutputStream::new(CREATE_SNAPSHOT.output, LIMITS);
    let e = stream
        .push(&body[..4])
        .and_then(|_| stream.push(&body[4..]))
        .unwrap_err();
    assert_eq!(
        e.message(),
        "malformed XML: text before the root element (at byte 0)"
    );
    // With nothing wrong before them, the invalid bytes are reported at their place in the body.
    let body = b"<R><description>\xc9\xff</description></R>";
    let mut stream = OutputStream::new(CREATE_SNAPSHOT.output, LIMITS);
    let e = stream
        .push(&body[..10])
        .and_then(|_| stream.push(&body[10..]))
        .unwrap_err();
    assert_eq!(e.message(), "response body is not valid UTF-8 (at byte 16)");
    // After the root: never read, still checked, as when the body is read whole.
    for (pieces, at) in [
        (&[&b"<R/>"[..], b" \xff"][..], 5),
        (&[&b"<R/> \xc3"[..], b"\xa9", b"\xc3"][..], 7),
        (&[&b"<R>"[..], b"</R>\xe2\x82", b"\xac\xff"][..], 10),
    ] {
        let body = pieces.concat();
        let whole = parse_output_within(CREATE_SNAPSHOT.output, &body, LIMITS).unwrap_err();
        let mut stream = OutputStream::new(CREATE_SNAPSHOT.output, LIMITS);
        let (last, first) = pieces.split_last().unwrap();
        let e = first
            .iter()
            .try_for_each(|p| stream.push(p).map(drop))
            .and_then(|_| stream.finish_with(last))
            .unwrap_err();
        assert_eq!(e, whole, "{body:?}");
        assert_eq!(
            e.message(),
            format!("response body is not valid UTF-8 (at byte {at})")
        );
    }
}
