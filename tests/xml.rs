//! The response readers (`src/xml/`): the tokenizer's text rules and limits (entities, DOCTYPE,
//! depth, element count, body size, truncation, UTF-8), the scalar parsers, the member lookup, and
//! the streaming output and error readers against the element-tree reading of
//! `tests/common/xml_tree.rs`, for CreateSnapshot and DescribeSnapshots (whose snapshots nest
//! `snapshotSet/item/tagSet/item`).

mod common;

use common::values::{st, str_};
use common::xml_tree::{error_from_element, parse_document, parse_output_tree};
use ec2_wasm::shapes::generated::{CREATE_SNAPSHOT, DESCRIBE_SNAPSHOTS, SNAPSHOT, TAG};
use ec2_wasm::shapes::{Shape, StructureShape, Value, OPERATIONS};
use ec2_wasm::text::quote;
use ec2_wasm::xml::scalar::{parse_bool, parse_float, parse_i32, parse_i64, parse_timestamp};
use ec2_wasm::xml::{
    parse_error_response, parse_output, read, Visitor, MAX_BODY_BYTES, MAX_DEPTH, MAX_ELEMENTS,
};
use ec2_wasm::ErrorKind;

const SAMPLE: &[u8] = include_bytes!("vectors/model/samples/create-snapshot-response.xml");
const DESCRIBE_SAMPLE: &[u8] =
    include_bytes!("vectors/model/samples/describe-snapshots-response.xml");

fn tag(k: &str, v: &str) -> Value {
    st(&TAG, &[("Key", str_(k)), ("Value", str_(v))])
}

fn create(body: &[u8]) -> ec2_wasm::Result<Value> {
    parse_output(CREATE_SNAPSHOT.output, body)
}

fn describe(body: &[u8]) -> ec2_wasm::Result<Value> {
    parse_output(DESCRIBE_SNAPSHOTS.output, body)
}

// ---------------------------------------------------------------------------------------------
// The tokenizer: text rules

#[test]
fn empty_and_whitespace_text() {
    let r = parse_document(
        b"<a><b></b><c/><d>\n  </d><e>  </e><f>x &amp; y</f><g>\r\n</g><h> \t</h></a>",
    )
    .unwrap();
    assert_eq!(r.child("b").unwrap().text, "");
    assert_eq!(r.child("c").unwrap().text, "");
    assert_eq!(r.child("d").unwrap().text, "");
    assert_eq!(r.child("e").unwrap().text, "  ");
    assert_eq!(r.child("f").unwrap().text, "x & y");
    assert_eq!(r.child("g").unwrap().text, "");
    assert_eq!(r.child("h").unwrap().text, " \t");
    // Text beside child elements is dropped, as the SDK drops it.
    let r = parse_document(b"<a>before<b>x</b>after</a>").unwrap();
    assert_eq!(r.text, "");
    assert_eq!(r.child("b").unwrap().text, "x");
}

#[test]
fn refuses_doctype_and_unknown_entities() {
    let e = parse_document(b"<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>")
        .unwrap_err();
    assert!(e.message().contains("DOCTYPE"), "{e}");
    let e = parse_document(b"<!doctype a><a/>").unwrap_err();
    assert!(e.message().contains("DOCTYPE"), "{e}");
    let e = parse_document(b"<a>&x;</a>").unwrap_err();
    assert!(e.message().contains("unknown entity"), "{e}");
    assert_eq!(
        e.message(),
        "unknown entity &\"x\";: only the five XML entities and character references are accepted"
    );
    assert_eq!(
        parse_document(b"<a>&#x41;&#66;&#X43;</a>").unwrap().text,
        "ABC"
    );
    assert_eq!(
        parse_document(b"<a>&lt;&gt;&amp;&quot;&apos;</a>")
            .unwrap()
            .text,
        "<>&\"'"
    );
    assert_eq!(
        parse_document("<a>&#1114111;&#x1F600;</a>".as_bytes())
            .unwrap()
            .text,
        "\u{10FFFF}😀"
    );
    // An `&` that does not start a reference stays as written, as with the SDK.
    assert_eq!(
        parse_document(b"<a>a & b &; &#65 c</a>").unwrap().text,
        "a & b &; &#65 c"
    );
    for bad in [
        "<a>&#0;</a>",
        "<a>&#x0;</a>",
        "<a>&#xD800;</a>",
        "<a>&#x110000;</a>",
        "<a>&#;</a>",
        "<a>&#x;</a>",
        "<a>&#12345678;</a>",
        "<a>&#xg;</a>",
    ] {
        let e = parse_document(bad.as_bytes()).unwrap_err();
        assert!(
            e.message().starts_with("invalid character reference"),
            "{bad}: {e}"
        );
    }
    // Entities in text that is dropped (beside child elements) must still be valid.
    assert!(parse_document(b"<a>&x;<b/></a>").is_err());
    assert!(parse_document(b"<a><b/>&x;</a>").is_err());
}

