//! The port check: one program written against `aws-sdk-ec2` 1.x. It is compiled unchanged against
//! the real `aws-sdk-ec2` (native/, `make port-check-native`) and against ec2-wasm's client on wasm32
//! (wasm/, where Cargo.toml renames `ec2-wasm` to `aws_sdk_ec2`), and run against moto there.

use std::error::Error;
use std::time::Duration;

use aws_sdk_ec2::client::Waiters;
use aws_sdk_ec2::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_ec2::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_ec2::types::{Filter, ResourceType, SnapshotState, Tag, TagSpecification};
use aws_sdk_ec2::{Client, Config};

/// Where to run and with which keys.
pub struct Target<'a> {
    pub endpoint: &'a str,
    pub access_key_id: &'a str,
    pub secret_access_key: &'a str,
    pub volume_id: &'a str,
}

/// Creates a snapshot, describes it, finds it through the paginator, waits for it and provokes a
/// service error; returns what it saw, one line per step.
pub async fn run(t: &Target<'_>) -> Result<Vec<String>, Box<dyn Error>> {
    let config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(
            t.access_key_id,
            t.secret_access_key,
            None,
            None,
            "port-check",
        ))
        .endpoint_url(t.endpoint)
        .build();
    let client = Client::from_conf(config);
    let mut seen = Vec::new();
    builders_and_getters()?;

    let created = client
        .create_snapshot()
        .volume_id(t.volume_id)
        .description("port check")
        .tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::Snapshot)
                .tags(Tag::builder().key("Name").value("port-check").build())
                .build(),
        )
        .send()
        .await?;
    let id = created.snapshot_id().ok_or("no snapshot id")?.to_owned();
    let tagged = created.tags().iter().any(|t| t.key() == Some("Name"));
    seen.push(format!("create: {id} tagged={tagged}"));

    let described = client.describe_snapshots().snapshot_ids(&id).send().await?;
    let snapshot = described.snapshots().first().ok_or("not described")?;
    let started = snapshot.start_time().map(|d| d.secs()).unwrap_or_default();
    seen.push(format!(
        "describe: {} volume={} started={}",
        snapshot.snapshot_id().unwrap_or_default(),
        snapshot.volume_id().unwrap_or_default(),
        started > 0
    ));

    let mut items = client
        .describe_snapshots()
        .filters(
            Filter::builder()
                .name("volume-id")
                .values(t.volume_id)
                .build(),
        )
        .into_paginator()
        .items()
        .send();
    let mut found = false;
    let mut count = 0;
    while let Some(item) = items.next().await {
        let item = item?;
        count += 1;
        found |= item.snapshot_id() == Some(id.as_str());
    }
    seen.push(format!("paginate: {count} snapshots, found={found}"));

    let done = client
        .wait_until_snapshot_completed()
        .snapshot_ids(&id)
        .wait(Duration::from_secs(60))
        .await?;
    let completed = done
        .into_result()?
        .snapshots()
        .iter()
        .all(|s| s.state() == Some(&SnapshotState::Completed));
    seen.push(format!("wait: completed={completed}"));

    match client
        .create_snapshot()
        .volume_id("vol-0000000000000dead")
        .send()
        .await
    {
        Ok(_) => return Err("a snapshot of a volume that does not exist".into()),
        Err(err) => {
            let service = matches!(err, SdkError::ServiceError(_));
            let code = err.code().unwrap_or_default().to_owned();
            let e = err.into_service_error();
            seen.push(format!(
                "error: service={service} code={code} same={}",
                e.code() == Some(code.as_str())
            ));
        }
    }
    Ok(seen)
}

/// The shapes' builders (`x`, `get_x`) and the inputs' getters, read back as `aws-sdk-ec2` types them.
fn builders_and_getters() -> Result<(), Box<dyn Error>> {
    use aws_sdk_ec2::operation::create_snapshot::CreateSnapshotInput;
    use aws_sdk_ec2::operation::describe_snapshots::DescribeSnapshotsInput;
    let tag = Tag::builder().key("k").value("v");
    let key: &Option<String> = tag.get_key();
    let value: &Option<String> = tag.get_value();
    let spec = TagSpecification::builder()
        .resource_type(ResourceType::Snapshot)
        .tags(Tag::builder().key("k").build());
    let tags: &Option<Vec<Tag>> = spec.get_tags();
    let resource_type: &Option<ResourceType> = spec.get_resource_type();
    let filter = Filter::builder().name("volume-id").values("vol-1");
    let name: &Option<String> = filter.get_name();
    let values: &Option<Vec<String>> = filter.get_values();
    let create = CreateSnapshotInput::builder()
        .volume_id("vol-1")
        .outpost_arn("arn:aws:outposts:us-east-1:123456789012:outpost/op-1")
        .dry_run(true)
        .build()?;
    let describe = DescribeSnapshotsInput::builder()
        .owner_ids("self")
        .restorable_by_user_ids("123456789012")
        .build()?;
    let read = key.as_deref() == Some("k")
        && value.as_deref() == Some("v")
        && tags.as_ref().map(Vec::len) == Some(1)
        && resource_type.as_ref() == Some(&ResourceType::Snapshot)
        && name.as_deref() == Some("volume-id")
        && values.as_ref().map(Vec::len) == Some(1)
        && create.outpost_arn().is_some_and(|a| a.ends_with("op-1"))
        && create.location().is_none()
        && create.dry_run() == Some(true)
        && describe.owner_ids().first().map(String::as_str) == Some("self")
        && describe.restorable_by_user_ids().len() == 1;
    if read {
        Ok(())
    } else {
        Err("a builder or getter read back something else".into())
    }
}
