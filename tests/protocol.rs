//! The botocore EC2 protocol suites (`tests/vectors/ec2-protocol/botocore/`, generated from the Smithy
//! ec2Query compliance tests), run through the code the client uses, one `#[test]` per case id.
//!
//! * Input cases: a small walker follows the case's input shape and `params` and writes every pair
//!   through the crate's [`QueryWriter`] (`param`, `key_param`) with EC2 key naming (`queryName`, else the capitalized
//!   `locationName`, else the capitalized member name; lists flattened with 1-based indexes, a list
//!   member's `locationName` ignored, empty lists omitted). The body is compared with `serialized.body`
//!   as decoded form pairs, order-insensitive, with `Action` and `Version` first on both sides. The
//!   same `params`, as JSON, then go the client's way too: `read_input` against the case's shapes
//!   turned into the crate's shape tables, then the generic `serialize`, compared the same way. The
//!   method, path, host, headers and required headers come from the crate's real CreateSnapshot request
//!   (`read_input` + `build_request`) built against the suite's `clientEndpoint` (else
//!   `https://example.com`, the host the cases assume).
//! * Output cases: the body is read with [`parse_document`] (the element-tree reading over the
//!   crate's tokenizer, `tests/common/xml_tree.rs`) and a walker follows the output shape calling the
//!   crate's scalar parsers (`parse_timestamp`, `parse_i32`, `parse_i64`, `parse_bool`,
//!   [`Element::leaf_text`]); lists are read as `read_tags` reads `tagSet` (entries under `<member>` or
//!   the list member's `locationName`, a leaf list is empty; flattened lists repeat the member's
//!   element). The whole value is compared with `result` (timestamps: epoch seconds × 1000).
//! * Error cases (`errorCode`): [`parse_error_response`] must give the code, the message (when the case
//!   states one) and the body's `RequestID`; the modeled error members (`error`) are read from
//!   `<Errors><Error>` by the same walker, and their top-level strings must be in the crate's `fields`.
//!
//! A case runs when every shape it uses is one the crate's operations (CreateSnapshot,
//! DescribeSnapshots) use: strings, string enums, booleans, integers (input: DescribeSnapshots'
//! `MaxResults`, written with the crate's integer writer) and longs (output), RFC 3339 timestamps
//! (output), lists and nested structures.
//!
//! Cases that do not apply (mirrored from `INPUT_NOT_APPLICABLE` / `OUTPUT_NOT_APPLICABLE`, and checked
//! against them by `every_case_is_run_or_listed`):
//! * input `Ec2QueryEndpointTrait`: endpoint hostPrefix trait: CreateSnapshot has none
//! * input `Ec2QueryEndpointTraitWithHostLabel`: endpoint hostPrefix trait and hostLabel member: CreateSnapshot has neither
//! * input `SDKAppliedContentEncoding_ec2Query`: request compression (gzip): CreateSnapshot has none
//! * input `SDKAppendsGzipAndIgnoresHttpProvidedEncoding_ec2Query`: request compression (gzip): CreateSnapshot has none
//! * input `Ec2ProtocolIdempotencyTokenAutoFill`: idempotency token auto-fill: CreateSnapshot has no idempotency token
//! * input `Ec2TimestampsInput`: timestamp input members (date-time and epoch-seconds): CreateSnapshot's input has none
//! * input `Ec2SimpleInputParamsFloat`: float/double shapes: CreateSnapshot has none
//! * input `Ec2SimpleInputParamsBlob`: blob shapes: CreateSnapshot has none
//! * input `Ec2QuerySupportsNaNFloatInputs`: float/double shapes: CreateSnapshot has none
//! * input `Ec2QuerySupportsInfinityFloatInputs`: float/double shapes: CreateSnapshot has none
//! * input `Ec2QuerySupportsNegativeInfinityFloatInputs`: float/double shapes: CreateSnapshot has none
//! * output `Ec2QuerySupportsNaNFloatOutputs`: float/double shapes: CreateSnapshot has none
//! * output `Ec2QuerySupportsInfinityFloatOutputs`: float/double shapes: CreateSnapshot has none
//! * output `Ec2QuerySupportsNegativeInfinityFloatOutputs`: float/double shapes: CreateSnapshot has none
//! * output `Ec2XmlBlobs`: blob shapes: CreateSnapshot has none
//! * output `Ec2XmlEmptyBlobs`: blob shapes: CreateSnapshot has none
//! * output `Ec2XmlEmptySelfClosedBlobs`: blob shapes: CreateSnapshot has none
//! * output `Ec2XmlTimestampsWithEpochSecondsFormat`: epoch-seconds timestamp format: CreateSnapshot's are RFC 3339
//! * output `Ec2XmlTimestampsWithEpochSecondsOnTargetFormat`: epoch-seconds timestamp format: CreateSnapshot's are RFC 3339
//! * output `Ec2XmlTimestampsWithHttpDateFormat`: http-date timestamp format: CreateSnapshot's are RFC 3339
//! * output `Ec2XmlTimestampsWithHttpDateOnTargetFormat`: http-date timestamp format: CreateSnapshot's are RFC 3339
//!
//! Cases run without some members (mirrored from `OUTPUT_MEMBERS_SKIPPED`; the rest of the output is
//! still compared whole, since these cases hold the suite's only long and empty-string checks):
//! * output `Ec2SimpleScalarProperties` member `floatValue`: float/double shapes: CreateSnapshot has none
//! * output `Ec2SimpleScalarProperties` member `doubleValue`: float/double shapes: CreateSnapshot has none
//! * output `Ec2XmlEnums` member `fooEnumMap`: map shapes: CreateSnapshot has none
//! * output `Ec2XmlIntEnums` member `intEnumMap`: map shapes: CreateSnapshot has none