#[test]
fn reader_handles_what_ec2_and_the_sdk_parser_accept() {
    let doc = "<?xml version=\"1.0\"?>\r\n<!-- c --><R xmlns=\"http://ec2\" a='1'><a>x<!-- n -->y</a><b><![CDATA[<&>]]></b>\
               <c>a & b &lt; c\r\nd</c><?pi x?><d\n/><e></e ></R>trailing ignored";
    let r = parse_document(doc.as_bytes()).unwrap();
    assert_eq!(r.name, "R");
    assert_eq!(r.child("a").unwrap().text, "xy");
    assert_eq!(r.child("b").unwrap().text, "<&>");
    assert_eq!(r.child("c").unwrap().text, "a & b < c\nd");
    assert_eq!(r.child("d").unwrap().text, "");
    assert_eq!(r.child("e").unwrap().text, "");
    // Namespace prefixes are kept, as the SDK keeps them.
    let r = parse_document(b"<ns:R xmlns:ns='x'><ns:a>1</ns:a></ns:R>").unwrap();
    assert_eq!(r.name, "ns:R");
    assert_eq!(r.child("ns:a").unwrap().text, "1");
    // A lone CR, and CR LF inside CDATA, read as LF.
    assert_eq!(
        parse_document(b"<a>1\r2<![CDATA[3\r\n4]]></a>")
            .unwrap()
            .text,
        "1\n23\n4"
    );
    for bad in [
        "<a b></a>",
        "<a b=c></a>",
        "<a b=\"c></a>",
        "<a><b></a></b>",
        "<a><!ELEMENT x></a>",
        "<a>&#0;</a>",
        "<a>&#xD800;</a>",
        "<a",
        "<a></a",
        "text<a/>",
        "<>",
        "< a/>",
        "<a=/>",
        "<a><![CDATA[x</a>",
        "<a><!-- x</a>",
        "<a><?pi </a>",
        "<?xml ",
        "<!-- x",
    ] {
        let e = parse_document(bad.as_bytes()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidResponse, "{bad}");
    }
    assert!(parse_document(b"<a>\xff</a>")
        .unwrap_err()
        .message()
        .contains("UTF-8"));
    assert_eq!(
        parse_document(b"<a>ok</a>\xff").unwrap_err().message(),
        "response body is not valid UTF-8 (at byte 9)"
    );
}

/// The events a [`Visitor`] gets: depth from 1 at the root, self-closing tags as open + close with
/// empty text, text only for elements without element children.
#[test]
fn the_visitor_sees_depths_and_leaf_text() {
    #[derive(Default)]
    struct Events(Vec<String>);
    impl<'a> Visitor<'a> for Events {
        fn open(&mut self, depth: usize, name: &'a str) {
            self.0.push(format!("+{depth}{name}"));
        }
        fn close(&mut self, depth: usize, name: &'a str, text: Option<&str>) {
            self.0.push(format!("-{depth}{name}={text:?}"));
        }
    }
    let mut ev = Events::default();
    read(b"<r>x<a>1&amp;2</a><b/><c><d></d></c></r>", &mut ev).unwrap();
    assert_eq!(
        ev.0,
        [
            "+1r",
            "+2a",
            "-2a=Some(\"1&2\")",
            "+2b",
            "-2b=Some(\"\")",
            "+2c",
            "+3d",
            "-3d=Some(\"\")",
            "-2c=None",
            "-1r=None",
        ]
    );
    let mut ev = Events::default();
    read(b"<?xml version='1.0'?><r/>", &mut ev).unwrap();
    assert_eq!(ev.0, ["+1r", "-1r=Some(\"\")"]);
}

