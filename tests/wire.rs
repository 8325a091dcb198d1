//! The string codec between the JS shell and the core (`src/wire/`): `JSON.stringify(input)` read
//! against an operation's input shape (types, then required members and enum values, errors naming
//! the member path as data and in the message), request headers, the JSON written for outputs and
//! service errors, the per-call context lines, and the error framing the shell splits.

mod common;
use common::values::{st, str_};
use ec2_wasm::query::serialize;
use ec2_wasm::shapes::generated::{
    CREATE_SNAPSHOT, DESCRIBE_SNAPSHOTS, DESCRIBE_SNAPSHOTS_RESULT, FILTER, SNAPSHOT, TAG,
    TAG_SPECIFICATION,
};
use ec2_wasm::shapes::{EnumShape, ListShape, Member, Operation, Shape, StructureShape, Value};
use ec2_wasm::wire::contract::ERROR_MARK;
use ec2_wasm::wire::json_in::{headers_from_json, read_input};
use ec2_wasm::wire::json_out::{error_json, output_json, push_json_string};
use ec2_wasm::wire::{error, fields, lines, result, Context};
use ec2_wasm::xml::{parse_error_response, parse_output};
use ec2_wasm::{Error, ErrorKind};

const SAMPLE: &[u8] = include_bytes!("vectors/model/samples/create-snapshot-response.xml");
const DESCRIBE_SAMPLE: &[u8] =
    include_bytes!("vectors/model/samples/describe-snapshots-response.xml");
const OBSERVED: &str = include_str!("vectors/model/samples/js-v3-observed-results.json");

fn input(op: &'static Operation, json: &str) -> ec2_wasm::Result<Value> {
    read_input(op.input, json)
}

// ---------------------------------------------------------------------------------------------
// JSON input

#[test]
fn reads_every_member_in_any_order_and_skips_unknown_ones() {
    let v = input(
        &CREATE_SNAPSHOT,
        r#"{"x":{"a":[1,{"b":null},"\"]"]},"DryRun":true,"VolumeId":"vol-1","Description":"a\"b\\c\n\u00e9\ud83d\ude00","TagSpecifications":[null,{"ResourceType":"snapshot","Tags":[{"Key":"k","Value":""},null,{}]}],"Location":"local","OutpostArn":null,"y":-1.5e3}"#,
    )
    .unwrap();
    let shape = CREATE_SNAPSHOT.input;
    assert_eq!(v.get(shape, "VolumeId"), Some(&str_("vol-1")));
    assert_eq!(
        v.get(shape, "Description").and_then(Value::as_str),
        Some("a\"b\\c\né😀")
    );
    assert_eq!(v.get(shape, "DryRun"), Some(&Value::Bool(true)));
    assert_eq!(v.get(shape, "OutpostArn"), None);
    assert_eq!(v.get(shape, "Location"), Some(&str_("local")));
    // `null` entries are dropped; `{}` is an entry with no members.
    let Some(Value::List(specs)) = v.get(shape, "TagSpecifications") else {
        panic!("no TagSpecifications: {v:?}")
    };
    assert_eq!(specs.len(), 1);
    let Some(Value::List(tags)) = specs[0].get(&TAG_SPECIFICATION, "Tags") else {
        panic!("no Tags: {specs:?}")
    };
    assert_eq!(tags.len(), 2);
    assert_eq!(tags[0].get(&TAG, "Value"), Some(&str_("")));
    assert_eq!(tags[1].get(&TAG, "Key"), None);
    // The whole value: one slot per member, in model order.
    assert_eq!(
        v,
        st(
            shape,
            &[
                ("Description", str_("a\"b\\c\né😀")),
                ("VolumeId", str_("vol-1")),
                (
                    "TagSpecifications",
                    Value::List(vec![st(
                        &TAG_SPECIFICATION,
                        &[
                            ("ResourceType", str_("snapshot")),
                            (
                                "Tags",
                                Value::List(vec![
                                    st(&TAG, &[("Key", str_("k")), ("Value", str_(""))]),
                                    st(&TAG, &[]),
                                ])
                            ),
                        ]
                    )])
                ),
                ("Location", str_("local")),
                ("DryRun", Value::Bool(true)),
            ]
        )
    );
}