mod common;

use common::xml_tree::{parse_document, Element};
use ec2_wasm::query::{form_decode, serialize, KeySegment, QueryWriter};
use ec2_wasm::request::{build_request, RequestContext};
use ec2_wasm::shapes::generated::{API_VERSION, CREATE_SNAPSHOT};
use ec2_wasm::shapes::{EnumShape, ListShape, Member, Operation, Shape, StructureShape};
use ec2_wasm::sigv4::Credentials;
use ec2_wasm::wire::json_in::read_input;
use ec2_wasm::xml::parse_error_response;
use ec2_wasm::xml::scalar::{parse_bool, parse_i32, parse_i64, parse_timestamp};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

const INPUT_FILE: &str = "input-ec2.json";
const OUTPUT_FILE: &str = "output-ec2.json";

/// Input cases that cannot apply to CreateSnapshot, with the reason.
const INPUT_NOT_APPLICABLE: &[(&str, &str)] = &[
    (
        "Ec2QueryEndpointTrait",
        "endpoint hostPrefix trait: CreateSnapshot has none",
    ),
    (
        "Ec2QueryEndpointTraitWithHostLabel",
        "endpoint hostPrefix trait and hostLabel member: CreateSnapshot has neither",
    ),
    (
        "SDKAppliedContentEncoding_ec2Query",
        "request compression (gzip): CreateSnapshot has none",
    ),
    (
        "SDKAppendsGzipAndIgnoresHttpProvidedEncoding_ec2Query",
        "request compression (gzip): CreateSnapshot has none",
    ),
    (
        "Ec2ProtocolIdempotencyTokenAutoFill",
        "idempotency token auto-fill: CreateSnapshot has no idempotency token",
    ),
    (
        "Ec2TimestampsInput",
        "timestamp input members (date-time and epoch-seconds): CreateSnapshot's input has none",
    ),
    ("Ec2SimpleInputParamsFloat", FLOAT),
    ("Ec2SimpleInputParamsBlob", BLOB),
    ("Ec2QuerySupportsNaNFloatInputs", FLOAT),
    ("Ec2QuerySupportsInfinityFloatInputs", FLOAT),
    ("Ec2QuerySupportsNegativeInfinityFloatInputs", FLOAT),
];

/// Output cases that cannot apply to CreateSnapshot, with the reason.
const OUTPUT_NOT_APPLICABLE: &[(&str, &str)] = &[
    ("Ec2QuerySupportsNaNFloatOutputs", FLOAT),
    ("Ec2QuerySupportsInfinityFloatOutputs", FLOAT),
    ("Ec2QuerySupportsNegativeInfinityFloatOutputs", FLOAT),
    ("Ec2XmlBlobs", BLOB),
    ("Ec2XmlEmptyBlobs", BLOB),
    ("Ec2XmlEmptySelfClosedBlobs", BLOB),
    ("Ec2XmlTimestampsWithEpochSecondsFormat", EPOCH_SECONDS),
    (
        "Ec2XmlTimestampsWithEpochSecondsOnTargetFormat",
        EPOCH_SECONDS,
    ),
    ("Ec2XmlTimestampsWithHttpDateFormat", HTTP_DATE),
    ("Ec2XmlTimestampsWithHttpDateOnTargetFormat", HTTP_DATE),
];

/// Top-level output members left out of both sides of a case that otherwise runs: (id, member, reason).
const OUTPUT_MEMBERS_SKIPPED: &[(&str, &str, &str)] = &[
    ("Ec2SimpleScalarProperties", "floatValue", FLOAT),
    ("Ec2SimpleScalarProperties", "doubleValue", FLOAT),
    ("Ec2XmlEnums", "fooEnumMap", MAP),
    ("Ec2XmlIntEnums", "intEnumMap", MAP),
];

const FLOAT: &str = "float/double shapes: CreateSnapshot has none";
const BLOB: &str = "blob shapes: CreateSnapshot has none";
const MAP: &str = "map shapes: CreateSnapshot has none";
const EPOCH_SECONDS: &str = "epoch-seconds timestamp format: CreateSnapshot's are RFC 3339";
const HTTP_DATE: &str = "http-date timestamp format: CreateSnapshot's are RFC 3339";