// ---------------------------------------------------------------------------------------------
// The tokenizer: limits and truncation

#[test]
fn depth_and_truncation() {
    let deep = "<a>".repeat(MAX_DEPTH + 1);
    let e = parse_document(deep.as_bytes()).unwrap_err();
    assert!(e.message().contains("nested deeper"), "{e}");
    let e = parse_document(b"<a><b>").unwrap_err();
    assert!(e.message().contains("never closed"), "{e}");
    assert_eq!(e.message(), "truncated XML: <b> is never closed");
    assert!(parse_document(b"").is_err());
    assert!(parse_document(b"  \n ").is_err());
    assert!(parse_document(b"<a></b>").is_err());
    assert_eq!(
        parse_document(b"<a></b>").unwrap_err().message(),
        "malformed XML: <a> closed by </b> (at byte 7)"
    );
    // Exactly MAX_DEPTH is fine, whether the innermost element closes itself or not.
    for inner in ["<b/>", "<b></b>"] {
        let doc = format!(
            "{}{inner}{}",
            "<a>".repeat(MAX_DEPTH - 1),
            "</a>".repeat(MAX_DEPTH - 1)
        );
        assert!(parse_document(doc.as_bytes()).is_ok(), "{inner}");
    }
}

/// Regression: a self-closing element one level too deep was accepted (the depth check only ran for
/// elements that stay open), so a document could reach depth 65 through `<b/>`.
#[test]
fn a_self_closing_element_deeper_than_the_limit_is_refused_like_any_other() {
    for inner in ["<b/>", "<b></b>", "<b />", "<b a='1'/>"] {
        let doc = format!(
            "{}{inner}{}",
            "<a>".repeat(MAX_DEPTH),
            "</a>".repeat(MAX_DEPTH)
        );
        let want = format!("XML nested deeper than {MAX_DEPTH} elements");
        let e = parse_document(doc.as_bytes()).unwrap_err();
        assert_eq!(e.message(), want, "{inner}");
        for op in OPERATIONS {
            let e = parse_output(op.output, doc.as_bytes()).unwrap_err();
            assert_eq!(e.message(), want, "{}: {inner}", op.name);
        }
        let e = parse_error_response(doc.as_bytes()).unwrap_err();
        assert_eq!(e.message(), want, "{inner}");
    }
    // A self-closing root is depth 1.
    assert!(parse_document(b"<a/>").is_ok());
}

#[test]
fn fixed_messages_name_the_limits() {
    let wide = format!("<r>{}</r>", "<a/>".repeat(MAX_ELEMENTS));
    let e = parse_document(wide.as_bytes()).unwrap_err();
    assert_eq!(
        e.message(),
        format!("XML has more than {MAX_ELEMENTS} elements")
    );
    // The root counts: MAX_ELEMENTS in all is fine.
    let full = format!("<r>{}</r>", "<a/>".repeat(MAX_ELEMENTS - 1));
    assert!(parse_document(full.as_bytes()).is_ok());
    let deep = "<a>".repeat(MAX_DEPTH + 1);
    let e = parse_document(deep.as_bytes()).unwrap_err();
    assert_eq!(
        e.message(),
        format!("XML nested deeper than {MAX_DEPTH} elements")
    );
    let big = vec![b' '; MAX_BODY_BYTES + 1];
    let e = parse_document(&big).unwrap_err();
    assert_eq!(
        e.message(),
        format!(
            "response body of {} bytes exceeds the {MAX_BODY_BYTES}-byte limit",
            MAX_BODY_BYTES + 1
        )
    );
    for op in OPERATIONS {
        assert_eq!(parse_output(op.output, &big).unwrap_err(), e, "{}", op.name);
    }
    assert_eq!(parse_error_response(&big).unwrap_err(), e);
}