#[test]
fn describe_snapshots_reads_lists_integers_and_nested_structures() {
    let v = input(
        &DESCRIBE_SNAPSHOTS,
        r#"{"Filters":[{"Name":"tag:env","Values":["prod",null,"dev"]},null,{}],"MaxResults":-2147483648,"OwnerIds":["self","amazon"],"RestorableByUserIds":[],"SnapshotIds":null,"NextToken":"","DryRun":false}"#,
    )
    .unwrap();
    assert_eq!(
        v,
        st(
            DESCRIBE_SNAPSHOTS.input,
            &[
                ("MaxResults", Value::Int(i64::from(i32::MIN))),
                ("NextToken", str_("")),
                ("OwnerIds", Value::List(vec![str_("self"), str_("amazon")])),
                ("RestorableByUserIds", Value::List(vec![])),
                ("DryRun", Value::Bool(false)),
                (
                    "Filters",
                    Value::List(vec![
                        st(
                            &FILTER,
                            &[
                                ("Name", str_("tag:env")),
                                ("Values", Value::List(vec![str_("prod"), str_("dev")])),
                            ]
                        ),
                        st(&FILTER, &[]),
                    ])
                ),
            ]
        )
    );
    // Empty lists are omitted on the wire, as the SDK omits them.
    assert_eq!(
        serialize(&DESCRIBE_SNAPSHOTS, &v),
        "Action=DescribeSnapshots&Version=2016-11-15&MaxResults=-2147483648&NextToken=&Owner.1=self&Owner.2=amazon&DryRun=false&Filter.1.Name=tag%3Aenv&Filter.1.Value.1=prod&Filter.1.Value.2=dev"
    );
    // Nothing is required.
    assert_eq!(
        input(&DESCRIBE_SNAPSHOTS, "{}").unwrap(),
        Value::structure(DESCRIBE_SNAPSHOTS.input)
    );
}

#[test]
fn type_errors_name_the_member_and_the_rule() {
    let cs = &CREATE_SNAPSHOT;
    let ds = &DESCRIBE_SNAPSHOTS;
    for (op, json, field, msg) in [
        (cs, "null", "input", "input: must be an object, got null"),
        (cs, "[]", "input", "input: must be an object, got array"),
        (cs, "\"x\"", "input", "input: must be an object, got string"),
        (cs, "{}", "VolumeId", "VolumeId: is required"),
        (
            cs,
            r#"{"VolumeId":null}"#,
            "VolumeId",
            "VolumeId: is required",
        ),
        (
            cs,
            r#"{"VolumeId":7}"#,
            "VolumeId",
            "VolumeId: must be a string, got number",
        ),
        (
            cs,
            r#"{"VolumeId":"v","Description":{}}"#,
            "Description",
            "Description: must be a string, got object",
        ),
        (
            cs,
            r#"{"VolumeId":"v","DryRun":"yes"}"#,
            "DryRun",
            "DryRun: must be a boolean, got string",
        ),
        (
            cs,
            r#"{"VolumeId":"v","DryRun":1}"#,
            "DryRun",
            "DryRun: must be a boolean, got number",
        ),
        (
            cs,
            r#"{"VolumeId":"v","TagSpecifications":{}}"#,
            "TagSpecifications",
            "TagSpecifications: must be an array, got object",
        ),
        (
            cs,
            r#"{"VolumeId":"v","TagSpecifications":[null,1]}"#,
            "TagSpecifications[1]",
            "TagSpecifications[1]: must be an object, got number",
        ),
        (
            cs,
            r#"{"VolumeId":"v","TagSpecifications":[{"Tags":[{"Key":"k","Value":1}]}]}"#,
            "TagSpecifications[0].Tags[0].Value",
            "TagSpecifications[0].Tags[0].Value: must be a string, got number",
        ),
        (
            cs,
            r#"{"VolumeId":"v","Description":"\ud800"}"#,
            "Description",
            "Description: must be well-formed Unicode (it contains a lone surrogate)",
        ),
        (
            cs,
            r#"{"VolumeId":"v","Description":"\udc00\ud800"}"#,
            "Description",
            "Description: must be well-formed Unicode (it contains a lone surrogate)",
        ),
        (
            cs,
            r#"{"VolumeId":"v","Description":"\ud83d\u0041"}"#,
            "Description",
            "Description: must be well-formed Unicode (it contains a lone surrogate)",
        ),
        (
            cs,
            r#"{"VolumeId":"v""#,
            "input",
            "input: is not valid JSON",
        ),
        (
            cs,
            r#"{"VolumeId":"v"} x"#,
            "input",
            "input: is not valid JSON",
        ),
        (
            cs,
            r#"{"VolumeId":"v",}"#,
            "input",
            "input: is not valid JSON",
        ),
        (
            cs,
            r#"{"VolumeId":"v","x":tru}"#,
            "input",
            "input: is not valid JSON",
        ),
        // Types are checked first, over the whole input; then the model's rules, in model order.
        (
            cs,
            r#"{"Location":"mars","Description":5}"#,
            "Description",
            "Description: must be a string, got number",
        ),
        (
            cs,
            r#"{"Location":"mars"}"#,
            "VolumeId",
            "VolumeId: is required",
        ),
        (
            cs,
            r#"{"VolumeId":"v","Location":"mars"}"#,
            "Location",
            r#"Location: "mars" is not one of "regional", "local""#,
        ),
        // DescribeSnapshots: integers in range, lists of strings, nested lists.
        (
            ds,
            r#"{"MaxResults":5.5}"#,
            "MaxResults",
            "MaxResults: must be an integer in range, got 5.5",
        ),
        (
            ds,
            r#"{"MaxResults":1e3}"#,
            "MaxResults",
            "MaxResults: must be an integer in range, got 1e3",
        ),
        (
            ds,
            r#"{"MaxResults":2147483648}"#,
            "MaxResults",
            "MaxResults: must be an integer in range, got 2147483648",
        ),
        (
            ds,
            r#"{"MaxResults":"5"}"#,
            "MaxResults",
            "MaxResults: must be an integer, got string",
        ),
        (
            ds,
            r#"{"OwnerIds":"self"}"#,
            "OwnerIds",
            "OwnerIds: must be an array, got string",
        ),
        (
            ds,
            r#"{"SnapshotIds":["a",["b"]]}"#,
            "SnapshotIds[1]",
            "SnapshotIds[1]: must be a string, got array",
        ),
        (
            ds,
            r#"{"Filters":[{"Name":"n","Values":["a",true]}]}"#,
            "Filters[0].Values[1]",
            "Filters[0].Values[1]: must be a string, got boolean",
        ),
    ] {
        let e = input(op, json).unwrap_err();
        assert_eq!(e.message(), msg, "{json}");
        assert_eq!(e.field(), Some(field), "{json}");
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{json}");
        assert_eq!(e.kind().code(), "InvalidInput");
    }
}