/// One `#[test]` per case that runs, in `input::` and `output::`, plus the lists of ids they cover.
macro_rules! protocol_cases {
    (
        input { $($ifn:ident => $iid:literal,)* }
        output { $($ofn:ident => $oid:literal,)* }
    ) => {
        const INPUT_RUN: &[&str] = &[$($iid),*];
        const OUTPUT_RUN: &[&str] = &[$($oid),*];
        mod input {
            $(#[test] fn $ifn() { super::run_input($iid) })*
        }
        mod output {
            $(#[test] fn $ofn() { super::run_output($oid) })*
        }
    };
}

protocol_cases! {
    input {
        empty_input_and_empty_output => "Ec2QueryEmptyInputAndEmptyOutput",
        host_with_path => "Ec2QueryHostWithPath",
        nested_structures => "Ec2NestedStructures",
        no_input_and_output => "Ec2QueryNoInputAndOutput",
        idempotency_token_is_set => "Ec2ProtocolIdempotencyTokenAutoFillIsSet",
        lists => "Ec2Lists",
        empty_query_lists => "Ec2EmptyQueryLists",
        list_arg_with_xml_name_member => "Ec2ListArgWithXmlNameMember",
        list_member_with_xml_name => "Ec2ListMemberWithXmlName",
        list_nested_struct_with_list => "Ec2ListNestedStructWithList",
        strings => "Ec2SimpleInputParamsStrings",
        integer => "Ec2SimpleInputParamsInteger",
        string_and_boolean_true => "Ec2SimpleInputParamsStringAndBooleanTrue",
        strings_and_boolean_false => "Ec2SimpleInputParamsStringsAndBooleanFalse",
        enums => "Ec2Enums",
        query_name => "Ec2Query",
        query_name_is_preferred => "Ec2QueryIsPreferred",
        xml_name_is_uppercased => "Ec2XmlNameIsUppercased",
    }
    output {
        date_time_with_negative_offset => "Ec2QueryDateTimeWithNegativeOffset",
        date_time_with_positive_offset => "Ec2QueryDateTimeWithPositiveOffset",
        empty_input_and_empty_output => "Ec2QueryEmptyInputAndEmptyOutput",
        date_time_with_fractional_seconds => "Ec2QueryDateTimeWithFractionalSeconds",
        greeting_with_errors => "Ec2GreetingWithErrors",
        invalid_greeting_error => "Ec2InvalidGreetingError",
        complex_error => "Ec2ComplexError",
        ignores_wrapping_xml_name => "Ec2IgnoresWrappingXmlName",
        no_input_and_output => "Ec2QueryNoInputAndOutput",
        recursive_shapes => "Ec2RecursiveShapes",
        simple_scalar_properties => "Ec2SimpleScalarProperties",
        xml_empty_lists => "Ec2XmlEmptyLists",
        xml_enums => "Ec2XmlEnums",
        xml_int_enums => "Ec2XmlIntEnums",
        xml_lists => "Ec2XmlLists",
        xml_namespaces => "Ec2XmlNamespaces",
        xml_timestamps => "Ec2XmlTimestamps",
        xml_timestamps_with_date_time_format => "Ec2XmlTimestampsWithDateTimeFormat",
        xml_timestamps_with_date_time_on_target_format => "Ec2XmlTimestampsWithDateTimeOnTargetFormat",
    }
}

// ---------------------------------------------------------------------------------------------
// Loading

fn load(file: &str) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/vectors/ec2-protocol/botocore")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match serde_json::from_str(&text) {
        Ok(Value::Array(suites)) => suites,
        other => panic!("{file}: expected a list of suites, got {other:?}"),
    }
}

/// Every case id in a file, in file order.
fn case_ids(suites: &[Value]) -> Vec<String> {
    suites
        .iter()
        .flat_map(|s| s["cases"].as_array().expect("cases").iter())
        .map(|c| c["id"].as_str().expect("case id").to_owned())
        .collect()
}

/// The suite and case with this id; the id must be unique in the file.
fn find_case<'a>(suites: &'a [Value], file: &str, id: &str) -> (&'a Value, &'a Value) {
    let mut found = suites.iter().flat_map(|s| {
        s["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .filter(|c| c["id"] == id)
            .map(move |c| (s, c))
    });
    let first = found
        .next()
        .unwrap_or_else(|| panic!("{file}: no case {id}"));
    assert!(found.next().is_none(), "{file}: case {id} appears twice");
    first
}

fn str_of<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{what}: expected a string, got {v}"))
}

/// A named shape of the suite.
fn shape<'a>(shapes: &'a Value, name: &str) -> &'a Value {
    shapes
        .get(name)
        .unwrap_or_else(|| panic!("shape {name} is not in the suite"))
}

/// The shape a member (or list member) reference targets.
fn target<'a>(shapes: &'a Value, member: &Value) -> &'a Value {
    shape(shapes, str_of(&member["shape"], "member shape"))
}