#[test]
fn messages_quote_at_most_64_characters_of_the_response() {
    let name = "é".repeat(100);
    let e = parse_document(format!("<{name}>").as_bytes()).unwrap_err();
    assert_eq!(
        e.message(),
        format!("truncated XML: <{}> is never closed", "é".repeat(64))
    );
    let e = create(format!("<r><volumeSize>{}</volumeSize></r>", "9".repeat(100)).as_bytes())
        .unwrap_err();
    assert_eq!(
        e.message(),
        format!("<volumeSize> is out of range: \"{}\"", "9".repeat(64))
    );
}

// ---------------------------------------------------------------------------------------------
// Scalars

#[test]
fn quote_escapes_as_debug_does() {
    for s in [
        "",
        "a\"b\\c",
        "\n\r\t\0",
        "\u{1}\u{1f}\u{7f}\u{80}\u{9f}",
        "é€😀",
    ] {
        assert_eq!(quote(s), format!("{s:?}"));
    }
    assert_eq!(quote(&"x".repeat(100)), format!("{:?}", "x".repeat(64)));
}

#[test]
fn integers_read_as_rust_reads_them() {
    for t in [
        "0",
        "-0",
        "+7",
        "007",
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "-9223372036854775809",
        "99999999999999999999999",
        " 42\n",
    ] {
        let want = t.trim().parse::<i64>().ok();
        assert_eq!(parse_i64(t, "n").ok(), want, "{t}");
    }
    assert_eq!(parse_i64(" \r\n", "n").unwrap(), 0);
    assert_eq!(parse_i64("", "n").unwrap(), 0);
    for bad in ["-", "+", "1.5", "1e3", "0x10", "--1", "1 2", "٣"] {
        assert!(parse_i64(bad, "n").is_err(), "{bad}");
    }
    assert_eq!(
        parse_i64("x1", "volumeSize").unwrap_err().message(),
        "<volumeSize> should be an integer, found \"x1\""
    );
    assert_eq!(
        parse_i32("-2147483649", "n").unwrap_err().message(),
        "<n> is out of the 32-bit range: -2147483649"
    );
    assert_eq!(
        parse_i32("2147483648", "n").unwrap_err().message(),
        "<n> is out of the 32-bit range: 2147483648"
    );
    assert_eq!(parse_i32("-2147483648", "n").unwrap(), i32::MIN);
    assert_eq!(parse_i32("2147483647", "n").unwrap(), i32::MAX);
}