// Shapes with what the two operations do not combine: a checked enum and a required member inside
// list entries, and a checked enum of more than eight values.
static COLOR: EnumShape = EnumShape {
    name: "Color",
    values: "red|green|",
};
static SIZE: EnumShape = EnumShape {
    name: "Size",
    values: "1|2|3|4|5|6|7|8|9|",
};
static ENTRY: StructureShape = StructureShape {
    xml_index: None,
    name: "Entry",
    members: &[
        Member {
            name: "Id",
            query_key: "Id",
            xml_name: "id",
            shape: Shape::String,
            required: true,
        },
        Member {
            name: "Color",
            query_key: "Color",
            xml_name: "color",
            shape: Shape::Enum(&COLOR),
            required: false,
        },
    ],
};
static ENTRIES: ListShape = ListShape {
    member: Shape::Structure(&ENTRY),
    xml_item: "item",
};
static NESTED: StructureShape = StructureShape {
    xml_index: None,
    name: "Nested",
    members: &[
        Member {
            name: "Entries",
            query_key: "Entry",
            xml_name: "entrySet",
            shape: Shape::List(&ENTRIES),
            required: false,
        },
        Member {
            name: "Mode",
            query_key: "Mode",
            xml_name: "mode",
            shape: Shape::Enum(&COLOR),
            required: false,
        },
        Member {
            name: "Size",
            query_key: "Size",
            xml_name: "size",
            shape: Shape::Enum(&SIZE),
            required: false,
        },
    ],
};
static NESTED_OP: Operation = Operation {
    name: "Nested",
    input: &NESTED,
    output: &NESTED,
};