/// Member traits the walkers understand; any other (e.g. `hostLabel`) fails the case loudly.
const KNOWN_MEMBER_KEYS: &[&str] = &[
    "shape",
    "locationName",
    "queryName",
    "flattened",
    "xmlNamespace",
    "idempotencyToken",
    "documentation",
];

fn check_member_traits(id: &str, name: &str, member: &Value) {
    for k in member.as_object().expect("member").keys() {
        assert!(
            KNOWN_MEMBER_KEYS.contains(&k.as_str()),
            "{id}: member {name} has trait {k:?}, which this walker does not model"
        );
    }
}

fn members(shape: &Value) -> &Map<String, Value> {
    shape["members"].as_object().expect("structure members")
}

// ---------------------------------------------------------------------------------------------
// Input: params → QueryWriter

/// One dot-separated part of a query key.
enum KeyPart {
    Name(String),
    Index(usize),
}

impl fmt::Display for KeyPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyPart::Name(n) => f.write_str(n),
            KeyPart::Index(i) => write!(f, "{i}"),
        }
    }
}

fn joined(path: &[KeyPart]) -> String {
    path.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The EC2 query key of a structure member: `queryName`, else the capitalized `locationName`, else
/// the capitalized member name (Smithy's `ec2QueryName` / `xmlName` rules).
fn query_key(name: &str, member: &Value) -> String {
    if let Some(q) = member.get("queryName") {
        return str_of(q, "queryName").to_owned();
    }
    match member.get("locationName") {
        Some(l) => capitalize(str_of(l, "locationName")),
        None => capitalize(name),
    }
}

struct InputWalker<'a> {
    id: &'a str,
    shapes: &'a Value,
    writer: QueryWriter,
}

impl InputWalker<'_> {
    /// Writes one pair: a plain key with `param`, an indexed one segment by segment with `key_param`.
    fn scalar(&mut self, path: &[KeyPart], value: &str) {
        if path.iter().any(|p| matches!(p, KeyPart::Index(_))) {
            let parts: Vec<KeySegment<'_>> = path
                .iter()
                .map(|p| match p {
                    KeyPart::Name(n) => KeySegment::Name(n),
                    KeyPart::Index(i) => KeySegment::Index(*i),
                })
                .collect();
            self.writer.key_param(&parts, value);
        } else {
            self.writer.param(&joined(path), value);
        }
    }

    fn structure(&mut self, path: &mut Vec<KeyPart>, shape: &Value, value: &Value) {
        let given = value
            .as_object()
            .unwrap_or_else(|| panic!("{}: expected an object, got {value}", self.id));
        for k in given.keys() {
            assert!(
                members(shape).contains_key(k),
                "{}: param {k} is not a member of its structure",
                self.id
            );
        }
        // Model order, as the SDK writes; the comparison does not depend on it.
        for (name, member) in members(shape) {
            check_member_traits(self.id, name, member);
            let Some(v) = given.get(name) else {
                assert!(
                    member.get("idempotencyToken").is_none(),
                    "{}: idempotency token {name} would need auto-fill",
                    self.id
                );
                continue;
            };
            path.push(KeyPart::Name(query_key(name, member)));
            self.value(path, member, v);
            path.pop();
        }
    }

    fn value(&mut self, path: &mut Vec<KeyPart>, member: &Value, value: &Value) {
        let shape = target(self.shapes, member);
        let id = self.id;
        match str_of(&shape["type"], "shape type") {
            "structure" => self.structure(path, shape, value),
            "list" => {
                let items = value
                    .as_array()
                    .unwrap_or_else(|| panic!("{id}: expected a list, got {value}"));
                // EC2 lists are always flattened, 1-based; the list member's locationName is not used.
                for (i, item) in items.iter().enumerate() {
                    path.push(KeyPart::Index(i + 1));
                    self.value(path, &shape["member"], item);
                    path.pop();
                }
            }
            "string" => {
                let s = str_of(value, id);
                if let Some(values) = shape.get("enum") {
                    assert!(
                        values.as_array().expect("enum").iter().any(|e| e == s),
                        "{id}: {s:?} is not in the enum"
                    );
                }
                self.scalar(path, s);
            }
            "boolean" => {
                let b = value
                    .as_bool()
                    .unwrap_or_else(|| panic!("{id}: expected a boolean, got {value}"));
                self.scalar(path, if b { "true" } else { "false" });
            }
            "integer" => {
                let n = value
                    .as_i64()
                    .filter(|n| i32::try_from(*n).is_ok())
                    .unwrap_or_else(|| panic!("{id}: expected a 32-bit integer, got {value}"));
                let mut text = String::new();
                ec2_wasm::text::push_i64(&mut text, n);
                self.scalar(path, &text);
            }
            other => panic!("{id}: {other} input shapes are outside the operations' shapes"),
        }
    }
}

