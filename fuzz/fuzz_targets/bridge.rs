//! The JS shell's string protocol (`src/bridge.rs`): any text given to the JSON input reader, the
//! headers reader or the context parser is read or refused with a bounded error, never a panic; and
//! any input written as `JSON.stringify` would write it reads back to exactly that input.
#![no_main]

use arbitrary::Arbitrary;
use ec2_wasm::bridge::{headers_from_json, input_from_json, push_json_string, Context};
use ec2_wasm::model::{CreateSnapshotInput, SnapshotLocation, Tag, TagSpecification};
use ec2_wasm_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct ArbTag {
    key: Option<String>,
    value: Option<String>,
    null_entry: bool,
}

#[derive(Arbitrary, Debug)]
struct ArbSpec {
    resource_type: Option<String>,
    tags: Option<Vec<ArbTag>>,
    null_entry: bool,
}

#[derive(Arbitrary, Debug)]
struct ArbInput {
    volume_id: String,
    description: Option<String>,
    outpost_arn: Option<String>,
    tag_specifications: Option<Vec<ArbSpec>>,
    location: Option<String>,
    dry_run: Option<bool>,
    /// An unknown member with arbitrary (JSON-quoted) text, placed first.
    extra: Option<String>,
}

#[derive(Arbitrary, Debug)]
enum Case {
    Raw(String),
    Structured(ArbInput),
}

fn member(out: &mut String, first: &mut bool, key: &str, v: &Option<String>) {
    if let Some(v) = v {
        if !*first {
            out.push(',');
        }
        *first = false;
        push_json_string(out, key);
        out.push(':');
        push_json_string(out, v);
    }
}

fn to_json(i: &ArbInput) -> (String, CreateSnapshotInput) {
    let mut s = String::from("{");
    let mut first = true;
    member(&mut s, &mut first, "x-unknown", &i.extra);
    member(&mut s, &mut first, "VolumeId", &Some(i.volume_id.clone()));
    member(&mut s, &mut first, "Description", &i.description);
    member(&mut s, &mut first, "OutpostArn", &i.outpost_arn);
    member(&mut s, &mut first, "Location", &i.location);
    if let Some(d) = i.dry_run {
        s.push_str(if d { ",\"DryRun\":true" } else { ",\"DryRun\":false" });
    }
    let mut want_specs = None;
    if let Some(specs) = &i.tag_specifications {
        s.push_str(",\"TagSpecifications\":[");
        let mut list = Vec::new();
        for (n, sp) in specs.iter().enumerate() {
            if n > 0 {
                s.push(',');
            }
            if sp.null_entry {
                s.push_str("null");
                continue;
            }
            s.push('{');
            let mut f = true;
            member(&mut s, &mut f, "ResourceType", &sp.resource_type);
            let mut want_tags = None;
            if let Some(tags) = &sp.tags {
                s.push_str(if f { "\"Tags\":[" } else { ",\"Tags\":[" });
                let mut tl = Vec::new();
                for (m, t) in tags.iter().enumerate() {
                    if m > 0 {
                        s.push(',');
                    }
                    if t.null_entry {
                        s.push_str("null");
                        continue;
                    }
                    s.push('{');
                    let mut tf = true;
                    member(&mut s, &mut tf, "Key", &t.key);
                    member(&mut s, &mut tf, "Value", &t.value);
                    s.push('}');
                    tl.push(Tag {
                        key: t.key.clone(),
                        value: t.value.clone(),
                    });
                }
                s.push(']');
                want_tags = Some(tl);
            }
            s.push('}');
            list.push(TagSpecification {
                resource_type: sp.resource_type.clone(),
                tags: want_tags,
            });
        }
        s.push(']');
        want_specs = Some(list);
    }
    s.push('}');
    let want = CreateSnapshotInput {
        volume_id: i.volume_id.clone(),
        description: i.description.clone(),
        outpost_arn: i.outpost_arn.clone(),
        tag_specifications: want_specs,
        location: i.location.as_deref().map(SnapshotLocation::from_wire),
        dry_run: i.dry_run,
    };
    (s, want)
}

fuzz_target!(|case: Case| {
    match case {
        Case::Raw(text) => {
            if let Err(e) = input_from_json(&text) {
                check_error(&e);
            }
            if let Err(e) = headers_from_json(&text) {
                check_error(&e);
            }
            match Context::parse(&text) {
                Ok(mut c) => {
                    // Debug never prints the secret or the token (a marker stands in for them, since
                    // short arbitrary secrets can occur inside the other fields by chance).
                    c.credentials.secret_access_key = "SECRET-MARKER-7f3a".into();
                    c.credentials.session_token = Some("TOKEN-MARKER-7f3a".into());
                    let d = format!("{c:?}");
                    assert!(!d.contains("SECRET-MARKER") && !d.contains("TOKEN-MARKER"), "{d}");
                }
                Err(e) => {
                    check_error(&e);
                    // The context holds the secret: its errors never depend on (echo) the text.
                    assert_eq!(
                        e.message(),
                        Context::parse("").err().map(|e| e.message().to_owned()).unwrap_or_default()
                    );
                }
            }
        }
        Case::Structured(i) => {
            let (json, want) = to_json(&i);
            let got = input_from_json(&json).unwrap_or_else(|e| panic!("{json:?} refused: {e}"));
            assert_eq!(got, want, "{json}");
        }
    }
});