/// An error's path names the entry as the caller wrote it: `null` entries (dropped on reading)
/// still count, for the model's rules (required members, enum values) as for types; the rules are
/// checked in model order, whatever the order of the JSON.
#[test]
fn paths_count_null_entries_for_every_rule() {
    for (json, field, msg) in [
        (
            r#"{"Entries":[null,{"Id":"a","Color":5}]}"#,
            "Entries[1].Color",
            "Entries[1].Color: must be a string, got number",
        ),
        (
            r#"{"Entries":[null,{"Id":"a","Color":"blue"}]}"#,
            "Entries[1].Color",
            r#"Entries[1].Color: "blue" is not one of "red", "green""#,
        ),
        (
            r#"{"Entries":[null,{"Id":"a"},null,{}]}"#,
            "Entries[3].Id",
            "Entries[3].Id: is required",
        ),
        (
            r#"{"Entries":[null,null,{"Id":"x"},null,{"Id":"y","Color":"nope"}]}"#,
            "Entries[4].Color",
            r#"Entries[4].Color: "nope" is not one of "red", "green""#,
        ),
        // The last of duplicate members is the one read, and the one named.
        (
            r#"{"Entries":[{"Id":"a","Color":"bad"}],"Entries":[null,{"Id":"b","Color":"bad"}]}"#,
            "Entries[1].Color",
            r#"Entries[1].Color: "bad" is not one of "red", "green""#,
        ),
        // Model order: `Entries` before `Mode`, and in an entry `Id` before `Color`.
        (
            r#"{"Mode":"blue","Entries":[null,{"Id":"a","Color":"blue"}]}"#,
            "Entries[1].Color",
            r#"Entries[1].Color: "blue" is not one of "red", "green""#,
        ),
        (
            r#"{"Mode":"blue","Entries":[{"Color":"blue"}]}"#,
            "Entries[0].Id",
            "Entries[0].Id: is required",
        ),
        (
            r#"{"Mode":"blue","Entries":[{"Id":"a"}]}"#,
            "Mode",
            r#"Mode: "blue" is not one of "red", "green""#,
        ),
        // More than eight values: named, not listed.
        (
            r#"{"Size":"10"}"#,
            "Size",
            r#"Size: "10" is not a Size value"#,
        ),
    ] {
        let e = read_input(&NESTED, json).unwrap_err();
        assert_eq!(e.field(), Some(field), "{json}: {e}");
        assert_eq!(e.message(), msg, "{json}");
    }
    // Valid: `null` entries are skipped without using an index.
    let v = read_input(
        &NESTED,
        r#"{"Size":"9","Entries":[null,{"Id":"a","Color":"red"},null,{"Id":"b"}],"Mode":"green"}"#,
    )
    .unwrap();
    assert_eq!(
        serialize(&NESTED_OP, &v),
        "Action=Nested&Version=2016-11-15&Entry.1.Id=a&Entry.1.Color=red&Entry.2.Id=b&Mode=green&Size=9"
    );
}