#[test]
fn booleans_floats_and_timestamps() {
    for (t, want) in [
        ("true", true),
        ("TRUE", true),
        (" True\n", true),
        ("false", false),
        ("False", false),
        ("", false),
        ("\n ", false),
    ] {
        assert_eq!(parse_bool(t, "b").unwrap(), want, "{t:?}");
    }
    for bad in ["1", "0", "yes", "t", "true false"] {
        assert_eq!(
            parse_bool(bad, "encrypted").unwrap_err().message(),
            format!("<encrypted> should be true or false, found {bad:?}")
        );
    }
    for (t, want) in [
        ("0", "0"),
        ("-1.5", "-1.5"),
        (" 1e3\n", "1e3"),
        ("2.5E-7", "2.5E-7"),
        ("10", "10"),
        ("0.25", "0.25"),
    ] {
        assert_eq!(parse_float(t, "f").unwrap(), want, "{t:?}");
        // Kept as text that JSON (and so `JSON.parse`) reads as a number.
        assert!(serde_json::from_str::<f64>(want).is_ok(), "{want}");
    }
    for bad in [
        "", "01", "1.", ".5", "+1", "1e", "NaN", "Infinity", "0x1", "1,5", "--1",
    ] {
        assert_eq!(
            parse_float(bad, "f").unwrap_err().message(),
            format!("<f> should be a number, found {bad:?}")
        );
    }
    assert_eq!(
        parse_timestamp("2014-02-28T21:06:01.000Z", "t").unwrap(),
        1_393_621_561_000.0
    );
    assert_eq!(
        parse_timestamp("2014-02-28T23:06:01.5+02:00", "t").unwrap(),
        1_393_621_561_500.0
    );
    let e = parse_timestamp("yesterday", "startTime").unwrap_err();
    assert!(e.message().starts_with("<startTime>: "), "{e}");
    assert!(e.message().contains("yesterday"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// The member lookup

/// Every structure reached from `roots`, each once.
fn structures(roots: &[&'static StructureShape]) -> Vec<&'static StructureShape> {
    fn visit(shape: Shape, out: &mut Vec<&'static StructureShape>) {
        match shape {
            Shape::Structure(s) => {
                if out.iter().any(|o| std::ptr::eq(*o, s)) {
                    return;
                }
                out.push(s);
                for m in s.members {
                    visit(m.shape, out);
                }
            }
            Shape::List(l) => visit(l.member, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for r in roots {
        visit(Shape::Structure(r), &mut out);
    }
    out
}

#[test]
fn member_lookup_finds_every_member_and_nothing_else() {
    let inputs: Vec<_> = OPERATIONS.iter().map(|o| o.input).collect();
    let outputs: Vec<_> = OPERATIONS.iter().map(|o| o.output).collect();
    let (inputs, outputs) = (structures(&inputs), structures(&outputs));
    let names: Vec<&str> = inputs.iter().chain(&outputs).map(|s| s.name).collect();
    for want in [
        "CreateSnapshotRequest",
        "Snapshot",
        "Tag",
        "TagSpecification",
        "DescribeSnapshotsRequest",
        "DescribeSnapshotsResult",
        "Filter",
    ] {
        assert!(names.contains(&want), "{want} not reached: {names:?}");
    }
    let is_input = |s: &StructureShape| inputs.iter().any(|i| std::ptr::eq(*i, s));
    let is_output = |s: &StructureShape| outputs.iter().any(|o| std::ptr::eq(*o, s));
    for s in inputs.iter().chain(&outputs) {
        assert!(
            s.members.len() <= 128,
            "{}: the readers track members in a u128",
            s.name
        );
        for (i, m) in s.members.iter().enumerate() {
            assert_eq!(
                s.member_index(m.name.as_bytes()),
                Some(i),
                "{}.{}",
                s.name,
                m.name
            );
            assert!(!m.name.is_empty(), "{}", s.name);
            for other in &s.members[i + 1..] {
                assert_ne!(m.name, other.name, "{}", s.name);
            }
            // Query keys where input has the structure, element names where output has it.
            assert_eq!(
                !m.query_key.is_empty(),
                is_input(s),
                "{}.{}",
                s.name,
                m.name
            );
            assert_eq!(
                !m.xml_name.is_empty(),
                is_output(s),
                "{}.{}",
                s.name,
                m.name
            );
            if is_input(s) {
                for other in &s.members[i + 1..] {
                    assert_ne!(m.query_key, other.query_key, "{}", s.name);
                }
            }
            if !is_output(s) {
                continue;
            }
            assert_eq!(
                s.xml_member_index(m.xml_name.as_bytes()),
                Some(i),
                "{}.{} <{}>",
                s.name,
                m.name,
                m.xml_name
            );
            for other in &s.members[i + 1..] {
                assert_ne!(m.xml_name, other.xml_name, "{}", s.name);
            }
            // Near misses: a case change, one byte more or less.
            let upper = m.xml_name.to_ascii_uppercase();
            if !s.members.iter().any(|o| o.xml_name == upper) {
                assert_eq!(s.xml_member_index(upper.as_bytes()), None, "{upper}");
            }
            let longer = format!("{}s", m.xml_name);
            assert_eq!(s.xml_member_index(longer.as_bytes()), None, "{longer}");
            let shorter = &m.xml_name[..m.xml_name.len() - 1];
            if !s.members.iter().any(|o| o.xml_name == shorter) {
                assert_eq!(s.xml_member_index(shorter.as_bytes()), None, "{shorter}");
            }
        }
        if is_output(s) {
            for other in ["x", "requestId", "item"] {
                assert_eq!(
                    s.xml_member_index(other.as_bytes()),
                    None,
                    "{}: {other}",
                    s.name
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The output reader

#[test]
fn wrong_types_name_the_element() {
    let e =
        create(b"<CreateSnapshotResponse><volumeSize>abc</volumeSize></CreateSnapshotResponse>")
            .unwrap_err();
    assert!(
        e.message().contains("<volumeSize>") && e.message().contains("abc"),
        "{e}"
    );
    assert_eq!(e.kind(), ErrorKind::InvalidResponse);
    assert_eq!(e.field(), None);
    // Nested: inside snapshotSet/item and snapshotSet/item/tagSet/item.
    let e = describe(
        b"<R><snapshotSet><item><snapshotId>s</snapshotId></item><item><encrypted>maybe</encrypted></item></snapshotSet></R>",
    )
    .unwrap_err();
    assert_eq!(
        e.message(),
        "<encrypted> should be true or false, found \"maybe\""
    );
    let e = describe(
        b"<R><snapshotSet><item><tagSet><item><key><b/></key></item></tagSet></item></snapshotSet></R>",
    )
    .unwrap_err();
    assert_eq!(e.message(), "<key> should hold text, found child elements");
    let e = describe(
        b"<R><snapshotSet><item><tagSet><item><key>a</key><key>b</key></item></tagSet></item></snapshotSet></R>",
    )
    .unwrap_err();
    assert_eq!(e.message(), "<key> appears more than once in <item>");
    let e = describe(b"<R><nextToken>a</nextToken><nextToken>b</nextToken></R>").unwrap_err();
    assert_eq!(e.message(), "<nextToken> appears more than once in <R>");
    let e = create(b"<R><startTime>2014-02-30T25:00:00Z</startTime></R>").unwrap_err();
    assert!(e.message().starts_with("<startTime>: "), "{e}");
    let e =
        create(b"<R><fullSnapshotSizeInBytes>9223372036854775808</fullSnapshotSizeInBytes></R>")
            .unwrap_err();
    assert_eq!(
        e.message(),
        "<fullSnapshotSizeInBytes> is out of range: \"9223372036854775808\""
    );
}

#[test]
fn the_create_snapshot_sample_reads_as_the_sdk_reads_it() {
    let v = create(SAMPLE).unwrap();
    assert_eq!(
        v,
        st(
            &SNAPSHOT,
            &[
                ("Tags", Value::List(vec![tag("Name", "my snap")])),
                ("StorageTier", str_("standard")),
                ("AvailabilityZone", str_("us-east-1a")),
                ("SnapshotId", str_("snap-066877671789bd71b")),
                ("VolumeId", str_("vol-1234567890abcdef0")),
                ("State", str_("pending")),
                ("StartTime", Value::Time(1_393_621_561_000.0)),
                ("Progress", str_("")),
                ("OwnerId", str_("012345678910")),
                ("Description", str_("This is my root volume snapshot.")),
                ("VolumeSize", Value::Int(8)),
                ("Encrypted", Value::Bool(false)),
            ]
        )
    );
    assert_eq!(parse_output_tree(CREATE_SNAPSHOT.output, SAMPLE), Ok(v));
}

#[test]
fn the_describe_snapshots_sample_reads_every_snapshot_and_its_tags() {
    let v = describe(DESCRIBE_SAMPLE).unwrap();
    let first = st(
        &SNAPSHOT,
        &[
            (
                "Tags",
                Value::List(vec![tag("Name", "my snap"), tag("env", "prod & test")]),
            ),
            ("StorageTier", str_("standard")),
            ("SnapshotId", str_("snap-066877671789bd71b")),
            ("VolumeId", str_("vol-1234567890abcdef0")),
            ("State", str_("completed")),
            ("StartTime", Value::Time(1_393_621_561_000.0)),
            ("Progress", str_("100%")),
            ("OwnerId", str_("012345678910")),
            ("Description", str_("This is my root volume snapshot.")),
            ("VolumeSize", Value::Int(8)),
            ("Encrypted", Value::Bool(false)),
        ],
    );
    let second = st(
        &SNAPSHOT,
        &[
            ("OwnerAlias", str_("amazon")),
            ("Tags", Value::List(vec![])),
            ("SseType", str_("sse-ebs")),
            ("FullSnapshotSizeInBytes", Value::Int(8_589_934_592)),
            ("SnapshotId", str_("snap-0a1b2c3d4e5f60718")),
            ("VolumeId", str_("vol-ffffffff")),
            ("State", str_("pending")),
            ("StartTime", Value::Time(1_704_067_200_500.0)),
            ("Progress", str_("")),
            ("OwnerId", str_("137112412989")),
            ("Description", str_("")),
            ("VolumeSize", Value::Int(16)),
            ("Encrypted", Value::Bool(true)),
            (
                "KmsKeyId",
                str_("arn:aws:kms:us-east-1:012345678910:key/abcd"),
            ),
        ],
    );
    let want = st(
        DESCRIBE_SNAPSHOTS.output,
        &[
            ("NextToken", str_("eyJ2IjoiMiJ9")),
            ("Snapshots", Value::List(vec![first, second])),
        ],
    );
    assert_eq!(v, want);
    assert_eq!(
        parse_output_tree(DESCRIBE_SNAPSHOTS.output, DESCRIBE_SAMPLE),
        Ok(want)
    );
}

#[test]
fn empty_bodies_and_roots_give_empty_outputs() {
    for op in OPERATIONS {
        let empty = Value::structure(op.output);
        assert_eq!(
            parse_output(op.output, b""),
            Ok(empty.clone()),
            "{}",
            op.name
        );
        assert_eq!(
            parse_output(op.output, b"<R/>"),
            Ok(empty.clone()),
            "{}",
            op.name
        );
        assert_eq!(
            parse_output(
                op.output,
                b"<R><unknown><snapshotId>x</snapshotId></unknown></R>"
            ),
            Ok(empty),
            "{}",
            op.name
        );
        // A whitespace-only body is not a document.
        assert!(parse_output(op.output, b" ").is_err(), "{}", op.name);
    }
    assert_eq!(parse_error_response(b""), Ok(Default::default()));
}

#[test]
fn lists_read_their_first_element_and_only_their_entries() {
    let v = describe(
        b"<R><snapshotSet><item><snapshotId>a</snapshotId></item><other/><item/>text</snapshotSet>\
          <snapshotSet><item><snapshotId>ignored</snapshotId></item></snapshotSet></R>",
    )
    .unwrap();
    assert_eq!(
        v,
        st(
            DESCRIBE_SNAPSHOTS.output,
            &[(
                "Snapshots",
                Value::List(vec![
                    st(&SNAPSHOT, &[("SnapshotId", str_("a"))]),
                    Value::structure(&SNAPSHOT),
                ])
            )]
        )
    );
    // A leaf list is empty.
    assert_eq!(
        describe(b"<R><snapshotSet>text</snapshotSet></R>").unwrap(),
        st(
            DESCRIBE_SNAPSHOTS.output,
            &[("Snapshots", Value::List(vec![]))]
        )
    );
}

/// Documents that exercise every rule where the streaming reader could part from the tree reading:
/// duplicates, non-leaf scalars, errors in several members (the first in model order wins), lists
/// read from their first element, nested lists, text split by comments and CDATA.
#[test]
fn streaming_readers_match_the_tree_reading() {
    let create_docs = [
        "<r><volumeSize>x</volumeSize><ownerAlias><a/></ownerAlias></r>",
        "<r><volumeSize>x</volumeSize><volumeSize>1</volumeSize></r>",
        "<r><volumeSize>1</volumeSize><volumeSize>x</volumeSize></r>",
        "<r><encrypted>x</encrypted><volumeSize>y</volumeSize></r>",
        "<r><volumeSize>y</volumeSize><encrypted>x</encrypted><encrypted>z</encrypted></r>",
        "<r><tagSet><item><value><v/></value><key>a</key><key>b</key></item></tagSet></r>",
        "<r><tagSet><item/><item><key>k</key></item></tagSet><tagSet><item><key/><key/></item></tagSet></r>",
        "<r><tagSet>text</tagSet><description>a<!-- c -->b<![CDATA[&\r\n]]>&amp;</description></r>",
        "<r><snapshotId/><encrypted>TRUE</encrypted><progress>\r\n </progress></r>",
        "<r><tagSet><item><key>a</key></item></tagSet><startTime>bad</startTime><tagSet><item><key>b</key></item></tagSet></r>",
        "<r><startTime>bad</startTime><tagSet><item><key><x/></key></item></tagSet></r>",
        "<r><x><volumeSize>bad</volumeSize></x><volumeSize>2</volumeSize></r>",
        "<r><volumeSize><volumeSize>1</volumeSize></volumeSize></r>",
        "<r/>",
    ];
    let describe_docs = [
        "<R><snapshotSet><item><tagSet><item><key>k</key><value>v</value></item><item><key>k2</key></item></tagSet></item></snapshotSet></R>",
        "<R><snapshotSet><item><tagSet><item><key>a</key><key>b</key></item></tagSet><volumeSize>x</volumeSize></item></snapshotSet></R>",
        "<R><snapshotSet><item><volumeSize>x</volumeSize></item><item><tagSet><item><key><a/></key></item></tagSet></item></snapshotSet></R>",
        "<R><nextToken>a</nextToken><snapshotSet><item><encrypted>no</encrypted></item></snapshotSet><nextToken>b</nextToken></R>",
        "<R><snapshotSet><item><snapshotId>a</snapshotId><snapshotId>b</snapshotId></item></snapshotSet><snapshotSet><item/></snapshotSet></R>",
        "<R><snapshotSet><item><tagSet/><tagSet><item><key>ignored</key></item></tagSet></item></snapshotSet></R>",
        "<R><snapshotSet><snapshotSet><item/></snapshotSet></snapshotSet><nextToken><x/></nextToken></R>",
        "<R><snapshotSet><item><tagSet><item><tagSet><item/></tagSet><value>v</value></item></tagSet></item></snapshotSet></R>",
        "<R><nextToken>t</nextToken><snapshotSet><item><startTime>2014-02-28T21:06:01Z</startTime><fullSnapshotSizeInBytes>-1</fullSnapshotSizeInBytes></item></snapshotSet></R>",
    ];
    for doc in create_docs.iter().chain(&describe_docs) {
        for op in OPERATIONS {
            let tree = parse_output_tree(op.output, doc.as_bytes());
            assert_eq!(
                parse_output(op.output, doc.as_bytes()),
                tree,
                "{}: {doc}",
                op.name
            );
        }
    }
    // The documents above do reach the nested members and their errors.
    assert!(describe(describe_docs[0].as_bytes()).is_ok());
    assert!(describe(describe_docs[1].as_bytes()).is_err());
    for doc in [
        "<Response><Error><Code>D</Code></Error><Errors><Error><Code>A</Code><Message>m</Message>\
         <message><x/></message></Error><Error><Code>B</Code></Error></Errors><RequestID>1</RequestID></Response>",
        "<R><Errors/><Error><Code><x/></Code><Code>C</Code><Message>m</Message></Error><RequestID><a/></RequestID><RequestId>2</RequestId></R>",
        "<R><RequestId>2</RequestId><Errors><Foo/></Errors></R>",
        "<R><Errors><Error><Code>A</Code></Error></Errors><Errors><Error><Code>B</Code></Error></Errors></R>",
        "<R><Errors><Errors><Error><Code>deep</Code></Error></Errors></Errors><Error><Code>top</Code></Error></R>",
        "<R/>",
    ] {
        let tree = parse_document(doc.as_bytes()).map(|r| error_from_element(&r));
        assert_eq!(parse_error_response(doc.as_bytes()), tree, "{doc}");
    }
}
