//! A Worker that creates a snapshot: `POST /snapshots?volume=vol-…` answers
//! `{"snapshotId":…,"state":…}`, or the EC2 error's code and message with status 502. The endpoint,
//! region and keys come from the Worker's bindings (`EC2_ENDPOINT` optional, `AWS_REGION`,
//! `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`).

use ec2_wasm::config::{BehaviorVersion, Credentials, Region};
use ec2_wasm::error::{ProvideErrorMetadata, SdkError};
use ec2_wasm::types::{ResourceType, Tag, TagSpecification};
use ec2_wasm::{Client, Config};
use serde_json::json;
use worker::{event, Context, Env, Method, Request, Response, Result};

fn client(env: &Env) -> Result<Client> {
    let mut config = Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(env.var("AWS_REGION")?.to_string()))
        .credentials_provider(Credentials::new(
            env.secret("AWS_ACCESS_KEY_ID")?.to_string(),
            env.secret("AWS_SECRET_ACCESS_KEY")?.to_string(),
            None,
            None,
            "worker-bindings",
        ));
    if let Ok(endpoint) = env.var("EC2_ENDPOINT") {
        config = config.endpoint_url(endpoint.to_string());
    }
    Ok(Client::from_conf(config.build()))
}

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    if req.method() != Method::Post || req.path() != "/snapshots" {
        return Response::error("POST /snapshots?volume=vol-…", 404);
    }
    let url = req.url()?;
    let Some(volume) = url
        .query_pairs()
        .find(|(k, _)| k == "volume")
        .map(|(_, v)| v.into_owned())
    else {
        return Response::error("volume: required query parameter", 400);
    };
    let result = client(&env)?
        .create_snapshot()
        .volume_id(volume)
        .description("from a Rust Worker")
        .tag_specifications(
            TagSpecification::builder()
                .resource_type(ResourceType::Snapshot)
                .tags(Tag::builder().key("made-by").value("worker-rs").build())
                .build(),
        )
        .send()
        .await;
    match result {
        Ok(out) => Response::from_json(&json!({
            "snapshotId": out.snapshot_id(),
            "volumeId": out.volume_id(),
            "state": out.state().map(|s| s.as_str()),
        })),
        Err(err) => {
            let status = if matches!(err, SdkError::ServiceError(_)) {
                502
            } else {
                500
            };
            let body = json!({
                "error": err.code().unwrap_or("ClientError"),
                "message": err.message().map(str::to_owned).unwrap_or_else(|| {
                    std::error::Error::source(&err).map(|s| s.to_string()).unwrap_or_else(|| err.to_string())
                }),
            });
            Ok(Response::from_json(&body)?.with_status(status))
        }
    }
}