/// Decoded pairs of a body; `Action` then `Version` must come first.
fn pairs_after_action(
    id: &str,
    side: &str,
    body: &str,
    action: &str,
    version: &str,
) -> Vec<(String, String)> {
    let pairs = form_decode(body)
        .unwrap_or_else(|e| panic!("{id}: {side} body {body:?} does not decode: {e}"));
    assert!(
        pairs.len() >= 2
            && pairs[0] == ("Action".to_owned(), action.to_owned())
            && pairs[1] == ("Version".to_owned(), version.to_owned()),
        "{id}: {side} body must start with Action={action}&Version={version}: {body:?}"
    );
    pairs
}

/// The real CreateSnapshot request against an endpoint: what every EC2 Query request shares.
fn client_request(endpoint: &str) -> ec2_wasm::request::HttpRequest {
    let credentials = Credentials {
        access_key_id: "AKIDEXAMPLE".into(),
        secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
        session_token: None,
    };
    let ctx = RequestContext {
        endpoint,
        signing_region: "us-east-1",
        signing_name: "ec2",
        credentials: &credentials,
        time_ms: 1_440_938_160_000.0,
        invocation_id: "00000000-0000-4000-8000-000000000000",
        attempt: 1,
        max_attempts: 3,
        x_amz_user_agent: "aws-sdk-js/3",
        user_agent: None,
    };
    let input = read_input(CREATE_SNAPSHOT.input, r#"{"VolumeId":"vol-1"}"#)
        .unwrap_or_else(|e| panic!("reading the input: {e}"));
    build_request(&CREATE_SNAPSHOT, &input, &ctx, None)
        .unwrap_or_else(|e| panic!("building a request for {endpoint}: {e}"))
}

/// Method, path, host and headers the case expects, checked against the client's real request.
fn check_http(id: &str, suite: &Value, serialized: &Value) {
    let endpoint = suite
        .get("clientEndpoint")
        .map_or("https://example.com", |e| str_of(e, "clientEndpoint"));
    let req = client_request(endpoint);
    assert_eq!(
        req.method,
        str_of(&serialized["method"], "method"),
        "{id}: method"
    );
    let after_scheme = req.url.split_once("://").expect("absolute URL").1;
    let (authority, path) = after_scheme.split_at(after_scheme.find('/').expect("path"));
    assert_eq!(
        path,
        str_of(&serialized["uri"], "uri"),
        "{id}: request path"
    );
    if let Some(host) = serialized.get("host") {
        // botocore writes the endpoint's path after the host (`example.com/custom`).
        let host = str_of(host, "host");
        assert_eq!(
            authority,
            host.split('/').next().unwrap_or(host),
            "{id}: host"
        );
    }
    let header = |name: &str| {
        req.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    if let Some(headers) = serialized.get("headers") {
        for (name, value) in headers.as_object().expect("headers") {
            assert_eq!(
                header(name),
                Some(str_of(value, name)),
                "{id}: header {name}"
            );
        }
    }
    if let Some(required) = serialized.get("requireHeaders") {
        for name in required.as_array().expect("requireHeaders") {
            let name = str_of(name, "requireHeaders");
            assert!(header(name).is_some(), "{id}: header {name} is missing");
        }
    }
}

fn run_input(id: &str) {
    let suites = load(INPUT_FILE);
    let (suite, case) = find_case(&suites, INPUT_FILE, id);
    let shapes = &suite["shapes"];
    let given = &case["given"];
    let action = str_of(&given["name"], "given.name");
    let version = str_of(&suite["metadata"]["apiVersion"], "apiVersion");
    let mut walker = InputWalker {
        id,
        shapes,
        writer: QueryWriter::new(action, version),
    };
    match given.get("input") {
        Some(input) => {
            let root = shape(shapes, str_of(&input["shape"], "input shape"));
            walker.structure(&mut Vec::new(), root, &case["params"]);
        }
        None => assert_eq!(case["params"], Value::Object(Map::new()), "{id}: params"),
    }
    let body = walker.writer.finish();
    let serialized = &case["serialized"];
    let expected = str_of(&serialized["body"], "serialized.body");
    let mut want = pairs_after_action(id, "expected", expected, action, version);
    let mut got = pairs_after_action(id, "written", &body, action, version);
    want.sort();
    got.sort();
    assert_eq!(
        got, want,
        "{id}: form pairs differ\n  written:  {body}\n  expected: {expected}"
    );
    check_http(id, suite, serialized);

    // The same params the way the client's input goes: their JSON read by `read_input` against the
    // case's shapes as the crate's tables, then written by the generic `serialize`.
    let tables = Tables { id, shapes };
    let root = match given.get("input") {
        Some(input) => tables.structure(str_of(&input["shape"], "input shape"), &[&case["params"]]),
        None => leak(StructureShape {
            xml_index: None,
            name: "Empty",
            members: &[],
        }),
    };
    let op = leak(Operation {
        name: leak_str(action),
        input: root,
        output: root,
    });
    let json = serde_json::to_string(&case["params"]).expect("params as JSON");
    let value = read_input(root, &json).unwrap_or_else(|e| panic!("{id}: read_input: {e}"));
    let generic = serialize(op, &value);
    let mut got = pairs_after_action(id, "serialized", &generic, action, API_VERSION);
    got[1].1 = version.to_owned();
    got.sort();
    assert_eq!(
        got, want,
        "{id}: form pairs differ\n  serialized: {generic}\n  expected:   {expected}"
    );
}

// ---------------------------------------------------------------------------------------------
// A case's shapes as the crate's shape tables

fn leak<T>(v: T) -> &'static T {
    Box::leak(Box::new(v))
}

fn leak_str(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// Builds `shapes` tables from a suite's shapes with the EC2 naming rules the code generator uses
/// (leaked: a test builds a few dozen small ones). The suites' shapes can be recursive, which static
/// tables cannot be, so a structure is built as deep as the params that fill it: a member no param
/// sets gets a placeholder string shape (never read, since absent).
struct Tables<'a> {
    id: &'a str,
    shapes: &'a Value,
}

impl Tables<'_> {
    /// Structure `name` for the values `given` (several for a list's entries).
    fn structure(&self, name: &str, given: &[&Value]) -> &'static StructureShape {
        let id = self.id;
        let sh = shape(self.shapes, name);
        let required: Vec<&str> = sh
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().map(|n| str_of(n, "required")).collect())
            .unwrap_or_default();
        let mut list = Vec::new();
        for (n, m) in members(sh) {
            check_member_traits(id, n, m);
            let xml_name = m
                .get("locationName")
                .map_or(n.as_str(), |l| str_of(l, "locationName"));
            let values: Vec<&Value> = given.iter().filter_map(|v| v.get(n)).collect();
            list.push(Member {
                name: leak_str(n),
                query_key: leak_str(&query_key(n, m)),
                xml_name: leak_str(xml_name),
                shape: if values.is_empty() {
                    Shape::String
                } else {
                    self.member_shape(m, &values)
                },
                required: required.contains(&n.as_str()),
            });
        }
        leak(StructureShape {
            xml_index: None,
            name: leak_str(name),
            members: Box::leak(list.into_boxed_slice()),
        })
    }

    fn member_shape(&self, member: &Value, given: &[&Value]) -> Shape {
        let name = str_of(&member["shape"], "member shape");
        let sh = shape(self.shapes, name);
        match str_of(&sh["type"], "shape type") {
            "structure" => Shape::Structure(self.structure(name, given)),
            "list" => {
                let entries: Vec<&Value> = given
                    .iter()
                    .filter_map(|v| v.as_array())
                    .flatten()
                    .collect();
                Shape::List(leak(ListShape {
                    member: self.member_shape(&sh["member"], &entries),
                    xml_item: leak_str(entry_name(sh)),
                }))
            }
            "string" => match sh.get("enum").and_then(Value::as_array) {
                Some(values) => Shape::Enum(leak(EnumShape {
                    name: leak_str(name),
                    // Each value followed by `|`, as the generated tables write them.
                    values: leak_str(
                        &values
                            .iter()
                            .map(|v| format!("{}|", str_of(v, "enum value")))
                            .collect::<String>(),
                    ),
                })),
                None => Shape::String,
            },
            "boolean" => Shape::Boolean,
            "integer" => Shape::Integer,
            other => panic!(
                "{}: {other} input shapes are outside the operations' shapes",
                self.id
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Output: XML → Value through the crate's readers

struct OutputWalker<'a> {
    id: &'a str,
    shapes: &'a Value,
}

/// A finite `f64` as a JSON number.
fn number(x: f64) -> Value {
    Value::Number(serde_json::Number::from_f64(x).expect("finite number"))
}

fn is_flattened(member: &Value, list: &Value) -> bool {
    member.get("flattened") == Some(&Value::Bool(true))
        || list.get("flattened") == Some(&Value::Bool(true))
}

/// The element name of a list entry: the list member's `locationName`, else `member`.
fn entry_name(list: &Value) -> &str {
    list["member"]
        .get("locationName")
        .map_or("member", |l| str_of(l, "locationName"))
}

/// Checks a timestamp shape uses the RFC 3339 date-time format (the ec2 default).
fn check_date_time(id: &str, shape: &Value) {
    if let Some(f) = shape.get("timestampFormat") {
        assert_eq!(f, "iso8601", "{id}: only date-time timestamps apply");
    }
}

impl OutputWalker<'_> {
    /// Reads the members present under `el`, leaving out `skip`.
    fn structure(&self, shape: &Value, el: &Element, skip: &[&str]) -> Value {
        let id = self.id;
        let mut out = Map::new();
        for (name, member) in members(shape) {
            if skip.contains(&name.as_str()) {
                continue;
            }
            check_member_traits(id, name, member);
            let xml_name = member
                .get("locationName")
                .map_or(name.as_str(), |l| str_of(l, "locationName"));
            let t = target(self.shapes, member);
            let value = if t["type"] == "list" && is_flattened(member, t) {
                let entries: Vec<&Element> =
                    el.children.iter().filter(|c| c.name == xml_name).collect();
                if entries.is_empty() {
                    continue;
                }
                Value::Array(
                    entries
                        .into_iter()
                        .map(|e| self.value(&t["member"], e))
                        .collect(),
                )
            } else {
                match el.unique_child(xml_name) {
                    Ok(Some(child)) => self.value(member, child),
                    Ok(None) => continue,
                    Err(e) => panic!("{id}: {e}"),
                }
            };
            out.insert(name.clone(), value);
        }
        Value::Object(out)
    }

    fn value(&self, member: &Value, el: &Element) -> Value {
        let id = self.id;
        let shape = target(self.shapes, member);
        let what = el.name.as_str();
        let text = || el.leaf_text().unwrap_or_else(|e| panic!("{id}: {e}"));
        let fail = |e: ec2_wasm::Error| -> Value { panic!("{id}: {e}") };
        match str_of(&shape["type"], "shape type") {
            "structure" => self.structure(shape, el, &[]),
            "list" => {
                // As read_tags: entries by name, anything else ignored; a leaf list is empty.
                let entry = entry_name(shape);
                Value::Array(
                    el.children
                        .iter()
                        .filter(|c| c.name == entry)
                        .map(|c| self.value(&shape["member"], c))
                        .collect(),
                )
            }
            "string" => Value::String(text().to_owned()),
            "boolean" => parse_bool(text(), what).map_or_else(fail, Value::Bool),
            "integer" => parse_i32(text(), what).map_or_else(fail, Value::from),
            "long" => parse_i64(text(), what).map_or_else(fail, Value::from),
            "timestamp" => {
                check_date_time(id, shape);
                parse_timestamp(text(), what).map_or_else(fail, number)
            }
            other => panic!("{id}: {other} output shapes are outside the operations' shapes"),
        }
    }

    /// The case's expected value in the walker's terms: timestamps become epoch milliseconds.
    fn expected(&self, shape: &Value, value: &Value, skip: &[&str]) -> Value {
        let id = self.id;
        match str_of(&shape["type"], "shape type") {
            "structure" => {
                let given = value.as_object().expect("result object");
                let mut out = Map::new();
                for (k, v) in given {
                    if skip.contains(&k.as_str()) {
                        continue;
                    }
                    let member = members(shape)
                        .get(k)
                        .unwrap_or_else(|| panic!("{id}: result member {k} is not in the shape"));
                    out.insert(
                        k.clone(),
                        self.expected(target(self.shapes, member), v, &[]),
                    );
                }
                Value::Object(out)
            }
            "list" => {
                let item = target(self.shapes, &shape["member"]);
                Value::Array(
                    value
                        .as_array()
                        .expect("result list")
                        .iter()
                        .map(|v| self.expected(item, v, &[]))
                        .collect(),
                )
            }
            "timestamp" => {
                let secs = value.as_f64().expect("timestamp in epoch seconds");
                number((secs * 1000.0).round())
            }
            _ => value.clone(),
        }
    }
}

/// Deep equality with numbers compared as numbers (`3` equals `3.0`).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

fn assert_same(id: &str, what: &str, got: &Value, want: &Value) {
    assert!(
        same(got, want),
        "{id}: {what} differs\n  read:     {got}\n  expected: {want}"
    );
}

fn run_output(id: &str) {
    let suites = load(OUTPUT_FILE);
    let (suite, case) = find_case(&suites, OUTPUT_FILE, id);
    let walker = OutputWalker {
        id,
        shapes: &suite["shapes"],
    };
    let response = &case["response"];
    let body = str_of(&response["body"], "response.body");
    let status = response["status_code"].as_u64().expect("status_code");
    if case.get("errorCode").is_some() {
        assert!(status >= 400, "{id}: error case with status {status}");
        return run_error(&walker, case, body);
    }
    assert_eq!(status, 200, "{id}: status");
    let root = parse_document(body.as_bytes()).unwrap_or_else(|e| panic!("{id}: {e}"));
    let output = shape(
        walker.shapes,
        str_of(&case["given"]["output"]["shape"], "output shape"),
    );
    let skip: Vec<&str> = OUTPUT_MEMBERS_SKIPPED
        .iter()
        .filter(|(case_id, _, _)| *case_id == id)
        .map(|(_, member, _)| *member)
        .collect();
    // Members sit directly under the root, whatever its name (no `Result` wrapper in ec2).
    let got = walker.structure(output, &root, &skip);
    let want = walker.expected(output, &case["result"], &skip);
    assert_same(id, "output", &got, &want);
}

fn run_error(walker: &OutputWalker<'_>, case: &Value, body: &str) {
    let id = walker.id;
    let parsed = parse_error_response(body.as_bytes()).unwrap_or_else(|e| panic!("{id}: {e}"));
    let code = str_of(&case["errorCode"], "errorCode");
    assert_eq!(parsed.error.code.as_deref(), Some(code), "{id}: code");
    if let Some(message) = case.get("errorMessage") {
        assert_eq!(
            parsed.error.message.as_deref(),
            Some(str_of(message, "errorMessage")),
            "{id}: message"
        );
    }
    // The cases state no request id; the body's `<RequestID>` text is the one to expect.
    let request_id = body
        .split_once("<RequestID>")
        .and_then(|(_, rest)| rest.split_once("</RequestID>"))
        .map(|(v, _)| v);
    assert_eq!(
        parsed.error.request_id.as_deref(),
        request_id,
        "{id}: request id"
    );
    // Modeled members: the error shape named by the code, read from <Errors><Error>.
    let Some(expected) = case.get("error") else {
        return;
    };
    let errors = case["given"]["errors"].as_array().expect("given.errors");
    let error_shape = errors
        .iter()
        .map(|e| str_of(&e["shape"], "error shape"))
        .find(|s| *s == code)
        .unwrap_or_else(|| panic!("{id}: no error shape named {code}"));
    let shape = shape(walker.shapes, error_shape);
    let root = parse_document(body.as_bytes()).unwrap_or_else(|e| panic!("{id}: {e}"));
    let error_el = root
        .child("Errors")
        .and_then(|e| e.child("Error"))
        .unwrap_or_else(|| panic!("{id}: no <Errors><Error>"));
    let got = walker.structure(shape, error_el, &[]);
    let want = walker.expected(shape, expected, &[]);
    assert_same(id, "error members", &got, &want);
    // Top-level string members are what the client copies onto the JS exception.
    for (k, v) in expected.as_object().expect("error object") {
        if let Value::String(s) = v {
            assert!(
                parsed.fields.iter().any(|(n, t)| n == k && t == s),
                "{id}: field {k}={s:?} missing from {:?}",
                parsed.fields
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Nothing dropped silently

#[test]
fn every_case_is_run_or_listed() {
    for (file, run, not_applicable) in [
        (INPUT_FILE, INPUT_RUN, INPUT_NOT_APPLICABLE),
        (OUTPUT_FILE, OUTPUT_RUN, OUTPUT_NOT_APPLICABLE),
    ] {
        let all = case_ids(&load(file));
        let all_set: BTreeSet<&str> = all.iter().map(String::as_str).collect();
        assert_eq!(all_set.len(), all.len(), "{file}: duplicate case ids");
        let run_set: BTreeSet<&str> = run.iter().copied().collect();
        assert_eq!(run_set.len(), run.len(), "{file}: a case runs twice");
        let na_set: BTreeSet<&str> = not_applicable.iter().map(|(id, _)| *id).collect();
        assert_eq!(
            na_set.len(),
            not_applicable.len(),
            "{file}: a case is listed twice"
        );
        let both: Vec<_> = run_set.intersection(&na_set).collect();
        assert!(both.is_empty(), "{file}: run and listed: {both:?}");
        let covered: BTreeSet<&str> = run_set.union(&na_set).copied().collect();
        let missing: Vec<_> = all_set.difference(&covered).collect();
        let unknown: Vec<_> = covered.difference(&all_set).collect();
        assert!(
            missing.is_empty() && unknown.is_empty(),
            "{file}: not run and not listed: {missing:?}; not in the file: {unknown:?}"
        );
    }
    let suites = load(OUTPUT_FILE);
    for (id, member, _) in OUTPUT_MEMBERS_SKIPPED {
        assert!(
            OUTPUT_RUN.contains(id),
            "{id}: skipped members of a case that does not run"
        );
        let (suite, case) = find_case(&suites, OUTPUT_FILE, id);
        let output = shape(
            &suite["shapes"],
            str_of(&case["given"]["output"]["shape"], "output shape"),
        );
        assert!(
            members(output).contains_key(*member),
            "{id}: no member {member}"
        );
    }
}

/// The module docs mirror the three lists above, line for line.
#[test]
fn docs_mirror_the_lists() {
    let source = include_str!("protocol.rs");
    let doc_lines: Vec<&str> = source
        .lines()
        .filter_map(|l| l.strip_prefix("//! * "))
        .filter(|l| l.starts_with("input `") || l.starts_with("output `"))
        .collect();
    let mut expected: Vec<String> = INPUT_NOT_APPLICABLE
        .iter()
        .map(|(id, why)| format!("input `{id}`: {why}"))
        .chain(
            OUTPUT_NOT_APPLICABLE
                .iter()
                .map(|(id, why)| format!("output `{id}`: {why}")),
        )
        .chain(
            OUTPUT_MEMBERS_SKIPPED
                .iter()
                .map(|(id, m, why)| format!("output `{id}` member `{m}`: {why}")),
        )
        .collect();
    let mut got: Vec<String> = doc_lines.iter().map(|l| (*l).to_owned()).collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
}