/// Long, growing enums (`ResourceType`, over a hundred values) are plain strings, left to the
/// service as the AWS SDKs leave every enum; the short closed `Location` is checked.
#[test]
fn long_enums_are_left_to_the_service() {
    let v = input(
        &CREATE_SNAPSHOT,
        r#"{"VolumeId":"v","TagSpecifications":[null,{"ResourceType":"a-type-from-next-year"}]}"#,
    )
    .unwrap();
    assert_eq!(
        serialize(&CREATE_SNAPSHOT, &v),
        "Action=CreateSnapshot&Version=2016-11-15&VolumeId=v&TagSpecification.1.ResourceType=a-type-from-next-year"
    );
    let e = input(&CREATE_SNAPSHOT, r#"{"VolumeId":"v","Location":"moon"}"#).unwrap_err();
    assert_eq!(e.field(), Some("Location"));
}

#[test]
fn enum_errors_stay_short_and_quote_the_value() {
    let long = "m".repeat(100_000);
    let e = input(
        &CREATE_SNAPSHOT,
        &format!(r#"{{"VolumeId":"v","Location":"{long}"}}"#),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("Location"));
    assert!(e.message().len() < 200, "{} bytes", e.message().len());
    assert!(e.message().contains(&"m".repeat(64)));
    // Every value the model lists is accepted.
    for v in ["regional", "local"] {
        let json = format!(r#"{{"VolumeId":"v","Location":"{v}"}}"#);
        assert!(input(&CREATE_SNAPSHOT, &json).is_ok(), "{v}");
    }
}

#[test]
fn deep_unknown_members_are_bounded() {
    let deep = format!(
        "{{\"VolumeId\":\"v\",\"x\":{}1{}}}",
        "[".repeat(600),
        "]".repeat(600)
    );
    let e = input(&CREATE_SNAPSHOT, &deep).unwrap_err();
    assert_eq!(e.message(), "input: is nested too deeply");
    assert_eq!(e.field(), Some("input"));
    let ok = format!(
        "{{\"VolumeId\":\"v\",\"x\":{}1{}}}",
        "[".repeat(500),
        "]".repeat(500)
    );
    assert_eq!(
        input(&CREATE_SNAPSHOT, &ok)
            .unwrap()
            .get(CREATE_SNAPSHOT.input, "VolumeId"),
        Some(&str_("v"))
    );
    // Unknown members of nested structures are skipped too.
    let v = input(
        &CREATE_SNAPSHOT,
        r#"{"VolumeId":"v","TagSpecifications":[{"Tags":[{"Key":"k","Other":{"a":[{}]}}],"z":[]}]}"#,
    )
    .unwrap();
    assert_eq!(
        serialize(&CREATE_SNAPSHOT, &v),
        "Action=CreateSnapshot&Version=2016-11-15&VolumeId=v&TagSpecification.1.Tag.1.Key=k"
    );
}

/// Input as the shell sends it for every call `@aws-sdk/client-ec2` was observed making is written
/// exactly as the SDK wrote it.
#[test]
fn observed_sdk_inputs_serialize_to_the_observed_bodies() {
    let observed: serde_json::Value = serde_json::from_str(OBSERVED).unwrap();
    let runs = observed["runs"].as_array().unwrap();
    assert!(runs.len() >= 8);
    for run in runs {
        let name = run["name"].as_str().unwrap();
        let json = serde_json::to_string(&run["input"]).unwrap();
        let v = input(&CREATE_SNAPSHOT, &json).unwrap_or_else(|e| panic!("{name}: {e}"));
        for body in run["bodies"].as_array().unwrap() {
            assert_eq!(
                serialize(&CREATE_SNAPSHOT, &v),
                body.as_str().unwrap(),
                "{name}"
            );
        }
    }
}

// A shape with the scalar kinds the two operations do not use on input (long, float, timestamp),
// to prove the reader and writers handle every `Shape` the generator can emit.
static SCALARS: StructureShape = StructureShape {
    xml_index: None,
    name: "Scalars",
    members: &[
        Member {
            name: "Big",
            query_key: "Big",
            xml_name: "big",
            shape: Shape::Long,
            required: false,
        },
        Member {
            name: "Ratio",
            query_key: "Ratio",
            xml_name: "ratio",
            shape: Shape::Float,
            required: false,
        },
        Member {
            name: "When",
            query_key: "When",
            xml_name: "when",
            shape: Shape::Timestamp,
            required: true,
        },
    ],
};
static SCALARS_OP: Operation = Operation {
    name: "Scalars",
    input: &SCALARS,
    output: &SCALARS,
};

#[test]
fn longs_floats_and_timestamps() {
    let v = read_input(
        &SCALARS,
        r#"{"Ratio":-1.5e-3,"Big":-9223372036854775808,"When":"2015-01-25T08:00:00.000Z"}"#,
    )
    .unwrap();
    assert_eq!(
        v,
        st(
            &SCALARS,
            &[
                ("Big", Value::Int(i64::MIN)),
                ("Ratio", Value::Float("-1.5e-3".into())),
                ("When", Value::Time(1_422_172_800_000.0)),
            ]
        )
    );
    // Required first; timestamps as the SDK writes them (no `.000`).
    assert_eq!(
        serialize(&SCALARS_OP, &v),
        "Action=Scalars&Version=2016-11-15&When=2015-01-25T08%3A00%3A00Z&Big=-9223372036854775808&Ratio=-1.5e-3"
    );
    let v = read_input(&SCALARS, r#"{"When":"2015-01-25T08:00:00.250Z"}"#).unwrap();
    assert_eq!(
        serialize(&SCALARS_OP, &v),
        "Action=Scalars&Version=2016-11-15&When=2015-01-25T08%3A00%3A00.250Z"
    );
    assert_eq!(output_json(&SCALARS, &v), r#"{"When":1422172800250}"#);
    for (json, field, msg) in [
        (
            r#"{"When":"2015-01-25T08:00:00.000Z","Big":9223372036854775808}"#,
            "Big",
            "Big: must be an integer in range, got 9223372036854775808",
        ),
        (
            r#"{"When":"yesterday"}"#,
            "When",
            r#"When: must be a Date, got "yesterday""#,
        ),
        (r#"{"When":0}"#, "When", "When: must be a Date, got number"),
        (
            r#"{"When":"2015-01-25T08:00:00Z","Ratio":"1"}"#,
            "Ratio",
            "Ratio: must be a number, got string",
        ),
    ] {
        let e = read_input(&SCALARS, json).unwrap_err();
        assert_eq!(e.message(), msg, "{json}");
        assert_eq!(e.field(), Some(field), "{json}");
    }
}

// ---------------------------------------------------------------------------------------------
// Headers

#[test]
fn headers_keep_order_and_check_types() {
    let h = headers_from_json(r#"{"b":"1","a":"2","x-y":null,"\u0041":"\u00e9"}"#).unwrap();
    assert_eq!(
        h,
        [
            ("b".into(), "1".into()),
            ("a".into(), "2".into()),
            ("A".into(), "é".into())
        ]
    );
    assert_eq!(headers_from_json("{}").unwrap(), []);
    let e = headers_from_json(r#"{"a":1}"#).unwrap_err();
    assert_eq!(
        e.message(),
        "request.headers[\"a\"]: must be a string, got number"
    );
    assert_eq!(e.field(), Some("request.headers[\"a\"]"));
    let e = headers_from_json(r#""s""#).unwrap_err();
    assert_eq!(
        e.message(),
        "request.headers: must be an object, got string"
    );
    assert_eq!(e.field(), Some("request.headers"));
    let e = headers_from_json(r#"{"\ud800":"v"}"#).unwrap_err();
    assert_eq!(e.field(), Some("request.headers"));
    assert!(e.message().contains("not well-formed Unicode"), "{e}");
    let e = headers_from_json(r#"{"a":"\udfff"}"#).unwrap_err();
    assert_eq!(e.field(), Some("request.headers[\"a\"]"));
    for bad in [r#"{"a":"1""#, r#"{"a":"1"}x"#, r#"{"a" "1"}"#, ""] {
        assert!(headers_from_json(bad).is_err(), "{bad}");
    }
}

// ---------------------------------------------------------------------------------------------
// JSON output

#[test]
fn json_strings_escape_what_json_requires() {
    let mut s = String::new();
    push_json_string(&mut s, "a\"\\\n\r\t\u{1}\u{8}\u{c}\u{1f}\u{7f}é😀\u{2028}");
    assert_eq!(
        s,
        "\"a\\\"\\\\\\n\\r\\t\\u0001\\u0008\\u000c\\u001f\u{7f}é😀\u{2028}\""
    );
    // What JSON.parse (here serde_json) reads back is the string.
    let text = "\0x\u{1b}[0m\"</script>";
    let mut s = String::new();
    push_json_string(&mut s, text);
    assert_eq!(serde_json::from_str::<String>(&s).unwrap(), text);
    let mut n = String::new();
    for v in [0, -1, 42, i64::MIN, i64::MAX] {
        n.clear();
        ec2_wasm::text::push_i64(&mut n, v);
        assert_eq!(n, v.to_string());
    }
}

/// The sample response as JSON: exactly what `@aws-sdk/client-ec2` returned for it (members in the
/// same order), with `StartTime` as epoch milliseconds and without `$metadata`, which the shell adds.
#[test]
fn output_json_matches_the_sdk_output() {
    let observed: serde_json::Value = serde_json::from_str(OBSERVED).unwrap();
    let run = observed["runs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "success")
        .unwrap();
    let mut want = run["result"]["output"].as_object().unwrap().clone();
    want.remove("$metadata");
    let start = ec2_wasm::time::parse_rfc3339_ms(want["StartTime"].as_str().unwrap()).unwrap();
    want.insert("StartTime".into(), serde_json::json!(start as i64));
    let value = parse_output(CREATE_SNAPSHOT.output, SAMPLE).unwrap();
    let got = output_json(CREATE_SNAPSHOT.output, &value);
    assert_eq!(got, serde_json::to_string(&want).unwrap());
}

#[test]
fn output_json_of_describe_snapshots() {
    let value = parse_output(DESCRIBE_SNAPSHOTS.output, DESCRIBE_SAMPLE).unwrap();
    let got = output_json(DESCRIBE_SNAPSHOTS.output, &value);
    let parsed: serde_json::Value = serde_json::from_str(&got).unwrap();
    assert_eq!(
        parsed,
        serde_json::json!({
            "NextToken": "eyJ2IjoiMiJ9",
            "Snapshots": [
                {
                    "Tags": [{"Key": "Name", "Value": "my snap"}, {"Key": "env", "Value": "prod & test"}],
                    "StorageTier": "standard",
                    "SnapshotId": "snap-066877671789bd71b",
                    "VolumeId": "vol-1234567890abcdef0",
                    "State": "completed",
                    "StartTime": 1_393_621_561_000_i64,
                    "Progress": "100%",
                    "OwnerId": "012345678910",
                    "Description": "This is my root volume snapshot.",
                    "VolumeSize": 8,
                    "Encrypted": false
                },
                {
                    "OwnerAlias": "amazon",
                    "Tags": [],
                    "SseType": "sse-ebs",
                    "FullSnapshotSizeInBytes": 8_589_934_592_i64,
                    "SnapshotId": "snap-0a1b2c3d4e5f60718",
                    "VolumeId": "vol-ffffffff",
                    "State": "pending",
                    "StartTime": 1_704_067_200_500_i64,
                    "Progress": "",
                    "OwnerId": "137112412989",
                    "Description": "",
                    "VolumeSize": 16,
                    "Encrypted": true,
                    "KmsKeyId": "arn:aws:kms:us-east-1:012345678910:key/abcd"
                }
            ]
        })
    );
    // Members in model order, as the SDK's deserializer writes them.
    assert!(got.starts_with(r#"{"NextToken":"eyJ2IjoiMiJ9","Snapshots":[{"Tags":[{"Key":"Name""#));
    // An empty response is an empty object; an empty list stays a list.
    assert_eq!(
        output_json(
            DESCRIBE_SNAPSHOTS.output,
            &parse_output(DESCRIBE_SNAPSHOTS.output, b"").unwrap()
        ),
        "{}"
    );
    assert_eq!(
        output_json(
            &DESCRIBE_SNAPSHOTS_RESULT,
            &st(
                &DESCRIBE_SNAPSHOTS_RESULT,
                &[("Snapshots", Value::List(vec![]))]
            )
        ),
        r#"{"Snapshots":[]}"#
    );
}

#[test]
fn output_json_escapes_strings_and_writes_null_for_a_mismatched_value() {
    let v = st(
        &SNAPSHOT,
        &[
            ("Description", str_("line\nbreak \"quoted\" \u{0}")),
            ("VolumeSize", Value::Int(-3)),
            // A structure where a string belongs: never produced by the readers, and still JSON.
            ("OwnerId", Value::List(vec![])),
        ],
    );
    let got = output_json(&SNAPSHOT, &v);
    assert_eq!(
        got,
        r#"{"OwnerId":null,"Description":"line\nbreak \"quoted\" \u0000","VolumeSize":-3}"#
    );
    assert!(serde_json::from_str::<serde_json::Value>(&got).is_ok());
    // Not a structure at all: an empty object.
    assert_eq!(output_json(&SNAPSHOT, &str_("x")), "{}");
}

#[test]
fn error_json_copies_code_message_request_id_and_every_field() {
    let body = br#"<Response><Errors><Error><Code>InvalidVolume.NotFound</Code><Message>The volume 'vol-1' "does" not exist.</Message><Type>Sender</Type></Error></Errors><RequestID>req-1</RequestID></Response>"#;
    let e = parse_error_response(body).unwrap();
    assert_eq!(
        error_json(&e),
        r#"{"Code":"InvalidVolume.NotFound","Message":"The volume 'vol-1' \"does\" not exist.","RequestID":"req-1","fields":[["Code","InvalidVolume.NotFound"],["Message","The volume 'vol-1' \"does\" not exist."],["Type","Sender"]]}"#
    );
    // Missing parts are left out; an empty body has no fields.
    assert_eq!(
        error_json(&parse_error_response(b"").unwrap()),
        r#"{"fields":[]}"#
    );
    assert_eq!(
        error_json(&parse_error_response(b"<R><Error><Code>C\r\n</Code></Error></R>").unwrap()),
        r#"{"Code":"C\n","fields":[["Code","C\n"]]}"#
    );
    for sample in [
        &include_bytes!("vectors/model/samples/error-invalid-volume.xml")[..],
        include_bytes!("vectors/model/samples/error-throttled-503.xml"),
    ] {
        let json = error_json(&parse_error_response(sample).unwrap());
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(v["Code"].is_string() && v["Message"].is_string() && v["RequestID"].is_string());
        assert_eq!(v["fields"].as_array().unwrap().len(), 2);
    }
}

// ---------------------------------------------------------------------------------------------
// Context, lines and error framing

#[test]
fn context_needs_exactly_seven_lines_and_never_echoes_them() {
    let c = Context::parse("https://h\nus-east-1\nxua\n\nAKID\nSECRET\n").unwrap();
    assert_eq!(c.endpoint, "https://h");
    assert_eq!(c.signing_region, "us-east-1");
    assert_eq!(c.x_amz_user_agent, "xua");
    assert_eq!(c.user_agent, None);
    assert_eq!(c.credentials.access_key_id, "AKID");
    assert_eq!(c.credentials.session_token, None);
    assert!(!format!("{c:?}").contains("SECRET"));
    let c = Context::parse("https://h\nr\nxua\nua\nAKID\nSECRET\nTOKEN").unwrap();
    assert_eq!(c.user_agent, Some("ua"));
    assert_eq!(c.credentials.session_token.as_deref(), Some("TOKEN"));
    assert!(!format!("{c:?}").contains("TOKEN"));
    let e = Context::parse("https://h\nus-east-1\nxua\n\nAKID\nSEC\nRET\nTOKEN").unwrap_err();
    assert!(!e.message().contains("SEC"));
    assert_eq!(e.kind(), ErrorKind::InvalidConfig);
    assert_eq!(e.field(), None);
    assert!(Context::parse("a\nb").is_err());
    assert_eq!(ec2_wasm::wire::contract::CONTEXT_LINES.len(), 7);
}

#[test]
fn lines_refuse_line_breaks() {
    assert_eq!(lines(["a", "b", "", "c"]).unwrap(), "a\nb\n\nc");
    assert_eq!(lines([]).unwrap(), "");
    assert_eq!(lines(["", "x"]).unwrap(), "\nx");
    for bad in [["a", "b\r"], ["a\nb", "c"]] {
        let e = lines(bad).unwrap_err();
        assert_eq!(e.field(), Some("request"));
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
    }
}

#[test]
fn errors_are_framed_as_mark_kind_field_message() {
    assert_eq!(ERROR_MARK, '\0');
    assert_eq!(error(&Error::invalid_config("x")), "\0InvalidConfig\0\0x");
    assert_eq!(
        error(&Error::invalid_response("bad <x>")),
        "\0InvalidResponse\0\0bad <x>"
    );
    let e = input(
        &CREATE_SNAPSHOT,
        r#"{"VolumeId":"v","TagSpecifications":[{"Tags":[{"Key":1}]}]}"#,
    )
    .unwrap_err();
    let framed = error(&e);
    assert_eq!(
        framed,
        "\0InvalidInput\0TagSpecifications[0].Tags[0].Key\0TagSpecifications[0].Tags[0].Key: must be a string, got number"
    );
    // What the shell does: split on the mark into kind, field and message.
    let parts: Vec<&str> = framed.splitn(4, ERROR_MARK).collect();
    assert_eq!(parts, ["", "InvalidInput", e.field().unwrap(), e.message()]);
    assert_eq!(result(Ok("out".into())), "out");
    assert_eq!(result(Err(e.clone())), framed);
    // Every kind has its own code, as the contract lists them.
    let codes: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
    assert_eq!(codes, ["InvalidInput", "InvalidConfig", "InvalidResponse"]);
}

// ---------------------------------------------------------------------------------------------
// One text per call: the shell joins a call's strings and passes their JS lengths.

/// The JS (UTF-16) length of `s`, as the shell passes it.
fn js_len(s: &str) -> f64 {
    s.encode_utf16().count() as f64
}

#[test]
fn fields_split_joined_strings_at_their_js_lengths() {
    let cases: [[&str; 3]; 7] = [
        ["", "", ""],
        ["ec2", "POST", "Action=CreateSnapshot"],
        ["", "b", ""],
        // Two-, three- and four-byte characters (the last two UTF-16 units each) on every side.
        ["é", "日本", "😀x"],
        ["😀😀", "", "é"],
        ["a\0b", "\n\r", "\0"],
        ["x", "𝄞 clef", "tail with 😀 and é"],
    ];
    for parts in cases {
        let text = parts.concat();
        let lens = [js_len(parts[0]), js_len(parts[1]), 99.0];
        assert_eq!(fields::<3>(&text, &lens).unwrap(), parts, "{parts:?}");
        // The last field takes the rest whatever follows the lengths.
        let two = [parts[0], &text[parts[0].len()..]];
        assert_eq!(fields::<2>(&text, &lens[..1]).unwrap(), two);
    }
    assert_eq!(fields::<1>("whole", &[]).unwrap(), ["whole"]);
}

#[test]
fn fields_refuse_lengths_that_do_not_fit_the_text() {
    let bad: [(&str, &[f64]); 9] = [
        ("abc", &[]),              // a length is missing
        ("abc", &[4.0, 0.0]),      // longer than the text
        ("abc", &[-1.0, 0.0]),     // negative
        ("abc", &[1.5, 0.0]),      // not whole
        ("abc", &[f64::NAN, 0.0]), // not a number
        ("abc", &[f64::INFINITY, 0.0]),
        ("😀", &[1.0, 0.0]),  // inside a surrogate pair
        ("é😀", &[2.0, 0.0]), // the same after a two-byte character
        ("ab", &[2.0, 1.0]),  // the second field runs past the end
    ];
    for (text, lens) in bad {
        let e = fields::<3>(text, lens).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidInput, "{text:?} {lens:?}");
        assert_eq!(e.field(), Some("call"));
        assert!(e.message().contains("field lengths"), "{}", e.message());
    }
}

#[test]
fn call_ops_have_distinct_numbers_and_names() {
    use ec2_wasm::wire::contract::OPS;
    let mut numbers: Vec<u32> = OPS.iter().map(|&(_, n)| n).collect();
    let mut names: Vec<&str> = OPS.iter().map(|&(name, _)| name).collect();
    numbers.sort_unstable();
    numbers.dedup();
    names.sort_unstable();
    names.dedup();
    assert_eq!(numbers.len(), OPS.len(), "two ops share a number");
    assert_eq!(names.len(), OPS.len(), "two ops share a name");
}
