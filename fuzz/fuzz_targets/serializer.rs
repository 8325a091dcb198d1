//! `serialize_create_snapshot` on arbitrary input: the body is pure form encoding (no byte a header
//! or a URL parser could read specially), it decodes back to exactly the pairs the AWS SDK would
//! send, and the only refusal is an unknown `Location`.
#![no_main]

use arbitrary::Arbitrary;
use ec2_wasm::model::{CreateSnapshotInput, SnapshotLocation, Tag, TagSpecification};
use ec2_wasm::query::{form_decode, serialize_create_snapshot, EC2_API_VERSION};
use ec2_wasm::ErrorKind;
use ec2_wasm_fuzz::check_error;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct ArbTag {
    key: Option<String>,
    value: Option<String>,
}

#[derive(Arbitrary, Debug)]
struct ArbSpec {
    resource_type: Option<String>,
    tags: Option<Vec<ArbTag>>,
}

#[derive(Arbitrary, Debug)]
enum ArbLocation {
    Regional,
    Local,
    Other(String),
}

#[derive(Arbitrary, Debug)]
struct ArbInput {
    volume_id: String,
    description: Option<String>,
    outpost_arn: Option<String>,
    tag_specifications: Option<Vec<ArbSpec>>,
    location: Option<ArbLocation>,
    dry_run: Option<bool>,
}

impl ArbInput {
    fn to_model(&self) -> CreateSnapshotInput {
        CreateSnapshotInput {
            volume_id: self.volume_id.clone(),
            description: self.description.clone(),
            outpost_arn: self.outpost_arn.clone(),
            tag_specifications: self.tag_specifications.as_ref().map(|specs| {
                specs
                    .iter()
                    .map(|s| TagSpecification {
                        resource_type: s.resource_type.clone(),
                        tags: s.tags.as_ref().map(|tags| {
                            tags.iter()
                                .map(|t| Tag {
                                    key: t.key.clone(),
                                    value: t.value.clone(),
                                })
                                .collect()
                        }),
                    })
                    .collect()
            }),
            location: self.location.as_ref().map(|l| match l {
                ArbLocation::Regional => SnapshotLocation::Regional,
                ArbLocation::Local => SnapshotLocation::Local,
                ArbLocation::Other(s) => SnapshotLocation::from_wire(s),
            }),
            dry_run: self.dry_run,
        }
    }

    /// The pairs the AWS SDK for JavaScript v3 sends for this input, in its order, written
    /// independently of the serializer.
    fn expected_pairs(&self, location: Option<&str>) -> Vec<(String, String)> {
        let mut p: Vec<(String, String)> = vec![
            ("Action".into(), "CreateSnapshot".into()),
            ("Version".into(), EC2_API_VERSION.into()),
            ("VolumeId".into(), self.volume_id.clone()),
        ];
        if let Some(d) = &self.description {
            p.push(("Description".into(), d.clone()));
        }
        if let Some(a) = &self.outpost_arn {
            p.push(("OutpostArn".into(), a.clone()));
        }
        for (i, s) in self.tag_specifications.iter().flatten().enumerate() {
            let n = i + 1;
            if let Some(rt) = &s.resource_type {
                p.push((format!("TagSpecification.{n}.ResourceType"), rt.clone()));
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
        if let Some(l) = location {
            p.push(("Location".into(), l.into()));
        }
        if let Some(d) = self.dry_run {
            p.push(("DryRun".into(), d.to_string()));
        }
        p
    }
}

fuzz_target!(|arb: ArbInput| {
    let input = arb.to_model();
    let result = serialize_create_snapshot(&input);
    let known_location = match &input.location {
        Some(SnapshotLocation::Unknown(_)) => None,
        Some(l) => Some(Some(l.as_str())),
        None => Some(None),
    };
    match (result, known_location) {
        (Ok(body), Some(location)) => {
            assert!(
                body.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.~%&=".contains(&b)),
                "body holds a byte outside the form alphabet: {body:.300}"
            );
            let pairs = form_decode(&body).expect("the body must decode");
            assert_eq!(
                pairs,
                arb.expected_pairs(location),
                "round trip changed the input"
            );
            assert_eq!(
                serialize_create_snapshot(&input).ok().as_deref(),
                Some(body.as_str())
            );
        }
        (Err(e), None) => {
            assert_eq!(e.kind(), ErrorKind::InvalidInput);
            assert!(e.message().starts_with("Location:"), "{e}");
            check_error(&e);
        }
        (Ok(body), None) => panic!("unknown Location accepted: {body:.300}"),
        (Err(e), Some(_)) => panic!("valid input refused: {e}"),
    }
});
