//! The query writer on arbitrary inputs of both operations, given as the JS shell gives them
//! (`JSON.stringify(input)`, read by `read_input`): the body is pure form encoding (no byte a header
//! or a URL parser could read specially), it decodes back to exactly the pairs the AWS SDK would
//! send (written here independently of the crate), it is deterministic, and the only refusals are
//! the model's enum rules (`Location`, a tag specification's `ResourceType`), the first in model
//! order, named by their field.
#![no_main]

use arbitrary::Arbitrary;
use ec2_wasm::query::{form_decode, serialize};
use ec2_wasm::shapes::generated::{
    API_VERSION, CREATE_SNAPSHOT, DESCRIBE_SNAPSHOTS, TAG_SPECIFICATION,
};
use ec2_wasm::shapes::Operation;
use ec2_wasm::wire::json_in::read_input;
use ec2_wasm::wire::json_out::push_json_string;
use ec2_wasm::ErrorKind;
use ec2_wasm_fuzz::{accepts, check_error, ArbEnum};
use libfuzzer_sys::fuzz_target;

/// An enum member: one of the model's values, or any text.
#[derive(Arbitrary, Debug)]
struct ArbTag {
    key: Option<String>,
    value: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct ArbSpec {
    resource_type: Option<ArbEnum>,
    tags: Option<Vec<ArbTag>>,
}

#[derive(Arbitrary, Debug)]
struct ArbCreate {
    volume_id: String,
    description: Option<String>,
    outpost_arn: Option<String>,
    tag_specifications: Option<Vec<ArbSpec>>,
    location: Option<ArbEnum>,
    dry_run: Option<bool>,
}

#[derive(Arbitrary, Debug)]
struct ArbFilter {
    name: Option<String>,
    values: Option<Vec<String>>,
}

#[derive(Arbitrary, Debug)]
struct ArbDescribe {
    max_results: Option<i32>,
    next_token: Option<String>,
    owner_ids: Option<Vec<String>>,
    restorable_by_user_ids: Option<Vec<String>>,
    snapshot_ids: Option<Vec<String>>,
    dry_run: Option<bool>,
    filters: Option<Vec<ArbFilter>>,
}

#[derive(Arbitrary, Debug)]
enum Case {
    Create(ArbCreate),
    Describe(ArbDescribe),
}

/// Writes a JSON object as `JSON.stringify` does, member by member.
struct Obj(String);

impl Obj {
    fn new() -> Self {
        Obj(String::from("{"))
    }
    fn key(&mut self, k: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_json_string(&mut self.0, k);
        self.0.push(':');
    }
    fn raw(&mut self, k: &str, v: &str) {
        self.key(k);
        self.0.push_str(v);
    }
    fn string(&mut self, k: &str, v: &Option<String>) {
        if let Some(v) = v {
            self.key(k);
            push_json_string(&mut self.0, v);
        }
    }
    fn bool(&mut self, k: &str, v: Option<bool>) {
        if let Some(b) = v {
            self.raw(k, if b { "true" } else { "false" });
        }
    }
    fn strings(&mut self, k: &str, v: &Option<Vec<String>>) {
        if let Some(items) = v {
            let texts: Vec<String> = items
                .iter()
                .map(|s| {
                    let mut q = String::new();
                    push_json_string(&mut q, s);
                    q
                })
                .collect();
            self.raw(k, &format!("[{}]", texts.join(",")));
        }
    }
    fn end(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// Expected pairs for `key.1`, `key.2`… from a string list.
fn list(p: &mut Vec<(String, String)>, key: &str, v: &Option<Vec<String>>) {
    for (i, s) in v.iter().flatten().enumerate() {
        p.push((format!("{key}.{}", i + 1), s.clone()));
    }
}

fn start(action: &str) -> Vec<(String, String)> {
    vec![
        ("Action".into(), action.into()),
        ("Version".into(), API_VERSION.into()),
    ]
}

impl ArbCreate {
    fn json(&self) -> String {
        let mut o = Obj::new();
        o.string("Description", &self.description);
        o.string("OutpostArn", &self.outpost_arn);
        o.string("VolumeId", &Some(self.volume_id.clone()));
        if let Some(specs) = &self.tag_specifications {
            let mut items = Vec::new();
            for s in specs {
                let mut so = Obj::new();
                so.string(
                    "ResourceType",
                    &s.resource_type
                        .as_ref()
                        .map(|r| r.text(&TAG_SPECIFICATION, "ResourceType")),
                );
                if let Some(tags) = &s.tags {
                    let tags: Vec<String> = tags
                        .iter()
                        .map(|t| {
                            let mut to = Obj::new();
                            to.string("Key", &t.key);
                            to.string("Value", &t.value);
                            to.end()
                        })
                        .collect();
                    so.raw("Tags", &format!("[{}]", tags.join(",")));
                }
                items.push(so.end());
            }
            o.raw("TagSpecifications", &format!("[{}]", items.join(",")));
        }
        o.string(
            "Location",
            &self
                .location
                .as_ref()
                .map(|l| l.text(CREATE_SNAPSHOT.input, "Location")),
        );
        o.bool("DryRun", self.dry_run);
        o.end()
    }

    /// The field of the first enum value the model does not list, in model order.
    fn refused(&self) -> Option<String> {
        for (i, s) in self.tag_specifications.iter().flatten().enumerate() {
            if let Some(r) = &s.resource_type {
                if !accepts(
                    &TAG_SPECIFICATION,
                    "ResourceType",
                    &r.text(&TAG_SPECIFICATION, "ResourceType"),
                ) {
                    return Some(format!("TagSpecifications[{i}].ResourceType"));
                }
            }
        }
        let location = self
            .location
            .as_ref()
            .map(|l| l.text(CREATE_SNAPSHOT.input, "Location"));
        match location {
            Some(l) if !accepts(CREATE_SNAPSHOT.input, "Location", &l) => Some("Location".into()),
            _ => None,
        }
    }

    /// The pairs the AWS SDK for JavaScript v3 sends, in its order: the required `VolumeId`, then
    /// the rest in model order.
    fn pairs(&self) -> Vec<(String, String)> {
        let mut p = start("CreateSnapshot");
        p.push(("VolumeId".into(), self.volume_id.clone()));
        if let Some(d) = &self.description {
            p.push(("Description".into(), d.clone()));
        }
        if let Some(a) = &self.outpost_arn {
            p.push(("OutpostArn".into(), a.clone()));
        }
        for (i, s) in self.tag_specifications.iter().flatten().enumerate() {
            let n = i + 1;
            if let Some(rt) = &s.resource_type {
                p.push((
                    format!("TagSpecification.{n}.ResourceType"),
                    rt.text(&TAG_SPECIFICATION, "ResourceType"),
                ));
            }
            for (j, t) in s.tags.iter().flatten().enumerate() {
                let m = j + 1;
                if let Some(k) = &t.key {
                    p.push((format!("TagSpecification.{n}.Tag.{m}.Key"), k.clone()));
                }
                if let Some(v) = &t.value {
                    p.push((format!("TagSpecification.{n}.Tag.{m}.Value"), v.clone()));
                }
            }
        }
        if let Some(l) = &self.location {
            p.push(("Location".into(), l.text(CREATE_SNAPSHOT.input, "Location")));
        }
        if let Some(d) = self.dry_run {
            p.push(("DryRun".into(), d.to_string()));
        }
        p
    }
}

impl ArbDescribe {
    fn json(&self) -> String {
        let mut o = Obj::new();
        // Reverse model order: the reader does not care.
        if let Some(filters) = &self.filters {
            let items: Vec<String> = filters
                .iter()
                .map(|f| {
                    let mut fo = Obj::new();
                    fo.strings("Values", &f.values);
                    fo.string("Name", &f.name);
                    fo.end()
                })
                .collect();
            o.raw("Filters", &format!("[{}]", items.join(",")));
        }
        o.bool("DryRun", self.dry_run);
        o.strings("SnapshotIds", &self.snapshot_ids);
        o.strings("RestorableByUserIds", &self.restorable_by_user_ids);
        o.strings("OwnerIds", &self.owner_ids);
        o.string("NextToken", &self.next_token);
        if let Some(n) = self.max_results {
            o.raw("MaxResults", &n.to_string());
        }
        o.end()
    }

    fn pairs(&self) -> Vec<(String, String)> {
        let mut p = start("DescribeSnapshots");
        if let Some(n) = self.max_results {
            p.push(("MaxResults".into(), n.to_string()));
        }
        if let Some(t) = &self.next_token {
            p.push(("NextToken".into(), t.clone()));
        }
        list(&mut p, "Owner", &self.owner_ids);
        list(&mut p, "RestorableBy", &self.restorable_by_user_ids);
        list(&mut p, "SnapshotId", &self.snapshot_ids);
        if let Some(d) = self.dry_run {
            p.push(("DryRun".into(), d.to_string()));
        }
        for (i, f) in self.filters.iter().flatten().enumerate() {
            let n = i + 1;
            if let Some(name) = &f.name {
                p.push((format!("Filter.{n}.Name"), name.clone()));
            }
            list(&mut p, &format!("Filter.{n}.Value"), &f.values);
        }
        p
    }
}

fn check(op: &Operation, json: &str, refused: Option<String>, pairs: Vec<(String, String)>) {
    match (read_input(op.input, json), refused) {
        (Ok(input), None) => {
            let body = serialize(op, &input);
            assert!(
                body.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.~%&=".contains(&b)),
                "body holds a byte outside the form alphabet: {body:.300}"
            );
            let decoded = form_decode(&body).expect("the body must decode");
            assert_eq!(decoded, pairs, "round trip changed the input: {json:.300}");
            assert_eq!(serialize(op, &input), body, "not deterministic");
        }
        (Err(e), Some(field)) => {
            assert_eq!(e.kind(), ErrorKind::InvalidInput);
            assert_eq!(e.field(), Some(field.as_str()), "{e}");
            assert!(e.message().contains("is not"), "{e}");
            check_error(&e);
        }
        (Ok(_), Some(field)) => panic!("{field}: a value the model does not list was accepted"),
        (Err(e), None) => panic!("valid input refused: {e}\n{json:.300}"),
    }
}

fuzz_target!(|case: Case| {
    match case {
        Case::Create(c) => check(&CREATE_SNAPSHOT, &c.json(), c.refused(), c.pairs()),
        Case::Describe(d) => check(&DESCRIBE_SNAPSHOTS, &d.json(), None, d.pairs()),
    }
});
